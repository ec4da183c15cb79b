"""UI layer (canvas): the canvas selection, kept in step with the document's both ways.

Canvas → ``document.set_selection(ids)`` and document → canvas, with a guard (and a
QSignalBlocker on the scene) so neither echoes the other. The document's order is kept:
what was selected first stays first, then new entities in scenario order, then flows.
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
        return self._ordered({i.flow_id for i in self.view.canvas_scene.selectedItems() if isinstance(i, FlowItem)})

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
            for it in sc.selectedItems():
                if id(it) not in keep:
                    it.setSelected(False)
            for it in items:
                it.setSelected(True)
        self.on_scene_selection_changed()

    def select_ids(self, ids: Iterable[str]) -> None:
        sc = self.view.canvas_scene
        ids = list(ids)
        flows = {it.flow_id: it for it in sc.flow_items_for([i for i in ids if i in sc.flows])}
        self.select_items(
            [it for i in ids if (it := sc.entity_items.get(i) or flows.get(i) or sc.notes.items.get(i)) is not None
             and it.isVisible()]
        )

    def select_all(self) -> None:
        sc = self.view.canvas_scene
        hidden = sc.hidden_flow_kinds
        flows = sc.flow_items_for([i for i, f in sc.flows.items() if f.kind not in hidden])
        self.select_items([*sc.entity_items.values(), *flows, *sc.notes.items.values()])

    def on_scene_selection_changed(self) -> None:
        doc = self.view.document
        if self._syncing or doc is None:
            return
        self._syncing = True
        try:
            selected = self.view.canvas_scene.selectedItems()
            ents = {i.entity_id for i in selected if isinstance(i, EntityItem)}
            flows = {i.flow_id for i in selected if isinstance(i, FlowItem)}
            notes = {i.note_id for i in selected if isinstance(i, AnnotationItem)}
            prev = [i for i in doc.selection if i in ents or i in flows or i in notes]
            s = self.view.scenario
            new = [i for i in s.entities.ids() if i in ents and i not in prev] if s else []
            new += sorted(flows.difference(prev)) + sorted(notes.difference(prev))
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
            with QSignalBlocker(sc):
                for it in sc.selectedItems():
                    key = (
                        it.entity_id if isinstance(it, EntityItem) else it.flow_id if isinstance(it, FlowItem)
                        else it.note_id if isinstance(it, AnnotationItem) else None
                    )
                    if key not in wanted:
                        it.setSelected(False)
                for i in ids:
                    item = sc.entity_items.get(i) or sc.flow_items.get(i) or sc.notes.items.get(i)
                    if item is not None and item.isVisible():
                        item.setSelected(True)
        finally:
            self._syncing = False
