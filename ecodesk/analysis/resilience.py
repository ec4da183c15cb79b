"""Analysis layer: network resilience of one scenario (SPEC §3.3), as one pure function.

:func:`analyze_resilience` builds the supply graph once and runs every figure on it:
service level, critical entities (dominator tree), articulation points, robustness curves,
redundancy (node-disjoint paths), Monte Carlo and cascades. The heavy parts live in their
own modules and share one reachability engine (:mod:`ecodesk.analysis.reachability`).
:func:`start_resilience` does the first part early and hands robustness and Monte Carlo to a
worker process (:mod:`ecodesk.analysis.background`), so they run beside everything else.

Decisions where SPEC §3.3 is silent (each also stated in ``notes`` when it applies):

* no demand at all (e.g. an empty scenario): every service level is 0.0, never an error;
* a *sink* (last demand fallback) has incoming and no outgoing supply flows;
* ``critical_entities`` lists every entity, including demand entities (removing one loses
  its own demand) and entities that supply nothing (loss 0);
* with no removal candidates (M = 0) ``r_index`` is the intact service level and the
  curves hold the single point q = 0;
* the random removal orders and the Monte Carlo draws use two independent streams spawned
  from ``SeedSequence(seed)`` (``spawn(2)``: [0] Monte Carlo, [1] orders), so changing
  ``orders`` does not change the Monte Carlo;
* cascade ``failed`` ids are sorted by id; the initial entity is the entry's ``id``;
* comparisons are made on the numbers as entered, not on floating-point noise: losses that
  are equal on paper tie (ranked by exact dominated demand, then degree/id), the cascade's
  "more than θ" is decided in exact decimal arithmetic near the limit, cascade service
  levels equal to 12 decimals tie, and a Monte Carlo service within 1e-12 of the threshold
  is not "below" it;
* ``demand_entities`` maps each demand entity to its weight (its demand, or 1 in the
  fallbacks); ``origins`` and ``articulation_points`` are sorted by id;
* ``monte_carlo.histogram`` is ``{"counts": [20 ints], "bin_edges": [21 floats]}`` on [0, 1]
  (numpy's histogram: the last bin includes 1.0).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from ecodesk.analysis.background import Worker, claim, orphaned
from ecodesk.analysis.cascade import CascadeEntry, analyse_cascades
from ecodesk.analysis.disjointpaths import redundancy
from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.montecarlo import MonteCarloSummary, simulate, summarise
from ecodesk.analysis.reachability import (
    DominatorTree,
    Schedule,
    build_schedule,
    dominated_demand,
    dominator_tree,
    supplied_mask,
)
from ecodesk.analysis.robustness import Robustness, analyse_robustness, candidates, check_curve_memory
from ecodesk.analysis.supplygraph import FloatArray, SupplyGraph, build_supply_graph
from ecodesk.model.kinds import FlowKind
from ecodesk.model.objects import AnalysisSettings
from ecodesk.model.scenario import Scenario

ProgressFn = Callable[[float, str], None]
CancelFn = Callable[[], bool]
#: The two pieces of the worker's task (ecodesk.analysis.background.claim): the worker starts
#: with Monte Carlo, the parent, once its own stages are done, with robustness.
_MONTE_CARLO, _ROBUSTNESS = 0, 1

#: Share of the progress bar each stage takes (start, end).
_STAGES: dict[str, tuple[float, float]] = {
    "supply graph": (0.0, 0.04),
    "critical entities": (0.04, 0.12),
    "robustness": (0.12, 0.27),
    "redundancy": (0.27, 0.40),
    "monte carlo": (0.40, 0.75),
    "cascade": (0.75, 1.0),
}


@dataclass(frozen=True)
class CriticalEntity:
    id: str
    service_loss: float
    single_point_of_failure: bool

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "service_loss": self.service_loss,
            "single_point_of_failure": self.single_point_of_failure,
        }


@dataclass(frozen=True)
class ResilienceResult:
    """Every figure of SPEC §3.3; :meth:`to_json` gives the ``resilience`` object of SPEC §5."""

    service_level: float
    critical_entities: tuple[CriticalEntity, ...]
    articulation_points: tuple[str, ...]
    robustness: Robustness
    redundancy: dict[str, int | None]
    monte_carlo: MonteCarloSummary
    cascade: tuple[CascadeEntry, ...]
    demand_entities: dict[str, float]
    origins: tuple[str, ...]
    notes: tuple[str, ...]

    @property
    def single_points_of_failure(self) -> list[str]:
        """Ids of the entities whose loss costs service (loss > 0), most critical first."""
        return [c.id for c in self.critical_entities if c.single_point_of_failure]

    @property
    def ringed_single_points(self) -> list[str]:
        """Single points of failure beyond their own demand (what the canvas rings): a demand
        entity that loses only its own demand is left out."""
        return [i for i in self.single_points_of_failure if i not in self.demand_entities]

    @property
    def service_loss(self) -> dict[str, float]:
        """Service loss by entity id."""
        return {c.id: c.service_loss for c in self.critical_entities}

    @property
    def max_cascade_size(self) -> int:
        return max((c.cascade_size for c in self.cascade), default=0)

    def to_json(self) -> dict[str, object]:
        return {
            "service_level": self.service_level,
            "critical_entities": [c.to_json() for c in self.critical_entities],
            "articulation_points": list(self.articulation_points),
            "robustness": self.robustness.to_json(),
            "redundancy": dict(self.redundancy),
            "monte_carlo": self.monte_carlo.to_json(),
            "cascade": [c.to_json() for c in self.cascade],
            "demand_entities": dict(self.demand_entities),
            "origins": list(self.origins),
            "notes": list(self.notes),
        }


class _Tracker:
    """Reports progress and honours cancel between stages and inside long loops."""

    def __init__(self, progress: ProgressFn | None, cancel: CancelFn | None) -> None:
        self._progress, self._cancel = progress, cancel

    def at(self, stage: str, fraction: float = 0.0) -> None:
        if self._cancel is not None and self._cancel():
            raise AnalysisCancelled(stage=stage)
        if self._progress is not None:
            lo, hi = _STAGES[stage]
            self._progress(lo + (hi - lo) * min(1.0, max(0.0, fraction)), stage)

    def done(self) -> None:
        if self._progress is not None:
            self._progress(1.0, "done")


def critical_losses(
    graph: SupplyGraph, numerator: float, intact: float, tree: DominatorTree | None = None
) -> tuple[list[float], list[int]]:
    """Intact service minus the service without each entity, via the dominator tree; and a
    rank of each entity's exact dominated demand (equal on paper → equal rank), the key
    that orders losses without floating-point noise."""
    n = graph.n_nodes
    if graph.total_demand <= 0 or n == 0:
        return [0.0] * n, [0] * n
    dom, exact = dominated_demand(graph, tree)
    rank_of = {value: i for i, value in enumerate(sorted(set(exact)))}
    total = graph.total_demand
    losses = [0.0 if d == 0.0 else intact - (numerator - d) / total for d in dom.tolist()]
    return losses, [rank_of[x] for x in exact]


def articulation_points(graph: SupplyGraph) -> list[str]:
    """Articulation points of the supply graph taken as undirected, sorted by id.

    Iterative Hopcroft–Tarjan on the simple undirected graph (parallel and opposite flows
    merged; they never change which entities are cut vertices); the same set as
    ``networkx.articulation_points``, which the tests check, without building a networkx graph.
    """
    n = graph.n_nodes
    if graph.n_edges == 0:
        return []
    a = np.minimum(graph.src, graph.dst)
    b = np.maximum(graph.src, graph.dst)
    keys = np.unique(a.astype(np.int64) * n + b)
    pairs = np.stack([keys // n, keys % n], axis=1).astype(np.intp)
    us = np.concatenate([pairs[:, 0], pairs[:, 1]])
    vs = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.argsort(us, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.intp)
    np.cumsum(np.bincount(us, minlength=n), out=ptr[1:])
    nbr, p = vs[order].tolist(), ptr.tolist()
    disc = [-1] * n
    low = [0] * n
    cut = [False] * n
    clock = 0
    for root in range(n):
        if disc[root] != -1 or p[root] == p[root + 1]:
            continue
        disc[root] = low[root] = clock
        clock += 1
        children = 0
        stack = [(root, -1, iter(nbr[p[root] : p[root + 1]]))]
        while stack:
            v, parent, it = stack[-1]
            for w in it:
                if disc[w] == -1:
                    disc[w] = low[w] = clock
                    clock += 1
                    stack.append((w, v, iter(nbr[p[w] : p[w + 1]])))
                    break
                if w != parent and disc[w] < low[v]:
                    low[v] = disc[w]
            else:
                stack.pop()
                if parent == -1:
                    continue
                if low[v] < low[parent]:
                    low[parent] = low[v]
                if parent == root:
                    children += 1
                elif low[v] >= disc[parent]:
                    cut[parent] = True
        if children > 1:
            cut[root] = True
    return sorted(graph.ids[v] for v in range(n) if cut[v])


#: The notes line an importer puts on a flow made from an edge without a direction (GraphML
#: ``edgedefault="undirected"``, GEXF, GML without ``directed 1``, Kumu): its direction is the
#: file's edge order, which the resilience notes then say.
UNDIRECTED_NOTE = "direction: undirected"


def undirected_supply(scenario: Scenario, supply_kinds: tuple[FlowKind, ...]) -> int:
    """How many supply flows carry :data:`UNDIRECTED_NOTE` (a line of their notes)."""
    # the substring test first: most flows have no such note (0.06 s -> 0.02 s at 10×)
    return sum(1 for f in scenario.flows
               if UNDIRECTED_NOTE in f.notes and f.kind in supply_kinds and UNDIRECTED_NOTE in f.notes.splitlines())


def _notes(graph: SupplyGraph, supplied: np.ndarray, m: int, intact: float, undirected: int = 0) -> list[str]:
    notes: list[str] = []
    if undirected:
        notes.append(f"{undirected} supply flows came from undirected edges of an imported file: their direction is "
                     "the file's edge order (first end to second end); check them before reading these figures.")
    d = int(graph.demand_nodes.size)
    if graph.demand_rule == "demand":
        notes.append(f"Demand entities: the {d} entities with demand > 0, weighted by their demand.")
    elif graph.demand_rule == "user":
        notes.append(f"No entity has demand > 0: the {d} user entities count as demand entities with demand 1.")
    elif graph.demand_rule == "sink":
        notes.append(
            f"No entity has demand > 0 and there is no user entity: the {d} sinks of the supply graph "
            "(entities with incoming but no outgoing supply flows) count with demand 1."
        )
    else:
        notes.append(
            "No demand entities (no demand > 0, no user entity, no sink of the supply graph): "
            "every service level is reported as 0."
        )
    if graph.n_nodes and graph.origins.size == 0:
        notes.append("No origins (entities with outgoing but no incoming supply flows): nothing is supplied.")
    unreached = [graph.ids[v] for v in graph.demand_nodes.tolist() if not supplied[v]]
    if unreached and graph.total_demand > 0:
        shown = ", ".join(unreached[:10]) + (" …" if len(unreached) > 10 else "")
        notes.append(f"{len(unreached)} demand entities are not reached from any origin even when intact: {shown}.")
    own = [graph.ids[v] for v in graph.demand_nodes.tolist() if graph.is_origin[v]]
    if own:
        notes.append(f"Redundancy is null for {len(own)} demand entities that are origins themselves.")
    if m == 0:
        notes.append(
            f"No removal candidates (every entity is a demand entity): r_index is the intact service "
            f"level {intact:.4g}."
        )
    return notes


@dataclass(frozen=True, eq=False)
class _Base:
    """What every later figure of the resilience stage needs: the supply graph, its
    schedule, the intact service, the dominator tree and the critical losses."""

    graph: SupplyGraph
    schedule: Schedule
    supplied: np.ndarray
    numerator: float
    intact: float
    tree: DominatorTree
    loss: list[float]
    rank: list[int]
    mc_seq: np.random.SeedSequence
    order_seq: np.random.SeedSequence


def _base(scenario: Scenario, settings: AnalysisSettings, track: _Tracker) -> _Base:
    track.at("supply graph")
    graph = build_supply_graph(scenario, settings.supply_kinds)
    schedule = build_schedule(graph)
    supplied = supplied_mask(graph, schedule)
    total = graph.total_demand
    numerator = float(graph.demand_weights[supplied[graph.demand_nodes]].sum()) if total > 0 else 0.0
    intact = numerator / total if total > 0 else 0.0
    mc_seq, order_seq = np.random.SeedSequence(settings.seed).spawn(2)

    track.at("critical entities")
    tree = dominator_tree(graph)
    loss, rank = critical_losses(graph, numerator, intact, tree)
    return _Base(graph, schedule, supplied, numerator, intact, tree, loss, rank, mc_seq, order_seq)


def _robustness(graph: SupplyGraph, schedule: Schedule, intact: float, rank: list[int], settings: AnalysisSettings,
                order_seq: np.random.SeedSequence, check: Callable[[int], None] | None) -> Robustness:
    return analyse_robustness(graph, schedule, intact, rank, settings.orders, np.random.default_rng(order_seq), check)


def _monte_carlo(graph: SupplyGraph, schedule: Schedule, settings: AnalysisSettings, mc_seq: np.random.SeedSequence,
                 check: Callable[[float], None] | None) -> FloatArray:
    return simulate(graph, schedule, settings.trials, np.random.default_rng(mc_seq), check)


def _beside(
    graph: SupplyGraph,
    schedule: Schedule,
    intact: float,
    rank: list[int],
    settings: AnalysisSettings,
    seqs: tuple[np.random.SeedSequence, np.random.SeedSequence],
    cancel: CancelFn | None = None,
) -> tuple[Robustness | None, FloatArray | None]:
    """The Monte Carlo services and the robustness curves: the part of the stage that
    :func:`start_resilience` gives a worker process — each unless the parent has claimed it
    first (None then: see :func:`analyze_resilience`). Stops when the parent process has gone
    (or, when run in this process, on ``cancel()``)."""

    def check(_: float) -> None:
        if orphaned() or (cancel is not None and cancel()):
            raise AnalysisCancelled(stage="monte carlo")

    mc_seq, order_seq = seqs
    services = _monte_carlo(graph, schedule, settings, mc_seq, check) if claim(_MONTE_CARLO) else None
    robust = _robustness(graph, schedule, intact, rank, settings, order_seq, check) if claim(_ROBUSTNESS) else None
    return robust, services


class ResilienceStart:
    """The resilience stage begun by :func:`start_resilience`: its first part done, robustness
    and Monte Carlo given to a worker process (or, where none could be forked, to be run by
    :func:`analyze_resilience`)."""

    def __init__(self, base: _Base, worker: Worker) -> None:
        self.base, self.worker = base, worker


def start_resilience(
    scenario: Scenario, settings: AnalysisSettings, worker: Worker, *, cancel: CancelFn | None = None
) -> ResilienceStart:
    """Build the supply graph, the dominator tree and the critical losses of ``scenario``,
    then give the robustness curves and the Monte Carlo trials — which need nothing else —
    to ``worker`` (:mod:`ecodesk.analysis.background`), so that the caller's other analyses
    run meanwhile on the second core. Pass the result to :func:`analyze_resilience`
    (``started=``): the figures are exactly those of a run without it (the same functions on
    the same data and seeded streams)."""
    base = _base(scenario, settings, _Tracker(None, cancel))
    # refused here, before any work is sent, as the robustness stage would refuse it
    check_curve_memory(settings.orders, int(candidates(base.graph).size))
    seqs = (base.mc_seq, base.order_seq)
    if worker.forked:  # pickled to the child: without the flow ids and the id index, which it never reads
        slim = replace(base.graph, flow_ids=(), index={})
        worker.submit(_beside, slim, base.schedule, base.intact, base.rank, settings, seqs)
    else:
        worker.submit(_beside, base.graph, base.schedule, base.intact, base.rank, settings, seqs, cancel)
    return ResilienceStart(base, worker)


def analyze_resilience(
    scenario: Scenario,
    settings: AnalysisSettings,
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    started: ResilienceStart | None = None,
) -> ResilienceResult:
    """All resilience figures of ``scenario`` (SPEC §3.3), deterministic for ``settings.seed``.

    ``progress(fraction, stage)`` is called as the work advances; when ``cancel()`` returns
    True the function stops by raising :class:`AnalysisCancelled`. ``started`` (from
    :func:`start_resilience` on the same scenario and settings): the stage's first part is
    taken from it, and robustness and Monte Carlo from its worker, waited for last.
    """
    track = _Tracker(progress, cancel)
    if started is None:
        base, worker = _base(scenario, settings, track), None
    else:
        base, worker = started.base, started.worker
        track.at("critical entities")
    graph, loss, rank = base.graph, base.loss, base.rank
    ids = graph.ids
    # most critical first, then by id: two stable sorts keyed by list lookups (one key tuple
    # per entity cost 0.1 s at 10x the seed size)
    by_rank = sorted(range(graph.n_nodes), key=ids.__getitem__)
    neg_rank = [-r for r in rank]
    by_rank.sort(key=neg_rank.__getitem__)
    critical = [CriticalEntity(ids[v], loss[v], loss[v] > 0) for v in by_rank]
    track.at("critical entities", 0.7)
    aps = articulation_points(graph)

    n_orders = settings.orders
    if worker is None:
        track.at("robustness")
        robust = _robustness(graph, base.schedule, base.intact, rank, settings, base.order_seq,
                             lambda done: track.at("robustness", done / (n_orders + 1)))

    track.at("redundancy")
    n_demand = max(1, int(graph.demand_nodes.size))
    paths = redundancy(graph, base.supplied, lambda i: track.at("redundancy", i / n_demand), base.tree)

    if worker is None:
        track.at("monte carlo")
        services = _monte_carlo(graph, base.schedule, settings, base.mc_seq, lambda f: track.at("monte carlo", f))

    track.at("cascade")
    n = max(1, graph.n_nodes)
    cascades = analyse_cascades(
        graph,
        base.schedule,
        settings.cascade_threshold,
        lambda done: track.at("cascade", 0.8 * done / n),
        lambda f: track.at("cascade", 0.8 + 0.2 * f),
        base.tree,
    )
    if worker is not None:
        # what the worker has not begun yet this process does now (the same functions and
        # streams, so the same figures), robustness first; then the worker's share
        def stop(_: float) -> None:
            if cancel is not None and cancel():
                raise AnalysisCancelled(stage="monte carlo")

        robust = None
        if worker.claim(_ROBUSTNESS):
            robust = _robustness(graph, base.schedule, base.intact, rank, settings, base.order_seq, stop)
        services = _monte_carlo(graph, base.schedule, settings, base.mc_seq, stop) if worker.claim(_MONTE_CARLO) else None
        if robust is None or services is None:
            theirs = worker.result(cancel)
            robust = theirs[0] if robust is None else robust
            services = theirs[1] if services is None else services
    mc = summarise(services, settings.threshold, settings.seed)
    track.done()
    return ResilienceResult(
        service_level=base.intact,
        critical_entities=tuple(critical),
        articulation_points=tuple(aps),
        robustness=robust,
        redundancy=paths,
        monte_carlo=mc,
        cascade=tuple(cascades),
        demand_entities={
            graph.ids[v]: float(w) for v, w in zip(graph.demand_nodes.tolist(), graph.demand_weights.tolist())
        },
        origins=tuple(sorted(graph.id_list(graph.origins))),
        notes=tuple(_notes(graph, base.supplied, robust.candidates, base.intact,
                           undirected_supply(scenario, tuple(settings.supply_kinds)))),
    )
