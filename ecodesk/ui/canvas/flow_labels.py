"""UI layer (canvas): flow labels (SPEC §2 "Flow labels") — drawn by the flow layer, in its
frame cache, next to the middle of each labelled flow.

A label is a small opaque chip centred on the middle point of the flow's route, about the
size of the entity names (boosted up to 1.6x below 100 % so it stays readable; above 100 %
it grows more slowly than the zoom, see :func:`boost`). Labels follow the canvas's levels
of detail: drawn at full detail only (zoom ≥ :data:`~ecodesk.ui.canvas.style.LOD_LABELS`),
like the entity names; the hover chip and the tooltip name the flow at any zoom.

*Placement*: where an entity (its shape or its name) covers the middle of the route — a
flow passing under a third entity — the label slides along the route to the nearest free
point either side (:class:`_Occupancy`: the entities rasterised into a coarse grid with a
summed-area table, four look-ups a label). Labels are placed again when an entity moves,
comes or goes (for all) or when a flow moves or its text changes (for those).

*Choice*: so that a dense or huge diagram stays fast and readable, not every label is
drawn: the scene is cut into cells as wide as the widest label and a label shows only when
its flow is the strongest labelled flow (widest, then first) in its cell and its chip
overlaps none of a stronger one in the eight cells around — so two shown labels never
overlap, at most a few hundred fit a view, and zooming in shows more. The choice depends
only on the zoom and the flows (not on what part of the view is being drawn), so the
strips a frame cache draws at different times agree; it is made once per zoom and per
change, with a few numpy calls. During a drag placement and choice hold still
(:attr:`FlowLabels.hold`); the dragged flows' labels move with them.

Without labels nothing here runs beyond an empty-dict check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPainter, QPen

from ecodesk.diagram.flowtable import FlowTable, K, load_numpy
from ecodesk.ui.canvas.style import LIGHT, CanvasTheme, canvas_font

if TYPE_CHECKING:
    import numpy as np

#: Widest label (scene units at 100 %; longer ones are elided with "…").
MAX_WIDTH = 150.0
#: Room around the text inside the chip (scene units at 100 %).
PAD_X, PAD_Y = 4.0, 1.5
#: Largest boost of the label below 100 % zoom, and the on-screen text height it aims for
#: (the entity names' values: see entity_item).
MAX_BOOST, MIN_PX = 1.6, 9.0
FONT_SIZE = 9.0  # the entity names' size
#: The points of a route a label may sit on, in order of preference: the middle, then
#: outwards (never the ends, at the entities).
_PLACES = (K // 2, K // 2 - 1, K // 2 + 1, K // 2 - 2, K // 2 + 2, K // 2 - 3, K // 2 + 3)
_CELL_KEY = 1 << 24  # cell (cx, cy) -> cx * _CELL_KEY + cy + _CELL_KEY // 2


def boost(scale: float) -> float:
    """The label's size in scene units at ``scale`` view pixels per scene unit, as a share
    of its size at 100 %: enlarged up to 1.6x below 100 % (readable zoomed out, like the
    entity names), and growing on screen only with the square root of the zoom above it —
    so zooming in makes room between labels and shows those that did not fit."""
    if scale > 1.0:
        return float(scale**-0.5)
    return min(MAX_BOOST, max(1.0, MIN_PX / (_font_px() * max(scale, 1e-6))))


@cache
def _font_px() -> float:
    """On-screen text height of the label font at 100 %."""
    return float(QFontInfo(canvas_font(FONT_SIZE)).pixelSize()) or 11.0


class FlowLabels:
    """The labels of a flow table's rows, and which of them a zoom shows (see the module
    docstring). Rows are the :class:`~ecodesk.diagram.flowtable.FlowTable`'s."""

    def __init__(self, table: FlowTable) -> None:
        self.table = table
        self.theme: CanvasTheme = LIGHT
        self.font = canvas_font(FONT_SIZE)
        # grey antialiasing wherever drawn: the frame cache's transparent image has no
        # sub-pixel text, so a label drawn directly (a repaint without the cache) must not either
        self.font.setStyleStrategy(QFont.StyleStrategy.NoSubpixelAntialias)
        self._fm = QFontMetricsF(self.font)
        self._text: dict[int, tuple[str, float]] = {}  # row -> (elided text, its width)
        self._elided: dict[str, tuple[str, float]] = {}
        self.version = 0  # bumped when labelled rows change (text, route, shown)
        self._chosen: dict[float, tuple[int, np.ndarray]] = {}  # scale -> (version, rows)
        self._arrays: tuple[int, np.ndarray, np.ndarray] | None = None  # version, rows, widths
        #: Where on its route each label sits (index into the route's points; the middle
        #: unless an entity covers it there), and the version it was placed for.
        self._anchor: dict[int, int] = {}
        self._to_place: set[int] | None = None  # rows to place again (None: all)
        #: What a label is kept clear of, as boxes ``(n, 4)`` (x0, y0, x1, y1): the entities
        #: (shape and name), and other names (the ecosystems'), which a label covers only
        #: where it cannot be clear of both; asked again after :meth:`obstacles_changed`.
        self.obstacles: Callable[[], tuple[np.ndarray, np.ndarray]] | None = None
        self._grid: tuple[_Occupancy, _Occupancy] | None = None  # all obstacles, entities only
        #: While a drag lasts the labels stay placed and chosen as they were (the dragged
        #: flows' labels go with them); they are placed and chosen again on release.
        self.hold = False
        self._cached: float | None = None  # the scale of the flow layer's cached image

    def __bool__(self) -> bool:
        return bool(self._text)

    def __len__(self) -> int:
        return len(self._text)

    # rows -------------------------------------------------------------------------------
    def text_of(self, row: int) -> str:
        """The label shown for ``row`` (elided), '' without one."""
        got = self._text.get(row)
        return got[0] if got else ""

    def set_labels(self, rows: np.ndarray, texts: Sequence[str]) -> bool:
        """Set the labels of ``rows`` ('' none); True if any labelled row is among them."""
        if not self._text and not any(texts):
            return False
        touched: list[int] = []
        for row, text in zip(rows.tolist(), texts, strict=True):
            if text:
                got = self._elided.get(text)
                if got is None:
                    one = " ".join(text.split())  # one line: newlines and runs of spaces as one space
                    shown = self._fm.elidedText(one, Qt.TextElideMode.ElideRight, MAX_WIDTH)
                    got = self._elided[text] = (shown, self._fm.horizontalAdvance(shown))
                if self._text.get(row) != got:
                    self._text[row] = got
                    touched.append(row)
            elif self._text.pop(row, None) is not None:
                touched.append(row)
        if touched:
            self.moved(touched)
        return bool(touched)

    def labelled(self, rows: np.ndarray) -> np.ndarray:
        """Those of ``rows`` with a label."""
        if not self._text or not len(rows):
            return rows[:0]
        text = self._text
        return rows[[int(r) in text for r in rows.tolist()]] if len(rows) < 4 * len(text) \
            else rows[load_numpy().isin(rows, self._rows_widths()[0])]

    def discard(self, row: int) -> None:
        if self._text.pop(row, None) is not None:
            self.moved([row])

    def clear(self) -> None:
        self._text.clear()
        self._anchor.clear()
        self._to_place = set()
        self.changed()

    def changed(self) -> None:
        """Labelled rows were shown, hidden or restyled: the choice is made again when next
        needed."""
        self.version += 1
        self._arrays = None

    def moved(self, rows: Sequence[int] | np.ndarray) -> None:
        """Labelled ``rows`` moved, appeared, went or changed their text: placed again, and
        the choice made again."""
        if self._to_place is not None:
            self._to_place.update(int(r) for r in rows)
        self.changed()

    def obstacles_changed(self) -> None:
        """An entity moved, came, went or was renamed: the labels are placed again (when
        there are any: without labels this costs nothing)."""
        if self._grid is not None or self._text:
            self._grid = None
            self._to_place = None
            self.changed()

    def _rows_widths(self) -> tuple[np.ndarray, np.ndarray]:
        if self._arrays is None or self._arrays[0] != self.version:
            np = load_numpy()
            rows = np.fromiter(self._text, np.intp, len(self._text))
            widths = np.fromiter((w for _t, w in self._text.values()), float, len(self._text))
            self._arrays = (self.version, rows, widths)
        return self._arrays[1], self._arrays[2]

    # geometry -------------------------------------------------------------------------------
    def points(self, rows: np.ndarray, anchor: dict[int, int] | None = None) -> np.ndarray:
        """Where the labels of ``rows`` are centred (scene), ``(m, 2)``."""
        np = load_numpy()
        at = anchor if anchor is not None else self._anchor
        idx = np.full(len(rows), K // 2, np.intp)
        if at and len(rows):
            keys = np.fromiter(at.keys(), np.intp, len(at))
            vals = np.fromiter(at.values(), np.intp, len(at))
            order = np.argsort(keys)
            keys, vals = keys[order], vals[order]
            pos = np.minimum(np.searchsorted(keys, rows), len(keys) - 1)
            hit = keys[pos] == rows
            idx[hit] = vals[pos[hit]]
        return self.table.pts[rows, idx]

    def boxes(self, rows: np.ndarray, scale: float | None, anchor: dict[int, int] | None = None) -> np.ndarray:
        """The chips of labelled ``rows`` at ``scale`` (None: at their largest), ``(m, 4)``
        x0, y0, x1, y1 in scene units (NaN where a row is not routed)."""
        np = load_numpy()
        if not len(rows):
            return np.empty((0, 4))
        b = boost(scale) if scale is not None else MAX_BOOST
        mid = self.points(rows, anchor)
        hw = (self._widths(rows) / 2 + PAD_X + 1) * b
        hh = (self._fm.height() / 2 + PAD_Y + 1) * b
        out = np.stack([mid[:, 0] - hw, mid[:, 1] - hh, mid[:, 0] + hw, mid[:, 1] + hh], axis=1)
        out[np.isnan(self.table.box[rows, 0])] = np.nan
        return out

    def rects(self, rows: np.ndarray, scale: float | None, anchor: dict[int, int] | None = None) -> list[QRectF]:
        """:meth:`boxes` of those of ``rows`` that have labels, as QRectFs."""
        rows = self.labelled(rows)
        return [QRectF(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in self.boxes(rows, scale, anchor).tolist()
                if x0 == x0]  # NaN: not routed

    def chosen(self, scale: float) -> np.ndarray:
        """The rows whose labels show at ``scale`` (sorted)."""
        got = self._chosen.get(scale)
        if got is not None and (got[0] == self.version or self.hold):
            return got[1]
        if self._to_place is None or self._to_place:
            self._place()
        rows = self._choose(scale)
        if len(self._chosen) > 3:  # the view's zoom and an export's, mostly; the cached image's stays
            self._chosen = {k: v for k, v in self._chosen.items() if k == self._cached}
        self._chosen[scale] = (self.version, rows)
        return rows

    def refresh(self, scale: float, cached: float | None) -> list[QRectF]:
        """Place and choose the labels anew for ``scale`` if the labelled rows changed;
        return where pixels of an image cached at scale ``cached`` are now stale (the
        labels that moved along their routes, appeared or went)."""
        if self.hold or (self._to_place == set() and scale in self._chosen
                         and self._chosen[scale][0] == self.version):
            return []
        np = load_numpy()
        stale: list[QRectF] = []
        self._cached = cached
        drawn = self._chosen.get(cached) if cached is not None else None
        if self._to_place is None or self._to_place:
            old = dict(self._anchor)
            moved = self._place()
            stale += self.rects(moved, cached, old) + self.rects(moved, cached)
        if drawn is not None and drawn[0] != self.version:
            stale += self.rects(np.setxor1d(drawn[1], self.chosen(cached)), cached)
        self.chosen(scale)
        return stale

    def _place(self) -> np.ndarray:
        """Put each label to place (all after an entity moved, else those whose flow moved
        or text changed) where no entity covers it — the middle of its route, else the
        nearest of a few points either side (the middle when all are covered); returns the
        rows whose place changed."""
        np = load_numpy()
        rows, widths = self._rows_widths()
        some, self._to_place = self._to_place, set()
        old = self._anchor
        new = {} if some is None else {r: i for r, i in old.items() if r not in some and r in self._text}
        if some is not None:
            pick = np.isin(rows, np.fromiter(some, np.intp, len(some)))
            rows, widths = rows[pick], widths[pick]
        if self._grid is None and self.obstacles is not None and len(rows):
            entities, names = self.obstacles()
            self._grid = (_Occupancy(np.concatenate([entities, names])), _Occupancy(entities))
        if self._grid is not None and self._grid[0].any and len(rows):
            t = self.table
            routed = ~np.isnan(t.box[rows, 0])
            rows, widths = rows[routed], widths[routed]
            hw = (widths / 2 + PAD_X + 2) * MAX_BOOST
            hh = (self._fm.height() / 2 + PAD_Y + 2) * MAX_BOOST
            todo = np.arange(len(rows))
            # clear of entities and ecosystem names; where that is nowhere, clear of entities
            for grid in self._grid:
                for i in _PLACES:
                    if not len(todo):
                        break
                    free = ~grid.covered(t.pts[rows[todo], i], hw[todo], hh)
                    if i != K // 2:
                        new.update(dict.fromkeys(rows[todo[free]].tolist(), i))
                    todo = todo[~free]
        self._anchor = new
        changed = {r for r in old.keys() | new.keys() if old.get(r) != new.get(r)}
        return np.fromiter(changed, np.intp, len(changed))

    def _choose(self, scale: float) -> np.ndarray:
        np = load_numpy()
        t = self.table
        rows, _w = self._rows_widths()
        if not len(rows):
            return rows
        rows = rows[t.shown[rows] & ~np.isnan(t.box[rows, 0])]
        if not len(rows):
            return rows
        b = boost(scale)
        cw = (MAX_WIDTH + 2 * PAD_X + 4) * b  # a cell holds the widest label
        ch = (self._fm.height() + 2 * PAD_Y + 4) * b
        mid = self.points(rows)
        cx = np.floor(mid[:, 0] / cw).astype(np.int64)
        cy = np.floor(mid[:, 1] / ch).astype(np.int64)
        order = np.lexsort((rows, -t.width[rows]))  # the strongest first
        key = (cx * _CELL_KEY + cy + _CELL_KEY // 2)[order]
        cells, first = np.unique(key, return_index=True)  # first: the best of each cell
        best = rows[order[first]]
        mx, my = mid[order[first], 0], mid[order[first], 1]
        hw = (self._widths(best) / 2 + PAD_X + 2) * b  # half a chip, and a little room
        hh = (self._fm.height() / 2 + PAD_Y + 2) * b
        keep = np.ones(len(cells), bool)
        for dx in (-1, 0, 1):  # a label makes way for a stronger one it would overlap
            for dy in (-1, 0, 1):
                if dx or dy:
                    near = cells + dx * _CELL_KEY + dy
                    at = np.minimum(np.searchsorted(cells, near), len(cells) - 1)
                    hit = (cells[at] == near) & (first[at] < first)
                    hit &= (np.abs(mx[at] - mx) < hw[at] + hw) & (np.abs(my[at] - my) < 2 * hh)
                    keep &= ~hit
        return np.sort(best[keep])

    def _widths(self, rows: np.ndarray) -> np.ndarray:
        np = load_numpy()
        return np.fromiter((self._text[int(r)][1] for r in rows.tolist()), float, len(rows))

    # drawing ----------------------------------------------------------------------------------
    def draw(self, painter: QPainter, rows: np.ndarray, scale: float, pens: Sequence[tuple[QColor, float, Qt.PenStyle]]) -> None:
        """Draw the labels of ``rows`` (chosen ones, routed) with the painter in scene units."""
        if not len(rows):
            return
        t, theme = self.table, self.theme
        b = boost(scale)
        fm = self._fm
        h = fm.height()
        chip = QColor(theme.text_halo)
        ink = QColor(theme.text)
        painter.save()
        painter.setFont(self.font)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        mids = self.points(rows).tolist()
        styles = t.style[rows].tolist()
        for row, (x, y), st in zip(rows.tolist(), mids, styles, strict=True):
            text, w = self._text[row]
            painter.save()
            painter.translate(x, y)
            painter.scale(b, b)
            border = QPen(pens[st][0], 1.0)
            painter.setPen(border)
            painter.setBrush(chip)
            painter.drawRoundedRect(QRectF(-w / 2 - PAD_X, -h / 2 - PAD_Y, w + 2 * PAD_X, h + 2 * PAD_Y), 4, 4)
            painter.setPen(ink)
            painter.drawText(QPointF(-w / 2, -h / 2 + fm.ascent()), text)
            painter.restore()
        painter.restore()


class _Occupancy:
    """Where entities are, as a coarse grid of cells (at most 1024 a side) with its summed
    area table: whether a label's chip meets one is four look-ups, for all labels at once."""

    MAX_CELLS = 1024

    def __init__(self, boxes: np.ndarray) -> None:
        np = load_numpy()
        self.any = bool(len(boxes))
        if not self.any:
            return
        x0, y0 = float(boxes[:, 0].min()), float(boxes[:, 1].min())
        x1, y1 = float(boxes[:, 2].max()), float(boxes[:, 3].max())
        self.origin, self.end = (x0, y0), (x1, y1)
        self.cell = cell = max(8.0, (x1 - x0) / self.MAX_CELLS, (y1 - y0) / self.MAX_CELLS)
        w, h = int((x1 - x0) / cell) + 2, int((y1 - y0) / cell) + 2
        c0 = ((boxes[:, 0] - x0) // cell).astype(np.intp)
        c1 = ((boxes[:, 2] - x0) // cell).astype(np.intp) + 1
        r0 = ((boxes[:, 1] - y0) // cell).astype(np.intp)
        r1 = ((boxes[:, 3] - y0) // cell).astype(np.intp) + 1
        diff = np.zeros((h + 1, w + 1), np.int32)  # each box: +1 at its corner, -1 past its edges
        np.add.at(diff, (r0, c0), 1)
        np.add.at(diff, (r0, c1), -1)
        np.add.at(diff, (r1, c0), -1)
        np.add.at(diff, (r1, c1), 1)
        occupied = diff.cumsum(0).cumsum(1) > 0
        self.sums = np.zeros((h + 2, w + 2), np.int32)
        self.sums[1:, 1:] = occupied.cumsum(0, dtype=np.int32).cumsum(1, dtype=np.int32)
        self.size = (w, h)

    def covered(self, points: np.ndarray, hw: np.ndarray, hh: float) -> np.ndarray:
        """Whether a chip centred at each of ``points`` (half sizes ``hw``, ``hh``) meets an
        occupied cell."""
        np = load_numpy()
        (x0, y0), (x1, y1), cell, (w, h) = self.origin, self.end, self.cell, self.size
        px, py = points[:, 0], points[:, 1]
        inside = (px + hw >= x0) & (px - hw <= x1) & (py + hh >= y0) & (py - hh <= y1)
        c0 = np.clip((px - hw - x0) // cell, 0, w).astype(np.intp)
        c1 = np.clip((px + hw - x0) // cell, 0, w).astype(np.intp) + 1
        r0 = np.clip((py - hh - y0) // cell, 0, h).astype(np.intp)
        r1 = np.clip((py + hh - y0) // cell, 0, h).astype(np.intp) + 1
        s = self.sums
        return inside & ((s[r1, c1] - s[r0, c1] - s[r1, c0] + s[r0, c0]) > 0)
