"""``ecodesk import`` of node/edge tables and workbooks (SPEC §4, §5): ``import NODES FILE --edges
EDGES``, an edge table alone, ``--map``, xlsx; import remarks on stderr in the asked language;
bad input one sentence per problem, exit 1, nothing written; ``export … out.xlsx``."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecodesk.cli import main
from ecodesk.io import import_file
from ecodesk.store import open_project

TABLES = Path(__file__).resolve().parents[1] / "io" / "fixtures" / "tables"


def _flows(project):
    s = project.scenario()
    return [(s.entities[f.source].name, s.entities[f.target].name) for f in s.flows]


def test_node_table_with_its_edge_table(tmp_path, capsys):
    out = tmp_path / "g.ecodesk"
    assert main(["import", str(TABLES / "gephi_nodes.csv"), str(out), "--edges", str(TABLES / "gephi_edges.csv"),
                 "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith(f"Imported '{TABLES / 'gephi_nodes.csv'}' into '{out}': 1 scenario, 6 entities, "
                                   "6 flows")
    assert "ecodesk: note: 1 edge from an entity to itself was left out (noted on the entity)." in captured.err
    project = open_project(out)
    assert [e.name for e in project.scenario().entities] == ["Myriel", "Gillenormand", "Marius", "Javert", "Fantine",
                                                             "Cosette"]
    assert _flows(project)[1] == ("Gillenormand", "Marius")


def test_an_edge_table_alone_and_remarks_in_chinese(tmp_path, capsys):
    out = tmp_path / "e.ecodesk"
    assert main(["import", str(TABLES / "gephi_edges.csv"), str(out), "--lang", "zh"]) == 0
    captured = capsys.readouterr()
    assert "6 个主体" in captured.out
    assert "ecodesk: note: gephi_edges.csv 没有节点表：6 个主体由边的端点生成。" in captured.err
    assert len(open_project(out).scenario().flows) == 6


def test_headerless_edge_list_and_workbooks(tmp_path, capsys):
    for name, entities, flows in (("edge_list_no_header.csv", 5, 5), ("kumu_spreadsheet.xlsx", 4, 4),
                                  ("planner_zh.xlsx", 4, 4)):
        out = tmp_path / f"{name}.ecodesk"
        assert main(["import", str(TABLES / name), str(out), "--lang", "en"]) == 0, capsys.readouterr().err
        s = open_project(out).scenario()
        assert (len(s.entities), len(s.flows)) == (entities, flows), name
    assert _flows(open_project(tmp_path / "planner_zh.xlsx.ecodesk"))[0] == ("星河传感", "云途平台")


def test_map_overrides_the_guess(tmp_path, capsys):
    src = tmp_path / "buyers.csv"
    src.write_text("Company,Buys from,Tonnes\nA,B,5\nB,C,7\n", encoding="utf-8")
    out = tmp_path / "m.ecodesk"
    assert main(["import", str(src), str(out), "--map", "source=Buys from,target=Company,volume=Tonnes",
                 "--lang", "en"]) == 0
    s = open_project(out).scenario()
    assert [(f.source, f.target, f.volume) for f in s.flows] == [("B", "A", 5.0), ("C", "B", 7.0)]


def test_bad_rows_exit_1_one_sentence_each_and_nothing_written(tmp_path, capsys):
    nodes = tmp_path / "nodes.csv"
    nodes.write_text("Id,Label,Risk\na,A,0.1\nb,B,2\n", encoding="utf-8")
    edges = tmp_path / "edges.csv"
    edges.write_text("Source,Target,Weight\na,b,x\na,zz,1\n", encoding="utf-8")
    out = tmp_path / "bad.ecodesk"
    assert main(["import", str(nodes), str(out), "--edges", str(edges), "--lang", "en"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["ecodesk: nodes.csv: row 3, column 'Risk': '2': risk must be between 0 and 1.",
                   "ecodesk: edges.csv: row 2, column 'Weight': 'x' is not a number.",
                   "ecodesk: edges.csv: row 3, column 'Target': 'zz' is neither the id nor the name of a node in "
                   "nodes.csv."]
    assert sorted(tmp_path.iterdir()) == sorted([nodes, edges])  # nothing written, no temporary file left
    assert main(["import", str(nodes), str(out), "--edges", str(edges), "--lang", "zh"]) == 1
    assert "第 3 行，列 'Risk'" in capsys.readouterr().err


def test_bad_map_missing_files_and_unrecognised_tables(tmp_path, capsys):
    out = tmp_path / "x.ecodesk"
    src = TABLES / "gephi_nodes.csv"
    assert main(["import", str(src), str(out), "--map", "bogus=Label", "--lang", "en"]) == 1
    assert capsys.readouterr().err.startswith("ecodesk: --map: 'bogus' is not a field (known: id, name, kind")
    assert main(["import", str(src), str(out), "--map", "name=Nope", "--lang", "en"]) == 1
    assert capsys.readouterr().err == "ecodesk: --map: there is no column 'Nope' in gephi_nodes.csv.\n"
    assert main(["import", str(src), str(out), "--edges", str(tmp_path / "none.csv"), "--lang", "en"]) == 1
    assert "none.csv' does not exist." in capsys.readouterr().err
    odd = tmp_path / "odd.csv"
    odd.write_text("Alpha,Beta\nGamma,Delta\n", encoding="utf-8")
    assert main(["import", str(odd), str(out), "--lang", "en"]) == 1
    assert capsys.readouterr().err.startswith("ecodesk: odd.csv: no column is recognised as a node id or name")
    assert not out.exists()
    json_src = tmp_path / "p.json"
    json_src.write_text("{}", encoding="utf-8")
    assert main(["import", str(json_src), str(out), "--map", "name=x"]) == 2
    assert "--edges and --map read node and edge tables" in capsys.readouterr().err


def test_export_xlsx_and_import_it_back(tmp_path, capsys, sensor_project):
    from ecodesk.store import write_project_atomic

    src = tmp_path / "s.ecodesk"
    write_project_atomic(sensor_project, src)
    dest = tmp_path / "out.xlsx"
    assert main(["export", str(src), str(dest), "--lang", "en"]) == 0
    assert import_file(dest).content_equals(sensor_project)
    back = tmp_path / "back.ecodesk"
    assert main(["import", str(dest), str(back), "--lang", "en"]) == 0
    assert open_project(back).content_equals(sensor_project)


@pytest.mark.parametrize("name", ["gephi_edges.csv", "planner_zh.xlsx"])
def test_existing_file_needs_force(tmp_path, capsys, name):
    out = tmp_path / "o.ecodesk"
    out.write_bytes(b"keep")
    assert main(["import", str(TABLES / name), str(out), "--lang", "en"]) == 1
    assert out.read_bytes() == b"keep"
    assert main(["import", str(TABLES / name), str(out), "--force", "--lang", "en"]) == 0
