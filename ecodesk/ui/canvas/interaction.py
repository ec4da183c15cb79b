"""UI layer (canvas): the view's input — which tool is active and who gets each mouse and
key event: the active tool, the pan (middle button or Space+drag, in any tool), the
editor's shortcuts. The view's Qt event handlers hand their events here and fall back to
QGraphicsView's own handling (hover, items) when nothing took them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent

from ecodesk.model import EntityKind
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.note_editing import note_at, notes_of
from ecodesk.ui.canvas.tools import CanvasTool, FlowTool, PanTool, PlaceTool, SelectTool

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    from ecodesk.ui.canvas.host import CanvasHost

TOOLS = ("select", "pan", "place", "flow")


class CanvasInput:
    """The tools of one view and the routing of its input (``tool_changed(name)`` is called
    when another tool becomes active)."""

    def __init__(self, view: CanvasHost, tool_changed: Callable[[str], None]) -> None:
        self.view = view
        self._tool_changed = tool_changed
        self.place = PlaceTool(view)
        self.tools: dict[str, CanvasTool] = {
            "select": SelectTool(view),
            "pan": PanTool(view),
            "place": self.place,
            "flow": FlowTool(view),
        }
        self._pan = PanTool(view)  # middle button / Space+drag, in any tool
        self.current: CanvasTool = self.tools["select"]
        self._space = False
        self._panning = False

    def set_tool(self, name: str, kind: EntityKind | str | None = None) -> None:
        """Switch to 'select', 'pan', 'place' (with an entity ``kind``) or 'flow'."""
        if name not in self.tools:
            raise ValueError(f"unknown tool {name!r} (tools: {', '.join(TOOLS)})")
        tool = self.tools[name]
        if isinstance(tool, PlaceTool) and kind is not None:
            tool.kind = EntityKind(kind)
        changed = tool is not self.current
        self.current.deactivate()
        self.current = tool
        tool.activate()
        if changed:
            self._tool_changed(name)

    # mouse -----------------------------------------------------------------------------------
    def mouse_press(self, event: QMouseEvent) -> bool:
        view = self.view
        view.editor.finish_rename(True)
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        ):
            self._panning = self._pan.mouse_press(event)
            return True
        if event.button() == Qt.MouseButton.RightButton:
            item = view.entity_at(event.position().toPoint()) or note_at(view, event.position().toPoint()) \
                or view.item_at(event.position().toPoint())  # a note covers the flows under it
            if item is not None and not item.isSelected():
                view.select_items([item])
            return True  # the context menu event follows
        return self.current.mouse_press(event)

    def mouse_move(self, event: QMouseEvent) -> bool:
        """False: let the view dispatch hover (and a flow under the mouse gets its item)."""
        if self._panning:
            self._pan.mouse_move(event)
            return True
        handled = self.current.mouse_move(event)
        if not handled or isinstance(self.current, FlowTool):
            view = self.view
            pos = event.position().toPoint()
            if event.buttons() == Qt.MouseButton.NoButton and view.entity_at(pos) is None:
                # flows have no Qt items until needed: give the one under the mouse an
                # item now, so the scene's hover dispatch finds it
                view.canvas_scene.flow_at(view.mapToScene(pos))
            return False  # hover highlights and flow labels
        return True

    def mouse_release(self, event: QMouseEvent) -> bool:
        if self._panning:
            self._pan.mouse_release(event)
            self._panning = False
            if self._space:
                self.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return True
        return self.current.mouse_release(event)

    def double_click(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.current.name not in ("select", "flow"):
            return
        pos = event.position().toPoint()
        item = self.view.item_at(pos)
        note = note_at(self.view, pos) if not isinstance(item, EntityItem) else None
        if isinstance(item, EntityItem):
            self.view.select_items([item])
            self.view.editor.start_rename(item.entity_id)
        elif note is not None:  # write in the note
            self.view.select_items([note])
            notes_of(self.view).start_edit(note)
        elif item is None and event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # Ctrl+double-click: a note
            notes_of(self.view).new_note(self.view.mapToScene(pos))

    # keys ---------------------------------------------------------------------------------
    def key_press(self, event: QKeyEvent) -> bool:
        view = self.view
        key = event.key()
        busy = self.current.busy
        if key == Qt.Key.Key_Space and not event.isAutoRepeat() and not busy:
            self._space = True
            view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key == Qt.Key.Key_Escape:
            if self._pan.cancel() or self.current.cancel():
                self._panning = False
            elif self.current.name != "select":
                self.set_tool("select")
            else:
                view.select_items([])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            view.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            view.zoom_out()
        elif key == Qt.Key.Key_0:
            view.zoom_reset()
        else:
            return view.editor.key_press(event, busy)
        return True

    def key_release(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if not self._panning:
                self.view.viewport().setCursor(self.current.cursor)
            return True
        return False

    def focus_out(self) -> None:
        self._space = False
