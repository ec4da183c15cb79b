"""Analysis layer: a design becomes a new scenario (SPEC §3.6, "Applying a design").

Closed capabilities are removed with their flows; each assigned demand gets a capability
flow from the chosen capability's owner — an existing flow keeps its id, volume, standalone
cost (a default one written out as the value it had: F + u·v of its former capability, so
the demand's standalone cost does not change with the new provider) and every other field;
a need met this way becomes a new flow (id ``<need id>-flow``, or ``-flow-2`` … when taken);
no flow where the owner is the demand's own entity; standalone demands have no flow; every
other object stays as it was, in its order.

What the applied scenario costs. Let C(S) = Σ F over S's capabilities + Σ u·v over its
capability flows + Σ A over its unmet needs (the ``current_cost`` of SPEC §3.6, which is also
Σ ``shared_cost`` + Σ gap ``standalone_cost`` of the reuse analysis). Then exactly

  C(applied) = objective − Σ_{demands served by their own entity's capability} u·v
               − Σ_{standalone demands} A + Σ_{needs unmet in the applied scenario} A

— a demand without a flow once applied leaves the sum, and a need left without a flow of
its category comes back as an unmet need. With no self-served and no standalone flow
demand (the usual case) C(applied) = objective. The tests check the relation.
"""

from __future__ import annotations

from ecodesk.analysis.optimize_types import DesignInputError, DesignResult
from ecodesk.model import Flow, FlowKind, ModelObject, Scenario


def apply_design(scenario: Scenario, result: DesignResult, name: str) -> Scenario:
    """A new, validated :class:`Scenario` named ``name`` that realises ``result`` on
    ``scenario`` (not added to any project; ``scenario`` is left as it was)."""
    if result.status == "infeasible" or result.objective is None:
        raise DesignInputError("An infeasible design cannot be applied.", "不可行的设计无法应用。")
    caps = scenario.capabilities
    unknown = [k for k in (*result.keep, *result.close) if k not in caps]
    if unknown or len(result.keep) + len(result.close) != len(caps):
        raise DesignInputError(f"The design does not belong to scenario '{scenario.name}'.",
                               f"该设计不属于情景 '{scenario.name}'。")
    closed = set(result.close)
    by_demand = {a.demand: a for a in result.assignments}
    taken = {o.id for c in scenario.collections().values() for o in c}
    flows: list[Flow] = []
    for f in scenario.flows:
        if f.kind is not FlowKind.CAPABILITY or f.capability is None:
            flows.append(f)
            continue
        a = by_demand.get(f.id)
        if a is None:  # not a demand of this design: left alone unless its capability closes
            if f.capability not in closed:
                flows.append(f)
            continue
        if a.capability is None:
            continue
        new_cap = caps[a.capability]
        if new_cap.owner == f.target:
            continue
        if a.capability == f.capability:
            flows.append(f)
            continue
        old = caps[f.capability]
        standalone = old.fixed_cost + old.unit_cost * f.volume if f.standalone_cost is None else f.standalone_cost
        flows.append(f.evolve(source=new_cap.owner, capability=new_cap.id, standalone_cost=standalone))
    for need in scenario.needs:
        a = by_demand.get(need.id)
        if a is None or a.capability is None:
            continue
        owner = caps[a.capability].owner
        if owner == need.entity:
            continue
        fid = _fresh(f"{need.id}-flow", taken)
        flows.append(Flow(id=fid, source=owner, target=need.entity, kind=FlowKind.CAPABILITY, volume=need.volume,
                          capability=a.capability, standalone_cost=need.standalone_cost,
                          notes=f"Added by the design optimiser to meet need '{need.id}'."))
    out = Scenario(name)
    objects: dict[str, list[ModelObject]] = {cname: list(coll) for cname, coll in scenario.collections().items()}
    objects["capabilities"] = [c for c in caps if c.id not in closed]
    objects["flows"] = list(flows)
    out.bulk_load(objects)
    return out


def _fresh(base: str, taken: set[str]) -> str:
    fid, n = base, 1
    while fid in taken:
        n += 1
        fid = f"{base}-{n}"
    taken.add(fid)
    return fid
