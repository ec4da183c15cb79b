"""UI layer: a stand-in for the canvas when ``ecodesk.ui.canvas`` cannot be imported.

It implements the canvas interface the main window binds to (selection, delete, find …) in
terms of the Document alone, so the rest of the window — tables, inspector, files —
works and can be tested on its own. The real canvas replaces it as soon as it imports.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ecodesk.commands import remove_objects
from ecodesk.model import EntityKind
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import enum_label


class FallbackCanvasView(QWidget):
    zoom_changed = Signal(float)
    status_message = Signal(str)
    tool_changed = Signal(str)

    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.show_grid = True
        self.snap_to_grid = False
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._tool = "select"

    def set_document(self, doc: Document) -> None:
        self.document = doc
        self.label.setText(self.tr("The canvas could not be loaded; use the Tables and the Inspector."))

    def set_tool(self, name: str, kind: str | None = None) -> None:
        self._tool = name
        self.tool_changed.emit(name)

    def select_all(self) -> None:
        if self.document is not None:
            s = self.document.scenario
            self.document.set_selection([*s.entities.ids(), *s.flows.ids()])

    def delete_selection(self) -> None:
        doc = self.document
        if doc is not None and doc.selected_objects():
            doc.push(remove_objects(doc.scenario, doc.selected_objects()))

    def find(self, text: str) -> list[str]:
        from ecodesk.ui.dialogs.find import search

        return search(self.document.scenario, text) if self.document is not None else []

    def render_to_image(self, w: int, h: int) -> QImage:
        img = QImage(w, h, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.white)
        p = QPainter(img)
        self.render(p)
        p.end()
        return img

    def __getattr__(self, name: str) -> Any:
        if name in ("cut_selection", "copy_selection", "paste", "duplicate_selection", "rename_selected", "align",
                    "distribute", "zoom_in", "zoom_out", "zoom_reset", "fit_all", "zoom_to_selection",
                    "auto_layout", "center_on_ids", "set_flow_kind_visible"):
            return lambda *args, **kwargs: None
        raise AttributeError(name)


class FallbackPaletteWidget(QListWidget):
    """Entity kinds; activating one picks the entity tool of that kind."""

    def __init__(self, canvas: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for kind in EntityKind:
            item = QListWidgetItem(enum_label(kind), self)
            item.setData(Qt.ItemDataRole.UserRole, kind.value)
        self.itemActivated.connect(lambda item: canvas.set_tool("entity", item.data(Qt.ItemDataRole.UserRole)))
