"""UI layer (canvas): the graphics item of one flow — an arrow coloured by kind, its width
log-scaled by volume, bent into a curve when several flows join the same two entities,
and a label on hover (drawn by the scene's shared :class:`FlowLabelItem`)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsPolygonItem, QStyleOptionGraphicsItem, QWidget

from ecodesk.model import Flow
from ecodesk.ui.canvas.geometry import ray_exit
from ecodesk.ui.canvas.style import FLOW_DASHES, LIGHT, canvas_font, flow_width

if TYPE_CHECKING:
    from ecodesk.ui.canvas.entity_item import EntityItem
    from ecodesk.ui.canvas.scene import CanvasScene

FLOW_ITEM_TYPE = QGraphicsItem.UserType + 2
END_GAP = 3.0  # space between an arrow tip and the entity's outline


class FlowItem(QGraphicsItem):
    """One flow; its geometry lives in scene coordinates (the item stays at the origin).

    The item itself paints nothing (``ItemHasNoContents``): every flow is drawn by the
    scene's batched :class:`~ecodesk.ui.canvas.flow_layer.FlowLayerItem` (this item is its
    child and hands it its route). Its shaft, arrowhead and selection/hover glow child
    items are created only when first needed (selected, hovered, or asked for), so 52,000
    idle flows cost the draw pass almost nothing. The item keeps what the canvas needs:
    selection, hover, the hit shape and the route.
    """

    def __init__(self, flow: Flow) -> None:
        super().__init__()
        self.flow = flow
        self.flow_id = flow.id
        self.offset = 0.0  # perpendicular bend at the apex (fan-out of parallel flows)
        self._hover = False
        self._low_detail = False
        self._path = QPainterPath()
        self._arrow = QPolygonF()
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self.apex = QPointF()
        self._color = QColor()
        self._pen = QPen()
        self._width = 1.0
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        )
        self.setAcceptHoverEvents(True)
        self.setZValue(0.0)
        # the children exist only once needed (selected, hovered, or asked for): an item
        # with neither contents nor children costs the scene nothing to draw, and the
        # scene's batched FlowLayerItem draws every flow anyway
        self._glow: QGraphicsPathItem | None = None
        self._shaft: QGraphicsPathItem | None = None
        self._head: QGraphicsPolygonItem | None = None
        self._detail = 0
        self._ends: tuple[tuple[float, float], tuple[float, float] | None, tuple[float, float]] | None = None
        self.set_flow(flow)

    def _ensure_children(self) -> None:
        if self._shaft is not None:
            return
        self._glow = QGraphicsPathItem(self)
        self._glow.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self._glow.hide()
        self._shaft = QGraphicsPathItem(self)
        self._head = QGraphicsPolygonItem(self)
        self._head.setPen(QPen(Qt.PenStyle.NoPen))
        for child in (self._glow, self._shaft, self._head):
            child.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._apply_pen()
        self._head.setBrush(self._color)
        self._head.setVisible(self._detail < 2)
        self._shaft.setPath(self._path)
        self._head.setPolygon(self._arrow)

    @property
    def glow(self) -> QGraphicsPathItem:
        self._ensure_children()
        return self._glow  # type: ignore[return-value]

    @property
    def shaft(self) -> QGraphicsPathItem:
        self._ensure_children()
        return self._shaft  # type: ignore[return-value]

    @property
    def head(self) -> QGraphicsPolygonItem:
        self._ensure_children()
        return self._head  # type: ignore[return-value]

    def type(self) -> int:
        return FLOW_ITEM_TYPE

    def set_flow(self, flow: Flow, color: QColor | None = None) -> None:
        """Show ``flow`` (kind, volume) in ``color`` (default: the scene's colour for it)."""
        self.flow = flow
        sc: CanvasScene | None = self.scene()  # type: ignore[assignment]
        if color is None:
            color = sc.flow_color(flow) if sc is not None else QColor("#666666")
        self._color = QColor(color)
        self._width = flow_width(flow.volume)
        pen = QPen(self._color, self._width)
        pen.setStyle(FLOW_DASHES.get(flow.kind, Qt.PenStyle.SolidLine))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self._pen = pen
        self._apply_pen()
        if self._head is not None:
            self._head.setBrush(self._color)
        self._update_glow()
        self._sync_layer()

    def _sync_layer(self) -> None:
        """Hand this flow's geometry and style to the scene's batched flow layer."""
        sc = self.scene()
        layer = getattr(sc, "flow_layer", None)
        if layer is None or self._ends is None:
            return
        p0, ctrl, end = self._ends
        head = [(p.x(), p.y()) for p in (self._arrow[i] for i in range(4))]
        layer.update_flow(
            self.flow_id, p0, ctrl, end, head, self._color, self._width, self._pen.style(), self.isVisible()
        )

    def set_detail(self, level: int) -> None:
        """0: full width; 1 (zoomed out): a one-pixel line, cheap and readable; 2 (overview):
        the line without its arrowhead, which would be two pixels wide anyway."""
        low = level >= 1
        if low != self._low_detail:
            self._low_detail = low
            self._apply_pen()
        self._detail = level
        if self._head is not None:
            self._head.setVisible(level < 2)

    def _apply_pen(self) -> None:
        if self._shaft is None:
            return
        if self._low_detail:
            pen = QPen(self._pen)
            pen.setWidthF(0.0)
            pen.setCosmetic(True)
            self.shaft.setPen(pen)
        else:
            self.shaft.setPen(self._pen)

    @property
    def width(self) -> float:
        return self._width

    @property
    def color(self) -> QColor:
        return QColor(self._color)

    def path(self) -> QPainterPath:
        """The shaft as drawn (scene coordinates)."""
        return QPainterPath(self._path)

    def arrow(self) -> QPolygonF:
        return QPolygonF(self._arrow)

    # geometry ------------------------------------------------------------------
    def set_route(self, src: EntityItem, dst: EntityItem, offset: float) -> None:
        """Route from ``src`` to ``dst``, bent by ``offset`` (signed against the pair's
        canonical direction, so a→b and b→a flows of one pair never coincide)."""
        self.offset = offset
        ax, ay = src.x(), src.y()
        bx, by = dst.x(), dst.y()
        dx, dy = bx - ax, by - ay
        dist = math.hypot(dx, dy) or 1e-6
        ux, uy = dx / dist, dy / dist
        sign = -1.0 if src.entity_id > dst.entity_id else 1.0
        nx, ny = -uy * sign, ux * sign
        mx, my = (ax + bx) / 2, (ay + by) / 2
        cx, cy = mx + nx * 2 * offset, my + ny * 2 * offset
        # leave the source towards the control point, enter the target from it
        sdx, sdy = cx - ax, cy - ay
        sl = math.hypot(sdx, sdy) or 1e-6
        sdx, sdy = sdx / sl, sdy / sl
        tdx, tdy = cx - bx, cy - by
        tl = math.hypot(tdx, tdy) or 1e-6
        tdx, tdy = tdx / tl, tdy / tl
        s_r = ray_exit(src.outline, sdx, sdy) + END_GAP
        t_r = ray_exit(dst.outline, tdx, tdy) + END_GAP
        p0 = QPointF(ax + sdx * s_r, ay + sdy * s_r)
        tip = QPointF(bx + tdx * t_r, by + tdy * t_r)
        w = self._width
        head_len = 7.0 + 1.6 * w
        head_half = 3.6 + 0.9 * w
        # arrowhead along the tangent at the tip (from the control point)
        ex, ey = -tdx, -tdy
        base = QPointF(tip.x() - ex * head_len, tip.y() - ey * head_len)
        px, py = -ey, ex
        self.prepareGeometryChange()
        self._arrow = QPolygonF(
            [
                tip,
                QPointF(base.x() + px * head_half, base.y() + py * head_half),
                QPointF(base.x() + ex * head_len * 0.18, base.y() + ey * head_len * 0.18),
                QPointF(base.x() - px * head_half, base.y() - py * head_half),
            ]
        )
        shaft_end = QPointF(base.x() + ex * head_len * 0.25, base.y() + ey * head_len * 0.25)
        path = QPainterPath(p0)
        if offset == 0.0:
            path.lineTo(shaft_end)
        else:
            path.quadTo(QPointF(cx, cy), shaft_end)
        self._path = path
        self._ends = ((p0.x(), p0.y()), None if offset == 0.0 else (cx, cy), (shaft_end.x(), shaft_end.y()))
        self.apex = QPointF(0.25 * p0.x() + 0.5 * cx + 0.25 * tip.x(), 0.25 * p0.y() + 0.5 * cy + 0.25 * tip.y())
        pad = w / 2 + 6
        self._bounds = path.boundingRect().united(self._arrow.boundingRect()).adjusted(-pad, -pad, pad, pad)
        self._shape = None
        if self._shaft is not None:
            self._shaft.setPath(path)
            self._head.setPolygon(self._arrow)  # type: ignore[union-attr]
        if self._glow is not None and self._glow.isVisible():
            self._update_glow()
        self._sync_layer()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(max(self._width + 6.0, 10.0))
            stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
            shape = stroker.createStroke(self._path)
            shape.addPolygon(self._arrow)
            self._shape = shape
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pass  # never called (ItemHasNoContents): the child items paint

    # selection and hover -------------------------------------------------------
    def _update_glow(self) -> None:
        on = self.isSelected() or self._hover
        if on:
            sc: CanvasScene | None = self.scene()  # type: ignore[assignment]
            theme = sc.theme if sc is not None else LIGHT
            glow = QColor(theme.selection) if self.isSelected() else QColor(self._color)
            glow.setAlpha(90 if self.isSelected() else 55)
            pen = QPen(glow, self._width + 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            path = QPainterPath(self._path)
            path.addPolygon(self._arrow)
            self.glow.setPen(pen)
            self.glow.setPath(path)
        if self._glow is not None:
            self._glow.setVisible(on)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self._update_glow()
        elif change == QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged:
            layer = getattr(self.scene(), "flow_layer", None)
            if layer is not None:
                layer.set_shown(self.flow_id, bool(value))
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: Any) -> None:
        self._hover = True
        sc = self.scene()
        if sc is not None:
            self.setToolTip(sc.flow_tooltip(self.flow))  # type: ignore[attr-defined]
            sc.show_flow_label(self)  # type: ignore[attr-defined]
        self._update_glow()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:
        self._hover = False
        sc = self.scene()
        if sc is not None:
            sc.hide_flow_label(self)  # type: ignore[attr-defined]
        self._update_glow()
        super().hoverLeaveEvent(event)


class FlowLabelItem(QGraphicsItem):
    """The chip that names the hovered flow; one per scene, drawn at constant screen size."""

    def __init__(self) -> None:
        super().__init__()
        self._lines: list[str] = []
        self._color = QColor("#333333")
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(1000.0)
        self.hide()

    def set_text(self, lines: list[str], color: QColor) -> None:
        self.prepareGeometryChange()
        self._lines = lines
        self._color = QColor(color)
        fm = QFontMetricsF(canvas_font(8.5))
        w = max((fm.horizontalAdvance(s) for s in lines), default=0.0) + 18
        h = fm.height() * len(lines) + 8
        self._rect = QRectF(-w / 2, -h - 8, w, h)
        self.update()

    def text(self) -> str:
        return "\n".join(self._lines)

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        sc: CanvasScene | None = self.scene()  # type: ignore[assignment]
        theme = sc.theme if sc is not None else LIGHT
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bg = QColor(theme.legend_bg)
        bg.setAlpha(245)
        painter.setPen(QPen(QColor(theme.legend_border), 1))
        painter.setBrush(bg)
        painter.drawRoundedRect(self._rect, 5, 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._color)
        painter.drawRoundedRect(QRectF(self._rect.left(), self._rect.top(), 5, self._rect.height()), 2, 2)
        font = canvas_font(8.5)
        painter.setFont(font)
        fm = QFontMetricsF(font)
        y = self._rect.top() + 4 + fm.ascent()
        for n, line in enumerate(self._lines):
            font.setBold(n == 0)
            painter.setFont(font)
            painter.setPen(QColor(theme.text))
            painter.drawText(QPointF(self._rect.left() + 11, y), line)
            y += fm.height()
