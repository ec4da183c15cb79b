"""Scenario menu and toolbar switcher: switch, new, duplicate, rename, delete — all undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from ecodesk.commands import MoveEntities


def test_switcher_combo_shows_and_switches_scenarios(window, qtbot):
    combo, doc = window.scenario_combo, window.document
    assert [combo.itemText(i) for i in range(combo.count())] == ["网络生态 2.0", "线性供应链 1.0"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # keyboard: the next scenario
    assert doc.scenario.name == "线性供应链 1.0"
    assert window.tables.page("entities").model.rowCount() == 0
    assert window.counts_label.text() == "0 entities · 0 flows"
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)  # Scenario ▸ Previous
    assert doc.scenario.name == "网络生态 2.0"
    assert combo.currentText() == "网络生态 2.0"
    assert window.tables.page("entities").model.rowCount() == 7


def test_switch_menu_lists_scenarios(window):
    window.switch_menu.aboutToShow.emit()
    texts = [a.text() for a in window.switch_menu.actions()]
    assert texts == ["&1  网络生态 2.0", "&2  线性供应链 1.0"]
    window.switch_menu.actions()[1].trigger()
    assert window.document.scenario.name == "线性供应链 1.0"


def test_new_scenario_is_blank_shown_and_undoable(window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("与银行结盟", True)))
    window.actions.scenario_new.trigger()
    doc = window.document
    assert doc.project.scenario_names() == ["网络生态 2.0", "与银行结盟", "线性供应链 1.0"]
    assert doc.scenario.name == "与银行结盟" and len(doc.scenario.entities) == 0
    assert window.scenario_combo.currentText() == "与银行结盟"
    assert window.actions.edit_undo.text() == "&Undo Add scenario '与银行结盟'"
    window.actions.edit_undo.trigger()
    assert doc.project.scenario_names() == ["网络生态 2.0", "线性供应链 1.0"]
    assert window.scenario_combo.count() == 2
    window.actions.edit_redo.trigger()
    assert "与银行结盟" in doc.project.scenario_names()


def test_duplicate_scenario_copies_everything_and_undoes(window):
    doc = window.document
    original = doc.scenario
    window.actions.scenario_duplicate.trigger()
    copy = doc.scenario
    assert copy is not original and copy.name == "网络生态 2.0 (copy)"
    assert all(list(a.ids()) == list(b.ids()) for a, b in zip(copy.collections().values(),
                                                               original.collections().values()))
    doc.push(MoveEntities(copy, {"e1": (500.0, 500.0)}))
    assert original.entities["e1"].x == 0.0  # the copy is independent
    window.undo()
    window.undo()
    assert doc.project.scenario_names() == ["网络生态 2.0", "线性供应链 1.0"]


def test_rename_scenario_and_undo(window, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("网络生态 3.0", True)))
    window.actions.scenario_rename.trigger()
    assert window.document.scenario.name == "网络生态 3.0"
    assert window.scenario_combo.itemText(0) == "网络生态 3.0"
    window.undo()
    assert window.document.scenario.name == "网络生态 2.0"
    assert window.scenario_combo.itemText(0) == "网络生态 2.0"


def test_rename_to_a_taken_name_is_refused_with_the_model_sentence(window, boxes):
    assert not window.controller.scenarios.rename("线性供应链 1.0")
    assert "already the name of another scenario" in boxes.shown[-1][1]
    assert window.document.project.scenario_names() == ["网络生态 2.0", "线性供应链 1.0"]


def test_delete_scenario_and_undo_restores_it_in_place(window):
    doc = window.document
    window.actions.scenario_delete.trigger()
    assert doc.project.scenario_names() == ["线性供应链 1.0"]
    assert doc.scenario.name == "线性供应链 1.0"
    assert not window.actions.scenario_delete.isEnabled()  # the last one stays
    window.undo()
    assert doc.project.scenario_names() == ["网络生态 2.0", "线性供应链 1.0"]
    assert len(doc.project.scenario("网络生态 2.0").entities) == 7


def test_undo_shows_the_scenario_it_changes(window):
    doc = window.document
    doc.push(MoveEntities(doc.scenario, {"e1": (9.0, 9.0)}))
    window.controller.scenarios.step(1)
    assert doc.scenario.name == "线性供应链 1.0"
    window.undo()
    assert doc.scenario.name == "网络生态 2.0"
    assert doc.scenario.entities["e1"].x == 0.0
