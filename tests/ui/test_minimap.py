"""The minimap: shown for big diagrams (or ones that do not fit), hidden for small ones that
do; View → Minimap remembered; a click centres the canvas there; a pan never redraws its
picture, an edit does (once, debounced)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QApplication

from ecodesk.model import Entity
from ecodesk.ui.canvas.minimap import AUTO_ENTITIES
from tests.ui.canvas_helpers import big_scenario, make_view


def centre(view) -> QPointF:
    return view.mapToScene(view.viewport().rect().center())


def test_shown_for_a_big_diagram_hidden_for_a_small_one_that_fits(qtbot):
    small = make_view(qtbot)
    assert len(small.canvas_scene.entity_items) < AUTO_ENTITIES
    assert not small.minimap.isVisible()
    small.set_zoom(3.0)  # the diagram no longer fits the view: the minimap comes
    QApplication.processEvents()
    assert small.minimap.isVisible()
    small.fit_all()
    QApplication.processEvents()
    assert not small.minimap.isVisible()
    big = make_view(qtbot, big_scenario(300, 600))
    qtbot.waitUntil(big.minimap.isVisible, timeout=2000)
    mm, vp = big.minimap, big.viewport().geometry()
    assert vp.contains(mm.geometry())
    assert not mm.geometry().intersects(big.legend.geometry())  # clear of the legend
    big.minimap.set_wanted(False)
    assert not big.minimap.isVisible()


def test_it_keeps_clear_of_the_legend_and_the_focus_bar(qtbot):
    view = make_view(qtbot, big_scenario(300, 600), size=(900, 600))
    qtbot.waitUntil(view.minimap.isVisible, timeout=2000)
    mm = view.minimap
    view.legend.move(mm.pos())  # the legend lands on the minimap: it moves away
    QApplication.processEvents()
    assert not mm.geometry().intersects(view.legend.geometry())
    view.select_ids(["e1"])
    view.focus.apply()
    QApplication.processEvents()
    for other in (view.legend, view.focus.bar):
        assert not mm.geometry().intersects(other.geometry())


def test_a_click_centres_the_view_there_and_a_pan_does_not_redraw_the_picture(qtbot):
    view = make_view(qtbot, big_scenario(400, 800))
    qtbot.waitUntil(view.minimap.isVisible, timeout=2000)
    view.set_zoom(1.0)
    mm = view.minimap
    qtbot.waitUntil(lambda: not mm.pending, timeout=2000)
    mm.repaint()
    built = mm.rebuilds
    assert built >= 1
    target_px = QPoint(mm.width() // 4, mm.height() // 3)
    target = mm.scene_point(QPointF(target_px))
    qtbot.mouseClick(mm, Qt.MouseButton.LeftButton, pos=target_px)
    QApplication.processEvents()
    c = centre(view)
    px = mm.scene_point(QPointF(1, 0)).x() - mm.scene_point(QPointF(0, 0)).x()  # a minimap pixel
    tolerance = px + 2.0 / view.zoom
    assert abs(c.x() - target.x()) <= tolerance and abs(c.y() - target.y()) <= tolerance, (c, target)
    # a drag pans on
    qtbot.mousePress(mm, Qt.MouseButton.LeftButton, pos=target_px)
    qtbot.mouseMove(mm, QPoint(mm.width() // 2, mm.height() // 2))
    qtbot.mouseRelease(mm, Qt.MouseButton.LeftButton, pos=QPoint(mm.width() // 2, mm.height() // 2))
    c2 = centre(view)
    t2 = mm.scene_point(QPointF(mm.width() // 2, mm.height() // 2))
    assert abs(c2.x() - t2.x()) <= tolerance and abs(c2.y() - t2.y()) <= tolerance
    # pans (minimap and scroll bars) and repaints never redraw the picture
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 200)
    mm.repaint()
    assert mm.rebuilds == built
    # hiding a flow kind or a colour mode does (at the next frame)
    view.set_flow_kind_visible("goods", False)
    qtbot.waitUntil(lambda: mm.rebuilds == built + 1, timeout=2000)
    view.set_color_overrides({"e1": "#ff0000"})
    qtbot.waitUntil(lambda: mm.rebuilds == built + 2, timeout=2000)
    built = mm.rebuilds
    # an edit does, once the burst is over
    s = view.document.scenario
    for i in range(5):
        s.add(Entity(f"x{i}", "X", "user", x=100.0 * i, y=-500))
    assert mm.rebuilds == built  # not yet: debounced
    qtbot.waitUntil(lambda: mm.rebuilds > built, timeout=3000)
    qtbot.wait(400)
    mm.repaint()
    assert mm.rebuilds == built + 1  # five edits, one rebuild


def test_the_view_menu_toggle_is_remembered(qtbot, window):
    from ecodesk.ui.mainwindow import MainWindow
    from ecodesk.ui.settings import Settings

    w = window
    act = w.actions.view_minimap
    assert act.isCheckable() and act.isChecked() and w.canvas.minimap.wanted
    act.trigger()
    assert not w.canvas.minimap.wanted and Settings().show_minimap is False
    w2 = MainWindow()
    qtbot.addWidget(w2)
    assert not w2.actions.view_minimap.isChecked() and not w2.canvas.minimap.wanted


def test_folds_into_a_tab_on_a_small_canvas_and_opens_on_a_click(qtbot):
    view = make_view(qtbot, big_scenario(300, 600), size=(520, 380))
    qtbot.waitUntil(view.minimap.isVisible, timeout=2000)
    mm = view.minimap
    assert mm.folded and mm.height() < 40
    qtbot.mouseClick(mm, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not mm.folded and mm.height() >= 80
    qtbot.mouseClick(mm, Qt.MouseButton.LeftButton, pos=QPoint(mm.width() - 8, 8))  # the fold box
    assert mm.folded


def test_notes_widen_the_extent_and_show_in_their_paper_colour(qtbot):
    from ecodesk.model import Annotation

    view = make_view(qtbot, big_scenario(300, 600))
    qtbot.waitUntil(view.minimap.isVisible, timeout=2000)
    mm = view.minimap
    qtbot.waitUntil(lambda: not mm.pending, timeout=2000)
    mm.repaint()
    before = QRectF(mm._world)
    s = view.document.scenario
    far_x = before.right() + 3000.0
    s.add(Annotation("n1", "far away", x=far_x, y=before.center().y() - 300, width=800, height=600,
                     color="#c9e4ff"))
    qtbot.waitUntil(lambda: mm._world.right() > far_x + 700, timeout=3000)  # the note's edit rebuilds it
    assert mm._world.left() == pytest.approx(before.left(), abs=200)
    qtbot.waitUntil(lambda: not mm.pending, timeout=2000)
    mm.repaint()
    image = mm._pixmap.toImage()
    dpr = mm._pixmap.devicePixelRatio()
    middle = mm.widget_point(QPointF(far_x + 400, before.center().y())) * dpr
    assert image.pixelColor(int(middle.x()), int(middle.y())).name() == "#c9e4ff"
    left_of = mm.widget_point(QPointF(far_x - 600, before.center().y())) * dpr
    assert image.pixelColor(int(left_of.x()), int(left_of.y())).name() != "#c9e4ff"
    # a note without a colour: the default yellow; a moved note moves in the picture
    s.replace(Annotation("n1", "far away", x=far_x, y=before.center().y() - 300, width=800, height=600))
    built = mm.rebuilds
    qtbot.waitUntil(lambda: mm.rebuilds > built or (not mm.pending and mm._key is None), timeout=3000)
    qtbot.waitUntil(lambda: not mm.pending, timeout=2000)
    mm.repaint()
    image = mm._pixmap.toImage()
    assert image.pixelColor(int(middle.x()), int(middle.y())).name() == "#fff1a8"
