"""Inspector: every edit a command, spin-box typing merged into one undo step, refusals
explained inline with the model unchanged, widgets following the model."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ecodesk.commands import ChangeObject
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


def _retype(qtbot, widget, text):
    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    else:
        widget.lineEdit().selectAll()
    if text:
        type_text(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)


def test_shows_every_field_of_an_entity_with_its_capabilities_and_needs(inspector):
    eds = _select(inspector, "e1")
    assert list(eds) == ["id", "name", "kind", "color", "size", "industry", "demand", "risk", "revenue", "x", "y", "notes"]
    assert eds["name"].editor.text() == "云链平台"
    assert eds["kind"].editor.currentData() == "platform"
    assert eds["risk"].editor.value() == pytest.approx(0.02)
    assert eds["revenue"].editor.text() == "5000000"
    caps = inspector._sections[1].list
    assert [caps.item(i).text() for i in range(caps.count())] == ["数据中台 — data platform (used by 1)"]
    ecos = inspector._sections[0].widget
    assert [ecos.item(i).checkState() == Qt.CheckState.Checked for i in range(ecos.count())] == [True] * 3
    assert inspector.title.text().startswith("Entity: 云链平台")


def test_typing_a_name_is_one_undo_step(inspector, qtbot):
    doc = inspector.document
    name = _select(inspector, "e2")["name"].editor
    _retype(qtbot, name, "Sensor Co.")
    assert doc.scenario.entities["e2"].name == "Sensor Co."
    assert len(doc.history) == 1
    assert doc.history.undo_command().template == "Change {field} of {what} '{name}'"
    doc.undo()
    assert doc.scenario.entities["e2"].name == "传感器公司"
    assert name.text() == "传感器公司"  # the widget follows the model


def test_spin_box_typing_merges_into_one_undo_step(inspector, qtbot):
    doc = inspector.document
    eds = _select(inspector, "e5")
    spin = eds["demand"].editor
    _retype(qtbot, spin, "2500")  # four keystrokes, four values: 2, 25, 250, 2500
    assert doc.scenario.entities["e5"].demand == 2500
    assert len(doc.history) == 1
    qtbot.keyClick(spin, Qt.Key.Key_Up)  # still the same field: merges too
    assert doc.scenario.entities["e5"].demand == 2501
    assert len(doc.history) == 1
    eds["risk"].editor.setFocus()  # leaving the field ends the step
    _retype(qtbot, spin, "7")
    assert len(doc.history) == 2
    doc.undo()
    assert doc.scenario.entities["e5"].demand == 2501
    doc.undo()
    assert doc.scenario.entities["e5"].demand == 1200
    assert spin.value() == 1200


def test_invalid_number_is_explained_inline_and_the_model_is_unchanged(inspector, qtbot):
    doc = inspector.document
    eds = _select(inspector, "e1")
    revenue = eds["revenue"]
    _retype(qtbot, revenue.editor, "-5")
    qtbot.keyClick(revenue.editor, Qt.Key.Key_Return)
    assert revenue.error_label.isVisibleTo(inspector)
    assert revenue.error_label.text() == "Entity 'e1', Revenue: must not be negative (got -5)"
    assert doc.scenario.entities["e1"].revenue == 5_000_000
    assert len(doc.history) == 0
    _retype(qtbot, revenue.editor, "abc")
    qtbot.keyClick(revenue.editor, Qt.Key.Key_Return)
    assert revenue.error_label.text() == "Entity 'e1', Revenue: 'abc' is not a number"
    _retype(qtbot, revenue.editor, "")  # empty: no revenue
    qtbot.keyClick(revenue.editor, Qt.Key.Key_Return)
    assert doc.scenario.entities["e1"].revenue is None
    assert not revenue.error_label.isVisibleTo(inspector)


def test_capability_flow_source_change_is_refused_inline(inspector, qtbot):
    doc = inspector.document
    eds = _select(inspector, "f2")
    source = eds["source"].editor
    source.setFocus()
    at = source.findData("e2")
    source.setCurrentIndex(at)
    source.activated.emit(at)  # what choosing with the keyboard or mouse emits
    assert doc.scenario.flows["f2"].source == "e1"
    assert eds["source"].error_label.isVisibleTo(inspector)
    assert "must come from the capability's owner 'e1'" in eds["source"].error_label.text()
    assert source.currentData() == "e1"  # the combo shows the model's value again
    assert len(doc.history) == 0


def test_refusals_are_explained_in_chinese(inspector, qtbot):
    install_language("zh")
    eds = _select(inspector, "f2")
    at = eds["source"].editor.findData("e2")
    eds["source"].editor.activated.emit(at)
    assert "能力流必须来自能力的所有者" in eds["source"].error_label.text()
    assert eds["source"].error_label.text().startswith("资源流 'f2' 的来源：")


def test_flow_kind_change_drops_the_capability_in_one_step(inspector):
    doc = inspector.document
    eds = _select(inspector, "f2")
    combo = eds["kind"].editor
    assert eds["capability"].editor.isEnabled()
    at = combo.findData("goods")
    combo.setCurrentIndex(at)
    combo.activated.emit(at)
    f = doc.scenario.flows["f2"]
    assert f.kind.value == "goods" and f.capability is None and f.standalone_cost is None
    assert not eds["capability"].editor.isEnabled()
    doc.undo()
    assert doc.scenario.flows["f2"].capability == "cap1"


def test_capability_fields_are_commands(inspector, qtbot):
    doc = inspector.document
    eds = _select(inspector, "cap2")
    assert list(eds) == ["id", "name", "category", "owner", "fixed_cost", "unit_cost", "capacity"]
    _retype(qtbot, eds["fixed_cost"].editor, "450000")
    _retype(qtbot, eds["capacity"].editor, "")
    qtbot.keyClick(eds["capacity"].editor, Qt.Key.Key_Return)
    cap = doc.scenario.capabilities["cap2"]
    assert cap.fixed_cost == 450_000 and cap.capacity is None
    assert all(isinstance(c, ChangeObject) for c in doc.history.commands)
    assert inspector._sections[0].widget.text() == "传感器公司 (300)"  # delivered by f9, volume 300


def test_entity_capabilities_and_needs_can_be_added_and_removed(inspector, qtbot):
    doc = inspector.document
    _select(inspector, "e4")
    caps = inspector._sections[1]
    qtbot.mouseClick(caps.add_button, Qt.MouseButton.LeftButton)
    new = [c for c in doc.scenario.capabilities if c.owner == "e4"]
    assert len(new) == 1 and caps.list.count() == 1
    needs = inspector._sections[2]
    qtbot.mouseClick(needs.add_button, Qt.MouseButton.LeftButton)
    assert [n.entity for n in doc.scenario.needs].count("e4") == 1
    caps.list.setCurrentRow(0)
    qtbot.mouseClick(caps.remove_button, Qt.MouseButton.LeftButton)
    assert not [c for c in doc.scenario.capabilities if c.owner == "e4"]
    doc.undo()
    qtbot.waitUntil(lambda: caps.list.count() == 1)  # other objects' changes refresh after the burst
    caps.list.setCurrentRow(0)
    caps.list.itemActivated.emit(caps.list.item(0))  # opens the capability in the inspector
    assert doc.selection == [new[0].id] and list(inspector.editors)[3] == "owner"


def test_ecosystem_membership_checklist_is_undoable(inspector):
    doc = inspector.document
    _select(inspector, "e2")
    lst = inspector._sections[0].widget
    lst.item(0).setCheckState(Qt.CheckState.Unchecked)  # 智慧农业
    assert doc.scenario.entities["e2"].ecosystems == ("eco2",)
    lst.item(2).setCheckState(Qt.CheckState.Checked)
    assert doc.scenario.entities["e2"].ecosystems == ("eco2", "eco3")
    doc.undo()
    doc.undo()
    assert doc.scenario.entities["e2"].ecosystems == ("eco1", "eco2")
    assert lst.item(0).checkState() == Qt.CheckState.Checked


def test_pool_members_weights_and_rule(inspector, qtbot):
    doc = inspector.document
    eds = _select(inspector, "pool1")
    members, params = inspector._sections
    members.widget.item(2).setCheckState(Qt.CheckState.Checked)  # e3 joins
    assert doc.scenario.pools["pool1"].members == ("e1", "e2", "e4", "e3")
    table = params.members
    assert table.rowCount() == 4
    table.item(0, 0).setText("3")
    assert doc.scenario.pools["pool1"].weights == {"e1": 3.0}
    table.item(1, 0).setText("-1")
    assert "must not be negative" in params.error.text() and params.error.isVisibleTo(inspector)
    assert doc.scenario.pools["pool1"].weights == {"e1": 3.0}
    combo = eds["type"].editor
    at = combo.findData("reserve")
    combo.activated.emit(at)  # a reserve pool has no 'tiered' … but 'proportional' fits
    assert doc.scenario.pools["pool1"].type.value == "reserve"
    qtbot.mouseClick(params.add_tier, Qt.MouseButton.LeftButton)
    assert len(doc.scenario.pools["pool1"].tiers) == 1


def test_widgets_follow_the_model_without_echoing_commands(inspector):
    doc = inspector.document
    eds = _select(inspector, "e3")
    s = doc.scenario
    doc.push(ChangeObject(s, s.entities["e3"].evolve(name="冷链联盟", risk=0.5, kind="partner")))
    assert eds["name"].editor.text() == "冷链联盟"
    assert eds["risk"].editor.value() == 0.5
    assert eds["kind"].editor.currentData() == "partner"
    assert len(doc.history) == 1  # the widgets' updates pushed nothing back
    doc.undo()
    assert eds["name"].editor.text() == "冷链物流商"


def test_nothing_selected_shows_the_project(inspector, qtbot):
    doc = inspector.document
    doc.set_selection([])
    assert inspector.title.text() == "Project"
    name = inspector.editors["name"].editor
    _retype(qtbot, name, "Alliance plan")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert doc.project.name == "Alliance plan"
    doc.undo()
    assert doc.project.name == "互供生态示例" and name.text() == "互供生态示例"
    doc.set_selection(["e1", "e2"])
    assert inspector.title.text() == "2 objects selected"


def test_removed_object_clears_the_inspector(inspector):
    from ecodesk.commands import remove_objects

    doc = inspector.document
    _select(inspector, "e7")
    doc.push(remove_objects(doc.scenario, [doc.scenario.entities["e7"]]))
    QApplication.processEvents()
    assert inspector.title.text() in ("Project", "0 objects selected") or inspector.obj is None


# refuse, never clamp ----------------------------------------------------------------

def _type_and_enter(qtbot, widget, text):
    _retype(qtbot, widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_negative_demand_is_refused_not_clamped(inspector, qtbot):
    doc = inspector.document
    demand = _select(inspector, "e5")["demand"]
    _type_and_enter(qtbot, demand.editor, "-5")
    assert doc.scenario.entities["e5"].demand == 1200  # not 0
    assert len(doc.history) == 0
    assert demand.error_label.isVisibleTo(inspector)
    assert demand.error_label.text() == "Entity 'e5', Demand: must not be negative (got -5)"
    assert demand.editor.text() == "-5"  # what was typed stays, to be corrected


def test_risk_over_one_is_refused_and_the_typed_digits_are_taken_back(inspector, qtbot):
    doc = inspector.document
    risk = _select(inspector, "e1")["risk"]
    _type_and_enter(qtbot, risk.editor, "1.5")  # "1" alone was valid: it must not stay applied
    assert doc.scenario.entities["e1"].risk == pytest.approx(0.02)  # not 1
    assert len(doc.history) == 0 and not doc.history.can_redo()
    assert risk.error_label.text() == "Entity 'e1', Risk: must be at most 1 (got 1.5)"
    _type_and_enter(qtbot, risk.editor, "0.5")  # valid again: applied, the refusal goes
    assert doc.scenario.entities["e1"].risk == 0.5
    assert not risk.error_label.isVisibleTo(inspector) and risk.error == ""
    assert len(doc.history) == 1
    doc.undo()
    assert doc.scenario.entities["e1"].risk == pytest.approx(0.02)


def test_text_that_is_no_number_is_refused(inspector, qtbot):
    doc = inspector.document
    eds = _select(inspector, "e5")
    _type_and_enter(qtbot, eds["demand"].editor, "abc")
    assert doc.scenario.entities["e5"].demand == 1200
    assert eds["demand"].error_label.text() == "Entity 'e5', Demand: 'abc' is not a number"
    _type_and_enter(qtbot, eds["x"].editor, "1万")  # positions take plain numbers only
    assert doc.scenario.entities["e5"].x == 520
    assert eds["x"].error_label.text() == "Entity 'e5', X: takes a plain number, without 万, 亿 or k (not '1万')"
    assert len(doc.history) == 0


def test_planner_numbers_are_accepted_where_the_unit_allows(inspector, qtbot):
    doc = inspector.document
    eds = _select(inspector, "e5")
    _type_and_enter(qtbot, eds["demand"].editor, "1万")
    assert doc.scenario.entities["e5"].demand == 10_000
    _type_and_enter(qtbot, eds["risk"].editor, "15%")
    assert doc.scenario.entities["e5"].risk == 0.15
    assert len(doc.history) == 2  # one undo step per field
    assert not eds["demand"].error_label.isVisibleTo(inspector)
    assert not eds["risk"].error_label.isVisibleTo(inspector)
    f = _select(inspector, "f4")
    _type_and_enter(qtbot, f["volume"].editor, "1.2万")
    assert doc.scenario.flows["f4"].volume == 12_000
    _type_and_enter(qtbot, f["risk"].editor, "15%")
    assert doc.scenario.flows["f4"].risk == 0.15


def test_refusal_goes_when_the_field_is_valid_again_or_the_selection_changes(inspector, qtbot):
    doc = inspector.document
    demand = _select(inspector, "e5")["demand"]
    _retype(qtbot, demand.editor, "-5")
    assert demand.error_label.isVisibleTo(inspector)
    qtbot.keyClick(demand.editor, Qt.Key.Key_Backspace)  # "-"
    qtbot.keyClick(demand.editor, Qt.Key.Key_Backspace)  # ""
    qtbot.keyClicks(demand.editor, "7")
    assert not demand.error_label.isVisibleTo(inspector)
    assert doc.scenario.entities["e5"].demand == 7
    qtbot.keyClick(demand.editor, Qt.Key.Key_Return)  # Enter ends the step: 7 stays whatever comes next
    _retype(qtbot, demand.editor, "abc")
    assert demand.error_label.isVisibleTo(inspector)
    assert doc.scenario.entities["e5"].demand == 7 and len(doc.history) == 1
    eds = _select(inspector, "e4")
    assert not eds["demand"].error_label.isVisibleTo(inspector)
    _select(inspector, "e5")
    assert inspector.editors["demand"].editor.text() == "7"
    assert inspector.editors["demand"].error == ""


def test_refusals_use_the_field_label_in_chinese(inspector, qtbot):
    install_language("zh")
    doc = inspector.document
    eds = _select(inspector, "e5")
    _type_and_enter(qtbot, eds["demand"].editor, "-5")
    assert eds["demand"].error_label.text() == "主体 'e5' 的需求量：不能为负数（当前为 -5）"
    _type_and_enter(qtbot, eds["risk"].editor, "1.5")
    assert eds["risk"].error_label.text() == "主体 'e5' 的风险：不能大于 1（当前为 1.5）"
    _type_and_enter(qtbot, eds["demand"].editor, "abc")
    assert eds["demand"].error_label.text() == "主体 'e5' 的需求量：“abc”不是数字"
    assert doc.scenario.entities["e5"].demand == 1200 and doc.scenario.entities["e5"].risk == 0
    _type_and_enter(qtbot, eds["demand"].editor, "2万")
    assert doc.scenario.entities["e5"].demand == 20_000
    assert not eds["demand"].error_label.isVisibleTo(inspector)


def test_the_wheel_changes_nothing_unless_the_field_has_focus(inspector, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    doc = inspector.document
    demand = _select(inspector, "e5")["demand"].editor
    inspector.editors["name"].editor.setFocus()

    def wheel():
        event = QWheelEvent(QPointF(5, 5), QPointF(demand.mapToGlobal(QPoint(5, 5))), QPoint(0, 0), QPoint(0, 120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(demand, event)

    wheel()
    assert doc.scenario.entities["e5"].demand == 1200
    demand.setFocus()
    wheel()
    assert doc.scenario.entities["e5"].demand == 1201
    assert demand.alignment() & Qt.AlignmentFlag.AlignRight


def test_an_inspector_deleted_by_qt_is_no_longer_called_by_the_model(qtbot):
    doc = Document(sample_project())
    widget = InspectorWidget(doc)
    widget.document.set_selection(["e1"])
    s = doc.scenario
    assert len(s.entities.changed) == 1
    widget.deleteLater()  # the C++ side goes; the Python wrapper below lives on
    qtbot.waitUntil(lambda: len(s.entities.changed) == 0)
    doc.push(ChangeObject(s, s.entities["e1"].evolve(name="still fine")))  # must not reach the dead widget
    assert s.entities["e1"].name == "still fine"
    assert widget is not None
