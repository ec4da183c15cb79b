"""Analysis layer: run many evaluations of one model — in this process, on a local process
pool, or on a Dask distributed cluster — with the same results wherever they ran.

:func:`run_sweep` is what sensitivity and uncertainty (SPEC §3.7) use. The ``payload`` (the
model) is sent to each worker ONCE — the process pool's initializer receives it, a Dask cluster
gets it by ``scatter(broadcast=True)`` — and ``prepare(payload)`` turns it into the worker's own
object once per worker process (a cache keyed by a token of the run). Tasks go out in chunks
(a few per worker, so per-task overhead is small and progress and cancel stay responsive) and
their results come back in task order. Tasks carry their own seeds; nothing depends on which
worker ran what.

Why "forkserver" (Linux) / "spawn" (elsewhere) and never "fork": the app runs sweeps from a
worker thread beside Qt's own threads, and forking a process with other threads running can
leave a lock held forever in the child. A forkserver is started once, clean, with the engine
imported (``set_forkserver_preload``): measured, a pool of 2 whose workers have run an analysis
is ready in ≈0.3 s (the first, with the server's start, ≈2 s; "spawn" re-imports the engine in
every worker, ≈0.6 s each time). See tests/benchmarks/bench_sweeps.py for whole sweeps.

``dask[distributed]`` is optional (``pip install ecodesk[cluster]``) and imported only when a
``dask`` address is given (:mod:`ecodesk.analysis.sweep_dask`); what the pool and Dask share —
the job, the worker side, the driver — is :mod:`ecodesk.analysis.sweep_parts`.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ecodesk.analysis.sweep_dask import run_dask
from ecodesk.analysis.sweep_parts import (
    IN_FLIGHT_PER_WORKER,
    Cancel,
    Progress,
    SweepError,
    _check_cancel,
    _chunks,
    _drive,
    _init_pool_worker,
    _job,
    _pool_chunk,
)

__all__ = ["SweepError", "available_workers", "run_sweep"]

P = TypeVar("P")
T = TypeVar("T")
R = TypeVar("R")


def available_workers() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells, else the count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def run_sweep(
    payload: P,
    tasks: Sequence[T],
    evaluate: Callable[[Any, T], R],
    *,
    workers: int | None = None,
    dask: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    prepare: Callable[[P], Any] | None = None,
) -> list[R]:
    """``[evaluate(local, task) for task in tasks]`` where ``local = prepare(payload)`` (or the
    payload itself), computed on ``workers`` local processes (1: in this process, no pool; None:
    every available core when that pays — the sweep starts here and stays here when the rest
    would take under :data:`STAY_HERE_S` on one core) or, with ``dask="tcp://host:port"``, on
    that Dask cluster.

    ``evaluate`` and ``prepare`` must be module-level functions (they are pickled by name).
    ``progress(fraction)`` is called as tasks complete; ``cancel()`` returning True stops the
    sweep (nothing more is submitted, pending work is cancelled) and raises
    :class:`AnalysisCancelled`. An error in a worker is raised here as the original exception
    (or, when it cannot travel between processes, as :class:`SweepError` with its message).
    """
    tasks = list(tasks)
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise SweepError(f"the number of workers must be a whole number of at least 1, not {workers!r}",
                         f"工作进程数必须是不小于 1 的整数，而不是 {workers!r}")
    if dask:
        return run_dask(dask, payload, tasks, evaluate, prepare, progress, cancel)
    n = min(available_workers() if workers is None else workers, len(tasks))
    if n <= 1:
        return _run_here(payload, tasks, evaluate, prepare, progress, cancel)
    if workers is None:
        return _run_auto(n, payload, tasks, evaluate, prepare, progress, cancel)
    return _run_pool(n, payload, tasks, evaluate, prepare, progress, cancel)


# -- in this process -----------------------------------------------------------------------------

#: a default sweep (workers=None) first runs here for this long (s) to learn what a task costs ...
PROBE_S = 0.2
#: ... and stays here when the rest would take at most this long (s) on one core: starting the
#: processes, sending the model and preparing it there costs 0.3 s for a template and ~2 s for the
#: seed-size platform (measured), so below this a pool cannot save more than about a second
STAY_HERE_S = 2.0


def _run_here(payload: Any, tasks: list[Any], evaluate: Callable[[Any, Any], Any],
              prepare: Callable[[Any], Any] | None, progress: Progress | None,
              cancel: Cancel | None) -> list[Any]:
    _check_cancel(cancel)
    local = prepare(payload) if prepare is not None else payload
    out: list[Any] = []
    _evaluate_here(local, tasks, evaluate, out, progress, cancel)
    return out


def _evaluate_here(local: Any, tasks: list[Any], evaluate: Callable[[Any, Any], Any], out: list[Any],
                   progress: Progress | None, cancel: Cancel | None, until: float | None = None) -> None:
    """Append the results of ``tasks[len(out):]`` to ``out``, in this process; stop early once
    ``time.perf_counter()`` passes ``until``."""
    total = len(tasks)
    step = max(1, total // 200)  # at most ~200 progress calls
    while len(out) < total:
        _check_cancel(cancel)
        out.append(evaluate(local, tasks[len(out)]))
        done = len(out)
        if progress is not None and (done % step == 0 or done == total):
            progress(done / total)
        if until is not None and time.perf_counter() >= until:
            return


def _run_auto(workers: int, payload: Any, tasks: list[Any], evaluate: Callable[[Any, Any], Any],
              prepare: Callable[[Any], Any] | None, progress: Progress | None,
              cancel: Cancel | None) -> list[Any]:
    """All cores when it pays: a short probe here measures a task; a sweep whose rest is short
    finishes here, a longer one sends the rest to a pool (the probe's results are kept)."""
    _check_cancel(cancel)
    local = prepare(payload) if prepare is not None else payload
    out: list[Any] = []
    start = time.perf_counter()
    _evaluate_here(local, tasks, evaluate, out, progress, cancel, until=start + PROBE_S)
    done, total = len(out), len(tasks)
    if done == total:
        return out
    rest = (time.perf_counter() - start) / done * (total - done)
    if rest <= STAY_HERE_S:
        _evaluate_here(local, tasks, evaluate, out, progress, cancel)
        return out
    del local  # the workers build their own

    def scaled(fraction: float) -> None:
        if progress is not None:
            progress((done + fraction * (total - done)) / total)

    return out + _run_pool(min(workers, total - done), payload, tasks[done:], evaluate, prepare,
                           scaled if progress is not None else None, cancel)


# -- local process pool --------------------------------------------------------------------------

_FORKSERVER_PRELOADED = False
#: what the forkserver imports once, so a new worker does not spend a second importing the engine
#: (run_analysis imports its stages lazily); a module missing here is skipped by the server
PRELOAD = (
    "ecodesk.analysis.sweep", "ecodesk.analysis.sweep_parts", "ecodesk.analysis.run", "ecodesk.analysis.reuse",
    "ecodesk.analysis.costshare", "ecodesk.analysis.pools", "ecodesk.analysis.resilience", "ecodesk.analysis.robustness",
    "ecodesk.analysis.montecarlo", "ecodesk.analysis.cascade", "ecodesk.analysis.disjointpaths",
    "ecodesk.analysis.kpis", "ecodesk.analysis.metrics", "ecodesk.analysis.sensitivity",
    "ecodesk.analysis.uncertainty", "scipy.optimize",
)


def _context() -> multiprocessing.context.BaseContext:
    """"forkserver" where the OS has it and it is the safe choice (Linux), else "spawn"; never
    "fork" (the app's Qt threads; see the module docstring)."""
    global _FORKSERVER_PRELOADED
    frozen = getattr(sys, "frozen", False)  # the PyInstaller app: spawn, through freeze_support()
    if not frozen and sys.platform.startswith("linux") and "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        if not _FORKSERVER_PRELOADED:
            # the server imports the engine once; every worker forks from it with it loaded
            ctx.set_forkserver_preload(list(PRELOAD))
            _FORKSERVER_PRELOADED = True
        return ctx
    return multiprocessing.get_context("spawn")


def _run_pool(workers: int, payload: Any, tasks: list[Any], evaluate: Callable[[Any, Any], Any],
              prepare: Callable[[Any], Any] | None, progress: Progress | None,
              cancel: Cancel | None) -> list[Any]:
    _check_cancel(cancel)
    job = _job(payload, evaluate, prepare)
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_pool_worker, initargs=(job,))
    ok = False
    try:
        out = _drive(_chunks(tasks, workers), workers * IN_FLIGHT_PER_WORKER,
                     lambda start, chunk: pool.submit(_pool_chunk, start, chunk), len(tasks), progress, cancel)
        ok = True
        return out
    except BrokenProcessPool as exc:
        raise SweepError(
            f"a worker process stopped unexpectedly (out of memory, or killed): {exc}",
            f"一个工作进程意外终止（内存不足或被结束）：{exc}",
        ) from exc
    finally:
        if ok:
            pool.shutdown(wait=True)
        else:
            _abandon(pool)


def _abandon(pool: ProcessPoolExecutor) -> None:
    """Shut the pool down without waiting for queued or running chunks (cancel, an error)."""
    processes = list(getattr(pool, "_processes", {}).values())  # private, but the only handle there is
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=2)
