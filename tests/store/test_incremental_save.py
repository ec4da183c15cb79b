"""Store: ProjectFile.save writes only what changed, in one transaction, and the file then
holds exactly the in-memory project — after targeted edits and after random ones."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.model import Annotation, Entity, EntityKind, Flow, FlowKind, Need, Pool, Project, Scenario, View
from ecodesk.store import ProjectFile, ProjectFileError, open_project, write_project_atomic
from ecodesk.store.schema import COLUMNS
from ecodesk.store.snapshot import plan_positions


def rows(path: Path) -> dict[str, set[tuple[Any, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        return {t: set(conn.execute(f"SELECT * FROM {t}")) for t in ("project", "scenarios", *COLUMNS)}


def changed_rows(before: dict[str, set[Any]], after: dict[str, set[Any]]) -> int:
    return sum(len(before[t] ^ after[t]) for t in before if t != "project")


def reopened_equals(pf: ProjectFile) -> bool:
    back = open_project(pf.path)
    return back.content_equals(pf.project) and back.views == pf.project.views


@pytest.fixture
def pf(small_project: Project, tmp_path: Path) -> ProjectFile:
    return ProjectFile.create(small_project, tmp_path / "p.ecodesk")


def test_moving_one_entity_writes_one_row(pf: ProjectFile) -> None:
    s = pf.project.scenario()
    before = rows(pf.path)
    e = s.entities.at(10)
    s.replace(e.evolve(x=e.x + 25.0, y=e.y - 5.0))
    assert pf.has_unsaved_changes()
    stats = pf.save()
    assert not pf.has_unsaved_changes()
    assert (stats.rows_written, stats.rows_deleted, stats.full_rewrite) == (1, 0, False)
    assert stats.db_changes == 2  # the entity row + the project's save counter, as SQLite counts them
    after = rows(pf.path)
    assert changed_rows(before, after) == 2  # one row out, its new version in
    assert reopened_equals(pf)


def test_saving_nothing_writes_nothing_but_the_counter(pf: ProjectFile) -> None:
    assert not pf.has_unsaved_changes()
    stats = pf.save()
    assert (stats.rows_written, stats.rows_deleted, stats.db_changes) == (0, 0, 1)


@pytest.mark.parametrize(
    "edit", ["append", "insert_first", "insert_middle", "remove", "move_last_to_first", "flow_volume", "replace_equal",
             "flow_range", "entity_range"]
)
def test_single_edits_touch_one_row(pf: ProjectFile, edit: str) -> None:
    s = pf.project.scenario()
    before = rows(pf.path)
    if edit == "append":
        s.add(Entity("NEW", "新经销商", EntityKind.CHANNEL))
    elif edit == "insert_first":
        s.add(Entity("NEW", "新经销商", EntityKind.CHANNEL), index=0)
    elif edit == "insert_middle":
        s.add(Entity("NEW", "新经销商", EntityKind.CHANNEL), index=len(s.entities) // 2)
    elif edit == "remove":
        s.remove(s.flows.at(3).id, Flow)
    elif edit == "move_last_to_first":
        last = s.flows.at(len(s.flows) - 1)
        s.remove(last.id, Flow)
        s.add(last, index=0)
    elif edit == "flow_volume":
        f = s.flows.at(7)
        s.replace(f.evolve(volume=f.volume + 1))
    elif edit == "flow_range":
        f = s.flows.at(7)
        s.replace(f.evolve(ranges={"volume": (f.volume * 0.8, f.volume * 1.25), "risk": (0.0, 1.0)}))
    elif edit == "entity_range":
        e = s.entities.at(2)
        s.replace(e.evolve(ranges={"demand": (e.demand / 2, e.demand * 2)}))
    elif edit == "replace_equal":  # a new but equal object: nothing to write
        e = s.entities.at(0)
        s.replace(e.evolve(name=e.name + "x"))
        s.replace(e)
    stats = pf.save()
    expected = 0 if edit == "replace_equal" else 1
    assert stats.rows_written + stats.rows_deleted == expected
    assert stats.db_changes == expected + 1
    # rows that differ in the file: a changed row counts twice (old version out, new in)
    differing = {
        "append": 1,
        "insert_first": 1,
        "insert_middle": 1,
        "remove": 1,
        "move_last_to_first": 2,
        "flow_volume": 2,
        "replace_equal": 0,
        "flow_range": 2,
        "entity_range": 2,
    }[edit]
    assert changed_rows(before, rows(pf.path)) == differing
    assert reopened_equals(pf)


def test_many_inserts_at_one_place_renumber_only_when_needed(pf: ProjectFile) -> None:
    s = pf.project.scenario()
    for n in range(12):  # each save squeezes one more row between the same two neighbours
        s.add(Need(f"NX{n}", s.entities.at(1).id, "installation", 1, 1), index=1)
        pf.save()
        assert reopened_equals(pf)


def test_scenario_add_rename_reorder_remove(pf: ProjectFile) -> None:
    project = pf.project
    base = project.scenario()
    project.add_scenario(base.copy("方案 B"), index=0)
    pf.save()
    assert reopened_equals(pf)
    a = base.name
    project.rename_scenario("方案 B", "tmp")  # swap the two names
    project.rename_scenario(a, "方案 B")
    project.rename_scenario("tmp", a)
    assert base.name == "方案 B"
    stats = pf.save()
    assert stats.rows_written == 2 and stats.rows_deleted == 0
    assert reopened_equals(pf)
    moved, _ = project.remove_scenario(project.scenario_names()[0])
    project.add_scenario(moved)  # reorder: first to last
    stats = pf.save()
    assert stats.rows_written == 2 and stats.db_changes == 3
    assert reopened_equals(pf)
    third = Scenario("空")
    project.add_scenario(third, index=1)
    pf.save()
    project.remove_scenario(project.scenario_names()[0])
    stats = pf.save()
    assert stats.rows_deleted == 1
    assert reopened_equals(pf)
    assert open_project(pf.path).scenario_names() == project.scenario_names()


def test_removed_scenario_replaced_by_a_new_one_of_the_same_name(pf: ProjectFile) -> None:
    project = pf.project
    name = project.scenario().name
    project.add_scenario(Scenario("其他"))
    project.remove_scenario(name)
    project.add_scenario(Scenario(name), index=0)
    pf.save()
    assert reopened_equals(pf)


def test_meta_and_settings_are_saved(pf: ProjectFile) -> None:
    pf.project.set_meta(name="新名字", notes="备注", language="en", settings={"seed": 42, "trials": 99})
    stats = pf.save()
    assert stats.rows_written == 1
    loaded = open_project(pf.path)
    assert loaded.name == "新名字" and loaded.settings.seed == 42 and loaded.settings.trials == 99
    assert reopened_equals(pf)


def test_edits_the_tracker_cannot_see_are_still_saved(pf: ProjectFile) -> None:
    """Blocked signals or a bulk load leave the change log short of the scenario's revision
    count: the save must notice and compare the collections whole."""
    s = pf.project.scenario()
    e = s.entities.at(3)
    with s.entities.changed.blocked():
        s.replace(e.evolve(name="悄悄改名"))
    stats = pf.save()
    assert stats.rows_written == 1
    assert open_project(pf.path).scenario().entities[e.id].name == "悄悄改名"
    empty = Scenario("后装")
    pf.project.add_scenario(empty)
    pf.save()
    empty.bulk_load({"entities": [Entity("A"), Entity("B")], "flows": [Flow("f", "A", "B", FlowKind.DATA)]})
    stats = pf.save()
    assert stats.rows_written == 3
    assert reopened_equals(pf)


def test_replacing_the_project_object_rewrites_scenarios(pf: ProjectFile, sample_project: Project) -> None:
    pf.project = sample_project
    pf.save()
    assert reopened_equals(pf)


def test_file_deleted_behind_our_back(pf: ProjectFile, tmp_path: Path) -> None:
    s = pf.project.scenario()
    s.replace(s.entities.at(0).evolve(name="未保存的修改"))
    pf.path.unlink()
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    assert info.value.reason == "missing" and "Save As" in str(info.value)
    assert not pf.path.exists()  # not silently recreated empty
    assert s.entities.at(0).name == "未保存的修改"  # the in-memory project is untouched
    pf.save_as(tmp_path / "rescued.ecodesk")
    assert reopened_equals(pf)


def test_file_replaced_by_another_project(pf: ProjectFile, sample_project: Project) -> None:
    write_project_atomic(sample_project, pf.path)
    s = pf.project.scenario()
    s.replace(s.entities.at(0).evolve(name="x"))
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    assert info.value.reason == "changed_on_disk"
    assert open_project(pf.path).content_equals(sample_project)


def test_file_saved_by_another_instance(pf: ProjectFile) -> None:
    other = ProjectFile.open(pf.path)
    other.project.set_meta(notes="另一个窗口")
    other.save()
    pf.project.set_meta(notes="这个窗口")
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    assert info.value.reason == "changed_on_disk"


def test_failure_mid_save_rolls_back_and_keeps_the_base(pf: ProjectFile, monkeypatch: pytest.MonkeyPatch) -> None:
    import ecodesk.store.writing as writing

    s = pf.project.scenario()
    before = rows(pf.path)
    s.remove(s.flows.at(0).id, Flow)
    s.replace(s.entities.at(2).evolve(name="改过"))
    real = writing._diff_scenario

    def fail_after_writing(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)  # rows are written inside the transaction …
        raise sqlite3.OperationalError("disk I/O error")  # … then the disk fails

    monkeypatch.setattr(writing, "_diff_scenario", fail_after_writing)
    with pytest.raises(ProjectFileError) as info:
        pf.save()
    assert info.value.reason == "write_failed" and "last saved content" in str(info.value)
    assert rows(pf.path) == before
    monkeypatch.undo()
    pf.save()  # the retry still knows what to write
    assert reopened_equals(pf)


@pytest.mark.parametrize("order", [[], ["a"], ["b", "a"], ["c", "a", "b"], ["x", "a", "y", "b", "z"]])
def test_plan_positions_examples(order: list[str]) -> None:
    old = {"a": 0, "b": 1024, "c": 2048}
    new = plan_positions(order, old)
    assert list(new) == order
    values = [new[k] for k in order]
    assert values == sorted(set(values))


def _lis_length(values: list[int]) -> int:
    best = [1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i]:
                best[i] = max(best[i], best[j] + 1)
    return max(best, default=0)


@given(
    st.lists(st.integers(0, 30), unique=True), st.lists(st.integers(0, 40), unique=True), st.sampled_from([1, 2, 1024])
)
def test_plan_positions_increase_and_keep_most(old_ids: list[int], new_ids: list[int], gap: int) -> None:
    old = {f"k{n}": i * gap for i, n in enumerate(old_ids)}
    order = [f"k{n}" for n in new_ids]
    new = plan_positions(order, old)
    values = [new[k] for k in order]
    assert list(new) == order and all(a < b for a, b in pairwise(values))
    kept = sum(1 for k in order if k in old and new[k] == old[k])
    renumbered = values == [i * 1024 for i in range(len(order))]
    # either a longest run of survivors kept their rows' positions, or there was no room
    assert kept == _lis_length([old[k] for k in order if k in old]) or renumbered


OPS = (
    "move",
    "edit_flow",
    "add_entity",
    "insert_entity",
    "remove_flow",
    "reorder_flow",
    "add_scenario",
    "remove_scenario",
    "rename_scenario",
    "reorder_scenarios",
    "meta",
    "blocked",
    "add_pool",
    "remove_entity",
    "range",
    "size",
    "add_note",
    "edit_note",
    "remove_note",
    "add_view",
    "edit_view",
    "move_view",
    "remove_view",
    "save",
)


def _apply(project: Project, op: str, n: int, counter: list[int]) -> None:
    scenarios = project.scenarios
    s = scenarios[n % len(scenarios)]
    counter[0] += 1
    uid = f"X{counter[0]}"
    if op == "move" and len(s.entities):
        e = s.entities.at(n % len(s.entities))
        s.replace(e.evolve(x=e.x + n % 97, y=-e.y))
    elif op == "edit_flow" and len(s.flows):
        f = s.flows.at(n % len(s.flows))
        s.replace(f.evolve(volume=f.volume + 1, notes=f"改 {n}"))
    elif op == "add_entity":
        s.add(Entity(uid, f"新{uid}", EntityKind.USER, demand=n % 50))
    elif op == "insert_entity":
        s.add(Entity(uid, f"插{uid}", risk=(n % 10) / 10), index=n % (len(s.entities) + 1))
    elif op == "remove_flow" and len(s.flows):
        s.remove(s.flows.at(n % len(s.flows)).id, Flow)
    elif op == "reorder_flow" and len(s.flows):
        f = s.flows.at(n % len(s.flows))
        s.remove(f.id, Flow)
        s.add(f, index=(n // 7) % (len(s.flows) + 1))
    elif op == "add_scenario":
        project.add_scenario(s.copy(f"情景{uid}"), index=n % (len(scenarios) + 1))
    elif op == "remove_scenario" and len(scenarios) > 1:
        project.remove_scenario(s.name)
    elif op == "rename_scenario":
        project.rename_scenario(s.name, f"改名{uid}")
    elif op == "reorder_scenarios" and len(scenarios) > 1:
        project.remove_scenario(s.name)
        project.add_scenario(s, index=(n // 3) % len(scenarios))
    elif op == "meta":
        project.set_meta(notes=f"备注 {n}", settings={"seed": n % 1000})
    elif op == "blocked" and len(s.entities):
        e = s.entities.at(n % len(s.entities))
        with s.entities.changed.blocked():
            s.replace(e.evolve(industry=f"行业{n}"))
    elif op == "add_pool" and len(s.entities) >= 2:
        members = (s.entities.at(0).id, s.entities.at(n % len(s.entities)).id)
        s.add(Pool(uid, members=members, weights={members[0]: float(n % 9)}), index=0)
    elif op == "range" and len(s.flows):  # set, change or remove a flow's range
        f = s.flows.at(n % len(s.flows))
        s.replace(f.evolve(ranges={} if n % 3 == 0 else {"volume": (f.volume * (n % 10) / 10, f.volume + n % 7)}))
    elif op == "remove_entity":
        added = [e.id for e in s.entities if e.id.startswith("X") and not s.dependents(e) and not s.referrers(e)]
        if added:
            s.remove(added[n % len(added)], Entity)
    else:
        _apply_workshop(project, s, op, n, uid)


def _apply_workshop(project: Project, s: Scenario, op: str, n: int, uid: str) -> None:
    """Schema v3 edits: entity sizes, annotations, views (project level, any scenario name)."""
    views = project.views
    if op == "size" and len(s.entities):
        e = s.entities.at(n % len(s.entities))
        s.replace(e.evolve(size=0.25 + (n % 16) / 4))
    elif op == "add_note":
        s.add(Annotation(uid, f"便签 {n}" if n % 3 else "", n % 500, -(n % 300), 50 + n % 200, 40, "#ffee00"),
              index=n % (len(s.annotations) + 1))
    elif op == "edit_note" and len(s.annotations):
        a = s.annotations.at(n % len(s.annotations))
        s.replace(a.evolve(text=a.text + "改", x=a.x + 1, color="" if n % 2 else "#112233"))
    elif op == "remove_note" and len(s.annotations):
        s.remove(s.annotations.at(n % len(s.annotations)).id, Annotation)
    elif op == "add_view":
        name = s.name if n % 4 else f"gone {n}"  # now and then a view of a missing scenario
        project.add_view(View(uid, f"页 {uid}", name, (n % 100, 0, 800 + n % 9, 600), hidden_kinds=("money",) * (n % 2)),
                         n % (len(views) + 1))
    elif op == "edit_view" and views:
        v = views[n % len(views)]
        project.replace_view(v.evolve(title=v.title + "+", color_mode=("kind", "criticality")[n % 2],
                                      panel=(None, "cost")[n % 2]))
    elif op == "move_view" and views:
        project.move_view(views[n % len(views)].id, (n // 5) % len(views))
    elif op == "remove_view" and views:
        project.remove_view(views[n % len(views)].id)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 10**6)), min_size=1, max_size=30))
def test_random_edits_then_reopen_equals(generator: Any, ops: list[tuple[str, int]]) -> None:
    project = generator.generate_s2b2b(3, 12, 2, seed=5)
    with tempfile.TemporaryDirectory() as folder:
        pf = ProjectFile.create(project, Path(folder) / "r.ecodesk")
        counter = [0]
        for op, n in ops:
            if op == "save":
                pf.save()
                assert reopened_equals(pf)
                assert not pf.has_unsaved_changes()
            else:
                _apply(project, op, n, counter)
        pf.save()
        assert reopened_equals(pf)
        assert sorted(p.name for p in Path(folder).iterdir()) == ["r.ecodesk"]


def test_range_edits_and_their_undo_are_saved_incrementally(pf: ProjectFile) -> None:
    from ecodesk.commands import History
    from ecodesk.commands.editrules import range_command

    s = pf.project.scenario()
    f = s.flows.at(5)
    h = History()
    h.push(range_command(s, f, "volume", f.volume * 0.9, f.volume * 1.1))
    stats = pf.save()
    assert (stats.rows_written, stats.rows_deleted, stats.full_rewrite) == (1, 0, False)
    assert open_project(pf.path).scenario().flows[f.id].ranges == {"volume": (f.volume * 0.9, f.volume * 1.1)}
    h.undo()
    assert pf.save().rows_written == 1
    assert open_project(pf.path).scenario().flows[f.id].ranges == {}
    assert reopened_equals(pf)
