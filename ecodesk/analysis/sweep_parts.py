"""Analysis layer: the parts of a sweep (:mod:`ecodesk.analysis.sweep`) that the local process
pool and a Dask cluster share — the error, the job a worker gets once, what runs in a worker
(the worker-local object built once per process, errors made safe to send back) and the driver
that submits chunks and gathers their results in task order."""

from __future__ import annotations

import math
import pickle
import queue
import signal
import threading
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.model.errors import EcodeskError

Progress = Callable[[float], None]
Cancel = Callable[[], bool]

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



def _check_cancel(cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise AnalysisCancelled(stage="sweep")



def _job(payload: Any, evaluate: Callable[[Any, Any], Any], prepare: Callable[[Any], Any] | None) -> _Job:
    """The run's job with the payload pickled here ONCE: the pool's workers and a cluster's get
    these bytes (cheap to copy and to replicate between Dask workers) and unpickle them once each."""
    try:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:
        raise SweepError(f"the model cannot be sent to worker processes: {exc}",
                         f"模型无法发送到工作进程：{exc}") from exc
    return _Job(uuid.uuid4().hex, data, evaluate, prepare)



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

