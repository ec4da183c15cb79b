"""Export Report from the app: through the analysis panel's runner and result cache, written
atomically, cancelled from the panel's Cancel without leaving a file."""

from __future__ import annotations

import time

import ecodesk.analysis.run as run
from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.commands import ChangeObject
from ecodesk.ui.document import Document
from ecodesk.ui.panels.analysis_panel import AnalysisPanel
from ecodesk.ui.reportexport import export_report, report_running
from tests.ui.panel_helpers import project_of, wait_current


def _panel(qtbot, template: str = "sensor_reuse") -> AnalysisPanel:
    project = project_of(template)
    project.set_meta(settings={"trials": 300, "orders": 10})
    panel = AnalysisPanel(Document(project))
    qtbot.addWidget(panel)
    panel.set_auto(False)
    return panel


def _finish(qtbot, job) -> tuple[bool, str]:
    seen: list[tuple[bool, str]] = []
    job.finished.connect(lambda ok, message: seen.append((ok, message)))
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    return seen[0]


def test_report_reuses_the_panels_current_result(qtbot, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    panel = _panel(qtbot)
    result = wait_current(qtbot, panel)
    calls: list[str] = []
    real = run.run_analysis
    monkeypatch.setattr(run, "run_analysis", lambda *a, **k: calls.append("run") or real(*a, **k))
    dest = tmp_path / "报告.html"
    job = export_report(panel, dest, lang="en")
    assert job is not None and export_report(panel, tmp_path / "again.html") is None  # one at a time
    ok, message = _finish(qtbot, job)
    assert ok and message == "Report saved to “报告.html”"
    assert calls == [] and job.result is result  # the cached result, not a new analysis
    text = dest.read_text(encoding="utf-8")
    total = f'data-value="{result.reuse.total_savings!r}"'
    assert total in text and '<section id="resilience"' in text
    assert not report_running() and list(tmp_path.iterdir()) == [dest]  # no temporary file left


def test_report_runs_the_analysis_it_needs_through_the_channel(qtbot, tmp_path):
    panel = _panel(qtbot)
    wait_current(qtbot, panel)
    doc = panel.document
    sensor = doc.scenario.entities["sensor"]
    doc.push(ChangeObject(doc.scenario, sensor.evolve(risk=0.3)))
    assert panel.channel.stale and not panel.channel.running  # automatic analysis is off
    dest = tmp_path / "r.html"
    job = export_report(panel, dest, lang="zh")
    qtbot.waitUntil(lambda: panel.channel.running or job.ok is not None, timeout=5_000)
    qtbot.waitUntil(lambda: job.ok is not None, timeout=30_000)
    ok = job.ok
    assert ok and not panel.channel.stale
    assert job.result is panel.channel.result  # the panel shows what the report says
    assert job.result.scenario.entities["sensor"].risk == 0.3
    assert "<html" in dest.read_text(encoding="utf-8")


def test_cancelling_the_panel_cancels_the_report(qtbot, tmp_path, monkeypatch):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    panel = _panel(qtbot)

    def slow(scenario, settings=None, *, progress=None, cancel=None):
        while not cancel():
            time.sleep(0.01)
        raise AnalysisCancelled("cancelled")

    monkeypatch.setattr(run, "run_analysis", slow)
    dest = tmp_path / "r.html"
    job = export_report(panel, dest)
    qtbot.waitUntil(lambda: panel.channel.running, timeout=5_000)
    seen: list[tuple[bool, str]] = []
    job.finished.connect(lambda ok, message: seen.append((ok, message)))
    panel.cancel()  # the status bar's Cancel
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == [(False, "Report cancelled; nothing was written")]
    assert not dest.exists() and list(tmp_path.iterdir()) == []
