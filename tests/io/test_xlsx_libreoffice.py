"""Issue #15 item 6, checked by a real spreadsheet: the CSV and xlsx exports opened by
LibreOffice (headless ``soffice --convert-to csv``) show every formula-like text as text —
no cell is evaluated. Controls show that the same LibreOffice run *does* evaluate a plain
formula in a CSV file and a formula cell in a workbook, so the check can fail.

Skipped when ``soffice`` is not installed (CI installs libreoffice-calc-nogui)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

from ecodesk.io import export_file
from ecodesk.io.textsafe import restore_cell
from ecodesk.model import Entity, EntityKind, Project, Scenario

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; CI installs "
                                                        "libreoffice-calc-nogui to run this check")

FORMULAS = ["=1+1", '=HYPERLINK("http://example.com/?q=1","click")', "=SUM(2;3)", "+3*7", "-2+5", "@SUM(1,2)",
            "'=1+1", "=1+1\tx"]
#: What LibreOffice would show had it run them.
EVALUATED = {"2", "click", "5", "21", "3"}
ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _convert(tmp_path: Path, files: list[Path], target: str) -> Path:
    out = tmp_path / "converted"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", target, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=180)
    return out


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _project() -> Project:
    s = Scenario("Base")
    for i, text in enumerate(FORMULAS):
        s.add(Entity(f"e{i}", text, EntityKind.OTHER, industry=text, notes=text))
    p = Project("=1+1")
    p.add_scenario(s)
    return p


def test_libreoffice_evaluates_no_cell_of_the_csv_and_xlsx_exports(tmp_path):
    project = _project()
    export_file(project, tmp_path / "csv", "csv")
    export_file(project, tmp_path / "book.xlsx", "xlsx")
    control_csv = tmp_path / "control.csv"
    control_csv.write_text("id,name\na,=1+1\n", encoding="utf-8")
    wb = Workbook()
    wb.active.title = "entities"
    wb.active.append(["id", "name"])
    wb.active.append(["a", "=1+1"])  # openpyxl makes this a formula cell
    wb.save(tmp_path / "control.xlsx")

    out = _convert(tmp_path, [tmp_path / "csv" / "entities.csv", control_csv], "csv")
    assert _rows(out / "control.csv")[1] == ["a", "2"]  # a plain formula in a CSV file is run …
    rows = _rows(out / "entities.csv")
    header = rows[0]
    for i, text in enumerate(FORMULAS):
        row = dict(zip(header, rows[i + 1]))
        for column in ("name", "industry", "notes"):
            assert restore_cell(row[column]) == text, (column, row[column])  # … ours are text (with the ' mark)
            assert row[column] not in EVALUATED

    out = _convert(tmp_path, [tmp_path / "book.xlsx", tmp_path / "control.xlsx"], ALL_SHEETS)
    assert _rows(out / "control-entities.csv")[1] == ["a", "2"]  # a formula cell is run …
    rows = _rows(out / "book-entities.csv")
    header = rows[0]
    for i, text in enumerate(FORMULAS):
        row = dict(zip(header, rows[i + 1]))
        assert (row["name"], row["industry"], row["notes"]) == (text, text, text)  # … ours are string cells
    assert _rows(out / "book-project.csv")[1][0] == "=1+1"
