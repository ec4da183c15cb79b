"""UI layer: "Plan → Optimise design…" — the least-cost ecosystem design (SPEC §3.6) in the app.

:class:`OptimizeDialog` (modeless, so the canvas stays usable) takes the constraints —
capabilities to keep or exclude (picked in a searchable list or from the canvas selection),
a budget typed as planners type money ("500万", "2M"), the redundancy r and a time limit —
and runs :func:`ecodesk.analysis.optimize.optimize_design` on a copy of the shown scenario off
the GUI thread, with progress and Cancel. The result is shown in the dialog
(:class:`~ecodesk.ui.dialogs.optimize_result.DesignResultWidget`) and on the canvas as a
difference (:class:`~ecodesk.ui.canvas.design_overlay.DesignOverlayItem`); "Apply as New
Scenario" adds it through :meth:`ecodesk.ui.scenarioops.ScenarioOps.apply_design` (one undo
step) and emits ``applied(before, after)`` — the window then shows the Compare tab. The
Trade-off tab runs :func:`~ecodesk.analysis.optimize.tradeoff` for r = 1, 2, 3. The runs, the
budget's reading and the canvas selection's capabilities are in
:mod:`~ecodesk.ui.dialogs.optimize_run`.

A change of the model (or a switch of scenario) makes a result stale: the overlay goes and
Apply is disabled until the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.model import Bindings, Scenario
from ecodesk.ui.dialogs.optimize_compact import CompactMode, place_full_dialog
from ecodesk.ui.dialogs.optimize_picker import CapabilityPickerWidget
from ecodesk.ui.dialogs.optimize_result import DesignResultWidget, TradeoffWidget
from ecodesk.ui.dialogs.optimize_run import BackgroundRun, BadBudget, parse_budget, selected_capabilities
from ecodesk.ui.i18n import is_chinese
from ecodesk.ui.panels.base import tone_color
from ecodesk.ui.plaintext import plain_label

if TYPE_CHECKING:
    from ecodesk.analysis.optimize import DesignOptions, DesignResult
    from ecodesk.ui.canvas.design_overlay import DesignOverlayItem
    from ecodesk.ui.controller import DocumentController


class OptimizeDialog(QDialog):
    """The optimiser's constraints, run, result, canvas difference, trade-off and Apply."""

    #: A design was applied: (name of the scenario it was computed on, name of the new one).
    applied = Signal(str, str)
    #: A run ended with a result shown (tests wait for it).
    result_shown = Signal()

    def __init__(self, controller: DocumentController, scene_getter: Callable[[], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optimize_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setSizeGripEnabled(True)
        self.controller = controller
        self.scene_getter = scene_getter or (lambda: None)
        self.result: DesignResult | None = None
        self.result_scenario: Scenario | None = None  # the copy the result was computed on
        self.stale = False
        self.overlay: DesignOverlayItem | None = None
        self._pending: Scenario | None = None  # the copy the running optimisation works on
        self._pending_rev = -1  # the revision of the shown scenario it was copied at
        self._trade_rev = -1  # the same for the trade-off
        self.runner = BackgroundRun(self)
        self.trade_runner = BackgroundRun(self)
        self._bindings = Bindings()
        self._doc_bindings = Bindings()
        self._build()
        self.runner.progress.connect(self.progress.setValue)
        self.runner.done.connect(self._on_runner_done)
        self.runner.failed.connect(self._on_runner_failed)
        self.runner.cancelled.connect(self._on_runner_cancelled)
        self.trade_runner.progress.connect(lambda p: self.tradeoff.set_running(True, p))
        self.trade_runner.done.connect(self._on_trade_done)
        self.trade_runner.failed.connect(self._on_trade_failed)
        self.trade_runner.cancelled.connect(self._on_trade_cancelled)
        self._ctl_bindings = Bindings()
        self._ctl_bindings.connect(self.controller.document_changed, self._on_controller_document_changed)
        self._follow_document()
        self.retranslate()
        self.resize(1120, 700)

    # building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.picker = CapabilityPickerWidget(self)
        self.keep_sel = QPushButton(self)
        self.keep_sel.setObjectName("optimize_keep_selection")
        self.exclude_sel = QPushButton(self)
        self.exclude_sel.setObjectName("optimize_exclude_selection")
        self.clear_marks = QPushButton(self)
        self.clear_marks.setObjectName("optimize_clear_marks")
        self.keep_sel.clicked.connect(lambda: self.use_canvas_selection("keep"))
        self.exclude_sel.clicked.connect(lambda: self.use_canvas_selection("exclude"))
        self.clear_marks.clicked.connect(self.picker.clear_marks)
        self.budget = QLineEdit(self)
        self.budget.setObjectName("optimize_budget")
        self.redundancy = QSpinBox(self)
        self.redundancy.setObjectName("optimize_redundancy")
        self.redundancy.setRange(1, 9)
        self.time_limit = QDoubleSpinBox(self)
        self.time_limit.setObjectName("optimize_time_limit")
        self.time_limit.setRange(0.0, 3600.0)
        self.time_limit.setDecimals(0)
        self.time_limit.setValue(60.0)
        self.form = QFormLayout()
        self.form_labels = [plain_label(QLabel(self)) for _ in range(3)]
        for label, field in zip(self.form_labels, (self.budget, self.redundancy, self.time_limit), strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("optimize_run")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("optimize_cancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("optimize_progress")
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.error = plain_label(QLabel(self))
        self.error.setObjectName("optimize_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {tone_color('bad').name()};")
        self.error.hide()
        self.constraints = QGroupBox(self)
        left = QVBoxLayout(self.constraints)
        left.addWidget(self.picker, 1)
        sel = QHBoxLayout()
        for b in (self.keep_sel, self.exclude_sel, self.clear_marks):
            sel.addWidget(b)
        left.addLayout(sel)
        left.addLayout(self.form)
        run = QHBoxLayout()
        run.addWidget(self.run_button)
        run.addWidget(self.cancel_button)
        run.addWidget(self.progress, 1)
        left.addLayout(run)
        left.addWidget(self.error)
        self.result_view = DesignResultWidget(self)
        self.legend = plain_label(QLabel(self))
        self.legend.setObjectName("optimize_legend")
        self.legend.setWordWrap(True)
        self.legend.setProperty("role", "hint")
        result_page = QWidget(self)
        rl = QVBoxLayout(result_page)
        rl.addWidget(self.result_view, 1)
        rl.addWidget(self.legend)
        self.tradeoff = TradeoffWidget(self)
        self.tradeoff.run_button.clicked.connect(self.run_tradeoff)
        self.tradeoff.cancel_button.clicked.connect(self.trade_runner.cancel)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("optimize_tabs")
        self.tabs.addTab(result_page, "")
        self.tabs.addTab(self.tradeoff, "")
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.constraints)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([400, 700])  # the list shows owner and category too
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.apply_button = QPushButton(self)
        self.apply_button.setObjectName("optimize_apply")
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(lambda: self.apply())
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("optimize_show_on_canvas")
        self.show_button.setEnabled(False)
        self.show_button.clicked.connect(lambda: self.show_on_canvas())
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        self.compact = CompactMode(self)  # the dialog shrunk over a corner of the canvas
        self.compact.panel.apply_button.clicked.connect(lambda: self.apply())
        self.compact.panel.details_button.clicked.connect(self.show_details)
        self.compact.panel.fit_button.clicked.connect(lambda: self.compact.fit())
        lay = QVBoxLayout(self)
        lay.addWidget(self.splitter, 1)
        lay.addWidget(self.buttons)
        lay.addWidget(self.compact.panel)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Optimise Design — {0}").format(self.scenario.name))
        self.constraints.setTitle(self.tr("Constraints"))
        self.picker.retranslate()
        self.keep_sel.setText(self.tr("Keep Selected"))
        self.keep_sel.setToolTip(self.tr("Keep the capabilities selected on the canvas, or those of the selected "
                                         "entities"))
        self.exclude_sel.setText(self.tr("Exclude Selected"))
        self.exclude_sel.setToolTip(self.tr("Close the capabilities selected on the canvas, or those of the selected "
                                            "entities"))
        self.clear_marks.setText(self.tr("Clear Marks"))
        for label, text in zip(self.form_labels, (self.tr("&Budget for fixed costs:"), self.tr("&Redundancy r:"),
                                                  self.tr("&Time limit:")), strict=True):
            label.setText(text)
        self.budget.setPlaceholderText(self.tr("No limit (e.g. 500万, 2M)"))
        self.budget.setToolTip(self.tr("The most the kept capabilities' fixed costs may add up to"))
        self.redundancy.setToolTip(self.tr("Every served demand needs r capabilities of its category kept (r − 1 "
                                           "backups)"))
        self.time_limit.setSuffix(self.tr(" s"))
        self.time_limit.setSpecialValueText(self.tr("No limit"))
        self.time_limit.setToolTip(self.tr("Stop the search after this time and show the best design found, with "
                                           "its gap"))
        self.run_button.setText(self.tr("&Run"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.apply_button.setText(self.tr("&Apply as New Scenario"))
        self.apply_button.setToolTip(self.tr("Add the design as a new scenario after this one (undoable) and compare "
                                             "the two"))
        self.show_button.setText(self.tr("Show on &Canvas"))
        self.show_button.setToolTip(self.tr("Shrink this dialog to a small panel beside the difference on the canvas"))
        self.tabs.setTabText(0, self.tr("Result"))
        self.tabs.setTabText(1, self.tr("Trade-off"))
        self.legend.setText(self.tr("On the canvas: struck red — closed capabilities and flows that go away; dashed "
                                    "green — new or re-pointed capability flows; orange — demands left standalone."))
        self.result_view.retranslate()
        self.tradeoff.retranslate()
        self.compact.panel.retranslate()
        self._show_stale_note()

    def changeEvent(self, event: Any) -> None:
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._refresh_overlay()
            self._sync_buttons()
            if self.compact_mode:
                self.compact.enter(fit=False)  # the texts' new length
        super().changeEvent(event)

    # the document ---------------------------------------------------------------------------
    @property
    def document(self) -> Any:
        return self.controller.document

    @property
    def scenario(self) -> Scenario:
        return self.controller.document.scenario

    @property
    def currency(self) -> str:
        return str(self.document.project.currency)

    def _follow_document(self) -> None:
        self._doc_bindings.clear()
        self._doc_bindings.connect(self.document.scenario_switched, self._on_document_scenario_switched)
        self._follow_scenario()

    def _follow_scenario(self) -> None:
        self._bindings.clear()
        self._bindings.connect(self.scenario.changed, self._on_scenario_changed)
        self.picker.set_scenario(self.scenario)

    def _on_controller_document_changed(self, _doc: Any) -> None:
        self.close()  # another project: its design questions start afresh

    def _on_document_scenario_switched(self, _scenario: Any) -> None:
        self.runner.cancel(quiet=True)
        self.trade_runner.cancel(quiet=True)
        self._follow_scenario()
        self._set_result(None, None)
        self.show_details()  # nothing to show on the canvas
        self.tradeoff.show_rows([], self.currency)
        self._set_running(False)
        self.setWindowTitle(self.tr("Optimise Design — {0}").format(self.scenario.name))

    def _on_scenario_changed(self) -> None:
        self.picker.set_scenario(self.scenario)
        if self.result is not None and not self.stale:
            self._mark_stale()
        if self.tradeoff.rows:
            self.tradeoff.set_message(self.tr("The scenario changed after this run: run again to see its design."))

    def _mark_stale(self) -> None:
        """The result is of an earlier state of the scenario: no difference, no Apply."""
        self.stale = True
        self._remove_overlay()
        self._sync_buttons()
        self._show_stale_note()

    def _show_stale_note(self) -> None:
        if self.stale:
            self.error.setText(self.tr("The scenario changed after this run: run again to see its design."))
            self.error.show()
            self.compact.refresh()

    # canvas selection -----------------------------------------------------------------------
    def use_canvas_selection(self, state: str) -> int:
        """Mark the capabilities of the canvas selection "keep" or "exclude"; returns how many."""
        ids = selected_capabilities(self.scenario, self.document.selected_objects())
        n = self.picker.set_state(ids, state)
        if not ids:
            self._say(self.tr("Select entities (their capabilities) or capabilities on the canvas first."))
        else:
            self.error.hide()
        return n

    # running --------------------------------------------------------------------------------
    def options(self) -> DesignOptions | None:
        """The options as entered; None (with the sentence shown) when something is wrong."""
        from ecodesk.analysis.optimize import DesignInputError, DesignOptions, check_options

        try:
            budget = parse_budget(self.budget.text(), lambda t: self.tr(
                "The budget “{0}” is not an amount: type a number such as 500000, 50万 or 2M.").format(t))
        except BadBudget as exc:
            self._say(str(exc))
            return None
        limit = self.time_limit.value()
        options = DesignOptions(redundancy=self.redundancy.value(), budget=budget, keep=self.picker.keep(),
                                exclude=self.picker.exclude(), time_limit=limit if limit > 0 else None)
        try:
            check_options(self.scenario, options)
        except DesignInputError as exc:
            self._say(exc.sentence("zh" if is_chinese() else "en"))
            return None
        return options

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def run(self) -> bool:
        """Start the optimiser on a copy of the shown scenario; False when the options are refused."""
        options = self.options()
        if options is None:
            return False
        self._say("")
        from ecodesk.analysis.optimize import optimize_design

        snapshot = self.scenario.copy()  # copied here: the live model never crosses threads
        self._pending, self._pending_rev = snapshot, self.scenario.revision
        self.runner.start(lambda progress, cancel: optimize_design(snapshot, options, progress=progress,
                                                                   cancel=cancel))
        self._set_running(True)
        return True

    def cancel(self) -> None:
        self.runner.cancel()

    def _set_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        self.progress.setValue(0)
        self.constraints.setProperty("running", running)

    def _on_runner_done(self, result: DesignResult) -> None:
        self._set_running(False)
        self._set_result(result, self._pending)
        if self.scenario.revision != self._pending_rev:  # edited while it ran
            self._mark_stale()
        elif self.overlay is not None and self.compact.covers_canvas():
            self.show_on_canvas()  # the difference is the point: don't hide it
        elif self.overlay is not None:
            self.compact.bring_into_view()  # beside the canvas: the difference where it is not
        self.result_shown.emit()

    def _on_runner_failed(self, message: str) -> None:
        self._set_running(False)
        self._say(self.tr("The design could not be computed: {0}").format(message))

    def _on_runner_cancelled(self) -> None:
        self._set_running(False)
        self._say(self.tr("Cancelled: the design shown (if any) is from the previous run."))

    def _set_result(self, result: DesignResult | None, scenario: Scenario | None) -> None:
        self.result, self.result_scenario, self.stale = result, scenario, False
        self.result_view.show_result(result, scenario, self.currency)
        self._refresh_overlay()
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        """Apply and Show on Canvas (and the compact panel) follow the result and its state."""
        r = self.result
        self.apply_button.setEnabled(r is not None and not self.stale and r.status != "infeasible")
        self.show_button.setEnabled(self.overlay is not None)
        self.compact.refresh()

    # the compact panel ----------------------------------------------------------------------
    @property
    def compact_mode(self) -> bool:
        return self.compact.active

    def show_on_canvas(self, fit: bool = True) -> bool:
        """Shrink to the compact panel over the canvas corner that hides least of the diagram
        (``fit``: bring the difference into view when it is not); False without a difference."""
        return self.compact.enter(fit)

    def show_details(self) -> None:
        """The full dialog again, at its geometry before it shrank."""
        self.compact.leave()

    # the canvas difference ------------------------------------------------------------------
    def _remove_overlay(self) -> None:
        if self.overlay is not None:
            self.overlay.remove()
            self.overlay = None

    def _refresh_overlay(self) -> None:
        self._remove_overlay()
        scene = self.scene_getter()
        if scene is None or self.result is None or self.stale or self.result.status == "infeasible":
            return
        from ecodesk.ui.canvas.design_overlay import DesignOverlayItem

        labels = {"standalone": self.tr("standalone: {0}"), "own": self.tr("own capability: {0}"),
                  "sep": "、" if is_chinese() else ", "}
        self.overlay = DesignOverlayItem(scene, self.scenario, self.result, labels)

    # trade-off ------------------------------------------------------------------------------
    def run_tradeoff(self) -> bool:
        options = self.options()
        if options is None:
            return False
        self._say("")
        from ecodesk.analysis.optimize import tradeoff

        snapshot = self.scenario.copy()
        self._trade_rev = self.scenario.revision
        settings = self.document.project.settings
        self.trade_runner.start(lambda progress, cancel: tradeoff(snapshot, options, (1, 2, 3), settings,
                                                                  progress=progress, cancel=cancel))
        self.tradeoff.set_running(True)
        self.tradeoff.set_message("")
        return True

    def _on_trade_done(self, rows: list[Any]) -> None:
        self.tradeoff.set_running(False)
        self.tradeoff.show_rows(list(rows), self.currency)
        if self.scenario.revision != self._trade_rev:  # edited while it ran
            self.tradeoff.set_message(self.tr("The scenario changed after this run: run again to see its design."))
        self.result_shown.emit()

    def _on_trade_failed(self, message: str) -> None:
        self.tradeoff.set_running(False)
        self.tradeoff.set_message(self.tr("The trade-off could not be computed: {0}").format(message))

    def _on_trade_cancelled(self) -> None:
        self.tradeoff.set_running(False)
        self.tradeoff.set_message(self.tr("Cancelled."))

    # apply ----------------------------------------------------------------------------------
    def apply(self, name: str | None = None) -> Scenario | None:
        """The shown design as a new scenario (asks for the name when None); one undo step."""
        if self.result is None or self.stale or self.result.status == "infeasible":
            return None
        before = self.scenario.name
        new = self.controller.scenarios.apply_design(self.result, name)
        if new is not None:
            self.applied.emit(before, new.name)
            self.close()
        return new

    # closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def done(self, result: int) -> None:
        """Escape (reject) hides a dialog without a close event: it ends here too, and goes."""
        self.shutdown()
        super().done(result)
        self.deleteLater()

    def shutdown(self) -> None:
        self.setObjectName("")  # being deleted: Plan → Optimise design… makes a new one
        self.runner.cancel(quiet=True)
        self.trade_runner.cancel(quiet=True)
        self._remove_overlay()
        for b in (self._bindings, self._doc_bindings, self._ctl_bindings):
            b.clear()  # (twice is harmless: closing runs this from done() and closeEvent)


def show_optimize_dialog(window: Any) -> OptimizeDialog:
    """Plan → Optimise design…: the window's one dialog, shown in front (created on first use).
    After Apply, the analysis panel's Compare tab shows the scenario before and after."""
    dialog = window.findChild(OptimizeDialog, "optimize_dialog")
    if dialog is None:
        dialog = OptimizeDialog(window.controller, lambda: window.canvas.canvas_scene, window)

        def compare(before: str, after: str) -> None:
            page = window.panes.show_analysis().show_tab("compare")
            page.choose(before, after)
            page.show_figure("cost_sharing.total_cost")  # cost, fair shares, then resilience in view

        dialog.applied.connect(compare)
        place_full_dialog(dialog, window)  # beside the canvas on a large screen, else most of the window
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
