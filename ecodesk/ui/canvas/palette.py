"""UI layer (canvas): the entity palette — one row per entity kind with its symbol.

A click picks the place tool for that kind (on the bound view); dragging a row onto the
canvas places an entity where it is dropped (mime type ``application/x-ecodesk-entity-kind``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QMimeData, QSize, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from ecodesk.model import EntityKind
from ecodesk.ui.canvas.clipboard import MIME_ENTITY_KIND
from ecodesk.ui.canvas.glyphs import entity_icon
from ecodesk.ui.canvas.style import translate


class ToolTarget(Protocol):
    """What the palette needs of a canvas view: its tool and the signal that it changed."""

    @property
    def tool_changed(self) -> SignalInstance: ...

    def set_tool(self, name: str, kind: EntityKind | str | None = None) -> None: ...


KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class EntityPaletteWidget(QListWidget):
    """Entity kinds to place; bind it to a canvas with :meth:`set_view`."""

    #: A kind was clicked (argument: the EntityKind).
    kind_activated = Signal(object)

    def __init__(self, view: ToolTarget | None = None, parent: QWidget | None = None, language: str = "en") -> None:
        super().__init__(parent)
        self.setObjectName("entityPalette")
        self.view: ToolTarget | None = None
        self.language = language
        self.setIconSize(QSize(26, 26))
        self.setSpacing(1)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setToolTip(translate("Click a kind, then click on the canvas — or drag it onto the canvas"))
        for kind in EntityKind:
            item = QListWidgetItem(entity_icon(kind, 26), "")
            item.setData(KIND_ROLE, kind.value)
            self.addItem(item)
        self.set_language(language)
        self.itemClicked.connect(self._on_item_clicked)
        if view is not None:
            self.set_view(view)

    def set_language(self, language: str) -> None:
        self.language = language
        for row in range(self.count()):
            item = self.item(row)
            kind = EntityKind(item.data(KIND_ROLE))
            item.setText(kind.label(language))
            item.setToolTip(translate("Place: {kind}").format(kind=kind.label(language)))

    def set_view(self, view: ToolTarget | None) -> None:
        if self.view is not None:
            self.view.tool_changed.disconnect(self._on_view_tool_changed)
        self.view = view
        if view is not None:
            view.tool_changed.connect(self._on_view_tool_changed)

    def item_for(self, kind: EntityKind | str) -> QListWidgetItem:
        return self.item(list(EntityKind).index(EntityKind(kind)))

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        kind = EntityKind(item.data(KIND_ROLE))
        self.kind_activated.emit(kind)
        if self.view is not None:
            self.view.set_tool("place", kind)

    def _on_view_tool_changed(self, name: str) -> None:
        if name != "place":
            self.clearSelection()

    def mimeTypes(self) -> list[str]:
        return [MIME_ENTITY_KIND]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        mime = QMimeData()
        if items:
            mime.setData(MIME_ENTITY_KIND, str(items[0].data(KIND_ROLE)).encode("ascii"))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
