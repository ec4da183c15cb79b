"""UI layer (canvas): zooming a canvas view — about a point, to fit a rect, to centre on
objects — and the flows' level of detail that follows the zoom.

:class:`CanvasZoom` is a part of the view (composition): it sets the view's transform,
switches the scene's detail once per crossing of a threshold (not per frame), and tells
the view before and after a change (to close an inline rename, to emit ``zoom_changed``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QPainter, QTransform
from PySide6.QtWidgets import QGraphicsView

from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.canvas.style import LOD_LABELS, LOD_SIMPLE

MIN_ZOOM = 0.01  # "fit all" shows the seed-size platform whole even in a small window
MAX_ZOOM = 6.0
ZOOM_STEP = 1.25


def detail_level(zoom: float) -> int:
    """Flow detail for a zoom: 0 full, 1 hairlines (no labels), 2 overview."""
    return 0 if zoom >= LOD_LABELS else 1 if zoom >= LOD_SIMPLE else 2


class CanvasZoom:
    """The zoom of one view (``before``/``after``: called around a change of the zoom)."""

    def __init__(
        self,
        view: QGraphicsView,
        scene: CanvasScene,
        before: Callable[[], None],
        after: Callable[[float], None],
    ) -> None:
        self._view = view
        self._scene = scene
        self._before = before
        self._after = after
        self.zoom = 1.0
        #: Until the user zooms or pans, the view keeps the diagram fitted on resize.
        self.auto_fit = True

    def zoom_at(self, zoom: float, view_pos: QPoint) -> None:
        """Zoom keeping the scene point under ``view_pos`` where it is."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        self.auto_fit = False
        if abs(zoom - self.zoom) < 1e-9:
            return
        self._before()
        view = self._view
        anchor = view.mapToScene(view_pos)
        self._apply(zoom)
        delta = view.mapFromScene(anchor) - view_pos
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + delta.x())
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() + delta.y())
        self._after(zoom)

    def _apply(self, zoom: float) -> None:
        self._view.setTransform(QTransform.fromScale(zoom, zoom))
        self.zoom = zoom
        level = detail_level(zoom)
        self._scene.set_detail(level)
        # in the overview thousands of hairlines are drawn: without antialiasing (the items
        # that need it — entities, hulls — switch it on themselves)
        self._view.setRenderHint(QPainter.RenderHint.Antialiasing, level < 2)

    def fit_rect(self, rect: QRectF, max_zoom: float, margin: int = 36) -> None:
        """Zoom (up to ``max_zoom``) so ``rect`` fits with ``margin`` screen pixels around
        it (a little more on top, for the ecosystem names), and centre it."""
        if rect.isNull() or rect.isEmpty():
            return
        vp = self._view.viewport().rect()
        w, h = max(vp.width() - 2 * margin, 40), max(vp.height() - 2 * margin - 20, 40)
        zoom = min(w / rect.width(), h / rect.height())
        zoom = max(MIN_ZOOM, min(max_zoom, zoom))
        if abs(zoom - self.zoom) > 1e-9:
            self._apply(zoom)
            self._after(zoom)
        self._view.centerOn(rect.center() - QPointF(0, 10 / zoom))

    def fit_all(self) -> None:
        """Show every entity (and hull), at most at 100 %."""
        self._scene.flush_pending()
        rect = self._scene.content_rect()
        if rect.isNull():
            self.zoom_at(1.0, self._view.viewport().rect().center())
            self._view.centerOn(0, 0)
            return
        self.fit_rect(rect, 1.0)

    def center_on(self, rect: QRectF) -> None:
        """Centre the view on scene rect ``rect``, zooming out if it does not fit."""
        if rect.isNull():
            return
        visible = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        if rect.width() > visible.width() * 0.9 or rect.height() > visible.height() * 0.9:
            self.fit_rect(rect, self.zoom)
        else:
            self._view.centerOn(rect.center())
