"""The nucleolus solver ecodesk used before constraint generation (issue 19), kept verbatim
as the reference the new engine is checked against: one HiGHS LP per round over all
2**n − 2 coalitions (practical up to n ≈ 14)."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import linprog

from ecodesk.analysis.games import GameKind, _table, members_of

FloatArray = NDArray[np.float64]


def reference_nucleolus(
    v: ArrayLike,
    *,
    kind: GameKind = "value",
    imputations: bool = True,
    tol: float = 1e-9,
) -> FloatArray:
    """The nucleolus of a game table by sequential linear programmes (HiGHS).

    Value games: lexicographically minimise the largest excesses v(S) − x(S) over every
    nonempty proper coalition (singletons included) subject to x(N) = v(N). Cost games
    (``kind='cost'``): lexicographically maximise the smallest c(S) − x(S), i.e. the
    nucleolus of the value game −c, negated (= the nucleolus of the savings game).
    With ``imputations=True`` individual rationality x_i ≥ v({i}) (x_i ≤ c({i}) for costs)
    is also a hard bound — Schmeidler's nucleolus — unless the imputation set is empty,
    in which case the pre-nucleolus is returned.

    Each round minimises the largest free excess t; the constraints with a positive dual
    are tight in *every* optimal solution (complementary slackness), so they are fixed at
    that level; coalitions whose indicator lies in the span of the fixed ones (and N) have
    a determined excess and drop out. Every round adds at least one independent row, so at
    most n rounds are needed; the allocation is unique once the fixed rows span R^n.
    Practical up to n ≈ 14 (2**n − 2 constraints). ``v[0]`` is ignored (taken as 0).
    """
    if kind not in ("value", "cost"):
        raise ValueError(f"kind must be 'value' or 'cost', not {kind!r}")
    table, n = _table(v)
    if kind == "cost":
        return -reference_nucleolus(-table, kind="value", imputations=imputations, tol=tol)
    if n == 0:
        return np.zeros(0)
    full = (1 << n) - 1
    if n == 1:
        return np.array([table[full]])
    scale = max(1.0, float(np.max(np.abs(table))))
    vs = table / scale  # normalised: HiGHS tolerances are absolute
    masks = np.arange(1, full, dtype=np.int64)
    rows = members_of(masks, n).astype(np.float64)  # (K, n)
    singles = vs[1 << np.arange(n)]
    if imputations and singles.sum() <= vs[full] + 1e-12:
        bounds = [(float(b), None) for b in singles] + [(None, None)]
    else:
        bounds = [(None, None)] * (n + 1)
    basis = np.ones((1, n)) / math.sqrt(n)  # orthonormal rows spanning the fixed coalitions and N
    free = np.ones(len(masks), dtype=bool)
    fixed: list[int] = []
    levels: list[float] = []
    c_obj = np.zeros(n + 1)
    c_obj[-1] = 1.0
    x = np.full(n, vs[full] / n)

    def prune() -> None:
        idx = np.flatnonzero(free)
        resid = rows[idx] - (rows[idx] @ basis.T) @ basis
        free[idx[np.linalg.norm(resid, axis=1) < 1e-9]] = False

    for _ in range(n + 1):
        if len(basis) >= n or not free.any():
            break
        idx = np.flatnonzero(free)
        a_ub = np.hstack([-rows[idx], -np.ones((len(idx), 1))])
        b_ub = -vs[masks[idx]]
        a_eq = np.vstack([np.append(np.ones(n), 0.0)] + [np.append(rows[k], 0.0) for k in fixed])
        b_eq = np.array([vs[full]] + [vs[masks[k]] - lv for k, lv in zip(fixed, levels)])
        res = linprog(c_obj, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        if res.status != 0:
            raise RuntimeError(f"nucleolus LP failed: {res.message}")
        x, t = res.x[:n], float(res.x[-1])
        duals = -np.asarray(res.ineqlin.marginals)  # ≥ 0: minimising with ≤ constraints
        excess = vs[masks[idx]] - rows[idx] @ x
        tight = excess >= t - 1e-7
        chosen = np.flatnonzero((duals > tol) & tight)
        if len(chosen) == 0:  # numerically flat duals: the largest one is positive (they sum to 1)
            chosen = np.array([int(np.argmax(np.where(tight, duals, -np.inf)))])
        for j in chosen[np.argsort(-duals[chosen], kind="stable")]:
            k = int(idx[j])
            r = rows[k] - (rows[k] @ basis.T) @ basis
            norm = float(np.linalg.norm(r))
            free[k] = False
            if norm > 1e-9:
                basis = np.vstack([basis, r / norm])
                fixed.append(k)
                levels.append(t)
        prune()
    return np.asarray(x * scale + 0.0, dtype=np.float64)  # + 0.0 turns -0.0 into 0.0
