"""Canvas at scale (issue 19): Select All marks the flows in the flow layer (no Qt item per
flow) and Delete removes everything as one undo step; a hub's drag moves its flows' ends
without routing them each frame, and after the drop the drawn geometry is the model's;
the overview draws the hub's fan bundled, looking as before."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from ecodesk.ui.canvas import flow_paint
from ecodesk.ui.canvas.scene import BULK_MOVE, CanvasScene
from tests.ui.canvas_helpers import drag, entity_pos, make_view

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate_s2b2b


@pytest.fixture
def platform():
    # 1,000 distributors: the hub ("P") has about 2,750 flows — over the bulk thresholds
    return generate_s2b2b(50, 1000, 10, seed=0).scenario()


def test_select_all_marks_flows_in_the_layer_and_delete_is_one_undo_step(qtbot, platform):
    view = make_view(qtbot, platform, size=(1200, 800))
    sc = view.canvas_scene
    doc = view.document
    n_ent, n_flow = len(platform.entities), len(platform.flows)
    view.select_all()
    assert len(sc.flow_items.live) < 300  # no Qt item per flow
    assert set(view.selected_flow_ids()) == set(platform.flows.ids())
    assert set(view.selected_entity_ids()) == set(platform.entities.ids())
    assert set(doc.selection) == set(platform.flows.ids()) | set(platform.entities.ids())
    assert len(sc.flow_layer.table.selected_rows()) == n_flow  # drawn as selected by the layer
    # a click on the background clears it all, flows too
    view.select_items([])
    assert view.selected_flow_ids() == [] and doc.selection == []
    view.select_all()
    before = len(doc.history)
    assert view.delete_selection()
    QApplication.processEvents()
    assert len(doc.history) == before + 1  # one undo step
    assert len(platform.entities) == 0 and len(platform.flows) == 0
    assert len(sc.flow_layer) == 0
    doc.undo()
    QApplication.processEvents()
    assert (len(platform.entities), len(platform.flows)) == (n_ent, n_flow)
    sc.flush_pending()
    assert len(sc.flow_layer) == n_flow


def test_document_selecting_many_flows_creates_no_items_and_hit_test_works_after_select_all(qtbot, platform):
    view = make_view(qtbot, platform, size=(1200, 800))
    sc = view.canvas_scene
    ids = [f.id for f in platform.flows if f.source == "P"][:500]
    view.document.set_selection(ids)
    assert len(sc.flow_items.live) < 300
    assert set(view.selected_flow_ids()) == set(ids)
    view.select_all()
    # a flow away from the hub: hit where it is drawn, and hovering it keeps it selected
    f = next(f for f in platform.flows if "P" not in (f.source, f.target))
    row = sc.flow_layer.table.row_of(f.id)
    mid = sc.flow_layer.table.pts[row][4]
    view.set_zoom(1.0)
    view.centerOn(QPointF(*mid))
    QApplication.processEvents()
    hit = sc.flow_layer.flow_at(float(mid[0]), float(mid[1]), 4.0)
    assert hit is not None
    qtbot.mouseMove(view.viewport(), view.mapFromScene(QPointF(*mid)))
    item = sc.flow_item(hit)
    item._hover = True  # hovered: its item exists, unselected as a Qt item — the layer keeps it selected
    item._update_glow()
    assert hit in view.selected_flow_ids()
    assert view.item_at(view.mapFromScene(QPointF(*mid))) is not None


def _routes(sc: CanvasScene, ids: list[str]) -> np.ndarray:
    t = sc.flow_layer.table
    return np.array([t.pts[t.row_of(i)] for i in ids])


def test_hub_drag_moves_only_ends_then_drop_routes_like_the_model(qtbot, platform):
    view = make_view(qtbot, platform, size=(1200, 800))
    sc = view.canvas_scene
    doc = view.document
    hub_flows = sorted(sc.network.flows_of("P"))
    assert len(hub_flows) > BULK_MOVE
    view.set_zoom(0.5)
    view.centerOn(sc.entity_items["P"].pos())
    QApplication.processEvents()
    before_pts = _routes(sc, hub_flows)
    old = QPointF(sc.entity_items["P"].pos())
    start = entity_pos(view, "P")
    history = len(doc.history)
    end = start + QPoint(160, 90)
    drag(qtbot, view, start, end, steps=4, release=False)
    QApplication.processEvents()
    # while dragging: the flows float, their ends are moved by the painter, not re-routed
    assert sc.flow_layer.painter.offsets
    assert np.array_equal(_routes(sc, hub_flows), before_pts)
    view.viewport().repaint()  # the moving fan draws
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    QApplication.processEvents()
    assert not sc.flow_layer.painter.offsets
    assert len(doc.history) == history + 1  # the drag is one undo step
    hub = platform.entities["P"]
    assert (hub.x, hub.y) != (old.x(), old.y())
    # the drawn geometry after the drop is the model's: a scene built afresh routes the same
    fresh = CanvasScene()
    fresh.set_scenario(platform)
    fresh.flush_pending()
    assert np.allclose(_routes(sc, hub_flows), _routes(fresh, hub_flows))
    assert not np.allclose(_routes(sc, hub_flows), before_pts)
    doc.undo()
    QApplication.processEvents()
    sc.flush_pending()
    assert np.allclose(_routes(sc, hub_flows), before_pts)
    fresh.detach()


def test_overview_fan_bundled_looks_as_drawn_one_by_one(qtbot, platform, monkeypatch):
    view = make_view(qtbot, platform, size=(1200, 800))
    view.fit_all()
    QApplication.processEvents()
    layer = view.canvas_scene.flow_layer
    assert view.canvas_scene.detail == 2

    def grab() -> QImage:
        layer.invalidate_cache()
        img = QImage(view.viewport().size(), QImage.Format.Format_RGB32)
        img.fill(QColor("white"))
        p = QPainter(img)
        view.render(p, img.rect(), view.viewport().rect())
        p.end()
        return img

    calls = []
    real = flow_paint.FlowPainter._fan_pieces
    monkeypatch.setattr(flow_paint.FlowPainter, "_fan_pieces",
                        lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    bundled = grab()
    assert calls  # the hub's fan went through the bundling
    monkeypatch.setattr(flow_paint, "FAN_BUNDLE", 10**9)
    plain = grab()
    a = np.frombuffer(bundled.constBits(), np.uint32).reshape(bundled.height(), -1)
    b = np.frombuffer(plain.constBits(), np.uint32).reshape(plain.height(), -1)
    drawn = (a != 0xFFFFFFFF) | (b != 0xFFFFFFFF)
    differ = (a != b) & drawn
    # within half a pixel, a line lands on a neighbouring pixel now and then: few pixels differ
    assert differ.sum() < 0.04 * drawn.sum(), (differ.sum(), drawn.sum())


def test_pixmap_cache_holds_every_entity_of_a_big_platform(qtbot, platform):
    # Qt counts each cached pixmap as >= 1 KB: without room for all entities' overview
    # pixmaps every entity was painted again on every frame (10x platform: 1.9 s a pan)
    from PySide6.QtGui import QPixmapCache

    from ecodesk.ui.canvas.flow_pens import PIXMAP_CACHE_KB

    QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
    view = make_view(qtbot, platform, size=(800, 600))
    assert QPixmapCache.cacheLimit() >= PIXMAP_CACHE_KB + 2 * len(view.canvas_scene.entity_items)


def test_export_after_select_all_shows_no_selection_and_keeps_it(qtbot, platform):
    view = make_view(qtbot, platform, size=(800, 600))
    sc = view.canvas_scene
    view.select_all()
    n = len(view.selected_flow_ids())
    seen = []
    real = flow_paint.FlowPainter.draw_selection
    flow_paint.FlowPainter.draw_selection = lambda self, *a: seen.append(len(self.table.selected_rows())) or real(
        self, *a)
    try:
        from ecodesk.ui.canvas.export import ImageExporter

        ImageExporter(sc).export(400, 300)
    finally:
        flow_paint.FlowPainter.draw_selection = real
    assert seen and max(seen) == 0  # drawn without the selection
    assert len(view.selected_flow_ids()) == n  # and it is back
