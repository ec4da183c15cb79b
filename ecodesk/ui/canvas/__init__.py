"""UI layer: the canvas — the diagram editor planners live in.

The layering, bottom up (each module imports only those below it; no import cycles):

* engine side, no Qt — :mod:`ecodesk.diagram`: geometry, routes, the flow table (one numpy
  row per flow), hit tests, the flow network, auto-layouts;
* look — :mod:`~ecodesk.ui.canvas.style`, :mod:`~ecodesk.ui.canvas.glyphs`;
* flow drawing — :mod:`~ecodesk.ui.canvas.flow_paint` (batched QPainter paths),
  :mod:`~ecodesk.ui.canvas.frame_cache` (the image frames blit),
  :mod:`~ecodesk.ui.canvas.flow_labels` (the flows' labels: placed, thinned, drawn),
  :mod:`~ecodesk.ui.canvas.flow_layer` (the thin item drawing every flow);
* items — entities, flows (on demand), ecosystem hulls; they reach their scene through the
  :mod:`~ecodesk.ui.canvas.scene_api` Protocol;
* :class:`CanvasScene` — filled from the document's scenario, then following the model's
  signals only;
* the view's parts — tools, :class:`~ecodesk.ui.canvas.editing.CanvasEditor` (every edit
  one command), :class:`~ecodesk.ui.canvas.selection.CanvasSelection`, the legend overlay —
  reaching the view through the :mod:`~ecodesk.ui.canvas.host` Protocol;
* :class:`CanvasView` — composes them (no mixins) and keeps zoom, pan and the look;
  the entity palette and image export sit beside it.
"""

from ecodesk.ui.canvas.clipboard import MIME_ENTITY_KIND, MIME_OBJECTS
from ecodesk.ui.canvas.editing import NEW_CAPABILITY
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.export import ImageExporter
from ecodesk.ui.canvas.flow_item import FlowItem, FlowLabelItem
from ecodesk.ui.canvas.hull_item import EcosystemHullItem
from ecodesk.ui.canvas.interaction import TOOLS
from ecodesk.ui.canvas.legend import LegendWidget
from ecodesk.ui.canvas.palette import EntityPaletteWidget
from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.canvas.view import CanvasView

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
