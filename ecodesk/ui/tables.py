"""UI layer: the Tables dock — every collection of the shown scenario as a sortable,
filterable, editable spreadsheet.

Each tab is a :class:`CollectionPageWidget` (filter line, table, add/delete buttons, an
inline message line). Row selection and ``document.selection`` follow each other both
ways; bulk edits ("Set value for selected…") are one undo step (``history.macro``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.commands import remove_objects
from ecodesk.commands.editrules import SET_FOR_SELECTED, change_command, new_object
from ecodesk.model import Bindings
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import current_language, error_text, field_label
from ecodesk.ui.plaintext import plain_label
from ecodesk.ui.tablemodels import ID_ROLE, CollectionDelegate, CollectionProxyModel, CollectionTableModel

#: The tabs, in order: collection name and the kind of object it holds.
PAGES = (("entities", "entity"), ("flows", "flow"), ("capabilities", "capability"), ("needs", "need"),
         ("pools", "pool"), ("ecosystems", "ecosystem"))


class CollectionPageWidget(QWidget):
    """One collection: filter, table, buttons and an inline refusal message."""

    #: A message for the status bar.
    status_message = Signal(str)

    def __init__(self, document: Document, collection: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.collection, self.what = collection, what
        self.document = document
        self._syncing = False
        self.model = CollectionTableModel(document, collection, self)
        self.proxy = CollectionProxyModel(self.model, self)
        self.model.refused.connect(self._show_error)
        self.model.accepted.connect(self._on_model_accepted)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "hint")
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.add_row)
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.bulk_button = QPushButton(self)
        self.bulk_button.clicked.connect(self.ask_value_for_selected)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(CollectionDelegate(self.model, self.view))
        # Collection order until a header is clicked (and no sort of a big table on creation).
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(40)  # fit columns to the first rows, not all of them
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(110)
        self.view.setWordWrap(False)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)

        # No shortcut here: the window's Delete routes to the focused table (one owner per key).
        self.delete_action = QAction(self)
        self.delete_action.triggered.connect(self.delete_selected)
        self.bulk_action = QAction(self)
        self.bulk_action.triggered.connect(self.ask_value_for_selected)

        self.error_label = plain_label(QLabel(self))
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.add_button)
        top.addWidget(self.delete_button)
        top.addWidget(self.bulk_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error_label)
        # the proxy drops its rows before the table's own count changes (rowsAboutToBeRemoved):
        # the count follows both, so it reads the final figures after either
        for sig in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset, self.proxy.layoutChanged,
                    self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            sig.connect(self._update_count)
        self.proxy.modelReset.connect(self._fit_columns)
        self.retranslate()
        self._update_count()
        self._fit_columns()

    # wiring -------------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        self.document = document
        self.model.set_document(document)
        self.select_ids(document.selection)

    def retranslate(self) -> None:
        what = {"entities": self.tr("entities"), "flows": self.tr("flows"), "capabilities": self.tr("capabilities"),
                "needs": self.tr("needs"), "pools": self.tr("pools"), "ecosystems": self.tr("ecosystems")}
        self.filter_edit.setPlaceholderText(self.tr("Filter {0}…").format(what[self.collection]))
        self.filter_edit.setToolTip(self.tr("Show only rows containing this text (any column)"))
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add a row (defaults come from the selection)"))
        self.delete_button.setText(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected rows and what depends on them"))
        self.bulk_button.setText(self.tr("Set value…"))
        self.bulk_button.setToolTip(self.tr("Set the current column to one value for every selected row "
                                            "(one undo step)"))
        self.delete_action.setText(self.tr("Delete"))
        self.bulk_action.setText(self.tr("Set value for selected…"))
        self.bulk_action.setStatusTip(self.tr("Set one column to the same value for all selected rows"))
        self.model.retranslate()
        self._update_count()

    def _fit_columns(self) -> None:
        """Columns as wide as what they show (Qt samples the visible rows only), within bounds."""
        header = self.view.horizontalHeader()
        for c in range(self.model.columnCount() - 1):
            width = max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c))
            header.resizeSection(c, max(60, min(width + 12, 240)))

    def _update_count(self, *args: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(str(total) if shown == total else self.tr("{0} of {1}").format(shown, total))

    # selection -------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(ID_ROLE) for r in rows]

    def _on_view_selection_changed(self, *args: Any) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.document.set_selection(self.selected_ids())
        finally:
            self._syncing = False

    def select_ids(self, ids: list[str]) -> None:
        """Select the rows of ``ids`` (the document's selection) without echoing back."""
        if self._syncing:
            return
        self._syncing = True
        try:
            selection = QItemSelection()
            first: QModelIndex | None = None
            last_col = self.model.columnCount() - 1
            for obj_id in ids:
                row = self.model.row_of(obj_id)
                if row < 0:
                    continue
                left = self.proxy.mapFromSource(self.model.index(row, 0))
                if not left.isValid():
                    continue
                selection.select(left, self.proxy.index(left.row(), last_col))
                first = first or left
            sm = self.view.selectionModel()
            sm.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if first is not None:
                sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.view.scrollTo(first)
        finally:
            self._syncing = False

    # editing ------------------------------------------------------------------------
    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        if message:
            self.status_message.emit(message)
            QTimer.singleShot(8000, self, lambda m=message: self._clear_error(m))

    def _on_model_accepted(self) -> None:
        self._show_error("")

    def _clear_error(self, message: str) -> None:
        if self.error_label.text() == message:
            self._show_error("")

    def add_row(self) -> str | None:
        """Add a new object (defaults from the selection); returns its id, or None if refused."""
        scenario = self.document.scenario
        try:
            obj = new_object(scenario, self.what, self.document.selected_objects(), lang=current_language())
        except EcodeskError as exc:
            self._show_error(error_text(exc))
            return None
        from ecodesk.commands import AddObject

        error = self.document.attempt(AddObject(scenario, obj))
        if error:
            self._show_error(error_text(error))
            return None
        self._show_error("")
        self.filter_edit.clear()
        self.document.set_selection([obj.id])
        row = self.proxy.mapFromSource(self.model.index(self.model.row_of(obj.id), 1))
        self.view.setCurrentIndex(row)
        self.view.scrollTo(row)
        return obj.id

    def delete_selected(self) -> int:
        """Remove the selected rows (with everything attached) as one undo step."""
        scenario = self.document.scenario
        coll = getattr(scenario, self.collection)
        objs = [coll[i] for i in self.selected_ids() if i in coll]
        if not objs:
            return 0
        error = self.document.attempt(remove_objects(scenario, objs))
        if error:
            self._show_error(error_text(error))
            return 0
        self._show_error("")
        return len(objs)

    def current_field(self) -> str:
        index = self.view.currentIndex()
        if not index.isValid():
            return ""
        col = self.model.columns[self.proxy.mapToSource(index).column()]
        return col.field if col.editable else ""

    def set_value_for_selected(self, field: str, value: Any) -> bool:
        """Set ``field`` to ``value`` on every selected row as ONE undo step; all or nothing."""
        scenario = self.document.scenario
        coll = getattr(scenario, self.collection)
        objs = [coll[i] for i in self.selected_ids() if i in coll]
        if not objs:
            return False
        history = self.document.history
        try:
            with history.macro(SET_FOR_SELECTED, field=field, n=len(objs)):
                for obj in objs:
                    cmd = change_command(scenario, coll[obj.id], field, value)
                    if cmd.new != coll[obj.id]:
                        history.push(cmd)
        except EcodeskError as exc:
            self._show_error(error_text(exc))
            return False
        self._show_error("")
        return True

    def ask_value_for_selected(self) -> None:
        field = self.current_field()
        ids = self.selected_ids()
        if not field or not ids:
            self._show_error(self.tr("Select rows and click a cell of the column to set."))
            return
        col = self.model.columns[self.model.column_of(field)]
        title = self.tr("Set value for selected")
        prompt = (self.tr("{0} for the selected row:").format(field_label(field)) if len(ids) == 1 else
                  self.tr("{0} for {1} selected rows:").format(field_label(field), len(ids)))
        if col.kind in ("enum", "ref"):
            choices = self.model.choices(col, self.model.obj_at(self.model.row_of(ids[0])))
            labels = [c[0] for c in choices]
            label, ok = QInputDialog.getItem(self, title, prompt, labels, 0, False)
            if ok:
                self.set_value_for_selected(field, choices[labels.index(label)][1])
        else:
            current = self.model.index(self.model.row_of(ids[0]), self.model.column_of(field))
            text, ok = QInputDialog.getText(self, title, prompt, QLineEdit.EchoMode.Normal,
                                            str(current.data(Qt.ItemDataRole.EditRole) or ""))
            if ok:
                self.set_value_for_selected(field, text)

    def _show_context_menu(self, pos: Any) -> None:
        menu = QMenu(self)
        menu.addAction(self.bulk_action)
        menu.addAction(self.delete_action)
        self.bulk_action.setEnabled(len(self.selected_ids()) > 0 and bool(self.current_field()))
        menu.exec(self.view.viewport().mapToGlobal(pos))


class TablesWidget(QWidget):
    """The Tables dock's content: one tab per collection."""

    status_message = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.pages: dict[str, CollectionPageWidget] = {}
        for coll, what in PAGES:
            page = CollectionPageWidget(document, coll, what, self)
            page.status_message.connect(self.status_message)
            self.pages[coll] = page
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._bindings = Bindings()
        self._connect(document)
        self.retranslate()
        if document.selection:  # the window may build the tables after a selection
            self._on_document_selection_changed(document.selection)

    def _connect(self, document: Document) -> None:
        self._bindings.connect(document.selection_changed, self._on_document_selection_changed)

    def set_document(self, document: Document) -> None:
        self._bindings.clear()
        self.document = document
        for page in self.pages.values():
            page.set_document(document)
        self._connect(document)

    def detach(self) -> None:
        self._bindings.clear()
        for page in self.pages.values():
            page.model.detach()

    def page(self, collection: str) -> CollectionPageWidget:
        return self.pages[collection]

    def show_page(self, collection: str) -> None:
        self.tabs.setCurrentWidget(self.pages[collection])

    def _on_document_selection_changed(self, ids: list[str]) -> None:
        for page in self.pages.values():
            page.select_ids(ids)

    def retranslate(self) -> None:
        titles = {"entities": self.tr("Entities"), "flows": self.tr("Flows"), "capabilities": self.tr("Capabilities"),
                  "needs": self.tr("Needs"), "pools": self.tr("Pools"), "ecosystems": self.tr("Ecosystems")}
        for i, (coll, _what) in enumerate(PAGES):
            self.tabs.setTabText(i, titles[coll])
        for page in self.pages.values():
            page.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
