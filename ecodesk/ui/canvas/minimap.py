"""UI layer (canvas): the minimap — the whole diagram in a corner, with the visible area.

:class:`CanvasMinimap` floats over a corner of the canvas (a child of the view, like the
legend) and shows every entity as a dot in its colour, the notes (便签) as rectangles of
their paper colour under the dots and the flows as faint lines. The
picture is drawn once into a pixmap and rebuilt only when the model, the colours or the
minimap's size change — debounced, so a burst of edits rebuilds it once; a frame (a pan,
a zoom) draws the pixmap and the visible area's rectangle, nothing more. On the
10,873-entity platform a rebuild takes tens of milliseconds, a frame well under one.

A click or a drag in it centres the canvas there. It shows itself for large diagrams
(more than :data:`AUTO_ENTITIES` entities, or when the diagram does not fit the view) while
View → Minimap is on; on a small canvas it folds into a small "Minimap" tab (a click opens
it). It sits in the corner that covers no other overlay (the legend, the focus bar …),
bottom-right first, and keeps its corner while that stays free.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QScrollBar, QWidget

from ecodesk.diagram.flowtable import load_numpy
from ecodesk.ui.canvas.annotation_item import note_fill

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    import numpy as np

    from ecodesk.ui.canvas.host import CanvasHost

#: More entities than this: the minimap shows (when on) even if the diagram fits the view.
AUTO_ENTITIES = 150
#: Below this viewport size the minimap folds into its tab.
SMALL = QSize(560, 340)
MARGIN = 12
REBUILD_MS = 250
#: Samples of the flows' chords at most (a denser picture samples them further apart).
MAX_SAMPLES = 600_000
_CLOSE = 14  # the fold box in the top-right corner (pixels)


def _rgb(c: QColor) -> tuple[int, int, int]:
    return c.red(), c.green(), c.blue()


class CanvasMinimap(QWidget):
    """The minimap of one canvas view (see the module docstring)."""

    def __init__(self, view: CanvasHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("minimap")
        self.view = view
        #: View → Minimap (the settings keep it).
        self.wanted = True
        #: The user folded (True) or opened (False) it; None: as the canvas's size suggests.
        self.user_folded: bool | None = None
        #: How many times the picture was drawn (the tests count rebuilds).
        self.rebuilds = 0
        self.spot = ""
        self._pixmap: QPixmap | None = None
        self._world = QRectF()  # the scene rect the pixmap shows
        self._key: tuple[object, ...] | None = None  # what the pixmap was drawn from
        self._dragging = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_MS)
        self._timer.timeout.connect(self._model_settled)
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)
        self._check.timeout.connect(lambda: self.update_shown(place=False))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMouseTracking(False)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            bar.valueChanged.connect(self.view_moved)
        view.zoom_changed.connect(self.view_moved)
        view.viewport().installEventFilter(self)
        self._model: tuple[int, int] = (0, -1)  # (scenario id, revision) of the picture
        for other in self._overlays(shown=False):  # the overlays made before it (legend, focus bar)
            self.watch(other)
        self.hide()

    # what the view calls --------------------------------------------------------------
    def model_changed(self) -> None:
        """The diagram changed: the picture is drawn again once the burst of edits is over."""
        self._timer.start()

    @property
    def pending(self) -> bool:
        """Whether a rebuild waits for the current burst of edits to end."""
        return self._timer.isActive()

    def set_wanted(self, on: bool) -> None:
        self.wanted = bool(on)
        self.update_shown()

    @property
    def folded(self) -> bool:
        vp = self.view.viewport().size()
        small = vp.width() < SMALL.width() or vp.height() < SMALL.height()
        return small if self.user_folded is None else self.user_folded

    def should_show(self) -> bool:
        """On, and the diagram is large or does not fit the view."""
        sc = self.view.canvas_scene
        if not self.wanted or not sc.entity_items:
            return False
        if len(sc.entity_items) > AUTO_ENTITIES:
            return True
        if self._world.isNull():
            self._world = self._content()
        seen = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        return not seen.contains(self._world.adjusted(40, 40, -40, -40))

    def update_shown(self, place: bool = True) -> None:
        """Show or hide it as :meth:`should_show` says (placed when it comes, or ``place``)."""
        show = self.should_show()
        came = show and not self.isVisible()
        if show != self.isVisible():
            self.setVisible(show)
        if show:
            if came or place:
                self.place()
            self.update()

    def scene_point(self, pos: QPointF) -> QPointF:
        """The scene point under minimap position ``pos``."""
        x0, y0, s = self._transform()
        return QPointF((pos.x() - x0) / s, (pos.y() - y0) / s)

    def widget_point(self, p: QPointF) -> QPointF:
        x0, y0, s = self._transform()
        return QPointF(p.x() * s + x0, p.y() * s + y0)

    # place and size -----------------------------------------------------------------------
    def _size(self) -> QSize:
        if self.folded:
            fm = self.fontMetrics()
            return QSize(fm.horizontalAdvance(self.tr("Minimap")) + 18, fm.height() + 8)
        vp = self.view.viewport().size()
        w = int(min(240, max(140, vp.width() * 0.2)))
        world = self._world if not self._world.isNull() else self._content()
        aspect = world.height() / world.width() if world.width() > 0 else 0.7
        h = int(min(180, max(80, w * aspect)))
        return QSize(w, h)

    def place(self) -> None:
        """A corner of the viewport covering no other overlay: where it is if that stays
        free, else bottom-right, top-right, top-left, bottom-left."""
        size = self._size()
        if size != self.size():
            self.resize(size)
            self._key = None  # another size: the picture is drawn again
        vp = self.view.viewport().geometry()
        w, h = size.width(), size.height()
        left, right = vp.left() + MARGIN, vp.right() - w - MARGIN
        top, bottom = vp.top() + MARGIN, vp.bottom() - h - MARGIN
        spots = [(right, bottom, "bottom-right"), (right, top, "top-right"), (left, top, "top-left"),
                 (left, bottom, "bottom-left")]
        others = [c.geometry() for c in self._overlays()]
        free = [s for s in spots if not any(QRect(s[0], s[1], w, h).intersects(o) for o in others)]
        here = next((s for s in free if s[2] == self.spot), None)
        x, y, self.spot = here or (free[0] if free else spots[0])
        self.move(x, y)
        self.raise_()

    def _overlays(self, shown: bool = True) -> list[QWidget]:
        """The view's other floating children (that show: legend, focus bar, editors …)."""
        parent = self.parentWidget()
        if parent is None:
            return []
        skip = {id(self), id(self.view.viewport())}
        return [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if id(c) not in skip and (c.isVisible() or not shown) and not isinstance(c, QScrollBar)
                and c.objectName() != "qt_scrollarea_hcontainer" and c.objectName() != "qt_scrollarea_vcontainer"]

    def watch(self, widget: QWidget) -> None:
        """Keep clear of ``widget`` (another overlay): placed again when it moves or shows."""
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is self.view.viewport():
            s = self.view.scenario  # a frame after an edit or another scenario: the picture follows
            model = (id(s), s.revision) if s is not None else (0, -1)
            if model != self._model:
                self._model = model
                self.model_changed()
            elif self.isVisible() and self._key is not None and self._key != self._look_key():
                self.update()  # another theme or colour mode
        elif kind == QEvent.Type.Resize and watched is self.view.viewport():
            self.update_shown()
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide) \
                and watched is not self.view.viewport() and self.isVisible():
            self.place()
        return False

    # the picture -----------------------------------------------------------------------
    def _content(self) -> QRectF:
        r = self.view.canvas_scene.content_rect()
        if r.isNull():
            return QRectF()
        m = max(r.width(), r.height()) * 0.03 + 20
        return r.adjusted(-m, -m, m, m)

    def _model_settled(self) -> None:
        self._world = self._content()
        self._key = None
        self.update_shown()

    def _transform(self) -> tuple[float, float, float]:
        """x0, y0, scale: widget = scene * scale + (x0, y0), the world centred in the widget."""
        world = self._world
        if world.isNull() or world.width() <= 0 or world.height() <= 0:
            return 0.0, 0.0, 1.0
        s = min((self.width() - 4) / world.width(), (self.height() - 4) / world.height())
        x0 = (self.width() - world.width() * s) / 2 - world.left() * s
        y0 = (self.height() - world.height() * s) / 2 - world.top() * s
        return x0, y0, s

    def _look_key(self) -> tuple[object, ...]:
        sc = self.view.canvas_scene
        return (self.size().width(), self.size().height(), self.devicePixelRatioF(), sc.theme.name,
                id(sc.color_overrides), self._world.getRect(), tuple(sorted(k.value for k in sc.hidden_flow_kinds)))

    def rebuild(self) -> None:
        """Draw the picture — the flows faint, the entities as dots in their colours — into
        the pixmap, composed in one numpy image (no Qt call per entity or flow)."""
        self.rebuilds += 1
        sc = self.view.canvas_scene
        if self._world.isNull():
            self._world = self._content()
        np = load_numpy()
        dpr = self.devicePixelRatioF()
        w, h = max(1, int(self.width() * dpr)), max(1, int(self.height() * dpr))
        x0, y0, s = self._transform()
        x0, y0, s = x0 * dpr, y0 * dpr, s * dpr
        theme = sc.theme
        rgb = np.empty((h, w, 3), np.float32)
        rgb[:] = _rgb(QColor(theme.legend_bg))
        alpha = self._flow_alpha(w, h, x0, y0, s)
        if alpha is not None:
            a = (alpha / 255.0).astype(np.float32)[:, :, None]
            rgb = rgb * (1 - a) + np.asarray(_rgb(QColor(theme.text)), np.float32) * a
        img = rgb.astype(np.uint32)
        self._draw_notes(img, x0, y0, s)
        self._draw_entities(img, x0, y0, s)
        argb = np.ascontiguousarray((255 << 24) | (img[:, :, 0] << 16) | (img[:, :, 1] << 8) | img[:, :, 2])
        image = QImage(argb.data, w, h, 4 * w, QImage.Format.Format_RGB32).copy()
        pix = QPixmap.fromImage(image)
        pix.setDevicePixelRatio(dpr)
        self._pixmap = pix
        self._key = self._look_key()

    def _draw_notes(self, img: np.ndarray, x0: float, y0: float, s: float) -> None:
        """Each note (便签) a filled rectangle of its paper colour (at least two pixels a
        side), under the entities' dots, into ``img`` (h × w × 3)."""
        scenario = self.view.scenario
        notes = list(scenario.annotations) if scenario is not None else []
        h, w = img.shape[:2]
        for note in notes:
            left, top = round(note.x * s + x0), round(note.y * s + y0)
            right = max(left + 2, round((note.x + note.width) * s + x0))
            bottom = max(top + 2, round((note.y + note.height) * s + y0))
            left, top, right, bottom = max(0, left), max(0, top), min(w, right), min(h, bottom)
            if left < right and top < bottom:
                img[top:bottom, left:right] = _rgb(note_fill(note.color))

    def _draw_entities(self, img: np.ndarray, x0: float, y0: float, s: float) -> None:
        """Each entity a square dot of its colour (about its size, at least two pixels),
        into ``img`` (h × w × 3)."""
        np = load_numpy()
        sc = self.view.canvas_scene
        items = list(sc.entity_items.values())
        if not items:
            return
        h, w = img.shape[:2]
        overrides = sc.color_overrides or {}
        colors: dict[tuple[object, str], int] = {}
        palette: list[tuple[int, int, int]] = []
        index = np.empty(len(items), np.int64)
        xs, ys, radius = np.empty(len(items)), np.empty(len(items)), np.empty(len(items))
        for n, item in enumerate(items):
            e = item.entity
            key: tuple[object, str] = ("", e.id) if e.id in overrides else (e.kind, e.color)
            k = colors.get(key)
            if k is None:
                k = colors[key] = len(palette)
                palette.append(_rgb(sc.entity_color(e)))
            index[n] = k
            xs[n], ys[n] = e.x, e.y
            radius[n] = item.radius
        px = np.round(xs * s + x0).astype(np.int64)
        py = np.round(ys * s + y0).astype(np.int64)
        half = np.clip(np.round(radius * s * 0.8), 1, 4).astype(np.int64)
        cols = np.asarray(palette, np.uint32)[index]
        for r in np.unique(half).tolist():  # one vectorised pass per dot size and pixel of it
            pick = half == r
            qx, qy, qc = px[pick], py[pick], cols[pick]
            for dy in range(-r, r):
                for dx in range(-r, r):
                    x, y = qx + dx, qy + dy
                    ok = (x >= 0) & (x < w) & (y >= 0) & (y < h)
                    img[y[ok], x[ok]] = qc[ok]

    def _flow_alpha(self, w: int, h: int, x0: float, y0: float, s: float) -> np.ndarray | None:
        """The shown flows as a faint density (alpha 0–120 of device pixels ``w`` × ``h``;
        pixel = scene * ``s`` + (``x0``, ``y0``)): each chord sampled a pixel apart and
        binned with numpy (stroking 52,000 flows took most of a second), the alpha growing
        with the number of flows crossing a pixel."""
        table = self.view.canvas_scene.flow_layer.table
        if not table.size or w < 2 or h < 2:
            return None
        np = load_numpy()
        n = table.size
        rows = np.nonzero(table.shown[:n] & ~np.isnan(table.box[:n, 0]))[0]
        if not len(rows):
            return None
        # the chords in whole pixels: the many flows that share one are drawn once, weighted
        ends = np.floor(np.concatenate([table.pts[rows, 0], table.pts[rows, -1]], axis=1) * s
                        + (x0, y0, x0, y0)).astype(np.int64)
        ends = np.clip(ends, -1, (w, h, w, h))  # (outside the picture: on its rim, then dropped)
        key = ((ends[:, 0] + 1) * (h + 2) + ends[:, 1] + 1) * ((w + 2) * (h + 2)) \
            + (ends[:, 2] + 1) * (h + 2) + ends[:, 3] + 1
        _keys, first_of, weight = np.unique(key, return_index=True, return_counts=True)
        ends = ends[first_of].astype(np.float32)
        a, d = ends[:, :2], ends[:, 2:] - ends[:, :2]
        steps = np.abs(d).max(axis=1).astype(np.int64) + 1  # a sample a pixel …
        if steps.sum() > MAX_SAMPLES:  # … but the longest chords of a huge fan fewer
            order = np.sort(steps)
            below = np.cumsum(order) + order * np.arange(len(order) - 1, -1, -1)  # total if capped at order[i]
            steps = np.minimum(steps, max(2, int(order[max(0, np.searchsorted(below, MAX_SAMPLES) - 1)])))
        start = np.cumsum(steps) - steps
        seg = np.repeat(np.arange(len(ends)), steps)
        t = (np.arange(int(steps.sum()), dtype=np.float32) - start[seg]) / np.maximum(steps - 1, 1)[seg]
        px = (a[seg, 0] + d[seg, 0] * t + 0.5).astype(np.int32)
        py = (a[seg, 1] + d[seg, 1] * t + 0.5).astype(np.int32)
        ok = (px >= 0) & (px < w) & (py >= 0) & (py < h)
        count = np.bincount(py[ok] * w + px[ok], weights=weight[seg[ok]], minlength=w * h)
        with np.errstate(divide="ignore"):  # (log2 of 0 where no flow passes: alpha 0)
            alpha = np.where(count > 0, np.clip(48.0 + np.log2(count) * 16.0, 0, 120), 0.0)
        return alpha.reshape(h, w)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        theme = self.view.canvas_scene.theme
        border = QColor(theme.legend_border)
        if self.folded:
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(QPen(border))
            p.setBrush(QColor(theme.legend_bg))
            p.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)
            p.setPen(QColor(theme.text))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Minimap"))
            return
        if self._pixmap is None or self._key != self._look_key():
            self.rebuild()
        assert self._pixmap is not None
        p.drawPixmap(0, 0, self._pixmap)
        seen = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        tl, br = self.widget_point(seen.topLeft()), self.widget_point(seen.bottomRight())
        box = QRectF(tl, br).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        sel = QColor(theme.selection)
        p.setPen(QPen(sel, 1.5))
        fill = QColor(sel)
        fill.setAlpha(30)
        p.setBrush(fill)
        if not box.isEmpty():
            p.drawRect(box)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(border))
        p.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        # the fold box: a short line in the top-right corner
        c = QRectF(self.width() - _CLOSE - 2, 2, _CLOSE, _CLOSE)
        p.fillRect(c, QColor(theme.legend_bg))  # on its own ground, over the visible area's frame
        p.setPen(QPen(QColor(theme.text), 1.2))
        p.drawLine(QPointF(c.left() + 3, c.center().y()), QPointF(c.right() - 3, c.center().y()))

    # input -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position()
        if self.folded:
            self.user_folded = False
            self.place()
            self.update()
            return
        if pos.x() >= self.width() - _CLOSE - 4 and pos.y() <= _CLOSE + 4:
            self.user_folded = True
            self.place()
            self.update()
            return
        self._dragging = True
        self._pan_to(pos)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging:
            self._pan_to(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._dragging = False

    def _pan_to(self, pos: QPointF) -> None:
        """Centre the canvas on the scene point under ``pos`` (the zoom stays)."""
        view = self.view
        view.zooming.auto_fit = False
        target = self.scene_point(pos)
        centre = view.mapToScene(view.viewport().rect().center())
        dx, dy = (target.x() - centre.x()) * view.zoom, (target.y() - centre.y()) * view.zoom
        h, v = view.horizontalScrollBar(), view.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))

    def view_moved(self, _value: float) -> None:
        """The view scrolled or zoomed: the visible area's rectangle moves (the pixmap
        stays), and the minimap comes or goes as the diagram stops or starts fitting."""
        if self.isVisible():
            self.update()
        if self.wanted and not self._check.isActive():
            self._check.start()  # once the move is complete (a fit zooms, then centres)
