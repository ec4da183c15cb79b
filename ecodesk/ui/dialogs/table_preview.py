"""UI layer: one foreign table in the table import dialog — the first rows of a node or edge
table with the role of every column (a combo box above each column, as in Gephi's and
Cytoscape's import wizards) and, for the keyboard, the role of the column the cursor is in.

The widget only shows and edits a column → role mapping (:mod:`ecodesk.io.foreigntables`
roles); reading files, checking the plan and remembering mappings are the dialog's
(:mod:`ecodesk.ui.dialogs.table_import`). Texts are translated in context ``TableImportDialog``
(the role names) and ``TablePreviewWidget``.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.ui.i18n import QT_TRANSLATE_NOOP
from ecodesk.ui.plaintext import plain, plain_label

#: Rows shown in the preview (the whole table is checked).
PREVIEW_ROWS = 20

#: Every role → its readable name (context ``TableImportDialog``).
ROLE_LABELS: dict[str, str] = {
    "id": QT_TRANSLATE_NOOP("TableImportDialog", "Id"),
    "name": QT_TRANSLATE_NOOP("TableImportDialog", "Name"),
    "source": QT_TRANSLATE_NOOP("TableImportDialog", "Source"),
    "target": QT_TRANSLATE_NOOP("TableImportDialog", "Target"),
    "kind": QT_TRANSLATE_NOOP("TableImportDialog", "Kind"),
    "industry": QT_TRANSLATE_NOOP("TableImportDialog", "Industry"),
    "ecosystems": QT_TRANSLATE_NOOP("TableImportDialog", "Ecosystems"),
    "demand": QT_TRANSLATE_NOOP("TableImportDialog", "Demand"),
    "volume": QT_TRANSLATE_NOOP("TableImportDialog", "Volume"),
    "unit_value": QT_TRANSLATE_NOOP("TableImportDialog", "Unit value"),
    "risk": QT_TRANSLATE_NOOP("TableImportDialog", "Risk"),
    "revenue": QT_TRANSLATE_NOOP("TableImportDialog", "Revenue"),
    "capability": QT_TRANSLATE_NOOP("TableImportDialog", "Capability"),
    "standalone_cost": QT_TRANSLATE_NOOP("TableImportDialog", "Standalone cost"),
    "label": QT_TRANSLATE_NOOP("TableImportDialog", "Label"),
    "notes": QT_TRANSLATE_NOOP("TableImportDialog", "Notes"),
    "x": QT_TRANSLATE_NOOP("TableImportDialog", "X position"),
    "y": QT_TRANSLATE_NOOP("TableImportDialog", "Y position"),
    "color": QT_TRANSLATE_NOOP("TableImportDialog", "Colour"),
    "note": QT_TRANSLATE_NOOP("TableImportDialog", "Keep in notes"),
    "skip": QT_TRANSLATE_NOOP("TableImportDialog", "Leave out"),
}

#: What a role does, shown as the tooltip of its entry.
ROLE_TIPS: dict[str, str] = {
    "id": QT_TRANSLATE_NOOP("TableImportDialog", "The row's identifier; edges refer to nodes by it"),
    "notes": QT_TRANSLATE_NOOP("TableImportDialog", "The text becomes the notes of the object"),
    "note": QT_TRANSLATE_NOOP("TableImportDialog", "Kept in the notes as “column: value”"),
    "skip": QT_TRANSLATE_NOOP("TableImportDialog", "The column is not imported"),
}


def role_label(role: str) -> str:
    """The readable name of ``role`` in the UI language (unknown roles as they are)."""
    text = ROLE_LABELS.get(role)
    return QCoreApplication.translate("TableImportDialog", text) if text else role


def role_order(roles: tuple[str, ...]) -> list[str]:
    """``roles`` in the order of the menu: the fields first (as :data:`ROLE_LABELS` lists them),
    then "keep in notes" and "leave out"."""
    known = [r for r in ROLE_LABELS if r in roles]
    return known + [r for r in roles if r not in ROLE_LABELS]


def _fill_roles(combo: QComboBox, roles: list[str]) -> None:
    for role in roles:
        combo.addItem(role_label(role), role)
        tip = ROLE_TIPS.get(role)
        if tip:
            combo.setItemData(combo.count() - 1, QCoreApplication.translate("TableImportDialog", tip),
                              Qt.ItemDataRole.ToolTipRole)


class TablePreviewWidget(QWidget):
    """The first :data:`PREVIEW_ROWS` rows of one table with a role combo box above each column.
    ``mapping_changed`` is emitted when the user changes a role."""

    mapping_changed = Signal()

    def __init__(self, kind: str, roles: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"{kind}_preview")
        self.roles = role_order(roles)
        self.source: Any = None
        self.guess: dict[str, str] = {}
        self.mapping: dict[str, str] = {}
        self.combos: list[QComboBox] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)

        self.remembered = plain_label(QLabel(self))
        self.remembered.setObjectName("remembered")
        self.remembered.setWordWrap(True)
        self.remembered.hide()
        layout.addWidget(self.remembered)

        self.table = QTableWidget(self)
        self.table.setObjectName("preview")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setTabKeyNavigation(False)  # Tab leaves the grid; the arrows move in it
        self.table.currentCellChanged.connect(self._on_table_current_changed)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.column_label = plain_label(QLabel(self))
        self.column_role = QComboBox(self)
        self.column_role.setObjectName("column_role")
        _fill_roles(self.column_role, self.roles)
        self.column_role.setToolTip(self.tr("The role of the column the cursor is in (←/→ in the grid choose the column)"))
        self.column_label.setBuddy(self.column_role)
        self.column_role.activated.connect(self._on_column_role_activated)
        row.addWidget(self.column_label)
        row.addWidget(self.column_role)
        row.addStretch(1)
        self.rows_note = plain_label(QLabel(self))
        self.rows_note.setObjectName("rows_note")
        row.addWidget(self.rows_note)
        layout.addLayout(row)
        self.set_source(None, {}, {})

    # content --------------------------------------------------------------------------
    def set_source(self, source: Any, guess: Mapping[str, str], mapping: Mapping[str, str],
                   remembered: bool = False) -> None:
        """Show ``source`` (a ``TableSource`` or None) with ``mapping`` (column → role);
        ``guess`` is what "Reset to guess" goes back to."""
        self.source = source
        self.guess = dict(guess)
        self.mapping = {c: mapping.get(c, self.guess.get(c, "note")) for c in (source.header if source else ())}
        self.table.clear()
        self.combos = []
        header = list(source.header) if source is not None else []
        rows = list(source.rows[:PREVIEW_ROWS]) if source is not None else []
        self.table.setColumnCount(len(header))
        self.table.setRowCount(1 + len(rows) if header else 0)
        self.table.setHorizontalHeaderLabels(header)
        self.table.setVerticalHeaderLabels([self.tr("Role"), *(str(i + 2) for i in range(len(rows)))])
        for c, name in enumerate(header):
            combo = QComboBox(self.table)
            combo.setObjectName(f"role_{c}")
            combo.setAccessibleName(self.tr("Role of column {0}").format(name))
            _fill_roles(combo, self.roles)
            combo.currentIndexChanged.connect(lambda _i, col=c: self._on_combo_changed(col))
            self.table.setCellWidget(0, c, combo)
            self.combos.append(combo)
            for r, values in enumerate(rows, start=1):
                text = values[c] if c < len(values) else ""
                item = QTableWidgetItem(text)
                if len(text) > 40:
                    item.setToolTip(plain(text))
                self.table.setItem(r, c, item)
        chain = [self.table, *self.combos, self.column_role]  # Tab: the grid, its role boxes, the role below
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._show_mapping()
        self.table.resizeColumnsToContents()
        for c, combo in enumerate(self.combos):
            width = max(combo.sizeHint().width() + 8, min(self.table.columnWidth(c) + 12, 260))
            self.table.setColumnWidth(c, width)
        self.table.setRowHeight(0, max(self.table.rowHeight(0), self.combos[0].sizeHint().height() + 4)
                                if self.combos else self.table.rowHeight(0))
        total = len(source.rows) if source is not None else 0
        self.rows_note.setText(self.tr("Showing the first {0} of {1} rows").format(len(rows), f"{total:,}")
                               if total > len(rows) else "")
        self.remembered.setText(self.tr("The roles are the ones you chose last time for these columns "
                                        "(“Reset to Guess” goes back to the guess)."))
        self.remembered.setVisible(remembered)
        if header:
            self.table.setCurrentCell(1 if rows else 0, 0)
        self._on_table_current_changed(self.table.currentRow(), self.table.currentColumn(), -1, -1)

    def set_mapping(self, mapping: Mapping[str, str]) -> None:
        """Show ``mapping`` (e.g. the guess again) and tell the dialog."""
        for column in self.mapping:
            self.mapping[column] = mapping.get(column, self.mapping[column])
        self._show_mapping()
        self.remembered.hide()
        self.mapping_changed.emit()

    def set_role(self, column: str, role: str) -> None:
        """Give ``column`` the role ``role`` (as the user would with its combo box)."""
        if self.source is None or column not in self.mapping:
            raise KeyError(column)
        self.combos[list(self.source.header).index(column)].setCurrentIndex(self.roles.index(role))

    def role_combo(self, column: str) -> QComboBox:
        """The combo box above ``column``."""
        return self.combos[list(self.source.header).index(column)]

    def shown_roles(self) -> dict[str, str]:
        """Column → the role its combo box shows."""
        header = list(self.source.header) if self.source is not None else []
        return {name: str(self.combos[c].currentData()) for c, name in enumerate(header)}

    def mark_problems(self, places: dict[tuple[int, str | None], str]) -> None:
        """Tint the cells (file row, column; a whole row when the column is None) that
        ``places`` names, with the problem as their tooltip; every other cell untinted."""
        if self.source is None:
            return
        header = list(self.source.header)
        tint = QBrush(QColor(230, 60, 60, 70))  # readable on light and dark themes
        for r in range(1, self.table.rowCount()):
            file_row = r + 1  # the header is the file's row 1
            for c, name in enumerate(header):
                item = self.table.item(r, c)
                if item is None:
                    continue
                text = places.get((file_row, name)) or places.get((file_row, None))
                item.setBackground(tint if text else QBrush())
                long_text = item.text() if len(item.text()) > 40 else ""
                item.setToolTip(plain(text or long_text))

    def go_to(self, row: int, column: str | None) -> bool:
        """Put the cursor on file row ``row`` (and ``column``) if the preview shows it."""
        if self.source is None or not 2 <= row < 2 + self.table.rowCount() - 1:
            return False
        c = list(self.source.header).index(column) if column in self.source.header else 0
        self.table.setCurrentCell(row - 1, c)
        self.table.setFocus()
        return True

    # display ----------------------------------------------------------------------------
    def _show_mapping(self) -> None:
        if self.source is None:
            return
        for c, name in enumerate(self.source.header):
            role = self.mapping[name]
            combo = self.combos[c]
            with QSignalBlocker(combo):
                combo.setCurrentIndex(self.roles.index(role) if role in self.roles else self.roles.index("note"))
            self._style_column(c, role)
        self._sync_column_role()

    def _style_column(self, c: int, role: str) -> None:
        """A column left out is drawn greyed; one kept in notes in italics."""
        grey = self.palette().brush(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        normal = QBrush()
        font = QFont(self.table.font())
        font.setItalic(role == "note")
        font.setStrikeOut(role == "skip")
        for r in range(1, self.table.rowCount()):
            item = self.table.item(r, c)
            if item is not None:
                item.setForeground(grey if role == "skip" else normal)
                item.setFont(font)

    def _current_column_name(self) -> str | None:
        c = self.table.currentColumn()
        if self.source is None or not 0 <= c < len(self.source.header):
            return None
        return str(self.source.header[c])

    def _sync_column_role(self) -> None:
        name = self._current_column_name()
        self.column_role.setEnabled(name is not None)
        self.column_label.setText(self.tr("&Role of column “{0}”:").format(name) if name is not None
                                  else self.tr("&Role of column:"))
        if name is not None:
            with QSignalBlocker(self.column_role):
                self.column_role.setCurrentIndex(self.roles.index(self.mapping[name])
                                                 if self.mapping[name] in self.roles else self.roles.index("note"))

    # reactions --------------------------------------------------------------------------
    def _on_table_current_changed(self, row: int, column: int, old_row: int, old_column: int) -> None:
        self._sync_column_role()

    def _on_combo_changed(self, c: int) -> None:
        if self.source is None:
            return
        name = str(self.source.header[c])
        role = str(self.combos[c].currentData())
        if self.mapping.get(name) == role:
            return
        self.mapping[name] = role
        self._style_column(c, role)
        self._sync_column_role()
        self.remembered.hide()
        self.mapping_changed.emit()

    def _on_column_role_activated(self, index: int) -> None:
        c = self.table.currentColumn()
        if 0 <= c < len(self.combos):
            self.combos[c].setCurrentIndex(index)
