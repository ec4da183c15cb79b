"""Benchmark: parallel sweeps — sensitivity and uncertainty on the seed-size platform, and the
speed-up of the process pool and of a Dask cluster (issue 17; not part of the default test run).

    python tests/benchmarks/bench_sweeps.py [--repeat N] [--tasks N]    # or: run.py --only sweeps

Figures (medians of N runs after one warm-up, default 3; everything in ONE run, so the ratios
compare like with like on a shared machine):

* ``sensitivity_total_cost_s`` — ``sensitivity(cost_sharing.total_cost)`` over every default field
  of the generated platform (≈10,900 entities / 52,000 flows) as the command runs it by default
  (workers=None). Target ≤ 30 s (2 cores). The note gives one core, an explicit pool of all
  cores and a 2-worker LocalCluster too.
* ``uncertainty_1000_savings_s`` — 1,000 samples of ``reuse.total_savings`` with ranges ±20 % on
  every capability's fixed and unit cost and every capability flow's volume, the same ways.
  Target ≤ 60 s.
* ``sweep_pool_speedup_x`` / ``sweep_dask_speedup_x`` — ``run_sweep`` of a run_analysis-based
  evaluation (each task: one capability's fixed cost scaled, a seeded analysis of the whole
  platform): one core ÷ a 2-process pool, and one core ÷ a 2-worker LocalCluster (worker
  processes, one thread each). Times include starting the pool / connecting to the cluster and
  sending the model; the LocalCluster's own start is not included (a cluster is already running
  when one uses ``--dask``).
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

from ecodesk.analysis.run import run_analysis  # noqa: E402
from ecodesk.analysis.sweep import available_workers, run_sweep  # noqa: E402
from ecodesk.model import AnalysisSettings, Project, Scenario  # noqa: E402

TARGETS = {
    "sensitivity_total_cost_s": ("<=", 30),
    "uncertainty_1000_savings_s": ("<=", 60),
}
P = 0.2


def analysis_task(local: tuple[Scenario, AnalysisSettings], task: tuple[str, float, int]) -> tuple[float, ...]:
    """One what-if of the platform: capability ``cap``'s fixed cost times ``factor``, analysed
    with ``seed`` (module level: it runs in worker processes)."""
    scenario, settings = local
    cap_id, factor, seed = task
    changed = scenario.copy()
    cap = changed.capabilities[cap_id]
    changed.replace(cap.evolve(fixed_cost=cap.fixed_cost * factor))
    result = run_analysis(changed, settings.evolve(seed=seed))
    return (result.reuse.total_savings, result.cost_sharing.total_cost, result.resilience.monte_carlo.expected_service)


def with_ranges(project: Project) -> Scenario:
    """The platform's scenario with ranges ±P on every capability's costs and capability flow's volume."""
    from ecodesk.model.ranges import with_range

    scenario = project.scenario().copy()
    for cap in list(scenario.capabilities):
        for field in ("fixed_cost", "unit_cost"):
            v = getattr(cap, field)
            if v:
                cap = with_range(cap, field, v * (1 - P), v * (1 + P))
        scenario.replace(cap)
    for flow in list(scenario.flows):
        if flow.capability and flow.volume:
            scenario.replace(with_range(flow, "volume", flow.volume * (1 - P), flow.volume * (1 + P)))
    return scenario


def _median(fn: Any, repeat: int, warmup: int = 1) -> tuple[float, Any]:
    out = None
    for _ in range(warmup):
        out = fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


class _Cluster:
    """A 2-worker LocalCluster (processes, one thread each), or None without distributed."""

    def __init__(self) -> None:
        self.cluster: Any = None
        self.started_s = 0.0
        self.why = ""

    def __enter__(self) -> _Cluster:
        try:
            from distributed import LocalCluster
        except ImportError:
            self.why = "distributed not installed (pip install ecodesk[cluster])"
            return self
        t = time.perf_counter()
        self.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        self.started_s = time.perf_counter() - t
        return self

    @property
    def address(self) -> str | None:
        return None if self.cluster is None else str(self.cluster.scheduler_address)

    def __exit__(self, *exc: object) -> None:
        if self.cluster is not None:
            self.cluster.close()


def _ways(run: Any, cluster: _Cluster, repeat: int, default: bool = True) -> dict[str, tuple[float, Any]]:
    """``run(workers, dask)`` timed on one core, a pool of all local cores, the default
    (workers=None: a probe here decides) and the LocalCluster."""
    out = {"one": _median(lambda: run(1, None), repeat),
           "pool": _median(lambda: run(available_workers(), None), repeat)}
    if default:
        out["default"] = _median(lambda: run(None, None), repeat)
    if cluster.address is not None:
        out["dask"] = _median(lambda: run(None, cluster.address), repeat)
    return out


def _speeds(times: dict[str, tuple[float, Any]]) -> str:
    one = times["one"][0]
    names = {"pool": f"a pool of {available_workers()} processes", "default": "the default (workers=None)",
             "dask": "a 2-worker LocalCluster"}
    return f"1 core {one:.2f} s, " + ", ".join(
        f"{names[k]} {t:.2f} s (×{one / t:.2f})" for k, (t, _) in times.items() if k != "one")


def sweep_rows(project: Project, cluster: _Cluster, repeat: int, n_tasks: int) -> list[dict[str, Any]]:
    """The pool's and the cluster's speed-up on run_analysis-based tasks."""
    scenario = project.scenario()
    settings = project.settings.evolve(trials=2000, orders=10)
    caps = [c.id for c in scenario.capabilities if c.fixed_cost][:n_tasks]
    tasks = [(caps[i % len(caps)], 1.0 + 0.05 * (i + 1), i) for i in range(n_tasks)]
    payload = (scenario, settings)
    times = _ways(lambda w, d: run_sweep(payload, tasks, analysis_task, workers=w, dask=d), cluster, repeat,
                  default=False)
    results = {k: v[1] for k, v in times.items()}
    same = all(r == results["one"] for r in results.values())
    one = times["one"][0]
    note = (f"{n_tasks} tasks, each a seeded run_analysis of the whole platform (2,000 trials, 10 orders) with one "
            f"capability's fixed cost changed, ≈{one / n_tasks:.2f} s a task on one core; {_speeds(times)}; "
            f"results identical everywhere: {same}; median of {repeat}")
    rows = [{"name": "sweep_pool_speedup_x", "value": one / times["pool"][0], "unit": "x", "note": note}]
    if "dask" in times:
        rows.append({"name": "sweep_dask_speedup_x", "value": one / times["dask"][0], "unit": "x",
                     "note": f"the same tasks on a 2-worker LocalCluster (its start, {cluster.started_s:.1f} s, "
                             f"not counted)"})
    else:
        rows.append({"name": "sweep_dask_speedup_x", "value": float("nan"), "unit": "x", "note": cluster.why})
    if not same:
        raise AssertionError("a sweep gave different results in different places")
    return rows


def sensitivity_rows(project: Project, cluster: _Cluster, repeat: int) -> list[dict[str, Any]]:
    try:
        from ecodesk.analysis.sensitivity import sensitivity
    except ImportError as exc:
        return [{"name": "sensitivity_total_cost_s", "value": float("nan"), "unit": "s", "note": f"not run: {exc}"}]
    scenario, settings = project.scenario(), project.settings
    times = _ways(lambda w, d: sensitivity(scenario, settings, "cost_sharing.total_cost", top=None,
                                                 workers=w, dask=d), cluster, repeat)
    result = times["default"][1]
    same = all(v[1].rows == result.rows for v in times.values())
    return [{"name": "sensitivity_total_cost_s", "value": times["default"][0], "unit": "s",
             "note": f"cost_sharing.total_cost over every default field: {len(result.rows):,} inputs, "
                     f"p = {result.p}; {_speeds(times)}; identical rows everywhere: {same}; median of {repeat}"}]


def uncertainty_rows(project: Project, cluster: _Cluster, repeat: int) -> list[dict[str, Any]]:
    try:
        from ecodesk.analysis.uncertainty import uncertainty
    except ImportError as exc:
        return [{"name": "uncertainty_1000_savings_s", "value": float("nan"), "unit": "s",
                 "note": f"not run: {exc}"}]
    scenario = with_ranges(project)
    n_ranged = sum(len(o.ranges) for c in ("capabilities", "flows") for o in scenario.collections()[c])
    settings = project.settings
    times = _ways(lambda w, d: uncertainty(scenario, settings, "reuse.total_savings", samples=1000, seed=1,
                                                 workers=w, dask=d), cluster, repeat)
    result = times["default"][1]
    same = all(v[1].values == result.values for v in times.values())
    return [{"name": "uncertainty_1000_savings_s", "value": times["default"][0], "unit": "s",
             "note": f"1,000 samples of reuse.total_savings, {n_ranged:,} ranged numbers (±{P:.0%} on capability "
                     f"costs and capability flow volumes); mean {result.mean:,.0f}, p05–p95 {result.p05:,.0f}–"
                     f"{result.p95:,.0f}; {_speeds(times)}; identical samples everywhere: {same}; median of {repeat}"}]


def all_rows(repeat: int, n_tasks: int) -> list[dict[str, Any]]:
    project = generate_s2b2b(seed=0)
    with _Cluster() as cluster:
        return [*sensitivity_rows(project, cluster, repeat), *uncertainty_rows(project, cluster, repeat),
                *sweep_rows(project, cluster, repeat, n_tasks)]


def figures(bench: Any) -> None:
    """The rows for ``run.py --only sweeps`` (``bench.emit`` prints them)."""
    for row in all_rows(max(1, min(3, bench.repeat)), 12):
        bench.emit(row["name"], row["value"], row["unit"], None, row["note"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=12, help="run_analysis tasks of the speed-up rows")
    args = parser.parse_args(argv)
    for row in all_rows(args.repeat, args.tasks):
        _, target = TARGETS.get(row["name"], ("", None))
        mark = "" if target is None else ("ok" if row["value"] <= target else "MISSED")
        print(f"{row['name']:28s} {row['value']:>10.4g} {row['unit']:2s} {mark:6s} {row['note']}", flush=True)
    return 0


if __name__ == "__main__":
    # the evaluate functions must be pickled as bench_sweeps.*, not __main__.*, for the workers
    sys.exit(__import__("bench_sweeps").main())
