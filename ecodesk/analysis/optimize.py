"""Analysis layer: the ecosystem design optimiser (优化生态设计, SPEC §3.6).

Which capabilities should the ecosystem keep, who should serve whom, and what does it
save? :func:`optimize_design` returns a :class:`DesignResult` (``to_json`` = the SPEC §3.6
object); the programme itself is in :mod:`ecodesk.analysis.optimize_model`, applying a
design and the redundancy trade-off in :mod:`ecodesk.analysis.optimize_apply` (re-exported
here).

Ties. Several designs may have the least cost. The answer is made deterministic without
touching the objective: the programme is built from objects sorted by id (so object order
does not matter and HiGHS, being deterministic, gives the same design); a second programme,
with the cost held at the optimum, picks among the least-cost designs one that changes the
fewest demands from the current design (a flow moved off its capability or made standalone, a
need given a provider), then keeps lower-id capabilities (node-limited, not time-limited, so
the answer does not depend on the machine); the design is then settled by two passes that
never raise its cost:
1. a kept capability that serves no demand, is not in ``keep`` and is not needed for the
   redundancy of an assigned demand is closed (in id order; it can only have F = 0 in a
   proven-optimal design);
2. each demand, in id order, moves to the first of its cheapest feasible options in this
   order: where it is now in the scenario (a flow's own capability; a need standalone),
   then kept capabilities of its category by id, then standalone.
Exception: under a time limit every part tries the local search first, and a design its
Lagrangian bound proves optimal is taken as it is, without the second programme; so is it,
without a limit, in a category too big for HiGHS (more than ``MAX_PAIRS_UNDER_LIMIT``
capability × demand pairs). Such a design is deterministic too, and the two passes settle it.
The reported objective is the cost of the final design summed exactly (not the solver's
floating-point objective).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.optimize_apply import apply_design
from ecodesk.analysis.optimize_bound import lagrangian_fixing
from ecodesk.analysis.optimize_heuristic import heuristic_design
from ecodesk.analysis.optimize_model import Demand, Quick, Solution, collect_demands, solve_design
from ecodesk.analysis.optimize_types import Assignment, DesignInputError, DesignOptions, DesignResult, TradeoffRow
from ecodesk.model import AnalysisSettings, Capability, Scenario

#: The default options (r = 1, no budget, nothing kept or excluded, no time limit).
DEFAULT_OPTIONS = DesignOptions()


def check_options(scenario: Scenario, options: DesignOptions) -> None:
    """Raise :class:`DesignInputError` for options that make no sense for ``scenario``."""
    r = options.redundancy
    if isinstance(r, bool) or not isinstance(r, int) or r < 1:
        raise DesignInputError(f"The redundancy must be a whole number of at least 1 (got {r!r}).",
                               f"冗余度必须是不小于 1 的整数（当前为 {r!r}）。")
    b = options.budget
    if b is not None:
        if isinstance(b, bool) or not isinstance(b, (int, float)) or not math.isfinite(b):
            raise DesignInputError(f"The budget must be a finite number (got {b!r}).",
                                   f"预算必须是有限数值（当前为 {b!r}）。")
        if b < 0:
            raise DesignInputError(f"The budget must not be negative (got {b:g}).", f"预算不能为负数（当前为 {b:g}）。")
    t = options.time_limit
    if t is not None and (isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or t <= 0):
        raise DesignInputError(f"The time limit must be a positive number of seconds (got {t!r}).",
                               f"时间限制必须是正的秒数（当前为 {t!r}）。")
    for what, what_zh, ids in (("keep", "保留", options.keep), ("exclude", "排除", options.exclude)):
        for cid in ids:
            if cid not in scenario.capabilities:
                raise DesignInputError(
                    f"The capability '{cid}' to {what} does not exist in scenario '{scenario.name}'.",
                    f"要{what_zh}的能力 '{cid}' 在情景 '{scenario.name}' 中不存在。",
                )


def optimize_design(
    scenario: Scenario,
    options: DesignOptions = DEFAULT_OPTIONS,
    *,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DesignResult:
    """The least-cost design of ``scenario`` under ``options`` (SPEC §3.6)."""
    check_options(scenario, options)
    report = progress or (lambda f: None)

    def check() -> None:
        if cancel is not None and cancel():
            raise AnalysisCancelled("design optimisation cancelled", stage="optimize")

    report(0.0)
    caps = sorted(scenario.capabilities, key=lambda c: c.id)
    cap_of = {c.id: c for c in caps}
    demands = collect_demands(scenario)
    current_cost, current_feasible, over = _current(caps, demands)
    notes: list[tuple[str, str]] = [_count_note(caps, demands)]
    if over:
        k, load, cap = over
        notes.append((f"The current design exceeds the capacity of capability '{k}' ({load:g} of {cap:g}).",
                      f"当前设计超出能力 '{k}' 的容量（{load:g} / {cap:g}）。"))
    r = options.redundancy
    keep, exclude = frozenset(options.keep), frozenset(options.exclude)
    reason = _infeasible_reason(cap_of, keep, exclude, options.budget)
    check()
    report(0.1)
    if reason is None:
        def fallback(cs: list[Capability], ds: list[Demand]) -> Quick:
            """The heuristic design, its bound and what the bound settles (under a time limit,
            and on big categories)."""
            kept_h, served_h, cost = heuristic_design(cs, ds, redundancy=r, budget=options.budget, keep=keep,
                                                      exclude=exclude, cancel=cancel)
            lower, drop, force = lagrangian_fixing(cs, ds, keep=keep, exclude=exclude, upper=cost, redundancy=r,
                                                   cancel=cancel)
            return kept_h, served_h, cost, lower, drop, force

        sol = solve_design(caps, demands, redundancy=r, budget=options.budget, keep=keep, exclude=exclude,
                           time_limit=options.time_limit, cancel=cancel, fallback=fallback,
                           progress=lambda f: report(0.1 + 0.8 * f))
        if sol.status == "infeasible":
            reason = ("The constraints admit no design (the solver proved it infeasible).",
                      "约束条件下不存在可行设计（求解器已证明不可行）。")
    check()
    report(0.9)
    if reason is not None:
        notes.append(reason)
        report(1.0)
        return _result("infeasible", None, None, current_cost, current_feasible, (), (), (), notes, reason, r)
    if sol.status == "no_solution":  # time limit before any design: B = keep, each demand its best option
        sol = Solution("time_limit", keep, {d.id: None for d in demands}, None, sol.bound)
        notes.append(("The time limit ended the search before it found a design; the design shown keeps only the "
                      "capabilities to keep.", "搜索在找到设计之前已到时间限制；所示设计只保留指定保留的能力。"))
    kept, served = _settle(caps, demands, sol, r, keep)
    assignments = tuple(_assignment(d, served[d.id], cap_of) for d in demands)
    objective = math.fsum([cap_of[k].fixed_cost for k in kept] + [a.cost for a in assignments])
    status = sol.status
    gap = 0.0 if status == "optimal" else _gap(objective, sol)
    if status == "time_limit":
        shown = "unknown" if gap is None else f"{gap:.4%}"
        notes.append((f"Not proven optimal within the time limit of {options.time_limit:g} s: the best design found, "
                      f"with a proven gap of {shown} to the least possible cost.",
                      f"未能在 {options.time_limit:g} 秒时间限制内证明最优：给出找到的最佳设计，与最低可能成本之间已证明的差距为 "
                      f"{shown}。"))
    notes += _design_notes(demands, served, cap_of, r)
    report(1.0)
    keep_ids = tuple(sorted(kept))
    close_ids = tuple(sorted(set(cap_of) - kept))
    return _result(status, objective, gap, current_cost, current_feasible, keep_ids, close_ids, assignments, notes,
                   None, r)


def _result(status: str, objective: float | None, gap: float | None, current_cost: float, current_feasible: bool,
            keep: tuple[str, ...], close: tuple[str, ...], assignments: tuple[Assignment, ...],
            notes: list[tuple[str, str]], reason: tuple[str, str] | None, r: int) -> DesignResult:
    return DesignResult(
        status=status, objective=objective, gap=gap, current_cost=current_cost, current_feasible=current_feasible,
        savings=None if objective is None else current_cost - objective, keep=keep, close=close,
        assignments=assignments, notes=tuple(n[0] for n in notes), reason=reason,
        notes_zh=tuple(n[1] for n in notes), redundancy=r,
    )


def _current(caps: list[Capability], demands: list[Demand]) -> tuple[float, bool, tuple[str, float, float] | None]:
    """The current design's cost (every capability kept, each flow on its own capability,
    each unmet need standalone), whether it meets the capacities, and the first one exceeded."""
    cap_of = {c.id: c for c in caps}
    load: dict[str, float] = {}
    parts = [c.fixed_cost for c in caps]
    for d in demands:
        if d.current is None:
            parts.append(d.standalone)
        else:
            parts.append(cap_of[d.current].unit_cost * d.volume)
            load[d.current] = load.get(d.current, 0.0) + d.volume
    over = None
    for c in caps:
        if c.capacity is not None and load.get(c.id, 0.0) > c.capacity * (1 + 1e-12):
            over = (c.id, load[c.id], c.capacity)
            break
    return math.fsum(parts), over is None, over


def _infeasible_reason(cap_of: dict[str, Capability], keep: frozenset[str], exclude: frozenset[str],
                       budget: float | None) -> tuple[str, str] | None:
    """The constraint that makes every design impossible, known before solving: every demand
    may go standalone, so only keep ∩ exclude and a budget below the kept fixed costs can."""
    both = sorted(keep & exclude)
    if both:
        ids = ", ".join(f"'{k}'" for k in both)
        return (f"Capability {ids} is both to keep and to exclude.", f"能力 {ids} 既要保留又要排除。")
    if budget is not None:
        fixed = math.fsum(cap_of[k].fixed_cost for k in sorted(keep))
        if fixed > budget:
            return (f"The budget {budget:g} is below the fixed costs of the capabilities to keep ({fixed:g}).",
                    f"预算 {budget:g} 低于必须保留的能力的固定成本（{fixed:g}）。")
    return None


def _settle(caps: list[Capability], demands: list[Demand], sol: Solution, r: int,
            keep: frozenset[str]) -> tuple[set[str], dict[str, str | None]]:
    """The two tie passes of the module docstring; never raise the design's cost."""
    by_key: dict[str, list[Capability]] = {}
    for c in caps:
        by_key.setdefault(c.category_key, []).append(c)
    kept = set(sol.kept)
    served = dict(sol.served_by)
    used = {k for k in served.values() if k is not None}
    n_kept = {key: sum(1 for c in cs if c.id in kept) for key, cs in by_key.items()}
    assigned_keys = {d.key for d in demands if served[d.id] is not None}

    def kept_in(d: Demand) -> int:
        if not d.key:  # a demand without a category: its own capability only
            return 1 if d.current in kept else 0
        return n_kept.get(d.key, 0)

    for c in caps:  # pass 1: close unused capabilities nobody needs for redundancy
        if c.id not in kept or c.id in used or c.id in keep:
            continue
        key = c.category_key
        if key and key in assigned_keys and n_kept[key] - 1 < r:
            continue
        kept.discard(c.id)
        n_kept[key] -= 1
    cap_of = {c.id: c for c in caps}
    load: dict[str, float] = {}
    for d in demands:
        k = served[d.id]
        if k is not None:
            load[k] = load.get(k, 0.0) + d.volume
    kept_of = {key: [c.id for c in cs if c.id in kept] for key, cs in by_key.items()}
    for d in demands:  # pass 2: the preferred cheapest option
        now = served[d.id]
        options: list[str | None] = [d.current] if d.current is not None else [None]
        if kept_in(d) >= r:
            options += [k for k in kept_of.get(d.key, []) if d.key or k == d.current]
        options.append(None)
        best, best_cost = now, _cost(d, now, cap_of)
        for k in options:
            if k is not None:
                if k not in kept or kept_in(d) < r:
                    continue
                c = cap_of[k]
                if c.capacity is not None and load.get(k, 0.0) - (d.volume if now == k else 0.0) + d.volume \
                        > c.capacity:
                    continue
            cost = _cost(d, k, cap_of)
            if cost < best_cost or (cost == best_cost and _rank(k, options) < _rank(best, options)):
                best, best_cost = k, cost
        if best != now:
            if now is not None:
                load[now] -= d.volume
            if best is not None:
                load[best] = load.get(best, 0.0) + d.volume
            served[d.id] = best
    return kept, served


def _rank(k: str | None, options: list[str | None]) -> int:
    return options.index(k) if k in options else len(options)


def _cost(d: Demand, k: str | None, cap_of: dict[str, Capability]) -> float:
    return d.standalone if k is None else cap_of[k].unit_cost * d.volume


def _assignment(d: Demand, k: str | None, cap_of: dict[str, Capability]) -> Assignment:
    return Assignment(d.id, d.entity, d.category, d.volume, k, _cost(d, k, cap_of), d.kind)


def _gap(objective: float, sol: Solution) -> float | None:
    if sol.bound is not None:
        if objective == 0:
            return 0.0
        return max(0.0, (objective - sol.bound) / abs(objective))
    return sol.gap


def _count_note(caps: list[Capability], demands: list[Demand]) -> tuple[str, str]:
    flows = sum(1 for d in demands if d.kind == "flow")
    needs = len(demands) - flows
    def count(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    return (f"Demands: {count(flows, 'capability flow', 'capability flows')} and "
            f"{count(needs, 'unmet need', 'unmet needs')}; {count(len(caps), 'capability', 'capabilities')}.",
            f"需求：{flows} 条能力流与 {needs} 个未满足需求；{len(caps)} 项能力。")


def _design_notes(demands: list[Demand], served: dict[str, str | None], cap_of: dict[str, Capability],
                  r: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    own = sorted(d.id for d in demands if (k := served[d.id]) is not None and cap_of[k].owner == d.entity)
    if own:
        out.append((f"{len(own)} demands are served by a capability of their own entity (no flow when applied): "
                    f"{', '.join(own[:10])}{' …' if len(own) > 10 else ''}.",
                    f"{len(own)} 个需求由其自身主体的能力满足（应用时不建资源流）：{', '.join(own[:10])}"
                    f"{' …' if len(own) > 10 else ''}。"))
    if r >= 2:
        out.append((f"Redundancy {r}: a demand is served by a capability only where its category keeps at least "
                    f"{r} capabilities; otherwise it stays standalone.",
                    f"冗余度 {r}：只有其类别保留至少 {r} 项能力时，需求才由能力满足，否则自行解决。"))
    out.append(("Among designs of equal cost the one that changes the fewest demands from the current design is "
                "chosen, then the one keeping lower capability ids.",
                "成本相同的设计中，选取相对当前设计改动需求最少者，其次保留能力 ID 较小者。"))
    return out


__all__ = [
    "Assignment", "DesignInputError", "DesignOptions", "DesignResult", "TradeoffRow", "apply_design",
    "check_options", "optimize_design", "tradeoff",
]


def tradeoff(
    scenario: Scenario,
    options: DesignOptions = DEFAULT_OPTIONS,
    redundancies: tuple[int, ...] = (1, 2, 3),
    settings: AnalysisSettings | None = None,
    *,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[TradeoffRow]:
    """The optimal cost for each redundancy r (``options`` otherwise as given) beside the
    resilience of the scenario its design makes: ``resilience.monte_carlo.expected_service``
    and ``resilience.robustness.targeted.r_index`` of the *applied* design, with ``settings``
    (the project's analysis settings; default ones when None) — the figures ``analyze``
    gives on that scenario. An infeasible level has None for all three figures."""
    from ecodesk.analysis.resilience import analyze_resilience

    settings = settings or AnalysisSettings()
    report = progress or (lambda f: None)
    rows: list[TradeoffRow] = []
    n = max(1, len(redundancies))
    for i, r in enumerate(redundancies):
        opts = replace(options, redundancy=r)

        def part(f: float, i: int = i) -> None:
            report((i + 0.5 * f) / n)

        result = optimize_design(scenario, opts, progress=part, cancel=cancel)
        if result.objective is None:
            rows.append(TradeoffRow(r, result.status, None, None, None))
            continue
        applied = apply_design(scenario, result, f"{scenario.name} (r = {r})")

        def sub(f: float, stage: str, i: int = i) -> None:
            report((i + 0.5 + 0.5 * f) / n)

        res = analyze_resilience(applied, settings, progress=sub, cancel=cancel)
        rows.append(TradeoffRow(r, result.status, result.objective, res.monte_carlo.expected_service,
                                res.robustness.targeted.r_index))
    report(1.0)
    return rows
