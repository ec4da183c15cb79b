"""``diff`` (issue 18): added, removed and changed objects per scenario and table, scenarios
added and removed, the JSON shape and the readable summary in both languages, cut when long."""

from __future__ import annotations

from ecodesk.io.diff import diff, format_diff
from ecodesk.model import Entity, Flow, Scenario
from tests.io.conftest import build_rich_project


def test_diff_of_two_projects():
    a = build_rich_project()
    b = build_rich_project()
    s = b.scenario("1.0 线性")
    s.replace(s.flows["f3"].evolve(volume=900))
    s.remove("f9", Flow)
    s.add(Entity("new", "新主体"))
    b.remove_scenario("空白 scenario")
    b.add_scenario(Scenario("3.0"))
    out = diff(a, b).to_json()
    assert out["scenarios_added"] == ["3.0"] and out["scenarios_removed"] == ["空白 scenario"]
    assert out["tables"] == [
        {"scenario": "1.0 线性", "table": "entities", "added": ["new"], "removed": [], "changed": []},
        {"scenario": "1.0 线性", "table": "flows", "added": [], "removed": ["f9"],
         "changed": [{"id": "f3", "fields": [{"field": "volume", "before": 800, "after": 900}]}]},
    ]
    text = format_diff(diff(a, b), "en")
    assert "Scenarios added: 3.0." in text and "changed: f3 (volume)" in text and "removed: f9" in text
    assert "新增情景：3.0。" in format_diff(diff(a, b), "zh")
    assert diff(a, build_rich_project()).empty and format_diff(diff(a, a), "en") == "No differences."


def test_diff_of_two_scenarios_cuts_long_lists():
    a = Scenario("A")
    b = Scenario("B")
    for i in range(12):
        b.add(Entity(f"e{i}"))
    report = diff(a, b)
    assert report.tables[0].scenario == "A → B" and len(report.tables[0].added) == 12
    assert "e7, … and 4 more" in format_diff(report, "en")
    assert "… 另有 4 项" in format_diff(report, "zh")
