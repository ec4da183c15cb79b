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

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ecodesk.io.errors import FormatError, Problem
from ecodesk.io.tablebuild import EDGE_ROLES, NODE_ROLES, SHARED_ROLES, build, cytoscape_column, norm
from ecodesk.io.tabular import CellError, parse_number, problem
from ecodesk.model.scenario import Project

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
    "source": "source, from, src, source id, source node, vertex 1, 源, 源节点, 起点, 来源, 出发, 上游, 供方, 提供方",
    "target": "target, to, dst, dest, destination, target id, target node, vertex 2, 目标, 目标节点, 终点, 去向, 下游, "
              "需方, 接收方",
    "kind": "kind, type, connection type, edge type, flow type, interaction, 类型, 关系类型, 流类型, 类别",
    "volume": "volume, weight, strength, amount, quantity, qty, 权重, 数量, 流量, 体量, 数额, 强度",
    "unit_value": "unit value, unit price, price, 单价, 单位价值",
    "risk": "risk, failure risk, 风险, 风险概率",
    "notes": _NOTES,
    "label": "label, name, title, 标签, 名称",
    "capability": "capability, 能力",
    "standalone_cost": "standalone cost, 单独成本, 自建成本",
}
#: Sheet names that say which table a sheet holds.
_NODE_SHEETS = {"nodes", "node", "elements", "vertices", "entities", "actors", "节点", "实体", "主体", "企业", "元素"}
_EDGE_SHEETS = {"edges", "edge", "connections", "links", "relations", "relationships", "flows", "关系", "连接",
                "边", "流向", "连线"}


def _lookup(words: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for role, names in words.items():
        for name in names.split(","):
            out.setdefault(norm(name), role)
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
        from ecodesk.io.xlsxio import sheet_names, sheet_records

        records = sheet_records(p, sheets=None if sheet is None else (sheet,))
        if sheet is not None and sheet not in records:
            names = sheet_names(p)
            raise FormatError(p.name, [problem(p.name, f"has no sheet '{sheet}' (it has: {', '.join(names)})",
                                               f"没有工作表 '{sheet}'（现有：{'、'.join(names)}）")])
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
    if any(norm(h) in _NODE_LOOKUP or norm(h) in _EDGE_LOOKUP for h in header if h):
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
    role is given to its first column only, unknown and repeated ones (and columns without a name)
    become ``note``."""
    _roles(kind)
    lookup = _NODE_LOOKUP if kind == "nodes" else _EDGE_LOOKUP
    out: dict[str, str] = {}
    taken: set[str] = set()
    for column in header:
        if column in out:
            continue
        role = lookup.get(norm(column), "note")  # a column without a name: "column 3: …" in notes
        if role not in SHARED_ROLES and role in taken:
            role = "note"
        taken.add(role)
        out[column] = role
    return out


def table_kind(header: Iterable[str]) -> str | None:
    """"edges" when the header has source- and target-like columns (or is Cytoscape's edge
    table), "nodes" when it has an id- or name-like column, else None."""
    header = list(header)
    edge_roles = set(guess_mapping(header, "edges").values())
    if {"source", "target"} <= edge_roles or cytoscape_column(header) is not None:
        return "edges"
    if {"id", "name"} & set(guess_mapping(header, "nodes").values()):
        return "nodes"
    return None


def header_key(header: Iterable[str], kind: str) -> str:
    """A stable key of a header set (order, case and spacing aside), to remember a mapping by."""
    _roles(kind)
    return kind + ":" + "\t".join(sorted({norm(h) for h in header if h.strip()}))


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
    nodes = next((t for t in tables if norm(t.sheet or "") in _NODE_SHEETS), None)
    edges = next((t for t in tables if norm(t.sheet or "") in _EDGE_SHEETS), None)
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
    nodes: TableSource | None
    edges: TableSource | None
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
        _, counts = build(plan, dry_run=True)
    except FormatError as exc:
        return PlanCheck(tuple(exc.sentences(lang)), {})
    return PlanCheck((), counts)


def import_tables(plan: TablePlan) -> Project:
    """A project from the tables of ``plan``; FormatError listing every problem (nothing made)."""
    return build(plan)[0]


__all__ = [
    "EDGE_ROLES", "EDGE_WORDS", "NODE_ROLES", "NODE_WORDS", "SHARED_ROLES", "PlanCheck", "TablePlan", "TableSource",
    "apply_map", "check_plan", "find_tables", "guess_mapping", "header_key", "import_table_file", "import_tables",
    "make_plan", "map_problems", "parse_map_option", "plan_files", "read_table", "table_kind",
]
