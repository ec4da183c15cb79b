"""Cell conventions shared by CSV, GraphML, GEXF and Kumu: exact both ways, friendly on input."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodesk.io.tabular import (
    FIELDS,
    OMIT,
    CellError,
    format_cell,
    format_list,
    format_mapping,
    format_number,
    parse_cell,
    parse_list,
    parse_mapping,
    parse_number,
    parse_tiers,
)
from ecodesk.model import Tier


@pytest.mark.parametrize(("text", "value"), [
    ("1500", 1500.0), (" 0.05 ", 0.05), ("2.5e6", 2.5e6), ("-3", -3.0), (".5", 0.5), ("1,000,000", 1e6),
    ("1,234.5", 1234.5), ("5%", 0.05), ("１２．５", 12.5), ("+7", 7.0),
])
def test_numbers_read(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1,5", "12,34", "abc", "nan", "inf", "1_000", "1e999", "", "1.2.3", "0x10"])
def test_numbers_refused_with_the_text_quoted(text):
    with pytest.raises(CellError) as info:
        parse_number(text)
    assert repr(text.strip()) in info.value.en and repr(text.strip()) in info.value.zh


@given(st.floats(allow_nan=False, allow_infinity=False))
@settings(max_examples=300, deadline=None)
def test_numbers_round_trip_exactly(value):
    assert parse_number(format_number(value)) == value


def test_number_text_is_short():
    assert [format_number(v) for v in (1500.0, 0.1, 0.0, -0.0, 1e20, None)] == ["1500", "0.1", "0", "0", "1e+20", ""]


def test_lists_mappings_tiers_planner_form_and_json():
    assert format_list(["car", "家居"]) == "car;家居"
    assert format_list(["a;b", "c"]) == '["a;b", "c"]'  # a separator inside an id: JSON keeps it exact
    assert format_list([" padded"]) == '[" padded"]'
    assert parse_list("car; 家居；med") == ["car", "家居", "med"]
    assert parse_list('["a;b", "c"]') == ["a;b", "c"]
    assert format_mapping({"hub": 2.0, "渠道": 1.5}) == "hub=2;渠道=1.5"
    assert format_mapping({"a=b": 1.0}) == '{"a=b": 1.0}'
    assert parse_mapping("hub=2; 渠道：1.5") == {"hub": 2.0, "渠道": 1.5}
    assert parse_mapping('{"a=b": 1}') == {"a=b": 1}
    assert format_cell("pools", "tiers", (Tier(1_000_000, 0.2), Tier(None, 0.15))) == "1000000:0.2;:0.15"
    assert parse_tiers("1000000:0.2;:0.15") == [{"up_to": 1e6, "rate": 0.2}, {"up_to": None, "rate": 0.15}]
    assert parse_tiers("1,000,000：20%; ∞ : 15%") == [{"up_to": 1e6, "rate": 0.2}, {"up_to": None, "rate": 0.15}]
    assert parse_tiers('[{"up_to": 5, "rate": 0.1}, [null, 0.2]]') == [{"up_to": 5, "rate": 0.1},
                                                                        {"up_to": None, "rate": 0.2}]


@pytest.mark.parametrize(("fn", "text", "phrase"), [
    (parse_mapping, "hub 2", "id=number"), (parse_mapping, "a=1;a=2", "twice"), (parse_mapping, "a=x", "'x'"),
    (parse_tiers, "100", "up_to:rate"), (parse_tiers, "x:0.1", "'x'"), (parse_list, "[1, 2]", "ids"),
    (parse_list, "[oops", "JSON"), (parse_mapping, "{NaN}", "JSON"),
])
def test_structured_cells_refused(fn, text, phrase):
    with pytest.raises(CellError, match=phrase):
        fn(text)


def test_empty_cells_mean_default_and_kinds_accept_labels():
    assert parse_cell("entities", "revenue", "  ") is OMIT
    assert parse_cell("entities", "name", "") is OMIT
    assert parse_cell("entities", "name", "  甲 ") == "  甲 "  # text is kept exactly
    assert parse_cell("entities", "kind", " Platform ") == "platform"
    assert parse_cell("entities", "kind", "供应商") == "supplier"
    assert parse_cell("flows", "kind", "Finance / credit") == "credit"
    assert parse_cell("pools", "rule", "保底+分成") == "floor_share"
    assert parse_cell("entities", "kind", "alien") == "alien"  # the model refuses it, naming the allowed kinds


def test_every_model_field_has_a_cell_type():
    assert set(FIELDS) == {"ecosystems", "entities", "capabilities", "flows", "needs", "pools", "annotations"}
    assert FIELDS["annotations"] == {"id": "id", "text": "text", "x": "number", "y": "number", "width": "number",
                                     "height": "number", "color": "text"}
    assert FIELDS["entities"]["size"] == "number"
    assert FIELDS["pools"]["tiers"] == "tiers" and FIELDS["entities"]["ecosystems"] == "ids"
    assert FIELDS["flows"]["standalone_cost"] == "number" and FIELDS["flows"]["capability"] == "id"
    assert math.isclose(parse_number("1e-7"), 1e-7)


def test_a_row_without_id_is_not_named_by_its_placeholder_id():
    from ecodesk.io.errors import FormatError
    from ecodesk.io.tabular import Place, Row, build_scenario

    problems: list = []
    rows = {"entities": [Row(Place("e.csv", "row 2", "第 2 行"), {"id": "a"})],
            "flows": [Row(Place("f.csv", "row 2", "第 2 行"), {"source": "a", "target": "a"})]}
    assert build_scenario("Base", rows, problems) is None
    assert FormatError("f.csv", problems).problems == [
        "f.csv: row 2: Flow, field 'target': a flow cannot go from 'a' to itself."]
