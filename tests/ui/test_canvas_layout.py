"""Auto-layout from the canvas: one undo step (the pure functions: tests/diagram/test_layout.py)."""

from __future__ import annotations

from ecodesk.diagram import layout
from ecodesk.diagram.layout import Edge, Node
from tests.ui.canvas_helpers import make_view


def test_layered_layout_on_the_canvas_is_one_undo_step(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    before = {e.id: (e.x, e.y) for e in s.entities}
    depth = len(doc.history)
    assert view.auto_layout("layered")
    assert len(doc.history) == depth + 1
    x = {e.id: e.x for e in s.entities}
    origins = ("s1", "r1", "pa1")
    for o in origins:
        for u in ("u1", "u2"):
            assert x[o] < x[u]
    assert x["s1"] < x["p1"] < x["c1"] < x["u1"]
    assert x["u1"] == x["u2"]
    positions = {(e.x, e.y) for e in s.entities}
    assert len(positions) == len(s.entities)  # nobody on top of anybody
    doc.undo()
    assert {e.id: (e.x, e.y) for e in s.entities} == before
    assert view.canvas_scene.entity_items["p1"].pos().toTuple() == before["p1"]


def test_force_layout_is_deterministic(qtbot):
    nodes = [Node(f"n{i}", "other") for i in range(12)]
    edges = [Edge(f"n{i}", f"n{(i + 1) % 12}") for i in range(12)] + [Edge("n0", "n6")]
    a = layout.force_layout(nodes, edges, seed=3)
    b = layout.force_layout(list(reversed(nodes)), list(reversed(edges)), seed=3)
    assert a == b
    xs = [p[0] for p in a.values()]
    assert max(xs) - min(xs) > 200  # scaled to the canvas, not the unit square
    view = make_view(qtbot)
    s = view.scenario
    assert view.auto_layout("force")
    first = {e.id: (e.x, e.y) for e in s.entities}
    view.document.undo()
    assert view.auto_layout("force")
    assert {e.id: (e.x, e.y) for e in s.entities} == first
    assert len(set(first.values())) == len(first)
