"""Inspector ranges (SPEC §3.7): a "±" beside every number that may carry a range, low/high
typed like other numbers, one undo step to set or remove, refusals explained under the
fields with the model unchanged, a value edit outside its range refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ecodesk.commands import ChangeObject
from ecodesk.model.ranges import with_range
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import command_text, install_language
from ecodesk.ui.inspector import InspectorWidget
from tests.ui.mw_helpers import sample_project, shown, type_text


@pytest.fixture
def inspector(qtbot):
    return shown(qtbot, InspectorWidget(Document(sample_project())), 380, 900)


def _select(inspector, obj_id):
    inspector.document.set_selection([obj_id])
    return inspector.ranges


def _type_range(qtbot, rng, low, high):
    """Open the range with a click on ±, type low, Tab, type high, Enter."""
    if not rng.button.isChecked():
        qtbot.mouseClick(rng.button, Qt.MouseButton.LeftButton)
    rng.low.setFocus()
    rng.low.selectAll()
    if low:
        type_text(rng.low, low)
    else:
        qtbot.keyClick(rng.low, Qt.Key.Key_Backspace)
    qtbot.keyClick(rng.low, Qt.Key.Key_Tab)
    assert rng.high.hasFocus()
    rng.high.selectAll()
    if high:
        type_text(rng.high, high)
    else:
        qtbot.keyClick(rng.high, Qt.Key.Key_Backspace)
    qtbot.keyClick(rng.high, Qt.Key.Key_Return)


def test_every_number_that_may_carry_a_range_has_a_plus_minus(inspector):
    assert list(_select(inspector, "e1")) == ["demand", "risk", "revenue"]
    assert list(_select(inspector, "f1")) == ["volume", "unit_value", "risk", "standalone_cost"]
    assert list(_select(inspector, "cap1")) == ["fixed_cost", "unit_cost", "capacity"]
    assert list(_select(inspector, "n1")) == ["volume", "standalone_cost"]
    assert list(_select(inspector, "pool1")) == ["amount", "scale_exponent"]
    ranges = _select(inspector, "f1")
    assert ranges["volume"].button.text() == "±"
    assert not ranges["volume"].panel.isVisibleTo(inspector)  # folded: the inspector stays short
    assert not ranges["standalone_cost"].button.isEnabled()  # a goods flow has no standalone cost


def test_set_a_range_in_one_undo_step_and_undo_removes_it(inspector, qtbot):
    doc = inspector.document
    rng = _select(inspector, "f1")["volume"]
    _type_range(qtbot, rng, "800", "1200")
    assert doc.scenario.flows["f1"].ranges == {"volume": (800.0, 1200.0)}
    assert len(doc.history) == 1
    assert not rng.error
    assert command_text(doc.history.undo_command()) == "Change Range of Volume of flow 'f1'"  # Edit ▸ Undo …
    assert rng.button.font().bold()
    qtbot.mouseClick(rng.button, Qt.MouseButton.LeftButton)  # fold: the range shows compactly
    assert not rng.panel.isVisibleTo(inspector)
    assert rng.hint.isVisibleTo(inspector)
    assert rng.hint.text() == "800 – 1,200"
    doc.undo()
    assert doc.scenario.flows["f1"].ranges == {}
    assert not rng.hint.isVisibleTo(inspector)
    assert not rng.button.font().bold()
    assert (rng.low.text(), rng.high.text()) == ("", "")
    doc.redo()
    assert doc.scenario.flows["f1"].ranges == {"volume": (800.0, 1200.0)}
    assert (rng.low.text(), rng.high.text()) == ("800", "1200")  # the fields follow the model


def test_planner_numbers_and_percentages(inspector, qtbot):
    doc = inspector.document
    ranges = _select(inspector, "cap1")
    _type_range(qtbot, ranges["fixed_cost"], "50万", "1.2M")
    assert doc.scenario.capabilities["cap1"].ranges == {"fixed_cost": (500_000.0, 1_200_000.0)}
    qtbot.mouseClick(ranges["fixed_cost"].button, Qt.MouseButton.LeftButton)
    assert ranges["fixed_cost"].hint.text() == "500 K – 1.2 M"
    ranges = _select(inspector, "e2")
    _type_range(qtbot, ranges["risk"], "1%", "20%")
    assert doc.scenario.entities["e2"].ranges == {"risk": (0.01, 0.2)}
    qtbot.mouseClick(ranges["risk"].button, Qt.MouseButton.LeftButton)
    assert ranges["risk"].hint.text() == "1 % – 20 %"
    assert len(doc.history) == 2


def test_a_range_in_chinese(inspector, qtbot):
    install_language("zh")
    doc = inspector.document
    ranges = _select(inspector, "n1")
    _type_range(qtbot, ranges["standalone_cost"], "4万", "6万")
    assert doc.scenario.needs["n1"].ranges == {"standalone_cost": (40_000.0, 60_000.0)}
    qtbot.mouseClick(ranges["standalone_cost"].button, Qt.MouseButton.LeftButton)
    assert ranges["standalone_cost"].hint.text() == "4 万 – 6 万"
    _type_range(qtbot, ranges["volume"], "250", "300")
    assert ranges["volume"].error == "需求 'n1' 的数量的范围：下限 250 高于数值 200"
    assert doc.scenario.needs["n1"].ranges == {"standalone_cost": (40_000.0, 60_000.0)}
    assert len(doc.history) == 1
    doc.undo()
    assert doc.scenario.needs["n1"].ranges == {}


@pytest.mark.parametrize(("obj_id", "field", "low", "high", "sentence"), [
    ("f1", "volume", "1100", "1200", "Flow 'f1', Range of Volume: the low end 1100 is above the value 1000"),
    ("f1", "volume", "500", "900", "Flow 'f1', Range of Volume: the high end 900 is below the value 1000"),
    ("f1", "risk", "1%", "150%", "Flow 'f1', Range of Risk: the high end 1.5 is outside [0, 1]"),
    ("f1", "volume", "abc", "1200", "Flow 'f1', Range of Volume: 'abc' is not a number"),
    ("e2", "revenue", "1", "2",
     "Entity 'e2', Range of Revenue: the value is not set, so it cannot carry a range: set the value first"),
])
def test_a_bad_range_is_refused_with_the_models_sentence_and_nothing_changes(inspector, qtbot, obj_id, field,
                                                                              low, high, sentence):
    doc = inspector.document
    before = doc.scenario.find(obj_id)
    rng = _select(inspector, obj_id)[field]
    _type_range(qtbot, rng, low, high)
    assert rng.error == sentence
    assert rng.error_label.isVisibleTo(inspector)
    assert doc.scenario.find(obj_id) == before
    assert len(doc.history) == 0
    assert (rng.low.text(), rng.high.text()) == (low, high)  # the typed text stays to correct
    qtbot.mouseClick(rng.button, Qt.MouseButton.LeftButton)  # folding away abandons the refused text
    assert not rng.error and (rng.low.text(), rng.high.text()) == ("", "")
    _type_range(qtbot, rng, low, high)
    assert rng.error == sentence
    _type_range(qtbot, rng, "", "")  # cleared: no range, no refusal
    assert not rng.error_label.isVisibleTo(inspector)
    assert len(doc.history) == 0


def test_one_end_alone_is_explained_not_committed(inspector, qtbot):
    doc = inspector.document
    rng = _select(inspector, "f1")["volume"]
    _type_range(qtbot, rng, "800", "")
    assert rng.error == "Flow 'f1', Range of Volume: needs both a low and a high end"
    assert doc.scenario.flows["f1"].ranges == {}
    rng.high.setFocus()
    type_text(rng.high, "1000")
    qtbot.keyClick(rng.high, Qt.Key.Key_Return)
    assert doc.scenario.flows["f1"].ranges == {"volume": (800.0, 1000.0)}  # the value may be an end
    assert not rng.error
    _type_range(qtbot, rng, "1200", "1300")
    assert rng.error
    qtbot.mouseClick(rng.clear, Qt.MouseButton.LeftButton)  # ×: the refused text and the range go
    assert (rng.low.text(), rng.high.text(), rng.error) == ("", "", "")
    assert doc.scenario.flows["f1"].ranges == {}
    assert len(doc.history) == 2


def test_moving_from_low_to_high_commits_nothing_yet(inspector, qtbot):
    doc = inspector.document
    rng = _select(inspector, "f1")["volume"]
    qtbot.mouseClick(rng.button, Qt.MouseButton.LeftButton)
    rng.low.setFocus()
    type_text(rng.low, "900")
    qtbot.keyClick(rng.low, Qt.Key.Key_Tab)
    assert not rng.error and len(doc.history) == 0
    type_text(rng.high, "1100")
    inspector.editors["notes"].editor.setFocus()  # leaving the pair commits it
    assert doc.scenario.flows["f1"].ranges == {"volume": (900.0, 1100.0)}
    assert len(doc.history) == 1


def test_removing_a_range_is_one_undo_step(inspector, qtbot):
    doc = inspector.document
    rng = _select(inspector, "f1")["volume"]
    _type_range(qtbot, rng, "800", "1200")
    _type_range(qtbot, _select(inspector, "f1")["risk"], "0", "10%")
    assert len(doc.history) == 2
    qtbot.mouseClick(rng.clear, Qt.MouseButton.LeftButton)
    assert doc.scenario.flows["f1"].ranges == {"risk": (0.0, 0.1)}
    assert len(doc.history) == 3
    assert (rng.low.text(), rng.high.text()) == ("", "")
    doc.undo()
    assert doc.scenario.flows["f1"].ranges == {"volume": (800.0, 1200.0), "risk": (0.0, 0.1)}
    _type_range(qtbot, rng, "", "")  # clearing both fields removes it too
    assert doc.scenario.flows["f1"].ranges == {"risk": (0.0, 0.1)}
    doc.undo()
    assert doc.scenario.flows["f1"].ranges["volume"] == (800.0, 1200.0)


def test_a_value_edit_outside_its_range_is_refused(inspector, qtbot):
    doc = inspector.document
    ranges = _select(inspector, "f1")
    _type_range(qtbot, ranges["volume"], "800", "1200")
    volume = inspector.editors["volume"]
    volume.editor.setFocus()
    volume.editor.selectAll()
    type_text(volume.editor, "1500")
    assert doc.scenario.flows["f1"].volume == 1000
    assert volume.error == "Flow 'f1', Volume: 1500 is outside its range 800–1200: change the range first"
    assert len(doc.history) == 1  # only the range
    volume.editor.selectAll()
    type_text(volume.editor, "1100")  # inside: accepted
    assert doc.scenario.flows["f1"].volume == 1100
    assert not volume.error


def test_a_range_set_elsewhere_shows_and_opens_on_the_plus_minus(inspector, qtbot):
    doc = inspector.document
    ranges = _select(inspector, "pool1")
    pool = doc.scenario.pools["pool1"]
    doc.attempt(ChangeObject(doc.scenario, with_range(pool, "amount", 900_000, 1_500_000)))
    rng = ranges["amount"]
    assert rng.hint.isVisibleTo(inspector) and rng.hint.text() == "900 K – 1.5 M"  # short: the number keeps its room
    assert rng.hint.toolTip() == "900,000 – 1,500,000"
    qtbot.mouseClick(rng.button, Qt.MouseButton.LeftButton)
    assert rng.panel.isVisibleTo(inspector) and not rng.hint.isVisibleTo(inspector)
    assert (rng.low.text(), rng.high.text()) == ("900000", "1500000")


def test_the_keyboard_reaches_and_opens_a_range(inspector, qtbot):
    doc = inspector.document
    rng = _select(inspector, "e5")["demand"]
    demand = inspector.editors["demand"].editor
    demand.setFocus()
    qtbot.keyClick(demand, Qt.Key.Key_Tab)
    assert rng.button.hasFocus()  # Tab: the number, then its "±"
    assert rng.button.accessibleName() == "Range of Demand"
    qtbot.keyClick(rng.button, Qt.Key.Key_Space)
    assert rng.panel.isVisibleTo(inspector) and rng.low.hasFocus()  # straight on to typing
    type_text(rng.low, "1000")
    qtbot.keyClick(rng.low, Qt.Key.Key_Tab)
    type_text(rng.high, "1500")
    qtbot.keyClick(rng.high, Qt.Key.Key_Tab)  # leaving the pair (to ×) commits it
    assert doc.scenario.entities["e5"].ranges == {"demand": (1000.0, 1500.0)}
    assert rng.clear.hasFocus()
    qtbot.keyClick(rng.clear, Qt.Key.Key_Space)  # × removes it
    assert doc.scenario.entities["e5"].ranges == {}
    assert len(doc.history) == 2


def test_a_half_typed_range_survives_a_refresh_from_other_edits(inspector, qtbot):
    doc = inspector.document
    rng = _select(inspector, "f1")["volume"]
    qtbot.mouseClick(rng.button, Qt.MouseButton.LeftButton)
    rng.low.setFocus()
    type_text(rng.low, "800")
    f1 = doc.scenario.flows["f1"]
    doc.attempt(ChangeObject(doc.scenario, f1.evolve(label="monthly")))  # the shown flow changes elsewhere
    qtbot.wait(20)
    assert rng.low.text() == "800"  # the typing is not wiped
    qtbot.keyClick(rng.low, Qt.Key.Key_Tab)
    type_text(rng.high, "1200")
    qtbot.keyClick(rng.high, Qt.Key.Key_Return)
    assert doc.scenario.flows["f1"].ranges == {"volume": (800.0, 1200.0)}
    assert doc.scenario.flows["f1"].label == "monthly"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_set_range_highlights_its_plus_minus_in_either_theme(inspector, qtbot, theme):
    from PySide6.QtGui import QPalette

    from ecodesk.ui.theme import apply_theme

    apply_theme(theme)
    ranges = _select(inspector, "f1")
    _type_range(qtbot, ranges["volume"], "800", "1200")
    highlight = inspector.palette().color(QPalette.ColorRole.Highlight)
    ranged, plain = ranges["volume"].button, ranges["unit_value"].button
    assert ranged.palette().color(QPalette.ColorRole.ButtonText) == highlight and ranged.font().bold()
    assert plain.palette().color(QPalette.ColorRole.ButtonText) != highlight and not plain.font().bold()
    inspector.document.undo()
    assert ranged.palette().color(QPalette.ColorRole.ButtonText) == plain.palette().color(QPalette.ColorRole.ButtonText)


def test_an_optional_number_with_a_range_cannot_be_emptied(inspector, qtbot):
    doc = inspector.document
    ranges = _select(inspector, "e1")
    _type_range(qtbot, ranges["revenue"], "4M", "650万")
    assert doc.scenario.entities["e1"].ranges == {"revenue": (4_000_000.0, 6_500_000.0)}
    revenue = inspector.editors["revenue"]
    revenue.editor.setFocus()
    revenue.editor.selectAll()
    qtbot.keyClick(revenue.editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(revenue.editor, Qt.Key.Key_Return)
    assert revenue.error == ("Entity 'e1', Revenue: cannot be left empty while it has a range 4000000–6500000: "
                             "remove the range first")
    assert doc.scenario.entities["e1"].revenue == 5_000_000 and len(doc.history) == 1
    qtbot.mouseClick(ranges["revenue"].clear, Qt.MouseButton.LeftButton)  # remove the range, then empty it
    revenue.editor.setFocus()
    qtbot.keyClick(revenue.editor, Qt.Key.Key_Return)
    assert doc.scenario.entities["e1"].revenue is None and doc.scenario.entities["e1"].ranges == {}


def test_leaving_a_pair_with_one_end_untouched_says_what_is_missing(inspector, qtbot):
    doc = inspector.document
    rng = _select(inspector, "f1")["volume"]
    qtbot.mouseClick(rng.button, Qt.MouseButton.LeftButton)
    rng.low.setFocus()
    type_text(rng.low, "900")
    qtbot.keyClick(rng.low, Qt.Key.Key_Tab)
    assert rng.high.hasFocus() and not rng.error
    qtbot.keyClick(rng.high, Qt.Key.Key_Tab)  # out of the pair without typing the high end
    assert rng.error == "Flow 'f1', Range of Volume: needs both a low and a high end"
    assert doc.scenario.flows["f1"].ranges == {} and len(doc.history) == 0


@pytest.mark.parametrize("other", ["e1", "f3", "n1"])
def test_a_range_typed_when_the_selection_changes_never_lands_on_the_next_object(inspector, qtbot, other):
    doc = inspector.document
    rng = _select(inspector, "f1")["volume"]
    qtbot.mouseClick(rng.button, Qt.MouseButton.LeftButton)
    rng.low.setFocus()
    type_text(rng.low, "900")
    qtbot.keyClick(rng.low, Qt.Key.Key_Tab)
    type_text(rng.high, "1100")
    doc.set_selection([other])  # e.g. a click in the tables or a shortcut, the cursor still in "high"
    qtbot.wait(20)
    assert doc.scenario.find(other).ranges == {}
    assert doc.scenario.flows["f1"].ranges in ({}, {"volume": (900.0, 1100.0)})
