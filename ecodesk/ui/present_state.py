"""UI layer: what the presentation borrows from the main window and gives back exactly.

Presenting moves the window's own canvas and analysis panel into the full-screen
presentation (the audience sees the real canvas and the live analysis widgets, not
pictures) and shows the views' scenarios, colour modes, flow filters and tabs. Before it
starts, :func:`save_window` records all of that — scenario, selection, colour mode, hidden
flow kinds, analysis tab, the panel's header, the canvas's zoom and scroll position, the
docks and the window's full-screen state; :func:`restore_window` puts the canvas
and the panel back where they were and restores every item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QWidget

from ecodesk.model import FlowKind, Scenario
from ecodesk.ui.views_apply import hidden_kinds, set_hidden_kinds


@dataclass
class WindowState:
    """The main window as it was before presenting (see the module docstring)."""

    scenario: Scenario
    selection: list[str]
    color_mode: str
    hidden: tuple[FlowKind, ...]
    tab: str
    header_visible: bool
    tabbar_visible: bool
    zoom: float
    scroll: tuple[int, int]
    auto_fit: bool
    dock_state: QByteArray
    window_state: Qt.WindowState
    focus: QWidget | None
    minimap_wanted: bool = True
    focus_seeds: tuple[str, ...] = ()  # the canvas's focus on selection (empty: none)
    focus_steps: int = 1
    tracked: list[QWidget] = field(default_factory=list)  # widgets given mouse tracking for the pointer


def save_window(window: Any) -> WindowState:
    """Record ``window``'s state (builds the analysis panel if it was not built yet)."""
    panel = window.analysis_panel
    canvas = window.canvas
    doc = window.document
    focus = window.focusWidget()
    return WindowState(
        scenario=doc.scenario, selection=list(doc.selection), color_mode=panel.color_mode,
        hidden=hidden_kinds(canvas), tab=panel.current_tab(), header_visible=not panel.header.isHidden(),
        tabbar_visible=not panel.tabs.tabBar().isHidden(), zoom=canvas.zoom,
        scroll=(canvas.horizontalScrollBar().value(), canvas.verticalScrollBar().value()),
        auto_fit=canvas.zooming.auto_fit, dock_state=window.saveState(), window_state=window.windowState(),
        focus=focus, minimap_wanted=canvas.minimap.wanted,
        focus_seeds=canvas.focus.seeds if canvas.focus.active else (), focus_steps=canvas.focus.steps)


def borrow(window: Any) -> tuple[Any, Any]:
    """Take the canvas and the analysis panel out of ``window`` (the caller lays them out).
    The canvas's minimap and focus on selection are put aside: the audience sees the view
    itself (:func:`restore_window` brings both back)."""
    canvas = window.takeCentralWidget()
    canvas.minimap.set_wanted(False)
    canvas.focus.clear()
    panel = window.analysis_panel
    panel.setParent(None)
    return canvas, panel


def restore_window(window: Any, state: WindowState) -> None:
    """Give the canvas and the panel back to ``window`` and restore everything recorded."""
    canvas, panel = window.canvas, window.analysis_panel
    if window.centralWidget() is not canvas:
        window.setCentralWidget(canvas)
    canvas.show()
    if window.analysis_dock.widget() is not panel:
        window.analysis_dock.setWidget(panel)
    panel.header.setVisible(state.header_visible)
    panel.tabs.tabBar().setVisible(state.tabbar_visible)
    panel.show()
    if window.windowState() != state.window_state:  # (the window's geometry is never changed)
        window.setWindowState(state.window_state)
    window.restoreState(state.dock_state)
    doc = window.document
    if state.scenario in doc.project.scenarios:
        doc.set_scenario(state.scenario)
    panel.set_color_mode(state.color_mode)
    set_hidden_kinds(canvas, state.hidden)
    panel.tabs.setCurrentIndex(panel.tabs.indexOf(panel.ensure_page(state.tab)))
    doc.set_selection([i for i in state.selection if doc.scenario.find(i) is not None])
    restore_canvas(window, state)
    canvas.minimap.set_wanted(state.minimap_wanted)
    if state.focus_seeds:
        canvas.focus.apply(state.focus_seeds, state.focus_steps)
    for w in state.tracked:
        try:
            w.setMouseTracking(False)
        except RuntimeError:  # deleted meanwhile
            pass
    state.tracked.clear()
    if state.focus is not None:
        try:
            state.focus.setFocus()
        except RuntimeError:
            pass


def restore_canvas(window: Any, state: WindowState) -> None:
    """The canvas's zoom and scroll position as recorded (once the window's layout placed it)."""
    layout = window.layout()
    if layout is not None:
        layout.activate()
    canvas = window.canvas
    canvas.settle_fit()
    canvas.set_zoom(state.zoom)
    canvas.horizontalScrollBar().setValue(state.scroll[0])
    canvas.verticalScrollBar().setValue(state.scroll[1])
    canvas.zooming.auto_fit = state.auto_fit
