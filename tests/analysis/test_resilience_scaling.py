"""Issue 19: the near-linear cascade sets, cascade services and redundancy equal, EXACTLY, the code they
replaced (kept verbatim in ``old_resilience.py``) on random graphs with cycles, parallel
flows, zero volumes, several origins and non-dyadic demands; plus the pieces they rest on
(dominator intervals, the supply-loss walk) against a from-scratch search."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.analysis.cascade import cascade_services, cascade_sets
from ecodesk.analysis.disjointpaths import redundancy
from ecodesk.analysis.reachability import (
    SupplyLoss,
    build_schedule,
    dominator_tree,
    exact_subset_sums,
    supplied_mask,
)
from ecodesk.analysis.supplygraph import SupplyGraph, build_supply_graph
from ecodesk.model import Entity, EntityKind, Flow, FlowKind, Scenario


def _load(name: str) -> ModuleType:
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


old = _load("old_resilience")
nv = _load("naive_resilience")

DEMANDS = (0, 0, 0, 0.1, 0.7, 2.3, 1, 3.3333, 1e-3)
EXACT_DEMANDS = (0, 0, 0, 1, 2, 0.5, 7.25, 1000, 3)


def random_graph(
    seed: int, n: int, m: int, *, back: float = 0.3, fan: int = 0, demands: tuple[float, ...] = DEMANDS
) -> Scenario:
    """``n`` entities, ``m`` supply flows (a share ``back`` against the index order, so
    cycles), parallel flows, zero volumes, non-dyadic demands; ``fan`` extra origins each
    feeding a few random entities (several origins, many disjoint paths)."""
    rnd = random.Random(seed)
    ents = [Entity(f"e{i:03d}", kind=rnd.choice([EntityKind.OTHER, EntityKind.USER]), demand=rnd.choice(demands))
            for i in range(n)]
    ents += [Entity(f"o{i:03d}") for i in range(fan)]
    flows = []
    for j in range(m):
        a, b = rnd.sample(range(n), 2)
        if rnd.random() > back:
            a, b = min(a, b), max(a, b)
        kind = rnd.choice([FlowKind.GOODS, FlowKind.LOGISTICS, FlowKind.DATA])
        flows.append(Flow(f"f{j:04d}", f"e{a:03d}", f"e{b:03d}", kind=kind, volume=rnd.choice([0, 0.1, 0.2, 0.3, 1, 2.5])))
        if rnd.random() < 0.1:
            flows.append(Flow(f"f{j:04d}p", f"e{a:03d}", f"e{b:03d}", volume=rnd.choice([0.1, 1])))
    for i in range(fan):
        for b in rnd.sample(range(n), min(n, rnd.randint(1, 4))):
            flows.append(Flow(f"g{i:03d}-{b}", f"o{i:03d}", f"e{b:03d}", volume=rnd.choice([0.3, 1])))
    s = Scenario(f"random-{seed}")
    s.bulk_load({"entities": ents, "flows": flows})
    return s


def _check_equal(s: Scenario, theta: float) -> None:
    graph = build_supply_graph(s)
    schedule = build_schedule(graph)
    sup = supplied_mask(graph, schedule)
    sets = cascade_sets(graph, theta)
    assert sets == old.cascade_sets(graph, theta)
    new = cascade_services(graph, schedule, sets)
    ref = old.cascade_services(graph, schedule, sets)
    assert new.tolist() == ref.tolist()  # the very same floats
    assert redundancy(graph, sup) == old.redundancy(graph, sup)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    n=st.integers(2, 30),
    density=st.floats(0.5, 4.0),
    back=st.sampled_from([0.0, 0.2, 0.5]),
    fan=st.integers(0, 6),
    theta=st.sampled_from([0.0, 0.3, 0.5, 0.9, 1.0]),
    exact=st.booleans(),
)
def test_new_engine_equals_the_old_on_random_graphs(
    seed: int, n: int, density: float, back: float, fan: int, theta: float, exact: bool
) -> None:
    demands = EXACT_DEMANDS if exact else DEMANDS
    _check_equal(random_graph(seed, n, int(n * density), back=back, fan=fan, demands=demands), theta)


@pytest.mark.parametrize("seed", range(40))
def test_new_engine_equals_the_old_on_the_reference_generator(seed: int) -> None:
    """The reference tests' generator (capabilities, non-supply flows, the demand fallbacks)."""
    mode = ("mixed", "users", "sinks")[seed % 3]
    _check_equal(nv.random_scenario(seed, n=8 + seed % 17, demand_mode=mode), 0.5)


def test_new_engine_equals_the_old_with_many_cascades_and_paths() -> None:
    """More than one chunk of 64·k cascades, cascades of several entities, demand entities
    with dozens of disjoint paths that the greedy start alone does not find."""
    s = nv.ecosystem_scenario(1500, n_suppliers=30, n_hubs=12, n_segments=60)
    graph = build_supply_graph(s)
    sets = cascade_sets(graph, 0.3)
    assert sum(len(x) > 1 for x in sets) > 10
    _check_equal(s, 0.3)
    _check_equal(random_graph(3, 400, 1600, back=0.1, fan=40), 0.5)
    _check_equal(random_graph(4, 400, 1600, back=0.1, fan=40, demands=EXACT_DEMANDS), 0.5)


def test_exact_subset_sums() -> None:
    """Integer, half and quarter demands add up exactly in any order; 0.1 and friends do not
    (0.1 + 0.2 != 0.3), nor do integers past 2⁵³ in total."""
    assert exact_subset_sums(np.array([1.0, 2.0, 40000.0]))
    assert exact_subset_sums(np.array([0.5, 0.25, 7.75]))
    assert exact_subset_sums(np.zeros(0))
    assert not exact_subset_sums(np.array([0.1, 0.2]))
    assert not exact_subset_sums(np.array([2.0**52, 2.0**52, 1.0]))
    assert exact_subset_sums(np.array([2.0**51, 2.0**51, 1.0]))


def _reached(graph: SupplyGraph, dead: set[int]) -> set[int]:
    succ: dict[int, list[int]] = {}
    for a, b in zip(graph.src.tolist(), graph.dst.tolist()):
        succ.setdefault(a, []).append(b)
    seen = {o for o in graph.origins.tolist() if o not in dead}
    stack = list(seen)
    while stack:
        for b in succ.get(stack.pop(), ()):
            if b not in seen and b not in dead:
                seen.add(b)
                stack.append(b)
    return seen


@pytest.mark.parametrize("seed", range(12))
def test_supply_loss_and_dominator_intervals_match_a_fresh_search(seed: int) -> None:
    graph = build_supply_graph(random_graph(seed, 40, 110, back=0.4 if seed % 2 else 0.0, fan=3))  # cycles or not
    schedule = build_schedule(graph)
    sup = supplied_mask(graph, schedule)
    intact = _reached(graph, set())
    assert intact == set(np.flatnonzero(sup).tolist())
    tree = dominator_tree(graph)
    loss = SupplyLoss(graph, schedule, sup)
    rnd = random.Random(seed)
    everything = np.arange(graph.n_nodes)
    for v in range(graph.n_nodes):
        lost = intact - _reached(graph, {v})
        assert set(everything[tree.dominates(v, everything)].tolist()) == lost
        assert set(loss.lost([v])) == lost
        dead = set(rnd.sample(range(graph.n_nodes), rnd.randint(2, 6)))
        assert sorted(loss.lost(sorted(dead))) == sorted(intact - _reached(graph, dead))


def test_robustness_curves_do_not_depend_on_the_order_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """ORDER_CHUNK (orders propagated together) bounds memory only: 1, 7 and 256 orders at
    a time give the very same curves, random and targeted, on a graph with cycles."""
    from ecodesk.analysis import robustness

    graph = build_supply_graph(random_graph(11, 60, 200, back=0.3, fan=4, demands=DEMANDS))
    schedule = build_schedule(graph)
    rank = list(range(graph.n_nodes))
    results = []
    for chunk in (1, 7, 256):
        monkeypatch.setattr(robustness, "ORDER_CHUNK", chunk)
        results.append(robustness.analyse_robustness(graph, schedule, 0.5, rank, 20, np.random.default_rng(3)))
    assert results[0].candidates > 10
    assert results[0] == results[1] == results[2]


@settings(max_examples=300, deadline=None)
@given(x=st.floats(allow_nan=False, allow_infinity=False))
def test_plain_decimal_reads_the_same_decimal_as_the_exact_check(x: float) -> None:
    """The cascade's integer re-check reads "123.45" as 12345 / 10²: the very decimal
    :func:`decimal` (Fraction of the shortest repr) gives; exponent forms are left to it."""
    from fractions import Fraction

    from ecodesk.analysis.cascade import _plain_decimal, decimal

    parts = _plain_decimal(x)
    if parts is None:
        assert "e" in repr(x)
    else:
        assert Fraction(parts[0], 10 ** parts[1]) == decimal(x)
