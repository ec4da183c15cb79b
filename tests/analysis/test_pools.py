"""Pools of SPEC §3.2: every rule on a small scenario with hand-computed numbers, the fair
(Shapley) share, the fairness gap, and degenerate pools that must not raise."""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodesk.analysis.games import coalition_sums, core_violations
from ecodesk.analysis.pools import analyze_pool, analyze_pools, effective_weights
from ecodesk.model import Entity, Flow, Pool, Scenario

THIRD = 100 / 3


@pytest.fixture
def scenario() -> Scenario:
    """a→b worth 30, b→c worth 10: flow-value weights a 30, b 40, c 10; d has no flows (weight 1)."""
    s = Scenario("Base")
    for eid in ("a", "b", "c", "d"):
        s.add(Entity(eid, name=f"主体{eid}"))
    s.add(Flow("f1", "a", "b", volume=10, unit_value=3))
    s.add(Flow("f2", "b", "c", volume=5, unit_value=2))
    return s


def pool(**kw: Any) -> Pool:
    kw.setdefault("id", "p")
    kw.setdefault("members", ("a", "b", "c"))
    return Pool(**kw)


def brute_shapley(cost: Any, n: int) -> list[float]:
    phi = [0.0] * n
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        members: list[int] = []
        for i in order:
            phi[i] += cost([*members, i]) - cost(members)
            members.append(i)
    return [p / len(orders) for p in phi]


# --------------------------------------------------------------------------- weights


def test_effective_weights(scenario: Scenario) -> None:
    p = pool(members=("a", "b", "c", "d"))
    assert effective_weights(p, scenario) == {"a": 30, "b": 40, "c": 10, "d": 1}
    p = pool(members=("a", "b", "d"), weights={"a": 5, "d": 0})
    assert effective_weights(p, scenario) == {"a": 5, "b": 40, "d": 0}  # explicit 0 stays 0


# --------------------------------------------------------------------------- revenue and cost pools


def test_revenue_proportional_and_shapley(scenario: Scenario) -> None:
    r = analyze_pool(pool(type="revenue", amount=800, rule="proportional"), scenario)
    assert r.allocation == pytest.approx({"a": 300, "b": 400, "c": 100})
    assert r.shapley == pytest.approx({"a": 300, "b": 400, "c": 100})  # additive game
    assert r.fairness_gap == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert r.total_allocated == pytest.approx(800)
    assert r.shapley_method == "closed_form"


def test_revenue_equal_gap(scenario: Scenario) -> None:
    r = analyze_pool(pool(type="revenue", amount=800, rule="equal"), scenario)
    assert r.allocation == pytest.approx({m: 800 / 3 for m in "abc"})
    assert r.fairness_gap == pytest.approx({"a": 800 / 3 - 300, "b": 800 / 3 - 400, "c": 800 / 3 - 100})


@pytest.mark.parametrize("rule", ["proportional", "shapley", "nucleolus"])
def test_cost_pool_with_beta_one_is_proportional(scenario: Scenario, rule: str) -> None:
    r = analyze_pool(pool(type="cost", amount=1600, rule=rule, scale_exponent=1.0), scenario)
    assert r.allocation == pytest.approx({"a": 600, "b": 800, "c": 200})
    assert r.shapley == pytest.approx({"a": 600, "b": 800, "c": 200})
    assert r.fairness_gap == pytest.approx({"a": 0, "b": 0, "c": 0}, abs=1e-9)


def test_cost_pool_two_members_by_hand(scenario: Scenario) -> None:
    # c(a) = 100·(1/4)^0.5 = 50, c(b) = 100·(3/4)^0.5 = 50√3, c(N) = 100;
    # Shapley = nucleolus = stand-alone cost minus half the savings: a = 75 − 25√3
    a = 75 - 25 * math.sqrt(3)
    for rule in ("shapley", "nucleolus"):
        r = analyze_pool(
            pool(members=("a", "b"), weights={"a": 1, "b": 3}, type="cost", amount=100, rule=rule, scale_exponent=0.5),
            scenario,
        )
        assert r.allocation == pytest.approx({"a": a, "b": 100 - a}, abs=1e-7)
        assert r.shapley == pytest.approx({"a": a, "b": 100 - a}, abs=1e-9)
    r = analyze_pool(
        pool(
            members=("a", "b"),
            weights={"a": 1, "b": 3},
            type="cost",
            amount=100,
            rule="proportional",
            scale_exponent=0.5,
        ),
        scenario,
    )
    assert r.allocation == pytest.approx({"a": 25, "b": 75})
    assert r.fairness_gap == pytest.approx({"a": 25 - a, "b": a - 25})


def test_cost_pool_shapley_matches_brute_force_and_nucleolus_is_in_core(scenario: Scenario) -> None:
    members = ("a", "b", "c", "d")
    w = [30, 40, 10, 1]
    amount, beta = 1000.0, 0.8

    def cost(s: list[int]) -> float:
        return amount * (sum(w[i] for i in s) / sum(w)) ** beta if s else 0.0

    expected = brute_shapley(cost, 4)
    r = analyze_pool(pool(members=members, type="cost", amount=amount, rule="nucleolus"), scenario)
    assert list(r.shapley.values()) == pytest.approx(expected, abs=1e-9)
    assert r.shapley_method == "exact"
    x = np.array(list(r.allocation.values()))
    assert x.sum() == pytest.approx(amount)
    table = amount * (coalition_sums(w) / sum(w)) ** beta
    assert core_violations(table, x, tol=1e-7) == []  # concave cost game: the core is not empty
    # economies of scale favour the small member relative to its proportional share
    assert r.shapley["d"] > amount * 1 / 81


def test_floor_share_floors_covered(scenario: Scenario) -> None:
    # floors 100 + 200, the remaining 700 split 30 : 40 : 10
    r = analyze_pool(pool(type="revenue", amount=1000, rule="floor_share", floors={"a": 100, "b": 200}), scenario)
    assert r.allocation == pytest.approx({"a": 362.5, "b": 550, "c": 87.5})
    assert r.total_allocated == pytest.approx(1000)
    assert r.fairness_gap == pytest.approx({"a": 362.5 - 375, "b": 550 - 500, "c": 87.5 - 125})


def test_floor_share_floors_not_covered(scenario: Scenario) -> None:
    r = analyze_pool(pool(type="revenue", amount=150, rule="floor_share", floors={"a": 100, "b": 200}), scenario)
    assert r.allocation == pytest.approx({"a": 50, "b": 100, "c": 0})
    assert r.total_allocated == pytest.approx(150)
    assert any("scaled down" in n for n in r.notes)


def test_floor_share_without_floors_is_proportional(scenario: Scenario) -> None:
    r = analyze_pool(pool(type="cost", amount=80, rule="floor_share"), scenario)
    assert r.allocation == pytest.approx({"a": 30, "b": 40, "c": 10})
    assert any("No member has a floor" in n for n in r.notes)


TIERS = [{"up_to": 1_000_000, "rate": 0.20}, {"up_to": None, "rate": 0.15}]
FANS = {"a": 500_000, "b": 2_000_000, "c": 1_000_000}


def test_tiered_share(scenario: Scenario) -> None:
    # 20 % up to 1,000,000 fans (inclusive), 15 % above
    r = analyze_pool(pool(type="revenue", amount=500_000, rule="tiered", weights=FANS, tiers=TIERS), scenario)
    assert r.allocation == pytest.approx({"a": 100_000, "b": 300_000, "c": 200_000})
    assert r.total_allocated == pytest.approx(600_000)
    assert r.shapley == pytest.approx({"a": 500_000 / 7, "b": 2_000_000 / 7, "c": 1_000_000 / 7})
    assert any("100000 more than the amount 500000" in n for n in r.notes)
    r = analyze_pool(pool(type="revenue", amount=700_000, rule="tiered", weights=FANS, tiers=TIERS), scenario)
    assert any("100000 less than the amount 700000" in n for n in r.notes)
    r = analyze_pool(pool(type="revenue", amount=600_000, rule="tiered", weights=FANS, tiers=TIERS), scenario)
    assert any("exactly the amount" in n for n in r.notes)


def test_tiered_weight_above_every_bounded_tier(scenario: Scenario) -> None:
    r = analyze_pool(pool(type="cost", amount=1, rule="tiered", weights=FANS, tiers=TIERS[:1]), scenario)
    assert r.allocation == pytest.approx({"a": 100_000, "b": 0, "c": 200_000})
    assert any("above every tier" in n and "b" in n for n in r.notes)
    r = analyze_pool(pool(type="cost", amount=1, rule="tiered", weights=FANS), scenario)
    assert r.allocation == {"a": 0, "b": 0, "c": 0}
    assert any("no tiers" in n for n in r.notes)


# --------------------------------------------------------------------------- reserve pools

CLAIMS = {"a": 100, "b": 200, "c": 300}


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("proportional", [THIRD, 2 * THIRD, 100]),
        ("cea", [200 / 3] * 3),
        ("cel", [0, 50, 150]),
        ("talmud", [50, 75, 75]),
        ("nucleolus", [50, 75, 75]),
        ("shapley", [THIRD, 250 / 3, 250 / 3]),
        ("equal", [200 / 3] * 3),
    ],
)
def test_reserve_rules(scenario: Scenario, rule: str, expected: list[float]) -> None:
    r = analyze_pool(pool(type="reserve", amount=200, rule=rule, claims=CLAIMS), scenario)
    assert list(r.allocation.values()) == pytest.approx(expected, abs=1e-9)
    assert list(r.shapley.values()) == pytest.approx([THIRD, 250 / 3, 250 / 3], abs=1e-9)
    gap = [x - s for x, s in zip(expected, [THIRD, 250 / 3, 250 / 3])]
    assert list(r.fairness_gap.values()) == pytest.approx(gap, abs=1e-9)
    assert r.total_allocated == pytest.approx(200)
    assert r.claims == CLAIMS


def test_reserve_claims_covered_pay_in_full(scenario: Scenario) -> None:
    # The game v(S) = 1000 − Σ_{j∉S} claim_j is additive plus 400: Shapley = claim + 400/3.
    fair = {m: c + 400 / 3 for m, c in CLAIMS.items()}
    for rule in ("proportional", "cea", "cel", "talmud"):
        r = analyze_pool(pool(type="reserve", amount=1000, rule=rule, claims=CLAIMS), scenario)
        assert r.allocation == pytest.approx(CLAIMS)
        assert r.shapley == pytest.approx(fair)
        assert r.fairness_gap == pytest.approx({m: -400 / 3 for m in CLAIMS})
        assert r.total_allocated == pytest.approx(600)
        assert any("400 stays in the reserve" in n for n in r.notes)
    for rule in ("shapley", "nucleolus"):
        r = analyze_pool(pool(type="reserve", amount=1000, rule=rule, claims=CLAIMS), scenario)
        assert r.allocation == pytest.approx(fair) and r.fairness_gap == pytest.approx({m: 0 for m in CLAIMS})
        assert r.total_allocated == pytest.approx(1000)
    r = analyze_pool(pool(type="reserve", amount=1000, rule="equal", claims=CLAIMS), scenario)
    assert r.allocation == pytest.approx({m: 1000 / 3 for m in CLAIMS})


def test_reserve_equal_above_a_claim_and_missing_claims(scenario: Scenario) -> None:
    r = analyze_pool(pool(type="reserve", amount=200, rule="equal", claims={"a": 10, "b": 500}), scenario)
    assert r.claims == {"a": 10, "b": 500, "c": 0}
    assert r.allocation == pytest.approx({m: 200 / 3 for m in "abc"})
    assert any("more than the claim" in n and "a, c" in n for n in r.notes)
    r = analyze_pool(pool(type="reserve", amount=200, rule="cea", claims={"a": 10, "b": 500}), scenario)
    assert r.allocation == pytest.approx({"a": 10, "b": 190, "c": 0})


def test_reserve_without_claims(scenario: Scenario) -> None:
    r = analyze_pool(pool(type="reserve", amount=200, rule="talmud"), scenario)
    assert r.allocation == {"a": 0, "b": 0, "c": 0}
    assert r.total_allocated == 0
    assert any("No member has a claim" in n for n in r.notes)


# --------------------------------------------------------------------------- degenerate pools


def test_no_members(scenario: Scenario) -> None:
    for kind, rule in (("cost", "nucleolus"), ("revenue", "tiered"), ("reserve", "talmud")):
        r = analyze_pool(pool(members=(), type=kind, amount=100, rule=rule), scenario)
        assert r.allocation == r.shapley == r.fairness_gap == {}
        assert r.total_allocated == 0
        assert r.notes


def test_amount_zero(scenario: Scenario) -> None:
    for kind, rule in (
        ("cost", "nucleolus"),
        ("cost", "shapley"),
        ("revenue", "floor_share"),
        ("reserve", "talmud"),
        ("cost", "equal"),
    ):
        r = analyze_pool(pool(type=kind, amount=0, rule=rule, claims=CLAIMS if kind == "reserve" else {}), scenario)
        assert r.allocation == pytest.approx({"a": 0, "b": 0, "c": 0})
        assert r.shapley == pytest.approx({"a": 0, "b": 0, "c": 0})
        assert any("amount is 0" in n for n in r.notes)


def test_all_weights_zero(scenario: Scenario) -> None:
    zero = {"a": 0, "b": 0, "c": 0}
    for kind in ("cost", "revenue"):
        for rule in ("proportional", "shapley", "nucleolus", "floor_share", "equal"):
            r = analyze_pool(pool(type=kind, amount=90, rule=rule, weights=zero), scenario)
            assert r.allocation == pytest.approx({"a": 30, "b": 30, "c": 30})
            assert r.shapley == pytest.approx({"a": 30, "b": 30, "c": 30})
            assert any("Every weight is 0" in n for n in r.notes)
    r = analyze_pool(pool(type="revenue", amount=90, rule="tiered", weights=zero, tiers=TIERS), scenario)
    assert r.allocation == {"a": 0, "b": 0, "c": 0}


def test_some_weights_zero_pay_nothing_under_shapley(scenario: Scenario) -> None:
    r = analyze_pool(pool(type="cost", amount=90, rule="shapley", weights={"a": 0, "b": 1, "c": 2}), scenario)
    assert r.shapley["a"] == pytest.approx(0, abs=1e-12)  # a dummy with zero stand-alone cost
    assert sum(r.shapley.values()) == pytest.approx(90)


# --------------------------------------------------------------------------- large pools


@pytest.fixture
def big() -> Scenario:
    s = Scenario("Big")
    for i in range(30):
        s.add(Entity(f"e{i:02d}"))
    return s


def test_large_cost_pool_is_sampled_with_a_note(big: Scenario) -> None:
    members = tuple(big.entities.ids()[:24])
    weights = {m: float(i + 1) for i, m in enumerate(members)}
    p = Pool("p", type="cost", amount=1000, members=members, rule="shapley", weights=weights)
    r1 = analyze_pool(p, big, seed=3, samples=400)
    r2 = analyze_pool(p, big, seed=3, samples=400)
    r3 = analyze_pool(p, big, seed=4, samples=400)
    assert r1.shapley == r2.shapley
    assert r1.shapley != r3.shapley
    assert r1.shapley_method == "sampled"
    assert sum(r1.shapley.values()) == pytest.approx(1000)  # sampling is efficient order by order
    assert all(h > 0 for h in r1.shapley_half_width.values())
    assert any("random orders (seed 3)" in n for n in r1.notes)
    # larger weights still pay more
    vals = list(r1.shapley.values())
    assert vals[-1] > vals[0]


def test_large_symmetric_pool_nucleolus_and_additive_pools_stay_exact(big: Scenario) -> None:
    members = tuple(big.entities.ids()[:16])
    p = Pool("p", type="cost", amount=1600, members=members, rule="nucleolus")
    r = analyze_pool(p, big)
    assert r.allocation == {m: 100 for m in members}  # equal weights: one type, an equal split
    assert r.nucleolus_method == "closed_form" and r.to_json()["nucleolus_method"] == "closed_form"
    assert not any("nucleolus" in n.lower() for n in r.notes)  # no fallback, nothing to say
    members = tuple(big.entities.ids())
    p = Pool("q", type="revenue", amount=3000, members=members, rule="shapley")
    r = analyze_pool(p, big)
    assert r.shapley_method == "closed_form"
    assert r.shapley == pytest.approx({m: 100 for m in members})
    p = Pool("r", type="reserve", amount=300, members=members, rule="nucleolus", claims={m: 20.0 for m in members})
    r = analyze_pool(p, big, samples=200)
    assert r.allocation == pytest.approx({m: 10 for m in members})
    assert r.shapley_method == "sampled"  # 30 members: beyond exact enumeration
    assert sum(r.shapley.values()) == pytest.approx(300)
    assert all(abs(r.shapley[m] - 10) <= 2 * r.shapley_half_width[m] for m in members)  # exact: 10 by symmetry


# --------------------------------------------------------------------------- scenario and JSON


def test_analyze_pools_and_json(scenario: Scenario) -> None:
    scenario.add(pool(id="cost", type="cost", amount=1000, rule="shapley", name="数据中台"))
    scenario.add(pool(id="reserve", type="reserve", amount=200, rule="talmud", claims=CLAIMS))
    results = analyze_pools(scenario, seed=1)
    assert [r.id for r in results] == ["cost", "reserve"]
    data = json.loads(json.dumps([r.to_json() for r in results], ensure_ascii=False))
    for entry in data:
        assert {"id", "rule", "allocation", "shapley", "fairness_gap"} <= entry.keys()
        assert list(entry["allocation"]) == ["a", "b", "c"]
    assert data[0]["name"] == "数据中台"
    assert data[0]["rule"] == "shapley" and data[0]["type"] == "cost"
    assert data[1]["allocation"] == pytest.approx({"a": 50, "b": 75, "c": 75})


@given(
    st.lists(st.integers(0, 1000), min_size=1, max_size=6),
    st.sampled_from(["equal", "proportional", "shapley", "nucleolus", "floor_share"]),
    st.sampled_from(["cost", "revenue"]),
    st.floats(0.1, 1.0),
    st.floats(0, 1e6),
)
@settings(max_examples=40, deadline=None)
def test_shared_rules_allocate_the_amount(
    weights: list[int],
    rule: str,
    kind: str,
    beta: float,
    amount: float,
) -> None:
    s = Scenario("H")
    members = tuple(f"m{i}" for i in range(len(weights)))
    for m in members:
        s.add(Entity(m))
    p = Pool(
        "p",
        type=kind,
        amount=amount,
        members=members,
        rule=rule,
        scale_exponent=beta,
        weights=dict(zip(members, weights)),
        floors={members[0]: amount / 3},
    )
    r = analyze_pool(p, s)
    assert r.total_allocated == pytest.approx(amount, rel=1e-7, abs=1e-6)
    assert sum(r.shapley.values()) == pytest.approx(amount, rel=1e-9, abs=1e-6)
    assert all(math.isfinite(x) for x in r.fairness_gap.values())
