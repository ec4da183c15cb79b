"""UI layer: the Overview tab — the headline indicators of SPEC §3.4 and the scenario's
service level, savings and cost as cards; a click on a card opens the tab behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ecodesk.ui.panels.base import ResultTab, get, tone_color
from ecodesk.ui.panels.fmt import DASH, compact_money, integer, money, num, pct
from ecodesk.ui.panels.section import Section


@dataclass
class CardData:
    key: str
    title: str
    value: str
    sub: str = ""
    raw: Any = None
    tone: str = "neutral"
    tab: str = ""
    tip: str = ""


class CardWidget(QFrame):
    """One indicator: a small title, a large value, a line of context."""

    clicked = Signal(str)

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"card_{key}")
        self.key = key
        self.raw: Any = None
        self.tab = ""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = QLabel(self)
        self.title.setProperty("role", "hint")
        self.value = QLabel(self)
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 1.55)
        f.setBold(True)
        self.value.setFont(f)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sub = QLabel(self)
        self.sub.setProperty("role", "hint")
        self.sub.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 7, 10, 8)
        lay.setSpacing(1)
        for w in (self.title, self.value, self.sub):
            lay.addWidget(w)

    def show_data(self, d: CardData) -> None:
        self.raw, self.tab = d.raw, d.tab
        self.title.setText(d.title)
        self.value.setText(d.value)
        self.sub.setText(d.sub)
        self.sub.setVisible(bool(d.sub))
        self.value.setStyleSheet(f"color: {tone_color(d.tone).name()};" if d.tone != "neutral" else "")
        self.setToolTip(d.tip)
        self.setCursor(Qt.CursorShape.PointingHandCursor if d.tab else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.tab:
            self.clicked.emit(self.tab)
        super().mouseReleaseEvent(event)


class OverviewTab(ResultTab):
    """Cards in a grid that reflows with the panel's width."""

    open_tab = Signal(str)

    def __init__(self, panel: Any) -> None:
        super().__init__(panel, "overview_tab")
        self.section = Section("overview_cards", self, min_height=120)
        self.grid_host = QWidget(self.section)
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.section.add(self.grid_host)
        self.add_section(self.section)
        self.finish()
        self.cards: dict[str, CardWidget] = {}
        self._columns = 0

    def card_data(self) -> list[CardData]:
        r = self.result or {}
        cur = self.panel.currency
        settings = r.get("settings") or {}
        threshold = settings.get("threshold", 0.9)
        sl = get(r, "resilience.service_level")
        mc = get(r, "resilience.monte_carlo") or {}
        total_cost, alone = get(r, "cost_sharing.total_cost"), get(r, "cost_sharing.total_standalone")
        saved = (alone - total_cost) / alone if alone else None
        caps = get(r, "reuse.capabilities") or []
        critical = get(r, "resilience.critical_entities") or []
        spof = [c["id"] for c in critical if c.get("single_point_of_failure")]
        own = get(r, "resilience.demand_entities") or {}
        beyond = [i for i in spof if i not in own]  # what the canvas rings (colormodes.markers_for)
        in_core = get(r, "cost_sharing.in_core")
        gaps = get(r, "reuse.gaps") or []
        redund = get(r, "reuse.redundancies") or []
        pot = sum(x.get("potential_savings") or 0 for x in redund)
        multi = get(r, "kpis.multi_ecosystem_entity_ids") or []
        hub = get(r, "kpis.top_hub")
        rr, rt = get(r, "resilience.robustness.random.r_index"), get(r, "resilience.robustness.targeted.r_index")
        return [
            CardData("service_level", self.tr("Service level"), pct(sl), self.tr("Share of final demand supplied"), sl,
                     "good" if sl is not None and sl >= threshold else "bad", "resilience"),
            CardData("expected_service", self.tr("Expected service (Monte Carlo)"), pct(mc.get("expected_service")),
                     self.tr("p05 {0} · {1} of trials below {2}").format(pct(mc.get("p05")), pct(mc.get("p_below")),
                                                                    pct(threshold, 0)),
                     mc.get("expected_service"),
                     "good" if (mc.get("expected_service") or 0) >= threshold else "warn", "resilience",
                     self.tr("{0} trials, seed {1}").format(integer(mc.get("trials")), mc.get("seed", DASH))),
            CardData("total_savings", self.tr("Savings from shared capabilities"),
                     compact_money(get(r, "reuse.total_savings"), cur),
                     self.tr("Across {0} capabilities built once and shared").format(len(caps)),
                     get(r, "reuse.total_savings"), "good" if (get(r, "reuse.total_savings") or 0) > 0 else "neutral",
                     "reuse", money(get(r, "reuse.total_savings")) + f" {cur}"),
            CardData("total_cost", self.tr("Total cost together"), compact_money(total_cost, cur),
                     self.tr("Alone: {0} · {1} saved").format(compact_money(alone, cur), pct(saved)), total_cost,
                     "good" if saved else "neutral", "cost",
                     self.tr("Together {0} {2} · alone {1} {2}").format(money(total_cost), money(alone), cur)),
            CardData("reuse_index", self.tr("Reuse index"), num(get(r, "reuse.reuse_index")),
                     self.tr("Consumers per capability"), get(r, "reuse.reuse_index"), "neutral", "reuse"),
            CardData("in_core", self.tr("Fair split (Shapley)"),
                     DASH if in_core is None else (self.tr("Stable") if in_core else self.tr("Not stable")),
                     self.panel.core_sentence(r), in_core,
                     "neutral" if in_core is None else ("good" if in_core else "bad"), "cost"),
            CardData("spof", self.tr("Single points of failure"), integer(len(spof)),
                     self._spof_line(spof, beyond), len(spof), "bad" if spof else "good", "resilience",
                     "" if len(beyond) == len(spof) else self.tr(
                         "{0} of them are demand entities whose loss costs only their own demand; the canvas "
                         "rings the other {1}.").format(integer(len(spof) - len(beyond)), integer(len(beyond)))),
            CardData("robustness", self.tr("Robustness R (random / targeted)"), f"{num(rr)} / {num(rt)}",
                     self.tr("Mean service while partners drop out"), rr, "neutral", "resilience"),
            CardData("data_interop", self.tr("Data interoperability"), pct(get(r, "kpis.data_interop_rate")),
                     self.tr("Linked pairs that also exchange data"), get(r, "kpis.data_interop_rate")),
            CardData("cross_industry", self.tr("Cross-industry flows"), pct(get(r, "kpis.cross_industry_share")),
                     self.tr("Flows between different industries"), get(r, "kpis.cross_industry_share")),
            CardData("top_hub", self.tr("Top hub"), self.name(hub) if hub else DASH,
                     self.tr("{0} of all flows touch it").format(pct(get(r, "kpis.top_hub_share"))),
                     get(r, "kpis.top_hub_share")),
            CardData("gaps", self.tr("Unmet needs"), integer(len(gaps)),
                     self.tr("Built twice: {0} · could save {1}").format(len(redund), compact_money(pot, cur)),
                     len(gaps), "warn" if gaps else "good", "reuse"),
            CardData("multi_ecosystem", self.tr("Entities in several ecosystems"),
                     integer(get(r, "kpis.multi_ecosystem_entities")),
                     self.names(multi[:3]) + (" …" if len(multi) > 3 else ""),
                     get(r, "kpis.multi_ecosystem_entities")),
            CardData("counts", self.tr("Entities / flows"),
                     f"{integer(get(r, 'kpis.entity_count'))} / {integer(get(r, 'kpis.flow_count'))}",
                     self.tr("{0} capabilities · {1} sharing pools").format(
                         len(caps), len(get(r, "cost_sharing.pools") or [])), get(r, "kpis.entity_count")),
        ]

    def _spof_line(self, spof: list[str], beyond: list[str]) -> str:
        """The card's context line: the first names; when some single points of failure are
        demand entities that lose only their own demand, the ones beyond that (ringed)."""
        if len(beyond) == len(spof):
            return self.names(spof[:3]) + (" …" if len(spof) > 3 else "")
        shown = self.names(beyond[:3]) + (" …" if len(beyond) > 3 else "") if beyond else DASH
        return self.tr("{0} beyond their own demand: {1}").format(integer(len(beyond)), shown)

    def refresh(self) -> None:
        data = self.card_data()
        for d in data:
            card = self.cards.get(d.key)
            if card is None:
                card = CardWidget(d.key, self.grid_host)
                card.clicked.connect(self.open_tab)
                self.cards[d.key] = card
            card.show_data(d)
        self.section.title.setText(self.tr("Headline indicators"))
        self._reflow(force=True)

    def _reflow(self, force: bool = False) -> None:
        cols = max(1, min(5, (self.viewport().width() - 16) // 215))
        if cols == self._columns and not force:
            return
        self._columns = cols
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, i // cols, i % cols)
        for c in range(5):
            self.grid.setColumnStretch(c, 1 if c < cols else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()
