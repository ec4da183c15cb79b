"""House rules of the code base (ARCHITECTURE.md, issue 12) checked on the source itself:
no import cycles between ecodesk's modules (imports under ``TYPE_CHECKING`` and inside
functions count), no mixin classes, small UI classes and modules, few ``type: ignore``, and
analysis results reaching the UI as typed objects rather than dicts dug by dotted strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[2] / "ecodesk"

UI_MODULE_MAX_LINES = 600
UI_CLASS_MAX_LINES = 450
TYPE_IGNORE_MAX = 60
DOTTED_READS_MAX = 4


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def import_graph() -> nx.DiGraph:
    """Module → module it imports (any ``import``/``from … import`` anywhere in the file)."""
    mods = _modules()
    graph = nx.DiGraph()
    for name, path in mods.items():
        graph.add_node(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative import
                    pkg = _package_of(name, path).split(".")
                    base = ".".join(pkg[: len(pkg) - node.level + 1] + ([base] if base else []))
                targets.append(base)
                targets += [f"{base}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets += [a.name for a in node.names]
            for target in targets:
                # importing a.b.c runs a/__init__ and a/b/__init__ too
                parts = target.split(".")
                for i in range(1, len(parts) + 1):
                    t = ".".join(parts[:i])
                    if t in mods and t != name and not name.startswith(t + "."):
                        graph.add_edge(name, t)
    return graph


def test_no_import_cycles() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == [], f"import cycles: {cycles}"


def test_no_mixins() -> None:
    found = [f"{p.relative_to(ROOT.parent)}:{n.name}" for p in _modules().values()
             for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
             if isinstance(n, ast.ClassDef) and n.name.endswith("Mixin")]
    assert found == []


def test_ui_modules_and_classes_stay_small() -> None:
    too_long = []
    for name, path in _modules().items():
        if not name.startswith("ecodesk.ui"):
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > UI_MODULE_MAX_LINES:
            too_long.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > UI_CLASS_MAX_LINES:
                too_long.append(f"{name}.{node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert too_long == []


def test_few_type_ignores() -> None:
    count = sum(p.read_text(encoding="utf-8").count("type: ignore") for p in _modules().values())
    assert count < TYPE_IGNORE_MAX


def test_ui_reads_typed_results_not_dotted_paths() -> None:
    pattern = re.compile(r"[\"'](reuse|cost_sharing|resilience|kpis)\.[a-z_]+")
    reads = [f"{p.relative_to(ROOT.parent)}:{i}" for name, p in _modules().items() if name.startswith("ecodesk.ui")
             for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert len(reads) <= DOTTED_READS_MAX, reads
