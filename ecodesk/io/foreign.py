"""I/O layer: turn a graph written by another tool (networkx, Gephi, yEd, igraph, Kumu) into
scenario rows, keeping every attribute we do not understand in ``notes``.

Rules (shared by GraphML, GEXF, GML and Kumu imports):

* node id → entity id (trimmed, made unique); ``label``/``name``/``title`` → name;
  ``kind``/``type``/``element type`` → entity kind when it names one (value, English or
  Chinese label, or a common synonym such as 'Person' → user), else ``other``;
  ``industry``, ``demand``, ``risk``, ``revenue``, ``x``, ``y`` when they hold valid values;
  ``ecosystems`` → ecosystems (created as needed); ``notes``/``description`` → notes.
* a colour (``color``/``colour`` or the tool's fill) → the entity's ``color`` as ``#rrggbb``
  when it can be read (``#abc``, ``#rrggbb``, ``#rrggbbaa``, ``rgb(…)``), else kept in notes.
* edge → one flow (multi-edges kept; undirected edges become one flow source → target and
  say so in notes with the line :data:`UNDIRECTED_NOTE`, which the resilience analysis
  looks for); ``label``/``name``/``title`` → the flow's label;
  ``kind``/``type``/``connection type`` → flow kind when it names one, else
  ``goods`` (``capability`` when the edge names a capability the file carries);
  numeric ``volume`` or ``weight`` → volume; ``unit_value``, ``risk`` when valid.
* capabilities and needs carried on a node (``ecodesk capabilities``/``ecodesk needs``: JSON
  lists, as the Kumu export writes them) become the scenario's capabilities and needs.
* everything else becomes a ``key: value`` line in the object's notes, so nothing is lost;
  an edge from a node to itself (a flow cannot be) is noted on that node.
* an edge to a node that does not exist is a problem naming the edge: nothing is imported.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ecodesk.analysis.resilience import UNDIRECTED_NOTE
from ecodesk.io.errors import Problem
from ecodesk.io.tabular import (
    CellError,
    Place,
    Row,
    json_loads,
    match_enum,
    note_value,
    parse_list,
    parse_number,
    unique_id,
)
from ecodesk.model.kinds import EntityKind, FlowKind, LabelledEnum


@dataclass
class ForeignNode:
    id: str
    attrs: dict[str, Any]
    place: Place
    x: float | None = None
    y: float | None = None
    color: str | None = None  # the tool's fill colour as written (normalised on import)


@dataclass
class ForeignEdge:
    id: str | None
    source: str
    target: str
    attrs: dict[str, Any]
    place: Place
    directed: bool = True
    direction_note: str = ""  # e.g. 'undirected', 'mutual'


@dataclass
class ForeignGraph:
    name: str
    nodes: list[ForeignNode] = field(default_factory=list)
    edges: list[ForeignEdge] = field(default_factory=list)
    unweighted: int = 0  # edges that got a format's default weight (GEXF: 1.0)


_ENTITY_SYNONYMS = {
    EntityKind.PLATFORM: "platform hub marketplace 平台 平台企业 生态枢纽 枢纽",
    EntityKind.SUPPLIER: "supplier vendor manufacturer producer 供应商 供货商 制造商 生产商 厂商",
    EntityKind.CHANNEL: "channel distributor dealer retailer reseller wholesaler 渠道 渠道商 经销商 分销商 零售商",
    EntityKind.SERVICE: "service service_provider provider 服务商 服务提供商 服务",
    EntityKind.USER: "user users person people customer customers consumer consumers client individual end_user "
                     "用户 终端用户 客户 客群 消费者 个人",
    EntityKind.PARTNER: "partner ally alliance 伙伴 跨界伙伴 合作伙伴 合作方",
    EntityKind.RESEARCH: "research university institute laboratory lab academia 科研机构 研究机构 大学 高校 实验室",
    EntityKind.OTHER: "other organization organisation company firm 其他 组织 公司 企业",
}
_FLOW_SYNONYMS = {
    FlowKind.GOODS: "goods product products material materials supply 商品 产品 货物",
    FlowKind.LOGISTICS: "logistics delivery transport shipping 物流 配送 运输",
    FlowKind.DATA: "data information info 数据 信息",
    FlowKind.TRAFFIC: "traffic referral referrals customers 流量 客流 引流",
    FlowKind.MONEY: "money payment payments funding funds cash 资金 支付 付款 资金流",
    FlowKind.CREDIT: "credit finance financing loan loans 金融 信贷 贷款 融资",
}


def _synonyms(table: Mapping[Any, str]) -> dict[str, LabelledEnum]:
    out: dict[str, LabelledEnum] = {}
    for member, words in table.items():
        for w in words.split():
            out[w.replace("_", " ")] = member
        for label in (member.en, member.zh):
            for part in str(label).replace("／", "/").split("/"):
                out.setdefault(part.strip().casefold(), member)
    return out


_ENTITY_WORDS = _synonyms(_ENTITY_SYNONYMS)
_FLOW_WORDS = _synonyms(_FLOW_SYNONYMS)


def entity_kind(text: Any) -> EntityKind | None:
    if not isinstance(text, str):
        return None
    member = match_enum(EntityKind, text)
    return member or _ENTITY_WORDS.get(" ".join(text.replace("_", " ").split()).casefold())  # type: ignore[return-value]


def flow_kind(text: Any) -> FlowKind | None:
    """A flow kind named by ``text``; never 'capability' (that needs a capability object)."""
    if not isinstance(text, str):
        return None
    member = match_enum(FlowKind, text) or _FLOW_WORDS.get(" ".join(text.replace("_", " ").split()).casefold())
    return None if member is FlowKind.CAPABILITY else member  # type: ignore[return-value]


_NAME_KEYS = ("label", "name", "title")
_ENTITY_KIND_KEYS = ("kind", "type", "element type", "element_type")
_FLOW_KIND_KEYS = ("kind", "type", "connection type", "connection_type")
_NOTE_KEYS = ("notes", "description")
_COLOR_KEYS = ("color", "colour", "fill")
#: Capabilities and needs an export carried on a node (JSON lists; the owner/entity is the node).
CAPABILITIES_KEY, NEEDS_KEY = "ecodesk capabilities", "ecodesk needs"


_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_RGB = re.compile(r"rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[0-9.]+%?\s*)?\)", re.I)


#: The basic CSS colour names (yFiles for HTML writes e.g. ``fill="ORANGE"``; networkx users ``red``).
_NAMED = {"black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
          "yellow": "#ffff00", "orange": "#ffa500", "purple": "#800080", "gray": "#808080", "grey": "#808080",
          "silver": "#c0c0c0", "maroon": "#800000", "olive": "#808000", "lime": "#00ff00", "aqua": "#00ffff",
          "teal": "#008080", "navy": "#000080", "fuchsia": "#ff00ff", "darkorange": "#ff8c00",
          "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9",
          "pink": "#ffc0cb", "brown": "#a52a2a", "cyan": "#00ffff", "magenta": "#ff00ff", "gold": "#ffd700"}


def normalise_color(value: Any, alpha_first: bool = False) -> str | None:
    """``#rrggbb`` (lower case) from ``#abc``, ``#rrggbb``, ``#rrggbbaa`` (yEd; ``#aarrggbb``
    when ``alpha_first``, as yFiles for HTML writes), ``rgb(r, g, b)``/``rgba(…)``; the alpha is
    dropped; the basic CSS colour names. None when the text is no colour of these forms."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = _HEX.fullmatch(text)
    if m and (text.startswith("#") or len(text) in (6, 8)):
        digits = m.group(1).lower()
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        elif len(digits) == 8:
            digits = digits[2:] if alpha_first else digits[:6]
        return f"#{digits}"
    if text.casefold() in _NAMED:
        return _NAMED[text.casefold()]
    m = _RGB.fullmatch(text)
    if m and all(int(g) <= 255 for g in m.groups()):
        return "#" + "".join(f"{int(g):02x}" for g in m.groups())
    return None


def _number(value: Any, low: float = 0.0, high: float = math.inf, field: str = "") -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            v = float(value)
        except OverflowError:  # an integer no float can hold
            return None
    elif isinstance(value, str):
        try:
            v = parse_number(value, field)  # "1万" is 10,000 where the field takes money or quantities
        except CellError:
            return None
    else:
        return None
    return v if math.isfinite(v) and low <= v <= high else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


class _Notes:
    def __init__(self) -> None:
        self.head: list[str] = []
        self.lines: list[str] = []

    def add(self, key: str, value: Any) -> None:
        if value is None or value == "" or value == [] or value == {}:
            return
        self.lines.append(f"{key}: {note_value(value)}")

    def text(self) -> str:
        return "\n".join(self.head + self.lines)


class _Attrs(dict[str, Any]):
    """An object's attributes with their keys case-folded once (a big file pops many)."""

    def __init__(self, src: Mapping[str, Any]) -> None:
        super().__init__(src)
        self.lowered: dict[str, list[str]] = {}
        for k in self:
            self.lowered.setdefault(k.casefold().strip(), []).append(k)


def _lowered(attrs: dict[str, Any]) -> dict[str, list[str]]:
    if isinstance(attrs, _Attrs):
        return attrs.lowered
    out: dict[str, list[str]] = {}
    for k in attrs:
        out.setdefault(k.casefold().strip(), []).append(k)
    return out


def _pop(attrs: dict[str, Any], keys: Iterable[str]) -> tuple[str, Any] | None:
    """The first of ``keys`` present (case-insensitive) with a non-empty value, removed."""
    lowered = _lowered(attrs)
    for key in keys:
        for real in lowered.get(key, ()):
            if attrs[real] not in (None, ""):
                lowered[key].remove(real)
                return real, attrs.pop(real)
    return None


def graph_rows(graph: ForeignGraph, problems: list[Problem]) -> dict[str, list[Row]]:
    """Scenario rows from a foreign graph; appends a problem per edge with a missing end."""
    taken: set[str] = set()
    ids: dict[str, str] = {}  # foreign node id -> entity id
    entity_rows: list[Row] = []
    notes_of: dict[str, _Notes] = {}
    ecosystems: dict[str, Place] = {}  # ecosystem name -> where first named
    carried: list[tuple[str, str, Place, Any]] = []  # (collection, entity id, place, JSON text)
    for n, node in enumerate(graph.nodes, 1):
        if node.id in ids:
            problems.append(node.place.problem("this node id is used twice", "该节点 id 重复"))
            continue
        eid = unique_id(node.id, taken, f"n{n}")
        ids[node.id] = eid
        attrs = _Attrs(node.attrs)
        for cname, key in (("capabilities", CAPABILITIES_KEY), ("needs", NEEDS_KEY)):
            found = _pop(attrs, (key,))
            if found is not None:
                carried.append((cname, eid, node.place, found[1]))
        data, notes = _entity(ForeignNode(node.id, attrs, node.place, node.x, node.y, node.color), ecosystems)
        if eid != node.id:
            notes.head.append(f"id in file: {node.id}")
        notes_of[eid] = notes
        entity_rows.append(Row(node.place, data))
        data["id"] = eid
    extra = _carried_rows(carried, taken, problems)
    cap_ids = {row.data.get("\0wanted"): row.data["id"] for row in extra.get("capabilities", [])}
    for row in extra.get("capabilities", []):
        row.data.pop("\0wanted", None)
    flow_rows: list[Row] = []
    flow_ids: list[tuple[ForeignEdge, dict[str, Any]]] = []
    for edge in graph.edges:
        ends = []
        for end, label_en, label_zh in ((edge.source, "source", "起点"), (edge.target, "target", "终点")):
            if end not in ids:
                problems.append(edge.place.problem(f"its {label_en} '{end}' is not a node of the graph",
                                                   f"其{label_zh} '{end}' 不是图中的节点"))
            ends.append(ids.get(end))
        if None in ends:
            continue
        if ends[0] == ends[1]:
            notes_of[ends[0]].lines.append(_self_loop_note(edge))  # type: ignore[index]
            continue
        data = _flow(edge, cap_ids)
        data["source"], data["target"] = ends
        flow_ids.append((edge, data))
    n = 0
    for edge, data in flow_ids:  # after all entities, so flow ids never take an entity's id
        n += 1
        wanted = (edge.id or "").strip()
        fid = unique_id(wanted, taken, f"flow{n}") if wanted and wanted not in taken else unique_id(
            f"flow{n}", taken, f"flow{n}")
        if wanted and fid != wanted:
            data["notes"] = "\n".join(x for x in (f"id in file: {wanted}", data.get("notes", "")) if x)
        data["id"] = fid
        flow_rows.append(Row(edge.place, data))
    eco_ids = {name: unique_id(name, taken, "ecosystem") for name in ecosystems}  # never an entity's id
    for row in entity_rows:
        text = notes_of[row.data["id"]].text()
        if text:
            row.data["notes"] = text
        if "ecosystems" in row.data:
            row.data["ecosystems"] = [eco_ids[name] for name in row.data["ecosystems"]]
    eco_rows = [Row(place, {"id": eco_ids[name], "name": name}) for name, place in ecosystems.items()]
    return {"ecosystems": eco_rows, "entities": entity_rows, "flows": flow_rows, **extra}


def _carried_rows(carried: list[tuple[str, str, Place, Any]], taken: set[str],
                  problems: list[Problem]) -> dict[str, list[Row]]:
    """Capability and need rows from the JSON lists carried on nodes; the node is the owner."""
    out: dict[str, list[Row]] = {}
    for cname, eid, place, text in carried:
        try:
            items = json_loads(text) if isinstance(text, str) else text
        except ValueError as exc:
            key = CAPABILITIES_KEY if cname == "capabilities" else NEEDS_KEY
            problems.append(place.problem(f"'{key}' is not valid JSON ({exc})", f"'{key}' 不是有效的 JSON（{exc}）"))
            continue
        if not isinstance(items, list):
            items = [items]
        for i, item in enumerate(items):
            where = Place(place.source, f"{place.en}, {cname}[{i}]", f"{place.zh}，{cname}[{i}]")
            if not isinstance(item, Mapping):
                problems.append(where.problem("must be an object", "必须是对象"))
                continue
            data = dict(item)
            if cname == "capabilities":
                wanted = str(data.get("id") or "").strip()
                data["\0wanted"] = wanted
                data["id"] = unique_id(wanted, taken, "capability")
                data["owner"] = eid
            else:
                data["entity"] = eid
            out.setdefault(cname, []).append(Row(where, data))
    for rows in out.values():  # the order of the exporting scenario where the items say it ("index")
        rows.sort(key=lambda r: r.data["index"] if isinstance(r.data.get("index"), int) else len(rows))
        for r in rows:
            r.data.pop("index", None)
    return out


def _entity(node: ForeignNode, ecosystems: dict[str, Place]) -> tuple[dict[str, Any], _Notes]:
    attrs = _Attrs(node.attrs)
    data: dict[str, Any] = {}
    notes = _Notes()
    named = _pop(attrs, _NAME_KEYS)
    if named is not None:
        data["name"] = note_value(named[1])
    kind = _pop(attrs, _ENTITY_KIND_KEYS)
    if kind is not None:
        member = entity_kind(kind[1])
        data["kind"] = (member or EntityKind.OTHER).value
        if not isinstance(kind[1], str) or match_enum(EntityKind, kind[1]) is None:  # keep what a synonym hid
            notes.add(kind[0], kind[1])
    _take_notes(attrs, notes)
    colour = _pop(attrs, _COLOR_KEYS)
    if colour is not None and normalise_color(colour[1]) is not None:
        data["color"] = normalise_color(colour[1])
    elif node.color is not None and normalise_color(node.color) is not None:
        data["color"] = normalise_color(node.color)
    if colour is not None and "color" not in data:
        notes.add(colour[0], colour[1])  # a colour we cannot read stays in notes
    limits = {"demand": (0, math.inf), "risk": (0, 1), "revenue": (0, math.inf),
              "x": (-math.inf, math.inf), "y": (-math.inf, math.inf)}
    for key, (low, high) in limits.items():
        found = _pop(attrs, (key,))
        if found is None:
            continue
        value = _number(found[1], low, high, key)
        if value is None:
            notes.add(found[0], found[1])
        else:
            data[key] = value
    if "x" not in data and node.x is not None:
        data["x"] = node.x
    if "y" not in data and node.y is not None:
        data["y"] = node.y
    industry = _pop(attrs, ("industry",))
    if industry is not None:
        data["industry"] = note_value(industry[1])
    ecos = _pop(attrs, ("ecosystems",))
    if ecos is not None:
        values = ecos[1] if isinstance(ecos[1], list) else _try_list(str(ecos[1]))
        names = [" ".join(str(v).split()) for v in values if str(v).strip()]
        data["ecosystems"] = names
        for name in names:
            ecosystems.setdefault(name, node.place)
    for key, value in attrs.items():
        notes.add(key, value)
    return data, notes


def _take_notes(attrs: dict[str, Any], notes: _Notes) -> None:
    """``notes`` or ``description`` become the notes' first lines (the second one as key: value)."""
    for key in _NOTE_KEYS:
        found = _pop(attrs, (key,))
        if found is not None:
            notes.head.append(note_value(found[1]) if not notes.head else f"{found[0]}: {note_value(found[1])}")


def _try_list(text: str) -> list[str]:
    try:
        return parse_list(text)
    except CellError:
        return [text]


def _flow(edge: ForeignEdge, cap_ids: Mapping[str, str] | None = None) -> dict[str, Any]:
    attrs = _Attrs(edge.attrs)
    data: dict[str, Any] = {}
    notes = _Notes()
    if edge.direction_note:
        notes.add("direction", edge.direction_note)
    elif not edge.directed:
        notes.lines.append(UNDIRECTED_NOTE)
    label = _pop(attrs, _NAME_KEYS)
    if label is not None:
        data["label"] = note_value(label[1]).strip()
    kind = _pop(attrs, _FLOW_KIND_KEYS)
    capability = _capability(attrs, kind, cap_ids or {})
    if capability is not None:
        data["kind"], data["capability"] = FlowKind.CAPABILITY.value, capability
    elif kind is not None:
        member = flow_kind(kind[1])
        data["kind"] = (member or FlowKind.GOODS).value
        if member is None or match_enum(FlowKind, kind[1]) is None:
            notes.add(kind[0], kind[1])
    _take_notes(attrs, notes)
    numbers = [("volume", ("volume", "weight"), math.inf), ("unit_value", ("unit_value",), math.inf),
               ("risk", ("risk",), 1.0)]
    if capability is not None:
        numbers.append(("standalone_cost", ("standalone_cost",), math.inf))
    for key, names, high in numbers:
        found = _pop(attrs, names)
        if found is None:
            continue
        value = _number(found[1], 0.0, high, key)
        if value is None:
            notes.add(found[0], found[1])
        else:
            data[key] = value
    for key, value in attrs.items():
        notes.add(key, value)
    if notes.text():
        data["notes"] = notes.text()
    return data


def _capability(attrs: dict[str, Any], kind: tuple[str, Any] | None, cap_ids: Mapping[str, str]) -> str | None:
    """The capability a 'capability' edge names, when the file carries that capability."""
    if kind is None or not isinstance(kind[1], str) or match_enum(FlowKind, kind[1]) is not FlowKind.CAPABILITY:
        return None
    real = next(iter(_lowered(attrs).get("capability", ())), None)
    wanted = attrs.get(real) if real is not None else None
    if not isinstance(wanted, str) or wanted.strip() not in cap_ids:
        return None
    _pop(attrs, ("capability",))
    return cap_ids[wanted.strip()]


def undirected_remark(where: str, undirected: int, edges: int,
                      noun: tuple[str, str] = ("edges", "边")) -> tuple[str, str] | None:
    """The import remark for a graph whose edges (all or some; Kumu: ``noun`` connections) have
    no direction; None when none."""
    if undirected <= 0:
        return None
    if undirected >= edges:
        one = noun[0][:-1]
        return (f"The graph in {where} is undirected: each {one} became one flow from its first to its second end, "
                "in the file's order; check the directions before reading resilience.",
                f"{where} 中的图是无向图：每条{noun[1]}按文件中的顺序成为一条从第一个端点指向第二个端点的资源流；"
                "阅读韧性分析前请检查方向。")
    return (f"{undirected} of the {edges} {noun[0]} in {where} are undirected: each became one flow from its first to "
            "its second end, in the file's order; check the directions before reading resilience.",
            f"{where} 中 {edges} 条{noun[1]}里有 {undirected} 条是无向的：每条按文件中的顺序成为一条从第一个端点指向第二个"
            "端点的资源流；阅读韧性分析前请检查方向。")


def remark_undirected(project: Any, where: str, graph: ForeignGraph, noun: tuple[str, str] = ("edges", "边")) -> None:
    """Tell the planner (import remarks and the project notes) that edges had no direction."""
    undirected = sum(1 for e in graph.edges if not e.directed and e.direction_note in ("", "undirected"))
    remark = undirected_remark(where, undirected, len(graph.edges), noun)
    if remark is None:
        return
    project.import_remarks.append(remark)
    project.notes = "\n".join(x for x in (project.notes, remark[0]) if x)


def _self_loop_note(edge: ForeignEdge) -> str:
    extra = ", ".join(f"{k}: {note_value(v)}" for k, v in edge.attrs.items() if v not in (None, ""))
    name = f" {edge.id}" if edge.id else ""
    return f"connection to itself{name}" + (f" ({extra})" if extra else "")
