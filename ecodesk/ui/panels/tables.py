"""UI layer: result tables of the analysis panel — a read-only model over rows of the
analysis JSON, and a view that copies (tab-separated), saves CSV (UTF-8 with BOM, so Excel
opens Chinese names correctly) and keeps its rows in step with the canvas selection.

The model keeps the engine's numbers untouched under :data:`RAW_ROLE` (display text is
formatted); sorting uses the raw values. Each row may name the entities it is about
(``_ids``, for highlighting when they are selected on the canvas) and what selecting it
selects (``_select``, default ``_ids``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSignalBlocker,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QHeaderView, QMenu, QTableView, QWidget

from ecodesk.io.textsafe import neutralise_rows
from ecodesk.numfmt import format_value
from ecodesk.ui.plaintext import plain

RAW_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex

#: Colour of a cell: ``fn(row) -> QColor | None`` (background) for one column.
CellColour = Callable[[dict[str, Any]], QColor | None]


@dataclass
class Column:
    key: str
    title: str
    kind: str = "text"  # text, money, number, int, percent
    tooltip: str = ""
    background: CellColour | None = None
    foreground: CellColour | None = None
    #: Display text override: ``fn(row) -> str``.
    text: Callable[[dict[str, Any]], str] | None = None
    #: Whether CSV and the clipboard include the column (not for button columns).
    export: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


class ResultTableModel(QAbstractTableModel):
    """Rows of one result table; read-only."""

    def __init__(self, columns: list[Column] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.columns: list[Column] = list(columns or [])
        self.rows: list[dict[str, Any]] = []

    def set_columns(self, columns: list[Column]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self.endResetModel()

    def set_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    # reading (tests, export) ----------------------------------------------------------------
    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def raw(self, row: int, key: str) -> Any:
        return self.rows[row].get(key)

    def values(self, key: str) -> list[Any]:
        return [r.get(key) for r in self.rows]

    def row_ids(self, row: int) -> list[str]:
        return list(self.rows[row].get("_ids") or ())

    def display(self, row: int, col: int) -> str:
        c, r = self.columns[col], self.rows[row]
        if c.text is not None:
            return c.text(r)
        return format_value(c.kind, r.get(c.key))

    def table_text(self, rows: Iterable[int] | None = None, sep: str = "\t") -> str:
        """Header and rows: numbers as the engine computed them (no separators), the rest as
        shown. Tab-separated for the clipboard, comma-separated (quoted) for CSV."""
        cols = [(ci, c) for ci, c in enumerate(self.columns) if c.export]
        table = [[c.title for _ci, c in cols]]
        for r in (range(len(self.rows)) if rows is None else rows):
            out = []
            for ci, c in cols:
                v = self.rows[r].get(c.key)
                if c.kind != "text" and c.text is None and isinstance(v, (int, float)) and not isinstance(v, bool):
                    out.append(repr(float(v)) if isinstance(v, float) else str(v))
                else:
                    out.append(self.display(r, ci))
            table.append(out)
        if sep == "\t":
            return "".join("\t".join(t.replace("\t", " ").replace("\n", " ") for t in line) + "\n" for line in table)
        buf = io.StringIO()
        csv.writer(buf, delimiter=sep, lineterminator="\r\n").writerows(neutralise_rows(table))  # no formulas run
        return buf.getvalue()

    def save_csv(self, path: str | Path) -> None:
        """CSV in UTF-8 with a byte-order mark (Excel then reads Chinese correctly)."""
        Path(path).write_text(self.table_text(sep=","), encoding="utf-8-sig", newline="")

    # Qt ----------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            c = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return c.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return c.tooltip or c.title
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(index.row(), index.column())
        if role == RAW_ROLE:
            v = r.get(c.key)
            return v if v is not None else (float("-inf") if c.kind != "text" else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and c.kind != "text":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and c.background is not None:
            return c.background(r)
        if role == Qt.ItemDataRole.ForegroundRole and c.foreground is not None:
            return c.foreground(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = r.get(f"_tip_{c.key}") or r.get("_tip")
            return plain(tip) if tip else None  # tips quote names: shown as text
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class _RawSortProxy(QSortFilterProxyModel):
    def lessThan(self, left: _Index, right: _Index) -> bool:
        a, b = left.data(RAW_ROLE), right.data(RAW_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


class ResultTableView(QTableView):
    """A result table: sortable, copyable, exportable; its selection follows the canvas."""

    #: The user selected rows (argument: the ids to select in the document).
    rows_selected = Signal(list)

    def __init__(self, model: ResultTableModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.result_model = model
        self.export_name = name
        self.proxy = _RawSortProxy(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(22)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setSortIndicatorShown(True)
        self.setSortingEnabled(True)
        self.proxy.sort(-1)  # the engine's order until the user sorts
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.horizontalHeader().setResizeContentsPrecision(60)  # measure the first rows only
        self._sized_for: tuple[object, ...] | None = None
        self._syncing = False
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)
        model.modelReset.connect(self._on_model_reset)

    def _on_model_reset(self) -> None:
        """Fit the columns to their contents once per set of columns (a refresh keeps the
        widths the user chose, and costs nothing on a thousand rows)."""
        key = (*(c.title for c in self.result_model.columns), bool(self.result_model.rows))
        if key == self._sized_for:
            return
        self._sized_for = key
        self.resizeColumnsToContents()
        for i in range(self.result_model.columnCount()):
            self.setColumnWidth(i, min(max(self.columnWidth(i), 60), 260))

    # selection ---------------------------------------------------------------------------------
    def selected_source_rows(self) -> list[int]:
        rows = {self.proxy.mapToSource(i).row() for i in self.selectionModel().selectedRows()}
        return sorted(rows)

    def _on_selection_changed(self, *args: Any) -> None:
        if self._syncing:
            return
        ids: list[str] = []
        for r in self.selected_source_rows():
            row = self.result_model.rows[r]
            ids += list(row.get("_select") or row.get("_ids") or ())
        if ids:
            self.rows_selected.emit(list(dict.fromkeys(ids)))

    def select_source_row(self, row: int) -> None:
        """Select one row as a click would (tests and keyboard navigation)."""
        index = self.proxy.mapFromSource(self.result_model.index(row, 0))
        self.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                     | QItemSelectionModel.SelectionFlag.Rows)
        self.setCurrentIndex(index)

    def highlight(self, ids: Iterable[str]) -> None:
        """Select the rows about any of ``ids`` (from the canvas) without echoing back."""
        wanted = set(ids)
        sel = QItemSelection()
        first = None
        model = self.result_model
        for r, row in enumerate(model.rows):
            if wanted.intersection(row.get("_ids") or ()):
                left = self.proxy.mapFromSource(model.index(r, 0))
                right = self.proxy.mapFromSource(model.index(r, max(0, model.columnCount() - 1)))
                sel.select(left, right)
                first = first or left
        self._syncing = True
        try:
            with QSignalBlocker(self.selectionModel()):
                self.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.viewport().update()
            if first is not None:
                self.scrollTo(first, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    # copy / export ---------------------------------------------------------------------------------
    def copy_selection(self) -> str:
        rows = self.selected_source_rows() or None
        text = self.result_model.table_text(rows)
        QApplication.clipboard().setText(text)
        return text

    def save_csv_dialog(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Table as CSV"), f"{self.export_name}.csv",
                                              self.tr("CSV files (*.csv)"))
        if not path:
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
        self.result_model.save_csv(path)
        return path

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Copy Selected Rows"), self.copy_selection).setEnabled(
            bool(self.selected_source_rows()))
        menu.addAction(self.tr("Copy Table"), lambda: QApplication.clipboard().setText(
            self.result_model.table_text()))
        menu.addAction(self.tr("Save Table as CSV…"), self.save_csv_dialog)
        menu.exec(event.globalPos())
