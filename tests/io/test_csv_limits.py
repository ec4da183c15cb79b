"""CSV import on zip bombs and huge tables: bounded bytes (per member, in total, compression
ratio), rows, cells and problems, each refused in one sentence naming the limit; and cells as
long as a table (notes beyond csv's default 131,072 characters) import back."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from ecodesk.io import FormatError, csvio, export_file, import_file
from ecodesk.model import Entity, Project, Scenario

ROOT = Path(__file__).resolve().parents[2]


def zip_of(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(FormatError) as info:
        import_file(path, "csv")
    return info.value.problems


def test_limits() -> None:
    assert (csvio.MAX_BYTES, csvio.MAX_TOTAL_BYTES, csvio.MAX_RATIO) == (64 << 20, 128 << 20, 250)
    assert (csvio.MAX_ROWS, csvio.MAX_CELLS, csvio.MAX_PROBLEMS) == (100_000, 2_000_000, 50)


def test_zip_bomb_of_10_million_rows_is_refused_quickly_and_in_little_memory(tmp_path: Path) -> None:
    # Before: 416 s, 15.8 GB and 10 M error lines for this 20 KB file. Measured in a child
    # process (peak resident memory of the whole interpreter, ecodesk and Qt-free imports).
    bomb = zip_of(tmp_path / "bomb.zip", {"entities.csv": b"id\n" + b"a\n" * 10_000_000})
    assert bomb.stat().st_size < 30_000
    code = textwrap.dedent(f"""
        import json, resource, sys, time
        from ecodesk.io import FormatError, import_file
        t = time.perf_counter()
        try:
            import_file({str(bomb)!r}, "csv")
            problems = []
        except FormatError as exc:
            problems = exc.sentences()
        # VmHWM, not ru_maxrss: after fork+exec ru_maxrss still counts the parent's pages
        # (a pytest worker that ran big tests before); VmHWM is this process's own peak
        with open("/proc/self/status") as fh:
            hwm = [int(line.split()[1]) for line in fh if line.startswith("VmHWM:")]
        peak = hwm[0] / 1024 if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({{"problems": problems, "seconds": time.perf_counter() - t, "peak_mb": peak}}))
    """)
    out = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                    cwd=ROOT, timeout=120).stdout)
    assert out["problems"][0] == ("entities.csv: unpacks to 20,000,003 bytes from "
                                  f"{zipfile.ZipFile(bomb).getinfo('entities.csv').compress_size:,} (more than 250 "
                                  "times its packed size, the mark of a zip bomb).")
    assert len(out["problems"]) <= 21
    assert out["peak_mb"] < 400, out  # generous: the interpreter alone is ~50 MB
    assert out["seconds"] < 30, out


def test_rows_beyond_the_limit_are_one_sentence(tmp_path: Path) -> None:
    # 150,000 rows in 300 KB: under the ratio check (members below 1 MB), stopped by the row bound.
    path = zip_of(tmp_path / "rows.zip", {"entities.csv": b"id\n" + b"a\n" * 150_000})
    assert problems(path) == ["entities.csv: has more than 100,000 rows (ecodesk reads at most that many in one "
                              "table)."]


def test_cells_beyond_the_limit_are_one_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "cells"
    folder.mkdir()
    (folder / "entities.csv").write_bytes(b"id\n" + b"," * 2_100_000 + b"\n")
    assert problems(folder) == ["entities.csv: has more than 2,000,000 cells (ecodesk reads at most that many in "
                                "one table)."]


def test_members_too_large_or_too_many_bytes_in_total(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvio, "MAX_BYTES", 1000)
    monkeypatch.setattr(csvio, "MAX_TOTAL_BYTES", 1200)
    rows = b"id,name\n" + b"".join(b"e%d,x\n" % i for i in range(80))  # ~700 bytes
    path = zip_of(tmp_path / "t.zip", {"entities.csv": rows, "flows.csv": b"source,target\n" + b"e1,e2\n" * 200,
                                       "ecosystems.csv": b"id\n" + b"eco\n" * 200})
    found = problems(path)
    assert found[0] == "flows.csv: is too large (1,214 bytes; ecodesk reads tables of at most 1,000 bytes)."
    assert found[1] == ("ecosystems.csv: would bring the tables of the zip to more than 1,200 bytes unpacked "
                        "(ecodesk's limit).")


def test_problems_of_a_table_stop_at_50(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "entities.csv").write_text("id,risk\n" + "".join(f"e{i},x\n" for i in range(5000)))
    with pytest.raises(FormatError) as info:
        import_file(folder, "csv")
    found = info.value.problems
    assert len(found) == 51
    assert found[0] == "entities.csv: row 2, column 'risk': 'x' is not a number."
    assert found[-1] == "entities.csv: reading stopped after 50 problems in this table (row 52)."
    assert info.value.sentences()[-1] == "… and 31 more problems"


@pytest.mark.parametrize("dest", ["out", "out.zip"])
def test_notes_beyond_131072_characters_import_back(tmp_path: Path, dest: str) -> None:
    # Before: csv's default field limit (131,072) made the export unreadable ("field larger than field limit").
    notes = "长" * 150_000 + "\n" + "x" * 400_000
    scenario = Scenario("Base")
    scenario.add(Entity("a", name="A", notes=notes))
    project = Project("P", scenarios=[scenario])
    export_file(project, tmp_path / dest, "csv")
    back = import_file(tmp_path / dest, "csv")
    assert [e.notes for e in back.scenario().entities] == [notes]


def test_lines_keep_their_ends_and_quoted_newlines() -> None:
    assert list(csvio._lines("a\r\nb\rc\nd")) == ["a\r\n", "b\r", "c\n", "d"]
    header, rows = csvio.read_rows('id,notes\r\na,"x\r\ny"\rb,z', "t.csv", [])
    assert header == ["id", "notes"] and rows == [(2, ["a", "x\r\ny"]), (3, ["b", "z"])]


def test_small_zip_still_reads(tmp_path: Path) -> None:
    zip_of(tmp_path / "ok.zip", {"entities.csv": b"id,name\na,A\nb,B\n", "flows.csv": b"source,target\na,b\n"})
    project = import_file(tmp_path / "ok.zip", "csv")
    assert [e.id for e in project.scenario().entities] == ["a", "b"]
