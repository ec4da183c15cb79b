"""Benchmark of the resilience analysis (not part of the default test run).

Run: ``python tests/benchmarks/bench_resilience.py [--distributors N] [--repeat R]``

Measures, on a generated ecosystem (suppliers → platform hubs → N distributors → user
segments, about 10,460 entities and 50,000 supply flows with the default N = 10,000):

1. the full ``analyze_resilience`` with default settings (10,000 trials, 100 orders),
   median of R runs, with the median time of each stage;
2. robustness curves against a naive loop that removes entities one by one and recomputes
   reachability with networkx after each removal — run IN FULL (every step of whole orders)
   on an ecosystem a tenth of the size, where it finishes;
3. Monte Carlo against a per-trial breadth-first search over one networkx graph built once,
   on the very same failure draws, timed on a sample of trials (all trials would take long).
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

import networkx as nx
import numpy as np

from ecodesk.analysis.montecarlo import draw_failures, trial_services
from ecodesk.analysis.reachability import build_schedule
from ecodesk.analysis.resilience import analyze_resilience
from ecodesk.analysis.robustness import candidates, random_orders, removal_curves
from ecodesk.analysis.supplygraph import SupplyGraph, build_supply_graph
from ecodesk.model import AnalysisSettings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_time


def _reference() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "analysis" / "naive_resilience.py"
    spec = importlib.util.spec_from_file_location("naive_resilience", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["naive_resilience"] = module
    spec.loader.exec_module(module)
    return module


def bench_full(scenario, repeat: int) -> None:  # type: ignore[no-untyped-def]
    stage_times: dict[str, list[float]] = {}
    totals = []
    for i in range(repeat):
        marks: dict[str, float] = {}

        def progress(fraction: float, stage: str, marks: dict[str, float] = marks) -> None:
            marks.setdefault(stage, time.perf_counter())

        t0 = time.perf_counter()
        analyze_resilience(scenario, AnalysisSettings(seed=i), progress=progress)
        end = time.perf_counter()
        totals.append(end - t0)
        names = list(marks)
        for a, b in zip(names, [*names[1:], None]):
            stage_times.setdefault(a, []).append((marks[b] if b else end) - marks[a])
    print(
        f"full analyze_resilience (10,000 trials, 100 orders): median {statistics.median(totals):.3f} s "
        f"over {repeat} runs (min {min(totals):.3f}, max {max(totals):.3f})"
    )
    for name, ts in stage_times.items():
        if name != "done":
            print(f"    {name:<18} {statistics.median(ts):.3f} s")


ROOT = -1  # a super source feeding every origin, so one traversal finds everything supplied


def _naive_digraph(graph: SupplyGraph, multi: bool = False) -> nx.DiGraph:
    g = nx.MultiDiGraph() if multi else nx.DiGraph()
    g.add_nodes_from(range(graph.n_nodes))
    if multi:
        g.add_edges_from((s, d, e) for e, (s, d) in enumerate(zip(graph.src.tolist(), graph.dst.tolist())))
        g.add_edges_from((ROOT, o, -1) for o in graph.origins.tolist())
    else:
        g.add_edges_from(zip(graph.src.tolist(), graph.dst.tolist()))
        g.add_edges_from((ROOT, o) for o in graph.origins.tolist())
    return g


def _naive_service(g: nx.DiGraph, graph: SupplyGraph, total: float) -> float:
    reached = nx.descendants(g, ROOT)
    return sum(w for d, w in zip(graph.demand_nodes.tolist(), graph.demand_weights.tolist()) if d in reached) / total


def bench_robustness(graph: SupplyGraph, repeat: int, n_orders: int = 2) -> None:
    """Whole curves: the fast pass over 101 orders (per order) vs the naive loop in full."""
    schedule = build_schedule(graph)
    cand = candidates(graph)
    m = int(cand.size)
    orders = cand[random_orders(m, 101, np.random.default_rng(0))]
    fast = median_time(lambda: removal_curves(graph, schedule, orders), repeat, warmup=0) / len(orders)
    total = graph.total_demand
    times = []
    for order in orders[:n_orders].tolist():
        g = _naive_digraph(graph)
        t = time.perf_counter()
        for v in order:
            g.remove_node(v)
            _naive_service(g, graph, total)
        times.append(time.perf_counter() - t)
    naive = statistics.median(times)
    print(
        f"robustness curve, M = {m} candidates ({graph.n_nodes:,} entities): fast {fast * 1e3:.2f} ms per order "
        f"(101 orders in one pass); naive networkx loop run in full {naive:.2f} s per order (median of {n_orders}) "
        f"→ speed-up ≈ {naive / fast:,.0f}×"
    )


def bench_monte_carlo(graph: SupplyGraph, repeat: int, sample: int = 50) -> None:
    schedule = build_schedule(graph)
    trials = 10_000
    draws = draw_failures(graph, trials, np.random.default_rng(0))
    t_draw = median_time(lambda: draw_failures(graph, trials, np.random.default_rng(0)), repeat, warmup=0)
    t_eval = median_time(lambda: trial_services(graph, schedule, draws), repeat, warmup=0)
    fast = t_draw + t_eval
    node_alive = draws.node_alive_bool()[:sample]
    edge_alive = draws.edge_alive_bool()[:sample]
    total = graph.total_demand
    t = time.perf_counter()
    g = _naive_digraph(graph, multi=True)  # built once, flow index as edge key
    build = time.perf_counter() - t
    pairs = list(zip(graph.demand_nodes.tolist(), graph.demand_weights.tolist()))
    t = time.perf_counter()
    for k in range(sample):
        alive_n, alive_e = node_alive[k].tolist(), edge_alive[k].tolist()
        seen = {ROOT}
        queue = [ROOT]
        while queue:
            u = queue.pop()
            for v, keys in g.succ[u].items():
                if v not in seen and alive_n[v] and any(e < 0 or alive_e[e] for e in keys):
                    seen.add(v)
                    queue.append(v)
        sum(w for d, w in pairs if d in seen) / total
    per_trial = (time.perf_counter() - t) / sample
    naive = build + per_trial * trials
    print(
        f"Monte Carlo, {trials:,} trials: fast {fast:.3f} s (draws {t_draw:.3f} s + reachability "
        f"{t_eval:.3f} s); naive BFS per trial over one networkx graph built once ({build:.2f} s): "
        f"{per_trial * 1e3:.1f} ms per trial (measured on {sample} trials), {naive:,.0f} s for all → "
        f"speed-up ≈ {naive / fast:,.0f}× (≈ {naive / t_eval:,.0f}× on the evaluation alone)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distributors", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    nv = _reference()
    t = time.perf_counter()
    scenario = nv.ecosystem_scenario(args.distributors)
    graph = build_supply_graph(scenario)
    print(
        f"scenario: {len(scenario.entities):,} entities, {len(scenario.flows):,} flows "
        f"({graph.n_edges:,} supply flows, {graph.demand_nodes.size} demand entities, "
        f"{graph.origins.size} origins); generated in {time.perf_counter() - t:.1f} s"
    )
    bench_full(scenario, args.repeat)
    small = build_supply_graph(nv.ecosystem_scenario(max(100, args.distributors // 10)))
    bench_robustness(small, args.repeat)
    bench_monte_carlo(graph, args.repeat)


if __name__ == "__main__":
    main()
