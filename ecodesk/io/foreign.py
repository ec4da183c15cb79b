"""I/O layer: turn a graph written by another tool (networkx, Gephi, yEd, igraph, Kumu) into
scenario rows, keeping every attribute we do not understand in ``notes``.

Rules (shared by GraphML, GEXF, GML and Kumu imports):

* node id → entity id (trimmed, made unique); ``label``/``name``/``title`` → name;
  ``kind``/``type``/``element type`` → entity kind when it names one (value, English or
  Chinese label, or a common synonym such as 'Person' → user), else ``other``;
  ``industry``, ``demand``, ``risk``, ``revenue``, ``x``, ``y`` when they hold valid values;
  ``ecosystems`` → ecosystems (created as needed); ``notes``/``description`` → notes.
* edge → one flow (multi-edges kept; undirected edges become one flow source → target and
  say so in notes); ``kind``/``type``/``connection type`` → flow kind when it names one, else
  ``goods``; numeric ``volume`` or ``weight`` → volume; ``unit_value``, ``risk`` when valid.
* everything else becomes a ``key: value`` line in the object's notes, so nothing is lost;
  an edge from a node to itself (a flow cannot be) is noted on that node.
* an edge to a node that does not exist is a problem naming the edge: nothing is imported.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ecodesk.io.errors import Problem
from ecodesk.io.tabular import (
    CellError,
    Place,
    Row,
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


def _pop(attrs: dict[str, Any], keys: Iterable[str]) -> tuple[str, Any] | None:
    """The first of ``keys`` present (case-insensitive) with a non-empty value, removed."""
    lowered = {k.casefold().strip(): k for k in attrs}
    for key in keys:
        real = lowered.get(key)
        if real is not None and attrs[real] not in (None, ""):
            return real, attrs.pop(real)
    return None


def graph_rows(graph: ForeignGraph, problems: list[Problem]) -> dict[str, list[Row]]:
    """Scenario rows from a foreign graph; appends a problem per edge with a missing end."""
    taken: set[str] = set()
    ids: dict[str, str] = {}  # foreign node id -> entity id
    entity_rows: list[Row] = []
    notes_of: dict[str, _Notes] = {}
    ecosystems: dict[str, Place] = {}  # ecosystem name -> where first named
    for n, node in enumerate(graph.nodes, 1):
        if node.id in ids:
            problems.append(node.place.problem("this node id is used twice", "该节点 id 重复"))
            continue
        eid = unique_id(node.id, taken, f"n{n}")
        ids[node.id] = eid
        data, notes = _entity(node, ecosystems)
        if eid != node.id:
            notes.head.append(f"id in file: {node.id}")
        notes_of[eid] = notes
        entity_rows.append(Row(node.place, data))
        data["id"] = eid
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
        data = _flow(edge)
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
    return {"ecosystems": eco_rows, "entities": entity_rows, "flows": flow_rows}


def _entity(node: ForeignNode, ecosystems: dict[str, Place]) -> tuple[dict[str, Any], _Notes]:
    attrs = dict(node.attrs)
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


def _flow(edge: ForeignEdge) -> dict[str, Any]:
    attrs = dict(edge.attrs)
    data: dict[str, Any] = {}
    notes = _Notes()
    if edge.direction_note:
        notes.add("direction", edge.direction_note)
    elif not edge.directed:
        notes.add("direction", "undirected")
    kind = _pop(attrs, _FLOW_KIND_KEYS)
    if kind is not None:
        member = flow_kind(kind[1])
        data["kind"] = (member or FlowKind.GOODS).value
        if member is None or match_enum(FlowKind, kind[1]) is None:
            notes.add(kind[0], kind[1])
    _take_notes(attrs, notes)
    for key, names, high in (("volume", ("volume", "weight"), math.inf), ("unit_value", ("unit_value",), math.inf),
                             ("risk", ("risk",), 1.0)):
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


def _self_loop_note(edge: ForeignEdge) -> str:
    extra = ", ".join(f"{k}: {note_value(v)}" for k, v in edge.attrs.items() if v not in (None, ""))
    name = f" {edge.id}" if edge.id else ""
    return f"connection to itself{name}" + (f" ({extra})" if extra else "")
