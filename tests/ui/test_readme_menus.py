"""The README's menu paths ("Edit → Arrange → Layered Layout", "File → Import/Export") name
menus and items the app really has, in English, so a new user finds what the README says."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QMenu

from ecodesk.ui.i18n import install_language

README = Path(__file__).resolve().parents[2] / "README.md"
TOP = ("File", "Edit", "View", "Insert", "Analyze", "Plan", "Scenario", "Help")
#: "Top → item → item …", an item ending at punctuation, " or ", a line end, or its own "…".
CHAIN = re.compile(r"\b(" + "|".join(TOP) + r")((?:\s*→\s*[^→,.;()\n…]+?…?)+)(?:(?=\s*(?:→\s*\(|[,.;()\n]| or |$))|(?<=…))")


def _plain(text: str) -> str:
    return text.replace("&", "").rstrip("…").strip().lower()


def menu_paths_in_readme() -> list[list[str]]:
    text = " ".join(README.read_text(encoding="utf-8").split())  # lines joined: paths may wrap
    paths = []
    for m in CHAIN.finditer(text):
        steps = [s.strip() for s in m.group(2).split("→") if s.strip()]
        paths.append([m.group(1), *steps])
    return paths


def _find(menu: QMenu, name: str) -> QMenu | bool:
    """The submenu called ``name`` in ``menu``, True for an action of that name, False if none."""
    for act in menu.actions():
        if act.isSeparator():
            continue
        if _plain(act.text()) == _plain(name):
            return act.menu() if act.menu() is not None else True
    return False


def test_readme_menu_paths_exist_in_the_app(qtbot, window):
    install_language("en")
    window.finish_startup()
    paths = menu_paths_in_readme()
    assert ["Edit", "Arrange", "Layered Layout"] in paths  # the scan reads the README
    tops = {_plain(a.text()): a.menu() for a in window.menuBar().actions()}
    missing = []
    for path in paths:
        for menu in tops.values():
            menu.aboutToShow.emit()  # menus filled on opening (recent files, analysis actions)
        where: QMenu | bool = tops.get(_plain(path[0]), False)
        for step in path[1:]:
            if not isinstance(where, QMenu):
                where = False
                break
            found = [_find(where, part) for part in step.split("/")]
            where = found[-1] if all(f is not False for f in found) else False
        if where is False:
            missing.append(" → ".join(path))
    assert missing == []
