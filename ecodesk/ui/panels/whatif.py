"""UI layer: "What if it leaves?" — what one entity's exit does, without editing the model.

:func:`what_if` works on copies only: it removes the entity from a copy with the commands'
``remove_objects`` (re-planned without it) and hands both to the engine's typed
:func:`ecodesk.analysis.whatif.what_if`; the dialog shows that :class:`WhatIf`.
:func:`remove_in_new_scenario` turns the what-if into a scenario as one undoable step
(duplicate + removal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication
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
from ecodesk.ui.plaintext import plain, plain_label

if TYPE_CHECKING:
    from ecodesk.analysis.whatif import WhatIf

#: A service change smaller than this is no change (float noise).
LOSS_EPS = 1e-12


def cascade_drops(d: WhatIf) -> bool:
    """The chain reaction takes service lower than the exit alone does."""
    return bool(d.cascade_failed) and d.cascade_service < d.service_after - LOSS_EPS


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
        self.setSizeGripEnabled(True)
        self.headline = plain_label(QLabel(self.tr("Computing…"), self))
        self.headline.setObjectName("what_if_headline")
        self.headline.setWordWrap(True)
        f = self.headline.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.headline.setFont(f)
        self.service = plain_label(QLabel(self))
        self.service.setWordWrap(True)
        self.cascade = plain_label(QLabel(self))
        self.cascade.setObjectName("what_if_cascade")
        self.cascade.setWordWrap(True)
        self.capabilities = plain_label(QLabel(self))
        self.capabilities.setWordWrap(True)
        self.cost = plain_label(QLabel(self))
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
        self.remove_button.setToolTip(plain(self.tr("Add a copy of this scenario without {0} and show it (undoable)")
                                            .format(name)))
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
        self.headline.setText(self._headline(d))
        self.service.setText(self._alone(d))
        self.service.setStyleSheet(f"color: {tone_color('bad' if d.service_loss > LOSS_EPS else 'good').name()};")
        self.cascade.setText(self._chain(d, sep.join(nm(i) for i in d.cascade_failed)))
        self.cascade.setStyleSheet(f"color: {tone_color('bad').name()};" if cascade_drops(d) else "")
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
        self.fit_to(self._bounds())
        self.computed.emit()

    # texts ----------------------------------------------------------------------------------------
    def _headline(self, d: WhatIf) -> str:
        """What happens to service, worst case first: the chain reaction when it does more harm."""
        if cascade_drops(d):
            return self.tr("If {0} fails or leaves, a chain reaction can bring service down to {1}.").format(
                d.name, pct(d.cascade_service))
        if d.service_loss > LOSS_EPS:
            return self.tr("If {0} fails or leaves, service falls to {1}.").format(d.name, pct(d.service_after))
        return self.tr("If {0} fails or leaves, service stays at {1}.").format(d.name, pct(d.service_before))

    def _alone(self, d: WhatIf) -> str:
        """Removing this entity only (its partners carry on)."""
        if d.service_loss > LOSS_EPS:
            return self.tr("Its exit alone: service level falls from {0} to {1} (−{2} points).").format(
                pct(d.service_before), pct(d.service_after), f"{100 * d.service_loss:.1f}")
        return self.tr("Its exit alone leaves service at {0}: every final demand still has another "
                       "supply path.").format(pct(d.service_before))

    def _chain(self, d: WhatIf, names: str) -> str:
        """The cascade: partners that lose more than θ of their supply fail in turn."""
        theta, n = pct(d.cascade_threshold), len(d.cascade_failed)
        if n == 0:
            return self.tr("Chain reaction: no other entity loses more than {0} of its incoming supply, so "
                           "none fails.").format(theta)
        if n == 1:
            return self.tr("Chain reaction: a partner that loses more than {0} of its incoming supply fails "
                           "too — 1 more entity fails ({1}). Service then: {2}.").format(
                theta, names, pct(d.cascade_service))
        return self.tr("Chain reaction: partners that lose more than {0} of their incoming supply fail "
                       "too — {1} more entities fail ({2}). Service then: {3}.").format(
            theta, n, names, pct(d.cascade_service))

    # size -----------------------------------------------------------------------------------------
    def _bounds(self) -> QRect:
        """Where the dialog may grow: its screen's free area (offscreen: the main window's)."""
        parent = self.parentWidget()
        if QGuiApplication.platformName() in ("offscreen", "minimal") and parent is not None:
            return parent.window().geometry()
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)

    def fit_to(self, area: QRect) -> None:
        """Wide enough for every column and tall enough for every row of the table, within
        90 % of ``area``; beyond that the table scrolls (and the dialog can be resized)."""
        t = self.cost_table
        frame = 2 * t.frameWidth()
        cols = sum(t.columnWidth(i) for i in range(self.cost_model.columnCount()))
        rows = sum(t.rowHeight(i) for i in range(self.cost_model.rowCount()))
        bar = t.verticalScrollBar().sizeHint().width()
        full_w = cols + frame + bar
        full_h = t.horizontalHeader().sizeHint().height() + rows + frame
        m = self.layout().contentsMargins()
        width = max(self.width(), min(int(0.9 * area.width()), full_w + m.left() + m.right()))
        if full_w + m.left() + m.right() > width:
            full_h += t.horizontalScrollBar().sizeHint().height()
        t.setMinimumHeight(full_h)
        self.layout().activate()
        height = self.layout().totalHeightForWidth(width) if self.layout().hasHeightForWidth() \
            else self.layout().totalSizeHint().height()
        t.setMinimumHeight(min(full_h, t.horizontalHeader().sizeHint().height() + 3 * t.verticalHeader()
                               .defaultSectionSize() + frame))  # the user may shrink it: it scrolls
        self.resize(width, min(int(0.9 * area.height()), max(height, 200)))
        g = self.frameGeometry()  # grown after it was shown (centred for its first size): keep it inside
        x = max(area.left(), min(g.left(), area.right() + 1 - g.width()))
        y = max(area.top(), min(g.top(), area.bottom() + 1 - g.height()))
        if (x, y) != (g.left(), g.top()):
            self.move(x, y)

    def _chinese(self) -> bool:
        from ecodesk.ui.i18n import is_chinese

        return is_chinese()


def new_scenario_name(project: Project, entity_label: str, template: str) -> str:
    return unique_name(template.format(entity_label), project.scenario_names())
