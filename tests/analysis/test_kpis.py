"""Ecosystem indicators (SPEC §3.4) on hand-computed scenarios."""

from __future__ import annotations

import json

import pytest

from ecodesk.analysis.kpis import analyze_kpis
from ecodesk.model import AnalysisSettings, Capability, Ecosystem, Entity, Flow, Need, Pool, Scenario


def sample() -> Scenario:
    s = Scenario("k")
    for e in ("E1", "E2", "E3"):
        s.add(Ecosystem(e))
    s.add(Entity("P", kind="platform", industry="Retail", ecosystems=("E1", "E2")))
    s.add(Entity("S", kind="supplier", industry="tech"))
    s.add(Entity("C", kind="channel", industry=" retail ", ecosystems=("E1", "E2", "E3")))
    s.add(Entity("U", kind="user", industry="", ecosystems=("E3",)))
    s.add(Capability("k", category="Data", owner="P", fixed_cost=1))
    s.add(Flow("g1", "S", "P", kind="goods", volume=10, unit_value=3))  # tech → retail: cross
    s.add(Flow("g2", "P", "C", kind="goods", volume=5, unit_value=2))  # retail → retail: same
    s.add(Flow("l1", "C", "U", kind="logistics", volume=4, unit_value=1))  # empty industry
    s.add(Flow("d1", "P", "S", kind="data", volume=1, unit_value=7))  # reverse of supply S→P; pair S–P linked
    s.add(Flow("d2", "U", "C", kind="data", volume=2))  # reverse of logistics C→U
    s.add(Flow("d3", "S", "U", kind="data", volume=1))  # pair linked by data only
    s.add(Flow("m1", "C", "P", kind="money", volume=100, unit_value=1))  # non-data, not supply
    s.add(Flow("c1", "P", "S", kind="capability", capability="k", volume=2))
    s.add(Need("n", entity="U", category="Pay"))
    s.add(Pool("pool", members=("P", "C")))
    return s


def test_hand_computed_indicators() -> None:
    out = analyze_kpis(sample(), AnalysisSettings()).to_json()
    assert out["entity_count"] == 4 and out["flow_count"] == 8
    assert out["entities_by_kind"] == {
        "platform": 1,
        "supplier": 1,
        "channel": 1,
        "service": 0,
        "user": 1,
        "partner": 0,
        "research": 0,
        "other": 0,
    }
    assert out["flows_by_kind"] == {
        "goods": 2,
        "capability": 1,
        "logistics": 1,
        "data": 3,
        "traffic": 0,
        "money": 1,
        "credit": 0,
    }
    assert out["flow_value_by_kind"]["goods"] == pytest.approx(40)
    assert out["flow_value_by_kind"]["data"] == pytest.approx(7)
    assert out["flow_value_by_kind"]["credit"] == 0
    assert out["total_flow_value"] == pytest.approx(30 + 10 + 4 + 7 + 100)
    # non-data pairs: {S,P}, {P,C}, {C,U}; with data as well: {S,P} (d1), {C,U} (d2)
    assert out["data_interop_rate"] == pytest.approx(2 / 3)
    # d1 P→S: supply S→P (goods) ✓; d2 U→C: supply C→U (logistics) ✓; d3 S→U: none
    assert out["reverse_data_ratio"] == pytest.approx(2 / 3)
    # cross: g1 (tech/retail), d1 (retail/tech), c1 (retail/tech); " retail " equals "Retail"
    assert out["cross_industry_share"] == pytest.approx(3 / 8)
    # P touches g1 g2 d1 m1 c1 = 5 of 8
    assert out["top_hub"] == "P" and out["top_hub_share"] == pytest.approx(5 / 8)
    assert out["multi_ecosystem_entities"] == 2 and out["multi_ecosystem_entity_ids"] == ["C", "P"]
    assert (out["ecosystem_count"], out["capability_count"], out["need_count"], out["pool_count"]) == (3, 1, 1, 1)
    json.dumps(out)


def test_supply_kinds_setting_changes_reverse_data_ratio() -> None:
    goods_only = AnalysisSettings(supply_kinds=("goods",))
    assert analyze_kpis(sample(), goods_only).reverse_data_ratio == pytest.approx(1 / 3)
    with_money = AnalysisSettings(supply_kinds=("goods", "logistics", "money"))
    assert analyze_kpis(sample(), with_money).reverse_data_ratio == pytest.approx(2 / 3)


def test_hub_tie_goes_to_lowest_id() -> None:
    s = Scenario("t")
    for e in ("b", "a", "c", "d"):
        s.add(Entity(e))
    s.add(Flow("f1", "b", "c"))
    s.add(Flow("f2", "a", "d"))
    out = analyze_kpis(s).to_json()
    assert out["top_hub"] == "a" and out["top_hub_share"] == pytest.approx(0.5)
    assert out["cross_industry_share"] == 0  # no industries at all
    assert out["data_interop_rate"] == 0 and out["reverse_data_ratio"] == 0


def test_pairs_count_once_and_data_only_pairs_are_ignored() -> None:
    s = Scenario("t")
    for e in ("a", "b", "c"):
        s.add(Entity(e))
    s.add(Flow("f1", "a", "b"))
    s.add(Flow("f2", "b", "a", kind="money"))
    s.add(Flow("f3", "a", "b", kind="data"))
    s.add(Flow("f4", "b", "c", kind="data"))
    s.add(Flow("f5", "c", "b", kind="data"))
    out = analyze_kpis(s).to_json()
    assert out["data_interop_rate"] == 1.0
    # f3 a→b: supply b→a? f2 is money (not supply) → no; f4 b→c, f5 c→b: no supply flows there
    assert out["reverse_data_ratio"] == 0.0


def test_empty_scenario() -> None:
    out = analyze_kpis(Scenario("e")).to_json()
    assert out["entity_count"] == 0 and out["flow_count"] == 0 and out["total_flow_value"] == 0
    assert set(out["entities_by_kind"].values()) == {0} and len(out["entities_by_kind"]) == 8
    assert set(out["flows_by_kind"].values()) == {0} and len(out["flows_by_kind"]) == 7
    assert out["top_hub"] is None and out["top_hub_share"] == 0
    assert out["data_interop_rate"] == 0 and out["reverse_data_ratio"] == 0 and out["cross_industry_share"] == 0
    assert out["multi_ecosystem_entities"] == 0 and out["multi_ecosystem_entity_ids"] == []
    assert out["notes"]
