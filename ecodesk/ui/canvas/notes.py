"""UI layer (canvas): the scene's notes (便签) — one :class:`AnnotationItem` per annotation of
the shown scenario, kept in step with the model's signals only (as the entities are).

:class:`SceneNotes` binds to the scenario's ``annotations`` collection itself, so the
scene needs only to hand it the scenario on a rebuild. A bulk load (no per-object
signals) is caught up from ``scenario.changed`` by comparing counts, as the scene does
for entities. Notes are no entities: they take part in no count and no analysis.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from ecodesk.model import Annotation, Bindings, Scenario
from ecodesk.ui.canvas.annotation_item import AnnotationItem

RECT_MARGIN = 400.0  # room left around a note at the scene rect's edge


class SceneNotes:
    """The note items of a scene, by annotation id (``items``)."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self._scene = scene
        self.items: dict[str, AnnotationItem] = {}
        self.scenario: Scenario | None = None
        self._bindings = Bindings()
        scene.destroyed.connect(self._bindings.clear)
        self._provisional: list[AnnotationItem] = []
        #: Called before the items are rebuilt (another scenario, a bulk load): an open
        #: note editor ends first, so what was typed lands in the scenario it was typed in.
        self.before_rebuild: list[Callable[[], None]] = []

    def rebuild(self, scenario: Scenario | None) -> None:
        """Show the notes of ``scenario`` (None: none) and follow its signals."""
        for hook in list(self.before_rebuild):
            hook()
        for item in self._provisional:
            self.drop_provisional(item)
        if scenario is not self.scenario:
            self._bindings.clear()
            self.scenario = scenario
            if scenario is not None:
                b, c = self._bindings, scenario.annotations
                b.connect(c.added, self._on_added)
                b.connect(c.removed, self._on_removed)
                b.connect(c.changed, self._on_changed)
                b.connect(scenario.changed, self._on_scenario_changed)
        for item in list(self.items.values()):
            self._scene.removeItem(item)
        self.items.clear()
        if scenario is not None:
            for note in scenario.annotations:
                self._add(note)

    def _add(self, note: Annotation) -> AnnotationItem:
        item = AnnotationItem(note)
        self.items[note.id] = item
        self._scene.addItem(item)
        self._grow(item)
        return item

    def _grow(self, item: AnnotationItem) -> None:
        r = item.sceneBoundingRect().adjusted(-RECT_MARGIN, -RECT_MARGIN, RECT_MARGIN, RECT_MARGIN)
        rect = self._scene.sceneRect()
        if not rect.contains(r):
            self._scene.setSceneRect(rect.united(r))

    def _on_added(self, note: Annotation, index: int) -> None:
        self._add(note)

    def _on_removed(self, note: Annotation, index: int) -> None:
        item = self.items.pop(note.id, None)
        if item is not None:
            self._scene.removeItem(item)

    def _on_changed(self, old: Annotation, new: Annotation) -> None:
        item = self.items.get(new.id)
        if item is not None:
            item.set_annotation(new)
            self._grow(item)

    def _on_scenario_changed(self) -> None:
        s = self.scenario
        if s is not None and (len(s.annotations) != len(self.items)
                              or any(n.id not in self.items for n in s.annotations)):
            self.rebuild(s)

    def add_provisional(self, note: Annotation) -> AnnotationItem:
        """An item for a note not yet in the model (a new note being written), kept apart
        from ``items``: the model gets the note only if its first edit ends with text."""
        item = AnnotationItem(note)
        item.provisional = True
        self._provisional.append(item)
        self._scene.addItem(item)
        self._grow(item)
        return item

    def drop_provisional(self, item: AnnotationItem) -> None:
        if item in self._provisional:
            self._provisional.remove(item)
        if item.provisional and item.scene() is self._scene:
            self._scene.removeItem(item)

    def content_rect(self) -> QRectF:
        r = QRectF()
        for item in self.items.values():
            r = r.united(item.sceneBoundingRect())
        return r
