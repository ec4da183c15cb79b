"""Tables dock: sortable, filterable, editable tables over the model; bulk edits as one undo
step; row selection and the document's selection following each other."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QInputDialog

from ecodesk.commands import AddObject, ChangeObject
from ecodesk.model import Entity
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import install_language
from ecodesk.ui.tablemodels import ID_ROLE
from ecodesk.ui.tables import TablesWidget
from tests.ui.mw_helpers import sample_project, shown, type_text


@pytest.fixture
def tables(qtbot):
    return shown(qtbot, TablesWidget(Document(sample_project())), 1000, 400)


def _column(page, field):
    return page.model.column_of(field)


def _ids_in_view_order(page):
    return [page.proxy.index(r, 0).data(ID_ROLE) for r in range(page.proxy.rowCount())]


def _click_cell(qtbot, page, row, field, modifier=Qt.KeyboardModifier.NoModifier):
    index = page.proxy.index(row, _column(page, field))
    rect = page.view.visualRect(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    return index


def _edit_cell(qtbot, page, row, field, text):
    _click_cell(qtbot, page, row, field)
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait_closed(qtbot, page)


def _wait_closed(qtbot, page):
    """Return commits through a queued call: wait until the editor has closed."""
    qtbot.waitUntil(lambda: page.view.state() != QAbstractItemView.State.EditingState)


def test_every_collection_has_a_tab_with_its_rows(tables):
    assert [tables.tabs.tabText(i) for i in range(tables.tabs.count())] == [
        "Entities", "Flows", "Capabilities", "Needs", "Pools", "Ecosystems"]
    counts = {name: page.model.rowCount() for name, page in tables.pages.items()}
    assert counts == {"entities": 7, "flows": 9, "capabilities": 2, "needs": 2, "pools": 1, "ecosystems": 3}
    flows = tables.page("flows")
    row = flows.model.row_of("f2")
    assert flows.model.index(row, _column(flows, "source")).data() == "云链平台"
    assert flows.model.index(row, _column(flows, "kind")).data() == "Capability / service"
    assert flows.model.index(flows.model.row_of("f4"), _column(flows, "value")).data() == "180,000"


def test_clicking_a_header_sorts_numbers_as_numbers(tables, qtbot):
    page = tables.page("entities")
    header = page.view.horizontalHeader()
    x = header.sectionViewportPosition(_column(page, "risk")) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert _ids_in_view_order(page)[-1] == "e4"  # risk 0.1 is the largest
    assert _ids_in_view_order(page)[0] == "e5"  # risk 0
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert _ids_in_view_order(page)[0] == "e4"


def test_filter_line_shows_matching_rows_only(tables, qtbot):
    page = tables.page("flows")
    qtbot.keyClicks(page.filter_edit, "goods")
    assert sorted(_ids_in_view_order(page)) == ["f1", "f4"]
    assert page.count_label.text() == "2 of 9"
    page.filter_edit.clear()
    assert page.proxy.rowCount() == 9


def test_editing_a_cell_pushes_a_command_and_undo_restores(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    _edit_cell(qtbot, page, page.proxy.mapFromSource(page.model.index(page.model.row_of("e6"), 0)).row(),
               "demand", "1,500")
    assert doc.scenario.entities["e6"].demand == 1500
    assert len(doc.history) == 1 and isinstance(doc.history.undo_command(), ChangeObject)
    doc.undo()
    assert doc.scenario.entities["e6"].demand == 0
    assert page.model.index(page.model.row_of("e6"), _column(page, "demand")).data() == "0"


def test_kind_column_edits_with_a_combo_box(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    _click_cell(qtbot, page, 6, "kind")
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData("research"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    _wait_closed(qtbot, page)
    assert doc.scenario.entities["e7"].kind.value == "research"


def test_a_refused_cell_edit_is_explained_and_changes_nothing(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    _edit_cell(qtbot, page, 0, "risk", "1.5")
    assert doc.scenario.entities["e1"].risk == 0.02 and len(doc.history) == 0
    assert page.error_label.isVisibleTo(tables)
    assert page.error_label.text() == "Entity 'e1', Risk: must be at most 1 (got 1.5)"
    flows = tables.page("flows")
    tables.show_page("flows")
    row = flows.proxy.mapFromSource(flows.model.index(flows.model.row_of("f2"), 0)).row()
    _click_cell(qtbot, flows, row, "source")
    qtbot.keyClick(flows.view, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    combo.setCurrentIndex(combo.findData("e2"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    _wait_closed(qtbot, flows)
    assert doc.scenario.flows["f2"].source == "e1"
    assert "capability's owner" in flows.error_label.text()


def test_bulk_set_value_is_one_undo_step(tables, qtbot, monkeypatch):
    doc, page = tables.document, tables.page("entities")
    _click_cell(qtbot, page, 1, "risk")
    _click_cell(qtbot, page, 3, "risk", Qt.KeyboardModifier.ShiftModifier)
    assert page.selected_ids() == ["e2", "e3", "e4"]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("0.2", True)))
    page.bulk_action.trigger()
    assert [doc.scenario.entities[i].risk for i in ("e2", "e3", "e4")] == [0.2, 0.2, 0.2]
    assert len(doc.history) == 1
    assert doc.history.undo_command().template == "Set {field} for {n} objects"
    doc.undo()
    assert [doc.scenario.entities[i].risk for i in ("e2", "e3", "e4")] == [0.05, 0.08, 0.1]


def test_bulk_set_value_with_an_invalid_value_changes_nothing(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    _click_cell(qtbot, page, 0, "demand")
    _click_cell(qtbot, page, 2, "demand", Qt.KeyboardModifier.ShiftModifier)
    assert not page.set_value_for_selected("demand", "-3")
    assert [e.demand for e in doc.scenario.entities][:3] == [0, 0, 0] and len(doc.history) == 0
    assert "must not be negative" in page.error_label.text()
    assert page.set_value_for_selected("kind", "partner")
    assert {doc.scenario.entities[i].kind.value for i in ("e1", "e2", "e3")} == {"partner"}


def test_row_selection_and_document_selection_follow_each_other(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    _click_cell(qtbot, page, 1, "name")
    _click_cell(qtbot, page, 4, "name", Qt.KeyboardModifier.ControlModifier)
    assert doc.selection == ["e2", "e5"]
    doc.set_selection(["e7", "f3"])
    assert page.selected_ids() == ["e7"]
    assert tables.page("flows").selected_ids() == ["f3"]
    page.view.selectionModel().clearSelection()
    assert doc.selection == []


def test_add_and_delete_rows(tables, qtbot):
    doc, flows, ents = tables.document, tables.page("flows"), tables.page("entities")
    doc.set_selection(["e6", "e7"])
    tables.show_page("flows")
    qtbot.mouseClick(flows.add_button, Qt.MouseButton.LeftButton)
    new_id = doc.selection[0]
    assert (doc.scenario.flows[new_id].source, doc.scenario.flows[new_id].target) == ("e6", "e7")
    assert flows.model.rowCount() == 10
    tables.show_page("entities")
    doc.set_selection(["e7"])
    qtbot.mouseClick(ents.delete_button, Qt.MouseButton.LeftButton)
    assert "e7" not in doc.scenario.entities
    assert "f6" not in doc.scenario.flows and new_id not in doc.scenario.flows  # its flows went along
    assert flows.model.rowCount() == 8
    doc.undo()
    assert "e7" in doc.scenario.entities and flows.model.rowCount() == 10
    assert doc.scenario.flows.ids().index("f6") == 5  # restored in place


def test_model_changes_arrive_as_row_inserts_not_resets(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    resets, inserts = [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.model.rowsInserted.connect(lambda parent, a, b: inserts.append((a, b)))
    doc.push(AddObject(doc.scenario, Entity("x1", "新伙伴"), index=2))
    assert inserts == [(2, 2)] and resets == []
    assert page.model.index(2, _column(page, "name")).data() == "新伙伴"
    doc.undo()
    assert page.model.rowCount() == 7 and resets == []


def test_renaming_an_entity_updates_the_names_shown_in_other_tables(tables):
    doc, flows = tables.document, tables.page("flows")
    s = doc.scenario
    doc.push(ChangeObject(s, s.entities["e1"].evolve(name="云链")))
    row = flows.model.row_of("f2")
    assert flows.model.index(row, _column(flows, "source")).data() == "云链"


def test_select_rows_from_the_keyboard(tables, qtbot):
    page = tables.page("needs")
    tables.show_page("needs")
    page.view.setFocus()
    page.view.selectionModel().setCurrentIndex(page.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert tables.document.selection == ["n1", "n2"] or tables.document.selection == ["n2"]


# refuse, never clamp ----------------------------------------------------------------

def _row(page, obj_id):
    return page.proxy.mapFromSource(page.model.index(page.model.row_of(obj_id), 0)).row()


def test_cells_refuse_bad_numbers_with_the_models_sentence(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    _edit_cell(qtbot, page, _row(page, "e5"), "demand", "-5")
    assert doc.scenario.entities["e5"].demand == 1200  # not 0
    assert page.error_label.isVisibleTo(tables)
    assert page.error_label.text() == "Entity 'e5', Demand: must not be negative (got -5)"
    _edit_cell(qtbot, page, _row(page, "e5"), "risk", "1.5")
    assert doc.scenario.entities["e5"].risk == 0  # not 1
    assert page.error_label.text() == "Entity 'e5', Risk: must be at most 1 (got 1.5)"
    _edit_cell(qtbot, page, _row(page, "e5"), "demand", "abc")
    assert page.error_label.text() == "Entity 'e5', Demand: 'abc' is not a number"
    _edit_cell(qtbot, page, _row(page, "e5"), "risk", "1万")
    assert page.error_label.text() == ("Entity 'e5', Risk: takes a share from 0 to 1 or a percentage such as 15% "
                                       "(not '1万')")
    assert doc.scenario.entities["e5"].demand == 1200 and doc.scenario.entities["e5"].risk == 0
    assert len(doc.history) == 0
    assert page.model.index(page.model.row_of("e5"), _column(page, "demand")).data() == "1,200"  # the cell too


def test_cells_accept_planner_numbers_and_the_refusal_goes(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    _edit_cell(qtbot, page, _row(page, "e5"), "demand", "-5")
    assert page.error_label.isVisibleTo(tables)
    _edit_cell(qtbot, page, _row(page, "e5"), "demand", "1万")
    assert doc.scenario.entities["e5"].demand == 10_000
    assert not page.error_label.isVisibleTo(tables)  # valid again: the refusal is gone at once
    _edit_cell(qtbot, page, _row(page, "e5"), "risk", "15%")
    assert doc.scenario.entities["e5"].risk == 0.15
    flows = tables.page("flows")
    tables.show_page("flows")
    _edit_cell(qtbot, flows, _row(flows, "f4"), "volume", "1.2万")
    assert doc.scenario.flows["f4"].volume == 12_000
    _edit_cell(qtbot, flows, _row(flows, "f4"), "unit_value", "3,000")
    assert doc.scenario.flows["f4"].unit_value == 3000
    assert len(doc.history) == 4


def test_cell_refusals_in_chinese_name_the_field_by_its_label(tables, qtbot):
    install_language("zh")
    QApplication.processEvents()  # the tables retranslate (a posted LanguageChange) before the edit
    doc, page = tables.document, tables.page("entities")
    assert page.model.headerData(_column(page, "demand"), Qt.Orientation.Horizontal) == "需求量"
    _edit_cell(qtbot, page, _row(page, "e5"), "demand", "-5")
    assert page.error_label.text() == "主体 'e5' 的需求量：不能为负数（当前为 -5）"
    _edit_cell(qtbot, page, _row(page, "e5"), "risk", "1.5")
    assert page.error_label.text() == "主体 'e5' 的风险：不能大于 1（当前为 1.5）"
    _edit_cell(qtbot, page, _row(page, "e5"), "demand", "abc")
    assert page.error_label.text() == "主体 'e5' 的需求量：“abc”不是数字"
    assert doc.scenario.entities["e5"].demand == 1200 and len(doc.history) == 0
    _edit_cell(qtbot, page, _row(page, "e5"), "demand", "1万")
    assert doc.scenario.entities["e5"].demand == 10_000
    assert not page.error_label.isVisibleTo(tables)


def test_tables_deleted_by_qt_are_no_longer_called_by_the_model(qtbot):
    doc = Document(sample_project())
    widget = TablesWidget(doc)
    s = doc.scenario
    assert len(s.entities.added) == 6  # the entities table, and the five that show entity names
    widget.deleteLater()  # the C++ side goes; the Python wrapper below lives on
    qtbot.waitUntil(lambda: len(s.entities.added) == 0)
    doc.push(AddObject(s, Entity("e99", name="late")))  # must not reach the dead tables
    assert "e99" in s.entities and widget is not None


def test_count_label_follows_deletes_and_undo_with_and_without_a_filter(qtbot):
    from ecodesk.templates import load_template

    doc = Document(load_template("sensor_reuse"))
    widget = TablesWidget(doc)
    qtbot.addWidget(widget)
    widget.show()
    widget.show_page("capabilities")
    caps = widget.page("capabilities")
    assert caps.count_label.text() == "6"
    doc.set_selection(["nbiot"])
    assert caps.delete_selected() == 1
    assert caps.count_label.text() == "5"  # not "5 of 6": no filter, five rows
    doc.undo()
    assert caps.count_label.text() == "6"
    doc.redo()
    assert caps.count_label.text() == "5"
    doc.undo()
    caps.filter_edit.setText("数据分析")  # two analytics capabilities
    assert caps.count_label.text() == "2 of 6"
    doc.set_selection(["analytics_iiot"])
    assert caps.delete_selected() == 1
    assert caps.count_label.text() == "1 of 5"
    doc.undo()
    assert caps.count_label.text() == "2 of 6"
