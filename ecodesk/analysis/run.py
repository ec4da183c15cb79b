"""Analysis layer: run every analysis of SPEC §3 on one scenario.

:func:`run_analysis` returns an :class:`AnalysisResult` — the result dataclasses of each
analysis, typed, for the app and the report; :func:`analyze_scenario` gives the same as the
SPEC §5 JSON, for the command line and files. JSON lives only at those edges.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, compress, repeat
from typing import TYPE_CHECKING, Any

from ecodesk.model.objects import AnalysisSettings
from ecodesk.model.scenario import Scenario

if TYPE_CHECKING:
    from ecodesk.analysis.background import Worker
    from ecodesk.analysis.costshare import CostShareResult
    from ecodesk.analysis.kpis import KpiResult
    from ecodesk.analysis.resilience import ResilienceResult
    from ecodesk.analysis.reuse import ReuseResult

Progress = Callable[[float, str], None]


@dataclass(frozen=True, eq=False)
class AnalysisResult:
    """Every analysis of one scenario. ``scenario`` is the scenario as analysed (the app
    passes a copy, so names and kinds stay those the figures were computed on)."""

    scenario: Scenario
    settings: AnalysisSettings
    reuse: ReuseResult
    cost_sharing: CostShareResult
    resilience: ResilienceResult
    kpis: KpiResult

    @property
    def scenario_name(self) -> str:
        return self.scenario.name

    @property
    def notes(self) -> list[str]:
        """The notes of every analysis, in the order reuse, cost sharing, resilience, indicators."""
        return [*self.reuse.notes, *self.cost_sharing.notes, *self.resilience.notes, *self.kpis.notes]

    def to_json(self) -> dict[str, Any]:
        """The SPEC §5 JSON object (what ``ecodesk analyze --json`` prints)."""
        out: dict[str, Any] = jsonable({
            "scenario": self.scenario.name,
            "settings": self.settings.to_dict(),
            "reuse": self.reuse.to_json(),
            "cost_sharing": self.cost_sharing.to_json(),
            "resilience": self.resilience.to_json(),
            "kpis": self.kpis.to_json(),
        })
        return out


def analyze_scenario(
    scenario: Scenario,
    settings: AnalysisSettings | None = None,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Every analysis of ``scenario`` as one JSON-ready dict (keys of SPEC §5):
    ``run_analysis(...).to_json()``."""
    return run_analysis(scenario, settings, progress=progress, cancel=cancel).to_json()


def run_analysis(
    scenario: Scenario,
    settings: AnalysisSettings | None = None,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    worker: Worker | None = None,
) -> AnalysisResult:
    """Every analysis of ``scenario``, typed.

    Deterministic for a given ``settings.seed``. ``progress(fraction, stage)`` is called
    between and during stages; ``cancel()`` returning True stops with AnalysisCancelled.

    ``worker`` (an unused :class:`~ecodesk.analysis.background.Worker`, made by a process
    that may fork — the command line, before it reads the file; not the app with its Qt
    threads): the resilience stage's robustness curves and Monte Carlo trials run in its
    child process beside reuse, cost sharing, the indicators and the rest of resilience
    (:func:`ecodesk.analysis.resilience.start_resilience`). Same result either way; a worker
    that could not fork runs them here. Progress then skips those two stages. The worker is
    closed (its child stopped) when this returns or raises.
    """
    from ecodesk.analysis.costshare import analyze_cost_sharing
    from ecodesk.analysis.errors import AnalysisCancelled
    from ecodesk.analysis.kpis import analyze_kpis
    from ecodesk.analysis.pools import analyze_pools
    from ecodesk.analysis.resilience import analyze_resilience, start_resilience
    from ecodesk.analysis.reuse import analyze_reuse

    settings = settings or AnalysisSettings()
    report = progress or (lambda f, s: None)

    def check() -> None:
        if cancel is not None and cancel():
            raise AnalysisCancelled("analysis cancelled")

    try:
        started = start_resilience(scenario, settings, worker, cancel=cancel) if worker is not None else None
        report(0.0, "reuse")
        reuse = analyze_reuse(scenario)
        check()
        report(0.05, "cost_sharing")
        cost = analyze_cost_sharing(scenario, seed=settings.seed, pool_analyzer=lambda sc, seed: analyze_pools(
            sc, seed=seed, progress=lambda f: report((0.5 + f) / 10, "cost_sharing"), cancel=cancel))
        check()
        report(0.15, "kpis")
        kpis = analyze_kpis(scenario, settings)
        check()

        def sub_progress(fraction: float, stage: str) -> None:
            report(0.2 + 0.8 * fraction, stage)

        resilience = analyze_resilience(scenario, settings, progress=sub_progress, cancel=cancel, started=started)
    finally:
        if worker is not None:
            worker.close()
    report(1.0, "done")
    return AnalysisResult(scenario, settings, reuse, cost, resilience, kpis)


_SAME_TYPES = frozenset({str, int, bool, type(None)})
_PLAIN_TYPES = _SAME_TYPES | {float}
_STR = frozenset({str})
_DICT = frozenset({dict})


def _plain(values: Any) -> bool:
    """Whether every value is already plain JSON (text, int, bool, None, finite float — exact
    types, so numpy scalars and enums still go through :func:`jsonable`)."""
    types = set(map(type, values))
    if not types <= _PLAIN_TYPES:
        return False
    # among these exact types isinstance(v, float) means a float: the finite check runs in C
    return float not in types or all(map(math.isfinite, compress(values, map(isinstance, values, repeat(float)))))


def _flat_records(value: list[Any] | tuple[Any, ...]) -> list[dict[str, Any]] | None:
    """``value`` copied when it is a list of flat records — dicts (exact type) with text keys
    and plain values (:func:`_plain`), such as the 108,000 critical entities of a 10× result —
    checked and copied in a few C-level passes over all of them instead of one
    :func:`jsonable` call per record (0.3 s → 0.1 s there); None for anything else."""
    if set(map(type, value)) != _DICT:
        return None
    if not set(map(type, chain.from_iterable(value))) <= _STR:
        return None
    if not _plain(list(chain.from_iterable(map(dict.values, value)))):
        return None
    return list(map(dict, value))


def jsonable(value: Any) -> Any:
    """Plain JSON types only: numpy scalars/arrays converted, NaN/inf as None, tuples as lists.

    Values that are plain JSON already (text, int, bool, None, a finite float: ``x - x == 0``)
    are taken as they are without a call, and a list of only such values is copied in one
    C-level pass: the ~2 million leaves of a 100,000-entity analysis took 2 s one call each."""
    if isinstance(value, dict):
        if set(map(type, value)) <= _STR:  # keys already text (exact type): no str() call per key
            if _plain(value.values()):
                return dict(value)  # copied in one C-level pass
            return {k: v if type(v) in _SAME_TYPES or (type(v) is float and v - v == 0.0) else jsonable(v)
                    for k, v in value.items()}
        return {
            str(k): v if type(v) in _SAME_TYPES or (type(v) is float and v - v == 0.0) else jsonable(v)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        if _plain(value):
            return list(value)
        records = _flat_records(value)
        if records is not None:
            return records
        return [v if type(v) in _SAME_TYPES or (type(v) is float and v - v == 0.0) else jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    tolist = getattr(value, "tolist", None)  # numpy scalars and arrays
    if callable(tolist):
        return jsonable(tolist())
    if hasattr(value, "to_json"):
        return jsonable(value.to_json())
    return str(value)
