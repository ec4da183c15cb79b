"""UI layer (canvas): an ecosystem as a soft translucent hull behind its members.

The hull is the convex hull of discs around the members, corners rounded. An entity in
several ecosystems gets a slightly larger disc in each further one, so three hulls around
one entity show as three nested rings rather than one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ecodesk.model import Ecosystem
from ecodesk.diagram.geometry import disc_inside, padded_hull
from ecodesk.ui.canvas.glyphs import rounded_polygon_path
from ecodesk.ui.canvas.style import LIGHT, canvas_font

if TYPE_CHECKING:
    from ecodesk.ui.canvas.scene import CanvasScene

HULL_ITEM_TYPE = QGraphicsItem.UserType + 3
HULL_PAD = 50.0  # disc radius around a member in its first ecosystem
HULL_STEP = 12.0  # extra radius per further ecosystem of the same member


class EcosystemHullItem(QGraphicsItem):
    """The hull of one ecosystem; not clickable (clicks fall through to the canvas).

    The item holds the hull and carries its name (a child item); the scene's flow layer
    draws it (:meth:`draw`), beneath the flows, into the layer's frame cache — a dozen
    translucent hulls as big as the view cost more to blend on every frame than all the
    rest of the canvas."""

    def __init__(self, ecosystem: Ecosystem, color: QColor) -> None:
        super().__init__()
        self.ecosystem = ecosystem
        self.ecosystem_id = ecosystem.id
        self._color = QColor(color)
        self._path = QPainterPath()
        self._polygon: list[tuple[float, float]] = []
        self._core: set[str] = set()
        self._bounds = QRectF()
        self._top = QPointF()  # the hull's highest point: the name sits just above it
        self._highlight = False
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(-10.0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)  # the layer draws it
        self.label = HullLabelItem(self)

    def type(self) -> int:
        return HULL_ITEM_TYPE

    def set_ecosystem(self, ecosystem: Ecosystem, color: QColor) -> None:
        self.ecosystem = ecosystem
        self._color = QColor(color)
        self.label.refresh()
        self._repaint()

    @property
    def color(self) -> QColor:
        return QColor(self._color)

    def set_highlighted(self, on: bool) -> None:
        if on != self._highlight:
            self._highlight = on
            self._repaint()

    def hull_path(self) -> QPainterPath:
        """The hull outline in scene coordinates (empty without members)."""
        return QPainterPath(self._path)

    def affected_by(self, entity_id: str, x: float, y: float, r: float) -> bool:
        """Whether moving member ``entity_id`` to a disc (x, y, r) can change the hull: only
        if it shapes the hull now, or leaves it. Dragging an interior member costs nothing."""
        return entity_id in self._core or not disc_inside(self._polygon, x, y, r)

    def set_members(self, members: list[tuple[str, float, float, float]]) -> None:
        """Recompute the hull from member discs (entity id, x, y, radius)."""
        pts, core = padded_hull(members) if members else ([], set())
        self._core = core
        if pts == self._polygon:
            return
        self._polygon = pts
        old = self.sceneBoundingRect()
        self.prepareGeometryChange()
        if not pts:
            self._path = QPainterPath()
            self._top = QPointF()
        else:
            self._path = rounded_polygon_path(pts, 26.0)
            top = min(pts, key=lambda p: (p[1], p[0]))
            self._top = QPointF(*top)
        self._update_bounds()
        self.setVisible(not self._path.isEmpty())
        self._repaint(old)

    def _update_bounds(self) -> None:
        r = self._path.boundingRect()
        self._bounds = r.adjusted(-3, -3, 3, 3) if not r.isNull() else QRectF()
        self.label.setPos(self._top)
        self.label.refresh()

    def _repaint(self, old: QRectF | None = None) -> None:
        """Have the flow layer redraw where the hull is (and was)."""
        layer = getattr(self.scene(), "flow_layer", None)
        if layer is not None:
            rect = self.sceneBoundingRect()
            layer.area_changed(rect.united(old) if old is not None and not old.isNull() else rect)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged:
            self._repaint()
        return super().itemChange(change, value)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pass  # never called (ItemHasNoContents): the flow layer calls draw()

    def draw(self, painter: QPainter) -> None:
        """Paint the hull (scene coordinates: the item stays at the origin)."""
        if self._path.isEmpty():
            return
        sc: CanvasScene | None = self.scene()  # type: ignore[assignment]
        theme = sc.theme if sc is not None else LIGHT
        fill = QColor(self._color)
        fill.setAlpha(theme.hull_fill_alpha)
        line = QColor(self._color)
        line.setAlpha(230 if self._highlight else theme.hull_line_alpha)
        # a 1-pixel cosmetic outline takes the rasteriser's hairline path: stroking a wide
        # pen around a hull as big as the view costs fifty times more, on every frame
        pen = QPen(line, 2.5 if self._highlight else 1.0)
        pen.setCosmetic(True)
        # the faint fill without antialiasing (4x cheaper; its steps are hidden under the
        # antialiased hairline outline drawn next)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawPath(self._path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)


class HullLabelItem(QGraphicsItem):
    """The ecosystem's name above the hull's highest point, at a constant screen size, so
    it stays readable in the zoomed-out overview where the names matter most."""

    def __init__(self, hull: EcosystemHullItem) -> None:
        super().__init__(hull)
        self.hull = hull
        self.stack = 0
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def text(self) -> str:
        return self.hull.ecosystem.name or self.hull.ecosystem.id

    def refresh(self) -> None:
        self.prepareGeometryChange()
        fm = QFontMetricsF(canvas_font(9.0, bold=True))
        w = fm.horizontalAdvance(self.text()) + 10
        h = fm.height() + 2
        self._rect = QRectF(-w / 2, -h - 4 - self.stack * (h + 1), w, h)
        self.update()

    def set_stack(self, level: int) -> None:
        """Lift the name by ``level`` rows: hulls sharing a top point (one entity in several
        ecosystems) would otherwise print their names on top of each other."""
        if level != self.stack:
            self.stack = level
            self.refresh()

    @property
    def anchor(self) -> QPointF:
        return self.pos()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        sc: CanvasScene | None = self.scene()  # type: ignore[assignment]
        theme = sc.theme if sc is not None else LIGHT
        color = self.hull.color
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bg = QColor(theme.background)
        bg.setAlpha(170)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(self._rect, 4, 4)
        painter.setFont(canvas_font(9.0, bold=True))
        painter.setPen(color.darker(130) if theme is LIGHT else color.lighter(135))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text())
