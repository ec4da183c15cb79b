"""Where ecodesk keeps the user's own files: the log and autosave recovery files.

Linux: ``$XDG_DATA_HOME/ecodesk`` (default ``~/.local/share/ecodesk``); macOS:
``~/Library/Application Support/ecodesk``; Windows: ``%LOCALAPPDATA%\\ecodesk``.
``ECODESK_DATA_DIR`` overrides all of them (tests use it).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    override = os.environ.get("ECODESK_DATA_DIR")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "ecodesk"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local")) / "ecodesk"
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / "ecodesk"


def log_dir() -> Path:
    return data_dir() / "logs"


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def ensure(folder: Path) -> Path:
    """Create ``folder`` (and parents) if needed; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder
