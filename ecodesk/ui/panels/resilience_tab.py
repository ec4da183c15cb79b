"""UI layer: the Resilience tab (SPEC §3.3) — critical entities, robustness curves (random
failures with their p05–p95 spread, and targeted loss) with the R-indices in the legend,
the Monte Carlo histogram with p05/p50/p95 and the threshold, cascade sizes, and the
number of independent supply paths of each demand entity."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

import ecodesk.ui.panels.charts as charts
from ecodesk.numfmt import integer
from ecodesk.numfmt import number as num
from ecodesk.numfmt import percent as pct
from ecodesk.ui.i18n import enum_label
from ecodesk.ui.panels.base import ResultTab, tint
from ecodesk.ui.panels.charts import ChartWidget
from ecodesk.ui.panels.section import Section
from ecodesk.ui.panels.tables import Column, ResultTableModel, ResultTableView

if TYPE_CHECKING:
    from ecodesk.analysis.resilience import ResilienceResult
    from ecodesk.model import AnalysisSettings

TOP_CASCADES = 15


class ResilienceTab(ResultTab):
    def __init__(self, panel: Any) -> None:
        super().__init__(panel, "resilience_tab")
        self.crit = self.add_section(Section("resilience_critical", self, 290))
        self.crit_model = ResultTableModel()
        self.crit_table = ResultTableView(self.crit_model, "critical_entities_table", self)
        self.robust = ChartWidget("robustness_chart", self, percent_y=True)
        self.crit.split(self.crit_table, self.robust, sizes=[600, 480])
        self.mc = self.add_section(Section("resilience_monte_carlo", self, 250))
        self.hist = ChartWidget("monte_carlo_chart", self, percent_x=True)
        self.mc.add(self.hist)
        self.casc = self.add_section(Section("resilience_cascade", self, 260))
        self.cascade_chart = ChartWidget("cascade_chart", self)
        self.red_model = ResultTableModel()
        self.red_table = ResultTableView(self.red_model, "redundancy_table", self)
        self.casc.split(self.cascade_chart, self.red_table, sizes=[560, 520])
        self.finish()
        self._set_columns()

    def _set_columns(self) -> None:
        self.crit_model.set_columns([
            Column("name", self.tr("Entity")), Column("kind", self.tr("Kind")),
            Column("service_loss", self.tr("Service loss"), "percent", self.tr("Service lost if this entity fails"),
                   background=lambda r: tint("bad", r.get("service_loss") or 0) if (r.get("service_loss") or 0) > 0
                   else None),
            Column("spof", self.tr("Single point of failure"), text=lambda r: self.tr("yes") if r.get("spof") else ""),
            Column("articulation", self.tr("Articulation point"),
                   tooltip=self.tr("Cuts the supply network in two (taken as undirected)"),
                   text=lambda r: self.tr("yes") if r.get("articulation") else ""),
            Column("cascade_size", self.tr("Cascade size"), "int", self.tr("Entities that fail when it fails (θ cascade)")),
            Column("cascade_service", self.tr("Service after cascade"), "percent"),
        ])
        self.red_model.set_columns([
            Column("name", self.tr("Demand entity")), Column("demand", self.tr("Demand"), "number"),
            Column("paths", self.tr("Independent supply paths"), "int",
                   self.tr("Node-disjoint supply paths from the origins (1 = single-sourced)"),
                   text=lambda r: self.tr("origin") if r.get("paths") is None else integer(r.get("paths")),
                   background=lambda r: tint("bad", 0.7) if r.get("paths") == 0 else
                   (tint("warn", 0.6) if r.get("paths") == 1 else None)),
            Column("status", self.tr("Status")),
        ])
        self.crit_table.setProperty("export_label", self.tr("Critical entities"))
        self.red_table.setProperty("export_label", self.tr("Redundancy"))
        self.robust.setProperty("export_label", self.tr("Robustness"))
        self.hist.setProperty("export_label", self.tr("Monte Carlo"))
        self.cascade_chart.setProperty("export_label", self.tr("Cascade sizes"))

    def retranslate_texts(self) -> None:
        self._set_columns()

    def refresh(self) -> None:
        r = self.result
        res = r.resilience if r is not None else None
        self.crit.title.setText(self.tr("Critical entities and robustness"))
        self.mc.title.setText(self.tr("Monte Carlo: service when partners and flows fail at random"))
        self.casc.title.setText(self.tr("Cascades and redundancy"))
        cascades = {c.id: c for c in res.cascade} if res is not None else {}
        aps = set(res.articulation_points) if res is not None else set()
        rows = []
        s = self.snapshot
        for c in res.critical_entities if res is not None else ():
            e = s.entities.get(c.id) if s is not None else None
            cas = cascades.get(c.id)
            rows.append({"id": c.id, "name": self.name(c.id), "kind": enum_label(e.kind) if e else "",
                         "service_loss": c.service_loss, "spof": c.single_point_of_failure,
                         "articulation": c.id in aps, "cascade_size": cas.cascade_size if cas else None,
                         "cascade_service": cas.service_level if cas else None, "_ids": [c.id],
                         "_tip_cascade_size": self.tr("Fails with it: {0}").format(self.names(cas.failed))
                         if cas and cas.failed else None})
        self.crit_model.set_rows(rows)
        n_spof = sum(1 for x in rows if x["spof"])
        spof = self.tr("1 single point of failure") if n_spof == 1 else self.tr(
            "{0} single points of failure").format(n_spof)
        cut = self.tr("1 articulation point") if len(aps) == 1 else self.tr("{0} articulation points").format(len(aps))
        self.crit.hint.setText(self.tr("Service level {0} · {1} · {2}").format(
            pct(res.service_level if res else None), spof, cut))
        self._draw_robustness(res)
        self._draw_histogram(res, r.settings if r is not None else None)
        self._draw_cascades(res)
        demand = res.demand_entities if res is not None else {}
        red = res.redundancy if res is not None else {}
        self.red_model.set_rows([{
            "id": d, "name": self.name(d), "demand": w, "paths": red.get(d),
            "status": self._status(red.get(d)), "_ids": [d]} for d, w in demand.items()])

    def _status(self, paths: Any) -> str:
        if paths is None:
            return self.tr("supplies itself")
        if paths == 0:
            return self.tr("not supplied")
        if paths == 1:
            return self.tr("single-sourced")
        return self.tr("redundant")

    def _draw_robustness(self, res: ResilienceResult | None) -> None:
        rnd = res.robustness.random if res is not None else None
        tgt = res.robustness.targeted if res is not None else None
        curve = list(rnd.curve) if rnd is not None else []
        ch = self.robust
        ch.reset(self.tr("Service as partners drop out"), self.tr("Entities removed"), self.tr("Service level"), legend=True)
        if not curve:
            ch.set_note(self.tr("No removal candidates."))
            return
        xs = list(range(len(curve)))
        assert rnd is not None and tgt is not None
        lines = [(self.tr("Random failures (R = {0})").format(num(rnd.r_index)), curve, charts.COLORS["random"],
                  Qt.PenStyle.SolidLine)]
        if tgt.curve:
            lines.append((self.tr("Targeted loss (R = {0})").format(num(tgt.r_index)), list(tgt.curve),
                          charts.COLORS["targeted"], Qt.PenStyle.DashLine))
        band = None
        if rnd.curve_p05 and rnd.curve_p95:
            band = (self.tr("Random, p05–p95"), list(rnd.curve_p05), list(rnd.curve_p95), charts.COLORS["random"])
        charts.curves(ch, xs, lines, band)
        ch.set_note(self.tr("1 random order; targeted order: by service loss, then degree.") if rnd.orders == 1 else
                    self.tr("{0} random orders; targeted order: by service loss, then degree.").format(
                        integer(rnd.orders)))

    def _draw_histogram(self, res: ResilienceResult | None, settings: AnalysisSettings | None) -> None:
        mc = res.monte_carlo if res is not None else None
        ch = self.hist
        ch.reset(self.tr("Service level over {0} trials").format(integer(mc.trials if mc else None)),
                 self.tr("Service level"), self.tr("Trials"))
        th = mc.threshold if mc is not None else (settings.threshold if settings is not None else 0.9)
        p05, p50, p95 = (mc.p05, mc.p50, mc.p95) if mc is not None else (None, None, None)
        marks = [("p05 " + pct(p05), p05 or 0, charts.COLORS["percentile"], Qt.PenStyle.DotLine),
                 ("p50 " + pct(p50), p50 or 0, charts.COLORS["percentile"], Qt.PenStyle.DashLine),
                 ("p95 " + pct(p95), p95 or 0, charts.COLORS["percentile"], Qt.PenStyle.DotLine),
                 (self.tr("threshold {0}").format(pct(th, 0)), th, charts.COLORS["threshold"], Qt.PenStyle.SolidLine)]
        charts.histogram(ch, list(mc.histogram_edges) if mc else [], list(mc.histogram_counts) if mc else [], marks)
        self.mc.hint.setText(self.tr("Expected service {0} · {1} of trials below the threshold {2} · seed {3}").format(
            pct(mc.expected_service if mc else None), pct(mc.p_below if mc else None), pct(th, 0),
            mc.seed if mc else "—"))

    def _draw_cascades(self, res: ResilienceResult | None) -> None:
        cas = [c for c in (res.cascade if res is not None else ()) if c.cascade_size > 1][:TOP_CASCADES]
        ch = self.cascade_chart
        theta = self.result.settings.cascade_threshold if self.result is not None else None
        ch.reset(self.tr("Largest cascades (θ = {0})").format(num(theta)), self.tr("Entities failing"))
        if not cas:
            ch.set_note(self.tr("No failure spreads beyond the entity itself."))
            return
        charts.hbars(ch, [self.name(c.id) for c in cas],
                     [(self.tr("Cascade size"), [c.cascade_size for c in cas], charts.COLORS["cascade"])],
                     tooltips=[self.tr("{0}: {1} fail, service falls to {2}").format(
                         self.name(c.id), c.cascade_size, pct(c.service_level)) for c in cas])

    def critical(self) -> dict[str, Any]:
        return {row["id"]: row for row in self.crit_model.rows}
