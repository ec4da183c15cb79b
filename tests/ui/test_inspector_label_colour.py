"""Inspector: a flow's label and an entity's own colour — typed (English and Chinese),
one undo step per edit, a bad colour refused with the model's sentence and nothing changed,
"Kind colour" going back to the kind's colour, the colour dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog

from ecodesk.ui.canvas.style import ENTITY_COLORS
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import install_language
from ecodesk.ui.inspector import InspectorWidget
from tests.ui.mw_helpers import sample_project, shown, type_text


@pytest.fixture
def inspector(qtbot):
    return shown(qtbot, InspectorWidget(Document(sample_project())), 380, 900)


def _select(inspector, obj_id):
    inspector.document.set_selection([obj_id])
    return inspector.editors


def _type(qtbot, line, text, enter=False):
    line.setFocus()
    line.selectAll()
    if text:
        type_text(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Backspace)
    if enter:
        qtbot.keyClick(line, Qt.Key.Key_Return)


def test_a_flow_shows_its_label_field_after_the_kind(inspector):
    eds = _select(inspector, "f1")
    assert list(eds)[:6] == ["id", "source", "target", "kind", "label", "capability"]
    assert eds["label"].editor.text() == ""


@pytest.mark.parametrize("text", ["monthly settlement", "月度结算 monthly"])
def test_typing_a_flow_label_is_one_undo_step(inspector, qtbot, text):
    doc = inspector.document
    line = _select(inspector, "f4")["label"].editor
    _type(qtbot, line, text)
    assert doc.scenario.flows["f4"].label == text
    assert len(doc.history) == 1  # one step for all the keystrokes
    doc.undo()
    assert doc.scenario.flows["f4"].label == ""
    assert line.text() == ""  # the field follows the model
    doc.redo()
    assert doc.scenario.flows["f4"].label == text and line.text() == text


def test_a_label_changed_elsewhere_shows_in_the_field(inspector):
    doc = inspector.document
    eds = _select(inspector, "f3")
    s = doc.scenario
    s.replace(s.flows["f3"].evolve(label="冷链配送"))
    assert eds["label"].editor.text() == "冷链配送"


def test_an_entity_shows_its_kind_colour_until_it_has_one(inspector):
    eds = _select(inspector, "e2")
    assert list(eds)[:6] == ["id", "name", "kind", "color", "size", "industry"]
    field = eds["color"]
    assert field.line.text() == "" and field.line.placeholderText() == "Kind colour"
    assert ENTITY_COLORS[inspector.obj.kind].lower() in field.swatch.styleSheet().lower()  # the supplier green
    assert not field.reset.isEnabled()


def test_typing_a_colour_sets_it_in_one_step_and_kind_colour_resets_it(inspector, qtbot):
    doc = inspector.document
    field = _select(inspector, "e2")["color"]
    _type(qtbot, field.line, "#FF9900", enter=True)
    assert doc.scenario.entities["e2"].color == "#ff9900"  # the edit rules write it as the model keeps it
    assert len(doc.history) == 1
    assert field.line.text() == "#ff9900"
    assert "#ff9900" in field.swatch.styleSheet()
    assert field.reset.isEnabled() and field.error == ""
    qtbot.mouseClick(field.reset, Qt.MouseButton.LeftButton)
    assert doc.scenario.entities["e2"].color == ""
    assert len(doc.history) == 2
    assert field.line.text() == ""
    doc.undo()
    assert doc.scenario.entities["e2"].color == "#ff9900"
    doc.undo()
    assert doc.scenario.entities["e2"].color == ""


def test_a_bad_colour_is_refused_with_the_models_sentence_and_nothing_changes(inspector, qtbot):
    doc = inspector.document
    s = doc.scenario
    s.replace(s.entities["e2"].evolve(color="#4e79a7"))
    field = _select(inspector, "e2")["color"]
    _type(qtbot, field.line, "orange", enter=True)
    assert doc.scenario.entities["e2"].color == "#4e79a7"
    assert len(doc.history) == 0
    assert field.error_label.isVisibleTo(inspector)
    assert field.error_label.text() == (
        "Entity 'e2', Colour: 'orange' is not a colour: type #rrggbb or #rgb in hex digits, e.g. #ff9900 "
        "or #f90, or leave it empty for the kind's colour")
    assert field.line.text() == "orange"  # what was typed stays, to be corrected
    _type(qtbot, field.line, "#0a0", enter=True)  # corrected: applied, the refusal goes
    assert doc.scenario.entities["e2"].color == "#00aa00"
    assert field.error == "" and not field.error_label.isVisibleTo(inspector)
    assert len(doc.history) == 1


def test_a_bad_colour_is_refused_in_chinese(inspector, qtbot):
    install_language("zh")
    field = _select(inspector, "e2")["color"]
    _type(qtbot, field.line, "橙色", enter=True)
    assert inspector.document.scenario.entities["e2"].color == ""
    assert field.error_label.text().startswith("主体 'e2' 的颜色：")
    assert "“橙色”不是颜色" in field.error_label.text()


def test_the_colour_dialog_sets_the_colour(inspector, qtbot, monkeypatch):
    doc = inspector.document
    field = _select(inspector, "e4")["color"]
    asked = []

    def pick(start, parent=None, *args):
        asked.append(start.name())
        return QColor("#123456")

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(pick))
    qtbot.mouseClick(field.swatch, Qt.MouseButton.LeftButton)
    assert asked == [ENTITY_COLORS[doc.scenario.entities["e4"].kind].lower()]  # starts from the colour shown
    assert doc.scenario.entities["e4"].color == "#123456"
    assert len(doc.history) == 1
