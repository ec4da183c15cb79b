"""UI layer: every QAction of the main window — shortcuts, icons, texts, tooltips, status tips.

The actions are created once, with standard shortcuts (``QKeySequence.StandardKey``) where
the platform has one; :meth:`Actions.retranslate` (re)sets every visible text, so the
language can change while the window is open. What an action *does* is wired by the main
window; this module only describes them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from ecodesk.model import EntityKind, FlowKind
from ecodesk.ui.i18n import enum_label
from ecodesk.ui.icons import icon

SK = QKeySequence.StandardKey

#: name → (standard key or key text or None, icon name or None, checkable)
SPECS: dict[str, tuple[object, str | None, bool]] = {
    "file_new": (SK.New, "new", False),
    "file_new_template": ("Ctrl+Shift+N", None, False),
    "file_open": (SK.Open, "open", False),
    "file_save": (SK.Save, "save", False),
    "file_save_as": ("Ctrl+Shift+S", None, False),
    "file_close": (SK.Close, None, False),
    "file_quit": ("Ctrl+Q", None, False),
    "file_clear_recent": (None, None, False),
    "edit_undo": (SK.Undo, "undo", False),
    "edit_redo": (SK.Redo, "redo", False),
    "edit_cut": (SK.Cut, None, False),
    "edit_copy": (SK.Copy, None, False),
    "edit_paste": (SK.Paste, None, False),
    "edit_duplicate": ("Ctrl+D", None, False),
    "edit_delete": (SK.Delete, "delete", False),
    "edit_select_all": (SK.SelectAll, None, False),
    "edit_rename": ("F2", None, False),
    "edit_find": (SK.Find, None, False),
    "edit_preferences": ("Ctrl+,", None, False),
    "align_left": (None, None, False),
    "align_hcenter": (None, None, False),
    "align_right": (None, None, False),
    "align_top": (None, None, False),
    "align_vcenter": (None, None, False),
    "align_bottom": (None, None, False),
    "distribute_horizontal": (None, None, False),
    "distribute_vertical": (None, None, False),
    "layout_layered": ("Ctrl+Shift+L", "layout", False),
    "layout_force": (None, None, False),
    "view_zoom_in": (SK.ZoomIn, "zoom_in", False),
    "view_zoom_out": (SK.ZoomOut, "zoom_out", False),
    "view_zoom_reset": ("Ctrl+0", None, False),
    "view_fit": ("Ctrl+9", "fit", False),
    "view_zoom_selection": ("Ctrl+8", None, False),
    "view_show_grid": (None, None, True),
    "view_snap_grid": (None, None, True),
    "view_fullscreen": (SK.FullScreen, None, True),
    "view_next_pane": ("F6", None, False),
    "view_prev_pane": ("Shift+F6", None, False),
    "tool_select": (None, "select", True),
    "tool_entity": (None, "entity", True),
    "tool_flow": (None, "flow", True),
    "insert_entity": ("Ctrl+E", None, False),
    "insert_flow": ("Ctrl+L", None, False),
    "insert_ecosystem": (None, None, False),
    "insert_capability": (None, None, False),
    "insert_need": (None, None, False),
    "insert_pool": (None, None, False),
    "analyze_run": ("Ctrl+R", "analysis", False),
    "scenario_new": (None, None, False),
    "scenario_duplicate": (None, None, False),
    "scenario_rename": (None, None, False),
    "scenario_delete": (None, None, False),
    "scenario_next": ("Ctrl+PgDown", None, False),
    "scenario_prev": ("Ctrl+PgUp", None, False),
    "help_shortcuts": (SK.HelpContents, None, False),
    "help_log_folder": (None, None, False),
    "help_about": (None, None, False),
    "help_about_qt": (None, None, False),
}


class Actions(QObject):
    """All actions, as attributes named like the keys of :data:`SPECS`."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.all: dict[str, QAction] = {}
        for name, (key, icon_name, checkable) in SPECS.items():
            action = QAction(parent)
            action.setObjectName(name)
            if isinstance(key, SK):
                seqs = QKeySequence.keyBindings(key)
                if not seqs and key == SK.Close:
                    seqs = [QKeySequence("Ctrl+W")]
                action.setShortcuts(seqs)
            elif key:
                action.setShortcut(QKeySequence(str(key)))
            if icon_name:
                action.setIcon(icon(icon_name))
            action.setCheckable(checkable)
            self.all[name] = action
            setattr(self, name, action)
        self.tool_group = QActionGroup(self)
        for name in ("tool_select", "tool_entity", "tool_flow"):
            self.tool_group.addAction(self.all[name])
        self.all["tool_select"].setChecked(True)
        self.entity_kinds: dict[str, QAction] = {}
        for kind in EntityKind:
            a = QAction(parent)
            a.setObjectName(f"entity_kind_{kind.value}")
            a.setData(kind.value)
            self.entity_kinds[kind.value] = a
        self.flow_kinds: dict[str, QAction] = {}
        self.flow_visible: dict[str, QAction] = {}
        for kind in FlowKind:
            a = QAction(parent)
            a.setObjectName(f"flow_kind_{kind.value}")
            a.setData(kind.value)
            self.flow_kinds[kind.value] = a
            v = QAction(parent)
            v.setObjectName(f"show_flow_{kind.value}")
            v.setData(kind.value)
            v.setCheckable(True)
            v.setChecked(True)
            self.flow_visible[kind.value] = v
        self.retranslate()

    def __getattr__(self, name: str) -> QAction:  # for type checkers; real ones are set above
        raise AttributeError(name)

    def refresh_icons(self) -> None:
        """Redraw the glyphs in the current palette's colour (after a theme change)."""
        for name, (_key, icon_name, _c) in SPECS.items():
            if icon_name:
                self.all[name].setIcon(icon(icon_name))

    def retranslate(self) -> None:
        texts: dict[str, tuple[str, str]] = {
            "file_new": (self.tr("&New"), self.tr("Start a new, blank project")),
            "file_new_template": (self.tr("New from &Template…"), self.tr("Start a new project from a template")),
            "file_open": (self.tr("&Open…"), self.tr("Open a project file (.ecodesk) or import interchange JSON")),
            "file_save": (self.tr("&Save"), self.tr("Save the project (only what changed is written)")),
            "file_save_as": (self.tr("Save &As…"), self.tr("Save the project under a new name")),
            "file_close": (self.tr("&Close"), self.tr("Close the project (asks to save changes)")),
            "file_quit": (self.tr("&Quit"), self.tr("Quit ecodesk (asks to save changes)")),
            "file_clear_recent": (self.tr("Clear Recent Files"), self.tr("Empty the list of recent files")),
            "edit_undo": (self.tr("&Undo"), self.tr("Undo the last edit")),
            "edit_redo": (self.tr("&Redo"), self.tr("Redo the edit just undone")),
            "edit_cut": (self.tr("Cu&t"), self.tr("Cut the selected entities to the clipboard")),
            "edit_copy": (self.tr("&Copy"), self.tr("Copy the selected entities (with the flows between them)")),
            "edit_paste": (self.tr("&Paste"), self.tr("Paste entities with new ids")),
            "edit_duplicate": (self.tr("D&uplicate"), self.tr("Duplicate the selected entities")),
            "edit_delete": (self.tr("&Delete"), self.tr("Delete the selection and everything attached to it")),
            "edit_select_all": (self.tr("Select &All"), self.tr("Select every entity and flow of the scenario")),
            "edit_rename": (self.tr("Re&name"), self.tr("Rename the selected entity on the canvas")),
            "edit_find": (self.tr("&Find…"), self.tr("Find objects by name or id and jump to them")),
            "edit_preferences": (self.tr("Pre&ferences…"), self.tr("Language, theme, grid and autosave")),
            "align_left": (self.tr("Align &Left"), self.tr("Align the selected entities on their left edges")),
            "align_hcenter": (self.tr("Align Centres &Horizontally"), self.tr("Align the selected entities on a vertical line")),
            "align_right": (self.tr("Align &Right"), self.tr("Align the selected entities on their right edges")),
            "align_top": (self.tr("Align &Top"), self.tr("Align the selected entities on their top edges")),
            "align_vcenter": (self.tr("Align Centres &Vertically"), self.tr("Align the selected entities on a horizontal line")),
            "align_bottom": (self.tr("Align &Bottom"), self.tr("Align the selected entities on their bottom edges")),
            "distribute_horizontal": (self.tr("Distribute Hori&zontally"), self.tr("Space the selected entities evenly "
                                                                        "from left to right")),
            "distribute_vertical": (self.tr("Distribute V&ertically"), self.tr("Space the selected entities evenly "
                                                                    "from top to bottom")),
            "layout_layered": (self.tr("&Layered Layout"), self.tr("Arrange by supply tier: origins → platforms → channels "
                                                        "→ users (one undo step)")),
            "layout_force": (self.tr("&Force Layout"), self.tr("Arrange entities by a force-directed layout (one undo step)")),
            "view_zoom_in": (self.tr("Zoom &In"), self.tr("Zoom in on the canvas")),
            "view_zoom_out": (self.tr("Zoom &Out"), self.tr("Zoom out of the canvas")),
            "view_zoom_reset": (self.tr("&Actual Size"), self.tr("Zoom to 100 %")),
            "view_fit": (self.tr("&Fit All"), self.tr("Zoom to show the whole ecosystem")),
            "view_zoom_selection": (self.tr("Zoom to &Selection"), self.tr("Zoom to the selected entities")),
            "view_show_grid": (self.tr("Show &Grid"), self.tr("Show the grid on the canvas")),
            "view_snap_grid": (self.tr("S&nap to Grid"), self.tr("Snap entities to the grid when moving them")),
            "view_fullscreen": (self.tr("F&ull Screen"), self.tr("Show the window full screen (for the projector)")),
            "view_next_pane": (self.tr("Next &Pane"), self.tr("Move the keyboard focus to the next pane")),
            "view_prev_pane": (self.tr("Previous Pa&ne"), self.tr("Move the keyboard focus to the previous pane")),
            "tool_select": (self.tr("&Select"), self.tr("Select and move entities (Esc returns here)")),
            "tool_entity": (self.tr("&Entity Tool"), self.tr("Click on the canvas to place an entity")),
            "tool_flow": (self.tr("F&low Tool"), self.tr("Drag from one entity to another to draw a flow")),
            "insert_entity": (self.tr("New &Entity"), self.tr("Add an entity at a free spot and edit it in the inspector")),
            "insert_flow": (self.tr("New &Flow"), self.tr("Add a flow between the two selected entities (or the first two)")),
            "insert_ecosystem": (self.tr("New Eco&system"), self.tr("Add an ecosystem (a named group of entities)")),
            "insert_capability": (self.tr("New &Capability"), self.tr("Add a capability owned by the selected entity")),
            "insert_need": (self.tr("New Nee&d"), self.tr("Add a need of the selected entity")),
            "insert_pool": (self.tr("New &Pool"), self.tr("Add a sharing arrangement of the selected entities")),
            "analyze_run": (self.tr("&Run Analysis"), self.tr("Analyse the shown scenario: reuse, cost sharing, "
                                                   "resilience, indicators")),
            "scenario_new": (self.tr("&New Scenario…"), self.tr("Add a blank scenario")),
            "scenario_duplicate": (self.tr("&Duplicate Scenario"), self.tr("Add a copy of the shown scenario")),
            "scenario_rename": (self.tr("&Rename Scenario…"), self.tr("Rename the shown scenario")),
            "scenario_delete": (self.tr("De&lete Scenario"), self.tr("Delete the shown scenario (undoable)")),
            "scenario_next": (self.tr("Ne&xt Scenario"), self.tr("Show the next scenario")),
            "scenario_prev": (self.tr("Pre&vious Scenario"), self.tr("Show the previous scenario")),
            "help_shortcuts": (self.tr("&Keyboard Shortcuts"), self.tr("List every keyboard shortcut")),
            "help_log_folder": (self.tr("Show &Log Folder"),
                                self.tr("Open the folder with ecodesk's log and crash reports, to send with a bug report")),
            "help_about": (self.tr("&About ecodesk"), self.tr("Version and licence")),
            "help_about_qt": (self.tr("About &Qt"), self.tr("The Qt toolkit ecodesk is built with")),
        }
        for name, (text, tip) in texts.items():
            a = self.all[name]
            a.setText(text)
            a.setStatusTip(tip)
            keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            plain = text.replace("&", "").rstrip("…")
            a.setToolTip(f"{plain} ({keys})\n{tip}" if keys else f"{plain}\n{tip}")
        for value, a in self.entity_kinds.items():
            label = enum_label(EntityKind(value))
            a.setText(label)
            a.setStatusTip(self.tr("Click on the canvas to place: {0}").format(label))
        for value, a in self.flow_kinds.items():
            label = enum_label(FlowKind(value))
            a.setText(label)
            a.setStatusTip(self.tr("Drag between two entities to draw a flow: {0}").format(label))
        for value, a in self.flow_visible.items():
            label = enum_label(FlowKind(value))
            a.setText(label)
            a.setStatusTip(self.tr("Show or hide flows of kind: {0}").format(label))
