"""Notes on the canvas (annotations), saved views and entity sizes in every file format:
JSON keys, the CSV/xlsx tables, what graph formats carry, and refusals naming object and field."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ecodesk.io import FormatError, export_file, import_file
from ecodesk.io.jsonio import project_from_json, project_to_json
from ecodesk.model import Annotation, Entity, Project, Scenario, View


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def _problems(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(FormatError) as info:
        import_file(path)
    return info.value.sentences(lang)


def test_json_keys_annotations_per_scenario_views_on_the_project_size_only_when_set(rich_project):
    data = project_to_json(rich_project)
    first = data["scenarios"][0]
    assert first["annotations"][0] == {"id": "note1", "text": "讨论：谁承担研发成本？\n第二行, \"引号\"", "x": -300.5,
                                       "y": -250.0, "width": 260.0, "height": 90.0, "color": "#fff2a8"}
    assert data["scenarios"][2]["annotations"] == []
    assert [v["id"] for v in data["project"]["views"]] == ["v1", "v=2", "orphan"]
    assert data["project"]["views"][0] == {"id": "v1", "title": "总览：生态全景", "scenario": "1.0 线性",
                                           "rect": [-400.5, -300.0, 1200.0, 800.25], "color_mode": "criticality",
                                           "hidden_kinds": ["money", "credit"], "panel": "cost",
                                           "text": "先讲成本\n再讲风险, \"引号\""}
    sizes = {e["id"]: e.get("size") for e in first["entities"]}
    assert sizes["hub"] == 1.75 and sizes["sup"] == 0.25 and "size" not in first["entities"][2]
    back = project_from_json(json.loads(json.dumps(data)))
    assert back.content_equals(rich_project) and back.views == rich_project.views
    assert [v.id for v in back.orphan_views()] == ["orphan"]  # a view of a missing scenario is kept
    single = project_to_json(rich_project, scenario="2.0 网络；共享")
    assert [v["id"] for v in single["project"]["views"]] == ["v=2"] and len(single["annotations"]) == 3


def test_a_file_without_views_or_annotations_still_imports():
    p = project_from_json({"format": "ecodesk", "version": 1, "project": {"name": "old"},
                           "scenarios": [{"name": "S", "entities": [{"id": "a"}]}]})
    assert p.views == [] and len(p.scenario("S").annotations) == 0 and p.scenario("S").entities["a"].size == 1.0


@pytest.mark.parametrize(("views", "sentence"), [
    ([{"id": "v1", "rect": [0, 0, 0, 10]}],
     "'bad.json', project, views[0]: View 'v1', field 'rect': width and height must be more than 0 (got 0)."),
    ([{"id": "v1", "panel": "charts"}],
     "'bad.json', project, views[0]: View 'v1', field 'panel': unknown value 'charts' (allowed: overview, reuse, "
     "cost, resilience, compare, sensitivity, or null)."),
    ([{"id": "v1", "hidden_kinds": ["money", "gold"]}], "field 'hidden_kinds'"),
    ([{"id": "v1"}, {"id": "v1", "title": "again"}],
     "'bad.json', project, views[1]: View 'v1', field 'id': is already used by another view."),
    ([{"id": "v1", "zoom": 2}], "'bad.json', project, views[0]: View 'v1', field 'zoom': is not a known field."),
    ({"id": "v1"}, "'bad.json', project: 'views' must be a list."),
])
def test_bad_views_are_refused_naming_view_and_field(views, sentence):
    data = {"project": {"name": "p", "views": views}, "entities": [{"id": "a"}]}
    with pytest.raises(FormatError) as info:
        project_from_json(data, source="bad.json")
    assert any(sentence in p for p in info.value.problems), info.value.problems


@pytest.mark.parametrize(("item", "sentence"), [
    ({"id": "n1", "width": -5}, "annotations[0]: Annotation 'n1', field 'width': must be more than 0"),
    ({"id": "n1", "color": "yellow"}, "annotations[0]: Annotation 'n1', field 'color'"),
    ({"id": "a", "text": "x"}, "annotations[0]: Annotation 'a', field 'id'"),  # the entity's id
])
def test_bad_notes_and_sizes_are_refused_naming_object_and_field(item, sentence):
    with pytest.raises(FormatError) as info:
        project_from_json({"entities": [{"id": "a"}], "annotations": [item]}, source="bad.json")
    assert sentence in str(info.value)
    with pytest.raises(FormatError) as info:
        project_from_json({"entities": [{"id": "a", "size": 5}]}, source="bad.json")
    assert "entities[0]: Entity 'a', field 'size': must be from 0.25 to 4 times the normal size (got 5)" in str(
        info.value)


def test_csv_tables_of_notes_and_views_are_laid_out_for_a_spreadsheet(rich_project, tmp_path):
    export_file(rich_project, tmp_path / "out", "csv")
    notes = _rows(tmp_path / "out" / "annotations.csv")
    assert notes[0] == ["scenario", "id", "text", "x", "y", "width", "height", "color"]
    assert notes[1] == ["1.0 线性", "note1", "讨论：谁承担研发成本？\n第二行, \"引号\"", "-300.5", "-250", "260", "90",
                        "#fff2a8"]
    assert notes[2][1:3] == ["'=note;2", "'=HYPERLINK(\"http://x\")"]  # never a formula
    views = _rows(tmp_path / "out" / "views.csv")
    assert views[0] == ["id", "title", "scenario", "x", "y", "width", "height", "color_mode", "hidden_kinds", "panel",
                        "text"]
    assert views[1] == ["v1", "总览：生态全景", "1.0 线性", "-400.5", "-300", "1200", "800.25", "criticality",
                        "money;credit", "cost", "先讲成本\n再讲风险, \"引号\""]
    assert views[2][:2] == ["v=2", "'=SUM(A1)"] and views[2][7:10] == ["kind", "", ""]
    assert [r[0] for r in views[1:]] == ["v1", "v=2", "orphan"]  # presentation order


def test_an_old_csv_folder_imports_and_a_planner_may_write_notes_and_views_by_hand(rich_project, tmp_path):
    folder = tmp_path / "out"
    export_file(rich_project, folder, "csv")
    (folder / "annotations.csv").unlink()
    (folder / "views.csv").unlink()
    old = import_file(folder)
    assert old.views == [] and all(len(s.annotations) == 0 for s in old.scenarios)
    assert old.scenario("1.0 线性").entities["hub"].size == 1.75
    (folder / "annotations.csv").write_text("scenario,text,x,y\n1.0 线性,先看物流,10,20\n1.0 线性,再看资金,30,40\n",
                                            encoding="utf-8")
    (folder / "views.csv").write_text("id,title,scenario,x,y,width,height,hidden_kinds,panel\n"
                                      "s1,第一页,1.0 线性,0,0,800,600,资金；数据,\n", encoding="utf-8")
    p = import_file(folder)
    assert [(a.id, a.text, a.width) for a in p.scenario("1.0 线性").annotations] == [
        ("note1", "先看物流", 220.0), ("note2", "再看资金", 220.0)]  # ids made up, sizes the default
    assert p.views == [View("s1", "第一页", "1.0 线性", (0, 0, 800, 600), "kind", ("money", "data"), None, "")]


def test_bad_cells_of_the_views_and_notes_tables_are_named_with_row_and_column(rich_project, tmp_path):
    folder = tmp_path / "out"
    export_file(rich_project, folder, "csv")
    (folder / "views.csv").write_text("id,title,x,width,color_mode,hidden_kinds,panel\n"
                                      "s1,a,left,800,,,\n"
                                      "s2,b,0,-1,,,\n"
                                      "s3,c,0,1,heat,,\n"
                                      "s4,d,0,1,,gold,\n"
                                      "s5,e,0,1,,,\n"
                                      "s5,f,0,1,,,\n", encoding="utf-8")
    (folder / "annotations.csv").write_text("scenario,id,text,width\n1.0 线性,n1,hi,0\n", encoding="utf-8")
    problems = _problems(folder)
    assert problems[:5] == [
        "views.csv: row 2, column 'x': 'left' is not a number.",
        "views.csv: row 3: View 's2', field 'rect': width and height must be more than 0 (got -1).",
        "views.csv: row 4: View 's3', field 'color_mode': unknown value 'heat' (allowed: kind, criticality, ecosystem, "
        "shapley).",
        "views.csv: row 5: View 's4', field 'hidden_kinds': unknown value 'gold' (allowed: goods, capability, "
        "logistics, data, traffic, money, credit).",
        "views.csv: row 7, column 'id': the view id 's5' is used twice.",
    ]
    assert problems[5] == "annotations.csv: row 2: Annotation 'n1', field 'width': must be more than 0 and at most " \
                          "100000 (got 0)."
    assert _problems(folder, "zh")[0] == "views.csv: 第 2 行，列 'x'：'left' 不是数字。"
    (folder / "views.csv").write_text("title\nx\n", encoding="utf-8")
    assert "views.csv: missing column 'id'." in _problems(folder)


def test_xlsx_has_the_notes_and_views_sheets_with_numbers_as_numbers(rich_project, tmp_path):
    from openpyxl import load_workbook

    export_file(rich_project, tmp_path / "b.xlsx")
    wb = load_workbook(tmp_path / "b.xlsx")
    views = [[c.value for c in row] for row in wb["views"].iter_rows()]
    assert views[1][:7] == ["v1", "总览：生态全景", "1.0 线性", -400.5, -300, 1200, 800.25]
    assert wb["views"]["B3"].data_type == "s" and wb["views"]["B3"].value == "=SUM(A1)"  # text, not a formula
    assert wb["annotations"]["C3"].data_type == "s"
    assert [c.value for c in wb["entities"][1]][13] == "size" and wb["entities"]["N2"].value == 1.75
    back = import_file(tmp_path / "b.xlsx")
    assert back.content_equals(rich_project) and back.views == rich_project.views


def test_graphml_and_gexf_carry_sizes_where_tools_look_and_notes_and_views_as_data(rich_project, tmp_path):
    export_file(rich_project, tmp_path / "p.graphml")
    text = (tmp_path / "p.graphml").read_text(encoding="utf-8")
    assert 'width="157.5" height="70.0"' in text  # hub: 1.75 × yEd's 90 × 40 box
    assert '<data key="n_size">1.75</data>' in text and text.count('key="n_size"') == 4  # 2 sized × 2 scenarios
    back = import_file(tmp_path / "p.graphml")
    assert back.content_equals(rich_project) and back.views == rich_project.views
    export_file(rich_project, tmp_path / "p.gexf", scenario="1.0 线性")
    gexf = (tmp_path / "p.gexf").read_text(encoding="utf-8")
    assert '<viz:size value="17.5"/>' in gexf and '<viz:size value="2.5"/>' in gexf and '<viz:size value="10.0"/>' in gexf
    back = import_file(tmp_path / "p.gexf")
    assert back.scenario().content_equals(rich_project.scenario("1.0 线性"))
    assert [v.id for v in back.views] == ["v1"]


def test_a_graphml_written_before_notes_imports(tmp_path):
    s = Scenario("Base")
    s.add(Entity("a", "甲", x=1))
    s.add(Annotation("n", "note"))
    p = Project("p", scenarios=[s], views=[View("v")])
    export_file(p, tmp_path / "p.graphml")
    text = (tmp_path / "p.graphml").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if "g_annotations" not in ln]
    old = "\n".join(lines).replace(', "views": [{"id": "v", "title": "", "scenario": "", "rect": [0.0, 0.0, 1000.0, '
                                   '700.0], "color_mode": "kind", "hidden_kinds": [], "panel": null, "text": ""}]', "")
    assert old != text and "views" not in old
    (tmp_path / "old.graphml").write_text(old, encoding="utf-8")
    back = import_file(tmp_path / "old.graphml")
    assert back.views == [] and len(back.scenario().annotations) == 0 and back.scenario().entities.ids() == ["a"]


def test_zip_of_csv_tables_round_trips_notes_and_views(rich_project, tmp_path):
    export_file(rich_project, tmp_path / "p.zip")
    back = import_file(tmp_path / "p.zip")
    assert back.content_equals(rich_project) and back.views == rich_project.views


def test_a_table_of_notes_or_views_given_alone_names_its_folder(rich_project, tmp_path):
    export_file(rich_project, tmp_path / "out", "csv")
    for name in ("annotations.csv", "views.csv"):
        back = import_file(tmp_path / "out" / name)
        assert back.content_equals(rich_project) and back.views == rich_project.views


_YED_NOTES = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d6"><y:ShapeNode><y:Geometry height="40.0" width="80.0" x="0.0" y="0.0"/>
      <y:NodeLabel>平台</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:Geometry height="40.0" width="80.0" x="200.0" y="0.0"/>
      <y:NodeLabel>供应商</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n2"><data key="d6"><y:UMLNoteNode><y:Geometry height="60.0" width="150.0" x="-20.5" y="100.0"/>
      <y:Fill color="#FFFF99" transparent="false"/><y:NodeLabel>物流成本待核实</y:NodeLabel></y:UMLNoteNode></data></node>
    <node id="n0x"><data key="d6"><y:UMLNoteNode><y:Geometry height="0" width="0" x="1" y="2"/>
      <y:NodeLabel hasText="false"/></y:UMLNoteNode></data></node>
    <edge id="e0" source="n1" target="n0"/>
    <edge id="e1" source="n2" target="n0"/>
  </graph>
</graphml>
"""


def test_yed_notes_become_notes_on_the_canvas_and_their_lines_are_said_to_be_left_out(tmp_path):
    (tmp_path / "notes.graphml").write_text(_YED_NOTES, encoding="utf-8")
    p = import_file(tmp_path / "notes.graphml")
    s = p.scenario()
    assert s.entities.ids() == ["n0", "n1"] and s.flows.ids() == ["e0"]
    assert [(a.id, a.text, a.x, a.y, a.width, a.height, a.color) for a in s.annotations] == [
        ("n2", "物流成本待核实", -20.5, 100.0, 150.0, 60.0, "#ffff99"),
        ("n0x", "", 0.0, 0.0, 220.0, 120.0, "")]  # an empty box: the default size
    assert p.import_remarks == [(
        "notes.graphml: 2 yEd notes became notes on the canvas; the 1 line linking notes to nodes was left out.",
        "notes.graphml：2 个 yEd 便签成为画布上的便签；连接便签与节点的 1 条线未导入。")]


@pytest.mark.parametrize("name", ["p.json", "p.zip", "p.xlsx", "p.graphml"])
def test_a_view_of_a_scenario_the_file_lacks_is_kept_and_said(rich_project, tmp_path, name):
    export_file(rich_project, tmp_path / name)
    back = import_file(tmp_path / name)
    assert [v.id for v in back.orphan_views()] == ["orphan"]
    assert (f"{name}: a view shows a scenario the file does not hold ('orphan' (已删除的情景)); it is kept and marked "
            "in the Views panel.") in [en for en, _ in back.import_remarks]
    assert f"{name}：「orphan」（已删除的情景）视图所示的情景不在文件中；这些视图已保留，并在视图面板中标出。" in [
        zh for _, zh in back.import_remarks]


def test_views_at_top_level_are_said_to_belong_in_the_project_object():
    with pytest.raises(FormatError) as info:
        project_from_json({"entities": [{"id": "a"}], "views": [{"id": "v1"}]}, source="x.json")
    assert info.value.problems == [
        "'x.json': 'views' belongs in the 'project' object (\"project\": {\"views\": [...]}), not at top level."]
