"""UI layer (canvas): colours, pens, fonts and sizes shared by the canvas, its legend and
palette — one place to change the look, and the hook for colour modes.

Colour modes: entities are coloured *by kind* here. Later modes (criticality, ecosystem,
savings) do not subclass anything: they compute a ``dict[id, QColor]`` and hand it to
:meth:`CanvasView.set_color_overrides`; :func:`entity_fill` / :func:`flow_color` consult
the overrides first. A mode may also pass its own legend entries.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPen

from ecodesk.model import EntityKind, FlowKind

#: Canvas grid (snap step and drawn grid), in scene units.
GRID = 20.0

#: Fill colour per entity kind (a colour-blind-aware set derived from Tableau 10).
ENTITY_COLORS: dict[EntityKind, str] = {
    EntityKind.PLATFORM: "#3C6FA8",
    EntityKind.SUPPLIER: "#4E9A47",
    EntityKind.CHANNEL: "#E8862A",
    EntityKind.SERVICE: "#3E9C96",
    EntityKind.USER: "#D9534F",
    EntityKind.PARTNER: "#9A6A94",
    EntityKind.RESEARCH: "#C9A227",
    EntityKind.OTHER: "#7F8A93",
}

#: Stroke colour per flow kind; data and credit flows are also dashed, so print and
#: colour-blind readers can tell them apart.
FLOW_COLORS: dict[FlowKind, str] = {
    FlowKind.GOODS: "#2F6DB5",
    FlowKind.CAPABILITY: "#8E44AD",
    FlowKind.LOGISTICS: "#8A6B45",
    FlowKind.DATA: "#129CB5",
    FlowKind.TRAFFIC: "#E07B1A",
    FlowKind.MONEY: "#2E9D58",
    FlowKind.CREDIT: "#C0392B",
}

FLOW_DASHES: dict[FlowKind, Qt.PenStyle] = {
    FlowKind.DATA: Qt.PenStyle.DashLine,
    FlowKind.CREDIT: Qt.PenStyle.DashDotLine,
}

#: Hull colours for ecosystems without a colour of their own, by ecosystem order.
ECOSYSTEM_COLORS: tuple[str, ...] = (
    "#4E79A7",
    "#F28E2B",
    "#59A14F",
    "#B07AA1",
    "#76B7B2",
    "#E15759",
    "#EDC948",
    "#9C755F",
)

#: Half-size of each kind's shape (scene units); the platform, the hub, is larger.
ENTITY_RADIUS: dict[EntityKind, float] = {
    EntityKind.PLATFORM: 36.0,
    EntityKind.SUPPLIER: 26.0,
    EntityKind.CHANNEL: 29.0,
    EntityKind.SERVICE: 27.0,
    EntityKind.USER: 26.0,
    EntityKind.PARTNER: 28.0,
    EntityKind.RESEARCH: 27.0,
    EntityKind.OTHER: 25.0,
}

LABEL_WIDTH = 104.0  # wrap width of entity names (a 9-character Chinese name wraps)
LABEL_GAP = 6.0  # between the shape and its label
LABEL_MAX_LINES = 3

# levels of detail (QStyleOptionGraphicsItem.levelOfDetailFromTransform)
LOD_LABELS = 0.45  # below: no labels, no glyphs, thin edges, no arrowheads' outline
LOD_SIMPLE = 0.18  # below: entities as plain discs


def flow_width(volume: float) -> float:
    """Stroke width for a flow: log-scaled by volume, clamped to [1.2, 7]."""
    return max(1.2, min(7.0, 1.2 + 0.9 * math.log10(1.0 + max(0.0, volume))))


@dataclass(frozen=True)
class CanvasTheme:
    """Colours of one canvas theme."""

    name: str
    background: str
    grid_minor: str
    grid_major: str
    text: str
    text_halo: str
    selection: str
    hover: str
    hull_fill_alpha: int
    hull_line_alpha: int
    legend_bg: str
    legend_border: str


LIGHT = CanvasTheme(
    "light", "#FAFBFC", "#EEF1F4", "#E1E6EB", "#1F2933", "#FAFBFC", "#1A73E8", "#5B9BF0", 26, 110, "#FFFFFF", "#D5DBE1"
)
DARK = CanvasTheme(
    "dark", "#1E2227", "#262B31", "#2E343B", "#E6EAEE", "#1E2227", "#5EA1FF", "#7FB3FF", 38, 140, "#2A2F36", "#3C434B"
)
THEMES = {"light": LIGHT, "dark": DARK}


def entity_base_color(kind: EntityKind) -> QColor:
    return QColor(ENTITY_COLORS.get(kind, ENTITY_COLORS[EntityKind.OTHER]))


def entity_fill(entity_id: str, kind: EntityKind, overrides: Mapping[str, QColor] | None, own: str = "") -> QColor:
    """The entity's fill: the colour mode's override if any, else its own colour (``own``,
    "#rrggbb"; imported or chosen), else the colour of its kind."""
    if overrides:
        c = overrides.get(entity_id)
        if c is not None:
            return QColor(c)
    if own:
        c = QColor(own)
        if c.isValid():
            return c
    return entity_base_color(kind)


def flow_color(flow_id: str, kind: FlowKind, overrides: Mapping[str, QColor] | None = None) -> QColor:
    if overrides:
        c = overrides.get(flow_id)
        if c is not None:
            return QColor(c)
    return QColor(FLOW_COLORS.get(kind, "#666666"))


#: Marks an analysis puts on entities (:meth:`CanvasView.set_markers`): colour and line
#: style of the ring drawn around the entity, innermost first.
MARKER_STYLES: dict[str, tuple[str, Qt.PenStyle]] = {
    "spof": ("#D7191C", Qt.PenStyle.SolidLine),
    "redundant": ("#F39C12", Qt.PenStyle.DashLine),
    "gap": ("#8E44AD", Qt.PenStyle.DotLine),
}


def marker_color(marker: str) -> QColor:
    return QColor(MARKER_STYLES.get(marker, ("#555555", Qt.PenStyle.SolidLine))[0])


def paint_marker_ring(painter: QPainter, marker: str, rect: QRectF, color: QColor | None = None,
                      width: float = 3.0) -> None:
    """One mark as a ring inscribed in ``rect`` (the canvas and the legend draw it alike)."""
    colour, style = MARKER_STYLES.get(marker, ("#555555", Qt.PenStyle.SolidLine))
    pen = QPen(QColor(color) if color is not None else QColor(colour), width, style)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(rect)
    painter.restore()


def ecosystem_color(color: str, index: int) -> QColor:
    """The ecosystem's own colour if it is a valid one, else a palette colour by index."""
    c = QColor(color) if color else QColor()
    if c.isValid():
        return c
    return QColor(ECOSYSTEM_COLORS[index % len(ECOSYSTEM_COLORS)])


def readable_on(color: QColor) -> QColor:
    """Black or white, whichever reads better on ``color``."""
    lum = 0.299 * color.redF() + 0.587 * color.greenF() + 0.114 * color.blueF()
    return QColor("#1F2933") if lum > 0.68 else QColor("#FFFFFF")


#: Families tried in order; Qt falls back per glyph, so Latin text keeps the UI face and
#: Chinese finds a CJK face on Windows, macOS and Linux alike.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
    "SimHei",
)


@cache
def _families() -> tuple[str, ...]:
    app_font = QGuiApplication.font() if QGuiApplication.instance() else QFont()
    first = app_font.family()
    return tuple(dict.fromkeys([first, *CJK_FAMILIES]))


_FONTS: dict[tuple[float, bool], QFont] = {}


def canvas_font(point_size: float = 9.0, bold: bool = False) -> QFont:
    """The canvas font with CJK fallbacks, at ``point_size`` (a copy; built once)."""
    f = _FONTS.get((point_size, bold))
    if f is None:
        f = QFont()
        f.setFamilies(list(_families()))
        f.setPointSizeF(point_size)
        f.setBold(bold)
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)  # text scales with zoom
        _FONTS[(point_size, bold)] = f
    return QFont(f)


def translate(text: str) -> str:
    """``QCoreApplication.translate('Canvas', text)`` for strings built elsewhere."""
    return QCoreApplication.translate("Canvas", text)


def draw_grid(painter: QPainter, rect: QRectF, theme: CanvasTheme, grid: float, zoom: float) -> None:
    """The canvas grid in scene rect ``rect``: minor lines every ``grid`` units and major
    ones every five, thinned out when zoomed out (nothing below 12 px between lines)."""
    px = grid * zoom
    major = 5 * grid
    step = grid if px >= 9 else major if px * 5 >= 12 else 0.0
    if not step:
        return
    lines_minor: list[QLineF] = []
    lines_major: list[QLineF] = []
    x = int(rect.left() // step) * step
    while x <= rect.right():
        (lines_major if abs(x / major - round(x / major)) < 1e-6 else lines_minor).append(
            QLineF(x, rect.top(), x, rect.bottom())
        )
        x += step
    y = int(rect.top() // step) * step
    while y <= rect.bottom():
        (lines_major if abs(y / major - round(y / major)) < 1e-6 else lines_minor).append(
            QLineF(rect.left(), y, rect.right(), y)
        )
        y += step
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # axis-aligned: 3x faster
    pen = QPen(QColor(theme.grid_minor), 0)
    painter.setPen(pen)
    painter.drawLines(lines_minor)
    pen.setColor(QColor(theme.grid_major))
    painter.setPen(pen)
    painter.drawLines(lines_major)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
