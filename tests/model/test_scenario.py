"""Scenarios check references, keep order, and signal every change."""

from __future__ import annotations

import pytest

from ecodesk.model import (
    Capability,
    Ecosystem,
    Entity,
    Flow,
    Need,
    Pool,
    Project,
    Scenario,
    ValidationError,
)


def events(scenario: Scenario) -> list[tuple]:
    log: list[tuple] = []
    for name, coll in scenario.collections().items():
        coll.added.connect(lambda o, i, n=name: log.append(("added", n, o.id, i)))
        coll.removed.connect(lambda o, i, n=name: log.append(("removed", n, o.id, i)))
        coll.changed.connect(lambda a, b, n=name: log.append(("changed", n, a.id)))
    scenario.changed.connect(lambda: log.append(("scenario",)))
    return log


def test_add_remove_change_emit_signals(sensor_scenario):
    s = sensor_scenario
    log = events(s)
    rev = s.revision
    s.add(Entity("new", "新主体", "partner"))
    s.replace(s.entities["new"].evolve(name="改名"))
    s.remove("new", Entity)
    n = len(s.entities)
    assert log == [("added", "entities", "new", n), ("scenario",), ("changed", "entities", "new"), ("scenario",),
                   ("removed", "entities", "new", n), ("scenario",)]
    assert s.revision == rev + 3


def test_replace_with_equal_object_is_silent(sensor_scenario):
    log = events(sensor_scenario)
    sensor_scenario.replace(sensor_scenario.entities["auto"].evolve())
    assert log == []


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        (Flow("x", "sensor", "ghost"), "target"),
        (Flow("x", "ghost", "sensor"), "source"),
        (Flow("x", "auto", "hosp", "capability", capability="rd"), "source"),
        (Flow("x", "sensor", "hosp", "capability", capability="nope"), "capability"),
        (Capability("x", owner="ghost"), "owner"),
        (Need("x", "ghost", "data"), "entity"),
        (Pool("x", members=("auto", "ghost")), "members"),
        (Entity("x", ecosystems=("nowhere",)), "ecosystems"),
        (Entity("auto"), "id"),
        (Ecosystem("rd"), "id"),  # ids are unique across collections
    ],
)
def test_reference_refusals(sensor_scenario, obj, field):
    before = sensor_scenario.to_dict()
    with pytest.raises(ValidationError) as info:
        sensor_scenario.add(obj)
    assert info.value.field == field
    assert sensor_scenario.to_dict() == before


def test_remove_refused_while_referenced(sensor_scenario):
    with pytest.raises(ValidationError) as info:
        sensor_scenario.remove("sensor", Entity)
    assert "still used" in str(info.value)
    with pytest.raises(ValidationError):
        sensor_scenario.remove("car", Ecosystem)
    with pytest.raises(ValidationError):
        sensor_scenario.remove("rd", Capability)
    with pytest.raises(ValidationError):
        sensor_scenario.remove("ghost", Entity)


def test_capability_owner_change_refused_while_flows_deliver_it(sensor_scenario):
    with pytest.raises(ValidationError) as info:
        sensor_scenario.replace(sensor_scenario.capabilities["rd"].evolve(owner="auto"))
    assert info.value.field == "owner"
    sensor_scenario.replace(sensor_scenario.capabilities["cloud"].evolve(owner="hosp"))
    assert sensor_scenario.capabilities["cloud"].owner == "hosp"


def test_insert_at_index_and_order(sensor_scenario):
    s = sensor_scenario
    s.add(Entity("first"), 0)
    assert s.entities.ids()[0] == "first"
    _obj, idx = s.remove("first", Entity)
    assert idx == 0
    s.add(Entity("mid"), 2)
    assert s.entities.index("mid") == 2 and s.entities.at(2).id == "mid"


def test_bulk_load_all_or_nothing():
    s = Scenario("S")
    with pytest.raises(ValidationError):
        s.bulk_load({"entities": [Entity("a")], "flows": [Flow("f", "a", "b")]})
    assert all(len(c) == 0 for c in s.collections().values())
    with pytest.raises(ValidationError) as info:
        s.bulk_load({"entities": [Entity("a"), Entity("a")]})
    assert "twice" in str(info.value)
    s.bulk_load({"entities": [Entity("a"), Entity("b")], "flows": [Flow("f", "a", "b")]})
    assert len(s.flows) == 1 and s.entities.ids() == ["a", "b"]


def test_copy_and_content_equals(sensor_scenario):
    dup = sensor_scenario.copy("Copy")
    assert dup.name == "Copy" and not dup.content_equals(sensor_scenario)
    dup.name = sensor_scenario.name
    assert dup.content_equals(sensor_scenario)
    dup.add(Entity("extra"))
    assert "extra" not in sensor_scenario.entities


def test_project_scenarios(sensor_project):
    p = sensor_project
    log: list = []
    p.scenario_renamed.connect(lambda s, old: log.append((old, s.name)))
    p.rename_scenario("Alt", "方案B")
    assert p.scenario_names() == ["Base", "方案B"] and log == [("Alt", "方案B")]
    with pytest.raises(ValidationError):
        p.rename_scenario("Base", "方案B")
    with pytest.raises(ValidationError):
        p.add_scenario(Scenario("Base"))
    with pytest.raises(ValidationError):
        p.scenario("missing")
    p.remove_scenario("方案B")
    with pytest.raises(ValidationError):
        p.remove_scenario("Base")  # the last one stays
    assert p.scenario().name == "Base"


def test_project_meta(sensor_project):
    old = sensor_project.set_meta(name="新名", settings={"trials": 50})
    assert old["name"] == "传感器复用" and sensor_project.settings.trials == 50
    with pytest.raises(ValidationError):
        sensor_project.set_meta(colour="red")
    with pytest.raises(ValidationError):
        sensor_project.set_meta(settings={"trials": 0})


def test_project_equality(sensor_project):
    other = Project("传感器复用", scenarios=[s.copy() for s in sensor_project.scenarios])
    assert other.content_equals(sensor_project)
    other.scenario().replace(other.scenario().entities["auto"].evolve(x=1))
    assert not other.content_equals(sensor_project)
