"""Canvas selection (click, Ctrl-click, rubber band, select all) in sync with the document,
and moving by drag: one undo step, snap to grid, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from tests.ui.canvas_helpers import drag, entity_pos, make_view, vpos

CTRL = Qt.KeyboardModifier.ControlModifier


def selected(view):
    return set(view.document.selection)


def test_click_selects_and_ctrl_click_toggles(qtbot):
    view = make_view(qtbot)
    vp = view.viewport()
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=entity_pos(view, "p1"))
    assert view.document.selection == ["p1"]
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, CTRL, entity_pos(view, "u1"))
    assert selected(view) == {"p1", "u1"}
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, CTRL, entity_pos(view, "p1"))
    assert view.document.selection == ["u1"]
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=entity_pos(view, "c2"))
    assert view.document.selection == ["c2"]
    assert [i.entity_id for i in view.canvas_scene.selectedItems()] == ["c2"]


def test_clicking_a_flow_selects_it_and_empty_canvas_clears(qtbot):
    view = make_view(qtbot)
    vp = view.viewport()
    f = view.canvas_scene.flow_items["f11"]  # pa1 → u2, credit, a lone straight flow
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=view.mapFromScene(f.path().pointAtPercent(0.5)))
    assert view.document.selection == ["f11"]
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, pos=vpos(view, 700, -400))
    assert view.document.selection == []


def test_rubber_band_selects_what_it_touches(qtbot):
    view = make_view(qtbot)
    s = view.scenario
    # a band around the two users on the right (x = 560)
    drag(qtbot, view, vpos(view, 480, -40), vpos(view, 640, 380))
    sel = selected(view)
    assert {"u1", "u2"} <= sel
    assert not {i for i in sel if i in s.entities} - {"u1", "u2"}
    # Ctrl + band adds to the selection
    drag(qtbot, view, vpos(view, -480, -120), vpos(view, -360, 0), modifier=CTRL)
    assert {"u1", "u2", "s1"} <= selected(view)


def test_select_all_and_document_to_canvas_sync(qtbot):
    view = make_view(qtbot)
    doc = view.document
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL)
    assert set(doc.selection) == set(doc.scenario.entities.ids()) | set(doc.scenario.flows.ids())
    # document -> canvas, without echo
    emitted = []
    doc.selection_changed.connect(emitted.append)
    doc.set_selection(["c1", "f9", "cap1"])  # cap1 is not on the canvas
    assert len(emitted) == 1
    sc = view.canvas_scene
    assert {i.entity_id for i in sc.selectedItems() if hasattr(i, "entity_id")} == {"c1"}
    assert {i.flow_id for i in sc.selectedItems() if hasattr(i, "flow_id")} == {"f9"}
    assert doc.selection == ["c1", "f9", "cap1"]  # the canvas did not rewrite it
    doc.set_selection(["eco2"])
    assert sc.selectedItems() == []
    assert sc.hull_items["eco2"]._highlight
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert doc.selection == []


def test_drag_moves_entity_as_one_undo_step(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    before = (s.entities["c2"].x, s.entities["c2"].y)
    depth = len(doc.history)
    start = entity_pos(view, "c2")
    end = vpos(view, before[0] + 100, before[1] + 60)
    seen = []
    s.entities.changed.connect(lambda old, new: seen.append(new.id))
    drag(qtbot, view, start, end, steps=8, release=False)
    assert seen == []  # live moves touch the items only
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert len(doc.history) == depth + 1
    after = (s.entities["c2"].x, s.entities["c2"].y)
    z = view.zoom
    assert abs(after[0] - before[0] - 100) <= 2 / z and abs(after[1] - before[1] - 60) <= 2 / z
    doc.undo()
    assert (s.entities["c2"].x, s.entities["c2"].y) == before
    assert view.canvas_scene.entity_items["c2"].pos().toTuple() == before


def test_dragging_a_group_moves_all_selected(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    doc.set_selection(["u1", "u2"])
    b1, b2 = (s.entities["u1"].x, s.entities["u1"].y), (s.entities["u2"].x, s.entities["u2"].y)
    drag(qtbot, view, entity_pos(view, "u1"), vpos(view, b1[0] - 80, b1[1]))
    assert doc.history.undo_text() == "Move 2 entities"
    d1 = s.entities["u1"].x - b1[0]
    d2 = s.entities["u2"].x - b2[0]
    assert abs(d1 + 80) < 3 and abs(d1 - d2) < 1e-6
    assert s.entities["u2"].y == b2[1]


def test_snap_to_grid(qtbot):
    view = make_view(qtbot)
    view.snap_to_grid = True
    s = view.scenario
    x0, y0 = s.entities["c2"].x, s.entities["c2"].y
    drag(qtbot, view, entity_pos(view, "c2"), vpos(view, x0 + 73, y0 + 37))
    x, y = s.entities["c2"].x, s.entities["c2"].y
    assert x % 20 == 0 and y % 20 == 0
    assert abs(x - (x0 + 73)) <= 10 + 3 and abs(y - (y0 + 37)) <= 10 + 3


def test_escape_cancels_a_drag(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    before = (s.entities["c2"].x, s.entities["c2"].y)
    depth = len(doc.history)
    end = vpos(view, before[0] + 150, before[1] + 150)
    drag(qtbot, view, entity_pos(view, "c2"), end, release=False)
    assert view.canvas_scene.entity_items["c2"].x() != before[0]
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.canvas_scene.entity_items["c2"].pos().toTuple() == before
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert len(doc.history) == depth
    assert (s.entities["c2"].x, s.entities["c2"].y) == before


def test_click_without_drag_makes_no_command(qtbot):
    view = make_view(qtbot)
    depth = len(view.document.history)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=entity_pos(view, "p1") + QPoint(1, 1))
    assert len(view.document.history) == depth


def test_arrow_keys_nudge_the_selection(qtbot):
    view = make_view(qtbot)
    s = view.scenario
    view.document.set_selection(["p1"])
    x0 = s.entities["p1"].x
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert s.entities["p1"].x == x0 + 10
