"""Benchmark: the ecosystem design optimiser (issue 16; not part of the default test run).

    python tests/benchmarks/bench_optimize.py [--repeat N]      # or: run.py --only optimize

Figures (medians of N runs, default 3 for the platform, 5 for the templates):

* ``optimize_platform_s`` — ``optimize_design`` with a 10 s time limit on a seed-size platform
  variant with a few hundred capabilities (``generate_s2b2b(n_services=300)``: 404 capabilities,
  4,567 capability flows and 964 unmet needs = 5,531 demands, 8 categories), for r = 1, 2, 3;
  each row names the status and the proven gap. Target: ≤ 10 s.
* ``optimize_platform_nolimit_s`` (``--no-limit``, slow: minutes) — the same without a time
  limit, to optimality (measured 2026-12-07, r = 1: 375 s, optimum CNY 38,291,762.95; the
  10 s answer, CNY 38,291,766.95 with a stated gap of 1.6 %, was within CNY 4 of it).
* ``optimize_template_ms`` — the sensor and S2B2B templates (every scenario), to optimality.
  Target: < 500 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from generate import generate_s2b2b  # noqa: E402

from ecodesk.analysis.optimize import DesignOptions, optimize_design  # noqa: E402
from ecodesk.analysis.optimize_model import collect_demands  # noqa: E402
from ecodesk.templates import load_template  # noqa: E402

TARGETS = {"optimize_platform_s": ("<=", 10), "optimize_template_ms": ("<", 500)}


def _median_run(fn: Any, repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def platform_rows(repeat: int = 3, time_limit: float | None = 10.0) -> list[dict[str, Any]]:
    scenario = generate_s2b2b(n_services=300).scenario()
    n_demands = len(collect_demands(scenario))
    rows = []
    for r in (1, 2, 3):
        options = DesignOptions(redundancy=r, time_limit=time_limit)
        seconds, result = _median_run(lambda options=options: optimize_design(scenario, options), repeat)
        gap = "0" if result.gap == 0 else ("unknown" if result.gap is None else f"{result.gap:.2%}")
        rows.append({
            "name": "optimize_platform_s" if time_limit is not None else "optimize_platform_nolimit_s",
            "value": seconds, "unit": "s",
            "note": f"r = {r}: {len(scenario.capabilities)} capabilities, {n_demands:,} demands, "
                    f"time limit {time_limit} s: {result.status}, proven gap {gap}, objective "
                    f"{result.objective:,.0f} against current {result.current_cost:,.0f}, keeps "
                    f"{len(result.keep)}; median of {repeat}",
        })
    return rows


def template_rows(repeat: int = 5) -> list[dict[str, Any]]:
    rows = []
    for name in ("sensor_reuse", "s2b2b_appliance"):
        for scenario in load_template(name).scenarios:
            seconds, result = _median_run(lambda scenario=scenario: optimize_design(scenario), repeat)
            rows.append({"name": "optimize_template_ms", "value": seconds * 1000, "unit": "ms",
                         "note": f"{name} / {scenario.name}: {result.status}, saves {result.savings:,.0f}; "
                                 f"median of {repeat}"})
    return rows


def figures(bench: Any) -> None:
    """The rows for ``run.py --only optimize`` (``bench.emit`` prints them)."""
    for row in [*template_rows(max(3, bench.repeat)), *platform_rows(max(1, min(3, bench.repeat)))]:
        bench.emit(row["name"], row["value"], row["unit"], None, row["note"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-limit", action="store_true", help="also solve the platform without a time limit")
    args = parser.parse_args(argv)
    rows = template_rows(max(args.repeat, 5)) + platform_rows(args.repeat)
    if args.no_limit:
        rows += platform_rows(1, None)
    for row in rows:
        op, target = TARGETS.get(row["name"], ("", None))
        mark = "" if target is None else ("ok" if (row["value"] <= target if op == "<=" else row["value"] < target)
                                          else "MISSED")
        print(f"{row['name']:30s} {row['value']:>10.4g} {row['unit']:3s} {mark:6s} {row['note']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
