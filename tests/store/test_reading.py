"""Store: the fast paths of opening a file build exactly the model the row-by-row path
builds — the same objects in the same order — and refuse bad rows with the same sentence."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from ecodesk.model import COLLECTIONS, Entity, EntityKind, Flow, FlowKind, Project, Scenario
from ecodesk.store import ProjectFile, ProjectFileError, open_project, write_project_atomic
from ecodesk.store.reading import read_project_file
from ecodesk.store.schema import COLUMNS, DECODERS, select_sql


def _raw(path: Path) -> Iterator[sqlite3.Connection]:
    return closing(sqlite3.connect(path, isolation_level=None))  # type: ignore[return-value]


def _row_by_row(path: Path) -> dict[int, dict[str, list[Any]]]:
    """Every collection of the file as DECODERS build it, one row at a time, in
    (scenario, position) order: the reference the fast paths must match."""
    out: dict[int, dict[str, list[Any]]] = {}
    with _raw(path) as conn:
        for table in COLUMNS:
            rows = sorted(conn.execute(select_sql(table)).fetchall(), key=lambda r: (r[0], r[1]))
            for r in rows:
                out.setdefault(r[0], {}).setdefault(table, []).append(DECODERS[table](r))
    return out


def _assert_same_model(project: Project, path: Path) -> None:
    expected = _row_by_row(path)
    with _raw(path) as conn:
        keys = [k for (k,) in conn.execute("SELECT id FROM scenarios ORDER BY position, id")]
    for key, scenario in zip(keys, project.scenarios, strict=True):
        for table, coll in scenario.collections().items():
            objs = list(coll)
            ref = expected.get(key, {}).get(table, [])
            assert objs == ref, table
            assert coll.ids() == [o.id for o in ref]
            for o, r in zip(objs, ref, strict=True):
                assert type(o) is type(r) is COLLECTIONS[table]
                for f in dataclasses.fields(o):
                    assert type(getattr(o, f.name)) is type(getattr(r, f.name)), (table, o.id, f.name)


@pytest.fixture
def project_file(sample_project: Project, tmp_path: Path) -> Path:
    path = tmp_path / "good.ecodesk"
    write_project_atomic(sample_project, path)
    return path


def test_open_builds_what_the_row_by_row_path_builds(project_file: Path, sample_project: Project) -> None:
    project = open_project(project_file)
    assert project.content_equals(sample_project)
    _assert_same_model(project, project_file)
    with ProjectFile.open(project_file) as pf:
        assert pf.project.content_equals(project)


def test_generated_project_matches_the_row_by_row_path(generator: Any, tmp_path: Path) -> None:
    path = tmp_path / "gen.ecodesk"
    project = generator.generate_s2b2b(8, 120, 4, seed=3)
    write_project_atomic(project, path)
    loaded = open_project(path)
    assert loaded.content_equals(project)
    _assert_same_model(loaded, path)


@pytest.mark.parametrize("scenarios", [1, 3])
def test_rows_stored_out_of_id_order_load_in_position_order(tmp_path: Path, scenarios: int) -> None:
    """SQLite returns rows by (scenario, id); positions decide the order, ties keep the id order."""
    project = Project("order")
    for n in range(scenarios):
        s = Scenario(f"S{n}")
        for i in range(40):
            s.add(Entity(f"e{(i * 17) % 40:02d}", kind=EntityKind.USER))
        for i in range(39):
            s.add(Flow(f"f{(i * 7) % 39:02d}", f"e{(i * 17) % 40:02d}", f"e{((i + 1) * 17) % 40:02d}", FlowKind.DATA))
        project.add_scenario(s)
    path = tmp_path / "order.ecodesk"
    write_project_atomic(project, path)
    loaded = open_project(path)
    assert loaded.content_equals(project)
    _assert_same_model(loaded, path)
    with _raw(path) as conn:  # two rows on one position: the id order decides, as the sort would
        conn.execute("UPDATE entities SET position = 0 WHERE id IN ('e17', 'e00')")
    _assert_same_model(open_project(path), path)


@pytest.mark.parametrize("scenarios", [1, 3])
@pytest.mark.parametrize("row", ["e00", "e39", "e17"])
def test_a_position_that_is_not_a_number_is_damage(tmp_path: Path, scenarios: int, row: str) -> None:
    project = Project("order")
    for n in range(scenarios):
        s = Scenario(f"S{n}")
        for i in range(40):
            s.add(Entity(f"e{i:02d}"))
        project.add_scenario(s)
    path = tmp_path / "pos.ecodesk"
    write_project_atomic(project, path)
    with _raw(path) as conn:
        conn.execute("UPDATE entities SET position = 'later' WHERE id = ? AND scenario = 1", (row,))
    with pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "damaged"
    assert "table 'entities' has a row whose scenario or position is not a number" in str(info.value)


def test_a_text_position_alone_in_its_scenario_still_opens(tmp_path: Path) -> None:
    """A row compared with no other row is not out of place (as before: sorting it never failed)."""
    project = Project("p", scenarios=[Scenario("A"), Scenario("B")])
    project.scenario("A").add(Entity("a"))
    project.scenario("B").add(Entity("b"))
    path = tmp_path / "one.ecodesk"
    write_project_atomic(project, path)
    with _raw(path) as conn:
        conn.execute("UPDATE entities SET position = 'x' WHERE id = 'a'")
    assert open_project(path).content_equals(project)


@pytest.mark.parametrize(
    ("values", "words"),
    [
        # a list with a mapping inside cannot even be checked: the first row that fails is named
        ({"e05": '[{"a": 1}]'}, "holds a malformed row 'e05' in table 'entities'"),
        ({"e05": '["x", {"a": 1}, "x"]'}, "holds a malformed row 'e05' in table 'entities'"),
        ({"e05": '[["x"]]', "e03": "[1]"}, "holds a malformed row 'e03' in table 'entities'"),
        # … unless an earlier list repeats an id: then each row goes through the constructor
        ({"e05": '[{"a": 1}]', "e02": '["x", "x"]'}, "Entity '{'a': 1}', field 'ecosystems'"),
        ({"e02": '["x", "x"]', "e07": '["nowhere"]'}, "Entity 'e07', field 'ecosystems': names ecosystem 'nowhere'"),
        ({"e05": "[1]"}, "Entity '1', field 'ecosystems'"),
        ({"e05": '"x"'}, "Entity 'e05', field 'ecosystems': must be a JSON list"),
        ({"e05": 7}, "Entity 'e05', field 'ecosystems': must be a JSON list"),
        ({"e05": "[", "e01": "{}"}, "Entity 'e01', field 'ecosystems': must be a JSON list"),
        ({"e05": "[", "e01": "", "e00": "-1"}, "Entity 'e00', field 'ecosystems': must be a JSON list"),
        ({"e05": "[", "e01": ""}, "Entity 'e05', field 'ecosystems': is not valid JSON"),
    ],
)
def test_entity_ecosystem_lists_are_refused_as_before(tmp_path: Path, values: dict[str, Any], words: str) -> None:
    """Distinct ecosystem texts are decoded once; what is refused, and the sentence, stay
    those of the row-by-row path (the rows before a bad one are not named instead)."""
    from ecodesk.model import Ecosystem

    s = Scenario("S")
    s.add(Ecosystem("x"))
    for i in range(10):
        s.add(Entity(f"e{i:02d}", ecosystems=("x",)))
    path = tmp_path / "eco.ecodesk"
    write_project_atomic(Project("p", scenarios=[s]), path)
    with _raw(path) as conn:
        for ident, text in values.items():
            conn.execute("UPDATE entities SET ecosystems = ? WHERE id = ?", (text, ident))
    with pytest.raises(ProjectFileError) as info:
        open_project(path)
    assert info.value.reason == "invalid"
    assert words in str(info.value)


def test_open_project_makes_no_snapshot_but_project_file_does(project_file: Path) -> None:
    loaded = read_project_file(project_file, snapshot=False)
    assert loaded is not None and loaded.saved is None
    full = read_project_file(project_file)
    assert full is not None and full.saved is not None
    assert full.project.content_equals(loaded.project)
    with _raw(project_file) as conn:
        positions = dict(conn.execute("SELECT id, position FROM flows WHERE scenario = 1").fetchall())
    first = full.saved.scenarios[0]
    assert first.positions["flows"] == positions
    assert first.order["flows"] == full.project.scenarios[0].flows.ids()
