"""Network resilience (SPEC §3.3): the fast engine against a from-scratch networkx reference,
hand-computed cases, edge cases, determinism, progress and cancel."""

from __future__ import annotations

import importlib.util
import json
import math
import random
import sys
from pathlib import Path
from types import ModuleType

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.analysis.cascade import cascade_services, cascade_sets
from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.montecarlo import bernoulli_bits, draw_failures, pack, trial_services, unpack
from ecodesk.analysis.montecarlo import summarise as mc_summarise
from ecodesk.analysis.reachability import build_schedule, supplied_mask
from ecodesk.analysis.resilience import ResilienceResult, analyze_resilience
from ecodesk.analysis.robustness import candidates, random_orders, removal_curves
from ecodesk.analysis.robustness import summarise as curve_summarise
from ecodesk.analysis.supplygraph import build_supply_graph
from ecodesk.model import AnalysisSettings, EcodeskError, Entity, EntityKind, Flow, FlowKind, Scenario


def _load_reference() -> ModuleType:
    name = "naive_resilience"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("naive_resilience.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


nv = _load_reference()
SETTINGS = AnalysisSettings(seed=7, trials=150, orders=6)


def scenario_of(entities: list[tuple], flows: list[tuple]) -> Scenario:
    """entities: (id, demand[, kind[, risk]]); flows: (id, source, target[, volume[, kind[, risk]]])."""
    s = Scenario("hand")
    ents = [
        Entity(e[0], demand=e[1], kind=e[2] if len(e) > 2 else EntityKind.OTHER, risk=e[3] if len(e) > 3 else 0.0)
        for e in entities
    ]
    fl = [
        Flow(
            f[0],
            f[1],
            f[2],
            volume=f[3] if len(f) > 3 else 1.0,
            kind=f[4] if len(f) > 4 else FlowKind.GOODS,
            risk=f[5] if len(f) > 5 else 0.0,
        )
        for f in flows
    ]
    s.bulk_load({"entities": ents, "flows": fl})
    return s


# --------------------------------------------------------------------------- reference comparison
def check_against_reference(scenario: Scenario, cfg: AnalysisSettings = SETTINGS) -> ResilienceResult:
    """Every figure equals the from-scratch networkx reference, exactly (sums are dyadic)."""
    res = analyze_resilience(scenario, cfg)
    ng = nv.naive_graph(scenario, cfg.supply_kinds)
    graph = build_supply_graph(scenario, cfg.supply_kinds)
    schedule = build_schedule(graph)
    intact = nv.service_without(ng)

    assert res.service_level == intact
    assert res.demand_entities == ng.demand
    assert list(res.origins) == sorted(ng.origins)
    loss = nv.critical(ng)
    assert {c.id: c.service_loss for c in res.critical_entities} == loss
    assert [c.id for c in res.critical_entities] == sorted(loss, key=lambda v: (-loss[v], v))
    assert all(c.single_point_of_failure == (c.service_loss > 0) for c in res.critical_entities)
    assert list(res.articulation_points) == nv.articulation_points(ng)
    assert res.redundancy == {t: nv.disjoint_paths(ng, t) for t in ng.demand}

    # robustness: targeted order and curve; random curves for injected orders
    rob = res.robustness
    assert rob.candidates == len(nv.candidates(ng))
    assert list(rob.targeted.order) == nv.targeted_order(ng)
    naive_target = nv.removal_curve(ng, list(rob.targeted.order))
    assert list(rob.targeted.curve) == naive_target
    m = rob.candidates
    assert rob.targeted.r_index == (math.fsum(naive_target[1:]) / m if m else intact)
    cand = candidates(graph)
    orders = cand[random_orders(m, 5, np.random.default_rng(len(ng.ids)))]
    fast = removal_curves(graph, schedule, orders)
    for row, order in zip(fast, orders):
        assert row.tolist() == nv.removal_curve(ng, graph.id_list(order))
    # the pipeline's random curve is the summary of the orders drawn from the documented stream
    rng = np.random.default_rng(np.random.SeedSequence(cfg.seed).spawn(2)[1])
    rand = cand[random_orders(m, cfg.orders, rng)]
    naive_curves = np.array([nv.removal_curve(ng, graph.id_list(o)) for o in rand]).reshape(cfg.orders, m + 1)
    mean, p05, p95 = curve_summarise(naive_curves)
    assert list(rob.random.curve) == mean.tolist()
    assert list(rob.random.curve_p05) == p05.tolist()
    assert list(rob.random.curve_p95) == p95.tolist()
    assert len(rob.random.curve) == m + 1

    # cascades: sets and final service levels
    theta = cfg.cascade_threshold
    by_id = {c.id: c for c in res.cascade}
    assert set(by_id) == set(ng.ids)
    for v in ng.ids:
        failed = nv.cascade(ng, v, theta)
        assert set(by_id[v].failed) == failed and by_id[v].cascade_size == len(failed)
        assert list(by_id[v].failed) == sorted(failed)
        assert by_id[v].service_level == nv.service_without(ng, failed)
    keys = [(-c.cascade_size, c.service_level, c.id) for c in res.cascade]
    assert keys == sorted(keys)

    # Monte Carlo: the same draws give the same per-trial services
    draws = draw_failures(graph, cfg.trials, np.random.default_rng(np.random.SeedSequence(cfg.seed).spawn(2)[0]))
    services = trial_services(graph, schedule, draws)
    naive_services = nv.trial_services(ng, draws.node_alive_bool(), draws.edge_alive_bool())
    assert services.tolist() == naive_services
    assert res.monte_carlo.to_json() == mc_summarise(np.array(naive_services), cfg.threshold, cfg.seed).to_json()
    return res


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("mode", ["mixed", "users", "sinks"])
def test_matches_reference_on_random_graphs(seed: int, mode: str) -> None:
    rnd = random.Random(seed)
    scenario = nv.random_scenario(seed, n=rnd.randint(1, 14), demand_mode=mode)
    check_against_reference(scenario)


@pytest.mark.parametrize("seed", range(6))
def test_matches_reference_on_cyclic_graphs(seed: int) -> None:
    """Dense, mostly cyclic graphs: big strongly connected components with several entries."""
    rnd = random.Random(1000 + seed)
    n = 30
    ents = [(f"v{i:02d}", rnd.choice([0, 1, 2]), EntityKind.OTHER, rnd.choice([0, 0.2, 0.6])) for i in range(n)]
    flows = []
    for j in range(80):
        a, b = rnd.sample(range(1, n), 2)
        flows.append((f"f{j}", f"v{a:02d}", f"v{b:02d}", rnd.choice([0, 1, 2]), FlowKind.GOODS, rnd.choice([0, 0.3])))
    flows += [(f"o{j}", "v00", f"v{rnd.randrange(1, n):02d}", 1.0) for j in range(3)]
    check_against_reference(scenario_of(ents, flows), AnalysisSettings(seed=seed, trials=100, orders=3))


def test_long_ring_with_entries() -> None:
    """A 150-entity ring entered at two points: reachability travels far around the cycle."""
    n = 150
    ents = [("src", 0), ("src2", 0)] + [(f"r{i:03d}", 1 if i % 7 == 0 else 0, EntityKind.OTHER, 0.01) for i in range(n)]
    flows = [(f"f{i}", f"r{i:03d}", f"r{(i + 1) % n:03d}", 1.0, FlowKind.GOODS, 0.01) for i in range(n)]
    flows += [("in1", "src", "r010"), ("in2", "src2", "r090")]
    s = scenario_of(ents, flows)
    graph = build_supply_graph(s)
    draws = draw_failures(graph, 128, np.random.default_rng(3))
    ng = nv.naive_graph(s)
    fast = trial_services(graph, build_schedule(graph), draws)
    assert fast.tolist() == nv.trial_services(ng, draws.node_alive_bool(), draws.edge_alive_bool())
    cand = candidates(graph)
    orders = cand[random_orders(cand.size, 2, np.random.default_rng(0))]
    curves = removal_curves(graph, build_schedule(graph), orders)
    for row, order in zip(curves, orders):
        assert row.tolist() == nv.removal_curve(ng, graph.id_list(order))


@st.composite
def graphs(draw: st.DrawFn) -> Scenario:
    n = draw(st.integers(0, 9))
    demands = draw(st.lists(st.sampled_from([0, 0, 1, 2.5]), min_size=n, max_size=n))
    users = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    ents = [
        (
            f"n{i}",
            demands[i],
            EntityKind.USER if users[i] else EntityKind.SUPPLIER,
            draw(st.sampled_from([0.0, 0.5, 1.0])),
        )
        for i in range(n)
    ]
    flows = []
    if n >= 2:
        pairs = draw(
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1]), max_size=3 * n
            )
        )
        for j, (a, b) in enumerate(pairs):
            flows.append(
                (
                    f"f{j}",
                    f"n{a}",
                    f"n{b}",
                    draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])),
                    draw(st.sampled_from([FlowKind.GOODS, FlowKind.LOGISTICS, FlowKind.DATA])),
                    draw(st.sampled_from([0.0, 0.5])),
                )
            )
    return scenario_of(ents, flows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graphs(), st.sampled_from([0.0, 0.25, 0.5, 1.0]))
def test_matches_reference_hypothesis(scenario: Scenario, theta: float) -> None:
    check_against_reference(scenario, AnalysisSettings(seed=1, trials=70, orders=3, cascade_threshold=theta))


def test_redundancy_matches_brute_force_paths() -> None:
    for seed in range(25):
        s = nv.random_scenario(seed, n=7, m=12)
        ng = nv.naive_graph(s)
        res = analyze_resilience(s, AnalysisSettings(trials=1, orders=1))
        assert res.redundancy == {t: nv.disjoint_paths_brute(ng, t) for t in ng.demand}


# --------------------------------------------------------------------------- hand-computed cases
def test_chain() -> None:
    s = scenario_of([("O", 0), ("A", 0), ("B", 0), ("U", 1)], [("f1", "O", "A"), ("f2", "A", "B"), ("f3", "B", "U")])
    r = analyze_resilience(s, SETTINGS)
    assert r.service_level == 1.0
    assert [(c.id, c.service_loss, c.single_point_of_failure) for c in r.critical_entities] == [
        ("A", 1.0, True),
        ("B", 1.0, True),
        ("O", 1.0, True),
        ("U", 1.0, True),
    ]
    assert r.articulation_points == ("A", "B")
    assert r.redundancy == {"U": 1}
    assert r.origins == ("O",)
    assert r.robustness.candidates == 3
    assert r.robustness.targeted.order == ("A", "B", "O")  # equal loss: degree 2 before 1, then id
    assert r.robustness.targeted.curve == (1.0, 0.0, 0.0, 0.0)
    assert r.robustness.targeted.r_index == 0.0
    assert r.robustness.random.curve == (1.0, 0.0, 0.0, 0.0) and r.robustness.random.r_index == 0.0
    top = r.cascade[0]
    assert (top.id, top.cascade_size, top.service_level, top.failed) == ("O", 4, 0.0, ("A", "B", "O", "U"))
    assert [(c.id, c.cascade_size) for c in r.cascade] == [("O", 4), ("A", 3), ("B", 2), ("U", 1)]
    assert r.monte_carlo.expected_service == 1.0 and r.monte_carlo.p_below == 0.0


def test_diamond_two_origins_has_two_disjoint_paths() -> None:
    s = scenario_of(
        [("O1", 0), ("O2", 0), ("A", 0), ("B", 0), ("U", 4)],
        [("f1", "O1", "A"), ("f2", "O2", "B"), ("f3", "A", "U"), ("f4", "B", "U")],
    )
    r = analyze_resilience(s, SETTINGS)
    assert r.redundancy == {"U": 2}
    assert {c.id: c.service_loss for c in r.critical_entities} == {"O1": 0, "O2": 0, "A": 0, "B": 0, "U": 1}
    assert r.articulation_points == ("A", "B", "U")


def test_diamond_one_origin_paths_are_not_disjoint() -> None:
    s = scenario_of(
        [("O", 0), ("A", 0), ("B", 0), ("U", 1)],
        [("f1", "O", "A"), ("f2", "O", "B"), ("f3", "A", "U"), ("f4", "B", "U"), ("f5", "O", "U"), ("f6", "O", "U")],
    )
    r = analyze_resilience(s, SETTINGS)
    assert r.redundancy == {"U": 1}
    assert [c.id for c in r.critical_entities if c.single_point_of_failure] == ["O", "U"]


def test_single_point_of_failure_hub_and_demand_origin() -> None:
    s = scenario_of(
        [("S1", 0), ("S2", 0), ("H", 0), ("U1", 3), ("U2", 1), ("X", 2)],
        [
            ("a", "S1", "H"),
            ("b", "S2", "H"),
            ("c", "H", "U1"),
            ("d", "H", "U2"),
            ("e", "X", "U2"),
            ("g", "U1", "S1", 5.0, FlowKind.DATA),
        ],
    )
    r = analyze_resilience(s, SETTINGS)
    # X is a demand entity and an origin: always supplied (while alive), redundancy null
    assert r.redundancy == {"U1": 1, "U2": 2, "X": None}
    assert r.service_level == 1.0
    loss = {c.id: c.service_loss for c in r.critical_entities}
    assert loss == pytest.approx({"H": 3 / 6, "U1": 3 / 6, "X": 2 / 6, "U2": 1 / 6, "S1": 0.0, "S2": 0.0})
    assert loss["S1"] == loss["S2"] == 0.0
    assert r.critical_entities[0].id == "H"  # ties on loss sorted by id
    assert r.robustness.candidates == 3  # S1, S2, H
    assert r.robustness.targeted.order == ("H", "S1", "S2")
    assert r.robustness.targeted.curve == (1.0, 0.5, 0.5, 0.5)


def test_cascade_threshold_is_strict() -> None:
    ents = [("A", 0), ("B", 0), ("U", 1), ("W", 1)]
    flows = [("a", "A", "U", 1.0), ("b", "B", "U", 1.0), ("c", "A", "W", 1.5), ("d", "B", "W", 0.5)]
    r = analyze_resilience(scenario_of(ents, flows), SETTINGS)
    by = {c.id: c for c in r.cascade}
    assert by["A"].failed == ("A", "W")  # U lost exactly half: not more than θ = 0.5
    assert by["A"].service_level == 0.5
    assert by["B"].failed == ("B",) and by["B"].service_level == 1.0
    assert [c.id for c in r.cascade] == ["A", "U", "W", "B"]  # size desc, then service level asc, then id
    r0 = analyze_resilience(scenario_of(ents, flows), AnalysisSettings(cascade_threshold=0.0, trials=1))
    assert {c.id: c.cascade_size for c in r0.cascade}["B"] == 3


def test_cascade_compares_the_decimals_as_entered() -> None:
    ents = [("A", 0), ("B", 0), ("U", 1), ("W", 1)]
    flows = [
        ("a1", "A", "U", 0.1),
        ("a2", "A", "U", 0.2),
        ("b", "B", "U", 0.3),
        ("c", "A", "W", 0.1),
        ("d", "A", "W", 0.2),
        ("e", "B", "W", 0.7),
    ]
    by = {c.id: c for c in analyze_resilience(scenario_of(ents, flows), SETTINGS).cascade}
    assert by["A"].failed == ("A",)  # U lost 0.1 + 0.2 = 0.3, exactly half of 0.6: not more
    assert by["B"].failed == ("B", "W")


def test_p_below_ignores_floating_point_noise() -> None:
    s = scenario_of(
        [("O", 0), ("U1", 0.1), ("U2", 0.7), ("U3", 0.2, EntityKind.USER, 1.0)],
        [("a", "O", "U1"), ("b", "O", "U2"), ("c", "O", "U3")],
    )
    mc = analyze_resilience(s, AnalysisSettings(trials=64, orders=1, threshold=0.8)).monte_carlo
    assert mc.expected_service == pytest.approx(0.8) and mc.expected_service < 0.8  # 0.7999999999999999
    assert mc.p_below == 0.0


def test_equal_losses_on_paper_tie_and_fall_back_to_degree_and_id() -> None:
    ents = [("O", 0), ("B", 0), ("A", 0), ("X", 0), ("U1", 0.3), ("U2", 0.1), ("U3", 0.2)]
    flows = [("a", "O", "A"), ("b", "O", "B"), ("c", "A", "U1"), ("x", "A", "X"), ("d", "B", "U2"), ("e", "B", "U3")]
    r = analyze_resilience(scenario_of(ents, flows), SETTINGS)
    # A loses 0.3 and B loses 0.1 + 0.2: equal, so by id (the floats differ in the last bit)
    assert [c.id for c in r.critical_entities][:3] == ["O", "A", "B"]
    assert r.robustness.targeted.order[:3] == ("O", "A", "B")  # equal degree 3 too
    by = {c.id: c for c in r.cascade}
    assert by["A"].service_level == pytest.approx(by["B"].service_level)
    assert [c.id for c in r.cascade][:3] == ["O", "A", "B"]


def test_zero_volume_flows_carry_supply_but_no_cascade() -> None:
    s = scenario_of([("O", 0), ("A", 0), ("U", 1)], [("f", "O", "A", 0.0), ("g", "A", "U", 0.0)])
    r = analyze_resilience(s, SETTINGS)
    assert r.service_level == 1.0
    by = {c.id: c for c in r.cascade}
    assert by["O"].cascade_size == 1 and by["O"].service_level == 0.0


def test_supply_kinds_setting_and_non_supply_flows() -> None:
    s = scenario_of([("O", 0), ("U", 1)], [("d", "O", "U", 1.0, FlowKind.DATA)])
    assert analyze_resilience(s, SETTINGS).service_level == 0.0
    cfg = AnalysisSettings(trials=10, orders=2, supply_kinds=(FlowKind.DATA,))
    assert analyze_resilience(s, cfg).service_level == 1.0


def test_demand_fallbacks() -> None:
    s = scenario_of([("O", 0), ("A", 0, EntityKind.USER), ("B", 0, EntityKind.USER)], [("f", "O", "A")])
    r = analyze_resilience(s, SETTINGS)
    assert r.demand_entities == {"A": 1.0, "B": 1.0} and r.service_level == 0.5
    s = scenario_of([("O", 0), ("A", 0), ("B", 0), ("I", 0)], [("f", "O", "A"), ("g", "A", "B")])
    r = analyze_resilience(s, SETTINGS)
    assert r.demand_entities == {"B": 1.0} and r.service_level == 1.0  # isolated I is not a sink
    assert any("sink" in n for n in r.notes)


def test_monte_carlo_statistics() -> None:
    s = scenario_of(
        [("O", 0), ("M", 0, EntityKind.OTHER, 0.3), ("U", 1)],
        [("f", "O", "M", 1.0, FlowKind.GOODS, 0.2), ("g", "M", "U")],
    )
    mc = analyze_resilience(s, AnalysisSettings(seed=3, trials=20_000, orders=2)).monte_carlo
    assert mc.expected_service == pytest.approx(0.7 * 0.8, abs=0.015)
    assert mc.p_below == pytest.approx(1 - 0.56, abs=0.015)
    assert (mc.p05, mc.p50, mc.p95) == (0.0, 1.0, 1.0)
    assert sum(mc.histogram_counts) == 20_000 and len(mc.histogram_edges) == 21
    assert mc.histogram_counts[0] + mc.histogram_counts[-1] == 20_000


@pytest.mark.parametrize("trials", [1, 63, 64, 65, 1000])
def test_bernoulli_bits(trials: int) -> None:
    p = np.array([0.0, 1.0, 0.1, 0.5, 0.7, 0.999, 0.001] * 30)
    bits = unpack(bernoulli_bits(p, trials, np.random.default_rng(trials)), trials)
    assert not bits[p == 0].any() and bits[p == 1].all()
    assert (pack(bits) == pack(bits.copy())).all() and (unpack(pack(bits), trials) == bits).all()
    if trials == 1000:
        freq = bits.reshape(30, 7, trials).mean(axis=(0, 2))
        assert freq == pytest.approx([0, 1, 0.1, 0.5, 0.7, 0.999, 0.001], abs=0.01)


def test_bernoulli_bits_are_independent_with_binomial_counts() -> None:
    trials = 2000
    for p in (0.03, 0.3, 0.8):
        bits = unpack(bernoulli_bits(np.full(500, p), trials, np.random.default_rng(42)), trials).astype(float)
        counts = bits.sum(axis=1)
        assert counts.mean() == pytest.approx(trials * p, rel=0.02)
        assert counts.var() == pytest.approx(trials * p * (1 - p), rel=0.2)
        lag = np.mean((bits[:, 1:] - p) * (bits[:, :-1] - p)) / (p * (1 - p))
        assert abs(lag) < 0.01
        across = np.mean((bits[1:] - p) * (bits[:-1] - p)) / (p * (1 - p))
        assert abs(across) < 0.01


# --------------------------------------------------------------------------- edge cases, API
def test_empty_scenario() -> None:
    r = analyze_resilience(Scenario("empty"), SETTINGS)
    j = r.to_json()
    assert j["service_level"] == 0.0 and j["critical_entities"] == [] and j["cascade"] == []
    assert j["robustness"]["random"]["curve"] == [0.0] and j["robustness"]["candidates"] == 0
    assert j["robustness"]["random"]["r_index"] == 0.0 and j["robustness"]["targeted"]["order"] == []
    assert j["monte_carlo"]["expected_service"] == 0.0 and j["monte_carlo"]["p_below"] == 1.0
    assert j["redundancy"] == {} and j["demand_entities"] == {} and j["origins"] == []
    assert any("No demand" in n for n in j["notes"])


def test_no_candidates_r_index_is_intact_service() -> None:
    s = scenario_of([("A", 1), ("B", 1)], [("f", "A", "B")])
    r = analyze_resilience(s, SETTINGS)
    assert r.robustness.candidates == 0
    assert r.robustness.random.r_index == r.robustness.targeted.r_index == r.service_level == 1.0
    assert r.robustness.random.curve == (1.0,)
    assert r.redundancy == {"A": None, "B": 1}


def test_json_shape_and_plain_types() -> None:
    r = analyze_resilience(nv.random_scenario(5, n=10), SETTINGS)
    j = r.to_json()
    assert set(j) == {
        "service_level",
        "critical_entities",
        "articulation_points",
        "robustness",
        "redundancy",
        "monte_carlo",
        "cascade",
        "demand_entities",
        "origins",
        "notes",
    }
    assert set(j["robustness"]) == {"random", "targeted", "candidates"}
    assert set(j["robustness"]["random"]) == {"r_index", "curve", "curve_p05", "curve_p95", "orders"}
    assert set(j["robustness"]["targeted"]) == {"r_index", "curve", "order"}
    assert set(j["monte_carlo"]) == {
        "trials",
        "expected_service",
        "p05",
        "p50",
        "p95",
        "p_below",
        "threshold",
        "seed",
        "histogram",
    }
    assert set(j["critical_entities"][0]) == {"id", "service_loss", "single_point_of_failure"}
    assert set(j["cascade"][0]) == {"id", "cascade_size", "service_level", "failed"}
    assert json.loads(json.dumps(j, allow_nan=False)) == j  # plain Python types only


def test_deterministic_for_a_seed() -> None:
    s = nv.random_scenario(11, n=12)
    a = analyze_resilience(s, AnalysisSettings(seed=5, trials=500, orders=20)).to_json()
    b = analyze_resilience(s, AnalysisSettings(seed=5, trials=500, orders=20)).to_json()
    c = analyze_resilience(s, AnalysisSettings(seed=6, trials=500, orders=20)).to_json()
    assert a == b
    assert a["monte_carlo"] != c["monte_carlo"]
    d = analyze_resilience(s, AnalysisSettings(seed=5, trials=500, orders=7)).to_json()
    assert d["monte_carlo"] == a["monte_carlo"]  # independent streams


def test_cancel_raises_and_progress_is_monotone() -> None:
    s = nv.random_scenario(2, n=12)
    seen: list[tuple[float, str]] = []
    analyze_resilience(s, SETTINGS, progress=lambda f, stage: seen.append((f, stage)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and seen[-1][1] == "done"
    assert {"robustness", "monte carlo", "cascade"} <= {stage for _, stage in seen}
    with pytest.raises(AnalysisCancelled):
        analyze_resilience(s, SETTINGS, cancel=lambda: True)
    calls = iter(range(10_000))
    with pytest.raises(AnalysisCancelled) as info:
        analyze_resilience(s, SETTINGS, cancel=lambda: next(calls) >= 5)
    assert isinstance(info.value, EcodeskError) and info.value.stage
    assert str(info.value).startswith("analysis cancelled during ")
    assert str(AnalysisCancelled("analysis cancelled")) == "analysis cancelled"


def test_cancel_inside_a_long_loop() -> None:
    s = nv.ecosystem_scenario(1500, n_suppliers=20, n_hubs=8, n_segments=40)
    last: list[tuple[float, str]] = [(0.0, "")]

    def cancel() -> bool:  # once the cascade loop has reported progress, stop
        fraction, stage = last[-1]
        return stage == "cascade" and fraction > 0.76

    with pytest.raises(AnalysisCancelled) as info:
        analyze_resilience(
            s, AnalysisSettings(trials=64, orders=2), progress=lambda f, st: last.append((f, st)), cancel=cancel
        )
    assert info.value.stage == "cascade"
    assert 0.76 < last[-1][0] < 1.0


def test_engine_pieces_on_larger_graph() -> None:
    """The 1,000-distributor ecosystem: engine pieces against the reference on samples."""
    s = nv.ecosystem_scenario(1000, n_suppliers=20, n_hubs=8, n_segments=40)
    graph = build_supply_graph(s)
    schedule = build_schedule(graph)
    ng = nv.naive_graph(s)
    sup = supplied_mask(graph, schedule)
    assert set(graph.id_list(np.flatnonzero(sup))) == nv.supplied(ng)
    draws = draw_failures(graph, 8, np.random.default_rng(1))
    fast = trial_services(graph, schedule, draws)
    assert fast.tolist() == pytest.approx(
        nv.trial_services(ng, draws.node_alive_bool(), draws.edge_alive_bool()), rel=1e-12
    )
    sets = cascade_sets(graph, 0.5)
    sample = random.Random(0).sample(range(graph.n_nodes), 40)
    services = cascade_services(graph, schedule, sets)
    for v in sample:
        failed = nv.cascade(ng, graph.ids[v], 0.5)
        assert set(graph.id_list(sets[v])) == failed
        assert services[v] == pytest.approx(nv.service_without(ng, failed), rel=1e-12)
    assert nv.articulation_points(ng) == sorted(nx.articulation_points(nx.Graph(ng.g.to_undirected())))


def test_failure_draws_report_progress_and_stop_on_cancel_without_changing_the_draws() -> None:
    """A cancel during the Monte Carlo draws (200,000 trials on 2,000 entities took 1.5 s
    before it was looked at) stops inside them; the draws do not depend on the checks."""
    s = nv.ecosystem_scenario(300, n_suppliers=10, n_hubs=4, n_segments=20)
    graph = build_supply_graph(s)
    trials = 20_000
    plain = draw_failures(graph, trials, np.random.default_rng(5))
    seen: list[float] = []
    checked = draw_failures(graph, trials, np.random.default_rng(5), seen.append)
    assert np.array_equal(plain.node_alive, checked.node_alive)
    assert np.array_equal(plain.edge_alive, checked.edge_alive)
    assert len(seen) > 2 and seen == sorted(seen) and seen[-1] == pytest.approx(1.0)

    class Stop(Exception):
        pass

    def stop(fraction: float) -> None:
        if fraction > 0.3:
            raise Stop

    with pytest.raises(Stop):
        draw_failures(graph, trials, np.random.default_rng(5), stop)
