"""Model of the workshop material (issue 18, SPEC §2): annotations (便签), views (the slides of a
presentation, on the project) and the entity drawing size — each refusal one sentence naming
the object and the field, in English and Chinese."""

from __future__ import annotations

import math

import pytest

from ecodesk.model import (
    COLLECTIONS,
    VIEW_COLOR_MODES,
    VIEW_PANELS,
    Annotation,
    Entity,
    FlowKind,
    Project,
    Scenario,
    ValidationError,
    View,
    build_many,
)
from ecodesk.model.objects import MAX_NOTE_EXTENT, MAX_NOTES_LENGTH, MAX_SIZE, MIN_SIZE, make


def refusal(exc: pytest.ExceptionInfo[ValidationError]) -> tuple[str, str, str]:
    return exc.value.what, exc.value.obj_id, exc.value.field


# -- Annotation -----------------------------------------------------------------------------------


def test_annotation_defaults_and_collection() -> None:
    a = Annotation("note1")
    assert (a.text, a.x, a.y, a.width, a.height, a.color) == ("", 0.0, 0.0, 220.0, 120.0, "")
    assert list(COLLECTIONS)[-1] == "annotations" and COLLECTIONS["annotations"] is Annotation
    s = Scenario()
    s.add(Annotation("note1", "", 1, 2, 3, 4, "#ff9900"))  # an empty note is kept
    assert s.annotations["note1"].text == "" and s.annotations["note1"].width == 3.0
    assert s.to_dict()["annotations"] == [
        {"id": "note1", "text": "", "x": 1.0, "y": 2.0, "width": 3.0, "height": 4.0, "color": "#ff9900"}]
    assert make(Annotation, s.to_dict()["annotations"][0]) == s.annotations["note1"]


def test_annotation_ids_are_unique_across_the_scenarios_collections() -> None:
    s = Scenario()
    s.add(Entity("e1"))
    with pytest.raises(ValidationError):
        s.add(Annotation("e1", "clashes with the entity"))


@pytest.mark.parametrize(("field", "value", "en", "zh"), [
    ("width", 0, "must be more than 0 and at most 100000 (got 0)", "必须大于 0 且不超过 100000（当前为 0）"),
    ("width", -5.5, "must be more than 0 and at most 100000 (got -5.5)", "必须大于 0"),
    ("height", 0.0, "must be more than 0 and at most 100000 (got 0)", "必须大于 0"),
    ("height", MAX_NOTE_EXTENT * 2, "must be more than 0 and at most 100000 (got 200000)", "不超过 100000"),
    ("width", math.nan, "must be a finite number, not nan", "必须是有限数值"),
    ("height", "tall", "'tall' is not a number", "不是数字"),
    ("color", "yellow", "'yellow' is not a colour", ""),
    ("color", "#FFF", "'#FFF' is not a colour", ""),
    ("x", math.inf, "must be a finite number, not inf", ""),
    ("text", 5, "must be text, not 5", "必须是文本"),
])
def test_annotation_refusals_name_the_field(field: str, value: object, en: str, zh: str) -> None:
    with pytest.raises(ValidationError) as info:
        Annotation("note1", **{field: value})
    assert refusal(info) == ("annotation", "note1", field)
    assert en in str(info.value)
    assert zh in info.value.sentence("zh")


def test_annotation_text_too_long_is_refused_and_the_longest_is_kept() -> None:
    assert len(Annotation("n", "字" * MAX_NOTES_LENGTH).text) == MAX_NOTES_LENGTH
    with pytest.raises(ValidationError) as info:
        Annotation("n", "字" * (MAX_NOTES_LENGTH + 1))
    assert refusal(info) == ("annotation", "n", "text")
    assert "is 4,000,001 characters long (at most 4,000,000)" in str(info.value)


def test_annotation_extents_at_the_bounds_are_kept() -> None:
    a = Annotation("n", width=1e-3, height=MAX_NOTE_EXTENT, x=-1e6, y=1e6)
    assert (a.width, a.height, a.x, a.y) == (1e-3, MAX_NOTE_EXTENT, -1e6, 1e6)


def test_annotation_evolve_is_checked() -> None:
    a = Annotation("n", "旧")
    assert a.evolve(text="新").text == "新" and a.text == "旧"
    with pytest.raises(ValidationError) as info:
        a.evolve(height=-1)
    assert refusal(info) == ("annotation", "n", "height")


# -- View -----------------------------------------------------------------------------------------


def test_view_defaults_and_dict_form() -> None:
    v = View("view1")
    assert (v.title, v.scenario, v.rect, v.color_mode, v.hidden_kinds, v.panel, v.text) == (
        "", "", (0.0, 0.0, 1000.0, 700.0), "kind", (), None, "")
    full = View("v2", "标题", "Base", [1, 2, 3, 4], "shapley", ["money", FlowKind.DATA, "money"], "cost", "讲稿")
    assert full.rect == (1.0, 2.0, 3.0, 4.0) and all(type(x) is float for x in full.rect)
    assert full.hidden_kinds == (FlowKind.MONEY, FlowKind.DATA)  # duplicates folded, order kept
    d = full.to_dict()
    assert d == {"id": "v2", "title": "标题", "scenario": "Base", "rect": [1.0, 2.0, 3.0, 4.0], "color_mode": "shapley",
                 "hidden_kinds": ["money", "data"], "panel": "cost", "text": "讲稿"}
    assert View.from_dict(d) == full
    assert View("v", color_mode="", panel="").color_mode == "kind" and View("v", panel="").panel is None
    assert VIEW_COLOR_MODES == ("kind", "criticality", "ecosystem", "shapley")
    assert VIEW_PANELS == ("overview", "reuse", "cost", "resilience", "compare", "sensitivity")


@pytest.mark.parametrize(("kwargs", "field", "en"), [
    ({"rect": (0, 0, 0, 10)}, "rect", "width and height must be more than 0 (got 0)"),
    ({"rect": (0, 0, 10, -1)}, "rect", "width and height must be more than 0 (got -1)"),
    ({"rect": (0, 0, 10)}, "rect", "must be [x, y, width, height] (got 3 numbers)"),
    ({"rect": (0, 0, 10, 10, 5)}, "rect", "must be [x, y, width, height] (got 5 numbers)"),
    ({"rect": "0,0,10,10"}, "rect", "must be [x, y, width, height]"),
    ({"rect": (0, math.nan, 10, 10)}, "rect", "nan is not a finite number"),
    ({"rect": (0, True, 10, 10)}, "rect", "True is not a finite number"),
    ({"rect": None}, "rect", "must be [x, y, width, height]"),
    ({"color_mode": "rainbow"}, "color_mode",
     "unknown value 'rainbow' (allowed: kind, criticality, ecosystem, shapley)"),
    ({"panel": "gossip"}, "panel",
     "unknown value 'gossip' (allowed: overview, reuse, cost, resilience, compare, sensitivity, or null)"),
    ({"hidden_kinds": ("goods", "teleport")}, "hidden_kinds", "unknown value 'teleport'"),
    ({"hidden_kinds": "goods"}, "hidden_kinds", "must be a list of flow kinds"),
    ({"title": "t" * 10_001}, "title", "is 10,001 characters long (at most 10,000)"),
    ({"scenario": 3}, "scenario", "must be text, not 3"),
])
def test_view_refusals_name_the_field(kwargs: dict[str, object], field: str, en: str) -> None:
    with pytest.raises(ValidationError) as info:
        View("view1", **kwargs)  # type: ignore[arg-type]
    assert refusal(info) == ("view", "view1", field)
    assert en in str(info.value)
    assert info.value.sentence("zh").startswith(f"视图 'view1' 的字段 {field}：")


def test_view_from_dict_refuses_unknown_fields_and_a_missing_id() -> None:
    with pytest.raises(ValidationError) as info:
        View.from_dict({"id": "v", "zoom": 2})
    assert refusal(info) == ("view", "v", "zoom") and "is not a known field" in str(info.value)
    with pytest.raises(ValidationError) as info:
        View.from_dict({"title": "no id"})
    assert info.value.field == "id" and "is required" in str(info.value)
    with pytest.raises(ValidationError):
        View.from_dict(["v"])  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        View.from_dict({"id": " v"})
    assert info.value.field == "id"


# -- Project's views ------------------------------------------------------------------------------


def workshop() -> tuple[Project, list[int]]:
    project = Project("p", scenarios=[Scenario("Base"), Scenario("Variant")],
                      views=[View("a", scenario="Base"), View("b", scenario="Variant"), View("c", scenario="Base")])
    emitted: list[int] = []
    project.views_changed.connect(lambda: emitted.append(1))
    return project, emitted


def ids(project: Project) -> list[str]:
    return [v.id for v in project.views]


def test_project_add_view_at_an_index_and_last() -> None:
    project, emitted = workshop()
    assert project.add_view(View("d", scenario="Variant"), 1) == 1
    assert project.add_view(View("e")) == 4
    assert project.add_view(View("f"), 99) == 5 and project.add_view(View("g"), -3) == 0
    assert ids(project) == ["g", "a", "d", "b", "c", "e", "f"] and len(emitted) == 4
    assert project.view_index("d") == 2 and project.view("d").scenario == "Variant"


def test_project_refuses_a_duplicate_view_id_and_changes_nothing() -> None:
    project, emitted = workshop()
    with pytest.raises(ValidationError) as info:
        project.add_view(View("b", "another b"))
    assert refusal(info) == ("view", "b", "id")
    assert "is already used by another view" in str(info.value) and "已被另一个视图使用" in info.value.sentence("zh")
    assert ids(project) == ["a", "b", "c"] and emitted == [] and project.view("b").title == ""
    with pytest.raises(ValidationError):
        Project(views=[View("x"), View("x")])
    with pytest.raises(TypeError):
        project.add_view({"id": "z"})  # type: ignore[arg-type]


def test_project_unknown_view_is_refused_by_name() -> None:
    project, emitted = workshop()
    for call in (lambda: project.view("zz"), lambda: project.remove_view("zz"), lambda: project.move_view("zz", 0),
                 lambda: project.replace_view(View("zz")), lambda: project.view_index("zz")):
        with pytest.raises(ValidationError) as info:
            call()
        assert refusal(info) == ("view", "zz", "id") and "does not exist" in str(info.value)
    assert ids(project) == ["a", "b", "c"] and emitted == []


def test_project_remove_replace_move_views() -> None:
    project, emitted = workshop()
    assert project.remove_view("b") == (View("b", scenario="Variant"), 1)
    assert ids(project) == ["a", "c"]
    new = project.view("c").evolve(title="改名", color_mode="criticality")
    assert project.replace_view(new) == View("c", scenario="Base") and project.view("c") is new
    assert ids(project) == ["a", "c"]
    project.add_view(View("d"))
    assert project.move_view("d", 0) == 2 and ids(project) == ["d", "a", "c"]
    assert project.move_view("d", 50) == 0 and ids(project) == ["a", "c", "d"]  # clamped to the list
    assert project.move_view("c", -1) == 1 and ids(project) == ["c", "a", "d"]
    assert len(emitted) == 6


def test_views_is_a_copy() -> None:
    project, emitted = workshop()
    views = project.views
    views.clear()
    assert ids(project) == ["a", "b", "c"] and emitted == []


def test_views_follow_a_scenario_rename() -> None:
    project, emitted = workshop()
    project.rename_scenario("Base", "基准")
    assert [v.scenario for v in project.views] == ["基准", "Variant", "基准"] and emitted == [1]
    project.rename_scenario("Variant", "Variant")  # no change: no signal
    assert emitted == [1]
    project.add_scenario(Scenario("Other"))
    project.rename_scenario("Other", "Another")  # no view follows it: no views signal
    assert emitted == [1] and project.orphan_views() == []


def test_orphan_views_are_kept_and_found() -> None:
    project, _ = workshop()
    project.add_view(View("ghost", scenario="Deleted long ago"))
    project.add_view(View("blank"))  # a view of no scenario at all
    assert [v.id for v in project.orphan_views()] == ["ghost", "blank"]
    project.remove_scenario("Variant")
    assert [v.id for v in project.orphan_views()] == ["b", "ghost", "blank"]
    assert ids(project) == ["a", "b", "c", "ghost", "blank"]  # removing a scenario removes no view
    project.add_scenario(Scenario("Variant"))
    assert [v.id for v in project.orphan_views()] == ["ghost", "blank"]


def test_content_equals_compares_views_and_their_order() -> None:
    one, _ = workshop()
    two, _ = workshop()
    assert one.content_equals(two)
    two.move_view("c", 0)
    assert not one.content_equals(two)
    two.move_view("c", 2)
    assert one.content_equals(two)
    two.replace_view(two.view("a").evolve(text="notes"))
    assert not one.content_equals(two)


# -- Entity.size ----------------------------------------------------------------------------------


def test_entity_size_default_bounds_and_dict_form() -> None:
    assert (MIN_SIZE, MAX_SIZE) == (0.25, 4.0)
    e = Entity("e")
    assert e.size == 1.0 and "size" not in e.to_dict()  # written only where set
    assert Entity("e", size=0.25).size == 0.25 and Entity("e", size=4).size == 4.0
    assert type(Entity("e", size=2).size) is float and Entity("e", size=None).size == 1.0
    assert Entity("e", size="1.5").size == 1.5  # as numbers given as text elsewhere
    big = Entity("e", size=2.5)
    assert big.to_dict()["size"] == 2.5 and make(Entity, big.to_dict()) == big
    assert make(Entity, e.to_dict()).size == 1.0


@pytest.mark.parametrize(("value", "en", "zh"), [
    (0.24, "must be from 0.25 to 4 times the normal size (got 0.24)", "必须是正常大小的 0.25 到 4 倍（当前为 0.24）"),
    (4.01, "must be from 0.25 to 4 times the normal size (got 4.01)", "（当前为 4.01）"),
    (0, "must be from 0.25 to 4 times the normal size (got 0)", ""),
    (-1, "must not be negative (got -1)", "不能为负数"),
    (math.inf, "must be a finite number, not inf", ""),
    ("huge", "'huge' is not a number", ""),
    (True, "True is not a number", ""),
])
def test_entity_size_out_of_bounds_is_refused(value: object, en: str, zh: str) -> None:
    with pytest.raises(ValidationError) as info:
        Entity("e1", size=value)  # type: ignore[arg-type]
    assert refusal(info) == ("entity", "e1", "size") and en in str(info.value)
    assert zh in info.value.sentence("zh")


def test_bulk_builder_equals_constructor_for_size() -> None:
    row = ["e", "", "other", "", (), 0, 0, None, "", 0, 0, ""]
    sizes = [0.25, 1.0, 1, 2.5, 4.0, "3", None]
    rows = [(f"e{i}", *row[1:], size, {}) for i, size in enumerate(sizes)]
    built = build_many(Entity, rows)
    assert built == [Entity(*r) for r in rows]
    assert [e.size for e in built] == [0.25, 1.0, 1.0, 2.5, 4.0, 3.0, 1.0]
    assert all(type(e.size) is float for e in built)
    for bad in (0.2, 4.5, "x", True, math.nan):
        rows = [(f"e{i}", *row[1:], 1.0, {}) for i in range(3)]
        rows[2] = (*rows[2][:12], bad, {})
        with pytest.raises(ValidationError) as slow:
            [Entity(*r) for r in rows]
        with pytest.raises(ValidationError) as fast:
            build_many(Entity, rows)
        assert refusal(fast) == refusal(slow) == ("entity", "e2", "size")
        assert str(fast.value) == str(slow.value)
