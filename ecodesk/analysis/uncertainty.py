"""Analysis layer: uncertainty of a metric under the model's ranges (SPEC §3.7, ``ecodesk uncertainty``).

Every ranged number is drawn from a triangular distribution (low, value, high), independently,
``samples`` times; the metric is computed on each drawn model with the project's analysis
settings (so Monte Carlo metrics use the same seed in every sample), and summarised by its
mean and 5th/50th/95th percentiles (numpy's linear method). ``p_better_off`` is, for each
player of the cost game, the share of samples in which its Shapley cost is at most its
standalone cost (within 1e-9 relative: a player exactly as well off as alone counts as better off).

Sample i draws from its own generator ``SeedSequence([seed, i])``: its numbers do not depend on
which worker computed it or how the samples were chunked, so local cores and a Dask cluster give
the same results. Ranges on degenerate intervals (low = high) are constants, not draws.

Reuse and cost-game figures (and every player's Shapley and standalone cost, which
``p_better_off`` needs in every sample) come from the per-capability terms (the game is
additive over capabilities) without building a model; any other metric is computed on the drawn
model, only the stages it needs (:func:`ecodesk.analysis.sensitivity.stage_json`).
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ecodesk.analysis.metrics import SweepInputError
from ecodesk.analysis.sensitivity import (
    NUMERIC_FIELDS,
    additive_metric,
    changed_scenario,
    checked_base,
    evaluate_metric,
    run_tasks,
)
from ecodesk.model.kinds import FlowKind
from ecodesk.model.objects import AnalysisSettings
from ecodesk.model.scenario import Scenario

DEFAULT_SAMPLES = 1000
MAX_SAMPLES = 10_000_000

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class UncertaintyResult:
    metric: str
    samples: int
    seed: int
    mean: float
    p05: float
    p50: float
    p95: float
    p_better_off: Mapping[str, float]
    values: tuple[float, ...] = field(repr=False)  # every sample's metric, in sample order
    ranged: int = 0  # how many numbers were drawn

    @property
    def std_error(self) -> float:
        """Standard error of the mean (0 with a single sample)."""
        v = np.asarray(self.values, dtype=np.float64)
        return float(v.std(ddof=1) / math.sqrt(v.size)) if v.size > 1 else 0.0

    def to_json(self) -> dict[str, Any]:
        """SPEC §3.7: metric, samples, seed, mean, p05, p50, p95, p_better_off (not the values)."""
        def num(x: float) -> float | None:
            return x if math.isfinite(x) else None

        return {"metric": self.metric, "samples": self.samples, "seed": self.seed, "mean": num(self.mean),
                "p05": num(self.p05), "p50": num(self.p50), "p95": num(self.p95),
                "p_better_off": dict(self.p_better_off)}


@dataclass(frozen=True)
class RangedInput:
    table: str
    object: str
    field: str
    low: float
    mode: float
    high: float


def ranged_inputs(scenario: Scenario) -> list[RangedInput]:
    """Every ranged number of the scenario (table order, object order, field order), the
    degenerate ones (low = high) left out."""
    out: list[RangedInput] = []
    for table, names in NUMERIC_FIELDS.items():
        for obj in getattr(scenario, table):
            ranges = getattr(obj, "ranges", None) or {}
            for name in names:
                if name in ranges and getattr(obj, name) is not None:
                    low, high = (float(x) for x in ranges[name])
                    if high > low:
                        out.append(RangedInput(table, obj.id, name, low, float(getattr(obj, name)), high))
    return out


def draw(inputs: list[RangedInput], seed: int, sample: int) -> np.ndarray:
    """The ranged numbers of sample ``sample`` (its own generator: SeedSequence([seed, sample]))."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, sample]))
    lows = np.fromiter((i.low for i in inputs), np.float64, len(inputs))
    modes = np.fromiter((i.mode for i in inputs), np.float64, len(inputs))
    highs = np.fromiter((i.high for i in inputs), np.float64, len(inputs))
    return rng.triangular(lows, modes, highs)


# --------------------------------------------------------------------------- the cost game's terms

class GameTerms:
    """Reuse and the cost game as per-capability terms, for drawn numbers without a model:
    per capability its owner, F, u and its capability flows (target, v, A or None)."""

    def __init__(self, scenario: Scenario) -> None:
        self.caps = [(c.id, c.owner, c.fixed_cost, c.unit_cost) for c in scenario.capabilities]
        index = {c.id: n for n, c in enumerate(scenario.capabilities)}
        self.flows: list[list[tuple[str, str, float, float | None]]] = [[] for _ in self.caps]
        for f in scenario.flows:
            if f.kind is FlowKind.CAPABILITY and f.capability in index:
                self.flows[index[f.capability]].append((f.id, f.target, f.volume, f.standalone_cost))
        from ecodesk.analysis.costshare import ecosystem_game

        self.players = ecosystem_game(scenario).players

    def figures(self, changes: Mapping[tuple[str, str, str], float]) -> dict[str, Any]:
        """The reuse and cost-game figures with ``changes`` ((table, id, field) → value) applied."""
        savings: list[float] = []
        per_cap: dict[str, dict[str, float]] = {}
        standalone = dict.fromkeys(self.players, 0.0)
        pair = dict.fromkeys(self.players, 0.0)  # Σ savings of the pairs involving the player
        total_cost = 0.0
        for (cid, owner, F, u), flows in zip(self.caps, self.flows, strict=True):
            F = changes.get(("capabilities", cid, "fixed_cost"), F)
            u = changes.get(("capabilities", cid, "unit_cost"), u)
            acc: dict[str, list[float]] = {}
            for fid, target, v, a in flows:
                if target == owner:
                    continue
                v = changes.get(("flows", fid, "volume"), v)
                if a is not None:
                    a = changes.get(("flows", fid, "standalone_cost"), a)
                slot = acc.setdefault(target, [0.0, 0.0])
                slot[0] += v
                slot[1] += (F + u * v) if a is None else a
            s_k = sum(a - u * v for v, a in acc.values())
            shared = F + sum(u * v for v, _ in acc.values())
            alone = sum(a for _, a in acc.values())
            savings.append(s_k)
            per_cap[cid] = {"savings": s_k, "shared_cost": shared, "standalone_cost": alone,
                            "amortised_fixed_cost": F / max(1, len(acc)), "reuse_count": float(len(acc))}
            total_cost += shared
            standalone[owner] += F
            for i, (v, a) in acc.items():
                standalone[i] += a
                pair[i] += a - u * v
                pair[owner] += a - u * v
        shapley = {p: standalone[p] - 0.5 * pair[p] for p in self.players}
        return {"reuse_total_savings": float(sum(savings)), "capabilities": per_cap, "standalone": standalone,
                "shapley": shapley, "total_cost": total_cost, "total_standalone": float(sum(standalone.values()))}


def additive_value(fig: Mapping[str, Any], metric: str, base: float) -> float:
    """``metric`` from :meth:`GameTerms.figures`."""
    if metric == "reuse.total_savings":
        return float(fig["reuse_total_savings"])
    if metric == "reuse.reuse_index":
        return base  # consumer counts do not depend on numbers
    if metric.startswith("reuse.capabilities."):
        cap, leaf = metric[len("reuse.capabilities."):].rsplit(".", 1)
        return float(fig["capabilities"][cap][leaf])
    total_cost, total_alone = fig["total_cost"], fig["total_standalone"]
    if metric == "cost_sharing.total_cost":
        return float(total_cost)
    if metric == "cost_sharing.total_standalone":
        return float(total_alone)
    if metric == "cost_sharing.total_savings":
        return float(total_alone - total_cost)
    name, who = metric.split(".")[1], metric.split(".", 2)[2]
    st, phi = fig["standalone"][who], fig["shapley"][who]
    n = len(fig["standalone"])
    return float({
        "standalone": st, "shapley": phi, "savings": st - phi,
        "proportional": total_cost * st / total_alone if total_alone > 0 else total_cost / n,
        "equal_savings": st - (total_alone - total_cost) / n,
    }[name])


# --------------------------------------------------------------------------- the sweep

@dataclass(frozen=True)
class UncertaintyPayload:
    token: str
    scenario: Scenario
    settings: AnalysisSettings
    metric: str
    base: float
    inputs: tuple[RangedInput, ...]
    seed: int


@dataclass
class _Local:
    payload: UncertaintyPayload
    terms: GameTerms


def prepare(payload: UncertaintyPayload) -> _Local:
    """Once per worker: the cost game's terms of the model."""
    return _Local(payload, GameTerms(payload.scenario))


def evaluate_sample(local: _Local, sample: int) -> tuple[float, tuple[bool, ...]]:
    """Sample ``sample``: the metric and, per player, whether its Shapley cost ≤ its standalone cost."""
    pl = local.payload
    values = draw(list(pl.inputs), pl.seed, sample)
    changes = {(i.table, i.object, i.field): float(x) for i, x in zip(pl.inputs, values.tolist(), strict=True)}
    fig = local.terms.figures(changes)
    if additive_metric(pl.metric):
        metric = additive_value(fig, pl.metric, pl.base)
    else:
        metric = evaluate_metric(changed_scenario(pl.scenario, [(*k, v) for k, v in changes.items()]),
                                 pl.settings, pl.metric)
    better = tuple(fig["shapley"][p] <= fig["standalone"][p] + 1e-9 * max(1.0, abs(fig["standalone"][p]))
                   for p in local.terms.players)
    return metric, better


def check_samples(samples: Any) -> int:
    if isinstance(samples, bool) or not isinstance(samples, int) or not 1 <= samples <= MAX_SAMPLES:
        raise SweepInputError(f"samples must be a whole number from 1 to {MAX_SAMPLES:,}, not {samples}.",
                              f"样本数必须是 1 到 {MAX_SAMPLES:,} 之间的整数，而不是 {samples}。")
    return samples


def check_seed(seed: Any) -> int:
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= 2**32 - 1:
        raise SweepInputError(f"the seed must be a whole number from 0 to {2**32 - 1}, not {seed}.",
                              f"随机种子必须是 0 到 {2**32 - 1} 之间的整数，而不是 {seed}。")
    return seed


def uncertainty(
    scenario: Scenario,
    settings: AnalysisSettings | None,
    metric: str,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int | None = None,
    workers: int | None = None,
    dask: str | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
) -> UncertaintyResult:
    """The distribution of ``metric`` under the scenario's ranges (SPEC §3.7); ``seed``
    defaults to the project's analysis seed."""
    settings = settings or AnalysisSettings()
    samples = check_samples(samples)
    seed = check_seed(settings.seed if seed is None else seed)
    metric = metric.strip()
    base = checked_base(scenario, settings, metric)
    inputs = ranged_inputs(scenario)
    if not inputs:
        raise SweepInputError(
            f"scenario '{scenario.name}' has no ranges, so there is nothing uncertain to draw: give some numbers "
            "a range (low and high around the value) first.",
            f"情景「{scenario.name}」没有任何取值范围，无从抽样：请先为一些数值设定范围（值两侧的下限和上限）。")
    payload = UncertaintyPayload(uuid.uuid4().hex, scenario.copy(), settings, metric, base, tuple(inputs), seed)
    out = run_tasks(payload, range(samples), evaluate_sample, workers=workers, dask=dask, progress=progress,
                    cancel=cancel, prepare=prepare)
    values = np.asarray([m for m, _ in out], dtype=np.float64)
    players = GameTerms(scenario).players
    better = np.asarray([b for _, b in out], dtype=bool).reshape(samples, len(players))
    p05, p50, p95 = (float(x) for x in np.percentile(values, [5.0, 50.0, 95.0]))
    return UncertaintyResult(
        metric=metric, samples=samples, seed=seed, mean=float(values.mean()), p05=p05, p50=p50, p95=p95,
        p_better_off={p: float(better[:, j].mean()) for j, p in enumerate(players)},
        values=tuple(values.tolist()), ranged=len(inputs))
