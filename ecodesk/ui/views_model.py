"""UI layer: the list model of the Views dock — the project's saved views in presentation
order, one row each ("3. Title · scenario"), a view whose scenario was deleted greyed and
marked. Renaming in place and drag-reordering do not touch the project: they hand the
edit to ``rename(view_id, title)`` / ``move(view_id, index)``, which push one undo command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from ecodesk.model import Project
from ecodesk.model.views import View

MIME_VIEW = "application/x-ecodesk-view-id"
#: A role giving the view's id.
ViewIdRole = Qt.ItemDataRole.UserRole + 1
#: True for a view whose scenario was deleted.
OrphanRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def drop_index(source: int, row: int, count: int) -> int:
    """The view's index after a drop "before row ``row``" (-1: at the end) of the view now
    at ``source`` among ``count`` views."""
    if row < 0 or row > count:
        row = count
    return row - 1 if source < row else row


class ViewListModel(QAbstractListModel):
    """The views of one project (see the module docstring)."""

    def __init__(self, rename: Callable[[str, str], object], move: Callable[[str, int], object],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self._views: list[View] = []
        self._names: set[str] = set()
        self._rename, self._move = rename, move

    def set_project(self, project: Project | None) -> None:
        self.project = project
        self.refresh()

    def refresh(self) -> None:
        """Follow the project: a reset when views came, went or moved, else changed rows."""
        views = self.project.views if self.project is not None else []
        names = set(self.project.scenario_names()) if self.project is not None else set()
        if [v.id for v in views] != [v.id for v in self._views]:
            self.beginResetModel()
            self._views, self._names = views, names
            self.endResetModel()
            return
        changed = [i for i, (a, b) in enumerate(zip(views, self._views, strict=True))
                   if a != b or ((a.scenario in names) != (a.scenario in self._names))]
        self._views, self._names = views, names
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))

    def view_at(self, row: int) -> View | None:
        return self._views[row] if 0 <= row < len(self._views) else None

    def row_of(self, view_id: str) -> int:
        return next((i for i, v in enumerate(self._views) if v.id == view_id), -1)

    def is_orphan(self, view: View) -> bool:
        return view.scenario not in self._names

    # QAbstractListModel --------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._views)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        view = self.view_at(index.row()) if index.isValid() else None
        if view is None:
            return None
        orphan = self.is_orphan(view)
        if role == Qt.ItemDataRole.DisplayRole:
            title = view.title or self.tr("(untitled)")
            scenario = view.scenario + (" " + self.tr("(scenario deleted)") if orphan else "")
            return f"{index.row() + 1}. {title}  ·  {scenario}"
        if role == Qt.ItemDataRole.EditRole:
            return view.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [view.title or view.id, self.tr("Scenario: {0}").format(view.scenario)]
            if orphan:
                lines.append(self.tr("The scenario of this view was deleted: Go To and Present say so instead of "
                                     "showing it. Update the view to give it the shown scenario."))
            if view.text:
                lines.append(self.tr("Notes: {0}").format(view.text[:200]))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and orphan:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == ViewIdRole:
            return view.id
        if role == OrphanRole:
            return orphan
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        view = self.view_at(index.row()) if index.isValid() else None
        if view is None or role != Qt.ItemDataRole.EditRole:
            return False
        title = str(value).strip()
        if title != view.title:
            self._rename(view.id, title)
        return True

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        f = Qt.ItemFlag
        if not index.isValid():
            return f.ItemIsDropEnabled
        return f.ItemIsEnabled | f.ItemIsSelectable | f.ItemIsEditable | f.ItemIsDragEnabled

    # drag and drop: a drop moves the view through ``move`` (one undo step) ------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_VIEW]

    def mimeData(self, indexes: Any) -> QMimeData:
        data = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            data.setData(MIME_VIEW, self._views[rows[0]].id.encode("utf-8"))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex) -> bool:
        if not data.hasFormat(MIME_VIEW):
            return False
        view_id = bytes(data.data(MIME_VIEW).data()).decode("utf-8")
        source = self.row_of(view_id)
        if source < 0:
            return False
        if row < 0 and parent.isValid():  # dropped onto a row: before it
            row = parent.row()
        target = drop_index(source, row, len(self._views))
        if target != source:
            self._move(view_id, target)
        return True

    def removeRows(self, row: int, count: int, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return False  # the move was done by the drop; the view must not remove the dragged row
