"""``ecodesk sensitivity`` and ``ecodesk uncertainty`` (SPEC §3.7): JSON with exactly the SPEC
keys and the engine's numbers, readable tables in both languages, the progress bar only on a
terminal, and bad input as one sentence with exit 1."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ecodesk.analysis.sensitivity import sensitivity
from ecodesk.analysis.uncertainty import uncertainty
from ecodesk.cli import main
from ecodesk.cli_sweeps import ProgressBar
from ecodesk.model import AnalysisSettings, FlowKind, Project
from ecodesk.model.ranges import with_range, without_range
from ecodesk.store import open_project, write_project_atomic
from ecodesk.templates import load_template

SETTINGS = AnalysisSettings(seed=4, trials=300, orders=5)


def _project(ranges: bool) -> Project:
    template = load_template("s2b2b_appliance")
    s = template.scenarios[0].copy()
    for coll in (s.entities, s.capabilities, s.flows, s.needs, s.pools):  # the template's own ranges out
        for obj in list(coll):
            for field in list(obj.ranges):
                obj = without_range(obj, field)
            s.replace(obj)
    if ranges:
        for c in list(s.capabilities):
            if c.fixed_cost:
                s.replace(with_range(c, "fixed_cost", 0.8 * c.fixed_cost, 1.4 * c.fixed_cost))
        for f in list(s.flows):
            if f.kind is FlowKind.CAPABILITY and f.volume:
                s.replace(with_range(f, "volume", 0.6 * f.volume, 1.1 * f.volume))
    return Project("P", settings=SETTINGS, scenarios=[s])


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    path = tmp_path / "plain.ecodesk"
    write_project_atomic(_project(False), path)
    return path


@pytest.fixture
def ranged(tmp_path: Path) -> Path:
    path = tmp_path / "ranged.ecodesk"
    write_project_atomic(_project(True), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_sensitivity_json_equals_the_engine_and_has_the_spec_keys(plain: Path, capsys) -> None:
    code, out, err = run(capsys, "sensitivity", str(plain), "--metric", "cost_sharing.total_cost", "--json",
                         "--top", "5", "--workers", "1")
    assert code == 0 and err == ""  # stderr is not a terminal here: no progress bar
    data = json.loads(out)
    assert list(data) == ["metric", "base", "p", "rows"]
    scenario = open_project(plain).scenarios[0]
    want = sensitivity(scenario, SETTINGS, "cost_sharing.total_cost", top=5, workers=1).to_json()
    assert data == want and len(data["rows"]) == 5
    assert list(data["rows"][0]) == ["object", "field", "value", "low", "high", "metric_low", "metric_high", "swing"]
    assert data["rows"][0] == {"object": "channel_ctrl", "field": "capabilities.unit_cost", "value": 1.5,
                               "low": pytest.approx(1.2), "high": pytest.approx(1.8), "metric_low": 11200000.0,
                               "metric_high": 12400000.0, "swing": 1200000.0}


def test_sensitivity_options_p_fields_top(plain: Path, capsys) -> None:
    code, out, _ = run(capsys, "sensitivity", str(plain), "--metric", "reuse.total_savings", "--json", "--p", "0.5",
                       "--fields", "flows.volume, capabilities.fixed_cost", "--top", "3", "--workers", "1")
    data = json.loads(out)
    assert code == 0 and data["p"] == 0.5 and len(data["rows"]) == 3
    assert {r["field"] for r in data["rows"]} <= {"flows.volume", "capabilities.fixed_cost"}
    r = data["rows"][0]
    assert r["low"] == pytest.approx(0.5 * r["value"]) and r["high"] == pytest.approx(1.5 * r["value"])


def test_sensitivity_table_in_english_and_chinese(plain: Path, capsys) -> None:
    code, out, _ = run(capsys, "--lang", "en", "sensitivity", str(plain), "--metric", "cost_sharing.shapley.brand",
                       "--top", "3", "--workers", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Sensitivity of Shapley share of 家电品牌 S2B2B 平台 (cost_sharing.shapley.brand)")
    assert "Base value 2,900,000" in lines[1] and "the 3 largest swings shown" in lines[1]
    assert "Swing" in lines[2] and "线上交易系统 [trade_sys]" in lines[4] and "800,000" in lines[4]
    code, out, _ = run(capsys, "--lang", "zh", "sensitivity", str(plain), "--metric", "cost_sharing.shapley.brand",
                       "--top", "3", "--workers", "1")
    assert out.startswith("敏感性：家电品牌 S2B2B 平台 的 Shapley 分摊（cost_sharing.shapley.brand）")
    assert "基准值 2,900,000" in out and "波动" in out
    # flows are named by their ends
    code, out, _ = run(capsys, "sensitivity", str(plain), "--metric", "reuse.total_savings", "--top", "2",
                       "--workers", "1", "--lang", "en")
    assert "家电品牌 S2B2B 平台 → 华东区域总代 [c_ctrl_east]" in out


def test_uncertainty_json_table_and_seed(ranged: Path, capsys) -> None:
    code, out, err = run(capsys, "uncertainty", str(ranged), "--metric", "cost_sharing.total_cost", "--json",
                         "--samples", "40", "--seed", "9", "--workers", "1")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert list(data) == ["metric", "samples", "seed", "mean", "p05", "p50", "p95", "p_better_off"]
    scenario = open_project(ranged).scenarios[0]
    assert data == uncertainty(scenario, SETTINGS, "cost_sharing.total_cost", samples=40, seed=9,
                               workers=1).to_json()
    assert data["samples"] == 40 and data["seed"] == 9 and 0 < data["p_better_off"]["dist_east"] < 1
    assert data["p_better_off"]["brand"] == 1.0
    code, out, _ = run(capsys, "--lang", "en", "uncertainty", str(ranged), "--metric", "cost_sharing.total_cost",
                       "--samples", "40", "--workers", "1")
    assert "40 samples (seed 4)" in out and "Better off than alone" in out and "100.0 %" in out
    code, out, _ = run(capsys, "--lang", "zh", "uncertainty", str(ranged), "--metric", "cost_sharing.total_cost",
                       "--samples", "40", "--workers", "1")
    assert "不确定性：生态总成本 c(N)" in out and "40 个样本（随机种子 4）" in out and "优于单干" in out


@pytest.mark.parametrize(("argv", "sentence"), [
    (["sensitivity", "--metric", "cost_sharing.total_cots"],
     "ecodesk: unknown metric 'cost_sharing.total_cots'; nearest: cost_sharing.total_cost"),
    (["sensitivity", "--metric", "cost_sharing.total_cost", "--p", "1"],
     "ecodesk: p must lie strictly between 0 and 1, not 1."),
    (["sensitivity", "--metric", "cost_sharing.total_cost", "--p", "0"],
     "ecodesk: p must lie strictly between 0 and 1, not 0."),
    (["sensitivity", "--metric", "cost_sharing.total_cost", "--fields", "flows.colour"],
     "ecodesk: unknown field 'flows.colour': fields are table.field, one of flows.volume"),
    (["sensitivity", "--metric", "cost_sharing.total_cost", "--top", "0"], "ecodesk: --top must be at least 1"),
    (["sensitivity", "--metric", "cost_sharing.total_cost", "--dask", "tcp://127.0.0.1:9"],
     "ecodesk: cannot reach the Dask scheduler at tcp://127.0.0.1:9"),
    (["uncertainty", "--metric", "cost_sharing.total_cost", "--samples", "0"],
     "ecodesk: --samples must be at least 1, not 0."),
    (["uncertainty", "--metric", "cost_sharing.total_cost", "--samples", "many"],
     "ecodesk: --samples must be a whole number, not 'many'."),
    (["uncertainty", "--metric", "resilience.monte_carlo.expected_servce"],
     "ecodesk: unknown metric 'resilience.monte_carlo.expected_servce'; nearest: "
     "resilience.monte_carlo.expected_service"),
    (["uncertainty", "--metric", "cost_sharing.total_cost", "--workers", "0"], "ecodesk: --workers must be at least 1"),
])
def test_bad_input_is_one_sentence_and_exit_1(ranged: Path, capsys, argv: list[str], sentence: str) -> None:
    code, out, err = run(capsys, "--lang", "en", argv[0], str(ranged), *argv[1:])
    assert code == 1 and out == ""
    assert err.startswith(sentence) and len(err.strip().splitlines()) == 1, err


def test_no_ranges_is_said_in_both_languages(plain: Path, capsys) -> None:
    code, _, err = run(capsys, "--lang", "en", "uncertainty", str(plain), "--metric", "cost_sharing.total_cost")
    assert code == 1 and "has no ranges, so there is nothing uncertain to draw" in err
    code, _, err = run(capsys, "--lang", "zh", "uncertainty", str(plain), "--metric", "cost_sharing.total_cost")
    assert code == 1 and "没有任何取值范围" in err


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal() -> None:
    tty, pipe = _Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = ProgressBar(stream, "sensitivity", delay=0.0)
        for f in (0.0, 0.5, 1.0):
            bar(f)
        bar.close()
    assert pipe.getvalue() == ""
    text = tty.getvalue()
    assert "sensitivity [" in text and "100.0 %" in text and text.endswith("\r")
    quick = _Tty()  # a sweep done within the delay draws nothing
    bar = ProgressBar(quick, "sensitivity", delay=60.0)
    bar(0.5)
    bar(1.0)
    bar.close()
    assert quick.getvalue() == ""
