"""UI layer: the open project as the window sees it — model, current scenario, history,
file and selection — with Qt signals the views listen to.

Views never assign to the model: they call :meth:`Document.push` with a command. The
model's own signals (``scenario.entities.added`` …) tell views what changed; the
Document adds what the model does not know: which scenario is shown, what is selected,
whether the project is modified, and where it is saved.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ecodesk.commands import Command, History
from ecodesk.model import Project, Scenario
from ecodesk.model.errors import EcodeskError


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
        self.file: object | None = None  # the store's ProjectFile, once opened or saved
        self._scenario = self.project.scenarios[0]
        self._selection: list[str] = []
        self.history.clean_changed.connect(lambda clean: self.modified_changed.emit(not clean))
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
            self.edit_refused.emit(str(exc))
            return False
        return True

    def undo(self) -> None:
        self.history.undo()

    def redo(self) -> None:
        self.history.redo()

    @property
    def modified(self) -> bool:
        return not self.history.is_clean()

    # selection -----------------------------------------------------------------
    @property
    def selection(self) -> list[str]:
        return list(self._selection)

    def set_selection(self, ids: list[str]) -> None:
        ids = list(dict.fromkeys(ids))
        if ids != self._selection:
            self._selection = ids
            self.selection_changed.emit(list(ids))

    # file ----------------------------------------------------------------------
    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.path_changed.emit(str(path) if path else "")

    @property
    def title(self) -> str:
        return self.project.name or (self.path.stem if self.path else "Untitled")
