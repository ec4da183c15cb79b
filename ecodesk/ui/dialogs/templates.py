"""UI layer: the "New from Template" dialog — the templates of ``resources/templates`` with
their titles in the UI language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ecodesk.templates import list_templates
from ecodesk.ui.i18n import current_language


class NewFromTemplateDialog(QDialog):
    """Pick a template; :meth:`chosen` gives its name after ``exec()``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_from_template")
        self.setWindowTitle(self.tr("New from Template"))
        self.resize(440, 320)
        self.list = QListWidget(self)
        self.list.setObjectName("templates")
        lang = current_language()
        for t in list_templates():
            item = QListWidgetItem(t.label(lang), self.list)
            item.setData(Qt.ItemDataRole.UserRole, t.name)
            item.setToolTip(t.name)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda item: self.accept())
        label = QLabel(self.tr("Start from:"), self)
        label.setBuddy(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.count() > 0)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentRow(i)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
