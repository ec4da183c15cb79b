"""PySide6 6.12.0 on Python 3.11 lowers None's refcount on every call of a method that
returns nothing, and the process aborts after a few thousand calls. The project pins it
away; this test makes 100,000 such calls in a subprocess and fails if it dies."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = r"""
import sys
from PySide6.QtCore import QObject
o = QObject()
before = sys.getrefcount(None)
for i in range(100_000):
    o.setObjectName("x")
    o.blockSignals(False)
after = sys.getrefcount(None)
print(before, after)
"""


def test_pyside_version_is_not_the_broken_one():
    import PySide6

    if sys.version_info < (3, 12):
        assert PySide6.__version__ != "6.12.0", "PySide6 6.12.0 is broken on Python 3.11: see pyproject.toml"


def test_100k_void_calls_do_not_corrupt_none():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"void calls crashed the interpreter: {proc.stderr[-500:]}"
    before, after = map(int, proc.stdout.split())
    # None is immortal on 3.12+; on 3.11 a healthy PySide6 leaves its count about where it was.
    assert abs(after - before) < 1000
