"""UI layer: the main window's file commands — New, New from Template, Open, Open Recent,
Save, Save As, Close — with the unsaved-changes prompt and store errors shown as the
store's own sentence.

Nothing the user made is lost: a failed save keeps the document modified and offers
Save As; an open that fails leaves the current project as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ecodesk.model import Project, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.paths import projects_dir
from ecodesk.ui.document import IMPORT_SUFFIXES, PROJECT_SUFFIX, Document
from ecodesk.ui.i18n import error_text

if TYPE_CHECKING:
    from ecodesk.ui.mainwindow import MainWindow

OPENABLE = (PROJECT_SUFFIX, *IMPORT_SUFFIXES)


def _local_paths(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in OPENABLE]


class FileOpsMixin:
    """Mixed into :class:`MainWindow`; uses ``self.document``, ``self.settings`` and
    ``self.set_document``."""

    # documents -----------------------------------------------------------------------
    def blank_document(self: MainWindow) -> Document:
        return Document(Project(name="", scenarios=[Scenario(self.tr("Base"))]), None, self)

    def maybe_save(self: MainWindow) -> bool:
        """Ask what to do with unsaved changes; False means the user cancelled."""
        if not self.document.modified:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unsaved changes"))
        box.setText(self.tr("“{0}” has changes that are not saved.").format(self.document.title))
        box.setInformativeText(self.tr("Do you want to save them?"))
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_blank(self: MainWindow) -> bool:
        if not self.maybe_save():
            return False
        self.set_document(self.blank_document())
        self.statusBar().showMessage(self.tr("New project"), 4000)
        return True

    def new_from_template(self: MainWindow, name: str | None = None) -> bool:
        """New project from template ``name`` (asks with a dialog when None)."""
        if name is None:
            from ecodesk.ui.dialogs.templates import NewFromTemplateDialog

            dialog = NewFromTemplateDialog(self)
            if not dialog.exec():
                return False
            name = dialog.chosen()
            if name is None:
                return False
        if not self.maybe_save():
            return False
        from ecodesk.templates import load_template

        try:
            project = load_template(name)
        except EcodeskError as exc:
            self._error(self.tr("Cannot use the template"), exc)
            return False
        if not project.scenarios:
            project.add_scenario(Scenario(self.tr("Base")))
        self.set_document(Document(project, None, self))
        self.statusBar().showMessage(self.tr("New project from template “{0}”").format(name), 4000)
        return True

    def open_dialog(self: MainWindow) -> bool:
        start = str(Path(self.settings.recent_files()[0]).parent) if self.settings.recent_files() else ""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Project"), start,
            self.tr("ecodesk projects (*.ecodesk);;Interchange JSON (*.json);;All files (*)"))
        return self.open_file(path) if path else False

    def open_file(self: MainWindow, path: str | Path, *, ask: bool = True) -> bool:
        """Open a project file (or import JSON); False (with a message) if it cannot be read."""
        path = Path(path)
        if self.document.path is not None and path.resolve() == self.document.path.resolve():
            self.statusBar().showMessage(self.tr("“{0}” is already open").format(path.name), 4000)
            return True
        if ask and not self.maybe_save():
            return False
        try:
            doc = Document.load(path, self)
        except EcodeskError as exc:
            self._error(self.tr("Cannot open “{0}”").format(path.name), exc)
            if not path.exists():
                self.settings.remove_recent_file(str(path.resolve()))
            return False
        self.set_document(doc)
        if doc.path is not None:
            self.settings.add_recent_file(path)
            self.statusBar().showMessage(self.tr("Opened “{0}”").format(path.name), 4000)
        else:
            self.statusBar().showMessage(self.tr("Imported “{0}” — save it as a project file to keep it")
                                         .format(path.name), 6000)
        return True

    def open_recent(self: MainWindow, path: str) -> bool:
        if not Path(path).is_file():
            self.settings.remove_recent_file(path)
            QMessageBox.warning(self, self.tr("File not found"),
                                self.tr("“{0}” no longer exists; it was removed from the recent files.")
                                .format(path))
            return False
        return self.open_file(path)

    def open_sample_or_blank(self: MainWindow) -> bool:
        """First start: the first sample project, opened as an untitled copy (so the shipped
        sample is never overwritten); a blank project when there is none."""
        folder = projects_dir()
        samples = sorted(folder.glob("*.ecodesk")) if folder.is_dir() else []
        for sample in samples:
            try:
                doc = Document.load(sample, self)
            except EcodeskError:
                continue
            doc.close_file()
            doc.set_path(None)
            self.set_document(doc)
            self.statusBar().showMessage(self.tr("Sample project “{0}” — your changes are saved to a new file")
                                         .format(sample.stem), 8000)
            return True
        return False

    def save(self: MainWindow) -> bool:
        if self.document.path is None:
            return self.save_as()
        try:
            self.document.save()
        except EcodeskError as exc:
            return self._save_failed(exc)
        self.settings.add_recent_file(self.document.path)
        self.statusBar().showMessage(self.tr("Saved “{0}”").format(self.document.path.name), 4000)
        return True

    def save_as(self: MainWindow, path: str | Path | None = None) -> bool:
        if path is None:
            start = str(self.document.path or Path.home() / f"{self.document.title}{PROJECT_SUFFIX}")
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save Project As"), start,
                                                    self.tr("ecodesk projects (*.ecodesk)"))
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        if path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        try:
            self.document.save_as(path)
        except EcodeskError as exc:
            return self._save_failed(exc, offer_save_as=False)
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(self.tr("Saved “{0}”").format(path.name), 4000)
        return True

    def _save_failed(self: MainWindow, exc: EcodeskError, offer_save_as: bool = True) -> bool:
        """The project stays in memory and modified; offer to save it elsewhere."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Cannot save"))
        box.setText(error_text(exc))
        box.setInformativeText(self.tr("Your project is still open and nothing was lost. "
                                       "Save it under another name?") if offer_save_as else
                               self.tr("Your project is still open and nothing was lost."))
        if offer_save_as:
            save_as = box.addButton(self.tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
        else:
            save_as = None
            box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        self._update_title()
        if save_as is not None and box.clickedButton() is save_as:
            return self.save_as()
        return False

    def close_project(self: MainWindow) -> bool:
        if not self.maybe_save():
            return False
        self.set_document(self.blank_document())
        return True

    def _error(self: MainWindow, title: str, exc: BaseException) -> None:
        QMessageBox.critical(self, title, error_text(exc))

    # recent files menu -------------------------------------------------------------------
    def _fill_recent_menu(self: MainWindow) -> None:
        gone = self.settings.prune_recent_files()
        if gone:
            names = ", ".join(Path(g).name for g in gone)
            self.statusBar().showMessage(self.tr("Removed from recent files (no longer found): {0}").format(names),
                                         8000)
        menu = self.recent_menu
        menu.clear()
        recent = self.settings.recent_files()
        for i, path in enumerate(recent, 1):
            action = menu.addAction(f"&{i % 10}  {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_recent(p))
        if recent:
            menu.addSeparator()
        menu.addAction(self.actions.file_clear_recent)
        self.actions.file_clear_recent.setEnabled(bool(recent))

    def _clear_recent(self: MainWindow) -> None:
        self.settings.set_recent_files([])

    # drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self: MainWindow, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and _local_paths(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self: MainWindow, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self: MainWindow, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData().urls()) if event.mimeData().hasUrls() else []
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_file(paths[0])
