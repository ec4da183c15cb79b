"""CSV folder export over an existing folder: written into a temporary folder and swapped
in whole — a failure half-way (full disk, an immutable file) leaves the old folder as it
was and importable, never some new tables and some old; folders get the user's normal
permissions, not mkdtemp's 0700."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from ecodesk.io import atomic, export_file, import_file
from ecodesk.model import Entity


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "rename-aside"])
def test_full_disk_half_way_keeps_the_old_folder(rich_project, tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    dest = tmp_path / "tables"
    export_file(rich_project, dest, "csv")
    (dest / "notes.txt").write_text("mine", encoding="utf-8")
    before = _snapshot(dest)
    changed = rich_project
    changed.scenarios[0].add(Entity("brand-new", "新的"))
    real_write = atomic.os.fsync
    calls = []

    def full_disk(fd):
        calls.append(fd)
        if len(calls) == 3:  # the third table: two are written already
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd)

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(OSError) as caught:
        export_file(changed, dest, "csv")
    assert caught.value.errno == errno.ENOSPC and caught.value.filename.startswith(str(dest))
    assert ".tmp" not in caught.value.filename
    monkeypatch.setattr(atomic.os, "fsync", real_write)
    assert len(calls) == 3
    assert _snapshot(dest) == before  # every old table, byte for byte, and the user's own file
    assert "brand-new" not in import_file(dest).scenarios[0].entities
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]  # no temporary folder left
    export_file(changed, dest, "csv")  # once there is room: the new tables, the user's file kept
    assert "brand-new" in import_file(dest).scenarios[0].entities
    assert (dest / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def test_a_failing_swap_keeps_the_old_folder(rich_project, tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    dest = tmp_path / "tables"
    export_file(rich_project, dest, "csv")
    before = _snapshot(dest)
    real_rename = os.rename

    def refuse_second(src, dst):
        if str(dst) == str(dest) and str(src).endswith(".tmp"):  # moving the new folder in fails (after the old was moved aside)
            raise PermissionError(errno.EACCES, "Permission denied", str(src))
        return real_rename(src, dst)

    monkeypatch.setattr(atomic.os, "rename", refuse_second)
    with pytest.raises(PermissionError) as caught:
        export_file(rich_project, dest, "csv")
    assert caught.value.filename == str(dest)
    monkeypatch.setattr(atomic.os, "rename", real_rename)
    assert _snapshot(dest) == before and sorted(p.name for p in tmp_path.iterdir()) == ["tables"]


def test_folders_get_normal_permissions(rich_project, tmp_path):
    old = os.umask(0o022)
    try:
        export_file(rich_project, tmp_path / "new", "csv")
        assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o755
        assert stat.S_IMODE((tmp_path / "new" / "entities.csv").stat().st_mode) == 0o644
        os.chmod(tmp_path / "new", 0o750)  # the user's choice on an existing folder is kept
        export_file(rich_project, tmp_path / "new", "csv")
        assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o750
    finally:
        os.umask(old)


def test_a_symlinked_folder_is_replaced_where_it_points(rich_project, tmp_path):
    real = tmp_path / "real"
    export_file(rich_project, real, "csv")
    link = tmp_path / "link"
    link.symlink_to(real)
    (real / "entities.csv").write_text("id\nold\n", encoding="utf-8")
    export_file(rich_project, link, "csv")
    assert link.is_symlink() and import_file(real).content_equals(rich_project)


def test_leftovers_of_killed_exports_are_swept_once_old(rich_project, tmp_path):
    import time

    dest = tmp_path / "tables"
    export_file(rich_project, dest, "csv")
    old_tmp, old_aside, young = (tmp_path / ".tables.ab12cd34.tmp", tmp_path / ".tables.0a1b2c3d.old",
                                 tmp_path / ".tables.ffff0000.tmp")
    other = tmp_path / ".others.ab12cd34.tmp"
    for folder in (old_tmp, old_aside, young, other):
        folder.mkdir()
        (folder / "entities.csv").write_text("id\n", encoding="utf-8")
    past = time.time() - atomic.STALE_FOLDER_SECONDS - 60
    for folder in (old_tmp, old_aside, other):
        os.utime(folder, (past, past))
    export_file(rich_project, dest, "csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".others.ab12cd34.tmp", ".tables.ffff0000.tmp", "tables"]


def test_export_into_the_current_folder(rich_project, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    (here / "mine.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(here)
    export_file(rich_project, ".", "csv")
    assert import_file(here).content_equals(rich_project) and (here / "mine.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["here"]


def test_an_old_folder_left_aside_by_a_killed_swap_is_put_back(rich_project, tmp_path):
    dest = tmp_path / "tables"
    export_file(rich_project, dest, "csv")
    (dest / "notes.txt").write_text("mine", encoding="utf-8")
    dest.rename(tmp_path / ".tables.0a1b2c3d.old")  # the kill came between "old aside" and "new in"
    export_file(rich_project, dest, "csv")
    assert (dest / "notes.txt").read_text(encoding="utf-8") == "mine"  # carried over, not lost
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tables"]
