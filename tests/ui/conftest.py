"""UI test isolation: every test gets its own QSettings folder (the real user configuration
is never touched), English and the system theme, no sample projects, and modal dialogs
that answer at once instead of blocking the offscreen run."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox


@pytest.fixture(autouse=True)
def _isolated_ui(tmp_path, monkeypatch, qapp):
    settings_dir = tmp_path / "settings"
    settings_dir.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(settings_dir))
    empty = tmp_path / "no_samples"
    empty.mkdir()
    monkeypatch.setenv("ECODESK_PROJECTS", str(empty))
    # A dialog that would wait for a user answers at once (tests override per case).
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard)
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("", False)))
    from ecodesk.ui.i18n import current_language, install_language
    from ecodesk.ui.theme import apply_theme, theme_name

    yield settings_dir
    if current_language() != "en":
        install_language("en")
    if theme_name() != "system":
        apply_theme("system")


@pytest.fixture
def boxes(monkeypatch):
    """Record message boxes and answer them: ``boxes.answer`` (a StandardButton) or, with
    ``boxes.click`` set, the button with that text."""
    rec = SimpleNamespace(answer=QMessageBox.StandardButton.Cancel, click=None, shown=[])

    def fake_exec(box):
        rec.shown.append((box.windowTitle(), box.text(), box.informativeText()))
        if rec.click is not None:
            for b in box.buttons():
                if b.text().replace("&", "") == rec.click:
                    b.click()
                    return 0
        return rec.answer

    def fake_static(parent, title, text, *a, **k):
        rec.shown.append((title, text, ""))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(fake_static))
    return rec


@pytest.fixture
def window(qtbot):
    """The main window over the sample project, shown offscreen."""
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow
    from tests.ui.mw_helpers import sample_project

    w = MainWindow(Document(sample_project()))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
