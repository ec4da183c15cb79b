"""Canvas editing: place, draw flows, delete, clipboard, rename — each one undo step."""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from ecodesk.model import EntityKind, FlowKind
from ecodesk.ui.canvas import MIME_OBJECTS, NEW_CAPABILITY, EntityPaletteWidget
from tests.ui.canvas_helpers import drag, entity_pos, make_view, vpos


def commit_text(widget, text):
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_place_tool_click_places_one_entity(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    depth, n = len(doc.history), len(s.entities)
    tools = []
    view.tool_changed.connect(tools.append)
    view.set_tool("place", "research")
    assert tools == ["place"]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vpos(view, 400, -300))
    assert len(s.entities) == n + 1 and len(doc.history) == depth + 1
    new = s.entities.at(n)
    assert new.kind is EntityKind.RESEARCH
    assert abs(new.x - 400) < 3 and abs(new.y + 300) < 3
    assert doc.selection == [new.id]
    assert new.id in view.canvas_scene.entity_items
    assert view.tool_name == "select" and tools == ["place", "select"]
    doc.undo()
    assert len(s.entities) == n and new.id not in view.canvas_scene.entity_items


def test_palette_click_picks_the_place_tool_and_drop_places(qtbot):
    view = make_view(qtbot)
    palette = EntityPaletteWidget(view)
    qtbot.addWidget(palette)
    palette.show()
    qtbot.waitExposed(palette)
    item = palette.item_for("user")
    qtbot.mouseClick(palette.viewport(), Qt.MouseButton.LeftButton, pos=palette.visualItemRect(item).center())
    assert view.tool_name == "place" and view.current_tool.kind is EntityKind.USER
    view.set_tool("select")
    assert palette.selectedItems() == []
    # drag from the palette onto the canvas: real drag-and-drop events on the viewport
    s = view.scenario
    n = len(s.entities)
    mime = palette.mimeData([palette.item_for("channel")])
    assert mime.hasFormat("application/x-ecodesk-entity-kind")
    target = vpos(view, 300, 450)
    vp = view.viewport()
    copy = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(target, copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(target, copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(target), copy, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(vp, drop)
    assert len(s.entities) == n + 1
    new = s.entities.at(n)
    assert new.kind is EntityKind.CHANNEL and abs(new.x - 300) < 3 and abs(new.y - 450) < 3


def test_draw_flow_by_dragging_between_entities(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    asked = []
    view.flow_kind_chooser = lambda src, dst: asked.append((src.id, dst.id)) or FlowKind.LOGISTICS
    view.set_tool("flow")
    n, depth = len(s.flows), len(doc.history)
    drag(qtbot, view, entity_pos(view, "s1"), entity_pos(view, "c2"), steps=10)
    assert asked == [("s1", "c2")]
    assert len(s.flows) == n + 1 and len(doc.history) == depth + 1
    f = s.flows.at(n)
    assert (f.source, f.target, f.kind) == ("s1", "c2", FlowKind.LOGISTICS)
    assert f.id in view.canvas_scene.flow_items and doc.selection == [f.id]
    assert view.tool_name == "flow"
    # cancelling the kind picker, or releasing on empty canvas, adds nothing
    view.flow_kind_chooser = lambda src, dst: None
    drag(qtbot, view, entity_pos(view, "s1"), entity_pos(view, "u1"))
    drag(qtbot, view, entity_pos(view, "s1"), vpos(view, 800, -500))
    assert len(s.flows) == n + 1
    assert not [i for i in view.canvas_scene.items() if i.zValue() == 950]  # preview removed


def test_capability_flow_picks_a_capability(qtbot):
    view = make_view(qtbot)
    s = view.scenario
    offered = []
    view.flow_kind_chooser = lambda src, dst: FlowKind.CAPABILITY
    view.capability_chooser = lambda src, caps: offered.append([c.id for c in caps]) or caps[0].id
    view.set_tool("flow")
    drag(qtbot, view, entity_pos(view, "p1"), entity_pos(view, "u1"))
    assert offered == [["cap1"]]
    f = s.flows.at(len(s.flows) - 1)
    assert f.kind is FlowKind.CAPABILITY and f.capability == "cap1" and (f.source, f.target) == ("p1", "u1")


def test_capability_flow_creates_a_capability_or_refuses_gracefully(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    messages = []
    view.status_message.connect(messages.append)
    view.flow_kind_chooser = lambda src, dst: FlowKind.CAPABILITY
    # c1 owns no capability; the user dismisses the picker: nothing changes
    view.capability_chooser = lambda src, caps: None
    n_f, n_c, depth = len(s.flows), len(s.capabilities), len(doc.history)
    view.set_tool("flow")
    drag(qtbot, view, entity_pos(view, "c1"), entity_pos(view, "u1"))
    assert (len(s.flows), len(s.capabilities), len(doc.history)) == (n_f, n_c, depth)
    assert any("offers no capability" in m for m in messages)
    # now the user picks "New capability": capability and flow in ONE undo step
    view.capability_chooser = lambda src, caps: NEW_CAPABILITY
    drag(qtbot, view, entity_pos(view, "c1"), entity_pos(view, "u1"))
    assert len(s.capabilities) == n_c + 1 and len(s.flows) == n_f + 1 and len(doc.history) == depth + 1
    cap = s.capabilities.at(n_c)
    assert cap.owner == "c1" and cap.name
    assert s.flows.at(n_f).capability == cap.id
    doc.undo()
    assert (len(s.flows), len(s.capabilities)) == (n_f, n_c)


def test_delete_with_undo_restoring_everything(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    snapshot = s.copy()
    doc.set_selection(["p1", "s2", "f11"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "p1" not in s.entities and "s2" not in s.entities and "f11" not in s.flows
    assert "cap2" not in s.capabilities  # s2's capability went with it
    assert "p1" not in view.canvas_scene.entity_items
    assert len(view.canvas_scene.flow_items) == len(s.flows)
    assert doc.selection == []
    doc.undo()
    assert s.content_equals(snapshot)
    assert set(view.canvas_scene.flow_items) == set(s.flows.ids())
    assert set(view.canvas_scene.entity_items) == set(s.entities.ids())
    doc.redo()
    assert "p1" not in view.canvas_scene.entity_items


def test_copy_and_paste_renew_ids_and_keep_internal_flows(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    doc.set_selection(["p1", "c1"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(MIME_OBJECTS)
    payload = json.loads(mime.text())
    assert {e["id"] for e in payload["objects"]["entities"]} == {"p1", "c1"}
    assert {f["id"] for f in payload["objects"]["flows"]} == {"f4", "f5", "f6"}
    n_e, n_f, depth = len(s.entities), len(s.flows), len(doc.history)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(doc.history) == depth + 1
    assert len(s.entities) == n_e + 2 and len(s.flows) == n_f + 3
    new = doc.selection
    assert len(new) == 2 and not {"p1", "c1"} & set(new)
    names = {s.entities[i].name for i in new}
    assert names == {s.entities["p1"].name, s.entities["c1"].name}
    pasted_flows = [f for f in s.flows if f.source in new or f.target in new]
    assert len(pasted_flows) == 3 and all(f.source in new and f.target in new for f in pasted_flows)
    assert {f.kind.value for f in pasted_flows} == {"goods", "data", "money"}
    p_new = next(i for i in new if s.entities[i].kind is EntityKind.PLATFORM)
    assert s.entities[p_new].x == s.entities["p1"].x + 30
    assert len(s.capabilities) == 4  # p1's capability was copied along
    # a second paste cascades further
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    p3 = next(i for i in doc.selection if s.entities[i].kind is EntityKind.PLATFORM)
    assert s.entities[p3].x == s.entities["p1"].x + 60
    doc.undo()
    doc.undo()
    assert len(s.entities) == n_e and len(s.flows) == n_f


def test_cut_and_duplicate(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    doc.set_selection(["u1", "c1"])
    new = view.duplicate_selection()
    assert len(new) == 2 and doc.selection == new
    assert any(f.source in new and f.target in new for f in s.flows)  # c1 → u1 kept
    doc.undo()
    doc.set_selection(["u2"])
    assert view.cut_selection()
    assert "u2" not in s.entities
    assert doc.history.undo_text() == "Cut"
    pasted = view.paste()
    assert len(pasted) == 1 and s.entities[pasted[0]].name == "网约车车队 Fleet"


def test_paste_ignores_foreign_clipboard_text(qtbot):
    view = make_view(qtbot)
    QGuiApplication.clipboard().setText("hello")
    depth = len(view.document.history)
    assert view.paste() == []
    QGuiApplication.clipboard().setText('{"format": "ecodesk-objects", "objects": {"entities": [{"id": ""}]}}')
    assert view.paste() == []
    assert len(view.document.history) == depth


def test_inline_rename_commits_on_enter(qtbot):
    view = make_view(qtbot)
    doc = view.document
    depth = len(doc.history)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=entity_pos(view, "c2"))
    editor = view.rename_editor
    assert editor is not None and editor.isVisible() and editor.text() == "线上商城"
    commit_text(editor, "天猫旗舰店")  # as a Chinese input method delivers it
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.scenario.entities["c2"].name == "天猫旗舰店"
    assert len(doc.history) == depth + 1
    assert view.rename_editor is None
    assert view.canvas_scene.entity_items["c2"].label_lines() == ["天猫旗舰店"]
    doc.undo()
    assert doc.scenario.entities["c2"].name == "线上商城"


def test_inline_rename_cancels_on_escape(qtbot):
    view = make_view(qtbot)
    doc = view.document
    depth = len(doc.history)
    doc.set_selection(["u1"])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.rename_editor
    assert editor is not None
    qtbot.keyClicks(editor, "Nobody")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert doc.scenario.entities["u1"].name == "个人车主"
    assert len(doc.history) == depth and view.rename_editor is None
    assert not view.canvas_scene.entity_items["u1"]._editing


def test_align_and_distribute_are_one_step_each(qtbot):
    view = make_view(qtbot)
    doc = view.document
    s = doc.scenario
    ids = ("c1", "c2", "u1")
    half = {i: view.canvas_scene.entity_items[i].shape_rect().height() / 2 for i in ids}
    doc.set_selection(list(ids))
    depth = len(doc.history)
    assert view.align("top")
    assert len(doc.history) == depth + 1
    assert len({round(s.entities[i].y - half[i], 1) for i in ids}) == 1
    doc.undo()
    assert view.align("hcenter")
    assert len({s.entities[i].x for i in ids}) == 1
    assert view.distribute("vertical")
    assert len(doc.history) == depth + 2
    order = sorted(ids, key=lambda i: s.entities[i].y)
    assert order == ["c1", "u1", "c2"]
    e = {i: s.entities[i].y for i in ids}
    gap1 = (e[order[1]] - half[order[1]]) - (e[order[0]] + half[order[0]])
    gap2 = (e[order[2]] - half[order[2]]) - (e[order[1]] + half[order[1]])
    assert gap1 > 0 and abs(gap1 - gap2) < 0.2
    assert (e["c1"], e["c2"]) == (-60.0, 180.0)  # the outermost stay
    doc.set_selection(["c1"])
    assert not view.align("left")  # needs two


def test_context_menu_offers_canvas_actions(qtbot):
    view = make_view(qtbot)
    item = view.canvas_scene.entity_items["p1"]
    view.select_items([item])
    menu = view.build_context_menu(item)
    texts = [a.text() for a in menu.actions()]
    assert "Rename" in texts and "Delete" in texts
    empty = view.build_context_menu(None)
    assert "Paste" in [a.text() for a in empty.actions()]


def test_a_capability_made_on_the_fly_follows_the_engine_rules_in_the_ui_language(qtbot):
    from ecodesk.commands.editrules import default_name

    view = make_view(qtbot)
    s = view.scenario
    view.set_language("zh_CN")
    view.flow_kind_chooser = lambda src, dst: FlowKind.CAPABILITY
    view.capability_chooser = lambda src, caps: NEW_CAPABILITY
    n_c = len(s.capabilities)
    view.set_tool("flow")
    drag(qtbot, view, entity_pos(view, "c1"), entity_pos(view, "u1"))
    drag(qtbot, view, entity_pos(view, "c1"), entity_pos(view, "u2"))
    made = [s.capabilities.at(i) for i in range(n_c, len(s.capabilities))]
    assert [c.name for c in made] == ["新能力", "新能力 2"]  # the engine's name, made unique
    assert {c.category for c in made} == {default_name("category", "zh")} and {c.owner for c in made} == {"c1"}
    assert [s.flows.at(len(s.flows) - 2).capability, s.flows.at(len(s.flows) - 1).capability] == [c.id for c in made]
