"""What `ecodesk import` and the app say a project holds: notes and saved views are counted
where there are any, in English and Chinese."""

from ecodesk.analysis.summary import project_counts
from ecodesk.model import Annotation, Entity, Project, Scenario, View


def _project(notes: int, views: int) -> Project:
    s = Scenario("Base")
    s.add(Entity("e1", "A"))
    for i in range(notes):
        s.add(Annotation(f"n{i}", "note"))
    p = Project("P", scenarios=[s])
    for i in range(views):
        p.add_view(View(f"v{i}", "T", "Base"))
    return p


def test_without_notes_and_views_nothing_more_is_said():
    assert project_counts(_project(0, 0)) == "1 scenario, 1 entity, 0 flows, 0 capabilities, 0 needs, 0 pools"


def test_notes_and_views_are_counted():
    text = project_counts(_project(3, 1))
    assert text.endswith("0 pools, 3 notes, 1 saved view")
    zh = project_counts(_project(1, 2), "zh")
    assert "1 个便签" in zh and zh.endswith("2 个视图")
