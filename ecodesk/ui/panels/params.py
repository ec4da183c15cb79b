"""UI layer: the analysis parameters (seed, Monte Carlo trials, random removal orders,
service threshold, cascade θ, supply flow kinds) — saved with the project: every change is
one undoable ``ChangeProject(project, settings=...)``."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from ecodesk.commands import ChangeProject, tr_noop
from ecodesk.model import AnalysisSettings, EcodeskError, FlowKind
from ecodesk.ui.i18n import enum_label, error_text


class ParamsWidget(QWidget):
    """One row of parameter editors over the document's project settings."""

    def __init__(self, panel: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysis_params")
        self.panel = panel
        self.seed = QSpinBox(self)
        self.seed.setRange(0, 2_147_483_647)
        self.trials = QSpinBox(self)
        self.trials.setRange(1, 50_000_000)
        self.trials.setSingleStep(1000)
        self.trials.setGroupSeparatorShown(True)
        self.orders = QSpinBox(self)
        self.orders.setRange(1, 1_000_000)
        self.orders.setSingleStep(10)
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setRange(0.0, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.theta = QDoubleSpinBox(self)
        self.theta.setRange(0.0, 1.0)
        self.theta.setSingleStep(0.05)
        self.theta.setDecimals(2)
        self.editors: dict[str, QSpinBox | QDoubleSpinBox] = {
            "seed": self.seed, "trials": self.trials, "orders": self.orders, "threshold": self.threshold,
            "cascade_threshold": self.theta}
        self.labels = {k: QLabel(self) for k in (*self.editors, "supply_kinds")}
        self.kinds = {k.value: QCheckBox(self) for k in FlowKind}
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for key, w in self.editors.items():
            w.setObjectName(f"param_{key}")
            w.setKeyboardTracking(False)  # one command per finished edit, not per keystroke
            w.valueChanged.connect(lambda v, k=key: self.set_value(k, v))
            lay.addWidget(self.labels[key])
            lay.addWidget(w)
            lay.addSpacing(6)
        lay.addWidget(self.labels["supply_kinds"])
        for value, box in self.kinds.items():
            box.setObjectName(f"param_supply_{value}")
            box.toggled.connect(lambda on, v=value: self.set_supply_kind(v, on))
            lay.addWidget(box)
        lay.addStretch(1)
        self.retranslate()

    def refresh(self) -> None:
        """Show the project's settings (without echoing them back as edits)."""
        s = self.panel.settings
        for key, w in self.editors.items():
            with QSignalBlocker(w):
                w.setValue(getattr(s, key))
        for value, box in self.kinds.items():
            with QSignalBlocker(box):
                box.setChecked(FlowKind(value) in s.supply_kinds)

    def _apply(self, new: AnalysisSettings) -> bool:
        doc = self.panel.document
        if doc is None or new == doc.project.settings:
            return False
        error = doc.attempt(ChangeProject(doc.project, text=tr_noop("Change analysis parameters"), settings=new))
        if error is not None:
            self.panel.status(error_text(error))
            self.refresh()
            return False
        return True

    def set_value(self, key: str, value: Any) -> bool:
        try:
            new = dataclasses.replace(self.panel.settings, **{key: value})
        except EcodeskError as exc:
            self.panel.status(error_text(exc))
            self.refresh()
            return False
        return self._apply(new)

    def set_supply_kind(self, value: str, on: bool) -> bool:
        kinds = [k for k in self.panel.settings.supply_kinds if k.value != value]
        if on:
            kinds.append(FlowKind(value))
        kinds = [k for k in FlowKind if k in kinds]  # in the usual order
        return self.set_value("supply_kinds", tuple(kinds))

    def retranslate(self) -> None:
        for key, text, tip in (
            ("seed", self.tr("Seed"), self.tr("Random seed: the same seed gives the same results")),
            ("trials", self.tr("Trials"), self.tr("Monte Carlo trials")),
            ("orders", self.tr("Orders"), self.tr("Random removal orders of the robustness curve")),
            ("threshold", self.tr("Threshold"), self.tr("Service level below which a Monte Carlo trial counts as a failure")),
            ("cascade_threshold", self.tr("Cascade θ"), self.tr("An entity fails when it loses more than θ of its supply")),
            ("supply_kinds", self.tr("Supply flows:"), self.tr("Flow kinds that carry supply in the resilience analysis")),
        ):
            self.labels[key].setText(text)
            self.labels[key].setToolTip(tip)
            if key in self.editors:
                self.editors[key].setToolTip(tip)
        for value, box in self.kinds.items():
            box.setText(enum_label(FlowKind(value)).split(" /")[0].split("/")[0])
            box.setToolTip(enum_label(FlowKind(value)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
