"""Analysis layer: metrics — the numbers of ``ecodesk analyze --json`` named by dotted paths
(SPEC §3.7), their readable names (English and Chinese) and the analysis stages each needs.

How a path is formed:

* a key of an object is one segment: ``reuse.total_savings``, ``resilience.monte_carlo.expected_service``;
* a map keyed by entity id takes the id as its segment: ``cost_sharing.shapley.ID``,
  ``resilience.redundancy.ID`` (an id may itself contain dots: the longest key that fits wins);
* a list of objects that carry an ``id`` is addressed by that id:
  ``reuse.capabilities.ID.savings``, ``resilience.critical_entities.ID.service_loss``,
  ``resilience.cascade.ID.cascade_size``, ``cost_sharing.pools.ID.allocation.ENTITY``;
  ``reuse.gaps`` by the need's id (``reuse.gaps.NEED.volume``);
* lists without ids (curves, redundancy groups, pairs, blocking coalitions), true/false
  values, texts and the settings echoed in the output (``settings.*``, the Monte Carlo's
  ``trials``/``seed``/``threshold``/``histogram``, ``robustness.random.orders``) are not metrics.

:func:`metric_stages` says which stage a metric needs, so a sweep recomputes only that:
``reuse``, ``cost_sharing`` (the cost game, without pools), ``pools``, ``kpis``,
``resilience`` (service level, critical entities, robustness, redundancy), ``monte_carlo``,
``cascade``.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ecodesk.model.errors import EcodeskError

if TYPE_CHECKING:
    from ecodesk.analysis.run import AnalysisResult
    from ecodesk.model.objects import AnalysisSettings
    from ecodesk.model.scenario import Scenario

#: Every stage a metric may need (see the module docstring).
STAGES = ("reuse", "cost_sharing", "pools", "kpis", "resilience", "monte_carlo", "cascade")

#: Numbers of the output that echo settings rather than measure the model.
_NOT_METRICS = frozenset({
    "settings", "scenario", "resilience.monte_carlo.histogram", "resilience.monte_carlo.seed",
    "resilience.monte_carlo.trials", "resilience.monte_carlo.threshold", "resilience.robustness.random.orders",
})
#: Lists of objects addressed by a key other than ``id``.
_LIST_KEYS = {"reuse.gaps": "need"}


class MetricError(EcodeskError):
    """An unknown metric path (or one that is not a number), with the nearest valid ones."""

    def __init__(self, path: str, nearest: list[str], *, not_number: str | None = None) -> None:
        self.path, self.nearest, self.not_number = path, list(nearest), not_number
        super().__init__(self.sentence("en"))

    def sentence(self, lang: str = "en") -> str:
        zh = lang.startswith("zh")
        if self.not_number is not None:
            if zh:
                return f"指标「{self.path}」不是数值（其值为 {self.not_number}），无法分析。"
            return f"metric '{self.path}' is not a number (it is {self.not_number}) and cannot be analysed."
        near = ", ".join(self.nearest)
        if zh:
            return f"未知指标「{self.path}」" + (f"；最接近的有：{near}。" if near else "。")
        return f"unknown metric '{self.path}'" + (f"; nearest: {near}." if near else ".")


def _as_json(result: AnalysisResult | Mapping[str, Any]) -> Mapping[str, Any]:
    return result if isinstance(result, Mapping) else result.to_json()


def _keyed(prefix: str, items: list[Any]) -> dict[str, Any] | None:
    """A list of objects as a map by their id (or the list's own key), else None."""
    key = _LIST_KEYS.get(prefix, "id")
    if items and all(isinstance(x, Mapping) and isinstance(x.get(key), str) for x in items):
        return {x[key]: x for x in items}
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _walk(node: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    if prefix in _NOT_METRICS:
        return
    if isinstance(node, list):
        keyed = _keyed(prefix, node)
        if keyed is None:
            return
        node = keyed
    if isinstance(node, Mapping):
        for k, v in node.items():
            yield from _walk(v, f"{prefix}.{k}" if prefix else str(k))
    elif prefix:
        yield prefix, node


def metric_paths(result: AnalysisResult | Mapping[str, Any]) -> list[str]:
    """Every numeric dotted path of the analysis output, in the output's order."""
    return [p for p, v in _walk(_as_json(result), "") if _is_number(v)]


def _lookup(node: Any, rest: str, prefix: str) -> tuple[bool, Any]:
    """Follow ``rest`` down ``node``; (found, value)."""
    if prefix in _NOT_METRICS:
        return False, None
    if isinstance(node, list):
        keyed = _keyed(prefix, node)
        if keyed is None:
            return False, None
        node = keyed
    if not isinstance(node, Mapping):
        return False, None
    if rest in node:
        found, value = True, node[rest]
        full = f"{prefix}.{rest}" if prefix else rest
        return (False, None) if full in _NOT_METRICS else (found, value)
    # the longest key that is a prefix of ``rest`` (ids may contain dots)
    for key in sorted((k for k in node if isinstance(k, str) and rest.startswith(k + ".")), key=len, reverse=True):
        found, value = _lookup(node[key], rest[len(key) + 1:], f"{prefix}.{key}" if prefix else key)
        if found:
            return found, value
    return False, None


def nearest_paths(path: str, paths: list[str], n: int = 5) -> list[str]:
    """Up to ``n`` valid paths closest to ``path`` (difflib), best first."""
    near = difflib.get_close_matches(path, paths, n=n, cutoff=0.45)
    if len(near) < n:  # same first segments: e.g. "cost_sharing.shapley.x" → the shapley paths
        head = path.rsplit(".", 1)[0]
        near += [p for p in paths if p.startswith(head + ".") and p not in near][: n - len(near)]
    if not near:  # nothing alike: the headline figures, so the sentence still shows what a metric looks like
        near = [p for p in _FIXED if p in paths][:n] or paths[:n]
    return near


def metric_value(result_json: AnalysisResult | Mapping[str, Any], path: str) -> float:
    """The number at ``path`` (MetricError if there is none there); NaN where the model gives
    no value (JSON null)."""
    data = _as_json(result_json)
    found, value = _lookup(data, path.strip(), "")
    if found and _is_number(value):
        return float(value)
    if found and value is None:
        return math.nan
    if found:
        shown = "true/false" if isinstance(value, bool) else type(value).__name__
        raise MetricError(path, [], not_number=shown)
    raise MetricError(path, nearest_paths(path, metric_paths(data)))


def metric_stages(path: str) -> frozenset[str]:
    """The analysis stages ``path`` needs (a subset of :data:`STAGES`; empty for a path outside
    reuse, cost_sharing, resilience and kpis, which names no metric)."""
    head = path.split(".", 1)[0]
    if head == "reuse":
        return frozenset({"reuse"})
    if head == "kpis":
        return frozenset({"kpis"})
    if head == "cost_sharing":
        return frozenset({"pools"}) if path.startswith("cost_sharing.pools.") else frozenset({"cost_sharing"})
    if head == "resilience":
        if path.startswith("resilience.monte_carlo."):
            return frozenset({"monte_carlo"})
        if path.startswith("resilience.cascade."):
            return frozenset({"cascade"})
        return frozenset({"resilience"})
    return frozenset()  # not a metric: nothing to compute


# --------------------------------------------------------------------------- readable names

_FIXED: dict[str, tuple[str, str]] = {
    "reuse.total_savings": ("Savings from reuse (total)", "能力复用总节省"),
    "reuse.reuse_index": ("Reuse index", "复用指数"),
    "cost_sharing.total_cost": ("Ecosystem total cost c(N)", "生态总成本 c(N)"),
    "cost_sharing.total_standalone": ("Total standalone cost", "独立成本合计"),
    "cost_sharing.total_savings": ("Savings of cost sharing (total)", "成本分摊总节省"),
    "cost_sharing.blocking_count": ("Blocking coalitions", "阻断联盟数"),
    "resilience.service_level": ("Service level", "服务水平"),
    "resilience.robustness.random.r_index": ("Robustness, random removal", "鲁棒性（随机移除）"),
    "resilience.robustness.targeted.r_index": ("Robustness, targeted removal", "鲁棒性（定向移除）"),
    "resilience.robustness.candidates": ("Removal candidates", "移除候选数"),
    "resilience.monte_carlo.expected_service": ("Expected service", "期望服务水平"),
    "resilience.monte_carlo.p05": ("Service, 5th percentile", "服务水平第 5 百分位"),
    "resilience.monte_carlo.p50": ("Service, median", "服务水平中位数"),
    "resilience.monte_carlo.p95": ("Service, 95th percentile", "服务水平第 95 百分位"),
    "resilience.monte_carlo.p_below": ("Share of trials below the threshold", "低于阈值的试验比例"),
    "kpis.data_interop_rate": ("Data interoperability rate", "数据互通率"),
    "kpis.reverse_data_ratio": ("Reverse data ratio", "数据反哺比例"),
    "kpis.cross_industry_share": ("Cross-industry share of flows", "跨行业资源流占比"),
    "kpis.top_hub_share": ("Share of the largest hub", "最大枢纽占比"),
    "kpis.total_flow_value": ("Total flow value", "资源流总价值"),
}
#: map name → (English with {n}, Chinese with {n}) for per-entity maps of the output.
_PER_ENTITY: dict[str, tuple[str, str]] = {
    "cost_sharing.shapley": ("Shapley share of {n}", "{n} 的 Shapley 分摊"),
    "cost_sharing.standalone": ("Standalone cost of {n}", "{n} 的独立成本"),
    "cost_sharing.savings": ("Savings of {n} (Shapley)", "{n} 的节省（Shapley）"),
    "cost_sharing.proportional": ("Proportional share of {n}", "{n} 的比例分摊"),
    "cost_sharing.equal_savings": ("Equal-savings share of {n}", "{n} 的等额节省分摊"),
    "resilience.redundancy": ("Independent supply paths to {n}", "{n} 的独立供给路径数"),
    "resilience.demand_entities": ("Demand weight of {n}", "{n} 的需求权重"),
    "resilience.critical_entities": ("Service loss without {n}", "失去 {n} 后的服务损失"),
}
_PER_ITEM: dict[tuple[str, str], tuple[str, str]] = {
    ("resilience.cascade", "cascade_size"): ("Cascade size after {n} fails", "{n} 失效后的级联规模"),
    ("resilience.cascade", "service_level"): ("Service after {n}'s cascade", "{n} 级联失效后的服务水平"),
    ("reuse.capabilities", "savings"): ("Savings of capability {n}", "能力「{n}」的节省"),
    ("reuse.capabilities", "shared_cost"): ("Shared cost of capability {n}", "能力「{n}」的共享成本"),
    ("reuse.capabilities", "standalone_cost"): ("Standalone cost of capability {n}", "能力「{n}」的独立成本"),
    ("reuse.capabilities", "amortised_fixed_cost"): ("Amortised fixed cost of capability {n}",
                                                     "能力「{n}」的摊销固定成本"),
    ("reuse.capabilities", "reuse_count"): ("Reuse count of capability {n}", "能力「{n}」的复用次数"),
}
_POOL_MAPS: dict[str, tuple[str, str]] = {
    "allocation": ("Allocation of {n} in pool {p}", "共享安排「{p}」中 {n} 的分配"),
    "shapley": ("Fair share of {n} in pool {p}", "共享安排「{p}」中 {n} 的公平份额"),
    "fairness_gap": ("Fairness gap of {n} in pool {p}", "共享安排「{p}」中 {n} 的公平差距"),
}


def object_name(scenario: Scenario | None, obj_id: str) -> str:
    """How a planner knows an object: its name (an entity, capability, pool), a flow's label or
    "source → target", a need's "entity: category"; the id when there is nothing better."""
    if scenario is None:
        return obj_id
    from ecodesk.model.objects import Flow, Need

    obj = scenario.find(obj_id)
    if isinstance(obj, Flow):
        if obj.label:
            return obj.label
        return f"{object_name(scenario, obj.source)} → {object_name(scenario, obj.target)}"
    if isinstance(obj, Need):
        return f"{object_name(scenario, obj.entity)}: {obj.category}"
    label = getattr(obj, "label", None)
    return str(label) if label else obj_id


_name_of = object_name


def metric_label(path: str, scenario: Scenario | None, lang: str = "en") -> str:
    """A readable name for ``path``: "Shapley share of 家电品牌", "Expected service"; the path
    itself (ids replaced by names where they are known) when no better name exists."""
    zh = lang.startswith("zh")
    if path in _FIXED:
        return _FIXED[path][1 if zh else 0]
    for prefix, (en, cn) in _PER_ENTITY.items():
        if path.startswith(prefix + "."):
            rest = path[len(prefix) + 1:]
            if prefix == "resilience.critical_entities":
                if not rest.endswith(".service_loss"):
                    break
                rest = rest[: -len(".service_loss")]
            return (cn if zh else en).format(n=_name_of(scenario, rest))
    for (prefix, leaf), (en, cn) in _PER_ITEM.items():
        if path.startswith(prefix + ".") and path.endswith("." + leaf):
            obj_id = path[len(prefix) + 1: -len(leaf) - 1]
            return (cn if zh else en).format(n=_name_of(scenario, obj_id))
    if path.startswith("cost_sharing.pools.") and scenario is not None:
        rest = path[len("cost_sharing.pools."):]
        for pool in scenario.pools:
            if rest.startswith(pool.id + "."):
                tail = rest[len(pool.id) + 1:]
                for leaf, (en, cn) in _POOL_MAPS.items():
                    if tail.startswith(leaf + "."):
                        who = _name_of(scenario, tail[len(leaf) + 1:])
                        return (cn if zh else en).format(n=who, p=pool.label)
    return path


def metric_choices(scenario: Scenario, settings: AnalysisSettings | None = None,
                   lang: str = "en") -> list[tuple[str, str]]:
    """(path, readable name) of the metrics a planner picks from, headline figures first, then
    per player, capability, pool member and entity — built from the scenario's structure
    (no analysis is run)."""
    from ecodesk.analysis.costshare import ecosystem_game

    paths = [p for p in _FIXED if p != "resilience.robustness.candidates"]
    for player in ecosystem_game(scenario).players:
        paths += [f"cost_sharing.shapley.{player}", f"cost_sharing.savings.{player}"]
    paths += [f"reuse.capabilities.{c.id}.savings" for c in scenario.capabilities]
    for pool in scenario.pools:
        paths += [f"cost_sharing.pools.{pool.id}.allocation.{m}" for m in pool.members]
    paths += [f"resilience.critical_entities.{e.id}.service_loss" for e in scenario.entities]
    paths += [f"resilience.cascade.{e.id}.cascade_size" for e in scenario.entities]
    return [(p, metric_label(p, scenario, lang)) for p in paths]


class SweepInputError(EcodeskError):
    """Bad input to a sensitivity or uncertainty run (a p outside (0, 1), an unknown field,
    samples < 1, no ranges …), said in one sentence in English and Chinese."""

    def __init__(self, en: str, zh: str) -> None:
        self.en, self.zh = en, zh
        super().__init__(en)

    def sentence(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


_WHAT = {"entities": "entity", "capabilities": "capability", "flows": "flow", "needs": "need", "pools": "pool"}


def field_name(table_field: str, lang: str = "en") -> str:
    """``flows.volume`` → "Volume" / "数量" (the model's field labels)."""
    from ecodesk.model.labels import field_label

    table, _, field = table_field.partition(".")
    return field_label(field, lang, _WHAT.get(table, ""))


def input_label(scenario: Scenario | None, obj_id: str, table_field: str, lang: str = "en") -> str:
    """A sensitivity input as a planner reads it: "华东区域仓 · Fixed cost", "A → B · Volume"."""
    return f"{object_name(scenario, obj_id)} · {field_name(table_field, lang)}"
