"""The view commands: each is one undo step that do → undo → redo round-trips."""

from __future__ import annotations

import pytest

from ecodesk.commands import History
from ecodesk.commands.views import AddView, ChangeView, MoveView, RemoveView, new_view_id
from ecodesk.model import Project, ValidationError
from ecodesk.model.views import View


def ids(project: Project) -> list[str]:
    return [v.id for v in project.views]


@pytest.fixture
def project(sensor_project) -> Project:
    for i, title in enumerate(("Overview", "Costs", "Risks"), start=1):
        sensor_project.add_view(View(f"view{i}", title, "Base", (0, 0, 800 + i, 600)))
    return sensor_project


def test_new_view_id_is_first_free(sensor_project):
    assert new_view_id(sensor_project) == "view1"
    sensor_project.add_view(View("view1"))
    sensor_project.add_view(View("view3"))
    assert new_view_id(sensor_project) == "view2"
    sensor_project.add_view(View("view2"))
    assert new_view_id(sensor_project) == "view4"


def test_add_view_one_step_at_index(project):
    h = History()
    h.push(AddView(project, View("view9", "Findings", "Alt"), 1))
    assert ids(project) == ["view1", "view9", "view2", "view3"]
    assert h.undo_text() == "Add view 'Findings'"
    assert len(h) == 1
    h.undo()
    assert ids(project) == ["view1", "view2", "view3"]
    h.redo()
    assert project.view("view9").scenario == "Alt"
    assert project.view_index("view9") == 1


def test_add_duplicate_id_records_nothing(project):
    h = History()
    with pytest.raises(ValidationError):
        h.push(AddView(project, View("view2", "again")))
    assert len(h) == 0 and ids(project) == ["view1", "view2", "view3"]


def test_remove_view_undo_restores_index(project):
    h = History()
    h.push(RemoveView(project, "view2"))
    assert ids(project) == ["view1", "view3"]
    assert h.undo_text() == "Delete view 'Costs'"
    h.undo()
    assert ids(project) == ["view1", "view2", "view3"]
    assert project.view("view2").title == "Costs"
    h.redo()
    assert ids(project) == ["view1", "view3"]


def test_change_view_and_typing_merges(project):
    h = History()
    old = project.view("view1")
    h.push(ChangeView(project, old.evolve(title="Start")))
    assert project.view("view1").title == "Start"
    assert h.undo_text() == "Change view 'Overview'"
    h.undo()
    assert project.view("view1") == old
    h.redo()
    assert project.view("view1").title == "Start"
    # typing notes: one undo step restoring the notes before the first keystroke
    for text in ("S", "Sa", "Say"):
        h.push(ChangeView(project, project.view("view1").evolve(text=text), merge_key="text"))
    assert len(h) == 2 and project.view("view1").text == "Say"
    h.undo()
    assert project.view("view1").text == "" and project.view("view1").title == "Start"


def test_change_back_to_old_value_leaves_no_step(project):
    h = History()
    v = project.view("view1")
    h.push(ChangeView(project, v.evolve(text="x"), merge_key="text"))
    h.push(ChangeView(project, v.evolve(text=""), merge_key="text"))
    assert len(h) == 0


def test_move_view(project):
    h = History()
    h.push(MoveView(project, "view1", 2))
    assert ids(project) == ["view2", "view3", "view1"]
    assert h.undo_text() == "Move view 'Overview'"
    h.undo()
    assert ids(project) == ["view1", "view2", "view3"]
    h.redo()
    assert ids(project) == ["view2", "view3", "view1"]


def test_commands_emit_views_changed(project):
    seen: list[int] = []
    project.views_changed.connect(lambda: seen.append(1))
    h = History()
    h.push(MoveView(project, "view3", 0))
    h.undo()
    assert len(seen) == 2


def test_unknown_view_refused(project):
    with pytest.raises(ValidationError):
        RemoveView(project, "nope")
    with pytest.raises(ValidationError):
        MoveView(project, "nope", 0)


def test_rename_update_and_notes_helpers(project):
    from ecodesk.commands.views import rename_view, set_view_notes, update_view

    h = History()
    h.push(rename_view(project, "view2", "Who pays"))
    assert project.view("view2").title == "Who pays"
    assert h.undo_text() == "Rename view 'Costs' to 'Who pays'"
    h.push(set_view_notes(project, "view2", "mention Shapley"))
    captured = View("view2", "ignored", "Alt", (5, 6, 70, 80), "criticality", ("money",), "cost", "ignored")
    h.push(update_view(project, captured))
    v = project.view("view2")
    assert (v.title, v.text, v.scenario, v.rect, v.color_mode, v.panel) == \
        ("Who pays", "mention Shapley", "Alt", (5, 6, 70, 80), "criticality", "cost")
    assert h.undo_text() == "Update view 'Who pays'"
    h.undo()
    assert project.view("view2").scenario == "Base" and project.view("view2").text == "mention Shapley"
