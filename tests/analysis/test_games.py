"""The cooperative-game engine: Shapley (exact and sampled), nucleolus, core, airport and
bankruptcy rules, checked against textbook oracles and hypothesis properties."""

from __future__ import annotations

import itertools
import math
import statistics
import time
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodesk.analysis import bankruptcy as bk
from ecodesk.analysis.games import (
    airport_shapley,
    coalition_sums,
    core_violations,
    game_players,
    members_of,
    nucleolus,
    popcounts,
    shapley_exact,
    shapley_sampled,
    tabulate,
)

CLAIMS = [100, 200, 300]
THIRD = float(Fraction(100, 3))


def brute_shapley(v: np.ndarray) -> np.ndarray:
    """Average marginal contribution over every order (independent of the engine)."""
    n = game_players(v)
    phi = np.zeros(n)
    orders = list(itertools.permutations(range(n)))
    for order in orders:
        mask = 0
        for i in order:
            phi[i] += v[mask | 1 << i] - v[mask]
            mask |= 1 << i
    return phi / len(orders)


def glove_game() -> np.ndarray:
    # player 0 holds a left glove, players 1 and 2 right gloves; v = number of pairs
    return tabulate(lambda s: float(min(s & 1, bin(s >> 1).count("1"))), 3)


def four_player_game() -> np.ndarray:
    named = {
        (1, 2): 5,
        (1, 3): 5,
        (1, 4): 8,
        (2, 3): 9,
        (2, 4): 10,
        (3, 4): 8,
        (1, 2, 3): 13,
        (1, 2, 4): 15,
        (1, 3, 4): 16,
        (2, 3, 4): 17,
        (1, 2, 3, 4): 21,
    }
    v = np.zeros(16)
    for players, value in named.items():
        v[sum(1 << (p - 1) for p in players)] = value
    return v


# --------------------------------------------------------------------------- tables


def test_table_helpers() -> None:
    assert list(popcounts(3)) == [0, 1, 1, 2, 1, 2, 2, 3]
    assert list(coalition_sums([1, 10, 100])) == [0, 1, 10, 11, 100, 101, 110, 111]
    assert members_of([0, 5, 6], 3).tolist() == [[False] * 3, [True, False, True], [False, True, True]]
    slow = tabulate(lambda s: s * 2.0, 4)
    fast = tabulate(lambda m: m * 2.0, 4, vectorised=True)
    assert np.array_equal(slow, fast)
    assert game_players(np.zeros(1)) == 0
    with pytest.raises(ValueError):
        game_players(np.zeros(6))
    with pytest.raises(ValueError):
        shapley_exact(np.zeros((2, 2)))


# --------------------------------------------------------------------------- bankruptcy oracles


@pytest.mark.parametrize(
    ("estate", "expected"),
    [
        (100, [THIRD, THIRD, THIRD]),
        (200, [50, 75, 75]),
        (300, [50, 100, 150]),
    ],
)
def test_talmud_contested_garment_table(estate: float, expected: list[float]) -> None:
    assert bk.talmud(estate, CLAIMS) == pytest.approx(expected, abs=1e-12)
    assert nucleolus(bk.bankruptcy_game(estate, CLAIMS)) == pytest.approx(expected, abs=1e-7)


def test_talmud_above_half_the_claims_equals_nucleolus() -> None:
    # E = 400 > D/2: each gets d − CEA(200, d/2) = d − (50, 75, 75)
    assert bk.talmud(400, CLAIMS) == pytest.approx([50, 125, 225])
    assert nucleolus(bk.bankruptcy_game(400, CLAIMS)) == pytest.approx([50, 125, 225], abs=1e-7)


def test_shapley_of_bankruptcy_game() -> None:
    game = bk.bankruptcy_game(200, CLAIMS)
    expected = [float(Fraction(100, 3)), float(Fraction(250, 3)), float(Fraction(250, 3))]
    assert shapley_exact(game) == pytest.approx(expected, abs=1e-9)
    assert list(game) == [0, 0, 0, 0, 0, 0, 100, 200]


def test_bankruptcy_rules_hand_computed() -> None:
    claims = [40, 100, 200]
    assert bk.cea(150, claims) == pytest.approx([40, 55, 55])  # 40 + 2λ = 150
    assert bk.cel(150, claims) == pytest.approx([0, 25, 125])  # (100 − μ) + (200 − μ) = 150
    assert bk.proportional(150, claims) == pytest.approx([300 / 17, 750 / 17, 1500 / 17])
    assert bk.cea(200, CLAIMS) == pytest.approx([200 / 3] * 3)
    assert bk.cel(200, CLAIMS) == pytest.approx([0, 50, 150])
    # an estate covering every claim pays the claims; an empty one pays nothing
    for rule in (bk.proportional, bk.cea, bk.cel, bk.talmud):
        assert rule(1000, claims) == pytest.approx(claims)
        assert rule(0, claims) == pytest.approx([0, 0, 0])
        assert rule(10, [0, 0]) == pytest.approx([0, 0])
    with pytest.raises(ValueError):
        bk.cea(10, [-1, 2])


@given(st.lists(st.integers(0, 1000), min_size=1, max_size=6), st.floats(0, 1))
@settings(max_examples=60, deadline=None)
def test_bankruptcy_rules_are_efficient_and_bounded(claims: list[int], frac: float) -> None:
    estate = frac * sum(claims)
    for rule in (bk.proportional, bk.cea, bk.cel, bk.talmud):
        x = rule(estate, claims)
        assert x.sum() == pytest.approx(estate, abs=1e-9)
        assert np.all(x >= -1e-12)
        assert np.all(x <= np.array(claims) + 1e-9)


# --------------------------------------------------------------------------- classic oracles


def test_airport_game() -> None:
    expected = [1 / 3, 5 / 6, 11 / 6]
    assert airport_shapley([1, 2, 3]) == pytest.approx(expected, abs=1e-12)
    costs = [1.0, 2.0, 3.0]
    table = tabulate(lambda s: max((c for i, c in enumerate(costs) if s >> i & 1), default=0.0), 3)
    assert shapley_exact(table) == pytest.approx(expected, abs=1e-9)
    # order of players does not matter, ties share equally
    assert airport_shapley([3, 1, 2]) == pytest.approx([11 / 6, 1 / 3, 5 / 6])
    assert airport_shapley([2, 2]) == pytest.approx([1, 1])
    assert len(airport_shapley([])) == 0


@given(st.lists(st.floats(0, 1000, allow_nan=False), min_size=1, max_size=7))
@settings(max_examples=40, deadline=None)
def test_airport_closed_form_equals_enumeration(costs: list[float]) -> None:
    n = len(costs)
    c = np.array(costs)
    table = tabulate(lambda m: np.max(np.where(members_of(m, n), c, 0.0), axis=1), n, vectorised=True)
    assert airport_shapley(costs) == pytest.approx(shapley_exact(table), abs=1e-9)


def test_glove_game() -> None:
    v = glove_game()
    assert shapley_exact(v) == pytest.approx([2 / 3, 1 / 6, 1 / 6], abs=1e-12)
    assert nucleolus(v) == pytest.approx([1, 0, 0], abs=1e-7)
    assert nucleolus(v, imputations=False) == pytest.approx([1, 0, 0], abs=1e-7)


def test_four_player_nucleolus() -> None:
    assert nucleolus(four_player_game()) == pytest.approx([3.5, 4.5, 5.5, 7.5], abs=1e-7)


def test_cost_nucleolus_is_negated_value_nucleolus() -> None:
    # as a cost game, −v; its nucleolus maximises the least saving c(S) − x(S)
    v = four_player_game()
    assert nucleolus(-v, kind="cost") == pytest.approx([-3.5, -4.5, -5.5, -7.5], abs=1e-7)
    # two players: the standard solution splits the savings equally
    c = np.array([0, 50, 80, 100.0])
    assert nucleolus(c, kind="cost") == pytest.approx([35, 65], abs=1e-7)
    with pytest.raises(ValueError):
        nucleolus(c, kind="profit")  # type: ignore[arg-type]


def test_small_and_degenerate_games() -> None:
    assert len(shapley_exact([0.0])) == 0
    assert len(nucleolus([0.0])) == 0
    assert shapley_exact([0.0, 7.0]) == pytest.approx([7])
    assert nucleolus([0.0, 7.0]) == pytest.approx([7])
    assert nucleolus(np.zeros(8)) == pytest.approx([0, 0, 0])
    # no imputation exists (v(1) + v(2) > v(N)): the pre-nucleolus is returned
    assert nucleolus([0.0, 10.0, 10.0, 5.0]) == pytest.approx([2.5, 2.5], abs=1e-7)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_shapley_exact_matches_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=32) * 100
    v[0] = 0
    assert shapley_exact(v) == pytest.approx(brute_shapley(v), abs=1e-9)


def test_shapley_exact_at_twenty_players_is_exact_on_additive_and_unanimity_games() -> None:
    n = 20
    w = np.arange(1, n + 1, dtype=float)
    assert shapley_exact(coalition_sums(w)) == pytest.approx(w, abs=1e-9)
    # unanimity game of players {0, 5, 19}: each gets 1/3, the others 0
    t = (1 << 0) | (1 << 5) | (1 << 19)
    u = tabulate(lambda m: ((m & t) == t).astype(float), n, vectorised=True)
    expected = np.zeros(n)
    expected[[0, 5, 19]] = 1 / 3
    assert shapley_exact(u) == pytest.approx(expected, abs=1e-9)


def test_shapley_exact_speed_at_twenty_players() -> None:
    rng = np.random.default_rng(0)
    v = rng.random(1 << 20)
    v[0] = 0
    times = []
    for _ in range(5):
        start = time.perf_counter()
        phi = shapley_exact(v)
        times.append(time.perf_counter() - start)
    assert phi.sum() == pytest.approx(v[-1], abs=1e-9)
    assert statistics.median(times) < 2.0  # measured ≈ 7 ms on 2 cores


# --------------------------------------------------------------------------- sampling


def test_sampled_shapley_within_its_interval() -> None:
    rng = np.random.default_rng(7)
    n = 10
    w = rng.random(n) * 10
    v = coalition_sums(w) ** 1.5  # a convex, non-additive game
    exact = shapley_exact(v)
    est, half = shapley_sampled(v, n, samples=4000, seed=11)
    assert np.all(half > 0)
    inside = np.abs(est - exact) <= half
    assert inside.mean() >= 0.8
    assert np.all(np.abs(est - exact) <= 2 * half)
    assert est.sum() == pytest.approx(v[-1], rel=1e-12)  # every order is efficient


def test_sampled_shapley_is_deterministic_and_form_independent() -> None:
    n = 8
    w = np.linspace(1, 3, n)
    v = coalition_sums(w) ** 0.7
    a = shapley_sampled(v, n, samples=500, seed=3)
    b = shapley_sampled(v, n, samples=500, seed=3)
    c = shapley_sampled(lambda member: float(w[member].sum() ** 0.7), n, samples=500, seed=3)
    d = shapley_sampled(lambda members: (members @ w) ** 0.7, n, samples=500, seed=3, batch=True)
    e = shapley_sampled(v, n, samples=500, seed=4)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert a[0] == pytest.approx(c[0], abs=1e-12)
    assert a[0] == pytest.approx(d[0], abs=1e-12)
    assert not np.array_equal(a[0], e[0])
    with pytest.raises(ValueError):
        shapley_sampled(v, n, samples=1, seed=0)
    with pytest.raises(ValueError):
        shapley_sampled(v, n + 1, samples=10, seed=0)


def test_sampled_shapley_of_additive_game_is_exact() -> None:
    w = np.arange(30, dtype=float)
    est, half = shapley_sampled(lambda m: m @ w, 30, samples=50, seed=0, batch=True)
    assert est == pytest.approx(w, abs=1e-9)
    assert half == pytest.approx(np.zeros(30), abs=1e-9)


# --------------------------------------------------------------------------- core


def test_core_violations_sorted_smallest_first() -> None:
    c = np.array([0, 10, 10, 15, 10, 15, 15, 21.0])  # 3 symmetric players
    assert core_violations(c, [7, 7, 7]) == []
    bad = core_violations(c, [12, 4.5, 4.5])
    assert [(v.mask, v.players) for v in bad] == [(1, (0,)), (3, (0, 1)), (5, (0, 2))]
    assert bad[0].excess == pytest.approx(2)
    assert bad[1].excess == pytest.approx(1.5)
    assert len(core_violations(c, [12, 4.5, 4.5], max_results=1)) == 1
    # paying more than c(N) in total violates the grand coalition
    over = core_violations(c, [7, 7, 8], max_results=None)
    assert over[-1].mask == 7 and over[-1].excess == pytest.approx(1)
    # ties in size and excess are broken by mask; larger coalitions come later whatever their excess
    tie = core_violations(c, [8, 8, 8])
    assert [v.mask for v in tie] == [3, 5, 6, 7]
    assert [v.excess for v in tie] == pytest.approx([1, 1, 1, 3])


# --------------------------------------------------------------------------- properties

games = (
    st.integers(1, 5)
    .flatmap(lambda n: st.lists(st.integers(-50, 100), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    .map(lambda vals: np.array([0.0, *vals]))
)


@given(games)
@settings(max_examples=60, deadline=None)
def test_shapley_efficiency_and_brute_force(v: np.ndarray) -> None:
    phi = shapley_exact(v)
    assert phi.sum() == pytest.approx(v[-1], abs=1e-9)
    assert phi == pytest.approx(brute_shapley(v), abs=1e-9)


@given(st.integers(2, 6), st.data())
@settings(max_examples=40, deadline=None)
def test_shapley_symmetry_and_dummy(n: int, data: st.DataObject) -> None:
    # a game depending only on how many of players 0..n-2 are in S is symmetric in them;
    # player n-1 adds exactly d to every coalition: a dummy player
    f = data.draw(st.lists(st.integers(-20, 50), min_size=n, max_size=n))
    d = data.draw(st.integers(-10, 10))
    pc = popcounts(n - 1)
    base = np.array([f[k] for k in pc], dtype=float)
    base -= base[0]
    v = np.concatenate([base, base + d])
    phi = shapley_exact(v)
    assert phi[-1] == pytest.approx(d, abs=1e-9)
    assert np.ptp(phi[:-1]) == pytest.approx(0, abs=1e-9)
    x = nucleolus(v, imputations=False)
    assert x.sum() == pytest.approx(v[-1], abs=1e-6)
    assert np.ptp(x[:-1]) == pytest.approx(0, abs=1e-6)


@given(st.lists(st.floats(-100, 100, allow_nan=False), min_size=1, max_size=8))
@settings(max_examples=40, deadline=None)
def test_shapley_and_nucleolus_of_additive_games(w: list[float]) -> None:
    v = coalition_sums(w)
    assert shapley_exact(v) == pytest.approx(w, abs=1e-9)
    assert nucleolus(v) == pytest.approx(w, abs=1e-6)


def convex_game(n: int, dividends: list[int]) -> np.ndarray:
    """Σ_T d_T·u_T with d_T ≥ 0: a totally monotone, hence convex, game."""
    masks = np.arange(1 << n)
    v = np.zeros(1 << n)
    for t, d in zip(range(1, 1 << n), dividends):
        v += d * ((masks & t) == t)
    return v


@given(
    st.integers(2, 5).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.integers(0, 20), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    )
)
@settings(max_examples=40, deadline=None)
def test_nucleolus_and_shapley_in_core_of_convex_games(case: tuple[int, list[int]]) -> None:
    n, dividends = case
    v = convex_game(n, dividends)
    scale = max(1.0, float(v.max()))
    for x in (nucleolus(v), shapley_exact(v)):
        assert x.sum() == pytest.approx(v[-1], abs=1e-7 * scale)
        assert np.all(coalition_sums(x) >= v - 1e-7 * scale)  # in the (value) core
        # as a cost game −v the same allocation (negated) has no core violation
        assert core_violations(-v, -x, tol=1e-7) == []


@given(
    st.integers(2, 5).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.integers(0, 20), min_size=(1 << n) - 1, max_size=(1 << n) - 1))
    )
)
@settings(max_examples=30, deadline=None)
def test_cost_nucleolus_equals_savings_game_nucleolus(case: tuple[int, list[int]]) -> None:
    n, dividends = case
    savings = convex_game(n, dividends)
    stand_alone = np.array([30.0 + 7 * i for i in range(n)])
    cost = coalition_sums(stand_alone) - savings  # c(S) = Σ c(i) − s(S)
    assert nucleolus(cost, kind="cost") == pytest.approx(stand_alone - nucleolus(savings), abs=1e-6)


def test_nucleolus_at_twelve_players() -> None:
    rng = np.random.default_rng(5)
    claims = rng.integers(1, 200, 12).astype(float)
    estate = 0.4 * claims.sum()
    x = nucleolus(bk.bankruptcy_game(estate, claims))
    assert x == pytest.approx(bk.talmud(estate, claims), abs=1e-6)
    assert math.isclose(x.sum(), estate, rel_tol=1e-9)
