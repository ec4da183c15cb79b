"""Analysis layer: run every analysis of SPEC §3 on one scenario and return the SPEC §5 JSON."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ecodesk.model.objects import AnalysisSettings
from ecodesk.model.scenario import Scenario

Progress = Callable[[float, str], None]


def analyze_scenario(
    scenario: Scenario,
    settings: AnalysisSettings | None = None,
    *,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    """Every analysis of ``scenario`` as one JSON-ready dict (keys of SPEC §5).

    Deterministic for a given ``settings.seed``. ``progress(fraction, stage)`` is called
    between and during stages; ``cancel()`` returning True stops with AnalysisCancelled.
    """
    from ecodesk.analysis.costshare import analyze_cost_sharing
    from ecodesk.analysis.errors import AnalysisCancelled
    from ecodesk.analysis.kpis import analyze_kpis
    from ecodesk.analysis.pools import analyze_pools
    from ecodesk.analysis.resilience import analyze_resilience
    from ecodesk.analysis.reuse import analyze_reuse

    settings = settings or AnalysisSettings()
    report = progress or (lambda f, s: None)

    def check() -> None:
        if cancel is not None and cancel():
            raise AnalysisCancelled("analysis cancelled")

    report(0.0, "reuse")
    reuse = analyze_reuse(scenario).to_json()
    check()
    report(0.05, "cost_sharing")
    cost = analyze_cost_sharing(scenario, seed=settings.seed, pool_analyzer=analyze_pools).to_json()
    check()
    report(0.15, "kpis")
    kpis = analyze_kpis(scenario, settings).to_json()
    check()

    def sub_progress(fraction: float, stage: str) -> None:
        report(0.2 + 0.8 * fraction, stage)

    resilience = analyze_resilience(scenario, settings, progress=sub_progress, cancel=cancel).to_json()
    report(1.0, "done")
    return jsonable({
        "scenario": scenario.name,
        "settings": settings.to_dict(),
        "reuse": reuse,
        "cost_sharing": cost,
        "resilience": resilience,
        "kpis": kpis,
    })


def jsonable(value: Any) -> Any:
    """Plain JSON types only: numpy scalars/arrays converted, NaN/inf as None, tuples as lists."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
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
