"""``ecodesk analyze``'s start-up path (issue 19, "1× ≤ 2 s wall including start-up"): the
loaded project is kept out of the garbage collector's passes while the analysis runs, the
collector is as it was afterwards, and the printed JSON is what run_analysis gives."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from typing import Any

import pytest

import ecodesk.analysis.run as run_module
import ecodesk.cli as cli_module
from ecodesk.analysis.run import run_analysis
from ecodesk.cli import main
from ecodesk.store import open_project, write_project_atomic
from ecodesk.templates import load_template


@pytest.fixture
def project_file(tmp_path):
    path = tmp_path / "s2b2b.ecodesk"
    write_project_atomic(load_template("s2b2b_appliance"), path)
    return path


def test_analysis_runs_with_the_project_frozen_and_the_collector_is_restored(project_file, monkeypatch, capsys):
    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    seen: dict[str, Any] = {}
    real = run_module.run_analysis

    def spying(scenario, settings=None, **kw):
        seen["frozen"] = gc.get_freeze_count()
        seen["threshold"] = gc.get_threshold()
        seen["tracked"] = gc.is_tracked(scenario.entities[scenario.entities.ids()[0]])
        return real(scenario, settings, **kw)

    real_load = cli_module.load_any

    def loading(path):
        seen["collecting while loading"] = gc.isenabled()
        return real_load(path)

    monkeypatch.setattr(run_module, "run_analysis", spying)
    monkeypatch.setattr(cli_module, "load_any", loading)
    assert main(["analyze", str(project_file), "--json"]) == 0
    capsys.readouterr()
    # during the analysis: the project's objects sit in the permanent generation, young
    # collections are rarer (the collector still runs: garbage made meanwhile is freed)
    assert seen["tracked"] and seen["frozen"] > before[1]
    assert seen["threshold"][0] >= max(50_000, seen["frozen"] // 2) and seen["threshold"][1:] == before[0][1:]
    # the project was loaded with the collector paused (frozen before any collection walked it)
    assert seen["collecting while loading"] is False
    # afterwards: exactly as before
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before


def test_collector_is_restored_when_the_analysis_fails(project_file, monkeypatch, capsys):
    before = gc.get_threshold(), gc.get_freeze_count()

    def failing(*a, **kw):
        raise RuntimeError("boom")

    monkeypatch.setattr(run_module, "run_analysis", failing)
    assert main(["analyze", str(project_file), "--json"]) == 1
    assert "internal error (RuntimeError: boom)" in capsys.readouterr().err
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_refused_file_leaves_the_collector_alone(tmp_path, capsys):
    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    bad = tmp_path / "bad.ecodesk"
    bad.write_bytes(b"not a database at all")
    assert main(["analyze", str(bad), "--json"]) == 1
    assert "is not an ecodesk project" in capsys.readouterr().err
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before


@pytest.mark.parametrize("as_json", [True, False])
def test_output_is_that_of_run_analysis(project_file, capsys, as_json):
    project = open_project(project_file)
    scenario = project.scenarios[0]
    assert main(["analyze", str(project_file), "--scenario", scenario.name, *(["--json"] if as_json else [])]) == 0
    out = capsys.readouterr().out
    if as_json:
        assert json.loads(out) == json.loads(json.dumps(run_analysis(scenario, project.settings).to_json()))
    else:
        assert scenario.name in out


def test_analyze_in_a_fresh_process_prints_the_same_json(project_file, capsys):
    """The command as a user starts it (own interpreter, collector settings of a fresh process)."""
    assert main(["analyze", str(project_file), "--json"]) == 0
    here = capsys.readouterr().out
    done = subprocess.run([sys.executable, "-m", "ecodesk", "analyze", str(project_file), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == json.loads(here)


def test_analyze_json_imports_neither_qt_nor_the_readable_summary(project_file):
    """`analyze --json` loads what it prints with: not the readable summary (nor its
    figure labels and Chinese notes), not Qt, not scipy.optimize (only a nucleolus or the
    optimiser solves a programme); the readable summary still comes when asked."""
    code = ("import contextlib, io, sys; from ecodesk.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): rc = main(sys.argv[1:])\n"
            "print(rc, sorted(m for m in ('ecodesk.analysis.summary', 'ecodesk.analysis.notes_zh', 'PySide6',"
            " 'scipy.optimize')"
            " if m in sys.modules))")
    first = open_project(project_file).scenarios[0].name  # named: no note about the other scenario
    done = subprocess.run([sys.executable, "-c", code, "analyze", str(project_file), "--json", "--scenario", first],
                          capture_output=True, text=True, timeout=300)
    assert done.stdout.split(maxsplit=1) == ["0", "[]\n"], done.stderr
    done = subprocess.run([sys.executable, "-c", code, "analyze", str(project_file), "--scenario", first],
                          capture_output=True, text=True, timeout=300)
    assert done.stdout.split(maxsplit=1) == ["0", "['ecodesk.analysis.notes_zh', 'ecodesk.analysis.summary']\n"]


def test_json_is_built_with_the_collector_paused_and_it_runs_again_after(project_file, monkeypatch, capsys):
    """The JSON tree (fresh dicts and lists, no cycles) is built and written with the collector
    paused; the collector is on again afterwards, and the output is unchanged."""
    seen: list[bool] = []
    real = run_module.AnalysisResult.to_json

    def spying(self):
        seen.append(gc.isenabled())
        return real(self)

    before = gc.isenabled()
    monkeypatch.setattr(run_module.AnalysisResult, "to_json", spying)
    assert main(["analyze", str(project_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert seen == [False] and gc.isenabled() == before
    project = open_project(project_file)
    assert out == json.loads(json.dumps(run_analysis(project.scenarios[0], project.settings).to_json()))


def _children() -> set[int]:
    """This process's live children (Linux), to check that no worker is left behind."""
    import os

    out: set[int] = set()
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as f:
            out |= {int(x) for x in f.read().split()}
    return out


needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the worker forks only on Linux")


@needs_fork
def test_analyze_runs_robustness_and_monte_carlo_in_a_forked_worker_with_the_same_json(project_file, monkeypatch,
                                                                                        capsys):
    seen: dict[str, Any] = {}
    real = run_module.run_analysis

    def spying(scenario, settings=None, **kw):
        seen["forked"] = kw["worker"].forked
        return real(scenario, settings, **kw)

    monkeypatch.setattr(run_module, "run_analysis", spying)
    before = _children()
    assert main(["analyze", str(project_file), "--json"]) == 0
    out = capsys.readouterr().out
    assert seen["forked"] is True and _children() == before
    project = open_project(project_file)
    serial = run_analysis(project.scenarios[0], project.settings).to_json()
    assert out == json.dumps(serial, ensure_ascii=False, allow_nan=False) + "\n"  # byte for byte


@needs_fork
def test_a_failure_in_the_worker_is_one_sentence_and_exit_1(project_file, monkeypatch, capsys):
    import ecodesk.analysis.resilience as resilience

    class Odd(Exception):
        def __reduce__(self):
            raise TypeError("cannot pickle")

    def broken(*a, **kw):
        raise Odd("trials broke")

    monkeypatch.setattr(resilience, "simulate", broken)
    before = _children()
    assert main(["analyze", str(project_file), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1] == (
        "ecodesk: the part of the analysis run in a separate process failed: Odd: trials broke")
    assert "Traceback" not in captured.err
    assert _children() == before


@needs_fork
def test_a_refused_file_leaves_no_worker_behind(tmp_path, capsys):
    bad = tmp_path / "bad.ecodesk"
    bad.write_bytes(b"not a database at all")
    before = _children()
    assert main(["analyze", str(bad), "--json"]) == 1
    capsys.readouterr()
    assert _children() == before
