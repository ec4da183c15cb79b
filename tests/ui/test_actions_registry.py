"""The action registry: every action declared once has its text and tip in English and
Chinese, sits in the menus it names, keeps its shortcut, and is enabled by its rule."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QToolBar, QWidget

from ecodesk.ui.action_specs import ITEMS, MENUS, ActionSpec, ActionState, FamilySpec, HookSpec, MenuSpec
from ecodesk.ui.actions import Actions
from ecodesk.ui.i18n import install_language

SPECS = [s for s in ITEMS if isinstance(s, ActionSpec)]


def _menu_names(menu) -> list[str]:
    return [a.menu().objectName() if a.menu() else a.objectName() for a in menu.actions() if not a.isSeparator()]


def test_every_action_has_text_and_tip_in_english_and_chinese(window):
    en = {s.name: (window.actions.all[s.name].text(), window.actions.all[s.name].statusTip()) for s in SPECS}
    install_language("zh")
    QApplication.processEvents()  # LanguageChange reaches the window
    for spec in SPECS:
        action = window.actions.all[spec.name]
        text, tip = action.text(), action.statusTip()
        assert text and tip and action.toolTip(), spec.name
        assert text != en[spec.name][0], f"{spec.name}: no Chinese text for {spec.text!r} ({spec.context})"
        assert tip != en[spec.name][1], f"{spec.name}: no Chinese tip for {spec.tip!r} ({spec.context})"
    titles = [m.title() for m in window.actions.menus.values()]
    assert all(t and not t.isascii() for t in titles), titles  # every menu title translated
    for kinds in (window.actions.entity_kinds, window.actions.flow_visible, window.actions.color_modes):
        assert all(a.text() and not a.text().isascii() for a in kinds.values())


def test_every_action_sits_in_the_menus_it_names(window):
    menus = window.actions.menus
    assert [menus[m.path] for m in MENUS] == [a.menu() for a in window.menuBar().actions()]
    for spec in SPECS:
        for path in spec.menu:
            assert spec.name in _menu_names(menus[path.lstrip("-")]), (spec.name, path)
    assert _menu_names(window.file_menu) == [
        "file_new", "file_new_template", "file_open", "recent_menu", "file_save", "file_save_as", "file_import",
        "file_import_csv", "file_import_tables", "file_export", "file_export_image", "file_export_report", "file_export_slides", "file_merge", "file_compare", "file_close",
        "file_quit"]
    assert _menu_names(window.scenario_menu)[-7:] == [
        "scenario_new", "scenario_from_current", "scenario_duplicate", "scenario_rename", "scenario_delete",
        "scenario_show_changes", "analyze_compare"]
    assert [a.objectName() for a in window.flow_kinds_menu.actions()] == [
        f"show_flow_{k}" for k in window.actions.flow_visible]


def test_toolbar_and_shortcuts_are_as_before(window):
    names = [a.objectName() or ("|" if a.isSeparator() else "widget") for a in window.toolbar.actions()]
    assert names == ["file_new", "file_open", "file_save", "|", "edit_undo", "edit_redo", "|", "tool_select",
                     "tool_entity", "tool_flow", "edit_delete", "|", "view_zoom_in", "view_zoom_out", "view_fit",
                     "layout_layered", "|", "widget", "widget", "|", "analyze_run"]
    keys = {name: window.actions.all[name].shortcut().toString() for name in window.actions.all}
    assert keys["file_new_template"] == "Ctrl+Shift+N" and keys["edit_rename"] == "F2"
    assert keys["insert_entity"] == "Ctrl+E" and keys["scenario_next"] == "Ctrl+PgDown"
    assert keys["file_import"] == "Ctrl+I" and keys["view_prev_pane"] == "Shift+F6"
    assert window.actions.file_close.shortcuts() == (QKeySequence.keyBindings(QKeySequence.StandardKey.Close)
                                                     or [QKeySequence("Ctrl+W")])
    assert set(window.actions.all.values()) <= set(QWidget.actions(window))  # shortcuts work without the menu bar


def test_enablement_follows_the_selection(window):
    a, doc = window.actions, window.document

    def enabled(*names):
        return [a.all[n].isEnabled() for n in names]

    names = ("edit_cut", "edit_delete", "edit_rename", "align_left", "distribute_vertical", "analyze_what_if")
    doc.set_selection([])
    assert enabled(*names) == [False, False, False, False, False, False]
    doc.set_selection(["f1"])  # a flow: deletable, nothing else
    assert enabled(*names) == [False, True, False, False, False, False]
    doc.set_selection(["e1"])
    assert enabled(*names) == [True, True, True, False, False, True]
    doc.set_selection(["e1", "e2"])
    assert enabled(*names) == [True, True, False, True, False, False]
    doc.set_selection(["e1", "e2", "e3"])
    assert enabled(*names) == [True, True, False, True, True, False]
    assert a.scenario_delete.isEnabled() and a.scenario_next.isEnabled()
    a.scenario_delete.trigger()
    assert not a.scenario_delete.isEnabled() and not a.scenario_next.isEnabled()


def test_the_registry_builds_menus_toolbar_and_slots_from_declarations(qtbot):
    """A registry over a bare window and a few declarations: the builder alone."""
    window = QMainWindow()
    qtbot.addWidget(window)
    window.calls = []
    specs = (
        ActionSpec("one", "&Undo", "Undo the last edit", shortcut="Ctrl+1", menu=("m",), toolbar=1,
                   slot=lambda w: w.calls.append("one")),
        MenuSpec("m/sub", "&Edit", "sub_menu", separator=True),
        HookSpec("m/sub", "extra"),
        ActionSpec("two", "&Redo", "Redo the edit just undone", checkable=True, menu=("-m",), toolbar=12,
                   toggled=lambda w, on: w.calls.append(("two", on)), enabled=lambda s: s.entities >= 2),
    )
    fam = FamilySpec("things", "thing_", ("a", "b"), lambda v: v.upper(), menu="m/sub",
                     slot=lambda w, v: w.calls.append(v))
    import ecodesk.ui.actions as actions_module

    actions_module.MENUS, saved = (MenuSpec("m", "&File", "m_menu"),), actions_module.MENUS
    try:
        reg = Actions(window, specs, (fam,))
        menus = reg.build_menus(window.menuBar(), {"extra": lambda menu: menu.addAction("hooked")})
    finally:
        actions_module.MENUS = saved
    assert [a.text() if not a.isSeparator() else "|" for a in menus["m"].actions()] == ["&Undo", "|", "&Edit", "|",
                                                                                       "&Redo"]
    assert [a.text() for a in menus["m/sub"].actions()] == ["A", "B", "hooked"]
    assert menus["m"].objectName() == "m_menu" and menus["m/sub"].title() == "&Edit"
    tb = QToolBar(window)
    reg.build_toolbar(tb, {5: lambda t: t.addAction("w")})
    assert [a.objectName() or a.text() or "|" for a in tb.actions()] == ["one", "w", "|", "two"]
    reg.one.trigger()
    reg.two.setChecked(True)
    reg.things["b"].trigger()
    assert window.calls == ["one", ("two", True), "b"]
    reg.update_enabled(ActionState(entities=1))
    assert not reg.two.isEnabled() and reg.one.isEnabled()
    assert reg.one.toolTip() == f"{reg.one.text().replace('&', '')} (Ctrl+1)\nUndo the last edit"
    install_language("zh")
    reg.retranslate()
    assert reg.one.text() == QCoreApplication.translate("Actions", "&Undo") != "&Undo"
    assert menus["m"].title() == QCoreApplication.translate("MainWindow", "&File") != "&File"


def test_cancel_is_enabled_while_an_analysis_runs_after_the_panel_was_built_late(window, qtbot, monkeypatch):
    import time

    from ecodesk.ui.panels import worker

    def slow(snapshot, settings):
        def work(progress, cancel):
            while not cancel():
                time.sleep(0.005)
            raise RuntimeError("stopped")

        return work

    monkeypatch.setattr(worker, "full_analysis", slow)
    qtbot.waitUntil(lambda: window.analysis_dock.widget() is not None)  # built after the first paint
    cancel = window.actions.analyze_cancel
    assert not cancel.isEnabled()
    window.actions.analyze_run.trigger()
    assert window.analysis_panel.channel.running and cancel.isEnabled()
    cancel.trigger()
    assert not window.analysis_panel.channel.running and not cancel.isEnabled()
    qtbot.waitUntil(lambda: not worker._LIVE)
