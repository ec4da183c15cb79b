"""Analysis layer: capability reuse (能力复用, SPEC §3.1) — who reuses what, savings, redundancy, gaps.

Pure function of a scenario; no numpy needed. Readings of the SPEC where it is silent:

- A flow's standalone cost defaults to ``F + u·v`` of *that* flow, so two flows of one
  capability to one consumer give ``A_ik = 2F + u·v_ik`` (the SPEC's default is per flow).
- Consumers are listed by id; ``ecosystems`` is the sorted union of the consumers' ecosystems.
- Redundancy groups are the connected components, within one category (trimmed,
  case-insensitive), of "the owners share an ecosystem" (two capabilities of one owner that
  belongs to an ecosystem are linked); a group counts when it spans two or more different
  owners. When the scenario defines no ecosystem at all, every capability of the category is in
  one group. Capabilities with an empty category are never grouped (no category to compare).
- A need is met only by a *received* capability flow of its category (owning such a capability
  does not meet it, per the SPEC's wording); its own entity may then appear among candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ecodesk.model import Capability, Flow, FlowKind, Scenario


@dataclass(frozen=True, slots=True)
class CapabilityReuse:
    """Reuse figures of one capability (one row of ``reuse.capabilities[]``)."""

    id: str
    name: str
    category: str
    owner: str
    reuse_count: int
    consumers: list[str]
    ecosystems: list[str]
    amortised_fixed_cost: float
    shared_cost: float
    standalone_cost: float
    savings: float


@dataclass(frozen=True, slots=True)
class Redundancy:
    """Capabilities of one category built by several owners that share an ecosystem."""

    category: str
    capabilities: list[str]
    owners: list[str]
    keep: str
    redundant: list[str]
    potential_savings: float
    ecosystems: list[str]


@dataclass(frozen=True, slots=True)
class Gap:
    """An unmet need and the owners who could meet it, best first."""

    need: str
    entity: str
    category: str
    volume: float
    standalone_cost: float
    candidates: list[str]


@dataclass(slots=True)
class ReuseResult:
    """The capability-reuse analysis of one scenario (``reuse`` in SPEC §5)."""

    capabilities: list[CapabilityReuse] = field(default_factory=list)
    total_savings: float = 0.0
    reuse_index: float = 0.0
    redundancies: list[Redundancy] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The SPEC §5 JSON form."""
        return {
            "capabilities": [_plain(c) for c in self.capabilities],
            "total_savings": self.total_savings,
            "reuse_index": self.reuse_index,
            "redundancies": [_plain(r) for r in self.redundancies],
            "gaps": [_plain(g) for g in self.gaps],
            "notes": list(self.notes),
        }


def _plain(row: CapabilityReuse | Redundancy | Gap) -> dict[str, Any]:
    """``dataclasses.asdict(row)`` for these rows (fields hold text, numbers and lists of ids),
    the lists copied — without asdict's one deep-copy call per list element, which cost
    seconds on the ~1.8 million gap candidates of a 100,000-entity platform."""
    return {name: (list(v) if isinstance(v := getattr(row, name), list) else v) for name in _FIELDS[type(row)]}


_FIELDS: dict[type, tuple[str, ...]] = {
    cls: tuple(f.name for f in fields(cls)) for cls in (CapabilityReuse, Redundancy, Gap)
}


@dataclass(slots=True)
class _Usage:
    """Per-consumer totals of one capability: v_ik and A_ik."""

    volume: float = 0.0
    standalone: float = 0.0


def _capability_flows(scenario: Scenario) -> list[Flow]:
    """The capability flows of ``scenario``, in scenario order."""
    return [f for f in scenario.flows if f.kind is FlowKind.CAPABILITY]


def capability_usage(
    scenario: Scenario, flows: list[Flow] | None = None
) -> dict[str, dict[str, tuple[float, float]]]:
    """capability id → {consumer id → (v_ik, A_ik)}, consumers in order of first flow.

    Shared with the cost game so both read flows identically (owner excluded, A defaulting
    per flow to F + u·v of that flow).
    """
    usage: dict[str, dict[str, _Usage]] = {c.id: {} for c in scenario.capabilities}
    for f in _capability_flows(scenario) if flows is None else flows:
        if f.capability is None:
            continue
        cap = scenario.capabilities.get(f.capability)
        if cap is None or f.target == cap.owner:
            continue
        u = usage[cap.id].setdefault(f.target, _Usage())
        u.volume += f.volume
        u.standalone += (cap.fixed_cost + cap.unit_cost * f.volume) if f.standalone_cost is None else f.standalone_cost
    return {k: {i: (u.volume, u.standalone) for i, u in per.items()} for k, per in usage.items()}


def analyze_reuse(scenario: Scenario) -> ReuseResult:
    """Per-capability reuse, savings against standalone provision, redundancies and gaps."""
    result = ReuseResult()
    cap_flows = _capability_flows(scenario)  # read once for the usage and the gaps
    usage = capability_usage(scenario, cap_flows)
    ecos_of = {e.id: set(e.ecosystems) for e in scenario.entities}
    for cap in scenario.capabilities:
        per = usage[cap.id]
        consumers = sorted(per)
        F, u = cap.fixed_cost, cap.unit_cost
        variable = sum(u * v for v, _ in per.values())
        standalone = sum(a for _, a in per.values())
        savings = sum(a - u * v for v, a in per.values())
        ecos: set[str] = set()
        for i in consumers:
            ecos |= ecos_of.get(i, set())
        result.capabilities.append(
            CapabilityReuse(
                id=cap.id,
                name=cap.name,
                category=cap.category,
                owner=cap.owner,
                reuse_count=len(consumers),
                consumers=consumers,
                ecosystems=sorted(ecos),
                amortised_fixed_cost=F / max(1, len(consumers)),
                shared_cost=F + variable,
                standalone_cost=standalone,
                savings=savings,
            )
        )
    result.total_savings = sum(c.savings for c in result.capabilities)
    if result.capabilities:
        result.reuse_index = sum(c.reuse_count for c in result.capabilities) / len(result.capabilities)
    else:
        result.notes.append("No capabilities: reuse_index and total_savings are 0.")
    counts = {c.id: c.reuse_count for c in result.capabilities}
    result.redundancies = _redundancies(scenario, counts, ecos_of)
    result.gaps = _gaps(scenario, counts, ecos_of, cap_flows)
    if not len(scenario.ecosystems):
        result.notes.append(
            "The scenario defines no ecosystem: redundancy is looked for across the whole scenario, "
            "and no gap candidate is ranked first for sharing an ecosystem."
        )
    if any(not c.category.strip() for c in scenario.capabilities):
        result.notes.append("Capabilities without a category are never counted as redundant.")
    result.notes += [
        "A capability flow without a standalone cost counts F + u·v of that flow, so each of several flows of "
        "one capability to one consumer counts F.",
        "Redundancy: capabilities of one category (trimmed, case-insensitive) are grouped when their owners share "
        "an ecosystem, directly or through other owners of the group; the one kept has the most consumers, then "
        "the lower fixed cost, then the lower id.",
        "A need is met only by a capability flow of its category that the entity receives; owning such a "
        "capability does not meet it.",
    ]
    return result


def _redundancies(scenario: Scenario, counts: dict[str, int], ecos_of: dict[str, set[str]]) -> list[Redundancy]:
    """Groups of same-category capabilities whose owners share an ecosystem (SPEC §3.1)."""
    anywhere = len(scenario.ecosystems) == 0
    by_cat: dict[str, list[Capability]] = {}
    for cap in scenario.capabilities:
        key = cap.category_key
        if key:
            by_cat.setdefault(key, []).append(cap)
    out: list[tuple[tuple[str, str], Redundancy]] = []
    for key, caps in by_cat.items():
        for group in _components(caps, ecos_of, anywhere):
            owners = sorted({c.owner for c in group})
            if len(owners) < 2:
                continue
            keep = min(group, key=lambda c: (-counts[c.id], c.fixed_cost, c.id))
            others = [c for c in group if c is not keep]
            if anywhere:
                shared: list[str] = []
            else:  # ecosystems holding at least two of the group's different owners
                seen: dict[str, int] = {}
                for o in owners:
                    for e in ecos_of.get(o, set()):
                        seen[e] = seen.get(e, 0) + 1
                shared = sorted(e for e, n in seen.items() if n >= 2)
            out.append(
                (
                    (key, min(c.id for c in group)),
                    Redundancy(
                        category=keep.category.strip(),
                        capabilities=sorted(c.id for c in group),
                        owners=owners,
                        keep=keep.id,
                        redundant=sorted(c.id for c in others),
                        potential_savings=sum(c.fixed_cost for c in others),
                        ecosystems=shared,
                    ),
                )
            )
    out.sort(key=lambda t: t[0])
    return [r for _, r in out]


def _components(caps: list[Capability], ecos_of: dict[str, set[str]], anywhere: bool) -> list[list[Capability]]:
    """Connected components of "owners share an ecosystem" (all in one when ``anywhere``).

    Linear in capabilities × their owner's ecosystems: each capability is joined to the first
    capability whose owner is in the same ecosystem (the same components as testing every
    pair of owners for a shared ecosystem); a group lists its capabilities in ``caps`` order,
    groups in order of their first capability."""
    if anywhere:
        return [caps]
    parent = list(range(len(caps)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, int] = {}  # ecosystem → the first capability whose owner belongs to it
    for n, cap in enumerate(caps):
        for eco in ecos_of.get(cap.owner, ()):
            m = first.setdefault(eco, n)
            if m != n:
                parent[find(n)] = find(m)
    groups: dict[int, list[Capability]] = {}
    for n, cap in enumerate(caps):
        groups.setdefault(find(n), []).append(cap)
    return list(groups.values())


def _gaps(scenario: Scenario, counts: dict[str, int], ecos_of: dict[str, set[str]], cap_flows: list[Flow]) -> list[Gap]:
    """Unmet needs, each with candidate owners ranked per SPEC §3.1: owners sharing an ecosystem
    with the need's entity first, then by highest reuse count, then by id.

    The owners of each category are sorted once by (reuse count, id); a need's ranking is that
    list split, order kept, into the owners sharing an ecosystem with its entity and the rest,
    and is reused for every need of the same category and the same set of ecosystems — so the
    cost is that of writing the candidate lists, not of sorting them per need."""
    received: dict[str, set[str]] = {}
    for f in cap_flows:
        cap = scenario.capabilities.get(f.capability)
        if cap is not None:
            received.setdefault(f.target, set()).add(cap.category_key)
    best: dict[str, dict[str, int]] = {}  # category key → owner → highest reuse_count
    for cap in scenario.capabilities:
        per = best.setdefault(cap.category_key, {})
        per[cap.owner] = max(per.get(cap.owner, 0), counts[cap.id])
    by_count = {key: [o for _, o in sorted((-n, o) for o, n in owners.items())] for key, owners in best.items()}
    ranked_for: dict[tuple[str, frozenset[str]], list[str]] = {}
    gaps: list[Gap] = []
    for need in scenario.needs:
        key = need.category_key
        if key in received.get(need.entity, set()):
            continue
        mine = frozenset(ecos_of.get(need.entity, ()))
        ranked = ranked_for.get((key, mine))
        if ranked is None:
            ordered = by_count.get(key, [])
            if mine:
                near = [o for o in ordered if not mine.isdisjoint(ecos_of.get(o, ()))]
                if near:
                    shared = set(near)
                    ordered = near + [o for o in ordered if o not in shared]
            ranked = ranked_for[(key, mine)] = ordered
        gaps.append(
            Gap(
                need=need.id,
                entity=need.entity,
                category=need.category,
                volume=need.volume,
                standalone_cost=need.standalone_cost,
                candidates=list(ranked),
            )
        )
    return gaps
