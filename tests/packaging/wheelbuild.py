"""Helpers of the packaging tests: a clean copy of the source tree and a wheel built from it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# what a clean clone holds at the top (the build never writes into the working tree)
_TOP = ("ecodesk", "resources", "projects", "pyproject.toml", "README.md")
_JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist", "*.ecodesk-journal")


def clean_copy(dest: Path) -> Path:
    """The source tree as a clean clone has it, copied into ``dest`` (no caches, no egg-info)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in _TOP:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=_JUNK)
        else:
            shutil.copy2(src, dest / name)
    return dest


def build_wheel(tmp: Path, *, isolated: bool = False, timeout: float = 600) -> Path:
    """Build the wheel of a clean copy of the tree into ``tmp/dist``; returns its path.

    ``isolated=False`` uses this environment's setuptools (fast, no network)."""
    src = clean_copy(tmp / "src")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(src)]
    if not isolated:
        cmd.insert(5, "--no-build-isolation")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = sorted((tmp / "dist").glob("ecodesk-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())
