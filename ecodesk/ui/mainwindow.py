"""UI layer: the main window — menus, toolbar, status bar and the docks around the canvas.

The window owns one :class:`Document` at a time and hands it to the canvas, the inspector
and the tables (``set_document``); they follow the model's signals themselves. The window
only wires actions to the canvas interface and to commands, keeps the title, the undo
texts and the status bar current, and remembers its layout in QSettings. File commands
live in :mod:`ecodesk.ui.fileops` (import and export in :mod:`ecodesk.ui.exportops`), scenario
commands in :mod:`ecodesk.ui.scenarioops`, action descriptions in :mod:`ecodesk.ui.actions`.

Start-up: the first paint shows the menus, the toolbar, the canvas, the palette and the
empty dock frames; the dock contents — inspector, tables and the analysis panel (with its
menu entries and status-bar progress) — are built right after it (:meth:`MainWindow.finish_startup`),
or earlier on first use: ``window.inspector``, ``window.tables`` and ``window.analysis_panel``
are properties that build their part when it does not exist yet. The dock frames exist
from the start, so a saved dock layout is restored before the window is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QWidget,
)

from ecodesk import __version__
from ecodesk.commands import AddObject
from ecodesk.commands.editrules import new_object
from ecodesk.model import Entity, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.actions import Actions
from ecodesk.ui.autosave import Autosaver
from ecodesk.ui.document import Document
from ecodesk.ui.exportops import ExportOpsMixin
from ecodesk.ui.fileops import FileOpsMixin
from ecodesk.ui.i18n import command_text, current_language, error_text, install_language
from ecodesk.ui.scenarioops import ScenarioOpsMixin
from ecodesk.ui.settings import Settings
from ecodesk.ui.theme import apply_theme

if TYPE_CHECKING:
    from ecodesk.ui.inspector import InspectorWidget
    from ecodesk.ui.panels.analysis_panel import AnalysisPanel
    from ecodesk.ui.panels.wiring import AnalysisMenus, AnalysisStatusWidget
    from ecodesk.ui.tables import TablesWidget


def _canvas_classes() -> tuple[Any, Any]:
    """The canvas engineer's CanvasView and palette, or the stand-ins if it cannot load."""
    try:
        from ecodesk.ui.canvas import CanvasView, EntityPaletteWidget

        return CanvasView, EntityPaletteWidget
    except ImportError:
        from ecodesk.ui.canvas_fallback import FallbackCanvasView, FallbackPaletteWidget

        return FallbackCanvasView, FallbackPaletteWidget


class MainWindow(FileOpsMixin, ExportOpsMixin, ScenarioOpsMixin, QMainWindow):
    """The ecodesk window: one project at a time."""

    def __init__(self, document: Document | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("ecodesk_main")
        self.settings = settings or Settings(self)
        self.document = document or self.blank_document()
        self.document.setParent(self)
        self._scenario_listened: Scenario | None = None
        self._counts_pending = False
        self._find_dialog: Any = None
        # built after the first paint, or on first use (see finish_startup)
        self._inspector: InspectorWidget | None = None
        self._tables: TablesWidget | None = None
        self._analysis_panel: AnalysisPanel | None = None
        self._analysis_menus: Any = None  # set with the panel (panels.wiring)
        self._analysis_status: Any = None
        self._startup_scheduled = False
        self._closed = False
        self.actions = Actions(self)

        canvas_cls, palette_cls = _canvas_classes()
        self.canvas = canvas_cls(parent=self)
        self.canvas.setObjectName("canvas")
        self.setCentralWidget(self.canvas)
        if hasattr(self.canvas, "context_menu_hooks"):
            self.canvas.context_menu_hooks.append(self._canvas_menu_hook)  # until the analysis panel is built
        self.palette_widget = self._make_palette(palette_cls)
        # the dock frames now (restoreState below needs them); inspector, tables and analysis
        # panel go into them after the first paint
        self.inspector_dock = self._dock("inspector_dock", None, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tables_dock = self._dock("tables_dock", None, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.palette_dock = self._dock("palette_dock", self.palette_widget, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.analysis_dock = self._dock("analysis_dock", None, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.tabifyDockWidget(self.tables_dock, self.analysis_dock)
        self.tables_dock.raise_()  # the tables stay in front until the user asks for analysis
        self.resizeDocks([self.inspector_dock], [330], Qt.Orientation.Horizontal)
        self.resizeDocks([self.tables_dock], [230], Qt.Orientation.Vertical)
        self.resizeDocks([self.palette_dock], [190], Qt.Orientation.Horizontal)
        self.resizeDocks([self.analysis_dock], [340], Qt.Orientation.Vertical)

        self._build_menus()
        self._build_toolbar()
        self.panels_menu.addAction(self.analysis_dock.toggleViewAction())
        for menu in (self.analyze_menu, self.scenario_menu):  # they list the analysis panel's actions
            menu.aboutToShow.connect(self.finish_startup)
        self._build_status_bar()
        self._connect_actions()
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._restore_window()
        self._attach(self.document)
        self._apply_canvas_preferences()
        self._push_look_to_canvas()
        self.retranslate()
        self.autosaver = Autosaver(self)  # recovery file every N minutes while unsaved
        self.autosaver.attach(self.document)

    # construction ------------------------------------------------------------------
    def _make_palette(self, palette_cls: Any) -> QWidget:
        widget = palette_cls(self.canvas, self)
        widget.setToolTip(widget.toolTip() or self.tr("Click a kind, then click on the canvas"))
        return widget  # type: ignore[no-any-return]

    def _dock(self, name: str, widget: QWidget | None, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        if widget is not None:
            dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("file_menu")
        for act in (a.file_new, a.file_new_template, a.file_open):
            self.file_menu.addAction(act)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        for act in (a.file_save, a.file_save_as):
            self.file_menu.addAction(act)
        self._add_transfer_menu(self.file_menu)  # Import…, Export…, Export Picture…, Export Report…
        self.file_menu.addSeparator()
        self.file_menu.addAction(a.file_close)
        self.file_menu.addAction(a.file_quit)

        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("edit_menu")
        for act in (a.edit_undo, a.edit_redo, None, a.edit_cut, a.edit_copy, a.edit_paste, a.edit_duplicate,
                    a.edit_delete, None, a.edit_select_all, a.edit_rename, a.edit_find, None):
            self.edit_menu.addSeparator() if act is None else self.edit_menu.addAction(act)
        self.arrange_menu = self.edit_menu.addMenu("")
        for act in (a.align_left, a.align_hcenter, a.align_right, None, a.align_top, a.align_vcenter,
                    a.align_bottom, None, a.distribute_horizontal, a.distribute_vertical, None, a.layout_layered,
                    a.layout_force):
            self.arrange_menu.addSeparator() if act is None else self.arrange_menu.addAction(act)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(a.edit_preferences)

        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("view_menu")
        for act in (a.view_zoom_in, a.view_zoom_out, a.view_zoom_reset, a.view_fit, a.view_zoom_selection, None,
                    a.view_show_grid, a.view_snap_grid):
            self.view_menu.addSeparator() if act is None else self.view_menu.addAction(act)
        self.flow_kinds_menu = self.view_menu.addMenu("")
        for act in a.flow_visible.values():
            self.flow_kinds_menu.addAction(act)
        self.view_menu.addSeparator()
        self.panels_menu = self.view_menu.addMenu("")
        for dock in (self.inspector_dock, self.tables_dock, self.palette_dock):
            self.panels_menu.addAction(dock.toggleViewAction())
        self.view_menu.addAction(a.view_next_pane)
        self.view_menu.addAction(a.view_prev_pane)
        self.view_menu.addSeparator()
        self.view_menu.addAction(a.view_fullscreen)

        self.insert_menu = bar.addMenu("")
        self.insert_menu.setObjectName("insert_menu")
        self.insert_menu.addAction(a.tool_select)
        self.entity_tool_menu = self.insert_menu.addMenu("")
        for act in a.entity_kinds.values():
            self.entity_tool_menu.addAction(act)
        self.flow_tool_menu = self.insert_menu.addMenu("")
        for act in a.flow_kinds.values():
            self.flow_tool_menu.addAction(act)
        self.insert_menu.addSeparator()
        for act in (a.insert_entity, a.insert_flow, a.insert_ecosystem, a.insert_capability, a.insert_need,
                    a.insert_pool):
            self.insert_menu.addAction(act)

        self.analyze_menu = bar.addMenu("")
        self.analyze_menu.setObjectName("analyze_menu")
        self.analyze_menu.addAction(a.analyze_run)

        self.scenario_menu = bar.addMenu("")
        self.scenario_menu.setObjectName("scenario_menu")
        self.switch_menu = self.scenario_menu.addMenu("")
        self.switch_menu.aboutToShow.connect(self._fill_switch_menu)
        for act in (a.scenario_next, a.scenario_prev, None, a.scenario_new, a.scenario_duplicate,
                    a.scenario_rename, a.scenario_delete):
            self.scenario_menu.addSeparator() if act is None else self.scenario_menu.addAction(act)

        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("help_menu")
        for act in (a.help_shortcuts, a.help_log_folder, None, a.help_about, a.help_about_qt):
            self.help_menu.addSeparator() if act is None else self.help_menu.addAction(act)

    def _build_toolbar(self) -> None:
        a = self.actions
        tb = QToolBar(self)
        tb.setObjectName("main_toolbar")
        tb.setMovable(True)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for act in (a.file_new, a.file_open, a.file_save, None, a.edit_undo, a.edit_redo, None, a.tool_select,
                    a.tool_entity, a.tool_flow, a.edit_delete, None, a.view_zoom_in, a.view_zoom_out, a.view_fit,
                    a.layout_layered, None):
            tb.addSeparator() if act is None else tb.addAction(act)
        self.scenario_label = QLabel(tb)
        tb.addWidget(self.scenario_label)
        self.scenario_combo = QComboBox(tb)
        self.scenario_combo.setObjectName("scenario_combo")
        self.scenario_combo.setMinimumContentsLength(14)
        self.scenario_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scenario_combo.activated.connect(self._on_scenario_combo_activated)
        self.scenario_label.setBuddy(self.scenario_combo)
        tb.addWidget(self.scenario_combo)
        tb.addSeparator()
        tb.addAction(a.analyze_run)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb
        self.panels_menu.addAction(tb.toggleViewAction())

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.counts_label = QLabel(sb)
        self.counts_label.setObjectName("counts_label")
        self.zoom_label = QLabel(sb)
        self.zoom_label.setObjectName("zoom_label")
        self.saved_label = QLabel(sb)
        self.saved_label.setObjectName("saved_label")
        for w in (self.counts_label, self.zoom_label, self.saved_label):
            sb.addPermanentWidget(w)
        self._zoom = 1.0

    def _connect_actions(self) -> None:
        a, c = self.actions, self.canvas
        wire = {
            "file_new": self.new_blank, "file_new_template": lambda: self.new_from_template(),
            "file_open": self.open_dialog, "file_save": self.save, "file_save_as": lambda: self.save_as(),
            "file_close": self.close_project, "file_quit": self.close, "file_clear_recent": self._clear_recent,
            "edit_undo": self.undo, "edit_redo": self.redo, "edit_cut": lambda: c.cut_selection(),
            "edit_copy": lambda: c.copy_selection(), "edit_paste": lambda: c.paste(),
            "edit_duplicate": lambda: c.duplicate_selection(), "edit_delete": self.delete_selection,
            "edit_select_all": self.select_all, "edit_rename": lambda: c.rename_selected(),
            "edit_find": self.show_find, "edit_preferences": self.show_preferences,
            "distribute_horizontal": lambda: c.distribute("horizontal"),
            "distribute_vertical": lambda: c.distribute("vertical"),
            "layout_layered": lambda: c.auto_layout("layered"), "layout_force": lambda: c.auto_layout("force"),
            "view_zoom_in": lambda: c.zoom_in(), "view_zoom_out": lambda: c.zoom_out(),
            "view_zoom_reset": lambda: c.zoom_reset(), "view_fit": lambda: c.fit_all(),
            "view_zoom_selection": lambda: c.zoom_to_selection(),
            "view_fullscreen": self._toggle_fullscreen,
            "view_next_pane": lambda: self.focus_pane(1), "view_prev_pane": lambda: self.focus_pane(-1),
            "tool_select": lambda: c.set_tool("select"), "tool_entity": lambda: c.set_tool("place", "other"),
            "tool_flow": lambda: c.set_tool("flow", "goods"),
            "insert_entity": lambda: self.insert_object("entity"), "insert_flow": lambda: self.insert_object("flow"),
            "insert_ecosystem": lambda: self.insert_object("ecosystem"),
            "insert_capability": lambda: self.insert_object("capability"),
            "insert_need": lambda: self.insert_object("need"), "insert_pool": lambda: self.insert_object("pool"),
            "analyze_run": self.run_analysis, "scenario_new": lambda: self.new_scenario(),
            "scenario_duplicate": self.duplicate_scenario, "scenario_rename": lambda: self.rename_scenario(),
            "scenario_delete": self.delete_scenario, "scenario_next": lambda: self.step_scenario(1),
            "scenario_prev": lambda: self.step_scenario(-1), "help_shortcuts": self.show_shortcuts,
            "help_about": self.show_about, "help_about_qt": QApplication.aboutQt,
            "help_log_folder": self.show_log_folder,
        }
        for edge in ("left", "hcenter", "right", "top", "vcenter", "bottom"):
            wire[f"align_{edge}"] = lambda e=edge: c.align(e)
        for name, slot in wire.items():
            a.all[name].triggered.connect(lambda checked=False, s=slot: s())
        a.view_show_grid.toggled.connect(self._on_grid_toggled)
        a.view_snap_grid.toggled.connect(self._on_grid_toggled)
        for value, act in a.entity_kinds.items():
            act.triggered.connect(lambda checked=False, v=value: self._pick_tool("place", v))
        for value, act in a.flow_kinds.items():
            act.triggered.connect(lambda checked=False, v=value: self._pick_tool("flow", v))
        for value, act in a.flow_visible.items():
            act.toggled.connect(lambda on, v=value: c.set_flow_kind_visible(v, on))
        self.addActions(list(a.all.values()))  # shortcuts work even with the menu bar hidden
        for signal, slot in (("zoom_changed", self._on_canvas_zoom_changed),
                             ("status_message", self._on_canvas_status_message),
                             ("tool_changed", self._on_canvas_tool_changed)):
            if hasattr(c, signal):
                getattr(c, signal).connect(slot)

    # the parts built after the first paint ----------------------------------------------
    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if not self._startup_scheduled:  # the window is on screen: now build the rest
            self._startup_scheduled = True
            # a timer, not a posted call: what is already due (input, a repaint) goes first
            QTimer.singleShot(1, self, self.finish_startup)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._closed = False
        if not self._startup_scheduled:  # in case the first paint never comes (minimised)
            QTimer.singleShot(1000, self, self.finish_startup)

    def finish_startup(self) -> None:
        """Build the inspector, the tables and the analysis panel (those not built yet)."""
        if self._closed:  # closed before its first paint was through: the next one builds them
            self._startup_scheduled = False
            return
        self._startup_scheduled = True
        self._build_inspector()
        self._build_tables()
        self._build_analysis_panel()

    def _build_inspector(self) -> InspectorWidget:
        if self._inspector is None:
            from ecodesk.ui.inspector import InspectorWidget

            inspector = InspectorWidget(self.document, self)
            inspector.status_message.connect(self._on_canvas_status_message)
            self._inspector = inspector
            self.inspector_dock.setWidget(inspector)
        return self._inspector

    def _build_tables(self) -> TablesWidget:
        if self._tables is None:
            from ecodesk.ui.tables import TablesWidget

            tables = TablesWidget(self.document, self)
            tables.status_message.connect(self._on_canvas_status_message)
            self._tables = tables
            self.tables_dock.setWidget(tables)
        return self._tables

    def _build_analysis_panel(self) -> AnalysisPanel:
        if self._analysis_panel is None:
            from ecodesk.ui.panels.wiring import install_analysis_panel

            hooks = getattr(self.canvas, "context_menu_hooks", [])
            if self._canvas_menu_hook in hooks:  # the panel adds its own
                hooks.remove(self._canvas_menu_hook)
            # into its dock, with the progress in the status bar and its actions in the menus
            self._analysis_panel = install_analysis_panel(self)
        return self._analysis_panel

    def _canvas_menu_hook(self, menu: QMenu, item: Any) -> None:
        """The analysis panel's entries in the canvas context menu (What If It Leaves?…)
        when the menu is opened before the panel is built."""
        self._build_analysis_panel()._add_canvas_menu_entries(menu, item)

    @property
    def inspector(self) -> InspectorWidget:
        """The Inspector dock's content (built on first use if the window was not painted yet)."""
        return self._build_inspector()

    @property
    def tables(self) -> TablesWidget:
        """The Tables dock's content (built on first use if the window was not painted yet)."""
        return self._build_tables()

    @property
    def analysis_panel(self) -> AnalysisPanel:
        """The analysis panel (built on first use if the window was not painted yet)."""
        return self._build_analysis_panel()

    @property
    def analysis_menus(self) -> AnalysisMenus:
        """The analysis panel's actions in the window's menus (built with the panel)."""
        self._build_analysis_panel()
        return self._analysis_menus  # type: ignore[no-any-return]

    @property
    def analysis_status(self) -> AnalysisStatusWidget:
        """The analysis progress and Cancel in the status bar (built with the panel)."""
        self._build_analysis_panel()
        return self._analysis_status  # type: ignore[no-any-return]

    # documents -----------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        """Show ``document`` instead of the current one (which is let go of)."""
        old = self.document
        if document is old:
            return
        self._detach(old)
        document.setParent(self)
        self.document = document
        self.autosaver.attach(document)  # the old document was saved or discarded: drop its recovery
        if self._inspector is not None:  # parts not built yet are built over the new document
            self._inspector.set_document(document)
        if self._tables is not None:
            self._tables.set_document(document)
        if self._analysis_panel is not None:
            from ecodesk.ui.panels.wiring import attach_document

            attach_document(self, document)
        self._attach(document)
        old.close_file()
        old.deleteLater()

    def _attach(self, doc: Document) -> None:
        self.canvas.set_document(doc)
        doc.modified_changed.connect(self._update_title)
        doc.path_changed.connect(self._update_title)
        doc.history_changed.connect(self._update_undo)
        doc.scenario_switched.connect(self._on_document_scenario_switched)
        doc.selection_changed.connect(self._update_enabled)
        doc.edit_refused.connect(self._on_canvas_status_message)
        p = doc.project
        p.scenario_added.connect(self._on_project_scenarios_changed)
        p.scenario_removed.connect(self._on_project_scenarios_changed)
        p.scenario_renamed.connect(self._on_project_scenarios_changed)
        p.changed.connect(self._update_title)
        self._listen_scenario(doc.scenario)
        self._refresh_scenarios()
        self._update_title()
        self._update_undo()
        self._update_counts()
        self._update_enabled()

    def _detach(self, doc: Document) -> None:
        for sig, slot in ((doc.modified_changed, self._update_title), (doc.path_changed, self._update_title),
                          (doc.history_changed, self._update_undo),
                          (doc.scenario_switched, self._on_document_scenario_switched),
                          (doc.selection_changed, self._update_enabled),
                          (doc.edit_refused, self._on_canvas_status_message)):
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        p = doc.project
        for msig in (p.scenario_added, p.scenario_removed, p.scenario_renamed):
            msig.disconnect(self._on_project_scenarios_changed)
        p.changed.disconnect(self._update_title)
        self._listen_scenario(None)

    def _listen_scenario(self, scenario: Scenario | None) -> None:
        if self._scenario_listened is not None:
            self._scenario_listened.changed.disconnect(self._schedule_counts)
        self._scenario_listened = scenario
        if scenario is not None:
            scenario.changed.connect(self._schedule_counts)

    # keeping the window current ---------------------------------------------------------
    def _update_title(self, *args: Any) -> None:
        doc = self.document
        self.setWindowTitle(f"{doc.title}[*] — ecodesk")
        self.setWindowModified(doc.modified)
        if doc.modified:
            self.saved_label.setText(self.tr("● Unsaved changes"))
            self.saved_label.setToolTip(self.tr("Save with {0}").format(
                self.actions.file_save.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        else:
            self.saved_label.setText(self.tr("Saved") if doc.path else self.tr("Not saved yet"))
            self.saved_label.setToolTip(str(doc.path) if doc.path else "")

    def _update_undo(self) -> None:
        h = self.document.history
        undo, redo = h.undo_command(), h.redo_command()
        a = self.actions
        a.edit_undo.setEnabled(undo is not None)
        a.edit_redo.setEnabled(redo is not None)
        a.edit_undo.setText(self.tr("&Undo {0}").format(command_text(undo)) if undo else self.tr("&Undo"))
        a.edit_redo.setText(self.tr("&Redo {0}").format(command_text(redo)) if redo else self.tr("&Redo"))
        for act in (a.edit_undo, a.edit_redo):
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{act.text().replace('&', '')} ({keys})")
        self._update_title()

    def _schedule_counts(self) -> None:
        if not self._counts_pending:
            self._counts_pending = True
            QTimer.singleShot(0, self._update_counts)

    def _update_counts(self) -> None:
        self._counts_pending = False
        s = self.document.scenario
        self.counts_label.setText(self.tr("{0} entities · {1} flows").format(len(s.entities), len(s.flows)))
        self._update_enabled()

    def _update_enabled(self, *args: Any) -> None:
        a = self.actions
        sel = self.document.selected_objects()
        entities = [o for o in sel if isinstance(o, Entity)]
        for act in (a.edit_cut, a.edit_copy, a.edit_duplicate, a.view_zoom_selection):
            act.setEnabled(bool(entities))
        a.edit_delete.setEnabled(bool(sel))
        a.edit_rename.setEnabled(len(entities) == 1)
        for edge in ("left", "hcenter", "right", "top", "vcenter", "bottom"):
            a.all[f"align_{edge}"].setEnabled(len(entities) >= 2)
        a.distribute_horizontal.setEnabled(len(entities) >= 3)
        a.distribute_vertical.setEnabled(len(entities) >= 3)
        a.scenario_delete.setEnabled(len(self.document.project.scenarios) > 1)
        many = len(self.document.project.scenarios) > 1
        a.scenario_next.setEnabled(many)
        a.scenario_prev.setEnabled(many)

    def _on_canvas_zoom_changed(self, zoom: float) -> None:
        self._zoom = zoom
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def _on_canvas_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _on_canvas_tool_changed(self, name: str) -> None:
        action_name = "tool_entity" if name == "place" else f"tool_{name}"
        act = self.actions.all.get(action_name)
        if act is not None and not act.isChecked():
            with QSignalBlocker(act):
                act.setChecked(True)

    def _pick_tool(self, tool: str, kind: str) -> None:
        self.canvas.set_tool(tool, kind)
        self._on_canvas_tool_changed(tool)
        self.canvas.setFocus()

    # editing ---------------------------------------------------------------------------
    def undo(self) -> None:
        self.document.undo()

    def redo(self) -> None:
        self.document.redo()

    def select_all(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self._tables is not None and self._tables.isAncestorOf(focus) \
                and hasattr(focus, "selectAll"):
            focus.selectAll()  # in a table, Select All selects its rows
            return
        self.canvas.select_all()

    def delete_selection(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self._tables is not None and self._tables.isAncestorOf(focus):
            for page in self.tables.pages.values():
                if page.isAncestorOf(focus):
                    page.delete_selected()
                    return
        if hasattr(self.canvas, "delete_selection"):
            self.canvas.delete_selection()

    def insert_object(self, what: str) -> str | None:
        """Add an object of kind ``what`` (defaults from the selection), select it and put the
        keyboard focus in the inspector so it can be named at once."""
        doc = self.document
        try:
            obj = new_object(doc.scenario, what, doc.selected_objects(), lang=current_language())
        except EcodeskError as exc:
            self.statusBar().showMessage(error_text(exc), 8000)
            return None
        error = doc.attempt(AddObject(doc.scenario, obj))
        if error is not None:
            self.statusBar().showMessage(error_text(error), 8000)
            return None
        doc.set_selection([obj.id])  # type: ignore[attr-defined]
        if what in ("entity", "flow") and hasattr(self.canvas, "center_on_ids"):
            self.canvas.center_on_ids([obj.id])  # type: ignore[attr-defined]
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        editor = self.inspector.editors.get("name") or self.inspector.editors.get("volume")
        if editor is not None:
            editor.editor.setFocus()
            if hasattr(editor.editor, "selectAll"):
                editor.editor.selectAll()
        return obj.id  # type: ignore[attr-defined,no-any-return]

    def focus_pane(self, step: int) -> None:
        """F6 / Shift+F6: canvas → inspector → tables → palette (visible ones only)."""
        self.finish_startup()
        panes = [self.canvas] + [d.widget() for d in (self.inspector_dock, self.tables_dock, self.palette_dock)
                                 if d.isVisible()]
        focus = QApplication.focusWidget()
        current = next((i for i, p in enumerate(panes) if focus is not None and (p is focus or p.isAncestorOf(focus))),
                       -1)
        target = panes[(current + step) % len(panes)]
        if target is self.tables:
            page = self.tables.tabs.currentWidget()
            target = page.view if page is not None else target
        elif target is self.inspector:
            target = next((e.editor for e in self.inspector.editors.values() if e.editor.isEnabled()), target)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_find(self) -> None:
        from ecodesk.ui.dialogs.find import FindDialog

        if self._find_dialog is None:
            self._find_dialog = FindDialog(lambda: self.document.scenario, self._on_found, self)
        self._find_dialog.start()

    def _on_found(self, ids: list[str]) -> None:
        self.document.set_selection(ids)
        if hasattr(self.canvas, "center_on_ids"):
            self.canvas.center_on_ids(ids)

    # analysis -----------------------------------------------------------------------------
    def run_analysis(self) -> None:
        """Show the analysis panel and analyse the shown scenario now (off the GUI thread,
        on a copy; progress and Cancel in the status bar)."""
        self.analysis_dock.show()
        self.analysis_dock.raise_()
        self.analysis_panel.run_now()

    # preferences ---------------------------------------------------------------------------
    def show_preferences(self) -> None:
        from ecodesk.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.applied.connect(self.apply_preferences)
        self.preferences_dialog = dialog
        dialog.exec()

    def apply_preferences(self) -> None:
        """Apply language, theme and grid from the settings, live."""
        from ecodesk.ui.i18n import current_language

        s = self.settings
        if s.language != current_language():
            install_language(s.language)  # widgets receive LanguageChange and retranslate
        apply_theme(s.theme)
        self.actions.refresh_icons()
        self._apply_canvas_preferences()
        self._push_look_to_canvas()
        self.autosaver.apply_interval()

    def _apply_canvas_preferences(self) -> None:
        s = self.settings
        for act, value in ((self.actions.view_show_grid, s.show_grid), (self.actions.view_snap_grid, s.snap_to_grid)):
            with QSignalBlocker(act):
                act.setChecked(value)
        self._push_grid_to_canvas()

    def _on_grid_toggled(self, *args: Any) -> None:
        self.settings.show_grid = self.actions.view_show_grid.isChecked()
        self.settings.snap_to_grid = self.actions.view_snap_grid.isChecked()
        self._push_grid_to_canvas()

    def _push_grid_to_canvas(self) -> None:
        c, s = self.canvas, self.settings
        c.show_grid = s.show_grid
        c.snap_to_grid = s.snap_to_grid
        c.viewport().update() if hasattr(c, "viewport") else c.update()

    def _push_look_to_canvas(self) -> None:
        """The canvas and palette draw kind labels and colours themselves: tell them."""
        from ecodesk.ui.i18n import current_language
        from ecodesk.ui.theme import current_theme

        for widget in (self.canvas, self.palette_widget):
            if hasattr(widget, "set_language"):
                widget.set_language(current_language())
        if hasattr(self.canvas, "set_theme"):
            self.canvas.set_theme(current_theme())

    def _toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # help ----------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        from ecodesk.ui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self.actions.all.values(), self).exec()

    def show_log_folder(self) -> bool:
        """Open the log folder in the file manager (created if needed); returns success."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from ecodesk.logs import log_folder
        from ecodesk.userdata import ensure

        folder = log_folder()
        try:
            ensure(folder)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Log folder"), str(exc))
            return False
        self.statusBar().showMessage(str(folder), 10000)
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About ecodesk"), self.tr(
            "<h3>ecodesk {0}</h3><p>Plan mutual supply ecosystems (互供生态): capability reuse, cost sharing "
            "and network resilience.</p><p>Projects are SQLite files you can hand on; everything works "
            "offline.</p>").format(__version__))

    # language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.actions.retranslate()
        self._retranslate_transfer_actions()
        for menu, text in ((self.file_menu, self.tr("&File")), (self.recent_menu, self.tr("Open &Recent")),
                           (self.edit_menu, self.tr("&Edit")), (self.arrange_menu, self.tr("&Arrange")),
                           (self.view_menu, self.tr("&View")), (self.flow_kinds_menu, self.tr("Show &Flows")),
                           (self.panels_menu, self.tr("&Panels")), (self.insert_menu, self.tr("&Insert")),
                           (self.entity_tool_menu, self.tr("Place &Entity")),
                           (self.flow_tool_menu, self.tr("Draw F&low")),
                           (self.analyze_menu, self.tr("&Analyze")), (self.scenario_menu, self.tr("&Scenario")),
                           (self.switch_menu, self.tr("S&witch To")), (self.help_menu, self.tr("&Help"))):
            menu.setTitle(text)
        self.inspector_dock.setWindowTitle(self.tr("Inspector"))
        self.tables_dock.setWindowTitle(self.tr("Tables"))
        self.palette_dock.setWindowTitle(self.tr("Palette"))
        # the panel's own text (it sets it again once built)
        self.analysis_dock.setWindowTitle(QCoreApplication.translate("AnalysisMenus", "Analysis"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.scenario_label.setText(self.tr("&Scenario:") + " ")
        self.scenario_combo.setToolTip(self.tr("The scenario shown and edited (Ctrl+PgUp / Ctrl+PgDown)"))
        self.zoom_label.setText(f"{self._zoom * 100:.0f} %")
        self.zoom_label.setToolTip(self.tr("Zoom"))
        self._update_title()
        self._update_undo()
        self._update_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "help_menu"):
            self.retranslate()
            self._push_look_to_canvas()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "actions"):
            self.actions.refresh_icons()
        super().changeEvent(event)

    # window state ------------------------------------------------------------------------------
    def _restore_window(self) -> None:
        geometry, state = self.settings.window_geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def save_window_state(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self._closed = True
        self.autosaver.discard()  # a clean close leaves no recovery behind
        if self._find_dialog is not None:
            self._find_dialog.close()
        if self._analysis_panel is not None:
            self._analysis_panel.shutdown()
        if self._tables is not None:
            self._tables.detach()
        if self._inspector is not None:
            self._inspector.detach()
        self.document.close_file()
        event.accept()


__all__ = ["MainWindow", "QMenu"]
