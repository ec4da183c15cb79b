"""UI layer: scenario operations of the document controller — switch, next/previous, new
(blank), duplicate, new from current (named copy), rename, delete, and an optimised design
applied as a new scenario. Every change of the scenario list is one undoable command; a
refusal is shown with the model's sentence.

:class:`ScenarioOps` is a collaborator of :class:`ecodesk.ui.controller.DocumentController`
(``controller.scenarios``) and sees it only as a :class:`ecodesk.ui.prompts.DocumentHost`.
Texts are translated in context ``ScenarioOps``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ecodesk.commands import AddScenario, Command, RemoveScenario, RenameScenario, duplicate_scenario, unique_name
from ecodesk.model import Scenario, ValidationError
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.i18n import error_text

if TYPE_CHECKING:  # interfaces only
    from ecodesk.analysis.optimize import DesignResult
    from ecodesk.ui.prompts import DocumentHost


class ScenarioOps:
    """The Scenario menu's operations on ``host.document``."""

    def __init__(self, host: DocumentHost) -> None:
        self.host = host

    def switch(self, scenario: Scenario | str) -> None:
        self.host.document.set_scenario(scenario)

    def step(self, step: int) -> None:
        """Show the next (``step`` 1) or previous (-1) scenario, round the end."""
        doc = self.host.document
        scenarios = doc.project.scenarios
        self.switch(scenarios[(scenarios.index(doc.scenario) + step) % len(scenarios)])

    def new(self, name: str | None = None) -> bool:
        """Add a blank scenario after the shown one and show it (one undo step)."""
        doc = self.host.document
        project = doc.project
        if name is None:
            name = self.host.prompter.text(
                QCoreApplication.translate("ScenarioOps", "New Scenario"),
                QCoreApplication.translate("ScenarioOps", "Name of the new scenario:"),
                unique_name(QCoreApplication.translate("ScenarioOps", "Scenario"), project.scenario_names()))
            if name is None:
                return False
        try:
            scenario = Scenario(name)
        except ValidationError as exc:
            self.host.prompter.error(QCoreApplication.translate("ScenarioOps", "Cannot add the scenario"),
                                     error_text(exc))
            return False
        index = project.scenarios.index(doc.scenario) + 1
        return self._push(AddScenario(project, scenario, index), scenario)

    def duplicate(self) -> bool:
        """A copy of the shown scenario named "… (copy)", shown."""
        doc = self.host.document
        name = unique_name(QCoreApplication.translate("ScenarioOps", "{0} (copy)").format(doc.scenario.name),
                           doc.project.scenario_names())
        cmd = duplicate_scenario(doc.project, doc.scenario.name, name)
        return self._push(cmd, cmd.scenario)

    def new_from_current(self, name: str | None = None) -> bool:
        """A copy of the shown scenario under a name the user gives, shown (one undo step)."""
        doc = self.host.document
        current = doc.scenario
        if name is None:
            name = self.host.prompter.text(
                QCoreApplication.translate("AnalysisMenus", "New Scenario from Current"),
                QCoreApplication.translate("AnalysisMenus", "Name of the new scenario (a copy of “{0}”):")
                .format(current.name),
                unique_name(QCoreApplication.translate("AnalysisMenus", "{0} – variant").format(current.name),
                            doc.project.scenario_names()))
            if name is None:
                return False
        cmd = duplicate_scenario(doc.project, current.name, name)
        return self._push(cmd, cmd.scenario)

    def apply_design(self, result: DesignResult, name: str | None = None) -> Scenario | None:
        """The design ``result`` (optimised on the shown scenario as it is now) as a new scenario
        after the shown one, built by the engine's ``apply_design`` and added in one undoable
        step, then shown; asks for the name when None. Returns the new scenario (None: not added)."""
        doc = self.host.document
        current = doc.scenario
        if name is None:
            name = self.host.prompter.text(
                QCoreApplication.translate("ScenarioOps", "Apply as New Scenario"),
                QCoreApplication.translate("ScenarioOps", "Name of the new scenario (the optimised design of “{0}”):")
                .format(current.name),
                unique_name(QCoreApplication.translate("ScenarioOps", "Optimised design"),
                            doc.project.scenario_names()))
            if name is None:
                return None
        from ecodesk.analysis.optimize import apply_design

        try:
            scenario = apply_design(current, result, name)
        except EcodeskError as exc:
            self.host.prompter.error(QCoreApplication.translate("ScenarioOps", "Cannot add the scenario"),
                                     error_text(exc))
            return None
        index = doc.project.scenarios.index(current) + 1
        return scenario if self._push(AddScenario(doc.project, scenario, index), scenario) else None

    def rename(self, new: str | None = None) -> bool:
        doc = self.host.document
        old = doc.scenario.name
        if new is None:
            new = self.host.prompter.text(QCoreApplication.translate("ScenarioOps", "Rename Scenario"),
                                          QCoreApplication.translate("ScenarioOps", "New name:"), old)
            if new is None or new == old:
                return False
        return self._push(RenameScenario(doc.project, old, new), None)

    def delete(self) -> bool:
        doc = self.host.document
        return self._push(RemoveScenario(doc.project, doc.scenario.name), None)

    def _push(self, cmd: Command, show: Scenario | None) -> bool:
        doc = self.host.document
        error = doc.attempt(cmd)
        if error is not None:
            self.host.prompter.error(QCoreApplication.translate("ScenarioOps", "Scenario not changed"),
                                     error_text(error))
            return False
        if show is not None:
            doc.set_scenario(show)
        return True
