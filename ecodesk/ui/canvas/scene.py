"""UI layer (canvas): the scene — filled once from the document's scenario, then changed
*only* by the model's signals (orange-canvas-core's rule), keeping ``dict[id, Item]``.

Flows are not Qt items: each is a row of the batched
:class:`~ecodesk.ui.canvas.flow_layer.FlowLayerItem`, routed in vectorised batches from
the scene's :class:`~ecodesk.diagram.flownet.FlowNetwork` (the engine-side record of who
connects to whom); a :class:`FlowItem` is created on demand for the few flows that are
selected, hovered or asked for (``flow_items`` is a lazy mapping), so the seed-size
platform's 52,000 flows cost no Qt items to load or to draw. The ecosystem hulls and their
members are kept by :class:`~ecodesk.ui.canvas.hull_item.EcosystemHulls`.

Geometry that depends on several items (a flow's route, fan-out of parallel flows, the
ecosystem hulls, the scene rect) is recomputed lazily: changes mark it dirty and one
``flush_pending`` does the work — at the end of an interactive move (synchronously, so a
drag frame is complete), or on the next turn of the event loop for model edits (so an
auto-layout moving 1,000 entities recomputes each hull once, not 1,000 times). Work per
frame is proportional to what moved, never to the size of the scene.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import reduce
from itertools import chain

from PySide6.QtCore import QObject, QPointF, QRectF, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from ecodesk.diagram.flownet import FlowNetwork
from ecodesk.gcpause import collector_paused
from ecodesk.model import Bindings, Ecosystem, Entity, Flow, FlowKind, Scenario
from ecodesk.ui.canvas.entity_item import EntityItem, overview_touch, shape_key, sized_outline
from ecodesk.ui.canvas.entity_overview import EntityOverview
from ecodesk.ui.canvas.flow_item import FlowItem, FlowLabelItem, flow_summary
from ecodesk.ui.canvas.flow_layer import FlowLayerItem
from ecodesk.ui.canvas.flow_pens import restyle_rows, room_for_pixmaps
from ecodesk.ui.canvas.hull_item import EcosystemHulls
from ecodesk.ui.canvas.notes import SceneNotes
from ecodesk.ui.canvas.style import (
    LIGHT,
    CanvasTheme,
    ecosystem_color,
    entity_fill,
    flow_color,
)

MIN_RECT = QRectF(-1600, -1000, 3200, 2000)
RECT_MARGIN = 800.0
LIVE_CAP = 256  # idle FlowItems kept before the scene drops them
BULK_MOVE = 1500  # a drag lifting more flows than this moves their ends only, routed on release


class FlowItemMap(Mapping[str, FlowItem]):
    """``scene.flow_items``: every flow id of the scene, mapped to its :class:`FlowItem`,
    which is created when looked up (iterating, ``in`` and ``len`` create nothing). Items
    exist only for the few flows selected, hovered or asked for (``live``); idle ones
    beyond :data:`LIVE_CAP` are dropped when a new one is made."""

    def __init__(self, scene: CanvasScene) -> None:
        self._scene = scene
        self.live: dict[str, FlowItem] = {}  # the FlowItems that exist
        self._keep = 0  # > 0: no idle FlowItem is dropped (items_for)

    def __getitem__(self, flow_id: str) -> FlowItem:
        item = self.item(flow_id)
        if item is None:
            raise KeyError(flow_id)
        return item

    def __contains__(self, flow_id: object) -> bool:
        return flow_id in self._scene.flows

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._scene.flows))

    def __len__(self) -> int:
        return len(self._scene.flows)

    def item(self, flow_id: str) -> FlowItem | None:
        """The FlowItem of a flow, created if it does not exist (None: no such flow)."""
        item = self.live.get(flow_id)
        if item is not None:
            return item
        sc = self._scene
        f = sc.flows.get(flow_id)
        if f is None:
            return None
        if sc.is_pending(flow_id):
            sc.flush_pending()
        if len(self.live) >= LIVE_CAP and not self._keep:
            self._drop_idle()
        item = FlowItem(f, sc.flow_color(f))
        item.setParentItem(sc.flow_layer)  # drawn with the layer's z, below the entities
        item.set_detail(sc.detail)
        item.setVisible(f.kind not in sc.hidden_flow_kinds)
        self.live[flow_id] = item
        self.sync(item)
        return item

    def items_for(self, flow_ids: Iterable[str]) -> list[FlowItem]:
        """The FlowItems of these flows, all kept (for a selection of many: none of them is
        dropped as idle before it is selected)."""
        self._keep += 1
        try:
            return [it for fid in flow_ids if (it := self.item(fid)) is not None]
        finally:
            self._keep -= 1

    def _drop_idle(self) -> None:
        sc = self._scene
        label = sc.flow_label.data(0) if sc.flow_label.isVisible() else None
        for fid, item in list(self.live.items()):
            if not item.isSelected() and not item.is_hovered and fid != label:
                del self.live[fid]
                sc.removeItem(item)

    def sync(self, item: FlowItem) -> None:
        """Give the item the route its flow has in the flow layer."""
        sc = self._scene
        item.offset = sc.network.offset(item.flow_id)
        route = sc.flow_layer.route(item.flow_id)
        if route is not None:
            ends, curved, head, _width = route
            item.set_geometry(ends, curved, head)


class CanvasScene(QGraphicsScene):
    """Entities, flows and ecosystem hulls of one scenario."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.scenario: Scenario | None = None
        self._bindings = Bindings()  # the scenario's signals
        self.destroyed.connect(self._bindings.clear)  # a scene deleted under a live model lets go
        self.currency = "CNY"
        self.entity_items: dict[str, EntityItem] = {}
        self.flows: dict[str, Flow] = {}  # the flows shown, by id (rows of the flow layer)
        self.flow_items = FlowItemMap(self)
        self.network = FlowNetwork(sized_outline)  # entities (their size too) and flows as routing sees them
        self.hulls = EcosystemHulls(self, self.entity_items)
        self.hull_items = self.hulls.items
        self.notes = SceneNotes(self)  # the workshop notes (便签), following the annotations
        self._style_cache: dict[tuple[FlowKind, int], int] = {}
        self._dirty_flows: set[str] = set()  # to re-route
        self._dirty_styles: set[str] = set()  # to re-style (colour, width, shown)
        self._dirty_hulls: set[str] = set()
        self._dirty_rect: list[QRectF] = []
        self._moving: set[str] | None = None  # during a drag: ecosystems whose hulls wait
        self._bulk: dict[str, tuple[float, float]] = {}  # a hub's drag: where its entities started
        self._batch = 0
        self.theme: CanvasTheme = LIGHT
        self.language = "en"
        self.color_overrides: dict[str, QColor] | None = None
        self.markers: dict[str, tuple[str, ...]] = {}  # entity id -> analysis marks (rings)
        self.hidden_flow_kinds: set[FlowKind] = set()
        self.detail = 0  # 0 full, 1 zoomed out, 2 overview (see set_detail)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self.flush_pending)
        self.flow_label = FlowLabelItem()
        self.addItem(self.flow_label)
        self.flow_layer = FlowLayerItem()  # draws every flow (FlowItems: selection, hover)
        self.flow_layer.backdrop = self.hulls.draw  # and the hulls beneath them
        self.flow_layer.set_theme(self.theme)
        self.addItem(self.flow_layer)
        self.setBackgroundBrush(QBrush(QColor(self.theme.background)))
        self.setSceneRect(MIN_RECT)

    # binding -------------------------------------------------------------------
    def set_scenario(self, scenario: Scenario | None) -> None:
        """Show ``scenario`` (None: nothing) and follow its signals from now on."""
        self._bindings.clear()
        self.scenario = scenario
        if scenario is not None:
            s, b = scenario, self._bindings
            b.connect(s.entities.added, self._on_entities_added)
            b.connect(s.entities.removed, self._on_entities_removed)
            b.connect(s.entities.changed, self._on_entities_changed)
            b.connect(s.flows.added, self._on_flows_added)
            b.connect(s.flows.removed, self._on_flows_removed)
            b.connect(s.flows.changed, self._on_flows_changed)
            b.connect(s.ecosystems.added, self._on_ecosystems_added)
            b.connect(s.ecosystems.removed, self._on_ecosystems_removed)
            b.connect(s.ecosystems.changed, self._on_ecosystems_changed)
            # (capability names appear in tooltips only, which are built on hover)
            b.connect(s.changed, self._on_scenario_changed)
        self.rebuild()

    def detach(self) -> None:
        """Stop following the model (before the scene goes away)."""
        self.set_scenario(None)

    def rebuild(self) -> None:
        """Recreate every item from the scenario (on switch, or after a bulk load)."""
        self.clearSelection()
        for d in (self.flow_items.live, self.entity_items):
            for item in d.values():
                self.removeItem(item)
            d.clear()
        self.hulls.clear()
        self.flows.clear()
        self.network.clear()
        self.flow_layer.clear()
        for dirty in (self._dirty_flows, self._dirty_styles, self._dirty_hulls):
            dirty.clear()
        self.flow_label.hide()
        self.notes.rebuild(s := self.scenario)  # the notes follow the scenario's annotations
        if s is None:
            self.setSceneRect(MIN_RECT)
            return
        for i, eco in enumerate(s.ecosystems):
            self._add_hull(eco, i)
        with collector_paused():  # the 600,000 containers a ten-times load makes
            for e in (entities := list(s.entities)):
                self._add_entity(e, loading=True)
            self.network.add_entities([e.id for e in entities], [e.x for e in entities], [e.y for e in entities],
                                      list(map(shape_key, entities)))
            self._load_flows(list(s.flows))
            self.flush_pending()
        self.setSceneRect(self._fitted_rect())
        room_for_pixmaps(len(self.entity_items))

    # model -> scene --------------------------------------------------------------
    def _add_entity(self, e: Entity, loading: bool = False) -> None:
        item = EntityItem(e)
        if e.id in self.markers:
            item.set_markers(self.markers[e.id])
        self.entity_items[e.id] = item
        if not loading:  # (a rebuild adds all to the network at once and fits the rect after)
            self._dirty_styles.update(self.network.add_entity(e.id, e.x, e.y, shape_key(e)))  # (re)link its flows
            self._dirty_rect.append(item.sceneBoundingRect())
        self.addItem(item)
        self.hulls.join(e.id, e.ecosystems)
        self._dirty_hulls.update(e.ecosystems)

    def _add_flow(self, f: Flow) -> None:
        self.flows[f.id] = f
        self._dirty_styles.add(f.id)
        self._dirty_flows.add(f.id)
        self.network.add_flow(f.id, f.source, f.target)

    def _load_flows(self, flows: list[Flow]) -> None:
        """A rebuild's flows, styled and routed in one batch (in the scenario's order)."""
        ids = [f.id for f in flows]
        self.flows.update(zip(ids, flows))
        self.network.add_flows(ids, [f.source for f in flows], [f.target for f in flows])
        self.network.spread_fans()  # (every flow is routed here)
        self._restyle(ids)
        self._reroute(ids)

    def _add_hull(self, eco: Ecosystem, index: int) -> None:
        self.hulls.add(eco, ecosystem_color(eco.color, index))
        self._dirty_hulls.add(eco.id)

    def _on_entities_added(self, e: Entity, index: int) -> None:
        self._add_entity(e)
        self._schedule()

    def _on_entities_removed(self, e: Entity, index: int) -> None:
        item = self.entity_items.pop(e.id, None)
        if item is not None:
            self.removeItem(item)
        self.network.remove_entity(e.id)
        self.hulls.leave(e.id, e.ecosystems)
        self._dirty_hulls.update(e.ecosystems)
        self._schedule()

    def _on_entities_changed(self, old: Entity, new: Entity) -> None:
        item = self.entity_items.get(new.id)
        if item is None:
            return
        item.set_entity(new)  # a position change arrives through entity_item_moved
        overview_touch(item, self)  # (its colour, kind or size: the overview's batch)
        if (old.kind, old.size) != (new.kind, new.size):  # flows end at the new outline
            self.network.set_kind(new.id, shape_key(new))
            self._dirty_flows.update(self.network.flows_of(new.id))
            self._dirty_hulls.update(new.ecosystems)
        if old.ecosystems != new.ecosystems:
            self.hulls.leave(new.id, old.ecosystems)
            self.hulls.join(new.id, new.ecosystems)
            self._dirty_hulls.update(old.ecosystems)
            self._dirty_hulls.update(new.ecosystems)
        self._schedule()

    def _on_flows_added(self, f: Flow, index: int) -> None:
        self._add_flow(f)
        self._schedule()

    def _on_flows_removed(self, f: Flow, index: int) -> None:
        if self.flows.pop(f.id, None) is None:
            return
        self.flow_label.hide_flow(f.id)
        item = self.flow_items.live.pop(f.id, None)
        if item is not None:
            self.removeItem(item)
        self.flow_layer.remove_flow(f.id)
        self.network.remove_flow(f.id, f.source, f.target)
        self._dirty_flows.discard(f.id)
        self._dirty_styles.discard(f.id)
        self._schedule()

    def _on_flows_changed(self, old: Flow, new: Flow) -> None:
        if new.id not in self.flows:
            return
        self.flows[new.id] = new
        if (old.source, old.target) != (new.source, new.target):
            self.network.relink_flow(new.id, (old.source, old.target), (new.source, new.target))
        item = self.flow_items.live.get(new.id)
        if item is not None:
            item.set_flow(new, self.flow_color(new))
            item.setVisible(new.kind not in self.hidden_flow_kinds)
        self._dirty_styles.add(new.id)
        self._dirty_flows.add(new.id)  # the width sets the arrowhead
        self.network.mark_pair(new.source, new.target)
        self._schedule()

    def _on_ecosystems_added(self, eco: Ecosystem, index: int) -> None:
        self._add_hull(eco, index)
        self._schedule()

    def _on_ecosystems_removed(self, eco: Ecosystem, index: int) -> None:
        rect = self.hulls.remove(eco.id)
        if rect is not None:
            self.flow_layer.area_changed(rect)

    def _on_ecosystems_changed(self, old: Ecosystem, new: Ecosystem) -> None:
        item = self.hull_items.get(new.id)
        if item is not None and self.scenario is not None:
            item.set_ecosystem(new, ecosystem_color(new.color, self.scenario.ecosystems.index(new.id)))

    def _on_scenario_changed(self) -> None:
        s = self.scenario
        # bulk_load fills a scenario without per-object signals: catch up in one go
        if s is not None and (
            len(s.entities) != len(self.entity_items)
            or len(s.flows) != len(self.flows)
            or len(s.ecosystems) != len(self.hull_items)
        ):
            self.rebuild()

    # live geometry ---------------------------------------------------------------
    def entity_item_moved(self, item: QGraphicsItem) -> None:
        """An entity item moved (a drag, or the model): its flows and hulls follow."""
        assert isinstance(item, EntityItem)
        eid = item.entity_id
        x, y = item.x(), item.y()
        if eid in self._bulk:  # the layer moves the flows' ends (numpy), they are routed on release
            self.flow_layer.move_ends(self.network.index_of(eid), x - self._bulk[eid][0], y - self._bulk[eid][1])
        else:
            self._dirty_flows.update(self.network.flows_of(eid))
        self.network.move_entity(eid, x, y)
        if self._moving is not None:  # a drag: the hulls follow on release (see begin_move)
            self._moving.update(item.entity.ecosystems)
        else:
            self._dirty_hulls.update(self.hulls.reshaped_by(item.entity, x, y, self._dirty_hulls))
        self._dirty_rect.append(item.sceneBoundingRect())
        self._schedule()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group item moves; dependent geometry is recomputed once, synchronously, at exit."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if not self._batch:
                self.flush_pending()

    def _schedule(self) -> None:
        if not self._batch and not self._flush_timer.isActive():
            self._flush_timer.start()

    def flush_pending(self) -> None:
        """Recompute the dirty flow routes, hulls and scene rect now."""
        self._flush_timer.stop()
        if self.network.dirty_pairs:
            self._dirty_flows.update(self.network.spread_fans())
        styles, self._dirty_styles = self._dirty_styles, set()
        if styles:
            self._restyle([fid for fid in styles if fid in self.flows])
        flows, self._dirty_flows = self._dirty_flows, set()
        if flows:
            self._reroute([fid for fid in flows if fid in self.flows])
        hulls, self._dirty_hulls = self._dirty_hulls, set()
        if hulls:
            self.hulls.reshape(hulls)
        rects, self._dirty_rect, m = self._dirty_rect, [], RECT_MARGIN
        r = self.sceneRect()
        if rects and (grown := reduce(QRectF.united, [b.adjusted(-m, -m, m, m) for b in rects], r)) != r:
            self.setSceneRect(grown)

    def is_pending(self, flow_id: str) -> bool:
        """Whether the flow's route or style waits for :meth:`flush_pending`."""
        return flow_id in self._dirty_flows or flow_id in self._dirty_styles or bool(self.network.dirty_pairs)

    def begin_move(self, entity_ids: Iterable[str]) -> None:
        """An interactive drag of these entities starts: their flows are drawn over the
        flow layer's frame cache until :meth:`end_move` (see FlowLayerItem.float_rows), and
        their ecosystems' hulls are reshaped on release, not on every frame (a hull is
        redrawn wherever it lies: the hub's eight hulls cover the whole canvas)."""
        self._moving = set()
        ids: set[str] = set()
        entity_ids = list(entity_ids)
        for eid in entity_ids:
            ids.update(self.network.flows_of(eid))
        ids.intersection_update(self.flows)
        if ids:
            self.flush_pending()
            self.flow_layer.float_rows(self.flow_layer.rows_for(sorted(ids)))
        if len(ids) > BULK_MOVE:  # (the hub): no routing per frame, straight ends drawn as fans
            self._bulk = {e: (it.x(), it.y()) for e in entity_ids if (it := self.entity_items.get(e)) is not None}

    def end_move(self) -> None:
        """The drag is over: the dragged flows go back into the frame cache, the hulls
        take their new shape."""
        moved, self._moving = self._moving or set(), None
        self._dirty_hulls.update(moved)
        for eid in self._bulk:  # routed once, now
            self._dirty_flows.update(self.network.flows_of(eid))
        self._bulk = {}
        self.flow_layer.move_ends(None)
        self.flush_pending()
        self.flow_layer.sink_rows()

    def _restyle(self, ids: Sequence[str]) -> None:
        """Colour, width and visibility of these flows' rows in the layer, and their ends."""
        if ids:
            flows = list(map(self.flows.__getitem__, ids))
            restyle_rows(self.flow_layer, flows, self.network, self.hidden_flow_kinds, self._style_cache,
                         self.color_overrides)

    def _reroute(self, ids: Sequence[str]) -> None:
        """Route these flows (in one vectorised batch) and hand the routes to the layer
        and to their FlowItems, if any."""
        routed = self.network.route(self.flow_layer.table, ids)
        if routed is None:
            return
        ids, rows, routes = routed
        self.flow_layer.set_routes(rows, routes)
        live = self.flow_items.live
        if live:
            for fid in set(ids).intersection(live):
                self.flow_items.sync(live[fid])

    # flow items on demand (FlowItemMap) ------------------------------------------------
    def flow_item(self, flow_id: str) -> FlowItem | None:
        """The :class:`FlowItem` of a flow, created if it does not exist (None: no such flow)."""
        return self.flow_items.item(flow_id)

    def flow_items_for(self, flow_ids: Iterable[str]) -> list[FlowItem]:
        """The FlowItems of these flows, all kept (none dropped as idle before it is selected)."""
        return self.flow_items.items_for(flow_ids)

    def live_flow_items(self) -> list[FlowItem]:
        """The FlowItems that exist now (selected, hovered or recently asked for)."""
        return list(self.flow_items.live.values())

    def flow_at(self, p: QPointF) -> FlowItem | None:
        """The FlowItem of the shown flow under scene point ``p`` (created on demand)."""
        fid = self.flow_layer.flow_at(p.x(), p.y())
        return self.flow_item(fid) if fid is not None else None

    def flows_in_rect(self, rect: QRectF) -> list[FlowItem]:
        """FlowItems of the shown flows meeting scene rect ``rect`` (created on demand)."""
        self.flush_pending()
        return self.flow_items_for(self.flow_layer.flows_in_rect(rect))

    def _fitted_rect(self) -> QRectF:
        r = self.content_rect()
        if r.isNull():
            return QRectF(MIN_RECT)
        return r.adjusted(-RECT_MARGIN, -RECT_MARGIN, RECT_MARGIN, RECT_MARGIN).united(MIN_RECT)

    def content_rect(self) -> QRectF:
        """Bounding rect of entities, hulls and notes (what "fit all" shows)."""
        items = filter(QGraphicsItem.isVisible, chain(self.entity_items.values(), self.hull_items.values()))
        return reduce(QRectF.united, map(QGraphicsItem.sceneBoundingRect, items), self.notes.content_rect())

    # look ---------------------------------------------------------------------------
    def entity_color(self, entity: Entity) -> QColor:
        return entity_fill(entity.id, entity.kind, self.color_overrides, entity.color)

    def flow_color(self, flow: Flow) -> QColor:
        return flow_color(flow.id, flow.kind, self.color_overrides)

    def set_theme(self, theme: CanvasTheme) -> None:
        self.theme = theme
        self.flow_layer.set_theme(theme)
        self.setBackgroundBrush(QBrush(QColor(theme.background)))
        self._refresh_all()

    def set_color_overrides(self, overrides: Mapping[str, QColor] | None) -> None:
        self.color_overrides = {k: QColor(v) for k, v in overrides.items()} if overrides else None
        self._refresh_all()

    def set_markers(self, markers: Mapping[str, str | Iterable[str]] | None) -> None:
        """Analysis marks by entity id ('spof', 'redundant', 'gap' or several); None clears."""
        new = {k: ((v,) if isinstance(v, str) else tuple(v)) for k, v in (markers or {}).items()}
        new = {k: v for k, v in new.items() if v}
        for eid in set(self.markers) | set(new):
            item = self.entity_items.get(eid)
            if item is not None:
                item.set_markers(new.get(eid, ()))
        self.markers = new

    def _refresh_all(self) -> None:
        for item in self.entity_items.values():
            item.update()
        self._style_cache.clear()
        self._restyle(list(self.flows))
        for f in self.flow_items.live.values():
            f.set_flow(f.flow, self.flow_color(f.flow))
        self.flow_layer.invalidate_cache()
        self.flow_layer.update()
        for h in self.hull_items.values():
            h.label.update()

    def set_detail(self, level: int) -> None:
        """Level of detail of the flows (0 full, 1 hairlines, 2 hairlines without heads) —
        switched once per crossing of a zoom threshold, not per frame."""
        if level != self.detail:
            self.detail = level
            for item in self.flow_items.live.values():
                item.set_detail(level)
            self.flow_layer.set_detail(level)
            EntityOverview.of(self).set_active(level >= 2)  # the plain entities at the overview

    def set_flow_kind_visible(self, kind: FlowKind | str, visible: bool) -> None:
        kind = FlowKind(kind)
        if visible:
            self.hidden_flow_kinds.discard(kind)
        else:
            self.hidden_flow_kinds.add(kind)
        for item in self.flow_items.live.values():
            if item.flow.kind is kind:
                if not visible:
                    item.setSelected(False)
                item.setVisible(visible)
        ids = [fid for fid, f in self.flows.items() if f.kind is kind]
        if ids:
            self.flow_layer.set_shown(self.flow_layer.rows_for(ids), visible)

    # flow labels (the hover chip; the flows' own labels: flow_layer.labels) ------------
    def flow_summary(self, f: Flow) -> list[str]:
        """Lines naming a flow: label, kind, volume and value, capability."""
        return flow_summary(f, self.scenario, self._name, self.language, self.currency)

    def flow_tooltip(self, f: Flow) -> str:
        return "\n".join([*self.flow_summary(f), f"id: {f.id}"])

    def show_flow_label(self, item: QGraphicsItem) -> None:
        if isinstance(item, FlowItem):
            self.flow_label.show_flow(item.flow_id, self.flow_summary(item.flow), item.color, item.apex)

    def hide_flow_label(self, item: QGraphicsItem) -> None:
        if isinstance(item, FlowItem):
            self.flow_label.hide_flow(item.flow_id)

    def _name(self, entity_id: str) -> str:
        item = self.entity_items.get(entity_id)
        return item.entity.label if item is not None else entity_id
