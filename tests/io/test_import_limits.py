"""Importers on hostile files: numbers of hundreds of digits and deep nesting give one sentence
naming the limit (never OverflowError or RecursionError as "internal error"). The attack files
are fixtures in tests/robustness/fixtures/."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecodesk.io.errors import FormatError
from ecodesk.io.gexf import import_gexf
from ecodesk.io.graphml import MAX_DEPTH, MAX_DIGITS, import_gml, import_graphml

FIXTURES = Path(__file__).resolve().parents[1] / "robustness" / "fixtures"


def test_limits_are_what_the_messages_say() -> None:
    assert (MAX_DEPTH, MAX_DIGITS) == (200, 300)


@pytest.mark.parametrize("name, reader", [("graphml_long_int.graphml", import_graphml),
                                          ("gexf_long_int.gexf", import_gexf)])
def test_integer_attributes_of_310_digits_are_kept_as_text(name: str, reader) -> None:
    # Before: float(int('9' * 310)) raised OverflowError ("internal error").
    project = reader(FIXTURES / name)
    entity = next(e for e in project.scenario().entities if e.id == "a")
    assert entity.demand == 0.0
    assert f"demand: {'9' * 310}" in entity.notes
    assert f"size: {'9' * 310}" in entity.notes


@pytest.mark.parametrize("name, reader, where", [
    ("graphml_deep.graphml", import_graphml, "XML"),
    ("gexf_deep.gexf", import_gexf, "XML"),
    ("gml_deep.gml", import_gml, "GML lists"),
])
def test_nesting_of_1000_levels_is_one_sentence(name: str, reader, where: str) -> None:
    # Before: RecursionError.
    with pytest.raises(FormatError) as info:
        reader(FIXTURES / name)
    assert str(info.value) == f"{name}: has more than 200 levels of nesting in its {where} (ecodesk reads at most 200)."
    assert info.value.sentences("zh") == [f"{name}: {where} 嵌套超过 200 层（ecodesk 最多读取 200 层）。"]


def test_gml_number_of_310_digits_is_one_sentence() -> None:
    # Before: OverflowError (networkx made a 310-digit int, float() of it overflowed).
    with pytest.raises(FormatError) as info:
        import_gml(FIXTURES / "gml_long_number.gml")
    assert str(info.value) == ("gml_long_number.gml: holds a number of 310 digits (ecodesk reads numbers of at most "
                               "300 digits).")


def test_gml_of_4300_digits_names_our_limit_not_pythons(tmp_path: Path) -> None:
    path = tmp_path / "g.gml"
    path.write_text(f"graph [ node [ id 1 demand {'1' * 5000} ] ]")
    with pytest.raises(FormatError, match="a number of 5000 digits"):
        import_gml(path)


def test_nesting_up_to_the_limit_still_reads(tmp_path: Path) -> None:
    depth = 60  # <graph><node> pairs: 2 levels each, under the 200 limit
    xml = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph>'
           + "".join(f'<node id="n{i}"><graph>' for i in range(depth)) + "</graph></node>" * depth
           + "</graph></graphml>")
    path = tmp_path / "nested.graphml"
    path.write_text(xml)
    assert len(import_graphml(path).scenario().entities) == depth
    gml = tmp_path / "ok.gml"
    gml.write_text(f"graph [ node [ id 1 label \"a\" demand {'9' * 12} deep " + "[ a " * 150 + "1" + " ]" * 150 + " ] ]")
    assert [e.demand for e in import_gml(gml).scenario().entities] == [999_999_999_999.0]
