"""UI layer (canvas): the legend over the canvas — what it lists and where it sits.

:class:`CanvasLegend` builds the legend's sections from the scenario shown (entity kinds,
or the colour mode's entries; the analysis marks; the flow kinds, hidden ones greyed),
keeps the :class:`~ecodesk.ui.canvas.legend.LegendWidget` where it covers no entity (a free
corner, staying put while that stays free), and refreshes it shortly after the model changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer

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
        #: Where the legend sits ('bottom-left' …; '' before its first placement).
        self.spot = ""
        self._timer = QTimer(widget)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.refresh)
        self._place_timer = QTimer(widget)
        self._place_timer.setSingleShot(True)
        self._place_timer.setInterval(120)
        self._place_timer.timeout.connect(lambda: self.place(may_move=True))  # the view moved: so may it

    def refresh_soon(self) -> None:
        """Refresh once the current burst of model changes is over."""
        if not self._timer.isActive():
            self._timer.start()

    def place_soon(self) -> None:
        """Place the legend again once the view stops moving (a zoom, a scroll)."""
        self._place_timer.start()

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

    def place(self, *, may_move: bool = False) -> None:
        """Put the legend where it covers no entity (nor its label): where it is, if that
        is still free — it does not jump after an edit — else the first free corner
        (bottom-left, bottom-right, top-left, top-right), then the middle of an edge,
        fewest flows first. When no place is free for the open legend it shows collapsed
        there; the user's choice returns when room returns at that place — or anywhere with
        ``may_move``, when the view itself moved (zoom, scroll, resize) or the user opened it,
        but not after an edit; when even that finds no room, the place covering the fewest
        entities."""
        view = self.view
        legend = self.widget
        vp = view.viewport().geometry()
        legend.fit_to(vp.size())
        wanted = legend.wanted_collapsed()
        found = self._free_spot(vp, legend.size_for(wanted))
        if found is not None and found[2] != self.spot and not wanted and legend.collapsed and not may_move:
            closed = legend.size_for(True)
            here = next((s for s in self._spots(vp, closed.width(), closed.height()) if s[2] == self.spot), None)
            if here is not None and not self._entities_under(vp, here[0], here[1], closed.width(), closed.height()):
                legend.move(here[0], here[1])  # opening elsewhere would jump: it stays closed where it is
                return
        if found is None and not wanted:
            found = self._free_spot(vp, legend.size_for(True))
            legend.show_collapsed(True)
        else:
            legend.show_collapsed(wanted)
        if found is None:
            found = min(self._spots(vp, legend.width(), legend.height()),
                        key=lambda c: self._entities_under(vp, c[0], c[1], legend.width(), legend.height()))
        self.spot = found[2]
        legend.move(found[0], found[1])

    def user_toggled(self, collapsed: bool) -> None:
        """The user opened or closed the legend. Opened where no place is free for it: the
        diagram moves aside (a scroll) when the view has the room, so it opens covering
        nothing; otherwise it stays closed until room returns."""
        vp = self.view.viewport().geometry()
        if not collapsed and self._free_spot(vp, self.widget.size_for(False)) is None:
            self._make_room(vp, self.widget.size_for(False))
        self.place(may_move=True)

    def _make_room(self, vp: QRect, size: QSize) -> None:
        view, m = self.view, 12
        port = QRect(0, 0, vp.width(), vp.height())
        content = QRect()
        for it in view.canvas_scene.entity_items.values():
            content = content.united(view.mapFromScene(it.sceneBoundingRect()).boundingRect())
        if content.isNull():
            return
        shifts = []
        for x, y, name in self._spots(vp, size.width(), size.height())[:4]:
            legend = QRect(x - vp.left(), y - vp.top(), size.width(), size.height())
            dx = legend.right() + m - content.left() if name.endswith("left") else legend.left() - m - content.right()
            dy = legend.bottom() + m - content.top() if name.startswith("top") else legend.top() - m - content.bottom()
            for shift in ((dx, 0), (0, dy)):
                if port.adjusted(m, m, -m, -m).contains(content.translated(*shift)):
                    shifts.append(shift)
        if shifts:
            dx, dy = min(shifts, key=lambda s: abs(s[0]) + abs(s[1]))
            view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() - dx)
            view.verticalScrollBar().setValue(view.verticalScrollBar().value() - dy)

    def _spots(self, vp: QRect, w: int, h: int) -> list[tuple[int, int, str]]:
        m = 12
        left, right, top, bottom = vp.left() + m, vp.right() - w - m, vp.top() + m, vp.bottom() - h - m
        mid_x, mid_y = vp.center().x() - w // 2, vp.center().y() - h // 2
        return [(left, bottom, "bottom-left"), (right, bottom, "bottom-right"), (left, top, "top-left"),
                (right, top, "top-right"), (mid_x, bottom, "bottom"), (mid_x, top, "top"),
                (left, mid_y, "left"), (right, mid_y, "right")]

    def _entities_under(self, vp: QRect, x: int, y: int, w: int, h: int) -> int:
        rect = QRect(x - vp.left(), y - vp.top(), w, h)
        mode = Qt.ItemSelectionMode.IntersectsItemBoundingRect  # the shape and the label's room
        return sum(1 for it in self.view.items(rect, mode) if isinstance(it, EntityItem))

    def _free_spot(self, vp: QRect, size: QSize) -> tuple[int, int, str] | None:
        """The legend's place of that size covering no entity (see :meth:`place`), or None."""
        w, h = size.width(), size.height()
        spots = [s for s in self._spots(vp, w, h) if s[0] >= vp.left() and s[1] >= vp.top()]
        # where it is, if still free: then the other spots need no look (each look scans every
        # item where the scene keeps no index — the overview of a big model)
        here = next((s for s in spots if s[2] == self.spot), None)
        if here is not None and not self._entities_under(vp, here[0], here[1], w, h):
            return here
        free = [s for s in spots if s is not here and not self._entities_under(vp, s[0], s[1], w, h)]
        if not free:
            return None
        view, layer = self.view, self.view.canvas_scene.flow_layer

        def flows(s: tuple[int, int, str]) -> int:
            rect = QRect(s[0] - vp.left(), s[1] - vp.top(), w, h)
            return layer.count_in_rect(view.mapToScene(rect).boundingRect())

        return min(free, key=lambda s: (flows(s), spots.index(s)))
