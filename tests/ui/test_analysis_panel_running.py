"""Running analyses: off the GUI thread, recomputed shortly after edits, stale results greyed
and never mixed with new ones, parameters saved with the project, a long Monte Carlo
cancelled without freezing the window, and the edit-to-refresh time on 1,000 entities."""

from __future__ import annotations

import itertools
import statistics
import threading
import time

from PySide6.QtCore import QTimer

from ecodesk.commands import ChangeObject, MoveEntities
from ecodesk.model import Project
from ecodesk.ui.document import Document
from ecodesk.ui.panels import worker
from tests.ui.panel_helpers import open_window, project_of, wait_current


def test_analysis_panel_recomputes_after_edits_and_greys_stale_results(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, doc = w.analysis_panel, w.document
    wait_current(qtbot, panel)
    cost = panel.show_tab("cost")
    assert cost.partners.isEnabled() and not cost.stale_overlay_visible(cost.partners)
    sensor = doc.scenario.entities["sensor"]
    doc.push(ChangeObject(doc.scenario, sensor.evolve(risk=0.3)))
    # at once: out of date, greyed and inert — but the pool editor stays usable
    assert panel.channel.stale and panel.channel.pending
    assert not cost.partners.isEnabled() and cost.stale_overlay_visible(cost.partners)
    assert cost.pools.isEnabled()
    assert "Out of date" in panel.state_label.text()
    # debounced: nothing starts before ~600 ms
    qtbot.wait(300)
    assert not panel.channel.running and panel.channel.pending
    result = wait_current(qtbot, panel)
    assert cost.partners.isEnabled() and not cost.stale_overlay_visible(cost.partners)
    assert panel.channel.result_tag.revision == doc.scenario.revision
    loss_before = result.resilience.monte_carlo.expected_service
    assert "Up to date" in panel.state_label.text()
    doc.undo()
    result = wait_current(qtbot, panel)
    assert result.resilience.monte_carlo.expected_service != loss_before


def test_analysis_panel_never_shows_a_superseded_result(qtbot, monkeypatch):
    """A job still running for an older revision is cancelled and its result dropped; only
    the result of the scenario as it is now is shown."""
    gate = threading.Event()
    seen: list[int] = []
    real = worker.full_analysis

    def gated(snapshot, settings):
        inner = real(snapshot, settings)

        def work(progress, cancel):
            seen.append(len(snapshot.entities))
            if len(seen) == 1:
                gate.wait(10)  # the first job waits until the test lets it go
            return inner(progress, lambda: False)  # ignore cancel: it must be dropped anyway

        return work

    monkeypatch.setattr(worker, "full_analysis", gated)
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, doc = w.analysis_panel, w.document
    panel.channel.run_now()
    first = panel.channel.job
    qtbot.waitUntil(lambda: len(seen) == 1)
    doc.push(MoveEntities(doc.scenario, {"sensor": (5.0, 5.0)}))
    panel.channel.run_now()  # supersedes the first job
    assert first.cancelled and panel.channel.job is not first
    wait_current(qtbot, panel)
    gate.set()
    qtbot.waitUntil(lambda: first.stopped_at is not None)
    qtbot.wait(50)
    assert panel.channel.result_tag.revision == doc.scenario.revision
    assert panel.channel.result_scenario.entities["sensor"].x == 5.0


def test_analysis_parameters_are_saved_with_the_project_and_undoable(qtbot, tmp_path):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, doc = w.analysis_panel, w.document
    wait_current(qtbot, panel)
    panel.params_button.click()
    assert panel.params.isVisible()
    panel.params.trials.setValue(2000)
    panel.params.theta.setValue(0.3)
    panel.params.kinds["capability"].setChecked(True)
    s = doc.project.settings
    assert (s.trials, s.cascade_threshold) == (2000, 0.3) and "capability" in [k.value for k in s.supply_kinds]
    assert w.actions.edit_undo.text() == "&Undo Change analysis parameters"
    assert panel.channel.stale  # the settings are part of every result's tag
    result = wait_current(qtbot, panel)
    assert result.settings.trials == 2000 and result.resilience.monte_carlo.trials == 2000
    doc.save_as(tmp_path / "p.ecodesk")
    again = Document.load(tmp_path / "p.ecodesk")
    assert again.project.settings == doc.project.settings
    again.close_file()
    w.undo()
    assert doc.project.settings.supply_kinds == project_of("sensor_reuse").settings.supply_kinds
    assert not panel.params.kinds["capability"].isChecked()  # the editors follow undo
    w.undo()
    w.undo()
    assert doc.project.settings.trials == 10_000 and panel.params.trials.value() == 10_000


def _big_project():
    from tests.benchmarks.generate import generate_s2b2b

    return generate_s2b2b(90, 1850, 20)  # about 2,000 entities and 9,600 flows, every risk > 0


def test_analysis_long_monte_carlo_is_cancelled_without_freezing_the_window(qtbot):
    """Behaviour, not speed (timings: ``tests/benchmarks/bench_cancel.py``): the window keeps
    processing events while the engine runs, Cancel frees it at once, and the run ends
    cancelled with nothing shown. The bounds are generous: a loaded machine must not fail it."""
    project: Project = _big_project()
    assert len(project.scenarios[0].entities) > 2000
    w = open_window(qtbot, project)
    panel, doc = w.analysis_panel, w.document
    panel.set_auto(False)
    doc.project.set_meta(settings={"trials": 200_000, "orders": 20})
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    outcomes: list[tuple[object, str]] = []

    def record(state, outcome, payload):
        outcomes.append((state, outcome))

    worker._relay().finished.connect(record)  # how each job ended, as the GUI thread hears it
    panel.run_now()
    job = panel.channel.job
    qtbot.waitUntil(lambda: panel.channel.stage == "monte carlo", timeout=60_000)
    timer.start(20)
    # the event loop runs while the engine works: timer events keep arriving during the run
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=30_000)
    assert job.running and panel.channel.running  # … and they arrived while it ran
    assert w.analysis_status.isVisible() and w.analysis_menus.cancel.isEnabled()
    w.analysis_status.cancel_button.click()
    # the window is idle again at once (the result will be dropped whenever the thread stops)
    assert not panel.channel.running and not w.analysis_status.isVisible()
    assert w.statusBar().currentMessage() == "Analysis cancelled"
    qtbot.waitUntil(lambda: job.stopped_at is not None and any(s is job for s, _ in outcomes), timeout=60_000)
    timer.stop()
    worker._relay().finished.disconnect(record)
    assert [o for s, o in outcomes if s is job] == ["cancelled"]  # the run ended cancelled, not done
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 5.0  # never frozen (generous: the figure itself is a benchmark's)
    assert job.stopped_at - job.cancel_requested_at < 30.0
    assert panel.channel.result is None  # nothing half-done is shown


def test_analysis_panel_refresh_after_an_edit_on_1000_entities(qtbot):
    """Edit-to-refreshed-results time on a 1,000-entity project (debounce included)."""
    from tests.benchmarks.generate import generate_s2b2b

    project = generate_s2b2b(45, 920, 10)
    assert 950 <= len(project.scenarios[0].entities) <= 1100
    w = open_window(qtbot, project)
    panel, doc = w.analysis_panel, w.document
    panel.show_tab("resilience")
    wait_current(qtbot, panel, timeout=60_000)
    times = []
    ent = doc.scenario.entities.at(0)
    for i in range(5):
        t0 = time.perf_counter()
        doc.push(MoveEntities(doc.scenario, {ent.id: (float(i), 0.0)}))
        qtbot.waitUntil(lambda: not panel.channel.stale and not panel.pages["resilience"].stale
                        and "resilience" not in panel._dirty, timeout=60_000)
        times.append(time.perf_counter() - t0)
    median = statistics.median(times)
    print(f"\nedit → refreshed results on {len(doc.scenario.entities)} entities / {len(doc.scenario.flows)} flows: "
          f"median {median * 1000:.0f} ms of {[round(t * 1000) for t in times]} (600 ms debounce included)")
    assert median < 5.0


def test_a_project_asking_for_ten_million_trials_opens_without_starting_them(qtbot, tmp_path):
    """Issue 14: the trial setting is stored in the file and the app analyses on open — a
    shared file with 10⁷ trials took minutes of full CPU (and, before blocks, all memory).
    It opens at once, starts nothing by itself, keeps the setting as typed, says why, and
    runs only when the user presses Run."""
    from ecodesk.store import open_project, write_project_atomic
    from tests.benchmarks.generate import generate_s2b2b

    project = generate_s2b2b(10, 150, 3)
    project.set_meta(settings={"trials": 10_000_000})
    path = tmp_path / "shared.ecodesk"
    write_project_atomic(project, path)
    t0 = time.perf_counter()
    w = open_window(qtbot, open_project(path))
    panel, doc = w.analysis_panel, w.document
    items = len(doc.scenario.entities) + len(doc.scenario.flows)
    assert items * 10_000_000 > 2_000_000_000
    qtbot.wait(1500)  # well past the 600 ms debounce
    assert time.perf_counter() - t0 < 60.0  # generous: it did not run 10⁷ trials
    ch = panel.channel
    assert not ch.running and not ch.pending and ch.result is None and ch.job is None
    assert ch.refusal is not None
    reason = (f"10,000,000 Monte Carlo trials on {items:,} entities and flows is too large "
              "to start automatically.")
    assert panel.state_label.text() == "Too large to analyse automatically — press Run"
    assert panel.state_label.toolTip() == reason and w.statusBar().currentMessage() == reason
    assert doc.project.settings.trials == 10_000_000  # nothing the user typed is changed
    assert panel.run_button.isEnabled() and panel.channel.auto
    # an edit does not start it either
    ent = doc.scenario.entities.at(0)
    doc.push(MoveEntities(doc.scenario, {ent.id: (3.0, 4.0)}))
    qtbot.wait(1000)
    assert not ch.running and ch.job is None and "press Run" in panel.state_label.text()
    # the user's Run starts it (cancelled here at once: the run itself is the CLI's test)
    panel.run_now()
    job = ch.job
    assert job is not None and ch.running and ch.refusal is None and panel.state_label.toolTip() == ""
    panel.cancel()
    qtbot.waitUntil(lambda: job.stopped_at is not None, timeout=60_000)
    # a setting back within budget analyses automatically again
    doc.project.set_meta(settings={"trials": 2000})
    wait_current(qtbot, panel, timeout=60_000)
    assert ch.result.resilience.monte_carlo.trials == 2000 and ch.refusal is None


def test_progress_for_a_deleted_receiver_is_dropped_not_raised():
    """A job's progress may arrive after its receiver was deleted (a window or presentation
    closed while the analysis runs): it is dropped, and later progress is not offered again."""
    state = worker.JobState(lambda *a: None)
    calls = []

    def gone(*args):
        calls.append(args)
        raise RuntimeError("Signal source has been deleted")

    state.callbacks["progress"] = gone
    worker._on_relay_progress(state, 10, "resilience")  # no exception escapes into Qt's event loop
    worker._on_relay_progress(state, 20, "resilience")
    assert len(calls) == 1 and "progress" not in state.callbacks
