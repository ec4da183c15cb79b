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
