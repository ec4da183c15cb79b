"""A stray ``-wal`` beside a project (copied along, left by another program) is never read,
touched or deleted — opening creates no ``-shm`` and saving keeps the ``-wal`` — and a
save racing another process's full replace of the same file says what really happened
(the file holds the other version) instead of "the file keeps its last saved content"."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from ecodesk.model import Entity, Project, Scenario
from ecodesk.store import ProjectFile, open_project, write_project_atomic, writing
from ecodesk.store.errors import ProjectFileError


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _stray_wal(tmp_path: Path, dest: Path) -> Path:
    """The WAL of another database, beside ``dest``: SQLite would play its frames into it."""
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t(a)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    wal = Path(f"{dest}-wal")
    shutil.copyfile(f"{other}-wal", wal)
    conn.close()
    for leftover in tmp_path.glob("other.db*"):
        leftover.unlink()
    assert wal.stat().st_size > 0
    return wal


def test_a_stray_wal_is_never_read_nor_touched(tmp_path):
    dest = tmp_path / "x.ecodesk"
    project = Project("P", scenarios=[Scenario("Base")])
    project.scenario().add(Entity("a"))
    write_project_atomic(project, dest)
    wal = _stray_wal(tmp_path, dest)
    file_before, wal_before = _digest(dest), _digest(wal)
    loaded = open_project(dest)  # before: "is not an ecodesk project" (the WAL's pages were read) and a -shm
    assert loaded.content_equals(project)
    pf = ProjectFile.open(dest)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.ecodesk", "x.ecodesk-wal"]  # no -shm
    assert _digest(dest) == file_before and _digest(wal) == wal_before
    pf.project.scenario().add(Entity("b"))
    stats = pf.save()
    assert stats.full_rewrite  # written anew beside the WAL, never through it
    assert _digest(wal) == wal_before  # kept, not deleted nor played into the file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.ecodesk", "x.ecodesk-wal"]
    assert "b" in open_project(dest).scenario().entities
    pf.project.scenario().add(Entity("c"))
    pf.save()  # and again (the snapshot follows the rewrite)
    assert set(open_project(dest).scenario().entities.ids()) == {"a", "b", "c"}
    wal.unlink()
    pf.project.scenario().add(Entity("d"))
    assert not pf.save().full_rewrite  # without the WAL: incremental again
    assert set(open_project(dest).scenario().entities.ids()) == {"a", "b", "c", "d"}


def test_a_stray_wal_does_not_hide_a_change_by_another_program(tmp_path):
    dest = tmp_path / "x.ecodesk"
    write_project_atomic(Project("P", scenarios=[Scenario("Base")]), dest)
    pf = ProjectFile.open(dest)
    write_project_atomic(Project("Theirs", scenarios=[Scenario("Other")]), dest)
    _stray_wal(tmp_path, dest)
    pf.project.scenario().add(Entity("mine"))
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    assert info.value.reason == "changed_on_disk"
    assert open_project(dest).name == "Theirs"


@pytest.mark.parametrize("when", ["during", "after"])
def test_a_save_racing_a_full_replace_says_what_happened(tmp_path, monkeypatch, when):
    dest = tmp_path / "x.ecodesk"
    write_project_atomic(Project("P", scenarios=[Scenario("Base")]), dest)
    pf = ProjectFile.open(dest)
    pf.project.scenario().add(Entity("mine"))
    real_apply = writing._apply

    def racing(conn, *args, **kwargs):
        if when == "during":  # the other process replaces the file and deletes our live -journal
            writing.write_atomic(Project("Theirs", scenarios=[Scenario("Other")]), dest)
        result = real_apply(conn, *args, **kwargs)
        if when == "after":  # replaced before our commit; the journal survives, the commit "succeeds"
            os.replace(_theirs(tmp_path), dest)
        return result

    monkeypatch.setattr(writing, "_apply", racing)
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    assert str(info.value) == (
        f"'{dest}' was replaced by another program while it was being saved: it now holds that program's version "
        "and your changes are not in it; use Save As to keep your work.")
    assert "keeps its last saved content" not in str(info.value)
    assert open_project(dest).name == "Theirs"
    assert pf.has_unsaved_changes()  # the work is still in the window, to Save As
    monkeypatch.setattr(writing, "_apply", real_apply)
    pf.save_as(tmp_path / "mine.ecodesk")
    assert "mine" in open_project(tmp_path / "mine.ecodesk").scenario().entities


def _theirs(tmp_path: Path) -> Path:
    path = tmp_path / "theirs.ecodesk"
    write_project_atomic(Project("Theirs", scenarios=[Scenario("Other")]), path)
    return path
