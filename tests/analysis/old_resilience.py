"""The resilience engine's cascade services and redundancy as they were before issue 19
(cascades walked one by one; bit matrices over every cascade; one max flow per demand entity on its ancestors), kept
verbatim as the reference the new near-linear code must equal EXACTLY (same floats)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow

from ecodesk.analysis.cascade import decimal
from ecodesk.analysis.reachability import Schedule, bit_services, propagate
from ecodesk.analysis.supplygraph import BoolArray, FloatArray, SupplyGraph

_GATHER_WORDS = 1 << 22
_TOLERANCE = 1e-9


def cascade_sets(graph: SupplyGraph, theta: float, check: Callable[[int], None] | None = None) -> list[list[int]]:
    """For every entity (scenario order) as the initial failure, the failed node indices, ascending."""
    n = graph.n_nodes
    vol = graph.volume.tolist()
    src, dst = graph.src.tolist(), graph.dst.tolist()
    out_ptr, out_edges = graph.out_ptr.tolist(), graph.out_edges.tolist()
    in_ptr, in_edges = graph.in_ptr.tolist(), graph.in_edges.tolist()
    in_vol = graph.in_volume().tolist()
    eligible = [(not o) and iv > 0 for o, iv in zip(graph.is_origin.tolist(), in_vol)]
    limit = [theta * iv for iv in in_vol]
    tol = [_TOLERANCE * iv for iv in in_vol]
    theta_exact = decimal(theta)
    exact_in: dict[int, Fraction] = {}
    out: list[list[int]] = []
    stamp = [-1] * n
    for e in range(n):
        stamp[e] = e
        failed = [e]
        lost: dict[int, float] = {}
        queue = [e]
        while queue:
            u = queue.pop()
            for j in out_edges[out_ptr[u] : out_ptr[u + 1]]:
                x = vol[j]
                v = dst[j]
                if x <= 0.0 or stamp[v] == e or not eligible[v]:
                    continue
                total = lost.get(v, 0.0) + x
                lost[v] = total
                lim = limit[v]
                if total <= lim - tol[v]:
                    continue
                if total <= lim + tol[v]:  # too close to call in floating point: decide exactly
                    edges = in_edges[in_ptr[v] : in_ptr[v + 1]]
                    if v not in exact_in:
                        exact_in[v] = sum((decimal(vol[i]) for i in edges), Fraction(0))
                    exact = sum((decimal(vol[i]) for i in edges if stamp[src[i]] == e), Fraction(0))
                    if exact <= theta_exact * exact_in[v]:
                        continue
                stamp[v] = e
                failed.append(v)
                queue.append(v)
        failed.sort()
        out.append(failed)
        if check is not None and e % 256 == 255:
            check(e + 1)
    return out


def cascade_services(
    graph: SupplyGraph, schedule: Schedule, failed_sets: list[list[int]], check: Callable[[float], None] | None = None
) -> FloatArray:
    """Service level with each failed set removed; one bit-parallel propagation per chunk."""
    count = len(failed_sets)
    out = np.zeros(count, dtype=np.float64)
    if count == 0 or graph.total_demand <= 0:
        return out
    k_words = (count + 63) // 64
    nodes = np.fromiter((v for s in failed_sets for v in s), dtype=np.int64)
    which = np.repeat(np.arange(count, dtype=np.int64), [len(s) for s in failed_sets])
    dead = np.zeros(graph.n_nodes * k_words, dtype=np.uint64)
    np.bitwise_or.at(dead, nodes * k_words + (which >> 6), np.left_shift(np.uint64(1), (which & 63).astype(np.uint64)))
    alive = ~dead.reshape(graph.n_nodes, k_words)
    chunk = max(1, min(k_words, _GATHER_WORDS // max(1, graph.n_edges, graph.n_nodes)))
    for start in range(0, k_words, chunk):
        stop = min(k_words, start + chunk)
        w = propagate(schedule, alive[:, start:stop], None, bits=True)
        first, last = start * 64, min(count, stop * 64)
        out[first:last] = bit_services(graph, w[graph.demand_nodes].astype(np.uint64, copy=False), last - first)
        if check is not None:
            check(stop / k_words)
    return out


def _pairs(graph: SupplyGraph) -> npt.NDArray[np.intp]:
    """Distinct (source, target) supply pairs, shape (P, 2)."""
    if graph.n_edges == 0:
        return np.zeros((0, 2), dtype=np.intp)
    return np.unique(np.stack([graph.src, graph.dst], axis=1), axis=0)


def redundancy(
    graph: SupplyGraph, supplied: BoolArray, check: Callable[[int], None] | None = None
) -> dict[str, int | None]:
    """Node-disjoint supply paths to every demand entity (scenario order).

    Each max flow runs on the ancestors of the demand entity only (nothing else can lie on
    a path to it), which keeps the per-entity cost proportional to its supply tree.
    """
    out: dict[str, int | None] = {}
    n = graph.n_nodes
    pairs = _pairs(graph)  # sorted by (source, target)
    by_dst = pairs[np.lexsort((pairs[:, 0], pairs[:, 1]))]
    ptr = np.zeros(n + 1, dtype=np.intp)
    np.cumsum(np.bincount(by_dst[:, 1], minlength=n), out=ptr[1:])
    preds = by_dst[:, 0]
    ptr_l, preds_l = ptr.tolist(), preds.tolist()
    is_origin = graph.is_origin
    local = np.full(n, -1, dtype=np.intp)
    for i, t in enumerate(graph.demand_nodes.tolist()):
        if check is not None and i % 64 == 63:
            check(i)
        tid = graph.ids[t]
        if is_origin[t]:
            out[tid] = None
        elif not supplied[t]:
            out[tid] = 0
        elif ptr_l[t + 1] - ptr_l[t] <= 1 or graph.origins.size <= 1:  # reached; no room for a second path
            out[tid] = 1
        else:
            anc = _ancestors(t, ptr_l, preds_l)
            out[tid] = _flow_to(anc, t, ptr, preds, is_origin, local)
    return out


def _ancestors(t: int, ptr: list[int], preds: list[int]) -> npt.NDArray[np.intp]:
    seen = {t}
    stack = [t]
    while stack:
        v = stack.pop()
        for u in preds[ptr[v] : ptr[v + 1]]:
            if u not in seen:
                seen.add(u)
                stack.append(u)
    return np.fromiter(seen, dtype=np.intp, count=len(seen))


def _flow_to(
    nodes: npt.NDArray[np.intp],
    t: int,
    ptr: npt.NDArray[np.intp],
    preds: npt.NDArray[np.intp],
    is_origin: BoolArray,
    local: npt.NDArray[np.intp],
) -> int:
    """Max flow from the origins among ``nodes`` to ``t_in`` in the node-split graph on ``nodes``."""
    a = nodes.size
    local[nodes] = np.arange(a)
    lengths = ptr[nodes + 1] - ptr[nodes]
    idx = np.repeat(ptr[nodes] - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))
    dst_local = np.repeat(np.arange(a), lengths)
    src_local = local[preds[idx]]
    org = np.flatnonzero(is_origin[nodes])
    rows = np.concatenate([2 * np.arange(a), 2 * src_local + 1, np.full(org.size, 2 * a)])
    cols = np.concatenate([2 * np.arange(a) + 1, 2 * dst_local, 2 * org])
    cap = csr_array(
        (np.ones(rows.size, dtype=np.int32), (rows.astype(np.int32), cols.astype(np.int32))),
        shape=(2 * a + 1, 2 * a + 1),
    )
    sink = 2 * int(local[t])
    local[nodes] = -1
    return int(maximum_flow(cap, 2 * a, sink, method="dinic").flow_value)
