"""IO layer: the differences between two projects or two scenarios (``ecodesk diff``). Qt-free.

Scenarios pair by name (two scenarios given directly pair with each other); inside a pair,
objects pair by id, and each table lists the ids added (in B only), removed (in A only) and
changed (fields with their value before, in A, and after, in B). JSON::

    {"scenarios_added": [name…], "scenarios_removed": [name…],
     "tables": [{"scenario": S, "table": T, "added": [id…], "removed": [id…],
                 "changed": [{"id": id, "fields": [{"field": F, "before": x, "after": y}…]}…]}…]}

Only tables with a difference are listed; an empty ``tables`` and no scenario added or removed
means the two are the same. Notes on the canvas are the scenario table ``annotations``; the
project's saved views are listed last as the table ``views`` with scenario ``""`` (two
projects only). An entity's ``size`` is compared as 1 where it is the normal size.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecodesk.model import Project, Scenario
from ecodesk.model.objects import COLLECTIONS

#: How many ids a readable summary lists before "… and N more".
SHOWN = 8


@dataclass
class TableDiff:
    scenario: str
    table: str
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "table": self.table, "added": list(self.added),
                "removed": list(self.removed), "changed": [dict(c) for c in self.changed]}


@dataclass
class DiffReport:
    scenarios_added: list[str] = field(default_factory=list)
    scenarios_removed: list[str] = field(default_factory=list)
    tables: list[TableDiff] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.scenarios_added or self.scenarios_removed or self.tables)

    def to_json(self) -> dict[str, Any]:
        return {"scenarios_added": list(self.scenarios_added), "scenarios_removed": list(self.scenarios_removed),
                "tables": [t.to_json() for t in self.tables]}


#: The table of the project's saved views (scenario "").
VIEWS = "views"


def object_dict(table: str, obj: Any) -> dict[str, Any]:
    """``obj.to_dict()`` with the fields it leaves out at their default that a comparison
    should show (an entity's normal size is 1, not missing)."""
    d = obj.to_dict()
    if table == "entities":
        d.setdefault("size", 1.0)
    return d


def _table_diff(scenario: str, table: str, before: dict[str, dict[str, Any]],
                after: dict[str, dict[str, Any]]) -> TableDiff | None:
    td = TableDiff(scenario, table, [k for k in after if k not in before], [k for k in before if k not in after])
    for k, old in before.items():
        new = after.get(k)
        if new is None or new == old:
            continue
        fields = [{"field": f, "before": old.get(f), "after": new.get(f)}
                  for f in [*old, *(f for f in new if f not in old)] if old.get(f) != new.get(f)]
        td.changed.append({"id": k, "fields": fields})
    return td if td.added or td.removed or td.changed else None


def diff_scenarios(a: Scenario, b: Scenario, name: str | None = None) -> list[TableDiff]:
    out = []
    for t in COLLECTIONS:
        td = _table_diff(name or b.name, t, {o.id: object_dict(t, o) for o in getattr(a, t)},
                         {o.id: object_dict(t, o) for o in getattr(b, t)})
        if td is not None:
            out.append(td)
    return out


def diff(a: Project | Scenario, b: Project | Scenario) -> DiffReport:
    """What changed from ``a`` to ``b`` (two projects, or two scenarios)."""
    if isinstance(a, Scenario) and isinstance(b, Scenario):
        return DiffReport(tables=diff_scenarios(a, b, b.name if a.name == b.name else f"{a.name} → {b.name}"))
    if not (isinstance(a, Project) and isinstance(b, Project)):
        raise TypeError("diff needs two projects or two scenarios")
    an, bn = a.scenario_names(), b.scenario_names()
    report = DiffReport([n for n in bn if n not in an], [n for n in an if n not in bn])
    for n in an:
        if n in bn:
            report.tables.extend(diff_scenarios(a.scenario(n), b.scenario(n), n))
    views = _table_diff("", VIEWS, {v.id: v.to_dict() for v in a.views}, {v.id: v.to_dict() for v in b.views})
    if views is not None:
        report.tables.append(views)
    return report


_WORDS = {
    "same": ("No differences.", "没有差异。"),
    "s_added": ("Scenarios added: {x}.", "新增情景：{x}。"),
    "s_removed": ("Scenarios removed: {x}.", "删除情景：{x}。"),
    "added": ("  added: {x}", "  新增：{x}"),
    "removed": ("  removed: {x}", "  删除：{x}"),
    "changed": ("  changed: {x}", "  修改：{x}"),
    "more": ("… and {n} more", "… 另有 {n} 项"),
    "head": ("Scenario '{s}', {t}:", "情景「{s}」，{t}："),
    "views": ("Saved views:", "视图："),
}


def _cut(items: list[str], zh: bool) -> str:
    shown = ", ".join(items[:SHOWN])
    rest = len(items) - SHOWN
    if rest > 0:
        shown += ", " + _WORDS["more"][zh].format(n=rest)
    return shown


def format_diff(report: DiffReport, lang: str = "en") -> str:
    """The readable summary, English or Chinese; long lists cut with "… and N more"."""
    zh = int(lang.startswith("zh"))
    if report.empty:
        return _WORDS["same"][zh]
    lines = []
    if report.scenarios_added:
        lines.append(_WORDS["s_added"][zh].format(x=_cut(report.scenarios_added, bool(zh))))
    if report.scenarios_removed:
        lines.append(_WORDS["s_removed"][zh].format(x=_cut(report.scenarios_removed, bool(zh))))
    for td in report.tables:
        if td.table == VIEWS and not td.scenario:
            lines.append(_WORDS["views"][zh])
        else:
            lines.append(_WORDS["head"][zh].format(s=td.scenario, t=td.table))
        if td.added:
            lines.append(_WORDS["added"][zh].format(x=_cut(td.added, bool(zh))))
        if td.removed:
            lines.append(_WORDS["removed"][zh].format(x=_cut(td.removed, bool(zh))))
        if td.changed:
            items = [f"{c['id']} ({', '.join(f['field'] for f in c['fields'])})" for c in td.changed]
            lines.append(_WORDS["changed"][zh].format(x=_cut(items, bool(zh))))
    return "\n".join(lines)
