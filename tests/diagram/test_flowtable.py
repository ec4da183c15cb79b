"""The flow table: rows allocated per flow id and reused, routes written in batches, and
the culling of a rect (inside / crossing / clipped pieces) — checked against plain loops."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ecodesk.diagram.flowtable import PAD, FlowTable, K, clip_segments, segment_boxes, union_box
from ecodesk.diagram.geometry import outline
from ecodesk.diagram.routes import route_flows

SQUARE = [tuple(outline("supplier", 20.0))]


def routed(table: FlowTable, ids, src, dst, offset=None, width=None) -> np.ndarray:
    """Route flows ``ids`` between centres ``src`` and ``dst`` (arrays (m, 2)) into the table."""
    m = len(ids)
    rows = table.rows_for(ids)
    w = np.full(m, 2.0) if width is None else np.asarray(width, float)
    table.set_styles(rows, np.zeros(m, np.int32), w)
    off = np.zeros(m) if offset is None else np.asarray(offset, float)
    zero = np.zeros(m, np.intp)
    table.set_routes(rows, route_flows(np.asarray(src, float), np.asarray(dst, float), np.zeros(m, bool), off, w,
                                       SQUARE, SQUARE, zero, zero))  # fmt: skip
    table.shown[rows] = True
    return rows


def test_rows_are_allocated_per_id_reused_after_removal_and_grow_past_the_first_block():
    t = FlowTable()
    assert len(t) == 0 and t.size == 0 and t.row_of("f1") is None
    rows = t.rows_for(["f1", "f2", "f3"])
    assert rows.tolist() == [0, 1, 2] and len(t) == 3 and t.size == 3
    assert t.rows_for(["f2", "f4"]).tolist() == [1, 3]  # known ids keep their row
    routed(t, ["f1"], [[0, 0]], [[200, 0]])
    old = t.remove("f1")
    assert old is not None and old.shape == (1, 4) and old[0, 2] > 150
    assert t.remove("f1") is None and len(t) == 3 and t.id_of(0) is None
    assert not t.shown[0] and np.isnan(t.box[0, 0])
    assert t.rows_for(["f5"]).tolist() == [0]  # the free row is reused
    many = [f"g{i}" for i in range(3000)]
    rows = t.rows_for(many)
    assert len(set(rows.tolist())) == 3000 and t.size == 3004 and len(t) == 3004
    assert t.ids_of(rows[:3]) == ["g0", "g1", "g2"]
    t.clear()
    assert len(t) == 0 and t.size == 0 and not t.shown.any()


def test_routes_set_polylines_ends_and_padded_boxes():
    t = FlowTable()
    rows = routed(t, ["a", "b"], [[0, 0], [0, 0]], [[300, 0], [0, 400]], offset=[0.0, 24.0], width=[2.0, 6.0])
    assert t.pts.shape[1:] == (K, 2)
    for r, w in zip(rows, (2.0, 6.0)):
        both = np.concatenate([t.pts[r], t.head[r]])
        assert t.box[r, :2] == pytest.approx(both.min(axis=0) - (w / 2 + 1))
        assert t.box[r, 2:] == pytest.approx(both.max(axis=0) + (w / 2 + 1))
    assert not t.curved[rows[0]] and t.curved[rows[1]]
    ends, curved, head, width = t.route("b")
    assert curved and width == 6.0 and ends.shape == (4, 2) and head.shape == (4, 2)
    assert ends[0] == pytest.approx(t.pts[rows[1], 0]) and ends[2] == pytest.approx(t.pts[rows[1], -1])
    assert t.route("nope") is None
    assert union_box(t.box[rows]) == pytest.approx((*t.box[rows, :2].min(axis=0), *t.box[rows, 2:].max(axis=0)))
    assert union_box(np.full((2, 4), np.nan)) is None


def test_culling_splits_rows_into_inside_and_crossing_with_clipped_pieces():
    t = FlowTable()
    rng = np.random.default_rng(5)
    m = 300
    src = rng.uniform(-3000, 3000, (m, 2))
    dst = rng.uniform(-3000, 3000, (m, 2))
    src[::3] = rng.uniform(-300, 400, (m // 3, 2))  # short ones, some inside the rect
    dst[::3] = src[::3] + rng.uniform(-150, 150, (m // 3, 2))
    ids = [f"f{i}" for i in range(m)]
    rows = routed(t, ids, src, dst, offset=rng.choice([0.0, 24.0], m))
    t.shown[rows[::7]] = False  # hidden rows are never seen
    rect = (-500.0, -400.0, 700.0, 600.0)
    inside, cross, (pieces, owner) = t.visible_rows(rect)
    x0, y0, x1, y1 = rect[0] - PAD, rect[1] - PAD, rect[2] + PAD, rect[3] + PAD
    want_in, want_cross = [], []
    for r in rows:
        if not t.shown[r]:
            continue
        b = t.box[r]
        if b[0] > x1 or b[2] < x0 or b[1] > y1 or b[3] < y0:
            continue
        (want_in if b[0] >= x0 and b[2] <= x1 and b[1] >= y0 and b[3] <= y1 else want_cross).append(r)
    assert sorted(inside.tolist()) == sorted(want_in) and sorted(cross.tolist()) == sorted(want_cross)
    assert len(want_cross) > 10 and len(want_in) > 3
    # every clipped piece lies in the padded rect, on a segment of its owner
    assert (pieces[..., 0] >= x0 - 1e-6).all() and (pieces[..., 0] <= x1 + 1e-6).all()
    assert (pieces[..., 1] >= y0 - 1e-6).all() and (pieces[..., 1] <= y1 + 1e-6).all()
    assert set(np.unique(owner).tolist()) <= set(range(len(cross)))
    # a floating row is left out when asked (the frame cache does not hold it)
    t.floating[cross[0]] = True
    assert cross[0] not in t.visible_rows(rect, lifted=False)[1]
    assert cross[0] in t.visible_rows(rect)[1]
    assert t.floating_rows().tolist() == [cross[0]]
    # ``only`` restricts to those rows, ``touching`` to rows meeting one of the small rects
    only = np.array(want_in[:3], np.intp)
    assert sorted(t.visible_rows(rect, only=only)[0].tolist()) == sorted(want_in[:3])
    b = t.box[want_in[0]]
    small = [(float(b[0]), float(b[1]), float(b[0]) + 1, float(b[1]) + 1)]
    assert want_in[0] in t.visible_rows(rect, small)[0].tolist()


def test_clip_segments_is_liang_barsky():
    p = np.array([[[-10.0, 5.0], [20.0, 5.0]], [[0.0, 50.0], [10.0, 60.0]]])
    pieces, owner = clip_segments(p, 0.0, 0.0, 10.0, 10.0)
    assert owner.tolist() == [0]
    assert pieces[0].tolist() == [[0.0, 5.0], [10.0, 5.0]]
    diag = np.array([[[-5.0, -5.0], [15.0, 15.0]]])
    pieces, _ = clip_segments(diag, 0.0, 0.0, 10.0, 10.0)
    assert np.allclose(pieces[0], [[0.0, 0.0], [10.0, 10.0]])
    assert clip_segments(np.empty((0, 3, 2)), 0, 0, 1, 1)[0].shape == (0, 2, 2)


def test_segment_boxes_pad_each_segment_and_skip_unrouted_rows():
    p = np.array([[[0.0, 0.0], [10.0, 0.0], [10.0, 20.0]], [[5.0, 5.0], [6.0, 6.0], [7.0, 7.0]]])
    boxes = segment_boxes(p, np.array([0.0, math.nan]), np.array([4.0, 4.0]))
    pad = 4.0 / 2 + 3
    assert boxes.tolist() == [[-pad, -pad, 10 + pad, pad], [10 - pad, -pad, 10 + pad, 20 + pad]]
