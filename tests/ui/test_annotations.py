"""Workshop notes (便签) on the canvas: create, write in place, commit/cancel, the empty new
note that leaves nothing, move / resize / colour / delete — each one undo step — and notes
in Select All, the rubber band, copy/paste and the project file."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from ecodesk.model import Annotation
from ecodesk.ui.canvas.annotation_item import NOTE_Z, AnnotationItem
from ecodesk.ui.canvas.note_editing import free_spot, notes_of
from tests.ui.canvas_helpers import drag, make_view, vpos


def write(qtbot, editor, text: str, commit: str = "ctrl+enter") -> None:
    editor.selectAll()
    editor.insertPlainText(text)
    if commit == "ctrl+enter":
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    elif commit == "esc":
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
    QApplication.processEvents()


def add_note(view, text="Check the logistics hub", x=300.0, y=-400.0, **kw) -> Annotation:
    s = view.document.scenario
    note = Annotation(f"note{len(s.annotations) + 1}", text=text, x=x, y=y, **kw)
    from ecodesk.commands import AddObject

    assert view.document.push(AddObject(s, note))
    return note


def test_new_note_appears_in_view_with_the_editor_and_commits_as_one_step(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    depth = len(doc.history)
    item = notes_of(view).new_note()
    assert item is not None and item.provisional
    editor = notes_of(view).editor
    assert editor is not None and editor.isVisible()
    # at a free spot inside the visible area, clear of every entity
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    box = item.sceneBoundingRect()
    assert visible.contains(item.mapToScene(item.box()).boundingRect())
    assert not any(e.sceneBoundingRect().intersects(box) for e in view.canvas_scene.entity_items.values())
    assert len(s.annotations) == 0 and len(doc.history) == depth  # nothing in the model yet
    write(qtbot, editor, "Who pays for the\nshared warehouse?")
    assert len(s.annotations) == 1 and len(doc.history) == depth + 1
    note = s.annotations.at(0)
    assert note.text == "Who pays for the\nshared warehouse?"
    assert doc.selection == [note.id]
    assert view.canvas_scene.notes.items[note.id].zValue() == NOTE_Z
    assert notes_of(view).editor is None
    doc.undo()
    assert len(s.annotations) == 0 and note.id not in view.canvas_scene.notes.items


def test_a_new_note_left_empty_or_cancelled_leaves_nothing(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    depth = len(doc.history)
    messages = []
    view.status_message.connect(messages.append)
    item = notes_of(view).new_note()
    write(qtbot, notes_of(view).editor, "   \n ")
    assert len(s.annotations) == 0 and len(doc.history) == depth
    assert item.scene() is None  # the provisional box is gone
    assert not [i for i in view.canvas_scene.items() if isinstance(i, AnnotationItem)]
    assert messages[-1] == "No note added: it was left empty"
    notes_of(view).new_note()
    write(qtbot, notes_of(view).editor, "typed, then Esc", commit="esc")
    assert len(s.annotations) == 0 and len(doc.history) == depth


def test_edit_in_place_commit_cancel_and_edit_to_empty(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    note = add_note(view)
    item = view.canvas_scene.notes.items[note.id]
    depth = len(doc.history)
    # double-click on the note opens the editor with its text
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=vpos(view, note.x + 40, note.y + 40))
    editor = notes_of(view).editor
    assert editor is not None and editor.toPlainText() == note.text and item.editing
    write(qtbot, editor, "changed but cancelled", commit="esc")
    assert s.annotations[note.id].text == note.text and len(doc.history) == depth
    assert not item.editing
    # multi-line text, committed by clicking away (focus out)
    notes_of(view).start_edit(note.id)
    editor = notes_of(view).editor
    editor.selectAll()
    editor.insertPlainText("line one")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Enter is a new line, not a commit
    editor.insertPlainText("线路二")
    assert notes_of(view).editor is editor
    view.setFocus()
    QApplication.processEvents()
    assert s.annotations[note.id].text == "line one\n线路二" and len(doc.history) == depth + 1
    # an existing note edited to empty stays, as an empty box
    notes_of(view).start_edit(note.id)
    write(qtbot, notes_of(view).editor, "")
    assert note.id in s.annotations and s.annotations[note.id].text == ""
    assert len(doc.history) == depth + 2
    doc.undo()
    assert s.annotations[note.id].text == "line one\n线路二"


def test_drag_moves_a_note_as_one_step_and_esc_cancels(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    note = add_note(view, x=300, y=-400)
    depth = len(doc.history)
    drag(qtbot, view, vpos(view, 340, -360), vpos(view, 440, -260))
    moved = s.annotations[note.id]
    z = view.zoom
    assert abs(moved.x - 400) < 2 / z + 1 and abs(moved.y - (-300)) < 2 / z + 1
    assert len(doc.history) == depth + 1
    item = view.canvas_scene.notes.items[note.id]
    assert abs(item.x() - moved.x) < 0.01
    doc.undo()
    assert (s.annotations[note.id].x, s.annotations[note.id].y) == (300, -400)
    assert (item.x(), item.y()) == (300, -400)
    # Esc during a drag puts it back, nothing recorded
    drag(qtbot, view, vpos(view, 340, -360), vpos(view, 500, -200), release=False)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=vpos(view, 500, -200))
    assert (item.x(), item.y()) == (300, -400)
    assert doc.history.index == depth and doc.history.can_redo()  # no new step (the undone move waits)


def test_drag_moves_selected_notes_and_entities_together_as_one_step(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    note = add_note(view, x=300, y=-400)
    ent = s.entities.at(0)
    view.select_ids([note.id, ent.id])
    depth = len(doc.history)
    drag(qtbot, view, vpos(view, 340, -360), vpos(view, 400, -360))
    dx = s.annotations[note.id].x - 300
    assert dx > 30
    assert abs(s.entities[ent.id].x - (ent.x + dx)) < 0.2
    assert len(doc.history) == depth + 1
    doc.undo()
    assert s.annotations[note.id].x == 300 and s.entities[ent.id].x == ent.x


def test_resize_handle_is_one_step(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    note = add_note(view, x=300, y=-400, width=200, height=100)
    view.select_ids([note.id])
    assert doc.selection == [note.id]
    depth = len(doc.history)
    item = view.canvas_scene.notes.items[note.id]
    corner = item.mapToScene(item.handle_rect(view.zoom).center())
    drag(qtbot, view, view.mapFromScene(corner), view.mapFromScene(corner + QPointF(100, 60)))
    new = s.annotations[note.id]
    assert new.width > 260 and new.height > 130
    assert (new.x, new.y) == (300, -400)
    assert len(doc.history) == depth + 1
    doc.undo()
    assert (s.annotations[note.id].width, s.annotations[note.id].height) == (200, 100)
    assert item.note.width == 200


def test_colour_from_the_palette_is_one_step_for_all_selected(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    a, b = add_note(view), add_note(view, "第二张便签", x=600, y=-400)
    view.select_ids([a.id, b.id])
    depth = len(doc.history)
    assert notes_of(view).set_color("#c9e4ff")
    assert s.annotations[a.id].color == s.annotations[b.id].color == "#c9e4ff"
    assert len(doc.history) == depth + 1
    assert not notes_of(view).set_color("#c9e4ff")  # nothing to change: no step
    doc.undo()
    assert s.annotations[a.id].color == s.annotations[b.id].color == ""


def test_delete_key_removes_notes_and_undo_restores(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    note = add_note(view)
    n_entities = len(s.entities)
    view.select_ids([note.id])
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert note.id not in s.annotations and note.id not in view.canvas_scene.notes.items
    assert len(s.entities) == n_entities
    doc.undo()
    assert s.annotations[note.id] == note and note.id in view.canvas_scene.notes.items


def test_select_all_and_rubber_band_include_notes_but_counts_do_not(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    note = add_note(view, x=2000, y=2000)
    view.select_all()
    assert note.id in doc.selection
    assert len(view.selected_entity_ids()) == len(s.entities)  # a note is no entity
    view.select_items([])
    view.canvas_scene.notes.items[note.id].ensureVisible()
    view.centerOn(QPointF(2100, 2060))
    QApplication.processEvents()
    drag(qtbot, view, vpos(view, 1980, 1980), vpos(view, 2060, 2040))
    assert doc.selection == [note.id]


def test_copy_paste_and_duplicate_notes(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    note = add_note(view, "复制我", color="#ffc9de")
    view.select_ids([note.id])
    depth = len(doc.history)
    new = view.duplicate_selection()
    assert len(new) == 1 and len(doc.history) == depth + 1
    copy = s.annotations[new[0]]
    assert (copy.text, copy.color, copy.x, copy.y) == ("复制我", "#ffc9de", note.x + 30, note.y + 30)
    view.select_ids([note.id])
    assert view.copy_selection() == 1
    pasted = view.paste()
    assert len(pasted) == 1 and s.annotations[pasted[0]].text == "复制我"
    assert len(s.annotations) == 3


def test_notes_are_kept_per_scenario_and_through_the_project_file(qtbot, tmp_path):
    from ecodesk.ui.document import Document

    view = make_view(qtbot)
    doc = view.document
    add_note(view, "第一组：物流成本太高", x=100, y=50, color="#cdf0c8")
    add_note(view, "", x=-300, y=200, width=150, height=90)
    path = tmp_path / "workshop.ecodesk"
    doc.save_as(path)
    again = Document.load(path)
    notes = list(again.scenario.annotations)
    assert [(n.text, n.x, n.y, n.color) for n in notes] == [("第一组：物流成本太高", 100, 50, "#cdf0c8"),
                                                             ("", -300, 200, "")]
    assert (notes[1].width, notes[1].height) == (150, 90)
    view.set_document(again)
    assert sorted(view.canvas_scene.notes.items) == sorted(n.id for n in notes)


def test_free_spot_avoids_what_is_there():
    visible = (0.0, 0.0, 1000.0, 600.0)
    x, y = free_spot(visible, (220, 120), [])
    assert (x + 110, y + 60) == (pytest_approx(500, 40), pytest_approx(300, 40))
    taken = [(300.0, 150.0, 400.0, 300.0)]  # the middle is full
    x, y = free_spot(visible, (220, 120), taken)
    assert x + 220 + 24 <= 300 or x >= 700 + 24 or y + 120 + 24 <= 150 or y >= 450 + 24
    assert 0 <= x and x + 220 <= 1000 and 0 <= y and y + 120 <= 600


def pytest_approx(v, tol):
    import pytest

    return pytest.approx(v, abs=tol)


def test_notes_are_drawn_in_their_colour_and_an_empty_one_shows_its_hint_only_when_selected(qtbot):

    view = make_view(qtbot)
    view.set_zoom(1.0)
    note = add_note(view, "", x=0, y=0, width=200, height=120, color="#c9e4ff")
    view.centerOn(QPointF(100, 60))
    QApplication.processEvents()

    def ink() -> tuple[int, int]:
        img = view.viewport().grab().toImage()
        top_left = vpos(view, 10, 10)
        fill = dark = 0
        for x in range(top_left.x(), top_left.x() + 150, 2):
            for y in range(top_left.y(), top_left.y() + 60, 2):
                c = img.pixelColor(x, y)
                fill += abs(c.red() - 0xC9) + abs(c.green() - 0xE4) + abs(c.blue() - 0xFF) < 12
                dark += c.lightness() < 190
        return fill, dark

    fill, dark = ink()
    assert fill > 1500 and dark == 0  # the blue paper, no text
    view.select_ids([note.id])
    QApplication.processEvents()
    assert ink()[1] > 20  # "Empty note", in grey
    sc = view.canvas_scene
    z = sc.notes.items[note.id].zValue()
    assert sc.flow_layer.zValue() < z < min(e.zValue() for e in sc.entity_items.values())  # over flows, under entities


def test_the_context_menu_colours_the_selected_notes(qtbot):
    from PySide6.QtWidgets import QMenu

    view = make_view(qtbot)
    s = view.document.scenario
    note = add_note(view)
    view.select_ids([note.id])
    menu = QMenu(view)
    notes_of(view).add_menu_entries(menu)
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Edit Note Text", "Note Colour"]
    sub = menu.actions()[1].menu()
    names = [a.text() for a in sub.actions()]
    assert names == ["Yellow", "Orange", "Pink", "Blue", "Green", "Purple", "Grey"]
    assert sub.actions()[0].isChecked()
    sub.actions()[2].trigger()
    assert s.annotations[note.id].color == "#ffc9de"
    view.document.undo()
    assert s.annotations[note.id].color == ""


def test_f2_and_ctrl_double_click(qtbot):
    view = make_view(qtbot)
    s = view.document.scenario
    note = add_note(view)
    view.select_ids([note.id])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert notes_of(view).editor is not None and notes_of(view).item.note_id == note.id
    qtbot.keyClick(notes_of(view).editor, Qt.Key.Key_Escape)
    # Ctrl+double-click on the empty canvas starts a note there
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                      vpos(view, -1200, 800))
    item = notes_of(view).item
    assert item is not None and item.provisional
    centre = item.mapToScene(item.box().center())
    assert abs(centre.x() + 1200) < 2 and abs(centre.y() - 800) < 2
    write(qtbot, notes_of(view).editor, "here")
    assert [n.text for n in s.annotations] == [note.text, "here"]


def test_find_lists_notes_by_their_text_and_the_canvas_centres_on_them(qtbot):
    from ecodesk.ui.dialogs.find import search

    view = make_view(qtbot)
    s = view.document.scenario
    note = add_note(view, "第一组：冷链仓库由谁付费？", x=3000, y=3000)
    assert search(s, "冷链仓库") == [note.id]
    assert search(s, "nothing like this") == []
    view.select_ids([note.id])
    view.center_on_ids([note.id])
    QApplication.processEvents()
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(QPointF(3100, 3060))


def test_arrow_keys_nudge_selected_notes_and_entities_as_one_step(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    note = add_note(view, x=300, y=-400)
    ent = s.entities.at(0)
    view.select_ids([note.id, ent.id])
    view.setFocus()
    depth = len(doc.history)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert s.annotations[note.id].x == 310 and s.entities[ent.id].x == ent.x + 10
    assert len(doc.history) == depth + 1
    doc.undo()
    assert s.annotations[note.id].x == 300 and s.entities[ent.id].x == ent.x


def test_switching_scenario_while_writing_keeps_the_note_where_it_was_written(qtbot):
    from ecodesk.commands import AddScenario
    from ecodesk.model import Scenario

    view = make_view(qtbot)
    doc = view.document
    first = doc.scenario
    assert doc.push(AddScenario(doc.project, Scenario("Other")))
    notes_of(view).new_note()
    notes_of(view).editor.insertPlainText("typed before the switch")
    doc.set_scenario("Other")
    QApplication.processEvents()
    assert notes_of(view).editor is None
    assert [n.text for n in first.annotations] == ["typed before the switch"]
    assert len(doc.scenario.annotations) == 0
    assert not [i for i in view.canvas_scene.items() if isinstance(i, AnnotationItem)]


def test_note_text_wraps_inside_the_box_keeps_line_breaks_and_ends_in_an_ellipsis(qapp):
    from PySide6.QtGui import QFontMetricsF

    from ecodesk.ui.canvas.annotation_item import note_lines
    from ecodesk.ui.canvas.style import canvas_font

    font = canvas_font(11.0)
    fm = QFontMetricsF(font)
    assert note_lines("line one\n线路二\n\nfour", font, 180, 400) == ["line one", "线路二", "", "four"]
    long = "Who pays for the shared cold-chain warehouse? Split by volume or equally? " * 3
    lines = note_lines(long, font, 180, fm.lineSpacing() * 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(fm.horizontalAdvance(ln) <= 180 + 0.5 for ln in lines)
    zh = note_lines("第二组：物流成本太高，平台应承担一部分仓储费用。", font, 100, 400)
    assert len(zh) > 1 and "".join(zh) == "第二组：物流成本太高，平台应承担一部分仓储费用。"
