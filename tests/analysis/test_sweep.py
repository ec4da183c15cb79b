"""run_sweep in this process and on a local process pool: same results, task order, the
payload once per worker, progress, cancel, errors from workers, bad arguments."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # workers import the helpers by this name

import test_sweep_helpers as helpers

from ecodesk.analysis import sweep
from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.run import run_analysis
from ecodesk.analysis.sweep import SweepError, available_workers, run_sweep
from ecodesk.model.errors import ValidationError
from ecodesk.templates import load_template

TASKS = [(seed, factor) for seed in (1, 2, 3) for factor in (0.5, 1.0, 2.0)]


@pytest.fixture(scope="module")
def model():
    project = load_template("sensor_reuse")
    return project.scenario(), project.settings.evolve(trials=300, orders=5)


def test_same_results_in_process_and_on_two_workers(model):
    here = run_sweep(model, TASKS, helpers.monte_carlo, workers=1)
    pool = run_sweep(model, TASKS, helpers.monte_carlo, workers=2)
    assert pool == here
    # each figure is run_analysis of that model, and the seeds matter (a test that could fail)
    scenario, settings = model
    changed = scenario.copy()
    flow = helpers.first_capability_flow(changed)
    changed.replace(flow.evolve(volume=flow.volume * 2.0))
    direct = run_analysis(changed, settings.evolve(seed=3)).to_json()
    assert here[-1] == (direct["resilience"]["monte_carlo"]["expected_service"],
                        direct["cost_sharing"]["total_cost"], direct["reuse"]["total_savings"])
    assert len({r[0] for r in here}) > 1
    assert here[0][1] != here[2][1]  # the volume factor moves the total cost


def test_results_in_task_order_across_many_chunks():
    tasks = list(range(1000, 0, -1))
    assert run_sweep(5, tasks, helpers.square, workers=2) == [5 + t * t for t in tasks]
    assert run_sweep(5, [], helpers.square, workers=2) == []


def test_payload_prepared_once_per_worker_process():
    out = run_sweep({"big": list(range(10_000))}, range(300), helpers.where, workers=2, prepare=helpers.identity)
    assert [t for t, _, _ in out] == list(range(300))
    pids = {pid for _, pid, _ in out}
    assert 1 <= len(pids) <= 2
    # every task saw the worker-local object built exactly once in its process
    assert {count for _, _, count in out} == {1}


def test_progress_reaches_one_and_grows():
    seen: list[float] = []
    run_sweep(0, range(200), helpers.square, workers=2, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 4
    seen.clear()
    run_sweep(0, range(50), helpers.square, workers=1, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen)


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_stops_early(workers):
    seen: list[float] = []
    t0 = time.perf_counter()
    with pytest.raises(AnalysisCancelled):
        # 400 tasks of 50 ms: 10-20 s if it ran to the end
        run_sweep(0, range(400), helpers.slow, workers=workers, progress=seen.append,
                  cancel=lambda: bool(seen) and seen[-1] >= 0.05)
    assert time.perf_counter() - t0 < 8
    assert seen and seen[-1] < 0.5


def test_cancel_before_start_runs_nothing():
    with pytest.raises(AnalysisCancelled):
        run_sweep(0, range(10), helpers.square, workers=2, cancel=lambda: True)


@pytest.mark.parametrize("workers", [1, 2])
def test_worker_error_is_raised_as_itself(workers):
    with pytest.raises(ValueError, match="task 7 cannot be evaluated: volume must be positive"):
        run_sweep(0, range(40), helpers.fail_at_seven, workers=workers)


def test_errors_with_their_own_init_are_raised_as_themselves():
    with pytest.raises(helpers.Stubborn, match=r"flow f1\.volume is broken") as info:
        run_sweep(0, range(40), helpers.fail_stubborn, workers=2)
    assert (info.value.what, info.value.field) == ("flow f1", "volume")
    with pytest.raises(ValidationError) as caught:
        run_sweep(0, range(40), helpers.fail_validation, workers=2)
    assert (caught.value.what, caught.value.obj_id, caught.value.field) == ("flow", "f1", "volume")
    with pytest.raises(ValidationError) as here:
        helpers.fail_validation(None, 5)
    assert caught.value.sentence("zh") == here.value.sentence("zh") and "f1" in here.value.sentence("zh")
    assert str(caught.value) == str(here.value) == here.value.sentence()


def test_error_that_cannot_travel_becomes_a_sweep_error():
    with pytest.raises(SweepError) as info:
        run_sweep(0, range(40), helpers.fail_unsendable, workers=2)
    assert info.value.sentence() == "task 4 failed in a worker: Unsendable: flow f1.volume is broken"
    assert "第 4 个任务" in info.value.sentence("zh")
    assert "fail_unsendable" in str(info.value.__cause__)  # the worker's traceback rides along


def test_a_worker_that_dies_is_one_sentence():
    with pytest.raises(SweepError, match=r"^a worker process stopped unexpectedly \(out of memory, or killed\)"):
        run_sweep(0, range(40), helpers.die_at_five, workers=2)
    assert run_sweep(0, range(40), helpers.square, workers=2) == [t * t for t in range(40)]  # the next one runs


@pytest.mark.parametrize("workers", [0, -2, 1.5, True])
def test_bad_worker_count_is_refused(workers):
    with pytest.raises(SweepError, match="number of workers must be a whole number of at least 1"):
        run_sweep(0, range(3), helpers.square, workers=workers)


def test_a_payload_that_cannot_be_sent_is_refused_in_one_sentence():
    with pytest.raises(SweepError, match="the model cannot be sent to worker processes"):
        run_sweep(lambda: 0, range(10), helpers.square, workers=2)


def test_available_workers_is_a_positive_count():
    n = available_workers()
    assert isinstance(n, int) and n >= 1


def test_without_distributed_the_dask_option_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(SweepError) as info:
        run_sweep(0, range(3), helpers.square, dask="tcp://127.0.0.1:8786")
    assert "install ecodesk[cluster]" in info.value.sentence()
    assert "ecodesk[cluster]" in info.value.sentence("zh")


def test_workers_never_fork_and_a_sweep_runs_from_a_thread():
    """The app runs sweeps from a worker thread beside Qt's threads: the pool must not fork this
    process (a lock held by another thread would stay held in the child)."""
    assert sweep._context().get_start_method() in ("forkserver", "spawn")
    box: list[object] = []
    thread = threading.Thread(target=lambda: box.append(run_sweep(1, range(30), helpers.square, workers=2)))
    thread.start()
    thread.join(60)
    assert box == [[1 + t * t for t in range(30)]]


def test_default_sweep_of_little_work_stays_in_this_process():
    seen: list[float] = []
    out = run_sweep(0, range(500), helpers.where, progress=seen.append)
    assert [t for t, _, _ in out] == list(range(500))
    assert {pid for _, pid, _ in out} == {os.getpid()}  # no pool started for a few milliseconds of work
    assert seen[-1] == 1.0


@pytest.mark.skipif(available_workers() < 2, reason="needs two cores")
def test_default_sweep_of_more_work_goes_to_all_cores():
    # 120 tasks of 30 ms: ≈3.6 s on one core, more than STAY_HERE_S
    assert 120 * 0.03 > sweep.STAY_HERE_S
    seen: list[float] = []
    out = run_sweep(0, range(120), helpers.slow_where, progress=seen.append)
    assert [t for t, _, _ in out] == list(range(120))
    pids = [pid for _, pid, _ in out]
    assert pids[0] == os.getpid()  # the probe ran here ...
    assert len(set(pids) - {os.getpid()}) == 2  # ... and the rest on two worker processes
    assert seen == sorted(seen) and seen[-1] == 1.0
