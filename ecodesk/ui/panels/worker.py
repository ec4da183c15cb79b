"""UI layer: analyses off the GUI thread — jobs on a QThreadPool, and *channels* that keep
one scenario's results current.

A job runs a pure function on a **copy** of the scenario (model objects are immutable, so
``Scenario.copy()`` is cheap and the live model never crosses threads), reports progress,
and stops at the engine's next check when cancelled (``cancel()`` → ``AnalysisCancelled``).

A channel follows one scenario: every edit (``scenario.changed``) or settings change
marks its result stale and, ``delay_ms`` later (debounced), starts a new job; a running job
for an older state is cancelled and superseded. A run above the automatic budget
(:func:`ecodesk.analysis.budget.auto_run_refusal`: e.g. a shared file asking for 10⁷ Monte
Carlo trials) is never started by itself — the channel keeps the result stale and says why
in ``refusal``, and only ``run_now`` (the user's Run) starts it; the settings stay as typed. Each job is tagged with the scenario's
identity, its ``revision`` and the settings; a finished job whose tag is not the current
one is dropped, so results of different states are never mixed. Results are kept in a
small shared cache, so switching back to a scenario, or comparing it, costs nothing.
Results are typed :class:`~ecodesk.analysis.run.AnalysisResult` objects (they cross from the
worker thread to the GUI thread as they are; each holds the scenario copy it was computed on).
"""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

from ecodesk.analysis.budget import AutoRunRefusal, auto_run_refusal
from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.model import AnalysisSettings, Bindings, Scenario

if TYPE_CHECKING:
    from ecodesk.analysis.run import AnalysisResult

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]
#: A job's work: ``fn(progress, cancel) -> result``.
Work = Callable[[Progress, Cancel], Any]

#: Jobs that may still be running: kept alive here until their last signal has arrived in
#: the GUI thread, whatever happened to the channel that started them.
_LIVE: set[JobState] = set()


@dataclass(frozen=True)
class JobTag:
    """What a result belongs to: one scenario object, at one revision, with one settings."""

    scenario: int  # id() of the live Scenario (checked together with a weak reference)
    revision: int
    settings: AnalysisSettings


def tag_of(scenario: Scenario, settings: AnalysisSettings) -> JobTag:
    return JobTag(id(scenario), scenario.revision, settings)


class _Relay(QObject):
    """The one object jobs report through: created once, in the GUI thread, never deleted.
    Emitted from pool threads, its signals are queued to the GUI thread (no per-job
    QObject exists that a worker could end up destroying)."""

    progress = Signal(object, int, str)
    finished = Signal(object, str, object)  # job, "done" | "failed" | "cancelled", result or message


_RELAY: list[_Relay] = []


def _relay() -> _Relay:
    if not _RELAY:
        relay = _Relay(QCoreApplication.instance())
        relay.progress.connect(_on_relay_progress)
        relay.finished.connect(_on_relay_finished)
        _RELAY.append(relay)
    return _RELAY[0]


def _on_relay_progress(state: JobState, percent: int, stage: str) -> None:
    callback = state.callbacks.get("progress")
    if callback is not None:
        try:
            callback(state, percent, stage)
        except RuntimeError:  # its receiver was deleted meanwhile (window or presentation closed)
            state.callbacks.pop("progress", None)


def _on_relay_finished(state: JobState, outcome: str, payload: Any) -> None:
    """In the GUI thread: hand the outcome over, then drop every reference the job holds to
    GUI objects (so nothing of the GUI is ever freed by a pool thread)."""
    _LIVE.discard(state)
    callback = state.callbacks.get(outcome)
    state.callbacks = {}
    state.work = None
    if callback is not None:
        try:
            callback(state, payload)
        except RuntimeError:  # its receiver was deleted meanwhile (window closed)
            pass


class JobState:
    """One job: its tag, cancel flag, timings and callbacks (plain Python; the QRunnable
    belongs to the pool and is never touched after ``start``)."""

    def __init__(self, work: Work, tag: Any = None, label: str = "") -> None:
        self.work: Work | None = work
        self.tag = tag
        self.label = label
        #: "progress"(state, percent, stage), "done"(state, result), "failed"(state, message),
        #: "cancelled"(state, None) — called in the GUI thread.
        self.callbacks: dict[str, Callable[..., Any]] = {}
        self.snapshot: Scenario | None = None
        self._cancel = threading.Event()
        self.cancel_requested_at: float | None = None
        self.started_at: float | None = None
        self.stopped_at: float | None = None
        self._last: tuple[int, str] = (-1, "")

    def cancel(self) -> None:
        if not self._cancel.is_set():
            self.cancel_requested_at = time.perf_counter()
            self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def running(self) -> bool:
        return self.stopped_at is None

    def _progress(self, fraction: float, stage: str) -> None:
        pct = max(0, min(100, int(100 * fraction)))
        if (pct, stage) != self._last:  # the engine reports often: pass on changes only
            self._last = (pct, stage)
            _RELAY[0].progress.emit(self, pct, stage)

    def execute(self) -> None:
        """Runs in a pool thread."""
        self.started_at = time.perf_counter()
        outcome, payload = "cancelled", None
        try:
            if self.cancelled or self.work is None:
                raise AnalysisCancelled()
            payload = self.work(self._progress, self._cancel.is_set)
            outcome = "cancelled" if self.cancelled else "done"
        except AnalysisCancelled:
            outcome = "cancelled"
        except Exception as exc:  # any failure is a sentence for the user, never a crash
            outcome, payload = ("cancelled", None) if self.cancelled else ("failed", str(exc) or type(exc).__name__)
        self.stopped_at = time.perf_counter()
        _RELAY[0].finished.emit(self, outcome, payload if outcome != "cancelled" else None)


class _Runnable(QRunnable):
    def __init__(self, state: JobState) -> None:
        super().__init__()
        self._state = state
        self.setAutoDelete(True)

    def run(self) -> None:
        self._state.execute()


def preload_engine() -> None:
    """Import the analysis engine in the GUI thread. Importing it in a pool thread (the
    engine imports its modules lazily) races with PySide's import hook and the GUI."""
    import ecodesk.analysis.costshare
    import ecodesk.analysis.kpis
    import ecodesk.analysis.pools
    import ecodesk.analysis.resilience
    import ecodesk.analysis.reuse
    import ecodesk.analysis.run  # noqa: F401


def start_job(pool: QThreadPool, state: JobState) -> JobState:
    """Run ``state`` on ``pool``; it stays alive until its outcome reaches the GUI thread."""
    _relay()
    preload_engine()
    _LIVE.add(state)
    pool.start(_Runnable(state))
    return state


class GuiThreadGarbageCollector(QObject):
    """Python's cycle collector runs in whichever thread happens to allocate; when that is a
    worker and the garbage holds Qt objects, Qt is torn down from the wrong thread and the
    GUI crashes. So, while the app runs analyses in threads, automatic collection is off and
    the GUI thread collects on a timer instead (what pyqtgraph's GarbageCollector does)."""

    def __init__(self, interval_ms: int = 1000) -> None:
        super().__init__(QCoreApplication.instance())
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                gc.collect(generation)
                break


_COLLECTOR: list[GuiThreadGarbageCollector] = []


def collect_garbage_in_gui_thread() -> None:
    """Install the :class:`GuiThreadGarbageCollector` once per application."""
    if not _COLLECTOR and QCoreApplication.instance() is not None:
        _COLLECTOR.append(GuiThreadGarbageCollector())


def shared_pool() -> QThreadPool:
    """The pool analyses run on: a few threads (a superseded job may still be winding down
    while its successor runs), separate from Qt's global pool."""
    pool = _POOL.get("pool")
    if pool is None:
        pool = QThreadPool(QCoreApplication.instance())
        pool.setMaxThreadCount(3)
        pool.setExpiryTimeout(30_000)
        _POOL["pool"] = pool
    return pool


_POOL: dict[str, QThreadPool] = {}


def wait_for_jobs(timeout_ms: int = 5000) -> bool:
    """Cancel every running job and wait for the pool (application exit, tests)."""
    for state in list(_LIVE):
        state.cancel()
    pool = _POOL.get("pool")
    return True if pool is None else bool(pool.waitForDone(timeout_ms))


class ResultCache:
    """The last few results by tag, checked against the live scenario's identity."""

    def __init__(self, size: int = 12) -> None:
        self.size = size
        self._items: OrderedDict[JobTag, tuple[weakref.ref[Scenario], AnalysisResult]] = OrderedDict()

    def get(self, scenario: Scenario, tag: JobTag) -> AnalysisResult | None:
        """The result of ``scenario`` in the state ``tag`` names, if kept (its ``scenario`` is
        the copy it was computed on)."""
        hit = self._items.get(tag)
        if hit is None or hit[0]() is not scenario:
            return None
        self._items.move_to_end(tag)
        return hit[1]

    def put(self, scenario: Scenario, tag: JobTag, result: AnalysisResult) -> None:
        self._items[tag] = (weakref.ref(scenario), result)
        self._items.move_to_end(tag)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


def full_analysis(snapshot: Scenario, settings: AnalysisSettings) -> Work:
    """The work of one panel refresh: every analysis of SPEC §3 on ``snapshot``."""

    def work(progress: Progress, cancel: Cancel) -> AnalysisResult:
        from ecodesk.analysis.run import run_analysis

        return run_analysis(snapshot, settings, progress=progress, cancel=cancel)

    return work


class AnalysisChannel(QObject):
    """Keeps the analysis of one followed scenario current (see the module docstring).

    Signals: ``result_changed`` (a new result, or None after a switch), ``state_changed``
    (running / stale / progress), ``failed(message)``, ``cancelled()``.
    """

    result_changed = Signal()
    state_changed = Signal()
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, settings: Callable[[], AnalysisSettings], cache: ResultCache | None = None,
                 pool: QThreadPool | None = None, delay_ms: int = 600, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.cache = cache or ResultCache()
        self.pool = pool or shared_pool()
        self.auto = True
        self.scenario: Scenario | None = None
        self.result: AnalysisResult | None = None
        self.result_tag: JobTag | None = None
        self.job: JobState | None = None
        self.percent = 0
        self.stage = ""
        self.error = ""
        #: Why the automatic run of the current state was not started (None: it was, or will be).
        self.refusal: AutoRunRefusal | None = None
        #: Seconds from the first edit after a current result to the next current result.
        self.last_latency: float | None = None
        self.last_duration: float | None = None
        self._dirty_since: float | None = None
        self._bindings = Bindings()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    # following ---------------------------------------------------------------------------
    def follow(self, scenario: Scenario | None, run: bool = True) -> None:
        """Follow ``scenario`` (None: nothing); shows its cached result at once, if any."""
        if scenario is self.scenario:
            return
        self._bindings.clear()
        self.scenario = scenario
        self.error = ""
        self.refusal = None
        if scenario is not None:
            self._bindings.connect(scenario.changed, self._on_scenario_changed)
        self._set_result(None, None)
        tag = self.current_tag()
        if scenario is not None and tag is not None:
            hit = self.cache.get(scenario, tag)
            if hit is not None:
                self._set_result(hit, tag)
        self._cancel_job()
        self._timer.stop()
        self._dirty_since = None
        if scenario is not None and self.stale and run and self.auto:
            self._dirty_since = time.perf_counter()
            self._schedule()  # after the debounce delay: a window opening stays quick
        self.state_changed.emit()

    @property
    def result_scenario(self) -> Scenario | None:
        """The copy the result was computed on (names and kinds as analysed)."""
        return self.result.scenario if self.result is not None else None

    def current_tag(self) -> JobTag | None:
        return None if self.scenario is None else tag_of(self.scenario, self._settings())

    @property
    def stale(self) -> bool:
        """The result shown is not of the scenario as it is now (or there is none)."""
        return self.result is None or self.result_tag != self.current_tag()

    @property
    def running(self) -> bool:
        return self.job is not None

    @property
    def pending(self) -> bool:
        """A recomputation is scheduled (debounce timer)."""
        return self._timer.isActive()

    # triggers ------------------------------------------------------------------------------
    def _on_scenario_changed(self) -> None:
        self.invalidate()

    def invalidate(self) -> None:
        """The scenario or the settings changed: mark stale and recompute after the delay."""
        if self._dirty_since is None:
            self._dirty_since = time.perf_counter()
        if self.auto and self.scenario is not None:
            self._schedule()
        self.state_changed.emit()

    def run_now(self) -> None:
        """Recompute at once (unless a job for the current state already runs)."""
        self._timer.stop()
        self.refusal = None  # the user asked: any allowed run goes
        if self._dirty_since is None:
            self._dirty_since = time.perf_counter()
        self._start(force=True)

    def cancel(self) -> None:
        """Stop the running job (the user's Cancel); the stale result stays, greyed."""
        self._timer.stop()
        if self.job is not None:
            self._cancel_job()
            self.cancelled.emit()
            self.state_changed.emit()

    def shutdown(self) -> None:
        self._timer.stop()
        self._cancel_job()
        self.follow(None, run=False)

    def _schedule(self) -> None:
        """Start the debounce timer of an automatic run — unless the run is over the
        automatic budget, which ``refusal`` then names."""
        self.refusal = self._auto_refusal()
        if self.refusal is None:
            self._timer.start()
        else:
            self._timer.stop()

    def _auto_refusal(self) -> AutoRunRefusal | None:
        s = self.scenario
        if s is None:
            return None
        return auto_run_refusal(len(s.entities), len(s.flows), self._settings())

    def _on_timer_timeout(self) -> None:
        self.refusal = self._auto_refusal()  # settings may have changed meanwhile
        if self.refusal is not None:
            self.state_changed.emit()
            return
        self._start(force=False)

    # jobs ------------------------------------------------------------------------------------
    def _start(self, force: bool) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        tag = self.current_tag()
        assert tag is not None
        if not force and not self.stale:
            self._dirty_since = None
            self.state_changed.emit()
            return
        if self.job is not None and self.job.tag == tag and not self.job.cancelled:
            return  # already computing exactly this
        hit = self.cache.get(scenario, tag)
        if hit is not None and not force:
            self._accept(hit, tag)
            return
        self._cancel_job()
        snapshot = scenario.copy()
        settings = self._settings()
        state = JobState(full_analysis(snapshot, settings), tag, scenario.name)
        state.snapshot = snapshot
        state.callbacks = {"progress": self._on_job_progress, "done": self._on_job_done,
                           "failed": self._on_job_failed, "cancelled": self._on_job_cancelled}
        self.job = state
        self.percent, self.stage, self.error = 0, "", ""
        start_job(self.pool, state)
        self.state_changed.emit()

    def _cancel_job(self) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.cancel()  # it stops at the engine's next check; its result will be dropped

    def _on_job_progress(self, state: JobState, percent: int, stage: str) -> None:
        if state is self.job:
            self.percent, self.stage = percent, stage
            self.state_changed.emit()

    def _on_job_done(self, state: JobState, result: AnalysisResult) -> None:
        if state is not self.job:
            return  # superseded: never shown
        self.job = None
        scenario = self.scenario
        self.last_duration = (state.stopped_at or 0) - (state.started_at or 0)
        if scenario is not None and id(scenario) == state.tag.scenario:
            self.cache.put(scenario, state.tag, result)
        if state.tag != self.current_tag():
            # the scenario moved on while this ran: drop it, the newer state is (or will be) queued
            if self.auto and not self._timer.isActive():
                self._schedule()
            self.state_changed.emit()
            return
        self._accept(result, state.tag)

    def _accept(self, result: AnalysisResult, tag: JobTag) -> None:
        if self._dirty_since is not None:
            self.last_latency = time.perf_counter() - self._dirty_since
            self._dirty_since = None
        self._set_result(result, tag)
        self.state_changed.emit()

    def _on_job_failed(self, state: JobState, message: str) -> None:
        if state is not self.job:
            return
        self.job = None
        self.error = message
        self.failed.emit(message)
        self.state_changed.emit()

    def _on_job_cancelled(self, state: JobState, _payload: Any = None) -> None:
        if state is self.job:  # cancelled from outside (shutdown); a user cancel cleared self.job already
            self.job = None
            self.state_changed.emit()

    def _set_result(self, result: AnalysisResult | None, tag: JobTag | None) -> None:
        self.result, self.result_tag = result, tag
        self.result_changed.emit()


def run_in_background(work: Work, on_done: Callable[[Any], None], on_failed: Callable[[str], None] | None = None,
                      pool: QThreadPool | None = None) -> JobState:
    """Run a one-off computation (a what-if) off the GUI thread; the callbacks run in the
    GUI thread (and are skipped if their widget is gone by then)."""
    state = JobState(work)
    state.callbacks = {"done": lambda s, r: on_done(r)}
    if on_failed is not None:
        state.callbacks["failed"] = lambda s, m: on_failed(m)
    return start_job(pool or shared_pool(), state)
