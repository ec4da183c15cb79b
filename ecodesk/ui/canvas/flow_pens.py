"""UI layer (canvas): the flows' pens and styles, looked up in bulk, and room in Qt's pixmap cache —
what loading 500,000 flows and 100,000 entities into a scene needs done once, not per item."""

from __future__ import annotations

import operator
from collections.abc import Mapping, Set
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmapCache

from ecodesk.diagram.flowtable import load_numpy
from ecodesk.model import Flow, FlowKind
from ecodesk.ui.canvas.style import FLOW_DASHES, flow_color, flow_width

if TYPE_CHECKING:
    import numpy as np

    from ecodesk.diagram.flownet import FlowNetwork
    from ecodesk.ui.canvas.flow_layer import FlowLayerItem

PIXMAP_CACHE_KB = 96 * 1024  # Qt's pixmap cache (the entities draw from it) holds at least this


def flow_pens(flows: list[Flow], kinds: list[FlowKind], widths: np.ndarray, layer: FlowLayerItem,
              cache: dict[tuple[FlowKind, int], int], overrides: Mapping[str, QColor] | None) -> np.ndarray:
    """The layer's pen (style index) of each flow: one per (kind, width in quarter steps),
    looked up once per pair, not per flow; a colour override is a pen of its own."""
    np = load_numpy()
    n = len(flows)
    code = {k: i for i, k in enumerate(dict.fromkeys(kinds))}
    pair = np.fromiter(map(code.__getitem__, kinds), np.int64, n) * 1024 + np.round(widths * 4).astype(np.int64)
    overrides = overrides or {}
    mine = [i for i, f in enumerate(flows) if f.id in overrides] if overrides else []
    if mine:  # (their own colours: kept out of the shared pens' pairs)
        pair[mine] = -1 - np.arange(len(mine))
    uniq, first, inv = np.unique(pair, return_index=True, return_inverse=True)
    per = np.empty(len(uniq), np.int32)
    # pens are made in the order the flows come (a pen's index is its drawing order)
    for j in np.argsort(first, kind="stable").tolist():
        f, w = flows[first[j]], float(widths[first[j]])
        dash = FLOW_DASHES.get(f.kind, Qt.PenStyle.SolidLine)
        if uniq[j] < 0:
            per[j] = layer.style_index(overrides[f.id], w, dash)
            continue
        key = (f.kind, round(w * 4))  # the layer's pens step widths by a quarter
        st = cache.get(key)
        if st is None:
            st = cache[key] = layer.style_index(flow_color(f.id, f.kind), w, dash)
        per[j] = st
    return per[inv]


def restyle_rows(layer: FlowLayerItem, flows: list[Flow], network: FlowNetwork, hidden: Set[FlowKind],
                 cache: dict[tuple[FlowKind, int], int], overrides: Mapping[str, QColor] | None) -> None:
    """Colour, width, visibility, label and ends of these flows' rows in the layer (rows
    allocated for new ones, in this order): each column built in one C-level pass over the
    flows — 500,000 on a load — and each width computed once per distinct volume."""
    np = load_numpy()
    n = len(flows)
    rows = layer.rows_for([f.id for f in flows])
    sources, targets = [f.source for f in flows], [f.target for f in flows]
    src = np.fromiter(network.indices_of(sources), np.intp, n)
    dst = np.fromiter(network.indices_of(targets), np.intp, n)
    flip = np.fromiter(map(operator.gt, sources, targets), bool, n)
    volumes = [f.volume for f in flows]
    width_of = {v: flow_width(v) for v in set(volumes)}
    widths = np.fromiter(map(width_of.__getitem__, volumes), float, n)
    kinds = [f.kind for f in flows]
    shown = ~np.fromiter(map(hidden.__contains__, kinds), bool, n) if hidden else np.ones(n, bool)
    styles = flow_pens(flows, kinds, widths, layer, cache, overrides)
    layer.set_labels(rows, [f.label for f in flows])
    layer.set_styles(rows, styles, widths)
    layer.set_shown(rows, shown)
    layer.set_links(rows, src, dst, flip)


def room_for_pixmaps(n_items: int) -> None:
    """Qt counts every cached pixmap as at least 1 KB: the 10x platform's 109k tiny overview
    pixmaps overflowed the 96 MB cache, and every entity was painted again on every frame."""
    need = PIXMAP_CACHE_KB + 2 * n_items
    if QPixmapCache.cacheLimit() < need:
        QPixmapCache.setCacheLimit(need)
