"""Diagram layer (engine side, no Qt): plain 2-D geometry — convex outlines of the entity
shapes, where a ray leaves them, convex hulls and flow fan-out offsets. Pure functions,
so they are cheap to call while dragging and testable alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Point = tuple[float, float]


def regular_polygon(n: int, r: float, start_deg: float = -90.0) -> list[Point]:
    a0 = math.radians(start_deg)
    return [(r * math.cos(a0 + 2 * math.pi * k / n), r * math.sin(a0 + 2 * math.pi * k / n)) for k in range(n)]


def outline(kind: str, r: float) -> list[Point]:
    """Convex outline (counter-clockwise in screen terms) of the shape of entity ``kind``
    with half-size ``r``, centred on the origin. Drawing rounds its corners slightly."""
    if kind == "platform":
        return regular_polygon(6, r * 1.08, -90.0)
    if kind == "supplier":
        s = r * 0.92
        return [(-s, -s), (s, -s), (s, s), (-s, s)]
    if kind == "channel":
        s = r * 1.12
        return [(0.0, -s), (s, 0.0), (0.0, s), (-s, 0.0)]
    if kind == "service":
        return regular_polygon(8, r * 1.04, -90.0 + 22.5)
    if kind == "user":
        return regular_polygon(40, r, 0.0)
    if kind == "partner":
        return [(x, y + r * 0.08) for x, y in regular_polygon(5, r * 1.08, -90.0)]
    if kind == "research":
        return [
            (-r * 0.95, -r * 0.88),
            (r * 0.95, -r * 0.88),
            (r * 0.95, r * 0.25),
            (0.0, r * 1.02),
            (-r * 0.95, r * 0.25),
        ]
    s = r
    return [(-s * 1.15, -s * 0.8), (s * 1.15, -s * 0.8), (s * 1.15, s * 0.8), (-s * 1.15, s * 0.8)]


def ray_exit(poly: Sequence[Point], dx: float, dy: float) -> float:
    """Distance from the origin along unit direction (dx, dy) to the edge of the convex
    polygon ``poly`` (which contains the origin)."""
    best = math.inf
    n = len(poly)
    for i in range(n):
        ax, ay = poly[i]
        bx, by = poly[(i + 1) % n]
        ex, ey = bx - ax, by - ay
        den = dx * ey - dy * ex
        if abs(den) < 1e-12:
            continue
        t = (ax * ey - ay * ex) / den  # distance along the ray
        s = (ax * dy - ay * dx) / den  # position along the edge
        if t > 0 and -1e-9 <= s <= 1 + 1e-9 and t < best:
            best = t
    return 0.0 if best is math.inf else best


def convex_hull(points: Iterable[Point]) -> list[Point]:
    """Andrew's monotone chain; returns the hull counter-clockwise, without repeats."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    if len(pts) > 256:
        pts = _outer(pts)

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _outer(pts: list[Point]) -> list[Point]:
    """Akl–Toussaint: drop the points strictly inside the polygon of the extreme points
    (along x, y and the diagonals) — they cannot be hull vertices; the order is kept."""
    from ecodesk.diagram.flowtable import load_numpy

    np = load_numpy()
    a = np.array(pts, dtype=float)
    x, y = a[:, 0], a[:, 1]
    picks = [x.argmin(), (x + y).argmin(), y.argmin(), (x - y).argmax(), x.argmax(), (x + y).argmax(),
             y.argmax(), (x - y).argmin()]
    poly = a[list(dict.fromkeys(int(i) for i in picks))]  # counter-clockwise (y up) or clockwise: see sign
    if len(poly) < 3:
        return pts
    e0, e1 = poly, np.roll(poly, -1, axis=0)
    cr = (e1[:, 0] - e0[:, 0])[:, None] * (y - e0[:, 1][:, None]) - (e1[:, 1] - e0[:, 1])[:, None] * (x - e0[:, 0][:, None])
    inside = (cr > 0).all(axis=0) | (cr < 0).all(axis=0)
    return [p for p, out in zip(pts, (~inside).tolist()) if out]


def padded_hull(members: Iterable[tuple[str, float, float, float]], steps: int = 16) -> tuple[list[Point], set[str]]:
    """Convex hull of discs (key, x, y, radius), each approximated by ``steps`` points.
    Returns the hull and the keys of the discs that shape it (moving any other disc
    inside the hull cannot change it)."""
    ring = [(math.cos(2 * math.pi * k / steps), math.sin(2 * math.pi * k / steps)) for k in range(steps)]
    discs: dict[Point, tuple[float, str]] = {}
    for key, x, y, r in members:
        c = (x, y)
        if c not in discs or discs[c][0] < r:
            discs[c] = (r, key)
    # only discs whose centre is on the hull of centres, or whose radius exceeds the
    # smallest one, can reach the outline: skip the rest (most members of big groups)
    core = set(convex_hull(discs)) if len(discs) > 8 else set(discs)
    rmin = min((r for r, _ in discs.values()), default=0.0)
    owner: dict[Point, str] = {}
    for c, (r, key) in discs.items():
        if c in core or r > rmin:
            for cx, cy in ring:
                owner[(c[0] + r * cx, c[1] + r * cy)] = key
    hull = convex_hull(owner)
    return hull, {owner[p] for p in hull}


def disc_inside(poly: Sequence[Point], x: float, y: float, r: float) -> bool:
    """Whether the disc (x, y, r) lies inside the convex polygon ``poly`` (any winding)."""
    n = len(poly)
    if n < 3:
        return False
    sign = 0.0
    for i in range(n):
        ax, ay = poly[i]
        bx, by = poly[(i + 1) % n]
        ex, ey = bx - ax, by - ay
        length = math.hypot(ex, ey)
        if length == 0:
            continue
        d = (ex * (y - ay) - ey * (x - ax)) / length  # signed distance to the edge line
        if sign == 0.0:
            sign = 1.0 if d >= 0 else -1.0
        if d * sign < r:
            return False
    return True


def fan_offsets(n: int, spacing: float) -> list[float]:
    """Perpendicular offsets of n parallel flows: 0 for one, symmetric around 0 otherwise."""
    return [(i - (n - 1) / 2.0) * spacing for i in range(n)]


#: Room one entity takes on the canvas at normal zoom, in scene units (width, height): the
#: largest shape (the platform hexagon, half-size 36 in ``ui/canvas/style.ENTITY_RADIUS``)
#: above a label wrapped at 104 units in up to three lines. Automatic placement keeps
#: entity centres at least this far apart on each axis, so boxes never overlap.
ENTITY_BOX: tuple[float, float] = (112.0, 124.0)
