"""Scenarios with the analysis panel: new from the current one, duplicate, rename and delete
(all undoable) from the Scenario menu; results follow the shown scenario (and are reused
when switching back); the Compare tab picks up new, renamed and deleted scenarios."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from tests.ui.panel_helpers import open_window, project_of, wait_current


def test_scenario_new_from_current_copies_it_under_a_new_name_and_undoes(qtbot, monkeypatch):
    w = open_window(qtbot, project_of("sensor_reuse"))
    doc = w.document
    base = doc.scenario
    asked = []

    def answer(parent, title, label, text=""):
        asked.append(text)
        return "与芯片厂结盟", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    act = w.analysis_menus.from_current
    assert act in w.scenario_menu.actions()
    act.trigger()
    assert asked == [f"{base.name} – variant"]
    new = doc.scenario
    assert new.name == "与芯片厂结盟" and new is not base
    assert list(new.entities.ids()) == list(base.entities.ids())
    assert w.actions.edit_undo.text() == f"&Undo Duplicate scenario '{base.name}'"
    w.undo()
    assert doc.project.scenario_names() == [base.name]


def test_scenario_switch_shows_that_scenarios_results_and_reuses_them(qtbot):
    w = open_window(qtbot, project_of("s2b2b_appliance"))
    panel, doc = w.analysis_panel, w.document
    a, b = doc.project.scenarios
    ra = wait_current(qtbot, panel)
    assert ra.scenario_name == a.name
    doc.set_scenario(b)
    assert panel.channel.result is None or panel.channel.result.scenario_name == b.name  # never A's
    rb = wait_current(qtbot, panel)
    assert rb.scenario_name == b.name
    doc.set_scenario(a)
    assert panel.channel.result is ra and not panel.channel.stale  # from the cache, at once


def test_scenario_rename_duplicate_delete_reach_the_compare_tab(qtbot, monkeypatch):
    w = open_window(qtbot, project_of("s2b2b_appliance"))
    panel, doc = w.analysis_panel, w.document
    compare = panel.show_tab("compare")

    def names():
        return [compare.combo_a.itemText(i) for i in range(compare.combo_a.count())]

    assert names() == doc.project.scenario_names()
    w.controller.scenarios.duplicate()
    assert names() == doc.project.scenario_names() and len(names()) == 3
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("2.1 平台+金融", True)))
    w.actions.scenario_rename.trigger()
    assert "2.1 平台+金融" in names()
    compare.choose(doc.project.scenario_names()[0], "2.1 平台+金融")
    qtbot.waitUntil(lambda: compare.comparison is not None and compare.comparison["b"] == "2.1 平台+金融",
                    timeout=30_000)
    assert compare.model.headerData(2, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == \
        "2.1 平台+金融"
    w.actions.scenario_delete.trigger()
    assert "2.1 平台+金融" not in names() and len(names()) == 2
    w.undo()
    assert "2.1 平台+金融" in names()
    w.undo()  # the rename
    w.undo()  # the duplicate
    assert names() == doc.project.scenario_names() and len(names()) == 2
