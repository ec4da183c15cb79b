"""Commands layer: one command class per kind of edit, calling only the model's API.

Composite edits (remove an entity with everything attached, paste, move several
entities, change memberships) are built here as :class:`Macro` s so that one user
gesture is one undo step, and undo restores every object at its former index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ecodesk.commands.history import Command, Macro, tr_noop
from ecodesk.model.errors import ValidationError
from ecodesk.model.objects import (
    Annotation,
    Capability,
    Ecosystem,
    Entity,
    Flow,
    ModelObject,
    Need,
    Pool,
)
from ecodesk.model.scenario import Project, Scenario


def _label(obj: ModelObject) -> str:
    return getattr(obj, "name", "") or obj.id


class AddObject(Command):
    """Add an entity, flow, capability, ecosystem, need or pool."""

    def __init__(self, scenario: Scenario, obj: ModelObject, index: int | None = None, text: str = "") -> None:
        super().__init__(text or tr_noop("Add {what} '{name}'"), what=obj.WHAT, name=_label(obj))
        self.scenario, self.obj, self.index = scenario, obj, index

    def do(self) -> None:
        self.index = self.scenario.add(self.obj, self.index)

    def undo(self) -> None:
        self.scenario.remove(self.obj.id, type(self.obj))


class RemoveObject(Command):
    """Remove one object that nothing references (see :func:`remove_objects` for cascades)."""

    def __init__(self, scenario: Scenario, obj: ModelObject, text: str = "") -> None:
        super().__init__(text or tr_noop("Remove {what} '{name}'"), what=obj.WHAT, name=_label(obj))
        self.scenario, self.obj = scenario, obj
        self.index: int | None = None

    def do(self) -> None:
        self.obj, self.index = self.scenario.remove(self.obj.id, type(self.obj))

    def undo(self) -> None:
        self.scenario.add(self.obj, self.index)


class ChangeObject(Command):
    """Replace an object by an edited copy with the same id.

    With ``merge_key`` set, consecutive changes with the same key (typing into one field)
    merge into one undo step that restores the value before the first keystroke.
    """

    def __init__(self, scenario: Scenario, new: ModelObject, text: str = "", merge_key: Any = None) -> None:
        super().__init__(text or tr_noop("Change {what} '{name}'"), what=new.WHAT, name=_label(new))
        self.scenario, self.new = scenario, new
        self.old: ModelObject | None = None
        self.merge_id = (id(scenario), new.WHAT, new.id, merge_key) if merge_key is not None else None

    def do(self) -> None:
        old = self.scenario.replace(self.new)
        if self.old is None:
            self.old = old

    def redo(self) -> None:
        self.scenario.replace(self.new)

    def undo(self) -> None:
        assert self.old is not None
        self.scenario.replace(self.old)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, ChangeObject) or other.scenario is not self.scenario:
            return False
        self.new = other.new
        return True

    def is_noop(self) -> bool:
        return self.old is not None and self.old == self.new


class MoveEntities(Command):
    """Move several entities in one step (a drag, align, distribute, auto-layout)."""

    def __init__(self, scenario: Scenario, positions: Mapping[str, tuple[float, float]], text: str = "") -> None:
        n = len(positions)
        super().__init__(text or (tr_noop("Move entity") if n == 1 else tr_noop("Move {n} entities")), n=n)
        self.scenario = scenario
        self.new = dict(positions)
        self.old: dict[str, tuple[float, float]] = {}

    def _apply(self, positions: Mapping[str, tuple[float, float]]) -> None:
        done: list[Entity] = []
        try:
            for eid, (x, y) in positions.items():
                ent = self.scenario.entities[eid]
                if (ent.x, ent.y) != (x, y):
                    self.scenario.replace(ent.evolve(x=x, y=y))
                    done.append(ent)
        except BaseException:
            for ent in reversed(done):
                self.scenario.replace(ent)
            raise

    def do(self) -> None:
        if not self.old:
            for eid in self.new:
                if eid not in self.scenario.entities:
                    raise ValidationError("entity", eid, "id", "does not exist", "不存在")
            self.old = {eid: (self.scenario.entities[eid].x, self.scenario.entities[eid].y) for eid in self.new}
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


# scenario-level commands -------------------------------------------------------

class AddScenario(Command):
    def __init__(self, project: Project, scenario: Scenario, index: int | None = None, text: str = "") -> None:
        super().__init__(text or tr_noop("Add scenario '{name}'"), name=scenario.name)
        self.project, self.scenario, self.index = project, scenario, index

    def do(self) -> None:
        self.index = self.project.add_scenario(self.scenario, self.index)

    def undo(self) -> None:
        self.project.remove_scenario(self.scenario.name)


class RemoveScenario(Command):
    def __init__(self, project: Project, name: str) -> None:
        super().__init__(tr_noop("Remove scenario '{name}'"), name=name)
        self.project, self.name = project, name
        self.scenario: Scenario | None = None
        self.index = 0

    def do(self) -> None:
        self.scenario, self.index = self.project.remove_scenario(self.name)

    def undo(self) -> None:
        assert self.scenario is not None
        self.project.add_scenario(self.scenario, self.index)


class RenameScenario(Command):
    def __init__(self, project: Project, old: str, new: str) -> None:
        super().__init__(tr_noop("Rename scenario '{old}' to '{new}'"), old=old, new=new)
        self.project, self.old, self.new = project, old, new

    def do(self) -> None:
        self.project.rename_scenario(self.old, self.new)

    def undo(self) -> None:
        self.project.rename_scenario(self.new, self.old)


def duplicate_scenario(project: Project, name: str, new_name: str | None = None) -> AddScenario:
    """A command adding a copy of scenario ``name`` right after it."""
    src = project.scenario(name)
    new_name = new_name or unique_name(f"{name} (copy)", project.scenario_names())
    index = project.scenarios.index(src) + 1
    cmd = AddScenario(project, src.copy(new_name), index, text=tr_noop("Duplicate scenario '{name}'"))
    cmd.params["name"] = name
    return cmd


class ChangeProject(Command):
    """Change project metadata or analysis settings."""

    def __init__(self, project: Project, text: str = "", **changes: Any) -> None:
        super().__init__(text or tr_noop("Change project settings"))
        self.project, self.new = project, changes
        self.old: dict[str, Any] = {}

    def do(self) -> None:
        self.old = self.project.set_meta(**self.new)

    def undo(self) -> None:
        self.project.set_meta(**self.old)


# composite edits ---------------------------------------------------------------

def unique_name(base: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base} {n}" in taken:
        n += 1
    return f"{base} {n}"


def unique_id(scenario: Scenario, prefix: str, taken: set[str] | None = None) -> str:
    """A fresh id ``prefix<N>`` unused in every collection of ``scenario`` (and ``taken``)."""
    taken = taken or set()
    top = 0
    for coll in scenario.collections().values():
        for obj_id in coll.ids():
            if obj_id.startswith(prefix) and obj_id[len(prefix):].isdigit():
                top = max(top, int(obj_id[len(prefix):]))
    n = top + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _without_member(pool: Pool, entity_id: str) -> Pool:
    return pool.evolve(
        members=tuple(m for m in pool.members if m != entity_id),
        weights={k: v for k, v in pool.weights.items() if k != entity_id},
        floors={k: v for k, v in pool.floors.items() if k != entity_id},
        claims={k: v for k, v in pool.claims.items() if k != entity_id},
    )


def remove_objects(scenario: Scenario, objs: Iterable[ModelObject], text: str = "") -> Macro:
    """One undoable step removing ``objs`` and everything that depends on them.

    Entities take their flows, capabilities (with the capabilities' flows) and needs
    along and leave the pools they were members of; ecosystems leave their members'
    lists. Undo restores everything at its former index, in the same order.
    """
    objs = list(objs)
    pools: dict[str, Pool] = {}
    entities: dict[str, Entity] = {}
    to_remove: dict[tuple[str, str], ModelObject] = {}

    def mark(o: ModelObject) -> None:
        key = (o.WHAT, o.id)
        if key in to_remove:
            return
        to_remove[key] = o
        for dep in scenario.dependents(o):
            mark(dep)

    for o in objs:
        mark(scenario.collection_of(o)[o.id])
    for o in list(to_remove.values()):
        if isinstance(o, Entity):
            for p in scenario.referrers(o):
                assert isinstance(p, Pool)
                pools[p.id] = _without_member(pools.get(p.id, p), o.id)
        elif isinstance(o, Ecosystem):
            for e in scenario.referrers(o):
                assert isinstance(e, Entity)
                if e.id not in {k[1] for k in to_remove if k[0] == "entity"}:
                    cur = entities.get(e.id, e)
                    entities[e.id] = cur.evolve(ecosystems=tuple(x for x in cur.ecosystems if x != o.id))
    children: list[Command] = [ChangeObject(scenario, p) for p in pools.values()]
    children += [ChangeObject(scenario, e) for e in entities.values()]
    # dependents first: flows, then needs, capabilities, pools, entities, ecosystems
    order = {"flow": 0, "need": 1, "capability": 2, "pool": 3, "entity": 4, "ecosystem": 5, "annotation": 6}
    for o in sorted(to_remove.values(), key=lambda o: order[o.WHAT]):
        children.append(RemoveObject(scenario, o))
    if text:
        return Macro(text, children)
    if len(objs) == 1:
        return Macro(tr_noop("Remove {what} '{name}'"), children, what=objs[0].WHAT, name=_label(objs[0]))
    return Macro(tr_noop("Remove {n} objects"), children, n=len(objs))


def set_membership(scenario: Scenario, entity_id: str, ecosystem_id: str, member: bool) -> ChangeObject:
    """Add an entity to an ecosystem or take it out."""
    ent = scenario.entities[entity_id]
    ecos = tuple(e for e in ent.ecosystems if e != ecosystem_id)
    if member:
        ecos = (*ecos, ecosystem_id) if ecosystem_id not in ent.ecosystems else ent.ecosystems
    cmd = ChangeObject(scenario, ent.evolve(ecosystems=ecos),
                       text=tr_noop("Add '{name}' to ecosystem '{eco}'") if member
                       else tr_noop("Remove '{name}' from ecosystem '{eco}'"))
    cmd.params.update(eco=ecosystem_id)
    return cmd


def set_pool_membership(scenario: Scenario, pool_id: str, entity_id: str, member: bool) -> ChangeObject:
    """Add an entity to a pool or take it out (with its weight, floor and claim)."""
    pool = scenario.pools[pool_id]
    if member:
        new = pool if entity_id in pool.members else pool.evolve(members=(*pool.members, entity_id))
    else:
        new = _without_member(pool, entity_id)
    cmd = ChangeObject(scenario, new, text=tr_noop("Add '{entity}' to pool '{name}'") if member
                       else tr_noop("Remove '{entity}' from pool '{name}'"))
    cmd.params.update(entity=entity_id)
    return cmd


def paste_objects(scenario: Scenario, objs: Iterable[ModelObject], offset: tuple[float, float] = (20.0, 20.0),
                  text: str = "") -> tuple[Macro, dict[str, str]]:
    """Paste copies with renewed ids; flows/capabilities/needs are kept only when every
    entity they name was copied too. Returns the macro and the old → new id map."""
    objs = list(objs)
    mapping: dict[str, str] = {}
    taken: set[str] = set()

    def fresh(o: ModelObject) -> str:
        base = o.id
        stem = base.rstrip("0123456789") or o.WHAT
        new = unique_id(scenario, stem, taken)
        taken.add(new)
        mapping[base] = new
        return new

    ents = [o for o in objs if isinstance(o, Entity)]
    for e in ents:
        fresh(e)
    out: list[ModelObject] = []
    for e in ents:
        out.append(e.evolve(id=mapping[e.id], x=e.x + offset[0], y=e.y + offset[1],
                            ecosystems=tuple(x for x in e.ecosystems if x in scenario.ecosystems)))
    caps = [o for o in objs if isinstance(o, Capability) and o.owner in mapping]
    for c in caps:
        out.append(c.evolve(id=fresh(c), owner=mapping[c.owner]))
    for f in (o for o in objs if isinstance(o, Flow)):
        if f.source in mapping and f.target in mapping and (f.capability is None or f.capability in mapping):
            cap = mapping[f.capability] if f.capability else None
            out.append(f.evolve(id=fresh(f), source=mapping[f.source], target=mapping[f.target], capability=cap))
    for n in (o for o in objs if isinstance(o, Need)):
        if n.entity in mapping:
            out.append(n.evolve(id=fresh(n), entity=mapping[n.entity]))
    for a in (o for o in objs if isinstance(o, Annotation)):  # notes: on their own, moved like entities
        out.append(a.evolve(id=fresh(a), x=a.x + offset[0], y=a.y + offset[1]))
    children: list[Command] = [AddObject(scenario, o) for o in out]
    return Macro(text or tr_noop("Paste {n} entities"), children, n=len(ents)), mapping
