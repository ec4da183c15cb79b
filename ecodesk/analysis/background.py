"""Analysis layer: one part of an analysis run beside the rest, in a forked child process.

The machine's second core is idle while one Python process analyses; a part of the work that
depends only on data already computed (the resilience stage's robustness curves and Monte
Carlo trials, which need nothing but the supply graph) can run in a child meanwhile.
:class:`Background` starts ``fn(*args)`` in a child made by ``os.fork`` — the child sees the
parent's data as it is, nothing is copied or pickled on the way in — and :meth:`Background.result`
returns its value (pickled back through a pipe) or raises what it raised.

Where this is not safe or not possible the work simply runs in the calling process when its
result is asked for, with the same result: ``os.fork`` exists only on POSIX, and it is used
only on Linux (macOS's system libraries are not fork-safe) and only when the caller says the
process is single-threaded enough to fork — the command line does; the app, with its Qt
threads, does not (as :mod:`ecodesk.analysis.sweep` never forks it). A failed fork (no
memory, too many processes) falls back the same way.

The child: never returns into the caller's code (``os._exit`` whatever happens); runs with the
cyclic collector off (it would walk — and so copy — the parent's objects); stops when its
parent has gone (``orphaned()``, for long loops). A child that dies without an answer
(killed, out of memory) is reported as :class:`BackgroundFailed`, a sentence, never a hang.
Cancel: :meth:`Background.result` polls ``cancel()`` while it waits and kills the child;
:meth:`Background.close` kills a child whose result is no longer wanted.
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


def can_fork() -> bool:
    """Whether :class:`Background` may fork here (Linux with ``os.fork``)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class Background:
    """``fn(*args)`` in a forked child when ``fork`` is true and :func:`can_fork`, else run in
    this process by :meth:`result` (``forked`` says which). Use as a context manager (or call
    :meth:`close`) so that a child whose result is never asked for does not run on."""

    def __init__(self, fn: Callable[..., Any], *args: Any, fork: bool = True) -> None:
        self._fn, self._args = fn, args
        self._pid = 0
        self._fd = -1
        self.forked = False
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        parent = os.getpid()
        try:
            with warnings.catch_warnings():  # 3.12+: "multi-threaded, fork() may deadlock" (numpy's idle BLAS threads)
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:  # no memory or too many processes: run here instead
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: never leaves this block
            code = 1
            try:
                global _parent
                _parent = parent
                os.close(read)
                gc.disable()
                _answer(write, self._fn, self._args)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._fd, self.forked = pid, read, True

    def result(self, cancel: Callable[[], bool] | None = None) -> Any:
        """The value of ``fn(*args)`` (or what it raised, raised here). While the child runs,
        ``cancel()`` is asked every :data:`POLL_S` s; True kills it and raises AnalysisCancelled."""
        if not self.forked:
            return self._fn(*self._args)
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
            ready, _, _ = select.select([self._fd], [], [], POLL_S if cancel is not None else None)
            if not ready:
                continue
            chunk = os.read(self._fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)

    def close(self) -> None:
        """Stop the child if it still runs and reap it (idempotent)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._pid:
            pid, self._pid = self._pid, 0
            with contextlib.suppress(OSError):
                if os.waitpid(pid, os.WNOHANG) == (0, 0):
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def orphaned() -> bool:
    """In a child of :class:`Background`: whether the parent that forked it has gone (the
    child was re-parented); False in any other process."""
    return _parent is not None and os.getppid() != _parent


def _answer(fd: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the child: run ``fn`` and write ``(kind, value)`` pickled to ``fd``."""
    try:
        payload = pickle.dumps((_OK, fn(*args)), pickle.HIGHEST_PROTOCOL)
    except BaseException as exc:  # everything goes back to the parent
        payload = _failure(exc)
    view = memoryview(payload)
    with contextlib.suppress(OSError):  # the parent gone (or it closed the pipe): nobody to tell
        while view and not orphaned():
            view = view[os.write(fd, view):]
    os.close(fd)


def _failure(exc: BaseException) -> bytes:
    """What the child raised, to be raised again by the parent: the exception itself when it
    survives pickling, else its type and text as a :class:`BackgroundFailed` sentence."""
    try:
        data = pickle.dumps((_RAISED, exc), pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)
        return data
    except Exception:  # an exception that does not pickle: its text
        return pickle.dumps((_FAILED, f"{type(exc).__name__}: {exc}"), pickle.HIGHEST_PROTOCOL)
