"""Store: files that are not (sound) ecodesk projects are refused with a clear sentence and
the right reason, and are left byte-for-byte as they were: not modified, renamed or deleted."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from ecodesk.model import Project
from ecodesk.store import ProjectFile, ProjectFileError, check_project_file, open_project, write_project_atomic

Opener = Callable[[Path], Any]
OPENERS: list[Opener] = [open_project, ProjectFile.open, check_project_file]


def _raw(path: Path) -> Iterator[sqlite3.Connection]:
    return closing(sqlite3.connect(path, isolation_level=None))  # type: ignore[return-value]


def refused(
    path: Path, reason: str, unchanged: Callable[[Path], Any], *, openers: list[Opener] = OPENERS, contains: str = ""
) -> ProjectFileError:
    """Every opener refuses ``path`` with ``reason`` and leaves it untouched."""
    err: ProjectFileError | None = None
    with unchanged(path):
        for opener in openers:
            with pytest.raises(ProjectFileError) as info:
                opener(path)
            err = info.value
            assert err.reason == reason, str(err)
            message = str(err)
            assert message.startswith(f"'{path}' ") and message.endswith(".")
            assert message.count(". ") == 0, "one sentence"
            assert contains in message
            zh = err.sentence("zh")
            assert str(path) in zh and zh.endswith("。")
    assert err is not None
    return err


@pytest.fixture
def project_file(sample_project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "good.ecodesk"
    write_project_atomic(sample_project, path)
    return path


def test_text_file(tmp_path: Path, unchanged: Any) -> None:
    path = tmp_path / "notes.ecodesk"
    path.write_text("这是一个文本文件，不是项目。\nplain text\n", encoding="utf-8")
    refused(path, "not_sqlite", unchanged, contains="not a SQLite file")


def test_random_bytes(tmp_path: Path, unchanged: Any) -> None:
    path = tmp_path / "noise.ecodesk"
    path.write_bytes(random.Random(1).randbytes(20_000))
    refused(path, "not_sqlite", unchanged)


def test_empty_file(tmp_path: Path, unchanged: Any) -> None:
    path = tmp_path / "empty.ecodesk"
    path.write_bytes(b"")
    refused(path, "not_sqlite", unchanged, contains="is empty")


def test_sqlite_file_of_another_program(tmp_path: Path, unchanged: Any) -> None:
    path = tmp_path / "other.ecodesk"
    with _raw(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('张三', '123')")
    refused(path, "foreign", unchanged, contains="SQLite database of another program")


def test_empty_sqlite_database_is_foreign(tmp_path: Path, unchanged: Any) -> None:
    path = tmp_path / "blank.ecodesk"
    with _raw(path) as conn:
        conn.execute("VACUUM")  # a valid, empty database file
    refused(path, "foreign", unchanged)


def test_newer_file_version(project_file: Path, unchanged: Any) -> None:
    with _raw(project_file) as conn:
        conn.execute("PRAGMA user_version = 7")
    refused(
        project_file,
        "newer",
        unchanged,
        contains="newer version of ecodesk (file version 7, this version reads up to 3)",
    )


def test_older_version_without_migration(project_file: Path, unchanged: Any) -> None:
    with _raw(project_file) as conn:
        conn.execute("PRAGMA user_version = 0")
    refused(project_file, "older", unchanged)


def test_truncated_file(generator: Any, tmp_path: Path, unchanged: Any) -> None:
    path = tmp_path / "cut.ecodesk"
    write_project_atomic(generator.generate_s2b2b(5, 50, 3), path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(path, "damaged", unchanged, contains="truncated")


def test_truncated_inside_header(project_file: Path, unchanged: Any) -> None:
    project_file.write_bytes(project_file.read_bytes()[:60])
    refused(project_file, "damaged", unchanged)


@pytest.mark.parametrize("seed", range(4))
def test_damaged_pages(generator: Any, tmp_path: Path, unchanged: Any, seed: int) -> None:
    path = tmp_path / "broken.ecodesk"
    write_project_atomic(generator.generate_s2b2b(5, 50, 3), path)
    data = bytearray(path.read_bytes())
    page = 4096
    rng = random.Random(seed)
    middle = (len(data) // page) // 2
    for n in (middle, middle + 1):  # two whole pages of noise in the middle of the file
        data[n * page : (n + 1) * page] = rng.randbytes(page)
    path.write_bytes(bytes(data))
    refused(path, "damaged", unchanged, contains="damaged")


def test_trigger_is_refused_as_tampering(project_file: Path, unchanged: Any) -> None:
    with _raw(project_file) as conn:
        conn.execute("CREATE TABLE log (x)")
        conn.execute("CREATE TRIGGER spy AFTER UPDATE ON entities BEGIN INSERT INTO log VALUES (1); END")
    err = refused(project_file, "damaged", unchanged, contains="trigger 'spy'")
    assert "tampered" in str(err)


def test_view_is_refused(project_file: Path, unchanged: Any) -> None:
    with _raw(project_file) as conn:
        conn.execute("CREATE VIEW v AS SELECT * FROM entities")
    refused(project_file, "damaged", unchanged, contains="view 'v'")


def test_missing_table(project_file: Path, unchanged: Any) -> None:
    with _raw(project_file) as conn:
        conn.execute("DROP TABLE needs")
    refused(project_file, "damaged", unchanged, contains="'needs' is missing")


def test_rows_of_a_missing_scenario(project_file: Path, unchanged: Any) -> None:
    with _raw(project_file) as conn:
        conn.execute("INSERT INTO ecosystems (scenario, position, id, name, color) VALUES (99, 0, 'x', '', '')")
    refused(project_file, "damaged", unchanged, openers=[open_project], contains="missing scenario")


def test_negative_cost_inserted_by_sql(project_file: Path, unchanged: Any) -> None:
    with _raw(project_file) as conn:
        conn.execute(
            "INSERT INTO capabilities (scenario, position, id, name, category, owner, fixed_cost, "
            "unit_cost, capacity) VALUES (1, 99999, 'C-bad', '坏能力', 'x', 'P', -5, 1, NULL)"
        )
    err = refused(project_file, "invalid", unchanged, openers=[open_project, ProjectFile.open])
    assert "Capability 'C-bad', field 'fixed_cost'" in str(err) and "negative" in str(err)
    assert "1.0 线性供应链" in str(err)
    assert "能力 'C-bad'" in err.sentence("zh")
    check_project_file(project_file)  # the structural checks alone pass


@pytest.mark.parametrize(
    ("sql", "words"),
    [
        ("UPDATE entities SET risk = 1.5 WHERE id = 'D1'", "Entity 'D1', field 'risk'"),
        ("UPDATE entities SET ecosystems = '[not json' WHERE id = 'D1'", "field 'ecosystems': is not valid JSON"),
        ("UPDATE entities SET ecosystems = '[\"nowhere\"]' WHERE id = 'D1'", "names ecosystem 'nowhere'"),
        ("UPDATE flows SET target = 'ghost' WHERE id = 'F1'", "Flow 'F1', field 'target'"),
        ("UPDATE entities SET kind = 'alien' WHERE id = 'D1'", "unknown value 'alien'"),
        ("UPDATE pools SET tiers = '{\"a\": 1}' WHERE id = 'pool-tier'", "field 'tiers'"),
        ("UPDATE entities SET name = x'00ff' WHERE id = 'D1'", "field 'name'"),
        ("UPDATE project SET settings = '{\"trials\": 0}'", "settings.trials"),
        ("UPDATE project SET settings = '" + "[" * 100_000 + "'", "field 'settings': is not valid JSON"),
        ("UPDATE pools SET weights = '" + "[" * 100_000 + "' WHERE id = 'pool-tier'", "field 'weights'"),
        ("UPDATE pools SET weights = '{\"D1\": 1e999}' WHERE id = 'pool-tier'", "weights[D1]"),
        ("UPDATE flows SET volume = 'lots' WHERE id = 'F1'", "field 'volume'"),
        ("UPDATE flows SET volume = x'0102' WHERE id = 'F1'", "field 'volume'"),
        ("UPDATE scenarios SET name = '' WHERE id = 3", "needs a name"),
    ],
)
def test_invalid_rows(project_file: Path, unchanged: Any, sql: str, words: str) -> None:
    with _raw(project_file) as conn:
        conn.execute(sql)
    err = refused(project_file, "invalid", unchanged, openers=[open_project])
    assert words in str(err)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.ecodesk"
    for opener in OPENERS:
        with pytest.raises(ProjectFileError) as info:
            opener(path)
        assert info.value.reason == "missing" and str(info.value) == f"'{path}' does not exist."
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError) as info:
        open_project(tmp_path)
    assert info.value.reason == "unreadable"


def test_hot_journal_after_a_crash_is_rolled_back_on_open(
    project_file: Path, sample_project: Project, unchanged: Any
) -> None:
    """A process that dies mid-save leaves a hot journal; opening rolls it back in place
    (as SQLite does on a read-write open): the file holds its last saved content again and
    no journal is left that a user could delete as junk, losing that content."""
    script = textwrap.dedent(f"""
        import os, sqlite3
        conn = sqlite3.connect({str(project_file)!r}, isolation_level=None)
        conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file early
        conn.execute("BEGIN")
        conn.execute("UPDATE entities SET name = 'HALF-SAVED', notes = hex(randomblob(2000))")
        conn.execute("DELETE FROM flows")
        os._exit(0)  # the crash: no commit, no rollback
    """)
    saved_bytes = project_file.read_bytes()
    subprocess.run([sys.executable, "-c", script], check=True)
    journal = Path(f"{project_file}-journal")
    assert journal.exists() and journal.stat().st_size > 0
    assert project_file.read_bytes() != saved_bytes  # half-written pages in the file
    loaded = open_project(project_file)
    assert loaded.content_equals(sample_project)
    assert not journal.exists()  # rolled back: nothing left to delete as junk
    journal.unlink(missing_ok=True)
    assert open_project(project_file).content_equals(sample_project)  # the file alone is whole
    with unchanged(project_file):
        check_project_file(project_file)
    pf = ProjectFile.open(project_file)
    s = pf.project.scenario()
    s.replace(s.entities["D1"].evolve(name="保存后"))
    pf.save()
    assert not journal.exists()
    reopened = open_project(project_file)
    assert reopened.content_equals(pf.project)
    assert reopened.scenario().entities["D1"].name == "保存后"


def test_unreadable_file(project_file: Path) -> None:
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("needs a POSIX user without root's power to read anything")
    project_file.chmod(0)
    try:
        with pytest.raises(ProjectFileError) as info:
            open_project(project_file)
        assert info.value.reason == "unreadable"
    finally:
        project_file.chmod(0o644)


def test_scribbles_anywhere_are_refused_or_harmless(generator: Any, tmp_path: Path) -> None:
    """64 bytes of 0xff at ~120 places through the file: each open either refuses the file
    or (the bytes fell in unused space) gives exactly the saved content — never other data,
    never an exception other than ProjectFileError."""
    project = generator.generate_s2b2b(5, 50, 3)
    good = tmp_path / "good.ecodesk"
    write_project_atomic(project, good)
    data = good.read_bytes()
    path = tmp_path / "scribbled.ecodesk"
    outcomes: set[str] = set()
    for at in range(0, len(data) - 64, len(data) // 120):
        scribbled = bytearray(data)
        scribbled[at : at + 64] = b"\xff" * 64
        path.write_bytes(bytes(scribbled))
        try:
            loaded = open_project(path)
        except ProjectFileError as exc:
            assert exc.reason in ("damaged", "not_sqlite", "invalid"), str(exc)
            outcomes.add(exc.reason)
        else:
            assert loaded.content_equals(project), f"silently different content after a scribble at {at}"
            outcomes.add("intact")
        assert path.read_bytes() == bytes(scribbled)
    assert {"damaged", "intact"} <= outcomes
