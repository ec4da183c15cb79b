"""UI layer: the inspector's list sections — checklists (ecosystem membership, pool
members), an entity's capabilities and needs with add/remove buttons, and read-only notes.

Sections never touch the model: they build commands and hand them to the inspector's
``push``. :func:`build_sections` gives the sections of each kind of object.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ecodesk.commands import set_membership, set_pool_membership
from ecodesk.model import Capability, Ecosystem, Entity, Pool
from ecodesk.ui.inspector_pools import PoolParamsSection
from ecodesk.ui.plaintext import plain_label

# Texts are translated in context InspectorWidget, where the inspector shows them.


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
        self.widget = plain_label(QLabel(inspector.body))
        self.widget.setWordWrap(True)
        self.widget.setProperty("role", "hint")

    def refresh(self) -> None:
        self.widget.setText(self._text())


class _SectionData:
    """What the sections show and do for the inspector's current object."""

    def __init__(self, inspector: Any) -> None:
        self.inspector = inspector

    @property
    def obj(self) -> Any:
        return self.inspector.obj

    @property
    def scenario(self) -> Any:
        return self.inspector.scenario

    def ecosystem_items(self) -> list[tuple[str, str, bool]]:
        assert isinstance(self.obj, Entity) and self.scenario is not None
        return [(e.id, e.name or e.id, e.id in self.obj.ecosystems) for e in self.scenario.ecosystems]

    def toggle_ecosystem(self, eco_id: str, member: bool) -> str:
        assert isinstance(self.obj, Entity) and self.scenario is not None
        return str(self.inspector.push(set_membership(self.scenario, self.obj.id, eco_id, member)))

    def member_items(self) -> list[tuple[str, str, bool]]:
        assert isinstance(self.obj, Ecosystem) and self.scenario is not None
        return [(e.id, e.label, self.obj.id in e.ecosystems) for e in self.scenario.entities]

    def toggle_member(self, entity_id: str, member: bool) -> str:
        assert isinstance(self.obj, Ecosystem) and self.scenario is not None
        return str(self.inspector.push(set_membership(self.scenario, entity_id, self.obj.id, member)))

    def pool_member_items(self) -> list[tuple[str, str, bool]]:
        assert isinstance(self.obj, Pool) and self.scenario is not None
        return [(e.id, e.label, e.id in self.obj.members) for e in self.scenario.entities]

    def toggle_pool_member(self, entity_id: str, member: bool) -> str:
        assert isinstance(self.obj, Pool) and self.scenario is not None
        return str(self.inspector.push(set_pool_membership(self.scenario, self.obj.id, entity_id, member)))

    def owned_capabilities(self) -> list[tuple[str, str]]:
        assert isinstance(self.obj, Entity) and self.scenario is not None
        out = []
        for c in self.scenario.capabilities:
            if c.owner == self.obj.id:
                users = len({f.target for f in self.scenario.flows if f.capability == c.id})
                out.append((c.id, QCoreApplication.translate("InspectorWidget", "{0} — {1} (used by {2})").format(c.label, c.category or "—", users)))
        return out

    def own_needs(self) -> list[tuple[str, str]]:
        assert isinstance(self.obj, Entity) and self.scenario is not None
        return [(n.id, QCoreApplication.translate("InspectorWidget", "{0} — volume {1}").format(n.category, f"{n.volume:g}"))
                for n in self.scenario.needs if n.entity == self.obj.id]

    def deliveries(self) -> str:
        assert isinstance(self.obj, Capability) and self.scenario is not None
        flows = [f for f in self.scenario.flows if f.capability == self.obj.id]
        if not flows:
            return QCoreApplication.translate("InspectorWidget", "Not delivered by any flow yet.")
        names = []
        for f in flows:
            t = self.scenario.entities.get(f.target)
            names.append(f"{t.label if t else f.target} ({f.volume:g})")
        return ", ".join(names)


def build_sections(inspector: Any, what: str) -> list[Any]:
    """The list sections shown under the fields of a ``what`` object (in the inspector's body)."""
    inspector.texts = {
        "open_child": QCoreApplication.translate("InspectorWidget", "Double-click (or press Enter) to open it in the inspector"),
        "remove": QCoreApplication.translate("InspectorWidget", "Remove"),
        "remove_tip": QCoreApplication.translate("InspectorWidget", "Remove the selected item (a capability takes its flows along)"),
    }
    d = _SectionData(inspector)
    if what == "entity":
        return [
            ChecklistSection(inspector, QCoreApplication.translate("InspectorWidget", "Ecosystems"), d.ecosystem_items, d.toggle_ecosystem),
            ChildListSection(inspector, QCoreApplication.translate("InspectorWidget", "Capabilities"), "capability", d.owned_capabilities,
                             QCoreApplication.translate("InspectorWidget", "Add capability")),
            ChildListSection(inspector, QCoreApplication.translate("InspectorWidget", "Needs"), "need", d.own_needs, QCoreApplication.translate("InspectorWidget", "Add need")),
        ]
    if what == "ecosystem":
        return [ChecklistSection(inspector, QCoreApplication.translate("InspectorWidget", "Members"), d.member_items, d.toggle_member)]
    if what == "pool":
        return [
            ChecklistSection(inspector, QCoreApplication.translate("InspectorWidget", "Members"), d.pool_member_items, d.toggle_pool_member),
            PoolParamsSection(inspector),
        ]
    if what == "capability":
        return [InfoSection(inspector, QCoreApplication.translate("InspectorWidget", "Delivered to"), d.deliveries)]
    return []
