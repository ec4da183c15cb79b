"""Time-limited designs: the local-search heuristic and the Lagrangian bound against brute force."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.analysis.optimize import DesignOptions, optimize_design
from ecodesk.analysis.optimize_bound import lagrangian_bound, lagrangian_fixing
from ecodesk.analysis.optimize_heuristic import heuristic_design
from ecodesk.analysis.optimize_model import collect_demands
from ecodesk.model import Scenario
from tests.analysis.optimize_cases import brute_force, check_design, close, scenarios

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(scenarios(), st.integers(1, 3), st.one_of(st.none(), st.integers(0, 25).map(float)))
def test_bound_below_and_heuristic_above_the_optimum(s: Scenario, r: int, budget: float | None) -> None:
    caps = sorted(s.capabilities, key=lambda c: c.id)
    demands = collect_demands(s)
    best = brute_force(s, r=r, budget=budget)
    assert best is not None  # keep is empty: every demand may go standalone
    kept, served, cost = heuristic_design(caps, demands, redundancy=r, budget=budget, keep=frozenset(),
                                          exclude=frozenset())
    assert cost >= best - 1e-9
    by_id = {c.id: c for c in caps}
    again = math.fsum([by_id[k].fixed_cost for k in kept] + [
        d.standalone if served[d.id] is None else by_id[served[d.id]].unit_cost * d.volume for d in demands])
    assert math.isclose(again, cost, rel_tol=1e-9, abs_tol=1e-9)
    assert all(k is None or (k in kept and by_id[k].category_key == d.key) for d in demands for k in [served[d.id]])
    assert budget is None or math.fsum(c.fixed_cost for c in caps if c.id in kept) <= budget
    lower = lagrangian_bound(caps, demands, keep=frozenset(), exclude=frozenset(), upper=cost, redundancy=r)
    assert lower <= best + 1e-6 * max(1.0, best)


@SETTINGS
@given(scenarios(), st.integers(1, 2))
def test_time_limited_run_is_a_valid_design_within_its_stated_gap(s: Scenario, r: int) -> None:
    result = optimize_design(s, DesignOptions(redundancy=r, time_limit=5))
    best = brute_force(s, r=r)
    assert result.status in ("optimal", "time_limit")
    assert close(check_design(s, result, r=r), result.objective)
    assert result.objective >= best - 1e-9
    if result.status == "optimal":
        assert close(result.objective, best) and result.gap == 0.0
    else:
        assert result.gap is not None and result.objective * (1 - result.gap) <= best + 1e-6 * max(1.0, best)


@SETTINGS
@given(scenarios(max_caps=5, max_flows=4, max_needs=3), st.integers(1, 2))
def test_what_the_bound_settles_loses_no_least_cost_design(s: Scenario, r: int) -> None:
    """Fixing the capabilities the bound settles (closing ``drop``, keeping ``force``) leaves
    the least cost as it was: the heuristic's design is the incumbent it is measured against."""
    caps = sorted(s.capabilities, key=lambda c: c.id)
    demands = collect_demands(s)
    _kept, _served, cost = heuristic_design(caps, demands, redundancy=r, budget=None, keep=frozenset(),
                                            exclude=frozenset())
    lower, drop, force = lagrangian_fixing(caps, demands, keep=frozenset(), exclude=frozenset(), upper=cost,
                                           redundancy=r)
    best = brute_force(s, r=r)
    assert lower <= best + 1e-6 * max(1.0, best) and not drop & force
    assert close(brute_force(s, r=r, keep=tuple(force), exclude=tuple(drop)), best)


def test_cancel_reaches_the_heuristic_and_the_bound() -> None:
    """A cancel during the local search or the bound stops the run (AnalysisCancelled)."""
    import pytest

    from ecodesk.analysis.errors import AnalysisCancelled
    from ecodesk.model import Capability, Entity, Flow, FlowKind

    s = Scenario("S")
    for i in range(12):
        s.add(Entity(f"e{i}"))
    for i in range(12):
        s.add(Capability(f"k{i}", category="WH", owner=f"e{i}", fixed_cost=10 + i, unit_cost=1 + i % 3, capacity=20))
    for i in range(12):
        s.add(Flow(f"f{i}", f"e{i}", f"e{(i + 1) % 12}", FlowKind.CAPABILITY, volume=5 + i, capability=f"k{i}",
                   standalone_cost=40))
    for after in (1, 3, 6):
        calls = [0]

        def cancel(after: int = after, calls: list[int] = calls) -> bool:
            calls[0] += 1
            return calls[0] > after

        with pytest.raises(AnalysisCancelled):
            optimize_design(s, DesignOptions(time_limit=5), cancel=cancel)
    assert optimize_design(s, DesignOptions(time_limit=5)).objective is not None
