"""Robustness: damaged, foreign and newer project files — a mutation fuzzer and the bugs it found.

``test_mutated_project_files`` runs the campaign of ``fuzzing.py`` in child processes:
``ECODESK_FUZZ`` inputs (default 2,000; the long run is ``ECODESK_FUZZ=100000``, spread
over ``ECODESK_FUZZ_JOBS`` processes, default 2 when above 5,000). Every input must be
refused with a ProjectFileError sentence naming the file, or open; files that open with
other content are analysed and exported; no input may hang, change the file or leave a
file beside it. The figures are printed (``-s``).

The tests below it pin the bugs the fuzzer found, each small and deterministic.
"""

from __future__ import annotations

import json
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from ecodesk.cli import main
from ecodesk.model import Project
from ecodesk.store import ProjectFileError, check_project_file, open_project, write_project_atomic
from tests.robustness.fuzzing import IMPORT_FORMATS, build_project, run_campaign, run_import_campaign

FUZZ = int(os.environ.get("ECODESK_FUZZ", "2000"))
JOBS = int(os.environ.get("ECODESK_FUZZ_JOBS", "0")) or (2 if FUZZ > 5000 else 1)

#: Every way of refusing a file the mutations must reach (else the fuzzer lost its teeth).
EXPECTED_OUTCOMES = {
    "damaged",
    "not_sqlite",
    "foreign",
    "newer",
    "older",
    "invalid",
    "opened",
    "opened with other content",
}


def test_mutated_project_files(tmp_path: Path) -> None:
    shares = [FUZZ // JOBS + (i < FUZZ % JOBS) for i in range(JOBS)]
    with ThreadPoolExecutor(JOBS) as pool:
        summaries = list(
            pool.map(
                lambda job: run_campaign(
                    tmp_path / f"job{job}", shares[job], seed=1000 + job, timeout=120 + 0.2 * FUZZ
                ),
                range(JOBS),
            )
        )
    inputs = sum(s["inputs"] for s in summaries)
    seconds = max(s["seconds"] for s in summaries)
    outcomes: dict[str, int] = {}
    for s in summaries:
        for k, v in s["outcomes"].items():
            outcomes[k] = outcomes.get(k, 0) + v
    failures = [f for s in summaries for f in s["failures"]]
    slowest = max((s["slowest"] for s in summaries), key=lambda x: x["seconds"])
    print(f"\nfuzzed {inputs} project files in {seconds} s ({JOBS} processes); slowest input {slowest}; {outcomes}")
    assert inputs == FUZZ
    assert not failures, json.dumps(failures[:5], indent=1, ensure_ascii=False)[:20_000]
    assert EXPECTED_OUTCOMES <= set(outcomes), outcomes


IMPORT_FUZZ = int(os.environ.get("ECODESK_IMPORT_FUZZ", "1000"))
IMPORT_LONG = int(os.environ.get("ECODESK_IMPORT_FUZZ_LONG", "1000000"))


def _import_fuzz(tmp_path: Path, total: int, jobs: int, seed: int) -> None:
    shares = [total // jobs + (i < total % jobs) for i in range(jobs)]
    with ThreadPoolExecutor(jobs) as pool:
        summaries = list(pool.map(lambda job: run_import_campaign(
            tmp_path / f"imp{job}", shares[job], seed=seed + job, timeout=120 + 0.05 * shares[job]), range(jobs)))
    outcomes: dict[str, int] = {}
    for s in summaries:
        for k, v in s["outcomes"].items():
            outcomes[k] = outcomes.get(k, 0) + v
    failures = [f for s in summaries for f in s["failures"]]
    print(f"\nfuzzed {sum(s['inputs'] for s in summaries)} import files in {max(s['seconds'] for s in summaries)} s "
          f"({jobs} processes); {outcomes}")
    assert sum(s["inputs"] for s in summaries) == total
    assert not failures, json.dumps(failures[:5], indent=1, ensure_ascii=False)[:20_000]
    for fmt in IMPORT_FORMATS:  # every importer both imports some inputs and refuses others
        assert outcomes.get(f"{fmt} imported", 0) > 0 and outcomes.get(f"{fmt} refused", 0) > 0, outcomes


def test_mutated_import_files_seeded_sample(tmp_path: Path) -> None:
    """GraphML, GEXF, GML, CSV zip and Kumu inputs with huge digit strings, deep nesting, zip
    bombs, long texts and control characters: each imports or is refused with a sentence."""
    _import_fuzz(tmp_path, IMPORT_FUZZ, 1, seed=41)


@pytest.mark.slow
def test_mutated_import_files_long_run(tmp_path: Path) -> None:
    """The long run: ECODESK_IMPORT_FUZZ_LONG inputs (default 1,000,000) over 2 processes."""
    _import_fuzz(tmp_path, IMPORT_LONG, 2, seed=7000)


# -- the bugs the fuzzer found ---------------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> Project:
    return build_project()


@pytest.fixture
def project_file(project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "p.ecodesk"
    write_project_atomic(project, path)
    return path


def _patch_header(path: Path, offset: int, value: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] = value
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("offsets", [(19,), (18,), (18, 19)])
def test_wal_version_bytes_never_create_files_beside_the_file(project_file: Path, offsets: tuple[int, ...]) -> None:
    """Header byte 19 (read version) at 2 alone made SQLite open the user's file in WAL
    mode and create -wal and -shm files beside it; such files are now read from a copy."""
    for at in offsets:
        _patch_header(project_file, at, 2)
    before = project_file.read_bytes()
    for opener in (check_project_file, open_project):
        try:
            opener(project_file)
        except ProjectFileError as exc:
            assert exc.reason == "damaged"
    assert sorted(p.name for p in project_file.parent.iterdir()) == ["p.ecodesk"]
    assert project_file.read_bytes() == before


@pytest.mark.parametrize(
    ("column", "value"), [("scenario", "S0001"), ("position", "x"), ("position", b"\x00"), ("scenario", 2.5)]
)
def test_a_text_where_a_number_belongs_is_damage_not_a_crash(project_file: Path, column: str, value: Any) -> None:
    """SQLite stores any type in any column: a text position used to crash the sort
    (TypeError) instead of refusing the file."""
    with closing(sqlite3.connect(project_file)) as conn, conn:
        first = conn.execute("SELECT scenario, id FROM entities LIMIT 1").fetchone()
        conn.execute(f"UPDATE entities SET {column} = ? WHERE scenario = ? AND id = ?", (value, *first))
    with pytest.raises(ProjectFileError) as info:
        open_project(project_file)
    assert info.value.reason in ("damaged", "invalid"), str(info.value)
    assert str(project_file) in str(info.value)


def test_sqlite_reports_become_one_short_line(project_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A damaged CREATE statement is quoted by SQLite whole, over many lines; quick_check
    reports start with '*** in database main ***' on a line of its own. The message must
    stay one sentence on one line (the CLI prints one line per problem)."""
    with closing(sqlite3.connect(project_file)) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute(
            "UPDATE sqlite_master SET sql = 'CREATE TABLE pools (\n  id TEXT NOT NULL,\n  §' WHERE name = 'pools'"
        )
        conn.commit()
    with pytest.raises(ProjectFileError) as info:
        open_project(project_file)
    text = str(info.value)
    assert "\n" not in text and "\n" not in info.value.sentence("zh") and len(text) < 400, text
    assert main(["validate", str(project_file)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err


def test_quick_check_report_is_one_line(project_file: Path) -> None:
    data = bytearray(project_file.read_bytes())
    pages = len(data) // 4096
    for page in range(2, pages):  # the first page whose damage quick_check (not the parser) notices
        damaged = bytearray(data)
        damaged[page * 4096 : page * 4096 + 8] = b"\x0d\x00\x00\x00\x00\x0f\xa0\x00"  # an empty leaf, wrongly
        project_file.write_bytes(bytes(damaged))
        try:
            check_project_file(project_file)
        except ProjectFileError as exc:
            if "check reports" in str(exc):
                assert "\n" not in str(exc) and "*** in database main ***" not in str(exc), str(exc)
                return
    pytest.skip("no page produced a quick_check report with this SQLite")


@pytest.mark.parametrize("value", ['{"supply_kinds": 5}', '{"supply_kinds": null, "seed": 1}', "[]", "{bad json"])
def test_malformed_settings_are_invalid_not_a_crash(project_file: Path, value: str) -> None:
    """Settings the model cannot even build (``supply_kinds`` a number) raised TypeError."""
    with closing(sqlite3.connect(project_file)) as conn, conn:
        conn.execute("UPDATE project SET settings = ?", (value,))
    with pytest.raises(ProjectFileError) as info:
        open_project(project_file)
    assert info.value.reason == "invalid" and "settings" in str(info.value), str(info.value)
