"""UI layer (canvas): every flow drawn by ONE item — the batched flow layer.

With 52,000 flows, one Qt item per drawn shaft cost seconds per frame: long flows from the
platform hub have bounding rects crossing every viewport, so even a small view walked
most of the scene and the rasteriser stroked curves 200,000 units long. Here each flow is
one row of numpy arrays (a polyline of ``K`` points, its bounding box, a style index and
arrowhead); a frame culls the rows against the exposed rect with a vectorised test and
draws one path per style, built in one go from bytes (QDataStream), so the Python work
per frame is a few numpy calls plus one draw per style — not per flow.

:class:`~ecodesk.ui.canvas.flow_item.FlowItem` objects exist only for the few flows that
are selected, hovered or asked for (the scene creates them on demand); the layer answers
the rest — hit tests (:meth:`FlowLayerItem.flow_at`), rubber bands
(:meth:`FlowLayerItem.flows_in_rect`). A moved entity re-routes only its own flows, in
one vectorised batch (:mod:`~ecodesk.ui.canvas.routes`). The layer also draws the
ecosystem hulls beneath the flows and the selected flows' glow above them.

The frame cache: in a view, the layer draws into an image of what the view shows plus a
margin, at the view's scale, and blits it. A frame with nothing changed is one blit; a
pan scrolls the image and draws the strip that came into view (the margin is drawn ahead
while the event loop is idle); an edit redraws only the dirty rects (a few moved flows:
along their segments); a zoom shows the old image scaled and draws a sharp one once the
zoom has paused; a drag lifts the dragged entities' flows out of the image and draws them
over it each frame (:meth:`FlowLayerItem.float_rows`). Exports and vector devices (SVG,
PDF) draw directly.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QByteArray, QDataStream, QPointF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

if TYPE_CHECKING:
    import numpy as np

    from ecodesk.ui.canvas.routes import Routes
else:
    np: Any = None  # imported with the first flow: an empty window starts without numpy


def _load_numpy() -> None:
    global np, _REC
    if np is None:
        import numpy

        np = numpy
        _REC = np.dtype([("t", ">i4"), ("x", ">f8"), ("y", ">f8")])


CACHE_MARGIN = 0.2  # the frame cache covers the view plus this fraction of it each side
CACHE_MAX_PIXELS = 12_000_000  # above this (huge or HiDPI views) the cache has no margin
ZOOM_SETTLE_MS = 160  # while zooming, the cache is shown scaled; redrawn this long after
IDLE_REPAIR_MS = 40  # pause between drawing parts of the cache's margin
FEW_ROWS = 32
GLOW_MAX = 300  # more selected flows than this are drawn as lines in the selection colour
MAX_REPAIR_RECTS = 160  # more dirty rects than this are redrawn as their union  # up to this many changed flows, the cache is redrawn along their segments
DENSE_PIECES = 1500  # clipped pieces of through-flows above which they are drawn as hairlines
K = 9  # points of a flow's polyline (the quadratic curve sampled; see routes.K)
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
    """All flows of a scene, culled and drawn in batches (see the module docstring).

    Each flow is one row: its polyline ``pts`` (``(K, 2)``), the ends of its route
    (``ends``: source end, control point, shaft end, apex), arrowhead ``head``, bounding
    box, stroke width, style index, and whether it is shown. Rows are set in batches by
    the scene (:meth:`set_routes`, :meth:`set_styles`, :meth:`set_shown`)."""

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
        self._ids: list[str | None] = []  # row -> flow id (None: a free row)
        self._free: list[int] = []
        self._styles: dict[tuple[int, float, int], int] = {}
        self._pens: list[tuple[QColor, float, Qt.PenStyle]] = []
        self._bounds = QRectF()
        self._seen = (0.0, 0.0, 0.0, 0.0)
        self.cache_enabled = True
        self.selection_color = QColor("#2f7ed8")  # the theme's (set by the scene)
        #: Draws what lies beneath the flows in a scene rect (the ecosystem hulls): part
        #: of the layer, so it shares the frame cache.
        self.backdrop: Callable[[QPainter, QRectF], None] | None = None
        self._cache: tuple[QImage, QPointF, Any] | None = None  # (image, scene origin, key)
        self._dirty: list[QRectF] = []  # scene rects of the cached image to redraw
        self._zoom_serial = 0
        self._idle_pending = False
        self._dense: bool | None = None  # the cached image's choice (see _draw)

    def _grow(self, cap: int) -> None:
        _load_numpy()

        def grow(name: str, shape: tuple[int, ...], dtype: type, fill: float | bool) -> None:
            new = np.full((cap, *shape), fill, dtype=dtype)
            if self._cap:
                new[: self._cap] = getattr(self, name)
            setattr(self, name, new)

        grow("pts", (K, 2), np.float64, 0.0)
        grow("ends", (4, 2), np.float64, 0.0)
        grow("head", (4, 2), np.float64, 0.0)
        grow("box", (4,), np.float64, np.nan)
        grow("width", (), np.float64, 1.0)
        grow("style", (), np.int32, 0)
        grow("shown", (), bool, False)
        grow("curved", (), bool, False)
        grow("floating", (), bool, False)
        grow("selected", (), bool, False)
        grow("src_idx", (), np.intp, -1)  # the scene's entity indices of the ends
        grow("dst_idx", (), np.intp, -1)
        grow("flip", (), bool, False)  # source id after target id (the bend's side)
        self._cap = cap

    # rows ------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._rows)

    def row_of(self, flow_id: str) -> int | None:
        return self._rows.get(flow_id)

    def rows_for(self, flow_ids: Sequence[str]) -> np.ndarray:
        """The rows of these flows, allocating rows for new ones."""
        _load_numpy()
        need = sum(1 for f in flow_ids if f not in self._rows) - len(self._free)
        if self._n + max(need, 0) > self._cap:
            self._grow(max(1024, self._cap * 2, self._n + need))
        out = np.empty(len(flow_ids), dtype=np.intp)
        rows, free, ids = self._rows, self._free, self._ids
        for i, fid in enumerate(flow_ids):
            row = rows.get(fid)
            if row is None:
                if free:
                    row = free.pop()
                    ids[row] = fid
                else:
                    row = self._n
                    self._n += 1
                    ids.append(fid)
                rows[fid] = row
            out[i] = row
        return out

    def style_index(self, color: QColor, width: float, dash: Qt.PenStyle) -> int:
        key = (color.rgba(), round(width * 4) / 4, int(dash.value))
        idx = self._styles.get(key)
        if idx is None:
            idx = self._styles[key] = len(self._pens)
            self._pens.append((QColor(color), key[1], dash))
        return idx

    def set_routes(self, rows: np.ndarray, routes: Routes) -> None:
        """Set the geometry of ``rows`` from ``routes`` (after their styles: the box is
        padded by the stroke width)."""
        if not len(rows):
            return
        old = self.box[rows].copy()
        old_pts = self.pts[rows].copy() if len(rows) <= FEW_ROWS else None
        pts = routes.polylines()
        self.pts[rows] = pts
        self.ends[rows] = np.stack([routes.p0, routes.ctrl, routes.end, routes.apex], axis=1)
        self.head[rows] = routes.head
        self.curved[rows] = routes.curved
        pad = (self.width[rows] / 2 + 1)[:, None]
        both = np.concatenate([pts, routes.head], axis=1)
        self.box[rows] = np.concatenate([both.min(axis=1) - pad, both.max(axis=1) + pad], axis=1)
        rects = None
        if self.floating[rows].all():  # dragged: drawn over the cache, which has none of them
            rects = []
        elif old_pts is not None:  # a few flows moved: redraw the cache along their segments only
            width = self.width[rows]
            rects = _segment_rects(old_pts, old[:, 0], width) + _segment_rects(pts, self.box[rows, 0], width)
            rects += _segment_rects(routes.head, self.box[rows, 0], width)
        self._changed(np.concatenate([old, self.box[rows]]), rects)

    def set_styles(self, rows: np.ndarray, styles: np.ndarray, widths: np.ndarray) -> None:
        """Style indices (:meth:`style_index`) and stroke widths of ``rows``."""
        if len(rows):
            self.style[rows] = styles
            self.width[rows] = widths
            self._changed(self.box[rows])

    def set_flow_selected(self, flow_id: str, on: bool) -> None:
        """Mark a flow selected: drawn with the selection glow over the frame cache."""
        row = self._rows.get(flow_id)
        if row is None or bool(self.selected[row]) == on:
            return
        self.selected[row] = on
        # the whole item: one pending update however many flows a Select All changes (a
        # rect each would pile up tens of thousands of rects for the view to merge); the
        # frame cache makes the full repaint a blit
        self.update()

    def set_links(self, rows: np.ndarray, src: np.ndarray, dst: np.ndarray, flip: np.ndarray) -> None:
        """The ends of ``rows`` as the scene's entity indices (-1: not on the canvas)."""
        if len(rows):
            self.src_idx[rows] = src
            self.dst_idx[rows] = dst
            self.flip[rows] = flip

    def set_shown(self, rows: np.ndarray, shown: bool | np.ndarray) -> None:
        if len(rows):
            self.shown[rows] = shown
            self._changed(self.box[rows])

    def remove_flow(self, flow_id: str) -> None:
        row = self._rows.pop(flow_id, None)
        if row is not None:
            old = self.box[row : row + 1].copy()
            self.shown[row] = False
            self.floating[row] = False
            self.selected[row] = False
            self.src_idx[row] = self.dst_idx[row] = -1
            self.box[row] = np.nan
            self._ids[row] = None
            self._free.append(row)
            self._changed(old)

    def float_rows(self, rows: np.ndarray) -> None:
        """Lift ``rows`` out of the frame cache while they are dragged: the cache redraws
        once without them (erasing them), then every frame draws them over the cached image,
        so a drag frame costs the dragged flows, not what lies under them."""
        rows = np.asarray(rows, dtype=np.intp)
        rows = rows[~self.floating[rows]] if len(rows) else rows
        if not len(rows):
            return
        self.floating[rows] = True
        if self._cache is not None:
            if len(rows) <= FEW_ROWS:  # erase along their segments
                width = self.width[rows]
                self._dirty.extend(_segment_rects(self.pts[rows], self.box[rows, 0], width))
                self._dirty.extend(_segment_rects(self.head[rows], self.box[rows, 0], width))
            else:  # many (a hub's): where they lie, in one rect
                b = self.box[rows]
                with np.errstate(invalid="ignore"):
                    x0, y0 = np.nanmin(b[:, 0]), np.nanmin(b[:, 1])
                    x1, y1 = np.nanmax(b[:, 2]), np.nanmax(b[:, 3])
                if not np.isnan(x0):
                    self._dirty.append(QRectF(float(x0), float(y0), float(x1 - x0), float(y1 - y0)))
        self._changed(self.box[rows], [])

    def sink_rows(self) -> None:
        """Put the dragged rows back into the frame cache (drawn onto it, nothing erased)."""
        if not self._n:
            return
        rows = np.flatnonzero(self.floating[: self._n])
        if not len(rows):
            return
        self.floating[rows] = False
        cache = self._cache
        if cache is not None and cache[2] is not None:
            img, origin, key = cache
            scale = key[0]
            dpr = img.devicePixelRatio()
            p = QPainter(img)
            p.setTransform(QTransform(scale, 0, 0, scale, -scale * origin.x(), -scale * origin.y()))
            bounds = QRectF(origin, QSizeF(img.width() / dpr / scale, img.height() / dpr / scale))
            self._draw(p, bounds, scale, self._dense, only=rows, backdrop=False)
            p.end()
        self._changed(self.box[rows], [])

    def clear(self) -> None:
        self.prepareGeometryChange()
        self._cache = None
        self._dirty = []
        self._rows.clear()
        self._ids.clear()
        self._free.clear()
        self._n = 0
        if self._cap:
            self.shown[:] = False
            self.floating[:] = False
            self.selected[:] = False
            self.box[:] = np.nan
        self._bounds = QRectF()

    def route(self, flow_id: str) -> tuple[np.ndarray, bool, np.ndarray, float] | None:
        """``(ends, curved, head, width)`` of a flow (see the class docstring), or None."""
        row = self._rows.get(flow_id)
        if row is None or np.isnan(self.box[row, 0]):
            return None
        return self.ends[row].copy(), bool(self.curved[row]), self.head[row].copy(), float(self.width[row])

    def set_detail(self, level: int) -> None:
        if level != self.detail:
            self.detail = level
            self._cache = None
            self.update()

    def _changed(self, boxes: np.ndarray, rects: list[QRectF] | None = None) -> None:
        """Repaint where ``boxes`` (``(m, 4)`` rows x0, y0, x1, y1; NaN: none) lie; the
        cached image redraws only ``rects`` if given (tighter: the segments' boxes)."""
        if not len(boxes) or np.isnan(boxes[:, 0]).all():
            return
        with np.errstate(invalid="ignore"):
            x0, y0 = np.nanmin(boxes[:, 0]), np.nanmin(boxes[:, 1])
            x1, y1 = np.nanmax(boxes[:, 2]), np.nanmax(boxes[:, 3])
        r = QRectF(float(x0), float(y0), float(x1 - x0), float(y1 - y0))
        if self._cache is not None:
            self._dirty.extend(rects if rects is not None else [r])
            if self._dirty and not self._idle_pending and len(self._dirty) > 4 * MAX_REPAIR_RECTS:
                u = QRectF()  # an edit storm (many small moves before a frame): merge
                for d in self._dirty:
                    u = u.united(d)
                self._dirty = [u]
        if not self._bounds.contains(r):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(r.adjusted(-500, -500, 500, 500))
        self.update(r)

    # QGraphicsItem -----------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def _candidates(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """Shown rows whose box overlaps the rect."""
        box = self.box[: self._n]
        with np.errstate(invalid="ignore"):
            cand = self.shown[: self._n] & (box[:, 0] <= x1) & (box[:, 2] >= x0) & (box[:, 1] <= y1)
            cand &= box[:, 3] >= y0
        return np.flatnonzero(cand)

    def visible_rows(
        self, rect: QRectF, touching: list[QRectF] | None = None, *, only: np.ndarray | None = None,
        lifted: bool = True,
    ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
        """Rows seen in ``rect``: ``(inside, crossing, segments)`` — rows whose box lies
        inside the (padded) rect, rows whose box only overlaps it, and for those the parts
        of their segments inside the rect, clipped (``(m, 2, 2)`` with the index into
        ``crossing`` of each piece; Liang–Barsky, vectorised). Stroking only clipped pieces
        keeps the long hub flows cheap; a straight flow is clipped as one segment. With
        ``touching`` (rects within ``rect``), only rows whose box meets one of them count;
        with ``only``, only those rows; ``lifted=False`` leaves out the rows being dragged
        (:meth:`float_rows`: the frame cache does not hold them)."""
        pad = 12.0  # widths and arrowheads
        x0, y0, x1, y1 = rect.left() - pad, rect.top() - pad, rect.right() + pad, rect.bottom() + pad
        self._seen = (x0, y0, x1, y1)
        if not self._n:
            empty = np.empty(0, np.intp)
            return empty, empty, (np.empty((0, 2, 2)), empty)
        if only is not None:  # a few rows (the dragged ones): test just those
            b = self.box[only]
            with np.errstate(invalid="ignore"):
                keep = self.shown[only] & (b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)
            rows = np.sort(only[keep])
        else:
            rows = self._candidates(x0, y0, x1, y1)
            if not lifted:
                rows = rows[~self.floating[rows]]
        if touching:
            t = np.array([[r.left() - pad, r.top() - pad, r.right() + pad, r.bottom() + pad] for r in touching])
            b = self.box[rows][:, None, :]
            meets = (b[..., 0] <= t[:, 2]) & (b[..., 2] >= t[:, 0]) & (b[..., 1] <= t[:, 3]) & (b[..., 3] >= t[:, 1])
            rows = rows[meets.any(axis=1)]
        b = self.box[rows]
        inside = (b[:, 0] >= x0) & (b[:, 2] <= x1) & (b[:, 1] >= y0) & (b[:, 3] <= y1)
        cross = rows[~inside]
        curved = self.curved[cross]
        bent = np.flatnonzero(curved)
        flat = np.flatnonzero(~curved)
        pb, ob = _clip_segments(self.pts[cross[bent]], x0, y0, x1, y1)
        pf, of = _clip_segments(self.pts[cross[flat]][:, [0, -1]], x0, y0, x1, y1)
        segs = (np.concatenate([pb, pf]), np.concatenate([bent[ob], flat[of]]))
        return rows[inside], cross, segs

    def flow_at(self, x: float, y: float, tolerance: float | None = None) -> str | None:
        """The id of the shown flow whose shaft or arrowhead passes nearest (x, y): within
        ``tolerance``, or by default within the flow's hit shape (half its width + 3,
        at least 5 — what :meth:`FlowItem.shape` covers)."""
        if not self._n:
            return None
        reach = 5.0 + 7.0 / 2 + 3 if tolerance is None else tolerance
        rows = self._candidates(x - reach, y - reach, x + reach, y + reach)
        if not len(rows):
            return None
        dist = _distance(self.pts[rows], x, y)
        head = self.head[rows]
        dist = np.where(_in_quads(head, x, y), 0.0, dist)
        tol = np.maximum(self.width[rows] / 2 + 3.0, 5.0) if tolerance is None else np.full(len(rows), tolerance)
        ok = dist <= tol
        if not ok.any():
            return None
        best = int(np.argmin(np.where(ok, dist, np.inf)))
        return self._ids[int(rows[best])]

    def flows_in_rect(self, rect: QRectF) -> list[str]:
        """Ids of the shown flows whose shaft or arrowhead meets ``rect``."""
        if not self._n:
            return []
        x0, y0, x1, y1 = rect.left(), rect.top(), rect.right(), rect.bottom()
        rows = self._candidates(x0, y0, x1, y1)
        b = self.box[rows]
        inside = (b[:, 0] >= x0) & (b[:, 2] <= x1) & (b[:, 1] >= y0) & (b[:, 3] <= y1)
        cross = rows[~inside]
        _pieces, owner = _clip_segments(self.pts[cross], x0, y0, x1, y1)
        h = self.head[cross]
        near = ((h[..., 0] >= x0) & (h[..., 0] <= x1) & (h[..., 1] >= y0) & (h[..., 1] <= y1)).any(axis=1)
        hit = np.union1d(rows[inside], np.union1d(cross[np.unique(owner)], cross[near]))
        ids = self._ids
        return [ids[int(r)] for r in hit]  # type: ignore[misc]

    def count_in_rect(self, rect: QRectF) -> int:
        """How many shown flows have boxes meeting ``rect`` (a cheap estimate of clutter)."""
        if not self._n:
            return 0
        return len(self._candidates(rect.left(), rect.top(), rect.right(), rect.bottom()))

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

    def area_changed(self, rect: QRectF) -> None:
        """Something the layer draws beneath the flows changed in scene rect ``rect``."""
        if rect.isNull() or rect.isEmpty():
            return
        if self._cache is not None:
            self._dirty.append(QRectF(rect))
        if not self._bounds.contains(rect):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(rect.adjusted(-500, -500, 500, 500))
        self.update(rect)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        world = painter.worldTransform()
        dev = painter.device()
        if (
            self.cache_enabled
            and widget is not None  # a view's frame (view.render too), not an export
            and isinstance(dev, (QImage, QPixmap, QWidget))  # raster: SVG and PDF stay vectors
            and world.type().value <= QTransform.TransformationType.TxScale.value
            and world.m11() == world.m22() > 0
        ):
            self._paint_cached(painter, option, world, dev)
        else:
            rect = self._visible_rect(painter, option)
            self._draw(painter, rect, world.m11())
            self._draw_selection(painter, rect, world.m11())

    # the frame cache ------------------------------------------------------------------
    def invalidate_cache(self) -> None:
        self._cache = None

    def _repair_later(self) -> None:
        """Draw the rest of the cached image (the margin) soon, one rect per turn of the
        event loop, so a pan finds it ready and input is never kept waiting long."""
        if self._idle_pending:
            return
        self._idle_pending = True

        def step() -> None:
            if not shiboken6.isValid(self):
                return
            self._idle_pending = False
            cache = self._cache
            if cache is None or cache[2] is None or not self._dirty:
                return
            first, self._dirty = self._dirty[:1], self._dirty[1:]
            rest = self._dirty
            self._dirty = first
            self._repair(cache[0], cache[1], cache[2][0])
            self._dirty = self._dirty + rest
            if self._dirty:
                self._repair_later()

        QTimer.singleShot(IDLE_REPAIR_MS, step)

    def _refresh_later(self) -> None:
        """Redraw the cache at the current scale once zooming has paused."""
        self._zoom_serial += 1
        serial = self._zoom_serial

        def refresh() -> None:
            if shiboken6.isValid(self) and serial == self._zoom_serial:
                self._cache = None
                self.update()

        QTimer.singleShot(ZOOM_SETTLE_MS, refresh)

    def _paint_cached(self, painter: QPainter, option: QStyleOptionGraphicsItem, world: QTransform, dev: Any) -> None:
        """Blit the flows from an image of the view plus a margin, drawn at the view's scale:
        a frame where nothing moved costs one blit; a pan scrolls the image and draws only
        the strip that came into view; an edit redraws only where it changed (the dirty
        rects :meth:`_changed` collects); a zoom or a change of detail redraws it all."""
        scale = world.m11()
        dpr = dev.devicePixelRatioF() if hasattr(dev, "devicePixelRatioF") else 1.0
        seen = self._visible_rect(painter, option)
        if seen.isEmpty():
            return
        key = (scale, dpr, self.detail)
        cache = self._cache
        if cache is not None and cache[2] is not None and cache[2][0] != scale and cache[2][1:] == key[1:]:
            # zooming: show the image scaled while the wheel turns, draw it anew once it stops
            img, origin, ckey = cache
            old = QRectF(origin, QSizeF(img.width() / dpr / ckey[0], img.height() / dpr / ckey[0]))
            if old.contains(seen) and not any(r.intersects(seen) for r in self._dirty):
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(old, img)
                painter.restore()
                self._refresh_later()
                self._draw_overlays(painter, seen, scale)
                return
        if cache is not None:
            img, origin, ckey = cache
            at = world.map(origin)
            aligned = abs(at.x() - round(at.x())) < 1e-3 and abs(at.y() - round(at.y())) < 1e-3
            covered = QRectF(origin, QSizeF(img.width() / dpr / scale, img.height() / dpr / scale)).contains(seen)
            if ckey != key or not aligned:
                cache = None
            elif not covered:
                cache = self._scroll_cache(img, origin, seen, scale, dpr, world)
        if cache is None:
            cache = self._new_cache(seen, scale, dpr, world)
            # what the view shows now, the margin (for panning) a moment later
            whole = self._cache_rect(cache, scale, dpr)
            self._dirty = [seen, *_minus(whole, seen.intersected(whole))]
            self._dense = None
        self._cache = (cache[0], cache[1], key)
        self._repair(cache[0], cache[1], scale, seen)
        img, origin = cache[0], cache[1]
        at = world.map(origin)
        painter.save()
        painter.resetTransform()
        painter.drawImage(QPointF(round(at.x()), round(at.y())), img)
        painter.restore()
        self._draw_overlays(painter, seen, scale)

    def _draw_overlays(self, painter: QPainter, seen: QRectF, scale: float) -> None:
        """What is drawn over the cached image on every frame: the flows being dragged, then
        the selected flows."""
        lifted = np.flatnonzero(self.floating[: self._n]) if self._n else ()
        if len(lifted):
            painter.save()
            # many (a dragged hub's): hairlines without heads while they move (the heads of
            # thousands of flows into the hub are one blob, and costly to fill every frame)
            many = len(lifted) > DENSE_PIECES
            self._draw(painter, seen, scale, True if many else None, only=lifted, backdrop=False, heads=not many)
            painter.restore()
        self._draw_selection(painter, seen, scale)

    @staticmethod
    def _cache_rect(cache: tuple[QImage, QPointF, Any], scale: float, dpr: float) -> QRectF:
        img, origin = cache[0], cache[1]
        return QRectF(origin, QSizeF(img.width() / dpr / scale, img.height() / dpr / scale))

    def _new_cache(
        self, seen: QRectF, scale: float, dpr: float, world: QTransform
    ) -> tuple[QImage, QPointF, Any]:
        """A transparent image of ``seen`` plus a margin (a quarter of the view each side,
        less for huge views), its top-left pixel-aligned in the view."""
        w, h = seen.width() * scale, seen.height() * scale  # view pixels
        margin = CACHE_MARGIN if (w * h * dpr * dpr) * (1 + 2 * CACHE_MARGIN) ** 2 <= CACHE_MAX_PIXELS else 0.0
        top_left = world.map(seen.topLeft())
        x0 = math.floor(top_left.x() - w * margin)
        y0 = math.floor(top_left.y() - h * margin)
        pw = math.ceil(w * (1 + 2 * margin)) + 2
        ph = math.ceil(h * (1 + 2 * margin)) + 2
        inv = world.inverted()[0]
        origin = inv.map(QPointF(x0, y0))
        img = QImage(max(1, round(pw * dpr)), max(1, round(ph * dpr)), QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        img.fill(0)
        return img, origin, None

    def _scroll_cache(
        self, img: QImage, origin: QPointF, seen: QRectF, scale: float, dpr: float, world: QTransform
    ) -> tuple[QImage, QPointF, Any]:
        """The view moved past the image at the same scale: a new image around it, holding
        what the old one had where they overlap; the rest is marked to draw."""
        new = self._new_cache(seen, scale, dpr, world)
        old_rect = QRectF(origin, QSizeF(img.width() / dpr / scale, img.height() / dpr / scale))
        new_rect = self._cache_rect(new, scale, dpr)
        if old_rect.intersects(new_rect):
            p = QPainter(new[0])
            offset = (origin - new[1]) * scale
            p.drawImage(QPointF(round(offset.x()), round(offset.y())), img)
            p.end()
            keep = old_rect.intersected(new_rect)
            for r in _minus(new_rect, keep):
                self._dirty.append(r)
        else:
            self._dirty.append(new_rect)
        return new

    def _repair(self, img: QImage, origin: QPointF, scale: float, seen: QRectF | None = None) -> None:
        """Redraw the dirty parts of the cached image (scene rects in ``self._dirty``):
        those meeting ``seen`` now, the rest when the event loop is idle (None: all)."""
        if not self._dirty:
            return
        dpr = img.devicePixelRatio()
        bounds = QRectF(origin, QSizeF(img.width() / dpr / scale, img.height() / dpr / scale))
        rects = [r.intersected(bounds) for r in self._dirty]
        rects = [r for r in rects if not r.isEmpty()]
        later = [r for r in rects if seen is not None and not r.intersects(seen)]
        rects = [r for r in rects if seen is None or r.intersects(seen)]
        self._dirty = later
        if later:
            self._repair_later()
        if not rects:
            return
        area = sum(r.width() * r.height() for r in rects)
        if len(rects) > MAX_REPAIR_RECTS or area > 0.5 * bounds.width() * bounds.height():
            u = QRectF()
            for r in rects:
                u = u.united(r)
            rects = [u]
        # one pass for all the rects: clipped to their region, drawing only the flows that
        # touch one of them (a drag's few flows leave dozens of small rects behind)
        to_image = QTransform(scale, 0, 0, scale, -scale * origin.x(), -scale * origin.y())
        inv = to_image.inverted()[0]
        pix = [to_image.mapRect(r).adjusted(-2, -2, 2, 2).toAlignedRect() for r in rects]
        region = QRegion()
        for r in pix:
            region = region.united(r)
        scene_rects = [inv.mapRect(QRectF(r)) for r in pix]
        box = QRectF()
        for r in scene_rects:
            box = box.united(r)
        p = QPainter(img)
        p.setClipRegion(region)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        p.fillRect(region.boundingRect(), Qt.GlobalColor.transparent)
        p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        p.setTransform(to_image)
        # the whole image decides once whether through-flows are dense (hairlines), so
        # strips drawn later match it without seams
        self._dense = self._draw(
            p, box, scale, self._dense, scene_rects if len(scene_rects) > 1 else None, cached=True
        )
        p.end()

    # drawing ----------------------------------------------------------------------------
    def _draw_selection(self, painter: QPainter, rect: QRectF, lod: float) -> None:
        """The selected flows over everything else: a glow, then the flows themselves —
        or, when many are selected (a Select All), the flows as lines in the selection
        colour: thousands of wide antialiased glows would take seconds a frame."""
        if not self._n:
            return
        sel = np.flatnonzero(self.selected[: self._n] & self.shown[: self._n])
        if len(sel):
            b = self.box[sel]
            sel = sel[(b[:, 0] <= rect.right()) & (b[:, 2] >= rect.left()) & (b[:, 1] <= rect.bottom())
                      & (b[:, 3] >= rect.top())]  # fmt: skip
        if not len(sel):
            return
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(sel) > GLOW_MAX:
            pen = QPen(QColor(self.selection_color), 0.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            inside, _cross, segs = self.visible_rows(rect, only=sel)
            pts = self.pts[inside]
            painter.drawPath(path_from_polylines(pts[:, [0, -1]] if self.detail >= 2 else pts))
            if len(segs[0]):
                painter.drawPath(path_from_polylines(segs[0]))
            painter.restore()
            return
        glow = QColor(self.selection_color)
        glow.setAlpha(90)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for row in sel:  # each its own path: one stroked path of many overlapping glows is slow
            pen = QPen(glow, float(self.width[row]) + 7 if self.detail == 0 else 5.0)
            pen.setCosmetic(self.detail != 0)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            path = path_from_polylines(self.pts[row : row + 1])
            if self.detail < 2:
                path.addPath(path_from_polylines(self.head[row : row + 1], closed=True))
            painter.drawPath(path)
        painter.restore()
        painter.save()
        self._draw(painter, rect, lod, None, only=sel, backdrop=False)
        painter.restore()

    def _draw(
        self, painter: QPainter, rect: QRectF, lod: float, dense: bool | None = None,
        touching: list[QRectF] | None = None, *, cached: bool = False, only: np.ndarray | None = None,
        backdrop: bool = True, heads: bool = True,
    ) -> bool | None:
        """Draw the backdrop and the flows seen in scene rect ``rect`` (``lod``: the
        painter's scale); ``dense``: whether crossing flows are hairlines (None: decide
        from what crosses ``rect``). Returns the ``dense`` used (None: nothing crossed)."""
        if self.backdrop is not None and backdrop:
            painter.save()
            self.backdrop(painter, rect)
            painter.restore()
        if not self._n:
            return dense
        inside, cross, segs = self.visible_rows(rect, touching, only=only, lifted=not cached)
        if not len(inside) and not len(cross):
            return dense
        detail = self.detail
        straight = detail >= 2 or lod < 0.05  # bends under a pixel: two points a flow
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail < 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        seg_style = self.style[cross][segs[1]] if len(cross) else np.empty(0, np.int32)
        # a dense fan of long through-flows (the hub's): hairlines without antialiasing,
        # thousands of wide antialiased strokes would cost a second and show a solid wedge
        if dense is None and len(seg_style):
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
            pieces = segs[0][seg_style == st]
            if len(group):
                pts = self.pts[group][:, [0, -1]] if straight else self.pts[group]
                painter.drawPath(path_from_polylines(pts))
            if len(pieces):
                if dense and detail == 0:
                    thin = QPen(pen)
                    thin.setWidthF(0.0)
                    thin.setCosmetic(True)
                    painter.setPen(thin)
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.drawPath(path_from_polylines(pieces))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail < 2)
        if detail >= 2 or not heads:
            return dense
        painter.setPen(Qt.PenStyle.NoPen)
        h = self.head[cross]
        r = self._seen
        near = (h[..., 0] >= r[0]) & (h[..., 0] <= r[2]) & (h[..., 1] >= r[1]) & (h[..., 1] <= r[3])
        rows = np.concatenate([inside, cross[near.any(axis=1)]])
        styles = self.style[rows]
        for st in np.unique(styles):
            painter.setBrush(self._pens[int(st)][0])
            painter.drawPath(path_from_polylines(self.head[rows[styles == st]], closed=True))
        return dense


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


def _distance(p: np.ndarray, x: float, y: float) -> np.ndarray:
    """Distance from (x, y) to each polyline of ``p`` (``(n, k, 2)``)."""
    a, b = p[:, :-1], p[:, 1:]
    d = b - a
    ll = (d**2).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        u = np.clip(((x - a[..., 0]) * d[..., 0] + (y - a[..., 1]) * d[..., 1]) / ll, 0.0, 1.0)
    u = np.nan_to_num(u)
    return np.hypot(a[..., 0] + u * d[..., 0] - x, a[..., 1] + u * d[..., 1] - y).min(axis=1)


def _in_quads(q: np.ndarray, x: float, y: float) -> np.ndarray:
    """Whether (x, y) lies in each quadrilateral of ``q`` (``(n, 4, 2)``; the arrowheads,
    concave at the notch: split into two triangles through the tip and the notch)."""

    def tri(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        def side(p: np.ndarray, r: np.ndarray) -> np.ndarray:
            return (r[:, 0] - p[:, 0]) * (y - p[:, 1]) - (r[:, 1] - p[:, 1]) * (x - p[:, 0])

        s1, s2, s3 = side(a, b), side(b, c), side(c, a)
        return ((s1 >= 0) & (s2 >= 0) & (s3 >= 0)) | ((s1 <= 0) & (s2 <= 0) & (s3 <= 0))

    return tri(q[:, 0], q[:, 1], q[:, 2]) | tri(q[:, 0], q[:, 2], q[:, 3])


def _segment_rects(p: np.ndarray, valid: np.ndarray, width: np.ndarray) -> list[QRectF]:
    """Padded boxes of the segments of polylines ``p`` (``(m, k, 2)``; rows where ``valid``
    is NaN are skipped) — the tight area a few moved flows repaint."""
    out = []
    for poly, v, w in zip(p, valid, width):
        if np.isnan(v):
            continue
        pad = float(w) / 2 + 3
        a, b = poly[:-1], poly[1:] if len(poly) > 1 else poly
        lo = np.minimum(a, b) - pad
        hi = np.maximum(a, b) + pad
        out.extend(QRectF(x0, y0, x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in zip(lo.tolist(), hi.tolist()))
    return out


def _minus(outer: QRectF, inner: QRectF) -> list[QRectF]:
    """``outer`` without ``inner`` (inside it) as up to four rects."""
    out = []
    if inner.top() > outer.top():
        out.append(QRectF(outer.left(), outer.top(), outer.width(), inner.top() - outer.top()))
    if inner.bottom() < outer.bottom():
        out.append(QRectF(outer.left(), inner.bottom(), outer.width(), outer.bottom() - inner.bottom()))
    if inner.left() > outer.left():
        out.append(QRectF(outer.left(), inner.top(), inner.left() - outer.left(), inner.height()))
    if inner.right() < outer.right():
        out.append(QRectF(inner.right(), inner.top(), outer.right() - inner.right(), inner.height()))
    return out
