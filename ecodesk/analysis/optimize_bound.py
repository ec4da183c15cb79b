"""Analysis layer: a proven lower bound on the design cost by Lagrangian relaxation (SPEC §3.6).

For a time-limited run on a big platform, HiGHS's root LP alone can take longer than the
limit. The bound here is computed in a fraction of a second with numpy: relax the
single-sourcing rows Σ_k x_dk + s_d = 1 with multipliers λ_d, and drop the redundancy and
budget rows (dropping constraints of a minimisation only lowers its optimum). For any λ,

  L(λ) = Σ_d λ_d + Σ_d min(0, A_d − λ_d) + Σ_k φ_k(λ),
  φ_k = F_k − (fractional knapsack of savings (λ_d − u_k·v_d)⁺, weights v_d, capacity cap_k),

where φ_k counts in full for a capability to keep and as min(0, φ_k) otherwise; every L(λ)
is at most the least design cost (the fractional knapsack only lowers it further). λ starts at
each demand's cheapest cost (min of A_d and u_k·v_d: L is then Σ of those) and follows subgradient steps (Polyak's rule towards the
heuristic's cost); the best L seen is the bound. Deterministic (a fixed number of steps).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.optimize_model import Demand
from ecodesk.model import Capability


def lagrangian_bound(caps: list[Capability], demands: list[Demand], *, keep: frozenset[str],
                     exclude: frozenset[str], upper: float, redundancy: int = 1, steps: int = 80,
                     cancel: Callable[[], bool] | None = None) -> float:
    """A lower bound on the least cost of serving ``demands`` from ``caps`` (one category, or
    several: the relaxation does not care), given a design costing ``upper``. Of the
    redundancy rows one consequence is kept: a category with fewer than r capabilities that
    may stay serves nobody."""
    return lagrangian_fixing(caps, demands, keep=keep, exclude=exclude, upper=upper, redundancy=redundancy,
                             steps=steps, cancel=cancel)[0]


def lagrangian_fixing(caps: list[Capability], demands: list[Demand], *, keep: frozenset[str],
                      exclude: frozenset[str], upper: float, redundancy: int = 1, steps: int = 80,
                      cancel: Callable[[], bool] | None = None) -> tuple[float, frozenset[str], frozenset[str]]:
    """The bound of :func:`lagrangian_bound`, and the capabilities it settles: those no design
    costing at most ``upper`` can keep (L + φ_k > upper for a capability closed in the
    relaxation) or can close (L − φ_k > upper for one open in it). Every least-cost design
    keeps the second and closes the first, so fixing them loses none of them."""
    if not demands:
        return math.fsum(c.fixed_cost for c in caps if c.id in keep), frozenset(), frozenset()
    d_index = {d.id: i for i, d in enumerate(demands)}
    by_key: dict[str, list[int]] = {}
    for k, c in enumerate(caps):
        by_key.setdefault(c.category_key, []).append(k)
    pd: list[int] = []
    pk: list[int] = []
    allowed = {key: sum(1 for k in ks if caps[k].id not in exclude) for key, ks in by_key.items()}
    for d in demands:
        if allowed.get(d.key, 0) < redundancy:
            continue
        for k in by_key.get(d.key, []):
            c = caps[k]
            if c.id in exclude or (not d.key and c.id != d.current):
                continue
            if c.unit_cost * d.volume <= d.standalone:
                pd.append(d_index[d.id])
                pk.append(k)
    n_caps = len(caps)
    v = np.array([d.volume for d in demands])
    a = np.array([d.standalone for d in demands])
    fixed = np.array([c.fixed_cost for c in caps])
    capacity = np.array([math.inf if c.capacity is None else c.capacity for c in caps])
    forced = np.array([c.id in keep for c in caps])
    excluded = np.array([c.id in exclude for c in caps])
    p_d = np.array(pd, dtype=np.int64)
    p_k = np.array(pk, dtype=np.int64)
    order0 = np.argsort(p_k, kind="stable")
    p_d, p_k = p_d[order0], p_k[order0]
    unit = np.array([c.unit_cost for c in caps])
    p_cost = unit[p_k] * v[p_d]
    p_v = v[p_d]
    lam = a.copy()  # start: each demand's cheapest way, so no capability is worth opening yet
    np.minimum.at(lam, p_d, p_cost)
    best = -math.inf
    best_phi = fixed.copy()
    theta = 1.0
    since = 0
    for _ in range(steps):
        if cancel is not None and cancel():
            raise AnalysisCancelled("design optimisation cancelled", stage="optimize")
        value, grad, phi = _evaluate(lam, a, fixed, capacity, forced, excluded, p_d, p_k, p_cost, p_v, n_caps)
        if best == -math.inf or value > best + 1e-12 * max(1.0, abs(best)):
            best, best_phi, since = value, phi, 0
        else:
            since += 1
            if since >= 10:
                theta, since = theta / 2, 0
        norm = float(np.dot(grad, grad))
        if norm == 0 or best >= upper:
            break
        lam = lam + theta * max(upper - value, 0.0) / norm * grad
    margin = 1e-7 * max(1.0, abs(upper))  # well above the rounding of these sums
    drop = frozenset(c.id for k, c in enumerate(caps) if not forced[k] and not excluded[k]
                     and best_phi[k] >= 0 and best + best_phi[k] > upper + margin)
    force = frozenset(c.id for k, c in enumerate(caps) if not forced[k] and not excluded[k]
                      and best_phi[k] < 0 and best - best_phi[k] > upper + margin)
    return min(best, upper), drop, force


def _evaluate(lam: np.ndarray, a: np.ndarray, fixed: np.ndarray, capacity: np.ndarray, forced: np.ndarray,
              excluded: np.ndarray, p_d: np.ndarray, p_k: np.ndarray, p_cost: np.ndarray, p_v: np.ndarray,
              n_caps: int) -> tuple[float, np.ndarray, np.ndarray]:
    """L(λ), a subgradient (1 − s_d − Σ_k x_dk per demand) and φ_k per capability."""
    s = (a - lam < 0).astype(float)  # standalone where it beats the multiplier
    value = float(lam.sum() + np.minimum(0.0, a - lam).sum())
    saving = lam[p_d] - p_cost
    positive = saving > 0
    take = np.zeros(len(p_d))
    if positive.any():
        idx = np.nonzero(positive)[0]
        ratio = np.where(p_v[idx] > 0, saving[idx] / np.where(p_v[idx] > 0, p_v[idx], 1.0), np.inf)
        order = idx[np.lexsort((-ratio, p_k[idx]))]
        ks = p_k[order]
        vol = p_v[order]
        csum = np.cumsum(vol)
        starts = np.searchsorted(ks, ks, side="left")  # first position of each pair's capability
        before = csum - vol - np.where(starts > 0, csum[starts - 1], 0.0)
        room = capacity[ks] - before
        with np.errstate(divide="ignore", invalid="ignore"):
            frac = np.where(vol > 0, room / np.where(vol > 0, vol, 1.0), np.where(room >= 0, 1.0, 0.0))
        take[order] = np.clip(frac, 0.0, 1.0)
    gain = np.bincount(p_k, weights=saving * take, minlength=n_caps)
    phi = fixed - gain
    open_ = forced | ((phi < 0) & ~excluded)
    value += float(np.where(open_, phi, 0.0).sum())
    x = take * open_[p_k]
    grad = 1.0 - s - np.bincount(p_d, weights=x, minlength=len(lam))
    return value, grad, phi
