"""UI layer: the analysis panel's charts, drawn with pyqtgraph — horizontal bars (names
read left to right, Chinese included), a coverage heat map, robustness curves with the
random spread, a Monte Carlo histogram with its percentiles and threshold.

:class:`ChartWidget` wraps one ``PlotWidget``: colours follow the application palette
(light and dark themes), pyqtgraph's own English context menu is replaced by ours
(save as PNG / SVG, copy), and exports use pyqtgraph's exporter classes.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QMenu, QVBoxLayout, QWidget

from ecodesk.io.textsafe import xml_text
from ecodesk.numfmt import compact, percent
from ecodesk.ui.i18n import current_language
from ecodesk.ui.plaintext import plain, plain_label

#: Series colours (colour-blind aware, readable on light and dark backgrounds).
COLORS = {
    "standalone": "#9AA5B1",
    "fair": "#3C6FA8",
    "savings": "#4E9A47",
    "loss": "#D7191C",  # a negative saving: the "bad" colour of the tables' tint
    "random": "#3C6FA8",
    "targeted": "#D9534F",
    "bars": "#3C6FA8",
    "threshold": "#D7191C",
    "percentile": "#7F8A93",
    "cascade": "#E8862A",
}

MAX_LABEL = 16


def short(text: str, limit: int = MAX_LABEL) -> str:
    """A label shortened for an axis (full names are in the tooltips and tables)."""
    width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    if width <= limit:
        return text
    out, w = "", 0
    for ch in text:
        w += 2 if ord(ch) > 0x2E80 else 1
        if w > limit - 1:
            break
        out += ch
    return out + "…"


class CompactAxis(pg.AxisItem):
    """An axis whose numbers read 1.2 M / 35 k (万/亿 in Chinese), or percentages — or, with
    :meth:`set_categories`, names at 0.5, 1.5 … (a heat map's rows) thinned to what fits
    at the current zoom, so a thousand rows never smear into one black band."""

    MIN_LABEL_SPACING = 15  # pixels between two category labels

    def __init__(self, orientation: str, percent: bool = False, **kw: Any) -> None:
        super().__init__(orientation, **kw)
        self.percent = percent
        self.categories: list[str] = []
        self.category_offset = 0.5

    def set_categories(self, labels: Sequence[str], offset: float = 0.5) -> None:
        self.categories = list(labels)
        self.category_offset = offset
        self.picture = None
        self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:
        if not self.categories:
            ticks: list[tuple[float, list[float]]] = super().tickValues(minVal, maxVal, size)
            return ticks
        lo, hi = min(minVal, maxVal), max(minVal, maxVal)
        shown = max(1.0, hi - lo)
        step = max(1, int(np.ceil(shown * self.MIN_LABEL_SPACING / max(size, 1.0))))
        first = max(0, int(np.floor(lo)))
        last = min(len(self.categories) - 1, int(np.ceil(hi)))
        values = [i + self.category_offset for i in range(first - first % step, last + 1, step) if i >= 0]
        return [(float(step), values)]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        if self.categories:
            out = []
            for v in values:
                i = round(v - self.category_offset)
                out.append(short(self.categories[i], 14) if 0 <= i < len(self.categories) else "")
            return out
        if self.percent:
            return [percent(v, 0) for v in values]
        lang = current_language()
        return [compact(v, lang) for v in values]


def palette_colors() -> tuple[QColor, QColor]:
    """(background, foreground) of charts in the current palette."""
    pal = QApplication.palette()
    return pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)


class ChartWidget(QWidget):
    """One chart with a title line; exports as PNG/SVG and copies as an image."""

    #: The chart was redrawn (argument: number of data items).
    drawn = Signal(int)

    def __init__(self, name: str, parent: QWidget | None = None, percent_x: bool = False,
                 percent_y: bool = False, mouse: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.export_name = name
        axes = {"bottom": CompactAxis("bottom", percent=percent_x), "left": CompactAxis("left", percent=percent_y)}
        self.plot = pg.PlotWidget(parent=self, axisItems=axes)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=mouse, y=mouse)
        self.plot.setMinimumHeight(180)
        self.item = self.plot.getPlotItem()
        self.legend: pg.LegendItem | None = None
        #: Legend samples drawn for bands (kept referenced while the legend shows them).
        self.legend_samples: list[Any] = []
        self.note = plain_label(QLabel(self))
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.note)
        self._hover: Callable[[QPointF], str] | None = None
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.apply_palette()

    # look --------------------------------------------------------------------------------
    def apply_palette(self) -> None:
        bg, fg = palette_colors()
        self.plot.setBackground(bg)
        for name in ("left", "bottom"):
            ax = self.item.getAxis(name)
            ax.setPen(pg.mkPen(fg))
            ax.setTextPen(pg.mkPen(fg))
        self.item.titleLabel.item.setDefaultTextColor(fg)
        if self.legend is not None:
            self.legend.setLabelTextColor(fg)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
        super().changeEvent(event)

    def reset(self, title: str = "", x_label: str = "", y_label: str = "", legend: bool = False,
              legend_at: str = "top") -> None:
        """Empty the chart and set its titles (before drawing again)."""
        existing = self.item.legend
        if existing is not None:  # empty the legend before the items its samples point to go
            existing.clear()
            existing.setVisible(legend)
        self.item.clear()
        for name in ("left", "bottom"):
            self.item.getAxis(name).setTicks(None)
            self.item.getAxis(name).set_categories([])
        reset_left_axis(self)
        self.item.getViewBox().invertY(False)
        # pyqtgraph draws titles and axis labels as HTML: the text (names, currency) is escaped
        self.item.setTitle(html.escape(title, quote=False), size="9pt")
        self.item.setLabel("bottom", html.escape(x_label, quote=False))
        self.item.setLabel("left", html.escape(y_label, quote=False))
        self.item.showGrid(x=False, y=False)
        self.legend = None
        if legend:
            # one legend per chart, emptied and reused (pyqtgraph keeps returning the first one)
            self.legend = self.item.addLegend(offset=(-8, 8), labelTextSize="8pt")
            self.legend.anchor(itemPos=(1, 0 if legend_at == "top" else 1), parentPos=(1, 0 if legend_at == "top" else 1),
                               offset=(-8, 8 if legend_at == "top" else -8))
            self.legend.setBrush(pg.mkBrush(QColor(palette_colors()[0]).darker(103)))
            self.legend.setPen(pg.mkPen(QColor(128, 128, 128, 120)))
        self._hover = None
        self.note.hide()
        self.apply_palette()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def data_items(self) -> list[Any]:
        """What the chart draws (bars, curves, images, lines) — for tests and emptiness."""
        kinds = (pg.BarGraphItem, pg.PlotDataItem, pg.ImageItem, pg.InfiniteLine, pg.FillBetweenItem)
        return [i for i in self.item.items if isinstance(i, kinds)]

    # hover ----------------------------------------------------------------------------------
    def set_hover(self, fn: Callable[[QPointF], str] | None) -> None:
        """``fn(view point) -> tooltip`` while the mouse moves over the plot."""
        self._hover = fn

    def _on_mouse_moved(self, pos: QPointF) -> None:
        if self._hover is None:
            return
        vb = self.item.getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            self.plot.setToolTip("")
            return
        self.plot.setToolTip(plain(self._hover(vb.mapSceneToView(pos))))

    # export --------------------------------------------------------------------------------
    def export_png(self, path: str | Path, width: int = 1600) -> None:
        exporter = pg_exporters.ImageExporter(self.item)
        exporter.parameters()["width"] = int(width)
        exporter.export(str(path))

    def export_svg(self, path: str | Path) -> None:
        """SVG through pyqtgraph's exporter; where it cannot parse what Qt 6 writes (some
        curves), the chart is painted into a QSvgGenerator instead."""
        try:
            pg_exporters.SVGExporter(self.item).export(str(path))
        except (ValueError, IndexError):
            self._paint_svg(Path(path))
        out = Path(path)  # names may hold characters XML forbids (controls): the file must parse
        text = out.read_text(encoding="utf-8", errors="replace")
        if xml_text(text) != text:
            out.write_text(xml_text(text), encoding="utf-8")

    def _paint_svg(self, path: Path) -> None:
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QPainter
        from PySide6.QtSvg import QSvgGenerator

        rect = self.item.sceneBoundingRect()
        gen = QSvgGenerator()
        gen.setFileName(str(path))
        gen.setSize(QSize(int(rect.width()), int(rect.height())))
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        gen.setTitle(self.export_name)
        painter = QPainter(gen)
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), palette_colors()[0])
        self.plot.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()

    def copy_image(self) -> None:
        QApplication.clipboard().setImage(self.plot.grab().toImage())

    def save_dialog(self, fmt: str) -> str | None:
        filters = {"png": self.tr("PNG images (*.png)"), "svg": self.tr("SVG drawings (*.svg)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save Chart"), f"{self.export_name}.{fmt}", filters[fmt])
        if not path:
            return None
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        self.export_png(path) if fmt == "png" else self.export_svg(path)
        return path

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Save Chart as PNG…"), lambda: self.save_dialog("png"))
        menu.addAction(self.tr("Save Chart as SVG…"), lambda: self.save_dialog("svg"))
        menu.addAction(self.tr("Copy Chart"), self.copy_image)
        if self.plot.getViewBox().state["mouseEnabled"][0]:
            menu.addSeparator()
            menu.addAction(self.tr("Reset Zoom"), lambda: self.item.getViewBox().autoRange())
        menu.exec(event.globalPos())


# drawing -------------------------------------------------------------------------------------

def fit_left_axis(chart: ChartWidget, labels: Sequence[str]) -> None:
    """Make the left axis wide enough for its category labels (pyqtgraph only widens it
    after a first paint, which may clip names on the first frame)."""
    ax = chart.item.getAxis("left")
    fm = QFontMetrics(ax.style.get("tickFont") or chart.font())
    width = max((fm.horizontalAdvance(t) for t in labels), default=20)
    ax.setWidth(min(240, width + 14))


def reset_left_axis(chart: ChartWidget) -> None:
    chart.item.getAxis("left").setWidth(None)


def hbars(chart: ChartWidget, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float], str]],
          tooltips: Sequence[str] | None = None, loss: tuple[str, str] | None = None) -> None:
    """Horizontal bars, one row per label (top to bottom), one bar per series in each row.

    With ``loss`` = (legend name, colour), negative values are drawn in that colour under
    that legend name (a negative saving is a loss, not a smaller gain)."""
    n = len(labels)
    k = max(1, len(series))
    chart.plot.setMinimumHeight(max(180, 70 + n * (12 + 9 * k)))  # every name stays readable
    band = 0.8
    h = band / k
    for si, (name, values, color) in enumerate(series):
        vals = np.asarray(values, dtype=float)
        ys = np.arange(n) - band / 2 + h * (si + 0.5)
        parts = [(np.ones(n, dtype=bool), name, color)]
        if loss is not None and (vals < 0).any():
            parts = [(vals >= 0, name, color), (vals < 0, loss[0], loss[1])]
        for keep, label, colour in parts:
            if not keep.any():
                continue
            v = vals[keep]
            item = pg.BarGraphItem(x0=np.minimum(v, 0), y=ys[keep], height=h * 0.88, width=np.abs(v),
                                   brush=pg.mkBrush(colour), pen=pg.mkPen(QColor(colour).darker(130), width=0.6),
                                   name=label)
            chart.item.addItem(item)  # named items join the legend by themselves
    ax = chart.item.getAxis("left")
    ticks = [(i, short(lbl)) for i, lbl in enumerate(labels)]
    ax.setTicks([ticks])
    fit_left_axis(chart, [t for _, t in ticks])
    vb = chart.item.getViewBox()
    vb.invertY(True)
    chart.item.setYRange(-0.6, max(0.6, n - 0.4), padding=0)
    all_vals = [v for _, values, _ in series for v in values] or [0.0]
    lo, hi = min(0.0, min(all_vals)), max(0.0, max(all_vals))
    span = (hi - lo) or 1.0
    chart.item.setXRange(lo - 0.02 * span, hi + 0.04 * span, padding=0)
    chart.item.showGrid(x=True, y=False, alpha=0.15)
    if tooltips is not None:
        tips = list(tooltips)
        chart.set_hover(lambda p: tips[round(p.y())] if 0 <= round(p.y()) < len(tips) else "")
    chart.drawn.emit(len(chart.data_items()))


def heatmap(chart: ChartWidget, row_labels: Sequence[str], col_labels: Sequence[str], matrix: np.ndarray,
            colors: Sequence[str], describe: Callable[[int, int], str] | None = None) -> None:
    """A categorical heat map: ``matrix[r, c]`` indexes ``colors``; rows top to bottom."""
    rows, cols = matrix.shape
    lut = np.array([[*QColor(c).getRgb()] for c in colors], dtype=np.ubyte)
    img = pg.ImageItem(np.asarray(matrix, dtype=float), axisOrder="row-major")
    img.setLookupTable(lut)
    img.setLevels([0, len(colors)])
    img.setRect(QRectF(0, 0, max(cols, 1), max(rows, 1)))
    chart.item.addItem(img)
    vb = chart.item.getViewBox()
    vb.invertY(True)
    chart.item.getAxis("left").set_categories(row_labels)
    fit_left_axis(chart, [short(lbl, 14) for lbl in row_labels])
    step = max(1, int(np.ceil(cols / 14)))  # at most ~14 column names under the map
    chart.item.getAxis("bottom").setTicks([[(c + 0.5, short(lbl, 10)) for c, lbl in enumerate(col_labels)
                                            if c % step == 0]])
    # thin grid lines between the cells
    grid = QColor(palette_colors()[0])
    for c in range(1, cols):
        chart.item.addItem(pg.InfiniteLine(c, angle=90, pen=pg.mkPen(grid, width=1)))
    if rows <= 80:
        for r in range(1, rows):
            chart.item.addItem(pg.InfiniteLine(r, angle=0, pen=pg.mkPen(grid, width=1)))
    chart.item.setXRange(0, max(cols, 1), padding=0)
    chart.item.setYRange(0, max(rows, 1), padding=0)
    if describe is not None:
        def hover(p: QPointF) -> str:
            r, c = int(p.y()), int(p.x())
            return describe(r, c) if 0 <= r < rows and 0 <= c < cols else ""

        chart.set_hover(hover)
    chart.drawn.emit(len(chart.data_items()))


def curves(chart: ChartWidget, x: Sequence[float], lines: Sequence[tuple[str, Sequence[float], str, Qt.PenStyle]],
           band: tuple[str, Sequence[float], Sequence[float], str] | None = None) -> None:
    """Lines over ``x``; optionally a shaded band (name, low, high, colour) under them."""
    xs = np.asarray(x, dtype=float)
    if band is not None and len(band[1]) == len(xs):
        name, low, high, color = band
        lo = pg.PlotDataItem(xs, np.asarray(low, dtype=float), pen=pg.mkPen(None))
        hi = pg.PlotDataItem(xs, np.asarray(high, dtype=float), pen=pg.mkPen(None))
        fill_color = QColor(color)
        fill_color.setAlpha(55)
        fill = pg.FillBetweenItem(lo, hi, brush=pg.mkBrush(fill_color))
        for it in (lo, hi, fill):
            chart.item.addItem(it)
        if chart.legend is not None:
            # a legend sample of a FillBetweenItem crashes pyqtgraph: show a broad, pale line instead
            sample = pg.PlotDataItem([], [], pen=pg.mkPen(fill_color, width=9))
            chart.legend.addItem(sample, name)
            chart.legend_samples = [sample]  # kept referenced while the legend shows it
    for name, ys, color, style in lines:
        pen = pg.mkPen(color, width=2.2, style=style)
        item = chart.item.plot(xs, np.asarray(ys, dtype=float), pen=pen, name=name,
                               symbol="o" if len(xs) <= 40 else None, symbolSize=4,
                               symbolBrush=pg.mkBrush(color), symbolPen=pg.mkPen(None))
        item.setZValue(5)
    chart.item.setYRange(0, 1.02, padding=0)
    chart.item.setXRange(float(xs.min()) if xs.size else 0, float(xs.max()) if xs.size else 1, padding=0.02)
    chart.item.showGrid(x=True, y=True, alpha=0.15)
    chart.drawn.emit(len(chart.data_items()))


def histogram(chart: ChartWidget, edges: Sequence[float], counts: Sequence[float],
              marks: Sequence[tuple[str, float, str, Qt.PenStyle]]) -> None:
    """Bars over bins, with labelled vertical lines (percentiles, threshold)."""
    e = np.asarray(edges, dtype=float)
    c = np.asarray(counts, dtype=float)
    if e.size >= 2 and c.size == e.size - 1:
        bars = pg.BarGraphItem(x0=e[:-1], x1=e[1:], height=c, brush=pg.mkBrush(COLORS["bars"]),
                               pen=pg.mkPen(QColor(COLORS["bars"]).darker(140), width=0.6))
        chart.item.addItem(bars)
    top = float(c.max()) if c.size else 1.0
    merged: list[tuple[str, float, str, Qt.PenStyle]] = []
    for label, pos, color, style in marks:  # marks at the same place share one line and label
        same = next((i for i, m in enumerate(merged) if abs(m[1] - pos) < 1e-9 and m[2] == color), None)
        if same is None:
            merged.append((label, pos, color, style))
        else:
            m = merged[same]
            merged[same] = (f"{m[0].split(' ')[0]} = {label}", pos, color, m[3])
    bg = QColor(palette_colors()[0])
    bg.setAlpha(215)
    for i, (label, pos, color, style) in enumerate(merged):
        right = pos > 0.7
        line = pg.InfiniteLine(pos, angle=90, pen=pg.mkPen(color, width=2, style=style), label=label,
                               labelOpts={"position": 0.92 - 0.12 * i, "color": color, "fill": bg,
                                          "anchors": [(1, 0.5), (1, 0.5)] if right else [(0, 0.5), (0, 0.5)]})
        line.setZValue(5)
        chart.item.addItem(line)
    chart.item.setXRange(0, 1, padding=0.01)
    chart.item.setYRange(0, top * 1.08 or 1, padding=0)
    chart.item.showGrid(x=False, y=True, alpha=0.15)
    chart.drawn.emit(len(chart.data_items()))
