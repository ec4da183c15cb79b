"""UI layer: the main window's Scenario menu and toolbar switcher — switch, new (blank),
duplicate, rename, delete. Every change of the scenario list is an undoable command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QInputDialog

from ecodesk.commands import AddScenario, RemoveScenario, RenameScenario, duplicate_scenario, unique_name
from ecodesk.model import Scenario, ValidationError

if TYPE_CHECKING:
    from ecodesk.ui.mainwindow import MainWindow


class ScenarioOpsMixin:
    """Mixed into :class:`MainWindow`; uses ``self.document`` and ``self.scenario_combo``."""

    def _refresh_scenarios(self: MainWindow) -> None:
        names = self.document.project.scenario_names()
        with QSignalBlocker(self.scenario_combo):
            self.scenario_combo.clear()
            self.scenario_combo.addItems(names)
            self.scenario_combo.setCurrentIndex(names.index(self.document.scenario.name)
                                                if self.document.scenario.name in names else 0)
        self._update_enabled()

    def _on_project_scenarios_changed(self: MainWindow, *args: Any) -> None:
        self._refresh_scenarios()

    def _on_document_scenario_switched(self: MainWindow, scenario: Scenario) -> None:
        self._listen_scenario(scenario)
        self._refresh_scenarios()
        self._update_counts()
        self.statusBar().showMessage(self.tr("Scenario “{0}”").format(scenario.name), 3000)

    def _on_scenario_combo_activated(self: MainWindow, index: int) -> None:
        scenarios = self.document.project.scenarios
        if 0 <= index < len(scenarios):
            self.document.set_scenario(scenarios[index])

    def _fill_switch_menu(self: MainWindow) -> None:
        self.switch_menu.clear()
        for i, s in enumerate(self.document.project.scenarios):
            act = self.switch_menu.addAction(f"&{i + 1}  {s.name}" if i < 9 else s.name)
            act.setCheckable(True)
            act.setChecked(s is self.document.scenario)
            act.triggered.connect(lambda checked=False, sc=s: self.document.set_scenario(sc))

    def step_scenario(self: MainWindow, step: int) -> None:
        scenarios = self.document.project.scenarios
        i = scenarios.index(self.document.scenario)
        self.document.set_scenario(scenarios[(i + step) % len(scenarios)])

    def new_scenario(self: MainWindow, name: str | None = None) -> bool:
        """Add a blank scenario after the shown one and show it (one undo step)."""
        project = self.document.project
        if name is None:
            suggestion = unique_name(self.tr("Scenario"), project.scenario_names())
            name, ok = QInputDialog.getText(self, self.tr("New Scenario"), self.tr("Name of the new scenario:"),
                                            text=suggestion)
            if not ok:
                return False
        try:
            scenario = Scenario(name)
        except ValidationError as exc:
            self._error(self.tr("Cannot add the scenario"), exc)
            return False
        index = project.scenarios.index(self.document.scenario) + 1
        return self._push_scenario(AddScenario(project, scenario, index), scenario)

    def duplicate_scenario(self: MainWindow) -> bool:
        project = self.document.project
        cmd = duplicate_scenario(project, self.document.scenario.name,
                                 unique_name(self.tr("{0} (copy)").format(self.document.scenario.name),
                                             project.scenario_names()))
        return self._push_scenario(cmd, cmd.scenario)

    def _push_scenario(self: MainWindow, cmd: Any, show: Scenario | None) -> bool:
        error = self.document.attempt(cmd)
        if error is not None:
            self._error(self.tr("Scenario not changed"), error)
            return False
        if show is not None:
            self.document.set_scenario(show)
        return True

    def rename_scenario(self: MainWindow, new: str | None = None) -> bool:
        old = self.document.scenario.name
        if new is None:
            new, ok = QInputDialog.getText(self, self.tr("Rename Scenario"), self.tr("New name:"), text=old)
            if not ok or new == old:
                return False
        return self._push_scenario(RenameScenario(self.document.project, old, new), None)

    def delete_scenario(self: MainWindow) -> bool:
        return self._push_scenario(RemoveScenario(self.document.project, self.document.scenario.name), None)
