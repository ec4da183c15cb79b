"""Analysis layer: robustness curves under random and targeted removal (SPEC §3.3).

Removal candidates are the entities that are not demand entities (M of them, scenario
order). For a removal order, ``s(q)`` is the service level once its first ``q`` entities
are gone (q = 0..M). Instead of recomputing reachability M times, each order's whole curve
comes from one propagation: give every candidate the level ``a(v) = 1 + its position``
(other entities ``M + 1``), so ``v`` is alive in state ``q`` iff ``q < a(v)``; the widest
bottleneck ``W(d)`` over supply paths then says that demand entity ``d`` is supplied
exactly in the states ``q < W(d)`` (see :mod:`ecodesk.analysis.reachability`). This is the
"add the candidates back in reverse order" argument done for all orders at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ecodesk.analysis.reachability import Schedule, propagate
from ecodesk.analysis.supplygraph import FloatArray, IntArray, SupplyGraph

#: Orders propagated together (bounds memory at about (V + E) × 32 int32: 60 MB on the
#: ten-times platform; with 256 the propagation took 400 MB there and no less time). The
#: curves do not depend on it: each order's curve is computed on its own.
ORDER_CHUNK = 32
#: Bytes the random removal curves may take (orders × (candidates + 1) floats, all kept for
#: the percentile curves): a larger run is refused with a sentence, not a MemoryError.
CURVE_BYTES = 1 << 30


@dataclass(frozen=True)
class RandomRobustness:
    r_index: float
    curve: tuple[float, ...]
    curve_p05: tuple[float, ...]
    curve_p95: tuple[float, ...]
    orders: int

    def to_json(self) -> dict[str, object]:
        return {
            "r_index": self.r_index,
            "curve": list(self.curve),
            "curve_p05": list(self.curve_p05),
            "curve_p95": list(self.curve_p95),
            "orders": self.orders,
        }


@dataclass(frozen=True)
class TargetedRobustness:
    r_index: float
    curve: tuple[float, ...]
    order: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"r_index": self.r_index, "curve": list(self.curve), "order": list(self.order)}


@dataclass(frozen=True)
class Robustness:
    random: RandomRobustness
    targeted: TargetedRobustness
    candidates: int

    def to_json(self) -> dict[str, object]:
        return {"random": self.random.to_json(), "targeted": self.targeted.to_json(), "candidates": self.candidates}


def candidates(graph: SupplyGraph) -> IntArray:
    """Node indices of the removal candidates: every entity that is not a demand entity."""
    return np.flatnonzero(~graph.is_demand())


def removal_curves(
    graph: SupplyGraph, schedule: Schedule, orders: npt.NDArray[np.integer], check: Callable[[int], None] | None = None
) -> FloatArray:
    """Service curves ``(n_orders, M + 1)`` of removal orders given as node-index rows.

    Each row of ``orders`` is a permutation of :func:`candidates`; ``check(done)`` is
    called between chunks (progress and cancel).
    """
    orders = np.asarray(orders, dtype=np.intp).reshape(len(orders), -1)
    n_orders, m = orders.shape
    out = np.zeros((n_orders, m + 1), dtype=np.float64)
    total = graph.total_demand
    if total <= 0 or n_orders == 0:
        return out
    weights, dnodes = graph.demand_weights, graph.demand_nodes
    for start in range(0, n_orders, ORDER_CHUNK):
        chunk = orders[start : start + ORDER_CHUNK]
        k = chunk.shape[0]
        node_val = np.full((graph.n_nodes, k), m + 1, dtype=np.int32)
        node_val[chunk.T, np.arange(k)[None, :]] = np.arange(1, m + 1, dtype=np.int32)[:, None]
        w = propagate(schedule, node_val, bits=False)[dnodes]  # (D, k) with values in 0..M+1
        # s(q) = Σ weight of d with W(d) > q: a weighted histogram, summed from the top
        flat = (w + (m + 2) * np.arange(k, dtype=np.int64)[None, :]).ravel()
        hist = np.bincount(flat, weights=np.repeat(weights, k), minlength=k * (m + 2)).reshape(k, m + 2)
        above = np.cumsum(hist[:, ::-1], axis=1)[:, ::-1]  # above[:, j] = Σ_{w ≥ j}
        out[start : start + k] = above[:, 1:] / total
        if check is not None:
            check(start + k)
    return out


def r_index(curve: Sequence[float] | FloatArray, intact: float) -> float:
    """(1/M)·Σ_{q=1..M} s(q), a correctly rounded sum; the intact service when M = 0."""
    m = len(curve) - 1
    if m <= 0:
        return float(intact)
    return math.fsum(float(x) for x in curve[1:]) / m


def summarise(curves: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Mean, 5th and 95th percentile curve across orders (rows).

    Where every order gives the same value (always at q = 0 and q = M) that value is
    reported as is, so the mean curve starts exactly at the intact service level.
    """
    mean = curves.mean(axis=0)
    p05, p95 = np.percentile(curves, [5.0, 95.0], axis=0)
    lo, hi = curves.min(axis=0), curves.max(axis=0)
    mean = np.clip(np.where(lo == hi, lo, mean), lo, hi)
    return mean, p05, p95


def random_orders(n_candidates: int, n_orders: int, rng: np.random.Generator) -> npt.NDArray[np.intp]:
    """``n_orders`` random permutations of ``range(n_candidates)``, one rng call per order."""
    out = np.empty((n_orders, n_candidates), dtype=np.intp)
    for i in range(n_orders):
        out[i] = rng.permutation(n_candidates)
    return out


def targeted_order(graph: SupplyGraph, cand: IntArray, loss: Sequence[float]) -> list[int]:
    """Candidates by initial service loss desc, then supply degree desc, then id asc.

    ``loss`` may be any key ordered like the loss; the analysis passes a rank of the exact
    dominated demand, so losses equal on paper tie even when their floats differ in the
    last bit.
    """
    ids = graph.ids
    # three stable sorts from the last key to the first, keyed by list lookups: the order of
    # the key (-loss, -degree, id) without a key tuple per candidate
    order = sorted(cand.tolist(), key=ids.__getitem__)
    neg_deg = (-graph.degree).tolist()
    order.sort(key=neg_deg.__getitem__)
    neg_loss = [-x for x in loss]
    order.sort(key=neg_loss.__getitem__)
    return order


def check_curve_memory(n_orders: int, m: int) -> None:
    """Refuse (AnalysisTooLarge) ``n_orders`` random curves of ``m`` candidates whose
    floats would take more than :data:`CURVE_BYTES`; the sentence names the largest
    number of orders this model allows."""
    need = n_orders * (m + 1) * 8
    if need <= CURVE_BYTES:
        return
    from ecodesk.analysis.errors import AnalysisTooLarge

    most = CURVE_BYTES // ((m + 1) * 8)
    gb, limit = need / 1e9, CURVE_BYTES / 2**30
    raise AnalysisTooLarge(
        f"{n_orders:,} random removal orders of {m:,} candidates would need {gb:.1f} GB for their curves "
        f"(limit {limit:g} GiB); use at most {most:,} orders on this model.",
        f"对 {m:,} 个候选主体进行 {n_orders:,} 次随机移除，其曲线需要 {gb:.1f} GB 内存（上限 {limit:g} GiB）；"
        f"此模型最多可用 {most:,} 次。",
    )


def analyse_robustness(
    graph: SupplyGraph,
    schedule: Schedule,
    intact: float,
    loss: Sequence[float],
    n_orders: int,
    rng: np.random.Generator,
    check: Callable[[int], None] | None = None,
) -> Robustness:
    """Random (``n_orders`` seeded permutations) and targeted removal curves and R-indices."""
    cand = candidates(graph)
    m = int(cand.size)
    check_curve_memory(n_orders, m)
    target = targeted_order(graph, cand, loss)
    targeted_curve = removal_curves(graph, schedule, np.asarray(target, dtype=np.intp)[None, :])[0]
    curves = np.empty((n_orders, m + 1), dtype=np.float64)
    for start in range(0, n_orders, ORDER_CHUNK):  # orders drawn chunk by chunk: memory stays bounded
        count = min(ORDER_CHUNK, n_orders - start)
        curves[start : start + count] = removal_curves(graph, schedule, cand[random_orders(m, count, rng)])
        if check is not None:
            check(start + count)
    # q = 0 is the intact graph by definition: report the intact figure itself
    curves[:, 0] = intact
    targeted_curve[0] = intact
    mean, p05, p95 = summarise(curves)
    return Robustness(
        random=RandomRobustness(
            r_index=r_index(mean, intact),
            curve=tuple(map(float, mean)),
            curve_p05=tuple(map(float, p05)),
            curve_p95=tuple(map(float, p95)),
            orders=n_orders,
        ),
        targeted=TargetedRobustness(
            r_index=r_index(targeted_curve, intact),
            curve=tuple(map(float, targeted_curve)),
            order=tuple(graph.id_list(target)),
        ),
        candidates=m,
    )
