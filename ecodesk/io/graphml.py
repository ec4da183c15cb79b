"""I/O layer: GraphML (and GML import) — entities as nodes, flows as edges.

Export (``--format graphml``): one ``<graph>`` per scenario (only ``--scenario`` when given).
Each node carries every entity field as a typed ``<data>`` (``attr.type`` double/string;
``ecosystems`` as ``;``-joined text, see :mod:`ecodesk.io.tabular`), each edge every flow
field, with edge id = flow id (parallel flows stay parallel edges). ``None`` optionals, empty
texts and the normal size (1) are left out. The rest of the scenario — ``ecosystems``,
``capabilities``, ``needs``, ``pools``, ``annotations`` (the notes on the canvas) — and the
project's metadata with its saved views (on the first graph) ride along as JSON in graph-level
data (``ecodesk_*`` keys), so our own file imports back to the same model. For the eyes of other
tools every node also has a ``label`` and yEd graphics (position, its colour or its kind's, a
box scaled by the entity's size),
every edge its flow label (the ``label`` field, also as a yEd ``y:EdgeLabel``) and ``weight``
(its volume). GraphML wants node ids unique in the
whole document, so the graphs after the first prefix their ids with ``s2:``, ``s3:`` …
(recorded in ``ecodesk_id_prefix`` and removed on import); networkx and most tools read only
the first graph, whose ids are the entity ids.

Import: our own graphs exactly; any other GraphML (networkx, Gephi, yEd, Cytoscape, igraph,
graph-tool) through :mod:`ecodesk.io.foreign`. yEd desktop (``y:ShapeNode``, ``y:GenericNode``,
``y:SVGNode``, group ``y:ProxyAutoBoundsNode``) and yFiles for HTML / yEd Live (``NodeLabels``,
``NodeGeometry``, ``NodeStyle``, ``EdgeLabels`` data with ``y:Label.Text``, ``y:RectD``,
``fill``): a node's name is its first non-empty label (others go to notes as ``label 2: …``),
an edge's first non-empty label is the flow's label, the geometry's centre is the position
(y as is: yEd's y grows downward like the canvas), the fill colour the entity's colour. yEd's
notes (``y:UMLNoteNode``) become notes on the canvas (label text, geometry box, fill), not
entities; lines linking a note to a node are left out and the import remarks say so.
graph-tool's ``_pos`` (``"x, y"``, also as hex floats) is the position. An undirected graph
(``edgedefault="undirected"``, GML without ``directed 1``) is said in the import remarks. ``--format gml`` reads GML (igraph/networkx text) the same
way. XML is parsed only with defusedxml: DTD entities (billion laughs, external entities)
are refused before any expansion.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from ecodesk.io.atomic import atomic_write
from ecodesk.io.errors import FormatError, Problem
from ecodesk.io.foreign import (
    ForeignEdge,
    ForeignGraph,
    ForeignNode,
    graph_rows,
    normalise_color,
    remark_undirected,
)
from ecodesk.io.jsonio import VERSION, _project_meta, project_views, remark_orphan_views, views_from_json
from ecodesk.io.tabular import (
    FIELDS,
    MAX_DIGITS,
    NUMBER,
    Place,
    Row,
    build_scenario,
    format_cell,
    json_loads,
    parse_cells,
    problem,
    unique_id,
)
from ecodesk.model.kinds import EntityKind, FlowKind
from ecodesk.model.scenario import Project, Scenario
from ecodesk.model.views import View

NS = "http://graphml.graphdrawing.org/xmlns"
NS_Y = "http://www.yworks.com/xml/graphml"
#: Graph-level collections carried as JSON.
EXTRA = ("ecosystems", "capabilities", "needs", "pools", "annotations")

#: The canvas colours of each kind (kept equal to ecodesk.ui.canvas.style, which io may not import).
ENTITY_COLORS = {
    EntityKind.PLATFORM: "#3C6FA8", EntityKind.SUPPLIER: "#4E9A47", EntityKind.CHANNEL: "#E8862A",
    EntityKind.SERVICE: "#3E9C96", EntityKind.USER: "#D9534F", EntityKind.PARTNER: "#9A6A94",
    EntityKind.RESEARCH: "#C9A227", EntityKind.OTHER: "#7F8A93",
}
FLOW_COLORS = {
    FlowKind.GOODS: "#2F6DB5", FlowKind.CAPABILITY: "#8E44AD", FlowKind.LOGISTICS: "#8A6B45",
    FlowKind.DATA: "#129CB5", FlowKind.TRAFFIC: "#E07B1A", FlowKind.MONEY: "#2E9D58", FlowKind.CREDIT: "#C0392B",
}
NODE_W, NODE_H = 90.0, 40.0

# --- XML helpers (shared with gexf) ----------------------------------------------------------

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class XmlText:
    """Escapes text for XML, dropping the characters XML 1.0 cannot hold and counting them."""

    def __init__(self) -> None:
        self.dropped: list[str] = []

    def _clean(self, text: str, where: str) -> str:
        if _INVALID_XML.search(text):
            self.dropped.append(where)
            text = _INVALID_XML.sub("", text)
        return text

    def text(self, value: str, where: str = "") -> str:
        t = self._clean(value, where)
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")

    def attr(self, value: str, where: str = "") -> str:
        return (self.text(value, where).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))

    def notices(self) -> list[str]:
        if not self.dropped:
            return []
        places = ", ".join(dict.fromkeys(self.dropped))
        return [f"Removed control characters that XML cannot hold from: {places}."]


#: Deepest element nesting an imported XML file may have (ours and every tool's files use < 10).
MAX_DEPTH = 200


def too_deep(name: str, what: str = "XML") -> Problem:
    return problem(name, f"has more than {MAX_DEPTH} levels of nesting in its {what} (ecodesk reads at most "
                         f"{MAX_DEPTH})", f"{what} 嵌套超过 {MAX_DEPTH} 层（ecodesk 最多读取 {MAX_DEPTH} 层）")


def too_many_digits(name: str, digits: int) -> Problem:
    return problem(name, f"holds a number of {digits} digits (ecodesk reads numbers of at most {MAX_DIGITS} digits)",
                   f"含有一个 {digits} 位的数字（ecodesk 最多读取 {MAX_DIGITS} 位的数字）")


def check_depth(root: Element, name: str) -> None:
    """FormatError when ``root`` nests deeper than MAX_DEPTH (checked without recursion)."""
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise FormatError(name, [too_deep(name)])
        stack.extend((c, depth + 1) for c in el)


def parse_xml(raw: bytes, name: str) -> Element:
    """The root element of ``raw``, parsed safely; FormatError on hostile or broken XML."""
    try:
        root = SafeET.fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
        check_depth(root, name)
        return root
    except defusedxml.DefusedXmlException as exc:
        raise FormatError(name, [problem(
            name, f"declares XML entities or external references ({type(exc).__name__}); ecodesk refuses "
                  "them for safety (they can expand to gigabytes or read other files)",
            f"声明了 XML 实体或外部引用（{type(exc).__name__}）；为安全起见 ecodesk 拒绝读取此类文件")]) from None
    except (LookupError, ValueError) as exc:  # e.g. <?xml encoding="UTF-8inf"?>
        raise FormatError(name, [problem(name, f"is not readable XML ({exc})",
                                         f"不是可读取的 XML（{exc}）")]) from None
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":")[0]
        raise FormatError(name, [problem(name, f"line {line}, column {col + 1}: not well-formed XML ({reason})",
                                         f"第 {line} 行第 {col + 1} 列：XML 格式错误（{reason}）")]) from None


_DIGITS = re.compile(r"\d+")


def digit_count(text: str) -> int:
    """The length of the longest run of digits in ``text``."""
    return max((len(m) for m in _DIGITS.findall(text)), default=0)


def local(tag: Any) -> str:
    """An element's tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(el: Element, name: str) -> Iterator[Element]:
    return (c for c in el if local(c.tag) == name)


#: Largest graph file read (GraphML, GEXF, GML): a 50,000-flow model is under a tenth of it.
MAX_FILE_BYTES = 256 * 1024 * 1024


def read_bytes(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    name = Path(path).name
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise FormatError(name, [problem(
                name, f"is too large (more than {MAX_FILE_BYTES:,} bytes; ecodesk reads graph files of at most that)",
                f"文件过大（超过 {MAX_FILE_BYTES:,} 字节；ecodesk 最多读取这么大的图文件）")])
        return raw, name
    except OSError as exc:
        raise FormatError(name, [f"'{name}' cannot be read: {exc.strerror or exc}."]) from None


def scenario_json(project: Project, s: Scenario, views: list[View] | None = None) -> dict[str, Any]:
    """What a graph cannot show, as JSON: project meta (with ``views``, the saved views this file
    carries) and the non-graph collections."""
    meta = {**project.meta_dict(), "views": [v.to_dict() for v in views or ()]}
    return {"format": "ecodesk", "version": VERSION, "project": meta, "scenario": s.name,
            **{c: [o.to_dict() for o in getattr(s, c)] for c in EXTRA}}


def extra_rows(data: dict[str, Any], source: str, where_en: str, where_zh: str,
               rows: dict[str, list[Row]], problems: list[Problem]) -> None:
    """Rows for the JSON-carried collections of one of our own graphs."""
    for cname in EXTRA:
        items = data.get(cname) or []
        if not isinstance(items, list):
            problems.append(problem(source, f"{where_en}: '{cname}' must be a list", f"{where_zh}：'{cname}' 必须是列表"))
            continue
        rows[cname] = [Row(Place(source, f"{where_en}, {cname}[{i}]", f"{where_zh}，{cname}[{i}]"), item)
                       for i, item in enumerate(items)]


def meta_project(data: dict[str, Any], source: str, problems: list[Problem]) -> Project:
    """The project of our own file's metadata, with the saved views it carries."""
    meta = data.get("project") or {}
    if not isinstance(meta, dict):
        problems.append(problem(source, "'project' must be an object", "'project' 必须是对象"))
        meta = {}
    project = _project_meta(meta, source, problems)
    for view in views_from_json(meta.get("views"), f"'{source}', project", problems):
        project.add_view(view)
    return project


def check_version(data: dict[str, Any], source: str) -> None:
    version = data.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION:
        raise FormatError(source, [problem(
            source, f"was written by a newer ecodesk (format version {version!r}; this one reads up to {VERSION})",
            f"由更新版本的 ecodesk 写入（格式版本 {version!r}；本版本最多读取 {VERSION}）")])


# --- export --------------------------------------------------------------------------------

_GRAPH_KEYS = (("format", "string"), ("version", "int"), ("project", "string"), ("id_prefix", "string"),
               *((c, "string") for c in EXTRA))


def _type(cname: str, fld: str) -> str:
    return "double" if FIELDS[cname][fld] == NUMBER else "string"


def _keys() -> list[str]:
    lines = ['  <key id="g_name" for="graph" attr.name="name" attr.type="string"/>']
    lines += [f'  <key id="g_{k}" for="graph" attr.name="ecodesk_{k}" attr.type="{t}"/>' for k, t in _GRAPH_KEYS]
    lines.append('  <key id="n_graphics" for="node" yfiles.type="nodegraphics"/>')
    lines.append('  <key id="n_label" for="node" attr.name="label" attr.type="string"/>')
    lines += [f'  <key id="n_{f}" for="node" attr.name="{f}" attr.type="{_type("entities", f)}"/>'
              for f in FIELDS["entities"] if f != "id"]
    lines.append('  <key id="e_graphics" for="edge" yfiles.type="edgegraphics"/>')
    lines.append('  <key id="e_weight" for="edge" attr.name="weight" attr.type="double"/>')
    lines += [f'  <key id="e_{f}" for="edge" attr.name="{f}" attr.type="{_type("flows", f)}"/>'
              for f in FIELDS["flows"] if f not in ("id", "source", "target")]
    return lines


def _data(x: XmlText, prefix: str, cname: str, obj: Any, skip: Iterable[str], where: str) -> list[str]:
    out = []
    for fld in FIELDS[cname]:
        if fld in skip:
            continue
        value = getattr(obj, fld)
        if value is None or value == "" or value == () or (fld == "size" and value == 1.0):
            continue
        out.append(f'<data key="{prefix}_{fld}">{x.text(format_cell(cname, fld, value), f"{where} {fld}")}</data>')
    return out


def _graph(x: XmlText, project: Project, s: Scenario, index: int, views: list[View]) -> list[str]:
    prefix = "" if index == 0 else f"s{index + 1}:"
    extra = scenario_json(project, s, views if index == 0 else [])
    lines = [f'  <graph id="scenario{index + 1}" edgedefault="directed">',
             f'    <data key="g_name">{x.text(s.name)}</data>',
             '    <data key="g_format">ecodesk</data>', f'    <data key="g_version">{VERSION}</data>',
             f'    <data key="g_project">{x.text(json.dumps(extra["project"], ensure_ascii=False))}</data>']
    if prefix:
        lines.append(f'    <data key="g_id_prefix">{prefix}</data>')
    for c in EXTRA:
        lines.append(f'    <data key="g_{c}">{x.text(json.dumps(extra[c], ensure_ascii=False), c)}</data>')
    for e in s.entities:
        where = f"entity '{e.id}'"
        color = e.color or ENTITY_COLORS[e.kind]
        w, h = NODE_W * e.size, NODE_H * e.size
        graphics = (f'<data key="n_graphics"><y:ShapeNode><y:Geometry x="{e.x - w / 2!r}" '
                    f'y="{e.y - h / 2!r}" width="{w!r}" height="{h!r}"/>'
                    f'<y:Fill color="{color}" transparent="false"/><y:BorderStyle color="#333333" type="line" '
                    f'width="1.0"/><y:NodeLabel>{x.text(e.label, f"{where} name")}</y:NodeLabel>'
                    '<y:Shape type="roundrectangle"/></y:ShapeNode></data>')
        data = [graphics, f'<data key="n_label">{x.text(e.label, f"{where} name")}</data>',
                *_data(x, "n", "entities", e, ("id",), where)]
        lines.append(f'    <node id="{x.attr(prefix + e.id, where)}">')
        lines += [f"      {d}" for d in data]
        lines.append("    </node>")
    for f in s.flows:
        where = f"flow '{f.id}'"
        label = f'<y:EdgeLabel>{x.text(f.label, f"{where} label")}</y:EdgeLabel>' if f.label else ""
        graphics = (f'<data key="e_graphics"><y:PolyLineEdge><y:LineStyle color="{FLOW_COLORS[f.kind]}" '
                    f'type="line" width="1.5"/><y:Arrows source="none" target="standard"/>{label}</y:PolyLineEdge>'
                    '</data>')
        data = [graphics, f'<data key="e_weight">{format_cell("flows", "volume", f.volume)}</data>',
                *_data(x, "e", "flows", f, ("id", "source", "target"), where)]
        lines.append(f'    <edge id="{x.attr(prefix + f.id, where)}" source="{x.attr(prefix + f.source)}" '
                     f'target="{x.attr(prefix + f.target)}">')
        lines += [f"      {d}" for d in data]
        lines.append("    </edge>")
    lines.append("  </graph>")
    return lines


def graphml_text(project: Project, scenario: str | None = None) -> tuple[str, list[str]]:
    """The GraphML document and notices (e.g. characters XML cannot hold)."""
    x = XmlText()
    scenarios = [project.scenario(scenario)] if scenario is not None else project.scenarios
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<graphml xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="{NS_Y}" '
             f'xsi:schemaLocation="{NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
             *_keys()]
    views = project_views(project, scenario)
    for i, s in enumerate(scenarios):
        lines += _graph(x, project, s, i, views)
    lines.append("</graphml>")
    return "\n".join(lines) + "\n", x.notices()


def export_graphml(project: Project, dest: str | os.PathLike[str], scenario: str | None = None) -> list[str]:
    text, notices = graphml_text(project, scenario)
    with atomic_write(dest) as fh:
        fh.write(text)
    return notices


# --- import --------------------------------------------------------------------------------

_PY_TYPES = {"int": int, "long": int, "float": float, "double": float, "boolean": "bool", "string": str}


class _Key:
    def __init__(self, el: Element) -> None:
        self.id = el.get("id", "")
        self.name = el.get("attr.name") or el.get("yfiles.type") or self.id
        self.domain = el.get("for", "all")
        self.type = el.get("attr.type", "string")
        self.yfiles = el.get("yfiles.type")
        uri = next((v for k, v in el.attrib.items() if local(k) == "attr.uri"), "")
        #: yFiles for HTML's own bookkeeping (zOrder, folding state …): not the planner's data
        self.internal = uri.startswith("http://www.yworks.com/xml/") and self.name.casefold() not in _YFILES_HTML
        default = next(children(el, "default"), None)
        self.default = default.text if default is not None else None

    def typed(self, text: str) -> Any:
        conv = _PY_TYPES.get(self.type, str)
        if conv == "bool":
            return {"true": True, "false": False}.get(text.strip().lower(), text)
        if conv is not str and digit_count(text) > MAX_DIGITS:
            return text  # kept as text: a field that wants a number says it is too long
        try:
            return conv(text.strip()) if conv is not str else text  # type: ignore[operator]
        except ValueError:
            if conv is float:
                return _hex_float(text, text)
            return text


def _hex_float(text: str, otherwise: Any = None) -> Any:
    """graph-tool writes doubles as hex floats (``0x1.8p+1``)."""
    try:
        return float.fromhex(text.strip())
    except (ValueError, OverflowError):
        return otherwise


#: yFiles for HTML / yEd Live keep graphics in these structured data (by ``attr.name``).
_YFILES_HTML = {"nodelabels", "nodegeometry", "nodestyle", "edgelabels"}


def import_graphml(path: str | os.PathLike[str]) -> Project:
    raw, name = read_bytes(path)
    return project_from_graphml(raw, name)


def project_from_graphml(raw: bytes, source: str = "GraphML") -> Project:
    root = parse_xml(raw, source)
    if local(root.tag) != "graphml":
        raise FormatError(source, [problem(source, f"is not GraphML (its root element is <{local(root.tag)}>)",
                                           f"不是 GraphML 文件（根元素为 <{local(root.tag)}>）")])
    keys = {k.id: k for k in (_Key(el) for el in children(root, "key"))}
    graphs = list(children(root, "graph"))
    if not graphs:
        raise FormatError(source, [problem(source, "holds no <graph>", "不含任何 <graph>")])
    problems: list[Problem] = []
    project: Project | None = None
    notes: list[str] = []
    built: list[tuple[str, dict[str, list[Row]]]] = []
    foreigns: list[ForeignGraph] = []
    notes_of: dict[str, _Notes] = {}
    shared = _shared(root)
    for n, graph in enumerate(graphs, 1):
        gdata = _data_of(graph, keys, "graph")
        gname = _scenario_name(gdata.get("name"), graph.get("id"), n, [b[0] for b in built])
        where = Place(source, f"graph '{gname}'", f"图 '{gname}'")
        if gdata.get("ecodesk_format") == "ecodesk":
            check_version({"version": gdata.get("ecodesk_version", VERSION)}, source)
            rows = _own_rows(graph, keys, gdata, where, problems)
            if project is None:
                meta = _json(gdata.get("ecodesk_project", "{}"), where, "ecodesk_project", problems)
                project = meta_project({"project": meta if isinstance(meta, dict) else {}}, source, problems)
        else:
            yed_notes = notes_of[gname] = _Notes()
            foreign = _foreign_graph(graph, keys, gname, source, problems, shared, yed_notes)
            foreigns.append(foreign)
            rows = graph_rows(foreign, problems)
            yed_notes.add_rows(rows)
            for key, value in gdata.items():
                if key != "name" and value not in ("", None):
                    notes.append(f"{gname} — {key}: {value}")
        built.append((gname, rows))
    if project is None:
        project = Project(Path(source).stem or "Imported", notes="\n".join(notes))
    for gname, rows in built:
        scenario = build_scenario(gname, rows, problems, project.import_remarks,
                                  foreign=any(f.name == gname for f in foreigns))
        if scenario is not None:
            project.add_scenario(scenario)
    if problems:
        raise FormatError(source, problems)
    remark_orphan_views(project, source)
    for foreign in foreigns:
        where = source if len(graphs) == 1 else f"{source} ({foreign.name})"
        remark_undirected(project, where, foreign)
        notes_of[foreign.name].remark(project, where)
    return project


def _scenario_name(name: Any, graph_id: str | None, n: int, taken: list[str]) -> str:
    base = name if isinstance(name, str) and name.strip() else (graph_id or "").strip() or (
        "Base" if n == 1 else f"Graph {n}")
    new, k = base, 1
    while new in taken:
        k += 1
        new = f"{base} ({k})"
    return new


def _data_of(el: Element, keys: dict[str, _Key], domain: str, with_defaults: bool = False,
             typed: bool = True) -> dict[str, Any]:
    """Data of a graph/node/edge by attribute name, typed by ``attr.type`` unless ``typed`` is
    False (yEd graphics kept as elements under ``"\\0<yfiles.type>"``)."""
    out: dict[str, Any] = {}
    if with_defaults:
        for k in keys.values():
            if k.default is not None and k.domain in (domain, "all") and not k.internal:
                out[k.name] = k.typed(k.default)
    for d in children(el, "data"):
        key = keys.get(d.get("key", ""))
        name = key.name if key else d.get("key", "")
        if key is not None and key.internal:
            continue
        if key is not None and key.yfiles:
            out[f"\0{key.yfiles}"] = d
        elif key is not None and len(d) and key.name.casefold() in _YFILES_HTML:
            out[f"\0{key.name.casefold()}"] = d
        elif len(d):
            continue  # structured data we do not know
        else:
            out[name] = key.typed(d.text or "") if key and typed else (d.text or "")
    return out


def _json(text: Any, where: Place, key: str, problems: list[Problem]) -> Any:
    try:
        return json_loads(text if isinstance(text, str) else "")
    except ValueError as exc:
        problems.append(where.problem(f"'{key}' is not valid JSON ({exc})", f"'{key}' 不是有效的 JSON（{exc}）"))
        return None


def _own_rows(graph: Element, keys: dict[str, _Key], gdata: dict[str, Any], where: Place,
              problems: list[Problem]) -> dict[str, list[Row]]:
    prefix = gdata.get("ecodesk_id_prefix") or ""
    rows: dict[str, list[Row]] = {}
    extra = {c: _json(gdata.get(f"ecodesk_{c}", "[]"), where, f"ecodesk_{c}", problems) for c in EXTRA}
    extra_rows(extra, where.source, where.en, where.zh, rows, problems)
    plain = {"label", "weight"}
    # files written before flows had labels put the flow's kind in the edge 'label' (and had no
    # entity 'color' key): that label is not the flow's
    legacy = not any(k.name == "color" and k.domain == "node" for k in keys.values())

    def strip(i: str) -> str:
        return i[len(prefix):] if prefix and i.startswith(prefix) else i

    entity_rows = rows.setdefault("entities", [])
    for node in children(graph, "node"):
        nid = strip(node.get("id", ""))
        place = Place(where.source, f"{where.en}, node '{nid}'", f"{where.zh}，节点 '{nid}'")
        entity_rows.append(own_cells("entities", nid, _data_of(node, keys, "node", typed=False), plain, place,
                                     problems))
    flow_rows = rows.setdefault("flows", [])
    for n, edge in enumerate(children(graph, "edge"), 1):
        eid = strip(edge.get("id", ""))
        label = f"edge '{eid}'" if eid else f"edge #{n}"
        place = Place(where.source, f"{where.en}, {label}", f"{where.zh}，连线 {eid or '#' + str(n)}")
        data = _data_of(edge, keys, "edge", typed=False)
        if legacy:
            data.pop("label", None)
        row = own_cells("flows", eid, data, plain, place, problems)
        row.data["source"], row.data["target"] = strip(edge.get("source", "")), strip(edge.get("target", ""))
        flow_rows.append(row)
    return rows


def own_cells(cname: str, obj_id: str, data: dict[str, Any], ignore: set[str], place: Place,
               problems: list[Problem]) -> Row:
    """A row from our own node/edge data: known fields parsed strictly, others kept in notes."""
    known = FIELDS[cname]
    cells = {k: v for k, v in data.items() if k in known and k not in ("id", "source", "target")}
    before = len(problems)
    out = parse_cells(cname, cells, place, problems, column="attribute")
    out["id"] = obj_id
    extra = [f"{k}: {v}" for k, v in data.items() if k not in known and k not in ignore and not k.startswith("\0")]
    if extra:
        out["notes"] = "\n".join([out.get("notes", ""), *extra]).strip("\n")
    return Row(place, out, ok=len(problems) == before)


def _shared(root: Element) -> dict[str, Element]:
    """yFiles for HTML's shared resources by ``x:Key`` (for ``{y:GraphMLReference n}``)."""
    out: dict[str, Element] = {}
    for el in root.iter():
        if local(el.tag) == "SharedData":
            for item in el:
                key = next((v for k, v in item.attrib.items() if local(k) == "Key"), None)
                if key is not None:
                    out[key] = item
    return out


class _Notes:
    """yEd's notes (``y:UMLNoteNode``) of one foreign graph: they become notes on the canvas
    (text, box, fill), not entities; the lines linking a note to a node are left out (said)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, Place, dict[str, Any]]] = []
        self.ids: set[str] = set()
        self.links = 0

    def take(self, el: Element, keys: dict[str, _Key], place: Place) -> bool:
        """Keep ``el`` as a note if yEd draws it as one."""
        graphics = _data_of(el, keys, "node").get("\0nodegraphics")
        note = next((e for e in graphics.iter() if local(e.tag) == "UMLNoteNode"), None) if graphics is not None else None
        if note is None:
            return False
        data: dict[str, Any] = {"text": "\n".join(_labels(note, "NodeLabel"))}
        geo = next((e for e in note.iter() if local(e.tag) == "Geometry"), None)
        box = [_finite(geo.get(k)) if geo is not None else None for k in ("x", "y", "width", "height")]
        if all(v is not None for v in box) and box[2] > 0 and box[3] > 0:  # type: ignore[operator]
            data.update(zip(("x", "y", "width", "height"), box, strict=True))
        color = _yed_fill(note)
        if color is not None:
            data["color"] = color
        nid = el.get("id", "")
        self.items.append((nid, place, data))
        self.ids.add(nid)
        return True

    def add_rows(self, rows: dict[str, list[Row]]) -> None:
        taken = {r.data.get("id") for table in rows.values() for r in table if isinstance(r.data, dict)}
        rows["annotations"] = [Row(place, {**data, "id": unique_id(nid, taken, "note")})  # type: ignore[arg-type]
                               for nid, place, data in self.items]

    def remark(self, project: Project, where: str) -> None:
        if not self.items:
            return
        n = len(self.items)
        links_en = (f"; the {self.links} {'line' if self.links == 1 else 'lines'} linking notes to nodes "
                    f"{'was' if self.links == 1 else 'were'} left out") if self.links else ""
        links_zh = f"；连接便签与节点的 {self.links} 条线未导入" if self.links else ""
        project.import_remarks.append((
            f"{where}: {n} yEd {'note became a note' if n == 1 else 'notes became notes'} on the canvas{links_en}.",
            f"{where}：{n} 个 yEd 便签成为画布上的便签{links_zh}。"))


def _foreign_graph(graph: Element, keys: dict[str, _Key], gname: str, source: str,
                   problems: list[Problem], shared: dict[str, Element] | None = None,
                   notes: _Notes | None = None) -> ForeignGraph:
    directed_default = graph.get("edgedefault", "directed") != "undirected"
    fg = ForeignGraph(gname)
    where_en, where_zh = f"graph '{gname}'", f"图 '{gname}'"
    shared = shared or {}

    def walk(g: Element, group: str | None) -> None:
        for el in g:
            tag = local(el.tag)
            nid = el.get("id", "")
            if tag == "node" and notes is not None and notes.take(
                    el, keys, Place(source, f"{where_en}, note '{nid}'", f"{where_zh}，便签 '{nid}'")):
                continue
            if tag == "node":
                _foreign_node(el, keys, group, fg, source, where_en, where_zh, shared)
                for sub in children(el, "graph"):
                    walk(sub, el.get("id", ""))
            elif tag == "edge":
                _foreign_edge(el, keys, directed_default, fg, source, where_en, where_zh)
            elif tag == "hyperedge":
                problems.append(problem(source, f"{where_en}: hyperedges are not supported",
                                        f"{where_zh}：不支持超边（hyperedge）"))

    walk(graph, None)
    if notes is not None and notes.ids:
        kept = [e for e in fg.edges if e.source not in notes.ids and e.target not in notes.ids]
        notes.links = len(fg.edges) - len(kept)
        fg.edges = kept
    return fg


def _realizer(graphics: Element) -> Element:
    """The shown realizer of a yEd group node (``y:ProxyAutoBoundsNode``), else the graphics."""
    realizers = next((e for e in graphics.iter() if local(e.tag) == "Realizers"), None)
    if realizers is None:
        return graphics
    shown = list(realizers)
    try:
        return shown[int(realizers.get("active", "0"))]
    except (ValueError, IndexError):
        return shown[0] if shown else graphics


def _labels(el: Element | None, tag: str) -> list[str]:
    """The non-empty label texts under ``el`` in document order: yEd ``y:NodeLabel``/
    ``y:EdgeLabel`` (``hasText="false"`` and whitespace-only ones skipped), yFiles for HTML
    ``y:Label`` (``<y:Label.Text>`` or a ``Text`` attribute)."""
    if el is None:
        return []
    out = []
    for e in el.iter():
        name = local(e.tag)
        if name == tag and e.get("hasText") != "false":
            text = e.text
        elif name == "Label":
            inner = next((c for c in e if local(c.tag) == "Label.Text"), None)
            text = inner.text if inner is not None else e.get("Text")
        else:
            continue
        if text and text.strip():
            out.append(text.strip())
    return out


def _rect(el: Element | None) -> tuple[float, float] | None:
    """The centre of a yEd ``y:Geometry`` or a yFiles for HTML ``y:RectD`` under ``el``."""
    if el is None:
        return None
    geo = next((e for e in el.iter() if local(e.tag) in ("Geometry", "RectD")), None)
    if geo is None:
        return None
    get = {k.casefold(): v for k, v in geo.attrib.items()}.get
    try:
        x = float(get("x", 0)) + float(get("width", 0)) / 2
        y = float(get("y", 0)) + float(get("height", 0)) / 2
    except ValueError:
        return None
    return (x, y) if math.isfinite(x) and math.isfinite(y) else None


def _yed_fill(realizer: Element | None) -> str | None:
    """yEd's ``y:Fill color`` (``#RRGGBB`` or ``#RRGGBBAA``) unless transparent or colourless."""
    fill = next((e for e in realizer.iter() if local(e.tag) == "Fill"), None) if realizer is not None else None
    if fill is None or fill.get("transparent") == "true" or fill.get("hasColor") == "false":
        return None
    return normalise_color(fill.get("color"))


def _html_fill(style: Element | None, shared: dict[str, Element]) -> str | None:
    """yFiles for HTML's node fill: a ``fill`` attribute (``#AARRGGBB``, CSS text or a shared
    reference) or a ``….fill`` child element holding a colour."""
    if style is None:
        return None
    for e in style.iter():
        value = e.get("fill")
        if value is None and local(e.tag).endswith(".fill"):
            inner = next(iter(e), None)
            value = (inner.get("color") or inner.get("cssString") or inner.text) if inner is not None else e.text
        if value is None:
            continue
        ref = re.fullmatch(r"\{y:GraphMLReference\s+(\S+)\}", value.strip())
        if ref:
            item = shared.get(ref.group(1))
            value = (item.get("color") or item.get("cssString") or item.get("fill") or item.text or "") if (
                item is not None) else ""
        return normalise_color(value, alpha_first=True)
    return None


def _graphics_position(attrs: dict[str, Any]) -> tuple[float, float] | None:
    """graph-tool's ``_pos`` (vector ``"x, y"``, decimal or hex floats) as a position."""
    for key in [k for k in attrs if k in ("_pos", "pos")]:
        parts = str(attrs[key]).replace(";", ",").split(",")
        if len(parts) == 2:
            xy = [_finite(p) if _finite(p) is not None else _hex_float(p) for p in parts]
            if all(v is not None and math.isfinite(v) for v in xy):
                attrs.pop(key)
                return xy[0], xy[1]  # type: ignore[return-value]
    return None


def _foreign_node(el: Element, keys: dict[str, _Key], group: str | None, fg: ForeignGraph, source: str,
                  where_en: str, where_zh: str, shared: dict[str, Element] | None = None) -> None:
    nid = el.get("id", "")
    attrs = _data_of(el, keys, "node", with_defaults=True)
    graphics = attrs.pop("\0nodegraphics", None)
    realizer = _realizer(graphics) if graphics is not None else None
    labels = _labels(realizer, "NodeLabel") + _labels(attrs.get("\0nodelabels"), "NodeLabel")
    xy = _rect(realizer) or _rect(attrs.get("\0nodegeometry")) or _graphics_position(attrs)
    color = _yed_fill(realizer) or _html_fill(attrs.get("\0nodestyle"), shared or {})
    for k in [k for k in attrs if k.startswith("\0")]:
        attrs.pop(k)
    original = attrs.pop("_graphml_vertex_id", None)  # graph-tool: the id the node had in the file it read
    if original not in (None, "") and not any(k.casefold() in ("label", "name") for k in attrs):
        labels.insert(0, str(original))
    elif original not in (None, ""):
        attrs["id in source"] = original
    _add_labels(attrs, labels)
    if group:
        attrs["group"] = group
    x, y = xy if xy is not None else (None, None)
    fg.nodes.append(ForeignNode(nid, attrs, Place(source, f"{where_en}, node '{nid}'", f"{where_zh}，节点 '{nid}'"),
                                x, y, color))


def _add_labels(attrs: dict[str, Any], labels: list[str]) -> None:
    """The first label as the ``label`` (unless a label/name attribute is there), the others
    as ``label 2``, ``label 3`` … (kept in notes)."""
    if not labels:
        return
    if not any(k.casefold() in ("label", "name") and attrs[k] not in ("", None) for k in attrs):
        attrs["label"] = labels.pop(0)
    for n, text in enumerate(labels, 2):
        attrs[f"label {n}"] = text


def _foreign_edge(el: Element, keys: dict[str, _Key], directed_default: bool, fg: ForeignGraph, source: str,
                  where_en: str, where_zh: str) -> None:
    eid = el.get("id")
    attrs = _data_of(el, keys, "edge", with_defaults=True)
    labels = _labels(attrs.get("\0edgegraphics"), "EdgeLabel") + _labels(attrs.get("\0edgelabels"), "EdgeLabel")
    for k in [k for k in attrs if k.startswith("\0")]:
        attrs.pop(k)
    _add_labels(attrs, labels)
    original = attrs.pop("_graphml_edge_id", None)  # graph-tool: the edge's id in the file it read
    if original not in (None, ""):
        eid = str(original)
    directed = {"true": True, "false": False}.get(el.get("directed", ""), directed_default)
    src, tgt = el.get("source", ""), el.get("target", "")
    label = f"edge '{eid}'" if eid else f"edge {src} → {tgt}"
    fg.edges.append(ForeignEdge(eid, src, tgt, attrs, Place(source, f"{where_en}, {label}", f"{where_zh}，连线 "
                                                                                          f"{eid or src + ' → ' + tgt}"),
                                directed))


# --- GML -----------------------------------------------------------------------------------


def import_gml(path: str | os.PathLike[str]) -> Project:
    """A GML graph (igraph, networkx, Cytoscape …) as a one-scenario project."""
    import networkx as nx

    raw, source = read_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # GML is officially 7-bit ASCII; be lenient
    check_gml(text, source)
    if not re.search(r"^\s*multigraph\b", text, re.M):  # keep parallel edges instead of failing on them
        text = re.sub(r"^(\s*graph\s*\[)", r"\1\n  multigraph 1", text, count=1, flags=re.M)
    try:
        g = nx.parse_gml(text, label=None)
    except (nx.NetworkXError, ValueError, SyntaxError) as exc:
        raise FormatError(source, [problem(source, f"is not valid GML ({exc})", f"不是有效的 GML（{exc}）")]) from None
    except (TypeError, IndexError, KeyError, AttributeError, RecursionError) as exc:  # networkx's parser tripping
        reason = f"{type(exc).__name__}: {exc}"  # on what it does not expect (a list as an edge key, an empty line)
        raise FormatError(source, [problem(source, f"is not valid GML (networkx cannot read it: {reason})",
                                           f"不是有效的 GML（networkx 无法读取：{reason}）")]) from None
    fg = ForeignGraph(str(g.graph.get("name") or "Base"))
    for node, attrs in g.nodes(data=True):
        attrs = dict(attrs)
        graphics = attrs.pop("graphics", None)
        x = y = None
        if isinstance(graphics, dict):
            x, y = _finite(graphics.get("x")), _finite(graphics.get("y"))
        fg.nodes.append(ForeignNode(str(node), attrs, Place(source, f"node {node}", f"节点 {node}"), x, y))
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    for n, (u, v, _key, attrs) in enumerate(edges, 1):
        attrs = dict(attrs)
        attrs.pop("graphics", None)
        eid = attrs.pop("id", None)
        fg.edges.append(ForeignEdge(None if eid is None else str(eid), str(u), str(v), attrs,
                                    Place(source, f"edge #{n} ({u} → {v})", f"第 {n} 条连线（{u} → {v}）"),
                                    g.is_directed()))
    problems: list[Problem] = []
    rows = graph_rows(fg, problems)
    notes = "\n".join(f"{k}: {v}" for k, v in g.graph.items() if k not in ("name", "multigraph", "directed"))
    project = Project(Path(source).stem or "Imported", notes=notes)
    scenario = None if problems else build_scenario(fg.name, rows, problems, project.import_remarks, foreign=True)
    if scenario is None:
        raise FormatError(source, problems)
    project.add_scenario(scenario)
    remark_undirected(project, source, fg)
    return project


_GML_TOKENS = re.compile(r'"[^"]*"?|\[|\]|\d+')


def check_gml(text: str, source: str) -> None:
    """FormatError when GML lists nest deeper than MAX_DEPTH or a number has more than MAX_DIGITS
    digits (networkx would recurse or make integers no float can hold); one pass, no recursion."""
    depth = 0
    for m in _GML_TOKENS.finditer(text):
        token = m.group()
        if token == "[":
            depth += 1
            if depth > MAX_DEPTH:
                raise FormatError(source, [too_deep(source, "GML lists")])
        elif token == "]":
            depth -= 1
        elif token[0] != '"' and len(token) > MAX_DIGITS:
            raise FormatError(source, [too_many_digits(source, len(token))])


def _finite(value: Any) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return v if math.isfinite(v) else None
