"""``ecodesk optimize`` (SPEC §3.6, issue 16): JSON against brute force, summaries in both
languages, the trade-off, ``--apply`` as one atomic save, and bad input as one sentence."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ecodesk.analysis.optimize import DesignOptions, apply_design, optimize_design, tradeoff
from ecodesk.cli import main
from ecodesk.io.jsonio import project_to_json
from ecodesk.model import AnalysisSettings, Capability, Entity, Flow, FlowKind, Need, Project, Scenario
from ecodesk.store import open_project, write_project_atomic
from tests.analysis.optimize_cases import brute_force, close, scenarios

KEYS = ["status", "objective", "gap", "current_cost", "current_feasible", "savings", "keep", "close", "assignments",
        "notes"]


def _scenario(name: str = "Base") -> Scenario:
    s = Scenario(name)
    for e in ("a", "b", "c", "s1", "s2", "s3"):
        s.add(Entity(e))
    for k, owner, fixed in (("wa", "a", 100.0), ("wb", "b", 80.0), ("wc", "c", 120.0)):
        s.add(Capability(k, category="Warehouse", owner=owner, fixed_cost=fixed, unit_cost=1.0))
    s.add(Flow("fa", "a", "s1", FlowKind.CAPABILITY, volume=30, capability="wa", standalone_cost=150))
    s.add(Flow("fc", "c", "s2", FlowKind.CAPABILITY, volume=20, capability="wc", standalone_cost=140))
    s.add(Need("n1", "s3", "warehouse", volume=10, standalone_cost=60))
    return s


@pytest.fixture
def project_file(tmp_path) -> Path:
    path = tmp_path / "p.ecodesk"
    write_project_atomic(Project("P", settings=AnalysisSettings(trials=300, orders=3),
                                 scenarios=[_scenario(), _scenario("Alt")]), path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_json(capsys, *args: str) -> dict:
    assert main(["optimize", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_is_the_spec_object(capsys, project_file) -> None:
    out = run_json(capsys, str(project_file))
    assert list(out) == KEYS
    expected = optimize_design(_scenario()).to_json()
    assert out == json.loads(json.dumps(expected))
    assert (out["status"], out["objective"], out["gap"], out["current_cost"], out["savings"]) == (
        "optimal", 80 + 30 + 20 + 10, 0.0, 100 + 80 + 120 + 30 + 20 + 60, 410 - 140)
    assert out["keep"] == ["wb"] and out["close"] == ["wa", "wc"]
    assert out["assignments"][0] == {"demand": "fa", "entity": "s1", "category": "Warehouse", "volume": 30.0,
                                     "capability": "wb", "cost": 30.0}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(scenarios())
def test_json_equals_brute_force_on_small_cases(capsys, tmp_path, s: Scenario) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(project_to_json(Project("C", scenarios=[s])), ensure_ascii=False), encoding="utf-8")
    for r in (1, 2):
        out = run_json(capsys, str(path), "--redundancy", str(r))
        assert out["status"] == "optimal" and close(out["objective"], brute_force(s, r=r))


def test_options_reach_the_optimiser(capsys, project_file) -> None:
    out = run_json(capsys, str(project_file), "--scenario", "Alt", "--keep", "wa, wc", "--budget", "250",
                   "--redundancy", "2", "--time-limit", "30")
    expected = optimize_design(_scenario("Alt"), DesignOptions(redundancy=2, budget=250, keep=("wa", "wc"),
                                                               time_limit=30))
    assert out == json.loads(json.dumps(expected.to_json()))
    assert out["keep"] == ["wa", "wc"]
    out = run_json(capsys, str(project_file), "--exclude", "wb")
    assert out["keep"] == ["wa"] and out["objective"] == 100 + 30 + 20 + 10


def test_infeasible_exits_0_with_nulls(capsys, project_file) -> None:
    out = run_json(capsys, str(project_file), "--keep", "wa,wc", "--budget", "100")
    assert out["status"] == "infeasible"
    assert (out["objective"], out["savings"], out["gap"], out["keep"], out["close"], out["assignments"]) == (
        None, None, None, [], [], [])
    assert out["current_cost"] == 410 and out["current_feasible"] is True
    assert "The budget 100 is below the fixed costs of the capabilities to keep (220)." in out["notes"]


def test_summary_in_english_and_chinese(capsys, project_file) -> None:
    assert main(["optimize", str(project_file), "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "Ecosystem design — scenario 'Base' (redundancy 1)" in en
    assert "Status: optimal" in en and "Savings: 270.00 CNY" in en
    assert "Keep (1): wb" in en and "Close (2): wa, wc" in en
    assert "  fa (s1, Warehouse): wa → wb, cost 30.00 CNY" in en
    assert "  n1 (s3, warehouse): standalone → wb, cost 10.00 CNY" in en
    assert main(["--lang", "zh", "optimize", str(project_file)]) == 0
    zh = capsys.readouterr().out
    assert "优化生态设计 — 情景「Base」（冗余度 1）" in zh and "状态：最优" in zh and "节省：270.00 CNY" in zh
    assert "  n1（s3，warehouse）：自行解决 → wb，成本 10.00 CNY" in zh


def test_tradeoff_key_and_table(capsys, project_file) -> None:
    out = run_json(capsys, str(project_file), "--tradeoff")
    assert list(out) == [*KEYS, "tradeoff"]
    rows = tradeoff(_scenario(), DesignOptions(), (1, 2, 3), AnalysisSettings(trials=300, orders=3))
    assert out["tradeoff"] == [json.loads(json.dumps(r.to_json())) for r in rows]
    assert [r["redundancy"] for r in out["tradeoff"]] == [1, 2, 3]
    assert list(out["tradeoff"][0]) == ["redundancy", "status", "objective", "expected_service", "targeted_r_index"]
    assert main(["optimize", str(project_file), "--tradeoff", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Redundancy trade-off:" in text and "  3  optimal" in text


def test_apply_saves_a_new_scenario_in_one_save(capsys, project_file) -> None:
    assert main(["optimize", str(project_file), "--apply", "Optimised", "--lang", "en"]) == 0
    assert f"Saved the design as scenario 'Optimised' in '{project_file}'." in capsys.readouterr().out
    project = open_project(project_file)
    assert project.scenario_names() == ["Base", "Alt", "Optimised"]
    expected = apply_design(_scenario(), optimize_design(_scenario()), "Optimised")
    assert project.scenario("Optimised").content_equals(expected)
    assert project.scenario("Base").content_equals(_scenario())


@pytest.mark.parametrize(("args", "sentence"), [
    (["--keep", "wa,nope"], "The capability 'nope' to keep does not exist in scenario 'Base'."),
    (["--exclude", "zz"], "The capability 'zz' to exclude does not exist in scenario 'Base'."),
    (["--budget", "-5"], "--budget must not be negative (got -5)."),
    (["--budget", "lots"], "--budget must be a number, not 'lots'."),
    (["--budget", "nan"], "--budget must be a finite number, not 'nan'."),
    (["--redundancy", "0"], "--redundancy must be at least 1, not 0."),
    (["--redundancy", "1.5"], "--redundancy must be a whole number, not '1.5'."),
    (["--time-limit", "soon"], "--time-limit must be a number, not 'soon'."),
    (["--time-limit", "0"], "--time-limit must be a positive number of seconds, not 0."),
    (["--apply", "Alt"], "Scenario 'Alt' already exists in '{f}'; choose another name for --apply."),
    (["--apply", " "], "' ' cannot be a scenario name: a scenario needs a name."),
    (["--scenario", "Nope", "--apply", "New"], None),
    (["--keep", "wa", "--exclude", "wa", "--apply", "New"], "The design is infeasible, so no scenario 'New' was saved."),
])
def test_bad_input_one_sentence_exit_1_nothing_written(capsys, project_file, args, sentence) -> None:
    before = digest(project_file)
    extra = [] if "--apply" in args else ["--apply", "X"]  # a run that got through would write
    assert main(["optimize", str(project_file), "--lang", "en", *args, *extra]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0]
    if sentence is not None:
        assert err[0] == "ecodesk: " + sentence.format(f=project_file)
    assert digest(project_file) == before


def test_apply_refuses_a_file_that_is_not_a_project(capsys, tmp_path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(project_to_json(Project("P", scenarios=[_scenario()]))), encoding="utf-8")
    before = digest(path)
    assert main(["optimize", str(path), "--apply", "New", "--lang", "en"]) == 1
    assert capsys.readouterr().err.strip() == (
        f"ecodesk: --apply saves into a project file (.ecodesk), and '{path}' is not one; import it first.")
    assert digest(path) == before
    assert main(["optimize", str(tmp_path / "missing.ecodesk"), "--apply", "New"]) == 1


def test_help(capsys) -> None:
    assert main(["optimize", "--help"]) == 0
    out = capsys.readouterr().out
    assert "usage: ecodesk optimize" in out
    for option in ("--scenario", "--redundancy", "--budget", "--keep", "--exclude", "--time-limit", "--apply",
                   "--json", "--tradeoff"):
        assert option in out


def test_summary_names_entities_and_capabilities(capsys, tmp_path) -> None:
    """The readable summary shows objects as planners know them — "name [id]" — not bare ids."""
    from ecodesk.store import write_project_atomic
    from ecodesk.templates import load_template

    path = tmp_path / "s2b2b.ecodesk"
    write_project_atomic(load_template("s2b2b_appliance"), path)
    assert main(["optimize", str(path), "--scenario", "2.0 网络生态", "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "Close (3): 产业数据中台 [data_platform], 直播营销工具（能力超市） [live_tool], " \
           "华东区域仓（总代自建，各自建仓） [wh_east]" in en
    assert "  c_wheast_storemall (商场专柜 [store_mall], 仓储): 华东区域仓（总代自建，各自建仓） [wh_east] → " \
           "共享仓配 [shared_wh], cost 750,000.00 CNY" in en
    assert "Demands: 27 capability flows and 1 unmet need; 10 capabilities." in en
