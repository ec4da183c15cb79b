"""UI layer (canvas): every flow drawn by ONE item — the batched flow layer.

With 52,000 flows, one Qt item per drawn shaft cost seconds per frame: long flows from the
platform hub have bounding rects crossing every viewport, so even a small view walked most
of the scene. So the layer is split by concern:

* :class:`~ecodesk.diagram.flowtable.FlowTable` (engine side, no Qt) — one numpy row per
  flow: route, arrowhead, box, width, style, shown/floating/selected, its ends;
* :mod:`~ecodesk.diagram.flowhits` (no Qt) — hit tests (:meth:`FlowLayerItem.flow_at`,
  rubber bands: :meth:`FlowLayerItem.flows_in_rect`);
* :class:`~ecodesk.ui.canvas.flow_paint.FlowPainter` — draws rows in batches, one path a style;
* :class:`~ecodesk.ui.canvas.frame_cache.FrameCache` — the image of the view the frames blit;
* :class:`FlowLayerItem` (here) — the thin QGraphicsItem: the scene writes rows through it,
  it tells the frame cache and Qt where pixels changed, and paints a frame.

:class:`~ecodesk.ui.canvas.flow_item.FlowItem` objects exist only for the few flows that
are selected, hovered or asked for (the scene creates them on demand). A moved entity
re-routes only its own flows, in one vectorised batch (:mod:`~ecodesk.diagram.routes`).
The layer also draws the ecosystem hulls beneath the flows (its ``backdrop``) and the
selected flows' glow above them. A drag lifts the dragged entities' flows out of the frame
cache and draws them over it each frame (:meth:`FlowLayerItem.float_rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ecodesk.diagram.flowtable import FlowTable, Rect, load_numpy, segment_boxes, union_box
from ecodesk.ui.canvas.flow_paint import FlowPainter
from ecodesk.ui.canvas.frame_cache import FrameCache, raster_scaled, visible_rect
from ecodesk.ui.canvas.style import CanvasTheme

if TYPE_CHECKING:
    import numpy as np

    from ecodesk.diagram.routes import Routes

FEW_ROWS = 32  # up to this many changed flows, the cache is redrawn along their segments


def _rects(boxes: np.ndarray) -> list[QRectF]:
    return [QRectF(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in boxes.tolist()]


class FlowLayerItem(QGraphicsItem):
    """All flows of a scene, culled and drawn in batches (see the module docstring).

    The scene writes rows in batches (:meth:`set_routes`, :meth:`set_styles`,
    :meth:`set_shown`, :meth:`set_links`); reads go to :attr:`table`."""

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(-0.5)  # above hulls, below flow items (selected/hovered) and entities
        self.table = FlowTable()
        self.painter = FlowPainter(self.table)
        self.labels = self.painter.labels  # the flows' labels (flow_labels), drawn by the painter
        self.labels.obstacles = self._entity_boxes
        self.frame_cache = FrameCache(self)
        #: Frame caches of layers drawn with this one (the entity overview's): dropped with its own.
        self.companions: list[FrameCache] = []
        self.cache_enabled = True
        #: ``(rows, style indices) -> style indices`` for every restyle (the focus fades the
        #: flows outside it: they stay faded whoever restyles them); None: as given.
        self.style_filter: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
        #: ``flow id -> whether it may be hit`` (the focus: not the faded ones); None: all.
        self.hit_filter: Callable[[str], bool] | None = None
        self._bounds = QRectF()

    # what the scene sets --------------------------------------------------------------
    @property
    def detail(self) -> int:
        return self.painter.detail

    def set_detail(self, level: int) -> None:
        if level != self.painter.detail:
            self.painter.detail = level
            self.frame_cache.invalidate()
            self.update()

    def set_theme(self, theme: CanvasTheme) -> None:
        """The colours of the selection glow and of the labels' chips and text."""
        self.painter.selection_color = QColor(theme.selection)
        self.labels.theme = theme

    @property
    def selection_color(self) -> QColor:
        return self.painter.selection_color

    @selection_color.setter
    def selection_color(self, color: QColor) -> None:
        self.painter.selection_color = QColor(color)

    @property
    def backdrop(self) -> Callable[[QPainter, QRectF], None] | None:
        """Draws what lies beneath the flows in a scene rect (the ecosystem hulls): part of
        the layer, so it shares the frame cache."""
        return self.painter.backdrop

    @backdrop.setter
    def backdrop(self, draw: Callable[[QPainter, QRectF], None] | None) -> None:
        self.painter.backdrop = draw

    def style_index(self, color: QColor, width: float, dash: Qt.PenStyle) -> int:
        return self.painter.style_index(color, width, dash)

    # rows ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.table)

    def row_of(self, flow_id: str) -> int | None:
        return self.table.row_of(flow_id)

    def rows_for(self, flow_ids: Sequence[str]) -> np.ndarray:
        """The rows of these flows, allocating rows for new ones."""
        return self.table.rows_for(flow_ids)

    def route(self, flow_id: str) -> tuple[np.ndarray, bool, np.ndarray, float] | None:
        return self.table.route(flow_id)

    def set_routes(self, rows: np.ndarray, routes: Routes) -> None:
        """Set the geometry of ``rows`` from ``routes`` (after their styles: the box is
        padded by the stroke width)."""
        if not len(rows):
            return
        np = load_numpy()
        t = self.table
        floating = bool(t.floating[rows].all())
        labelled = self.labels.labelled(rows)
        if floating:  # their labels are drawn over the cache each frame; chosen again on release
            old_labels = [self._label_union(labelled)] if len(labelled) else []
        else:
            old_labels = self._label_rects(labelled)
        old_pts = t.pts[rows].copy() if len(rows) <= FEW_ROWS else None
        old = t.set_routes(rows, routes)
        if floating and len(labelled):
            self.update(old_labels[0].united(self._label_union(labelled)))
        elif len(labelled):
            self.labels.moved(labelled)
            self._repaint(old_labels + self._label_rects(labelled))
        rects: list[QRectF] | None = None
        if floating:  # dragged: drawn over the cache, which has none of them
            rects = []
        elif old_pts is not None:  # a few flows moved: redraw the cache along their segments only
            boxes = [segment_boxes(old_pts, old[:, 0], t.width[rows]), t.segment_boxes(rows)]
            rects = _rects(np.concatenate(boxes))
        self._changed(union_box(np.concatenate([old, t.box[rows]])), rects)

    def set_styles(self, rows: np.ndarray, styles: np.ndarray, widths: np.ndarray) -> None:
        """Style indices (:meth:`style_index`) and stroke widths of ``rows``."""
        if len(rows):
            if self.style_filter is not None:
                styles = self.style_filter(rows, styles)
            self.table.set_styles(rows, styles, widths)
            self._changed(self.table.union_box(rows))
            labelled = self.labels.labelled(rows)
            if len(labelled):  # the chips' borders, and which label is the strongest
                self.labels.changed()
                self._repaint(self._label_rects(labelled))

    def set_links(self, rows: np.ndarray, src: np.ndarray, dst: np.ndarray, flip: np.ndarray) -> None:
        """The ends of ``rows`` as the scene's entity indices (-1: not on the canvas)."""
        if len(rows):
            self.table.set_links(rows, src, dst, flip)

    def set_shown(self, rows: np.ndarray, shown: bool | np.ndarray) -> None:
        if len(rows):
            self.table.shown[rows] = shown
            self._changed(self.table.union_box(rows))
            labelled = self.labels.labelled(rows)
            if len(labelled):
                self.labels.changed()
                self._repaint(self._label_rects(labelled))

    def set_labels(self, rows: np.ndarray, texts: Sequence[str]) -> None:
        """The labels of ``rows`` ('' none), drawn next to the middle of their routes."""
        labels = self.labels
        if not labels and not any(texts):
            return  # the common case: a diagram without labels
        old = self._label_rects(rows)
        if labels.set_labels(rows, texts):
            self._repaint(old + self._label_rects(rows))

    def set_flow_selected(self, flow_id: str, on: bool) -> None:
        """Mark a flow selected: drawn with the selection glow over the frame cache."""
        t = self.table
        row = t.row_of(flow_id)
        if row is None or bool(t.selected[row]) == on:
            return
        t.selected[row] = on
        # the whole item: one pending update however many flows a Select All changes (a
        # rect each would pile up tens of thousands of rects for the view to merge); the
        # frame cache makes the full repaint a blit
        self.update()

    def selected_ids(self) -> list[str]:
        """Ids of the selected flows that are shown (with a FlowItem or without one)."""
        return self.table.ids_of(self.table.selected_rows())

    def set_selected_ids(self, flow_ids: Sequence[str], keep: set[str] | frozenset[str] = frozenset()) -> None:
        """Select exactly these flows in the layer (no FlowItem needed: a Select All of
        52,000 flows is one numpy assignment), leaving ``keep`` (flows whose selected
        items say so themselves) as they are."""
        np = load_numpy()
        t = self.table
        if not t.size:
            return
        want = np.zeros(t.size, bool)
        rows = [r for fid in flow_ids if (r := t.row_of(fid)) is not None]
        want[rows] = True
        for fid in keep:
            if (r := t.row_of(fid)) is not None:
                want[r] = t.selected[r]
        if (want != t.selected[: t.size]).any():
            t.selected[: t.size] = want
            self.update()  # the glow is drawn over the frame cache: one update

    def remove_flow(self, flow_id: str) -> None:
        row = self.table.row_of(flow_id)
        if row is not None and self.labels.text_of(row):
            self._repaint(self._label_rects(load_numpy().array([row])))
            self.labels.discard(row)
        old = self.table.remove(flow_id)
        if old is not None:
            self._changed(union_box(old))

    def clear(self) -> None:
        self.prepareGeometryChange()
        self.frame_cache.reset()
        self.table.clear()
        self.labels.clear()
        self._bounds = QRectF()

    def float_rows(self, rows: np.ndarray) -> None:
        """Lift ``rows`` out of the frame cache while they are dragged: the cache redraws
        once without them (erasing them), then every frame draws them over the cached image,
        so a drag frame costs the dragged flows, not what lies under them."""
        np = load_numpy()
        t = self.table
        rows = np.asarray(rows, dtype=np.intp)
        rows = rows[~t.floating[rows]] if len(rows) else rows
        if not len(rows):
            return
        t.floating[rows] = True
        self.labels.hold = True  # see FlowLabels.hold
        self.frame_cache.mark(self._label_rects(rows))
        if len(rows) <= FEW_ROWS:  # erase along their segments
            self.frame_cache.mark(_rects(t.segment_boxes(rows)))
        else:  # many (a hub's): where they lie, in one rect
            self.frame_cache.mark(_rects(np.array([b])) if (b := t.union_box(rows)) else [])
        self._changed(t.union_box(rows), [])

    def sink_rows(self) -> None:
        """Put the dragged rows back into the frame cache (drawn onto it, nothing erased)."""
        t = self.table
        rows = t.floating_rows()
        if not len(rows):
            return
        t.floating[rows] = False
        self.labels.hold = False
        self.frame_cache.draw_onto(rows)
        self._changed(t.union_box(rows), [])
        self.labels.obstacles_changed()  # placed and chosen again (repaired where that changes) next frame

    def move_ends(self, entity: int | None, dx: float = 0.0, dy: float = 0.0) -> None:
        """While a hub is dragged: the floating flows' ends at entity index ``entity`` lie
        ``(dx, dy)`` from where they were routed (drawn as straight lines, bundled, until
        the drop routes them); None: no more."""
        offsets = self.painter.offsets
        if entity is None:
            offsets.clear()
            self.painter.drag_done()
        elif offsets.get(entity) != (dx, dy):
            offsets[entity] = (dx, dy)
            self.update()

    def area_changed(self, rect: QRectF) -> None:
        """Something the layer draws beneath the flows changed in scene rect ``rect``."""
        if rect.isNull() or rect.isEmpty():
            return
        self.frame_cache.mark([QRectF(rect)])
        self._grow_to(rect)
        self.update(rect)

    def invalidate_cache(self) -> None:
        self.frame_cache.invalidate()
        for cache in self.companions:
            cache.invalidate()

    def _changed(self, box: Rect | None, rects: list[QRectF] | None = None) -> None:
        """Repaint where ``box`` (x0, y0, x1, y1; None: nowhere) lies; the cached image
        redraws only ``rects`` if given (tighter: the segments' boxes)."""
        if box is None:
            return
        r = QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1])
        self.frame_cache.mark(rects if rects is not None else [r])
        self._grow_to(r)
        self.update(r)

    def _refresh_labels(self, scale: float) -> None:
        """Labels placed and chosen for this frame; those that moved, came or went since
        the cached image was drawn are drawn there again."""
        if self.labels and self.painter.detail == 0:
            frame = self.frame_cache.frame
            self.frame_cache.mark(self.labels.refresh(scale, frame.scale if frame is not None else None))

    def _entity_boxes(self) -> tuple[np.ndarray, np.ndarray]:
        """What a label keeps clear of (x0, y0, x1, y1): the entities (shape and name), and
        the ecosystems' names (their size at 100 %: they keep their size on screen)."""
        np = load_numpy()
        sc = self.scene()
        ents = [it.sceneBoundingRect().getCoords() for it in getattr(sc, "entity_items", {}).values()]
        names = [h.label.boundingRect().translated(h.label.scenePos()).getCoords()
                 for h in getattr(sc, "hull_items", {}).values()]
        return np.array(ents, float).reshape(-1, 4), np.array(names, float).reshape(-1, 4)

    def _label_rects(self, rows: np.ndarray) -> list[QRectF]:
        """The chips of those of ``rows`` with labels (at the cached image's scale; at the
        largest boost without one): where a change of them changes pixels."""
        if not self.labels or not len(rows):
            return []
        frame = self.frame_cache.frame
        return self.labels.rects(rows, frame.scale if frame is not None else None)

    def _label_union(self, rows: np.ndarray) -> QRectF:
        """The rect around the chips of labelled ``rows`` (at their largest)."""
        np = load_numpy()
        b = self.labels.boxes(rows, None)
        if not len(b) or np.isnan(b[:, 0]).all():
            return QRectF()
        x0, y0 = float(np.nanmin(b[:, 0])), float(np.nanmin(b[:, 1]))
        return QRectF(x0, y0, float(np.nanmax(b[:, 2])) - x0, float(np.nanmax(b[:, 3])) - y0)

    def _repaint(self, rects: list[QRectF]) -> None:
        """Labels changed in ``rects`` (scene): redraw them in the cache and on screen."""
        if not rects:
            return
        self.frame_cache.mark(rects)
        u = QRectF()
        for r in rects:
            u = u.united(r)
        self._grow_to(u)
        self.update(u)

    def _grow_to(self, r: QRectF) -> None:
        if not self._bounds.contains(r):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(r.adjusted(-500, -500, 500, 500))

    # hit tests -------------------------------------------------------------------------
    def flow_at(self, x: float, y: float, tolerance: float | None = None) -> str | None:
        """The id of the shown flow nearest (x, y) (see :func:`ecodesk.diagram.flowhits.flow_at`)."""
        if not self.table.size:
            return None
        from ecodesk.diagram import flowhits  # with numpy: not before the first flow

        fid = flowhits.flow_at(self.table, x, y, tolerance)
        return fid if fid is None or self.hit_filter is None or self.hit_filter(fid) else None

    def flows_in_rect(self, rect: QRectF) -> list[str]:
        """Ids of the shown flows whose shaft or arrowhead meets ``rect``."""
        if not self.table.size:
            return []
        from ecodesk.diagram import flowhits

        return flowhits.flows_in_rect(self.table, rect.left(), rect.top(), rect.right(), rect.bottom())

    def count_in_rect(self, rect: QRectF) -> int:
        """How many shown flows have boxes meeting ``rect`` (a cheap estimate of clutter)."""
        if not self.table.size:
            return 0
        return len(self.table.candidates(rect.left(), rect.top(), rect.right(), rect.bottom()))

    # painting ----------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def draw_flows(
        self,
        painter: QPainter,
        rect: QRectF,
        lod: float,
        dense: bool | None = None,
        touching: Sequence[QRectF] | None = None,
        *,
        cached: bool = False,
        only: np.ndarray | None = None,
        backdrop: bool = True,
        heads: bool = True,
    ) -> bool | None:
        """Draw the backdrop and the flows in ``rect`` (see :meth:`FlowPainter.draw`)."""
        return self.painter.draw(
            painter, rect, lod, dense, touching, cached=cached, only=only, backdrop=backdrop, heads=heads
        )

    def draw_overlays(self, painter: QPainter, seen: QRectF, scale: float) -> None:
        """What is drawn over the cached image on every frame: the flows being dragged, then
        the selected flows."""
        self.painter.draw_floating(painter, seen, scale)
        self.painter.draw_selection(painter, seen, scale)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        world = painter.worldTransform()
        # a view's frame (view.render too), not an export
        if self.cache_enabled and widget is not None and raster_scaled(painter):
            seen = visible_rect(painter, option)
            self._refresh_labels(world.m11())
            if not seen.isEmpty():
                self.frame_cache.paint(painter, seen, world, painter.device().devicePixelRatioF(), self.painter.detail)
        else:
            rect = visible_rect(painter, option)
            self._refresh_labels(world.m11())
            self.draw_flows(painter, rect, world.m11())
            self.painter.draw_selection(painter, rect, world.m11())
