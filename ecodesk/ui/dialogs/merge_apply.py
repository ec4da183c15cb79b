"""UI layer (no widget, no Qt): what File → Merge Projects… needs besides its dialog — reading
the OTHER and ancestor files, noticing a merge of the open file with itself, the names shown
for a conflict's object, and :func:`merge_command`, the merged result applied to the open
project as ONE undoable step.

:func:`merge_command` turns the open project into the merged one with the model's own
commands (``AddObject``, ``RemoveObject``, ``ChangeObject``, ``AddScenario``, the views'
``AddView``/``ChangeView``) gathered in a :class:`~ecodesk.commands.Macro`, so the canvas, the
tables and the inspector follow through the model's signals as for any edit, and Edit → Undo
gives back the project exactly as it was (objects at their former indices). The order of the
steps keeps every intermediate state valid (the model refuses a flow without an end):

1. flows, needs, pools and notes that go away, or whose references change, are removed;
2. new ecosystems are added and changed ones replaced; then the same for entities, then for
   capabilities (whose owner may change now: no flow delivers them from the old one any more);
3. capabilities, entities and ecosystems that go away are removed (nothing refers to them now);
4. flows, needs, pools and notes are added (new, or back with new references) or changed.

Each addition goes right after its predecessor in the merged order, so the merged project's
order is kept exactly (:meth:`Project.content_equals` holds between the two).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecodesk.commands import AddObject, AddScenario, ChangeObject, Command, Macro, RemoveObject, tr_noop
from ecodesk.model import Project, Scenario
from ecodesk.model.objects import ModelObject

#: The tables nothing else refers to (removed first, added last).
LEAVES = ("flows", "needs", "pools", "annotations")
#: The tables others refer to, in dependency order.
ROOTS = ("ecosystems", "entities", "capabilities")


def load_project_file(path: str | os.PathLike[str]) -> Project:
    """A project file (.ecodesk) opened read-only, or any other file ecodesk imports (JSON …)
    as a project. Raises :class:`~ecodesk.model.errors.EcodeskError` with one sentence."""
    from ecodesk.io import check_readable, import_file

    p = Path(path)
    check_readable(p)  # a FIFO or device would block the window for ever
    if p.suffix.lower() == ".ecodesk":
        from ecodesk.store import open_project

        return open_project(p)
    return import_file(p)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether ``a`` and ``b`` are one file (or two files with the same bytes)."""
    pa, pb = Path(a), Path(b)
    try:
        if os.path.samefile(pa, pb):
            return True
        return pa.is_file() and pb.is_file() and pa.stat().st_size == pb.stat().st_size \
            and pa.read_bytes() == pb.read_bytes()
    except OSError:
        return False


def project_copy(project: Project) -> Project:
    """An independent copy of ``project`` (objects are immutable: sharing them is safe), for
    merging off the GUI thread while the user may go on editing the original."""
    return Project(project.name, currency=project.currency, period=project.period, notes=project.notes,
                   language=project.language, settings=project.settings,
                   scenarios=[s.copy() for s in project.scenarios], views=project.views)


def object_label(projects: list[Project], scenario: str, table: str, obj_id: str) -> str:
    """"name [id]" of a conflict's object (a view's title for table ``views``), the name looked
    up in the first of ``projects`` that has it (the base first); the bare id without a name."""
    for p in projects:
        if table == "views":
            obj: Any = next((v for v in p.views if v.id == obj_id), None)
            name = str(getattr(obj, "title", "") or "").strip()
        elif scenario in p.scenario_names():
            coll = p.scenario(scenario).collections().get(table)
            obj = coll.get(obj_id) if coll is not None else None
            name = str(getattr(obj, "name", "") or "").strip() if obj is not None else ""
        else:
            continue
        if name:
            return f"{name} [{obj_id}]"
    return obj_id


def value_text(value: Any, limit: int = 80) -> str:
    """A conflict's value as one line: lists joined, a whole (deleted or kept) object as its
    name, long text cut with "…"."""
    if value is None:
        return ""
    if isinstance(value, dict):
        value = value.get("name") or value.get("id") or ""
    elif isinstance(value, (list, tuple)):
        value = ", ".join(value_text(v, limit) for v in value)
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class _Order:
    """The order of one collection as the steps change it (where an addition goes)."""

    ids: list[str]

    def remove(self, obj_id: str) -> None:
        self.ids.remove(obj_id)

    def insert_after(self, pred: str | None, obj_id: str) -> int:
        at = self.ids.index(pred) + 1 if pred is not None and pred in self.ids else 0
        self.ids.insert(at, obj_id)
        return at


def scenario_commands(s: Scenario, t: Scenario) -> list[Command]:
    """The commands turning scenario ``s`` into ``t`` (same name), in a valid order (see the
    module docstring); empty when they are equal."""
    if s.content_equals(t):
        return []
    before = {n: {o.id: o for o in getattr(s, n)} for n in (*ROOTS, *LEAVES)}
    after = {n: {o.id: o for o in getattr(t, n)} for n in (*ROOTS, *LEAVES)}
    order = {n: _Order(list(before[n])) for n in before}
    cmds: list[Command] = []
    readd: dict[str, set[str]] = {n: set() for n in LEAVES}

    def add_missing(table: str, wanted: set[str]) -> None:
        pred = None
        for oid, obj in after[table].items():
            if oid in wanted:
                cmds.append(AddObject(s, obj, order[table].insert_after(pred, oid)))
            pred = oid

    # 1. leaves that go away or whose references change (dependents first)
    for table in reversed(LEAVES):
        for oid, old in before[table].items():
            new = after[table].get(oid)
            if new is None or (new != old and _refs_change(table, old, new)):
                cmds.append(RemoveObject(s, old))
                order[table].remove(oid)
                if new is not None:
                    readd[table].add(oid)
    # 2. ecosystems, entities, capabilities: add the new ones, change the changed ones
    for table in ROOTS:
        add_missing(table, set(after[table]) - set(before[table]))
        cmds += [ChangeObject(s, new) for oid, new in after[table].items()
                 if oid in before[table] and before[table][oid] != new]
    # 3. …and remove those that go away (what referred to them is gone or changed by now)
    for table in reversed(ROOTS):
        for oid, old in before[table].items():
            if oid not in after[table]:
                cmds.append(RemoveObject(s, old))
                order[table].remove(oid)
    # 4. the leaves: new ones and those taken out in step 1, at their place; changes in place
    for table in LEAVES:
        add_missing(table, (set(after[table]) - set(before[table])) | readd[table])
        cmds += [ChangeObject(s, new) for oid, new in after[table].items()
                 if oid in before[table] and oid not in readd[table] and before[table][oid] != new]
    return cmds


#: The fields of a leaf object that name other objects (a change of them re-adds the object).
_REF_FIELDS = {"flows": ("source", "target", "kind", "capability"), "needs": ("entity",),
               "pools": ("members", "weights", "floors", "claims"), "annotations": ()}


def _refs_change(table: str, old: ModelObject, new: ModelObject) -> bool:
    return any(getattr(old, f) != getattr(new, f) for f in _REF_FIELDS[table])


def merge_command(project: Project, merged: Project, text: str = "", **params: Any) -> Macro | None:
    """One undo step turning ``project`` (the open one) into ``merged`` (a result of
    :func:`ecodesk.io.merge.merge_all` on it): changed scenarios, new scenarios (at their
    place) and the project's views (added, changed, or dropped as the merge decided); None when
    nothing changes. The project's name, currency,
    period and settings stay (a merge keeps the base's)."""
    children: list[Command] = []
    names = project.scenario_names()
    for index, t in enumerate(merged.scenarios):
        if t.name in names:
            children += scenario_commands(project.scenario(t.name), t)
        else:
            children.append(AddScenario(project, t.copy(), index))
    children += _view_commands(project, merged)
    if not children:
        return None
    return Macro(text or tr_noop("Merge {files}"), children, **(params or {"files": ""}))


def _view_commands(project: Project, merged: Project) -> list[Command]:
    """The views as the merge has them: those it dropped (deleted by one side, untouched by the
    other) removed, new ones added at their place, changed ones replaced."""
    from ecodesk.commands.views import AddView, ChangeView, RemoveView

    mine = {v.id: v for v in project.views}
    theirs = {v.id for v in merged.views}
    out: list[Command] = [RemoveView(project, vid) for vid in reversed(list(mine)) if vid not in theirs]
    for index, v in enumerate(merged.views):
        if v.id not in mine:
            out.append(AddView(project, v, index))
        elif mine[v.id] != v:
            out.append(ChangeView(project, v))
    return out
