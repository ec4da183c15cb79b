"""The merge applied to the open project as one undo step (ecodesk/ui/dialogs/merge_apply.py):
the project becomes the merged one exactly (order too), one undo gives back the project as it
was, redo the merge again — also when a capability changes owner with its flows, an entity
goes with everything attached, ecosystems come and go, and new scenarios and views arrive."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.commands import History
from ecodesk.io.merge import merge, merge_all
from ecodesk.model import Capability, Ecosystem, Entity, Flow, Need, Pool, Project, Scenario
from ecodesk.model.views import View
from ecodesk.ui.dialogs.merge_apply import merge_command, object_label, project_copy, same_file, value_text
from tests.io.conftest import build_rich_project


def _apply_and_undo(project: Project, merged: Project) -> History:
    before = project_copy(project)
    h = History()
    cmd = merge_command(project, merged, files="x")
    assert cmd is not None
    h.push(cmd)
    assert project.content_equals(merged)  # the merged project exactly, order and views included
    assert len(h) == 1  # one undo step
    h.undo()
    assert project.content_equals(before)  # exactly as it was
    h.redo()
    assert project.content_equals(merged)
    return h


def _base() -> Project:
    s = Scenario("Base")
    s.add(Ecosystem("eco1", "Farm"))
    s.add(Ecosystem("eco2", "Shop"))
    s.add(Entity("hub", "Hub", "platform", ecosystems=("eco1",)))
    s.add(Entity("sup", "Supplier", "supplier", ecosystems=("eco2",)))
    s.add(Entity("old", "Old shop", "channel", ecosystems=("eco2",)))
    s.add(Capability("wms", "WMS", "logistics", "hub", fixed_cost=100))
    s.add(Flow("f1", "hub", "sup", "capability", volume=1, capability="wms"))
    s.add(Flow("f2", "sup", "old", "goods", volume=3))
    s.add(Need("n1", "old", "logistics", volume=1))
    s.add(Pool("p1", "Pool", "cost", 10, ("hub", "old")))
    return Project("P", scenarios=[s, Scenario("Other")], views=[View("view1", "One", "Base")])


def test_owner_change_removals_and_new_scenarios_and_views_apply_in_one_step():
    base = _base()
    target = project_copy(base)
    s = target.scenario("Base")
    # the capability moves to sup with its flow (the flow must be re-pointed first)
    s.remove("f1", Flow)
    s.replace(s.capabilities["wms"].evolve(owner="sup"))
    s.add(Flow("f1", "sup", "hub", "capability", volume=2, capability="wms"), 0)
    # "old" goes with its flow, need and pool membership; eco2 goes; a new ecosystem and entity come
    s.remove("f2", Flow)
    s.remove("n1", Need)
    s.replace(s.pools["p1"].evolve(members=("hub",)))
    s.remove("old", Entity)
    s.add(Ecosystem("eco3", "New"))
    s.replace(s.entities["sup"].evolve(ecosystems=("eco3",), risk=0.5))
    s.remove("eco2", Ecosystem)
    s.add(Entity("new", "New one", "user", ecosystems=("eco3", "eco1")), 1)
    s.add(Flow("f3", "new", "hub", "data", volume=1))
    target.add_scenario(Scenario("From group 2"), 1)
    target.add_view(View("view2", "Two", "From group 2"))
    target.replace_view(View("view1", "One, renamed", "Base"))
    _apply_and_undo(base, target)


def test_a_view_the_merge_drops_is_removed_and_comes_back_on_undo():
    base = _base()
    base.add_view(View("view2", "Two", "Other"))
    other, anc = project_copy(base), project_copy(base)
    other.remove_view("view1")  # deleted by the other group, untouched here: it goes
    merged, _ = merge(base, other, anc)
    assert [v.id for v in merged.views] == ["view2"]
    _apply_and_undo(base, merged)


def test_nothing_to_change_gives_no_command():
    assert merge_command(_base(), _base()) is None


def _mutate(p: Project, draw) -> Project:
    q = project_copy(p)
    s = q.scenario(draw(st.sampled_from(q.scenario_names()[:2])))
    for _ in range(draw(st.integers(1, 5))):
        op = draw(st.sampled_from(["volume", "entity", "remove_entity", "remove_flow", "move"]))
        if op == "volume" and len(s.flows):
            f = s.flows.at(draw(st.integers(0, len(s.flows) - 1)))
            s.replace(f.evolve(volume=draw(st.floats(0, 1e5))))
        elif op == "entity":
            eid = f"x{draw(st.integers(0, 99))}"
            if eid not in s.entities:
                s.add(Entity(eid, draw(st.sampled_from(["甲", "乙", "Lab"])), "research"),
                      draw(st.integers(0, len(s.entities))))
        elif op == "remove_entity" and len(s.entities) > 1:
            from ecodesk.commands import remove_objects

            e = s.entities.at(draw(st.integers(0, len(s.entities) - 1)))
            remove_objects(s, [e]).do()
        elif op == "remove_flow" and len(s.flows):
            f = s.flows.at(draw(st.integers(0, len(s.flows) - 1)))
            s.remove(f.id, Flow)
        elif op == "move" and len(s.entities):
            e = s.entities.at(draw(st.integers(0, len(s.entities) - 1)))
            s.replace(e.evolve(x=e.x + 10))
    return q


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(["base", "other"]), st.booleans())
def test_any_merge_of_edited_copies_applies_exactly_and_undoes_exactly(data, prefer, three_way):
    a = build_rich_project()
    base = _mutate(a, data.draw)
    other = _mutate(a, data.draw)
    merged, _report = merge(base, other, a if three_way else None, prefer)
    if merged.content_equals(base):
        assert merge_command(base, merged) is None
        return
    _apply_and_undo(base, merged)


def test_several_others_in_turn():
    a = _base()
    g1, g2 = project_copy(a), project_copy(a)
    g1.scenario("Base").add(Entity("e1", "Group 1 firm", "service"))
    g2.scenario("Base").add(Entity("e2", "Group 2 firm", "service"))
    merged, report = merge_all(a, [g1, g2], a)
    assert report.added == {"entities": 2}
    _apply_and_undo(a, merged)


def test_labels_values_and_same_file(tmp_path):
    p = _base()
    assert object_label([p], "Base", "entities", "hub") == "Hub [hub]"
    assert object_label([p], "Base", "entities", "gone") == "gone"
    assert object_label([Project("Q", scenarios=[Scenario("X")]), p], "Base", "flows", "f1") == "f1"
    assert value_text(["eco1", "eco2"]) == "eco1, eco2"
    assert value_text(2.0) == "2" and value_text(None) == "" and value_text({"id": "e", "name": "E"}) == "E"
    assert value_text("a" * 100).endswith("…") and len(value_text("a" * 100)) == 80
    f1, f2, f3 = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    f1.write_text("{}")
    f2.write_text("{}")
    f3.write_text("{ }")
    assert same_file(f1, f1) and same_file(f1, f2) and not same_file(f1, f3)
    assert not same_file(f1, tmp_path / "missing.json")


@pytest.mark.parametrize("table", ["flows", "needs", "pools"])
def test_references_changed_in_place_keep_the_order(table):
    base = _base()
    target = project_copy(base)
    s = target.scenario("Base")
    if table == "flows":
        s.replace(s.flows["f2"].evolve(target="hub"))
    elif table == "needs":
        s.replace(s.needs["n1"].evolve(entity="sup"))
    else:
        s.replace(s.pools["p1"].evolve(members=("sup", "hub")))
    _apply_and_undo(base, target)
