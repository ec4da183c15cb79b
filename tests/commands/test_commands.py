"""Every command round-trips do → undo → redo, and History keeps a clean index."""

from __future__ import annotations

import pytest

from ecodesk.commands import (
    AddObject,
    AddScenario,
    ChangeObject,
    ChangeProject,
    History,
    MoveEntities,
    RemoveObject,
    RemoveScenario,
    RenameScenario,
    duplicate_scenario,
    paste_objects,
    remove_objects,
    set_membership,
    set_pool_membership,
    unique_id,
)
from ecodesk.model import Capability, Ecosystem, Entity, Flow, Need, Pool, Scenario, ValidationError


def snapshot(s: Scenario) -> dict:
    return s.to_dict()


def roundtrip(history: History, scenario: Scenario, command) -> tuple[dict, dict]:
    before = snapshot(scenario)
    history.push(command)
    after = snapshot(scenario)
    assert after != before
    history.undo()
    assert snapshot(scenario) == before
    history.redo()
    assert snapshot(scenario) == after
    return before, after


@pytest.mark.parametrize(
    "factory",
    [
        lambda s: AddObject(s, Entity("new", "新", "partner")),
        lambda s: AddObject(s, Ecosystem("eco2", "第二生态")),
        lambda s: AddObject(s, Capability("cap2", "物流", "logistics", "auto", 10, 1)),
        lambda s: AddObject(s, Flow("nf", "auto", "hosp", "money", 5, 2)),
        lambda s: AddObject(s, Need("n2", "auto", "finance", 1, 5)),
        lambda s: AddObject(s, Pool("p2", "收益池", "revenue", 50, ("auto", "hosp"), "equal")),
        lambda s: RemoveObject(s, s.needs["n1"]),
        lambda s: ChangeObject(s, s.entities["auto"].evolve(name="整车厂", risk=0.2)),
        lambda s: ChangeObject(s, s.flows["g1"].evolve(volume=99)),
        lambda s: ChangeObject(s, s.capabilities["rd"].evolve(fixed_cost=10)),
        lambda s: ChangeObject(s, s.pools["p1"].evolve(rule="nucleolus")),
        lambda s: MoveEntities(s, {"auto": (1, 2), "hosp": (3, 4)}),
        lambda s: set_membership(s, "auto", "home", True),
        lambda s: set_membership(s, "sensor", "med", False),
        lambda s: set_pool_membership(s, "p1", "sensor", True),
        lambda s: set_pool_membership(s, "p1", "hosp", False),
        lambda s: remove_objects(s, [s.entities["sensor"]]),
        lambda s: remove_objects(s, [s.ecosystems["car"]]),
        lambda s: remove_objects(s, [s.capabilities["rd"]]),
        lambda s: remove_objects(s, [s.entities["auto"], s.entities["users"], s.flows["g2"]]),
    ],
)
def test_do_undo_redo(sensor_scenario, factory):
    roundtrip(History(), sensor_scenario, factory(sensor_scenario))


def test_remove_entity_takes_everything_attached_and_undo_restores_order(sensor_scenario):
    s = sensor_scenario
    h = History()
    order = {n: c.ids() for n, c in s.collections().items()}
    pools_before = s.pools["p1"]
    h.push(remove_objects(s, [s.entities["auto"]]))
    assert "auto" not in s.entities
    assert not any(f.source == "auto" or f.target == "auto" for f in s.flows)
    assert "cloud" not in s.capabilities
    assert s.pools["p1"].members == ("homeco", "hosp")
    assert len(h) == 1 and h.undo_text() == "Remove entity '车企'"
    h.undo()
    assert {n: c.ids() for n, c in s.collections().items()} == order
    assert s.pools["p1"] == pools_before


def test_remove_entity_drops_its_pool_parameters(sensor_scenario):
    s = sensor_scenario
    s.replace(s.pools["p1"].evolve(weights={"auto": 2, "hosp": 1}, floors={"auto": 5}))
    remove_objects(s, [s.entities["auto"]]).do()
    assert s.pools["p1"].weights == {"hosp": 1} and s.pools["p1"].floors == {}


def test_refused_command_records_nothing(sensor_scenario):
    h = History()
    before = snapshot(sensor_scenario)
    with pytest.raises(ValidationError):
        h.push(AddObject(sensor_scenario, Flow("bad", "auto", "ghost")))
    with pytest.raises(ValidationError):
        h.push(ChangeObject(sensor_scenario, sensor_scenario.capabilities["rd"].evolve(owner="auto")))
    assert len(h) == 0 and h.is_clean() and snapshot(sensor_scenario) == before


def test_macro_is_one_step_and_atomic(sensor_scenario):
    s = sensor_scenario
    h = History()
    before = snapshot(s)
    with h.macro("Build three"):
        h.push(AddObject(s, Entity("a1")))
        h.push(AddObject(s, Entity("a2")))
        h.push(AddObject(s, Flow("fa", "a1", "a2")))
    assert len(h) == 1 and h.undo_text() == "Build three"
    h.undo()
    assert snapshot(s) == before
    h.redo()
    assert "fa" in s.flows
    mid = snapshot(s)
    with pytest.raises(ValidationError), h.macro("Half"):
        h.push(AddObject(s, Entity("b1")))
        h.push(AddObject(s, Flow("fb", "b1", "ghost")))
    assert snapshot(s) == mid and len(h) == 1


def test_failed_macro_child_undoes_done_children(sensor_scenario):
    s = sensor_scenario
    before = snapshot(s)
    cmd = MoveEntities(s, {"auto": (5, 5), "ghost": (1, 1)})
    with pytest.raises(ValidationError):
        cmd.do()
    assert snapshot(s) == before


def test_typing_merges_into_one_step_until_focus_leaves(sensor_scenario):
    s = sensor_scenario
    h = History()
    for v in (1, 12, 123):
        h.push(ChangeObject(s, s.entities["users"].evolve(demand=v), merge_key="demand"))
    assert len(h) == 1
    h.break_merge()
    h.push(ChangeObject(s, s.entities["users"].evolve(demand=7), merge_key="demand"))
    assert len(h) == 2
    h.undo()
    assert s.entities["users"].demand == 123
    h.undo()
    assert s.entities["users"].demand == 100
    h.push(ChangeObject(s, s.entities["users"].evolve(demand=1), merge_key="demand"))
    h.push(ChangeObject(s, s.entities["users"].evolve(risk=0.5), merge_key="risk"))
    assert len(h) == 2


def test_clean_index(sensor_scenario):
    s = sensor_scenario
    h = History()
    states: list[bool] = []
    h.clean_changed.connect(states.append)
    h.push(AddObject(s, Entity("a")))
    assert not h.is_clean()
    h.set_clean()
    assert h.is_clean()
    h.push(AddObject(s, Entity("b")))
    h.undo()
    assert h.is_clean()
    h.undo()
    assert not h.is_clean()
    h.push(AddObject(s, Entity("c")))  # the saved state is no longer reachable
    h.undo()
    h.redo()
    assert not h.is_clean()
    assert states[:3] == [False, True, False]


def test_edit_after_save_does_not_merge_into_saved_step(sensor_scenario):
    s = sensor_scenario
    h = History()
    h.push(ChangeObject(s, s.entities["users"].evolve(demand=1), merge_key="demand"))
    h.set_clean()
    h.push(ChangeObject(s, s.entities["users"].evolve(demand=2), merge_key="demand"))
    assert len(h) == 2 and not h.is_clean()
    h.undo()
    assert h.is_clean() and s.entities["users"].demand == 1


def test_unlimited_depth(sensor_scenario):
    s = sensor_scenario
    h = History()
    for i in range(2000):
        h.push(MoveEntities(s, {"auto": (i, i)}))
    while h.undo():
        pass
    assert (s.entities["auto"].x, s.entities["auto"].y) == (200, -100)


def test_scenario_commands(sensor_project):
    p = sensor_project
    h = History()
    base = p.scenario("Base")
    h.push(duplicate_scenario(p, "Base"))
    assert p.scenario_names() == ["Base", "Base (copy)", "Alt"]
    copy = p.scenario("Base (copy)")
    copy.add(Entity("only-in-copy"))
    assert "only-in-copy" not in base.entities
    h.push(RenameScenario(p, "Base (copy)", "方案二"))
    h.push(RemoveScenario(p, "Alt"))
    assert p.scenario_names() == ["Base", "方案二"]
    h.undo()
    h.undo()
    assert p.scenario_names() == ["Base", "Base (copy)", "Alt"]
    h.undo()
    assert p.scenario_names() == ["Base", "Alt"]
    h.push(AddScenario(p, Scenario("New")))
    assert p.scenario_names()[-1] == "New"
    with pytest.raises(ValidationError):
        h.push(RenameScenario(p, "New", "Base"))


def test_change_project(sensor_project):
    h = History()
    roundtrip_before = sensor_project.meta_dict()
    h.push(ChangeProject(sensor_project, name="X", settings=sensor_project.settings.evolve(trials=5)))
    assert sensor_project.settings.trials == 5
    h.undo()
    assert sensor_project.meta_dict() == roundtrip_before


def test_paste_renews_ids_and_keeps_internal_flows(sensor_scenario):
    s = sensor_scenario
    objs = [s.entities["sensor"], s.entities["auto"], s.capabilities["rd"], s.flows["f1"], s.flows["f2"],
            s.needs["n1"]]
    macro, mapping = paste_objects(s, objs, offset=(10, 10))
    h = History()
    h.push(macro)
    new_sensor, new_auto = mapping["sensor"], mapping["auto"]
    assert new_sensor not in ("sensor",) and new_sensor in s.entities
    assert s.entities[new_sensor].x == 10
    new_flows = [f for f in s.flows if f.source == new_sensor]
    assert len(new_flows) == 1 and new_flows[0].target == new_auto  # f2 went to homeco: not copied
    assert new_flows[0].capability == mapping["rd"] and s.capabilities[mapping["rd"]].owner == new_sensor
    assert "n1" not in mapping  # need of an entity that was not copied
    h.undo()
    assert new_sensor not in s.entities


def test_unique_id(sensor_scenario):
    s = sensor_scenario
    assert unique_id(s, "f") == "f4"
    assert unique_id(s, "f", {"f4"}) == "f5"
    assert unique_id(s, "entity") == "entity1"
