"""UI layer: the main window — a thin frame around the document controller.

Three parts, each with one job:

- :class:`ecodesk.ui.controller.DocumentController` (``window.controller``) owns the open
  :class:`Document` and every operation on it as a whole — files, scenarios
  (``controller.scenarios``), import/export (``controller.transfer``), insertion, undo. It
  creates no widget: it asks through ``window.prompter`` (dialogs) and reports through signals.
- :class:`ecodesk.ui.actions.Actions` (``window.actions``) is the action registry: the menus,
  the toolbar, the texts and the enablement are built from one declaration per action
  (:mod:`ecodesk.ui.action_specs`), whose slots call the controller, the canvas or this window.
- The window arranges the canvas, the palette and the docks, keeps the title, the undo texts,
  the scenario switcher and the status bar current, and remembers its layout in QSettings.
  It listens to the controller (``document_changed``) and the document with one
  :class:`~ecodesk.model.Bindings` each.

Start-up: the window is constructed with its document (:func:`ecodesk.ui.controller.start_document`
opens it first). The first paint shows the menus, the toolbar, the canvas, the palette and
the empty dock frames; the dock contents — inspector, tables and analysis panel — are built
right after it (:meth:`MainWindow.finish_startup`), or earlier on first use:
``window.inspector``, ``window.tables`` and ``window.analysis_panel`` build their part when it
does not exist yet. The dock frames exist from the start, so a saved layout is restored
before the window is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QMainWindow, QMenu, QToolBar

from ecodesk.model import Bindings, Entity
from ecodesk.ui.action_specs import ActionState
from ecodesk.ui.actions import Actions
from ecodesk.ui.autosave import Autosaver
from ecodesk.ui.controller import DocumentController, blank_document
from ecodesk.ui.dialogs.prompter import DialogPrompter
from ecodesk.ui.docks import DockPanes
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import command_text, count_text, current_language, install_language
from ecodesk.ui.icons import app_icon
from ecodesk.ui.plaintext import plain
from ecodesk.ui.settings import Settings
from ecodesk.ui.theme import apply_theme
from ecodesk.ui.views_dock import install_views_dock
from ecodesk.ui.windowparts import (
    CanvasLook,
    accept_file_drag,
    drop_file,
    fill_recent_menu,
    fill_switch_menu,
)

if TYPE_CHECKING:
    from ecodesk.ui.inspector import InspectorWidget
    from ecodesk.ui.panels.analysis_panel import AnalysisPanel
    from ecodesk.ui.panels.wiring import AnalysisActions, AnalysisParts, AnalysisStatusWidget
    from ecodesk.ui.tables import TablesWidget

#: Window attribute → menu path of the registry.
MENU_ATTRS = {
    "file_menu": "file", "recent_menu": "file/recent", "edit_menu": "edit", "arrange_menu": "edit/arrange",
    "view_menu": "view", "flow_kinds_menu": "view/flows", "panels_menu": "view/panels", "insert_menu": "insert",
    "entity_tool_menu": "insert/entity", "flow_tool_menu": "insert/flow", "analyze_menu": "analyze",
    "colour_menu": "analyze/colour", "scenario_menu": "scenario", "switch_menu": "scenario/switch",
    "help_menu": "help",
}


class MainWindow(QMainWindow):
    """The ecodesk window: one project at a time (see the module docstring)."""

    # the registry's menus (MENU_ATTRS)
    file_menu: QMenu
    recent_menu: QMenu
    edit_menu: QMenu
    arrange_menu: QMenu
    view_menu: QMenu
    flow_kinds_menu: QMenu
    panels_menu: QMenu
    insert_menu: QMenu
    entity_tool_menu: QMenu
    flow_tool_menu: QMenu
    analyze_menu: QMenu
    colour_menu: QMenu
    scenario_menu: QMenu
    switch_menu: QMenu
    help_menu: QMenu

    def __init__(self, document: Document | None = None, settings: Settings | None = None) -> None:
        super().__init__()
        from ecodesk.ui.canvas import CanvasView, EntityPaletteWidget

        self.setObjectName("ecodesk_main")
        self.setWindowIcon(app_icon())  # the task bar's and the title bar's
        self.settings = settings or Settings(self)
        self.prompter = DialogPrompter(self)
        self.controller = DocumentController(document or blank_document(), self.settings, self.prompter, self)
        self._doc_bindings = Bindings()  # the document's Qt signals (it dies with the window)
        self._model_bindings = Bindings()  # the project's signals (it may outlive the window)
        self._scenario_bindings = Bindings()  # the shown scenario's
        for bindings in (self._model_bindings, self._scenario_bindings):
            self.destroyed.connect(bindings.clear)
        self._counts_pending = False
        self._zoom = 1.0
        self._find_dialog: Any = None
        self._startup_scheduled = False
        self._closed = False

        self.canvas = CanvasView(parent=self)
        self.canvas.setObjectName("canvas")
        self.setCentralWidget(self.canvas)
        self.palette_widget = EntityPaletteWidget(self.canvas, self)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.registry = Actions(self)
        # ``window.actions`` is the registry too (tests, slots): it hides QWidget.actions() on purpose
        setattr(self, "actions", self.registry)  # noqa: B010 - not an assignment type-checkers should see
        # the dock frames now (restoreState below needs them); their contents after the first paint
        self.panes = DockPanes(self, self.canvas, self.palette_widget, self.registry, lambda: self.document,
                               self._show_status, self._on_panes_analysis_built)
        self.inspector_dock, self.tables_dock = self.panes.inspector_dock, self.panes.tables_dock
        self.palette_dock, self.analysis_dock = self.panes.palette_dock, self.panes.analysis_dock
        menus = self.registry.build_menus(self.menuBar(), {
            "panels": lambda menu: self.panes.fill_panels_menu(menu, self.toolbar),
            "analysis_dock": lambda menu: menu.addAction(self.analysis_dock.toggleViewAction())})
        for attr, path in MENU_ATTRS.items():
            setattr(self, attr, menus[path])
        self.views_panel = install_views_dock(self)  # the saved views (slides) and Present
        self.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(self.recent_menu, self.controller, self.registry))
        self.switch_menu.aboutToShow.connect(lambda: fill_switch_menu(self.switch_menu, self.controller))
        self.registry.build_toolbar(self.toolbar, {40: self._add_scenario_switcher})
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self._build_status_bar()
        self._connect_parts()
        self.setAcceptDrops(True)  # a project file dropped on the window (or passed up by the canvas) opens
        self._layout_pending: Any = None  # the first start's dock sizes, applied again once shown
        self._restore_window()
        self.autosaver = Autosaver(self.settings, self._show_status, self)  # recovery while unsaved
        self._on_controller_document_changed(self.document)
        self.canvas_look = CanvasLook(self.settings, self.registry, self.canvas, self.palette_widget)
        self.canvas_look.load_grid()
        self.canvas_look.push_look()
        self.registry.view_minimap.setChecked(self.settings.show_minimap)  # (its toggled sets the canvas)
        self.canvas.legend.user_collapsed = self.settings.legend_collapsed  # across projects and restarts
        self.canvas.legend.collapse_toggled.connect(self._on_legend_collapse_toggled)
        self.canvas.refresh_legend()
        self._retranslate_chrome()  # the registry's texts are set already

    @property
    def document(self) -> Document:
        """The document shown (the controller's)."""
        return self.controller.document

    # construction ------------------------------------------------------------------------
    def _add_scenario_switcher(self, toolbar: QToolBar) -> None:
        self.scenario_label = QLabel(toolbar)
        toolbar.addWidget(self.scenario_label)
        self.scenario_combo = QComboBox(toolbar)
        self.scenario_combo.setObjectName("scenario_combo")
        self.scenario_combo.setMinimumContentsLength(14)
        self.scenario_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scenario_combo.activated.connect(self._on_scenario_combo_activated)
        self.scenario_label.setBuddy(self.scenario_combo)
        toolbar.addWidget(self.scenario_combo)

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

    def _connect_parts(self) -> None:
        c = self.canvas
        c.zoom_changed.connect(self._on_canvas_zoom_changed)
        c.status_message.connect(self._show_status)
        c.tool_changed.connect(self._on_canvas_tool_changed)
        c.flow_kind_visibility_changed.connect(self._on_canvas_flow_kind_visibility_changed)
        ctl = self.controller
        ctl.document_changed.connect(self._on_controller_document_changed)
        ctl.status_message.connect(self._show_status)
        ctl.object_inserted.connect(self._on_controller_object_inserted)
        ctl.transfer.canvas_look = lambda: (c.canvas_scene, c.legend_sections())
        ctl.transfer.report_panel = lambda: self.analysis_panel

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
        if self._layout_pending is not None:  # dock sizes hold once the window has its size
            area, self._layout_pending = self._layout_pending, None
            self.panes.default_layout(area or None)
        if not self._startup_scheduled:  # in case the first paint never comes (minimised)
            QTimer.singleShot(1000, self, self.finish_startup)

    def finish_startup(self) -> None:
        """Build the inspector, the tables and the analysis panel (those not built yet)."""
        if self._closed:  # closed before its first paint was through: the next one builds them
            self._startup_scheduled = False
            return
        self._startup_scheduled = True
        self.panes.build_all()

    @property
    def inspector(self) -> InspectorWidget:
        """The Inspector dock's content (built on first use if the window was not painted yet)."""
        return self.panes.build_inspector()

    @property
    def tables(self) -> TablesWidget:
        """The Tables dock's content (built on first use if the window was not painted yet)."""
        return self.panes.build_tables()

    @property
    def analysis_panel(self) -> AnalysisPanel:
        """The analysis panel (built on first use if the window was not painted yet)."""
        return self._build_analysis().panel

    def _build_analysis(self) -> AnalysisParts:
        return self.panes.build_analysis()

    def _on_panes_analysis_built(self, parts: AnalysisParts) -> None:
        parts.panel.state_changed.connect(self._update_enabled)  # Analyze ▸ Cancel while it runs
        self._update_enabled()

    @property
    def analysis_status(self) -> AnalysisStatusWidget:
        """The analysis progress and Cancel in the status bar (built with the panel)."""
        return self._build_analysis().status

    @property
    def analysis_menus(self) -> AnalysisActions:
        """The registry's analysis actions under their short names (``cancel``, ``auto`` …)."""
        from ecodesk.ui.panels.wiring import AnalysisActions

        self._build_analysis()
        return AnalysisActions(self.registry)

    # following the controller and the document -------------------------------------------------
    def _on_controller_document_changed(self, doc: Document) -> None:
        self.autosaver.attach(doc)  # the old document was saved or discarded: its recovery goes
        self.panes.set_document(doc)
        self.canvas.set_document(doc)
        self._doc_bindings.clear()
        follow: list[tuple[Any, Any]] = [
            (doc.modified_changed, self._update_title), (doc.path_changed, self._update_title),
            (doc.history_changed, self._update_undo), (doc.selection_changed, self._update_enabled),
            (doc.scenario_switched, self._on_document_scenario_switched), (doc.edit_refused, self._show_status)]
        for signal, slot in follow:
            self._doc_bindings.connect(signal, slot)
        project = doc.project
        self._model_bindings.clear()
        for signal, slot in ((project.changed, self._update_title), (project.scenario_added, self._refresh_scenarios),
                             (project.scenario_removed, self._refresh_scenarios),
                             (project.scenario_renamed, self._refresh_scenarios)):
            self._model_bindings.connect(signal, slot)
        self._follow_scenario()
        self._refresh_scenarios()
        self._update_title()
        self._update_undo()
        self._update_counts()

    def _follow_scenario(self) -> None:
        self._scenario_bindings.clear()
        self._scenario_bindings.connect(self.document.scenario.changed, self._schedule_counts)

    def _on_document_scenario_switched(self, scenario: Any) -> None:
        self._follow_scenario()
        self._refresh_scenarios()
        self._update_counts()
        self._show_status(QCoreApplication.translate("ScenarioOps", "Scenario “{0}”").format(scenario.name), 3000)

    def _on_controller_object_inserted(self, obj_id: str, what: str) -> None:
        """A new object: show it and put the keyboard focus in the inspector to name it."""
        if what in ("entity", "flow"):
            self.canvas.center_on_ids([obj_id])
        self.panes.edit_in_inspector()

    def _refresh_scenarios(self, *args: Any) -> None:
        doc = self.document
        names = doc.project.scenario_names()
        with QSignalBlocker(self.scenario_combo):
            self.scenario_combo.clear()
            self.scenario_combo.addItems(names)
            self.scenario_combo.setCurrentIndex(names.index(doc.scenario.name) if doc.scenario.name in names else 0)
        self._update_enabled()

    def _on_scenario_combo_activated(self, index: int) -> None:
        scenarios = self.document.project.scenarios
        if 0 <= index < len(scenarios):
            self.controller.scenarios.switch(scenarios[index])

    # keeping the window current ---------------------------------------------------------
    def _update_title(self, *args: Any) -> None:
        doc = self.document
        self.setWindowTitle(f"{doc.title}[*] — ecodesk")
        self.setWindowModified(doc.modified)
        if doc.modified:
            self.saved_label.setText(self.tr("● Unsaved changes"))
            self.saved_label.setToolTip(self.tr("Save with {0}").format(
                self.registry.file_save.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        else:
            self.saved_label.setText(self.tr("Saved") if doc.path else self.tr("Not saved yet"))
            self.saved_label.setToolTip(plain(doc.path) if doc.path else "")

    def _update_undo(self) -> None:
        h = self.document.history
        undo, redo = h.undo_command(), h.redo_command()
        a = self.registry
        a.edit_undo.setEnabled(undo is not None)
        a.edit_redo.setEnabled(redo is not None)
        a.edit_undo.setText(self.tr("&Undo {0}").format(command_text(undo)) if undo else self.tr("&Undo"))
        a.edit_redo.setText(self.tr("&Redo {0}").format(command_text(redo)) if redo else self.tr("&Redo"))
        for act in (a.edit_undo, a.edit_redo):
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{act.text().replace('&', '')} ({keys})")
        self._update_title()

    def _schedule_counts(self, *args: Any) -> None:
        if not self._counts_pending:
            self._counts_pending = True
            QTimer.singleShot(0, self._update_counts)

    def _update_counts(self) -> None:
        self._counts_pending = False
        s = self.document.scenario
        self.counts_label.setText(f"{count_text(len(s.entities), 'entities')} · {count_text(len(s.flows), 'flows')}")
        self._update_enabled()

    def _update_enabled(self, *args: Any) -> None:
        doc = self.document
        sel = doc.selected_objects()
        analysis = self.panes.analysis_built
        running = analysis is not None and analysis.panel.channel.running
        self.registry.update_enabled(ActionState(len(sel), sum(isinstance(o, Entity) for o in sel),
                                                len(doc.project.scenarios), running))

    def _show_status(self, text: str, msecs: int = 8000) -> None:
        self.statusBar().showMessage(text, msecs)

    def _on_canvas_zoom_changed(self, zoom: float) -> None:
        self._zoom = zoom
        self.zoom_label.setText(f"{zoom * 100:.0f} %")

    def _on_legend_collapse_toggled(self, collapsed: bool) -> None:
        self.settings.legend_collapsed = collapsed

    def _on_canvas_tool_changed(self, name: str) -> None:
        act = self.registry.all.get("tool_entity" if name == "place" else f"tool_{name}")
        if act is not None and not act.isChecked():
            with QSignalBlocker(act):
                act.setChecked(True)

    def _on_canvas_flow_kind_visibility_changed(self, kind: str, visible: bool) -> None:
        """The View menu's flow filters follow the canvas (the legend and the panel toggle them too)."""
        act = self.registry.flow_visible.get(kind)
        if act is not None and act.isChecked() != visible:
            with QSignalBlocker(act):
                act.setChecked(visible)

    # slots of the registry ---------------------------------------------------------------
    def undo(self) -> None:
        self.controller.undo()

    def redo(self) -> None:
        self.controller.redo()

    def pick_tool(self, tool: str, kind: str) -> None:
        self.canvas.set_tool(tool, kind)
        self._on_canvas_tool_changed(tool)
        self.canvas.setFocus()

    def select_all(self) -> None:
        focus = QApplication.focusWidget()
        if focus is not None and self.panes.tables_have_focus() and hasattr(focus, "selectAll"):
            focus.selectAll()  # in a table, Select All selects its rows
        else:
            self.canvas.select_all()

    def delete_selection(self) -> None:
        page = self.panes.table_page_with_focus()
        if page is not None:
            page.delete_selected()
        else:
            self.canvas.delete_selection()

    def focus_pane(self, step: int) -> None:
        """F6 / Shift+F6: canvas → inspector → tables → palette (visible ones only)."""
        self.panes.focus_pane(step)

    def show_find(self) -> None:
        from ecodesk.ui.dialogs.find import FindDialog

        if self._find_dialog is None:
            self._find_dialog = FindDialog(lambda: self.document.scenario, self._on_found, self)
        self._find_dialog.start()

    def _on_found(self, ids: list[str]) -> None:
        self.document.set_selection(ids)
        self.canvas.center_on_ids(ids)

    def run_analysis(self) -> None:
        """Show the analysis panel and analyse the shown scenario now (off the GUI thread)."""
        self.panes.show_analysis().run_now()

    def what_if_selected(self) -> None:
        ents = [o for o in self.document.selected_objects() if isinstance(o, Entity)]
        if len(ents) == 1:
            self.analysis_panel.show_what_if(ents[0].id)
        else:
            self.analysis_panel.status(QCoreApplication.translate(
                "AnalysisMenus", "Select one entity to ask what happens if it leaves"))

    def show_compare(self) -> None:
        self.panes.show_analysis().show_tab("compare")

    def toggle_fullscreen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # preferences ---------------------------------------------------------------------------
    def show_preferences(self) -> None:
        from ecodesk.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.applied.connect(self.apply_preferences)
        self.preferences_dialog = dialog
        dialog.exec()

    def apply_preferences(self) -> None:
        """Apply language, theme, grid and autosave from the settings, live."""
        s = self.settings
        if s.language != current_language():
            install_language(s.language)  # widgets receive LanguageChange and retranslate
        apply_theme(s.theme)
        self.registry.refresh_icons()
        self.canvas_look.load_grid()
        self.canvas_look.push_look()
        self.autosaver.apply_interval()

    # language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every text again, in the language installed now."""
        self.registry.retranslate()
        self._retranslate_chrome()
        self._update_title()
        self._update_undo()
        self._update_counts()

    def _retranslate_chrome(self) -> None:
        self.palette_widget.setToolTip(self.tr("Click a kind, then click on the canvas"))
        self.panes.retranslate()
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.scenario_label.setText(self.tr("&Scenario:") + " ")
        self.scenario_combo.setToolTip(self.tr("The scenario shown and edited (Ctrl+PgUp / Ctrl+PgDown)"))
        self.zoom_label.setText(f"{self._zoom * 100:.0f} %")
        self.zoom_label.setToolTip(self.tr("Zoom"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "counts_label"):
            self.retranslate()
            self.canvas_look.push_look()
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "registry"):
            self.registry.refresh_icons()
        super().changeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        accept_file_drag(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_file_drag(event)

    def dropEvent(self, event: QDropEvent) -> None:
        drop_file(event, self.controller)

    # window state ------------------------------------------------------------------------------
    def _restore_window(self) -> None:
        """The saved geometry and layout; on a first start a size and a dock layout that
        suit the screen (see :meth:`DockPanes.default_layout`)."""
        geometry, state = self.settings.window_geometry(), self.settings.window_state()
        area = self.panes.screen_area()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.panes.size_window(area)
        if state is not None:
            self.restoreState(state)
        else:
            self.panes.default_layout(area)
            self._layout_pending = area if area is not None else False

    def save_window_state(self) -> None:
        self.settings.save_window(self.saveGeometry(), self.saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.controller.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self._closed = True
        self.autosaver.discard()  # a clean close leaves no recovery behind
        if self._find_dialog is not None:
            self._find_dialog.close()
        self.panes.shutdown()
        self.document.close_file()
        event.accept()
