"""Model layer: Scenario (one complete model) and Project (its scenarios and settings).

A scenario keeps one ordered :class:`Collection` per kind of object. Every edit goes
through the scenario's methods, which check references (flows to existing entities, a
capability flow from the capability's owner, pools naming members …) before anything
changes, and then emit the collection's ``added`` / ``removed`` / ``changed`` signal
and the scenario's ``changed`` signal. Invalid objects never enter.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import compress, repeat
from operator import attrgetter, is_not
from typing import Any, Generic, TypeVar

from ecodesk.model.errors import ValidationError
from ecodesk.model.kinds import FlowKind
from ecodesk.model.objects import (
    COLLECTIONS,
    AnalysisSettings,
    Annotation,
    Capability,
    Ecosystem,
    Entity,
    Flow,
    ModelObject,
    Need,
    Pool,
)
from ecodesk.model.signals import Signal
from ecodesk.model.views import View

T = TypeVar("T", bound=ModelObject)
_ID, _SOURCE, _TARGET, _CAPABILITY = attrgetter("id"), attrgetter("source"), attrgetter("target"), attrgetter("capability")
_OWNER, _ENTITY, _ECOSYSTEMS = attrgetter("owner"), attrgetter("entity"), attrgetter("ecosystems")


class Collection(Generic[T]):
    """An ordered id → object mapping with change signals.

    Signals: ``added(obj, index)``, ``removed(obj, index)``, ``changed(old, new)``.
    Only the owning :class:`Scenario` mutates it (``_insert``/``_pop``/``_replace``).
    """

    def __init__(self, name: str, cls: type[T]) -> None:
        self.name = name
        self.cls = cls
        self._items: dict[str, T] = {}
        self._order: list[str] | None = []  # cache of ids in order; None = rebuild
        self.added = Signal(f"{name}.added")
        self.removed = Signal(f"{name}.removed")
        self.changed = Signal(f"{name}.changed")

    # reading -----------------------------------------------------------------
    def __getitem__(self, obj_id: str) -> T:
        return self._items[obj_id]

    def get(self, obj_id: str | None, default: Any = None) -> Any:
        return self._items.get(obj_id, default) if obj_id is not None else default

    def __contains__(self, obj_id: object) -> bool:
        return obj_id in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def ids(self) -> list[str]:
        if self._order is None:
            self._order = list(self._items)
        return self._order

    def index(self, obj_id: str) -> int:
        return self.ids().index(obj_id)

    def values(self) -> list[T]:
        return list(self._items.values())

    def at(self, index: int) -> T:
        return self._items[self.ids()[index]]

    def __repr__(self) -> str:
        return f"<Collection {self.name}: {len(self)}>"

    # mutation (scenario only) --------------------------------------------------
    def _insert(self, obj: T, index: int | None) -> int:
        n = len(self._items)
        if index is None or index >= n:
            self._items[obj.id] = obj
            if self._order is not None:
                self._order.append(obj.id)
            return n
        index = max(0, index)
        items = list(self._items.items())
        items.insert(index, (obj.id, obj))
        self._items = dict(items)
        self._order = None
        return index

    def _pop(self, obj_id: str) -> tuple[T, int]:
        index = self.index(obj_id)
        obj = self._items.pop(obj_id)
        if self._order is not None:
            if index == len(self._order) - 1:
                self._order.pop()
            else:
                self._order = None
        return obj, index

    def _replace(self, obj: T) -> T:
        old = self._items[obj.id]
        self._items[obj.id] = obj
        return old

    def _bulk(self, objs: Iterable[T]) -> None:
        for obj in objs:
            self._items[obj.id] = obj
        self._order = None


class Scenario:
    """One complete model: ecosystems, entities, capabilities, flows, needs, pools (and the
    planners' notes on its canvas, annotations)."""

    def __init__(self, name: str = "Base") -> None:
        if not isinstance(name, str) or not name.strip():
            raise ValidationError("scenario", str(name or ""), "name", "a scenario needs a name", "情景必须有名称")
        self.name = name
        self.ecosystems: Collection[Ecosystem] = Collection("ecosystems", Ecosystem)
        self.entities: Collection[Entity] = Collection("entities", Entity)
        self.capabilities: Collection[Capability] = Collection("capabilities", Capability)
        self.flows: Collection[Flow] = Collection("flows", Flow)
        self.needs: Collection[Need] = Collection("needs", Need)
        self.pools: Collection[Pool] = Collection("pools", Pool)
        #: Workshop notes on the canvas (便签): part of the scenario, of no analysis.
        self.annotations: Collection[Annotation] = Collection("annotations", Annotation)
        #: Emitted after any edit of this scenario (no arguments).
        self.changed = Signal("scenario.changed")
        self._revision = 0

    @property
    def revision(self) -> int:
        """Counts edits; analysis caches compare it to know whether they are stale."""
        return self._revision

    def collections(self) -> dict[str, Collection[Any]]:
        return {name: getattr(self, name) for name in COLLECTIONS}

    def collection_of(self, obj: ModelObject | type[ModelObject]) -> Collection[Any]:
        cls = obj if isinstance(obj, type) else type(obj)
        for name, c in COLLECTIONS.items():
            if c is cls:
                return getattr(self, name)
        raise TypeError(f"not a model object: {obj!r}")

    def find(self, obj_id: str) -> ModelObject | None:
        """The object with ``obj_id`` in any collection (ids are unique per scenario)."""
        for c in self.collections().values():
            if obj_id in c:
                return c[obj_id]
        return None

    # references --------------------------------------------------------------
    def _check_unique(self, obj: ModelObject) -> None:
        obj_id = obj.id
        for c in self.collections().values():
            if obj_id in c:
                other = c[obj_id]
                raise ValidationError(obj.WHAT, obj_id, "id",
                                      f"is already used by {other.WHAT} '{obj_id}' in scenario '{self.name}'",
                                      f"已被情景 '{self.name}' 中的 {other.WHAT} '{obj_id}' 使用")

    def _check_refs(self, obj: ModelObject) -> None:
        """Refuse ``obj`` if it names anything missing from this scenario."""
        if isinstance(obj, Entity):
            for eco in obj.ecosystems:
                if eco not in self.ecosystems:
                    raise _missing(obj, "ecosystems", "ecosystem", eco)
        elif isinstance(obj, Capability):
            if obj.owner not in self.entities:
                raise _missing(obj, "owner", "entity", obj.owner)
        elif isinstance(obj, Flow):
            for fld in ("source", "target"):
                if getattr(obj, fld) not in self.entities:
                    raise _missing(obj, fld, "entity", getattr(obj, fld))
            if obj.kind is FlowKind.CAPABILITY:
                cap = self.capabilities.get(obj.capability)
                if cap is None:
                    raise _missing(obj, "capability", "capability", obj.capability or "")
                if cap.owner != obj.source:
                    raise ValidationError(
                        "flow", obj.id, "source",
                        f"a capability flow must come from the capability's owner '{cap.owner}', not '{obj.source}'",
                        f"能力流必须来自能力的所有者 '{cap.owner}'，而不是 '{obj.source}'")
        elif isinstance(obj, Need):
            if obj.entity not in self.entities:
                raise _missing(obj, "entity", "entity", obj.entity)
        elif isinstance(obj, Pool):
            for m in obj.members:
                if m not in self.entities:
                    raise _missing(obj, "members", "entity", m)

    def dependents(self, obj: ModelObject) -> list[ModelObject]:
        """Objects that reference ``obj`` and block its removal (pools and entities excluded:
        they are edited, not removed — see :func:`ecodesk.commands.edits.remove_cascade`)."""
        if isinstance(obj, Entity):
            i = obj.id
            out: list[ModelObject] = [f for f in self.flows if f.source == i or f.target == i]
            caps = [c for c in self.capabilities if c.owner == i]
            cap_ids = {c.id for c in caps}
            out += [f for f in self.flows if f.capability in cap_ids and f not in out]
            out += caps
            out += [n for n in self.needs if n.entity == i]
            return out
        if isinstance(obj, Capability):
            return [f for f in self.flows if f.capability == obj.id]
        return []

    def referrers(self, obj: ModelObject) -> list[ModelObject]:
        """Objects that name ``obj`` but survive its removal once edited (pools naming an
        entity, entities naming an ecosystem)."""
        if isinstance(obj, Entity):
            return [p for p in self.pools if obj.id in p.members]
        if isinstance(obj, Ecosystem):
            return [e for e in self.entities if obj.id in e.ecosystems]
        return []

    # edits -------------------------------------------------------------------
    def add(self, obj: ModelObject, index: int | None = None) -> int:
        """Add ``obj`` (at ``index``, default the end); returns its index."""
        self._check_unique(obj)
        self._check_refs(obj)
        coll = self.collection_of(obj)
        at = coll._insert(obj, index)
        self._revision += 1
        coll.added.emit(obj, at)
        self.changed.emit()
        return at

    def remove(self, obj_id: str, cls: type[ModelObject]) -> tuple[ModelObject, int]:
        """Remove the object; refused while other objects still reference it."""
        coll = self.collection_of(cls)
        if obj_id not in coll:
            raise ValidationError(cls.WHAT, obj_id, "id", f"does not exist in scenario '{self.name}'",
                                  f"在情景 '{self.name}' 中不存在")
        obj = coll[obj_id]
        blockers = self.dependents(obj) + self.referrers(obj)
        if blockers:
            b = blockers[0]
            raise ValidationError(cls.WHAT, obj_id, "id",
                                  f"is still used by {b.WHAT} '{b.id}'; remove that first",
                                  f"仍被 {b.WHAT} '{b.id}' 使用，请先删除它")
        obj, index = coll._pop(obj_id)
        self._revision += 1
        coll.removed.emit(obj, index)
        self.changed.emit()
        return obj, index

    def replace(self, new: ModelObject) -> ModelObject:
        """Replace the object with ``new.id`` by ``new``; returns the old one."""
        coll = self.collection_of(new)
        obj_id = new.id
        if obj_id not in coll:
            raise ValidationError(new.WHAT, obj_id, "id", f"does not exist in scenario '{self.name}'",
                                  f"在情景 '{self.name}' 中不存在")
        old = coll[obj_id]
        if old == new:
            return old
        self._check_refs(new)
        self._check_replace_keeps_refs(old, new)
        coll._replace(new)
        self._revision += 1
        coll.changed.emit(old, new)
        self.changed.emit()
        return old

    def _check_replace_keeps_refs(self, old: ModelObject, new: ModelObject) -> None:
        if isinstance(new, Capability) and isinstance(old, Capability) and old.owner != new.owner:
            for f in self.flows:
                if f.capability == new.id:
                    raise ValidationError(
                        "capability", new.id, "owner",
                        f"cannot change owner while flow '{f.id}' delivers it from '{old.owner}'",
                        f"资源流 '{f.id}' 仍由 '{old.owner}' 提供此能力，不能更改所有者")

    def bulk_load(self, objects: Mapping[str, Iterable[ModelObject]]) -> None:
        """Fill an empty scenario fast (files, generators): checks every reference once, no
        per-object signals. All or nothing: on the first problem nothing is loaded."""
        if any(len(c) for c in self.collections().values()):
            raise RuntimeError("bulk_load needs an empty scenario")
        staged = {name: list(objects.get(name, ())) for name in COLLECTIONS}
        items = {name: dict(zip(map(_ID, objs), objs)) for name, objs in staged.items()}
        if not _disjoint(list(items.values())) or any(len(items[n]) != len(staged[n]) for n in COLLECTIONS):
            self._raise_duplicate(staged)
        try:
            for name in COLLECTIONS:  # dependency order: references resolve against loaded ones
                coll = getattr(self, name)
                objs = staged[name]
                if not self._refs_resolve(name, objs):
                    for obj in objs:  # find and name the first bad reference
                        self._check_refs(obj)
                coll._items = items[name]
                coll._order = None
        except ValidationError:
            for c in self.collections().values():
                c._items.clear()
                c._order = []
            raise
        self._revision += 1
        self.changed.emit()

    def _raise_duplicate(self, staged: dict[str, list[ModelObject]]) -> None:
        """Name the first object (in collection order) whose id an earlier one already has."""
        seen: set[str] = set()
        for objs in staged.values():
            for obj in objs:
                if obj.id in seen:
                    raise ValidationError(obj.WHAT, obj.id, "id",
                                          f"is used twice in scenario '{self.name}'",
                                          f"在情景 '{self.name}' 中重复使用")
                seen.add(obj.id)

    def _refs_resolve(self, name: str, objs: list[ModelObject]) -> bool:
        """Whether every reference of ``objs`` resolves, checked with set operations on the
        distinct references (the fast path of :meth:`bulk_load`; False sends it to the
        per-object check)."""
        ents = self.entities._items
        if name == "entities":
            ecos = self.ecosystems._items
            return all(e in ecos for t in set(map(_ECOSYSTEMS, objs)) for e in t)
        if name == "capabilities":
            return set(map(_OWNER, objs)) <= ents.keys()
        if name == "flows":
            caps = self.capabilities._items
            if not (set(map(_SOURCE, objs)) <= ents.keys() and set(map(_TARGET, objs)) <= ents.keys()):
                return False
            delivering = list(compress(objs, map(is_not, map(_CAPABILITY, objs), repeat(None))))
            for cap_id, source in set(zip(map(_CAPABILITY, delivering), map(_SOURCE, delivering), strict=True)):
                cap = caps.get(cap_id)
                if cap is None or cap.owner != source:
                    return False
            return True
        if name == "needs":
            return set(map(_ENTITY, objs)) <= ents.keys()
        if name == "pools":
            return all(m in ents for o in objs if isinstance(o, Pool) for m in o.members)
        return True

    # convenience ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        for name, coll in self.collections().items():
            out[name] = [o.to_dict() for o in coll]
        return out

    def copy(self, name: str | None = None) -> Scenario:
        """A deep copy (objects are immutable, so sharing them is safe)."""
        dup = Scenario(name or self.name)
        for cname, coll in self.collections().items():
            target = getattr(dup, cname)
            target._items = dict(coll._items)
            target._order = None
        return dup

    def content_equals(self, other: Scenario) -> bool:
        """Same name and the same objects in the same order."""
        return self.name == other.name and all(
            list(a._items.items()) == list(b._items.items())
            for a, b in zip(self.collections().values(), other.collections().values(), strict=True)
        )

    def flows_of(self, entity_id: str) -> list[Flow]:
        return [f for f in self.flows if f.source == entity_id or f.target == entity_id]

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={len(c)}" for n, c in self.collections().items())
        return f"<Scenario {self.name!r}: {counts}>"


def _disjoint(maps: list[dict[str, Any]]) -> bool:
    """No key in two of ``maps`` (each pair checked by looking the smaller one's keys up
    in the larger: cheaper than one set of all the ids)."""
    return all(a.keys().isdisjoint(b.keys()) for i, a in enumerate(maps) for b in maps[i + 1:])


def _missing(obj: ModelObject, fld: str, what: str, ref: str) -> ValidationError:
    zh = {"entity": "主体", "ecosystem": "生态", "capability": "能力"}[what]
    return ValidationError(obj.WHAT, obj.id, fld,
                           f"names {what} '{ref}', which does not exist", f"引用的{zh} '{ref}' 不存在")


class Project:
    """A project: metadata, analysis settings and one or more scenarios (by unique name)."""

    def __init__(self, name: str = "Untitled", *, currency: str = "CNY", period: str = "year",
                 notes: str = "", language: str = "", settings: AnalysisSettings | None = None,
                 scenarios: Iterable[Scenario] | None = None, views: Iterable[View] | None = None) -> None:
        self.name = name
        self.currency = currency
        self.period = period
        self.notes = notes
        self.language = language
        self.settings = settings or AnalysisSettings()
        #: (English, Chinese) sentences an importer wants the planner to read after an
        #: import ("The graph is undirected: …"). Not part of the project: never saved,
        #: not compared, not copied.
        self.import_remarks: list[tuple[str, str]] = []
        self._scenarios: list[Scenario] = []
        #: scenario_added(scenario, index), scenario_removed(scenario, index),
        #: scenario_renamed(scenario, old_name), changed() for metadata/settings.
        self.scenario_added = Signal("project.scenario_added")
        self.scenario_removed = Signal("project.scenario_removed")
        self.scenario_renamed = Signal("project.scenario_renamed")
        self.changed = Signal("project.changed")
        #: views_changed() after any edit of the views (added, removed, replaced, moved, or
        #: a scenario rename they follow).
        self.views_changed = Signal("project.views_changed")
        self._views: list[View] = []
        for s in scenarios or ():
            self.add_scenario(s)
        for v in views or ():
            self.add_view(v)

    @property
    def scenarios(self) -> list[Scenario]:
        return list(self._scenarios)

    def scenario(self, name: str | None = None) -> Scenario:
        """The scenario called ``name`` (the first one when None)."""
        if name is None:
            if not self._scenarios:
                raise ValidationError("project", self.name, "scenarios", "has no scenario", "没有任何情景")
            return self._scenarios[0]
        for s in self._scenarios:
            if s.name == name:
                return s
        names = ", ".join(s.name for s in self._scenarios)
        raise ValidationError("scenario", name, "name", f"does not exist (scenarios: {names})",
                              f"不存在（现有情景：{names}）")

    def scenario_names(self) -> list[str]:
        return [s.name for s in self._scenarios]

    def _check_name(self, name: str, ignore: Scenario | None = None) -> None:
        if not isinstance(name, str) or not name.strip():
            raise ValidationError("scenario", str(name), "name", "a scenario needs a name", "情景必须有名称")
        if any(s.name == name and s is not ignore for s in self._scenarios):
            raise ValidationError("scenario", name, "name", "is already the name of another scenario",
                                  "已有同名情景")

    def add_scenario(self, scenario: Scenario, index: int | None = None) -> int:
        self._check_name(scenario.name)
        at = len(self._scenarios) if index is None else max(0, min(index, len(self._scenarios)))
        self._scenarios.insert(at, scenario)
        self.scenario_added.emit(scenario, at)
        return at

    def remove_scenario(self, name: str) -> tuple[Scenario, int]:
        s = self.scenario(name)
        if len(self._scenarios) == 1:
            raise ValidationError("scenario", name, "name", "is the only scenario and cannot be removed",
                                  "是唯一的情景，不能删除")
        at = self._scenarios.index(s)
        self._scenarios.pop(at)
        self.scenario_removed.emit(s, at)
        return s, at

    def rename_scenario(self, old: str, new: str) -> None:
        s = self.scenario(old)
        if old == new:
            return
        self._check_name(new, ignore=s)
        s.name = new
        followed = False
        for i, v in enumerate(self._views):  # views follow their scenario's new name
            if v.scenario == old:
                self._views[i] = v.evolve(scenario=new)
                followed = True
        self.scenario_renamed.emit(s, old)
        if followed:
            self.views_changed.emit()

    # views (the slides of a presentation) -----------------------------------------
    @property
    def views(self) -> list[View]:
        """The saved views in presentation order (a copy)."""
        return list(self._views)

    def view(self, view_id: str) -> View:
        for v in self._views:
            if v.id == view_id:
                return v
        raise ValidationError("view", view_id, "id", "does not exist", "不存在")

    def view_index(self, view_id: str) -> int:
        return self._views.index(self.view(view_id))

    def add_view(self, view: View, index: int | None = None) -> int:
        """Add ``view`` at ``index`` (default: last); a duplicate id is refused. A view may
        name a scenario that does not exist (it is kept and marked, see :meth:`orphan_views`)."""
        if not isinstance(view, View):
            raise TypeError(f"not a view: {view!r}")
        if any(v.id == view.id for v in self._views):
            raise ValidationError("view", view.id, "id", "is already used by another view", "已被另一个视图使用")
        at = len(self._views) if index is None else max(0, min(index, len(self._views)))
        self._views.insert(at, view)
        self.views_changed.emit()
        return at

    def remove_view(self, view_id: str) -> tuple[View, int]:
        at = self.view_index(view_id)
        v = self._views.pop(at)
        self.views_changed.emit()
        return v, at

    def replace_view(self, view: View) -> View:
        """Put ``view`` in place of the view with its id; returns the old one."""
        at = self.view_index(view.id)
        old = self._views[at]
        self._views[at] = view
        self.views_changed.emit()
        return old

    def move_view(self, view_id: str, index: int) -> int:
        """Move the view to ``index`` (clamped to the list); returns its old index."""
        old = self.view_index(view_id)
        v = self._views.pop(old)
        self._views.insert(max(0, min(index, len(self._views))), v)
        self.views_changed.emit()
        return old

    def orphan_views(self) -> list[View]:
        """Views whose scenario no longer exists: kept, and shown as such."""
        names = set(self.scenario_names())
        return [v for v in self._views if v.scenario not in names]

    def set_meta(self, **changes: Any) -> dict[str, Any]:
        """Change name/currency/period/notes/language/settings; returns the old values."""
        old: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in ("name", "currency", "period", "notes", "language", "settings"):
                raise ValidationError("project", self.name, key, "is not a project field", "不是项目字段")
            if key == "settings" and not isinstance(value, AnalysisSettings):
                value = AnalysisSettings.from_dict(value)
            elif key != "settings" and not isinstance(value, str):
                raise ValidationError("project", self.name, key, "must be text", "必须是文本")
            old[key] = getattr(self, key)
            setattr(self, key, value)
        if old:
            self.changed.emit()
        return old

    def meta_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "currency": self.currency, "period": self.period,
            "notes": self.notes, "language": self.language, "settings": self.settings.to_dict(),
        }

    def content_equals(self, other: Project) -> bool:
        return self.meta_dict() == other.meta_dict() and self._views == other._views \
            and len(self._scenarios) == len(other._scenarios) and all(
            a.content_equals(b) for a, b in zip(self._scenarios, other._scenarios, strict=True))

    def __repr__(self) -> str:
        return f"<Project {self.name!r}: {self.scenario_names()}>"
