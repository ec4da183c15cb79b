"""Diagram layer (engine side, no Qt): the flow table — every flow of a canvas as one row
of numpy arrays.

With 52,000 flows, one object per flow costs seconds per frame; here a flow is a row: its
polyline ``pts`` (``(K, 2)``, the routed curve sampled), the ends of its route (``ends``:
source end, control point, shaft end, apex), arrowhead ``head``, bounding ``box``, stroke
``width``, ``style`` index (what the painter draws it with), whether it is ``shown``,
``curved``, ``floating`` (being dragged), ``selected``, and its ends as entity indices
(``src_idx``, ``dst_idx``, ``flip``). Rows are allocated per flow id and reused when a
flow goes; queries (culling a rect, clipping long flows to it) are a few vectorised numpy
calls, never a loop over flows. Hit tests live in :mod:`ecodesk.diagram.flowhits`; the
Qt side (``ecodesk.ui.canvas.flow_layer``) paints the rows.

numpy is imported with the first row, so an empty window starts without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from ecodesk.diagram.routes import Routes
else:
    np: Any = None  # imported with the first row


def load_numpy() -> Any:
    """numpy, imported on first use (and bound to this module's ``np``)."""
    global np
    if np is None:
        import numpy

        np = numpy
    return np


K = 9  # points of a flow's polyline (the quadratic curve sampled; see routes.K)
PAD = 12.0  # a culling rect is padded by this much (stroke widths and arrowheads)

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 (scene units)
Visible = tuple["np.ndarray", "np.ndarray", tuple["np.ndarray", "np.ndarray"]]


def _as_slice(rows: np.ndarray) -> np.ndarray | slice:
    """``rows`` as a slice when they are one ascending run (the same rows, cheaper to write)."""
    n = len(rows)
    if n > 1 and rows[-1] - rows[0] == n - 1 and bool((np.diff(rows) == 1).all()):
        return slice(int(rows[0]), int(rows[0]) + n)
    return rows


class FlowTable:
    """The rows of every flow of a scene (see the module docstring).

    The arrays are public and indexed by row (``table.pts[row]``); only the first
    :attr:`size` rows are in use (some of them free: ``id_of(row)`` is None)."""

    pts: np.ndarray  # (cap, K, 2) float
    ends: np.ndarray  # (cap, 4, 2) float: source end, control point, shaft end, apex
    head: np.ndarray  # (cap, 4, 2) float: arrowhead tip, wing, notch, wing
    box: np.ndarray  # (cap, 4) float x0, y0, x1, y1 (NaN: not routed)
    width: np.ndarray  # (cap,) float
    style: np.ndarray  # (cap,) int32
    shown: np.ndarray  # (cap,) bool
    curved: np.ndarray  # (cap,) bool
    floating: np.ndarray  # (cap,) bool: being dragged
    selected: np.ndarray  # (cap,) bool
    src_idx: np.ndarray  # (cap,) intp: the scene's entity index of the source (-1: none)
    dst_idx: np.ndarray  # (cap,) intp
    flip: np.ndarray  # (cap,) bool: source id sorts after target id (the bend's side)

    _COLUMNS: tuple[tuple[str, tuple[int, ...], str, float], ...] = (
        ("pts", (K, 2), "float64", 0.0),
        ("ends", (4, 2), "float64", 0.0),
        ("head", (4, 2), "float64", 0.0),
        ("box", (4,), "float64", float("nan")),
        ("width", (), "float64", 1.0),
        ("style", (), "int32", 0),
        ("shown", (), "bool", False),
        ("curved", (), "bool", False),
        ("floating", (), "bool", False),
        ("selected", (), "bool", False),
        ("src_idx", (), "intp", -1),
        ("dst_idx", (), "intp", -1),
        ("flip", (), "bool", False),
    )

    def __init__(self) -> None:
        self._cap = 0
        self._n = 0
        self._rows: dict[str, int] = {}
        self._ids: list[str | None] = []  # row -> flow id (None: a free row)
        self._free: list[int] = []

    def _grow(self, cap: int) -> None:
        load_numpy()
        for name, shape, dtype, fill in self._COLUMNS:
            new = np.full((cap, *shape), fill, dtype=dtype)
            if self._cap:
                new[: self._cap] = getattr(self, name)
            setattr(self, name, new)
        self._cap = cap

    # rows ------------------------------------------------------------------------
    def __len__(self) -> int:
        """Number of flows (rows in use and not free)."""
        return len(self._rows)

    @property
    def size(self) -> int:
        """Rows handed out so far (free ones included): the arrays' live prefix."""
        return self._n

    def row_of(self, flow_id: str) -> int | None:
        return self._rows.get(flow_id)

    def id_of(self, row: int) -> str | None:
        return self._ids[row]

    def ids_of(self, rows: Sequence[int] | np.ndarray) -> list[str]:
        ids = self._ids
        return [i for r in rows if (i := ids[int(r)]) is not None]

    def rows_for(self, flow_ids: Sequence[str]) -> np.ndarray:
        """The rows of these flows, allocating rows for new ones."""
        load_numpy()
        rows, free, ids = self._rows, self._free, self._ids
        new = set(flow_ids).difference(rows)
        if not new:  # all known (a restyle, a reroute): one C-level pass
            return np.fromiter(map(rows.__getitem__, flow_ids), np.intp, len(flow_ids))
        need = len(new) - len(free)
        if self._n + max(need, 0) > self._cap:
            self._grow(max(1024, self._cap * 2, self._n + need))
        if not free and len(new) == len(flow_ids):  # all new and distinct (a load): appended
            start = self._n
            rows.update(zip(flow_ids, range(start, start + len(flow_ids))))
            ids.extend(flow_ids)
            self._n += len(flow_ids)
            return np.arange(start, self._n, dtype=np.intp)
        out = np.empty(len(flow_ids), dtype=np.intp)
        for i, fid in enumerate(flow_ids):
            row = rows.get(fid)
            if row is None:
                if free:
                    row = free.pop()
                    ids[row] = fid
                else:
                    row = self._n
                    self._n += 1
                    ids.append(fid)
                rows[fid] = row
            out[i] = row
        return out

    def remove(self, flow_id: str) -> np.ndarray | None:
        """Free the row of ``flow_id``; returns its old box (``(1, 4)``), None if unknown."""
        row = self._rows.pop(flow_id, None)
        if row is None:
            return None
        old = self.box[row : row + 1].copy()
        self.shown[row] = False
        self.floating[row] = False
        self.selected[row] = False
        self.src_idx[row] = self.dst_idx[row] = -1
        self.box[row] = np.nan
        self._ids[row] = None
        self._free.append(row)
        return old

    def clear(self) -> None:
        self._rows.clear()
        self._ids.clear()
        self._free.clear()
        self._n = 0
        if self._cap:
            self.shown[:] = False
            self.floating[:] = False
            self.selected[:] = False
            self.box[:] = np.nan

    # columns ---------------------------------------------------------------------
    def set_routes(self, rows: np.ndarray, routes: Routes) -> np.ndarray:
        """Set the geometry of ``rows`` from ``routes`` (after their widths: the box is
        padded by the stroke width); returns their old boxes."""
        at = _as_slice(rows)  # (a load's rows are one run: written without fancy indexing)
        old = self.box[at].copy()
        pts = routes.polylines()
        self.pts[at] = pts
        ends = self.ends[at] if isinstance(at, slice) else np.empty((len(rows), 4, 2))
        for i, col in enumerate((routes.p0, routes.ctrl, routes.end, routes.apex)):
            ends[:, i] = col
        if not isinstance(at, slice):
            self.ends[at] = ends
        self.head[at] = routes.head
        self.curved[at] = routes.curved
        pad = (self.width[at] / 2 + 1)[:, None]
        box = np.empty((len(rows), 4))
        np.minimum(pts.min(axis=1), routes.head.min(axis=1), out=box[:, :2])
        np.maximum(pts.max(axis=1), routes.head.max(axis=1), out=box[:, 2:])
        box[:, :2] -= pad
        box[:, 2:] += pad
        self.box[at] = box
        return old

    def set_styles(self, rows: np.ndarray, styles: np.ndarray, widths: np.ndarray) -> None:
        self.style[rows] = styles
        self.width[rows] = widths

    def set_links(self, rows: np.ndarray, src: np.ndarray, dst: np.ndarray, flip: np.ndarray) -> None:
        """The ends of ``rows`` as the scene's entity indices (-1: not on the canvas)."""
        self.src_idx[rows] = src
        self.dst_idx[rows] = dst
        self.flip[rows] = flip

    def route(self, flow_id: str) -> tuple[np.ndarray, bool, np.ndarray, float] | None:
        """``(ends, curved, head, width)`` of a flow (see the class docstring), or None."""
        row = self._rows.get(flow_id)
        if row is None or np.isnan(self.box[row, 0]):
            return None
        return self.ends[row].copy(), bool(self.curved[row]), self.head[row].copy(), float(self.width[row])

    def floating_rows(self) -> np.ndarray:
        if not self._n:  # an empty table may come before numpy is loaded (a blank project)
            return load_numpy().empty(0, load_numpy().intp)
        return np.flatnonzero(self.floating[: self._n])

    def selected_rows(self) -> np.ndarray:
        """Rows selected and shown."""
        if not self._n:
            return load_numpy().empty(0, load_numpy().intp)
        return np.flatnonzero(self.selected[: self._n] & self.shown[: self._n])

    # queries ---------------------------------------------------------------------
    def candidates(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """Shown rows whose box overlaps the rect."""
        if not self._n:
            return load_numpy().empty(0, load_numpy().intp)
        box = self.box[: self._n]
        with np.errstate(invalid="ignore"):
            cand = self.shown[: self._n] & (box[:, 0] <= x1) & (box[:, 2] >= x0) & (box[:, 1] <= y1)
            cand &= box[:, 3] >= y0
        return np.flatnonzero(cand)

    def boxes_meeting(self, rows: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        """Those of ``rows`` whose box overlaps the rect."""
        b = self.box[rows]
        return rows[(b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)]

    def visible_rows(
        self,
        rect: Rect,
        touching: Sequence[Rect] | None = None,
        *,
        only: np.ndarray | None = None,
        lifted: bool = True,
    ) -> Visible:
        """Rows seen in ``rect`` (padded by :data:`PAD`): ``(inside, crossing, segments)`` —
        rows whose box lies inside the rect, rows whose box only overlaps it, and for those
        the parts of their segments inside the rect, clipped (``(m, 2, 2)`` with the index
        into ``crossing`` of each piece; Liang–Barsky, vectorised). Stroking only clipped
        pieces keeps the long hub flows cheap; a straight flow is clipped as one segment.
        With ``touching`` (rects within ``rect``), only rows whose box meets one of them
        count; with ``only``, only those rows; ``lifted=False`` leaves out the floating rows."""
        x0, y0, x1, y1 = rect[0] - PAD, rect[1] - PAD, rect[2] + PAD, rect[3] + PAD
        if not self._n:
            npm = load_numpy()  # an empty table may come before numpy is loaded (a blank project)
            empty = npm.empty(0, npm.intp)
            return empty, empty, (npm.empty((0, 2, 2)), empty)
        if only is not None:  # a few rows (the dragged ones): test just those
            b = self.box[only]
            with np.errstate(invalid="ignore"):
                keep = self.shown[only] & (b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)
            rows = np.sort(only[keep])
        else:
            rows = self.candidates(x0, y0, x1, y1)
            if not lifted:
                rows = rows[~self.floating[rows]]
        if touching:
            t = np.array([[r[0] - PAD, r[1] - PAD, r[2] + PAD, r[3] + PAD] for r in touching])
            b = self.box[rows][:, None, :]
            meets = (b[..., 0] <= t[:, 2]) & (b[..., 2] >= t[:, 0]) & (b[..., 1] <= t[:, 3]) & (b[..., 3] >= t[:, 1])
            rows = rows[meets.any(axis=1)]
        b = self.box[rows]
        inside = (b[:, 0] >= x0) & (b[:, 2] <= x1) & (b[:, 1] >= y0) & (b[:, 3] <= y1)
        cross = rows[~inside]
        curved = self.curved[cross]
        bent = np.flatnonzero(curved)
        flat = np.flatnonzero(~curved)
        pb, ob = clip_segments(self.pts[cross[bent]], x0, y0, x1, y1)
        pf, of = clip_segments(self.pts[cross[flat]][:, [0, -1]], x0, y0, x1, y1)
        segs = (np.concatenate([pb, pf]), np.concatenate([bent[ob], flat[of]]))
        return rows[inside], cross, segs

    def heads_near(self, rows: np.ndarray, rect: Rect) -> np.ndarray:
        """Those of ``rows`` with an arrowhead point in ``rect`` padded by :data:`PAD`."""
        x0, y0, x1, y1 = rect[0] - PAD, rect[1] - PAD, rect[2] + PAD, rect[3] + PAD
        h = self.head[rows]
        near = (h[..., 0] >= x0) & (h[..., 0] <= x1) & (h[..., 1] >= y0) & (h[..., 1] <= y1)
        return rows[near.any(axis=1)]

    def segment_boxes(self, rows: np.ndarray, heads: bool = True) -> np.ndarray:
        """Padded boxes (``(m, 4)``) of the segments of the routed ``rows`` (and of their
        arrowheads' edges) — the tight area a few moved flows repaint."""
        return np.concatenate(
            [segment_boxes(self.pts[rows], self.box[rows, 0], self.width[rows])]
            + ([segment_boxes(self.head[rows], self.box[rows, 0], self.width[rows])] if heads else [])
        )

    def union_box(self, rows: np.ndarray) -> Rect | None:
        """The box around the routed ``rows`` (None: none routed)."""
        return union_box(self.box[rows])


def union_box(boxes: np.ndarray) -> Rect | None:
    """The box around ``boxes`` (``(m, 4)`` rows x0, y0, x1, y1; NaN rows skipped)."""
    if not len(boxes) or np.isnan(boxes[:, 0]).all():
        return None
    with np.errstate(invalid="ignore"):
        return (
            float(np.nanmin(boxes[:, 0])),
            float(np.nanmin(boxes[:, 1])),
            float(np.nanmax(boxes[:, 2])),
            float(np.nanmax(boxes[:, 3])),
        )


def clip_segments(p: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> tuple[np.ndarray, np.ndarray]:
    """Clip the segments of polylines ``p`` (``(n, k, 2)``) to a rect: ``(pieces (m, 2, 2),
    index into p of each piece)``."""
    if not len(p):
        return np.empty((0, 2, 2)), np.empty(0, np.intp)
    a, b = p[:, :-1].reshape(-1, 2), p[:, 1:].reshape(-1, 2)
    owner = np.repeat(np.arange(len(p)), p.shape[1] - 1)
    dx, dy = b[:, 0] - a[:, 0], b[:, 1] - a[:, 1]
    t0 = np.zeros(len(a))
    t1 = np.ones(len(a))
    ok = np.ones(len(a), bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for pp, q in ((-dx, a[:, 0] - x0), (dx, x1 - a[:, 0]), (-dy, a[:, 1] - y0), (dy, y1 - a[:, 1])):
            r = q / pp
            ok &= ~((pp == 0) & (q < 0))
            t0 = np.where(pp < 0, np.maximum(t0, r), t0)
            t1 = np.where(pp > 0, np.minimum(t1, r), t1)
    ok &= t0 <= t1
    a, dx, dy, t0, t1 = a[ok], dx[ok], dy[ok], t0[ok], t1[ok]
    pieces = np.empty((len(a), 2, 2))
    pieces[:, 0, 0] = a[:, 0] + t0 * dx
    pieces[:, 0, 1] = a[:, 1] + t0 * dy
    pieces[:, 1, 0] = a[:, 0] + t1 * dx
    pieces[:, 1, 1] = a[:, 1] + t1 * dy
    return pieces, owner[ok]


def segment_boxes(p: np.ndarray, valid: np.ndarray, width: np.ndarray) -> np.ndarray:
    """Boxes (``(m, 4)``) of the segments of polylines ``p`` (``(n, k, 2)``), each padded
    by its polyline's ``width / 2 + 3``; polylines where ``valid`` is NaN are skipped."""
    keep = ~np.isnan(valid)
    p, width = p[keep], width[keep]
    if not len(p):
        return np.empty((0, 4))
    a, b = p[:, :-1], p[:, 1:]
    pad = (width / 2 + 3)[:, None, None]
    lo = np.minimum(a, b) - pad
    hi = np.maximum(a, b) + pad
    return np.concatenate([lo, hi], axis=2).reshape(-1, 4)
