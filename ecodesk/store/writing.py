"""Store layer: writing project files — the full atomic write and the incremental save.

A full write builds the whole file beside the destination (temporary name, no journal,
one transaction), fsyncs it, moves it over the destination with ``os.replace`` and
fsyncs the folder: a crash leaves the old file or the new one, never a mix.

An incremental save opens the existing file read-write (rollback journal,
``synchronous=FULL``) and, in ONE ``BEGIN IMMEDIATE … COMMIT`` transaction, writes only
what differs from the :class:`~ecodesk.store.reading.Saved` snapshot of the last open or
save. Model objects are immutable, so a collection is compared first as a whole (C-level
dict equality, which short-cuts on identity) and then object by object with ``is``. The
project's views (a handful of rows) are compared as one tuple and, when they differ, the
``views`` table is rewritten whole inside the same transaction.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import secrets
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecodesk import __version__
from ecodesk.model.objects import ModelObject
from ecodesk.model.scenario import Collection, Project, Scenario
from ecodesk.model.views import View
from ecodesk.store.errors import ProjectFileError
from ecodesk.store.journal import journal_problem
from ecodesk.store.schema import (
    APPLICATION_ID,
    ENCODERS,
    POSITION_GAP,
    SCHEMA_VERSION,
    VIEWS_INSERT,
    create_schema,
    dumps,
    encode_view,
    insert_sql,
)
from ecodesk.store.snapshot import Saved, SavedScenario, plan_positions, snapshot_scenario
from ecodesk.store.tracking import ChangeTracker, ScenarioLog

_WRITE_ERRORS = (OSError, sqlite3.Error, UnicodeEncodeError)


@dataclass
class SaveStats:
    """What a save wrote: rows inserted or replaced, rows deleted (scenario cascades not
    counted), SQLite's own change count, whether the whole file was rewritten, and time."""

    rows_written: int = 0
    rows_deleted: int = 0
    db_changes: int = 0
    full_rewrite: bool = False
    seconds: float = 0.0


# -- full write -----------------------------------------------------------------------------


def _meta_values(project: Project) -> tuple[Any, ...]:
    return (
        project.name,
        project.currency,
        project.period,
        project.notes,
        project.language,
        dumps(project.settings.to_dict()),
    )


def _insert_all(conn: sqlite3.Connection, table: str, key: int, coll: Collection[Any]) -> dict[str, int]:
    """Insert a whole collection with fresh, evenly spaced positions; returns them by id."""
    enc = ENCODERS[table]
    rows = [(key, n * POSITION_GAP, *enc(o)) for n, o in enumerate(coll)]
    conn.executemany(insert_sql(table), rows)
    return dict(zip(coll._items, range(0, len(rows) * POSITION_GAP, POSITION_GAP)))


def _insert_views(conn: sqlite3.Connection, views: tuple[View, ...]) -> None:
    """Write the project's views in order (positions 0, 1, 2 …) into an empty views table."""
    conn.executemany(VIEWS_INSERT, [(n, *encode_view(v)) for n, v in enumerate(views)])


def write_full(conn: sqlite3.Connection, project: Project) -> Saved:
    """Create the schema and every row in an empty database, in one transaction."""
    uid = uuid.uuid4().hex
    conn.execute("BEGIN")
    create_schema(conn)
    conn.execute(
        "INSERT INTO project (key, name, currency, period, notes, language, settings, uid, saves, writer) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
        (*_meta_values(project), uid, __version__),
    )
    recs: list[SavedScenario] = []
    for n, sc in enumerate(project.scenarios):
        key = n + 1
        conn.execute("INSERT INTO scenarios (id, name, position) VALUES (?, ?, ?)", (key, sc.name, n))
        positions = {t: _insert_all(conn, t, key, coll) for t, coll in sc.collections().items()}
        recs.append(snapshot_scenario(sc, key, n, positions))
    views = tuple(project.views)
    _insert_views(conn, views)
    conn.execute("COMMIT")
    return Saved(project.meta_dict(), uid, 0, recs, views)


def write_atomic(project: Project, path: str | os.PathLike[str]) -> Saved:
    """Write ``project`` to ``path`` through a temporary file and ``os.replace``; on any
    failure the temporary file is removed and ``path`` is left as it was."""
    shown = os.fspath(path)
    dest = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path).absolute()
    if dest.is_dir():
        raise ProjectFileError(
            shown, "write_failed", "is a folder; choose a file name to save to", "是文件夹，请选择要保存的文件名"
        )
    tmp = dest.with_name(f".{dest.name[:120]}.{secrets.token_hex(6)}.tmp")
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_RDWR | getattr(os, "O_BINARY", 0), 0o666))
        conn = sqlite3.connect(str(tmp), isolation_level=None)
        try:
            # The file is invisible until complete, so it needs no journal; durability
            # comes from the fsync below, before it takes the destination's name.
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            saved = write_full(conn, project)
        finally:
            conn.close()
        _fsync_file(tmp)
        if dest.exists():
            with contextlib.suppress(OSError):
                shutil.copymode(dest, tmp)
        stale_journal = _roll_back_hot_journal(dest)
        os.replace(tmp, dest)
        if stale_journal:
            with contextlib.suppress(OSError):
                stale_journal.unlink()
    except BaseException as exc:
        for leftover in (tmp, Path(f"{tmp}-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, _WRITE_ERRORS):
            raise _write_failed(shown, exc, existed=dest.exists()) from exc
        raise
    _fsync_dir(dest.parent)
    sweep_stale_temporaries(dest)
    return saved


#: Temporary files of full writes older than this are leftovers of a killed or crashed
#: save (a save in progress in another process is far younger), swept by the next one.
STALE_TEMP_SECONDS = 15 * 60


def sweep_stale_temporaries(dest: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the temporary files (and their journals) that interrupted full writes of
    ``dest`` left in its folder, if older than ``older_than`` seconds; returns them.
    Never fails: a file that cannot be removed stays."""
    pattern = re.compile(rf"^\.{re.escape(dest.name[:120])}\.[0-9a-f]{{12}}\.tmp(-journal)?$")
    now = time.time()
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(dest.parent):
            if not pattern.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime > older_than and entry.is_file(
                    follow_symlinks=False
                ):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _roll_back_hot_journal(dest: Path) -> Path | None:
    """Roll back a rollback journal a crashed save left beside ``dest`` into the old file.

    SQLite replays a hot journal into whatever file next bears the journal's name: left
    there, it would be played into the new file this write puts at ``dest`` and damage it
    (found by the kill harness, tests/robustness). Rolling it back *before* the replace
    keeps the old file whole should this write be interrupted too. Returns the journal if
    it is still there (it could not be rolled back), for removal once the new file is in.
    """
    journal = Path(f"{dest}-journal")
    if not journal.exists():
        return None
    if journal_problem(dest) is not None:  # damaged: played back it could grow the file hugely
        return journal
    with contextlib.suppress(sqlite3.Error):
        conn = sqlite3.connect(dest.as_uri() + "?mode=rw", uri=True, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the first read rolls back
        finally:
            conn.close()
    return journal if journal.exists() else None


#: Chinese for the OS errors a save meets (their English ``strerror`` is plain already).
_OS_ZH: dict[int, str] = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "磁盘为只读",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许该操作，文件或文件夹可能被锁定",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EIO: "磁盘读写出错",
}
#: Plain words for SQLite's cryptic texts ("attempt to write a readonly database" …).
_SQLITE_PLAIN: dict[str, tuple[str, str]] = {
    "SQLITE_FULL": ("the disk is full", "磁盘已满"),
    "SQLITE_READONLY": ("the file or its folder is read-only", "文件或其所在文件夹为只读"),
    "SQLITE_CANTOPEN": (
        "no file can be created beside it; is its folder read-only?",
        "无法在其旁边创建文件；文件夹是否为只读？",
    ),
}


def _write_failed(shown: str, exc: BaseException, *, existed: bool) -> ProjectFileError:
    detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    detail_zh = _OS_ZH.get(getattr(exc, "errno", None) or 0, detail)
    sqlite_name = "_".join((getattr(exc, "sqlite_errorname", None) or "").split("_")[:2])  # primary code
    if sqlite_name in _SQLITE_PLAIN:
        detail, detail_zh = _SQLITE_PLAIN[sqlite_name]
    if isinstance(exc, UnicodeEncodeError):
        detail = detail_zh = "some text contains characters that cannot be stored"
    if existed:
        return ProjectFileError(
            shown,
            "write_failed",
            f"could not be saved ({detail}); the file keeps its last saved content",
            f"无法保存（{detail_zh}）；文件仍保留上次保存的内容",
        )
    return ProjectFileError(
        shown,
        "write_failed",
        f"could not be written ({detail}); nothing was created",
        f"无法写入（{detail_zh}）；未创建任何文件",
    )


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows has no directory handles to fsync."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- incremental save -----------------------------------------------------------------------


def save_incremental(
    path: str | os.PathLike[str], project: Project, saved: Saved, tracker: ChangeTracker | None = None
) -> tuple[Saved, SaveStats]:
    """Write the difference between ``project`` and ``saved`` into the file at ``path``.

    Returns the new snapshot. Nothing in ``saved`` or ``tracker`` changes unless the
    transaction commits, so after a failure the caller still holds the right base for
    the next attempt. ``tracker`` (optional) narrows the comparison to the ids it logged.
    """
    started = time.perf_counter()
    shown = os.fspath(path)
    file = Path(path)
    if not file.is_file():
        raise ProjectFileError(
            shown,
            "missing",
            "no longer exists on disk (was it moved or deleted?); use Save As to keep your work",
            "已不在磁盘上（是否被移动或删除？）；请用“另存为”保存您的工作",
        )
    if journal_problem(file) is not None:  # a damaged journal of another program's save: never played back
        raise _changed_on_disk(shown)
    if Path(f"{file}-wal").exists() and not _header_says_wal(file):
        return _rewrite_beside_stray_wal(file, shown, project, saved, tracker, started)
    identity = _identity(file)  # a full replace by another process during the save gives another inode
    stats = SaveStats()
    after_commit: list[Callable[[], None]] = []
    conn: sqlite3.Connection | None = None
    checked = False
    try:
        conn = sqlite3.connect(file.absolute().as_uri() + "?mode=rw", uri=True, isolation_level=None)
        with contextlib.suppress(sqlite3.DatabaseError):
            conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        _check_same_file(conn, saved, shown)
        checked = True
        new = _apply(conn, project, saved, stats, tracker, after_commit)
        conn.execute("UPDATE project SET saves = ?, writer = ? WHERE key = 1", (saved.saves + 1, __version__))
        conn.execute("COMMIT")
        stats.db_changes = conn.total_changes
    except BaseException as exc:
        if conn is not None and conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        if not checked and getattr(exc, "sqlite_errorname", "") in ("SQLITE_NOTADB", "SQLITE_CORRUPT"):
            # Not even a database any more (overwritten by another program): not our file.
            raise _changed_on_disk(shown) from None
        if checked and _identity(file) != identity:
            raise _replaced_during_save(shown) from exc  # "keeps its last saved content" would be false
        if isinstance(exc, _WRITE_ERRORS):
            raise _write_failed(shown, exc, existed=True) from exc
        raise
    finally:
        if conn is not None:
            conn.close()
    if _identity(file) != identity:  # committed into a file no longer at ``path``: the changes are not there
        raise _replaced_during_save(shown)
    for patch in after_commit:
        patch()
    new.saves = saved.saves + 1
    if tracker is not None:
        tracker.watch_only([r.scenario for r in new.scenarios])
    stats.seconds = time.perf_counter() - started
    return new, stats


def _identity(file: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(file)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _replaced_during_save(shown: str) -> ProjectFileError:
    return ProjectFileError(
        shown,
        "changed_on_disk",
        "was replaced by another program while it was being saved: it now holds that program's version and "
        "your changes are not in it; use Save As to keep your work",
        "在保存过程中被其他程序替换：文件现在是该程序的版本，不包含您的更改；请用“另存为”保存您的工作",
    )


def _header_says_wal(file: Path) -> bool:
    try:
        with open(file, "rb") as fh:
            head = fh.read(20)
    except OSError:
        return False
    return len(head) == 20 and 2 in (head[18], head[19])


def _rewrite_beside_stray_wal(
    file: Path, shown: str, project: Project, saved: Saved, tracker: ChangeTracker | None, started: float
) -> tuple[Saved, SaveStats]:
    """Save a file that has a stray ``-wal`` beside it (copied along, left by another
    program; ecodesk files never use one). A read-write connection would play that WAL
    into the file and delete it, so the file is checked through an ``immutable`` read-only
    connection (which ignores the WAL) and written anew, whole; the ``-wal`` is left alone."""
    try:
        conn = sqlite3.connect(file.absolute().as_uri() + "?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error:
        raise _changed_on_disk(shown) from None
    try:
        _check_same_file(conn, saved, shown)
    finally:
        conn.close()
    new = write_atomic(project, file)
    if tracker is not None:
        tracker.watch_only([r.scenario for r in new.scenarios])
    rows = 2 + len(project.views) + sum(len(c) for s in project.scenarios for c in s.collections().values())
    return new, SaveStats(rows_written=rows, full_rewrite=True, seconds=time.perf_counter() - started)


def _check_same_file(conn: sqlite3.Connection, saved: Saved, shown: str) -> None:
    """Refuse to patch a file that is no longer the one our snapshot describes."""
    try:
        same = (
            conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            and conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
            and conn.execute("SELECT uid, saves FROM project WHERE key = 1").fetchall() == [(saved.uid, saved.saves)]
        )
    except sqlite3.DatabaseError:
        same = False
    if not same:
        raise _changed_on_disk(shown)


def _changed_on_disk(shown: str) -> ProjectFileError:
    return ProjectFileError(
        shown,
        "changed_on_disk",
        "was changed or replaced by another program since it was opened; use Save As to keep your work",
        "在打开后已被其他程序修改或替换；请用“另存为”保存您的工作",
    )


def _apply(
    conn: sqlite3.Connection,
    project: Project,
    saved: Saved,
    stats: SaveStats,
    tracker: ChangeTracker | None,
    after_commit: list[Callable[[], None]],
) -> Saved:
    meta = project.meta_dict()
    if meta != saved.meta:
        conn.execute(
            "UPDATE project SET name = ?, currency = ?, period = ?, notes = ?, language = ?, settings = ? "
            "WHERE key = 1",
            _meta_values(project),
        )
        stats.rows_written += 1
    current = project.scenarios
    live = {id(s) for s in current}
    by_obj = {id(r.scenario): r for r in saved.scenarios}
    for rec in saved.scenarios:
        if id(rec.scenario) not in live:  # removed: its rows go with it (ON DELETE CASCADE)
            conn.execute("DELETE FROM scenarios WHERE id = ?", (rec.key,))
            stats.rows_deleted += 1
    renamed = [(s, by_obj[id(s)]) for s in current if id(s) in by_obj and s.name != by_obj[id(s)].name]
    for _s, rec in renamed:  # step aside first, so swapping two names never meets UNIQUE
        conn.execute("UPDATE scenarios SET name = ? WHERE id = ?", (f"\x00renaming {rec.key}", rec.key))
    for s, rec in renamed:
        conn.execute("UPDATE scenarios SET name = ? WHERE id = ?", (s.name, rec.key))
        stats.rows_written += 1
    next_key = max((r.key for r in saved.scenarios), default=0) + 1
    recs: list[SavedScenario] = []
    for n, s in enumerate(current):
        found = by_obj.get(id(s))
        if found is None:
            key, next_key = next_key, next_key + 1
            conn.execute("INSERT INTO scenarios (id, name, position) VALUES (?, ?, ?)", (key, s.name, n))
            positions = {t: _insert_all(conn, t, key, coll) for t, coll in s.collections().items()}
            stats.rows_written += 1 + sum(len(c) for c in s.collections().values())
            recs.append(snapshot_scenario(s, key, n, positions))
            continue
        rec = found
        if rec.position != n:
            conn.execute("UPDATE scenarios SET position = ? WHERE id = ?", (n, rec.key))
            stats.rows_written += 1
        log = tracker.log(s) if tracker is not None else None
        trusted = log is not None and log.trusted(rec.revision)
        recs.append(_diff_scenario(conn, s, rec, n, stats, log if trusted else None, after_commit))
    views = tuple(project.views)
    if views != saved.views:  # a handful of rows: rewritten whole, in this same transaction
        conn.execute("DELETE FROM views")
        _insert_views(conn, views)
        stats.rows_deleted += len(saved.views)
        stats.rows_written += len(views)
    return Saved(meta, saved.uid, saved.saves, recs, views)


def _diff_scenario(
    conn: sqlite3.Connection,
    s: Scenario,
    rec: SavedScenario,
    position: int,
    stats: SaveStats,
    log: ScenarioLog | None,
    after_commit: list[Callable[[], None]],
) -> SavedScenario:
    """Write one scenario's changed rows; returns its new snapshot.

    With a trusted ``log``, only logged ids are looked at, and a collection that only saw
    replacements (order unchanged) is patched in place after the commit. Otherwise each
    collection is compared whole: C-level dict equality first, then object by object.
    """
    items = dict(rec.items)
    order = dict(rec.order)
    positions = dict(rec.positions)
    for table, coll in s.collections().items():
        cur: dict[str, ModelObject] = coll._items
        old = rec.items[table]
        enc = ENCODERS[table]
        if log is not None:
            touched = log.tables[table]
            if not touched.ids:
                continue
            if not touched.structural:  # only replacements: same ids, same order
                old_pos = rec.positions[table]
                changed = {k: cur[k] for k in touched.ids if cur[k] is not old[k] and cur[k] != old[k]}
                if changed:
                    conn.executemany(
                        insert_sql(table, replace=True), [(rec.key, old_pos[k], *enc(o)) for k, o in changed.items()]
                    )
                    stats.rows_written += len(changed)
                    after_commit.append(functools.partial(old.update, changed))
                continue
        if cur == old:  # C-level, identity first; then only the order can differ
            cur_order = list(cur)
            if cur_order == rec.order[table]:
                continue
        else:
            cur_order = list(cur)
        old_pos = rec.positions[table]
        new_pos = old_pos if cur_order == rec.order[table] else plan_positions(cur_order, old_pos)
        removed = [(rec.key, k) for k in old if k not in cur]
        if removed:
            conn.executemany(f"DELETE FROM {table} WHERE scenario = ? AND id = ?", removed)
            stats.rows_deleted += len(removed)
        if new_pos is old_pos:
            rows = [(rec.key, old_pos[k], *enc(o)) for k, o in cur.items() if old[k] is not o and old[k] != o]
        else:
            rows = [
                (rec.key, new_pos[k], *enc(o))
                for k, o in cur.items()
                if new_pos[k] != old_pos.get(k) or (old[k] is not o and old[k] != o)
            ]
        if rows:
            conn.executemany(insert_sql(table, replace=True), rows)
            stats.rows_written += len(rows)
        items[table] = dict(cur)
        order[table] = cur_order
        positions[table] = new_pos
    return SavedScenario(s, s.revision, rec.key, s.name, position, items, order, positions)
