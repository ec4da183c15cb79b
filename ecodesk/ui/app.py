"""UI layer: start the desktop app — QApplication, language, theme, the main window, and the
project to show (the files given, else the most recent project, else a sample)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ecodesk.ui.settings import APPLICATION, ORGANIZATION

if TYPE_CHECKING:  # Qt and the window load when the app starts, not when this module is imported
    from PySide6.QtCore import QCoreApplication

    from ecodesk.ui.mainwindow import MainWindow


def create_application(argv: Sequence[str] | None = None, *, lang: str = "en") -> QCoreApplication:
    """The QApplication (created once), named so QSettings finds the user's preferences.

    Qt that cannot start its platform plugin prints its own message and aborts the process (a
    core dump, exit 134): while the application is created, Qt's messages are held back, and a
    fatal one becomes :class:`~ecodesk.display.NoWindowError`'s one sentence and exit status 1."""
    try:
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:  # a system library of Qt's GUI module is missing (libEGL …)
        from ecodesk.display import import_failure

        raise import_failure(exc) from exc

    app = QApplication.instance() or _guarded_application(QApplication, list(argv or sys.argv[:1]), lang)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    QGuiApplication.setApplicationDisplayName("ecodesk")
    QGuiApplication.setDesktopFileName("ecodesk")  # Wayland and task bars match the .desktop entry
    from ecodesk.ui.icons import app_icon

    QGuiApplication.setWindowIcon(app_icon())
    return app


def _guarded_application(cls: type, argv: list[str], lang: str) -> QCoreApplication:
    """``cls(argv)`` with Qt's messages held back meanwhile: a fatal one (no platform plugin could
    start) prints the one sentence and ends the process with status 1 — Qt would abort right
    after the handler returns, so there is no way back into Python; the others are printed
    once the application exists, as Qt would have."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    held: list[str] = []

    def hold(kind: QtMsgType, context: object, message: str) -> None:
        if kind != QtMsgType.QtFatalMsg:
            held.append(message)
            return
        from ecodesk.display import fatal_qt_problem, tell_desktop

        problem = fatal_qt_problem([*held, message])
        try:
            import logging

            logging.getLogger("ecodesk.app").error("Qt could not start: %s", " | ".join([*held, message]))
            sys.stderr.write(f"ecodesk: {problem.sentence(lang)}\n")
            sys.stderr.flush()
            tell_desktop(problem.sentence(lang))
        finally:
            os._exit(1)

    previous = qInstallMessageHandler(hold)
    try:
        app = cls(argv)
    finally:
        qInstallMessageHandler(previous)
    for message in held:
        sys.stderr.write(message + "\n")
    return app


def build_window(files: Sequence[str] = (), *, first_start: bool = True) -> MainWindow:
    """Language, theme, the first document (opened before any widget exists: see
    :func:`ecodesk.ui.controller.start_document`) and the main window over it (not yet shown)."""
    from PySide6.QtCore import QCoreApplication

    from ecodesk.ui.controller import start_document
    from ecodesk.ui.i18n import install_language
    from ecodesk.ui.mainwindow import MainWindow
    from ecodesk.ui.settings import Settings
    from ecodesk.ui.theme import apply_theme

    settings = Settings()
    install_language(settings.language)
    apply_theme(settings.theme)
    document, failed, message = start_document(settings, files, first_start=first_start)
    window = MainWindow(document, settings)
    if message:
        window.statusBar().showMessage(message, 8000)
    for path, reason in failed:  # a file given on the command line that cannot be read
        window.prompter.error(QCoreApplication.translate("DocumentController", "Cannot open “{0}”").format(Path(path).name),
                              reason)
    if files and document.path is None and document.project.import_remarks:
        # another tool's file given on the command line: what its importer wants the user to know,
        # once the window is up (as after File → Import…)
        from PySide6.QtCore import QTimer

        name = Path(files[0]).name
        QTimer.singleShot(0, window, lambda: window.controller.transfer.show_import_remarks(document.project, name))
    return window


def run_app(files: Sequence[str] = (), *, lang: str = "en") -> int:
    """Open the main window (with ``files`` or the most recent/sample project) and run;
    :class:`~ecodesk.display.NoWindowError` when no window can open here (``lang``: of its sentence)."""
    from ecodesk.logs import setup_logging

    setup_logging()
    from ecodesk.display import check_can_open_window

    check_can_open_window()  # no display, missing X11 libraries: one sentence (exit 1), not Qt's abort
    app = create_application(lang=lang)
    window = build_window(files)
    window.show()
    if os.environ.get("ECODESK_STARTUP_PROBE"):
        _report_startup(window)
    else:
        from PySide6.QtCore import QTimer

        from ecodesk.ui.autosave import offer_recovery

        QTimer.singleShot(0, lambda: offer_recovery(window, window.controller))  # after a crash: recover, compare, discard
    return int(app.exec())


def _report_startup(window: MainWindow) -> None:
    """Print the moment the window is exposed and quit (startup-time measurement)."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def probe() -> None:
        if window.isVisible() and window.windowHandle() is not None and window.windowHandle().isExposed():
            print(f"ECODESK_WINDOW_SHOWN {time.time():.6f}", flush=True)
            QApplication.quit()
        else:
            QTimer.singleShot(1, probe)

    QTimer.singleShot(0, probe)
