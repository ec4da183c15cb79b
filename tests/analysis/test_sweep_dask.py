"""run_sweep on a Dask cluster: a 2-worker LocalCluster (separate processes) gives the same
numbers as this process, the model reaches each worker once, errors and cancel travel; an
unreachable scheduler is one sentence before anything runs. Skipped without distributed
(the cluster extra)."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # workers import the helpers by this name

import test_sweep_helpers as helpers

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.sweep import SweepError, run_sweep
from ecodesk.templates import load_template


def closed_port() -> int:
    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_scheduler_is_one_sentence_and_nothing_runs(tmp_path):
    pytest.importorskip("distributed", reason="the Dask path needs the cluster extra (dask[distributed])")
    address = f"tcp://127.0.0.1:{closed_port()}"
    marker = tmp_path / "ran"
    seen: list[float] = []
    t0 = time.perf_counter()
    with pytest.raises(SweepError) as info:
        run_sweep(str(marker), [1, 2], helpers.touch, dask=address, progress=seen.append)
    assert time.perf_counter() - t0 < 8
    sentence = info.value.sentence()
    assert sentence == f"cannot reach the Dask scheduler at {address}: Connection refused (nothing was started)"
    assert sentence.endswith("(nothing was started)") and "\n" not in sentence
    assert info.value.sentence("zh").startswith(f"无法连接 Dask 调度器 {address}：")
    assert not marker.exists() and not seen


def test_a_port_that_never_answers_the_handshake_is_refused_in_time(monkeypatch):
    pytest.importorskip("distributed", reason="the Dask path needs the cluster extra (dask[distributed])")
    from ecodesk.analysis import sweep_dask

    monkeypatch.setattr(sweep_dask, "DASK_TIMEOUT", 1.0)
    with socket.socket() as server:  # listens, accepts the connection, never says a word
        server.bind(("127.0.0.1", 0))
        server.listen()
        address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
        t0 = time.perf_counter()
        with pytest.raises(SweepError) as info:
            run_sweep(0, [1, 2], helpers.square, dask=address)
        assert time.perf_counter() - t0 < 6
    assert info.value.sentence() == (f"cannot reach the Dask scheduler at {address}: no Dask scheduler answered "
                                     "within 2 s (nothing was started)")


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:notaport", "tcp://:8786"])
def test_malformed_address_is_refused(address):
    pytest.importorskip("distributed", reason="the Dask path needs the cluster extra (dask[distributed])")
    with pytest.raises(SweepError, match="cannot reach the Dask scheduler at"):
        run_sweep(0, [1], helpers.square, dask=address)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="the Dask path needs the cluster extra (dask[distributed])")
    # processes: each worker is its own process, as on a real cluster (≈3 s to start and stop)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


@pytest.fixture(scope="module")
def model():
    project = load_template("sensor_reuse")
    return project.scenario(), project.settings.evolve(trials=300, orders=5)


def test_local_cluster_gives_the_same_numbers_as_this_process(cluster, model):
    tasks = [(seed, factor) for seed in (1, 2, 3) for factor in (0.5, 2.0)]
    here = run_sweep(model, tasks, helpers.monte_carlo, workers=1)
    seen: list[float] = []
    there = run_sweep(model, tasks, helpers.monte_carlo, dask=cluster, progress=seen.append)
    assert there == here
    assert seen[-1] == 1.0 and seen == sorted(seen)
    assert run_sweep(7, list(range(500, 0, -1)), helpers.square, dask=cluster) == [7 + t * t for t in range(500, 0, -1)]


def test_model_reaches_each_worker_once(cluster):
    out = run_sweep({"big": list(range(10_000))}, range(200), helpers.where, dask=cluster, prepare=helpers.identity)
    assert [t for t, _, _ in out] == list(range(200))
    by_pid: dict[int, set[int]] = {}
    for _, pid, count in out:
        by_pid.setdefault(pid, set()).add(count)
    assert 1 <= len(by_pid) <= 2
    # within this run each worker built its local object once: one count value per worker process
    assert all(len(counts) == 1 for counts in by_pid.values())


def test_worker_error_on_the_cluster_is_raised_as_itself(cluster):
    with pytest.raises(ValueError, match="task 7 cannot be evaluated: volume must be positive"):
        run_sweep(0, range(40), helpers.fail_at_seven, dask=cluster)


def test_cancel_on_the_cluster(cluster):
    seen: list[float] = []
    t0 = time.perf_counter()
    with pytest.raises(AnalysisCancelled):
        run_sweep(0, range(400), helpers.slow, dask=cluster, progress=seen.append,
                  cancel=lambda: bool(seen) and seen[-1] >= 0.05)
    assert time.perf_counter() - t0 < 8 and seen[-1] < 0.5
