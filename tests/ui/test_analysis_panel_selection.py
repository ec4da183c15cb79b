"""Result tables and the canvas select each other: a row selects and centres its entity; an
entity selected on the canvas highlights its rows. And a gap's button draws the suggested
capability flow as one undoable command."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from ecodesk.model import FlowKind
from tests.ui.panel_helpers import open_window, project_of, wait_current


def _centre_of_view(view) -> QPointF:
    return view.mapToScene(view.viewport().rect().center())


def test_analysis_panel_row_selects_and_centres_the_entity_on_the_canvas(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, doc, canvas = w.analysis_panel, w.document, w.canvas
    wait_current(qtbot, panel)
    resil = panel.show_tab("resilience")
    canvas.zoom_at(3.0, canvas.viewport().rect().topLeft())  # zoomed in, far from most entities
    row = next(i for i, r in enumerate(resil.crit_model.rows) if r["id"] == "households")
    resil.crit_table.select_source_row(row)
    assert doc.selection == ["households"]
    assert canvas.selected_entity_ids() == ["households"]
    item = canvas.canvas_scene.entity_items["households"]
    centre = _centre_of_view(canvas)
    assert abs(centre.x() - item.sceneBoundingRect().center().x()) < 5
    assert abs(centre.y() - item.sceneBoundingRect().center().y()) < 5
    # a capability row selects its owner and the flows that deliver it
    reuse = panel.show_tab("reuse")
    reuse.cap_table.select_source_row(0)
    cap = reuse.cap_model.rows[0]
    flows = {f.id for f in doc.scenario.flows if f.capability == cap["id"]}
    assert doc.selection[0] == cap["owner"] and set(doc.selection[1:]) == flows


def test_canvas_selection_highlights_analysis_panel_rows(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, canvas = w.analysis_panel, w.canvas
    wait_current(qtbot, panel)
    cost = panel.show_tab("cost")
    canvas.select_ids(["cloud"])  # as a click on the canvas does
    assert w.document.selection == ["cloud"]
    rows = cost.table.selected_source_rows()
    assert [cost.model.rows[r]["id"] for r in rows] == ["cloud"]
    # the other tabs highlight when they are shown
    resil = panel.show_tab("resilience")
    assert [resil.crit_model.rows[r]["id"] for r in resil.crit_table.selected_source_rows()] == ["cloud"]
    reuse = panel.show_tab("reuse")
    owned = [reuse.cap_model.rows[r]["id"] for r in reuse.cap_table.selected_source_rows()]
    assert owned == [c.id for c in w.document.scenario.capabilities if c.owner == "cloud"]
    canvas.select_ids([])
    assert reuse.cap_table.selected_source_rows() == []


def test_analysis_panel_gap_button_draws_the_suggested_flow_as_one_undoable_command(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, doc = w.analysis_panel, w.document
    wait_current(qtbot, panel)
    reuse = panel.show_tab("reuse")
    gap = reuse.gap_model.rows[0]
    assert (gap["entity"], gap["category"]) == ("agri_pf", "通信模组")
    combo, button = reuse.gap_widgets[0]
    assert combo.currentData() == gap["candidates"][0] == "chip_cn"
    n_flows, history = len(doc.scenario.flows), len(doc.history)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(doc.scenario.flows) == n_flows + 1 and len(doc.history) == history + 1
    flow = doc.scenario.flows.at(len(doc.scenario.flows) - 1)
    cap = doc.scenario.capabilities[flow.capability]
    assert (flow.source, flow.target, flow.kind) == ("chip_cn", "agri_pf", FlowKind.CAPABILITY)
    assert cap.owner == "chip_cn" and cap.category_key == "通信模组"
    assert flow.volume == gap["volume"] and flow.standalone_cost == gap["standalone_cost"]
    assert doc.selection == [flow.id]
    assert w.actions.edit_undo.text() == "&Undo Meet the need of '农业物联网平台' for '通信模组'"
    result = wait_current(qtbot, panel)
    assert result.reuse.gaps == []  # the need is met now
    panel.show_tab("reuse")
    assert reuse.gap_model.rows == []
    w.undo()
    assert len(doc.scenario.flows) == n_flows
    wait_current(qtbot, panel)
    panel.show_tab("reuse")
    assert len(reuse.gap_model.rows) == 1
