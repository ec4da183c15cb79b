"""Model layer: build many objects at once, checking whole columns instead of each field.

Opening a seed-size project means ~63,000 objects; validating them one field at a time
costs several times the SQLite read. Here the same rules are checked column by column
(types, ranges, enum values, ids) with a few set and min/max operations — on the distinct
values only where a column repeats a few ids many times (flow sources, capability owners)
— and objects are then built without calling ``__init__`` (see :func:`_builder`). If any
check fails, the rows are built one by one through the normal constructor, so the error is
the same precise ``ValidationError`` naming the object and the field — the fast path never
lets an invalid object in, it only skips the per-object work when everything is valid.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import fields
from itertools import compress, repeat
from operator import eq, is_, is_not, not_
from typing import Any, TypeVar

from ecodesk.model.kinds import EntityKind, FlowKind, LabelledEnum
from ecodesk.model.objects import (
    COLOR_PATTERN,
    MAX_MAGNITUDE,
    MAX_NOTES_LENGTH,
    MAX_SIZE,
    MAX_TEXT_LENGTH,
    MIN_SIZE,
    Capability,
    Ecosystem,
    Entity,
    Flow,
    ModelObject,
    Need,
)
from ecodesk.model.ranges import NO_RANGES, check_ranges

T = TypeVar("T", bound=ModelObject)
_STR = {str}
_NUMBER_TYPES = {int, float}


def _ids_ok(col: Collection[Any]) -> bool:
    """Every value a non-empty str without surrounding spaces (C-level maps: this runs on
    tens of thousands of ids)."""
    return not col or (set(map(type, col)) == _STR and all(col) and _unspaced(col))


def _unspaced(col: Collection[str]) -> bool:
    """No text of ``col`` starts or ends with whitespace. Ids seldom hold any whitespace at
    all, which one scan of them joined shows (``split`` and ``strip`` agree on what
    whitespace is); otherwise each is compared with itself stripped."""
    joined = "".join(col)
    parts = joined.split(None, 1)
    if len(parts) == 1 and len(parts[0]) == len(joined):
        return True
    return all(map(eq, col, map(str.strip, col)))


def _repeated_ids_ok(col: Collection[Any]) -> bool:
    """:func:`_ids_ok` for a column that names a few ids many times (flow sources, owners):
    checked once per distinct value. Hashing the strings here is not lost: their hashes
    are cached and reused when the scenario resolves the references."""
    try:
        distinct = set(col)
    except TypeError:  # an unhashable value is no id
        return False
    return _ids_ok(distinct)


def _texts_ok(col: Collection[Any], limit: int = MAX_TEXT_LENGTH) -> bool:
    """Every value a str of at most ``limit`` characters (the model's text checks). A
    column of nothing but the empty text (notes, labels: most rows), which SQLite and JSON
    both give as the one shared ``""`` object, is seen in one pass of identity checks."""
    if all(map(is_, col, repeat(""))):
        return True
    return set(map(type, col)) == _STR and max(map(len, col)) <= limit


def _numbers(col: Sequence[Any], *, optional: bool = False, nonneg: bool = True, upper: float | None = None,
             ) -> Sequence[Any] | None:
    """The column as floats (None kept where optional) if every value passes, else None.
    A column that already holds only floats (what SQLite's REAL columns return) is
    returned as it is."""
    vals = col
    if optional and None in col:
        vals = [v for v in col if v is not None]
    types = set(map(type, vals))
    if vals and not types <= _NUMBER_TYPES:  # bool, str, None … take the slow path
        return None
    if vals:
        if not math.isfinite(sum(vals)):  # NaN and infinities (and overflow, harmlessly) go slow
            return None
        low, high = min(vals), max(vals)
        if high > MAX_MAGNITUDE or low < -MAX_MAGNITUDE:
            return None
        if (nonneg and low < 0) or (upper is not None and high > upper):
            return None
    if int not in types:
        return col
    if not optional:
        return list(map(float, col))
    return [None if v is None else float(v) for v in col]


def _enum(col: Sequence[Any], enum: type[LabelledEnum]) -> list[Any] | None:
    table = {m.value: m for m in enum}
    table.update({m: m for m in enum})
    try:
        return list(map(table.__getitem__, col))
    except (KeyError, TypeError):
        return None


def _id_tuples(col: Sequence[Any]) -> Sequence[tuple[str, ...]] | None:
    """Lists of ids as tuples; each distinct list checked once (entities share a handful
    of ecosystem memberships, often the very same tuple object)."""
    types = set(map(type, col))
    if not types <= {tuple, list}:  # None, a str … are for the constructor to judge
        return None
    out = [tuple(v) for v in col] if list in types else col
    distinct: Collection[Any]
    try:
        distinct = set(out)
    except TypeError:
        # A list or mapping inside: row by row, the first list with a duplicate id sends it
        # to the slow path, the first with an unhashable value fails as malformed (TypeError).
        distinct = out
    if any(len(set(t)) != len(t) for t in distinct):  # duplicates are folded by the slow path
        return None
    return out if _ids_ok([i for t in distinct for i in t]) else None


def _complete(columns: list[Sequence[Any] | None]) -> list[Sequence[Any]] | None:
    """The checked columns if every check passed (no column is None), else None."""
    out = [c for c in columns if c is not None]
    return out if len(out) == len(columns) else None


def _builder(cls: type[T]) -> Callable[[Sequence[Sequence[Any]]], list[T]]:
    """A function building ``cls`` objects from validated columns (in field order) without
    calling ``__init__`` — what ``dataclasses`` itself does for its ``__init__``: generated code.

    A frozen dataclass refuses attribute stores, and filling the 600,000 slots of a
    seed-size project through their descriptors' ``__set__`` took twice as long as this
    (~45 ms against ~20 ms for the flows alone). So each object is made
    as a *twin* class with the same base and the same ``__slots__`` (hence the same memory
    layout) and no ``__setattr__``, where a plain ``o.field = value`` is a fast slot store,
    and is then given its real class by ``__class__`` assignment, which Python allows
    between layout-compatible classes. The result is an ordinary ``cls`` instance. Where
    the layouts differ (a future base with its own slots …), slot descriptors are used.
    """
    names = [f.name for f in fields(cls)]
    slots = vars(cls)["__slots__"]
    twin = type(f"_{cls.__name__}Slots", cls.__bases__, {"__slots__": slots, "__module__": __name__})
    try:
        probe: Any = object.__new__(twin)
        probe.__class__ = cls
    except TypeError:
        return lambda columns: _fill_by_descriptors(cls, names, columns)
    values = ", ".join(f"v{i}" for i in range(len(names)))
    stores = "".join(f"        o.{name} = v{i}\n" for i, name in enumerate(names))
    source = (
        "def build(columns):\n"
        "    out = []\n"
        "    append = out.append\n"
        f"    for {values}, in zip(*columns):\n"
        "        o = new(twin)\n"
        f"{stores}"
        "        o.__class__ = cls\n"
        "        append(o)\n"
        "    return out\n"
    )
    namespace: dict[str, Any] = {"new": object.__new__, "twin": twin, "cls": cls}
    exec(compile(source, f"<ecodesk bulk builder of {cls.__name__}>", "exec"), namespace)
    build: Callable[[Sequence[Sequence[Any]]], list[T]] = namespace["build"]
    return build


def _fill_by_descriptors(cls: type[T], names: list[str], columns: Sequence[Sequence[Any]]) -> list[T]:
    setters = [getattr(cls, name).__set__ for name in names]
    new = object.__new__
    out: list[T] = []
    for values in zip(*columns, strict=True):
        obj = new(cls)
        for setter, value in zip(setters, values, strict=True):
            setter(obj, value)
        out.append(obj)
    return out


def _colors_ok(col: Collection[Any]) -> bool:
    """Every value "" or "#rrggbb" (checked once per distinct value: a few colours repeat)."""
    try:
        distinct = set(col)
    except TypeError:
        return False
    return all(isinstance(c, str) and (not c or COLOR_PATTERN.fullmatch(c) is not None) for c in distinct)


def _entities(cols: list[Sequence[Any]]) -> list[Sequence[Any]] | None:
    ident, name, kind, industry, ecos, demand, risk, revenue, notes, x, y, color, size, ranges = cols
    if not (_ids_ok(ident) and _texts_ok(name) and _texts_ok(industry) and _texts_ok(notes, MAX_NOTES_LENGTH)
            and _colors_ok(color)):
        return None
    checked = [ident, name, _enum(kind, EntityKind), industry, _id_tuples(ecos), _numbers(demand),
               _numbers(risk, upper=1.0), _numbers(revenue, optional=True), notes,
               _numbers(x, nonneg=False), _numbers(y, nonneg=False), color, _sizes(size), _ranges(ranges)]
    return _complete(checked)


def _sizes(col: Sequence[Any]) -> Sequence[Any] | None:
    """The entities' drawing scales if every one lies in [MIN_SIZE, MAX_SIZE] (most are 1.0)."""
    checked = _numbers(col)
    if checked is None or (checked and not MIN_SIZE <= min(checked) <= max(checked) <= MAX_SIZE):
        return None
    return checked


def _flows(cols: list[Sequence[Any]]) -> list[Sequence[Any]] | None:
    ident, source, target, kind, volume, unit_value, risk, notes, capability, standalone, label, ranges = cols
    if not (_ids_ok(ident) and _repeated_ids_ok(source) and _repeated_ids_ok(target)
            and _texts_ok(notes, MAX_NOTES_LENGTH) and _texts_ok(label)):
        return None
    kinds = _enum(kind, FlowKind)
    if kinds is None or any(map(eq, source, target)):
        return None
    stored = _flow_capabilities(kinds, capability, standalone)
    if stored is None:
        return None
    checked = [ident, source, target, kinds, _numbers(volume), _numbers(unit_value), _numbers(risk, upper=1.0),
               notes, stored, _numbers(standalone, optional=True), label, _ranges(ranges)]
    return _complete(checked)


def _flow_capabilities(kinds: list[Any], capability: Sequence[Any], standalone: Sequence[Any]) -> Sequence[Any] | None:
    """The capability column as the constructor leaves it, or None if it would refuse a
    row: capability flows name a capability id; the others name none (a falsy value,
    stored as None) and have no standalone cost."""
    is_cap = list(map(is_, kinds, repeat(FlowKind.CAPABILITY)))
    if not _repeated_ids_ok(list(compress(capability, is_cap))):
        return None
    others = list(map(not_, is_cap))
    if not all(map(is_, compress(standalone, others), repeat(None))):
        return None
    if all(map(is_, compress(capability, others), repeat(None))):
        return capability
    if any(compress(capability, others)):
        return None
    return [c if k else None for k, c in zip(is_cap, capability, strict=True)]


def _capabilities(cols: list[Sequence[Any]]) -> list[Sequence[Any]] | None:
    ident, name, category, owner, fixed, unit, capacity, ranges = cols
    if not (_ids_ok(ident) and _texts_ok(name) and _texts_ok(category) and _repeated_ids_ok(owner)):
        return None
    checked = [ident, name, category, owner, _numbers(fixed), _numbers(unit), _numbers(capacity, optional=True),
               _ranges(ranges)]
    return _complete(checked)


def _needs(cols: list[Sequence[Any]]) -> list[Sequence[Any]] | None:
    ident, entity, category, volume, standalone, ranges = cols
    if not (_ids_ok(ident) and _repeated_ids_ok(entity) and _texts_ok(category)):
        return None
    if not all(map(str.strip, category)):
        return None
    checked = [ident, entity, category, _numbers(volume), _numbers(standalone), _ranges(ranges)]
    return _complete(checked)


def _ranges(col: Sequence[Any]) -> Sequence[Any] | None:
    """The ranges column: empty ones (None, {}) as the shared empty ranges; the others are
    kept as they are and checked on the built object (:func:`build_from_columns`), which
    needs its values. A value that is no mapping takes the slow path."""
    if all(map(is_, col, repeat(NO_RANGES))):
        return col
    out: list[Any] = []
    for r in col:
        if r is None or (isinstance(r, Mapping) and not r):
            out.append(NO_RANGES)
        elif isinstance(r, Mapping):
            out.append(r)
        else:
            return None
    return out


def _ecosystems(cols: list[Sequence[Any]]) -> list[Sequence[Any]] | None:
    ident, name, color = cols
    return cols if _ids_ok(ident) and _texts_ok(name) and _texts_ok(color) else None


_CHECKS: dict[type, Callable[[list[Sequence[Any]]], list[Sequence[Any]] | None]] = {
    Entity: _entities, Flow: _flows, Capability: _capabilities, Need: _needs, Ecosystem: _ecosystems,
}
_BUILDERS: dict[type, Callable[[Sequence[Sequence[Any]]], list[Any]]] = {cls: _builder(cls) for cls in _CHECKS}


def build_many(cls: type[T], rows: Sequence[Sequence[Any]]) -> list[T]:
    """``[cls(*row) for row in rows]`` — the same objects and the same errors, much faster.

    Rows hold the values of every field in declaration order. Classes without a column
    check (pools: few and complex) are built one by one.
    """
    width = len(fields(cls))
    if cls not in _CHECKS or not rows or any(len(r) != width for r in rows):
        return [cls(*r) for r in rows]
    return build_from_columns(cls, list(zip(*rows, strict=True)))


def build_from_columns(cls: type[T], columns: Sequence[Sequence[Any]]) -> list[T]:
    """:func:`build_many` for data already in columns (one sequence per field, in order)
    — saves transposing rows that a database returned as columns' worth of tuples."""
    check = _CHECKS.get(cls)
    checked = check(list(columns)) if check is not None else None
    if checked is None:
        return [cls(*r) for r in zip(*columns, strict=True)]  # raises the precise ValidationError
    built = _BUILDERS[cls](checked)
    if cls is not Ecosystem:  # ranges (the last field) are checked against each object's values
        ranges = checked[-1]
        for i in list(compress(range(len(ranges)), map(is_not, ranges, repeat(NO_RANGES)))):
            obj = built[i]
            object.__setattr__(obj, "ranges", check_ranges(obj, obj.ranges))
    return built
