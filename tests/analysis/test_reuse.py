"""Capability reuse (SPEC §3.1) on hand-computed scenarios."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import pytest

from ecodesk.analysis.reuse import analyze_reuse, capability_usage
from ecodesk.model import Capability, Ecosystem, Entity, Flow, Need, Scenario


def build(
    entities: Sequence[tuple[str, tuple[str, ...]]],
    caps: Sequence[tuple[str, str, str, float, float]] = (),
    flows: Sequence[tuple[str, str, float, float | None]] = (),
    needs: Sequence[tuple[str, str, str]] = (),
) -> Scenario:
    """entities (id, ecosystems); caps (id, category, owner, F, u); flows (cap, target, v, A); needs (id, entity, cat)."""
    s = Scenario("t")
    for eco in sorted({e for _, ecos in entities for e in ecos}):
        s.add(Ecosystem(eco))
    for eid, ecos in entities:
        s.add(Entity(eid, ecosystems=ecos))
    owner: dict[str, str] = {}
    for cid, cat, o, F, u in caps:
        s.add(Capability(cid, category=cat, owner=o, fixed_cost=F, unit_cost=u))
        owner[cid] = o
    for n, (cid, target, v, a) in enumerate(flows):
        s.add(Flow(f"f{n}", owner[cid], target, kind="capability", capability=cid, volume=v, standalone_cost=a))
    for nid, ent, cat in needs:
        s.add(Need(nid, entity=ent, category=cat, volume=2, standalone_cost=30))
    return s


def row(result: Any, cap_id: str) -> dict[str, Any]:
    return next(c for c in result.to_json()["capabilities"] if c["id"] == cap_id)


def test_default_standalone_cost_is_f_plus_uv_per_flow() -> None:
    s = build(
        [("P", ()), ("A", ()), ("B", ())], [("k", "Data", "P", 100, 2)], [("k", "A", 10, None), ("k", "B", 5, None)]
    )
    r = row(analyze_reuse(s), "k")
    assert r["reuse_count"] == 2 and r["consumers"] == ["A", "B"]
    assert r["amortised_fixed_cost"] == pytest.approx(50)
    assert r["shared_cost"] == pytest.approx(100 + 2 * 15)
    assert r["standalone_cost"] == pytest.approx(120 + 110)
    assert r["savings"] == pytest.approx(200)  # |C|·F with the default A


def test_explicit_standalone_cost() -> None:
    s = build(
        [("P", ()), ("A", ()), ("B", ())], [("k", "Data", "P", 100, 2)], [("k", "A", 10, None), ("k", "B", 5, 20)]
    )
    r = row(analyze_reuse(s), "k")
    assert r["standalone_cost"] == pytest.approx(140)
    assert r["savings"] == pytest.approx(100 + (20 - 10))


def test_standalone_below_unit_cost_gives_negative_savings() -> None:
    s = build([("P", ()), ("A", ())], [("k", "x", "P", 10, 5)], [("k", "A", 10, 20)])
    assert row(analyze_reuse(s), "k")["savings"] == pytest.approx(-30)


def test_capability_without_consumers() -> None:
    s = build([("P", ("E",))], [("k", "Data", "P", 80, 3)])
    res = analyze_reuse(s)
    r = row(res, "k")
    assert r["reuse_count"] == 0 and r["consumers"] == [] and r["ecosystems"] == []
    assert r["amortised_fixed_cost"] == 80 and r["shared_cost"] == 80
    assert r["standalone_cost"] == 0 and r["savings"] == 0
    assert res.reuse_index == 0 and res.total_savings == 0


def test_several_flows_of_one_capability_to_one_consumer() -> None:
    s = build(
        [("P", ()), ("A", ())],
        [("k", "Data", "P", 100, 2)],
        [("k", "A", 3, None), ("k", "A", 4, None), ("k", "A", 1, 7)],
    )
    assert capability_usage(s)["k"] == {"A": (8, (100 + 6) + (100 + 8) + 7)}
    r = row(analyze_reuse(s), "k")
    assert r["reuse_count"] == 1 and r["consumers"] == ["A"]
    assert r["amortised_fixed_cost"] == 100
    assert r["shared_cost"] == pytest.approx(100 + 2 * 8)
    assert r["standalone_cost"] == pytest.approx(221)
    assert r["savings"] == pytest.approx(221 - 16)


def test_totals_index_and_consumer_ecosystems() -> None:
    s = build(
        [("P", ("E1",)), ("A", ("E2", "E1")), ("B", ("E3",)), ("C", ())],
        [("k1", "Data", "P", 100, 1), ("k2", "Pay", "A", 10, 0), ("k3", "Pay", "C", 5, 0)],
        [("k1", "A", 1, None), ("k1", "B", 2, None), ("k2", "C", 1, None)],
    )
    res = analyze_reuse(s)
    assert row(res, "k1")["ecosystems"] == ["E1", "E2", "E3"]
    assert row(res, "k2")["ecosystems"] == []
    assert res.reuse_index == pytest.approx((2 + 1 + 0) / 3)
    assert res.total_savings == pytest.approx(200 + 10)


def test_empty_scenario_gives_zeros_and_a_note() -> None:
    res = analyze_reuse(Scenario("empty"))
    out = res.to_json()
    assert out["capabilities"] == [] and out["redundancies"] == [] and out["gaps"] == []
    assert out["total_savings"] == 0 and out["reuse_index"] == 0
    assert any("No capabilities" in n for n in out["notes"])
    json.dumps(out)


def test_redundancy_within_shared_ecosystem_only() -> None:
    s = build(
        [("P", ("E1",)), ("Q", ("E1",)), ("R", ("E2",)), ("X", ("E1", "E2"))],
        [("k1", "Data", "P", 100, 0), ("k2", " data ", "Q", 60, 0), ("k3", "DATA", "R", 70, 0)],
        [("k2", "X", 1, None)],
    )
    reds = analyze_reuse(s).to_json()["redundancies"]
    assert len(reds) == 1
    r = reds[0]
    assert r["capabilities"] == ["k1", "k2"] and r["owners"] == ["P", "Q"]
    assert r["keep"] == "k2"  # most consumers wins over lower F
    assert r["redundant"] == ["k1"] and r["potential_savings"] == 100
    assert r["ecosystems"] == ["E1"]


def test_redundancy_groups_are_connected_components() -> None:
    # P and R share no ecosystem, but both share one with Q: one group of three.
    s = build(
        [("P", ("E1",)), ("Q", ("E1", "E2")), ("R", ("E2",))],
        [("k1", "Data", "P", 100, 0), ("k2", "data", "Q", 60, 0), ("k3", "data", "R", 60, 0)],
    )
    (r,) = analyze_reuse(s).redundancies
    assert r.capabilities == ["k1", "k2", "k3"]
    assert r.keep == "k2"  # no consumers anywhere: lower F, then id
    assert r.redundant == ["k1", "k3"] and r.potential_savings == 160
    assert r.ecosystems == ["E1", "E2"]


def test_redundancy_without_any_ecosystem_looks_everywhere() -> None:
    s = build(
        [("P", ()), ("Q", ()), ("A", ())],
        [("b", "Logistics", "Q", 50, 0), ("a", "logistics", "P", 50, 0), ("c", "Pay", "P", 9, 0)],
        [("a", "A", 1, None), ("b", "A", 1, None)],
    )
    (r,) = analyze_reuse(s).redundancies
    assert r.keep == "a"  # same consumers, same F: lower id
    assert r.redundant == ["b"] and r.potential_savings == 50 and r.ecosystems == []


def test_same_owner_twice_is_not_a_redundancy_and_no_shared_ecosystem_neither() -> None:
    s = build(
        [("P", ("E1",)), ("R", ("E2",))],
        [("k1", "Data", "P", 10, 0), ("k2", "Data", "P", 20, 0), ("k3", "data", "R", 5, 0)],
    )
    assert analyze_reuse(s).redundancies == []


def test_same_owner_capabilities_join_a_group_with_another_owner() -> None:
    s = build(
        [("P", ("E1",)), ("Q", ("E1",)), ("A", ())],
        [("k1", "Data", "P", 10, 0), ("k2", "Data", "P", 20, 0), ("k3", "data", "Q", 5, 0)],
        [("k2", "A", 1, None)],
    )
    (r,) = analyze_reuse(s).redundancies
    assert r.owners == ["P", "Q"] and r.keep == "k2" and r.redundant == ["k1", "k3"]
    assert r.potential_savings == 15


def test_gaps_and_candidate_order() -> None:
    s = build(
        [("N", ("E1",)), ("A", ("E2",)), ("B", ("E1",)), ("C", ()), ("D", ("E1",)), ("U", ()), ("V", ())],
        [
            ("ka", "Logistics", "A", 1, 0),  # A: 2 consumers, other ecosystem
            ("kb", "logistics", "B", 1, 0),  # B: 0 consumers, shares E1
            ("kc", "LOGISTICS", "C", 1, 0),  # C: 2 consumers, no ecosystem
            ("kd1", "Logistics", "D", 1, 0),  # D: shares E1; its best capability has 1 consumer
            ("kd2", "Logistics", "D", 1, 0),
            ("kx", "Data", "A", 1, 0),
        ],
        [
            ("ka", "U", 1, None),
            ("ka", "V", 1, None),
            ("kc", "U", 1, None),
            ("kc", "V", 1, None),
            ("kd2", "U", 1, None),
            ("kx", "B", 1, None),
        ],
        [
            ("n1", "N", " logistics "),
            ("n2", "U", "Logistics"),
            ("n3", "B", "data"),
            ("n4", "C", "Logistics"),
            ("n5", "N", "Finance"),
        ],
    )
    gaps = analyze_reuse(s).to_json()["gaps"]
    assert [g["need"] for g in gaps] == ["n1", "n4", "n5"]  # n2 and n3 are met by received flows
    g1 = gaps[0]
    assert g1["candidates"] == ["D", "B", "A", "C"]
    assert g1["entity"] == "N" and g1["volume"] == 2 and g1["standalone_cost"] == 30
    # C owns a logistics capability but does not receive one: its need stays unmet, and it is a candidate.
    assert gaps[1]["candidates"] == ["A", "C", "D", "B"]
    assert gaps[2]["candidates"] == []


def test_json_keys() -> None:
    s = build([("P", ()), ("A", ())], [("k", "Data", "P", 1, 1)], [("k", "A", 1, None)], [("n", "A", "Pay")])
    out = analyze_reuse(s).to_json()
    assert set(out) >= {"capabilities", "total_savings", "reuse_index", "redundancies", "gaps", "notes"}
    assert set(out["capabilities"][0]) >= {
        "id",
        "name",
        "category",
        "owner",
        "reuse_count",
        "consumers",
        "ecosystems",
        "amortised_fixed_cost",
        "shared_cost",
        "standalone_cost",
        "savings",
    }
    assert set(out["gaps"][0]) == {"need", "entity", "category", "volume", "standalone_cost", "candidates"}
    json.dumps(out, ensure_ascii=False)
