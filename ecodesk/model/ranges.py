"""Model layer: ranges — a ``[low, high]`` around a number of an object (SPEC §3.7).

Every entity, capability, flow, need and pool carries ``ranges``: a read-only mapping of
field name → ``(low, high)``, empty by default. Only the numbers planners guess may carry
one (:data:`RANGE_FIELDS`; positions do not), the value itself must lie in ``[low, high]``,
both ends must lie in the field's own domain (no negative cost, a risk within [0, 1], β in
(0, 1]) and a field left unset (no revenue, no capacity, a default standalone cost) carries
none. Anything else is refused with a :class:`ValidationError` naming the object and the
field (``ranges[volume]``), in English and Chinese — never clamped.

The text form used by tables, CSV and xlsx is ``"volume=80..120;risk=0.05..0.2"``
(:func:`format_ranges`); reading it, with numbers as planners type them, is the edit
rules' job (``ecodesk.commands.editrules.parse_ranges_text``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

from ecodesk.model.errors import ValidationError

#: Fields that may carry a range, per collection (SPEC §3.7), in display order.
RANGE_FIELDS: dict[str, tuple[str, ...]] = {
    "entities": ("demand", "risk", "revenue"),
    "capabilities": ("fixed_cost", "unit_cost", "capacity"),
    "flows": ("volume", "unit_value", "risk", "standalone_cost"),
    "needs": ("volume", "standalone_cost"),
    "pools": ("amount", "scale_exponent"),
}
#: The same, by the object's kind (``obj.WHAT``).
RANGE_FIELDS_BY_WHAT: dict[str, tuple[str, ...]] = {
    "entity": RANGE_FIELDS["entities"], "capability": RANGE_FIELDS["capabilities"], "flow": RANGE_FIELDS["flows"],
    "need": RANGE_FIELDS["needs"], "pool": RANGE_FIELDS["pools"],
}

_FRACTIONS = frozenset({"risk"})  # fields within [0, 1]
_EXPONENTS = frozenset({"scale_exponent"})  # fields within (0, 1]


class RangeMap(Mapping[str, tuple[float, float]]):
    """An immutable, hashable mapping field → (low, high) (equal to a dict with the same items)."""

    __slots__ = ("_items",)
    _items: dict[str, tuple[float, float]]

    def __init__(self, items: Mapping[str, tuple[float, float]] | None = None) -> None:
        object.__setattr__(self, "_items", dict(items or {}))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("ranges are read-only: use with_range / without_range")

    def __getitem__(self, key: str) -> tuple[float, float]:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RangeMap):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == {k: tuple(v) for k, v in other.items()}
        return NotImplemented

    def __repr__(self) -> str:
        return f"RangeMap({self._items!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (RangeMap, (self._items,))

    def to_json(self) -> dict[str, list[float]]:
        """``{"field": [low, high]}`` (SPEC §3.7)."""
        return {k: [lo, hi] for k, (lo, hi) in self._items.items()}


#: The empty ranges every object starts with.
NO_RANGES = RangeMap()


def num_text(value: float) -> str:
    """A number as the shortest text that reads back exactly: 80.0 → "80", 0.05 → "0.05"."""
    if value == int(value) and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def _fail(what: str, obj_id: str, fld: str, en: str, zh: str) -> ValidationError:
    return ValidationError(what, obj_id, fld, en, zh)


def _end(what: str, obj_id: str, name: str, end: str, value: Any) -> float:
    """One end of a range as a finite float within the field's domain."""
    fld = f"ranges[{name}]"
    end_zh = "下限" if end == "low" else "上限"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(what, obj_id, fld, f"the {end} end {value!r} is not a number", f"{end_zh} {value!r} 不是数字")
    v = float(value)
    if not math.isfinite(v) or abs(v) > 1e15:
        raise _fail(what, obj_id, fld, f"the {end} end must be a finite number of at most 1e+15 (got {v})",
                    f"{end_zh}必须是不超过 1e+15 的有限数值（当前为 {v}）")
    if name in _EXPONENTS:
        if not 0 < v <= 1:
            raise _fail(what, obj_id, fld, f"the {end} end {num_text(v)} is outside (0, 1]",
                        f"{end_zh} {num_text(v)} 不在 (0, 1] 之内")
    elif name in _FRACTIONS:
        if not 0 <= v <= 1:
            raise _fail(what, obj_id, fld, f"the {end} end {num_text(v)} is outside [0, 1]",
                        f"{end_zh} {num_text(v)} 不在 [0, 1] 之内")
    elif v < 0:
        raise _fail(what, obj_id, fld, f"the {end} end must not be negative (got {num_text(v)})",
                    f"{end_zh}不能为负数（当前为 {num_text(v)}）")
    return v


def check_ranges(obj: Any, ranges: Any) -> RangeMap:
    """``ranges`` of ``obj`` (whose other fields are already checked) as a :class:`RangeMap`,
    in :data:`RANGE_FIELDS` order; raises :class:`ValidationError` naming the field."""
    what, obj_id = obj.WHAT, obj.id
    if ranges is None or (isinstance(ranges, Mapping) and not ranges):
        return NO_RANGES
    if not isinstance(ranges, Mapping):
        raise _fail(what, obj_id, "ranges", "must be a mapping of field to [low, high]",
                    "必须是“字段 → [下限, 上限]”的映射")
    allowed = RANGE_FIELDS_BY_WHAT.get(what, ())
    checked: dict[str, tuple[float, float]] = {}
    for name, pair in ranges.items():
        if not isinstance(name, str) or name not in allowed:
            shown = repr(name) if len(repr(name)) <= 40 else repr(name)[:37] + "…"
            fields = ", ".join(allowed)
            raise _fail(what, obj_id, "ranges", f"{shown} cannot carry a range (only {fields} can)",
                        f"{shown} 不能设定范围（只有 {fields} 可以）")
        fld = f"ranges[{name}]"
        if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise _fail(what, obj_id, fld, "must be [low, high]", "必须是 [下限, 上限]")
        low, high = (_end(what, obj_id, name, end, v) for end, v in zip(("low", "high"), pair, strict=True))
        value = getattr(obj, name)
        if value is None:
            raise _fail(what, obj_id, fld, "the value is not set, so it cannot carry a range: set the value first",
                        "数值未设定，不能设定范围：请先填写数值")
        if low > high:
            raise _fail(what, obj_id, fld, f"the low end {num_text(low)} is above the high end {num_text(high)}",
                        f"下限 {num_text(low)} 高于上限 {num_text(high)}")
        if low > value:
            raise _fail(what, obj_id, fld, f"the low end {num_text(low)} is above the value {num_text(value)}",
                        f"下限 {num_text(low)} 高于数值 {num_text(value)}")
        if high < value:
            raise _fail(what, obj_id, fld, f"the high end {num_text(high)} is below the value {num_text(value)}",
                        f"上限 {num_text(high)} 低于数值 {num_text(value)}")
        checked[name] = (low, high)
    return RangeMap({k: checked[k] for k in allowed if k in checked})


def with_range(obj: Any, field: str, low: float, high: float) -> Any:
    """A validated copy of ``obj`` with the range of ``field`` set to [low, high]."""
    return obj.evolve(ranges={**obj.ranges, field: (low, high)})


def without_range(obj: Any, field: str) -> Any:
    """A copy of ``obj`` without a range on ``field`` (``obj`` itself if it had none)."""
    if field not in obj.ranges:
        return obj
    return obj.evolve(ranges={k: v for k, v in obj.ranges.items() if k != field})


def format_range(low: float, high: float) -> str:
    """One range as text: "80..120"."""
    return f"{num_text(low)}..{num_text(high)}"


def format_ranges(ranges: Mapping[str, tuple[float, float]]) -> str:
    """The text form of an object's ranges: "volume=80..120;risk=0.05..0.2" ("" when none)."""
    return ";".join(f"{k}={format_range(lo, hi)}" for k, (lo, hi) in ranges.items())


def split_ranges_text(text: str) -> list[tuple[str, str, str]]:
    """The parts of a ranges text: [(field, low text, high text)] — numbers unread (the edit
    rules read them as planners type them). Separators: ";" or "；" between ranges, "=" or
    "：" or ":" after the field, ".." or "~" or "～" between the ends. Raises ValueError
    with an English and a Chinese reason (``args[0]``, ``args[1]``) for a malformed part."""
    out: list[tuple[str, str, str]] = []
    for part in text.replace("；", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        name, sep, ends = part.replace("＝", "=").partition("=")
        if not sep or not name.strip():
            raise ValueError(f"'{part}' is not field=low..high", f"“{part}”不是 字段=下限..上限 的形式")
        ends = ends.replace("～", "..").replace("~", "..")
        low, sep, high = ends.partition("..")
        if not sep or not low.strip() or not high.strip():
            raise ValueError(f"'{part}' is not field=low..high", f"“{part}”不是 字段=下限..上限 的形式")
        out.append((name.strip(), low.strip(), high.strip()))
    return out
