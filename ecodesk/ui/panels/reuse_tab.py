"""UI layer: the Capability reuse tab (SPEC §3.1) — capabilities with their reuse and
savings, a savings chart, the entity × capability coverage heat map, redundancies, and the
unmet needs with their candidate partners: one click draws the suggested capability flow
from the chosen candidate's capability of that category (one undoable command)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtWidgets import QComboBox, QPushButton, QSplitter, QVBoxLayout, QWidget

import ecodesk.ui.panels.charts as charts
from ecodesk.commands import AddObject, tr_noop, unique_id
from ecodesk.model import Capability, Flow, FlowKind, Scenario, category_key
from ecodesk.numfmt import money, number
from ecodesk.ui.panels.base import ResultTab, tint
from ecodesk.ui.panels.charts import ChartWidget
from ecodesk.ui.panels.section import Section
from ecodesk.ui.panels.tables import Column, ResultTableModel, ResultTableView

if TYPE_CHECKING:
    from ecodesk.analysis.reuse import CapabilityReuse, Gap, ReuseResult

#: Heat map cells: nothing, an unmet need, uses the capability, owns it.
COVERAGE_COLORS = ("#00000000", "#E8862A", "#8FB8E0", "#2B5C94")
TOP_BARS = 15


def suggested_capability(scenario: Scenario, owner: str, category: str) -> Capability | None:
    """The capability of ``category`` that ``owner`` offers (most used first, then cheaper)."""
    key = category_key(category)
    caps = [c for c in scenario.capabilities if c.owner == owner and c.category_key == key]
    if not caps:
        return None
    used = {c.id: len({f.target for f in scenario.flows if f.capability == c.id}) for c in caps}
    return sorted(caps, key=lambda c: (-used[c.id], c.fixed_cost, c.id))[0]


def gap_flow_command(scenario: Scenario, need_entity: str, category: str, volume: float, standalone_cost: float,
                     candidate: str) -> AddObject | None:
    """One command drawing the capability flow that meets a need from ``candidate``."""
    cap = suggested_capability(scenario, candidate, category)
    if cap is None or need_entity not in scenario.entities or candidate == need_entity:
        return None
    flow = Flow(unique_id(scenario, "f"), candidate, need_entity, FlowKind.CAPABILITY, volume=volume,
                capability=cap.id, standalone_cost=standalone_cost if standalone_cost > 0 else None)
    cmd = AddObject(scenario, flow, text=tr_noop("Meet the need of '{target}' for '{category}'"))
    cmd.params.update(target=scenario.entities[need_entity].label, category=category)
    return cmd


class ReuseTab(ResultTab):
    def __init__(self, panel: Any) -> None:
        super().__init__(panel, "reuse_tab")
        # capabilities + savings chart
        self.caps = self.add_section(Section("reuse_capabilities", self, 270))
        self.cap_model = ResultTableModel()
        self.cap_table = ResultTableView(self.cap_model, "capabilities_table", self)
        self.savings_chart = ChartWidget("capability_savings_chart", self)
        self.caps.split(self.cap_table, self.savings_chart, sizes=[640, 420])
        # coverage heat map
        self.coverage = self.add_section(Section("reuse_coverage", self, 300))
        self.heat = ChartWidget("coverage_heatmap", self, mouse=True)
        self.coverage.add(self.heat)
        # redundancies and gaps
        self.rg = self.add_section(Section("reuse_redundancies_gaps", self, 230))
        self.red_model = ResultTableModel()
        self.red_table = ResultTableView(self.red_model, "redundancies_table", self)
        self.gap_model = ResultTableModel()
        self.gap_table = ResultTableView(self.gap_model, "gaps_table", self)
        gap_box = QWidget(self)
        v = QVBoxLayout(gap_box)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(self.gap_table)
        self.rg.split(self.red_table, gap_box, sizes=[420, 760])
        self.finish()
        self.gap_widgets: list[tuple[QComboBox, QPushButton]] = []
        self._set_columns()

    def _set_columns(self) -> None:
        self.cap_model.set_columns([
            Column("name", self.tr("Capability")), Column("owner_name", self.tr("Owner")), Column("category", self.tr("Category")),
            Column("reuse_count", self.tr("Reuse count"), "int", self.tr("Distinct consumers (the owner excluded)")),
            Column("savings", self.tr("Savings"), "money", self.tr("What consumers save by sharing"),
                   background=lambda r: tint("good", min(1.0, (r.get("savings") or 0) / self._max_savings))
                   if (r.get("savings") or 0) > 0 else (tint("bad", 0.5) if (r.get("savings") or 0) < 0 else None)),
            Column("amortised_fixed_cost", self.tr("Amortised fixed cost"), "money", self.tr("F / max(1, consumers)")),
            Column("shared_cost", self.tr("Shared cost"), "money", self.tr("F + Σ u·v: the cost when built once")),
            Column("standalone_cost", self.tr("Standalone cost"), "money", self.tr("What consumers would pay alone")),
            Column("ecosystem_names", self.tr("Consumer ecosystems")),
        ])
        self.red_model.set_columns([
            Column("category", self.tr("Category")),
            Column("potential_savings", self.tr("Potential savings"), "money",
                   self.tr("Fixed costs of the capabilities built twice"),
                   background=lambda r: tint("warn", 0.6)),
            Column("keep_name", self.tr("Keep")),
            Column("redundant_names", self.tr("Built again by")),
            Column("ecosystem_names", self.tr("Where")),
        ])
        self.gap_model.set_columns([
            Column("entity_name", self.tr("Needing entity")), Column("category", self.tr("Category")),
            Column("volume", self.tr("Volume"), "number"), Column("standalone_cost", self.tr("Standalone cost"), "money"),
            Column("candidate_names", self.tr("Candidate partners")),
            Column("_choose", self.tr("Partner"), text=lambda r: "", export=False),
            Column("_draw", "", text=lambda r: "", export=False),
        ])
        for t, label in ((self.cap_table, self.tr("Capabilities")), (self.red_table, self.tr("Redundancies")),
                         (self.gap_table, self.tr("Unmet needs"))):
            t.setProperty("export_label", label)
        self.savings_chart.setProperty("export_label", self.tr("Savings by capability"))
        self.heat.setProperty("export_label", self.tr("Coverage"))
        self._max_savings = 1.0

    def retranslate_texts(self) -> None:
        self._set_columns()

    # drawing -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        r = self.result.reuse if self.result is not None else None
        self.caps.title.setText(self.tr("Capabilities"))
        self.coverage.title.setText(self.tr("Coverage: who owns, uses and needs each capability"))
        self.rg.title.setText(self.tr("Built twice, and unmet needs"))
        caps = r.capabilities if r is not None else []
        s = self.snapshot
        self._max_savings = max([c.savings for c in caps] + [1.0])
        rows = []
        for c in caps:
            flows = [f.id for f in s.flows if f.capability == c.id] if s is not None else []
            rows.append({**asdict(c), "name": c.name or c.id, "owner_name": self.name(c.owner),
                         "ecosystem_names": self.names(c.ecosystems), "_ids": [c.owner],
                         "_select": [c.owner, *flows],
                         "_tip": self.tr("Consumers: {0}").format(self.names(c.consumers) or "—")})
        self.cap_model.set_rows(rows)
        self.caps.hint.setText(self.tr("Total savings {0} {1} · reuse index {2}").format(
            money(r.total_savings if r else None), self.panel.currency,
            number(r.reuse_index if r else None)))
        self._draw_savings(caps)
        self._draw_coverage(r)
        reds = r.redundancies if r is not None else []
        self.red_model.set_rows([{
            **asdict(x), "keep_name": f"{self.name(x.keep)} ({self.name(self._owner(x.keep))})",
            "redundant_names": self.names(self._owner(c) for c in x.redundant),
            "ecosystem_names": self.names(x.ecosystems) or self.tr("anywhere"),
            "_ids": list(x.owners),
        } for x in reds])
        gaps = r.gaps if r is not None else []
        self.gap_model.set_rows([{
            **asdict(g), "entity_name": self.name(g.entity),
            "candidate_names": self.names(g.candidates) or self.tr("nobody offers it yet"),
            "_ids": [g.entity],
        } for g in gaps])
        self._make_gap_widgets(gaps)
        self.rg.hint.setText(self.tr("Built twice: {0} · unmet needs: {1}").format(len(reds), len(gaps)))

    def _owner(self, cap_id: str | None) -> str | None:
        s = self.snapshot
        cap = s.capabilities.get(cap_id) if s is not None and cap_id else None
        return cap.owner if cap is not None else None

    def _draw_savings(self, caps: list[CapabilityReuse]) -> None:
        ch = self.savings_chart
        top = sorted(caps, key=lambda c: -c.savings)[:TOP_BARS]
        title = self.tr("Savings by capability") if len(caps) <= TOP_BARS else self.tr(
            "Savings: top {0} of {1} capabilities").format(TOP_BARS, len(caps))
        losses = any(c.savings < 0 for c in top)
        ch.reset(title, self.panel.currency, legend=losses, legend_at="bottom")
        loss_tip = self.tr("a loss: sharing it costs more than its users would pay alone")
        charts.hbars(ch, [c.name or c.id for c in top],
                     [(self.tr("Savings"), [c.savings for c in top], charts.COLORS["savings"])],
                     tooltips=[f"{c.name or c.id}: {money(c.savings)}" + (f" ({loss_tip})" if c.savings < 0 else "")
                               for c in top],
                     loss=(self.tr("Loss (negative saving)"), charts.COLORS["loss"]))

    def coverage_matrix(self, r: ReuseResult | None) -> tuple[list[str], list[str], np.ndarray]:
        """Rows: entities that own, use or need a capability; columns: capabilities (and
        categories needed that nobody offers). Cells 3 owns, 2 uses, 1 needs (unmet), 0."""
        caps = r.capabilities if r is not None else []
        gaps = r.gaps if r is not None else []
        cols: list[tuple[str, str]] = [(c.id, c.category) for c in caps]
        col_keys = {category_key(cat) for _, cat in cols}
        for g in gaps:
            k = category_key(g.category)
            if k not in col_keys:
                cols.append(("", g.category))
                col_keys.add(k)
        cells: dict[tuple[str, int], int] = {}
        order: dict[str, None] = {}
        for ci, c in enumerate(caps):
            cells[(c.owner, ci)] = 3
            order.setdefault(c.owner)
            for e in c.consumers:
                cells[(e, ci)] = max(cells.get((e, ci), 0), 2)
                order.setdefault(e)
        for g in gaps:
            k = category_key(g.category)
            for ci, (_cid, cat) in enumerate(cols):
                if category_key(cat) == k and cells.get((g.entity, ci), 0) < 1:
                    cells[(g.entity, ci)] = 1
            order.setdefault(g.entity)
        rows = list(order)
        m = np.zeros((len(rows), len(cols)), dtype=int)
        index = {e: i for i, e in enumerate(rows)}
        for (e, ci), v in cells.items():
            m[index[e], ci] = v
        col_ids = [cid or f"?{cat}" for cid, cat in cols]
        return rows, col_ids, m

    def _draw_coverage(self, r: ReuseResult | None) -> None:
        ch = self.heat
        rows, cols, m = self.coverage_matrix(r)
        ch.reset(self.tr("Entity × capability"))
        self.coverage_rows, self.coverage_cols, self.coverage_matrix_shown = rows, cols, m
        # about 20 px a row, so names stay readable (the map pans and zooms beyond that)
        self.coverage.setMinimumHeight(max(260, min(760, 110 + 20 * len(rows))))
        if not rows or not cols:
            ch.set_note(self.tr("No capabilities or needs in this scenario yet."))
            return

        def col_label(c: str) -> str:
            return c[1:] + " ✕" if c.startswith("?") else self.name(c)

        words = {3: self.tr("owns"), 2: self.tr("uses"), 1: self.tr("needs, nobody provides it"), 0: "—"}
        charts.heatmap(ch, [self.name(e) for e in rows], [col_label(c) for c in cols], m, COVERAGE_COLORS,
                       describe=lambda ri, ci: f"{self.name(rows[ri])} · {col_label(cols[ci])}: {words[int(m[ri, ci])]}")
        legend = " &nbsp; ".join(f"<span style='color:{c}'>■</span> {w}" for c, w in (
            (COVERAGE_COLORS[3], self.tr("owns")), (COVERAGE_COLORS[2], self.tr("uses")),
            (COVERAGE_COLORS[1], self.tr("needs (unmet)"))))
        if any(c.startswith("?") for c in cols):
            legend += " &nbsp; " + self.tr("(✕: a category nobody offers)")
        ch.set_note(legend)

    # gaps ------------------------------------------------------------------------------------------
    def _make_gap_widgets(self, gaps: list[Gap]) -> None:
        self.gap_widgets = []
        choose, draw = self.gap_model.column_index("_choose"), self.gap_model.column_index("_draw")
        for row, g in enumerate(gaps):
            combo = QComboBox()
            combo.setObjectName(f"gap_candidate_{row}")
            for cand in g.candidates:
                combo.addItem(self.name(cand), cand)
            button = QPushButton(self.tr("Draw Flow"))
            button.setObjectName(f"gap_draw_{row}")
            button.setToolTip(self.tr("Add a capability flow from the chosen partner's capability of this category "
                                      "to the needing entity (undoable)"))
            button.setEnabled(combo.count() > 0)
            combo.setEnabled(combo.count() > 0)
            button.clicked.connect(lambda checked=False, g=g, c=combo: self.draw_gap_flow(g, c.currentData()))
            for col, w in ((choose, combo), (draw, button)):
                self.gap_table.setIndexWidget(self.gap_table.proxy.mapFromSource(self.gap_model.index(row, col)), w)
            self.gap_widgets.append((combo, button))
        if self.gap_widgets:
            self.gap_table.setColumnWidth(choose, max(140, max(c.sizeHint().width() for c, _ in self.gap_widgets)))
            self.gap_table.setColumnWidth(draw, max(b.sizeHint().width() for _, b in self.gap_widgets) + 4)
            self.gap_table.setColumnWidth(self.gap_model.column_index("candidate_names"), 150)
            self.gap_table.verticalHeader().setDefaultSectionSize(max(26, self.gap_widgets[0][0].sizeHint().height()))

    def draw_gap_flow(self, gap: Gap, candidate: str | None) -> str | None:
        """Draw the suggested flow for ``gap`` from ``candidate``; returns the new flow's id."""
        doc = self.panel.document
        if doc is None or not candidate:
            return None
        cmd = gap_flow_command(doc.scenario, gap.entity, gap.category, gap.volume, gap.standalone_cost, candidate)
        if cmd is None:
            self.panel.status(self.tr("{0} offers no capability of category “{1}” any more").format(
                self.name(candidate), gap.category))
            return None
        if not doc.push(cmd):
            return None
        flow_id: str = cmd.obj.id
        self.panel.select_and_centre([flow_id], [gap.entity, candidate])
        return flow_id

    def splitters(self) -> list[QSplitter]:
        return self.findChildren(QSplitter)
