"""The design optimiser (SPEC §3.6) against brute force, its JSON, infeasible reasons and determinism."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.optimize import (
    DesignInputError,
    DesignOptions,
    check_options,
    optimize_design,
)
from ecodesk.model import Capability, Entity, Flow, FlowKind, Need, Scenario
from tests.analysis.optimize_cases import brute_force, check_design, close, current_cost, scenarios, shuffled

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scenarios(), st.integers(1, 3))
def test_equals_brute_force_with_redundancy(s: Scenario, r: int) -> None:
    result = optimize_design(s, DesignOptions(redundancy=r))
    best = brute_force(s, r=r)
    assert result.status == "optimal" and result.gap == 0.0
    assert close(result.objective, best)
    assert close(check_design(s, result, r=r), result.objective)
    cur, ok = current_cost(s)
    assert close(result.current_cost, cur) and result.current_feasible is ok
    assert close(result.savings, cur - best)


@SETTINGS
@given(scenarios(), st.data())
def test_equals_brute_force_with_budget_keep_and_exclude(s: Scenario, data: st.DataObject) -> None:
    ids = s.capabilities.ids()
    keep = tuple(data.draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)))
    exclude = tuple(data.draw(st.lists(st.sampled_from([i for i in ids if i not in keep] or ids), max_size=2,
                                       unique=True).filter(lambda x: not set(x) & set(keep))))
    budget = data.draw(st.one_of(st.none(), st.integers(0, 25).map(float)))
    r = data.draw(st.integers(1, 2))
    result = optimize_design(s, DesignOptions(redundancy=r, budget=budget, keep=keep, exclude=exclude))
    best = brute_force(s, r=r, budget=budget, keep=keep, exclude=exclude)
    if best is None:
        assert result.status == "infeasible" and result.objective is None and result.reason is not None
    else:
        assert result.status == "optimal"
        assert close(result.objective, best)
        assert close(check_design(s, result, r=r, budget=budget, keep=keep, exclude=exclude), best)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(max_caps=5, max_flows=4, max_needs=3), st.integers(1, 2), st.booleans(), st.booleans())
def test_per_category_programmes_equal_brute_force(s: Scenario, r: int, limited: bool, big: bool) -> None:
    """Big scenarios are solved one category at a time (and, under a time limit or for a big
    category, with the heuristic, its bound and the capabilities it settles first): forced
    here on small ones."""
    from unittest.mock import patch

    from ecodesk.analysis import optimize_model

    with patch.object(optimize_model, "SMALL_PAIRS", 0), \
            patch.object(optimize_model, "MAX_PAIRS_UNDER_LIMIT", 0 if big else 20_000):
        result = optimize_design(s, DesignOptions(redundancy=r, time_limit=5 if limited else None))
    best = brute_force(s, r=r)
    assert close(check_design(s, result, r=r), result.objective)
    if result.status == "optimal":
        assert close(result.objective, best) and result.gap == 0.0
    else:
        assert limited and result.status == "time_limit"
        tol = 1e-6 * max(1.0, best)
        assert result.objective * (1 - result.gap) <= best + tol and best <= result.objective + tol


def _warehouses(capacity: float | None = None) -> Scenario:
    """Three members each built a warehouse (各自建仓); two stores need storage."""
    s = Scenario("S")
    for e in ("a", "b", "c", "s1", "s2"):
        s.add(Entity(e))
    for k, owner, fixed in (("wa", "a", 100.0), ("wb", "b", 80.0), ("wc", "c", 120.0)):
        s.add(Capability(k, category="Warehouse", owner=owner, fixed_cost=fixed, unit_cost=1.0, capacity=capacity))
    s.add(Flow("fa", "a", "s1", FlowKind.CAPABILITY, volume=30, capability="wa", standalone_cost=150))
    s.add(Flow("fc", "c", "s2", FlowKind.CAPABILITY, volume=20, capability="wc", standalone_cost=140))
    s.add(Need("n1", "b", " warehouse", volume=10, standalone_cost=60))
    return s


def test_binding_capacity_and_budget_that_excludes_the_optimum() -> None:
    s = _warehouses()
    free = optimize_design(s)
    # cheapest: keep wb (80) and serve all three demands: 80 + 30 + 20 + 10 = 140
    assert free.keep == ("wb",) and free.close == ("wa", "wc") and free.objective == 140.0
    assert free.current_cost == 100 + 80 + 120 + 30 + 20 + 60 and free.savings == 410 - 140
    assert {a.demand: a.capability for a in free.assignments} == {"fa": "wb", "fc": "wb", "n1": "wb"}
    tight = optimize_design(_warehouses(capacity=40))
    assert tight.objective == brute_force(_warehouses(capacity=40)) == 80 + 100 + 30 + 20 + 10
    assert tight.keep == ("wa", "wb")
    cheap = optimize_design(s, DesignOptions(budget=79))  # no warehouse affordable: everything standalone
    assert cheap.keep == () and cheap.objective == 150 + 140 + 60
    excl = optimize_design(s, DesignOptions(exclude=("wb",)))
    assert excl.keep == ("wa",) and excl.objective == 100 + 60
    two = optimize_design(s, DesignOptions(redundancy=2))
    assert two.keep == ("wa", "wb") and two.objective == 180 + 60 == brute_force(s, r=2)


def test_to_json_keys_and_values_exactly() -> None:
    out = optimize_design(_warehouses()).to_json()
    assert list(out) == ["status", "objective", "gap", "current_cost", "current_feasible", "savings", "keep",
                         "close", "assignments", "notes"]
    assert out["status"] == "optimal" and out["gap"] == 0.0 and out["current_feasible"] is True
    assert out["assignments"][0] == {"demand": "fa", "entity": "s1", "category": "Warehouse", "volume": 30.0,
                                     "capability": "wb", "cost": 30.0}
    assert out["assignments"][2] == {"demand": "n1", "entity": "b", "category": " warehouse", "volume": 10.0,
                                     "capability": "wb", "cost": 10.0}
    json.dumps(out)


def test_infeasible_reasons_name_the_constraint() -> None:
    s = _warehouses()
    both = optimize_design(s, DesignOptions(keep=("wa", "wb"), exclude=("wb",)))
    assert both.status == "infeasible" and both.reason is not None
    assert both.reason[0] == "Capability 'wb' is both to keep and to exclude."
    assert both.reason[1] == "能力 'wb' 既要保留又要排除。"
    out = both.to_json()
    assert (out["objective"], out["savings"], out["gap"], out["keep"], out["close"], out["assignments"]) == (
        None, None, None, [], [], [])
    assert out["current_cost"] == 410.0 and out["current_feasible"] is True
    assert both.reason[0] in out["notes"]
    poor = optimize_design(s, DesignOptions(keep=("wa", "wc"), budget=150))
    assert poor.status == "infeasible"
    assert poor.reason == ("The budget 150 is below the fixed costs of the capabilities to keep (220).",
                           "预算 150 低于必须保留的能力的固定成本（220）。")


def test_current_design_over_capacity_is_reported() -> None:
    s = _warehouses(capacity=25)
    r = optimize_design(s)
    assert r.current_feasible is False
    assert "The current design exceeds the capacity of capability 'wa' (30 of 25)." in r.notes


@pytest.mark.parametrize(("options", "sentence"), [
    (DesignOptions(keep=("nope",)), "The capability 'nope' to keep does not exist in scenario 'S'."),
    (DesignOptions(exclude=("x",)), "The capability 'x' to exclude does not exist in scenario 'S'."),
    (DesignOptions(budget=-1.0), "The budget must not be negative (got -1)."),
    (DesignOptions(redundancy=0), "The redundancy must be a whole number of at least 1 (got 0)."),
    (DesignOptions(time_limit=0), "The time limit must be a positive number of seconds (got 0)."),
])
def test_bad_options_one_sentence(options: DesignOptions, sentence: str) -> None:
    with pytest.raises(DesignInputError) as info:
        check_options(_warehouses(), options)
    assert info.value.sentence("en") == sentence
    assert info.value.sentence("zh") and info.value.sentence("zh") != sentence
    with pytest.raises(DesignInputError):
        optimize_design(_warehouses(), options)


def test_ties_are_settled_deterministically() -> None:
    """Two identical warehouses: the one already serving stays; all else equal, the lower id."""
    s = Scenario("S")
    for e in ("a", "b", "s1", "s2"):
        s.add(Entity(e))
    s.add(Capability("w2", category="WH", owner="a", fixed_cost=10, unit_cost=1))
    s.add(Capability("w1", category="WH", owner="b", fixed_cost=10, unit_cost=1))
    s.add(Capability("free", category="WH", owner="b", fixed_cost=0, unit_cost=5))
    s.add(Flow("f1", "a", "s1", FlowKind.CAPABILITY, volume=5, capability="w2", standalone_cost=100))
    s.add(Need("n1", "s2", "WH", volume=5, standalone_cost=100))
    r = optimize_design(s)
    assert r.objective == 10 + 5 + 5
    # "free" (F = 0) serves nobody, so it is closed; f1 keeps w2 and n1 follows the kept one
    assert r.keep == ("w2",) and r.close == ("free", "w1")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.integers(0, 1000), st.integers(1, 2))
def test_same_json_twice_and_in_any_object_order(s: Scenario, seed: int, r: int) -> None:
    first = optimize_design(s, DesignOptions(redundancy=r)).to_json()
    assert optimize_design(s, DesignOptions(redundancy=r)).to_json() == first
    assert optimize_design(shuffled(s, seed), DesignOptions(redundancy=r)).to_json() == first


def test_progress_and_cancel() -> None:
    seen: list[float] = []
    optimize_design(_warehouses(), progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(AnalysisCancelled):
        optimize_design(_warehouses(), cancel=lambda: True)


def test_time_limit_reports_a_design_and_gap() -> None:
    """A tiny time limit on a problem HiGHS cannot finish in it still gives a valid design."""
    from tests.analysis.optimize_cases import check_design as valid

    s = Scenario("S")
    for i in range(40):
        s.add(Entity(f"e{i}"))
    for i in range(40):
        s.add(Capability(f"k{i}", category=f"c{i % 3}", owner=f"e{i}", fixed_cost=50 + (i * 37) % 41,
                         unit_cost=1 + (i * 7) % 5, capacity=30 + (i * 11) % 23))
    n = 0
    for i in range(40):
        for j in range(0, 40, 3):
            if i != j:
                k = f"k{(i + j) % 40}"
                owner = s.capabilities[k].owner
                if owner != f"e{i}":
                    s.add(Flow(f"f{n}", owner, f"e{i}", FlowKind.CAPABILITY, volume=1 + (i * j) % 9, capability=k,
                               standalone_cost=20 + (i + 3 * j) % 30))
                    n += 1
    r = optimize_design(s, DesignOptions(time_limit=0.01, redundancy=2))
    assert r.status in ("time_limit", "optimal")
    if r.status == "time_limit":
        assert r.gap is None or r.gap >= 0
        assert any(note.startswith("Not proven optimal within the time limit of 0.01 s") for note in r.notes)
    assert close(valid(s, r, r=2), r.objective)
