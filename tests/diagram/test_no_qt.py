"""The diagram package is engine side: no module of it imports Qt or the UI, and importing
all of it loads neither (so it runs and is tested without a display)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ecodesk.diagram

PACKAGE = Path(ecodesk.diagram.__file__).parent
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "ecodesk.ui")


def test_no_module_of_the_package_imports_qt_or_the_ui():
    modules = sorted(PACKAGE.glob("*.py"))
    assert {p.stem for p in modules} >= {"geometry", "layout", "routes", "flowtable", "flowhits"}
    for path in modules:
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                names.add(node.module or "")
        assert not {n for n in names if n.startswith(FORBIDDEN)}, path.name


def test_importing_the_package_loads_no_qt():
    code = (
        "import sys, pkgutil, importlib, ecodesk.diagram as d\n"
        "for m in pkgutil.iter_modules(d.__path__): importlib.import_module('ecodesk.diagram.' + m.name)\n"
        "print(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken6', 'ecodesk.ui'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
