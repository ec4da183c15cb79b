"""Plan → Optimise design…: constraints, background run with progress and cancel, the result
with its saving, the difference on the canvas, Apply as one undoable new scenario, and the
Compare tab before/after."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.commands import MoveEntities
from ecodesk.ui.dialogs.optimize import OptimizeDialog, parse_budget, selected_capabilities
from ecodesk.ui.dialogs.optimize_picker import EXCLUDE, KEEP
from tests.ui.mw_helpers import type_text
from tests.ui.optimize_helpers import RUN_MS, duplicated_project, duplicated_scenario, open_dialog, run


@pytest.fixture
def win(qtbot):
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow

    w = MainWindow(Document(duplicated_project()))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_plan_menu_opens_one_dialog_listing_every_capability(win, qtbot):
    assert "plan_optimize" in [a.objectName() for a in win.actions.menus["plan"].actions()]
    assert win.actions.menus["plan"].title() == "&Plan"
    dialog = open_dialog(win)
    assert dialog.windowTitle() == "Optimise Design — 各自建仓"
    assert not dialog.isModal()  # the canvas stays usable (selection, difference)
    assert dialog.picker.ids() == ["wh_east", "wh_south", "trade"]
    rows = {dialog.picker.model.item(r, 2).text(): (dialog.picker.model.item(r, 3).text(),
                                                    dialog.picker.model.item(r, 4).text())
            for r in range(dialog.picker.model.rowCount())}
    assert rows == {"华东仓": ("华东总代", "仓储"), "华南仓": ("华南总代", "仓储"), "交易系统": ("品牌商", "交易")}
    win.actions.plan_optimize.trigger()  # again: the same dialog, in front
    assert win.findChildren(OptimizeDialog) == [dialog]
    type_text(dialog.picker.search, "华南")
    assert dialog.picker.visible_ids() == ["wh_south"]
    dialog.picker.search.clear()
    type_text(dialog.picker.search, "品牌")  # by owner
    assert dialog.picker.visible_ids() == ["trade"]
    view = dialog.picker.view  # the keyboard checks a box of the filtered list
    view.setFocus()
    view.setCurrentIndex(dialog.picker.index_of("trade", EXCLUDE))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.picker.exclude() == ("trade",)
    view.setCurrentIndex(dialog.picker.index_of("trade", KEEP))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.picker.keep() == ("trade",) and dialog.picker.exclude() == ()
    dialog.picker.search.clear()
    assert dialog.picker.visible_ids() == ["wh_east", "wh_south", "trade"]
    assert dialog.picker.keep() == ("trade",)  # marks stay when the search changes


def test_run_shows_the_saving_and_the_difference_on_the_canvas(win, qtbot):
    dialog = open_dialog(win)
    assert not dialog.apply_button.isEnabled()
    run(qtbot, dialog)
    view = dialog.result_view
    # current 1,000,000 + 1,200,000 + 500,000 fixed, 200,000 + 160,000 + 500 served, 300,000 need standalone
    assert view.values["current_cost"].text() == "3,360,500 CNY"
    assert view.values["objective"].text() == "1,500,000 CNY"
    assert view.values["savings"].text() == "1,860,500 CNY"
    assert view.values["status"].text() == "Optimal"
    assert view.values["gap"].text() == "0.00 %"
    assert view.headline.text() == "The least-cost design saves 1,860,500 CNY (55.4 % of the current cost)."
    assert [view.lists["close"].item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)] == ["trade", "wh_south"]
    assert view.lists["close"].item(1).text() == "华南仓 — 华南总代"
    assert view.lists["keep"].count() == 1
    changes = dict(zip(view.model.values("demand"), view.model.values("change_text"), strict=True))
    assert view.model.values("demand") == ["fs", "ft", "n_county", "fe"]  # what changes first
    assert view.model.values("demand_name") == ["Flow fs", "Flow ft", "Need n_county", "Flow fe"]
    assert view.model.values("now") == ["华南仓 — 华南总代", "交易系统 — 品牌商", "standalone", "华东仓 — 华东总代"]
    assert changes == {"fe": "unchanged", "fs": "re-pointed", "ft": "flow removed: standalone",
                       "n_county": "new flow"}
    assert dict(zip(view.model.values("demand"), view.model.values("served_by"), strict=True))["n_county"] == \
        "华东仓 — 华东总代"
    assert dialog.apply_button.isEnabled()
    # the canvas difference: a separate overlay in the canvas scene
    overlay = dialog.overlay
    scene = win.canvas.canvas_scene
    assert overlay is not None and overlay.scene() is scene and overlay.tags.scene() is scene
    assert overlay.marked_ids("closed") == ["trade", "wh_south"]
    struck_tag = overlay.marks("closed")[1]
    assert struck_tag.text() == "✕ 华南仓" and struck_tag.label.font().strikeOut()
    assert struck_tag.pos().x() == scene.entity_items["south"].pos().x()  # at the owner
    assert sorted(overlay.marked_ids("struck")) == ["fs", "ft"]  # the flows that go away
    assert overlay.paths["struck"]["fs"] == scene.flow_items["fs"].path()  # over the flow as the canvas routes it
    assert overlay.struck_line.pen().color().name() == "#d7191c" and overlay.veil is not None
    assert sorted(overlay.marked_ids("new")) == ["fs", "n_county"]  # re-pointed and new: dashed green
    assert overlay.new_line.pen().style() == Qt.PenStyle.DashLine
    assert overlay.new_line.pen().color().name() == "#1e9e4a"
    path = overlay.paths["new"]["n_county"]
    east, county = scene.entity_items["east"].pos(), scene.entity_items["county"].pos()
    start, end = path.pointAtPercent(0), path.pointAtPercent(1)
    assert (start - east).manhattanLength() < (start - county).manhattanLength()  # from the new owner
    assert (end - county).manhattanLength() < (end - east).manhattanLength()  # to the demand's entity
    assert overlay.marked_ids("standalone") == ["ft"]
    assert overlay.marks("standalone")[0].text() == "standalone: 交易"
    # a change of the model makes the difference stale: it goes, Apply waits for a new run
    win.document.push(MoveEntities(win.document.scenario, {"county": (40.0, 430.0)}))
    assert dialog.overlay is None and overlay.scene() is None
    assert not dialog.apply_button.isEnabled()
    assert dialog.error.text() == "The scenario changed after this run: run again to see its design."
    run(qtbot, dialog)
    assert dialog.overlay is not None and dialog.apply_button.isEnabled() and dialog.error.isHidden()
    overlay = dialog.overlay
    dialog.close()  # closing clears the canvas
    assert overlay.scene() is None and overlay.tags.scene() is None


def test_apply_adds_one_undoable_scenario_and_compare_shows_before_and_after(win, qtbot, monkeypatch):
    asked = []

    def answer(parent, title, label, text=""):
        asked.append(text)
        return "优化方案", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    doc = win.document
    dialog = open_dialog(win)
    run(qtbot, dialog)
    assert dialog.compact_mode  # a laptop's window: shrunk beside the difference (tests/ui/test_optimize_compact.py)
    qtbot.mouseClick(dialog.compact.panel.details_button, Qt.MouseButton.LeftButton)  # the full dialog's Apply
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert asked == ["Optimised design"]  # the default name offered
    assert doc.project.scenario_names() == ["各自建仓", "优化方案", "空白"]
    new = doc.scenario
    assert new.name == "优化方案"
    assert sorted(new.capabilities.ids()) == ["wh_east"]
    assert new.flows["fs"].source == "east" and new.flows["fs"].capability == "wh_east"
    assert "ft" not in new.flows.ids()  # standalone: no flow
    assert [f for f in new.flows if f.target == "county" and f.capability == "wh_east"]  # the need met by a new flow
    qtbot.waitUntil(lambda: not dialog.isVisible())
    compare = win.analysis_panel.pages["compare"]
    assert win.analysis_panel.current_tab() == "compare"
    assert (compare.combo_a.currentText(), compare.combo_b.currentText()) == ("各自建仓", "优化方案")
    qtbot.waitUntil(lambda: compare.comparison is not None and
                    compare.model.rowCount() > 0 and compare.sides["a"].result is not None
                    and compare.sides["b"].result is not None, timeout=RUN_MS)
    keys = compare.model.values("key")
    assert "cost_sharing.total_cost" in keys and "resilience.service_level" in keys
    shapley = [k for k in keys if k.startswith("cost_sharing.shapley.")]
    assert shapley, keys  # the fair shares of the partners, before and after
    row = compare.model.rows[keys.index(shapley[0])]
    a_res, b_res = compare.sides["a"].result, compare.sides["b"].result
    pid = shapley[0].rsplit(".", 1)[1]
    assert row["a"] == a_res.cost_sharing.shapley.get(pid) and row["b"] == b_res.cost_sharing.shapley.get(pid)
    assert row["label"].startswith("Fair share (Shapley): ")
    top = compare.table.indexAt(compare.table.viewport().rect().topLeft())
    assert top.data(Qt.ItemDataRole.ToolTipRole) == "cost_sharing.total_cost"  # the cost figures in view first
    # one undo step removes it
    win.actions.edit_undo.trigger()
    assert doc.project.scenario_names() == ["各自建仓", "空白"]
    win.actions.edit_redo.trigger()
    assert doc.project.scenario_names() == ["各自建仓", "优化方案", "空白"]


def test_apply_cancelled_at_the_name_adds_nothing(win, qtbot):
    dialog = open_dialog(win)
    run(qtbot, dialog)
    assert dialog.apply() is None  # the conftest's input dialog answers Cancel
    assert win.document.project.scenario_names() == ["各自建仓", "空白"]
    assert dialog.isVisible() and dialog.overlay is not None


def slow_design(calls):
    """An optimiser that never finishes by itself: reports progress until cancelled."""

    def fake(scenario, options=None, *, progress=None, cancel=None):
        calls.append(options)
        for i in range(2000):
            if progress is not None:
                progress(min(0.9, i / 200))
            if cancel is not None and cancel():
                raise AnalysisCancelled("cancelled")
            time.sleep(0.01)
        raise AssertionError("not cancelled")

    return fake


def test_cancel_stops_a_long_run(win, qtbot, monkeypatch):
    import ecodesk.analysis.optimize as engine

    calls = []
    monkeypatch.setattr(engine, "optimize_design", slow_design(calls))
    dialog = open_dialog(win)
    assert dialog.run()
    assert dialog.cancel_button.isEnabled() and not dialog.run_button.isEnabled() and dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=RUN_MS)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.runner.running and dialog.run_button.isEnabled() and not dialog.progress.isVisible()
    assert dialog.error.text() == "Cancelled: the design shown (if any) is from the previous run."
    assert dialog.result is None and dialog.overlay is None and not dialog.apply_button.isEnabled()
    assert len(calls) == 1


def test_an_edit_during_the_run_makes_its_result_stale(win, qtbot, monkeypatch):
    import ecodesk.analysis.optimize as engine

    real = engine.optimize_design

    def late(scenario, options=None, *, progress=None, cancel=None):
        time.sleep(0.3)
        return real(scenario, options)

    monkeypatch.setattr(engine, "optimize_design", late)
    dialog = open_dialog(win)
    with qtbot.waitSignal(dialog.result_shown, timeout=RUN_MS):
        assert dialog.run()
        win.document.push(MoveEntities(win.document.scenario, {"county": (40.0, 430.0)}))
    assert dialog.result is not None and dialog.stale
    assert dialog.overlay is None and not dialog.apply_button.isEnabled()
    assert dialog.error.text() == "The scenario changed after this run: run again to see its design."


def test_infeasible_shows_the_reason_in_the_ui_language(win, qtbot):
    from ecodesk.ui.i18n import install_language

    dialog = open_dialog(win)
    dialog.picker.toggle("wh_south", KEEP)
    dialog.budget.setText("100")
    run(qtbot, dialog)
    r = dialog.result
    assert r.status == "infeasible" and r.reason is not None
    view = dialog.result_view
    assert view.headline.text() == f"No design meets the constraints. {r.reason[0]}"
    assert view.values["status"].text() == "Infeasible" and view.values["savings"].text() == "—"
    assert not dialog.apply_button.isEnabled() and dialog.overlay is None
    install_language("zh")  # the dialog follows a live switch of language: the reason too
    qtbot.waitUntil(lambda: dialog.result_view.headline.text().endswith(r.reason[1]))
    assert r.reason[1] != r.reason[0]
    run(qtbot, dialog)
    assert dialog.result_view.headline.text().endswith(r.reason[1])


def test_keep_and_exclude_from_the_canvas_selection(win, qtbot):
    doc = win.document
    s = doc.scenario
    assert selected_capabilities(s, [s.entities["south"], s.flows["ft"], s.capabilities["wh_east"]]) == \
        ["wh_south", "trade", "wh_east"]
    dialog = open_dialog(win)
    doc.set_selection(["south"])  # an owner: its capabilities
    qtbot.mouseClick(dialog.keep_sel, Qt.MouseButton.LeftButton)
    assert dialog.picker.keep() == ("wh_south",)
    doc.set_selection(["fe"])  # a capability flow: its capability
    qtbot.mouseClick(dialog.exclude_sel, Qt.MouseButton.LeftButton)
    assert dialog.picker.exclude() == ("wh_east",)
    dialog.picker.toggle("wh_east", KEEP)  # keep and exclude cannot both hold
    assert dialog.picker.state("wh_east") == "keep" and dialog.picker.exclude() == ()
    dialog.picker.toggle("wh_east", EXCLUDE)
    assert dialog.picker.state("wh_east") == "exclude"
    run(qtbot, dialog)
    assert dialog.result.keep == ("wh_south",) and "wh_east" in dialog.result.close
    assert dialog.overlay.marked_ids("closed") == ["trade", "wh_east"]
    doc.set_selection([])
    assert dialog.use_canvas_selection("keep") == 0
    assert dialog.error.text() == "Select entities (their capabilities) or capabilities on the canvas first."
    qtbot.mouseClick(dialog.clear_marks, Qt.MouseButton.LeftButton)
    assert dialog.picker.keep() == () and dialog.picker.exclude() == ()


def test_budget_typed_as_planners_type_money_and_bad_budgets_refused(win, qtbot):
    dialog = open_dialog(win)
    for text, value in (("", None), ("1万", 10_000.0), ("1.2M", 1_200_000.0), ("3,000", 3000.0)):
        dialog.budget.setText(text)
        assert dialog.options().budget == value
    dialog.budget.clear()
    type_text(dialog.budget, "很多")
    assert not dialog.run() and not dialog.runner.running
    assert dialog.error.text() == "The budget “很多” is not an amount: type a number such as 500000, 50万 or 2M."
    assert dialog.error.isVisible()
    dialog.budget.setText("-5万")
    assert not dialog.run() and not dialog.runner.running
    assert dialog.error.text() == "The budget must not be negative (got -50000)."  # the engine's sentence
    assert dialog.budget.text() == "-5万"  # what the user typed stays
    from ecodesk.ui.i18n import install_language

    install_language("zh")
    assert not dialog.run()
    assert dialog.error.text() == "预算不能为负数（当前为 -50000）。"
    assert parse_budget("2k", str) == 2000.0


def test_a_switch_of_scenario_clears_the_result(win, qtbot):
    dialog = open_dialog(win)
    run(qtbot, dialog)
    win.controller.scenarios.step(1)
    assert dialog.result is None and dialog.overlay is None and not dialog.apply_button.isEnabled()
    assert dialog.windowTitle() == "Optimise Design — 空白" and dialog.picker.ids() == []


def test_the_s2b2b_template_closes_a_duplicated_warehouse(qtbot):
    from ecodesk.templates import load_template
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow

    project = load_template("s2b2b_appliance")
    w = MainWindow(Document(project))
    qtbot.addWidget(w)
    w.show()
    w.controller.scenarios.switch(project.scenarios[-1])
    dialog = open_dialog(w)
    run(qtbot, dialog)
    r = dialog.result
    warehouses = [c.id for c in w.document.scenario.capabilities if c.category == "仓储"]
    assert r.status == "optimal" and r.savings > 0
    closed = [c for c in r.close if c in warehouses]
    assert closed and dialog.overlay.marked_ids("closed") == list(r.close)
    assert dialog.result_view.values["savings"].text().endswith(" CNY")


def test_helper_scenario_is_a_duplicated_capability_case():
    s = duplicated_scenario()
    assert {c.category for c in s.capabilities if c.id.startswith("wh_")} == {"仓储"}


def test_escape_closes_the_dialog_and_clears_the_canvas(win, qtbot):
    dialog = open_dialog(win)
    run(qtbot, dialog)
    overlay = dialog.overlay
    assert overlay.scene() is win.canvas.canvas_scene
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert overlay.scene() is None and overlay.tags.scene() is None
    win.actions.plan_optimize.trigger()  # a fresh dialog, without the old result
    fresh = [d for d in win.findChildren(OptimizeDialog) if d.isVisible()]
    assert len(fresh) == 1 and fresh[0] is not dialog and fresh[0].result is None


def test_another_project_closes_the_dialog(win, qtbot):
    dialog = open_dialog(win)
    run(qtbot, dialog)
    overlay = dialog.overlay
    assert win.controller.new_blank()
    assert not dialog.isVisible() and overlay.scene() is None
