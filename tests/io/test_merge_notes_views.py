"""Merging and diffing notes on the canvas (annotations), saved views and entity style (size,
colour), and per-conflict choices (the merge dialog's base/other per row)."""

from __future__ import annotations

import pytest

from ecodesk.io.diff import diff, format_diff
from ecodesk.io.merge import merge, merge_all
from ecodesk.model import Annotation, Entity, Flow, Project, Scenario, View


def _ancestor() -> Project:
    s = Scenario("Base")
    s.add(Entity("hub", "平台", "platform"))
    s.add(Entity("sup", "供应商", "supplier"))
    s.add(Entity("old", "Old shop", "channel"))
    s.add(Flow("f1", "sup", "hub", "goods", volume=10))
    s.add(Annotation("note1", "议程", x=0, y=0))
    s.add(Annotation("note2", "问题", x=300, y=0))
    views = [View("view1", "总览", "Base"), View("view2", "成本", "Base", panel="cost")]
    return Project("P", scenarios=[s], views=views)


def _edit(p: Project, *ops, views=None) -> Project:
    q = Project(p.name, scenarios=[s.copy() for s in p.scenarios], views=p.views if views is None else views)
    s = q.scenario("Base")
    for op in ops:
        op(s)
    return q


def _conflicts(report):
    return {(c["scenario"], c["table"], c["id"], c["field"]): c for c in report.conflicts}


def test_notes_both_groups_wrote_under_one_id_are_both_kept():
    a = _ancestor()
    base = _edit(a, lambda s: s.add(Annotation("note3", "A 组：物流太贵")))
    other = _edit(a, lambda s: s.add(Annotation("note3", "B 组：缺数据", x=50)),
                  lambda s: s.add(Annotation("note4", "B 组：第二条")))
    for anc in (a, None):  # with or without the common file
        merged, report = merge(base, other, anc)
        notes = merged.scenario("Base").annotations
        assert [(n.id, n.text) for n in notes] == [("note1", "议程"), ("note2", "问题"), ("note3", "A 组：物流太贵"),
                                                   ("note5", "B 组：缺数据"), ("note4", "B 组：第二条")]
        assert report.added == {"annotations": 2} and report.conflicts == []
    same = _edit(a, lambda s: s.add(Annotation("note3", "A 组：物流太贵")))
    merged, report = merge(base, same)
    assert len(merged.scenario("Base").annotations) == 3 and report.added == {}  # one note, not two


def test_a_note_of_the_ancestor_merges_field_by_field():
    a = _ancestor()
    base = _edit(a, lambda s: s.replace(s.annotations["note1"].evolve(text="议程（改）", x=10)))
    other = _edit(a, lambda s: s.replace(s.annotations["note1"].evolve(text="议程 v2", color="#ffcc00")),
                  lambda s: s.remove("note2", Annotation))
    merged, report = merge(base, other, a)
    n = merged.scenario("Base").annotations["note1"]
    assert (n.text, n.x, n.color) == ("议程（改）", 10, "#ffcc00") and "note2" not in merged.scenario("Base").annotations
    assert list(_conflicts(report)) == [("Base", "annotations", "note1", "text")]


def test_entity_size_and_colour_are_fields_like_any_other():
    a = _ancestor()
    base = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(size=2.0)))
    other = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(size=0.5, color="#112233")),
                  lambda s: s.replace(s.entities["sup"].evolve(size=1.5)))
    merged, report = merge(base, other, a)
    s = merged.scenario("Base")
    assert (s.entities["hub"].size, s.entities["hub"].color, s.entities["sup"].size) == (2.0, "#112233", 1.5)
    assert _conflicts(report)[("Base", "entities", "hub", "size")] == {
        "scenario": "Base", "table": "entities", "id": "hub", "field": "size", "base": 2.0, "other": 0.5, "kept": "base"}
    merged, report = merge(a, _edit(a, lambda s: s.replace(s.entities["sup"].evolve(size=1.5))))
    assert _conflicts(report)[("Base", "entities", "sup", "size")]["base"] == 1.0  # the normal size, not None


def test_views_match_by_id_then_title_three_way_and_conflicts_name_the_views_table():
    a = _ancestor()
    v1, v2 = a.views
    base = _edit(a, views=[v1.evolve(title="总览（改）"), v2.evolve(text="先讲成本"), View("b1", " 风险 ", "Base")])
    other = _edit(a, views=[v1.evolve(title="总览 v2", color_mode="criticality"), View("o1", "风险", "Base",
                                                                                         panel="resilience"),
                            View("o2", "新页", "Base")])  # other deleted view2 (base changed it)
    merged, report = merge(base, other, a)
    assert [v.id for v in merged.views] == ["view1", "view2", "b1", "o2"]
    got = {v.id: v for v in merged.views}
    assert (got["view1"].title, got["view1"].color_mode) == ("总览（改）", "criticality")
    assert got["view2"].text == "先讲成本"  # deleted by other, changed by base: kept
    assert (got["b1"].panel, "o1" in got) == (None, False)  # matched by title: base's id stays, new on both sides:
    # every differing field is a conflict
    c = _conflicts(report)
    assert c[("", "views", "view1", "title")] == {"scenario": "", "table": "views", "id": "view1", "field": "title",
                                                  "base": "总览（改）", "other": "总览 v2", "kept": "base"}
    assert c[("", "views", "view2", "deleted")]["kept"] == "base"
    assert c[("", "views", "b1", "title")]["other"] == "风险"  # titles alike, spelt differently
    assert c[("", "views", "b1", "panel")] == {"scenario": "", "table": "views", "id": "b1", "field": "panel",
                                                   "base": None, "other": "resilience", "kept": "base"}
    assert report.added == {"views": 1}
    unchanged_deleted = _edit(a, views=[v1])
    merged, _ = merge(a, unchanged_deleted, a)
    assert [v.id for v in merged.views] == ["view1"]
    merged, _ = merge_all(a, [], a)
    assert merged.views == a.views


def test_choices_decide_single_conflicts_and_kept_says_what_was_kept():
    a = _ancestor()
    base = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(risk=0.3, size=2.0)),
                 views=[a.views[0].evolve(title="B"), a.views[1]])
    other = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(risk=0.4, size=3.0)),
                  views=[a.views[0].evolve(title="O"), a.views[1]])
    choices = {("Base", "entities", "hub", "risk"): "other", ("", "views", "view1", "title"): "other"}
    merged, report = merge(base, other, a, choices=choices)
    hub = merged.scenario("Base").entities["hub"]
    assert (hub.risk, hub.size, merged.views[0].title) == (0.4, 2.0, "O")
    assert {k[3]: c["kept"] for k, c in _conflicts(report).items()} == {"risk": "other", "size": "base",
                                                                         "title": "other"}
    merged, report = merge(base, other, a, prefer="other", choices={("Base", "entities", "hub", "size"): "base"})
    hub = merged.scenario("Base").entities["hub"]
    assert (hub.risk, hub.size, merged.views[0].title) == (0.4, 2.0, "O")
    merged, report = merge_all(base, [other], a, choices=choices)
    assert merged.scenario("Base").entities["hub"].risk == 0.4


def test_a_deleted_conflict_chosen_for_the_deleting_side_deletes_unless_referred_to():
    a = _ancestor()
    base = _edit(a, lambda s: s.replace(s.entities["old"].evolve(notes="still here")),
                 lambda s: s.replace(s.entities["sup"].evolve(notes="changed")))
    other = _edit(a, lambda s: s.remove("old", Entity), lambda s: s.remove("f1", Flow), lambda s: s.remove("sup", Entity))
    merged, report = merge(base, other, a)  # no choice: both kept
    assert {"old", "sup"} <= set(merged.scenario("Base").entities.ids())
    choose = {("Base", "entities", "old", "deleted"): "other", ("Base", "entities", "sup", "deleted"): "other"}
    merged, report = merge(base, other, a, choices=choose)
    s = merged.scenario("Base")
    assert "old" not in s.entities and "sup" not in s.entities and "f1" not in s.flows
    c = _conflicts(report)
    assert c[("Base", "entities", "old", "deleted")]["kept"] == "other"
    # a flow of base still using sup brings it back: the conflict then says it was kept
    base2 = _edit(base, lambda s: s.replace(s.flows["f1"].evolve(volume=99)))
    merged, report = merge(base2, other, a, choices=choose)
    s = merged.scenario("Base")
    assert "sup" in s.entities and s.flows["f1"].volume == 99
    c = _conflicts(report)
    assert c[("Base", "entities", "sup", "deleted")]["kept"] == "base"
    assert [k for k in c if k[3] == "deleted"].count(("Base", "entities", "sup", "deleted")) == 1
    assert s.entities.ids() == ["hub", "sup"]  # brought back at its base position, not last


@pytest.mark.parametrize("bad", ["theirs", ""])
def test_a_choice_that_is_no_side_falls_back_to_prefer(bad):
    a = _ancestor()
    base = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(risk=0.3)))
    other = _edit(a, lambda s: s.replace(s.entities["hub"].evolve(risk=0.4)))
    merged, report = merge(base, other, a, choices={("Base", "entities", "hub", "risk"): bad})
    assert merged.scenario("Base").entities["hub"].risk == 0.3 and report.conflicts[0]["kept"] == "base"


def test_diff_lists_notes_views_and_sizes():
    a = _ancestor()
    b = _edit(a, lambda s: s.add(Annotation("note3", "新")), lambda s: s.remove("note2", Annotation),
              lambda s: s.replace(s.annotations["note1"].evolve(text="议程 v2")),
              lambda s: s.replace(s.entities["hub"].evolve(size=2.5)),
              views=[a.views[0].evolve(hidden_kinds=("money",)), View("view3", "新页", "Base")])
    out = diff(a, b).to_json()
    assert out["tables"] == [
        {"scenario": "Base", "table": "entities", "added": [], "removed": [],
         "changed": [{"id": "hub", "fields": [{"field": "size", "before": 1.0, "after": 2.5}]}]},
        {"scenario": "Base", "table": "annotations", "added": ["note3"], "removed": ["note2"],
         "changed": [{"id": "note1", "fields": [{"field": "text", "before": "议程", "after": "议程 v2"}]}]},
        {"scenario": "", "table": "views", "added": ["view3"], "removed": ["view2"],
         "changed": [{"id": "view1", "fields": [{"field": "hidden_kinds", "before": [], "after": ["money"]}]}]},
    ]
    text = format_diff(diff(a, b), "en")
    assert "Saved views:\n  added: view3\n  removed: view2\n  changed: view1 (hidden_kinds)" in text
    assert "Scenario 'Base', annotations:" in text
    assert "视图：" in format_diff(diff(a, b), "zh")
    assert diff(a, _edit(a)).empty
