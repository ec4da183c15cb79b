"""Interchange JSON (SPEC §4): both forms, exact round trip, every problem reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecodesk.io import FormatError, export_file, import_file
from ecodesk.io.jsonio import dumps, project_from_json, project_to_json
from ecodesk.model import Project


def test_export_import_roundtrip(sensor_project, tmp_path):
    sensor_project.set_meta(notes="案例：传感器", language="zh", settings={"trials": 500, "seed": 7})
    dest = tmp_path / "p.json"
    export_file(sensor_project, dest)
    data = json.loads(dest.read_text(encoding="utf-8"))
    assert data["format"] == "ecodesk" and data["version"] == 1
    assert [s["name"] for s in data["scenarios"]] == ["Base", "Alt"]
    assert set(data["scenarios"][0]) == {"name", "ecosystems", "entities", "capabilities", "flows", "needs", "pools"}
    back = import_file(dest)
    assert back.content_equals(sensor_project)
    assert project_to_json(back) == data


def test_single_scenario_form(sensor_project):
    data = project_to_json(sensor_project, scenario="Alt")
    assert "scenarios" not in data and data["name"] == "Alt" and "entities" in data
    back = project_from_json(json.loads(json.dumps(data)))
    assert back.scenario_names() == ["Alt"]
    assert back.scenario().content_equals(sensor_project.scenario("Alt"))


def test_minimal_hand_written_file():
    p = project_from_json({"entities": [{"id": "a", "name": "甲"}, {"id": "b", "kind": "user", "demand": 2}],
                           "flows": [{"id": "f", "source": "a", "target": "b"}],
                           "needs": [{"entity": "b", "category": "data"}, {"entity": "a", "category": "x"}]})
    s = p.scenario()
    assert s.name == "Base" and len(s.entities) == 2 and s.flows["f"].kind.value == "goods"
    assert s.needs.ids() == ["need1", "need2"]


def test_every_problem_is_reported_with_its_place():
    data = {"format": "ecodesk", "version": 1, "scenarios": [{"name": "S", "entities": [
        {"id": "a", "risk": 3}, {"id": "b", "demand": -1}, {"id": "c"}],
        "flows": [{"id": "f", "source": "c", "target": "zz"}]}]}
    with pytest.raises(FormatError) as info:
        project_from_json(data, source="bad.json")
    problems = info.value.problems
    assert len(problems) == 2  # references are checked only once the objects themselves are valid
    assert "entities[0]" in problems[0] and "risk" in problems[0] and "'bad.json'" in problems[0]
    assert "entities[1]" in problems[1] and "demand" in problems[1]
    data["scenarios"][0]["entities"] = [{"id": "c"}]
    with pytest.raises(FormatError) as info:
        project_from_json(data, source="bad.json")
    assert "flows[0]" in str(info.value) and "'zz'" in str(info.value) and "target" in str(info.value)


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        ([], "one JSON object"),
        ({"format": "kumu"}, "not an ecodesk file"),
        ({"format": "ecodesk", "version": 9}, "newer"),
        ({"format": "ecodesk", "version": "1"}, "whole number"),
        ({"scenarios": []}, "non-empty list"),
        ({"scenarios": [{"name": "A"}, {"name": "A"}]}, "used twice"),
        ({"scenarios": [{"name": ""}]}, "non-empty 'name'"),
        ({"scenarios": [{"name": "A", "entities": {}}]}, "must be a list"),
        ({"scenarios": [{"name": "A", "widgets": []}]}, "widgets"),
        ({"project": {"colour": "x"}, "entities": []}, "colour"),
        ({"project": {"settings": {"trials": 0}}}, "trials"),
        ({"entities": [{"id": "a"}, {"id": "a"}]}, "already used"),
        ({"entities": [{"id": "a", "kind": "alien"}]}, "alien"),
    ],
)
def test_refusals(data, phrase):
    with pytest.raises(FormatError) as info:
        project_from_json(data, source="x.json")
    assert phrase in str(info.value)


def test_file_level_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": [', encoding="utf-8")
    with pytest.raises(FormatError, match=r"not valid JSON \(line 1"):
        import_file(bad)
    bad.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FormatError, match="not UTF-8"):
        import_file(bad)
    bad.write_text('{"entities": [{"id": "a", "demand": NaN}]}', encoding="utf-8")
    with pytest.raises(FormatError, match="NaN"):
        import_file(bad)
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps({"entities": [{"id": "a"}]}).encode())
    assert len(import_file(bom).scenario().entities) == 1
    with pytest.raises(FormatError, match="cannot import format"):
        import_file(tmp_path / "x.xyz")


def test_export_is_atomic(sensor_project, tmp_path, monkeypatch):
    dest = tmp_path / "out.json"
    dest.write_text("old", encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("ecodesk.io.jsonio.dumps", boom)
    with pytest.raises(RuntimeError):
        export_file(sensor_project, dest)
    assert dest.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_unicode_survives(tmp_path):
    p = Project("🌏 生态", scenarios=[])
    from ecodesk.model import Entity, Scenario

    s = Scenario("情景一")
    s.add(Entity("e", "很长的名字" * 50 + "🚚", notes='<script>alert("x")</script>'))
    p.add_scenario(s)
    text = dumps(p)
    assert "🚚" in text
    back = project_from_json(json.loads(text))
    assert back.content_equals(p)
    Path(tmp_path / "u.json").write_text(text, encoding="utf-8")
