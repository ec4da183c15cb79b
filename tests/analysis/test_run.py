"""analyze_scenario: every SPEC §5 key on any valid scenario, zeros and notes for empty
ones, deterministic for a seed, progress and cancel."""

from __future__ import annotations

import json

import pytest

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.run import analyze_scenario
from ecodesk.model import AnalysisSettings, Entity, Flow, Scenario

FAST = AnalysisSettings(trials=300, orders=5, seed=11)


def _dump(result) -> str:
    return json.dumps(result, allow_nan=False, ensure_ascii=False)


@pytest.mark.parametrize("build", [
    lambda: Scenario("empty"),
    lambda: _only_entities(),
    lambda: _no_demand(),
])
def test_degenerate_scenarios_give_zeros_and_notes(build):
    result = analyze_scenario(build(), FAST)
    _dump(result)
    assert result["reuse"]["total_savings"] == 0 and result["reuse"]["reuse_index"] == 0
    assert result["cost_sharing"]["total_cost"] == 0 and result["cost_sharing"]["players"] == []
    assert result["cost_sharing"]["in_core"] is True
    notes = [n for sec in ("reuse", "cost_sharing", "resilience", "kpis") for n in result[sec].get("notes", [])]
    assert notes


def _only_entities() -> Scenario:
    s = Scenario("solo")
    s.add(Entity("a", kind="supplier"))
    s.add(Entity("b", kind="channel"))
    return s


def _no_demand() -> Scenario:
    s = _only_entities()
    s.add(Flow("f", "a", "b", "goods", 5))
    return s


def test_no_demand_falls_back_to_sinks():
    result = analyze_scenario(_no_demand(), FAST)
    res = result["resilience"]
    assert res["service_level"] == 1.0
    assert [c["id"] for c in res["critical_entities"] if c["service_loss"] > 0] == ["a", "b"]


def test_sensor_case_figures(sensor_scenario):
    r = analyze_scenario(sensor_scenario, FAST)
    caps = {c["id"]: c for c in r["reuse"]["capabilities"]}
    rd = caps["rd"]
    assert rd["reuse_count"] == 3 and rd["amortised_fixed_cost"] == pytest.approx(100)
    assert rd["shared_cost"] == pytest.approx(300 + 3 * 10)
    assert rd["standalone_cost"] == pytest.approx(3 * (300 + 10))
    assert rd["savings"] == pytest.approx(900)
    assert r["reuse"]["total_savings"] == pytest.approx(900)
    assert [g["entity"] for g in r["reuse"]["gaps"]] == ["hosp"] and r["reuse"]["gaps"][0]["candidates"] == ["auto"]
    cost = r["cost_sharing"]
    assert cost["total_cost"] == pytest.approx(380)  # 300 + 50 + 3·10
    assert cost["shapley"]["sensor"] == pytest.approx(300 - 450)
    assert cost["shapley"]["auto"] == pytest.approx(50 + 310 - 150)
    assert sum(cost["shapley"].values()) == pytest.approx(cost["total_cost"])
    res = r["resilience"]
    assert res["service_level"] == 1.0
    spof = {c["id"] for c in res["critical_entities"] if c["service_loss"] > 0}
    assert spof == {"sensor", "users"}


def test_deterministic_for_a_seed(sensor_scenario):
    a = _dump(analyze_scenario(sensor_scenario, FAST))
    assert a == _dump(analyze_scenario(sensor_scenario, FAST))
    other = _dump(analyze_scenario(sensor_scenario, FAST.evolve(seed=12)))
    assert json.loads(other)["resilience"]["monte_carlo"]["seed"] == 12


def test_progress_and_cancel(sensor_scenario):
    seen: list[float] = []
    analyze_scenario(sensor_scenario, FAST, progress=lambda f, s: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    with pytest.raises(AnalysisCancelled):
        analyze_scenario(sensor_scenario, FAST, cancel=cancel)


def test_run_analysis_is_typed_and_its_json_is_analyze_scenario(sensor_scenario):
    from ecodesk.analysis.run import AnalysisResult, run_analysis

    typed = run_analysis(sensor_scenario, FAST)
    assert isinstance(typed, AnalysisResult)
    assert typed.scenario is sensor_scenario and typed.scenario_name == "Base" and typed.settings == FAST
    assert _dump(typed.to_json()) == _dump(analyze_scenario(sensor_scenario, FAST))
    # the figures the app reads, typed
    assert typed.reuse.capabilities[0].id == "rd" and typed.reuse.total_savings == pytest.approx(900)
    cs = typed.cost_sharing
    assert cs.total_savings == pytest.approx(cs.total_standalone - cs.total_cost)
    assert cs.pool("p1") is cs.pools[0] and cs.pools[0].rule == "shapley" and cs.pool("nope") is None
    res = typed.resilience
    assert set(res.single_points_of_failure) == {"sensor", "users"}
    assert res.ringed_single_points == ["sensor"]  # the users lose only their own demand
    assert res.service_loss["sensor"] == 1.0 and res.demand_entities == {"users": 100.0}
    assert res.max_cascade_size == max(c.cascade_size for c in res.cascade)
    assert typed.kpis.top_hub == "users" and typed.kpis.multi_ecosystem_entity_ids == ["sensor", "users"]
    assert typed.notes == [*typed.reuse.notes, *cs.notes, *res.notes, *typed.kpis.notes]
