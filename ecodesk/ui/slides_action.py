"""UI layer: File → Export Slides… — the slide deck of the project's saved views
(:mod:`ecodesk.ui.slides`) written to a PDF the user picks.

A project without views is told so (the sentence of the command line) before any dialog.
Each scenario shown by a view is analysed once, on the GUI thread behind a wait cursor; the
shown scenario's current result in the analysis panel is used when it is up to date. The
deck is in the project's language (else the UI's), as the report is; views of deleted
scenarios get a page that says so and are listed in a notice afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ecodesk.model import Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.i18n import current_language

#: Characters a file name may not hold on some system.
_BAD = '\\/:*?"<>|'


def default_name(title: str) -> str:
    """"<project> slides.pdf" (characters no file name may hold replaced by "_")."""
    name = "".join("_" if c in _BAD else c for c in title).strip() or "ecodesk"
    return f"{name} slides.pdf"


def _panel_result(window: Any, scenario: Scenario) -> Any:
    """The analysis panel's result of ``scenario`` when it is the scenario as it is now."""
    try:
        ch = window.analysis_panel.channel
    except AttributeError:
        return None
    if ch.scenario is scenario and ch.result is not None and not ch.stale:
        return ch.result
    return None


def export_slides_dialog(window: Any) -> bool:
    """Ask where, then write the deck; False when there is nothing to write or it failed."""
    from ecodesk.ui.slides import WORDS

    ctl = window.controller
    doc = ctl.document
    if doc is None:
        return False
    lang = current_language()
    title = QCoreApplication.translate("TransferOps", "Export Slides")
    if not doc.project.views:
        ctl.prompter.information(title, WORDS["no_views"][1 if lang == "zh" else 0])
        return False
    ops = ctl.transfer
    start = ops.start_folder("slides") / default_name(doc.title)
    path, _ = ctl.prompter.save_path(title, str(start), QCoreApplication.translate("TransferOps", "Slides (PDF) (*.pdf)"))
    if not path:
        return False
    dest = Path(path)
    if dest.suffix.lower() != ".pdf":
        dest = dest.with_name(dest.name + ".pdf")
    return export_slides_to(window, dest)


def export_slides_to(window: Any, dest: str | Path) -> bool:
    """Write the deck of the open project's views to ``dest`` (atomically); say how it went."""
    from ecodesk.analysis.run import run_analysis
    from ecodesk.io.report import report_language
    from ecodesk.ui.slides import export_slides
    from ecodesk.ui.transfer import busy

    ctl = window.controller
    doc = ctl.document
    dest = Path(dest)
    project = doc.project

    def result_for(scenario: Scenario) -> Any:
        return _panel_result(window, scenario) or run_analysis(scenario, project.settings)

    try:
        with busy():
            warnings = export_slides(project, dest, lang=report_language(project, current_language()),
                                     result_for=result_for)
    except (EcodeskError, OSError) as exc:
        return bool(ops_failed(ctl, dest, exc))
    ctl.settings.set_last_folder("slides", dest.parent)
    message = QCoreApplication.translate("TransferOps", "Slides saved to “{0}”").format(dest.name)
    ctl.status(message, 6000)
    if warnings:
        zh = current_language() == "zh"
        ctl.prompter.warning(QCoreApplication.translate("TransferOps", "Export Slides"),
                             message + "\n\n" + "\n".join(zh_text if zh else en for en, zh_text in warnings))
    return True


def ops_failed(ctl: Any, dest: Path, exc: BaseException) -> bool:
    """The export's failure said as the other exports say it (nothing was written)."""
    return bool(ctl.transfer._export_failed(dest, exc))


__all__ = ["default_name", "export_slides_dialog", "export_slides_to"]
