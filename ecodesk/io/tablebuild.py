"""I/O layer: a :class:`~ecodesk.io.foreigntables.TablePlan` made into a project — the cells of
each mapped column read and checked (numbers, ends, ids), the rows handed to the graph
importers' rules (:func:`ecodesk.io.foreign.graph_rows`), unknown columns appended to notes,
and the scenario built all or nothing (:func:`ecodesk.io.tabular.build_scenario`, which also
lays out entities without positions).

Every problem names file, row and column; a table stops being read after MAX_PROBLEMS of
them. Edge ends match a node id, else the one node of that name (case aside); with no node
table, the ends make the entities.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

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


def norm(text: str) -> str:
    """A column name or cell compared loosely: case-folded, ``_`` and ``-`` as spaces, one space."""
    return " ".join(text.replace("\ufeff", "").replace("_", " ").replace("-", " ").casefold().split())


def cytoscape_column(header: Iterable[str]) -> str | None:
    """Cytoscape's default edge table: the column whose "A (interaction) B" gives the ends."""
    names = {norm(h): h for h in header}
    if "interaction" in names or "shared interaction" in names:
        return names.get("shared name") or names.get("name")
    return None


class _Table(Protocol):  # foreigntables.TableSource (not imported: it imports this module)
    @property
    def path(self) -> str: ...

    @property
    def header(self) -> tuple[str, ...]: ...

    @property
    def rows(self) -> tuple[tuple[str, ...], ...]: ...

    @property
    def label(self) -> str: ...

    def row_number(self, index: int) -> int: ...


class _Plan(Protocol):  # foreigntables.TablePlan
    @property
    def nodes(self) -> _Table | None: ...

    @property
    def edges(self) -> _Table | None: ...

    @property
    def node_map(self) -> Mapping[str, str]: ...

    @property
    def edge_map(self) -> Mapping[str, str]: ...

    @property
    def name(self) -> str: ...


MAX_PROBLEMS = 50  # problems collected from one table before reading it stops
#: Number roles and the range their values must lie in.
NUMBERS = {"demand": (0.0, math.inf), "risk": (0.0, 1.0), "revenue": (0.0, math.inf),
           "x": (-math.inf, math.inf), "y": (-math.inf, math.inf), "volume": (0.0, math.inf),
           "unit_value": (0.0, math.inf), "standalone_cost": (0.0, math.inf)}
#: Values of an edge ``kind`` column that give a direction, not a kind (Gephi's ``Type``), and
#: columns holding directions (Kumu's ``Direction``).
DIRECTIONS = {"directed": "", "undirected": "undirected", "mutual": "mutual", "有向": "", "无向": "undirected",
              "双向": "mutual"}
DIRECTION_COLUMNS = {"direction", "directed", "方向"}


@dataclass
class _Item:
    place: Place
    values: dict[str, Any]  # role → cell text (numbers: float once read)
    notes: list[str]  # "column: value" lines of the note columns


@dataclass
class _Staged:
    """The rows of one table read under its mapping."""

    label: str
    columns: dict[str, str] = field(default_factory=dict)  # role → column name
    items: list[_Item] = field(default_factory=list)

    def cell(self, place: Place, role: str) -> Place:
        column = self.columns.get(role, role)
        return Place(place.source, f"{place.en}, column '{column}'", f"{place.zh}，列 '{column}'")


def _stage(table: _Table, mapping: Mapping[str, str], roles: tuple[str, ...],
           problems: list[Problem]) -> _Staged:
    staged = _Staged(table.label)
    for c, r in mapping.items():
        if r not in roles:
            problems.append(problem(table.label, f"column '{c}': '{r}' is not a role of this table (known: "
                                                 f"{', '.join(roles)})", f"列 '{c}'：'{r}' 不是此表可用的角色"))
    use: list[tuple[int, str, str]] = []  # index, column, role
    for i, column in enumerate(table.header):
        role = mapping.get(column, "note")
        if role not in SHARED_ROLES and role in staged.columns:
            problems.append(problem(table.label, f"the columns '{staged.columns[role]}' and '{column}' are both mapped "
                                                 f"to '{role}'", f"列 '{staged.columns[role]}' 和 '{column}' 都对应 "
                                                                 f"'{role}'"))
            continue
        if role not in SHARED_ROLES:
            staged.columns[role] = column
        if role != "skip":
            use.append((i, column, role))
    for index, row in enumerate(table.rows):
        if not any(c.strip() for c in row):
            continue
        n = table.row_number(index)
        item = _Item(Place(table.label, f"row {n}", f"第 {n} 行"), {}, [])
        for i, column, role in use:
            text = row[i].strip() if i < len(row) else ""
            if not text:
                continue
            if role == "note":
                item.notes.append(f"{column or f'column {i + 1}'}: {text}")
            else:
                item.values[role] = text
        # a note column repeating the id, name or label (Cytoscape's "shared name") adds nothing
        same = {v for k, v in item.values.items() if k in ("id", "name", "label")}
        item.notes = [n for n in item.notes if n.split(": ", 1)[1] not in same] if same else item.notes
        staged.items.append(item)
    return staged


class _Builder:
    """The graph of a plan, row by row, with every problem found on the way."""

    def __init__(self, plan: _Plan) -> None:
        self.plan = plan
        self.problems: list[Problem] = []
        self.graph = ForeignGraph(default_name(plan))
        self.notes: dict[Place, list[str]] = {}  # note lines of each row, added after graph_rows
        self.direct: dict[Place, dict[str, Any]] = {}  # fields graph_rows does not know
        self.by_id: dict[str, None] = {}  # in file order
        self.by_name: dict[str, list[str]] = {}
        self.names: list[str] = []  # as written, for "did you mean"
        self.from_ends: dict[str, Place] = {}
        self.self_loops = self.undirected = 0

    # -- checks of whole tables --------------------------------------------------------

    def stage(self) -> tuple[_Staged | None, _Staged | None, str | None]:
        plan, problems = self.plan, self.problems
        nodes = _stage(plan.nodes, plan.node_map, NODE_ROLES, problems) if plan.nodes is not None else None
        edges = _stage(plan.edges, plan.edge_map, EDGE_ROLES, problems) if plan.edges is not None else None
        if nodes is not None and not {"id", "name"} & set(nodes.columns):
            problems.append(problem(nodes.label, "no column is the node id or name (id/Id/key/编号, label/name/名称); "
                                                 "choose one", "没有作为节点编号或名称的列（id/Id/key/编号、"
                                                               "label/name/名称）；请指定一列"))
        cyto = None
        if edges is not None and plan.edges is not None and not {"source", "target"} <= set(edges.columns):
            cyto = cytoscape_column(plan.edges.header)
            if cyto is None or {"source", "target"} & set(edges.columns):
                cyto = None
                missing = [r for r in ("source", "target") if r not in edges.columns]
                problems.append(problem(
                    edges.label, f"no column is the edge's {' or '.join(missing)} (source/from/源/起点, "
                                 "target/to/目标/终点); choose one",
                    f"没有作为边的{'和'.join('起点' if m == 'source' else '终点' for m in missing)}的列"
                    "（source/from/源/起点、target/to/目标/终点）；请指定一列"))
        return nodes, edges, cyto

    def full(self, start: int, table: _Staged, place: Place) -> bool:
        """True (and says so once) when ``table`` has given MAX_PROBLEMS problems since ``start``."""
        if len(self.problems) - start < MAX_PROBLEMS:
            return False
        n = place.en.removeprefix("row ")
        self.problems.append(problem(table.label, f"reading stopped after {MAX_PROBLEMS} problems in this table "
                                                  f"(row {n})", f"此表已有 {MAX_PROBLEMS} 个问题，在第 {n} 行停止读取"))
        return True

    def numbers(self, item: _Item, table: _Staged) -> None:
        """Mapped number cells as floats, or one problem per cell that is no number in range."""
        for role, (low, high) in NUMBERS.items():
            if role not in item.values:
                continue
            text = item.values[role]
            try:
                value = parse_number(text, role)
            except CellError as exc:
                self.problems.append(table.cell(item.place, role).problem(exc.en, exc.zh))
                del item.values[role]
                continue
            if not low <= value <= high:
                span, span_zh = ("between 0 and 1", "在 0 到 1 之间") if high == 1.0 else ("0 or more", "不小于 0")
                self.problems.append(table.cell(item.place, role).problem(f"{text!r}: {role} must be {span}",
                                                                          f"{text!r}：{role} 必须{span_zh}"))
                del item.values[role]
                continue
            item.values[role] = value

    # -- rows --------------------------------------------------------------------------

    def add_nodes(self, nodes: _Staged) -> None:
        start = len(self.problems)
        for item in nodes.items:
            if self.full(start, nodes, item.place):
                break
            self.numbers(item, nodes)
            values = item.values
            node_id = values.pop("id", "") or values.get("name", "")
            if not node_id:
                self.problems.append(item.place.problem("it has neither an id nor a name", "既没有编号也没有名称"))
                continue
            if "name" not in values and "name" not in nodes.columns:
                values["name"] = node_id
            x, y = values.pop("x", None), values.pop("y", None)
            self.graph.nodes.append(ForeignNode(node_id, dict(values), item.place, x, y))
            self.notes[item.place] = item.notes
            self.by_id[node_id] = None
            if values.get("name"):
                self.by_name.setdefault(values["name"].casefold(), []).append(node_id)
                self.names.append(values["name"])

    def add_edges(self, edges: _Staged, nodes: _Staged | None, cyto: str | None) -> None:
        start = len(self.problems)
        for item in edges.items:
            if self.full(start, edges, item.place):
                break
            self.numbers(item, edges)
            values = item.values
            if cyto is not None and not _cytoscape_ends(item, cyto, edges, self.problems):
                continue
            direction = _direction(item)
            for end, zh in (("source", "起点"), ("target", "终点")):
                if not values.get(end):
                    self.problems.append(edges.cell(item.place, end).problem(f"the edge's {end} is empty",
                                                                             f"边的{zh}为空"))
            if not (values.get("source") and values.get("target")):
                continue
            source, target = (self.end(item, end, edges, nodes) for end in ("source", "target"))
            if source is None or target is None:
                continue
            self.self_loops += source == target
            self.undirected += direction == "undirected"
            if "standalone_cost" in values:
                self.direct[item.place] = {"standalone_cost": values.pop("standalone_cost")}
            attrs = {k: v for k, v in values.items() if k not in ("id", "source", "target")}
            self.graph.edges.append(ForeignEdge(values.get("id"), source, target, attrs, item.place,
                                                directed=direction == "", direction_note=direction))
            self.notes[item.place] = item.notes

    def end(self, item: _Item, end: str, edges: _Staged, nodes: _Staged | None) -> str | None:
        """The node id an edge end names, or None after a problem."""
        text = str(item.values[end])
        if nodes is None:
            self.from_ends.setdefault(text, item.place)
            return text
        if text in self.by_id:
            return text
        named = list(dict.fromkeys(self.by_name.get(text.casefold(), [])))
        if len(named) == 1:
            return named[0]
        where = edges.cell(item.place, end)
        if named:
            self.problems.append(where.problem(f"'{text}' is the name of several nodes in {nodes.label}; use the "
                                               "node's id", f"'{text}' 是 {nodes.label} 中多个节点的名称；请使用节点编号"))
            return None
        near = difflib.get_close_matches(text, [*self.by_id, *self.names], n=1, cutoff=0.75)
        hint_en, hint_zh = (f" (did you mean '{near[0]}'?)", f"（是否应为 '{near[0]}'？）") if near else ("", "")
        self.problems.append(where.problem(f"'{text}' is neither the id nor the name of a node in {nodes.label}"
                                           f"{hint_en}", f"'{text}' 既不是 {nodes.label} 中节点的编号也不是其名称"
                                                         f"{hint_zh}"))
        return None

    def nodes_from_ends(self) -> None:
        for end, place in self.from_ends.items():
            self.graph.nodes.append(ForeignNode(end, {"name": end}, place))

    def counts(self, scenario: Any) -> dict[str, int]:
        return {"entities": len(scenario.entities), "flows": len(scenario.flows),
                "ecosystems": len(scenario.ecosystems), "skipped_self_loops": self.self_loops,
                "entities_from_edges": len(self.from_ends), "undirected": self.undirected}


def default_name(plan: _Plan) -> str:
    if plan.name.strip():
        return plan.name.strip()
    table = plan.nodes or plan.edges
    return Path(table.path).stem if table is not None else "Untitled"


def build(plan: _Plan, dry_run: bool = False) -> tuple[Project, dict[str, int]]:
    """The project of ``plan`` and its counts; FormatError listing every problem (nothing made).
    ``dry_run``: only the problems and counts matter, so entities are not laid out (the
    slowest step for 10,000 of them); the project's positions are then meaningless."""
    if plan.nodes is None and plan.edges is None:
        raise FormatError("", [problem("", "there is no table to import", "没有要导入的表")])
    b = _Builder(plan)
    nodes, edges, cyto = b.stage()
    if b.problems:
        raise FormatError(b.graph.name, b.problems)
    if nodes is not None:
        b.add_nodes(nodes)
    if edges is not None:
        b.add_edges(edges, nodes, cyto)
    if nodes is None:
        b.nodes_from_ends()
    if b.problems:
        raise FormatError(b.graph.name, b.problems)
    rows = graph_rows(b.graph, b.problems)
    columns = {"entities": nodes.columns if nodes else {}, "flows": edges.columns if edges else {}}
    for cname, table_rows in rows.items():
        for row in table_rows:
            for role in ("kind", "color"):
                _name_note(row, role, columns.get(cname, {}).get(role))
            _add_notes(row, b.notes.get(row.place, ()))
            row.data.update(b.direct.get(row.place, {}))
    project = Project(b.graph.name)
    if dry_run:
        for row in rows.get("entities", []):
            row.data.setdefault("x", 0.0)
            row.data.setdefault("y", 0.0)
    scenario = build_scenario("Base", rows, b.problems, project.import_remarks, foreign=not dry_run) \
        if not b.problems else None
    if b.problems or scenario is None:
        raise FormatError(b.graph.name, b.problems)
    project.add_scenario(scenario)
    counts = b.counts(scenario)
    project.import_remarks.extend(_remarks(plan, counts))
    return project, counts


_CYTO = re.compile(r"(.+?) \((.*)\) (.+)")


def _cytoscape_ends(item: _Item, column: str, edges: _Staged, problems: list[Problem]) -> bool:
    """Cytoscape's edge table names its ends only in ``shared name``: "A (interaction) B"."""
    values = item.values
    if values.get("source") and values.get("target"):
        return True
    text = next((n.split(": ", 1)[1] for n in item.notes if n.startswith(f"{column}: ")), None)
    if text is None:  # the column is the label, or repeated it (and was left out of the notes)
        text = str(values.get("label", ""))
    m = _CYTO.fullmatch(text)
    if m is None:
        problems.append(Place(item.place.source, f"{item.place.en}, column '{column}'",
                              f"{item.place.zh}，列 '{column}'").problem(
            f"{text!r} does not read 'source (interaction) target' and the table has no source/target columns",
            f"{text!r} 不是“起点 (关系) 终点”的形式，且此表没有起点/终点列"))
        return False
    values.setdefault("kind", m.group(2))
    if values.get("label") == text:  # the edge's name repeats the ends: no label for the canvas
        del values["label"]
    values["source"], values["target"] = m.group(1).strip(), m.group(3).strip()
    return True


def _direction(item: _Item) -> str:
    """The edge's direction note ("" = directed) from a kind that names one (Gephi's Type) or a
    Direction column (Kumu); those cells are then no kind and no note."""
    direction = ""
    kind = item.values.get("kind")
    if isinstance(kind, str) and norm(kind) in DIRECTIONS:
        direction = DIRECTIONS[norm(kind)]
        del item.values["kind"]
    kept = []
    for note in item.notes:
        column, _, text = note.partition(": ")
        if norm(column) in DIRECTION_COLUMNS and norm(text) in DIRECTIONS:
            direction = direction or DIRECTIONS[norm(text)]
        else:
            kept.append(note)
    item.notes = kept
    return direction


def _name_note(row: Row, role: str, column: str | None) -> None:
    """The graph rules note a kind or colour they cannot read as "kind: Bank": name the table's
    column instead ("Type: Bank")."""
    notes = row.data.get("notes", "")
    prefix = f"{role}: "
    if column and column != role and isinstance(notes, str) and prefix in notes:
        lines = notes.split("\n")
        at = next((i for i, line in enumerate(lines) if line.startswith(prefix)), None)
        if at is not None:
            lines[at] = f"{column}: {lines[at][len(prefix):]}"
            row.data["notes"] = "\n".join(lines)


def _add_notes(row: Row, lines: Iterable[str]) -> None:
    lines = list(lines)
    if lines:
        row.data["notes"] = "\n".join(x for x in (row.data.get("notes", ""), *lines) if x)


def _remarks(plan: _Plan, counts: Mapping[str, int]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    n = counts["entities_from_edges"]
    if n:
        label = plan.edges.label if plan.edges is not None else ""
        out.append((f"{label} has no node table: its {n} {'entity was' if n == 1 else 'entities were'} made from the "
                    "edges' ends.", f"{label} 没有节点表：{n} 个主体由边的端点生成。"))
    n = counts["skipped_self_loops"]
    if n:
        out.append((f"{n} {'edge' if n == 1 else 'edges'} from an entity to itself {'was' if n == 1 else 'were'} left "
                    "out (noted on the entity).", f"{n} 条从主体指向自身的边未导入（已记入该主体的备注）。"))
    n = counts["undirected"]
    if n:
        out.append((f"{n} {'edge is' if n == 1 else 'edges are'} undirected: each became one flow from source to "
                    "target (noted on the flow).", f"{n} 条边是无向的：每条按“起点 → 终点”导入为一条流（已记入流的备注）。"))
    return out


__all__ = ["EDGE_ROLES", "MAX_PROBLEMS", "NODE_ROLES", "SHARED_ROLES", "build", "cytoscape_column", "default_name",
           "norm"]
