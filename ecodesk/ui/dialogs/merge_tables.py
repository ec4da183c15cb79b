"""UI layer: the two tables of File → Merge Projects… — the conflicts, each with its Base/Other
choice, and the entities matched by name — filled from :class:`ecodesk.io.merge.MergeReport`.

:class:`ConflictsWidget` lists a conflict per row (scenario, object as "name [id]", field,
base value, other value, and a Base/Other choice starting at the side the merge kept) with
"All Base" / "All Other" above; it only *reports* choices (``choice_changed``,
``all_chosen``): the dialog works the merge out again with them. A conflict of an object
deleted on one side offers the same choice: the side that deleted it deletes it, unless
something kept still links to it (then it stays: a flow never loses an end).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.ui.plaintext import plain, plain_label

#: A conflict's key: (scenario, table, id, field), as the engine's ``choices`` take it.
Key = tuple[str, str, str, str]
SIDES = ("base", "other")


@dataclass(frozen=True)
class ConflictRow:
    """One conflict as the table shows it (texts already in the UI language)."""

    key: Key
    scenario: str
    obj: str
    field: str
    base: str
    other: str
    kept: str
    choosable: bool = True
    tip: str = ""


class ConflictsWidget(QWidget):
    """The conflicts table with a Base/Other choice per row (see the module docstring)."""

    #: The user picked a side for one conflict: (key, "base" | "other").
    choice_changed = Signal(object, str)
    #: "All Base" / "All Other": ("base" | "other").
    all_chosen = Signal(str)

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ConflictRow] = []
        self.note = plain_label(QLabel(self))
        self.note.setObjectName("merge_conflicts_note")
        self.note.setWordWrap(True)
        self.all_base = QPushButton(self)
        self.all_base.setObjectName("merge_all_base")
        self.all_other = QPushButton(self)
        self.all_other.setObjectName("merge_all_other")
        self.all_base.clicked.connect(lambda: self.all_chosen.emit("base"))
        self.all_other.clicked.connect(lambda: self.all_chosen.emit("other"))
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("merge_conflicts")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setStretchLastSection(False)
        for col, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Interactive,
                                    QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                    QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents)):
            head.setSectionResizeMode(col, mode)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.all_base)
        top.addWidget(self.all_other)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.all_base.setText(self.tr("All &Base"))
        self.all_base.setToolTip(self.tr("Keep the open project's value in every conflict"))
        self.all_other.setText(self.tr("All &Other"))
        self.all_other.setToolTip(self.tr("Keep the other file's value in every conflict"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Scenario"), self.tr("Object"), self.tr("Field"), self.tr("Base (open project)"),
            self.tr("Other"), self.tr("Keep")])
        self.set_rows(self.rows)

    def side_text(self, side: str) -> str:
        return self.tr("Base") if side == "base" else self.tr("Other")

    def set_rows(self, rows: list[ConflictRow]) -> None:
        """Show ``rows`` (the choices start at each row's ``kept``)."""
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate((row.scenario, row.obj, row.field, row.base, row.other)):
                item = QTableWidgetItem(text)
                item.setToolTip(plain(row.tip or text))
                self.table.setItem(r, c, item)
            box = QComboBox(self.table)
            box.setObjectName(f"merge_keep_{r}")
            for side in SIDES:
                box.addItem(self.side_text(side), side)
            box.setCurrentIndex(SIDES.index(row.kept) if row.kept in SIDES else 0)
            box.setEnabled(row.choosable)
            if row.tip:
                box.setToolTip(plain(row.tip))
            box.currentIndexChanged.connect(lambda i, k=row.key: self.choice_changed.emit(k, SIDES[i]))
            self.table.setCellWidget(r, 5, box)
        self.all_base.setEnabled(bool(self.rows))
        self.all_other.setEnabled(bool(self.rows))
        if self.rows:
            self.table.resizeColumnToContents(1)
            self.table.setColumnWidth(1, min(self.table.columnWidth(1), 260))
        self.note.setText(self.tr("Pick the value to keep in each conflict; the merge is checked again at once.")
                          if self.rows else self.tr("No conflicts."))

    def kept(self, row: int) -> str:
        """The side chosen in ``row`` ("base" / "other")."""
        box = self.table.cellWidget(row, 5)
        assert isinstance(box, QComboBox)
        return str(box.currentData())

    def choose(self, row: int, side: str) -> None:
        """Pick ``side`` in ``row`` as the user does (the choice box)."""
        box = self.table.cellWidget(row, 5)
        assert isinstance(box, QComboBox)
        box.setCurrentIndex(SIDES.index(side))

    def row_of(self, table: str, obj_id: str, fld: str) -> int:
        for i, row in enumerate(self.rows):
            if row.key[1:] == (table, obj_id, fld):
                return i
        raise LookupError((table, obj_id, fld))


class MatchesWidget(QTableWidget):
    """The entities matched by name and kind: the open project's "name [id]" beside the other
    file's id whose references now point to it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("merge_matches")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pairs: list[tuple[str, str]] = []
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("In the open project"), self.tr("In the other file (now the same)")])

    def set_pairs(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = list(pairs)
        self.setRowCount(len(pairs))
        for r, (base, other) in enumerate(pairs):
            for c, text in enumerate((base, other)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(r, c, item)
