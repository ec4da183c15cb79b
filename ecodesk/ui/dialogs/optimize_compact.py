"""UI layer: where the "Optimise design" dialog sits on screen, and its compact panel.

On a laptop (1366×768) the full dialog covers the whole canvas, and with it the difference it
draws there. "Show on Canvas" (and, when the dialog covers the canvas's centre, the end of a
run) shrinks the dialog to :class:`CompactPanel` — the saving, the legend of the marks with
their counts, Apply as New Scenario, Fit to Difference and Details — in the corner of the
canvas where it covers least of the diagram (:func:`compact_rect`); Details restores the full
dialog where it was. On a large screen (at least :data:`LARGE_SCREEN` pixels wide) the full
dialog opens beside the canvas's centre rather than over it (:func:`beside_rect`).

:class:`CompactMode` does the switching for the dialog; the placing functions are pure
(rectangles in global screen coordinates in, one out) and tested on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QMargins, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ecodesk.ui.i18n import is_chinese
from ecodesk.ui.panels.base import tone_color
from ecodesk.ui.plaintext import plain_label

if TYPE_CHECKING:
    from ecodesk.ui.canvas.view import CanvasView

#: A screen at least this wide has room for the full dialog beside the canvas's centre.
LARGE_SCREEN = 1600
#: The compact panel's width (narrower on a narrow canvas) and its distance from the canvas's edges.
COMPACT_WIDTH = 360
EDGE = 10
#: The full dialog beside the canvas on a large screen: as big as this, and no smaller than that.
BESIDE_SIZE = QSize(1120, 760)
BESIDE_MINIMUM = QSize(860, 560)
#: Weight of covering the canvas's centre, its legend, a mark of the difference, any other entity.
W_CENTRE, W_LEGEND, W_MARK, W_ENTITY = 50.0, 50.0, 3.0, 1.0
NO_FRAME = QMargins()
SWATCH = QSize(30, 14)

Obstacle = tuple[QRect, float]


# placing (pure) ---------------------------------------------------------------------------
def covered(rect: QRect, obstacles: Sequence[Obstacle]) -> float:
    """How much of ``obstacles`` (rectangles with weights) ``rect`` covers: weighted area."""
    total = 0.0
    for r, weight in obstacles:
        i = rect.intersected(r)
        if not i.isEmpty():
            total += weight * i.width() * i.height()
    return total


def centre_obstacle(canvas: QRect) -> Obstacle:
    """The middle of the canvas (a tenth of it each way), where the diagram usually is."""
    w, h = max(canvas.width() // 10, 2), max(canvas.height() // 10, 2)
    return QRect(canvas.center().x() - w // 2, canvas.center().y() - h // 2, w, h), W_CENTRE


def compact_rect(canvas: QRect, size: QSize, obstacles: Sequence[Obstacle], frame: QMargins = NO_FRAME,
                 edge: int = EDGE) -> QRect:
    """The compact panel's geometry (without its window frame ``frame``) in the corner of the
    canvas viewport ``canvas`` on its right or bottom edge — top right, bottom right, bottom
    left, the first on a tie — whose frame covers least of ``obstacles`` (the canvas's centre
    always counts heavily)."""
    outer = QSize(size.width() + frame.left() + frame.right(), size.height() + frame.top() + frame.bottom())
    inner = canvas.adjusted(edge, edge, -edge, -edge)
    left, top = inner.left(), inner.top()
    right, bottom = inner.right() - outer.width() + 1, inner.bottom() - outer.height() + 1
    corners = [QPoint(right, top), QPoint(right, bottom), QPoint(left, bottom)]
    everything = [*obstacles, centre_obstacle(canvas)]
    best = min(corners, key=lambda p: (covered(QRect(p, outer), everything), corners.index(p)))
    return QRect(best, outer).marginsRemoved(frame)


def beside_rect(screen: QRect, canvas: QRect, obstacles: Sequence[Obstacle], frame: QMargins = NO_FRAME,
                preferred: QSize = BESIDE_SIZE, minimum: QSize = BESIDE_MINIMUM, gap: int = 16) -> QRect | None:
    """The full dialog's geometry (without ``frame``) on ``screen`` beside the centre of the
    canvas viewport ``canvas`` — to its right, left, below or above, as big as ``preferred``
    allows — covering least of ``obstacles``; None when no side has ``minimum`` room."""
    fw, fh = frame.left() + frame.right(), frame.top() + frame.bottom()
    c = canvas.center()
    centre = centre_obstacle(canvas)[0]  # kept clear of
    gx, gy = gap + centre.width() // 2, gap + centre.height() // 2
    pw, ph = preferred.width() + fw, preferred.height() + fh
    mw, mh = minimum.width() + fw, minimum.height() + fh

    def clamp(v: int, lo: int, hi: int) -> int:
        return max(lo, min(v, hi))

    sides: list[QRect] = []
    w, h = min(pw, screen.right() - c.x() - gx), min(ph, screen.height())  # right of the centre
    y = clamp(c.y() - h // 2, screen.top(), screen.bottom() - h + 1)
    sides.append(QRect(screen.right() - w + 1, y, w, h))
    w = min(pw, c.x() - gx - screen.left())  # left of it
    sides.append(QRect(screen.left(), y, w, h))
    w, h = min(pw, screen.width()), min(ph, screen.bottom() - c.y() - gy)  # below
    x = clamp(c.x() - w // 2, screen.left(), screen.right() - w + 1)
    sides.append(QRect(x, screen.bottom() - h + 1, w, h))
    h = min(ph, c.y() - gy - screen.top())  # above
    sides.append(QRect(x, screen.top(), w, h))
    fits = [r for r in sides if r.width() >= mw and r.height() >= mh]
    if not fits:
        return None
    everything = [*obstacles, centre_obstacle(canvas), (canvas, 0.05)]
    best = min(fits, key=lambda r: (covered(r, everything) / max(r.width() * r.height(), 1), sides.index(r)))
    return best.marginsRemoved(frame)


def screen_rect(window: QWidget) -> QRect:
    """The screen area the window's dialogs may use (at least the window itself)."""
    screen = window.screen()
    area = screen.availableGeometry() if screen is not None else QRect()
    return area.united(window.frameGeometry())


def frame_margins(window: QWidget) -> QMargins:
    """The window frame around a top-level ``window`` (none before it is shown)."""
    f, g = window.frameGeometry(), window.geometry()
    return QMargins(g.left() - f.left(), g.top() - f.top(), f.right() - g.right(), f.bottom() - g.bottom())


def viewport_rect(view: CanvasView) -> QRect:
    """The canvas viewport in global coordinates."""
    vp = view.viewport()
    return QRect(vp.mapToGlobal(QPoint(0, 0)), vp.size())


def canvas_obstacles(view: CanvasView, overlay: Any = None, limit: int = 3000) -> list[Obstacle]:
    """What a window over the canvas should not hide, in global coordinates: the entities
    (at most ``limit``) and the marks of the difference ``overlay`` (weighted more)."""
    vp = view.viewport()
    origin = vp.mapToGlobal(QPoint(0, 0))

    def glob(r: QRectF) -> QRect:
        return view.mapFromScene(r).boundingRect().translated(origin)

    items = list(view.canvas_scene.entity_items.values())[:limit]
    out = [(glob(it.sceneBoundingRect()), W_ENTITY) for it in items]
    if overlay is not None:
        out += [(glob(r), W_MARK) for r in overlay.mark_rects()]
    legend = getattr(view, "legend", None)  # the canvas's own legend, in a corner too
    if isinstance(legend, QWidget) and legend.isVisible():
        out.append((QRect(legend.mapToGlobal(QPoint(0, 0)), legend.size()), W_LEGEND))
    return out


def place_full_dialog(dialog: QWidget, window: Any) -> None:
    """The full dialog's first geometry: beside the canvas's centre on a large screen where
    there is room; otherwise most of the window, centred over it (it compacts after a run)."""
    g = window.geometry()
    dialog.resize(max(900, min(1500, int(0.9 * g.width()))), max(600, min(950, int(0.9 * g.height()))))
    screen = screen_rect(window)
    if screen.width() < LARGE_SCREEN:
        return
    view = window.canvas
    minimum = BESIDE_MINIMUM.expandedTo(dialog.minimumSizeHint())
    rect = beside_rect(screen, viewport_rect(view), canvas_obstacles(view), frame_margins(window),
                       minimum=minimum)
    if rect is not None:
        dialog.setGeometry(rect)


# the panel --------------------------------------------------------------------------------
def swatch(kind: str, size: QSize = SWATCH) -> QPixmap:
    """A small picture of a mark as the canvas draws it: "closed" (red, struck), "new"
    (green dashed arrow) or "standalone" (orange tag)."""
    from ecodesk.ui.canvas.design_overlay import ALONE, CLOSED, NEW

    pm = QPixmap(size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    w, h = size.width(), size.height()
    if kind == "closed":
        p.setPen(QPen(QColor(CLOSED), 2.0, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(1, h / 2), QPointF(w - 1, h / 2))
        p.setPen(QPen(QColor(CLOSED), 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(w / 2 - 4, h / 2 - 4), QPointF(w / 2 + 4, h / 2 + 4))
        p.drawLine(QPointF(w / 2 - 4, h / 2 + 4), QPointF(w / 2 + 4, h / 2 - 4))
    elif kind == "new":
        p.setPen(QPen(QColor(NEW), 2.5, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        path = QPainterPath(QPointF(1, h - 3))
        path.quadTo(QPointF(w / 2, 0), QPointF(w - 7, h / 2))
        p.drawPath(path)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor(NEW)))
        p.drawPolygon(QPolygonF([QPointF(w - 1, h / 2 + 1), QPointF(w - 9, h / 2 - 4), QPointF(w - 8, h / 2 + 5)]))
    else:
        p.setPen(QPen(QColor(ALONE), 1.5))
        p.setBrush(QBrush(QColor(255, 255, 255, 235)))
        p.drawRoundedRect(QRectF(2, 1, w - 4, h - 2), 3, 3)
    p.end()
    return pm


class CompactPanel(QWidget):
    """The dialog shrunk beside the canvas: the saving, the legend with counts, Apply as New
    Scenario, Fit to Difference and Details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optimize_compact")
        self.headline = plain_label(QLabel(self))
        self.headline.setObjectName("optimize_compact_headline")
        self.headline.setWordWrap(True)
        f = self.headline.font()
        f.setBold(True)
        self.headline.setFont(f)
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.legend: dict[str, QLabel] = {}
        self.swatches: list[QLabel] = []
        for row, kind in enumerate(("closed", "new", "standalone")):
            pic = QLabel(self)
            pic.setPixmap(swatch(kind))
            text = plain_label(QLabel(self))
            text.setObjectName(f"optimize_compact_{kind}")
            text.setWordWrap(True)
            self.swatches.append(pic)
            grid.addWidget(pic, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            self.legend[kind] = text
        grid.setColumnStretch(1, 1)
        self.note = plain_label(QLabel(self))
        self.note.setObjectName("optimize_compact_note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {tone_color('bad').name()};")
        self.note.hide()
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("optimize_compact_apply")
        self.fit_button = QPushButton(self)
        self.fit_button.setObjectName("optimize_fit_difference")
        self.details_button = QPushButton(self)
        self.details_button.setObjectName("optimize_details")
        buttons = QHBoxLayout()
        buttons.addWidget(self.fit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.details_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(6)
        lay.addWidget(self.headline)
        lay.addLayout(grid)
        lay.addWidget(self.note)
        lay.addWidget(self.apply_button)
        lay.addLayout(buttons)
        self.counts: dict[str, int] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.apply_button.setText(self.tr("&Apply as New Scenario"))
        self.apply_button.setToolTip(self.tr("Add the design as a new scenario after this one (undoable) and compare "
                                             "the two"))
        self.fit_button.setText(self.tr("&Fit to Difference"))
        self.fit_button.setToolTip(self.tr("Zoom and pan the canvas to the changes (the model is not changed)"))
        self.details_button.setText(self.tr("&Details"))
        self.details_button.setToolTip(self.tr("Back to the full dialog: constraints, figures, assignments and "
                                               "trade-off"))
        self.show_counts(self.counts)

    def show_counts(self, counts: dict[str, int]) -> None:
        """The legend with how many marks of each kind the canvas shows."""
        self.counts = dict(counts)
        c = {k: self.counts.get(k, 0) for k in ("closed", "struck", "new", "standalone", "own")}
        self.legend["closed"].setText(self.tr("Closed capabilities: {0}; flows that go away: {1}").format(
            c["closed"], c["struck"]))
        new = self.tr("New or re-pointed capability flows: {0}").format(c["new"])
        if c["own"]:
            new += ("；" if is_chinese() else "; ") + self.tr("served by their own entity: {0}").format(c["own"])
        self.legend["new"].setText(new)
        self.legend["standalone"].setText(self.tr("Demands left standalone: {0}").format(c["standalone"]))

    def set_legend_visible(self, visible: bool) -> None:
        for w in self.swatches + list(self.legend.values()):
            w.setVisible(visible)

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))


class CompactMode:
    """Switches an :class:`~ecodesk.ui.dialogs.optimize.OptimizeDialog` between its full form
    and the compact panel over a corner of the canvas, and fits the canvas to the difference."""

    def __init__(self, dialog: Any) -> None:
        self.dialog = dialog
        self.panel = CompactPanel(dialog)
        self.panel.hide()
        self.active = False
        #: The full dialog's geometry when it shrank (Details restores it).
        self.full_geometry: QRect | None = None
        #: The user's zoom before the dialog first moved the view, and the view the dialog left
        #: (zoom, centre): while the view is as the dialog left it, the dialog may move it again.
        self._user_zoom = 1.0
        self._left: tuple[float, QPointF] | None = None

    def view(self) -> CanvasView | None:
        scene = self.dialog.scene_getter()
        views = scene.views() if scene is not None else []
        return cast("CanvasView", views[0]) if views else None

    def covers_canvas(self) -> bool:
        """Does the dialog lie over the centre of the canvas (where the difference is)?"""
        view = self.view()
        if view is None or not self.dialog.isVisible():
            return False
        centre = centre_obstacle(viewport_rect(view))[0]
        return self.dialog.frameGeometry().intersects(centre)

    def _full_parts(self) -> list[QWidget]:
        return [self.dialog.splitter, self.dialog.buttons]

    def enter(self, fit: bool = True) -> bool:
        """Shrink to the panel over the canvas corner that covers least; False when there is no
        difference to show. ``fit``: bring the difference into view if it is not."""
        d, view = self.dialog, self.view()
        if d.overlay is None or view is None:
            return False
        if not self.active:
            self.full_geometry = d.geometry()
            for w in self._full_parts():
                w.hide()
            self.panel.show()
            self.panel.details_button.setFocus()  # (the focus was in the part now hidden)
            self.active = True
            d.setSizeGripEnabled(False)
        self.refresh()
        self._place(view)
        if fit:
            self.bring_into_view()
        return True

    def _place(self, view: CanvasView) -> None:
        """Size the panel to its contents and put it in the canvas corner that hides least."""
        d = self.dialog
        canvas = viewport_rect(view)
        lay = d.layout()
        lay.activate()
        m, frame = lay.contentsMargins(), frame_margins(d)
        room = canvas.width() // 2 - centre_obstacle(canvas)[0].width() // 2 - EDGE - frame.left() - frame.right() - 2
        width = max(min(COMPACT_WIDTH, room), self.panel.minimumSizeHint().width() + m.left() + m.right())
        height = lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
        d.setMinimumSize(0, 0)
        rect = compact_rect(canvas, QSize(width, height), canvas_obstacles(view, d.overlay), frame)
        d.setGeometry(rect)

    def _view_state(self, view: CanvasView) -> tuple[float, QPointF]:
        return view.zoom, view.mapToScene(view.viewport().rect().center())

    def bring_into_view(self) -> bool:
        """When the dialog hides part of the difference, move the canvas (never zooming in past
        the user's own zoom) so it shows where the dialog leaves room — the whole diagram if that
        shows nearly as big. A view the dialog moved itself (and the user has not touched
        since) follows the dialog: it grows again when the dialog shrinks."""
        view = self.view()
        if view is None or self.dialog.overlay is None:
            return False
        ours = self._left is not None and self._left == self._view_state(view)
        if not ours:
            if self.difference_in_view():
                return False
            self._user_zoom = view.zoom
        moved = self.fit(max_zoom=self._user_zoom, whole=True)
        self._left = self._view_state(view)
        return moved

    def leave(self) -> None:
        """Details: the full dialog again, where it was."""
        if not self.active:
            return
        d = self.dialog
        self.active = False
        self.panel.hide()
        for w in self._full_parts():
            w.show()
        d.setSizeGripEnabled(True)
        d.layout().activate()
        if self.full_geometry is not None:
            d.setGeometry(self.full_geometry)
        if not self.covers_canvas():  # beside the canvas: the difference where the dialog is not
            self.bring_into_view()

    def refresh(self) -> None:
        """The panel's texts from the dialog's result, difference and state."""
        d = self.dialog
        self.panel.headline.setText(d.result_view.headline.text())
        self.panel.show_counts(d.overlay.counts() if d.overlay is not None else {})
        can_apply = d.apply_button.isEnabled()
        self.panel.apply_button.setEnabled(can_apply)
        self.panel.fit_button.setEnabled(d.overlay is not None)
        self.panel.set_note(d.error.text() if d.stale else "")
        self.panel.set_legend_visible(d.overlay is not None)  # a stale result has no marks
        if self.active:
            self._fit_height()

    def _fit_height(self) -> None:
        """The panel's height to its contents, where it is (the user may have moved it): its
        bottom edge stays in the canvas's lower half, its top edge in the upper."""
        d, view = self.dialog, self.view()
        lay = d.layout()
        lay.activate()
        g = d.geometry()
        h = lay.totalHeightForWidth(g.width()) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
        low = view is not None and g.center().y() > viewport_rect(view).center().y()
        d.setGeometry(QRect(g.left(), g.bottom() - h + 1 if low else g.top(), g.width(), h))

    # the canvas view --------------------------------------------------------------------
    def _bands(self) -> list[QRect]:
        """The parts of the canvas viewport (its own pixels) the dialog — full or compact —
        leaves visible: beside, above and below it (the whole viewport when it is elsewhere)."""
        view = self.view()
        if view is None:
            return []
        vp = view.viewport().rect()
        f = self.dialog.frameGeometry().translated(-viewport_rect(view).topLeft()).intersected(vp)
        if not self.dialog.isVisible() or f.isEmpty():
            return [vp]
        bands = [QRect(vp.left(), vp.top(), f.left() - vp.left(), vp.height()),
                 QRect(f.right() + 1, vp.top(), vp.right() - f.right(), vp.height()),
                 QRect(vp.left(), vp.top(), vp.width(), f.top() - vp.top()),
                 QRect(vp.left(), f.bottom() + 1, vp.width(), vp.bottom() - f.bottom())]
        return [b for b in bands if b.width() > 0 and b.height() > 0]

    def free_area(self, fitting: QRectF | None = None) -> QRect:
        """The band the dialog leaves visible (see :meth:`_bands`) that shows the scene rectangle
        ``fitting`` biggest (without it: the biggest band); empty when none is left."""
        bands = self._bands()
        if not bands:
            return QRect()
        if fitting is None or fitting.isEmpty():
            return max(bands, key=lambda r: r.width() * r.height())
        return max(bands, key=lambda r: min(r.width() / fitting.width(), r.height() / fitting.height()))

    def difference_in_view(self) -> bool:
        """Is the whole difference on the canvas where the dialog does not cover it?"""
        view, overlay = self.view(), self.dialog.overlay
        if view is None or overlay is None:
            return True
        rect = overlay.difference_rect()
        seen = view.mapFromScene(rect).boundingRect()
        return rect.isNull() or any(b.contains(seen) for b in self._bands())

    def fit(self, max_zoom: float = 1.5, whole: bool = False) -> bool:
        """Zoom and pan the canvas so the difference shows in the part the panel leaves free
        (only the view moves: no model change, nothing to undo). ``whole``: the whole diagram
        instead when it shows there nearly as big (the changes in their context)."""
        from ecodesk.ui.canvas.design_overlay import fit_view_to

        view, overlay = self.view(), self.dialog.overlay
        if view is None or overlay is None:
            return False
        rect = overlay.difference_rect()
        if whole and not rect.isEmpty():
            everything = rect.united(view.canvas_scene.content_rect())

            def scale(r: QRectF) -> float:
                free = self.free_area(r)
                return min(max_zoom, free.width() / r.width(), free.height() / r.height())

            if scale(everything) >= 0.75 * scale(rect):
                rect = everything
        return fit_view_to(view, rect, self.free_area(rect), max_zoom)
