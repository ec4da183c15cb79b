"""Analysis layer: a sweep (:func:`ecodesk.analysis.sweep.run_sweep`) on a Dask distributed
cluster. ``distributed`` (the ``cluster`` extra) is imported only here and only when a sweep
is given an address; an address where no scheduler answers is one sentence before any work."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ecodesk.analysis.sweep_parts import (
    IN_FLIGHT_PER_WORKER,
    Cancel,
    Progress,
    SweepError,
    _check_cancel,
    _chunks,
    _dask_chunk,
    _drive,
    _job,
)

#: seconds to wait for a Dask scheduler before giving up (nothing is started then)
DASK_TIMEOUT = 5.0


def run_dask(address: str, payload: Any, tasks: list[Any], evaluate: Callable[[Any, Any], Any],
             prepare: Callable[[Any], Any] | None, progress: Progress | None,
             cancel: Cancel | None) -> list[Any]:
    """``run_sweep(..., dask=address)``: the payload broadcast once to every worker, chunks
    submitted as earlier ones finish, the results in task order."""
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

