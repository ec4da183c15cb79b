"""UI layer (canvas): an ecosystem as a soft translucent hull behind its members.

The hull is the convex hull of discs around the members, corners rounded. An entity in
several ecosystems gets a slightly larger disc in each further one, so three hulls around
one entity show as three nested rings rather than one. :class:`EcosystemHulls` keeps a
scene's hulls and their members.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from ecodesk.diagram.geometry import disc_inside, padded_hull
from ecodesk.model import Ecosystem, Entity
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.glyphs import rounded_polygon_path
from ecodesk.ui.canvas.scene_api import item_scene
from ecodesk.ui.canvas.style import ENTITY_RADIUS, LIGHT, canvas_font

HULL_ITEM_TYPE = QGraphicsItem.UserType + 3
HULL_PAD = 50.0  # disc radius around a member in its first ecosystem
HULL_STEP = 12.0  # extra radius per further ecosystem of the same member


def member_pad(entity: Entity, rank: int) -> float:
    """The disc radius around a member in its ``rank``-th ecosystem (a larger-drawn entity,
    :attr:`Entity.size` > 1, gets a disc grown by what its shape grew)."""
    return HULL_PAD + HULL_STEP * rank + max(0.0, entity.size - 1.0) * ENTITY_RADIUS[entity.kind]


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
        sc = item_scene(self)
        if sc is not None:
            rect = self.sceneBoundingRect()
            sc.flow_layer.area_changed(rect.united(old) if old is not None and not old.isNull() else rect)

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
        sc = item_scene(self)
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
        sc = item_scene(self)
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


class EcosystemHulls:
    """The hull items of a scene's ecosystems and the members of each: who joins or leaves
    an ecosystem, which hulls must be reshaped, and the names stacked where hulls meet."""

    def __init__(self, scene: QGraphicsScene, entity_items: Mapping[str, EntityItem]) -> None:
        self._scene = scene
        self._entity_items = entity_items
        self.items: dict[str, EcosystemHullItem] = {}
        self._members: dict[str, set[str]] = {}  # ecosystem id -> entity ids

    def clear(self) -> None:
        for item in self.items.values():
            self._scene.removeItem(item)
        self.items.clear()
        self._members.clear()

    def add(self, eco: Ecosystem, color: QColor) -> None:
        item = EcosystemHullItem(eco, color)
        self.items[eco.id] = item
        self._scene.addItem(item)

    def remove(self, eco_id: str) -> QRectF | None:
        """Take the hull away; returns where it was."""
        item = self.items.pop(eco_id, None)
        if item is None:
            return None
        rect = item.sceneBoundingRect()
        self._scene.removeItem(item)
        return rect

    def join(self, entity_id: str, ecosystems: Iterable[str]) -> None:
        for eco in ecosystems:
            self._members.setdefault(eco, set()).add(entity_id)

    def leave(self, entity_id: str, ecosystems: Iterable[str]) -> None:
        for eco in ecosystems:
            self._members.get(eco, set()).discard(entity_id)

    def reshaped_by(self, entity: Entity, x: float, y: float, known: Set[str]) -> set[str]:
        """The ecosystems (not already ``known``) whose hull changes when ``entity`` is at (x, y)."""
        out = set()
        for rank, eco in enumerate(entity.ecosystems):
            hull = self.items.get(eco)
            if hull is not None and eco not in known and hull.affected_by(entity.id, x, y, member_pad(entity, rank)):
                out.add(eco)
        return out

    def reshape(self, eco_ids: Iterable[str]) -> None:
        """Recompute these hulls from their members' places, then restack the names."""
        for eco in eco_ids:
            hull = self.items.get(eco)
            if hull is None:
                continue
            discs = []
            for eid in self._members.get(eco, ()):
                item = self._entity_items.get(eid)
                if item is not None:
                    rank = item.entity.ecosystems.index(eco)
                    discs.append((eid, item.x(), item.y(), member_pad(item.entity, rank)))
            hull.set_members(discs)
        self._stack_labels()

    def _stack_labels(self) -> None:
        """Ecosystem names whose anchors nearly coincide go one above the other, in
        ecosystem order (a handful of hulls: quadratic is fine)."""
        placed: list[tuple[QPointF, int]] = []
        for hull in self.items.values():
            if not hull.isVisible():
                continue
            p = hull.label.anchor
            level = 0
            while any(lv == level and abs(q.x() - p.x()) < 120 and abs(q.y() - p.y()) < 40 for q, lv in placed):
                level += 1
            hull.label.set_stack(level)
            placed.append((p, level))

    def draw(self, painter: QPainter, rect: QRectF) -> None:
        """Paint the hulls meeting scene rect ``rect`` (the flow layer's backdrop)."""
        for hull in self.items.values():
            if hull.isVisible() and hull.sceneBoundingRect().intersects(rect):
                hull.draw(painter)
