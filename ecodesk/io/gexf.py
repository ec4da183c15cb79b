"""I/O layer: GEXF 1.3 (Gephi's format) — one scenario as a directed graph.

Export (``--format gexf``): GEXF has a single graph per file, so the file holds the scenario
given with ``--scenario``, else the first one (the export returns a notice naming the others;
export each with ``--scenario`` for one file per scenario). Nodes carry every entity field as
a declared ``<attvalue>`` (attribute id = title = field name; ``double`` or ``string``;
``ecosystems`` as ``;``-joined text), a ``label``, ``viz:position`` from x/y (y negated:
Gephi's y axis points up, the canvas's down), a ``viz:color`` (the entity's colour, else its
kind's) and a ``viz:size`` (10 times the entity's size); edges carry every flow field, edge id =
flow id, ``label`` = the flow's label (when it has one) and ``weight`` = volume (when above 0). GEXF
has no graph-level attributes: the scenario's ecosystems, capabilities, needs, pools, notes
(``annotations``) and the project's metadata with the views of this scenario go as JSON in
``<meta><description>``, so our own file imports back to the same one-scenario model.

Import: our own files exactly; other GEXF (Gephi, networkx; versions 1.1–1.3) through
:mod:`ecodesk.io.foreign`: node ``label`` → name, ``viz:position`` → x/y, ``viz:color`` → the
entity's colour (an edge's in its notes), ``viz:size``/``viz:shape`` kept in notes
(``size: 12.5``); edge ``label`` → the flow's label, ``weight`` → volume, and an edge without
a weight gets GEXF's default weight 1.0 (said in the import remarks); ``mutual``/undirected
edges noted (an undirected graph is said in the import remarks). Dynamic values
(``<attvalue … start end>``, ``timestamps``; ``spells``/``slices`` of a node or edge) are
summarised in notes — ``weight over time: 3 values 2019–2021, last 5`` — and the last value is
the one used. Parsed only with defusedxml.
"""

from __future__ import annotations

import datetime
import json
import math
import os
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

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
from ecodesk.io.graphml import (
    ENTITY_COLORS,
    FLOW_COLORS,
    MAX_DIGITS,
    XmlText,
    check_version,
    children,
    digit_count,
    extra_rows,
    local,
    meta_project,
    own_cells,
    parse_xml,
    read_bytes,
    scenario_json,
)
from ecodesk.io.jsonio import project_views
from ecodesk.io.tabular import FIELDS, NUMBER, Place, Row, build_scenario, format_cell, json_loads, problem
from ecodesk.model.scenario import Project

NS = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"


def _rgb(color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f'r="{r}" g="{g}" b="{b}" a="1.0"'


def _attributes(cls: str, cname: str, skip: tuple[str, ...]) -> list[str]:
    lines = [f'    <attributes class="{cls}" mode="static">']
    for f in FIELDS[cname]:
        if f not in skip:
            t = "double" if FIELDS[cname][f] == NUMBER else "string"
            lines.append(f'      <attribute id="{f}" title="{f}" type="{t}"/>')
    lines.append("    </attributes>")
    return lines


def _attvalues(x: XmlText, cname: str, obj: Any, skip: tuple[str, ...], where: str) -> list[str]:
    out = []
    for f in FIELDS[cname]:
        value = getattr(obj, f)
        if f in skip or value is None or value == "" or value == () or (f == "size" and value == 1.0):
            continue
        out.append(f'<attvalue for="{f}" value="{x.attr(format_cell(cname, f, value), f"{where} {f}")}"/>')
    return ["        <attvalues>", *(f"          {v}" for v in out), "        </attvalues>"] if out else []


def gexf_text(project: Project, scenario: str | None = None) -> tuple[str, list[str]]:
    """The GEXF document of one scenario and notices (e.g. which scenarios were left out)."""
    x = XmlText()
    s = project.scenario(scenario)
    notices = []
    others = [n for n in project.scenario_names() if n != s.name]
    if scenario is None and others:
        notices.append(f"GEXF holds one scenario: wrote '{s.name}' (not {', '.join(repr(o) for o in others)}); "
                       "export another with --scenario.")
    description = json.dumps(scenario_json(project, s, project_views(project, s.name)), ensure_ascii=False)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<gexf xmlns="{NS}" xmlns:viz="{NS_VIZ}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             f'xsi:schemaLocation="{NS} http://gexf.net/1.3/gexf.xsd" version="1.3">',
             f'  <meta lastmodifieddate="{datetime.date.today().isoformat()}">',
             "    <creator>ecodesk</creator>", "    <keywords>ecodesk</keywords>",
             f"    <description>{x.text(description, 'the scenario data')}</description>",
             "  </meta>",
             '  <graph defaultedgetype="directed" mode="static">',
             *_attributes("node", "entities", ("id",)), *_attributes("edge", "flows", ("id", "source", "target")),
             "    <nodes>"]
    for e in s.entities:
        where = f"entity '{e.id}'"
        lines.append(f'      <node id="{x.attr(e.id, where)}" label="{x.attr(e.label, f"{where} name")}">')
        lines += _attvalues(x, "entities", e, ("id",), where)
        lines.append(f"        <viz:color {_rgb(e.color or ENTITY_COLORS[e.kind])}/>")
        lines.append(f'        <viz:position x="{e.x!r}" y="{-e.y + 0.0!r}" z="0.0"/>')
        lines.append(f'        <viz:size value="{10.0 * e.size!r}"/>')
        lines.append("      </node>")
    lines += ["    </nodes>", "    <edges>"]
    for f in s.flows:
        where = f"flow '{f.id}'"
        weight = f' weight="{f.volume!r}"' if f.volume > 0 else ""
        label = f' label="{x.attr(f.label, f"{where} label")}"' if f.label else ""
        lines.append(f'      <edge id="{x.attr(f.id, where)}" source="{x.attr(f.source)}" target="{x.attr(f.target)}"'
                     f'{label}{weight}>')
        lines += _attvalues(x, "flows", f, ("id", "source", "target"), where)
        lines.append(f"        <viz:color {_rgb(FLOW_COLORS[f.kind])}/>")
        lines.append("      </edge>")
    lines += ["    </edges>", "  </graph>", "</gexf>"]
    return "\n".join(lines) + "\n", notices + x.notices()


def export_gexf(project: Project, dest: str | os.PathLike[str], scenario: str | None = None) -> list[str]:
    text, notices = gexf_text(project, scenario)
    with atomic_write(dest) as fh:
        fh.write(text)
    return notices


# --- import --------------------------------------------------------------------------------

_TYPES: dict[str, Any] = {"integer": int, "long": int, "float": float, "double": float, "boolean": bool}


class _Attr:
    def __init__(self, el: Element) -> None:
        self.id = el.get("id", "")
        self.title = el.get("title") or self.id
        self.type = el.get("type", "string")
        default = next(children(el, "default"), None)
        self.default = default.text if default is not None else None

    def typed(self, text: str) -> Any:
        conv = _TYPES.get(self.type)
        if conv is bool:
            return {"true": True, "false": False}.get(text.strip().lower(), text)
        if conv is None or digit_count(text) > MAX_DIGITS:
            return text
        try:
            return conv(text.strip())
        except ValueError:
            return text


def import_gexf(path: str | os.PathLike[str]) -> Project:
    raw, name = read_bytes(path)
    return project_from_gexf(raw, name)


def project_from_gexf(raw: bytes, source: str = "GEXF") -> Project:
    root = parse_xml(raw, source)
    if local(root.tag) != "gexf":
        raise FormatError(source, [problem(source, f"is not GEXF (its root element is <{local(root.tag)}>)",
                                           f"不是 GEXF 文件（根元素为 <{local(root.tag)}>）")])
    graph = next(children(root, "graph"), None)
    if graph is None:
        raise FormatError(source, [problem(source, "holds no <graph>", "不含任何 <graph>")])
    attrs: dict[str, dict[str, _Attr]] = {"node": {}, "edge": {}}
    for block in children(graph, "attributes"):
        cls = block.get("class", "node")
        for el in children(block, "attribute"):
            a = _Attr(el)
            attrs.setdefault(cls, {})[a.id] = a
    own = _own_meta(root)
    problems: list[Problem] = []
    if own is not None:
        check_version(own, source)
        project = meta_project(own, source, problems)
        wanted = own.get("scenario")
        name = wanted if isinstance(wanted, str) and wanted.strip() else "Base"
        rows = _own_rows(graph, attrs, own, source, problems)
        foreign = None
    else:
        project = Project(Path(source).stem or "Imported")
        name = graph.get("name") or "Base"
        foreign = _foreign(graph, attrs, name, source)
        rows = graph_rows(foreign, problems)
    scenario = build_scenario(name, rows, problems, project.import_remarks, foreign=foreign is not None)
    if scenario is None or problems:
        raise FormatError(source, problems)
    project.add_scenario(scenario)
    if foreign is not None:
        gexf_remarks(project, source, foreign)
    return project


def _own_meta(root: Element) -> dict[str, Any] | None:
    meta = next(children(root, "meta"), None)
    desc = next(children(meta, "description"), None) if meta is not None else None
    if desc is None or not (desc.text or "").lstrip().startswith("{"):
        return None
    try:
        data = json_loads(desc.text or "")
    except ValueError:
        return None
    return data if isinstance(data, dict) and data.get("format") == "ecodesk" else None


_TIME_KEYS = ("start", "end", "startopen", "endopen", "timestamp", "timestamps")


def _values(el: Element, attrs: dict[str, _Attr], typed: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if typed:
        out.update({a.title: a.typed(a.default) for a in attrs.values() if a.default is not None})
    timed: dict[str, list[tuple[str, str, Any]]] = {}  # title -> (start, end, value) of dynamic values
    for block in children(el, "attvalues"):
        for av in children(block, "attvalue"):
            key = av.get("for") or av.get("id") or ""
            a = attrs.get(key)
            value = av.get("value", "")
            title = a.title if a else key
            typed_value = a.typed(value) if a and typed else value
            if typed and any(av.get(t) is not None for t in _TIME_KEYS):
                times = _times(av)
                timed.setdefault(title, []).append((times[0], times[-1], typed_value))
            else:
                out[title] = typed_value
    for title, values in timed.items():
        out[title], out[f"{title} over time"] = _over_time(values)
    return out


def _times(el: Element) -> list[str]:
    """The moments an element is valid at: its start/end (open or not) or timestamps."""
    stamps = el.get("timestamps") or el.get("timestamp")
    if stamps:
        return [t.strip() for t in stamps.strip("<[]>").split(",") if t.strip()] or [""]
    return [el.get("start") or el.get("startopen") or "", el.get("end") or el.get("endopen") or ""]


def _span(first: str, last: str) -> str:
    return f"{first}–{last}" if first and last and first != last else first or last or "?"


def _over_time(values: list[tuple[str, str, Any]]) -> tuple[Any, str]:
    """The last of a dynamic attribute's values (by start) and a summary of them all."""
    ordered = sorted(values, key=lambda v: (_time_key(v[0]), _time_key(v[1])))
    starts = [v[0] or v[1] for v in ordered]
    ends = [v[1] or v[0] for v in ordered]
    last = ordered[-1][2]
    first_t = next((t for t in starts if t), "")
    last_t = next((t for t in reversed(ends) if t), "")
    count = f"{len(ordered)} value" + ("s" if len(ordered) != 1 else "")
    return last, f"{count} {_span(first_t, last_t)}, last {_plain(last)}"


def _time_key(text: str) -> tuple[int, float, str]:
    try:
        return (0, float(text), text)
    except ValueError:
        return (1 if text else -1, 0.0, text)  # dates compare as text (ISO order); none first


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _nodes(graph: Element) -> list[Element]:
    found: list[Element] = []

    def walk(el: Element) -> None:
        for block in children(el, "nodes"):
            for node in children(block, "node"):
                found.append(node)
                walk(node)

    walk(graph)
    return found


def _edges(graph: Element) -> list[Element]:
    return [e for block in children(graph, "edges") for e in children(block, "edge")]


def _own_rows(graph: Element, attrs: dict[str, dict[str, _Attr]], own: dict[str, Any], source: str,
              problems: list[Problem]) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    extra_rows(own, source, "description", "description", rows, problems)
    entity_rows = rows.setdefault("entities", [])
    for node in _nodes(graph):
        nid = node.get("id", "")
        place = Place(source, f"node '{nid}'", f"节点 '{nid}'")
        entity_rows.append(own_cells("entities", nid, _values(node, attrs["node"], False), set(), place, problems))
    flow_rows = rows.setdefault("flows", [])
    for n, edge in enumerate(_edges(graph), 1):
        eid = edge.get("id", "")
        place = Place(source, f"edge '{eid}'" if eid else f"edge #{n}", f"连线 '{eid}'" if eid else f"第 {n} 条连线")
        row = own_cells("flows", eid, _values(edge, attrs["edge"], False), set(), place, problems)
        row.data["source"], row.data["target"] = edge.get("source", ""), edge.get("target", "")
        flow_rows.append(row)
    return rows


def _foreign(graph: Element, attrs: dict[str, dict[str, _Attr]], name: str, source: str) -> ForeignGraph:
    fg = ForeignGraph(name)
    default_type = graph.get("defaultedgetype", "undirected")
    for node in _nodes(graph):
        nid = node.get("id", "")
        values = _values(node, attrs["node"], True)
        label = node.get("label")
        if label and not any(k.casefold() in ("label", "name") for k in values):
            values["label"] = label
        x = y = None
        pos = next((c for c in node if local(c.tag) == "position"), None)
        if pos is not None:
            x, y = _finite(pos.get("x")), _finite(pos.get("y"))
            y = None if y is None else -y
        _viz(node, values)
        color = values.pop("\0color", None)
        fg.nodes.append(ForeignNode(nid, values, Place(source, f"node '{nid}'", f"节点 '{nid}'"), x, y, color))
    unweighted = 0
    for n, edge in enumerate(_edges(graph), 1):
        eid = edge.get("id")
        values = _values(edge, attrs["edge"], True)
        values.pop("networkx_key", None)  # networkx's multigraph key: the edge id already says it
        for key in ("label", "weight", "kind"):
            if edge.get(key) is not None and key not in values:
                values[key if key != "kind" else "edge kind"] = edge.get(key)
        if not any(k.casefold() in ("weight", "volume") for k in values):
            values["weight"] = 1.0  # GEXF's default weight
            unweighted += 1
        _viz(edge, values)
        if "\0color" in values:
            values["color"] = values.pop("\0color")
        kind = edge.get("type", default_type)
        if kind not in ("directed", "undirected", "mutual"):  # networkx writes a 'type' attribute here
            values.setdefault("type", kind)
            kind = default_type
        src, tgt = edge.get("source", ""), edge.get("target", "")
        place = Place(source, f"edge '{eid}'" if eid else f"edge #{n} ({src} → {tgt})",
                      f"连线 '{eid}'" if eid else f"第 {n} 条连线（{src} → {tgt}）")
        fg.edges.append(ForeignEdge(eid, src, tgt, values, place, directed=kind == "directed",
                                    direction_note="mutual" if kind == "mutual" else ""))
    fg.unweighted = unweighted
    return fg


def _viz(el: Element, values: dict[str, Any]) -> None:
    """``viz:color`` (as ``\0color``, ``#rrggbb``), ``viz:size``/``viz:thickness``/``viz:shape`` as
    note values; a node's or edge's own ``spells``/``slices``/``start``/``end`` as ``present``."""
    for c in el:
        tag = local(c.tag)
        if tag == "color":
            hexa = normalise_color(c.get("hex") or "")
            try:
                rgb = hexa or "#" + "".join(f"{int(c.get(k, '')):02x}" for k in "rgb")
            except ValueError:
                rgb = None
            if rgb is not None and normalise_color(rgb) is not None:
                values["\0color"] = normalise_color(rgb)
        elif tag in ("size", "thickness", "shape") and c.get("value") is not None:
            value = _finite(c.get("value"))
            values.setdefault(tag, value if value is not None else c.get("value"))
        elif tag in ("spells", "slices"):
            spans = [_span(*(_times(sp)[0], _times(sp)[-1])) for sp in c]
            if spans:
                values.setdefault("present", ", ".join(spans))
    if any(el.get(t) is not None for t in ("start", "end", "startopen", "endopen")) and "present" not in values:
        values["present"] = _span(_times(el)[0], _times(el)[-1])


def gexf_remarks(project: Project, source: str, fg: ForeignGraph) -> None:
    """Import remarks: edges without a weight (volume 1, GEXF's default), undirected edges."""
    unweighted = fg.unweighted
    if unweighted:
        project.import_remarks.append((
            f"{unweighted} of the {len(fg.edges)} edges in {source} have no weight: each got volume 1, GEXF's default "
            "weight.",
            f"{source} 的 {len(fg.edges)} 条边中有 {unweighted} 条没有权重：按 GEXF 的默认权重，其数量记为 1。"))
    remark_undirected(project, source, fg)


def _finite(value: Any) -> float | None:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None
