"""A scene's load (CanvasScene.rebuild) takes the bulk path — entity items placed before
they send geometry changes, the flow network filled in batches, the flows styled and
routed in one batch in the scenario's order, no garbage collection inside — and gives
what adding each entity and flow one at a time (the model's signals) gives."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QTextLayout, QTextOption
from PySide6.QtWidgets import QGraphicsItem

from ecodesk.model import FlowKind
from ecodesk.ui.canvas.entity_item import EntityItem, wrap_label
from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.canvas.style import LABEL_MAX_LINES, LABEL_WIDTH, canvas_font

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate_s2b2b


@pytest.fixture(scope="module")
def platform():
    return generate_s2b2b(12, 300, 5, seed=4).scenario()


def _prepared(scenario) -> CanvasScene:
    sc = CanvasScene()
    sc.hidden_flow_kinds.add(FlowKind.DATA)
    flows = list(scenario.flows)
    sc.set_color_overrides({flows[3].id: QColor("#123456"), flows[40].id: QColor("#654321")})
    ents = list(scenario.entities)
    sc.markers = {ents[1].id: ("spof",), ents[7].id: ("gap", "redundant")}
    return sc


def _flow_rows(sc: CanvasScene) -> dict[str, tuple]:
    t, pen = sc.flow_layer.table, sc.flow_layer.painter.pen_of
    out = {}
    for fid in sc.flows:
        r = t.row_of(fid)
        color, width, dash = pen(int(t.style[r]))
        out[fid] = (t.pts[r].tobytes(), t.ends[r].tobytes(), t.head[r].tobytes(), t.box[r].tobytes(),
                    float(t.width[r]), bool(t.shown[r]), bool(t.curved[r]), int(t.src_idx[r]), int(t.dst_idx[r]),
                    bool(t.flip[r]), color.rgba(), width, dash)
    return out


def _items(sc: CanvasScene) -> list[tuple]:
    return [(eid, it.label_lines(), it.label_rect(), it.boundingRect(), it.sceneBoundingRect(), it.pos(),
             it.flags(), it.zValue(), it.cacheMode(), it.markers, it.acceptHoverEvents())
            for eid, it in sc.entity_items.items()]


def test_bulk_load_equals_adding_one_at_a_time(qtbot, platform):
    bulk = _prepared(platform)
    bulk.set_scenario(platform)
    one = _prepared(platform)  # the model's signals' path, item by item
    for i, eco in enumerate(platform.ecosystems):
        one._add_hull(eco, i)
    for e in platform.entities:
        one._add_entity(e)
    for f in platform.flows:
        one._add_flow(f)
    one.flush_pending()
    one.setSceneRect(one._fitted_rect())
    assert _items(bulk) == _items(one)
    net_b, net_o = bulk.network, one.network
    for attr in ("_eidx", "_ex", "_ey", "_eshape", "_pairs", "_entity_flows", "_offset"):
        assert getattr(net_b, attr) == getattr(net_o, attr), attr
    assert any(net_b._offset.values())  # (the platform has fans)
    assert _flow_rows(bulk) == _flow_rows(one)
    assert bulk.content_rect() == one.content_rect()
    assert bulk.sceneRect() == one.sceneRect()
    assert {h: it.boundingRect() for h, it in bulk.hull_items.items()} == {
        h: it.boundingRect() for h, it in one.hull_items.items()}
    # the rows in the scenario's order (a set's order before: different from run to run)
    t = bulk.flow_layer.table
    assert [t.id_of(r) for r in range(t.size)] == [f.id for f in platform.flows]
    assert not bulk.is_pending(next(iter(bulk.flows)))


def test_content_rect_is_the_union_of_the_shown_items_and_notes(qtbot, platform):
    sc = CanvasScene()
    sc.set_scenario(platform)
    items = list(sc.entity_items.values())
    items[0].setVisible(False)
    r = sc.notes.content_rect()
    for it in (*items, *sc.hull_items.values()):
        if it.isVisible():
            r = r.united(it.sceneBoundingRect())
    assert sc.content_rect() == r
    assert CanvasScene().content_rect() == QRectF()


def test_an_entity_item_is_placed_before_it_sends_geometry_changes(qtbot, platform):
    seen = []

    class Counting(EntityItem):
        def itemChange(self, change, value):
            seen.append(change)
            return super().itemChange(change, value)

    e = next(iter(platform.entities))
    item = Counting(e)
    assert (item.x(), item.y()) == (e.x, e.y)
    assert item.flags() & QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
    moves = (QGraphicsItem.GraphicsItemChange.ItemPositionChange,
             QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged)
    assert not [c for c in seen if c in moves]  # no round trip into Python for the first place
    item.setPos(e.x + 10, e.y)  # and later moves are still sent
    assert [c for c in seen if c in moves] == list(moves)


def _reference_wrap(text: str, width: float = LABEL_WIDTH, max_lines: int = LABEL_MAX_LINES) -> list[str]:
    """wrap_label as it was: a fresh text layout for every width tried."""
    from ecodesk.ui.canvas.entity_item import _advance, _metrics

    def wrap(w: float, ml: int) -> list[str]:
        layout = QTextLayout(text, canvas_font())
        opt = QTextOption()
        opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(opt)
        layout.beginLayout()
        starts = []
        while (line := layout.createLine()).isValid():
            line.setLineWidth(w)
            starts.append((line.textStart(), line.textLength()))
        layout.endLayout()
        lines = []
        for n, (start, length) in enumerate(starts):
            if n == ml - 1 and len(starts) > ml:
                from PySide6.QtCore import Qt
                lines.append(_metrics().elidedText(text[start:].replace("\n", " "), Qt.TextElideMode.ElideRight, w))
                break
            lines.append(text[start:start + length].strip())
        return [ln for ln in lines if ln] or ([text] if text else [])

    if "\n" not in text and _advance(text) <= width:
        one = text.strip()
        return [one] if one else ([text] if text else [])
    lines = wrap(width, max_lines)
    if 1 < len(lines) <= max_lines and not lines[-1].endswith("…"):
        lo, hi = width / 2, width
        for _ in range(7):
            mid = (lo + hi) / 2
            if len(wrap(mid, max_lines + 1)) > len(lines):
                lo = mid
            else:
                hi = mid
        lines = wrap(hi, max_lines)
    return lines


@pytest.mark.parametrize("text", [
    "新能源车企生态平台", "深圳洗衣机供应商0001", "家电产业互联网平台", "A rather long English supplier name here",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", "two\nlines", "  ", "",
    "Supercalifragilisticexpialidocious-and-more-without-spaces", "混合 mixed 文本 text 很长很长的名字",
])
def test_wrap_label_shapes_once_and_wraps_as_a_fresh_layout_per_width(qtbot, text):
    assert wrap_label(text) == _reference_wrap(text)
    assert wrap_label(text, 60.0, 2) == _reference_wrap(text, 60.0, 2)


def test_counting_the_lines_of_a_name_without_white_space_is_wrapping_it(qtbot):
    from ecodesk.ui.canvas.entity_item import _count, _text_layout, _wrap

    for text in ("深圳洗衣机供应商0001", "一二三四五六七八九十" * 4, "Supercalifragilisticexpialidocious-x", "家电"):
        layout = _text_layout(text)
        for width in (20.0, 40.0, 52.0, 61.5, 78.25, 104.0, 300.0):
            for max_lines in (2, 3, 4):
                assert _count(text, width, max_lines, layout) == len(_wrap(text, width, max_lines)), (text, width)


def test_a_name_that_needs_a_text_layout_is_laid_out_once(qtbot, monkeypatch):
    from ecodesk.ui.canvas import entity_item

    made = []
    real = entity_item._text_layout
    monkeypatch.setattr(entity_item, "_text_layout", lambda text: made.append(text) or real(text))
    name = "一个只为这个测试而起的很长的名字供应商"
    first = wrap_label(name)
    assert len(first) > 1 and made == [name]  # one layout for all the widths tried
    first.append("x")  # (a caller's list is its own)
    assert wrap_label(name) == _reference_wrap(name) and made == [name]
    assert wrap_label(name, 60.0, 2) == _reference_wrap(name, 60.0, 2) and made == [name, name]


def test_the_rows_of_a_restyle_take_each_flows_width_and_kind(qtbot, platform):
    sc = CanvasScene()
    sc.set_scenario(platform)
    from ecodesk.ui.canvas.style import flow_width
    t = sc.flow_layer.table
    for f in list(platform.flows)[:50]:
        r = t.row_of(f.id)
        assert t.width[r] == flow_width(f.volume)
        assert bool(t.shown[r])
        assert bool(t.flip[r]) == (f.source > f.target)
    sc.set_flow_kind_visible(FlowKind.GOODS, False)
    sc._refresh_all()  # a restyle of every flow keeps the hidden kind hidden
    goods = [t.row_of(f.id) for f in platform.flows if f.kind is FlowKind.GOODS]
    assert goods and not np.any(t.shown[goods])
