"""The HTML report (pure Python): self-contained, every analysis with numbers equal to the
analysis JSON, user text escaped, the project's language, written atomically; and the small
SVG chart builder behind it."""

from __future__ import annotations

import base64
import datetime as dt
import re

import defusedxml.ElementTree as DET
import pytest

from ecodesk.analysis.run import run_analysis
from ecodesk.io import report as report_mod
from ecodesk.io.report import build_report, export_report, report_language
from ecodesk.io.svgchart import Series, bar_chart, histogram, line_chart, nice_ticks
from ecodesk.model import Project, Scenario
from tests.io.report_helpers import HOSTILE, QUOTES, Tables, report_project, values

SECTIONS = ("model", "map", "reuse", "cost", "pools", "resilience", "indicators", "sensitivity", "method")
WHEN = dt.datetime(2025, 3, 1, 9, 30)


@pytest.fixture(scope="module")
def analysed():
    project = report_project("zh")
    scenario = project.scenario()
    return project, scenario, run_analysis(scenario, project.settings)


@pytest.fixture(scope="module")
def html(analysed):
    project, _scenario, typed = analysed
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>画布</text></svg>'
    return build_report(project, typed, "zh", canvas_svg=svg, generated=WHEN)


def test_self_contained_no_network_loads(html):
    low = html.lower()
    for needle in ("http://", "https://", 'src="//', "src='//", "<link", "@import", "url(", "<script", "<iframe"):
        assert needle not in low, needle
    tags = Tables(html).tags
    for tag, attrs in tags:
        for name, value in attrs:
            if name in ("src", "href"):
                assert value.startswith(("data:", "#")), (tag, name, value)
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    assert "@page{size:A4;margin:15mm}" in html.replace(" ", "")


def test_every_section_and_chart_is_there(html):
    ids = [dict(a).get("id") for t, a in Tables(html).tags if t == "section"]
    assert ids == list(SECTIONS)
    charts = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]*)"', html)
    # savings, cost split, one per pool (3), robustness curves, Monte Carlo histogram, the tornado
    assert len(charts) == 8, charts
    assert "各能力的节约额" in charts and "服务水平分布" in charts and "伙伴逐个移除时的服务水平" in charts
    assert html.count('<polygon points=') == 1  # the random 5-95 % band
    for marker in ("p05", "p50", "p95", "阈值"):
        assert marker in html


def test_canvas_picture_is_an_inert_data_uri(html):
    m = re.search(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)">', html)
    assert m is not None
    assert "<text>画布</text>" in base64.b64decode(m.group(1)).decode("utf-8")


def test_without_picture_says_why(analysed):
    project, _scenario, typed = analysed
    out = build_report(project, typed, "en", canvas_note="Qt is not available")
    assert "data:image/svg+xml" not in out
    assert "The map is not included (Qt is not available)" in out


def test_user_text_is_escaped(html):
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&quot;&amp;&#x27;" in html  # the quotes name, escaped for text and attributes alike
    parsed = Tables(html)
    assert not [t for t, _a in parsed.tags if t in ("script", "iframe", "object", "embed")]
    assert len([t for t, _a in parsed.tags if t == "img"]) == 1  # only the canvas picture
    for _tag, attrs in parsed.tags:
        assert not [n for n, _v in attrs if n.startswith("on")]
    # the ecosystem colour that smuggles a URL is not used; the palette stands in
    assert "evil.example" not in html
    assert re.findall(r'class="swatch" style="background:([^"]*)"', html) == ["#4c78a8", "#F28E2B", "#59A14F"]
    # the decoded text reads as the user wrote it
    texts = [c for _k, rows in parsed.tables for row in rows for c, _v in row]
    assert any(HOSTILE in t for t in texts) and any(QUOTES in t for t in texts)


def test_reuse_numbers_equal_the_analysis(html, analysed):
    _p, _s, typed = analysed
    result = typed.to_json()
    rows = Tables(html).table("reuse:reuse")[1:]
    caps = result["reuse"]["capabilities"]
    assert len(rows) == len(caps) + 1  # + total
    for row, cap in zip(rows, caps):
        assert values(row) == [cap["reuse_count"], cap["amortised_fixed_cost"], cap["shared_cost"],
                               cap["standalone_cost"], cap["savings"]]
    assert values(rows[-1]) == [result["reuse"]["total_savings"]]
    gaps = Tables(html).table("reuse:gaps")[1:]
    assert [values(r) for r in gaps] == [[g["volume"], g["standalone_cost"]] for g in result["reuse"]["gaps"]]
    assert gaps[1][-1][0] == "暂无"  # nobody offers finance


def test_cost_sharing_numbers_equal_the_analysis(html, analysed):
    _p, _s, typed = analysed
    result = typed.to_json()
    cost = result["cost_sharing"]
    rows = Tables(html).table("cost:cost")[1:]
    for row, p in zip(rows, cost["players"]):
        assert values(row) == [cost[k][p] for k in ("standalone", "shapley", "savings", "proportional",
                                                      "equal_savings")]
    assert values(rows[-1])[:2] == [cost["total_standalone"], cost["total_cost"]]
    assert cost["in_core"] and "Shapley 分摊是稳定的" in html


def test_pool_numbers_equal_the_analysis(html, analysed):
    _p, _s, typed = analysed
    result = typed.to_json()
    pools = result["cost_sharing"]["pools"]
    tables = [rows for key, rows in Tables(html).tables if key == "pools:pooltable"]
    assert len(tables) == len(pools) == 3
    for rows, pool in zip(tables, pools):
        for row, m in zip(rows[1:], pool["allocation"]):
            basis = pool["claims"] if pool["type"] == "reserve" else pool["weights"]
            assert values(row) == [basis[m], pool["allocation"][m], pool["shapley"][m], pool["fairness_gap"][m]]


def test_resilience_numbers_equal_the_analysis(html, analysed):
    _p, _s, typed = analysed
    result = typed.to_json()
    res = result["resilience"]
    t = Tables(html)
    crit = [c for c in res["critical_entities"] if c["service_loss"] > 0]
    assert [values(r) for r in t.table("resilience:critical")[1:]] == [[c["service_loss"]] for c in crit]
    mc = res["monte_carlo"]
    assert values(t.table("resilience:mc")[1]) == [mc["expected_service"], mc["p05"], mc["p50"], mc["p95"],
                                                   mc["p_below"]]
    casc = [c for c in res["cascade"] if c["cascade_size"] > 1]
    assert [values(r) for r in t.table("resilience:cascade")[1:]] == [[c["cascade_size"], c["service_level"]]
                                                                      for c in casc]
    assert [values(r) for r in t.table("resilience:redundancy")[1:]] == [[n] for n in res["redundancy"].values()]
    rob = res["robustness"]
    assert f'{rob["random"]["r_index"]:.3f}' in html and f'{rob["targeted"]["r_index"]:.3f}' in html


def test_indicators_and_settings(html, analysed):
    _p, _s, typed = analysed
    result = typed.to_json()
    rows = Tables(html).table("indicators:kpis")[1:]
    kpis = result["kpis"]
    keys = ["entity_count", "flow_count", "total_flow_value", "data_interop_rate", "reverse_data_ratio",
            "cross_industry_share", "top_hub_share", "multi_ecosystem_entities"]
    assert [values(r)[0] for r in rows] == [kpis[k] for k in keys]
    settings = Tables(html).table("method:settings")
    assert values(settings[0]) == [7] and values(settings[1]) == [400] and values(settings[2]) == [12]


def test_language_follows_the_project(analysed):
    project, _scenario, typed = analysed
    assert report_language(project, "en") == "zh"
    assert report_language(Project("x", language="en"), "zh") == "en"
    assert report_language(Project("x"), "zh") == "zh" and report_language(Project("x"), "en") == "en"
    zh = build_report(project, typed, "zh", generated=WHEN)
    en = build_report(project, typed, "en", generated=WHEN)
    assert '<html lang="zh-CN">' in zh and "能力复用" in zh and "网络韧性" in zh and "2025-03-01" in zh
    assert '<html lang="en">' in en and "Capability reuse" in en and "Network resilience" in en
    assert "能力复用" not in en


def test_empty_scenario_report(tmp_path):
    project = Project("空", scenarios=[Scenario("Base")])
    dest = tmp_path / "r.html"
    assert export_report(project, dest, lang="en", canvas_note="the scenario has no entities") == []
    text = dest.read_text(encoding="utf-8")
    assert "No capability is defined." in text and "No sharing arrangement (pool) is defined." in text
    assert [dict(a).get("id") for t, a in Tables(text).tags if t == "section"] == list(SECTIONS)


def test_export_report_is_atomic(tmp_path, analysed, monkeypatch):
    project, _s, _r = analysed
    dest = tmp_path / "r.html"
    dest.write_text("old report", encoding="utf-8")

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report_mod, "build_report", boom)
    with pytest.raises(RuntimeError):
        export_report(project, dest, lang="zh")
    # a failure half-way through writing: the text cannot be encoded after its first part
    monkeypatch.setattr(report_mod, "build_report", lambda *a, **k: "<html>" * 10000 + "\ud800")
    with pytest.raises(UnicodeEncodeError):
        export_report(project, dest, lang="zh")
    assert dest.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
    monkeypatch.undo()
    with pytest.raises(OSError):
        export_report(project, tmp_path / "missing" / "r.html", lang="zh")
    assert not (tmp_path / "missing").exists()


def test_export_report_writes_and_notes_the_scenario(tmp_path, analysed):
    project, _s, _r = analysed
    dest = tmp_path / "r.html"
    notices = export_report(project, dest, lang="en")
    assert notices and "网络生态 2.0" in notices[0]
    assert dest.stat().st_mode & 0o644 == 0o644  # readable by the colleagues it is for
    assert export_report(project, dest, "空白", lang="en") == []


# the chart builder ---------------------------------------------------------------------

def _parse(svg: str):
    return DET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_nice_ticks_cover_the_range():
    for lo, hi in ((0, 284), (-1.8e6, 5.9e6), (0, 1), (0, 15), (3, 3.5)):
        ticks = nice_ticks(lo, hi, 4)
        assert ticks[0] <= lo and ticks[-1] >= hi and len(ticks) <= 8
    assert all(float(t).is_integer() for t in nice_ticks(0, 15, 6, integer=True))


def test_bar_chart_draws_negative_bars_left_of_zero_and_escapes():
    svg = bar_chart(["<a>", "b"], [Series("s&", [5.0, -3.0], "#123456")], fmt=str)
    root = _parse(svg)
    rects = [r for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert len(rects) == 2
    zero = next(ln for ln in root.iter("{http://www.w3.org/2000/svg}line") if ln.get("stroke-width") == "1.2")
    x0 = float(zero.get("x1"))
    assert float(rects[0].get("x")) == pytest.approx(x0, abs=0.2)
    assert float(rects[1].get("x")) + float(rects[1].get("width")) == pytest.approx(x0, abs=0.2)
    assert "&lt;a&gt;" in svg and "s&amp;" in svg


def test_histogram_merges_markers_at_one_value():
    svg = histogram([1, 0, 5], [0, 0.5, 0.9, 1.0], markers=[(1.0, "p50", "100%", "#000", ""),
                                                            (1.0, "p95", "100%", "#000", ""),
                                                            (0.0, "p05", "0%", "#000", "")])
    assert "p50 = p95 100%" in svg and "p05 0%" in svg
    _parse(svg)


def test_line_chart_parses():
    svg = line_chart([0, 1, 2], [Series("a", [1, 0.5, 0], "#000"), Series("b", [1, 0, 0], "#f00", "4 2")],
                     band=([1, 0.2, 0], [1, 0.8, 0.1], "rgba(0,0,0,0.1)"), band_name="band")
    root = _parse(svg)
    assert len(list(root.iter("{http://www.w3.org/2000/svg}polyline"))) == 2


def test_long_tables_show_the_biggest_partners_first(tmp_path):
    from ecodesk.model import Capability, Entity, Flow

    s = Scenario("Base")
    s.add(Entity("hub", "平台", "platform"))
    s.add(Capability("cap", "共享仓", "logistics", "hub", fixed_cost=1000, unit_cost=1))
    for i in range(60):
        s.add(Entity(f"c{i:02}", f"经销商{i:02}", "channel", ecosystems=()))
        s.add(Flow(f"f{i:02}", "hub", f"c{i:02}", "capability", volume=10 + i, capability="cap",
                   standalone_cost=2000 + 100 * i))
    project = Project("大", scenarios=[s])
    typed = run_analysis(s, project.settings.evolve(trials=50, orders=3))
    result = typed.to_json()
    html = build_report(project, typed, "en")
    rows = Tables(html).table("cost:cost")[1:]
    cost = result["cost_sharing"]
    biggest = sorted(cost["players"], key=lambda p: -cost["standalone"][p])[:report_mod.MAX_PLAYERS]
    assert [values(r)[0] for r in rows[:-2]] == [cost["standalone"][p] for p in biggest]
    assert rows[-2][0][0] == f"… and {len(cost['players']) - report_mod.MAX_PLAYERS} more"
    assert values(rows[-1])[:2] == [cost["total_standalone"], cost["total_cost"]]  # totals cover everyone
    assert f"the {report_mod.MAX_BARS} largest of {len(cost['players'])}" in html
