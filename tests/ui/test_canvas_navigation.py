"""Canvas navigation and looks: find, zoom (wheel, keys, fit, selection), pan, level of
detail, Chinese labels, and screenshots for people to look at."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from ecodesk.model import Entity, Scenario
from tests.ui.canvas_helpers import SENSOR, entity_pos, make_view, non_background_pixels, sample_scenario, vpos


def wheel(view, pos: QPoint, steps: int = 1) -> None:
    vp = view.viewport()
    ev = QWheelEvent(
        QPointF(pos),
        QPointF(vp.mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(vp, ev)


def one_entity(name: str = SENSOR) -> Scenario:
    s = Scenario("One")
    s.bulk_load({"entities": [Entity("s", name, "supplier")]})
    return s


def test_find_selects_and_centres(qtbot):
    view = make_view(qtbot)
    view.set_zoom(2.0)
    view.centerOn(600, 400)
    hits = view.find("传感器")
    assert hits == ["s2"]
    assert view.document.selection == ["s2"]
    centre = view.mapToScene(view.viewport().rect().center())
    s2 = view.canvas_scene.entity_items["s2"]
    assert (centre - s2.sceneBoundingRect().center()).manhattanLength() < 3
    assert view.find("fleet") == ["u2"]  # case-insensitive, also ids
    assert view.find("P1") == ["p1"]
    assert view.find("nothing like this") == [] and view.document.selection == ["p1"]
    many = view.find("商")
    assert set(many) >= {"s1", "sv1", "c1", "c2"}
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for i in many:
        assert visible.contains(view.canvas_scene.entity_items[i].pos())


def test_wheel_zooms_about_the_pointer(qtbot):
    view = make_view(qtbot)
    zooms = []
    view.zoom_changed.connect(zooms.append)
    z0 = view.zoom
    pos = entity_pos(view, "c1")
    under = view.mapToScene(pos)
    wheel(view, pos, 1)
    assert view.zoom > z0 and zooms == [view.zoom]
    assert (view.mapFromScene(under) - pos).manhattanLength() <= 2
    wheel(view, pos, -2)
    assert view.zoom < z0
    assert (view.mapFromScene(under) - pos).manhattanLength() <= 2


def test_zoom_keys_fit_and_zoom_to_selection(qtbot):
    view = make_view(qtbot)
    view.setFocus()
    view.zoom_reset()
    assert view.zoom == 1.0
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert abs(view.zoom - 1.25) < 1e-9
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert abs(view.zoom - 0.8) < 1e-9
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.zoom == 1.0
    view.fit_all()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.canvas_scene.entity_items.values():
        assert visible.contains(item.sceneBoundingRect())
    assert view.zoom <= 1.0
    view.document.set_selection(["u1"])
    view.zoom_to_selection()
    assert view.zoom == 2.0
    centre = view.mapToScene(view.viewport().rect().center())
    assert (centre - view.canvas_scene.entity_items["u1"].sceneBoundingRect().center()).manhattanLength() < 12


def test_pan_with_middle_button_and_space_drag(qtbot):
    view = make_view(qtbot)
    view.set_zoom(2.0)
    vp = view.viewport()
    depth = len(view.document.history)
    h0, v0 = view.horizontalScrollBar().value(), view.verticalScrollBar().value()
    start = entity_pos(view, "p1")
    qtbot.mousePress(vp, Qt.MouseButton.MiddleButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(-60, -40))
    qtbot.mouseRelease(vp, Qt.MouseButton.MiddleButton, pos=start + QPoint(-60, -40))
    assert (view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == (h0 + 60, v0 + 40)
    # Space + left drag pans too, even on an entity, and moves nothing
    view.setFocus()
    qtbot.keyPress(view, Qt.Key.Key_Space)
    start = entity_pos(view, "p1")
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(30, 0))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(30, 0))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.horizontalScrollBar().value() == h0 + 30
    assert len(view.document.history) == depth
    # and the pan tool
    view.set_tool("pan")
    start = vpos(view, 0, 0)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(0, 25))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 25))
    assert view.verticalScrollBar().value() == v0 + 15
    assert len(view.document.history) == depth


def _label_ink(view, entity_id="s") -> int:
    view.canvas_scene.flush_pending()
    img = view.grab().toImage()
    item = view.canvas_scene.entity_items[entity_id]
    rect = view.mapFromScene(item.mapToScene(item.label_rect())).boundingRect()
    dpr = img.devicePixelRatio()
    rect = QRect(int(rect.left() * dpr), int(rect.top() * dpr), int(rect.width() * dpr), int(rect.height() * dpr))
    return non_background_pixels(img, rect, QColor(view.canvas_scene.theme.background))


def test_chinese_name_wraps_and_renders(qtbot):
    view = make_view(qtbot, one_entity())
    view.zoom_reset()
    view.centerOn(0, 0)
    item = view.canvas_scene.entity_items["s"]
    assert item.label_lines() == ["智能传感器", "研发中心"]
    ink = _label_ink(view)
    assert ink > 120  # strokes of nine characters, not an empty chip


def test_level_of_detail_keeps_a_fitting_name_readable_when_zoomed_out(qtbot):
    view = make_view(qtbot, one_entity("Alpha Beta Gamma Delta"))
    view.show_grid = False
    view.set_zoom(0.6)
    view.centerOn(0, 0)
    assert _label_ink(view) > 20
    view.set_zoom(0.3)
    view.centerOn(0, 0)
    # the item no longer draws its (scaled, unreadable) label; the zoomed-out names draw it
    # at its on-screen size, below the shape, since nothing else needs the room
    assert view.zoomed_labels.readable_ids() == ["s"]
    item = view.canvas_scene.entity_items["s"]
    below = view.mapFromScene(QPointF(0, item.shape_rect().bottom()))
    img = view.grab().toImage()
    assert non_background_pixels(img, QRect(below.x() - 60, below.y() + 3, 120, 12),
                                 QColor(view.canvas_scene.theme.background)) > 60
    # flows become hairlines when zoomed out: still drawn
    view2 = make_view(qtbot)
    view2.set_zoom(0.2)
    img = view2.grab().toImage()
    assert non_background_pixels(img, img.rect(), QColor(view2.canvas_scene.theme.background)) > 500


def test_render_to_image_exports_the_whole_diagram(qtbot):
    view = make_view(qtbot)
    view.document.set_selection(["p1"])
    img = view.render_to_image(800, 500)
    assert (img.width(), img.height()) == (800, 500)
    assert non_background_pixels(img, img.rect(), QColor(view.canvas_scene.theme.background)) > 20000
    assert view.document.selection == ["p1"]  # selection marks are left out, not lost
    assert view.canvas_scene.entity_items["p1"].isSelected()


def _nontrivial(img: QImage) -> int:
    colours = set()
    for y in range(0, img.height(), 7):
        for x in range(0, img.width(), 7):
            colours.add(img.pixel(x, y))
    return len(colours)


def test_screenshot_light(qtbot, tmp_path):
    view = make_view(qtbot, sample_scenario(), size=(1280, 820))
    view.set_language("zh_CN")
    view.fit_all()
    path = tmp_path / "canvas_light.png"
    assert view.grab().save(str(path))
    img = QImage(str(path))
    assert img.width() >= 1280 and _nontrivial(img) > 150
    assert path.stat().st_size > 30_000


def test_screenshot_zoomed_out(qtbot, tmp_path):
    view = make_view(qtbot, sample_scenario(), size=(1280, 820))
    view.set_zoom(0.25)
    view.centerOn(0, 100)
    path = tmp_path / "canvas_zoomed_out.png"
    assert view.grab().save(str(path))
    img = QImage(str(path))
    assert _nontrivial(img) > 40
    dark = make_view(qtbot, sample_scenario(), size=(1280, 820))
    dark.set_theme("dark")
    path = tmp_path / "canvas_dark.png"
    assert dark.grab().save(str(path))
    assert QImage(str(path)).pixelColor(640, 5).lightness() < 80


def test_overview_drops_arrowheads_and_legend_toggles_flow_kinds(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    f = sc.flow_items["f1"]
    view.set_zoom(1.0)
    assert sc.detail == 0 and f.head.isVisible() and f.shaft.pen().widthF() == f.width
    view.set_zoom(0.3)
    assert sc.detail == 1 and f.head.isVisible() and f.shaft.pen().isCosmetic()
    view.set_zoom(0.1)
    assert sc.detail == 2 and not f.head.isVisible()
    view.set_zoom(1.0)
    assert sc.detail == 0 and f.head.isVisible()
    # a click on the legend's "Data" row hides data flows; a second shows them again
    legend = view.legend
    assert legend.isVisible()
    row = next(r for r, e in legend._rows if e.flow_kind is not None and e.flow_kind.value == "data")
    qtbot.mouseClick(legend, Qt.MouseButton.LeftButton, pos=row.center().toPoint())
    assert not sc.flow_items["f3"].isVisible()
    row = next(r for r, e in legend._rows if e.flow_kind is not None and e.flow_kind.value == "data")
    qtbot.mouseClick(legend, Qt.MouseButton.LeftButton, pos=row.center().toPoint())
    assert sc.flow_items["f3"].isVisible()
    view.set_language("zh")
    assert "商品" in [e.label for sec in view.legend_sections() for e in sec.entries]
