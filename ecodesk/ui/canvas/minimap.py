"""UI layer (canvas): the minimap — the whole diagram in a corner, with the visible area.

:class:`CanvasMinimap` floats over a corner of the canvas (a child of the view, like the
legend) and shows every entity as a dot in its colour and the flows as faint lines. The
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
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QScrollBar, QWidget

from ecodesk.diagram.flowtable import load_numpy
from ecodesk.ui.canvas.flow_paint import path_from_polylines

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    from ecodesk.ui.canvas.host import CanvasHost

#: More entities than this: the minimap shows (when on) even if the diagram fits the view.
AUTO_ENTITIES = 150
#: Below this viewport size the minimap folds into its tab.
SMALL = QSize(620, 420)
MARGIN = 12
REBUILD_MS = 250
_CLOSE = 14  # the fold box in the top-right corner (pixels)


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
        view.viewport().installEventFilter(self)
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

    def _overlays(self) -> list[QWidget]:
        """The view's other floating children that show (legend, focus bar, editors …)."""
        parent = self.parentWidget()
        if parent is None:
            return []
        skip = {id(self), id(self.view.viewport())}
        return [c for c in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if id(c) not in skip and c.isVisible() and not isinstance(c, QScrollBar)
                and c.objectName() != "qt_scrollarea_hcontainer" and c.objectName() != "qt_scrollarea_vcontainer"]

    def watch(self, widget: QWidget) -> None:
        """Keep clear of ``widget`` (another overlay): placed again when it moves or shows."""
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.view.viewport():
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
                id(sc.color_overrides), self._world.getRect())

    def rebuild(self) -> None:
        """Draw the picture (entities and flows of the whole diagram) into the pixmap."""
        self.rebuilds += 1
        sc = self.view.canvas_scene
        if self._world.isNull():
            self._world = self._content()
        dpr = self.devicePixelRatioF()
        pix = QPixmap(max(1, int(self.width() * dpr)), max(1, int(self.height() * dpr)))
        pix.setDevicePixelRatio(dpr)
        theme = sc.theme
        bg = QColor(theme.legend_bg)
        pix.fill(bg)
        p = QPainter(pix)
        x0, y0, s = self._transform()
        p.translate(x0, y0)
        p.scale(s, s)
        table = sc.flow_layer.table
        if table.size:  # the flows, faint, as straight lines (one path)
            np = load_numpy()
            n = table.size
            rows = np.nonzero(table.shown[:n] & ~np.isnan(table.box[:n, 0]))[0]
            if len(rows):
                pen = QPen(QColor(theme.text), 0.0)
                pen.setCosmetic(True)
                c = pen.color()
                c.setAlpha(28)
                pen.setColor(c)
                p.setPen(pen)
                p.drawPath(path_from_polylines(table.pts[rows][:, [0, -1]]))
        groups: dict[int, tuple[QColor, list[QRectF]]] = {}
        r = max(1.6 / s, 1.0)  # at least about two pixels
        for item in sc.entity_items.values():
            e = item.entity
            color = sc.entity_color(e)
            size = max(r, 18.0 * e.size if hasattr(e, "size") else 18.0)
            grp = groups.setdefault(color.rgba(), (color, []))
            grp[1].append(QRectF(item.x() - size, item.y() - size, 2 * size, 2 * size))
        p.setPen(Qt.PenStyle.NoPen)
        for color, rects in groups.values():
            p.setBrush(color)
            p.drawRects(rects)
        p.end()
        self._pixmap = pix
        self._key = self._look_key()

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
        p.setPen(QPen(QColor(theme.text), 1.2))
        c = QRectF(self.width() - _CLOSE - 2, 2, _CLOSE, _CLOSE)
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

    def view_moved(self, _value: int) -> None:
        """The view scrolled or zoomed: the visible area's rectangle moves (the pixmap
        stays), and the minimap comes or goes as the diagram stops or starts fitting."""
        if self.isVisible():
            self.update()
        if self.wanted and not self._check.isActive():
            self._check.start()  # once the move is complete (a fit zooms, then centres)
