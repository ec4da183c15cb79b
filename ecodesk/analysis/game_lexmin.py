"""Analysis layer (numpy + scipy HiGHS, no Qt): the nucleolus by sequential linear
programmes with constraint generation, over a :class:`~ecodesk.analysis.game_space.CoalitionSpace`.

Round r of the sequential LP (Maschler–Peleg–Shapley) minimises the largest excess
t = max v(S) − x(S) over the coalitions still *free*, with x(N) = v(N), the coalitions
fixed in earlier rounds held at their levels and (Schmeidler's nucleolus) x_i ≥ v({i}).
Rows with a positive dual are tight in every optimum and get fixed; coalitions whose
indicator lies in the span of the fixed ones and N have a determined excess and stop being
free. At most one round per dimension.

**Constraint generation.** A round's LP is solved over a small *working set* of coalitions;
the separation step scans every free coalition for the largest excess (a vectorised pass
over the table, :meth:`CoalitionSpace.excess`) and adds the most violated ones, until none
exceeds t. The restricted optimum is then feasible for all coalitions, hence optimal, and
its positive duals (zero elsewhere) are an optimal dual of the full round, so fixing them is
as valid as in the full LP. Free coalitions are tracked by testing x(S) for two random
directions of the null space of the fixed rows (a coalition in the span has zero there).

**Symmetry.** Players of one type (equal parameters) get equal payoffs, so the LP runs in
one variable per type over coalition profiles; see :mod:`ecodesk.analysis.game_space`.

Spaces of at most ``DENSE_PROFILES`` profiles take every coalition into the first LP (the
classic method, row for row the solver ecodesk used before, so small pools give the same
numbers as before).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.game_space import CoalitionSpace

FloatArray = NDArray[np.float64]
GameKind = Literal["value", "cost"]

#: Spaces with at most this many profiles put every coalition into the LP at once.
DENSE_PROFILES = 64
#: Most violated coalitions added to the working set per separation step.
ADD_PER_STEP = 48

__all__ = ["ADD_PER_STEP", "DENSE_PROFILES", "nucleolus_space"]


def nucleolus_space(
    space: CoalitionSpace,
    *,
    kind: GameKind = "value",
    imputations: bool = True,
    tol: float = 1e-9,
    dense_limit: int = DENSE_PROFILES,
    cancel: Callable[[], bool] | None = None,
    info: dict[str, Any] | None = None,
) -> FloatArray:
    """The nucleolus of the game on ``space``: one payoff per player *type* (each player of
    type t receives ``result[t]``). ``kind='cost'``: the nucleolus of the value game −c,
    negated. ``info`` (a dict) receives ``lps`` (linear programmes solved), ``rows`` (largest
    working set), ``rounds`` and ``profiles``. ``cancel()`` is asked between programmes and
    raises :class:`AnalysisCancelled`."""
    from scipy.optimize import linprog  # lazy: scipy.optimize costs ~0.1 s to import, most analyses never need it

    if kind not in ("value", "cost"):
        raise ValueError(f"kind must be 'value' or 'cost', not {kind!r}")
    if kind == "cost":
        neg = CoalitionSpace(space.sizes, -space.values)
        return -nucleolus_space(neg, kind="value", imputations=imputations, tol=tol, dense_limit=dense_limit,
                                cancel=cancel, info=info)
    stats = info if info is not None else {}
    stats.update(lps=0, rows=0, rounds=0, profiles=space.size)
    nt = space.types
    if nt == 0:
        return np.zeros(0)
    if not np.all(np.isfinite(space.values)):
        raise ValueError("a game table must hold finite numbers")
    full = space.full
    m = space.grand
    if nt == 1:  # one type: everybody symmetric, an equal split
        return np.array([space.values[full] / m[0]]) + 0.0
    scale = max(1.0, float(np.max(np.abs(space.values))))
    vs = space.values / scale  # normalised: HiGHS tolerances are absolute
    space = CoalitionSpace(space.sizes, vs)
    singles = vs[space.singletons()]
    if imputations and float(singles @ m) <= vs[full] + 1e-12:
        bounds = [(float(b), None) for b in singles] + [(None, None)]
    else:
        bounds = [(None, None)] * (nt + 1)
    basis = m.reshape(1, -1) / math.sqrt(float(m @ m))  # orthonormal rows spanning the fixed coalitions and N
    free = np.ones(space.size, dtype=bool)
    free[0] = free[full] = False
    dense = space.size <= dense_limit
    in_work = free.copy() if dense else np.zeros(space.size, dtype=bool)
    buf = None if dense else np.empty(space.size)
    blocked = ~free | in_work
    fixed_rows: list[FloatArray] = []
    fixed_rhs: list[float] = []
    c_obj = np.zeros(nt + 1)
    c_obj[-1] = 1.0
    x = vs[full] / float(m.sum()) * np.ones(nt)
    x_in: FloatArray | None = None
    rng = np.random.default_rng(20_261_207)  # the null-space test directions: fixed, so results repeat

    def check() -> None:
        if cancel is not None and cancel():
            raise AnalysisCancelled("nucleolus cancelled", stage="nucleolus")

    def scan(y: FloatArray) -> FloatArray:
        assert buf is not None
        e = space.excess(y, out=buf)
        np.copyto(e, -np.inf, where=blocked)  # fixed, in the span, or already in the LP
        return e

    def add_worst(e: FloatArray, above: float) -> int:
        viol = np.flatnonzero(e > above)
        if len(viol) > ADD_PER_STEP:
            viol = viol[np.argpartition(-e[viol], ADD_PER_STEP - 1)[:ADD_PER_STEP]]
        in_work[viol] = True
        blocked[viol] = True
        return len(viol)

    def prune_rows(idx: NDArray[np.int64]) -> None:
        rows = space.counts(idx)
        resid = rows - (rows @ basis.T) @ basis
        free[idx[np.linalg.norm(resid, axis=1) < 1e-9]] = False

    def prune() -> None:
        if dense:
            prune_rows(np.flatnonzero(free))
            return
        prune_rows(np.flatnonzero(free & in_work))
        _, _, vt = np.linalg.svd(basis, full_matrices=True)
        null = vt[len(basis) :]  # orthonormal rows orthogonal to the fixed span
        if len(null) == 0:
            free[:] = False
            blocked[:] = True
            return
        r1, r2 = (rng.standard_normal(len(null)) @ null for _ in range(2))
        # a coalition outside the span is ≠ 0 on a random null direction; the (few) zeros of
        # the first direction are checked on a second one
        s1 = space.sums(r1 / np.linalg.norm(r1))
        cand = np.flatnonzero((np.abs(s1, out=s1) <= 1e-9) & free)
        cand = cand[np.abs(space.sums_at(r2 / np.linalg.norm(r2), cand)) <= 1e-9]
        free[cand] = False
        np.logical_or(~free, in_work, out=blocked)

    if not dense:  # seed the working set: singletons, their complements, the worst at an equal split
        seeds = np.concatenate([space.singletons(), space.complements()])
        in_work[seeds[free[seeds]]] = True
        add_worst(scan(x), -np.inf)

    for _ in range(nt + 1):
        if len(basis) >= nt or not free.any():
            break
        stats["rounds"] += 1
        x_in, upper = None, np.inf  # in-out stabilisation: the best point so far and its largest excess
        while True:
            check()
            idx = np.flatnonzero(free & in_work)
            rows = space.counts(idx)
            a_ub = np.hstack([-rows, -np.ones((len(idx), 1))])
            b_ub = -vs[idx]
            a_eq = np.vstack([np.append(m, 0.0)] + [np.append(r, 0.0) for r in fixed_rows])
            b_eq = np.array([vs[full], *fixed_rhs])
            res = linprog(c_obj, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            stats["lps"] += 1
            stats["rows"] = max(stats["rows"], len(idx))
            if res.status != 0:
                raise RuntimeError(f"nucleolus LP failed: {res.message}")
            x, t = res.x[:nt], float(res.x[-1])
            if dense:
                break
            # the LP point (its new violations are cuts) and the midpoint towards the best point so
            # far (a steadier guess of where the optimum lies) are both scanned
            added = 0
            for point in (x, None if x_in is None else 0.5 * (x_in + x)):
                if point is None:
                    continue
                e = scan(point)
                worst = max(float(e.max()), float(np.max(vs[idx] - rows @ point, initial=-np.inf)))
                if worst < upper:
                    x_in, upper = point.copy(), worst
                added += add_worst(e, t + 1e-9)
            if added == 0 or upper <= t + 1e-9:
                break
        duals = -np.asarray(res.ineqlin.marginals)  # ≥ 0: minimising with ≤ constraints
        excess = vs[idx] - rows @ x
        tight = excess >= t - 1e-7
        chosen = np.flatnonzero((duals > tol) & tight)
        if len(chosen) == 0:  # numerically flat duals: the largest one is positive (they sum to 1)
            chosen = np.array([int(np.argmax(np.where(tight, duals, -np.inf)))])
        for j in chosen[np.argsort(-duals[chosen], kind="stable")]:
            k = int(idx[j])
            r = rows[j] - (rows[j] @ basis.T) @ basis
            norm = float(np.linalg.norm(r))
            free[k] = False
            if norm > 1e-9:
                basis = np.vstack([basis, r / norm])
                fixed_rows.append(rows[j])
                fixed_rhs.append(float(vs[k] - t))
        prune()
    if not dense and x_in is not None:  # the in-point (optimal to 1e-9); exact once the fixed rows span
        x = x_in
        if len(basis) >= nt:
            x = np.linalg.solve(np.vstack([m, *fixed_rows[: nt - 1]]), np.array([vs[full], *fixed_rhs[: nt - 1]]))
    return np.asarray(x * scale + 0.0, dtype=np.float64)  # + 0.0 turns -0.0 into 0.0
