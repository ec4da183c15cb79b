"""The Sensitivity tab's uncertainty half: the histogram of the engine's samples (counts sum to
the samples, the p05/p50/p95 and mean lines at the engine's values), the per-partner "better
off than alone" bars, the sentence on how to add ranges when the model has none, Cancel,
greying after an edit, and the language switch."""

from __future__ import annotations

import dataclasses
import time

import pyqtgraph as pg
import pytest

import ecodesk.analysis.uncertainty as unc_engine
from ecodesk.analysis.metrics import metric_label
from ecodesk.analysis.uncertainty import uncertainty
from ecodesk.commands import ChangeObject, ChangeProject
from ecodesk.model.ranges import with_range
from ecodesk.ui.i18n import install_language
from ecodesk.ui.panels.sweep_views import object_name
from tests.ui.panel_helpers import open_window, project_of

METRIC = "cost_sharing.total_cost"


def _tab(qtbot, ranged: bool = True, template: str = "s2b2b_appliance"):
    w = open_window(qtbot, project_of(template), size=(1400, 900))
    doc = w.document
    if ranged:
        for cap in list(doc.scenario.capabilities)[:4]:
            f = cap.fixed_cost
            assert doc.attempt(ChangeObject(doc.scenario, with_range(cap, "fixed_cost", 0.7 * f, 1.5 * f))) is None
    tab = w.analysis_panel.show_tab("sensitivity")
    tab.workers = 1
    qtbot.waitUntil(lambda: tab.metric_picker.count() > 0, timeout=10_000)
    assert tab.metric_picker.choose(METRIC)
    return w, tab


def _run(qtbot, tab, samples: int = 300, seed: str = "7"):
    tab.samples.setValue(samples)
    tab.seed.setText(seed)
    tab.run_uncertainty()
    qtbot.waitUntil(lambda: not tab.unc_run.running, timeout=60_000)
    assert tab.unc_run.error == ""
    return tab.unc_run.result


def _lines(chart) -> dict[str, float]:
    out = {}
    for it in chart.item.items:
        if isinstance(it, pg.InfiniteLine) and it.label is not None:
            out[it.label.format.split(" ")[0]] = float(it.value())
    return out


def test_histogram_counts_the_samples_and_marks_the_engines_percentiles(qtbot):
    w, tab = _tab(qtbot)
    res = _run(qtbot, tab, samples=300, seed="7")
    expected = uncertainty(w.document.scenario.copy(), w.document.project.settings, METRIC, samples=300, seed=7,
                           workers=1)
    assert res.to_json() == expected.to_json()
    assert res.values == expected.values
    assert tab.hist_counts.sum() == 300
    assert tab.hist_edges[0] == pytest.approx(min(res.values)) and tab.hist_edges[-1] == pytest.approx(max(res.values))
    bars = [it for it in tab.histogram.item.items if isinstance(it, pg.BarGraphItem)]
    assert len(bars) == 1 and float(sum(bars[0].opts["height"])) == 300
    lines = _lines(tab.histogram)
    assert lines["p05"] == pytest.approx(expected.p05)
    assert lines["p50"] == pytest.approx(expected.p50)
    assert lines["p95"] == pytest.approx(expected.p95)
    assert lines["mean"] == pytest.approx(expected.mean)
    assert "seed 7" in tab.unc.hint.text()
    assert tab.histogram.item.titleLabel.text.startswith(metric_label(METRIC, w.document.scenario, "en"))


def test_better_off_bars_show_each_partner_by_name(qtbot):
    w, tab = _tab(qtbot)
    res = _run(qtbot, tab, samples=200)
    s = w.document.scenario
    assert res.p_better_off
    shares = sorted(res.p_better_off.items(), key=lambda kv: (-kv[1], object_name(s, kv[0]), kv[0]))
    bars = [it for it in tab.better.item.items if isinstance(it, pg.BarGraphItem)]
    widths = [float(x) for b in bars for x in b.opts["width"]]
    assert sorted(widths) == sorted(v for _, v in shares)
    texts = [it.textItem.toPlainText() for it in tab.better.item.items if isinstance(it, pg.TextItem)]
    assert len(texts) == len(shares) and all(t.endswith("%") for t in texts)
    ticks = [t for _, t in tab.better.item.getAxis("left")._tickLevels[0]]
    names = [object_name(s, pid) for pid, _ in shares]
    assert [t.rstrip("…") for t in ticks] == [n[:len(t.rstrip("…"))] for n, t in zip(names, ticks, strict=True)]
    assert all(pid not in ticks for pid, _ in shares if object_name(s, pid) != pid)  # names, not ids


def test_a_model_without_ranges_says_how_to_add_them(qtbot):
    w, tab = _tab(qtbot, ranged=False, template="sensor_reuse")  # the S2B2B template has ranges of its own
    assert tab.no_ranges.isVisible() and not tab.unc_results.isVisible()
    assert "“±”" in tab.no_ranges.text() and "inspector" in tab.no_ranges.text()
    assert not tab.unc_run_button.isEnabled()
    tab.run_uncertainty()
    assert not tab.unc_run.running and tab.unc_run.result is None
    # a range added: the charts' place comes back and Run is possible
    doc = w.document
    cap = next(iter(doc.scenario.capabilities))
    doc.attempt(ChangeObject(doc.scenario, with_range(cap, "fixed_cost", cap.fixed_cost * 0.5, cap.fixed_cost * 2)))
    qtbot.waitUntil(lambda: tab.unc_run_button.isEnabled(), timeout=5000)
    assert not tab.no_ranges.isVisible() and tab.unc_results.isVisible()
    res = _run(qtbot, tab, samples=50)
    assert res.samples == 50 and tab.hist_counts.sum() == 50


def test_uncertainty_cancel_and_stale(qtbot, monkeypatch):
    real = unc_engine.uncertainty
    calls = {"n": 0}

    def slow(*args, progress=None, **kw):
        def slow_progress(f):
            calls["n"] += 1
            time.sleep(0.02)
            if progress is not None:
                progress(f)
        return real(*args, progress=slow_progress, **kw)

    monkeypatch.setattr(unc_engine, "uncertainty", slow)
    w, tab = _tab(qtbot)
    tab.samples.setValue(2000)
    tab.run_uncertainty()
    job = tab.unc_run.job
    qtbot.waitUntil(lambda: calls["n"] >= 3, timeout=30_000)
    assert tab.unc_cancel.isEnabled() and tab.unc_bar.isVisible()
    tab.unc_cancel.click()
    qtbot.waitUntil(lambda: job.stopped_at is not None, timeout=30_000)
    assert calls["n"] < 1000 and tab.unc_run.result is None
    assert tab.unc_state.text().startswith("Cancelled")
    monkeypatch.setattr(unc_engine, "uncertainty", real)
    _run(qtbot, tab, samples=100)
    assert not tab.result_is_stale("uncertainty")
    doc = w.document
    e = next(iter(doc.scenario.entities))
    assert doc.attempt(ChangeObject(doc.scenario, e.evolve(risk=min(1.0, e.risk + 0.01)))) is None
    qtbot.waitUntil(lambda: tab.result_is_stale("uncertainty"), timeout=5000)
    qtbot.wait(1200)
    assert not tab.unc_run.running  # never recomputed by itself
    _run(qtbot, tab, samples=100)
    assert not tab.result_is_stale("uncertainty")
    # the analysis parameters are part of the state a result describes
    settings = dataclasses.replace(doc.project.settings, seed=doc.project.settings.seed + 1)
    assert doc.attempt(ChangeProject(doc.project, text="seed", settings=settings)) is None
    qtbot.waitUntil(lambda: tab.result_is_stale("uncertainty") and tab.result_is_stale("sensitivity") is False,
                    timeout=5000)
    assert "Out of date" in tab.unc_state.text() and not tab.unc_run.running


@pytest.mark.parametrize("seed", ["x", "-1", "1.5"])
def test_a_bad_seed_is_refused_and_kept(qtbot, seed):
    _w, tab = _tab(qtbot)
    tab.seed.setText(seed)
    tab.run_uncertainty()
    assert tab.unc_state.text() == f"The seed must be a whole number of 0 or more, not “{seed}”."
    assert tab.seed.text() == seed and not tab.unc_run.running


def test_empty_seed_is_the_projects(qtbot):
    w, tab = _tab(qtbot)
    res = _run(qtbot, tab, samples=20, seed="")
    assert res.seed == w.document.project.settings.seed
    assert str(w.document.project.settings.seed) in tab.seed.placeholderText()


def test_language_switch_relabels_the_uncertainty_charts(qtbot):
    w, tab = _tab(qtbot)
    _run(qtbot, tab, samples=100)
    s = w.document.scenario
    install_language("zh")
    qtbot.waitUntil(lambda: tab.histogram.item.titleLabel.text.startswith(metric_label(METRIC, s, "zh")),
                    timeout=5000)
    assert metric_label(METRIC, s, "zh") in tab.histogram.item.getAxis("bottom").labelText
    assert _lines(tab.histogram)["p50"] == pytest.approx(tab.unc_run.result.p50)
    assert tab.hist_counts.sum() == 100
