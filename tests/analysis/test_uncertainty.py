"""Uncertainty under ranges (SPEC §3.7): triangular draws, seeded per sample, the summary and
p_better_off — checked against exact expectations and against analyze on the drawn models."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ecodesk.analysis.metrics import MetricError, SweepInputError, metric_value
from ecodesk.analysis.run import run_analysis
from ecodesk.analysis.uncertainty import GameTerms, draw, ranged_inputs, uncertainty
from ecodesk.model import AnalysisSettings, FlowKind, Scenario
from ecodesk.model.ranges import with_range
from ecodesk.templates import load_template

FAST = AnalysisSettings(seed=3, trials=200, orders=4)


def ranged(name: str = "s2b2b_appliance", *, fixed: bool = True, volume: bool = True, alone: bool = False,
           risk: bool = False) -> Scenario:
    """A template with asymmetric ranges on some numbers (so the triangular mean is not the value)."""
    s = load_template(name).scenarios[0].copy()
    if fixed:
        for c in list(s.capabilities):
            if c.fixed_cost:
                s.replace(with_range(c, "fixed_cost", 0.7 * c.fixed_cost, 1.6 * c.fixed_cost))
    for f in list(s.flows):
        if volume and f.kind is FlowKind.CAPABILITY and f.volume:
            f = with_range(f, "volume", 0.5 * f.volume, 1.1 * f.volume)
        if alone and f.standalone_cost:
            f = with_range(f, "standalone_cost", 0.9 * f.standalone_cost, 1.5 * f.standalone_cost)
        if risk and f.risk:
            f = with_range(f, "risk", 0.0, min(1.0, 3 * f.risk))
        s.replace(f)
    if risk:
        for e in list(s.entities):
            if e.risk:
                s.replace(with_range(e, "risk", e.risk / 2, min(1.0, 2 * e.risk)))
    return s


def exact_total_cost(s: Scenario) -> float:
    """E[c(N)] = Σ E[F] + Σ u·E[v] (c(N) is linear in F and v; E of a triangular = (low+mode+high)/3)."""
    def mean(obj: object, field: str) -> float:
        lo_hi = obj.ranges.get(field)  # type: ignore[attr-defined]
        value = getattr(obj, field)
        return value if lo_hi is None else (lo_hi[0] + value + lo_hi[1]) / 3

    total = sum(mean(c, "fixed_cost") for c in s.capabilities)
    for f in s.flows:
        if f.kind is FlowKind.CAPABILITY:
            cap = s.capabilities[f.capability]
            if f.target != cap.owner:
                total += cap.unit_cost * mean(f, "volume")
    return total


def test_mean_of_a_linear_metric_is_within_three_standard_errors_of_its_expectation() -> None:
    s = ranged()
    res = uncertainty(s, FAST, "cost_sharing.total_cost", samples=1000, workers=1)
    exact = exact_total_cost(s)
    base = metric_value(run_analysis(s, FAST).to_json(), "cost_sharing.total_cost")
    assert exact != pytest.approx(base, rel=1e-3)  # the ranges are asymmetric: the mean moves
    assert res.std_error > 0
    assert abs(res.mean - exact) <= 3 * res.std_error, (res.mean, exact, res.std_error)
    assert res.samples == 1000 == len(res.values) and res.ranged == len(ranged_inputs(s))
    assert res.p05 <= res.p50 <= res.p95
    v = np.asarray(res.values)
    assert res.p50 == pytest.approx(float(np.percentile(v, 50))) and res.mean == pytest.approx(float(v.mean()))


def test_reuse_savings_linear_in_standalone_costs() -> None:
    s = ranged("s2b2b_appliance", fixed=False, volume=False, alone=True)
    res = uncertainty(s, FAST, "reuse.total_savings", samples=1000, workers=1)
    base = metric_value(run_analysis(s, FAST).to_json(), "reuse.total_savings")
    shift = sum((f.ranges["standalone_cost"][0] + f.ranges["standalone_cost"][1] - 2 * f.standalone_cost) / 3
                for f in s.flows if "standalone_cost" in f.ranges)
    assert abs(res.mean - (base + shift)) <= 3 * res.std_error


def test_every_sample_equals_analyze_on_the_drawn_model_and_p_better_off_counts_them() -> None:
    s = ranged("nev_hub", alone=True, risk=True)
    inputs = ranged_inputs(s)
    for metric in ("cost_sharing.shapley." + GameTerms(s).players[0], "resilience.monte_carlo.expected_service",
                   "reuse.total_savings"):
        res = uncertainty(s, FAST, metric, samples=12, workers=1)
        better = {p: 0 for p in res.p_better_off}
        for i in range(12):
            dup = s.copy()
            for inp, x in zip(inputs, draw(inputs, res.seed, i).tolist(), strict=True):
                obj = getattr(dup, inp.table)[inp.object]
                dup.replace(obj.evolve(**{inp.field: x}, ranges={}))
            full = run_analysis(dup, FAST).to_json()
            assert math.isclose(res.values[i], metric_value(full, metric), rel_tol=1e-9, abs_tol=1e-12), (metric, i)
            cs = full["cost_sharing"]
            for p in better:
                better[p] += cs["shapley"][p] <= cs["standalone"][p] + 1e-9 * max(1, abs(cs["standalone"][p]))
        assert res.p_better_off == {p: n / 12 for p, n in better.items()}
    assert set(res.p_better_off) == set(run_analysis(s, FAST).cost_sharing.players)
    assert 0 < min(res.p_better_off.values()) or max(res.p_better_off.values()) == 1.0


def test_draws_are_triangular_with_their_own_seed_per_sample() -> None:
    s = ranged()
    inputs = ranged_inputs(s)
    xs = np.stack([draw(inputs, 5, i) for i in range(2000)])
    lows = np.array([i.low for i in inputs])
    highs = np.array([i.high for i in inputs])
    modes = np.array([i.mode for i in inputs])
    assert (xs >= lows).all() and (xs <= highs).all()
    assert np.allclose(xs.mean(axis=0), (lows + modes + highs) / 3, rtol=0.03)
    # sample i is the same whatever the number of samples, the chunking or the worker
    a = uncertainty(s, FAST, "reuse.total_savings", samples=10, seed=5, workers=1)
    b = uncertainty(s, FAST, "reuse.total_savings", samples=30, seed=5, workers=1)
    assert a.values == b.values[:10]
    c = uncertainty(s, FAST, "reuse.total_savings", samples=30, seed=5, workers=2)
    assert c == b
    d = uncertainty(s, FAST, "reuse.total_savings", samples=30, seed=6, workers=1)
    assert d.values != b.values and d.seed == 6


def test_seed_defaults_to_the_analysis_seed_and_json_has_exactly_the_spec_keys() -> None:
    s = ranged()
    res = uncertainty(s, FAST, "cost_sharing.total_cost", samples=5, workers=1)
    assert res.seed == FAST.seed
    js = res.to_json()
    assert list(js) == ["metric", "samples", "seed", "mean", "p05", "p50", "p95", "p_better_off"]
    assert js["samples"] == 5 and js["metric"] == "cost_sharing.total_cost"
    assert set(js["p_better_off"]) == set(GameTerms(s).players)


@pytest.mark.parametrize("samples", [0, -3, 1.5, True])
def test_samples_below_one_are_refused(samples: object) -> None:
    with pytest.raises(SweepInputError) as err:
        uncertainty(ranged(), FAST, "cost_sharing.total_cost", samples=samples)  # type: ignore[arg-type]
    assert err.value.sentence("en").startswith("samples must be a whole number from 1")
    assert "样本数" in err.value.sentence("zh")


def test_no_ranges_at_all_is_said() -> None:
    s = load_template("sensor_reuse").scenarios[0]
    with pytest.raises(SweepInputError) as err:
        uncertainty(s, FAST, "cost_sharing.total_cost", samples=10)
    assert "has no ranges" in err.value.sentence("en") and "没有任何取值范围" in err.value.sentence("zh")
    with pytest.raises(MetricError):
        uncertainty(ranged(), FAST, "cost.total", samples=10)
