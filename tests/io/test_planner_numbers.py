"""Importers read numbers the way planners type them (the engine's edit rules): "1万" is
10,000 in money and quantity fields of CSV tables and foreign graphs; plain numbers import
exactly as before."""

from __future__ import annotations

import json

import pytest

from ecodesk.io import export_file, import_file
from ecodesk.io.tabular import CellError, parse_cell, parse_mapping, parse_number, parse_tiers
from ecodesk.model import Entity, Flow, Project, Scenario


@pytest.mark.parametrize(("text", "field", "value"), [
    ("1万", "demand", 10_000.0), ("1.2亿", "revenue", 120_000_000.0), ("2k", "volume", 2000.0),
    ("3M", "fixed_cost", 3_000_000.0), ("1,000万", "amount", 10_000_000.0), ("1.1万", "", 11_000.0),
    ("５万", "unit_value", 50_000.0), ("1500", "x", 1500.0), ("5%", "risk", 0.05), ("5%", "", 0.05),
])
def test_cells_read_planner_magnitudes_where_the_field_allows(text, field, value):
    assert parse_number(text, field) == value


@pytest.mark.parametrize(("text", "field"), [("1万", "x"), ("1万", "risk"), ("2k", "scale_exponent"),
                                             ("1,5万", "demand"), ("万", "demand")])
def test_magnitudes_refused_where_the_field_takes_plain_numbers(text, field):
    with pytest.raises(CellError) as info:
        parse_number(text, field)
    assert repr(text) in info.value.en and repr(text) in info.value.zh


def test_mappings_tiers_and_cells_know_their_field():
    assert parse_mapping("hub=1万;farm=2k", "weights") == {"hub": 10_000.0, "farm": 2000.0}
    assert parse_tiers("1万:0.2;:15%") == [{"up_to": 10_000.0, "rate": 0.2}, {"up_to": None, "rate": 0.15}]
    with pytest.raises(CellError):
        parse_tiers("1000:1万")  # a rate is a share, not an amount
    assert parse_cell("entities", "demand", "3万") == 30_000.0
    with pytest.raises(CellError):
        parse_cell("entities", "y", "3万")


def test_a_csv_table_with_1wan_imports_as_10000(tmp_path):
    s = Scenario("Base")
    s.add(Entity("e1", name="Hub", demand=5.0))
    s.add(Entity("e2", name="Farm"))
    s.add(Flow("f1", source="e1", target="e2", volume=3.0, unit_value=2.0))
    folder = tmp_path / "tables"
    export_file(Project("P", scenarios=[s]), folder, "csv")
    entities = folder / "entities.csv"
    text = entities.read_text(encoding="utf-8-sig")
    entities.write_text(text.replace(",5,", ",1万,", 1), encoding="utf-8")
    flows = folder / "flows.csv"
    flows.write_text(flows.read_text(encoding="utf-8-sig").replace(",3,2,", ",1.5万,2k,", 1), encoding="utf-8")
    back = import_file(folder).scenario()
    assert back.entities["e1"].demand == 10_000
    assert (back.flows["f1"].volume, back.flows["f1"].unit_value) == (15_000, 2000)
    assert back.entities["e2"].demand == 0  # plain numbers as before


def test_a_foreign_graph_with_1wan_imports_as_10000(tmp_path):
    data = {
        "elements": [
            {"_id": "a", "attributes": {"label": "Hub", "demand": "1万", "x": "1万"}},
            {"_id": "b", "attributes": {"label": "Farm", "demand": "1,200"}},
        ],
        "connections": [{"_id": "c", "from": "a", "to": "b", "direction": "directed",
                         "attributes": {"volume": "2.5万", "risk": "15%"}}],
    }
    path = tmp_path / "map.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    s = import_file(path).scenario()
    assert s.entities["a"].demand == 10_000 and s.entities["b"].demand == 1200
    assert "x: 1万" in s.entities["a"].notes  # a position takes no 万: kept as a note, not guessed
    assert s.flows["c"].volume == 25_000 and s.flows["c"].risk == 0.15
