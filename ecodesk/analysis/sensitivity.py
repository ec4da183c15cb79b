"""Analysis layer: one-at-a-time sensitivity of a metric (SPEC §3.7, ``ecodesk sensitivity``).

For every input number of the chosen fields (``table.field``) whose value is set and not 0,
the metric is recomputed with that one number at value·(1−p) and value·(1+p) (risks clipped to
[0, 1], a pool's ``scale_exponent`` to (0, 1]), everything else unchanged and the project's
analysis settings — so each figure equals ``analyze`` on the changed model, Monte Carlo metrics
included (same seed: common random numbers).

Only what the metric needs is recomputed (:func:`ecodesk.analysis.metrics.metric_stages`): an
input that cannot reach those stages (a flow's risk for a cost metric, a goods flow's volume
for the cost game) leaves the metric at its base value without any run. Reuse and the cost
game are additive over capabilities, so for their metrics a change to one capability's fixed
or unit cost, or to one of its flows' volume or standalone cost, only changes that capability's
term: the new figure is computed from that term (:class:`_Additive`), not by a full rerun — the
tests check it against full recomputation (reuse: bit for bit; the cost game's numpy sums: to
1e-9 relative). Likewise the service level under a change of one demand (:class:`_ServiceLevel`:
which entities are supplied does not depend on demands). Everything else runs through :func:`ecodesk.analysis.sweep.run_sweep` (all local
cores, or a Dask cluster), the scenario sent once per worker.
"""

from __future__ import annotations

import heapq
import math
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.metrics import SweepInputError, metric_stages, metric_value, nearest_paths
from ecodesk.model.kinds import FlowKind
from ecodesk.model.objects import AnalysisSettings, Capability, Flow, ModelObject
from ecodesk.model.scenario import Scenario

DEFAULT_FIELDS: tuple[str, ...] = (
    "capabilities.fixed_cost", "capabilities.unit_cost", "flows.volume", "flows.standalone_cost", "flows.risk",
    "entities.demand", "entities.risk", "needs.volume", "needs.standalone_cost", "pools.amount",
)
#: Every number an input may be (the numeric fields of each table; x/y are positions, not inputs).
NUMERIC_FIELDS: dict[str, tuple[str, ...]] = {
    "entities": ("demand", "risk", "revenue"),
    "capabilities": ("fixed_cost", "unit_cost", "capacity"),
    "flows": ("volume", "unit_value", "risk", "standalone_cost"),
    "needs": ("volume", "standalone_cost"),
    "pools": ("amount", "scale_exponent"),
}
_UNIT_INTERVAL = frozenset({"entities.risk", "flows.risk"})

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]


# --------------------------------------------------------------------------- results

@dataclass(frozen=True)
class SensitivityRow:
    """One input: its value, the two values used (after clipping) and the metric at each."""

    object: str
    table: str
    field: str  # "flows.volume" (table.field, as --fields names it)
    value: float
    low: float
    high: float
    metric_low: float
    metric_high: float
    swing: float

    def to_json(self) -> dict[str, Any]:
        return {"object": self.object, "field": self.field, "value": self.value, "low": self.low,
                "high": self.high, "metric_low": _num(self.metric_low), "metric_high": _num(self.metric_high),
                "swing": _num(self.swing)}


@dataclass(frozen=True)
class SensitivityResult:
    metric: str
    base: float
    p: float
    rows: tuple[SensitivityRow, ...]  # sorted by swing desc, object id, field; the top N
    inputs: int = 0  # how many inputs were varied (rows before the top-N cut)

    def to_json(self) -> dict[str, Any]:
        """SPEC §3.7: ``{"metric", "base", "p", "rows": [...]}``."""
        return {"metric": self.metric, "base": _num(self.base), "p": self.p, "rows": [r.to_json() for r in self.rows]}


def _num(x: float) -> float | None:
    return x if math.isfinite(x) else None


# --------------------------------------------------------------------------- input checks

def check_p(p: Any) -> float:
    try:
        value = float(p)
    except (TypeError, ValueError):
        raise SweepInputError(f"p must be a number between 0 and 1 (exclusive), not '{p}'.",
                              f"p 必须是 0 到 1 之间（不含两端）的数，而不是「{p}」。") from None
    if not (math.isfinite(value) and 0 < value < 1):
        raise SweepInputError(f"p must lie strictly between 0 and 1, not {p}.",
                              f"p 必须严格位于 0 与 1 之间，而不是 {p}。")
    return value


def check_fields(fields: Iterable[str] | str | None) -> tuple[str, ...]:
    """``table.field`` names, each checked (one sentence naming the first unknown one)."""
    if fields is None:
        return DEFAULT_FIELDS
    items = [f.strip() for f in (fields.split(",") if isinstance(fields, str) else fields) if f.strip()]
    if not items:
        raise SweepInputError("--fields names no field; give table.field names such as flows.volume.",
                              "--fields 未列出任何字段；请给出 table.field 形式的名称，如 flows.volume。")
    valid = [f"{t}.{f}" for t, fs in NUMERIC_FIELDS.items() for f in fs]
    for name in items:
        if name not in valid:
            table = name.split(".", 1)[0]
            hint = [v for v in valid if v.startswith(table + ".")] or valid
            raise SweepInputError(
                f"unknown field '{name}': fields are table.field, one of {', '.join(hint)}.",
                f"未知字段「{name}」：字段写作 table.field，可选：{', '.join(hint)}。")
    return tuple(dict.fromkeys(items))


def check_top(top: Any) -> int | None:
    if top is None:
        return None
    if isinstance(top, bool) or not isinstance(top, int) or top < 1:
        raise SweepInputError(f"top must be a whole number of at least 1, not {top}.",
                              f"top 必须是不小于 1 的整数，而不是 {top}。")
    return top


# --------------------------------------------------------------------------- stage evaluation

def stage_json(scenario: Scenario, settings: AnalysisSettings, stages: Iterable[str],
               metric: str | None = None) -> dict[str, Any]:
    """The parts of ``analyze --json`` that ``stages`` produce, computed alone and exactly as
    :func:`ecodesk.analysis.run.run_analysis` computes them (same seeds, same settings). Given
    the ``metric`` they are computed for, the resilience stage computes only its key
    (the service level needs no robustness orders)."""
    from ecodesk.analysis.run import jsonable

    stages = set(stages)
    out: dict[str, Any] = {}
    if "reuse" in stages:
        from ecodesk.analysis.reuse import analyze_reuse

        out["reuse"] = analyze_reuse(scenario).to_json()
    if "cost_sharing" in stages or "pools" in stages:
        cs: dict[str, Any] = {}
        if "cost_sharing" in stages:
            from ecodesk.analysis.costshare import analyze_cost_sharing

            cs = analyze_cost_sharing(scenario, seed=settings.seed).to_json()
        if "pools" in stages:
            from ecodesk.analysis.costshare import _pool_rows
            from ecodesk.analysis.pools import analyze_pools

            cs["pools"] = [p.to_json() for p in _pool_rows(analyze_pools(scenario, seed=settings.seed))]
        out["cost_sharing"] = cs
    if "kpis" in stages:
        from ecodesk.analysis.kpis import analyze_kpis

        out["kpis"] = analyze_kpis(scenario, settings).to_json()
    if stages & {"resilience", "monte_carlo", "cascade"}:
        part = metric.split(".")[1] if metric and metric.startswith("resilience.") else None
        out["resilience"] = _resilience_parts(scenario, settings, stages, part)
    result: dict[str, Any] = jsonable(out)
    return result


def _resilience_parts(scenario: Scenario, settings: AnalysisSettings, stages: set[str],
                      part: str | None = None) -> dict[str, Any]:
    """The resilience figures of ``stages`` — the same steps, seeds and order as
    :func:`ecodesk.analysis.resilience.analyze_resilience`, the others left out; with ``part``
    (e.g. "service_level", "robustness") the ``resilience`` stage computes only that key."""
    from ecodesk.analysis.cascade import analyse_cascades
    from ecodesk.analysis.disjointpaths import redundancy
    from ecodesk.analysis.montecarlo import simulate, summarise
    from ecodesk.analysis.reachability import build_schedule, supplied_mask
    from ecodesk.analysis.resilience import CriticalEntity, articulation_points, critical_losses
    from ecodesk.analysis.robustness import analyse_robustness
    from ecodesk.analysis.supplygraph import build_supply_graph

    graph = build_supply_graph(scenario, settings.supply_kinds)
    schedule = build_schedule(graph)
    out: dict[str, Any] = {}
    mc_seq, order_seq = np.random.SeedSequence(settings.seed).spawn(2)
    if "resilience" in stages:
        want = (lambda key: True) if part is None else (lambda key: key == part)
        supplied = supplied_mask(graph, schedule)
        total = graph.total_demand
        numerator = float(graph.demand_weights[supplied[graph.demand_nodes]].sum()) if total > 0 else 0.0
        intact = numerator / total if total > 0 else 0.0
        out["service_level"] = intact
        if want("critical_entities") or want("robustness"):
            loss, rank = critical_losses(graph, numerator, intact)
            ids = graph.ids
            order = sorted(range(graph.n_nodes), key=lambda v: (-rank[v], ids[v]))
            out["critical_entities"] = [CriticalEntity(ids[v], loss[v], loss[v] > 0).to_json() for v in order]
            if want("robustness"):
                out["robustness"] = analyse_robustness(graph, schedule, intact, rank, settings.orders,
                                                       np.random.default_rng(order_seq), lambda done: None).to_json()
        if want("articulation_points"):
            out["articulation_points"] = articulation_points(graph)
        if want("redundancy"):
            out["redundancy"] = redundancy(graph, supplied, lambda i: None)
        out["demand_entities"] = {graph.ids[v]: float(w) for v, w in
                                  zip(graph.demand_nodes.tolist(), graph.demand_weights.tolist())}
        out["origins"] = sorted(graph.id_list(graph.origins))
    if "monte_carlo" in stages:
        services = simulate(graph, schedule, settings.trials, np.random.default_rng(mc_seq), None)
        out["monte_carlo"] = summarise(services, settings.threshold, settings.seed).to_json()
    if "cascade" in stages:
        out["cascade"] = [c.to_json() for c in analyse_cascades(graph, schedule, settings.cascade_threshold)]
    return out


def evaluate_metric(scenario: Scenario, settings: AnalysisSettings, metric: str) -> float:
    """The metric on ``scenario``, computing only the stages it needs."""
    return metric_value(stage_json(scenario, settings, metric_stages(metric), metric), metric)


def checked_base(scenario: Scenario, settings: AnalysisSettings, metric: str) -> float:
    """The metric's value on the model as it is; MetricError (with the nearest valid paths,
    from every stage's structure) when ``metric`` names no number."""
    return base_and_stages(scenario, settings, metric)[0]


def base_and_stages(scenario: Scenario, settings: AnalysisSettings, metric: str) -> tuple[float, dict[str, Any]]:
    """:func:`checked_base` and the stages' output it was read from."""
    from ecodesk.analysis.metrics import _FIXED, MetricError, metric_choices, metric_paths

    metric = metric.strip()
    stages = metric_stages(metric)
    data = stage_json(scenario, settings, stages, metric) if stages else {}
    try:
        return metric_value(data, metric), data
    except MetricError as exc:
        if exc.not_number is not None:
            raise
        known = metric_paths(data) + [p for p in _FIXED if p not in data] + [p for p, _ in
                                                                           metric_choices(scenario, settings)]
        raise MetricError(metric, nearest_paths(metric, list(dict.fromkeys(known)))) from None


# --------------------------------------------------------------------------- inputs and what they reach

def with_value(obj: ModelObject, field: str, value: float) -> ModelObject:
    """``obj`` with one number changed — its ranges dropped (a range says nothing to an
    analysis, and the changed value may lie outside it)."""
    changes: dict[str, Any] = {field: value}
    if "ranges" in obj.__dataclass_fields__:
        changes["ranges"] = {}
    result: ModelObject = obj.evolve(**changes)
    return result


def changed_scenario(scenario: Scenario, changes: Iterable[tuple[str, str, str, float]]) -> Scenario:
    """A copy of ``scenario`` with each (table, id, field, value) set."""
    dup = scenario.copy()
    for table, obj_id, field, value in changes:
        coll = getattr(dup, table)
        coll._items[obj_id] = with_value(coll._items[obj_id], field, value)
    return dup


def reached_stages(table: str, obj: ModelObject, field: str, settings: AnalysisSettings) -> frozenset[str]:
    """Which analysis stages a change of ``obj.field`` can change (a non-zero number changed to
    another non-zero number: the model's structure stays as it is)."""
    key = f"{table}.{field}"
    if key in ("capabilities.fixed_cost", "capabilities.unit_cost", "flows.standalone_cost"):
        return frozenset({"reuse", "cost_sharing"})
    if key in ("capabilities.capacity", "entities.revenue"):
        return frozenset()  # no analysis of ``analyze`` reads them
    if key == "flows.volume" and isinstance(obj, Flow):
        out = {"pools", "kpis"}
        if obj.kind is FlowKind.CAPABILITY:
            out |= {"reuse", "cost_sharing"}
        if obj.kind in settings.supply_kinds:
            out.add("cascade")
        return frozenset(out)
    if key == "flows.unit_value":
        return frozenset({"pools", "kpis"})
    if key == "flows.risk" and isinstance(obj, Flow):
        return frozenset({"monte_carlo"}) if obj.kind in settings.supply_kinds else frozenset()
    if key == "entities.risk":
        return frozenset({"monte_carlo"})
    if key == "entities.demand":
        return frozenset({"resilience", "monte_carlo", "cascade"})
    if table == "needs":
        return frozenset({"reuse"})
    if table == "pools":
        return frozenset({"pools"})
    from ecodesk.analysis.metrics import STAGES

    return frozenset(STAGES)


def bounded(key: str, value: float) -> float:
    """A changed value kept in its field's domain: risks in [0, 1], β in (0, 1]."""
    if key in _UNIT_INTERVAL or key == "pools.scale_exponent":
        return min(1.0, max(0.0, value))
    return value


@dataclass(frozen=True)
class _Input:
    table: str
    obj: ModelObject
    field: str
    value: float

    @property
    def key(self) -> str:
        return f"{self.table}.{self.field}"


def _inputs(scenario: Scenario, fields: Sequence[str]) -> list[_Input]:
    out: list[_Input] = []
    for key in fields:
        table, field = key.split(".", 1)
        for obj in getattr(scenario, table):
            value = getattr(obj, field)
            if value is None or value == 0:
                continue  # a field left unset (e.g. a default standalone cost) or 0 is not an input
            out.append(_Input(table, obj, field, float(value)))
    return out


# --------------------------------------------------------------------------- the additive fast path

#: Metrics the per-capability terms give directly.
_ADDITIVE_MAPS = ("standalone", "shapley", "savings", "proportional", "equal_savings")
_REUSE_LEAVES = ("savings", "shared_cost", "standalone_cost", "amortised_fixed_cost", "reuse_count")


def additive_metric(metric: str) -> bool:
    """Whether ``metric`` is one the per-capability terms of reuse and the cost game give."""
    if metric in ("reuse.total_savings", "reuse.reuse_index", "cost_sharing.total_cost",
                  "cost_sharing.total_standalone", "cost_sharing.total_savings"):
        return True
    if metric.startswith("reuse.capabilities."):
        return metric.rsplit(".", 1)[-1] in _REUSE_LEAVES
    return any(metric.startswith(f"cost_sharing.{m}.") for m in _ADDITIVE_MAPS)


@dataclass
class _Term:
    """One capability's part of reuse and the cost game: its owner, F and u, and per
    consumer (v_ik, A_ik) in order of first flow — exactly as ``capability_usage`` sums them."""

    owner: str
    fixed: float
    unit: float
    usage: dict[str, tuple[float, float]]

    @property
    def savings(self) -> float:
        u = self.unit
        return sum(a - u * v for v, a in self.usage.values())

    @property
    def shared(self) -> float:
        u = self.unit
        return self.fixed + sum(u * v for v, _ in self.usage.values())

    @property
    def standalone(self) -> float:
        return sum(a for _, a in self.usage.values())


def _term(cap: Capability, flows: Iterable[Flow], *, fixed: float | None = None, unit: float | None = None,
          flow: str | None = None, field: str = "", new: float = 0.0) -> _Term:
    """The term of ``cap`` over its capability ``flows``, with F, u or one flow's ``field`` replaced."""
    F = cap.fixed_cost if fixed is None else fixed
    u = cap.unit_cost if unit is None else unit
    owner = cap.owner
    acc: dict[str, list[float]] = {}
    for f in flows:
        if f.target == owner:
            continue
        v, a = f.volume, f.standalone_cost
        if f.id == flow:
            if field == "volume":
                v = new
            else:
                a = new
        slot = acc.setdefault(f.target, [0.0, 0.0])
        slot[0] += v
        slot[1] += (F + u * v) if a is None else a
    return _Term(owner, F, u, {i: (v, a) for i, (v, a) in acc.items()})


class _Additive:
    """Reuse and cost-game metrics after one capability's term changes, from the base analysis."""

    def __init__(self, scenario: Scenario, settings: AnalysisSettings, metric: str, base_json: Mapping[str, Any]):
        self.metric = metric
        self.flows_of: dict[str, list[Flow]] = {c.id: [] for c in scenario.capabilities}
        for f in scenario.flows:
            if f.kind is FlowKind.CAPABILITY and f.capability in self.flows_of:
                self.flows_of[f.capability].append(f)
        self.caps = list(scenario.capabilities)
        self.position = {c.id: n for n, c in enumerate(self.caps)}
        self.terms = [_term(c, self.flows_of[c.id]) for c in self.caps]
        self.savings = [t.savings for t in self.terms]
        self.base = base_json

    def capability_of(self, inp: _Input) -> str | None:
        if isinstance(inp.obj, Capability):
            return inp.obj.id
        if isinstance(inp.obj, Flow) and inp.obj.kind is FlowKind.CAPABILITY and inp.obj.capability in self.position:
            return inp.obj.capability
        return None

    def value(self, inp: _Input, cap_id: str, new: float) -> float:
        k = self.position[cap_id]
        old = self.terms[k]
        cap = self.caps[k]
        if inp.field == "fixed_cost":
            term = _term(cap, self.flows_of[cap_id], fixed=new)
        elif inp.field == "unit_cost":
            term = _term(cap, self.flows_of[cap_id], unit=new)
        else:
            term = _term(cap, self.flows_of[cap_id], flow=inp.obj.id, field=inp.field, new=new)
        m = self.metric
        if m.startswith("reuse."):
            return self._reuse(k, term)
        return self._game(old, term)

    def _reuse(self, k: int, term: _Term) -> float:
        m = self.metric
        if m == "reuse.total_savings":
            values = list(self.savings)
            values[k] = term.savings
            return float(sum(values))
        if m == "reuse.reuse_index":
            return metric_value(self.base, m)  # consumer counts do not depend on numbers
        cap_id = self.caps[k].id
        if not m.startswith(f"reuse.capabilities.{cap_id}."):
            return metric_value(self.base, m)
        leaf = m.rsplit(".", 1)[-1]
        return float({
            "savings": term.savings, "shared_cost": term.shared, "standalone_cost": term.standalone,
            "amortised_fixed_cost": term.fixed / max(1, len(term.usage)), "reuse_count": len(term.usage),
        }[leaf])

    def _game(self, old: _Term, new: _Term) -> float:
        cs = self.base["cost_sharing"]
        d_cost = new.shared - old.shared
        d_alone = (new.fixed + new.standalone) - (old.fixed + old.standalone)
        total_cost = cs["total_cost"] + d_cost
        total_alone = cs["total_standalone"] + d_alone
        m = self.metric
        if m == "cost_sharing.total_cost":
            return float(total_cost)
        if m == "cost_sharing.total_standalone":
            return float(total_alone)
        if m == "cost_sharing.total_savings":
            return float(total_alone - total_cost)
        # per player: standalone and Shapley deltas of the owner and the consumers of this capability
        owner = old.owner
        d_st: dict[str, float] = {owner: new.fixed - old.fixed}
        d_phi: dict[str, float] = dict(d_st)
        u_old, u_new = old.unit, new.unit
        for i, (v, a) in new.usage.items():
            v0, a0 = old.usage[i]
            ds = (a - u_new * v) - (a0 - u_old * v0)  # the pair's savings change
            d_st[i] = d_st.get(i, 0.0) + (a - a0)
            d_phi[i] = d_phi.get(i, 0.0) + (a - a0) - 0.5 * ds
            d_phi[owner] -= 0.5 * ds
        n_players = len(cs["players"])
        name, who = m.split(".")[1], m.split(".", 2)[2]
        if who not in cs["standalone"]:
            return metric_value(self.base, m)  # MetricError: not a player
        standalone = cs["standalone"][who] + d_st.get(who, 0.0)
        if name == "standalone":
            return float(standalone)
        shapley = cs["shapley"][who] + d_phi.get(who, 0.0)
        if name == "shapley":
            return float(shapley)
        if name == "savings":
            return float(standalone - shapley)
        if name == "proportional":
            return float(total_cost * standalone / total_alone if total_alone > 0 else total_cost / n_players)
        return float(standalone - (total_alone - total_cost) / n_players)  # equal_savings


class _ServiceLevel:
    """``resilience.service_level`` after one demand entity's demand changes: the supplied
    entities do not depend on demands, so it is the same two numpy sums over the demand weights
    as the analysis makes, with one weight replaced (bit for bit the analysis's figure)."""

    def __init__(self, scenario: Scenario, settings: AnalysisSettings) -> None:
        from ecodesk.analysis.reachability import build_schedule, supplied_mask
        from ecodesk.analysis.supplygraph import build_supply_graph

        graph = build_supply_graph(scenario, settings.supply_kinds)
        self.applies = graph.demand_rule == "demand"  # weights are the demands themselves
        self.weights = graph.demand_weights.copy()
        self.supplied = supplied_mask(graph, build_schedule(graph))[graph.demand_nodes]
        self.position = {graph.ids[v]: j for j, v in enumerate(graph.demand_nodes.tolist())}

    def value(self, entity: str, new: float) -> float:
        w = self.weights.copy()
        w[self.position[entity]] = new
        total = float(w.sum())
        numerator = float(w[self.supplied].sum()) if total > 0 else 0.0
        return numerator / total if total > 0 else 0.0


# --------------------------------------------------------------------------- the sweep

@dataclass(frozen=True)
class ChangePayload:
    """What every worker gets once: the model, the settings, the metric."""

    token: str
    scenario: Scenario
    settings: AnalysisSettings
    metric: str


def evaluate_change(payload: ChangePayload, task: tuple[str, str, str, float]) -> float:
    """The metric with one number changed (a module-level function: it runs in worker processes)."""
    return evaluate_metric(changed_scenario(payload.scenario, [task]), payload.settings, payload.metric)


def run_tasks(payload: Any, tasks: Sequence[Any], evaluate: Callable[[Any, Any], Any], *, workers: int | None,
              dask: str | None, progress: ProgressFn | None, cancel: CancelFn | None,
              prepare: Callable[[Any], Any] | None = None) -> list[Any]:
    """:func:`ecodesk.analysis.sweep.run_sweep` (imported here: a sweep module that is never
    needed is never loaded)."""
    from ecodesk.analysis.sweep import run_sweep

    return run_sweep(payload, tasks, evaluate, workers=workers, dask=dask, progress=progress, cancel=cancel,
                     prepare=prepare)


def sensitivity(
    scenario: Scenario,
    settings: AnalysisSettings | None,
    metric: str,
    *,
    p: float = 0.2,
    fields: Iterable[str] | str | None = None,
    top: int | None = 20,
    workers: int | None = None,
    dask: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> SensitivityResult:
    """One-at-a-time sensitivity of ``metric`` (SPEC §3.7); rows sorted by swing descending,
    then object id, then field; the first ``top`` (None: all)."""
    settings = settings or AnalysisSettings()
    p = check_p(p)
    keys = check_fields(fields)
    top = check_top(top)
    metric = metric.strip()
    base, base_json = base_and_stages(scenario, settings, metric)
    stages = metric_stages(metric)
    inputs = _inputs(scenario, keys)
    additive = _Additive(scenario, settings, metric, base_json) if additive_metric(metric) else None
    service = _ServiceLevel(scenario, settings) if metric == "resilience.service_level" else None
    if service is not None and not service.applies:
        service = None
    # the metric at each side: the base (unreachable), a per-capability term, or a run
    m_low = [base] * len(inputs)
    m_high = [base] * len(inputs)
    tasks: list[tuple[str, str, str, float]] = []
    where: list[tuple[list[float], int]] = []
    reach_cache: dict[tuple[str, Any], frozenset[str]] = {}
    for n, inp in enumerate(inputs):
        if cancel is not None and n % 256 == 0 and cancel():
            raise AnalysisCancelled("sensitivity cancelled")
        kind = getattr(inp.obj, "kind", None)
        reach = reach_cache.get((inp.key, kind))
        if reach is None:
            reach = reach_cache[inp.key, kind] = reached_stages(inp.table, inp.obj, inp.field, settings) & stages
        if not reach or (additive is not None and inp.table == "needs"):
            continue  # cannot reach the metric (needs only show in reuse.gaps, which no additive metric reads)
        cap_id = additive.capability_of(inp) if additive is not None else None
        for out, new in ((m_low, bounded(inp.key, inp.value * (1 - p))), (m_high, bounded(inp.key, inp.value * (1 + p)))):
            if new == inp.value:
                continue
            if additive is not None and cap_id is not None and reach <= {"reuse", "cost_sharing"}:
                out[n] = additive.value(inp, cap_id, new)
            elif service is not None and inp.key == "entities.demand" and inp.obj.id in service.position:
                out[n] = service.value(inp.obj.id, new)
            else:
                tasks.append((inp.table, inp.obj.id, inp.field, new))
                where.append((out, n))
    if tasks:
        payload = ChangePayload(uuid.uuid4().hex, scenario.copy(), settings, metric)
        for (out, n), value in zip(where, run_tasks(payload, tasks, evaluate_change, workers=workers, dask=dask,
                                                    progress=progress, cancel=cancel), strict=True):
            out[n] = value
    elif progress is not None:
        progress(1.0)

    def order(n: int) -> tuple[float, str, str]:
        swing = abs(m_high[n] - m_low[n])
        return (-swing if math.isfinite(swing) else math.inf, inputs[n].obj.id, inputs[n].key)

    chosen = sorted(range(len(inputs)), key=order) if top is None else heapq.nsmallest(top, range(len(inputs)),
                                                                                        key=order)
    rows = []
    for n in chosen:
        inp = inputs[n]
        rows.append(SensitivityRow(inp.obj.id, inp.table, inp.key, inp.value, bounded(inp.key, inp.value * (1 - p)),
                                   bounded(inp.key, inp.value * (1 + p)), m_low[n], m_high[n],
                                   abs(m_high[n] - m_low[n])))
    return SensitivityResult(metric, base, p, tuple(rows), len(inputs))
