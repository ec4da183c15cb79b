"""build_many: the column-checked fast path builds the same objects, and refuses exactly
what the constructors refuse, with the same error."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodesk.model import Capability, Ecosystem, Entity, Flow, Need, ValidationError, build_many

GOOD = {
    Entity: [("a", "甲", "supplier", "电子", ("x", "y"), 1.0, 0.1, None, "", 0.0, 5),
             ("b", "乙", "user", "", (), 3, 0, 7.5, "n", -1.0, 2.0)],
    Flow: [("f", "a", "b", "goods", 1.0, 2.0, 0.1, "", None, None),
           ("g", "a", "b", "capability", 1, 2, 0, "", "k", 4.0)],
    Capability: [("k", "研发", "R&D", "a", 100, 1.5, None), ("k2", "", "", "b", 0, 0, 10)],
    Need: [("n", "a", "data", 1, 2)],
    Ecosystem: [("e", "生态", "#fff")],
}

BAD = [
    (Entity, 0, 0, ""), (Entity, 0, 0, " a"), (Entity, 0, 2, "alien"), (Entity, 0, 4, ("x", " y")),
    (Entity, 0, 5, -1.0), (Entity, 0, 5, math.nan), (Entity, 0, 6, 1.5), (Entity, 0, 6, True),
    (Entity, 0, 7, -3.0), (Entity, 0, 9, math.inf), (Entity, 0, 1, 5),
    (Flow, 0, 2, "a"), (Flow, 0, 3, "capability"), (Flow, 0, 8, "k"), (Flow, 0, 9, 3.0),
    (Flow, 0, 4, -1), (Flow, 0, 6, 1.01), (Flow, 1, 9, -4.0), (Flow, 0, 1, ""), (Flow, 0, 3, "teleport"),
    (Capability, 0, 4, -1), (Capability, 0, 3, ""), (Capability, 0, 6, -1.0), (Need, 0, 2, "  "),
    (Need, 0, 3, -1), (Ecosystem, 0, 1, 7),
]


def test_coercions_match_the_constructors():
    rows = [list(r) for r in GOOD[Entity]]
    rows[0][5] = "1"  # numbers given as text are converted, as the constructor does
    assert build_many(Entity, rows) == [Entity(*r) for r in rows]
    assert build_many(Ecosystem, [("e", None, None)]) == [Ecosystem("e", "", "")]


@pytest.mark.parametrize("cls", list(GOOD))
def test_same_objects_as_constructors(cls):
    rows = GOOD[cls] * 3
    assert build_many(cls, rows) == [cls(*r) for r in rows]
    assert all(type(o) is cls for o in build_many(cls, rows))


def test_entity_ecosystem_duplicates_fold_like_the_constructor():
    row = ("a", "", "other", "", ("x", "x"), 0, 0, None, "", 0, 0)
    assert build_many(Entity, [row]) == [Entity(*row)]
    assert build_many(Entity, [row])[0].ecosystems == ("x",)


@pytest.mark.parametrize(("cls", "row", "col", "value"), BAD)
def test_same_refusals(cls, row, col, value):
    rows = [list(r) for r in GOOD[cls]]
    rows[row][col] = value
    with pytest.raises(ValidationError) as slow:
        [cls(*r) for r in rows]
    with pytest.raises(ValidationError) as fast:
        build_many(cls, rows)
    assert (fast.value.what, fast.value.obj_id, fast.value.field) == (slow.value.what, slow.value.obj_id,
                                                                      slow.value.field)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(
    st.text(min_size=0, max_size=3), st.sampled_from(["a", "b", " a", ""]), st.sampled_from(["b", "a"]),
    st.sampled_from(["goods", "data", "capability", "x"]),
    st.one_of(st.floats(allow_nan=True), st.integers(-2, 5), st.booleans()),
    st.floats(0, 10), st.floats(-0.5, 1.5), st.just(""), st.sampled_from([None, "k", ""]),
    st.one_of(st.none(), st.floats(-1, 5)),
), min_size=1, max_size=6))
def test_fast_path_agrees_with_constructors(rows):
    try:
        expected = [Flow(*r) for r in rows]
    except ValidationError as exc:
        with pytest.raises(ValidationError) as info:
            build_many(Flow, rows)
        assert (info.value.obj_id, info.value.field) == (exc.obj_id, exc.field)
        return
    assert build_many(Flow, rows) == expected
