"""File → Export Slides… runs the deck's analyses in the background (the app's analysis
pool) behind a progress dialog with Cancel: the event loop keeps running, the PDF is painted
on the GUI thread afterwards with one page per view, Cancel writes nothing, a failure is one
sentence, an up-to-date result of the analysis panel is reused."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from ecodesk.analysis import run
from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.model import View
from ecodesk.ui import slides_action
from ecodesk.ui.panels.worker import wait_for_jobs
from tests.ui.test_slides import deck_project, extent, page_count

REAL = run.run_analysis


@pytest.fixture
def window(qtbot, monkeypatch):
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow

    p = deck_project()
    s = p.scenarios[0]
    b = s.copy()  # a second scenario, compared with the first on a fourth page
    b.name = "Variant"
    p.add_scenario(b)
    p.add_view(View("v4", "Against the variant", "Variant", extent(p), "kind", (), "compare", ""))
    w = MainWindow(Document(p))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    monkeypatch.setattr(slides_action, "_panel_result", lambda window, scenario: None)  # nothing cached
    w.analysis_panel.channel.auto = False  # the panel's own runs would be counted as calls below
    w.analysis_panel.channel.cancel()
    yield w
    wait_for_jobs()


def slow_analysis(calls: list[str], seconds: float = 0.4):
    """run_analysis after ``seconds`` of a pretend computation that checks cancel."""

    def slow(scenario, settings=None, *, progress=None, cancel=None):
        calls.append(threading.current_thread().name)
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            if cancel is not None and cancel():
                raise AnalysisCancelled()
            if progress is not None:
                progress(1 - (end - time.perf_counter()) / seconds, "pretend")
            time.sleep(0.01)
        return REAL(scenario, settings, progress=progress, cancel=cancel)

    return slow


def test_the_scenarios_the_pages_need_each_once_with_the_comparison_partner(window):
    p = window.document.project
    assert [s.name for s in slides_action.scenarios_to_analyse(p)] == [p.scenarios[0].name, "Variant"]


def test_the_analyses_run_in_the_background_while_the_event_loop_keeps_running(window, tmp_path, qtbot, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(run, "run_analysis", slow_analysis(calls))
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    dest = tmp_path / "deck.pdf"
    job = slides_action.export_slides_to(window, dest)
    assert job.outcome is None and not dest.exists()  # returned at once, the work goes on
    dlg = window.findChild(QProgressDialog, "slides_progress")
    assert dlg is not None and dlg.isVisible() and dlg.labelText() == "Analysing the scenarios of the slides…"
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=60_000)
    timer.stop()
    assert job.outcome == "written" and page_count(dest) == 4
    assert len(calls) == 2 and threading.main_thread().name not in calls  # two scenarios, off the GUI thread
    assert len(ticks) >= 10  # ≥ 0.8 s of analysis: the GUI thread's timer kept firing
    assert window.findChild(QProgressDialog, "slides_progress") is None or not dlg.isVisible()
    assert "Slides saved to “deck.pdf”" in window.statusBar().currentMessage()


def test_cancel_writes_nothing(window, tmp_path, qtbot, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(run, "run_analysis", slow_analysis(calls, seconds=30))
    out = tmp_path / "out"
    out.mkdir()
    old = out / "deck.pdf"
    old.write_bytes(b"old deck")
    job = slides_action.export_slides_to(window, old)
    qtbot.waitUntil(lambda: bool(calls), timeout=10_000)
    dlg = window.findChild(QProgressDialog, "slides_progress")
    button = dlg.findChild(QPushButton)
    assert button.text() == "Cancel"
    t0 = time.perf_counter()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert job.outcome == "cancelled"
    qtbot.waitUntil(lambda: job.job is not None and not job.job.running, timeout=10_000)
    assert time.perf_counter() - t0 < 10  # stopped at its next check, not after 30 s
    qtbot.wait(50)
    assert old.read_bytes() == b"old deck" and [p.name for p in out.iterdir()] == ["deck.pdf"]
    assert window.statusBar().currentMessage() == "Export Slides cancelled: nothing was written."


def test_cancel_leaves_no_new_file(window, tmp_path, qtbot, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(run, "run_analysis", slow_analysis(calls, seconds=30))
    out = tmp_path / "out"
    out.mkdir()
    job = slides_action.export_slides_to(window, out / "new.pdf")
    qtbot.waitUntil(lambda: bool(calls), timeout=10_000)
    job.cancel()
    qtbot.waitUntil(lambda: not job.job.running, timeout=10_000)
    qtbot.wait(50)
    assert list(out.iterdir()) == []


def test_a_failed_analysis_costs_its_card_a_failed_job_is_one_sentence(window, tmp_path, qtbot, monkeypatch):
    def broken(scenario, settings=None, **kw):
        raise ValueError("flow 'x' has no amount")

    monkeypatch.setattr(run, "run_analysis", broken)
    job = slides_action.export_slides_to(window, tmp_path / "a.pdf")
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30_000)
    assert job.outcome == "written" and page_count(tmp_path / "a.pdf") == 4  # cards say why, deck written

    told: list[str] = []
    monkeypatch.setattr(window.controller.prompter, "warning", lambda title, text: told.append(text))
    monkeypatch.setattr(slides_action, "analyse_all", lambda snaps, settings: lambda progress, cancel: 1 / 0)
    job = slides_action.export_slides_to(window, tmp_path / "b.pdf")
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30_000)
    assert job.outcome == "failed" and told == ["The slides could not be made: division by zero"]
    assert not (tmp_path / "b.pdf").exists()


def test_an_up_to_date_panel_result_is_reused(window, tmp_path, qtbot, monkeypatch):
    p = window.document.project
    first = p.scenarios[0]
    cached = REAL(first, p.settings)
    monkeypatch.setattr(slides_action, "_panel_result", lambda w, s: cached if s is first else None)
    calls: list[str] = []
    monkeypatch.setattr(run, "run_analysis", slow_analysis(calls, seconds=0.05))
    job = slides_action.export_slides_to(window, tmp_path / "c.pdf")
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30_000)
    assert job.outcome == "written" and len(calls) == 1  # only the variant was analysed


def test_with_all_results_at_hand_only_the_pages_are_drawn_one_per_event_loop_turn(window, tmp_path, qtbot,
                                                                                   monkeypatch):
    p = window.document.project
    results = {id(s): REAL(s, p.settings) for s in p.scenarios}
    monkeypatch.setattr(slides_action, "_panel_result", lambda w, s: results[id(s)])
    monkeypatch.setattr(run, "run_analysis", lambda *a, **k: pytest.fail("analysed again"))
    dest = tmp_path / "d.pdf"
    job = slides_action.export_slides_to(window, dest)
    assert job.job is None and job.outcome is None and job.pages is not None  # page 1 drawn, 2–4 to come
    dlg = window.findChild(QProgressDialog, "slides_progress")
    assert dlg.labelText() == "Drawing slide 1 of 4…" and dlg.maximum() == 4
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30_000)
    assert job.outcome == "written" and page_count(dest) == 4


def test_cancel_while_the_pages_are_drawn_writes_nothing(window, tmp_path, qtbot, monkeypatch):
    p = window.document.project
    results = {id(s): REAL(s, p.settings) for s in p.scenarios}
    monkeypatch.setattr(slides_action, "_panel_result", lambda w, s: results[id(s)])
    out = tmp_path / "out"
    out.mkdir()
    job = slides_action.export_slides_to(window, out / "f.pdf")
    job.cancel()
    qtbot.wait(100)
    assert job.outcome == "cancelled" and job.pages is None and list(out.iterdir()) == []


def test_an_edit_during_the_run_writes_nothing_and_says_so(window, tmp_path, qtbot, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(run, "run_analysis", slow_analysis(calls, seconds=0.3))
    told: list[str] = []
    monkeypatch.setattr(window.controller.prompter, "warning", lambda title, text: told.append(text))
    s = window.document.project.scenarios[0]
    job = slides_action.export_slides_to(window, tmp_path / "e.pdf")
    qtbot.waitUntil(lambda: bool(calls), timeout=10_000)
    e = s.entities.at(0)  # renamed, not through the window (its input is held by the dialog)
    s.replace(dataclasses.replace(e, name=e.name + " (new)"))
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=30_000)
    assert job.outcome == "failed" and not (tmp_path / "e.pdf").exists()
    assert told == ["The project changed while the slides were being prepared, so nothing was written; "
                    "export them again."]
