"""CSV tables carry ranges (SPEC §3.7) in a ``ranges`` column: ``volume=80..120;risk=0.05..0.2``,
ends read like numbers of their field (``8万``, ``5%``); a bad range is refused naming file, row
and column, and nothing is imported."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from ecodesk.io import FormatError, export_file, import_file
from ecodesk.model import Entity, Flow, Project, Scenario


def _project() -> Project:
    s = Scenario("Base")
    s.add(Entity("a", demand=10.0, risk=0.1, ranges={"demand": (5, 20), "risk": (0.05, 0.2)}))
    s.add(Entity("b", revenue=0.1 + 0.2, ranges={"revenue": (0.1, 0.30000000000000004)}))
    s.add(Flow("f", "a", "b", volume=1e6, ranges={"volume": (8e5, 1.2e6)}))
    s.add(Flow("g", "b", "a"))
    return Project("p", scenarios=[s])


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_the_ranges_column_in_text_form_round_trips_exactly(tmp_path):
    project = _project()
    export_file(project, tmp_path / "out", "csv")
    entities = _rows(tmp_path / "out" / "entities.csv")
    assert entities[0][-1] == "ranges"
    assert [r[-1] for r in entities[1:]] == ["demand=5..20;risk=0.05..0.2", "revenue=0.1..0.30000000000000004"]
    assert [r[-1] for r in _rows(tmp_path / "out" / "flows.csv")[1:]] == ["volume=800000..1200000", ""]
    assert _rows(tmp_path / "out" / "needs.csv")[0][-1] == "ranges"
    assert import_file(tmp_path / "out").content_equals(project)


def test_ranges_typed_by_planners(tmp_path):
    folder = tmp_path / "typed"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        "id,demand,risk,ranges\na,10万,15%,\"demand=8万..12万；risk=5%~20%\"\nb,3,0,\"{\"\"demand\"\": [1, 4]}\"\n"
        "c,1,0, \n", encoding="utf-8")
    s = import_file(folder).scenario()
    assert s.entities["a"].ranges == {"demand": (8e4, 1.2e5), "risk": (0.05, 0.2)}
    assert s.entities["b"].ranges == {"demand": (1.0, 4.0)} and s.entities["c"].ranges == {}


@pytest.mark.parametrize(("cell", "en", "zh"), [
    ("demand=8..12", "entities.csv: row 2: Entity 'a', field 'ranges[demand]': the low end 8 is above the value 5.",
     "entities.csv: 第 2 行：主体 'a' 的字段 ranges[demand]：下限 8 高于数值 5。"),
    ("demand 1..9", "entities.csv: row 2, column 'ranges': 'demand 1..9' is not field=low..high "
                    "(e.g. volume=80..120;risk=0.05..0.2).",
     "entities.csv: 第 2 行，列 'ranges'：“demand 1..9”不是 字段=下限..上限 的形式（如 volume=80..120;risk=0.05..0.2）。"),
    ("demand=1..lots", "entities.csv: row 2, column 'ranges': 'lots' is not a number.",
     "entities.csv: 第 2 行，列 'ranges'：'lots' 不是数字。"),
    ("x=1..9", "entities.csv: row 2: Entity 'a', field 'ranges': 'x' cannot carry a range "
               "(only demand, risk, revenue can).",
     "entities.csv: 第 2 行：主体 'a' 的字段 ranges：'x' 不能设定范围（只有 demand, risk, revenue 可以）。"),
    ("risk=0..2", "entities.csv: row 2: Entity 'a', field 'ranges[risk]': the high end 2 is outside [0, 1].",
     "entities.csv: 第 2 行：主体 'a' 的字段 ranges[risk]：上限 2 不在 [0, 1] 之内。"),
    ("demand=1..9;demand=2..8", "entities.csv: row 2, column 'ranges': 'demand' appears twice.",
     "entities.csv: 第 2 行，列 'ranges'：'demand' 出现了两次。"),
])
def test_a_bad_range_names_file_row_and_column_and_nothing_is_imported(tmp_path, cell, en, zh):
    folder = tmp_path / "bad"
    folder.mkdir()
    with open(folder / "entities.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "demand", "ranges"], ["a", "5", cell], ["b", "1", ""]])
    with pytest.raises(FormatError) as info:
        import_file(folder)
    assert info.value.sentences("en") == [en]
    assert info.value.sentences("zh") == [zh]
