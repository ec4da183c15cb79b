"""The resilience stage's robustness and Monte Carlo in a forked worker (run_analysis(worker=…),
what ``ecodesk analyze`` uses): the same JSON as the serial run, the work really done in another
process, cancel and early exits stop the child, and a child's failure comes back as a clear error."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from ecodesk.analysis import background, resilience
from ecodesk.analysis.background import Worker
from ecodesk.analysis.errors import AnalysisCancelled, AnalysisTooLarge, BackgroundFailed
from ecodesk.analysis.run import run_analysis
from ecodesk.model import AnalysisSettings, Entity, Flow, Scenario
from tests.benchmarks.generate import generate_s2b2b

FAST = AnalysisSettings(trials=700, orders=7, seed=5)
needs_fork = pytest.mark.skipif(not background.can_fork(), reason="forks only on Linux")


@pytest.fixture(scope="module")
def platform():
    return generate_s2b2b(20, 400, 6, seed=3).scenario()


def _text(result) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def _pid() -> int:
    return os.getpid()


def _claim_both_later() -> list[bool]:
    time.sleep(0.3)
    return [background.claim(0), background.claim(1)]


def _kill_self() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _sleep_then(value: int) -> int:
    time.sleep(30)
    return value


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("no pickling")


def _raise(exc: BaseException) -> None:
    raise exc


def _raise_unpicklable(text: str) -> None:
    raise _Unpicklable(text)


def _job(fn, *args) -> Worker:
    worker = Worker()
    worker.submit(fn, *args)
    return worker


def _parallel(scenario, settings, **kw):
    return run_analysis(scenario, settings, worker=Worker(), **kw)


@needs_fork
def test_parallel_run_gives_the_same_json_as_the_serial_one(platform):
    serial = _text(run_analysis(platform, FAST))
    assert _text(_parallel(platform, FAST)) == serial
    # other settings: other figures, still the same both ways
    other = FAST.evolve(seed=9, trials=130, orders=3)
    assert _text(_parallel(platform, other)) == _text(run_analysis(platform, other))


def _small(n_entities: int, with_flow: bool) -> Scenario:
    s = Scenario("small")
    for eid, kind in [("a", "supplier"), ("b", "user")][:n_entities]:
        s.add(Entity(eid, kind=kind, risk=0.3))
    if with_flow:
        s.add(Flow("f", "a", "b", "goods", 5, risk=0.2))
    return s


@needs_fork
@pytest.mark.parametrize(("n", "flow"), [(0, False), (1, False), (2, False), (2, True)])
def test_degenerate_scenarios_the_same_in_parallel(n, flow):
    assert _text(_parallel(_small(n, flow), FAST)) == _text(run_analysis(_small(n, flow), FAST))


@needs_fork
def test_robustness_and_monte_carlo_run_in_a_child_process(platform, monkeypatch, tmp_path):
    where = tmp_path / "pids"
    real_simulate, real_robustness = resilience.simulate, resilience.analyse_robustness

    def simulate(*args, **kw):
        with where.open("a") as f:
            f.write(f"mc {os.getpid()}\n")
        return real_simulate(*args, **kw)

    def robustness(*args, **kw):
        with where.open("a") as f:
            f.write(f"robustness {os.getpid()}\n")
        return real_robustness(*args, **kw)

    real_cascades = resilience.analyse_cascades

    def slow_cascades(*args, **kw):  # the parent busy for a while: the worker takes both pieces
        time.sleep(1.0)
        return real_cascades(*args, **kw)

    monkeypatch.setattr(resilience, "simulate", simulate)
    monkeypatch.setattr(resilience, "analyse_robustness", robustness)
    monkeypatch.setattr(resilience, "analyse_cascades", slow_cascades)
    assert _text(_parallel(platform, FAST)) == _text(run_analysis(platform, FAST))
    seen = [line.split() for line in where.read_text().splitlines()]
    pids = dict(seen[:2])  # the parallel run's (the serial run's follow)
    assert set(pids) == {"mc", "robustness"}
    assert pids["mc"] == pids["robustness"] != str(os.getpid())


@needs_fork
def test_the_parent_takes_over_robustness_when_the_worker_is_still_busy(platform, monkeypatch, tmp_path):
    where = tmp_path / "pids"
    real_simulate, real_robustness = resilience.simulate, resilience.analyse_robustness

    def slow_simulate(*args, **kw):  # the worker busy with Monte Carlo for a while
        with where.open("a") as f:
            f.write(f"mc {os.getpid()}\n")
        time.sleep(1.0)
        return real_simulate(*args, **kw)

    def robustness(*args, **kw):
        with where.open("a") as f:
            f.write(f"robustness {os.getpid()}\n")
        return real_robustness(*args, **kw)

    monkeypatch.setattr(resilience, "simulate", slow_simulate)
    monkeypatch.setattr(resilience, "analyse_robustness", robustness)
    parallel = _text(_parallel(platform, FAST))
    seen = [line.split() for line in where.read_text().splitlines()]
    assert [name for name, _ in seen] in (["mc", "robustness"], ["robustness", "mc"])  # each exactly once
    assert dict(seen)["robustness"] == str(os.getpid())
    assert parallel == _text(run_analysis(platform, FAST))


@needs_fork
def test_each_piece_is_claimed_by_exactly_one_process():
    with Worker() as job:
        job.submit(_claim_both_later)
        assert job.claim(1) is True and job.claim(1) is False
        assert job.result() == [True, False]  # the child got piece 0, not piece 1
    with Worker() as job:
        job.submit(_claim_both_later)
        assert job.claim(0) and job.claim(1)
        assert job.result() == [False, False]
    local = Worker(fork=False)
    local.submit(_claim_both_later)
    assert local.claim(0) is True and local.claim(0) is False
    assert local.result() == [False, True]  # run here: what this process did not claim


def test_where_no_child_can_be_forked_everything_runs_here_with_the_same_result(platform, monkeypatch):
    serial = _text(run_analysis(platform, FAST))
    monkeypatch.setattr(background, "can_fork", lambda: False)
    job = _job(_pid)
    assert not job.forked and job.result() == os.getpid()
    assert _text(_parallel(platform, FAST)) == serial


@needs_fork
def test_background_returns_the_childs_value():
    with _job(_pid) as job:
        assert job.forked
        assert job.result() not in (os.getpid(), None)
    with Worker() as job:  # the child was forked before the task existed: it gets it through the pipe
        job.submit(sum, [1, 2, 3])
        assert job.result() == 6
        with pytest.raises(RuntimeError):
            job.submit(sum, [1])


@needs_fork
def test_an_error_in_the_child_is_raised_again_in_the_parent():
    with pytest.raises(ValueError, match="bad number"):
        _job(_raise, ValueError("bad number")).result()
    # the analysis' own errors keep both languages on the way back
    with pytest.raises(AnalysisTooLarge) as info:
        _job(_raise, AnalysisTooLarge("too many orders", "次数太多")).result()
    assert info.value.sentence("zh") == "次数太多" and info.value.sentence("en") == "too many orders"


@needs_fork
def test_an_error_that_cannot_travel_back_is_reported_by_name():
    with pytest.raises(BackgroundFailed, match=r"separate process failed: _Unpicklable: boom") as info:
        _job(_raise_unpicklable, "boom").result()
    assert "_Unpicklable: boom" in info.value.sentence("zh")


@needs_fork
def test_a_child_that_dies_without_an_answer_is_a_clear_error_not_a_hang():
    with pytest.raises(BackgroundFailed, match="without an answer"):
        _job(_kill_self).result()


@needs_fork
def test_cancel_while_waiting_kills_the_child_promptly():
    job = _job(_sleep_then, 1)
    pid = job._pid
    t0 = time.perf_counter()
    with pytest.raises(AnalysisCancelled):
        job.result(cancel=lambda: time.perf_counter() - t0 > 0.2)
    assert time.perf_counter() - t0 < 10
    assert _gone(pid)


@needs_fork
def test_close_stops_a_child_whose_result_is_not_wanted():
    with _job(_sleep_then, 1) as job:
        pid = job._pid
        assert not _gone(pid)
    assert _gone(pid)
    with Worker() as idle:  # never given a task
        pid = idle._pid
        assert not _gone(pid)
    assert _gone(pid)


@needs_fork
def test_cancelled_parallel_run_leaves_no_child(platform, monkeypatch):
    worker = Worker()
    pid = worker._pid
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3  # during reuse / cost sharing, the child still running

    with pytest.raises(AnalysisCancelled):
        run_analysis(platform, FAST.evolve(trials=200_000), worker=worker, cancel=cancel)
    assert _gone(pid)


@needs_fork
def test_a_failure_in_the_childs_part_reaches_the_caller(platform, monkeypatch):
    def broken(*args, **kw):
        raise _Unpicklable("mc broke")

    monkeypatch.setattr(resilience, "simulate", broken)
    with pytest.raises(BackgroundFailed, match="mc broke"):
        _parallel(platform, FAST)


def test_orphaned_is_false_outside_a_child():
    assert background.orphaned() is False
