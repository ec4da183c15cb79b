"""UI layer (canvas): the canvas selection, kept in step with the document's both ways.

Canvas → ``document.set_selection(ids)`` and document → canvas, with a guard (and a
QSignalBlocker on the scene) so neither echoes the other. The document's order is kept:
what was selected first stays first, then new entities in scenario order, then flows.

Flows are selected in the flow layer (its table's ``selected`` column, drawn by the layer):
a selected :class:`FlowItem` marks its row, and a selection of many flows (Select All, or
the document selecting thousands) marks the rows without creating one Qt item per flow.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QGraphicsItem

from ecodesk.ui.canvas.annotation_item import AnnotationItem
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.flow_item import FlowItem

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    from ecodesk.ui.canvas.host import CanvasHost

BULK_ITEMS = 64  # more flows selected at once than this: marked in the layer, no FlowItems


class CanvasSelection:
    """The selection of one canvas view (``view``: its :class:`CanvasHost`)."""

    def __init__(self, view: CanvasHost) -> None:
        self.view = view
        self._syncing = False

    def items(self) -> list[QGraphicsItem]:
        return [i for i in self.view.canvas_scene.selectedItems() if isinstance(i, (EntityItem, FlowItem, AnnotationItem))]

    def entity_ids(self) -> list[str]:
        """Selected entities, in the order the document lists them (then scenario order)."""
        sel = {i.entity_id for i in self.view.canvas_scene.selectedItems() if isinstance(i, EntityItem)}
        return self._ordered(sel)

    def flow_ids(self) -> list[str]:
        return self._ordered(set(self.view.canvas_scene.flow_layer.selected_ids()))

    def _ordered(self, ids: set[str]) -> list[str]:
        doc = self.view.document
        first = [i for i in (doc.selection if doc else []) if i in ids]
        return first + sorted(ids.difference(first))

    def select_items(self, items: Iterable[QGraphicsItem]) -> None:
        """Make ``items`` the canvas selection (one update of the document)."""
        sc = self.view.canvas_scene
        items = list(items)
        with QSignalBlocker(sc):
            keep = set(map(id, items))
            before = sc.selectedItems()
            # flows selected in the layer alone stay when items are only added (Ctrl-click)
            adding = bool(items) and keep.issuperset(map(id, before))
            for it in before:
                if id(it) not in keep:
                    it.setSelected(False)
            for it in items:
                it.setSelected(True)
            if not adding:
                flows = [it.flow_id for it in items if isinstance(it, FlowItem)]
                sc.flow_layer.set_selected_ids(flows)
        self.on_scene_selection_changed()

    def _select_with_flows(self, items: list[QGraphicsItem], flow_ids: list[str]) -> None:
        """Select ``items`` (entities, notes) and the flows ``flow_ids`` in the layer."""
        sc = self.view.canvas_scene
        hidden = sc.hidden_flow_kinds
        live = sc.flow_items.live
        shown = [i for i in flow_ids if sc.flows[i].kind not in hidden]
        with QSignalBlocker(sc):
            keep = set(map(id, items))
            for it in sc.selectedItems():
                if id(it) not in keep and not isinstance(it, FlowItem):
                    it.setSelected(False)
            for it in items:
                if not it.isSelected():
                    it.setSelected(True)
            sc.flow_layer.set_selected_ids(shown)
            wanted = set(shown)
            for fid, it in live.items():  # the flows' items that exist agree with the layer
                if it.isSelected() != (fid in wanted):
                    it.setSelected(fid in wanted)
        self.on_scene_selection_changed()

    def select_ids(self, ids: Iterable[str]) -> None:
        sc = self.view.canvas_scene
        ids = list(ids)
        flow_ids = [i for i in ids if i in sc.flows]
        if len(flow_ids) > BULK_ITEMS:
            others = [it for i in ids if (it := sc.entity_items.get(i) or sc.notes.items.get(i)) is not None
                      and it.isVisible()]
            self._select_with_flows(others, flow_ids)
            return
        flows = {it.flow_id: it for it in sc.flow_items_for(flow_ids)}
        self.select_items(
            [it for i in ids if (it := sc.entity_items.get(i) or flows.get(i) or sc.notes.items.get(i)) is not None
             and it.isVisible()]
        )

    def select_all(self) -> None:
        """Every entity, note and shown flow — the flows in the flow layer, as a set."""
        sc = self.view.canvas_scene
        self._select_with_flows([*sc.entity_items.values(), *sc.notes.items.values()], list(sc.flows))

    def on_scene_selection_changed(self) -> None:
        doc = self.view.document
        if self._syncing or doc is None:
            return
        self._syncing = True
        try:
            selected = self.view.canvas_scene.selectedItems()
            ents = {i.entity_id for i in selected if isinstance(i, EntityItem)}
            flows = set(self.view.canvas_scene.flow_layer.selected_ids())
            notes = {i.note_id for i in selected if isinstance(i, AnnotationItem)}
            prev = [i for i in doc.selection if i in ents or i in flows or i in notes]
            s = self.view.scenario
            had = set(prev)
            new = [i for i in s.entities.ids() if i in ents and i not in had] if s else []
            new += sorted(flows.difference(had)) + sorted(notes.difference(had))
            doc.set_selection(prev + new)
        finally:
            self._syncing = False

    def on_document_selection_changed(self, ids: list[str]) -> None:
        sc = self.view.canvas_scene
        wanted = set(ids)
        for eco, hull in sc.hull_items.items():
            hull.set_highlighted(eco in wanted)
        if self._syncing:
            return
        self._syncing = True
        try:
            flow_ids = [i for i in ids if i in sc.flows]
            few = len(flow_ids) <= BULK_ITEMS  # else: selected in the layer, without items
            items = sc.flow_items if few else sc.flow_items.live
            with QSignalBlocker(sc):
                for it in sc.selectedItems():
                    key = (
                        it.entity_id if isinstance(it, EntityItem) else it.flow_id if isinstance(it, FlowItem)
                        else it.note_id if isinstance(it, AnnotationItem) else None
                    )
                    if key not in wanted:
                        it.setSelected(False)
                for i in ids:
                    item = sc.entity_items.get(i) or items.get(i) or sc.notes.items.get(i)
                    if item is not None and item.isVisible():
                        item.setSelected(True)
                hidden = sc.hidden_flow_kinds
                sc.flow_layer.set_selected_ids([i for i in flow_ids if sc.flows[i].kind not in hidden])
        finally:
            self._syncing = False
