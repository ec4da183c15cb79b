"""`ecodesk validate` on a project with a saved view of a deleted scenario: the view is kept
(SPEC §2), so the project is valid (exit 0) and the view is named in a warning on stderr."""

from __future__ import annotations

from ecodesk.cli import main
from ecodesk.model.views import View
from ecodesk.store import write_project_atomic
from ecodesk.templates import load_template


def test_orphan_view_is_a_warning_not_an_error(tmp_path, capsys):
    project = load_template("s2b2b_appliance")
    shown = project.scenarios[0].name
    project.add_view(View("v1", "Whole picture", shown))
    project.add_view(View("v2", "Old plan", "Gone"))
    path = tmp_path / "p.ecodesk"
    write_project_atomic(project, path)
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "2 saved views" in out
    assert err.splitlines() == ["ecodesk: warning: saved view 'Old plan' shows scenario 'Gone', which no longer "
                                "exists (the view is kept: give it a scenario with Update in the Views panel, "
                                "or delete it)."]
    assert main(["validate", str(path), "--lang", "zh"]) == 0
    assert "视图「Old plan」显示的情景「Gone」已不存在" in capsys.readouterr().err


def test_no_warning_without_orphans(tmp_path, capsys):
    project = load_template("s2b2b_appliance")
    project.add_view(View("v1", "Whole picture", project.scenarios[0].name))
    path = tmp_path / "p.ecodesk"
    write_project_atomic(project, path)
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().err == ""
