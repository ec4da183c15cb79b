"""UI layer: the declarations of the action registry — every action of the main window once,
with its text, tip, shortcut, icon, slot, menu, toolbar place and enablement rule, and the
menus in menu-bar order. :class:`ecodesk.ui.actions.Actions` builds everything from them.

Declarations are NamedTuples (cheap to build at start-up). A slot is called with the window; it reaches the document controller as ``w.controller``,
the canvas as ``w.canvas`` and the analysis panel as ``w.analysis_panel`` (built on first
use). Texts are marked with ``QT_TRANSLATE_NOOP`` in the context they are translated in.
"""


from collections.abc import Callable
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from ecodesk.model import EntityKind, FlowKind
from ecodesk.ui.i18n import QT_TRANSLATE_NOOP, enum_label
from ecodesk.ui.slides_action import export_slides_dialog
from ecodesk.ui.windowparts import show_about, show_log_folder, show_shortcuts

SK = QKeySequence.StandardKey
#: Toolbar positions in the same group of ten sit together; a separator between groups.
TOOLBAR_GROUP = 10


class ActionState(NamedTuple):
    """What the enablement rules look at."""

    objects: int = 0  # selected objects of the shown scenario
    entities: int = 0  # selected entities among them
    scenarios: int = 1  # scenarios of the project
    analysis_running: bool = False


class ActionSpec(NamedTuple):
    """One action. ``menu``: menu paths ("edit/arrange"); a path starting with "-" puts a
    separator before the action in that menu. ``slot(window)`` runs on trigger,
    ``toggled(window, on)`` on a change of a checkable action."""

    name: str
    text: str
    tip: str
    shortcut: SK | str | None = None
    icon: str | None = None
    checkable: bool = False
    checked: bool = False
    slot: Callable[[Any], object] | None = None
    toggled: Callable[[Any, bool], object] | None = None
    menu: tuple[str, ...] = ()
    toolbar: int | None = None
    enabled: Callable[[ActionState], bool] | None = None
    group: str | None = None
    context: str = "Actions"


class MenuSpec(NamedTuple):
    """A menu (``path`` "view/flows" is a submenu of "view") with its title (context
    ``MainWindow``) and objectName; ``separator``: a separator before it in its parent."""

    path: str
    title: str
    object_name: str = ""
    separator: bool = False
    context: str = "MainWindow"


class HookSpec(NamedTuple):
    """A place in a menu the window fills itself (dock toggles …); ``name`` keys its hooks."""

    path: str
    name: str
    separator: bool = False


class FamilySpec(NamedTuple):
    """One action per value (objectName ``{prefix}{value}``), kept in the dict attribute
    ``attr`` of the registry and listed in the menu ``menu``."""

    attr: str
    prefix: str
    values: tuple[str, ...]
    label: Callable[[str], str]
    tip: str = ""
    menu: str = ""
    checkable: bool = False
    checked: Callable[[str], bool] = lambda value: False
    slot: Callable[[Any, str], object] | None = None
    toggled: Callable[[Any, str, bool], object] | None = None
    group: bool = False
    context: str = "Actions"


def _optimize(w: Any) -> object:
    """Plan → Optimise design… (the dialog's module is loaded on first use)."""
    from ecodesk.ui.dialogs.optimize import show_optimize_dialog

    return show_optimize_dialog(w)


def _merge_ui(w: Any, what: str) -> object:
    """File → Merge Projects…, Compare with File…, Scenario → Show Changes from Scenario… (loaded on first use)."""
    from ecodesk.ui.dialogs import merge, merge_compare

    if what == "merge":
        return merge.show_merge_dialog(w)
    return merge_compare.compare_with_file(w) if what == "file" else merge_compare.compare_with_scenario(w)


def _minimap(w: Any, on: bool) -> None:
    """View → Minimap: onto the canvas and into the settings."""
    w.settings.show_minimap = on
    w.canvas.minimap.set_wanted(on)


def _present(w: Any) -> object:
    """View → Present (the presentation's module is loaded on first use)."""
    from ecodesk.ui.present import present

    return present(w)


def _entities(n: int) -> Callable[[ActionState], bool]:
    return lambda s: s.entities >= n


def A(name: str, text: str, tip: str, **kw: Any) -> ActionSpec:
    """An :class:`ActionSpec`; ``menu`` may be one path or several."""
    menu = kw.pop("menu", ())
    return ActionSpec(name, text, tip, menu=(menu,) if isinstance(menu, str) else tuple(menu), **kw)


#: The menu bar, left to right.
MENUS = (
    MenuSpec("file", QT_TRANSLATE_NOOP("MainWindow", "&File"), "file_menu"),
    MenuSpec("edit", QT_TRANSLATE_NOOP("MainWindow", "&Edit"), "edit_menu"),
    MenuSpec("view", QT_TRANSLATE_NOOP("MainWindow", "&View"), "view_menu"),
    MenuSpec("insert", QT_TRANSLATE_NOOP("MainWindow", "&Insert"), "insert_menu"),
    MenuSpec("analyze", QT_TRANSLATE_NOOP("MainWindow", "&Analyze"), "analyze_menu"),
    MenuSpec("plan", QT_TRANSLATE_NOOP("MainWindow", "&Plan"), "plan_menu"),
    MenuSpec("scenario", QT_TRANSLATE_NOOP("MainWindow", "&Scenario"), "scenario_menu"),
    MenuSpec("help", QT_TRANSLATE_NOOP("MainWindow", "&Help"), "help_menu"),
)

_ALIGN = (
    ("left", QT_TRANSLATE_NOOP("Actions", "Align &Left"),
     QT_TRANSLATE_NOOP("Actions", "Align the selected entities on their left edges"), ""),
    ("hcenter", QT_TRANSLATE_NOOP("Actions", "Align Centres &Horizontally"),
     QT_TRANSLATE_NOOP("Actions", "Align the selected entities on a vertical line"), ""),
    ("right", QT_TRANSLATE_NOOP("Actions", "Align &Right"),
     QT_TRANSLATE_NOOP("Actions", "Align the selected entities on their right edges"), ""),
    ("top", QT_TRANSLATE_NOOP("Actions", "Align &Top"),
     QT_TRANSLATE_NOOP("Actions", "Align the selected entities on their top edges"), "-"),
    ("vcenter", QT_TRANSLATE_NOOP("Actions", "Align Centres &Vertically"),
     QT_TRANSLATE_NOOP("Actions", "Align the selected entities on a horizontal line"), ""),
    ("bottom", QT_TRANSLATE_NOOP("Actions", "Align &Bottom"),
     QT_TRANSLATE_NOOP("Actions", "Align the selected entities on their bottom edges"), ""),
)

_INSERT = (
    ("entity", QT_TRANSLATE_NOOP("Actions", "New &Entity"),
     QT_TRANSLATE_NOOP("Actions", "Add an entity at a free spot and edit it in the inspector"), "Ctrl+E"),
    ("flow", QT_TRANSLATE_NOOP("Actions", "New &Flow"),
     QT_TRANSLATE_NOOP("Actions", "Add a flow between the two selected entities (or the first two)"), "Ctrl+L"),
    ("ecosystem", QT_TRANSLATE_NOOP("Actions", "New Eco&system"),
     QT_TRANSLATE_NOOP("Actions", "Add an ecosystem (a named group of entities)"), None),
    ("capability", QT_TRANSLATE_NOOP("Actions", "New &Capability"),
     QT_TRANSLATE_NOOP("Actions", "Add a capability owned by the selected entity"), None),
    ("need", QT_TRANSLATE_NOOP("Actions", "New Nee&d"),
     QT_TRANSLATE_NOOP("Actions", "Add a need of the selected entity"), None),
    ("pool", QT_TRANSLATE_NOOP("Actions", "New &Pool"),
     QT_TRANSLATE_NOOP("Actions", "Add a sharing arrangement of the selected entities"), None),
)

ITEMS: tuple[ActionSpec | MenuSpec | HookSpec, ...] = (
    # File ------------------------------------------------------------------------------------
    A("file_new", QT_TRANSLATE_NOOP("Actions", "&New"), QT_TRANSLATE_NOOP("Actions", "Start a new, blank project"),
      shortcut=SK.New, icon="new", menu="file", toolbar=0, slot=lambda w: w.controller.new_blank()),
    A("file_new_template", QT_TRANSLATE_NOOP("Actions", "New from &Template…"),
      QT_TRANSLATE_NOOP("Actions", "Start a new project from a template"), shortcut="Ctrl+Shift+N", menu="file",
      slot=lambda w: w.controller.new_from_template()),
    A("file_open", QT_TRANSLATE_NOOP("Actions", "&Open…"),
      QT_TRANSLATE_NOOP("Actions", "Open a project file (.ecodesk) or import interchange JSON"), shortcut=SK.Open,
      icon="open", menu="file", toolbar=1, slot=lambda w: w.controller.open_dialog()),
    MenuSpec("file/recent", QT_TRANSLATE_NOOP("MainWindow", "Open &Recent"), "recent_menu"),
    A("file_save", QT_TRANSLATE_NOOP("Actions", "&Save"),
      QT_TRANSLATE_NOOP("Actions", "Save the project (only what changed is written)"), shortcut=SK.Save,
      icon="save", menu="-file", toolbar=2, slot=lambda w: w.controller.save()),
    A("file_save_as", QT_TRANSLATE_NOOP("Actions", "Save &As…"),
      QT_TRANSLATE_NOOP("Actions", "Save the project under a new name"), shortcut="Ctrl+Shift+S", menu="file",
      slot=lambda w: w.controller.save_as()),
    A("file_import", QT_TRANSLATE_NOOP("TransferOps", "&Import…"),
      QT_TRANSLATE_NOOP("TransferOps", "Open JSON, CSV, GraphML, GEXF, Kumu or GML data as a new project"),
      shortcut="Ctrl+I", menu="-file", context="TransferOps", slot=lambda w: w.controller.transfer.import_dialog()),
    A("file_import_csv", QT_TRANSLATE_NOOP("TransferOps", "Import CSV &Folder…"),
      QT_TRANSLATE_NOOP("TransferOps", "Open a folder of CSV tables as a new project"), menu="file",
      context="TransferOps", slot=lambda w: w.controller.transfer.import_csv_folder_dialog()),
    A("file_import_tables", QT_TRANSLATE_NOOP("TransferOps", "Import Node and Edge Ta&bles…"),
      QT_TRANSLATE_NOOP("TransferOps", "Open node and edge tables of another tool (CSV or Excel) as a new project, "
                                       "choosing the role of each column"), menu="file",
      context="TransferOps", slot=lambda w: w.controller.transfer.import_tables_dialog()),
    A("file_export", QT_TRANSLATE_NOOP("TransferOps", "&Export…"),
      QT_TRANSLATE_NOOP("TransferOps", "Save the project as JSON, CSV, GraphML, GEXF or Kumu, or the canvas as a "
                                          "picture"),
      shortcut="Ctrl+Shift+E", menu="-file", context="TransferOps", slot=lambda w: w.controller.transfer.export_dialog()),
    A("file_export_image", QT_TRANSLATE_NOOP("TransferOps", "Export &Picture…"),
      QT_TRANSLATE_NOOP("TransferOps", "Save the canvas (or the selection) as PNG, SVG or PDF"), menu="file",
      context="TransferOps", slot=lambda w: w.controller.transfer.export_dialog(("png", "svg", "pdf"))),
    A("file_export_report", QT_TRANSLATE_NOOP("TransferOps", "Export &Report…"),
      QT_TRANSLATE_NOOP("TransferOps", "Analyse the shown scenario and save an HTML report with tables and charts"),
      menu="file", context="TransferOps", slot=lambda w: w.controller.transfer.export_report_dialog()),
    A("file_export_slides", QT_TRANSLATE_NOOP("TransferOps", "Export &Slides…"),
      QT_TRANSLATE_NOOP("TransferOps", "Save the saved views as a PDF slide deck: one page per view with its canvas, "
                                       "analysis card and notes"),
      menu="file", context="TransferOps", slot=export_slides_dialog),
    A("file_merge", QT_TRANSLATE_NOOP("Actions", "&Merge Projects…"),
      QT_TRANSLATE_NOOP("Actions", "Merge the projects of other groups into this one: conflicts listed with a choice "
                                   "each, one undo step"), menu="-file", slot=lambda w: _merge_ui(w, "merge")),
    A("file_compare", QT_TRANSLATE_NOOP("Actions", "Compare &with File…"),
      QT_TRANSLATE_NOOP("Actions", "Show on the canvas what the shown scenario adds, removes and changes compared with "
                                   "the same scenario in a file"), menu="file", slot=lambda w: _merge_ui(w, "file")),
    A("file_close", QT_TRANSLATE_NOOP("Actions", "&Close"),
      QT_TRANSLATE_NOOP("Actions", "Close the project (asks to save changes)"), shortcut=SK.Close, menu="-file",
      slot=lambda w: w.controller.close_project()),
    A("file_quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), QT_TRANSLATE_NOOP("Actions", "Quit ecodesk (asks to save changes)"),
      shortcut="Ctrl+Q", menu="file", slot=lambda w: w.close()),
    A("file_clear_recent", QT_TRANSLATE_NOOP("Actions", "Clear Recent Files"),
      QT_TRANSLATE_NOOP("Actions", "Empty the list of recent files"), slot=lambda w: w.controller.clear_recent()),
    # Edit ------------------------------------------------------------------------------------
    A("edit_undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), QT_TRANSLATE_NOOP("Actions", "Undo the last edit"),
      shortcut=SK.Undo, icon="undo", menu="edit", toolbar=10, slot=lambda w: w.controller.undo()),
    A("edit_redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), QT_TRANSLATE_NOOP("Actions", "Redo the edit just undone"),
      shortcut=SK.Redo, icon="redo", menu="edit", toolbar=11, slot=lambda w: w.controller.redo()),
    A("edit_cut", QT_TRANSLATE_NOOP("Actions", "Cu&t"), QT_TRANSLATE_NOOP("Actions", "Cut the selected entities to the clipboard"),
      shortcut=SK.Cut, menu="-edit", enabled=_entities(1), slot=lambda w: w.canvas.cut_selection()),
    A("edit_copy", QT_TRANSLATE_NOOP("Actions", "&Copy"),
      QT_TRANSLATE_NOOP("Actions", "Copy the selected entities (with the flows between them)"), shortcut=SK.Copy,
      menu="edit", enabled=_entities(1), slot=lambda w: w.canvas.copy_selection()),
    A("edit_paste", QT_TRANSLATE_NOOP("Actions", "&Paste"), QT_TRANSLATE_NOOP("Actions", "Paste entities with new ids"),
      shortcut=SK.Paste, menu="edit", slot=lambda w: w.canvas.paste()),
    A("edit_duplicate", QT_TRANSLATE_NOOP("Actions", "D&uplicate"), QT_TRANSLATE_NOOP("Actions", "Duplicate the selected entities"),
      shortcut="Ctrl+D", menu="edit", enabled=_entities(1), slot=lambda w: w.canvas.duplicate_selection()),
    A("edit_delete", QT_TRANSLATE_NOOP("Actions", "&Delete"),
      QT_TRANSLATE_NOOP("Actions", "Delete the selection and everything attached to it"), shortcut=SK.Delete,
      icon="delete", menu="edit", toolbar=23, enabled=lambda s: s.objects > 0, slot=lambda w: w.delete_selection()),
    A("edit_select_all", QT_TRANSLATE_NOOP("Actions", "Select &All"),
      QT_TRANSLATE_NOOP("Actions", "Select every entity and flow of the scenario"), shortcut=SK.SelectAll,
      menu="-edit", slot=lambda w: w.select_all()),
    A("edit_rename", QT_TRANSLATE_NOOP("Actions", "Re&name"), QT_TRANSLATE_NOOP("Actions", "Rename the selected entity on the canvas"),
      shortcut="F2", menu="edit", enabled=lambda s: s.entities == 1, slot=lambda w: w.canvas.rename_selected()),
    A("edit_find", QT_TRANSLATE_NOOP("Actions", "&Find…"), QT_TRANSLATE_NOOP("Actions", "Find objects by name or id and jump to them"),
      shortcut=SK.Find, menu="edit", slot=lambda w: w.show_find()),
    MenuSpec("edit/arrange", QT_TRANSLATE_NOOP("MainWindow", "&Arrange"), "arrange_menu", separator=True),
    *(A(f"align_{edge}", text, tip, menu=f"{sep}edit/arrange", enabled=_entities(2),
        slot=lambda w, e=edge: w.canvas.align(e)) for edge, text, tip, sep in _ALIGN),
    A("distribute_horizontal", QT_TRANSLATE_NOOP("Actions", "Distribute Hori&zontally"),
      QT_TRANSLATE_NOOP("Actions", "Space the selected entities evenly from left to right"), menu="-edit/arrange",
      enabled=_entities(3), slot=lambda w: w.canvas.distribute("horizontal")),
    A("distribute_vertical", QT_TRANSLATE_NOOP("Actions", "Distribute V&ertically"),
      QT_TRANSLATE_NOOP("Actions", "Space the selected entities evenly from top to bottom"), menu="edit/arrange",
      enabled=_entities(3), slot=lambda w: w.canvas.distribute("vertical")),
    A("layout_layered", QT_TRANSLATE_NOOP("Actions", "&Layered Layout"),
      QT_TRANSLATE_NOOP("Actions", "Arrange by supply tier: origins → platforms → channels → users (one undo step)"),
      shortcut="Ctrl+Shift+L", icon="layout", menu="-edit/arrange", toolbar=33,
      slot=lambda w: w.canvas.auto_layout("layered")),
    A("layout_force", QT_TRANSLATE_NOOP("Actions", "&Force Layout"),
      QT_TRANSLATE_NOOP("Actions", "Arrange entities by a force-directed layout (one undo step)"), menu="edit/arrange",
      slot=lambda w: w.canvas.auto_layout("force")),
    A("edit_preferences", QT_TRANSLATE_NOOP("Actions", "Pre&ferences…"),
      QT_TRANSLATE_NOOP("Actions", "Language, theme, grid and autosave"), shortcut="Ctrl+,", menu="-edit",
      slot=lambda w: w.show_preferences()),
    # View ------------------------------------------------------------------------------------
    A("view_zoom_in", QT_TRANSLATE_NOOP("Actions", "Zoom &In"), QT_TRANSLATE_NOOP("Actions", "Zoom in on the canvas"),
      shortcut=SK.ZoomIn, icon="zoom_in", menu="view", toolbar=30, slot=lambda w: w.canvas.zoom_in()),
    A("view_zoom_out", QT_TRANSLATE_NOOP("Actions", "Zoom &Out"), QT_TRANSLATE_NOOP("Actions", "Zoom out of the canvas"),
      shortcut=SK.ZoomOut, icon="zoom_out", menu="view", toolbar=31, slot=lambda w: w.canvas.zoom_out()),
    A("view_zoom_reset", QT_TRANSLATE_NOOP("Actions", "&Actual Size"), QT_TRANSLATE_NOOP("Actions", "Zoom to 100 %"),
      shortcut="Ctrl+0", menu="view", slot=lambda w: w.canvas.zoom_reset()),
    A("view_fit", QT_TRANSLATE_NOOP("Actions", "&Fit All"), QT_TRANSLATE_NOOP("Actions", "Zoom to show the whole ecosystem"),
      shortcut="Ctrl+9", icon="fit", menu="view", toolbar=32, slot=lambda w: w.canvas.fit_all()),
    A("view_zoom_selection", QT_TRANSLATE_NOOP("Actions", "Zoom to &Selection"),
      QT_TRANSLATE_NOOP("Actions", "Zoom to the selected entities"), shortcut="Ctrl+8", menu="view",
      enabled=_entities(1), slot=lambda w: w.canvas.zoom_to_selection()),
    A("view_focus", QT_TRANSLATE_NOOP("Actions", "Focus on Se&lection"),
      QT_TRANSLATE_NOOP("Actions", "Show only the selected entities and their neighbours, the rest dimmed (Esc leaves)"),
      shortcut="Ctrl+Shift+F", menu="view", enabled=_entities(1), slot=lambda w: w.canvas.focus.apply()),
    A("view_minimap", QT_TRANSLATE_NOOP("Actions", "&Minimap"),
      QT_TRANSLATE_NOOP("Actions", "Show an overview of the whole diagram in a corner when it is large or does not fit"),
      checkable=True, checked=True, menu="view", toggled=_minimap),
    A("view_show_grid", QT_TRANSLATE_NOOP("Actions", "Show &Grid"), QT_TRANSLATE_NOOP("Actions", "Show the grid on the canvas"),
      checkable=True, menu="-view", toggled=lambda w, on: w.canvas_look.on_grid_toggled()),
    A("view_snap_grid", QT_TRANSLATE_NOOP("Actions", "S&nap to Grid"),
      QT_TRANSLATE_NOOP("Actions", "Snap entities to the grid when moving them"), checkable=True, menu="view",
      toggled=lambda w, on: w.canvas_look.on_grid_toggled()),
    MenuSpec("view/flows", QT_TRANSLATE_NOOP("MainWindow", "Show &Flows"), "flow_kinds_menu"),
    MenuSpec("view/panels", QT_TRANSLATE_NOOP("MainWindow", "&Panels"), "panels_menu", separator=True),
    HookSpec("view/panels", "panels"),
    A("view_next_pane", QT_TRANSLATE_NOOP("Actions", "Next &Pane"),
      QT_TRANSLATE_NOOP("Actions", "Move the keyboard focus to the next pane"), shortcut="F6", menu="view",
      slot=lambda w: w.focus_pane(1)),
    A("view_prev_pane", QT_TRANSLATE_NOOP("Actions", "Previous Pa&ne"),
      QT_TRANSLATE_NOOP("Actions", "Move the keyboard focus to the previous pane"), shortcut="Shift+F6", menu="view",
      slot=lambda w: w.focus_pane(-1)),
    A("view_fullscreen", QT_TRANSLATE_NOOP("Actions", "F&ull Screen"),
      QT_TRANSLATE_NOOP("Actions", "Show the window full screen (for the projector)"), shortcut=SK.FullScreen,
      checkable=True, menu="-view", slot=lambda w: w.toggle_fullscreen()),
    A("view_present", QT_TRANSLATE_NOOP("Actions", "&Present"),
      QT_TRANSLATE_NOOP("Actions", "Show the saved views one after another, full screen, for the projector (Esc "
                                   "leaves)"), shortcut="F5", menu="view", slot=lambda w: _present(w)),
    # Insert ----------------------------------------------------------------------------------
    A("tool_select", QT_TRANSLATE_NOOP("Actions", "&Select"),
      QT_TRANSLATE_NOOP("Actions", "Select and move entities (Esc returns here)"), icon="select", checkable=True,
      checked=True, group="tools", menu="insert", toolbar=20, slot=lambda w: w.canvas.set_tool("select")),
    A("tool_entity", QT_TRANSLATE_NOOP("Actions", "&Entity Tool"), QT_TRANSLATE_NOOP("Actions", "Click on the canvas to place an entity"),
      icon="entity", checkable=True, group="tools", toolbar=21, slot=lambda w: w.canvas.set_tool("place", "other")),
    A("tool_flow", QT_TRANSLATE_NOOP("Actions", "F&low Tool"),
      QT_TRANSLATE_NOOP("Actions", "Drag from one entity to another to draw a flow"), icon="flow", checkable=True,
      group="tools", toolbar=22, slot=lambda w: w.canvas.set_tool("flow", "goods")),
    MenuSpec("insert/entity", QT_TRANSLATE_NOOP("MainWindow", "Place &Entity"), "entity_tool_menu"),
    MenuSpec("insert/flow", QT_TRANSLATE_NOOP("MainWindow", "Draw F&low"), "flow_tool_menu"),
    *(A(f"insert_{what}", text, tip, shortcut=key, menu="-insert" if what == "entity" else "insert",
        slot=lambda w, k=what: w.controller.insert_object(k)) for what, text, tip, key in _INSERT),
    A("insert_note", QT_TRANSLATE_NOOP("Actions", "New &Note"),
      QT_TRANSLATE_NOOP("Actions", "Write a workshop note (便签) on the canvas, at a free spot in view (Ctrl+double-click: "
                                   "where you click)"), shortcut="Ctrl+Shift+M", menu="-insert",
      slot=lambda w: w.canvas.editor.notes.new_note()),
    # Analyze ---------------------------------------------------------------------------------
    A("analyze_run", QT_TRANSLATE_NOOP("Actions", "&Run Analysis"),
      QT_TRANSLATE_NOOP("Actions", "Analyse the shown scenario: reuse, cost sharing, resilience, indicators"),
      shortcut="Ctrl+R", icon="analysis", menu="analyze", toolbar=50, slot=lambda w: w.run_analysis()),
    A("analyze_cancel", QT_TRANSLATE_NOOP("AnalysisMenus", "&Cancel Analysis"),
      QT_TRANSLATE_NOOP("AnalysisMenus", "Stop the running analysis"), menu="analyze", context="AnalysisMenus",
      enabled=lambda s: s.analysis_running, slot=lambda w: w.analysis_panel.cancel()),
    A("analyze_auto", QT_TRANSLATE_NOOP("AnalysisMenus", "Recompute &Automatically"),
      QT_TRANSLATE_NOOP("AnalysisMenus", "Recompute the analysis shortly after every edit"), checkable=True,
      checked=True, menu="analyze", context="AnalysisMenus", toggled=lambda w, on: w.analysis_panel.set_auto(on)),
    HookSpec("analyze", "analysis_dock", separator=True),
    MenuSpec("analyze/colour", QT_TRANSLATE_NOOP("AnalysisMenus", "&Colour Canvas"), "color_mode_menu",
             context="AnalysisMenus"),
    A("analyze_marks", QT_TRANSLATE_NOOP("AnalysisMenus", "&Mark Weak Points"),
      QT_TRANSLATE_NOOP("AnalysisMenus", "Ring single points of failure, capabilities built twice and unmet needs on "
                                         "the canvas"),
      checkable=True, checked=True, menu="analyze", context="AnalysisMenus",
      toggled=lambda w, on: w.analysis_panel.set_marks_visible(on)),
    A("analyze_what_if", QT_TRANSLATE_NOOP("AnalysisMenus", "&What If the Selected Entity Leaves?…"),
      QT_TRANSLATE_NOOP("AnalysisMenus", "Service, cascade and cost sharing without the selected entity (the model is "
                                         "not changed)"),
      menu="-analyze", context="AnalysisMenus", enabled=lambda s: s.entities == 1, slot=lambda w: w.what_if_selected()),
    # Plan ------------------------------------------------------------------------------------
    A("plan_optimize", QT_TRANSLATE_NOOP("Actions", "&Optimise Design…"),
      QT_TRANSLATE_NOOP("Actions", "Find the least-cost design: which capabilities to keep, who serves whom, and "
                                   "what it saves"), menu="plan", slot=lambda w: _optimize(w)),
    # Scenario --------------------------------------------------------------------------------
    MenuSpec("scenario/switch", QT_TRANSLATE_NOOP("MainWindow", "S&witch To"), "switch_menu"),
    A("scenario_next", QT_TRANSLATE_NOOP("Actions", "Ne&xt Scenario"), QT_TRANSLATE_NOOP("Actions", "Show the next scenario"),
      shortcut="Ctrl+PgDown", menu="scenario", enabled=lambda s: s.scenarios > 1,
      slot=lambda w: w.controller.scenarios.step(1)),
    A("scenario_prev", QT_TRANSLATE_NOOP("Actions", "Pre&vious Scenario"), QT_TRANSLATE_NOOP("Actions", "Show the previous scenario"),
      shortcut="Ctrl+PgUp", menu="scenario", enabled=lambda s: s.scenarios > 1,
      slot=lambda w: w.controller.scenarios.step(-1)),
    A("scenario_new", QT_TRANSLATE_NOOP("Actions", "&New Scenario…"), QT_TRANSLATE_NOOP("Actions", "Add a blank scenario"),
      menu="-scenario", slot=lambda w: w.controller.scenarios.new()),
    A("scenario_from_current", QT_TRANSLATE_NOOP("AnalysisMenus", "New Scenario from &Current…"),
      QT_TRANSLATE_NOOP("AnalysisMenus", "Add a copy of the shown scenario under a new name"), menu="scenario",
      context="AnalysisMenus", slot=lambda w: w.controller.scenarios.new_from_current()),
    A("scenario_duplicate", QT_TRANSLATE_NOOP("Actions", "&Duplicate Scenario"),
      QT_TRANSLATE_NOOP("Actions", "Add a copy of the shown scenario"), menu="scenario",
      slot=lambda w: w.controller.scenarios.duplicate()),
    A("scenario_rename", QT_TRANSLATE_NOOP("Actions", "&Rename Scenario…"), QT_TRANSLATE_NOOP("Actions", "Rename the shown scenario"),
      menu="scenario", slot=lambda w: w.controller.scenarios.rename()),
    A("scenario_delete", QT_TRANSLATE_NOOP("Actions", "De&lete Scenario"),
      QT_TRANSLATE_NOOP("Actions", "Delete the shown scenario (undoable)"), menu="scenario",
      enabled=lambda s: s.scenarios > 1, slot=lambda w: w.controller.scenarios.delete()),
    A("scenario_show_changes", QT_TRANSLATE_NOOP("Actions", "Show C&hanges from Scenario…"),
      QT_TRANSLATE_NOOP("Actions", "Show on the canvas what the shown scenario adds, removes and changes compared with "
                                   "another scenario"), menu="scenario", enabled=lambda s: s.scenarios > 1,
      slot=lambda w: _merge_ui(w, "scenario")),
    A("analyze_compare", QT_TRANSLATE_NOOP("AnalysisMenus", "Co&mpare Scenarios"),
      QT_TRANSLATE_NOOP("AnalysisMenus", "Two scenarios side by side in the analysis panel"),
      menu=("analyze", "-scenario"), context="AnalysisMenus", slot=lambda w: w.show_compare()),
    # Help ------------------------------------------------------------------------------------
    A("help_shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"), QT_TRANSLATE_NOOP("Actions", "List every keyboard shortcut"),
      shortcut=SK.HelpContents, menu="help", slot=lambda w: show_shortcuts(w, w.actions.all.values())),
    A("help_log_folder", QT_TRANSLATE_NOOP("Actions", "Show &Log Folder"),
      QT_TRANSLATE_NOOP("Actions", "Open the folder with ecodesk's log and crash reports, to send with a bug report"),
      menu="help", slot=lambda w: show_log_folder(w, w.statusBar().showMessage)),
    A("help_about", QT_TRANSLATE_NOOP("Actions", "&About ecodesk"), QT_TRANSLATE_NOOP("Actions", "Version and licence"),
      menu="-help", slot=lambda w: show_about(w)),
    A("help_about_qt", QT_TRANSLATE_NOOP("Actions", "About &Qt"), QT_TRANSLATE_NOOP("Actions", "The Qt toolkit ecodesk is built with"),
      menu="help", slot=lambda w: QApplication.aboutQt()),
)

COLOUR_MODES = {
    "kind": QT_TRANSLATE_NOOP("ColorModes", "By kind"),
    "criticality": QT_TRANSLATE_NOOP("ColorModes", "By criticality"),
    "ecosystem": QT_TRANSLATE_NOOP("ColorModes", "By ecosystem"),
    "shapley": QT_TRANSLATE_NOOP("ColorModes", "By Shapley savings"),
}

_ENTITY_KINDS = {k.value: k for k in EntityKind}
_FLOW_KINDS = {k.value: k for k in FlowKind}

FAMILIES = (
    FamilySpec("entity_kinds", "entity_kind_", tuple(_ENTITY_KINDS), lambda v: enum_label(_ENTITY_KINDS[v]), QT_TRANSLATE_NOOP("Actions", "Click on the canvas to place: {0}"),
               menu="insert/entity", slot=lambda w, v: w.pick_tool("place", v)),
    FamilySpec("flow_kinds", "flow_kind_", tuple(_FLOW_KINDS), lambda v: enum_label(_FLOW_KINDS[v]), QT_TRANSLATE_NOOP("Actions", "Drag between two entities to draw a flow: {0}"),
               menu="insert/flow", slot=lambda w, v: w.pick_tool("flow", v)),
    FamilySpec("flow_visible", "show_flow_", tuple(_FLOW_KINDS), lambda v: enum_label(_FLOW_KINDS[v]), QT_TRANSLATE_NOOP("Actions", "Show or hide flows of kind: {0}"),
               menu="view/flows", checkable=True, checked=lambda v: True,
               toggled=lambda w, v, on: w.canvas.set_flow_kind_visible(v, on)),
    FamilySpec("color_modes", "color_mode_", tuple(COLOUR_MODES), lambda v: QCoreApplication.translate(
        "ColorModes", COLOUR_MODES[v]), menu="analyze/colour", checkable=True, checked=lambda v: v == "kind",
        group=True, slot=lambda w, v: w.analysis_panel.set_color_mode(v)),
)
