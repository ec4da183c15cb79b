"""Flow routes in batches (numpy) against the plain one-ray geometry they vectorise — no Qt."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ecodesk.diagram.geometry import outline, ray_exit
from ecodesk.diagram.routes import END_GAP, K, ray_exit_many, route_flows
from ecodesk.model import EntityKind

#: half-sizes of the shapes as the canvas draws them (ecodesk.ui.canvas.style.ENTITY_RADIUS)
RADIUS = {"platform": 36.0, "supplier": 26.0, "channel": 29.0, "service": 27.0, "user": 26.0, "partner": 28.0,
          "research": 27.0, "other": 25.0}  # fmt: skip


def entity_outline(kind: EntityKind) -> tuple[tuple[float, float], ...]:
    return tuple(outline(kind.value, RADIUS[kind.value]))


OUTLINES = [entity_outline(k) for k in EntityKind]


@pytest.mark.parametrize("kind", list(EntityKind))
def test_ray_exit_many_equals_ray_exit_for_every_shape(kind):
    poly = entity_outline(kind)
    rng = np.random.default_rng(7)
    ang = np.concatenate([rng.uniform(0, 2 * math.pi, 300), np.linspace(0, 2 * math.pi, 73)])  # incl. vertices
    dx, dy = np.cos(ang), np.sin(ang)
    got = ray_exit_many(poly, dx, dy)
    want = [ray_exit(poly, float(a), float(b)) for a, b in zip(dx, dy)]
    assert got == pytest.approx(want, rel=1e-9, abs=1e-9)
    assert (got > 5).all()  # every shape has a body


def test_routes_leave_and_enter_the_outlines_and_fan_to_both_sides():
    rng = np.random.default_rng(3)
    m = 400
    src = rng.uniform(-2000, 2000, (m, 2))
    dst = rng.uniform(-2000, 2000, (m, 2))
    si = rng.integers(0, len(OUTLINES), m)
    di = rng.integers(0, len(OUTLINES), m)
    offset = rng.choice([0.0, 24.0, -24.0, 48.0], m)
    flip = rng.random(m) < 0.5
    width = rng.uniform(1.2, 7.0, m)
    r = route_flows(src, dst, flip, offset, width, OUTLINES, OUTLINES, si, di)
    for i in range(m):
        # the shaft starts on the source's outline (plus the gap), towards the control point
        d = r.ctrl[i] - src[i]
        d /= np.hypot(*d)
        start = src[i] + d * (ray_exit(OUTLINES[si[i]], *d) + END_GAP)
        assert r.p0[i] == pytest.approx(start, abs=1e-9)
        # the arrow tip sits on the target's outline (plus the gap)
        e = r.ctrl[i] - dst[i]
        e /= np.hypot(*e)
        tip = dst[i] + e * (ray_exit(OUTLINES[di[i]], *e) + END_GAP)
        assert r.head[i, 0] == pytest.approx(tip, abs=1e-9)
        # the control point is 2 × offset off the chord's midpoint, on the side the ids pick
        mid = (src[i] + dst[i]) / 2
        assert np.hypot(*(r.ctrl[i] - mid)) == pytest.approx(2 * abs(offset[i]), abs=1e-9)
        assert r.curved[i] == (offset[i] != 0)
    # a→b with +24 and b→a with +24 (flipped ids) bend to the same side of the a→b chord
    a, b = np.array([[0.0, 0.0]]), np.array([[400.0, 0.0]])
    one = route_flows(a, b, np.array([False]), np.array([24.0]), np.array([2.0]), OUTLINES, OUTLINES,
                      np.array([0]), np.array([0]))  # fmt: skip
    back = route_flows(b, a, np.array([True]), np.array([24.0]), np.array([2.0]), OUTLINES, OUTLINES,
                       np.array([0]), np.array([0]))  # fmt: skip
    assert one.ctrl[0][1] == pytest.approx(back.ctrl[0][1]) and abs(one.ctrl[0][1]) == pytest.approx(48.0)


def test_polylines_sample_the_curve_between_its_ends():
    src, dst = np.array([[0.0, 0.0], [0.0, 0.0]]), np.array([[300.0, 0.0], [300.0, 0.0]])
    r = route_flows(src, dst, np.array([False, False]), np.array([0.0, 30.0]), np.array([2.0, 2.0]),
                    OUTLINES, OUTLINES, np.array([0, 0]), np.array([0, 0]))  # fmt: skip
    pts = r.polylines()
    assert pts.shape == (2, K, 2)
    assert pts[:, 0] == pytest.approx(r.p0) and pts[:, -1] == pytest.approx(r.end)
    assert np.allclose(pts[0, :, 1], 0.0)  # straight stays on the chord
    # a quadratic's middle: a quarter of each end and half the control point
    assert pts[1, K // 2] == pytest.approx(0.25 * r.p0[1] + 0.5 * r.ctrl[1] + 0.25 * r.end[1])
    assert 30.0 < abs(pts[1, K // 2, 1]) < 60.0
