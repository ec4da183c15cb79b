"""UI layer (canvas): the graphics item of one flow — an arrow coloured by kind, its width
log-scaled by volume, bent into a curve when several flows join the same two entities,
and a label on hover (drawn by the scene's shared :class:`FlowLabelItem`, worded by
:func:`flow_summary`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsPolygonItem, QStyleOptionGraphicsItem, QWidget

from ecodesk import numfmt
from ecodesk.model import Flow, Scenario
from ecodesk.ui.canvas.scene_api import item_scene
from ecodesk.ui.canvas.style import FLOW_DASHES, LIGHT, canvas_font, flow_width
from ecodesk.ui.plaintext import plain

FLOW_ITEM_TYPE = QGraphicsItem.UserType + 2
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


_SELECTED_CHANGED = QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged  # looked up once, not per change


class FlowItem(QGraphicsItem):
    """One flow; its geometry lives in scene coordinates (the item stays at the origin).

    Every flow is drawn by the scene's batched
    :class:`~ecodesk.ui.canvas.flow_layer.FlowLayerItem`; a FlowItem exists only for a
    flow that is selected, hovered or asked for (``scene.flow_items[id]`` creates it, the
    scene drops idle ones), so 52,000 flows cost no Qt items. It keeps what the canvas
    needs of one flow: selection, hover, the hit shape and the route the scene computed.
    It paints nothing itself (``ItemHasNoContents``); its shaft, arrowhead and glow child
    items are created when first needed.
    """

    def __init__(self, flow: Flow, color: QColor | None = None) -> None:
        super().__init__()
        self.flow = flow
        self.flow_id = flow.id
        self.offset = 0.0  # perpendicular bend at the apex (fan-out of parallel flows)
        self._hover = False
        self._low_detail = False
        self._path: QPainterPath | None = QPainterPath()  # None: to build from _geom
        self._arrow = QPolygonF()
        self._geom: tuple[list[list[float]], bool, list[list[float]]] | None = None
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None
        self.apex = QPointF()
        self._color = QColor()
        self._pen = QPen()
        self._width = 1.0
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(0.0)
        # the children exist only once needed (selected, hovered, or asked for): an item
        # with neither contents nor children costs the scene nothing to draw, and the
        # scene's batched FlowLayerItem draws every flow anyway
        self._glow: QGraphicsPathItem | None = None
        self._shaft: QGraphicsPathItem | None = None
        self._head: QGraphicsPolygonItem | None = None
        self._detail = 0
        self.set_flow(flow, color)

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
        self._shaft.setPath(self._built_path())
        self._head.setPolygon(self._arrow)

    @property
    def glow(self) -> QGraphicsPathItem:
        self._ensure_children()
        assert self._glow is not None
        return self._glow

    @property
    def shaft(self) -> QGraphicsPathItem:
        self._ensure_children()
        assert self._shaft is not None
        return self._shaft

    @property
    def head(self) -> QGraphicsPolygonItem:
        self._ensure_children()
        assert self._head is not None
        return self._head

    def type(self) -> int:
        return FLOW_ITEM_TYPE

    def set_flow(self, flow: Flow, color: QColor | None = None) -> None:
        """Show ``flow`` (kind, volume) in ``color`` (default: the scene's colour for it)."""
        self.flow = flow
        sc = item_scene(self)
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
    def is_hovered(self) -> bool:
        return self._hover

    @property
    def width(self) -> float:
        return self._width

    @property
    def color(self) -> QColor:
        return QColor(self._color)

    def _built_path(self) -> QPainterPath:
        """The shaft, built from the route when first needed (a Select All makes tens of
        thousands of items that never draw or hit-test themselves)."""
        if self._path is None:
            assert self._geom is not None  # set_geometry came first
            ends, curved, head = self._geom
            (x0, y0), (cx, cy), (ex, ey), _apex = ends
            path = QPainterPath(QPointF(x0, y0))
            if curved:
                path.quadTo(QPointF(cx, cy), QPointF(ex, ey))
            else:
                path.lineTo(QPointF(ex, ey))
            self._path = path
            self._arrow = QPolygonF([QPointF(x, y) for x, y in head])
        return self._path

    def path(self) -> QPainterPath:
        """The shaft as drawn (scene coordinates)."""
        return QPainterPath(self._built_path())

    def arrow(self) -> QPolygonF:
        self._built_path()
        return QPolygonF(self._arrow)

    # geometry ------------------------------------------------------------------
    def set_geometry(self, ends: Any, curved: bool, head: Any) -> None:
        """Take the route the scene computed (:mod:`~ecodesk.diagram.routes`): ``ends``
        rows source end, control point, shaft end, apex; ``head`` the arrowhead's 4 points."""
        e = ends.tolist()
        h = head.tolist()
        self.prepareGeometryChange()
        self._geom = (e, bool(curved), h)
        self._path = None
        self.apex = QPointF(*e[3])
        # the bounds hold the curve (inside the hull of its control points) and the head
        pts = [e[0], e[2], *h, *([e[1]] if curved else [])]
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        pad = self._width / 2 + 6
        self._bounds = QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)
        self._shape = None
        if self._shaft is not None and self._head is not None:
            self._shaft.setPath(self._built_path())
            self._head.setPolygon(self._arrow)
        if self._glow is not None and self._glow.isVisible():
            self._update_glow()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(max(self._width + 6.0, 10.0))
            stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
            shape = stroker.createStroke(self._built_path())
            shape.addPolygon(self._arrow)
            self._shape = shape
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        pass  # never called (ItemHasNoContents): the child items paint

    # selection and hover -------------------------------------------------------
    def _update_glow(self) -> None:
        """The selection glow is drawn by the scene's flow layer (in one batch for every
        selected flow); the hover glow by this item's child."""
        on = self._hover
        if on:
            glow = QColor(self._color)
            glow.setAlpha(55)
            pen = QPen(glow, self._width + 7, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            path = QPainterPath(self._built_path())
            path.addPolygon(self._arrow)
            self.glow.setPen(pen)
            self.glow.setPath(path)
        if self._glow is not None:
            self._glow.setVisible(on)

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == _SELECTED_CHANGED:
            # the layer draws the selection; a flow may also be selected there without an
            # item (a Select All): only a change of this item's selection is passed on
            sc = item_scene(self)
            if sc is not None:
                sc.flow_layer.set_flow_selected(self.flow_id, self.isSelected())
            self._update_glow()
        return value  # what QGraphicsItem.itemChange does (a C++ call saved per change)

    def hoverEnterEvent(self, event: Any) -> None:
        self._hover = True
        sc = item_scene(self)
        if sc is not None:
            self.setToolTip(plain(sc.flow_tooltip(self.flow)))
            sc.show_flow_label(self)
        self._update_glow()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:
        self._hover = False
        sc = item_scene(self)
        if sc is not None:
            sc.hide_flow_label(self)
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

    def show_flow(self, flow_id: str, lines: list[str], color: QColor, at: QPointF) -> None:
        """Name flow ``flow_id`` with ``lines`` at scene point ``at`` (its apex)."""
        self.set_text(lines, color)
        self.setData(0, flow_id)
        self.setPos(at)
        self.show()

    def hide_flow(self, flow_id: str) -> None:
        """Hide the label if it names ``flow_id``."""
        if self.data(0) == flow_id:
            self.hide()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        sc = item_scene(self)
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


def flow_summary(
    flow: Flow, scenario: Scenario | None, name_of: Callable[[str], str], language: str, currency: str
) -> list[str]:
    """Lines naming a flow for its hover chip and tooltip: its label (if any, first: the
    planner's name for it), kind and ends, volume and value, the capability it carries, its
    risk of break."""
    tr = QCoreApplication.translate
    lines = [f"“{' '.join(flow.label.split())}”"] if flow.label.strip() else []
    lines.append(f"{flow.kind.label(language)}  ·  {name_of(flow.source)} → {name_of(flow.target)}")
    lines.append(
        tr("Canvas", "Volume {volume} · value {value} {currency}").format(
            volume=numfmt.money(flow.volume, None), value=numfmt.money(flow.value, None), currency=currency
        )
    )
    if flow.capability and scenario is not None:
        cap = scenario.capabilities.get(flow.capability)
        lines.append(tr("Canvas", "Capability: {name}").format(name=cap.label if cap else flow.capability))
    if flow.risk:
        lines.append(tr("Canvas", "Risk of break: {risk}").format(risk=f"{flow.risk:.0%}"))
    return lines
