"""Canvas: flow labels drawn next to the middle of their flows (in the frame cache, exact
after edits, pans and drags; at full detail only; thinned so that none overlap) and in the
tooltip; an entity's own colour fills its shape."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor

from ecodesk.commands.editrules import change_command
from ecodesk.diagram.flowtable import K
from ecodesk.ui.canvas import flow_pens as pens_module
from ecodesk.ui.canvas.flow_labels import FlowLabels
from tests.ui.canvas_helpers import big_scenario, make_view
from tests.ui.test_canvas_frame_cache import matches_direct, pixels, settle


def _set(view, obj_id, field, value):
    s = view.document.scenario
    assert view.document.attempt(change_command(s, s.find(obj_id), field, value)) is None
    view.canvas_scene.flush_pending()


def _label_box(view, fid) -> QRectF:
    """The label's chip of flow ``fid`` in viewport pixels."""
    layer = view.canvas_scene.flow_layer
    row = np.array([layer.row_of(fid)])
    x0, y0, x1, y1 = layer.labels.boxes(row, view.zoom)[0]
    a, b = view.mapFromScene(QPointF(x0, y0)), view.mapFromScene(QPointF(x1, y1))
    return QRectF(a.x(), a.y(), b.x() - a.x(), b.y() - a.y())


def _changed(before, after):
    return np.abs(before - after).max(axis=2) > 40


@pytest.mark.parametrize("text", ["monthly settlement", "月度结算"])
def test_a_label_is_drawn_at_the_middle_of_its_flow_and_goes_with_undo(qtbot, monkeypatch, text):
    monkeypatch.setattr(pens_module, "FLOW_DASHES", {})  # see test_canvas_frame_cache.big
    view = make_view(qtbot, size=(1200, 800))
    view.set_zoom(1.0)
    view.centerOn(QPointF(100, 0))
    sc = view.canvas_scene
    settle(qtbot, view)
    before = pixels(view)
    _set(view, "f8", "label", text)  # c1 → u1, a straight goods flow
    after = pixels(view)
    box = _label_box(view, "f8")
    changed = _changed(before, after)
    ys, xs = np.nonzero(changed)
    assert len(xs) > 60  # the chip and its text
    inside = (xs >= box.left() - 2) & (xs <= box.right() + 2) & (ys >= box.top() - 2) & (ys <= box.bottom() + 2)
    assert inside.all()  # nothing drawn elsewhere
    # the chip is centred on the middle of the route, and only as wide as the text needs
    mid = sc.flow_items["f8"].path().pointAtPercent(0.5)
    centre = view.mapToScene(box.center().toPoint())
    assert abs(centre.x() - mid.x()) < 3 and abs(centre.y() - mid.y()) < 3
    assert 30 < box.width() < 200 and 12 < box.height() < 30
    assert matches_direct(view)
    view.document.undo()
    sc.flush_pending()
    assert not _changed(before, pixels(view)).any()  # no ghost left in the cached image
    assert matches_direct(view)


def test_the_label_heads_the_hover_chip_and_tooltip(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    _set(view, "f6", "label", "PUT /documents\nmonthly")
    lines = sc.flow_summary(sc.flows["f6"])
    assert lines[0] == "“PUT /documents monthly”"  # one line
    assert lines[1].startswith("Money")
    assert sc.flow_tooltip(sc.flows["f6"]).splitlines()[0] == "“PUT /documents monthly”"
    assert sc.flow_summary(sc.flows["f4"])[0].startswith("Goods")  # no label, no line


def test_a_long_label_is_elided(qtbot):
    view = make_view(qtbot)
    _set(view, "f11", "label", "fleet loans, quarterly review of the credit line and the guarantees")
    layer = view.canvas_scene.flow_layer
    text = layer.labels.text_of(layer.row_of("f11"))
    assert text.endswith("…") and text.startswith("fleet loans")
    assert layer.labels.boxes(np.array([layer.row_of("f11")]), 1.0)[0][2] - \
        layer.labels.boxes(np.array([layer.row_of("f11")]), 1.0)[0][0] < 175


def test_labels_show_at_full_detail_only(qtbot, monkeypatch):
    view = make_view(qtbot, size=(1000, 700))
    view.set_zoom(0.3)  # zoomed out: hairlines, no names, no labels
    view.centerOn(QPointF(100, 0))
    settle(qtbot, view)
    drawn = []
    monkeypatch.setattr(FlowLabels, "draw", lambda self, painter, rows, *a: drawn.append(len(rows)))
    _set(view, "f8", "label", "retail delivery")
    view.viewport().repaint()
    view.canvas_scene.flow_layer.invalidate_cache()
    view.viewport().repaint()
    assert drawn == []
    monkeypatch.undo()
    view.set_zoom(0.5)
    settle(qtbot, view)
    with_label = pixels(view)
    _set(view, "f8", "label", "")
    settle(qtbot, view)
    assert _changed(with_label, pixels(view)).sum() > 30


def test_without_labels_nothing_of_them_runs(qtbot, monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("labels drawn or chosen without any label")

    monkeypatch.setattr(FlowLabels, "draw", boom)
    monkeypatch.setattr(FlowLabels, "chosen", boom)
    view = make_view(qtbot, big_scenario(300, 900, 4))
    view.set_zoom(1.0)
    settle(qtbot, view)
    assert not view.canvas_scene.flow_layer.labels


@pytest.fixture
def labelled(qtbot, monkeypatch):
    monkeypatch.setattr(pens_module, "FLOW_DASHES", {})  # see test_canvas_frame_cache.big
    s = big_scenario(300, 900, 4)
    for f in list(s.flows)[::2]:
        s.replace(f.evolve(label=f"批次 {f.id} settlement"))
    view = make_view(qtbot, s, size=(900, 650))
    view.set_zoom(0.8)
    view.centerOn(0, 0)
    return view


def test_labels_keep_the_cached_frame_exact_through_edits_pans_and_moves(qtbot, labelled):
    view = labelled
    sc = view.canvas_scene
    layer = sc.flow_layer
    assert len(layer.labels) == 450
    assert matches_direct(view)
    bar = view.horizontalScrollBar()
    for dx in (40, 300, -700):
        bar.setValue(bar.value() + dx)
        assert matches_direct(view), dx
    # an entity with labelled flows moves: their labels move with them, none left behind
    eid = max(sc.entity_items, key=lambda e: sum(bool(sc.flows[f].label) for f in sc.network.flows_of(e)))
    item = sc.entity_items[eid]
    view.centerOn(item.pos())
    settle(qtbot, view)
    with sc.batch():
        item.setPos(item.pos() + QPointF(150, -80))
    assert matches_direct(view)
    fid = next(f for f in sc.network.flows_of(eid) if sc.flows[f].label)
    _set(view, fid, "label", "a much longer label than before")
    assert matches_direct(view)
    _set(view, fid, "label", "")
    assert matches_direct(view)
    sc.set_flow_kind_visible("goods", False)
    assert matches_direct(view)
    view.select_ids([eid])
    assert view.delete_selection()
    sc.flush_pending()
    assert matches_direct(view)


def test_dense_labels_never_overlap_and_zooming_in_shows_more(qtbot, labelled):
    labels = labelled.canvas_scene.flow_layer.labels
    counts = []
    for zoom in (0.5, 1.0, 2.5):
        rows = labels.chosen(zoom)
        b = labels.boxes(rows, zoom)
        counts.append(len(rows))
        overlap = ((b[:, None, 0] < b[None, :, 2]) & (b[None, :, 0] < b[:, None, 2])
                   & (b[:, None, 1] < b[None, :, 3]) & (b[None, :, 1] < b[:, None, 3]))
        np.fill_diagonal(overlap, False)
        assert not overlap.any(), zoom
    assert 0 < counts[0] < counts[1] < counts[2] <= 450
    # the choice is the same whatever part of the view is drawn (strips of the cache agree)
    assert np.array_equal(labels.chosen(1.0), labels._choose(1.0))


def test_an_entity_with_its_own_colour_is_filled_with_it(qtbot):
    view = make_view(qtbot, size=(1000, 700))
    view.set_zoom(1.0)
    sc = view.canvas_scene
    view.centerOn(sc.entity_items["u1"].pos())
    settle(qtbot, view)

    def fill_at_edge():
        item = sc.entity_items["u1"]
        p = view.mapFromScene(item.pos() + QPointF(item.radius * 0.75, 0))
        b, g, r = (int(v) for v in pixels(view)[p.y(), p.x()])  # RGB32 bytes: blue first
        return QColor(r, g, b)

    kind_fill = fill_at_edge()
    assert kind_fill.red() > 150 and kind_fill.green() < 120  # an end user's red
    _set(view, "u1", "color", "#22aa44")
    assert sc.entity_color(sc.entity_items["u1"].entity) == QColor("#22aa44")
    own = fill_at_edge()
    assert own.green() > 140 and own.red() < 90 and own.blue() < 110
    # a colour mode (an analysis) still colours it; the legend keeps the kinds
    sc.set_color_overrides({"u1": QColor("#0000ff")})
    assert sc.entity_color(sc.entity_items["u1"].entity) == QColor("#0000ff")
    sc.set_color_overrides(None)
    view.document.undo()
    assert sc.entity_color(sc.entity_items["u1"].entity) == QColor("#D9534F")
    assert [e.label for sec in view.legend_sections() for e in sec.entries][:1] == ["Platform / ecosystem hub"]


def test_labels_sit_on_their_routes_in_the_middle_unless_an_entity_covers_it(qtbot, labelled):
    layer = labelled.canvas_scene.flow_layer
    rows = layer.labels.chosen(1.0)
    b = layer.labels.boxes(rows, 1.0)
    centre = np.stack([(b[:, 0] + b[:, 2]) / 2, (b[:, 1] + b[:, 3]) / 2], axis=1)
    on_route = np.isclose(layer.table.pts[rows][:, :, None, :], centre[:, None, None, :]).all(axis=-1).any(axis=(1, 2))
    assert on_route.all()
    middle = np.isclose(centre, layer.table.pts[rows, K // 2]).all(axis=1)
    assert middle.mean() > 0.8  # most in the middle


def test_a_label_makes_way_for_an_entity_its_flow_passes_under(qtbot):
    view = make_view(qtbot, size=(1200, 800))
    view.set_zoom(1.0)
    sc = view.canvas_scene
    layer = sc.flow_layer
    _set(view, "f3", "label", "test data")  # r1 → s2 passes under s1, at its middle
    row = np.array([layer.row_of("f3")])
    view.viewport().repaint()
    x0, y0, x1, y1 = layer.labels.boxes(row, 1.0)[0]
    s1 = sc.entity_items["s1"]
    name = s1.label_rect().translated(s1.pos())
    assert not QRectF(x0, y0, x1 - x0, y1 - y0).intersects(s1.shape_rect().translated(s1.pos()).united(name))
    assert layer.labels.text_of(int(row[0])) == "test data" and row[0] in layer.labels.chosen(1.0)
    # the entity moves away: the label goes back to the middle of its flow
    view.select_ids(["s1"])
    view.nudge(-200.0, 0.0)
    sc.flush_pending()
    view.viewport().repaint()
    assert np.allclose(layer.labels.points(row)[0], layer.table.pts[row[0], K // 2])


def test_a_drag_carries_the_labels_of_its_flows_and_leaves_none_behind(qtbot, labelled):
    from PySide6.QtCore import QPoint, Qt

    from tests.ui.canvas_helpers import drag, entity_pos

    view = labelled
    sc = view.canvas_scene
    layer = sc.flow_layer
    eid = max(sc.entity_items, key=lambda e: sum(bool(sc.flows[f].label) for f in sc.network.flows_of(e)))
    view.centerOn(sc.entity_items[eid].pos())
    settle(qtbot, view)
    start = entity_pos(view, eid)
    drag(qtbot, view, start, start + QPoint(120, 70), release=False)
    rows = [layer.row_of(f) for f in sc.network.flows_of(eid)]
    assert layer.table.floating[rows].all()
    assert len(layer.labels.labelled(np.array(rows))) >= 1
    assert layer.labels.hold  # placement and choice wait for the release
    # mid-drag the cached image holds neither the dragged flows nor their labels
    layer.table.shown[rows] = False
    assert matches_direct(view)
    layer.table.shown[rows] = True
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(120, 70))
    assert not layer.table.floating[: layer.table.size].any() and not layer.labels.hold
    assert matches_direct(view)


def test_the_occupancy_grid_finds_the_chips_that_meet_an_entity():
    from ecodesk.ui.canvas.flow_labels import _Occupancy

    grid = _Occupancy(np.array([[0.0, 0.0, 100.0, 60.0], [1000.0, 1000.0, 1040.0, 1030.0]]))
    points = np.array([[50.0, 30.0], [150.0, 30.0], [120.0, 30.0], [500.0, 500.0], [1020.0, 1050.0], [-300.0, 0.0]])
    hw = np.array([10.0, 10.0, 30.0, 10.0, 10.0, 10.0])
    # inside; clear to the right; reaching in from the right; between the two; touching the
    # second from below (its half height reaches it); outside the grid altogether
    assert grid.covered(points, hw, 25.0).tolist() == [True, False, True, False, True, False]


def test_a_selected_flow_shows_its_label_even_where_a_stronger_one_wins(qtbot, labelled, monkeypatch):
    view = labelled
    sc = view.canvas_scene
    layer = sc.flow_layer
    settle(qtbot, view)
    chosen = set(layer.labels.chosen(view.zoom).tolist())
    labelled_rows = layer.labels.labelled(np.arange(layer.table.size))
    hidden = next(int(r) for r in labelled_rows if int(r) not in chosen)  # thinned out
    fid = layer.table.id_of(hidden)
    view.select_ids([fid])
    x0, y0, x1, y1 = layer.labels.boxes(np.array([hidden]), view.zoom)[0]
    view.centerOn(QPointF((x0 + x1) / 2, (y0 + y1) / 2))
    drawn = []
    original = FlowLabels.draw
    monkeypatch.setattr(FlowLabels, "draw", lambda self, p, rows, *a: drawn.append(set(rows.tolist()))
                        or original(self, p, rows, *a))
    view.viewport().repaint()
    assert layer.table.selected[hidden], (fid, view.selected_flow_ids())
    assert any(hidden in d for d in drawn), drawn
    view.select_ids([])
    drawn.clear()
    view.viewport().repaint()
    assert not any(hidden in d for d in drawn)
