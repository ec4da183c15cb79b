"""Diagram layer (engine side, no Qt): automatic layouts and arrangement.

* :func:`layered_layout` — columns by supply tier, left to right: origins → platforms
  and services → channels → users. Longest-path layering over the supply flows, with
  each entity kind's tier as a lower bound (the tie-break), then barycentre ordering
  inside the columns to reduce crossings.
* :func:`force_layout` — networkx ``spring_layout`` with a fixed seed, scaled to the
  canvas (deterministic).
* :func:`align_positions` / :func:`distribute_positions` — arrange a selection.

Every function maps ids to new (x, y) centres; the canvas applies the result as one
``MoveEntities`` command (one undo step).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Pos = tuple[float, float]

#: Preferred column of each entity kind (the tie-break of the layering).
KIND_TIER: dict[str, int] = {
    "supplier": 0,
    "research": 0,
    "partner": 0,
    "other": 0,
    "platform": 1,
    "service": 1,
    "channel": 2,
    "user": 3,
}
KIND_ORDER = ("platform", "service", "supplier", "research", "partner", "channel", "user", "other")
DEFAULT_SUPPLY = ("goods", "capability", "logistics")


@dataclass(frozen=True)
class Node:
    id: str
    kind: str = "other"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str = "goods"


def acyclic(nodes: Iterable[Any], successors: Callable[[Any], Iterable[Any]]) -> dict[Any, list[Any]]:
    """The graph over ``nodes`` without its back edges (iterative DFS in the order of ``nodes``):
    a DAG to layer. ``successors(n)`` gives n's targets; targets outside ``nodes`` are left out."""
    state: dict[Any, int] = {}
    dag: dict[Any, list[Any]] = {n: [] for n in nodes}
    for root in dag:
        if root in state:
            continue
        stack = [(root, iter(successors(root)))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                continue
            if nxt not in dag:
                continue
            s = state.get(nxt, 0)
            if s == 1:
                continue  # back edge: drop it
            dag[node].append(nxt)
            if s == 0:
                state[nxt] = 1
                stack.append((nxt, iter(successors(nxt))))
    return dag


def assign_layers(
    nodes: Sequence[Node], edges: Iterable[Edge], supply_kinds: Iterable[str] = DEFAULT_SUPPLY
) -> dict[str, int]:
    """Column of every node: L(v) = max(tier(kind), L(u) + 1 for supply edges u → v),
    empty columns removed, user sinks moved to the last column."""
    supply = set(supply_kinds)
    ids = sorted(n.id for n in nodes)
    kind = {n.id: n.kind for n in nodes}
    succ: dict[str, list[str]] = {i: [] for i in ids}
    for e in edges:
        if e.kind in supply and e.source in succ and e.target in succ and e.target not in succ[e.source]:
            succ[e.source].append(e.target)
    for v in succ.values():
        v.sort()
    dag = acyclic(ids, lambda n: succ.get(n, ()))
    indeg = {i: 0 for i in ids}
    for u in ids:
        for v in dag[u]:
            indeg[v] += 1
    layer = {i: KIND_TIER.get(kind[i], 0) for i in ids}
    ready = [i for i in ids if indeg[i] == 0]
    while ready:  # topological order (Kahn), relaxing longest paths
        nxt: list[str] = []
        for u in ready:
            for v in dag[u]:
                layer[v] = max(layer[v], layer[u] + 1)
                indeg[v] -= 1
                if indeg[v] == 0:
                    nxt.append(v)
        ready = sorted(nxt)
    used = sorted(set(layer.values()))
    remap = {old: new for new, old in enumerate(used)}
    layer = {i: remap[v] for i, v in layer.items()}
    last = max(layer.values(), default=0)
    for i in ids:
        if kind[i] == "user" and not dag[i]:
            layer[i] = last
    return layer


def _crossings(upper: Mapping[str, int], lower: Mapping[str, int], pairs: list[tuple[str, str]]) -> int:
    """Crossings between two adjacent columns (counting inversions by merge sort)."""
    seq = [lower[b] for a, b in sorted(pairs, key=lambda p: (upper[p[0]], lower[p[1]]))]

    def count(xs: list[int]) -> tuple[list[int], int]:
        if len(xs) <= 1:
            return xs, 0
        mid = len(xs) // 2
        left, a = count(xs[:mid])
        right, b = count(xs[mid:])
        merged: list[int] = []
        i = j = inv = 0
        while i < len(left) and j < len(right):
            if left[i] <= right[j]:
                merged.append(left[i])
                i += 1
            else:
                merged.append(right[j])
                inv += len(left) - i
                j += 1
        merged += left[i:] + right[j:]
        return merged, a + b + inv

    return count(seq)[1]


def _barycentre(
    i: str, ref: int, nbrs: Mapping[str, set[str]], layers: Mapping[str, int], pos: Mapping[str, float]
) -> float:
    ns = [pos[n] for n in nbrs[i] if layers[n] == ref]
    if not ns:  # no neighbour in the reference column: any neighbour, else stay
        ns = [pos[n] for n in nbrs[i]]
    return sum(ns) / len(ns) if ns else pos[i]


def order_layers(
    layers: Mapping[str, int], nodes: Sequence[Node], edges: Iterable[Edge], sweeps: int = 12
) -> list[list[str]]:
    """Order each column by the barycentre of its neighbours (down and up sweeps), keeping
    the ordering with the fewest crossings between adjacent columns."""
    n_layers = max(layers.values(), default=-1) + 1
    kind = {n.id: n.kind for n in nodes}
    cols: list[list[str]] = [[] for _ in range(n_layers)]
    for i in sorted(layers, key=lambda i: (KIND_ORDER.index(kind[i]) if kind[i] in KIND_ORDER else 99, i)):
        cols[layers[i]].append(i)
    nbrs: dict[str, set[str]] = {i: set() for i in layers}
    adjacent: list[tuple[str, str]] = []  # edges between neighbouring columns, upper first
    for e in edges:
        if e.source in layers and e.target in layers and e.source != e.target:
            nbrs[e.source].add(e.target)
            nbrs[e.target].add(e.source)
            la, lb = layers[e.source], layers[e.target]
            if abs(la - lb) == 1:
                adjacent.append((e.source, e.target) if la < lb else (e.target, e.source))

    def total_crossings(order: list[list[str]]) -> int:
        pos = {i: k for col in order for k, i in enumerate(col)}
        by_pair: dict[int, list[tuple[str, str]]] = {}
        for a, b in adjacent:
            by_pair.setdefault(layers[a], []).append((a, b))
        return sum(_crossings(pos, pos, ps) for ps in by_pair.values())

    best = [list(c) for c in cols]
    best_x = total_crossings(best)
    for sweep in range(sweeps):
        pos = {i: (k + 0.5) / len(col) for col in cols for k, i in enumerate(col)}
        rng = range(1, n_layers) if sweep % 2 == 0 else range(n_layers - 2, -1, -1)
        for li in rng:
            ref = li - 1 if sweep % 2 == 0 else li + 1
            keys = {i: (_barycentre(i, ref, nbrs, layers, pos), pos[i]) for i in cols[li]}
            cols[li].sort(key=keys.__getitem__)
            pos.update({i: (k + 0.5) / len(cols[li]) for k, i in enumerate(cols[li])})
        x = total_crossings(cols)
        if x < best_x:
            best, best_x = [list(c) for c in cols], x
    return best


def layered_layout(
    nodes: Sequence[Node],
    edges: Iterable[Edge],
    *,
    supply_kinds: Iterable[str] = DEFAULT_SUPPLY,
    layer_gap: float = 240.0,
    node_gap: float = 130.0,
    max_per_column: int = 30,
    origin: Pos = (0.0, 0.0),
) -> dict[str, Pos]:
    """Positions of a layered (left-to-right) layout by supply tier; long columns wrap
    into several sub-columns of at most ``max_per_column`` entities."""
    edges = list(edges)
    if not nodes:
        return {}
    layers = assign_layers(nodes, edges, supply_kinds)
    cols = order_layers(layers, nodes, edges)
    out: dict[str, Pos] = {}
    x = origin[0]
    for col in cols:
        if not col:
            continue
        n_sub = math.ceil(len(col) / max_per_column)
        per = math.ceil(len(col) / n_sub)
        for s in range(n_sub):
            part = col[s * per : (s + 1) * per]
            # stagger sub-columns by half a row so their labels do not line up
            shift = (s % 2) * node_gap / 2
            for k, i in enumerate(part):
                y = origin[1] + (k - (len(part) - 1) / 2) * node_gap + shift
                out[i] = (round(x + s * layer_gap * 0.6, 1), round(y, 1))
        x += layer_gap * (1 + 0.6 * (n_sub - 1))
    return out


#: Above this many entities the force layout runs the multilevel Fruchterman–Reingold of
#: :mod:`ecodesk.diagram.forces` instead of networkx's (10 s for 1,000 entities there,
#: about 2 s for 10,000 here, where an all-pairs version needs minutes and gigabytes).
NX_SPRING_MAX = 250


def force_layout(
    nodes: Sequence[Node],
    edges: Iterable[Edge],
    *,
    seed: int = 0,
    spacing: float = 150.0,
    center: Pos = (0.0, 0.0),
    iterations: int = 100,
) -> dict[str, Pos]:
    """A spring layout, seeded (the same input gives the same output, whatever the order
    of ``nodes`` and ``edges``), scaled so that neighbours sit about ``spacing`` apart.

    networkx ``spring_layout`` up to :data:`NX_SPRING_MAX` entities; beyond, the
    multilevel layout of :func:`ecodesk.diagram.forces.multilevel`, per component."""
    import networkx as nx
    import numpy as np

    if not nodes:
        return {}
    ids = sorted({n.id for n in nodes})
    if len(ids) == 1:
        return {ids[0]: (round(center[0], 1), round(center[1], 1))}
    g = nx.Graph()
    g.add_nodes_from(ids)
    for e in sorted(edges, key=lambda e: (e.source, e.target, e.kind)):
        if e.source in g and e.target in g and e.source != e.target:
            w = g.get_edge_data(e.source, e.target, {"weight": 0})["weight"]
            g.add_edge(e.source, e.target, weight=w + 1)
    # entities without flows would be flung to the rim: they go in rows below instead
    lone = [i for i in ids if g.degree(i) == 0]
    linked = [i for i in ids if g.degree(i) > 0]
    out: dict[str, Pos] = {}
    bottom = center[1]
    if len(linked) >= 2:
        sub = g.subgraph(linked)
        if len(linked) <= NX_SPRING_MAX:
            raw = nx.spring_layout(sub, seed=seed, iterations=iterations, weight="weight")
            arr = np.array([raw[i] for i in linked], dtype=float)
        else:
            from ecodesk.diagram.forces import multilevel

            where = {i: k for k, i in enumerate(linked)}
            pairs = sorted((min(where[a], where[b]), max(where[a], where[b]), d["weight"])
                           for a, b, d in sub.edges(data=True))
            arr = multilevel(len(linked), np.array([p[0] for p in pairs], dtype=np.int64),
                             np.array([p[1] for p in pairs], dtype=np.int64),
                             np.array([p[2] for p in pairs], dtype=float), seed=seed)
        arr -= np.median(arr, axis=0)
        # scale by a robust radius, and pull far outliers (weakly linked bits) back in
        radius = np.hypot(arr[:, 0], arr[:, 1])
        r95 = float(np.percentile(radius, 95)) or 1.0
        pull = np.minimum(1.0, 1.25 * r95 / np.maximum(radius, 1e-9))
        arr *= pull[:, None] * (spacing * math.sqrt(len(linked)) * 0.75 / r95)
        for i, p in zip(linked, arr):
            out[i] = (round(float(p[0]) + center[0], 1), round(float(p[1]) + center[1], 1))
        bottom = max(y for _, y in out.values()) + spacing
    elif linked:
        lone = linked + lone
    per_row = max(1, math.ceil(math.sqrt(len(lone) * 3)))
    for k, i in enumerate(lone):
        row, col = divmod(k, per_row)
        out[i] = (
            round(center[0] + (col - (min(per_row, len(lone)) - 1) / 2) * spacing, 1),
            round(bottom + row * spacing, 1),
        )
    return out


# arranging a selection --------------------------------------------------------------

Box = tuple[float, float, float, float]  # centre x, centre y, half width, half height
EDGE_ALIASES = {
    "h-centre": "hcenter",
    "h-center": "hcenter",
    "hcentre": "hcenter",
    "center": "hcenter",
    "v-centre": "vcenter",
    "v-center": "vcenter",
    "vcentre": "vcenter",
    "middle": "vcenter",
}


def align_positions(boxes: Mapping[str, Box], edge: str) -> dict[str, Pos]:
    """Align boxes on ``edge`` in {'left', 'right', 'top', 'bottom', 'hcenter', 'vcenter'}
    ('hcenter' lines centres up on one vertical line, 'vcenter' on one horizontal line)."""
    if not boxes:
        return {}
    edge = EDGE_ALIASES.get(edge, edge)
    vals = boxes.values()
    if edge == "left":
        ref = min(x - hw for x, y, hw, hh in vals)
        return {i: (ref + hw, y) for i, (x, y, hw, hh) in boxes.items()}
    if edge == "right":
        ref = max(x + hw for x, y, hw, hh in vals)
        return {i: (ref - hw, y) for i, (x, y, hw, hh) in boxes.items()}
    if edge == "top":
        ref = min(y - hh for x, y, hw, hh in vals)
        return {i: (x, ref + hh) for i, (x, y, hw, hh) in boxes.items()}
    if edge == "bottom":
        ref = max(y + hh for x, y, hw, hh in vals)
        return {i: (x, ref - hh) for i, (x, y, hw, hh) in boxes.items()}
    if edge == "hcenter":
        ref = (min(x - hw for x, y, hw, hh in vals) + max(x + hw for x, y, hw, hh in vals)) / 2
        return {i: (ref, y) for i, (x, y, hw, hh) in boxes.items()}
    if edge == "vcenter":
        ref = (min(y - hh for x, y, hw, hh in vals) + max(y + hh for x, y, hw, hh in vals)) / 2
        return {i: (x, ref) for i, (x, y, hw, hh) in boxes.items()}
    raise ValueError(f"unknown edge {edge!r}")


def distribute_positions(boxes: Mapping[str, Box], axis: str) -> dict[str, Pos]:
    """Spread boxes along ``axis`` ('horizontal' or 'vertical') with equal gaps between
    them; the two outermost stay where they are."""
    if axis not in ("horizontal", "vertical"):
        raise ValueError(f"unknown axis {axis!r}")
    h = axis == "horizontal"
    items = sorted(boxes.items(), key=lambda kv: ((kv[1][0] if h else kv[1][1]), kv[0]))
    if len(items) < 3:
        return {i: (b[0], b[1]) for i, b in items}

    def lo(b: Box) -> float:
        return b[0] - b[2] if h else b[1] - b[3]

    def size(b: Box) -> float:
        return 2 * (b[2] if h else b[3])

    first, last = items[0][1], items[-1][1]
    span = (last[0] + last[2] if h else last[1] + last[3]) - lo(first)
    gap = (span - sum(size(b) for _, b in items)) / (len(items) - 1)
    out: dict[str, Pos] = {}
    cursor = lo(first)
    for i, b in items:
        c = cursor + size(b) / 2
        out[i] = (c, b[1]) if h else (b[0], c)
        cursor += size(b) + gap
    return out
