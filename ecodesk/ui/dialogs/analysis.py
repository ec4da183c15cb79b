"""UI layer: "Run analysis" — runs the analyses off the GUI thread on a copy of the shown
scenario, then shows the headline figures in a short summary (the full analysis panel
comes later).

It uses :func:`ecodesk.analysis.run.analyze_scenario` when the engine has it, and otherwise
the analyses that exist (reuse, cost sharing, indicators, resilience), so the summary
always shows what can be computed.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ecodesk.model import AnalysisSettings, Scenario
from ecodesk.ui.tablemodels import format_number


def _to_json(value: Any) -> Any:
    for attr in ("to_json", "to_dict"):
        fn = getattr(value, attr, None)
        if callable(fn):
            return fn()
    return value


def _call(fn: Callable[..., Any], scenario: Scenario, settings: AnalysisSettings, **extra: Any) -> Any:
    """Call an analysis with the arguments it accepts (settings, seed …, progress, cancel)."""
    params = inspect.signature(fn).parameters
    kwargs: dict[str, Any] = {}
    for name in ("settings", "seed", "trials", "orders", "threshold"):
        if name in params:
            kwargs[name] = settings if name == "settings" else getattr(settings, name)
    kwargs.update({k: v for k, v in extra.items() if k in params and v is not None})
    return fn(scenario, **kwargs)


def run_analyses(scenario: Scenario, settings: AnalysisSettings, progress: Callable[[float, str], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> dict[str, Any]:
    """Every available analysis of ``scenario`` as the JSON of SPEC §5 (parts may be missing).

    ``progress(fraction, stage)`` and ``cancel()`` are passed on where the engine takes them.
    """
    try:
        run = importlib.import_module("ecodesk.analysis.run")
    except ImportError:
        run = None
    if run is not None and hasattr(run, "analyze_scenario"):
        return dict(_to_json(_call(run.analyze_scenario, scenario, settings, progress=progress, cancel=cancel)))
    out: dict[str, Any] = {}
    for key, module, func in (("reuse", "reuse", "analyze_reuse"),
                              ("cost_sharing", "costshare", "analyze_cost_sharing"),
                              ("resilience", "resilience", "analyze_resilience"),
                              ("kpis", "kpis", "analyze_kpis")):
        try:
            mod = importlib.import_module(f"ecodesk.analysis.{module}")
        except ImportError:
            continue
        fn = getattr(mod, func, None)
        if fn is not None:
            out[key] = _to_json(_call(fn, scenario, settings))
    return out


class AnalysisThread(QThread):
    """Runs :func:`run_analyses` on a copy of the scenario (the model never crosses threads);
    reports ``progress(percent, stage)``; :meth:`cancel` stops it at the engine's next check."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, str)

    def __init__(self, scenario: Scenario, settings: AnalysisSettings, parent: Any = None) -> None:
        super().__init__(parent)
        self.scenario = scenario.copy()
        self.settings = settings
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def run(self) -> None:
        try:
            result = run_analyses(self.scenario, self.settings,
                                  progress=lambda f, stage: self.progress.emit(int(100 * f), stage),
                                  cancel=lambda: self._cancelled)
        except Exception as exc:  # any failure becomes a sentence for the user, never a crash
            if not self._cancelled:
                self.failed.emit(str(exc) or type(exc).__name__)
            return
        if not self._cancelled:
            self.done.emit(result)


def _get(data: Any, path: str) -> Any:
    for part in path.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _pct(value: Any) -> str:
    return "—" if value is None else f"{100 * float(value):.1f} %"


def _num(value: Any) -> str:
    return "—" if value is None else format_number(float(value))


class AnalysisSummaryDialog(QDialog):
    """Headline figures of one scenario's analysis, grouped by question."""

    def __init__(self, result: dict[str, Any], scenario_name: str, currency: str = "CNY",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysis_summary")
        self.result = result
        self.setWindowTitle(self.tr("Analysis of “{0}”").format(scenario_name))
        self.resize(520, 520)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Figure"), self.tr("Value")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        money = f" {currency}"
        r = result
        gaps = _get(r, "reuse.gaps")
        redund = _get(r, "reuse.redundancies")
        critical = _get(r, "resilience.critical_entities") or []
        spof = [c for c in critical if isinstance(c, dict) and (c.get("service_loss") or 0) > 0]
        in_core = _get(r, "cost_sharing.in_core")
        groups: list[tuple[str, str, list[tuple[str, str]]]] = [
            ("reuse", self.tr("Capability reuse"), [
                (self.tr("Total savings from sharing"), _num(_get(r, "reuse.total_savings")) + money),
                (self.tr("Reuse index (consumers per capability)"), _num(_get(r, "reuse.reuse_index"))),
                (self.tr("Capabilities built twice"), _num(len(redund)) if redund is not None else "—"),
                (self.tr("Unmet needs"), _num(len(gaps)) if gaps is not None else "—"),
            ]),
            ("cost_sharing", self.tr("Cost sharing"), [
                (self.tr("Total cost together"), _num(_get(r, "cost_sharing.total_cost")) + money),
                (self.tr("Total cost alone"), _num(_get(r, "cost_sharing.total_standalone")) + money),
                (self.tr("Fair (Shapley) split is stable"),
                 "—" if in_core is None else (self.tr("yes") if in_core else self.tr("no"))),
                (self.tr("Sharing arrangements"), _num(len(_get(r, "cost_sharing.pools") or []))),
            ]),
            ("resilience", self.tr("Network resilience"), [
                (self.tr("Service level"), _pct(_get(r, "resilience.service_level"))),
                (self.tr("Single points of failure"), _num(len(spof)) if critical else "—"),
                (self.tr("Robustness, random failures"), _num(_get(r, "resilience.robustness.random.r_index"))),
                (self.tr("Robustness, targeted loss"), _num(_get(r, "resilience.robustness.targeted.r_index"))),
                (self.tr("Expected service (Monte Carlo)"), _pct(_get(r, "resilience.monte_carlo.expected_service"))),
            ]),
            ("kpis", self.tr("Ecosystem indicators"), [
                (self.tr("Entities / flows"), f"{_num(_get(r, 'kpis.entity_count'))} / {_num(_get(r, 'kpis.flow_count'))}"),
                (self.tr("Data interoperability"), _pct(_get(r, "kpis.data_interop_rate"))),
                (self.tr("Reverse data feedback"), _pct(_get(r, "kpis.reverse_data_ratio"))),
                (self.tr("Cross-industry flows"), _pct(_get(r, "kpis.cross_industry_share"))),
                (self.tr("Largest hub's share of flows"), _pct(_get(r, "kpis.top_hub_share"))),
                (self.tr("Entities in several ecosystems"), _num(_get(r, "kpis.multi_ecosystem_entities"))),
            ]),
        ]
        for key, title, rows in groups:
            head = QTreeWidgetItem(self.tree, [title, "" if key in r else self.tr("not available yet")])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFirstColumnSpanned(key not in r)
            if key not in r:
                continue
            for label, value in rows:
                QTreeWidgetItem(self.tree, ["    " + label, value])
        self.tree.resizeColumnToContents(0)
        note = QLabel(self.tr("The full analysis panel, with charts and tables, comes in a later version."), self)
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def figures(self) -> dict[str, str]:
        """Shown rows as {label: value} (for tests and copying)."""
        out = {}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            out[item.text(0).strip()] = item.text(1)
        return out
