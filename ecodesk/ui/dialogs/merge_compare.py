"""UI layer: the menu commands that show changes on the canvas — File → Compare with File… (the
shown scenario against the same-named scenario of a file) and Scenario → Show Changes from
Scenario… (against another scenario of this project). The other side is "before", the canvas
"after": what the shown scenario has that the other lacks is "added", what only the other has
is "removed" (drawn as a ghost where it was there). The drawing is
:mod:`ecodesk.ui.canvas.diff_overlay`; the file is read with
:func:`ecodesk.ui.dialogs.merge_apply.load_project_file` (.ecodesk, or any importable file).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from ecodesk.model.errors import EcodeskError
from ecodesk.ui.canvas.diff_overlay import DiffOverlay, show_changes
from ecodesk.ui.dialogs.merge_apply import load_project_file
from ecodesk.ui.i18n import current_language, error_text, list_separator


def compare_with_file(window: Any, path: str | None = None) -> DiffOverlay | None:
    """Show the changes from the same-named scenario of file ``path`` (asked when None) to the
    shown scenario; a file that cannot be read or lacks that scenario is one sentence."""
    tr = QCoreApplication.translate
    doc = window.controller.document
    if path is None:
        from ecodesk.io.formats import get_format

        lang = current_language()
        filters = ";;".join([tr("CompareOps", "Projects and JSON (*.ecodesk *.json)"), get_format("ecodesk").filter(lang),
                             get_format("json").filter(lang), tr("CompareOps", "All files (*)")])
        start = str(doc.path.parent) if doc.path is not None else ""
        path, _ = window.prompter.open_path(tr("CompareOps", "Compare with File"), start, filters)
        if not path:
            return None
    name = Path(path).name
    try:
        other = load_project_file(path)
    except (EcodeskError, OSError, ValueError) as exc:
        window.prompter.error(tr("CompareOps", "Cannot compare with “{0}”").format(name), error_text(exc))
        return None
    scenario = doc.scenario.name
    if scenario not in other.scenario_names():
        window.prompter.warning(
            tr("CompareOps", "Cannot compare with “{0}”").format(name),
            tr("CompareOps", "“{0}” has no scenario “{1}” (it has: {2}). Show the scenario to compare, or rename "
                             "one of them.").format(name, scenario, list_separator().join(other.scenario_names())))
        return None
    return show_changes(window.canvas, other.scenario(scenario), f"“{name}”")


def compare_with_scenario(window: Any, name: str | None = None) -> DiffOverlay | None:
    """Show the changes from scenario ``name`` of this project (asked when None) to the shown one."""
    tr = QCoreApplication.translate
    doc = window.controller.document
    names = [n for n in doc.project.scenario_names() if n != doc.scenario.name]
    if not names:
        window.controller.status(tr("CompareOps", "The project has one scenario only: there is nothing to compare it "
                                                  "with."), 6000)
        return None
    if name is None:
        name, ok = QInputDialog.getItem(window, tr("CompareOps", "Show Changes from Scenario"),
                                        tr("CompareOps", "Changes from scenario (to “{0}” shown):").format(
                                            doc.scenario.name), names, 0, False)
        if not ok or not name:
            return None
    return show_changes(window.canvas, doc.project.scenario(name), f"“{name}”")
