"""Tables dock: the flows' label column and the entities' colour column (with its swatch) —
edited like every other cell: one undo step, a bad colour refused with the model's
sentence and the cell keeping its value."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from ecodesk.ui.canvas.style import ENTITY_COLORS
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import install_language
from ecodesk.ui.tables import TablesWidget
from tests.ui.mw_helpers import sample_project, shown
from tests.ui.test_tables_editing import _column, _edit_cell, _row


@pytest.fixture
def tables(qtbot):
    return shown(qtbot, TablesWidget(Document(sample_project())), 1200, 400)


def _cell(page, obj_id, field, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(page.model.row_of(obj_id), _column(page, field)).data(role)


def test_the_flows_table_has_a_label_column_after_the_kind(tables):
    page = tables.page("flows")
    fields = [c.field for c in page.model.columns]
    assert fields[fields.index("kind") + 1] == "label"
    assert page.model.headerData(_column(page, "label"), Qt.Orientation.Horizontal) == "Label"
    assert page.model.flags(page.model.index(0, _column(page, "label"))) & Qt.ItemFlag.ItemIsEditable


@pytest.mark.parametrize("text", ["PUT /documents", "月度结算（对账）"])
def test_editing_a_label_cell_is_one_undo_step(tables, qtbot, text):
    doc, page = tables.document, tables.page("flows")
    tables.show_page("flows")
    _edit_cell(qtbot, page, _row(page, "f4"), "label", text)
    assert doc.scenario.flows["f4"].label == text
    assert _cell(page, "f4", "label") == text
    assert _cell(page, "f4", "label", Qt.ItemDataRole.ToolTipRole) == text
    assert len(doc.history) == 1
    doc.undo()
    assert doc.scenario.flows["f4"].label == "" and _cell(page, "f4", "label") == ""


def test_the_colour_column_shows_the_own_colour_or_the_kind_colour(tables):
    doc, page = tables.document, tables.page("entities")
    s = doc.scenario
    s.replace(s.entities["e1"].evolve(color="#ff9900"))
    assert _cell(page, "e1", "color") == "#ff9900"
    assert _cell(page, "e1", "color", Qt.ItemDataRole.DecorationRole) == QColor("#ff9900")
    assert _cell(page, "e1", "color", Qt.ItemDataRole.EditRole) == "#ff9900"
    # without a colour of its own: "Kind colour", greyed, with the kind's swatch; edited from empty
    assert _cell(page, "e2", "color") == "Kind colour"
    assert _cell(page, "e2", "color", Qt.ItemDataRole.DecorationRole) == QColor(ENTITY_COLORS[s.entities["e2"].kind])
    assert _cell(page, "e2", "color", Qt.ItemDataRole.EditRole) == ""
    assert _cell(page, "e2", "color", Qt.ItemDataRole.ForegroundRole) is not None


def test_editing_a_colour_cell_sets_it_and_undo_restores(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    _edit_cell(qtbot, page, _row(page, "e3"), "color", "#0A0")
    assert doc.scenario.entities["e3"].color == "#00aa00"
    assert _cell(page, "e3", "color", Qt.ItemDataRole.DecorationRole) == QColor("#00aa00")
    assert len(doc.history) == 1 and not page.error_label.isVisibleTo(tables)
    doc.undo()
    assert doc.scenario.entities["e3"].color == ""


def test_a_bad_colour_cell_is_refused_with_the_models_sentence(tables, qtbot):
    doc, page = tables.document, tables.page("entities")
    s = doc.scenario
    s.replace(s.entities["e3"].evolve(color="#123456"))
    _edit_cell(qtbot, page, _row(page, "e3"), "color", "#12345g")
    assert doc.scenario.entities["e3"].color == "#123456"
    assert _cell(page, "e3", "color") == "#123456"  # the cell keeps its value
    assert page.error_label.isVisibleTo(tables)
    assert page.error_label.text() == (
        "Entity 'e3', Colour: '#12345g' is not a colour: type #rrggbb or #rgb in hex digits, e.g. #ff9900 "
        "or #f90, or leave it empty for the kind's colour")
    assert len(doc.history) == 0
    _edit_cell(qtbot, page, _row(page, "e3"), "color", "#654321")
    assert doc.scenario.entities["e3"].color == "#654321"
    assert not page.error_label.isVisibleTo(tables)


def test_a_bad_colour_cell_is_refused_in_chinese(tables, qtbot):
    install_language("zh")
    QApplication.processEvents()
    doc, page = tables.document, tables.page("entities")
    assert page.model.headerData(_column(page, "color"), Qt.Orientation.Horizontal) == "颜色"
    _edit_cell(qtbot, page, _row(page, "e3"), "color", "红色")
    assert doc.scenario.entities["e3"].color == ""
    assert page.error_label.text().startswith("主体 'e3' 的颜色：“红色”不是颜色")
