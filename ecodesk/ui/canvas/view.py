"""UI layer (canvas): the canvas view — the diagram editor of one document's scenario.

:class:`CanvasView` is a QGraphicsView that arranges the canvas's parts, each its own
object, and routes the user's input to them:

* :class:`~ecodesk.ui.canvas.interaction.CanvasInput`: the tools (one small class per
  gesture) and the routing of mouse and keys to them;
* :class:`~ecodesk.ui.canvas.zoom.CanvasZoom`: zoom, fit, centre, the level of detail;
* :class:`~ecodesk.ui.canvas.editing.CanvasEditor`: every editing operation, each one
  command through the document (the view's ``place_entity``, ``paste``, ``align`` … are
  thin calls into it, the API the main window binds its actions to);
* :class:`~ecodesk.ui.canvas.selection.CanvasSelection`: the selection, in step with the
  document's both ways;
* :class:`~ecodesk.ui.canvas.legend_overlay.CanvasLegend`: the legend over the canvas.

The parts call back through :class:`~ecodesk.ui.canvas.host.CanvasHost` (a Protocol the
view fulfils), so none imports this module. The view itself keeps the grid, the look
(theme, colour modes, marks) and image export, and follows the
document and scenario it shows with :class:`~ecodesk.model.Bindings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPaintEvent,
    QPixmapCache,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QMenu, QWidget

from ecodesk.model import Bindings, EntityKind, FlowKind, Scenario
from ecodesk.ui.canvas.clipboard import MIME_ENTITY_KIND
from ecodesk.ui.canvas.editing import CanvasEditor, default_capability_chooser, default_flow_kind_chooser
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.export import ImageExporter
from ecodesk.ui.canvas.flow_item import FlowItem
from ecodesk.ui.canvas.flow_pens import PIXMAP_CACHE_KB
from ecodesk.ui.canvas.focus import CanvasFocus
from ecodesk.ui.canvas.interaction import CanvasInput
from ecodesk.ui.canvas.legend import LegendEntry, LegendSection, LegendWidget
from ecodesk.ui.canvas.legend_overlay import CanvasLegend
from ecodesk.ui.canvas.minimap import CanvasMinimap
from ecodesk.ui.canvas.rename import InlineRenameEditor
from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.canvas.selection import CanvasSelection
from ecodesk.ui.canvas.style import GRID, THEMES, draw_grid, marker_color, translate
from ecodesk.ui.canvas.tools import CanvasTool
from ecodesk.ui.canvas.zoom import ZOOM_STEP, CanvasZoom
from ecodesk.ui.canvas.zoomed_labels import ZoomedLabels
from ecodesk.ui.document import Document

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    from ecodesk.ui.canvas.host import MenuHook


def _ui_language() -> str:
    try:
        from ecodesk.ui.i18n import current_language

        return current_language()
    except ImportError:  # the canvas also runs without the main window's i18n
        return QLocale().name()


#: After a diagram is shown, the view refits it while the window settles (docks built, a
#: saved layout applied) until no resize came for this long; later resizes keep the zoom.
SETTLE_MS = 600


class CanvasView(QGraphicsView):
    """The diagram editor of one document's current scenario."""

    zoom_changed = Signal(float)
    status_message = Signal(str)
    tool_changed = Signal(str)
    #: A flow kind was shown or hidden (arguments: the kind's value, visible).
    flow_kind_visibility_changed = Signal(str, bool)

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
        self.flow_kind_chooser = lambda src, dst: default_flow_kind_chooser(self, self.language, src, dst)
        self.capability_chooser = lambda src, caps: default_capability_chooser(self, src, caps)
        #: Callables ``hook(menu, item)`` that add entries to the context menu (``item`` is
        #: the EntityItem/FlowItem under the mouse, or None) — how panels add their actions.
        self.context_menu_hooks: list[MenuHook] = []
        self.editor = CanvasEditor(self)
        self.selection = CanvasSelection(self)
        self.zooming = CanvasZoom(self, self.canvas_scene, lambda: self.finish_rename(True), self.zoom_changed.emit)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.settle_fit)
        self._doc_bindings = Bindings()  # the document's (Qt) signals, to this view's slots
        self._scenario_bindings = Bindings()  # the shown scenario's (model) signals
        self.destroyed.connect(self._scenario_bindings.clear)  # Qt drops its own connections
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
        self.input = CanvasInput(self, self.tool_changed.emit)
        self.zoomed_labels = ZoomedLabels(self)  # names that fit, where items draw none
        self.legend = LegendWidget(self)
        self.legend_overlay = CanvasLegend(self, self.legend)
        self.legend.collapse_toggled.connect(self.legend_overlay.user_toggled)
        # the diagram moves under the legend: find it a free place again once the move is over
        self.zoom_changed.connect(lambda _z: self.legend_overlay.place_soon())
        self.legend.flow_kind_toggled.connect(
            lambda k: self.set_flow_kind_visible(k, k in self.canvas_scene.hidden_flow_kinds)
        )
        # Qt signals go to the view's own slots: Qt drops them with the view (the parts are no QObjects)
        self.canvas_scene.selectionChanged.connect(self._on_scene_selection_changed)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.focus, self.minimap = CanvasFocus(self, self), CanvasMinimap(self, self)  # (they follow the view)
        if document is not None:
            self.set_document(document)
        else:
            self.refresh_legend()

    def _on_scrolled(self, _value: int) -> None:
        self.finish_rename(True)
        self.legend_overlay.place_soon()

    # document ----------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        return self.canvas_scene.scenario

    def set_document(self, doc: Document | None) -> None:
        """Show ``doc`` (its current scenario) and follow it; None shows nothing."""
        self.finish_rename(False)
        self.input.current.cancel()
        self._doc_bindings.clear()
        self.document = doc
        self.canvas_scene.currency = doc.project.currency if doc is not None else "CNY"
        self._show_scenario(doc.scenario if doc is not None else None)
        if doc is not None:
            self._doc_bindings.connect(doc.scenario_switched, self._on_document_scenario_switched)
            self._doc_bindings.connect(doc.selection_changed, self._on_document_selection_changed)
            self._on_document_selection_changed(doc.selection)

    def _show_scenario(self, scenario: Scenario | None) -> None:
        self._scenario_bindings.clear()
        self.canvas_scene.set_scenario(scenario)
        self.zoomed_labels.model_changed()
        if scenario is not None:
            self._scenario_bindings.connect(scenario.changed, self.legend_overlay.refresh_soon)
            self._scenario_bindings.connect(scenario.changed, self._on_scenario_changed)
        self.refresh_legend()
        self.fit_all()
        self.zooming.auto_fit = True
        if self.isVisible():
            self._settle.start()

    def _on_document_scenario_switched(self, scenario: Scenario) -> None:
        self.finish_rename(False)
        self.input.current.cancel()
        self._show_scenario(scenario)

    def _on_document_selection_changed(self, ids: list[str]) -> None:
        self.selection.on_document_selection_changed(ids)
        self._on_scene_selection_changed_labels()

    def _on_scene_selection_changed(self) -> None:
        self.selection.on_scene_selection_changed()
        self._on_scene_selection_changed_labels()

    def _on_scene_selection_changed_labels(self) -> None:
        self.zoomed_labels.selection_changed()
        if self.zoomed_labels.active():
            self.viewport().update()

    def _on_scenario_changed(self, *args: object) -> None:
        self.zoomed_labels.model_changed()
        if self.zoomed_labels.active():
            self.viewport().update()

    # selection (CanvasSelection) -----------------------------------------------------------
    def selected_items(self) -> list[QGraphicsItem]:
        return self.selection.items()

    def selected_entity_ids(self) -> list[str]:
        """Selected entities, in the order the document lists them (then scenario order)."""
        return self.selection.entity_ids()

    def selected_flow_ids(self) -> list[str]:
        return self.selection.flow_ids()

    def select_items(self, items: Iterable[QGraphicsItem]) -> None:
        """Make ``items`` the canvas selection (one update of the document)."""
        self.selection.select_items(self.focus.selectable(items))  # (what the focus dims: left out)

    def select_ids(self, ids: Iterable[str]) -> None:
        self.selection.select_ids(ids)

    def select_all(self) -> None:
        self.select_items(self.focus.all_items()) if self.focus.active else self.selection.select_all()

    # editing (CanvasEditor): what the window's actions call ----------------------------------
    @property
    def rename_editor(self) -> InlineRenameEditor | None:
        return self.editor.rename_editor

    def nudge(self, dx: float, dy: float) -> bool:
        return self.editor.nudge(dx, dy)

    def delete_selection(self) -> bool:
        return self.editor.delete_selection()

    def copy_selection(self) -> int:
        return self.editor.copy_selection()

    def cut_selection(self) -> bool:
        return self.editor.cut_selection()

    def paste(self) -> list[str]:
        return self.editor.paste()

    def duplicate_selection(self) -> list[str]:
        return self.editor.duplicate_selection()

    def rename_selected(self) -> bool:
        return self.editor.rename_selected()

    def finish_rename(self, commit: bool = True) -> None:
        self.editor.finish_rename(commit)

    def align(self, edge: str) -> bool:
        return self.editor.align(edge)

    def distribute(self, axis: str) -> bool:
        return self.editor.distribute(axis)

    def auto_layout(self, kind: str = "layered") -> bool:
        return self.editor.auto_layout(kind)

    def find(self, text: str) -> list[str]:
        return self.editor.find(text)

    def build_context_menu(self, item: EntityItem | FlowItem | None) -> QMenu:
        return self.editor.build_context_menu(item, self)

    # items under the mouse -----------------------------------------------------------------
    def item_at(self, pos: QPoint) -> EntityItem | FlowItem | None:
        """The entity or (shown) flow under view position ``pos``; entities win."""
        entity = self.entity_at(pos)
        if entity is not None:
            return entity
        return self.focus.shown_flow(self.canvas_scene.flow_at(self.mapToScene(pos)))

    def entity_at(self, pos: QPoint) -> EntityItem | None:
        for it in self.items(pos):
            if isinstance(it, EntityItem) and it.isEnabled():  # (the focus disables the rest)
                return it
        return None

    def snap(self, p: QPointF) -> QPointF:
        g = self.grid
        return QPointF(round(p.x() / g) * g, round(p.y() / g) * g)

    # tools (CanvasInput) -------------------------------------------------------------------
    @property
    def current_tool(self) -> CanvasTool:
        return self.input.current

    @property
    def tool_name(self) -> str:
        return self.input.current.name

    def tool(self, name: str) -> CanvasTool:
        return self.input.tools[name]

    def set_tool(self, name: str, kind: EntityKind | str | None = None) -> None:
        """Switch to 'select', 'pan', 'place' (with an entity ``kind``) or 'flow'."""
        self.input.set_tool(name, kind)

    # events: to the input routing, else to QGraphicsView ------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.zooming.auto_fit = False
        if not self.input.mouse_press(event):
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not self.input.mouse_move(event):
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.input.mouse_release(event):
            super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.input.double_click(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.input.current.busy:
            self.build_context_menu(self.item_at(event.pos())).exec(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.input.key_press(event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if not self.input.key_release(event):
            super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.input.focus_out()
        super().focusOutEvent(event)

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
            self.zoom_at(self.zoom * (1.0015**dy), event.position().toPoint())
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.NativeGesture and isinstance(event, QNativeGestureEvent):
            if event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
                self.zoom_at(self.zoom * (1.0 + event.value()), event.position().toPoint())
                return True
        return super().viewportEvent(event)

    # drops from the palette: the place tool's, whichever tool is active ---------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_ENTITY_KIND) and self.scenario is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.input.place.drag_move(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        if self.input.place is not self.input.current:
            self.input.place.hide_ghost()

    def dropEvent(self, event: QDropEvent) -> None:
        self.input.place.drop(event, self.input.place is self.input.current)

    # zoom (CanvasZoom) ------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.zooming.zoom

    def set_zoom(self, zoom: float) -> None:
        """Zoom about the centre of the view."""
        self.zoom_at(zoom, self.viewport().rect().center())

    def zoom_at(self, zoom: float, view_pos: QPoint) -> None:
        """Zoom keeping the scene point under ``view_pos`` where it is."""
        self.zooming.zoom_at(zoom, view_pos)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit_all(self) -> None:
        """Show every entity (and hull), at most at 100 %."""
        self.zooming.fit_all()
        self.legend_overlay.place(may_move=True)

    def zoom_to_selection(self) -> None:
        rect = QRectF()
        for it in self.selected_items():
            rect = rect.united(it.sceneBoundingRect())
        if rect.isNull():
            self.status_message.emit(translate("Nothing selected"))
            return
        self.zooming.fit_rect(rect, 2.0)

    def center_on_ids(self, ids: Iterable[str]) -> None:
        """Centre the view on these objects, zooming out if they do not fit."""
        sc = self.canvas_scene
        rect = QRectF()
        for i in ids:
            it = sc.entity_items.get(i) or sc.flow_items.get(i) or sc.notes.items.get(i)
            if it is not None:
                rect = rect.united(it.sceneBoundingRect())
        self.zooming.center_on(rect)

    # look ------------------------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        self.language = language
        self.canvas_scene.language = language
        self.refresh_legend()

    def set_theme(self, name: str) -> None:
        """'light' or 'dark'."""
        self.canvas_scene.set_theme(THEMES[name])
        self.zoomed_labels.model_changed()
        self.refresh_legend()
        self.viewport().update()

    def set_color_overrides(
        self, overrides: Mapping[str, QColor] | None, legend: list[tuple[str, QColor]] | None = None
    ) -> None:
        """Colour entities (and flows) by id — a colour mode; None returns to colours by
        kind. ``legend`` optionally replaces the kind entries of the legend."""
        self.canvas_scene.set_color_overrides(overrides)
        self.legend_overlay.entries = [LegendEntry(label, QColor(c)) for label, c in legend] if legend else None
        self.refresh_legend()

    def set_flow_kind_visible(self, kind: FlowKind | str, visible: bool) -> None:
        kind = FlowKind(kind)
        was = kind not in self.canvas_scene.hidden_flow_kinds
        self.canvas_scene.set_flow_kind_visible(kind, visible)
        self.selection.on_scene_selection_changed()
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
        self.legend_overlay.marker_entries = [
            LegendEntry(label, marker_color(m), marker=m) for label, m in legend or []
        ]
        self.refresh_legend()

    @property
    def markers(self) -> dict[str, tuple[str, ...]]:
        return dict(self.canvas_scene.markers)

    def set_legend_visible(self, visible: bool) -> None:
        self.legend_overlay.wanted = visible
        self.refresh_legend()

    def legend_sections(self) -> list[LegendSection]:
        return self.legend_overlay.sections()

    def refresh_legend(self) -> None:
        self.legend_overlay.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh_legend()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """While the window settles after a diagram was shown, refit it; later (a dock
        resized, the window made smaller) keep the zoom and the centre — refitting would
        zoom out to where every label disappears."""
        super().resizeEvent(event)
        if self.zooming.auto_fit:
            self.fit_all()
            self.zooming.auto_fit = True
            if self.isVisible():
                self._settle.start()  # settled SETTLE_MS after the last resize
        self.legend_overlay.place(may_move=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.zooming.auto_fit:
            self._settle.start()

    def settle_fit(self) -> None:
        """From now on a resize keeps the zoom and the centre (until another diagram is shown)."""
        self._settle.stop()
        self.zooming.auto_fit = False

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        theme = self.canvas_scene.theme
        painter.fillRect(rect, QColor(theme.background))
        if self.show_grid:
            draw_grid(painter, rect, theme, self.grid, self.zoom)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        self.zoomed_labels.paint(painter)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.canvas_scene.flush_pending()  # routes and hulls are current in every frame
        super().paintEvent(event)

    # export ------------------------------------------------------------------------------
    def render_to_image(self, width: int, height: int, legend: bool = True) -> QImage:
        """The whole diagram (not just the visible part) fitted into a ``width`` ×
        ``height`` image, without selection marks; the legend in the bottom-left corner."""
        return ImageExporter(self.canvas_scene).export(width, height, self.legend_sections() if legend else [])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.set_document(None)
        super().closeEvent(event)
