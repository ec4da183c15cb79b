"""Foreign node/edge tables (SPEC §4): files in the real dialects of Gephi's data laboratory,
Cytoscape, Kumu's spreadsheets, a planner's Chinese workbook, a header-less edge list and a
GBK semicolon CSV import with the right counts and names; columns are recognised in English
and Chinese; --map overrides; bad rows are named by file, row and column and nothing is
half-imported; check_plan is the dry run behind the import dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodesk.io import FormatError, import_file
from ecodesk.io.foreigntables import (
    EDGE_ROLES,
    NODE_ROLES,
    TablePlan,
    TableSource,
    check_plan,
    find_tables,
    guess_mapping,
    header_key,
    import_tables,
    make_plan,
    parse_map_option,
    plan_files,
    read_table,
    table_kind,
)
from tests.io.workbooks import write_workbook

HERE = Path(__file__).parent / "fixtures" / "tables"


def _names(project):
    s = project.scenario()
    return [e.name for e in s.entities], [(s.entities[f.source].name, s.entities[f.target].name) for f in s.flows]


def test_roles_are_the_published_ones():
    assert NODE_ROLES == ("id", "name", "kind", "industry", "ecosystems", "demand", "risk", "revenue", "notes", "x",
                          "y", "color", "note", "skip")
    assert EDGE_ROLES == ("id", "source", "target", "kind", "volume", "unit_value", "risk", "notes", "label",
                          "capability", "standalone_cost", "note", "skip")


def test_columns_are_recognised_in_english_and_chinese():
    assert guess_mapping(["ID", "Name", "Type", "Industry", "Ecosystems", "X", "y", "Colour", "Description", "Extra"],
                         "nodes") == {"ID": "id", "Name": "name", "Type": "kind", "Industry": "industry",
                                      "Ecosystems": "ecosystems", "X": "x", "y": "y", "Colour": "color",
                                      "Description": "notes", "Extra": "note"}
    assert guess_mapping(["编号", "名称", "类型", "行业", "生态", "颜色", "备注"], "nodes") == {
        "编号": "id", "名称": "name", "类型": "kind", "行业": "industry", "生态": "ecosystems", "颜色": "color",
        "备注": "notes"}
    assert guess_mapping(["key", "名字"], "nodes") == {"key": "id", "名字": "name"}
    assert guess_mapping(["源", "目标", "权重", "类型", "标签"], "edges") == {
        "源": "source", "目标": "target", "权重": "volume", "类型": "kind", "标签": "label"}
    assert guess_mapping(["起点", "终点", "数量"], "edges") == {"起点": "source", "终点": "target", "数量": "volume"}
    assert guess_mapping(["From", "To", "Label", "unit_value", "Notes"], "edges") == {
        "From": "source", "To": "target", "Label": "label", "unit_value": "unit_value", "Notes": "notes"}
    # a role goes to its first column only; a column without a name is kept in notes too
    assert guess_mapping(["Id", "key", "", "name"], "nodes") == {"Id": "id", "key": "note", "": "note",
                                                                 "name": "name"}
    assert table_kind(["Source", "Target", "Weight"]) == "edges"
    assert table_kind(["Id", "Label"]) == "nodes" and table_kind(["foo", "bar"]) is None
    with pytest.raises(ValueError):
        guess_mapping(["a"], "graphs")


def test_header_key_ignores_order_case_and_spacing():
    assert header_key(["Source", "Target", "Weight"], "edges") == header_key(["weight", " target", "SOURCE"], "edges")
    assert header_key(["Source", "Target"], "edges") != header_key(["Source", "Target"], "nodes")
    assert header_key(["Source", "Target"], "edges") != header_key(["Source", "Target", "Type"], "edges")


def test_gephi_data_laboratory_edge_table_alone():
    project = import_file(HERE / "gephi_edges.csv")
    s = project.scenario()
    # 7 edges, one a self-loop (25 → 25): 6 flows between the 6 ids named by the ends
    assert (len(s.entities), len(s.flows)) == (6, 6)
    assert [e.id for e in s.entities] == ["11", "55", "48", "25", "27", "23"]
    assert [f.volume for f in s.flows] == [1.0, 12.0, 21.0, 5.0, 2.0, 3.0]
    assert [f.label for f in s.flows][:5] == ["", "grandson", "", "arrests", "mother of"]
    assert "direction: undirected" in s.flows.at(2).notes and "connection to itself" in s.entities["25"].notes
    assert all(f.kind.value == "goods" for f in s.flows)  # Gephi's Type is a direction, not a kind
    en = [r[0] for r in project.import_remarks]
    assert "gephi_edges.csv has no node table: its 6 entities were made from the edges' ends." in en
    assert "1 edge is undirected: each became one flow from source to target (noted on the flow)." in en
    assert "1 edge from an entity to itself was left out (noted on the entity)." in en
    assert len({(e.x, e.y) for e in s.entities}) == 6  # laid out: no two at one place


def test_gephi_node_and_edge_pair():
    project = import_tables(plan_files(HERE / "gephi_nodes.csv", HERE / "gephi_edges.csv"))
    names, flows = _names(project)
    assert names == ["Myriel", "Gillenormand", "Marius", "Javert", "Fantine", "Cosette"]
    assert flows == [("Myriel", "Marius"), ("Gillenormand", "Marius"), ("Marius", "Cosette"), ("Javert", "Fantine"),
                     ("Fantine", "Cosette"), ("Javert", "Marius")]
    s = project.scenario()
    assert s.entities["55"].notes == "Degree: 19\nmodularity_class: 1"  # unknown columns kept, empty ones not
    assert project.name == "gephi_nodes"


def test_cytoscape_default_tables():
    nodes, edges = read_table(HERE / "cytoscape_default_node.csv"), read_table(HERE / "cytoscape_default_edge.csv")
    assert table_kind(edges.header) == "edges" and table_kind(nodes.header) == "nodes"
    project = import_tables(make_plan(nodes, edges))
    names, flows = _names(project)
    assert names == ["Steel Mill", "Parts Maker", "Car Plant", "Dealer"]
    assert flows == [("Steel Mill", "Parts Maker"), ("Parts Maker", "Car Plant"), ("Car Plant", "Dealer")]
    s = project.scenario()
    assert [f.kind.value for f in s.flows] == ["goods", "goods", "goods"] and s.flows.at(0).label == ""
    assert s.entities.at(0).notes == "SUID: 52\nselected: false"  # "shared name" repeats the name: left out
    assert s.flows.at(0).notes == ("interaction: supplies\nSUID: 60\nshared interaction: supplies\nselected: false\n"
                                   "EdgeBetweenness: 3.0")


def test_kumu_spreadsheet_workbook():
    nodes, edges = find_tables(HERE / "kumu_spreadsheet.xlsx")
    assert (nodes.sheet, edges.sheet) == ("Elements", "Connections")
    assert nodes.label == "kumu_spreadsheet.xlsx [Elements]"
    project = import_file(HERE / "kumu_spreadsheet.xlsx")
    names, flows = _names(project)
    assert names == ["Acme Sensors", "RideHub", "City Riders", "Fleet Finance"]
    assert flows == [("Acme Sensors", "RideHub"), ("RideHub", "City Riders"), ("City Riders", "RideHub"),
                     ("Fleet Finance", "RideHub")]  # the self-loop RideHub → RideHub is left out
    s = project.scenario()
    assert [e.kind.value for e in s.entities] == ["other", "platform", "user", "other"]
    assert [f.kind.value for f in s.flows] == ["goods", "traffic", "money", "credit"]
    assert s.entities.at(0).notes.startswith("Makes lidar units") and "Tags: hardware|supplier" in s.entities.at(0).notes
    assert "direction: mutual" in s.flows.at(3).notes and s.flows.at(0).label == "lidar supply"


def test_planner_chinese_workbook():
    project = import_file(HERE / "planner_zh.xlsx")
    names, flows = _names(project)
    assert names == ["星河传感", "云途平台", "优选渠道", "终端用户"]
    assert flows == [("星河传感", "云途平台"), ("云途平台", "优选渠道"), ("优选渠道", "终端用户"), ("终端用户", "云途平台")]
    s = project.scenario()
    assert [e.kind.value for e in s.entities] == ["supplier", "platform", "channel", "user"]
    assert [f.kind.value for f in s.flows] == ["goods", "data", "logistics", "money"]
    assert [f.volume for f in s.flows] == [1200.0, 300.0, 12000.0, 85000.5]
    assert sorted(e.name for e in s.ecosystems) == ["智能家居", "智能汽车"]
    assert len(s.entities.at(1).ecosystems) == 2 and s.entities.at(0).notes == "核心零部件"
    assert s.entities.at(0).industry == "电子"


def test_headerless_edge_list_and_gbk_semicolon_tables():
    project = import_file(HERE / "edge_list_no_header.csv")
    names, flows = _names(project)
    assert names == ["Sensor Co", "Car Maker", "Home Appliances", "Dealers", "End Users"]
    assert len(flows) == 5 and [f.volume for f in project.scenario().flows] == [10.0, 4.0, 8.0, 2.5, 9.0]
    table = read_table(HERE / "edge_list_no_header.csv")
    assert table.headerless and table.header == ("source", "target", "weight") and table.row_number(0) == 1
    project = import_tables(plan_files(HERE / "partners_gbk_semicolon.csv", HERE / "flows_gbk_semicolon.csv"))
    names, flows = _names(project)
    assert names == ["星河传感", "云途平台", "优选渠道", "终端用户"] and len(flows) == 4
    s = project.scenario()
    assert s.entities.at(2).kind.value == "channel" and s.flows.at(3).volume == 85000.0
    assert s.flows.at(0).notes == "月度供货"


def test_an_ambiguous_headerless_table_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("Alpha,Beta\nGamma,Delta\n", encoding="utf-8")  # no end comes back: maybe a header
    with pytest.raises(FormatError) as info:
        import_file(path)
    [sentence] = info.value.problems
    assert sentence.startswith("pairs.csv: no column is recognised as a node id or name")
    assert "--map" in sentence


def test_bad_rows_are_named_by_file_row_and_column_and_nothing_is_imported(tmp_path):
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("Id,Label,Risk\na,A,0.1\nb,B,1.5\n\nc,,x\n,,\n", encoding="utf-8")
    edges = tmp_path / "edges.csv"
    edges.write_text("Source,Target,Weight\na,b,2\na,zz,1\nb,,3\nB,c,abc\nc,a,-4\n", encoding="utf-8")
    plan = plan_files(nodes, edges)
    check = check_plan(plan)
    assert not check.ok and check.counts == {}
    assert list(check.problems) == [
        "nodes.csv: row 3, column 'Risk': '1.5': risk must be between 0 and 1.",
        "nodes.csv: row 5, column 'Risk': 'x' is not a number.",
        "edges.csv: row 3, column 'Target': 'zz' is neither the id nor the name of a node in nodes.csv.",
        "edges.csv: row 4, column 'Target': the edge's target is empty.",
        "edges.csv: row 5, column 'Weight': 'abc' is not a number.",
        "edges.csv: row 6, column 'Weight': '-4': volume must be 0 or more.",
    ]
    zh = check_plan(plan, "zh").problems
    assert zh[0] == "nodes.csv: 第 3 行，列 'Risk'：'1.5'：risk 必须在 0 到 1 之间。"
    with pytest.raises(FormatError) as info:
        import_tables(plan)
    assert info.value.problems == list(check.problems)


def test_ends_match_ids_then_unique_names_with_a_hint_for_typos(tmp_path):
    nodes = tmp_path / "n.csv"
    nodes.write_text("id,name\ns1,Supplier A\ns2,Supplier A\np,Platform\n", encoding="utf-8")
    edges = tmp_path / "e.csv"
    edges.write_text("from,to\ns1,platform\nSupplier A,p\np,Platfrom\n", encoding="utf-8")
    check = check_plan(plan_files(nodes, edges))
    assert list(check.problems) == [
        "e.csv: row 3, column 'from': 'Supplier A' is the name of several nodes in n.csv; use the node's id.",
        "e.csv: row 4, column 'to': 'Platfrom' is neither the id nor the name of a node in n.csv (did you mean "
        "'Platform'?).",
    ]
    edges.write_text("from,to\ns1,platform\ns2,p\n", encoding="utf-8")
    project = import_tables(plan_files(nodes, edges))
    assert [(f.source, f.target) for f in project.scenario().flows] == [("s1", "p"), ("s2", "p")]
    edges.write_text("from,to\ns1,q\n", encoding="utf-8")
    assert check_plan(plan_files(nodes, edges)).problems == (
        "e.csv: row 2, column 'to': 'q' is neither the id nor the name of a node in n.csv.",)


def test_map_option_overrides_the_guess(tmp_path):
    assert parse_map_option("name=Label, volume = Weight,note=A,note=B") == {
        "name": "Label", "volume": "Weight", "note": "A,B"}
    with pytest.raises(FormatError) as info:
        parse_map_option("name,bogus=x,id=a,id=b")
    assert info.value.problems == [
        "--map: 'name' should read FIELD=COLUMN (e.g. name=Label).",
        "--map: 'bogus' is not a field (known: id, name, kind, industry, ecosystems, demand, risk, revenue, notes, x, "
        "y, color, note, skip, source, target, volume, unit_value, label, capability, standalone_cost).",
        "--map: the field 'id' is given twice."]
    path = tmp_path / "t.csv"
    path.write_text("Company,Sector,Buys from,Tonnes\nA,steel,B,5\nB,ore,C,7\n", encoding="utf-8")
    plan = plan_files(path, fields={"source": "Buys from", "target": "Company", "volume": "Tonnes"})
    assert plan.edges is not None and plan.nodes is None
    assert dict(plan.edge_map) == {"Company": "target", "Sector": "note", "Buys from": "source", "Tonnes": "volume"}
    s = import_tables(plan).scenario()
    assert [(f.source, f.target, f.volume) for f in s.flows] == [("B", "A", 5.0), ("C", "B", 7.0)]
    assert s.flows.at(0).notes == "Sector: steel"
    with pytest.raises(FormatError) as info:
        plan_files(path, fields={"name": "Nope"})
    assert info.value.problems == ["--map: there is no column 'Nope' in t.csv."]


def test_map_skip_and_name_change_the_import(tmp_path):
    nodes = tmp_path / "n.csv"
    nodes.write_text("Id,Label,Secret,Title\na,A,x,Boss\n", encoding="utf-8")
    plan = plan_files(nodes, fields={"skip": "Secret", "name": "Title"})
    assert dict(plan.node_map) == {"Id": "id", "Label": "note", "Secret": "skip", "Title": "name"}
    e = import_tables(plan).scenario().entities.at(0)
    assert (e.id, e.name, e.notes) == ("a", "Boss", "Label: A")


def test_check_plan_counts_and_a_plan_without_an_id_column():
    plan = plan_files(HERE / "gephi_edges.csv")
    check = check_plan(plan)
    assert check.ok and dict(check.counts) == {"entities": 6, "flows": 6, "ecosystems": 0, "skipped_self_loops": 1,
                                               "entities_from_edges": 6, "undirected": 1}
    nodes = read_table(HERE / "gephi_nodes.csv")
    bad = TablePlan(nodes, None, {"Id": "note", "Label": "note"}, {})
    assert check_plan(bad).problems == (
        "gephi_nodes.csv: no column is the node id or name (id/Id/key/编号, label/name/名称); choose one.",)
    assert check_plan(TablePlan(nodes, None, {"Id": "volume"}, {})).problems[0].startswith(
        "gephi_nodes.csv: column 'Id': 'volume' is not a role of this table")


def test_many_bad_rows_stop_after_fifty_problems(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("source,target,weight\n" + "".join(f"a{i},b{i},x\n" for i in range(200)), encoding="utf-8")
    problems = check_plan(plan_files(path)).problems
    assert len(problems) == 21 and problems[-1] == "… and 31 more problems"  # 50 + the stop, as 20 and a count
    with pytest.raises(FormatError) as info:
        import_tables(plan_files(path))
    assert len(info.value.problems) == 51
    assert info.value.problems[-1] == "e.csv: reading stopped after 50 problems in this table (row 52)."


def _csv_rows(name: str) -> list[list[object]]:
    import csv

    with open(HERE / name, encoding="utf-8", newline="") as fh:
        return [[float(c) if c.replace(".", "").isdigit() and "." in c else c for c in row] for row in csv.reader(fh)]


def test_gephi_style_workbook_and_a_one_sheet_edge_list(tmp_path):
    book = write_workbook(tmp_path / "gephi.xlsx", {"Nodes": _csv_rows("gephi_nodes.csv"), "Edges": _csv_rows("gephi_edges.csv")})
    from_book = import_file(book)
    from_csv = import_tables(plan_files(HERE / "gephi_nodes.csv", HERE / "gephi_edges.csv"))
    assert _names(from_book) == _names(from_csv) and len(from_book.scenario().flows) == 6
    assert [f.volume for f in from_book.scenario().flows] == [f.volume for f in from_csv.scenario().flows]
    one = write_workbook(tmp_path / "list.xlsx", {"Sheet1": [["from", "to", "weight"], ["a", "b", 2], ["b", "c", 3.5]]})
    assert find_tables(one)[0] is None
    assert [(f.source, f.target, f.volume) for f in import_file(one).scenario().flows] == [("a", "b", 2.0),
                                                                                          ("b", "c", 3.5)]
    bare = write_workbook(tmp_path / "bare.xlsx", {"Sheet1": [["a", "b", 2], ["b", "c", 3]]})  # header-less in a sheet
    assert len(import_file(bare).scenario().flows) == 2


def test_an_entities_sheet_of_another_tool_is_a_node_table_not_our_workbook(tmp_path):
    from ecodesk.io.xlsxio import is_own_workbook

    theirs = write_workbook(tmp_path / "theirs.xlsx", {"Entities": [["Label", "Type"], ["Acme", "Supplier"]],
                                              "Links": [["From", "To"], ["Acme", "Acme"]]})
    assert not is_own_workbook(theirs)
    s = import_file(theirs).scenario()
    assert [(e.id, e.name, e.kind.value) for e in s.entities] == [("Acme", "Acme", "supplier")]
    ours = write_workbook(tmp_path / "ours.xlsx", {"entities": [["id", "name"], ["a", "A"]]})
    assert is_own_workbook(ours)
    typo = write_workbook(tmp_path / "typo.xlsx", {"project": [["name"], ["P"]], "entities": [["id", "nmae"], ["a", "A"]]})
    assert is_own_workbook(typo)  # a project sheet: ours, so the misspelt column is a problem, not a note
    with pytest.raises(FormatError, match="unknown column 'nmae'"):
        import_file(typo)


def test_which_csv_files_are_foreign_tables(tmp_path):
    from ecodesk.io import is_foreign_csv
    from ecodesk.io.xlsxio import sheet_names

    ours = tmp_path / "ours"
    ours.mkdir()
    (ours / "entities.csv").write_text("id,name,kind\na,A,user\n", encoding="utf-8")
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "entities.csv").write_text("Id,Label\na,A\n", encoding="utf-8")
    assert not is_foreign_csv(ours / "entities.csv") and not is_foreign_csv(ours)
    assert is_foreign_csv(theirs / "entities.csv") and is_foreign_csv(HERE / "gephi_nodes.csv")
    assert import_file(theirs / "entities.csv").scenario().entities.at(0).name == "A"
    assert sheet_names(HERE / "planner_zh.xlsx") == ["节点", "关系"]
    (theirs / "flows.csv").write_text("source,target\n", encoding="utf-8")  # now an ecodesk folder: strict
    assert not is_foreign_csv(theirs / "entities.csv")
    with pytest.raises(FormatError, match="unknown column 'Label'"):
        import_file(theirs / "entities.csv")


def test_cells_without_a_column_name_are_kept_in_notes(tmp_path):
    path = tmp_path / "n.csv"
    path.write_text("id,name,\na,A,extra\nb,B,,more\n", encoding="utf-8")
    s = import_file(path).scenario()
    assert [(e.id, e.notes) for e in s.entities] == [("a", "column 3: extra"), ("b", "column 4: more")]


def test_colours_and_positions_from_a_node_table(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('编号,名称,颜色,x,y\na,甲,#F90,10,20\nb,乙,"rgb(1,2,3)",30,40\nc,丙,蓝色,50,60\n', encoding="utf-8")
    project = import_file(path)
    s = project.scenario()
    assert [(e.color, e.x, e.y) for e in s.entities] == [("#ff9900", 10.0, 20.0), ("#010203", 30.0, 40.0),
                                                         ("", 50.0, 60.0)]
    assert s.entities["c"].notes == "颜色: 蓝色"  # a colour that cannot be read is kept under its column
    assert project.import_remarks == []  # positions given: nothing laid out
    edges = tmp_path / "e.csv"
    edges.write_text("Vertex 1,Vertex 2,Strength\na,b,3\n", encoding="utf-8")
    assert import_tables(plan_files(path, edges)).scenario().flows.at(0).volume == 3.0


HEADERS = ["Id", "Label", "名称", "类型", "Source", "Target", "起点", "终点", "Weight", "数量", "risk", "x", "y", "颜色",
           "Type", "Direction", "notes", "", "Extra", "生态"]
CELLS = ["a", "b", "c", "A", "平台", "supplier", "供应商", "Directed", "Undirected", "mutual", "1", "0.5", "-3", "2万",
         "#F90", "=1+1", "", " ", "x;y", "a (pp) b", "1,5", "nan", "1e400"]


@given(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
       st.lists(st.lists(st.sampled_from(CELLS), max_size=7), max_size=6))
@settings(max_examples=120, deadline=None)
def test_any_table_is_imported_or_refused_in_sentences(header, rows):
    nodes = TableSource("n.csv", None, tuple(header), tuple(tuple(r) for r in rows))
    for plan in (make_plan(nodes, None), make_plan(None, nodes), make_plan(nodes, nodes)):
        check = check_plan(plan)
        if check.ok:
            project = import_tables(plan)
            s = project.scenario()
            assert (len(s.entities), len(s.flows)) == (check.counts["entities"], check.counts["flows"])
        else:
            assert all(isinstance(p, str) and p.endswith((".", "problems")) for p in check.problems)
            with pytest.raises(FormatError):
                import_tables(plan)


def test_read_table_names_a_missing_sheet_and_defaults_to_the_first_with_content(tmp_path):
    book = write_workbook(tmp_path / "b.xlsx", {"Empty": [], "节点": [["名称"], ["甲"]]})
    assert read_table(book).sheet == "节点" and read_table(book).rows == (("甲",),)
    with pytest.raises(FormatError) as info:
        read_table(book, "关系")
    assert info.value.problems == ["b.xlsx: has no sheet '关系' (it has: Empty, 节点)."]
    # NODES as a workbook with --edges: its node sheet is the node table
    edges = tmp_path / "e.csv"
    edges.write_text("起点,终点\n甲,甲\n", encoding="utf-8")
    check = check_plan(plan_files(book, edges))
    assert check.ok and check.counts["skipped_self_loops"] == 1 and check.counts["entities"] == 1
