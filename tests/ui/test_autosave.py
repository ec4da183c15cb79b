"""Autosave and recovery: unsaved work is written to a recovery file (never the user's
file); after the app is killed, the next start offers to recover, compare or discard;
saving or a clean close removes the recovery."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ecodesk.commands import AddObject
from ecodesk.model import Entity
from ecodesk.store import open_project, write_project_atomic
from ecodesk.store.recovery import pending_recoveries
from ecodesk.userdata import recovery_dir


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ECODESK_DATA_DIR", str(folder))
    return folder


def _clicks(monkeypatch, answers: list[str]) -> list[str]:
    """Answer custom message boxes by button text, in order; records what was shown."""
    shown: list[str] = []

    def fake_exec(box):
        shown.append(box.text())
        want = answers.pop(0)
        for b in box.buttons():
            if b.text().replace("&", "") == want:
                b.click()
                return 0
        raise AssertionError(f"no button {want!r}")

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda p, t, text, *a: shown.append(text)))
    return shown


def test_autosave_writes_recovery_only_while_unsaved(window, data_dir, tmp_path):
    saver = window.autosaver
    assert not saver.autosave_now()  # nothing unsaved yet
    assert not recovery_dir().exists() or not any(recovery_dir().iterdir())
    window.document.push(AddObject(window.document.scenario, Entity("autosaved", "自动保存")))
    assert saver.autosave_now()
    rec = pending_recoveries(include_running=True)
    assert len(rec) == 1 and "autosaved" in open_project(rec[0].file).scenario().entities
    target = tmp_path / "mine.ecodesk"
    assert window.controller.save_as(target)
    assert pending_recoveries(include_running=True) == []  # saved: nothing to recover
    window.document.push(AddObject(window.document.scenario, Entity("later")))
    before = target.read_bytes()
    assert saver.autosave_now()
    assert target.read_bytes() == before  # never written over the user's file
    window.document.undo()  # back to the saved state
    assert pending_recoveries(include_running=True) == []


def test_autosave_interval_follows_preference(window, data_dir):
    window.settings.autosave_minutes = 3
    window.apply_preferences()
    assert window.autosaver.timer.isActive() and window.autosaver.timer.interval() == 180_000
    window.settings.autosave_minutes = 0
    window.apply_preferences()
    assert not window.autosaver.timer.isActive()


def test_clean_close_removes_recovery(window, data_dir, monkeypatch):
    window.document.push(AddObject(window.document.scenario, Entity("x")))
    window.autosaver.autosave_now()
    assert pending_recoveries(include_running=True)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Discard)
    window.close()
    assert pending_recoveries(include_running=True) == []


KILLED_APP = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from ecodesk.commands import AddObject
    from ecodesk.model import Entity
    from ecodesk.ui.app import create_application
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow
    app = create_application()
    w = MainWindow(Document.load(sys.argv[1]))
    w.show()
    app.processEvents()
    w.document.push(AddObject(w.document.scenario, Entity("unsaved-work", "未保存的工作", "partner")))
    assert w.autosaver.autosave_now()
    os.kill(os.getpid(), signal.SIGKILL)
""")


def _kill_app_with_unsaved_work(tmp_path: Path, sensor_project) -> Path:
    original = tmp_path / "project.ecodesk"
    write_project_atomic(sensor_project, original)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", KILLED_APP, str(original)], env=env, timeout=120,
                       capture_output=True, text=True)
    assert r.returncode == -9, r.stderr[-2000:]
    return original


def test_after_a_kill_the_next_start_recovers(window, data_dir, tmp_path, sensor_project, monkeypatch):
    from ecodesk.ui.autosave import offer_recovery

    original = _kill_app_with_unsaved_work(tmp_path, sensor_project)
    before = original.read_bytes()
    shown = _clicks(monkeypatch, ["Compare…", "Recover"])
    assert offer_recovery(window, window.controller)
    assert "did not close normally" in shown[0]
    assert shown[1] == "Scenario 'Base', entities: 1 added, 0 removed, 0 changed."
    doc = window.document
    assert "unsaved-work" in doc.scenario.entities and doc.modified and doc.path == original
    assert original.read_bytes() == before  # the user's file is untouched until they save
    assert window.controller.save()
    assert "unsaved-work" in open_project(original).scenario().entities
    assert pending_recoveries() == []


def test_after_a_kill_discard_removes_the_recovery(window, data_dir, tmp_path, sensor_project, monkeypatch):
    from ecodesk.ui.autosave import offer_recovery

    _kill_app_with_unsaved_work(tmp_path, sensor_project)
    _clicks(monkeypatch, ["Discard"])
    assert not offer_recovery(window, window.controller)
    assert pending_recoveries() == [] and "unsaved-work" not in window.document.scenario.entities


def test_show_log_folder(window, data_dir, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    window.actions.help_log_folder.trigger()
    assert opened == [str(data_dir / "logs")] and (data_dir / "logs").is_dir()


def test_recovered_work_survives_a_second_crash(window, data_dir, tmp_path, sensor_project, monkeypatch):
    """Recover keeps the recovery (now ours) until the work is saved; autosaves replace it."""
    import json

    from ecodesk.ui.autosave import offer_recovery

    original = _kill_app_with_unsaved_work(tmp_path, sensor_project)
    [rec] = pending_recoveries()
    _clicks(monkeypatch, ["Recover"])
    assert offer_recovery(window, window.controller)
    kept = pending_recoveries(include_running=True)
    assert [r.key for r in kept] == [rec.key]  # still on disk: a crash now would offer it again
    assert "unsaved-work" in open_project(kept[0].file).scenario().entities
    info = json.loads((recovery_dir() / f"{rec.key}.json").read_text(encoding="utf-8"))
    assert info["pid"] == os.getpid()  # claimed: offered again once this process is gone
    window.document.push(AddObject(window.document.scenario, Entity("more-work")))
    assert window.autosaver.autosave_now()
    again = pending_recoveries(include_running=True)
    assert [r.key for r in again] == [rec.key]  # replaced, not doubled
    assert "more-work" in open_project(again[0].file).scenario().entities
    assert window.controller.save()
    assert "more-work" in open_project(original).scenario().entities
    assert pending_recoveries(include_running=True) == []  # saved: the recovery goes
