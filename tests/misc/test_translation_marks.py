"""Every text the UI translates is in the Chinese translation file, in the context the code
asks for. lupdate only sees literal calls, so a string that moves to another class (or behind
an alias of ``QCoreApplication.translate``) silently falls out of the .ts on the next update
and shows in English; this test names such strings before that happens."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "ecodesk_zh_CN.ts"


def translated() -> set[tuple[str, str]]:
    out = set()
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            out.add((name, msg.findtext("source") or ""))
    return out


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def asked_for() -> list[tuple[str, str, str]]:
    """(where, context, text) of each literal translation call in ecodesk/ui."""
    found = []
    for path in sorted((ROOT / "ecodesk" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for call in [n for n in ast.walk(cls) if isinstance(n, ast.Call)]:
                f = call.func
                if isinstance(f, ast.Attribute) and f.attr == "tr" and isinstance(f.value, ast.Name) \
                        and f.value.id == "self" and len(call.args) == 1 and _literal(call.args[0]):
                    found.append((f"{path.name}:{call.lineno}", cls.name, _literal(call.args[0]) or ""))
        for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
            f = call.func
            if isinstance(f, ast.Attribute) and f.attr == "translate" and len(call.args) >= 2:
                ctx, text = _literal(call.args[0]), _literal(call.args[1])
                if ctx and text:
                    found.append((f"{path.name}:{call.lineno}", ctx, text))
    return found


def test_every_literal_ui_text_has_a_chinese_translation() -> None:
    known = translated()
    calls = asked_for()
    assert len(calls) > 300  # the scan sees the UI's texts
    missing = [f"{where} [{ctx}] {text}" for where, ctx, text in calls if (ctx, text) not in known]
    assert missing == [], "run python resources/translations/update_translations.py and translate:\n" + \
        "\n".join(missing)


def test_no_alias_hides_translate_from_lupdate() -> None:
    aliases = []
    for path in sorted((ROOT / "ecodesk" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) \
                    and node.value.attr == "translate" and isinstance(node.value.value, ast.Name) \
                    and node.value.value.id == "QCoreApplication":
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                if any(n != "tr" for n in names):  # `tr = …translate` is marked by update_translations
                    aliases.append(f"{path.name}:{node.lineno}")
    assert aliases == []
