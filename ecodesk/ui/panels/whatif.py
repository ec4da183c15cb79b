"""UI layer: "What if it leaves?" — what one entity's exit does, without editing the model.

:func:`what_if` works on copies only: it removes the entity from a copy with the commands'
``remove_objects`` (re-planned without it) and hands both to the engine's typed
:func:`ecodesk.analysis.whatif.what_if`; the dialog shows that :class:`WhatIf`.
:func:`remove_in_new_scenario` turns the what-if into a scenario as one undoable step
(duplicate + removal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.commands import AddScenario, Macro, remove_objects, tr_noop, unique_name
from ecodesk.model import AnalysisSettings, Project, Scenario
from ecodesk.numfmt import money
from ecodesk.numfmt import percent as pct
from ecodesk.ui.panels.base import tone_color
from ecodesk.ui.panels.tables import Column, ResultTableModel, ResultTableView
from ecodesk.ui.panels.worker import run_in_background

if TYPE_CHECKING:
    from ecodesk.analysis.whatif import WhatIf


def what_if(scenario: Scenario, settings: AnalysisSettings, entity_id: str) -> WhatIf:
    """The effect of ``entity_id`` leaving ``scenario`` (copies; neither is edited): the engine's
    :func:`ecodesk.analysis.whatif.what_if` against a copy re-planned without it."""
    from ecodesk.analysis.whatif import what_if as figures

    base = scenario.copy()
    without = base.copy()
    remove_objects(without, [without.entities[entity_id]]).do()
    return figures(base, without, settings, entity_id)


def remove_in_new_scenario(project: Project, scenario: Scenario, entity_id: str, name: str) -> tuple[Macro, Scenario]:
    """One undoable step: a copy of ``scenario`` called ``name``, right after it, without the
    entity; returns the step and the new scenario."""
    copy = scenario.copy(name)
    add = AddScenario(project, copy, project.scenarios.index(scenario) + 1)
    removal = remove_objects(copy, [copy.entities[entity_id]])
    macro = Macro(tr_noop("New scenario '{scenario}' without '{name}'"), [add, removal],
                  scenario=name, name=scenario.entities[entity_id].label)
    return macro, copy


class WhatIfDialog(QDialog):
    """Shows :func:`what_if` of one entity, computed off the GUI thread."""

    #: The user asked to make the what-if a scenario (argument: the entity id).
    remove_requested = Signal(str)
    computed = Signal()

    def __init__(self, scenario: Scenario, settings: AnalysisSettings, entity_id: str, currency: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("what_if_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.entity_id = entity_id
        self.currency = currency
        self.data: WhatIf | None = None
        name = scenario.entities[entity_id].label
        self.setWindowTitle(self.tr("What if {0} leaves?").format(name))
        self.resize(640, 560)
        self.headline = QLabel(self.tr("Computing…"), self)
        self.headline.setObjectName("what_if_headline")
        self.headline.setWordWrap(True)
        f = self.headline.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.headline.setFont(f)
        self.service = QLabel(self)
        self.service.setWordWrap(True)
        self.cascade = QLabel(self)
        self.cascade.setObjectName("what_if_cascade")
        self.cascade.setWordWrap(True)
        self.capabilities = QLabel(self)
        self.capabilities.setWordWrap(True)
        self.cost = QLabel(self)
        self.cost.setWordWrap(True)
        self.cost_model = ResultTableModel()
        self.cost_table = ResultTableView(self.cost_model, "what_if_cost_table", self)
        self.cost_table.setProperty("export_label", self.tr("Cost sharing before and after"))
        self.note = QLabel(self.tr("The model is not changed: the figures come from a copy of the scenario."), self)
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.remove_button = QPushButton(self.tr("Remove It in a New Scenario"), self)
        self.remove_button.setObjectName("what_if_remove")
        self.remove_button.setToolTip(self.tr("Add a copy of this scenario without {0} and show it (undoable)")
                                      .format(name))
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.entity_id))
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        for w in (self.headline, self.service, self.cascade, self.capabilities, self.cost):
            lay.addWidget(w)
        lay.addWidget(self.cost_table, 1)
        lay.addWidget(self.note)
        lay.addWidget(self.buttons)
        snapshot = scenario.copy()  # copied here, in the GUI thread: the live model never crosses threads
        self._names = {e.id: e.label for e in snapshot.entities}
        self._job = run_in_background(lambda progress, cancel: what_if(snapshot, settings, entity_id),
                                      self.show_data, self._failed)

    def _failed(self, message: str) -> None:
        self.headline.setText(self.tr("The what-if could not be computed: {0}").format(message))

    def show_data(self, d: WhatIf) -> None:
        self.data = d
        names = self._names

        def nm(i: str) -> str:
            return names.get(i, i)

        sep = "、" if self._chinese() else ", "
        loss = d.service_loss
        self.headline.setText(self.tr("If {0} fails or leaves:").format(d.name))
        self.service.setText(self.tr("Service level falls from {0} to {1} (−{2} points).").format(
            pct(d.service_before), pct(d.service_after), f"{100 * loss:.1f}") if loss > 1e-12 else
            self.tr("Service level stays at {0}: nobody depends on it alone.").format(pct(d.service_before)))
        self.service.setStyleSheet(f"color: {tone_color('bad' if loss > 1e-12 else 'good').name()};")
        failed = d.cascade_failed
        self.cascade.setText(self.tr("Cascade (θ = {0}): {1} more entities fail — {2}. Service then: {3}.").format(
            d.cascade_threshold, len(failed), sep.join(nm(i) for i in failed), pct(d.cascade_service))
            if failed else self.tr("Cascade (θ = {0}): no other entity fails.").format(d.cascade_threshold))
        lines = [f"{c.name} → {sep.join(nm(i) for i in c.consumers)}" for c in d.lost_capabilities]
        text = self.tr("Capabilities lost: {0}.").format("; ".join(lines)) if lines else self.tr("It provides no capability "
                                                                                        "to others.")
        if d.new_gaps:
            text += " " + self.tr("New unmet needs: {0}.").format(sep.join(
                f"{nm(g.entity)} ({g.category})" for g in d.new_gaps))
        if d.pools_left:
            text += " " + self.tr("It leaves the pools: {0}.").format(sep.join(d.pools_left))
        self.capabilities.setText(text)
        self.cost.setText(self.tr("Cost sharing: total cost together {0} → {1} {4}; savings {2} → {3} {4}.").format(
            money(d.total_cost_before), money(d.total_cost_after), money(d.savings_before),
            money(d.savings_after), self.currency))
        self.cost_model.set_columns([
            Column("name", self.tr("Partner")), Column("shapley_before", self.tr("Fair share before"), "money"),
            Column("shapley_after", self.tr("Fair share after"), "money"),
            Column("change", self.tr("Change"), "money",
                   foreground=lambda r: None if not r.get("change") else tone_color(
                       "bad" if r["change"] > 0 else "good")),
            Column("savings_before", self.tr("Savings before"), "money"),
            Column("savings_after", self.tr("Savings after"), "money")])
        self.cost_model.set_rows([{
            "id": p.id, "name": nm(p.id), "shapley_before": p.shapley_before, "shapley_after": p.shapley_after,
            "change": p.change, "savings_before": p.savings_before, "savings_after": p.savings_after, "_ids": [p.id],
        } for p in d.partners])
        self.computed.emit()

    def _chinese(self) -> bool:
        from ecodesk.ui.i18n import is_chinese

        return is_chinese()


def new_scenario_name(project: Project, entity_label: str, template: str) -> str:
    return unique_name(template.format(entity_label), project.scenario_names())
