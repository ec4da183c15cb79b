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


def bounds(inputs: list[RangedInput] | tuple[RangedInput, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lows, modes, highs) of ``inputs`` as arrays."""
    n = len(inputs)
    return (np.fromiter((i.low for i in inputs), np.float64, n), np.fromiter((i.mode for i in inputs), np.float64, n),
            np.fromiter((i.high for i in inputs), np.float64, n))


def draw(inputs: list[RangedInput], seed: int, sample: int,
         arrays: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """The ranged numbers of sample ``sample`` (its own generator: SeedSequence([seed, sample]));
    ``arrays`` = :func:`bounds` of ``inputs`` when already made."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, sample]))
    lows, modes, highs = arrays if arrays is not None else bounds(inputs)
    return rng.triangular(lows, modes, highs)


# --------------------------------------------------------------------------- the cost game's terms

class GameTerms:
    """Reuse and the cost game as per-capability terms, in numpy, for drawn numbers without a
    model: per capability its owner, F and u; per capability flow (to a consumer other than the
    owner) its capability, consumer, v and A (NaN where A is left to its default F + u·v)."""

    def __init__(self, scenario: Scenario) -> None:
        from ecodesk.analysis.costshare import ecosystem_game

        self.players = ecosystem_game(scenario).players
        pos = {p: j for j, p in enumerate(self.players)}
        caps = list(scenario.capabilities)
        self.cap_index = {c.id: k for k, c in enumerate(caps)}
        self.fixed = np.array([c.fixed_cost for c in caps], dtype=np.float64)
        self.unit = np.array([c.unit_cost for c in caps], dtype=np.float64)
        self.owner = np.array([pos[c.owner] for c in caps], dtype=np.intp)
        fcap, fcons, vol, alone, ids = [], [], [], [], []
        consumers: list[set[str]] = [set() for _ in caps]
        for f in scenario.flows:
            k = self.cap_index.get(f.capability) if f.kind is FlowKind.CAPABILITY else None
            if k is None or f.target == caps[k].owner:
                continue
            fcap.append(k)
            fcons.append(pos[f.target])
            vol.append(f.volume)
            alone.append(math.nan if f.standalone_cost is None else f.standalone_cost)
            ids.append(f.id)
            consumers[k].add(f.target)
        self.fcap = np.array(fcap, dtype=np.intp)
        self.fcons = np.array(fcons, dtype=np.intp)
        self.volume = np.array(vol, dtype=np.float64)
        self.alone = np.array(alone, dtype=np.float64)
        self.flow_index = {fid: m for m, fid in enumerate(ids)}
        self.reuse_count = np.array([len(c) for c in consumers], dtype=np.float64)

    def plan(self, keys: list[tuple[str, str, str]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Where each (table, id, field) of ``keys`` goes: array name → (positions in ``keys``,
        indices in that array); keys that reach neither reuse nor the game are left out."""
        out: dict[str, tuple[list[int], list[int]]] = {n: ([], []) for n in ("fixed", "unit", "volume", "alone")}
        for n, (table, obj_id, fld) in enumerate(keys):
            if table == "capabilities" and fld in ("fixed_cost", "unit_cost") and obj_id in self.cap_index:
                target, index = ("fixed" if fld == "fixed_cost" else "unit"), self.cap_index[obj_id]
            elif table == "flows" and fld in ("volume", "standalone_cost") and obj_id in self.flow_index:
                target, index = ("volume" if fld == "volume" else "alone"), self.flow_index[obj_id]
                if target == "alone" and math.isnan(self.alone[index]):
                    continue  # a default A is no input (and carries no range)
            else:
                continue
            out[target][0].append(n)
            out[target][1].append(index)
        return {k: (np.array(a, dtype=np.intp), np.array(b, dtype=np.intp)) for k, (a, b) in out.items()}

    def figures(self, changes: Mapping[tuple[str, str, str], float]) -> dict[str, Any]:
        """The reuse and cost-game figures with ``changes`` ((table, id, field) → value) applied."""
        keys = list(changes)
        return self.figures_of(self.plan(keys), np.array([changes[k] for k in keys], dtype=np.float64))

    def figures_of(self, plan: Mapping[str, tuple[np.ndarray, np.ndarray]], values: np.ndarray) -> dict[str, Any]:
        """:meth:`figures` for ``values`` placed by ``plan``."""
        arrays = {"fixed": self.fixed.copy(), "unit": self.unit.copy(), "volume": self.volume.copy(),
                  "alone": self.alone.copy()}
        for name, (where, index) in plan.items():
            if where.size:
                arrays[name][index] = values[where]
        F, u, v, A = arrays["fixed"], arrays["unit"], arrays["volume"], arrays["alone"]
        K, P = F.size, len(self.players)
        uv = u[self.fcap] * v
        a = np.where(np.isnan(A), F[self.fcap] + uv, A)
        s = a - uv
        shared = F + np.bincount(self.fcap, uv, K)
        standalone = np.bincount(self.owner, F, P) + np.bincount(self.fcons, a, P)
        pair = np.bincount(self.fcons, s, P) + np.bincount(self.owner[self.fcap], s, P)
        return {"reuse_total_savings": float(s.sum()), "cap_savings": np.bincount(self.fcap, s, K),
                "cap_shared": shared, "cap_alone": np.bincount(self.fcap, a, K), "fixed": F,
                "standalone": standalone, "shapley": standalone - 0.5 * pair,
                "total_cost": float(shared.sum()), "total_standalone": float(standalone.sum())}


def additive_value(terms: GameTerms, fig: Mapping[str, Any], metric: str, base: float) -> float:
    """``metric`` from :meth:`GameTerms.figures`."""
    if metric == "reuse.total_savings":
        return float(fig["reuse_total_savings"])
    if metric == "reuse.reuse_index":
        return base  # consumer counts do not depend on numbers
    if metric.startswith("reuse.capabilities."):
        cap, leaf = metric[len("reuse.capabilities."):].rsplit(".", 1)
        k = terms.cap_index[cap]
        n = terms.reuse_count[k]
        return float({"savings": fig["cap_savings"][k], "shared_cost": fig["cap_shared"][k],
                      "standalone_cost": fig["cap_alone"][k], "reuse_count": n,
                      "amortised_fixed_cost": fig["fixed"][k] / max(1.0, n)}[leaf])
    total_cost, total_alone = fig["total_cost"], fig["total_standalone"]
    if metric == "cost_sharing.total_cost":
        return float(total_cost)
    if metric == "cost_sharing.total_standalone":
        return float(total_alone)
    if metric == "cost_sharing.total_savings":
        return float(total_alone - total_cost)
    name, who = metric.split(".")[1], metric.split(".", 2)[2]
    j = terms.players.index(who)
    st, phi = float(fig["standalone"][j]), float(fig["shapley"][j])
    n = len(terms.players)
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
    plan: dict[str, tuple[np.ndarray, np.ndarray]]
    bounds: tuple[np.ndarray, np.ndarray, np.ndarray]


def prepare(payload: UncertaintyPayload) -> _Local:
    """Once per worker: the cost game's terms of the model and where each drawn number goes."""
    terms = GameTerms(payload.scenario)
    return _Local(payload, terms, terms.plan([(i.table, i.object, i.field) for i in payload.inputs]),
                  bounds(payload.inputs))


def evaluate_sample(local: _Local, sample: int) -> tuple[float, tuple[bool, ...]]:
    """Sample ``sample``: the metric and, per player, whether its Shapley cost ≤ its standalone cost."""
    pl = local.payload
    values = draw(list(pl.inputs), pl.seed, sample, local.bounds)
    fig = local.terms.figures_of(local.plan, values)
    if additive_metric(pl.metric):
        metric = additive_value(local.terms, fig, pl.metric, pl.base)
    else:
        changes = [(i.table, i.object, i.field, x) for i, x in zip(pl.inputs, values.tolist(), strict=True)]
        metric = evaluate_metric(changed_scenario(pl.scenario, changes), pl.settings, pl.metric)
    st = fig["standalone"]
    better = tuple((fig["shapley"] <= st + 1e-9 * np.maximum(1.0, np.abs(st))).tolist())
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
