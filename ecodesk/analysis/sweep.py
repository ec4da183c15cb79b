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
imported (``set_forkserver_preload``), so later pools start quickly — measured on the seed-size
sweeps: the pool start is well under the sweep itself (tests/benchmarks/bench_sweeps.py).

``dask[distributed]`` is optional (``pip install ecodesk[cluster]``) and imported only when a
``dask`` address is given.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import pickle
import queue
import signal
import socket
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.model.errors import EcodeskError

P = TypeVar("P")
T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[float], None]
Cancel = Callable[[], bool]

#: seconds to wait for a Dask scheduler before giving up (nothing is started then)
DASK_TIMEOUT = 5.0
#: chunks per worker: enough that progress moves smoothly and a cancel or a slow worker does not
#: hold the sweep for long, few enough that per-chunk overhead (pickling, a round trip) stays small
CHUNKS_PER_WORKER = 16
#: chunks in flight per worker (the rest are submitted as these finish: a cancel stops submitting)
IN_FLIGHT_PER_WORKER = 2
#: how often (s) the driver looks at ``cancel()`` while waiting for a chunk
POLL = 0.05


class SweepError(EcodeskError):
    """A sweep that cannot run or whose worker failed in a way that cannot be re-raised as the
    original error; ``sentence(lang)`` is one sentence in English or Chinese."""

    def __init__(self, message: str, message_zh: str = "") -> None:
        self.message, self.message_zh = message, message_zh or message
        super().__init__(message)

    def sentence(self, lang: str = "en") -> str:
        return self.message_zh if lang.startswith("zh") else self.message


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
        return _run_dask(dask, payload, tasks, evaluate, prepare, progress, cancel)
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


def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise AnalysisCancelled(stage="sweep")


# -- what runs in a worker -----------------------------------------------------------------------

@dataclass(frozen=True)
class _Job:
    """What a worker needs once: the run's token, the pickled payload and the two functions."""

    token: str
    payload: bytes
    evaluate: Callable[[Any, Any], Any]
    prepare: Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Failure:
    """An exception raised by ``evaluate`` in a worker, made safe to send back: the exception
    pickled when it survives a round trip (so it is re-raised as itself), else its type and text."""

    index: int
    exc: bytes | None
    kind: str
    message: str
    remote_traceback: str


#: worker-side state: the job of the pool's initializer, and the worker-local object per token
_JOB: _Job | None = None
_LOCAL: dict[str, Any] = {}
_LOCAL_LOCK = threading.Lock()
#: worker-local objects a process keeps (a Dask worker may serve several sweeps at once)
KEEP_LOCAL = 4
#: how many times this process built a worker-local object (tests check "once per worker")
PREPARED_COUNT = 0


def _init_pool_worker(job: _Job) -> None:
    global _JOB
    _JOB = job
    # Ctrl-C reaches the whole process group: the caller stops the sweep and ends its workers,
    # so they need not print a KeyboardInterrupt traceback each
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _local_object(job: _Job) -> Any:
    """The worker-local object of ``job``: built from the payload on first use in this process
    and kept (only the last few runs', so a long-lived Dask worker does not pile up models)."""
    global PREPARED_COUNT
    with _LOCAL_LOCK:  # a Dask worker may run several threads
        if job.token not in _LOCAL:
            payload = pickle.loads(job.payload)
            local = job.prepare(payload) if job.prepare is not None else payload
            while len(_LOCAL) >= KEEP_LOCAL:
                del _LOCAL[next(iter(_LOCAL))]  # the oldest run's
            _LOCAL[job.token] = local
            PREPARED_COUNT += 1
        return _LOCAL[job.token]


def _evaluate_chunk(job: _Job, start: int, chunk: list[Any]) -> list[Any] | _Failure:
    index = start
    try:
        local = _local_object(job)
        out = []
        for task in chunk:
            out.append(job.evaluate(local, task))
            index += 1
        return out
    except Exception as exc:
        return _failure(index, exc)


def _pool_chunk(start: int, chunk: list[Any]) -> list[Any] | _Failure:
    assert _JOB is not None, "the pool's initializer did not run"
    return _evaluate_chunk(_JOB, start, chunk)


def _dask_chunk(job: _Job, start: int, chunk: list[Any]) -> list[Any] | _Failure:
    return _evaluate_chunk(job, start, chunk)


def _failure(index: int, exc: BaseException) -> _Failure:
    tb = "".join(traceback.format_exception(exc))
    data: bytes | None = None
    # as itself when it survives a round trip; else by its class, args and attributes, rebuilt
    # without calling __init__ (ValidationError and others take more arguments than args holds)
    for packed in (lambda: exc, lambda: _Rebuilt(type(exc), exc.args, dict(vars(exc)))):
        try:
            candidate = pickle.dumps(packed())
            pickle.loads(candidate)
        except Exception:
            continue
        data = candidate
        break
    return _Failure(index, data, type(exc).__name__, str(exc), tb)


@dataclass(frozen=True)
class _Rebuilt:
    cls: type[BaseException]
    args: tuple[Any, ...]
    attrs: dict[str, Any]

    def exception(self) -> BaseException:
        exc = self.cls.__new__(self.cls)
        exc.args = self.args
        exc.__dict__.update(self.attrs)
        return exc


def _raise_failure(failure: _Failure) -> None:
    cause = _RemoteTraceback(failure.remote_traceback)
    if failure.exc is not None:
        try:
            exc = pickle.loads(failure.exc)
        except Exception:  # the class cannot be imported here (e.g. only the worker has it)
            exc = None
        if isinstance(exc, _Rebuilt):
            exc = exc.exception()
        if isinstance(exc, BaseException):
            raise exc from cause
    raise SweepError(f"task {failure.index + 1} failed in a worker: {failure.kind}: {failure.message}",
                     f"第 {failure.index + 1} 个任务在工作进程中出错：{failure.kind}：{failure.message}") from cause


class _RemoteTraceback(Exception):
    """The worker's traceback, chained as the cause of the re-raised error."""

    def __str__(self) -> str:
        return "\n" + str(self.args[0])


# -- the driver shared by the pool and Dask ------------------------------------------------------

def _chunks(tasks: list[Any], workers: int) -> list[tuple[int, list[Any]]]:
    size = max(1, math.ceil(len(tasks) / (workers * CHUNKS_PER_WORKER)))
    return [(i, tasks[i:i + size]) for i in range(0, len(tasks), size)]


def _drive(chunks: list[tuple[int, list[Any]]], in_flight: int, submit: Callable[[int, list[Any]], Any],
           total: int, progress: Progress | None, cancel: Cancel | None) -> list[Any]:
    """Submit ``chunks`` keeping at most ``in_flight`` pending, collect their results in task
    order; raise the first worker error, or AnalysisCancelled when ``cancel()`` says so (the
    caller then cancels what is pending and shuts its backend down)."""
    done_q: queue.Queue[tuple[int, Any]] = queue.Queue()
    results: dict[int, list[Any]] = {}
    next_chunk = 0
    pending = 0
    finished = 0

    def submit_next() -> None:
        nonlocal next_chunk, pending
        start, chunk = chunks[next_chunk]
        number = next_chunk
        future = submit(start, chunk)
        future.add_done_callback(lambda f, number=number: done_q.put((number, f)))
        next_chunk += 1
        pending += 1

    while next_chunk < len(chunks) and pending < in_flight:
        _check_cancel(cancel)
        submit_next()
    while pending:
        try:
            number, future = done_q.get(timeout=POLL)
        except queue.Empty:
            _check_cancel(cancel)
            continue
        pending -= 1
        value = future.result()
        if isinstance(value, _Failure):
            _raise_failure(value)
        results[number] = value
        finished += len(value)
        if progress is not None:
            progress(finished / total)
        _check_cancel(cancel)
        while next_chunk < len(chunks) and pending < in_flight:
            submit_next()
    return [r for number in range(len(chunks)) for r in results[number]]


# -- local process pool --------------------------------------------------------------------------

_FORKSERVER_PRELOADED = False
#: what the forkserver imports once, so a new worker does not spend a second importing the engine
#: (run_analysis imports its stages lazily); a module missing here is skipped by the server
PRELOAD = (
    "ecodesk.analysis.sweep", "ecodesk.analysis.run", "ecodesk.analysis.reuse", "ecodesk.analysis.costshare",
    "ecodesk.analysis.pools", "ecodesk.analysis.resilience", "ecodesk.analysis.robustness",
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


def _job(payload: Any, evaluate: Callable[[Any, Any], Any], prepare: Callable[[Any], Any] | None) -> _Job:
    """The run's job with the payload pickled here ONCE: the pool's workers and a cluster's get
    these bytes (cheap to copy and to replicate between Dask workers) and unpickle them once each."""
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        raise SweepError(f"the model cannot be sent to worker processes: {exc}",
                         f"模型无法发送到工作进程：{exc}") from exc
    return _Job(uuid.uuid4().hex, data, evaluate, prepare)


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


# -- Dask ----------------------------------------------------------------------------------------

def _run_dask(address: str, payload: Any, tasks: list[Any], evaluate: Callable[[Any, Any], Any],
              prepare: Callable[[Any], Any] | None, progress: Progress | None,
              cancel: Cancel | None) -> list[Any]:
    try:
        from distributed import Client
    except ImportError as exc:
        raise SweepError("running on a Dask cluster needs the cluster extra: install ecodesk[cluster] "
                         "(pip install \"ecodesk[cluster]\")",
                         "在 Dask 集群上运行需要 cluster 扩展：请安装 ecodesk[cluster]"
                         "（pip install \"ecodesk[cluster]\"）") from exc
    _check_cancel(cancel)
    _probe(address)
    client = _connect(Client, address)
    try:
        nworkers = max(1, sum(client.nthreads().values()))
        if not tasks:
            return []
        job = _job(payload, evaluate, prepare)
        [shipped] = client.scatter([job], broadcast=True, hash=False)  # the model, once per worker
        futures: list[Any] = []

        def submit(start: int, chunk: list[Any]) -> Any:
            future = client.submit(_dask_chunk, shipped, start, chunk, pure=False)
            futures.append(future)
            return future

        try:
            return _drive(_chunks(tasks, nworkers), nworkers * IN_FLIGHT_PER_WORKER, submit, len(tasks),
                          progress, cancel)
        finally:
            client.cancel([*futures, shipped], force=True)
    finally:
        client.close(timeout=DASK_TIMEOUT)


def _connect(client_class: Any, address: str) -> Any:
    """A Client of the scheduler at ``address``, or SweepError within about DASK_TIMEOUT.

    The Client is made in a helper thread and waited for with a deadline: its own timeout does
    not cover every case (a port where some other server listens and never answers the Dask
    handshake keeps it waiting for ever). A Client that connects after we gave up is closed."""
    box: dict[str, Any] = {}
    lock = threading.Lock()
    timeout = DASK_TIMEOUT

    def connect() -> None:
        try:
            client = client_class(address, timeout=timeout, set_as_default=False)
        except Exception as exc:
            with lock:
                box["error"] = exc
            return
        with lock:
            late = box.setdefault("client", client) is not client  # we gave up already
        if late:
            client.close()

    thread = threading.Thread(target=connect, name="ecodesk-dask-connect", daemon=True)
    thread.start()
    thread.join(timeout + 1.0)
    with lock:
        client = box.setdefault("client", None)  # from here on, a late client closes itself
        error = box.get("error")
    if client is not None:
        return client
    if error is not None:
        raise _unreachable(address, error) from error
    raise _unreachable(address, TimeoutError(f"no Dask scheduler answered within {timeout + 1.0:.0f} s"))


def _probe(address: str) -> None:
    """Fail fast with a clear sentence when nothing listens at a tcp:// address (the Client
    itself would retry until its timeout and then say only that it timed out)."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls"):
        return
    try:
        port = parts.port
    except ValueError as exc:
        raise _unreachable(address, exc) from exc
    if not parts.hostname or port is None:
        raise _unreachable(address, ValueError("the address has no host:port"))
    try:
        socket.create_connection((parts.hostname, port), timeout=DASK_TIMEOUT).close()
    except OSError as exc:
        raise _unreachable(address, exc) from exc


def _unreachable(address: str, exc: BaseException) -> SweepError:
    why = (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or type(exc).__name__
    return SweepError(f"cannot reach the Dask scheduler at {address}: {why} (nothing was started)",
                      f"无法连接 Dask 调度器 {address}：{why}（未启动任何计算）")
