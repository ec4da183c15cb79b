"""The Views dock: add, update, go to, rename, delete, move and notes — each one undo step —
orphan views marked, and Go To restoring scenario, colour mode, hidden kinds, tab and area."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from ecodesk.commands.views import set_view_notes
from ecodesk.model import FlowKind
from ecodesk.model.views import View
from ecodesk.ui.views_apply import visible_rect
from ecodesk.ui.views_model import MIME_VIEW, OrphanRole, drop_index
from tests.ui.mw_helpers import sample_project
from tests.ui.panel_helpers import open_window

BASE, OTHER = "网络生态 2.0", "线性供应链 1.0"


@pytest.fixture
def w(qtbot):
    window = open_window(qtbot, sample_project(), (1366, 768))
    dock = window.views_panel.parentWidget()
    dock.show()
    dock.raise_()
    QApplication.processEvents()
    return window


def titles(w) -> list[str]:
    return [v.title for v in w.document.project.views]


def add(w, n: int) -> list[View]:
    return [w.views_panel.add_current() for _ in range(n)]


def test_dock_is_registered_with_a_view_menu_toggle(w):
    dock = w.views_panel.parentWidget()
    assert dock.objectName() == "views_dock"
    assert dock.toggleViewAction() in w.panels_menu.actions()
    assert dock.windowTitle() == "Views"
    dock.toggleViewAction().trigger()
    assert not dock.isVisible()


def test_add_captures_the_current_view_in_one_undo_step(w, qtbot):
    panel = w.analysis_panel
    w.panes.show_analysis().show_tab("cost")
    panel.set_color_mode("ecosystem")
    w.canvas.set_flow_kind_visible("money", False)
    w.canvas.set_flow_kind_visible("data", False)
    QApplication.processEvents()
    before = len(w.document.history)
    view = w.views_panel.add_current()
    assert len(w.document.history) == before + 1
    assert w.document.history.undo_text() == "Add view 'View 1'"
    assert (view.id, view.title, view.scenario, view.color_mode, view.panel, view.text) == \
        ("view1", "View 1", BASE, "ecosystem", "cost", "")
    assert view.hidden_kinds == (FlowKind.DATA, FlowKind.MONEY)
    r = w.canvas.mapToScene(w.canvas.viewport().rect()).boundingRect()
    assert view.rect == pytest.approx((r.x(), r.y(), r.width(), r.height()), abs=0.01)
    assert w.views_panel.selected_id() == "view1"
    w.undo()
    assert w.document.project.views == []


def test_add_button_opens_the_new_title_for_typing(w, qtbot):
    w.views_panel.add_button.click()
    editor = w.views_panel.list.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible() and editor.text() == "View 1"
    QTest.keyClicks(editor, "Start")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(w) == ["Start"])
    assert [c.text for c in w.document.history.commands] == ["Add view 'View 1'", "Rename view 'View 1' to 'Start'"]


def test_hidden_analysis_panel_gives_no_tab(w):
    w.analysis_dock.hide()
    QApplication.processEvents()
    assert w.views_panel.add_current().panel is None


def test_update_recaptures_keeping_title_and_notes(w):
    (v,) = add(w, 1)
    w.views_panel.notes.setPlainText("remember the hub")
    w.document.history.break_merge()
    w.controller.scenarios.switch(OTHER)
    w.analysis_panel.set_color_mode("ecosystem")
    assert w.views_panel.update_selected()
    new = w.document.project.view(v.id)
    assert (new.title, new.text, new.scenario, new.color_mode) == ("View 1", "remember the hub", OTHER, "ecosystem")
    assert w.document.history.undo_text() == "Update view 'View 1'"
    w.undo()
    assert w.document.project.view(v.id).scenario == BASE


def test_go_to_restores_scenario_colours_kinds_tab_and_rect(w, qtbot):
    w.canvas.set_zoom(1.6)
    w.canvas.centerOn(-300, -100)
    w.analysis_panel.set_color_mode("ecosystem")
    w.canvas.set_flow_kind_visible("goods", False)
    w.panes.show_analysis().show_tab("resilience")
    QApplication.processEvents()
    (saved,) = add(w, 1)
    # change everything
    w.controller.scenarios.switch(OTHER)
    w.analysis_panel.set_color_mode("kind")
    w.canvas.set_flow_kind_visible("goods", True)
    w.canvas.set_flow_kind_visible("credit", False)
    w.analysis_panel.show_tab("overview")
    w.canvas.fit_all()
    steps = len(w.document.history)
    w.controller.scenarios.switch(BASE)
    w.canvas.fit_all()
    assert w.views_panel.go_to_selected()
    qtbot.wait(20)  # the deferred fit into the settled viewport
    assert w.document.scenario.name == BASE
    assert w.analysis_panel.color_mode == "ecosystem"
    assert w.registry.color_modes["ecosystem"].isChecked()
    assert not w.canvas.is_flow_kind_visible("goods") and w.canvas.is_flow_kind_visible("credit")
    assert not w.registry.flow_visible["goods"].isChecked()
    assert w.analysis_panel.current_tab() == "resilience"
    x, y, width, height = visible_rect(w.canvas)
    sx, sy, sw, sh = saved.rect
    assert abs((x + width / 2) - (sx + sw / 2)) < 0.05 * sw and abs((y + height / 2) - (sy + sh / 2)) < 0.05 * sh
    assert w.canvas.zoom == pytest.approx(1.6, rel=0.05)
    assert len(w.document.history) == steps  # going to a view is no edit


def test_go_to_switches_scenario_from_another_one(w, qtbot):
    add(w, 1)
    w.controller.scenarios.switch(OTHER)
    index = w.views_panel.model.index(0)
    rect = w.views_panel.list.visualRect(index)
    viewport = w.views_panel.list.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # (Qt's double click follows a click)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert w.document.scenario.name == BASE


def test_rename_in_place_is_one_step(w, qtbot):
    add(w, 2)
    panel = w.views_panel
    panel.select_view("view2")
    panel.rename_selected()
    editor = panel.list.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "View 2"
    editor.selectAll()
    QTest.keyClicks(editor, "Who pays")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(w)[1] != "View 2")  # the delegate commits on the next turn
    assert titles(w) == ["View 1", "Who pays"]
    assert w.document.history.undo_text() == "Rename view 'View 2' to 'Who pays'"
    w.undo()
    assert titles(w) == ["View 1", "View 2"]


def test_delete_and_undo_put_it_back_in_place(w):
    add(w, 3)
    panel = w.views_panel
    panel.select_view("view2")
    assert panel.delete_selected()
    assert [v.id for v in w.document.project.views] == ["view1", "view3"]
    assert panel.selected_id() == "view3"
    assert w.document.history.undo_text() == "Delete view 'View 2'"
    w.undo()
    assert [v.id for v in w.document.project.views] == ["view1", "view2", "view3"]


def test_delete_key_in_the_list(w):
    add(w, 2)
    w.views_panel.list.setFocus()
    QTest.keyClick(w.views_panel.list, Qt.Key.Key_Delete)
    assert [v.id for v in w.document.project.views] == ["view1"]


def test_move_up_and_down_buttons(w):
    add(w, 3)
    panel = w.views_panel
    panel.select_view("view3")
    assert not panel.down_button.isEnabled() and panel.up_button.isEnabled()
    panel.up_button.click()
    assert [v.id for v in w.document.project.views] == ["view1", "view3", "view2"]
    assert panel.selected_id() == "view3"
    assert w.document.history.undo_text() == "Move view 'View 3'"
    panel.up_button.click()
    assert [v.id for v in w.document.project.views] == ["view3", "view1", "view2"]
    assert not panel.up_button.isEnabled()
    w.undo()
    assert [v.id for v in w.document.project.views] == ["view1", "view3", "view2"]


@pytest.mark.parametrize(("source", "row", "expected"), [(0, 3, 2), (0, -1, 2), (2, 0, 0), (1, 1, 1), (0, 2, 1)])
def test_drop_index(source, row, expected):
    assert drop_index(source, row, 3) == expected


def test_drag_reorder_is_one_move_command(w):
    add(w, 3)
    model = w.views_panel.model
    data = model.mimeData([model.index(0)])
    assert data.hasFormat(MIME_VIEW)
    steps = len(w.document.history)
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert [v.id for v in w.document.project.views] == ["view2", "view3", "view1"]
    assert len(w.document.history) == steps + 1
    assert not model.dropMimeData(QMimeData(), Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not model.removeRows(0, 1)  # the view does not take the dragged row away
    assert len(w.document.project.views) == 3


def test_notes_typing_is_one_undo_step(w):
    add(w, 1)
    notes = w.views_panel.notes
    notes.setFocus()
    QTest.keyClicks(notes, "Say it")
    assert w.document.project.view("view1").text == "Say it"
    assert w.document.history.undo_text() == "Edit the notes of view 'View 1'"
    steps = len(w.document.history)
    w.views_panel.list.setFocus()  # the notes lose the focus: the next typing is a new step
    notes.setFocus()
    QTest.keyClicks(notes, "!")
    assert len(w.document.history) == steps + 1
    w.undo()
    assert notes.toPlainText() == "Say it"
    w.undo()
    assert notes.toPlainText() == "" and w.document.project.view("view1").text == ""


def test_orphan_view_is_marked_and_go_to_says_so(w):
    w.document.project.add_view(View("old", "Old plan", "Deleted scenario", (0, 0, 500, 400)))
    panel = w.views_panel
    model = panel.model
    index = model.index(0)
    assert model.data(index) == "1. Old plan  ·  Deleted scenario (scenario deleted)"
    assert model.data(index, OrphanRole) is True
    grey = QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color() == grey
    panel.select_view("old")
    assert not panel.goto_button.isEnabled()
    scenario = w.document.scenario
    assert not panel.go_to_selected()
    assert w.document.scenario is scenario
    assert w.statusBar().currentMessage() == "The scenario “Deleted scenario” of view “Old plan” was deleted"


def test_deleting_the_scenario_marks_its_views_and_undo_unmarks(w):
    add(w, 1)
    w.controller.scenarios.switch(OTHER)
    add(w, 1)
    model = w.views_panel.model
    w.controller.scenarios.delete()
    assert model.data(model.index(1), OrphanRole) is True
    assert model.data(model.index(0), OrphanRole) is False
    w.undo()
    assert model.data(model.index(1), OrphanRole) is False


def test_orphan_text_in_chinese(w):
    from ecodesk.ui.i18n import install_language

    w.document.project.add_view(View("old", "旧方案", "已删", (0, 0, 500, 400)))
    install_language("zh")
    QApplication.processEvents()
    if QCoreApplication.translate("ViewListModel", "(scenario deleted)") == "(scenario deleted)":
        pytest.skip("the Chinese texts of the Views dock are not in the .qm yet (TRANSLATIONS18.md)")
    assert w.views_panel.model.data(w.views_panel.model.index(0)) == "1. 旧方案  ·  已删 （情景已删除）"
    assert w.views_panel.add_button.text().replace("&", "").startswith("添加当前视图")


def test_views_follow_a_newly_opened_document(w):
    add(w, 2)
    w.controller.new_blank()
    assert w.views_panel.model.rowCount() == 0
    assert w.views_panel.add_current().scenario == w.document.scenario.name


def test_click_selects_and_shows_notes(w):
    add(w, 2)
    w.document.history.push(set_view_notes(w.document.project, "view1", "first notes"))
    lv = w.views_panel.list
    QTest.mouseClick(lv.viewport(), Qt.MouseButton.LeftButton, pos=lv.visualRect(lv.model().index(0)).center())
    assert w.views_panel.notes.toPlainText() == "first notes"
    QTest.mouseClick(lv.viewport(), Qt.MouseButton.LeftButton, pos=lv.visualRect(lv.model().index(1)).center())
    assert w.views_panel.notes.toPlainText() == ""


def test_hidden_on_a_project_without_views_shown_behind_the_inspector_with_views(qtbot):
    plain = open_window(qtbot, sample_project(), (1366, 768))
    dock = plain.views_panel.parentWidget()
    assert dock.isHidden()  # no tab bar eating the inspector's last lines on a laptop
    project = sample_project()
    project.add_view(View("v1", "Slide", BASE))
    with_views = open_window(qtbot, project, (1366, 768))
    dock = with_views.views_panel.parentWidget()
    QApplication.processEvents()
    assert not dock.isHidden()
    assert with_views.tabifiedDockWidgets(with_views.inspector_dock) == [dock]
    assert not with_views.inspector_dock.visibleRegion().isEmpty()  # the inspector stays in front
    assert dock.visibleRegion().isEmpty()
