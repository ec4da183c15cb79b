"""UI layer (canvas): the canvas view — tools, selection sync with the document, zoom,
pan, drops from the palette, the legend overlay and image export.

Selection flows both ways: canvas → ``document.set_selection(ids)`` and document →
canvas, with a guard (and a QSignalBlocker on the scene) so neither echoes the other.
The public methods below are what the main window binds to its actions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEvent, QLineF, QLocale, QPoint, QPointF, QRect, QRectF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPen,
    QPixmapCache,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QMenu, QWidget

from ecodesk.model import EntityKind, FlowKind, Scenario
from ecodesk.ui.canvas.clipboard import MIME_ENTITY_KIND
from ecodesk.ui.canvas.editing import CanvasEditingMixin, default_capability_chooser, default_flow_kind_chooser
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.export import ImageExporter
from ecodesk.ui.canvas.flow_item import FlowItem
from ecodesk.ui.canvas.legend import LegendEntry, LegendSection, LegendWidget
from ecodesk.ui.canvas.rename import InlineRenameEditor
from ecodesk.ui.canvas.scene import CanvasScene, guard_slot
from ecodesk.ui.canvas.style import (
    GRID,
    LOD_LABELS,
    LOD_SIMPLE,
    THEMES,
    entity_base_color,
    flow_color,
    marker_color,
    translate,
)
from ecodesk.ui.canvas.tools import CanvasTool, FlowTool, PanTool, PlaceTool, SelectTool
from ecodesk.ui.document import Document

TOOLS = ("select", "pan", "place", "flow")


def _ui_language() -> str:
    try:
        from ecodesk.ui.i18n import current_language

        return current_language()
    except ImportError:  # the canvas also runs without the main window's i18n
        return QLocale().name()


PIXMAP_CACHE_KB = 96 * 1024


def detail_level(zoom: float) -> int:
    """Flow detail for a zoom: 0 full, 1 hairlines (no labels), 2 overview."""
    return 0 if zoom >= LOD_LABELS else 1 if zoom >= LOD_SIMPLE else 2


class CanvasView(CanvasEditingMixin, QGraphicsView):
    """The diagram editor of one document's current scenario."""

    zoom_changed = Signal(float)
    status_message = Signal(str)
    tool_changed = Signal(str)
    #: A flow kind was shown or hidden (arguments: the kind's value, visible).
    flow_kind_visibility_changed = Signal(str, bool)

    MIN_ZOOM = 0.01  # "fit all" shows the seed-size platform whole even in a small window
    MAX_ZOOM = 6.0
    ZOOM_STEP = 1.25

    def __init__(self, document: Document | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # entities draw from Qt's per-item pixmap cache; its default 10 MB holds about
        # 10,000 zoomed-out entities and thrashes beyond (every frame repaints them all)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.canvas_scene = CanvasScene(self)
        self.setScene(self.canvas_scene)
        self.document: Document | None = None
        self.language = _ui_language()
        self.snap_to_grid = False
        self.show_grid = True
        self.grid = GRID
        self.rename_editor: InlineRenameEditor | None = None
        self.flow_kind_chooser = lambda src, dst: default_flow_kind_chooser(self, src, dst)
        self.capability_chooser = lambda src, caps: default_capability_chooser(self, src, caps)
        self._legend_entries: list[LegendEntry] | None = None
        self._marker_legend: list[LegendEntry] = []
        #: Callables ``hook(menu, item)`` that add entries to the context menu (``item`` is
        #: the EntityItem/FlowItem under the mouse, or None) — how panels add their actions.
        self.context_menu_hooks: list[Callable[[QMenu, EntityItem | FlowItem | None], None]] = []
        self._legend_wanted = True
        self._zoom = 1.0
        self._auto_fit = True  # until the user zooms or pans, keep the diagram fitted on resize
        self._syncing = False
        self._space = False
        self._panning = False
        self._paste_serial = 0
        self._doc_connections: list[tuple[Signal, object]] = []
        self._scenario_slot: tuple[object, object] | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self._tools: dict[str, CanvasTool] = {
            "select": SelectTool(self),
            "pan": PanTool(self),
            "place": PlaceTool(self),
            "flow": FlowTool(self),
        }
        self._pan = PanTool(self)  # middle button / Space+drag, in any tool
        self._tool: CanvasTool = self._tools["select"]
        self.legend = LegendWidget(self)
        self.legend.flow_kind_toggled.connect(
            lambda k: self.set_flow_kind_visible(k, k in self.canvas_scene.hidden_flow_kinds)
        )
        self._legend_timer = QTimer(self)
        self._legend_timer.setSingleShot(True)
        self._legend_timer.setInterval(50)
        self._legend_timer.timeout.connect(self.refresh_legend)
        self.canvas_scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.finish_rename(True))
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.finish_rename(True))
        if document is not None:
            self.set_document(document)
        else:
            self.refresh_legend()

    # document ----------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        return self.canvas_scene.scenario

    def set_document(self, doc: Document | None) -> None:
        """Show ``doc`` (its current scenario) and follow it; None shows nothing."""
        self.finish_rename(False)
        self._tool.cancel()
        for sig, slot in self._doc_connections:
            sig.disconnect(slot)
        self._doc_connections.clear()
        self.document = doc
        self.canvas_scene.currency = doc.project.currency if doc is not None else "CNY"
        self._show_scenario(doc.scenario if doc is not None else None)
        if doc is not None:
            for sig, slot in (
                (doc.scenario_switched, self._on_document_scenario_switched),
                (doc.selection_changed, self._on_document_selection_changed),
            ):
                sig.connect(slot)
                self._doc_connections.append((sig, slot))
            self._on_document_selection_changed(doc.selection)

    def _show_scenario(self, scenario: Scenario | None) -> None:
        if self._scenario_slot is not None:
            self._scenario_slot[0].disconnect(self._scenario_slot[1])
            self._scenario_slot = None
        self.canvas_scene.set_scenario(scenario)
        if scenario is not None:
            slot = guard_slot(self, scenario.changed, self._on_scenario_changed)
            scenario.changed.connect(slot)
            self._scenario_slot = (scenario.changed, slot)
        self.refresh_legend()
        self.fit_all()
        self._auto_fit = True

    def _on_document_scenario_switched(self, scenario: Scenario) -> None:
        self.finish_rename(False)
        self._tool.cancel()
        self._show_scenario(scenario)

    def _on_scenario_changed(self) -> None:
        if not self._legend_timer.isActive():
            self._legend_timer.start()

    # selection ---------------------------------------------------------------------------
    def selected_items(self) -> list[QGraphicsItem]:
        return [i for i in self.canvas_scene.selectedItems() if isinstance(i, (EntityItem, FlowItem))]

    def selected_entity_ids(self) -> list[str]:
        """Selected entities, in the order the document lists them (then scenario order)."""
        sel = {i.entity_id for i in self.canvas_scene.selectedItems() if isinstance(i, EntityItem)}
        return self._ordered(sel)

    def selected_flow_ids(self) -> list[str]:
        return self._ordered({i.flow_id for i in self.canvas_scene.selectedItems() if isinstance(i, FlowItem)})

    def _ordered(self, ids: set[str]) -> list[str]:
        first = [i for i in (self.document.selection if self.document else []) if i in ids]
        return first + sorted(ids.difference(first))

    def select_items(self, items: Iterable[QGraphicsItem]) -> None:
        """Make ``items`` the canvas selection (one update of the document)."""
        items = list(items)
        with QSignalBlocker(self.canvas_scene):
            keep = set(map(id, items))
            for it in self.canvas_scene.selectedItems():
                if id(it) not in keep:
                    it.setSelected(False)
            for it in items:
                it.setSelected(True)
        self._on_scene_selection_changed()

    def select_ids(self, ids: Iterable[str]) -> None:
        sc = self.canvas_scene
        ids = list(ids)
        flows = {it.flow_id: it for it in sc.flow_items_for([i for i in ids if i in sc.flows])}
        self.select_items(
            [it for i in ids if (it := sc.entity_items.get(i) or flows.get(i)) is not None and it.isVisible()]
        )

    def select_all(self) -> None:
        sc = self.canvas_scene
        hidden = sc.hidden_flow_kinds
        flows = sc.flow_items_for([i for i, f in sc.flows.items() if f.kind not in hidden])
        self.select_items([*sc.entity_items.values(), *flows])

    def _on_scene_selection_changed(self) -> None:
        if self._syncing or self.document is None:
            return
        self._syncing = True
        try:
            ents = {i.entity_id for i in self.canvas_scene.selectedItems() if isinstance(i, EntityItem)}
            flows = {i.flow_id for i in self.canvas_scene.selectedItems() if isinstance(i, FlowItem)}
            prev = [i for i in self.document.selection if i in ents or i in flows]
            new = [i for i in self.scenario.entities.ids() if i in ents and i not in prev] if self.scenario else []
            new += sorted(flows.difference(prev))
            self.document.set_selection(prev + new)
        finally:
            self._syncing = False

    def _on_document_selection_changed(self, ids: list[str]) -> None:
        wanted = set(ids)
        self._update_hull_highlight(wanted)
        if self._syncing:
            return
        self._syncing = True
        try:
            sc = self.canvas_scene
            with QSignalBlocker(sc):
                for it in sc.selectedItems():
                    key = it.entity_id if isinstance(it, EntityItem) else getattr(it, "flow_id", None)
                    if key not in wanted:
                        it.setSelected(False)
                for i in ids:
                    it = sc.entity_items.get(i) or sc.flow_items.get(i)
                    if it is not None and it.isVisible():
                        it.setSelected(True)
        finally:
            self._syncing = False

    def _update_hull_highlight(self, ids: set[str]) -> None:
        for eco, hull in self.canvas_scene.hull_items.items():
            hull.set_highlighted(eco in ids)

    # items under the mouse -----------------------------------------------------------------
    def item_at(self, pos: QPoint) -> EntityItem | FlowItem | None:
        """The entity or (shown) flow under view position ``pos``; entities win."""
        entity = self.entity_at(pos)
        if entity is not None:
            return entity
        return self.canvas_scene.flow_at(self.mapToScene(pos))

    def entity_at(self, pos: QPoint) -> EntityItem | None:
        for it in self.items(pos):
            if isinstance(it, EntityItem):
                return it
        return None

    def snap(self, p: QPointF) -> QPointF:
        g = self.grid
        return QPointF(round(p.x() / g) * g, round(p.y() / g) * g)

    # tools ---------------------------------------------------------------------------------
    @property
    def current_tool(self) -> CanvasTool:
        return self._tool

    @property
    def tool_name(self) -> str:
        return self._tool.name

    def tool(self, name: str) -> CanvasTool:
        return self._tools[name]

    def set_tool(self, name: str, kind: EntityKind | str | None = None) -> None:
        """Switch to 'select', 'pan', 'place' (with an entity ``kind``) or 'flow'."""
        if name not in self._tools:
            raise ValueError(f"unknown tool {name!r} (tools: {', '.join(TOOLS)})")
        tool = self._tools[name]
        if isinstance(tool, PlaceTool) and kind is not None:
            tool.kind = EntityKind(kind)
        changed = tool is not self._tool
        self._tool.deactivate()
        self._tool = tool
        tool.activate()
        if changed:
            self.tool_changed.emit(name)

    # events --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.finish_rename(True)
        self._auto_fit = False
        if event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space
        ):
            self._panning = self._pan.mouse_press(event)
            return
        if event.button() == Qt.MouseButton.RightButton:
            item = self.item_at(event.position().toPoint())
            if item is not None and not item.isSelected():
                self.select_items([item])
            return  # the context menu event follows
        if not self._tool.mouse_press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._panning:
            self._pan.mouse_move(event)
            return
        handled = self._tool.mouse_move(event)
        if not handled or isinstance(self._tool, FlowTool):
            if event.buttons() == Qt.MouseButton.NoButton and self.entity_at(event.position().toPoint()) is None:
                # flows have no Qt items until needed: give the one under the mouse an
                # item now, so the scene's hover dispatch finds it
                self.canvas_scene.flow_at(self.mapToScene(event.position().toPoint()))
            super().mouseMoveEvent(event)  # hover highlights and flow labels

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._panning:
            self._pan.mouse_release(event)
            self._panning = False
            if self._space:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if not self._tool.mouse_release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self._tool.name not in ("select", "flow"):
            return
        item = self.item_at(event.position().toPoint())
        if isinstance(item, EntityItem):
            self.select_items([item])
            self.start_rename(item.entity_id)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self._tool.busy:
            return
        menu = self.build_context_menu(self.item_at(event.pos()))
        menu.exec(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Space and not event.isAutoRepeat() and not self._tool.busy:
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key == Qt.Key.Key_Escape:
            if self._pan.cancel() or self._tool.cancel():
                self._panning = False
            elif self._tool.name != "select":
                self.set_tool("select")
            else:
                self.select_items([])
            return
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.zoom_reset()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self._tool.busy:
            self.delete_selection()
        elif key == Qt.Key.Key_F2:
            self.rename_selected()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down) and not self._tool.busy:
            step = self.grid if self.snap_to_grid else 1.0
            step *= 10 if mods & Qt.KeyboardModifier.ShiftModifier else 1
            dx = {Qt.Key.Key_Left: -step, Qt.Key.Key_Right: step}.get(key, 0.0)
            dy = {Qt.Key.Key_Up: -step, Qt.Key.Key_Down: step}.get(key, 0.0)
            self.nudge(dx, dy)
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key == Qt.Key.Key_D and mods == Qt.KeyboardModifier.ControlModifier:
            self.duplicate_selection()
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            if not self._panning:
                self.viewport().setCursor(self._tool.cursor)
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: object) -> None:
        self._space = False
        super().focusOutEvent(event)  # type: ignore[arg-type]

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The mouse wheel zooms about the pointer; a touchpad's two-finger scroll pans
        (unless Ctrl is held), as planners on laptops expect."""
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        pixel = event.pixelDelta()
        if not ctrl and not pixel.isNull() and event.phase() != Qt.ScrollPhase.NoScrollPhase:
            super().wheelEvent(event)
            return
        dy = event.angleDelta().y() or event.angleDelta().x()
        if dy:
            self.zoom_at(self._zoom * (1.0015**dy), event.position().toPoint())
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_at(self._zoom * (1.0 + event.value()), event.position().toPoint())
                return True
        return super().viewportEvent(event)

    # drops from the palette ------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_ENTITY_KIND) and self.scenario is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        kind = self._dropped_kind(event)
        if kind is None:
            event.ignore()
            return
        place = self._tools["place"]
        assert isinstance(place, PlaceTool)
        place.show_ghost(self.mapToScene(event.position().toPoint()), kind)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragLeaveEvent(self, event: object) -> None:
        place = self._tools["place"]
        if place is not self._tool:
            place.hide_ghost()  # type: ignore[attr-defined]

    def dropEvent(self, event: QDropEvent) -> None:
        kind = self._dropped_kind(event)
        place = self._tools["place"]
        if place is not self._tool:
            place.hide_ghost()  # type: ignore[attr-defined]
        if kind is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.place_entity(kind, self.mapToScene(event.position().toPoint()))
        self.setFocus()

    @staticmethod
    def _dropped_kind(event: QDropEvent) -> EntityKind | None:
        mime = event.mimeData()
        if not mime.hasFormat(MIME_ENTITY_KIND):
            return None
        try:
            return EntityKind(bytes(mime.data(MIME_ENTITY_KIND).data()).decode("ascii").strip())
        except ValueError:
            return None

    # zoom ----------------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self._zoom

    def set_zoom(self, zoom: float) -> None:
        """Zoom about the centre of the view."""
        self.zoom_at(zoom, self.viewport().rect().center())

    def zoom_at(self, zoom: float, view_pos: QPoint) -> None:
        """Zoom keeping the scene point under ``view_pos`` where it is."""
        zoom = max(self.MIN_ZOOM, min(self.MAX_ZOOM, zoom))
        self._auto_fit = False
        if abs(zoom - self._zoom) < 1e-9:
            return
        self.finish_rename(True)
        anchor = self.mapToScene(view_pos)
        self._apply_zoom(zoom)
        delta = self.mapFromScene(anchor) - view_pos
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + delta.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + delta.y())
        self.zoom_changed.emit(zoom)

    def _apply_zoom(self, zoom: float) -> None:
        self.setTransform(QTransform.fromScale(zoom, zoom))
        self._zoom = zoom
        self._set_detail(detail_level(zoom))

    def _set_detail(self, level: int) -> None:
        self.canvas_scene.set_detail(level)
        # in the overview thousands of hairlines are drawn: without antialiasing (the items
        # that need it — entities, hulls — switch it on themselves)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, level < 2)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * self.ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / self.ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def _fit_rect(self, rect: QRectF, max_zoom: float, margin: int = 36) -> None:
        """Zoom (up to ``max_zoom``) so ``rect`` fits with ``margin`` screen pixels around
        it (a little more on top, for the ecosystem names), and centre it."""
        if rect.isNull() or rect.isEmpty():
            return
        vp = self.viewport().rect()
        w, h = max(vp.width() - 2 * margin, 40), max(vp.height() - 2 * margin - 20, 40)
        zoom = min(w / rect.width(), h / rect.height())
        zoom = max(self.MIN_ZOOM, min(max_zoom, zoom))
        if abs(zoom - self._zoom) > 1e-9:
            self._apply_zoom(zoom)
            self.zoom_changed.emit(zoom)
        self.centerOn(rect.center() - QPointF(0, 10 / zoom))

    def fit_all(self) -> None:
        """Show every entity (and hull), at most at 100 %."""
        self.canvas_scene.flush_pending()
        rect = self.canvas_scene.content_rect()
        if rect.isNull():
            self.zoom_reset()
            self.centerOn(0, 0)
            return
        self._fit_rect(rect, 1.0)
        self._place_legend()

    def zoom_to_selection(self) -> None:
        rect = QRectF()
        for it in self.selected_items():
            rect = rect.united(it.sceneBoundingRect())
        if rect.isNull():
            self.status_message.emit(translate("Nothing selected"))
            return
        self._fit_rect(rect, 2.0)

    def center_on_ids(self, ids: Iterable[str]) -> None:
        """Centre the view on these objects, zooming out if they do not fit."""
        sc = self.canvas_scene
        rect = QRectF()
        for i in ids:
            it = sc.entity_items.get(i) or sc.flow_items.get(i)
            if it is not None:
                rect = rect.united(it.sceneBoundingRect())
        if rect.isNull():
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() > visible.width() * 0.9 or rect.height() > visible.height() * 0.9:
            self._fit_rect(rect, self._zoom)
        else:
            self.centerOn(rect.center())

    # look ------------------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.language = language
        self.canvas_scene.language = language
        self.refresh_legend()

    def set_theme(self, name: str) -> None:
        """'light' or 'dark'."""
        self.canvas_scene.set_theme(THEMES[name])
        self.refresh_legend()
        self.viewport().update()

    def set_color_overrides(
        self, overrides: Mapping[str, QColor] | None, legend: list[tuple[str, QColor]] | None = None
    ) -> None:
        """Colour entities (and flows) by id — a colour mode; None returns to colours by
        kind. ``legend`` optionally replaces the kind entries of the legend."""
        self.canvas_scene.set_color_overrides(overrides)
        self._legend_entries = [LegendEntry(label, QColor(c)) for label, c in legend] if legend else None
        self.refresh_legend()

    def set_flow_kind_visible(self, kind: FlowKind | str, visible: bool) -> None:
        kind = FlowKind(kind)
        was = kind not in self.canvas_scene.hidden_flow_kinds
        self.canvas_scene.set_flow_kind_visible(kind, visible)
        self._on_scene_selection_changed()
        self.refresh_legend()
        if was != visible:
            self.flow_kind_visibility_changed.emit(kind.value, visible)

    def is_flow_kind_visible(self, kind: FlowKind | str) -> bool:
        return FlowKind(kind) not in self.canvas_scene.hidden_flow_kinds

    def set_markers(
        self, markers: Mapping[str, str | Iterable[str]] | None, legend: list[tuple[str, str]] | None = None
    ) -> None:
        """Mark entities with rings — ``{entity id: 'spof' | 'redundant' | 'gap' (or several)}``;
        None clears. ``legend`` lists (label, mark) rows for a "Marks" section of the legend."""
        self.canvas_scene.set_markers(markers)
        self._marker_legend = [LegendEntry(label, marker_color(m), marker=m) for label, m in (legend or [])]
        self.refresh_legend()

    @property
    def markers(self) -> dict[str, tuple[str, ...]]:
        return dict(self.canvas_scene.markers)

    def set_legend_visible(self, visible: bool) -> None:
        self._legend_wanted = visible
        self.refresh_legend()

    def legend_sections(self) -> list[LegendSection]:
        s = self.scenario
        if s is None or not len(s.entities):
            return []
        lang = self.language
        ent_kinds = {e.kind for e in s.entities}
        flow_kinds = {f.kind for f in s.flows}
        if self._legend_entries is not None:
            first = LegendSection(translate("Colour"), tuple(self._legend_entries))
        else:
            first = LegendSection(
                translate("Entities"),
                tuple(
                    LegendEntry(k.label(lang), entity_base_color(k), entity_kind=k)
                    for k in EntityKind
                    if k in ent_kinds
                ),
            )
        sections = [first]
        if self._marker_legend and self.canvas_scene.markers:
            sections.append(LegendSection(translate("Marks"), tuple(self._marker_legend)))
        if flow_kinds:
            hidden = self.canvas_scene.hidden_flow_kinds
            sections.append(
                LegendSection(
                    translate("Flows"),
                    tuple(
                        LegendEntry(k.label(lang), flow_color("", k), flow_kind=k, hidden=k in hidden)
                        for k in FlowKind
                        if k in flow_kinds
                    ),
                )
            )
        return sections

    def refresh_legend(self) -> None:
        sections = self.legend_sections()
        self.legend.set_sections(sections, self.canvas_scene.theme)
        self.legend.setVisible(self._legend_wanted and bool(sections))
        self._place_legend()

    def _place_legend(self) -> None:
        """Put the legend in the corner of the view that covers the fewest items
        (bottom-left when there is a tie), collapsing it on small views."""
        vp = self.viewport().geometry()
        self.legend.fit_to(vp.size())
        w, h, m = self.legend.width(), self.legend.height(), 12
        corners = [
            (vp.left() + m, vp.bottom() - h - m),
            (vp.right() - w - m, vp.bottom() - h - m),
            (vp.left() + m, vp.top() + m),
            (vp.right() - w - m, vp.top() + m),
        ]

        def covered(x: int, y: int) -> int:
            rect = QRect(x - vp.left(), y - vp.top(), w, h)
            flows = self.canvas_scene.flow_layer.count_in_rect(self.mapToScene(rect).boundingRect())
            return flows + sum(1 for it in self.items(rect) if isinstance(it, EntityItem))

        x, y = min(corners, key=lambda c: (covered(*c), corners.index(c)))
        self.legend.move(x, y)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh_legend()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()
        if self._auto_fit:
            self.fit_all()
            self._auto_fit = True

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        theme = self.canvas_scene.theme
        painter.fillRect(rect, QColor(theme.background))
        if not self.show_grid:
            return
        g = self.grid
        px = g * self._zoom
        major = 5 * g
        lines_minor: list[QLineF] = []
        lines_major: list[QLineF] = []
        step = g if px >= 9 else major if px * 5 >= 12 else 0.0
        if not step:
            return
        left = int(rect.left() // step) * step
        top = int(rect.top() // step) * step
        x = left
        while x <= rect.right():
            (lines_major if abs(x / major - round(x / major)) < 1e-6 else lines_minor).append(
                QLineF(x, rect.top(), x, rect.bottom())
            )
            x += step
        y = top
        while y <= rect.bottom():
            (lines_major if abs(y / major - round(y / major)) < 1e-6 else lines_minor).append(
                QLineF(rect.left(), y, rect.right(), y)
            )
            y += step
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # axis-aligned: 3x faster
        pen = QPen(QColor(theme.grid_minor), 0)
        painter.setPen(pen)
        painter.drawLines(lines_minor)
        pen.setColor(QColor(theme.grid_major))
        painter.setPen(pen)
        painter.drawLines(lines_major)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

    def paintEvent(self, event: object) -> None:
        self.canvas_scene.flush_pending()  # routes and hulls are current in every frame
        super().paintEvent(event)  # type: ignore[arg-type]

    # export ------------------------------------------------------------------------------
    def render_to_image(self, width: int, height: int, legend: bool = True) -> QImage:
        """The whole diagram (not just the visible part) fitted into a ``width`` ×
        ``height`` image, without selection marks; the legend in the bottom-left corner."""
        return ImageExporter(self.canvas_scene).export(width, height, self.legend_sections() if legend else [])

    def closeEvent(self, event: object) -> None:
        self.set_document(None)
        super().closeEvent(event)  # type: ignore[arg-type]
