"""Diagram layer (engine side, no Qt): positions for entities that came without any.

:func:`place` is what an import calls when its source gives no coordinates (SPEC §4
"Positions"). It chooses between two layouts:

* **layered** (sources left, sinks right) when the flows have a direction that makes sense:
  the directed graph is nearly acyclic (few edges inside cycles, few mutual pairs), the
  caller did not say the edges are undirected, and it has more than one layer without
  being one long chain of layers (an undirected graph written in file order is acyclic,
  but its longest path is long);
* **force**-directed otherwise: :func:`ecodesk.diagram.forces.multilevel`, a multilevel
  Fruchterman–Reingold that lays 10,000 entities out in a few seconds.

Weakly connected components are laid out apart and packed in rows; entities without any
flow go in a grid after them; everything is spaced by :data:`geometry.ENTITY_BOX`, so boxes
do not overlap. Fixed positions stay, and the new ones go to the right of them. No two
entities end at one place. The result depends only on the input (sorted ids, seeded noise).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from ecodesk.diagram.forces import multilevel, separate, small_batch
from ecodesk.diagram.geometry import ENTITY_BOX
from ecodesk.diagram.layout import KIND_TIER, acyclic

Pos = tuple[float, float]

LAYERED, FORCE = "layered", "force"
#: Centre-to-centre spacing: columns of a layered layout, rows inside a column, the ideal
#: flow length of the force layout and the least distance entities keep.
LAYER_GAP = ENTITY_BOX[0] + 128.0
ROW_GAP = ENTITY_BOX[1] + 12.0
EDGE_LENGTH = 1.5 * ENTITY_BOX[0]
MIN_GAP = max(ENTITY_BOX) + 8.0
#: Space between packed components and between the new entities and the fixed ones.
MARGIN = 1.4 * ENTITY_BOX[0]
#: Aim of the packed picture: width / height of a landscape window.
ASPECT = 1.6

# when a directed graph counts as "layered": thresholds on shares of the edges or nodes
MUTUAL_MAX = 0.25  # pairs a→b with b→a as well: the direction is not meant
CYCLIC_EDGES_MAX = 0.10  # edges inside strongly connected components
CYCLIC_NODES_MAX = 0.20  # entities inside them


def place(ids: Iterable[str], edges: Iterable[tuple[str, str]], fixed: Mapping[str, Pos],
          kinds: Mapping[str, str] | None = None, *, directed: bool = True,
          links: Iterable[tuple[str, str]] = ()) -> tuple[dict[str, Pos], str]:
    """Positions of every id (fixed ones unchanged) and the layout used, ``"layered"`` or
    ``"force"``. Edges may repeat, loop or name unknown ids (ignored); ``kinds`` (entity
    kind per id) moves sources and users to their tier; ``directed=False`` says the edges'
    direction means nothing (the layout is then force-directed); ``links`` are connections
    whose direction says nothing about the supply (data fed back, say): they hold entities
    together and order the columns, but do not choose them."""
    all_ids = list(dict.fromkeys(ids))
    out: dict[str, Pos] = {i: (float(fixed[i][0]), float(fixed[i][1])) for i in all_ids if i in fixed}
    free = sorted(i for i in all_ids if i not in fixed)
    if not free:
        return out, FORCE
    index = {i: k for k, i in enumerate(free)}
    pairs: set[tuple[int, int]] = set()
    weight: dict[tuple[int, int], float] = {}
    for group, (s, t) in [*((True, e) for e in edges), *((False, e) for e in links)]:
        a, b = index.get(s), index.get(t)
        if a is None or b is None or a == b:
            continue
        if group:
            pairs.add((a, b))
        key = (a, b) if a < b else (b, a)
        weight[key] = weight.get(key, 0.0) + 1.0
    n = len(free)
    kind_of = [(kinds or {}).get(i, "other") for i in free]
    method = choose_method(n, pairs) if directed else FORCE
    comps = _components(n, weight)
    # each component's edges in its own indices, sorted out once (not once per component)
    where: list[tuple[int, int]] = [(0, 0)] * n  # node -> (component, index in it)
    for c, members in enumerate(comps):
        for j, v in enumerate(members):
            where[v] = (c, j)
    comp_pairs: list[list[tuple[int, int]]] = [[] for _ in comps]
    comp_weight: list[dict[tuple[int, int], float]] = [{} for _ in comps]
    for a, b in pairs:
        comp_pairs[where[a][0]].append((where[a][1], where[b][1]))
    for (a, b), w in weight.items():
        comp_weight[where[a][0]][(where[a][1], where[b][1])] = w
    blocks: list[tuple[Any, list[int]]] = []  # (local coordinates, members)
    lone: list[int] = []
    seen: dict[tuple[Any, ...], Any] = {}  # small components of one shape are laid out once
    pending: list[tuple[int, int]] = []  # (block, component) of the small force-directed ones
    for c, members in enumerate(comps):
        if len(members) == 1:
            lone.append(members[0])
            continue
        local_kinds = [kind_of[v] for v in members]
        shape = ((len(members), tuple(sorted(comp_pairs[c])), tuple(sorted(comp_weight[c].items())),
                  tuple(local_kinds)) if len(members) <= 12 else None)
        if shape is not None and shape in seen:
            xy = seen[shape]
        elif method == LAYERED:
            xy = _layered(len(members), comp_pairs[c], comp_weight[c], local_kinds)
        elif 2 < len(members) <= SMALL:
            xy = None  # laid out below, all small components in one batch
            pending.append((len(blocks), c))
        else:
            xy = _force(len(members), comp_weight[c])
        if shape is not None and xy is not None:
            seen[shape] = xy
        blocks.append((xy, members))
    for (b, _), xy in zip(pending, _force_small([(len(comps[c]), comp_weight[c]) for _, c in pending])):
        blocks[b] = (xy, blocks[b][1])
    if lone:
        blocks.append((_grid(len(lone)), lone))
    xy_all = _pack(blocks, n)
    xy_all = _beside(xy_all, list(out.values()))
    taken = {(round(x, 1), round(y, 1)) for x, y in out.values()}
    for k, i in enumerate(free):
        x, y = round(float(xy_all[k, 0]), 1), round(float(xy_all[k, 1]), 1)
        while (x, y) in taken:  # only on absurd fixed coordinates: step until free
            x = round(x + max(7.3, abs(x) * 1e-9), 1)
        taken.add((x, y))
        out[i] = (x, y)
    assert len(set(out[i] for i in free)) == n and not (
        {out[i] for i in free} & {out[i] for i in all_ids if i in fixed}), "two entities at one place"
    return out, method


# --- choosing ------------------------------------------------------------------------------


def choose_method(n: int, pairs: set[tuple[int, int]]) -> str:
    """``layered`` when the directed graph over ``n`` nodes has a direction that makes sense."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    m = len(pairs)
    if m == 0:
        return FORCE
    mutual = sum(1 for a, b in pairs if (b, a) in pairs)
    if mutual > MUTUAL_MAX * m:
        return FORCE
    src = np.fromiter((a for a, _ in pairs), dtype=np.int64, count=m)
    dst = np.fromiter((b for _, b in pairs), dtype=np.int64, count=m)
    graph = coo_matrix((np.ones(m), (src, dst)), shape=(n, n)).tocsr()
    _, label = connected_components(graph, directed=True, connection="strong")
    sizes = np.bincount(label)
    in_cycle = sizes[label] > 1
    linked = np.zeros(n, dtype=bool)
    linked[src] = linked[dst] = True
    if (in_cycle[src] & (label[src] == label[dst])).sum() > CYCLIC_EDGES_MAX * m:
        return FORCE
    if in_cycle.sum() > CYCLIC_NODES_MAX * linked.sum():
        return FORCE
    # depth of the layering: more than one layer, and not a long chain (an undirected graph
    # oriented by file order is acyclic too, but its longest path grows with its size)
    succ = _adjacency(n, pairs)
    layer = _longest_path(list(range(n)), succ)
    depth = max(layer.values()) + 1
    limit = max(4.0, 2.5 * math.sqrt(float(linked.sum())))
    return LAYERED if 1 < depth <= limit else FORCE


def _adjacency(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    succ: list[list[int]] = [[] for _ in range(n)]
    for a, b in sorted(pairs):
        succ[a].append(b)
    return succ


def _longest_path(nodes: list[int], succ: list[list[int]], floor: Mapping[int, int] | None = None) -> dict[int, int]:
    """Layer of each node: the longest path to it over the graph without back edges (at
    least ``floor``); then sources move right, next to the first layer they feed."""
    dag = acyclic(nodes, succ.__getitem__)
    indeg = dict.fromkeys(nodes, 0)
    for v in nodes:
        for w in dag[v]:
            indeg[w] += 1
    layer = {v: (floor or {}).get(v, 0) for v in nodes}
    ready = [v for v in nodes if indeg[v] == 0]
    sources = set(ready)
    order: list[int] = []
    while ready:
        nxt: list[int] = []
        for v in ready:
            order.append(v)
            for w in dag[v]:
                layer[w] = max(layer[w], layer[v] + 1)
                indeg[w] -= 1
                if indeg[w] == 0:
                    nxt.append(w)
        ready = nxt
    for v in sources:
        if dag[v]:
            layer[v] = max(layer[v], min(layer[w] for w in dag[v]) - 1)
    return layer


# --- components ----------------------------------------------------------------------------


def _components(n: int, weight: Mapping[tuple[int, int], float]) -> list[list[int]]:
    """Weakly connected components, biggest first (ties by their smallest member)."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if weight:
        a = np.fromiter((k[0] for k in weight), dtype=np.int64, count=len(weight))
        b = np.fromiter((k[1] for k in weight), dtype=np.int64, count=len(weight))
        graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
        _, label = connected_components(graph, directed=False)
    else:
        label = np.arange(n)
    groups: dict[int, list[int]] = {}
    for v, c in enumerate(label.tolist()):
        groups.setdefault(c, []).append(v)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


# --- layered -------------------------------------------------------------------------------


def _layered(k: int, pairs: list[tuple[int, int]], weight: Mapping[tuple[int, int], float],
             kind_of: list[str]) -> Any:
    """One component of ``k`` nodes (``pairs``: directed edges, ``weight``: all links, in the
    component's indices): columns by longest path (kinds' tiers as lower bounds), ordered by
    barycentres; long columns are staggered into sub-columns so the picture stays landscape."""
    import numpy as np

    members = list(range(k))
    succ = _adjacency(k, pairs)
    tiers = {v: KIND_TIER.get(kind_of[v], 0) for v in members}
    raw = _longest_path(members, succ, tiers)
    users_last = max(raw.values())
    for v in members:  # users that feed nobody line up in the last column
        if kind_of[v] == "user" and not succ[v]:
            raw[v] = users_last
    used = sorted(set(raw.values()))
    remap = {old: new for new, old in enumerate(used)}
    layer = np.array([remap[raw[v]] for v in members], dtype=np.int64)
    n_layers = len(used)
    linked = sorted(weight)
    eu = np.array([a for a, _ in linked], dtype=np.int64)
    ev = np.array([b for _, b in linked], dtype=np.int64)
    order = _order_layers(k, layer, n_layers, eu, ev, sweeps=10 if k > 12 else 4)
    sizes = np.bincount(layer, minlength=n_layers)
    cap = _column_cap(sizes)
    xy = np.zeros((k, 2))
    x = 0.0
    for li in range(n_layers):
        col = order[li]
        subs = max(1, math.ceil(len(col) / cap))
        for r, v in enumerate(col):
            xy[v, 0] = x + (r % subs) * (ENTITY_BOX[0] + 24.0)
            xy[v, 1] = (r - (len(col) - 1) / 2) * ROW_GAP / subs
        x += (subs - 1) * (ENTITY_BOX[0] + 24.0) + LAYER_GAP
    return xy


def _order_layers(k: int, layer: Any, n_layers: int, eu: Any, ev: Any, sweeps: int = 10) -> list[list[int]]:
    """Order inside each layer: first seen in a breadth-first walk from the sources, then
    alternating barycentre sweeps (neighbours in nearer layers weigh more)."""
    import numpy as np

    cols: list[list[int]] = [[] for _ in range(n_layers)]
    adj: list[list[int]] = [[] for _ in range(k)]
    for a, b in zip(eu.tolist(), ev.tolist()):
        adj[a].append(b)
        adj[b].append(a)
    seen = np.zeros(k, dtype=bool)
    for root in sorted(range(k), key=lambda v: (int(layer[v]), v)):
        if seen[root]:
            continue
        seen[root] = True
        queue = [root]
        for v in queue:
            cols[int(layer[v])].append(v)
            for w in sorted(adj[v]):
                if not seen[w]:
                    seen[w] = True
                    queue.append(w)
    if len(eu) == 0:
        return cols
    rank = np.zeros(k)
    for col in cols:
        rank[col] = (np.arange(len(col)) + 0.5) / len(col)
    span = np.abs(layer[eu] - layer[ev]).astype(float)
    w = 1.0 / np.maximum(span, 1.0) ** 2
    for sweep in range(sweeps):
        down = sweep % 2 == 0
        rng = range(1, n_layers) if down else range(n_layers - 2, -1, -1)
        for li in rng:
            col = cols[li]
            if not col:
                continue
            # edges from this layer to the layers already placed in this sweep
            before_u = layer[eu] < li if down else layer[eu] > li
            before_v = layer[ev] < li if down else layer[ev] > li
            mask_a = (layer[eu] == li) & before_v
            mask_b = (layer[ev] == li) & before_u
            v = np.concatenate([eu[mask_a], ev[mask_b]])
            nb = np.concatenate([ev[mask_a], eu[mask_b]])
            ww = np.concatenate([w[mask_a], w[mask_b]])
            total = np.bincount(v, weights=ww * rank[nb], minlength=k)
            count = np.bincount(v, weights=ww, minlength=k)
            arr = np.array(col)
            bary = np.where(count[arr] > 0, total[arr] / np.maximum(count[arr], 1e-12), rank[arr])
            idx = np.lexsort((rank[arr], bary))
            cols[li] = arr[idx].tolist()
            rank[cols[li]] = (np.arange(len(col)) + 0.5) / len(col)
    return cols


def _column_cap(sizes: Any) -> int:
    """Most entities stacked in one sub-column: the smallest cap that keeps the picture at
    most :data:`ASPECT` times wider than tall... or the tallest column when that is enough."""
    biggest = int(sizes.max())
    best, best_err = biggest, math.inf
    for cap in range(1, biggest + 1):
        subs = [max(1, math.ceil(int(s) / cap)) for s in sizes]
        width = sum((s - 1) * (ENTITY_BOX[0] + 24.0) for s in subs) + len(subs) * LAYER_GAP
        height = max(math.ceil(int(s) / su) for s, su in zip(sizes, subs)) * ROW_GAP
        err = abs(math.log(width / height / ASPECT))
        if err < best_err - 1e-9:
            best, best_err = cap, err
    return best


# --- force ---------------------------------------------------------------------------------


#: Components up to this size are laid out together by :func:`forces.small_batch`.
SMALL = 40


def _force_small(items: list[tuple[int, Mapping[tuple[int, int], float]]]) -> list[Any]:
    """Coordinates of small components (size, weight per linked pair) laid out in one batch;
    components of the same shape are laid out once."""
    import numpy as np

    unique: dict[tuple[Any, ...], int] = {}
    graphs: list[tuple[int, Any, Any, Any]] = []
    which: list[int] = []
    for k, weight in items:
        edges = tuple(sorted((a, b, w) for (a, b), w in weight.items()))
        key = (k, edges)
        if key not in unique:
            unique[key] = len(graphs)
            graphs.append((k, np.array([e[0] for e in edges], dtype=np.int64),
                           np.array([e[1] for e in edges], dtype=np.int64), np.array([e[2] for e in edges], dtype=float)))
        which.append(unique[key])
    done = [_finish(xy, g[1], g[2]) for xy, g in zip(small_batch(graphs), graphs)]
    return [done[i] for i in which]


def _force(k: int, weight: Mapping[tuple[int, int], float]) -> Any:
    """Multilevel Fruchterman–Reingold of one component (``k`` nodes, ``weight`` per linked
    pair in its indices), scaled to :data:`EDGE_LENGTH`, then overlapping boxes pushed apart."""
    import numpy as np

    if k == 2:
        return np.array([[0.0, 0.0], [EDGE_LENGTH, 0.0]])
    inside = sorted((a, b, w) for (a, b), w in weight.items())
    eu = np.array([a for a, _, _ in inside], dtype=np.int64)
    ev = np.array([b for _, b, _ in inside], dtype=np.int64)
    ew = np.array([w for _, _, w in inside], dtype=float)
    return _finish(multilevel(k, eu, ev, ew), eu, ev)


def _finish(xy: Any, eu: Any, ev: Any) -> Any:
    """Force coordinates to scene units: flows at least EDGE_LENGTH long (median) and nearest
    neighbours at least MIN_GAP apart (median), whichever needs more room; then overlapping
    boxes are pushed apart."""
    import numpy as np
    from scipy.spatial import cKDTree

    nearest = cKDTree(xy).query(xy, k=2)[0][:, 1]
    length = np.sqrt(((xy[ev] - xy[eu]) ** 2).sum(axis=1))
    scale = max(EDGE_LENGTH / max(float(np.median(length)), 1e-9),
                1.05 * MIN_GAP / max(float(np.median(nearest)), 1e-9))
    return separate(xy * scale, ENTITY_BOX)


# --- isolated entities, packing, fixed ones -----------------------------------------------


def _grid(count: int) -> Any:
    import numpy as np

    per_row = max(1, math.ceil(math.sqrt(count * ASPECT * ROW_GAP / ENTITY_BOX[0] / 1.3)))
    k = np.arange(count)
    return np.stack([(k % per_row) * (ENTITY_BOX[0] + 30.0), (k // per_row) * ROW_GAP], axis=1).astype(float)


def _pack(blocks: list[tuple[Any, list[int]]], n: int) -> Any:
    """Blocks (components, then the grid of lone entities) in rows, left to right, rows as
    wide as a landscape picture of their total area; returns coordinates per node."""
    import numpy as np

    boxes = []
    for xy, _ in blocks:
        lo = xy.min(axis=0)
        hi = xy.max(axis=0)
        boxes.append((lo, hi - lo + np.array(ENTITY_BOX) + MARGIN))
    area = sum(float(size[0] * size[1]) for _, size in boxes)
    row_width = max(max(float(size[0]) for _, size in boxes), math.sqrt(area * ASPECT))
    out = np.zeros((n, 2))
    x = y = row_height = 0.0
    for (xy, members), (lo, size) in zip(blocks, boxes):
        if x > 0 and x + size[0] > row_width * 1.05:
            x, y, row_height = 0.0, y + row_height, 0.0
        out[members] = xy - lo + np.array([x, y])
        x += float(size[0])
        row_height = max(row_height, float(size[1]))
    return out


def _beside(xy: Any, fixed: list[Pos]) -> Any:
    """The new positions moved to the right of the fixed ones (top edges level); around the
    origin when nothing is fixed."""
    import numpy as np

    if not fixed:
        centre = (xy.min(axis=0) + xy.max(axis=0)) / 2
        return xy - np.round(centre)
    fx = np.array(fixed, dtype=float)
    right = float(fx[:, 0].max()) + ENTITY_BOX[0] + MARGIN
    top = float(fx[:, 1].min())
    if not abs(right) < FAR or not abs(top) < FAR:  # absurd fixed coordinates: start at the origin
        right = top = 0.0
    return xy - xy.min(axis=0) + np.array([right, top])


#: Beyond this, fixed coordinates are not a place to put new entities beside (a float there
#: cannot tell 100 units apart).
FAR = 1e12
