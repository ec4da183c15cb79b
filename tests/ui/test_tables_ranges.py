"""Tables: a Ranges column on every table of numbers (SPEC §3.7), typed as
``volume=80..120;risk=5%..20%``; an edit is one undo step, a refusal is the model's sentence
and changes nothing, a value edit outside its range is refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from ecodesk.commands import ChangeObject
from ecodesk.model.ranges import with_range
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import install_language
from ecodesk.ui.tables import TablesWidget
from tests.ui.mw_helpers import sample_project, shown, type_text


@pytest.fixture
def tables(qtbot):
    return shown(qtbot, TablesWidget(Document(sample_project())), 1000, 400)


def _page(tables, collection):
    tables.show_page(collection)
    return tables.page(collection)


def _cell(page, obj_id, field):
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(obj_id), 0)).row()
    return page.proxy.index(row, page.model.column_of(field))


def _edit_cell(qtbot, page, obj_id, field, text):
    """Click the cell, F2, type ``text`` (replacing what is there), Enter."""
    index = _cell(page, obj_id, field)
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    if text:
        type_text(editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.view.state() != QAbstractItemView.State.EditingState)


def test_every_table_of_numbers_has_a_ranges_column_with_a_tooltip(tables):
    for collection in ("entities", "flows", "capabilities", "needs", "pools"):
        model = tables.page(collection).model
        col = model.column_of("ranges")
        assert col >= 0, collection
        assert model.headerData(col, Qt.Orientation.Horizontal) == "Ranges"
        tip = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert "volume=80..120;risk=5%..20%" in tip and "field=low..high" in tip
    assert tables.page("ecosystems").model.column_of("ranges") == -1


def test_a_ranges_cell_edit_is_one_undo_step(tables, qtbot):
    doc = tables.document
    page = _page(tables, "flows")
    index = _cell(page, "f1", "ranges")
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    assert "field=low..high" in QApplication.focusWidget().toolTip()  # the form, while typing it
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    _edit_cell(qtbot, page, "f1", "ranges", "volume=800..1200;risk=1%..10%")
    assert doc.scenario.flows["f1"].ranges == {"volume": (800.0, 1200.0), "risk": (0.01, 0.1)}
    assert len(doc.history) == 1
    assert not page.error_label.isVisibleTo(tables)
    cell = _cell(page, "f1", "ranges")
    assert cell.data() == "volume=800..1200;risk=0.01..0.1"
    assert cell.data(Qt.ItemDataRole.EditRole) == "volume=800..1200;risk=0.01..0.1"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "volume=800..1200\nrisk=0.01..0.1"
    doc.undo()
    assert doc.scenario.flows["f1"].ranges == {}
    assert _cell(page, "f1", "ranges").data() == ""
    doc.redo()
    _edit_cell(qtbot, page, "f1", "ranges", "")  # empty: no ranges, one step
    assert doc.scenario.flows["f1"].ranges == {}
    assert len(doc.history) == 2


def test_planner_numbers_in_a_ranges_cell(tables, qtbot):
    doc = tables.document
    page = _page(tables, "capabilities")
    _edit_cell(qtbot, page, "cap1", "ranges", "fixed_cost=50万..1.2M;unit_cost=1..3")
    assert doc.scenario.capabilities["cap1"].ranges == {"fixed_cost": (500_000.0, 1_200_000.0),
                                                        "unit_cost": (1.0, 3.0)}
    page = _page(tables, "pools")
    _edit_cell(qtbot, page, "pool1", "ranges", "amount=90万..150万;scale_exponent=0.7..0.9")
    assert doc.scenario.pools["pool1"].ranges == {"amount": (900_000.0, 1_500_000.0), "scale_exponent": (0.7, 0.9)}


@pytest.mark.parametrize(("collection", "obj_id", "text", "sentence"), [
    ("flows", "f1", "volume=1100..1200", "Flow 'f1', Range of Volume: the low end 1100 is above the value 1000"),
    ("flows", "f1", "volume=500..900", "Flow 'f1', Range of Volume: the high end 900 is below the value 1000"),
    ("entities", "e2", "risk=1%..150%", "Entity 'e2', Range of Risk: the high end 1.5 is outside [0, 1]"),
    ("needs", "n1", "volume=300..100", "Need 'n1', Range of Volume: the low end 300 is above the high end 100"),
])
def test_a_bad_ranges_cell_is_refused_with_the_models_sentence(tables, qtbot, collection, obj_id, text, sentence):
    doc = tables.document
    page = _page(tables, collection)
    before = doc.scenario.find(obj_id)
    _edit_cell(qtbot, page, obj_id, "ranges", text)
    assert page.error_label.isVisibleTo(tables)
    assert page.error_label.text() == sentence
    assert doc.scenario.find(obj_id) == before
    assert len(doc.history) == 0
    assert _cell(page, obj_id, "ranges").data() == ""


def test_a_value_edit_outside_its_range_is_refused_in_the_table(tables, qtbot):
    doc = tables.document
    page = _page(tables, "flows")
    flow = doc.scenario.flows["f1"]
    doc.attempt(ChangeObject(doc.scenario, with_range(flow, "volume", 800, 1200)))
    _edit_cell(qtbot, page, "f1", "volume", "1500")
    assert doc.scenario.flows["f1"].volume == 1000
    assert page.error_label.text() == "Flow 'f1', Volume: 1500 is outside its range 800–1200: change the range first"
    _edit_cell(qtbot, page, "f1", "volume", "1100")
    assert doc.scenario.flows["f1"].volume == 1100
    assert not page.error_label.isVisibleTo(tables)


def test_ranges_refusals_in_chinese(tables, qtbot):
    install_language("zh")
    QApplication.processEvents()
    doc = tables.document
    page = _page(tables, "flows")
    assert page.model.headerData(page.model.column_of("ranges"), Qt.Orientation.Horizontal) == "范围"
    _edit_cell(qtbot, page, "f1", "ranges", "volume=1100..1200")
    assert page.error_label.text() == "资源流 'f1' 的数量的范围：下限 1100 高于数值 1000"
    assert doc.scenario.flows["f1"].ranges == {}
    _edit_cell(qtbot, page, "f1", "ranges", "数量=900..1100；风险=1%..10%")  # labels and full-width ";" as typed
    assert doc.scenario.flows["f1"].ranges == {"volume": (900.0, 1100.0), "risk": (0.01, 0.1)}
    assert _cell(page, "f1", "ranges").data() == "volume=900..1100;risk=0.01..0.1"


def test_set_ranges_for_selected_rows_is_one_undo_step(tables, qtbot):
    doc = tables.document
    page = _page(tables, "needs")
    page.view.selectAll()
    assert page.set_value_for_selected("ranges", "volume=0..1000")
    assert doc.scenario.needs["n1"].ranges == {"volume": (0.0, 1000.0)}
    assert doc.scenario.needs["n2"].ranges == {"volume": (0.0, 1000.0)}
    assert len(doc.history) == 1
    doc.undo()
    assert doc.scenario.needs["n1"].ranges == {} and doc.scenario.needs["n2"].ranges == {}
