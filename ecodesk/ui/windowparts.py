"""UI layer: small parts of the main window that need no window state — the menus filled
when they open (Open Recent, Switch To), files dropped on the window, the canvas's
look from the preferences (:class:`CanvasLook`), the About box and the log folder. They talk
to the document controller, the settings and the canvas, not to the window's internals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, QUrl
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from ecodesk import __version__
from ecodesk.ui.document import IMPORT_SUFFIXES, PROJECT_SUFFIX
from ecodesk.ui.i18n import current_language
from ecodesk.ui.plaintext import plain
from ecodesk.ui.theme import current_theme

OPENABLE = (PROJECT_SUFFIX, *IMPORT_SUFFIXES)


def fill_recent_menu(menu: QMenu, controller: Any, actions: Any) -> None:
    """File ▸ Open Recent: the recent files that still exist, then Clear Recent Files."""
    menu.clear()
    recent = controller.recent_files()
    for i, path in enumerate(recent, 1):
        action = menu.addAction(f"&{i % 10}  {Path(path).name}")
        action.setToolTip(plain(path))
        action.setStatusTip(path)  # the status bar draws plain text
        action.setData(path)
        action.triggered.connect(lambda checked=False, p=path: controller.open_recent(p))
    if recent:
        menu.addSeparator()
    menu.addAction(actions.file_clear_recent)
    actions.file_clear_recent.setEnabled(bool(recent))


def fill_switch_menu(menu: QMenu, controller: Any) -> None:
    """Scenario ▸ Switch To: every scenario, the shown one checked."""
    menu.clear()
    doc = controller.document
    for i, s in enumerate(doc.project.scenarios):
        act = menu.addAction(f"&{i + 1}  {s.name}" if i < 9 else s.name)
        act.setCheckable(True)
        act.setChecked(s is doc.scenario)
        act.triggered.connect(lambda checked=False, sc=s: controller.scenarios.switch(sc))


def _local_paths(event: QDropEvent) -> list[Path]:
    mime = event.mimeData()
    urls: list[QUrl] = mime.urls() if mime.hasUrls() else []
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in OPENABLE]


def accept_file_drag(event: QDropEvent) -> None:
    """Take a drag (enter or move) that carries a project or interchange JSON file."""
    if _local_paths(event):
        event.acceptProposedAction()
    else:
        event.ignore()


def drop_file(event: QDropEvent, controller: Any) -> bool:
    """Open the first project (or interchange JSON) file dropped; False if there was none."""
    paths = _local_paths(event)
    if not paths:
        event.ignore()
        return False
    event.acceptProposedAction()
    return bool(controller.open_file(paths[0]))


class CanvasLook:
    """The preferences the canvas draws with: grid and snapping (from the settings and the
    View menu's checkable actions), language and theme of its labels and colours."""

    def __init__(self, settings: Any, actions: Any, canvas: Any, palette: Any) -> None:
        self.settings, self.actions, self.canvas, self.palette = settings, actions, canvas, palette

    def load_grid(self) -> None:
        """The View menu and the canvas take the grid preferences from the settings."""
        s = self.settings
        for act, value in ((self.actions.view_show_grid, s.show_grid), (self.actions.view_snap_grid, s.snap_to_grid)):
            with QSignalBlocker(act):
                act.setChecked(value)
        self._push_grid()

    def on_grid_toggled(self) -> None:
        """View ▸ Show Grid / Snap to Grid: into the settings and onto the canvas."""
        self.settings.show_grid = self.actions.view_show_grid.isChecked()
        self.settings.snap_to_grid = self.actions.view_snap_grid.isChecked()
        self._push_grid()

    def _push_grid(self) -> None:
        self.canvas.show_grid = self.settings.show_grid
        self.canvas.snap_to_grid = self.settings.snap_to_grid
        self.canvas.viewport().update()

    def push_look(self) -> None:
        """The canvas and palette draw kind labels and colours themselves: tell them."""
        self.canvas.set_language(current_language())
        self.palette.set_language(current_language())
        self.canvas.set_theme(current_theme())


def show_shortcuts(parent: QWidget, actions: Iterable[QAction]) -> None:
    """Help ▸ Keyboard Shortcuts."""
    from ecodesk.ui.dialogs.shortcuts import ShortcutsDialog

    ShortcutsDialog(actions, parent).exec()


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("MainWindow", "About ecodesk"), QCoreApplication.translate(
        "MainWindow",
        "<h3>ecodesk {0}</h3><p>Plan mutual supply ecosystems (互供生态): capability reuse, cost sharing "
        "and network resilience.</p><p>Projects are SQLite files you can hand on; everything works "
        "offline.</p>").format(__version__))


def show_log_folder(parent: QWidget, status: Callable[[str, int], object]) -> bool:
    """Open the log folder in the file manager (created if needed); returns success."""
    from PySide6.QtGui import QDesktopServices

    from ecodesk.logs import log_folder
    from ecodesk.userdata import ensure

    folder = log_folder()
    try:
        ensure(folder)
    except OSError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("MainWindow", "Log folder"), plain(str(exc)))
        return False
    status(str(folder), 10000)
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
