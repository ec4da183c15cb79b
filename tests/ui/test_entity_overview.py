"""The entity overview (ecodesk/ui/canvas/entity_overview.py): at the overview zoom the plain
entities are drawn in batches by one item, their own items draw nothing but are still hit,
hovered, selected and dragged; what must draw itself does; the pixels are those of the items'
own drawing; exports show every entity."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QGraphicsItem

from ecodesk.commands import AddObject, ChangeObject, MoveEntities
from ecodesk.model import EntityKind
from ecodesk.ui.canvas import entity_overview
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.export import ImageExporter
from ecodesk.ui.canvas.style import entity_base_color
from tests.ui.canvas_helpers import big_scenario, drag, make_view

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
FILLS = np.array([[c.red(), c.green(), c.blue()] for c in map(entity_base_color, EntityKind)])


def pixels(view) -> np.ndarray:
    QApplication.processEvents()
    img = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.width(), 4)[..., :3].astype(int)


def coloured(px: np.ndarray, tol: int = 30) -> int:
    """Pixels within ``tol`` of an entity kind's fill."""
    d = np.abs(px[:, :, None, :] - FILLS[None, None]).max(axis=3).min(axis=2)
    return int((d <= tol).sum())


def items_drawing(view) -> np.ndarray:
    """The same frame with every entity item drawing itself (the batch off)."""
    ov = view.canvas_scene.entity_overview
    ov.set_active(False)
    try:
        return pixels(view)
    finally:
        ov.set_active(True)


def at(view, eid: str) -> QPoint:
    return view.mapFromScene(view.canvas_scene.entity_items[eid].scenePos())


def free_entity(view) -> str:
    """An entity that is the topmost item at its centre, well inside the viewport."""
    sc = view.canvas_scene
    vp = view.viewport().rect().adjusted(80, 80, -80, -80)
    for eid, item in sc.entity_items.items():
        p = at(view, eid)
        if vp.contains(p) and view.itemAt(p) is item:
            return eid
    raise AssertionError("no free entity")


def overview_view(qtbot):
    v = make_view(qtbot, big_scenario(300, 900, 4), size=(900, 650))
    v.set_zoom(0.12)
    QApplication.processEvents()
    return v


@pytest.fixture
def view(qtbot):
    return overview_view(qtbot)


@pytest.fixture(params=["indexed", "unindexed"])
def hit_view(qtbot, monkeypatch, request):
    """With the item index, and without (as the ten-times platform has it at the overview)."""
    if request.param == "unindexed":
        monkeypatch.setattr(entity_overview, "UNINDEXED", 0)
    v = overview_view(qtbot)
    expected = v.canvas_scene.ItemIndexMethod.NoIndex if request.param == "unindexed" else \
        v.canvas_scene.ItemIndexMethod.BspTreeIndex
    assert v.canvas_scene.itemIndexMethod() == expected
    return v


def test_plain_entities_are_batched_and_their_items_still_hit_and_dragged(qtbot, hit_view):
    view = hit_view
    sc = view.canvas_scene
    ov = sc.entity_overview
    assert sc.detail == 2 and ov.active
    assert set(ov.batched_ids()) == set(sc.entity_items)
    assert all(it.flags() & NO_CONTENTS for it in sc.entity_items.values())
    eid = free_entity(view)
    item = sc.entity_items[eid]
    assert item in sc.items(item.scenePos())
    assert sc.entity_overview not in sc.items(item.scenePos())  # the batch is never hit
    # a click selects it: it draws itself (selected), the batch leaves it out
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at(view, eid))
    assert item.isSelected() and view.document.selection == [eid]
    assert not item.flags() & NO_CONTENTS and eid not in ov.batched_ids()
    # dragged: the model learns the move
    x0 = view.scenario.entities[eid].x
    drag(qtbot, view, at(view, eid), at(view, eid) + QPoint(30, 0))
    assert view.scenario.entities[eid].x == pytest.approx(x0 + 30 / view.zoom, abs=2 / view.zoom)
    sc.clearSelection()
    QApplication.processEvents()
    assert item.flags() & NO_CONTENTS and eid in ov.batched_ids()


def test_hover_reaches_items_without_contents(qtbot, hit_view):
    view = hit_view
    sc = view.canvas_scene
    eid = free_entity(view)
    item = sc.entity_items[eid]
    qtbot.mouseMove(view.viewport(), at(view, eid))
    qtbot.waitUntil(lambda: item._hover)
    assert eid not in sc.entity_overview.batched_ids()  # (it draws itself while hovered)
    qtbot.mouseMove(view.viewport(), QPoint(3, 3))
    qtbot.waitUntil(lambda: not item._hover)
    assert eid in sc.entity_overview.batched_ids()


def test_rubber_band_selects_batched_entities(qtbot, hit_view):
    view = hit_view
    sc = view.canvas_scene
    vp = view.viewport().rect()
    inside = [eid for eid in sc.entity_items if vp.adjusted(100, 100, -100, -100).contains(at(view, eid))]
    start = QPoint(2, 2)
    assert view.itemAt(start) is None or not isinstance(view.itemAt(start), EntityItem)
    drag(qtbot, view, start, vp.bottomRight() - QPoint(2, 2), steps=4)
    selected = {it.entity_id for it in sc.selectedItems() if isinstance(it, EntityItem)}
    assert set(inside) <= selected
    assert not selected & set(sc.entity_overview.batched_ids())


def test_batch_draws_the_pixels_the_items_draw(view):
    """Stamps sit within 1/16 px of where the item draws its shape, so only antialiased edge
    pixels differ, and by little (measured: mean 0.02, at most ~21 levels); a missing, moved or
    miscoloured entity differs by far more than 60 levels over dozens of pixels."""
    for zoom in (0.12, 0.05):
        view.set_zoom(zoom)
        batched, items = pixels(view), items_drawing(view)
        d = np.abs(batched - items)
        assert d.mean() < 0.1
        assert int((d.max(axis=2) > 60).sum()) == 0
        assert coloured(batched) == pytest.approx(coloured(items), rel=0.01)
        assert coloured(batched) > 1000  # (the entities are there at all)
    # a focus dims the entities outside it by their items' opacity: the batch too
    view.set_zoom(0.12)
    view.focus.apply([next(iter(view.canvas_scene.entity_items))], 1)
    batched, items = pixels(view), items_drawing(view)
    d = np.abs(batched - items)
    assert d.mean() < 0.1 and int((d.max(axis=2) > 60).sum()) == 0


def centre_colour(view, eid: str) -> QColor:
    img = view.viewport().grab().toImage()
    p, dpr = at(view, eid), img.devicePixelRatio()  # (QT_SCALE_FACTOR=2: device pixels)
    return img.pixelColor(round(p.x() * dpr), round(p.y() * dpr))


def close(a: QColor, b: QColor, tol: int = 12) -> bool:
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())) <= tol


def test_selected_entity_draws_itself_in_the_selection_colour(view):
    sc = view.canvas_scene
    view.set_zoom(0.16)  # entities of a few pixels: their centre pixel is the fill
    eid = free_entity(view)
    item = sc.entity_items[eid]
    fill = sc.entity_color(item.entity)
    assert close(centre_colour(view, eid), fill)
    item.setSelected(True)
    QApplication.processEvents()
    assert not item.flags() & NO_CONTENTS
    assert close(centre_colour(view, eid), QColor(sc.theme.selection))
    item.setSelected(False)
    QApplication.processEvents()
    assert item.flags() & NO_CONTENTS and close(centre_colour(view, eid), fill)


def test_marked_entities_draw_themselves(view):
    sc = view.canvas_scene
    eid = free_entity(view)
    sc.set_markers({eid: ("spof", "gap")})
    assert eid not in sc.entity_overview.batched_ids()
    assert not sc.entity_items[eid].flags() & NO_CONTENTS
    batched, items = pixels(view), items_drawing(view)
    assert int((np.abs(batched - items).max(axis=2) > 60).sum()) == 0  # the rings are there
    sc.set_markers(None)
    assert eid in sc.entity_overview.batched_ids()


def test_colours_follow_a_colour_mode_and_model_edits(view):
    sc = view.canvas_scene
    view.set_zoom(0.16)
    eid = free_entity(view)
    sc.set_color_overrides({eid: QColor("#ff00ff")})
    assert close(centre_colour(view, eid), QColor("#ff00ff"))
    assert eid in sc.entity_overview.batched_ids()
    sc.set_color_overrides(None)
    assert close(centre_colour(view, eid), sc.entity_color(sc.entity_items[eid].entity))
    # the entity's own colour, changed in the model
    e = view.scenario.entities[eid]
    assert view.document.push(ChangeObject(view.scenario, dataclasses.replace(e, color="#00c8ff")))
    QApplication.processEvents()
    assert close(centre_colour(view, eid), QColor("#00c8ff"))


def test_cache_follows_moves_removals_and_kind_changes(view):
    """After edits through the model the cached frame shows what drawing anew shows."""
    sc = view.canvas_scene
    ov = sc.entity_overview
    ids = list(sc.entity_items)
    s = view.scenario
    pixels(view)  # the cache drawn
    assert view.document.push(MoveEntities(s, {ids[0]: (s.entities[ids[0]].x + 400, s.entities[ids[0]].y + 150)}))
    view.select_items([sc.entity_items[ids[1]]])
    assert view.delete_selection()  # (with its flows)
    e = s.entities[ids[2]]
    kind = EntityKind.PLATFORM if e.kind is not EntityKind.PLATFORM else EntityKind.USER
    assert view.document.push(ChangeObject(s, dataclasses.replace(e, kind=kind, size=1.6)))
    QApplication.processEvents()
    for dx, dy in ((0, 0), (37, 0), (0, -53), (-400, 260)):  # and scrolled: the cache draws the strips
        bars = view.horizontalScrollBar(), view.verticalScrollBar()
        bars[0].setValue(bars[0].value() + dx)
        bars[1].setValue(bars[1].value() + dy)
        cached = pixels(view)
        ov.cache_enabled = False
        direct = pixels(view)
        ov.cache_enabled = True
        assert int((np.abs(cached - direct).max(axis=2) > 24).sum()) == 0
    assert ids[1] not in ov.batched_ids()


def test_exports_show_every_entity(view):
    sc = view.canvas_scene
    ov = sc.entity_overview
    exporter = ImageExporter(sc)

    def rgb(img: QImage) -> np.ndarray:
        img = img.convertToFormat(QImage.Format.Format_RGB32)
        return np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.width(), 4)[..., :3].astype(int)

    on = rgb(exporter.export(700, 500))
    assert ov.active and all(it.flags() & NO_CONTENTS for it in sc.entity_items.values())  # back after it
    ov.set_active(False)
    off = rgb(exporter.export(700, 500))
    ov.set_active(True)
    assert coloured(on) > 500
    assert np.array_equal(on, off)


def test_crossing_the_threshold_toggles_the_batch_once(view, monkeypatch):
    sc = view.canvas_scene
    ov = sc.entity_overview
    calls = []
    real = ov._rebuild
    monkeypatch.setattr(ov, "_rebuild", lambda items: (calls.append(len(items)), real(items)))
    for zoom in (0.1, 0.08, 0.15):  # zooming within the overview
        view.set_zoom(zoom)
        pixels(view)
    assert calls == []
    view.set_zoom(0.5)
    assert not ov.active and not any(it.flags() & NO_CONTENTS for it in sc.entity_items.values())
    assert sc.itemIndexMethod() == sc.ItemIndexMethod.BspTreeIndex
    view.set_zoom(0.1)
    assert ov.active and calls == [len(sc.entity_items)]


def test_batch_off_switch(qtbot, monkeypatch):
    monkeypatch.setattr(entity_overview, "ENABLED", False)
    v = make_view(qtbot, big_scenario(60, 100, 2), size=(600, 400))
    v.set_zoom(0.1)
    sc = v.canvas_scene
    assert sc.detail == 2 and not any(it.flags() & NO_CONTENTS for it in sc.entity_items.values())


def test_bulk_changes_are_sorted_out_at_the_next_frame(view, monkeypatch):
    """Select All, a reload: past MANY changed entities the items are sorted out all at once
    when the next frame is drawn (before the entity items are)."""
    monkeypatch.setattr(entity_overview, "MANY", 20)
    sc = view.canvas_scene
    ov = sc.entity_overview
    view.select_all()
    pixels(view)
    assert ov.batched_ids() == []
    assert not any(it.flags() & NO_CONTENTS for it in sc.entity_items.values())
    sc.clearSelection()
    sc.rebuild()  # every item made anew, at the overview
    batched, items = pixels(view), items_drawing(view)
    assert set(ov.batched_ids()) == set(sc.entity_items)
    assert all(it.flags() & NO_CONTENTS for it in sc.entity_items.values())
    d = np.abs(batched - items)
    assert d.mean() < 0.1 and int((d.max(axis=2) > 60).sum()) == 0


def test_only_real_visibility_changes_reach_the_batch(view, monkeypatch):
    """Qt's polish of a new item repeats "visible" (109,000 touches on a ten-times load, for
    nothing); a real hide or show of an item still takes it out of the batch or back."""
    sc = view.canvas_scene
    ov = sc.entity_overview
    touched: list[str] = []
    real = ov.touch
    monkeypatch.setattr(ov, "touch", lambda item, gone=False: (touched.append(item.entity_id), real(item, gone)))
    s = view.scenario
    e = dataclasses.replace(next(iter(s.entities)), id="NEW", name="new one")
    assert view.document.push(AddObject(s, e))
    QApplication.processEvents()  # the scene adds its item; Qt polishes it
    assert touched == ["NEW"]  # joining the scene, once; not again for the polish
    assert "NEW" in ov.batched_ids()
    item = sc.entity_items["NEW"]
    touched.clear()
    item.setVisible(False)
    assert touched == ["NEW"] and "NEW" not in ov.batched_ids()
    item.setVisible(True)
    assert touched == ["NEW", "NEW"] and "NEW" in ov.batched_ids()
