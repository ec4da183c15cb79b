"""Edit rules for the fields of schema v2: a flow's label and an entity's colour are edited through
the ordinary change command (one undo step each); colours typed "#F90", "#FF9900" or "ff9900" are
read as "#ff9900", empty text returns to the kind's colour, anything else is refused with the reason."""

from __future__ import annotations

import pytest

from ecodesk.commands import History
from ecodesk.commands.editrules import change_command, evolved, parse_color
from ecodesk.commands.edits import paste_objects
from ecodesk.model import Entity, Flow, FlowKind, Scenario, ValidationError
from ecodesk.model.labels import field_label
from ecodesk.model.objects import normalize_color


@pytest.fixture
def scenario() -> Scenario:
    s = Scenario("Base")
    s.add(Entity("e1", name="平台", x=10.0))
    s.add(Entity("e2", name="Farm", color="#1f77b4"))
    s.add(Flow("f1", source="e1", target="e2", kind=FlowKind.GOODS, label="供货"))
    return s


@pytest.mark.parametrize(("typed", "stored"), [
    ("#F90", "#ff9900"),
    ("#FF9900", "#ff9900"),
    ("ff9900", "#ff9900"),
    ("f90", "#ff9900"),
    (" #AbCdEf ", "#abcdef"),
    ("#ff9900", "#ff9900"),
    ("", ""),
    ("   ", ""),
    (None, ""),
])
def test_colours_as_planners_type_them(scenario, typed, stored):
    e1 = scenario.entities["e1"]
    assert parse_color(e1, "color", typed) == stored
    assert evolved(scenario, e1, "color", typed).color == stored


@pytest.mark.parametrize("typed", ["red", "#ff990", "#ff99000", "#gg9900", "rgb(255,153,0)", "#ff9900ff", "＃ff9900",
                                   "#f 90"])
def test_other_colour_text_is_refused_naming_entity_and_field(scenario, typed):
    e1 = scenario.entities["e1"]
    with pytest.raises(ValidationError) as info:
        evolved(scenario, e1, "color", typed)
    assert (info.value.what, info.value.obj_id, info.value.field) == ("entity", "e1", "color")
    assert info.value.readable() == (
        f"Entity 'e1', Colour: '{typed}' is not a colour: type #rrggbb or #rgb in hex digits, e.g. #ff9900 or #f90, "
        "or leave it empty for the kind's colour")
    assert info.value.readable("zh").startswith(f"主体 'e1' 的颜色：“{typed}”不是颜色")
    assert scenario.entities["e1"] is e1  # nothing changed


def test_the_model_itself_takes_only_the_stored_form():
    assert Entity("a", color="#ff9900").color == "#ff9900" and Entity("a", color=None).color == ""
    for bad in ("#FF9900", "#f90", "ff9900", "#ff9900\n", 7):
        with pytest.raises(ValidationError) as info:
            Entity("a", color=bad)
        assert info.value.field == "color"
        assert "is not a colour: use #rrggbb (six hex digits, e.g. #ff9900) or leave it empty" in str(info.value)
        assert "不是颜色" in info.value.sentence("zh")
    assert normalize_color("#F90") == "#ff9900" and normalize_color("rgb(1,2,3)") is None and normalize_color("") == ""


def test_colour_change_is_one_undo_step_and_empty_resets_to_the_kind_colour(scenario):
    history = History()
    history.push(change_command(scenario, scenario.entities["e1"], "color", "#F90"))
    assert scenario.entities["e1"].color == "#ff9900" and len(history) == 1
    history.push(change_command(scenario, scenario.entities["e2"], "color", ""))
    assert scenario.entities["e2"].color == ""
    history.undo()
    assert scenario.entities["e2"].color == "#1f77b4"
    history.undo()
    assert scenario.entities["e1"].color == "" and scenario.entities["e1"].x == 10.0
    history.redo()
    assert scenario.entities["e1"].color == "#ff9900"


def test_label_change_is_one_undo_step_and_typing_merges(scenario):
    history = History()
    f1 = scenario.flows["f1"]
    for text in ("月", "月度", "月度结算"):
        history.push(change_command(scenario, scenario.flows["f1"], "label", text, merge=True))
    assert scenario.flows["f1"].label == "月度结算" and len(history) == 1
    history.undo()
    assert scenario.flows["f1"] is f1 and f1.label == "供货"
    history.redo()
    assert scenario.flows["f1"].label == "月度结算"
    history.push(change_command(scenario, scenario.flows["f1"], "label", ""))
    assert scenario.flows["f1"].label == "" and len(history) == 2


def test_label_text_is_kept_as_typed_and_too_long_refused(scenario):
    f1 = scenario.flows["f1"]
    for text in ("=SUM(A1)", "  spaced  ", "line\nbreak", "+1"):
        assert evolved(scenario, f1, "label", text).label == text  # never trimmed or changed
    with pytest.raises(ValidationError) as info:
        evolved(scenario, f1, "label", "x" * 10_001)
    assert info.value.readable() == "Flow 'f1', Label: is 10,001 characters long (at most 10,000)"
    assert info.value.readable("zh") == "资源流 'f1' 的标签：长 10,001 个字符（最多 10,000 个）"


def test_field_labels_in_both_languages():
    assert (field_label("label"), field_label("label", "zh")) == ("Label", "标签")
    assert (field_label("color", what="entity"), field_label("color", "zh", what="entity")) == ("Colour", "颜色")


def test_a_kind_change_keeps_the_label_and_paste_keeps_label_and_colour(scenario):
    history = History()
    history.push(change_command(scenario, scenario.flows["f1"], "kind", "data"))
    assert scenario.flows["f1"].label == "供货"
    macro, mapping = paste_objects(scenario, [scenario.entities["e1"], scenario.entities["e2"], scenario.flows["f1"]])
    history.push(macro)
    assert [scenario.entities[mapping[e]].color for e in ("e1", "e2")] == ["", "#1f77b4"]
    assert scenario.flows[mapping["f1"]].label == "供货"
