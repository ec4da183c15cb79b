"""Placement of entities that came without positions (diagram.placement.place): which layout,
distinct places, boxes apart, fixed ones kept, components packed, deterministic, fast."""

from __future__ import annotations

import math
import random
import statistics
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodesk.diagram.geometry import ENTITY_BOX
from ecodesk.diagram.placement import place


def overlapping(pos: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    """Pairs whose entity boxes overlap (brute force: for test sizes only)."""
    items = sorted(pos.items())
    out = []
    for k, (a, (xa, ya)) in enumerate(items):
        for b, (xb, yb) in items[k + 1:]:
            if abs(xa - xb) < ENTITY_BOX[0] and abs(ya - yb) < ENTITY_BOX[1]:
                out.append((a, b))
    return out


def supply_chain() -> tuple[list[str], list[tuple[str, str]], dict[str, str]]:
    """Research → suppliers → platform → channels → users, a money flow back and a spare supplier."""
    ids = ["lab", "s1", "s2", "s3", "hub", "c1", "c2", "u1", "u2", "u3"]
    edges = [("lab", "s1"), ("lab", "s2"), ("s1", "hub"), ("s2", "hub"), ("s3", "hub"), ("hub", "c1"), ("hub", "c2"),
             ("c1", "u1"), ("c1", "u2"), ("c2", "u3")]
    kinds = {"lab": "research", "s1": "supplier", "s2": "supplier", "s3": "supplier", "hub": "platform",
             "c1": "channel", "c2": "channel", "u1": "user", "u2": "user", "u3": "user"}
    return ids, edges, kinds


def test_a_supply_chain_is_layered_sources_left_of_sinks():
    ids, edges, kinds = supply_chain()
    pos, method = place(ids, edges, {}, kinds)
    assert method == "layered"
    x = {i: p[0] for i, p in pos.items()}
    assert x["lab"] < x["s1"] == x["s2"] < x["hub"] < x["c1"] == x["c2"] < x["u1"] == x["u2"] == x["u3"]
    assert x["s3"] == x["s1"]  # a supplier feeding the hub directly sits with the other suppliers
    assert not overlapping(pos)
    # without kinds the direction alone decides as well
    pos2, method2 = place(ids, edges, {})
    assert method2 == "layered" and pos2["lab"][0] < pos2["hub"][0] < pos2["u1"][0]


def test_rings_mutual_pairs_and_undirected_edges_get_the_force_layout():
    ring = [f"r{i}" for i in range(12)]
    cycle = [(ring[i], ring[(i + 1) % 12]) for i in range(12)]
    pos, method = place(ring, cycle, {})
    assert method == "force"
    # on a ring the neighbours sit closer than the entities across it
    d = {i: math.dist(pos[ring[i]], pos[ring[(i + 1) % 12]]) for i in range(12)}
    assert max(d.values()) < math.dist(pos["r0"], pos["r6"])
    chain = [(ring[i], ring[i + 1]) for i in range(11)]
    assert place(ring, chain + [(b, a) for a, b in chain], {})[1] == "force"  # every edge both ways
    assert place(ring, chain, {}, directed=False)[1] == "force"  # the caller says: no direction
    assert place(ring[:5], chain[:4], {})[1] == "layered"  # a short chain has a direction
    assert place(ring, chain, {})[1] == "force"  # a chain of 12 layers would be one long line


def test_no_flows_no_layers_and_an_oriented_grid_is_not_a_supply_chain():
    ids = [f"n{i}" for i in range(30)]
    pos, method = place(ids, [], {})
    assert method == "force" and len(set(pos.values())) == 30 and not overlapping(pos)
    # an undirected random graph written in id order is acyclic, but its longest path is long
    rng = random.Random(1)
    n = 400
    names = [f"v{i}" for i in range(n)]
    edges = []
    for i in range(1, n):
        edges.append((names[i - 1], names[i]))
        j = rng.randrange(n)
        edges.append((names[min(i, j)], names[max(i, j)]))
    assert place(names, edges, {})[1] == "force"


def test_links_hold_entities_together_without_choosing_columns():
    ids, edges, kinds = supply_chain()
    feedback = [("u1", "hub"), ("u2", "hub"), ("c1", "lab")]  # data fed back: as edges, they make cycles
    assert place(ids, edges + feedback, {}, kinds)[1] == "force"
    pos, method = place(ids, edges, {}, kinds, links=feedback)
    assert method == "layered" and pos["lab"][0] < pos["hub"][0] < pos["u1"][0]


def test_fixed_positions_stay_and_new_ones_go_beside_them():
    ids, edges, kinds = supply_chain()
    fixed = {"hub": (500.0, -20.0), "c1": (500.0, -20.0), "ghost": (9e3, 9e3)}  # coinciding fixed ones: the user's
    pos, _ = place(ids, edges, fixed, kinds)
    assert pos["hub"] == (500.0, -20.0) and pos["c1"] == (500.0, -20.0)
    assert "ghost" not in pos  # fixed ids that are not asked for are not returned
    new = {i: p for i, p in pos.items() if i not in fixed}
    assert len(new) == 8 and len(set(new.values())) == 8
    assert min(x for x, _ in new.values()) >= 500.0 + ENTITY_BOX[0]  # right of the fixed ones, boxes clear
    assert (500.0, -20.0) not in new.values()


def test_absurd_fixed_coordinates_do_not_push_new_ones_off_the_floats():
    pos, _ = place(["a", "b", "c"], [("b", "c")], {"a": (1.7e308, -1.7e308)})
    assert pos["a"] == (1.7e308, -1.7e308)
    assert all(math.isfinite(v) and abs(v) < 1e4 for i in "bc" for v in pos[i])
    assert pos["b"] != pos["c"]


def test_many_small_components_are_packed_into_a_block_not_a_line():
    ids = [f"p{i}" for i in range(300)]
    edges = [(ids[2 * k], ids[2 * k + 1]) for k in range(120)]  # 120 pairs and 60 lone entities
    pos, _ = place(ids, edges, {})
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.5 < width / height < 4.0
    assert not overlapping(pos)
    # a pair stays together
    assert math.dist(pos["p0"], pos["p1"]) < 2.5 * ENTITY_BOX[0]


def test_force_layout_keeps_boxes_apart_and_neighbours_near():
    rng = random.Random(3)
    ids = [f"n{i}" for i in range(200)]
    edges = [(ids[rng.randrange(i)], ids[i]) for i in range(1, 200)]  # a random tree
    edges += [(ids[rng.randrange(200)], ids[rng.randrange(200)]) for _ in range(40)]
    pos, method = place(ids, edges, {}, directed=False)
    assert method == "force"
    assert not overlapping(pos)
    linked = sorted(math.dist(pos[a], pos[b]) for a, b in edges if a != b)
    spread = max(math.dist(pos[ids[0]], p) for p in pos.values())
    assert linked[len(linked) // 2] < spread / 4  # a flow is short next to the picture's size


def test_same_input_same_output_whatever_the_order():
    ids, edges, kinds = supply_chain()
    first = place(ids, edges, {}, kinds)
    rng = random.Random(7)
    shuffled_ids, shuffled_edges = ids[:], edges[:]
    rng.shuffle(shuffled_ids)
    rng.shuffle(shuffled_edges)
    assert place(shuffled_ids, shuffled_edges, {}, kinds) == first
    ring = [f"r{i}" for i in range(60)]
    cycle = [(ring[i], ring[(i + 1) % 60]) for i in range(60)] + [(ring[i], ring[(i * 7) % 60]) for i in range(60)]
    assert place(ring, cycle, {}) == place(list(reversed(ring)), list(reversed(cycle)), {})


NAMES = st.text("abcdefgh", min_size=1, max_size=2)


@settings(max_examples=120, deadline=None)
@given(ids=st.lists(NAMES, max_size=40),
       edges=st.lists(st.tuples(NAMES, NAMES), max_size=80),
       fixed=st.dictionaries(NAMES, st.tuples(st.sampled_from([0.0, 1.0, -5.5, 1e6]), st.sampled_from([0.0, 2.0])),
                             max_size=6),
       directed=st.booleans())
def test_every_entity_gets_its_own_place(ids, edges, fixed, directed):
    """Duplicates, no edges, one node, loops, multi-edges, unknown ends, fixed ones on top of each other."""
    pos, method = place(ids, edges, fixed, directed=directed)
    assert method in ("layered", "force")
    assert set(pos) == set(ids)
    for i in ids:
        if i in fixed:
            assert pos[i] == fixed[i]
    new = [pos[i] for i in set(ids) if i not in fixed]
    assert len(set(new)) == len(new)
    assert not set(new) & {fixed[i] for i in set(ids) if i in fixed}
    assert all(math.isfinite(c) for p in new for c in p)
    assert not overlapping({i: pos[i] for i in set(ids) if i not in fixed})


@pytest.mark.parametrize("shape", ["tiers", "random", "forest"])
def test_ten_thousand_entities_in_seconds(shape):
    rng = random.Random(11)
    n = 10_000
    ids = [f"e{i}" for i in range(n)]
    if shape == "tiers":  # five tiers, each feeding the next
        tier = [ids[k * 2000:(k + 1) * 2000] for k in range(5)]
        edges = [(rng.choice(tier[t]), rng.choice(tier[t + 1])) for t in range(4) for _ in range(6000)]
    elif shape == "random":
        edges = [(ids[rng.randrange(n)], ids[rng.randrange(n)]) for _ in range(30_000)]
    else:  # about 1,200 small trees: one batch, not 1,200 layouts
        edges, i = [], 0
        while i < n - 12:
            k = rng.randint(4, 12)
            edges += [(ids[i + rng.randrange(j)], ids[i + j]) for j in range(1, k)]
            i += k
    start = time.perf_counter()
    pos, method = place(ids, edges, {}, directed=shape != "forest")
    took = time.perf_counter() - start
    assert method == ("layered" if shape == "tiers" else "force")
    assert len(set(pos.values())) == n
    assert took < 90  # generous: 1–3 s on a laptop core


def test_the_canvas_force_layout_uses_the_multilevel_engine_beyond_networkx():
    """Layout ▸ Force on a big scenario: linear-time, deterministic, neighbours nearer than strangers."""
    from ecodesk.diagram.layout import NX_SPRING_MAX, Edge, Node, force_layout

    rng = random.Random(2)
    n = NX_SPRING_MAX * 3
    nodes = [Node(f"n{i}") for i in range(n)]
    edges = [Edge(f"n{rng.randrange(i)}", f"n{i}") for i in range(1, n)]
    pos = force_layout(nodes, edges, seed=1)
    assert pos == force_layout(list(reversed(nodes)), list(reversed(edges)), seed=1)
    assert len(set(pos.values())) == n
    linked = statistics.median(math.dist(pos[e.source], pos[e.target]) for e in edges)
    strangers = statistics.median(math.dist(pos[f"n{rng.randrange(n)}"], pos[f"n{rng.randrange(n)}"]) for _ in range(500))
    assert linked < strangers / 4
