"""Robustness: faults while saving — read-only files and folders, a full disk, a file deleted
or moved while open, a folder (USB stick) that vanished.

Every case checks the same four things: the save raises :class:`ProjectFileError` with one
clear sentence naming the file; the in-memory project is unchanged and still marked
unsaved; the original file, where it still exists, is byte-for-byte unchanged; no
temporary file or journal is left behind. And afterwards Save As (or, once the fault is
gone, Save) still works.

Real faults where the machine allows them (as root: ``chattr +i`` for read-only files and
folders, a size-limited ``tmpfs`` for a full disk, a read-only remount for EROFS, a lazy
unmount for a removed stick); simulated ones (monkeypatched ``os``/``sqlite3`` calls
raising the same errors) always, so the properties are checked on any machine.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import ecodesk.store.writing as writing
from ecodesk.io.jsonio import project_to_json
from ecodesk.model import Entity, EntityKind, Project
from ecodesk.store import ProjectFile, ProjectFileError, open_project, write_project_atomic
from tests.robustness.conftest import load_generator

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _can(cmd: list[str]) -> bool:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.fixture(scope="module")
def chattr_works(tmp_path_factory: pytest.TempPathFactory) -> bool:
    probe = tmp_path_factory.mktemp("probe") / "probe"
    probe.write_text("x")
    ok = IS_ROOT and shutil.which("chattr") is not None and _can(["chattr", "+i", str(probe)])
    if ok:
        _can(["chattr", "-i", str(probe)])
    return ok


@pytest.fixture(scope="module")
def mount_works(tmp_path_factory: pytest.TempPathFactory) -> bool:
    point = tmp_path_factory.mktemp("mountprobe")
    ok = IS_ROOT and _can(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(point)])
    if ok:
        _can(["umount", str(point)])
    return ok


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    subprocess.run(["chattr", "+i", str(path)], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@contextlib.contextmanager
def tmpfs(point: Path, size: str) -> Iterator[Path]:
    point.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], check=True)
    try:
        yield point
    finally:
        if not _can(["umount", str(point)]):
            _can(["umount", "-l", str(point)])


# -- the common checks -------------------------------------------------------------------------


def digest(project: Project) -> str:
    return hashlib.sha256(json.dumps(project_to_json(project), sort_keys=True).encode()).hexdigest()


def listing(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


class Guard:
    """Snapshot before a failing save; :meth:`check` proves nothing was lost or left."""

    def __init__(self, pf: ProjectFile, *folders: Path) -> None:
        self.pf = pf
        self.project = digest(pf.project)
        self.path = pf.path
        self.folders = {f: listing(f) for f in {pf.path.parent, *folders}}

    def check(self, err: ProjectFileError, shown: Path, reasons: tuple[str, ...]) -> None:
        text = str(err)
        if os.environ.get("ECODESK_SHOW_MESSAGES"):
            print(f"\n[{err.reason}] {text}\n          {err.sentence('zh')}")
        assert err.reason in reasons, text
        assert text.startswith(f"'{shown}' ") and text.endswith("."), text
        assert "\n" not in text and text.count(". ") == 0, f"not one sentence: {text}"
        assert err.sentence("zh").startswith(f"“{shown}”"), err.sentence("zh")
        assert digest(self.pf.project) == self.project, "the in-memory project changed"
        assert self.pf.path == self.path, "the project file now points elsewhere"
        assert self.pf.has_unsaved_changes(), "the unsaved work is no longer marked unsaved"
        for folder, before in self.folders.items():
            assert listing(folder) == before, f"files in {folder} changed or were left behind"


def edit(pf: ProjectFile, n: int = 30) -> None:
    """Unsaved work: renamed and added entities."""
    s = pf.project.scenario()
    for i in range(n):
        e = s.entities.at(i)
        s.replace(e.evolve(name=f"{e.name} · 未保存 {i}"))
    for i in range(n):
        s.add(Entity(f"FAULT{i:03d}", f"新主体 {i}", EntityKind.CHANNEL, notes="备注 " * 50))


def saved_ok(pf: ProjectFile) -> None:
    assert not pf.has_unsaved_changes()
    assert open_project(pf.path).content_equals(pf.project)
    assert [p.name for p in pf.path.parent.iterdir() if p.name.startswith(".") or p.name.endswith("-journal")] == []


@pytest.fixture
def project() -> Project:
    return load_generator().generate_s2b2b(5, 60, 3, seed=4)


@pytest.fixture
def pf(tmp_path: Path) -> ProjectFile:
    folder = tmp_path / "docs"
    folder.mkdir()
    pf = ProjectFile.create(load_generator().generate_s2b2b(5, 60, 3, seed=4), folder / "plan.ecodesk")
    edit(pf)
    return pf


# -- read-only files and folders ---------------------------------------------------------------


def test_save_to_a_read_only_file(pf: ProjectFile, chattr_works: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    guard = Guard(pf)
    if chattr_works:
        with immutable(pf.path), pytest.raises(ProjectFileError) as info:
            pf.save()
    else:  # simulated: SQLite refuses to write (what a read-only file gives a non-root user)
        real = sqlite3.connect

        def connect(*args: Any, **kwargs: Any) -> Any:
            if "mode=rw" in str(args[0]):
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return real(*args, **kwargs)

        monkeypatch.setattr(writing.sqlite3, "connect", connect)
        with pytest.raises(ProjectFileError) as info:
            pf.save()
        monkeypatch.undo()
    guard.check(info.value, pf.path, ("write_failed",))
    assert "last saved content" in str(info.value)
    pf.save()  # the fault is gone: the same save now works
    saved_ok(pf)


def test_save_as_over_a_read_only_file(pf: ProjectFile, tmp_path: Path, chattr_works: bool) -> None:
    if not chattr_works:
        pytest.skip("needs root and chattr (a read-only file can be replaced by a rename otherwise)")
    other = tmp_path / "docs" / "locked.ecodesk"
    write_project_atomic(load_generator().generate_s2b2b(2, 5, 1, seed=1), other)
    locked = other.read_bytes()
    guard = Guard(pf)
    with immutable(other), pytest.raises(ProjectFileError) as info:
        pf.save_as(other)
    guard.check(info.value, other, ("write_failed",))
    assert other.read_bytes() == locked
    rescued = tmp_path / "docs" / "rescued.ecodesk"
    pf.save_as(rescued)
    saved_ok(pf)


@pytest.mark.parametrize("action", ["save", "save_as"])
def test_save_into_a_read_only_folder(
    pf: ProjectFile, tmp_path: Path, chattr_works: bool, monkeypatch: pytest.MonkeyPatch, action: str
) -> None:
    folder = pf.path.parent
    target = pf.path if action == "save" else folder / "copy.ecodesk"
    guard = Guard(pf)
    if chattr_works:
        with immutable(folder), pytest.raises(ProjectFileError) as info:
            pf.save() if action == "save" else pf.save_as(target)
    else:  # simulated: no file may be created in the folder (journal, temporary file)

        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise PermissionError(errno.EACCES, "Permission denied")

        if action == "save":
            monkeypatch.setattr(
                writing.sqlite3,
                "connect",
                lambda *a, **k: (_ for _ in ()).throw(sqlite3.OperationalError("unable to open database file")),
            )
        else:
            monkeypatch.setattr(writing.os, "open", refuse)
        with pytest.raises(ProjectFileError) as info:
            pf.save() if action == "save" else pf.save_as(target)
        monkeypatch.undo()
    guard.check(info.value, target, ("write_failed",))
    assert not (folder / "copy.ecodesk").exists()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    pf.save_as(elsewhere / "rescued.ecodesk")
    saved_ok(pf)


def test_save_on_a_read_only_file_system(project: Project, tmp_path: Path, mount_works: bool) -> None:
    """A real EROFS: the folder is a tmpfs remounted read-only (a locked SD card, a
    read-only network share)."""
    if not mount_works:
        pytest.skip("needs root to mount a tmpfs")
    with tmpfs(tmp_path / "ro", "4m") as point:
        stick = ProjectFile.create(project, point / "plan.ecodesk")
        edit(stick)
        subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)
        try:
            for action in ("save", "save_as"):
                guard = Guard(stick)
                target = stick.path if action == "save" else point / "other.ecodesk"
                with pytest.raises(ProjectFileError) as info:
                    stick.save() if action == "save" else stick.save_as(target)
                guard.check(info.value, target, ("write_failed",))
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(point)], check=True)
        stick.save()
        saved_ok(stick)


# -- a full disk -------------------------------------------------------------------------------


def _fill(point: Path, leave: int) -> Path:
    """Fill the file system at ``point`` until only about ``leave`` bytes are free."""
    filler = point / "filler.bin"
    st = os.statvfs(point)
    free = st.f_bavail * st.f_frsize
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free - leave))
    return filler


@pytest.mark.parametrize("action", ["save", "save_as", "create"])
def test_full_disk_for_real(project: Project, tmp_path: Path, mount_works: bool, action: str) -> None:
    if not mount_works:
        pytest.skip("needs root to mount a size-limited tmpfs")
    with tmpfs(tmp_path / "small", "2m") as point:
        pf = ProjectFile.create(project, point / "plan.ecodesk")
        edit(pf, n=60)
        # big unsaved work: many long notes, so the save needs far more room than is left
        s = pf.project.scenario()
        for i in range(60):
            e = s.entities.at(i)
            s.replace(e.evolve(notes="满盘测试 " * 400))
        filler = _fill(point, leave=48 * 1024)
        guard = Guard(pf)
        target = {"save": pf.path, "save_as": point / "copy.ecodesk", "create": pf.path}[action]
        with pytest.raises(ProjectFileError) as info:
            if action == "save":
                pf.save()
            elif action == "save_as":
                pf.save_as(target)
            else:
                ProjectFile.create(pf.project, target)
        if action == "create":  # not through pf: only the file and the folder matter
            guard.pf = pf
        guard.check(info.value, target, ("write_failed",))
        assert "space" in str(info.value) or "full" in str(info.value), str(info.value)
        filler.unlink()  # room again: the same save now works
        pf.save()
        saved_ok(pf)


@pytest.mark.parametrize("action", ["save", "save_as"])
@pytest.mark.parametrize(
    "failure", [OSError(errno.ENOSPC, "No space left on device"), sqlite3.OperationalError("database or disk is full")]
)
def test_full_disk_simulated(
    pf: ProjectFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, action: str, failure: BaseException
) -> None:
    """The disk fills up half-way through writing rows (in place, or into the temporary file)."""
    calls = [0]
    real_diff, real_insert = writing._diff_scenario, writing._insert_all

    def diff(*args: Any, **kwargs: Any) -> Any:
        real_diff(*args, **kwargs)  # rows are written …
        raise failure  # … then the disk is full

    def insert(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == 4:
            raise failure
        return real_insert(*args, **kwargs)

    target = pf.path if action == "save" else tmp_path / "docs" / "copy.ecodesk"
    guard = Guard(pf)
    if action == "save":
        monkeypatch.setattr(writing, "_diff_scenario", diff)
    else:
        monkeypatch.setattr(writing, "_insert_all", insert)
    with pytest.raises(ProjectFileError) as info:
        pf.save() if action == "save" else pf.save_as(target)
    monkeypatch.undo()
    guard.check(info.value, target, ("write_failed",))
    pf.save()
    saved_ok(pf)


# -- the file or its folder went away -----------------------------------------------------------


def _delete(pf: ProjectFile, tmp_path: Path) -> Path:
    pf.path.unlink()
    return pf.path


def _move(pf: ProjectFile, tmp_path: Path) -> Path:
    moved = tmp_path / "moved.ecodesk"
    shutil.move(pf.path, moved)
    return pf.path


def _folder_gone(pf: ProjectFile, tmp_path: Path) -> Path:
    shutil.rmtree(pf.path.parent)
    return pf.path


@pytest.mark.parametrize("fault", [_delete, _move, _folder_gone], ids=["deleted", "moved", "folder vanished"])
def test_file_gone_while_open(pf: ProjectFile, tmp_path: Path, fault: Callable[[ProjectFile, Path], Path]) -> None:
    gone = fault(pf, tmp_path)
    guard = Guard(pf, tmp_path)
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    guard.check(info.value, gone, ("missing",))
    assert "Save As" in str(info.value) and "另存为" in info.value.sentence("zh")
    assert not gone.exists(), "the save must not silently recreate the file"
    if not gone.parent.exists():  # Save As into the vanished folder: refused the same way
        with pytest.raises(ProjectFileError) as again:
            pf.save_as(gone)
        guard.check(again.value, gone, ("write_failed",))
        assert "nothing was created" in str(again.value)
    pf.save_as(tmp_path / "rescued.ecodesk")
    saved_ok(pf)


def test_file_replaced_by_something_else_while_open(pf: ProjectFile, tmp_path: Path) -> None:
    pf.path.write_text("not a project any more")
    guard = Guard(pf)
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    guard.check(info.value, pf.path, ("changed_on_disk",))
    assert pf.path.read_text() == "not a project any more"
    pf.save_as(tmp_path / "rescued.ecodesk")
    saved_ok(pf)


def test_usb_stick_removed(project: Project, tmp_path: Path, mount_works: bool) -> None:
    """The project lives on a stick (a tmpfs here) that is pulled out (lazy unmount)."""
    if not mount_works:
        pytest.skip("needs root to mount a tmpfs")
    point = tmp_path / "stick"
    with tmpfs(point, "8m"):
        (point / "work").mkdir()
        pf = ProjectFile.create(project, point / "work" / "plan.ecodesk")
        edit(pf)
        subprocess.run(["umount", "-l", str(point)], check=True)  # pulled out
        guard = Guard(pf, tmp_path)
        with pytest.raises(ProjectFileError) as info:
            pf.save()
        guard.check(info.value, pf.path, ("missing",))
        with pytest.raises(ProjectFileError) as again:
            pf.save_as(point / "work" / "again.ecodesk")
        guard.check(again.value, point / "work" / "again.ecodesk", ("write_failed",))
        pf.save_as(tmp_path / "rescued.ecodesk")
        saved_ok(pf)


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_device_error_at_the_last_moment(
    pf: ProjectFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """The stick goes away between writing the temporary file and renaming it (EIO)."""
    target = tmp_path / "docs" / "copy.ecodesk"

    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    guard = Guard(pf)
    monkeypatch.setattr(writing.os, where, fail)
    with pytest.raises(ProjectFileError) as info:
        pf.save_as(target)
    monkeypatch.undo()
    guard.check(info.value, target, ("write_failed",))
    pf.save_as(target)
    saved_ok(pf)
