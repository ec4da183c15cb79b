"""UI layer: puts the analysis panel into the main window — into its dock, the progress and
Cancel button in the status bar, the Analyze menu (run, cancel, automatic, colour mode,
marks, what-if, compare), "New Scenario from Current…" in the Scenario menu, and keeps
the View menu's flow filters in step with the canvas. The window makes the dock frame
itself and calls :func:`install_analysis_panel` once, after its first paint or when the
panel is first asked for; everything else lives here, so the window's own code stays small."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QProgressBar, QToolButton, QWidget

from ecodesk.commands import duplicate_scenario, unique_name
from ecodesk.model import Entity
from ecodesk.ui.panels import colormodes
from ecodesk.ui.panels.analysis_panel import AnalysisPanel
from ecodesk.ui.panels.worker import collect_garbage_in_gui_thread


class AnalysisStatusWidget(QWidget):
    """Status-bar progress of the running analysis, with Cancel; hidden when idle."""

    def __init__(self, panel: AnalysisPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysis_status")
        self.panel = panel
        self.label = QLabel(self)
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


class AnalysisMenus(QObject):
    """The panel's actions in the window's menus (retranslated with the panel)."""

    def __init__(self, window: Any, panel: AnalysisPanel) -> None:
        super().__init__(window)
        self.window, self.panel = window, panel
        self.cancel = QAction(window)
        self.cancel.setObjectName("analyze_cancel")
        self.cancel.triggered.connect(panel.cancel)
        self.auto = QAction(window)
        self.auto.setObjectName("analyze_auto")
        self.auto.setCheckable(True)
        self.auto.setChecked(panel.channel.auto)
        self.auto.toggled.connect(panel.set_auto)
        self.marks = QAction(window)
        self.marks.setObjectName("analyze_marks")
        self.marks.setCheckable(True)
        self.marks.setChecked(panel.marks_on)
        self.marks.toggled.connect(panel.set_marks_visible)
        self.what_if = QAction(window)
        self.what_if.setObjectName("analyze_what_if")
        self.what_if.triggered.connect(self._what_if_selected)
        self.compare = QAction(window)
        self.compare.setObjectName("analyze_compare")
        self.compare.triggered.connect(self.show_compare)
        self.from_current = QAction(window)
        self.from_current.setObjectName("scenario_from_current")
        self.from_current.triggered.connect(lambda: self.new_from_current())
        self.mode_group = QActionGroup(self)
        self.modes: dict[str, QAction] = {}
        for mode in colormodes.MODES:
            a = QAction(window)
            a.setObjectName(f"color_mode_{mode}")
            a.setCheckable(True)
            a.setChecked(mode == panel.color_mode)
            a.triggered.connect(lambda checked=False, m=mode: panel.set_color_mode(m))
            self.mode_group.addAction(a)
            self.modes[mode] = a
        m = window.analyze_menu
        m.addAction(self.cancel)
        m.addAction(self.auto)
        m.addSeparator()
        m.addAction(window.analysis_dock.toggleViewAction())
        self.colour_menu = m.addMenu("")
        self.colour_menu.setObjectName("color_mode_menu")
        for a in self.modes.values():
            self.colour_menu.addAction(a)
        m.addAction(self.marks)
        m.addSeparator()
        m.addAction(self.what_if)
        m.addAction(self.compare)
        sm = window.scenario_menu
        sm.insertAction(window.actions.scenario_duplicate, self.from_current)
        sm.addSeparator()
        sm.addAction(self.compare)
        window.addActions([self.cancel, self.what_if, self.compare, self.from_current])
        panel.state_changed.connect(self._on_panel_state_changed)
        panel.color_mode_changed.connect(lambda mode: self.modes[mode].setChecked(True))
        panel.marks_changed.connect(self._on_marks_changed)
        self.retranslate()
        self._on_panel_state_changed()

    def _on_panel_state_changed(self) -> None:
        ch = self.panel.channel
        self.cancel.setEnabled(ch.running)
        if self.auto.isChecked() != ch.auto:
            self.auto.setChecked(ch.auto)
        doc = self.window.document
        sel = [o for o in doc.selected_objects() if isinstance(o, Entity)] if doc is not None else []
        self.what_if.setEnabled(len(sel) == 1)

    def _on_marks_changed(self, on: bool) -> None:
        if self.marks.isChecked() != on:
            self.marks.setChecked(on)

    def _what_if_selected(self) -> None:
        doc = self.window.document
        ents = [o for o in doc.selected_objects() if isinstance(o, Entity)]
        if len(ents) == 1:
            self.panel.show_what_if(ents[0].id)
        else:
            self.panel.status(self.tr("Select one entity to ask what happens if it leaves"))

    def show_compare(self) -> None:
        self.window.analysis_dock.show()
        self.window.analysis_dock.raise_()
        self.panel.show_tab("compare")

    def new_from_current(self, name: str | None = None) -> bool:
        """A copy of the shown scenario under a new name, shown (one undo step)."""
        w = self.window
        doc = w.document
        project, current = doc.project, doc.scenario
        if name is None:
            suggestion = unique_name(self.tr("{0} – variant").format(current.name), project.scenario_names())
            name, ok = QInputDialog.getText(w, self.tr("New Scenario from Current"),
                                            self.tr("Name of the new scenario (a copy of “{0}”):").format(
                                                current.name), text=suggestion)
            if not ok:
                return False
        cmd = duplicate_scenario(project, current.name, name)
        return bool(w._push_scenario(cmd, cmd.scenario))

    def retranslate_dock(self) -> None:
        self.window.analysis_dock.setWindowTitle(self.tr("Analysis"))

    def retranslate(self) -> None:
        for action, text, tip in (
            (self.cancel, self.tr("&Cancel Analysis"), self.tr("Stop the running analysis")),
            (self.auto, self.tr("Recompute &Automatically"), self.tr("Recompute the analysis shortly after every edit")),
            (self.marks, self.tr("&Mark Weak Points"), self.tr("Ring single points of failure, capabilities built twice "
                                                     "and unmet needs on the canvas")),
            (self.what_if, self.tr("&What If the Selected Entity Leaves?…"),
             self.tr("Service, cascade and cost sharing without the selected entity (the model is not changed)")),
            (self.compare, self.tr("Co&mpare Scenarios"), self.tr("Two scenarios side by side in the analysis panel")),
            (self.from_current, self.tr("New Scenario from &Current…"), self.tr("Add a copy of the shown scenario under a "
                                                                      "new name")),
        ):
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(text.replace("&", "").rstrip("…"))
        for mode, action in self.modes.items():
            action.setText(colormodes.mode_label(mode))
        self.colour_menu.setTitle(self.tr("&Colour Canvas"))
        self.window.analysis_dock.toggleViewAction().setText(self.tr("Analysis &Panel"))
        self.retranslate_dock()


def install_analysis_panel(window: Any) -> AnalysisPanel:
    """Create the analysis panel in ``window`` (a MainWindow) and wire it in: into the
    window's ``analysis_dock`` (the window makes the dock frame before it is shown, so that
    a saved layout restores it; the panel comes after the first paint)."""
    collect_garbage_in_gui_thread()  # analyses run in threads: see GuiThreadGarbageCollector
    panel = AnalysisPanel(window.document, window.canvas, window)
    window.analysis_dock.setWidget(panel)
    panel.status_message.connect(lambda text: window.statusBar().showMessage(text, 8000))
    status = AnalysisStatusWidget(panel, window.statusBar())
    window._analysis_status = status
    window.statusBar().insertPermanentWidget(0, status)
    menus = AnalysisMenus(window, panel)
    window._analysis_menus = menus
    panel.retranslated.connect(menus.retranslate)
    window.document.selection_changed.connect(lambda *a: menus._on_panel_state_changed())
    # the View menu's flow filters follow the canvas (the legend and the panel toggle them too)
    if hasattr(window.canvas, "flow_kind_visibility_changed"):
        def sync(kind: str, visible: bool) -> None:
            act = window.actions.flow_visible.get(kind)
            if act is not None and act.isChecked() != visible:
                act.blockSignals(True)
                act.setChecked(visible)
                act.blockSignals(False)

        window.canvas.flow_kind_visibility_changed.connect(sync)
    return panel


def attach_document(window: Any, document: Any) -> None:
    """The window shows another document: the panel and the menus follow it."""
    window.analysis_panel.set_document(document)
    document.selection_changed.connect(lambda *a: window.analysis_menus._on_panel_state_changed())
