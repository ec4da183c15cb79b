"""Store: a hot rollback journal with a damaged header is never played back (found by the file
fuzzer: two bytes of a journal's "original size" changed made opening turn a 100 kB project
into a 137 GB file). Opening refuses the file as damaged and changes neither file; a full write
replaces the file without playing the journal; an incremental save refuses to touch it."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ecodesk.model import Project
from ecodesk.store import ProjectFile, ProjectFileError, open_project, write_project_atomic
from ecodesk.store.journal import JOURNAL_MAGIC, journal_problem


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size


def make_hot_journal(path: Path) -> Path:
    """A process changes rows with a tiny page cache (pages reach the file) and dies without
    committing: a genuine hot journal beside ``path``."""
    script = textwrap.dedent(f"""
        import os, sqlite3
        conn = sqlite3.connect({str(path)!r}, isolation_level=None)
        conn.execute("PRAGMA cache_size = 1")
        conn.execute("BEGIN")
        conn.execute("UPDATE entities SET name = 'HALF-SAVED', notes = hex(randomblob(2000))")
        conn.execute("DELETE FROM flows")
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], check=True)
    journal = Path(f"{path}-journal")
    assert journal.read_bytes()[:8] == JOURNAL_MAGIC
    return journal


def damage(journal: Path, offset: int, value: int) -> None:
    data = bytearray(journal.read_bytes())
    data[offset:offset + 4] = value.to_bytes(4, "big")
    journal.write_bytes(bytes(data))


@pytest.fixture
def hot(sample_project: Project, tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "hot.ecodesk"
    write_project_atomic(sample_project, path)
    return path, make_hot_journal(path)


def test_a_genuine_journal_passes_the_check(hot: tuple[Path, Path], sample_project: Project) -> None:
    path, journal = hot
    assert journal_problem(path) is None
    assert open_project(path).content_equals(sample_project) and not journal.exists()  # rolled back as before
    assert journal_problem(path) is None  # no journal: nothing to check


@pytest.mark.parametrize(("offset", "value", "words"), [
    (16, 0x02000015, "it would make the file 137,439,039,488 bytes long, not about"),
    (24, 3, "its page size 3 is impossible"),
    (24, 1 << 20, "its page size 1048576 is impossible"),
])
def test_a_damaged_journal_is_refused_and_nothing_changes(hot: tuple[Path, Path], offset: int, value: int,
                                                          words: str) -> None:
    path, journal = hot
    damage(journal, offset, value)
    before = digest(path), digest(journal), sorted(p.name for p in path.parent.iterdir())
    for opener in (open_project, ProjectFile.open):
        with pytest.raises(ProjectFileError) as info:
            opener(path)
        assert info.value.reason == "damaged"
        assert "the rollback journal an interrupted save left beside it ('hot.ecodesk-journal') is damaged too" in str(
            info.value)
        assert words in str(info.value) and "neither file was changed" in str(info.value)
        assert "回滚日志" in info.value.sentence("zh")
    assert (digest(path), digest(journal), sorted(p.name for p in path.parent.iterdir())) == before


def test_a_damaged_journal_beside_a_stray_wal_is_refused_too(hot: tuple[Path, Path]) -> None:
    """With a stray -wal the file is read from a private copy with its journal: the journal
    is checked before SQLite could play it into the copy."""
    path, journal = hot
    damage(journal, 16, 0x7FFFFFFF)
    Path(f"{path}-wal").write_bytes(b"stray")
    with pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "damaged" and "is damaged too" in str(info.value)


def test_a_full_write_replaces_the_file_without_playing_a_damaged_journal(
    hot: tuple[Path, Path], sample_project: Project
) -> None:
    path, journal = hot
    damage(journal, 16, 0x02000015)
    write_project_atomic(sample_project, path)
    assert not journal.exists() and path.stat().st_size < 1 << 20
    assert open_project(path).content_equals(sample_project)


def test_an_incremental_save_refuses_a_file_with_a_damaged_journal(sample_project: Project, tmp_path: Path) -> None:
    pf = ProjectFile.create(sample_project, tmp_path / "p.ecodesk")
    s = pf.project.scenario()
    s.replace(s.entities["D1"].evolve(name="未保存"))
    journal = make_hot_journal(pf.path)  # another program's save died on our file
    damage(journal, 16, 0x02000015)
    before = digest(pf.path), digest(journal)
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    assert info.value.reason == "changed_on_disk" and "Save As" in str(info.value)
    assert (digest(pf.path), digest(journal)) == before
    pf.close()


def test_files_that_are_no_journal_are_left_to_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "p.ecodesk"
    path.write_bytes(b"x" * 4096)
    journal = Path(f"{path}-journal")
    for content in (b"", b"\x00" * 512, b"not a journal at all, just text" * 10, JOURNAL_MAGIC):
        journal.write_bytes(content)
        assert journal_problem(path) is None
