"""build_many: the column-checked fast path builds the same objects, and refuses exactly
what the constructors refuse, with the same error."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodesk.model import Capability, Ecosystem, Entity, Flow, Need, ValidationError, build_many

GOOD = {
    Entity: [("a", "甲", "supplier", "电子", ("x", "y"), 1.0, 0.1, None, "", 0.0, 5, "", 1.0, {}),
             ("b", "乙", "user", "", (), 3, 0, 7.5, "n", -1.0, 2.0, "#ff9900", 2, {"revenue": [5, 10], "risk": (0, 0.2)}),
             ("c", "丙", "other", "", (), 0, 0, None, "", 0, 0, "", 0.25, {}),
             ("d", "丁", "other", "", (), 0, 0, None, "", 0, 0, "", 4.0, {})],
    Flow: [("f", "a", "b", "goods", 1.0, 2.0, 0.1, "", None, None, "", None),
           ("g", "a", "b", "capability", 1, 2, 0, "", "k", 4.0, "月度结算", {"standalone_cost": (3, 5)})],
    Capability: [("k", "研发", "R&D", "a", 100, 1.5, None, {"fixed_cost": [80, 120]}), ("k2", "", "", "b", 0, 0, 10, {})],
    Need: [("n", "a", "data", 1, 2, {"volume": [0.5, 1.5]})],
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
    # v2 fields: an entity's colour is "" or "#rrggbb"; a flow's label is short text
    (Entity, 1, 11, "#FF9900"), (Entity, 0, 11, "#f90"), (Entity, 0, 11, "red"), (Entity, 0, 11, 7),
    (Entity, 0, 11, "#ff9900\n"), (Flow, 1, 10, 5), (Flow, 1, 10, "x" * 10_001),
    # ranges (SPEC §3.7): the value within [low, high], a set field, the field's domain
    (Entity, 1, 13, {"revenue": [8, 10]}), (Entity, 1, 13, {"risk": [0, 1.5]}), (Entity, 0, 13, {"revenue": [0, 1]}),
    (Entity, 0, 13, {"x": [0, 1]}), (Flow, 0, 11, {"volume": [0, 0.5]}), (Flow, 0, 11, "volume=1..2"),
    (Capability, 0, 7, {"capacity": [1, 2]}), (Need, 0, 5, {"standalone_cost": [-1, 3]}),
    # v3: an entity's drawing size lies in [0.25, 4]
    (Entity, 0, 12, 0.2), (Entity, 1, 12, 4.01), (Entity, 0, 12, 0), (Entity, 0, 12, -1.0), (Entity, 0, 12, "big"),
    (Entity, 0, 12, True), (Entity, 0, 12, math.nan), (Entity, 1, 12, math.inf),
    # texts longer than the model allows are refused on the fast path too
    (Entity, 0, 1, "名" * 10_001), (Capability, 0, 2, "c" * 10_001), (Ecosystem, 0, 1, "e" * 10_001),
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
    row = ("a", "", "other", "", ("x", "x"), 0, 0, None, "", 0, 0, "", 1.0, {})
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
    st.sampled_from(["", "供货", 3, None]),
    st.sampled_from([None, {}, {"unit_value": (0, 10)}, {"volume": [0, 1]}, {"risk": [0, 2]}]),
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


# -- the builder and the column checks of the open path -------------------------------------


@pytest.mark.parametrize("cls", list(GOOD))
def test_built_objects_are_ordinary_instances(cls):
    """Objects built through the slot twin are plain instances of ``cls``: the same type,
    fields, equality, hash, frozenness and ``evolve`` as constructed ones."""
    import dataclasses

    rows = GOOD[cls] * 2
    built, made = build_many(cls, rows), [cls(*r) for r in rows]
    for b, m in zip(built, made, strict=True):
        assert type(b) is cls and b.__class__ is cls and isinstance(b, cls)
        assert b == m and hash(b) == hash(m) and repr(b) == repr(m)
        assert [type(getattr(b, f.name)) for f in dataclasses.fields(cls)] == [
            type(getattr(m, f.name)) for f in dataclasses.fields(cls)
        ]
        with pytest.raises(dataclasses.FrozenInstanceError):
            b.id = "other"
        assert b.evolve(id="z") == m.evolve(id="z")


def test_builder_falls_back_to_descriptors_for_other_layouts():
    import dataclasses

    from ecodesk.model.bulk import _fill_by_descriptors, _flows

    rows = GOOD[Flow] * 2
    columns = _flows([list(c) for c in zip(*rows, strict=True)])
    assert columns is not None
    names = [f.name for f in dataclasses.fields(Flow)]
    built = _fill_by_descriptors(Flow, names, columns)
    assert built == [Flow(*r) for r in rows] and all(type(o) is Flow for o in built)


def test_whitespace_check_agrees_with_strip():
    """The one-scan whitespace check says what ``str.strip`` says, for every character."""
    import sys

    from ecodesk.model.bulk import _unspaced

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        assert _unspaced([f"a{c}b", "x"]), repr(c)
        assert _unspaced([f"a{c}", "x"]) == (f"a{c}".strip() == f"a{c}"), repr(c)
        assert _unspaced(["x", f"{c}a"]) == (f"{c}a".strip() == f"{c}a"), repr(c)


def test_ids_with_inner_spaces_and_repeated_references():
    rows = [(f"f {i}", "供 应 商", "平台", "goods", 1.0, 2.0, 0.0, "", None, None) for i in range(50)]
    assert build_many(Flow, rows) == [Flow(*r) for r in rows]
    rows[30] = ("f 30", "供 应 商 ", "平台", "goods", 1.0, 2.0, 0.0, "", None, None)
    with pytest.raises(ValidationError) as info:
        build_many(Flow, rows)
    assert (info.value.obj_id, info.value.field) == ("供 应 商 ", "source")


@pytest.mark.parametrize("ecosystems", [None, "xy", ["x", "y"], ("x", "x"), ()])
def test_entity_ecosystems_of_any_shape_as_the_constructor(ecosystems):
    row = ("a", "", "other", "", ecosystems, 0, 0, None, "", 0, 0)
    try:
        expected = [Entity(*row)]
    except ValidationError as exc:
        with pytest.raises(ValidationError) as info:
            build_many(Entity, [row])
        assert (info.value.obj_id, info.value.field) == (exc.obj_id, exc.field)
        return
    assert build_many(Entity, [row]) == expected


def test_flow_capability_column_as_the_constructor():
    base = ("f", "a", "b", "goods", 1.0, 2.0, 0.1, "", None, None)
    cap = ("g", "a", "b", "capability", 1.0, 2.0, 0.0, "", "k", 4.0)
    for other in ("", 0, None):  # a falsy capability on another kind is stored as None
        rows = [(*base[:8], other, None), cap]
        built = build_many(Flow, rows)
        assert built == [Flow(*r) for r in rows] and built[0].capability is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["a", "b", "c", " d", ""]), st.sampled_from(["", "名"]), st.sampled_from(["user", "x", "platform"]),
    st.sampled_from(["", None]), st.sampled_from([(), ("e",), ("e", "e"), ("e", " f"), ("e", "g")]),
    st.one_of(st.floats(allow_nan=True), st.integers(-2, 5)), st.floats(-0.5, 1.5),
    st.one_of(st.none(), st.floats(-1, 5)), st.just(""), st.floats(-1e16, 1e16), st.just(0.0),
), min_size=1, max_size=6))
def test_entity_fast_path_agrees_with_constructors(rows):
    try:
        expected = [Entity(*r) for r in rows]
    except ValidationError as exc:
        with pytest.raises(ValidationError) as info:
            build_many(Entity, rows)
        assert (info.value.obj_id, info.value.field) == (exc.obj_id, exc.field)
        return
    built = build_many(Entity, rows)
    assert built == expected
    assert [tuple(map(type, (e.demand, e.revenue, e.x))) for e in built] == [
        tuple(map(type, (e.demand, e.revenue, e.x))) for e in expected
    ]


# -- one-pass shortcuts: columns of nothing but "" and nothing but empty ranges ---------------


@pytest.mark.parametrize("odd", ["x" * 10_001, 5, None, b"", "n"])
def test_a_column_of_empty_texts_but_one_is_judged_as_by_the_constructor(odd):
    rows = [(f"f{i}", "a", "b", "goods", 1.0, 1.0, 0.0, "", None, None, "", None) for i in range(50)]
    rows[37] = (*rows[37][:7], odd, *rows[37][8:])  # the notes of one flow
    try:
        expected = [Flow(*r) for r in rows]
    except ValidationError as exc:
        with pytest.raises(ValidationError) as info:
            build_many(Flow, rows)
        assert (info.value.obj_id, info.value.field) == (exc.obj_id, exc.field) == ("f37", "notes")
        return
    built = build_many(Flow, rows)
    assert built == expected and built[37].notes == expected[37].notes


def test_a_column_of_empty_ranges_but_the_last_is_checked_on_that_object():
    from ecodesk.store.schema import decode_columns

    n = 40
    columns = [[1] * n, list(range(n)), [f"f{i}" for i in range(n)], ["a"] * n, ["b"] * n, ["goods"] * n,
               [1.0] * n, [2.0] * n, [0.0] * n, [""] * n, [None] * n, [None] * n, [""] * n, ["{}"] * n]
    plain = decode_columns("flows", columns)
    assert all(not f.ranges for f in plain) and plain == [Flow(f"f{i}", "a", "b", "goods", 1.0, 2.0, 0.0)
                                                          for i in range(n)]
    columns[-1][-1] = '{"volume": [0.5, 1.5]}'
    last = decode_columns("flows", columns)[-1]
    assert last.ranges and last == Flow(f"f{n - 1}", "a", "b", "goods", 1.0, 2.0, 0.0,
                                        ranges={"volume": [0.5, 1.5]})
    columns[-1][-1] = '{"volume": [2, 3]}'  # the value 1.0 lies outside: refused naming the flow
    with pytest.raises(ValidationError) as info:
        decode_columns("flows", columns)
    assert (info.value.obj_id, info.value.field) == (f"f{n - 1}", "ranges[volume]")
