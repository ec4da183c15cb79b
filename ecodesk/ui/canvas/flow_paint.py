"""UI layer (canvas): drawing the rows of the flow table with QPainter — in batches.

A frame culls the rows against the rect to draw (:meth:`FlowTable.visible_rows
<ecodesk.diagram.flowtable.FlowTable.visible_rows>`) and draws one path per style, built
in one go from bytes (QDataStream, the trick pyqtgraph's ``arrayToQPath`` uses), so the
Python work per frame is a few numpy calls plus one draw per style — not per flow. Long
flows crossing the rect are stroked only along their clipped pieces; a dense fan of them
(the hub's) becomes hairlines. The selected flows get a glow, drawn over everything.

:class:`FlowPainter` holds the pens; the flow layer item calls it for its frames, its
frame cache and exports alike.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import shiboken6
from PySide6.QtCore import QByteArray, QDataStream, QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from ecodesk.diagram.fans import TOLERANCE, bundle_fans, clip_rays, fan_origins
from ecodesk.diagram.flowtable import PAD, FlowTable, load_numpy
from ecodesk.ui.canvas.flow_labels import FlowLabels

if TYPE_CHECKING:
    import numpy as np

FAN_BUNDLE = 500  # straight hairlines from one entity from which its fan is bundled (diagram.fans)
GLOW_MAX = 300  # more selected flows than this are drawn as lines in the selection colour
DENSE_PIECES = 1500  # clipped pieces of through-flows above which they are drawn as hairlines
#: A dragged hub's fan: a piece under this many later solid pens' pieces through its whole
#: ring in its bin (a pixel or less across) is not stroked (diagram.fans.bundle_fans).
HIDE_UNDER = 2
_TAIL = struct.pack(">ii", 0, 0)  # cStart, fill rule (odd-even)
_REC: Any = None  # the QDataStream record of a path element (made with numpy)
_LINES_BY_POINTER = True  # QPainter.drawLines(QLineF *, count) takes numpy's memory (draw_segments)


def path_from_polylines(pts: np.ndarray, closed: bool = False) -> QPainterPath:
    """One QPainterPath of ``n`` polylines (array ``(n, k, 2)``), built from bytes in C++
    instead of ``n * k`` Python calls."""
    global _REC
    np = load_numpy()
    if _REC is None:
        _REC = np.dtype([("t", ">i4"), ("x", ">f8"), ("y", ">f8")])
    n, k = pts.shape[:2]
    kk = k + 1 if closed else k
    rec = np.empty((n, kk), dtype=_REC)
    rec["t"] = 1
    rec["t"][:, 0] = 0
    rec["x"][:, :k] = pts[..., 0]
    rec["y"][:, :k] = pts[..., 1]
    if closed:
        rec["x"][:, k] = pts[:, 0, 0]
        rec["y"][:, k] = pts[:, 0, 1]
    data = struct.pack(">i", n * kk) + rec.tobytes() + _TAIL
    path = QPainterPath()
    if n:
        buf = QByteArray(data)
        stream = QDataStream(buf)  # the read-only constructor; ``buf`` outlives the read
        stream >> path
    return path


def _edges(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def draw_segments(painter: QPainter, pieces: np.ndarray) -> None:
    """Stroke the segments ``pieces`` (``(n, 2, 2)``) with the painter's pen in one
    ``drawLines`` over the array's own memory (a QLineF is four doubles; as pyqtgraph's
    PrimitiveArray) — no path is built (parsing one costs about as much as stroking
    hairlines); the same pixels as the path of :func:`path_from_polylines`."""
    global _LINES_BY_POINTER
    np = load_numpy()
    lines = np.ascontiguousarray(pieces, dtype=np.float64).reshape(-1, 4)
    moves = (lines[:, 0] != lines[:, 2]) | (lines[:, 1] != lines[:, 3])
    if not moves.all():  # a line of length 0 is a dot in drawLines, nothing in a path
        lines = lines[moves]
    if not len(lines):
        return
    if _LINES_BY_POINTER:
        try:
            painter.drawLines(shiboken6.wrapInstance(lines.ctypes.data, QLineF), len(lines))
            return
        except TypeError:  # a binding without the pointer overload: paths from now on
            _LINES_BY_POINTER = False
    painter.drawPath(path_from_polylines(pieces))


class _Moving(NamedTuple):
    """A hub's drag, taken once (:meth:`FlowPainter._lift`): the shown floating ``rows``
    (and their ``styles`` then), the moved ``entities`` (indices), each row's moving end
    ``a`` and other end ``b`` as routed, the row of ``a``'s and ``b``'s offset (``at``,
    ``to``: into the entities, ``len(entities)``: none; ``one``: every ``a`` moves with the
    first entity; ``both``: whether any ``b`` moves),
    its fan ``group`` (the moving entity; -1 none), its pen's ``rank`` in drawing order,
    the hairline ``pens`` by rank, ``covers`` (no pen hides another's pieces exactly) and
    which pens are ``solid`` (see :data:`HIDE_UNDER`)."""

    key: tuple[Any, ...]
    rows: np.ndarray
    styles: np.ndarray
    entities: list[int]
    a: np.ndarray
    b: np.ndarray
    at: np.ndarray
    one: bool
    to: np.ndarray
    both: bool
    group: np.ndarray
    rank: np.ndarray
    pens: list[QPen]
    covers: np.ndarray
    solid: np.ndarray


class FlowPainter:
    """Draws the rows of a :class:`FlowTable` (see the module docstring)."""

    def __init__(self, table: FlowTable) -> None:
        self.table = table
        self.detail = 0  # 0 full, 1 hairlines, 2 hairlines without heads
        self.selection_color = QColor("#2f7ed8")  # the theme's (set by the scene)
        #: Draws what lies beneath the flows in a scene rect (the ecosystem hulls).
        self.backdrop: Callable[[QPainter, QRectF], None] | None = None
        self._styles: dict[tuple[int, float, int], int] = {}
        self._pens: list[tuple[QColor, float, Qt.PenStyle]] = []
        #: Styles drawn before all others, beneath them (the focus's faded pens).
        self.beneath: set[int] = set()
        self.labels = FlowLabels(table)  # drawn over the flows, at full detail only
        #: While a hub is dragged: entity index -> how far its floating flows' ends moved.
        self.offsets: dict[int, tuple[float, float]] = {}
        self._moving: _Moving | None = None  # the dragged fans' rows and ends, once a drag

    def style_index(self, color: QColor, width: float, dash: Qt.PenStyle) -> int:
        """The index of the pen (colour, width in quarter steps, dash) for the style column."""
        key = (color.rgba(), round(width * 4) / 4, int(dash.value))
        idx = self._styles.get(key)
        if idx is None:
            idx = self._styles[key] = len(self._pens)
            self._pens.append((QColor(color), key[1], dash))
        return idx

    def pen_of(self, index: int) -> tuple[QColor, float, Qt.PenStyle]:
        """The colour, width and dash of style ``index`` (see :meth:`style_index`)."""
        color, width, dash = self._pens[index]
        return QColor(color), width, dash

    def draw(
        self,
        painter: QPainter,
        rect: QRectF,
        lod: float,
        dense: bool | None = None,
        touching: Sequence[QRectF] | None = None,
        *,
        cached: bool = False,
        only: np.ndarray | None = None,
        backdrop: bool = True,
        heads: bool = True,
    ) -> bool | None:
        """Draw the backdrop and the flows seen in scene rect ``rect`` (``lod``: the
        painter's scale), then their labels; ``dense``: whether crossing flows are
        hairlines (None: decide from what crosses ``rect``); ``cached``: for the frame
        cache (without the floating rows). Returns the ``dense`` used (None: nothing crossed)."""
        dense = self._draw_flows(painter, rect, lod, dense, touching, cached=cached, only=only,
                                 backdrop=backdrop, heads=heads)
        if self.labels and self.detail == 0:
            self._draw_labels(painter, rect, lod, touching, cached, only)
        return dense

    def _draw_labels(self, painter: QPainter, rect: QRectF, lod: float, touching: Sequence[QRectF] | None,
                     cached: bool, only: np.ndarray | None, every: bool = False) -> None:
        """The labels chosen at this scale (:meth:`FlowLabels.chosen`; ``every``: all those
        of ``only``) whose chips meet ``rect`` (and one of ``touching``)."""
        np = load_numpy()
        table, labels = self.table, self.labels
        rows = labels.labelled(only) if every and only is not None else labels.chosen(lod)
        if only is not None and not every:
            rows = np.intersect1d(rows, only)
        elif cached:
            rows = rows[~table.floating[rows]]
        rows = rows[table.shown[rows]]
        if not len(rows):
            return
        b = labels.boxes(rows, lod)
        areas = [_edges(r) for r in touching] if touching else [_edges(rect)]
        meets = np.zeros(len(rows), bool)
        with np.errstate(invalid="ignore"):
            for x0, y0, x1, y1 in areas:
                meets |= (b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)
        labels.draw(painter, rows[meets], lod, self._pens)

    def _draw_flows(
        self,
        painter: QPainter,
        rect: QRectF,
        lod: float,
        dense: bool | None,
        touching: Sequence[QRectF] | None,
        *,
        cached: bool,
        only: np.ndarray | None,
        backdrop: bool,
        heads: bool,
    ) -> bool | None:
        if self.backdrop is not None and backdrop:
            painter.save()
            self.backdrop(painter, rect)
            painter.restore()
        table = self.table
        if not table.size:
            return dense
        np = load_numpy()
        seen = _edges(rect)
        near = [_edges(r) for r in touching] if touching else None
        inside, cross, segs = table.visible_rows(seen, near, only=only, lifted=not cached)
        if not len(inside) and not len(cross):
            return dense
        detail = self.detail
        straight = detail >= 2 or lod < 0.05  # bends under a pixel: two points a flow
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail < 2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        seg_style = table.style[cross][segs[1]] if len(cross) else np.empty(0, np.int32)
        # a dense fan of long through-flows (the hub's): hairlines without antialiasing,
        # thousands of wide antialiased strokes would cost a second and show a solid wedge
        if dense is None and len(seg_style):
            dense = len(seg_style) > DENSE_PIECES
        # straight hairlines without antialiasing (the overview; a dense fan's through-flows
        # at full detail): a big fan is drawn bundled, as the same pixels at a fraction of the cost
        fans: dict[int, np.ndarray] = {}
        if (detail >= 2 or (dense and detail == 0)) and isinstance(painter.device(), (QImage, QPixmap, QWidget)):
            flat = ~table.curved[cross] | (lod < 0.05)  # (vector files keep every line: they zoom)
            lines = np.concatenate([inside, cross[flat]]) if detail >= 2 else cross[flat]
            if len(lines) >= FAN_BUNDLE:
                every = detail >= 2 and lod < 0.05 and not len(cross[~flat])  # (all drawn as fans)
                fans = self._fan_pieces(table.pts[:, 0][lines], table.pts[:, -1][lines], lines, None, seen, lod,
                                        merge=every) or {}
                if fans:
                    if detail >= 2:
                        inside = inside[:0]
                    keep = ~np.isin(segs[1], np.flatnonzero(flat))
                    segs = (segs[0][keep], segs[1][keep])
                    seg_style = seg_style[keep]
        in_style = table.style[inside]
        used = np.union1d(np.unique(in_style), np.unique(seg_style))
        for st in self._order(np.union1d(used, np.array(list(fans), dtype=used.dtype))):
            color, width, dash = self._pens[int(st)]
            pen = QPen(color, width if detail == 0 else 0.0)
            pen.setCosmetic(detail != 0)
            pen.setStyle(dash)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            group = inside[in_style == st]
            pieces = segs[0][seg_style == st]
            if len(group):
                pts = table.pts[group][:, [0, -1]] if straight else table.pts[group]
                painter.drawPath(path_from_polylines(pts))
            if len(pieces):
                if dense and detail == 0:
                    thin = QPen(pen)
                    thin.setWidthF(0.0)
                    thin.setCosmetic(True)
                    painter.setPen(thin)
                    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
                painter.drawPath(path_from_polylines(pieces))
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, detail < 2)
            if int(st) in fans:  # in its pen's turn: the order decides the colour where fans overlap
                self._stroke_fans(painter, {int(st): fans[int(st)]})
        if detail >= 2 or not heads:
            return dense
        painter.setPen(Qt.PenStyle.NoPen)
        rows = np.concatenate([inside, table.heads_near(cross, seen)])
        styles = table.style[rows]
        for st in self._order(np.unique(styles)):
            painter.setBrush(self._pens[int(st)][0])
            painter.drawPath(path_from_polylines(table.head[rows[styles == st]], closed=True))
        return dense

    def drag_done(self) -> None:
        """The hub's drag is over (its flows are routed again)."""
        self._moving = None

    def _draw_moving(self, painter: QPainter, rect: QRectF, lod: float, rows: np.ndarray) -> None:
        """The floating flows of a dragged hub: straight from their moved ends (:attr:`offsets`)
        to their other ends, the fans around the moved entities bundled. What does not change
        while only the ends move (the rows, their ends as routed, the pens' drawing ranks, the
        hairline pens) is taken once a drag (:meth:`_lift`); a frame moves the ends, cuts the
        lines at the view's edge, bundles them and strokes the pieces pen by pen
        (:func:`draw_segments`)."""
        np = load_numpy()
        t = self.table
        key = (len(rows), int(rows[0]), int(rows[-1]), tuple(self.offsets), len(self._pens))
        moving = self._moving
        if moving is None or moving.key != key or not np.array_equal(t.style[moving.rows], moving.styles):
            moving = self._moving = self._lift(key, rows)  # (a restyle during the drag: again)
        if not len(moving.rows):
            return
        off = np.zeros((len(moving.entities) + 1, 2))  # the last: an end that stays
        for k, entity in enumerate(moving.entities):
            off[k] = self.offsets[entity]
        a = moving.a + (off[0] if moving.one else off[moving.at])  # (one dragged hub: no gather)
        b = moving.b + off[moving.to] if moving.both else moving.b
        x0, y0, x1, y1 = _edges(rect)
        owner, b = clip_rays(a, b, (x0 - PAD, y0 - PAD, x1 + PAD, y1 + PAD))
        if not len(owner):
            return
        every = len(owner) == len(a)  # (the hub in view: every line leaves it)
        pieces, rank = bundle_fans(a if every else a[owner], b, moving.rank if every else moving.rank[owner],
                                   moving.group if every else moving.group[owner], lod,
                                   covers=moving.covers, fan_min=FAN_BUNDLE, tol=1.0, solid=moving.solid,
                                   hide_under=HIDE_UNDER)
        by = np.argsort(rank.astype(np.int16 if len(moving.pens) < 2**15 else np.int64), kind="stable")
        cuts = np.searchsorted(rank[by], np.arange(len(moving.pens) + 1))
        painter.save()
        painter.setClipRect(rect, Qt.ClipOperation.IntersectClip)  # (Qt strokes clipped lines far faster)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for k, pen in enumerate(moving.pens):  # in drawing order
            if cuts[k + 1] > cuts[k]:
                painter.setPen(pen)
                draw_segments(painter, pieces[by[cuts[k] : cuts[k + 1]]])
        painter.restore()

    def _lift(self, key: tuple[Any, ...], rows: np.ndarray) -> _Moving:
        """What a drag's frames share (see :meth:`_draw_moving`): the shown floating rows, their
        moving end first, the fan each belongs to, and the pens in drawing order — pens that
        look the same as hairlines and follow one another are one (as :meth:`_fan_pieces`)."""
        np = load_numpy()
        t = self.table
        rows = rows[t.shown[rows]]
        src, dst = t.src_idx[rows], t.dst_idx[rows]
        entities = list(self.offsets)
        n = int(max(src.max(initial=-1), dst.max(initial=-1), max(entities))) + 2
        slot = np.full(n, len(entities), np.intp)  # entity + 1 -> its offset's row (the last: none)
        slot[np.array(entities, np.intp) + 1] = np.arange(len(entities))
        at_src = slot[src + 1] < len(entities)
        group = np.where(at_src, src, np.where(slot[dst + 1] < len(entities), dst, -1))
        other = np.where(at_src, dst, src)
        ends = t.pts[rows][:, [0, -1]]
        a = np.where(at_src[:, None], ends[:, 0], ends[:, 1])  # the moving end first
        b = np.where(at_src[:, None], ends[:, 1], ends[:, 0])
        to = slot[other + 1]
        styles = t.style[rows]
        rank_of = np.zeros(int(styles.max(initial=0)) + 1, np.int64)
        pens: list[QPen] = []
        if len(rows):
            order = self._order(np.unique(styles))
            looks = [(self._pens[st][0].rgba(), self._pens[st][2]) for st in order]
            firsts = [st for k, st in enumerate(order) if k == 0 or looks[k] != looks[k - 1]]
            rank_of[order] = np.cumsum([0] + [looks[k] != looks[k - 1] for k in range(1, len(looks))])
            pens = [self._hairline(st) for st in firsts]
        at = slot[group + 1]
        return _Moving(key, rows, styles, entities, a, b, at, bool((at == 0).all()), to,
                       bool((to < len(entities)).any()), group, rank_of[styles], pens,
                       np.zeros(max(len(pens), 1), bool),
                       np.array([pen.style() == Qt.PenStyle.SolidLine for pen in pens], bool))

    def _hairline(self, st: int) -> QPen:
        """The pen of style ``st`` as a hairline (cosmetic, width 0, flat caps)."""
        color, _width, dash = self._pens[st]
        pen = QPen(color, 0.0)  # a hairline (the width does not matter here)
        pen.setCosmetic(True)
        pen.setStyle(dash)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def _fan_pieces(self, a: np.ndarray, b: np.ndarray, rows: np.ndarray, group: np.ndarray | None,
                    seen: tuple[float, float, float, float], lod: float, always: bool = False,
                    tol: float = TOLERANCE, merge: bool = False) -> dict[int, np.ndarray] | None:
        """Straight lines ``a -> b`` of ``rows`` to draw as hairlines without antialiasing,
        the fans (from one entity: ``group``, None: the end with more of them) bundled
        (:func:`ecodesk.diagram.fans.bundle_fans`): the pieces by style, in drawing order;
        None without a big fan (the caller draws the lines as usual)."""
        np = load_numpy()
        table = self.table
        if group is None:
            group, at_src = fan_origins(table.src_idx[rows], table.dst_idx[rows])
            a, b = np.where(at_src[:, None], a, b), np.where(at_src[:, None], b, a)
        counts = np.bincount(group[group >= 0]) if (group >= 0).any() else np.zeros(1, np.intp)
        if counts.max() < FAN_BUNDLE and not always:
            return None
        # the pens in drawing order (as drawn unbundled: the order decides where fans overlap)
        styles = table.style[rows]
        order = self._order(np.unique(styles))
        rank_of = np.zeros(int(styles.max()) + 1, np.int64)
        rank_of[order] = np.arange(len(order))
        if always or merge:  # (these lines alone) pens that look the same as hairlines, one after
            looks = [(self._pens[st][0].rgba(), self._pens[st][2]) for st in order]  # another: one
            rank_of[order] = np.cumsum([0] + [looks[i] != looks[i - 1] for i in range(1, len(looks))])
        x0, y0, x1, y1 = seen
        owner, b = clip_rays(a, b, (x0 - PAD, y0 - PAD, x1 + PAD, y1 + PAD))
        # no pen hides another's pieces: whether a later line covers an earlier one's pixels
        # cannot be told within half a pixel (hiding them shifted a dense fan's colours)
        covers = np.zeros(int(rank_of[order].max()) + 1, bool)
        pieces, rank = bundle_fans(a[owner], b, rank_of[styles[owner]], group[owner], lod, covers=covers,
                                   fan_min=FAN_BUNDLE, tol=tol)
        by = np.argsort(rank, kind="stable")  # the pieces split by pen in one pass
        firsts = [st for k, st in enumerate(order) if k == 0 or rank_of[st] != rank_of[order[k - 1]]]
        cuts = np.searchsorted(rank[by], np.arange(len(firsts) + 1))
        return {st: pieces[by[cuts[k] : cuts[k + 1]]] for k, st in enumerate(firsts) if cuts[k + 1] > cuts[k]}

    def _stroke_fans(self, painter: QPainter, fans: dict[int, np.ndarray]) -> None:
        """Stroke pieces by style (in the dict's order) as hairlines without antialiasing."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for st, pieces in fans.items():
            painter.setPen(self._hairline(st))
            draw_segments(painter, pieces)
        painter.restore()

    def _order(self, styles: np.ndarray) -> list[int]:
        """The order to draw these styles in: :attr:`beneath` first."""
        out = styles.tolist()
        return sorted(out, key=lambda st: st not in self.beneath) if self.beneath else out

    def draw_selection(self, painter: QPainter, rect: QRectF, lod: float) -> None:
        """The selected flows over everything else: a glow, then the flows themselves —
        or, when many are selected (a Select All), the flows as lines in the selection
        colour: thousands of wide antialiased glows would take seconds a frame."""
        table = self.table
        if not table.size:
            return
        sel = table.selected_rows()
        if len(sel):
            sel = table.boxes_meeting(sel, *_edges(rect))
        if not len(sel):
            return
        painter.save()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if len(sel) > GLOW_MAX:
            pen = QPen(QColor(self.selection_color), 0.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            inside, _cross, segs = table.visible_rows(_edges(rect), only=sel)
            pts = table.pts[inside]
            painter.drawPath(path_from_polylines(pts[:, [0, -1]] if self.detail >= 2 else pts))
            if len(segs[0]):
                painter.drawPath(path_from_polylines(segs[0]))
            painter.restore()
            return
        glow = QColor(self.selection_color)
        glow.setAlpha(90)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for row in sel:  # each its own path: one stroked path of many overlapping glows is slow
            pen = QPen(glow, float(table.width[row]) + 7 if self.detail == 0 else 5.0)
            pen.setCosmetic(self.detail != 0)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            path = path_from_polylines(table.pts[row : row + 1])
            if self.detail < 2:
                path.addPath(path_from_polylines(table.head[row : row + 1], closed=True))
            painter.drawPath(path)
        painter.restore()
        painter.save()
        # the selected flows again, over their glow, with their labels: all of them, also
        # those that make way for a stronger flow's label elsewhere
        self._draw_flows(painter, rect, lod, None, None, cached=False, only=sel, backdrop=False, heads=True)
        if self.labels and self.detail == 0:
            self._draw_labels(painter, rect, lod, None, False, sel, every=True)
        painter.restore()

    def draw_floating(self, painter: QPainter, rect: QRectF, lod: float) -> None:
        """The flows being dragged (drawn over the frame cache, which has none of them)."""
        lifted = self.table.floating_rows()
        if len(lifted) and self.offsets:
            self._draw_moving(painter, rect, lod, lifted)
        elif len(lifted):
            painter.save()
            # many (a dragged hub's): hairlines without heads while they move (the heads of
            # thousands of flows into the hub are one blob, and costly to fill every frame)
            many = len(lifted) > DENSE_PIECES
            self.draw(painter, rect, lod, True if many else None, only=lifted, backdrop=False, heads=not many)
            painter.restore()
