"""I/O layer: node and edge tables as other tools and planners write them (SPEC §4 "Foreign
tables") — CSV files or workbook sheets from Gephi's data laboratory, Cytoscape, Kumu's
spreadsheets or a planner's own sheet — turned into a project.

Columns are recognised by name in English and Chinese (:data:`NODE_WORDS`, :data:`EDGE_WORDS`;
case, spaces, ``_`` and ``-`` do not matter); every column gets a *role* — a model field,
``note`` (kept as a ``column: value`` line in the object's notes: the default for unknown
columns) or ``skip``. ``--map FIELD=COLUMN,…`` (:func:`parse_map_option`) and the app's import
dialog override the guess. The rows then go through the graph importers' own rules
(:func:`ecodesk.io.foreign.graph_rows`: kind synonyms in both languages, unknown kinds kept in
notes, self-loops left out with a note on the entity, ids made unique), so a table and a
GraphML file of the same network give the same model.

Tables are strict where graphs are lenient: a cell a mapped number column cannot read, an
empty edge end or an end naming no node is a problem naming file, row and column, and nothing
is imported until there are none (:func:`check_plan` is the dry run behind the dialog's
preview). Edge ends are matched to node ids, else to the one node of that name (Kumu and
Cytoscape name nodes in their edge tables); an edge table alone creates its entities from the
ends. Gephi's ``Type`` column (Directed/Undirected) and Kumu's ``Direction`` give directions,
not kinds; Cytoscape's default edge table, which has no source/target columns, is read from its
``shared name`` ("A (interacts with) B"). A CSV file without a header whose rows are
``source,target[,weight]`` is read as an edge list when that is unambiguous (the first row's
ends come back in later rows, or its third cell is a number); otherwise a clear message asks for
a header.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecodesk.io.errors import FormatError, Problem
from ecodesk.io.foreign import ForeignEdge, ForeignGraph, ForeignNode, graph_rows
from ecodesk.io.tabular import CellError, Place, Row, build_scenario, parse_number, problem
from ecodesk.model.scenario import Project

NODE_ROLES: tuple[str, ...] = ("id", "name", "kind", "industry", "ecosystems", "demand", "risk", "revenue", "notes",
                               "x", "y", "color", "note", "skip")
EDGE_ROLES: tuple[str, ...] = ("id", "source", "target", "kind", "volume", "unit_value", "risk", "notes", "label",
                               "capability", "standalone_cost", "note", "skip")
#: Roles several columns may share.
SHARED_ROLES = ("note", "skip")

_NOTES = "notes, note, description, comment, comments, remark, remarks, memo, 备注, 说明, 描述, 注释"
#: Column names (normalised: case-folded, ``_``/``-`` as spaces) that suggest each node role.
NODE_WORDS: dict[str, str] = {
    "id": "id, key, node id, nodeid, node key, uid, 编号, 节点编号, 节点id, 主键, 代码, 代号",
    "name": "label, name, title, node name, node, 名称, 名字, 节点名称, 节点, 企业名称, 公司名称, 主体名称, 主体, "
            "企业, 公司, 机构, 机构名称",
    "kind": "kind, type, element type, node type, role, 类型, 类别, 角色, 主体类型, 节点类型, 企业类型",
    "industry": "industry, sector, 行业, 产业, 所属行业",
    "ecosystems": "ecosystem, ecosystems, 生态, 生态圈, 所属生态, 生态系统",
    "demand": "demand, 需求, 需求量",
    "risk": "risk, failure risk, 风险, 风险概率, 失效概率",
    "revenue": "revenue, income, 收入, 营收, 营业收入",
    "notes": _NOTES,
    "x": "x, pos x, x position, 横坐标",
    "y": "y, pos y, y position, 纵坐标",
    "color": "color, colour, fill color, fill colour, fill, 颜色, 填充色",
}
EDGE_WORDS: dict[str, str] = {
    "id": "id, key, edge id, edgeid, 编号, 关系编号, 边编号",
    "source": "source, from, src, source id, source node, 源, 源节点, 起点, 来源, 出发, 上游, 供方, 提供方",
    "target": "target, to, dst, dest, destination, target id, target node, 目标, 目标节点, 终点, 去向, 下游, 需方, "
              "接收方",
    "kind": "kind, type, connection type, edge type, flow type, interaction, 类型, 关系类型, 流类型, 类别",
    "volume": "volume, weight, amount, quantity, qty, 权重, 数量, 流量, 体量, 数额",
    "unit_value": "unit value, unit price, price, 单价, 单位价值",
    "risk": "risk, failure risk, 风险, 风险概率",
    "notes": _NOTES,
    "label": "label, name, title, 标签, 名称",
    "capability": "capability, 能力",
    "standalone_cost": "standalone cost, 单独成本, 自建成本",
}
#: Values of an edge ``kind`` column that give a direction, not a kind (Gephi's ``Type``), and
#: columns holding directions (Kumu's ``Direction``).
_DIRECTIONS = {"directed": "", "undirected": "undirected", "mutual": "mutual", "有向": "", "无向": "undirected",
               "双向": "mutual"}
_DIRECTION_COLUMNS = {"direction", "directed", "方向"}
#: Number roles and the range their values must lie in.
_NUMBERS = {"demand": (0.0, math.inf), "risk": (0.0, 1.0), "revenue": (0.0, math.inf),
            "x": (-math.inf, math.inf), "y": (-math.inf, math.inf), "volume": (0.0, math.inf),
            "unit_value": (0.0, math.inf), "standalone_cost": (0.0, math.inf)}
#: Sheet names that say which table a sheet holds.
_NODE_SHEETS = {"nodes", "node", "elements", "vertices", "entities", "actors", "节点", "实体", "主体", "企业", "元素"}
_EDGE_SHEETS = {"edges", "edge", "connections", "links", "relations", "relationships", "flows", "关系", "连接",
                "边", "流向", "连线"}
MAX_PROBLEMS = 50  # problems collected from one table before reading it stops


def _norm(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").replace("_", " ").replace("-", " ").casefold().split())


def _lookup(words: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for role, names in words.items():
        for name in names.split(","):
            out.setdefault(_norm(name), role)
    return out


_NODE_LOOKUP = _lookup(NODE_WORDS)
_EDGE_LOOKUP = _lookup(EDGE_WORDS)


# --- tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableSource:
    """One table: a CSV file or one sheet of a workbook.

    ``numbers`` are the spreadsheet row numbers of ``rows`` (blank rows are left out; empty:
    the rows follow the header one after another); ``headerless``: the file had no header and
    ``header`` was made up (``source``, ``target``, ``weight``)."""

    path: str
    sheet: str | None
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numbers: tuple[int, ...] = ()
    headerless: bool = False

    @property
    def label(self) -> str:
        """``edges.csv`` or ``book.xlsx [关系]`` — the file named in problems."""
        name = os.path.basename(self.path)
        return f"{name} [{self.sheet}]" if self.sheet is not None else name

    def row_number(self, index: int) -> int:
        if index < len(self.numbers):
            return self.numbers[index]
        return index + (1 if self.headerless else 2)


def _is_workbook(path: Path) -> bool:
    """An .xlsx file, or any file but .csv that is a zip (a workbook saved under another name)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return True
    if path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return False
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def read_table(path: str | os.PathLike[str], sheet: str | None = None) -> TableSource:
    """The table in a CSV file, or in sheet ``sheet`` of a workbook (default: its first sheet
    with content); FormatError when it cannot be read."""
    p = Path(path)
    if _is_workbook(p):
        from ecodesk.io.xlsxio import sheet_records

        records = sheet_records(p, sheets=None if sheet is None else (sheet,))
        if sheet is not None and sheet not in records:
            raise FormatError(p.name, [problem(p.name, f"has no sheet '{sheet}' (it has: {', '.join(records)})",
                                               f"没有工作表 '{sheet}'（现有：{'、'.join(records)}）")])
        if sheet is None:
            sheet = next((name for name, recs in records.items() if recs), next(iter(records), None))
        return _source(str(p), sheet, records.get(sheet, []) if sheet is not None else [])
    return _source(str(p), None, _csv_records(p))


def _csv_records(p: Path) -> list[tuple[int, list[str]]]:
    from ecodesk.io import csvio

    try:
        size = p.stat().st_size
        if size > csvio.MAX_BYTES:
            raise FormatError(p.name, [csvio._too_large(p.name, size)])
        raw = p.read_bytes()
    except OSError as exc:
        raise FormatError(p.name, [problem(str(p), f"cannot be read ({exc.strerror or exc})",
                                           f"无法读取（{exc.strerror or exc}）")]) from None
    text, label = csvio.decode(raw, p.name)
    problems: list[Problem] = []
    header, rows = csvio.read_rows(text, label, problems)
    if problems:
        raise FormatError(p.name, problems)
    if not header:
        return []
    first = next((n for n, r in _numbered(text) if any(c.strip() for c in r)), 1)
    return [(first, header), *rows]


def _numbered(text: str) -> Iterable[tuple[int, list[str]]]:
    import csv
    import io

    from ecodesk.io.csvio import _delimiter

    yield from enumerate(csv.reader(io.StringIO(text[:65536]), delimiter=_delimiter(text)), 1)


def _source(path: str, sheet: str | None, records: list[tuple[int, list[str]]]) -> TableSource:
    if not records:
        return TableSource(path, sheet, (), ())
    (_, header), *rest = records
    header = [h.strip() for h in header]
    if _headerless(header, [r for _, r in rest]):
        made = ("source", "target", "weight")[:max(len(r) for _, r in records)]
        return TableSource(path, sheet, made, tuple(tuple(c.strip() for c in r) for _, r in records),
                           tuple(n for n, _ in records), headerless=True)
    width = max([len(header)] + [len(r) for _, r in rest])
    header += [""] * (width - len(header))
    rows = tuple(tuple(r) + ("",) * (width - len(r)) for _, r in rest)
    return TableSource(path, sheet, tuple(header), rows, tuple(n for n, _ in rest))


def _number_like(text: str) -> bool:
    try:
        parse_number(text)
    except CellError:
        return False
    return True


def _headerless(header: list[str], rows: list[list[str]]) -> bool:
    """A first row that is data of a ``source,target[,weight]`` list, not a header."""
    if not 2 <= len(header) <= 3 or not rows or any(len([c for c in r if c.strip()]) > 3 for r in rows):
        return False
    if any(_norm(h) in _NODE_LOOKUP or _norm(h) in _EDGE_LOOKUP for h in header if h):
        return False
    if not header[0] or not header[1]:
        return False
    ends = {c.strip() for r in rows for c in r[:2]}
    third_is_number = len(header) == 3 and _number_like(header[2])
    return header[0] in ends or header[1] in ends or third_is_number


# --- guessing ---------------------------------------------------------------------------------


def _roles(kind: str) -> tuple[str, ...]:
    if kind not in ("nodes", "edges"):
        raise ValueError(f"kind must be 'nodes' or 'edges', not {kind!r}")
    return NODE_ROLES if kind == "nodes" else EDGE_ROLES


def guess_mapping(header: Iterable[str], kind: str) -> dict[str, str]:
    """Column name → role for every column of ``header`` (``kind``: "nodes" or "edges"); a
    role is given to its first column only, unknown and repeated ones become ``note``, a column
    without a name ``skip``."""
    _roles(kind)
    lookup = _NODE_LOOKUP if kind == "nodes" else _EDGE_LOOKUP
    out: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        if column in out:
            continue
        role = lookup.get(_norm(column), "note") if column.strip() else "skip"
        if role not in SHARED_ROLES and role in taken:
            role = "note"
        taken.add(role)
        out[column] = role
    return out


def _cytoscape(header: Iterable[str]) -> str | None:
    """Cytoscape's default edge table: the column whose "A (interaction) B" gives the ends."""
    names = {_norm(h): h for h in header}
    if "interaction" in names or "shared interaction" in names:
        return names.get("shared name") or names.get("name")
    return None


def table_kind(header: Iterable[str]) -> str | None:
    """"edges" when the header has source- and target-like columns (or is Cytoscape's edge
    table), "nodes" when it has an id- or name-like column, else None."""
    header = list(header)
    edge_roles = set(guess_mapping(header, "edges").values())
    if {"source", "target"} <= edge_roles or _cytoscape(header) is not None:
        return "edges"
    if {"id", "name"} & set(guess_mapping(header, "nodes").values()):
        return "nodes"
    return None


def header_key(header: Iterable[str], kind: str) -> str:
    """A stable key of a header set (order, case and spacing aside), to remember a mapping by."""
    _roles(kind)
    return kind + ":" + "\t".join(sorted({_norm(h) for h in header if h.strip()}))


def find_tables(path: str | os.PathLike[str]) -> tuple[TableSource | None, TableSource | None]:
    """The node table and the edge table in a file: a workbook's two sheets (named nodes/edges,
    节点/关系, Elements/Connections … or known by their columns), or one CSV file or sheet —
    an edge table when it has source/target columns, else a node table (None, None when no
    column is recognised at all)."""
    p = Path(path)
    if not _is_workbook(p):
        table = read_table(p)
        kind = table_kind(table.header) if table.header else None
        return (None, table) if kind == "edges" else (table, None) if kind == "nodes" else (None, None)
    from ecodesk.io.xlsxio import sheet_records

    tables = [_source(str(p), name, recs) for name, recs in sheet_records(p).items() if recs]
    nodes = next((t for t in tables if _norm(t.sheet or "") in _NODE_SHEETS), None)
    edges = next((t for t in tables if _norm(t.sheet or "") in _EDGE_SHEETS), None)
    for t in tables:
        kind = table_kind(t.header)
        if edges is None and kind == "edges" and t is not nodes:
            edges = t
        elif nodes is None and kind == "nodes" and t is not edges:
            nodes = t
    return nodes, edges


def parse_map_option(text: str) -> dict[str, str]:
    """``"name=Label,volume=Weight"`` → ``{"name": "Label", "volume": "Weight"}``; FormatError
    naming each piece that is not ``FIELD=COLUMN`` with a known field. ``note`` and ``skip``
    may be given several times (their columns are joined with ``,``)."""
    known = dict.fromkeys((*NODE_ROLES, *EDGE_ROLES))
    out: dict[str, str] = {}
    bad: list[Problem] = []
    for piece in (p for p in text.split(",") if p.strip()):
        fld, eq, column = piece.partition("=")
        fld, column = fld.strip().casefold(), column.strip()
        if not eq or not fld or not column:
            bad.append(problem("--map", f"'{piece.strip()}' should read FIELD=COLUMN (e.g. name=Label)",
                               f"'{piece.strip()}' 应写作 字段=列名（如 name=Label）"))
        elif fld not in known:
            bad.append(problem("--map", f"'{fld}' is not a field (known: {', '.join(known)})",
                               f"'{fld}' 不是字段（可用：{', '.join(known)}）"))
        elif fld in out and fld not in SHARED_ROLES:
            bad.append(problem("--map", f"the field '{fld}' is given twice", f"字段 '{fld}' 出现了两次"))
        else:
            out[fld] = f"{out[fld]},{column}" if fld in out else column
    if not out and not bad:
        bad.append(problem("--map", "is empty (write FIELD=COLUMN,…)", "为空（请写 字段=列名,…）"))
    if bad:
        raise FormatError("--map", bad)
    return out


def apply_map(mapping: Mapping[str, str], header: Iterable[str], kind: str,
              fields: Mapping[str, str]) -> dict[str, str]:
    """``mapping`` (column → role) with ``fields`` (field → column, from --map) laid over it
    for the fields this table has a column for: the column takes the field, and the column
    that had it before becomes ``note``."""
    roles = _roles(kind)
    out = dict(mapping)
    columns = {c.casefold(): c for c in header}
    for fld, wanted in fields.items():
        for name in wanted.split(",") if fld in SHARED_ROLES else [wanted]:
            column = columns.get(name.strip().casefold())
            if column is None or fld not in roles:
                continue
            if fld not in SHARED_ROLES:
                for c, r in out.items():
                    if r == fld:
                        out[c] = "note"
            out[column] = fld
    return out


def map_problems(fields: Mapping[str, str], tables: Iterable[tuple[TableSource, str]]) -> list[Problem]:
    """--map pieces that no table can take: a column that is in none of ``tables`` ((table,
    "nodes"/"edges") pairs), or a field the table holding the column has no use for."""
    tables = list(tables)
    out: list[Problem] = []
    for fld, wanted in fields.items():
        for name in wanted.split(",") if fld in SHARED_ROLES else [wanted]:
            holders = [(t, k) for t, k in tables if name.strip().casefold() in {h.casefold() for h in t.header}]
            if not holders:
                names = ", ".join(t.label for t, _ in tables)
                out.append(problem("--map", f"there is no column '{name}' in {names}", f"{names} 中没有列 '{name}'"))
            elif not any(fld in _roles(k) for _, k in holders):
                out.append(problem("--map", f"'{fld}' is not a field of the {holders[0][1][:-1]} table "
                                            f"{holders[0][0].label}", f"'{fld}' 不是表 {holders[0][0].label} 的字段"))
    return out


def plan_files(path: str | os.PathLike[str], edges_path: str | os.PathLike[str] | None = None,
               fields: Mapping[str, str] | None = None, name: str = "") -> TablePlan:
    """The plan for ``ecodesk import NODES FILE [--edges EDGES] [--map …]``: the tables found in
    the files (a workbook's node and edge sheets, or one table known by its columns) with the
    guessed mapping and ``fields`` laid over it; FormatError when no table is recognised or a
    --map piece fits none."""
    p = Path(path)
    fields = dict(fields or {})
    if edges_path is not None:
        nodes = find_tables(p)[0] or read_table(p)
        edges = find_tables(edges_path)[1] or read_table(edges_path)
    else:
        nodes, edges = find_tables(p)
        if nodes is None and edges is None:
            table = read_table(p)
            if fields and table.header:
                wants_edges = bool({"source", "target"} & set(fields))
                nodes, edges = (None, table) if wants_edges else (table, None)
            else:
                raise FormatError(p.name, [problem(table.label if table.header else p.name, (
                    "no column is recognised as a node id or name (id/Id/key/编号, label/name/名称) or as an edge's "
                    "source and target (source/target, from/to, 源/目标, 起点/终点); rename the columns or use --map "
                    "FIELD=COLUMN") if table.header else "holds no table", (
                    "没有可识别为节点编号或名称（id/Id/key/编号、label/name/名称）或边的起点和终点（source/target、"
                    "from/to、源/目标、起点/终点）的列；请修改列名或使用 --map 字段=列名") if table.header else "没有表格")])
    tables = [(t, k) for t, k in ((nodes, "nodes"), (edges, "edges")) if t is not None]
    bad = map_problems(fields, tables)
    if bad:
        raise FormatError("--map", bad)
    return make_plan(nodes, edges, fields, name or p.stem)


def import_table_file(path: str | os.PathLike[str]) -> Project:
    """A project from one foreign table file (CSV, or a workbook's node/edge sheets), guessed mapping."""
    return import_tables(plan_files(path))


# --- plans ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TablePlan:
    """What to import: the tables and the role of each of their columns."""

    nodes: TableSource | None
    edges: TableSource | None
    node_map: Mapping[str, str] = field(default_factory=dict)
    edge_map: Mapping[str, str] = field(default_factory=dict)
    name: str = ""  # project name (default: the file's stem)


@dataclass(frozen=True)
class PlanCheck:
    """The dry run of a plan: problems (one sentence each) and what would be made."""

    problems: tuple[str, ...]
    counts: Mapping[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems


def make_plan(nodes: TableSource | None, edges: TableSource | None, fields: Mapping[str, str] | None = None,
              name: str = "") -> TablePlan:
    """A plan with the guessed mappings, ``fields`` (from --map) laid over them."""
    fields = fields or {}
    node_map = apply_map(guess_mapping(nodes.header, "nodes"), nodes.header, "nodes", fields) if nodes else {}
    edge_map = apply_map(guess_mapping(edges.header, "edges"), edges.header, "edges", fields) if edges else {}
    return TablePlan(nodes, edges, node_map, edge_map, name)


def check_plan(plan: TablePlan, lang: str = "en") -> PlanCheck:
    """What :func:`import_tables` would do with ``plan``, or the problems it would refuse it for."""
    try:
        _, counts = _build(plan)
    except FormatError as exc:
        return PlanCheck(tuple(exc.sentences(lang)), {})
    return PlanCheck((), counts)


def import_tables(plan: TablePlan) -> Project:
    """A project from the tables of ``plan``; FormatError listing every problem (nothing made)."""
    return _build(plan)[0]


def _default_name(plan: TablePlan) -> str:
    if plan.name.strip():
        return plan.name.strip()
    table = plan.nodes or plan.edges
    return Path(table.path).stem if table is not None else "Untitled"


@dataclass
class _Staged:
    """Rows of one table read under its mapping."""

    label: str
    items: list[tuple[Place, dict[str, str], list[str]]] = field(default_factory=list)  # place, role → text, notes
    columns: dict[str, str] = field(default_factory=dict)  # role → column name


def _stage(table: TableSource, mapping: Mapping[str, str], roles: tuple[str, ...],
           problems: list[Problem]) -> _Staged:
    staged = _Staged(table.label)
    bad = [(c, r) for c, r in mapping.items() if r not in roles]
    for c, r in bad:
        problems.append(problem(table.label, f"column '{c}': '{r}' is not a role of this table (known: "
                                             f"{', '.join(roles)})", f"列 '{c}'：'{r}' 不是此表可用的角色"))
    use: list[tuple[int, str, str]] = []  # index, column, role
    seen: dict[str, str] = {}
    for i, column in enumerate(table.header):
        role = mapping.get(column, "note" if column.strip() else "skip")
        if role not in SHARED_ROLES and role in seen:
            problems.append(problem(table.label, f"the columns '{seen[role]}' and '{column}' are both mapped to "
                                                 f"'{role}'", f"列 '{seen[role]}' 和 '{column}' 都对应 '{role}'"))
            continue
        seen[role] = column
        if role != "skip":
            use.append((i, column, role))
    staged.columns = {r: c for _, c, r in use if r not in SHARED_ROLES}
    before = len(problems)
    for index, row in enumerate(table.rows):
        n = table.row_number(index)
        if len(problems) - before >= MAX_PROBLEMS:
            problems.append(problem(table.label, f"reading stopped after {MAX_PROBLEMS} problems in this table "
                                                 f"(row {n})", f"此表已有 {MAX_PROBLEMS} 个问题，在第 {n} 行停止读取"))
            break
        if not any(c.strip() for c in row):
            continue
        values: dict[str, str] = {}
        notes: list[str] = []
        for i, column, role in use:
            text = row[i].strip() if i < len(row) else ""
            if not text:
                continue
            if role == "note":
                notes.append(f"{column or f'column {i + 1}'}: {text}")
            else:
                values[role] = text
        staged.items.append((Place(table.label, f"row {n}", f"第 {n} 行"), values, notes))
    return staged


def _cell_place(place: Place, column: str) -> Place:
    return Place(place.source, f"{place.en}, column '{column}'", f"{place.zh}，列 '{column}'")


def _numbers(values: dict[str, str], place: Place, columns: Mapping[str, str], problems: list[Problem]) -> None:
    """Mapped number cells as floats, or one problem per cell that is no number in range."""
    for role, (low, high) in _NUMBERS.items():
        if role not in values:
            continue
        text = values[role]
        cell = _cell_place(place, columns.get(role, role))
        try:
            value = parse_number(text, role)
        except CellError as exc:
            problems.append(cell.problem(exc.en, exc.zh))
            continue
        if not low <= value <= high:
            span = "between 0 and 1" if high == 1.0 else "0 or more"
            span_zh = "在 0 到 1 之间" if high == 1.0 else "不小于 0"
            problems.append(cell.problem(f"{text!r}: {role} must be {span}", f"{text!r}：{role} 必须{span_zh}"))
            continue
        values[role] = value  # type: ignore[assignment]


def _build(plan: TablePlan) -> tuple[Project, dict[str, int]]:
    problems: list[Problem] = []
    if plan.nodes is None and plan.edges is None:
        raise FormatError("", ["There is no table to import."])
    nodes = _stage(plan.nodes, plan.node_map, NODE_ROLES, problems) if plan.nodes is not None else None
    edges = _stage(plan.edges, plan.edge_map, EDGE_ROLES, problems) if plan.edges is not None else None
    if nodes is not None and not {"id", "name"} & set(nodes.columns):
        problems.append(problem(nodes.label, "no column is the node id or name (id/Id/key/编号, label/name/名称); "
                                             "choose one", "没有作为节点编号或名称的列（id/Id/key/编号、label/name/名称）；"
                                                           "请指定一列"))
    cyto = None
    if edges is not None and not {"source", "target"} <= set(edges.columns):
        cyto = _cytoscape(plan.edges.header) if plan.edges is not None else None
        if cyto is None or {"source", "target"} & set(edges.columns):
            missing = [r for r in ("source", "target") if r not in edges.columns]
            problems.append(problem(edges.label, f"no column is the edge's {' or '.join(missing)} (source/from/源/起点, "
                                                 "target/to/目标/终点); choose one",
                                    f"没有作为边的{'和'.join('起点' if m == 'source' else '终点' for m in missing)}的列"
                                    "（source/from/源/起点、target/to/目标/终点）；请指定一列"))
    if problems:
        raise FormatError(_default_name(plan), problems)
    graph = ForeignGraph(_default_name(plan))
    extra: dict[Place, list[str]] = {}
    direct: dict[Place, dict[str, Any]] = {}
    by_id: dict[str, str] = {}
    by_name: dict[str, list[str]] = {}
    if nodes is not None:
        for place, values, notes in nodes.items:
            _numbers(values, place, nodes.columns, problems)
            node_id = values.pop("id", "") or values.get("name", "")
            if not node_id:
                problems.append(place.problem("it has neither an id nor a name", "既没有编号也没有名称"))
                continue
            if "name" not in values and "id" in nodes.columns and "name" not in nodes.columns:
                values["name"] = node_id
            x, y = values.pop("x", None), values.pop("y", None)
            graph.nodes.append(ForeignNode(node_id, dict(values), place, x, y))  # type: ignore[arg-type]
            extra[place] = notes
            by_id.setdefault(node_id, node_id)
            if values.get("name"):
                by_name.setdefault(values["name"].casefold(), []).append(node_id)
    self_loops = undirected = 0
    made_from_ends: dict[str, Place] = {}
    if edges is not None:
        for place, values, notes in edges.items:
            _numbers(values, place, edges.columns, problems)
            if cyto is not None and "source" not in values:
                ends = _split_cytoscape(values, place, cyto, problems, notes)
                if ends is None:
                    continue
                values["source"], values["target"] = ends
            direction, notes = _direction(values, notes, edges.columns)
            for end in ("source", "target"):
                if not values.get(end):
                    problems.append(_cell_place(place, edges.columns.get(end, end)).problem(
                        f"the edge's {end} is empty", f"边的{'起点' if end == 'source' else '终点'}为空"))
            if not (values.get("source") and values.get("target")):
                continue
            source, target = str(values.pop("source")), str(values.pop("target"))
            if nodes is not None:
                resolved = []
                for end, text in (("source", source), ("target", target)):
                    found = _resolve(text, by_id, by_name)
                    if found is None and len(set(by_name.get(text.casefold(), []))) > 1:
                        problems.append(_cell_place(place, edges.columns.get(end, end)).problem(
                            f"'{text}' is the name of several nodes in {nodes.label}; use the node's id",
                            f"'{text}' 是 {nodes.label} 中多个节点的名称；请使用节点编号"))
                    elif found is None:
                        near = difflib.get_close_matches(text, list(by_id), n=1, cutoff=0.75)
                        hint_en = f" (did you mean '{near[0]}'?)" if near else ""
                        hint_zh = f"（是否应为 '{near[0]}'？）" if near else ""
                        problems.append(_cell_place(place, edges.columns.get(end, end)).problem(
                            f"'{text}' is neither the id nor the name of a node in {nodes.label}{hint_en}",
                            f"'{text}' 既不是 {nodes.label} 中节点的编号也不是其名称{hint_zh}"))
                    resolved.append(found)
                if None in resolved:
                    continue
                source, target = resolved  # type: ignore[assignment]
            else:
                for end in (source, target):
                    if end not in made_from_ends:
                        made_from_ends[end] = place
            if source == target:
                self_loops += 1
            undirected += direction == "undirected"
            edge_id = values.pop("id", None)
            if "standalone_cost" in values:  # a flow field the graph rules do not know
                direct[place] = {"standalone_cost": values.pop("standalone_cost")}
            graph.edges.append(ForeignEdge(edge_id, source, target, dict(values), place,
                                           directed=direction == "", direction_note=direction))  # type: ignore[arg-type]
            extra[place] = notes
    if nodes is None:
        for end, place in made_from_ends.items():
            graph.nodes.append(ForeignNode(end, {"name": end}, Place(place.source, f"{place.en} (an end)",
                                                                         f"{place.zh}（端点）")))
    if problems:
        raise FormatError(graph.name, problems)
    rows = graph_rows(graph, problems)
    if problems:
        raise FormatError(graph.name, problems)
    for table_rows in rows.values():
        for row in table_rows:
            _add_notes(row, extra.get(row.place, ()))
            row.data.update(direct.get(row.place, {}))
    scenario = build_scenario("Base", rows, problems)
    if problems or scenario is None:
        raise FormatError(graph.name, problems)
    project = Project(graph.name)
    project.add_scenario(scenario)
    counts = {"entities": len(scenario.entities), "flows": len(scenario.flows),
              "ecosystems": len(scenario.ecosystems), "skipped_self_loops": self_loops,
              "entities_from_edges": len(made_from_ends) if nodes is None else 0, "undirected": undirected}
    remarks = getattr(project, "import_remarks", None)
    if remarks is not None:
        remarks.extend(_remarks(plan, counts))
    return project, counts


def _resolve(text: str, by_id: Mapping[str, str], by_name: Mapping[str, list[str]]) -> str | None:
    if text in by_id:
        return text
    named = list(dict.fromkeys(by_name.get(text.casefold(), [])))
    return named[0] if len(named) == 1 else None


_CYTO = re.compile(r"(.+?) \((.*)\) (.+)")


def _split_cytoscape(values: dict[str, str], place: Place, column: str, problems: list[Problem],
                     notes: list[str]) -> tuple[str, str] | None:
    text = str(values.get("label", "")) if column and _norm(column) == "name" else ""
    found = next((n.split(": ", 1)[1] for n in notes if n.startswith(f"{column}: ")), text)
    m = _CYTO.fullmatch(found or "")
    if m is None:
        problems.append(_cell_place(place, column).problem(
            f"{found!r} does not read 'source (interaction) target' and the table has no source/target columns",
            f"{found!r} 不是“起点 (关系) 终点”的形式，且此表没有起点/终点列"))
        return None
    if "kind" not in values and m.group(2):
        values["kind"] = m.group(2)
    if values.get("label") == found:  # Cytoscape's edge name is "A (pp) B": no label for the canvas
        del values["label"]
    return m.group(1).strip(), m.group(3).strip()


def _direction(values: dict[str, Any], notes: list[str], columns: Mapping[str, str]) -> tuple[str, list[str]]:
    """The edge's direction note ("" = directed) from a kind that names one (Gephi's Type) or a
    Direction column (Kumu); those cells are not kept as kind or note."""
    direction = ""
    kind = values.get("kind")
    if isinstance(kind, str) and _norm(kind) in _DIRECTIONS:
        direction = _DIRECTIONS[_norm(kind)]
        del values["kind"]
    kept = []
    for note in notes:
        column, _, text = note.partition(": ")
        if _norm(column) in _DIRECTION_COLUMNS and _norm(text) in _DIRECTIONS:
            direction = direction or _DIRECTIONS[_norm(text)]
        else:
            kept.append(note)
    return direction, kept


def _add_notes(row: Row, lines: Iterable[str]) -> None:
    lines = list(lines)
    if not lines:
        return
    text = row.data.get("notes", "")
    row.data["notes"] = "\n".join(x for x in (text, *lines) if x)


def _remarks(plan: TablePlan, counts: Mapping[str, int]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if counts["entities_from_edges"]:
        label = plan.edges.label if plan.edges is not None else ""
        out.append((f"{label} has no node table: its {counts['entities_from_edges']} entities were made from the "
                    "edges' ends.", f"{label} 没有节点表：{counts['entities_from_edges']} 个主体由边的端点生成。"))
    if counts["skipped_self_loops"]:
        n = counts["skipped_self_loops"]
        out.append((f"{n} edge(s) from an entity to itself were left out (noted on the entity).",
                    f"{n} 条从主体指向自身的边未导入（已记入该主体的备注）。"))
    if counts["undirected"]:
        n = counts["undirected"]
        out.append((f"{n} edge(s) are undirected: each became one flow from source to target (noted on the flow).",
                    f"{n} 条边是无向的：每条按“起点 → 终点”导入为一条流（已记入流的备注）。"))
    return out


__all__ = [
    "EDGE_ROLES", "EDGE_WORDS", "NODE_ROLES", "NODE_WORDS", "PlanCheck", "TablePlan", "TableSource", "apply_map",
    "check_plan", "find_tables", "guess_mapping", "header_key", "import_table_file", "import_tables", "make_plan", "map_problems",
    "parse_map_option", "plan_files", "read_table", "table_kind",
]
