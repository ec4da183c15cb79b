"""Store layer: opening a project file — the checks, in a fixed order, then the rows into the model.

Order of the checks (each failure is a :class:`ProjectFileError` with its ``reason``):
exists and readable → SQLite header → ``application_id`` → ``user_version`` (newer is
refused) → size against the header (truncation) → triggers or views (tampering) →
``PRAGMA quick_check`` → tables and columns → rows, validated by the model.

The user's file is opened read-only (``mode=ro``) and is never written, renamed or
deleted by opening it — with one exception: a hot rollback journal that a killed save
left beside it is rolled back in place (what SQLite does on a read-write open), so the
file holds its last saved content again and no journal is left for the user to delete as
junk. Where that cannot be done (a read-only folder), or the file is in WAL mode, the file
and its journal are copied to a private temporary folder and read there, where SQLite
restores the last committed content. A stray ``-wal`` beside a file that is not in WAL
mode is ignored (never played into the file, no ``-shm`` created). Nothing from the file is executed: no trigger or view is allowed,
``trusted_schema`` is off and only known tables are read with explicit column lists.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby, islice
from operator import itemgetter, le
from pathlib import Path
from typing import Any

from ecodesk.gcpause import collector_paused
from ecodesk.model.errors import ValidationError
from ecodesk.model.objects import AnalysisSettings, ModelObject
from ecodesk.model.scenario import Project, Scenario
from ecodesk.model.views import View
from ecodesk.store.errors import ProjectFileError
from ecodesk.store.journal import journal_of, journal_problem
from ecodesk.store.migrations import MigrationError, can_migrate, migrated_copy
from ecodesk.store.schema import (
    APPLICATION_ID,
    COLUMNS,
    DECODERS,
    SCHEMA_VERSION,
    SQLITE_HEADER,
    VIEWS_SELECT,
    decode_columns,
    decode_view,
    schema_problem,
    select_sql,
)
from ecodesk.store.snapshot import Saved, snapshot_scenario

_SQLITE_READONLY_ROLLBACK = 776
_SCENARIO_POSITION = itemgetter(0, 1)


@dataclass
class Loaded:
    """A project read from a file, the snapshot of that file (None when not asked for),
    and the version it was migrated from."""

    project: Project
    saved: Saved | None
    migrated_from: int | None


def read_project_file(path: str | os.PathLike[str], *, load: bool = True, snapshot: bool = True) -> Loaded | None:
    """Run every open check on ``path``; with ``load``, also build the project, and with
    ``snapshot`` the record of what the file holds that an incremental save diffs against
    (the positions of its rows): only a :class:`~ecodesk.store.projectfile.ProjectFile`
    saves, so :func:`~ecodesk.store.projectfile.open_project` does without it."""
    shown = os.fspath(path)
    file = Path(path)
    head = _read_header(file, shown)
    try:
        with contextlib.ExitStack() as stack:
            conn = stack.enter_context(_connection(file, head, shown))
            version = _check_database(conn, shown)
            if version < SCHEMA_VERSION:
                conn = _migrate(conn, version, shown)
                stack.callback(conn.close)
            problem = schema_problem(conn)
            if problem:
                raise ProjectFileError(path, "damaged", f"is damaged: {problem}", f"已损坏：{problem}")
            if not load:
                return None
            project, saved = _load_without_gc(conn, shown, snapshot)
            return Loaded(project, saved, version if version < SCHEMA_VERSION else None)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        detail = _one_line(str(exc))
        raise ProjectFileError(
            path, "damaged", f"is damaged (SQLite reports: {detail})", f"已损坏（SQLite 报告：{detail}）"
        ) from None
    except _SqliteOutOfMemory:
        raise ProjectFileError(
            path,
            "damaged",
            "is damaged (SQLite ran out of memory reading a corrupt record)",
            "已损坏（SQLite 读取损坏的记录时内存不足）",
        ) from None


def _read_header(file: Path, shown: str) -> bytes:
    try:
        if not file.exists():
            raise ProjectFileError(shown, "missing", "does not exist", "不存在")
        if file.is_dir():
            raise ProjectFileError(
                shown, "unreadable", "is a folder, not an ecodesk project file", "是文件夹，不是 ecodesk 项目文件"
            )
        size = file.stat().st_size
        with open(file, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise ProjectFileError(
            shown, "unreadable", f"cannot be read ({exc.strerror or exc})", f"无法读取（{exc.strerror or exc}）"
        ) from None
    if not head:
        raise ProjectFileError(shown, "not_sqlite", "is empty, not an ecodesk project", "是空文件，不是 ecodesk 项目")
    if head[:16] != SQLITE_HEADER:
        raise ProjectFileError(
            shown,
            "not_sqlite",
            "is not an ecodesk project (it is not a SQLite file)",
            "不是 ecodesk 项目（不是 SQLite 文件）",
        )
    if len(head) < 100:
        raise ProjectFileError(
            shown, "damaged", "is damaged: it is cut short inside its header", "已损坏：文件在文件头处被截断"
        )
    app_id = int.from_bytes(head[68:72], "big")
    if app_id != APPLICATION_ID:
        raise _foreign(shown)
    _check_version(int.from_bytes(head[60:64], "big", signed=True), shown)
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise ProjectFileError(shown, "damaged", "is damaged: its header is corrupt", "已损坏：文件头错误")
    pages = int.from_bytes(head[28:32], "big")
    journal = Path(f"{file}-journal")
    # The page count is trustworthy only when its "valid-for" number matches the change
    # counter, and not while a hot journal may still restore a bigger file.
    if head[24:28] == head[92:96] and size < pages * page_size and not journal.exists():
        raise ProjectFileError(
            shown,
            "damaged",
            f"is damaged: it is truncated ({size} of {pages * page_size} bytes are left)",
            f"已损坏：文件被截断（仅剩 {size}/{pages * page_size} 字节）",
        )
    return head


def _foreign(shown: str) -> ProjectFileError:
    return ProjectFileError(
        shown,
        "foreign",
        "is not an ecodesk project (it is a SQLite database of another program)",
        "不是 ecodesk 项目（它是其他程序的 SQLite 数据库）",
    )


def _check_version(version: int, shown: str) -> None:
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            shown,
            "newer",
            f"was written by a newer version of ecodesk (file version {version}, this version reads up to "
            f"{SCHEMA_VERSION})",
            f"由更新版本的 ecodesk 写入（文件版本 {version}，本版本最高可读 {SCHEMA_VERSION}）",
        )
    if version < 0 or not can_migrate(version):
        raise ProjectFileError(
            shown,
            "older",
            f"has file version {version}, which this version of ecodesk cannot convert",
            f"的文件版本为 {version}，本版本的 ecodesk 无法转换",
        )


@contextlib.contextmanager
def _connection(file: Path, head: bytes, shown: str) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``file``, or to a private copy when SQLite must first
    restore it (hot journal) or it is in WAL mode (reading would create files beside it)."""
    wal_file = 2 in (head[18], head[19])  # either version byte at 2 makes SQLite use a WAL
    # A -wal beside a file in rollback mode is stray (copied along, left by another program):
    # SQLite would play it into what it reads and create a -shm; it is never read, never touched.
    stray_wal = not wal_file and Path(f"{file}-wal").exists()
    with contextlib.ExitStack() as stack:
        conn: sqlite3.Connection | None = None
        if not wal_file and not stray_wal:
            conn = _open(file.absolute().as_uri() + "?mode=ro")
            stack.callback(conn.close)
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError as exc:
                if getattr(exc, "sqlite_errorcode", None) != _SQLITE_READONLY_ROLLBACK:
                    raise
                conn.close()
                conn = None
                _refuse_damaged_journal(file, shown)
                if _roll_back_hot_journal(file):  # a killed save: its last saved content restored in place
                    conn = _open(file.absolute().as_uri() + "?mode=ro")
                    stack.callback(conn.close)
        if conn is None:
            _refuse_damaged_journal(file, shown)  # SQLite would play it into the copy
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="ecodesk-open-"))
            copy = Path(folder) / "copy.ecodesk"
            for suffix in ("", "-journal", "-wal"):
                if suffix == "-wal" and stray_wal:
                    continue
                if suffix == "" or Path(f"{file}{suffix}").exists():
                    shutil.copyfile(f"{file}{suffix}", f"{copy}{suffix}")
            conn = _open(str(copy))
            stack.callback(conn.close)
        yield conn


def _refuse_damaged_journal(file: Path, shown: str) -> None:
    """Refuse a file whose hot journal is damaged: played back, it could turn the file into
    a huge one (see :mod:`ecodesk.store.journal`). Neither file is touched."""
    problem = journal_problem(file)
    if problem is not None:
        name = journal_of(file).name
        raise ProjectFileError(
            shown,
            "damaged",
            f"is damaged: the rollback journal an interrupted save left beside it ('{name}') is damaged too "
            f"({problem[0]}); neither file was changed",
            f"已损坏：中断的保存在其旁边留下的回滚日志（“{name}”）也已损坏（{problem[1]}）；两个文件均未改动",
        )


def _roll_back_hot_journal(file: Path) -> bool:
    """Roll back the hot journal a killed save left beside ``file``, as SQLite does when it
    opens a file read-write: the file gets back its last saved content and the journal goes
    (a user deleting it as junk would lose that). False when it cannot (a read-only folder):
    the file is then read from a private copy with its journal, and left as it is."""
    journal = Path(f"{file}-journal")
    try:
        conn = sqlite3.connect(file.absolute().as_uri() + "?mode=rw", uri=True, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read rolls back
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return not journal.exists()


def _open(target: str) -> sqlite3.Connection:
    conn = sqlite3.connect(target, uri=target.startswith("file:"), isolation_level=None)
    with contextlib.suppress(sqlite3.DatabaseError):  # SQLite < 3.31 lacks trusted_schema
        conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")
    return conn


def _check_database(conn: sqlite3.Connection, shown: str) -> int:
    """Identity, version, tampering and integrity of an open database; returns its version."""
    if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise _foreign(shown)
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    _check_version(version, shown)
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view')"):
        raise ProjectFileError(
            shown,
            "damaged",
            f"is damaged or tampered with: it contains a {kind} '{name}', which ecodesk files never have",
            f"已损坏或被篡改：其中含有 ecodesk 文件从不包含的{'触发器' if kind == 'trigger' else '视图'}“{name}”",
        )
    # On a corrupt file quick_check's messages may not be valid UTF-8: read them as bytes.
    conn.text_factory = bytes
    try:
        result = _fetch(conn, "PRAGMA quick_check(3)")
    finally:
        conn.text_factory = str
    if result != [(b"ok",)]:
        detail = _one_line("\n".join(bytes(r[0]).decode("utf-8", "replace") for r in result))
        raise ProjectFileError(
            shown, "damaged", f"is damaged (SQLite's check reports: {detail})", f"已损坏（SQLite 检查报告：{detail}）"
        )
    return version


def _one_line(text: str, limit: int = 200) -> str:
    """SQLite's report as one short line: its messages may span lines (quick_check's
    "*** in database main ***" header, a damaged CREATE statement quoted whole)."""
    lines = [" ".join(x.split()) for x in text.splitlines()]
    joined = "; ".join(x for x in lines if x and x != "*** in database main ***")
    return joined if len(joined) <= limit else joined[: limit - 1].rstrip() + "…"


class _SqliteOutOfMemory(Exception):
    """SQLite said NOMEM: on a corrupt file a record may claim an absurd size."""


def _fetch(conn: sqlite3.Connection, sql: str) -> list[Any]:
    try:
        return conn.execute(sql).fetchall()
    except MemoryError:
        raise _SqliteOutOfMemory from None


def _migrate(conn: sqlite3.Connection, version: int, shown: str) -> sqlite3.Connection:
    try:
        mem = migrated_copy(conn, version)
    except MigrationError as exc:
        raise ProjectFileError(
            shown,
            "older",
            f"could not be converted from file version {version} ({exc})",
            f"无法从文件版本 {version} 转换（{exc}）",
        ) from None
    return mem


def _invalid(shown: str, where: str, where_zh: str, exc: ValidationError) -> ProjectFileError:
    return ProjectFileError(
        shown,
        "invalid",
        f"holds invalid data{where}: {exc.sentence()}",
        f"{where_zh}含有无效数据：{exc.sentence('zh')}",
    )


def _load_without_gc(conn: sqlite3.Connection, shown: str, snapshot: bool) -> tuple[Project, Saved | None]:
    """:func:`_load` with the cyclic garbage collector paused: building tens of thousands
    of objects (none of them cyclic garbage) otherwise triggers repeated full collections
    that cost about 15 % of the open time."""
    with collector_paused():
        return _load(conn, shown, snapshot)


def _load(conn: sqlite3.Connection, shown: str, snapshot: bool) -> tuple[Project, Saved | None]:
    meta_rows = conn.execute(
        "SELECT name, currency, period, notes, language, settings, uid, saves FROM project WHERE key = 1"
    ).fetchall()
    if len(meta_rows) != 1:
        raise ProjectFileError(shown, "damaged", "is damaged: its project record is missing", "已损坏：缺少项目记录")
    *texts, settings_text, uid, saves = meta_rows[0]
    labels = ("name", "currency", "period", "notes", "language")
    try:
        for label, value in zip(labels, texts, strict=True):
            if not isinstance(value, str):
                raise ValidationError("project", "", label, "must be text", "必须是文本")
        try:
            raw = json.loads(settings_text)
        except (TypeError, ValueError, RecursionError):
            raise ValidationError("project", "", "settings", "is not valid JSON", "不是有效的 JSON") from None
        if not isinstance(raw, dict):
            raise ValidationError("project", "", "settings", "must be a JSON object", "必须是 JSON 对象")
        try:
            settings = AnalysisSettings.from_dict(raw)
        except (TypeError, OverflowError):  # e.g. supply_kinds a number: the model cannot even build it
            raise ValidationError(
                "project", "", "settings", "is not a valid set of analysis settings", "不是有效的分析设置"
            ) from None
    except ValidationError as exc:
        raise _invalid(shown, "", "", exc) from None

    scenarios: dict[int, Scenario] = {}
    scenario_pos: dict[int, int] = {}
    for key, name, pos in conn.execute("SELECT id, name, position FROM scenarios ORDER BY position, id"):
        scenario_pos[key] = pos
        try:
            scenarios[key] = Scenario(name)
        except ValidationError as exc:
            raise _invalid(shown, "", "", exc) from None
    staged: dict[int, dict[str, list[ModelObject]]] = {k: {} for k in scenarios}
    positions: dict[int, dict[str, dict[str, int]]] | None = (
        {k: {t: {} for t in COLUMNS} for k in scenarios} if snapshot else None
    )
    for table in COLUMNS:
        for key, columns in _by_scenario(_fetch(conn, select_sql(table)), table, shown):
            if key not in scenarios:
                raise ProjectFileError(
                    shown,
                    "damaged",
                    f"is damaged: table '{table}' has rows of a missing scenario",
                    f"已损坏：表“{table}”中有不存在情景的记录",
                )
            sc = scenarios[key]
            try:
                staged[key][table] = decode_columns(table, columns)
            except ValidationError as exc:
                raise _invalid(shown, f" in scenario '{sc.name}'", f"的情景“{sc.name}”中", exc) from None
            except (TypeError, ValueError, OverflowError):
                raise _malformed(shown, table, sc.name, list(zip(*columns, strict=True))) from None
            if positions is not None:
                positions[key][table] = dict(zip(columns[2], columns[1], strict=True))
    for key, sc in scenarios.items():
        try:
            sc.bulk_load(staged[key])
        except ValidationError as exc:
            raise _invalid(shown, f" in scenario '{sc.name}'", f"的情景“{sc.name}”中", exc) from None
    views = _views(conn, shown)
    try:
        project = Project(
            texts[0],
            currency=texts[1],
            period=texts[2],
            notes=texts[3],
            language=texts[4],
            settings=settings,
            scenarios=scenarios.values(),
            views=views,
        )
    except ValidationError as exc:
        raise _invalid(shown, "", "", exc) from None
    if not isinstance(uid, str) or not isinstance(saves, int):
        raise ProjectFileError(shown, "damaged", "is damaged: its project record is corrupt", "已损坏：项目记录错误")
    if positions is None:
        return project, None
    saved = Saved(
        project.meta_dict(),
        uid,
        saves,
        [snapshot_scenario(sc, key, scenario_pos[key], positions[key]) for key, sc in scenarios.items()],
        tuple(project.views),
    )
    return project, saved


def _views(conn: sqlite3.Connection, shown: str) -> list[View]:
    """The project's views in position order, each validated by the model. A view naming a
    scenario the file does not hold is kept (the app marks it); anything invalid is refused
    naming the view and the field."""
    rows = _fetch(conn, VIEWS_SELECT)
    try:
        rows.sort(key=itemgetter(0))
    except TypeError:
        raise ProjectFileError(
            shown,
            "damaged",
            "is damaged: table 'views' has a row whose position is not a number",
            "已损坏：表“views”中有记录的位置不是数字",
        ) from None
    views = []
    for row in rows:
        try:
            views.append(decode_view(row[1:]))
        except ValidationError as exc:
            raise _invalid(shown, "", "", exc) from None
        except (TypeError, ValueError, OverflowError):
            raise ProjectFileError(
                shown,
                "invalid",
                f"holds a malformed row '{row[1]}' in table 'views'",
                f"的表“views”中的记录“{row[1]}”格式错误",
            ) from None
    return views


def _by_scenario(fetched: list[tuple[Any, ...]], table: str, shown: str) -> list[tuple[Any, list[tuple[Any, ...]]]]:
    """The rows of ``table`` in (scenario, position) order, cut into one list of columns
    (scenario, position, fields …) per scenario.

    A file keeps each collection's rows in position order, and SQLite returns them by
    (scenario, id), which is usually the same order: that is checked in one pass over the
    columns, and only rows out of order are sorted — which is where a position that is not
    a number shows (SQLite stores any type in any column).
    """
    if not fetched:
        return []
    columns = list(zip(*fetched, strict=True))
    if not _in_order(columns[0], columns[1]):
        try:
            fetched.sort(key=_SCENARIO_POSITION)
        except TypeError:
            raise ProjectFileError(
                shown,
                "damaged",
                f"is damaged: table '{table}' has a row whose scenario or position is not a number",
                f"已损坏：表“{table}”中有记录的情景或位置不是数字",
            ) from None
        columns = list(zip(*fetched, strict=True))
    scenario = columns[0]
    if scenario.count(scenario[0]) == len(scenario):
        return [(scenario[0], columns)]
    groups = []
    start = 0
    for key, run in groupby(scenario):
        end = start + sum(1 for _ in run)
        groups.append((key, [c[start:end] for c in columns]))
        start = end
    return groups


def _in_order(scenario: tuple[Any, ...], position: tuple[Any, ...]) -> bool:
    """Whether the rows are already sorted by (scenario, position): then sorting them
    would neither move a row nor fail (it compares exactly these neighbours)."""
    try:
        if scenario.count(scenario[0]) == len(scenario):
            return all(map(le, position, islice(position, 1, None)))
        keys = list(zip(scenario, position, strict=True))
        return all(map(le, keys, islice(keys, 1, None)))
    except TypeError:  # values that do not compare: let the sort report it
        return False


def _malformed(shown: str, table: str, scenario: str, rows: list[tuple[Any, ...]]) -> ProjectFileError:
    """Name the first row of ``rows`` that cannot even be turned into an object."""
    decode = DECODERS[table]
    bad = rows[0]
    for r in rows:
        try:
            decode(r)
        except Exception:  # only locating the row that failed above
            bad = r
            break
    return ProjectFileError(
        shown,
        "invalid",
        f"holds a malformed row '{bad[2]}' in table '{table}' of scenario '{scenario}'",
        f"的情景“{scenario}”中，表“{table}”的记录“{bad[2]}”格式错误",
    )
