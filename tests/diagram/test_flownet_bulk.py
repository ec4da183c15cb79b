"""A load's bulk paths give what the one-at-a-time paths give: FlowNetwork.add_entities /
add_flows against add_entity / add_flow (pairs, ends, fan offsets after spread_fans), and
FlowTable.set_routes writing a run of rows as a slice against scattered rows."""

from __future__ import annotations

import random

import numpy as np

from ecodesk.diagram.flownet import FlowNetwork
from ecodesk.diagram.flowtable import FlowTable
from ecodesk.diagram.geometry import outline
from ecodesk.diagram.routes import route_flows


def _net() -> FlowNetwork:
    return FlowNetwork(lambda kind: tuple(outline(str(kind), 20.0)))


def _state(net: FlowNetwork) -> tuple:
    return (net._eidx, net._ex, net._ey, net._eshape, net._pairs, net._entity_flows, net._offset)


def test_bulk_adds_equal_one_by_one_adds_after_spreading_the_fans():
    rng = random.Random(3)
    ents = [(f"e{i}", rng.uniform(-500, 500), rng.uniform(-500, 500), rng.choice(["supplier", "user", "platform"]))
            for i in range(30)]
    flows = [(f"F{i:03d}", rng.choice(ents)[0], rng.choice(ents)[0]) for i in range(400)]  # many parallel, loops too
    one, bulk = _net(), _net()
    for eid, x, y, kind in ents:
        one.add_entity(eid, x, y, kind)
    for fid, s, t in flows:
        one.add_flow(fid, s, t)
    one.spread_fans()
    bulk.add_entities(*map(list, zip(*ents, strict=True)))
    ids, sources, targets = map(list, zip(*flows, strict=True))
    bulk.add_flows(ids, sources, targets)
    changed = bulk.spread_fans()
    assert _state(bulk) == _state(one)
    assert any(off != 0.0 for off in bulk._offset.values())  # (fans were spread)
    assert changed == {fid for fid, off in bulk._offset.items() if off != 0.0}
    assert bulk.indices_of(["e3", "nobody", "e0"]) == [one.index_of("e3"), -1, one.index_of("e0")]


def test_bulk_flows_join_pairs_that_have_flows_already():
    net = _net()
    for eid in "abc":
        net.add_entity(eid, 0.0, 0.0, "supplier")
    net.add_flow("F1", "a", "b")
    net.spread_fans()
    net.add_flows(["F2", "F3"], ["b", "a"], ["a", "c"])  # F2 joins a-b's fan, F3 is alone
    assert net.spread_fans() == {"F1", "F2"}
    assert net.offset("F1") == -net.offset("F2") != 0.0
    assert net.offset("F3") == 0.0
    assert net.flows_of("a") == {"F1", "F2", "F3"}


def test_set_routes_writes_a_run_of_rows_as_scattered_rows_would_be_written():
    rng = np.random.default_rng(1)
    n = 300
    square = [tuple(outline("supplier", 20.0))]
    zero = np.zeros(n, np.intp)
    routes = route_flows(rng.uniform(-900, 900, (n, 2)), rng.uniform(-900, 900, (n, 2)), rng.random(n) < 0.5,
                         rng.choice([0.0, 24.0, -12.0], n), rng.uniform(1.2, 7.0, n), square, square, zero, zero)
    tables = []
    for order in (slice(None), slice(None, None, -1)):  # one ascending run / the same rows reversed
        t = FlowTable()
        t.rows_for(["x", "y"])
        rows = t.rows_for([f"F{i}" for i in range(n)])[order]
        t.width[rows] = np.linspace(1.2, 7.0, n)
        t.set_routes(rows, routes)
        tables.append({c: getattr(t, c)[rows] for c in ("pts", "ends", "head", "box", "curved")})  # by route
    for c, a in tables[0].items():
        assert np.array_equal(a, tables[1][c])
    pts, head, box = tables[0]["pts"], tables[0]["head"], tables[0]["box"]
    pad = (np.linspace(1.2, 7.0, n) / 2 + 1)[:, None]
    assert np.array_equal(box[:, :2], np.concatenate([pts, head], axis=1).min(axis=1) - pad)
    assert np.array_equal(box[:, 2:], np.concatenate([pts, head], axis=1).max(axis=1) + pad)
    assert np.array_equal(tables[0]["ends"][:, 0], routes.p0) and np.array_equal(tables[0]["ends"][:, 3], routes.apex)
