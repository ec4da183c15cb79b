"""UI layer: the document controller — the open project's life cycle without a widget.

:class:`DocumentController` (a QObject) owns the :class:`Document` shown and everything done
*to* it as a whole: new (blank, from a template), open (dialog, path, recent, first-start
sample), save, save as, close, undo/redo and inserting objects. Two collaborators hang off
it: :attr:`~DocumentController.scenarios` (:class:`ecodesk.ui.scenarioops.ScenarioOps`) and
:attr:`~DocumentController.transfer` (:class:`ecodesk.ui.transfer.TransferOps`: import,
export, pictures, the report). They see the controller only through
:class:`ecodesk.ui.prompts.DocumentHost`, so no module imports back.

Every question goes through :attr:`prompter` (:class:`ecodesk.ui.prompts.Prompter`); every
message goes out as ``status_message``; a switch of document as ``document_changed`` — the
main window is one listener of these signals, tests are another. Nothing the user made is
lost: a failed save keeps the document modified and offers Save As; a failed open leaves the
current project as it was.

Start-up (:func:`start_document`) picks the first document — the file given, the most recent
project, a sample, or a blank project — before any window exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ecodesk.commands import AddObject
from ecodesk.model import Project, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.paths import projects_dir
from ecodesk.ui.document import PROJECT_SUFFIX, Document
from ecodesk.ui.i18n import current_language, error_text
from ecodesk.ui.scenarioops import ScenarioOps
from ecodesk.ui.settings import Settings
from ecodesk.ui.transfer import TransferOps

if TYPE_CHECKING:  # interfaces only: nothing of them runs
    from ecodesk.ui.prompts import Prompter


def blank_document() -> Document:
    """An untitled project with one empty scenario."""
    return Document(Project(name="", scenarios=[Scenario(QCoreApplication.translate("DocumentController", "Base"))]))


def sample_document() -> tuple[Document, str] | None:
    """The first sample project that opens, as an untitled copy (the shipped file is never
    written to), with the message that says so; None when there is none."""
    folder = projects_dir()
    for sample in sorted(folder.glob("*.ecodesk")) if folder.is_dir() else []:
        try:
            doc = Document.load(sample)
        except EcodeskError:
            continue
        doc.close_file()
        doc.set_path(None)
        return doc, QCoreApplication.translate(
            "DocumentController", "Sample project “{0}” — your changes are saved to a new file").format(sample.stem)
    return None


def open_in_another_window(path: str | Path) -> bool:
    """True when another running ecodesk window (process) has the project file ``path`` open."""
    if Path(path).suffix.lower() != PROJECT_SUFFIX:
        return False
    from ecodesk.store.openmarks import open_elsewhere  # (the store: loaded when a file is opened)

    return open_elsewhere(path) is not None


def also_open_message(path: Path) -> str:
    return QCoreApplication.translate(
        "DocumentController", "“{0}” is also open in another ecodesk window: once one window saves it, the other "
                              "cannot save it (except under another name).").format(path.name)


def start_document(settings: Settings, files: Sequence[str] = (), *, first_start: bool = True
                   ) -> tuple[Document, list[tuple[str, str]], str]:
    """The document to show first: ``files[0]``, else (on a first start) the most recent
    project, else a sample when the user never opened anything, else a blank project.
    Also returns the files that could not be opened (with the reason) and a message for the
    status bar."""
    failed: list[tuple[str, str]] = []
    candidates = list(files[:1])
    if not files and first_start:
        candidates = [r for r in settings.recent_files() if Path(r).is_file()][:1]
    for path in candidates:
        try:
            doc = Document.load(path)
        except EcodeskError as exc:
            failed.append((str(path), error_text(exc)))
            if not Path(path).exists():
                settings.remove_recent_file(str(Path(path).resolve()))
            continue
        if doc.path is not None:
            settings.add_recent_file(path)
        return doc, failed, also_open_message(Path(path)) if doc.path is not None and open_in_another_window(path) else ""
    if not files and first_start and not settings.recent_files():
        found = sample_document()
        if found is not None:
            return found[0], failed, found[1]
    return blank_document(), failed, ""


class DocumentController(QObject):
    """One document at a time and the operations on it (see the module docstring)."""

    #: Another document is shown (argument: the new Document; the old one is closed).
    document_changed = Signal(object)
    #: A message for the status bar (text, milliseconds).
    status_message = Signal(str, int)
    #: An object was inserted and selected (arguments: its id, its kind name).
    object_inserted = Signal(str, str)

    def __init__(self, document: Document, settings: Settings, prompter: Prompter,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.prompter = prompter
        self.document = document
        document.setParent(self)
        self.scenarios = ScenarioOps(self)
        self.transfer = TransferOps(self)

    def status(self, text: str, msecs: int = 4000) -> None:
        self.status_message.emit(text, msecs)

    # documents -------------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        """Show ``document`` instead of the current one (which is closed and let go of)."""
        old = self.document
        if document is old:
            return
        document.setParent(self)
        self.document = document
        self.document_changed.emit(document)
        old.close_file()
        old.deleteLater()

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved changes; False means the user cancelled."""
        if not self.document.modified:
            return True
        answer = self.prompter.save_changes(self.document.title)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def new_blank(self) -> bool:
        if not self.maybe_save():
            return False
        self.set_document(blank_document())
        self.status(QCoreApplication.translate("DocumentController", "New project"))
        return True

    def new_from_template(self, name: str | None = None) -> bool:
        """New project from template ``name`` (asks when None)."""
        if name is None:
            name = self.prompter.template()
            if name is None:
                return False
        if not self.maybe_save():
            return False
        from ecodesk.templates import load_template

        try:
            project = load_template(name)
        except EcodeskError as exc:
            self.prompter.error(QCoreApplication.translate("DocumentController", "Cannot use the template"),
                                error_text(exc))
            return False
        if not project.scenarios:
            project.add_scenario(Scenario(QCoreApplication.translate("DocumentController", "Base")))
        self.set_document(Document(project))
        self.status(QCoreApplication.translate("DocumentController", "New project from template “{0}”").format(name))
        return True

    def close_project(self) -> bool:
        if not self.maybe_save():
            return False
        self.set_document(blank_document())
        return True

    # open ------------------------------------------------------------------------------
    def open_dialog(self) -> bool:
        """Ask for a project file (or interchange JSON, opened as an untitled import) and open it."""
        from ecodesk.io.formats import get_format

        lang = current_language()
        filters = [get_format("ecodesk").filter(lang), get_format("json").filter(lang),
                   QCoreApplication.translate("DocumentController", "All files (*)")]
        recent = self.settings.recent_files()
        path, _ = self.prompter.open_path(QCoreApplication.translate("DocumentController", "Open Project"),
                                          str(Path(recent[0]).parent) if recent else "", ";;".join(filters))
        return self.open_file(path) if path else False

    def open_file(self, path: str | Path, *, ask: bool = True) -> bool:
        """Open a project file (or import JSON); False (with a message) if it cannot be read."""
        path = Path(path)
        if self.document.path is not None and path.resolve() == self.document.path.resolve():
            self.status(QCoreApplication.translate("DocumentController", "“{0}” is already open").format(path.name))
            return True
        answer, elsewhere = "open", open_in_another_window(path)
        if elsewhere:  # told now, not when a save is refused later
            answer = self.prompter.already_open(path.name)
            if answer not in ("copy", "open"):
                return False
        if ask and not self.maybe_save():
            return False
        try:
            doc = Document.load(path)
        except EcodeskError as exc:
            self.prompter.error(QCoreApplication.translate("DocumentController", "Cannot open “{0}”").format(path.name),
                                error_text(exc))
            if not path.exists():
                self.settings.remove_recent_file(str(path.resolve()))
            return False
        if answer == "copy":  # an untitled copy: the other window keeps the file
            doc.close_file()
            doc.set_path(None)
            self.set_document(doc)
            self.status(QCoreApplication.translate(
                "DocumentController", "A copy of “{0}” — your changes are saved to a new file").format(path.name), 8000)
            return True
        self.set_document(doc)
        if doc.path is not None and elsewhere:
            self.settings.add_recent_file(path)
            self.status(also_open_message(path), 10000)
        elif doc.path is not None:
            self.settings.add_recent_file(path)
            self.status(QCoreApplication.translate("DocumentController", "Opened “{0}”").format(path.name))
        else:
            self.status(QCoreApplication.translate(
                "DocumentController", "Imported “{0}” — save it as a project file to keep it").format(path.name), 6000)
            self.transfer.show_import_remarks(doc.project, path.name)
        return True

    def open_recent(self, path: str) -> bool:
        if not Path(path).is_file():
            self.settings.remove_recent_file(path)
            self.prompter.warning(QCoreApplication.translate("DocumentController", "File not found"),
                                  QCoreApplication.translate(
                                      "DocumentController", "“{0}” no longer exists; it was removed from the recent files.")
                                  .format(path))
            return False
        return self.open_file(path)

    def recent_files(self) -> list[str]:
        """The recent files that still exist (the others are dropped from the list, with a message)."""
        gone = self.settings.prune_recent_files()
        if gone:
            names = ", ".join(Path(g).name for g in gone)
            self.status(QCoreApplication.translate(
                "DocumentController", "Removed from recent files (no longer found): {0}").format(names), 8000)
        return self.settings.recent_files()

    def clear_recent(self) -> None:
        self.settings.set_recent_files([])

    # save ------------------------------------------------------------------------------
    def save(self) -> bool:
        doc = self.document
        if doc.path is None:
            return self.save_as()
        try:
            doc.save()
        except EcodeskError as exc:
            return self._save_failed(exc)
        self.settings.add_recent_file(doc.path)
        self.status(QCoreApplication.translate("DocumentController", "Saved “{0}”").format(doc.path.name))
        return True

    def save_as(self, path: str | Path | None = None) -> bool:
        doc = self.document
        if path is None:
            start = str(doc.path or Path.home() / f"{doc.title}{PROJECT_SUFFIX}")
            from ecodesk.io.formats import get_format

            chosen, _ = self.prompter.save_path(QCoreApplication.translate("DocumentController", "Save Project As"), start,
                                                get_format("ecodesk").filter(current_language()))
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        if path.suffix.lower() != PROJECT_SUFFIX:
            path = path.with_name(path.name + PROJECT_SUFFIX)
        try:
            doc.save_as(path)
        except EcodeskError as exc:
            return self._save_failed(exc, offer_save_as=False)
        self.settings.add_recent_file(path)
        self.status(QCoreApplication.translate("DocumentController", "Saved “{0}”").format(path.name))
        return True

    def _save_failed(self, exc: EcodeskError, offer_save_as: bool = True) -> bool:
        """The project stays in memory and modified; offer to save it elsewhere."""
        if self.prompter.save_failed(error_text(exc), offer_save_as):
            return self.save_as()
        return False

    # editing ---------------------------------------------------------------------------
    def undo(self) -> None:
        self.document.undo()

    def redo(self) -> None:
        self.document.redo()

    def insert_object(self, what: str) -> str | None:
        """Add an object of kind ``what`` (defaults from the selection, one undo step) and
        select it; ``object_inserted`` tells the window to put the focus on it."""
        from ecodesk.commands.editrules import new_object

        doc = self.document
        try:
            obj = new_object(doc.scenario, what, doc.selected_objects(), lang=current_language())
            error = doc.attempt(AddObject(doc.scenario, obj))
        except EcodeskError as exc:
            error = exc
        if error is not None:
            self.status(error_text(error), 8000)
            return None
        doc.set_selection([obj.id])
        self.object_inserted.emit(obj.id, what)
        return str(obj.id)
