"""UI layer: the helpers of the "Optimise design" dialog that hold no widget — reading the
budget as planners type money, the capabilities a canvas selection names, and
:class:`BackgroundRun`, one engine call at a time off the GUI thread (the analysis pool of
:mod:`ecodesk.ui.panels.worker`) with progress and cancel.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ecodesk.model import Capability, Entity, Flow, ModelObject, Scenario, ValidationError
from ecodesk.ui.panels.worker import JobState, shared_pool, start_job


class BadBudget(ValueError):
    """The budget field holds no usable amount (the message is the sentence to show)."""


def parse_budget(text: str, sentence: Callable[[str], str]) -> float | None:
    """The budget as typed ("", "500000", "50万", "2M" …; empty: no budget). Text that is no
    amount raises :class:`BadBudget` with ``sentence(text)``; a negative amount is returned
    as it is (the engine refuses it with its own sentence)."""
    from ecodesk.commands.editrules import parse_number

    if not text.strip():
        return None
    try:
        value = parse_number(None, "fixed_cost", text)  # a money field: 万, 亿, k, M allowed
    except ValidationError:
        raise BadBudget(sentence(text)) from None
    if value is None or not math.isfinite(value):
        raise BadBudget(sentence(text))
    return value


def selected_capabilities(scenario: Scenario, objects: Iterable[ModelObject]) -> list[str]:
    """Capabilities named by a canvas selection: selected capabilities, the capabilities of
    selected entities (their owners) and those of selected capability flows."""
    out: dict[str, None] = {}
    for obj in objects:
        if isinstance(obj, Capability):
            out[obj.id] = None
        elif isinstance(obj, Entity):
            out.update(dict.fromkeys(c.id for c in scenario.capabilities if c.owner == obj.id))
        elif isinstance(obj, Flow) and obj.capability and obj.capability in scenario.capabilities:
            out[obj.capability] = None
    return list(out)


class BackgroundRun(QObject):
    """One engine call at a time off the GUI thread (the analysis pool), with progress and
    cancel; a superseded or cancelled run's outcome is dropped."""

    progress = Signal(int)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job: JobState | None = None

    @property
    def running(self) -> bool:
        return self.job is not None

    def start(self, work: Callable[[Callable[[float], None], Callable[[], bool]], Any]) -> None:
        """Run ``work(progress, cancel)``; ``progress(fraction)`` as the optimiser calls it."""
        self.cancel(quiet=True)
        state = JobState(lambda progress, cancel: work(lambda f: progress(f, ""), cancel))
        state.callbacks = {"progress": self._on_job_progress, "done": self._on_job_done,
                           "failed": self._on_job_failed, "cancelled": self._on_job_cancelled}
        self.job = state
        start_job(shared_pool(), state)

    def cancel(self, quiet: bool = False) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.cancel()
            if not quiet:
                self.cancelled.emit()

    def _on_job_progress(self, state: JobState, percent: int, _stage: str) -> None:
        if state is self.job:
            self.progress.emit(percent)

    def _on_job_done(self, state: JobState, result: Any) -> None:
        if state is self.job:
            self.job = None
            self.done.emit(result)

    def _on_job_failed(self, state: JobState, message: str) -> None:
        if state is self.job:
            self.job = None
            self.failed.emit(message)

    def _on_job_cancelled(self, state: JobState, _payload: Any = None) -> None:
        if state is self.job:
            self.job = None
            self.cancelled.emit()
