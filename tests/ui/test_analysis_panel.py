"""The analysis panel on the sensor-firm and S2B2B samples: every tab shows exactly the
numbers of ``analyze_scenario`` (read from the table models and cards), the charts draw,
and tables and charts export."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ecodesk.analysis.compare import compare_results
from ecodesk.analysis.run import analyze_scenario, run_analysis
from tests.ui.panel_helpers import open_window, project_of, rows_by_id, wait_current


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=0, abs_tol=0) or a == b
    return a == b


def check_tabs_against_engine(panel, scenario, settings) -> None:
    typed = run_analysis(scenario, settings)
    expected = typed.to_json()
    r, cs, res = expected, expected["cost_sharing"], expected["resilience"]
    # Overview: the cards keep the engine's numbers
    ov = panel.show_tab("overview")
    cards = ov.cards
    assert cards["service_level"].raw == res["service_level"]
    assert cards["expected_service"].raw == res["monte_carlo"]["expected_service"]
    assert cards["total_savings"].raw == r["reuse"]["total_savings"]
    assert cards["total_cost"].raw == cs["total_cost"]
    assert cards["reuse_index"].raw == r["reuse"]["reuse_index"]
    assert cards["in_core"].raw == cs["in_core"]
    assert cards["spof"].raw == sum(1 for c in res["critical_entities"] if c["single_point_of_failure"])
    # the card says how many of them the canvas rings (those beyond their own demand)
    spof = [c["id"] for c in res["critical_entities"] if c["single_point_of_failure"]]
    beyond = [i for i in spof if i not in res["demand_entities"]]
    data = next(d for d in ov.card_data() if d.key == "spof")
    if len(beyond) < len(spof):
        assert data.sub.startswith(f"{len(beyond)} beyond their own demand")
        assert f"rings the other {len(beyond)}" in data.tip and data.tip.startswith(str(len(spof) - len(beyond)))
    else:
        assert data.tip == ""
    assert cards["data_interop"].raw == r["kpis"]["data_interop_rate"]
    assert cards["cross_industry"].raw == r["kpis"]["cross_industry_share"]
    assert cards["top_hub"].raw == r["kpis"]["top_hub_share"]
    assert cards["gaps"].raw == len(r["reuse"]["gaps"])
    # Capability reuse: one row per capability, in the engine's order, the same figures
    reuse = panel.show_tab("reuse")
    assert [row["id"] for row in reuse.cap_model.rows] == [c["id"] for c in r["reuse"]["capabilities"]]
    for row, c in zip(reuse.cap_model.rows, r["reuse"]["capabilities"]):
        for key in ("reuse_count", "amortised_fixed_cost", "shared_cost", "standalone_cost", "savings"):
            assert _same(row[key], c[key]), (c["id"], key)
    assert [x["potential_savings"] for x in reuse.red_model.rows] == [x["potential_savings"]
                                                                       for x in r["reuse"]["redundancies"]]
    assert [(g["entity"], g["category"], g["candidates"]) for g in reuse.gap_model.rows] == [
        (g["entity"], g["category"], g["candidates"]) for g in r["reuse"]["gaps"]]
    # Cost sharing: per partner, every split
    cost = panel.show_tab("cost")
    rows = rows_by_id(cost.model)
    assert list(rows) == cs["players"]
    for p in cs["players"]:
        for key in ("standalone", "shapley", "savings", "proportional", "equal_savings"):
            assert rows[p][key] == cs[key][p], (p, key)
    assert cost.core_label.text() == panel.core_sentence(typed)
    # pools: the selected pool's allocation is the engine's
    for pool_row in cs["pools"]:
        cost.editor.select_pool(pool_row["id"])
        for key in ("allocation", "shapley", "fairness_gap"):
            assert cost.pool_values(key) == pool_row[key], (pool_row["id"], key)
    # Resilience: critical entities, cascades, redundancy, the curves drawn
    resil = panel.show_tab("resilience")
    crit = resil.critical()
    assert list(crit) == [c["id"] for c in res["critical_entities"]]
    cascades = {c["id"]: c for c in res["cascade"]}
    for c in res["critical_entities"]:
        row = crit[c["id"]]
        assert row["service_loss"] == c["service_loss"]
        assert row["spof"] == c["single_point_of_failure"]
        assert row["articulation"] == (c["id"] in res["articulation_points"])
        assert row["cascade_size"] == cascades[c["id"]]["cascade_size"]
        assert row["cascade_service"] == cascades[c["id"]]["service_level"]
    assert {x["id"]: x["paths"] for x in resil.red_model.rows} == res["redundancy"]
    curves = [i for i in resil.robust.data_items() if hasattr(i, "getData") and i.name()]
    drawn = {tuple(round(v, 12) for v in i.getData()[1]) for i in curves}
    assert tuple(round(v, 12) for v in res["robustness"]["random"]["curve"]) in drawn
    assert tuple(round(v, 12) for v in res["robustness"]["targeted"]["curve"]) in drawn


@pytest.mark.parametrize("template", ["sensor_reuse", "s2b2b_appliance"])
def test_analysis_panel_numbers_match_the_engine_on_the_samples(qtbot, template):
    w = open_window(qtbot, project_of(template))
    panel = w.analysis_panel
    for scenario in w.document.project.scenarios:
        w.document.set_scenario(scenario)
        wait_current(qtbot, panel)
        check_tabs_against_engine(panel, scenario, w.document.project.settings)


def test_analysis_panel_charts_render_and_export(qtbot, tmp_path):
    w = open_window(qtbot, project_of("s2b2b_appliance"))
    panel = w.analysis_panel
    wait_current(qtbot, panel)
    charts = {}
    for key in ("reuse", "cost", "resilience"):
        page = panel.show_tab(key)
        for section in page.sections:
            for chart in section.charts:
                charts[chart.export_name] = chart
    assert set(charts) >= {"capability_savings_chart", "coverage_heatmap", "fair_share_chart", "pool_chart",
                           "robustness_chart", "monte_carlo_chart", "cascade_chart"}
    for name, chart in charts.items():
        assert chart.data_items(), f"{name} draws nothing"
    heat = charts["coverage_heatmap"]
    assert heat.data_items()[0].image.shape[1] == len(panel.reuse.coverage_cols)
    for name, chart in charts.items():
        png, svg = tmp_path / f"{name}.png", tmp_path / f"{name}.svg"
        chart.export_png(png, width=1200)
        chart.export_svg(svg)
        assert png.stat().st_size > 3_000 and png.read_bytes()[:4] == b"\x89PNG", name
        text = svg.read_text(encoding="utf-8")
        assert "<svg" in text and ("<path" in text or "<polyline" in text or "<rect" in text), name


def test_analysis_panel_table_exports_csv_with_bom_and_copies_tab_separated(qtbot, tmp_path):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel = w.analysis_panel
    result = wait_current(qtbot, panel)
    cost = panel.show_tab("cost")
    path = tmp_path / "partners.csv"
    cost.table.result_model.save_csv(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Chinese names
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:3] == ["Partner", "Standalone", "Fair share (Shapley)"]
    first = result.cost_sharing.players[0]
    name = w.document.scenario.entities[first].label
    assert lines[1].split(",")[:2] == [name, repr(result.cost_sharing.standalone[first])]
    cost.table.select_source_row(0)
    text = cost.table.copy_selection()
    assert QApplication.clipboard().text() == text
    header, row = text.splitlines()
    assert header.split("\t")[0] == "Partner" and row.split("\t")[0] == name
    assert float(row.split("\t")[2]) == result.cost_sharing.shapley[first]


def test_analysis_panel_compare_tab_matches_compare_results(qtbot):
    w = open_window(qtbot, project_of("s2b2b_appliance"))
    panel = w.analysis_panel
    compare = panel.show_tab("compare")
    a, b = w.document.project.scenarios
    compare.choose(a.name, b.name)
    qtbot.waitUntil(lambda: compare.comparison is not None and compare.comparison["a"] == a.name
                    and not any(c.stale or c.running for c in compare.sides.values()), timeout=30_000)
    s = w.document.project.settings
    expected = compare_results(a.name, analyze_scenario(a, s), b.name, analyze_scenario(b, s))
    shown = {r["key"]: r for r in compare.model.rows}
    for f in expected["figures"]:
        if "_by_kind." in f["key"]:
            continue
        row = shown[f["key"]]
        assert (row["a"], row["b"], row["delta"], row["better"]) == (f["a"], f["b"], f["delta"], f["better"])
    # good and bad deltas are coloured: the network ecosystem saves more (good), costs more (bad)
    col = compare.model.column_index("delta")
    savings = next(i for i, r in enumerate(compare.model.rows) if r["key"] == "reuse.total_savings")
    cost = next(i for i, r in enumerate(compare.model.rows) if r["key"] == "cost_sharing.total_cost")
    good = compare.model.index(savings, col).data(Qt.ItemDataRole.BackgroundRole)
    bad = compare.model.index(cost, col).data(Qt.ItemDataRole.BackgroundRole)
    assert good.green() > good.red() and bad.red() > bad.green()
    h = Qt.Orientation.Horizontal
    assert compare.model.headerData(1, h) == a.name and compare.model.headerData(2, h) == b.name
