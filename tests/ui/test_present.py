"""The presentation mode: F5 opens full screen, keys move through the slides, every slide
shows its scenario, colours, flow filter and live analysis tab, the laser pointer follows
the mouse, nothing is edited, and Esc gives the window back exactly as it was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ecodesk.model import FlowKind
from ecodesk.model.views import View
from ecodesk.ui.canvas.legend import legend_size
from ecodesk.ui.present import PresentWindow, font_scale
from ecodesk.ui.views_apply import visible_rect
from tests.ui.mw_helpers import sample_project
from tests.ui.panel_helpers import open_window

BASE, OTHER = "网络生态 2.0", "线性供应链 1.0"


def slides_project():
    p = sample_project()
    p.add_view(View("v1", "The whole picture", BASE, (-700, -300, 1400, 700)))
    p.add_view(View("v2", "Who is critical", BASE, (-350, -200, 500, 400), "criticality", (FlowKind.DATA,),
                    "resilience", "say: the platform"))
    p.add_view(View("v3", "The other chain", OTHER, (0, 0, 600, 400), "ecosystem", (), None))
    p.add_view(View("v4", "Old plan", "Gone", (0, 0, 600, 400), panel="cost"))
    return p


@pytest.fixture
def w(qtbot):
    window = open_window(qtbot, slides_project(), (1366, 768))
    window.finish_startup()
    yield window
    show = getattr(window, "presentation", None)
    if show is not None:
        show.close()


def start(w, qtbot) -> PresentWindow:
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow)
    QTest.keyClick(w, Qt.Key.Key_F5)
    show = w.presentation
    assert isinstance(show, PresentWindow)
    qtbot.waitExposed(show)
    return show


def press(show: PresentWindow, key: Qt.Key) -> None:
    QTest.keyClick(show, key)


def move(show: PresentWindow, widget: QWidget, pos: QPoint) -> None:
    """The mouse moves over ``widget`` of the presentation (through its window, as a real mouse)."""
    QTest.mouseMove(show.windowHandle(), widget.mapTo(show, pos))


def test_f5_opens_full_screen_on_the_first_slide(w, qtbot):
    show = start(w, qtbot)
    assert show.isFullScreen()
    assert show.index == 0 and show.title.text() == "The whole picture"
    assert show.number.text() == "1 / 4"
    assert w.registry.all["view_present"].shortcut().toString() == "F5"
    assert show.canvas is w.canvas and show.canvas.window() is show  # the real canvas, borrowed
    assert not show.panel.isVisible()  # this view names no tab
    assert w.centralWidget() is None


def test_keys_move_through_the_slides(w, qtbot):
    show = start(w, qtbot)
    for key, index in ((Qt.Key.Key_Right, 1), (Qt.Key.Key_Space, 2), (Qt.Key.Key_PageDown, 3),
                       (Qt.Key.Key_PageDown, 3), (Qt.Key.Key_PageUp, 2), (Qt.Key.Key_Left, 1),
                       (Qt.Key.Key_Backspace, 0), (Qt.Key.Key_Up, 0), (Qt.Key.Key_End, 3), (Qt.Key.Key_Home, 0),
                       (Qt.Key.Key_Down, 1), (Qt.Key.Key_Return, 2)):
        press(show, key)
        assert show.index == index, key
    assert show.number.text() == "3 / 4"


def test_keys_reach_the_presentation_from_any_widget_on_it(w, qtbot):
    show = start(w, qtbot)
    QTest.keyClick(w.canvas.viewport(), Qt.Key.Key_PageDown)
    assert show.index == 1
    w.document.set_selection(["e2"])
    QTest.keyClick(w.canvas, Qt.Key.Key_Delete)  # no edit while presenting
    assert len(w.document.scenario.entities) == 7 and w.document.history.index == 0
    QTest.keyClick(w.analysis_panel.tabs, Qt.Key.Key_PageDown)
    assert show.index == 2


def test_a_slide_shows_its_view_with_the_live_analysis_tab(w, qtbot):
    w.analysis_panel.set_auto(False)  # not analysed yet, and nothing would run by itself
    assert w.analysis_panel.channel.result is None
    show = start(w, qtbot)
    press(show, Qt.Key.Key_Right)
    panel = w.analysis_panel
    assert show.title.text() == "Who is critical"
    assert w.document.scenario.name == BASE
    assert panel.color_mode == "criticality"
    assert not w.canvas.is_flow_kind_visible("data") and w.canvas.is_flow_kind_visible("goods")
    assert panel.isVisible() and panel.window() is show  # the real panel, not a picture
    assert panel.current_tab() == "resilience"
    assert panel.header.isHidden() and panel.tabs.tabBar().isHidden()
    qtbot.waitUntil(lambda: panel.channel.result is not None and not panel.channel.stale, timeout=30_000)
    qtbot.waitUntil(lambda: panel.resilience.result is panel.channel.result, timeout=5000)
    # the view's rectangle fills the canvas: its centre is the canvas's, and it just fits
    qtbot.wait(20)
    x, y, width, height = visible_rect(w.canvas)
    assert abs(x + width / 2 - (-100)) < 25 and abs(y + height / 2 - 0) < 25
    assert min(width / 500, height / 400) == pytest.approx(1.0, abs=0.05)
    # the colours come from the result (criticality): some entity is coloured off the kind colours
    assert w.canvas.canvas_scene.color_overrides


def test_fonts_are_larger_and_given_back(w, qtbot):
    panel = w.analysis_panel
    label = panel.state_label
    before = {id(x): x.font().pointSizeF() for x in panel.findChildren(QWidget)}
    show = start(w, qtbot)
    press(show, Qt.Key.Key_Right)
    assert font_scale(768) == pytest.approx(1.45) and font_scale(1080) > font_scale(768)
    grown = [x for x in panel.findChildren(QWidget) if id(x) in before
             and x.font().pointSizeF() > before[id(x)] * 1.15]
    assert len(grown) > 10
    assert show.title.font().pointSizeF() > 2.5 * before[id(label)]
    press(show, Qt.Key.Key_Escape)
    assert all(x.font().pointSizeF() == pytest.approx(before[id(x)]) for x in panel.findChildren(QWidget)
               if id(x) in before)


def test_orphan_slide_says_so(w, qtbot):
    show = start(w, qtbot)
    press(show, Qt.Key.Key_End)
    assert show.title.text() == "Old plan"
    assert show.orphan.isVisible()
    assert show.orphan.text().startswith("The scenario “Gone” of view “Old plan” was deleted")
    assert not w.canvas.isVisible() and not w.analysis_panel.isVisible()
    press(show, Qt.Key.Key_Left)
    assert w.canvas.isVisible() and not show.orphan.isVisible()
    assert w.document.scenario.name == OTHER and w.analysis_panel.color_mode == "ecosystem"


def test_esc_restores_the_window_exactly(w, qtbot):
    panel = w.panes.show_analysis()
    panel.show_tab("cost")
    panel.set_color_mode("ecosystem")
    w.canvas.set_flow_kind_visible("money", False)
    w.controller.scenarios.switch(OTHER)
    w.controller.scenarios.switch(BASE)
    w.document.set_selection(["e2"])
    w.canvas.set_zoom(1.3)
    w.canvas.horizontalScrollBar().setValue(w.canvas.horizontalScrollBar().value() + 37)
    w.inspector_dock.hide()
    QApplication.processEvents()
    scroll = (w.canvas.horizontalScrollBar().value(), w.canvas.verticalScrollBar().value())
    geometry = w.geometry()
    docks = {d.objectName(): d.isVisible() for d in (w.inspector_dock, w.tables_dock, w.palette_dock,
                                                     w.analysis_dock, w.views_panel.parentWidget())}
    show = start(w, qtbot)
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Right):
        press(show, key)
    press(show, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: getattr(w, "presentation", None) is None)
    QApplication.processEvents()
    assert w.centralWidget() is w.canvas and w.analysis_dock.widget() is panel
    assert w.document.scenario.name == BASE and w.document.selection == ["e2"]
    assert panel.color_mode == "ecosystem" and w.registry.color_modes["ecosystem"].isChecked()
    assert [k for k in FlowKind if not w.canvas.is_flow_kind_visible(k)] == [FlowKind.MONEY]
    assert panel.current_tab() == "cost"
    assert not panel.header.isHidden() and not panel.tabs.tabBar().isHidden()
    assert w.canvas.zoom == pytest.approx(1.3)
    assert (w.canvas.horizontalScrollBar().value(), w.canvas.verticalScrollBar().value()) == scroll
    assert w.canvas.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    assert {d.objectName(): d.isVisible() for d in (w.inspector_dock, w.tables_dock, w.palette_dock,
                                                    w.analysis_dock, w.views_panel.parentWidget())} == docks
    assert w.geometry() == geometry and not w.isFullScreen()
    assert w.document.history.index == 0  # presenting changed nothing in the project


def test_a_full_screen_window_stays_full_screen(w, qtbot):
    w.showFullScreen()
    QApplication.processEvents()
    show = start(w, qtbot)
    press(show, Qt.Key.Key_Escape)
    assert w.isFullScreen()


def test_laser_pointer_follows_the_mouse_and_toggles(w, qtbot):
    show = start(w, qtbot)
    laser = show.laser
    assert laser.enabled_ and not laser.dot_visible  # shown once the mouse moves
    viewport = w.canvas.viewport()
    move(show, viewport, QPoint(200, 150))
    assert laser.dot_visible
    assert laser.pos_ == viewport.mapTo(show, QPoint(200, 150))
    move(show, viewport, QPoint(260, 190))
    assert laser.pos_ == viewport.mapTo(show, QPoint(260, 190))
    assert laser.geometry() == show.rect()
    assert show.cursor().shape() == Qt.CursorShape.BlankCursor
    press(show, Qt.Key.Key_L)
    assert not laser.enabled_ and not laser.dot_visible
    assert show.cursor().shape() == Qt.CursorShape.ArrowCursor
    assert show.toast.text() == "Laser pointer off"
    move(show, viewport, QPoint(100, 100))
    assert not laser.dot_visible
    press(show, Qt.Key.Key_L)
    move(show, viewport, QPoint(120, 100))
    assert laser.dot_visible


def test_clicking_the_canvas_moves_on_and_edits_nothing(w, qtbot):
    show = start(w, qtbot)
    item = w.canvas.canvas_scene.entity_items["e1"]
    pos = w.canvas.mapFromScene(item.sceneBoundingRect().center())
    QTest.mouseClick(w.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert show.index == 1
    QTest.mouseClick(w.canvas.viewport(), Qt.MouseButton.RightButton, pos=pos)
    assert show.index == 0
    assert w.document.selection == [] and w.document.history.index == 0


def test_no_views_presents_the_current_view(qtbot):
    w = open_window(qtbot, sample_project(), (1366, 768))
    w.finish_startup()
    w.controller.scenarios.switch(OTHER)
    show = start(w, qtbot)
    try:
        assert len(show.slides) == 1 and show.number.text() == "1 / 1"
        assert show.title.text() == OTHER
        assert show.toast.isVisible() and show.toast.text() == "No saved views: showing the current view"
        assert w.statusBar().currentMessage() == "No saved views: showing the current view"
        press(show, Qt.Key.Key_Right)
        assert show.index == 0
    finally:
        show.close()
    assert w.presentation is None and w.document.project.views == []


def test_present_button_starts_at_the_selected_view(w, qtbot):
    w.views_panel.select_view("v3")
    show = w.views_panel.present()
    qtbot.waitExposed(show)
    assert show.index == 2 and show.title.text() == "The other chain"
    assert w.views_panel.present() is show  # one presentation at a time


def test_speaker_notes_window_follows_the_slides(w, qtbot):
    show = start(w, qtbot)
    assert show.notes is None  # one screen: no notes anywhere
    notes = show.show_notes_on(w.screen())  # as with a second screen
    qtbot.waitExposed(notes)
    assert notes.heading.text() == "1 / 4 · The whole picture"
    assert notes.notes.text() == "(No notes for this slide)" and notes.coming.text() == "Next: Who is critical"
    press(show, Qt.Key.Key_Right)
    assert notes.notes.text() == "say: the platform"
    assert "say: the platform" not in [x.text() for x in show.findChildren(QLabel)]  # not for the audience
    press(show, Qt.Key.Key_End)
    assert notes.coming.text() == "Last slide"
    press(show, Qt.Key.Key_Escape)
    assert show.notes is None


def test_the_tabs_editors_take_no_clicks_while_presenting(w, qtbot):
    from PySide6.QtWidgets import QPushButton

    w.document.project.replace_view(w.document.project.view("v1").evolve(panel="cost"))
    show = start(w, qtbot)
    page = w.analysis_panel.cost
    delete = next(b for b in page.findChildren(QPushButton) if b.text().replace("&", "") == "Delete Pool")
    assert delete.isVisible() and delete.isEnabled()
    QTest.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert len(w.document.scenario.pools) == 1 and w.document.history.index == 0
    assert show.index == 0


def test_minimap_and_focus_are_put_aside_while_presenting_and_come_back(w, qtbot):
    w.canvas.minimap.set_wanted(True)
    w.document.set_selection(["e2"])
    assert w.canvas.focus.apply(["e2"], 2)
    members = w.canvas.focus.members
    show = start(w, qtbot)
    assert not w.canvas.minimap.wanted  # the audience sees the view, not the minimap …
    assert not w.canvas.focus.active and not w.canvas.focus.bar.isVisible()  # … nor a dimmed canvas
    press(show, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: getattr(w, "presentation", None) is None)
    assert w.canvas.minimap.wanted
    assert w.canvas.focus.active and w.canvas.focus.seeds == ("e2",) and w.canvas.focus.steps == 2
    assert w.canvas.focus.members == members


def test_the_canvas_legend_grows_with_the_fonts_and_is_given_back(w, qtbot):
    legend = w.canvas.legend
    legend.user_collapsed = False  # open, to compare the full legend
    w.canvas.legend_overlay.place(may_move=True)
    QApplication.processEvents()
    full = legend.size_for(False)
    assert legend.scale == 1.0
    show = start(w, qtbot)
    scale = show.fonts.scale
    assert scale >= 1.2
    assert legend.scale == pytest.approx(scale)
    grown = legend.size_for(False)
    assert grown.width() >= full.width() * scale - 4 and grown.height() >= full.height() * scale - 4
    desk = legend_size(legend.title, legend.sections, legend.collapsed)  # as it is now, at the desktop size
    assert legend.size().width() > desk.width() * 1.15 and legend.size().height() > desk.height() * 1.15
    assert legend.size() == legend.sizeHint()  # the widget is painted at that size
    press(show, Qt.Key.Key_Escape)
    assert legend.scale == 1.0
    assert legend.size_for(False) == full and legend.size() == legend.sizeHint()
