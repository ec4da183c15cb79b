"""I/O layer: positions for the entities an import brought without any (SPEC §4 "Positions").

Every importer goes through :func:`ecodesk.io.tabular.build_scenario` (CSV, GraphML, GEXF,
GML, Kumu, foreign tables) or :func:`ecodesk.io.jsonio.scenario_from_json`; both call
:func:`fill_positions` on the objects they made, before they enter the scenario.

* An entity whose source row has neither ``x`` nor ``y`` is laid out by
  :func:`ecodesk.diagram.placement.place`; the others keep the file's coordinates exactly
  (an entity with only one of them keeps it and gets 0 for the other, the model's default).
* Another tool's file (``foreign``) that puts every entity it places at one and the same
  point (two or more, all at, say, (0, 0)) is a file without positions: it is laid out as a
  whole, and the remark says so. Not so for ecodesk's own files (JSON, CSV tables, GraphML
  and GEXF written by ecodesk): what ecodesk wrote comes back exactly.
* Direction for the layered layout: supply flows (goods, capability, logistics) as written,
  money flows turned round (money runs against the goods); data, traffic and credit flows
  hold entities together without choosing columns. When every flow says it came from an
  undirected edge (the foreign importers' ``direction: undirected`` note), force-directed.

The import remark ("Laid out 240 entities (layered) because the file gives no positions.")
goes to ``remarks`` — the caller passes its project's ``import_remarks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ecodesk.model.objects import Entity, Flow, ModelObject

SUPPLY = frozenset({"goods", "capability", "logistics"})
AGAINST = frozenset({"money"})
_UNDIRECTED_NOTE = re.compile(r"^direction: (undirected|mutual)$", re.M)
METHOD_ZH = {"layered": "分层", "force": "力导向"}


def oriented(flows: Iterable[Any]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The flows as the layered layout reads them: ``edges`` that choose columns (supply flows
    as written, money flows turned round) and ``links`` that only hold entities together."""
    edges: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    for f in flows:
        if not isinstance(f, Flow):
            continue
        kind = f.kind.value
        if kind in SUPPLY:
            edges.append((f.source, f.target))
        elif kind in AGAINST:
            edges.append((f.target, f.source))
        else:
            links.append((f.source, f.target))
    return edges, links


def missing_ids(rows: Iterable[Any]) -> set[str]:
    """Ids of the entity rows (``Row`` objects or plain mappings) with neither x nor y."""
    out: set[str] = set()
    for row in rows:
        data = getattr(row, "data", row)
        if isinstance(data, Mapping) and "x" not in data and "y" not in data and isinstance(data.get("id"), str):
            out.add(data["id"])
    return out


def fill_positions(entities: Sequence[ModelObject], flows: Sequence[ModelObject], missing: set[str],
                   scenario: str = "", remarks: list[tuple[str, str]] | None = None,
                   stacked: bool = False) -> list[ModelObject]:
    """``entities`` with positions for the ``missing`` ones (and, with ``stacked``, for all
    when the file puts every placed entity at one point); appends one (English, Chinese)
    remark to ``remarks`` when it lays anything out. The same objects when nothing is to do."""
    from ecodesk.diagram.placement import place

    ents = [e for e in entities if isinstance(e, Entity)]
    given = [(e.x, e.y) for e in ents if e.id not in missing]
    stacked = stacked and len(given) >= 2 and len(set(given)) == 1
    todo = {e.id for e in ents} if stacked else {e.id for e in ents if e.id in missing}
    if not todo:
        return list(entities)
    fixed = {e.id: (e.x, e.y) for e in ents if e.id not in todo}
    edges, links = oriented(flows)
    undirected = sum(1 for f in flows if isinstance(f, Flow) and _UNDIRECTED_NOTE.search(f.notes))
    directed = not flows or undirected < len(flows)
    kinds = {e.id: e.kind.value for e in ents}
    positions, method = place([e.id for e in ents], edges, fixed, kinds, directed=directed, links=links)
    out: list[ModelObject] = []
    for obj in entities:
        if isinstance(obj, Entity) and obj.id in todo:
            x, y = positions[obj.id]
            obj = obj.evolve(x=x, y=y)
        out.append(obj)
    if remarks is not None:
        point = given[0] if stacked else None
        remarks.append(layout_remark(len(todo), len(ents), method, scenario, point))
    return out


def layout_remark(laid: int, total: int, method: str, scenario: str = "",
                  point: tuple[float, float] | None = None) -> tuple[str, str]:
    """The (English, Chinese) import remark for ``laid`` of ``total`` entities laid out."""
    how_zh = METHOD_ZH.get(method, method)
    where_en = f" in scenario '{scenario}'" if scenario and scenario != "Base" else ""
    where_zh = f"情景“{scenario}”中" if scenario and scenario != "Base" else ""
    things = "entity" if laid == 1 else "entities"
    if point is not None:
        at = f"({_num(point[0])}, {_num(point[1])})"
        return (f"Laid out {laid:,} {things}{where_en} ({method}) because the file puts every entity at one point "
                f"{at}.",
                f"文件把{where_zh}所有主体都放在同一点 {at}，已自动排布 {laid:,} 个主体（{how_zh}）。")
    if laid == total:
        return (f"Laid out {laid:,} {things}{where_en} ({method}) because the file gives no positions.",
                f"文件未给出{where_zh}主体的位置，已自动排布 {laid:,} 个主体（{how_zh}）。")
    return (f"Laid out {laid:,} of {total:,} entities{where_en} ({method}) because the file gives them no positions; "
            "the others keep the file's positions.",
            f"文件未给出{where_zh} {total:,} 个主体中 {laid:,} 个的位置，已自动排布（{how_zh}）；其余主体保留文件中的位置。")


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))
