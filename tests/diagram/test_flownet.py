"""The flow network: entities by index, the flows at each entity and pair, the fan of
parallel flows (offsets by id, symmetric), and routing a batch into the flow table."""

from __future__ import annotations

import numpy as np
import pytest

from ecodesk.diagram.flownet import FAN_SPACING, FlowNetwork, pair_key
from ecodesk.diagram.flowtable import FlowTable
from ecodesk.diagram.geometry import outline


def network() -> FlowNetwork:
    net = FlowNetwork(lambda kind: tuple(outline(str(kind), 20.0)))
    net.add_entity("a", 0.0, 0.0, "supplier")
    net.add_entity("b", 400.0, 0.0, "user")
    net.add_entity("c", 0.0, 300.0, "supplier")
    return net


def link(table: FlowTable, net: FlowNetwork, flows: dict[str, tuple[str, str]]) -> np.ndarray:
    """Give the flows rows linked to their ends' indices (what the scene's restyle does)."""
    ids = list(flows)
    rows = table.rows_for(ids)
    table.set_styles(rows, np.zeros(len(ids), np.int32), np.full(len(ids), 2.0))
    src = np.array([net.index_of(s) for s, _t in flows.values()])
    dst = np.array([net.index_of(t) for _s, t in flows.values()])
    table.set_links(rows, src, dst, np.array([s > t for s, t in flows.values()]))
    return rows


def test_pairs_ends_and_the_fan_of_parallel_flows():
    net = network()
    assert pair_key("b", "a") == pair_key("a", "b") == ("a", "b")
    for fid, (s, t) in {"f2": ("a", "b"), "f1": ("b", "a"), "f3": ("a", "b"), "g": ("a", "c")}.items():
        net.add_flow(fid, s, t)
    assert set(net.flows_of("a")) == {"f1", "f2", "f3", "g"} and set(net.flows_of("c")) == {"g"}
    assert net.flows_of("nobody") == frozenset()
    changed = net.spread_fans()
    assert changed == {"f1", "f3"}  # f2 sits in the middle (0), g alone is straight (0)
    assert [net.offset(f) for f in ("f1", "f2", "f3", "g")] == [-FAN_SPACING, 0.0, FAN_SPACING, 0.0]
    assert net.spread_fans() == set() and not net.dirty_pairs
    # one leaves: the other two spread again around the middle
    net.remove_flow("f2", "a", "b")
    assert net.spread_fans() == {"f1", "f3"}
    assert [net.offset("f1"), net.offset("f3")] == [-FAN_SPACING / 2, FAN_SPACING / 2]
    assert net.offset("f2") == 0.0 and "f2" not in net.flows_of("a")
    # g moves to the a–b pair: three again; c keeps no flow
    net.relink_flow("g", ("a", "c"), ("b", "a"))
    assert not net.flows_of("c") and "g" in net.flows_of("b")
    net.spread_fans()
    assert sorted(net.offset(f) for f in ("f1", "f3", "g")) == [-FAN_SPACING, 0.0, FAN_SPACING]


def test_entities_move_change_shape_and_leave():
    net = network()
    assert [net.index_of(e) for e in "abc"] == [0, 1, 2] and net.index_of("zz") == -1
    net.add_flow("f", "a", "zz")  # an end not on the canvas yet
    assert net.add_entity("zz", 10.0, 10.0, "user") == {"f"}  # its waiting flows, to link
    net.remove_entity("zz")
    assert net.index_of("zz") == -1 and net.flows_of("zz") == frozenset()


def test_route_routes_linked_flows_from_the_entities_places():
    net = network()
    table = FlowTable()
    flows = {"ab": ("a", "b"), "ac": ("a", "c"), "ax": ("a", "x")}
    for fid, (s, t) in flows.items():
        net.add_flow(fid, s, t)
    link(table, net, flows)
    ids, rows, routes = net.route(table, list(flows))
    assert ids == ["ab", "ac"]  # "ax": its target is not on the canvas
    assert rows.tolist() == [table.row_of("ab"), table.row_of("ac")]
    # a→b runs along y = 0 from a's outline (+ gap) towards b
    assert routes.p0[0, 1] == pytest.approx(0.0) and 20.0 < routes.p0[0, 0] < 30.0
    assert routes.head[0, 0, 0] < 400.0 - 18.0  # the tip stops before b's outline
    net.move_entity("b", 400.0, 200.0)
    _ids, _rows, moved = net.route(table, ["ab"])
    assert moved.head[0, 0, 1] > 100.0  # now heading down to b's new place
    assert net.route(table, []) is None and net.route(table, ["ax"]) is None
    net.set_kind("b", "platform")  # another outline: the tip moves out to the hexagon
    _ids, _rows, hexed = net.route(table, ["ab"])
    assert not np.allclose(hexed.head[0, 0], moved.head[0, 0])
