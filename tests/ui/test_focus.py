"""Focus on selection: the selection and its neighbours within k flows shown, the rest
dimmed (not hidden), not hit and not selectable; the bar's k; Esc and Show All leave."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ecodesk.model import Entity, Flow
from ecodesk.ui.canvas.focus import DIM_OPACITY, faded_color
from tests.ui.canvas_helpers import entity_pos, make_view

# sample_scenario: r1 → s2 → p1 → c1/c2 → u1/u2 …; p1's neighbours: s1, s2, c1, c2, sv1
P1_K1 = {"p1", "s1", "s2", "c1", "c2", "sv1"}


def focused(view, ids, steps=1):
    view.select_ids(ids)
    assert view.focus.apply(steps=steps)
    QApplication.processEvents()


def flow_pen(view, flow_id) -> str:
    layer = view.canvas_scene.flow_layer
    color, _w, _d = layer.painter.pen_of(int(layer.table.style[layer.row_of(flow_id)]))
    return color.name(QColor.NameFormat.HexArgb)


def own(view, flow_id) -> str:
    sc = view.canvas_scene
    return sc.flow_color(sc.flows[flow_id]).name(QColor.NameFormat.HexArgb)


def faded(view, flow_id) -> str:
    sc = view.canvas_scene
    return faded_color(sc.flow_color(sc.flows[flow_id]), QColor(sc.theme.background)).name(QColor.NameFormat.HexArgb)


def test_focus_is_the_selection_and_its_neighbours_the_rest_dimmed(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    focused(view, ["p1"])
    assert view.focus.members == P1_K1
    assert view.focus.seeds == ("p1",)
    for eid, item in sc.entity_items.items():
        inside = eid in P1_K1
        assert item.isVisible()  # dimmed, never hidden
        assert item.opacity() == (1.0 if inside else DIM_OPACITY), eid
        assert item.isEnabled() == inside
    # flows among the focused set in full, the others faded
    assert flow_pen(view, "f1") == own(view, "f1")  # s1 → p1
    assert flow_pen(view, "f12") == own(view, "f12")  # p1 → sv1
    assert flow_pen(view, "f8") == faded(view, "f8")  # c1 → u1: u1 is two steps away
    assert flow_pen(view, "f3") == faded(view, "f3")  # r1 → s2
    assert view.focus.flow_dimmed("f8") and not view.focus.flow_dimmed("f1")
    assert faded(view, "f8") != own(view, "f8")
    painter = sc.flow_layer.painter  # the pale pens are drawn first, beneath the focused flows
    pale, full = (int(sc.flow_layer.table.style[sc.flow_layer.row_of(f)]) for f in ("f8", "f1"))
    assert pale in painter.beneath and full not in painter.beneath
    import numpy as np
    assert painter._order(np.array(sorted({pale, full}))) == [pale, full]
    c = faded_color(QColor("#FF0000"), QColor("#FFFFFF"), 0.12, 0.5)  # 12 % red on white, half opaque
    assert (c.name(), c.alpha()) == ("#ffe0e0", 128)
    bar = view.focus.bar
    assert bar.isVisible()
    assert bar.lead.text() == "Focus: 1 entity + neighbours within"
    assert bar.steps.value() == 1 and bar.tail.text() == "steps ·" and bar.show_all_button.text() == "Show All"


def test_dimmed_entities_are_neither_hit_nor_selectable(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    mid = {f: QPointF(*sc.flow_layer.table.pts[sc.flow_layer.row_of(f), 4]) for f in ("f8", "f1")}
    assert sc.flow_at(mid["f8"]).flow_id == "f8"
    focused(view, ["p1"])
    assert sc.flow_at(mid["f8"]) is None  # a faded flow: no hover, no click
    assert sc.flow_at(mid["f1"]).flow_id == "f1"
    assert view.item_at(view.mapFromScene(mid["f8"])) is None
    assert view.entity_at(entity_pos(view, "u1")) is None
    assert view.entity_at(entity_pos(view, "c1")).entity_id == "c1"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=entity_pos(view, "u1"))
    assert view.selected_entity_ids() == []
    view.select_ids(["u1", "c1"])
    assert view.selected_entity_ids() == ["c1"]
    view.select_all()
    assert set(view.selected_entity_ids()) == P1_K1
    assert "f8" not in view.selected_flow_ids() and "f1" in view.selected_flow_ids()


def test_a_new_selection_leaves_the_focus_until_it_is_applied_again(qtbot):
    view = make_view(qtbot)
    focused(view, ["p1"])
    view.select_ids(["c2"])
    assert view.focus.members == P1_K1
    assert view.focus.apply()
    assert view.focus.seeds == ("c2",)
    assert view.focus.members == {"c2", "p1", "u1", "u2"}


def test_changing_k_updates_members_and_dimming(qtbot):
    view = make_view(qtbot)
    focused(view, ["u2"])
    assert view.focus.members == {"u2", "c2", "pa1"}
    view.focus.bar.steps.setValue(2)  # the bar's box
    assert view.focus.steps == 2
    assert view.focus.members == {"u2", "c2", "pa1", "p1", "u1"}
    assert view.canvas_scene.entity_items["p1"].opacity() == 1.0
    assert view.focus.bar.steps.value() == 2
    view.focus.set_steps(5)
    assert len(view.focus.members) == 10  # everything is connected within five
    assert all(it.isEnabled() for it in view.canvas_scene.entity_items.values())
    assert flow_pen(view, "f3") == own(view, "f3")


def test_esc_and_show_all_leave_the_focus(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    focused(view, ["p1"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.focus.active
    assert not view.focus.bar.isVisible()
    assert all(it.opacity() == 1.0 and it.isEnabled() for it in sc.entity_items.values())
    assert flow_pen(view, "f8") == own(view, "f8")
    focused(view, ["p1"])
    qtbot.mouseClick(view.focus.bar.show_all_button, Qt.MouseButton.LeftButton)
    assert not view.focus.active and flow_pen(view, "f8") == own(view, "f8")


def test_nothing_selected_says_so(qtbot):
    view = make_view(qtbot)
    messages = []
    view.status_message.connect(messages.append)
    view.select_ids([])
    assert not view.focus.apply()
    assert messages == ["Select entities to focus on"]
    assert not view.focus.bar.isVisible()


def test_the_focus_follows_edits_new_entities_join_and_restyles_keep_the_fading(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    focused(view, ["p1"])
    s.add(Flow("fx", "p1", "u2", "goods"))  # u2 is now one step from p1
    s.add(Entity("new1", "New", "partner", x=900, y=900))
    qtbot.waitUntil(lambda: "u2" in view.focus.members and "new1" in view.focus.members, timeout=2000)
    assert view.canvas_scene.entity_items["u2"].isEnabled()
    assert "new1" in view.focus.seeds
    # a colour mode restyles every flow: the faded ones stay faded
    view.set_color_overrides({"p1": "#ff0000", "f3": "#00ff00"})
    assert flow_pen(view, "f3") == faded(view, "f3")
    view.set_theme("dark")  # faded into the dark background now
    assert flow_pen(view, "f3") == faded(view, "f3")
    # the focused entity removed with all seeds: the focus ends
    view.focus.apply(["new1"])
    s.remove("new1", Entity)
    qtbot.waitUntil(lambda: not view.focus.active, timeout=2000)


def test_switching_scenario_leaves_the_focus_and_the_context_menu_offers_it(qtbot):
    view = make_view(qtbot)
    view.select_ids(["p1"])
    menu = view.build_context_menu(view.canvas_scene.entity_items["p1"])
    texts = [a.text() for a in menu.actions()]
    assert "Focus on Selection" in texts and "Show All" not in texts
    next(a for a in menu.actions() if a.text() == "Focus on Selection").trigger()
    assert view.focus.active and view.focus.members == P1_K1
    menu = view.build_context_menu(None)
    assert "Show All" in [a.text() for a in menu.actions()]
    view.set_document(view.document)  # shown again: new items, dimmed again
    qtbot.waitUntil(lambda: not view.canvas_scene.entity_items["u1"].isEnabled(), timeout=2000)
    assert view.focus.active and view.canvas_scene.entity_items["u1"].opacity() == DIM_OPACITY
    doc = view.document
    doc.project.add_scenario(doc.scenario.copy("Other"))
    doc.set_scenario("Other")
    qtbot.waitUntil(lambda: not view.focus.active, timeout=2000)
    assert not view.focus.bar.isVisible()
    assert all(it.isEnabled() for it in view.canvas_scene.entity_items.values())
    assert flow_pen(view, "f8") == own(view, "f8")  # the other scenario's flow of the same id


def test_a_zoomed_out_canvas_names_only_the_focused_entities(qtbot):
    from ecodesk.ui.canvas.style import LOD_LABELS

    view = make_view(qtbot)
    view.set_zoom(LOD_LABELS * 0.6)
    assert {"u1", "p1"} <= set(view.zoomed_labels.shown_ids())
    focused(view, ["p1"])
    shown = set(view.zoomed_labels.shown_ids())
    assert "p1" in shown and shown <= P1_K1
    view.focus.clear()
    assert "u1" in view.zoomed_labels.shown_ids()
