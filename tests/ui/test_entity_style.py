"""Per-entity style: the drawing size (25 %–400 %) on the canvas — the box scales, the name
keeps its size, flows end at the scaled edge — and in the inspector, typed as "150%" or
"1.5" or dragged on the slider, one undo step; 10 or 0.1 refused with the reason, never
clamped. A note's text and colour in the inspector."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from ecodesk.commands import AddObject, ChangeObject
from ecodesk.commands.editrules import parse_size
from ecodesk.model import Annotation, ValidationError
from ecodesk.ui.document import Document
from ecodesk.ui.inspector import InspectorWidget
from ecodesk.ui.inspector_style import NoteColorField, SizeField
from tests.ui.canvas_helpers import make_view
from tests.ui.mw_helpers import sample_project, shown, type_text


def _resize(doc, entity_id, size):
    s = doc.scenario
    assert doc.push(ChangeObject(s, s.entities[entity_id].evolve(size=size)))


def _tip(view, flow_id):
    view.canvas_scene.flush_pending()
    _ends, _curved, head, _w = view.canvas_scene.flow_layer.route(flow_id)
    return QPointF(*head[0])


def test_a_larger_entity_is_drawn_larger_and_keeps_its_name_size(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    e = s.entities.at(0)
    item = view.canvas_scene.entity_items[e.id]
    shape1, label1 = item.shape_rect(), item.label_rect()
    bounds1 = item.sceneBoundingRect()
    _resize(doc, e.id, 2.0)
    shape2, label2 = item.shape_rect(), item.label_rect()
    assert shape2.width() == pytest.approx(2 * shape1.width())
    assert shape2.height() == pytest.approx(2 * shape1.height())
    assert item.sceneBoundingRect().width() > 1.8 * shape1.width()
    assert item.sceneBoundingRect().height() > bounds1.height()
    assert label2.height() == pytest.approx(label1.height())  # the name is not scaled
    assert label2.top() > label1.top()  # it sits below the larger shape
    _resize(doc, e.id, 0.5)
    assert item.shape_rect().width() == pytest.approx(shape1.width() / 2)
    doc.undo()
    doc.undo()
    assert item.shape_rect().width() == pytest.approx(shape1.width())


def test_flows_end_at_the_scaled_edge(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    f = s.flows.at(0)
    target = s.entities[f.target]
    centre = QPointF(target.x, target.y)
    d1 = math.dist(_tip(view, f.id).toTuple(), centre.toTuple())
    _resize(doc, target.id, 2.0)
    tip = _tip(view, f.id)
    d2 = math.dist(tip.toTuple(), centre.toTuple())
    assert 1.8 * d1 < d2 < 2.1 * d1
    item = view.canvas_scene.entity_items[target.id]
    assert not item.path().contains(item.mapFromScene(tip))  # outside the scaled shape…
    assert d2 - item.shape_rect().width() / 2 < 8  # …just at its edge
    doc.undo()
    assert math.dist(_tip(view, f.id).toTuple(), centre.toTuple()) == pytest.approx(d1, abs=0.01)


@pytest.mark.parametrize(("typed", "size"), [("150%", 1.5), ("150 %", 1.5), ("1.5", 1.5), ("25%", 0.25), ("４", 4.0)])
def test_a_size_is_typed_as_a_percentage_or_a_factor(typed, size):
    assert parse_size(None, typed) == size


@pytest.mark.parametrize("typed", ["1.5万", "big", "2k"])
def test_a_size_that_is_no_number_is_refused_with_the_reason(typed):
    with pytest.raises(ValidationError) as err:
        parse_size(None, typed)
    assert "size" in str(err.value.field)


@pytest.fixture
def inspector(qtbot):
    return shown(qtbot, InspectorWidget(Document(sample_project())), 380, 900)


def _size_field(inspector, entity_id) -> SizeField:
    inspector.document.set_selection([entity_id])
    field = inspector.editors["size"]
    assert isinstance(field, SizeField)
    return field


def test_the_inspector_shows_the_size_after_the_colour_as_a_percentage(inspector):
    field = _size_field(inspector, "e2")
    assert list(inspector.editors)[3:5] == ["color", "size"]
    assert field.number.text() == "100%" and field.slider.value() == 100
    s = inspector.document.scenario
    inspector.document.push(ChangeObject(s, s.entities["e2"].evolve(size=2.5)))
    assert field.number.text() == "250%" and field.slider.value() == 250


def test_typing_a_size_is_one_undo_step(inspector, qtbot):
    doc = inspector.document
    field = _size_field(inspector, "e2")
    field.number.setFocus()
    field.number.selectAll()
    type_text(field.number, "150%")
    qtbot.keyClick(field.number, Qt.Key.Key_Tab)
    assert doc.scenario.entities["e2"].size == 1.5
    assert len(doc.history) == 1
    assert field.error == ""
    doc.undo()
    assert doc.scenario.entities["e2"].size == 1.0 and field.number.text() == "100%"


@pytest.mark.parametrize("typed", ["10", "0.1"])
def test_an_out_of_range_size_is_refused_with_the_reason_never_clamped(inspector, qtbot, typed):
    doc = inspector.document
    field = _size_field(inspector, "e2")
    field.number.setFocus()
    field.number.selectAll()
    type_text(field.number, typed)
    assert doc.scenario.entities["e2"].size == 1.0  # unchanged, not 4 or 0.25
    assert "must be from 0.25 to 4 times the normal size" in field.error
    assert f"(got {typed})" in field.error
    assert field.number.text() == typed  # what was typed stays to correct
    assert not doc.history.can_undo()  # the keystrokes taken back: nothing half-applied


def test_the_slider_sets_the_size_as_one_step(inspector):
    doc = inspector.document
    field = _size_field(inspector, "e2")
    for v in (120, 160, 200):
        field.slider.setValue(v)
    field.finished.emit("size")
    assert doc.scenario.entities["e2"].size == 2.0 and field.number.text() == "200%"
    assert len(doc.history) == 1
    doc.undo()
    assert doc.scenario.entities["e2"].size == 1.0


def test_a_selected_note_shows_its_text_and_colour(inspector, qtbot):
    doc = inspector.document
    s = doc.scenario
    doc.push(AddObject(s, Annotation("note1", text="物流成本？", x=0, y=0)))
    doc.set_selection(["note1"])
    eds = inspector.editors
    assert list(eds) == ["id", "text", "color", "width", "height"]
    assert eds["text"].text_edit.toPlainText() == "物流成本？"
    color = eds["color"]
    assert isinstance(color, NoteColorField)
    assert color.swatches[""].isChecked()
    depth = len(doc.history)
    color.swatches["#c9e4ff"].click()
    assert s.annotations["note1"].color == "#c9e4ff" and len(doc.history) == depth + 1
    assert color.swatches["#c9e4ff"].isChecked() and not color.swatches[""].isChecked()
    color.line.setFocus()
    color.line.selectAll()
    type_text(color.line, "blue")
    qtbot.keyClick(color.line, Qt.Key.Key_Return)
    assert s.annotations["note1"].color == "#c9e4ff"
    assert "leave it empty for the default note colour" in color.error
    eds["text"].text_edit.setPlainText("物流成本太高")
    QApplication.processEvents()
    assert s.annotations["note1"].text == "物流成本太高"


def test_the_ecosystem_hull_makes_room_for_a_larger_entity(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    e = next(e for e in s.entities if e.ecosystems)
    hull = view.canvas_scene.hull_items[e.ecosystems[0]]
    before = hull.hull_path().boundingRect()
    _resize(doc, e.id, 3.0)
    view.canvas_scene.flush_pending()
    item = view.canvas_scene.entity_items[e.id]
    shape = item.mapRectToScene(item.shape_rect())
    assert hull.hull_path().boundingRect().contains(shape)  # the big shape stays inside its hull
    assert hull.hull_path().boundingRect().width() >= before.width()
