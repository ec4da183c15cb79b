"""Sampled Shapley with a convergence stop rule (issue 19): O(n) prefix values for weighted,
bankruptcy and airport games, equal to the general O(n²) form draw for draw; the stop rule,
samples used and standard errors; determinism per seed; progress and cancel — in the
engine, in pools and through run_analysis."""

from __future__ import annotations

import time

import numpy as np
import pytest

from ecodesk.analysis import bankruptcy as bk
from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.game_sampling import (
    airport_prefixes,
    coalition_prefixes,
    shapley_until,
    table_prefixes,
    weighted_prefixes,
)
from ecodesk.analysis.games import airport_shapley, coalition_sums, shapley_exact
from ecodesk.analysis.notes_zh import note_text
from ecodesk.analysis.pools import PoolResult, analyze_pool
from ecodesk.analysis.run import run_analysis
from ecodesk.model import AnalysisSettings, Entity, Pool, Scenario


def test_weighted_table_and_general_forms_draw_the_same_orders() -> None:
    rng = np.random.default_rng(5)
    n = 12
    share = rng.uniform(1, 10, n)
    share /= share.sum()
    table = 100 * coalition_sums(share) ** 0.8
    kw = {"seed": 9, "tol": 0.0, "max_samples": 300, "batch": 64}
    a = shapley_until(weighted_prefixes(share, lambda s: 100 * s**0.8), n, **kw)
    b = shapley_until(table_prefixes(table), n, **kw)
    c = shapley_until(coalition_prefixes(lambda m: 100 * (m @ share) ** 0.8), n, **kw)
    assert a.samples == b.samples == c.samples == 300
    assert a.values == pytest.approx(b.values, abs=1e-9) and a.values == pytest.approx(c.values, abs=1e-9)
    assert a.standard_error == pytest.approx(c.standard_error, rel=1e-6)
    assert a.values.sum() == pytest.approx(100)  # every order is efficient


def test_the_estimate_is_within_its_standard_errors_and_stops_by_the_rule() -> None:
    n = 20
    w = np.random.default_rng(2).uniform(1, 100, n)
    share = w / w.sum()
    exact = shapley_exact(1000 * coalition_sums(share) ** 0.8)
    r = shapley_until(weighted_prefixes(share, lambda s: 1000 * s**0.8), n, seed=1, tol=1e-3)
    assert r.converged and r.target == pytest.approx(1.0)
    assert r.max_standard_error <= 1.0
    assert 1000 <= r.samples < 100_000
    assert np.all(np.abs(r.values - exact) <= 5 * r.standard_error + 1e-9)
    assert r.half_width == pytest.approx(1.96 * r.standard_error)
    tighter = shapley_until(weighted_prefixes(share, lambda s: 1000 * s**0.8), n, seed=1, tol=2e-4)
    assert tighter.samples > 4 * r.samples  # se ∝ 1/√samples: 5× tighter needs ~25× the orders
    assert tighter.max_standard_error <= 0.2


def test_sample_limit_and_determinism() -> None:
    costs = np.random.default_rng(3).uniform(1, 50, 40)
    a = shapley_until(airport_prefixes(costs), 40, seed=4, tol=1e-9, max_samples=2500)
    b = shapley_until(airport_prefixes(costs), 40, seed=4, tol=1e-9, max_samples=2500)
    c = shapley_until(airport_prefixes(costs), 40, seed=5, tol=1e-9, max_samples=2500)
    assert not a.converged and a.samples == 2500
    assert np.array_equal(a.values, b.values) and np.array_equal(a.standard_error, b.standard_error)
    assert not np.array_equal(a.values, c.values)
    assert np.all(np.abs(a.values - airport_shapley(costs)) <= 5 * a.standard_error + 1e-9)


def test_progress_rises_to_one_and_cancel_stops_between_batches() -> None:
    seen: list[float] = []
    pre = weighted_prefixes(np.ones(50) / 50, lambda s: s**0.5)
    shapley_until(pre, 50, tol=0.0, max_samples=1000, batch=100, progress=seen.append)
    assert len(seen) == 10 and seen == sorted(seen) and seen[-1] == 1.0
    calls = iter(range(100))
    with pytest.raises(AnalysisCancelled):
        shapley_until(pre, 50, tol=0.0, max_samples=10_000, batch=100, cancel=lambda: next(calls) >= 3)
    assert next(calls) == 4  # asked before each batch: three ran, the fourth was refused


def test_validation() -> None:
    pre = weighted_prefixes([1.0], lambda s: s)
    with pytest.raises(ValueError, match="at least 2"):
        shapley_until(pre, 1, max_samples=1)
    with pytest.raises(ValueError, match="non-negative"):
        shapley_until(pre, 1, tol=-1)
    empty = shapley_until(pre, 0)
    assert empty.samples == 0 and len(empty.values) == 0


# --------------------------------------------------------------------------- pools


def _scenario(n: int) -> Scenario:
    s = Scenario("Big")
    for i in range(n):
        s.add(Entity(f"m{i:04d}"))
    return s


def test_two_thousand_member_pool_is_sampled_fast_with_the_stop_rule() -> None:
    s = _scenario(2000)
    members = tuple(s.entities.ids())
    weights = {m: float(w) for m, w in zip(members, np.random.default_rng(1).uniform(1, 100, 2000))}
    p = Pool("p", type="cost", amount=1_000_000, members=members, rule="shapley", weights=weights)
    t = time.perf_counter()
    r = analyze_pool(p, s)
    assert time.perf_counter() - t < 30  # generous: ~0.2 s on an idle laptop (it was 15.7 s)
    assert r.shapley_method == "sampled"
    assert r.shapley_samples == 1000  # the minimum: the rule (se ≤ 0.01 % of the amount) holds at once
    row = r.to_json()
    assert row["shapley_samples"] == 1000 and set(row["shapley_standard_error"]) == set(members)
    back = PoolResult.from_json(row)
    assert back.shapley_samples == 1000 and back.shapley_standard_error == r.shapley_standard_error
    assert "nucleolus_method" not in row  # only for the nucleolus rule
    assert max(r.shapley_standard_error.values()) <= 100
    assert sum(r.shapley.values()) == pytest.approx(1_000_000)
    assert any(n.startswith("Sampling stopped once the largest standard error") for n in r.notes)
    assert all(note_text(n, "zh") != n for n in r.notes)


def test_reserve_pool_sampling_hits_its_limit_and_says_so() -> None:
    s = _scenario(30)
    members = tuple(s.entities.ids())
    claims = {m: float(10 + i) for i, m in enumerate(members)}
    p = Pool("r", type="reserve", amount=300, members=members, rule="shapley", claims=claims)
    r = analyze_pool(p, s, samples=400, seed=2)
    assert r.shapley_samples == 400
    [note] = [n for n in r.notes if n.startswith("Sampling stopped at the limit of 400 random orders")]
    assert "抽样在达到 400 个随机排列的上限时停止" in note_text(note, "zh")
    assert sum(r.shapley.values()) == pytest.approx(300)
    phi = np.array([r.shapley[m] for m in members])
    exact_order = np.argsort(bk.talmud(300, list(claims.values())))  # bigger claims, bigger shares
    assert phi[exact_order[-1]] > phi[exact_order[0]]


def test_pool_progress_and_cancel_through_run_analysis() -> None:
    s = _scenario(30)
    members = tuple(s.entities.ids())
    s.add(Pool("p", type="cost", amount=1000, members=members, rule="shapley",
               weights={m: float(i % 7 + 1) for i, m in enumerate(members)}))
    stages: list[tuple[float, str]] = []
    run_analysis(s, AnalysisSettings(trials=10, orders=1), progress=lambda f, st: stages.append((f, st)))
    pool_steps = [f for f, st in stages if st == "cost_sharing"]
    assert len(pool_steps) >= 3 and all(0.05 <= f <= 0.15 + 1e-12 for f in pool_steps)
    fractions = [f for f, _ in stages]
    assert fractions == sorted(fractions)
    asked = iter(range(10**6))
    with pytest.raises(AnalysisCancelled):  # refused inside the sampling, before kpis
        run_analysis(s, AnalysisSettings(trials=10, orders=1), cancel=lambda: next(asked) >= 2)
    assert next(asked) < 10


def test_very_large_pools_cap_the_work_and_say_so() -> None:
    s = _scenario(2000)
    members = tuple(s.entities.ids())
    weights = dict.fromkeys(members, 1.0) | {members[0]: 2000.0}  # one dominant member: slow to converge
    p = Pool("p", type="cost", amount=1_000_000, members=members, rule="shapley", weights=weights)
    r = analyze_pool(p, s)
    assert r.shapley_samples == 20_000_000 // 2000  # MAX_SAMPLE_CELLS orders × members, not 100,000 orders
    assert any(n.startswith("Sampling stopped at the limit of 10000 random orders") for n in r.notes)
    assert sum(r.shapley.values()) == pytest.approx(1_000_000)
