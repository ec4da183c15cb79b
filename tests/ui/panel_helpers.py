"""Helpers for the analysis panel tests: the main window over a template (or any project),
waiting for current results, and reading the panel's tables."""

from __future__ import annotations

from ecodesk.model import Project
from ecodesk.ui.document import Document
from ecodesk.ui.mainwindow import MainWindow


def open_window(qtbot, project: Project, size: tuple[int, int] = (1400, 900), show_panel: bool = True) -> MainWindow:
    w = MainWindow(Document(project))
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    if show_panel:
        w.analysis_dock.show()
        w.analysis_dock.raise_()
    return w


def wait_current(qtbot, panel, timeout: int = 30_000) -> dict:
    """Wait until the panel shows the result of the scenario as it is now."""
    ch = panel.channel
    if ch.result is None or ch.stale:
        if not ch.running and not ch.pending:
            ch.run_now()
    qtbot.waitUntil(lambda: ch.result is not None and not ch.stale and not ch.running, timeout=timeout)
    return ch.result


def rows_by_id(model, key: str = "id") -> dict:
    return {r[key]: r for r in model.rows}


def project_of(template: str) -> Project:
    from ecodesk.templates import load_template

    return load_template(template)
