"""Analysis layer: the readable summary `ecodesk analyze` prints without --json (en/zh)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ecodesk import numfmt
from ecodesk.analysis.compare import figure_kind, figure_label
from ecodesk.analysis.notes_zh import notes_text

if TYPE_CHECKING:
    from ecodesk.analysis.run import AnalysisResult

_T = {
    "title": ("Analysis of scenario '{s}' in project '{p}'", "项目「{p}」情景「{s}」分析"),
    "reuse": ("Capability reuse", "能力复用"),
    "cost": ("Cost sharing", "成本分摊"),
    "res": ("Network resilience", "网络韧性"),
    "kpi": ("Ecosystem indicators", "生态指标"),
    "capability": ("Capability", "能力"),
    "owner": ("Owner", "所有者"),
    "reuse_count": ("Reuse", "复用数"),
    "amortised": ("Amortised F", "摊薄固定成本"),
    "shared": ("Shared cost", "共享成本"),
    "standalone": ("Standalone", "独立成本"),
    "savings": ("Savings", "节约"),
    "total_savings": ("Total savings", "总节约"),
    "reuse_index": ("Reuse index", "复用指数"),
    "redundant": ("Duplicated capabilities", "重复建设能力"),
    "gaps": ("Unmet needs", "未满足需求"),
    "candidates": ("candidates", "候选伙伴"),
    "keep": ("keep", "保留"),
    "potential": ("potential savings", "潜在节约"),
    "player": ("Partner", "伙伴"),
    "shapley": ("Shapley", "Shapley 值"),
    "proportional": ("Proportional", "按比例"),
    "equal_savings": ("Equal savings", "等额节约"),
    "total_cost": ("Total cost c(N)", "总成本 c(N)"),
    "total_standalone": ("Sum of standalone costs", "独立成本合计"),
    "core_yes": ("Stable: no group of partners would rather leave.", "稳定：没有任何伙伴组合愿意退出。"),
    "core_no": ("Not stable: {m} would pay {x} less on their own.", "不稳定：{m} 单独行动可少付 {x}。"),
    "pool": ("Pool", "共享安排"),
    "allocation": ("Allocation", "分配"),
    "gap": ("Fairness gap", "公平差距"),
    "service": ("Service level", "服务水平"),
    "spof": ("Single points of failure", "单点故障"),
    "loss": ("Service loss", "服务损失"),
    "art": ("Articulation points", "关节点"),
    "r_random": ("Robustness R (random)", "鲁棒性 R（随机）"),
    "r_targeted": ("Robustness R (targeted)", "鲁棒性 R（定向）"),
    "mc": ("Monte Carlo ({n})", "蒙特卡洛（{n}）"),
    "expected": ("expected service", "期望服务水平"),
    "below": ("P(service < {t})", "P(服务 < {t})"),
    "cascade": ("Largest cascades", "最大级联失效"),
    "size": ("Size", "规模"),
    "final": ("Service after", "失效后服务"),
    "entity": ("Entity", "主体"),
    "none": ("none", "无"),
    "notes": ("Notes", "说明"),
    "figure": ("Figure", "指标"),
    "delta": ("Change", "变化"),
    "compare": ("Comparison of '{a}' and '{b}'", "情景「{a}」与「{b}」对比"),
    "better": ("✓: better in '{b}'; ✗: better in '{a}'.", "✓：「{b}」更优；✗：「{a}」更优。"),
    "more": ("… and {n} more", "…… 另有 {n} 个"),
    "only_one": ("Analysed scenario '{s}' only, the first of {n} ({names}); choose another with --scenario NAME.",
                 "只分析了情景「{s}」（共 {n} 个：{names}）；用 --scenario 名称 选择其他情景。"),
}

#: Counted things: (English singular, plural, Chinese with its measure word).
_COUNTED = {
    "scenarios": ("scenario", "scenarios", "个情景"),
    "entities": ("entity", "entities", "个主体"),
    "flows": ("flow", "flows", "条资源流"),
    "capabilities": ("capability", "capabilities", "项能力"),
    "needs": ("need", "needs", "项需求"),
    "pools": ("pool", "pools", "个共享安排"),
    "annotations": ("note", "notes", "个便签"),
    "views": ("saved view", "saved views", "个视图"),
    "trials": ("trial", "trials", "次"),
}


def count_text(n: int, what: str, lang: str = "en") -> str:
    """``1 pool``, ``3 pools``; in Chinese ``3 个共享安排`` (no plural)."""
    one, many, zh = _COUNTED[what]
    if lang.startswith("zh"):
        return f"{numfmt.integer(n)} {zh}"
    return f"{numfmt.integer(n)} {one if n == 1 else many}"


def project_counts(project: Any, lang: str = "en") -> str:
    """What a project holds: ``1 scenario, 14 entities, … 1 pool`` (Chinese joined with 、),
    then its notes and saved views where it has any."""
    parts = [count_text(len(project.scenarios), "scenarios", lang)]
    for name in ("entities", "flows", "capabilities", "needs", "pools"):
        parts.append(count_text(sum(len(getattr(s, name)) for s in project.scenarios), name, lang))
    notes = sum(len(s.annotations) for s in project.scenarios)
    views = len(getattr(project, "views", ()))
    if notes:
        parts.append(count_text(notes, "annotations", lang))
    if views:
        parts.append(count_text(views, "views", lang))
    return numfmt.join_list(parts, lang)

_KPI_LABELS = {
    "entity_count": ("Entities", "主体数"),
    "flow_count": ("Flows", "资源流数"),
    "total_flow_value": ("Total flow value", "资源流总价值"),
    "data_interop_rate": ("Data interoperability rate", "数据互通率"),
    "reverse_data_ratio": ("Reverse data ratio", "数据反哺率"),
    "cross_industry_share": ("Cross-industry share", "跨行业占比"),
    "top_hub_share": ("Top hub share", "最大枢纽占比"),
    "multi_ecosystem_entities": ("Entities in 2+ ecosystems", "跨生态主体数"),
}


def t(key: str, lang: str, **kw: Any) -> str:
    en, zh = _T[key]
    return (zh if lang.startswith("zh") else en).format(**kw)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fmt(value: Any) -> str:
    """Numbers by the one convention of :mod:`ecodesk.numfmt` (up to four decimals below 10,
    two above); text as it is."""
    item = getattr(value, "item", None)  # a numpy scalar: the plain number
    if callable(item) and not isinstance(value, (str, int, float)):
        value = item()
    if isinstance(value, bool) or value is None:
        return numfmt.number(value)
    if isinstance(value, float):
        return numfmt.number(value, 4 if abs(value) < 10 else 2)
    if isinstance(value, int):
        return numfmt.integer(value)
    return str(value)


#: How many names a list in the summary shows before "… and N more" (articulation points,
#: unreached entities …): a power grid has over a thousand articulation points.
LIST_LIMIT = 20


def name_list(names: Sequence[str], lang: str = "en", limit: int = LIST_LIMIT) -> str:
    """``a, b, c`` — cut after ``limit`` names with "… and N more" (Chinese: 、 and "…… 另有 N 个")."""
    zh = lang.startswith("zh")
    shown = ("、" if zh else ", ").join(names[:limit])
    if len(names) > limit:
        shown += ("" if zh else " ") + t("more", lang, n=numfmt.integer(len(names) - limit))
    return shown


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], limit: int = 15, lang: str = "en") -> str:
    """A plain-text table that lines up Chinese (double-width) text too; rows after ``limit``
    are counted in a last line ("… and N more")."""
    cells = [[_fmt(c) for c in row] for row in rows[:limit]]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(parts: Sequence[str]) -> str:
        out = []
        for i, p in enumerate(parts):
            pad = widths[i] - _width(p)
            out.append(p + " " * pad if i == 0 else " " * pad + p)
        return "  ".join(out).rstrip()

    lines = [line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells]
    if len(rows) > limit:
        lines.append(t("more", lang, n=numfmt.integer(len(rows) - limit)))
    return "\n".join(lines)


def format_summary(project: Any, scenario: Any, result: AnalysisResult, lang: str = "en") -> str:
    """The readable summary of ``ecodesk analyze`` from the typed result."""
    names = {e.id: e.label for e in scenario.entities}
    cap_names = {c.id: c.label for c in scenario.capabilities}

    def nm(i: str) -> str:
        return names.get(i, i)

    out: list[str] = [t("title", lang, s=scenario.name, p=project.name), ""]
    reuse = result.reuse
    out += [f"## {t('reuse', lang)}", table(
        [t("capability", lang), t("owner", lang), t("reuse_count", lang), t("amortised", lang), t("shared", lang),
         t("standalone", lang), t("savings", lang)],
        [[cap_names.get(c.id, c.id), nm(c.owner), c.reuse_count, c.amortised_fixed_cost,
          c.shared_cost, c.standalone_cost, c.savings] for c in reuse.capabilities], lang=lang)]
    out.append(f"{t('total_savings', lang)}: {_fmt(reuse.total_savings)}    "
               f"{t('reuse_index', lang)}: {_fmt(reuse.reuse_index)}")
    for r in reuse.redundancies[:LIST_LIMIT]:
        out.append(f"{t('redundant', lang)}: {r.category} — {name_list(list(map(nm, r.owners)), lang)}; "
                   f"{t('keep', lang)} {cap_names.get(r.keep, r.keep)}, "
                   f"{t('potential', lang)} {_fmt(r.potential_savings)}")
    if len(reuse.redundancies) > LIST_LIMIT:
        out.append(f"{t('redundant', lang)}: {t('more', lang, n=numfmt.integer(len(reuse.redundancies) - LIST_LIMIT))}")
    for g in reuse.gaps[:LIST_LIMIT]:
        cands = name_list(list(map(nm, g.candidates)), lang) or t("none", lang)
        out.append(f"{t('gaps', lang)}: {nm(g.entity)} / {g.category} — {t('candidates', lang)}: {cands}")
    if len(reuse.gaps) > LIST_LIMIT:
        out.append(f"{t('gaps', lang)}: {t('more', lang, n=numfmt.integer(len(reuse.gaps) - LIST_LIMIT))}")
    out.append("")

    cost = result.cost_sharing
    out += [f"## {t('cost', lang)}", table(
        [t("player", lang), t("standalone", lang), t("shapley", lang), t("savings", lang), t("proportional", lang),
         t("equal_savings", lang)],
        [[nm(p), cost.standalone[p], cost.shapley[p], cost.savings[p], cost.proportional[p],
          cost.equal_savings[p]] for p in cost.players], lang=lang)]
    out.append(f"{t('total_cost', lang)}: {_fmt(cost.total_cost)}    "
               f"{t('total_standalone', lang)}: {_fmt(cost.total_standalone)}")
    if cost.in_core:
        out.append(t("core_yes", lang))
    else:
        b = cost.blocking_coalitions[0]
        out.append(t("core_no", lang, m=" + ".join(map(nm, b["members"])), x=_fmt(b["excess"])))
    for pool in cost.pools:
        out.append(f"{t('pool', lang)} {pool.name or pool.id} ({pool.rule}):")
        out.append(table([t("player", lang), t("allocation", lang), t("shapley", lang), t("gap", lang)],
                         [[nm(m), pool.allocation[m], pool.shapley[m], pool.fairness_gap[m]]
                          for m in pool.allocation], lang=lang))
    out.append("")

    res = result.resilience
    pct = numfmt.percent
    out += [f"## {t('res', lang)}", f"{t('service', lang)}: {pct(res.service_level)}"]
    spof = [c for c in res.critical_entities if c.service_loss > 0]
    out.append(f"{t('spof', lang)}:")
    out.append(table([t("entity", lang), t("loss", lang)], [[nm(c.id), pct(c.service_loss)] for c in spof], 10,
                     lang) if spof else "  " + t("none", lang))
    arts = list(map(nm, res.articulation_points))
    count = f" ({numfmt.integer(len(arts))})" if len(arts) > LIST_LIMIT else ""
    out.append(f"{t('art', lang)}{count}: {name_list(arts, lang) or t('none', lang)}")
    rob = res.robustness
    out.append(f"{t('r_random', lang)}: {_fmt(rob.random.r_index)}    "
               f"{t('r_targeted', lang)}: {_fmt(rob.targeted.r_index)}")
    mc = res.monte_carlo
    out.append(f"{t('mc', lang, n=count_text(mc.trials, 'trials', lang))}: {t('expected', lang)} {pct(mc.expected_service)}, "
               f"p05 {pct(mc.p05)}, p50 {pct(mc.p50)}, p95 {pct(mc.p95)}, "
               f"{t('below', lang, t=pct(mc.threshold, 0))} = {pct(mc.p_below)}")
    casc = [c for c in res.cascade if c.cascade_size > 1][:5]
    if casc:
        out.append(f"{t('cascade', lang)}:")
        out.append(table([t("entity", lang), t("size", lang), t("final", lang)],
                         [[nm(c.id), c.cascade_size, pct(c.service_level)] for c in casc], lang=lang))
    out.append("")

    kpis = result.kpis
    out.append(f"## {t('kpi', lang)}")
    for key, (en, zh) in _KPI_LABELS.items():
        if hasattr(kpis, key):
            value = getattr(kpis, key)
            text = pct(value) if figure_kind(f"kpis.{key}") == "percent" else _fmt(value)
            out.append(f"{zh if lang.startswith('zh') else en}: {text}")
    notes = result.notes
    if notes:
        out += ["", f"{t('notes', lang)}:"] + [f"- {n}" for n in notes_text(notes, lang)]
    return "\n".join(out)


def format_comparison(res: dict[str, Any], lang: str = "en") -> str:
    """``ecodesk compare`` without --json: every figure by its name in ``lang``, shown as the app
    shows it (shares as percentages, money and counts with separators), the change signed and
    marked ✓ where B is better, ✗ where A is (the legend line below says so)."""
    def shown(kind: str, value: Any) -> str:  # amounts whole above 100, as in the report's tables
        return numfmt.money(value, None) if kind == "money" else numfmt.format_value(kind, value)

    rows = []
    for f in res["figures"]:
        kind, delta = figure_kind(f["key"]), f["delta"]
        change = numfmt.DASH if delta is None else numfmt.signed_delta(shown(kind, delta), delta)
        mark = {"b": " ✓", "a": " ✗"}.get(f.get("better") or "", "  ")  # ✓: B is better than A
        rows.append([figure_label(f["key"], lang), shown(kind, f["a"]), shown(kind, f["b"]), change + mark])
    head = t("compare", lang, a=res["a"], b=res["b"])
    return "\n".join([head, table([t("figure", lang), res["a"], res["b"], t("delta", lang)], rows, limit=200,
                                   lang=lang),
                      t("better", lang, a=res["a"], b=res["b"])])
