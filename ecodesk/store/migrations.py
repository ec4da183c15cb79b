"""Store layer: numbered schema migrations, applied forward on open to a private copy.

``MIGRATIONS[n]`` turns a version-``n`` database into version ``n + 1`` and is named
``migrate_v{n}_to_v{n+1}``. The released formats:

* version 1 — the first released format;
* version 2 — flows gain ``label`` (free text shown beside the flow), entities gain
  ``color`` ("" = the kind's colour, else "#rrggbb") and entities, capabilities, flows, needs
  and pools gain ``ranges`` (JSON ``{"field": [low, high]}``, SPEC §3.7):
  :func:`migrate_v1_to_v2` adds the columns with the defaults "" and "{}" (SQLite fills
  existing rows with the default).
* version 3 — workshop material (issue 18): entities gain ``size`` (drawing scale, 1.0 =
  normal), scenarios gain ``annotations`` (notes on the canvas) and the project gains
  ``views`` (saved views, the slides of a presentation): :func:`migrate_v2_to_v3` adds the
  column with default 1.0 and creates the two empty tables.

Every released version keeps a sample file under ``tests/store/fixtures/``
(``v1_sample.ecodesk``, ``v2_sample.ecodesk``, ``v3_sample.ecodesk``, each with its expected content as JSON) and
a test that opens it; the tests also register a synthetic version 0 to prove the mechanism.

Migrations never touch the user's file: :func:`migrated_copy` copies the database into
memory with SQLite's backup API and migrates the copy; the next save then writes the
whole project in the current format (atomically).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ecodesk.store.schema import SCHEMA_VERSION, V3_TABLES

Migration = Callable[[sqlite3.Connection], None]

#: from-version -> function bringing a database of that version to the next one.
MIGRATIONS: dict[int, Migration] = {}


class MigrationError(Exception):
    """No path from the file's version to the current one, or a step failed."""


def register(from_version: int) -> Callable[[Migration], Migration]:
    """Decorator: register ``func`` as the migration from ``from_version`` to the next."""

    def wrap(func: Migration) -> Migration:
        MIGRATIONS[from_version] = func
        return func

    return wrap


@register(1)
def migrate_v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 1 → 2: flow labels, entity colours and ranges, empty in every existing row."""
    conn.execute("ALTER TABLE flows ADD COLUMN label TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE entities ADD COLUMN color TEXT NOT NULL DEFAULT ''")
    for table in ("entities", "capabilities", "flows", "needs", "pools"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN ranges TEXT NOT NULL DEFAULT '{{}}'")


@register(2)
def migrate_v2_to_v3(conn: sqlite3.Connection) -> None:
    """Version 2 → 3: entity sizes (1.0 in every existing row), and empty annotation and
    view tables."""
    conn.execute("ALTER TABLE entities ADD COLUMN size REAL NOT NULL DEFAULT 1.0")
    for stmt in V3_TABLES:
        conn.execute(stmt)


def can_migrate(from_version: int, to_version: int = SCHEMA_VERSION) -> bool:
    return all(v in MIGRATIONS for v in range(from_version, to_version))


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int = SCHEMA_VERSION) -> None:
    """Apply each step in its own transaction, stamping ``user_version`` after each."""
    if not can_migrate(from_version, to_version):
        missing = next(v for v in range(from_version, to_version) if v not in MIGRATIONS)
        raise MigrationError(f"no migration from file version {missing} to {missing + 1}")
    for version in range(from_version, to_version):
        try:
            conn.execute("BEGIN IMMEDIATE")
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise MigrationError(f"migration from file version {version} failed: {exc}") from exc


def migrated_copy(source: sqlite3.Connection, from_version: int) -> sqlite3.Connection:
    """An in-memory copy of ``source`` migrated to :data:`SCHEMA_VERSION`."""
    if not can_migrate(from_version):
        missing = next(v for v in range(from_version, SCHEMA_VERSION) if v not in MIGRATIONS)
        raise MigrationError(f"no migration from file version {missing} to {missing + 1}")
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        source.backup(mem)
        migrate(mem, from_version)
    except BaseException:
        mem.close()
        raise
    return mem
