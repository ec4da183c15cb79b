"""Plan → Optimise design… on a laptop: after a run the dialog shrinks to a compact panel in a
corner of the canvas so the difference stays visible; Details grows it back where it was;
Apply, Escape and Close work from the panel; on a large screen the full dialog opens beside
the canvas's centre. Also the placing functions on their own, and flow labels in the result."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QInputDialog

from ecodesk.commands import MoveEntities
from ecodesk.ui.dialogs.optimize_compact import (
    BESIDE_MINIMUM,
    EDGE,
    W_MARK,
    beside_rect,
    canvas_obstacles,
    centre_obstacle,
    compact_rect,
    viewport_rect,
)
from tests.ui.optimize_helpers import duplicated_project, open_dialog, run


def make_window(qtbot, width: int, height: int, project=None):
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow

    w = MainWindow(Document(project or duplicated_project()))
    qtbot.addWidget(w)
    w.resize(width, height)
    w.move(0, 0)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def laptop(qtbot):
    return make_window(qtbot, 1366, 768)


def canvas_centre(win) -> QPoint:
    return viewport_rect(win.canvas).center()


def global_marks(win, dialog) -> list[QRect]:
    """The difference's marks (tags and changed flows) on screen."""
    return [r for r, weight in canvas_obstacles(win.canvas, dialog.overlay) if weight == W_MARK]


def test_a_run_on_a_laptop_shrinks_the_dialog_beside_the_difference(laptop, qtbot):
    win = laptop
    dialog = open_dialog(win)
    full = dialog.geometry()
    assert dialog.frameGeometry().contains(canvas_centre(win))  # the problem: the full dialog hides the canvas
    assert not dialog.show_button.isEnabled()
    run(qtbot, dialog)
    assert dialog.compact_mode and dialog.isVisible()
    g, frame = dialog.geometry(), dialog.frameGeometry()
    assert g.width() <= 400 and g.height() <= 260, g
    assert not frame.contains(canvas_centre(win))
    canvas = viewport_rect(win.canvas)
    assert canvas.contains(frame)  # over a corner of the canvas, on its right or bottom edge
    assert frame.right() == canvas.right() - EDGE or frame.bottom() == canvas.bottom() - EDGE
    assert dialog.splitter.isHidden() and dialog.buttons.isHidden() and dialog.compact.panel.isVisible()
    panel = dialog.compact.panel
    assert panel.headline.text() == dialog.result_view.headline.text() == \
        "The least-cost design saves 1,860,500 CNY (55.4 % of the current cost)."
    # the legend counts what the canvas shows: trade and wh_south closed, fs and ft struck,
    # fs re-pointed and n_county new, ft standalone
    assert panel.legend["closed"].text() == "Closed capabilities: 2; flows that go away: 2"
    assert panel.legend["new"].text() == "New or re-pointed capability flows: 2"
    assert panel.legend["standalone"].text() == "Demands left standalone: 1"
    assert panel.apply_button.isEnabled() and panel.note.isHidden()
    # the difference is in the part of the canvas the panel leaves free, and no mark is under it
    assert dialog.compact.difference_in_view()
    marks = global_marks(win, dialog)
    assert marks and not [m for m in marks if m.intersects(frame)]
    # Details: the full dialog again, where it was
    qtbot.mouseClick(panel.details_button, Qt.MouseButton.LeftButton)
    assert not dialog.compact_mode and dialog.geometry() == full
    assert dialog.splitter.isVisible() and dialog.buttons.isVisible() and panel.isHidden()
    assert dialog.overlay is not None  # the difference stays
    # Show on Canvas: small again, at the same place
    assert dialog.show_button.isEnabled()
    qtbot.mouseClick(dialog.show_button, Qt.MouseButton.LeftButton)
    assert dialog.compact_mode and dialog.geometry() == g


def test_apply_from_the_compact_panel(laptop, qtbot, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("合并仓储", True)))
    win = laptop
    dialog = open_dialog(win)
    run(qtbot, dialog)
    overlay = dialog.overlay
    assert dialog.compact_mode
    qtbot.mouseClick(dialog.compact.panel.apply_button, Qt.MouseButton.LeftButton)
    assert win.document.project.scenario_names() == ["各自建仓", "合并仓储", "空白"]
    assert sorted(win.document.scenario.capabilities.ids()) == ["wh_east"]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert overlay.scene() is None and win.analysis_panel.current_tab() == "compare"


@pytest.mark.parametrize("how", ["escape", "close"])
def test_escape_or_close_in_the_compact_panel_clears_the_canvas(laptop, qtbot, how):
    dialog = open_dialog(laptop)
    run(qtbot, dialog)
    overlay = dialog.overlay
    assert dialog.compact_mode and overlay.scene() is laptop.canvas.canvas_scene
    if how == "escape":
        qtbot.keyClick(dialog.compact.panel.details_button, Qt.Key.Key_Escape)
    else:
        dialog.close()
    assert not dialog.isVisible()
    assert overlay.scene() is None and overlay.tags.scene() is None


def test_an_edit_makes_the_compact_panel_stale_and_a_switch_of_scenario_grows_it_back(laptop, qtbot):
    win = laptop
    dialog = open_dialog(win)
    run(qtbot, dialog)
    panel = dialog.compact.panel
    dialog.move(dialog.x() - 40, dialog.y())  # the user moves the panel a little
    left, bottom = dialog.x(), dialog.geometry().bottom()
    win.document.push(MoveEntities(win.document.scenario, {"county": (40.0, 430.0)}))
    assert dialog.compact_mode and dialog.overlay is None
    assert not panel.apply_button.isEnabled() and not panel.fit_button.isEnabled()
    assert panel.note.text() == "The scenario changed after this run: run again to see its design."
    assert not panel.note.isHidden() and panel.legend["closed"].isHidden()  # no marks to explain
    assert dialog.x() == left  # it stays where the user put it
    if dialog.geometry().center().y() > canvas_centre(win).y():
        assert dialog.geometry().bottom() == bottom
    assert dialog.height() >= dialog.layout().totalMinimumSize().height()  # its contents fit
    run(qtbot, dialog)  # a new run: fresh again
    assert panel.apply_button.isEnabled() and panel.note.isHidden() and not panel.legend["closed"].isHidden()
    win.controller.scenarios.step(1)
    assert not dialog.compact_mode and dialog.splitter.isVisible() and not dialog.show_button.isEnabled()


def test_fit_to_difference_moves_only_the_view(laptop, qtbot):
    win = laptop
    dialog = open_dialog(win)
    run(qtbot, dialog)
    view, doc = win.canvas, win.document
    view.set_zoom(2.5)
    view.centerOn(2000, 2000)  # far from the diagram
    assert not dialog.compact.difference_in_view()
    rev, index, modified = doc.scenario.revision, doc.history.index, doc.modified
    positions = {e.id: (e.x, e.y) for e in doc.scenario.entities}
    qtbot.mouseClick(dialog.compact.panel.fit_button, Qt.MouseButton.LeftButton)
    assert dialog.compact.difference_in_view()
    assert view.zoom < 2.5
    assert (doc.scenario.revision, doc.history.index, doc.modified) == (rev, index, modified)
    assert {e.id: (e.x, e.y) for e in doc.scenario.entities} == positions
    assert dialog.overlay is not None and dialog.apply_button.isEnabled()  # not stale


def test_on_a_large_screen_the_dialog_opens_beside_the_canvas(qtbot):
    from ecodesk.templates import load_template

    project = load_template("s2b2b_appliance")  # a diagram that fills the canvas
    win = make_window(qtbot, 1920, 1080, project)
    win.controller.scenarios.switch(project.scenarios[-1])
    user_zoom = win.canvas.zoom
    dialog = open_dialog(win)
    frame = dialog.frameGeometry()
    centre = centre_obstacle(viewport_rect(win.canvas))[0]
    assert not frame.intersects(centre)
    assert dialog.width() >= BESIDE_MINIMUM.width() and dialog.height() >= BESIDE_MINIMUM.height()
    run(qtbot, dialog)
    assert not dialog.compact_mode  # beside the canvas already: it stays full
    assert dialog.compact.difference_in_view()  # the canvas shows the difference where the dialog is not
    assert not [m for m in global_marks(win, dialog) if m.intersects(frame)]
    beside_zoom = win.canvas.zoom
    assert beside_zoom <= user_zoom
    # Show on Canvas: the view the dialog moved grows again into the room the panel leaves
    assert dialog.show_on_canvas() and dialog.compact_mode
    assert beside_zoom < win.canvas.zoom <= user_zoom
    assert dialog.compact.difference_in_view()
    assert not [m for m in global_marks(win, dialog) if m.intersects(dialog.frameGeometry())]


# placing, on its own --------------------------------------------------------------------
LAPTOP_CANVAS = QRect(198, 60, 820, 384)  # the canvas viewport of a 1366×768 window


def test_compact_rect_takes_the_corner_that_covers_least():
    size = QSize(360, 160)
    top_right = compact_rect(LAPTOP_CANVAS, size, [])
    assert top_right == QRect(LAPTOP_CANVAS.right() - EDGE - 359, LAPTOP_CANVAS.top() + EDGE, 360, 160)
    busy = [(QRect(900, 80, 60, 60), 3.0)]  # a mark in the top right corner
    bottom_right = compact_rect(LAPTOP_CANVAS, size, busy)
    assert bottom_right.topLeft() == QPoint(top_right.left(), LAPTOP_CANVAS.bottom() - EDGE - 159)
    busier = [*busy, (QRect(900, 300, 60, 60), 3.0)]  # both right corners taken: bottom left
    assert compact_rect(LAPTOP_CANVAS, size, busier).topLeft() == QPoint(LAPTOP_CANVAS.left() + EDGE,
                                                                         bottom_right.top())
    # with a title bar the top right frame would touch the centre: bottom right, frame inside the canvas
    framed = compact_rect(LAPTOP_CANVAS, size, [], QMargins(1, 30, 1, 1))
    assert framed.size() == size
    assert (framed.right(), framed.bottom()) == (LAPTOP_CANVAS.right() - EDGE - 1, LAPTOP_CANVAS.bottom() - EDGE - 1)
    narrower = compact_rect(LAPTOP_CANVAS, QSize(350, 160), [], QMargins(1, 30, 1, 1))  # clear of it: top right
    assert (narrower.top(), narrower.right()) == (LAPTOP_CANVAS.top() + EDGE + 30, LAPTOP_CANVAS.right() - EDGE - 1)
    for rect in (top_right, bottom_right, framed, narrower):
        assert not rect.contains(LAPTOP_CANVAS.center())


def test_beside_rect_only_where_there_is_room():
    assert beside_rect(QRect(0, 0, 1366, 768), LAPTOP_CANVAS, []) is None  # a laptop: no side has room
    canvas = QRect(198, 60, 1374, 696)  # a 1920×1080 window
    rect = beside_rect(QRect(0, 0, 1920, 1080), canvas, [], QMargins(2, 2, 2, 2))
    assert rect is not None and rect.width() >= 860 and rect.height() >= 560
    assert QRect(0, 0, 1920, 1080).contains(rect.marginsAdded(QMargins(2, 2, 2, 2)))
    assert not rect.marginsAdded(QMargins(2, 2, 2, 2)).intersects(centre_obstacle(canvas)[0])
    # the diagram below the centre: the dialog goes to a side rather than below
    below = [(QRect(300, 500, 1200, 250), 3.0)]
    rect = beside_rect(QRect(0, 0, 1920, 1080), canvas, below)
    assert rect is not None and rect.top() < 500 and (rect.left() > canvas.center().x() or
                                                      rect.right() < canvas.center().x())


# the result table -------------------------------------------------------------------------
def test_a_demand_shows_its_flow_label(qtbot):
    project = duplicated_project()
    s = project.scenarios[0]
    s.replace(replace(s.flows["fs"], label="华南门店补货"))
    win = make_window(qtbot, 1366, 768, project)
    dialog = open_dialog(win)
    run(qtbot, dialog)
    names = dict(zip(dialog.result_view.model.values("demand"), dialog.result_view.model.values("demand_name"),
                     strict=True))
    assert names == {"fs": "Flow fs (华南门店补货)", "ft": "Flow ft", "n_county": "Need n_county", "fe": "Flow fe"}


def test_the_compact_panel_follows_a_switch_of_language(laptop, qtbot):
    from ecodesk.ui.i18n import install_language

    dialog = open_dialog(laptop)
    run(qtbot, dialog)
    panel = dialog.compact.panel
    assert dialog.focusWidget() is panel.details_button  # not a hidden widget of the full dialog
    install_language("zh")
    qtbot.waitUntil(lambda: panel.headline.text().startswith("成本最低的设计可节省"))
    assert panel.headline.text() == dialog.result_view.headline.text()
    assert dialog.compact_mode and dialog.overlay is not None and panel.apply_button.isEnabled()
    assert not dialog.frameGeometry().contains(canvas_centre(laptop))
