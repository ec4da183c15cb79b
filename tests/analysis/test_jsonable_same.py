"""``run.jsonable`` with its fast paths gives exactly what the one-call-per-value version gave."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from ecodesk.analysis.run import _flat_records, jsonable
from ecodesk.model import FlowKind


def old_jsonable(value: Any) -> Any:
    """KEPT COPY of ecodesk.analysis.run.jsonable before #19."""
    if isinstance(value, dict):
        return {str(k): old_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [old_jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    tolist = getattr(value, "tolist", None)  # numpy scalars and arrays
    if callable(tolist):
        return old_jsonable(tolist())
    if hasattr(value, "to_json"):
        return old_jsonable(value.to_json())
    return str(value)


class WithJson:
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def to_json(self) -> Any:
        return {"inner": self.inner}


leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=3),
    st.sampled_from([FlowKind.DATA, np.float64(1.5), np.float64("nan"), np.int64(7), np.bool_(True),
                     np.float32(0.1), np.array([1.0, np.inf]), float("-inf"), -0.0, object]),
)
trees = st.recursive(
    leaves,
    lambda kids: st.one_of(
        st.lists(kids, max_size=5),
        st.lists(kids, max_size=5).map(tuple),
        st.dictionaries(st.one_of(st.text(max_size=2), st.integers(0, 3), st.sampled_from([FlowKind.GOODS])), kids,
                        max_size=4),
        kids.map(WithJson),
    ),
    max_leaves=30,
)


def dumped(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(trees)
def test_same_as_the_old_walk(value: Any) -> None:
    new, old = jsonable(value), old_jsonable(value)
    assert dumped(new) == dumped(old)
    assert repr(new) == repr(old)  # the same Python types too (int not bool, None for NaN)


def test_plain_lists_and_dicts_are_copies() -> None:
    ids = ["a", "b"]
    row = {"id": "a", "loss": 0.5, "ok": True, "n": 3, "none": None}
    out = jsonable({"ids": ids, "row": row, "floats": [0.1, float("nan"), 2.0], "tuple": (1, "x")})
    assert out == {"ids": ["a", "b"], "row": row, "floats": [0.1, None, 2.0], "tuple": [1, "x"]}
    assert out["ids"] is not ids and out["row"] is not row
    assert type(out["tuple"]) is list
    assert jsonable([np.float64(0.25), np.float64("inf")]) == [0.25, None]
    assert jsonable({1: FlowKind.DATA}) == {"1": "data"}


class Key(str):
    """A str subclass as a key: it must come out as a plain str, as str(k) made it."""


def test_text_keyed_dicts_copied_whole_only_when_every_value_is_plain() -> None:
    row = {"id": "a", "loss": 0.5, "n": 3}
    out = jsonable(row)
    assert out == row and out is not row
    assert jsonable({"a": float("inf"), "b": -0.0}) == {"a": None, "b": -0.0}
    assert jsonable({"a": np.float64(2.5), "b": [np.int64(1)]}) == {"a": 2.5, "b": [1]}
    mixed = jsonable({Key("k"): 1.0, "x": True})
    assert [type(k) for k in mixed] == [str, str] and mixed == {"k": 1.0, "x": True}
    assert list(jsonable({"z": 1, "a": 2})) == ["z", "a"]  # order kept


def test_lists_of_flat_records_copied_in_one_pass_same_as_one_by_one() -> None:
    rows = [{"id": f"e{i}", "service_loss": i / 7, "single_point_of_failure": i % 2 == 0, "n": i} for i in range(50)]
    out = jsonable(rows)
    assert out == rows and all(a is not b for a, b in zip(out, rows, strict=True))
    assert repr(out) == repr(old_jsonable(rows))
    assert jsonable(tuple(rows[:2])) == rows[:2]
    assert _flat_records(rows) == rows  # the one-pass path takes them
    # one record that is not plain: every record as the one-by-one walk makes it
    for odd in ({"id": "x", "service_loss": float("nan")}, {"id": "x", "v": np.float64(1.5)},
                {"id": "x", "v": [np.int64(2)]}, {1: "x"}, {Key("k"): 1.0}, {"id": FlowKind.DATA}):
        mixed = [*rows[:3], odd, *rows[3:5]]
        assert repr(jsonable(mixed)) == repr(old_jsonable(mixed)), odd
        assert dumped(jsonable(mixed)) == dumped(old_jsonable(mixed))
        assert _flat_records(mixed) is None  # left to the one-by-one walk
