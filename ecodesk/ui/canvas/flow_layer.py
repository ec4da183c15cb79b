"""UI layer (canvas): every flow drawn by ONE item — the batched flow layer.

With 52,000 flows, one Qt item per drawn shaft cost seconds per frame: long flows from the
platform hub have bounding rects crossing every viewport, so even a small view walked
most of the scene and the rasteriser stroked curves 200,000 units long. Here each flow is
one row of numpy arrays (a polyline of ``K`` points, its bounding box, a style index and
arrowhead); a frame culls the rows against the exposed rect with a vectorised test and
draws one path per style, built in one go from bytes (QDataStream), so the Python work
per frame is a few numpy calls plus one draw per style — not per flow.

:class:`~ecodesk.ui.canvas.flow_item.FlowItem` objects stay in the scene for selection,
hover and hit-testing; they paint themselves (opacity 1) only while selected or hovered.
A moved entity updates only its own flows' rows (``update_flow``), O(1) each.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QDataStream, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

if TYPE_CHECKING:
    import numpy as np
else:
    np: Any = None  # imported with the first flow: an empty window starts without numpy


def _load_numpy() -> None:
    global np, _REC
    if np is None:
        import numpy

        np = numpy
        _REC = np.dtype([("t", ">i4"), ("x", ">f8"), ("y", ">f8")])


DENSE_PIECES = 1500  # clipped pieces of through-flows above which they are drawn as hairlines
K = 9  # points of a flow's polyline (a quadratic curve sampled; straight: repeated end)
_REC: Any = None  # the QDataStream record of a path element (set with numpy)
_TAIL = struct.pack(">ii", 0, 0)  # cStart, fill rule (odd-even)


def path_from_polylines(pts: np.ndarray, closed: bool = False) -> QPainterPath:
    """One QPainterPath of ``n`` polylines (array ``(n, k, 2)``), built from bytes in C++
    (the trick pyqtgraph's ``arrayToQPath`` uses) instead of ``n * k`` Python calls."""
    n, k = pts.shape[:2]
    kk = k + 1 if closed else k
    rec = np.empty((n, kk), dtype=_REC)
    rec["t"] = 1
    rec["t"][:, 0] = 0
    rec["x"][:, :k] = pts[..., 0]
    rec["y"][:, :k] = pts[..., 1]
    if closed:
        rec["x"][:, k] = pts[:, 0, 0]
        rec["y"][:, k] = pts[:, 0, 1]
    data = struct.pack(">i", n * kk) + rec.tobytes() + _TAIL
    path = QPainterPath()
    if n:
        buf = QByteArray(data)
        stream = QDataStream(buf)  # the read-only constructor; ``buf`` outlives the read
        stream >> path
    return path


class FlowLayerItem(QGraphicsItem):
    """All flows of a scene, culled and drawn in batches (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(-0.5)  # above hulls, below flow items (selected/hovered) and entities
        self.detail = 0
        self._cap = 0
        self._n = 0
        self._rows: dict[str, int] = {}
        self._free: list[int] = []
        self._styles: dict[tuple[int, float, int], int] = {}
        self._pens: list[tuple[QColor, float, Qt.PenStyle]] = []
        self._bounds = QRectF()
        self._seen = (0.0, 0.0, 0.0, 0.0)

    def _grow(self, cap: int) -> None:
        _load_numpy()

        def grow(a: np.ndarray | None, shape: tuple[int, ...], dtype: type, fill: float | bool) -> np.ndarray:
            new = np.full((cap, *shape), fill, dtype=dtype)
            if a is not None:
                new[: len(a)] = a
            return new

        first = self._cap == 0
        self.pts = grow(None if first else self.pts, (K, 2), np.float64, 0.0)
        self.head = grow(None if first else self.head, (4, 2), np.float64, 0.0)
        self.box = grow(None if first else self.box, (4,), np.float64, np.nan)
        self.style = grow(None if first else self.style, (), np.int32, 0)
        self.shown = grow(None if first else self.shown, (), bool, False)
        self._cap = cap

    # rows ------------------------------------------------------------------------
    def _row(self, flow_id: str) -> int:
        row = self._rows.get(flow_id)
        if row is None:
            if self._free:
                row = self._free.pop()
            else:
                if self._n >= self._cap:
                    self._grow(max(1024, self._cap * 2))
                row = self._n
                self._n += 1
            self._rows[flow_id] = row
        return row

    def _style(self, color: QColor, width: float, dash: Qt.PenStyle) -> int:
        key = (color.rgba(), round(width * 4) / 4, int(dash.value))
        idx = self._styles.get(key)
        if idx is None:
            idx = self._styles[key] = len(self._pens)
            self._pens.append((QColor(color), key[1], dash))
        return idx

    def update_flow(
        self,
        flow_id: str,
        p0: tuple[float, float],
        ctrl: tuple[float, float] | None,
        end: tuple[float, float],
        head: list[tuple[float, float]],
        color: QColor,
        width: float,
        dash: Qt.PenStyle,
        shown: bool,
    ) -> None:
        """Set one flow's row: shaft from ``p0`` to ``end`` (bent through ``ctrl``), head."""
        row = self._row(flow_id)
        old = self.box[row].copy()
        t = np.linspace(0.0, 1.0, K)[:, None]
        a, b = np.array(p0), np.array(end)
        c = np.array(ctrl) if ctrl is not None else (a + b) / 2
        self.pts[row] = (1 - t) ** 2 * a + 2 * (1 - t) * t * c + t**2 * b
        self.head[row] = head
        both = np.vstack([self.pts[row], self.head[row]])
        pad = width / 2 + 1
        lo, hi = both.min(axis=0) - pad, both.max(axis=0) + pad
        self.box[row] = (lo[0], lo[1], hi[0], hi[1])
        self.style[row] = self._style(color, width, dash)
        self.shown[row] = shown
        self._changed(old, self.box[row])

    def set_shown(self, flow_id: str, shown: bool) -> None:
        row = self._rows.get(flow_id)
        if row is not None and self.shown[row] != shown:
            self.shown[row] = shown
            self._changed(self.box[row], self.box[row])

    def remove_flow(self, flow_id: str) -> None:
        row = self._rows.pop(flow_id, None) if self._cap else None
        if row is not None:
            old = self.box[row].copy()
            self.shown[row] = False
            self.box[row] = np.nan
            self._free.append(row)
            self._changed(old, old)

    def clear(self) -> None:
        self.prepareGeometryChange()
        self._rows.clear()
        self._free.clear()
        self._n = 0
        if self._cap:
            self.shown[:] = False
            self.box[:] = np.nan
        self._bounds = QRectF()

    def set_detail(self, level: int) -> None:
        if level != self.detail:
            self.detail = level
            self.update()

    def _changed(self, old: np.ndarray, new: np.ndarray) -> None:
        r = QRectF()
        for b in (old, new):
            if not np.isnan(b[0]):
                r = r.united(QRectF(b[0], b[1], b[2] - b[0], b[3] - b[1]))
        if r.isNull():
            return
        if not self._bounds.contains(r):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(r.adjusted(-500, -500, 500, 500))
        self.update(r)

    # QGraphicsItem -----------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def visible_rows(self, rect: QRectF) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
        """Rows seen in ``rect``: ``(inside, crossing, segments)`` — rows whose box lies
        inside the (padded) rect, rows whose box only overlaps it, and for those the parts
        of their segments inside the rect, clipped (``(m, 2, 2)``, Liang–Barsky,
        vectorised). Stroking only clipped pieces keeps the long hub flows cheap."""
        n = self._n
        pad = 12.0  # widths and arrowheads
        x0, y0, x1, y1 = rect.left() - pad, rect.top() - pad, rect.right() + pad, rect.bottom() + pad
        self._seen = (x0, y0, x1, y1)
        box = self.box[:n]
        with np.errstate(invalid="ignore"):
            cand = self.shown[:n] & (box[:, 0] <= x1) & (box[:, 2] >= x0) & (box[:, 1] <= y1) & (box[:, 3] >= y0)
        rows = np.flatnonzero(cand)
        b = box[rows]
        inside = (b[:, 0] >= x0) & (b[:, 2] <= x1) & (b[:, 1] >= y0) & (b[:, 3] <= y1)
        cross = rows[~inside]
        segs = _clip_segments(self.pts[cross], x0, y0, x1, y1)
        return rows[inside], cross, segs

    def flow_at(self, x: float, y: float, tolerance: float) -> str | None:
        """The id of the shown flow whose shaft passes nearest (x, y), within ``tolerance``."""
        n = self._n
        if not n:
            return None
        box = self.box[:n]
        t = tolerance
        with np.errstate(invalid="ignore"):
            cand = self.shown[:n] & (box[:, 0] <= x + t) & (box[:, 2] >= x - t) & (box[:, 1] <= y + t)
            cand &= box[:, 3] >= y - t
        rows = np.flatnonzero(cand)
        if not len(rows):
            return None
        p = self.pts[rows]
        a, b = p[:, :-1], p[:, 1:]
        d = b - a
        ll = (d**2).sum(axis=-1)
        with np.errstate(invalid="ignore", divide="ignore"):
            u = np.clip(((x - a[..., 0]) * d[..., 0] + (y - a[..., 1]) * d[..., 1]) / ll, 0.0, 1.0)
        u = np.nan_to_num(u)
        dist = np.hypot(a[..., 0] + u * d[..., 0] - x, a[..., 1] + u * d[..., 1] - y).min(axis=1)
        best = int(np.argmin(dist))
        if dist[best] > t:
            return None
        row = int(rows[best])
        return next((fid for fid, r in self._rows.items() if r == row), None)

    @staticmethod
    def _visible_rect(painter: QPainter, option: QStyleOptionGraphicsItem) -> QRectF:
        """The exposed rect cut to what the painter's device shows (``view.render`` and
        exports expose the whole item, a 400,000-unit-tall scene)."""
        rect = QRectF(option.exposedRect)
        dev = painter.device()
        inv, ok = painter.worldTransform().inverted()
        if dev is not None and ok:
            seen = inv.mapRect(QRectF(0, 0, dev.width(), dev.height()))
            if painter.hasClipping():
                seen = seen.intersected(painter.clipBoundingRect())
            rect = rect.intersected(seen) if not rect.isEmpty() else seen
        return rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self._n:
            return
        inside, cross, segs = self.visible_rows(self._visible_rect(painter, option))
        if not len(inside) and not len(cross):
            return
        detail = self.detail
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        straight = detail >= 2 or lod < 0.05  # bends under a pixel: two points a flow
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail < 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        seg_style = self.style[cross][segs[1]] if len(cross) else np.empty(0, np.int32)
        # a dense fan of long through-flows (the hub's): hairlines without antialiasing,
        # thousands of wide antialiased strokes would cost a second and show a solid wedge
        dense = len(seg_style) > DENSE_PIECES
        in_style = self.style[inside]
        for st in np.union1d(np.unique(in_style), np.unique(seg_style)):
            color, width, dash = self._pens[int(st)]
            pen = QPen(color, width if detail == 0 else 0.0)
            pen.setCosmetic(detail != 0)
            pen.setStyle(dash)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            group = inside[in_style == st]
            if len(group):
                pts = self.pts[group][:, [0, -1]] if straight else self.pts[group]
                painter.drawPath(path_from_polylines(pts))
            pieces = segs[0][seg_style == st]
            if len(pieces):
                if dense and detail == 0:
                    thin = QPen(pen)
                    thin.setWidthF(0.0)
                    thin.setCosmetic(True)
                    painter.setPen(thin)
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.drawPath(path_from_polylines(pieces))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail < 2)
        if detail >= 2:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        h = self.head[cross]
        r = self._seen
        near = (h[..., 0] >= r[0]) & (h[..., 0] <= r[2]) & (h[..., 1] >= r[1]) & (h[..., 1] <= r[3])
        rows = np.concatenate([inside, cross[near.any(axis=1)]])
        styles = self.style[rows]
        for st in np.unique(styles):
            painter.setBrush(self._pens[int(st)][0])
            painter.drawPath(path_from_polylines(self.head[rows[styles == st]], closed=True))


def _clip_segments(p: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> tuple[np.ndarray, np.ndarray]:
    """Clip the segments of polylines ``p`` (``(n, k, 2)``) to a rect: ``(pieces (m, 2, 2),
    index into p of each piece)``."""
    if not len(p):
        return np.empty((0, 2, 2)), np.empty(0, np.intp)
    a, b = p[:, :-1].reshape(-1, 2), p[:, 1:].reshape(-1, 2)
    owner = np.repeat(np.arange(len(p)), p.shape[1] - 1)
    dx, dy = b[:, 0] - a[:, 0], b[:, 1] - a[:, 1]
    t0 = np.zeros(len(a))
    t1 = np.ones(len(a))
    ok = np.ones(len(a), bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for pp, q in ((-dx, a[:, 0] - x0), (dx, x1 - a[:, 0]), (-dy, a[:, 1] - y0), (dy, y1 - a[:, 1])):
            r = q / pp
            ok &= ~((pp == 0) & (q < 0))
            t0 = np.where(pp < 0, np.maximum(t0, r), t0)
            t1 = np.where(pp > 0, np.minimum(t1, r), t1)
    ok &= t0 <= t1
    a, dx, dy, t0, t1 = a[ok], dx[ok], dy[ok], t0[ok], t1[ok]
    pieces = np.empty((len(a), 2, 2))
    pieces[:, 0, 0] = a[:, 0] + t0 * dx
    pieces[:, 0, 1] = a[:, 1] + t0 * dy
    pieces[:, 1, 0] = a[:, 0] + t1 * dx
    pieces[:, 1, 1] = a[:, 1] + t1 * dy
    return pieces, owner[ok]
