"""Analysis layer: the ecosystem design problem of SPEC §3.6 as a mixed-integer programme.

:func:`collect_demands` reads the demands D (every capability flow, every unmet need) and
:func:`solve_design` solves the design MILP with scipy's ``milp`` (HiGHS):

* ``y_k`` ∈ {0, 1}: capability k kept (in B); ``keep`` fixes it at 1, ``exclude`` at 0;
* ``x_dk`` ∈ {0, 1}: demand d served by k — only for k of d's category, and only where
  ``u_k·v_d ≤ A_d`` (a pair dearer than standalone is never in an optimal design: moving
  that demand to standalone lowers the cost and loosens every constraint);
* ``s_d`` ∈ {0, 1}: demand d standalone.

minimise Σ F_k y_k + Σ u_k v_d x_dk + Σ A_d s_d subject to Σ_k x_dk + s_d = 1 (single
sourcing), x_dk ≤ y_k, Σ_d v_d x_dk ≤ cap_k·y_k (where a capacity is set),
Σ F_k y_k ≤ budget, and for r ≥ 2: Σ_{k of d's category} y_k + r·s_d ≥ r (an *assigned*
demand sees at least r kept capabilities of its category).

The model is built from capabilities and demands sorted by id, so the same scenario in
any object order gives the same programme, and HiGHS (single-threaded, deterministic)
the same answer. ``mip_rel_gap`` is 0: "optimal" means proven optimal, not within 0.01 %.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.model import Capability, FlowKind, Scenario


@dataclass(frozen=True)
class Demand:
    """One demand of SPEC §3.6: a capability flow (``kind`` "flow") or an unmet need ("need")."""

    id: str
    entity: str
    category: str  # as written on the capability (flows) or the need
    key: str  # the category as compared (trimmed, case-folded)
    volume: float
    standalone: float  # A_d
    kind: str  # "flow" | "need"
    current: str | None  # the flow's capability (None for a need)


def collect_demands(scenario: Scenario) -> list[Demand]:
    """Every capability flow and every unmet need as a demand, sorted by id.

    A flow's A is its standalone cost, or F + u·v of its own capability when unset (SPEC §2);
    a need is unmet when its entity receives no capability flow of its category (as in the
    reuse analysis's gaps).
    """
    caps = scenario.capabilities
    out: list[Demand] = []
    received: set[tuple[str, str]] = set()
    for f in scenario.flows:
        if f.kind is not FlowKind.CAPABILITY or f.capability is None:
            continue
        cap = caps.get(f.capability)
        if cap is None:
            continue
        a = cap.fixed_cost + cap.unit_cost * f.volume if f.standalone_cost is None else f.standalone_cost
        out.append(Demand(f.id, f.target, cap.category, cap.category_key, f.volume, a, "flow", cap.id))
        received.add((f.target, cap.category_key))
    for need in scenario.needs:
        if (need.entity, need.category_key) in received:
            continue
        out.append(Demand(need.id, need.entity, need.category, need.category_key, need.volume,
                          need.standalone_cost, "need", None))
    out.sort(key=lambda d: d.id)
    return out


def candidates(demand: Demand, by_key: dict[str, list[Capability]]) -> list[Capability]:
    """The capabilities that may serve ``demand``: those of its category; a demand without
    a category only its own capability (there is no category to compare)."""
    if not demand.key:
        return [c for c in by_key.get("", []) if c.id == demand.current]
    return by_key.get(demand.key, [])


@dataclass(frozen=True)
class Solution:
    """What the solver found: HiGHS status, kept ids, each demand's capability (None =
    standalone), the relative gap and dual bound."""

    status: str  # "optimal" | "time_limit" | "infeasible" | "no_solution"
    kept: frozenset[str]
    served_by: dict[str, str | None]
    gap: float | None
    bound: float | None
    objective: float | None = None  # the cost of the solver's design (before the tie passes)


#: Share of a time limit handed out to the parts: HiGHS may run past its limit by a little,
#: and the tie passes, the notes and the answer come after it.
SAFETY = 0.8

#: Up to this many capability × demand pairs the programme is solved whole.
SMALL_PAIRS = 20_000


def solve_design(
    caps: list[Capability],
    demands: list[Demand],
    *,
    redundancy: int,
    budget: float | None,
    keep: frozenset[str],
    exclude: frozenset[str],
    time_limit: float | None,
    cancel: Callable[[], bool] | None = None,
    fallback: Fallback | None = None,
    progress: Callable[[float], None] | None = None,
) -> Solution:
    """Solve the design MILP. Without a budget the programme of a big scenario falls apart into one per
    category (capacity, keep, exclude and redundancy never link two categories), solved one
    after another in key order, each given a share of the time left in proportion to its
    size; the parts' costs and dual bounds add up. With a budget, or when small (at most
    :data:`SMALL_PAIRS` capability × demand pairs: one HiGHS call is then quicker than several),
    it is solved whole.

    ``fallback(caps, demands)`` returns a heuristic design and a
    proven lower bound (kept ids, assignment, cost, bound), computed before the solver runs:
    see :func:`_with_fallback`."""
    if budget is not None or len(caps) * len(demands) <= SMALL_PAIRS:
        return _with_fallback(caps, demands, time_limit, time.monotonic(), fallback, lambda limit, out, into: _solve_one(
            caps, demands, redundancy=redundancy, budget=budget, keep=keep | into, exclude=exclude | out,
            time_limit=limit, cancel=cancel))
    groups: dict[str, tuple[list[Capability], list[Demand]]] = {}
    for c in caps:
        groups.setdefault(c.category_key, ([], []))[0].append(c)
    for d in demands:
        groups.setdefault(d.key, ([], []))[1].append(d)
    kept: set[str] = set()
    served: dict[str, str | None] = {}
    objective, bound, status = 0.0, 0.0, "optimal"
    sizes = {key: len(cs) * len(ds) for key, (cs, ds) in groups.items()}
    left_size = sum(sizes.values())
    started = time.monotonic()
    done_size = 0
    for key in sorted(groups):
        if cancel is not None and cancel():
            raise AnalysisCancelled("design optimisation cancelled", stage="optimize")
        if progress is not None:
            progress(done_size / max(1, sum(sizes.values())))
        done_size += sizes[key]
        cs, ds = groups[key]
        limit = None
        if time_limit is not None:
            remaining = max(0.0, SAFETY * time_limit - (time.monotonic() - started))
            limit = max(0.05, remaining * sizes[key] / left_size) if left_size else remaining
        left_size -= sizes[key]
        if not ds or not cs:  # nothing to serve, or nobody to serve it: keep only what must stay
            cost = math.fsum([c.fixed_cost for c in cs if c.id in keep] + [d.standalone for d in ds])
            part = Solution("optimal", frozenset(c.id for c in cs if c.id in keep), {d.id: None for d in ds}, 0.0,
                            cost, cost)
        else:
            def solve(lim: float | None, out: frozenset[str], into: frozenset[str],
                      cs: list[Capability] = cs, ds: list[Demand] = ds) -> Solution:
                return _solve_one(cs, ds, redundancy=redundancy, budget=None, keep=keep | into,
                                  exclude=exclude | out, time_limit=lim, cancel=cancel)

            part = _with_fallback(cs, ds, limit, time.monotonic(), fallback, solve)
        if part.status == "infeasible":
            return part
        if part.status == "no_solution":  # the time ran out first: keep only what must stay, all standalone
            must = [c for c in cs if c.id in keep]
            cost = math.fsum([c.fixed_cost for c in must] + [d.standalone for d in ds])
            part = Solution("time_limit", frozenset(c.id for c in must), {d.id: None for d in ds}, None,
                            part.bound, cost)
        kept |= part.kept
        served.update(part.served_by)
        objective += part.objective or 0.0
        bound = math.nan if part.bound is None else bound + part.bound
        if part.status != "optimal":
            status = "time_limit"
    gap = 0.0 if status == "optimal" else (None if math.isnan(bound) or objective == 0
                                           else max(0.0, (objective - bound) / abs(objective)))
    return Solution(status, frozenset(kept), served, gap, None if math.isnan(bound) else bound, objective)


#: What the fallback gives for a set of capabilities and demands: a heuristic design (kept ids,
#: assignment, cost), a proven lower bound on the least cost, and the capabilities that bound
#: settles (to close, to keep) — see :func:`ecodesk.analysis.optimize_bound.lagrangian_fixing`.
Quick = tuple[frozenset[str], dict[str, str | None], float, float, frozenset[str], frozenset[str]]
Fallback = Callable[[list[Capability], list[Demand]], Quick]
#: ``solve(time limit, more to exclude, more to keep)``.
Solve = Callable[[float | None, frozenset[str], frozenset[str]], Solution]

#: A part with more demand × capability pairs than this, once the bound has settled what it
#: can, is not given to HiGHS under a time limit: its root LP alone takes seconds there (about
#: 6 s for 700 demands × 60 capabilities); the heuristic design with its bound is the answer.
MAX_PAIRS_UNDER_LIMIT = 20_000


def _with_fallback(caps: list[Capability], demands: list[Demand], limit: float | None, started: float,
                   fallback: Fallback | None, solve: Solve) -> Solution:
    """The part's design. Without a fallback (or a small part without a time limit): HiGHS.
    Otherwise the fallback first: a design its bound proves optimal is the answer; else the
    capabilities the bound settles are fixed (no least-cost design is lost) and, when what is
    left is small enough for HiGHS (or there is no time limit), HiGHS solves the rest within
    the time left (counted from ``started``); the fallback's design stands where the solver's
    is missing or dearer, with the better of the two bounds."""
    nothing = frozenset[str]()
    if fallback is None or (limit is None and len(caps) * len(demands) <= MAX_PAIRS_UNDER_LIMIT):
        return solve(limit, nothing, nothing)
    kept, served, cost, lower, drop, force = fallback(caps, demands)
    if cost - lower <= 1e-9 * max(1.0, abs(cost)):
        return Solution("optimal", kept, served, 0.0, cost, cost)
    left = sum(1 for c in caps if c.id not in drop) * len(demands)
    if limit is None:  # to optimality, however long; the settled capabilities make it smaller
        return solve(None, drop, force)
    remaining = limit - (time.monotonic() - started)
    if left > MAX_PAIRS_UNDER_LIMIT or remaining <= 0.05:
        return Solution("time_limit", kept, served, None, lower, cost)
    part = solve(remaining, drop, force)
    if part.status in ("optimal", "infeasible"):
        return part
    bound = lower if part.bound is None else max(lower, part.bound)
    if part.objective is None or cost < part.objective:
        return Solution("time_limit", kept, served, None, bound, cost)
    return Solution(part.status, part.kept, part.served_by, part.gap, bound, part.objective)


def _solve_one(
    caps: list[Capability],
    demands: list[Demand],
    *,
    redundancy: int,
    budget: float | None,
    keep: frozenset[str],
    exclude: frozenset[str],
    time_limit: float | None,
    cancel: Callable[[], bool] | None = None,
) -> Solution:
    """Solve the design MILP (module docstring). ``caps`` and ``demands`` sorted by id."""
    by_key: dict[str, list[Capability]] = {}
    for c in caps:
        by_key.setdefault(c.category_key, []).append(c)
    col = {c.id: n for n, c in enumerate(caps)}
    n_caps = len(caps)
    pairs: list[tuple[int, int]] = []  # (demand index, capability index)
    for d_i, d in enumerate(demands):
        for c in candidates(d, by_key):
            if c.id not in exclude and c.unit_cost * d.volume <= d.standalone:
                pairs.append((d_i, col[c.id]))
    n_pairs, n_dem = len(pairs), len(demands)
    n_var = n_caps + n_pairs + n_dem
    s0 = n_caps + n_pairs
    cost = np.zeros(n_var)
    cost[:n_caps] = [c.fixed_cost for c in caps]
    for p, (d_i, k) in enumerate(pairs):
        cost[n_caps + p] = caps[k].unit_cost * demands[d_i].volume
    cost[s0:] = [d.standalone for d in demands]

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lo: list[float] = []
    hi: list[float] = []

    def row(entries: list[tuple[int, float]], low: float, high: float) -> None:
        r = len(lo)
        for j, v in entries:
            rows.append(r)
            cols.append(j)
            vals.append(v)
        lo.append(low)
        hi.append(high)

    per_demand: list[list[int]] = [[] for _ in demands]
    per_cap: list[list[int]] = [[] for _ in caps]
    for p, (d_i, k) in enumerate(pairs):
        per_demand[d_i].append(p)
        per_cap[k].append(p)
    for d_i in range(n_dem):  # single sourcing
        row([(n_caps + p, 1.0) for p in per_demand[d_i]] + [(s0 + d_i, 1.0)], 1.0, 1.0)
    for p, (_, k) in enumerate(pairs):  # x_dk ≤ y_k
        row([(n_caps + p, 1.0), (k, -1.0)], -np.inf, 0.0)
    for k, c in enumerate(caps):  # capacity
        if c.capacity is not None and per_cap[k]:
            row([(n_caps + p, demands[pairs[p][0]].volume) for p in per_cap[k]] + [(k, -c.capacity)], -np.inf, 0.0)
    if budget is not None:
        row([(k, c.fixed_cost) for k, c in enumerate(caps)], -np.inf, budget)
    if redundancy >= 2:
        for d_i, d in enumerate(demands):
            if per_demand[d_i]:
                same = [col[c.id] for c in candidates(d, by_key)]
                row([(k, 1.0) for k in same] + [(s0 + d_i, float(redundancy))], float(redundancy), np.inf)

    lb = np.zeros(n_var)
    ub = np.ones(n_var)
    for k, c in enumerate(caps):
        if c.id in keep:
            lb[k] = 1.0
        if c.id in exclude:
            ub[k] = 0.0
    if n_var == 0:  # no capability and no demand: the empty design
        return Solution("optimal", frozenset(), {}, 0.0, 0.0, 0.0)
    matrix = coo_matrix((vals, (rows, cols)), shape=(len(lo), n_var)).tocsr()
    options: dict[str, float | bool] = {"mip_rel_gap": 0.0, "disp": False}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    deadline = time.monotonic() + float(time_limit) if time_limit is not None else math.inf
    bounds = Bounds(lb, ub)
    integrality = np.ones(n_var)
    base = [LinearConstraint(matrix, np.array(lo), np.array(hi))] if lo else []
    try:
        res = _run(lambda: milp(cost, integrality=integrality, bounds=bounds, constraints=base, options=options),
                   cancel, deadline)
    except _Overrun:
        return Solution("no_solution", frozenset(), {}, None, None)
    if res.status == 2:
        return Solution("infeasible", frozenset(), {}, None, None)
    if res.x is None:
        return Solution("no_solution", frozenset(), {}, None, _bound(res))
    x = np.round(np.asarray(res.x))
    status = "optimal" if res.status == 0 else "time_limit"
    if status == "optimal" and n_var:
        x = _fewest_changes(x, cost, demands, pairs, caps, base, bounds, integrality, options, cancel, redundancy,
                            deadline)
    kept = frozenset(c.id for k, c in enumerate(caps) if x[k] > 0.5)
    served: dict[str, str | None] = {d.id: None for d in demands}
    for p, (d_i, k) in enumerate(pairs):
        if x[n_caps + p] > 0.5:
            served[demands[d_i].id] = caps[k].id
    gap = getattr(res, "mip_gap", None)
    bound = float(math.fsum(cost * x)) if status == "optimal" else _bound(res)
    return Solution(status, kept, served, None if gap is None else float(gap), bound, math.fsum(cost * x))


#: Branch-and-bound nodes allowed to the tie-breaking second phase (a node count, not a time,
#: so the answer does not depend on the machine's speed).
TIE_NODE_LIMIT = 2000


def _fewest_changes(x: np.ndarray, cost: np.ndarray, demands: list[Demand], pairs: list[tuple[int, int]],
                    caps: list[Capability], base: list[LinearConstraint], bounds: Bounds, integrality: np.ndarray,
                    options: dict[str, float | bool], cancel: Callable[[], bool] | None,
                    redundancy: int = 1, deadline: float = math.inf) -> np.ndarray:
    """Among the least-cost designs, one that changes fewest demands from the current design
    (a flow leaving its capability, a need getting a provider), then keeps lower-id
    capabilities: a second programme with the cost bounded by the optimum. Its answer is
    taken only when its exact cost is not above the first one's. Skipped when the first
    design changes nothing and r = 1."""
    n_caps, n_pairs = len(caps), len(pairs)
    second = np.zeros(len(cost))
    scale = n_caps * (n_caps - 1) / 2 + 1
    second[:n_caps] = np.arange(n_caps) / scale  # < 1 in all: never outweighs one change
    for p, (d_i, k) in enumerate(pairs):
        second[n_caps + p] = 0.0 if demands[d_i].current == caps[k].id else 1.0
    for d_i, d in enumerate(demands):
        second[n_caps + n_pairs + d_i] = 1.0 if d.kind == "flow" else 0.0
    if redundancy == 1 and float(np.dot(second[n_caps:], x[n_caps:])) == 0:
        # nothing changes: every other least-cost design differs only in unused capabilities,
        # which the tie passes close anyway (r = 1 needs no extra kept one)
        return x
    best = float(np.dot(cost, x))
    limit = LinearConstraint(cost.reshape(1, -1), -np.inf, best + 1e-9 * max(1.0, abs(best)))
    opts = {**options, "node_limit": TIE_NODE_LIMIT}
    if math.isfinite(deadline):  # what is left of the part's time, not the whole of it again
        left = deadline - time.monotonic()
        if left <= 0.25:  # too little to look for a tie-breaker
            return x
        opts["time_limit"] = left
    try:
        res = _run(lambda: milp(second, integrality=integrality, bounds=bounds, constraints=[*base, limit],
                                options=opts), cancel, deadline)
    except _Overrun:
        return x
    if res.x is None:
        return x
    y = np.round(np.asarray(res.x))
    if math.fsum(cost * y) > math.fsum(cost * x) or not _feasible(y, base, bounds):
        return x
    return y


def _feasible(x: np.ndarray, base: list[LinearConstraint], bounds: Bounds) -> bool:
    """Whether the rounded ``x`` meets every row and bound (with a small tolerance)."""
    if np.any(x < bounds.lb - 1e-9) or np.any(x > bounds.ub + 1e-9):
        return False
    for c in base:
        act = c.A @ x
        if np.any(act < c.lb - 1e-6 * (1 + np.abs(c.lb))) or np.any(act > c.ub + 1e-6 * (1 + np.abs(c.ub))):
            return False
    return True


def _bound(res: object) -> float | None:
    bound = getattr(res, "mip_dual_bound", None)
    return None if bound is None or not np.isfinite(bound) else float(bound)


class _Overrun(Exception):
    """HiGHS ran past its time limit by more than :data:`OVERRUN_GRACE` (it checks the clock
    only between steps: a presolve or one LP can take seconds)."""


#: Seconds HiGHS may run past its time limit before its answer is given up.
OVERRUN_GRACE = 0.3


def _run(solve: Callable[[], Any], cancel: Callable[[], bool] | None, deadline: float = math.inf) -> Any:
    """Run ``solve``; with ``cancel`` or a ``deadline``, in a worker thread polled every 50 ms
    (HiGHS releases the GIL). A solve cancelled, or still running :data:`OVERRUN_GRACE`
    after the deadline, is abandoned (:class:`~ecodesk.analysis.errors.AnalysisCancelled`,
    :class:`_Overrun`): it ends by itself and its answer is dropped."""
    if cancel is None and not math.isfinite(deadline):
        return solve()
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = solve()
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    thread = threading.Thread(target=work, name="ecodesk-optimize", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.05)
        if thread.is_alive() and cancel is not None and cancel():
            raise AnalysisCancelled("design optimisation cancelled", stage="optimize")
        if thread.is_alive() and time.monotonic() > deadline + OVERRUN_GRACE:
            raise _Overrun()
    if "error" in box:
        raise box["error"]
    return box["result"]
