"""Analysis layer: ecosystem indicators (SPEC §3.4) — counts, values, data interop, hubs, overlap.

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

from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

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


def _distinct(keys: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The distinct keys, sorted (``np.unique``, whose hash table was ten times slower than a
    sort on half a million keys)."""
    keys = np.sort(keys)
    if keys.size > 1:
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    return keys


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def analyze_kpis(scenario: Scenario, settings: AnalysisSettings | None = None) -> KpiResult:
    """Compute the SPEC §3.4 indicators of ``scenario`` (supply kinds from ``settings``).

    One pass reads the flow table into integer arrays (entity and kind codes) and values;
    everything else is counting over those arrays (``bincount``, ``unique``), so the cost is
    linear in entities + flows. Sums per kind add the values in flow order, as a loop would
    (``bincount`` accumulates sequentially), so every figure is the same to the last bit."""
    settings = settings or AnalysisSettings()
    supply = set(settings.supply_kinds)
    flows = list(scenario.flows)
    entities = list(scenario.entities)
    nf = len(flows)
    res = KpiResult(
        entity_count=len(entities),
        flow_count=nf,
        ecosystem_count=len(scenario.ecosystems),
        capability_count=len(scenario.capabilities),
        need_count=len(scenario.needs),
        pool_count=len(scenario.pools),
    )
    by_kind = Counter(map(attrgetter("kind"), entities))
    res.entities_by_kind = {k.value: by_kind.get(k, 0) for k in EntityKind}

    kinds = list(FlowKind)
    code = {k: n for n, k in enumerate(kinds)}
    ids = [e.id for e in entities]
    index = {i: n for n, i in enumerate(ids)}
    kind = np.fromiter(map(code.__getitem__, map(attrgetter("kind"), flows)), dtype=np.intp, count=nf)
    src = np.fromiter(map(index.__getitem__, map(attrgetter("source"), flows)), dtype=np.int64, count=nf)
    dst = np.fromiter(map(index.__getitem__, map(attrgetter("target"), flows)), dtype=np.int64, count=nf)
    volume = np.fromiter(map(attrgetter("volume"), flows), dtype=np.float64, count=nf)
    unit_value = np.fromiter(map(attrgetter("unit_value"), flows), dtype=np.float64, count=nf)
    value = volume * unit_value  # Flow.value, the same product
    counts = np.bincount(kind, minlength=len(kinds))
    sums = np.bincount(kind, weights=value, minlength=len(kinds))
    res.flows_by_kind = {k.value: int(counts[n]) for n, k in enumerate(kinds)}
    res.flow_value_by_kind = {k.value: float(sums[n]) if counts[n] else 0.0 for n, k in enumerate(kinds)}
    res.total_flow_value = sum(value.tolist())

    n = max(1, len(ids))
    is_data = kind == code[FlowKind.DATA]
    pair = np.minimum(src, dst) * n + np.maximum(src, dst)  # the unordered pair {source, target}
    linked = _distinct(pair[~is_data])
    data_pairs = _distinct(pair[is_data])
    both = np.intersect1d(linked, data_pairs, assume_unique=True)
    res.data_interop_rate = _share(int(both.size), int(linked.size))
    is_supply = np.isin(kind, [c for k, c in code.items() if k in supply])
    supply_arcs = _distinct(src[is_supply] * n + dst[is_supply])
    n_data = int(np.count_nonzero(is_data))
    reverse = np.isin(dst[is_data] * n + src[is_data], supply_arcs)
    res.reverse_data_ratio = _share(int(np.count_nonzero(reverse)), n_data)

    industry_code: dict[str, int] = {"": -1}
    industry = np.fromiter(
        (industry_code.setdefault(e.industry.strip().casefold(), len(industry_code)) for e in entities),
        dtype=np.int64,
        count=len(entities),
    )
    a, b = industry[src], industry[dst]
    cross = int(np.count_nonzero((a >= 0) & (b >= 0) & (a != b)))
    res.cross_industry_share = _share(cross, nf)

    if nf:
        touches = np.bincount(src, minlength=len(ids)) + np.bincount(dst, minlength=len(ids))
        top = int(touches.max())
        hub = min(ids[v] for v in np.flatnonzero(touches == top).tolist())
        res.top_hub, res.top_hub_share = hub, top / nf

    multi = sorted(e.id for e in entities if len(e.ecosystems) >= 2)
    res.multi_ecosystem_entities, res.multi_ecosystem_entity_ids = len(multi), multi

    if not flows:
        res.notes.append("No flows: every share is 0 and there is no hub.")
    elif not linked.size:
        res.notes.append("No pair of entities is linked by a non-data flow: data_interop_rate is 0.")
    if flows and not n_data:
        res.notes.append("No data flows: reverse_data_ratio is 0.")
    res.notes += [
        "Shares count flows (not volumes); data_interop_rate counts unordered entity pairs.",
        "Industries are compared trimmed and case-insensitive; an empty industry never counts as cross-industry.",
    ]
    return res
