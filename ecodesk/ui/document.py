"""UI layer: the open project as the window sees it — model, current scenario, history,
file and selection — with Qt signals the views listen to.

Views never assign to the model: they call :meth:`Document.push` with a command (or
:meth:`Document.attempt`, which returns a refusal for the caller to explain inline instead
of announcing it). The model's own signals (``scenario.entities.added`` …) tell views what
changed; the Document adds what the model does not know: which scenario is shown, what is
selected, whether the project is modified, and where it is saved — :meth:`load`,
:meth:`save` (incremental, through the store's ProjectFile) and :meth:`save_as`. Undo and
redo first show the scenario the step belongs to, so no change happens out of sight.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ecodesk.commands import AddScenario, Command, History, Macro
from ecodesk.model import ModelObject, Project, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.i18n import error_text

if TYPE_CHECKING:
    from ecodesk.store import ProjectFile

#: File suffixes the window opens: project files, and interchange JSON imported as untitled.
PROJECT_SUFFIX = ".ecodesk"
IMPORT_SUFFIXES = (".json",)


class Document(QObject):
    """One open project."""

    #: The shown scenario was switched (argument: the new Scenario).
    scenario_switched = Signal(object)
    #: Selection of object ids changed (argument: list[str]).
    selection_changed = Signal(list)
    #: Modified state changed (argument: bool modified).
    modified_changed = Signal(bool)
    #: The file path changed (argument: str, '' for none).
    path_changed = Signal(str)
    #: An edit was refused (argument: the message).
    edit_refused = Signal(str)
    #: The history moved (push/undo/redo).
    history_changed = Signal()

    def __init__(self, project: Project | None = None, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project or Project(scenarios=[Scenario("Base")])
        if not self.project.scenarios:
            self.project.add_scenario(Scenario("Base"))
        self.history = History()
        self.path = path
        self.file: ProjectFile | None = None  # the store's, once opened or saved
        self._scenario = self.project.scenarios[0]
        self._selection: list[str] = []
        self._unsaved = False  # imported or copied content that was never saved
        self.history.clean_changed.connect(lambda clean: self.modified_changed.emit(self.modified))
        self.history.changed.connect(self.history_changed.emit)
        self.project.scenario_removed.connect(self._on_project_scenario_removed)

    # scenario ------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self._scenario

    def set_scenario(self, scenario: Scenario | str) -> None:
        if isinstance(scenario, str):
            scenario = self.project.scenario(scenario)
        if scenario is self._scenario:
            return
        self._scenario = scenario
        self.set_selection([])
        self.scenario_switched.emit(scenario)

    def _on_project_scenario_removed(self, scenario: Scenario, index: int) -> None:
        if scenario is self._scenario:
            remaining = self.project.scenarios
            self.set_scenario(remaining[min(index, len(remaining) - 1)])

    # edits ---------------------------------------------------------------------
    def push(self, command: Command) -> bool:
        """Run and record ``command``; on refusal emit ``edit_refused`` and return False."""
        try:
            self.history.push(command)
        except EcodeskError as exc:
            self.edit_refused.emit(error_text(exc))  # in the UI language
            return False
        return True

    def attempt(self, command: Command) -> EcodeskError | None:
        """Run and record ``command``; return the refusal instead of emitting it (inline errors)."""
        try:
            self.history.push(command)
        except EcodeskError as exc:
            return exc
        return None

    def undo(self) -> None:
        self._show_scenario_of(self.history.undo_command())
        self.history.undo()

    def redo(self) -> None:
        self._show_scenario_of(self.history.redo_command())
        self.history.redo()

    def _show_scenario_of(self, command: Command | None) -> None:
        """Undoing an edit of a scenario not shown switches to it, so the user sees the change."""
        while isinstance(command, Macro) and command.children:
            command = command.children[0]
        if command is None or isinstance(command, AddScenario):
            return
        scenario = getattr(command, "scenario", None)
        if isinstance(scenario, Scenario) and scenario is not self._scenario and scenario in self.project.scenarios:
            self.set_scenario(scenario)

    @property
    def modified(self) -> bool:
        return self._unsaved or not self.history.is_clean()

    def mark_unsaved(self) -> None:
        """Flag content that exists nowhere on disk yet (an import, a copied sample)."""
        if not self._unsaved:
            self._unsaved = True
            self.modified_changed.emit(True)

    def mark_saved(self) -> None:
        was = self.modified
        self._unsaved = False
        self.history.set_clean()
        if was:
            self.modified_changed.emit(False)

    # selection -----------------------------------------------------------------
    @property
    def selection(self) -> list[str]:
        return list(self._selection)

    def set_selection(self, ids: list[str]) -> None:
        ids = list(dict.fromkeys(ids))
        if ids != self._selection:
            self._selection = ids
            self.selection_changed.emit(list(ids))

    def selected_objects(self) -> list[ModelObject]:
        """The selected objects that exist in the shown scenario, in selection order."""
        out = []
        for obj_id in self._selection:
            obj = self._scenario.find(obj_id)
            if obj is not None:
                out.append(obj)
        return out

    # file ----------------------------------------------------------------------
    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit(str(path) if path else "")

    @property
    def title(self) -> str:
        untitled = QCoreApplication.translate("Document", "Untitled")
        name = self.project.name if self.project.name and self.project.name != "Untitled" else ""
        return name or (self.path.stem if self.path else untitled)

    @classmethod
    def load(cls, path: Path | str, parent: QObject | None = None) -> Document:
        """Open a ``.ecodesk`` file (through the store) or import an interchange JSON file.

        An import becomes an untitled, unsaved document: saving it asks for a project file.
        Raises :class:`EcodeskError` (the store's or importer's one-sentence message).
        """
        path = Path(path)
        if path.suffix.lower() in IMPORT_SUFFIXES:
            from ecodesk.io import import_file

            doc = cls(import_file(path), None, parent)
            doc.mark_unsaved()
            return doc
        from ecodesk.io import check_readable
        from ecodesk.store import ProjectFile

        check_readable(path)  # a FIFO or device would block the window for ever
        pf = ProjectFile.open(path)
        doc = cls(pf.project, path, parent)
        doc.file = pf
        return doc

    def save(self) -> None:
        """Save to ``self.path`` (incrementally when the file is open); raises EcodeskError."""
        if self.path is None:
            raise ValueError("the document has no path; use save_as")
        if self.file is not None and Path(self.file.path) == self.path:
            self.file.save()
        else:
            self._create(self.path)
        self.mark_saved()

    def save_as(self, path: Path | str) -> None:
        """Save to a new ``path`` and continue there; raises EcodeskError (document unchanged)."""
        path = Path(path)
        if self.file is not None:
            self.file.save_as(path)
        else:
            self._create(path)
        self.set_path(path)
        self.mark_saved()

    def _create(self, path: Path) -> None:
        from ecodesk.store import ProjectFile

        pf = ProjectFile.create(self.project, path)  # atomic: an existing file is replaced whole
        self.close_file()
        self.file = pf

    def close_file(self) -> None:
        """Let go of the project file (it stops following the project's changes)."""
        if self.file is not None:
            self.file.close()
            self.file = None
