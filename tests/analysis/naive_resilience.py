"""Reference implementation of SPEC §3.3 for tests: straightforward networkx, no cleverness.

Every figure is recomputed from scratch, exactly as the SPEC words it: reachability is a
fresh breadth-first search for each removal, each trial, each cascade. Sums of demand
and volume use ``math.fsum`` (correctly rounded, so order does not matter). Also holds the
scenario generators shared by the tests and the benchmark.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import networkx as nx
import numpy as np

from ecodesk.model import Capability, Entity, EntityKind, Flow, FlowKind, Scenario
from ecodesk.model.kinds import DEFAULT_SUPPLY_KINDS


@dataclass
class NaiveGraph:
    g: nx.MultiDiGraph  # nodes: entity ids; edge keys: flow ids
    ids: list[str]
    origins: set[str]
    demand: dict[str, float]  # demand entity -> weight, scenario order
    node_risk: dict[str, float]
    edge_list: list[tuple[str, str, str]]  # (source, target, flow id), scenario order


def naive_graph(scenario: Scenario, kinds: Iterable[FlowKind | str] = DEFAULT_SUPPLY_KINDS) -> NaiveGraph:
    kinds = {FlowKind(k) for k in kinds}
    g = nx.MultiDiGraph()
    ids = [e.id for e in scenario.entities]
    g.add_nodes_from(ids)
    edges = []
    for f in scenario.flows:
        if f.kind in kinds:
            g.add_edge(f.source, f.target, key=f.id, volume=f.volume, risk=f.risk)
            edges.append((f.source, f.target, f.id))
    origins = {v for v in ids if g.out_degree(v) > 0 and g.in_degree(v) == 0}
    demand = {e.id: e.demand for e in scenario.entities if e.demand > 0}
    if not demand:
        demand = {e.id: 1.0 for e in scenario.entities if e.kind is EntityKind.USER}
    if not demand:
        demand = {v: 1.0 for v in ids if g.in_degree(v) > 0 and g.out_degree(v) == 0}
    return NaiveGraph(g, ids, origins, demand, {e.id: e.risk for e in scenario.entities}, edges)


def supplied(ng: NaiveGraph, dead_nodes: Iterable[str] = (), dead_edges: Iterable[str] = ()) -> set[str]:
    """Alive entities reached from an alive origin through alive flows (fresh BFS)."""
    dead_n, dead_e = set(dead_nodes), set(dead_edges)
    h = nx.DiGraph()
    h.add_nodes_from(v for v in ng.ids if v not in dead_n)
    h.add_edges_from((s, t) for s, t, k in ng.edge_list if k not in dead_e and s not in dead_n and t not in dead_n)
    out: set[str] = set()
    for o in ng.origins:
        if o in h and o not in out:
            out.add(o)
            out |= nx.descendants(h, o)
    return out


def service(ng: NaiveGraph, sup: set[str]) -> float:
    total = math.fsum(ng.demand.values())
    if total <= 0:
        return 0.0
    return math.fsum(w for d, w in ng.demand.items() if d in sup) / total


def service_without(ng: NaiveGraph, dead_nodes: Iterable[str] = (), dead_edges: Iterable[str] = ()) -> float:
    return service(ng, supplied(ng, dead_nodes, dead_edges))


def critical(ng: NaiveGraph) -> dict[str, float]:
    intact = service_without(ng)
    return {v: intact - service_without(ng, [v]) for v in ng.ids}


def articulation_points(ng: NaiveGraph) -> list[str]:
    return sorted(nx.articulation_points(nx.Graph(ng.g.to_undirected())))


def candidates(ng: NaiveGraph) -> list[str]:
    return [v for v in ng.ids if v not in ng.demand]


def removal_curve(ng: NaiveGraph, order: Sequence[str]) -> list[float]:
    return [service_without(ng, order[:q]) for q in range(len(order) + 1)]


def targeted_order(ng: NaiveGraph) -> list[str]:
    loss = critical(ng)
    deg = {v: ng.g.in_degree(v) + ng.g.out_degree(v) for v in ng.ids}
    return sorted(candidates(ng), key=lambda v: (-loss[v], -deg[v], v))


def disjoint_paths(ng: NaiveGraph, t: str) -> int | None:
    """Node-disjoint origin→t paths via networkx max flow on a node-split graph."""
    if t in ng.origins:
        return None
    h = nx.DiGraph()
    for v in ng.ids:
        h.add_edge((v, "in"), (v, "out"), capacity=1)
    for s, d, _ in ng.edge_list:
        h.add_edge((s, "out"), (d, "in"), capacity=1)
    for o in ng.origins:
        h.add_edge("SOURCE", (o, "in"), capacity=1)
    if "SOURCE" not in h:
        return 0
    return int(nx.maximum_flow_value(h, "SOURCE", (t, "in")))


def disjoint_paths_brute(ng: NaiveGraph, t: str) -> int | None:
    """Largest set of origin→t simple paths pairwise sharing no entity but t (tiny graphs)."""
    if t in ng.origins:
        return None
    simple = nx.DiGraph(ng.g)
    paths = [frozenset(p[:-1]) for o in ng.origins for p in nx.all_simple_paths(simple, o, t)]
    best = 0

    def grow(start: int, used: frozenset[str], count: int) -> None:
        nonlocal best
        best = max(best, count)
        for i in range(start, len(paths)):
            if not (paths[i] & used):
                grow(i + 1, used | paths[i], count + 1)

    grow(0, frozenset(), 0)
    return best


def _dec(x: float) -> Fraction:
    return Fraction(repr(float(x)))


def cascade(ng: NaiveGraph, initial: str, theta: float) -> set[str]:
    """Rounds until nothing changes; lost volume recomputed from scratch each time, in exact
    decimal arithmetic on the numbers as entered."""
    failed = {initial}
    in_vol = {v: sum((_dec(d["volume"]) for _, _, d in ng.g.in_edges(v, data=True)), Fraction(0)) for v in ng.ids}
    changed = True
    while changed:
        changed = False
        for v in ng.ids:
            if v in failed or v in ng.origins or in_vol[v] <= 0:
                continue
            lost = sum((_dec(d["volume"]) for s, _, d in ng.g.in_edges(v, data=True) if s in failed), Fraction(0))
            if lost > _dec(theta) * in_vol[v]:
                failed.add(v)
                changed = True
    return failed


def trial_services(ng: NaiveGraph, node_alive: np.ndarray, edge_alive: np.ndarray) -> list[float]:
    """Per-trial service from given alive booleans ``(trials, V)`` and ``(trials, E)``."""
    out = []
    for t in range(node_alive.shape[0]):
        dead_n = [v for i, v in enumerate(ng.ids) if not node_alive[t, i]]
        dead_e = [k for i, (_, _, k) in enumerate(ng.edge_list) if not edge_alive[t, i]]
        out.append(service_without(ng, dead_n, dead_e))
    return out


# --------------------------------------------------------------------------- generators
def random_scenario(seed: int, n: int = 12, m: int | None = None, *, demand_mode: str = "mixed") -> Scenario:
    """A small random scenario with cycles, parallel flows, isolated entities, zero volumes,
    non-supply flows and capability flows. ``demand_mode``: 'mixed' (some demand > 0),
    'users' (no demand, some users), 'sinks' (no demand, no users). Demands and volumes are
    dyadic so every sum is exact in floating point."""
    rnd = random.Random(seed)
    m = rnd.randint(n, 3 * n) if m is None else m
    kinds = [k for k in EntityKind if k is not EntityKind.USER]
    ents = []
    for i in range(n):
        kind = rnd.choice(list(EntityKind)) if demand_mode != "sinks" else rnd.choice(kinds)
        if demand_mode == "users" and i == n - 1:
            kind = EntityKind.USER
        demand = rnd.choice([0, 0, 0, 1, 2, 3.5]) if demand_mode == "mixed" else 0
        ents.append(Entity(f"e{i:02d}", kind=kind, demand=demand, risk=rnd.choice([0, 0.05, 0.3, 0.5, 0.8, 1.0])))
    caps = [Capability(f"cap{i}", owner=ents[i].id, category="c") for i in range(0, n, 3)]
    cap_of = {c.owner: c.id for c in caps}
    flows = []
    for j in range(m if n >= 2 else 0):
        a, b = rnd.sample(range(n), 2)
        if rnd.random() < 0.6:  # mostly "downstream" so there are origins and sinks
            a, b = min(a, b), max(a, b)
        kind = rnd.choice(
            [FlowKind.GOODS, FlowKind.GOODS, FlowKind.LOGISTICS, FlowKind.DATA, FlowKind.MONEY, FlowKind.CAPABILITY]
        )
        src = ents[a].id
        cap = None
        if kind is FlowKind.CAPABILITY:
            if src not in cap_of:
                kind = FlowKind.GOODS
            else:
                cap = cap_of[src]
        flows.append(
            Flow(
                f"f{j:03d}",
                src,
                ents[b].id,
                kind=kind,
                volume=rnd.choice([0, 0.5, 1, 2, 3, 4]),
                risk=rnd.choice([0, 0.1, 0.5, 0.9, 1.0]),
                capability=cap,
            )
        )
        if rnd.random() < 0.1:  # a parallel flow
            flows.append(Flow(f"f{j:03d}b", src, ents[b].id, kind=FlowKind.GOODS, volume=rnd.choice([1, 2]), risk=0.2))
    s = Scenario(f"random-{seed}")
    s.bulk_load({"entities": ents, "capabilities": caps, "flows": flows})
    return s


def ecosystem_scenario(
    n_distributors: int = 10_000, *, n_suppliers: int = 120, n_hubs: int = 40, n_segments: int = 300, seed: int = 1
) -> Scenario:
    """Suppliers → platform hubs / warehouses → distributors → user segments, risks in [0, 0.1].

    With the defaults: 10,460 entities and about 50,000 goods/logistics/capability flows.
    """
    rnd = random.Random(seed)
    ents: list[Entity] = []
    caps: list[Capability] = []
    flows: list[Flow] = []
    sup = [f"S{i}" for i in range(n_suppliers)]
    hubs = [f"H{i}" for i in range(n_hubs)]
    dist = [f"D{i}" for i in range(n_distributors)]
    seg = [f"U{i}" for i in range(n_segments)]
    for i in sup:
        ents.append(Entity(i, kind=EntityKind.SUPPLIER, risk=rnd.uniform(0, 0.1)))
    for i in hubs:
        ents.append(Entity(i, kind=EntityKind.PLATFORM, risk=rnd.uniform(0, 0.1)))
        caps.append(Capability(f"cap-{i}", owner=i, category="fulfilment", fixed_cost=1e6, unit_cost=1))
    for i in dist:
        ents.append(Entity(i, kind=EntityKind.CHANNEL, risk=rnd.uniform(0, 0.1)))
    for i in seg:
        ents.append(Entity(i, kind=EntityKind.USER, demand=rnd.randint(1, 1000), risk=rnd.uniform(0, 0.1)))
    k = 0

    def add(a: str, b: str, kind: FlowKind = FlowKind.GOODS, cap: str | None = None) -> None:
        nonlocal k
        flows.append(
            Flow(f"F{k}", a, b, kind=kind, volume=rnd.randint(1, 100), risk=rnd.uniform(0, 0.1), capability=cap)
        )
        k += 1

    for h in hubs:
        for s in rnd.sample(sup, 6):
            add(s, h)
    for d in dist:
        for h in rnd.sample(hubs, rnd.choice([1, 2, 2, 3, 3])):
            add(h, d, rnd.choice([FlowKind.GOODS, FlowKind.LOGISTICS]))
        if rnd.random() < 0.3:
            h = rnd.choice(hubs)
            add(h, d, FlowKind.CAPABILITY, f"cap-{h}")
        for u in rnd.sample(seg, rnd.choice([2, 2, 3, 3])):
            add(d, u)
    for _ in range(n_distributors // 20):  # some distributors resupply each other (cycles)
        a, b = rnd.sample(dist, 2)
        add(a, b)
    s = Scenario("ecosystem")
    s.bulk_load({"entities": ents, "capabilities": caps, "flows": flows})
    return s
