"""UI layer (canvas): the entities of a zoomed-out canvas drawn by ONE item, in batches.

At the overview level of detail (``scene.detail == 2``, zoom below
:data:`~ecodesk.ui.canvas.style.LOD_SIMPLE`) an entity is only its filled shape. Drawing
the ten-times platform's 109,000 entity items cost 240 ms a frame even from their pixmap
caches (Qt visits and blits each); so while the overview lasts, the plain entities are
drawn by :class:`EntityOverview`, into a frame cache of its own (the
:class:`~ecodesk.ui.canvas.frame_cache.FrameCache` the flow layer uses: a pan draws the
strip that came into view), and their items get ``ItemHasNoContents`` — they are still
there for hover, clicks, rubber bands and drags, they just draw nothing.

The layer lies at z :data:`OVERVIEW_Z`, just below the entity items and above everything
that lies below them now (hulls, flows, the selected flows' glow, dragged flows, notes,
design overlays), so the stacking is as before. An entity that must draw itself stays out
of the batch and keeps its contents: selected, hovered, a drop target, being edited,
carrying analysis marks, hidden. A focus dims entities by their items' opacity: the batch
draws them with it.

Each entity is stamped: a small image of its shape (kind, size), fill and opacity, drawn
at the cache's scale at an eighth-pixel offset (up to 64 variants, each made when first
needed), placed at its centre's device pixel — the antialiased shape the item draws, within
a sixteenth of a pixel (drawing 109,000 stamps takes ~60 ms; one path of as many shapes
took seconds to fill). Entities are culled with numpy over their boxes. The entity items tell
the layer when they move, join or leave the scene or the batch (:meth:`touch`); the
layer marks its cache dirty where they were and are. Exports and vector devices draw
shapes, not stamps (exports leave the overview anyway: see ``ImageExporter``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from ecodesk.diagram.flowtable import load_numpy
from ecodesk.ui.canvas.entity_item import EntityItem, sized_shape_path
from ecodesk.ui.canvas.frame_cache import FrameCache, raster_scaled, visible_rect
from ecodesk.ui.canvas.style import entity_fill

if TYPE_CHECKING:
    import numpy as np

#: Whether the overview draws the entities in batches (False: every item draws itself, as
#: before; a switch for measuring).
ENABLED = True
OVERVIEW_Z = 9.5  # above the design overlay's flows (9), below the entity items (10)
SUB = 8  # sub-pixel steps of a stamp's position (each way)
#: From this many changed entities before a frame (a reload, Select All, a focus), the items
#: are sorted out at the next frame, all at once — drawn in it before the entity items are.
MANY = 2000
#: From this many entities on, the scene has no item index while the overview lasts: with
#: one, each frame collects and sorts every item in view (30 ms for 100,000 items that
#: draw nothing); without, it walks the items in their kept order (a few ms), and a hit
#: test costs a scan (~10 ms at 100,000 entities) — the index is rebuilt on zooming in.
UNINDEXED = 30_000

_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def draws_itself(item: EntityItem) -> bool:
    """Whether an entity item must draw itself at the overview (not in the batch)."""
    return bool(
        item.isSelected() or item._hover or item._drop or item._editing or item.markers or not item.isVisible()
    )


class EntityOverview(QGraphicsItem):
    """The plain entities of a scene at the overview (see the module docstring).

    :meth:`set_active` starts and ends the batch (on crossing the detail threshold);
    :meth:`touch` is what an entity item calls when anything of it changed."""

    def __init__(self, entity_items: dict[str, EntityItem]) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(OVERVIEW_Z)
        self._items = entity_items  # the scene's, by entity id
        self.active = False
        self.cache_enabled = True
        self.frame_cache = FrameCache(self)
        self.overrides: dict[str, QColor] | None = None  # the colour mode's (the scene's)
        self._bounds = QRectF()
        self._slot: dict[EntityItem, int] = {}
        self._slots: list[EntityItem | None] = []
        self._pending: dict[EntityItem, None] = {}
        self._flagged: set[EntityItem] = set()  # the items without contents (drawn here)
        self._groups: dict[Hashable, int] = {}
        self._group_keys: list[tuple[Any, float, int, float]] = []
        self._fills: dict[tuple[str, Any], int] = {}
        self._stamps: dict[int, tuple[QImage, int, int]] = {}
        self._stamp_scale: tuple[float, float] = (0.0, 0.0)
        self._arrays(0)

    def _arrays(self, n: int) -> None:
        np = load_numpy()
        self._box = np.zeros((n, 4))  # x0, y0, x1, y1 of the shape (scene)
        self._pos = np.zeros((n, 2))
        self._gid = np.zeros(n, np.int32)
        self._on = np.zeros(n, bool)  # in the batch
        self._used = 0

    @staticmethod
    def of(scene: Any) -> EntityOverview:
        """The overview of a canvas scene (``scene.entity_overview``), made and added at its
        first use; its frame cache is dropped with the flow layer's."""
        ov = getattr(scene, "entity_overview", None)
        if ov is None:
            ov = scene.entity_overview = EntityOverview(scene.entity_items)
            scene.addItem(ov)
            scene.flow_layer.companions.append(ov.frame_cache)
        return ov

    # the batch ---------------------------------------------------------------------------
    def set_active(self, on: bool) -> None:
        """Start (or end) drawing the plain entities here: their items lose (get back) their
        contents. Called once per crossing of the detail threshold."""
        on = on and ENABLED
        if on == self.active:
            return
        self.active = on
        items = list(self._items.values())
        sc = self.scene()
        if sc is not None:
            index = QGraphicsScene.ItemIndexMethod
            sc.setItemIndexMethod(index.NoIndex if on and len(items) >= UNINDEXED else index.BspTreeIndex)
        if on:
            self._rebuild(items)
        else:
            for it in self._flagged:
                it.setFlag(_NO_CONTENTS, False)
            self._flagged.clear()
            self._slot.clear()
            self._slots = []
            self._pending.clear()
            self._arrays(0)
            self.frame_cache.reset()
        self.update()

    def _rebuild(self, items: list[EntityItem]) -> None:
        np = load_numpy()
        self.overrides = getattr(self.scene(), "color_overrides", None)
        n = len(items)
        self._slot = {it: i for i, it in enumerate(items)}
        self._slots = list(items)
        self._pending.clear()
        self._arrays(max(n, 64))
        self._used = n
        pos, gid, on = self._pos, self._gid, self._on
        group, flagged = self._group, self._flagged
        for it in [it for it in flagged if self._slot.get(it) is None]:  # (gone)
            flagged.discard(it)
            it.setFlag(_NO_CONTENTS, False)
        for i, it in enumerate(items):
            pos[i] = it.x(), it.y()
            gid[i] = group(it)
            on[i] = mine = not draws_itself(it)
            if mine != (it in flagged):
                it.setFlag(_NO_CONTENTS, mine)
                flagged.add(it) if mine else flagged.discard(it)
        self._box[:n] = self._group_box()[gid[:n]] + np.tile(pos[:n], 2)
        self.frame_cache.invalidate()
        self._grow(self._box[:n][on[:n]])

    def touch(self, item: EntityItem, gone: bool = False) -> None:
        """``item`` moved, changed (selection, hover, marks, opacity, kind, colour …), joined
        the scene or (``gone``) leaves it: it draws itself or is batched, from the next frame."""
        x0, y0, x1, y1 = _shape_box(item)
        x, y = item.x(), item.y()
        r = QRectF(x + x0, y + y0, x1 - x0, y1 - y0)
        if not gone and not self._bounds.contains(r):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(r.adjusted(-500, -500, 500, 500))
        if len(self._pending) >= MANY:  # a bulk change: see _sync
            if item not in self._pending:
                self._pending[item] = None
            return
        self._pending[item] = None
        if len(self._pending) == MANY:
            self.update()  # the whole frame, once
        mine = not gone and not draws_itself(item)
        if mine != (item in self._flagged):
            item.setFlag(_NO_CONTENTS, mine)
            self._flagged.add(item) if mine else self._flagged.discard(item)
        slot = self._slot.get(item)
        if slot is not None and self._on[slot]:
            self.update(QRectF(*self._box[slot, :2], *(self._box[slot, 2:] - self._box[slot, :2])))
        if mine:
            self.update(r)

    def _sync(self) -> None:
        """Bring the arrays up to date with the items touched since the last frame, marking
        the cache dirty where they were and are."""
        if getattr(self.scene(), "color_overrides", None) is not self.overrides:  # another colour mode
            self._rebuild(list(self._items.values()))  # (the scene sets a new mapping each time)
            self.update()  # (also where no flow lies: the scene repaints the flow layer)
            return
        if not self._pending:
            return
        np = load_numpy()
        if len(self._pending) >= MANY:  # a bulk change (a load, Select All): all anew
            self._rebuild(list(self._items.values()))
            return
        pending, self._pending = list(self._pending), {}
        dirty: list[Any] = []
        for it in pending:
            slot = self._slot.get(it)
            if slot is not None and self._on[slot]:
                dirty.append(self._box[slot].copy())
            here = it.scene() is self.scene() and self._items.get(it.entity_id) is it
            if not here:
                if slot is not None:
                    self._on[slot] = False
                    self._slots[slot] = None
                    del self._slot[it]
                continue
            if slot is None:
                slot = self._new_slot(it)
            g = self._group(it)
            self._gid[slot] = g
            x, y = it.x(), it.y()
            self._pos[slot] = x, y
            x0, y0, x1, y1 = self._group_keys_box(g)
            self._box[slot] = x + x0, y + y0, x + x1, y + y1
            self._on[slot] = on = not draws_itself(it)
            if on:
                dirty.append(self._box[slot].copy())
        if dirty:
            b = np.array(dirty)
            if len(b) > 200:
                b = np.array([[b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()]])
            self.frame_cache.mark([QRectF(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in b.tolist()])

    def _new_slot(self, item: EntityItem) -> int:
        np = load_numpy()
        slot = self._used
        if slot >= len(self._on):
            cap = max(64, 2 * slot)
            self._box = np.resize(self._box, (cap, 4))
            self._pos = np.resize(self._pos, (cap, 2))
            self._gid = np.resize(self._gid, cap)
            self._on = np.resize(self._on, cap)
        self._used += 1
        self._on[slot] = False
        self._slot[item] = slot
        self._slots.append(item)
        return slot

    def _group(self, item: EntityItem) -> int:
        """The stamp group of an entity: shape (kind, size), fill and opacity."""
        e = item.entity
        ov = self.overrides
        c = ov.get(e.id) if ov else None
        if c is not None:
            rgba = c.rgba()
        else:
            rgba = self._fills.get((e.color, e.kind), -1)
            if rgba == -1:
                rgba = self._fills[(e.color, e.kind)] = entity_fill("", e.kind, None, e.color).rgba()
        key = (e.kind, e.size, rgba, item.opacity())
        g = self._groups.get(key)
        if g is None:
            g = self._groups[key] = len(self._group_keys)
            self._group_keys.append(key)
        return g

    def _group_keys_box(self, g: int) -> tuple[float, float, float, float]:
        kind, size, _rgba, _op = self._group_keys[g]
        return _path_box(kind, size)

    def _group_box(self) -> np.ndarray:
        np = load_numpy()
        return np.array([self._group_keys_box(g) for g in range(len(self._group_keys))], float).reshape(-1, 4)

    def _grow(self, boxes: np.ndarray) -> None:
        if len(boxes):
            x0, y0 = boxes[:, 0].min(), boxes[:, 1].min()
            r = QRectF(x0, y0, boxes[:, 2].max() - x0, boxes[:, 3].max() - y0)
            if not self._bounds.contains(r):
                self.prepareGeometryChange()
                self._bounds = self._bounds.united(r.adjusted(-500, -500, 500, 500))

    def batched_ids(self) -> list[str]:
        """Ids of the entities the batch draws (after the changes so far)."""
        self._sync()
        np = load_numpy()
        return [it.entity_id for i in np.flatnonzero(self._on[: self._used]).tolist()
                if (it := self._slots[i]) is not None]

    # QGraphicsItem -------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: the entity items are

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self.active:
            return
        self._sync()
        world = painter.worldTransform()
        seen = visible_rect(painter, option)
        if seen.isEmpty():
            return
        if self.cache_enabled and widget is not None and raster_scaled(painter):
            self.frame_cache.paint(painter, seen, world, painter.device().devicePixelRatioF(), 2)
        else:
            self.draw_flows(painter, seen, world.m11())

    # what the frame cache calls (CachedLayer) ------------------------------------------------
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
        """Draw the batched entities meeting ``rect`` (and one of ``touching``)."""
        np = load_numpy()
        n = self._used
        if not n:
            return dense
        box = self._box[:n]
        meets = np.zeros(n, bool)
        for r in touching or [rect]:
            meets |= (box[:, 0] <= r.right()) & (box[:, 2] >= r.left()) & (box[:, 1] <= r.bottom()) & (
                box[:, 3] >= r.top())
        rows = np.flatnonzero(meets & self._on[:n])
        if not len(rows):
            return dense
        if raster_scaled(painter):
            self._stamp(painter, rows, painter.worldTransform(), painter.device().devicePixelRatioF())
        else:  # vector devices, rotated painters: the shapes themselves
            self._shapes(painter, rows)
        return dense

    def draw_overlays(self, painter: QPainter, seen: QRectF, scale: float) -> None:
        """Nothing is drawn over the cached image (what must, draws itself)."""

    def _stamp(self, painter: QPainter, rows: np.ndarray, world: QTransform, dpr: float) -> None:
        np = load_numpy()
        k = world.m11() * dpr  # device pixels per scene unit
        if self._stamp_scale != (k, dpr):
            self._stamps.clear()
            self._stamp_scale = (k, dpr)
        pos = self._pos[rows]
        qx = np.floor((pos[:, 0] * world.m11() + world.dx()) * dpr * SUB + 0.5).astype(np.int64)
        qy = np.floor((pos[:, 1] * world.m22() + world.dy()) * dpr * SUB + 0.5).astype(np.int64)
        sid = (self._gid[rows].astype(np.int64) * SUB + qx % SUB) * SUB + qy % SUB
        stamps = self._stamps
        for s in np.unique(sid).tolist():
            if s not in stamps:
                stamps[s] = self._make_stamp(s, k, dpr)
        ix, iy = (qx // SUB).tolist(), (qy // SUB).tolist()
        painter.save()
        painter.resetTransform()
        draw = painter.drawImage
        if dpr == 1.0:
            for x, y, s in zip(ix, iy, sid.tolist()):
                img, ox, oy = stamps[s]
                draw(x - ox, y - oy, img)
        else:
            for x, y, s in zip(ix, iy, sid.tolist()):
                img, ox, oy = stamps[s]
                draw(QPointF((x - ox) / dpr, (y - oy) / dpr), img)
        painter.restore()

    def _make_stamp(self, s: int, k: float, dpr: float) -> tuple[QImage, int, int]:
        """The image of stamp ``s`` (group, sub-pixel x, y) at ``k`` device pixels a unit,
        and where in it the entity's centre falls (whole pixels; the fraction is drawn in)."""
        g, rest = divmod(s, SUB * SUB)
        fx, fy = divmod(rest, SUB)
        kind, size, rgba, opacity = self._group_keys[g]
        x0, y0, x1, y1 = _path_box(kind, size)
        ox, oy = math.ceil(-x0 * k) + 1, math.ceil(-y0 * k) + 1
        w, h = ox + math.ceil(x1 * k) + 2, oy + math.ceil(y1 * k) + 2
        img = QImage(max(w, 1), max(h, 1), QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(0)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setOpacity(opacity)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor.fromRgba(rgba))
        p.translate(ox + fx / SUB, oy + fy / SUB)
        p.scale(k, k)
        p.drawPath(sized_shape_path(kind, size))
        p.end()
        img.setDevicePixelRatio(dpr)
        return img, ox, oy

    def _shapes(self, painter: QPainter, rows: np.ndarray) -> None:
        """Each entity's filled shape, as its item draws it at the overview."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        base = painter.opacity()
        for r in rows.tolist():
            kind, size, rgba, opacity = self._group_keys[int(self._gid[r])]
            x, y = self._pos[r].tolist()
            painter.setOpacity(base * opacity)
            painter.setBrush(QColor.fromRgba(rgba))
            painter.drawPath(sized_shape_path(kind, size).translated(x, y))
        painter.restore()


_BOXES: dict[tuple[Any, float], tuple[float, float, float, float]] = {}


def _path_box(kind: Any, size: float) -> tuple[float, float, float, float]:
    box = _BOXES.get((kind, size))
    if box is None:
        r = sized_shape_path(kind, size).boundingRect()
        box = _BOXES[(kind, size)] = (r.left(), r.top(), r.right(), r.bottom())
    return box


def _shape_box(item: EntityItem) -> tuple[float, float, float, float]:
    return _path_box(item.entity.kind, item.entity.size)
