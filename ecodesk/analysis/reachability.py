"""Analysis layer: supply reachability for many scenarios at once, plus dominators.

Every resilience figure asks the same question — which entities are *supplied* given the
alive entities and flows (SPEC §3.3) — for many variants of the graph: thousands of Monte
Carlo trials, removal orders, cascades. :func:`propagate` answers it for ``K`` variants in
one sweep over the graph, with numpy doing the per-variant work column-wise. It works in
either of two lattices, chosen by ``bits``:

* **bits** (``uint64``): column ``k`` holds 64 variants, one per bit; a node's value is the
  set of variants in which it is alive/supplied (join = OR, meet = AND);
* **levels** (``int32``): the value is a "time" — with removal orders, node ``v`` is alive
  in the states ``q < a(v)``. The supplied value is then the widest-path bottleneck
  ``max over paths of min a(·)``, so ``v`` is supplied in state ``q`` iff ``q < W(v)``
  (join = max, meet = min). This turns a whole removal curve into one propagation.

Both compute the least fixpoint of ``W(o) = alive(o)`` for origins and
``W(v) = alive(v) ∧ ⋁_{e=(u,v)} (W(u) ∧ alive(e))`` otherwise, which is exactly
reachability from the alive origins. The sweep follows the topological levels of the
strongly-connected-component condensation, so on acyclic parts every edge is read once;
inside cycles it propagates from a frontier of changed nodes until nothing changes.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components

from ecodesk.analysis.supplygraph import FloatArray, IntArray, SupplyGraph

Values = npt.NDArray[np.uint64] | npt.NDArray[np.int32]


@dataclass(frozen=True, eq=False)
class _Segments:
    """In-edges of ``nodes`` grouped by target: ``edges[starts[i]:starts[i+1]]`` enter ``nodes[i]``."""

    nodes: IntArray
    edges: IntArray
    edge_src: IntArray
    starts: IntArray


@dataclass(frozen=True, eq=False)
class _CycleGroup:
    """The non-trivial strongly connected components of one topological level."""

    nodes: IntArray  # global indices
    entry: _Segments  # edges from earlier levels into the group
    int_ptr: IntArray  # internal edges, CSR by local source index
    int_edges: IntArray
    int_src: IntArray  # global source of each internal edge
    int_dst_local: IntArray


@dataclass(frozen=True, eq=False)
class Schedule:
    """The order in which :func:`propagate` visits the graph (built once per graph)."""

    n_nodes: int
    origins: IntArray
    steps: tuple[_Segments | _CycleGroup, ...]
    has_cycles: bool
    #: strongly connected component of each node, and its topological level in the
    #: condensation (an edge between two components goes to a strictly higher level)
    label: IntArray
    level: IntArray


def _levels(n_comp: int, cs: IntArray, cd: IntArray) -> list[int]:
    """Longest-path level of each component in the condensation DAG (Kahn's algorithm)."""
    order = np.argsort(cs, kind="stable")
    ptr = np.zeros(n_comp + 1, dtype=np.intp)
    np.cumsum(np.bincount(cs, minlength=n_comp), out=ptr[1:])
    targets = cd[order].tolist()
    succ = [targets[a:b] for a, b in pairwise(ptr.tolist())]
    indeg = np.bincount(cd, minlength=n_comp).tolist()
    level = [0] * n_comp
    stack = [c for c in range(n_comp) if indeg[c] == 0]
    while stack:
        c = stack.pop()
        lc = level[c] + 1
        for t in succ[c]:
            if level[t] < lc:
                level[t] = lc
            indeg[t] -= 1
            if indeg[t] == 0:
                stack.append(t)
    return level


def _segments(nodes: IntArray, edges: IntArray, dst: IntArray, src: IntArray) -> _Segments:
    """``edges`` (already grouped by target in ``nodes`` order) as segments."""
    if edges.size:
        first = np.flatnonzero(np.r_[True, dst[edges][1:] != dst[edges][:-1]])
    else:
        first = np.zeros(0, dtype=np.intp)
    return _Segments(nodes=nodes, edges=edges, edge_src=src[edges], starts=first.astype(np.intp))


def build_schedule(graph: SupplyGraph) -> Schedule:
    """Topological levels of the SCC condensation, grouped into vectorised steps."""
    n, src, dst = graph.n_nodes, graph.src, graph.dst
    if n == 0 or graph.n_edges == 0:
        ramp = np.arange(n, dtype=np.intp)
        return Schedule(n, graph.origins, (), False, ramp, np.zeros(n, dtype=np.intp))
    adj = csr_array((np.ones(graph.n_edges, dtype=np.int8), (src, dst)), shape=(n, n))
    n_comp, label = connected_components(adj, directed=True, connection="strong")
    cs, cd = label[src], label[dst]
    cross = cs != cd
    comp_level = np.asarray(_levels(int(n_comp), cs[cross], cd[cross]), dtype=np.intp)
    node_level = comp_level[label]
    single = np.bincount(label, minlength=n_comp)[label] == 1
    has_in = graph.in_degree > 0
    # every edge, grouped by (level of target, target): each step takes a contiguous slice
    e_order = np.lexsort((np.arange(graph.n_edges), dst, node_level[dst])).astype(np.intp)
    e_level = node_level[dst][e_order]
    steps: list[_Segments | _CycleGroup] = []
    n_levels = int(node_level.max()) + 1
    e_bounds = np.searchsorted(e_level, np.arange(n_levels + 1))
    node_order = np.lexsort((np.arange(n), node_level))
    n_bounds = np.searchsorted(node_level[node_order], np.arange(n_levels + 1))
    for lev in range(1, n_levels):
        lev_nodes = node_order[n_bounds[lev] : n_bounds[lev + 1]]
        lev_edges = e_order[e_bounds[lev] : e_bounds[lev + 1]]
        if lev_nodes.size == 0:
            continue
        s_mask = single[dst[lev_edges]]
        s_nodes = lev_nodes[single[lev_nodes] & has_in[lev_nodes]]
        if s_nodes.size:
            steps.append(_segments(s_nodes, lev_edges[s_mask], dst, src))
        c_nodes = lev_nodes[~single[lev_nodes]]
        if c_nodes.size:
            steps.append(_cycle_group(c_nodes, lev_edges[~s_mask], label, graph))
    # level 0 holds only components without entering edges: origins, isolated nodes, and
    # cycles nothing enters (never supplied, so they stay at the bottom value)
    return Schedule(n, graph.origins, tuple(steps), bool((~single).any()), label.astype(np.intp), node_level)


def _cycle_group(nodes: IntArray, edges: IntArray, label: IntArray, graph: SupplyGraph) -> _CycleGroup:
    src, dst = graph.src, graph.dst
    internal = label[src[edges]] == label[dst[edges]]
    entry_edges = edges[~internal]
    entry_nodes = np.unique(dst[entry_edges])
    local = np.full(graph.n_nodes, -1, dtype=np.intp)
    local[nodes] = np.arange(nodes.size)
    int_e = edges[internal]
    int_e = int_e[np.argsort(local[src[int_e]], kind="stable")]
    ptr = np.zeros(nodes.size + 1, dtype=np.intp)
    np.cumsum(np.bincount(local[src[int_e]], minlength=nodes.size), out=ptr[1:])
    return _CycleGroup(
        nodes=nodes,
        entry=_segments(entry_nodes, entry_edges, dst, src),
        int_ptr=ptr,
        int_edges=int_e,
        int_src=src[int_e],
        int_dst_local=local[dst[int_e]],
    )


def _ops(bits: bool) -> tuple[np.ufunc, np.ufunc]:
    return (np.bitwise_or, np.bitwise_and) if bits else (np.maximum, np.minimum)


def _reduce_segments(seg: _Segments, w: Values, node_val: Values, edge_val: Values | None, bits: bool) -> Values:
    join, meet = _ops(bits)
    vals = w[seg.edge_src]
    if edge_val is not None:
        meet(vals, edge_val[seg.edges], out=vals)
    red = join.reduceat(vals, seg.starts, axis=0)
    meet(red, node_val[seg.nodes], out=red)
    return red


def propagate(schedule: Schedule, node_val: Values, edge_val: Values | None = None, *, bits: bool) -> Values:
    """Supplied values of every node for ``K`` variants at once (see the module docstring).

    ``node_val`` is ``(V, K)``: alive bits, or alive-until levels; ``edge_val`` likewise
    ``(E, K)``, or None when every flow is alive. Returns ``W`` of shape ``(V, K)``.
    """
    w = np.zeros_like(node_val)
    w[schedule.origins] = node_val[schedule.origins]
    for step in schedule.steps:
        if isinstance(step, _Segments):
            w[step.nodes] = _reduce_segments(step, w, node_val, edge_val, bits)
        else:
            _propagate_cycles(step, w, node_val, edge_val, bits)
    return w


def _propagate_cycles(g: _CycleGroup, w: Values, node_val: Values, edge_val: Values | None, bits: bool) -> None:
    """Least fixpoint inside strongly connected components, from a frontier of changed nodes."""
    join, meet = _ops(bits)
    if g.entry.nodes.size == 0:
        return
    w[g.entry.nodes] = _reduce_segments(g.entry, w, node_val, edge_val, bits)
    frontier = np.searchsorted(g.nodes, g.entry.nodes[(w[g.entry.nodes] != 0).any(axis=1)])
    ptr = g.int_ptr
    while frontier.size:
        lengths = ptr[frontier + 1] - ptr[frontier]
        total = int(lengths.sum())
        if total == 0:
            break
        offsets = np.repeat(ptr[frontier] - (np.cumsum(lengths) - lengths), lengths)
        idx = offsets + np.arange(total)
        dl = g.int_dst_local[idx]
        order = np.argsort(dl, kind="stable")
        dl, idx = dl[order], idx[order]
        vals = w[g.int_src[idx]]
        if edge_val is not None:
            meet(vals, edge_val[g.int_edges[idx]], out=vals)
        first = np.flatnonzero(np.r_[True, dl[1:] != dl[:-1]])
        targets_local = dl[first]
        targets = g.nodes[targets_local]
        red = join.reduceat(vals, first, axis=0)
        meet(red, node_val[targets], out=red)
        old = w[targets]
        new = join(old, red)
        changed = (new != old).any(axis=1)
        w[targets[changed]] = new[changed]
        frontier = targets_local[changed]


def supplied_mask(
    graph: SupplyGraph, schedule: Schedule, alive: npt.NDArray[np.bool_] | None = None
) -> npt.NDArray[np.bool_]:
    """Which entities are supplied in the intact graph (or with only ``alive`` entities)."""
    node_val = np.full((graph.n_nodes, 1), np.uint64(1), dtype=np.uint64)
    if alive is not None:
        node_val[~alive] = 0
    return propagate(schedule, node_val, bits=True)[:, 0] != 0  # type: ignore[no-any-return]


def service_of(graph: SupplyGraph, supplied: npt.NDArray[np.bool_]) -> float:
    """Σ demand of supplied demand entities / Σ demand (0.0 when there is no demand)."""
    total = graph.total_demand
    if total <= 0:
        return 0.0
    return float(graph.demand_weights[supplied[graph.demand_nodes]].sum()) / total


def bit_services(graph: SupplyGraph, demand_words: npt.NDArray[np.uint64], count: int) -> FloatArray:
    """Service level of each of ``count`` variants packed as bits in ``demand_words`` (D, K)."""
    total = graph.total_demand
    if total <= 0 or demand_words.shape[0] == 0:
        return np.zeros(count, dtype=np.float64)
    raw = np.ascontiguousarray(demand_words, dtype="<u8").view(np.uint8)
    flags = np.unpackbits(raw, axis=1, bitorder="little")[:, :count]
    return (graph.demand_weights @ flags) / total


@dataclass(frozen=True, eq=False)
class DominatorTree:
    """Immediate dominators of the supply graph seen from a super-source feeding every origin.

    ``idom[v]`` is the immediate dominator of node ``v`` (``n`` = the super-source), -1 for a
    node no origin reaches; ``post`` lists the reached nodes in DFS postorder, the
    super-source last. ``tin``/``tout`` number the tree in preorder: ``u`` dominates ``v``
    (both reached) iff ``tin[u] <= tin[v] < tout[u]``; unreached nodes have an empty
    interval. Removing ``v`` leaves unsupplied exactly the nodes it dominates (origins are
    fixed), which answers every single failure at once.
    """

    idom: list[int]
    post: list[int]
    tin: IntArray
    tout: IntArray

    def dominates(self, u: int, nodes: IntArray) -> npt.NDArray[np.bool_]:
        """Which of ``nodes`` node ``u`` dominates (itself included)."""
        t = self.tin[nodes]
        return (t >= self.tin[u]) & (t < self.tout[u])


def dominator_tree(graph: SupplyGraph) -> DominatorTree:
    """Dominators by the iterative algorithm of Cooper, Harvey and Kennedy (one pass when
    what the origins reach has no cycle: reverse postorder is then topological)."""
    n = graph.n_nodes
    root = n
    in_ptr, in_src = graph.in_ptr.tolist(), graph.src[graph.in_edges].tolist()
    preds: list[list[int]] = [in_src[a:b] for a, b in pairwise(in_ptr)]
    for o in graph.origins.tolist():
        preds[o] = [root]
    out_ptr, out_dst = graph.out_ptr.tolist(), graph.dst[graph.out_edges].tolist()
    succ: list[list[int]] = [out_dst[a:b] for a, b in pairwise(out_ptr)]
    succ.append(graph.origins.tolist())
    # reverse postorder of the nodes reachable from the root (iterative DFS)
    post: list[int] = []
    seen = [False] * (n + 1)
    seen[root] = True
    open_ = [False] * (n + 1)  # on the DFS stack: an edge to such a node closes a cycle
    open_[root] = True
    cyclic = False
    stack = [(root, iter(succ[root]))]
    while stack:
        node, it = stack[-1]
        for t in it:
            if not seen[t]:
                seen[t] = open_[t] = True
                stack.append((t, iter(succ[t])))
                break
            if open_[t]:
                cyclic = True
        else:
            stack.pop()
            open_[node] = False
            post.append(node)
    num = [-1] * (n + 1)
    for i, v in enumerate(post):
        num[v] = i
    rpo = post[::-1][1:]
    idom = [-1] * (n + 1)
    idom[root] = root
    changed = True
    while changed:
        changed = False
        for v in rpo:
            new = -1
            for p in preds[v]:
                if idom[p] == -1:
                    continue
                if new == -1:
                    new = p
                    continue
                a, b = p, new
                while a != b:
                    while num[a] < num[b]:
                        a = idom[a]
                    while num[b] < num[a]:
                        b = idom[b]
                new = a
            if idom[v] != new:
                idom[v] = new
                changed = True
        if not cyclic:  # reverse postorder is topological: every predecessor was final already
            break
    # preorder interval of each subtree: sizes from the postorder, starts top-down
    size = [1] * (n + 1)
    for v in post[:-1]:
        size[idom[v]] += size[v]
    start = [0] * (n + 1)
    nxt = [1] * (n + 1)  # next free preorder slot inside each subtree
    for v in rpo:  # parents come before their children in reverse postorder
        p = idom[v]
        start[v] = start[p] + nxt[p]
        nxt[p] += size[v]
    tin = np.full(n + 1, -1, dtype=np.intp)
    tout = np.full(n + 1, -1, dtype=np.intp)
    reached = np.flatnonzero(np.asarray(seen, dtype=bool))
    tin[reached] = np.asarray(start, dtype=np.intp)[reached]
    tout[reached] = tin[reached] + np.asarray(size, dtype=np.intp)[reached]
    return DominatorTree(idom=idom, post=post, tin=tin, tout=tout)


def exact_subset_sums(weights: FloatArray) -> bool:
    """Whether every sum of a subset of ``weights`` (non-negative) is a float exactly, so
    that any order of summation — numpy's, a BLAS kernel's, a running total — gives the very
    same number: all weights are multiples of one power of two ``2⁻ᵏ`` and their total is
    below ``2⁵³·2⁻ᵏ`` (true for integer demands, and for halves, quarters … in any sane range)."""
    ratios = [float(w).as_integer_ratio() for w in weights.tolist()]
    if not ratios:
        return True
    if any(w < 0 for w, _ in ratios):
        return False
    k = max(d for _, d in ratios).bit_length() - 1  # denominators are powers of two
    return sum(n << (k - (d.bit_length() - 1)) for n, d in ratios) < 1 << 53


def dominated_demand(graph: SupplyGraph, tree: DominatorTree | None = None) -> tuple[FloatArray, list[Fraction]]:
    """Demand of supplied demand entities in each node's dominator subtree: as floats, and
    exactly (in the decimals as entered) for ranking ties the way a planner sees them.

    Dominators are taken from a super-source feeding every origin (:func:`dominator_tree`).
    Because origins are fixed, removing ``v`` leaves unsupplied exactly the nodes ``v``
    dominates, itself included, so ``service_without(v)`` is ``(total − dominated[v]) / Σ demand``.
    """
    n = graph.n_nodes
    if tree is None:
        tree = dominator_tree(graph)
    idom, post = tree.idom, tree.post
    dom = [0.0] * (n + 1)
    exact = [Fraction(0)] * (n + 1)
    for d, wgt in zip(graph.demand_nodes.tolist(), graph.demand_weights.tolist()):
        if idom[d] != -1:
            dom[d] = wgt
            exact[d] = Fraction(repr(wgt))
    for v in post[:-1]:  # children before their immediate dominator
        if dom[v]:
            dom[idom[v]] += dom[v]
            exact[idom[v]] += exact[v]
    return np.asarray(dom[:n], dtype=np.float64), exact[:n]


class SupplyLoss:
    """Which supplied entities lose supply when a set of entities fails (every flow alive),
    touching only what changes: a walk in topological order of the condensation from the
    failed entities, with early exit.

    An entity outside a cycle is lost once every in-flow from a supplied entity comes from a
    lost one (a counter per entity; the level order makes the count final before it is
    read); a strongly connected component is settled as a whole once its level is reached,
    by a search inside it from its members that still have a live in-flow from outside.
    The cost is the out-degree of what is lost plus the size of the components reached,
    not the size of the graph.
    """

    def __init__(self, graph: SupplyGraph, schedule: Schedule, supplied: npt.NDArray[np.bool_]) -> None:
        n = graph.n_nodes
        label, level = schedule.label, schedule.level
        src, dst = graph.src, graph.dst
        sizes = np.bincount(label, minlength=n)
        big = sizes[label] > 1 if n else np.zeros(0, dtype=bool)
        same = label[src] == label[dst]  # inside one component (or a self-loop)
        self._live_in = np.bincount(dst[supplied[src] & ~same], minlength=n).tolist()
        self._sup = supplied.tolist()
        self._label = label.tolist()
        self._level = level.tolist()
        self._big = big.tolist()
        self._ptr = graph.out_ptr.tolist()
        self._succ = dst[graph.out_edges].tolist()
        members: dict[int, list[int]] = {}
        for v in np.flatnonzero(big).tolist():
            members.setdefault(self._label[v], []).append(v)
        self._members = members
        inner = same & big[src] if n else same
        self._inner: dict[int, list[int]] = {}
        for s, d in zip(src[inner].tolist(), dst[inner].tolist()):
            self._inner.setdefault(s, []).append(d)

    def lost(self, failed: list[int]) -> list[int]:
        """The supplied entities unsupplied once ``failed`` fail (failed ones included)."""
        sup, label, level, big = self._sup, self._label, self._level, self._big
        ptr, succ, live_in = self._ptr, self._succ, self._live_in
        dead = set(failed)
        out = [u for u in dead if sup[u]]
        count: dict[int, int] = {}
        queued: set[int] = set()
        settled: set[int] = set()
        heap: list[tuple[int, int]] = []

        def relax(u: int) -> None:
            lu = label[u]
            for v in succ[ptr[u] : ptr[u + 1]]:
                if not sup[v] or v in dead:
                    continue
                if label[v] == lu:  # inside u's component: settled with the component
                    if big[v] and lu not in settled and v not in queued:
                        queued.add(v)
                        heapq.heappush(heap, (level[v], v))
                    continue
                count[v] = count.get(v, 0) + 1
                if v not in queued:
                    queued.add(v)
                    heapq.heappush(heap, (level[v], v))

        for u in out:
            relax(u)
        while heap:
            _, v = heapq.heappop(heap)
            if not big[v]:
                if count.get(v, 0) == live_in[v]:
                    dead.add(v)
                    out.append(v)
                    relax(v)
                continue
            c = label[v]
            if c in settled:
                continue
            settled.add(c)
            group = self._members[c]
            reached = {x for x in group if x not in dead and live_in[x] > count.get(x, 0)}
            stack = list(reached)
            while stack:
                x = stack.pop()
                for y in self._inner.get(x, ()):
                    if y not in reached and y not in dead:
                        reached.add(y)
                        stack.append(y)
            gone = [x for x in group if x not in reached and x not in dead]
            dead.update(gone)
            out.extend(gone)
            for x in gone:
                relax(x)
        return out
