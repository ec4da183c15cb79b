"""Analysis layer (pure Python + numpy, no Qt): the planner's sharing pools of SPEC §3.2.

For every pool: the allocation its rule gives, the fair share (the Shapley value of the
pool's game) and the fairness gap = allocation − Shapley, per member.

Pool games, with W the effective weights (:func:`effective_weights`):

- cost pools c(S) = amount·(W_S/W_N)^β (economies of scale; β = 1 is plain proportional);
- revenue pools v(S) = amount·W_S/W_N;
- reserve pools: the bankruptcy game v(S) = max(0, amount − Σ_{j∉S} claim_j).

Decisions where SPEC is silent (each also reported in the result's ``notes``):

- W_N = 0 (every weight 0): weight-based splits and the game treat members as equal;
- reserve pools whose claims do not exceed the fund are no bankruptcy problem: the
  claim-based rules (proportional, cea, cel, talmud) pay each claim in full and the rest
  stays in the reserve; the game itself (kept to the letter) then gives each member its
  claim plus an equal share of the surplus, which is its Shapley value and nucleolus;
- reserve ``equal`` pays amount/n even above a claim (noted); reserve ``nucleolus`` is the
  Talmud rule, which equals the nucleolus of a bankruptcy game (Aumann–Maschler 1985);
- additive games (revenue pools, cost pools with β = 1) have Shapley value and nucleolus
  equal to the proportional split, computed in closed form for any size; otherwise the
  Shapley value is exact up to 20 members and sampled beyond (seeded; random orders are
  drawn until the largest standard error is at most ``tol`` (0.01 %) of the amount, or
  ``samples`` orders (fewer for very large pools: at most ``MAX_SAMPLE_CELLS`` orders ×
  members); samples used, standard errors and 95 % half-widths reported);
- the nucleolus of a cost pool with β ≠ 1 is solved exactly by sequential linear
  programmes with constraint generation (:mod:`ecodesk.analysis.game_lexmin`), members of
  equal weight merged into one type, for up to ``NUCLEOLUS_MAX_PROFILES`` coalition
  profiles (22 members of distinct weights, far more with repeated weights); beyond that a
  cost pool of up to ``ORACLE_MAX_MEMBERS`` members is solved without a table, its most
  violated coalitions found by sorting (:mod:`ecodesk.analysis.game_oracle`, exact, within
  a fixed work limit). A larger pool, or one past the work limit, says so in a note and in
  ``nucleolus_method = "not_computed"``; its allocation then shows the Shapley value,
  marked as such — never silently;
- ``tiered`` pays w_i × rate whatever the amount; the note compares the total with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ecodesk.analysis import bankruptcy as bk
from ecodesk.analysis.game_lexmin import DENSE_PROFILES, nucleolus_space
from ecodesk.analysis.game_oracle import NucleolusTooLarge, WeightedConvexGame, nucleolus_weighted_convex
from ecodesk.analysis.game_sampling import DEFAULT_TOL, SampledShapley, shapley_until, weighted_prefixes
from ecodesk.analysis.game_space import CoalitionSpace, profile_count, profile_sums, types_of
from ecodesk.analysis.games import GameKind, coalition_sums, nucleolus, shapley_exact
from ecodesk.model import Pool, PoolRule, PoolType, Scenario

FloatArray = NDArray[np.float64]

#: Largest pool whose Shapley value is computed exactly (2**20 coalitions).
EXACT_SHAPLEY_MAX_MEMBERS = 20
#: Most coalition profiles Π(members of a weight + 1) whose nucleolus is solved (2**22: 22 members
#: of distinct weights, ~1 s; more members when weights repeat).
NUCLEOLUS_MAX_PROFILES = 1 << 22
#: Beyond that, cost pools (β < 1) of up to this many members are solved by separation by sorting.
ORACLE_MAX_MEMBERS = 40
#: Most random orders for the sampled Shapley value of larger pools (the stop rule ends sooner).
DEFAULT_SAMPLES = 100_000
#: Fewest random orders before the stop rule may end the sampling.
MIN_SAMPLES = 1000
#: Most orders × members drawn for one pool (about 2–4 s): large pools stop sooner than ``samples``.
MAX_SAMPLE_CELLS = 20_000_000

__all__ = [
    "DEFAULT_SAMPLES",
    "DEFAULT_TOL",
    "EXACT_SHAPLEY_MAX_MEMBERS",
    "MAX_SAMPLE_CELLS",
    "MIN_SAMPLES",
    "NUCLEOLUS_MAX_PROFILES",
    "ORACLE_MAX_MEMBERS",
    "PoolResult",
    "analyze_pool",
    "analyze_pools",
    "effective_weights",
    "flow_values",
]


@dataclass
class PoolResult:
    """One pool's analysis; maps are keyed by entity id in the pool's member order."""

    id: str
    name: str
    type: str
    rule: str
    amount: float
    members: list[str]
    weights: dict[str, float]
    allocation: dict[str, float]
    shapley: dict[str, float]
    fairness_gap: dict[str, float]
    total_allocated: float
    notes: list[str] = field(default_factory=list)
    #: How ``shapley`` was obtained: "exact", "closed_form", "sampled" or "none" (no members).
    shapley_method: str = "exact"
    #: 95 % confidence half-width of each sampled Shapley value (0 when exact).
    shapley_half_width: dict[str, float] = field(default_factory=dict)
    #: Claims of reserve pools (0 for members without one); empty for other pools.
    claims: dict[str, float] = field(default_factory=dict)
    #: Sampled Shapley only: random orders drawn, and each value's standard error.
    shapley_samples: int = 0
    shapley_standard_error: dict[str, float] = field(default_factory=dict)
    #: Rule ``nucleolus`` only: "closed_form" (additive game, Talmud rule, equal weights),
    #: "lp" (sequential linear programmes) or "not_computed" (too large: the note says why).
    nucleolus_method: str = ""

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> PoolResult:
        """A result from its JSON row (missing fields empty)."""
        return cls(
            id=str(row["id"]), name=str(row.get("name", "")), type=str(row.get("type", "cost")),
            rule=str(row.get("rule", "")), amount=float(row.get("amount", 0.0)), members=list(row.get("members", [])),
            weights=dict(row.get("weights", {})), allocation=dict(row.get("allocation", {})),
            shapley=dict(row.get("shapley", {})), fairness_gap=dict(row.get("fairness_gap", {})),
            total_allocated=float(row.get("total_allocated", sum(row.get("allocation", {}).values()))),
            notes=list(row.get("notes", [])), shapley_method=str(row.get("shapley_method", "exact")),
            shapley_half_width=dict(row.get("shapley_half_width", {})), claims=dict(row.get("claims", {})),
            shapley_samples=int(row.get("shapley_samples", 0)),
            shapley_standard_error=dict(row.get("shapley_standard_error", {})),
            nucleolus_method=str(row.get("nucleolus_method", "")),
        )

    def to_json(self) -> dict[str, Any]:
        """The ``cost_sharing.pools[]`` entry of SPEC §5 (``shapley_samples`` and
        ``shapley_standard_error`` only when sampled, ``nucleolus_method`` only for that rule)."""
        out = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "rule": self.rule,
            "amount": self.amount,
            "members": list(self.members),
            "weights": dict(self.weights),
            "claims": dict(self.claims),
            "allocation": dict(self.allocation),
            "shapley": dict(self.shapley),
            "fairness_gap": dict(self.fairness_gap),
            "total_allocated": self.total_allocated,
            "shapley_method": self.shapley_method,
            "shapley_half_width": dict(self.shapley_half_width),
            "notes": list(self.notes),
        }
        if self.shapley_method == "sampled":
            out["shapley_samples"] = self.shapley_samples
            out["shapley_standard_error"] = dict(self.shapley_standard_error)
        if self.nucleolus_method:
            out["nucleolus_method"] = self.nucleolus_method
        return out


def flow_values(members: Iterable[str], scenario: Scenario) -> dict[str, float]:
    """Each of ``members``' total flow value in the scenario: Σ volume × unit_value of the flows
    it sends or receives, added in flow order."""
    value = dict.fromkeys(members, 0.0)
    for f in scenario.flows:
        s, t = f.source, f.target
        if s in value or t in value:
            v = f.value
            if s in value:
                value[s] += v
            if t in value:
                value[t] += v
    return value


def effective_weights(
    pool: Pool, scenario: Scenario, values: Mapping[str, float] | None = None
) -> dict[str, float]:
    """SPEC §2 weights: ``pool.weights[i]`` if given, else i's total flow value in the
    scenario (Σ volume × unit_value of flows it sends or receives), or 1 where that is 0.
    ``values``: :func:`flow_values` of (at least) the members, when already known."""
    value = flow_values(pool.members, scenario) if values is None else values
    return {m: float(pool.weights[m]) if m in pool.weights else (value[m] or 1.0) for m in pool.members}


Progress = Callable[[float], None]


@dataclass(frozen=True)
class _Run:
    seed: int = 0
    samples: int = DEFAULT_SAMPLES
    tol: float = DEFAULT_TOL
    progress: Progress | None = None
    cancel: Callable[[], bool] | None = None


def analyze_pools(
    scenario: Scenario,
    *,
    seed: int = 0,
    samples: int = DEFAULT_SAMPLES,
    tol: float = DEFAULT_TOL,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[PoolResult]:
    """:func:`analyze_pool` for every pool of the scenario, in order; ``progress(f)`` with
    f in [0, 1] over all pools."""
    pools = list(scenario.pools)
    # one pass over the flows for every pool's members (it was one pass per pool)
    values = flow_values({m for p in pools for m in p.members}, scenario) if len(pools) > 1 else None
    out = []
    for k, p in enumerate(pools):
        part = None if progress is None else (lambda f, k=k: progress((k + f) / len(pools)))
        out.append(analyze_pool(p, scenario, seed=seed, samples=samples, tol=tol, progress=part, cancel=cancel,
                                values=values))
    return out


def analyze_pool(
    pool: Pool,
    scenario: Scenario,
    *,
    seed: int = 0,
    samples: int = DEFAULT_SAMPLES,
    tol: float = DEFAULT_TOL,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
    values: Mapping[str, float] | None = None,
) -> PoolResult:
    """Allocation, fair (Shapley) share and fairness gap of one pool. Never raises on
    degenerate pools (no members, amount 0, zero weights or claims): zeros and a note.

    Beyond 20 members the Shapley value is sampled (seed ``seed``) until the largest standard
    error is at most ``tol`` × |amount| (at least ``MIN_SAMPLES`` orders, at most ``samples``).
    ``progress(f)`` (f in [0, 1]) follows the sampling; ``cancel()`` returning True stops the
    sampling or the nucleolus with :class:`~ecodesk.analysis.errors.AnalysisCancelled`.
    ``values``: :func:`flow_values` of the members when the caller has them already.
    """
    run = _Run(seed, samples, tol, progress, cancel)
    members = list(pool.members)
    weights = effective_weights(pool, scenario, values)
    result = PoolResult(
        id=pool.id,
        name=pool.name,
        type=pool.type.value,
        rule=pool.rule.value,
        amount=float(pool.amount),
        members=members,
        weights=weights,
        allocation={},
        shapley={},
        fairness_gap={},
        total_allocated=0.0,
    )
    if pool.type is PoolType.RESERVE:
        result.claims = {m: float(pool.claims.get(m, 0.0)) for m in members}
    if not members:
        result.shapley_method = "none"
        result.notes.append("The pool has no members: nothing is allocated.")
        return result
    if pool.amount == 0:
        result.notes.append("The pool's amount is 0.")
    w = np.array([weights[m] for m in members], dtype=np.float64)
    if pool.type is PoolType.RESERVE:
        alloc, phi, half = _reserve(pool, np.array(list(result.claims.values())), result, run)
    else:
        alloc, phi, half = _shared(pool, w, result, run)
    scale = 1e-9 * max(1.0, abs(float(pool.amount)))
    gap = alloc - phi
    gap[np.abs(gap) <= scale] = 0.0
    result.allocation = _as_map(members, alloc)
    result.shapley = _as_map(members, phi)
    result.fairness_gap = _as_map(members, gap)
    result.shapley_half_width = _as_map(members, half)
    result.total_allocated = float(alloc.sum()) + 0.0
    if progress is not None:
        progress(1.0)
    return result


def _as_map(members: list[str], values: FloatArray) -> dict[str, float]:
    return {m: float(x) + 0.0 for m, x in zip(members, values)}  # + 0.0: no "-0.0" in reports


# --------------------------------------------------------------------------- cost and revenue pools


def _shared(pool: Pool, w: FloatArray, result: PoolResult, run: _Run) -> tuple[FloatArray, FloatArray, FloatArray]:
    n = len(w)
    amount = float(pool.amount)
    total_w = float(w.sum())
    game_w = w
    if total_w <= 0:
        game_w = np.ones(n)
        result.notes.append("Every weight is 0: weight-based splits and the pool's game treat members as equal.")
    share = game_w / float(game_w.sum())
    proportional = amount * share
    beta = float(pool.scale_exponent) if pool.type is PoolType.COST else 1.0
    half = np.zeros(n)
    table: FloatArray | None = None
    if beta == 1.0:  # additive game: Shapley value = nucleolus = proportional split
        phi = proportional.copy()
        result.shapley_method = "closed_form"
    elif n <= EXACT_SHAPLEY_MAX_MEMBERS:
        table = amount * (coalition_sums(share) ** beta)
        phi = shapley_exact(table)
        result.shapley_method = "exact"
    else:
        phi, half = _sample(weighted_prefixes(share, lambda s: amount * s**beta), n, abs(amount), result, run)

    rule = pool.rule
    if rule is PoolRule.EQUAL:
        alloc = np.full(n, amount / n)
    elif rule is PoolRule.PROPORTIONAL:
        alloc = proportional
    elif rule is PoolRule.SHAPLEY:
        alloc = phi.copy()
    elif rule is PoolRule.NUCLEOLUS:
        if beta == 1.0:
            alloc = proportional
            result.nucleolus_method = "closed_form"
        else:
            alloc = _weighted_nucleolus(amount, share, beta, pool.type, table, phi, result, run)
    elif rule is PoolRule.FLOOR_SHARE:
        alloc = _floor_share(pool, share, result)
    elif rule is PoolRule.TIERED:
        alloc = _tiered(pool, w, result)
    else:  # pragma: no cover - the model refuses reserve-only rules on these pools
        alloc = proportional
        result.notes.append(f"Rule '{rule.value}' does not apply to a {pool.type.value} pool: proportional used.")
    return alloc, phi, half


def _floor_share(pool: Pool, share: FloatArray, result: PoolResult) -> FloatArray:
    amount = float(pool.amount)
    floors = np.array([float(pool.floors.get(m, 0.0)) for m in pool.members])
    total_floors = float(floors.sum())
    if total_floors > amount:
        factor = amount / total_floors
        result.notes.append(
            f"The floors total {total_floors:g}, more than the amount {amount:g}: every floor is scaled down "
            f"to {factor:.4%} of itself and nothing is left to share."
        )
        return floors * factor
    if total_floors == 0:
        result.notes.append("No member has a floor: the whole amount is shared in proportion to weights.")
    return floors + (amount - total_floors) * share


def _tiered(pool: Pool, w: FloatArray, result: PoolResult) -> FloatArray:
    amount = float(pool.amount)
    rates = np.zeros(len(w))
    unmatched: list[str] = []
    for j, (m, wj) in enumerate(zip(pool.members, w)):
        tier = next((t for t in pool.tiers if t.up_to is None or t.up_to >= wj), None)
        if tier is None:
            unmatched.append(m)
        else:
            rates[j] = tier.rate
    if not pool.tiers:
        result.notes.append("The pool has no tiers: every member's rate is 0.")
    elif unmatched:
        result.notes.append(f"Weights above every tier (rate 0): {', '.join(unmatched)}.")
    alloc = w * rates
    total = float(alloc.sum())
    diff = total - amount
    if abs(diff) <= 1e-9 * max(1.0, abs(amount)):
        result.notes.append(f"The tiered shares total {total:g}, exactly the amount.")
    else:
        side = "more" if diff > 0 else "less"
        result.notes.append(f"The tiered shares total {total:g}, {abs(diff):g} {side} than the amount {amount:g}.")
    return alloc


# --------------------------------------------------------------------------- reserve pools


def _reserve(pool: Pool, claims: FloatArray, result: PoolResult, run: _Run) -> tuple[FloatArray, FloatArray, FloatArray]:
    n = len(claims)
    estate = float(pool.amount)
    total = float(claims.sum())
    half = np.zeros(n)
    if total <= 0:
        result.shapley_method = "closed_form"
        result.notes.append("No member has a claim on the reserve: nothing is paid.")
        return np.zeros(n), np.zeros(n), half
    if total <= estate:
        # No bankruptcy: the SPEC game v(S) = amount − Σ_{j∉S} claim_j is then additive plus a
        # constant, so its Shapley value and nucleolus are each claim plus an equal share of
        # the surplus. The claim-based rules pay the claims in full; the rest stays in reserve.
        surplus = estate - total
        phi = claims + surplus / n
        result.shapley_method = "closed_form"
        result.notes.append(
            f"The claims ({total:g}) do not exceed the fund ({estate:g}): claim-based rules pay each claim in full"
            + (f" and {surplus:g} stays in the reserve; the fair share (Shapley) also splits that surplus equally."
               if surplus > 0 else ".")
        )
        if pool.rule in (PoolRule.SHAPLEY, PoolRule.NUCLEOLUS):
            if pool.rule is PoolRule.NUCLEOLUS:
                result.nucleolus_method = "closed_form"
            return phi.copy(), phi, half
        if pool.rule is PoolRule.EQUAL:
            return np.full(n, estate / n), phi, half
        return claims.copy(), phi, half

    if n <= EXACT_SHAPLEY_MAX_MEMBERS:
        phi = shapley_exact(bk.bankruptcy_game(estate, claims))
        result.shapley_method = "exact"
    else:
        phi, half = _sample(weighted_prefixes(claims, lambda c: np.maximum(0.0, estate - (total - c))), n,
                            estate, result, run)

    rule = pool.rule
    if rule is PoolRule.PROPORTIONAL:
        alloc = bk.proportional(estate, claims)
    elif rule is PoolRule.CEA:
        alloc = bk.cea(estate, claims)
    elif rule is PoolRule.CEL:
        alloc = bk.cel(estate, claims)
    elif rule is PoolRule.TALMUD:
        alloc = bk.talmud(estate, claims)
    elif rule is PoolRule.NUCLEOLUS:
        alloc = bk.talmud(estate, claims)
        result.nucleolus_method = "closed_form"
        result.notes.append("The nucleolus of a bankruptcy game is the Talmud rule (Aumann–Maschler).")
    elif rule is PoolRule.SHAPLEY:
        alloc = phi.copy()
    elif rule is PoolRule.EQUAL:
        alloc = np.full(n, estate / n)
        over = [m for m, a, d in zip(pool.members, alloc, claims) if a > d + 1e-9 * max(1.0, estate)]
        if over:
            result.notes.append(
                f"An equal split pays more than the claim of: {', '.join(over)} "
                "(constrained equal awards, 'cea', caps it)."
            )
    else:  # pragma: no cover - the model refuses other rules on reserve pools
        alloc = bk.proportional(estate, claims)
        result.notes.append(f"Rule '{rule.value}' does not apply to a reserve pool: proportional used.")
    return alloc, phi, half


def _sample(prefixes: Any, n: int, total: float, result: PoolResult, run: _Run) -> tuple[FloatArray, FloatArray]:
    limit = min(run.samples, max(MIN_SAMPLES, MAX_SAMPLE_CELLS // n))
    est: SampledShapley = shapley_until(prefixes, n, seed=run.seed, tol=run.tol, min_samples=MIN_SAMPLES,
                                        max_samples=limit, progress=run.progress, cancel=run.cancel)
    result.shapley_method = "sampled"
    result.shapley_samples = est.samples
    result.shapley_standard_error = _as_map(result.members, est.standard_error)
    result.notes.append(_sampled_note(n, est.samples, run.seed, est.half_width))
    if total > 0 and est.converged:
        result.notes.append(
            f"Sampling stopped once the largest standard error ({est.max_standard_error:.4g}) was at most "
            f"{run.tol:.4%} of the amount."
        )
    elif total > 0:
        result.notes.append(
            f"Sampling stopped at the limit of {est.samples} random orders; the largest standard error "
            f"({est.max_standard_error:.4g}) is still above {run.tol:.4%} of the amount ({est.target:.4g})."
        )
    return est.values, est.half_width


def _weighted_nucleolus(
    amount: float,
    share: FloatArray,
    beta: float,
    kind: PoolType,
    table: FloatArray | None,
    phi: FloatArray,
    result: PoolResult,
    run: _Run,
) -> FloatArray:
    """The nucleolus of c(S) = amount·(share_S)^β (cost pools; revenue pools are additive):
    over coalition profiles, members of equal share merged into one type."""
    n = len(share)
    game_kind: GameKind = "cost" if kind is PoolType.COST else "value"
    if table is not None and len(table) <= DENSE_PROFILES:  # small pools: the classic full LP, as before
        result.nucleolus_method = "lp"
        return nucleolus(table, kind=game_kind, cancel=run.cancel)
    of_player, groups = types_of([float(x) for x in share])
    if len(groups) == 1:  # every member alike: an equal split
        result.nucleolus_method = "closed_form"
        return np.full(n, amount / n)
    sizes = [len(g) for g in groups]
    profiles = profile_count(sizes)
    if profiles > NUCLEOLUS_MAX_PROFILES:
        return _sorted_nucleolus(amount, share, beta, kind, len(groups), phi, result, run)
    if table is not None and len(groups) == n:  # all weights differ: the profiles are the table itself
        space = CoalitionSpace.from_table(table)
    else:
        type_share = np.array([share[g[0]] for g in groups])
        space = CoalitionSpace(tuple(sizes), amount * profile_sums(sizes, type_share) ** beta)
    result.nucleolus_method = "lp"
    return nucleolus_space(space, kind=game_kind, cancel=run.cancel)[np.asarray(of_player)]


def _sorted_nucleolus(
    amount: float,
    share: FloatArray,
    beta: float,
    kind: PoolType,
    types: int,
    phi: FloatArray,
    result: PoolResult,
    run: _Run,
) -> FloatArray:
    """Too many profiles to scan: a concave cost pool is still exact by separation by sorting
    (:mod:`ecodesk.analysis.game_oracle`) up to ``ORACLE_MAX_MEMBERS``; otherwise say why not."""
    n = len(share)
    if kind is PoolType.COST and amount > 0 and 0 < beta < 1 and n <= ORACLE_MAX_MEMBERS:
        game = WeightedConvexGame(share, lambda s: -amount * np.maximum(s, 0.0) ** beta)
        info: dict[str, Any] = {}
        try:
            y = nucleolus_weighted_convex(game, cancel=run.cancel, info=info)
        except NucleolusTooLarge:
            result.nucleolus_method = "not_computed"
            result.notes.append(
                f"Not the nucleolus: the exact search for this pool's {n} members stopped at its work limit "
                f"({info['listed']:,} coalitions listed, {info['lp_rows']:,} programme rows). "
                "The allocation shows the Shapley value instead."
            )
            return phi.copy()
        result.nucleolus_method = "lp"
        return -y + 0.0
    result.nucleolus_method = "not_computed"
    result.notes.append(
        f"Not the nucleolus: this pool's {n} members have {types} different weights; the nucleolus is computed "
        f"for up to {ORACLE_MAX_MEMBERS} members of different weights (or {NUCLEOLUS_MAX_PROFILES:,} coalition "
        "profiles when weights repeat). The allocation shows the Shapley value instead."
    )
    return phi.copy()


def _sampled_note(n: int, samples: int, seed: int, half: FloatArray) -> str:
    return (
        f"Shapley value estimated from {samples} random orders (seed {seed}) for {n} members; "
        f"95 % confidence half-width up to {float(half.max()):.4g}."
    )
