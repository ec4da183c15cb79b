"""I/O layer: the interchange JSON of SPEC §4 (single- and multi-scenario forms).

Import checks everything and reports every problem it finds (file, scenario, the
object's position and field) before building anything: a bad file builds nothing.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ecodesk.io.atomic import atomic_write
from ecodesk.io.autoplace import fill_positions, missing_ids
from ecodesk.io.errors import FormatError, Problem
from ecodesk.model.errors import ValidationError
from ecodesk.model.objects import COLLECTIONS, AnalysisSettings, ModelObject, Need, make
from ecodesk.model.scenario import Project, Scenario
from ecodesk.model.views import View

FORMAT = "ecodesk"
VERSION = 1
PROJECT_FIELDS = ("name", "currency", "period", "notes", "language", "settings")
#: The key of the project object holding the saved views (SPEC §2: "and the project object views").
VIEWS = "views"


def project_views(project: Project, scenario: str | None = None) -> list[View]:
    """The views an export writes: all of them, or with ``scenario`` those of that scenario."""
    return [v for v in project.views if scenario is None or v.scenario == scenario]


def project_to_json(project: Project, scenario: str | None = None) -> dict[str, Any]:
    """The SPEC §4 object; with ``scenario`` the single-scenario form of that scenario (and its views)."""
    meta = {**project.meta_dict(), VIEWS: [v.to_dict() for v in project_views(project, scenario)]}
    head: dict[str, Any] = {"format": FORMAT, "version": VERSION, "project": meta}
    if scenario is not None:
        s = project.scenario(scenario).to_dict()
        head["name"] = s.pop("name")
        head.update(s)
        return head
    head["scenarios"] = [s.to_dict() for s in project.scenarios]
    return head


def dumps(project: Project, scenario: str | None = None) -> str:
    return json.dumps(project_to_json(project, scenario), ensure_ascii=False, indent=2, allow_nan=False)


def export_json(project: Project, dest: str | os.PathLike[str], scenario: str | None = None) -> None:
    text = dumps(project, scenario)
    with atomic_write(dest) as fh:
        fh.write(text)
        fh.write("\n")


def _reject_constant(value: str) -> float:
    raise ValueError(f"{value} is not a number JSON allows")


class _NumberTooLarge(ValueError):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(f"the number {text[:12]}… ({len(text)} digits) is too large")


def _parse_int(text: str) -> int:
    """Whole numbers beyond any float are refused here, with their place (the model would
    fail to convert them; Python itself refuses more than 4,300 digits, less clearly)."""
    if len(text) > 308 and (len(text.lstrip("-")) > 309 or abs(int(text)) > sys.float_info.max):
        raise _NumberTooLarge(text)
    return int(text)


def _line_col(text: str, pos: int) -> str:
    return f"line {text.count(chr(10), 0, pos) + 1}, column {pos - text.rfind(chr(10), 0, pos)}"


#: A ``\\uXXXX`` escape of a high surrogate not followed by a low one, or of a low one not
#: preceded by a high one: JSON allows it, but it decodes to no character and no file can
#: store it (the save or export would fail later, without saying where).
_LONE_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogate_at(text: str) -> int | None:
    """Where ``text`` has an unpaired surrogate escape (not itself an escaped backslash)."""
    for m in _LONE_SURROGATE_ESCAPE.finditer(text):
        i = m.start() - 1
        while i >= 0 and text[i] == "\\":
            i -= 1
        if (m.start() - 1 - i) % 2 == 0:  # an even number of backslashes before ours
            return m.start()
    return None


#: Largest JSON file read (interchange JSON, Kumu): a 50,000-flow project is under a tenth of it.
MAX_JSON_BYTES = 256 * 1024 * 1024


def read_json_file(path: str | os.PathLike[str]) -> Any:
    """Parse a JSON file (UTF-8, with or without BOM) into Python, with a clear error."""
    name = Path(path).name
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_JSON_BYTES + 1)
    except OSError as exc:
        raise FormatError(name, [f"'{name}' cannot be read: {exc.strerror or exc}."]) from None
    if len(raw) > MAX_JSON_BYTES:
        raise FormatError(name, [f"'{name}' is too large (more than {MAX_JSON_BYTES:,} bytes; ecodesk reads JSON "
                                 "files of at most that)."])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(name, [f"'{name}' is not UTF-8 text (byte {exc.start})."]) from None
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except _NumberTooLarge as exc:
        where = _line_col(text, max(0, text.find(exc.text)))
        raise FormatError(name, [f"'{name}' is not valid JSON ({where}: {exc})."]) from None
    except ValueError as exc:
        where = f"line {exc.lineno}, column {exc.colno}: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else str(exc)
        raise FormatError(name, [f"'{name}' is not valid JSON ({where})."]) from None
    except RecursionError:
        raise FormatError(name, [f"'{name}' is not valid JSON (it is nested too deeply)."]) from None
    at = _lone_surrogate_at(text) if _SURROGATE_ESCAPE.search(text) else None  # a fast test first
    if at is not None:
        raise FormatError(
            name,
            [f"'{name}' has text that is not valid Unicode ({_line_col(text, at)}: {text[at:at + 6]} is half of a "
             "UTF-16 pair, which no file can store)."],
        )
    return data


def import_json(path: str | os.PathLike[str]) -> Project:
    """Build a project from an interchange JSON file; raises FormatError listing problems."""
    name = Path(path).name
    return project_from_json(read_json_file(path), source=name)


def project_from_json(data: Any, source: str = "JSON") -> Project:
    if not isinstance(data, Mapping):
        raise FormatError(source, [f"'{source}' must hold one JSON object, not {type(data).__name__}."])
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise FormatError(source, [f"'{source}' is not an ecodesk file (format is {fmt!r}, expected 'ecodesk')."])
    version = data.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        raise FormatError(source, [f"'{source}': version must be a whole number, not {version!r}."])
    if version > VERSION:
        raise FormatError(source, [f"'{source}' was written by a newer ecodesk (format version {version}; "
                                   f"this version reads up to {VERSION})."])
    recognised = ("format", "project", "scenarios", "name", *COLLECTIONS)
    if not any(k in data for k in recognised):  # {"a": 1} is not an empty project
        found = "its keys: " + ", ".join(f"'{k}'" for k in list(data)[:5]) if data else "it is empty"
        raise FormatError(source, [f"'{source}' holds nothing ecodesk can import: no 'scenarios' and none of "
                                   f"{', '.join(repr(k) for k in COLLECTIONS)} ({found})."])
    problems: list[Problem] = []
    meta = data.get("project") or {}
    if not isinstance(meta, Mapping):
        raise FormatError(source, [f"'{source}': 'project' must be an object."])
    project = _project_meta(meta, source, problems)
    views = views_from_json(meta.get(VIEWS), f"'{source}', project", problems)
    if VIEWS in data:  # a likely slip: said, not silently dropped
        problems.append(f"'{source}': 'views' belongs in the 'project' object (\"project\": {{\"views\": [...]}}), "
                        "not at top level.")

    if "scenarios" in data:
        raw_scenarios = data["scenarios"]
        if not isinstance(raw_scenarios, list) or not raw_scenarios:
            raise FormatError(source, [f"'{source}': 'scenarios' must be a non-empty list."])
        stray = [k for k in COLLECTIONS if k in data]
        if stray:
            problems.append(f"'{source}': '{stray[0]}' at top level and 'scenarios' cannot be used together.")
    else:
        raw_scenarios = [{"name": data.get("name") or "Base", **{k: data.get(k, []) for k in COLLECTIONS}}]

    names: set[str] = set()
    for n, raw in enumerate(raw_scenarios):
        where = f"'{source}', scenarios[{n}]"
        if not isinstance(raw, Mapping):
            problems.append(f"{where} must be an object.")
            continue
        sname = raw.get("name")
        if not isinstance(sname, str) or not sname.strip():
            problems.append(f"{where}: a scenario needs a non-empty 'name'.")
            continue
        if sname in names:
            problems.append(f"{where}: the scenario name '{sname}' is used twice.")
            continue
        names.add(sname)
        scenario = scenario_from_json(raw, f"'{source}', scenario '{sname}'", problems, project.import_remarks)
        if scenario is not None:
            project.add_scenario(scenario)
    if problems:
        raise FormatError(source, problems)
    for view in views:
        project.add_view(view)
    remark_orphan_views(project, source)
    return project


def remark_orphan_views(project: Project, source: str) -> None:
    """Say (in the import remarks) which views show a scenario the file does not hold: they are
    kept, and the app marks them, so the planner may rename or re-create the scenario."""
    orphans = project.orphan_views()
    if not orphans:
        return
    names = ", ".join(f"'{v.title or v.id}' ({v.scenario or '—'})" for v in orphans[:5])
    names_zh = "、".join(f"「{v.title or v.id}」（{v.scenario or '—'}）" for v in orphans[:5])
    more = (f" and {len(orphans) - 5} more", f" 等 {len(orphans)} 个") if len(orphans) > 5 else ("", "")
    one = len(orphans) == 1
    project.import_remarks.append((
        f"{source}: {'a view shows' if one else f'{len(orphans)} views show'} a scenario the file does not hold "
        f"({names}{more[0]}); {'it is' if one else 'they are'} kept and marked in the Views panel.",
        f"{source}：{names_zh}{more[1]}视图所示的情景不在文件中；这些视图已保留，并在视图面板中标出。"))


def views_from_json(raw: Any, where: str, problems: list[Problem]) -> list[View]:
    """The views of a project object's ``views`` list (None: none), one problem per bad view or
    repeated id — each naming the view's place and field. A view of a scenario the file does not
    hold is kept (the app shows it marked)."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(f"{where}: 'views' must be a list.")
        return []
    views: list[View] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        try:
            view = View.from_dict(item)
        except ValidationError as exc:
            problems.append((f"{where}, views[{i}]", exc))
            continue
        except TypeError as exc:  # a field of the wrong shape the model cannot even look at
            problems.append(f"{where}, views[{i}]: {exc}.")
            continue
        if view.id in seen:
            problems.append((f"{where}, views[{i}]", ValidationError(
                "view", view.id, "id", "is already used by another view", "已被另一个视图使用")))
            continue
        seen.add(view.id)
        views.append(view)
    return views


def _project_meta(meta: Mapping[str, Any], source: str, problems: list[Problem]) -> Project:
    unknown = [k for k in meta if k not in PROJECT_FIELDS and k != VIEWS]
    if unknown:
        problems.append(f"'{source}', project: '{unknown[0]}' is not a known field.")
    kwargs: dict[str, Any] = {}
    for key in ("name", "currency", "period", "notes", "language"):
        if key in meta and meta[key] is not None:
            if not isinstance(meta[key], str):
                problems.append(f"'{source}', project: field '{key}' must be text.")
            else:
                kwargs[key] = meta[key]
    try:
        settings = meta.get("settings")
        if settings is not None and not isinstance(settings, Mapping):
            raise ValidationError("project", "", "settings", "must be an object", "必须是对象")
        kwargs["settings"] = AnalysisSettings.from_dict(settings)
    except ValidationError as exc:
        problems.append((f"'{source}', project", exc))
    except TypeError as exc:
        problems.append(f"'{source}', project: {exc}.")
    return Project(**kwargs)


def scenario_from_json(raw: Mapping[str, Any], where: str, problems: list[Problem],
                       remarks: list[tuple[str, str]] | None = None) -> Scenario | None:
    """Build a scenario, appending one sentence per problem; None if any. Entities without
    x and y are laid out (:mod:`ecodesk.io.autoplace`; a remark goes to ``remarks``)."""
    before = len(problems)
    scenario = Scenario(str(raw.get("name")))
    unknown = [k for k in raw if k != "name" and k not in COLLECTIONS]
    if unknown:
        problems.append(f"{where}: '{unknown[0]}' is not a known part of a scenario.")
    staged: dict[str, list[ModelObject]] = {}
    need_ids: list[int] = []
    for cname, cls in COLLECTIONS.items():
        items = raw.get(cname, [])
        if items is None:
            items = []
        if not isinstance(items, list):
            problems.append(f"{where}: '{cname}' must be a list.")
            continue
        objs: list[ModelObject] = []
        for i, item in enumerate(items):
            if cls is Need and isinstance(item, Mapping) and not item.get("id"):
                item = {**item, "id": f"\0need{i}"}  # placeholder, renamed below
                need_ids.append(len(objs))
            try:
                objs.append(make(cls, item))
            except ValidationError as exc:
                problems.append((f"{where}, {cname}[{i}]", exc))
        staged[cname] = objs
    if len(problems) > before:
        return None
    _name_needs(staged, need_ids)
    if staged.get("entities"):
        staged["entities"] = fill_positions(staged["entities"], staged.get("flows", []),
                                            missing_ids(raw.get("entities") or []), str(raw.get("name")), remarks)
    # references: add one by one so that every problem is reported, not only the first
    for cname in COLLECTIONS:
        for i, obj in enumerate(staged.get(cname, [])):
            try:
                scenario.add(obj)
            except ValidationError as exc:
                problems.append((f"{where}, {cname}[{i}]", exc))
    return None if len(problems) > before else scenario


def _name_needs(staged: dict[str, list[ModelObject]], positions: list[int]) -> None:
    """Needs may come without ids (SPEC lists none); give them stable ones: need1, need2 …"""
    if not positions:
        return
    taken = {o.id for objs in staged.values() for o in objs}
    needs = staged["needs"]
    n = 0
    for pos in positions:
        n += 1
        while f"need{n}" in taken:
            n += 1
        needs[pos] = needs[pos].evolve(id=f"need{n}")
        taken.add(f"need{n}")


def is_finite_json(value: Any) -> bool:
    """True if ``value`` holds no NaN or infinity anywhere (JSON cannot carry them)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Mapping):
        return all(is_finite_json(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(is_finite_json(v) for v in value)
    return True
