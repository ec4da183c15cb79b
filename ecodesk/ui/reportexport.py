"""UI layer: File → Export Report… — the HTML report of the shown scenario, written from the
analysis panel's result.

No thread of its own: when the panel's current result is of the scenario as it is now (or the
panel's cache holds one), the report is written at once; otherwise the panel's channel runs
the analysis, so its progress and Cancel show in the status bar exactly as for Run Analysis,
and the report is written when the result arrives. The report itself is built by
:func:`ecodesk.io.report.build_report` (the same builder the command line uses) and written
atomically: a failure or a cancel leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ecodesk.model import Bindings, Project, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.i18n import current_language
from ecodesk.ui.plaintext import plain

if TYPE_CHECKING:
    from ecodesk.analysis.run import AnalysisResult
    from ecodesk.ui.panels.analysis_panel import AnalysisPanel

#: Texts keep the translation context they had in the main window's export code ("TransferOps").


class ReportJob(QObject):
    """One report being made: waits for the panel's current result, then writes ``path``.

    ``finished(ok, message)``: the status text on success, the error sentence on failure,
    "Report cancelled; nothing was written" on cancel.
    """

    finished = Signal(bool, str)

    def __init__(self, panel: AnalysisPanel, path: Path, lang: str | None, parent: QWidget | None) -> None:
        super().__init__(panel)
        self.panel, self.path, self.parent_widget = panel, path, parent
        doc = panel.document
        self.project: Project = doc.project
        self.scenario: Scenario = doc.scenario
        self.lang = lang
        self.running = False
        self.result: AnalysisResult | None = None
        #: The outcome once finished: ok and the message (also sent by ``finished``).
        self.ok: bool | None = None
        self.message = ""
        self._bindings = Bindings()

    # running ----------------------------------------------------------------------------
    def start(self) -> None:
        """Begin once control returns to the event loop (so callers can connect ``finished``)."""
        self.running = True
        QTimer.singleShot(0, self, self._begin)

    def _begin(self) -> None:
        if not self.running:
            return
        ch = self.panel.channel
        hit = self._current()
        if hit is not None:
            self._write(hit)
            return
        b = self._bindings
        b.connect(ch.result_changed, self._on_channel_changed)
        b.connect(ch.state_changed, self._on_channel_changed)
        b.connect(ch.failed, self._on_channel_failed)
        b.connect(ch.cancelled, self.cancel)
        self.panel.status(
            QCoreApplication.translate("TransferOps", "Analysing “{0}” for the report…").format(self.scenario.name)
        )
        ch.run_now()

    def _current(self) -> AnalysisResult | None:
        """The panel's result of the scenario as it is now (shown, or in the cache), if any."""
        ch = self.panel.channel
        if ch.scenario is not self.scenario:
            return None
        if ch.result is not None and not ch.stale:
            return ch.result
        tag = ch.current_tag()
        return self.panel.cache.get(self.scenario, tag) if tag is not None else None

    def _on_channel_changed(self) -> None:
        if not self.running:
            return
        ch = self.panel.channel
        if ch.scenario is not self.scenario:  # another scenario is shown now
            self._finish(
                False, QCoreApplication.translate("TransferOps", "Report cancelled; nothing was written"), warn=False
            )
            return
        hit = self._current()
        if hit is not None:
            self._write(hit)
        elif not ch.running and not ch.pending and not ch.error:
            ch.run_now()  # edited while it ran, with automatic analysis off: run for the new state

    def _on_channel_failed(self, message: str) -> None:
        if self.running:
            self._finish(False, message, warn=True)

    def cancel(self) -> None:
        """Stop waiting (the panel's Cancel also lands here); nothing is written."""
        if self.running:
            self._finish(
                False, QCoreApplication.translate("TransferOps", "Report cancelled; nothing was written"), warn=False
            )

    # writing ----------------------------------------------------------------------------
    def _write(self, result: AnalysisResult) -> None:
        from ecodesk.io.atomic import atomic_write
        from ecodesk.io.report import build_report, report_language
        from ecodesk.ui.render import RenderError, report_picture

        self.result = result
        lang = self.lang or report_language(self.project, current_language())
        image, note = None, None
        try:
            image = report_picture(result.scenario, language=lang, currency=self.project.currency, result=result)
        except RenderError as exc:
            note = exc.sentence(lang)
        try:
            html = build_report(self.project, result, lang, canvas_image=image, canvas_note=note)
            with atomic_write(self.path) as fh:
                fh.write(html)
        except (EcodeskError, OSError) as exc:
            self._finish(False, _failure_text(exc), warn=True)
            return
        self._finish(
            True,
            QCoreApplication.translate("TransferOps", "Report saved to “{0}”").format(self.path.name),
            warn=False,
        )

    def _finish(self, ok: bool, message: str, warn: bool) -> None:
        self.running = False
        self.ok, self.message = ok, message
        self._bindings.clear()
        if _JOBS.get("job") is self:
            del _JOBS["job"]
        if warn:
            QMessageBox.warning(
                self.parent_widget or self.panel.window(),
                QCoreApplication.translate("TransferOps", "Cannot export to “{0}”").format(self.path.name),
                plain(message
                      + "\n\n"
                      + QCoreApplication.translate("TransferOps", "Nothing was written; your project is unchanged.")),
            )
        else:
            self.panel.status(message)
        self.finished.emit(ok, message)


def _failure_text(exc: BaseException) -> str:
    if isinstance(exc, EcodeskError):
        sentences = getattr(exc, "sentences", None)
        if callable(sentences):
            return "\n".join(sentences(current_language()))
        from ecodesk.ui.i18n import error_text

        return error_text(exc)
    if isinstance(exc, OSError) and exc.filename and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


_JOBS: dict[str, ReportJob] = {}


def export_report(
    panel: AnalysisPanel, path: str | Path, *, lang: str | None = None, parent: QWidget | None = None
) -> ReportJob | None:
    """Write the HTML report of the scenario the panel follows (the shown one) to ``path``.

    Returns the :class:`ReportJob` (it starts when control returns to the event loop; connect
    its ``finished``), or None when a report is already being made or no document is open. ``lang``: the report's
    language (default: the project's, else the UI's).
    """
    if panel.document is None or "job" in _JOBS:
        return None
    job = ReportJob(panel, Path(path), lang, parent)
    _JOBS["job"] = job
    job.start()
    return job


def report_running() -> bool:
    """A report is being made (its analysis runs)."""
    return "job" in _JOBS


__all__ = ["ReportJob", "export_report", "report_running"]
