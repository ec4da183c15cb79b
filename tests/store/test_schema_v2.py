"""Store: schema version 2 (flow labels, entity colours, ranges) — a version-1 file opens migrated in
memory (through version 2 to the current one), analyses as before, is left alone on disk until saved,
and is then written in the current version; the v2 fixture opens with its labels, colours and ranges;
labels and colours are saved and tracked like every other field. Version 3: test_schema_v3.py."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from ecodesk.analysis.run import run_analysis
from ecodesk.model import Project, Scenario, ValidationError, View
from ecodesk.model.objects import COLLECTIONS, AnalysisSettings, make
from ecodesk.store import ProjectFile, ProjectFileError, check_project_file, open_project, write_project_atomic
from ecodesk.store import migrations as mig
from ecodesk.store.schema import COLUMNS, SCHEMA_VERSION
from tests.store.conftest import build_sample_project
from tests.store.test_roundtrip import FIXTURES, v1_expected


def user_version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])


def columns(path: Path, table: str) -> dict[str, Any]:
    """Column name -> default value text of ``table`` in the file at ``path``."""
    with closing(sqlite3.connect(path)) as conn:
        return {r[1]: r[4] for r in conn.execute(f"PRAGMA table_info({table})")}


def project_from_expected(expected: dict[str, Any]) -> Project:
    """The project a fixture's JSON describes, built through the model's constructors."""
    meta = dict(expected["project"])
    settings = AnalysisSettings.from_dict(meta.pop("settings"))
    project = Project(settings=settings, **meta, views=[View.from_dict(v) for v in expected.get("views", ())])
    for raw in expected["scenarios"]:
        s = Scenario(raw["name"])
        for cname, cls in COLLECTIONS.items():
            for item in raw[cname]:
                s.add(make(cls, item))
        project.add_scenario(s)
    return project


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "old.ecodesk"
    shutil.copyfile(FIXTURES / "v1_sample.ecodesk", path)
    return path


def test_the_fixtures_have_the_versions_they_are_named_for() -> None:
    assert SCHEMA_VERSION == 3
    assert user_version(FIXTURES / "v1_sample.ecodesk") == 1
    assert user_version(FIXTURES / "v2_sample.ecodesk") == 2
    assert user_version(FIXTURES / "v3_sample.ecodesk") == 3
    assert "label" not in columns(FIXTURES / "v1_sample.ecodesk", "flows")
    assert "color" not in columns(FIXTURES / "v1_sample.ecodesk", "entities")
    for table in ("entities", "capabilities", "flows", "needs", "pools"):
        assert "ranges" not in columns(FIXTURES / "v1_sample.ecodesk", table)
        assert columns(FIXTURES / "v2_sample.ecodesk", table)["ranges"] == "'{}'"
    assert mig.MIGRATIONS[1] is mig.migrate_v1_to_v2 and mig.MIGRATIONS[2] is mig.migrate_v2_to_v3


def test_v1_file_opens_migrated_with_empty_labels_and_colours(v1_copy: Path, unchanged: Any) -> None:
    with unchanged(v1_copy):
        check_project_file(v1_copy)
        project = open_project(v1_copy)
        pf = ProjectFile.open(v1_copy)
        assert pf.migrated_from == 1
        assert pf.has_unsaved_changes()  # the next save writes the file in the current format
        pf.close()
    flows = [f for s in project.scenarios for f in s.flows]
    entities = [e for s in project.scenarios for e in s.entities]
    assert len(flows) == 24 and len(entities) == 19
    assert {f.label for f in flows} == {""} and {e.color for e in entities} == {""}
    assert all(o.ranges == {} for s in project.scenarios for name in ("entities", "capabilities", "flows", "needs",
                                                                         "pools") for o in getattr(s, name))
    assert project.content_equals(project_from_expected(v1_expected()))
    assert user_version(v1_copy) == 1 and "label" not in columns(v1_copy, "flows")  # the file on disk as it was


def test_migrated_v1_file_analyses_like_the_v1_model(v1_copy: Path) -> None:
    """The analysis of the migrated file equals the analysis of the model the v1 JSON holds."""
    project = open_project(v1_copy)
    reference = project_from_expected(v1_expected())
    assert project.settings == reference.settings
    for name in ("1.0 线性供应链", "2.0 网络生态"):
        got = run_analysis(project.scenario(name), project.settings).to_json()
        want = run_analysis(reference.scenario(name), reference.settings).to_json()
        assert got == want
        assert got["kpis"]["flow_count"] > 10 and got["resilience"]  # a real model, not two empty results


def test_saving_a_migrated_v1_file_writes_the_current_version(v1_copy: Path) -> None:
    pf = ProjectFile.open(v1_copy)
    s = pf.project.scenario("2.0 网络生态")
    s.replace(s.flows["F13"].evolve(label="安装服务 · 月结"))
    s.replace(s.entities["D2"].evolve(color="#2ca02c"))
    stats = pf.save()
    assert stats.full_rewrite and pf.migrated_from is None
    assert user_version(v1_copy) == SCHEMA_VERSION == 3
    assert columns(v1_copy, "flows")["label"] == "''" and columns(v1_copy, "entities")["color"] == "''"
    back = open_project(v1_copy)
    assert back.content_equals(pf.project)
    assert back.scenario("2.0 网络生态").flows["F13"].label == "安装服务 · 月结"
    assert back.scenario("2.0 网络生态").entities["D2"].color == "#2ca02c"
    pf.close()


def test_v2_fixture_opens_with_its_labels_and_colours(unchanged: Any) -> None:
    path = FIXTURES / "v2_sample.ecodesk"
    with unchanged(path):
        check_project_file(path)
        project = open_project(path)
        pf = ProjectFile.open(path)
        assert pf.migrated_from == 2
        pf.close()
    assert project.content_equals(build_sample_project())
    base, network = project.scenario("1.0 线性供应链"), project.scenario("2.0 网络生态")
    assert base.flows["F1"].label == "月度结算 · 主力冰箱"
    assert base.flows["F6"].label == '=HYPERLINK("x")\t第二行'
    assert network.flows["F13"].label == "PUT /documents"
    assert (base.entities["P"].color, base.entities["U1"].color, base.entities["S1"].color) == ("#ff9900", "#1f77b4", "")


def test_v2_fixture_opens_with_its_ranges() -> None:
    base = open_project(FIXTURES / "v2_sample.ecodesk").scenario("1.0 线性供应链")
    assert base.entities["P"].ranges == {"revenue": (1e10, 1.5e10), "risk": (0.0, 0.05)}
    assert base.entities["U1"].ranges == {"demand": (12_345.5, 20_000.0)}
    assert base.capabilities["C-data"].ranges == {"fixed_cost": (6e6, 1.1e7), "capacity": (4e4, 5e4)}
    assert base.flows["F1"].ranges == {"volume": (16_000.0, 24_000.0), "risk": (0.01, 0.1)}
    assert base.flows["F6"].ranges == {"unit_value": (3.5, 4.5), "standalone_cost": (70_000.0, 1.2e5)}
    assert base.needs["N1"].ranges == {"volume": (100.0, 150.5), "standalone_cost": (6e4, 1e5)}
    assert base.pools["pool-cost"].ranges == {"amount": (2.5e6, 4e6), "scale_exponent": (0.7, 1.0)}
    assert base.flows["F2"].ranges == {} and base.pools["pool-tier"].ranges == {}
    with closing(sqlite3.connect(FIXTURES / "v2_sample.ecodesk")) as conn:  # stored as JSON text
        assert conn.execute("SELECT ranges FROM flows WHERE id = 'F1' AND scenario = 1").fetchone() == (
            '{"volume":[16000.0,24000.0],"risk":[0.01,0.1]}',)
        assert conn.execute("SELECT ranges FROM flows WHERE id = 'F2' AND scenario = 1").fetchone() == ("{}",)


@pytest.mark.parametrize(("text", "sentence"), [
    ('{"volume":[25000,30000]}', "Flow 'F1', field 'ranges[volume]': the low end 25000 is above the value 20000"),
    ('{"x":[0,1]}', "Flow 'F1', field 'ranges': 'x' cannot carry a range (only volume, unit_value, risk, "
                    "standalone_cost can)"),
    ("[1, 2]", "Flow 'F1', field 'ranges': must be a JSON dict"),
    ("{oops", "Flow 'F1', field 'ranges': is not valid JSON"),
])
def test_a_bad_range_in_a_file_is_refused_naming_object_and_field(tmp_path: Path, unchanged: Any, text: str,
                                                                   sentence: str) -> None:
    path = tmp_path / "bad.ecodesk"
    write_project_atomic(build_sample_project(), path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("UPDATE flows SET ranges = ? WHERE id = 'F1'", (text,))
    with unchanged(path), pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "invalid"
    assert sentence in str(info.value)


def test_a_bad_colour_in_a_file_is_refused_naming_entity_and_field(tmp_path: Path, unchanged: Any) -> None:
    path = tmp_path / "bad.ecodesk"
    write_project_atomic(build_sample_project(), path)
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("UPDATE entities SET color = 'orange' WHERE id = 'S1'")
    with unchanged(path), pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "invalid"
    assert "Entity 'S1', field 'color': 'orange' is not a colour" in str(info.value)


def test_migration_adds_the_columns_with_their_defaults() -> None:
    with closing(sqlite3.connect(":memory:", isolation_level=None)) as conn:
        for table in ("flows", "entities", "capabilities", "needs", "pools"):
            conn.execute(f"CREATE TABLE {table} (id TEXT NOT NULL)")
            conn.execute(f"INSERT INTO {table} VALUES ('{table[0]}1')")
        mig.migrate_v1_to_v2(conn)
        assert conn.execute("SELECT id, label FROM flows").fetchall() == [("f1", "")]
        assert conn.execute("SELECT id, color FROM entities").fetchall() == [("e1", "")]
        for table in ("flows", "entities", "capabilities", "needs", "pools"):
            assert conn.execute(f"SELECT id, ranges FROM {table}").fetchall() == [(f"{table[0]}1", "{}")]
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO needs (id, ranges) VALUES ('n2', NULL)")
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO flows (id, label) VALUES ('f2', NULL)")


@pytest.mark.parametrize(("table", "change"), [
    ("flows", lambda s: s.flows["F3"].evolve(label="周结 weekly")),
    ("entities", lambda s: s.entities["D1"].evolve(color="#d62728")),
])
def test_a_label_or_colour_change_is_saved_incrementally(tmp_path: Path, table: str, change: Any) -> None:
    pf = ProjectFile.create(build_sample_project(), tmp_path / "p.ecodesk")
    s = pf.project.scenario()
    new = change(s)
    s.replace(new)
    assert pf.has_unsaved_changes()
    stats = pf.save()
    assert (stats.rows_written, stats.rows_deleted, stats.full_rewrite) == (1, 0, False)
    back = open_project(pf.path)
    assert back.content_equals(pf.project)
    field = "label" if table == "flows" else "color"
    assert getattr(back.scenario().collections()[table][new.id], field) == getattr(new, field) != ""
    pf.close()


def test_long_label_is_refused_by_the_model() -> None:
    s = build_sample_project().scenario()
    with pytest.raises(ValidationError) as info:
        s.flows["F1"].evolve(label="长" * 10_001)
    assert (info.value.what, info.value.obj_id, info.value.field) == ("flow", "F1", "label")
    assert set(COLUMNS["flows"]) >= {"label"} and set(COLUMNS["entities"]) >= {"color"}
