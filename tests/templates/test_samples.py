"""The sample projects in ``projects/`` open and match their templates (issue 6, "Sample projects").

If a template changes, rewrite the samples with ``python tests/templates/make_samples.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from ecodesk.cli import main
from ecodesk.paths import projects_dir
from ecodesk.store import check_project_file, open_project
from ecodesk.templates import list_templates, load_template

HINT = "rewrite the samples with: python tests/templates/make_samples.py"


def _load_make_samples():
    name = "ecodesk_make_samples"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("make_samples.py"))
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


make_samples = _load_make_samples()
SAMPLES = sorted(projects_dir().glob("*.ecodesk"))


def test_there_are_at_least_five_samples_one_per_case_template():
    names = {p.stem for p in SAMPLES}
    assert len(names) >= 5
    assert names == set(make_samples.sample_names()), HINT
    assert names <= {t.name for t in list_templates()}, "every sample is named after its template"
    assert all(p.name.isascii() for p in SAMPLES), "portable, ASCII file names"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_opens_and_matches_its_template(path):
    check_project_file(path)
    project = open_project(path)
    assert project.content_equals(load_template(path.stem)), f"{path.name} differs from its template; {HINT}"
    assert project.language == "zh" and project.name == load_template(path.stem).name


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_validates_from_the_command_line(path):
    assert main(["validate", str(path)]) == 0


def test_check_mode_agrees():
    assert make_samples.stale_samples() == [], HINT


def test_generator_writes_what_the_check_expects(tmp_path):
    assert make_samples.main(["--folder", str(tmp_path)]) == 0
    written = sorted(p.stem for p in tmp_path.glob("*.ecodesk"))
    assert written == make_samples.sample_names()
    assert make_samples.stale_samples(tmp_path) == []
    assert make_samples.main(["--check", "--folder", str(tmp_path)]) == 0


def test_check_mode_notices_a_stale_or_missing_sample(tmp_path, capsys):
    make_samples.main(["--folder", str(tmp_path)])
    first, second = make_samples.sample_names()[:2]
    (tmp_path / f"{first}.ecodesk").unlink()
    stale = make_samples.sample_project(second)
    stale.set_meta(notes="edited by hand")
    from ecodesk.store import write_project_atomic

    write_project_atomic(stale, tmp_path / f"{second}.ecodesk")
    (tmp_path / f"{make_samples.sample_names()[2]}.ecodesk").write_bytes(b"not a database")
    problems = make_samples.stale_samples(tmp_path)
    assert len(problems) == 3
    assert any("missing" in p for p in problems)
    assert any("no longer matches" in p for p in problems)
    assert any("does not open" in p for p in problems)
    assert make_samples.main(["--check", "--folder", str(tmp_path)]) == 1
    assert len(capsys.readouterr().err.splitlines()) == 3


def test_check_mode_notices_a_sample_in_an_older_file_version(tmp_path):
    """A sample opened through a migration still matches its template, but ships in the
    current file version (the samples are rewritten when the schema changes)."""
    import sqlite3
    from contextlib import closing

    from ecodesk.store import SCHEMA_VERSION

    make_samples.main(["--folder", str(tmp_path)])
    first = make_samples.sample_names()[0]
    with closing(sqlite3.connect(tmp_path / f"{first}.ecodesk", isolation_level=None)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")  # as if written before the last migration
        conn.execute("ALTER TABLE entities DROP COLUMN size")
        conn.execute("DROP TABLE annotations")
        conn.execute("DROP TABLE views")
    assert make_samples.stale_samples(tmp_path) == [
        f"{first}.ecodesk is in file version {SCHEMA_VERSION - 1}, not the current {SCHEMA_VERSION}."]
