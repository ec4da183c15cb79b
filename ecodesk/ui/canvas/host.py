"""UI layer (canvas): what the canvas's parts need of the view, declared as Protocols.

The view (:class:`~ecodesk.ui.canvas.view.CanvasView`) owns its input routing and tools,
its editor, its selection and its legend overlay; they call back into it through
:class:`CanvasHost` (and into the editor through :class:`CanvasEdits`),
so none of them imports ``view.py`` and the canvas package has no import cycle (the
layering: diagram engine → items → scene → tools / editor / selection / legend → view).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from PySide6.QtCore import QPoint, QPointF, Qt, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsItem, QMenu, QScrollBar, QWidget

from ecodesk.model import Capability, Entity, EntityKind, FlowKind, Scenario
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.flow_item import FlowItem
from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.document import Document

#: A callable adding entries to the canvas's context menu for the item under the mouse.
MenuHook = Callable[[QMenu, EntityItem | FlowItem | None], None]


class HasCursor(Protocol):
    cursor: Qt.CursorShape
    name: str

    @property
    def busy(self) -> bool: ...


class FollowsModel(Protocol):
    def model_changed(self) -> None: ...


class HasAutoFit(Protocol):
    auto_fit: bool


class CanvasEdits(Protocol):
    """The editor's operations the tools and the input routing call."""

    def place_entity(self, kind: EntityKind | str, pos: QPointF) -> str | None: ...

    def create_flow(self, source: str, target: str, kind: FlowKind | str | None = None) -> str | None: ...

    def commit_move(self, origins: Mapping[str, QPointF]) -> bool: ...

    def start_rename(self, entity_id: str) -> bool: ...

    def finish_rename(self, commit: bool = True) -> None: ...

    def key_press(self, event: QKeyEvent, busy: bool) -> bool: ...


class CanvasHost(Protocol):
    """The canvas view, as its tools, editor, selection and legend overlay see it."""

    canvas_scene: CanvasScene
    document: Document | None
    language: str
    snap_to_grid: bool
    grid: float
    #: (source, target) -> FlowKind or None; replace it to pick without a popup (tests).
    flow_kind_chooser: Callable[[Entity, Entity], FlowKind | None]
    #: (source, its capabilities) -> capability id, NEW_CAPABILITY, or None.
    capability_chooser: Callable[[Entity, list[Capability]], str | None]
    context_menu_hooks: list[MenuHook]

    @property
    def editor(self) -> CanvasEdits: ...

    @property
    def status_message(self) -> SignalInstance: ...

    @property
    def scenario(self) -> Scenario | None: ...

    @property
    def zoom(self) -> float: ...

    @property
    def current_tool(self) -> HasCursor: ...

    @property
    def zooming(self) -> HasAutoFit: ...

    @property
    def zoomed_labels(self) -> FollowsModel: ...

    @property
    def zoom_changed(self) -> SignalInstance: ...

    def snap(self, p: QPointF) -> QPointF: ...

    def set_tool(self, name: str, kind: EntityKind | str | None = None) -> None: ...

    # items and selection
    def item_at(self, pos: QPoint) -> EntityItem | FlowItem | None: ...

    def entity_at(self, pos: QPoint) -> EntityItem | None: ...

    def selected_items(self) -> list[QGraphicsItem]: ...

    def selected_entity_ids(self) -> list[str]: ...

    def selected_flow_ids(self) -> list[str]: ...

    def select_items(self, items: Iterable[QGraphicsItem]) -> None: ...

    def select_ids(self, ids: Iterable[str]) -> None: ...

    def select_all(self) -> None: ...

    # zoom
    def fit_all(self) -> None: ...

    def zoom_in(self) -> None: ...

    def zoom_out(self) -> None: ...

    def zoom_reset(self) -> None: ...

    def center_on_ids(self, ids: Iterable[str]) -> None: ...

    # the QGraphicsView underneath
    def viewport(self) -> QWidget: ...

    # (Qt's own, overloaded: declared loosely)
    def mapToScene(self, *args: Any, **kwargs: Any) -> Any: ...

    def mapFromScene(self, *args: Any, **kwargs: Any) -> Any: ...

    def horizontalScrollBar(self) -> QScrollBar: ...

    def verticalScrollBar(self) -> QScrollBar: ...

    def items(self, *args: Any, **kwargs: Any) -> list[QGraphicsItem]: ...

    def ensureVisible(self, *args: Any, **kwargs: Any) -> None: ...

    def setFocus(self) -> None: ...
