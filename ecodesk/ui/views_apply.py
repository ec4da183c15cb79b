"""UI layer: saved views (SPEC §2 View) captured from and applied to the window — and, for
pictures and slides, to a scene of their own.

:func:`capture_view` records what the planner looks at: the shown scenario, the canvas's
visible scene rectangle, the colour mode, the flow kinds hidden and the analysis tab shown
beside the canvas (None when the analysis panel is not in view). :func:`go_to_view` puts
all of that back (the rectangle fitted into the viewport). :func:`view_scene` and
:func:`render_view` draw a view offscreen without touching the window (the slides PDF).
The window is reached through duck-typed attributes (``document``, ``canvas``,
``controller``, ``panes``, ``analysis_panel``) so this module imports no window class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QTimer
from PySide6.QtGui import QColor, QPainter

import ecodesk.ui.panels.colormodes as colormodes
from ecodesk.model import FlowKind, Project, Scenario
from ecodesk.model.views import View
from ecodesk.ui.canvas.export import ExportFrame, ImageExporter
from ecodesk.ui.canvas.scene import CanvasScene
from ecodesk.ui.canvas.style import THEMES
from ecodesk.ui.i18n import current_language
from ecodesk.ui.theme import current_theme

if TYPE_CHECKING:
    from ecodesk.analysis.run import AnalysisResult

#: Colour modes drawn from an analysis result (the others need none).
RESULT_MODES = ("criticality", "shapley")


def scenario_of(project: Project, view: View) -> Scenario | None:
    """The view's scenario, or None when it was deleted (the view is kept, marked)."""
    return next((s for s in project.scenarios if s.name == view.scenario), None)


def orphan_text(view: View) -> str:
    """The sentence shown for a view whose scenario no longer exists."""
    return QCoreApplication.translate("ViewsPanel", "The scenario “{0}” of view “{1}” was deleted").format(
        view.scenario, view.title or view.id)


# the canvas ------------------------------------------------------------------------------
def visible_rect(canvas: Any) -> tuple[float, float, float, float]:
    """The scene rectangle the canvas shows now (x, y, width, height)."""
    r = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    return (round(r.x(), 2), round(r.y(), 2), round(max(r.width(), 1.0), 2), round(max(r.height(), 1.0), 2))


def fit_rect(canvas: Any, rect: tuple[float, float, float, float]) -> None:
    """Zoom the canvas so ``rect`` (scene units) just fits its viewport, centred; a later
    resize keeps that zoom and centre."""
    x, y, w, h = rect
    vp = canvas.viewport().rect()
    canvas.settle_fit()
    if vp.width() > 0 and vp.height() > 0:
        canvas.set_zoom(min(vp.width() / w, vp.height() / h))
    canvas.centerOn(QPointF(x + w / 2, y + h / 2))


def hidden_kinds(canvas: Any) -> tuple[FlowKind, ...]:
    """The flow kinds the canvas hides, in the order of :class:`FlowKind`."""
    hidden = canvas.canvas_scene.hidden_flow_kinds
    return tuple(k for k in FlowKind if k in hidden)


def set_hidden_kinds(canvas: Any, kinds: Any) -> None:
    """Hide exactly ``kinds`` (the View ▸ Show Flows menu and the legend follow)."""
    hide = {FlowKind(k) for k in kinds}
    for k in FlowKind:
        if canvas.is_flow_kind_visible(k) == (k in hide):
            canvas.set_flow_kind_visible(k, k not in hide)


# the window ------------------------------------------------------------------------------
def shown_tab(window: Any) -> str | None:
    """The analysis tab in view beside the canvas, or None (panel not built, hidden or
    behind another dock)."""
    parts = window.panes.analysis_built
    if parts is None or not parts.panel.isVisible():
        return None
    return str(parts.panel.current_tab())


def color_mode(window: Any) -> str:
    parts = window.panes.analysis_built
    return str(parts.panel.color_mode) if parts is not None else "kind"


def capture_view(window: Any, view_id: str, title: str = "", text: str = "") -> View:
    """What ``window`` shows now as a view with id ``view_id``."""
    return View(view_id, title, window.document.scenario.name, visible_rect(window.canvas), color_mode(window),
                hidden_kinds(window.canvas), shown_tab(window), text)


def apply_look(window: Any, view: View) -> None:
    """The view's colour mode and hidden flow kinds on the window's canvas; an analysis is
    started (in the background) when the colours need one and there is none yet."""
    panel = window.analysis_panel
    panel.set_color_mode(view.color_mode)
    set_hidden_kinds(window.canvas, view.hidden_kinds)
    if view.color_mode in RESULT_MODES and panel.channel.result is None and not panel.channel.running:
        panel.run_now()


def go_to_view(window: Any, view: View) -> str | None:
    """Show ``view`` in ``window``: its scenario, colour mode, hidden flow kinds, analysis
    tab (None: the panel as it is) and rectangle. Returns the sentence to show instead when
    the view's scenario was deleted (nothing is changed then), else None."""
    scenario = scenario_of(window.document.project, view)
    if scenario is None:
        return orphan_text(view)
    window.controller.scenarios.switch(scenario)
    apply_look(window, view)
    if view.panel is not None:
        window.panes.show_analysis().show_tab(view.panel)
    canvas = window.canvas
    fit_rect(canvas, view.rect)
    # the docks settle on the next turn of the event loop: fit again into the final viewport
    QTimer.singleShot(0, canvas, lambda: fit_rect(canvas, view.rect))
    return None


# offscreen (pictures, slides) ----------------------------------------------------------------
def view_scene(project: Project, view: View, result: AnalysisResult | None = None, marks: bool = False,
               theme: str | None = None, language: str | None = None) -> CanvasScene | None:
    """A new scene drawing ``view`` as it would show on the canvas — its scenario, colour mode
    (from ``result``; colours by kind when a mode needs a result and there is none), hidden
    flow kinds and, with ``marks``, the analysis marks — or None when the view's scenario
    was deleted. The scene follows the model until ``scene.detach()``; the caller deletes it."""
    scenario = scenario_of(project, view)
    if scenario is None:
        return None
    scene = CanvasScene()
    scene.currency = project.currency
    scene.language = language or current_language()
    scene.set_theme(THEMES[theme or current_theme()])
    scene.set_scenario(scenario)
    for kind in view.hidden_kinds:
        scene.set_flow_kind_visible(kind, False)
    colours, _legend = colormodes.colours_for(view.color_mode, scenario, result)
    scene.set_color_overrides(colours)
    if marks and result is not None:
        scene.set_markers(colormodes.markers_for(scenario, result)[0])
    scene.flush_pending()
    return scene


def view_legend(project: Project, view: View, result: AnalysisResult | None = None) -> list[tuple[str, QColor]]:
    """The colour legend rows of the view's colour mode ([] for colours by kind)."""
    scenario = scenario_of(project, view)
    if scenario is None:
        return []
    return colormodes.colours_for(view.color_mode, scenario, result)[1] or []


def render_view(painter: QPainter, target: QRectF, scene: CanvasScene, view: View, background: bool = True) -> None:
    """Paint the view's rectangle of ``scene`` into ``target`` (painter units), keeping its
    aspect ratio (centred), without selection marks; the theme's background behind it."""
    if background:
        painter.fillRect(target, QColor(scene.theme.background))
    x, y, w, h = view.rect
    scale = min(target.width() / w, target.height() / h)
    size = QRectF(0, 0, w * scale, h * scale)
    size.moveCenter(target.center())
    frame = ExportFrame(QRectF(x, y, w, h), size, size.size(), None)
    painter.save()
    painter.setClipRect(target)
    ImageExporter(scene).paint(painter, frame, background=False)
    painter.restore()
