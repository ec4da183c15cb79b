"""UI layer: one QAbstractTableModel per model collection, and the delegate that edits it.

The table follows the collection's own signals — ``added`` / ``removed`` become row
insertions and removals, ``changed`` a ``dataChanged`` of one row — so large tables never
reset on an edit. It keeps its own list of objects so that Qt can still ask about a row
while it is being removed. ``setData`` never writes to the model: it builds a
:class:`ChangeObject` (see :mod:`ecodesk.commands.editrules`) and pushes it through the
Document; a refusal is announced with ``refused(sentence)`` (the model's sentence in the UI
language, naming the field by its label) and the cell keeps its value — text is read by the
engine's edit rules ("1万", "15%" where the field allows), never clamped; ``accepted`` follows
a valid edit, so the page can take the refusal away.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate, QWidget

from ecodesk import numfmt
from ecodesk.commands.editrules import change_command
from ecodesk.model import Bindings, Entity, EntityKind, Flow, FlowKind, ModelObject, Pool, PoolRule, PoolType, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.model.kinds import RULES_BY_TYPE, LabelledEnum
from ecodesk.model.ranges import format_ranges
from ecodesk.ui.canvas.style import entity_base_color
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import enum_label, error_text, field_label
from ecodesk.ui.plaintext import plain

#: Role giving a value to sort by (numbers as numbers, text case-folded).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role giving the object id of a row.
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: a model field (or a computed one) and how it is shown and edited."""

    field: str
    kind: str = "text"  # text | number | optional | enum | ref | refs | computed | ranges
    enum: type[LabelledEnum] | None = None
    ref: str = ""  # collection a ref/refs column points into
    editable: bool = True


COLUMNS: dict[str, list[Column]] = {
    "entities": [
        Column("id", editable=False), Column("name"), Column("kind", "enum", EntityKind), Column("color"),
        Column("industry"), Column("ecosystems", "refs", ref="ecosystems"), Column("demand", "number"),
        Column("risk", "number"), Column("revenue", "optional"), Column("ranges", "ranges"), Column("notes"),
    ],
    "flows": [
        Column("id", editable=False), Column("source", "ref", ref="entities"),
        Column("target", "ref", ref="entities"), Column("kind", "enum", FlowKind), Column("label"),
        Column("volume", "number"),
        Column("unit_value", "number"), Column("value", "computed", editable=False), Column("risk", "number"),
        Column("capability", "ref", ref="capabilities"), Column("standalone_cost", "optional"),
        Column("ranges", "ranges"), Column("notes"),
    ],
    "capabilities": [
        Column("id", editable=False), Column("name"), Column("category"), Column("owner", "ref", ref="entities"),
        Column("fixed_cost", "number"), Column("unit_cost", "number"), Column("capacity", "optional"),
        Column("ranges", "ranges"),
    ],
    "needs": [
        Column("id", editable=False), Column("entity", "ref", ref="entities"), Column("category"),
        Column("volume", "number"), Column("standalone_cost", "number"), Column("ranges", "ranges"),
    ],
    "pools": [
        Column("id", editable=False), Column("name"), Column("type", "enum", PoolType), Column("amount", "number"),
        Column("rule", "enum", PoolRule), Column("members", "refs", ref="entities"),
        Column("scale_exponent", "number"), Column("ranges", "ranges"),
    ],
    "ecosystems": [
        Column("id", editable=False), Column("name"), Column("color"),
        Column("member_count", "computed", editable=False),
    ],
}

#: Collections each table shows names from (their edits refresh the ref columns).
_REFERENCED = {"entities": ("ecosystems",), "flows": ("entities", "capabilities"),
               "capabilities": ("entities",), "needs": ("entities",), "pools": ("entities",),
               "ecosystems": ("entities",)}


def format_number(value: float | None) -> str:
    """Numbers as planners read them: the one convention of :func:`ecodesk.numfmt.number`
    (thousands separated, at most four decimals, a true minus sign)."""
    return numfmt.number(value)


def edit_number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.10g}"


class CollectionTableModel(QAbstractTableModel):
    """Rows = the objects of one collection of the shown scenario, in collection order."""

    #: An edit was refused (argument: the sentence to show).
    refused = Signal(str)
    #: An edit was accepted (a refusal shown before can go).
    accepted = Signal()

    def __init__(self, document: Document, collection: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.collection_name = collection
        self.columns = COLUMNS[collection]
        self.document: Document | None = None
        self.scenario: Scenario | None = None
        self._objs: list[ModelObject] = []
        self._rows: dict[str, int] | None = {}
        self._refs_pending = False
        self._document_bindings = Bindings()
        self._scenario_bindings = Bindings()
        # Qt may delete this model while its Python side lives on: stop the model calling it.
        self.destroyed.connect(self._scenario_bindings.clear)
        self.set_document(document)

    # wiring ----------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        self._document_bindings.clear()
        self.document = document
        self._document_bindings.connect(document.scenario_switched, self._on_document_scenario_switched)
        self._on_document_scenario_switched(document.scenario)

    def detach(self) -> None:
        """Stop listening to the model (the table is going away)."""
        self._document_bindings.clear()
        self._connect(None)

    def _connect(self, scenario: Scenario | None) -> None:
        b = self._scenario_bindings
        b.clear()
        self.scenario = scenario
        if scenario is not None:
            coll = getattr(scenario, self.collection_name)
            b.connect(coll.added, self._on_collection_added)
            b.connect(coll.removed, self._on_collection_removed)
            b.connect(coll.changed, self._on_collection_changed)
            for ref in _REFERENCED[self.collection_name]:
                rc = getattr(scenario, ref)
                for sig in (rc.added, rc.removed, rc.changed):
                    b.connect(sig, self._on_referenced_changed)

    def _on_document_scenario_switched(self, scenario: Scenario) -> None:
        self.beginResetModel()
        self._connect(scenario)
        self._objs = list(getattr(scenario, self.collection_name))
        self._rows = None
        self.endResetModel()

    def _on_collection_added(self, obj: ModelObject, index: int) -> None:
        index = max(0, min(index, len(self._objs)))
        self.beginInsertRows(QModelIndex(), index, index)
        self._objs.insert(index, obj)
        self._rows = None
        self.endInsertRows()

    def _on_collection_removed(self, obj: ModelObject, index: int) -> None:
        row = index if 0 <= index < len(self._objs) and self._objs[index].id == obj.id else self.row_of(obj.id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._objs[row]
        self._rows = None
        self.endRemoveRows()

    def _on_collection_changed(self, old: ModelObject, new: ModelObject) -> None:
        row = self.row_of(new.id)
        if row < 0:
            return
        self._objs[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _on_referenced_changed(self, *args: Any) -> None:
        """Names shown from other collections changed: refresh those columns once per burst
        (a move of 1,000 entities changes no name and costs nothing here)."""
        if len(args) == 2 and isinstance(args[0], ModelObject) and isinstance(args[1], ModelObject):
            old, new = args
            if getattr(old, "name", None) == getattr(new, "name", None) and \
                    getattr(old, "ecosystems", None) == getattr(new, "ecosystems", None):
                return
        if not self._refs_pending:
            self._refs_pending = True
            QTimer.singleShot(0, self, self._refresh_ref_columns)  # not after the model is gone

    def _refresh_ref_columns(self) -> None:
        self._refs_pending = False
        if not self._objs:
            return
        for c, col in enumerate(self.columns):
            if col.kind in ("ref", "refs", "computed"):
                self.dataChanged.emit(self.index(0, c), self.index(len(self._objs) - 1, c))

    # lookup ------------------------------------------------------------------------
    def row_of(self, obj_id: str) -> int:
        if self._rows is None:
            self._rows = {o.id: r for r, o in enumerate(self._objs)}
        return self._rows.get(obj_id, -1)

    def obj_at(self, row: int) -> ModelObject:
        return self._objs[row]

    def ids(self) -> list[str]:
        return [o.id for o in self._objs]

    def column_of(self, field: str) -> int:
        for c, col in enumerate(self.columns):
            if col.field == field:
                return c
        return -1

    # Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._objs)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return field_label(self.columns[section].field)
            if role == Qt.ItemDataRole.ToolTipRole:
                if self.columns[section].kind == "ranges":
                    return ranges_tooltip()
                return self.columns[section].field
        elif orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def _ref_label(self, coll: str, obj_id: str | None) -> str:
        if not obj_id or self.scenario is None:
            return ""
        obj = getattr(self.scenario, coll).get(obj_id)
        return (getattr(obj, "name", "") or obj_id) if obj is not None else obj_id

    def raw(self, obj: ModelObject, col: Column) -> Any:
        if col.field == "value":
            return obj.value if isinstance(obj, Flow) else None
        if col.field == "member_count":
            if self.scenario is None:
                return 0
            return sum(1 for e in self.scenario.entities if obj.id in e.ecosystems)
        return getattr(obj, col.field)

    def display(self, obj: ModelObject, col: Column) -> str:
        value = self.raw(obj, col)
        if col.kind in ("number", "optional") or col.field == "value":
            return format_number(value)
        if col.kind == "enum":
            return enum_label(value)
        if col.kind == "ref":
            return self._ref_label(col.ref, value)
        if col.kind == "refs":
            return ", ".join(self._ref_label(col.ref, v) for v in value)
        if col.kind == "ranges":
            return format_ranges(value)
        if col.field == "color" and isinstance(obj, Entity) and not value:
            return QCoreApplication.translate("CollectionTableModel", "Kind colour")
        return "" if value is None else str(value)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._objs):
            return None
        obj = self._objs[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(obj, col)
        if role == Qt.ItemDataRole.EditRole:
            value = self.raw(obj, col)
            if col.kind in ("number", "optional"):
                return edit_number(value)
            if col.kind == "enum":
                return str(value)
            if col.kind == "refs":
                return ", ".join(self._ref_label(col.ref, v) for v in value)
            if col.kind == "ranges":
                return format_ranges(value)
            return "" if value is None else value
        if role == SORT_ROLE:
            value = self.raw(obj, col)
            if col.kind in ("number", "optional") or col.field in ("value", "member_count"):
                return -math.inf if value is None else float(value)
            return self.display(obj, col).casefold()
        if role == ID_ROLE:
            return obj.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in ("number", "optional", "computed"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col.kind == "ref":
                value = self.raw(obj, col)
                return plain(f"{self.display(obj, col)} ({value})") if value else None
            if col.kind == "ranges":
                text = self.display(obj, col)
                return plain(text.replace(";", "\n")) if text else ranges_tooltip()
            return plain(self.display(obj, col)) if col.field in ("notes", "label") else None
        if role == Qt.ItemDataRole.DecorationRole and col.field == "color":
            value = self.raw(obj, col)
            if not value and isinstance(obj, Entity):
                return entity_base_color(obj.kind)  # the colour it is drawn in
            return QColor(value) if value and QColor.isValidColorName(value) else None
        if role == Qt.ItemDataRole.ForegroundRole and col.field == "color" and isinstance(obj, Entity) \
                and not obj.color:
            return QColor(Qt.GlobalColor.gray)  # "Kind colour": a hint, not a value
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.document is None:
            return False
        col = self.columns[index.column()]
        if not col.editable:
            return False
        obj = self._objs[index.row()]
        error = self.set_field(obj, col.field, value)
        if error:
            self.refused.emit(error)
            return False
        self.accepted.emit()
        return True

    def set_field(self, obj: ModelObject, field: str, value: Any) -> str:
        """Push the change of one field; returns the refusal sentence, '' on success."""
        assert self.document is not None and self.scenario is not None
        try:
            cmd = change_command(self.scenario, obj, field, value)
        except EcodeskError as exc:
            return error_text(exc)
        if cmd.new == obj:
            return ""
        refusal = self.document.attempt(cmd)
        return error_text(refusal) if refusal else ""

    def choices(self, col: Column, obj: ModelObject | None = None) -> list[tuple[str, Any]]:
        """(label, value) pairs offered for an enum or ref column."""
        if col.kind == "enum" and col.enum is not None:
            members = list(col.enum)
            if col.enum is PoolRule and isinstance(obj, Pool):
                members = list(RULES_BY_TYPE[obj.type])
            return [(m.label(_lang()), m.value) for m in members]
        if col.kind == "ref" and self.scenario is not None:
            coll = getattr(self.scenario, col.ref)
            items = list(coll)
            if col.field == "capability" and isinstance(obj, Flow):
                items = [c for c in items if c.owner == obj.source] or items
            out: list[tuple[str, Any]] = [(f"{getattr(o, 'name', '') or o.id}  ({o.id})", o.id) for o in items]
            if col.field == "capability":
                out.insert(0, ("—", ""))
            return out
        return []

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._objs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._objs) - 1, len(self.columns) - 1))


def ranges_tooltip() -> str:
    """What the Ranges column holds and how to type it."""
    return QCoreApplication.translate(
        "CollectionTableModel",
        "Ranges for uncertainty analysis: field=low..high, separated by “;”, e.g. "
        "volume=80..120;risk=5%..20%. Each value must lie within its range. Empty: no ranges.")


def _lang() -> str:
    from ecodesk.ui.i18n import current_language

    return current_language()


class CollectionProxyModel(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE` and filters every column, case-insensitively."""

    def __init__(self, source: CollectionTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setDynamicSortFilter(True)


class CollectionDelegate(QStyledItemDelegate):
    """Combo boxes for kinds and references, a free-text line for everything else (so a
    refused value can be explained instead of silently clamped)."""

    def __init__(self, model: CollectionTableModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.table_model = model

    def _source(self, index: _Index) -> QModelIndex:
        model = index.model()
        if isinstance(model, QSortFilterProxyModel):
            return model.mapToSource(index)
        return QModelIndex(index) if isinstance(index, QModelIndex) else self.table_model.index(index.row(), index.column())

    def createEditor(self, parent: QWidget, option: Any, index: _Index) -> QWidget:
        src = self._source(index)
        col = self.table_model.columns[src.column()]
        if col.kind in ("enum", "ref"):
            combo = QComboBox(parent)
            for label, value in self.table_model.choices(col, self.table_model.obj_at(src.row())):
                combo.addItem(label, value)
            return combo
        edit = QLineEdit(parent)
        if col.kind in ("number", "optional"):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        if col.kind == "ranges":
            edit.setToolTip(ranges_tooltip())  # the form, while typing it
        return edit

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            at = editor.findData(value if value is not None else "")
            editor.setCurrentIndex(max(0, at))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: Any, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
