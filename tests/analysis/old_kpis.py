"""KEPT COPY of ecodesk/analysis/kpis.py before #19 (linear time), for tests/analysis/test_reuse_kpis_same.py.

Analysis layer: ecosystem indicators (SPEC §3.4) — counts, values, data interop, hubs, overlap.

Readings where the SPEC is silent (also listed in ``notes``):

- Shares count flows (not volumes or values); every share is 0 when its denominator is 0.
- ``data_interop_rate``: over unordered entity pairs joined by at least one non-data flow
  (either direction), the share that also exchange at least one data flow (either direction).
- ``reverse_data_ratio``: over data flows u→v (each flow counted), the share for which some flow
  v→u of a supply kind (project setting) exists.
- ``cross_industry_share``: over all flows, the share whose two entities both have a non-empty
  industry and the industries differ, comparing them trimmed and case-insensitive (like
  capability categories), so "Retail" and " retail" are one industry.
- ``top_hub_share``: the largest number of flows touching one entity over the flow count; the hub
  is the entity with that count, ties to the lowest id; ``None`` without flows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecodesk.model import AnalysisSettings, EntityKind, FlowKind, Scenario


@dataclass(slots=True)
class KpiResult:
    """The indicators of one scenario (``kpis`` in SPEC §5)."""

    entity_count: int = 0
    flow_count: int = 0
    entities_by_kind: dict[str, int] = field(default_factory=dict)
    flows_by_kind: dict[str, int] = field(default_factory=dict)
    flow_value_by_kind: dict[str, float] = field(default_factory=dict)
    data_interop_rate: float = 0.0
    reverse_data_ratio: float = 0.0
    cross_industry_share: float = 0.0
    top_hub_share: float = 0.0
    top_hub: str | None = None
    multi_ecosystem_entities: int = 0
    multi_ecosystem_entity_ids: list[str] = field(default_factory=list)
    ecosystem_count: int = 0
    capability_count: int = 0
    need_count: int = 0
    pool_count: int = 0
    total_flow_value: float = 0.0
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The SPEC §5 JSON form."""
        return {
            "entity_count": self.entity_count,
            "flow_count": self.flow_count,
            "entities_by_kind": dict(self.entities_by_kind),
            "flows_by_kind": dict(self.flows_by_kind),
            "flow_value_by_kind": dict(self.flow_value_by_kind),
            "data_interop_rate": self.data_interop_rate,
            "reverse_data_ratio": self.reverse_data_ratio,
            "cross_industry_share": self.cross_industry_share,
            "top_hub_share": self.top_hub_share,
            "top_hub": self.top_hub,
            "multi_ecosystem_entities": self.multi_ecosystem_entities,
            "multi_ecosystem_entity_ids": list(self.multi_ecosystem_entity_ids),
            "ecosystem_count": self.ecosystem_count,
            "capability_count": self.capability_count,
            "need_count": self.need_count,
            "pool_count": self.pool_count,
            "total_flow_value": self.total_flow_value,
            "notes": list(self.notes),
        }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def analyze_kpis(scenario: Scenario, settings: AnalysisSettings | None = None) -> KpiResult:
    """Compute the SPEC §3.4 indicators of ``scenario`` (supply kinds from ``settings``)."""
    settings = settings or AnalysisSettings()
    supply = set(settings.supply_kinds)
    flows = list(scenario.flows)
    res = KpiResult(
        entity_count=len(scenario.entities),
        flow_count=len(flows),
        ecosystem_count=len(scenario.ecosystems),
        capability_count=len(scenario.capabilities),
        need_count=len(scenario.needs),
        pool_count=len(scenario.pools),
    )
    res.entities_by_kind = {k.value: 0 for k in EntityKind}
    for e in scenario.entities:
        res.entities_by_kind[e.kind.value] += 1
    res.flows_by_kind = {k.value: 0 for k in FlowKind}
    res.flow_value_by_kind = {k.value: 0.0 for k in FlowKind}
    for f in flows:
        res.flows_by_kind[f.kind.value] += 1
        res.flow_value_by_kind[f.kind.value] += f.value
    res.total_flow_value = sum(f.value for f in flows)

    linked: set[frozenset[str]] = set()
    data_pairs: set[frozenset[str]] = set()
    supply_arcs: set[tuple[str, str]] = set()
    for f in flows:
        pair = frozenset((f.source, f.target))
        (data_pairs if f.kind is FlowKind.DATA else linked).add(pair)
        if f.kind in supply:
            supply_arcs.add((f.source, f.target))
    res.data_interop_rate = _share(len(linked & data_pairs), len(linked))
    data_flows = [f for f in flows if f.kind is FlowKind.DATA]
    res.reverse_data_ratio = _share(sum((f.target, f.source) in supply_arcs for f in data_flows), len(data_flows))

    industry = {e.id: e.industry.strip().casefold() for e in scenario.entities}
    cross = sum(
        1 for f in flows if industry[f.source] and industry[f.target] and industry[f.source] != industry[f.target]
    )
    res.cross_industry_share = _share(cross, len(flows))

    touches: dict[str, int] = {}
    for f in flows:
        touches[f.source] = touches.get(f.source, 0) + 1
        touches[f.target] = touches.get(f.target, 0) + 1
    if touches:
        hub = min(touches, key=lambda e: (-touches[e], e))
        res.top_hub, res.top_hub_share = hub, touches[hub] / len(flows)

    multi = sorted(e.id for e in scenario.entities if len(e.ecosystems) >= 2)
    res.multi_ecosystem_entities, res.multi_ecosystem_entity_ids = len(multi), multi

    if not flows:
        res.notes.append("No flows: every share is 0 and there is no hub.")
    elif not linked:
        res.notes.append("No pair of entities is linked by a non-data flow: data_interop_rate is 0.")
    if flows and not data_flows:
        res.notes.append("No data flows: reverse_data_ratio is 0.")
    res.notes += [
        "Shares count flows (not volumes); data_interop_rate counts unordered entity pairs.",
        "Industries are compared trimmed and case-insensitive; an empty industry never counts as cross-industry.",
    ]
    return res
