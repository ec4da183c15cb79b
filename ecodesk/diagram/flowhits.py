"""Diagram layer (engine side, no Qt): hit tests on the flow table — which flow lies under
a point, which flows meet a rect — vectorised over the rows whose boxes come near, so a
click or a rubber band over 52,000 flows costs a few numpy calls."""

from __future__ import annotations

import numpy as np

from ecodesk.diagram.flowtable import FlowTable, clip_segments

#: The default reach of a click: half the widest stroke plus the hit margin.
REACH = 5.0 + 7.0 / 2 + 3


def flow_at(table: FlowTable, x: float, y: float, tolerance: float | None = None) -> str | None:
    """The id of the shown flow whose shaft or arrowhead passes nearest (x, y): within
    ``tolerance``, or by default within the flow's hit shape (half its width + 3, at
    least 5 — what the canvas's ``FlowItem.shape`` covers)."""
    if not table.size:
        return None
    reach = REACH if tolerance is None else tolerance
    rows = table.candidates(x - reach, y - reach, x + reach, y + reach)
    if not len(rows):
        return None
    dist = distance_to_polylines(table.pts[rows], x, y)
    dist = np.where(in_quads(table.head[rows], x, y), 0.0, dist)
    tol = np.maximum(table.width[rows] / 2 + 3.0, 5.0) if tolerance is None else np.full(len(rows), tolerance)
    ok = dist <= tol
    if not ok.any():
        return None
    best = int(np.argmin(np.where(ok, dist, np.inf)))
    return table.id_of(int(rows[best]))


def flows_in_rect(table: FlowTable, x0: float, y0: float, x1: float, y1: float) -> list[str]:
    """Ids of the shown flows whose shaft or arrowhead meets the rect (x0, y0)–(x1, y1)."""
    if not table.size:
        return []
    rows = table.candidates(x0, y0, x1, y1)
    b = table.box[rows]
    inside = (b[:, 0] >= x0) & (b[:, 2] <= x1) & (b[:, 1] >= y0) & (b[:, 3] <= y1)
    cross = rows[~inside]
    _pieces, owner = clip_segments(table.pts[cross], x0, y0, x1, y1)
    h = table.head[cross]
    near = ((h[..., 0] >= x0) & (h[..., 0] <= x1) & (h[..., 1] >= y0) & (h[..., 1] <= y1)).any(axis=1)
    hit = np.union1d(rows[inside], np.union1d(cross[np.unique(owner)], cross[near]))
    return table.ids_of(hit)


def count_in_rect(table: FlowTable, x0: float, y0: float, x1: float, y1: float) -> int:
    """How many shown flows have boxes meeting the rect (a cheap estimate of clutter)."""
    if not table.size:
        return 0
    return len(table.candidates(x0, y0, x1, y1))


def distance_to_polylines(p: np.ndarray, x: float, y: float) -> np.ndarray:
    """Distance from (x, y) to each polyline of ``p`` (``(n, k, 2)``)."""
    a, b = p[:, :-1], p[:, 1:]
    d = b - a
    ll = (d**2).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        u = np.clip(((x - a[..., 0]) * d[..., 0] + (y - a[..., 1]) * d[..., 1]) / ll, 0.0, 1.0)
    u = np.nan_to_num(u)
    return np.hypot(a[..., 0] + u * d[..., 0] - x, a[..., 1] + u * d[..., 1] - y).min(axis=1)


def in_quads(q: np.ndarray, x: float, y: float) -> np.ndarray:
    """Whether (x, y) lies in each quadrilateral of ``q`` (``(n, 4, 2)``; the arrowheads,
    concave at the notch: split into two triangles through the tip and the notch)."""

    def tri(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        def side(p: np.ndarray, r: np.ndarray) -> np.ndarray:
            return (r[:, 0] - p[:, 0]) * (y - p[:, 1]) - (r[:, 1] - p[:, 1]) * (x - p[:, 0])

        s1, s2, s3 = side(a, b), side(b, c), side(c, a)
        result: np.ndarray = ((s1 >= 0) & (s2 >= 0) & (s3 >= 0)) | ((s1 <= 0) & (s2 <= 0) & (s3 <= 0))
        return result

    inside: np.ndarray = tri(q[:, 0], q[:, 1], q[:, 2]) | tri(q[:, 0], q[:, 2], q[:, 3])
    return inside
