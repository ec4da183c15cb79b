"""Names with characters XML forbids (C0 controls, U+FFFE/FFFF) still give well-formed SVG
pictures and a report whose inline charts and map parse."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET

from ecodesk.analysis.run import run_analysis
from ecodesk.io.report import build_report
from ecodesk.io.textsafe import xml_text
from ecodesk.model import Capability, Entity, Flow, Pool, Project, Scenario
from ecodesk.ui.render import canvas_svg, export_image, report_picture

BAD = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff"
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def hostile_project() -> Project:
    p = Project(f"P{BAD}roject", notes=f"n{BAD}")
    s = Scenario(f"S{BAD}")
    s.add(Entity("a", f"Alpha{BAD}<b>", "platform", f"ind{BAD}", x=0, y=0, notes=f"x{BAD}"))
    s.add(Entity("b", f"Be\x07ta{BAD}", "supplier", x=250, y=0, risk=0.1))
    s.add(Entity("u", f"Users{BAD}", "user", demand=100, x=500, y=0))
    s.add(Capability("c", f"Cap{BAD}", f"cat{BAD}", "b", fixed_cost=1000, unit_cost=1))
    s.add(Flow("f1", "b", "a", "capability", volume=10, unit_value=5, capability="c", notes=f"f{BAD}"))
    s.add(Flow("f2", "a", "u", "goods", volume=100, unit_value=3))
    s.add(Pool("p", f"Pool{BAD}", "cost", 1000, ("a", "b"), "proportional"))
    p.add_scenario(s)
    return p


def test_xml_text_drops_only_illegal_characters():
    assert xml_text(f"a{BAD}\t\n\r中\ud800b") == "a\t\n\r中b"


def test_canvas_svg_parses(tmp_path):
    project = hostile_project()
    svg = canvas_svg(project)
    ET.fromstring(svg.encode("utf-8"))
    assert not ILLEGAL.search(svg) and "Alpha" in svg
    export_image(project, tmp_path / "p.svg")
    ET.parse(tmp_path / "p.svg")


def test_report_inline_svgs_and_map_parse():
    project = hostile_project()
    s = project.scenario()
    result = run_analysis(s, project.settings)
    html = build_report(project, result, "en", canvas_image=report_picture(s, result=result))
    assert not ILLEGAL.search(html)
    charts = re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
    assert charts
    for chart in charts:
        ET.fromstring(chart.replace("&nbsp;", " "))
    mime, data = re.search(r'src="data:([^;]+);base64,([^"]+)"', html).groups()
    assert mime == "image/svg+xml"
    ET.fromstring(base64.b64decode(data))


def test_panel_chart_svg_parses(qtbot, tmp_path):
    import pyqtgraph as pg

    from ecodesk.ui.panels.charts import ChartWidget

    chart = ChartWidget("c")
    qtbot.addWidget(chart)
    chart.reset(title=f"T{BAD}", x_label=f"x{BAD}", y_label="y", legend=True)
    chart.item.addItem(pg.BarGraphItem(x=[0, 1], height=[1, 2], width=0.6, name=f"Bars{BAD}"))
    chart.item.getAxis("bottom").set_categories([f"Alpha{BAD}", f"Beta{BAD}"])
    chart.resize(500, 300)
    chart.export_svg(tmp_path / "c.svg")
    ET.parse(tmp_path / "c.svg")
