"""CSV folders: exact round trip, spreadsheet-friendly input, and errors that name file, row and column."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from ecodesk.io import FormatError, export_file, guess_format, import_file
from ecodesk.io.csvio import project_tables


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def problems_of(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(FormatError) as info:
        import_file(path)
    return info.value.sentences(lang)


def test_round_trip_folder_and_zip(rich_project, tmp_path):
    folder = tmp_path / "out"
    assert export_file(rich_project, folder, "csv") == []
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["annotations.csv", "capabilities.csv", "ecosystems.csv", "entities.csv", "flows.csv",
                     "needs.csv", "pools.csv", "project.csv", "views.csv"]
    back = import_file(folder)
    assert back.content_equals(rich_project)
    assert back.scenario_names() == ["1.0 线性", "2.0 网络；共享", "空白 scenario"]  # the empty one too
    assert import_file(folder / "flows.csv").content_equals(rich_project)  # one table names its folder
    export_file(rich_project, tmp_path / "p.zip")
    assert guess_format(tmp_path / "p.zip") == "csv"
    assert import_file(tmp_path / "p.zip").content_equals(rich_project)


def test_export_layout_is_spreadsheet_friendly(rich_project, tmp_path):
    export_file(rich_project, tmp_path / "out", "csv")
    raw = (tmp_path / "out" / "entities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # Excel opens UTF-8 with a BOM correctly
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["scenario", "id", "name", "kind", "industry", "ecosystems", "demand", "risk", "revenue",
                       "notes", "x", "y", "color", "size", "ranges"]
    hub = rows[1]
    assert hub[:6] == ["1.0 线性", "hub", "电商平台", "platform", "互联网", "car;家居"]
    assert hub[8] == "1500000" and hub[9].startswith("第一行\n第二行, 含逗号") and hub[13] == "1.75"
    tables = project_tables(rich_project)
    pools = {r[1]: dict(zip(tables["pools.csv"][0], r, strict=True)) for r in tables["pools.csv"][1:5]}
    assert pools["p_tier"]["tiers"] == "1000000:0.2;:0.15"
    assert pools["p_res"]["claims"] == "sup=60000;svc=30000;lab=45000"
    assert pools["p_cost"]["members"] == '["hub", "渠道;华东", "svc"]'  # an id with ';' falls back to JSON
    assert tables["project.csv"][1][5].startswith('{"seed": 3')


def test_one_scenario_only(rich_project, tmp_path):
    export_file(rich_project, tmp_path / "one", "csv", scenario="2.0 网络；共享")
    back = import_file(tmp_path / "one")
    assert back.scenario_names() == ["2.0 网络；共享"]
    assert back.scenario().content_equals(rich_project.scenario("2.0 网络；共享"))


def test_minimal_pair_any_column_order_crlf_blank_rows_quotes(tmp_path):
    folder = write(tmp_path / "mini", {
        "entities.csv": "Name,ID,Kind,Risk\r\n平台甲,a,平台,0.1\r\n\"供应商, 乙\",b,Supplier,\r\n,,,\r\n\r\n",
        "flows.csv": 'target,source,volume,notes\r\nb,a,"1,000","两行\r\n备注"\r\n',
    })
    p = import_file(folder)
    s = p.scenario()
    assert p.name == "mini" and s.name == "Base"
    assert [(e.id, e.name, e.kind.value, e.risk) for e in s.entities] == [
        ("a", "平台甲", "platform", 0.1), ("b", "供应商, 乙", "supplier", 0.0)]
    f = s.flows.at(0)
    assert (f.id, f.source, f.target, f.volume, f.notes) == ("flow1", "a", "b", 1000.0, "两行\r\n备注")


def test_encodings_bom_gbk_utf16(tmp_path):
    entities = "id,name,industry\na,平台甲,零售\nb,供应商乙,制造\n"
    flows = "source,target,kind\na,b,商品\n"
    for name, enc in (("bom", "utf-8-sig"), ("gbk", "gbk"), ("gb18030", "gb18030")):
        folder = write(tmp_path / name, {"entities.csv": entities.encode(enc), "flows.csv": flows.encode(enc)})
        s = import_file(folder).scenario()
        assert [e.name for e in s.entities] == ["平台甲", "供应商乙"], name
        assert s.flows.at(0).kind.value == "goods"
    # Excel's "Unicode text": UTF-16 with tabs
    folder = write(tmp_path / "u16", {"entities.csv": "id\tname\trisk\na\t甲\t0.5\n".encode("utf-16")})
    assert import_file(folder).scenario().entities["a"].risk == 0.5
    # a GBK file with a bad cell says how it was read
    folder = write(tmp_path / "gbkbad", {"entities.csv": "id,name,risk\na,平台甲,高\n".encode("gbk")})
    assert problems_of(folder) == ["entities.csv (GB18030): row 2, column 'risk': '高' is not a number."]
    folder = write(tmp_path / "binary", {"entities.csv": b"id,name\na,\xff\xfe\xfd\n"})
    assert "neither UTF-8 nor GB18030" in problems_of(folder)[0]


def test_bad_numbers_and_columns_named(tmp_path):
    folder = write(tmp_path / "bad", {
        "entities.csv": "id,name,colour,risk,demand\na,甲,red,\"1,5\",1\nb,乙,,2,\nc,丙,,0.1,-4\nd,丁,,x,\n",
        "flows.csv": "id,target\nf1,b\n",
    })
    assert problems_of(folder) == [
        "entities.csv: unknown column 'colour' (known: scenario, id, name, kind, industry, ecosystems, demand, risk, "
        "revenue, notes, x, y, color, size, ranges).",
        "entities.csv: row 2, column 'risk': '1,5' is not a number.",
        "entities.csv: row 5, column 'risk': 'x' is not a number.",
        "flows.csv: missing column 'source'.",
    ]
    zh = problems_of(folder, "zh")
    assert zh[1] == "entities.csv: 第 2 行，列 'risk'：'1,5' 不是数字。"
    # once the columns are right, the model's own checks are reported by row, all at once
    write(folder, {"entities.csv": "id,name,risk,demand\na,甲,0.1,1\nb,乙,2,\nc,丙,0.1,-4\n",
                   "flows.csv": "id,source,target\nf1,a,b\n"})
    assert problems_of(folder) == [
        "entities.csv: row 3: Entity 'b', field 'risk': must be at most 1 (got 2).",
        "entities.csv: row 4: Entity 'c', field 'demand': must not be negative (got -4).",
    ]  # f1 names 'b', whose own problem is already reported: no second message


def test_flow_to_missing_entity_named_with_file_and_row(tmp_path):
    folder = write(tmp_path / "ref", {
        "entities.csv": "id\na\nb\n",
        "flows.csv": "id,source,target\nf1,a,b\n\nf2,a,zz\n",
        "pools.csv": "id,members,rule,weights\np,a;b,equal,a=1;c=2\n",
    })
    assert problems_of(folder) == [  # objects' own fields first, then references between them
        "pools.csv: row 2: Pool 'p', field 'weights': names 'c', which is not a member of the pool.",
        "flows.csv: row 4: Flow 'f2', field 'target': names entity 'zz', which does not exist.",
    ]


def test_structure_problems(tmp_path):
    folder = write(tmp_path / "s", {"entities.csv": "id,name\na,甲,extra\n", "entites.csv": "id\n"})
    assert problems_of(folder) == ["entites.csv: not a table ecodesk knows (did you mean 'entities.csv'?)."]
    (folder / "entites.csv").unlink()
    assert problems_of(folder) == ["entities.csv: row 2: the cell 'extra' is not under any column."]
    folder = write(tmp_path / "multi", {"project.csv": "name,scenarios\nP,A;B\n",
                                        "entities.csv": "scenario,id\nA,a\n,b\nB,a\n"})
    assert problems_of(folder) == [
        "entities.csv: row 3: column 'scenario' is empty, and the project has several scenarios (A, B)."]
    folder = write(tmp_path / "nothing", {"readme.txt": "hi"})
    assert "has no entities.csv" in problems_of(folder)[0]
    folder = write(tmp_path / "twoproject", {"project.csv": "name\nA\nB\n", "entities.csv": "id\na\n"})
    assert problems_of(folder) == ["project.csv: row 3: project.csv holds one row only."]


def test_scenarios_from_the_scenario_column(tmp_path):
    folder = write(tmp_path / "sc", {
        "entities.csv": "scenario,id,kind\n线性,a,platform\n线性,b,user\n网络,a,platform\n网络,b,user\n",
        "flows.csv": "scenario,source,target\n网络,a,b\n",
    })
    p = import_file(folder)
    assert p.scenario_names() == ["线性", "网络"]
    assert len(p.scenario("线性").flows) == 0 and len(p.scenario("网络").flows) == 1


def test_nothing_is_imported_and_nothing_half_written(rich_project, tmp_path, monkeypatch):
    dest = write(tmp_path / "keep", {"entities.csv": "old", "notes.txt": "mine"})
    export_file(rich_project, dest, "csv")  # an existing folder: tables replaced, other files kept
    assert (dest / "notes.txt").read_text() == "mine" and import_file(dest).content_equals(rich_project)
    before = {p.name: p.read_bytes() for p in dest.iterdir()}
    with pytest.raises(FormatError, match="writes a folder"):
        export_file(rich_project, tmp_path / "x.csv")

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("ecodesk.io.csvio.project_tables", boom)
    with pytest.raises(RuntimeError):
        export_file(rich_project, dest, "csv")
    with pytest.raises(RuntimeError):
        export_file(rich_project, tmp_path / "new", "csv")
    assert {p.name: p.read_bytes() for p in dest.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep"]


def test_zip_with_a_folder_inside(rich_project, tmp_path):
    export_file(rich_project, tmp_path / "out", "csv")
    with zipfile.ZipFile(tmp_path / "nested.zip", "w") as zf:
        for p in (tmp_path / "out").iterdir():
            zf.write(p, f"out/{p.name}")
    assert import_file(tmp_path / "nested.zip").content_equals(rich_project)
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    assert "not a readable zip" in problems_of(tmp_path / "broken.zip")[0]
