"""UI layer (canvas): the legend over the canvas — what it lists and where it sits.

:class:`CanvasLegend` builds the legend's sections from the scenario shown (entity kinds,
or the colour mode's entries; the analysis marks; the flow kinds, hidden ones greyed),
keeps the :class:`~ecodesk.ui.canvas.legend.LegendWidget` in the corner of the view that
covers the fewest items, and refreshes it shortly after the model changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QTimer

from ecodesk.model import EntityKind, FlowKind
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.legend import LegendEntry, LegendSection, LegendWidget
from ecodesk.ui.canvas.style import entity_base_color, flow_color, translate

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    from ecodesk.ui.canvas.host import CanvasHost


class CanvasLegend:
    """The legend overlay of one canvas view (``widget``: a child of the view)."""

    def __init__(self, view: CanvasHost, widget: LegendWidget) -> None:
        self.view = view
        self.widget = widget
        #: The colour mode's entries replacing the entity kinds (None: colours by kind).
        self.entries: list[LegendEntry] | None = None
        #: Rows of the "Marks" section (shown while the canvas shows marks).
        self.marker_entries: list[LegendEntry] = []
        self.wanted = True
        self._timer = QTimer(widget)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.refresh)

    def refresh_soon(self) -> None:
        """Refresh once the current burst of model changes is over."""
        if not self._timer.isActive():
            self._timer.start()

    def sections(self) -> list[LegendSection]:
        view = self.view
        s = view.scenario
        if s is None or not len(s.entities):
            return []
        lang = view.language
        ent_kinds = {e.kind for e in s.entities}
        flow_kinds = {f.kind for f in s.flows}
        if self.entries is not None:
            first = LegendSection(translate("Colour"), tuple(self.entries))
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
        if self.marker_entries and view.canvas_scene.markers:
            sections.append(LegendSection(translate("Marks"), tuple(self.marker_entries)))
        if flow_kinds:
            hidden = view.canvas_scene.hidden_flow_kinds
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

    def refresh(self) -> None:
        sections = self.sections()
        self.widget.set_sections(sections, self.view.canvas_scene.theme)
        self.widget.setVisible(self.wanted and bool(sections))
        self.place()

    def place(self) -> None:
        """Put the legend in the corner of the view that covers the fewest items
        (bottom-left when there is a tie), collapsing it on small views."""
        view = self.view
        legend = self.widget
        vp = view.viewport().geometry()
        legend.fit_to(vp.size())
        w, h, m = legend.width(), legend.height(), 12
        corners = [
            (vp.left() + m, vp.bottom() - h - m),
            (vp.right() - w - m, vp.bottom() - h - m),
            (vp.left() + m, vp.top() + m),
            (vp.right() - w - m, vp.top() + m),
        ]
        layer = view.canvas_scene.flow_layer

        def covered(x: int, y: int) -> int:
            rect = QRect(x - vp.left(), y - vp.top(), w, h)
            flows = layer.count_in_rect(view.mapToScene(rect).boundingRect())
            return flows + sum(1 for it in view.items(rect) if isinstance(it, EntityItem))

        x, y = min(corners, key=lambda c: (covered(*c), corners.index(c)))
        legend.move(x, y)
