"""UI layer: File → Export Slides… — the slide deck of the project's saved views
(:mod:`ecodesk.ui.slides`) written to a PDF the user picks.

A project without views is told so (the sentence of the command line) before any dialog.
Each scenario the pages need is analysed once, in the background (the app's analysis pool,
:mod:`ecodesk.ui.panels.worker`) behind a window-modal progress dialog with Cancel — the
window keeps painting; Cancel writes nothing. The shown scenario's current result in the
analysis panel is used when it is up to date. The PDF is then painted on the GUI thread
(QPdfWriter/QPainter live there), one page per event-loop turn under the same dialog, and
written atomically; an edit of the project meanwhile writes nothing and says so. The
deck is in the project's language (else the UI's), as the report is; views of deleted
scenarios get a page that says so and are listed in a notice afterwards.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ecodesk.model import AnalysisSettings, Project, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.i18n import current_language

if TYPE_CHECKING:
    from ecodesk.ui.panels.worker import Cancel, JobState, Progress, Work

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


def export_slides_dialog(window: Any) -> SlidesExport | None:
    """Ask where, then write the deck (see :class:`SlidesExport`); None when there is
    nothing to write or the user did not pick a file."""
    from ecodesk.ui.slides import WORDS

    ctl = window.controller
    doc = ctl.document
    if doc is None:
        return None
    lang = current_language()
    title = QCoreApplication.translate("TransferOps", "Export Slides")
    if not doc.project.views:
        ctl.prompter.information(title, WORDS["no_views"][1 if lang == "zh" else 0])
        return None
    ops = ctl.transfer
    start = ops.start_folder("slides") / default_name(doc.title)
    path, _ = ctl.prompter.save_path(title, str(start), QCoreApplication.translate("TransferOps", "Slides (PDF) (*.pdf)"))
    if not path:
        return None
    dest = Path(path)
    if dest.suffix.lower() != ".pdf":
        dest = dest.with_name(dest.name + ".pdf")
    return export_slides_to(window, dest)


def scenarios_to_analyse(project: Project) -> list[Scenario]:
    """The scenarios the deck's pages need analysed (each once, in view order): the scenario
    of every view with a card or analysis colours, and the partner of a comparison card."""
    from ecodesk.ui.slides import needs_result
    from ecodesk.ui.slides_card import compare_partner

    names = {s.name: s for s in project.scenarios}
    out: list[Scenario] = []
    for v in project.views:
        s = names.get(v.scenario)
        if s is None or not needs_result(v):
            continue
        partner = compare_partner(project, s) if v.panel == "compare" else None
        for x in (s, partner):
            if x is not None and all(x is not y for y in out):
                out.append(x)
    return out


def analyse_all(snapshots: list[tuple[int, Scenario]], settings: AnalysisSettings) -> Work:
    """The background work: ``run_analysis`` of each snapshot (Qt-free), progress over all of
    them; a failing analysis is kept as its exception (it costs its card, not the deck)."""

    def work(progress: Progress, cancel: Cancel) -> dict[int, Any]:
        from ecodesk.analysis import run  # the engine loads with the first export, not with the window
        from ecodesk.analysis.errors import AnalysisCancelled

        out: dict[int, Any] = {}
        n = len(snapshots)
        for i, (key, snap) in enumerate(snapshots):
            if cancel():
                raise AnalysisCancelled()

            def part(fraction: float, stage: str, i: int = i) -> None:
                progress((i + fraction) / n, stage)

            try:
                out[key] = run.run_analysis(snap, settings, progress=part, cancel=cancel)
            except AnalysisCancelled:
                raise
            except Exception as exc:  # shown on its card
                if cancel():
                    raise AnalysisCancelled() from exc
                out[key] = exc
        return out

    return work


class SlidesExport:
    """One File → Export Slides… run: the analyses in the background behind a progress dialog
    with Cancel (the window stays responsive, input to it is held by the window-modal dialog),
    then the PDF painted on the GUI thread and written atomically. ``outcome`` is None while
    it runs, then "written", "cancelled" or "failed"."""

    def __init__(self, window: Any, dest: Path) -> None:
        self.window = window
        self.dest = dest
        self.outcome: str | None = None
        self.job: JobState | None = None
        self.dialog: Any = None
        self.results: dict[int, Any] = {}
        self.pages: Any = None  # the PDF being drawn (slides.PdfPages)
        self._next = 0
        project = window.controller.document.project
        #: the project's scenarios and their revisions when the export started
        self._watched: list[tuple[Scenario, int]] = [(s, s.revision) for s in project.scenarios]

    def start(self) -> SlidesExport:
        from ecodesk.ui.panels.worker import JobState, shared_pool, start_job

        project = self.window.controller.document.project
        todo: list[tuple[int, Scenario]] = []
        for s in scenarios_to_analyse(project):
            hit = _panel_result(self.window, s)
            if hit is not None:
                self.results[id(s)] = hit
            else:
                todo.append((id(s), s.copy()))
        if not todo:
            self._write()
            return self
        self.job = JobState(analyse_all(todo, project.settings), label="slides")
        self.job.callbacks = {"progress": self._on_progress, "done": self._on_done,
                              "failed": self._on_failed, "cancelled": self._on_cancelled}
        self._show_dialog()
        start_job(shared_pool(), self.job)
        return self

    # the progress dialog --------------------------------------------------------------------
    def _show_dialog(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        dlg = QProgressDialog(QCoreApplication.translate("TransferOps", "Analysing the scenarios of the slides…"),
                              QCoreApplication.translate("TransferOps", "Cancel"), 0, 100, self.window)
        dlg.setObjectName("slides_progress")
        dlg.setWindowTitle(QCoreApplication.translate("TransferOps", "Export Slides"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)  # no edits while the analysed state is painted
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumDuration(0)
        dlg.setValue(0)
        dlg.canceled.connect(self.cancel)
        dlg.show()
        self.dialog = dlg

    def _close_dialog(self) -> None:
        dlg, self.dialog = self.dialog, None
        if dlg is not None:
            dlg.canceled.disconnect(self.cancel)
            dlg.close()
            dlg.deleteLater()

    def _on_progress(self, _state: JobState, percent: int, stage: str) -> None:
        if self.dialog is not None:
            self.dialog.setValue(percent)

    # outcomes -------------------------------------------------------------------------------
    def cancel(self) -> None:
        """The user's Cancel: the analyses stop at their next check, nothing is written."""
        if self.outcome is not None:
            return
        if self.job is not None:
            self.job.cancel()
        self.outcome = "cancelled"
        self._close_dialog()
        self.window.controller.status(
            QCoreApplication.translate("TransferOps", "Export Slides cancelled: nothing was written."), 6000)

    def _on_cancelled(self, _state: JobState, _payload: Any = None) -> None:
        if self.outcome is None:  # stopped from outside (the app closing)
            self.outcome = "cancelled"
            self._close_dialog()

    def _on_failed(self, _state: JobState, message: str) -> None:
        if self.outcome is not None:
            return
        self._close_dialog()
        self._fail(QCoreApplication.translate("TransferOps", "The slides could not be made: {0}").format(message))

    def _fail(self, sentence: str) -> None:
        self.outcome = "failed"
        self.window.controller.prompter.warning(QCoreApplication.translate("TransferOps", "Export Slides"), sentence)

    def _on_done(self, _state: JobState, results: dict[int, Any]) -> None:
        if self.outcome is not None:  # cancelled after the work had finished: nothing written
            return
        if self._changed():
            self._close_dialog()
            self._say_changed()
            return
        self.results.update(results)  # the dialog stays up while the pages are drawn
        self._write()

    def _changed(self) -> bool:
        """A scenario of the deck was edited, added or deleted since the export started."""
        project = self.window.controller.document.project
        return len(project.scenarios) != len(self._watched) or any(
            s is not x or x.revision != rev for (s, rev), x in zip(self._watched, project.scenarios, strict=False))

    def _say_changed(self) -> None:
        self._fail(QCoreApplication.translate(
            "TransferOps", "The project changed while the slides were being prepared, so nothing was written; "
            "export them again."))

    def _write(self) -> None:
        """Build the deck, then paint it on the GUI thread one page per event-loop turn (the
        window keeps drawing, Cancel still works); written atomically after the last page."""
        from ecodesk.analysis.run import run_analysis
        from ecodesk.io.report import report_language
        from ecodesk.ui.slides import PdfPages, build_deck

        ctl = self.window.controller
        project = ctl.document.project

        def result_for(scenario: Scenario) -> Any:
            r = self.results.get(id(scenario))
            if r is None:  # not foreseen by scenarios_to_analyse: analysed here, as before
                r = self.results[id(scenario)] = run_analysis(scenario, project.settings)
            if isinstance(r, BaseException):
                raise r
            return r

        try:
            deck = build_deck(project, report_language(project, current_language()), result_for=result_for)
            self.pages = PdfPages(deck)
        except (EcodeskError, OSError) as exc:
            self._close_dialog()
            self.outcome = "failed"
            ops_failed(ctl, self.dest, exc)
            return
        if self.dialog is None:
            self._show_dialog()
        self.dialog.setRange(0, len(self.pages))
        self._next = 0
        self._paint_next()

    def _paint_next(self) -> None:
        from PySide6.QtCore import QTimer

        pages = self.pages
        if pages is None:
            return
        if self.outcome is not None or self._changed():  # cancelled, or edited meanwhile: nothing written
            pages.abandon()
            self.pages = None
            if self.outcome is None:
                self._close_dialog()
                self._say_changed()
            return
        n = len(pages)
        if self.dialog is not None:
            self.dialog.setLabelText(QCoreApplication.translate("TransferOps", "Drawing slide {0} of {1}…")
                                     .format(self._next + 1, n))
            self.dialog.setValue(self._next)
        try:
            pages.paint(self._next)
        except Exception as exc:  # a page that cannot be drawn: one sentence, nothing written
            pages.abandon()
            self.pages = None
            self._close_dialog()
            self._fail(QCoreApplication.translate("TransferOps", "The slides could not be made: {0}")
                       .format(str(exc) or type(exc).__name__))
            return
        self._next += 1
        if self._next < n:
            QTimer.singleShot(0, self._paint_next)  # let the event loop run between pages
            return
        self.pages = None
        self._close_dialog()
        self._save(pages.finish(), pages.deck.warnings)

    def _save(self, data: bytes, warnings: list[tuple[str, str]]) -> None:
        from ecodesk.ui.slides import write_pdf
        from ecodesk.ui.transfer import busy

        ctl, dest = self.window.controller, self.dest
        try:
            with busy():
                write_pdf(data, dest)
        except (EcodeskError, OSError) as exc:
            self.outcome = "failed"
            ops_failed(ctl, dest, exc)
            return
        self.outcome = "written"
        ctl.settings.set_last_folder("slides", dest.parent)
        message = QCoreApplication.translate("TransferOps", "Slides saved to “{0}”").format(dest.name)
        ctl.status(message, 6000)
        if warnings:
            zh = current_language() == "zh"
            ctl.prompter.warning(QCoreApplication.translate("TransferOps", "Export Slides"),
                                 message + "\n\n" + "\n".join(zh_text if zh else en for en, zh_text in warnings))


def export_slides_to(window: Any, dest: str | Path) -> SlidesExport:
    """Write the deck of the open project's views to ``dest`` (atomically): the analyses it
    needs run in the background first (see :class:`SlidesExport`); say how it went."""
    return SlidesExport(window, Path(dest)).start()


def ops_failed(ctl: Any, dest: Path, exc: BaseException) -> bool:
    """The export's failure said as the other exports say it (nothing was written)."""
    return bool(ctl.transfer._export_failed(dest, exc))


__all__ = ["SlidesExport", "analyse_all", "default_name", "export_slides_dialog", "export_slides_to",
           "scenarios_to_analyse"]
