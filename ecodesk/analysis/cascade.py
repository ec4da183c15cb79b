"""Analysis layer: dependency cascades after one entity fails (SPEC §3.3 ``cascade``).

With threshold θ, an alive entity that is not an origin and has an intact incoming supply
volume ``in(v) > 0`` fails once the supply volume it has lost — the summed volume of its
incoming supply flows whose source has failed — is *strictly* more than ``θ·in(v)``;
repeated until nothing changes. The cascade is monotone, so its outcome (the least fixpoint)
does not depend on the order failures are processed in; each cascade here is a breadth-first
walk along out-flows that touches only what fails.

The comparison is decided as the planner would do it on paper: when the running
floating-point sum of lost volume is within rounding distance of the limit, both sides are
recomputed exactly from the decimal numbers as entered (``Fraction(repr(x))``), so volumes
0.1 + 0.2 against θ = 0.5 of 0.6 is *not* more than θ, and the decision never depends on
the order in which flows are added. The final service level of a one-entity cascade comes from
the dominator tree, that of a larger one from a walk that touches only what loses supply
(:class:`ecodesk.analysis.reachability.SupplyLoss`): time and memory near-linear in the graph.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ecodesk.analysis.montecarlo import pack
from ecodesk.analysis.reachability import (
    DominatorTree,
    Schedule,
    SupplyLoss,
    bit_services,
    dominator_tree,
    exact_subset_sums,
    supplied_mask,
)
from ecodesk.analysis.supplygraph import FloatArray, SupplyGraph

#: Relative distance to the limit below which the lost volume is re-summed exactly.
_TOLERANCE = 1e-9
_GATHER_WORDS = 1 << 22


def decimal(x: float) -> Fraction:
    """The exact value of the decimal a planner typed (the shortest repr of the float)."""
    return Fraction(repr(float(x)))


@dataclass(frozen=True)
class CascadeEntry:
    id: str
    cascade_size: int
    service_level: float
    failed: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "cascade_size": self.cascade_size,
            "service_level": self.service_level,
            "failed": list(self.failed),
        }


def _scaled(edges: list[int], vol: list[float], theta: Fraction) -> tuple[list[int], int]:
    """The decimals of the volumes of ``edges`` as integers over one common denominator L,
    and ``θ.numerator · Σ of them``: lost volume is more than θ of the intact one exactly
    when ``θ.denominator · Σ lost integers > that``, decided in integer arithmetic."""
    values = [vol[i] for i in edges]
    if all(x.is_integer() and abs(x) < 2**53 for x in values):  # whole numbers: their own decimals
        ints = [int(x) for x in values]
        return ints, theta.numerator * sum(ints)
    parts = [_plain_decimal(x) for x in values]
    if all(p is not None for p in parts):  # "123.45" → 12345 / 10², all over 10^most digits
        digits = max(p[1] for p in parts if p is not None)
        ints = [p[0] * 10 ** (digits - p[1]) for p in parts if p is not None]
        return ints, theta.numerator * sum(ints)
    exact = [decimal(x) for x in values]
    common = math.lcm(*(f.denominator for f in exact)) if exact else 1
    ints = [f.numerator * (common // f.denominator) for f in exact]
    return ints, theta.numerator * sum(ints)


def _plain_decimal(x: float) -> tuple[int, int] | None:
    """The decimal :func:`decimal` reads, as (digits without the point, digits after it),
    when the shortest repr is plain ("-12.5"); None for an exponent form ("1e-05")."""
    text = repr(x)
    whole, dot, frac = text.partition(".")
    if not dot or not (whole.lstrip("-").isdigit() and frac.isdigit()):
        return None
    return int(whole + frac), len(frac)


def _fails_alone(graph: SupplyGraph, in_volume: FloatArray, theta: float) -> list[bool]:
    """Entities whose failure surely takes nothing else down, found for all at once: what
    each one supplies to every eligible entity stays below that entity's limit by twice the
    tolerance band (so no order of adding the volumes, and no exact re-check, could decide
    otherwise). The rest go through the walk in :func:`cascade_sets`; a skipped entity's
    cascade is itself, exactly what the walk would find."""
    n = graph.n_nodes
    src, dst, vol = graph.src, graph.dst, graph.volume
    eligible = ~graph.is_origin & (in_volume > 0)
    keep = (vol > 0) & (src != dst) & eligible[dst]
    if not keep.any():
        return [True] * n
    s, d, x = src[keep], dst[keep], vol[keep]
    pairs, inverse = np.unique(s * n + d, return_inverse=True)
    sums = np.bincount(inverse.ravel(), weights=x, minlength=pairs.size)
    target = pairs % n
    safe = sums <= theta * in_volume[target] - 2 * _TOLERANCE * in_volume[target]
    alone = np.ones(n, dtype=bool)
    alone[(pairs // n)[~safe]] = False
    return alone.tolist()  # type: ignore[no-any-return]


def cascade_sets(graph: SupplyGraph, theta: float, check: Callable[[int], None] | None = None) -> list[list[int]]:
    """For every entity (scenario order) as the initial failure, the failed node indices, ascending."""
    n = graph.n_nodes
    vol = graph.volume.tolist()
    src, dst = graph.src.tolist(), graph.dst.tolist()
    out_ptr, out_edges = graph.out_ptr.tolist(), graph.out_edges.tolist()
    in_ptr, in_edges = graph.in_ptr.tolist(), graph.in_edges.tolist()
    in_volume = graph.in_volume()
    in_vol = in_volume.tolist()
    eligible = [(not o) and iv > 0 for o, iv in zip(graph.is_origin.tolist(), in_vol)]
    limit = [theta * iv for iv in in_vol]
    tol = [_TOLERANCE * iv for iv in in_vol]
    theta_exact = decimal(theta)
    exact_in: dict[int, tuple[list[int], int]] = {}
    out: list[list[int]] = []
    stamp = [-1] * n
    alone = _fails_alone(graph, in_volume, theta)
    for e in range(n):
        if alone[e]:
            out.append([e])
            if check is not None and e % 256 == 255:
                check(e + 1)
            continue
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
                    scaled = exact_in.get(v)
                    if scaled is None:
                        scaled = exact_in[v] = _scaled(edges, vol, theta_exact)
                    ints, rhs = scaled
                    if theta_exact.denominator * sum(ints[k] for k, i in enumerate(edges) if stamp[src[i]] == e) <= rhs:
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
    graph: SupplyGraph,
    schedule: Schedule,
    failed_sets: list[list[int]],
    check: Callable[[float], None] | None = None,
    tree: DominatorTree | None = None,
) -> FloatArray:
    """Service level with each failed set removed.

    A single failure loses exactly what its entity dominates (a range of the demand entities
    in dominator-tree preorder); a larger set is walked by :class:`SupplyLoss` from the set,
    touching only what loses supply. When every subset sum of the demands is exact
    (:func:`exact_subset_sums`: integer demands, say), a service is (intact demand − lost
    demand) / total, the same float in any order of summation; otherwise the supplied flags
    are summed by :func:`bit_services` over the very same chunks of 64·k cascades as the bit
    matrices used before issue 19 did, so every float is what it was either way.
    """
    count = len(failed_sets)
    out = np.zeros(count, dtype=np.float64)
    if count == 0 or graph.total_demand <= 0:
        return out
    supplied = supplied_mask(graph, schedule)
    if tree is None:
        tree = dominator_tree(graph)
    dnodes, weights = graph.demand_nodes, graph.demand_weights
    base = supplied[dnodes]
    # supplied demand entities in preorder: the ones a node dominates form one range
    rows = np.flatnonzero(base)
    rows = rows[np.argsort(tree.tin[dnodes[rows]], kind="stable")]
    tin_sorted = tree.tin[dnodes[rows]]
    ents = np.fromiter((s[0] if len(s) == 1 else -1 for s in failed_sets), dtype=np.intp, count=count)
    single = ents >= 0
    lo = np.searchsorted(tin_sorted, tree.tin[ents[single]], side="left")
    hi = np.searchsorted(tin_sorted, tree.tout[ents[single]], side="left")
    lo[tree.tin[ents[single]] < 0] = 0  # an unsupplied entity dominates nothing
    hi = np.maximum(hi, lo)
    loss = SupplyLoss(graph, schedule, supplied) if not single.all() else None
    row_of = {d: i for i, d in enumerate(dnodes.tolist())}

    def lost_rows(c: int) -> list[int]:
        assert loss is not None
        return [row_of[v] for v in loss.lost(failed_sets[c]) if v in row_of]

    multi = np.flatnonzero(~single).tolist()
    if exact_subset_sums(weights):
        total = graph.total_demand
        numerator = float(weights[base].sum())
        prefix = np.concatenate([[0.0], np.cumsum(weights[rows])])
        lost = np.zeros(count, dtype=np.float64)
        lost[single] = prefix[hi] - prefix[lo]
        for i, c in enumerate(multi):
            lost[c] = float(weights[lost_rows(c)].sum())
            if check is not None and i % 64 == 63:
                check(i / len(multi))
        out[:] = (numerator - lost) / total
        if check is not None:
            check(1.0)
        return out
    col_of = np.full(count, -1, dtype=np.intp)
    col_of[single] = np.arange(int(single.sum()))
    k_words = (count + 63) // 64
    chunk = max(1, min(k_words, _GATHER_WORDS // max(1, graph.n_edges, graph.n_nodes)))
    for start in range(0, k_words, chunk):
        stop = min(k_words, start + chunk)
        first, last = start * 64, min(count, stop * 64)
        flags = np.repeat(base[:, None], last - first, axis=1)
        sel = col_of[first:last][single[first:last]]
        cols = np.flatnonzero(single[first:last])
        lengths = hi[sel] - lo[sel]
        starts = np.repeat(lo[sel] - (np.cumsum(lengths) - lengths), lengths) + np.arange(int(lengths.sum()))
        flags[rows[starts], np.repeat(cols, lengths)] = False
        for c in multi:
            if first <= c < last:
                flags[lost_rows(c), c - first] = False
        out[first:last] = bit_services(graph, pack(flags), last - first)
        if check is not None:
            check(stop / k_words)
    return out


def analyse_cascades(
    graph: SupplyGraph,
    schedule: Schedule,
    theta: float,
    check_sets: Callable[[int], None] | None = None,
    check_services: Callable[[float], None] | None = None,
    tree: DominatorTree | None = None,
) -> list[CascadeEntry]:
    """One entry per entity, sorted by cascade size desc, service level asc (loss desc), id."""
    sets = cascade_sets(graph, theta, check_sets)
    services = cascade_services(graph, schedule, sets, check_services, tree).tolist()
    ids = graph.ids
    # sorted by (-cascade size, service level rounded to 12 places, id) — service levels equal
    # on paper tie even if their floats differ in the last bits — as three stable sorts from
    # the last key to the first, each keyed by a list lookup (no key tuple per entity)
    order = sorted(range(len(sets)), key=ids.__getitem__)
    rounded = [round(x, 12) for x in services]
    order.sort(key=rounded.__getitem__)
    neg_size = [-len(s) for s in sets]
    order.sort(key=neg_size.__getitem__)
    return [
        CascadeEntry(ids[e], len(s), services[e], (ids[e],) if len(s) == 1 else tuple(sorted(ids[v] for v in s)))
        for e, s in ((e, sets[e]) for e in order)
    ]
