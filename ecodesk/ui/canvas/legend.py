"""UI layer (canvas): the legend — entity kinds and flow kinds with their colours.

:func:`paint_legend` draws it with any QPainter (the overlay widget, and exported
images); :class:`LegendWidget` floats over the view's corner, collapses on a click on its
title, and toggles a flow kind's visibility on a click on its row. A colour mode passes
its own entries (``set_custom_entries``) to replace the kind colours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from ecodesk.model import EntityKind, FlowKind
from ecodesk.ui.canvas.glyphs import paint_entity_symbol, paint_flow_sample
from ecodesk.ui.canvas.style import LIGHT, CanvasTheme, canvas_font, paint_marker_ring, translate

ROW = 19.0
ICON = 15.0
PAD = 9.0
COL_GAP = 16.0


@dataclass(frozen=True)
class LegendEntry:
    label: str
    color: QColor
    entity_kind: EntityKind | None = None
    flow_kind: FlowKind | None = None
    hidden: bool = False
    #: A canvas mark ('spof', 'redundant', 'gap'): drawn as the ring the canvas draws.
    marker: str | None = None


@dataclass(frozen=True)
class LegendSection:
    title: str
    entries: tuple[LegendEntry, ...]


def paint_legend_icon(painter: QPainter, e: LegendEntry, icon: QRectF) -> None:
    """The small picture of one legend row in ``icon``: the entity's symbol, a flow sample,
    a marker ring, or a colour swatch (the canvas legend and the slide deck's strip)."""
    if e.entity_kind is not None:
        paint_entity_symbol(painter, e.entity_kind, icon, e.color)
    elif e.flow_kind is not None:
        paint_flow_sample(painter, e.flow_kind, icon.adjusted(-1, 0, 1, 0), e.color)
    elif e.marker is not None:
        paint_marker_ring(painter, e.marker, icon.adjusted(2, 2, -2, -2), e.color, 1.8)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(e.color)
        painter.drawRoundedRect(icon.adjusted(1, 1, -1, -1), 3, 3)


def legend_size(title: str, sections: list[LegendSection], collapsed: bool = False, scale: float = 1.0) -> QSize:
    """The legend's size in pixels; ``scale`` draws it that many times larger (a projector)."""
    if scale != 1.0:
        base = legend_size(title, sections, collapsed)
        return QSize(int(base.width() * scale + 0.999), int(base.height() * scale + 0.999))
    fm = QFontMetricsF(canvas_font(8.5))
    fb = QFontMetricsF(canvas_font(8.5, bold=True))
    head = fb.height() + 6
    if collapsed or not sections:
        return QSize(int(fb.horizontalAdvance(title + "  ▸") + 2 * PAD), int(head + PAD))
    widths = [
        max([fb.horizontalAdvance(s.title)] + [ICON + 6 + fm.horizontalAdvance(e.label) for e in s.entries])
        for s in sections
    ]
    rows = max(len(s.entries) for s in sections) + 1
    w = sum(widths) + COL_GAP * (len(sections) - 1) + 2 * PAD
    w = max(w, fb.horizontalAdvance(title + "  ▾") + 2 * PAD)
    return QSize(int(w + 1), int(head + rows * ROW + PAD))


def paint_legend(
    painter: QPainter,
    origin: QPointF,
    title: str,
    sections: list[LegendSection],
    theme: CanvasTheme = LIGHT,
    collapsed: bool = False,
    hit: Callable[[QRectF, LegendEntry], None] | None = None,
    indicator: bool = True,
    scale: float = 1.0,
) -> QRectF:
    """Draw the legend with its top-left at ``origin``; returns the rectangle used.
    ``hit`` is called with each row's rectangle (for click handling); ``indicator`` False
    leaves out the open/closed mark after the title (exported pictures); ``scale`` draws it
    that many times larger (the presentation's projector fonts)."""
    if scale != 1.0:
        painter.save()
        painter.translate(origin)
        painter.scale(scale, scale)
        scaled_hit = None if hit is None else (
            lambda r, e: hit(QRectF(origin.x() + r.x() * scale, origin.y() + r.y() * scale,
                                    r.width() * scale, r.height() * scale), e))
        r = paint_legend(painter, QPointF(0, 0), title, sections, theme, collapsed, scaled_hit, indicator)
        painter.restore()
        return QRectF(origin.x(), origin.y(), r.width() * scale, r.height() * scale)
    size = legend_size(title, sections, collapsed)
    rect = QRectF(origin, QSize(size.width(), size.height()).toSizeF())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bg = QColor(theme.legend_bg)
    bg.setAlpha(238)
    painter.setPen(QPen(QColor(theme.legend_border), 1))
    painter.setBrush(bg)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
    fm = QFontMetricsF(canvas_font(8.5))
    fb = QFontMetricsF(canvas_font(8.5, bold=True))
    painter.setFont(canvas_font(8.5, bold=True))
    text = QColor(theme.text)
    painter.setPen(text)
    y = rect.top() + PAD - 3
    mark = ("  ▸" if collapsed or not sections else "  ▾") if indicator else ""
    painter.drawText(QPointF(rect.left() + PAD, y + fb.ascent()), title + mark)
    if collapsed or not sections:
        painter.restore()
        return rect
    top = y + fb.height() + 6
    x = rect.left() + PAD
    for s in sections:
        col_w = max([fb.horizontalAdvance(s.title)] + [ICON + 6 + fm.horizontalAdvance(e.label) for e in s.entries])
        painter.setFont(canvas_font(8.5, bold=True))
        muted = QColor(text)
        muted.setAlpha(150)
        painter.setPen(muted)
        painter.drawText(QPointF(x, top + fb.ascent()), s.title)
        ry = top + ROW
        painter.setFont(canvas_font(8.5))
        for e in s.entries:
            icon = QRectF(x, ry + (ROW - ICON) / 2 - 1, ICON, ICON)
            painter.setOpacity(0.35 if e.hidden else 1.0)
            paint_legend_icon(painter, e, icon)
            painter.setPen(text)
            painter.drawText(QPointF(x + ICON + 6, ry + (ROW + fm.ascent() - fm.descent()) / 2 - 1), e.label)
            painter.setOpacity(1.0)
            if hit is not None:
                hit(QRectF(x, ry, col_w, ROW), e)
            ry += ROW
        x += col_w + COL_GAP
    painter.restore()
    return rect


class LegendWidget(QWidget):
    """The legend as an overlay in a corner of the canvas view."""

    #: A flow kind's row was clicked (argument: the FlowKind).
    flow_kind_toggled = Signal(object)
    #: The user opened or closed the legend (argument: collapsed) — remembered by the window.
    collapse_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvasLegend")
        self.theme: CanvasTheme = LIGHT
        self.sections: list[LegendSection] = []
        self.collapsed = False
        self.user_collapsed: bool | None = None  # None: collapse automatically on small views
        self._auto_collapsed = False
        self._rows: list[tuple[QRectF, LegendEntry]] = []
        self._pixmap = QPixmap()
        #: Drawn this many times larger (the presentation sets its font scale, 1.0 after).
        self.scale = 1.0
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setCursor(Qt.CursorShape.ArrowCursor)

    @property
    def title(self) -> str:
        return translate("Legend")

    def set_sections(self, sections: list[LegendSection], theme: CanvasTheme) -> None:
        self.sections = sections
        self.theme = theme
        self._render()

    def set_scale(self, scale: float) -> None:
        """Draw the legend ``scale`` times larger (1.0: the desktop size)."""
        if scale != self.scale:
            self.scale = float(scale)
            self._render()

    def fit_to(self, available: QSize) -> None:
        """Note whether the full legend would cover too much of a canvas of ``available``
        size: then it shows collapsed unless the user opened it (:meth:`wanted_collapsed`)."""
        full = legend_size(self.title, self.sections, False, self.scale)
        area = full.width() * full.height()
        self._auto_collapsed = (
            area > 0.09 * available.width() * available.height()
            or full.height() > 0.5 * available.height()
            or full.width() > 0.45 * available.width()
        )

    def wanted_collapsed(self) -> bool:
        """Collapsed as the user chose it, else as the view's size suggests."""
        return self._auto_collapsed if self.user_collapsed is None else self.user_collapsed

    def size_for(self, collapsed: bool) -> QSize:
        return legend_size(self.title, self.sections, collapsed, self.scale) + QSize(2, 2)

    def show_collapsed(self, collapsed: bool) -> None:
        """Show the legend open or closed (for now: the user's choice stays as it is)."""
        if collapsed != self.collapsed:
            self.collapsed = collapsed
            self._render()

    def sizeHint(self) -> QSize:
        return legend_size(self.title, self.sections, self.collapsed, self.scale) + QSize(2, 2)

    def _render(self) -> None:
        """Paint once into a pixmap: the canvas repaints under the legend on every drag
        frame, and the legend need not be drawn again each time."""
        size = self.sizeHint()
        dpr = self.devicePixelRatioF()
        pm = QPixmap(int(size.width() * dpr), int(size.height() * dpr))
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.GlobalColor.transparent)
        self._rows.clear()
        p = QPainter(pm)
        paint_legend(
            p,
            QPointF(0, 0),
            self.title,
            self.sections,
            self.theme,
            self.collapsed,
            hit=lambda r, e: self._rows.append((r, e)),
            scale=self.scale,
        )
        p.end()
        self._pixmap = pm
        self.resize(size)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.drawPixmap(0, 0, self._pixmap)
        p.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if pos.y() < (ROW + PAD) * self.scale:
            self.collapsed = not self.collapsed
            self.user_collapsed = self.collapsed
            self._render()
            self.collapse_toggled.emit(self.collapsed)
            if self.parentWidget() is not None:
                self.parentWidget().update()
            event.accept()
            return
        for rect, entry in self._rows:
            if rect.contains(pos) and entry.flow_kind is not None:
                self.flow_kind_toggled.emit(entry.flow_kind)
                break
        event.accept()
