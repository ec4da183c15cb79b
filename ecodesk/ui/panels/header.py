"""UI layer: the analysis panel's header — the state line with Automatic / Parameters / Run /
Cancel, and the canvas row (colour mode, weak-point marks, which flow kinds are shown).

Only widgets and their texts: the panel connects them to its behaviour. Texts keep the
panel's translation context ("AnalysisPanel").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

import ecodesk.ui.panels.colormodes as colormodes
from ecodesk.model import FlowKind
from ecodesk.ui.canvas.style import FLOW_COLORS
from ecodesk.ui.i18n import enum_label
from ecodesk.ui.plaintext import plain_label


def short_kind_label(kind: FlowKind) -> str:
    """'Capability / service' → 'Capability', '能力/服务' → '能力' (for compact check boxes)."""
    return enum_label(kind).split(" /")[0].split("/")[0]


def _swatch(color: str) -> QIcon:
    pm = QPixmap(10, 10)
    pm.fill(QColor(color))
    return QIcon(pm)


class AnalysisHeader(QWidget):
    """The two header rows of the analysis panel (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state_label = plain_label(QLabel(self))
        self.state_label.setObjectName("analysis_state")
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("analysis_run")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("analysis_cancel")
        self.auto_box = QCheckBox(self)
        self.auto_box.setObjectName("analysis_auto")
        self.auto_box.setChecked(True)
        self.params_button = QToolButton(self)
        self.params_button.setObjectName("analysis_params_toggle")
        self.params_button.setCheckable(True)
        self.mode_label = plain_label(QLabel(self))
        self.mode_combo = QComboBox(self)
        self.mode_combo.setObjectName("color_mode")
        self.marks_box = QCheckBox(self)
        self.marks_box.setObjectName("analysis_marks")
        self.marks_box.setChecked(True)
        self.flows_label = plain_label(QLabel(self))
        self.flow_boxes: dict[str, QCheckBox] = {}
        row1 = QHBoxLayout()
        row1.setContentsMargins(0, 0, 0, 0)
        row1.addWidget(self.state_label, 1)
        for w in (self.auto_box, self.params_button, self.run_button, self.cancel_button):
            row1.addWidget(w)
        row2 = QHBoxLayout()
        row2.setContentsMargins(0, 0, 0, 0)
        row2.addWidget(self.mode_label)
        row2.addWidget(self.mode_combo)
        row2.addWidget(self.marks_box)
        row2.addSpacing(14)
        row2.addWidget(self.flows_label)
        for kind in FlowKind:
            box = QCheckBox(self)
            box.setObjectName(f"show_flows_{kind.value}")
            box.setChecked(True)
            box.setIcon(_swatch(FLOW_COLORS[kind]))
            self.flow_boxes[kind.value] = box
            row2.addWidget(box)
        row2.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(row1)
        lay.addLayout(row2)

    def retranslate(self, color_mode: str) -> None:
        self.run_button.setText(QCoreApplication.translate("AnalysisPanel", "Run"))
        self.run_button.setToolTip(QCoreApplication.translate("AnalysisPanel", "Analyse the shown scenario now"))
        self.cancel_button.setText(QCoreApplication.translate("AnalysisPanel", "Cancel"))
        self.cancel_button.setToolTip(QCoreApplication.translate("AnalysisPanel", "Stop the running analysis"))
        self.auto_box.setText(QCoreApplication.translate("AnalysisPanel", "Automatic"))
        self.auto_box.setToolTip(QCoreApplication.translate("AnalysisPanel", "Recompute shortly after every edit"))
        self.params_button.setText(QCoreApplication.translate("AnalysisPanel", "Parameters"))
        self.params_button.setToolTip(
            QCoreApplication.translate(
                "AnalysisPanel", "Seed, trials, orders, thresholds and supply flows (saved with the project)"
            )
        )
        self.mode_label.setText(QCoreApplication.translate("AnalysisPanel", "Canvas colours:"))
        with QSignalBlocker(self.mode_combo):
            self.mode_combo.clear()
            for mode in colormodes.MODES:
                self.mode_combo.addItem(colormodes.mode_label(mode), mode)
            self.mode_combo.setCurrentIndex(self.mode_combo.findData(color_mode))
        self.marks_box.setText(QCoreApplication.translate("AnalysisPanel", "Mark weak points"))
        self.marks_box.setToolTip(
            QCoreApplication.translate(
                "AnalysisPanel",
                "Rings on the canvas: single points of failure (red), capabilities built "
                "twice (orange), unmet needs (violet)",
            )
        )
        self.flows_label.setText(QCoreApplication.translate("AnalysisPanel", "Show flows:"))
        for kind, box in self.flow_boxes.items():
            box.setText(short_kind_label(FlowKind(kind)))
            box.setToolTip(
                QCoreApplication.translate("AnalysisPanel", "Show or hide flows of kind: {0}").format(
                    enum_label(FlowKind(kind))
                )
            )
