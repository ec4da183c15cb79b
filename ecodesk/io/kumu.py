"""I/O layer: Kumu's JSON (kumu.io) — elements and connections, with map positions.

Import (``--format kumu``, or any ``.json`` with ``elements``/``connections`` and no
``"format": "ecodesk"``) reads both Kumu's project backups (``_id``, ``attributes``,
``maps[].elements[].position``) and its import blueprint (``label``, ``type`` and other fields
on the element itself; connections may name elements by label):

* element → entity: id from ``_id`` or ``id`` (made unique and valid), ``label`` → name,
  ``element type``/``type`` → kind where it names one (English or Chinese, e.g. 'Platform' →
  platform, 'Supplier' → supplier, 'Person'/'User' → user, 'Organization' → other), else
  ``other``; position from the default map (else the first map placing it); ``tags`` and every
  other attribute kept in notes as ``key: value`` lines.
* connection → flow: ``connection type``/``type`` → flow kind where it names one, else
  ``goods``; ``undirected``/``mutual`` direction noted; other attributes in notes. A
  connection whose ``from``/``to`` is missing or unknown is named in the error and nothing is
  imported. Kumu loops are listed in the project notes.

Export (``--format kumu``): one scenario (``--scenario``, else the first), as ``elements``
(``_id``, ``label``, ``type`` = the kind's label, and ``attributes`` holding every entity field:
``element type``, ``description`` = notes, ``industry``, ``ecosystems`` = the NAMES of its
ecosystems (Kumu shows names; they come back as ecosystems of those names), ``demand``,
``risk``, ``revenue``, ``color`` = its colour, and the capabilities it owns and needs it has as
JSON lists in ``ecodesk capabilities``/``ecodesk needs``), ``connections`` (``_id``, ``from``,
``to``, ``type``, ``direction`` and as attributes ``connection type`` = the kind's label,
``label`` = the flow's label, volume, unit value, risk, ``description`` = notes, ``capability``,
``standalone_cost``) and a map with every element's position. A Kumu round trip so keeps flow
kinds (capability flows too), ecosystem names, colours, flow labels and the analysis figures;
what Kumu cannot hold — pools, notes on the canvas, saved views, entity sizes, ecosystem ids and
colours, the project's currency, period and analysis settings, other scenarios — is listed by :func:`ecodesk.io.losses.export_losses`
before the export (and the export's notices name the pools and other scenarios it leaves out).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ecodesk.io.atomic import atomic_write
from ecodesk.io.errors import FormatError, Problem
from ecodesk.io.foreign import (
    CAPABILITIES_KEY,
    NEEDS_KEY,
    ForeignEdge,
    ForeignGraph,
    ForeignNode,
    graph_rows,
    remark_undirected,
)
from ecodesk.io.jsonio import read_json_file
from ecodesk.io.tabular import Place, build_scenario, note_value, problem
from ecodesk.model.scenario import Project

#: Keys of an element or connection that are structure, not attributes.
_ELEMENT_SKIP = {"_id", "id", "attributes"}
_CONNECTION_SKIP = {"_id", "id", "attributes", "from", "to", "direction", "delayed", "reversed"}


def is_kumu(data: Any) -> bool:
    """True for a Kumu JSON document (elements/connections, not an ecodesk file)."""
    return isinstance(data, Mapping) and data.get("format") != "ecodesk" and (
        "elements" in data or "connections" in data)


# --- export --------------------------------------------------------------------------------


def kumu_json(project: Project, scenario: str | None = None) -> tuple[dict[str, Any], list[str]]:
    s = project.scenario(scenario)
    lang = project.language or "en"
    # What Kumu cannot hold (other scenarios, pools, notes, views, sizes …) is said once, in both
    # languages, by ecodesk.io.losses before the file is written: nothing to repeat here.
    notices: list[str] = []
    eco_names = {eco.id: eco.name or eco.id for eco in s.ecosystems}
    owned: dict[str, list[dict[str, Any]]] = {}
    for i, c in enumerate(s.capabilities):  # "index": the place in the scenario, so the order comes back
        owned.setdefault(c.owner, []).append({**{k: v for k, v in c.to_dict().items() if k != "owner"}, "index": i})
    needs: dict[str, list[dict[str, Any]]] = {}
    for i, n in enumerate(s.needs):
        needs.setdefault(n.entity, []).append({**{k: v for k, v in n.to_dict().items() if k != "entity"}, "index": i})
    elements, connections, placed = [], [], []
    for e in s.entities:
        kind = e.kind.label(lang)
        attributes: dict[str, Any] = {"label": e.label, "element type": kind}
        if e.notes:
            attributes["description"] = e.notes
        attributes.update({"industry": e.industry or None,
                           "ecosystems": [eco_names.get(i, i) for i in e.ecosystems] or None, "demand": e.demand,
                           "risk": e.risk, "revenue": e.revenue, "color": e.color or None})
        if e.id in owned:
            attributes[CAPABILITIES_KEY] = json.dumps(owned[e.id], ensure_ascii=False, allow_nan=False)
        if e.id in needs:
            attributes[NEEDS_KEY] = json.dumps(needs[e.id], ensure_ascii=False, allow_nan=False)
        elements.append({"_id": e.id, "label": e.label, "type": kind,
                         "attributes": {k: v for k, v in attributes.items() if v is not None}})
        placed.append({"_id": f"node-{e.id}", "element": e.id, "position": {"x": e.x, "y": e.y}})
    for f in s.flows:
        kind = f.kind.label(lang)
        attributes = {"connection type": kind, "label": f.label or None, "volume": f.volume,
                      "unit_value": f.unit_value, "risk": f.risk, "description": f.notes or None,
                      "capability": f.capability, "standalone_cost": f.standalone_cost}
        connections.append({"_id": f.id, "from": f.source, "to": f.target, "type": kind, "direction": "directed",
                            "attributes": {k: v for k, v in attributes.items() if v is not None}})
    doc = {"name": project.name, "description": project.notes, "elements": elements, "connections": connections,
           "maps": [{"_id": "map-1", "name": s.name, "elements": placed,
                     "connections": [{"_id": f"edge-{f.id}", "connection": f.id} for f in s.flows]}]}
    return doc, notices


def export_kumu(project: Project, dest: str | os.PathLike[str], scenario: str | None = None) -> list[str]:
    doc, notices = kumu_json(project, scenario)
    text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    with atomic_write(dest) as fh:
        fh.write(text + "\n")
    return notices


# --- import --------------------------------------------------------------------------------


def import_kumu(path: str | os.PathLike[str]) -> Project:
    return project_from_kumu(read_json_file(path), Path(path).name)


def _attributes(item: Mapping[str, Any], skip: set[str]) -> dict[str, Any]:
    """The blueprint's top-level fields and the backup's ``attributes``, merged."""
    out = {k: v for k, v in item.items() if k not in skip}
    attrs = item.get("attributes")
    if isinstance(attrs, Mapping):
        out.update(attrs)
    if "element type" in out and "type" in out and out["type"] == out["element type"]:
        out.pop("type")
    if "connection type" in out and "type" in out and out["type"] == out["connection type"]:
        out.pop("type")
    tags = out.pop("tags", None)
    if tags:
        out["tags"] = tags if isinstance(tags, list) else [tags]
    return {k: v for k, v in out.items() if v is not None}


def _positions(data: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    maps = [m for m in data.get("maps") or [] if isinstance(m, Mapping)]
    default = data.get("defaultMap")
    maps.sort(key=lambda m: m.get("_id") != default)  # the default map first
    out: dict[str, tuple[float, float]] = {}
    for m in maps:
        for placed in m.get("elements") or []:
            if not isinstance(placed, Mapping):
                continue
            pos = placed.get("position")
            ref = placed.get("element")
            if isinstance(ref, str) and isinstance(pos, Mapping) and ref not in out:
                x, y = pos.get("x"), pos.get("y")
                if _is_number(x) and _is_number(y):
                    out[ref] = (float(x), float(y))  # type: ignore[arg-type]
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def project_from_kumu(data: Any, source: str = "Kumu JSON") -> Project:
    """A one-scenario project from a Kumu document; FormatError naming every problem."""
    if not is_kumu(data):
        raise FormatError(source, [problem(source, "is not Kumu JSON (it has no 'elements' or 'connections' list)",
                                           "不是 Kumu JSON（没有 'elements' 或 'connections' 列表）")])
    problems: list[Problem] = []
    elements = data.get("elements", [])
    connections = data.get("connections", [])
    elements, connections = ([] if v is None else v for v in (elements, connections))
    for key, items in (("elements", elements), ("connections", connections)):
        if not isinstance(items, list):
            raise FormatError(source, [problem(source, f"'{key}' must be a list", f"'{key}' 必须是列表")])
    positions = _positions(data)
    graph = ForeignGraph(_map_name(data))
    by_label: dict[str, list[str]] = {}
    known: set[str] = set()
    for n, el in enumerate(elements):
        place = Place(source, f"elements[{n}]", f"elements[{n}]")
        if not isinstance(el, Mapping):
            problems.append(place.problem("an element must be an object", "元素必须是对象"))
            continue
        eid = str(el.get("_id") or el.get("id") or "").strip() or f"element{n + 1}"
        place = Place(source, f"element '{eid}'", f"元素 '{eid}'")
        attrs = _attributes(el, _ELEMENT_SKIP)
        x, y = positions.get(eid, (None, None))
        graph.nodes.append(ForeignNode(eid, attrs, place, x, y))
        known.add(eid)
        label = attrs.get("label")
        if isinstance(label, str) and label.strip():
            by_label.setdefault(label.strip().casefold(), []).append(eid)
    for n, conn in enumerate(connections):
        if not isinstance(conn, Mapping):
            problems.append(Place(source, f"connections[{n}]", f"connections[{n}]").problem(
                "a connection must be an object", "连接必须是对象"))
            continue
        cid = str(conn.get("_id") or conn.get("id") or "").strip() or None
        place = Place(source, f"connection '{cid}'" if cid else f"connections[{n}]",
                      f"连接 '{cid}'" if cid else f"connections[{n}]")
        ends: list[str | None] = []
        for end in ("from", "to"):
            ref = conn.get(end)
            resolved = _resolve(ref, known, by_label)
            if resolved is None:
                what = "is missing" if ref in (None, "") else f"names element {note_value(ref)!r}, which does not exist"
                what_zh = "缺失" if ref in (None, "") else f"引用的元素 {note_value(ref)!r} 不存在"
                if isinstance(ref, str) and len(by_label.get(ref.strip().casefold(), [])) > 1:
                    what, what_zh = f"names {ref!r}, a label several elements share", f"引用的 {ref!r} 是多个元素共用的标签"
                problems.append(place.problem(f"'{end}' {what}", f"'{end}' {what_zh}"))
            ends.append(resolved)
        attrs = _attributes(conn, _CONNECTION_SKIP)
        direction = str(conn.get("direction") or "directed").strip().lower()
        if conn.get("reversed") is True:
            attrs["reversed"] = True
        source_id, target_id = ends
        if source_id is not None and target_id is not None:
            graph.edges.append(ForeignEdge(cid, source_id, target_id, attrs, place, directed=direction == "directed",
                                           direction_note="" if direction == "directed" else direction))
    rows = graph_rows(graph, problems)
    if problems:
        raise FormatError(source, problems)
    project = Project(str(data.get("name") or Path(source).stem or "Imported"), notes=_project_notes(data))
    scenario = build_scenario(graph.name, rows, problems, project.import_remarks, foreign=True)
    if scenario is None:
        raise FormatError(source, problems)
    project.add_scenario(scenario)
    remark_undirected(project, source, graph, ("connections", "连接"))
    return project


def _map_name(data: Mapping[str, Any]) -> str:
    """The scenario's name: the default map's name (our export writes the scenario's there)."""
    maps = [m for m in data.get("maps") or [] if isinstance(m, Mapping)]
    chosen = next((m for m in maps if m.get("_id") == data.get("defaultMap")), maps[0] if maps else {})
    name = chosen.get("name")
    return name.strip() if isinstance(name, str) and name.strip() else "Base"


def _resolve(ref: Any, known: set[str], by_label: Mapping[str, list[str]]) -> str | None:
    if not isinstance(ref, (str, int)) or isinstance(ref, bool):
        return None
    text = str(ref).strip()
    if text in known:
        return text
    matches = by_label.get(text.casefold(), [])
    return matches[0] if len(matches) == 1 else None


def _project_notes(data: Mapping[str, Any]) -> str:
    lines = []
    if isinstance(data.get("description"), str) and data["description"].strip():
        lines.append(data["description"].strip())
    for loop in data.get("loops") or []:
        if not isinstance(loop, Mapping):
            continue
        attrs = loop.get("attributes")
        attrs = attrs if isinstance(attrs, Mapping) else {}
        label = attrs.get("label") or loop.get("label") or loop.get("_id") or "loop"
        members = ", ".join(str(c) for c in loop.get("connections") or [])
        lines.append(f"loop {label}: {members}")
    return "\n".join(lines)
