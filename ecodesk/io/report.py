"""I/O layer: the HTML report — one self-contained file with the model summary, a picture of
the canvas and every analysis with its tables and charts, in English or Chinese.

Pure Python: it takes the project and the typed analysis result
(:class:`~ecodesk.analysis.run.AnalysisResult`, which holds the scenario as analysed; run here
when not given — the command line and the app's background runner pass theirs) and,
optionally, the canvas as an SVG document, which only the UI layer can draw (the command line
and the app pass it in; without it the report says why the map is missing). Numbers are
written by the one convention of :mod:`ecodesk.numfmt`. Nothing is loaded from the network: the styles are inline, the charts are inline
SVG (:mod:`ecodesk.io.svgchart`) and the canvas picture is a ``data:`` URI inside an
``<img>`` — so even the picture's text cannot act as markup. Every piece of user text is
escaped with :func:`html.escape`; ecosystem colours are used only when they are plain
``#rgb`` colours. Numeric cells carry their exact value in ``data-value`` so the report
can be checked against the analysis.
"""

from __future__ import annotations

import base64
import datetime as _dt
import math
import os
import re
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ecodesk import __version__
from ecodesk.analysis.notes_zh import notes_text
from ecodesk.io.report_text import RATIO_KPIS, Words
from ecodesk.io.svgchart import Series, bar_chart, histogram, line_chart
from ecodesk.io.textsafe import xml_text
from ecodesk.model import EntityKind, FlowKind, PoolRule, PoolType, Project

if TYPE_CHECKING:
    from ecodesk.analysis.pools import PoolResult
    from ecodesk.analysis.reuse import CapabilityReuse
    from ecodesk.analysis.run import AnalysisResult

REPORT_FORMATS = ("html",)
PICTURE_TYPES = ("image/svg+xml", "image/png")
MAX_ROWS = 30  # rows of a long table shown before "… and N more"
MAX_BARS = 25  # groups of a bar chart
MAX_PLAYERS = 40  # rows of the per-partner tables (the biggest first when there are more)
#: The sensitivity and uncertainty sections (SPEC §3.7): their metric, rows and samples. Fewer
#: samples than ``ecodesk uncertainty``'s 1,000 keep the report quick (the report says so).
SWEEP_METRIC = "cost_sharing.total_cost"
SWEEP_TOP = 10
SWEEP_SAMPLES = 200
#: Sections that start on a new printed page (the short ones follow on).
PAGE_SECTIONS = ("model", "map", "reuse", "cost", "pools", "resilience")

C_SAVE, C_LOSS, C_ALONE = "#4e79a7", "#e15759", "#bab0ac"
C_SHAPLEY, C_PROP, C_EQUAL = "#f28e2b", "#76b7b2", "#59a14f"
C_RANDOM, C_TARGET, C_BAND = "#4e79a7", "#e15759", "rgba(78,121,167,0.18)"
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
PALETTE = ("#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#E15759", "#EDC948", "#9C755F")


def esc(value: object) -> str:
    return escape(xml_text(str(value)), quote=True)


def report_language(project: Project, fallback: str = "en") -> str:
    """The project's language when it has one ('zh…' or 'en…'), else ``fallback``."""
    lang = (project.language or "").lower()
    if lang.startswith("zh"):
        return "zh"
    if lang.startswith("en"):
        return "en"
    return "zh" if fallback.lower().startswith("zh") else "en"


def _color(value: str, index: int) -> str:
    return value if _COLOR.match(value or "") else PALETTE[index % len(PALETTE)]


class _Num:
    """A numeric table cell: the exact value (for data-value) and its text."""

    __slots__ = ("text", "value")

    def __init__(self, value: Any, text: str) -> None:
        item = getattr(value, "item", None)  # a numpy scalar: the plain number, as in the JSON
        if callable(item) and not isinstance(value, (int, float)):
            value = item()
        if isinstance(value, float) and not math.isfinite(value):
            value = None  # as the JSON writes it
        self.value, self.text = value, text


class _Html:
    """A table cell of markup built here from escaped parts."""

    __slots__ = ("html",)

    def __init__(self, html: str) -> None:
        self.html = html


Cell = str | _Num | _Html  # str cells are escaped when written


def _table(headers: Sequence[str], rows: Iterable[Sequence[Cell | None]], *, cls: str = "",
           foot: Sequence[Cell | None] | None = None, limit: int | None = MAX_ROWS, more: str = "… +{n}") -> str:
    """A table; columns whose first cell is a number are right-aligned, headers included.
    Without any header text the table has no head row."""
    rows = list(rows)
    shown = rows if limit is None else rows[:limit]
    first = rows[0] if rows else []
    numeric = {i for i, c in enumerate(first) if isinstance(c, _Num)}
    head = "".join(f'<th class="{"num" if i in numeric else ""}">{esc(h)}</th>' for i, h in enumerate(headers))
    out = [f'<table class="{cls}">']
    if any(headers):
        out.append(f"<thead><tr>{head}</tr></thead>")
    out.append("<tbody>")
    for row in shown:
        out.append("<tr>" + "".join(_td(c) for c in row) + "</tr>")
    if len(rows) > len(shown):
        out.append(f'<tr class="more"><td colspan="{len(headers)}">{esc(more.format(n=len(rows) - len(shown)))}'
                   "</td></tr>")
    out.append("</tbody>")
    if foot is not None:
        out.append('<tfoot><tr>' + "".join(_td(c) for c in foot) + "</tr></tfoot>")
    out.append("</table>")
    return "".join(out)


def _td(c: Cell | None) -> str:
    if c is None:
        return "<td></td>"
    if isinstance(c, _Html):
        return f"<td>{c.html}</td>"
    if isinstance(c, _Num):
        v = c.value
        neg = isinstance(v, (int, float)) and not isinstance(v, bool) and v < 0
        data = "" if v is None or isinstance(v, bool) else f' data-value="{esc(repr(v))}"'
        return f'<td class="num{" neg" if neg else ""}"{data}>{esc(c.text)}</td>'
    return f"<td>{esc(c)}</td>"


class ReportBuilder:
    """Builds the report's HTML for one analysed scenario from its typed result. Every numeric
    cell's ``data-value`` is the number ``analyze --json`` prints for it."""

    def __init__(self, project: Project, result: AnalysisResult, lang: str = "en", *,
                 canvas_svg: str | None = None, canvas_note: str | None = None,
                 canvas_image: tuple[str, bytes] | None = None, generated: _dt.datetime | None = None,
                 sweeps: bool = True) -> None:
        scenario = result.scenario
        self.sweeps = sweeps
        self.project, self.scenario, self.result = project, scenario, result
        self.w = Words(lang, project.currency or "", project.period or "year")
        self.lang = lang
        if canvas_image is None and canvas_svg:
            canvas_image = ("image/svg+xml", canvas_svg.encode("utf-8"))
        if canvas_image is not None and canvas_image[0] not in PICTURE_TYPES:
            raise ValueError(f"the canvas picture must be one of {PICTURE_TYPES}, not {canvas_image[0]!r}")
        self.canvas_image, self.canvas_note = canvas_image, canvas_note
        self.generated = generated or _dt.datetime.now()
        self.names = {e.id: e.label for e in scenario.entities}
        self.caps = {c.id: c for c in scenario.capabilities}
        self.pools = {p.id: p for p in scenario.pools}

    # helpers -----------------------------------------------------------------------------
    def nm(self, entity_id: str) -> str:
        return self.names.get(entity_id, entity_id)

    def names_list(self, ids: Sequence[str], limit: int = 12) -> str:
        """Entity names, at most ``limit`` of them then "… and N more"; "none" when empty."""
        w = self.w
        if not ids:
            return w("none")
        text = w.list([self.nm(i) for i in ids[:limit]])
        return text + (" " + w("more_rows", n=len(ids) - limit) if len(ids) > limit else "")

    def cap_name(self, cap_id: str) -> str:
        c = self.caps.get(cap_id)
        return c.label if c is not None else cap_id

    def cap_cell(self, c: CapabilityReuse) -> _Html:
        """A capability's name with its category beneath, smaller."""
        return _Html(esc(self.cap_name(c.id)) + (f'<div class="cat">{esc(c.category)}</div>' if c.category else ""))

    def money(self, v: Any) -> _Num:
        return _Num(v, self.w.money(v))

    def pct(self, v: Any) -> _Num:
        return _Num(v, self.w.pct(v))

    def count(self, v: Any) -> _Num:
        return _Num(v, self.w.num(v))

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[Cell | None]], **kw: Any) -> str:
        return _table(headers, rows, more=self.w("more_rows", n="{n}"), **kw)

    def p(self, text: str, cls: str = "") -> str:
        return f'<p class="{cls}">{esc(text)}</p>' if cls else f"<p>{esc(text)}</p>"

    def figure(self, svg: str, caption: str, shown: int | None = None, total: int | None = None) -> str:
        if shown is not None and total is not None and total > shown:
            caption += f" — {self.w('top_n', n=shown, m=total)}"
        return f'<figure class="chart">{svg}<figcaption>{esc(caption)}</figcaption></figure>'

    def section(self, anchor: str, number: int, title_key: str, body: list[str]) -> str:
        page = ' class="page"' if anchor in PAGE_SECTIONS else ""
        return (f'<section id="{anchor}"{page}><h2><span class="no">{number}</span>{esc(self.w(title_key))}</h2>'
                + "".join(body) + "</section>")

    def facts(self, items: list[tuple[str, str]]) -> str:
        """A row of label/value boxes."""
        return '<dl class="facts">' + "".join(
            f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in items) + "</dl>"

    # the document --------------------------------------------------------------------------
    def build(self) -> str:
        w = self.w
        sections = [
            ("model", "s_model", self.model_section), ("map", "s_canvas", self.canvas_section),
            ("reuse", "s_reuse", self.reuse_section), ("cost", "s_cost", self.cost_section),
            ("pools", "s_pools", self.pools_section), ("resilience", "s_res", self.resilience_section),
            ("indicators", "s_kpi", self.kpi_section),
        ]
        if self.sweeps:
            sections.append(("sensitivity", "s_sens", self.sensitivity_section))
            if any(getattr(o, "ranges", None) for c in self.scenario.collections().values() for o in c):
                sections.append(("uncertainty", "s_unc", self.uncertainty_section))
        sections.append(("method", "s_method", self.method_section))
        toc = "".join(f'<li><a href="#{a}">{esc(w(k))}</a></li>' for a, k, _ in sections)
        body = [self.cover(), f'<nav class="toc"><h2>{esc(w("contents"))}</h2><ol>{toc}</ol></nav>']
        for i, (anchor, key, fn) in enumerate(sections, 1):
            body.append(self.section(anchor, i, key, fn()))
        title = f"{self.project.name or self.scenario.name} — {w('title')}"
        return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if w.zh else "en"}"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<meta name="generator" content="ecodesk {esc(__version__)}">'
                f"<title>{esc(title)}</title><style>{CSS}</style></head><body><main>"
                + "".join(body)
                + f'<footer>{esc(w("footer", v=__version__))}</footer></main></body></html>\n')

    def cover(self) -> str:
        w, r = self.w, self.result
        reuse, cost, res = r.reuse, r.cost_sharing, r.resilience
        spof = [c for c in res.critical_entities if c.service_loss > 0]
        date = self.generated.strftime("%Y-%m-%d")
        sub = [f'{esc(w("scenario"))}: <b>{esc(self.scenario.name)}</b>',
               esc(w("units", c=w.currency, p=w.period_label())), esc(w("generated", d=date, v=__version__))]
        cards = [
            (w("total_savings"), w.money_cur(reuse.total_savings)),
            (w("reuse_index_short"), w.ratio(reuse.reuse_index)),
            (w("total_cost"), w.money_cur(cost.total_cost)),
            (w("service"), w.pct(res.service_level)),
            (w("expected"), w.pct(res.monte_carlo.expected_service)),
            (w("r_random"), w.ratio(res.robustness.random.r_index)),
            (w("r_targeted"), w.ratio(res.robustness.targeted.r_index)),
            (w("spof_count"), str(len(spof))),
        ]
        card_html = "".join(f'<div class="card"><div class="k">{esc(k)}</div><div class="v">{esc(v)}</div></div>'
                            for k, v in cards)
        findings = "".join(f"<li>{esc(f)}</li>" for f in self.findings())
        return (f'<header class="cover"><div class="kicker">ecodesk · {esc(w("title"))}</div>'
                f"<h1>{esc(self.project.name or self.scenario.name)}</h1>"
                f'<div class="sub">{" · ".join(sub)}</div>'
                f'<h3>{esc(w("key_figures"))}</h3><div class="cards">{card_html}</div>'
                f'<h3>{esc(w("findings"))}</h3><ul class="findings">{findings}</ul></header>')

    def findings(self) -> list[str]:
        w, r = self.w, self.result
        out: list[str] = []
        reuse, cost, res = r.reuse, r.cost_sharing, r.resilience
        used = [c for c in reuse.capabilities if c.reuse_count > 0]
        if used:
            top = max(used, key=lambda c: (c.reuse_count, c.savings))
            out.append(w("f_savings", x=w.money_cur(reuse.total_savings), top=self.cap_name(top.id), n=top.reuse_count))
        else:
            out.append(w("f_no_savings"))
        if reuse.redundancies:
            out.append(w("f_redundant", n=len(reuse.redundancies),
                         x=w.money_cur(sum(x.potential_savings for x in reuse.redundancies))))
        if reuse.gaps:
            out.append(w("f_gaps", n=len(reuse.gaps)))
        if cost.players:
            if cost.in_core:
                out.append(w("f_core_yes", x=w.money_cur(cost.total_cost)))
            elif cost.blocking_coalitions:
                b = cost.blocking_coalitions[0]
                out.append(w("f_core_no", m=" + ".join(map(self.nm, b["members"])), x=w.money_cur(b["excess"])))
        worst: tuple[PoolResult, str, float] | None = None
        for pool in cost.pools:
            for m, gap in pool.fairness_gap.items():
                if worst is None or abs(gap) > abs(worst[2]):
                    worst = (pool, m, gap)
        if worst is not None and abs(worst[2]) > 1e-9:
            pool, m, gap = worst
            is_cost = pool.type == "cost"
            direction = w(("pays_more" if gap > 0 else "pays_less") if is_cost else ("more" if gap > 0 else "less"))
            out.append(w("f_pool", p=pool.name or pool.id, m=self.nm(m), x=w.money_cur(abs(gap)),
                         dir=direction, r=self.rule_label(pool.rule)))
        spof = [c for c in res.critical_entities if c.service_loss > 0]
        if spof:
            names = [f"{self.nm(c.id)} ({w.pct(c.service_loss, 0)})" for c in spof[:5]]
            out.append(w("f_spof", names=w.list(names) + ("…" if len(spof) > 5 else "")))
        elif res.demand_entities:
            out.append(w("f_no_spof"))
        rob = res.robustness
        if rob.candidates:
            out.append(w("f_robust", r=w.ratio(rob.random.r_index), t=w.ratio(rob.targeted.r_index)))
        mc = res.monte_carlo
        if res.demand_entities:
            out.append(w("f_mc", e=w.pct(mc.expected_service), t=w.pct(mc.threshold, 0), b=w.pct(mc.p_below)))
        return out

    def rule_label(self, rule: str) -> str:
        try:
            return PoolRule(rule).label(self.w.lang)
        except ValueError:
            return rule

    # sections --------------------------------------------------------------------------------
    def model_section(self) -> list[str]:
        w, s = self.w, self.scenario
        out: list[str] = []
        if self.project.notes.strip():
            out.append(f'<h3>{esc(w("project_notes"))}</h3><div class="notes">{esc(self.project.notes)}</div>')
        kpis = self.result.kpis
        out.append(f'<h3>{esc(w("composition"))}</h3>')
        out.append(self.facts([(w("n_entities"), w.num(len(s.entities))), (w("n_flows"), w.num(len(s.flows))),
                               (w("ecosystems"), w.num(len(s.ecosystems))),
                               (w("n_capabilities"), w.num(len(s.capabilities))),
                               (w("n_needs"), w.num(len(s.needs))), (w("n_pools"), w.num(len(s.pools)))]))
        by_kind = kpis.entities_by_kind
        ent_rows = [[k.label(w.lang), self.count(by_kind.get(k.value, 0))] for k in EntityKind
                    if by_kind.get(k.value, 0)]
        flows_n, flows_v = kpis.flows_by_kind, kpis.flow_value_by_kind
        flow_rows = [[k.label(w.lang), self.count(flows_n.get(k.value, 0)), self.money(flows_v.get(k.value, 0.0))]
                     for k in FlowKind if flows_n.get(k.value, 0)]
        out.append('<div class="cols">')
        out.append(f'<div><h4>{esc(w("entities_by_kind"))}</h4>'
                   + self.table([w("kind"), w("count")], ent_rows, limit=None,
                                foot=[w("total"), self.count(len(s.entities))]) + "</div>")
        out.append(f'<div><h4>{esc(w("flows_by_kind"))}</h4>'
                   + self.table([w("kind"), w("count"), f'{w("value")} ({w.currency})'], flow_rows, limit=None,
                                foot=[w("total"), self.count(len(s.flows)),
                                      self.money(kpis.total_flow_value)]) + "</div>")
        out.append("</div>")
        out.append(f'<h4>{esc(w("ecosystems"))}</h4>')
        if s.ecosystems:
            rows = []
            for i, eco in enumerate(s.ecosystems):
                members = [e.label for e in s.entities if eco.id in e.ecosystems]
                rows.append((eco, _color(eco.color, i), members))
            listed = 12  # names per ecosystem; a big model's member list would fill pages
            out.append(f'<table class="eco"><thead><tr><th>{esc(w("ecosystem"))}</th><th class="num">'
                       f'{esc(w("count"))}</th><th>{esc(w("members"))}</th></tr></thead><tbody>')
            for eco, color, members in rows:
                out.append(f'<tr><td><span class="swatch" style="background:{color}"></span>{esc(eco.name or eco.id)}'
                           f'</td><td class="num" data-value="{len(members)}">{len(members)}</td>'
                           f"<td>{esc(w.list(members[:listed]))}"
                           + (f' <span class="muted">{esc(w("more_rows", n=len(members) - listed))}</span>'
                              if len(members) > listed else "") + "</td></tr>")
            out.append("</tbody></table>")
        else:
            out.append(self.p(w("no_ecosystems"), "muted"))
        return out

    def canvas_section(self) -> list[str]:
        w = self.w
        if self.canvas_image is not None:
            mime, raw = self.canvas_image
            data = base64.b64encode(raw).decode("ascii")
            caption = w("canvas_caption", s=self.scenario.name)
            return [f'<figure class="map"><img alt="{esc(caption)}" src="data:{mime};base64,{data}">'
                    f"<figcaption>{esc(caption)}</figcaption></figure>"]
        return [self.p(w("canvas_missing", why=self.canvas_note or "—"), "muted")]

    def reuse_section(self) -> list[str]:
        w, reuse = self.w, self.result.reuse
        out = [self.p(w("reuse_lead"), "lead")]
        caps = reuse.capabilities
        out.append(self.facts([(w("total_savings"), w.money_cur(reuse.total_savings)),
                               (w("reuse_index"), w.ratio(reuse.reuse_index))]))
        if not caps:
            out.append(self.p(w("no_capabilities"), "muted"))
        else:
            rows = [[self.cap_cell(c), self.nm(c.owner), self.count(c.reuse_count), self.money(c.amortised_fixed_cost),
                     self.money(c.shared_cost), self.money(c.standalone_cost), self.money(c.savings)] for c in caps]
            out.append(self.table([w("capability"), w("owner"), w("reuse_count"), w("amortised"), w("shared"),
                                   w("standalone"), w("savings")], rows, cls="reuse", limit=MAX_PLAYERS,
                                  foot=[w("total"), None, None, None, None, None, self.money(reuse.total_savings)]))
            top = sorted(caps, key=lambda c: -abs(c.savings))[:MAX_BARS]
            svg = bar_chart([self.cap_name(c.id) for c in top],
                            [Series(w("savings"), [c.savings for c in top], C_SAVE)],
                            fmt=w.money, short=w.short, title=w("chart_savings"))
            out.append(self.figure(svg, f'{w("chart_savings")} ({w.currency})', len(top), len(caps)))
        out.append(f'<h3>{esc(w("redundancies"))}</h3>')
        if reuse.redundancies:
            rows = [[r.category, w.list([self.cap_name(c) for c in r.capabilities]),
                     w.list([self.nm(o) for o in r.owners]), self.cap_name(r.keep),
                     self.money(r.potential_savings)] for r in reuse.redundancies]
            out.append(self.table([w("category"), w("capability"), w("built_by"), w("keep"), w("potential")], rows))
        else:
            out.append(self.p(w("no_redundancy"), "muted"))
        out.append(f'<h3>{esc(w("gaps"))}</h3>')
        if reuse.gaps:
            rows = [[self.nm(g.entity), g.category, self.count(g.volume), self.money(g.standalone_cost),
                     w.list([self.nm(c) for c in g.candidates]) or w("nobody")] for g in reuse.gaps]
            out.append(self.table([w("entity"), w("category"), w("volume"), w("need_cost"), w("candidates")], rows, cls="gaps"))
        else:
            out.append(self.p(w("no_gaps"), "muted"))
        return out

    def cost_section(self) -> list[str]:
        w, cost = self.w, self.result.cost_sharing
        out = [self.p(w("cost_lead"), "lead")]
        players = cost.players
        if not players:
            return [*out, self.p(w("no_players"), "muted")]
        out.append(self.facts([(w("total_cost"), w.money_cur(cost.total_cost)),
                               (w("total_standalone"), w.money_cur(cost.total_standalone)),
                               (w("total_savings"), w.money_cur(cost.total_savings))]))
        listed = players if len(players) <= MAX_PLAYERS else sorted(players, key=lambda p: -cost.standalone[p])
        rows = [[self.nm(p), self.money(cost.standalone[p]), self.money(cost.shapley[p]),
                 self.money(cost.savings[p]), self.money(cost.proportional[p]),
                 self.money(cost.equal_savings[p])] for p in listed]
        out.append(self.table([w("player"), w("standalone_i"), w("shapley"), w("savings"), w("proportional"),
                               w("equal_savings")], rows, cls="cost", limit=MAX_PLAYERS,
                              foot=[w("total"), self.money(cost.total_standalone), self.money(cost.total_cost),
                                    self.money(cost.total_savings), self.money(cost.total_cost),
                                    self.money(cost.total_cost)]))
        shown = sorted(players, key=lambda p: -cost.standalone[p])[:MAX_BARS]
        series = [Series(w("standalone_i"), [cost.standalone[p] for p in shown], C_ALONE),
                  Series(w("shapley"), [cost.shapley[p] for p in shown], C_SHAPLEY),
                  Series(w("proportional"), [cost.proportional[p] for p in shown], C_PROP),
                  Series(w("equal_savings"), [cost.equal_savings[p] for p in shown], C_EQUAL)]
        svg = bar_chart([self.nm(p) for p in shown], series, fmt=w.money, short=w.short, title=w("chart_split"))
        out.append(self.figure(svg, f'{w("chart_split")} ({w.currency})', len(shown), len(players)))
        if cost.in_core:
            out.append(f'<div class="callout ok">{esc(w("core_yes"))}</div>')
        else:
            out.append(f'<div class="callout warn">{esc(w("core_no", n=cost.blocking_count))}</div>')
            rows = [[" + ".join(map(self.nm, b["members"])), self.money(b["excess"])]
                    for b in cost.blocking_coalitions]
            out.append(self.table([w("coalition"), w("excess")], rows, limit=10))
        return out

    def pools_section(self) -> list[str]:
        w = self.w
        pools = self.result.cost_sharing.pools
        out = [self.p(w("pools_lead"), "lead")]
        if not pools:
            return [*out, self.p(w("no_pools"), "muted")]
        for pool in pools:
            name = pool.name or pool.id
            ptype = PoolType._value2member_map_.get(pool.type, PoolType.COST)
            assert isinstance(ptype, PoolType)
            head = w("pool_head", type=ptype.label(w.lang), rule=self.rule_label(pool.rule),
                     amount=w.money_cur(pool.amount))
            out.append(f'<div class="pool"><h3>{esc(name)}</h3><div class="sub">{esc(head)}</div>')
            members = list(pool.allocation)
            reserve = ptype is PoolType.RESERVE
            basis = pool.claims if reserve else pool.weights
            rows = [[self.nm(m), _Num(basis.get(m), w.num(basis.get(m))), self.money(pool.allocation[m]),
                     self.money(pool.shapley[m]), self.money(pool.fairness_gap[m])] for m in members]
            total = pool.total_allocated
            out.append(self.table([w("member"), w("claim") if reserve else w("weight"), w("allocation"),
                                   w("fair_share"), w("gap")], rows, cls="pooltable", limit=MAX_PLAYERS,
                                  foot=[w("total"), None, self.money(total),
                                        self.money(sum(pool.shapley.values())), None]))
            notes = [w("allocated_of", a=w.money_cur(total), b=w.money_cur(pool.amount)),
                     w("gap_cost") if ptype is PoolType.COST else w("gap_revenue")]
            out.append(self.p(" ".join(notes), "muted"))
            shown = members if len(members) <= MAX_BARS else sorted(
                members, key=lambda m: -abs(pool.fairness_gap[m]))[:MAX_BARS]
            svg = bar_chart([self.nm(m) for m in shown],
                            [Series(w("allocation"), [pool.allocation[m] for m in shown], C_SAVE),
                             Series(w("fair_share"), [pool.shapley[m] for m in shown], C_SHAPLEY)],
                            fmt=w.money, short=w.short, title=w("chart_pool"))
            out.append(self.figure(svg, f'{name} — {w("chart_pool")} ({w.currency})', len(shown), len(members)))
            for note in notes_text(pool.notes, self.lang):
                out.append(self.p(note, "note"))
            out.append("</div>")
        return out

    def resilience_section(self) -> list[str]:
        w, res = self.w, self.result.resilience
        kinds = self.result.settings.supply_kinds
        out = [self.p(w("res_lead", kinds=w.list([self.flow_kind(str(k)) for k in kinds])), "lead")]
        demand = res.demand_entities
        out.append(self.facts([
            (w("service"), w.pct(res.service_level)),
            (w("demand"), self.names_list(list(demand))),
            (w("origins"), self.names_list(list(res.origins))),
        ]))
        # critical partners
        out.append(f'<h3>{esc(w("critical"))}</h3>')
        arts = set(res.articulation_points)
        crit = [c for c in res.critical_entities if c.service_loss > 0]
        if crit:
            rows = [[self.nm(c.id), self.pct(c.service_loss), w("yes") if c.id in arts else "",
                     w("yes") if c.single_point_of_failure else ""] for c in crit]
            out.append(self.table([w("entity"), w("loss"), w("articulation"), w("spof")], rows, cls="critical"))
        else:
            out.append(self.p(w("no_spof"), "muted"))
        # robustness
        rob = res.robustness
        out.append(f'<h3>{esc(w("robustness"))}</h3>')
        out.append(self.facts([(w("r_random"), w.ratio(rob.random.r_index)),
                               (w("r_targeted"), w.ratio(rob.targeted.r_index))]))
        curve = list(rob.random.curve)
        if len(curve) > 1:
            xs = list(range(len(curve)))
            band = None
            if rob.random.curve_p05 and rob.random.curve_p95:
                band = (list(rob.random.curve_p05), list(rob.random.curve_p95), C_BAND)
            svg = line_chart(xs, [Series(w("random_mean"), curve, C_RANDOM),
                                  Series(w("targeted"), list(rob.targeted.curve), C_TARGET, "6 4")],
                             band=band, band_name=w("random_band") if band else "", x_label=w("removed"),
                             y_label=w("service_axis"), y_fmt=lambda v: w.pct(v, 0), x_fmt=lambda v: f"{v:g}",
                             title=w("chart_robust"))
            out.append(self.figure(svg, w("chart_robust")))
        # Monte Carlo
        mc = res.monte_carlo
        t = mc.threshold
        out.append(f'<h3>{esc(w("mc"))}</h3>')
        out.append(self.p(w("mc_text", n=w.num(mc.trials), e=w.pct(mc.expected_service), b=w.pct(mc.p_below),
                            t=w.pct(t, 0))))
        out.append(self.table([w("expected"), "p05", "p50", "p95", w("p_below", t=w.pct(t, 0))],
                              [[self.pct(mc.expected_service), self.pct(mc.p05), self.pct(mc.p50),
                                self.pct(mc.p95), self.pct(mc.p_below)]], cls="mc"))
        if mc.histogram_counts:
            markers = [(mc.p05, "p05", w.pct(mc.p05, 0), "#7f3c8d", "3 3"),
                       (mc.p50, "p50", w.pct(mc.p50, 0), "#11a579", ""),
                       (mc.p95, "p95", w.pct(mc.p95, 0), "#3969ac", "3 3"),
                       (t, w("threshold"), w.pct(t, 0), "#e73f74", "6 3")]
            svg = histogram(list(mc.histogram_counts), list(mc.histogram_edges), markers=markers,
                            x_fmt=lambda v: w.pct(v, 0),
                            x_label=w("service_axis"), y_label=w("trials_axis"), title=w("chart_mc"))
            out.append(self.figure(svg, w("chart_mc")))
        # cascades
        theta = self.result.settings.cascade_threshold
        out.append(f'<h3>{esc(w("cascade"))}</h3>')
        out.append(self.p(w("cascade_lead", t=w.pct(theta, 0)), "muted"))
        casc = [c for c in res.cascade if c.cascade_size > 1]
        if casc:
            rows = [[self.nm(c.id), self.count(c.cascade_size), self.pct(c.service_level),
                     w.list([self.nm(f) for f in c.failed if f != c.id])] for c in casc]
            out.append(self.table([w("first"), w("size"), w("after"), w("also")], rows, cls="cascade", limit=15))
        else:
            out.append(self.p(w("no_cascade"), "muted"))
        # redundancy
        out.append(f'<h3>{esc(w("redundancy"))}</h3>')
        red = res.redundancy
        if red:
            rows = []
            for d, n in red.items():
                verdict = (w("is_origin") if n is None else w("unreachable") if n == 0 else w("single") if n == 1
                           else w("redundant"))
                rows.append([self.nm(d), _Num(n, w.num(n)), verdict])
            out.append(self.table([w("entity"), w("paths"), w("assessment")], rows, cls="redundancy"))
        else:
            out.append(self.p(w("no_demand"), "muted"))
        return out

    def flow_kind(self, kind: str) -> str:
        try:
            return FlowKind(kind).label(self.w.lang)
        except ValueError:
            return kind

    def kpi_section(self) -> list[str]:
        w, kpis = self.w, self.result.kpis
        rows: list[list[Cell | None]] = []
        for key in ("entity_count", "flow_count", "total_flow_value", "data_interop_rate", "reverse_data_ratio",
                    "cross_industry_share", "top_hub_share", "multi_ecosystem_entities"):
            v = getattr(kpis, key)
            cell = self.pct(v) if key in RATIO_KPIS else self.money(v) if key == "total_flow_value" else self.count(v)
            explain = w.kpi_explain(key)
            if key == "top_hub_share" and kpis.top_hub:
                explain += f" — {w('top_hub')}: {self.nm(kpis.top_hub)}"
            if key == "multi_ecosystem_entities" and kpis.multi_ecosystem_entity_ids:
                explain += " — " + w.list([self.nm(i) for i in kpis.multi_ecosystem_entity_ids])
            rows.append([w.kpi(key), cell, explain])
        return [self.table([w("indicator"), w("value"), ""], rows, cls="kpis", limit=None)]

    def sensitivity_section(self) -> list[str]:
        """The tornado of :data:`SWEEP_METRIC` (its :data:`SWEEP_TOP` largest swings) and its table."""
        from ecodesk.analysis.metrics import field_name, input_label, metric_label
        from ecodesk.analysis.sensitivity import DEFAULT_FIELDS, sensitivity

        w, lang = self.w, self.lang
        res = sensitivity(self.scenario, self.result.settings, SWEEP_METRIC, top=SWEEP_TOP, workers=1)
        name = metric_label(SWEEP_METRIC, self.scenario, lang)
        mid = name if w.zh else name[:1].lower() + name[1:]  # the name inside a sentence
        p = w.pct(res.p, 0)
        fields = w.list(list(dict.fromkeys(field_name(f, lang) for f in DEFAULT_FIELDS)))
        out = [self.p(w("sens_lead", m=mid, p=p, b=w.money_cur(res.base), n=w.num(res.inputs), f=fields))]
        if not res.rows:
            return [*out, self.p(w("sens_none"), "muted")]
        moving = [r for r in res.rows if r.swing > 0]
        if moving:
            labels = [input_label(self.scenario, r.object, r.field, lang) for r in moving]
            svg = bar_chart(labels, [Series(w("at_low", p=p), [r.metric_low - res.base for r in moving], C_SAVE),
                                     Series(w("at_high", p=p), [r.metric_high - res.base for r in moving], C_LOSS)],
                            fmt=w.money, short=w.short, title=w("chart_tornado", m=mid), values_on_bars=True)
            out.append(self.figure(svg, w("chart_tornado", m=mid), len(moving), res.inputs))
        else:
            out.append(self.p(w("sens_flat"), "muted"))
        rows = [[input_label(self.scenario, r.object, r.field, lang), self.count(r.value),
                 f"{w.num(r.low)} → {w.num(r.high)}", self.money(r.metric_low), self.money(r.metric_high),
                 self.money(r.swing)] for r in res.rows]
        out.append(self.table([w("input"), w("in_value"), w("in_low_high"), w("m_low"), w("m_high"), w("swing")],
                              rows, cls="sensitivity", limit=None))
        out.append(self.p(w("sens_more"), "muted"))
        return out

    def uncertainty_section(self) -> list[str]:
        """:data:`SWEEP_METRIC` under the ranges: its histogram with p05/p50/p95 and, per player,
        the share of samples better off than alone."""
        import numpy as np

        from ecodesk.analysis.metrics import metric_label
        from ecodesk.analysis.uncertainty import uncertainty

        w, lang = self.w, self.lang
        res = uncertainty(self.scenario, self.result.settings, SWEEP_METRIC, samples=SWEEP_SAMPLES, workers=1)
        name = metric_label(SWEEP_METRIC, self.scenario, lang)
        mid = name if w.zh else name[:1].lower() + name[1:]
        out = [self.p(w("unc_lead", r=w.num(res.ranged), n=w.num(res.samples), s=res.seed, m=mid)),
               self.p(w("unc_fewer", n=w.num(res.samples)), "muted")]
        out.append(self.table([w("mean"), "p05", "p50", "p95"],
                              [[self.money(res.mean), self.money(res.p05), self.money(res.p50), self.money(res.p95)]],
                              cls="uncertainty", limit=None))
        values = np.asarray(res.values, dtype=np.float64)
        lo, hi = float(values.min()), float(values.max())
        if hi <= lo:
            lo, hi = lo - 0.5 * max(1.0, abs(lo)) * 0.01, hi + 0.5 * max(1.0, abs(hi)) * 0.01
        counts, edges = np.histogram(values, bins=20, range=(lo, hi))
        markers = [(res.p05, "p05", w.short(res.p05), "#7f3c8d", "3 3"),
                   (res.p50, "p50", w.short(res.p50), "#11a579", ""),
                   (res.p95, "p95", w.short(res.p95), "#3969ac", "3 3")]
        svg = histogram([int(c) for c in counts], [float(e) for e in edges], markers=markers, x_fmt=w.short,
                        x_label=name, y_label=w("samples_axis"), title=w("chart_unc", m=mid))
        out.append(self.figure(svg, w("chart_unc", m=mid)))
        if res.p_better_off:
            out.append(f'<h3>{esc(w("better_off"))}</h3>')
            out.append(self.p(w("better_lead"), "muted"))
            items = sorted(res.p_better_off.items(), key=lambda kv: (kv[1], kv[0]))[:MAX_BARS]
            svg = bar_chart([self.nm(i) for i, _ in items], [Series(w("share_samples"), [v for _, v in items],
                                                                    C_SHAPLEY)],
                            fmt=lambda v: w.pct(v, 0), title=w("chart_better"))
            out.append(self.figure(svg, w("chart_better"), len(items), len(res.p_better_off)))
            rows = [[self.nm(i), self.pct(v)] for i, v in sorted(res.p_better_off.items(), key=lambda kv: (kv[1], kv[0]))]
            out.append(self.table([w("entity"), w("share_samples")], rows, cls="better", limit=MAX_PLAYERS))
        return out

    def method_section(self) -> list[str]:
        w = self.w
        st = self.result.settings
        rows = [[w("seed"), self.count(st.seed)], [w("trials"), self.count(st.trials)],
                [w("orders"), self.count(st.orders)], [w("threshold_s"), self.pct(st.threshold)],
                [w("cascade_threshold"), self.pct(st.cascade_threshold)],
                [w("supply_kinds"), w.list([self.flow_kind(str(k)) for k in st.supply_kinds])]]
        out = [f'<h3>{esc(w("settings"))}</h3>', self.table(["", ""], rows, cls="settings", limit=None)]
        notes = self.result.notes
        if notes:
            out.append(f'<h3>{esc(w("engine_notes"))}</h3><ul class="notes-list">'
                       + "".join(f"<li>{esc(n)}</li>" for n in notes_text(dict.fromkeys(notes), self.lang))
                       + "</ul>")
        return out


def build_report(project: Project, result: AnalysisResult, lang: str = "en", *,
                 canvas_svg: str | None = None, canvas_note: str | None = None,
                 canvas_image: tuple[str, bytes] | None = None, generated: _dt.datetime | None = None,
                 sweeps: bool = True) -> str:
    """The report of ``result`` (its scenario, as analysed) as one HTML document (a string).
    The canvas picture is ``canvas_svg`` (an SVG document) or ``canvas_image`` (mime type,
    bytes: SVG or PNG); without either, the report says why with ``canvas_note``. The one
    builder of the report: the command line and the app both call it. ``sweeps=False`` leaves
    out the sensitivity and uncertainty sections (SPEC §3.7; they run their own sweeps)."""
    return ReportBuilder(project, result, lang, canvas_svg=canvas_svg, canvas_note=canvas_note,
                         canvas_image=canvas_image, generated=generated, sweeps=sweeps).build()


def export_report(project: Project, dest: str | os.PathLike[str], scenario: str | None = None, *,
                  lang: str = "en", canvas_svg: str | None = None, canvas_note: str | None = None,
                  canvas_image: tuple[str, bytes] | None = None, result: AnalysisResult | None = None) -> list[str]:
    """Analyse ``scenario`` (the first when None) unless ``result`` is given, and write the
    report to ``dest`` atomically; returns notices for the user."""
    from ecodesk.analysis.run import run_analysis
    from ecodesk.io.atomic import atomic_write

    s = project.scenario(scenario)
    if result is None:
        result = run_analysis(s, project.settings)
    html = build_report(project, result, report_language(project, lang), canvas_svg=canvas_svg,
                        canvas_note=canvas_note, canvas_image=canvas_image)
    with atomic_write(dest) as fh:
        fh.write(html)
    notices = []
    if len(project.scenarios) > 1 and scenario is None:
        notices.append(f"The report covers scenario '{s.name}' (of {len(project.scenarios)}); "
                       "choose another with --scenario.")
    return notices


CSS = """
:root{--ink:#1f2933;--muted:#5f6b76;--line:#dde2e7;--soft:#f4f6f8;--accent:#2f5d8a;--ok:#2e7d4f;--warn:#b5471b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#eef1f4;color:var(--ink);font:14px/1.55 "Noto Sans CJK SC","Source Han Sans SC",
"PingFang SC","Microsoft YaHei","Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:1000px;margin:24px auto;background:#fff;padding:40px 56px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:30px;margin:.1em 0 .2em;letter-spacing:.01em}
h2{font-size:21px;color:var(--accent);border-bottom:2px solid var(--accent);padding-bottom:4px;margin:0 0 14px}
h2 .no{display:inline-block;min-width:1.6em;color:#fff;background:var(--accent);border-radius:4px;text-align:center;
margin-right:.5em;font-size:16px;padding:1px 4px;vertical-align:2px}
h3{font-size:16px;margin:22px 0 8px}
h4{font-size:14px;margin:14px 0 6px;color:var(--muted)}
section{margin-top:40px}
.kicker{text-transform:uppercase;letter-spacing:.12em;font-size:12px;color:var(--accent);font-weight:600}
.sub{color:var(--muted);font-size:13px}
.cover{border-bottom:1px solid var(--line);padding-bottom:18px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:10px}
.card{background:var(--soft);border-left:4px solid var(--accent);padding:8px 12px;border-radius:3px}
.card .k{font-size:12px;color:var(--muted)}
.card .v{font-size:18px;font-weight:650;font-variant-numeric:tabular-nums;white-space:nowrap}
.findings li{margin:3px 0}
.toc ol{columns:2;margin:0;padding-left:1.4em}
.toc a{color:var(--ink);text-decoration:none}
.lead{font-size:14.5px;color:#38434f;margin-top:0}
.muted{color:var(--muted)}
.note{color:var(--muted);font-size:12.5px}
.notes{white-space:pre-wrap;background:var(--soft);padding:10px 14px;border-radius:3px}
dl.facts{display:flex;flex-wrap:wrap;gap:8px 28px;margin:10px 0 14px}
dl.facts div{min-width:120px}
dl.facts dt{font-size:12px;color:var(--muted)}
dl.facts dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:13px}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600;font-size:12.5px;color:#38434f}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.neg{color:var(--warn)}
tfoot td{font-weight:650;border-top:1.5px solid #9aa5b1;border-bottom:none}
tr.more td{color:var(--muted);font-style:italic}
.cols{display:grid;grid-template-columns:1fr 1.3fr;gap:24px}
td:first-child{min-width:7.5em}
table.eco td:first-child,table.kpis td:first-child,table.settings td:first-child{white-space:nowrap}
table.settings{width:auto;min-width:50%}
.cat{font-size:11.5px;color:var(--muted)}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:7px;vertical-align:-1px}
figure{margin:12px 0 18px}
figure.chart svg{display:block;max-width:100%;height:auto}
figcaption{font-size:12px;color:var(--muted);margin-top:4px}
figure.map img{display:block;max-width:100%;height:auto;border:1px solid var(--line);margin:0 auto}
.callout{padding:10px 14px;border-radius:3px;margin:10px 0;font-weight:500}
.callout.ok{background:#e7f4ec;border-left:4px solid var(--ok)}
.callout.warn{background:#fbeee8;border-left:4px solid var(--warn)}
.pool{margin-bottom:22px}
.pool h3{margin-bottom:2px}
footer{margin-top:40px;border-top:1px solid var(--line);padding-top:10px;color:var(--muted);font-size:12px}
svg.chart text{font-family:inherit}
@page{size:A4;margin:15mm}
@media print{
 body{background:#fff;font-size:10.5pt}
 main{max-width:none;margin:0;padding:0;box-shadow:none}
 section{margin-top:28px}
 section.page{break-before:page;margin-top:0}
 h2,h3,h4{break-after:avoid}
 figure,.callout,.cards,dl.facts,tr{break-inside:avoid}
 thead{display:table-header-group}
 tfoot{display:table-row-group}
 .pool{break-inside:auto}
 figure.map img{max-height:235mm}
 a{color:inherit;text-decoration:none}
}
@media (max-width:700px){main{padding:20px}.cards{grid-template-columns:repeat(2,1fr)}.cols{grid-template-columns:1fr}}
"""

__all__ = ["REPORT_FORMATS", "ReportBuilder", "build_report", "export_report", "report_language"]
