"""UI layer: the canvas — the diagram editor planners live in.

:class:`CanvasView` (tools, selection, zoom, editing) over a :class:`CanvasScene` that is
filled from the document's scenario and then follows the model's signals only; items for
entities, flows and ecosystem hulls; a legend; the entity palette; and pure-Python
auto-layouts in :mod:`ecodesk.ui.canvas.layout`.
"""

from ecodesk.ui.canvas.clipboard import MIME_ENTITY_KIND, MIME_OBJECTS
from ecodesk.ui.canvas.editing import NEW_CAPABILITY
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.export import ImageExporter
from ecodesk.ui.canvas.flow_item import FlowItem, FlowLabelItem
from ecodesk.ui.canvas.hull_item import EcosystemHullItem
from ecodesk.ui.canvas.legend import LegendWidget
from ecodesk.ui.canvas.palette import EntityPaletteWidget
from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.canvas.view import TOOLS, CanvasView

__all__ = [
    "MIME_ENTITY_KIND",
    "MIME_OBJECTS",
    "NEW_CAPABILITY",
    "TOOLS",
    "CanvasScene",
    "CanvasView",
    "EcosystemHullItem",
    "EntityItem",
    "EntityPaletteWidget",
    "FlowItem",
    "FlowLabelItem",
    "ImageExporter",
    "LegendWidget",
]
