"""UI layer: the analysis panel's place in the main window — the progress and Cancel in the
status bar (:class:`AnalysisStatusWidget`), and the registry's analysis actions (Analyze ▸
Cancel, Recompute Automatically, Colour Canvas, Mark Weak Points; declared in
:mod:`ecodesk.ui.action_specs`) kept in step with the panel (:func:`follow_panel`).

The window builds the panel after its first paint (or on first use) and calls
:func:`install_analysis_panel`; it keeps what that returns. Nothing here touches the
window's own state.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from ecodesk.ui.panels.analysis_panel import AnalysisPanel
from ecodesk.ui.panels.worker import collect_garbage_in_gui_thread
from ecodesk.ui.plaintext import plain_label


class AnalysisStatusWidget(QWidget):
    """Status-bar progress of the running analysis, with Cancel; hidden when idle."""

    def __init__(self, panel: AnalysisPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysis_status")
        self.panel = panel
        self.label = plain_label(QLabel(self))
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setFixedWidth(140)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.setObjectName("analysis_status_cancel")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.clicked.connect(panel.cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 6, 0)
        lay.setSpacing(4)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel_button)
        panel.state_changed.connect(self.update_state)
        self.update_state()

    def update_state(self) -> None:
        ch = self.panel.channel
        self.setVisible(ch.running)
        self.bar.setValue(ch.percent)
        self.label.setText(self.tr("Analysing {0} %").format(ch.percent))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the running analysis"))


class AnalysisActions:
    """The registry's analysis actions by their old names (``cancel``, ``auto``, ``marks``,
    ``what_if``, ``compare``, ``from_current``, ``modes``)."""

    def __init__(self, actions: Any) -> None:
        self.cancel: QAction = actions.analyze_cancel
        self.auto: QAction = actions.analyze_auto
        self.marks: QAction = actions.analyze_marks
        self.what_if: QAction = actions.analyze_what_if
        self.compare: QAction = actions.analyze_compare
        self.from_current: QAction = actions.scenario_from_current
        self.modes: dict[str, QAction] = actions.color_modes


class AnalysisParts(NamedTuple):
    panel: AnalysisPanel
    status: AnalysisStatusWidget


def _set_checked(action: QAction, on: bool) -> None:
    if action.isChecked() != on:
        with QSignalBlocker(action):
            action.setChecked(on)


def follow_panel(panel: AnalysisPanel, actions: AnalysisActions) -> None:
    """Keep the checked states of the analysis actions as the panel has them."""

    def sync() -> None:
        _set_checked(actions.auto, panel.channel.auto)
        _set_checked(actions.marks, panel.marks_on)
        _set_checked(actions.modes[panel.color_mode], True)

    panel.state_changed.connect(sync)
    panel.color_mode_changed.connect(lambda mode: _set_checked(actions.modes[mode], True))
    panel.marks_changed.connect(lambda on: _set_checked(actions.marks, on))
    sync()


def install_analysis_panel(document: Any, canvas: Any, parent: QWidget, status_bar: QStatusBar,
                           actions: Any) -> AnalysisParts:
    """Create the analysis panel over ``document`` and ``canvas``, put its progress into
    ``status_bar`` and keep the registry's analysis ``actions`` in step with it. The caller
    puts the panel into its dock."""
    collect_garbage_in_gui_thread()  # analyses run in threads: see GuiThreadGarbageCollector
    panel = AnalysisPanel(document, canvas, parent)
    status = AnalysisStatusWidget(panel, status_bar)
    status_bar.insertPermanentWidget(0, status)
    follow_panel(panel, AnalysisActions(actions))
    return AnalysisParts(panel, status)
