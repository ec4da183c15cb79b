"""UI layer: the Sensitivity tab's background runs — one :class:`SweepRun` for the tornado,
one for the uncertainty histogram.

A run starts only when the planner presses Run (sweeps evaluate the model dozens to
thousands of times: they never start by themselves on an edit). It works on a **copy** of
the scenario in the analysis pool (:mod:`ecodesk.ui.panels.worker`), reports progress,
stops at the engine's next check on Cancel, and keeps the tag of the model state it
describes (scenario, revision, settings) so the tab can grey a result once the model has
moved on. Engine refusals (an unknown metric, p outside (0, 1) …) arrive as one sentence
in the UI language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ecodesk.model import AnalysisSettings, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.panels.worker import Cancel, JobState, JobTag, Progress, shared_pool, start_job, tag_of

#: ``fn(snapshot, settings, progress(fraction), cancel) -> result`` — one sweep of the engine.
Sweep = Callable[[Scenario, AnalysisSettings, Callable[[float], None], Cancel], Any]


class SweepFailed(Exception):
    """An engine refusal, already as the sentence to show."""


def sentence_of(exc: BaseException, lang: str) -> str:
    """One sentence for the planner: the engine's own bilingual sentence where it has one."""
    sentence = getattr(exc, "sentence", None)
    if isinstance(exc, EcodeskError) and callable(sentence):
        try:
            return str(sentence(lang))
        except TypeError:
            return str(sentence())
    return str(exc) or type(exc).__name__


class SweepRun(QObject):
    """One kind of sweep of the tab: its running job, progress, last result and its tag.

    ``changed`` is emitted on start, progress, result, failure and cancel."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: JobState | None = None
        self.percent = 0
        self.result: Any = None
        #: The model state the result was computed on.
        self.tag: JobTag | None = None
        #: The scenario copy the result was computed on (names as they were).
        self.snapshot: Scenario | None = None
        self.error = ""
        self.cancelled = False
        self.duration: float | None = None

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, scenario: Scenario, settings: AnalysisSettings, sweep: Sweep, lang: str) -> JobState:
        """Run ``sweep`` on a copy of ``scenario`` (a running sweep of this kind is cancelled)."""
        self._cancel_job()
        snapshot = scenario.copy()
        tag = tag_of(scenario, settings)

        def work(progress: Progress, cancel: Cancel) -> Any:
            try:
                return sweep(snapshot, settings, lambda f: progress(float(f), ""), cancel)
            except EcodeskError as exc:
                raise SweepFailed(sentence_of(exc, lang)) from exc

        state = JobState(work, tag, scenario.name)
        state.snapshot = snapshot
        state.callbacks = {"progress": self._on_progress, "done": self._on_done,
                           "failed": self._on_failed, "cancelled": self._on_cancelled}
        self.job = state
        self.percent, self.error, self.cancelled = 0, "", False
        start_job(shared_pool(), state)
        self.changed.emit()
        return state

    def cancel(self) -> None:
        """The planner's Cancel: the job stops at the engine's next check; the last result stays."""
        if self.job is not None:
            self._cancel_job()
            self.cancelled = True
            self.changed.emit()

    def _cancel_job(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.cancel()

    def _on_progress(self, state: JobState, percent: int, _stage: str) -> None:
        if state is self.job:
            self.percent = percent
            self.changed.emit()

    def _on_done(self, state: JobState, result: Any) -> None:
        if state is not self.job:
            return  # cancelled or superseded: never shown
        self.job = None
        self.result, self.tag, self.snapshot = result, state.tag, state.snapshot
        self.duration = (state.stopped_at or 0.0) - (state.started_at or 0.0)
        self.changed.emit()

    def _on_failed(self, state: JobState, message: str) -> None:
        if state is not self.job:
            return
        self.job = None
        self.error = message
        self.changed.emit()

    def _on_cancelled(self, state: JobState, _payload: Any = None) -> None:
        if state is self.job:
            self.job = None
            self.cancelled = True
            self.changed.emit()

    def is_current(self, scenario: Scenario | None, settings: AnalysisSettings) -> bool:
        """The result describes ``scenario`` as it is now (same object, revision, settings)."""
        return scenario is not None and self.tag is not None and self.tag == tag_of(scenario, settings)

    def shutdown(self) -> None:
        self._cancel_job()
