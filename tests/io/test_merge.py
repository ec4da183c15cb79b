"""Merging (SPEC §4, issue 18): three-way with conflicts, name matches whose references follow,
a deleted-but-linked entity kept as a conflict, --prefer other, several OTHERs, invalid merges
and different currencies refused, and the properties of merging with a copy of oneself."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.io.merge import MergeRefused, merge, merge_all
from ecodesk.model import Annotation, Capability, Entity, Flow, Need, Pool, Project, Scenario, View
from tests.io.conftest import build_rich_project


def _ancestor() -> Project:
    s = Scenario("Base")
    s.add(Entity("hub", "平台", "platform", risk=0.1))
    s.add(Entity("sup", "供应商", "supplier", risk=0.2))
    s.add(Entity("old", "Old shop", "channel"))
    s.add(Capability("wms", "仓储", "logistics", "hub", fixed_cost=100))
    s.add(Flow("f1", "sup", "hub", "goods", volume=10, unit_value=2))
    return Project("P", scenarios=[s])


def _edit(p: Project, *ops) -> Project:
    q = Project(p.name, currency=p.currency, period=p.period, scenarios=[s.copy() for s in p.scenarios])
    s = q.scenario("Base")
    for op in ops:
        op(s)
    return q


def _conflicts(report, table=None):
    return {(c["table"], c["id"], c["field"]): c for c in report.conflicts if table in (None, c["table"])}


def test_three_way_takes_one_sided_changes_and_lists_both_sided_ones():
    a = _ancestor()
    base = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(risk=0.3, notes="base")))
    other = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(risk=0.4)),
                  lambda s: s.replace(s.flows["f1"].evolve(volume=20)))
    merged, report = merge(base, other, a)
    s = merged.scenario("Base")
    assert s.entities["hub"].notes == "base"  # base only
    assert s.flows["f1"].volume == 20  # other only
    assert s.entities["hub"].risk == 0.3  # both: kept from base
    c = _conflicts(report)[("entities", "hub", "risk")]
    assert c == {"scenario": "Base", "table": "entities", "id": "hub", "field": "risk", "base": 0.3, "other": 0.4,
                 "kept": "base"}
    assert len(report.conflicts) == 1
    # --prefer other keeps other's value
    merged, report = merge(base, other, a, prefer="other")
    assert merged.scenario("Base").entities["hub"].risk == 0.4
    assert report.conflicts[0]["kept"] == "other"


def test_without_ancestor_every_difference_is_a_conflict():
    a = _ancestor()
    other = _edit(a, lambda s: s.replace(s.flows["f1"].evolve(volume=20)))
    merged, report = merge(a, other)
    assert merged.scenario("Base").flows["f1"].volume == 10
    assert [(c["id"], c["field"], c["base"], c["other"]) for c in report.conflicts] == [("f1", "volume", 10, 20)]


def test_entities_added_by_both_match_by_name_and_kind_and_references_follow():
    a = _ancestor()
    base = _edit(a, lambda s: s.add(Entity("b_lab", "  科研院所 ", "research")),
                 lambda s: s.add(Flow("fb", "b_lab", "hub", "data", volume=1)))
    other = _edit(a, lambda s: s.add(Entity("o_lab", "科研院所", "research", notes="other")),
                  lambda s: s.add(Entity("o_x", "科研院所", "partner")),  # another kind: not matched
                  lambda s: s.add(Flow("fo", "o_lab", "sup", "data", volume=2)),
                  lambda s: s.add(Capability("cap", "测试", "test", "o_lab")),
                  lambda s: s.add(Need("n1", "o_lab", "test", volume=1)),
                  lambda s: s.add(Pool("pool", "P", "cost", 10, ("o_lab", "hub"), weights={"o_lab": 2},
                                       floors={"o_lab": 1})))
    merged, report = merge(base, other, a)
    s = merged.scenario("Base")
    assert report.matched_by_name == [("b_lab", "o_lab")]
    assert "o_lab" not in s.entities and "o_x" in s.entities
    assert (s.flows["fo"].source, s.capabilities["cap"].owner, s.needs["n1"].entity) == ("b_lab",) * 3
    assert s.pools["pool"].members == ("b_lab", "hub") and s.pools["pool"].weights == {"b_lab": 2}
    assert s.pools["pool"].floors == {"b_lab": 1}
    assert s.entities["b_lab"].name == "  科研院所 "  # no ancestor for it: base's name kept, listed
    assert ("entities", "b_lab", "notes") in _conflicts(report)
    assert report.added == {"entities": 1, "flows": 1, "capabilities": 1, "needs": 1, "pools": 1}


def test_deleted_unchanged_is_deleted_but_deleted_and_linked_is_kept_as_a_conflict():
    a = _ancestor()
    base = _edit(a, lambda s: s.remove("f1", Flow), lambda s: s.remove("sup", Entity),
                 lambda s: s.remove("old", Entity))
    other = _edit(a, lambda s: s.add(Flow("f2", "sup", "hub", "data", volume=1)))  # links sup anew
    merged, report = merge(base, other, a)
    s = merged.scenario("Base")
    assert "old" not in s.entities and "f1" not in s.flows  # deleted by base, unchanged by other
    assert "sup" in s.entities and s.flows["f2"].source == "sup"  # a flow never loses an end
    c = _conflicts(report)[("entities", "sup", "deleted")]
    assert c["base"] is None and c["other"]["id"] == "sup" and c["kept"] == "other"


def test_deleted_on_one_side_and_changed_on_the_other_is_kept():
    a = _ancestor()
    base = _edit(a, lambda s: s.replace(s.entities["old"].evolve(notes="still here")))
    other = _edit(a, lambda s: s.remove("old", Entity))
    merged, report = merge(base, other, a)
    assert merged.scenario("Base").entities["old"].notes == "still here"
    assert _conflicts(report)[("entities", "old", "deleted")]["other"] is None


def test_new_scenarios_are_added_and_several_others_merge_in_turn():
    a = _ancestor()
    g1 = _edit(a, lambda s: s.add(Entity("e1", "Group 1 firm", "service")))
    g2 = _edit(a, lambda s: s.add(Entity("e2", "Group 2 firm", "service")))
    g3 = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(x=50.0)))
    g3.add_scenario(Scenario("Group 3 idea"))
    merged, report = merge_all(a, [g1, g2, g3], a)
    s = merged.scenario("Base")
    assert {"e1", "e2"} <= set(s.entities.ids()) and s.entities["hub"].x == 50.0
    assert merged.scenario_names() == ["Base", "Group 3 idea"]
    assert report.added == {"entities": 2, "scenarios": 1} and report.conflicts == []


def test_an_invalid_result_is_refused_with_the_reasons():
    a = _ancestor()
    # base makes f1 a capability flow of wms (owner hub) from hub; other moves wms to sup
    base = _edit(a, lambda s: s.replace(s.flows["f1"].evolve(source="hub", target="sup", kind="capability",
                                                            capability="wms")))
    other = _edit(a, lambda s: s.replace(s.capabilities["wms"].evolve(owner="sup")))
    with pytest.raises(MergeRefused) as info:
        merge(base, other, a)
    (sentence,) = info.value.sentences("en")
    assert "scenario 'Base'" in sentence and "'f1'" in sentence and "owner" in sentence
    assert "情景「Base」" in info.value.sentences("zh")[0]


@pytest.mark.parametrize("meta", [{"currency": "USD"}, {"period": "month"}])
def test_different_currencies_or_periods_are_refused(meta):
    a = _ancestor()
    other = _ancestor()
    other.set_meta(**meta)
    with pytest.raises(MergeRefused, match=r"different (currencies|periods)"):
        merge(a, other)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["1.0 线性", "2.0 网络；共享"]), st.integers(0, 30), st.floats(0, 1e6))
def test_merging_a_copy_of_oneself_changes_nothing_and_ancestor_base_gives_other(scen, index, volume):
    p = build_rich_project()
    merged, report = merge(p, build_rich_project(), build_rich_project())
    assert merged.content_equals(p) and report.to_json() == {"added": {}, "matched_by_name": [], "conflicts": []}
    other = build_rich_project()
    s = other.scenario(scen)
    flow = s.flows.at(index % len(s.flows))
    s.replace(flow.evolve(volume=volume))
    s.remove("f9", Flow)
    s.remove("ally", Entity)
    s.add(Entity("new", "新主体", "user", size=2.5))
    s.add(Annotation("note9", "新便签"))
    s.remove("empty", Annotation)
    other.remove_view("v=2")
    other.replace_view(other.view("v1").evolve(panel=None, rect=(0, 0, 10, 10)))
    other.add_view(View("v9", "新页", scen), 0)
    merged, report = merge(p, other, p)
    assert report.conflicts == []
    assert merged.scenario_names() == other.scenario_names()
    for name in p.scenario_names():
        assert merged.scenario(name).to_dict() == other.scenario(name).to_dict()
    assert {v.id: v for v in merged.views} == {v.id: v for v in other.views}  # in base's order, then the new one
    assert [v.id for v in merged.views] == ["v1", "orphan", "v9"]
