"""UI layer (canvas): the flow layer's frame cache — flows and hulls drawn once into an
image of what the view shows plus a margin, at the view's scale, and blitted.

A frame with nothing changed is one blit; a pan scrolls the image and draws the strip that
came into view (the margin is drawn ahead while the event loop is idle); an edit redraws
only the dirty rects (a few moved flows: along their segments); a zoom shows the old image
scaled and draws a sharp one once the zoom has paused; a drag lifts the dragged flows out
of the image and the layer draws them over it each frame. Exports and vector devices (SVG,
PDF) never come here: they draw directly.

:class:`CachedFrame` names what the image is (``image``, ``origin``, ``scale``, ``dpr``,
``detail``); :class:`FrameCache` keeps it up to date for a :class:`CachedLayer`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import shiboken6
from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap, QRegion, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem, QWidget

if TYPE_CHECKING:
    import numpy as np

CACHE_MARGIN = 0.2  # the frame cache covers the view plus this fraction of it each side
CACHE_MAX_PIXELS = 12_000_000  # above this (huge or HiDPI views) the cache has no margin
ZOOM_SETTLE_MS = 160  # while zooming, the cache is shown scaled; redrawn this long after
IDLE_REPAIR_MS = 40  # pause between drawing parts of the cache's margin
MAX_REPAIR_RECTS = 160  # more dirty rects than this are redrawn as their union


def raster_scaled(painter: QPainter) -> bool:
    """Whether ``painter`` draws onto pixels (an image, a pixmap, a widget — SVG and PDF
    stay vectors) with a plain equal scale: what a frame cache (and a stamp) can serve."""
    world = painter.worldTransform()
    return (
        isinstance(painter.device(), (QImage, QPixmap, QWidget))
        and world.type().value <= QTransform.TransformationType.TxScale.value
        and world.m11() == world.m22() > 0
    )


def visible_rect(painter: QPainter, option: QStyleOptionGraphicsItem) -> QRectF:
    """The exposed rect cut to what the painter's device shows (``view.render`` and
    exports expose the whole item, a 400,000-unit-tall scene)."""
    rect = QRectF(option.exposedRect)
    dev = painter.device()
    inv, ok = painter.worldTransform().inverted()
    if dev is not None and ok:
        seen = inv.mapRect(QRectF(0, 0, dev.width(), dev.height()))
        if painter.hasClipping():
            seen = seen.intersected(painter.clipBoundingRect())
        rect = rect.intersected(seen) if not rect.isEmpty() else seen
    return rect


class CachedLayer(Protocol):
    """What the frame cache needs of the item it caches (the flow layer)."""

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
    ) -> bool | None: ...

    def draw_overlays(self, painter: QPainter, seen: QRectF, scale: float) -> None: ...

    def update(self, rect: QRectF = ...) -> None: ...


@dataclass
class CachedFrame:
    """The cached image: drawn at ``scale`` view pixels per scene unit (times ``dpr``
    device pixels) with flow detail ``detail``; its top-left pixel is scene point ``origin``."""

    image: QImage
    origin: QPointF
    scale: float
    dpr: float
    detail: int

    def rect(self) -> QRectF:
        """The scene rect the image covers."""
        img, k = self.image, self.dpr * self.scale
        return QRectF(self.origin, QSizeF(img.width() / k, img.height() / k))

    def to_image(self) -> QTransform:
        """Scene coordinates to the image's (logical) pixels."""
        s = self.scale
        return QTransform(s, 0, 0, s, -s * self.origin.x(), -s * self.origin.y())


class FrameCache:
    """The frame cache of one layer (see the module docstring)."""

    def __init__(self, layer: CachedLayer) -> None:
        self._layer = layer
        self.frame: CachedFrame | None = None
        self.dirty: list[QRectF] = []  # scene rects of the image to redraw
        self.dense: bool | None = None  # the image's choice of hairlines (see FlowPainter.draw)
        self._zoom_serial = 0
        self._idle_pending = False
        self._blank = False  # the image is as made (transparent): its first repair need not erase

    def invalidate(self) -> None:
        """Drop the image (the next frame draws everything anew)."""
        self.frame = None
        self._blank = False

    def reset(self) -> None:
        self.frame = None
        self.dirty = []
        self._blank = False

    def mark(self, rects: Iterable[QRectF]) -> None:
        """Scene rects whose pixels changed (nothing to do without an image)."""
        if self.frame is None:
            return
        self.dirty.extend(rects)
        if self.dirty and not self._idle_pending and len(self.dirty) > 4 * MAX_REPAIR_RECTS:
            u = QRectF()  # an edit storm (many small moves before a frame): merge
            for d in self.dirty:
                u = u.united(d)
            self.dirty = [u]

    def draw_onto(self, rows: np.ndarray) -> None:
        """Draw ``rows`` onto the image as they are (nothing erased): floating rows sinking back."""
        frame = self.frame
        if frame is None:
            return
        self._blank = False
        p = QPainter(frame.image)
        p.setTransform(frame.to_image())
        self._layer.draw_flows(p, frame.rect(), frame.scale, self.dense, only=rows, backdrop=False)
        p.end()

    # painting ----------------------------------------------------------------------
    def paint(self, painter: QPainter, seen: QRectF, world: QTransform, dpr: float, detail: int) -> None:
        """Blit the cached image for a frame showing scene rect ``seen`` at ``world``'s
        scale, bringing it up to date first: a scroll draws only the strip that came into
        view, an edit only the dirty rects, a zoom or a change of detail everything."""
        scale = world.m11()
        frame = self.frame
        if (
            frame is not None and frame.scale != scale and frame.dpr == dpr and frame.detail == detail
        ):  # zooming: show the image scaled while the wheel turns, draw it anew once it stops
            old = QRectF(
                frame.origin, QSizeF(frame.image.width() / dpr / frame.scale, frame.image.height() / dpr / frame.scale)
            )
            if old.contains(seen) and not any(r.intersects(seen) for r in self.dirty):
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawImage(old, frame.image)
                painter.restore()
                self._refresh_later()
                self._layer.draw_overlays(painter, seen, scale)
                return
        if frame is not None:
            at = world.map(frame.origin)
            aligned = abs(at.x() - round(at.x())) < 1e-3 and abs(at.y() - round(at.y())) < 1e-3
            if (frame.scale, frame.dpr, frame.detail) != (scale, dpr, detail) or not aligned:
                frame = None
            elif not frame.rect().contains(seen):
                frame = self._scrolled(frame, seen, world)
        if frame is None:
            frame = self._new_frame(seen, scale, dpr, detail, world)
            # what the view shows now, the margin (for panning) a moment later
            whole = frame.rect()
            self.dirty = [seen, *_minus(whole, seen.intersected(whole))]
            self.dense = None
            self._blank = True
        self.frame = frame
        self._repair(frame, seen)
        at = world.map(frame.origin)
        painter.save()
        painter.resetTransform()
        painter.drawImage(QPointF(round(at.x()), round(at.y())), frame.image)
        painter.restore()
        self._layer.draw_overlays(painter, seen, scale)

    @staticmethod
    def _new_frame(seen: QRectF, scale: float, dpr: float, detail: int, world: QTransform) -> CachedFrame:
        """A transparent image of ``seen`` plus a margin (a fifth of the view each side,
        none for huge views), its top-left pixel-aligned in the view."""
        w, h = seen.width() * scale, seen.height() * scale  # view pixels
        margin = CACHE_MARGIN if (w * h * dpr * dpr) * (1 + 2 * CACHE_MARGIN) ** 2 <= CACHE_MAX_PIXELS else 0.0
        top_left = world.map(seen.topLeft())
        x0 = math.floor(top_left.x() - w * margin)
        y0 = math.floor(top_left.y() - h * margin)
        pw = math.ceil(w * (1 + 2 * margin)) + 2
        ph = math.ceil(h * (1 + 2 * margin)) + 2
        origin = world.inverted()[0].map(QPointF(x0, y0))
        img = QImage(max(1, round(pw * dpr)), max(1, round(ph * dpr)), QImage.Format.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        img.fill(0)
        return CachedFrame(img, origin, scale, dpr, detail)

    def _scrolled(self, frame: CachedFrame, seen: QRectF, world: QTransform) -> CachedFrame:
        """The view moved past the image at the same scale: a new image around it, holding
        what the old one had where they overlap; the rest is marked to draw."""
        new = self._new_frame(seen, frame.scale, frame.dpr, frame.detail, world)
        self._blank = False
        old_rect, new_rect = frame.rect(), new.rect()
        if old_rect.intersects(new_rect):
            p = QPainter(new.image)
            offset = (frame.origin - new.origin) * frame.scale
            p.drawImage(QPointF(round(offset.x()), round(offset.y())), frame.image)
            p.end()
            self.dirty.extend(_minus(new_rect, old_rect.intersected(new_rect)))
        else:
            self.dirty.append(new_rect)
        return new

    def _repair(self, frame: CachedFrame, seen: QRectF | None = None) -> None:
        """Redraw the dirty parts of the image: those meeting ``seen`` now, the rest when
        the event loop is idle (``seen`` None: all)."""
        if not self.dirty:
            return
        bounds = frame.rect()
        rects = [r.intersected(bounds) for r in self.dirty]
        rects = [r for r in rects if not r.isEmpty()]
        # (a margin rect only touching ``seen`` waits: rounding leaves them overlapping by an ulp)
        eps = 1e-9 * (abs(bounds.left()) + abs(bounds.top()) + bounds.width() + bounds.height())
        later = [r for r in rects if seen is not None and not _overlaps(r, seen, eps)]
        rects = [r for r in rects if seen is None or _overlaps(r, seen, eps)]
        self.dirty = later
        if later:
            self._repair_later()
        if not rects:
            return
        area = sum(r.width() * r.height() for r in rects)
        if len(rects) > MAX_REPAIR_RECTS or area > 0.5 * bounds.width() * bounds.height():
            u = QRectF()
            for r in rects:
                u = u.united(r)
            rects = [u]
        # one pass for all the rects: clipped to their region, drawing only the flows that
        # touch one of them (a drag's few flows leave dozens of small rects behind)
        to_image = frame.to_image()
        inv = to_image.inverted()[0]
        pix = [to_image.mapRect(r).adjusted(-2, -2, 2, 2).toAlignedRect() for r in rects]
        region = QRegion()
        for r in pix:
            region = region.united(r)
        scene_rects = [inv.mapRect(QRectF(r)) for r in pix]
        box = QRectF()
        for r in scene_rects:
            box = box.united(r)
        p = QPainter(frame.image)
        p.setClipRegion(region)
        if not self._blank:  # (a new image is transparent already)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            p.fillRect(region.boundingRect(), Qt.GlobalColor.transparent)
            p.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        self._blank = False
        p.setTransform(to_image)
        # the whole image decides once whether through-flows are dense (hairlines), so
        # strips drawn later match it without seams
        self.dense = self._layer.draw_flows(
            p, box, frame.scale, self.dense, scene_rects if len(scene_rects) > 1 else None, cached=True
        )
        p.end()

    def _repair_later(self) -> None:
        """Draw the rest of the image (the margin) soon, one rect per turn of the event
        loop, so a pan finds it ready and input is never kept waiting long."""
        if self._idle_pending:
            return
        self._idle_pending = True
        layer: Any = self._layer

        def step() -> None:
            if not shiboken6.isValid(layer):
                return
            self._idle_pending = False
            frame = self.frame
            if frame is None or not self.dirty:
                return
            first, rest = self.dirty[:1], self.dirty[1:]
            self.dirty = first
            self._repair(frame)
            self.dirty = self.dirty + rest
            if self.dirty:
                self._repair_later()

        QTimer.singleShot(IDLE_REPAIR_MS, step)

    def _refresh_later(self) -> None:
        """Redraw the image at the current scale once zooming has paused."""
        self._zoom_serial += 1
        serial = self._zoom_serial
        layer: Any = self._layer

        def refresh() -> None:
            if shiboken6.isValid(layer) and serial == self._zoom_serial:
                self.frame = None
                layer.update()

        QTimer.singleShot(ZOOM_SETTLE_MS, refresh)


def _overlaps(a: QRectF, b: QRectF, eps: float) -> bool:
    """Whether ``a`` and ``b`` share more than a sliver ``eps`` wide."""
    c = a.intersected(b)
    return c.width() > eps and c.height() > eps


def _minus(outer: QRectF, inner: QRectF) -> list[QRectF]:
    """``outer`` without ``inner`` (inside it) as up to four rects."""
    out = []
    if inner.top() > outer.top():
        out.append(QRectF(outer.left(), outer.top(), outer.width(), inner.top() - outer.top()))
    if inner.bottom() < outer.bottom():
        out.append(QRectF(outer.left(), inner.bottom(), outer.width(), outer.bottom() - inner.bottom()))
    if inner.left() > outer.left():
        out.append(QRectF(outer.left(), inner.top(), inner.left() - outer.left(), inner.height()))
    if inner.right() < outer.right():
        out.append(QRectF(inner.right(), inner.top(), outer.right() - inner.right(), inner.height()))
    return out
