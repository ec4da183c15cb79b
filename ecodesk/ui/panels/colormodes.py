"""UI layer: results drawn back onto the canvas — colour modes (by kind, by criticality as
a heat scale of ``service_loss``, by ecosystem, by Shapley savings) and marks (rings
around single points of failure, owners of capabilities built twice, entities with unmet
needs). Pure functions from (scenario, result) to colours, marks and legend rows; the
panel hands them to ``CanvasView.set_color_overrides`` / ``set_markers``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ecodesk.model import Scenario
from ecodesk.numfmt import compact
from ecodesk.ui.canvas.style import ecosystem_color
from ecodesk.ui.i18n import current_language

if TYPE_CHECKING:
    from ecodesk.analysis.run import AnalysisResult

MODES = ("kind", "criticality", "ecosystem", "shapley")
NEUTRAL = "#C9D1D9"
SEVERAL = "#5B3A8C"
#: Criticality bins (upper bound of the loss, colour): light amber to deep red.
CRITICAL_BINS = ((0.1, "#FDD49E"), (0.3, "#FC8D59"), (0.6, "#E34A33"), (1.01, "#99000D"))
#: Savings bins (share of the largest saving): light to deep green.
SAVINGS_BINS = ((0.25, "#C7E9C0"), (0.5, "#74C476"), (0.75, "#31A354"), (1.01, "#006D2C"))


tr = QCoreApplication.translate


def mode_label(mode: str) -> str:
    return {"kind": tr("ColorModes", "By kind"), "criticality": tr("ColorModes", "By criticality"), "ecosystem": tr("ColorModes", "By ecosystem"),
            "shapley": tr("ColorModes", "By Shapley savings")}[mode]


Colours = dict[str, QColor]
Legend = list[tuple[str, QColor]]


def criticality_colours(scenario: Scenario, result: AnalysisResult | None) -> tuple[Colours, Legend]:
    loss = result.resilience.service_loss if result is not None else {}
    out: Colours = {}
    for e in scenario.entities:
        v = loss.get(e.id, 0.0)
        if v <= 1e-12:
            out[e.id] = QColor(NEUTRAL)
            continue
        out[e.id] = QColor(next(c for bound, c in CRITICAL_BINS if v < bound))
    legend = [(tr("ColorModes", "No service loss"), QColor(NEUTRAL)), (tr("ColorModes", "Loss under 10 %"), QColor(CRITICAL_BINS[0][1])),
              (tr("ColorModes", "10–30 %"), QColor(CRITICAL_BINS[1][1])), (tr("ColorModes", "30–60 %"), QColor(CRITICAL_BINS[2][1])),
              (tr("ColorModes", "60 % or more"), QColor(CRITICAL_BINS[3][1]))]
    return out, legend


def ecosystem_colours(scenario: Scenario, result: AnalysisResult | None = None) -> tuple[Colours, Legend]:
    eco_colour = {eco.id: ecosystem_color(eco.color, i) for i, eco in enumerate(scenario.ecosystems)}
    out: Colours = {}
    used: dict[str, None] = {}
    several = none = False
    for e in scenario.entities:
        ecos = [x for x in e.ecosystems if x in eco_colour]
        if not ecos:
            out[e.id] = QColor(NEUTRAL)
            none = True
        elif len(ecos) > 1:
            out[e.id] = QColor(SEVERAL)
            several = True
        else:
            out[e.id] = QColor(eco_colour[ecos[0]])
            used.setdefault(ecos[0])
    legend: Legend = [(scenario.ecosystems[x].name or x, eco_colour[x]) for x in used]
    if several:
        legend.append((tr("ColorModes", "Several ecosystems"), QColor(SEVERAL)))
    if none:
        legend.append((tr("ColorModes", "No ecosystem"), QColor(NEUTRAL)))
    return out, legend


def shapley_colours(scenario: Scenario, result: AnalysisResult | None) -> tuple[Colours, Legend]:
    savings = result.cost_sharing.savings if result is not None else {}
    top = max([v for v in savings.values() if v is not None] + [0.0])
    out: Colours = {}
    for e in scenario.entities:
        v = savings.get(e.id)
        if v is None or v <= 1e-9 or top <= 0:
            out[e.id] = QColor(NEUTRAL)
        else:
            out[e.id] = QColor(next(c for bound, c in SAVINGS_BINS if v / top < bound))
    legend = [(tr("ColorModes", "No savings (or not in the cost game)"), QColor(NEUTRAL))]
    if top > 0:
        lo = 0.0
        for bound, c in SAVINGS_BINS:
            hi = min(bound, 1.0) * top
            lang = current_language()
            legend.append((tr("ColorModes", "Saves {0}–{1}").format(compact(lo, lang), compact(hi, lang)), QColor(c)))
            lo = hi
    return out, legend


COLOURERS: dict[str, Callable[[Scenario, AnalysisResult | None], tuple[Colours, Legend]]] = {
    "criticality": criticality_colours,
    "ecosystem": ecosystem_colours,
    "shapley": shapley_colours,
}


def colours_for(mode: str, scenario: Scenario, result: AnalysisResult | None) -> tuple[Colours | None, Legend | None]:
    """Entity colours and legend rows of ``mode`` (None, None: colours by kind)."""
    if mode == "kind" or mode not in COLOURERS:
        return None, None
    if mode != "ecosystem" and result is None:
        return None, None
    return COLOURERS[mode](scenario, result)


def markers_for(scenario: Scenario, result: AnalysisResult | None) -> tuple[dict[str, tuple[str, ...]], list[tuple[str, str]]]:
    """Marks by entity id and the legend rows (label, mark) of the marks in use.

    Single points of failure: entities whose failure loses service *beyond their own
    demand* (a demand entity losing its own demand is not marked — it would ring every
    customer group). Redundant: owners of capabilities built again where one would do.
    Gap: entities with a need nobody meets."""
    if result is None:
        return {}, []
    marks: dict[str, list[str]] = {}
    for entity_id in result.resilience.ringed_single_points:
        if entity_id in scenario.entities:
            marks.setdefault(entity_id, []).append("spof")
    for r in result.reuse.redundancies:
        for cap in r.redundant:
            owner = scenario.capabilities.get(cap)
            if owner is not None and owner.owner in scenario.entities and "redundant" not in marks.get(owner.owner, []):
                marks.setdefault(owner.owner, []).append("redundant")
    for g in result.reuse.gaps:
        if g.entity in scenario.entities and "gap" not in marks.get(g.entity, []):
            marks.setdefault(g.entity, []).append("gap")
    used = {m for ms in marks.values() for m in ms}
    legend = [(label, m) for label, m in ((tr("ColorModes", "Single point of failure"), "spof"),
                                          (tr("ColorModes", "Capability built twice"), "redundant"),
                                          (tr("ColorModes", "Unmet need"), "gap")) if m in used]
    return {k: tuple(v) for k, v in marks.items()}, legend
