"""UI layer: the capability list of the "Optimise design" dialog — every capability of the
scenario with its owner and category, searchable, each one free, kept or excluded.

:class:`CapabilityPickerWidget` shows one row per capability with two check boxes, *Keep*
and *Exclude* (checking one clears the other: a capability cannot be both), and a search
field that filters by name, id, owner or category. :meth:`~CapabilityPickerWidget.keep` and
:meth:`~CapabilityPickerWidget.exclude` give the ids for
:class:`ecodesk.analysis.optimize.DesignOptions`; :meth:`~CapabilityPickerWidget.set_state`
sets them from outside (the canvas selection). Nothing here touches the model.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QSignalBlocker, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from ecodesk.model import Scenario
from ecodesk.ui.plaintext import plain

#: Columns of the list.
KEEP, EXCLUDE, NAME, OWNER, CATEGORY = range(5)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class CapabilityPickerWidget(QWidget):
    """Capabilities to keep or exclude, picked from a searchable list."""

    #: A keep/exclude box changed.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optimize_picker")
        self.search = QLineEdit(self)
        self.search.setObjectName("optimize_search")
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, 5, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView(self)
        self.view.setObjectName("optimize_capabilities")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the scenario's order
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col in (KEEP, EXCLUDE):  # the boxes: as wide as their titles
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.model.itemChanged.connect(self._on_model_item_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.search)
        lay.addWidget(self.view, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search capabilities, owners, categories…"))
        self.model.setHorizontalHeaderLabels([self.tr("Keep"), self.tr("Exclude"), self.tr("Capability"),
                                              self.tr("Owner"), self.tr("Category")])
        tips = (self.tr("Must stay in the design"), self.tr("Must be closed in the design"))
        for col, tip in zip((KEEP, EXCLUDE), tips, strict=True):
            item = self.model.horizontalHeaderItem(col)
            if item is not None:
                item.setToolTip(tip)

    # filling ------------------------------------------------------------------------------
    def set_scenario(self, scenario: Scenario) -> None:
        """One row per capability of ``scenario`` (keep/exclude marks of ids still there stay)."""
        keep, exclude = set(self.keep()), set(self.exclude())
        with QSignalBlocker(self.model):
            self.model.removeRows(0, self.model.rowCount())
            for cap in scenario.capabilities:
                owner = scenario.entities.get(cap.owner)
                owner_name = owner.label if owner is not None else cap.owner
                row = []
                for col in (KEEP, EXCLUDE):
                    box = QStandardItem()
                    box.setCheckable(True)
                    box.setEditable(False)
                    on = cap.id in (keep if col == KEEP else exclude)
                    box.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                    row.append(box)
                for text in (cap.name or cap.id, owner_name, cap.category):
                    item = QStandardItem(text)
                    item.setEditable(False)
                    item.setToolTip(plain(text))
                    row.append(item)
                row[NAME].setToolTip(plain(f"{cap.name or cap.id} ({cap.id})"))
                for item in row:
                    item.setData(cap.id, ID_ROLE)
                self.model.appendRow(row)
        self.model.layoutChanged.emit()
        self.view.resizeColumnsToContents()
        for col in (NAME, OWNER):
            self.view.setColumnWidth(col, min(self.view.columnWidth(col), 160))

    # reading and setting ------------------------------------------------------------------
    def ids(self) -> list[str]:
        return [str(self.model.item(r, NAME).data(ID_ROLE)) for r in range(self.model.rowCount())]

    def _checked(self, col: int) -> tuple[str, ...]:
        return tuple(str(self.model.item(r, col).data(ID_ROLE)) for r in range(self.model.rowCount())
                     if self.model.item(r, col).checkState() == Qt.CheckState.Checked)

    def keep(self) -> tuple[str, ...]:
        return self._checked(KEEP)

    def exclude(self) -> tuple[str, ...]:
        return self._checked(EXCLUDE)

    def state(self, cap_id: str) -> str:
        """"keep", "exclude" or "" (free)."""
        return "keep" if cap_id in self.keep() else "exclude" if cap_id in self.exclude() else ""

    def set_state(self, cap_ids: Iterable[str], state: str) -> int:
        """Mark ``cap_ids`` "keep", "exclude" or "" (free); returns how many rows it marked."""
        wanted = set(cap_ids)
        n = 0
        with QSignalBlocker(self.model):
            for r in range(self.model.rowCount()):
                if self.model.item(r, NAME).data(ID_ROLE) not in wanted:
                    continue
                n += 1
                for col, name in ((KEEP, "keep"), (EXCLUDE, "exclude")):
                    on = state == name
                    self.model.item(r, col).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self._repaint()
        self.changed.emit()
        return n

    def clear_marks(self) -> None:
        self.set_state(self.ids(), "")

    def toggle(self, cap_id: str, col: int) -> None:
        """Click the Keep (``KEEP``) or Exclude (``EXCLUDE``) box of ``cap_id`` (tests, keyboard)."""
        for r in range(self.model.rowCount()):
            if self.model.item(r, NAME).data(ID_ROLE) == cap_id:
                item = self.model.item(r, col)
                item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                                   else Qt.CheckState.Checked)
                return

    def visible_ids(self) -> list[str]:
        """The capabilities the search leaves in view, in view order."""
        return [str(self.proxy.index(r, NAME).data(ID_ROLE)) for r in range(self.proxy.rowCount())]

    def _on_model_item_changed(self, item: QStandardItem) -> None:
        col = item.column()
        if col not in (KEEP, EXCLUDE) or item.checkState() != Qt.CheckState.Checked:
            self.changed.emit()
            return
        other = self.model.item(item.row(), EXCLUDE if col == KEEP else KEEP)
        if other.checkState() == Qt.CheckState.Checked:
            with QSignalBlocker(self.model):  # keep and exclude at once would be a contradiction
                other.setCheckState(Qt.CheckState.Unchecked)
            self._repaint()
        self.changed.emit()

    def _repaint(self) -> None:
        rows = self.model.rowCount()
        if rows:
            self.model.dataChanged.emit(self.model.index(0, KEEP), self.model.index(rows - 1, EXCLUDE))

    def index_of(self, cap_id: str, col: int = NAME) -> QModelIndex:
        """The view index of ``cap_id``'s cell in column ``col`` (invalid when filtered out)."""
        for r in range(self.proxy.rowCount()):
            idx = self.proxy.index(r, col)
            if idx.data(ID_ROLE) == cap_id:
                return idx
        return QModelIndex()
