"""Analysis layer: the readable summary of a design (``ecodesk optimize`` without ``--json``),
in English or Chinese. Numbers go through :mod:`ecodesk.numfmt`."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from ecodesk import numfmt
from ecodesk.analysis.optimize_types import DesignResult, TradeoffRow

_T = {
    "title": ("Ecosystem design — scenario '{s}' (redundancy {r})", "优化生态设计 — 情景「{s}」（冗余度 {r}）"),
    "status": ("Status: {v}", "状态：{v}"),
    "optimal": ("optimal", "最优"),
    "infeasible": ("infeasible", "不可行"),
    "time_limit": ("best found within the time limit, not proven optimal", "时间限制内找到的最佳设计（未证明最优）"),
    "time_limit_short": ("time limit", "时间限制"),
    "reason": ("Why: {v}", "原因：{v}"),
    "current": ("Current design: {v}{bad}", "当前设计：{v}{bad}"),
    "over": (" (exceeds a capacity)", "（超出容量）"),
    "best": ("Optimised design: {v}", "优化后设计：{v}"),
    "gap": ("Proven gap: {v}", "已证明的最优性差距：{v}"),
    "savings": ("Savings: {v}", "节省：{v}"),
    "keep": ("Keep ({n}): {v}", "保留（{n}）：{v}"),
    "close": ("Close ({n}): {v}", "关闭（{n}）：{v}"),
    "none": ("none", "无"),
    "moves": ("Changes from the current design:", "相对当前设计的改动："),
    "moved": ("  {d} ({e}, {c}): {a} → {b}, cost {cost}", "  {d}（{e}，{c}）：{a} → {b}，成本 {cost}"),
    "no_moves": ("No demand changes provider.", "没有需求更换提供方。"),
    "standalone": ("standalone", "自行解决"),
    "notes": ("Notes:", "说明："),
    "tradeoff": ("Redundancy trade-off:", "冗余度权衡："),
    "trow_head": ("  r  status        cost               expected service  targeted robustness",
                  "  r  状态          成本               期望服务水平      定向攻击稳健性"),
    "applied": ("Saved the design as scenario '{s}' in '{f}'.", "已将设计保存为「{f}」中的情景「{s}」。"),
}


def t(key: str, lang: str, **kw: object) -> str:
    en, zh = _T[key]
    return (zh if numfmt.is_chinese(lang) else en).format(**kw)


def format_design(result: DesignResult, scenario: str, lang: str = "en", currency: str = "CNY",
                  current: dict[str, str | None] | None = None,
                  tradeoff: Sequence[TradeoffRow] | None = None, moves_shown: int = 30,
                  names: Mapping[str, str] | None = None) -> str:
    """The summary: status, current and optimised cost, savings, what to keep and close, the
    demands that change provider (``current``: demand id → its capability now, None =
    standalone), the notes and, when given, the trade-off table. ``names`` (entity and
    capability id → name) shows objects as people know them: "华东区域仓 [wh_east]"."""
    zh = numfmt.is_chinese(lang)

    def named(obj_id: str) -> str:
        name = (names or {}).get(obj_id, "")
        return f"{name} [{obj_id}]" if name and name != obj_id else obj_id

    lines = [t("title", lang, s=scenario, r=result.redundancy), t("status", lang, v=t(result.status, lang))]
    if result.reason is not None:
        lines.append(t("reason", lang, v=result.reason[1] if zh else result.reason[0]))
    lines.append(t("current", lang, v=numfmt.money_with(result.current_cost, currency),
                   bad="" if result.current_feasible else t("over", lang)))
    if result.objective is not None:
        lines.append(t("best", lang, v=numfmt.money_with(result.objective, currency)))
        if result.status == "time_limit":
            lines.append(t("gap", lang, v="?" if result.gap is None else numfmt.percent(result.gap, 2)))
        lines.append(t("savings", lang, v=numfmt.money_with(result.savings, currency)))
        none = t("none", lang)
        lines.append(t("keep", lang, n=len(result.keep), v=_ids([named(i) for i in result.keep], moves_shown) or none))
        lines.append(t("close", lang, n=len(result.close), v=_ids([named(i) for i in result.close], moves_shown) or none))
        if current is not None:
            moved = [a for a in result.assignments if current.get(a.demand) != a.capability]
            if moved:
                lines.append(t("moves", lang))
                solo = t("standalone", lang)
                for a in moved[:moves_shown]:
                    was = current.get(a.demand)
                    lines.append(t("moved", lang, d=a.demand, e=named(a.entity), c=a.category.strip(),
                                   a=named(was) if was else solo, b=named(a.capability) if a.capability else solo,
                                   cost=numfmt.money_with(a.cost, currency)))
                if len(moved) > moves_shown:
                    lines.append(f"  … (+{len(moved) - moves_shown})")
            else:
                lines.append(t("no_moves", lang))
    notes = result.notes_zh if zh and result.notes_zh else result.notes
    if notes:
        lines.append(t("notes", lang))
        lines += [f"  - {n}" for n in notes]
    if tradeoff:
        lines.append(t("tradeoff", lang))
        lines.append(t("trow_head", lang))
        for row in tradeoff:
            cost = "—" if row.objective is None else numfmt.money_with(row.objective, currency)
            es = "—" if row.expected_service is None else numfmt.percent(row.expected_service, 1)
            ri = "—" if row.targeted_r_index is None else numfmt.ratio(row.targeted_r_index, 3)
            status = t("time_limit_short" if row.status == "time_limit" else row.status, lang)
            lines.append(f"  {row.redundancy:<2} {_pad(status, 13)} {cost:<18} {es:<17} {ri}")
    return "\n".join(lines)


def _ids(ids: Sequence[str], shown: int) -> str:
    """Ids joined by commas; past ``shown`` of them, "… (+N)" (the JSON has them all)."""
    text = ", ".join(ids[:shown])
    return text + (f", … (+{len(ids) - shown})" if len(ids) > shown else "")


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` columns, a Chinese character counting two."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)
