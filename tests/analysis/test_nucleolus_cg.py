"""The nucleolus by constraint generation (issue 19): equal to the former full-LP solver
(tests/analysis/reference_nucleolus.py) on random games of every size up to 12, equal to the
Talmud rule on bankruptcy games of 20 players and to Littlechild's closed form on airport
games of 20–50 players; symmetry reduction, separation by sorting for concave cost pools
beyond the table, pools of 20–30 members, the explicit "too large" notes, cancel."""

from __future__ import annotations

import itertools
import time
from functools import partial

import numpy as np
import pytest

from ecodesk.analysis import bankruptcy as bk
from ecodesk.analysis import pools
from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.game_lexmin import nucleolus_space
from ecodesk.analysis.game_oracle import WeightedConvexGame, nucleolus_weighted_convex
from ecodesk.analysis.game_space import CoalitionSpace, profile_count, profile_sums, types_of
from ecodesk.analysis.games import airport_nucleolus, coalition_sums, core_violations, nucleolus
from ecodesk.analysis.notes_zh import note_text
from ecodesk.analysis.pools import NUCLEOLUS_MAX_PROFILES, ORACLE_MAX_MEMBERS, analyze_pool
from ecodesk.model import Entity, Pool, Scenario
from tests.analysis.reference_nucleolus import reference_nucleolus


def airport_table(costs: np.ndarray) -> np.ndarray:
    masks = np.arange(1 << len(costs))
    table = np.zeros(len(masks))
    for i, c in enumerate(costs):
        table = np.maximum(table, np.where((masks >> i) & 1, c, 0.0))
    return table


def random_games(n: int, rng: np.random.Generator) -> list[tuple[str, np.ndarray]]:
    w = rng.uniform(1, 100, n)
    games = [
        ("random", np.concatenate([[0.0], rng.uniform(0, 10, (1 << n) - 1)])),
        ("integer", np.concatenate([[0.0], rng.integers(0, 6, (1 << n) - 1).astype(float)])),
        ("pool", 1e6 * (coalition_sums(w / w.sum()) ** 0.8)),
        ("bankruptcy", bk.bankruptcy_game(0.4 * w.sum(), w)),
        ("airport", airport_table(rng.uniform(1, 50, n))),
    ]
    return games


# --------------------------------------------------------------------------- against the former solver


@pytest.mark.parametrize("n", range(2, 13))
def test_constraint_generation_equals_the_full_lp(n: int) -> None:
    rng = np.random.default_rng(100 + n)
    for name, v in random_games(n, rng):
        for kind in ("value", "cost"):
            expected = reference_nucleolus(v, kind=kind)
            info: dict[str, int] = {}
            got = nucleolus_space(CoalitionSpace.from_table(v), kind=kind, dense_limit=0, info=info)
            scale = max(1.0, float(np.abs(v).max()))  # both solve to HiGHS' 1e-7 on values scaled to 1
            assert got == pytest.approx(expected, abs=1e-6 * scale), (name, kind)
            assert info["rows"] < len(v)  # a working set, never the whole table (2**n − 2 rows)


@pytest.mark.parametrize("n", range(2, 7))
def test_small_games_give_the_former_numbers_exactly(n: int) -> None:
    rng = np.random.default_rng(n)
    for _name, v in random_games(n, rng):
        for kind in ("value", "cost"):
            assert np.array_equal(nucleolus(v, kind=kind), reference_nucleolus(v, kind=kind))


def test_pre_nucleolus_without_imputations_matches() -> None:
    rng = np.random.default_rng(7)
    v = np.concatenate([[0.0], rng.uniform(0, 10, 255)])
    v[1 << np.arange(8)] = 5.0  # singletons worth more than N / 8: no imputation
    v[-1] = 20.0
    got = nucleolus_space(CoalitionSpace.from_table(v), dense_limit=0)
    assert got == pytest.approx(reference_nucleolus(v), abs=1e-7 * 20)
    assert got == pytest.approx(reference_nucleolus(v, imputations=False), abs=1e-7 * 20)


# --------------------------------------------------------------------------- closed forms at 20 and beyond


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.8])
def test_bankruptcy_nucleolus_at_twenty_is_the_talmud_rule(fraction: float) -> None:
    rng = np.random.default_rng(int(fraction * 10))
    claims = rng.uniform(10, 100, 20).round(1)
    estate = fraction * claims.sum()
    info: dict[str, int] = {}
    x = nucleolus(bk.bankruptcy_game(estate, claims), info=info)
    assert x == pytest.approx(bk.talmud(estate, claims), abs=1e-6)
    assert info["rows"] < 2000  # of 1,048,574 coalitions


@pytest.mark.parametrize("n", [3, 5, 8, 10])
def test_airport_closed_form_equals_the_full_lp(n: int) -> None:
    rng = np.random.default_rng(n)
    for costs in (rng.uniform(1, 100, n), rng.integers(1, 6, n).astype(float)):
        assert airport_nucleolus(costs) == pytest.approx(reference_nucleolus(airport_table(costs), kind="cost"),
                                                         abs=1e-7 * 100)


def test_airport_nucleolus_at_twenty_from_the_table() -> None:
    costs = np.random.default_rng(20).uniform(1, 100, 20)
    x = nucleolus(airport_table(costs), kind="cost")
    assert x == pytest.approx(airport_nucleolus(costs), abs=1e-6)


@pytest.mark.parametrize("n", [20, 30, 50])
def test_airport_nucleolus_up_to_fifty_players_by_symmetry(n: int) -> None:
    rng = np.random.default_rng(n)
    levels = np.sort(rng.uniform(1, 100, 6))
    costs = levels[rng.integers(0, 6, n)]
    of_player, groups = types_of(list(costs))
    sizes = [len(g) for g in groups]
    type_cost = np.array([costs[g[0]] for g in groups])
    # c(profile) = the largest cost of a type present: the max over types of c_t·[k_t > 0]
    present = CoalitionSpace(tuple(sizes), np.zeros(profile_count(sizes))).counts(np.arange(profile_count(sizes))) > 0
    space = CoalitionSpace(tuple(sizes), (present * type_cost).max(axis=1))
    y = nucleolus_space(space, kind="cost")
    assert y[np.asarray(of_player)] == pytest.approx(airport_nucleolus(costs), abs=1e-6)


def test_symmetry_reduction_equals_the_plain_table() -> None:
    rng = np.random.default_rng(3)
    w = rng.choice([1.0, 2.0, 5.0], 12)
    v = 1000 * (coalition_sums(w / w.sum()) ** 0.7)
    _, groups = types_of(list(w))
    plain = nucleolus_space(CoalitionSpace.from_table(v), kind="cost", dense_limit=0)
    info: dict[str, int] = {}
    merged = nucleolus(v, kind="cost", types=groups, info=info)
    assert merged == pytest.approx(plain, abs=1e-6)
    assert info["profiles"] == profile_count([len(g) for g in groups]) < 4096
    for g in groups:  # symmetric players, equal payoffs
        assert np.ptp(merged[g]) == 0


# --------------------------------------------------------------------------- pools


def _pool_scenario(n: int) -> Scenario:
    s = Scenario("Pools")
    for i in range(n):
        s.add(Entity(f"m{i:02d}"))
    return s


def test_twenty_member_pool_shows_its_nucleolus() -> None:
    s = _pool_scenario(20)
    members = tuple(s.entities.ids())
    weights = {m: float(w) for m, w in zip(members, np.random.default_rng(1).uniform(1, 100, 20))}
    p = Pool("p", type="cost", amount=1_000_000, members=members, rule="nucleolus", weights=weights,
             scale_exponent=0.8)
    t = time.perf_counter()
    r = analyze_pool(p, s)
    assert time.perf_counter() - t < 20  # generous: ~0.3 s on an idle laptop
    assert r.nucleolus_method == "lp"
    assert not any("Shapley value instead" in n for n in r.notes)
    x = np.array([r.allocation[m] for m in members])
    assert x.sum() == pytest.approx(1_000_000)
    w = np.array([weights[m] for m in members])
    table = 1_000_000 * coalition_sums(w / w.sum()) ** 0.8
    assert core_violations(table, x, tol=1e-8) == []  # a concave cost game: the nucleolus is in the core
    assert x != pytest.approx(np.array([r.shapley[m] for m in members]), rel=1e-6)  # not the Shapley value
    assert x == pytest.approx(nucleolus_space(CoalitionSpace.from_table(table), kind="cost", dense_limit=0),
                              abs=1e-6 * 1e6)


def test_fourteen_member_pool_equals_the_full_lp() -> None:
    s = _pool_scenario(14)
    members = tuple(s.entities.ids())
    weights = {m: float(i % 5 + 1) for i, m in enumerate(members)}  # 5 types
    p = Pool("p", type="cost", amount=5000, members=members, rule="nucleolus", weights=weights, scale_exponent=0.6)
    r = analyze_pool(p, s)
    w = np.array([weights[m] for m in members])
    expected = reference_nucleolus(5000 * coalition_sums(w / w.sum()) ** 0.6, kind="cost")
    assert [r.allocation[m] for m in members] == pytest.approx(expected, abs=1e-6 * 5000)


def test_forty_members_with_four_weights_are_solved_by_symmetry() -> None:
    s = _pool_scenario(40)
    members = tuple(s.entities.ids())
    weights = {m: float([1, 2, 4, 8][i % 4]) for i, m in enumerate(members)}
    p = Pool("p", type="cost", amount=8000, members=members, rule="nucleolus", weights=weights)
    r = analyze_pool(p, s)
    assert r.nucleolus_method == "lp"
    assert sum(r.allocation.values()) == pytest.approx(8000)
    by_weight = {weights[m]: r.allocation[m] for m in members}
    assert all(r.allocation[m] == by_weight[weights[m]] for m in members)
    assert sorted(by_weight.values()) == [by_weight[w] for w in (1, 2, 4, 8)]  # larger weight, larger share
    w = np.array([1.0, 2.0, 4.0, 8.0])
    sizes = [10, 10, 10, 10]
    space = CoalitionSpace(tuple(sizes), 8000 * profile_sums(sizes, w / (10 * w.sum())) ** 0.8)
    assert [by_weight[x] for x in w] == pytest.approx(nucleolus_space(space, kind="cost", dense_limit=0), abs=1e-6)


def test_a_pool_too_large_for_an_exact_nucleolus_says_so() -> None:
    s = _pool_scenario(45)
    members = tuple(s.entities.ids())
    weights = {m: float(i + 1) for i, m in enumerate(members)}
    p = Pool("p", type="cost", amount=1000, members=members, rule="nucleolus", weights=weights)
    r = analyze_pool(p, s, samples=300)
    assert 2**45 > NUCLEOLUS_MAX_PROFILES and 45 > ORACLE_MAX_MEMBERS
    assert r.nucleolus_method == "not_computed" and r.to_json()["nucleolus_method"] == "not_computed"
    [note] = [n for n in r.notes if n.startswith("Not the nucleolus")]
    assert "45 members have 45 different weights" in note and "up to 40 members" in note
    assert "4,194,304 coalition profiles" in note
    assert "并非核仁" in note_text(note, "zh")
    assert r.allocation == r.shapley  # shown, and said so


def test_a_search_past_its_work_limit_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    s = _pool_scenario(30)
    members = tuple(s.entities.ids())
    weights = {m: float(i + 1) for i, m in enumerate(members)}
    p = Pool("p", type="cost", amount=1000, members=members, rule="nucleolus", weights=weights)
    monkeypatch.setattr(pools, "nucleolus_weighted_convex", partial(nucleolus_weighted_convex, max_lp_rows=50))
    r = analyze_pool(p, s, samples=300)
    assert r.nucleolus_method == "not_computed"
    [note] = [n for n in r.notes if n.startswith("Not the nucleolus")]
    assert "stopped at its work limit" in note and "programme rows" in note
    assert "工作量上限" in note_text(note, "zh")


# --------------------------------------------------------------------------- separation by sorting


@pytest.mark.parametrize("seed", range(6))
def test_sorting_separation_equals_the_table_scan(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 12))
    w = rng.uniform(0, 10, n) if seed % 2 else rng.choice([0.0, 1.0, 2.0, 5.0], n)  # zeros and ties too
    w[0] = max(w[0], 1.0)
    share = w / w.sum()
    beta = [0.3, 0.6, 0.8, 0.95][seed % 4]
    game = WeightedConvexGame(share, lambda x: -1000 * np.maximum(x, 0) ** beta)
    ranked = list(itertools.islice(game.ranked(rng.normal(-50, 30, n)), 1 << n))
    assert len(ranked) == 1 << n  # every coalition exactly once, largest excess first
    assert len({r.tobytes() for r, _ in ranked}) == 1 << n
    excess = [e for _, e in ranked]
    assert excess == sorted(excess, reverse=True)
    expected = nucleolus(1000 * coalition_sums(share) ** beta, kind="cost")
    assert -nucleolus_weighted_convex(game) == pytest.approx(expected, abs=1e-6 * 1000)


def test_sorting_separation_at_twenty_equals_the_table_scan() -> None:
    w = np.random.default_rng(20).uniform(1, 100, 20)
    share = w / w.sum()
    info: dict[str, int] = {}
    got = -nucleolus_weighted_convex(WeightedConvexGame(share, lambda x: -1e6 * np.maximum(x, 0) ** 0.8), info=info)
    assert got == pytest.approx(nucleolus(1e6 * coalition_sums(share) ** 0.8, kind="cost"), abs=1e-6 * 1e6)
    assert info["listed"] < 5000


def test_thirty_members_by_sorting_equal_thirty_by_symmetry() -> None:
    s = _pool_scenario(30)
    members = tuple(s.entities.ids())
    weights = {m: float([3, 7, 20][i % 3]) for i, m in enumerate(members)}  # 11**3 profiles
    p = Pool("p", type="cost", amount=9000, members=members, rule="nucleolus", weights=weights, scale_exponent=0.7)
    by_profiles = analyze_pool(p, s, samples=300)
    w = np.array([weights[m] for m in members])
    game = WeightedConvexGame(w / w.sum(), lambda x: -9000 * np.maximum(x, 0) ** 0.7)
    by_sorting = -nucleolus_weighted_convex(game)
    assert [by_profiles.allocation[m] for m in members] == pytest.approx(by_sorting, abs=1e-6 * 9000)


def test_thirty_distinct_members_get_their_nucleolus_by_sorting() -> None:
    s = _pool_scenario(30)
    members = tuple(s.entities.ids())
    w = np.random.default_rng(30).uniform(1, 100, 30)
    p = Pool("p", type="cost", amount=1e6, members=members, rule="nucleolus",
             weights=dict(zip(members, w.tolist())), scale_exponent=0.8)
    r = analyze_pool(p, s, samples=300)
    assert r.nucleolus_method == "lp" and not any(n.startswith("Not the nucleolus") for n in r.notes)
    x = np.array([r.allocation[m] for m in members])
    assert x.sum() == pytest.approx(1e6)
    game = WeightedConvexGame(w / w.sum(), lambda v: -1e6 * np.maximum(v, 0) ** 0.8)
    _, top = next(game.ranked(-x))
    assert top <= 1e-6 * 1e6  # in the core: no coalition pays more than alone (the concave game's core)


def test_nucleolus_can_be_cancelled() -> None:
    v = 1e3 * coalition_sums(np.arange(1.0, 17.0) / 136) ** 0.8
    with pytest.raises(AnalysisCancelled):
        nucleolus(v, kind="cost", cancel=lambda: True)


def test_twenty_member_reserve_pool_nucleolus_is_the_lp_nucleolus_of_its_game() -> None:
    s = _pool_scenario(20)
    members = tuple(s.entities.ids())
    claims = {m: float(c) for m, c in zip(members, np.random.default_rng(4).integers(10, 200, 20))}
    estate = 0.45 * sum(claims.values())
    p = Pool("r", type="reserve", amount=estate, members=members, rule="nucleolus", claims=claims)
    r = analyze_pool(p, s)
    assert r.nucleolus_method == "closed_form"
    lp = nucleolus(bk.bankruptcy_game(estate, list(claims.values())))
    assert [r.allocation[m] for m in members] == pytest.approx(lp, abs=1e-6 * estate)


def test_pool_nucleolus_can_be_cancelled() -> None:
    s = _pool_scenario(20)
    members = tuple(s.entities.ids())
    p = Pool("p", type="cost", amount=1000, members=members, rule="nucleolus",
             weights={m: float(i + 1) for i, m in enumerate(members)})
    with pytest.raises(AnalysisCancelled):
        analyze_pool(p, s, cancel=lambda: True)
    game = WeightedConvexGame(np.arange(1.0, 31.0) / 465, lambda x: -1000 * np.maximum(x, 0) ** 0.8)
    with pytest.raises(AnalysisCancelled):
        nucleolus_weighted_convex(game, cancel=lambda: True)
