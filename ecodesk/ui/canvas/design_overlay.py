"""UI layer (canvas): an optimised design drawn over the canvas as a difference.

While the "Optimise design" dialog shows a result, :class:`DesignOverlayItem` sits in the
canvas scene on its own (it is not part of the scene's model-following items, so the canvas
core needs no change): closed capabilities as struck red tags at their owners, capability
flows that go away struck in faded red, new and re-pointed capability flows as dashed green
arrows from the new owner to the demand's entity, and demands left standalone (or served by
their entity's own capability) as tags at the entity. :func:`design_diff` works out what to
draw from the scenario and the engine's result; it needs no Qt.

The dialog removes the overlay when it closes, when the model changes (the difference would
be stale) and when another scenario is shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ecodesk.model import Scenario
from ecodesk.ui.canvas.style import canvas_font
from ecodesk.ui.plaintext import plain

if TYPE_CHECKING:
    from ecodesk.analysis.optimize import DesignResult
    from ecodesk.ui.canvas.scene import CanvasScene
    from ecodesk.ui.canvas.view import CanvasView

#: Colours of the difference (readable on the light and the dark canvas).
CLOSED = "#D7191C"
NEW = "#1E9E4A"
ALONE = "#E8862A"
#: Above the flows and hulls, below the entities (flows) / above them (tags).
Z_FLOWS = 9.0
Z_TAGS = 40.0
#: What each child item is (``item.data(KIND)``) and which object it is about (``item.data(ID)``).
KIND, ID = 0, 1


@dataclass(frozen=True)
class DesignDiff:
    """What a design changes, in canvas terms."""

    #: Closed capability id → its owner entity id.
    closed: dict[str, str]
    #: Capability flows that go away (closed, re-pointed to another owner, standalone, served in-house).
    struck_flows: tuple[str, ...]
    #: (demand id, owner entity, demand entity, capability id) of each new or re-pointed flow.
    new_flows: tuple[tuple[str, str, str, str], ...]
    #: (demand id, entity, category) of each demand left standalone.
    standalone: tuple[tuple[str, str, str], ...]
    #: (demand id, entity, category) of each demand served by its entity's own capability.
    own: tuple[tuple[str, str, str], ...]


def design_diff(scenario: Scenario, result: DesignResult) -> DesignDiff:
    """The difference between ``scenario`` as it is and the design ``result`` (see SPEC §3.6:
    applying keeps a flow that stays on its capability and owner, re-points the others, and
    serves a demand without a flow when the owner is its own entity)."""
    caps, flows = scenario.capabilities, scenario.flows
    closed = {c: caps[c].owner for c in result.close if c in caps}
    struck: list[str] = []
    new: list[tuple[str, str, str, str]] = []
    alone: list[tuple[str, str, str]] = []
    own: list[tuple[str, str, str]] = []
    for a in result.assignments:
        flow = flows.get(a.demand) if a.kind == "flow" else None
        cap = caps.get(a.capability) if a.capability else None
        if cap is None:
            alone.append((a.demand, a.entity, a.category))
            if flow is not None:
                struck.append(flow.id)
            continue
        if cap.owner == a.entity:
            own.append((a.demand, a.entity, a.category))
            if flow is not None:
                struck.append(flow.id)
            continue
        if flow is not None and flow.capability == cap.id and flow.source == cap.owner:
            continue  # unchanged
        if flow is not None and flow.source != cap.owner:
            struck.append(flow.id)
        new.append((a.demand, cap.owner, a.entity, cap.id))
    return DesignDiff(closed, tuple(struck), tuple(new), tuple(alone), tuple(own))


def short_name(text: str, limit: int = 14) -> str:
    """A name cut to about ``limit`` Latin characters (a CJK character counts two), with "…"."""
    width, out = 0, ""
    for ch in text:
        width += 2 if ord(ch) > 0x2E80 else 1
        if width > limit:
            return out + "…"
        out += ch
    return out


class _TagItem(QGraphicsRectItem):
    """A small rounded tag with one line of text (struck through for a closed capability)."""

    def __init__(self, text: str, color: str, struck: bool, row: int, parent: QGraphicsItem,
                 background: str = "#FFFFFF") -> None:
        super().__init__(parent)
        # scaled with the canvas, like the entities' labels (a fixed screen size would pile
        # the tags of a zoomed-out ecosystem on top of each other)
        font = canvas_font(9.0, bold=True)
        font.setStrikeOut(struck)
        self.label = QGraphicsSimpleTextItem(text, self)
        self.label.setFont(font)
        self.label.setBrush(QBrush(QColor(color)))
        r = self.label.boundingRect()
        w, h = r.width() + 8, r.height() + 2
        top = -(row + 1) * (h + 2)  # row 0 just above the anchor, further rows above it
        self.label.setPos(-w / 2 + 4, top + 1)
        self.setRect(QRectF(-w / 2, top, w, h))
        fill = QColor(background)  # the canvas's own background: light and dark themes
        fill.setAlpha(235)
        self.setBrush(QBrush(fill))
        self.setPen(QPen(QColor(color), 1.2))

    def text(self) -> str:
        return self.label.text()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRoundedRect(self.rect(), 4, 4)


class _LayerItem(QGraphicsItem):
    """A group without contents of its own (its children paint)."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)
        self.setZValue(z)

    def boundingRect(self) -> QRectF:
        return QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pass  # the children paint


class _OverlayItem(_LayerItem):
    """A difference drawn over the canvas: this layer at the flows' depth, and :attr:`tags`, a
    layer above the entities; :meth:`remove` takes both out of the scene."""

    def __init__(self) -> None:
        super().__init__(Z_FLOWS)
        self.tags = _LayerItem(Z_TAGS)

    def remove(self) -> None:
        for item in (self.tags, self):
            sc = item.scene()
            if sc is not None:
                sc.removeItem(item)


class DesignOverlayItem(_OverlayItem):
    """The difference of one design on the canvas scene (see the module docstring).

    The flows of each kind are drawn as one path item each (a design of the seed-size
    platform changes thousands of flows: one item per flow would cost the GUI a second);
    :attr:`paths` keeps each flow's own path by kind ("struck", "new") and demand or flow id.
    The tags are items of their own with ``data(KIND)`` ("closed", "standalone", "own") and
    ``data(ID)`` (the capability or demand ids they stand for)."""

    def __init__(self, scene: CanvasScene, scenario: Scenario, result: DesignResult,
                 labels: dict[str, str] | None = None) -> None:
        super().__init__()  # the tags sit in a layer of their own, above the entities
        self.diff = design_diff(scenario, result)
        #: Texts of the tags: {"standalone": "standalone: {0}", "own": "own: {0}", "sep": ", "} (translated
        #: by the caller).
        self.labels = labels or {"standalone": "standalone: {0}", "own": "own: {0}"}
        #: Each changed flow's path: {"struck": {flow id: path}, "new": {demand id: path}}.
        self.paths: dict[str, dict[str, QPainterPath]] = {"struck": {}, "new": {}}
        self.veil: QGraphicsPathItem | None = None
        self.struck_line: QGraphicsPathItem | None = None
        self.new_line: QGraphicsPathItem | None = None
        self._scenario = scenario
        self._tags_at: dict[str, int] = {}
        self._difference_rect: QRectF | None = None
        self._build(scene)  # children first, then into the scene at once (far cheaper for thousands)
        scene.addItem(self)
        scene.addItem(self.tags)

    # reading (tests) ---------------------------------------------------------------------
    def marks(self, kind: str) -> list[QGraphicsItem]:
        return [c for c in (*self.childItems(), *self.tags.childItems()) if c.data(KIND) == kind]

    def marked_ids(self, kind: str) -> list[str]:
        """The ids marked ``kind`` (a tag may stand for several: an entity has one tag per kind)."""
        if kind in self.paths:
            return list(self.paths[kind])
        out: list[str] = []
        for c in self.marks(kind):
            ids = c.data(ID)
            out += [str(i) for i in ids] if isinstance(ids, (list, tuple)) else [str(ids)]
        return out

    def counts(self) -> dict[str, int]:
        """How many of each kind of change the difference shows (the compact legend's figures)."""
        d = self.diff
        return {"closed": len(d.closed), "struck": len(d.struck_flows), "new": len(d.new_flows),
                "standalone": len(d.standalone), "own": len(d.own)}

    def mark_rects(self, limit: int = 400) -> list[QRectF]:
        """Scene rectangles of the marks — each tag, each changed flow (at most ``limit`` of
        them) — to keep clear when something is laid over the canvas."""
        out = [t.sceneBoundingRect() for t in self.tags.childItems()]
        for kind in ("new", "struck"):
            out += [p.boundingRect() for p in list(self.paths[kind].values())[:limit]]
        return out

    def difference_rect(self) -> QRectF:
        """The scene rectangle holding every mark and the entities they are about."""
        if self._difference_rect is not None:
            return QRectF(self._difference_rect)
        # the layers sit at the scene's origin: their children's rectangles are scene rectangles
        rect = self.childrenBoundingRect().united(self.tags.childrenBoundingRect())
        d, flows, scene = self.diff, self._scenario.flows, self.scene()
        ids = set(d.closed.values()) | {e for row in d.new_flows for e in row[1:3]}
        ids |= {row[1] for row in (*d.standalone, *d.own)}
        ids |= {e for f in d.struck_flows if f in flows for e in (flows[f].source, flows[f].target)}
        items = getattr(scene, "entity_items", {})
        for e in ids:
            if e in items:
                rect = rect.united(items[e].sceneBoundingRect())
        if scene is not None:
            self._difference_rect = QRectF(rect)  # the overlay never changes: it goes when the model does
        return rect

    # building --------------------------------------------------------------------------
    def _build(self, scene: CanvasScene) -> None:
        d, s = self.diff, self._scenario
        self._struck_flows(scene, d.struck_flows)
        self._new_flows(scene, d.new_flows)
        # one tag per entity and kind, listing its capabilities or categories
        closed: dict[str, list[str]] = {}
        for cap_id, owner in d.closed.items():
            closed.setdefault(owner, []).append(cap_id)
        for owner, caps in closed.items():
            names = [short_name(s.capabilities[c].name or c) for c in caps]
            full = ", ".join(s.capabilities[c].name or c for c in caps)
            self._tag(scene, owner, "✕ " + " · ".join(names), CLOSED, True, "closed", caps, full)
        for kind, rows, colour in (("standalone", d.standalone, ALONE), ("own", d.own, NEW)):
            by_entity: dict[str, tuple[list[str], list[str]]] = {}
            for demand, entity, category in rows:
                demands, cats = by_entity.setdefault(entity, ([], []))
                demands.append(demand)
                if category not in cats:
                    cats.append(category)
            for entity, (demands, cats) in by_entity.items():
                sep = self.labels.get("sep", ", ")
                text = self.labels[kind].format(sep.join(short_name(c) for c in cats))
                self._tag(scene, entity, text, colour, False, kind, demands, self.labels[kind].format(sep.join(cats)))

    def _layer(self, path: QPainterPath, pen: QPen, kind: str, brush: QBrush | None = None) -> QGraphicsPathItem:
        item = QGraphicsPathItem(path, self)
        item.setPen(pen)
        if brush is not None:
            item.setBrush(brush)
        item.setData(KIND, kind)
        return item

    def _centre(self, scene: CanvasScene, entity_id: str) -> tuple[QPointF, float] | None:
        item = scene.entity_items.get(entity_id)
        if item is None:
            return None
        r = item.shape_rect()
        return item.pos(), max(r.width(), r.height()) / 2 + 3

    def _struck_flows(self, scene: CanvasScene, flow_ids: tuple[str, ...]) -> None:
        """Flows that go away: faded under a veil of the canvas colour, a thin red dashed line
        along them and a red cross over their middle."""
        if any(scene.is_pending(f) for f in flow_ids):
            scene.flush_pending()
        all_paths, crosses = QPainterPath(), QPainterPath()
        for fid in flow_ids:
            route = scene.flow_layer.route(fid) if fid in scene.flows else None  # as drawn; no FlowItem made
            if route is None:
                continue
            ends, curved, _head, _width = route
            (x0, y0), (cx, cy), (ex, ey), _apex = ends.tolist()
            path = QPainterPath(QPointF(x0, y0))
            if curved:
                path.quadTo(QPointF(cx, cy), QPointF(ex, ey))
            else:
                path.lineTo(QPointF(ex, ey))
            self.paths["struck"][fid] = path
            all_paths.addPath(path)
            mid = path.pointAtPercent(0.5)
            for dx, dy in ((-8, -8), (-8, 8)):
                crosses.moveTo(mid + QPointF(dx, dy))
                crosses.lineTo(mid - QPointF(dx, dy))
        if not self.paths["struck"]:
            return
        veil = QColor(scene.theme.background)
        veil.setAlpha(190)
        self.veil = self._layer(all_paths, QPen(veil, 9.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap),
                                "struck_veil")
        self.struck_line = self._layer(all_paths, QPen(QColor(CLOSED), 2.0, Qt.PenStyle.DashLine), "struck_line")
        self._layer(crosses, QPen(QColor(CLOSED), 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap), "struck_cross")

    def _new_flows(self, scene: CanvasScene, rows: tuple[tuple[str, str, str, str], ...]) -> None:
        """New and re-pointed capability flows: dashed green arrows, slightly bent (so they stay
        visible beside an old flow between the same two entities), owner → demand's entity."""
        curves, heads = QPainterPath(), QPainterPath()
        for demand, owner, entity, _cap_id in rows:
            a, b = self._centre(scene, owner), self._centre(scene, entity)
            if a is None or b is None:
                continue
            (p, ra), (q, rb) = a, b
            dx, dy = q.x() - p.x(), q.y() - p.y()
            length = math.hypot(dx, dy)
            if length <= ra + rb + 1:
                continue
            ux, uy = dx / length, dy / length
            start = QPointF(p.x() + ux * ra, p.y() + uy * ra)
            end = QPointF(q.x() - ux * rb, q.y() - uy * rb)
            bend = 0.12 * length
            ctrl = QPointF((start.x() + end.x()) / 2 - uy * bend, (start.y() + end.y()) / 2 + ux * bend)
            path = QPainterPath(start)
            path.quadTo(ctrl, end)
            self.paths["new"][demand] = path
            curves.addPath(path)
            hx, hy = end.x() - ctrl.x(), end.y() - ctrl.y()  # the head along the curve's last direction
            hl = math.hypot(hx, hy) or 1.0
            hx, hy, size = hx / hl, hy / hl, 11.0
            heads.addPolygon(QPolygonF([
                end, QPointF(end.x() - hx * size - hy * size * 0.5, end.y() - hy * size + hx * size * 0.5),
                QPointF(end.x() - hx * size + hy * size * 0.5, end.y() - hy * size - hx * size * 0.5), end]))
        if not self.paths["new"]:
            return
        self.new_line = self._layer(curves, QPen(QColor(NEW), 3.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap),
                                    "new_line")
        self._layer(heads, QPen(QColor(NEW), 1.0), "new_heads", QBrush(QColor(NEW)))

    def _tag(self, scene: CanvasScene, entity_id: str, text: str, colour: str, struck: bool, kind: str,
             obj_ids: list[str], tip: str) -> None:
        item = scene.entity_items.get(entity_id)
        if item is None:
            return
        n = self._tags_at.get(entity_id, 0)
        self._tags_at[entity_id] = n + 1
        tag = _TagItem(text, colour, struck, n, self.tags, scene.theme.background)
        tag.setData(KIND, kind)
        tag.setData(ID, list(obj_ids))
        tag.setToolTip(plain(tip))
        tag.setPos(item.pos().x(), item.pos().y() + item.shape_rect().top() - 2)


def fit_view_to(view: CanvasView, rect: QRectF, free: QRect, max_zoom: float, margin: int = 48) -> bool:
    """Zoom ``view`` (to at most ``max_zoom``) and pan it so the scene rectangle ``rect`` shows
    inside ``free`` (viewport pixels: the part a panel over the canvas leaves visible). Only
    the view moves: the model and the undo history are untouched. False when there is nothing
    to fit."""
    if rect.isNull() or free.width() < 40 or free.height() < 40:
        return False
    w, h = max(free.width() - 2 * margin, 20), max(free.height() - 2 * margin, 20)
    zoom = min(max_zoom, w / max(rect.width(), 1e-6), h / max(rect.height(), 1e-6))
    if abs(zoom - view.zoom) > 1e-9:
        view.set_zoom(zoom)
    vp = view.viewport().rect()
    centre = rect.center() - QPointF(free.center() - vp.center()) / view.zoom
    seen = QRectF(0, 0, vp.width() / view.zoom, vp.height() / view.zoom)
    seen.moveCenter(centre)
    scene = view.scene()
    if scene is not None and not scene.sceneRect().contains(seen):
        # room to scroll there (the scene rect only grows, as when an entity is dragged out)
        scene.setSceneRect(scene.sceneRect().united(seen.adjusted(-2, -2, 2, 2)))
    view.centerOn(centre)
    return True
