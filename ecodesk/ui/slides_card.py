"""UI layer (Qt-free): the analysis card of a slide — the key figures of the analysis tab a
view shows beside its canvas (``View.panel``), for one scenario, in English or Chinese.

A card is plain data (:class:`Card`): a title, a few headline figures, an optional short
table of top rows and a one-line finding; :mod:`ecodesk.ui.slides_paint` draws it. The
labels and number formats are the HTML report's (:class:`ecodesk.io.report_text.Words`) and
the comparison's (:func:`ecodesk.analysis.compare.figure_label`), so a figure reads the same
in the report, the summary and the deck.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ecodesk import numfmt
from ecodesk.analysis.summary import t
from ecodesk.io.report_text import Words
from ecodesk.model import Project, Scenario

#: Rows of a card's table (the largest first).
TOP_ROWS = 8

#: The card's own words (en, zh) where the report has none that fit.
CARD_WORDS: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "概览"),
    "compare": ("Comparison of scenarios", "情景对比"),
    "compared_with": ("“{b}” against “{a}”", "「{b}」对比「{a}」"),
    "no_change": ("No headline figure differs between the two scenarios.", "两个情景的主要指标没有差别。"),
    "changed": ("What changes", "变化的指标"),
    "only_one": ("The project has one scenario: there is nothing to compare it with.",
                 "项目只有一个情景，无可对比。"),
    "figure": ("Figure", "指标"),
    "change": ("Change", "变化"),
    "vs_alone": ("Alone: {a} · {x} saved", "单干：{a} · 节省 {x}"),
    "saved_together": ("Saved by working together", "合作节省"),
    "saved_amount": ("{x} less than alone", "比各自单干少 {x}"),
    "top_caps": ("Most used capabilities", "复用最多的能力"),
    "top_shares": ("Largest Shapley shares", "Shapley 分摊最大的伙伴"),
    "top_critical": ("Most critical partners", "最关键的伙伴"),
    "top_inputs": ("Inputs that move {m} most", "对{m}影响最大的输入"),
    "base": ("Base value", "基准值"),
    "inputs": ("{n} inputs varied by ±{p}", "{n} 个输入各变动 ±{p}"),
    "per_cap": ("mean users per capability", "每项能力平均复用数"),
    "built_twice": ("Capabilities built twice", "重复建设的能力"),
    "could_save": ("could save {x}", "可节约 {x}"),
    "r_pair": ("Robustness R (random / targeted)", "鲁棒性 R（随机 / 定向）"),
    "p_below": ("{b} of trials below {t}", "{b} 的模拟低于 {t}"),
    "no_result": ("The analysis could not run: {why}", "无法运行分析：{why}"),
}


@dataclass(frozen=True)
class Figure:
    """One headline figure: a label, the value as shown, a small line under it."""

    label: str
    value: str
    note: str = ""
    tone: str = "neutral"  # "good" / "bad" / "warn" / "neutral"


@dataclass(frozen=True)
class Card:
    """The analysis card of one slide."""

    title: str
    figures: tuple[Figure, ...] = ()
    table_title: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    sentence: str = ""
    #: Columns of the table that hold numbers (drawn right-aligned).
    numeric: tuple[int, ...] = field(default=())
    #: Per row, its figure as a share of the largest (a bar behind the row); empty: no bars.
    bars: tuple[float, ...] = ()


class _Ctx:
    """What a card builder needs: the words, the scenario's names, the result."""

    def __init__(self, project: Project, scenario: Scenario, result: Any, lang: str) -> None:
        self.project, self.scenario, self.result = project, scenario, result
        self.w = Words(lang, project.currency, getattr(project, "period", "year") or "year")
        self.lang = self.w.lang
        self.names = {e.id: e.label for e in scenario.entities}
        self.caps = {c.id: c.label for c in scenario.capabilities}

    def say(self, key: str, **kw: Any) -> str:
        en, zh = CARD_WORDS[key]
        return (zh if self.w.zh else en).format(**kw)

    def nm(self, entity_id: str) -> str:
        return self.names.get(entity_id, entity_id)

    def big_money(self, value: Any) -> Figure:
        """A money figure: compact (``18.06 M CNY`` / ``1,806 万元``), exact below."""
        return Figure("", numfmt.compact_money(value, self.lang, self.project.currency), self.w.money_cur(value))


def _money_figure(c: _Ctx, label: str, value: Any, tone: str = "neutral", note: str = "") -> Figure:
    f = c.big_money(value)
    return Figure(label, f.value, (note + " · " if note else "") + f.note, tone)


def shares(values: Sequence[float]) -> tuple[float, ...]:
    """Each value as a share of the largest (0 when there is nothing positive)."""
    top = max([v for v in values if v is not None] + [0.0])
    return tuple(max(0.0, v) / top if top > 0 and v is not None else 0.0 for v in values)


def overview_card(c: _Ctx) -> Card:
    r, w = c.result, c.w
    res, cs, reuse = r.resilience, r.cost_sharing, r.reuse
    threshold = r.settings.threshold
    mc = res.monte_carlo
    alone = cs.total_standalone
    saved = (alone - cs.total_cost) / alone if alone else None
    spof = [x.id for x in res.critical_entities if x.single_point_of_failure]
    figures = (
        Figure(w("service"), w.pct(res.service_level), "", "good" if res.service_level >= threshold else "bad"),
        Figure(w("expected"), w.pct(mc.expected_service),
               c.say("p_below", b=w.pct(mc.p_below), t=w.pct(threshold, 0)),
               "good" if mc.expected_service >= threshold else "warn"),
        _money_figure(c, w("total_savings"), reuse.total_savings, "good" if reuse.total_savings > 0 else "neutral"),
        Figure(w("total_cost"), numfmt.compact_money(cs.total_cost, c.lang, c.project.currency),
               c.say("vs_alone", a=numfmt.compact_money(alone, c.lang, c.project.currency), x=w.pct(saved))),
        Figure(w("spof_count"), numfmt.integer(len(spof)), w.list([c.nm(i) for i in spof[:3]])
               + (" …" if len(spof) > 3 else ""), "bad" if spof else "good"),
        Figure(c.say("r_pair"), f"{w.num(res.robustness.random.r_index)} / {w.num(res.robustness.targeted.r_index)}"),
    )
    return Card(c.say("overview"), figures, sentence=w("core_yes") if cs.in_core else "")


def reuse_card(c: _Ctx) -> Card:
    reuse, w = c.result.reuse, c.w
    pot = sum(x.potential_savings for x in reuse.redundancies)
    figures = (
        _money_figure(c, w("total_savings"), reuse.total_savings, "good" if reuse.total_savings > 0 else "neutral"),
        Figure(w("reuse_index_short"), w.num(reuse.reuse_index), c.say("per_cap")),
        Figure(c.say("built_twice"), numfmt.integer(len(reuse.redundancies)),
               c.say("could_save", x=w.money_cur(pot)) if reuse.redundancies else "",
               "warn" if reuse.redundancies else "good"),
        Figure(w("gaps"), numfmt.integer(len(reuse.gaps)), "", "warn" if reuse.gaps else "good"),
    )
    top = sorted(reuse.capabilities, key=lambda x: (-x.reuse_count, -x.savings, x.id))[:TOP_ROWS]
    rows = tuple((c.caps.get(x.id, x.id), c.nm(x.owner), numfmt.integer(x.reuse_count), w.money(x.savings))
                 for x in top)
    return Card(w("s_reuse"), figures, c.say("top_caps"),
                (w("capability"), w("owner"), w("reuse_count"), w("savings")), rows,
                "" if reuse.capabilities else w("no_capabilities"), numeric=(2, 3),
                bars=shares([x.savings for x in top]))


def cost_card(c: _Ctx) -> Card:
    cs, w = c.result.cost_sharing, c.w
    alone = cs.total_standalone
    saved = (alone - cs.total_cost) / alone if alone else None
    figures = (
        _money_figure(c, w("total_cost"), cs.total_cost),
        _money_figure(c, t("total_standalone", c.lang), alone),
        Figure(c.say("saved_together"), w.pct(saved), c.say("saved_amount", x=w.money_cur(alone - cs.total_cost)),
               "good" if saved and saved > 0 else "neutral"),
    )
    top = sorted(cs.players, key=lambda p: (-(cs.shapley.get(p) or 0.0), p))[:TOP_ROWS]
    rows = tuple((c.nm(p), w.money(cs.standalone.get(p)), w.money(cs.shapley.get(p))) for p in top)
    if not cs.players:
        sentence = w("no_players")
    elif cs.in_core:
        sentence = w("f_core_yes", x=w.money_cur(cs.total_cost))
    else:
        b = cs.blocking_coalitions[0]
        sentence = w("f_core_no", m=" + ".join(c.nm(m) for m in b["members"]), x=w.money_cur(b["excess"]))
    return Card(w("s_cost"), figures, c.say("top_shares"), (w("player"), w("standalone"), w("shapley")), rows,
                sentence, numeric=(1, 2), bars=shares([cs.shapley.get(p) or 0.0 for p in top]))


def resilience_card(c: _Ctx) -> Card:
    r, w = c.result, c.w
    res = r.resilience
    threshold = r.settings.threshold
    mc = res.monte_carlo
    figures = (
        Figure(w("service"), w.pct(res.service_level), "", "good" if res.service_level >= threshold else "bad"),
        Figure(w("r_random"), w.num(res.robustness.random.r_index)),
        Figure(w("r_targeted"), w.num(res.robustness.targeted.r_index)),
        Figure(w("expected"), w.pct(mc.expected_service), c.say("p_below", b=w.pct(mc.p_below), t=w.pct(threshold, 0)),
               "good" if mc.expected_service >= threshold else "warn"),
    )
    crit = [x for x in res.critical_entities if x.service_loss > 0]
    crit.sort(key=lambda x: (-x.service_loss, x.id))
    rows = tuple((c.nm(x.id), w.pct(x.service_loss)) for x in crit[:TOP_ROWS])
    return Card(w("s_res"), figures, c.say("top_critical"), (w("entity"), w("loss")), rows,
                "" if crit else w("no_spof"), numeric=(1,),
                bars=tuple(min(1.0, x.service_loss) for x in crit[:TOP_ROWS]))


def compare_card(c: _Ctx, other: Scenario | None, other_result: Any) -> Card:
    from ecodesk.analysis.compare import HIGHER_IS_BETTER, compare_results, figure_kind, figure_label

    if other is None or other_result is None:
        return Card(c.say("compare"), sentence=c.say("only_one"))
    # the other scenario is the baseline "a"; this slide's scenario is "b"
    res = compare_results(other.name, other_result, c.scenario.name, c.result)
    # the figures that are better or worse in one of them, as the Compare tab marks them
    moved = [f for f in res["figures"] if HIGHER_IS_BETTER.get(f["key"]) is not None and f["delta"]]

    def shown(kind: str, value: Any) -> str:
        return numfmt.money(value, None) if kind == "money" else numfmt.format_value(kind, value)

    rows = []
    for f in moved[:TOP_ROWS]:
        key = f["key"]
        kind = figure_kind(key)
        delta = f["delta"]
        change = numfmt.DASH if delta is None else numfmt.signed_delta(shown(kind, delta), delta)
        mark = {"b": " ✓", "a": " ✗"}.get(f.get("better") or "", "")
        rows.append((figure_label(key, c.lang), shown(kind, f["a"]), shown(kind, f["b"]), change + mark))
    sentence = t("better", c.lang, a=other.name, b=c.scenario.name) if rows else c.say("no_change")
    return Card(c.say("compare"), (), c.say("compared_with", a=other.name, b=c.scenario.name),
                (c.say("figure"), other.name, c.scenario.name, c.say("change")), tuple(rows), sentence,
                numeric=(1, 2, 3))


def sensitivity_card(c: _Ctx) -> Card:
    from ecodesk.analysis.metrics import input_label, metric_label
    from ecodesk.analysis.sensitivity import sensitivity
    from ecodesk.io.report import SWEEP_METRIC  # the report's metric (SPEC §3.7): the joint cost

    w = c.w
    res = sensitivity(c.scenario, c.result.settings, SWEEP_METRIC, top=TOP_ROWS, workers=1)
    name = metric_label(SWEEP_METRIC, c.scenario, c.lang)
    mid = name if w.zh else name[:1].lower() + name[1:]
    figures = (_money_figure(c, f"{name} · {c.say('base')}", res.base,
                             note=c.say("inputs", n=numfmt.integer(res.inputs), p=w.pct(res.p, 0))),)
    moving = [r for r in res.rows if r.swing > 0]
    rows = tuple((input_label(c.scenario, r.object, r.field, c.lang), w.money(r.swing)) for r in moving)
    sentence = "" if moving else (w("sens_none") if not res.rows else w("sens_flat"))
    return Card(w("s_sens"), figures, c.say("top_inputs", m=mid),
                (w("input"), w("swing")), rows, sentence, numeric=(1,), bars=shares([r.swing for r in moving]))


BUILDERS: dict[str, Callable[[_Ctx], Card]] = {
    "overview": overview_card, "reuse": reuse_card, "cost": cost_card, "resilience": resilience_card,
    "sensitivity": sensitivity_card,
}


def compare_partner(project: Project, scenario: Scenario) -> Scenario | None:
    """The scenario a comparison card sets this one against: the first of the project (the
    baseline), or the last when this is the first (the Compare tab's default); None alone."""
    scenarios: Sequence[Scenario] = project.scenarios
    others = [s for s in scenarios if s is not scenario]
    if not others:
        return None
    return others[-1] if scenarios[0] is scenario else scenarios[0]


def build_card(panel: str, project: Project, scenario: Scenario, result: Any, lang: str,
               results: Callable[[Scenario], Any] | None = None) -> Card:
    """The card of analysis tab ``panel`` for ``scenario`` and its analysis ``result``;
    ``results(scenario)`` gives another scenario's analysis (the comparison card)."""
    c = _Ctx(project, scenario, result, lang)
    if panel == "compare":
        other = compare_partner(project, scenario)
        other_result = results(other) if other is not None and results is not None else None
        return compare_card(c, other, other_result)
    return BUILDERS[panel](c)


def failed_card(panel: str, why: str, lang: str) -> Card:
    """The card of an analysis that could not run (the deck is still written)."""
    zh = lang.startswith("zh")
    en_title, zh_title = CARD_WORDS.get(panel, (panel, panel))
    titles = {"reuse": ("Capability reuse", "能力复用"), "cost": ("Cost sharing", "成本分摊"),
              "resilience": ("Network resilience", "网络韧性"), "sensitivity": ("Sensitivity", "敏感性")}
    en_title, zh_title = titles.get(panel, (en_title, zh_title))
    en, zh_text = CARD_WORDS["no_result"]
    return Card(zh_title if zh else en_title, sentence=(zh_text if zh else en).format(why=why))


__all__ = ["CARD_WORDS", "TOP_ROWS", "Card", "Figure", "build_card", "compare_partner", "failed_card"]
