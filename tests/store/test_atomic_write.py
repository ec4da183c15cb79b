"""Store: a full write either replaces the destination whole or leaves it as it was, and
never leaves a temporary file behind."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import ecodesk.store.writing as writing
from ecodesk.model import Project
from ecodesk.store import ProjectFile, ProjectFileError, open_project, write_project_atomic


@pytest.fixture
def existing(sample_project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "keep.ecodesk"
    write_project_atomic(sample_project, path)
    return path


def _fail_midway(exc: BaseException) -> Any:
    real_insert_all = writing._insert_all
    calls = [0]

    def insert_all(conn: sqlite3.Connection, table: str, key: int, coll: Any) -> dict[str, int]:
        calls[0] += 1
        if calls[0] == 5:  # some tables are already written to the temporary file
            raise exc
        return real_insert_all(conn, table, key, coll)

    return insert_all


@pytest.mark.parametrize(
    "exc", [OSError(errno.ENOSPC, "No space left on device"), sqlite3.OperationalError("database or disk is full")]
)
def test_failed_write_keeps_the_old_file(
    existing: Path, small_project: Project, unchanged: Any, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    monkeypatch.setattr(writing, "_insert_all", _fail_midway(exc))
    with unchanged(existing):
        with pytest.raises(ProjectFileError) as info:
            write_project_atomic(small_project, existing)
    err = info.value
    assert err.reason == "write_failed"
    assert str(err).startswith(f"'{existing}' could not be saved (") and "last saved content" in str(err)
    assert sorted(p.name for p in existing.parent.iterdir()) == ["keep.ecodesk"]


def test_unexpected_error_propagates_and_cleans_up(
    existing: Path, small_project: Project, unchanged: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writing, "_insert_all", _fail_midway(RuntimeError("bug")))
    with unchanged(existing), pytest.raises(RuntimeError, match="bug"):
        write_project_atomic(small_project, existing)
    assert sorted(p.name for p in existing.parent.iterdir()) == ["keep.ecodesk"]


def test_failed_rename_keeps_the_old_file(
    existing: Path, small_project: Project, unchanged: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_replace(src: Any, dst: Any) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(writing.os, "replace", no_replace)
    with unchanged(existing), pytest.raises(ProjectFileError) as info:
        write_project_atomic(small_project, existing)
    assert info.value.reason == "write_failed" and "Permission denied" in str(info.value)
    assert sorted(p.name for p in existing.parent.iterdir()) == ["keep.ecodesk"]


def test_failed_fsync_keeps_the_old_file(
    existing: Path, small_project: Project, unchanged: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bad_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(writing.os, "fsync", bad_fsync)
    with unchanged(existing), pytest.raises(ProjectFileError):
        write_project_atomic(small_project, existing)
    assert sorted(p.name for p in existing.parent.iterdir()) == ["keep.ecodesk"]


def test_failed_write_of_a_new_file_creates_nothing(
    small_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writing, "_insert_all", _fail_midway(OSError(errno.ENOSPC, "No space left on device")))
    target = tmp_path / "new.ecodesk"
    with pytest.raises(ProjectFileError) as info:
        ProjectFile.create(small_project, target)
    assert "nothing was created" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_failed_save_as_keeps_pointing_at_the_old_file(
    existing: Path, small_project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pf = ProjectFile.create(small_project, existing)
    monkeypatch.setattr(writing, "_insert_all", _fail_midway(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(ProjectFileError):
        pf.save_as(tmp_path / "other.ecodesk")
    monkeypatch.undo()
    assert pf.path == existing and not (tmp_path / "other.ecodesk").exists()
    s = small_project.scenario()
    s.replace(s.entities.at(0).evolve(name="之后"))
    assert pf.save().rows_written == 1
    assert open_project(existing).content_equals(small_project)


def test_replace_is_whole(existing: Path, small_project: Project) -> None:
    write_project_atomic(small_project, existing)
    assert open_project(existing).content_equals(small_project)
    assert sorted(p.name for p in existing.parent.iterdir()) == ["keep.ecodesk"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_replacing_keeps_the_files_permissions(existing: Path, small_project: Project) -> None:
    existing.chmod(0o640)
    write_project_atomic(small_project, existing)
    assert existing.stat().st_mode & 0o777 == 0o640


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_writing_through_a_symlink_replaces_its_target(existing: Path, small_project: Project, tmp_path: Path) -> None:
    link = tmp_path / "link.ecodesk"
    link.symlink_to(existing)
    write_project_atomic(small_project, link)
    assert link.is_symlink() and open_project(existing).content_equals(small_project)


def test_writing_to_a_folder_is_refused(small_project: Project, tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError) as info:
        write_project_atomic(small_project, tmp_path)
    assert info.value.reason == "write_failed" and "folder" in str(info.value)


def test_unstorable_text_is_a_clear_error(tmp_path: Path) -> None:
    from ecodesk.model import Entity, Scenario

    s = Scenario("Base")
    s.add(Entity("a", "lone surrogate \ud800"))
    with pytest.raises(ProjectFileError) as info:
        write_project_atomic(Project(scenarios=[s]), tmp_path / "x.ecodesk")
    assert info.value.reason == "write_failed" and "cannot be stored" in str(info.value)
    assert list(tmp_path.iterdir()) == []
