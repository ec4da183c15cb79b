"""Model layer: build many objects at once, checking whole columns instead of each field.

Opening a seed-size project means ~63,000 objects; validating them one field at a time
costs several times the SQLite read. Here the same rules are checked column by column
(types, ranges, enum values, ids) with a few set and min/max operations, and objects are
then filled through their slot descriptors without calling ``__init__``. If any check
fails, the rows are built one by one through the normal constructor, so the error is the
same precise ``ValidationError`` naming the object and the field — the fast path never
lets an invalid object in, it only skips the per-object work when everything is valid.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from ecodesk.model.kinds import EntityKind, FlowKind, LabelledEnum
from ecodesk.model.objects import MAX_MAGNITUDE, Capability, Ecosystem, Entity, Flow, ModelObject, Need

T = TypeVar("T", bound=ModelObject)

def _ids_ok(col: Sequence[Any]) -> bool:
    """Every value a non-empty str without surrounding spaces (C-level maps: this runs on
    tens of thousands of ids)."""
    return (not col or set(map(type, col)) == {str}) and all(col) and all(map(str.__eq__, col, map(str.strip, col)))


def _texts_ok(col: Sequence[Any]) -> bool:
    return not col or set(map(type, col)) == {str}


def _numbers(col: Sequence[Any], *, optional: bool = False, nonneg: bool = True, upper: float | None = None,
             ) -> list[Any] | None:
    """The column as floats (None kept where optional) if every value passes, else None."""
    vals = [v for v in col if v is not None] if optional else col
    if vals and not set(map(type, vals)) <= {int, float}:  # bool, str, None … take the slow path
        return None
    if vals:
        if not math.isfinite(sum(vals)):  # NaN and infinities (and overflow, harmlessly) go slow
            return None
        if max(vals) > MAX_MAGNITUDE or min(vals) < -MAX_MAGNITUDE:
            return None
        if (nonneg and min(vals) < 0) or (upper is not None and max(vals) > upper):
            return None
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


def _id_tuples(col: Sequence[Any]) -> list[tuple[str, ...]] | None:
    out = [tuple(v) for v in col]
    if any(len(set(t)) != len(t) for t in out):  # duplicates are folded by the slow path
        return None
    flat = [i for t in out for i in t]
    return out if _ids_ok(flat) else None


def _fill(cls: type[T], columns: list[list[Any]]) -> list[T]:
    """Objects of ``cls`` from validated columns (in field order), bypassing ``__init__``."""
    setters = [getattr(cls, f.name).__set__ for f in fields(cls)]  # type: ignore[arg-type]
    new = object.__new__
    out: list[T] = []
    append = out.append
    pairs = list(zip(setters, columns, strict=True))
    n = len(columns[0]) if columns else 0
    for i in range(n):
        obj = new(cls)
        for setter, col in pairs:
            setter(obj, col[i])
        append(obj)
    return out


def _entities(cols: list[list[Any]]) -> list[list[Any]] | None:
    ident, name, kind, industry, ecos, demand, risk, revenue, notes, x, y = cols
    if not (_ids_ok(ident) and _texts_ok(name) and _texts_ok(industry) and _texts_ok(notes)):
        return None
    checked = [ident, name, _enum(kind, EntityKind), industry, _id_tuples(ecos), _numbers(demand),
               _numbers(risk, upper=1.0), _numbers(revenue, optional=True), notes,
               _numbers(x, nonneg=False), _numbers(y, nonneg=False)]
    return None if any(c is None for c in checked) else checked  # type: ignore[return-value]


def _flows(cols: list[list[Any]]) -> list[list[Any]] | None:
    ident, source, target, kind, volume, unit_value, risk, notes, capability, standalone = cols
    if not (_ids_ok(ident) and _ids_ok(source) and _ids_ok(target) and _texts_ok(notes)):
        return None
    kinds = _enum(kind, FlowKind)
    if kinds is None or any(map(operator.eq, source, target)):
        return None
    cap_kind = FlowKind.CAPABILITY
    for k, cap, sc in zip(kinds, capability, standalone, strict=True):
        if k is cap_kind:
            if not (type(cap) is str and cap and cap == cap.strip()):
                return None
        elif cap or sc is not None:
            return None
    capability = [c if k is cap_kind else None for k, c in zip(kinds, capability, strict=True)]
    checked = [ident, source, target, kinds, _numbers(volume), _numbers(unit_value), _numbers(risk, upper=1.0),
               notes, capability, _numbers(standalone, optional=True)]
    return None if any(c is None for c in checked) else checked  # type: ignore[return-value]


def _capabilities(cols: list[list[Any]]) -> list[list[Any]] | None:
    ident, name, category, owner, fixed, unit, capacity = cols
    if not (_ids_ok(ident) and _texts_ok(name) and _texts_ok(category) and _ids_ok(owner)):
        return None
    checked = [ident, name, category, owner, _numbers(fixed), _numbers(unit), _numbers(capacity, optional=True)]
    return None if any(c is None for c in checked) else checked  # type: ignore[return-value]


def _needs(cols: list[list[Any]]) -> list[list[Any]] | None:
    ident, entity, category, volume, standalone = cols
    if not (_ids_ok(ident) and _ids_ok(entity) and _texts_ok(category)):
        return None
    if not all(c.strip() for c in category):
        return None
    checked = [ident, entity, category, _numbers(volume), _numbers(standalone)]
    return None if any(c is None for c in checked) else checked  # type: ignore[return-value]


def _ecosystems(cols: list[list[Any]]) -> list[list[Any]] | None:
    ident, name, color = cols
    return cols if _ids_ok(ident) and _texts_ok(name) and _texts_ok(color) else None


_CHECKS: dict[type, Callable[[list[list[Any]]], list[list[Any]] | None]] = {
    Entity: _entities, Flow: _flows, Capability: _capabilities, Need: _needs, Ecosystem: _ecosystems,
}


def build_many(cls: type[T], rows: Sequence[Sequence[Any]]) -> list[T]:
    """``[cls(*row) for row in rows]`` — the same objects and the same errors, much faster.

    Rows hold the values of every field in declaration order. Classes without a column
    check (pools: few and complex) are built one by one.
    """
    width = len(fields(cls))  # type: ignore[arg-type]
    if cls not in _CHECKS or not rows or any(len(r) != width for r in rows):
        return [cls(*r) for r in rows]
    return build_from_columns(cls, list(zip(*rows, strict=True)))


def build_from_columns(cls: type[T], columns: Sequence[Sequence[Any]]) -> list[T]:
    """:func:`build_many` for data already in columns (one sequence per field, in order)
    — saves transposing rows that a database returned as columns' worth of tuples."""
    check = _CHECKS.get(cls)
    checked = check(list(columns)) if check is not None else None  # type: ignore[arg-type]
    if checked is None:
        return [cls(*r) for r in zip(*columns, strict=True)]  # raises the precise ValidationError
    return _fill(cls, checked)
