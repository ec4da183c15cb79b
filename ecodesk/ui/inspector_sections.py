"""UI layer: the inspector's list sections — checklists (ecosystem membership, pool
members), an entity's capabilities and needs with add/remove buttons, and read-only notes.

Sections never touch the model: they call back into the inspector, which pushes commands.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget


class ChecklistSection:
    """A list of checkable items (ecosystem membership, pool members)."""

    def __init__(self, inspector: Any, title: str, items: Any, toggle: Any) -> None:
        self.title = title
        self._items, self._toggle = items, toggle
        self.inspector = inspector
        self.widget = QListWidget(inspector.body)
        self.widget.setMaximumHeight(130)
        self.widget.itemChanged.connect(self._on_item_changed)

    def refresh(self) -> None:
        items = self._items()
        with QSignalBlocker(self.widget):
            if self.widget.count() != len(items) or any(
                    self.widget.item(i).data(Qt.ItemDataRole.UserRole) != items[i][0] for i in range(len(items))):
                self.widget.clear()
                for obj_id, label, _checked in items:
                    item = QListWidgetItem(label, self.widget)
                    item.setData(Qt.ItemDataRole.UserRole, obj_id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            for i, (_obj_id, label, checked) in enumerate(items):
                item = self.widget.item(i)
                item.setText(label)
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.widget.setVisible(bool(items))

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        self._toggle(item.data(Qt.ItemDataRole.UserRole), item.checkState() == Qt.CheckState.Checked)
        self.refresh()


class ChildListSection:
    """Capabilities or needs of an entity, with add and remove buttons."""

    def __init__(self, inspector: Any, title: str, what: str, items: Any, add_label: str) -> None:
        self.title, self.what, self._items, self.inspector = title, what, items, inspector
        self.widget = QWidget(inspector.body)
        v = QVBoxLayout(self.widget)
        v.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self.widget)
        self.list.setMaximumHeight(110)
        self.list.setToolTip(inspector.texts["open_child"])
        self.list.itemActivated.connect(lambda item: inspector.document.set_selection(
            [item.data(Qt.ItemDataRole.UserRole)]))
        row = QHBoxLayout()
        self.add_button = QPushButton(add_label, self.widget)
        self.add_button.setObjectName(f"add_{what}")
        self.add_button.clicked.connect(lambda: inspector.add_child(what))
        self.remove_button = QPushButton(inspector.texts["remove"], self.widget)
        self.remove_button.setObjectName(f"remove_{what}")
        self.remove_button.setToolTip(inspector.texts["remove_tip"])
        self.remove_button.clicked.connect(self._remove)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        v.addWidget(self.list)
        v.addLayout(row)

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.inspector.remove_child(item.data(Qt.ItemDataRole.UserRole))

    def refresh(self) -> None:
        items = self._items()
        current = self.list.currentRow()
        self.list.clear()
        for obj_id, label in items:
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, obj_id)
        if items:
            self.list.setCurrentRow(min(max(current, 0), len(items) - 1))
        self.remove_button.setEnabled(bool(items))


class InfoSection:
    def __init__(self, inspector: Any, title: str, text: Any) -> None:
        self.title, self._text = title, text
        self.widget = QLabel(inspector.body)
        self.widget.setWordWrap(True)
        self.widget.setProperty("role", "hint")

    def refresh(self) -> None:
        self.widget.setText(self._text())
