"""CSV tables and interchange JSON carry flow labels and entity colours (schema v2): exact
round trip, formula-like labels neutralised in the file (checked with LibreOffice too) and
restored on import, colours typed in a sheet read as the edit rules read them."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ecodesk.io import FormatError, export_file, import_file
from ecodesk.io.jsonio import project_from_json, project_to_json
from ecodesk.model import Entity, Flow, FlowKind, Project, Scenario

FORMULA_LABELS = {
    "f1": '=HYPERLINK("http://example.com","c")',
    "f2": "@SUM(A1:A3)",
    "f3": "-2+3",
    "f4": "+cmd|' /C calc'!A0",
    "f5": "\t制表符开头",
    "f6": "'=already quoted",
    "f7": "月度结算 · PUT /documents",
    "f8": "",
}


def labelled_project() -> Project:
    s = Scenario("基准")
    s.add(Entity("a", "平台", color="#ff9900"))
    s.add(Entity("b", "=1+1", color=""))
    s.add(Entity("c", "渠道", color="#1f77b4"))
    ends = [("a", "b"), ("b", "c"), ("c", "a")]
    for n, (fid, label) in enumerate(FORMULA_LABELS.items()):
        src, tgt = ends[n % 3]
        s.add(Flow(fid, src, tgt, FlowKind.GOODS, 10.0 + n, 2.0, label=label))
    return Project("标签", scenarios=[s])


def table(folder: Path, name: str) -> list[dict[str, str]]:
    text = (folder / name).read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_labels_and_colours_round_trip_and_formulas_are_quoted(tmp_path: Path) -> None:
    project = labelled_project()
    export_file(project, tmp_path / "out", "csv")
    flows = {r["id"]: r["label"] for r in table(tmp_path / "out", "flows.csv")}
    assert flows == {
        "f1": "'" + FORMULA_LABELS["f1"], "f2": "'@SUM(A1:A3)", "f3": "'-2+3", "f4": "'+cmd|' /C calc'!A0",
        "f5": "'\t制表符开头", "f6": "''=already quoted", "f7": "月度结算 · PUT /documents", "f8": "",
    }
    entities = {r["id"]: (r["name"], r["color"]) for r in table(tmp_path / "out", "entities.csv")}
    assert entities == {"a": ("平台", "#ff9900"), "b": ("'=1+1", ""), "c": ("渠道", "#1f77b4")}
    back = import_file(tmp_path / "out")
    assert back.content_equals(project)
    assert {f.id: f.label for f in back.scenario().flows} == FORMULA_LABELS
    export_file(project, tmp_path / "p.zip")
    assert import_file(tmp_path / "p.zip").content_equals(project)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_labels_as_text_never_formulas(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    export_file(labelled_project(), tmp_path / "out", "csv")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                    "--infilter=CSV:44,34,76", "--convert-to", "xlsx",
                    "--outdir", str(tmp_path / "conv"), str(tmp_path / "out" / "flows.csv")],
                   check=True, capture_output=True, timeout=180)
    ws = openpyxl.load_workbook(tmp_path / "conv" / "flows.xlsx").active
    header = [c.value for c in ws[1]]
    col = header.index("label")
    cells = {row[1].value: row[col] for row in ws.iter_rows(min_row=2)}
    assert set(cells) == set(FORMULA_LABELS)
    for fid, cell in cells.items():
        assert cell.data_type != "f", (fid, cell.value)  # never a formula
        if FORMULA_LABELS[fid]:
            assert cell.data_type == "s" and isinstance(cell.value, str) and not cell.value.startswith("=")
            assert FORMULA_LABELS[fid].strip() in cell.value  # the text shown, behind the quote


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_text(data, encoding="utf-8")
    return folder


def test_colours_typed_in_a_sheet_are_normalised(tmp_path: Path) -> None:
    folder = write(tmp_path / "t", {
        "entities.csv": "id,name,color\na,甲,#FF9900\nb,乙,#f90\nc,丙, AbCdEf \nd,丁,\n",
        "flows.csv": "id,source,target,label\nf1,a,b,发货\nf2,b,c,\n",
    })
    s = import_file(folder).scenario()
    assert [e.color for e in s.entities] == ["#ff9900", "#ff9900", "#abcdef", ""]
    assert [f.label for f in s.flows] == ["发货", ""]


def test_a_colour_that_is_none_is_refused_with_file_row_and_column(tmp_path: Path) -> None:
    folder = write(tmp_path / "t", {"entities.csv": "id,color\na,#ff9900\nb,orange\nc,#12345\n"})
    with pytest.raises(FormatError) as info:
        import_file(folder)
    en, zh = info.value.sentences("en"), info.value.sentences("zh")
    assert len(en) == 2
    assert en[0] == ("entities.csv: row 3: Entity 'b', field 'color': 'orange' is not a colour: use #rrggbb "
                     "(six hex digits, e.g. #ff9900) or leave it empty.")
    assert en[1].startswith("entities.csv: row 4: Entity 'c', field 'color': '#12345' is not a colour")
    assert "第 3 行" in zh[0] and "不是颜色" in zh[0]


def test_json_writes_and_reads_label_and_color() -> None:
    project = labelled_project()
    data = project_to_json(project)
    flows = data["scenarios"][0]["flows"]
    assert [f["label"] for f in flows] == list(FORMULA_LABELS.values())
    assert [e["color"] for e in data["scenarios"][0]["entities"]] == ["#ff9900", "", "#1f77b4"]
    assert project_from_json(json.loads(json.dumps(data, ensure_ascii=False))).content_equals(project)


def test_json_without_the_new_keys_reads_defaults_and_a_bad_colour_is_named() -> None:
    p = project_from_json({"entities": [{"id": "a"}, {"id": "b"}], "flows": [{"id": "f", "source": "a", "target": "b"}]})
    s = p.scenario()
    assert [e.color for e in s.entities] == ["", ""] and [f.label for f in s.flows] == [""]
    with pytest.raises(FormatError) as info:
        project_from_json({"entities": [{"id": "a", "color": "#FFAA00"}]}, source="p.json")
    (sentence,) = info.value.sentences("en")
    assert "entities[0]" in sentence and "Entity 'a'" in sentence and "'#FFAA00' is not a colour" in sentence
