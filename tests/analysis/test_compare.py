"""Scenario comparison (SPEC §3.5): figures, deltas and which side is better."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ecodesk.analysis.compare import HIGHER_IS_BETTER, compare_results, figure
from ecodesk.analysis.costshare import analyze_cost_sharing
from ecodesk.analysis.kpis import analyze_kpis
from ecodesk.analysis.reuse import analyze_reuse
from ecodesk.model import Capability, Entity, Flow, Need, Scenario

REQUIRED = [
    "reuse.total_savings",
    "reuse.reuse_index",
    "cost_sharing.total_cost",
    "cost_sharing.total_standalone",
    "resilience.service_level",
    "resilience.robustness.random.r_index",
    "resilience.robustness.targeted.r_index",
    "resilience.monte_carlo.expected_service",
    "kpis.data_interop_rate",
    "kpis.cross_industry_share",
    "kpis.top_hub_share",
]


def resilience(service: float, p_below: float, losses: list[float], cascade: list[int]) -> dict[str, Any]:
    return {
        "service_level": service,
        "critical_entities": [{"id": f"e{j}", "service_loss": x} for j, x in enumerate(losses)],
        "articulation_points": ["e0"] * len(losses),
        "robustness": {"random": {"r_index": 0.5, "curve": [1, 0.5]}, "targeted": {"r_index": 0.25, "curve": [1, 0]}},
        "redundancy": {"u1": 1, "u2": 2, "u3": None},
        "monte_carlo": {
            "trials": 100,
            "expected_service": service * 0.9,
            "p05": 0.1,
            "p50": 0.5,
            "p95": 0.9,
            "p_below": p_below,
        },
        "cascade": [{"id": f"e{j}", "cascade_size": n, "service_level": 0.5} for j, n in enumerate(cascade)],
        "extra_score": 7,
    }


def scenario(with_partner: bool) -> Scenario:
    s = Scenario("with" if with_partner else "without")
    for e in ("P", "A", "B"):
        s.add(Entity(e, industry="x" if e == "P" else "y"))
    s.add(Capability("k", category="Data", owner="P", fixed_cost=100, unit_cost=1))
    s.add(Capability("k2", category="data", owner="B", fixed_cost=30, unit_cost=1))
    s.add(Flow("f1", "P", "A", kind="capability", capability="k", volume=10))
    if with_partner:
        s.add(Flow("f2", "P", "B", kind="capability", capability="k", volume=5))
    s.add(Need("n", entity="A", category="Pay"))
    return s


def analyze(s: Scenario, res: dict[str, Any]) -> dict[str, Any]:
    return {
        "reuse": analyze_reuse(s).to_json(),
        "cost_sharing": analyze_cost_sharing(s).to_json(),
        "resilience": res,
        "kpis": analyze_kpis(s).to_json(),
    }


def by_key(out: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["key"]: f for f in out["figures"]}


def test_figures_deltas_and_better() -> None:
    a = analyze(scenario(False), resilience(0.8, 0.3, [0.5, 0.0], [1, 3]))
    b = analyze(scenario(True), resilience(0.9, 0.1, [0.2, 0.1], [2, 2]))
    out = compare_results("without", a, "with", b)
    assert out["a"] == "without" and out["b"] == "with"
    figs = by_key(out)
    assert set(REQUIRED) <= set(figs)
    keys = [f["key"] for f in out["figures"]]
    assert len(keys) == len(set(keys))

    ts = figs["reuse.total_savings"]  # 100 → 200
    assert (ts["a"], ts["b"], ts["delta"], ts["better"]) == (100, 200, 100, "b")
    ri = figs["reuse.reuse_index"]  # (1 + 0)/2 → (2 + 0)/2
    assert (ri["a"], ri["b"], ri["delta"], ri["better"]) == (0.5, 1.0, 0.5, "b")
    tc = figs["cost_sharing.total_cost"]  # 100 + 10 + 30 → 100 + 10 + 5 + 30
    assert (tc["a"], tc["b"], tc["better"]) == (140, 145, "a")
    assert figs["cost_sharing.total_standalone"]["b"] == pytest.approx(100 + 110 + 30 + 105)
    assert figs["cost_sharing.total_standalone"]["better"] is None
    assert figs["cost_sharing.total_savings"]["delta"] == pytest.approx(100)
    assert figs["resilience.service_level"]["delta"] == pytest.approx(0.1)
    assert figs["resilience.service_level"]["better"] == "b"
    assert figs["resilience.monte_carlo.p_below"]["better"] == "b"  # lower is better
    assert figs["resilience.robustness.random.r_index"]["delta"] == 0
    assert figs["resilience.robustness.random.r_index"]["better"] is None
    assert (figs["resilience.single_points_of_failure"]["a"], figs["resilience.single_points_of_failure"]["b"]) == (
        1,
        2,
    )
    assert figs["resilience.single_points_of_failure"]["better"] == "a"
    assert figs["resilience.max_cascade_size"]["a"] == 3 and figs["resilience.max_cascade_size"]["better"] == "b"
    assert figs["resilience.single_sourced_count"]["a"] == 1
    assert figs["resilience.extra_score"]["delta"] == 0 and figs["resilience.extra_score"]["better"] is None
    # k and k2 share category "data" and no ecosystem exists: one redundancy, potential savings 30 then 30
    assert figs["reuse.redundancy_potential_savings"]["a"] == 30
    assert figs["reuse.gap_count"]["a"] == 1 and figs["reuse.gap_count"]["better"] is None
    assert figs["kpis.flows_by_kind.capability"]["delta"] == 1
    assert figs["kpis.entities_by_kind.user"]["a"] == 0
    assert figs["kpis.top_hub_share"]["a"] == 1.0 and figs["kpis.top_hub_share"]["b"] == pytest.approx(1.0)
    assert figs["kpis.cross_industry_share"]["b"] == 1.0
    json.dumps(out)


def test_missing_sections_give_none() -> None:
    out = compare_results("a", {"kpis": {"flow_count": 3}}, "b", {})
    figs = by_key(out)
    assert figs["kpis.flow_count"] == {
        "key": "kpis.flow_count",
        "a": 3,
        "b": None,
        "delta": None,
        "better": None,
        "higher_is_better": None,
    }
    for key in REQUIRED:
        assert figs[key]["delta"] is None


def test_figure_helpers_and_table() -> None:
    assert all(k in HIGHER_IS_BETTER for k in REQUIRED)
    assert HIGHER_IS_BETTER["kpis.top_hub_share"] is False and HIGHER_IS_BETTER["cost_sharing.total_cost"] is False
    result = {"cost_sharing": {"total_cost": 5, "total_standalone": 9, "in_core": False, "blocking_coalitions": [{}]}}
    assert figure(result, "cost_sharing.total_savings") == 4
    assert figure(result, "cost_sharing.in_core") == 0
    assert figure(result, "cost_sharing.blocking_count") == 1
    assert figure(result, "kpis.top_hub") is None
    assert figure({"kpis": {"x": float("nan")}}, "kpis.x") is None


def test_equal_results_have_no_better_side() -> None:
    a = analyze(scenario(True), resilience(0.9, 0.1, [0.1], [1]))
    out = compare_results("x", a, "y", a)
    assert all(f["better"] is None for f in out["figures"])
    assert all(f["delta"] in (0, None) for f in out["figures"])


def test_figures_carry_labels_and_kinds_in_both_languages(sensor_scenario) -> None:
    from ecodesk.analysis.compare import LABELS, compare_results, figure_kind, figure_label, is_by_kind
    from ecodesk.analysis.run import run_analysis
    from ecodesk.model import AnalysisSettings

    assert figure_label("reuse.total_savings", "en") == "Savings from shared capabilities"
    assert figure_label("reuse.total_savings", "zh") == "能力共享带来的节省"
    assert figure_label("resilience.robustness.random.r_index", "zh_CN") == "鲁棒性 R（随机失效）"
    assert figure_label("kpis.entities_by_kind.supplier", "en") == "Entities: Supplier"
    assert figure_label("kpis.flow_value_by_kind.goods", "zh") == "资源流价值：商品"
    assert figure_label("kpis.flows_by_kind.teleport", "en") == "Flows: teleport"
    assert figure_label("reuse.something_new", "zh") == "reuse.something_new"
    assert all(en and zh for en, zh in LABELS.values()) and len({zh for _en, zh in LABELS.values()}) == len(LABELS)
    assert [figure_kind(k) for k in ("reuse.total_savings", "resilience.service_level", "kpis.flow_count",
                                     "reuse.reuse_index", "kpis.flow_value_by_kind.goods")] == [
        "money", "percent", "int", "number", "money"]
    assert is_by_kind("kpis.flows_by_kind.data") and not is_by_kind("kpis.flow_count")
    # typed results compare exactly as their JSON does
    s = AnalysisSettings(trials=40, orders=3)
    a, b = run_analysis(sensor_scenario, s), run_analysis(sensor_scenario.copy("B"), s)
    assert compare_results("A", a, "B", b) == compare_results("A", a.to_json(), "B", b.to_json())
