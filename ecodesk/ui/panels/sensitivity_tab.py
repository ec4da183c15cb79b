"""UI layer: the Sensitivity tab (SPEC §3.7) — which assumptions matter, and how sure the
figures are.

One metric (picked by its readable name, e.g. "Shapley share of 家电品牌"; the dotted path in
the tooltip) for both halves:

* **Sensitivity** — each input number of the chosen fields lowered and raised by p, one at
  a time (:func:`ecodesk.analysis.sensitivity.sensitivity`): a tornado chart (rows named
  "object · field" in the UI language, sorted by swing as the engine sorts them) and the
  same rows in an exportable table. A click on a bar or a row selects the object on the
  canvas.
* **Uncertainty** — every ranged number drawn from its triangular distribution, N times
  (:func:`ecodesk.analysis.uncertainty.uncertainty`): a histogram of the metric with its
  p05 / p50 / p95 and mean, and per partner the share of cases it is better off than alone.
  A model without ranges gets a sentence on how to add them instead of an empty chart.

Sweeps are expensive: they start only on Run (never on an edit), in the background, with
progress and Cancel (:mod:`ecodesk.ui.panels.sweep_runs`); a result greys out once the
model it describes has changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

import ecodesk.ui.panels.sweep_charts as sc
from ecodesk.model import AnalysisSettings, Scenario
from ecodesk.ui.i18n import current_language
from ecodesk.ui.panels.base import tone_color
from ecodesk.ui.panels.charts import ChartWidget
from ecodesk.ui.panels.section import ResultPage, Section, StaleOverlay
from ecodesk.ui.panels.sweep_controls import FieldsButton, MetricPicker, parse_share, share_text
from ecodesk.ui.panels.sweep_runs import SweepRun
from ecodesk.ui.panels.sweep_views import SweepDrawing, has_ranges, selection_for
from ecodesk.ui.panels.tables import Column, ResultTableModel, ResultTableView
from ecodesk.ui.panels.worker import run_in_background
from ecodesk.ui.plaintext import plain_label

#: Metrics offered first when the list opens (the first one present is chosen).
PREFERRED_METRICS = ("cost_sharing.total_cost", "reuse.total_savings", "resilience.service_level")
#: Rows the tornado shows at most (the engine's ``top``).
TOP = 20


class SensitivityTab(ResultPage):
    """The Sensitivity tab (see the module docstring)."""

    #: A bar of the tornado was clicked (argument: the row's object id).
    bar_clicked = Signal(str)

    def __init__(self, panel: Any) -> None:
        super().__init__("sensitivity_tab", panel)
        self.panel = panel
        #: Process-pool workers for the sweeps (None: all local cores).
        self.workers: int | None = None
        self._choices_key: tuple[Any, ...] | None = None
        self._ranged: tuple[Any, bool] = (None, False)
        self._build_metric_bar()
        self._build_sensitivity()
        self._build_uncertainty()
        self.finish()
        self.sens_run = SweepRun(self)
        self.unc_run = SweepRun(self)
        self.drawing = SweepDrawing(self)
        self.sens_run.changed.connect(self._on_sens_changed)
        self.unc_run.changed.connect(self._on_unc_changed)
        self.bars: list[sc.TornadoBar] = []
        self.bar_ids: list[str] = []
        self.tornado_items: dict[str, Any] = {}
        self.hist_counts: Any = None
        self.hist_edges: Any = None
        self.tornado.plot.scene().sigMouseClicked.connect(self._on_tornado_clicked)
        panel.channel.state_changed.connect(self._on_model_maybe_changed)
        self._choices_timer = QTimer(self)
        self._choices_timer.setSingleShot(True)
        self._choices_timer.setInterval(250)
        self._choices_timer.timeout.connect(lambda: self.refresh_choices(background=True))
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(150)
        self._resize_timer.timeout.connect(self._refit_names)
        self.retranslate()

    # construction -------------------------------------------------------------------------------
    def _build_metric_bar(self) -> None:
        bar = QWidget(self.inner)
        h = QHBoxLayout(bar)
        h.setContentsMargins(6, 2, 6, 0)
        self.metric_label = plain_label(QLabel(bar))
        self.metric_picker = MetricPicker(bar)
        self.metric_picker.metric_changed.connect(lambda _p: self._update_states())
        self.metric_picker.opening.connect(lambda: self.refresh_choices(if_changed=True))
        h.addWidget(self.metric_label)
        h.addWidget(self.metric_picker, 1)
        self.column.addWidget(bar)

    def _progress_widgets(self, parent: QWidget, name: str) -> tuple[QPushButton, QPushButton, QProgressBar, QLabel]:
        run = QPushButton(parent)
        run.setObjectName(f"{name}_run")
        cancel = QPushButton(parent)
        cancel.setObjectName(f"{name}_cancel")
        cancel.setEnabled(False)
        bar = QProgressBar(parent)
        bar.setRange(0, 100)
        bar.setFixedWidth(110)
        bar.setMaximumHeight(14)
        bar.setTextVisible(False)
        bar.hide()
        state = plain_label(QLabel(parent))
        state.setObjectName(f"{name}_state")
        state.setWordWrap(True)
        return run, cancel, bar, state

    def _build_sensitivity(self) -> None:
        from ecodesk.analysis.sensitivity import DEFAULT_FIELDS, NUMERIC_FIELDS

        s = self.sens = self.add_section(Section("sensitivity_section", self, 330), results=False)
        controls = QWidget(s)
        controls.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        h = QHBoxLayout(controls)
        h.setContentsMargins(0, 0, 0, 0)
        self.p_label = plain_label(QLabel(controls))
        self.p_edit = QLineEdit(share_text(0.2), controls)
        self.p_edit.setObjectName("sensitivity_p")
        self.p_edit.setMaximumWidth(70)
        self.fields = FieldsButton(NUMERIC_FIELDS, DEFAULT_FIELDS, controls)
        self.sens_run_button, self.sens_cancel, self.sens_bar, self.sens_state = self._progress_widgets(
            controls, "sensitivity")
        for w in (self.p_label, self.p_edit, self.fields, self.sens_run_button, self.sens_cancel, self.sens_bar):
            h.addWidget(w)
        h.addWidget(self.sens_state, 1)
        s.body.addWidget(controls)
        self.sens_run_button.clicked.connect(self.run_sensitivity)
        self.sens_cancel.clicked.connect(lambda: self.sens_run.cancel())
        self.p_edit.returnPressed.connect(self.run_sensitivity)
        self.sens_results = QWidget(s)
        v = QVBoxLayout(self.sens_results)
        v.setContentsMargins(0, 0, 0, 0)
        self.tornado = ChartWidget("tornado_chart", self.sens_results)
        self.sens_model = ResultTableModel()
        self.sens_table = ResultTableView(self.sens_model, "sensitivity_table", self.sens_results)
        self.sens_table.horizontalHeader().setStretchLastSection(False)
        self.sens_model.modelReset.connect(self._size_input_column)
        split = s.split(self.tornado, self.sens_table, sizes=[620, 520])
        s.body.removeWidget(split)
        v.addWidget(split)
        s.body.addWidget(self.sens_results, 1)
        self.sens_overlay = StaleOverlay(self.sens_results)

    def _build_uncertainty(self) -> None:
        u = self.unc = self.add_section(Section("uncertainty_section", self, 300), results=False)
        controls = QWidget(u)
        controls.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        h = QHBoxLayout(controls)
        h.setContentsMargins(0, 0, 0, 0)
        self.samples_label = plain_label(QLabel(controls))
        self.samples = QSpinBox(controls)
        self.samples.setObjectName("uncertainty_samples")
        self.samples.setRange(1, 1_000_000)
        self.samples.setSingleStep(100)
        self.samples.setGroupSeparatorShown(True)
        self.samples.setValue(1000)
        self.seed_label = plain_label(QLabel(controls))
        self.seed = QLineEdit(controls)
        self.seed.setObjectName("uncertainty_seed")
        self.seed.setMaximumWidth(110)
        self.unc_run_button, self.unc_cancel, self.unc_bar, self.unc_state = self._progress_widgets(
            controls, "uncertainty")
        for w in (self.samples_label, self.samples, self.seed_label, self.seed, self.unc_run_button,
                  self.unc_cancel, self.unc_bar):
            h.addWidget(w)
        h.addWidget(self.unc_state, 1)
        u.body.addWidget(controls)
        self.unc_run_button.clicked.connect(self.run_uncertainty)
        self.unc_cancel.clicked.connect(lambda: self.unc_run.cancel())
        self.seed.returnPressed.connect(self.run_uncertainty)
        self.no_ranges = plain_label(QLabel(u))
        self.no_ranges.setObjectName("uncertainty_no_ranges")
        self.no_ranges.setWordWrap(True)
        self.no_ranges.setProperty("role", "hint")
        self.no_ranges.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.no_ranges.setContentsMargins(0, 12, 0, 0)
        u.body.addWidget(self.no_ranges, 1)
        self.unc_results = QWidget(u)
        v = QVBoxLayout(self.unc_results)
        v.setContentsMargins(0, 0, 0, 0)
        self.histogram = ChartWidget("uncertainty_histogram", self.unc_results)
        self.better = ChartWidget("better_off_chart", self.unc_results, percent_x=True)
        split = u.split(self.histogram, self.better, sizes=[620, 520])
        u.body.removeWidget(split)
        v.addWidget(split)
        u.body.addWidget(self.unc_results, 1)
        self.unc_overlay = StaleOverlay(self.unc_results)

    # the model -------------------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        doc = self.panel.document
        return doc.scenario if doc is not None else None

    @property
    def settings(self) -> AnalysisSettings:
        return self.panel.settings  # type: ignore[no-any-return]

    def _on_model_maybe_changed(self) -> None:
        """The panel's channel speaks on every edit, switch and settings change: grey what is
        out of date. The metric list follows another scenario at once (while shown), but an
        edit only marks it: a big model has tens of thousands of metrics, so the list is
        renewed when it is opened or on Run, never on every keystroke."""
        self._update_states()
        if self.isVisible() and self._choices_key is not None and self._choices_key[0] != id(self.scenario):
            self._choices_timer.start()

    def _model_key(self) -> tuple[Any, ...]:
        s = self.scenario
        return (id(s), current_language(), s.revision if s is not None else -1, self.settings)

    def has_ranges(self) -> bool:
        """Whether the shown scenario has any range (remembered per revision: the state line
        asks on every progress step of the panel's analysis)."""
        s = self.scenario
        key = (id(s), s.revision if s is not None else -1)
        if self._ranged[0] != key:
            self._ranged = (key, has_ranges(s))
        return self._ranged[1]

    def refresh_choices(self, if_changed: bool = False, background: bool = False) -> None:
        """The metric list for the shown scenario in the UI language (``if_changed``: only if
        the model changed since it was made; ``background``: listed off the GUI thread — a
        big model has tens of thousands of metrics — and shown when ready)."""
        from ecodesk.analysis.metrics import metric_choices

        key = self._model_key()
        if if_changed and self._choices_key == key:
            return
        s, settings, lang = self.scenario, self.settings, current_language()
        self._choices_key = key
        if s is None or not background:
            choices = metric_choices(s, settings, lang) if s is not None else []
            self.metric_picker.set_choices(choices, PREFERRED_METRICS)
            return
        snapshot = s.copy()

        def shown(choices: list[tuple[str, str]]) -> None:
            if self._choices_key == key:  # not superseded meanwhile
                self.metric_picker.set_choices(choices, PREFERRED_METRICS)

        run_in_background(lambda _p, _c: metric_choices(snapshot, settings, lang), shown)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        key = self._choices_key
        if key is None or key[:2] != self._model_key()[:2]:  # first shown, another scenario or language
            self.refresh_choices(background=True)
        self._update_states()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.sens_run.result is not None:
            self._resize_timer.start()  # the tornado's names fitted to its new width

    def _refit_names(self) -> None:
        if self.sens_run.result is not None and sc.axis_budget(self.tornado.width()) != self.drawing.budget:
            self.draw_sensitivity()

    # running ---------------------------------------------------------------------------------------
    def _chosen_metric(self, state: QLabel) -> str:
        self.refresh_choices(if_changed=True)
        path = self.metric_picker.chosen_path()
        if not path:
            self._say(state, self.tr("Pick a metric from the list (type a part of its name to search)."), "bad")
        return path

    def run_sensitivity(self) -> None:
        """Run the one-at-a-time sensitivity of the chosen metric (the planner's Run)."""
        s = self.scenario
        metric = self._chosen_metric(self.sens_state)
        if s is None or not metric:
            return
        p = parse_share(self.p_edit.text())
        if p is None or not 0 < p < 1:
            self._say(self.sens_state, self.tr("“{0}” is not a change between 0 % and 100 %: type it like 20%.").format(
                self.p_edit.text()), "bad")
            return
        fields = self.fields.chosen()
        if not fields:
            self._say(self.sens_state, self.tr("Choose at least one input field."), "bad")
            return
        workers = self.workers

        def sweep(snapshot: Scenario, settings: AnalysisSettings, progress: Any, cancel: Any) -> Any:
            from ecodesk.analysis.sensitivity import sensitivity

            return sensitivity(snapshot, settings, metric, p=p, fields=list(fields), top=TOP, workers=workers,
                               progress=progress, cancel=cancel)

        self.sens_run.start(s, self.settings, sweep, current_language())

    def run_uncertainty(self) -> None:
        """Run the uncertainty analysis of the chosen metric (the planner's Run)."""
        s = self.scenario
        metric = self._chosen_metric(self.unc_state)
        if s is None or not metric:
            return
        if not self.has_ranges():
            self._update_states()
            return
        seed_text = self.seed.text().strip()
        seed: int | None = None
        if seed_text:
            try:
                seed = int(seed_text)
            except ValueError:
                seed = -1
            if seed < 0:
                self._say(self.unc_state, self.tr("The seed must be a whole number of 0 or more, not “{0}”.").format(
                    seed_text), "bad")
                return
        samples, workers = self.samples.value(), self.workers

        def sweep(snapshot: Scenario, settings: AnalysisSettings, progress: Any, cancel: Any) -> Any:
            from ecodesk.analysis.uncertainty import uncertainty

            return uncertainty(snapshot, settings, metric, samples=samples, seed=seed, workers=workers,
                               progress=progress, cancel=cancel)

        self.unc_run.start(s, self.settings, sweep, current_language())

    def shutdown(self) -> None:
        self.sens_run.shutdown()
        self.unc_run.shutdown()

    # states ------------------------------------------------------------------------------------------
    def _say(self, label: QLabel, text: str, tone: str = "neutral") -> None:
        label.setText(text)
        label.setStyleSheet(f"color: {tone_color(tone).name()};")

    def _state(self, run: SweepRun, label: QLabel, bar: QProgressBar, cancel: QPushButton, idle: str) -> bool:
        """Show ``run``'s state; returns whether its result is out of date."""
        bar.setVisible(run.running)
        bar.setValue(run.percent)
        cancel.setEnabled(run.running)
        stale = run.result is not None and not run.is_current(self.scenario, self.settings)
        if run.running:
            self._say(label, self.tr("Running… {0} %").format(run.percent), "warn")
        elif run.error:
            self._say(label, self.tr("Could not run: {0}").format(run.error), "bad")
        elif run.cancelled:
            self._say(label, self.tr("Cancelled. The last result stays.") if run.result is not None
                      else self.tr("Cancelled."), "neutral")
        elif run.result is None:
            self._say(label, idle, "neutral")
        elif stale:
            self._say(label, self.tr("Out of date: the model changed — press Run to recompute."), "warn")
        else:
            took = run.duration or 0.0
            self._say(label, self.tr("Up to date · computed in {0} s").format(f"{took:.1f}"), "good")
        return stale

    def _update_states(self) -> None:
        stale = self._state(self.sens_run, self.sens_state, self.sens_bar, self.sens_cancel,
                            self.tr("Press Run: each input is lowered and raised by p, one at a time."))
        self._set_stale(self.sens_results, self.sens_overlay, stale)
        ranged = self.has_ranges()
        stale = self._state(self.unc_run, self.unc_state, self.unc_bar, self.unc_cancel,
                            self.tr("Press Run: every ranged number is drawn from its range, again and again.")
                            if ranged else "")
        show_results = self.unc_run.result is not None or ranged
        self.no_ranges.setVisible(not ranged and not self.unc_run.running)
        self.unc_results.setVisible(show_results)
        self._set_stale(self.unc_results, self.unc_overlay, stale)
        self.seed.setPlaceholderText(self.tr("project's ({0})").format(self.settings.seed))
        self.sens_run_button.setEnabled(self.scenario is not None)
        self.unc_run_button.setEnabled(self.scenario is not None and ranged)

    def _size_input_column(self) -> None:
        """The input's whole name where there is room (at most 380 px, and under half the
        table, so the figures stay in view)."""
        t = self.sens_table
        if self.sens_model.rows:
            t.resizeColumnToContents(0)
            t.setColumnWidth(0, max(120, min(t.columnWidth(0), 380, int(t.viewport().width() * 0.45))))

    def _set_stale(self, widget: QWidget, overlay: StaleOverlay, stale: bool) -> None:
        widget.setEnabled(not stale)
        overlay.setVisible(stale)
        overlay.raise_()

    def result_is_stale(self, which: str) -> bool:
        """Whether the shown sensitivity ("sensitivity") or uncertainty result is greyed."""
        return (self.sens_overlay if which == "sensitivity" else self.unc_overlay).isVisible()

    def _on_sens_changed(self) -> None:
        if not self.sens_run.running and self.sens_run.result is not None:
            self.draw_sensitivity()
        self._update_states()

    def _on_unc_changed(self) -> None:
        if not self.unc_run.running and self.unc_run.result is not None:
            self.draw_uncertainty()
        self._update_states()

    def draw_sensitivity(self) -> None:
        self.drawing.draw_sensitivity()

    def draw_uncertainty(self) -> None:
        self.drawing.draw_uncertainty()

    # clicks -------------------------------------------------------------------------------------------
    def _on_tornado_clicked(self, event: Any) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        i = sc.row_at(self.tornado, QPointF(event.scenePos()), len(self.bar_ids))
        if i is not None:
            self.select_row(i)

    def select_row(self, i: int) -> None:
        """Select the input of tornado row ``i`` on the canvas (and its row in the table)."""
        obj_id = self.bar_ids[i]
        ids = selection_for(self.sens_run.snapshot, obj_id)
        self.panel.link.on_table_rows_selected(ids, None)
        self.bar_clicked.emit(obj_id)

    # language ------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.metric_label.setText(self.tr("Metric:"))
        self.metric_picker.setToolTip(self.tr("The figure whose sensitivity and uncertainty are shown; type to search"))
        self.sens.title.setText(self.tr("Sensitivity: which inputs move the metric most"))
        self.unc.title.setText(self.tr("Uncertainty: how sure is the metric"))
        self.p_label.setText(self.tr("Change each input by ±"))
        self.p_edit.setToolTip(self.tr("How far each input is lowered and raised, e.g. 20%"))
        self.fields.retranslate()
        self.samples_label.setText(self.tr("Samples:"))
        self.seed_label.setText(self.tr("Seed:"))
        self.seed.setToolTip(self.tr("Empty: the project's seed (Analysis parameters)"))
        for run, cancel in ((self.sens_run_button, self.sens_cancel), (self.unc_run_button, self.unc_cancel)):
            run.setText(self.tr("Run"))
            cancel.setText(self.tr("Cancel"))
        self.no_ranges.setText(self.tr(
            "No number in this scenario has a range yet, so there is nothing uncertain to sample. Select an "
            "entity, capability, flow, need or pool, press “±” beside a number in the inspector and enter its "
            "low and high values; then press Run."))
        self._set_columns()
        self._choices_key = None  # the metric names in the new language
        if self.isVisible():
            self.refresh_choices(background=True)
        self.draw_sensitivity()
        self.draw_uncertainty()
        self._update_states()

    def _set_columns(self) -> None:
        self.sens_model.set_columns([
            Column("input", self.tr("Input")), Column("value", self.tr("Value"), "number"),
            Column("low", self.tr("Low"), "number", self.tr("The input lowered by p (risks stay within 0–1)")),
            Column("high", self.tr("High"), "number", self.tr("The input raised by p (risks stay within 0–1)")),
            Column("metric_low", self.tr("Metric at low"), "number"),
            Column("metric_high", self.tr("Metric at high"), "number"),
            Column("swing", self.tr("Swing"), "number", self.tr("|metric at high − metric at low|")),
        ])
        self.sens_table.setProperty("export_label", self.tr("Sensitivity"))
        self.tornado.setProperty("export_label", self.tr("Tornado"))
        self.histogram.setProperty("export_label", self.tr("Uncertainty histogram"))
        self.better.setProperty("export_label", self.tr("Better off than alone"))
