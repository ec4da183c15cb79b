"""Main window start-up: the first paint shows the window with empty dock frames; the
inspector, the tables and the analysis panel are built right after it, or on first use, and
behave as if they had been there from the start."""

from __future__ import annotations

import subprocess
import sys

from ecodesk.ui.document import Document
from ecodesk.ui.mainwindow import MainWindow
from tests.ui.mw_helpers import find_action, sample_project


def test_dock_contents_are_built_after_the_first_paint(qtbot):
    w = MainWindow(Document(sample_project()))
    qtbot.addWidget(w)
    docks = (w.inspector_dock, w.tables_dock, w.analysis_dock)
    assert all(d.widget() is None and d.objectName() for d in docks)  # frames only, named for restoreState
    w.show()
    qtbot.waitUntil(lambda: all(d.widget() is not None for d in docks))
    assert (w.inspector_dock.widget(), w.tables_dock.widget(), w.analysis_dock.widget()) == \
        (w.inspector, w.tables, w.analysis_panel)
    assert find_action(w.analyze_menu, "analyze_auto") is w.analysis_menus.auto  # the panel's menu entries
    assert find_action(w.scenario_menu, "scenario_from_current") is w.analysis_menus.from_current
    assert w.analysis_dock.windowTitle() == "Analysis"


def test_parts_built_on_first_use_show_the_current_selection(qtbot):
    w = MainWindow(Document(sample_project()))
    qtbot.addWidget(w)
    w.document.set_selection(["e2"])  # before the inspector and the tables exist
    assert "传感器公司" in w.inspector.title.text()
    assert w.inspector.editors["name"].editor.text() == "传感器公司"
    assert w.tables.page("entities").selected_ids() == ["e2"]


def test_the_canvas_menu_offers_what_if_before_the_panel_is_built(qtbot):
    w = MainWindow(Document(sample_project()))
    qtbot.addWidget(w)
    item = w.canvas.canvas_scene.entity_items["e2"]
    for _ in range(2):  # built by the first menu; the second has the entry once, from the panel
        names = [a.objectName() for a in w.canvas.build_context_menu(item).actions()]
        assert names.count("what_if_action") == 1
    assert w.analysis_dock.widget() is w.analysis_panel


def test_importing_the_window_leaves_canvas_panels_and_store_for_later():
    code = ("import sys, ecodesk.ui.mainwindow; print(sorted(m for m in sys.modules if m.startswith(("
            "'ecodesk.ui.panels', 'ecodesk.ui.inspector', 'ecodesk.ui.tables', 'ecodesk.ui.canvas', 'ecodesk.store', "
            "'ecodesk.analysis', 'ecodesk.io', 'pyqtgraph', 'numpy', 'networkx', 'scipy'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"
