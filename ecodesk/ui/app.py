"""UI layer: start the desktop app (QApplication, main window)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def run_app(files: Sequence[str] = ()) -> int:
    """Open the main window (with ``files`` or the most recent/sample project)."""
    from PySide6.QtWidgets import QApplication

    from ecodesk.ui.mainwindow import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ecodesk")
    app.setOrganizationName("ecodesk")
    window = MainWindow()
    window.show()
    for f in files:
        window.open_file(f)
    return int(app.exec())
