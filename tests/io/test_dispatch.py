"""The format dispatcher: names, guesses from paths and content, and clear refusals."""

from __future__ import annotations

import json

import pytest

from ecodesk.io import EXPORT_FORMATS, IMPORT_FORMATS, FormatError, export_file, guess_format, import_file


def test_formats_listed():
    assert IMPORT_FORMATS == ("json", "csv", "xlsx", "graphml", "gexf", "kumu", "gml")
    assert EXPORT_FORMATS == ("json", "csv", "xlsx", "graphml", "gexf", "kumu")


def test_guess_format(tmp_path):
    assert guess_format(tmp_path) == "csv"
    cases = {"a.json": "json", "a.CSV": "csv", "a.zip": "csv", "a.graphml": "graphml", "a.gexf": "gexf",
             "a.gml": "gml", "a.ecodesk": "ecodesk", "a.xlsx": "xlsx", "noext": "json"}
    assert {name: guess_format(tmp_path / name) for name in cases} == cases


def test_every_format_by_its_own_name_and_content(rich_project, tmp_path):
    scenario = "1.0 线性"
    for fmt in EXPORT_FORMATS:
        dest = tmp_path / f"out-{fmt}"
        export_file(rich_project, dest, fmt, scenario)
        back = import_file(dest, fmt)
        assert back.scenario().name == scenario
        assert len(back.scenario().entities) == len(rich_project.scenario(scenario).entities)
    # .xml is GraphML or GEXF by its root; .json is Kumu's when it looks like Kumu
    (tmp_path / "g.xml").write_bytes((tmp_path / "out-graphml").read_bytes())
    (tmp_path / "x.xml").write_bytes((tmp_path / "out-gexf").read_bytes())
    (tmp_path / "k.json").write_bytes((tmp_path / "out-kumu").read_bytes())
    assert import_file(tmp_path / "g.xml").content_equals(import_file(tmp_path / "out-graphml", "graphml"))
    assert import_file(tmp_path / "x.xml").scenario().name == scenario
    assert len(import_file(tmp_path / "k.json").scenario().flows) == len(rich_project.scenario(scenario).flows)


def test_refusals(rich_project, tmp_path):
    with pytest.raises(FormatError, match="cannot import format 'doc'"):
        import_file(tmp_path / "a.doc")
    with pytest.raises(FormatError, match="cannot export format 'pdfx'"):
        export_file(rich_project, tmp_path / "a.pdfx")
    (tmp_path / "k.json").write_text(json.dumps({"format": "kumu-ish", "elements": []}), encoding="utf-8")
    assert import_file(tmp_path / "k.json").scenario().entities.ids() == []  # an empty Kumu map imports empty
    with pytest.raises(FormatError, match="does not exist"):
        import_file(tmp_path / "missing", "csv")
