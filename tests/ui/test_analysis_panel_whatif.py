"""What if an entity leaves: the dialog (from the canvas's context menu or the Analyze
menu) shows the service lost, the cascade and the cost-sharing change without touching
the model; "Remove It in a New Scenario" makes that a scenario in one undo step."""

from __future__ import annotations

from ecodesk.analysis.costshare import analyze_cost_sharing
from ecodesk.analysis.run import analyze_scenario
from ecodesk.commands import remove_objects
from tests.ui.panel_helpers import open_window, project_of


def _wait_dialog(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=30_000)
    return dialog.data


def test_analysis_what_if_shows_service_cascade_and_cost_change_without_editing(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    doc = w.document
    before = doc.scenario.copy()
    revision = doc.scenario.revision
    history = len(doc.history)
    dialog = w.analysis_panel.show_what_if("sensor")
    d = _wait_dialog(qtbot, dialog)
    engine = analyze_scenario(before, doc.project.settings)
    loss = next(c for c in engine["resilience"]["critical_entities"] if c["id"] == "sensor")["service_loss"]
    cascade = next(c for c in engine["resilience"]["cascade"] if c["id"] == "sensor")
    assert d.service_loss == loss == 1.0
    assert d.service_after == 0.0
    assert set(d.cascade_failed) == set(cascade["failed"]) - {"sensor"}
    assert d.cascade_size == cascade["cascade_size"]
    without = before.copy()
    remove_objects(without, [without.entities["sensor"]]).do()
    after = analyze_cost_sharing(without, seed=doc.project.settings.seed).to_json()
    rows = {r["id"]: r for r in dialog.cost_model.rows}
    assert rows["sensor"]["shapley_after"] is None
    for p, phi in after["shapley"].items():
        assert rows[p]["shapley_after"] == phi
        assert rows[p]["shapley_before"] == engine["cost_sharing"]["shapley"].get(p)
    assert "Service level falls from 100.0 % to 0.0 %" in dialog.service.text()
    assert "传感器研发" in dialog.capabilities.text()
    # the model was not touched
    assert doc.scenario.revision == revision and len(doc.history) == history
    assert doc.scenario.content_equals(before)
    dialog.close()


def test_analysis_what_if_from_the_canvas_context_menu_and_remove_in_a_new_scenario(qtbot):
    w = open_window(qtbot, project_of("s2b2b_appliance"))
    doc, canvas = w.document, w.canvas
    original = doc.scenario
    item = canvas.canvas_scene.entity_items["brand"]
    menu = canvas.build_context_menu(item)
    names = [a.objectName() for a in menu.actions()]
    assert "what_if_action" in names and "remove_in_new_scenario_action" in names
    next(a for a in menu.actions() if a.objectName() == "what_if_action").trigger()
    dialog = w.analysis_panel.what_if_dialog
    d = _wait_dialog(qtbot, dialog)
    assert d.entity == "brand" and d.service_loss == 1.0
    assert dialog.windowTitle() == "What if 家电品牌 S2B2B 平台 leaves?"
    dialog.remove_button.click()  # Remove It in a New Scenario
    new = doc.scenario
    assert new is not original and new.name == "Without 家电品牌 S2B2B 平台"
    assert "brand" not in new.entities and "brand" in original.entities
    assert not [f for f in new.flows if "brand" in (f.source, f.target)]
    assert doc.project.scenario_names().index(new.name) == doc.project.scenario_names().index(original.name) + 1
    assert w.scenario_combo.currentText() == new.name
    assert w.actions.edit_undo.text() == (
        "&Undo New scenario 'Without 家电品牌 S2B2B 平台' without '家电品牌 S2B2B 平台'")
    w.undo()  # one step removes the whole scenario
    assert new.name not in doc.project.scenario_names() and doc.scenario is not new
    assert "brand" in original.entities
    w.redo()
    assert "brand" not in doc.project.scenario(new.name).entities


def test_analysis_what_if_menu_needs_one_selected_entity(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    act = w.analysis_menus.what_if
    w.document.set_selection([])
    assert not act.isEnabled()
    w.document.set_selection(["cloud"])
    assert act.isEnabled()
    act.trigger()
    d = _wait_dialog(qtbot, w.analysis_panel.what_if_dialog)
    assert d.entity == "cloud" and d.service_loss == 0.0
    assert [c.id for c in d.lost_capabilities] == ["cloud_iot", "analytics_cloud"]
