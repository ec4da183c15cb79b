"""I/O layer: a project as a folder of CSV tables, one file per table (SPEC §4).

Layout (``ecodesk export P.ecodesk out/ --format csv``; a ``.zip`` destination holds the same files):

* ``project.csv`` — one row: ``name, currency, period, notes, language, settings`` (settings as a
  JSON object) and ``scenarios``, the scenario names in order (``;``-separated, or JSON).
* ``ecosystems.csv``, ``entities.csv``, ``capabilities.csv``, ``flows.csv``, ``needs.csv``,
  ``pools.csv`` — headers are the SPEC field names, preceded by a ``scenario`` column: every
  table holds the rows of every scenario, which suits spreadsheet filters and pivots better
  than one folder per scenario. Cell conventions are those of :mod:`ecodesk.io.tabular`
  (``car;home``, ``auto=2;homeco=1``, ``1000000:0.2;:0.15``; JSON accepted). ``flows.csv`` has
  a ``label`` column (the flow's label), ``entities.csv`` a ``color`` column (empty = the kind's
  colour, else ``#rrggbb``; ``#FF9900``, ``#f90`` typed into a sheet are read as ``#ff9900``) and
  a ``size`` column (the box's drawing scale, 1 = normal, 0.25–4).
* ``annotations.csv`` — the workshop notes on each scenario's canvas: ``scenario, id, text, x, y,
  width, height, color`` (``id`` may be left empty: notes are numbered ``note1`` …).
* ``views.csv`` — the project's saved views (the slides), one row each in presentation order:
  ``id, title, scenario, x, y, width, height`` (the visible area), ``color_mode`` (kind,
  criticality, ecosystem, shapley; empty = kind), ``hidden_kinds`` (flow kinds, ``money;data``),
  ``panel`` (the analysis tab, empty for none) and ``text`` (speaker notes). ``scenario`` here is
  the view's own field; a view of a scenario the project lacks is kept (the app marks it).

Export writes UTF-8 with a BOM (so Excel shows Chinese names) and ``\\r\\n`` line ends; every
file is produced in memory first, written into a temporary folder beside the destination,
which then takes the folder's place whole (an existing folder's other files are kept): a
failure or a kill half-way leaves the old folder as it was, never some new tables and some old.

Import takes a folder, a ``.zip`` of it, or one of its ``.csv`` files (meaning its folder).
Only ``entities.csv`` is required (folders written before notes and views existed import as they
are) — an ``entities.csv`` + ``flows.csv`` pair is a complete
minimal model. Files may be UTF-8 (with or without BOM), GB18030/GBK (common from Chinese
Excel) or UTF-16; comma-, tab- or semicolon-separated; columns in any order and any case;
blank rows are skipped; an empty cell means the default; ``id`` may be left out of
``flows.csv`` and ``needs.csv`` (ids are made up). Without a ``scenario`` column (or with an
empty cell) a row belongs to the only scenario. Every problem is reported with file, row and
column — "entities.csv: row 7, column 'risk': '1,5' is not a number" — and nothing is imported.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ecodesk.io.atomic import atomic_folder, atomic_path
from ecodesk.io.errors import FormatError, Problem
from ecodesk.io.jsonio import PROJECT_FIELDS, _project_meta, project_views, remark_orphan_views
from ecodesk.io.tabular import (
    FIELDS,
    VIEW_COLUMNS,
    CellError,
    Place,
    Row,
    build_scenario,
    format_list,
    json_loads,
    object_cells,
    parse_cells,
    parse_list,
    problem,
    view_cells,
    view_from_cells,
)
from ecodesk.io.textsafe import neutralise_rows, restore_cell
from ecodesk.model.objects import COLLECTIONS, normalize_color
from ecodesk.model.scenario import Project
from ecodesk.model.views import View

TABLES = tuple(COLLECTIONS)  # ecosystems, entities, capabilities, flows, needs, pools, annotations
#: The project-level table of saved views (after the scenario tables).
VIEWS = "views"
PROJECT_COLUMNS = (*PROJECT_FIELDS, "scenarios")
#: Columns without which a table cannot be read.
REQUIRED = {"ecosystems": ("id",), "entities": ("id",), "capabilities": ("id", "owner"),
            "flows": ("source", "target"), "needs": ("entity", "category"), "pools": ("id",), "annotations": (),
            VIEWS: ("id",)}
MAX_BYTES = 64 * 1024 * 1024  # per table: refuse absurd files (and zip bombs) with a message
MAX_TOTAL_BYTES = 128 * 1024 * 1024  # all tables of a zip together, uncompressed
MAX_RATIO = 250  # uncompressed / compressed size of a zip member above 1 MB (real tables: under 50)
MAX_ROWS = 100_000  # rows of one table (a model of 50,000 flows fits twice)
MAX_CELLS = 2_000_000  # cells of one table, empty ones included
MAX_PROBLEMS = 50  # problems collected from one table before reading it stops

# --- export --------------------------------------------------------------------------------


def project_tables(project: Project, scenario: str | None = None) -> dict[str, list[list[str]]]:
    """Every table as rows of cells (header first), keyed by file name."""
    scenarios = [project.scenario(scenario)] if scenario is not None else project.scenarios
    meta = project.meta_dict()
    cells = [meta[k] if k != "settings" else json.dumps(meta[k], ensure_ascii=False) for k in PROJECT_FIELDS]
    tables = {"project.csv": [list(PROJECT_COLUMNS), [*cells, format_list(s.name for s in scenarios)]]}
    for cname in TABLES:
        columns = list(FIELDS[cname])
        rows = [["scenario", *columns]]
        for s in scenarios:
            for obj in getattr(s, cname):
                c = object_cells(cname, obj)
                rows.append([s.name, *(c[k] for k in columns)])
        tables[f"{cname}.csv"] = rows
    views = [list(VIEW_COLUMNS)]
    for view in project_views(project, scenario):
        c = view_cells(view)
        views.append([c[k] for k in VIEW_COLUMNS])
    tables[f"{VIEWS}.csv"] = views
    return tables


def _encode(rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(neutralise_rows(rows))  # no formulas run (OWASP)
    return buf.getvalue().encode("utf-8-sig")


def export_csv(project: Project, dest: str | os.PathLike[str], scenario: str | None = None) -> list[str]:
    """Write the tables into folder ``dest`` (or a ``.zip``); returns notices (none)."""
    dest = Path(dest)
    if dest.suffix.lower() == ".csv" and not dest.is_dir():
        raise FormatError(dest.name, [problem(
            dest.name, "CSV export writes a folder of tables (project.csv, entities.csv …); give a folder name "
                       "or a .zip file", "CSV 导出会生成一个包含多个表（project.csv、entities.csv …）的文件夹；"
                                         "请给出文件夹名或 .zip 文件名")])
    if dest.exists() and not dest.is_dir() and dest.suffix.lower() != ".zip":
        raise FormatError(dest.name, [problem(dest.name, "exists and is not a folder", "已存在且不是文件夹")])
    files = {name: _encode(rows) for name, rows in project_tables(project, scenario).items()}  # before any write
    if dest.suffix.lower() == ".zip":
        with atomic_path(dest) as tmp:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
                for name, data in files.items():
                    zf.writestr(name, data)
        return []
    with atomic_folder(dest) as tmp_dir:  # written aside, swapped in whole: never some new tables and some old
        for name, data in files.items():
            with open(tmp_dir / name, "wb") as fh:
                fh.write(data)
    return []


# --- reading files -------------------------------------------------------------------------


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """Text and the label to use in messages (which names the encoding when it was not UTF-8)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), f"{name} (UTF-16)"
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig"), name
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        return raw.decode("gb18030"), f"{name} (GB18030)"
    except UnicodeDecodeError:
        raise FormatError(name, [problem(
            name, f"is neither UTF-8 nor GB18030/GBK text (byte {first_bad}); save it from the spreadsheet as "
                  "“CSV UTF-8”", f"既不是 UTF-8 也不是 GB18030/GBK 文本（第 {first_bad} 字节）；请在表格软件中另存为“CSV UTF-8”")]) from None


def _sources(path: Path) -> tuple[dict[str, tuple[str, bytes]], str, list[Problem]]:
    """Known tables found at ``path`` → {table: (file name, bytes)}, the project's default name,
    and problems (likely misspelt tables)."""
    found: dict[str, tuple[str, bytes]] = {}
    problems: list[Problem] = []
    known = ("project", *TABLES, VIEWS)

    def take(filename: str, read: Any) -> None:
        stem, suffix = os.path.splitext(os.path.basename(filename))
        if suffix.lower() != ".csv":
            return
        key = stem.strip().casefold()
        if key in known:
            if key in found:
                problems.append(problem(filename, f"there are two '{key}.csv' tables ('{found[key][0]}' too)",
                                        f"有两个 '{key}.csv' 表（另一个是 '{found[key][0]}'）"))
            else:
                found[key] = (os.path.basename(filename), read())
        elif explicit_folder:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
            if close:
                problems.append(problem(filename, f"not a table ecodesk knows (did you mean '{close[0]}.csv'?)",
                                        f"不是 ecodesk 认识的表（是否应为 '{close[0]}.csv'？）"))

    explicit_folder = True
    if path.is_dir():
        folder, default_name = path, path.name
    elif path.suffix.lower() == ".zip":
        default_name = path.stem
        try:
            with zipfile.ZipFile(path) as zf:
                total = 0
                for info in zf.infolist():
                    if info.is_dir() or info.filename.count("/") > 1 or "__MACOSX" in info.filename:
                        continue
                    bomb = _zip_member_problem(info, total)
                    if bomb is not None:
                        problems.append(bomb)
                        continue
                    if os.path.splitext(info.filename)[1].lower() == ".csv":
                        total += info.file_size
                    take(info.filename, lambda info=info: _read_member(zf, info))
        except (zipfile.BadZipFile, OSError, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as exc:
            raise FormatError(path.name, [problem(path.name, f"is not a readable zip file ({exc})",
                                                  f"不是可读取的 zip 文件（{exc}）")]) from None
        return found, default_name, problems
    else:  # one table of the folder: read its siblings, ignoring unrelated CSV files there
        folder, default_name, explicit_folder = path.parent, path.parent.name, False
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        raise FormatError(str(path), [f"'{path}' cannot be read: {exc.strerror or exc}."]) from None
    for entry in entries:
        if entry.is_file():
            if entry.stat().st_size > MAX_BYTES and entry.suffix.lower() == ".csv":
                problems.append(_too_large(entry.name, entry.stat().st_size))
                continue
            take(entry.name, entry.read_bytes)
    return found, default_name or "Untitled", problems


def _too_large(name: str, size: int) -> Problem:
    return problem(name, f"is too large ({size:,} bytes; ecodesk reads tables of at most {MAX_BYTES:,} bytes)",
                   f"文件过大（{size:,} 字节；ecodesk 最多读取 {MAX_BYTES:,} 字节的表）")


def _zip_member_problem(info: zipfile.ZipInfo, total: int) -> Problem | None:
    """Why a zip member may not be unpacked (its declared size bounds what reading it yields)."""
    name, size = info.filename, info.file_size
    if not name.lower().endswith(".csv"):
        return None
    if size > MAX_BYTES:
        return _too_large(name, size)
    if size > 1024 * 1024 and size > MAX_RATIO * max(info.compress_size, 1):
        return problem(name, f"unpacks to {size:,} bytes from {info.compress_size:,} (more than {MAX_RATIO} times "
                             "its packed size, the mark of a zip bomb)",
                       f"从 {info.compress_size:,} 字节解压为 {size:,} 字节（超过压缩大小的 {MAX_RATIO} 倍，疑似 zip 炸弹）")
    if total + size > MAX_TOTAL_BYTES:
        return problem(name, f"would bring the tables of the zip to more than {MAX_TOTAL_BYTES:,} bytes unpacked "
                             "(ecodesk's limit)", f"解压后各表总大小将超过 {MAX_TOTAL_BYTES:,} 字节（ecodesk 的上限）")
    return None


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as fh:
        return fh.read(MAX_BYTES + 1)  # never more than the bound, whatever the header claims


def _delimiter(text: str) -> str:
    end = text.find("\n")
    first = text[:end if end >= 0 else len(text)]
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    return "," if counts[","] or not any(counts.values()) else max(counts, key=lambda d: counts[d])


def read_rows(text: str, label: str, problems: list[Problem]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (spreadsheet row number, cells) of non-blank rows; problems for broken CSV."""
    csv.field_size_limit(MAX_BYTES)  # a cell may be as long as a table (notes beyond 131,072 characters)
    reader = csv.reader(_lines(text), delimiter=_delimiter(text), strict=False)
    records: list[tuple[int, list[str]]] = []
    cells = 0
    try:
        for n, record in enumerate(reader, 1):
            cells += len(record)
            if n > MAX_ROWS or cells > MAX_CELLS:
                what = (f"more than {MAX_ROWS:,} rows", f"超过 {MAX_ROWS:,} 行") if n > MAX_ROWS else (
                    f"more than {MAX_CELLS:,} cells", f"超过 {MAX_CELLS:,} 个单元格")
                problems.append(problem(label, f"has {what[0]} (ecodesk reads at most that many in one table)",
                                        f"有{what[1]}（ecodesk 每个表最多读取这么多）"))
                return [], []
            records.append((n, record))
    except csv.Error as exc:
        problems.append(Place(label, f"line {reader.line_num}", f"第 {reader.line_num} 行").problem(
            f"broken CSV ({exc})", f"CSV 格式错误（{exc}）"))
        return [], []
    records = [(n, r) for n, r in records if any(c.strip() for c in r)]
    if not records:
        return [], []
    (_, header), *rows = records
    return [h.strip().lstrip("\ufeff") for h in header], rows


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their ends, one at a time (no copy of the whole text)."""
    return (m.group() for m in _LINE.finditer(text))


_IGNORED = ""  # a column reported as unknown: its cells are skipped, the rest still checked


def _columns(label: str, header: list[str], known: tuple[str, ...], required: tuple[str, ...],
             rows: list[tuple[int, list[str]]], problems: list[Problem]) -> dict[int, str] | None:
    """Column index → field name; reports unknown, repeated and missing columns. None when a
    required column is missing (then the rows cannot be read at all)."""
    where = Place(label, "", "")
    lookup = {k.casefold(): k for k in known}
    out: dict[int, str] = {}
    for i, h in enumerate(header):
        if not h:
            if any(i < len(r) and r[i].strip() for _, r in rows):
                problems.append(where.problem(f"column {i + 1} has values but no header",
                                              f"第 {i + 1} 列有内容但没有表头"))
            out[i] = _IGNORED
            continue
        name = lookup.get(h.casefold())
        if name is None:
            problems.append(where.problem(f"unknown column '{h}' (known: {', '.join(known)})",
                                          f"未知列 '{h}'（可用列：{', '.join(known)}）"))
            out[i] = _IGNORED
        elif name in out.values():
            problems.append(where.problem(f"column '{name}' appears twice", f"列 '{name}' 出现了两次"))
            out[i] = _IGNORED
        else:
            out[i] = name
    missing = [name for name in required if name not in out.values()]
    for name in missing:
        problems.append(where.problem(f"missing column '{name}'", f"缺少列 '{name}'"))
    return None if missing else out


def _cells(label: str, n: int, record: list[str], columns: Mapping[int, str],
           problems: list[Problem]) -> dict[str, str]:
    extra = [c for i, c in enumerate(record) if i not in columns and c.strip()]
    if extra:
        problems.append(Place(label, f"row {n}", f"第 {n} 行").problem(
            f"the cell {extra[0]!r} is not under any column", f"单元格 {extra[0]!r} 不在任何列之下"))
    return {name: (restore_cell(record[i]) if i < len(record) else "") for i, name in columns.items() if name != _IGNORED}


def _typed_color(cell: str) -> str:
    """An entity's colour as a planner types it into a sheet ("#FF9900", "#f90", "ff9900") as
    the model's "#ff9900" — the edit rules' reading; other text is left for the model to refuse
    with the file, row and column."""
    color = normalize_color(cell)
    return cell if color is None else color


# --- import --------------------------------------------------------------------------------


def import_csv(path: str | os.PathLike[str]) -> Project:
    """Build a project from a CSV folder, zip or table; raises FormatError listing every problem."""
    path = Path(path)
    if not path.exists():
        raise FormatError(path.name, [problem(str(path), "does not exist", "不存在")])
    found, default_name, problems = _sources(path)
    if "entities" not in found:
        listed = ", ".join(f"{t}.csv" for t in ("project", *TABLES, VIEWS))
        problems.append(problem(path.name, f"has no entities.csv (an ecodesk CSV folder holds {listed})",
                                f"没有 entities.csv（ecodesk 的 CSV 文件夹包含 {listed}）"))
        raise FormatError(path.name, problems)
    texts = {}
    for key, (filename, raw) in found.items():
        try:
            texts[key] = decode(raw, filename)
        except FormatError as exc:
            problems.extend(exc.problems)
    if problems:
        raise FormatError(path.name, problems)
    return build_project(texts, default_name, path.name, problems)


def build_project(texts: Mapping[str, tuple[str, str]], default_name: str, source: str,
                  problems: list[Problem]) -> Project:
    """The project of decoded tables ({table: (text, label)}, as read from a CSV folder or
    the sheets of a workbook); FormatError listing every problem, nothing built."""
    project, order = _read_project(texts.get("project"), default_name, problems)
    per_scenario: dict[str, dict[str, list[Row]]] = {}
    unreadable = False
    for cname in TABLES:
        if cname in texts:
            unreadable |= not _read_table(cname, *texts[cname], order, per_scenario, problems)
    views = _read_views(*texts[VIEWS], problems) if VIEWS in texts else []
    if unreadable or views is None:  # a whole table is missing: its references would only add noise
        raise FormatError(source, problems)
    for name in order or ["Base"]:
        scenario = build_scenario(name, per_scenario.get(name, {}), problems, project.import_remarks)
        if scenario is not None:
            project.add_scenario(scenario)
    if problems:
        raise FormatError(source, problems)
    for view in views:
        project.add_view(view)
    remark_orphan_views(project, source)
    return project


def _read_views(text: str, label: str, problems: list[Problem]) -> list[View] | None:
    """The rows of the views table as views, in order (None when the table cannot be read);
    a bad cell or a repeated id is a problem naming the row and column."""
    header, rows = read_rows(text, label, problems)
    if not header:
        return []
    columns = _columns(label, header, VIEW_COLUMNS, REQUIRED[VIEWS], rows, problems)
    if columns is None:
        return None
    views: list[View] = []
    seen: set[str] = set()
    for n, record in rows:
        place = Place(label, f"row {n}", f"第 {n} 行")
        view = view_from_cells(_cells(label, n, record, columns, problems), place, problems)
        if view is None:
            continue
        if view.id in seen:
            cell = Place(label, f"row {n}, column 'id'", f"第 {n} 行，列 'id'")
            problems.append(cell.problem(f"the view id '{view.id}' is used twice", f"视图 id '{view.id}' 出现了两次"))
            continue
        seen.add(view.id)
        views.append(view)
    return views


def _read_project(source: tuple[str, str] | None, default_name: str,
                  problems: list[Problem]) -> tuple[Project, list[str]]:
    if source is None:
        return Project(default_name), []
    text, label = source
    header, rows = read_rows(text, label, problems)
    columns = _columns(label, header, PROJECT_COLUMNS, (), rows, problems) if header else {}
    if columns is None:
        return Project(default_name), []
    if len(rows) > 1:
        problems.append(Place(label, f"row {rows[1][0]}", f"第 {rows[1][0]} 行").problem(
            "project.csv holds one row only", "project.csv 只能有一行"))
    cells = _cells(label, rows[0][0], rows[0][1], columns, problems) if rows else {}
    meta: dict[str, Any] = {k: v for k, v in cells.items() if k in PROJECT_FIELDS and k != "settings" and v != ""}
    meta.setdefault("name", default_name)
    settings = cells.get("settings", "").strip()
    if settings:
        try:
            meta["settings"] = json_loads(settings)
        except ValueError as exc:
            n = rows[0][0]
            problems.append(Place(label, f"row {n}, column 'settings'", f"第 {n} 行，列 'settings'").problem(
                f"not valid JSON ({exc})", f"不是有效的 JSON（{exc}）"))
    project = _project_meta(meta, label, problems)
    order: list[str] = []
    try:
        order = [n for n in dict.fromkeys(parse_list(cells.get("scenarios", ""))) if n.strip()]
    except CellError as exc:
        n = rows[0][0]
        problems.append(Place(label, f"row {n}, column 'scenarios'", f"第 {n} 行，列 'scenarios'").problem(
            exc.en, exc.zh))
    return project, order


def _read_table(cname: str, text: str, label: str, order: list[str],
                per_scenario: dict[str, dict[str, list[Row]]], problems: list[Problem]) -> bool:
    """Stage the rows of one table; False when the table as a whole cannot be read."""
    before = len(problems)
    header, rows = read_rows(text, label, problems)
    if not header:
        return len(problems) == before
    known = ("scenario", *FIELDS[cname])
    columns = _columns(label, header, known, REQUIRED[cname], rows, problems)
    if columns is None:
        return False
    for n, record in rows:
        seen = len(problems)
        if seen - before >= MAX_PROBLEMS:
            problems.append(problem(label, f"reading stopped after {MAX_PROBLEMS} problems in this table (row {n})",
                                    f"此表已有 {MAX_PROBLEMS} 个问题，在第 {n} 行停止读取"))
            break
        cells = _cells(label, n, record, columns, problems)
        place = Place(label, f"row {n}", f"第 {n} 行")
        sname = cells.pop("scenario", "")
        if not sname.strip():
            if len(order) > 1:
                problems.append(place.problem(
                    f"column 'scenario' is empty, and the project has several scenarios ({', '.join(order)})",
                    f"'scenario' 列为空，而项目有多个情景（{'、'.join(order)}）"))
                continue
            sname = order[0] if order else "Base"
        elif sname not in order and sname.strip() in order:
            sname = sname.strip()
        if sname not in order:
            order.append(sname)
        if cname == "entities" and cells.get("color"):
            cells["color"] = _typed_color(cells["color"])
        data = parse_cells(cname, cells, place, problems)
        per_scenario.setdefault(sname, {}).setdefault(cname, []).append(Row(place, data, len(problems) == seen))
    return True
