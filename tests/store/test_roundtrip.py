"""Store: every field survives a write and a read; the file identifies itself; fixtures open."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ecodesk.model import Entity, EntityKind, Flow, Pool, Project, Scenario, Tier
from ecodesk.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    ProjectFile,
    check_project_file,
    open_project,
    write_project_atomic,
)
from ecodesk.store.schema import COLUMNS
from tests.store.conftest import build_sample_project

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_field_round_trips(sample_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "样例 project.ecodesk"
    write_project_atomic(sample_project, path)
    loaded = open_project(path)
    assert loaded.content_equals(sample_project)
    assert loaded.meta_dict() == sample_project.meta_dict()
    assert loaded.scenario_names() == ["1.0 线性供应链", "2.0 网络生态", "空情景"]
    for a, b in zip(loaded.scenarios, sample_project.scenarios, strict=True):
        assert a.to_dict() == b.to_dict()
        for name, coll in a.collections().items():  # order kept, not just content
            assert coll.ids() == b.collections()[name].ids()


def test_values_keep_their_types(sample_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "p.ecodesk"
    write_project_atomic(sample_project, path)
    s = open_project(path).scenario("1.0 线性供应链")
    s1 = s.entities["S1"]
    assert s1.revenue is None and s1.x == -123.456 and s1.y == 1e-9
    assert s.entities["S2"].revenue == 0.0 and s.entities["S2"].ecosystems == ()
    assert s.entities["P"].ecosystems == ("eco-east", "eco-bare")
    assert s.entities["P"].notes == "平台枢纽\n第二行 \"引号\" 'single' 🚚"
    assert s.entities["U1"].kind is EntityKind.USER and s.entities["U1"].demand == 12_345.5
    assert s.capabilities["C-install"].capacity is None and s.capabilities["C-data"].capacity == 50_000.0
    assert s.capabilities["C-install"].category == " Installation "
    assert s.flows["F5"].standalone_cost is None and s.flows["F6"].standalone_cost == 90_000.0
    assert s.flows["F1"].capability is None
    tier = s.pools["pool-tier"]
    assert tier.tiers == (Tier(5e5, 0.01), Tier(2e6, 0.02), Tier(None, 0.03))
    assert tier.weights == {"D1": 1e6, "S1": 3e6}
    assert s.pools["pool-reserve"].claims == {"S1": 4e6, "S2": 3e6}
    empty = s.pools["pool-empty"]
    assert empty.members == () and empty.weights == {} and empty.tiers == () and empty.name == ""


def test_file_identity_and_pragmas(sample_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "p.ecodesk"
    ProjectFile.create(sample_project, path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x45636F44
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kinds = {r[0] for r in conn.execute("SELECT type FROM sqlite_master")}
        assert kinds <= {"table", "index"}
        assert conn.execute("SELECT count(*) FROM scenarios").fetchone()[0] == 3
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COLUMNS}
        assert counts == {"ecosystems": 4, "entities": 19, "capabilities": 4, "flows": 24, "needs": 4, "pools": 9,
                          "annotations": 0}
        assert conn.execute("SELECT count(*) FROM views").fetchone()[0] == 0
        # foreign keys: a scenario's rows go with it
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM scenarios WHERE name = '2.0 网络生态'")
        assert conn.execute("SELECT count(*) FROM flows").fetchone()[0] == 11
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.ecodesk"]  # no journal, no temp file


def test_empty_project_and_project_without_scenarios(tmp_path: Path) -> None:
    for project in (Project(), Project("单情景", scenarios=[Scenario("Base")])):
        path = tmp_path / "e.ecodesk"
        write_project_atomic(project, path)
        assert open_project(path).content_equals(project)


def test_large_and_awkward_values(tmp_path: Path) -> None:
    s = Scenario("Base")
    s.add(Entity("a" * 300, "名" * 5000, notes="\x00nul and\ttabs", x=-1e15, y=5e-324, demand=999999999999999.9))
    s.add(Entity("b", x=-0.0, risk=1.0, revenue=1e-300))
    s.add(Flow("f", "a" * 300, "b", volume=123456789.123456789, unit_value=0.1 + 0.2))
    s.add(Pool("p", members=("b",), weights={"b": 1 / 3}, tiers=(Tier(None, 1.0),)))
    project = Project("x", scenarios=[s])
    path = tmp_path / "x.ecodesk"
    write_project_atomic(project, path)
    loaded = open_project(path)
    assert loaded.content_equals(project)
    assert loaded.scenario().flows["f"].unit_value == 0.1 + 0.2
    assert loaded.scenario().entities["a" * 300].notes == "\x00nul and\ttabs"


def test_v1_fixture_opens_with_its_content(unchanged: Callable[[Path], Any]) -> None:
    """tests/store/fixtures/v1_sample.ecodesk was written by schema version 1 (from the
    sample project in conftest.py without the v2 fields); its expected content is frozen in
    v1_sample.json, read with the fields versions 2 and 3 added at their defaults (two
    migrations chained)."""
    path = FIXTURES / "v1_sample.ecodesk"
    expected = v1_expected()
    with unchanged(path):
        check_project_file(path)
        project = open_project(path)
        pf = ProjectFile.open(path)
        pf.close()
    assert project.meta_dict() == expected["project"]
    assert [s.to_dict() for s in project.scenarios] == expected["scenarios"]
    assert project.views == [] and expected["views"] == []
    assert project.scenario("2.0 网络生态").flows.ids()[0] == "F13"
    assert project.scenario("1.0 线性供应链").pools["pool-tier"].tiers[-1] == Tier(None, 0.03)
    assert pf.migrated_from == 1


def v1_expected() -> dict[str, Any]:
    """v1_sample.json with the fields schema versions 2 and 3 added, at their defaults."""
    expected: dict[str, Any] = json.loads((FIXTURES / "v1_sample.json").read_text(encoding="utf-8"))
    for sc in expected["scenarios"]:
        for e in sc["entities"]:
            assert "color" not in e
            e["color"] = ""
        for f in sc["flows"]:
            assert "label" not in f
            f["label"] = ""
    return _with_v3_defaults(expected)


def v2_expected() -> dict[str, Any]:
    """v2_sample.json with what schema version 3 added at its defaults: no annotations
    (entity sizes of 1 are left out of an entity's dict), no views."""
    expected: dict[str, Any] = json.loads((FIXTURES / "v2_sample.json").read_text(encoding="utf-8"))
    return _with_v3_defaults(expected)


def _with_v3_defaults(expected: dict[str, Any]) -> dict[str, Any]:
    for sc in expected["scenarios"]:
        assert "annotations" not in sc and all("size" not in e for e in sc["entities"])
        sc["annotations"] = []
    assert "views" not in expected
    expected["views"] = []
    return expected


def v3_expected() -> dict[str, Any]:
    expected: dict[str, Any] = json.loads((FIXTURES / "v3_sample.json").read_text(encoding="utf-8"))
    return expected


def test_sample_project_still_matches_fixture(sample_project: Project) -> None:
    """The fixtures were written from conftest's sample project (v1 without the v2 fields).
    They never change; if this fails, the sample (or the model) changed — keep them in step."""
    expected = v2_expected()
    assert sample_project.meta_dict() == expected["project"]
    assert [s.to_dict() for s in sample_project.scenarios] == expected["scenarios"]
    assert sample_project.views == []
    v1 = build_sample_project(v2_fields=False)
    assert [s.to_dict() for s in v1.scenarios] == v1_expected()["scenarios"]
    v3, v3_json = build_sample_project(v3_fields=True), v3_expected()
    assert v3.meta_dict() == v3_json["project"]
    assert [s.to_dict() for s in v3.scenarios] == v3_json["scenarios"]
    assert [v.to_dict() for v in v3.views] == v3_json["views"]


def test_save_as_moves_the_file(sample_project: Project, tmp_path: Path) -> None:
    pf = ProjectFile.create(sample_project, tmp_path / "a.ecodesk")
    stats = pf.save_as(tmp_path / "b.ecodesk")
    assert stats.full_rewrite and pf.path == tmp_path / "b.ecodesk"
    s = sample_project.scenario()
    s.replace(s.entities["S1"].evolve(x=1.0))
    pf.save()
    assert open_project(tmp_path / "b.ecodesk").content_equals(sample_project)
    assert open_project(tmp_path / "a.ecodesk").scenario().entities["S1"].x == -123.456


def test_closed_file_refuses_to_save(sample_project: Project, tmp_path: Path) -> None:
    with ProjectFile.create(sample_project, tmp_path / "a.ecodesk") as pf:
        assert not pf.closed
    assert pf.closed
    with pytest.raises(ValueError, match="closed"):
        pf.save()


def test_generated_project_round_trips(generator: Any, tmp_path: Path) -> None:
    project = generator.generate_s2b2b(5, 50, 3, seed=3)
    pf = ProjectFile.create(project, tmp_path / "g.ecodesk")
    assert ProjectFile.open(pf.path).project.content_equals(project)
