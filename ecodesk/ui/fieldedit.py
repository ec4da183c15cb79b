"""UI layer: turning "set this field of that object to this value" into a command.

Shared by the inspector and the tables so both edit the same way: text is parsed the way a
planner types it ("1,200", "" for none), dependent fields follow (a flow that stops being a
capability flow drops its capability; a pool whose type no longer allows its rule takes
the first rule that fits), and new objects get sensible defaults. Nothing here changes
the model: it builds objects (which validate themselves) and commands.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ecodesk.commands import AddObject, ChangeObject, unique_id
from ecodesk.model import (
    RULES_BY_TYPE,
    Capability,
    Ecosystem,
    Entity,
    EntityKind,
    Flow,
    FlowKind,
    ModelObject,
    Need,
    Pool,
    PoolRule,
    PoolType,
    Scenario,
    ValidationError,
)
from ecodesk.ui.i18n import QT_TRANSLATE_NOOP

#: Fields holding optional numbers: empty text means "none".
OPTIONAL_NUMBERS = {"revenue", "capacity", "standalone_cost"}
#: Fields holding required numbers.
NUMBERS = {"demand", "risk", "x", "y", "fixed_cost", "unit_cost", "volume", "unit_value", "amount", "scale_exponent"}
ENUMS: dict[str, dict[str, Any]] = {
    "entity": {"kind": EntityKind},
    "flow": {"kind": FlowKind},
    "pool": {"type": PoolType, "rule": PoolRule},
}

CHANGE_FIELD = QT_TRANSLATE_NOOP("commands", "Change {field} of {what} '{name}'")
SET_FOR_SELECTED = QT_TRANSLATE_NOOP("commands", "Set {field} for {n} objects")

#: Colours offered to new ecosystems, in turn.
ECOSYSTEM_COLORS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7")


def parse_number(obj: ModelObject, field: str, text: Any) -> float | None:
    """Parse what the user typed; raises ValidationError naming the object and the field."""
    if text is None or (isinstance(text, (int, float)) and not isinstance(text, bool)):
        return None if text is None else float(text)
    s = str(text).strip().replace(",", "").replace("，", "").replace(" ", "")
    if s == "" or s in ("—", "-"):
        if field in OPTIONAL_NUMBERS:
            return None
        raise ValidationError(obj.WHAT, obj.id, field, "needs a number", "需要填写数值")  # type: ignore[attr-defined]
    if s.endswith("%"):
        try:
            return float(s[:-1]) / 100.0
        except ValueError:
            pass
    try:
        return float(s)
    except ValueError:
        raise ValidationError(obj.WHAT, obj.id, field, f"'{text}' is not a number",  # type: ignore[attr-defined]
                              f"“{text}”不是数字") from None


def parse_id_list(scenario: Scenario, obj: ModelObject, field: str, text: Any, coll: str) -> tuple[str, ...]:
    """Ids from a list or from "name, name2" text (names or ids of objects in ``coll``)."""
    if isinstance(text, (list, tuple)):
        return tuple(str(t) for t in text)
    collection = getattr(scenario, coll)
    out: list[str] = []
    for token in str(text or "").replace("，", ",").replace(";", ",").split(","):
        token = token.strip()
        if not token:
            continue
        if token in collection:
            out.append(token)
            continue
        match = [o.id for o in collection if getattr(o, "name", "") == token]
        if not match:
            what = {"ecosystems": "ecosystem", "entities": "entity"}[coll]
            raise ValidationError(obj.WHAT, obj.id, field, f"there is no {what} called '{token}'",  # type: ignore[attr-defined]
                                  f"没有名为“{token}”的{'生态' if what == 'ecosystem' else '主体'}")
        out.append(match[0])
    return tuple(out)


def evolved(scenario: Scenario, obj: ModelObject, field: str, value: Any) -> ModelObject:
    """``obj`` with ``field`` set to ``value`` (parsed), dependent fields adjusted.

    Raises ValidationError (from parsing or the object's own checks); the model is untouched.
    """
    changes: dict[str, Any] = {}
    if field in NUMBERS or field in OPTIONAL_NUMBERS:
        changes[field] = parse_number(obj, field, value)
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
    if isinstance(obj, Flow) and field == "capability" and value in ("", None):
        changes["capability"] = None
    if isinstance(obj, Pool) and field == "type":
        try:
            ptype = PoolType(changes["type"])
            if obj.rule not in RULES_BY_TYPE[ptype]:
                changes["rule"] = RULES_BY_TYPE[ptype][0]
        except ValueError:
            pass
    if isinstance(obj, Pool) and field == "members":
        members = set(changes["members"])
        for m in ("weights", "floors", "claims"):
            changes[m] = {k: v for k, v in getattr(obj, m).items() if k in members}
    return obj.evolve(**changes)  # type: ignore[no-any-return]


def change_command(scenario: Scenario, obj: ModelObject, field: str, value: Any,
                   merge: bool = False) -> ChangeObject:
    """A ChangeObject setting one field, labelled with it; merges keystrokes when ``merge``."""
    new = evolved(scenario, obj, field, value)
    cmd = ChangeObject(scenario, new, text=CHANGE_FIELD, merge_key=field if merge else None)
    cmd.params["field"] = field
    return cmd


# new objects -------------------------------------------------------------------

def _near(scenario: Scenario) -> tuple[float, float]:
    if not len(scenario.entities):
        return 0.0, 0.0
    xs = [e.x for e in scenario.entities]
    ys = [e.y for e in scenario.entities]
    return max(xs) + 160.0, sum(ys) / len(ys)


def new_object(scenario: Scenario, what: str, selected: list[ModelObject] | None = None) -> ModelObject:
    """A fresh object of kind ``what`` with defaults taken from the selection.

    Raises ValidationError when it cannot exist yet (a flow needs two entities …).
    """
    selected = selected or []
    sel_entities = [o for o in selected if isinstance(o, Entity)]
    entities = list(scenario.entities)
    if what == "entity":
        x, y = _near(scenario)
        name = QCoreApplication.translate("fieldedit", "New entity")
        return Entity(unique_id(scenario, "e"), name=name, kind=EntityKind.OTHER, x=x, y=y)
    if what == "ecosystem":
        color = ECOSYSTEM_COLORS[len(scenario.ecosystems) % len(ECOSYSTEM_COLORS)]
        name = QCoreApplication.translate("fieldedit", "New ecosystem")
        return Ecosystem(unique_id(scenario, "eco"), name=name, color=color)
    if what == "capability":
        owner = (sel_entities or entities or [None])[0]
        if owner is None:
            raise ValidationError("capability", "", "owner", "add an entity first: a capability needs an owner",
                                  "请先添加主体：能力需要一个所有者")
        name = QCoreApplication.translate("fieldedit", "New capability")
        category = QCoreApplication.translate("fieldedit", "service")
        return Capability(unique_id(scenario, "cap"), name=name, category=category, owner=owner.id)
    if what == "need":
        ent = (sel_entities or entities or [None])[0]
        if ent is None:
            raise ValidationError("need", "", "entity", "add an entity first: a need belongs to an entity",
                                  "请先添加主体：需求属于某个主体")
        others = [c.category for c in scenario.capabilities if c.owner != ent.id and c.category.strip()]
        category = others[0] if others else QCoreApplication.translate("fieldedit", "service")
        return Need(unique_id(scenario, "need"), entity=ent.id, category=category)
    if what == "flow":
        pair = sel_entities[:2] if len(sel_entities) >= 2 else entities[:2]
        if len(pair) < 2:
            raise ValidationError("flow", "", "source", "a flow needs two entities; add another entity first",
                                  "资源流需要两个主体，请先再添加一个主体")
        return Flow(unique_id(scenario, "f"), source=pair[0].id, target=pair[1].id, kind=FlowKind.GOODS)
    if what == "pool":
        members = tuple(e.id for e in sel_entities)
        name = QCoreApplication.translate("fieldedit", "New pool")
        return Pool(unique_id(scenario, "pool"), name=name, type=PoolType.COST, members=members,
                    rule=PoolRule.PROPORTIONAL)
    raise ValueError(f"unknown kind of object {what!r}")


def add_command(scenario: Scenario, obj: ModelObject) -> AddObject:
    return AddObject(scenario, obj)
