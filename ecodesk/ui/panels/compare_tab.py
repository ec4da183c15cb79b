"""UI layer: the Compare tab (SPEC §3.5) — any two scenarios side by side, every headline
figure with its difference, coloured good or bad with ``better`` from ``compare_results``,
and each partner's fair share (Shapley value of the cost game) before and after (an
optimised design applied as a new scenario is compared with its original here).

Each side follows its scenario like the panel does (debounced recomputation after edits,
results tagged by revision, a shared cache); the shown scenario's side simply reuses the
panel's own channel. The scenario lists follow the project (added, renamed, removed).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from ecodesk.analysis.compare import compare_results, figure_kind, figure_label, is_by_kind
from ecodesk.model import Bindings, Project, Scenario
from ecodesk.numfmt import DASH, format_value, signed_delta
from ecodesk.ui.i18n import current_language
from ecodesk.ui.panels.base import tint, tone_color
from ecodesk.ui.panels.section import ResultPage, Section
from ecodesk.ui.panels.tables import Column, ResultTableModel, ResultTableView
from ecodesk.ui.panels.worker import AnalysisChannel
from ecodesk.ui.plaintext import plain_label


class CompareTab(ResultPage):
    def __init__(self, panel: Any) -> None:
        super().__init__("compare_tab", panel)
        self.panel = panel
        self.project: Project | None = None
        self.section = self.add_section(Section("compare_figures", self, 360))
        bar = QWidget(self.section)
        h = QHBoxLayout(bar)
        h.setContentsMargins(0, 0, 0, 0)
        self.label_a = plain_label(QLabel(bar))
        self.combo_a = QComboBox(bar)
        self.combo_a.setObjectName("compare_a")
        self.label_b = plain_label(QLabel(bar))
        self.combo_b = QComboBox(bar)
        self.combo_b.setObjectName("compare_b")
        for c in (self.combo_a, self.combo_b):
            c.setMinimumContentsLength(14)
            c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            c.activated.connect(lambda _i: self.follow_choices())
        self.swap = QToolButton(bar)
        self.swap.setText("⇄")
        self.swap.clicked.connect(self.swap_sides)
        self.by_kind = QCheckBox(bar)
        self.by_kind.toggled.connect(lambda _on: self.refresh())
        self.shares = QCheckBox(bar)
        self.shares.setObjectName("compare_shares")
        self.shares.setChecked(True)
        self.shares.toggled.connect(lambda _on: self.refresh())
        self.status = plain_label(QLabel(bar))
        self.status.setProperty("role", "hint")
        for w in (self.label_a, self.combo_a, self.swap, self.label_b, self.combo_b):
            h.addWidget(w)
        h.addSpacing(12)
        h.addWidget(self.by_kind)
        h.addWidget(self.shares)
        h.addStretch(1)
        h.addWidget(self.status)
        self.section.body.addWidget(bar)
        self.model = ResultTableModel()
        self.table = ResultTableView(self.model, "compare_table", self.section)
        self.section.add(self.table)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.result_model.modelReset.connect(self._size_columns)
        self.column.setStretch(0, 1)  # the table takes the page's height (no trailing stretch)
        # the bar stays usable while the figures are being recomputed
        self.result_widgets = [self.table]
        self.own = {side: AnalysisChannel(lambda: self.panel.settings, panel.cache, delay_ms=600, parent=self)
                    for side in ("a", "b")}
        self.sides: dict[str, AnalysisChannel | None] = {"a": None, "b": None}
        self._side_bindings = {"a": Bindings(), "b": Bindings()}
        self._project_bindings = Bindings()
        for ch in self.own.values():
            ch.auto = False
        self.comparison: dict[str, Any] | None = None
        #: A figure to bring into view once the comparison has it (see :meth:`show_figure`).
        self.wanted_figure = ""
        self._set_columns()

    # project ------------------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self._project_bindings.clear()
        self.project = project
        if project is not None:
            for sig in (project.scenario_added, project.scenario_removed, project.scenario_renamed):
                self._project_bindings.connect(sig, self._on_project_scenarios_changed)
        self._fill_combos()
        self.follow_choices()

    def _on_project_scenarios_changed(self, *args: Any) -> None:
        self._fill_combos()
        self.follow_choices()

    def _scenarios(self) -> list[Scenario]:
        return self.project.scenarios if self.project is not None else []

    def _fill_combos(self) -> None:
        scenarios = self._scenarios()
        for side, combo in (("a", self.combo_a), ("b", self.combo_b)):
            current = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                for s in scenarios:
                    combo.addItem(s.name, id(s))
                ids = [id(s) for s in scenarios]
                if current in ids:
                    combo.setCurrentIndex(ids.index(current))
                elif scenarios:
                    # default: the first scenario against the last one
                    combo.setCurrentIndex(0 if side == "a" else len(scenarios) - 1)

    def chosen(self, side: str) -> Scenario | None:
        combo = self.combo_a if side == "a" else self.combo_b
        key = combo.currentData()
        return next((s for s in self._scenarios() if id(s) == key), None)

    def choose(self, a: str, b: str) -> None:
        """Compare scenario ``a`` with ``b`` (by name)."""
        for combo, name in ((self.combo_a, a), (self.combo_b, b)):
            combo.setCurrentIndex(combo.findText(name))
        self.follow_choices()

    def show_figure(self, key: str) -> None:
        """Scroll figure ``key`` to the top of the table, now or as soon as both sides are
        computed (after an optimised design is applied: the cost figures first)."""
        self.wanted_figure = key
        self._show_wanted()

    def _show_wanted(self) -> None:
        keys = self.model.values("key")
        if not self.wanted_figure or self.wanted_figure not in keys:
            return
        index = self.table.model().index(0, 0)
        for r in range(self.table.model().rowCount()):  # the view may be sorted: find the row there
            i = self.table.model().index(r, 0)
            if i.data(Qt.ItemDataRole.ToolTipRole) == self.wanted_figure:
                index = i
                break
        self.wanted_figure = ""
        self.table.updateGeometries()  # the rows were just reset: the scroll range is not yet updated
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)

    def swap_sides(self) -> None:
        a, b = self.combo_a.currentIndex(), self.combo_b.currentIndex()
        with QSignalBlocker(self.combo_a), QSignalBlocker(self.combo_b):
            self.combo_a.setCurrentIndex(b)
            self.combo_b.setCurrentIndex(a)
        self.follow_choices()

    # channels ------------------------------------------------------------------------------------
    def follow_choices(self) -> None:
        """Each side follows its chosen scenario (the shown one through the panel's own channel)."""
        doc = self.panel.document
        for side in ("a", "b"):
            scenario = self.chosen(side)
            old = self.sides[side]
            if doc is not None and scenario is doc.scenario:
                ch = self.panel.channel
                self.own[side].follow(None, run=False)
            else:
                ch = self.own[side]
                ch.follow(scenario, run=False)
            if old is not ch:
                self.sides[side] = ch
                b = self._side_bindings[side]
                b.clear()
                b.connect(ch.result_changed, self.refresh)
                b.connect(ch.state_changed, self._on_state_changed)
        self._sync_auto()
        self.refresh()

    def _sync_auto(self) -> None:
        visible = self.isVisible()
        for _side, ch in self.own.items():
            ch.auto = visible
            if visible and ch.scenario is not None and ch.stale and not ch.running:
                ch.run_now()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.follow_choices()

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        for ch in self.own.values():
            ch.auto = False

    def _on_state_changed(self) -> None:
        chans = [c for c in self.sides.values() if c is not None]
        running = any(c.running or c.pending for c in chans)
        stale = any(c.stale for c in chans)
        pct = min((c.percent for c in chans if c.running), default=0)
        self.status.setText(self.tr("Analysing… {0} %").format(pct) if running else (
            self.tr("Out of date") if stale else self.tr("Up to date")))
        self.set_stale(stale and self.comparison is not None)

    # figures ---------------------------------------------------------------------------------------
    def _set_columns(self) -> None:
        self.model.set_columns([
            Column("label", self.tr("Figure")), Column("a", "A", "number", text=lambda r: format_value(r["kind"], r["a"])),
            Column("b", "B", "number", text=lambda r: format_value(r["kind"], r["b"])),
            Column("delta", self.tr("Change (B − A)"), "number", self.tr("Green: B is better; red: B is worse"),
                   text=self._delta_text, background=self._delta_bg, foreground=self._delta_fg),
        ])
        self.table.setProperty("export_label", self.tr("Comparison"))

    def _size_columns(self) -> None:
        t = self.table
        t.setColumnWidth(0, max(t.columnWidth(0), 280))
        for c in (1, 2, 3):
            t.setColumnWidth(c, max(t.columnWidth(c), 150))

    def _delta_text(self, r: dict[str, Any]) -> str:
        d = r.get("delta")
        if d is None:
            return DASH
        return signed_delta(format_value(r["kind"], d), d)

    def _delta_bg(self, r: dict[str, Any]) -> QColor | None:
        return None if r.get("better") is None else tint("good" if r["better"] == "b" else "bad", 0.45)

    def _delta_fg(self, r: dict[str, Any]) -> QColor | None:
        return None if r.get("better") is None else tone_color("good" if r["better"] == "b" else "bad")

    def refresh(self) -> None:
        self.section.title.setText(self.tr("Compare scenarios"))
        self.label_a.setText(self.tr("A:"))
        self.label_b.setText(self.tr("B:"))
        self.swap.setToolTip(self.tr("Swap A and B"))
        self.by_kind.setText(self.tr("Counts by kind"))
        self.shares.setText(self.tr("Fair shares"))
        self.shares.setToolTip(self.tr("Each partner's fair share of the cost (Shapley value) in A and in B"))
        a, b = self.sides["a"], self.sides["b"]
        sa, sb = self.chosen("a"), self.chosen("b")
        names = (sa.name if sa else "A", sb.name if sb else "B")
        cols = self.model.columns
        if len(cols) == 4 and (cols[1].title, cols[2].title) != names:
            cols[1].title, cols[2].title = names
            self.model.set_columns(cols)
        if a is None or b is None or a.result is None or b.result is None:
            if self.comparison is None:
                self.model.set_rows([])
            self._on_state_changed()
            return
        self.comparison = compare_results(names[0], a.result, names[1], b.result)
        rows = []
        lang = current_language()
        for f in self.comparison["figures"]:
            key = f["key"]
            if not self.by_kind.isChecked() and is_by_kind(key):
                continue
            rows.append({**f, "label": figure_label(key, lang), "kind": figure_kind(key), "_tip": key})
        if self.shares.isChecked():
            rows = self._with_shares(rows, a.result, b.result)
        self.model.set_rows(rows)
        self._show_wanted()
        self._on_state_changed()

    def _with_shares(self, rows: list[dict[str, Any]], ra: Any, rb: Any) -> list[dict[str, Any]]:
        """``rows`` with one row per partner of either cost game (its Shapley value in A and in
        B; lower is better for that partner) after the cost-sharing figures."""
        sa, sb = ra.cost_sharing.shapley, rb.cost_sharing.shapley
        names = {e.id: e.label for e in ra.scenario.entities}
        names.update({e.id: e.label for e in rb.scenario.entities})
        out = []
        for pid in sorted(set(sa) | set(sb), key=lambda p: (names.get(p, p), p)):
            x, y = sa.get(pid), sb.get(pid)
            delta = None if x is None or y is None else y - x
            better = None if delta is None or abs(delta) <= 1e-9 * max(1.0, abs(x or 0.0)) else (
                "b" if delta < 0 else "a")
            out.append({"key": f"cost_sharing.shapley.{pid}", "a": x, "b": y, "delta": delta, "better": better,
                        "higher_is_better": False, "kind": "money", "_tip": f"cost_sharing.shapley.{pid}",
                        "label": self.tr("Fair share (Shapley): {0}").format(names.get(pid, pid))})
        at = max((i + 1 for i, r in enumerate(rows) if str(r["key"]).startswith("cost_sharing.")), default=len(rows))
        return rows[:at] + out + rows[at:]

    def retranslate(self) -> None:
        self._set_columns()
        self.refresh()

    def shutdown(self) -> None:
        for ch in self.own.values():
            ch.shutdown()
