"""Applying a design (SPEC §3.6): the new scenario, and its cost against the reported objective."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.analysis.optimize import (
    DesignInputError,
    DesignOptions,
    apply_design,
    optimize_design,
    tradeoff,
)
from ecodesk.analysis.resilience import analyze_resilience
from ecodesk.analysis.reuse import analyze_reuse
from ecodesk.model import AnalysisSettings, Capability, Ecosystem, Entity, Flow, FlowKind, Need, Pool, Scenario
from tests.analysis.optimize_cases import current_cost, scenarios


def _applied_cost_by_reuse(s: Scenario) -> float:
    """C(S) from the reuse analysis: Σ shared_cost (F + Σ u·v) + Σ standalone cost of the gaps."""
    reuse = analyze_reuse(s)
    return math.fsum([c.shared_cost for c in reuse.capabilities] + [g.standalone_cost for g in reuse.gaps])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_caps=5, max_flows=4, max_needs=3), st.integers(1, 2))
def test_applied_scenario_validates_and_its_cost_matches_the_objective(s: Scenario, r: int) -> None:
    """C(applied) = objective − Σ_{self-served} u·v − Σ_{standalone demands} A + Σ_{needs unmet in applied} A,
    with C from the applied scenario's reuse analysis (and equal to its current_cost)."""
    result = optimize_design(s, DesignOptions(redundancy=r))
    applied = apply_design(s, result, "Optimised")
    assert applied.name == "Optimised" and s.name == "S"
    caps = {c.id: c for c in s.capabilities}
    self_served = math.fsum(a.cost for a in result.assignments
                            if a.capability is not None and caps[a.capability].owner == a.entity)
    standalone = math.fsum(a.cost for a in result.assignments if a.capability is None)
    unmet = math.fsum(g.standalone_cost for g in analyze_reuse(applied).gaps)
    c_applied = _applied_cost_by_reuse(applied)
    assert math.isclose(c_applied, current_cost(applied)[0], rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(c_applied, result.objective - self_served - standalone + unmet, rel_tol=1e-9, abs_tol=1e-9)
    # the applied scenario keeps B, and its own best design costs no more than applying did
    assert sorted(applied.capabilities.ids()) == list(result.keep)
    again = optimize_design(applied, DesignOptions(redundancy=r))
    assert again.objective <= again.current_cost + 1e-9
    # every object other than capabilities and capability flows is as it was, in order
    for name in ("ecosystems", "entities", "needs", "pools"):
        assert list(getattr(applied, name)) == list(getattr(s, name))


def _case() -> Scenario:
    s = Scenario("Base")
    s.add(Ecosystem("eco", "Eco"))
    for e in ("a", "b", "c", "s1", "s2", "s3"):
        s.add(Entity(e, ecosystems=("eco",)))
    s.add(Capability("wa", category="WH", owner="a", fixed_cost=100, unit_cost=1))
    s.add(Capability("wb", category="WH", owner="b", fixed_cost=80, unit_cost=1))
    s.add(Capability("pay", category="Pay", owner="c", fixed_cost=500, unit_cost=1))
    s.add(Flow("fa", "a", "s1", FlowKind.CAPABILITY, volume=30, unit_value=2, risk=0.1, notes="kept fields",
               capability="wa"))  # default A = 100 + 30 = 130
    s.add(Flow("fb", "b", "s2", FlowKind.CAPABILITY, volume=20, capability="wb", standalone_cost=140))
    s.add(Flow("fpay", "c", "s1", FlowKind.CAPABILITY, volume=5, capability="pay", standalone_cost=50))
    s.add(Flow("goods", "a", "s1", FlowKind.GOODS, volume=7))
    s.add(Need("n3", "s3", "wh", volume=10, standalone_cost=60))
    s.add(Need("na", "a", "WH", volume=10, standalone_cost=60))
    s.add(Pool("pool", members=("a", "b")))
    return s


def test_apply_repoints_flows_adds_need_flows_and_drops_the_rest() -> None:
    s = _case()
    result = optimize_design(s)
    assert result.keep == ("wb",) and result.close == ("pay", "wa")
    served = {a.demand: a.capability for a in result.assignments}
    assert served == {"fa": "wb", "fb": "wb", "fpay": None, "n3": "wb", "na": "wb"}
    applied = apply_design(s, result, "Optimised")
    flows = {f.id: f for f in applied.flows}
    assert sorted(flows) == ["fa", "fb", "goods", "n3-flow", "na-flow"]
    fa = flows["fa"]  # re-pointed: id, volume and other fields kept, the default A written out
    assert (fa.source, fa.target, fa.capability, fa.volume, fa.standalone_cost) == ("b", "s1", "wb", 30, 130)
    assert (fa.unit_value, fa.risk, fa.notes) == (2, 0.1, "kept fields")
    assert flows["fb"] == s.flows["fb"] and flows["goods"] == s.flows["goods"]
    n3 = flows["n3-flow"]
    assert (n3.source, n3.target, n3.kind, n3.capability, n3.volume, n3.standalone_cost) == (
        "b", "s3", FlowKind.CAPABILITY, "wb", 10, 60)
    assert applied.capabilities.ids() == ["wb"] and list(applied.needs) == list(s.needs)
    assert list(applied.pools) == list(s.pools) and list(applied.entities) == list(s.entities)
    assert _applied_cost_by_reuse(applied) == result.objective - 50  # fpay standalone (A = 50) has no flow


def test_no_flow_where_the_owner_is_the_demand_entity() -> None:
    s = Scenario("Base")
    for e in ("a", "b", "s1"):
        s.add(Entity(e))
    s.add(Capability("wa", category="WH", owner="a", fixed_cost=10, unit_cost=1))
    s.add(Capability("wb", category="WH", owner="b", fixed_cost=50, unit_cost=1))
    s.add(Flow("f", "b", "a", FlowKind.CAPABILITY, volume=5, capability="wb", standalone_cost=100))
    s.add(Flow("g", "b", "s1", FlowKind.CAPABILITY, volume=5, capability="wb", standalone_cost=100))
    result = optimize_design(s)
    assert result.keep == ("wa",) and {a.demand: a.capability for a in result.assignments} == {"f": "wa", "g": "wa"}
    applied = apply_design(s, result, "New")
    assert [(f.id, f.source, f.target) for f in applied.flows] == [("g", "a", "s1")]
    assert _applied_cost_by_reuse(applied) == result.objective - 5


def test_apply_refuses_an_infeasible_result_and_a_foreign_one() -> None:
    s = _case()
    bad = optimize_design(s, DesignOptions(keep=("wa",), exclude=("wa",)))
    with pytest.raises(DesignInputError, match="infeasible design cannot be applied"):
        apply_design(s, bad, "X")
    other = Scenario("Other")
    other.add(Entity("z"))
    with pytest.raises(DesignInputError, match="does not belong to scenario 'Other'"):
        apply_design(other, optimize_design(s), "X")


def test_new_flow_ids_avoid_taken_ones() -> None:
    s = _case()
    s.add(Flow("n3-flow", "a", "s3", FlowKind.GOODS, volume=1))
    applied = apply_design(s, optimize_design(s), "X")
    assert "n3-flow-2" in applied.flows and applied.flows["n3-flow"].kind is FlowKind.GOODS


def test_tradeoff_rows_equal_the_applied_designs_analysis() -> None:
    s = _case()
    st_ = AnalysisSettings(trials=500, orders=5, seed=3)
    rows = tradeoff(s, DesignOptions(), (1, 2, 3), st_)
    assert [r.redundancy for r in rows] == [1, 2, 3]
    for row in rows:
        result = optimize_design(s, DesignOptions(redundancy=row.redundancy))
        assert (row.status, row.objective) == (result.status, result.objective)
        res = analyze_resilience(apply_design(s, result, "x"), st_)
        assert row.expected_service == res.monte_carlo.expected_service
        assert row.targeted_r_index == res.robustness.targeted.r_index
    assert rows[0].objective <= rows[1].objective <= rows[2].objective
    assert rows[1].to_json() == {"redundancy": 2, "status": rows[1].status, "objective": rows[1].objective,
                                 "expected_service": rows[1].expected_service,
                                 "targeted_r_index": rows[1].targeted_r_index}
    infeasible = tradeoff(s, DesignOptions(keep=("wa",), exclude=("wa",)), (1,), st_)
    assert infeasible[0].status == "infeasible" and infeasible[0].objective is None
    assert infeasible[0].expected_service is None and infeasible[0].targeted_r_index is None
