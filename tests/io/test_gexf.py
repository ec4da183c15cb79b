"""GEXF 1.3: one scenario per file, exact round trip, readable by networkx, foreign Gephi files."""

from __future__ import annotations

import time
from pathlib import Path

import networkx as nx
import pytest

from ecodesk.io import FormatError, export_file, import_file


def problems_of(path: Path) -> list[str]:
    with pytest.raises(FormatError) as info:
        import_file(path)
    return info.value.problems


@pytest.mark.parametrize("name", ["1.0 线性", "2.0 网络；共享", "空白 scenario"])
def test_round_trip_each_scenario(rich_project, tmp_path, name):
    dest = tmp_path / "p.gexf"
    assert export_file(rich_project, dest, scenario=name) == []
    back = import_file(dest)
    assert back.meta_dict() == rich_project.meta_dict()
    assert back.scenario_names() == [name] and back.scenario().content_equals(rich_project.scenario(name))


def test_one_scenario_per_file_says_so(rich_project, tmp_path):
    notices = export_file(rich_project, tmp_path / "p.gexf")
    assert notices == ["GEXF holds one scenario: wrote '1.0 线性' (not '2.0 网络；共享', '空白 scenario'); "
                       "export another with --scenario."]
    assert import_file(tmp_path / "p.gexf").scenario_names() == ["1.0 线性"]


def test_networkx_reads_it(rich_project, tmp_path):
    dest = tmp_path / "p.gexf"
    export_file(rich_project, dest)
    g = nx.read_gexf(dest)
    s = rich_project.scenario()
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted(g.nodes) == sorted(s.entities.ids())
    assert sorted(d["id"] for _, _, d in g.edges(data=True)) == sorted(s.flows.ids())
    hub = g.nodes["hub"]
    assert hub["label"] == "电商平台" and hub["kind"] == "platform" and hub["risk"] == 0.02
    assert hub["notes"] == "第一行\n第二行, 含逗号 \"引号\"\r\n第三行\ttab"  # attribute values keep line breaks
    assert hub["viz"]["position"] == {"x": -120.5, "y": -33.25, "z": 0.0}  # Gephi's y axis points up
    assert hub["viz"]["color"] == {"r": 60, "g": 111, "b": 168, "a": 1.0}
    f1 = next(d for _, _, d in g.edges(data=True) if d["id"] == "f1")
    assert f1["kind"] == "capability" and f1["capability"] == "rd" and f1["weight"] == 10.0
    assert "standalone_cost" not in f1


GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
  <meta lastmodifieddate="2024-03-01"><creator>Gephi 0.10</creator><description></description></meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node" mode="static">
      <attribute id="0" title="Type" type="string"/>
      <attribute id="1" title="Modularity Class" type="integer"/>
      <attribute id="2" title="segment" type="string"><default>B2B</default></attribute>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="k" title="kind" type="string"/>
    </attributes>
    <nodes>
      <node id="n1" label="物流公司">
        <attvalues><attvalue for="0" value="Logistics provider"/><attvalue for="1" value="2"/></attvalues>
        <viz:position x="12.5" y="-40.0" z="0.0"/><viz:color r="10" g="20" b="30"/>
      </node>
      <node id="n2" label="渠道商"><attvalues><attvalue for="0" value="渠道商"/></attvalues></node>
    </nodes>
    <edges>
      <edge id="0" source="n1" target="n2" weight="3.5" label="送货"><attvalues><attvalue for="k" value="物流"/>
      </attvalues></edge>
      <edge id="1" source="n2" target="n1" type="mutual"/>
    </edges>
  </graph>
</gexf>"""


def test_foreign_gephi_file(tmp_path):
    (tmp_path / "g.gexf").write_text(GEPHI, encoding="utf-8")
    p = import_file(tmp_path / "g.gexf")
    a, b = p.scenario().entities
    assert (a.id, a.name, a.kind.value, a.x, a.y) == ("n1", "物流公司", "other", 12.5, 40.0)
    assert a.notes.splitlines() == ["Type: Logistics provider", "segment: B2B", "Modularity Class: 2"]
    assert (b.name, b.kind.value) == ("渠道商", "channel")
    f0, f1 = p.scenario().flows
    assert (f0.id, f0.kind.value, f0.volume, f0.label, f0.notes) == ("0", "logistics", 3.5, "送货", "")
    assert (f1.source, f1.target, f1.volume, f1.notes) == ("n2", "n1", 1.0, "direction: mutual")  # GEXF default 1
    assert a.color == "#0a141e"


def test_foreign_networkx_gexf(tmp_path):
    m = nx.MultiDiGraph()
    m.add_node("x", label="甲", kind="research")
    m.add_edge("x", "y", weight=3)
    m.add_edge("x", "y", kind="credit")
    nx.write_gexf(m, tmp_path / "m.gexf")
    s = import_file(tmp_path / "m.gexf").scenario()
    assert [(e.id, e.name, e.kind.value) for e in s.entities] == [("x", "甲", "research"), ("y", "y", "other")]
    assert [(f.source, f.target, f.volume, f.kind.value, f.notes) for f in s.flows] == [
        ("x", "y", 3.0, "goods", ""), ("x", "y", 1.0, "credit", "")]  # no weight: GEXF's default 1.0


def test_bad_gexf(tmp_path):
    path = tmp_path / "bad.gexf"
    path.write_text("""<?xml version="1.0"?><!DOCTYPE gexf [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a" label="&x;"/></nodes></graph></gexf>""",
                    encoding="utf-8")
    start = time.perf_counter()
    assert "declares XML entities" in problems_of(path)[0]
    assert time.perf_counter() - start < 0.5
    path.write_text('<gexf xmlns="http://gexf.net/1.3"><graph><nodes><node id="a"/>', encoding="utf-8")
    assert problems_of(path)[0].startswith("bad.gexf: line 1, column ")
    path.write_text('<gexf xmlns="http://gexf.net/1.3"><graph><nodes><node id="a"/></nodes><edges>'
                    '<edge id="e" source="a" target="b"/></edges></graph></gexf>', encoding="utf-8")
    assert problems_of(path) == ["bad.gexf: edge 'e': its target 'b' is not a node of the graph."]


# --- Gephi fidelity (issue 15) ----------------------------------------------------------------

FOREIGN = Path(__file__).resolve().parent / "fixtures" / "foreign"


def test_gephi_sample_unweighted_edges_get_gexf_default_weight():
    """Gephi's own dialect (as its Les Misérables sample: GEXF 1.1 draft, undirected, weight
    left out where it is 1, viz size/position/colour on every node)."""
    p = import_file(FOREIGN / "gephi_lesmis_dialect.gexf")
    s = p.scenario()
    assert (len(s.entities), len(s.flows)) == (12, 20)
    weights = [f.volume for f in s.flows]
    assert weights.count(1.0) >= 8 and 0.0 not in weights
    unweighted = [f for f in s.flows if f.id in {"0", "3", "5", "8", "10", "13", "15", "18"}]
    assert [f.volume for f in unweighted] == [1.0] * 8  # the 8 edges without weight: GEXF's default 1.0
    assert s.flows["1"].volume == 8.0
    hub = s.entities["0.0"]
    assert (hub.name, hub.x, hub.y, hub.color) == ("平台", 35.38338, 104.03587, "#f22106")
    assert hub.notes.splitlines() == ["modularity_class: 0", "size: 10.18708"]
    assert all(e.color.startswith("#") and len(e.color) == 7 for e in s.entities)
    en = [r[0] for r in p.import_remarks]
    assert en == ["8 of the 20 edges in gephi_lesmis_dialect.gexf have no weight: each got volume 1, GEXF's default "
                  "weight.",
                  "The graph in gephi_lesmis_dialect.gexf is undirected: each edge became one flow from its first to "
                  "its second end, in the file's order; check the directions before reading resilience."]
    assert p.import_remarks[0][1] == "gephi_lesmis_dialect.gexf 的 20 条边中有 8 条没有权重：按 GEXF 的默认权重，其数量记为 1。"
    assert all(f.notes == "direction: undirected" for f in s.flows)


DYNAMIC = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">
  <graph mode="dynamic" defaultedgetype="directed" timeformat="double">
    <attributes class="node" mode="dynamic"><attribute id="score" title="score" type="float"/></attributes>
    <attributes class="edge" mode="dynamic"><attribute id="weight" title="Weight" type="float"/></attributes>
    <nodes>
      <node id="a" label="Plant">
        <attvalues><attvalue for="score" value="1.5" start="2019" end="2019"/>
          <attvalue for="score" value="2.5" start="2020"/></attvalues>
        <spells><spell start="2019" end="2020"/><spell start="2022"/></spells>
        <viz:size value="12.5"/><viz:color r="255" g="153" b="0" a="0.5"/>
      </node>
      <node id="b" label="Shop" start="2020" end="2023"><viz:color hex="#3366FF"/></node>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b" label="monthly settlement">
        <attvalues><attvalue for="weight" value="5" start="2021" end="2021"/>
          <attvalue for="weight" value="3" start="2019" end="2019"/>
          <attvalue for="weight" value="4" start="2020" end="2020"/></attvalues>
        <viz:color r="10" g="20" b="30"/><viz:thickness value="2"/>
      </edge>
    </edges>
  </graph>
</gexf>"""


def test_dynamic_values_are_summarised_not_lost(tmp_path):
    (tmp_path / "dyn.gexf").write_text(DYNAMIC, encoding="utf-8")
    p = import_file(tmp_path / "dyn.gexf")
    s = p.scenario()
    a, b = s.entities
    assert (a.color, b.color) == ("#ff9900", "#3366ff")
    assert a.notes.splitlines() == ["score: 2.5", "score over time: 2 values 2019–2020, last 2.5",
                                    "present: 2019–2020, 2022", "size: 12.5"]
    assert b.notes == "present: 2020–2023"
    f = s.flows["0"]
    assert (f.volume, f.label) == (5.0, "monthly settlement")  # the last value by time
    assert f.notes.splitlines() == ["Weight over time: 3 values 2019–2021, last 5", "thickness: 2", "color: #0a141e"]
    assert [r for r in p.import_remarks if not r[0].startswith("Laid out")] == []  # weighted, directed: nothing else


def test_export_writes_flow_label_and_entity_colour(rich_project, tmp_path):
    import dataclasses

    s = rich_project.scenario()
    s.replace(dataclasses.replace(s.flows["f3"], label="送货 weekly"))
    s.replace(dataclasses.replace(s.entities["hub"], color="#aa5500"))
    dest = tmp_path / "p.gexf"
    export_file(rich_project, dest, scenario=s.name)
    g = nx.read_gexf(dest)
    f3 = next(d for _, _, d in g.edges(data=True) if d["id"] == "f3")
    f4 = next(d for _, _, d in g.edges(data=True) if d["id"] == "f4")
    assert f3["label"] == "送货 weekly" and "label" not in f4
    assert g.nodes["hub"]["viz"]["color"] == {"r": 170, "g": 85, "b": 0, "a": 1.0}
    back = import_file(dest).scenario()
    assert back.content_equals(s) and back.flows["f3"].label == "送货 weekly" and back.entities["hub"].color == "#aa5500"
