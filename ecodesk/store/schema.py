"""Store layer: the SQLite schema of a ``.ecodesk`` file and the object <-> row codecs.

One table per SPEC collection, keyed by (scenario, id), with a ``position`` column that
keeps the collection's order (positions only have to increase along the order, so a
removal never renumbers anything). List and mapping fields are JSON text. The column
lists below are the file format of :data:`SCHEMA_VERSION`: they are written down here,
not derived from the dataclasses, and :func:`_check_model_matches` fails loudly at import
if the model's fields drift from them — that is the moment to add a migration.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any

from ecodesk.model.bulk import build_from_columns, build_many
from ecodesk.model.errors import ValidationError
from ecodesk.model.objects import (
    COLLECTIONS,
    Annotation,
    Capability,
    Ecosystem,
    Entity,
    Flow,
    ModelObject,
    Need,
    Pool,
    Tier,
)
from ecodesk.model.ranges import NO_RANGES
from ecodesk.model.views import View

#: ``PRAGMA application_id`` of every ecodesk file: the ASCII bytes "EcoD".
APPLICATION_ID = 0x45636F44
#: ``PRAGMA user_version`` written by this version; files up to it can be read.
SCHEMA_VERSION = 3
#: The first 16 bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"
#: Distance between neighbouring positions in a freshly written collection, leaving room
#: for insertions between them without renumbering.
POSITION_GAP = 1024

#: Model fields stored per collection, in dataclass order; every table also has the
#: columns ``scenario`` (key of the scenarios row) and ``position``.
COLUMNS: dict[str, tuple[str, ...]] = {
    "ecosystems": ("id", "name", "color"),
    "entities": (
        "id", "name", "kind", "industry", "ecosystems", "demand", "risk", "revenue", "notes", "x", "y", "color",
        "size", "ranges",
    ),
    "capabilities": ("id", "name", "category", "owner", "fixed_cost", "unit_cost", "capacity", "ranges"),
    "flows": (
        "id",
        "source",
        "target",
        "kind",
        "volume",
        "unit_value",
        "risk",
        "notes",
        "capability",
        "standalone_cost",
        "label",
        "ranges",
    ),
    "needs": ("id", "entity", "category", "volume", "standalone_cost", "ranges"),
    "pools": (
        "id",
        "name",
        "type",
        "amount",
        "members",
        "rule",
        "weights",
        "floors",
        "tiers",
        "claims",
        "scale_exponent",
        "ranges",
    ),
    "annotations": ("id", "text", "x", "y", "width", "height", "color"),
}

_TYPES: dict[str, str] = {
    "demand": "REAL NOT NULL",
    "risk": "REAL NOT NULL",
    "revenue": "REAL",
    "x": "REAL NOT NULL",
    "y": "REAL NOT NULL",
    "fixed_cost": "REAL NOT NULL",
    "unit_cost": "REAL NOT NULL",
    "capacity": "REAL",
    "volume": "REAL NOT NULL",
    "unit_value": "REAL NOT NULL",
    "capability": "TEXT",
    "standalone_cost": "REAL",
    "amount": "REAL NOT NULL",
    "scale_exponent": "REAL NOT NULL",
    "ranges": "TEXT NOT NULL DEFAULT '{}'",
    "width": "REAL NOT NULL",
    "height": "REAL NOT NULL",
}
#: Column types that differ from :data:`_TYPES` in one table. The v2 columns (these and
#: ``ranges`` in every object table) have a default,
#: as :func:`ecodesk.store.migrations.migrate_v1_to_v2` adds them to older files.
_TABLE_TYPES: dict[str, dict[str, str]] = {
    "needs": {"standalone_cost": "REAL NOT NULL"},
    "entities": {"color": "TEXT NOT NULL DEFAULT ''", "size": "REAL NOT NULL DEFAULT 1.0"},
    "flows": {"label": "TEXT NOT NULL DEFAULT ''"},
}

#: Columns of the single ``project`` row (settings is JSON; uid and saves detect a file
#: changed behind our back; writer is the ecodesk version that last wrote it).
PROJECT_COLUMNS = ("name", "currency", "period", "notes", "language", "settings", "uid", "saves", "writer")


def _column_sql(table: str, name: str) -> str:
    kind = _TABLE_TYPES.get(table, {}).get(name) or _TYPES.get(name, "TEXT NOT NULL")
    return f"{name} {kind}"


def _collection_ddl(table: str) -> str:
    cols = ",\n  ".join(_column_sql(table, c) for c in COLUMNS[table])
    return (
        f"CREATE TABLE {table} (\n  scenario INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,\n"
        f"  position INTEGER NOT NULL,\n  {cols},\n  PRIMARY KEY (scenario, id)\n) WITHOUT ROWID"
    )


#: Columns of the ``views`` table (project level, SPEC §2 View; ``rect`` and ``hidden_kinds``
#: are JSON text, ``panel`` NULL for none), ordered by ``position``.
VIEW_COLUMNS = ("id", "title", "scenario", "rect", "color_mode", "hidden_kinds", "panel", "text")

#: The tables version 3 added, as :func:`ecodesk.store.migrations.migrate_v2_to_v3` creates
#: them in an older file (written out, not derived, so later versions cannot change them).
V3_TABLES: tuple[str, ...] = (
    "CREATE TABLE annotations (\n  scenario INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,\n"
    "  position INTEGER NOT NULL,\n  id TEXT NOT NULL,\n  text TEXT NOT NULL,\n  x REAL NOT NULL,\n"
    "  y REAL NOT NULL,\n  width REAL NOT NULL,\n  height REAL NOT NULL,\n  color TEXT NOT NULL,\n"
    "  PRIMARY KEY (scenario, id)\n) WITHOUT ROWID",
    "CREATE TABLE views (\n  position INTEGER NOT NULL,\n  id TEXT PRIMARY KEY,\n  title TEXT NOT NULL,\n"
    "  scenario TEXT NOT NULL,\n  rect TEXT NOT NULL,\n  color_mode TEXT NOT NULL,\n  hidden_kinds TEXT NOT NULL,\n"
    "  panel TEXT,\n  text TEXT NOT NULL\n) WITHOUT ROWID",
)

DDL: tuple[str, ...] = (
    "CREATE TABLE project (\n  key INTEGER PRIMARY KEY CHECK (key = 1),\n  name TEXT NOT NULL,\n"
    "  currency TEXT NOT NULL,\n  period TEXT NOT NULL,\n  notes TEXT NOT NULL,\n  language TEXT NOT NULL,\n"
    "  settings TEXT NOT NULL,\n  uid TEXT NOT NULL,\n  saves INTEGER NOT NULL,\n  writer TEXT NOT NULL\n)",
    "CREATE TABLE scenarios (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL UNIQUE,\n  position INTEGER NOT NULL\n)",
    *(_collection_ddl(t) for t in COLUMNS),
    V3_TABLES[1],
)

#: Every table a file of :data:`SCHEMA_VERSION` must have, with the columns the loader reads.
REQUIRED: dict[str, tuple[str, ...]] = {
    "project": ("key", *PROJECT_COLUMNS),
    "scenarios": ("id", "name", "position"),
    **{t: ("scenario", "position", *cols) for t, cols in COLUMNS.items()},
    "views": ("position", *VIEW_COLUMNS),
}


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables of :data:`SCHEMA_VERSION` and stamp the file's identity."""
    for stmt in DDL:
        conn.execute(stmt)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def schema_problem(conn: sqlite3.Connection) -> str | None:
    """What is wrong with the tables of ``conn`` (a sentence fragment), or None when fine.

    Only reads ``sqlite_master`` and ``PRAGMA table_info``: nothing from the file is run.
    """
    rows = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
    for kind, name in rows:
        if kind in ("trigger", "view"):
            return f"it contains a {kind} '{name}', which ecodesk files never have (damaged or tampered with)"
    tables = {name for kind, name in rows if kind == "table"}
    for table, needed in REQUIRED.items():
        if table not in tables:
            return f"its table '{table}' is missing"
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        lacking = [c for c in needed if c not in have]
        if lacking:
            return f"its table '{table}' lacks the column '{lacking[0]}'"
    return None


# -- codecs -------------------------------------------------------------------------------


#: One encoder for every JSON column (``json.dumps`` with options builds a new one per call).
dumps: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


def _loads(what: str, obj_id: Any, fld: str, text: Any, kind: type) -> Any:
    """Decode a JSON column, refusing anything but ``kind`` as a ValidationError."""
    if text is None or text == "":
        return kind()
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        raise ValidationError(what, str(obj_id), fld, "is not valid JSON", "不是有效的 JSON") from None
    if not isinstance(value, kind):
        raise ValidationError(what, str(obj_id), fld, f"must be a JSON {kind.__name__}", f"必须是 JSON {kind.__name__}")
    return value


def _ranges_text(ranges: Any) -> str:
    """An object's ranges as stored: JSON ``{"field": [low, high]}``, "{}" when none."""
    return dumps(ranges.to_json()) if ranges else "{}"


def _ranges(what: str, obj_id: Any, text: Any) -> Any:
    """A stored ranges text as the mapping the model checks (empty: the shared empty ranges)."""
    if text == "{}":
        return NO_RANGES
    return _loads(what, obj_id, "ranges", text, dict) or NO_RANGES


def _ranges_column(texts: Sequence[Any]) -> list[Any] | None:
    """The ranges column decoded ("{}" — nearly every row — costs nothing); None if any text
    is not the JSON of an object (the rows are then decoded one by one, naming the first)."""
    if texts.count("{}") == len(texts):  # the common case, in one C-level pass
        return [NO_RANGES] * len(texts)
    out: list[Any] = []
    for text in texts:
        if text == "{}":
            out.append(NO_RANGES)
            continue
        try:
            value = json.loads(text)
        except (TypeError, ValueError, RecursionError):
            return None
        if not isinstance(value, dict):
            return None
        out.append(value or NO_RANGES)
    return out


def _tiers(pool_id: Any, text: Any) -> tuple[Any, ...]:
    return tuple(_loads("pool", pool_id, "tiers", text, list))


Row = tuple[Any, ...]
# Enum fields are stored as the member itself: the enums are ``str`` subclasses, which
# sqlite3 binds as TEXT holding the value (reading ``.value`` costs a descriptor call).
#: obj -> the stored values after (scenario, position), in COLUMNS order.
ENCODERS: dict[str, Callable[[Any], Row]] = {
    "ecosystems": lambda o: (o.id, o.name, o.color),
    "entities": lambda o: (
        o.id,
        o.name,
        o.kind,
        o.industry,
        dumps(o.ecosystems),
        o.demand,
        o.risk,
        o.revenue,
        o.notes,
        o.x,
        o.y,
        o.color,
        o.size,
        _ranges_text(o.ranges),
    ),
    "capabilities": lambda o: (
        o.id, o.name, o.category, o.owner, o.fixed_cost, o.unit_cost, o.capacity, _ranges_text(o.ranges),
    ),
    "flows": lambda o: (
        o.id,
        o.source,
        o.target,
        o.kind,
        o.volume,
        o.unit_value,
        o.risk,
        o.notes,
        o.capability,
        o.standalone_cost,
        o.label,
        _ranges_text(o.ranges),
    ),
    "needs": lambda o: (o.id, o.entity, o.category, o.volume, o.standalone_cost, _ranges_text(o.ranges)),
    "pools": lambda o: (
        o.id,
        o.name,
        o.type,
        o.amount,
        dumps(o.members),
        o.rule,
        dumps(o.weights),
        dumps(o.floors),
        dumps([{"up_to": t.up_to, "rate": t.rate} for t in o.tiers]),
        dumps(o.claims),
        o.scale_exponent,
        _ranges_text(o.ranges),
    ),
    "annotations": lambda o: (o.id, o.text, o.x, o.y, o.width, o.height, o.color),
}

#: A row as selected with ``scenario, position, *COLUMNS`` -> the validated object.
DECODERS: dict[str, Callable[[Row], ModelObject]] = {
    "ecosystems": lambda r: Ecosystem(*r[2:]),
    "entities": lambda r: Entity(
        r[2], r[3], r[4], r[5], tuple(_loads("entity", r[2], "ecosystems", r[6], list)), *r[7:-1],
        _ranges("entity", r[2], r[-1]),
    ),
    "capabilities": lambda r: Capability(*r[2:-1], _ranges("capability", r[2], r[-1])),
    "flows": lambda r: Flow(*r[2:-1], _ranges("flow", r[2], r[-1])),
    "needs": lambda r: Need(*r[2:-1], _ranges("need", r[2], r[-1])),
    "pools": lambda r: Pool(
        r[2],
        r[3],
        r[4],
        r[5],
        tuple(_loads("pool", r[2], "members", r[6], list)),
        r[7],
        _loads("pool", r[2], "weights", r[8], dict),
        _loads("pool", r[2], "floors", r[9], dict),
        _tiers(r[2], r[10]),
        _loads("pool", r[2], "claims", r[11], dict),
        r[12],
        _ranges("pool", r[2], r[13]),
    ),
    "annotations": lambda r: Annotation(*r[2:]),
}


def _entity_rows(rows: list[Row]) -> list[Row]:
    """Entity rows as field values; the ecosystems JSON is decoded once per distinct text
    (thousands of entities share a handful of memberships)."""
    memo: dict[Any, tuple[Any, ...]] = {"[]": ()}
    out = []
    for r in rows:
        ecos = r[6]
        decoded = memo.get(ecos) if isinstance(ecos, str) else None
        if decoded is None:
            decoded = tuple(_loads("entity", r[2], "ecosystems", ecos, list))
            if isinstance(ecos, str):
                memo[ecos] = decoded
        out.append((r[2], r[3], r[4], r[5], decoded, *r[7:-1], _ranges("entity", r[2], r[-1])))
    return out


def _ecosystem_lists(texts: Sequence[Any]) -> list[tuple[Any, ...]] | None:
    """The entities' ecosystems column decoded, each distinct text once; None if any is
    not the JSON text of a list (:func:`_entity_rows` then names the first such row)."""
    if texts and set(map(type, texts)) != {str}:
        return None
    memo: dict[str, tuple[Any, ...]] = {}
    for text in set(texts):
        if text == "":
            memo[text] = ()
            continue
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return None
        if not isinstance(value, list):
            return None
        memo[text] = tuple(value)
    return list(map(memo.__getitem__, texts))


_BATCH_CLASSES: dict[str, type[ModelObject]] = {
    "ecosystems": Ecosystem, "capabilities": Capability, "flows": Flow, "needs": Need,
}


def decode_columns(table: str, columns: Sequence[Sequence[Any]]) -> list[ModelObject]:
    """The rows of ``table``, given as columns (``scenario``, ``position``, then the fields
    as in :func:`select_sql`), as validated objects — checked column-wise where the model
    can (see :mod:`ecodesk.model.bulk`); the same objects and errors as DECODERS row by row."""
    if not columns or not columns[0]:
        return []
    ranges = _ranges_column(columns[-1])
    if table == "entities":
        ecosystems = _ecosystem_lists(columns[6])
        if ecosystems is None or ranges is None:  # a bad JSON text: the rows in order, for the first one's error
            return build_many(Entity, _entity_rows(list(zip(*columns, strict=True))))
        return build_from_columns(Entity, [*columns[2:6], ecosystems, *columns[7:-1], ranges])
    cls = _BATCH_CLASSES.get(table)
    if cls is None or ranges is None:
        decode = DECODERS[table]
        return [decode(r) for r in zip(*columns, strict=True)]
    return build_from_columns(cls, [*columns[2:-1], ranges])


#: Every view row as (position, *VIEW_COLUMNS), unordered (sorted by position in Python).
VIEWS_SELECT = f"SELECT position, {', '.join(VIEW_COLUMNS)} FROM views"
#: One view row: (position, *VIEW_COLUMNS).
VIEWS_INSERT = f"INSERT INTO views (position, {', '.join(VIEW_COLUMNS)}) VALUES ({', '.join('?' * (len(VIEW_COLUMNS) + 1))})"


def encode_view(v: View) -> Row:
    """A view as stored, in VIEW_COLUMNS order: ``rect`` and ``hidden_kinds`` as JSON lists
    (the kinds by value), ``panel`` NULL when none."""
    return (v.id, v.title, v.scenario, dumps(list(v.rect)), v.color_mode, dumps([k.value for k in v.hidden_kinds]),
            v.panel, v.text)


def decode_view(r: Row) -> View:
    """A stored view row (VIEW_COLUMNS, no position) as the validated :class:`View`; a bad
    JSON text is refused as a ValidationError naming the view and the field."""
    view_id, title, scenario, rect, color_mode, hidden, panel, text = r
    return View(
        view_id,
        title,
        scenario,
        tuple(_loads("view", view_id, "rect", rect, list)),
        color_mode,
        tuple(_loads("view", view_id, "hidden_kinds", hidden, list)),
        panel,
        text,
    )


def insert_sql(table: str, *, replace: bool = False) -> str:
    cols = ("scenario", "position", *COLUMNS[table])
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    return f"{verb} INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def select_sql(table: str) -> str:
    """Every row of ``table`` as (scenario, position, *fields), unordered: callers sort by
    (scenario, position) in Python, which is several times faster than SQLite's temporary
    B-tree for ORDER BY on a 50,000-row table."""
    cols = ("scenario", "position", *COLUMNS[table])
    return f"SELECT {', '.join(cols)} FROM {table}"


def _check_model_matches() -> None:
    """Refuse to run if the model's fields no longer match this schema version."""
    if list(COLUMNS) != list(COLLECTIONS):
        raise RuntimeError("model collections differ from the schema: add a migration")
    for table, cls in COLLECTIONS.items():
        names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
        if names != COLUMNS[table]:
            raise RuntimeError(
                f"model fields of {table} {names} differ from schema v{SCHEMA_VERSION} "
                f"{COLUMNS[table]}: add a migration"
            )
    if tuple(f.name for f in fields(View)) != VIEW_COLUMNS:
        raise RuntimeError(f"view fields differ from schema v{SCHEMA_VERSION} {VIEW_COLUMNS}: add a migration")
    if tuple(f.name for f in fields(Tier)) != ("up_to", "rate"):
        raise RuntimeError("Tier fields changed: add a migration")


_check_model_matches()
