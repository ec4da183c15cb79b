"""Main window: title and modified mark, Undo/Redo texts, menus, status bar, docks, keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from ecodesk.commands import MoveEntities
from ecodesk.ui.document import Document
from ecodesk.ui.mainwindow import MainWindow
from tests.ui.mw_helpers import menu_titles, sample_project, type_text


def test_title_and_modified_mark_follow_edits_and_save(window, qtbot, tmp_path):
    doc = window.document
    assert window.windowTitle() == "互供生态示例[*] — ecodesk"
    assert not window.isWindowModified()
    doc.push(MoveEntities(doc.scenario, {"e1": (10.0, 20.0)}))
    assert window.isWindowModified()
    assert "Unsaved" in window.saved_label.text()
    assert window.controller.save_as(tmp_path / "plan.ecodesk")
    assert not window.isWindowModified()
    assert window.saved_label.text() == "Saved"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo past the save
    assert window.isWindowModified()
    assert (doc.scenario.entities["e1"].x, doc.scenario.entities["e1"].y) == (0.0, 0.0)


def test_title_of_an_untitled_project_uses_the_file_name_after_save(qtbot, tmp_path):
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.windowTitle() == "Untitled[*] — ecodesk"
    w.controller.save_as(tmp_path / "alliance.ecodesk")
    assert w.windowTitle() == "alliance[*] — ecodesk"


def test_undo_redo_menu_texts_say_what_will_be_undone(window, qtbot):
    doc, a = window.document, window.actions
    assert a.edit_undo.text() == "&Undo" and not a.edit_undo.isEnabled()
    doc.push(MoveEntities(doc.scenario, {"e1": (1.0, 1.0), "e2": (2.0, 2.0), "e3": (3.0, 3.0)}))
    assert a.edit_undo.text() == "&Undo Move 3 entities"
    assert a.edit_undo.isEnabled() and not a.edit_redo.isEnabled()
    a.edit_undo.trigger()
    assert a.edit_redo.text() == "&Redo Move 3 entities"
    assert doc.scenario.entities["e2"].x == -260.0
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert doc.scenario.entities["e2"].x == 2.0
    assert a.edit_undo.text() == "&Undo Move 3 entities"


def test_menus_toolbar_and_status_bar(window):
    assert menu_titles(window) == ["File", "Edit", "View", "Insert", "Analyze", "Plan", "Scenario", "Help"]
    assert window.counts_label.text() == "7 entities · 9 flows"
    assert window.zoom_label.text().endswith("%")
    assert window.toolbar.isVisible()
    for action in window.actions.all.values():
        assert action.text(), action.objectName()
        assert action.statusTip(), action.objectName()
        assert action.toolTip(), action.objectName()


def test_status_bar_counts_follow_the_model(window, qtbot):
    window.controller.insert_object("entity")
    qtbot.waitUntil(lambda: window.counts_label.text() == "8 entities · 9 flows")
    window.undo()
    qtbot.waitUntil(lambda: window.counts_label.text() == "7 entities · 9 flows")


def test_dock_layout_is_restored_when_the_window_is_recreated(qtbot):
    w1 = MainWindow(Document(sample_project()))
    qtbot.addWidget(w1)
    w1.show()
    qtbot.waitExposed(w1)
    assert w1.dockWidgetArea(w1.tables_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    w1.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, w1.tables_dock)
    w1.palette_dock.hide()
    w1.close()
    w2 = MainWindow(Document(sample_project()))
    qtbot.addWidget(w2)
    w2.show()
    qtbot.waitExposed(w2)
    assert w2.dockWidgetArea(w2.tables_dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    assert not w2.palette_dock.isVisible()
    assert w2.inspector_dock.isVisible()
    assert all(isinstance(d, QDockWidget) and d.objectName() for d in (w2.tables_dock, w2.inspector_dock))


def test_keyboard_only_new_entity_named_from_the_inspector(window, qtbot):
    doc = window.document
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Insert ▸ New Entity
    new_id = doc.selection[0]
    assert new_id in doc.scenario.entities
    name_edit = window.inspector.editors["name"].editor
    assert QApplication.focusWidget() is name_edit
    type_text(name_edit, "物流联盟")
    assert doc.scenario.entities[new_id].name == "物流联盟"
    qtbot.keyClick(name_edit, Qt.Key.Key_Tab)  # Tab moves on to the next field
    assert QApplication.focusWidget() is window.inspector.editors["kind"].editor
    window.actions.edit_undo.trigger()  # the typing is one step …
    assert doc.scenario.entities[new_id].name == "New entity"
    window.actions.edit_undo.trigger()  # … and adding another
    assert new_id not in doc.scenario.entities


def test_f6_cycles_the_keyboard_focus_through_the_panes(window, qtbot):
    window.activateWindow()
    window.canvas.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F6)
        focus = QApplication.focusWidget()
        pane = next(p for p in ("canvas", "inspector", "tables", "palette_widget")
                    if getattr(window, p) is focus or getattr(window, p).isAncestorOf(focus))
        seen.append(pane)
    assert seen == ["inspector", "tables", "palette_widget", "canvas"]


def test_shortcuts_are_standard_keys(window):
    from PySide6.QtGui import QKeySequence

    a = window.actions
    for action, key in ((a.edit_undo, QKeySequence.StandardKey.Undo), (a.edit_redo, QKeySequence.StandardKey.Redo),
                        (a.edit_copy, QKeySequence.StandardKey.Copy), (a.edit_paste, QKeySequence.StandardKey.Paste),
                        (a.file_save, QKeySequence.StandardKey.Save), (a.edit_find, QKeySequence.StandardKey.Find),
                        (a.view_zoom_in, QKeySequence.StandardKey.ZoomIn),
                        (a.edit_select_all, QKeySequence.StandardKey.SelectAll)):
        assert action.shortcuts() == QKeySequence.keyBindings(key)


def test_select_all_and_delete_through_the_canvas_are_one_undo_step(window, qtbot):
    doc = window.document
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert set(doc.selection) >= set(doc.scenario.entities.ids())
    window.actions.edit_delete.trigger()
    assert len(doc.scenario.entities) == 0 and len(doc.scenario.flows) == 0
    window.actions.edit_undo.trigger()
    assert len(doc.scenario.entities) == 7 and len(doc.scenario.flows) == 9


def test_insert_menu_adds_each_kind_of_object_as_a_command(window):
    doc = window.document
    doc.set_selection(["e1"])
    before = len(doc.history)
    ids = {what: window.controller.insert_object(what) for what in ("ecosystem", "capability", "need", "pool")}
    s = doc.scenario
    assert ids["ecosystem"] in s.ecosystems and ids["capability"] in s.capabilities
    assert s.capabilities[ids["capability"]].owner == "e1"
    assert ids["need"] in s.needs and ids["pool"] in s.pools
    assert len(doc.history) == before + 4
    doc.set_selection(["e2", "e4"])
    flow_id = window.controller.insert_object("flow")
    assert (s.flows[flow_id].source, s.flows[flow_id].target) == ("e2", "e4")


def test_find_dialog_selects_the_matches(window, qtbot):
    window.actions.edit_find.trigger()
    dialog = window._find_dialog
    type_text(dialog.edit, "冷链")
    assert dialog.results.count() >= 2  # the entity, the ecosystem, the capability
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert "e3" in window.document.selection and "eco2" in window.document.selection
    dialog.close()


def test_run_analysis_shows_the_analysis_panel(window, qtbot):
    window.analysis_dock.hide()
    window.actions.analyze_run.trigger()
    panel = window.analysis_panel
    assert window.analysis_dock.isVisible()
    qtbot.waitUntil(lambda: panel.channel.result is not None and not panel.channel.stale, timeout=30000)
    panel.show_tab("overview")
    card = panel.overview.cards["total_savings"]
    assert card.raw == panel.channel.result.reuse.total_savings >= 0
    assert card.value.text().endswith("CNY")


def test_run_analysis_can_be_cancelled(window, qtbot, monkeypatch):
    import time

    from ecodesk.ui.panels import worker

    def slow(snapshot, settings):
        def work(progress, cancel):
            while not cancel():
                time.sleep(0.005)
            raise RuntimeError("stopped")

        return work

    monkeypatch.setattr(worker, "full_analysis", slow)
    panel = window.analysis_panel
    panel.set_auto(False)
    window.actions.analyze_run.trigger()
    assert panel.channel.running
    window.analysis_menus.cancel.trigger()
    assert not panel.channel.running
    assert window.statusBar().currentMessage() == "Analysis cancelled"
    qtbot.waitUntil(lambda: not worker._LIVE)
