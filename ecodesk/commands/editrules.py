"""Commands layer (pure Python): the rules of an edit — turning "set this field of that
object to what the planner typed" into a validated object and a command.

Every front end edits the same way through this module: the inspector, the tables, the
canvas, the importers and the command line.

* **Numbers as planners type them** (:func:`parse_number`): "3,000", "3，000", "１２"
  (full-width), "−5" (a typographic minus), "1e6"; and, where the field's unit allows
  (:data:`FIELD_UNITS`):

  - money and quantity fields take the Chinese magnitudes 万 (10⁴) and 亿 (10⁸) and
    the Western k/K/千 (10³) and M/百万 (10⁶): "1万" = 10,000, "1.2亿" = 120,000,000,
    "2k" = "2K" = 2,000 (both cases: the app's own summaries print "K");
  - fraction fields (risk, a tier's rate, thresholds) take a percentage: "15%" = 0.15;
  - positions (x, y) and the scale exponent β take plain numbers only;
  - an entity's drawing size (:data:`SCALE`) takes a factor or a percentage: "1.5" =
    "150%" (whether it lies in 25 %–400 % is the model's to say, never clamped).

  Anything else is refused with a :class:`ValidationError` naming the object and the
  field — never guessed, never clamped. Ranges (no negative demand, risk at most 1) are
  the model's to check: :func:`evolved` builds the object, which refuses.
* **Colours as planners type them** (:func:`parse_color`): an entity's colour "#F90",
  "#FF9900" or "ff9900" is "#ff9900"; empty text returns it to its kind's colour.
* **Dependent fields** (:func:`evolved`): a flow that stops being a capability flow drops
  its capability and standalone cost (and one that becomes one takes its source's first
  capability); a pool whose new type does not allow its rule takes the first rule that
  fits; a pool's new member list prunes weights, floors and claims of those who left.
* **Ranges** (SPEC §3.7): "80..120" for one field (:func:`parse_range_text`), the text form
  "volume=80..120;risk=5%..20%" of tables and files (:func:`parse_ranges_text`), set or
  removed as one undo step (:func:`range_command`); a value edit that would leave the value
  outside its range is refused with the reason ("change the range first"), never clamped.
* **New objects** (:func:`new_object`) with defaults from the selection and default names
  in English or Chinese (:func:`default_name`).

Nothing here changes the model: it builds objects (which validate themselves) and commands.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ecodesk.commands.edits import ChangeObject, unique_id
from ecodesk.commands.history import tr_noop
from ecodesk.model.errors import ValidationError
from ecodesk.model.kinds import RULES_BY_TYPE, EntityKind, FlowKind, PoolRule, PoolType
from ecodesk.model.labels import FIELD_LABELS
from ecodesk.model.objects import (
    Annotation,
    Capability,
    Ecosystem,
    Entity,
    Flow,
    ModelObject,
    Need,
    Pool,
    normalize_color,
)
from ecodesk.model.ranges import RANGE_FIELDS_BY_WHAT, num_text, split_ranges_text, with_range, without_range
from ecodesk.model.scenario import Scenario

# units ---------------------------------------------------------------------------

MONEY = "money"  #: an amount of money: magnitudes (万, 亿, k, M) allowed
QUANTITY = "quantity"  #: a count or volume: magnitudes allowed
FRACTION = "fraction"  #: a share from 0 to 1: percentages allowed ("15%")
PLAIN = "plain"  #: a plain number only (positions, the scale exponent β)
SCALE = "scale"  #: a drawing scale: a plain factor or a percentage ("1.5" or "150%")

#: Field (its base name: ``weights[e1]`` → ``weights``, ``tiers[0].rate`` → ``rate``) → unit.
FIELD_UNITS: dict[str, str] = {
    "demand": QUANTITY, "capacity": QUANTITY, "volume": QUANTITY, "weights": QUANTITY, "up_to": QUANTITY,
    "revenue": MONEY, "fixed_cost": MONEY, "unit_cost": MONEY, "unit_value": MONEY, "standalone_cost": MONEY,
    "amount": MONEY, "floors": MONEY, "claims": MONEY,
    "risk": FRACTION, "rate": FRACTION, "threshold": FRACTION, "cascade_threshold": FRACTION,
    "x": PLAIN, "y": PLAIN, "scale_exponent": PLAIN, "width": PLAIN, "height": PLAIN,
    "size": SCALE,
}

#: Suffixes multiplying a money or quantity number.
MAGNITUDES: dict[str, float] = {"k": 1e3, "K": 1e3, "千": 1e3, "万": 1e4, "M": 1e6, "百万": 1e6, "亿": 1e8}
_POWERS = {suffix: len(str(int(v))) - 1 for suffix, v in MAGNITUDES.items()}

#: Fields holding optional numbers: empty text means "none".
OPTIONAL_NUMBERS = frozenset({"revenue", "capacity", "standalone_cost"})
#: Fields holding required numbers.
NUMBERS = frozenset({"demand", "risk", "x", "y", "fixed_cost", "unit_cost", "volume", "unit_value", "amount",
                     "scale_exponent", "size", "width", "height"})
ENUMS: dict[str, dict[str, Any]] = {
    "entity": {"kind": EntityKind},
    "flow": {"kind": FlowKind},
    "pool": {"type": PoolType, "rule": PoolRule},
}

#: Command labels (translated by the UI in context ``commands``).
CHANGE_FIELD = tr_noop("Change {field} of {what} '{name}'")
SET_FOR_SELECTED = tr_noop("Set {field} for {n} objects")

#: Default names of new objects, (English, Chinese).
DEFAULT_NAMES: dict[str, tuple[str, str]] = {
    "entity": ("New entity", "新主体"),
    "ecosystem": ("New ecosystem", "新生态"),
    "capability": ("New capability", "新能力"),
    "pool": ("New pool", "新共享安排"),
    "category": ("service", "服务"),  # the category of a new capability or need
}

#: Size of a new note (便签) in canvas units.
NOTE_WIDTH, NOTE_HEIGHT = 220.0, 120.0

#: Colours offered to new ecosystems, in turn.
ECOSYSTEM_COLORS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7")

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_SUFFIX = re.compile(r"^(?P<num>.*?)(?P<suffix>百万|[kK千万M亿]|%)$")


def split_suffix(text: str) -> tuple[str, int]:
    """A number's text and the power of ten its suffix stands for: ("1.2", 8) for "1.2亿",
    ("15", -2) for "15%", ("2", 3) for "2k"; (text, 0) when it has none (importers use this
    with their own, stricter, reading of the number itself)."""
    m = _SUFFIX.match(text)
    if m is None or not m["num"].strip():
        return text, 0
    return m["num"], -2 if m["suffix"] == "%" else _POWERS[m["suffix"]]


def allows_magnitude(field: str) -> bool:
    """Whether ``field`` takes 万, 亿, k … (money and quantities do; shares and positions not)."""
    return field_unit(field) in (MONEY, QUANTITY)


def _base(field: str) -> str:
    """The field a part of one belongs to: ``weights[e1]`` → weights, ``tiers[0].rate`` →
    rate; a range's ends are numbers of their field: ``ranges[volume]`` → volume."""
    if field.startswith("ranges[") and field.endswith("]"):
        return field[len("ranges["):-1]
    return field.rsplit(".", 1)[-1].split("[", 1)[0]


def field_unit(field: str) -> str:
    """The unit of a field or of a part of one (``weights[e1]``, ``tiers[0].rate``,
    ``ranges[risk]``)."""
    return FIELD_UNITS.get(_base(field), PLAIN)


def _refuse(obj: ModelObject | None, field: str, en: str, zh: str) -> ValidationError:
    what = obj.WHAT if obj is not None else "object"
    obj_id = getattr(obj, "id", "") if obj is not None else ""
    return ValidationError(what, obj_id, field, en, zh)


def parse_number(obj: ModelObject | None, field: str, text: Any) -> float | None:
    """What the planner typed into ``field`` of ``obj``, as a float (None: empty optional field).

    Numbers (not bools) pass through as floats. Text is read as described in the module
    docstring; refusals raise :class:`ValidationError` naming ``obj`` and ``field``.
    """
    if text is None or (isinstance(text, (int, float)) and not isinstance(text, bool)):
        return None if text is None else float(text)
    typed = str(text)
    s = unicodedata.normalize("NFKC", typed).strip()
    for sep in (",", "_", " ", "\u00a0", "\u2009", "\u202f"):
        s = s.replace(sep, "")
    s = s.replace("\u2212", "-").replace("\u2013", "-")  # a typographic minus or dash
    if s in ("", "—", "-"):
        if _base(field) in OPTIONAL_NUMBERS and not field.startswith("ranges["):
            return None
        raise _refuse(obj, field, "needs a number", "需要填写数值")
    factor = 1
    m = _SUFFIX.match(s)
    if m is not None and _NUMBER.match(m["num"]):
        unit = field_unit(field)
        suffix = m["suffix"]
        if suffix == "%":
            if unit not in (FRACTION, SCALE):
                raise _refuse(obj, field, f"takes no percentage: type a plain number (not '{typed}')",
                              f"不能填写百分比，请填写数值（不是“{typed}”）")
            factor = -2  # a power of ten: exact decimal scaling (15% is 0.15, 1.1万 is 11000)
        else:
            if unit == SCALE:
                raise _refuse(obj, field, f"takes a factor such as 1.5 or a percentage such as 150% (not '{typed}')",
                              f"请填写倍数（如 1.5）或百分比（如 150%）（不是“{typed}”）")
            if unit == FRACTION:
                raise _refuse(obj, field, f"takes a share from 0 to 1 or a percentage such as 15% (not '{typed}')",
                              f"请填写 0 到 1 之间的比例或百分比，如 15%（不是“{typed}”）")
            if unit not in (MONEY, QUANTITY):
                raise _refuse(obj, field, f"takes a plain number, without 万, 亿 or k (not '{typed}')",
                              f"请填写数值，不能使用万、亿、k 等单位（不是“{typed}”）")
            factor = _POWERS[suffix]
        s = m["num"]
    if not _NUMBER.match(s):
        if s.lower().lstrip("+-") in ("inf", "infinity", "nan"):
            return float(s)  # the model explains why it is no usable number
        raise _refuse(obj, field, f"'{typed}' is not a number", f"“{typed}”不是数字")
    if factor == 1:
        return float(s)
    from decimal import Decimal  # only for scaled numbers: keeps it out of the app's start-up

    return float(Decimal(s).scaleb(factor))


def parse_color(obj: ModelObject | None, field: str, text: Any) -> str:
    """An entity's (or a note's) colour as the planner typed it: "#F90", "#FF9900", "ff9900"
    (any case, spaces around) → "#ff9900"; empty → "" (back to the kind's colour, or the
    default note colour). Anything else is refused with the reason, never guessed."""
    typed = "" if text is None else str(text)
    color = normalize_color(typed)
    if color is None:
        shown = typed if len(typed) <= 40 else typed[:37] + "…"
        note = isinstance(obj, Annotation)
        raise _refuse(obj, field, f"'{shown}' is not a colour: type #rrggbb or #rgb in hex digits, e.g. #ff9900 or "
                      f"#f90, or leave it empty for the {'default note' if note else 'kind' + chr(39) + 's'} colour",
                      f"“{shown}”不是颜色：请填写 #rrggbb 或 #rgb 形式的十六进制颜色，如 #ff9900 或 #f90；"
                      f"留空则使用{'默认便签颜色' if note else '类型的颜色'}")
    return color


def parse_size(obj: ModelObject | None, text: Any) -> float:
    """An entity's drawing size as typed: "150%", "150 %" or "1.5" → 1.5 (the model refuses
    one outside 25 %–400 %, naming the bounds; nothing is clamped)."""
    value = parse_number(obj, "size", text)
    if value is None:  # (size is a required number: parse_number refuses empty text)
        raise _refuse(obj, "size", "needs a number", "需要填写数值")
    return value


def new_note(scenario: Scenario, x: float, y: float, text: str = "", color: str = "",
             width: float = NOTE_WIDTH, height: float = NOTE_HEIGHT) -> Annotation:
    """A workshop note (便签) with its top-left corner at (x, y) and a fresh id ("note1", …)."""
    return Annotation(unique_id(scenario, "note"), text=text, x=round(x, 1), y=round(y, 1), width=width,
                      height=height, color=color)


def parse_id_list(scenario: Scenario, obj: ModelObject, field: str, text: Any, coll: str) -> tuple[str, ...]:
    """Ids from a list or from "name, name2" text (names or ids of objects in ``coll``)."""
    if isinstance(text, (list, tuple)):
        return tuple(str(t) for t in text)
    collection = getattr(scenario, coll)
    out: list[str] = []
    for token in str(text or "").replace("，", ",").replace(";", ",").replace("；", ",").split(","):
        token = token.strip()
        if not token:
            continue
        if token in collection:
            out.append(token)
            continue
        match = [o.id for o in collection if getattr(o, "name", "") == token]
        if not match:
            what = {"ecosystems": "ecosystem", "entities": "entity"}[coll]
            raise ValidationError(obj.WHAT, obj.id, field, f"there is no {what} called '{token}'",
                                  f"没有名为“{token}”的{'生态' if what == 'ecosystem' else '主体'}")
        out.append(match[0])
    return tuple(out)


# ranges ----------------------------------------------------------------------------

_RANGE_FORM = ("is not field=low..high (e.g. volume=80..120;risk=5%..20%)",
               "不是 字段=下限..上限 的形式（如 volume=80..120;risk=5%..20%）")


def parse_range_text(obj: ModelObject | None, field: str, text: Any) -> tuple[float, float]:
    """A range of ``field`` as the planner typed it — "80..120", "8万..12万", "5%..20%" for
    a risk, "80~120" — as (low, high); each end read like :func:`parse_number`. Raises
    :class:`ValidationError` naming the object and ``ranges[field]``; whether the range fits
    the value is the model's to check (:func:`ecodesk.model.ranges.with_range`)."""
    fld = f"ranges[{field}]"
    typed = "" if text is None else str(text).strip()
    try:
        parts = split_ranges_text(f"{field}={typed}")
    except ValueError:
        raise _refuse(obj, fld, f"'{typed}' is not low..high (e.g. 80..120)",
                      f"“{typed}”不是 下限..上限 的形式（如 80..120）") from None
    if len(parts) != 1:
        raise _refuse(obj, fld, f"'{typed}' is not low..high (e.g. 80..120)",
                      f"“{typed}”不是 下限..上限 的形式（如 80..120）")
    _, low, high = parts[0]
    lo, hi = parse_number(obj, fld, low), parse_number(obj, fld, high)
    if lo is None or hi is None:  # "—" in an optional field: no number
        raise _refuse(obj, fld, "needs a number at both ends", "上下限都需要填写数值")
    return lo, hi


def _range_field(obj: ModelObject | None, name: str) -> str:
    """A field named in a ranges text: its code name, or its label in either language."""
    allowed = RANGE_FIELDS_BY_WHAT.get(obj.WHAT if obj is not None else "", ())
    if name in allowed:
        return name
    folded = name.casefold()
    for code in allowed:
        en, zh = FIELD_LABELS.get(code, (code, code))
        if folded in (en.casefold(), zh):
            return code
    return name  # the model refuses it by name


def parse_ranges_text(obj: ModelObject | None, text: Any) -> dict[str, tuple[float, float]]:
    """The ranges of ``obj`` from their text form — "volume=80..120;risk=0.05..0.2", as in
    tables, CSV and xlsx ("" is none); fields by code name or label, numbers as planners
    type them. Raises :class:`ValidationError` naming the object and the field."""
    typed = "" if text is None else str(text)
    try:
        parts = split_ranges_text(typed)
    except ValueError as exc:
        shown = typed if len(typed) <= 60 else typed[:57] + "…"
        raise _refuse(obj, "ranges", f"'{shown}' {_RANGE_FORM[0]}", f"“{shown}”{_RANGE_FORM[1]}") from exc
    out: dict[str, tuple[float, float]] = {}
    for name, low, high in parts:
        code = _range_field(obj, name)
        if code in out:
            raise _refuse(obj, "ranges", f"names {code} twice", f"重复填写了 {code} 的范围")
        out[code] = parse_range_text(obj, code, f"{low}..{high}")
    return out


def range_command(scenario: Scenario, obj: ModelObject, field: str, low: Any, high: Any) -> ChangeObject | None:
    """The command giving ``field`` of ``obj`` the range [low, high] (text as typed, or
    numbers); both None or empty: remove the range. One undo step; None when nothing would
    change. Raises ValidationError (nothing changes) when the range is refused."""
    empty = [v is None or (isinstance(v, str) and not v.strip()) for v in (low, high)]
    if all(empty):
        return remove_range_command(scenario, obj, field)
    if any(empty):
        raise _refuse(obj, f"ranges[{field}]", "needs both a low and a high end", "需要同时填写下限和上限")
    lo = parse_number(obj, f"ranges[{field}]", low)
    hi = parse_number(obj, f"ranges[{field}]", high)
    if lo is None or hi is None:
        raise _refuse(obj, f"ranges[{field}]", "needs a number at both ends", "上下限都需要填写数值")
    new = with_range(obj, field, lo, hi)
    return None if new == obj else _range_change(scenario, new, field)


def remove_range_command(scenario: Scenario, obj: ModelObject, field: str) -> ChangeObject | None:
    """The command removing the range of ``field`` (None when it has none)."""
    new = without_range(obj, field)
    return None if new is obj else _range_change(scenario, new, field)


def _range_change(scenario: Scenario, new: ModelObject, field: str) -> ChangeObject:
    cmd = ChangeObject(scenario, new, text=CHANGE_FIELD)
    cmd.params["field"] = f"ranges[{field}]"
    return cmd


def _check_within_range(obj: ModelObject, field: str, value: float | None) -> None:
    """Refuse a new value of ``field`` outside the range it carries (never clamped)."""
    bounds = getattr(obj, "ranges", {}).get(field)
    if bounds is None:
        return
    low, high = bounds
    shown = f"{num_text(low)}–{num_text(high)}"
    if value is None:
        raise _refuse(obj, field, f"cannot be left empty while it has a range {shown}: remove the range first",
                      f"设有范围 {shown}，不能留空：请先删除范围")
    if not low <= value <= high:
        raise _refuse(obj, field, f"{num_text(value)} is outside its range {shown}: change the range first",
                      f"{num_text(value)} 超出其范围 {shown}：请先修改范围")


def evolved(scenario: Scenario, obj: ModelObject, field: str, value: Any) -> ModelObject:
    """``obj`` with ``field`` set to ``value`` (parsed), dependent fields adjusted.

    Raises ValidationError (from parsing or the object's own checks); the model is untouched.
    """
    changes: dict[str, Any] = {}
    if field in NUMBERS or field in OPTIONAL_NUMBERS:
        changes[field] = parse_number(obj, field, value)
        _check_within_range(obj, field, changes[field])
    elif field == "ranges":  # the text form, or a mapping field → (low, high)
        changes[field] = parse_ranges_text(obj, value) if value is None or isinstance(value, str) else value
    elif field in ENUMS.get(obj.WHAT, {}):
        enum = ENUMS[obj.WHAT][field]
        try:
            changes[field] = enum(value)
        except ValueError:
            matches = [m for m in enum if value in (m.en, m.zh)]
            changes[field] = matches[0] if matches else value  # the model names the bad value
    elif field == "ecosystems":
        changes[field] = parse_id_list(scenario, obj, field, value, "ecosystems")
    elif field == "members":
        changes[field] = parse_id_list(scenario, obj, field, value, "entities")
    elif isinstance(obj, (Entity, Annotation)) and field == "color":
        changes[field] = parse_color(obj, field, value)
    else:
        changes[field] = value if value is None or isinstance(value, (str, tuple, dict)) else str(value)
    if isinstance(obj, Flow) and field == "kind":
        kind = changes["kind"]
        if kind == FlowKind.CAPABILITY.value and not obj.capability:
            owned = [c.id for c in scenario.capabilities if c.owner == obj.source]
            changes["capability"] = owned[0] if owned else None
        elif kind != FlowKind.CAPABILITY.value:
            changes["capability"] = None
            changes["standalone_cost"] = None
            if "standalone_cost" in obj.ranges:  # goes with the standalone cost it surrounded
                changes["ranges"] = {k: v for k, v in obj.ranges.items() if k != "standalone_cost"}
    if isinstance(obj, Flow) and field == "capability" and value in ("", None):
        changes["capability"] = None
    if isinstance(obj, Pool) and field == "type":
        ptype = next((t for t in PoolType if t.value == changes["type"]), None)  # None: the model refuses it
        if ptype is not None and obj.rule not in RULES_BY_TYPE[ptype]:
            changes["rule"] = RULES_BY_TYPE[ptype][0]
    if isinstance(obj, Pool) and field == "members":
        members = set(changes["members"])
        for m in ("weights", "floors", "claims"):
            changes[m] = {k: v for k, v in getattr(obj, m).items() if k in members}
    new: ModelObject = obj.evolve(**changes)
    return new


def change_command(scenario: Scenario, obj: ModelObject, field: str, value: Any,
                   merge: bool = False) -> ChangeObject:
    """A ChangeObject setting one field, labelled with it; merges keystrokes when ``merge``.

    Raises ValidationError when the value is refused (nothing changes)."""
    new = evolved(scenario, obj, field, value)
    cmd = ChangeObject(scenario, new, text=CHANGE_FIELD, merge_key=field if merge else None)
    cmd.params["field"] = field
    return cmd


# new objects -------------------------------------------------------------------

def default_name(what: str, lang: str = "en") -> str:
    """The name a new object of kind ``what`` gets ('category': a new capability's category)."""
    en, zh = DEFAULT_NAMES.get(what, ("", ""))
    return zh if lang.lower().startswith("zh") else en


def _near(scenario: Scenario) -> tuple[float, float]:
    if not len(scenario.entities):
        return 0.0, 0.0
    xs = [e.x for e in scenario.entities]
    ys = [e.y for e in scenario.entities]
    return max(xs) + 160.0, sum(ys) / len(ys)


def new_object(scenario: Scenario, what: str, selected: list[ModelObject] | None = None,
               lang: str = "en") -> ModelObject:
    """A fresh object of kind ``what`` with defaults taken from the selection, named in ``lang``.

    Raises ValidationError when it cannot exist yet (a flow needs two entities …).
    """
    selected = selected or []
    sel_entities = [o for o in selected if isinstance(o, Entity)]
    entities = list(scenario.entities)
    if what == "entity":
        x, y = _near(scenario)
        return Entity(unique_id(scenario, "e"), name=default_name(what, lang), kind=EntityKind.OTHER, x=x, y=y)
    if what == "ecosystem":
        color = ECOSYSTEM_COLORS[len(scenario.ecosystems) % len(ECOSYSTEM_COLORS)]
        return Ecosystem(unique_id(scenario, "eco"), name=default_name(what, lang), color=color)
    if what == "capability":
        candidates = sel_entities or entities
        if not candidates:
            raise ValidationError("capability", "", "owner", "add an entity first: a capability needs an owner",
                                  "请先添加主体：能力需要一个所有者")
        return Capability(unique_id(scenario, "cap"), name=default_name(what, lang),
                          category=default_name("category", lang), owner=candidates[0].id)
    if what == "need":
        candidates = sel_entities or entities
        if not candidates:
            raise ValidationError("need", "", "entity", "add an entity first: a need belongs to an entity",
                                  "请先添加主体：需求属于某个主体")
        ent = candidates[0]
        others = [c.category for c in scenario.capabilities if c.owner != ent.id and c.category.strip()]
        category = others[0] if others else default_name("category", lang)
        return Need(unique_id(scenario, "need"), entity=ent.id, category=category)
    if what == "flow":
        pair = sel_entities[:2] if len(sel_entities) >= 2 else entities[:2]
        if len(pair) < 2:
            raise ValidationError("flow", "", "source", "a flow needs two entities; add another entity first",
                                  "资源流需要两个主体，请先再添加一个主体")
        return Flow(unique_id(scenario, "f"), source=pair[0].id, target=pair[1].id, kind=FlowKind.GOODS)
    if what == "pool":
        members = tuple(e.id for e in sel_entities)
        return Pool(unique_id(scenario, "pool"), name=default_name(what, lang), type=PoolType.COST, members=members,
                    rule=PoolRule.PROPORTIONAL)
    raise ValueError(f"unknown kind of object {what!r}")
