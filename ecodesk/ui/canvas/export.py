"""UI layer (canvas): exporting the diagram as a picture — a separate exporter class, as
pyqtgraph does, so the formats (PNG, SVG, PDF in :mod:`ecodesk.ui.render`) share one way of
painting without touching the view.

Two ways to paint: :meth:`ImageExporter.export` fits the diagram into a fixed-size image
with the legend over its bottom-left corner (screenshots, thumbnails); :meth:`frame` and
:meth:`paint` lay the diagram out at its natural size (one scene unit = one pixel at 96 dpi)
with the legend *below* it, so nothing is covered — what the file exports use.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from ecodesk.ui.canvas.legend import LegendSection, legend_size, paint_legend
from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.canvas.style import LOD_LABELS, translate

MARGIN = 30.0  # scene units around the content
LEGEND_GAP = 12.0  # between the diagram and the legend below it


@dataclass(frozen=True)
class ExportFrame:
    """Where things go in a natural-size export (logical units: scene units)."""

    source: QRectF  # the part of the scene drawn
    target: QRectF  # where it lands in the picture
    size: QSizeF  # the whole picture, legend included
    legend_at: QPointF | None


class ImageExporter:
    """Renders a :class:`CanvasScene` — all of it, not what a view shows."""

    def __init__(self, scene: CanvasScene) -> None:
        self.scene = scene

    @contextmanager
    def _clean(self, scale: float) -> Iterator[None]:
        """The scene as it should look in a picture: without selection marks or the hover
        label, with arrowheads (the level of detail of ``scale``), and items painted afresh
        rather than from their pixmap caches (vector files stay vector, PNG stays sharp at
        any scale); restored afterwards."""
        sc = self.scene
        sc.flush_pending()
        detail = sc.detail
        sc.set_detail(0 if scale >= LOD_LABELS else 1)
        selected = sc.selectedItems()
        label_visible = sc.flow_label.isVisible()
        cached = [(it, it.cacheMode()) for it in sc.items() if it.cacheMode() != QGraphicsItem.CacheMode.NoCache]
        layer = sc.flow_layer
        flows = layer.selected_ids()  # (selected in the layer, with an item or without)
        with QSignalBlocker(sc):  # a temporary deselection must not reach the document
            for it in selected:
                it.setSelected(False)
            layer.set_selected_ids([])
            sc.flow_label.hide()
            for it, _mode in cached:
                it.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            try:
                yield
            finally:
                for it, mode in cached:
                    it.setCacheMode(mode)
                for it in selected:
                    it.setSelected(True)
                layer.set_selected_ids(flows)
                sc.flow_label.setVisible(label_visible)
        sc.set_detail(detail)

    def export(self, width: int, height: int, legend: list[LegendSection] | None = None) -> QImage:
        """The diagram fitted into ``width`` × ``height`` on the theme's background, without
        selection marks or the hover label, with ``legend`` in the bottom-left corner."""
        sc = self.scene
        sc.flush_pending()
        img = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(QColor(sc.theme.background))
        src = sc.content_rect()
        if src.isNull():
            return img
        src = src.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scale = min(width / src.width(), height / src.height())
        with self._clean(scale):
            p = QPainter(img)
            p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            sc.render(p, QRectF(0, 0, width, height), src, Qt.AspectRatioMode.KeepAspectRatio)
            if legend:
                title = translate("Legend")
                h = legend_size(title, legend).height()
                paint_legend(p, QPointF(12, height - h - 12), title, legend, sc.theme)
            p.end()
        return img

    # natural size --------------------------------------------------------------------
    def frame(self, legend: list[LegendSection] | None = None, source: QRectF | None = None,
              title: str | None = None) -> ExportFrame | None:
        """The layout of a natural-size picture of ``source`` (default: all the content),
        with the legend (headed ``title``, default "Legend" in the UI language) below; None
        when there is nothing to draw."""
        sc = self.scene
        sc.flush_pending()
        src = QRectF(source) if source is not None else sc.content_rect()
        if src.isNull() or src.isEmpty():
            return None
        src = src.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        width, height = src.width(), src.height()
        legend_at = None
        if legend:
            ls = legend_size(title or translate("Legend"), legend)
            width = max(width, ls.width() + 2 * MARGIN)
            legend_at = QPointF(MARGIN, height + LEGEND_GAP - MARGIN / 2)
            height = legend_at.y() + ls.height() + MARGIN
        target = QRectF((width - src.width()) / 2, 0, src.width(), src.height())
        return ExportFrame(src, target, QSizeF(width, height), legend_at)

    def paint(self, painter: QPainter, frame: ExportFrame, legend: list[LegendSection] | None = None,
              background: bool = True, title: str | None = None) -> None:
        """Paint ``frame`` with ``painter`` in logical units (the caller scales the painter)."""
        sc = self.scene
        with self._clean(painter.worldTransform().m11()):
            painter.save()
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                                   | QPainter.RenderHint.SmoothPixmapTransform)
            if background:
                painter.fillRect(QRectF(QPointF(0, 0), frame.size), QColor(sc.theme.background))
            sc.render(painter, frame.target, frame.source, Qt.AspectRatioMode.KeepAspectRatio)
            if legend and frame.legend_at is not None:
                paint_legend(painter, frame.legend_at, title or translate("Legend"), legend, sc.theme,
                             indicator=False)
            painter.restore()
