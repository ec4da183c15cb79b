"""Store: older files are migrated forward in memory on open, never on disk; the first save
then rewrites them whole in the current format."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from ecodesk.model import Project
from ecodesk.store import ProjectFile, ProjectFileError, open_project, write_project_atomic
from ecodesk.store import migrations as mig
from tests.store.conftest import build_sample_project


def migrate_v0_to_v1(conn: sqlite3.Connection) -> None:
    """The synthetic version 0 had no project language."""
    conn.execute("ALTER TABLE project ADD COLUMN language TEXT NOT NULL DEFAULT ''")


def make_v0_file(project: Project, path: Path) -> None:
    """A 'version 0' file: the version-1 format (no flow labels, entity colours, ranges; no
    entity sizes, annotations, views) minus the ``language`` column."""
    write_project_atomic(project, path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("ALTER TABLE project DROP COLUMN language")
        conn.execute("ALTER TABLE flows DROP COLUMN label")
        conn.execute("ALTER TABLE entities DROP COLUMN color")
        conn.execute("ALTER TABLE entities DROP COLUMN size")
        conn.execute("DROP TABLE annotations")
        conn.execute("DROP TABLE views")
        for table in ("entities", "capabilities", "flows", "needs", "pools"):
            conn.execute(f"ALTER TABLE {table} DROP COLUMN ranges")
        conn.execute("PRAGMA user_version = 0")
        conn.execute("VACUUM")


pytestmark = pytest.mark.skipif(sqlite3.sqlite_version_info < (3, 35), reason="DROP COLUMN needs SQLite 3.35")


@pytest.fixture
def v0_file(tmp_path: Path) -> Path:
    path = tmp_path / "old.ecodesk"
    make_v0_file(build_sample_project(v2_fields=False), path)
    return path


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(mig.MIGRATIONS, 0, migrate_v0_to_v1)


def test_v0_file_is_migrated_in_memory(v0_file: Path, unchanged: Any, registered: None) -> None:
    with unchanged(v0_file):
        project = open_project(v0_file)
        pf = ProjectFile.open(v0_file)
    assert pf.migrated_from == 0
    assert project.language == "" and pf.project.language == ""
    sample_project = build_sample_project(v2_fields=False)
    sample_project.set_meta(language="")
    assert project.content_equals(sample_project)
    with closing(sqlite3.connect(v0_file)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0


def test_first_save_rewrites_in_the_current_format(v0_file: Path, registered: None) -> None:
    pf = ProjectFile.open(v0_file)
    s = pf.project.scenario()
    s.replace(s.entities.at(0).evolve(name="迁移后"))
    stats = pf.save()
    assert stats.full_rewrite and pf.migrated_from is None
    with closing(sqlite3.connect(v0_file)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
        assert "language" in {r[1] for r in conn.execute("PRAGMA table_info(project)")}
    assert open_project(v0_file).content_equals(pf.project)
    s.replace(s.entities.at(1).evolve(name="再改"))
    assert pf.save().rows_written == 1  # incremental again


def test_v0_without_a_migration_is_refused(v0_file: Path, unchanged: Any) -> None:
    with unchanged(v0_file), pytest.raises(ProjectFileError) as info:
        open_project(v0_file)
    assert info.value.reason == "older" and "file version 0" in str(info.value)


def test_a_failing_migration_is_refused(v0_file: Path, unchanged: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE no_such_table ADD COLUMN x")

    monkeypatch.setitem(mig.MIGRATIONS, 0, broken)
    with unchanged(v0_file), pytest.raises(ProjectFileError) as info:
        open_project(v0_file)
    assert info.value.reason == "older" and "could not be converted" in str(info.value)


def test_registry_mechanics(monkeypatch: pytest.MonkeyPatch) -> None:
    assert mig.MIGRATIONS == {1: mig.migrate_v1_to_v2, 2: mig.migrate_v2_to_v3}  # the released steps
    monkeypatch.setattr(mig, "MIGRATIONS", {})
    assert mig.can_migrate(3) and not mig.can_migrate(2) and not mig.can_migrate(1) and not mig.can_migrate(0)
    mig.register(0)(migrate_v0_to_v1)
    mig.register(1)(mig.migrate_v1_to_v2)
    assert not mig.can_migrate(0) and mig.can_migrate(0, 2)  # v2 -> v3 missing
    mig.register(2)(mig.migrate_v2_to_v3)
    assert mig.MIGRATIONS == {0: migrate_v0_to_v1, 1: mig.migrate_v1_to_v2, 2: mig.migrate_v2_to_v3}
    assert mig.can_migrate(0)
    with pytest.raises(mig.MigrationError, match="no migration from file version 3 to 4"):
        mig.migrate(sqlite3.connect(":memory:"), 2, 4)
    with pytest.raises(mig.MigrationError):
        mig.migrate(sqlite3.connect(":memory:"), -1)
