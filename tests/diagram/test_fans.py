"""Fans of straight hairlines bundled for drawing (issue 19): the pieces lie within the
tolerance of every line they stand for, a later solid pen hides an earlier one only where
it really covers it, and a dense fan costs far fewer pixels."""

from __future__ import annotations

import numpy as np

from ecodesk.diagram.fans import bundle_fans, clip_rays, fan_origins


def _dist_to_pieces(pts: np.ndarray, pieces: np.ndarray) -> np.ndarray:
    """Distance (scene) from each point to the nearest piece."""
    a, b = pieces[:, 0], pieces[:, 1]
    ab = b - a
    t = np.clip(((pts[:, None, :] - a) * ab).sum(-1) / np.maximum((ab * ab).sum(-1), 1e-12), 0, 1)
    near = a + t[..., None] * ab
    return np.hypot(*(pts[:, None, :] - near).transpose(2, 0, 1)).min(axis=1)


def _fan(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = np.zeros((n, 2))
    ang = rng.uniform(0.3, 1.2, n)
    r = rng.uniform(50, 400, n)
    return a, np.column_stack([np.cos(ang) * r, np.sin(ang) * r])


def test_every_line_lies_within_tolerance_of_a_piece_of_its_pen():
    a, b = _fan(3000)
    rank = np.arange(3000) % 3
    scale, tol = 2.0, 0.5  # pixels per unit: lines up to 800 px long
    pieces, prank = bundle_fans(a, b, rank, np.zeros(3000, np.int64), scale, tol=tol, fan_min=10,
                                covers=np.zeros(3, bool))  # nothing covers: each pen keeps all its pixels
    assert len(pieces) < 3000 * 6
    for k in range(3):
        mine = pieces[prank == k]
        lines = np.flatnonzero(rank == k)[::25]
        ts = np.linspace(0.02, 1.0, 12)
        pts = (a[lines, None, :] + ts[None, :, None] * (b - a)[lines, None, :]).reshape(-1, 2)
        assert _dist_to_pieces(pts, mine).max() * scale <= tol + 1e-6


def test_a_later_solid_pen_hides_the_earlier_only_where_it_reaches():
    # two pens on the same ray: pen 1 (drawn later) to 100, pen 0 to 300
    a = np.zeros((2, 2))
    b = np.array([[300.0, 0.0], [100.0, 0.0]])
    pieces, rank = bundle_fans(a, b, np.array([0, 1]), np.zeros(2, np.int64), 1.0, fan_min=1)
    p0 = pieces[rank == 0]
    p1 = pieces[rank == 1]
    assert np.isclose(p1[:, :, 0].max(), 100) and np.isclose(p1[:, :, 0].min(), 0)
    assert np.isclose(p0[:, :, 0].min(), 100) and np.isclose(p0[:, :, 0].max(), 300)  # only beyond pen 1
    # a dashed later pen covers nothing
    pieces, rank = bundle_fans(a, b, np.array([0, 1]), np.zeros(2, np.int64), 1.0, fan_min=1,
                               covers=np.array([True, False]))
    assert np.isclose(pieces[rank == 0][:, :, 0].min(), 0)


def test_dense_fan_costs_a_fraction_of_its_pixels_and_small_groups_stay_whole():
    a, b = _fan(20000, seed=3)
    a = a + 5.0
    b = b + 5.0
    rank = np.zeros(20000, np.int64)
    pieces, _ = bundle_fans(a, b, rank, np.zeros(20000, np.int64), 2.0)
    length = lambda p: np.hypot(*(p[:, 1] - p[:, 0]).T).sum()  # noqa: E731
    assert length(pieces) < 0.2 * np.hypot(*(b - a).T).sum()
    few, _ = bundle_fans(a[:10], b[:10], rank[:10], np.zeros(10, np.int64), 2.0)
    assert np.allclose(few, np.stack([a[:10], b[:10]], axis=1))


def test_fan_origins_and_clip_rays():
    src = np.array([0, 0, 0, 3, -1])
    dst = np.array([1, 2, 3, 0, 4])
    origin, at_src = fan_origins(src, dst)
    assert origin.tolist() == [0, 0, 0, 0, 4] and at_src.tolist() == [True, True, True, False, False]
    owner, end = clip_rays(np.array([[0.0, 0.0], [50.0, 50.0]]), np.array([[100.0, 0.0], [60.0, 60.0]]),
                           (-10, -10, 20, 20))
    assert owner.tolist() == [0] and np.allclose(end[0], [20.0, 0.0])


def _reference_open(a, b, rank, group, scale, tol, r0, fan_min):
    """Bundling without covering pens as the module docstring says, one dict per ring:
    ``{pen: sorted (start, end) radii}`` of every piece (pixels from the line's start)."""
    out: dict[int, list[tuple[float, float]]] = {}
    d = (b - a) * scale
    length = np.hypot(d[:, 0], d[:, 1])
    theta = np.arctan2(d[:, 1], d[:, 0]) + np.pi
    counts = {g: int((group == g).sum()) for g in set(group.tolist())}
    on = [i for i in range(len(a)) if counts[group[i]] >= fan_min and group[i] >= 0]
    for i in set(range(len(a))) - set(on):
        out.setdefault(int(rank[i]), []).append((0.0, float(length[i])))
    lo, r = 0.0, r0
    while on:
        cells: dict[tuple[int, int, int], list[int]] = {}
        for i in on:
            cells.setdefault((int(group[i]), int(rank[i]), int(np.floor(theta[i] * r / tol))), []).append(i)
        nxt = []
        for (_g, k, _bin), members in cells.items():
            longest = max(length[i] for i in members)
            hi = longest if len(members) == 1 else min(longest, r)
            if hi > lo:
                out.setdefault(k, []).append((lo, float(hi)))
            if len(members) > 1:
                nxt += [i for i in members if length[i] > r]
        on, lo, r = nxt, r, 2 * r
    return {k: sorted(v) for k, v in out.items()}


def test_open_bundling_sorts_once_and_gives_the_pieces_of_the_rings():
    # no pen covers another: the one-sort path gives, pen by pen, exactly the pieces the
    # rings define, for two fans (origins (0, 0) and (900, 40)) and stray lines (pen 4)
    rng = np.random.default_rng(11)
    a1, b1 = _fan(2500, seed=5)
    a2, b2 = _fan(600, seed=6)
    shift = np.array([900.0, 40.0])
    a = np.concatenate([a1, a2 + shift, rng.uniform(0, 50, (30, 2))])
    b = np.concatenate([b1, b2 + shift, rng.uniform(0, 50, (30, 2))])
    group = np.array([3] * 2500 + [7] * 600 + [-1] * 30)
    rank = np.concatenate([rng.integers(0, 4, 3100), np.full(30, 4)])
    scale, tol = 1.7, 1.0
    pieces, prank = bundle_fans(a, b, rank, group, scale, tol=tol, fan_min=100, covers=np.zeros(5, bool))
    want = _reference_open(a, b, rank, group, scale, tol, 64.0, 100)
    for k in range(4):
        mine = pieces[prank == k]
        origin = np.where(mine[:, :1, 0] > 450, shift, 0.0)  # (the fans lie 900 apart)
        start = np.hypot(*(mine[:, 0] - origin).T) * scale
        end = np.hypot(*(mine[:, 1] - origin).T) * scale
        got = sorted(zip(np.round(start, 6).tolist(), np.round(end, 6).tolist(), strict=True))
        assert got == sorted((round(s, 6), round(e, 6)) for s, e in want[k])
    strays = np.sort(pieces[prank == 4].reshape(-1, 4), axis=0)
    assert np.allclose(strays, np.sort(np.stack([a, b], 1)[-30:].reshape(-1, 4), axis=0))


def test_clip_rays_from_inside_the_rect_are_cut_as_the_segments_are():
    from ecodesk.diagram.flowtable import clip_segments

    rng = np.random.default_rng(2)
    rect = (-80.0, -50.0, 100.0, 70.0)
    a = np.column_stack([rng.uniform(-80, 100, 4000), rng.uniform(-50, 70, 4000)])
    b = rng.uniform(-3000, 3000, (4000, 2))
    b[:20] = a[:20]  # length 0
    a[20:40, 0] = b[20:40, 0] = 100.0  # vertical, on the right side
    a[40:60, 1], b[40:60, 1] = -50.0, -50.0  # horizontal, on the top side
    b[60:80] = a[60:80] + np.array([0.0, 3.0])  # ends inside
    for starts_inside in (True, False):
        if not starts_inside:
            a[80:120] = rng.uniform(-500, 500, (40, 2))  # the general case
        owner, end = clip_rays(a, b, rect)
        pieces, who = clip_segments(np.stack([a, b], axis=1), *rect)
        assert np.array_equal(owner, who) and np.array_equal(end, pieces[:, 1])


def test_a_piece_under_later_solid_pens_of_its_bin_is_left_out_only_there():
    # one fan, two lines a pen in one angle bin of every ring, all 500 px long: pens 0, 1 and
    # 2 drawn in that order; in the rings to 64, 128 and 256 px pens 1 and 2 run through the
    # whole ring, in the last (to 512 px) no pen does
    ang = np.array([0.30000, 0.30001, 0.30002, 0.30003, 0.30004, 0.30005])
    a = np.zeros((6, 2))
    b = 500.0 * np.column_stack([np.cos(ang), np.sin(ang)])
    rank = np.array([0, 0, 1, 1, 2, 2])
    group = np.zeros(6, np.int64)

    def pieces_of(solid, under):
        p, r = bundle_fans(a, b, rank, group, 1.0, tol=1.0, fan_min=1, covers=np.zeros(3, bool),
                           solid=solid, hide_under=under)
        return {(int(k), round(float(np.hypot(*q[0])), 6), round(float(np.hypot(*q[1])), 6)) for q, k in zip(p, r)}

    every = pieces_of(None, 0)
    assert {(k, 0.0, 64.0) for k in range(3)} <= every  # each pen's piece of the first ring
    hidden = every - pieces_of(np.array([True, True, True]), 2)
    # pen 0 lies under pens 1 and 2 there; pen 1 under one pen only; nothing in the last ring
    assert hidden == {(0, 0.0, 64.0), (0, 64.0, 128.0), (0, 128.0, 256.0)}
    assert (0, 256.0, 500.0) in every
    assert pieces_of(np.array([True, True, False]), 2) == every  # a dashed pen 2 hides nothing
    assert pieces_of(np.array([True, True, True]), 3) == every
    two_fans = np.array([0, 0, 0, 0, 0, 1])  # hiding is for one fan (a dragged hub's) only
    p, _ = bundle_fans(a, b, rank, two_fans, 1.0, tol=1.0, fan_min=1, covers=np.zeros(3, bool),
                       solid=np.ones(3, bool), hide_under=2)
    q, _ = bundle_fans(a, b, rank, two_fans, 1.0, tol=1.0, fan_min=1, covers=np.zeros(3, bool))
    assert np.array_equal(p, q)
