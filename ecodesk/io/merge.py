"""IO layer: merging the projects of several workshop groups (SPEC §4 "Merging"). Qt-free.

Scenarios match by name (new names are added; a merge never removes a scenario). Inside a
scenario objects match by id, then entities added on both sides under different ids match
by name and kind (trimmed, case-insensitive) and the other side's references follow (flows,
capability owners, needs, pool members, weights, claims and floors). With an ancestor a field
changed on one side only takes that change; changed on both sides differently it is a
conflict, kept from ``prefer``. An object deleted on one side is deleted when the other side
left it as it was, and kept (a conflict) when the other side changed it or references it —
a flow never loses an end. Without an ancestor every differing field is a conflict. The
result is validated before it is returned: an invalid merge raises :class:`MergeRefused`
with one sentence per reason. Diffs are :mod:`ecodesk.io.diff`.

Notes on the canvas (``annotations``) are a scenario table like the others, except that a
note with one id on both sides, different, and not in the ancestor (or without one) is two
groups' notes: both are kept, the other's under a fresh id (``note7``), counted as added.
Saved views belong to the project: they match by id, then views new on both sides by title
(trimmed, case-insensitive; the base's id stays), with the same three-way rules; their
conflicts have scenario ``""`` and table ``"views"``; the merged order is the base's, then the
other's new views. Entity ``size`` and ``color`` are fields like any other.

``choices`` decides single conflicts: ``{(scenario, table, id, field): "base" | "other"}``
(others follow ``prefer``); for a ``"deleted"`` conflict, choosing the side that deleted the
object deletes it — unless something kept still refers to it. A conflict's ``kept`` is the
side actually kept. Merged tables keep the base's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ecodesk.io.diff import VIEWS, object_dict
from ecodesk.model import Project, Scenario
from ecodesk.model.errors import EcodeskError, ValidationError
from ecodesk.model.objects import COLLECTIONS, make
from ecodesk.model.views import View

TABLES = tuple(COLLECTIONS)
PREFERS = ("base", "other")
#: The field a conflict names when one side deleted an object the other side kept.
DELETED = "deleted"
#: Per-conflict decisions: (scenario, table, id, field) -> "base" | "other".
Choices = Mapping[tuple[str, str, str, str], str]


class MergeRefused(EcodeskError):
    """A merge that cannot be made: one sentence per reason, in English and Chinese."""

    def __init__(self, reasons: Sequence[tuple[str, str]]) -> None:
        self.reasons = list(reasons)
        super().__init__(" ".join(en for en, _ in self.reasons))

    def sentences(self, lang: str = "en") -> list[str]:
        return [zh if lang.startswith("zh") else en for en, zh in self.reasons]


@dataclass
class MergeReport:
    """What a merge did: objects added from OTHER per table, entities matched by name,
    and the conflicts (``kept`` is ``"base"`` or ``"other"``: the side whose value stays)."""

    added: dict[str, int] = field(default_factory=dict)
    matched_by_name: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def extend(self, other: MergeReport) -> None:
        for table, n in other.added.items():
            self.added[table] = self.added.get(table, 0) + n
        self.matched_by_name.extend(other.matched_by_name)
        self.conflicts.extend(other.conflicts)

    def to_json(self) -> dict[str, Any]:
        return {"added": dict(self.added), "matched_by_name": [list(p) for p in self.matched_by_name],
                "conflicts": [dict(c) for c in self.conflicts]}


def _key(entity: dict[str, Any]) -> tuple[str, str]:
    return (str(entity.get("name", "")).strip().casefold(), str(entity.get("kind", "")))


def _remap(table: str, d: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """``d`` with every entity reference renamed through ``ids``."""
    if not ids:
        return d
    d = dict(d)
    if table == "capabilities":
        d["owner"] = ids.get(d["owner"], d["owner"])
    elif table == "flows":
        d["source"] = ids.get(d["source"], d["source"])
        d["target"] = ids.get(d["target"], d["target"])
    elif table == "needs":
        d["entity"] = ids.get(d["entity"], d["entity"])
    elif table == "pools":
        d["members"] = [ids.get(m, m) for m in d["members"]]
        for k in ("weights", "floors", "claims"):
            d[k] = {ids.get(m, m): v for m, v in d[k].items()}
    return d


def references(table: str, d: dict[str, Any]) -> set[str]:
    """The ids an object (as its dict) refers to."""
    if table == "entities":
        return set(d.get("ecosystems", ()))
    if table == "capabilities":
        return {d["owner"]}
    if table == "flows":
        return {d["source"], d["target"]} | ({d["capability"]} if d.get("capability") else set())
    if table == "needs":
        return {d["entity"]}
    if table == "pools":
        return set(d["members"]) | set(d["weights"]) | set(d["floors"]) | set(d["claims"])
    return set()


def _tables(s: Scenario | None) -> dict[str, dict[str, dict[str, Any]]]:
    if s is None:
        return {t: {} for t in TABLES}
    return {t: {o.id: object_dict(t, o) for o in getattr(s, t)} for t in TABLES}


def _match_names(b: dict, o: dict, a: dict) -> dict[str, str]:
    """Other's new entities (id in neither base nor ancestor) matched to base's new ones by
    name and kind: {other_id: base_id}."""
    free: dict[tuple[str, str], list[str]] = {}
    for bid, d in b["entities"].items():
        if bid not in o["entities"] and bid not in a["entities"]:
            free.setdefault(_key(d), []).append(bid)
    out: dict[str, str] = {}
    for oid, d in o["entities"].items():
        if oid in b["entities"] or oid in a["entities"]:
            continue
        candidates = free.get(_key(d))
        if candidates:
            out[oid] = candidates.pop(0)
    return out


class _Merger:
    """The three-way rules for one table of dicts by id (a scenario's table, or the views)."""

    def __init__(self, scenario: str, three_way: bool, prefer: str, choices: Choices, report: MergeReport) -> None:
        self.scenario, self.three_way, self.prefer, self.choices, self.report = (
            scenario, three_way, prefer, choices, report)
        #: (table, id) -> the DELETED conflict listed for it (a reference may still bring the object back)
        self.deletions: dict[tuple[str, str], dict[str, Any]] = {}

    def side(self, table: str, oid: str, fld: str, default: str) -> str:
        chosen = self.choices.get((self.scenario, table, oid, fld), default)
        return chosen if chosen in PREFERS else default

    def table(self, t: str, b: dict[str, dict], o: dict[str, dict], a: dict[str, dict],
              taken: set[str] | None = None) -> tuple[dict[str, dict], dict[str, tuple[dict, str]], list[str]]:
        """Merged rows, the objects deleted (object, side that still has it) and the order of ids
        (base's, then other's new ones). ``taken``: every id of the scenario, for notes that
        both sides wrote under one id."""
        rows: dict[str, dict[str, Any]] = {}
        gone: dict[str, tuple[dict[str, Any], str]] = {}
        order: list[str] = []
        for oid in [*b, *(k for k in o if k not in b)]:
            order.append(oid)
            bd, od, ad = b.get(oid), o.get(oid), a.get(oid)
            if bd is not None and od is not None:
                if taken is not None and ad is None and bd != od:  # two groups' notes under one id: keep both
                    rows[oid] = bd
                    new_id = _fresh_id(oid, taken)
                    rows[new_id] = od | {"id": new_id}
                    order.append(new_id)
                    self._added(t)
                else:
                    rows[oid] = self.fields(t, oid, bd, od, ad)
            elif bd is not None:  # absent from other: new in base, or deleted by other
                if ad is None:
                    rows[oid] = bd
                elif bd == ad:
                    gone[oid] = (bd, "base")
                else:
                    self._deleted_changed(t, oid, bd, "base", rows, gone)
            elif od is not None:
                if ad is None:
                    rows[oid] = od
                    self._added(t)
                elif od == ad:
                    gone[oid] = (od, "other")
                else:
                    self._deleted_changed(t, oid, od, "other", rows, gone)
        return rows, gone, order

    def _added(self, t: str) -> None:
        self.report.added[t] = self.report.added.get(t, 0) + 1

    def _deleted_changed(self, t: str, oid: str, d: dict, has: str, rows: dict, gone: dict) -> None:
        """One side deleted the object, the other (``has``) changed it: kept unless chosen otherwise."""
        kept = self.side(t, oid, DELETED, has)
        conflict = _conflict(self.scenario, t, oid, DELETED, d if has == "base" else None,
                             d if has == "other" else None, kept)
        self.report.conflicts.append(conflict)
        if kept == has:
            rows[oid] = d
        else:
            gone[oid] = (d, has)
            self.deletions[(t, oid)] = conflict

    def fields(self, t: str, oid: str, bd: dict, od: dict, ad: dict | None) -> dict[str, Any]:
        if bd == od:
            return bd
        out: dict[str, Any] = {}
        for f in [*bd, *(k for k in od if k not in bd)]:
            bv, ov = bd.get(f), od.get(f)
            if bv == ov:
                out[f] = bv
                continue
            if self.three_way and ad is not None:
                av = ad.get(f)
                if bv == av:
                    out[f] = ov
                    continue
                if ov == av:
                    out[f] = bv
                    continue
            kept = self.side(t, oid, f, self.prefer)
            self.report.conflicts.append(_conflict(self.scenario, t, oid, f, bv, ov, kept))
            out[f] = bv if kept == "base" else ov
        return out

    def restore(self, table: str, oid: str, d: dict, side: str) -> None:
        """A deleted object brought back because something kept refers to it."""
        listed = self.deletions.pop((table, oid), None)
        if listed is not None:  # chosen to be deleted, but still referred to: kept after all
            listed["kept"] = side
            return
        self.report.conflicts.append(_conflict(self.scenario, table, oid, DELETED, d if side == "base" else None,
                                               d if side == "other" else None, side))


_TRAILING_NUMBER = re.compile(r"\d+$")


def _fresh_id(wanted: str, taken: set[str]) -> str:
    """A new id like ``wanted`` (its prefix and the first free number: note3 → note7); added to ``taken``."""
    prefix = _TRAILING_NUMBER.sub("", wanted) or "note"
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    taken.add(f"{prefix}{n}")
    return f"{prefix}{n}"


def merge_scenario(base: Scenario, other: Scenario, ancestor: Scenario | None, prefer: str,
                   report: MergeReport, choices: Choices | None = None) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """The merged tables of one scenario (as dicts, not yet validated)."""
    b, o, a = _tables(base), _tables(other), _tables(ancestor)
    ids = _match_names(b, o, a)
    report.matched_by_name.extend((bid, oid) for oid, bid in ids.items())
    if ids:
        o = {t: {k: _remap(t, d, ids) for k, d in rows.items()} for t, rows in o.items()}
        o["entities"] = {ids.get(k, k): (d | {"id": ids[k]} if k in ids else d) for k, d in o["entities"].items()}
    name = base.name
    merger = _Merger(name, ancestor is not None, prefer, choices or {}, report)
    taken = {k for side in (b, o, a) for rows in side.values() for k in rows}
    result: dict[str, dict[str, dict[str, Any]]] = {}
    dropped: dict[str, dict[str, tuple[dict[str, Any], str]]] = {}  # deleted: (object, the side that has it)
    orders: dict[str, list[str]] = {}
    for t in TABLES:
        result[t], dropped[t], orders[t] = merger.table(t, b[t], o[t], a[t], taken if t == "annotations" else None)
    _restore_referenced(result, dropped, merger)
    return name, {t: [result[t][k] for k in orders[t] if k in result[t]] for t in TABLES}


def _conflict(scenario: str, table: str, oid: str, fld: str, bv: Any, ov: Any, kept: str) -> dict[str, Any]:
    return {"scenario": scenario, "table": table, "id": oid, "field": fld, "base": bv, "other": ov, "kept": kept}


def _restore_referenced(result: dict, dropped: dict, merger: _Merger) -> None:
    """Bring back a deleted object that a kept one still refers to (a flow never loses an end)."""
    changed = True
    while changed:
        changed = False
        wanted = set().union(*(references(t, d) for t in TABLES for d in result[t].values()))
        for t in TABLES:
            for oid in sorted(wanted & dropped[t].keys()):
                d, side = dropped[t].pop(oid)
                result[t][oid] = d
                merger.restore(t, oid, d, side)
                changed = True


def merge_views(base: Project, other: Project, ancestor: Project | None, prefer: str, report: MergeReport,
                choices: Choices | None = None) -> list[View]:
    """The project's saved views merged (see the module text); raises nothing: views are valid."""
    b = {v.id: v.to_dict() for v in base.views}
    o = {v.id: v.to_dict() for v in other.views}
    a = {v.id: v.to_dict() for v in ancestor.views} if ancestor is not None else {}

    def title(d: dict[str, Any]) -> str:
        return " ".join(str(d.get("title", "")).split()).casefold()

    free: dict[str, list[str]] = {}
    for bid, d in b.items():
        if bid not in o and bid not in a and title(d):
            free.setdefault(title(d), []).append(bid)
    renamed: dict[str, dict[str, Any]] = {}
    for oid, d in o.items():
        candidates = free.get(title(d)) if oid not in b and oid not in a else None
        renamed[candidates.pop(0) if candidates else oid] = d
    for bid, d in renamed.items():
        renamed[bid] = d | {"id": bid}
    merger = _Merger("", ancestor is not None, prefer, choices or {}, report)
    rows, _gone, order = merger.table(VIEWS, b, renamed, a)
    return [View.from_dict(rows[k]) for k in order if k in rows]


def _build(name: str, tables: dict[str, list[dict[str, Any]]], reasons: list[tuple[str, str]]) -> Scenario:
    s = Scenario(name)
    objs: dict[str, list[Any]] = {}
    ok = True
    for t, cls in COLLECTIONS.items():
        objs[t] = []
        for d in tables[t]:
            try:
                objs[t].append(make(cls, d))
            except ValidationError as exc:
                ok = False
                reasons.append(_in_scenario(name, exc))
    if ok:
        try:
            s.bulk_load(objs)
        except ValidationError as exc:
            reasons.append(_in_scenario(name, exc))
    return s


def _in_scenario(name: str, exc: ValidationError) -> tuple[str, str]:
    return (f"In scenario '{name}': {exc.sentence('en')}.", f"情景「{name}」中：{exc.sentence('zh')}。")


def check_compatible(base: Project, other: Project) -> None:
    """Refuse projects of different currencies or periods (a merge converts nothing)."""
    reasons = []
    if base.currency.strip().casefold() != other.currency.strip().casefold():
        reasons.append((f"The projects use different currencies ({base.currency} and {other.currency}); "
                        "ecodesk merges no conversion, so change one project's currency and its money first.",
                        f"两个项目的币种不同（{base.currency} 与 {other.currency}）；合并不做换算，请先统一币种与金额。"))
    if base.period.strip().casefold() != other.period.strip().casefold():
        reasons.append((f"The projects use different periods ({base.period} and {other.period}); "
                        "ecodesk merges no conversion, so bring both to one period first.",
                        f"两个项目的期间不同（{base.period} 与 {other.period}）；合并不做换算，请先统一期间。"))
    if reasons:
        raise MergeRefused(reasons)


def merge(base: Project, other: Project, ancestor: Project | None = None, prefer: str = "base", *,
          choices: Choices | None = None) -> tuple[Project, MergeReport]:
    """``other`` merged into ``base`` (neither is changed): the validated result and its report.
    ``choices`` decides single conflicts (see the module text). Raises :class:`MergeRefused`
    (different currencies or periods, an invalid result)."""
    if prefer not in PREFERS:
        raise ValueError(f"prefer must be 'base' or 'other', not {prefer!r}")
    check_compatible(base, other)
    if ancestor is not None:
        check_compatible(base, ancestor)
    report = MergeReport()
    reasons: list[tuple[str, str]] = []
    scenarios: list[Scenario] = []
    other_names = other.scenario_names()
    anc_names = ancestor.scenario_names() if ancestor is not None else []
    for s in base.scenarios:
        if s.name in other_names:
            anc = ancestor.scenario(s.name) if ancestor is not None and s.name in anc_names else None
            name, tables = merge_scenario(s, other.scenario(s.name), anc, prefer, report, choices)
            scenarios.append(_build(name, tables, reasons))
        else:
            scenarios.append(s.copy())
    for s in other.scenarios:
        if s.name not in base.scenario_names():
            scenarios.append(s.copy())
            report.added["scenarios"] = report.added.get("scenarios", 0) + 1
    if reasons:
        raise MergeRefused(reasons)
    views = merge_views(base, other, ancestor, prefer, report, choices)
    merged = Project(base.name, currency=base.currency, period=base.period, notes=base.notes,
                     language=base.language, settings=base.settings, scenarios=scenarios, views=views)
    return merged, report


def merge_all(base: Project, others: Iterable[Project], ancestor: Project | None = None, prefer: str = "base", *,
              choices: Choices | None = None) -> tuple[Project, MergeReport]:
    """Several OTHERs merged one after another (``base`` is the result so far); one report."""
    report = MergeReport()
    result = base
    for other in others:
        result, step = merge(result, other, ancestor, prefer, choices=choices)
        report.extend(step)
    if result is base:
        result = Project(base.name, currency=base.currency, period=base.period, notes=base.notes,
                         language=base.language, settings=base.settings, scenarios=[s.copy() for s in base.scenarios],
                         views=base.views)
    return result, report
