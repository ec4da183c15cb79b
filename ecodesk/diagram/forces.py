"""Diagram layer (engine side, no Qt): a force-directed layout fast enough for 10,000 entities.

:func:`multilevel` is Walshaw's multilevel Fruchterman–Reingold: heavy-edge matching
coarsens the graph level by level (a node left unmatched joins a small neighbouring
group, so stars shrink too) down to ~40 nodes, laid out with all-pairs forces; each finer
level starts from its parent's place and is refined with the repulsion of the
:data:`NEAREST` nearest nodes only (a k-d tree finds them), the far field being the coarser
levels' work. Cost per level is linear in nodes and edges: about 2 s for 10,000 entities
and 20,000 flows, where the all-pairs version needs minutes and gigabytes.
:func:`separate` then pushes overlapping entity boxes apart.
"""

from __future__ import annotations

import math
from typing import Any


def multilevel(n: int, eu: Any, ev: Any, ew: Any, seed: int = 20240607) -> Any:
    """Coordinates (n × 2 array; flows about 1 long) of a connected graph given as edge
    arrays ``eu``–``ev`` (int indices, each pair once) with weights ``ew``. Deterministic."""
    import numpy as np

    return _level(n, eu, ev, ew, np.ones(n), np.random.default_rng(seed))


def _level(n: int, eu: Any, ev: Any, ew: Any, mass: Any, rng: Any, depth: int = 0) -> Any:
    import numpy as np

    if n <= 40 or depth > 40:
        xy = rng.random((n, 2)) * math.sqrt(n)
        return _fr_dense(xy, eu, ev, ew, mass, iterations=200)
    parent, nc = _coarsen(n, eu, ev, ew)
    if nc > 0.9 * n:  # nothing left to merge: refine this level from a random start
        xy = rng.random((n, 2)) * math.sqrt(n)
        return _fr_near(xy, eu, ev, ew, mass, iterations=150, t0=math.sqrt(n) / 4)
    cu, cv = parent[eu], parent[ev]
    keep = cu != cv
    a, b = np.minimum(cu[keep], cv[keep]), np.maximum(cu[keep], cv[keep])
    key = a * nc + b
    uniq, inv = np.unique(key, return_inverse=True)
    cw = np.bincount(inv, weights=ew[keep])
    cmass = np.bincount(parent, weights=mass, minlength=nc)
    coarse = _level(nc, uniq // nc, uniq % nc, cw, cmass, rng, depth + 1)
    # prolong: children start at their parent (a little apart), the scale grows so that a
    # parent's area is shared out between its children
    xy = coarse[parent] * math.sqrt(7.0 / 4.0) + (rng.random((n, 2)) - 0.5) * 0.3
    iterations = 25 if depth == 0 else 30 if depth == 1 else 40
    return _fr_near(xy, eu, ev, ew, mass, iterations=iterations, t0=1.0)


def _coarsen(n: int, eu: Any, ev: Any, ew: Any) -> tuple[Any, int]:
    """Heavy-edge matching (light nodes first); a node left alone joins the group of its
    heaviest neighbour, so stars shrink too. Returns parent index per node and count."""
    import numpy as np

    deg = np.bincount(eu, minlength=n) + np.bincount(ev, minlength=n)
    order = np.lexsort((np.minimum(deg[eu], deg[ev]), -ew))
    match = np.full(n, -1, dtype=np.int64)
    eu_l, ev_l = eu.tolist(), ev.tolist()
    for e in order.tolist():
        a, b = eu_l[e], ev_l[e]
        if match[a] < 0 and match[b] < 0:
            match[a], match[b] = b, a
    parent = np.full(n, -1, dtype=np.int64)
    nc = 0
    for v in range(n):
        if parent[v] >= 0:
            continue
        parent[v] = nc
        if match[v] >= 0:
            parent[match[v]] = nc
        nc += 1
    # lone nodes: into the group of a neighbour when that group is still a pair at most
    lonely = match < 0
    if lonely.any():
        size = np.bincount(parent, minlength=nc)
        for e in order.tolist():
            a, b = eu_l[e], ev_l[e]
            for x, y in ((a, b), (b, a)):
                if lonely[x] and size[parent[x]] == 1 and size[parent[y]] <= 3 and not lonely[y]:
                    size[parent[x]] -= 1
                    parent[x] = parent[y]
                    size[parent[y]] += 1
                    lonely[x] = False
        used, parent = np.unique(parent, return_inverse=True)
        nc = len(used)
    return parent, nc


def _fr_dense(xy: Any, eu: Any, ev: Any, ew: Any, mass: Any, iterations: int) -> Any:
    """All-pairs Fruchterman–Reingold for the coarsest graph (ideal distance 1)."""
    import numpy as np

    t = max(1.0, math.sqrt(len(xy)) / 3)
    for it in range(iterations):
        d = xy[:, None, :] - xy[None, :, :]
        dist2 = np.maximum((d * d).sum(axis=2), 1e-6)
        disp = (d * (mass[None, :, None] / dist2[:, :, None])).sum(axis=1)
        ax, ay = _attraction(xy[:, 0], xy[:, 1], eu, ev, ew)
        x, y = _step(xy[:, 0], xy[:, 1], disp[:, 0] + ax, disp[:, 1] + ay, t * (1 - it / iterations) + 0.01)
        xy = np.stack([x, y], axis=1)
    return xy


def _fr_near(xy: Any, eu: Any, ev: Any, ew: Any, mass: Any, iterations: int, t0: float) -> Any:
    """Fruchterman–Reingold with repulsion from the :data:`NEAREST` nearest entities only
    (a k-d tree finds them): a fixed cost per entity however dense the picture gets, the
    far field being the coarser levels' work; linear cooling from ``t0``."""
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(xy)
    near = min(NEAREST, n - 1)
    x, y = xy[:, 0].copy(), xy[:, 1].copy()
    for it in range(iterations):
        if it % 3 == 0:  # neighbours change slowly: look them up every third step
            _, nb = cKDTree(np.stack([x, y], axis=1)).query(np.stack([x, y], axis=1), k=near + 1)
            nb = nb[:, 1:]  # the first is the entity itself (or one on the same spot)
            m_nb = mass[nb]
        dx = x[:, None] - x[nb]
        dy = y[:, None] - y[nb]
        f = m_nb / np.maximum(dx * dx + dy * dy, 1e-6)
        fx, fy = (dx * f).sum(axis=1), (dy * f).sum(axis=1)
        ax, ay = _attraction(x, y, eu, ev, ew)
        x, y = _step(x, y, fx + ax, fy + ay, t0 * (1 - it / iterations) + 0.02)
    return np.stack([x, y], axis=1)


#: How many nearest entities push one away in the near-field force layout.
NEAREST = 20


def _attraction(x: Any, y: Any, eu: Any, ev: Any, ew: Any) -> tuple[Any, Any]:
    """Pull of the flows: |d|² along each (weighted by the number of flows)."""
    import numpy as np

    n = len(x)
    if not len(eu):
        return np.zeros(n), np.zeros(n)
    dx, dy = x[ev] - x[eu], y[ev] - y[eu]
    f = ew * np.sqrt(dx * dx + dy * dy)
    fx, fy = dx * f, dy * f
    return (np.bincount(eu, fx, n) - np.bincount(ev, fx, n), np.bincount(eu, fy, n) - np.bincount(ev, fy, n))


def _step(x: Any, y: Any, fx: Any, fy: Any, t: float) -> tuple[Any, Any]:
    """Move along the force, at most ``t`` far."""
    import numpy as np

    length = np.sqrt(fx * fx + fy * fy)
    scale = np.minimum(length, t) / np.maximum(length, 1e-12)
    return x + fx * scale, y + fy * scale


def separate(xy: Any, box: tuple[float, float], rounds: int = 400) -> Any:
    """Push apart entities whose boxes (``box`` = width, height, plus a little air) overlap: each
    overlapping pair moves apart along the axis where they overlap least, half each; where
    a crowd keeps pushing back and forth, the whole picture grows by 5 % every 20 rounds."""
    import numpy as np
    from scipy.spatial import cKDTree

    n = len(xy)
    w, h = box[0] + 8.0, box[1] + 8.0
    xy = xy.copy()
    for k in range(rounds):
        if k and k % 20 == 0:
            xy = xy * 1.05
        pairs = cKDTree(xy).query_pairs(math.hypot(w, h), output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        dx, dy = xy[j, 0] - xy[i, 0], xy[j, 1] - xy[i, 1]
        ox, oy = w - np.abs(dx), h - np.abs(dy)
        hit = (ox > 1e-6) & (oy > 1e-6)
        if not hit.any():
            break
        i, j, dx, dy, ox, oy = i[hit], j[hit], dx[hit], dy[hit], ox[hit], oy[hit]
        along_x = ox / w <= oy / h
        sx = np.where(dx >= 0, 1.0, -1.0)  # j to the right of i (a tie: j, the later one, right)
        sy = np.where(dy >= 0, 1.0, -1.0)
        px = np.where(along_x, sx * ox * 0.51, 0.0)
        py = np.where(along_x, 0.0, sy * oy * 0.51)
        xy[:, 0] += np.bincount(j, px, n) - np.bincount(i, px, n)
        xy[:, 1] += np.bincount(j, py, n) - np.bincount(i, py, n)
    return xy


def small_batch(graphs: list[tuple[int, Any, Any, Any]], seed: int = 20240607, iterations: int = 100) -> list[Any]:
    """All-pairs Fruchterman–Reingold of many small graphs (``(n, eu, ev, ew)`` each, as for
    :func:`multilevel`) at once, padded into one array: a thousand small components cost
    one run instead of a thousand. Returns one n × 2 array per graph."""
    if not graphs:
        return []
    order = sorted(range(len(graphs)), key=lambda g: graphs[g][0])
    out: list[Any] = [None] * len(graphs)
    start = 0
    while start < len(order):  # chunks of similar sizes, a few MB each
        end = start + 1
        while end < len(order) and (end - start + 1) * graphs[order[end]][0] ** 2 <= CHUNK:
            end += 1
        chunk = order[start:end]
        for g, xy in zip(chunk, _batch([graphs[g] for g in chunk], seed + start, iterations)):
            out[g] = xy
        start = end
    return out


#: Most node pairs in one batch of :func:`small_batch` (arrays of a few MB).
CHUNK = 200_000


def _batch(graphs: list[tuple[int, Any, Any, Any]], seed: int, iterations: int) -> list[Any]:
    import numpy as np

    count = len(graphs)
    size = np.array([g[0] for g in graphs])
    top = int(size.max())
    rng = np.random.default_rng(seed)
    xy = rng.random((count, top, 2)) * np.sqrt(size)[:, None, None]
    real = np.arange(top)[None, :] < size[:, None]  # (count, top): padding is not a node
    adj = np.zeros((count, top, top))
    for c, (_, eu, ev, ew) in enumerate(graphs):
        adj[c, eu, ev] += ew
        adj[c, ev, eu] += ew
    t0 = np.maximum(1.0, np.sqrt(size) / 3)[:, None]
    x, y = xy[:, :, 0].copy(), xy[:, :, 1].copy()
    for it in range(iterations):
        dx = x[:, :, None] - x[:, None, :]
        dy = y[:, :, None] - y[:, None, :]
        dist2 = np.maximum(dx * dx + dy * dy, 1e-6)
        f = real[:, None, :] / dist2 - adj * np.sqrt(dist2)  # repulsion 1/d, attraction d² (over d)
        fx, fy = (dx * f).sum(axis=2), (dy * f).sum(axis=2)
        length = np.sqrt(fx * fx + fy * fy)
        step = np.minimum(length, t0 * (1 - it / iterations) + 0.01) / np.maximum(length, 1e-12)
        x += fx * step
        y += fy * step
    xy = np.stack([x, y], axis=2)
    return [xy[c, : int(size[c])].copy() for c in range(count)]
