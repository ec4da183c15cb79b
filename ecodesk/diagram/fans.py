"""Diagram layer (engine side, no Qt): fans of straight hairlines bundled for drawing.

At overview zoom (and while a hub is dragged) flows are straight hairlines, and most of
them leave a few entities with many flows (the platform hub has 27,500): drawn one by one,
the fan's lines overdraw the same pixels dozens of times — a frame costs tens of millions
of pixels for a view of 1.6 million. :func:`bundle_fans` draws such a fan as the same
pixels within a tolerance (half a pixel by default), in polar rings around each fan's
origin: ring ``k`` reaches from radius ``r0·2^(k-1)`` to ``r0·2^k`` (pixels), and in it
the lines of one style whose angles fall into one bin of width ``tol / r_k`` are one piece
(the longest of them): two lines in one bin are never more than ``tol`` apart within the
ring. The pieces of a fan then cost about the area it covers, not its lines times their
length; small groups are left as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ecodesk.diagram.flowtable import load_numpy

if TYPE_CHECKING:
    import numpy as np

FAN_MIN = 48  # lines from one origin from which they are bundled
RING0 = 64.0  # radius (pixels) of the innermost ring (the hub's shape covers most of it)
TOLERANCE = 0.5  # pixels a bundled line may lie from the piece drawn for it


def fan_origins(src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For lines from entity ``src`` to ``dst`` (indices, -1: none): ``(origin entity,
    whether the origin is the source)`` — the end with more of these lines."""
    np = load_numpy()
    n = int(max(src.max(initial=-1), dst.max(initial=-1))) + 2
    deg = np.bincount(src + 1, minlength=n) + np.bincount(dst + 1, minlength=n)
    deg[0] = 0  # -1: no entity
    at_src = deg[src + 1] >= deg[dst + 1]
    return np.where(at_src, src, dst), at_src


def clip_rays(a: np.ndarray, b: np.ndarray, rect: tuple[float, float, float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Lines ``a -> b`` cut at their exit from ``rect`` (x0, y0, x1, y1): ``(index of each
    line meeting the rect, its end there)`` — a fan's rings then stop at the view's edge.
    (Liang–Barsky as :func:`~ecodesk.diagram.flowtable.clip_segments`, the same ends, on
    the two columns in place: a hub's 27,500 lines every frame of its drag.)"""
    np = load_numpy()
    x0, y0, x1, y1 = rect
    ax, ay = a[:, 0], a[:, 1]
    dx, dy = b[:, 0] - ax, b[:, 1] - ay
    if ((ax >= x0) & (ax <= x1) & (ay >= y0) & (ay <= y1)).all():  # (a dragged hub in view) all leave it
        with np.errstate(divide="ignore", invalid="ignore"):
            tx = (np.where(dx > 0, x1, x0) - ax) / dx
            ty = (np.where(dy > 0, y1, y0) - ay) / dy
        tx[dx == 0] = np.inf  # (parallel to the sides: no bound)
        ty[dy == 0] = np.inf
        t = np.minimum(np.minimum(tx, ty, out=tx), 1.0, out=tx)
        end = np.empty((len(a), 2))
        end[:, 0] = ax + t * dx
        end[:, 1] = ay + t * dy
        return np.arange(len(a)), end
    t0 = np.zeros(len(a))
    t1 = np.ones(len(a))
    ok = np.ones(len(a), bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        for pp, q in ((-dx, ax - x0), (dx, x1 - ax), (-dy, ay - y0), (dy, y1 - ay)):
            r = q / pp
            ok &= (pp != 0) | (q >= 0)
            np.maximum(t0, r, out=t0, where=pp < 0)
            np.minimum(t1, r, out=t1, where=pp > 0)
    ok &= t0 <= t1
    owner = np.flatnonzero(ok)
    t = t1[owner]
    end = np.empty((len(owner), 2))
    end[:, 0] = ax[owner] + t * dx[owner]
    end[:, 1] = ay[owner] + t * dy[owner]
    return owner, end


def bundle_fans(
    a: np.ndarray,
    b: np.ndarray,
    rank: np.ndarray,
    group: np.ndarray,
    scale: float,
    *,
    covers: np.ndarray | None = None,
    tol: float = TOLERANCE,
    r0: float = RING0,
    fan_min: int = FAN_MIN,
    solid: np.ndarray | None = None,
    hide_under: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Straight lines from ``a`` (their fan's origin side, ``(n, 2)`` scene) to ``b``,
    drawn in order of ``rank`` (``(n,)`` ints: their pen, pens drawn one after another), in
    fans ``group`` (``(n,)`` ints: the origin entity; -1 none), at ``scale`` pixels per
    scene unit: ``(pieces (m, 2, 2), rank of each)`` that give the same pixels within
    ``tol`` (see the module docstring). Within a ring's bin a pen's piece stops where a
    later solid pen (``covers[rank]``; None: all solid) already covers it. Lines of groups
    with fewer than ``fan_min`` lines are returned whole. One sort, then a sort and a few
    linear passes a ring; where no pen covers another, one sort in all (:func:`_bundle_open`;
    there, with ``hide_under`` and the ``solid`` pens by rank, a single fan's piece lying under
    that many later solid pens' pieces that run through its whole ring in its bin is left out)."""
    np = load_numpy()
    rank = np.asarray(rank, dtype=np.int64)
    if not len(a):
        return np.empty((0, 2, 2)), np.empty(0, np.int64)
    group = np.asarray(group, dtype=np.int64)
    if covers is not None and not np.asarray(covers, bool)[: int(rank.max()) + 1].any():
        return _bundle_open(a, b, rank, group, scale, tol, r0, fan_min, solid, hide_under)
    _, inv, counts = np.unique(group, return_inverse=True, return_counts=True)
    big = (counts[inv] >= fan_min) & (group >= 0)
    out_p = [np.stack([a[~big], b[~big]], axis=1)]
    out_r = [rank[~big]]
    if big.any():
        a, b, rank, dense = a[big], b[big], rank[big], inv[big]
        n_rank = int(rank.max()) + 1
        solid = np.ones(n_rank, bool) if covers is None else np.asarray(covers, bool)[:n_rank]
        d = (b - a) * scale
        length = np.hypot(d[:, 0], d[:, 1])
        with np.errstate(invalid="ignore", divide="ignore"):
            unit = np.where(length[:, None] > 0, d / length[:, None], 0.0)
        theta = np.arctan2(d[:, 1], d[:, 0]) + np.pi  # 0 .. 2π
        order = np.argsort(dense * 8.0 + theta)  # by fan, then angle (θ < 8): one float sort
        a, unit = a[order], unit[order]
        idx = np.arange(len(order))  # into ``a`` and ``unit`` (sorted): gathered only for pieces
        rank, dense, theta, length = rank[order], dense[order].astype(np.int64), theta[order], length[order]
        alone_ok = not solid.any()  # (with covering pens, a lone line's cover changes further out)
        lo, r = 0.0, r0
        while len(length):
            n_bins = int(2 * np.pi * r / tol) + 2
            bins = dense * n_bins + np.floor(theta * (r / tol)).astype(np.int64)  # (fan, angle bin)
            new = np.ones(len(bins), bool)
            np.not_equal(bins[1:], bins[:-1], out=new[1:])
            seg = np.cumsum(new) - 1  # the bin of each line (non-decreasing)
            # per (bin, pen): the longest line (sorted by pen within each bin)
            by = np.argsort(seg * n_rank + rank)
            s_seg, s_rank = seg[by], rank[by]
            first = np.ones(len(by), bool)
            first[1:] = (s_seg[1:] != s_seg[:-1]) | (s_rank[1:] != s_rank[:-1])
            starts = np.flatnonzero(first)
            longest = np.maximum.reduceat(length[by], starts)
            e_seg, e_rank = s_seg[starts], s_rank[starts]
            # how far the later solid pens of the same bin reach: a running maximum from the
            # bin's last pen backwards, restarting at each bin (the bin's number lifts it)
            big = 2.0 * float(length.max()) + 1.0
            lift = (e_seg[-1] - e_seg) * big
            v = lift + np.where(solid[e_rank], longest, 0.0)
            run = np.maximum.accumulate(v[::-1])[::-1]
            cover = np.zeros(len(starts))
            same = e_seg[1:] == e_seg[:-1]
            cover[:-1] = np.where(same, run[1:] - lift[:-1], 0.0)
            start_at = np.maximum(cover, lo)
            hi = np.minimum(longest, r)
            if alone_ok:  # a pen's line alone in its bin stays alone further out: drawn whole now
                alone = np.diff(np.append(starts, len(by))) == 1
                hi = np.where(alone, longest, hi)
            keep = hi > start_at
            line = idx[by[starts[keep]]]  # (its direction stands for the bin's)
            u = unit[line]
            p = np.empty((len(line), 2, 2))
            p[:, 0] = a[line] + u * (start_at[keep][:, None] / scale)
            p[:, 1] = a[line] + u * (hi[keep][:, None] / scale)
            out_p.append(p)
            out_r.append(e_rank[keep])
            on = length > r
            if alone_ok:
                on[by[starts[alone]]] = False
            idx, rank, dense, theta, length = idx[on], rank[on], dense[on], theta[on], length[on]
            lo, r = r, 2 * r
    return np.concatenate(out_p), np.concatenate(out_r)


def _bundle_open(
    a: np.ndarray, b: np.ndarray, rank: np.ndarray, group: np.ndarray, scale: float, tol: float, r0: float,
    fan_min: int, solid: np.ndarray | None = None, hide_under: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`bundle_fans` where no pen covers another (every pen keeps all its pixels):
    a pen's pieces then do not depend on the other pens in their bin, so the lines are
    sorted once by (fan, pen, angle) and every ring's (fan, pen, bin) groups are runs of
    that order — no sort per ring; the pieces are made in one pass at the end. The same
    pieces as the general path (each group's direction that of one of its lines).

    With ``hide_under`` (k > 0; one fan only): a piece that ends within its ring is left out
    where k later ``solid`` pens have pieces in its bin that run through the whole ring —
    within a bin (a pixel or less across) k later lines leave an earlier one hardly a pixel
    (a hub's drag: a fifth fewer pixels to stroke, the same look; see the drag's tests)."""
    np = load_numpy()
    one = bool(group[0] >= 0 and len(group) >= fan_min and (group == group[0]).all())  # (a dragged hub's)
    if one:
        big = np.ones(len(group), bool)
    else:
        counts = np.bincount(group + 1)
        counts[0] = 0  # -1: no fan
        big = counts[group + 1] >= fan_min
    out_p, out_r = [], []
    if not big.all():
        out_p.append(np.stack([a[~big], b[~big]], axis=1))
        out_r.append(rank[~big])
        a, b, rank, group = a[big], b[big], rank[big], group[big]
    if len(a):
        d = (b - a) * scale
        length = np.hypot(d[:, 0], d[:, 1])
        theta = np.arctan2(d[:, 1], d[:, 0])
        theta += np.pi  # 0 .. 2π
        n_rank = int(rank.max()) + 1
        run = group * n_rank + rank  # (fan, pen)
        solid_of = np.zeros(n_rank + 1, bool)  # (the last: no pen)
        if hide_under > 0 and one and solid is not None:
            solid_of[: min(n_rank, len(solid))] = np.asarray(solid, bool)[:n_rank]
        hide = bool(solid_of.any())
        order = np.argsort(run * 8.0 + theta)  # by fan and pen, then angle (θ < 8): one float sort
        pos, run, theta, length_s = order, run[order], theta[order], length[order]  # (pos: into a, d)
        lines, los, his = [], [], []
        lo, r = 0.0, r0
        while len(pos):
            bins = (theta * (r / tol)).astype(np.int64)  # the angle bin (θ >= 0: floor)
            first = np.empty(len(bins), bool)
            first[0] = True
            np.not_equal(bins[1:], bins[:-1], out=first[1:])
            first[1:] |= run[1:] != run[:-1]
            starts = np.flatnonzero(first)
            longest = np.maximum.reduceat(length_s, starts)
            alone = np.diff(starts, append=len(bins)) == 1  # stays alone further out: drawn whole now
            hi = np.where(alone, longest, np.minimum(longest, r))
            keep = hi > lo
            if hide:  # later solid pens through the whole ring, per bin: a table pens × bins
                g_bin, g_col = bins[starts], n_rank - run[starts] % n_rank  # (one fan; later pen: left)
                full = solid_of[n_rank - g_col] & (hi >= r)
                table = np.zeros((n_rank + 1, int(g_bin.max()) + 1), np.int16)
                table[g_col[full], g_bin[full]] = 1
                for c in range(1, n_rank + 1):  # [c, bin]: such pens in columns <= c (row by row:
                    table[c] += table[c - 1]  # numpy's cumsum along this axis is ten times slower)
                keep &= (table[g_col - 1, g_bin] < hide_under) | (hi > r)
            keep = np.flatnonzero(keep)
            lines.append(pos[starts[keep]])  # (its direction stands for the group's)
            los.append(np.full(len(keep), lo))
            his.append(hi[keep])
            on = length_s > r
            on[starts[alone]] = False
            on = np.flatnonzero(on)
            pos, run, theta, length_s = pos[on], run[on], theta[on], length_s[on]
            lo, r = r, 2 * r
        line = np.concatenate(lines)
        reach = 1.0 / length[line]  # (a piece has length > 0) the fraction of a line a pixel is
        f0, f1 = np.concatenate(los) * reach, np.concatenate(his) * reach
        ax, ay = a[:, 0][line], a[:, 1][line]  # (columns: cheaper gathers than rows)
        ex, ey = b[:, 0][line] - ax, b[:, 1][line] - ay
        p = np.empty((len(line), 2, 2))
        p[:, 0, 0] = ax + ex * f0
        p[:, 0, 1] = ay + ey * f0
        p[:, 1, 0] = ax + ex * f1
        p[:, 1, 1] = ay + ey * f1
        out_p.append(p)
        out_r.append(rank[line])
    if not out_p:
        return np.empty((0, 2, 2)), np.empty(0, np.int64)
    return np.concatenate(out_p), np.concatenate(out_r)
