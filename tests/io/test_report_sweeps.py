"""The report's Sensitivity and Uncertainty sections (SPEC §3.7): the tornado and its table equal
``sensitivity()``, the uncertainty figures equal ``uncertainty()`` with the report's samples,
the uncertainty section only when the model has ranges, both left out on request."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ecodesk.analysis.run import run_analysis
from ecodesk.analysis.sensitivity import sensitivity
from ecodesk.analysis.uncertainty import uncertainty
from ecodesk.io.report import SWEEP_METRIC, SWEEP_SAMPLES, SWEEP_TOP, build_report
from ecodesk.model import AnalysisSettings, FlowKind, Project, Scenario
from ecodesk.model.ranges import with_range
from ecodesk.templates import load_template
from tests.io.report_helpers import Tables, values

WHEN = dt.datetime(2025, 3, 1, 9, 30)
SETTINGS = AnalysisSettings(seed=2, trials=300, orders=4)


def _project(ranges: bool) -> Project:
    s = load_template("nev_hub").scenarios[0].copy()
    if ranges:
        for c in list(s.capabilities):
            if c.fixed_cost:
                s.replace(with_range(c, "fixed_cost", 0.8 * c.fixed_cost, 1.3 * c.fixed_cost))
        for f in list(s.flows):
            if f.kind is FlowKind.CAPABILITY and f.volume:
                s.replace(with_range(f, "volume", 0.5 * f.volume, 1.2 * f.volume))
    return Project("P", settings=SETTINGS, scenarios=[s])


def _report(project: Project, lang: str, **kw: object) -> str:
    s = project.scenarios[0]
    return build_report(project, run_analysis(s, project.settings), lang, generated=WHEN, **kw)  # type: ignore[arg-type]


def _sections(html: str) -> list[str | None]:
    return [dict(a).get("id") for t, a in Tables(html).tags if t == "section"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sensitivity_and_uncertainty_sections_equal_the_engine(lang: str) -> None:
    project = _project(ranges=True)
    s = project.scenarios[0]
    html = _report(project, lang)
    assert _sections(html)[-3:] == ["sensitivity", "uncertainty", "method"]
    sens = sensitivity(s, SETTINGS, SWEEP_METRIC, top=SWEEP_TOP, workers=1)
    rows = Tables(html).table("sensitivity:sensitivity")[1:]
    assert len(rows) == SWEEP_TOP == len(sens.rows)
    for cells, row in zip(rows, sens.rows, strict=True):
        assert values(cells) == [row.value, row.metric_low, row.metric_high, row.swing]
    charts = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]*)"', html)
    tornado = "Tornado: change of ecosystem total cost c(N) against its base value" if lang == "en" else \
        "龙卷风图：生态总成本 c(N)相对基准值的变化"
    assert tornado in charts
    unc = uncertainty(s, SETTINGS, SWEEP_METRIC, samples=SWEEP_SAMPLES, workers=1)
    [stats] = Tables(html).table("uncertainty:uncertainty")[1:]
    assert values(stats) == [unc.mean, unc.p05, unc.p50, unc.p95]
    better = Tables(html).table("uncertainty:better")[1:]
    assert {c[0][0]: values(c)[0] for c in better} == {
        s.entities[i].label: v for i, v in unc.p_better_off.items()}
    histogram_title = "Distribution of ecosystem total cost c(N) over the samples" if lang == "en" else \
        "生态总成本 c(N)在各样本中的分布"
    assert histogram_title in charts
    assert ("Share of samples better off than alone" if lang == "en" else "优于单干的样本比例") in charts
    for marker in ("p05", "p50", "p95"):
        assert f">{marker} " in html or f">{marker} = " in html
    note = (f"The report draws {SWEEP_SAMPLES} samples to stay quick" if lang == "en"
            else f"此处只抽取 {SWEEP_SAMPLES} 个样本")
    assert note in html


def test_no_ranges_no_uncertainty_section_and_sweeps_can_be_left_out() -> None:
    project = _project(ranges=False)
    html = _report(project, "en")
    assert "sensitivity" in _sections(html) and "uncertainty" not in _sections(html)
    assert "Uncertainty" not in html
    plain = _report(_project(ranges=True), "en", sweeps=False)
    assert "sensitivity" not in _sections(plain) and "uncertainty" not in _sections(plain)


def test_a_scenario_without_inputs_says_so() -> None:
    project = Project("空", settings=SETTINGS, scenarios=[Scenario("Base")])
    html = _report(project, "en")
    assert "No input of these fields is set and non-zero, so nothing was varied." in html
    zh = _report(project, "zh")
    assert "这些字段中没有已设定且非零的输入" in zh
