"""UI layer (canvas): entity shapes and kind glyphs as QPainterPaths (no image files), and
small icons made from them for the palette, legend and menus."""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from ecodesk.diagram import geometry
from ecodesk.model import EntityKind, FlowKind
from ecodesk.ui.canvas.style import (
    ENTITY_RADIUS,
    FLOW_DASHES,
    entity_base_color,
    flow_color,
)


def rounded_polygon_path(points: Sequence[tuple[float, float]], radius: float) -> QPainterPath:
    """A closed path through ``points`` with corners rounded by ``radius`` (clamped to
    half of the shorter adjacent edge)."""
    path = QPainterPath()
    n = len(points)
    if n < 3:
        for x, y in points:
            path.addEllipse(QPointF(x, y), radius, radius)
        return path
    for i in range(n):
        px, py = points[i - 1]
        cx, cy = points[i]
        nx, ny = points[(i + 1) % n]
        d1 = math.hypot(cx - px, cy - py) or 1.0
        d2 = math.hypot(nx - cx, ny - cy) or 1.0
        r = min(radius, d1 / 2.0, d2 / 2.0)
        a = QPointF(cx + (px - cx) * r / d1, cy + (py - cy) * r / d1)
        b = QPointF(cx + (nx - cx) * r / d2, cy + (ny - cy) * r / d2)
        if i == 0:
            path.moveTo(a)
        else:
            path.lineTo(a)
        path.quadTo(QPointF(cx, cy), b)
    path.closeSubpath()
    return path


@cache
def entity_outline(kind: EntityKind) -> tuple[tuple[float, float], ...]:
    """The convex outline of a kind's shape (for edge end points and hit tests)."""
    return tuple(geometry.outline(kind.value, ENTITY_RADIUS[kind]))


@cache
def entity_shape_path(kind: EntityKind) -> QPainterPath:
    r = ENTITY_RADIUS[kind]
    if kind is EntityKind.USER:
        p = QPainterPath()
        p.addEllipse(QPointF(0, 0), r, r)
        return p
    corner = 9.0 if kind in (EntityKind.SUPPLIER, EntityKind.OTHER) else 5.0
    return rounded_polygon_path(entity_outline(kind), corner)


@cache
def glyph_paths(kind: EntityKind) -> tuple[QPainterPath, QPainterPath]:
    """(filled, stroked) glyph of ``kind`` in a unit box [-1, 1]²."""
    fill = QPainterPath()
    stroke = QPainterPath()
    if kind is EntityKind.PLATFORM:  # hub with spokes
        fill.addEllipse(QPointF(0, 0), 0.32, 0.32)
        for k in range(6):
            a = math.radians(-90 + 60 * k)
            x, y = 0.78 * math.cos(a), 0.78 * math.sin(a)
            fill.addEllipse(QPointF(x, y), 0.17, 0.17)
            stroke.moveTo(0.3 * math.cos(a), 0.3 * math.sin(a))
            stroke.lineTo(0.62 * math.cos(a), 0.62 * math.sin(a))
    elif kind is EntityKind.SUPPLIER:  # factory
        fill.addPolygon(
            QPolygonF(
                [
                    QPointF(x, y)
                    for x, y in (
                        (-0.85, 0.72),
                        (-0.85, -0.12),
                        (-0.42, 0.16),
                        (-0.42, -0.12),
                        (0.0, 0.16),
                        (0.0, -0.12),
                        (0.42, 0.16),
                        (0.42, -0.78),
                        (0.72, -0.78),
                        (0.72, 0.72),
                    )
                ]
            )
        )
        fill.closeSubpath()
    elif kind is EntityKind.CHANNEL:  # one source fanning out to three outlets
        stroke.moveTo(-0.85, 0.0)
        stroke.lineTo(-0.15, 0.0)
        for ty in (-0.6, 0.0, 0.6):
            stroke.moveTo(-0.15, 0.0)
            stroke.lineTo(0.45, ty)
            fill.addPolygon(QPolygonF([QPointF(0.38, ty - 0.2), QPointF(0.85, ty), QPointF(0.38, ty + 0.2)]))
            fill.closeSubpath()
    elif kind is EntityKind.SERVICE:  # gear
        teeth = 8
        pts: list[QPointF] = []
        for k in range(teeth * 4):
            a = 2 * math.pi * k / (teeth * 4)
            rr = 0.86 if (k % 4) in (1, 2) else 0.62
            pts.append(QPointF(rr * math.cos(a), rr * math.sin(a)))
        fill.addPolygon(QPolygonF(pts))
        fill.closeSubpath()
        fill.addEllipse(QPointF(0, 0), 0.26, 0.26)
        fill.setFillRule(Qt.FillRule.OddEvenFill)
    elif kind is EntityKind.USER:  # person
        fill.addEllipse(QPointF(0, -0.42), 0.3, 0.3)
        body = QPainterPath()
        body.moveTo(-0.68, 0.78)
        body.cubicTo(-0.68, 0.05, 0.68, 0.05, 0.68, 0.78)
        body.closeSubpath()
        fill.addPath(body)
    elif kind is EntityKind.PARTNER:  # two linked rings
        stroke.addEllipse(QPointF(-0.3, 0.0), 0.45, 0.45)
        stroke.addEllipse(QPointF(0.3, 0.0), 0.45, 0.45)
    elif kind is EntityKind.RESEARCH:  # flask
        fill.addPolygon(
            QPolygonF(
                [
                    QPointF(x, y)
                    for x, y in (
                        (-0.22, -0.62),
                        (-0.22, -0.12),
                        (-0.72, 0.72),
                        (0.72, 0.72),
                        (0.22, -0.12),
                        (0.22, -0.62),
                    )
                ]
            )
        )
        fill.closeSubpath()
        fill.addRect(QRectF(-0.34, -0.82, 0.68, 0.16))
    else:  # other: three dots
        for x in (-0.55, 0.0, 0.55):
            fill.addEllipse(QPointF(x, 0.0), 0.2, 0.2)
    return fill, stroke


def paint_glyph(painter: QPainter, kind: EntityKind, center: QPointF, size: float, color: QColor) -> None:
    """Draw the glyph of ``kind`` with half-size ``size`` at ``center`` in ``color``."""
    fill, stroke = glyph_paths(kind)
    painter.save()
    painter.translate(center)
    painter.scale(size, size)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPath(fill)
    if not stroke.isEmpty():
        pen = QPen(color, 0.16 if kind is not EntityKind.PARTNER else 0.17)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(stroke)
    painter.restore()


def paint_entity_symbol(painter: QPainter, kind: EntityKind, rect: QRectF, color: QColor | None = None) -> None:
    """The full symbol (shape in the kind colour with a white glyph) fitted in ``rect``."""
    color = color or entity_base_color(kind)
    r = ENTITY_RADIUS[kind]
    box = entity_shape_path(kind).boundingRect()
    scale = min(rect.width() / box.width(), rect.height() / box.height())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(rect.center())
    painter.scale(scale, scale)
    painter.translate(-box.center())
    painter.setPen(QPen(color.darker(125), 1.5))
    painter.setBrush(color)
    painter.drawPath(entity_shape_path(kind))
    paint_glyph(painter, kind, QPointF(0, 0), r * 0.52, QColor("#FFFFFF"))
    painter.restore()


def entity_icon(kind: EntityKind, size: int = 32, color: QColor | None = None) -> QIcon:
    icon = QIcon()
    for scale in (1, 2):
        pm = QPixmap(size * scale, size * scale)
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        paint_entity_symbol(p, kind, QRectF(1, 1, size - 2, size - 2), color)
        p.end()
        icon.addPixmap(pm)
    return icon


def paint_flow_sample(painter: QPainter, kind: FlowKind, rect: QRectF, color: QColor | None = None) -> None:
    """A short arrow in the flow kind's colour and dash, fitted in ``rect``."""
    color = color or flow_color("", kind)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    y = rect.center().y()
    x0, x1 = rect.left() + 1, rect.right() - 1
    pen = QPen(color, 2.2)
    pen.setStyle(FLOW_DASHES.get(kind, Qt.PenStyle.SolidLine))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.drawLine(QPointF(x0, y), QPointF(x1 - 6, y))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawPolygon(QPolygonF([QPointF(x1 - 8, y - 4.5), QPointF(x1, y), QPointF(x1 - 8, y + 4.5)]))
    painter.restore()


def flow_icon(kind: FlowKind, size: int = 20) -> QIcon:
    pm = QPixmap(size * 2, size * 2)
    pm.setDevicePixelRatio(2)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    paint_flow_sample(p, kind, QRectF(1, 2, size - 2, size - 4))
    p.end()
    return QIcon(pm)
