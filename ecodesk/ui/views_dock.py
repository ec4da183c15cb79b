"""UI layer: the Views dock — the project's saved views (the slides of a workshop
presentation, SPEC §2 View) in order, with their speaker notes.

Add Current View records what the canvas shows (scenario, visible area, colour mode, hidden
flow kinds, the analysis tab beside it); Update records it again into the selected view;
Go To (double-click, Enter) shows a view again; Rename (F2, in place), Delete, Move Up/Down
and dragging a row reorder and edit. Every change is one undo step (the commands of
:mod:`ecodesk.commands.views`, pushed on the document's history like any edit; typing the
notes is one step until the notes box loses the focus). A view whose scenario was deleted
is kept, greyed and marked "(scenario deleted)"; going to it says so. Present (F5) starts
the presentation (:mod:`ecodesk.ui.present`) from the selected view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QGridLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.commands.views import AddView, MoveView, RemoveView, new_view_id, rename_view, set_view_notes, update_view
from ecodesk.model import Bindings
from ecodesk.model.views import View
from ecodesk.ui.views_model import ViewListModel


class ViewsPanel(QWidget):
    """The Views dock's content over ``window`` (its document, canvas and analysis panel)."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("views_panel")
        self.window_ = window
        self.document: Any = None
        self._bindings = Bindings()
        self.destroyed.connect(self._bindings.clear)
        self.model = ViewListModel(self._rename, self._move, self)
        self._build()
        self.retranslate()

    # construction ------------------------------------------------------------------------
    def _build(self) -> None:
        lv = self.list = QListView(self)
        lv.setObjectName("views_list")
        lv.setModel(self.model)
        lv.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        lv.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        lv.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        lv.setDefaultDropAction(Qt.DropAction.MoveAction)
        lv.setDragEnabled(True)
        lv.setAcceptDrops(True)
        lv.setDropIndicatorShown(True)
        lv.setWordWrap(True)
        lv.doubleClicked.connect(lambda _index: self.go_to_selected())
        lv.selectionModel().currentChanged.connect(lambda *_a: self._on_current_changed())
        lv.installEventFilter(self)
        self.model.modelReset.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)
        self.add_button = self._button("views_add", self._add_and_name)
        self.update_button = self._button("views_update", self.update_selected)
        self.goto_button = self._button("views_goto", self.go_to_selected)
        self.rename_button = self._button("views_rename", self.rename_selected)
        self.delete_button = self._button("views_delete", self.delete_selected)
        self.up_button = self._button("views_up", lambda: self.move_selected(-1))
        self.down_button = self._button("views_down", lambda: self.move_selected(1))
        self.present_button = self._button("views_present", self.present)
        grid = QGridLayout()
        grid.setSpacing(3)
        for i, b in enumerate((self.add_button, self.update_button, self.goto_button, self.rename_button,
                               self.delete_button, self.present_button, self.up_button, self.down_button)):
            grid.addWidget(b, i // 2, i % 2)
        self.notes_label = QLabel(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("views_notes")
        self.notes.setTabChangesFocus(True)
        self.notes.textChanged.connect(self._on_notes_changed)
        self.notes.installEventFilter(self)
        self.notes_label.setBuddy(self.notes)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        lay.addWidget(lv, 3)
        lay.addLayout(grid)
        lay.addWidget(self.notes_label)
        lay.addWidget(self.notes, 2)

    def _button(self, name: str, slot: Any) -> QPushButton:
        b = QPushButton(self)
        b.setObjectName(name)
        b.clicked.connect(lambda _checked=False: slot())
        return b

    def retranslate(self) -> None:
        texts = (
            (self.add_button, self.tr("&Add Current View"), self.tr("Save what the canvas shows now as a new view")),
            (self.update_button, self.tr("&Update"), self.tr("Save what the canvas shows now into the selected view")),
            (self.goto_button, self.tr("&Go To"), self.tr("Show the selected view (double-click, Enter)")),
            (self.rename_button, self.tr("Re&name"), self.tr("Rename the selected view (F2)")),
            (self.delete_button, self.tr("&Delete"), self.tr("Delete the selected view (undoable)")),
            (self.present_button, self.tr("&Present"), self.tr("Present the views full screen from the selected one "
                                                               "(F5 presents from the first)")),
            (self.up_button, self.tr("Move &Up"), self.tr("Show the selected view earlier")),
            (self.down_button, self.tr("Move Do&wn"), self.tr("Show the selected view later")),
        )
        for button, text, tip in texts:
            button.setText(text)
            button.setToolTip(tip)
        self.notes_label.setText(self.tr("Speaker &notes (not shown to the audience):"))
        self.notes.setPlaceholderText(self.tr("What to say on this slide"))
        self.list.setToolTip(self.tr("The slides of the presentation, in order: drag to reorder"))
        dock = self.parentWidget()
        if isinstance(dock, QDockWidget):
            dock.setWindowTitle(self.tr("Views"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.layoutChanged.emit()  # the rows' words ("(scenario deleted)")
        super().changeEvent(event)

    # the document ------------------------------------------------------------------------------
    def set_document(self, document: Any) -> None:
        self._bindings.clear()
        self.document = document
        project = document.project if document is not None else None
        if project is not None:
            b = self._bindings
            for signal in (project.views_changed, project.scenario_added, project.scenario_removed,
                           project.scenario_renamed):
                b.connect(signal, self._on_project_views_changed)
        self.model.set_project(project)
        self._on_current_changed()

    def _on_project_views_changed(self, *args: Any) -> None:
        keep = self.selected_id()
        self.model.refresh()
        if keep is not None and self.selected_id() != keep:
            self.select_view(keep)
        self._show_notes()
        self._update_buttons()

    # selection --------------------------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.list.currentIndex()
        view = self.model.view_at(index.row()) if index.isValid() else None
        return view.id if view is not None else None

    def selected_view(self) -> View | None:
        index = self.list.currentIndex()
        return self.model.view_at(index.row()) if index.isValid() else None

    def select_view(self, view_id: str) -> None:
        row = self.model.row_of(view_id)
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _on_current_changed(self) -> None:
        if self.document is not None:
            self.document.history.break_merge()  # notes of another view: a new undo step
        self._show_notes()
        self._update_buttons()

    def _show_notes(self) -> None:
        view = self.selected_view()
        text = view.text if view is not None else ""
        if self.notes.toPlainText() != text:
            with QSignalBlocker(self.notes):
                self.notes.setPlainText(text)
        self.notes.setEnabled(view is not None)

    def _update_buttons(self, *args: Any) -> None:
        view = self.selected_view()
        row = self.list.currentIndex().row() if view is not None else -1
        for b in (self.update_button, self.goto_button, self.rename_button, self.delete_button):
            b.setEnabled(view is not None)
        self.goto_button.setEnabled(view is not None and not self.model.is_orphan(view))
        self.up_button.setEnabled(view is not None and row > 0)
        self.down_button.setEnabled(view is not None and row < self.model.rowCount() - 1)

    # edits (one undo step each) ----------------------------------------------------------------------
    def _push(self, command: Any) -> bool:
        return bool(self.document is not None and self.document.push(command))

    def add_current(self) -> View | None:
        """A new view of what the canvas shows, after the selected one (or last), selected."""
        from ecodesk.ui.views_apply import capture_view

        project = self.document.project
        n = len(project.views) + 1
        view = capture_view(self.window_, new_view_id(project), self.tr("View {0}").format(n))
        row = self.list.currentIndex().row()
        index = row + 1 if self.selected_view() is not None else None
        if not self._push(AddView(project, view, index)):
            return None
        self.select_view(view.id)
        self._status(self.tr("Saved the current view as “{0}”").format(view.title))
        return view

    def _add_and_name(self) -> None:
        """Add Current View, then its title open for typing a better one."""
        if self.add_current() is not None:
            self.rename_selected()

    def update_selected(self) -> bool:
        view = self.selected_view()
        if view is None:
            return False
        from ecodesk.ui.views_apply import capture_view

        captured = capture_view(self.window_, view.id)
        ok = self._push(update_view(self.document.project, captured))
        if ok:
            self._status(self.tr("Updated “{0}” with what the canvas shows now").format(view.title or view.id))
        return ok

    def go_to_selected(self) -> bool:
        view = self.selected_view()
        if view is None:
            return False
        from ecodesk.ui.views_apply import go_to_view

        problem = go_to_view(self.window_, view)
        if problem is not None:
            self._status(problem)
            return False
        return True

    def rename_selected(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.list.setFocus()
            self.list.edit(index)

    def _rename(self, view_id: str, title: str) -> None:
        self._push(rename_view(self.document.project, view_id, title))

    def delete_selected(self) -> bool:
        view = self.selected_view()
        if view is None:
            return False
        row = self.list.currentIndex().row()
        ok = self._push(RemoveView(self.document.project, view.id))
        if ok and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))
        return ok

    def move_selected(self, step: int) -> bool:
        view = self.selected_view()
        if view is None:
            return False
        row = self.list.currentIndex().row()
        if not 0 <= row + step < self.model.rowCount():
            return False
        return self._move(view.id, row + step)

    def _move(self, view_id: str, index: int) -> bool:
        ok = self._push(MoveView(self.document.project, view_id, index))
        if ok:
            self.select_view(view_id)
        return ok

    def _on_notes_changed(self) -> None:
        view = self.selected_view()
        text = self.notes.toPlainText()
        if view is not None and text != view.text:
            self._push(set_view_notes(self.document.project, view.id, text))

    def present(self) -> Any:
        from ecodesk.ui.present import present

        view = self.selected_view()
        return present(self.window_, start=self.list.currentIndex().row() if view is not None else 0)

    def _status(self, text: str) -> None:
        bar = getattr(self.window_, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 8000)

    # keys ------------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.FocusOut and self.document is not None:
            self.document.history.break_merge()  # the notes typed so far are one undo step
        elif watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and self.list.state() != QAbstractItemView.State.EditingState:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.go_to_selected()
                return True
            if key == Qt.Key.Key_Delete:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)


def install_views_dock(window: QMainWindow) -> ViewsPanel:
    """The Views dock on the right of ``window`` (a tab behind the inspector), its toggle in
    View ▸ Panels, following the window's document. It starts hidden — its tab bar would take
    the inspector's last lines on a laptop screen — and shows itself (behind the inspector)
    when a project with saved views is opened; a saved window layout decides after that."""
    w: Any = window
    dock = QDockWidget(window)
    dock.setObjectName("views_dock")
    dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                     | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                     | QDockWidget.DockWidgetFeature.DockWidgetClosable)
    panel = ViewsPanel(window, dock)
    dock.setWidget(panel)
    panel.retranslate()
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(w.inspector_dock, dock)
    w.inspector_dock.raise_()
    dock.hide()
    w.panels_menu.addAction(dock.toggleViewAction())

    def follow(document: Any) -> None:
        panel.set_document(document)
        if document is not None and document.project.views and dock.isHidden():
            dock.show()  # a facilitator's file: its slides at hand (the inspector stays in front)
            w.inspector_dock.raise_()

    w.controller.document_changed.connect(follow)
    panel.set_document(w.document)
    if w.document is not None and w.document.project.views:
        dock.show()
        w.inspector_dock.raise_()
    return panel


def show_views_dock(window: Any) -> ViewsPanel:
    """The Views dock shown in front."""
    panel: ViewsPanel = window.views_panel
    dock = panel.parentWidget()
    if isinstance(dock, QDockWidget):
        dock.show()
        dock.raise_()
    return panel
