"""UI layer (canvas): the graphics item of one entity — a shape per kind with a glyph and
the wrapped name below, with levels of detail for zoomed-out views.

The item only *shows* an :class:`~ecodesk.model.Entity`; it never edits it. Live drags
move the item (``setPos``); the model learns the new position from one ``MoveEntities``
command on release.
"""

from __future__ import annotations

from collections.abc import Hashable
from functools import cache, lru_cache
from typing import Any

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontInfo,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from ecodesk.model import Entity, EntityKind
from ecodesk.ui.canvas.glyphs import entity_outline, entity_shape_path, paint_glyph
from ecodesk.ui.canvas.scene_api import item_scene
from ecodesk.ui.canvas.style import (
    ENTITY_RADIUS,
    LABEL_GAP,
    LABEL_MAX_LINES,
    LABEL_WIDTH,
    LIGHT,
    LOD_LABELS,
    LOD_SIMPLE,
    canvas_font,
    paint_marker_ring,
    readable_on,
)

ENTITY_ITEM_TYPE = QGraphicsItem.UserType + 1


#: Rings of analysis marks (:meth:`EntityItem.set_markers`): gap to the shape, step between
#: rings, and pen widths at normal and overview zoom (scene units).
MARK_GAP, MARK_STEP, MARK_PEN, MARK_PEN_OVERVIEW = 6.0, 5.0, 3.0, 7.0

LABEL_MAX_BOOST = 1.6
LABEL_MIN_PX = 9.0  # smallest on-screen text height the label boost aims for


_FONT_PX: list[float] = []


def _font_px() -> float:
    """Approximate on-screen glyph height of the label font at 100 %."""
    if not _FONT_PX:
        _FONT_PX.append(float(QFontInfo(canvas_font()).pixelSize()))
    return _FONT_PX[0]


_METRICS: list[QFontMetricsF] = []


def _metrics() -> QFontMetricsF:
    """Metrics of the label font (built once: 100,000 labels ask)."""
    if not _METRICS:
        _METRICS.append(QFontMetricsF(canvas_font()))
    return _METRICS[0]


_LINE_HEIGHT: list[float] = []


def _line_height() -> float:
    """The label font's line height (asked once per entity laid out)."""
    if not _LINE_HEIGHT:
        _LINE_HEIGHT.append(_metrics().height())
    return _LINE_HEIGHT[0]


@lru_cache(maxsize=64)
def _advance(text: str) -> float:
    """The label font's advance of ``text`` (measured once when wrapping and laying out)."""
    return _metrics().horizontalAdvance(text)


@cache
def _shape_box(kind: EntityKind, size: float) -> tuple[float, float, float, float]:
    """The sized shape's bounding box (x0, y0, x1, y1)."""
    r = sized_shape_path(kind, size).boundingRect()
    return r.left(), r.top(), r.right(), r.bottom()


def wrap_label(text: str, width: float = LABEL_WIDTH, max_lines: int = LABEL_MAX_LINES) -> list[str]:
    """Break ``text`` into at most ``max_lines`` balanced lines of at most ``width``:
    Chinese breaks between characters, other scripts at word boundaries; the last line is
    elided if the text does not fit. Balanced: '新能源车企生态平台' becomes two lines of
    five and four characters, not eight and one."""
    if "\n" not in text and _advance(text) <= width:
        one = text.strip()  # fits on one line: no text layout needed (as _wrap would give)
        return [one] if one else ([text] if text else [])
    return list(_balanced(text, width, max_lines))


@lru_cache(maxsize=1 << 16)
def _balanced(text: str, width: float, max_lines: int) -> tuple[str, ...]:
    """:func:`wrap_label` of a text that needs a text layout — remembered: a rebuild (a
    scenario switch, a reload) lays the same names out again."""
    layout = _text_layout(text)  # shaped once, laid out again at each width tried
    lines = _wrap(text, width, max_lines, layout)
    if 1 < len(lines) <= max_lines and not lines[-1].endswith("…"):
        lo, hi = width / 2, width
        count = _count if text.split() == [text] else _wrap_count  # (no white space: only count the lines)
        for _ in range(7):  # narrowest width that needs no extra line
            mid = (lo + hi) / 2
            if count(text, mid, max_lines + 1, layout) > len(lines):
                lo = mid
            else:
                hi = mid
        lines = _wrap(text, hi, max_lines, layout)
    return tuple(lines)


_WRAP_OPTION = QTextOption()
_WRAP_OPTION.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)


def _text_layout(text: str) -> QTextLayout:
    layout = QTextLayout(text, canvas_font())
    layout.setTextOption(_WRAP_OPTION)
    return layout


def _wrap_count(text: str, width: float, max_lines: int, layout: QTextLayout) -> int:
    return len(_wrap(text, width, max_lines, layout))


def _count(text: str, width: float, max_lines: int, layout: QTextLayout) -> int:
    """``len(_wrap(...))`` for a text without white space, where a line is empty only if it
    has no characters: the lines are counted, not cut out and stripped."""
    layout.beginLayout()
    n = raw = 0
    create = layout.createLine
    while True:
        line = create()
        if not line.isValid():
            break
        line.setLineWidth(width)
        n += line.textLength() > 0
        raw += 1
    layout.endLayout()
    if raw > max_lines:  # (the last line would be elided: as _wrap does it)
        return len(_wrap(text, width, max_lines, layout))
    return n or (1 if text else 0)


def _wrap(text: str, width: float, max_lines: int, layout: QTextLayout | None = None) -> list[str]:
    """Lay ``text`` out in lines of ``width`` (``layout``: its text layout, reused — the
    text is shaped once however many widths are tried)."""
    if layout is None:
        layout = _text_layout(text)
    layout.beginLayout()
    starts: list[tuple[int, int]] = []
    create = layout.createLine
    while True:
        line = create()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    lines: list[str] = []
    for n, (start, length) in enumerate(starts):
        if n == max_lines - 1 and len(starts) > max_lines:
            rest = text[start:].replace("\n", " ")
            lines.append(_metrics().elidedText(rest, Qt.TextElideMode.ElideRight, width))
            break
        lines.append(text[start : start + length].strip())
    return [ln for ln in lines if ln] or ([text] if text else [])


@cache
def sized_shape_path(kind: EntityKind, size: float = 1.0) -> QPainterPath:
    """The kind's shape scaled by an entity's :attr:`~ecodesk.model.Entity.size`."""
    path = entity_shape_path(kind)
    return path if size == 1.0 else QTransform.fromScale(size, size).map(path)


def shape_key(entity: Entity) -> Hashable:
    """What routing tells the entity's outline by (the flow network's shape key): its kind,
    with its size when it is not the normal one."""
    return entity.kind if entity.size == 1.0 else (entity.kind, entity.size)


@cache
def sized_outline(key: Hashable) -> tuple[tuple[float, float], ...]:
    """The convex outline for a :func:`shape_key`: flows end at the scaled box's edge."""
    if isinstance(key, tuple):
        kind, size = key
        return tuple((x * size, y * size) for x, y in entity_outline(kind))
    assert isinstance(key, EntityKind)
    return entity_outline(key)


_NO_PEN = QPen(Qt.PenStyle.NoPen)
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
_CACHE_MODE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_MOVED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged  # looked up once, not per change
_SCENE_CHANGES = (QGraphicsItem.GraphicsItemChange.ItemSceneChange, QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged)
_SHOWN = QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged
_LOOK_CHANGES = (  # what decides whether the overview batch draws the item (entity_overview)
    QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged,
    QGraphicsItem.GraphicsItemChange.ItemOpacityHasChanged,
    QGraphicsItem.GraphicsItemChange.ItemVisibleHasChanged,
)


def overview_touch(item: QGraphicsItem, sc: object, gone: bool = False) -> None:
    """Tell the scene's overview batch (entity_overview), while it is on, that ``item`` changed."""
    ov = getattr(sc, "entity_overview", None)
    if ov is not None and ov.active and (not gone or shiboken6.isValid(ov)):  # (a scene going away)
        ov.touch(item, gone)


class EntityItem(QGraphicsRectItem):
    """One entity on the canvas; positioned at the entity's (x, y), which is its centre.

    A QGraphicsRectItem only for its bounding rect (the rect, no pen, no brush): Qt asks
    every item in view for it on every frame, and a Python ``boundingRect`` costs 10,000
    Python calls a frame when the whole platform is in view; the C++ one costs none."""

    def __init__(self, entity: Entity) -> None:
        super().__init__()
        self.entity = entity
        self.entity_id = entity.id
        self._hover = False
        self._drop = False  # a flow being drawn would end here
        self._editing = False
        self.markers: tuple[str, ...] = ()  # analysis marks, drawn as rings (innermost first)
        self._shown = True  # visible, as the overview batch last heard (see itemChange)
        self.setPen(_NO_PEN)  # the rect is the bounding rect as it is
        # placed before it sends geometry changes: no itemChange round trip into Python
        # (it is in no scene yet, so there is nobody to tell) — 100,000 entities on a load
        self.setPos(entity.x, entity.y)
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setCacheMode(_CACHE_MODE)
        self.setZValue(10.0)
        self._relayout()

    def type(self) -> int:
        return ENTITY_ITEM_TYPE

    # model -> item -------------------------------------------------------------
    def set_entity(self, entity: Entity) -> None:
        old, self.entity = self.entity, entity
        if (old.name, old.id, old.kind, old.size) != (entity.name, entity.id, entity.kind, entity.size):
            self._relayout()
            sc = item_scene(self)
            if sc is not None:
                sc.flow_layer.labels.obstacles_changed()  # a longer name covers more
        if (self.x(), self.y()) != (entity.x, entity.y):
            self.setPos(entity.x, entity.y)
        self.update()

    @property
    def radius(self) -> float:
        return ENTITY_RADIUS[self.entity.kind] * self.entity.size

    @property
    def outline(self) -> tuple[tuple[float, float], ...]:
        return sized_outline(shape_key(self.entity))

    def path(self) -> QPainterPath:
        """The entity's shape at its size (item coordinates); its name keeps the normal size."""
        return sized_shape_path(self.entity.kind, self.entity.size)

    def label_lines(self) -> list[str]:
        return list(self._lines)

    def label_rect(self) -> QRectF:
        """The label's rectangle in item coordinates."""
        return QRectF(self._label_rect)

    def shape_rect(self) -> QRectF:
        return self.path().boundingRect()

    def set_drop_target(self, on: bool) -> None:
        self._drop = on
        overview_touch(self, self.scene())
        self.update()

    def set_markers(self, markers: tuple[str, ...]) -> None:
        """Show analysis marks ('spof', 'redundant', 'gap') as rings around the shape."""
        markers = tuple(markers)
        if markers != self.markers:
            self.markers = markers
            self._relayout()
            overview_touch(self, self.scene())
            self.update()

    def _marker_rect(self, index: int) -> QRectF:
        d = MARK_GAP + MARK_STEP * index
        return self.path().boundingRect().adjusted(-d, -d, d, d)

    def set_editing(self, editing: bool) -> None:
        """Hide the label while the inline editor covers it."""
        self._editing = editing
        overview_touch(self, self.scene())
        self.update()

    def _relayout(self) -> None:
        """The label's lines and rect, and the bounding rect (plain floats: 100,000 entities
        are laid out on a load)."""
        self.prepareGeometryChange()
        entity = self.entity
        self._lines = lines = wrap_label(entity.label)
        sx0, sy0, sx1, sy1 = _shape_box(entity.kind, entity.size)
        top = sy1 + LABEL_GAP
        width = _advance(lines[0]) if len(lines) == 1 else max(map(_advance, lines), default=0.0)
        height = _line_height() * len(lines)
        lx, lw, lh = -width / 2 - 4, width + 8, height + 3
        self._label_rect = QRectF(lx, top, lw, lh)
        # room for the label at its largest boost (see _paint_label), and the shape's
        bx = lx + lw / 2 - lw * LABEL_MAX_BOOST / 2
        bx0, by0 = bx - 2, top - 2
        bx1, by1 = bx0 + (lw * LABEL_MAX_BOOST + 4), by0 + (lh * LABEL_MAX_BOOST + 2 + 4)
        x0, y0 = min(sx0 - 7, bx0), min(sy0 - 7, by0)
        bounds = QRectF(x0, y0, max(sx1 + 7, bx1) - x0, max(sy1 + 7, by1) - y0)
        if self.markers:
            m = MARK_PEN_OVERVIEW / 2 + 1
            bounds = bounds.united(self._marker_rect(len(self.markers) - 1).adjusted(-m, -m, m, m))
        self._bounds = bounds
        self.setRect(bounds)

    # QGraphicsItem ---------------------------------------------------------------
    def shape(self) -> QPainterPath:
        path = QPainterPath(self.path())
        if self._lines:
            path.addRect(self._label_rect)
        return path

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == _MOVED:
            sc = item_scene(self)
            if sc is not None:
                sc.entity_item_moved(self)
                sc.flow_layer.labels.obstacles_changed()  # flow labels keep clear of entities
                overview_touch(self, sc)
        elif change in _SCENE_CHANGES:  # leaving the old scene, then in the new one
            sc = item_scene(self)
            if sc is not None:
                sc.flow_layer.labels.obstacles_changed()
                overview_touch(self, sc, change == _SCENE_CHANGES[0])
        elif change in _LOOK_CHANGES:
            if change == _SHOWN:
                if value == self._shown:  # Qt's polish of a new item says "visible" once more
                    return value
                self._shown = bool(value)
            overview_touch(self, self.scene())
        return value  # what QGraphicsItem.itemChange does (a C++ call saved per change)

    def hoverEnterEvent(self, event: Any) -> None:
        self._hover = True
        overview_touch(self, self.scene())
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: Any) -> None:
        self._hover = False
        overview_touch(self, self.scene())
        self.update()
        super().hoverLeaveEvent(event)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        sc = item_scene(self)
        theme = sc.theme if sc is not None else LIGHT
        fill = sc.entity_color(self.entity) if sc is not None else QColor("#888888")
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        path = self.path()
        selected = self.isSelected()
        sel = QColor(theme.selection)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if lod < LOD_SIMPLE:
            painter.setPen(QPen(sel, 0) if selected else Qt.PenStyle.NoPen)
            painter.setBrush(sel if selected else fill)
            painter.drawPath(path)
            self._paint_markers(painter, MARK_PEN_OVERVIEW)
            return
        if selected or self._hover or self._drop:
            halo = QColor(sel if selected or self._drop else theme.hover)
            halo.setAlpha(110 if self._drop else 70 if selected else 45)
            painter.setPen(QPen(halo, 10.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
        box = path.boundingRect()
        grad = QLinearGradient(box.topLeft(), box.bottomLeft())
        grad.setColorAt(0.0, fill.lighter(118))
        grad.setColorAt(1.0, fill.darker(104))
        painter.setBrush(grad)
        painter.setPen(QPen(sel if selected else fill.darker(135), 2.2 if selected else 1.2))
        painter.drawPath(path)
        self._paint_markers(painter, MARK_PEN if lod >= LOD_LABELS else MARK_PEN_OVERVIEW * 0.7)
        if lod < LOD_LABELS:
            return
        paint_glyph(painter, self.entity.kind, QPointF(0, 0), self.radius * 0.5, readable_on(fill))
        if self._lines and not self._editing:
            self._paint_label(painter, theme, selected, lod)

    def _paint_markers(self, painter: QPainter, width: float) -> None:
        for i, marker in enumerate(self.markers):
            paint_marker_ring(painter, marker, self._marker_rect(i), None, width)

    def _paint_label(self, painter: QPainter, theme: Any, selected: bool, lod: float) -> None:
        """The name in a soft chip below the shape. Between 45 % and 100 % zoom the label is
        boosted (up to 1.6x) so it stays readable — about 8.5 screen pixels — where a plain
        scaled label would shrink to an unreadable 5 pixels."""
        rect = self._label_rect
        boost = min(LABEL_MAX_BOOST, max(1.0, LABEL_MIN_PX / (_font_px() * lod)))
        if boost > 1.0:
            painter.save()
            painter.translate(0.0, rect.top())
            painter.scale(boost, boost)
            painter.translate(0.0, -rect.top())
        chip = QColor(theme.selection) if selected else QColor(theme.text_halo)
        chip.setAlpha(235 if selected else 205)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(chip)
        painter.drawRoundedRect(rect, 4, 4)
        font = canvas_font()
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF") if selected else QColor(theme.text))
        fm = QFontMetricsF(font)
        y = rect.top() + 1.5
        for line in self._lines:
            w = fm.horizontalAdvance(line)
            painter.drawText(QPointF(-w / 2, y + fm.ascent()), line)
            y += fm.height()
        if boost > 1.0:
            painter.restore()
