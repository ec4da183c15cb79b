"""Benchmark: the cooperative-game engine of issue 19 (not part of the default test run).

    python tests/benchmarks/bench_games.py [--repeat R] [--full-baseline]
    python tests/benchmarks/run.py --only games

Rows:

- ``nucleolus_n20_ms`` — ``analyze_pool`` of a 20-member cost pool (β = 0.8, weights uniform
  in 1..100, seed 1) with rule ``nucleolus``, median of R runs (target ≤ 500 ms). The note
  gives the nucleolus alone on the ready 2^20 table, and the same-run ratio of the former
  full-LP solver (``tests/analysis/reference_nucleolus.py``: every coalition in each LP)
  to the new one at 14 members (where the former still runs in seconds) — with
  ``--full-baseline`` also at 20 members (minutes).
- ``shapley_sampled_n2000_s`` — ``analyze_pool`` of a 2,000-member cost pool with rule
  ``shapley`` (sampled, stop rule), median of R runs. The note gives the samples used and
  the largest standard error, and the same-run ratio against the former
  ``shapley_sampled`` (O(n²) per order) at the same 2,000 orders, timed on 200 orders and
  scaled (its cost is linear in the orders; ``--full-baseline`` times all 2,000).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from ecodesk.analysis.game_sampling import shapley_until, weighted_prefixes  # noqa: E402
from ecodesk.analysis.games import coalition_sums, nucleolus, shapley_sampled  # noqa: E402
from ecodesk.analysis.pools import analyze_pool  # noqa: E402
from ecodesk.model import Entity, Pool, Scenario  # noqa: E402
from tests.analysis.reference_nucleolus import reference_nucleolus  # noqa: E402
from tests.benchmarks.timing import median_time  # noqa: E402

TARGETS = {"nucleolus_n20_ms": ("<=", 500), "shapley_sampled_n2000_s": ("<=", 1.0)}


def _pool(n: int, rule: str) -> tuple[Pool, Scenario, np.ndarray]:
    s = Scenario("pool")
    members = [f"m{i:04d}" for i in range(n)]
    for m in members:
        s.add(Entity(m, kind="partner"))
    w = np.random.default_rng(1).uniform(1, 100, n)
    pool = Pool("p", "shared warehouse", "cost", 1_000_000, tuple(members), rule,
                weights=dict(zip(members, w.tolist(), strict=True)), scale_exponent=0.8)
    s.add(pool)
    return pool, s, w / w.sum()


def nucleolus_row(repeat: int, full_baseline: bool = False) -> dict[str, Any]:
    pool, s, share = _pool(20, "nucleolus")
    t_pool = median_time(lambda: analyze_pool(pool, s), repeat)
    table = 1_000_000 * coalition_sums(share) ** 0.8
    info: dict[str, int] = {}
    t_core = median_time(lambda: nucleolus(table, kind="cost", info=info), repeat)
    share14 = _pool(14, "nucleolus")[2]
    t14 = 1_000_000 * coalition_sums(share14) ** 0.8
    ratios = []
    for _ in range(max(1, min(3, repeat))):  # interleaved: both see the same machine load
        old = median_time(lambda: reference_nucleolus(t14, kind="cost"), 1, warmup=0)
        new = median_time(lambda: nucleolus(t14, kind="cost"), 1, warmup=0)
        ratios.append((old / new, old))
    ratio14, old14 = sorted(ratios)[len(ratios) // 2]
    note = (f"20-member cost pool (beta 0.8), whole analyze_pool incl. exact Shapley; nucleolus alone on the "
            f"ready 2^20 table {t_core * 1e3:.0f} ms ({info['lps']} LPs, at most {info['rows']} of 1,048,574 "
            f"coalitions in one, {info['rounds']} rounds); former full-LP solver / new at 14 members: "
            f"{ratio14:.0f}x ({old14:.2f} s)")
    if full_baseline:
        t = time.perf_counter()
        reference_nucleolus(table, kind="cost")
        old20 = time.perf_counter() - t
        note += f"; former solver at 20 members {old20:.1f} s = {old20 / t_core:.0f}x"
    return {"name": "nucleolus_n20_ms", "value": t_pool * 1e3, "unit": "ms", "baseline": None, "note": note}


def sampled_row(repeat: int, full_baseline: bool = False) -> dict[str, Any]:
    n = 2000
    pool, s, share = _pool(n, "shapley")
    t_pool = median_time(lambda: analyze_pool(pool, s), repeat)
    res = analyze_pool(pool, s)
    pre = weighted_prefixes(share, lambda x: 1_000_000 * x**0.8)
    t_new = median_time(lambda: shapley_until(pre, n, tol=0.0, max_samples=2000), max(1, min(3, repeat)))
    old_orders = 2000 if full_baseline else 200
    t = time.perf_counter()
    shapley_sampled(lambda m: 1_000_000 * ((m @ share) ** 0.8), n, samples=old_orders, seed=0, batch=True)
    t_old = (time.perf_counter() - t) * 2000 / old_orders
    how = "timed" if full_baseline else "timed on 200 orders and scaled"
    note = (f"2,000-member cost pool (beta 0.8), whole analyze_pool: stop rule after {res.shapley_samples:,} orders, "
            f"largest standard error {max(res.shapley_standard_error.values()):.3g} (0.01 % of the amount = 100); "
            f"at 2,000 orders new {t_new:.2f} s vs former O(n^2)-per-order sampler {t_old:.1f} s ({how}) "
            f"= {t_old / t_new:.0f}x")
    return {"name": "shapley_sampled_n2000_s", "value": t_pool, "unit": "s", "baseline": t_old, "note": note}


def figures(bench: Any) -> None:
    """The rows for ``run.py --only games`` (``bench.emit`` prints them)."""
    for row in (nucleolus_row(bench.repeat), sampled_row(bench.repeat)):
        bench.emit(row["name"], row["value"], row["unit"], row["baseline"], row["note"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--full-baseline", action="store_true", help="time the former solvers at full size")
    args = parser.parse_args(argv)
    for row in (nucleolus_row(args.repeat, args.full_baseline), sampled_row(args.repeat, args.full_baseline)):
        _op, target = TARGETS[row["name"]]
        ok = row["value"] <= target
        print(f"{row['name']:26s} {row['value']:>10.4g} {row['unit']:3s} {'ok' if ok else 'MISSED':6s} {row['note']}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
