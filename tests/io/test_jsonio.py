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
    assert set(data["scenarios"][0]) == {"name", "ecosystems", "entities", "capabilities", "flows", "needs", "pools",
                                         "annotations"}
    assert data["project"]["views"] == []
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


# -- ranges (SPEC §3.7) ----------------------------------------------------------------------

RANGED = {"entities": [{"id": "a", "demand": 10, "risk": 0.1, "ranges": {"demand": [5, 20], "risk": [0, 0.3]}},
                       {"id": "b"}],
          "capabilities": [{"id": "c", "owner": "a", "fixed_cost": 500, "ranges": {"fixed_cost": [400, 650.5]}}],
          "flows": [{"id": "f", "source": "a", "target": "b", "volume": 100, "ranges": {"volume": [80, 120]}},
                    {"id": "g", "source": "a", "target": "b", "kind": "capability", "capability": "c",
                     "standalone_cost": 90, "ranges": {"standalone_cost": [70, 90]}}],
          "needs": [{"id": "n", "entity": "b", "category": "x", "volume": 3, "ranges": {}}],
          "pools": [{"id": "p", "members": ["a", "b"], "amount": 1e6, "scale_exponent": 0.8,
                     "ranges": {"scale_exponent": [0.6, 1], "amount": [8e5, 1.2e6]}}]}


def test_ranges_are_carried_as_field_low_high_and_round_trip(tmp_path):
    project = project_from_json(RANGED, "r.json")
    s = project.scenario()
    assert s.flows["f"].ranges == {"volume": (80.0, 120.0)} and s.needs["n"].ranges == {}
    assert s.pools["p"].ranges == {"amount": (8e5, 1.2e6), "scale_exponent": (0.6, 1.0)}  # in field order
    out = project_to_json(project)["scenarios"][0]
    assert out["entities"][0]["ranges"] == {"demand": [5.0, 20.0], "risk": [0.0, 0.3]}
    assert out["capabilities"][0]["ranges"] == {"fixed_cost": [400.0, 650.5]}
    assert out["flows"][1]["ranges"] == {"standalone_cost": [70.0, 90.0]}
    assert out["pools"][0]["ranges"] == {"amount": [8e5, 1.2e6], "scale_exponent": [0.6, 1.0]}
    assert "ranges" not in out["entities"][1] and "ranges" not in out["needs"][0]  # none: no key
    export_file(project, tmp_path / "r.json")
    assert import_file(tmp_path / "r.json").content_equals(project)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["scenarios"][0]["flows"][0]["ranges"] == {
        "volume": [80.0, 120.0]}


@pytest.mark.parametrize(("where", "ranges", "sentence"), [
    ("flows", {"volume": [120, 130]},
     "'r.json', scenario 'Base', flows[0]: Flow 'f', field 'ranges[volume]': the low end 120 is above the value 100."),
    ("flows", {"volume": [10, 90]},
     "'r.json', scenario 'Base', flows[0]: Flow 'f', field 'ranges[volume]': the high end 90 is below the value 100."),
    ("flows", {"x": [0, 1]},
     "'r.json', scenario 'Base', flows[0]: Flow 'f', field 'ranges': 'x' cannot carry a range (only volume, "
     "unit_value, risk, standalone_cost can)."),
    ("flows", {"volume": "80..120"},
     "'r.json', scenario 'Base', flows[0]: Flow 'f', field 'ranges[volume]': must be [low, high]."),
    ("entities", {"risk": [0, 1.5]},
     "'r.json', scenario 'Base', entities[0]: Entity 'a', field 'ranges[risk]': the high end 1.5 is outside [0, 1]."),
])
def test_a_bad_range_is_refused_naming_place_object_and_field(where, ranges, sentence):
    data = json.loads(json.dumps(RANGED))
    data[where][0]["ranges"] = ranges
    with pytest.raises(FormatError) as info:
        project_from_json(data, "r.json")
    assert info.value.problems == [sentence]
