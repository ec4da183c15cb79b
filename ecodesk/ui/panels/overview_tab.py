"""UI layer: the Overview tab — the headline indicators of SPEC §3.4 and the scenario's
service level, savings and cost as cards; a click on a card opens the tab behind it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from ecodesk.numfmt import DASH, compact_money, integer, money
from ecodesk.numfmt import number as num
from ecodesk.numfmt import percent as pct
from ecodesk.ui.i18n import count_text, current_language
from ecodesk.ui.panels.base import ResultTab, tone_color
from ecodesk.ui.panels.section import FitLabel, Section
from ecodesk.ui.plaintext import plain


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
    """One indicator: a small title, a large value, two lines of context — each a
    :class:`FitLabel`, so a narrow card elides (whole text in the tooltip) rather than let
    the text run into the figure."""

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
        self.title = FitLabel(self)
        self.title.setProperty("role", "hint")
        self.value = FitLabel(self)
        f = self.value.font()
        f.setPointSizeF(f.pointSizeF() * 1.55)
        f.setBold(True)
        self.value.setFont(f)
        self.sub = FitLabel(self, max_lines=2)
        self.sub.setProperty("role", "hint")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 7, 10, 8)
        lay.setSpacing(1)
        for w in (self.title, self.value, self.sub):
            lay.addWidget(w)

    def show_data(self, d: CardData) -> None:
        self.raw, self.tab = d.raw, d.tab
        self.title.setText(d.title)
        self.value.setText(d.value)
        self.sub.setText(d.sub)  # kept when empty: every card of a row has one height
        self.value.setStyleSheet(f"color: {tone_color(d.tone).name()};" if d.tone != "neutral" else "")
        self.setToolTip(plain(d.tip))
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
        r = self.result
        cur, lang = self.panel.currency, current_language()
        threshold = r.settings.threshold if r is not None else 0.9
        reuse = r.reuse if r is not None else None
        cs = r.cost_sharing if r is not None else None
        res = r.resilience if r is not None else None
        kpis = r.kpis if r is not None else None
        mc = res.monte_carlo if res is not None else None
        sl = res.service_level if res is not None else None
        total_cost, alone = (cs.total_cost, cs.total_standalone) if cs is not None else (None, None)
        saved = (alone - total_cost) / alone if alone and total_cost is not None else None
        caps = reuse.capabilities if reuse is not None else []
        spof = res.single_points_of_failure if res is not None else []
        beyond = res.ringed_single_points if res is not None else []  # what the canvas rings
        in_core = cs.in_core if cs is not None else None
        gaps = reuse.gaps if reuse is not None else []
        redund = reuse.redundancies if reuse is not None else []
        pot = sum(x.potential_savings for x in redund)
        multi = kpis.multi_ecosystem_entity_ids if kpis is not None else []
        hub = kpis.top_hub if kpis is not None else None
        rr = res.robustness.random.r_index if res is not None else None
        rt = res.robustness.targeted.r_index if res is not None else None
        expected = mc.expected_service if mc is not None else None
        savings = reuse.total_savings if reuse is not None else None
        return [
            CardData("service_level", self.tr("Service level"), pct(sl), self.tr("Share of final demand supplied"), sl,
                     "good" if sl is not None and sl >= threshold else "bad", "resilience"),
            CardData("expected_service", self.tr("Expected service (Monte Carlo)"), pct(expected),
                     self.tr("p05 {0} · {1} of trials below {2}").format(pct(mc.p05 if mc else None),
                                                                    pct(mc.p_below if mc else None), pct(threshold, 0)),
                     expected, "good" if (expected or 0) >= threshold else "warn", "resilience",
                     self.tr("{0} trials, seed {1}").format(integer(mc.trials if mc else None),
                                                          mc.seed if mc else DASH)),
            CardData("total_savings", self.tr("Savings from shared capabilities"),
                     compact_money(savings, lang, cur),
                     self.tr("Across 1 capability built once and shared") if len(caps) == 1
                     else self.tr("Across {0} capabilities built once and shared").format(len(caps)),
                     savings, "good" if (savings or 0) > 0 else "neutral",
                     "reuse", money(savings) + f" {cur}"),
            CardData("total_cost", self.tr("Total cost together"), compact_money(total_cost, lang, cur),
                     self.tr("Alone: {0} · {1} saved").format(compact_money(alone, lang, cur), pct(saved)), total_cost,
                     "good" if saved else "neutral", "cost",
                     self.tr("Together {0} {2} · alone {1} {2}").format(money(total_cost), money(alone), cur)),
            CardData("reuse_index", self.tr("Reuse index"), num(reuse.reuse_index if reuse else None),
                     self.tr("Consumers per capability"), reuse.reuse_index if reuse else None, "neutral", "reuse"),
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
            CardData("data_interop", self.tr("Data interoperability"), pct(kpis.data_interop_rate if kpis else None),
                     self.tr("Linked pairs that also exchange data"), kpis.data_interop_rate if kpis else None),
            CardData("cross_industry", self.tr("Cross-industry flows"),
                     pct(kpis.cross_industry_share if kpis else None),
                     self.tr("Flows between different industries"), kpis.cross_industry_share if kpis else None),
            CardData("top_hub", self.tr("Top hub"), self.name(hub) if hub else DASH,
                     self.tr("{0} of all flows touch it").format(pct(kpis.top_hub_share if kpis else None)),
                     kpis.top_hub_share if kpis else None),
            CardData("gaps", self.tr("Unmet needs"), integer(len(gaps)),
                     self.tr("Built twice: {0} · could save {1}").format(len(redund), compact_money(pot, lang, cur)),
                     len(gaps), "warn" if gaps else "good", "reuse"),
            CardData("multi_ecosystem", self.tr("Entities in several ecosystems"),
                     integer(kpis.multi_ecosystem_entities if kpis else None),
                     self.names(multi[:3]) + (" …" if len(multi) > 3 else ""),
                     kpis.multi_ecosystem_entities if kpis else None),
            CardData("counts", self.tr("Entities / flows"),
                     f"{integer(kpis.entity_count if kpis else None)} / {integer(kpis.flow_count if kpis else None)}",
                     f"{count_text(len(caps), 'capabilities')} · "
                     f"{count_text(len(cs.pools) if cs else 0, 'sharing pools')}", kpis.entity_count if kpis else None),
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
