"""UI layer: the Sensitivity tab's charts, drawn with pyqtgraph on a
:class:`~ecodesk.ui.panels.charts.ChartWidget` — a tornado chart (one row per input, the
metric with the input lowered and raised, around the base value; a click on a row reports
it), and a histogram of any metric's samples with its percentile and mean lines.

Only drawing: names, colours and texts come from the caller (in the UI language).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetrics

from ecodesk.ui.panels.charts import ChartWidget, palette_colors

#: Tornado colours: the metric when the input is lowered / raised (colour-blind aware).
TORNADO_LOW = "#3C6FA8"
TORNADO_HIGH = "#E8862A"
BASE_LINE = "#7F8A93"
MEAN_LINE = "#D7191C"

#: Narrowest and widest room for the tornado's names (pixels); longer names are shortened.
MIN_AXIS_WIDTH, MAX_AXIS_WIDTH = 190, 340


def axis_budget(chart_width: int) -> int:
    """Room for the names on a tornado ``chart_width`` pixels wide: about a third of it."""
    return max(MIN_AXIS_WIDTH, min(MAX_AXIS_WIDTH, int(chart_width * 0.3)))


@dataclass(frozen=True)
class TornadoBar:
    """One row of a tornado chart as drawn (for the click and for tests)."""

    label: str
    low: float  # the metric with the input lowered
    high: float  # the metric with the input raised
    tooltip: str = ""


def elide_to(text: str, width: int, fm_width: Callable[[str], float]) -> str:
    """``text`` cut (with "…") to at most ``width`` pixels as ``fm_width`` measures it."""
    if fm_width(text) <= width:
        return text
    out = text
    while out and fm_width(out + "…") > width:
        out = out[:-1]
    return out.rstrip(" ·") + "…"


def axis_label(name: str, field: str, width: int, fm_width: Callable[[str], float]) -> str:
    """"name · field" fitted into ``width`` pixels: the field stays whole, the name gives way."""
    sep = " · "
    whole = f"{name}{sep}{field}"
    if fm_width(whole) <= width:
        return whole
    room = width - fm_width(sep + field)
    if room < fm_width("ab…"):
        return elide_to(whole, width, fm_width)
    arrow = " → "
    if arrow in name:  # a flow: both ends stay recognisable ("家电品牌… → 华东区域…")
        a, b = name.split(arrow, 1)
        tail = ""
        if b.endswith(")") and " (" in b:  # which of two flows between the same ends: kept, shortened
            b, tail = b[:b.rfind(" (")], b[b.rfind(" ("):]
            if fm_width(tail) > room / 3:
                tail = elide_to(tail[:-1], int(room / 3 - fm_width(")")), fm_width) + ")"
            if len(tail) < 5 or room - fm_width(tail + arrow) < 2 * fm_width("四个字…"):
                tail = ""  # no room to say which: the tooltip and the table do
        ends = room - fm_width(tail)
        half = (ends - fm_width(arrow)) / 2
        if half >= fm_width("ab…"):
            left = elide_to(a, int(half + max(0.0, half - fm_width(b))), fm_width)
            right = elide_to(b, int(ends - fm_width(arrow) - fm_width(left)), fm_width)
            return f"{left}{arrow}{right}{tail}{sep}{field}"
    return elide_to(name, int(room), fm_width) + sep + field


def tornado(chart: ChartWidget, bars: Sequence[TornadoBar], base: float, base_label: str,
            legend: tuple[str, str], title: str = "") -> dict[str, pg.BarGraphItem]:
    """A tornado chart: rows top to bottom in the given order; in each row the bar from
    ``base`` to ``low`` (upper half) and from ``base`` to ``high`` (lower half); a dashed line at
    the base. ``legend`` names the two series and ``base_label`` the line: they follow ``title``
    on the title line (never over a bar, and in every export). Hovering shows each row's tooltip. Returns the two bar items
    ("low", "high")."""
    n = len(bars)
    items: dict[str, pg.BarGraphItem] = {}
    chart.plot.setMinimumHeight(max(200, 80 + n * 24))
    lows = np.array([b.low for b in bars], dtype=float)
    highs = np.array([b.high for b in bars], dtype=float)
    ys = np.arange(n, dtype=float)
    h = 0.38
    for values, offset, colour in ((lows, -h / 2, TORNADO_LOW), (highs, h / 2, TORNADO_HIGH)):
        if not n:
            break
        item = pg.BarGraphItem(x0=np.minimum(values, base), x1=np.maximum(values, base), y=ys + offset,
                               height=h * 0.94, brush=pg.mkBrush(colour),
                               pen=pg.mkPen(QColor(colour).darker(130), width=0.6))
        chart.item.addItem(item)
        items["low" if colour == TORNADO_LOW else "high"] = item
    line = pg.InfiniteLine(base, angle=90, pen=pg.mkPen(BASE_LINE, width=1.6, style=Qt.PenStyle.DashLine))
    line.setZValue(5)
    chart.item.addItem(line)
    ax = chart.item.getAxis("left")
    ax.setTicks([[(i, b.label) for i, b in enumerate(bars)]])
    fm = QFontMetrics(ax.style.get("tickFont") or chart.font())
    ax.setWidth(min(MAX_AXIS_WIDTH + 14, max((fm.horizontalAdvance(b.label) for b in bars), default=20) + 14))
    chart.item.getViewBox().invertY(True)
    key = "&nbsp;&nbsp;".join(f'<span style="color:{c}">{mark}</span>&nbsp;{html.escape(t, quote=False)}'
                              for c, mark, t in ((TORNADO_LOW, "■", legend[0]), (TORNADO_HIGH, "■", legend[1]),
                                                 (BASE_LINE, "┆", base_label)))
    chart.item.setTitle(f"{html.escape(title, quote=False)}&nbsp;&nbsp;&nbsp;{key}" if title else key, size="9pt")
    chart.item.getViewBox().setYRange(-0.6, max(0.5, n - 0.4), padding=0)
    extent = [base, *lows.tolist(), *highs.tolist()]
    lo, hi = min(extent), max(extent)
    span = (hi - lo) or (abs(base) * 0.1 or 1.0)
    chart.item.setXRange(lo - 0.06 * span, hi + 0.06 * span, padding=0)
    chart.item.showGrid(x=True, y=False, alpha=0.15)
    tips = [b.tooltip or b.label for b in bars]
    chart.set_hover(lambda p: tips[round(p.y())] if 0 <= round(p.y()) < len(tips) else "")
    chart.drawn.emit(len(chart.data_items()))
    return items


def row_at(chart: ChartWidget, scene_pos: QPointF, rows: int) -> int | None:
    """The tornado row under ``scene_pos`` (a click on the plot or on a name), or None."""
    vb = chart.item.getViewBox()
    p = vb.mapSceneToView(scene_pos)
    i = round(p.y())
    inside_rows = 0 <= i < rows and abs(p.y() - i) <= 0.45
    left = chart.item.getAxis("left").sceneBoundingRect()
    on_plot = vb.sceneBoundingRect().contains(scene_pos)
    on_name = left.contains(scene_pos) or (scene_pos.x() < vb.sceneBoundingRect().left()
                                           and left.top() <= scene_pos.y() <= left.bottom())
    return i if inside_rows and (on_plot or on_name) else None


def bins_for(values: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Histogram (edges, counts) of ``values``: about √n bins (10–40); every value is
    counted exactly once, and equal values get one narrow bin around them."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        return np.array([0.0, 1.0]), np.array([0.0])
    lo, hi = float(v.min()), float(v.max())
    if hi - lo <= 1e-12 * max(1.0, abs(lo)):
        half = abs(lo) * 0.01 or 0.5
        return np.array([lo - half, lo + half]), np.array([float(v.size)])
    n = int(min(40, max(10, round(np.sqrt(v.size)))))
    counts, edges = np.histogram(v, bins=n, range=(lo, hi))
    return edges, counts.astype(float)


def value_histogram(chart: ChartWidget, values: Sequence[float],
                    marks: Sequence[tuple[str, float, str, Qt.PenStyle]]) -> tuple[np.ndarray, np.ndarray]:
    """Bars of ``values`` over their own range with labelled vertical lines (p05, p50, p95,
    mean …); returns (edges, counts)."""
    edges, counts = bins_for(values)
    colour = "#3C6FA8"
    chart.item.addItem(pg.BarGraphItem(x0=edges[:-1], x1=edges[1:], height=counts, brush=pg.mkBrush(colour),
                                       pen=pg.mkPen(QColor(colour).darker(140), width=0.6)))
    lo, hi = float(edges[0]), float(edges[-1])
    for _label, pos, _c, _s in marks:
        lo, hi = min(lo, pos), max(hi, pos)
    span = (hi - lo) or 1.0
    bg = QColor(palette_colors()[0])
    bg.setAlpha(215)
    for i, (label, pos, color, style) in enumerate(marks):
        right = (pos - lo) / span > 0.6
        line = pg.InfiniteLine(pos, angle=90, pen=pg.mkPen(color, width=2, style=style), label=label,
                               labelOpts={"position": 0.93 - 0.11 * i, "color": color, "fill": bg,
                                          "anchors": [(1, 0.5), (1, 0.5)] if right else [(0, 0.5), (0, 0.5)]})
        line.setZValue(5)
        chart.item.addItem(line)
    chart.item.setXRange(lo - 0.03 * span, hi + 0.03 * span, padding=0)
    top = float(counts.max()) if counts.size else 1.0
    chart.item.setYRange(0, top * 1.12 or 1, padding=0)
    chart.item.showGrid(x=False, y=True, alpha=0.15)
    chart.drawn.emit(len(chart.data_items()))
    return edges, counts


def bar_values(chart: ChartWidget, values: Sequence[float], texts: Sequence[str]) -> None:
    """Each horizontal bar's value written just right of its end (rows 0, 1, … top to bottom)."""
    _bg, fg = palette_colors()
    for i, (v, t) in enumerate(zip(values, texts, strict=True)):
        label = pg.TextItem(t, color=fg, anchor=(0, 0.5))
        label.setPos(float(v), float(i))
        chart.item.addItem(label)
