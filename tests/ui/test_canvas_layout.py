"""Auto-layout: the pure functions (no Qt) and their use from the canvas as one undo step."""

from __future__ import annotations

import ast
from pathlib import Path

from ecodesk.ui.canvas import layout
from ecodesk.ui.canvas.layout import Edge, Node
from tests.ui.canvas_helpers import make_view


def test_layout_module_imports_no_qt():
    src = Path(layout.__file__).read_text(encoding="utf-8")
    names = set()
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add(node.module or "")
    assert not {n for n in names if n.startswith(("PySide6", "shiboken6", "pyqtgraph", "ecodesk.ui"))}


def test_layers_follow_supply_tiers():
    nodes = [
        Node("sup", "supplier"),
        Node("plat", "platform"),
        Node("ch", "channel"),
        Node("usr", "user"),
        Node("res", "research"),
        Node("bank", "partner"),
        Node("lone_user", "user"),
    ]
    edges = [
        Edge("sup", "plat", "goods"),
        Edge("plat", "ch", "goods"),
        Edge("ch", "usr", "goods"),
        Edge("res", "sup", "capability"),
        Edge("bank", "usr", "money"),  # money: not supply
        Edge("usr", "plat", "data"),
    ]
    layers = layout.assign_layers(nodes, edges)
    assert layers["res"] < layers["sup"] < layers["plat"] < layers["ch"] < layers["usr"]
    assert layers["lone_user"] == layers["usr"] == max(layers.values())  # users line up last
    assert layers["bank"] == 0
    # a supply cycle does not break the layering
    cyc = layout.assign_layers(nodes, [*edges, Edge("usr", "sup", "goods")])
    assert set(cyc) == {n.id for n in nodes}


def test_barycentre_ordering_removes_avoidable_crossings():
    nodes = [Node(i, "supplier") for i in ("a", "b")] + [Node(i, "platform") for i in ("x", "y")]
    # id order puts a over b and x over y; edges a→y, b→x cross unless reordered
    edges = [Edge("a", "y"), Edge("b", "x")]
    cols = layout.order_layers(layout.assign_layers(nodes, edges), nodes, edges)
    pos = {i: k for col in cols for k, i in enumerate(col)}
    assert (pos["a"] < pos["b"]) == (pos["y"] < pos["x"])


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


def test_align_and_distribute_functions():
    boxes = {"a": (0.0, 0.0, 10.0, 10.0), "b": (100.0, 50.0, 20.0, 5.0), "c": (40.0, 200.0, 5.0, 5.0)}
    left = layout.align_positions(boxes, "left")
    assert {k: v[0] - boxes[k][2] for k, v in left.items()} == {"a": -10.0, "b": -10.0, "c": -10.0}
    bottom = layout.align_positions(boxes, "bottom")
    assert {round(v[1] + boxes[k][3], 6) for k, v in bottom.items()} == {205.0}
    dist = layout.distribute_positions(boxes, "horizontal")
    assert dist["a"] == (0.0, 0.0) and dist["b"] == (100.0, 50.0)
    gap1 = (dist["c"][0] - 5) - (0 + 10)
    gap2 = (100 - 20) - (dist["c"][0] + 5)
    assert abs(gap1 - gap2) < 1e-9
