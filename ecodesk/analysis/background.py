"""Analysis layer: one part of an analysis run beside the rest, in a forked child process.

The machine's second core is idle while one Python process analyses; a part of the work that
depends only on data already computed (the resilience stage's robustness curves and Monte
Carlo trials, which need nothing but the supply graph) can run in a child meanwhile.

A :class:`Worker` forks its child when it is made — early, while the process is still small
(the command line makes it before reading the file): a child forked after the project was
read shares all of it copy-on-write, and every page the parent then touches (reference
counts, as it walks the model) is copied — 0.6 s of CPU and 500 MB at 10× the seed size.
The idle child waits on a pipe; :meth:`Worker.submit` sends it ``fn`` and its arguments
(pickled: the supply graph's arrays, ~0.1 s at 10×) and :meth:`Worker.result` returns
``fn(*args)`` — pickled back — or raises what it raised. One task per worker. A task may be
made of pieces (:data:`PIECES`) that either process does, whichever claims a piece first
(:meth:`Worker.claim` in the parent, :func:`claim` in the task; one token byte in a pipe per
piece, so exactly one gets it): the parent, done with its own work, takes over what the child
has not begun instead of waiting idle.

Where this is not safe or not possible the task simply runs in the calling process when its
result is asked for, with the same result: ``os.fork`` is used only on Linux (macOS's system
libraries are not fork-safe; Windows has none) and only where the caller makes a worker —
the command line does; the app, with its Qt threads, does not (as :mod:`ecodesk.analysis.sweep`
never forks it). A failed fork (no memory, too many processes) falls back the same way.

The child: never returns into the caller's code (``os._exit`` whatever happens); runs with the
cyclic collector off; leaves when its parent closes the pipe without a task or has gone
(``orphaned()``, for long loops). A child that dies without an answer (killed, out of memory)
is reported as :class:`BackgroundFailed`, a sentence, never a hang. Cancel:
:meth:`Worker.result` polls ``cancel()`` while it waits and kills the child;
:meth:`Worker.close` (or leaving the ``with`` block) stops a child whose result is not wanted.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import sys
import warnings
from collections.abc import Callable
from typing import Any

from ecodesk.analysis.errors import AnalysisCancelled, BackgroundFailed

#: Seconds between two looks at ``cancel()`` while the parent waits for the child.
POLL_S = 0.05
_OK, _RAISED, _FAILED = 0, 1, 2
#: In a child: the process id of the parent that forked it (None in a process that is no such child).
_parent: int | None = None
#: Pieces of a task that either process may do, whichever claims it first (:meth:`Worker.claim`).
PIECES = 2
#: In a child: the read ends of the pieces' token pipes.
_child_claims: list[int] = []
#: In this process: the worker whose task :meth:`Worker.result` is running here (no fork).
_running: Worker | None = None


def can_fork() -> bool:
    """Whether a :class:`Worker` may fork here (Linux with ``os.fork``)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class Worker:
    """A child forked now (when ``fork`` and :func:`can_fork`), idle until :meth:`submit`
    gives it a task; else the task runs in this process, in :meth:`result` (``forked`` says
    which). Use as a context manager (or call :meth:`close`) so that the child always ends."""

    def __init__(self, *, fork: bool = True) -> None:
        self._task: tuple[Callable[..., Any], tuple[Any, ...]] | None = None
        self._pid = 0
        self._send = self._receive = -1
        self._claims: list[int] = []  # forked: the read ends of the token pipes
        self._taken: set[int] = set()  # not forked: the pieces claimed so far
        self.forked = False
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        # one pipe per piece holding one byte: whoever reads it does the piece
        claims = []
        for _ in range(PIECES):
            read, write = os.pipe()
            os.write(write, b"x")
            os.close(write)  # empty afterwards: a read gives b"" at once, never blocks
            claims.append(read)
        parent = os.getpid()
        try:
            with warnings.catch_warnings():  # 3.12+: "multi-threaded, fork() may deadlock" (numpy's idle BLAS threads)
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:  # no memory or too many processes: run here instead
            for fd in (task_r, task_w, result_r, result_w, *claims):
                os.close(fd)
            return
        if pid == 0:  # the child: never leaves this block
            code = 1
            try:
                global _parent, _child_claims
                _parent, _child_claims = parent, claims
                os.close(task_w)
                os.close(result_r)
                gc.disable()
                _serve(task_r, result_w)
                code = 0
            finally:
                os._exit(code)
        os.close(task_r)
        os.close(result_w)
        self._pid, self._send, self._receive, self.forked = pid, task_w, result_r, True
        self._claims = claims

    def claim(self, piece: int) -> bool:
        """Whether this process does ``piece`` (0 ≤ piece < :data:`PIECES`) of the task: True
        for exactly one of the callers — this process here, the task through :func:`claim`.
        So the parent, once its own work is done, takes over a piece the child has not begun."""
        if not self.forked:
            if piece in self._taken:
                return False
            self._taken.add(piece)
            return True
        return _take(self._claims[piece])

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        """Give the worker its one task, ``fn(*args)`` (``fn`` a module-level function and the
        arguments picklable when forked). Returns at once; :meth:`result` waits for it."""
        if self._task is not None:
            raise RuntimeError("a Worker runs one task")
        self._task = (fn, args)
        if self.forked:
            data = pickle.dumps(self._task, pickle.HIGHEST_PROTOCOL)
            try:
                _write_all(self._send, data)
            except OSError:  # the child is gone: result() says so
                pass
            os.close(self._send)
            self._send = -1

    def result(self, cancel: Callable[[], bool] | None = None) -> Any:
        """The value of the task (or what it raised, raised here). While the child runs,
        ``cancel()`` is asked every :data:`POLL_S` s; True kills it and raises AnalysisCancelled."""
        if self._task is None:
            raise RuntimeError("no task submitted")
        if not self.forked:
            global _running
            fn, args = self._task
            _running = self
            try:
                return fn(*args)
            finally:
                _running = None
        try:
            data = self._read(cancel)
        finally:
            self.close()
        if not data:
            raise BackgroundFailed("the process computing it stopped without an answer (out of memory, or killed)")
        kind, value = pickle.loads(data)
        if kind == _OK:
            return value
        if kind == _RAISED:
            raise value
        raise BackgroundFailed(value)

    def _read(self, cancel: Callable[[], bool] | None) -> bytes:
        chunks: list[bytes] = []
        while True:
            if cancel is not None and cancel():
                raise AnalysisCancelled()
            ready, _, _ = select.select([self._receive], [], [], POLL_S if cancel is not None else None)
            if not ready:
                continue
            chunk = os.read(self._receive, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def close(self) -> None:
        """Stop the child if it still runs and reap it (idempotent)."""
        for name in ("_send", "_receive"):
            fd = getattr(self, name)
            if fd >= 0:
                os.close(fd)
                setattr(self, name, -1)
        for fd in self._claims:
            os.close(fd)
        self._claims = []
        if self._pid:
            pid, self._pid = self._pid, 0
            with contextlib.suppress(OSError):
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def claim(piece: int) -> bool:
    """For a task: whether it does ``piece`` of itself (see :meth:`Worker.claim`); True in a
    process that runs it outside any worker."""
    if _child_claims:
        return _take(_child_claims[piece])
    return _running.claim(piece) if _running is not None else True


def _take(fd: int) -> bool:
    """Read the piece's one token byte: b"x" for the first reader; every later read gives b""
    at once (the pipe is empty and its write end closed), it never blocks."""
    return os.read(fd, 1) == b"x"


def orphaned() -> bool:
    """In a child of a :class:`Worker`: whether the parent that forked it has gone (the
    child was re-parented); False in any other process."""
    return _parent is not None and os.getppid() != _parent


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view and not orphaned():
        view = view[os.write(fd, view):]


def _serve(tasks: int, results: int) -> None:
    """In the child: wait for the task on ``tasks`` (nothing: the parent closed it or went
    away, leave), run it, and write ``(kind, value)`` pickled to ``results``."""
    chunks = []
    while chunk := os.read(tasks, 1 << 20):
        chunks.append(chunk)
    os.close(tasks)
    if not chunks:
        return
    try:
        fn, args = pickle.loads(b"".join(chunks))
        del chunks
        payload = pickle.dumps((_OK, fn(*args)), pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # everything goes back to the parent
        payload = _failure(exc)
    with contextlib.suppress(OSError):  # the parent gone (or it closed the pipe): nobody to tell
        _write_all(results, payload)
    os.close(results)


def _failure(exc: BaseException) -> bytes:
    """What the child raised, to be raised again by the parent: the exception itself when it
    survives pickling, else its type and text as a :class:`BackgroundFailed` sentence."""
    try:
        data = pickle.dumps((_RAISED, exc), pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)
        return data
    except Exception:  # an exception that does not pickle: its text
        return pickle.dumps((_FAILED, f"{type(exc).__name__}: {exc}"), pickle.HIGHEST_PROTOCOL)
