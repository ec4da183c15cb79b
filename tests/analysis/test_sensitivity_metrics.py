"""Metric paths of ``analyze --json`` (SPEC §3.7): what is a metric, how ids (with dots) and
lists are addressed, readable names in both languages, the picker's choices, the stages."""

from __future__ import annotations

import math

import pytest

from ecodesk.analysis.metrics import (
    MetricError,
    input_label,
    metric_choices,
    metric_label,
    metric_paths,
    metric_stages,
    metric_value,
)
from ecodesk.analysis.run import run_analysis
from ecodesk.model import AnalysisSettings, Capability, Entity, Flow, Scenario
from ecodesk.templates import load_template

FAST = AnalysisSettings(trials=200, orders=3)


@pytest.fixture(scope="module")
def appliance():
    s = load_template("s2b2b_appliance").scenarios[0]
    return s, run_analysis(s, FAST).to_json()


def test_paths_are_every_number_addressed_by_key_or_id(appliance) -> None:
    _s, data = appliance
    paths = metric_paths(data)
    for p in ("reuse.total_savings", "reuse.reuse_index", "cost_sharing.total_cost", "cost_sharing.shapley.brand",
              "cost_sharing.blocking_count", "reuse.capabilities.trade_sys.savings",
              "resilience.critical_entities.brand.service_loss", "resilience.cascade.brand.cascade_size",
              "resilience.cascade.brand.service_level", "resilience.monte_carlo.expected_service",
              "resilience.robustness.random.r_index", "resilience.redundancy.users_city",
              "cost_sharing.pools.p_rebate.allocation.dist_east", "kpis.top_hub_share",
              "reuse.gaps.n_storecounty_wh.volume"):
        assert p in paths, p
    for p in paths:
        assert not p.startswith("settings.") and ".histogram." not in p
        assert p not in ("resilience.monte_carlo.seed", "resilience.monte_carlo.trials", "cost_sharing.in_core",
                         "resilience.monte_carlo.threshold", "resilience.robustness.random.orders")
        assert ".curve" not in p and ".redundancies." not in p and ".pairs." not in p
    assert len(paths) == len(set(paths))
    # values read back as the JSON has them
    assert metric_value(data, "cost_sharing.shapley.brand") == data["cost_sharing"]["shapley"]["brand"]
    cascade = {c["id"]: c for c in data["resilience"]["cascade"]}
    assert metric_value(data, "resilience.cascade.brand.cascade_size") == cascade["brand"]["cascade_size"]
    assert isinstance(metric_value(data, "resilience.cascade.brand.cascade_size"), float)


def test_ids_with_dots_and_null_values() -> None:
    s = Scenario("dots")
    s.add(Entity("a", "A", "supplier"))
    s.add(Entity("a.b", "AB", "channel"))
    s.add(Entity("u", "Users", "user", demand=5))
    s.add(Capability("k.1", "K", "c", "a", fixed_cost=10, unit_cost=1))
    s.add(Flow("f", "a", "a.b", "capability", volume=2, capability="k.1"))
    s.add(Flow("g", "a.b", "u", "goods", volume=2))
    data = run_analysis(s, FAST).to_json()
    assert metric_value(data, "cost_sharing.shapley.a.b") == data["cost_sharing"]["shapley"]["a.b"]
    assert metric_value(data, "cost_sharing.shapley.a") == data["cost_sharing"]["shapley"]["a"]
    assert metric_value(data, "reuse.capabilities.k.1.savings") == 10.0
    assert "resilience.critical_entities.a.b.service_loss" in metric_paths(data)
    data["resilience"]["redundancy"]["u"] = None  # a null figure reads as NaN
    assert math.isnan(metric_value(data, "resilience.redundancy.u"))


def test_unknown_paths_name_the_nearest(appliance) -> None:
    _s, data = appliance
    with pytest.raises(MetricError) as err:
        metric_value(data, "cost_sharing.shapely.brand")
    assert err.value.nearest[0] == "cost_sharing.shapley.brand"
    assert err.value.sentence("en").startswith("unknown metric 'cost_sharing.shapely.brand'; nearest: ")
    assert err.value.sentence("zh").startswith("未知指标「cost_sharing.shapely.brand」；最接近的有：")
    with pytest.raises(MetricError) as err:
        metric_value(data, "x.y")  # nothing alike: the headline figures are named
    assert err.value.nearest[:3] == ["reuse.total_savings", "reuse.reuse_index", "cost_sharing.total_cost"]
    for bad in ("settings.seed", "resilience.monte_carlo.histogram.counts", "nothing"):
        with pytest.raises(MetricError):
            metric_value(data, bad)
    with pytest.raises(MetricError) as err:
        metric_value(data, "cost_sharing.in_core")
    assert "true/false" in err.value.sentence("en")


def test_readable_names_in_both_languages(appliance) -> None:
    s, _data = appliance
    assert metric_label("cost_sharing.shapley.brand", s, "en") == "Shapley share of 家电品牌 S2B2B 平台"
    assert metric_label("cost_sharing.shapley.brand", s, "zh") == "家电品牌 S2B2B 平台 的 Shapley 分摊"
    assert metric_label("resilience.monte_carlo.expected_service", s, "en") == "Expected service"
    assert metric_label("resilience.monte_carlo.expected_service", s, "zh") == "期望服务水平"
    assert metric_label("resilience.cascade.brand.cascade_size", s, "en") == "Cascade size after 家电品牌 S2B2B 平台 fails"
    assert metric_label("reuse.capabilities.trade_sys.savings", s, "zh") == "能力「线上交易系统」的节省"
    assert metric_label("cost_sharing.pools.p_rebate.allocation.dist_east", s, "en") == \
        "Allocation of 华东区域总代 in pool 经销商年度阶梯返利"
    assert metric_label("resilience.critical_entities.brand.service_loss", s, "en") == \
        "Service loss without 家电品牌 S2B2B 平台"
    assert metric_label("kpis.flows_by_kind.goods", s, "en") == "kpis.flows_by_kind.goods"  # no better name
    assert input_label(s, "c_ctrl_east", "flows.volume", "en") == "家电品牌 S2B2B 平台 → 华东区域总代 · Volume"
    assert input_label(s, "wh_east", "capabilities.fixed_cost", "zh") == "华东区域仓 · 固定成本"


@pytest.mark.parametrize("name", ["s2b2b_appliance", "nev_hub", "farm_cobuild"])
def test_every_choice_of_the_picker_is_a_metric_of_the_analysis(name: str) -> None:
    s = load_template(name).scenarios[0]
    data = run_analysis(s, FAST).to_json()
    choices = metric_choices(s, FAST, "zh")
    assert choices[0] == ("reuse.total_savings", "能力复用总节省")
    assert ("resilience.monte_carlo.expected_service", "期望服务水平") in choices
    for path, label in choices:
        assert math.isfinite(metric_value(data, path)), path
        assert label and label == metric_label(path, s, "zh")
    players = data["cost_sharing"]["players"]
    assert {p for p, _ in choices if p.startswith("cost_sharing.shapley.")} == {
        f"cost_sharing.shapley.{i}" for i in players}


def test_stages() -> None:
    assert metric_stages("reuse.total_savings") == {"reuse"}
    assert metric_stages("cost_sharing.total_cost") == {"cost_sharing"}
    assert metric_stages("cost_sharing.shapley.x.y") == {"cost_sharing"}
    assert metric_stages("cost_sharing.pools.p.allocation.e") == {"pools"}
    assert metric_stages("resilience.service_level") == {"resilience"}
    assert metric_stages("resilience.monte_carlo.p05") == {"monte_carlo"}
    assert metric_stages("resilience.cascade.e.cascade_size") == {"cascade"}
    assert metric_stages("kpis.top_hub_share") == {"kpis"}
    assert metric_stages("settings.seed") == metric_stages("cost.total") == frozenset()
