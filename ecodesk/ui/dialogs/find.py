"""UI layer: the Find dialog — search every object of the shown scenario by name or id,
select the matches and jump to them on the canvas."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.model import Scenario
from ecodesk.ui.i18n import enum_label, what_label


def search(scenario: Scenario, text: str) -> list[str]:
    """Ids of objects whose name, id, category or industry contains ``text`` (case-insensitive);
    entities first, then flows, capabilities, needs, pools, ecosystems, notes (by their text)."""
    needle = text.strip().casefold()
    if not needle:
        return []
    out: list[str] = []
    order = ("entities", "flows", "capabilities", "needs", "pools", "ecosystems", "annotations")
    for name in order:
        for obj in getattr(scenario, name):
            hay = " ".join(str(getattr(obj, f, "") or "") for f in ("id", "name", "category", "industry", "notes", "text"))
            if needle in hay.casefold():
                out.append(obj.id)
    return out


class FindDialog(QDialog):
    """Non-modal: typing lists matches; Enter selects them all; activating one jumps to it."""

    def __init__(self, scenario_fn: Callable[[], Scenario], on_found: Callable[[list[str]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find")
        self.setWindowTitle(self.tr("Find"))
        self.resize(380, 360)
        self._scenario_fn, self._on_found = scenario_fn, on_found
        self.edit = QLineEdit(self)
        self.edit.setObjectName("find_text")
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(self.tr("Name, id, category or industry…"))
        self.edit.textChanged.connect(self.refresh)
        self.edit.returnPressed.connect(self.select_all_matches)
        self.results = QListWidget(self)
        self.results.setObjectName("find_results")
        self.results.itemActivated.connect(lambda item: self._on_found([item.data(Qt.ItemDataRole.UserRole)]))
        self.count = QLabel(self)
        self.count.setProperty("role", "hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        label = QLabel(self.tr("&Find:"), self)
        label.setBuddy(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.ids: list[str] = []

    def refresh(self) -> None:
        scenario = self._scenario_fn()
        self.ids = search(scenario, self.edit.text())
        self.results.clear()
        for obj_id in self.ids:
            obj = scenario.find(obj_id)
            name = getattr(obj, "name", "") or " ".join(getattr(obj, "text", "").split())[:40] or obj_id
            kind = getattr(obj, "kind", None)
            detail = enum_label(kind) if kind is not None else what_label(getattr(obj, "WHAT", ""))
            item = QListWidgetItem(f"{name} — {detail}  ({obj_id})", self.results)
            item.setData(Qt.ItemDataRole.UserRole, obj_id)
        text = self.edit.text().strip()
        self.count.setText(self.tr("{0} found — Enter selects them all").format(len(self.ids)) if text else "")

    def select_all_matches(self) -> None:
        if self.ids:
            self._on_found(list(self.ids))

    def start(self, text: str = "") -> None:
        if text:
            self.edit.setText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()
        self.edit.selectAll()
