"""One-at-a-time sensitivity (SPEC §3.7): every figure equals ``analyze`` on the changed model,
recomputed here by hand (set the number, run run_analysis, read the metric)."""

from __future__ import annotations

import math
import random

import pytest

from ecodesk.analysis import montecarlo
from ecodesk.analysis.metrics import STAGES, MetricError, SweepInputError, metric_paths, metric_value
from ecodesk.analysis.run import run_analysis
from ecodesk.analysis.sensitivity import (
    DEFAULT_FIELDS,
    additive_metric,
    sensitivity,
    stage_json,
)
from ecodesk.model import AnalysisSettings, Entity, Scenario
from ecodesk.templates import list_templates, load_template

FAST = AnalysisSettings(seed=7, trials=400, orders=8)
TEMPLATES = [t.name for t in list_templates() if t.name != "blank"]


def by_hand(scenario: Scenario, settings: AnalysisSettings, table: str, obj_id: str, field: str, value: float,
            metric: str) -> float:
    """Set the number through the model's public API and run the whole analysis."""
    dup = scenario.copy()
    obj = getattr(dup, table)[obj_id]
    dup.replace(obj.evolve(**{field: value}))
    return metric_value(run_analysis(dup, settings).to_json(), metric)


def close(a: float, b: float, rel: float = 1e-9) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-9)


def metrics_of(scenario: Scenario) -> list[str]:
    data = run_analysis(scenario, FAST).to_json()
    out = ["cost_sharing.total_cost", "reuse.total_savings", "resilience.monte_carlo.expected_service",
           "resilience.service_level", "kpis.total_flow_value", "resilience.robustness.random.r_index"]
    paths = metric_paths(data)
    out += [p for p in paths if p.startswith("cost_sharing.shapley.")][:1]
    out += [p for p in paths if p.startswith("cost_sharing.pools.") and ".allocation." in p][:1]
    out += [p for p in paths if p.startswith("resilience.cascade.") and p.endswith(".service_level")][:1]
    out += [p for p in paths if p.startswith("reuse.capabilities.") and p.endswith(".savings")][:1]
    return out


@pytest.mark.parametrize("name", TEMPLATES)
def test_rows_equal_analyze_on_the_changed_model(name: str) -> None:
    scenario = load_template(name).scenarios[0]
    rng = random.Random(name)
    for metric in metrics_of(scenario):
        res = sensitivity(scenario, FAST, metric, top=None, workers=1)
        assert res.base == metric_value(run_analysis(scenario, FAST).to_json(), metric)
        assert res.inputs == len(res.rows) > 0
        # the top rows and a few others, both sides, against a full run by hand
        picked = list(res.rows[:3]) + rng.sample(list(res.rows[3:]), min(3, max(0, len(res.rows) - 3)))
        for row in picked:
            table, field = row.field.split(".")
            for new, got in ((row.low, row.metric_low), (row.high, row.metric_high)):
                want = by_hand(scenario, FAST, table, row.object, field, new, metric)
                assert close(got, want), (name, metric, row, new, got, want)
            assert row.swing == abs(row.metric_high - row.metric_low)


TINY = AnalysisSettings(seed=7, trials=20, orders=2)


@pytest.mark.parametrize("name", ["s2b2b_appliance", "sensor_reuse", "nev_hub", "o2o_mall"])
def test_additive_deltas_equal_full_recomputation_for_every_input(name: str) -> None:
    """The per-capability delta (no rerun) equals a full rerun for every input: reuse bit for
    bit (the same sums in the same order), the cost game to 1e-9 relative (numpy sums)."""
    scenario = load_template(name).scenarios[0]
    data = run_analysis(scenario, TINY).to_json()
    last = data["cost_sharing"]["players"][-1]
    metrics = ["cost_sharing.total_cost", "reuse.total_savings", "cost_sharing.total_standalone",
               f"cost_sharing.shapley.{last}", f"cost_sharing.proportional.{last}",
               f"cost_sharing.equal_savings.{last}", f"cost_sharing.savings.{last}",
               f"reuse.capabilities.{data['reuse']['capabilities'][0]['id']}.shared_cost"]
    assert all(additive_metric(m) for m in metrics)
    results = {m: sensitivity(scenario, TINY, m, top=None, workers=1) for m in metrics}
    rows = {m: {(r.object, r.field): r for r in res.rows} for m, res in results.items()}
    for key in rows[metrics[0]]:
        row = rows[metrics[0]][key]
        table, field = row.field.split(".")
        for side, new in ((0, row.low), (1, row.high)):
            dup = scenario.copy()
            dup.replace(getattr(dup, table)[row.object].evolve(**{field: new}))
            full = run_analysis(dup, TINY).to_json()
            for m in metrics:
                r = rows[m][key]
                got, want = (r.metric_low, r.metric_high)[side], metric_value(full, m)
                if m.startswith("reuse."):
                    assert got == want, (m, r)
                else:
                    assert close(got, want, 1e-9), (m, r, got, want)


@pytest.mark.parametrize("name", ["s2b2b_appliance", "farm_cobuild", "influencer_tiered"])
def test_stages_alone_equal_the_full_analysis(name: str) -> None:
    scenario = load_template(name).scenarios[0]
    full = run_analysis(scenario, FAST).to_json()
    part = stage_json(scenario, FAST, STAGES)
    assert part["reuse"] == full["reuse"]
    assert part["kpis"] == full["kpis"]
    for key, value in part["cost_sharing"].items():
        assert value == full["cost_sharing"][key], key
    for key, value in part["resilience"].items():
        assert value == full["resilience"][key], key
    assert set(part["resilience"]) >= {"service_level", "critical_entities", "robustness", "redundancy",
                                       "monte_carlo", "cascade"}


def test_a_cost_metric_never_runs_the_monte_carlo(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a: object, **k: object) -> None:
        raise AssertionError("Monte Carlo ran")

    monkeypatch.setattr(montecarlo, "simulate", boom)
    scenario = load_template("s2b2b_appliance").scenarios[0]
    for metric in ("cost_sharing.total_cost", "reuse.total_savings", "resilience.service_level",
                   "kpis.total_flow_value", "resilience.cascade.brand.cascade_size"):
        assert sensitivity(scenario, FAST, metric, workers=1).rows
    with pytest.raises(AssertionError, match="Monte Carlo ran"):
        sensitivity(scenario, FAST, "resilience.monte_carlo.expected_service", workers=1)
    # the service level needs neither the robustness orders nor the redundancy paths
    from ecodesk.analysis import disjointpaths, robustness

    monkeypatch.setattr(robustness, "analyse_robustness", boom)
    monkeypatch.setattr(disjointpaths, "redundancy", boom)
    assert sensitivity(scenario, FAST, "resilience.service_level", workers=1).rows
    with pytest.raises(AssertionError):
        sensitivity(scenario, FAST, "resilience.robustness.random.r_index", workers=1)


def test_inputs_are_set_non_zero_numbers_of_the_chosen_fields() -> None:
    scenario = load_template("s2b2b_appliance").scenarios[0]
    res = sensitivity(scenario, FAST, "cost_sharing.total_cost", top=None, workers=1)
    seen = {(r.object, r.field) for r in res.rows}
    want = set()
    for key in DEFAULT_FIELDS:
        table, field = key.split(".")
        for obj in getattr(scenario, table):
            value = getattr(obj, field)
            if value is not None and value != 0:
                want.add((obj.id, key))
    assert seen == want
    unset = [f.id for f in scenario.flows if f.kind.value == "capability" and f.standalone_cost is None]
    assert all((i, "flows.standalone_cost") not in seen for i in unset)
    only = sensitivity(scenario, FAST, "cost_sharing.total_cost", fields="flows.volume", top=None, workers=1)
    assert {r.field for r in only.rows} == {"flows.volume"}
    assert len(only.rows) == sum(1 for f in scenario.flows if f.volume != 0)


def test_sorted_by_swing_then_object_then_field_and_cut_at_top() -> None:
    scenario = load_template("nev_hub").scenarios[0]
    res = sensitivity(scenario, FAST, "cost_sharing.total_cost", top=None, workers=1)
    keys = [(-r.swing, r.object, r.field) for r in res.rows]
    assert keys == sorted(keys)
    top = sensitivity(scenario, FAST, "cost_sharing.total_cost", top=4, workers=1)
    assert top.rows == res.rows[:4]
    js = top.to_json()
    assert list(js) == ["metric", "base", "p", "rows"]
    assert list(js["rows"][0]) == ["object", "field", "value", "low", "high", "metric_low", "metric_high", "swing"]
    assert js["p"] == 0.2 and js["metric"] == "cost_sharing.total_cost"


def test_values_and_clipping() -> None:
    s = Scenario("clip")
    s.add(Entity("src", "Source", "supplier", risk=0.9))
    s.add(Entity("u", "Users", "user", demand=10, risk=0.5))
    from ecodesk.model import Flow

    s.add(Flow("f", "src", "u", "goods", volume=5, risk=0.1))
    res = sensitivity(s, FAST, "resilience.monte_carlo.expected_service", p=0.5, top=None, workers=1)
    rows = {(r.object, r.field): r for r in res.rows}
    assert rows["src", "entities.risk"].high == 1.0 and rows["src", "entities.risk"].low == pytest.approx(0.45)
    assert rows["src", "entities.risk"].metric_high == 0.0  # the source always fails
    assert rows["u", "entities.demand"].low == 5.0 and rows["u", "entities.demand"].high == 15.0
    assert rows["f", "flows.volume"].swing == 0.0


@pytest.mark.parametrize("p", [0, 1, 1.5, -0.1, float("nan"), "x"])
def test_p_outside_zero_one_is_refused(p: object) -> None:
    scenario = load_template("sensor_reuse").scenarios[0]
    with pytest.raises(SweepInputError) as err:
        sensitivity(scenario, FAST, "cost_sharing.total_cost", p=p)  # type: ignore[arg-type]
    assert "between 0 and 1" in err.value.sentence("en")
    assert "0 与 1 之间" in err.value.sentence("zh") or "0 到 1 之间" in err.value.sentence("zh")


def test_unknown_field_and_metric_are_named_with_what_is_valid() -> None:
    scenario = load_template("sensor_reuse").scenarios[0]
    with pytest.raises(SweepInputError) as err:
        sensitivity(scenario, FAST, "cost_sharing.total_cost", fields="flows.volume,flows.colour")
    assert err.value.sentence("en").startswith("unknown field 'flows.colour'")
    assert "flows.volume" in err.value.sentence("en") and "未知字段「flows.colour」" in err.value.sentence("zh")
    with pytest.raises(MetricError) as merr:
        sensitivity(scenario, FAST, "cost_sharing.total_cots")
    assert merr.value.sentence("en").startswith("unknown metric 'cost_sharing.total_cots'; nearest: "
                                                "cost_sharing.total_cost")
    with pytest.raises(MetricError) as merr:
        sensitivity(scenario, FAST, "resilience.monte_carlo.expected_servise")
    assert "resilience.monte_carlo.expected_service" in merr.value.sentence("en")
    with pytest.raises(MetricError) as merr:
        sensitivity(scenario, FAST, "cost_sharing.in_core")
    assert "not a number" in merr.value.sentence("en")


def test_common_random_numbers_same_seed_same_figures() -> None:
    scenario = load_template("pharmacy_lockers").scenarios[0]
    a = sensitivity(scenario, FAST, "resilience.monte_carlo.expected_service", workers=1)
    b = sensitivity(scenario, FAST, "resilience.monte_carlo.expected_service", workers=1)
    assert a == b
    # a change that cannot reach the metric leaves it exactly at the base (no Monte Carlo noise)
    costs = [r for r in sensitivity(scenario, FAST, "resilience.monte_carlo.expected_service", top=None,
                                    workers=1).rows if r.field == "capabilities.fixed_cost"]
    assert costs and all(r.metric_low == r.metric_high == a.base for r in costs)


def test_ranges_do_not_stop_a_change_beyond_them_and_beta_is_kept_in_its_domain() -> None:
    from ecodesk.model.ranges import with_range

    s = load_template("sensor_reuse").scenarios[0].copy()
    cap = next(c for c in s.capabilities if c.fixed_cost)
    s.replace(with_range(cap, "fixed_cost", 0.9 * cap.fixed_cost, 1.1 * cap.fixed_cost))
    res = sensitivity(s, FAST, "cost_sharing.total_cost", p=0.5, fields="capabilities.fixed_cost", top=None,
                      workers=1)
    row = next(r for r in res.rows if r.object == cap.id)
    assert row.low == 0.5 * cap.fixed_cost  # beyond the range: a sensitivity step is not a draw
    dup = s.copy()
    dup.replace(dup.capabilities[cap.id].evolve(fixed_cost=row.low, ranges={}))
    assert close(row.metric_low, metric_value(run_analysis(dup, FAST).to_json(), "cost_sharing.total_cost"))
    farm = load_template("farm_cobuild").scenarios[0]
    pool = farm.pools["p_cold"]
    metric = f"cost_sharing.pools.p_cold.shapley.{pool.members[0]}"
    [row] = sensitivity(farm, FAST, metric, p=0.5, fields="pools.scale_exponent", top=None, workers=1).rows[:1]
    assert row.object == "p_cold" and row.low == pytest.approx(0.4) and row.high == 1.0  # β stays in (0, 1]
    dup = farm.copy()
    dup.replace(pool.evolve(scale_exponent=1.0))
    assert close(row.metric_high, metric_value(run_analysis(dup, FAST).to_json(), metric))
    assert row.swing > 0


@pytest.mark.parametrize("name", ["s2b2b_appliance", "nev_hub", "pharmacy_lockers"])
def test_service_level_under_demand_changes_equals_a_full_run_bit_for_bit(name: str, monkeypatch) -> None:
    scenario = load_template(name).scenarios[0].copy()
    scenario.add(Entity("island", "Unreached users", "user", demand=123456.7))  # nobody supplies it
    scenario.add(Entity("island2", "More unreached users", "user", demand=0.3))
    res = sensitivity(scenario, FAST, "resilience.service_level", fields="entities.demand", top=None, workers=1)
    assert len(res.rows) == sum(1 for e in scenario.entities if e.demand)
    assert res.base < 1 and res.rows[0].swing > 0
    for row in res.rows:
        for new, got in ((row.low, row.metric_low), (row.high, row.metric_high)):
            assert got == by_hand(scenario, FAST, "entities", row.object, "demand", new, "resilience.service_level")
    # and without a single rerun
    from ecodesk.analysis import sensitivity as mod

    monkeypatch.setattr(mod, "run_tasks", lambda *a, **k: pytest.fail("a rerun"))
    assert sensitivity(scenario, FAST, "resilience.service_level", fields="entities.demand", top=None,
                       workers=1) == res
