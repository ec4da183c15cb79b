"""Analysis layer: supply redundancy as node-disjoint paths (SPEC §3.3 ``redundancy``).

For a demand entity t, the number of supply paths from the origins to t that share no
entity but t itself — so two paths from the same origin are *not* disjoint. By Menger's
theorem that is a maximum flow in the node-split graph: every entity v becomes
``v_in → v_out`` with capacity 1, every supply pair ``u → v`` becomes ``u_out → v_in``
(parallel flows merged: they cannot add disjoint paths), and a super source feeds every
origin's ``v_in``. The sink is ``t_in``, so t itself is not limited.

The max flow is computed near t: greedy disjoint paths first, then augmenting paths
searched backwards from ``t_in`` in the residual graph, stopped as soon as the count
reaches the number of t's supplied suppliers (no more paths can enter t). A search sees the
entities near t and the paths already chosen, not all of t's ancestors, so the cost does not
grow with each user's upstream set; an entity with a single point of failure on every path
(a dominator other than the super-source) needs no search at all.

0 means t is not reached from any origin; None marks a demand entity that is itself an
origin (nothing supplies it: the question does not apply).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator

import numpy as np
import numpy.typing as npt

from ecodesk.analysis.reachability import DominatorTree, dominator_tree
from ecodesk.analysis.supplygraph import BoolArray, SupplyGraph


def _pairs(graph: SupplyGraph) -> npt.NDArray[np.intp]:
    """Distinct (source, target) supply pairs, shape (P, 2)."""
    if graph.n_edges == 0:
        return np.zeros((0, 2), dtype=np.intp)
    n = graph.n_nodes
    keys = np.unique(graph.src.astype(np.int64) * n + graph.dst)  # sorted by (source, target)
    return np.stack([keys // n, keys % n], axis=1).astype(np.intp)


def redundancy(
    graph: SupplyGraph,
    supplied: BoolArray,
    check: Callable[[int], None] | None = None,
    tree: DominatorTree | None = None,
) -> dict[str, int | None]:
    """Node-disjoint supply paths to every demand entity (scenario order).

    A demand entity with a dominator other than the super-source has exactly 1 (every path
    passes that entity); otherwise :func:`_max_paths` counts them, bounded by t's distinct
    supplied suppliers. ``tree`` is the dominator tree when the caller has it.
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
    origin_l, sup_l = is_origin.tolist(), supplied.tolist()
    if tree is None and graph.demand_nodes.size:
        tree = dominator_tree(graph)
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
        elif tree is not None and tree.idom[t] != n:  # one entity lies on every supply path
            out[tid] = 1
        else:
            out[tid] = _max_paths(t, _upper_bound(t, ptr_l, preds_l, origin_l, sup_l), ptr_l, preds_l, origin_l, sup_l)
    return out


def _upper_bound(t: int, ptr: list[int], preds: list[int], origin: list[bool], sup: list[bool]) -> int:
    """At most this many disjoint paths reach ``t``: its supplied suppliers, and also the
    set of origins among them plus the supplied suppliers of the others — every path runs
    through one entity of that set, and disjoint paths through different ones."""
    first = [u for u in preds[ptr[t] : ptr[t + 1]] if sup[u] and u != t]
    cut = {u for u in first if origin[u]}
    for u in first:
        if not origin[u]:
            cut.update(q for q in preds[ptr[u] : ptr[u + 1]] if sup[q] and q != t)
            if len(cut) >= len(first):
                return len(first)
    return len(cut)


def _greedy_paths(
    t: int, ptr: list[int], preds: list[int], origin: list[bool], sup: list[bool]
) -> list[list[int]]:
    """Node-disjoint supply paths to ``t`` found greedily, each listed from t's supplier back
    to an origin: from each supplied supplier of t a depth-first search backwards through
    unused supplied entities, an unused origin first where there is one. An entity whose
    search failed is never tried again for t: the used entities only grow, so it stays a
    dead end."""
    used: set[int] = set()
    dead = {t}  # a path runs into t once, at its end
    found: list[list[int]] = []
    for p in preds[ptr[t] : ptr[t + 1]]:
        if not sup[p] or p in used or p in dead:
            continue
        path = [p]
        on_path = {p}
        none: list[int] = []
        iters: list[Iterator[int]] = [iter(none) if origin[p] else _candidates(p, ptr, preds, origin, sup, used, dead)]
        while path and not origin[path[-1]]:
            for u in iters[-1]:
                if u in on_path or u in used or u in dead:
                    continue
                path.append(u)
                on_path.add(u)
                iters.append(_candidates(u, ptr, preds, origin, sup, used, dead))
                break
            else:
                on_path.discard(path[-1])
                dead.add(path.pop())
                iters.pop()
        if path:
            used.update(path)
            found.append(path)
    return found


def _max_paths(t: int, upper: int, ptr: list[int], preds: list[int], origin: list[bool], sup: list[bool]) -> int:
    """The maximum number of node-disjoint supply paths to ``t`` (Ford–Fulkerson on the
    node-split graph), started from the greedy paths and stopped at ``upper``.

    Each augmenting path is searched *backwards* from the sink ``t_in`` through the
    residual graph, so a search only sees the entities near t and the paths already
    chosen: states are ``(v, 0)`` for ``v_in`` and ``(v, 1)`` for ``v_out``; a node arc
    ``v_in → v_out`` carries flow iff v is in ``through``, a supply arc ``u_out → v_in``
    iff ``nxt[u] == v``. The search stops when it meets an origin whose source arc is free.
    """
    paths = _greedy_paths(t, ptr, preds, origin, sup)
    through: set[int] = set()
    nxt: dict[int, int] = {}
    for path in paths:
        through.update(path)
        nxt[path[0]] = t
        for a, b in zip(path[1:], path):
            nxt[a] = b
    value = len(paths)
    while value < upper:
        start = (t, 0)
        parent: dict[tuple[int, int], tuple[int, int] | None] = {start: None}
        queue = deque([start])
        hit: tuple[int, int] | None = None
        while queue and hit is None:
            state = queue.popleft()
            v, side = state
            if side == 0:  # who reaches v_in
                if v != t and origin[v] and v not in through:
                    hit = state
                    break
                for u in preds[ptr[v] : ptr[v + 1]]:
                    if u != t and sup[u] and nxt.get(u) != v and (u, 1) not in parent:
                        parent[(u, 1)] = state
                        queue.append((u, 1))
                if v != t and v in through and (v, 1) not in parent:
                    parent[(v, 1)] = state  # undo v's node arc
                    queue.append((v, 1))
            else:  # who reaches v_out
                if v not in through and (v, 0) not in parent:
                    parent[(v, 0)] = state
                    queue.append((v, 0))
                w = nxt.get(v)
                if w is not None and w != t and (w, 0) not in parent:
                    parent[(w, 0)] = state  # undo the supply arc v → w
                    queue.append((w, 0))
        if hit is None:
            break
        # apply the path from the source forwards: hit → … → t_in
        state = hit
        through.add(hit[0])  # the source arc of the origin now carries flow
        while state != start:
            after = parent[state]
            assert after is not None
            (v, side), (w, w_side) = state, after
            if side == 0 and w_side == 1:
                if w == v:  # v_in → v_out: v now carries flow … unless it was the undo direction
                    through.add(v)
                else:  # v_in → w_out: cancels the supply arc w → v
                    if nxt.get(w) == v:
                        del nxt[w]
            elif side == 1 and w_side == 0:
                if w == v:  # v_out → v_in: cancels v's node arc
                    through.discard(v)
                else:  # v_out → w_in: a new supply arc
                    nxt[v] = w
            state = after
        value += 1
    return value


def _candidates(
    v: int, ptr: list[int], preds: list[int], origin: list[bool], sup: list[bool], used: set[int], dead: set[int]
) -> Iterator[int]:
    """Supplied suppliers of ``v``: unused origins first, then the others."""
    mine = preds[ptr[v] : ptr[v + 1]]
    for u in mine:
        if origin[u] and u not in used:
            yield u
    for u in mine:
        if sup[u] and not origin[u]:
            yield u
