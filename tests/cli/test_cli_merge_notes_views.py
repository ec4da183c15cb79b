"""``ecodesk merge``/``diff`` with notes on the canvas and saved views (issue 18): the groups'
notes both kept, views merged at project level, their conflicts in the JSON and the summary."""

from __future__ import annotations

import json

from ecodesk.cli import main
from ecodesk.model import Annotation, Entity, Project, Scenario, View
from ecodesk.store import open_project, write_project_atomic


def _project(notes=(), views=(), size: float = 1.0) -> Project:
    s = Scenario("Base")
    s.add(Entity("hub", "平台", "platform", size=size))
    for n in notes:
        s.add(n)
    return Project("P", scenarios=[s], views=list(views))


def test_merge_keeps_both_groups_notes_and_lists_a_view_conflict(tmp_path, capsys):
    files = {
        "anc": _project([Annotation("note1", "议程")], [View("view1", "总览", "Base")]),
        "g1": _project([Annotation("note1", "议程"), Annotation("note2", "第一组")], [View("view1", "总览 A", "Base")],
                       size=2.0),
        "g2": _project([Annotation("note1", "议程"), Annotation("note2", "第二组")],
                       [View("view1", "总览 B", "Base"), View("view2", "第二组的页", "Base", panel="cost")]),
    }
    for name, p in files.items():
        write_project_atomic(p, tmp_path / f"{name}.ecodesk")
    out = tmp_path / "m.ecodesk"
    argv = ["merge", str(tmp_path / "g1.ecodesk"), str(tmp_path / "g2.ecodesk"), "-o", str(out),
            "--ancestor", str(tmp_path / "anc.ecodesk")]
    assert main([*argv, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"added": {"annotations": 1, "views": 1}, "matched_by_name": [], "conflicts": [
        {"scenario": "", "table": "views", "id": "view1", "field": "title", "base": "总览 A", "other": "总览 B",
         "kept": "base"}]}
    merged = open_project(out)
    assert [(n.id, n.text) for n in merged.scenario("Base").annotations] == [
        ("note1", "议程"), ("note2", "第一组"), ("note3", "第二组")]
    assert [(v.id, v.title) for v in merged.views] == [("view1", "总览 A"), ("view2", "第二组的页")]
    assert merged.scenario("Base").entities["hub"].size == 2.0
    assert main([*argv, "--force", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "added 1 note, 1 view." in text and "  view view1, title: kept base" in text
    assert main([*argv, "--force", "--lang", "zh"]) == 0
    text = capsys.readouterr().out
    assert "新增 1 个便签、1 个视图" in text and "  视图 view1 的 title：保留基准" in text


def test_diff_lists_views_and_notes(tmp_path, capsys):
    write_project_atomic(_project([Annotation("note1", "议程")], [View("view1", "总览", "Base")]), tmp_path / "a.ecodesk")
    write_project_atomic(_project([Annotation("note1", "议程 v2")], [], size=0.5), tmp_path / "b.ecodesk")
    assert main(["diff", str(tmp_path / "a.ecodesk"), str(tmp_path / "b.ecodesk"), "--json"]) == 0
    tables = json.loads(capsys.readouterr().out)["tables"]
    assert [(t["scenario"], t["table"]) for t in tables] == [("Base", "entities"), ("Base", "annotations"),
                                                             ("", "views")]
    assert tables[2]["removed"] == ["view1"]
    assert tables[0]["changed"] == [{"id": "hub", "fields": [{"field": "size", "before": 1.0, "after": 0.5}]}]
    assert main(["diff", str(tmp_path / "a.ecodesk"), str(tmp_path / "b.ecodesk"), "--lang", "en"]) == 0
    assert "Saved views:\n  removed: view1" in capsys.readouterr().out
