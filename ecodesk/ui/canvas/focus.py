"""UI layer (canvas): "focus on selection" — the selection and its neighbours, the rest dimmed.

:class:`CanvasFocus` takes the selected entities as its seeds and shows them with every
entity at most ``k`` flows away (either direction; :mod:`ecodesk.diagram.neighbourhood`,
the adjacency built once per model revision). Everything else stays where it is, so the
positions still make sense, but dimmed: entity items drawn at :data:`DIM_OPACITY` and
disabled (a disabled QGraphicsItem is neither hit nor selected), flows with an end outside
the focused set restyled with faded pens in the flow layer (the scene's ``style_filter``
keeps them faded when it restyles them: an edit, a colour mode, a theme). Only the rows
whose state changes are restyled, so applying or leaving costs what changes.

While focus is on, :class:`FocusBar` sits at the top of the canvas: "Focus: 3 entities +
neighbours within [k] steps · Show All". A new selection does not move the focus until it
is applied again; entities created meanwhile join it; Esc or Show All leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QFrame, QGraphicsItem, QHBoxLayout, QLabel, QMenu, QSpinBox, QToolButton, QWidget

from ecodesk.diagram.flowtable import load_numpy
from ecodesk.diagram.neighbourhood import Neighbourhood
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.flow_item import FlowItem

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    import numpy as np

    from ecodesk.ui.canvas.host import CanvasHost

#: Opacity of the entities outside the focus.
DIM_OPACITY = 0.15
#: Share of their own colour the flows outside the focus keep (the rest: the background's) …
DIM_FLOW_MIX = 0.25
#: … and of their opacity (over a hull they take its tint).
DIM_FLOW_ALPHA = 0.4
#: The steps the bar offers (the neighbourhood itself takes any k ≥ 0).
MIN_STEPS, MAX_STEPS = 1, 5


def faded_color(color: QColor, background: QColor, share: float = DIM_FLOW_MIX,
                opacity: float = DIM_FLOW_ALPHA) -> QColor:
    """``color`` mixed into ``background`` (``share`` of it left) and made translucent
    (``opacity`` of its alpha): a pale pen whose thousands of overlapping strokes stay pale
    (translucency alone would add up to the full colour where a hub's fan crosses itself),
    tinted by a hull beneath it."""
    def mix(a: int, b: int) -> int:
        return round(share * a + (1 - share) * b)

    return QColor(mix(color.red(), background.red()), mix(color.green(), background.green()),
                  mix(color.blue(), background.blue()), round(color.alpha() * opacity))


def place_top_centre(bar: QWidget, below: QWidget | None = None) -> None:
    """``bar`` (a shown child of a canvas view) at the top centre of the view's viewport,
    narrowed to it on a small canvas — under ``below`` when that bar is shown too."""
    parent = bar.parentWidget()
    if parent is None or not bar.isVisible():
        return
    vp = parent.viewport().geometry() if hasattr(parent, "viewport") else parent.rect()
    bar.adjustSize()
    w = min(bar.sizeHint().width(), max(120, vp.width() - 16))
    bar.resize(w, bar.sizeHint().height())
    top = below.geometry().bottom() + 6 if below is not None and below.isVisible() else vp.top() + 8
    bar.move(vp.left() + (vp.width() - w) // 2, top)


class FocusBar(QFrame):
    """The bar over the canvas while focus is on (a child of the view)."""

    steps_changed = Signal(int)
    show_all = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("focus_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 3, 6, 3)
        lay.setSpacing(6)
        self.lead = QLabel(self)
        self.steps = QSpinBox(self)
        self.steps.setObjectName("focus_steps")
        self.steps.setRange(MIN_STEPS, MAX_STEPS)
        self.tail = QLabel(self)
        self.show_all_button = QToolButton(self)
        self.show_all_button.setObjectName("focus_show_all")
        self.show_all_button.setAutoRaise(True)
        for w in (self.lead, self.steps, self.tail, self.show_all_button):
            lay.addWidget(w)
        self.steps.valueChanged.connect(self.steps_changed.emit)
        self.show_all_button.clicked.connect(self.show_all.emit)
        self._count = 0
        self.hide()

    def set_state(self, count: int, steps: int) -> None:
        self._count = count
        self.steps.blockSignals(True)
        self.steps.setValue(steps)
        self.steps.blockSignals(False)
        self.retranslate()

    def retranslate(self) -> None:
        if self._count == 1:
            self.lead.setText(self.tr("Focus: 1 entity + neighbours within"))
        else:
            self.lead.setText(self.tr("Focus: {0} entities + neighbours within").format(self._count))
        self.tail.setText(self.tr("steps ·"))
        self.show_all_button.setText(self.tr("Show All"))
        self.show_all_button.setToolTip(self.tr("Leave the focus and show every entity (Esc)"))
        self.steps.setToolTip(self.tr("How many flows away from the focused entities an entity may be"))
        self.adjustSize()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def place(self) -> None:
        """Top centre of the view's viewport (narrowed to it on a small canvas)."""
        place_top_centre(self)

    #: What the bar's event filter passes on (the focus's: the view's keys, the viewport's frames).
    watcher: Callable[[QObject, QEvent], bool] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.place()
        return self.watcher(watched, event) if self.watcher is not None else False


class CanvasFocus:
    """The focus of one canvas view (see the module docstring). It follows the view by
    itself: its bar filters the view's keys (Esc) and the viewport's frames (a frame after
    an edit or another scenario finds the model's revision changed)."""

    def __init__(self, view: CanvasHost, bar_parent: QWidget) -> None:
        self.view = view
        self.bar = FocusBar(bar_parent)
        self.bar.watcher = self._watch
        view.viewport().installEventFilter(self.bar)
        bar_parent.installEventFilter(self.bar)
        self.bar.steps_changed.connect(self.set_steps)
        self.bar.show_all.connect(self.clear)
        self.active = False
        self.steps = 1
        self.seeds: tuple[str, ...] = ()
        #: The entities in focus (seeds and their neighbours).
        self.members: frozenset[str] = frozenset()
        self._dimmed_flows: set[str] = set()
        self._known: set[str] = set()  # entities when the focus was last worked out
        self._model: tuple[int, int] = (0, -1)  # (scenario id, revision) the focus was worked out for
        self._probe: tuple[str, QGraphicsItem | None] = ("", None)  # a seed's item then
        self._graph: tuple[int, int, Neighbourhood] | None = None  # (scenario id, revision, adjacency)
        self._dim_styles: dict[tuple[int, str], int] = {}  # (a flow style, background) -> its faded twin
        self._undim_styles: dict[int, int] = {}
        self._timer = QTimer(self.bar)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self._follow_model)
        view.canvas_scene.flow_layer.style_filter = self._filter_styles
        view.canvas_scene.flow_layer.hit_filter = lambda fid: fid not in self._dimmed_flows  # (no hover either)
        view.context_menu_hooks.append(self._menu_hook)

    # what the window and the view call --------------------------------------------------
    def apply(self, ids: Iterable[str] | None = None, steps: int | None = None) -> bool:
        """Focus on these entities (None: the selected ones) and their neighbours within
        ``steps`` flows (None: the steps chosen last). False when there is nothing to focus on."""
        view = self.view
        sc = view.canvas_scene
        seeds = [i for i in (view.selected_entity_ids() if ids is None else ids) if i in sc.entity_items]
        if not seeds:
            view.status_message.emit(QCoreApplication.translate("CanvasFocus", "Select entities to focus on"))
            return False
        if steps is not None:
            self.steps = max(0, int(steps))
        self.seeds = tuple(dict.fromkeys(seeds))
        self.active = True
        self._refresh()
        self.bar.show()
        self.bar.raise_()
        self.bar.place()
        return True

    def set_steps(self, steps: int) -> None:
        """Another number of steps (the bar's box); while focus is on, at once."""
        self.steps = max(0, int(steps))
        if self.active:
            self._refresh()

    def clear(self) -> None:
        """Leave the focus: every entity and flow as before."""
        self._timer.stop()
        if not self.active:
            return
        self.active = False
        self.seeds = ()
        self.members = frozenset()
        self._known = set()
        for item in self.view.canvas_scene.entity_items.values():
            self._set_dimmed(item, False)
        restore, self._dimmed_flows = self._dimmed_flows, set()
        self._restyle(restore)
        self.bar.hide()
        self._changed()

    def is_dimmed(self, entity_id: str) -> bool:
        return self.active and entity_id not in self.members

    def flow_dimmed(self, flow_id: str) -> bool:
        return self.active and flow_id in self._dimmed_flows

    def shown_flow(self, item: FlowItem | None) -> FlowItem | None:
        """``item``, unless the focus dims its flow (then None: it is not hit)."""
        return None if item is None or self.flow_dimmed(item.flow_id) else item

    def selectable(self, items: Iterable[QGraphicsItem]) -> list[QGraphicsItem]:
        """``items`` without those outside the focus."""
        if not self.active:
            return list(items)
        return [it for it in items if not (
            (isinstance(it, EntityItem) and it.entity_id not in self.members)
            or (isinstance(it, FlowItem) and it.flow_id in self._dimmed_flows)
        )]

    def all_items(self) -> list[QGraphicsItem]:
        """What Select All selects while focused: the focused entities and shown flows."""
        sc = self.view.canvas_scene
        flows = sc.flow_items_for([i for i, f in sc.flows.items()
                                   if f.kind not in sc.hidden_flow_kinds and i not in self._dimmed_flows])
        return [*(it for eid, it in sc.entity_items.items() if eid in self.members), *flows]

    def model_changed(self) -> None:
        """The scenario changed (or another is shown): the focus follows once the burst of
        changes is over."""
        if self.active:
            self._timer.start()

    def _watch(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and self.active and (self._model != self._revision() or self._rebuilt()):
            self.model_changed()
        elif (kind == QEvent.Type.KeyPress and self.active and isinstance(event, QKeyEvent)
              and event.key() == Qt.Key.Key_Escape and watched is not self.view.viewport()):
            tool = self.view.current_tool
            if tool.name == "select" and not tool.busy:
                self.clear()  # Esc leaves the focus first (a gesture or another tool takes it before)
                return True
        return False

    def _rebuilt(self) -> bool:
        """Whether the scene made its items anew (a bulk load, the document shown again)."""
        eid, item = self._probe
        return self.view.canvas_scene.entity_items.get(eid) is not item

    def _revision(self) -> tuple[int, int]:
        s = self.view.scenario
        return (id(s), s.revision) if s is not None else (0, -1)

    def _changed(self) -> None:
        self.view.zoomed_labels.model_changed()  # the names of a zoomed-out canvas: the focused only
        self.view.viewport().update()

    # working it out --------------------------------------------------------------------
    def neighbourhood(self) -> Neighbourhood | None:
        """The adjacency of the shown scenario, built once per revision."""
        s = self.view.scenario
        if s is None:
            return None
        if self._graph is None or self._graph[:2] != (id(s), s.revision):
            self._graph = (id(s), s.revision, Neighbourhood.of_scenario(s))
        return self._graph[2]

    def _follow_model(self) -> None:
        if not self.active:
            return
        if self._revision()[0] != self._model[0]:  # another scenario (or document): the focus ends
            self.clear()
            return
        items = self.view.canvas_scene.entity_items
        new = [i for i in items if i not in self._known]  # made while focused: they join it
        self.seeds = tuple(i for i in (*self.seeds, *new) if i in items)
        if not self.seeds:
            self.clear()
            return
        self._refresh()

    def _refresh(self) -> None:
        sc = self.view.canvas_scene
        graph = self.neighbourhood()
        members = frozenset(graph.within(self.seeds, self.steps)) if graph is not None else frozenset()
        self.members = members
        self._known = set(sc.entity_items)
        self._model = self._revision()
        self._probe = (self.seeds[0], sc.entity_items.get(self.seeds[0]))
        for eid, item in sc.entity_items.items():
            self._set_dimmed(item, eid not in members)
        dimmed = {fid for fid, f in sc.flows.items() if f.source not in members or f.target not in members}
        changed = dimmed.symmetric_difference(self._dimmed_flows)
        self._dimmed_flows = dimmed
        self._restyle(changed)
        # what is selected outside the focus is let go (it could not be reached any more)
        selected = self.view.selected_items()
        keep = self.selectable(selected)
        if len(keep) != len(selected):
            self.view.select_items(keep)
        self.bar.set_state(len(self.seeds), max(MIN_STEPS, self.steps))
        self.bar.place()
        self._changed()

    @staticmethod
    def _set_dimmed(item: EntityItem, dim: bool) -> None:
        if item.isEnabled() == dim:
            item.setOpacity(DIM_OPACITY if dim else 1.0)
            item.setEnabled(not dim)

    # the flows' pens -------------------------------------------------------------------
    def _faded(self, style: int) -> int:
        sc = self.view.canvas_scene
        key = (style, sc.theme.background)
        dim = self._dim_styles.get(key)
        if dim is None:
            painter = sc.flow_layer.painter
            color, width, dash = painter.pen_of(style)
            faded = faded_color(color, QColor(sc.theme.background))
            dim = self._dim_styles[key] = painter.style_index(faded, width, dash)
            self._undim_styles[dim] = style
            painter.beneath.add(dim)  # under the focused flows (opaque: they would hide them)
        return dim

    def _filter_styles(self, rows: np.ndarray, styles: np.ndarray) -> np.ndarray:
        """The flow layer's style filter: the flows outside the focus get (and keep,
        whoever restyles them) the faded twins of their pens, the others their own."""
        if not self._dimmed_flows and not self._undim_styles:
            return styles
        np = load_numpy()
        table, dimmed = self.view.canvas_scene.flow_layer.table, self._dimmed_flows
        if dimmed:
            dim = np.fromiter((table.id_of(r) in dimmed for r in rows.tolist()), bool, len(rows))
        else:
            dim = np.zeros(len(rows), bool)
        out = np.array(styles, copy=True)
        for st in np.unique(out).tolist():
            own = self._undim_styles.get(st, st)
            at = out == st
            out[at & dim] = self._faded(own)
            out[at & ~dim] = own
        return out

    def _restyle(self, ids: set[str]) -> None:
        """Restyle these flows (the filter gives each its pen: faded or its own)."""
        sc = self.view.canvas_scene
        present = [fid for fid in ids if fid in sc.flows]
        if not present:
            return
        sc.flush_pending()  # every flow of the scene has its row
        layer = sc.flow_layer
        rows = layer.rows_for(present)
        layer.set_styles(rows, layer.table.style[rows].copy(), layer.table.width[rows].copy())  # marks the cache

    # the context menu -------------------------------------------------------------------
    def _menu_hook(self, menu: QMenu, item: Any) -> None:
        menu.addSeparator()
        if self.active:
            menu.addAction(QCoreApplication.translate("CanvasFocus", "Show All"), self.clear)
        act = menu.addAction(QCoreApplication.translate("CanvasFocus", "Focus on Selection"), lambda: self.apply())
        act.setEnabled(bool(self.view.selected_entity_ids()))
