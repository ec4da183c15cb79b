"""UI layer (canvas): the interaction tools, one small class each (select/move with a
rubber band, place an entity, draw a flow, pan) — the orange-canvas-core lesson: no
2,700-line editor, every gesture in its own place.

A tool receives the view's mouse events and returns True when it handled one. Tools never
touch the model: they move items for live feedback and ask the view (their
:class:`~ecodesk.ui.canvas.host.CanvasHost`, whose editor pushes the commands) to edit.
The place tool also takes drops of entity kinds from the palette.
Drags follow pyqtgraph's start → update → finish shape: one command at the finish, none
while moving, and ``cancel`` (Esc) restores the start.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QDragMoveEvent, QDropEvent, QMouseEvent, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsPathItem, QRubberBand

from ecodesk.diagram.geometry import ray_exit
from ecodesk.model import EntityKind
from ecodesk.ui.canvas.annotation_item import AnnotationItem
from ecodesk.ui.canvas.clipboard import MIME_ENTITY_KIND
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.flow_item import FlowItem
from ecodesk.ui.canvas.glyphs import entity_shape_path
from ecodesk.ui.canvas.note_editing import NoteDrag
from ecodesk.ui.canvas.style import entity_base_color, translate

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    from ecodesk.ui.canvas.host import CanvasHost

_ADD = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier


class CanvasTool:
    """Base: ignores everything."""

    name = ""
    cursor = Qt.CursorShape.ArrowCursor

    def __init__(self, view: CanvasHost) -> None:
        self.view = view

    def activate(self) -> None:
        self.view.viewport().setCursor(self.cursor)

    def deactivate(self) -> None:
        self.cancel()

    def mouse_press(self, event: QMouseEvent) -> bool:
        return False

    def mouse_move(self, event: QMouseEvent) -> bool:
        return False

    def mouse_release(self, event: QMouseEvent) -> bool:
        return False

    def cancel(self) -> bool:
        """Abort a gesture in progress; True if there was one."""
        return False

    @property
    def busy(self) -> bool:
        return False


@dataclass
class _Drag:
    anchor: EntityItem
    start: QPointF
    press_view: QPoint
    origins: dict[str, QPointF] = field(default_factory=dict)
    moved: bool = False
    reselect: bool = False  # a click on a selected item of a group selects only it


@dataclass
class _Band:
    origin: QPoint
    base: list[QGraphicsItem]


class SelectTool(CanvasTool):
    """Click, Ctrl/Shift-click, rubber band; drag moves the selected entities (one
    ``MoveEntities`` on release, optional snap to grid, Esc restores)."""

    name = "select"

    def __init__(self, view: CanvasHost) -> None:
        super().__init__(view)
        self._drag: _Drag | None = None
        self._band: _Band | None = None
        self._rubber = QRubberBand(QRubberBand.Shape.Rectangle, view.viewport())
        self.notes = NoteDrag(view)  # notes: move (with the selected entities) and resize

    @property
    def busy(self) -> bool:
        return self._drag is not None or self._band is not None or self.notes.busy

    def mouse_press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        view = self.view
        pos = event.position().toPoint()
        add = bool(event.modifiers() & _ADD)
        item = view.item_at(pos)
        if isinstance(item, EntityItem):
            was = item.isSelected()
            if add:
                view.select_items(
                    [i for i in view.selected_items() if i is not item] if was else [*view.selected_items(), item]
                )
            elif not was:
                view.select_items([item])
            if item.isSelected() and self.notes.start_move(item, pos):  # selected notes move along
                return True
            if item.isSelected():
                ents = [i for i in view.selected_items() if isinstance(i, EntityItem)]
                self._drag = _Drag(
                    item,
                    view.mapToScene(pos),
                    pos,
                    {i.entity_id: QPointF(i.pos()) for i in ents},
                    reselect=was and not add and len(view.selected_items()) > 1,
                )
            return True
        if self.notes.mouse_press(event, add):  # a note lies over the flows
            return True
        if isinstance(item, FlowItem):
            if add:
                cur = view.selected_items()
                view.select_items([i for i in cur if i is not item] if item.isSelected() else [*cur, item])
            else:
                view.select_items([item])
            return True
        base = view.selected_items() if add else []
        if not add:
            view.select_items([])
        self._band = _Band(pos, base)
        self._rubber.setGeometry(QRect(pos, QSize()))
        self._rubber.show()
        return True

    def mouse_move(self, event: QMouseEvent) -> bool:
        view = self.view
        pos = event.position().toPoint()
        if self.notes.mouse_move(event):
            return True
        if self._drag is not None:
            d = self._drag
            if not d.moved and (pos - d.press_view).manhattanLength() < QApplication.startDragDistance():
                return True
            if not d.moved:
                d.moved = True
                view.canvas_scene.begin_move(d.origins)  # their flows float over the frame cache
            delta = view.mapToScene(pos) - d.start
            anchor0 = d.origins[d.anchor.entity_id]
            target = anchor0 + delta
            if view.snap_to_grid:
                target = view.snap(target)
            delta = target - anchor0
            scene = view.canvas_scene
            with scene.batch():
                for eid, p in d.origins.items():
                    it = scene.entity_items.get(eid)
                    if it is not None:
                        it.setPos(p + delta)
            return True
        if self._band is not None:
            rect = QRect(self._band.origin, pos).normalized()
            self._rubber.setGeometry(rect)
            area = QPainterPath()
            area.addPolygon(view.mapToScene(rect))
            sc = view.canvas_scene
            hits: list[QGraphicsItem] = [
                i
                for i in sc.items(area, Qt.ItemSelectionMode.IntersectsItemShape)
                if isinstance(i, (EntityItem, AnnotationItem)) and i.isVisible()
            ]
            hits += sc.flows_in_rect(area.boundingRect())
            view.select_items([*self._band.base, *hits])
            return True
        return False

    def mouse_release(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        if self.notes.mouse_release(event):
            return True
        if self._drag is not None:
            d, self._drag = self._drag, None
            if d.moved:
                try:
                    self.view.editor.commit_move(d.origins)
                finally:
                    self.view.canvas_scene.end_move()
            elif d.reselect:
                self.view.select_items([d.anchor])
            return True
        if self._band is not None:
            self._band = None
            self._rubber.hide()
            return True
        return False

    def cancel(self) -> bool:
        if self.notes.cancel():
            return True
        if self._drag is not None:
            d, self._drag = self._drag, None
            if d.moved:
                scene = self.view.canvas_scene
                with scene.batch():
                    for eid, p in d.origins.items():
                        it = scene.entity_items.get(eid)
                        if it is not None:
                            it.setPos(p)
                scene.end_move()
                self.view.status_message.emit(translate("Move cancelled"))
                return True
            return False
        if self._band is not None:
            self.view.select_items(self._band.base)
            self._band = None
            self._rubber.hide()
            return True
        return False


class PlaceTool(CanvasTool):
    """Click places an entity of ``kind`` (Shift keeps the tool for the next one)."""

    name = "place"
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, view: CanvasHost) -> None:
        super().__init__(view)
        self.kind = EntityKind.PLATFORM
        self._ghost: QGraphicsPathItem | None = None

    def activate(self) -> None:
        super().activate()
        self.view.status_message.emit(
            translate("Click on the canvas to place: {kind}").format(kind=self.kind.label(self.view.language))
        )

    def deactivate(self) -> None:
        self.hide_ghost()

    def show_ghost(self, scene_pos: QPointF, kind: EntityKind | None = None) -> None:
        """A translucent preview of the entity about to be placed."""
        kind = kind or self.kind
        if self._ghost is None or self._ghost.scene() is None:
            self._ghost = QGraphicsPathItem()
            self._ghost.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._ghost.setZValue(900)
            self.view.canvas_scene.addItem(self._ghost)
        c = entity_base_color(kind)
        c.setAlpha(90)
        self._ghost.setPath(entity_shape_path(kind))
        self._ghost.setBrush(c)
        self._ghost.setPen(QPen(entity_base_color(kind), 1.2, Qt.PenStyle.DashLine))
        self._ghost.setPos(self.view.snap(scene_pos) if self.view.snap_to_grid else scene_pos)
        self._ghost.show()

    def hide_ghost(self) -> None:
        if self._ghost is not None and self._ghost.scene() is not None:
            self._ghost.scene().removeItem(self._ghost)
        self._ghost = None

    def mouse_move(self, event: QMouseEvent) -> bool:
        self.show_ghost(self.view.mapToScene(event.position().toPoint()))
        return False  # hover still reaches the items

    # drops from the palette (in any tool) --------------------------------------------------
    @staticmethod
    def dropped_kind(event: QDropEvent) -> EntityKind | None:
        """The entity kind a drag from the palette carries (None: not one)."""
        mime = event.mimeData()
        if not mime.hasFormat(MIME_ENTITY_KIND):
            return None
        try:
            return EntityKind(bytes(mime.data(MIME_ENTITY_KIND).data()).decode("ascii").strip())
        except ValueError:
            return None

    def drag_move(self, event: QDragMoveEvent) -> None:
        kind = self.dropped_kind(event)
        if kind is None:
            event.ignore()
            return
        self.show_ghost(self.view.mapToScene(event.position().toPoint()), kind)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def drop(self, event: QDropEvent, active: bool) -> None:
        """Place the dropped kind where it was dropped (``active``: this is the current tool,
        whose ghost stays)."""
        kind = self.dropped_kind(event)
        if not active:
            self.hide_ghost()
        if kind is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.view.editor.place_entity(kind, self.view.mapToScene(event.position().toPoint()))
        self.view.setFocus()

    def mouse_press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self.view.editor.place_entity(self.kind, self.view.mapToScene(event.position().toPoint()))
        if not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.view.set_tool("select")
        return True

    def mouse_release(self, event: QMouseEvent) -> bool:
        return event.button() == Qt.MouseButton.LeftButton


class FlowTool(CanvasTool):
    """Drag from one entity to another draws a flow; the kind (and, for capability flows,
    the capability) is picked when the mouse is released."""

    name = "flow"
    cursor = Qt.CursorShape.CrossCursor

    def __init__(self, view: CanvasHost) -> None:
        super().__init__(view)
        self._source: EntityItem | None = None
        self._target: EntityItem | None = None
        self._preview: QGraphicsPathItem | None = None

    @property
    def busy(self) -> bool:
        return self._source is not None

    def activate(self) -> None:
        super().activate()
        self.view.status_message.emit(translate("Drag from one entity to another to draw a flow"))

    def mouse_press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        item = self.view.entity_at(event.position().toPoint())
        if item is None:
            self.view.status_message.emit(translate("Start the flow on an entity"))
            return True
        self._source = item
        self._preview = QGraphicsPathItem()
        self._preview.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._preview.setZValue(950)
        pen = QPen(QColor(self.view.canvas_scene.theme.selection), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._preview.setPen(pen)
        self._preview.setBrush(QColor(self.view.canvas_scene.theme.selection))
        self.view.canvas_scene.addItem(self._preview)
        return True

    def mouse_move(self, event: QMouseEvent) -> bool:
        if self._source is None:
            return False
        pos = event.position().toPoint()
        end = self.view.mapToScene(pos)
        target = self.view.entity_at(pos)
        if target is self._source:
            target = None
        if target is not self._target:
            if self._target is not None:
                self._target.set_drop_target(False)
            self._target = target
            if target is not None:
                target.set_drop_target(True)
        self._update_preview(end)
        return True

    def _update_preview(self, end: QPointF) -> None:
        src = self._source
        if src is None or self._preview is None:
            return
        a = src.pos()
        b = self._target.pos() if self._target is not None else end
        dx, dy = b.x() - a.x(), b.y() - a.y()
        d = math.hypot(dx, dy)
        path = QPainterPath()
        if d > 1:
            ux, uy = dx / d, dy / d
            p0 = a + QPointF(ux, uy) * (ray_exit(src.outline, ux, uy) + 2)
            tip = b
            if self._target is not None:
                tip = b - QPointF(ux, uy) * (ray_exit(self._target.outline, -ux, -uy) + 3)
            path.moveTo(p0)
            path.lineTo(tip)
            px, py = -uy, ux
            base = tip - QPointF(ux, uy) * 11
            path.addPolygon(QPolygonF([tip, base + QPointF(px, py) * 5, base - QPointF(px, py) * 5, tip]))
        self._preview.setPath(path)

    def mouse_release(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton or self._source is None:
            return False
        src = self._source
        target = self.view.entity_at(event.position().toPoint())
        self._clear()
        if target is not None and target is not src:
            self.view.editor.create_flow(src.entity_id, target.entity_id)
        elif target is None:
            self.view.status_message.emit(translate("No flow drawn: release the mouse over another entity"))
        else:  # dropped on the entity it started from: a flow links two different entities
            self.view.status_message.emit(QCoreApplication.translate(
                "Canvas", "A flow needs two different entities: drop it on another entity"))
        return True

    def _clear(self) -> None:
        if self._preview is not None and self._preview.scene() is not None:
            self._preview.scene().removeItem(self._preview)
        self._preview = None
        if self._target is not None:
            self._target.set_drop_target(False)
        self._source = self._target = None

    def cancel(self) -> bool:
        if self._source is None:
            return False
        self._clear()
        return True


class PanTool(CanvasTool):
    """Drag scrolls the canvas (also the middle button and Space+drag in any tool)."""

    name = "pan"
    cursor = Qt.CursorShape.OpenHandCursor

    def __init__(self, view: CanvasHost) -> None:
        super().__init__(view)
        self._last: QPoint | None = None

    @property
    def busy(self) -> bool:
        return self._last is not None

    def mouse_press(self, event: QMouseEvent) -> bool:
        if event.button() not in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            return False
        self._last = event.position().toPoint()
        self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        return True

    def mouse_move(self, event: QMouseEvent) -> bool:
        if self._last is None:
            return False
        pos = event.position().toPoint()
        delta = pos - self._last
        self._last = pos
        h, v = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        h.setValue(h.value() - delta.x())
        v.setValue(v.value() - delta.y())
        return True

    def mouse_release(self, event: QMouseEvent) -> bool:
        return self.cancel()

    def cancel(self) -> bool:
        """End the pan where it is (a pan has nothing to undo)."""
        if self._last is None:
            return False
        self._last = None
        self.view.viewport().setCursor(self.view.current_tool.cursor)
        return True
