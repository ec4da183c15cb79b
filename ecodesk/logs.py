"""A rotating log file in the user's data folder and ``faulthandler``, so that a crash —
even a hard one inside Qt or SQLite — leaves a trace a user can send.

``setup_logging()`` is called once by the app and the command line. It never raises: if
the data folder cannot be written (read-only home, full disk), logging goes to stderr
only and the program carries on.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import IO

from ecodesk import __version__
from ecodesk.userdata import ensure, log_dir

LOG_NAME = "ecodesk.log"
CRASH_NAME = "crash.log"
_state: dict[str, object] = {}


def setup_logging(level: int = logging.INFO, *, console: bool = False) -> Path | None:
    """Log to ``<data>/logs/ecodesk.log`` (1 MB × 5 files) and enable faulthandler into
    ``crash.log`` beside it; returns the log folder, or None if it cannot be written."""
    if "folder" in _state:
        return _state["folder"]  # type: ignore[return-value]
    root = logging.getLogger("ecodesk")
    root.setLevel(level)
    folder: Path | None
    try:
        folder = ensure(log_dir())
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / LOG_NAME, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        crash: IO[str] | None = open(folder / CRASH_NAME, "a", encoding="utf-8")
    except OSError:
        folder, handler, crash = None, logging.StreamHandler(sys.stderr), None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if console and folder is not None:
        root.addHandler(logging.StreamHandler(sys.stderr))
    if crash is not None:
        faulthandler.enable(crash, all_threads=True)
        _state["crash"] = crash  # keep the file object alive for faulthandler
    elif sys.stderr is not None:
        faulthandler.enable(all_threads=True)
    _state["folder"] = folder
    root.info("ecodesk %s started (Python %s, %s)", __version__, sys.version.split()[0], sys.platform)
    return folder


def log_folder() -> Path:
    """The folder Help → Show log folder opens."""
    return log_dir()
