"""I/O layer: what the table and graph formats share — text cells for every field, and an
all-or-nothing builder that names the place (file, row, node …) of every problem.

Cell conventions (CSV cells, GraphML/GEXF attribute values, Kumu attributes):

* numbers: plain decimal (``1500``, ``0.05``, ``2.5e6``); on import also ``1,000,000``
  (thousands), ``5%``, full-width digits and, in money and quantity fields, ``1万``, ``1.2亿``,
  ``2k``, ``3M`` (the engine's edit rules, :mod:`ecodesk.commands.editrules`); ``1,5`` is
  refused as ambiguous. An empty cell means the field's default (``None`` for optional numbers).
* lists of ids (entity ``ecosystems``, pool ``members``): ``car;home`` (``；`` accepted).
* mappings (``weights``, ``floors``, ``claims``): ``auto=2;homeco=1``.
* ``tiers``: ``up_to:rate`` pairs, ``1000000:0.2;:0.15``; an empty ``up_to`` is "no bound".
* ``ranges`` (SPEC §3.7): ``volume=80..120;risk=0.05..0.2`` (ends read like numbers of their
  field: ``volume=8万..12万``, ``risk=5%..20%``; ``~`` also separates the ends); empty: none.
* any of these may instead hold JSON (``["a","b"]``, ``{"a": 2}``, ``[{"up_to": null, "rate": 0.1}]``);
  export writes JSON only when an id contains a separator, so every model round-trips exactly.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from ecodesk.commands.editrules import allows_magnitude, split_suffix
from ecodesk.io.autoplace import fill_positions, missing_ids
from ecodesk.io.errors import Problem
from ecodesk.model import kinds
from ecodesk.model.errors import ValidationError
from ecodesk.model.objects import COLLECTIONS, MAX_TEXT_LENGTH, ModelObject, Tier, make
from ecodesk.model.ranges import format_ranges, split_ranges_text
from ecodesk.model.scenario import Scenario
from ecodesk.model.views import View

# --- problems with a place ---------------------------------------------------------------


class Located(ValidationError):
    """A problem at a place inside a file, as whole sentences in English and Chinese.

    It renders through :class:`~ecodesk.io.errors.FormatError` like any model error, so the
    place ("row 7, column 'risk'") is translated too.
    """

    def __init__(self, en: str, zh: str = "") -> None:
        super().__init__("", "", "", en, zh or en)

    def sentence(self, lang: str = "en") -> str:
        return self.message_zh if lang.startswith("zh") else self.message


@dataclass(frozen=True)
class Place:
    """Where something is: the file (``source``) and a spot in it, in English and Chinese."""

    source: str
    en: str
    zh: str

    def problem(self, en: str, zh: str) -> Problem:
        here_en, here_zh = clip(self.en), clip(self.zh)
        return (self.source, Located(f"{here_en}: {en}" if here_en else en, f"{here_zh}：{zh}" if here_zh else zh))

    def model_problem(self, exc: ValidationError) -> Problem:
        return self.problem(exc.sentence("en"), exc.sentence("zh"))


def clip(text: str, keep: int = 200) -> str:
    """``text`` cut to ``keep`` characters and an ellipsis (a place naming a 20 MB id stays readable)."""
    return text if len(text) <= keep else text[:keep] + "…"


def problem(source: str, en: str, zh: str) -> Problem:
    """A problem of the whole file ``source``."""
    return (source, Located(en, zh))


class CellError(ValueError):
    """A cell whose text cannot become the field's value (English and Chinese)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh


# --- field types ---------------------------------------------------------------------------

TEXT, ID, NUMBER, ENUM, IDS, MAPPING, TIERS, RANGES = "text", "id", "number", "enum", "ids", "mapping", "tiers", "ranges"
_REFS = {"id", "owner", "source", "target", "entity", "capability"}


def _field_type(name: str, annotation: str) -> str:
    ann = annotation.replace(" ", "")
    if name in _REFS:
        return ID
    if name == "ranges":
        return RANGES
    if ann in ("str",):
        return TEXT
    if ann in ("float", "float|None", "int"):
        return NUMBER
    if ann == "tuple[str,...]":
        return IDS
    if ann == "dict[str,float]":
        return MAPPING
    if ann == "tuple[Tier,...]":
        return TIERS
    if isinstance(getattr(kinds, ann, None), type):
        return ENUM
    raise TypeError(f"no cell type for field {name}: {annotation}")  # a new model field: teach it here


def _enum_of(annotation: str) -> type[kinds.LabelledEnum]:
    return getattr(kinds, annotation.strip())


#: For each collection, its fields in model order with their cell type.
FIELDS: dict[str, dict[str, str]] = {
    cname: {f.name: _field_type(f.name, str(f.type)) for f in fields(cls)}
    for cname, cls in COLLECTIONS.items()
}
ENUMS: dict[tuple[str, str], type[kinds.LabelledEnum]] = {
    (cname, f.name): _enum_of(str(f.type))
    for cname, cls in COLLECTIONS.items() for f in fields(cls)
    if FIELDS[cname][f.name] == ENUM
}

# --- writing cells -------------------------------------------------------------------------

_SEPARATORS = ";；"


def format_number(value: float | int | None) -> str:
    """Shortest exact text: ``1500`` for 1500.0, ``0.1`` for 0.1, '' for None."""
    if value is None:
        return ""
    v = float(value)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def _plain(item: str, extra: str = "") -> bool:
    return (bool(item) and item == item.strip() and item[0] not in "[{"
            and not any(c in item for c in _SEPARATORS + "\r\n" + extra))


def format_list(items: Iterable[str]) -> str:
    items = list(items)
    if all(_plain(i) for i in items):
        return ";".join(items)
    return json.dumps(items, ensure_ascii=False)


def format_mapping(mapping: Mapping[str, float]) -> str:
    if all(_plain(k, "=:：") for k in mapping):
        return ";".join(f"{k}={format_number(v)}" for k, v in mapping.items())
    return json.dumps(dict(mapping), ensure_ascii=False)


def format_tiers(tiers: Iterable[Tier]) -> str:
    return ";".join(f"{format_number(t.up_to)}:{format_number(t.rate)}" for t in tiers)


def format_cell(cname: str, fld: str, value: Any) -> str:
    """The cell text of ``value`` for field ``fld`` of a ``cname`` object."""
    kind = FIELDS[cname][fld]
    if value is None:
        return ""
    if kind == NUMBER:
        return format_number(value)
    if kind == ENUM:
        return str(value.value)
    if kind == IDS:
        return format_list(value)
    if kind == MAPPING:
        return format_mapping(value)
    if kind == TIERS:
        return format_tiers(value)
    if kind == RANGES:
        return format_ranges(value)
    return str(value)


def object_cells(cname: str, obj: ModelObject) -> dict[str, str]:
    return {f: format_cell(cname, f, getattr(obj, f)) for f in FIELDS[cname]}


# --- reading cells -------------------------------------------------------------------------

#: Most digits a number in an imported file may have (a float holds at most 309 before the point).
MAX_DIGITS = 300
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_number(text: str, field: str = "") -> float:
    """A number from a cell of ``field`` (any field when ''); raises CellError with the text quoted.

    Besides plain numbers: thousands separators, ``5%``, and — where the field is money or a
    quantity (:func:`ecodesk.commands.editrules.allows_magnitude`) — the magnitudes a planner
    writes in a sheet: ``1万`` = 10,000, ``1.2亿``, ``2k``, ``3M`` (the edit rules' suffixes).
    """
    t = unicodedata.normalize("NFKC", text).strip()
    t, power = split_suffix(t)
    if power > 0 and field and not allows_magnitude(field):
        raise CellError(f"{text.strip()!r}: {field} takes a plain number, without 万, 亿 or k",
                        f"{text.strip()!r}：{field} 请填写数值，不能使用万、亿、k 等单位")
    t = t.strip()
    digits = sum(c.isdigit() for c in t) if len(t) > MAX_DIGITS else 0
    if digits > MAX_DIGITS:
        raise CellError(f"a number of {digits} digits is too long (at most {MAX_DIGITS})",
                        f"{digits} 位的数字过长（最多 {MAX_DIGITS} 位）")
    if _THOUSANDS.fullmatch(t):
        t = t.replace(",", "")
    if not _NUMBER.fullmatch(t):
        raise CellError(f"{text.strip()!r} is not a number", f"{text.strip()!r} 不是数字")
    value = float(Decimal(t).scaleb(power)) if power else float(t)
    if not math.isfinite(value):
        raise CellError(f"{text.strip()!r} is too large", f"{text.strip()!r} 数值过大")
    return value


def json_loads(text: str, **kwargs: Any) -> Any:
    """``json.loads`` for JSON inside a file (a cell, a graph attribute): ValueError, never
    RecursionError, on deep nesting; whole numbers of more than MAX_DIGITS digits refused."""
    try:
        return json.loads(text, parse_int=_bounded_int, **kwargs)
    except RecursionError:
        raise ValueError("it is nested too deeply") from None


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise ValueError(f"a number of {digits} digits is too long (at most {MAX_DIGITS})")
    return int(text)


def _json_cell(text: str, expect: type) -> Any:
    try:
        value = json_loads(text, parse_constant=_no_constant)
    except ValueError as exc:
        raise CellError(f"{text!r} is not valid JSON ({exc})", f"{text!r} 不是有效的 JSON（{exc}）") from None
    if not isinstance(value, expect):
        name = "a list" if expect is list else "an object"
        zh = "列表" if expect is list else "对象"
        raise CellError(f"{text!r} must be {name}", f"{text!r} 必须是{zh}")
    return value


def _no_constant(value: str) -> Any:
    raise ValueError(f"{value} is not allowed")


def _pieces(text: str) -> list[str]:
    return [p.strip() for p in re.split(f"[{_SEPARATORS}]", text) if p.strip()]


def parse_list(text: str) -> list[str]:
    t = text.strip()
    if t.startswith("["):
        value = _json_cell(t, list)
        if not all(isinstance(v, str) for v in value):
            raise CellError(f"{t!r} must be a list of ids (text)", f"{t!r} 必须是 id（文本）列表")
        return value
    return _pieces(t)


def parse_mapping(text: str, field: str = "") -> dict[str, Any]:
    t = text.strip()
    if t.startswith("{"):
        return _json_cell(t, dict)
    out: dict[str, Any] = {}
    for piece in _pieces(t):
        for sep in ("=", ":", "："):
            key, found, value = piece.rpartition(sep)
            if found:
                break
        if not found or not key.strip():
            raise CellError(f"{piece!r} should read id=number", f"{piece!r} 应写作 id=数值")
        key = key.strip()
        if key in out:
            raise CellError(f"{key!r} appears twice", f"{key!r} 出现了两次")
        out[key] = parse_number(value, field)
    return out


def parse_ranges(text: str) -> dict[str, Any]:
    """A ``ranges`` cell: ``volume=80..120;risk=5%..20%`` (each end read like a number of its
    field: ``8万..12万``) or JSON ``{"volume": [80, 120]}``; the model judges the ranges."""
    t = text.strip()
    if t.startswith("{"):
        return _json_cell(t, dict)
    try:
        parts = split_ranges_text(t)
    except ValueError as exc:
        raise CellError(f"{exc.args[0]} (e.g. volume=80..120;risk=0.05..0.2)",
                        f"{exc.args[1]}（如 volume=80..120;risk=0.05..0.2）") from None
    out: dict[str, Any] = {}
    for name, low, high in parts:
        if name in out:
            raise CellError(f"{name!r} appears twice", f"{name!r} 出现了两次")
        out[name] = [parse_number(low, name), parse_number(high, name)]
    return out


_NO_BOUND = {"", "none", "null", "inf", "infinity", "∞", "-", "无", "无上限"}


def parse_tiers(text: str, field: str = "tiers") -> list[dict[str, Any]]:
    t = text.strip()
    if t.startswith("["):
        tiers = []
        for item in _json_cell(t, list):
            if isinstance(item, list) and len(item) == 2:
                item = {"up_to": item[0], "rate": item[1]}
            tiers.append(item)
        return tiers
    out = []
    for piece in _pieces(t):
        up, found, rate = piece.replace("：", ":").rpartition(":")
        if not found:
            raise CellError(f"{piece!r} should read up_to:rate (empty up_to for no bound)",
                            f"{piece!r} 应写作 上限:比例（无上限时上限留空）")
        out.append({"up_to": None if up.strip().casefold() in _NO_BOUND else parse_number(up, f"{field}.up_to"),
                    "rate": parse_number(rate, f"{field}.rate")})
    return out


def match_enum(enum: type[kinds.LabelledEnum], text: str) -> Any:
    """The member whose value or English/Chinese label (or one part of a label such as 'A / B')
    is ``text``, case-insensitive; else None."""
    key = " ".join(text.split()).casefold()
    for member in enum:
        labels = {member.value, member.en.casefold(), member.zh}
        for label in (member.en, member.zh):
            labels.update(part.strip().casefold() for part in label.split("/"))  # 'Platform', '平台'
        if key in labels:
            return member
    return None


#: Marks an empty cell: the field keeps its default.
OMIT = object()


def parse_cell(cname: str, fld: str, text: str) -> Any:
    """The value of a cell (OMIT when empty); raises CellError."""
    kind = FIELDS[cname][fld]
    if kind == TEXT:
        return text if text else OMIT
    if not text.strip():
        return OMIT
    if kind == ID:
        return text.strip()
    if kind == NUMBER:
        return parse_number(text, fld)
    if kind == ENUM:
        member = match_enum(ENUMS[cname, fld], text)
        return member.value if member is not None else text.strip()  # the model names the allowed values
    if kind == IDS:
        return parse_list(text)
    if kind == MAPPING:
        return parse_mapping(text, fld)
    if kind == RANGES:
        return parse_ranges(text)
    return parse_tiers(text, fld)


def parse_cells(cname: str, cells: Mapping[str, str], place: Place, problems: list[Problem],
                column: str = "column") -> dict[str, Any]:
    """A SPEC-shaped mapping from cell texts, one problem per bad cell (``column`` names the
    kind of slot in messages: 'column' for CSV, 'attribute' for graphs)."""
    column_zh = {"column": "列", "attribute": "属性"}.get(column, column)
    out: dict[str, Any] = {}
    for fld, text in cells.items():
        try:
            value = parse_cell(cname, fld, text)
        except CellError as exc:
            cell = Place(place.source, f"{place.en}, {column} '{fld}'", f"{place.zh}，{column_zh} '{fld}'")
            problems.append(cell.problem(exc.en, exc.zh))
            continue
        if value is not OMIT:
            out[fld] = value
    return out


# --- building ------------------------------------------------------------------------------


@dataclass
class Row:
    """One object to build: its SPEC-shaped data and where it came from."""

    place: Place
    data: dict[str, Any]
    #: False when a cell was already reported as bad: the row is not built, but its id is
    #: known, so references to it are not reported a second time.
    ok: bool = True


#: Collections whose objects may come without an id, and the prefix of the ids given to them.
AUTO_IDS = {"needs": "need", "flows": "flow", "annotations": "note"}


def build_scenario(name: str, rows: Mapping[str, list[Row]], problems: list[Problem],
                   remarks: list[tuple[str, str]] | None = None, *, foreign: bool = False) -> Scenario | None:
    """A scenario from staged rows, or None after appending one problem per bad row.

    Objects are made first (field problems); only when all are valid are they added in
    dependency order, so that a missing reference is reported at its own row too. Entity
    rows without x and y are laid out (:mod:`ecodesk.io.autoplace`; ``foreign``: rows from
    another tool's file, where entities all at one point count as unplaced), with a remark
    appended to ``remarks`` (the caller's ``project.import_remarks``).
    """
    before = len(problems)
    staged: dict[str, list[tuple[Place, ModelObject]]] = {}
    unnamed: list[tuple[str, int]] = []
    failed: set[str] = set()  # ids of objects that could not be made
    for cname, cls in COLLECTIONS.items():
        objs: list[tuple[Place, ModelObject]] = []
        for row in rows.get(cname, []):
            data = row.data
            if not row.ok:
                if isinstance(data, Mapping) and isinstance(data.get("id"), str):
                    failed.add(data["id"])
                continue
            auto = cname in AUTO_IDS and isinstance(data, Mapping) and not data.get("id")
            if auto:
                data = {**data, "id": f"\0{len(objs)}"}  # placeholder, named below
            too_long = _long_id(cname, data)
            if too_long is not None:
                problems.append(row.place.problem(*too_long))
                if isinstance(data, Mapping) and isinstance(data.get("id"), str):
                    failed.add(data["id"])
                continue
            try:
                objs.append((row.place, make(cls, data)))
                if auto:  # only once made: a refused row has no place in objs to name
                    unnamed.append((cname, len(objs) - 1))
            except ValidationError as exc:
                if auto and exc.obj_id.startswith("\0"):  # the placeholder id is no name to show
                    exc = ValidationError(exc.what, "", exc.field, exc.message, exc.message_zh)
                problems.append(row.place.model_problem(exc))
                if isinstance(data, Mapping) and isinstance(data.get("id"), str) and not auto:
                    failed.add(data["id"])
        staged[cname] = objs
    _name_unnamed(staged, unnamed)
    if len(problems) == before and staged.get("entities"):
        placed = fill_positions([o for _, o in staged["entities"]], [o for _, o in staged.get("flows", [])],
                                missing_ids(rows.get("entities", [])), name, remarks, stacked=foreign)
        staged["entities"] = [(p, o) for (p, _), o in zip(staged["entities"], placed)]
    scenario = Scenario(name)
    for cname in COLLECTIONS:
        for place, obj in staged[cname]:
            try:
                scenario.add(obj)
            except ValidationError as exc:
                if not _names_failed(obj, exc, failed):  # its own problem was reported already
                    problems.append(place.model_problem(exc))
    return None if len(problems) > before else scenario


def _long_id(cname: str, data: Any) -> tuple[str, str] | None:
    """Why a row's ids are refused: one longer than MAX_TEXT_LENGTH (texts are bounded by the model)."""
    if not isinstance(data, Mapping):
        return None
    for fld, value in data.items():
        kind = FIELDS[cname].get(fld)
        if kind not in (ID, IDS, MAPPING):
            continue
        values = list(value) if isinstance(value, (list, tuple, Mapping)) else [value]
        for v in values:
            if isinstance(v, str) and len(v) > MAX_TEXT_LENGTH:
                return (f"'{fld}' holds an id of {len(v):,} characters (at most {MAX_TEXT_LENGTH:,})",
                        f"'{fld}' 中的 id 长 {len(v):,} 个字符（最多 {MAX_TEXT_LENGTH:,} 个）")
    return None


def _names_failed(obj: ModelObject, exc: ValidationError, failed: set[str]) -> bool:
    if not failed or exc.field == "id":
        return False
    value = getattr(obj, exc.field, None)
    if isinstance(value, str):
        return value in failed
    if isinstance(value, tuple):
        return any(v in failed for v in value)
    return exc.field == "source" and getattr(obj, "capability", None) in failed


def _name_unnamed(staged: dict[str, list[tuple[Place, ModelObject]]], unnamed: list[tuple[str, int]]) -> None:
    taken = {o.id for objs in staged.values() for _, o in objs}
    counters = dict.fromkeys(AUTO_IDS, 0)
    for cname, pos in unnamed:
        prefix = AUTO_IDS[cname]
        while True:
            counters[cname] += 1
            new_id = f"{prefix}{counters[cname]}"
            if new_id not in taken:
                break
        taken.add(new_id)
        place, obj = staged[cname][pos]
        staged[cname][pos] = (place, obj.evolve(id=new_id))


def unique_id(wanted: str, taken: set[str], fallback: str) -> str:
    """``wanted`` made a valid id not in ``taken`` (``fallback`` when empty); adds it to ``taken``."""
    base = " ".join(str(wanted).split()) or fallback
    new, n = base, 1
    while new in taken:
        n += 1
        new = f"{base}~{n}"
    taken.add(new)
    return new


# --- the views table (project level: the slides, in presentation order) -------------------------

#: Columns of the views table: the view's fields, its ``rect`` as four number columns (what a
#: planner edits in a sheet), ``hidden_kinds`` as a list (``money;data``), ``panel`` empty for none.
VIEW_COLUMNS = ("id", "title", "scenario", "x", "y", "width", "height", "color_mode", "hidden_kinds", "panel", "text")
VIEW_NUMBERS = ("x", "y", "width", "height")


def view_cells(view: View) -> dict[str, str]:
    """The cells of one row of the views table."""
    x, y, w, h = view.rect
    return {"id": view.id, "title": view.title, "scenario": view.scenario, "x": format_number(x),
            "y": format_number(y), "width": format_number(w), "height": format_number(h),
            "color_mode": view.color_mode, "hidden_kinds": format_list(k.value for k in view.hidden_kinds),
            "panel": view.panel or "", "text": view.text}


def view_from_cells(cells: Mapping[str, str], place: Place, problems: list[Problem],
                    default: View | None = None) -> View | None:
    """A view from the cells of one row (missing or empty cells: the defaults); None after
    appending one problem per bad cell, or the model's refusal naming the field."""
    base = default or View("view")
    before = len(problems)

    def bad(col: str, exc: CellError) -> None:
        problems.append(Place(place.source, f"{place.en}, column '{col}'", f"{place.zh}，列 '{col}'").problem(
            exc.en, exc.zh))

    rect = list(base.rect)
    for i, col in enumerate(VIEW_NUMBERS):
        text = cells.get(col, "")
        if text.strip():
            try:
                rect[i] = parse_number(text, col)
            except CellError as exc:
                bad(col, exc)
    hidden: list[str] = []
    try:
        for piece in parse_list(cells.get("hidden_kinds", "")):
            member = match_enum(kinds.FlowKind, piece)
            hidden.append(member.value if member is not None else piece)  # the model names the allowed kinds
    except CellError as exc:
        bad("hidden_kinds", exc)
    if len(problems) > before:
        return None
    text_of = {k: cells.get(k, "") for k in ("title", "scenario", "text")}
    try:
        return View(id=cells.get("id", "").strip(), **text_of, rect=(rect[0], rect[1], rect[2], rect[3]),
                    color_mode=cells.get("color_mode", "").strip(), hidden_kinds=tuple(hidden),
                    panel=cells.get("panel", "").strip() or None)
    except ValidationError as exc:
        problems.append(place.model_problem(exc))
        return None


def note_value(value: Any) -> str:
    """A foreign attribute value as the text of a ``key: value`` note line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_number(value) if math.isfinite(value) else str(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(note_value(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


__all__ = [
    "AUTO_IDS", "FIELDS", "OMIT", "VIEW_COLUMNS", "VIEW_NUMBERS", "CellError", "Located", "Place", "Row",
    "build_scenario", "format_cell", "format_list", "format_mapping", "format_number", "format_tiers", "match_enum",
    "note_value", "object_cells", "parse_cell", "parse_cells", "parse_list", "parse_mapping", "parse_number",
    "parse_tiers", "problem", "unique_id", "view_cells", "view_from_cells",
]
