"""UI layer (canvas): entity names in zoomed-out views — as many as fit, never unreadable.

Below :data:`~ecodesk.ui.canvas.style.LOD_LABELS` the entity items draw no names (scaled
with the zoom they would be a few pixels high). :class:`ZoomedLabels` draws names there at
their normal on-screen size instead, over the scene, choosing which fit: the selected
entities' names and the hubs' (the most connected entities) always, then the others by
number of flows, each only where it overlaps no name already placed. The choice is made
once per zoom (and when the model, the selection or the visible region changes), not per
frame, and the names are drawn into one image the frames then copy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from ecodesk.ui.canvas.hull_item import HullLabelItem
from ecodesk.ui.canvas.style import LOD_LABELS, canvas_font

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    import numpy as np  # imported when names are first chosen: not on the first window's path

    from ecodesk.ui.canvas.host import CanvasHost

#: The hubs whose names always show: this many of the most connected entities …
HUBS = 5
#: … each with at least this many flows.
HUB_MIN_FLOWS = 3
#: Widest name (screen pixels; longer names are elided).
MAX_WIDTH = 150.0
#: Room kept between two names (screen pixels).
GAP = 3.0
#: The region labelled around the visible one (a share of the viewport on each side), so
#: that a small pan draws from the same choice.
FORCED_MAX = 200  # up to this many selected entities show their names whatever the room
MARGIN = 0.25


class ZoomedLabels:
    """The names a zoomed-out ``view`` shows (see the module docstring)."""

    def __init__(self, view: CanvasHost) -> None:
        self.view = view
        self.font = canvas_font()
        self._fm = QFontMetricsF(self.font)
        self._model: tuple[list[str], np.ndarray, np.ndarray, np.ndarray] | None = None
        self._key: tuple[float, float, float] | None = None
        self._region = QRectF()  # scene rect the current choice covers
        self._shown: list[str] = []
        self._placed: list[tuple[str, QRectF]] = []
        self._image: QImage | None = None
        self._elided: dict[str, tuple[str, float]] = {}
        self._hubs: set[str] = set()

    # what invalidates the choice --------------------------------------------------------------
    def model_changed(self) -> None:
        """Entities, names or flows changed (or another scenario is shown)."""
        self._model = None
        self._key = None
        self._elided.clear()

    def selection_changed(self) -> None:
        self._key = None

    # the choice ----------------------------------------------------------------------------------
    def active(self) -> bool:
        return self.view.zoom < LOD_LABELS and bool(self.view.canvas_scene.entity_items)

    def shown_ids(self) -> list[str]:
        """The entities whose names the overlay draws now (empty at zoom ≥ LOD_LABELS,
        where every entity draws its own)."""
        if not self.active():
            return []
        self._update()
        return list(self._shown)

    def chips(self) -> dict[str, QRectF]:
        """Each shown name's chip in viewport coordinates."""
        if not self.active():
            return {}
        self._update()
        at = QPointF(self.view.mapFromScene(self._region.topLeft()))
        return {eid: rect.translated(at) for eid, rect in self._placed}

    def readable_ids(self) -> list[str]:
        """The entities whose names can be read now: at zoom ≥ LOD_LABELS every entity in
        view draws its own; below, those this overlay shows."""
        if self.active():
            return self.shown_ids()
        view = self.view
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        return [eid for eid, it in view.canvas_scene.entity_items.items() if visible.contains(it.pos())]

    def _arrays(self) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """Ids, x, y, and the priority order (most flows first) of the entities."""
        if self._model is None:
            import numpy as np

            sc = self.view.canvas_scene
            ids = list(sc.entity_items)
            xs = np.fromiter((it.x() for it in sc.entity_items.values()), float, len(ids))
            ys = np.fromiter((it.y() for it in sc.entity_items.values()), float, len(ids))
            degree = np.fromiter((len(sc.network.flows_of(i)) for i in ids), float, len(ids))
            order = np.lexsort((np.arange(len(ids)), -degree))
            self._model = (ids, xs, ys, order)
            self._hubs = {ids[i] for i in order[:HUBS] if degree[i] >= HUB_MIN_FLOWS}
        return self._model

    def hub_ids(self) -> set[str]:
        self._arrays()
        return set(self._hubs)

    def _update(self) -> None:
        view = self.view
        port = view.viewport().rect()
        visible = view.mapToScene(port).boundingRect()
        zoom = view.zoom
        if self._key is not None and self._key[0] == zoom and self._region.contains(visible):
            return
        mx, my = visible.width() * MARGIN, visible.height() * MARGIN
        region = visible.adjusted(-mx, -my, mx, my)
        self._key, self._region = (zoom, region.left(), region.top()), region
        import numpy as np

        ids, xs, ys, order = self._arrays()
        sc = view.canvas_scene
        selected = [eid for eid in view.selected_entity_ids() if eid in sc.entity_items]
        inside = order[(xs[order] >= region.left()) & (xs[order] <= region.right())
                       & (ys[order] >= region.top()) & (ys[order] <= region.bottom())]
        items = sc.entity_items  # (disabled: dimmed outside the focus, nameless; the focused compete alone)
        inside = inside[np.fromiter((items[ids[i]].isEnabled() for i in inside.tolist()), bool, len(inside))]
        # one candidate per name-sized cell (the names of two entities in one cell overlap
        # anyway): the best-connected, which comes first in ``order``
        line = self._fm.height() + 2
        cx = np.floor((xs[inside] - region.left()) * zoom / 40.0).astype(np.int64)
        cy = np.floor((ys[inside] - region.top()) * zoom / line).astype(np.int64)
        _, first = np.unique(cx * 1_000_003 + cy, return_index=True)
        candidates = inside[np.sort(first)]
        if len(selected) > FORCED_MAX:  # (a Select All): the selected names compete for room
            selected = []
        forced = selected + [h for h in self._hubs if h not in selected and h in sc.entity_items]
        rects: dict[tuple[int, int], list[QRectF]] = {}
        placed: list[tuple[str, QRectF]] = []
        origin = region.topLeft()
        for hull in sc.hulls.items.values():  # the ecosystems' names keep their room
            for title in hull.childItems():
                if isinstance(title, HullLabelItem):
                    at = (title.scenePos() - origin) * zoom
                    self._occupy(title.boundingRect().translated(at), rects)
        for n, eid in enumerate(forced + [ids[i] for i in candidates]):
            if (n >= len(forced) and eid in forced) or not items[eid].isEnabled():
                continue
            below, above = self._rects(eid, origin, zoom)
            rect = below if not self._collides(below, rects) else above if not self._collides(above, rects) else None
            if rect is None:
                if n >= len(forced):
                    continue  # no room: the name waits for a closer zoom
                rect = below  # a hub's or a selected entity's name shows all the same
            self._occupy(rect, rects)
            placed.append((eid, rect))
        self._shown = [eid for eid, _ in placed]
        self._placed = placed
        self._render(placed, QRectF(0, 0, region.width() * zoom, region.height() * zoom))

    def _name(self, eid: str) -> tuple[str, float]:
        got = self._elided.get(eid)
        if got is None:
            label = self.view.canvas_scene.entity_items[eid].entity.label.replace("\n", " ")
            text = self._fm.elidedText(label, Qt.TextElideMode.ElideRight, MAX_WIDTH)
            got = self._elided[eid] = (text, self._fm.horizontalAdvance(text))
        return got

    def _rects(self, eid: str, origin: QPointF, zoom: float) -> tuple[QRectF, QRectF]:
        """The name's chip below the shape and above it, in image pixels (the region's
        top-left at 0, 0)."""
        item = self.view.canvas_scene.entity_items[eid]
        _, width = self._name(eid)
        shape = item.shape_rect()
        x = (item.x() - origin.x()) * zoom
        h = self._fm.height() + 2
        below = (item.y() + shape.bottom() - origin.y()) * zoom + 2
        above = (item.y() + shape.top() - origin.y()) * zoom - 2 - h
        return (QRectF(x - width / 2 - 3, below, width + 6, h), QRectF(x - width / 2 - 3, above, width + 6, h))

    @staticmethod
    def _cells(rect: QRectF) -> list[tuple[int, int]]:
        return [(i, j) for i in range(int(rect.left() // 64), int(rect.right() // 64) + 1)
                for j in range(int(rect.top() // 32), int(rect.bottom() // 32) + 1)]

    def _collides(self, rect: QRectF, rects: dict[tuple[int, int], list[QRectF]]) -> bool:
        room = rect.adjusted(-GAP, -GAP, GAP, GAP)
        return any(room.intersects(r) for c in self._cells(rect) for r in rects.get(c, ()))

    def _occupy(self, rect: QRectF, rects: dict[tuple[int, int], list[QRectF]]) -> None:
        for c in self._cells(rect):
            rects.setdefault(c, []).append(rect)

    def _render(self, placed: list[tuple[str, QRectF]], size: QRectF) -> None:
        dpr = self.view.viewport().devicePixelRatioF()
        w, h = max(1, int(size.width() * dpr)), max(1, int(size.height() * dpr))
        if not placed:
            self._image = None
            return
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(Qt.GlobalColor.transparent)
        theme = self.view.canvas_scene.theme
        selected = set(self.view.selected_entity_ids())
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self.font)
        halo, sel, ink = QColor(theme.text_halo), QColor(theme.selection), QColor(theme.text)
        halo.setAlpha(215)
        white = QColor("#FFFFFF")
        for eid, rect in placed:
            on = eid in selected
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(sel if on else halo)
            p.drawRoundedRect(rect, 4, 4)
            p.setPen(white if on else ink)
            p.drawText(QPointF(rect.left() + 3, rect.top() + 1 + self._fm.ascent()), self._name(eid)[0])
        p.end()
        self._image = image

    # drawing ---------------------------------------------------------------------------------------
    def paint(self, painter: QPainter) -> None:
        """Draw the chosen names (the view's drawForeground; the painter in scene units)."""
        if not self.active():
            return
        self._update()
        if self._image is None:
            return
        top_left: QPoint = self.view.mapFromScene(self._region.topLeft())
        dpr = self._image.devicePixelRatio()
        target = QRect(top_left.x(), top_left.y(), round(self._image.width() / dpr), round(self._image.height() / dpr))
        painter.save()
        painter.resetTransform()
        painter.drawImage(target, self._image)
        painter.restore()
