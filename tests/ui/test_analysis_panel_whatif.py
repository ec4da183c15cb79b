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
    assert dialog.service.text() == "Its exit alone: service level falls from 100.0 % to 0.0 % (−100.0 points)."
    assert dialog.headline.text() == "If 智能传感器企业 fails or leaves, service falls to 0.0 %."
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


def _dialog_of(qtbot, template: str, entity: str, lang: str = "en"):
    from ecodesk.ui.i18n import install_language

    if lang != "en":
        install_language(lang)
    w = open_window(qtbot, project_of(template), size=(1366, 768), show_panel=False)
    dialog = w.analysis_panel.show_what_if(entity)
    _wait_dialog(qtbot, dialog)
    qtbot.waitExposed(dialog)
    return w, dialog


def test_what_if_texts_separate_the_exit_alone_from_the_chain_reaction(qtbot):
    # the domestic chip supplier: its partners can buy imported chips (no demand depends on it
    # alone), but the cascade (partners losing > 50 % of their supply fail) takes 10 others down
    _w, dialog = _dialog_of(qtbot, "sensor_reuse", "chip_cn")
    d = dialog.data
    assert d.service_loss == 0.0 and len(d.cascade_failed) == 10 and d.cascade_service == 0.0
    assert dialog.headline.text() == "If 国产芯片供应商 fails or leaves, a chain reaction can bring service down to 0.0 %."
    assert dialog.service.text() == ("Its exit alone leaves service at 100.0 %: every final demand still has "
                                     "another supply path.")
    assert dialog.cascade.text().startswith("Chain reaction: partners that lose more than 50.0 % of their incoming "
                                            "supply fail too — 10 more entities fail (")
    assert dialog.cascade.text().endswith("). Service then: 0.0 %.")
    assert "nobody depends" not in dialog.service.text() + dialog.headline.text()
    dialog.close()


def test_what_if_chain_reaction_of_one_entity_and_of_none(qtbot):
    from ecodesk.ui.panels.whatif import WhatIfDialog

    _w, dialog = _dialog_of(qtbot, "s2b2b_appliance", "store_city")
    d = dialog.data
    assert len(d.cascade_failed) == 1
    assert " — 1 more entity fails (" in dialog.cascade.text() and "entities" not in dialog.cascade.text()
    none = type(d)(**{**d.__dict__, "cascade_failed": (), "cascade_service": d.service_after})
    assert WhatIfDialog._chain(dialog, none, "") == ("Chain reaction: no other entity loses more than 50.0 % of "
                                                     "its incoming supply, so none fails.")
    dialog.close()


def test_what_if_texts_in_chinese(qtbot):
    _w, dialog = _dialog_of(qtbot, "sensor_reuse", "chip_cn", lang="zh")
    assert dialog.headline.text() == "若国产芯片供应商失效或退出，连锁反应可使服务水平降至 0.0 %。"
    assert dialog.service.text() == "仅它退出时服务水平仍为 100.0 %：每项最终需求都还有其他供应路径。"
    assert dialog.cascade.text().startswith("连锁反应：失去超过 50.0 % 来料供应的伙伴也会失效——另有 10 个主体失效（")
    dialog.close()


def test_what_if_table_shows_every_row_and_column_at_1366x768(qtbot):
    from PySide6.QtCore import QRect

    _w, dialog = _dialog_of(qtbot, "sensor_reuse", "chip_cn")
    t = dialog.cost_table
    n = dialog.cost_model.rowCount()
    assert n == 8
    assert dialog.height() <= 0.9 * 768 and dialog.width() <= 0.9 * 1366
    view_h, view_w = t.viewport().height(), t.viewport().width()
    last = t.rowViewportPosition(n - 1) + t.rowHeight(n - 1)
    assert t.rowViewportPosition(0) == 0 and last <= view_h, (last, view_h)
    cols = dialog.cost_model.columnCount()
    assert t.columnViewportPosition(cols - 1) + t.columnWidth(cols - 1) <= view_w
    assert t.verticalScrollBar().maximum() == 0 and t.horizontalScrollBar().maximum() == 0
    # grown after it was shown, it is moved back inside the area it was sized for
    dialog.move(900, 500)
    area = QRect(0, 0, 1366, 768)
    dialog.fit_to(area)
    assert area.contains(dialog.frameGeometry()), dialog.frameGeometry()
    # on a smaller area it stays inside it (down to its minimum), every row stays reachable by
    # scrolling, and the dialog can be resized
    full = dialog.height()
    dialog.fit_to(QRect(0, 0, 800, 300))
    qtbot.wait(50)
    assert dialog.height() < full and dialog.isSizeGripEnabled()
    last = t.rowViewportPosition(n - 1) + t.rowHeight(n - 1)
    assert last > t.viewport().height() and t.verticalScrollBar().maximum() > 0  # scrolls to the last row
    dialog.close()
