"""UI layer: the main window's docks — Inspector, Tables, Palette and Analysis — and their
contents, built late.

The dock frames exist from the start (a saved layout restores them before the window is
shown); the inspector, the tables and the analysis panel are built after the first paint
(:meth:`DockPanes.build_all`) or when first asked for (:attr:`DockPanes.inspector` …), over
the document shown then. :class:`DockPanes` also walks the keyboard focus through the panes
(F6) and closes them down with the window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QToolBar, QWidget

if TYPE_CHECKING:
    from ecodesk.ui.inspector import InspectorWidget
    from ecodesk.ui.panels.analysis_panel import AnalysisPanel
    from ecodesk.ui.panels.wiring import AnalysisParts
    from ecodesk.ui.tables import TablesWidget


#: The window's size on a large screen (smaller screens: the available area).
DEFAULT_SIZE = QSize(1280, 800)
TITLE_BAR = 30  # pixels the system's window frame takes above the window on a first start
#: Most of the height a dock below the canvas may take by default.
MAX_BOTTOM_SHARE = 0.35
#: … and on a short, wide laptop screen.
SHORT_BOTTOM_SHARE = 0.24


def screen_area(window: QWidget) -> QRect | None:
    """The available area of the window's screen; None on platforms without a real
    screen (offscreen, minimal: their default 800×800 is no laptop — tests pass one)."""
    if QGuiApplication.platformName() in ("offscreen", "minimal"):
        return None
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def is_short_screen(area: QRect) -> bool:
    """A short, wide screen (1366×768, 1280×800 laptops): height is what the canvas lacks."""
    return area.height() < 900 and area.width() >= 1.4 * area.height()


class DockPanes(QObject):
    """The four docks of ``window`` around ``canvas``; ``document()`` is the document shown,
    ``status(text, msecs)`` shows the parts' messages, ``analysis_built(parts)`` is called once
    the analysis panel exists."""

    def __init__(self, window: QMainWindow, canvas: Any, palette: QWidget, actions: Any,
                 document: Callable[[], Any], status: Callable[[str, int], object],
                 analysis_built: Callable[[AnalysisParts], object]) -> None:
        super().__init__(window)
        self.window, self.canvas, self.palette, self.actions = window, canvas, palette, actions
        self.document, self.status, self._analysis_built = document, status, analysis_built
        self._inspector: InspectorWidget | None = None
        self._tables: TablesWidget | None = None
        self._analysis: AnalysisParts | None = None
        area = Qt.DockWidgetArea
        self.inspector_dock = self._dock("inspector_dock", area.RightDockWidgetArea)
        self.tables_dock = self._dock("tables_dock", area.BottomDockWidgetArea)
        self.palette_dock = self._dock("palette_dock", area.LeftDockWidgetArea, palette)
        self.analysis_dock = self._dock("analysis_dock", area.BottomDockWidgetArea)
        window.tabifyDockWidget(self.tables_dock, self.analysis_dock)
        self.tables_dock.raise_()  # the tables stay in front until the user asks for analysis
        self.short_screen = False
        self._analysis_grown = False
        self.default_layout(None)
        canvas.context_menu_hooks.append(self._canvas_menu_hook)  # until the analysis panel is built

    def screen_area(self) -> QRect | None:
        """The available area of the window's screen (:func:`screen_area`)."""
        return screen_area(self.window)

    def size_window(self, area: QRect | None) -> None:
        """The window's size on a first start: all of a laptop's screen (less the title bar),
        most of a large one (centred); 1280×800 where the screen is unknown."""
        window = self.window
        if area is None:
            window.resize(DEFAULT_SIZE)
        elif area.width() < DEFAULT_SIZE.width() + 80 or area.height() < DEFAULT_SIZE.height() + 80:
            window.move(area.topLeft())
            window.resize(area.width(), area.height() - TITLE_BAR)
        else:
            size = QSize(max(DEFAULT_SIZE.width(), int(area.width() * 0.85)),
                         max(DEFAULT_SIZE.height(), int(area.height() * 0.88)))
            window.resize(size)
            window.move(area.center() - QPoint(size.width() // 2, size.height() // 2 + TITLE_BAR // 2))

    def default_layout(self, area: QRect | None) -> None:
        """The dock sizes of a first start (no saved state) for a screen whose available area
        is ``area`` (None: a large screen). The canvas gets most of the height: the tables and
        the analysis share one tabbed dock below it (Run Analysis brings the analysis to the
        front), 30 % of the height at most — about a quarter on a short, wide laptop screen
        (1366×768, 1280×800), where the side docks are a little narrower too."""
        window = self.window
        height = area.height() if area is not None else DEFAULT_SIZE.height()
        width = area.width() if area is not None else DEFAULT_SIZE.width()
        self.short_screen = area is not None and is_short_screen(area)
        if self.short_screen:
            # the inspector keeps room for its scroll bar (a tab bar of a dock behind it takes height)
            sides = [max(260, min(330, int(width * 0.235))), max(150, min(190, int(width * 0.12)))]
            bottom = int(height * SHORT_BOTTOM_SHARE)
        else:
            sides, bottom = [330, 190], min(340, int(height * 0.3))
        window.resizeDocks([self.inspector_dock, self.palette_dock], sides, Qt.Orientation.Horizontal)
        window.resizeDocks([self.tables_dock, self.analysis_dock], [bottom, bottom], Qt.Orientation.Vertical)

    def _dock(self, name: str, area: Qt.DockWidgetArea, widget: QWidget | None = None) -> QDockWidget:
        dock = QDockWidget(self.window)
        dock.setObjectName(name)
        if widget is not None:
            dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.window.addDockWidget(area, dock)
        return dock

    def fill_panels_menu(self, menu: QMenu, toolbar: QToolBar) -> None:
        """View ▸ Panels: a toggle per dock and for the toolbar."""
        for dock in (self.inspector_dock, self.tables_dock, self.palette_dock):
            menu.addAction(dock.toggleViewAction())
        menu.addAction(toolbar.toggleViewAction())
        menu.addAction(self.analysis_dock.toggleViewAction())

    # the contents, built late -----------------------------------------------------------------
    def build_all(self) -> None:
        self.build_inspector()
        self.build_tables()
        self.build_analysis()

    def build_inspector(self) -> InspectorWidget:
        if self._inspector is None:
            from ecodesk.ui.inspector import InspectorWidget

            self._inspector = InspectorWidget(self.document(), self.window)
            self._inspector.status_message.connect(self.status)
            self.inspector_dock.setWidget(self._inspector)
        return self._inspector

    def build_tables(self) -> TablesWidget:
        if self._tables is None:
            from ecodesk.ui.tables import TablesWidget

            self._tables = TablesWidget(self.document(), self.window)
            self._tables.status_message.connect(self.status)
            self.tables_dock.setWidget(self._tables)
        return self._tables

    def build_analysis(self) -> AnalysisParts:
        if self._analysis is None:
            from ecodesk.ui.panels.wiring import install_analysis_panel

            if self._canvas_menu_hook in self.canvas.context_menu_hooks:  # the panel adds its own
                self.canvas.context_menu_hooks.remove(self._canvas_menu_hook)
            self._analysis = install_analysis_panel(self.document(), self.canvas, self.window,
                                                    self.window.statusBar(), self.actions)
            self.analysis_dock.setWidget(self._analysis.panel)
            self._analysis.panel.status_message.connect(self.status)
            self._analysis_built(self._analysis)
        return self._analysis

    def show_analysis(self) -> AnalysisPanel:
        """The analysis dock, shown in front. The first time in a session, a dock below the
        canvas kept short (a laptop's first start) grows to 35 % of the window's height, so
        the results asked for are in view (the canvas keeps its zoom)."""
        self.analysis_dock.show()
        self.analysis_dock.raise_()
        panel = self.build_analysis().panel
        if not self._analysis_grown and not self.analysis_dock.isFloating() and \
                self.window.dockWidgetArea(self.analysis_dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            self._analysis_grown = True
            want = int(self.window.height() * MAX_BOTTOM_SHARE)
            if self.analysis_dock.height() < want:
                self.window.resizeDocks([self.analysis_dock], [want], Qt.Orientation.Vertical)
        return panel

    def edit_in_inspector(self) -> None:
        """The inspector in front with the keyboard in its first field (a new object's name)."""
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        inspector = self.build_inspector()
        editor = inspector.editors.get("name") or inspector.editors.get("volume")
        if editor is not None:
            editor.editor.setFocus()
            if hasattr(editor.editor, "selectAll"):  # a line edit or a spin box
                editor.editor.selectAll()

    def _canvas_menu_hook(self, menu: QMenu, item: Any) -> None:
        """The analysis panel's entries in the canvas context menu (What If It Leaves?…)
        when the menu is opened before the panel is built."""
        self.build_analysis().panel.link._add_canvas_menu_entries(menu, item)

    @property
    def analysis_built(self) -> AnalysisParts | None:
        """The analysis panel and its status widget if built, else None (nothing is built)."""
        return self._analysis

    def set_document(self, document: Any) -> None:
        """The built parts follow ``document`` (parts not built yet are built over it)."""
        for part in (self._inspector, self._tables, self._analysis.panel if self._analysis else None):
            if part is not None:
                part.set_document(document)

    def shutdown(self) -> None:
        """The window closes: stop analyses, let go of the document."""
        if self._analysis is not None:
            self._analysis.panel.shutdown()
        for part in (self._tables, self._inspector):
            if part is not None:
                part.detach()

    def retranslate(self) -> None:
        self.inspector_dock.setWindowTitle(QCoreApplication.translate("MainWindow", "Inspector"))
        self.tables_dock.setWindowTitle(QCoreApplication.translate("MainWindow", "Tables"))
        self.palette_dock.setWindowTitle(QCoreApplication.translate("MainWindow", "Palette"))
        self.analysis_dock.setWindowTitle(QCoreApplication.translate("AnalysisMenus", "Analysis"))
        self.analysis_dock.toggleViewAction().setText(QCoreApplication.translate("AnalysisMenus", "Analysis &Panel"))

    # keyboard focus ---------------------------------------------------------------------------
    def tables_have_focus(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and self._tables is not None and self._tables.isAncestorOf(focus)

    def table_page_with_focus(self) -> Any:
        """The table page holding the keyboard focus, or None."""
        focus = QApplication.focusWidget()
        if focus is None or self._tables is None or not self._tables.isAncestorOf(focus):
            return None
        return next((p for p in self._tables.pages.values() if p.isAncestorOf(focus)), None)

    def focus_pane(self, step: int) -> None:
        """F6 / Shift+F6: canvas → inspector → tables → palette (visible ones only)."""
        self.build_all()
        panes = [self.canvas] + [d.widget() for d in (self.inspector_dock, self.tables_dock, self.palette_dock)
                                 if d.isVisible()]
        focus = QApplication.focusWidget()
        current = next((i for i, p in enumerate(panes) if focus is not None and (p is focus or p.isAncestorOf(focus))),
                       -1)
        target = panes[(current + step) % len(panes)]
        if target is self._tables:
            page = self._tables.tabs.currentWidget()
            target = page.view if page is not None else target
        elif target is self._inspector:
            target = next((e.editor for e in self._inspector.editors.values() if e.editor.isEnabled()), target)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
