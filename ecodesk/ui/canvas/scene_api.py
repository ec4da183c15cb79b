"""UI layer (canvas): what the canvas's graphics items need of their scene, as a Protocol.

Entity, flow and hull items call back into the scene they are in (its theme, colours,
the flow layer, "I moved"); :func:`item_scene` gives them the scene typed as
:class:`ItemScene`, so the item modules never import ``scene.py`` (which imports them):
no import cycle.
"""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from ecodesk.model import Entity, Flow
from ecodesk.ui.canvas.flow_layer import FlowLayerItem
from ecodesk.ui.canvas.style import CanvasTheme


class ItemScene(Protocol):
    """The canvas scene as its items see it."""

    theme: CanvasTheme
    flow_layer: FlowLayerItem

    def entity_color(self, entity: Entity) -> QColor: ...

    def flow_color(self, flow: Flow) -> QColor: ...

    def entity_item_moved(self, item: QGraphicsItem) -> None: ...

    def flow_tooltip(self, flow: Flow) -> str: ...

    def show_flow_label(self, item: QGraphicsItem) -> None: ...

    def hide_flow_label(self, item: QGraphicsItem) -> None: ...


def item_scene(item: QGraphicsItem) -> ItemScene | None:
    """The canvas scene ``item`` is in (None: in no scene, or in one that is not a canvas)."""
    sc = item.scene()
    return cast(ItemScene, sc) if sc is not None and hasattr(sc, "flow_layer") else None
