"""Kumu JSON: the real project files import whole, blueprints by label, export and back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecodesk.analysis.run import analyze_scenario
from ecodesk.io import FormatError, export_file, import_file
from ecodesk.io.jsonio import project_from_json, project_to_json
from ecodesk.io.losses import export_losses

REAL = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "kumu"
REAL_FILES = sorted(REAL.glob("*.json")) if REAL.is_dir() else []


def problems_of(path: Path) -> list[str]:
    with pytest.raises(FormatError) as info:
        import_file(path)
    return info.value.problems


def expected_positions(raw: dict) -> dict[str, tuple[float, float]]:
    """Independently: the default map's position first, then any other map's."""
    maps = sorted(raw.get("maps", []), key=lambda m: m["_id"] != raw.get("defaultMap"))
    out: dict[str, tuple[float, float]] = {}
    for m in maps:
        for placed in m.get("elements", []):
            out.setdefault(placed["element"], (placed["position"]["x"], placed["position"]["y"]))
    return out


def test_the_three_real_files_are_there():
    if not REAL.is_dir():
        pytest.skip("shared/realdata is not beside the repository")
    assert len(REAL_FILES) == 3


@pytest.mark.parametrize("path", REAL_FILES, ids=[p.stem for p in REAL_FILES])
def test_real_kumu_file_imports_every_element_and_connection(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    project = import_file(path)  # a .json with elements/connections: detected as Kumu
    s = project.scenario()
    assert project.name == raw["name"]
    assert len(s.entities) == len(raw["elements"]) and len(s.flows) == len(raw["connections"])
    assert s.entities.ids() == [e["_id"] for e in raw["elements"]]
    for e in raw["elements"]:
        assert s.entities[e["_id"]].name == e["attributes"].get("label", "")
    for c in raw["connections"]:
        f = s.flows[c["_id"]]
        assert (f.source, f.target) == (c["from"], c["to"])
        if c.get("direction") != "directed":
            assert f"direction: {c['direction']}" in f.notes
    positions = expected_positions(raw)
    assert positions  # every one of these files places its elements on a map
    for eid, (x, y) in positions.items():
        assert (s.entities[eid].x, s.entities[eid].y) == (x, y)
    # it validates (the interchange JSON re-checks every object) and analyses
    assert project_from_json(project_to_json(project)).content_equals(project)
    result = analyze_scenario(s, project.settings.evolve(trials=30, orders=3))
    assert result["kpis"]["entity_count"] == len(raw["elements"])
    assert result["kpis"]["flow_count"] == len(raw["connections"])
    assert 0.0 <= result["resilience"]["service_level"] <= 1.0


def test_real_file_details():
    path = REAL / "kumu-changelabs-template.json"
    if not path.exists():
        pytest.skip("shared/realdata is not beside the repository")
    s = import_file(path, "kumu").scenario()
    assert s.name == "Stakeholder Ecosystem Map"  # the default map's name
    c = s.entities["elem-6WdXO7R5"]
    assert (c.name, c.kind.value, c.notes) == ("Interviewee C", "other", "element type: Interviewee")
    f = s.flows["conn-3FYGqEnD"]
    assert f.kind.value == "goods" and f.notes == "value flows: Funding\npower score: 8"
    states = import_file(REAL / "snap-to-tutorial-project.json").scenario()
    ny = states.entities["elem-0UuWEP00"]
    assert ny.notes.splitlines() == ["element type: State", "2010 population: 19400867", "2014 population: 19746227",
                                     "percentage change: 2%", "relative growth: 0.01899695852565953",
                                     "region: Northeast"]
    undirected = import_file(REAL / "snap-to-tutorial-project.json").import_remarks
    assert [r for r in undirected if "undirected" in r[0]] == [(
        "The graph in snap-to-tutorial-project.json is undirected: each connection became one flow from its first to "
        "its second end, in the file's order; check the directions before reading resilience.",
        "snap-to-tutorial-project.json 中的图是无向图：每条连接按文件中的顺序成为一条从第一个端点指向第二个端点的资源流；"
        "阅读韧性分析前请检查方向。")]
    omidyar = import_file(REAL / "kumu-omidyarnetwork-us-financial-inclusion-BACKUP.json")
    assert [r[0] for r in omidyar.import_remarks if "undirected" in r[0]] == [
        "2 of the 232 connections in kumu-omidyarnetwork-us-financial-inclusion-BACKUP.json are undirected: each "
        "became one flow from its first to its second end, in the file's order; check the directions before reading "
        "resilience."]
    assert omidyar.import_remarks[0][0] in omidyar.notes
    loops = omidyar.notes
    assert sum(1 for line in loops.splitlines() if line.startswith("loop ")) == 42
    assert loops.startswith('loop 33C "Short-Term Debt Cycle": conn-')


def test_blueprint_with_labels_and_chinese_types(tmp_path):
    doc = {"elements": [
        {"label": "电商平台", "type": "平台", "tags": ["核心", "B2C"], "description": "枢纽"},
        {"label": "Acme Supply", "type": "Supplier", "website": "acme.example"},
        {"id": "u", "label": "Shoppers", "type": "Person"},
        {"label": "Foundation", "type": "Organization"},
        {"label": "Lab", "type": "Think tank"},
    ], "connections": [
        {"from": "Acme Supply", "to": "电商平台", "type": "Product"},
        {"from": "电商平台", "to": "u", "type": "数据", "direction": "mutual"},
        {"from": "Foundation", "to": "Lab", "type": "funding", "strength": 3},
        {"from": "Lab", "to": "Lab", "type": "self"},
    ]}
    path = tmp_path / "blueprint.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    s = import_file(path).scenario()
    kinds = [(e.id, e.name, e.kind.value) for e in s.entities]
    assert kinds == [("element1", "电商平台", "platform"), ("element2", "Acme Supply", "supplier"),
                     ("u", "Shoppers", "user"), ("element4", "Foundation", "other"), ("element5", "Lab", "other")]
    assert s.entities["element1"].notes == "枢纽\ntags: 核心, B2C"
    assert s.entities["u"].notes == "type: Person"
    assert s.entities["element5"].notes == "type: Think tank\nconnection to itself (type: self)"
    assert [(f.source, f.target, f.kind.value) for f in s.flows] == [
        ("element2", "element1", "goods"), ("element1", "u", "data"), ("element4", "element5", "money")]
    assert s.flows.at(1).notes == "direction: mutual" and s.flows.at(2).notes == "type: funding\nstrength: 3"


def test_connection_to_unknown_element_is_named(tmp_path):
    doc = {"elements": [{"_id": "a"}, {"_id": "b", "attributes": {"label": "same"}},
                        {"_id": "c", "attributes": {"label": "same"}}],
           "connections": [{"_id": "c1", "from": "a", "to": "elem-ghost"}, {"_id": "c2", "from": "a"},
                           {"_id": "c3", "from": "same", "to": "a"}, {"_id": "c4", "from": "a", "to": "b"}]}
    path = tmp_path / "k.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert problems_of(path) == [
        "k.json: connection 'c1': 'to' names element 'elem-ghost', which does not exist.",
        "k.json: connection 'c2': 'to' is missing.",
        "k.json: connection 'c3': 'from' names 'same', a label several elements share.",
    ]
    path.write_text(json.dumps({"elements": {}}), encoding="utf-8")
    assert problems_of(path) == ["k.json: 'elements' must be a list."]


def test_export_then_import(rich_project, tmp_path):
    dest = tmp_path / "k.json"
    notices = export_file(rich_project, dest, "kumu", scenario="1.0 线性")
    assert notices == []  # the losses (pools, notes, views) are said once, by io.losses, before writing
    said = [en for en, _ in export_losses(rich_project, "kumu", "1.0 线性")]
    assert any("4 pools" in en or "4 sharing arrangements" in en for en in said)
    assert "Kumu has no place for notes on the canvas and saved views: 3 notes and 1 view are left out." in said
    doc = json.loads(dest.read_text(encoding="utf-8"))
    s = rich_project.scenario("1.0 线性")
    assert [e["label"] for e in doc["elements"]] == [e.label for e in s.entities]
    assert doc["elements"][0]["type"] == "平台/生态枢纽"  # the project's language
    assert [(c["from"], c["to"]) for c in doc["connections"]] == [(f.source, f.target) for f in s.flows]
    assert doc["maps"][0]["elements"][0] == {"_id": "node-hub", "element": "hub", "position": {"x": -120.5, "y": 33.25}}
    back = import_file(dest).scenario()
    assert back.name == "1.0 线性"
    for e in s.entities:
        b = back.entities[e.id]
        assert (b.label, b.kind, b.industry, b.demand, b.risk, b.revenue, b.x, b.y) == (
            e.label, e.kind, e.industry, e.demand, e.risk, e.revenue, e.x, e.y)
        assert b.notes == e.notes and b.color == e.color
        assert [back.ecosystems[i].name for i in b.ecosystems] == [s.ecosystems[i].name for i in e.ecosystems]
    assert back.ecosystems.ids() == ["智能汽车", "智能家居, \"全屋\""]  # Kumu keeps names: they are the ids now
    for f in s.flows:
        b = back.flows[f.id]
        assert (b.source, b.target, b.volume, b.unit_value, b.risk) == (f.source, f.target, f.volume, f.unit_value,
                                                                        f.risk)
        assert (b.kind, b.capability, b.standalone_cost, b.label) == (f.kind, f.capability, f.standalone_cost, f.label)
    assert [c.to_dict() for c in back.capabilities] == [c.to_dict() for c in s.capabilities]
    assert [n.to_dict() for n in back.needs] == [n.to_dict() for n in s.needs]


def test_ecodesk_json_is_not_taken_for_kumu(rich_project, tmp_path):
    export_file(rich_project, tmp_path / "p.json")
    assert import_file(tmp_path / "p.json").content_equals(rich_project)


# --- Kumu round trip fidelity (issue 15) ------------------------------------------------------

def _template_cases() -> list[tuple[str, str]]:
    from ecodesk.templates import list_templates, load_template

    return [(t.name, s) for t in list_templates() if t.name != "blank" for s in load_template(t.name).scenario_names()]


@pytest.mark.parametrize(("template", "scenario"), _template_cases())
def test_kumu_round_trip_keeps_kinds_ecosystems_colours_and_figures(tmp_path, template, scenario):
    """Each template through Kumu and back: flow kinds (capability flows too), ecosystem names,
    entity colours, flow labels, capabilities, needs and the analysis figures stay; what Kumu
    cannot hold is what export_losses names."""
    import dataclasses

    from ecodesk.io.losses import export_losses
    from ecodesk.templates import load_template

    project = load_template(template)
    s = project.scenario(scenario)
    first, last = s.entities.at(0), s.flows.at(len(s.flows) - 1)
    s.replace(dataclasses.replace(first, color="#12ab34"))
    s.replace(dataclasses.replace(last, label="monthly settlement 月结"))
    dest = tmp_path / "k.json"
    export_file(project, dest, "kumu", scenario=scenario)
    back = import_file(dest, "kumu").scenario()
    assert [(f.id, f.kind, f.capability, f.label) for f in back.flows] == [
        (f.id, f.kind, f.capability, f.label) for f in s.flows]
    assert sorted(e.name for e in back.ecosystems) == sorted(e.name for e in s.ecosystems)
    eco_name = {e.id: e.name for e in s.ecosystems}
    back_name = {e.id: e.name for e in back.ecosystems}
    for e in s.entities:
        b = back.entities[e.id]
        assert (b.kind, b.color, b.demand, b.risk) == (e.kind, e.color, e.demand, e.risk)
        assert [back_name[i] for i in b.ecosystems] == [eco_name[i] for i in e.ecosystems]
    assert [c.to_dict() for c in back.capabilities] == [c.to_dict() for c in s.capabilities]
    assert [n.to_dict() for n in back.needs] == [n.to_dict() for n in s.needs]
    settings = project.settings.evolve(trials=300, orders=5)
    before, after = analyze_scenario(s, settings), analyze_scenario(back, settings)
    assert after["resilience"]["monte_carlo"]["expected_service"] == before["resilience"]["monte_carlo"][
        "expected_service"]
    assert after["reuse"]["total_savings"] == before["reuse"]["total_savings"]
    assert after["resilience"]["service_level"] == before["resilience"]["service_level"]
    losses = [en for en, _ in export_losses(project, "kumu", scenario)]
    assert ("sharing arrangements" in " ".join(losses)) == bool(len(s.pools))


def test_kumu_export_fields(rich_project, tmp_path):
    dest = tmp_path / "k.json"
    export_file(rich_project, dest, "kumu", scenario="1.0 线性")
    doc = json.loads(dest.read_text(encoding="utf-8"))
    hub = doc["elements"][0]["attributes"]
    assert hub["ecosystems"] == ["智能汽车", "智能家居, \"全屋\""]  # names, as Kumu shows them
    sup = doc["elements"][1]["attributes"]
    caps = json.loads(sup["ecodesk capabilities"])
    assert [c["id"] for c in caps] == ["rd"] and "owner" not in caps[0]
    f2 = next(c for c in doc["connections"] if c["_id"] == "f2")
    assert f2["attributes"]["connection type"] == "能力/服务" and f2["attributes"]["capability"] == "rd"
