"""Analysis layer (numpy + scipy HiGHS, no Qt): the nucleolus of a large *weighted convex*
game by constraint generation with an exact separation by sorting — no table at all.

A value game v(S) = h(W_S), W_S = Σ_{i∈S} w_i (w ≥ 0), with h convex: the value form of a
cost pool c(S) = amount·(W_S/W_N)^β with β ≤ 1 (h = −c, and c is concave in W_S). Its
excess e(S) = h(W_S) − y(S) is maximised over coalitions by a *threshold set*: h is the
upper envelope of its tangent lines a + b·W, so max_S e(S) = max_b [a + Σ_i max(0, b·w_i −
y_i)], whose maximiser for each b is {i : y_i/w_i < b} — a prefix of the players sorted by
y_i/w_i. One sort and one pass over the n + 1 prefixes find the best coalition, also with
some players forced in or out (the forced part only shifts W and y).

The sequential LP (as :mod:`ecodesk.analysis.game_lexmin`) needs the most violated *free*
coalitions — not in the span of those fixed so far — so coalitions are enumerated in
order of decreasing excess (Lawler–Murty: each listed coalition splits the remaining
search space into subproblems with one more player forced in or out; all children of a
node are solved in one vectorised pass) and those in the span are skipped. A round whose
enumeration exceeds ``max_listed`` coalitions raises :class:`NucleolusTooLarge` rather
than guessing; so does a solve whose programmes together exceed ``max_lp_rows`` rows. Rows
that stayed slack are dropped from the working set once the round's level has risen.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ecodesk.analysis.errors import AnalysisCancelled

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

#: Work limits of one solve (deterministic, so a result never depends on the machine's speed):
#: coalitions listed by the separation, and rows summed over all linear programmes.
MAX_LISTED = 50_000
MAX_LP_ROWS = 80_000

__all__ = ["MAX_LISTED", "MAX_LP_ROWS", "NucleolusTooLarge", "WeightedConvexGame", "nucleolus_weighted_convex"]


class NucleolusTooLarge(RuntimeError):
    """The enumeration of coalitions needed more than its limit (the caller says so)."""


class WeightedConvexGame:
    """v(S) = h(W_S) with ``h`` vectorised and convex on [0, Σw], weights ≥ 0."""

    def __init__(self, weights: ArrayLike, h: Callable[[FloatArray], FloatArray]) -> None:
        self.w = np.asarray(weights, dtype=np.float64).reshape(-1)
        if np.any(self.w < 0) or not np.all(np.isfinite(self.w)):
            raise ValueError("weights must be finite and non-negative")
        self.h = h
        self.n = len(self.w)

    def values(self, rows: NDArray[Any]) -> FloatArray:
        return np.asarray(self.h(np.asarray(rows, dtype=np.float64) @ self.w), dtype=np.float64).reshape(-1)

    def ranked(self, y: FloatArray) -> Iterator[tuple[BoolArray, float]]:
        """Every coalition (∅ and N included) with its excess h(W_S) − y(S), largest first."""
        n, w = self.n, self.w
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(w > 0, y / np.where(w > 0, w, 1.0), np.where(y < 0, -np.inf, np.inf))
        order = np.argsort(ratio, kind="stable")  # include players from the left
        ws, ys = w[order], y[order]

        def solve(inside: BoolArray, outside: BoolArray) -> tuple[FloatArray, BoolArray]:
            """Rows of (inside, outside) masks in sorted order: the best excess and set of each."""
            free = ~(inside | outside)
            base_w = (inside * ws).sum(axis=1)
            base_y = (inside * ys).sum(axis=1)
            cw = np.concatenate([np.zeros((len(free), 1)), np.cumsum(free * ws, axis=1)], axis=1)
            cy = np.concatenate([np.zeros((len(free), 1)), np.cumsum(free * ys, axis=1)], axis=1)
            val = np.asarray(self.h(base_w[:, None] + cw), dtype=np.float64) - base_y[:, None] - cy
            k = np.argmax(val, axis=1)  # the best prefix of the free players
            best = val[np.arange(len(k)), k]
            sets = inside | (free & (np.arange(n)[None, :] < k[:, None]))
            return best, sets

        counter = itertools.count()
        none = np.zeros((1, n), dtype=bool)
        best, sets = solve(none, none)
        heap: list[tuple[float, int, BoolArray, BoolArray, BoolArray]] = [
            (-float(best[0]), next(counter), sets[0], none[0], none[0])]
        while heap:
            neg, _, s, inside, outside = heapq.heappop(heap)
            out = np.empty(n, dtype=bool)
            out[order] = s
            yield out, -neg
            fv = np.flatnonzero(~(inside | outside))
            if len(fv) == 0:
                continue
            m = len(fv)
            # child j: the first j free players as in s, player fv[j] the other way
            ins = np.repeat(inside[None, :], m, axis=0)
            outs = np.repeat(outside[None, :], m, axis=0)
            tri = np.tril(np.ones((m, m), dtype=bool), -1)  # row j: columns < j
            fixed_in = tri & s[fv][None, :]
            fixed_out = tri & ~s[fv][None, :]
            ins[:, fv] |= fixed_in
            outs[:, fv] |= fixed_out
            flip = np.arange(m)
            ins[flip, fv] |= ~s[fv]
            outs[flip, fv] |= s[fv]
            vals, kids = solve(ins, outs)
            for j in range(m):
                heapq.heappush(heap, (-float(vals[j]), next(counter), kids[j], ins[j], outs[j]))


def nucleolus_weighted_convex(
    game: WeightedConvexGame,
    *,
    imputations: bool = True,
    tol: float = 1e-9,
    add_per_step: int | None = None,
    max_listed: int = MAX_LISTED,
    max_lp_rows: int = MAX_LP_ROWS,
    cancel: Callable[[], bool] | None = None,
    info: dict[str, Any] | None = None,
) -> FloatArray:
    """The nucleolus of the value game ``game`` (sequential HiGHS LPs, constraint generation,
    separation by :meth:`WeightedConvexGame.ranked`). Raises :class:`NucleolusTooLarge` when
    the separation lists more than ``max_listed`` coalitions or the programmes more than
    ``max_lp_rows`` rows in all. ``info`` receives ``lps``, ``rows`` (largest programme),
    ``lp_rows`` (summed), ``rounds`` and ``listed``."""
    from scipy.optimize import linprog  # lazy: scipy.optimize costs ~0.1 s to import, most analyses never need it

    n = game.n
    stats = info if info is not None else {}
    stats.update(lps=0, rows=0, lp_rows=0, rounds=0, listed=0)
    if n == 0:
        return np.zeros(0)
    full = np.ones(n, dtype=bool)
    v_full = float(game.values(full[None, :])[0])
    if n == 1:
        return np.array([v_full])
    eye = np.eye(n, dtype=bool)
    singles = game.values(eye)
    ends = game.values(np.zeros((1, n)))
    scale = max(1.0, abs(v_full), float(np.abs(singles).max()), abs(float(ends[0])))
    vf = v_full / scale
    k_add = add_per_step or 2  # few at a time: the LPs here are very degenerate
    keep_rows = max(64, 6 * n)
    if imputations and float(singles.sum()) / scale <= vf + 1e-12:
        bounds = [(float(b) / scale, None) for b in singles] + [(None, None)]
    else:
        bounds = [(None, None)] * (n + 1)
    m = np.ones(n)
    basis = m.reshape(1, -1) / math.sqrt(n)
    work: dict[bytes, tuple[FloatArray, float]] = {}
    fixed_rows: list[FloatArray] = []
    fixed_rhs: list[float] = []
    c_obj = np.zeros(n + 1)
    c_obj[-1] = 1.0

    def in_span(row: FloatArray) -> bool:
        return float(np.linalg.norm(row - (row @ basis.T) @ basis)) < 1e-9

    def add(row: BoolArray) -> None:
        r = row.astype(np.float64)
        work[row.tobytes()] = (r, float(game.values(row[None, :])[0]) / scale)

    def separate(y: FloatArray, above: float) -> tuple[float, int]:
        """The largest free excess at y (scaled) and how many violated coalitions were added."""
        worst, added = -np.inf, 0
        for row, e in game.ranked(y * scale):
            e /= scale
            stats["listed"] += 1
            if e <= above:  # nothing further is violated; e bounds every excess still unlisted
                worst = max(worst, e)
                break
            if stats["listed"] > max_listed:
                raise NucleolusTooLarge(f"more than {max_listed} coalitions listed")
            if in_span(row.astype(np.float64)):
                continue
            worst = max(worst, e)
            if row.tobytes() in work:
                continue
            add(row)
            added += 1
            if added >= k_add:
                break
        return worst, added

    for i in range(n):  # singletons and their complements
        add(eye[i])
        add(~eye[i])
    x = np.full(n, vf / n)
    x_in: FloatArray | None = None
    for _ in range(n + 1):
        if len(basis) >= n:
            break
        stats["rounds"] += 1
        x_in, upper = None, np.inf
        last_drop = -np.inf
        while True:
            if cancel is not None and cancel():
                raise AnalysisCancelled("nucleolus cancelled", stage="nucleolus")
            items = [(r, v) for r, v in work.values() if not in_span(r)]
            if not items:
                break
            rows = np.array([r for r, _ in items])
            vals = np.array([v for _, v in items])
            a_ub = np.hstack([-rows, -np.ones((len(rows), 1))])
            a_eq = np.vstack([np.append(m, 0.0)] + [np.append(r, 0.0) for r in fixed_rows])
            b_eq = np.array([vf, *fixed_rhs])
            res = linprog(c_obj, A_ub=a_ub, b_ub=-vals, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            stats["lps"] += 1
            stats["rows"] = max(stats["rows"], len(rows))
            stats["lp_rows"] += len(rows)
            if stats["lp_rows"] > max_lp_rows:
                raise NucleolusTooLarge(f"more than {max_lp_rows} programme rows")
            if res.status != 0:
                raise RuntimeError(f"nucleolus LP failed: {res.message}")
            x, t = res.x[:n], float(res.x[-1])
            if len(rows) > keep_rows and t > last_drop + 1e-9:  # drop slack rows (only after t rose: no cycling)
                last_drop = t
                slack = t - (vals - rows @ x)
                dual = -np.asarray(res.ineqlin.marginals)
                order = np.lexsort((slack, dual <= tol))  # positive duals first, then the tightest
                for j in order[keep_rows:]:
                    work.pop(rows[j].astype(bool).tobytes(), None)
            added = 0
            for point in (x, None if x_in is None else 0.5 * (x_in + x)):
                if point is None:
                    continue
                worst, k = separate(point, t + 1e-9)
                worst = max(worst, float(np.max(vals - rows @ point)))
                if worst < upper:
                    x_in, upper = point.copy(), worst
                added += k
            if added == 0 or upper <= t + 1e-9:
                break
        if not items:
            break
        duals = -np.asarray(res.ineqlin.marginals)
        tight = vals - rows @ x >= t - 1e-7
        chosen = np.flatnonzero((duals > tol) & tight)
        if len(chosen) == 0:
            chosen = np.array([int(np.argmax(np.where(tight, duals, -np.inf)))])
        for j in chosen[np.argsort(-duals[chosen], kind="stable")]:
            r = rows[j] - (rows[j] @ basis.T) @ basis
            norm = float(np.linalg.norm(r))
            if norm > 1e-9:
                basis = np.vstack([basis, r / norm])
                fixed_rows.append(rows[j])
                fixed_rhs.append(float(vals[j] - t))
    if x_in is not None:
        x = x_in
    if len(basis) >= n:
        x = np.linalg.solve(np.vstack([m, *fixed_rows[: n - 1]]), np.array([vf, *fixed_rhs[: n - 1]]))
    return np.asarray(x * scale + 0.0, dtype=np.float64)
