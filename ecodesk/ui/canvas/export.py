"""UI layer (canvas): exporting the diagram as an image — a separate exporter class, as
pyqtgraph does, so other formats (SVG, PDF) can follow without touching the view."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from ecodesk.ui.canvas.legend import LegendSection, legend_size, paint_legend
from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.canvas.style import LOD_LABELS, translate

MARGIN = 30.0  # scene units around the content


class ImageExporter:
    """Renders a :class:`CanvasScene` — all of it, not what a view shows — into a QImage."""

    def __init__(self, scene: CanvasScene) -> None:
        self.scene = scene

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
        detail = sc.detail
        sc.set_detail(0 if scale >= LOD_LABELS else 1)  # an export keeps its arrowheads
        selected = sc.selectedItems()
        label_visible = sc.flow_label.isVisible()
        with QSignalBlocker(sc):  # a temporary deselection must not reach the document
            for it in selected:
                it.setSelected(False)
            sc.flow_label.hide()
            p = QPainter(img)
            p.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            sc.render(p, QRectF(0, 0, width, height), src, Qt.AspectRatioMode.KeepAspectRatio)
            if legend:
                title = translate("Legend")
                h = legend_size(title, legend).height()
                paint_legend(p, QPointF(12, height - h - 12), title, legend, sc.theme)
            p.end()
            for it in selected:
                it.setSelected(True)
            sc.flow_label.setVisible(label_visible)
        sc.set_detail(detail)
        return img
