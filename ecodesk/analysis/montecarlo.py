"""Analysis layer: Monte Carlo failure simulation (SPEC §3.3 ``monte_carlo``).

In each trial every entity fails with its ``risk`` and every supply flow with its
``risk``, independently. The draws are made once, as alive *bits* — 64 trials per
``uint64`` word, trial ``t`` in bit ``t % 64`` of word ``t // 64`` — by
:func:`draw_failures`; :func:`trial_services` then evaluates them with bit-parallel
reachability. Keeping the two apart lets tests feed the very same draws to a reference.

Drawing: for an item with failure probability p, let q = min(p, 1 − p). A Poisson number
of uniform picks among the trials, with mean λ = −trials·ln(1 − q), marks the trials hit;
by Poisson splitting each trial is hit independently with probability 1 − e^(−λ/trials) = q.
When p > ½ the marked trials are the survivals. That is exactly independent Bernoulli(p)
per trial, at a cost proportional to the ≈ q·trials events, not to trials.

Memory: the alive bits of one draw take (entities + supply flows) × trials / 8 bytes —
58 GB for 10⁷ trials on the seed-size platform (46,639 such items). :func:`simulate`
therefore runs the trials in **blocks** of at most :func:`block_trials` trials (a fixed
budget of :data:`BLOCK_BITS` alive bits, so peak memory does not grow with trials), each
block drawn by :func:`draw_failures` from the *same* Generator, one after the other, and
evaluated before the next is drawn; only the service of each trial (one float) is kept.
The blocks are part of the definition of the draws: a run whose trials fit in one block
(up to 22,976 trials on the seed-size platform; 10⁷ on a graph of at most 107 items) draws
exactly as one :func:`draw_failures` call did before blocks existed; a larger run is the
concatenation of its blocks, each a fresh set of independent draws from the continuing
stream. Results depend only on the graph, ``trials`` and the seed, never on the machine.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ecodesk.analysis.reachability import Schedule, bit_services, propagate
from ecodesk.analysis.supplygraph import FloatArray, SupplyGraph

Words = npt.NDArray[np.uint64]

#: Bytes of the scratch boolean matrix used while drawing (items × trials).
_DRAW_BUFFER = 1 << 19
#: Upper bound of words gathered per propagation step (E × chunk), to bound memory.
_GATHER_WORDS = 1 << 24
#: The services are summed (``bit_services``) over column ranges of at most this many words
#: per item, as they always were, whatever the propagation's chunk: the float sums stay bit for bit.
_SERVICE_WORDS = 1 << 22
#: Alive bits (entities + flows) × trials held at once by :func:`simulate`: 2³⁰ bits = 128 MiB.
#: Part of the definition of the draws for runs larger than one block (see the docstring).
BLOCK_BITS = 1 << 30
HISTOGRAM_BINS = 20
#: A service within this distance of the threshold counts as equal to it (floating-point
#: noise such as 0.3 + 0.6 = 0.8999999999999999 is not "below 0.9").
_TIE = 1e-12


@dataclass(frozen=True, eq=False)
class FailureDraws:
    """Alive bits of every entity ``(V, K)`` and supply flow ``(E, K)`` for ``trials`` trials."""

    trials: int
    node_alive: Words
    edge_alive: Words

    def node_alive_bool(self) -> npt.NDArray[np.bool_]:
        """``(trials, V)`` booleans (for references and tests)."""
        return unpack(self.node_alive, self.trials).T

    def edge_alive_bool(self) -> npt.NDArray[np.bool_]:
        return unpack(self.edge_alive, self.trials).T


def n_words(trials: int) -> int:
    return (trials + 63) // 64


def unpack(words: Words, trials: int) -> npt.NDArray[np.bool_]:
    """``(n, K)`` words → ``(n, trials)`` booleans."""
    raw = np.ascontiguousarray(words, dtype="<u8").view(np.uint8)
    return np.unpackbits(raw, axis=1, bitorder="little")[:, :trials].astype(bool)


def pack(flags: npt.NDArray[np.bool_]) -> Words:
    """``(n, trials)`` booleans → ``(n, K)`` words (inverse of :func:`unpack`)."""
    n, trials = flags.shape
    raw = np.zeros((n, n_words(trials) * 8), dtype=np.uint8)
    packed = np.packbits(flags, axis=1, bitorder="little")
    raw[:, : packed.shape[1]] = packed
    return raw.view("<u8").astype(np.uint64, copy=False)


def bernoulli_bits(
    p: FloatArray, trials: int, rng: np.random.Generator, check: Callable[[float], None] | None = None
) -> Words:
    """Bits set where an event of probability ``p[i]`` happens, independently per trial;
    ``check(fraction_done)`` runs between chunks (it may raise to stop). The draws do not
    depend on whether or how often it runs."""
    p = np.asarray(p, dtype=np.float64)
    n, k_words = p.shape[0], n_words(trials)
    out = np.zeros((n, k_words), dtype=np.uint64)
    if n == 0 or trials == 0:
        return out
    out[p >= 1.0] = ~np.uint64(0)
    flip = p > 0.5
    q = np.where(flip, 1.0 - p, p)
    todo = np.flatnonzero((q > 0) & (p < 1.0))
    if todo.size == 0:
        return out
    # Poisson(λ) picks with replacement, λ = −T·ln(1 − q): each trial is then hit a
    # Poisson(λ/T) number of times, independently, so it is hit at least once with
    # probability 1 − e^(−λ/T) = q — exactly independent Bernoulli(q) trials
    counts = rng.poisson(-trials * np.log1p(-q[todo]))
    out_bytes = out.view(np.uint8)  # native uint64 is little-endian on every supported platform
    per_chunk = max(1, _DRAW_BUFFER // trials)  # a cache-sized scratch matrix of booleans
    buf = np.zeros(min(per_chunk, todo.size) * trials, dtype=bool)
    pos_dtype = np.uint16 if trials <= 1 << 16 else np.int64
    for start in range(0, todo.size, per_chunk):
        items, k = todo[start : start + per_chunk], counts[start : start + per_chunk]
        flat = buf[: items.size * trials]
        flat.fill(False)
        picks = np.repeat(np.arange(items.size, dtype=np.intp) * trials, k)
        picks += rng.integers(0, trials, size=picks.size, dtype=pos_dtype)
        flat[picks] = True
        packed = np.packbits(flat.reshape(items.size, trials), axis=1, bitorder="little")
        out_bytes[items, : packed.shape[1]] = packed
        if check is not None:
            check(min(1.0, (start + per_chunk) / todo.size))
    flipped = todo[flip[todo]]
    out[flipped] = ~out[flipped]
    return out


def draw_failures(
    graph: SupplyGraph, trials: int, rng: np.random.Generator, check: Callable[[float], None] | None = None
) -> FailureDraws:
    """One set of failure draws: entities first, then flows, from ``rng``; ``check``
    (fraction done) runs between chunks, so a cancel need not wait for all the draws."""
    n, m = graph.node_risk.shape[0], graph.edge_risk.shape[0]
    share = n / (n + m) if n + m else 1.0

    def part(lo: float, hi: float) -> Callable[[float], None] | None:
        return None if check is None else (lambda f: check(lo + (hi - lo) * f))

    node_alive = np.invert(bernoulli_bits(graph.node_risk, trials, rng, part(0.0, share)))
    edge_alive = bernoulli_bits(graph.edge_risk, trials, rng, part(share, 1.0))
    np.invert(edge_alive, out=edge_alive)
    return FailureDraws(trials=trials, node_alive=node_alive, edge_alive=edge_alive)


def trial_services(
    graph: SupplyGraph, schedule: Schedule, draws: FailureDraws, check: Callable[[float], None] | None = None
) -> FloatArray:
    """Service level in each trial of ``draws``; ``check(fraction_done)`` runs between chunks."""
    trials = draws.trials
    k_words = n_words(trials)
    out = np.zeros(trials, dtype=np.float64)
    if graph.total_demand <= 0 or trials == 0:
        return out
    items = max(1, graph.n_edges, graph.n_nodes)
    part = max(1, min(k_words, _SERVICE_WORDS // items))
    # propagate whole multiples of ``part`` words at once (fewer, longer row gathers)
    chunk = part * max(1, min(k_words, _GATHER_WORDS // items) // part)
    for start in range(0, k_words, chunk):
        stop = min(k_words, start + chunk)
        w = propagate(schedule, draws.node_alive[:, start:stop], draws.edge_alive[:, start:stop], bits=True)
        demand = w[graph.demand_nodes].astype(np.uint64, copy=False)
        del w
        for lo in range(start, stop, part):
            hi = min(stop, lo + part)
            first, last = lo * 64, min(trials, hi * 64)
            out[first:last] = bit_services(graph, demand[:, lo - start : hi - start], last - first)
            if check is not None:
                check(hi / k_words)
    return out


def block_trials(graph: SupplyGraph, budget_bits: int | None = None) -> int:
    """Trials per block: the most whole words (64 trials) whose alive bits for every entity
    and supply flow fit in ``budget_bits`` (default :data:`BLOCK_BITS`); at least 64."""
    items = max(1, graph.node_risk.shape[0] + graph.edge_risk.shape[0])
    budget = BLOCK_BITS if budget_bits is None else budget_bits
    return max(64, budget // items // 64 * 64)


def simulate(
    graph: SupplyGraph,
    schedule: Schedule,
    trials: int,
    rng: np.random.Generator,
    check: Callable[[float], None] | None = None,
) -> FloatArray:
    """Service level of each of ``trials`` trials, block by block (see the module docstring):
    block ``b`` is ``draw_failures(graph, size_b, rng)`` then :func:`trial_services`; memory
    is one block's draws plus one float per trial. ``check(fraction_done)`` runs often."""
    size = block_trials(graph)
    out = np.zeros(trials, dtype=np.float64)
    for first in range(0, trials, size):
        n = min(size, trials - first)

        def part(lo: float, hi: float, first: int = first, n: int = n) -> Callable[[float], None] | None:
            if check is None:
                return None
            return lambda f: check((first + n * (lo + (hi - lo) * f)) / trials)

        draws = draw_failures(graph, n, rng, part(0.0, 0.4))
        out[first : first + n] = trial_services(graph, schedule, draws, part(0.4, 1.0))
        del draws
    return out


def _exact_mean(services: FloatArray) -> float:
    """The correctly rounded mean (``math.fsum`` of every value), read in slices so no list
    of 10⁷ Python floats is ever built."""
    step = 1 << 16
    parts = (services[i : i + step].tolist() for i in range(0, services.size, step))
    return math.fsum(x for part in parts for x in part) / services.size


@dataclass(frozen=True)
class MonteCarloSummary:
    trials: int
    expected_service: float
    p05: float
    p50: float
    p95: float
    p_below: float
    threshold: float
    seed: int
    histogram_counts: tuple[int, ...]
    histogram_edges: tuple[float, ...]
    #: per-trial service levels (not serialised; for charts)
    services: FloatArray = field(repr=False, compare=False)

    def to_json(self) -> dict[str, object]:
        return {
            "trials": self.trials,
            "expected_service": self.expected_service,
            "p05": self.p05,
            "p50": self.p50,
            "p95": self.p95,
            "p_below": self.p_below,
            "threshold": self.threshold,
            "seed": self.seed,
            "histogram": {"counts": list(self.histogram_counts), "bin_edges": list(self.histogram_edges)},
        }


def summarise(services: FloatArray, threshold: float, seed: int) -> MonteCarloSummary:
    """Mean, percentiles (numpy's default linear method), share strictly below ``threshold``
    (values within floating-point noise of the threshold count as equal to it)."""
    p05, p50, p95 = (float(x) for x in np.percentile(services, [5.0, 50.0, 95.0]))
    # a correctly rounded mean, kept within [min, max] (a constant service reports itself)
    mean = min(max(_exact_mean(services), float(services.min())), float(services.max()))
    counts, edges = np.histogram(services, bins=HISTOGRAM_BINS, range=(0.0, 1.0))
    return MonteCarloSummary(
        trials=int(services.size),
        expected_service=mean,
        p05=p05,
        p50=p50,
        p95=p95,
        p_below=float(np.count_nonzero(services < threshold - _TIE)) / services.size,
        threshold=float(threshold),
        seed=int(seed),
        histogram_counts=tuple(int(c) for c in counts),
        histogram_edges=tuple(float(e) for e in edges),
        services=services,
    )
