"""``ecodesk merge`` and ``ecodesk diff`` (SPEC §4, §5; issue 18): three-way from the command
line with its JSON, several OTHERs, --prefer other, and bad input — a file merged with itself,
different currencies, an invalid result, an existing OUT — as one sentence, exit 1, nothing
written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ecodesk.cli import main
from ecodesk.io.jsonio import project_to_json
from ecodesk.model import Capability, Entity, Flow, Project, Scenario
from ecodesk.store import open_project, write_project_atomic


def _project(*ops, currency: str = "CNY") -> Project:
    s = Scenario("Base")
    s.add(Entity("hub", "平台", "platform", risk=0.1))
    s.add(Entity("sup", "供应商", "supplier"))
    s.add(Entity("old", "Old shop", "channel"))
    s.add(Capability("wms", "仓储", "logistics", "hub"))
    s.add(Flow("f1", "sup", "hub", "goods", volume=10))
    for op in ops:
        op(s)
    return Project("P", currency=currency, scenarios=[s])


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    out = {}
    for name, p in {
        "anc": _project(),
        "base": _project(lambda s: s.replace(s.entities["hub"].evolve(risk=0.3)),
                         lambda s: s.remove("f1", Flow), lambda s: s.remove("sup", Entity),
                         lambda s: s.add(Entity("b_lab", "科研院所", "research"))),
        "g1": _project(lambda s: s.replace(s.entities["hub"].evolve(risk=0.4)),
                       lambda s: s.add(Flow("f2", "sup", "hub", "data", volume=1)),
                       lambda s: s.add(Entity("o_lab", "科研院所 ", "research")),
                       lambda s: s.add(Flow("f3", "o_lab", "hub", "data", volume=1))),
        "g2": _project(lambda s: s.add(Entity("e2", "Group 2", "service"))),
        "usd": _project(currency="USD"),
    }.items():
        out[name] = tmp_path / f"{name}.ecodesk"
        write_project_atomic(p, out[name])
    return out


def test_merge_three_way_json(files, tmp_path, capsys):
    out = tmp_path / "merged.ecodesk"
    code = main(["merge", str(files["base"]), str(files["g1"]), str(files["g2"]), "-o", str(out),
                 "--ancestor", str(files["anc"]), "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"added", "matched_by_name", "conflicts"}
    assert report["added"] == {"flows": 2, "entities": 1}
    assert report["matched_by_name"] == [["b_lab", "o_lab"]]
    keys = {(c["table"], c["id"], c["field"], c["kept"]) for c in report["conflicts"]}
    assert ("entities", "hub", "risk", "base") in keys and ("entities", "sup", "deleted", "other") in keys
    for c in report["conflicts"]:
        assert set(c) == {"scenario", "table", "id", "field", "base", "other", "kept"}
    s = open_project(out).scenario("Base")
    assert s.entities["hub"].risk == 0.3 and "sup" in s.entities and "e2" in s.entities
    assert s.flows["f3"].source == "b_lab" and "f1" not in s.flows and "old" in s.entities


def test_merge_prefer_other_and_readable_summary(files, tmp_path, capsys):
    out = tmp_path / "m.ecodesk"
    assert main(["merge", str(files["base"]), str(files["g1"]), "-o", str(out), "--ancestor", str(files["anc"]),
                 "--prefer", "other", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert f"Merged into '{out}'" in text and "hub, risk: kept other" in text
    assert open_project(out).scenario("Base").entities["hub"].risk == 0.4
    # an existing OUT only with --force
    before = out.read_bytes()
    assert main(["merge", str(files["base"]), str(files["g2"]), "-o", str(out)]) == 1
    assert "already exists; add --force" in capsys.readouterr().err and out.read_bytes() == before
    assert main(["merge", str(files["base"]), str(files["g2"]), "-o", str(out), "--force", "--lang", "zh"]) == 0
    assert "已合并到" in capsys.readouterr().out


@pytest.mark.parametrize("case", ["same path", "same content", "currency", "invalid", "missing"])
def test_merge_refusals_write_nothing(case, files, tmp_path, capsys):
    out = tmp_path / "out.ecodesk"
    base = str(files["base"])
    if case == "same path":
        argv = [base, base]
    elif case == "same content":
        copy = tmp_path / "copy.ecodesk"
        shutil.copyfile(base, copy)
        argv = [base, str(copy)]
    elif case == "currency":
        argv = [base, str(files["usd"])]
    elif case == "invalid":  # base makes f1 a capability flow from hub; other gives wms to sup
        b = _project(lambda s: s.replace(s.flows["f1"].evolve(source="hub", target="sup", kind="capability",
                                                             capability="wms")))
        o = _project(lambda s: s.replace(s.capabilities["wms"].evolve(owner="sup")))
        (tmp_path / "b.json").write_text(json.dumps(project_to_json(b)), encoding="utf-8")
        (tmp_path / "o.json").write_text(json.dumps(project_to_json(o)), encoding="utf-8")
        argv = [str(tmp_path / "b.json"), str(tmp_path / "o.json"), "--ancestor", str(files["anc"])]
    else:
        argv = [base, str(tmp_path / "nope.ecodesk")]
    assert main(["merge", *argv, "-o", str(out), "--lang", "en"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("ecodesk: ") and "Traceback" not in err[0]
    expected = {"same path": "same file", "same content": "same content", "currency": "different currencies",
                "invalid": "field 'source'", "missing": "does not exist"}[case]
    assert expected in err[0]
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_diff_files_and_scenario(files, capsys):
    assert main(["diff", str(files["anc"]), str(files["g1"]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scenarios_added"] == [] and out["scenarios_removed"] == []
    ent, flows = out["tables"]
    assert ent["added"] == ["o_lab"] and ent["changed"] == [
        {"id": "hub", "fields": [{"field": "risk", "before": 0.1, "after": 0.4}]}]
    assert flows == {"scenario": "Base", "table": "flows", "added": ["f2", "f3"], "removed": [], "changed": []}
    assert main(["diff", str(files["anc"]), str(files["base"]), "--scenario", "Base", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "removed: sup, old" not in text and "removed: sup" in text and "changed: hub (risk)" in text
    assert main(["diff", str(files["anc"]), str(files["anc"]), "--lang", "zh"]) == 0
    assert capsys.readouterr().out.strip() == "没有差异。"
    assert main(["diff", str(files["anc"]), str(files["g1"]), "--scenario", "Nope"]) == 1
    assert "Nope" in capsys.readouterr().err


def test_merge_summary_counts_read_as_people_say_them():
    from ecodesk.cli_merge import format_merge
    from ecodesk.io.merge import MergeReport

    report = MergeReport(added={"scenarios": 1, "entities": 2, "flows": 1, "needs": 0})
    assert format_merge(report, "m.ecodesk", "en").splitlines()[0] == \
        "Merged into 'm.ecodesk': added 1 scenario, 2 entities, 1 flow."
    assert format_merge(report, "m.ecodesk", "zh").splitlines()[0] == "已合并到「m.ecodesk」：新增 1 个情景、2 个主体、1 条资源流。"
    assert format_merge(MergeReport(), "m.ecodesk", "en").splitlines()[0] == "Merged into 'm.ecodesk': added nothing."
