"""Store layer: which project files are open in a running ecodesk window.

A :class:`~ecodesk.store.projectfile.ProjectFile` that opens or creates a file leaves a small
mark in the user's data folder (``open/<key>-<pid>.json``: the file, the process, the
host, when); closing the file removes it. Before opening a file, :func:`open_elsewhere`
tells whether another live ecodesk process holds it — the second of two windows to save it
would be refused (the save checks the file is still the one it read), so the user is told
when opening, not when saving. Marks of processes that are gone (a crash, a kill) are
ignored and swept. The marks never touch the user's own folders.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecodesk.userdata import data_dir, ensure

PathLike = str | os.PathLike[str]


def marks_dir() -> Path:
    return data_dir() / "open"


def process_alive(pid: int) -> bool:
    """True while process ``pid`` runs (on this machine)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _key(path: PathLike) -> str:
    real = os.path.normcase(os.path.realpath(os.fspath(path)))
    return hashlib.sha1(real.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _mark_path(path: PathLike, pid: int) -> Path:
    return marks_dir() / f"{_key(path)}-{pid}.json"


@dataclass(frozen=True)
class OpenElsewhere:
    """Another ecodesk process that has the file open."""

    pid: int
    host: str
    opened_at: float


def mark_open(path: PathLike) -> None:
    """Record that this process has ``path`` open (silently skipped when the data folder
    cannot be written: the mark is a courtesy, never a reason to fail an open or a save)."""
    info = {"path": os.path.realpath(os.fspath(path)), "pid": os.getpid(), "host": socket.gethostname(),
            "opened_at": time.time()}
    with contextlib.suppress(OSError):
        ensure(marks_dir())
        _mark_path(path, os.getpid()).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")


def unmark_open(path: PathLike) -> None:
    """Forget this process's mark on ``path`` (no error if there is none)."""
    with contextlib.suppress(OSError):
        _mark_path(path, os.getpid()).unlink()


def open_elsewhere(path: PathLike) -> OpenElsewhere | None:
    """The other live ecodesk process that has ``path`` open, if any (stale marks are swept)."""
    folder = marks_dir()
    if not folder.is_dir():
        return None
    host = socket.gethostname()
    for mark in sorted(folder.glob(f"{_key(path)}-*.json")):
        try:
            info: dict[str, Any] = json.loads(mark.read_text(encoding="utf-8"))
            pid, mark_host, opened_at = int(info["pid"]), str(info.get("host", "")), float(info.get("opened_at", 0))
        except (OSError, ValueError, TypeError, KeyError):
            continue
        if pid == os.getpid() and mark_host == host:
            continue  # this process (another document of ours): not "another window"
        if mark_host == host and not process_alive(pid):
            with contextlib.suppress(OSError):
                mark.unlink()  # left by a crash
            continue
        return OpenElsewhere(pid, mark_host, opened_at)
    return None
