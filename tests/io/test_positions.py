"""Positions on import (SPEC §4 "Positions", issue #15): a source without coordinates is laid
out (distinct places, a remark saying how); coordinates in the source are kept exactly."""

from __future__ import annotations

import json
import math

from ecodesk.diagram.geometry import ENTITY_BOX
from ecodesk.io import import_file
from ecodesk.io.gexf import project_from_gexf
from ecodesk.io.graphml import project_from_graphml
from ecodesk.io.jsonio import project_from_json


def positions(project, scenario=None):
    return {e.id: (e.x, e.y) for e in project.scenario(scenario).entities.values()}


def apart(pos):
    """No two entity boxes overlap (so no two entities at one place)."""
    items = list(pos.values())
    return all(abs(a[0] - b[0]) >= ENTITY_BOX[0] or abs(a[1] - b[1]) >= ENTITY_BOX[1]
               for k, a in enumerate(items) for b in items[k + 1:])


CHAIN = [("s1", "hub"), ("s2", "hub"), ("hub", "c1"), ("hub", "c2"), ("c1", "u1"), ("c2", "u2")]


def graphml(nodes: str, directed: bool = True) -> bytes:
    edges = "".join(f'<edge source="{a}" target="{b}"/>' for a, b in CHAIN)
    return (f'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            f'xmlns:y="http://www.yworks.com/xml/graphml"><key id="d0" for="node" yfiles.type="nodegraphics"/>'
            f'<key id="n" for="node" attr.name="label" attr.type="string"/>'
            f'<graph edgedefault="{"directed" if directed else "undirected"}">{nodes}{edges}</graph></graphml>'
            ).encode()


IDS = ("s1", "s2", "hub", "c1", "c2", "u1", "u2")


def test_graphml_without_coordinates_is_laid_out_with_a_remark():
    nodes = "".join(f'<node id="{i}"><data key="n">{i.upper()}</data></node>' for i in IDS)
    project = project_from_graphml(graphml(nodes), "plain.graphml")
    pos = positions(project)
    assert len(set(pos.values())) == 7 and apart(pos)
    assert pos["s1"][0] < pos["hub"][0] < pos["c1"][0] < pos["u1"][0]  # layered: sources left, sinks right
    assert ("Laid out 7 entities (layered) because the file gives no positions.",
            "文件未给出主体的位置，已自动排布 7 个主体（分层）。") in project.import_remarks


def test_undirected_graphml_gets_the_force_layout():
    nodes = "".join(f'<node id="{i}"/>' for i in IDS)
    project = project_from_graphml(graphml(nodes, directed=False), "undirected.graphml")
    assert apart(positions(project))
    assert any("(force)" in en and "力导向" in zh for en, zh in project.import_remarks)


def _yed_node(i: str, x: float, y: float) -> str:
    return (f'<node id="{i}"><data key="d0"><y:ShapeNode><y:Geometry x="{x}" y="{y}" width="30" height="20"/>'
            f'<y:NodeLabel>{i}</y:NodeLabel></y:ShapeNode></data></node>')


def test_yed_coordinates_are_kept_exactly():
    nodes = "".join(_yed_node(i, 100.5 * k, -40.25 * k) for k, i in enumerate(IDS))
    project = project_from_graphml(graphml(nodes), "yed.graphml")
    pos = positions(project)
    assert pos == {i: (100.5 * k + 15, -40.25 * k + 10) for k, i in enumerate(IDS)}
    assert not any("Laid out" in en for en, _ in project.import_remarks)


def test_a_foreign_file_with_every_node_at_one_point_is_laid_out_and_says_so():
    nodes = "".join(_yed_node(i, 0, 0) for i in IDS)
    project = project_from_graphml(graphml(nodes), "stacked.graphml")
    pos = positions(project)
    assert len(set(pos.values())) == 7 and apart(pos)
    assert ("Laid out 7 entities (layered) because the file puts every entity at one point (15, 10).",
            "文件把所有主体都放在同一点 (15, 10)，已自动排布 7 个主体（分层）。") in project.import_remarks


def test_some_nodes_placed_some_not_the_placed_ones_stay():
    nodes = _yed_node("hub", 0, 0) + _yed_node("s1", -300, 0) + "".join(f'<node id="{i}"/>' for i in IDS[1:] if i != "hub")
    project = project_from_graphml(graphml(nodes), "partial.graphml")
    pos = positions(project)
    assert pos["hub"] == (15.0, 10.0) and pos["s1"] == (-285.0, 10.0)
    assert len(set(pos.values())) == 7 and apart(pos)
    assert ("Laid out 5 of 7 entities (layered) because the file gives them no positions; the others keep the "
            "file's positions.",
            "文件未给出 7 个主体中 5 个的位置，已自动排布（分层）；其余主体保留文件中的位置。") in project.import_remarks


GEXF = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="directed"><nodes>{nodes}</nodes><edges>{edges}</edges></graph></gexf>"""


def test_gexf_without_viz_position_is_laid_out_and_with_it_kept():
    edges = "".join(f'<edge id="e{k}" source="{a}" target="{b}"/>' for k, (a, b) in enumerate(CHAIN))
    bare = GEXF.format(nodes="".join(f'<node id="{i}" label="{i}"/>' for i in IDS), edges=edges)
    pos = positions(project_from_gexf(bare.encode(), "gephi.gexf"))
    assert len(set(pos.values())) == 7 and apart(pos)
    placed = GEXF.format(nodes="".join(f'<node id="{i}" label="{i}"><viz:position x="{3.5 * k}" y="{-2.0 * k}" z="0"/>'
                                       f'</node>' for k, i in enumerate(IDS)), edges=edges)
    assert positions(project_from_gexf(placed.encode(), "placed.gexf")) == {
        i: (3.5 * k, 2.0 * k) for k, i in enumerate(IDS)}  # GEXF's y points up, the canvas's down


def test_csv_tables_without_x_and_y_columns(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "entities.csv").write_text("id,name\n" + "".join(f"{i},{i.upper()}\n" for i in IDS), encoding="utf-8")
    (folder / "flows.csv").write_text("id,source,target\n" + "".join(f"f{k},{a},{b}\n" for k, (a, b) in enumerate(CHAIN)),
                                      encoding="utf-8")
    project = import_file(folder, "csv")
    pos = positions(project)
    assert len(set(pos.values())) == 7 and apart(pos)
    assert any(en.startswith("Laid out 7 entities (layered)") for en, _ in project.import_remarks)
    # with coordinates (even all at 0, 0 in ecodesk's own tables) they are kept exactly
    (folder / "entities.csv").write_text("id,x,y\n" + "".join(f"{i},0,0\n" for i in IDS), encoding="utf-8")
    again = import_file(folder, "csv")
    assert set(positions(again).values()) == {(0.0, 0.0)} and not again.import_remarks


def test_json_without_x_y_is_laid_out_and_json_with_them_round_trips():
    data = {"format": "ecodesk", "entities": [{"id": i, "kind": "supplier" if i[0] == "s" else "other"} for i in IDS],
            "flows": [{"id": f"f{k}", "source": a, "target": b} for k, (a, b) in enumerate(CHAIN)]}
    project = project_from_json(json.loads(json.dumps(data)), "bare.json")
    pos = positions(project)
    assert len(set(pos.values())) == 7 and apart(pos)
    assert project.import_remarks == [("Laid out 7 entities (layered) because the file gives no positions.",
                                       "文件未给出主体的位置，已自动排布 7 个主体（分层）。")]
    for k, e in enumerate(data["entities"]):
        e["x"], e["y"] = (0.0, 0.0) if k < 6 else (1.5, -2.0)
    kept = project_from_json(data, "placed.json")
    assert positions(kept) == {i: ((0.0, 0.0) if k < 6 else (1.5, -2.0)) for k, i in enumerate(IDS)}
    assert kept.import_remarks == []


def test_json_money_flows_point_back_and_scenario_names_are_said():
    """Money runs against the goods: a chain paid for stays layered the goods' way round."""
    data = {"format": "ecodesk", "scenarios": [{
        "name": "Q3", "entities": [{"id": i} for i in IDS],
        "flows": [{"id": f"f{k}", "source": a, "target": b} for k, (a, b) in enumerate(CHAIN)]
        + [{"id": f"m{k}", "source": b, "target": a, "kind": "money"} for k, (a, b) in enumerate(CHAIN)]}]}
    project = project_from_json(data, "paid.json")
    pos = positions(project, "Q3")
    assert pos["s1"][0] < pos["hub"][0] < pos["u1"][0]
    assert project.import_remarks[0][0] == ("Laid out 7 entities in scenario 'Q3' (layered) because the file gives "
                                            "no positions.")
    assert "情景“Q3”" in project.import_remarks[0][1]


def test_gml_and_kumu_without_positions(tmp_path):
    gml = tmp_path / "g.gml"
    gml.write_text("graph [\n directed 1\n" + "".join(f' node [ id {k} label "{i}" ]\n' for k, i in enumerate(IDS))
                   + "".join(f" edge [ source {IDS.index(a)} target {IDS.index(b)} ]\n" for a, b in CHAIN) + "]\n",
                   encoding="utf-8")
    pos = positions(import_file(gml, "gml"))
    assert len(set(pos.values())) == 7 and apart(pos)
    kumu = tmp_path / "k.json"
    kumu.write_text(json.dumps({"elements": [{"_id": i, "attributes": {"label": i}} for i in IDS],
                                "connections": [{"from": a, "to": b} for a, b in CHAIN]}), encoding="utf-8")
    pos = positions(import_file(kumu, "kumu"))
    assert len(set(pos.values())) == 7 and apart(pos)


def test_the_real_igraph_supply_graph_gets_distinct_places():
    from pathlib import Path

    real = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "tier_auto_graph.gml"
    if not real.exists():
        import pytest

        pytest.skip("the shared real-data folder is not here")
    project = import_file(real, "gml")
    pos = positions(project)
    assert len(pos) == 800 and len(set(pos.values())) == 800
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    assert 0.4 < (max(xs) - min(xs)) / (max(ys) - min(ys)) < 2.5  # a picture, not a line
    assert all(math.isfinite(c) for p in pos.values() for c in p)
