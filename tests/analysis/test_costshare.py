"""The ecosystem cost game (SPEC §3.2): hand-computed splits, core checks, and brute-force properties."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.analysis import costshare
from ecodesk.analysis.costshare import analyze_cost_sharing, closed_form_shapley, ecosystem_game
from ecodesk.model import Capability, Entity, Flow, Scenario


def build(
    entities: list[str],
    caps: list[tuple[str, str, float, float]],
    flows: list[tuple[str, str, float, float | None]],
) -> Scenario:
    """caps (id, owner, F, u); flows (cap, target, v, A or None)."""
    s = Scenario("t")
    for e in entities:
        s.add(Entity(e))
    owner: dict[str, str] = {}
    for cid, o, F, u in caps:
        s.add(Capability(cid, category="c", owner=o, fixed_cost=F, unit_cost=u))
        owner[cid] = o
    for n, (cid, target, v, a) in enumerate(flows):
        s.add(Flow(f"f{n}", owner[cid], target, kind="capability", capability=cid, volume=v, standalone_cost=a))
    return s


def direct_cost(s: Scenario, coalition: set[str]) -> float:
    """c(S) straight from the SPEC formula, capability by capability (independent of the engine)."""
    total = 0.0
    for cap in s.capabilities:
        o_in = cap.owner in coalition
        total += cap.fixed_cost if o_in else 0.0
        for f in s.flows:
            if f.capability != cap.id or f.target not in coalition:
                continue
            a = cap.fixed_cost + cap.unit_cost * f.volume if f.standalone_cost is None else f.standalone_cost
            total += cap.unit_cost * f.volume if o_in else a
    return total


def brute_shapley(cost: np.ndarray, n: int) -> list[float]:
    """φ_i = Σ_{S ⊆ N∖i} |S|!(n−|S|−1)!/n! · (c(S ∪ i) − c(S))."""
    phi = [0.0] * n
    for i in range(n):
        for mask in range(1 << n):
            if mask >> i & 1:
                continue
            k = bin(mask).count("1")
            weight = math.factorial(k) * math.factorial(n - k - 1) / math.factorial(n)
            phi[i] += weight * (cost[mask | 1 << i] - cost[mask])
    return phi


EXAMPLE = (
    ["P", "A", "B", "C", "Z"],
    [("k1", "P", 100, 2), ("k2", "B", 50, 1)],
    [("k1", "A", 10, None), ("k1", "B", 5, 20), ("k2", "C", 3, None)],
)


def test_hand_computed_example() -> None:
    s = build(*EXAMPLE)
    out = analyze_cost_sharing(s).to_json()
    assert out["players"] == ["P", "A", "B", "C"]  # Z owns and uses nothing
    # c({P}) = 100; c({A}) = 100 + 2·10; c({B}) = 50 + 20; c({C}) = 50 + 3
    assert out["standalone"] == pytest.approx({"P": 100, "A": 120, "B": 70, "C": 53})
    assert out["total_standalone"] == pytest.approx(343)
    assert out["total_cost"] == pytest.approx(100 + 20 + 10 + 50 + 3)
    # pair savings: (P,A) 100, (P,B) 10, (B,C) 50, each split half/half
    assert out["shapley"] == pytest.approx({"P": 100 - 55, "A": 120 - 50, "B": 70 - 5 - 25, "C": 53 - 25})
    assert out["savings"] == pytest.approx({"P": 55, "A": 50, "B": 30, "C": 25})
    assert out["proportional"] == pytest.approx({p: 183 * c / 343 for p, c in out["standalone"].items()})
    assert out["equal_savings"] == pytest.approx({"P": 60, "A": 80, "B": 30, "C": 13})
    assert out["in_core"] is True and out["blocking_coalitions"] == []
    assert out["core_check"] == "exact over all 2^4 = 16 coalitions"
    json.dumps(out)


def test_cost_table_matches_the_formula() -> None:
    s = build(*EXAMPLE)
    game = ecosystem_game(s)
    table = game.table()
    for mask in range(1 << game.n):
        members = {p for j, p in enumerate(game.players) if mask >> j & 1}
        assert table[mask] == pytest.approx(direct_cost(s, members))
        assert game.cost_of(members) == pytest.approx(table[mask])
    assert game.cost(np.array([[1, 3], [15, 0]])).shape == (2, 2)
    with pytest.raises(ValueError):
        game.cost(np.array([16]))


def test_negative_savings_pair_blocks() -> None:
    # A alone pays 20 for what costs u·v = 50 through O: savings −30.
    s = build(["O", "A"], [("k", "O", 10, 5)], [("k", "A", 10, 20)])
    out = analyze_cost_sharing(s).to_json()
    assert out["total_cost"] == pytest.approx(60) and out["total_standalone"] == pytest.approx(30)
    assert out["shapley"] == pytest.approx({"O": 25, "A": 35})
    assert out["in_core"] is False and out["blocking_count"] == 2
    assert out["blocking_coalitions"] == [
        {"members": ["O"], "excess": pytest.approx(15)},
        {"members": ["A"], "excess": pytest.approx(15)},
    ]
    assert any("negative savings" in n for n in out["notes"])


def test_blocking_order_smallest_then_excess() -> None:
    # O–A has savings −10, O–B has savings −30; O–C +100 keeps O itself from blocking.
    s = build(
        ["O", "A", "B", "C"],
        [("k", "O", 0, 1)],
        [("k", "A", 10, 0), ("k", "B", 30, 0), ("k", "C", 1, 101)],
    )
    out = analyze_cost_sharing(s).to_json()
    sizes = [len(b["members"]) for b in out["blocking_coalitions"]]
    assert sizes == sorted(sizes)
    assert out["blocking_coalitions"][:2] == [
        {"members": ["B"], "excess": pytest.approx(15)},
        {"members": ["A"], "excess": pytest.approx(5)},
    ]


def test_owner_with_unused_capability_is_a_player() -> None:
    s = build(["O", "X"], [("k", "O", 40, 1)], [])
    out = analyze_cost_sharing(s).to_json()
    assert out["players"] == ["O"]
    assert out["shapley"] == {"O": 40} and out["total_cost"] == 40 and out["in_core"] is True


def test_empty_game() -> None:
    out = analyze_cost_sharing(Scenario("e")).to_json()
    assert out["players"] == [] and out["total_cost"] == 0 and out["total_standalone"] == 0
    assert out["shapley"] == {} and out["in_core"] is True and out["blocking_coalitions"] == []
    assert out["notes"] and out["pools"] == []


def test_zero_standalone_proportional_falls_back_to_equal() -> None:
    s = build(["O", "A"], [("k", "O", 0, 2)], [("k", "A", 3, 0)])
    out = analyze_cost_sharing(s).to_json()
    assert out["total_cost"] == pytest.approx(6)
    assert out["proportional"] == pytest.approx({"O": 3, "A": 3})


def test_pool_hook() -> None:
    class Fake:
        def to_json(self) -> dict[str, Any]:
            return {"pools": [{"id": "p", "rule": "equal", "allocation": {}, "shapley": {}, "fairness_gap": {}}]}

    seen: list[int] = []

    def analyzer(scenario: Scenario, *, seed: int) -> Fake:
        seen.append(seed)
        return Fake()

    out = analyze_cost_sharing(build(*EXAMPLE), seed=7, pool_analyzer=analyzer).to_json()
    assert seen == [7] and out["pools"][0]["id"] == "p"


def _large(n_extra: int, negative: list[tuple[str, str]], chain: int = 0) -> Scenario:
    """A hub H with ``n_extra`` consumers (savings ≥ 0), plus owner→consumer pairs with savings −6."""
    ents = ["H"] + [f"c{j}" for j in range(n_extra)]
    caps = [("kh", "H", 10, 1)]
    flows: list[tuple[str, str, float, float | None]] = [("kh", f"c{j}", 1, None) for j in range(n_extra)]
    for m, (o, i) in enumerate(negative):
        for e in (o, i):
            if e not in ents:
                ents.append(e)
        caps.append((f"kn{m}", o, 0, 1))
        flows.append((f"kn{m}", i, 10, 4))
    for m in range(chain):  # a long chain of positive pairs hanging off the first negative owner
        ents.append(f"ch{m}")
        caps.append((f"kc{m}", negative[0][0] if m == 0 else f"ch{m - 1}", 0, 0))
        flows.append((f"kc{m}", f"ch{m}", 1, 1))
    return build(ents, caps, flows)


def test_large_game_without_negative_pairs_is_in_core_by_structure() -> None:
    out = analyze_cost_sharing(_large(24, [])).to_json()
    assert len(out["players"]) == 25
    assert out["in_core"] is True and out["core_check"].startswith("exact by structure")


def test_large_game_small_negative_component_is_exact() -> None:
    s = _large(22, [("X", "Y")])
    out = analyze_cost_sharing(s).to_json()
    assert out["in_core"] is False and out["core_check"].startswith("exact by structure")
    assert out["blocking_coalitions"] == [
        {"members": ["X"], "excess": pytest.approx(3)},
        {"members": ["Y"], "excess": pytest.approx(3)},
    ]
    game = ecosystem_game(s)
    for b in out["blocking_coalitions"]:
        phi = sum(out["shapley"][p] for p in b["members"])
        assert phi - game.cost_of(b["members"]) == pytest.approx(b["excess"])


def test_large_negative_component_is_searched() -> None:
    s = _large(2, [("X", "Y")], chain=22)
    out = analyze_cost_sharing(s).to_json()
    assert out["core_check"].startswith("partial")
    assert out["in_core"] is False
    assert {"members": ["Y"], "excess": pytest.approx(3)} in out["blocking_coalitions"]


def test_large_component_without_blocker_says_unproven() -> None:
    # X–Y saves −6, but both gain 100 with Z: nothing blocks; a chain makes the component large.
    s = _large(2, [("X", "Y")], chain=22)
    s.add(Entity("Z"))
    s.add(Capability("kz", category="c", owner="Z", fixed_cost=0, unit_cost=0))
    s.add(Flow("fz1", "Z", "X", kind="capability", capability="kz", volume=1, standalone_cost=100))
    s.add(Flow("fz2", "Z", "Y", kind="capability", capability="kz", volume=1, standalone_cost=100))
    out = analyze_cost_sharing(s).to_json()
    assert out["in_core"] is True and out["blocking_coalitions"] == []
    assert out["core_check"].startswith("partial") and "not proven" in out["core_check"]


def test_structured_check_agrees_with_enumeration_at_21_players() -> None:
    s = _large(17, [("X", "Y"), ("X", "W")])
    game = ecosystem_game(s)
    assert game.n == 21
    phi = np.array(list(closed_form_shapley(game).values()))
    exact = costshare._core_exact(game, phi, 1e-7, 5)
    structured = costshare._core_structured(game, phi, 1e-7, 5)
    assert exact.in_core is structured.in_core is False
    assert [m for m, _ in exact.blocking] == [m for m, _ in structured.blocking]


def test_table_refuses_more_than_20_players() -> None:
    with pytest.raises(ValueError):
        ecosystem_game(_large(21, [])).table()


# -- properties ---------------------------------------------------------------------------------------------------

quarter = st.integers(0, 40).map(lambda k: k / 4)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    n = draw(st.integers(2, 8))
    ents = [f"e{j}" for j in range(n)]
    caps = []
    for m in range(draw(st.integers(1, 4))):
        caps.append((f"k{m}", draw(st.sampled_from(ents)), draw(quarter), draw(quarter)))
    flows: list[tuple[str, str, float, float | None]] = []
    for _ in range(draw(st.integers(0, 9))):
        cid, owner, _, _ = draw(st.sampled_from(caps))
        target = draw(st.sampled_from([e for e in ents if e != owner]))
        volume = float(draw(st.integers(0, 6)))
        a = draw(st.one_of(st.none(), quarter))  # often below u·v: negative savings
        flows.append((cid, target, volume, a))
    return build(ents, caps, flows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_closed_form_matches_brute_force_and_core_check(s: Scenario) -> None:
    game = ecosystem_game(s)
    n = game.n
    table = game.cost(np.arange(1 << n))
    for mask in range(1 << n):
        members = {p for j, p in enumerate(game.players) if mask >> j & 1}
        assert table[mask] == pytest.approx(direct_cost(s, members), abs=1e-9)
    phi = closed_form_shapley(game)
    brute = brute_shapley(table, n)
    assert [phi[p] for p in game.players] == pytest.approx(brute, abs=1e-7)

    out = analyze_cost_sharing(s).to_json()
    assert out["total_cost"] == pytest.approx(table[(1 << n) - 1])
    assert sum(out["shapley"].values()) == pytest.approx(out["total_cost"], abs=1e-7)
    assert sum(out["proportional"].values()) == pytest.approx(out["total_cost"], abs=1e-7)
    assert sum(out["equal_savings"].values()) == pytest.approx(out["total_cost"], abs=1e-7)
    blocking = []
    for mask in range(1, 1 << n):
        members = [p for j, p in enumerate(game.players) if mask >> j & 1]
        excess = sum(brute[j] for j in range(n) if mask >> j & 1) - table[mask]
        if excess > 1e-6:  # data are multiples of 1/4: a real excess is at least 1/8
            blocking.append((len(members), -excess, [game.players.index(p) for p in members], members, excess))
    assert out["in_core"] is (not blocking)
    assert out["blocking_count"] == len(blocking)
    blocking.sort(key=lambda t: (t[0], round(t[1], 6), t[2]))
    listed = out["blocking_coalitions"]
    assert len(listed) == min(len(blocking), costshare.MAX_BLOCKING)
    assert [b["members"] for b in listed] == [t[3] for t in blocking[: len(listed)]]
    assert [b["excess"] for b in listed] == pytest.approx([t[4] for t in blocking[: len(listed)]])
    if all(p.savings >= 0 for p in game.pairs):
        assert out["in_core"] is True


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_structured_check_agrees_with_enumeration(s: Scenario) -> None:
    game = ecosystem_game(s)
    phi = np.array(list(closed_form_shapley(game).values()))
    exact = costshare._core_exact(game, phi, 1e-6, 10_000)
    structured = costshare._core_structured(game, phi, 1e-6, 10_000)
    assert exact.in_core is structured.in_core
    if not exact.in_core:
        smallest = min(len(m) for m, _ in exact.blocking)
        assert min(len(m) for m, _ in structured.blocking) == smallest
        exact_set = {m for m, _ in exact.blocking}
        assert all(m in exact_set for m, _ in structured.blocking)


def test_combinatorial_sanity_of_brute_force() -> None:
    # c = (0, 4, 6, 8): orders 1→2 and 2→1 give (4, 4) and (2, 6); the mean is (3, 5)
    cost = np.array([0.0, 4.0, 6.0, 8.0])
    assert brute_shapley(cost, 2) == pytest.approx([3.0, 5.0])
