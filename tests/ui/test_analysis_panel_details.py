"""Details a new user tripped over: a negative saving is a loss and is drawn (and tinted) in the
"bad" colour, not as a green bar; counts say "1 pool", not "1 pools" (inspector, resilience tab,
tables)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QItemSelectionModel, QPointF, Qt
from PySide6.QtGui import QColor

import ecodesk.ui.panels.charts as charts
from tests.ui.panel_helpers import open_window, project_of, wait_current


def _bars(chart) -> list[tuple[str, str, list[float], list[float]]]:
    """(legend name, brush colour, y positions, signed widths) of every bar item."""
    out = []
    for item in chart.data_items():
        o = item.opts
        widths = [float(w) if x0 >= 0 else -float(w) for x0, w in zip(o["x0"], o["width"])]
        out.append((item.name(), QColor(o["brush"].color()).name().upper(), [float(y) for y in o["y"]], widths))
    return out


def test_negative_savings_are_drawn_as_losses_in_the_bad_colour(qtbot):
    project = project_of("sensor_reuse")
    scenario = project.scenarios[0]
    flow = scenario.flows["c_nbiot_home"]  # 200,000 units at 6 each through the shared module
    scenario.replace(dataclasses.replace(flow, standalone_cost=500_000.0))  # alone: cheaper than sharing
    w = open_window(qtbot, project, size=(1366, 768))
    panel = w.analysis_panel
    reuse = panel.show_tab("reuse")
    wait_current(qtbot, panel)
    rows = {r["id"]: r for r in reuse.cap_model.rows}
    loss = rows["nbiot"]["savings"]
    assert loss < 0
    bars = _bars(reuse.savings_chart)
    green = [b for b in bars if b[1] == charts.COLORS["savings"].upper()]
    red = [b for b in bars if b[1] == charts.COLORS["loss"].upper()]
    assert len(green) == 1 and len(red) == 1, bars
    assert all(x > 0 for x in green[0][3]) and len(green[0][3]) == 5
    assert red[0][3] == [loss] and red[0][0] == "Loss (negative saving)"
    # the bar sits on the row of its capability (sorted by savings: the loss comes last)
    assert red[0][2] == [5.0]
    # the legend names both, the table cell is tinted red, the tooltip says "a loss"
    legend = reuse.savings_chart.item.legend
    assert legend is not None and legend.isVisible()
    assert [lab.text for _, lab in legend.items] == ["Savings", "Loss (negative saving)"]
    model = reuse.cap_model
    r = [x["id"] for x in model.rows].index("nbiot")
    tint = model.data(model.index(r, model.column_index("savings")), Qt.ItemDataRole.BackgroundRole)
    assert tint is not None and tint.red() > 200 and tint.green() < 60
    assert loss == 500_000.0 - 6 * 200_000.0
    tip = reuse.savings_chart._hover(QPointF(0, 5))
    assert tip.endswith("(a loss: sharing it costs more than its users would pay alone)") and "−700,000.00" in tip


def test_all_positive_savings_keep_one_green_series_and_no_legend(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"), size=(1366, 768))
    panel = w.analysis_panel
    reuse = panel.show_tab("reuse")
    wait_current(qtbot, panel)
    bars = _bars(reuse.savings_chart)
    assert [(b[0], b[1]) for b in bars] == [("Savings", charts.COLORS["savings"].upper())]
    assert len(bars[0][3]) == 6 and min(bars[0][3]) > 0
    legend = reuse.savings_chart.item.legend
    assert legend is None or not legend.isVisible()


# counts say "1 pool", not "1 pools" -------------------------------------------------------------------


def test_count_text_has_english_singular_and_plural():
    from ecodesk.ui.i18n import count_text

    assert [count_text(n, "pools") for n in (0, 1, 2)] == ["0 pools", "1 pool", "2 pools"]
    assert count_text(1, "entities") == "1 entity" and count_text(14, "entities") == "14 entities"
    assert count_text(1, "capabilities") == "1 capability" and count_text(1, "ecosystems") == "1 ecosystem"
    assert count_text(1, "rows") == "1 row" and count_text(1, "sharing pools") == "1 sharing pool"
    with pytest.raises(ValueError):
        count_text(1, "pixels")


def test_inspector_summary_says_1_pool(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"), size=(1366, 768), show_panel=False)
    w.document.set_selection([])
    summary = w.inspector.summary.text()
    assert summary == ("Scenario “基础情景”: 14 entities, 29 flows, 6 capabilities, 3 needs, 1 pool, 3 ecosystems. "
                       "Select an object on the canvas or in the tables to edit it.")


def test_resilience_hint_says_1_articulation_point(qtbot):
    w = open_window(qtbot, project_of("influencer_tiered"), size=(1366, 768))
    panel = w.analysis_panel
    res = panel.show_tab("resilience")
    wait_current(qtbot, panel)
    assert res.crit.hint.text() == "Service level 100.0 % · 3 single points of failure · 1 articulation point"
    w2 = open_window(qtbot, project_of("sensor_reuse"), size=(1366, 768))
    res2 = w2.analysis_panel.show_tab("resilience")
    wait_current(qtbot, w2.analysis_panel)
    assert res2.crit.hint.text() == "Service level 100.0 % · 10 single points of failure · 7 articulation points"


def test_bulk_value_prompt_for_one_row_is_singular(qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from ecodesk.templates import load_template
    from ecodesk.ui.document import Document
    from ecodesk.ui.tables import TablesWidget

    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda parent, title, prompt, *a, **k: asked.append(prompt)
                                                                   or ("", False)))
    doc = Document(load_template("sensor_reuse"))
    tables = TablesWidget(doc)
    qtbot.addWidget(tables)
    tables.show()
    tables.show_page("capabilities")
    page = tables.page("capabilities")
    for ids in (["nbiot"], ["nbiot", "calib"]):
        doc.set_selection(ids)
        cell = page.proxy.mapFromSource(page.model.index(page.model.row_of(ids[0]), page.model.column_of("fixed_cost")))
        page.view.selectionModel().setCurrentIndex(cell, QItemSelectionModel.SelectionFlag.NoUpdate)
        assert sorted(page.selected_ids()) == sorted(ids) and page.current_field() == "fixed_cost"
        page.ask_value_for_selected()
    assert asked == ["Fixed cost for the selected row:", "Fixed cost for 2 selected rows:"]
