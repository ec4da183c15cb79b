"""Analysis layer: a fast design heuristic for the optimiser's time-limited runs (SPEC §3.6).

On a big platform HiGHS may not find a good design within a short time limit (capacitated
facility location with single sourcing is hard). Before the solver runs, this local search
gives a design to fall back on; the optimiser reports whichever of the two designs costs less,
with the gap against the solver's proven bound — so a time-limited answer is never worse than
this one. Deterministic: moves are tried in id order and the search stops after a fixed
number of passes, not after a time.

Given a kept set B, demands are assigned greedily per category: largest volume first (then
id), each to the kept capability with the lowest unit cost (then id) that has room, unless
standalone is cheaper — every demand prefers the lowest unit cost, as its cost is u·v. A
category with fewer than r kept capabilities serves nobody. The search starts from B = keep,
then repeatedly applies the best improving move — open one capability, close one, or swap one
kept for one closed of the same category — until none improves or ``passes`` are used.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.optimize_model import Demand
from ecodesk.model import Capability


class _Group:
    """The capabilities and demands of one category key, with the greedy assignment."""

    def __init__(self, caps: list[Capability], demands: list[Demand], r: int) -> None:
        self.caps = [(c.id, c.unit_cost, math.inf if c.capacity is None else c.capacity)
                     for c in sorted(caps, key=lambda c: (c.unit_cost, c.id))]
        self.demands = [(d.id, d.volume, d.standalone, d.current if not d.key else None)
                        for d in sorted(demands, key=lambda d: (-d.volume, d.id))]
        self.r = r

    def assign(self, kept: frozenset[str], detail: bool = False) -> tuple[float, dict[str, str | None]]:
        """Variable cost (Σ u·v + Σ A) and, with ``detail``, each demand's capability."""
        open_caps = [c for c in self.caps if c[0] in kept]
        served: dict[str, str | None] = {}
        total = 0.0
        if len(open_caps) < self.r:
            open_caps = []
        room = {k: cap for k, _, cap in open_caps}
        for did, v, a, own in self.demands:
            choice = None
            for k, u, _ in open_caps:
                if own is not None and k != own:  # a demand without a category: its own capability only
                    continue
                if u * v > a:
                    break  # the rest cost more per unit
                if room[k] >= v:
                    choice = k
                    room[k] -= v
                    total += u * v
                    break
            if choice is None:
                total += a
            if detail:
                served[did] = choice
        return total, served


def heuristic_design(
    caps: list[Capability],
    demands: list[Demand],
    *,
    redundancy: int,
    budget: float | None,
    keep: frozenset[str],
    exclude: frozenset[str],
    passes: int = 60,
    cancel: Callable[[], bool] | None = None,
) -> tuple[frozenset[str], dict[str, str | None], float]:
    """A good design found by local search (module docstring): kept ids, each demand's
    capability (None = standalone) and the design's cost. Assumes keep ∩ exclude is empty
    and the kept fixed costs fit the budget. Without a budget each category is searched on
    its own (they do not interact); with one, all together."""
    by_key: dict[str, tuple[list[Capability], list[Demand]]] = {}
    for c in caps:
        by_key.setdefault(c.category_key, ([], []))[0].append(c)
    for d in demands:
        by_key.setdefault(d.key, ([], []))[1].append(d)
    state = _Search(by_key, redundancy, budget, keep, exclude)
    if budget is None:
        for key in sorted(by_key):
            state.run([key], passes, cancel)
    else:
        state.run(sorted(by_key), passes, cancel)
    return state.result()


class _Search:
    """The local search's state: kept set and variable cost per category, fixed costs spent."""

    def __init__(self, by_key: dict[str, tuple[list[Capability], list[Demand]]], r: int, budget: float | None,
                 keep: frozenset[str], exclude: frozenset[str]) -> None:
        self.by_key, self.budget, self.keep = by_key, budget, keep
        self.groups = {key: _Group(cs, ds, r) for key, (cs, ds) in by_key.items()}
        self.fixed = {c.id: c.fixed_cost for cs, _ in by_key.values() for c in cs}
        self.kept = {key: frozenset(c.id for c in cs if c.id in keep) for key, (cs, _) in by_key.items()}
        self.spent = math.fsum(self.fixed[k] for k in sorted(keep) if k in self.fixed)
        self.free = {key: sorted(c.id for c in cs if c.id not in keep and c.id not in exclude) if ds else []
                     for key, (cs, ds) in by_key.items()}
        for key, (_cs, ds) in sorted(by_key.items()):  # r ≥ 2: start with r capabilities where possible
            missing = r - len(self.kept[key])
            if missing > 0 and ds:
                volume = math.fsum(d.volume for d in ds)
                ranked = sorted(self.free[key],
                                key=lambda k: (self.fixed[k] + self._unit(key, k) * volume, k))[:missing]
                extra = math.fsum(self.fixed[k] for k in ranked)
                if len(ranked) == missing and (budget is None or self.spent + extra <= budget):
                    self.kept[key] = self.kept[key] | frozenset(ranked)
                    self.spent += extra
        self.var = {key: self.groups[key].assign(self.kept[key])[0] for key in by_key}

    def _unit(self, key: str, k: str) -> float:
        return next(c.unit_cost for c in self.by_key[key][0] if c.id == k)

    def _fits(self, delta: float) -> bool:
        return self.budget is None or self.spent + delta <= self.budget

    def run(self, keys: list[str], passes: int, cancel: Callable[[], bool] | None) -> None:
        fixed = self.fixed
        for _ in range(passes):
            if cancel is not None and cancel():
                raise AnalysisCancelled("design optimisation cancelled", stage="optimize")
            best: tuple[float, str, frozenset[str], float] | None = None  # (gain, key, kept set, Δ fixed)
            for key in keys:
                now = self.kept[key]
                base = math.fsum(fixed[j] for j in now) + self.var[key]
                for k in self.free[key]:
                    moves: list[tuple[frozenset[str], float]] = []
                    if k in now:
                        moves.append((now - {k}, -fixed[k]))
                    else:
                        moves.append((now | {k}, fixed[k]))
                        moves += [((now - {j}) | {k}, fixed[k] - fixed[j]) for j in sorted(now - self.keep)]
                    for ks, delta in moves:
                        if not self._fits(delta):
                            continue
                        gain = base - (math.fsum(fixed[j] for j in ks) + self.groups[key].assign(ks)[0])
                        if gain > 1e-9 * max(1.0, abs(base)) and (best is None or gain > best[0]):
                            best = (gain, key, ks, delta)
            if best is None:
                return
            _, key, ks, delta = best
            self.kept[key] = ks
            self.spent += delta
            self.var[key] = self.groups[key].assign(ks)[0]

    def result(self) -> tuple[frozenset[str], dict[str, str | None], float]:
        served: dict[str, str | None] = {}
        all_kept: set[str] = set()
        for key, group in self.groups.items():
            served.update(group.assign(self.kept[key], detail=True)[1])
            all_kept |= self.kept[key]
        cost = math.fsum([self.fixed[k] for k in all_kept] + list(self.var.values()))
        return frozenset(all_kept), served, cost
