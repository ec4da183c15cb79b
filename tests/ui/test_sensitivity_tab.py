"""The Sensitivity tab: a metric picked by its readable name, the tornado of the engine's rows
(in the engine's order, bars from the base to the metric at low and high, so each row spans
its swing), a click on a bar selecting the object on the canvas, Cancel, results greyed
(never recomputed) after an edit, p typed as planners type it, and the language switch."""

from __future__ import annotations

import time

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

import ecodesk.analysis.sensitivity as sens_engine
import ecodesk.ui.panels.sweep_charts as sc
from ecodesk.analysis.metrics import metric_label
from ecodesk.analysis.sensitivity import DEFAULT_FIELDS, sensitivity
from ecodesk.commands import ChangeObject
from ecodesk.model.labels import field_label
from ecodesk.ui.i18n import install_language
from ecodesk.ui.panels.sweep_views import object_name, selection_for
from tests.ui.panel_helpers import open_window, project_of

METRIC = "cost_sharing.total_cost"


def _tab(qtbot, template: str = "s2b2b_appliance", size=(1400, 900)):
    w = open_window(qtbot, project_of(template), size=size)
    tab = w.analysis_panel.show_tab("sensitivity")
    tab.workers = 1  # in this process: the tests stay quick on two cores
    qtbot.waitUntil(lambda: tab.metric_picker.count() > 0, timeout=10_000)
    return w, tab


def _run(qtbot, tab, metric: str = METRIC):
    assert tab.metric_picker.choose(metric)
    tab.run_sensitivity()
    qtbot.waitUntil(lambda: not tab.sens_run.running, timeout=60_000)
    assert tab.sens_run.error == ""
    return tab.sens_run.result


def _bar_ends(item: pg.BarGraphItem) -> list[tuple[float, float]]:
    o = item.opts
    return [(float(a), float(b)) for a, b in zip(o["x0"], o["x1"], strict=True)]


def test_metric_picker_offers_readable_names_and_searches(qtbot):
    w, tab = _tab(qtbot)
    s = w.document.scenario
    picker = tab.metric_picker
    paths = [picker.itemData(i) for i in range(picker.count())]
    assert paths[:3] == ["reuse.total_savings", "reuse.reuse_index", METRIC]
    assert picker.chosen_path() == METRIC  # preferred first choice
    name = metric_label("cost_sharing.shapley.brand", s, "en")
    assert picker.itemText(picker.findData("cost_sharing.shapley.brand")) == name
    assert "brand" not in name.split()  # a name, not the path
    # typing a part of the name finds it (the completer filters on any part)
    picker.completer().setCompletionPrefix("Shapley")
    found = {picker.completer().completionModel().index(i, 0).data()
             for i in range(picker.completer().completionCount())}
    assert name in found and all("Shapley" in f for f in found)
    # the name typed in full chooses it
    picker.lineEdit().setText(name)
    assert picker.chosen_path() == "cost_sharing.shapley.brand"
    picker.lineEdit().setText("no such metric")
    assert picker.chosen_path() == ""
    tab.run_sensitivity()
    assert "Pick a metric" in tab.sens_state.text() and not tab.sens_run.running


def test_tornado_shows_the_engines_rows_in_order_with_their_swings(qtbot):
    w, tab = _tab(qtbot)
    res = _run(qtbot, tab)
    s = w.document.scenario
    expected = sensitivity(s.copy(), w.document.project.settings, METRIC, p=0.2, fields=DEFAULT_FIELDS, top=20,
                           workers=1)
    assert res.to_json() == expected.to_json()
    assert len(res.rows) == 20
    assert tab.bar_ids == [r.object for r in expected.rows]
    low, high = _bar_ends(tab.tornado_items["low"]), _bar_ends(tab.tornado_items["high"])
    base = expected.base
    for r, (l0, l1), (h0, h1) in zip(expected.rows, low, high, strict=True):
        # each bar runs from the base to the metric at that end …
        assert (l0, l1) == pytest.approx((min(base, r.metric_low), max(base, r.metric_low)))
        assert (h0, h1) == pytest.approx((min(base, r.metric_high), max(base, r.metric_high)))
        # … so the far ends of a row are its swing apart
        far_low = l0 if r.metric_low < base else l1
        far_high = h0 if r.metric_high < base else h1
        assert abs(far_high - far_low) == pytest.approx(r.swing)
    # names: object · field label, as on the canvas and in the inspector
    first = expected.rows[0]
    name = object_name(s, first.object)
    assert tab.sens_model.rows[0]["input"] == f"{name} · {field_label(first.field.split('.', 1)[1], 'en')}"
    labels = [b.label for b in tab.bars]
    assert all(" · " in lbl for lbl in labels)
    ticks = tab.tornado.item.getAxis("left")._tickLevels[0]
    assert [t for _, t in ticks] == labels
    # the table has the same rows, exportable
    assert [r["id"] for r in tab.sens_model.rows] == tab.bar_ids
    assert [r["swing"] for r in tab.sens_model.rows] == [r.swing for r in expected.rows]
    assert tab.sens_table in tab.sens.tables and tab.tornado in tab.sens.charts
    text = tab.sens_model.table_text()
    assert "Swing" in text.splitlines()[0] and name in text
    assert "20 of 60 inputs" in tab.sens.hint.text()


def test_long_names_are_shortened_on_the_axis_but_whole_in_table_and_tooltip(qtbot):
    w, tab = _tab(qtbot)
    _run(qtbot, tab)
    flows = [i for i, r in enumerate(tab.sens_model.rows) if r["id"] in w.document.scenario.flows]
    assert flows
    i = flows[0]
    whole = tab.sens_model.rows[i]["input"]
    assert " → " in whole
    shown = tab.bars[i].label
    assert shown.endswith(whole.rsplit(" · ", 1)[1])  # the field stays whole
    assert " → " in shown  # both ends of a flow stay recognisable
    assert whole in tab.bars[i].tooltip
    width = max(tab.tornado.fontMetrics().horizontalAdvance(b.label) for b in tab.bars)
    assert width <= sc.MAX_AXIS_WIDTH


def test_clicking_a_bar_selects_its_object_on_the_canvas(qtbot):
    w, tab = _tab(qtbot)
    _run(qtbot, tab)
    doc, canvas = w.document, w.canvas
    chart = tab.tornado
    chart.plot.setMinimumHeight(560)
    qtbot.wait(50)
    s = doc.scenario
    # a flow's row: the flow itself is selected on the canvas
    i = next(k for k, obj in enumerate(tab.bar_ids) if obj in s.flows)
    r = tab.sens_run.result.rows[i]
    x = (tab.sens_run.result.base + r.metric_high) / 2
    vb = chart.item.getViewBox()
    scene = vb.mapViewToScene(QPointF(x, i + 0.19))
    pos = chart.plot.mapFromScene(scene)
    with qtbot.waitSignal(tab.bar_clicked, timeout=3000) as sig:
        QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    assert sig.args == [tab.bar_ids[i]]
    assert doc.selection == [tab.bar_ids[i]]
    selected = {it.flow_id for it in canvas.canvas_scene.selectedItems() if hasattr(it, "flow_id")}
    assert selected == {tab.bar_ids[i]}
    # a capability's row selects its owner and the flows that use it (as the reuse tab does)
    j = next(k for k, obj in enumerate(tab.bar_ids) if obj in s.capabilities)
    tab.select_row(j)
    cap = s.capabilities[tab.bar_ids[j]]
    assert doc.selection == selection_for(s, cap.id) and doc.selection[0] == cap.owner
    assert canvas.selected_entity_ids() == [cap.owner]
    # a click beside the rows selects nothing new
    before = list(doc.selection)
    empty = chart.plot.mapFromScene(vb.mapViewToScene(QPointF(x, -0.55)))
    QTest.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, empty)
    assert doc.selection == before
    # and a row of the table selects like the bar
    tab.sens_table.select_source_row(i)
    assert doc.selection == [tab.bar_ids[i]]


def test_cancel_stops_a_running_sensitivity(qtbot, monkeypatch):
    real = sens_engine.sensitivity
    calls = {"progress": 0}

    def slow(*args, progress=None, cancel=None, **kw):
        def slow_progress(f):
            calls["progress"] += 1
            time.sleep(0.05)
            if progress is not None:
                progress(f)
        return real(*args, progress=slow_progress, cancel=cancel, **kw)

    monkeypatch.setattr(sens_engine, "sensitivity", slow)
    _w, tab = _tab(qtbot)
    assert tab.metric_picker.choose("kpis.total_flow_value")  # 42 evaluations, one progress step each
    tab.run_sensitivity()
    job = tab.sens_run.job
    assert tab.sens_run.running and tab.sens_cancel.isEnabled() and tab.sens_bar.isVisible()
    qtbot.waitUntil(lambda: calls["progress"] >= 2, timeout=30_000)
    tab.sens_cancel.click()
    assert not tab.sens_run.running and not tab.sens_cancel.isEnabled()
    qtbot.waitUntil(lambda: job.stopped_at is not None, timeout=30_000)
    stopped_after = calls["progress"]
    assert stopped_after < 30  # far from every input: the engine stopped at its next check
    qtbot.wait(200)
    assert calls["progress"] == stopped_after
    assert tab.sens_run.result is None and tab.bar_ids == []
    assert tab.sens_state.text().startswith("Cancelled")


def test_results_grey_after_an_edit_and_never_rerun_by_themselves(qtbot):
    w, tab = _tab(qtbot)
    _run(qtbot, tab)
    assert not tab.result_is_stale("sensitivity") and tab.sens_results.isEnabled()
    assert tab.sens_state.text().startswith("Up to date")
    doc = w.document
    cap = doc.scenario.capabilities[tab.bar_ids[0]] if tab.bar_ids[0] in doc.scenario.capabilities else next(
        iter(doc.scenario.capabilities))
    assert doc.attempt(ChangeObject(doc.scenario, cap.evolve(fixed_cost=cap.fixed_cost + 1))) is None
    qtbot.waitUntil(lambda: tab.result_is_stale("sensitivity"), timeout=5000)
    assert not tab.sens_results.isEnabled()
    assert "Out of date" in tab.sens_state.text()
    qtbot.wait(1500)  # longer than the panel's debounce: the sweep is not started again
    assert not tab.sens_run.running and tab.result_is_stale("sensitivity")
    _run(qtbot, tab)  # Run recomputes for the model as it is now
    assert not tab.result_is_stale("sensitivity")


@pytest.mark.parametrize(("typed", "p"), [("20%", 0.2), ("5 %", 0.05), ("12.5％", 0.125), ("0.3", 0.3)])
def test_p_is_read_as_typed(qtbot, typed, p):
    _w, tab = _tab(qtbot)
    tab.p_edit.setText(typed)
    res = _run(qtbot, tab, "reuse.total_savings")
    assert res.p == pytest.approx(p)


@pytest.mark.parametrize("typed", ["abc", "0%", "100%", "150%", "-20%", "20"])
def test_a_p_outside_0_100_percent_is_refused_in_one_sentence(qtbot, typed):
    _w, tab = _tab(qtbot)
    tab.p_edit.setText(typed)
    tab.run_sensitivity()
    assert not tab.sens_run.running and tab.sens_run.result is None
    assert tab.sens_state.text() == f"“{typed}” is not a change between 0 % and 100 %: type it like 20%."
    assert tab.p_edit.text() == typed  # what the planner typed stays


def test_fields_can_be_chosen(qtbot):
    _w, tab = _tab(qtbot)
    tab.fields.set_chosen(["capabilities.fixed_cost"])
    assert tab.fields.text() == "Inputs: 1 field"
    res = _run(qtbot, tab)
    assert {r.field for r in res.rows} == {"capabilities.fixed_cost"}
    assert all(lbl.endswith("· Fixed cost") for lbl in (b.label for b in tab.bars))
    tab.fields.set_chosen([])
    tab.run_sensitivity()
    assert tab.sens_state.text() == "Choose at least one input field."
    tab.fields.reset()
    assert set(tab.fields.chosen()) == set(DEFAULT_FIELDS) and tab.fields.text() == "Inputs: 10 fields"


def test_language_switch_relabels_rows_metrics_and_axis(qtbot):
    w, tab = _tab(qtbot)
    _run(qtbot, tab)
    s = w.document.scenario
    en_rows = [r["input"] for r in tab.sens_model.rows]
    assert any(x.endswith("· Fixed cost") for x in en_rows)
    with qtbot.waitSignal(w.analysis_panel.retranslated, timeout=5000):
        install_language("zh")
    zh_rows = [r["input"] for r in tab.sens_model.rows]
    assert any(x.endswith("· 固定成本") for x in zh_rows) and not any("Fixed cost" in x for x in zh_rows)
    assert [b.label.rsplit(" · ", 1)[1] for b in tab.bars] == [x.rsplit(" · ", 1)[1] for x in zh_rows]
    qtbot.waitUntil(lambda: tab.metric_picker.currentText() == metric_label(METRIC, s, "zh"), timeout=10_000)
    assert tab.metric_picker.chosen_path() == METRIC  # the choice survives the switch
    assert set(tab.fields.chosen()) == set(DEFAULT_FIELDS)
    assert any("固定成本" in a.text() for a in tab.fields.menu_.actions())
    assert metric_label(METRIC, s, "zh") in tab.tornado.item.getAxis("bottom").labelText


def test_the_app_runs_sweeps_on_all_local_cores_with_the_same_rows(qtbot):
    w, tab = _tab(qtbot)
    tab.workers = None  # the app's default: a process pool of every local core
    res = _run(qtbot, tab, "resilience.service_level")
    one = sensitivity(w.document.scenario.copy(), w.document.project.settings, "resilience.service_level",
                      fields=DEFAULT_FIELDS, workers=1)
    assert res.to_json() == one.to_json()
    assert tab.bar_ids == [r.object for r in one.rows]


def test_an_edit_does_not_rebuild_the_metric_list_but_opening_it_does(qtbot):
    w, tab = _tab(qtbot)
    doc = w.document
    picker = tab.metric_picker
    brand = doc.scenario.entities["brand"]
    path = "cost_sharing.shapley.brand"
    old = picker.itemText(picker.findData(path))
    assert doc.attempt(ChangeObject(doc.scenario, brand.evolve(name="新品牌"))) is None
    qtbot.wait(600)  # more than the debounce of a scenario switch: an edit alone rebuilds nothing
    assert picker.itemText(picker.findData(path)) == old
    picker.showPopup()
    assert picker.itemText(picker.findData(path)) == metric_label(path, doc.scenario, "en") != old
    assert "新品牌" in picker.itemText(picker.findData(path))
    picker.hidePopup()
    assert picker.chosen_path() == METRIC  # the choice stays
    # another scenario: its own list, at once
    doc.set_scenario(doc.project.scenarios[1])
    other = doc.scenario
    qtbot.waitUntil(lambda: picker.itemText(picker.findData(path)) == metric_label(path, other, "en"), timeout=10_000)
    assert picker.chosen_path() == METRIC


def test_an_engine_refusal_is_one_sentence_in_the_ui_language(qtbot, monkeypatch):
    from ecodesk.analysis.metrics import SweepInputError

    def refuse(*args, **kw):
        raise SweepInputError("field 'x.y' is not an input", "字段 'x.y' 不是输入")

    monkeypatch.setattr(sens_engine, "sensitivity", refuse)
    _w, tab = _tab(qtbot)
    tab.run_sensitivity()
    qtbot.waitUntil(lambda: not tab.sens_run.running, timeout=10_000)
    assert tab.sens_state.text() == "Could not run: field 'x.y' is not an input"
    assert tab.sens_run.result is None
    install_language("zh")
    qtbot.wait(50)
    tab.run_sensitivity()
    qtbot.waitUntil(lambda: not tab.sens_run.running, timeout=10_000)
    assert "字段 'x.y' 不是输入" in tab.sens_state.text()


def test_two_flows_between_the_same_ends_are_told_apart(qtbot):
    w, tab = _tab(qtbot, "pharmacy_lockers")
    _run(qtbot, tab)
    s = w.document.scenario
    names = [r["input"] for r in tab.sens_model.rows]
    assert len(set(names)) == len(names), names  # every row says which input it is
    twins = [f for f in s.flows if sum(1 for g in s.flows if (g.source, g.target) == (f.source, f.target)) > 1]
    assert twins
    f = twins[0]
    assert object_name(s, f.id, frozenset({(f.source, f.target)})).endswith(")")
    assert "(" not in object_name(s, f.id)  # without twins: "source → target"


@pytest.mark.parametrize("width", [190, 260, 340])
def test_axis_names_fit_and_keep_the_field_both_ends_and_which_flow(qapp, width):
    from PySide6.QtGui import QFontMetricsF

    fm = QFontMetricsF(qapp.font())
    for name in ("互联网医院 → 医药电商平台 (远程问诊)", "家电品牌 S2B2B 平台 → 华东区域总代", "渠道分级授权与区域配额运营中心"):
        label = sc.axis_label(name, "独立获取成本", width, fm.horizontalAdvance)
        assert fm.horizontalAdvance(label) <= width
        assert label.endswith(" · 独立获取成本")
        if "→" in name:
            assert label.count(" → ") == 1 and label.split(" → ")[0][:2] == name[:2]
        if name.endswith(")") and width >= 260:
            assert label.rsplit(" · ", 1)[0].endswith(")") and " (" in label
    assert sc.axis_label("云仓", "Fixed cost", width, fm.horizontalAdvance) == "云仓 · Fixed cost"
