"""Edit rules and commands for workshop notes (便签) and entity size: a size typed as "150%"
or "1.5", refused outside 25 %–400 % with the model's sentence (never clamped); a note's
colour; new notes' ids; removing and pasting notes as one undo step."""

from __future__ import annotations

import pytest

from ecodesk.commands import AddObject, paste_objects, remove_objects
from ecodesk.commands.editrules import change_command, new_note, parse_color, parse_number, parse_size
from ecodesk.model import Annotation, Entity, Scenario, ValidationError


@pytest.fixture
def scenario() -> Scenario:
    s = Scenario("Base")
    s.add(Entity("e1", "平台", "platform"))
    return s


@pytest.mark.parametrize(("typed", "size"), [("150%", 1.5), ("1.5", 1.5), ("400 %", 4.0), ("２５％", 0.25), (2, 2.0)])
def test_size_change_is_read_as_typed(scenario, typed, size):
    cmd = change_command(scenario, scenario.entities["e1"], "size", typed)
    assert cmd.new.size == size
    cmd.do()
    assert scenario.entities["e1"].size == size
    cmd.undo()
    assert scenario.entities["e1"].size == 1.0


@pytest.mark.parametrize(("typed", "got"), [("10", "10"), ("0.1", "0.1"), ("1000%", "10"), ("0", "0")])
def test_size_out_of_range_is_refused_with_the_bounds_never_clamped(scenario, typed, got):
    with pytest.raises(ValidationError) as err:
        change_command(scenario, scenario.entities["e1"], "size", typed)
    e = err.value
    assert (e.what, e.obj_id, e.field) == ("entity", "e1", "size")
    assert f"must be from 0.25 to 4 times the normal size (got {got})" in str(e)
    assert scenario.entities["e1"].size == 1.0


def test_size_takes_no_magnitudes():
    with pytest.raises(ValidationError) as err:
        parse_size(None, "2万")
    assert "takes a factor such as 1.5 or a percentage such as 150%" in str(err.value)
    with pytest.raises(ValidationError):
        parse_number(None, "x", "150%")  # positions still take no percentage


def test_note_colour_and_its_refusal(scenario):
    note = new_note(scenario, 10.04, 20.06, "hi")
    assert (note.id, note.x, note.y, note.width, note.height, note.color) == ("note1", 10.0, 20.1, 220.0, 120.0, "")
    assert parse_color(note, "color", "#C9E") == "#cc99ee"
    assert parse_color(note, "color", "") == ""
    with pytest.raises(ValidationError) as err:
        change_command(scenario, note, "color", "blue")
    assert "leave it empty for the default note colour" in str(err.value)
    assert "留空则使用默认便签颜色" in err.value.sentence("zh")


def test_note_ids_are_unique_across_the_scenario(scenario):
    AddObject(scenario, new_note(scenario, 0, 0, "a")).do()
    assert new_note(scenario, 0, 0).id == "note2"


def test_removing_notes_with_an_entity_is_one_step_and_undo_restores_order(scenario):
    for i in range(3):
        AddObject(scenario, Annotation(f"note{i + 1}", text=f"n{i}", x=i * 10)).do()
    macro = remove_objects(scenario, [scenario.annotations["note2"], scenario.entities["e1"]])
    macro.do()
    assert [n.id for n in scenario.annotations] == ["note1", "note3"] and "e1" not in scenario.entities
    macro.undo()
    assert [n.id for n in scenario.annotations] == ["note1", "note2", "note3"] and "e1" in scenario.entities


def test_pasting_a_note_renews_its_id_and_moves_it(scenario):
    note = Annotation("note1", text="复制", x=5, y=6, width=100, height=50, color="#ffc9de")
    AddObject(scenario, note).do()
    macro, mapping = paste_objects(scenario, [note], (30, 30))
    macro.do()
    copy = scenario.annotations[mapping["note1"]]
    assert copy.id != "note1" and (copy.x, copy.y, copy.text, copy.color, copy.width) == (35, 36, "复制", "#ffc9de", 100)
    macro.undo()
    assert list(scenario.annotations) == [note]
