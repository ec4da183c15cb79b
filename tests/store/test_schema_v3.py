"""Store: schema version 3 (issue 18: entity sizes, annotations, views).

The v3 fixture opens with its content; the released v2 fixture opens migrated in memory (size 1
everywhere, no annotations, no views), analyses as before, is left alone on disk until saved and is
then written as version 3; v1 still opens (two migrations chained); a version-4 file is refused as
newer. Annotations, views (order, a view of a deleted scenario) and sizes survive a full write and
the incremental save — add, edit, move, remove, and undo before saving — each save one transaction;
a bad view or annotation row is refused naming the object and the field.

``fixtures/v3_sample.ecodesk`` and ``v3_sample.json`` were written once from
``build_sample_project(v3_fields=True)`` (``write_project_atomic``; the JSON is the project's
meta, each scenario's ``to_dict()`` and each view's ``to_dict()``, ``indent=1``). A released
fixture is never rewritten: a later version adds its own.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from ecodesk.analysis.run import run_analysis
from ecodesk.commands.edits import AddObject, ChangeObject, RemoveObject, RemoveScenario, RenameScenario
from ecodesk.commands.history import History
from ecodesk.commands.views import AddView, ChangeView, MoveView, RemoveView
from ecodesk.model import Annotation, FlowKind, Project, View
from ecodesk.store import ProjectFile, ProjectFileError, check_project_file, open_project, write_project_atomic, writing
from ecodesk.store import migrations as mig
from ecodesk.store.recovery import describe_differences, load_recovery, pending_recoveries, save_recovery
from ecodesk.store.schema import SCHEMA_VERSION
from tests.store.conftest import build_sample_project
from tests.store.test_roundtrip import FIXTURES, v1_expected, v2_expected, v3_expected
from tests.store.test_schema_v2 import columns, project_from_expected, user_version

V3 = FIXTURES / "v3_sample.ecodesk"


def tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def view_rows(path: Path) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT id FROM views ORDER BY position").fetchall()


@pytest.fixture
def copy_of(tmp_path: Path) -> Callable[[str], Path]:
    def make(name: str) -> Path:
        path = tmp_path / name
        shutil.copyfile(FIXTURES / name, path)
        return path

    return make


@pytest.fixture
def workshop(tmp_path: Path) -> ProjectFile:
    pf = ProjectFile.create(build_sample_project(v3_fields=True), tmp_path / "workshop.ecodesk")
    yield pf
    pf.close()


def reopened(pf: ProjectFile) -> Project:
    """The file as another window would open it; it must hold exactly the project in memory."""
    back = open_project(pf.path)
    assert back.content_equals(pf.project)
    assert back.views == pf.project.views
    assert not pf.has_unsaved_changes()
    return back


# -- the fixtures ---------------------------------------------------------------------------


def test_v3_fixture_opens_with_its_content(unchanged: Any) -> None:
    expected = v3_expected()
    with unchanged(V3):
        check_project_file(V3)
        project = open_project(V3)
        pf = ProjectFile.open(V3)
        assert pf.migrated_from is None and not pf.has_unsaved_changes()
        pf.close()
    assert user_version(V3) == SCHEMA_VERSION == 3
    assert project.meta_dict() == expected["project"]
    assert [s.to_dict() for s in project.scenarios] == expected["scenarios"]
    assert [v.to_dict() for v in project.views] == expected["views"]
    assert project.content_equals(build_sample_project(v3_fields=True))
    assert project.content_equals(project_from_expected(expected))
    base, network = project.scenario("1.0 线性供应链"), project.scenario("2.0 网络生态")
    assert [(a.id, a.text, a.color) for a in base.annotations] == [
        ("note1", "平台是枢纽：先谈佛山供应商\n第二行 🚚", "#fff3b0"),
        ("note2", "Ask the bank about credit terms", ""),
        ("note-empty", "", "#1f77b4"),
    ]
    assert (base.annotations["note1"].x, base.annotations["note1"].y) == (420.0, -180.5)
    assert network.annotations.ids() == ["note3", "note1", "note-empty"]
    assert network.annotations["note1"].width == 300.0
    assert [v.id for v in project.views] == ["view1", "view2", "view-orphan", "view3"]
    assert [v.id for v in project.orphan_views()] == ["view-orphan"]  # kept, the app marks it
    assert project.view("view2").hidden_kinds == (FlowKind.MONEY, FlowKind.DATA)
    assert project.view("view2").rect == (0.0, 0.0, 1366.0, 768.0) and project.view("view-orphan").panel is None
    sizes = {e.id: e.size for e in base.entities if e.size != 1.0}
    assert sizes == {"P": 2.5, "U1": 0.25, "O1": 4.0}
    assert network.entities["D2"].size == 1.75


def test_v2_fixture_opens_migrated_with_v3_defaults(copy_of: Callable[[str], Path], unchanged: Any) -> None:
    path = copy_of("v2_sample.ecodesk")
    with unchanged(path):
        check_project_file(path)
        project = open_project(path)
        pf = ProjectFile.open(path)
        assert pf.migrated_from == 2
        assert pf.has_unsaved_changes()  # the next save writes the file as version 3
        pf.close()
    assert user_version(path) == 2 and "size" not in columns(path, "entities")  # the file on disk as it was
    assert not {"annotations", "views"} & tables(path)
    assert {e.size for s in project.scenarios for e in s.entities} == {1.0}
    assert all(len(s.annotations) == 0 for s in project.scenarios) and project.views == []
    assert project.content_equals(build_sample_project())
    assert project.content_equals(project_from_expected(v2_expected()))


def test_migrated_v2_file_analyses_like_before(copy_of: Callable[[str], Path]) -> None:
    """The analysis of the migrated v2 file equals that of the model its JSON holds."""
    project = open_project(copy_of("v2_sample.ecodesk"))
    reference = project_from_expected(v2_expected())
    for name in ("1.0 线性供应链", "2.0 网络生态"):
        got = run_analysis(project.scenario(name), project.settings).to_json()
        assert got == run_analysis(reference.scenario(name), reference.settings).to_json()
        assert got["kpis"]["flow_count"] > 10 and got["resilience"]


def test_sizes_and_notes_change_no_analysis() -> None:
    """Entity sizes and annotations are style: the analysis of the v3 sample is the v2 one's."""
    v2, v3 = build_sample_project(), open_project(V3)
    for name in ("1.0 线性供应链", "2.0 网络生态"):
        assert run_analysis(v3.scenario(name), v3.settings).to_json() == run_analysis(
            v2.scenario(name), v2.settings).to_json()


def test_saving_a_migrated_v2_file_writes_version_3(copy_of: Callable[[str], Path]) -> None:
    path = copy_of("v2_sample.ecodesk")
    pf = ProjectFile.open(path)
    s = pf.project.scenario("2.0 网络生态")
    s.replace(s.entities["D2"].evolve(size=3.0))
    s.add(Annotation("note-new", "迁移后的第一张便签"))
    pf.project.add_view(View("v1", "第一页", "2.0 网络生态"))
    stats = pf.save()
    assert stats.full_rewrite and pf.migrated_from is None
    assert user_version(path) == 3
    assert columns(path, "entities")["size"] == "1.0" and {"annotations", "views"} <= tables(path)
    back = reopened(pf)
    assert back.scenario("2.0 网络生态").entities["D2"].size == 3.0
    assert back.scenario("2.0 网络生态").annotations["note-new"].text == "迁移后的第一张便签"
    assert [v.id for v in back.views] == ["v1"]
    s.replace(s.annotations["note-new"].evolve(color="#ff9900"))
    stats = pf.save()  # incremental again
    assert (stats.full_rewrite, stats.rows_written, stats.rows_deleted) == (False, 1, 0)
    reopened(pf)
    pf.close()


def test_v1_file_opens_through_two_migrations(copy_of: Callable[[str], Path], unchanged: Any) -> None:
    path = copy_of("v1_sample.ecodesk")
    with unchanged(path):
        pf = ProjectFile.open(path)
    assert pf.migrated_from == 1
    project = pf.project
    assert {e.size for s in project.scenarios for e in s.entities} == {1.0} and project.views == []
    assert project.content_equals(project_from_expected(v1_expected()))
    pf.save()
    assert user_version(path) == 3
    reopened(pf)
    pf.close()


def test_version_4_is_refused_as_newer(copy_of: Callable[[str], Path], unchanged: Any) -> None:
    path = copy_of("v3_sample.ecodesk")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("PRAGMA user_version = 4")
    with unchanged(path), pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "newer"
    assert "file version 4, this version reads up to 3" in str(info.value)


def test_the_v2_to_v3_migration_alone() -> None:
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as conn:
        conn.execute("CREATE TABLE scenarios (id INTEGER PRIMARY KEY)")
        conn.execute("CREATE TABLE entities (id TEXT NOT NULL)")
        conn.execute("INSERT INTO entities VALUES ('e1')")
        mig.migrate_v2_to_v3(conn)
        assert conn.execute("SELECT id, size FROM entities").fetchall() == [("e1", 1.0)]
        assert conn.execute("SELECT count(*) FROM annotations").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM views").fetchone() == (0,)


def test_a_migrated_file_has_the_schema_of_a_new_one(tmp_path: Path) -> None:
    """v1 and v2 files migrated to v3 have every table and column (with types, defaults and
    keys) that a file written by this version has: what a later migration starts from."""
    new = tmp_path / "new.ecodesk"
    write_project_atomic(Project(), new)

    def shape(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(r[1:] for r in conn.execute(f"PRAGMA table_info({t})")) for t in names}

    with closing(sqlite3.connect(new)) as conn:
        want = shape(conn)
    for version in (1, 2):
        with closing(sqlite3.connect(FIXTURES / f"v{version}_sample.ecodesk")) as src:
            with closing(mig.migrated_copy(src, version)) as mem:
                assert mem.execute("PRAGMA user_version").fetchone() == (3,)
                assert shape(mem) == want


# -- round trips -------------------------------------------------------------------------------


def test_full_write_round_trips_annotations_views_and_sizes(tmp_path: Path) -> None:
    project = build_sample_project(v3_fields=True)
    path = tmp_path / "便签 views.ecodesk"
    write_project_atomic(project, path)
    back = open_project(path)
    assert back.content_equals(project) and back.views == project.views
    for a, b in zip(back.scenarios, project.scenarios, strict=True):
        assert a.to_dict() == b.to_dict() and a.annotations.ids() == b.annotations.ids()
    assert view_rows(path) == [("view1",), ("view2",), ("view-orphan",), ("view3",)]
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT rect, hidden_kinds, panel FROM views WHERE id = 'view2'").fetchone() == (
            "[0.0,0.0,1366.0,768.0]", '["money","data"]', "resilience")
        assert conn.execute("SELECT panel FROM views WHERE id = 'view-orphan'").fetchone() == (None,)


def test_incremental_save_of_views_add_edit_move_remove(workshop: ProjectFile) -> None:
    project = workshop.project
    project.add_view(View("view4", "新页", "2.0 网络生态", (1.0, 2.0, 3.0, 4.0), "criticality"), index=1)
    assert workshop.has_unsaved_changes()
    stats = workshop.save()
    assert not stats.full_rewrite and (stats.rows_deleted, stats.rows_written) == (4, 5)  # the views, rewritten
    assert [v.id for v in reopened(workshop).views] == ["view1", "view4", "view2", "view-orphan", "view3"]

    project.replace_view(project.view("view2").evolve(title="改过的标题", hidden_kinds=(FlowKind.GOODS,), panel=None))
    workshop.save()
    back = reopened(workshop)
    assert back.view("view2").title == "改过的标题" and back.view("view2").panel is None
    assert back.view("view2").hidden_kinds == (FlowKind.GOODS,)

    project.move_view("view3", 0)
    workshop.save()
    assert [v.id for v in reopened(workshop).views] == ["view3", "view1", "view4", "view2", "view-orphan"]

    project.remove_view("view4")
    project.remove_view("view-orphan")
    workshop.save()
    assert [v.id for v in reopened(workshop).views] == ["view3", "view1", "view2"]
    assert view_rows(workshop.path) == [("view3",), ("view1",), ("view2",)]

    for v in project.views:
        project.remove_view(v.id)
    workshop.save()
    assert reopened(workshop).views == [] and view_rows(workshop.path) == []


def test_a_save_without_view_changes_leaves_the_views_table_alone(workshop: ProjectFile) -> None:
    s = workshop.project.scenario()
    s.replace(s.entities["P"].evolve(size=0.5))
    stats = workshop.save()
    assert (stats.rows_written, stats.rows_deleted) == (1, 0)
    assert reopened(workshop).scenario().entities["P"].size == 0.5


def test_a_scenario_rename_saves_the_views_that_follow_it(workshop: ProjectFile) -> None:
    workshop.project.rename_scenario("2.0 网络生态", "2.1 网络生态")
    workshop.save()
    back = reopened(workshop)
    assert back.view("view2").scenario == "2.1 网络生态" and back.orphan_views() == [back.view("view-orphan")]


def test_a_removed_scenarios_views_are_kept_as_orphans(workshop: ProjectFile) -> None:
    workshop.project.remove_scenario("空情景")
    workshop.save()
    back = reopened(workshop)
    assert [v.id for v in back.orphan_views()] == ["view-orphan", "view3"]
    assert [v.id for v in back.views] == ["view1", "view2", "view-orphan", "view3"]


def test_incremental_save_of_annotations(workshop: ProjectFile) -> None:
    base = workshop.project.scenario("1.0 线性供应链")
    base.add(Annotation("note9", "新增 new", 5.0, 6.0, 100.0, 50.0, "#aabbcc"), index=0)
    stats = workshop.save()
    assert (stats.full_rewrite, stats.rows_written, stats.rows_deleted) == (False, 1, 0)
    assert reopened(workshop).scenario().annotations.ids() == ["note9", "note1", "note2", "note-empty"]

    base.replace(base.annotations["note-empty"].evolve(text="不再是空的", width=99.5))
    stats = workshop.save()
    assert (stats.rows_written, stats.rows_deleted) == (1, 0)
    assert reopened(workshop).scenario().annotations["note-empty"].text == "不再是空的"

    base.remove("note1", Annotation)
    stats = workshop.save()
    assert (stats.rows_written, stats.rows_deleted) == (0, 1)
    back = reopened(workshop)
    assert back.scenario().annotations.ids() == ["note9", "note2", "note-empty"]
    assert back.scenario("2.0 网络生态").annotations.ids() == ["note3", "note1", "note-empty"]  # the other untouched


def test_undo_then_save_with_views_and_annotations(workshop: ProjectFile) -> None:
    """Edits undone before a save leave nothing to write; undone after a save, the next
    save writes the file back to what it was."""
    project, history = workshop.project, History()
    base = project.scenario("1.0 线性供应链")
    original = build_sample_project(v3_fields=True)

    history.push(AddView(project, View("view9", "撤销我", "1.0 线性供应链"), 0))
    history.push(MoveView(project, "view3", 1))
    history.push(RemoveView(project, "view-orphan"))
    history.push(ChangeView(project, project.view("view1").evolve(text="new notes")))
    history.push(AddObject(base, Annotation("note9", "撤销")))
    history.push(ChangeObject(base, base.annotations["note2"].evolve(color="#000000")))
    history.push(RemoveObject(base, base.annotations["note1"]))
    assert workshop.has_unsaved_changes()
    while history.undo():
        pass
    assert not workshop.has_unsaved_changes()
    stats = workshop.save()
    assert (stats.rows_written, stats.rows_deleted) == (0, 0)
    assert reopened(workshop).content_equals(original)

    history.push(RemoveView(project, "view-orphan"))
    history.push(MoveView(project, "view1", 3))
    history.push(RemoveObject(base, base.annotations["note1"]))
    history.push(ChangeObject(base, base.annotations["note2"].evolve(text="changed")))
    workshop.save()
    back = reopened(workshop)
    assert [v.id for v in back.views] == ["view2", "view3", "view1"]
    assert back.scenario().annotations.ids() == ["note2", "note-empty"]

    history.undo()
    history.undo()  # the annotation back where it was, its text as before
    history.undo()  # the view back at its place …
    workshop.save()
    back = reopened(workshop)
    assert [v.id for v in back.views] == ["view1", "view2", "view3"]
    assert back.scenario().annotations.ids() == ["note1", "note2", "note-empty"]
    history.undo()  # … and the orphan
    workshop.save()
    back = reopened(workshop)
    assert back.content_equals(original) and back.views == original.views


def test_undo_of_a_scenario_removal_and_rename(workshop: ProjectFile) -> None:
    project, history = workshop.project, History()
    history.push(RenameScenario(project, "空情景", "Empty"))
    workshop.save()
    assert reopened(workshop).view("view3").scenario == "Empty"
    history.undo()
    history.push(RemoveScenario(project, "1.0 线性供应链"))
    workshop.save()
    assert [v.id for v in reopened(workshop).orphan_views()] == ["view1", "view-orphan"]
    history.undo()
    workshop.save()
    back = reopened(workshop)
    assert back.content_equals(build_sample_project(v3_fields=True))
    assert back.scenario().annotations.ids() == ["note1", "note2", "note-empty"]


def test_a_failed_save_writes_nothing_and_the_retry_writes_everything(
    workshop: ProjectFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Views are written in the save's one transaction: if writing them fails, the scenario
    rows written before them are rolled back too, and the snapshot stays the base."""
    project = workshop.project
    base = project.scenario()
    base.replace(base.annotations["note2"].evolve(text="在失败的保存中"))
    base.replace(base.entities["S1"].evolve(size=2.0))
    project.move_view("view3", 0)

    def broken(conn: sqlite3.Connection, views: Any) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(writing, "_insert_views", broken)
    with pytest.raises(ProjectFileError) as info:
        workshop.save()
    assert info.value.reason == "write_failed"
    on_disk = open_project(workshop.path)
    assert on_disk.content_equals(build_sample_project(v3_fields=True))
    assert on_disk.views == build_sample_project(v3_fields=True).views
    monkeypatch.undo()
    assert workshop.has_unsaved_changes()
    workshop.save()
    back = reopened(workshop)
    assert back.scenario().annotations["note2"].text == "在失败的保存中"
    assert back.scenario().entities["S1"].size == 2.0 and back.views[0].id == "view3"


def test_a_recovery_keeps_notes_views_and_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECODESK_DATA_DIR", str(tmp_path / "data"))
    project = build_sample_project(v3_fields=True)
    project.move_view("view-orphan", 0)
    save_recovery(project, "k-v3", None)
    [found] = pending_recoveries(include_running=True)
    back = load_recovery(found)
    assert back.content_equals(project) and back.views[0].id == "view-orphan"
    assert back.scenario().annotations["note-empty"].text == "" and back.scenario().entities["P"].size == 2.5


def test_recovery_differences_name_the_views() -> None:
    saved, now = build_sample_project(v3_fields=True), build_sample_project(v3_fields=True)
    now.remove_view("view2")
    assert "Views changed (4 in the saved file, 3 now)." in describe_differences(saved, now)
    assert describe_differences(saved, build_sample_project(v3_fields=True)) == ["No difference from the saved file."]


# -- refusals -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("sql", "sentence"), [
    ("UPDATE views SET rect = '{oops' WHERE id = 'view2'", "View 'view2', field 'rect': is not valid JSON"),
    ("UPDATE views SET rect = '{\"x\":1}' WHERE id = 'view2'", "View 'view2', field 'rect': must be a JSON list"),
    ("UPDATE views SET rect = '[0,0,0,5]' WHERE id = 'view1'",
     "View 'view1', field 'rect': width and height must be more than 0 (got 0)"),
    ("UPDATE views SET rect = '[0,0,5]' WHERE id = 'view1'",
     "View 'view1', field 'rect': must be [x, y, width, height] (got 3 numbers)"),
    ("UPDATE views SET color_mode = 'rainbow' WHERE id = 'view3'",
     "View 'view3', field 'color_mode': unknown value 'rainbow'"),
    ("UPDATE views SET panel = 'gossip' WHERE id = 'view3'", "View 'view3', field 'panel': unknown value 'gossip'"),
    ("UPDATE views SET hidden_kinds = '[\"goods\",\"teleport\"]' WHERE id = 'view2'",
     "View 'view2', field 'hidden_kinds'"),
    ("UPDATE views SET hidden_kinds = '\"goods\"' WHERE id = 'view2'",
     "View 'view2', field 'hidden_kinds': must be a JSON list"),
    ("UPDATE views SET title = x'00ff' WHERE id = 'view1'", "View 'view1', field 'title': must be text"),
    ("UPDATE annotations SET width = -1 WHERE id = 'note2' AND scenario = 1",
     "in scenario '1.0 线性供应链': Annotation 'note2', field 'width': must be more than 0"),
    ("UPDATE annotations SET color = 'yellow' WHERE id = 'note1' AND scenario = 2",
     "in scenario '2.0 网络生态': Annotation 'note1', field 'color'"),
    ("UPDATE annotations SET text = x'00' WHERE id = 'note1' AND scenario = 1",
     "Annotation 'note1', field 'text': must be text"),
    ("UPDATE entities SET size = 5 WHERE id = 'P' AND scenario = 1",
     "Entity 'P', field 'size': must be from 0.25 to 4 times the normal size (got 5)"),
    ("UPDATE entities SET size = 'big' WHERE id = 'P' AND scenario = 1", "Entity 'P', field 'size'"),
])
def test_a_bad_row_is_refused_naming_object_and_field(copy_of: Callable[[str], Path], unchanged: Any, sql: str,
                                                      sentence: str) -> None:
    path = copy_of("v3_sample.ecodesk")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute(sql)
    with unchanged(path), pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "invalid"
    assert sentence in str(info.value)


def test_a_view_position_that_is_no_number_is_damage(copy_of: Callable[[str], Path], unchanged: Any) -> None:
    path = copy_of("v3_sample.ecodesk")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("UPDATE views SET position = 'first' WHERE id = 'view3'")
    with unchanged(path), pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "damaged" and "table 'views'" in str(info.value)


def test_a_file_without_the_views_table_is_damaged(copy_of: Callable[[str], Path], unchanged: Any) -> None:
    path = copy_of("v3_sample.ecodesk")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("DROP TABLE views")
    with unchanged(path), pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "damaged" and "its table 'views' is missing" in str(info.value)


def test_views_are_read_in_position_order_not_key_order(copy_of: Callable[[str], Path]) -> None:
    path = copy_of("v3_sample.ecodesk")
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("UPDATE views SET position = -5 WHERE id = 'view3'")
    assert [v.id for v in open_project(path).views] == ["view3", "view1", "view2", "view-orphan"]
