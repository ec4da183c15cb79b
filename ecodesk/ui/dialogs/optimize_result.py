"""UI layer: what the "Optimise design" dialog shows of a run — the result of one design
(:class:`DesignResultWidget`) and the price of resilience (:class:`TradeoffWidget`).

Both only display engine results (:class:`ecodesk.analysis.optimize.DesignResult`,
:class:`~ecodesk.analysis.optimize.TradeoffRow`); amounts are formatted with
:func:`ecodesk.numfmt.money`, names come from the scenario the run was made on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.model import Scenario
from ecodesk.numfmt import DASH, money, percent
from ecodesk.ui.i18n import is_chinese
from ecodesk.ui.panels.base import tone_color
from ecodesk.ui.panels.tables import Column, ResultTableModel, ResultTableView
from ecodesk.ui.plaintext import plain, plain_label

if TYPE_CHECKING:
    from ecodesk.analysis.optimize import Assignment, DesignResult, TradeoffRow

#: A saving smaller than this is no saving (float noise).
EPS = 1e-6


def change_of(scenario: Scenario, a: Assignment) -> str:
    """What the design does to one demand: "same", "new" (a need now served), "repointed"
    (another capability), "own" (served by its entity's own capability: no flow),
    "standalone" (served by nobody) or "dropped" (a capability flow that becomes standalone)."""
    cap = scenario.capabilities.get(a.capability) if a.capability else None
    flow = scenario.flows.get(a.demand) if a.kind == "flow" else None
    if cap is None:
        return "dropped" if flow is not None else "standalone"
    if cap.owner == a.entity:
        return "own"
    if flow is None:
        return "new"
    return "same" if flow.capability == a.capability and flow.source == cap.owner else "repointed"


class DesignResultWidget(QWidget):
    """Status, costs, saving, gap, closed and kept capabilities, and who serves whom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optimize_result")
        self.result: DesignResult | None = None
        self.scenario: Scenario | None = None
        self.currency = "CNY"
        self.headline = plain_label(QLabel(self))
        self.headline.setObjectName("optimize_headline")
        self.headline.setWordWrap(True)
        f = QFont(self.headline.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.headline.setFont(f)
        self.values: dict[str, QLabel] = {}
        self.names: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        figures = QHBoxLayout()
        for i, key in enumerate(("status", "current_cost", "objective", "savings", "gap")):
            name = plain_label(QLabel(self))
            value = plain_label(QLabel(DASH, self))
            value.setObjectName(f"optimize_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.names[key], self.values[key] = name, value
            if i == 3:  # two columns of figures: they fit a laptop's width
                figures.addLayout(form)
                form = QFormLayout()
            form.addRow(name, value)
        figures.addLayout(form)
        figures.addStretch(1)
        self.note = plain_label(QLabel(self))
        self.note.setObjectName("optimize_note")
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")
        lists = QHBoxLayout()
        self.list_titles: dict[str, QLabel] = {}
        self.lists: dict[str, QListWidget] = {}
        for key in ("close", "keep"):
            box = QVBoxLayout()
            title = plain_label(QLabel(self))
            lst = QListWidget(self)
            lst.setObjectName(f"optimize_{key}_list")
            lst.setMaximumHeight(78)
            self.list_titles[key], self.lists[key] = title, lst
            box.addWidget(title)
            box.addWidget(lst)
            lists.addLayout(box)
        self.model = ResultTableModel()
        self.table = ResultTableView(self.model, "optimize_assignments", self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.headline)
        lay.addLayout(figures)
        lay.addWidget(self.note)
        lay.addLayout(lists)
        lay.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        for key, text in (("status", self.tr("Status:")), ("current_cost", self.tr("Current cost:")),
                          ("objective", self.tr("Optimal cost:")), ("savings", self.tr("Savings:")),
                          ("gap", self.tr("Gap:"))):
            self.names[key].setText(text)
        self.model.set_columns([
            Column("demand_name", self.tr("Demand")), Column("entity_name", self.tr("Entity")),
            Column("category", self.tr("Category")),
            Column("change_text", self.tr("Change"), foreground=self._change_fg),
            Column("now", self.tr("Served now by")), Column("served_by", self.tr("Served by")),
            Column("volume", self.tr("Volume"), "number"), Column("cost", self.tr("Cost"), "money"),
        ])
        self.table.setProperty("export_label", self.tr("Design assignments"))
        self.show_result(self.result, self.scenario, self.currency)

    # texts ----------------------------------------------------------------------------------
    def status_text(self, status: str) -> str:
        return {"optimal": self.tr("Optimal"), "infeasible": self.tr("Infeasible"),
                "time_limit": self.tr("Time limit reached (best design found)")}.get(status, status)

    def change_text(self, change: str) -> str:
        return {"same": self.tr("unchanged"), "new": self.tr("new flow"), "repointed": self.tr("re-pointed"),
                "own": self.tr("own capability"), "standalone": self.tr("standalone"),
                "dropped": self.tr("flow removed: standalone")}.get(change, change)

    def _change_fg(self, r: dict[str, Any]) -> Any:
        change = r.get("change")
        if change in ("new", "repointed", "own"):
            return tone_color("good")
        return tone_color("bad") if change == "dropped" else None

    def headline_text(self, r: DesignResult) -> str:
        if r.status == "infeasible":
            reason = r.reason[1 if is_chinese() else 0] if r.reason else ""
            return self.tr("No design meets the constraints. {0}").format(reason).strip()
        savings = r.savings or 0.0
        if savings <= EPS:
            text = self.tr("The current design already costs the least: nothing to save.")
        else:
            share = savings / r.current_cost if r.current_cost > EPS else None
            text = self.tr("The least-cost design saves {0} {1} ({2} of the current cost).").format(
                money(savings, None), self.currency, percent(share) if share is not None else DASH)
        if r.status == "time_limit":
            text += " " + self.tr("The time limit stopped the search: the best possible design may cost up to {0} "
                                  "less.").format(percent(r.gap))
        return text

    # showing --------------------------------------------------------------------------------
    def clear(self) -> None:
        self.show_result(None, None, self.currency)

    def show_result(self, result: DesignResult | None, scenario: Scenario | None, currency: str) -> None:
        """Show ``result`` of a run on ``scenario`` (None: nothing yet)."""
        self.result, self.scenario, self.currency = result, scenario, currency
        for lst in self.lists.values():
            lst.clear()
        if result is None or scenario is None:
            self.headline.setText(self.tr("Set the constraints and press Run."))
            for v in self.values.values():
                v.setText(DASH)
            self.note.hide()
            self.list_titles["close"].setText(self.tr("Close"))
            self.list_titles["keep"].setText(self.tr("Keep"))
            self.model.set_rows([])
            return
        self.headline.setText(self.headline_text(result))
        bad = result.status == "infeasible"
        self.headline.setStyleSheet(f"color: {tone_color('bad').name()};" if bad else "")
        self.values["status"].setText(self.status_text(result.status))
        self.values["current_cost"].setText(money(result.current_cost, None) + " " + self.currency)
        self.values["objective"].setText(DASH if result.objective is None else
                                         money(result.objective, None) + " " + self.currency)
        self.values["savings"].setText(DASH if result.savings is None else
                                       money(result.savings, None) + " " + self.currency)
        self.values["gap"].setText(DASH if result.gap is None else percent(result.gap, 2))
        notes = [] if result.current_feasible else [self.tr("The current design exceeds a capacity: its cost is "
                                                            "shown for reference.")]
        notes += list(result.notes_zh if is_chinese() and result.notes_zh else result.notes)
        if any(a.capability is None for a in result.assignments):
            notes.append(self.tr("A standalone demand counts here with its standalone cost; the cost-sharing figures "
                                 "(and Compare) count only demands served through capability flows."))
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        self._fill_lists(result, scenario)
        rows = [self._row(a, scenario) for a in result.assignments]
        rows.sort(key=lambda r: r["change"] in ("same", "standalone"))  # what changes first (stable)
        self.model.set_rows(rows)
        for c in range(self.model.columnCount()):  # long names: the tooltip has them whole
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 230))

    def _cap_text(self, scenario: Scenario, cap_id: str) -> str:
        cap = scenario.capabilities.get(cap_id)
        if cap is None:
            return cap_id
        owner = scenario.entities.get(cap.owner)
        return f"{cap.name or cap.id} — {owner.label if owner is not None else cap.owner}"

    def _fill_lists(self, result: DesignResult, scenario: Scenario) -> None:
        for key, ids in (("close", result.close), ("keep", result.keep)):
            title = self.tr("Close ({0})") if key == "close" else self.tr("Keep ({0})")
            self.list_titles[key].setText(title.format(len(ids)))
            lst = self.lists[key]
            for cap_id in ids:
                lst.addItem(self._cap_text(scenario, cap_id))
                item = lst.item(lst.count() - 1)
                item.setData(Qt.ItemDataRole.UserRole, cap_id)
                item.setToolTip(plain(cap_id))
                if key == "close":
                    item.setForeground(tone_color("bad"))

    def _row(self, a: Assignment, scenario: Scenario) -> dict[str, Any]:
        entity = scenario.entities.get(a.entity)
        flow = scenario.flows.get(a.demand) if a.kind == "flow" else None
        if flow is None:
            demand_name = self.tr("Need {0}").format(a.demand)
        elif flow.label:  # the planners' own name for it
            demand_name = self.tr("Flow {0} ({1})").format(a.demand, flow.label)
        else:
            demand_name = self.tr("Flow {0}").format(a.demand)
        change = change_of(scenario, a)
        served = self._cap_text(scenario, a.capability) if a.capability else self.tr("standalone")
        now = self.tr("standalone")
        if flow is not None and flow.capability:
            now = self._cap_text(scenario, flow.capability)
        return {"demand": a.demand, "demand_name": demand_name, "entity_name": entity.label if entity else a.entity,
                "category": a.category, "volume": a.volume, "now": now, "served_by": served, "cost": a.cost, "change": change,
                "change_text": self.change_text(change), "_ids": [a.entity],
                "_tip": f"{demand_name}: {now} → {served}"}


class TradeoffWidget(QWidget):
    """Optimal cost for redundancy r = 1, 2, 3 beside the resulting design's expected service
    and targeted robustness: a table and a chart (cost across, resilience up)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optimize_tradeoff")
        from ecodesk.ui.panels.charts import ChartWidget

        self.rows: list[TradeoffRow] = []
        self.currency = "CNY"
        self.intro = plain_label(QLabel(self))
        self.intro.setWordWrap(True)
        self.run_button = QPushButton(self)
        self.run_button.setObjectName("optimize_tradeoff_run")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("optimize_tradeoff_cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("optimize_tradeoff_progress")
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.message = plain_label(QLabel(self))
        self.message.setObjectName("optimize_tradeoff_message")
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.run_button)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.progress, 1)
        bar.addStretch(0)
        self.model = ResultTableModel()
        self.table = ResultTableView(self.model, "optimize_tradeoff_table", self)
        self.table.setMaximumHeight(150)
        self.chart = ChartWidget("optimize_tradeoff_chart", self, percent_y=True)
        self.chart.plot.setMinimumHeight(150)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.intro)
        lay.addLayout(bar)
        lay.addWidget(self.message)
        lay.addWidget(self.table)
        lay.addWidget(self.chart, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(self.tr("What resilience costs: the least-cost design when every served demand must have "
                                   "1, 2 or 3 capabilities of its kind kept (r − 1 backups), with that design's "
                                   "expected service and robustness against targeted loss."))
        self.run_button.setText(self.tr("Compare r = 1, 2, 3"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.model.set_columns([
            Column("redundancy", self.tr("Redundancy r"), "int"), Column("status_text", self.tr("Status")),
            Column("objective", self.tr("Optimal cost"), "money"),
            Column("expected_service", self.tr("Expected service"), "percent"),
            Column("targeted_r_index", self.tr("Targeted robustness"), "percent"),
        ])
        self.table.setProperty("export_label", self.tr("Price of resilience"))
        self.show_rows(self.rows, self.currency)

    def set_running(self, running: bool, percent_done: int = 0) -> None:
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        self.progress.setValue(percent_done)

    def set_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_rows(self, rows: list[TradeoffRow], currency: str) -> None:
        from ecodesk.ui.panels.charts import COLORS

        self.rows, self.currency = list(rows), currency
        status = {"optimal": self.tr("Optimal"), "infeasible": self.tr("Infeasible"),
                  "time_limit": self.tr("Time limit")}
        self.model.set_rows([{"redundancy": r.redundancy, "status_text": status.get(r.status, r.status),
                              "objective": r.objective, "expected_service": r.expected_service,
                              "targeted_r_index": r.targeted_r_index} for r in rows])
        self.chart.reset(self.tr("Cost against resilience"), self.tr("Optimal cost ({0})").format(currency),
                         self.tr("Share of demand served"), legend=True, legend_at="top")
        usable = [r for r in rows if r.objective is not None]
        if not usable:
            return
        import pyqtgraph as pg

        xs = [float(r.objective or 0.0) for r in usable]
        for name, key, colour, style in ((self.tr("Expected service"), "expected_service", COLORS["random"],
                                          Qt.PenStyle.SolidLine),
                                         (self.tr("Targeted robustness"), "targeted_r_index", COLORS["targeted"],
                                          Qt.PenStyle.DashLine)):
            pts = [(x, getattr(r, key)) for x, r in zip(xs, usable, strict=True) if getattr(r, key) is not None]
            if not pts:
                continue
            item = pg.PlotDataItem([p[0] for p in pts], [p[1] for p in pts], name=name,
                                   pen=pg.mkPen(colour, width=2, style=style), symbol="o", symbolSize=8,
                                   symbolBrush=pg.mkBrush(colour), symbolPen=pg.mkPen(colour))
            self.chart.item.addItem(item)
        at: dict[tuple[float, float], list[int]] = {}  # levels with the same design share one label
        for x, r in zip(xs, usable, strict=True):
            y = max((v for v in (r.expected_service, r.targeted_r_index) if v is not None), default=0.0)
            at.setdefault((round(x, 6), round(y, 6)), []).append(r.redundancy)
        for (x, y), levels in at.items():
            label = pg.TextItem("r = " + ", ".join(str(v) for v in levels), anchor=(0.5, 1.3),
                                color=COLORS["percentile"])
            label.setPos(x, y)
            self.chart.item.addItem(label)
        lo, hi = min(xs), max(xs)
        pad = (hi - lo) * 0.12 or max(abs(hi) * 0.05, 1.0)
        self.chart.item.setXRange(lo - pad, hi + pad, padding=0)
        self.chart.item.setYRange(-0.03, 1.3, padding=0)  # headroom: the legend sits top right
        self.chart.item.getAxis("left").setTicks([[(v / 5, percent(v / 5, 0)) for v in range(6)],
                                                  [(v / 10, "") for v in range(11)]])  # no share above 100 %
        self.chart.item.showGrid(x=True, y=True, alpha=0.15)
        self.chart.drawn.emit(len(self.chart.data_items()))
