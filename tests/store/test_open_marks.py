"""A project file open in another ecodesk process is seen when opening it (the save would
be refused later); a file closed there, or left by a process that died, is not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ecodesk.store import ProjectFile, open_elsewhere, write_project_atomic
from ecodesk.store.openmarks import _mark_path, marks_dir

ROOT = Path(__file__).resolve().parents[2]


def start_holder(path: Path) -> subprocess.Popen:
    """Another process holding ``path`` open (same data folder: the environment is inherited)."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.store.holder", str(path)], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def stop_holder(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        assert proc.stdin is not None
        proc.stdin.write("close\n")
        proc.stdin.flush()
        assert proc.stdout is not None and proc.stdout.readline().strip() == "closed"
    proc.wait(timeout=30)


@pytest.fixture
def project_path(tmp_path, sample_project):
    path = tmp_path / "plan.ecodesk"
    write_project_atomic(sample_project, path)
    return path


def test_a_file_open_in_another_process_is_reported_with_its_pid(project_path):
    assert open_elsewhere(project_path) is None
    proc = start_holder(project_path)
    try:
        other = open_elsewhere(project_path)
        assert other is not None and other.pid == proc.pid
        # the same file through another spelling of its path
        other2 = open_elsewhere(project_path.parent / "." / project_path.name)
        assert other2 is not None and other2.pid == proc.pid
        assert open_elsewhere(project_path.with_name("other.ecodesk")) is None
        # this process opening it too does not hide the other one, nor count itself
        with ProjectFile.open(project_path):
            assert open_elsewhere(project_path).pid == proc.pid
    finally:
        stop_holder(proc)
    assert open_elsewhere(project_path) is None  # closed there: the mark went with it


def test_own_process_and_save_as_move_the_mark(project_path, tmp_path):
    moved = tmp_path / "moved.ecodesk"
    pf = ProjectFile.open(project_path)
    mine, there = _mark_path(project_path, os.getpid()), _mark_path(moved, os.getpid())
    assert mine.is_file() and open_elsewhere(project_path) is None  # ourselves: not "another window"
    pf.save_as(moved)
    assert not mine.exists() and there.is_file()
    pf.close()
    assert not there.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_mark_left_by_a_killed_process_is_ignored_and_swept(project_path):
    proc = start_holder(project_path)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    left = list(marks_dir().glob(f"*-{proc.pid}.json"))
    assert len(left) == 1  # the crash left its mark …
    assert open_elsewhere(project_path) is None  # … which no longer counts
    assert not left[0].exists()


def test_an_unwritable_data_folder_never_fails_an_open(project_path, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("ECODESK_DATA_DIR", str(blocker))
    with ProjectFile.open(project_path) as pf:
        assert pf.project.name
        assert open_elsewhere(project_path) is None
