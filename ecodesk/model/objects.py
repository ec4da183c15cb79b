"""Model layer: the objects of SPEC §2 as frozen dataclasses that validate themselves.

Objects are immutable: an edit replaces an object by a new one (``dataclasses.replace``),
which keeps undo simple (a command remembers the old object) and lets a saved snapshot be
compared by identity. Field checks live here; checks that need the rest of the scenario
(references, duplicate ids) live in :mod:`ecodesk.model.scenario`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar, Literal, overload

from ecodesk.model.errors import ValidationError
from ecodesk.model.kinds import (
    DEFAULT_SUPPLY_KINDS,
    RULES_BY_TYPE,
    EntityKind,
    FlowKind,
    LabelledEnum,
    PoolRule,
    PoolType,
)
from ecodesk.model.ranges import NO_RANGES, RangeMap, check_ranges

_set = object.__setattr__

#: Largest magnitude of any number in the model: a quadrillion (CNY, units or canvas
#: pixels) is far beyond any real ecosystem, and keeps every sum and product the analyses
#: form (volume × unit value over 50,000 flows, 2^20-coalition tables) finite.
MAX_MAGNITUDE = 1e15
MAX_TRIALS = 10_000_000
MAX_ORDERS = 100_000


def _fail(what: str, obj_id: str, fld: str, en: str, zh: str) -> ValidationError:
    return ValidationError(what, obj_id, fld, en, zh)


def _check_id(what: str, value: Any, fld: str = "id") -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(what, str(value or ""), fld, "an id must be a non-empty text", "id 必须是非空文本")
    if value != value.strip():
        raise _fail(what, value, fld, "an id must not start or end with spaces", "id 不能以空格开头或结尾")
    return value


#: Longest text of a name, industry, category or colour, and of notes (characters): far beyond any
#: real one, small enough that a hostile file cannot make every export and drawing crawl.
MAX_TEXT_LENGTH = 10_000
MAX_NOTES_LENGTH = 4_000_000


def _check_text(what: str, obj_id: str, fld: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _fail(what, obj_id, fld, f"must be text, not {value!r}", f"必须是文本，而不是 {value!r}")
    limit = MAX_NOTES_LENGTH if fld in ("notes", "text") else MAX_TEXT_LENGTH
    if len(value) > limit:
        raise _fail(what, obj_id, fld, f"is {len(value):,} characters long (at most {limit:,})",
                    f"长 {len(value):,} 个字符（最多 {limit:,} 个）")
    return value


#: An entity's own colour: "" (the kind's colour) or "#rrggbb" in lower case.
COLOR_PATTERN = re.compile(r"#[0-9a-f]{6}")
_TYPED_COLOR = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def normalize_color(text: str) -> str | None:
    """Colour text as people and other tools write it — "#F90", "#FF9900", "ff9900", with
    spaces around — as the model's "#rrggbb"; "" stays "" (the kind's colour); None when
    ``text`` is no such colour (the caller refuses it or keeps it as a note)."""
    s = text.strip()
    if not s:
        return ""
    m = _TYPED_COLOR.fullmatch(s)
    if m is None:
        return None
    digits = m[1].lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _check_color(what: str, obj_id: str, fld: str, value: Any) -> str:
    """An entity's colour: empty or "#rrggbb" (six lower-case hex digits). The model never
    guesses: front ends and importers normalise what people type first (:func:`normalize_color`)."""
    if value is None:
        return ""
    if not isinstance(value, str) or (value and COLOR_PATTERN.fullmatch(value) is None):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "…"
        raise _fail(what, obj_id, fld,
                    f"{shown} is not a colour: use #rrggbb (six hex digits, e.g. #ff9900) or leave it empty",
                    f"{shown} 不是颜色：请使用 #rrggbb（六位十六进制数字，如 #ff9900），或留空")
    return value


@overload
def _check_number(what: str, obj_id: str, fld: str, value: Any, *, optional: Literal[False] = False,
                  nonneg: bool = True, upper: float | None = None) -> float: ...
@overload
def _check_number(what: str, obj_id: str, fld: str, value: Any, *, optional: bool,
                  nonneg: bool = True, upper: float | None = None) -> float | None: ...
def _check_number(
    what: str, obj_id: str, fld: str, value: Any, *, optional: bool = False, nonneg: bool = True,
    upper: float | None = None,
) -> float | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise _fail(what, obj_id, fld, f"{value!r} is not a number", f"{value!r} 不是数字") from None
        else:
            raise _fail(what, obj_id, fld, f"{value!r} is not a number", f"{value!r} 不是数字")
    try:
        value = float(value)
    except OverflowError:
        value = math.inf
    if math.isfinite(value) and abs(value) > MAX_MAGNITUDE:
        raise _fail(what, obj_id, fld, f"is too large to compute with (at most {MAX_MAGNITUDE:g})",
                    f"数值过大，无法计算（最大 {MAX_MAGNITUDE:g}）")
    if not math.isfinite(value):
        raise _fail(what, obj_id, fld, f"must be a finite number, not {value}", f"必须是有限数值，而不是 {value}")
    if nonneg and value < 0:
        raise _fail(what, obj_id, fld, f"must not be negative (got {value:g})", f"不能为负数（当前为 {value:g}）")
    if upper is not None and value > upper:
        raise _fail(what, obj_id, fld, f"must be at most {upper:g} (got {value:g})", f"不能大于 {upper:g}（当前为 {value:g}）")
    return value


def _check_enum(what: str, obj_id: str, fld: str, value: Any, enum: type[LabelledEnum]) -> Any:
    try:
        return enum(value)  # type: ignore[call-arg]  # the members' labels are not constructor arguments
    except ValueError:
        allowed = ", ".join(enum.values())
        raise _fail(
            what, obj_id, fld, f"unknown value {value!r} (allowed: {allowed})", f"未知取值 {value!r}（可选：{allowed}）"
        ) from None


def _check_mapping(what: str, obj_id: str, fld: str, value: Any) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _fail(what, obj_id, fld, "must be a mapping of entity id to number", "必须是“主体 id → 数值”的映射")
    out: dict[str, float] = {}
    for k, v in value.items():
        key = _check_id(what, k, fld)
        out[key] = _check_number(what, obj_id, f"{fld}[{key}]", v)
    return out


def _check_ids(what: str, obj_id: str, fld: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise _fail(what, obj_id, fld, "must be a list of ids", "必须是 id 列表")
    out: list[str] = []
    for v in value:
        v = _check_id(what, v, fld)
        if v not in out:
            out.append(v)
    return tuple(out)


class ModelObject:
    """Shared helpers of every model dataclass.

    ``id`` is only declared here (no value, so no class attribute and no dataclass field):
    each subclass's own dataclass field provides it, and ``obj.id`` type-checks on the base.
    """

    WHAT: ClassVar[str] = "object"
    id: str
    # Declared (never set here) so type checkers see every subclass as a dataclass.
    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The SPEC §4 JSON form: field names as in SPEC §2, enums as their values."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "ranges" and not value:
                continue  # SPEC §3.7: "ranges" only on objects that carry one
            if f.name == "size" and value == 1.0:
                continue  # a style override: written only where the planner set one
            out[f.name] = _plain(value)
        return out

    def evolve(self, **changes: Any) -> Any:
        """A validated copy with ``changes`` applied."""
        return replace(self, **changes)


def _plain(value: Any) -> Any:
    if isinstance(value, RangeMap):
        return value.to_json()
    if isinstance(value, LabelledEnum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Tier):
        return {"up_to": value.up_to, "rate": value.rate}
    return value


@dataclass(frozen=True, slots=True)
class Ecosystem(ModelObject):
    """A named group of entities (生态/场景)."""

    WHAT: ClassVar[str] = "ecosystem"
    id: str
    name: str = ""
    color: str = ""

    def __post_init__(self) -> None:
        _check_id(self.WHAT, self.id)
        _set(self, "name", _check_text(self.WHAT, self.id, "name", self.name))
        _set(self, "color", _check_text(self.WHAT, self.id, "color", self.color))


@dataclass(frozen=True, slots=True)
class Entity(ModelObject):
    """A firm, platform, channel or user group (主体)."""

    WHAT: ClassVar[str] = "entity"
    id: str
    name: str = ""
    kind: EntityKind = EntityKind.OTHER
    industry: str = ""
    ecosystems: tuple[str, ...] = ()
    demand: float = 0.0
    risk: float = 0.0
    revenue: float | None = None
    notes: str = ""
    x: float = 0.0
    y: float = 0.0
    color: str = ""
    #: Drawing scale of the entity's box on the canvas (style only, no analysis uses it):
    #: 1 is the normal size, from :data:`MIN_SIZE` to :data:`MAX_SIZE`.
    size: float = 1.0
    ranges: Mapping[str, tuple[float, float]] = NO_RANGES

    def __post_init__(self) -> None:
        w, i = self.WHAT, self.id
        _check_id(w, i)
        _set(self, "name", _check_text(w, i, "name", self.name))
        _set(self, "kind", _check_enum(w, i, "kind", self.kind, EntityKind))
        _set(self, "industry", _check_text(w, i, "industry", self.industry))
        _set(self, "ecosystems", _check_ids(w, i, "ecosystems", self.ecosystems))
        _set(self, "demand", _check_number(w, i, "demand", self.demand))
        _set(self, "risk", _check_number(w, i, "risk", self.risk, upper=1.0))
        _set(self, "revenue", _check_number(w, i, "revenue", self.revenue, optional=True))
        _set(self, "notes", _check_text(w, i, "notes", self.notes))
        _set(self, "x", _check_number(w, i, "x", self.x, nonneg=False))
        _set(self, "y", _check_number(w, i, "y", self.y, nonneg=False))
        _set(self, "color", _check_color(w, i, "color", self.color))
        _set(self, "size", _check_size(w, i, "size", self.size))
        _set(self, "ranges", check_ranges(self, self.ranges))

    @property
    def label(self) -> str:
        return self.name or self.id


#: Bounds of an entity's drawing scale (:attr:`Entity.size`).
MIN_SIZE, MAX_SIZE = 0.25, 4.0


def _check_size(what: str, obj_id: str, fld: str, value: Any) -> float:
    v = _check_number(what, obj_id, fld, 1.0 if value is None else value)
    if not MIN_SIZE <= v <= MAX_SIZE:
        raise _fail(what, obj_id, fld, f"must be from {MIN_SIZE:g} to {MAX_SIZE:g} times the normal size (got {v:g})",
                    f"必须是正常大小的 {MIN_SIZE:g} 到 {MAX_SIZE:g} 倍（当前为 {v:g}）")
    return v


#: Largest width or height of an annotation (canvas pixels).
MAX_NOTE_EXTENT = 100_000.0


@dataclass(frozen=True, slots=True)
class Annotation(ModelObject):
    """A workshop note on the canvas (便签): free text in a box, per scenario. It takes part
    in no analysis. ``color`` is "" (the default note colour) or "#rrggbb"; ``text`` may be
    empty (an empty note is kept: a coloured box is a planner's choice too)."""

    WHAT: ClassVar[str] = "annotation"
    id: str
    text: str = ""
    x: float = 0.0
    y: float = 0.0
    width: float = 220.0
    height: float = 120.0
    color: str = ""

    def __post_init__(self) -> None:
        w, i = self.WHAT, self.id
        _check_id(w, i)
        _set(self, "text", _check_text(w, i, "text", self.text))
        _set(self, "x", _check_number(w, i, "x", self.x, nonneg=False))
        _set(self, "y", _check_number(w, i, "y", self.y, nonneg=False))
        for fld in ("width", "height"):
            v = _check_number(w, i, fld, getattr(self, fld), nonneg=False)  # one sentence for <= 0
            if v <= 0 or v > MAX_NOTE_EXTENT:
                raise _fail(w, i, fld, f"must be more than 0 and at most {MAX_NOTE_EXTENT:g} (got {v:g})",
                            f"必须大于 0 且不超过 {MAX_NOTE_EXTENT:g}（当前为 {v:g}）")
            _set(self, fld, v)
        _set(self, "color", _check_color(w, i, "color", self.color))


@dataclass(frozen=True, slots=True)
class Capability(ModelObject):
    """A capability an entity builds once and offers to others (能力)."""

    WHAT: ClassVar[str] = "capability"
    id: str
    name: str = ""
    category: str = ""
    owner: str = ""
    fixed_cost: float = 0.0
    unit_cost: float = 0.0
    capacity: float | None = None
    ranges: Mapping[str, tuple[float, float]] = NO_RANGES

    def __post_init__(self) -> None:
        w, i = self.WHAT, self.id
        _check_id(w, i)
        _set(self, "name", _check_text(w, i, "name", self.name))
        _set(self, "category", _check_text(w, i, "category", self.category))
        _check_id(w, self.owner, "owner") if self.owner else _raise_missing(w, i, "owner")
        _set(self, "fixed_cost", _check_number(w, i, "fixed_cost", self.fixed_cost))
        _set(self, "unit_cost", _check_number(w, i, "unit_cost", self.unit_cost))
        _set(self, "capacity", _check_number(w, i, "capacity", self.capacity, optional=True))
        _set(self, "ranges", check_ranges(self, self.ranges))

    @property
    def category_key(self) -> str:
        """The category as compared: trimmed and case-folded (SPEC §2)."""
        return category_key(self.category)

    @property
    def label(self) -> str:
        return self.name or self.id


def category_key(category: str) -> str:
    return category.strip().casefold()


def _raise_missing(what: str, obj_id: str, fld: str) -> None:
    raise _fail(what, obj_id, fld, "is required", "为必填项")


@dataclass(frozen=True, slots=True)
class Flow(ModelObject):
    """A resource flow from one entity to another (资源流)."""

    WHAT: ClassVar[str] = "flow"
    id: str
    source: str = ""
    target: str = ""
    kind: FlowKind = FlowKind.GOODS
    volume: float = 0.0
    unit_value: float = 0.0
    risk: float = 0.0
    notes: str = ""
    capability: str | None = None
    standalone_cost: float | None = None
    label: str = ""
    ranges: Mapping[str, tuple[float, float]] = NO_RANGES

    def __post_init__(self) -> None:
        w, i = self.WHAT, self.id
        _check_id(w, i)
        for fld in ("source", "target"):
            value = getattr(self, fld)
            if not value:
                _raise_missing(w, i, fld)
            _check_id(w, value, fld)
        if self.source == self.target:
            raise _fail(w, i, "target", f"a flow cannot go from '{self.source}' to itself",
                        f"资源流不能从 '{self.source}' 流向自身")
        _set(self, "kind", _check_enum(w, i, "kind", self.kind, FlowKind))
        _set(self, "volume", _check_number(w, i, "volume", self.volume))
        _set(self, "unit_value", _check_number(w, i, "unit_value", self.unit_value))
        _set(self, "risk", _check_number(w, i, "risk", self.risk, upper=1.0))
        _set(self, "notes", _check_text(w, i, "notes", self.notes))
        _set(self, "label", _check_text(w, i, "label", self.label))
        if self.kind is FlowKind.CAPABILITY:
            if not self.capability:
                raise _fail(w, i, "capability", "a capability flow must name its capability",
                            "能力流必须指明所用能力")
            _check_id(w, self.capability, "capability")
        else:
            if self.capability:
                raise _fail(w, i, "capability", f"only capability flows name a capability (this one is '{self.kind}')",
                            f"只有能力流可以指明能力（此流为 '{self.kind}'）")
            if self.standalone_cost is not None:
                raise _fail(w, i, "standalone_cost", "only capability flows have a standalone cost",
                            "只有能力流有独立获取成本")
            _set(self, "capability", None)
        _set(self, "standalone_cost", _check_number(w, i, "standalone_cost", self.standalone_cost, optional=True))
        _set(self, "ranges", check_ranges(self, self.ranges))

    @property
    def value(self) -> float:
        """Money value of the flow: volume × unit_value."""
        return self.volume * self.unit_value


@dataclass(frozen=True, slots=True)
class Need(ModelObject):
    """A need of an entity for a category of capability (需求)."""

    WHAT: ClassVar[str] = "need"
    id: str
    entity: str = ""
    category: str = ""
    volume: float = 0.0
    standalone_cost: float = 0.0
    ranges: Mapping[str, tuple[float, float]] = NO_RANGES

    def __post_init__(self) -> None:
        w, i = self.WHAT, self.id
        _check_id(w, i)
        if not self.entity:
            _raise_missing(w, i, "entity")
        _check_id(w, self.entity, "entity")
        _set(self, "category", _check_text(w, i, "category", self.category))
        if not self.category.strip():
            raise _fail(w, i, "category", "a need must name a capability category", "需求必须指明能力类别")
        _set(self, "volume", _check_number(w, i, "volume", self.volume))
        _set(self, "standalone_cost", _check_number(w, i, "standalone_cost", self.standalone_cost))
        _set(self, "ranges", check_ranges(self, self.ranges))

    @property
    def category_key(self) -> str:
        return category_key(self.category)


@dataclass(frozen=True, slots=True)
class Tier:
    """One step of a tiered share: weights up to ``up_to`` (None = no bound) earn ``rate``."""

    up_to: float | None
    rate: float


@dataclass(frozen=True, slots=True)
class Pool(ModelObject):
    """A sharing arrangement the planner defines (共享安排)."""

    WHAT: ClassVar[str] = "pool"
    id: str
    name: str = ""
    type: PoolType = PoolType.COST
    amount: float = 0.0
    members: tuple[str, ...] = ()
    rule: PoolRule = PoolRule.PROPORTIONAL
    weights: dict[str, float] = field(default_factory=dict)
    floors: dict[str, float] = field(default_factory=dict)
    tiers: tuple[Tier, ...] = ()
    claims: dict[str, float] = field(default_factory=dict)
    scale_exponent: float = 0.8
    ranges: Mapping[str, tuple[float, float]] = NO_RANGES

    def __post_init__(self) -> None:
        w, i = self.WHAT, self.id
        _check_id(w, i)
        _set(self, "name", _check_text(w, i, "name", self.name))
        _set(self, "type", _check_enum(w, i, "type", self.type, PoolType))
        _set(self, "amount", _check_number(w, i, "amount", self.amount))
        _set(self, "members", _check_ids(w, i, "members", self.members))
        _set(self, "rule", _check_enum(w, i, "rule", self.rule, PoolRule))
        if self.rule not in RULES_BY_TYPE[self.type]:
            allowed = ", ".join(r.value for r in RULES_BY_TYPE[self.type])
            raise _fail(w, i, "rule", f"rule '{self.rule}' does not apply to a {self.type} pool (allowed: {allowed})",
                        f"规则 '{self.rule}' 不适用于 {self.type} 类共享安排（可选：{allowed}）")
        members = set(self.members)
        for fld in ("weights", "floors", "claims"):
            mapping = _check_mapping(w, i, fld, getattr(self, fld))
            strangers = [k for k in mapping if k not in members]
            if strangers:
                raise _fail(w, i, fld, f"names '{strangers[0]}', which is not a member of the pool",
                            f"引用了 '{strangers[0]}'，但它不是该共享安排的成员")
            _set(self, fld, mapping)
        _set(self, "tiers", _check_tiers(i, self.tiers))
        beta = _check_number(w, i, "scale_exponent", self.scale_exponent)
        if beta is None or not 0 < beta <= 1:
            raise _fail(w, i, "scale_exponent", f"must be in (0, 1] (got {beta:g})", f"必须在 (0, 1] 之内（当前为 {beta:g}）")
        _set(self, "scale_exponent", beta)
        _set(self, "ranges", check_ranges(self, self.ranges))

    def __hash__(self) -> int:  # dict fields: hash by id (objects are compared with ==)
        return hash((self.WHAT, self.id))

    @property
    def label(self) -> str:
        return self.name or self.id


def _check_tiers(pool_id: str, tiers: Any) -> tuple[Tier, ...]:
    if tiers is None:
        return ()
    if isinstance(tiers, (str, bytes)) or not isinstance(tiers, Iterable):
        raise _fail("pool", pool_id, "tiers", "must be a list of {up_to, rate}", "必须是 {up_to, rate} 列表")
    out: list[Tier] = []
    last = -math.inf
    for n, t in enumerate(tiers):
        fld = f"tiers[{n}]"
        if isinstance(t, Tier):
            up_to, rate = t.up_to, t.rate
        elif isinstance(t, Mapping):
            if "rate" not in t:
                raise _fail("pool", pool_id, fld, "a tier needs a rate", "每一档都需要分成比例 rate")
            up_to, rate = t.get("up_to"), t["rate"]
        else:
            raise _fail("pool", pool_id, fld, "a tier is {up_to, rate}", "每一档应为 {up_to, rate}")
        up = _check_number("pool", pool_id, f"{fld}.up_to", up_to, optional=True)
        r = _check_number("pool", pool_id, f"{fld}.rate", rate, upper=1.0)
        if last == math.inf:
            raise _fail("pool", pool_id, fld, "no tier may follow the unbounded one", "无上限的一档之后不能再有分档")
        bound = math.inf if up is None else up
        if bound <= last:
            raise _fail("pool", pool_id, fld, "tiers must be in increasing order of up_to", "分档的 up_to 必须递增")
        last = bound
        out.append(Tier(up, r))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class AnalysisSettings(ModelObject):
    """Analysis parameters saved with the project (SPEC §3 defaults)."""

    WHAT: ClassVar[str] = "project"
    seed: int = 0
    trials: int = 10_000
    orders: int = 100
    threshold: float = 0.9
    cascade_threshold: float = 0.5
    supply_kinds: tuple[FlowKind, ...] = DEFAULT_SUPPLY_KINDS

    def __post_init__(self) -> None:
        w = self.WHAT
        for fld, low, high in (("seed", 0, 2**32 - 1), ("trials", 1, MAX_TRIALS), ("orders", 1, MAX_ORDERS)):
            v = getattr(self, fld)
            if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
                raise _fail(w, "", f"settings.{fld}", f"must be a whole number from {low} to {high} (got {v!r})",
                            f"必须是 {low} 到 {high} 之间的整数（当前为 {v!r}）")
        _set(self, "threshold", _check_number(w, "", "settings.threshold", self.threshold, upper=1.0))
        _set(self, "cascade_threshold",
             _check_number(w, "", "settings.cascade_threshold", self.cascade_threshold, upper=1.0))
        kinds = tuple(_check_enum(w, "", "settings.supply_kinds", k, FlowKind) for k in self.supply_kinds)
        if not kinds:
            raise _fail(w, "", "settings.supply_kinds", "name at least one supply flow kind", "至少选择一种供给流类型")
        _set(self, "supply_kinds", tuple(dict.fromkeys(kinds)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> AnalysisSettings:
        if data is not None and not isinstance(data, Mapping):
            raise _fail(cls.WHAT, "", "settings", "must be an object", "必须是对象")
        data = dict(data or {})
        known = {f.name for f in fields(cls)}
        kinds = data.get("supply_kinds", DEFAULT_SUPPLY_KINDS)
        if isinstance(kinds, (str, bytes)) or not isinstance(kinds, Iterable):
            raise _fail(cls.WHAT, "", "settings.supply_kinds", "must be a list of flow kinds", "必须是资源流类型列表")
        kwargs: dict[str, Any] = {k: (tuple(v) if k == "supply_kinds" else v) for k, v in data.items() if k in known}
        try:
            return cls(**kwargs)
        except TypeError as exc:  # e.g. an unhashable value where a kind belongs
            raise _fail(cls.WHAT, "", "settings", f"is malformed ({exc})", "格式错误") from None


#: Object classes by the name of their SPEC collection, in dependency order.
COLLECTIONS: dict[str, type[ModelObject]] = {
    "ecosystems": Ecosystem,
    "entities": Entity,
    "capabilities": Capability,
    "flows": Flow,
    "needs": Need,
    "pools": Pool,
    "annotations": Annotation,
}


def make(cls: type[Any], data: Mapping[str, Any]) -> Any:
    """Build ``cls`` from a SPEC-shaped mapping, refusing unknown fields by name."""
    known = {f.name for f in fields(cls)}
    obj_id = str(data.get("id", "")) if isinstance(data, Mapping) else ""
    if not isinstance(data, Mapping):
        raise ValidationError(cls.WHAT, "", "", f"must be an object, not {type(data).__name__}", "必须是对象")
    unknown = [k for k in data if k not in known]
    if unknown:
        raise ValidationError(cls.WHAT, obj_id, unknown[0], "is not a known field", "不是已知字段")
    kwargs = dict(data)
    if cls is Entity and "ecosystems" in kwargs and isinstance(kwargs["ecosystems"], list):
        kwargs["ecosystems"] = tuple(kwargs["ecosystems"])
    if cls is Pool:
        for k in ("members", "tiers"):
            if isinstance(kwargs.get(k), list):
                kwargs[k] = tuple(kwargs[k])
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a missing required argument such as id
        raise ValidationError(cls.WHAT, obj_id, "id", f"is required ({exc})", "为必填项") from None
