"""UI layer: the Cost sharing tab (SPEC §3.2) — whether the fair split is stable (in words),
each partner's standalone cost, fair (Shapley) share, savings and the alternative splits,
and the planner's pools: edited on the left, and on the right each pool's allocation
against its fair share with the fairness gap highlighted.

Pools are cheap: the selected pool is recomputed synchronously with ``analyze_pool`` on
every edit, so switching its rule shows the new allocation at once (it is never stale).
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

import ecodesk.ui.panels.charts as charts
from ecodesk.analysis.notes_zh import notes_text
from ecodesk.model import Bindings, PoolType, Scenario
from ecodesk.numfmt import money
from ecodesk.ui.i18n import current_language, enum_label
from ecodesk.ui.panels.base import ResultTab, tint, tone_color
from ecodesk.ui.panels.charts import ChartWidget
from ecodesk.ui.panels.pool_editor import PoolEditorWidget
from ecodesk.ui.panels.section import Section
from ecodesk.ui.panels.tables import Column, ResultTableModel, ResultTableView
from ecodesk.ui.plaintext import plain_label

TOP_BARS = 15


class CostShareTab(ResultTab):
    def __init__(self, panel: Any) -> None:
        super().__init__(panel, "cost_tab")
        self.core = self.add_section(Section("cost_core", self, 54))
        self.core_label = plain_label(QLabel(self))
        self.core_label.setObjectName("core_status")
        self.core_label.setWordWrap(True)
        f = self.core_label.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.core_label.setFont(f)
        self.core.add(self.core_label)
        self.partners = self.add_section(Section("cost_partners", self, 280))
        self.model = ResultTableModel()
        self.table = ResultTableView(self.model, "cost_sharing_table", self)
        self.chart = ChartWidget("fair_share_chart", self)
        self.partners.split(self.table, self.chart, sizes=[620, 460])
        # pools: the editor stays live while results are out of date
        self.pools = self.add_section(Section("cost_pools", self, 380), results=False)
        self.editor = PoolEditorWidget(panel, self)
        right = QWidget(self)
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.pool_summary = plain_label(QLabel(right))
        self.pool_summary.setObjectName("pool_summary")
        self.pool_summary.setWordWrap(True)
        self.pool_model = ResultTableModel()
        self.pool_table = ResultTableView(self.pool_model, "pool_allocation_table", right)
        self.pool_chart = ChartWidget("pool_chart", right)
        self.pool_chart.setMinimumHeight(150)
        self.pool_notes = QLabel(right)
        self.pool_notes.setProperty("role", "hint")
        self.pool_notes.setWordWrap(True)
        rv.addWidget(self.pool_summary)
        rv.addWidget(self.pool_table, 1)
        rv.addWidget(self.pool_chart, 1)
        rv.addWidget(self.pool_notes)
        self.pools.split(self.editor, right, sizes=[380, 700])
        self.finish()
        self.editor.pool_selected.connect(lambda _id: self.refresh_pool())
        self._live: Scenario | None = None
        self._bindings = Bindings()
        self._pool_key: tuple[Any, ...] | None = None
        self._pool_timer = QTimer(self)
        self._pool_timer.setSingleShot(True)
        self._pool_timer.setInterval(0)
        self._pool_timer.timeout.connect(self.refresh_pool)
        self.pool_result: Any = None
        self._max_gap = 1.0
        self._set_columns()

    def set_scenario(self, scenario: Scenario | None) -> None:
        """The live scenario (the pool editor edits it; pools are analysed on it). Edits of
        the pools refresh at once (through the editor); other edits (flows change default
        weights) once the event loop is idle."""
        self._bindings.clear()
        self._live = scenario
        if scenario is not None:
            self._bindings.connect(scenario.changed, self._pool_timer.start)
        self.editor.set_scenario(scenario)
        self.refresh_pool()

    def _set_columns(self) -> None:
        self.model.set_columns([
            Column("name", self.tr("Partner")),
            Column("standalone", self.tr("Standalone"), "money", self.tr("c({i}): what it would pay on its own")),
            Column("shapley", self.tr("Fair share (Shapley)"), "money", self.tr("Its Shapley value of the cost game")),
            Column("savings", self.tr("Savings"), "money", self.tr("Standalone minus fair share"),
                   background=lambda r: tint("good", 0.5) if (r.get("savings") or 0) > 0 else
                   (tint("bad", 0.5) if (r.get("savings") or 0) < 0 else None)),
            Column("proportional", self.tr("Proportional"), "money", self.tr("Total cost split in proportion to standalone")),
            Column("equal_savings", self.tr("Equal savings"), "money", self.tr("Standalone minus an equal share of savings")),
        ])
        self.pool_model.set_columns([
            Column("name", self.tr("Member")),
            Column("weight", self.tr("Weight"), "number"),
            Column("claim", self.tr("Claim"), "money"),
            Column("allocation", self.tr("Allocation"), "money"),
            Column("shapley", self.tr("Fair share"), "money"),
            Column("fairness_gap", self.tr("Fairness gap"), "money", self.tr("Allocation minus fair share"),
                   background=self._gap_colour, foreground=self._gap_text),
        ])
        self.table.setProperty("export_label", self.tr("Partners"))
        self.chart.setProperty("export_label", self.tr("Standalone vs fair share"))
        self.pool_table.setProperty("export_label", self.tr("Pool allocation"))
        self.pool_chart.setProperty("export_label", self.tr("Pool allocation vs fair share"))

    def _disadvantaged(self, gap: float) -> bool:
        pool = self.editor.pool
        cost = pool is not None and pool.type is PoolType.COST
        return gap > 0 if cost else gap < 0

    def _gap_colour(self, r: dict[str, Any]) -> QColor | None:
        gap = r.get("fairness_gap") or 0.0
        if abs(gap) < 1e-9:
            return None
        return tint("bad" if self._disadvantaged(gap) else "warn", abs(gap) / self._max_gap)

    def _gap_text(self, r: dict[str, Any]) -> QColor | None:
        gap = r.get("fairness_gap") or 0.0
        if abs(gap) < 1e-9:
            return None
        return tone_color("bad" if self._disadvantaged(gap) else "warn")

    def retranslate_texts(self) -> None:
        self._set_columns()
        self.editor.retranslate()

    # partners ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        r = self.result
        cs = r.cost_sharing if r is not None else None
        self.core.title.setText(self.tr("Is the fair split stable?"))
        self.partners.title.setText(self.tr("Partners"))
        self.pools.title.setText(self.tr("Sharing pools"))
        sentence = self.panel.core_sentence(r)
        self.core_label.setText(sentence)
        in_core = cs.in_core if cs is not None else None
        self.core_label.setStyleSheet("" if in_core is None else f"color: {tone_color('good' if in_core else 'bad').name()};")
        more = cs.blocking_count if cs is not None else 0
        self.core.hint.setText(self.tr("Groups that would leave: {0}").format(more) if more > 1 else "")
        rows: list[dict[str, Any]] = []
        for p in cs.players if cs is not None else ():
            assert cs is not None
            rows.append({"id": p, "name": self.name(p), "standalone": cs.standalone.get(p),
                         "shapley": cs.shapley.get(p), "savings": cs.savings.get(p),
                         "proportional": cs.proportional.get(p),
                         "equal_savings": cs.equal_savings.get(p), "_ids": [p]})
        self.model.set_rows(rows)
        cur = self.panel.currency
        self.partners.hint.setText(self.tr("Together {0} {2} · alone {1} {2}").format(
            money(cs.total_cost if cs else None),
            money(cs.total_standalone if cs else None), cur))
        top = sorted(rows, key=lambda x: -(x["standalone"] or 0))[:TOP_BARS]
        title = self.tr("Standalone vs fair share") if len(rows) <= TOP_BARS else self.tr(
            "Standalone vs fair share: top {0} of {1} partners").format(TOP_BARS, len(rows))
        self.chart.reset(title, cur, legend=True, legend_at="bottom")
        charts.hbars(self.chart, [x["name"] for x in top], [
            (self.tr("Standalone"), [x["standalone"] or 0 for x in top], charts.COLORS["standalone"]),
            (self.tr("Fair share"), [x["shapley"] or 0 for x in top], charts.COLORS["fair"])],
            tooltips=[f"{x['name']}: {money(x['standalone'])} → {money(x['shapley'])}"
                      for x in top])
        self.refresh_pool(force=True)

    # pools -------------------------------------------------------------------------------------------
    def refresh_pool(self, force: bool = False) -> None:
        """Analyse the selected pool now, on the live scenario (pools are cheap)."""
        pool, s = self.editor.pool, self.editor.scenario
        key = (id(s), s.revision if s is not None else -1, pool, self.panel.settings.seed)
        if key == self._pool_key and not force:
            return
        self._pool_key = key
        if pool is None or s is None:
            self.pool_result = None
            self.pool_model.set_rows([])
            self.pool_summary.setText(self.tr("No sharing pool yet: select partners on the canvas and click New Pool.")
                                      if s is not None and not len(s.pools) else "")
            self.pool_chart.reset()
            self.pool_notes.clear()
            return
        from ecodesk.analysis.pools import analyze_pool  # (scipy: loaded when first needed)

        seed = self.panel.settings.seed
        res = analyze_pool(pool, s, seed=seed)
        self.pool_result = res
        gaps = [abs(v) for v in res.fairness_gap.values()]
        self._max_gap = max([*gaps, 1e-09])
        rows: list[dict[str, Any]] = []
        for m in res.members:
            ent = s.entities.get(m)
            rows.append({"id": m, "name": ent.label if ent is not None else m, "weight": res.weights.get(m),
                         "claim": res.claims.get(m) if res.claims else None,
                         "allocation": res.allocation.get(m), "shapley": res.shapley.get(m),
                         "fairness_gap": res.fairness_gap.get(m), "_ids": [m]})
        self.pool_model.set_rows(rows)
        self.pool_table.setColumnHidden(self.pool_model.column_index("claim"), pool.type is not PoolType.RESERVE)
        cur = self.panel.currency
        worst = max(rows, key=lambda x: abs(x["fairness_gap"] or 0), default=None)
        self.pool_summary.setText(self.tr("{0}: {1} of {2} {3} allocated by “{4}”; fair share by {5}.").format(
            pool.label, money(res.total_allocated), money(res.amount), cur,
            enum_label(pool.rule), self._method(res.shapley_method))
            + ("" if worst is None or abs(worst["fairness_gap"] or 0) < 1e-9 else " " + self.tr(
                "Largest gap: {0} ({1} {2}).").format(worst["name"], money(worst["fairness_gap"]), cur)))
        note = self.tr("Red: pays more (or receives less) than its fair share; amber: the opposite.")
        notes = [html.escape(n) for n in notes_text(res.notes, current_language())]
        self.pool_notes.setText(note + ("<br>" + "<br>".join(notes) if notes else ""))
        self.pool_chart.reset(self.tr("Allocation vs fair share"), cur, legend=True, legend_at="bottom")
        charts.hbars(self.pool_chart, [x["name"] for x in rows], [
            (self.tr("Allocation"), [x["allocation"] or 0 for x in rows], charts.COLORS["cascade"]),
            (self.tr("Fair share"), [x["shapley"] or 0 for x in rows], charts.COLORS["fair"])])

    def _method(self, method: str) -> str:
        return {"exact": self.tr("exact Shapley value"), "closed_form": self.tr("closed form"),
                "sampled": self.tr("sampled Shapley value (95 % interval in the notes)"),
                "none": "—"}.get(method, method)

    def pool_values(self, key: str) -> dict[str, Any]:
        return {r["id"]: r.get(key) for r in self.pool_model.rows}
