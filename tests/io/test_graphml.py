"""GraphML (and GML): exact round trip, readable by networkx and igraph, foreign graphs, hostile XML."""

from __future__ import annotations

import dataclasses
import re
import time
import warnings
from pathlib import Path

import networkx as nx
import pytest

from ecodesk.io import FormatError, export_file, import_file
from ecodesk.model import Entity, Project, Scenario

REAL_GML = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "tier_auto_graph.gml"


def problems_of(path: Path) -> list[str]:
    with pytest.raises(FormatError) as info:
        import_file(path)
    return info.value.problems


def test_round_trip_every_scenario(rich_project, tmp_path):
    dest = tmp_path / "p.graphml"
    assert export_file(rich_project, dest) == []
    back = import_file(dest)
    assert back.content_equals(rich_project)
    text = dest.read_text(encoding="utf-8")
    assert text.count("<graph ") == 3 and 'id="s2:hub"' in text and 'id="s2:f1"' in text
    one = tmp_path / "one.graphml"
    export_file(rich_project, one, scenario="2.0 网络；共享")
    s = import_file(one)
    assert s.scenario_names() == ["2.0 网络；共享"] and s.scenario().content_equals(rich_project.scenario("2.0 网络；共享"))


def test_networkx_reads_one_node_per_entity_one_edge_per_flow(rich_project, tmp_path):
    dest = tmp_path / "p.graphml"
    export_file(rich_project, dest)
    s = rich_project.scenario()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "no key type" or port warnings either
        g = nx.read_graphml(dest)
    assert isinstance(g, nx.MultiDiGraph)  # f3 and f3b are parallel: both kept
    assert sorted(g.nodes) == sorted(s.entities.ids())
    assert sorted(k for _, _, k in g.edges(keys=True)) == sorted(s.flows.ids())
    hub = g.nodes["hub"]
    assert hub["name"] == "电商平台" and hub["kind"] == "platform" and hub["ecosystems"] == "car;家居"
    assert hub["revenue"] == 1.5e6 and isinstance(hub["demand"], float) and hub["x"] == -120.5 and hub["y"] == 33.25
    assert "revenue" not in g.nodes["sup"]  # None optionals are left out
    f2 = g.edges["sup", "渠道;华东", "f2"]
    assert f2["kind"] == "capability" and f2["capability"] == "rd" and f2["standalone_cost"] == 9e5
    assert f2["volume"] == 3.5 and f2["weight"] == 3.5
    assert g.graph["name"] == "1.0 线性" and g.graph["ecodesk_format"] == "ecodesk"


def test_igraph_reads_it_too(rich_project, tmp_path):
    ig = pytest.importorskip("igraph")
    dest = tmp_path / "p.graphml"
    export_file(rich_project, dest)
    g = ig.Graph.Read_GraphML(str(dest))
    s = rich_project.scenario()
    assert g.is_directed() and g.vcount() == len(s.entities) and g.ecount() == len(s.flows)
    assert g.vs.find(id="hub")["name"] == "电商平台" and g.vs.find(id="hub")["risk"] == 0.02


def test_foreign_networkx_digraph(tmp_path):
    g = nx.DiGraph(name="供应网络", region="华东")
    g.add_node("a", label="平台甲", kind="Platform", size=3, flag=True, x=10.5, y=-2)
    g.add_node("b", name="Supplier B", type="vendor", risk=0.2)
    g.add_node(3, color="red", risk=7)
    g.add_edge("a", "b", weight=2.5, kind="data", foo="bar")
    g.add_edge("b", 3, type="Money", volume=-1, unit_value=4)
    g.add_edge("a", "a", weight=1)
    nx.write_graphml(g, tmp_path / "g.graphml")
    p = import_file(tmp_path / "g.graphml")
    s = p.scenario()
    a, b, c = s.entities
    assert (a.id, a.name, a.kind.value, a.x, a.y) == ("a", "平台甲", "platform", 10.5, -2.0)
    assert a.notes.splitlines() == ["size: 3", "flag: true", "connection to itself (weight: 1)"]
    assert (b.name, b.kind.value, b.risk, b.notes) == ("Supplier B", "supplier", 0.2, "type: vendor")
    assert (c.id, c.kind.value, c.risk, c.notes) == ("3", "other", 0.0, "risk: 7")  # 7 is no probability
    assert c.color == "#ff0000"  # a CSS colour name is read as the entity's colour
    f1, f2 = s.flows
    assert (f1.source, f1.target, f1.kind.value, f1.volume, f1.notes) == ("a", "b", "data", 2.5, "foo: bar")
    assert (f2.kind.value, f2.volume, f2.unit_value, f2.notes) == ("money", 0.0, 4.0, "volume: -1")
    assert "region: 华东" in p.notes


def test_foreign_multigraph_and_undirected(tmp_path):
    m = nx.MultiDiGraph()
    m.add_edge("x", "y")
    m.add_edge("x", "y", weight=3)
    m.add_edge("y", "x", key="k")
    nx.write_graphml(m, tmp_path / "m.graphml")
    s = import_file(tmp_path / "m.graphml").scenario()
    assert [(f.id, f.source, f.target, f.volume) for f in s.flows] == [
        ("0", "x", "y", 0.0), ("1", "x", "y", 3.0), ("k", "y", "x", 0.0)]
    u = nx.Graph()
    u.add_edge(1, 2, weight=4)
    u.add_edge(2, 3)
    nx.write_graphml(u, tmp_path / "u.graphml")
    s = import_file(tmp_path / "u.graphml").scenario()
    assert [(f.source, f.target, f.volume, f.notes) for f in s.flows] == [
        ("1", "2", 4.0, "direction: undirected"), ("2", "3", 0.0, "direction: undirected")]


def test_ids_clash_between_nodes_and_edges(tmp_path):
    (tmp_path / "c.graphml").write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="0"/><node id="1"/><edge id="0" source="0" target="1"/><edge id="e" source="1" target="0"/>'
        "</graph></graphml>", encoding="utf-8")
    s = import_file(tmp_path / "c.graphml").scenario()
    assert s.flows.ids() == ["flow1", "e"] and s.flows["flow1"].notes == "id in file: 0"


def test_yed_file(tmp_path):
    (tmp_path / "y.graphml").write_text("""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key attr.name="description" attr.type="string" for="node" id="d5"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d5">核心平台</data><data key="d6"><y:ShapeNode>
      <y:Geometry height="30.0" width="60.0" x="100.0" y="50.0"/><y:NodeLabel>平台</y:NodeLabel>
    </y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="0" y="0"/>
      <y:NodeLabel>用户</y:NodeLabel></y:ShapeNode></data>
      <graph id="n1:" edgedefault="directed"><node id="n1::n0"/></graph></node>
    <edge id="e0" source="n0" target="n1"><data key="d10"><y:PolyLineEdge/></data></edge>
    <edge id="e1" source="n1::n0" target="n0"/>
  </graph>
</graphml>""", encoding="utf-8")
    s = import_file(tmp_path / "y.graphml").scenario()
    n0, n1, inner = s.entities
    assert (n0.name, n0.x, n0.y, n0.notes) == ("平台", 130.0, 65.0, "核心平台")
    assert (n1.name, n1.x, n1.y) == ("用户", 15.0, 15.0)
    assert inner.id == "n1::n0" and inner.notes == "group: n1"
    assert [(f.source, f.target) for f in s.flows] == [("n0", "n1"), ("n1::n0", "n0")]


def test_edge_to_missing_node_is_named(tmp_path):
    (tmp_path / "m.graphml").write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="a"/><edge id="e1" source="a" target="ghost"/></graph></graphml>', encoding="utf-8")
    assert problems_of(tmp_path / "m.graphml") == [
        "m.graphml: graph 'Base', edge 'e1': its target 'ghost' is not a node of the graph."]


def test_edited_own_file_with_bad_values(rich_project, tmp_path):
    dest = tmp_path / "p.graphml"
    export_file(rich_project, dest, scenario="1.0 线性")
    text = dest.read_text(encoding="utf-8")
    text = text.replace('<data key="n_risk">0.1</data>', '<data key="n_risk">high</data>', 1)  # entity 'sup'
    text = text.replace('source="hub" target="users"', 'source="hub" target="nobody"', 1)
    dest.write_text(text, encoding="utf-8")
    assert problems_of(dest) == [  # every problem at once, each at its place
        "p.graphml: graph '1.0 线性', node 'sup', attribute 'risk': 'high' is not a number.",
        "p.graphml: graph '1.0 线性', edge 'f3': Flow 'f3', field 'target': names entity 'nobody', which does not "
        "exist."]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="name" attr.type="string"/>
<graph edgedefault="directed"><node id="a"><data key="d0">&lol9;</data></node></graph></graphml>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="name" attr.type="string"/>
<graph edgedefault="directed"><node id="a"><data key="d0">&secret;</data></node></graph></graphml>"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_hostile_xml_refused_quickly(tmp_path, text):
    path = tmp_path / "evil.graphml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    problems = problems_of(path)
    assert time.perf_counter() - start < 0.5
    assert problems[0].startswith("evil.graphml: declares XML entities") and "safety" in problems[0]


def test_truncated_and_wrong_xml(rich_project, tmp_path):
    dest = tmp_path / "t.graphml"
    export_file(rich_project, dest)
    text = dest.read_text(encoding="utf-8")
    dest.write_text(text[: len(text) // 2], encoding="utf-8")
    (problem,) = problems_of(dest)
    assert re.fullmatch(r"t\.graphml: line \d+, column \d+: not well-formed XML \(.+\)\.", problem)
    dest.write_text("<html><body/></html>", encoding="utf-8")
    assert problems_of(dest) == ["t.graphml: is not GraphML (its root element is <html>)."]


def test_control_characters_are_dropped_with_a_notice(tmp_path):
    s = Scenario("S")
    s.add(Entity("a", "bell\x07", notes="ok\x01"))
    notices = export_file(Project("P", scenarios=[s]), tmp_path / "c.graphml")
    assert notices == ["Removed control characters that XML cannot hold from: entity 'a' name, entity 'a' notes."]
    e = import_file(tmp_path / "c.graphml").scenario().entities["a"]
    assert (e.name, e.notes) == ("bell", "ok")


def test_export_is_atomic(rich_project, tmp_path, monkeypatch):
    dest = tmp_path / "out.graphml"
    dest.write_text("old", encoding="utf-8")

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("ecodesk.io.graphml.graphml_text", boom)
    with pytest.raises(OSError):
        export_file(rich_project, dest)
    assert dest.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["out.graphml"]


def test_real_gml_file_every_node_and_edge():
    if not REAL_GML.exists():
        pytest.skip("shared/realdata is not beside the repository")
    text = REAL_GML.read_text(encoding="utf-8")
    nodes = len(re.findall(r"^\s*node\s*\[?\s*$", text, re.M))
    edges = len(re.findall(r"^\s*edge\s*\[?\s*$", text, re.M))
    s = import_file(REAL_GML).scenario()
    assert (len(s.entities), len(s.flows)) == (nodes, edges) == (800, 4811)  # parallel edges kept


def test_networkx_gml(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", kind="user", graphics={"x": 5.0, "y": 6.0})
    g.add_edge("a", "b", weight=2)
    g.add_edge("a", "b", type="data")
    nx.write_gml(g, tmp_path / "g.gml")
    s = import_file(tmp_path / "g.gml").scenario()
    a = s.entities.at(0)
    assert (a.name, a.kind.value, a.x, a.y) == ("a", "user", 5.0, 6.0)
    assert [(f.volume, f.kind.value) for f in s.flows] == [(2.0, "goods"), (0.0, "data")]
    (tmp_path / "bad.gml").write_text("graph [ node [ id 1 ", encoding="utf-8")
    assert problems_of(tmp_path / "bad.gml")[0].startswith("bad.gml: is not valid GML")


# --- yEd / yFiles fidelity (issue 15) ---------------------------------------------------------

FOREIGN = Path(__file__).resolve().parent / "fixtures" / "foreign"


def kept_labels(name: str) -> tuple[int, int, int, int, Project]:
    """(nodes whose name is their first non-empty label, labelled nodes, edges likewise, labelled edges)."""
    import json

    truth = json.loads((FOREIGN / f"{name}.truth.json").read_text(encoding="utf-8"))
    p = import_file(FOREIGN / f"{name}.graphml")
    s = p.scenario()
    nodes = sum(1 for i, n in truth["nodes"].items() if s.entities[i].name == n)
    edges = sum(1 for i, n in truth["edges"].items() if s.flows[i].label == n)
    return nodes, len(truth["nodes"]), edges, len(truth["edges"]), p


def test_yed_desktop_dialect_keeps_names_labels_positions_colours():
    """yEd 3.18: ShapeNode, GenericNode (flowchart/BPMN), SVGNode whose first label is empty
    (hasText="false", whitespace), a group (ProxyAutoBoundsNode, two realizers), several labels
    per node, PolyLine/Bezier edges with EdgeLabels (some after an empty one)."""
    nodes, n_nodes, edges, n_edges, p = kept_labels("yed_318_supply")
    assert (nodes, n_nodes, edges, n_edges) == (37, 37, 13, 13)  # the old importer: 26 of 37, 0 of 13
    assert nodes / n_nodes >= 0.95 and edges / n_edges >= 0.95
    s = p.scenario()
    assert len(s.entities) == 41 and len(s.flows) == 32
    hub = s.entities["n0"]
    assert (hub.name, hub.x, hub.y, hub.color, hub.notes) == ("电商平台", 40.0, 20.0, "#ffcc00", "核心")
    assert s.entities["n5"].color == "#3366ff"  # yEd's #RRGGBBAA: the alpha is dropped
    svg = s.entities["n26"]  # an icon: empty label first, the name second
    assert (svg.name, svg.x, svg.y, svg.color) == ("Sensor maker", 824.0, 24.0, "#ccccff")
    assert s.entities["n24"].name == "Approval"  # two empty labels before it
    assert (s.entities["n23"].name, s.entities["n23"].notes) == ("海关", "label 2: second label")
    group = s.entities["n36"]  # the open group's label, not the closed realizer's 'Folder 1'
    assert (group.name, group.x, group.y, group.color) == ("区域仓网", 1150.0, 80.0, "#f5f5f5")
    assert s.entities["n36::n0"].notes == "group: n36"
    assert [s.entities[i].name for i in ("n34", "n37", "n38")] == ["", "", ""]  # no label at all
    assert s.flows["e0"].label == "monthly settlement" and s.flows["e4"].label == "spare parts"  # e4: empty first
    assert s.flows["e31"].label == "" and s.flows["e20"].label == ""
    assert p.import_remarks == []  # directed: nothing to say


def test_yed_live_yfiles_html_dialect():
    """yEd Live / yFiles for HTML: <y:Label.Text> in NodeLabels/EdgeLabels lists, <y:RectD>,
    fills as #AARRGGBB, a shared reference, a CSS name, rgb(), a fill element; zOrder and
    folding bookkeeping are not the planner's data."""
    nodes, n_nodes, edges, n_edges, p = kept_labels("yed_live_flows")
    assert (nodes, n_nodes, edges, n_edges) == (19, 19, 10, 10)  # the old importer: 0 of 19, 0 of 10
    s = p.scenario()
    got = {e.id: (e.x, e.y, e.color) for e in s.entities}
    assert got["n0"] == (-240.0, -180.0, "#ff8c00") and got["n1"] == (-80.0, -180.0, "#336699")
    assert got["n2"][2] == "#336699" and got["n3"][2] == "#ffa500" and got["n4"][2] == "#b7c9e3"
    assert got["n5"][2] == "#66cc99" and got["n18"] == (760.0, 20.0, "#2e8b57")
    assert len({(x, y) for x, y, _ in got.values()}) == 20  # every node at its own place
    assert s.entities["n0"].notes == "label 2: v2" and s.entities["n1"].notes == "entry point"
    assert not any("zOrder" in e.notes or "Expanded" in e.notes for e in s.entities)
    assert (s.flows["e0"].label, s.flows["e2"].label, s.flows["e12"].label) == ("PUT /documents",
                                                                                "monthly settlement", "")


def test_graph_tool_pos_and_hex_floats(tmp_path):
    """graph-tool writes vector properties as 'x, y' and doubles as hex floats."""
    (tmp_path / "gt.graphml").write_text("""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="key0" for="node" attr.name="_pos" attr.type="vector_float" />
  <key id="key1" for="node" attr.name="risk" attr.type="double" />
  <key id="key2" for="edge" attr.name="weight" attr.type="double" />
  <key id="key3" for="node" attr.name="_graphml_vertex_id" attr.type="string" />
  <key id="key4" for="edge" attr.name="_graphml_edge_id" attr.type="string" />
  <graph id="G" edgedefault="directed" parse.nodeids="canonical" parse.edgeids="canonical" parse.order="nodesfirst">
    <node id="n0"><data key="key0">0x1.4p+3, -0x1.8p+1</data><data key="key1">0x1.999999999999ap-4</data>
      <data key="key3">substation A</data></node>
    <node id="n1"><data key="key0">12.5, 7</data></node>
    <node id="n2"><data key="key0">1, 2, 3</data></node>
    <edge id="e0" source="n0" target="n1"><data key="key2">0x1.8p+1</data><data key="key4">line 7</data></edge>
  </graph>
</graphml>""", encoding="utf-8")
    s = import_file(tmp_path / "gt.graphml").scenario()
    a, b, c = s.entities
    assert (a.x, a.y, a.risk, a.name, a.notes) == (10.0, -3.0, 0.1, "substation A", "")
    assert (b.x, b.y) == (12.5, 7.0)
    assert c.notes == "_pos: 1, 2, 3"  # not a position: kept as written
    assert s.flows["line 7"].volume == 3.0  # the edge's id in the file graph-tool read


def test_export_writes_flow_labels_and_entity_colours(rich_project, tmp_path):
    s = rich_project.scenario()
    s.replace(dataclasses.replace(s.flows["f3"], label="主通道 monthly"))
    s.replace(dataclasses.replace(s.entities["hub"], color="#112233"))
    dest = tmp_path / "p.graphml"
    export_file(rich_project, dest, scenario=s.name)
    text = dest.read_text(encoding="utf-8")
    assert '<y:Fill color="#112233"' in text and "<y:EdgeLabel>主通道 monthly</y:EdgeLabel>" in text
    assert text.count('attr.name="label"') == 2  # one for nodes (the name), one for edges (the flow label)
    g = nx.read_graphml(dest)
    assert g.edges["hub", "users", "f3"]["label"] == "主通道 monthly" and "label" not in g.edges["hub", "users", "f3b"]
    assert g.nodes["hub"]["color"] == "#112233"
    back = import_file(dest)
    assert back.scenario().content_equals(s)
    assert back.scenario().flows["f3"].label == "主通道 monthly" and back.scenario().entities["hub"].color == "#112233"


def test_own_file_from_before_flow_labels_does_not_take_the_kind_as_label(rich_project, tmp_path):
    dest = tmp_path / "p.graphml"
    export_file(rich_project, dest, scenario=rich_project.scenario().name)
    text = dest.read_text(encoding="utf-8")
    old = re.sub(r'  <key id="n_color"[^\n]*\n', "", text)  # the keys of a file written before colours/labels
    old = re.sub(r'(<edge id="f1"[^>]*>)', r'\1<data key="e_label">capability</data>', old)
    (tmp_path / "old.graphml").write_text(old, encoding="utf-8")
    s = import_file(tmp_path / "old.graphml").scenario()
    assert s.flows["f1"].label == ""


def test_undirected_graph_is_said(tmp_path):
    u = nx.Graph()
    u.add_edge("plant", "dc", weight=4)
    u.add_edge("dc", "shop")
    nx.write_graphml(u, tmp_path / "u.graphml")
    p = import_file(tmp_path / "u.graphml")
    en, zh = p.import_remarks[-1]  # after the layout's remark (the file has no positions)
    assert en == ("The graph in u.graphml is undirected: each edge became one flow from its first to its second "
                  "end, in the file's order; check the directions before reading resilience.")
    assert zh.startswith("u.graphml 中的图是无向图") and en in p.notes
    (tmp_path / "u.gml").write_text('graph [\n node [ id 0 label "a" ]\n node [ id 1 label "b" ]\n'
                                    ' edge [ source 0 target 1 ]\n]\n', encoding="utf-8")
    p = import_file(tmp_path / "u.gml")
    assert p.import_remarks[-1][0].startswith("The graph in u.gml is undirected")
    (tmp_path / "d.gml").write_text('graph [\n directed 1\n node [ id 0 ]\n node [ id 1 ]\n'
                                    ' edge [ source 0 target 1 ]\n]\n', encoding="utf-8")
    assert [r for r in import_file(tmp_path / "d.gml").import_remarks if not r[0].startswith("Laid out")] == []


def test_resilience_notes_say_directions_came_from_the_file(tmp_path):
    from ecodesk.analysis.notes_zh import notes_text
    from ecodesk.analysis.resilience import analyze_resilience

    u = nx.Graph()
    u.add_node("plant", kind="supplier")
    u.add_node("shop", kind="user", demand=10)
    u.add_edge("plant", "dc", weight=4)
    u.add_edge("dc", "shop", weight=4)
    nx.write_graphml(u, tmp_path / "u.graphml")
    p = import_file(tmp_path / "u.graphml")
    notes = analyze_resilience(p.scenario(), p.settings).notes
    said = [n for n in notes if "undirected" in n]
    assert said == ["2 supply flows came from undirected edges of an imported file: their direction is the file's "
                    "edge order (first end to second end); check them before reading these figures."]
    assert notes_text(said, "zh")[0].startswith("有 2 条供应类资源流来自导入文件中的无向边")
    nx.write_graphml(nx.DiGraph([("plant", "dc"), ("dc", "shop")]), tmp_path / "d.graphml")
    p = import_file(tmp_path / "d.graphml")
    assert not any("undirected" in n for n in analyze_resilience(p.scenario(), p.settings).notes)

