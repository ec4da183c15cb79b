"""Hit tests on the flow table: the flow under a point (shaft or arrowhead, within its hit
shape), the flows meeting a rubber band, and the cheap clutter count."""

from __future__ import annotations

import numpy as np

from ecodesk.diagram import flowhits
from ecodesk.diagram.flowtable import FlowTable
from tests.diagram.test_flowtable import routed


def two_flows() -> tuple[FlowTable, np.ndarray]:
    t = FlowTable()
    rows = routed(t, ["h", "v"], [[0, 0], [1000, 0]], [[400, 0], [1000, 400]], width=[2.0, 8.0])
    return t, rows


def test_flow_at_finds_the_nearest_shaft_within_its_hit_shape():
    t, _rows = two_flows()
    assert flowhits.flow_at(t, 200.0, 0.0) == "h"
    assert flowhits.flow_at(t, 200.0, 4.5) == "h"  # half the width + 3 = 4, but at least 5
    assert flowhits.flow_at(t, 200.0, 6.0) is None
    assert flowhits.flow_at(t, 1006.0, 200.0) == "v"  # width 8: reach 4 + 3 = 7
    assert flowhits.flow_at(t, 1008.0, 200.0) is None
    assert flowhits.flow_at(t, 200.0, 30.0, tolerance=40.0) == "h"
    assert flowhits.flow_at(FlowTable(), 0.0, 0.0) is None


def test_the_arrowhead_counts_and_hidden_flows_are_never_hit():
    t, rows = two_flows()
    tip = t.head[rows[0], 0]
    notch_side = (t.head[rows[0], 0] + t.head[rows[0], 1] + t.head[rows[0], 3]) / 3  # inside the head
    assert flowhits.flow_at(t, float(notch_side[0]), float(notch_side[1])) == "h"
    assert flowhits.in_quads(t.head[rows[:1]], float(notch_side[0]), float(notch_side[1])).tolist() == [True]
    assert flowhits.in_quads(t.head[rows[:1]], float(tip[0]) + 50, float(tip[1])).tolist() == [False]
    t.shown[rows[0]] = False
    assert flowhits.flow_at(t, 200.0, 0.0) is None


def test_flows_in_rect_and_count_in_rect():
    t, _rows = two_flows()
    assert flowhits.flows_in_rect(t, 190.0, -5.0, 210.0, 5.0) == ["h"]
    assert sorted(flowhits.flows_in_rect(t, -100.0, -100.0, 1100.0, 500.0)) == ["h", "v"]
    assert flowhits.flows_in_rect(t, 500.0, 100.0, 900.0, 300.0) == []  # between them
    assert flowhits.count_in_rect(t, -100.0, -100.0, 1100.0, 500.0) == 2
    assert flowhits.count_in_rect(FlowTable(), 0, 0, 1, 1) == 0
    # a box that meets the rect while the shaft does not: counted as clutter, not hit
    bent = FlowTable()
    routed(bent, ["c"], [[0, 0]], [[400, 0]], offset=[100.0])
    assert flowhits.count_in_rect(bent, 190.0, 20.0, 210.0, 40.0) == 1
    assert flowhits.flows_in_rect(bent, 190.0, 20.0, 210.0, 40.0) == []


def test_distance_to_polylines():
    p = np.array([[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0]]])
    assert flowhits.distance_to_polylines(p, 5.0, 3.0).tolist() == [3.0]
    assert flowhits.distance_to_polylines(p, 13.0, 14.0).tolist() == [5.0]
