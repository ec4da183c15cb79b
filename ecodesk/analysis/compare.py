"""Analysis layer: scenario comparison (SPEC §3.5) — every headline figure of two analyses side by side.

Compares :class:`~ecodesk.analysis.run.AnalysisResult` objects or their ``ecodesk analyze --json``
form (SPEC §5: sections ``reuse``, ``cost_sharing``, ``resilience``, ``kpis``), so it compares
saved results as readily as fresh ones. A figure missing from either side gets ``None`` for the
missing value, the delta and ``better``. Each figure's key also has a label in English and
Chinese and a display kind (:func:`figure_label`, :func:`figure_kind`), so no front end spells
the keys itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from ecodesk.model import EntityKind, FlowKind
from ecodesk.model.kinds import LabelledEnum

Number = int | float

#: Label of each fixed figure (en, zh).
LABELS: dict[str, tuple[str, str]] = {
    "reuse.total_savings": ("Savings from shared capabilities", "能力共享带来的节省"),
    "reuse.reuse_index": ("Reuse index", "复用指数"),
    "reuse.capability_count": ("Capabilities", "能力数"),
    "reuse.redundancy_count": ("Capabilities built twice", "重复建设的能力"),
    "reuse.redundancy_potential_savings": ("Potential savings from redundancies", "消除重复可节省"),
    "reuse.gap_count": ("Unmet needs", "未满足的需求"),
    "cost_sharing.total_cost": ("Total cost together", "合作总成本"),
    "cost_sharing.total_standalone": ("Total cost alone", "各自独立的总成本"),
    "cost_sharing.total_savings": ("Savings of the cost game", "成本博弈的节省额"),
    "cost_sharing.player_count": ("Partners in the cost game", "参与成本博弈的伙伴"),
    "cost_sharing.in_core": ("Fair split stable (1 = yes)", "公平分摊稳定（1 = 是）"),
    "cost_sharing.blocking_count": ("Groups that would leave", "会退出的伙伴组合"),
    "resilience.service_level": ("Service level", "服务水平"),
    "resilience.robustness.random.r_index": ("Robustness R, random failures", "鲁棒性 R（随机失效）"),
    "resilience.robustness.targeted.r_index": ("Robustness R, targeted loss", "鲁棒性 R（定向失去）"),
    "resilience.monte_carlo.expected_service": ("Expected service (Monte Carlo)", "期望服务水平（蒙特卡洛）"),
    "resilience.monte_carlo.p05": ("Service p05", "服务水平 p05"),
    "resilience.monte_carlo.p50": ("Service p50", "服务水平 p50"),
    "resilience.monte_carlo.p95": ("Service p95", "服务水平 p95"),
    "resilience.monte_carlo.p_below": ("Share of trials below the threshold", "低于阈值的试验占比"),
    "resilience.single_points_of_failure": ("Single points of failure", "单点故障"),
    "resilience.articulation_point_count": ("Articulation points", "割点"),
    "resilience.single_sourced_count": ("Single-sourced demand entities", "单一来源的需求主体"),
    "resilience.max_cascade_size": ("Largest cascade", "最大级联规模"),
    "kpis.entity_count": ("Entities", "主体数"),
    "kpis.flow_count": ("Flows", "资源流数"),
    "kpis.total_flow_value": ("Total flow value", "资源流总价值"),
    "kpis.data_interop_rate": ("Data interoperability", "数据互通率"),
    "kpis.reverse_data_ratio": ("Reverse data feedback", "数据反向反馈率"),
    "kpis.cross_industry_share": ("Cross-industry flows", "跨行业资源流占比"),
    "kpis.top_hub_share": ("Top hub's share of flows", "最大枢纽的资源流占比"),
    "kpis.multi_ecosystem_entities": ("Entities in several ecosystems", "跨多个生态的主体"),
    "kpis.ecosystem_count": ("Ecosystems", "生态数"),
    "kpis.capability_count": ("Capabilities (indicators)", "能力数（指标）"),
    "kpis.need_count": ("Needs", "需求数"),
    "kpis.pool_count": ("Sharing pools", "共享安排数"),
}
#: Counts and values by kind: key prefix → (label template en, zh; the kind enum).
BY_KIND_LABELS: dict[str, tuple[str, str, type[EntityKind] | type[FlowKind]]] = {
    "kpis.entities_by_kind.": ("Entities: {0}", "主体：{0}", EntityKind),
    "kpis.flows_by_kind.": ("Flows: {0}", "资源流：{0}", FlowKind),
    "kpis.flow_value_by_kind.": ("Flow value: {0}", "资源流价值：{0}", FlowKind),
}
_PERCENT = ("service_level", "r_index", "expected_service", "p05", "p50", "p95", "p_below", "_rate", "_share",
            "_ratio")
_MONEY = ("savings", "total_cost", "total_standalone", "flow_value", "potential_savings")

#: For each figure: True = higher is better, False = lower is better, None = neither.
HIGHER_IS_BETTER: dict[str, bool | None] = {
    "reuse.total_savings": True,
    "reuse.reuse_index": True,
    "reuse.capability_count": None,
    "reuse.redundancy_count": False,
    "reuse.redundancy_potential_savings": False,
    "reuse.gap_count": False,
    "cost_sharing.total_cost": False,
    "cost_sharing.total_standalone": None,
    "cost_sharing.total_savings": True,
    "cost_sharing.player_count": None,
    "cost_sharing.in_core": True,
    "cost_sharing.blocking_count": False,
    "resilience.service_level": True,
    "resilience.robustness.random.r_index": True,
    "resilience.robustness.targeted.r_index": True,
    "resilience.monte_carlo.expected_service": True,
    "resilience.monte_carlo.p05": True,
    "resilience.monte_carlo.p50": True,
    "resilience.monte_carlo.p95": True,
    "resilience.monte_carlo.p_below": False,
    "resilience.single_points_of_failure": False,
    "resilience.articulation_point_count": False,
    "resilience.single_sourced_count": False,
    "resilience.max_cascade_size": False,
    "kpis.entity_count": None,
    "kpis.flow_count": None,
    "kpis.total_flow_value": True,
    "kpis.data_interop_rate": True,
    "kpis.reverse_data_ratio": True,
    "kpis.cross_industry_share": True,
    "kpis.top_hub_share": False,
    "kpis.multi_ecosystem_entities": True,
    "kpis.ecosystem_count": None,
    "kpis.capability_count": None,
    "kpis.need_count": None,
    "kpis.pool_count": None,
}

_SECTIONS = ("reuse", "cost_sharing", "resilience", "kpis")
_BY_KIND = ("entities_by_kind", "flows_by_kind", "flow_value_by_kind")


def _get(result: Mapping[str, Any], path: str) -> Any:
    node: Any = result
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _num(value: Any) -> Number | None:
    """A finite number (bools as 1/0), else None."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (int, float)) and math.isfinite(value):
        return value
    return None


def _items(result: Mapping[str, Any], path: str) -> list[Any] | None:
    value = _get(result, path)
    return list(value) if isinstance(value, (list, tuple)) else None


def _count(path: str, pred: Callable[[Any], bool] | None = None) -> Callable[[Mapping[str, Any]], Number | None]:
    def get(result: Mapping[str, Any]) -> Number | None:
        items = _items(result, path)
        if items is None:
            return None
        return len(items) if pred is None else sum(1 for x in items if pred(x))

    return get


def _sum_field(path: str, key: str) -> Callable[[Mapping[str, Any]], Number | None]:
    def get(result: Mapping[str, Any]) -> Number | None:
        items = _items(result, path)
        if items is None:
            return None
        return sum(_num(x.get(key)) or 0 for x in items if isinstance(x, Mapping))

    return get


def _total_savings(result: Mapping[str, Any]) -> Number | None:
    direct = _num(_get(result, "cost_sharing.total_savings"))
    if direct is not None:
        return direct
    a, c = _num(_get(result, "cost_sharing.total_standalone")), _num(_get(result, "cost_sharing.total_cost"))
    return None if a is None or c is None else a - c


def _blocking(result: Mapping[str, Any]) -> Number | None:
    direct = _num(_get(result, "cost_sharing.blocking_count"))
    return direct if direct is not None else _count("cost_sharing.blocking_coalitions")(result)


def _max_cascade(result: Mapping[str, Any]) -> Number | None:
    items = _items(result, "resilience.cascade")
    if items is None:
        return None
    sizes = [_num(x.get("cascade_size")) for x in items if isinstance(x, Mapping)]
    return max((s for s in sizes if s is not None), default=0)


def _single_sourced(result: Mapping[str, Any]) -> Number | None:
    """Demand entities with exactly one node-disjoint supply path (map or list of rows)."""
    red = _get(result, "resilience.redundancy")
    if isinstance(red, Mapping):
        values = list(red.values())
    elif isinstance(red, (list, tuple)):
        values = [
            next((r[k] for k in ("paths", "redundancy", "value") if k in r), None)
            for r in red
            if isinstance(r, Mapping)
        ]
    else:
        return None
    return sum(1 for v in values if _num(v) == 1)


def _positive_loss(row: Any) -> bool:
    return isinstance(row, Mapping) and (_num(row.get("service_loss")) or 0) > 0


#: Figures that are not a plain path into the analyze JSON.
DERIVED: dict[str, Callable[[Mapping[str, Any]], Number | None]] = {
    "reuse.capability_count": _count("reuse.capabilities"),
    "reuse.redundancy_count": _count("reuse.redundancies"),
    "reuse.redundancy_potential_savings": _sum_field("reuse.redundancies", "potential_savings"),
    "reuse.gap_count": _count("reuse.gaps"),
    "cost_sharing.total_savings": _total_savings,
    "cost_sharing.player_count": _count("cost_sharing.players"),
    "cost_sharing.blocking_count": _blocking,
    "resilience.single_points_of_failure": _count("resilience.critical_entities", _positive_loss),
    "resilience.articulation_point_count": _count("resilience.articulation_points"),
    "resilience.single_sourced_count": _single_sourced,
    "resilience.max_cascade_size": _max_cascade,
}


def figure(result: Mapping[str, Any], key: str) -> Number | None:
    """The value of one headline figure in an analyze JSON object (None when absent)."""
    if key in DERIVED:
        return DERIVED[key](result)
    return _num(_get(result, key))


def _keys(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    """The fixed figures, then counts by kind, then any other numeric scalar of a section."""
    keys = list(HIGHER_IS_BETTER)
    seen = set(keys)
    for group in _BY_KIND:
        names: dict[str, None] = {}
        for r in (a, b):
            value = _get(r, f"kpis.{group}")
            if isinstance(value, Mapping):
                names.update(dict.fromkeys(str(k) for k in value))
        keys += [f"kpis.{group}.{k}" for k in names if f"kpis.{group}.{k}" not in seen]
        seen.update(keys)
    for section in _SECTIONS:
        for r in (a, b):
            node = r.get(section) if isinstance(r, Mapping) else None
            if not isinstance(node, Mapping):
                continue
            for k, v in node.items():
                key = f"{section}.{k}"
                if key not in seen and _num(v) is not None:
                    keys.append(key)
                    seen.add(key)
    return keys


def _better(key: str, x: Number | None, y: Number | None) -> str | None:
    hib = HIGHER_IS_BETTER.get(key)
    if hib is None or x is None or y is None:
        return None
    if math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12):
        return None
    return "b" if (y > x) == hib else "a"


def figure_label(key: str, lang: str = "en") -> str:
    """A figure's name for people in ``lang`` ("en" or "zh"); the key itself when unknown."""
    zh = lang.lower().startswith("zh")
    if key in LABELS:
        return LABELS[key][1 if zh else 0]
    for prefix, (en_text, zh_text, enum) in BY_KIND_LABELS.items():
        if key.startswith(prefix):
            value = key[len(prefix):]
            member = enum._value2member_map_.get(value)
            name = member.label("zh" if zh else "en") if isinstance(member, LabelledEnum) else value
            return (zh_text if zh else en_text).format(name)
    return key


def figure_kind(key: str) -> str:
    """How a figure is shown: "percent", "money", "int" or "number"."""
    leaf = key.rsplit(".", 1)[-1]
    if key.startswith("kpis.flow_value_by_kind") or any(m in key for m in _MONEY):
        return "money"
    if key.startswith(("kpis.entities_by_kind", "kpis.flows_by_kind")) or leaf.endswith(("count", "_entities")) \
            or leaf in ("single_points_of_failure", "max_cascade_size", "blocking_count"):
        return "int"
    if any(leaf == p or leaf.endswith(p) for p in _PERCENT):
        return "percent"
    return "number"


def is_by_kind(key: str) -> bool:
    """A count or value by entity/flow kind (the app hides them unless asked)."""
    return key.startswith(tuple(BY_KIND_LABELS))


def _as_json(result: Any) -> Mapping[str, Any]:
    """An AnalysisResult's SPEC §5 form (JSON objects pass through)."""
    if isinstance(result, Mapping):
        return result
    out: Mapping[str, Any] = result.to_json()
    return out


def compare_results(name_a: str, result_a: Any, name_b: str, result_b: Any) -> dict[str, Any]:
    """``{"a", "b", "figures": [{key, a, b, delta, better}]}`` for two results: AnalysisResult
    objects or analyze JSON objects (SPEC §5)."""
    result_a, result_b = _as_json(result_a), _as_json(result_b)
    figures: list[dict[str, Any]] = []
    for key in _keys(result_a, result_b):
        x, y = figure(result_a, key), figure(result_b, key)
        delta = None if x is None or y is None else y - x
        figures.append(
            {
                "key": key,
                "a": x,
                "b": y,
                "delta": delta,
                "better": _better(key, x, y),
                "higher_is_better": HIGHER_IS_BETTER.get(key),
            }
        )
    return {"a": name_a, "b": name_b, "figures": figures}
