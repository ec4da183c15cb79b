"""Analysis layer (pure numpy, no Qt): the Shapley value of large games by permutation
sampling with a convergence stop rule, progress and cancel.

A random order of the players gives every player its marginal contribution
v(P ∪ i) − v(P) to the players P before it; the Shapley value is the mean over all orders.
The game is given by its *prefix values*: for a batch of orders (a (b, n) array of player
indices), v of every prefix — b × (n + 1) numbers. For the structured games of the pools
this costs O(n) per order, not O(n²):

- :func:`weighted_prefixes` — v(S) = f(W_S) (cost pools amount·(W_S/W_N)^β, revenue
  pools, the bankruptcy game max(0, E − Σ_{j∉S} d_j) = f(D_S)): a running sum;
- :func:`airport_prefixes` — c(S) = max_{i∈S} c_i: a running maximum;
- :func:`table_prefixes` — any tabulated game: running bitmask unions;
- :func:`coalition_prefixes` — any function of a membership vector (O(n²) per order).

:func:`shapley_until` draws orders in batches from one seeded generator (same seed, same
result) and stops when the largest standard error across players is at most ``tol`` ×
|v(N) − v(∅)| (after ``min_samples``), or at ``max_samples``; it reports the samples used
and each player's standard error and 95 % half-width.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ecodesk.analysis.errors import AnalysisCancelled

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
PrefixValues = Callable[[IntArray], FloatArray]

#: Default stop rule: largest standard error ≤ 0.01 % of the total v(N) − v(∅).
DEFAULT_TOL = 1e-4
DEFAULT_MIN_SAMPLES = 1000
DEFAULT_MAX_SAMPLES = 100_000
#: Numbers per batch (orders × players): bounds the working memory (~6 arrays of this size).
BATCH_CELLS = 1_000_000
#: Most orders per batch: the stop rule is checked after each batch.
MAX_BATCH = 1000

__all__ = [
    "DEFAULT_MAX_SAMPLES",
    "DEFAULT_MIN_SAMPLES",
    "DEFAULT_TOL",
    "SampledShapley",
    "airport_prefixes",
    "coalition_prefixes",
    "shapley_until",
    "table_prefixes",
    "weighted_prefixes",
]


class SampledShapley(NamedTuple):
    """A sampled Shapley value. ``converged``: stopped by the tolerance (False: by the
    sample limit, the standard error may be above ``target``)."""

    values: FloatArray
    standard_error: FloatArray
    half_width: FloatArray  # 1.96 × standard_error
    samples: int
    converged: bool
    target: float  # the standard error aimed at: tol × |v(N) − v(∅)|

    @property
    def max_standard_error(self) -> float:
        return float(self.standard_error.max()) if len(self.standard_error) else 0.0


def _with_empty(running: FloatArray, empty: float = 0.0) -> FloatArray:
    return np.concatenate([np.full((len(running), 1), empty), running], axis=1)


def weighted_prefixes(weights: ArrayLike, f: Callable[[FloatArray], FloatArray]) -> PrefixValues:
    """Prefix values of v(S) = f(W_S), W_S = Σ_{i∈S} w_i (``f`` vectorised, f(0) = v(∅))."""
    w = np.asarray(weights, dtype=np.float64).reshape(-1)

    def prefixes(orders: IntArray) -> FloatArray:
        return np.asarray(f(_with_empty(np.cumsum(w[orders], axis=1))), dtype=np.float64)

    return prefixes


def airport_prefixes(costs: ArrayLike) -> PrefixValues:
    """Prefix values of the airport game c(S) = max_{i∈S} c_i (c(∅) = 0)."""
    c = np.asarray(costs, dtype=np.float64).reshape(-1)

    def prefixes(orders: IntArray) -> FloatArray:
        return _with_empty(np.maximum.accumulate(np.maximum(c[orders], 0.0), axis=1))

    return prefixes


def table_prefixes(table: ArrayLike) -> PrefixValues:
    """Prefix values of a tabulated game (length 2**n, bitmask index)."""
    v = np.asarray(table, dtype=np.float64).reshape(-1)

    def prefixes(orders: IntArray) -> FloatArray:
        masks = np.cumsum(np.left_shift(np.int64(1), orders), axis=1)  # distinct bits: sum = union
        return _with_empty(v[masks], float(v[0]))

    return prefixes


def coalition_prefixes(fn: Callable[[NDArray[np.bool_]], ArrayLike]) -> PrefixValues:
    """Prefix values of any game given as ``fn(members)`` on a (k, n) boolean membership
    matrix returning k values — the general case, O(n²) per order."""

    def prefixes(orders: IntArray) -> FloatArray:
        b, n = orders.shape
        rank = np.empty_like(orders)
        np.put_along_axis(rank, orders, np.broadcast_to(np.arange(n), orders.shape), axis=1)
        member = rank[:, None, :] < np.arange(n + 1)[None, :, None]  # (b, n+1, n)
        vals = np.asarray(fn(member.reshape(-1, n)), dtype=np.float64).reshape(-1)
        if vals.shape != (b * (n + 1),):
            raise ValueError("a batch game function must return one value per row")
        return vals.reshape(b, n + 1)

    return prefixes


def shapley_until(
    prefixes: PrefixValues,
    n: int,
    *,
    seed: int | np.random.Generator = 0,
    tol: float = DEFAULT_TOL,
    min_samples: int = DEFAULT_MIN_SAMPLES,
    max_samples: int = DEFAULT_MAX_SAMPLES,
    batch: int | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> SampledShapley:
    """Shapley value by permutation sampling until the largest standard error across
    players is ≤ ``tol`` × |v(N) − v(∅)| (checked after each batch once ``min_samples``
    orders are in), or ``max_samples`` orders. ``tol=0`` always draws ``max_samples``.

    Deterministic for a given seed (batches have a size fixed by ``n``). ``progress(f)``
    gets a fraction in [0, 1] after each batch (the larger of the samples drawn over
    ``max_samples`` and the estimated share of the samples the tolerance needs);
    ``cancel()`` returning True raises :class:`AnalysisCancelled` between batches.
    """
    if n < 0:
        raise ValueError("n must be non-negative")
    if max_samples < 2:
        raise ValueError("sampling needs at least 2 orders")
    if tol < 0:
        raise ValueError("the tolerance must be non-negative")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    if n == 0:
        return SampledShapley(np.zeros(0), np.zeros(0), np.zeros(0), 0, True, 0.0)
    min_samples = max(2, min(min_samples, max_samples))
    size = batch if batch is not None else max(16, min(MAX_BATCH, BATCH_CELLS // n))
    base = np.broadcast_to(np.arange(n, dtype=np.int64), (size, n))
    shift = np.zeros(n)
    s1 = np.zeros(n)
    s2 = np.zeros(n)
    count = 0
    target = 0.0
    se = np.full(n, np.inf)
    converged = False
    while count < max_samples:
        if cancel is not None and cancel():
            raise AnalysisCancelled("Shapley sampling cancelled", stage="shapley")
        k = min(size, max_samples - count)
        orders = rng.permuted(base[:k], axis=1)
        vals = prefixes(orders)
        contrib = np.empty((k, n))
        np.put_along_axis(contrib, orders, np.diff(vals, axis=1), axis=1)
        if count == 0:  # shifted sums: no cancellation when the spread is small against the mean
            shift = contrib.mean(axis=0)
            target = tol * abs(float(vals[0, -1] - vals[0, 0]))
        contrib -= shift
        s1 += contrib.sum(axis=0)
        s2 += np.einsum("ij,ij->j", contrib, contrib)
        count += k
        var = np.maximum(s2 - s1 * s1 / count, 0.0) / max(count - 1, 1)
        se = np.sqrt(var / count)
        worst = float(se.max())
        if progress is not None:
            reached = 1.0 if worst <= target else (target / worst) ** 2  # se ∝ 1/√samples
            progress(min(1.0, max(count / max_samples, min(reached, count / min_samples))))
        if count >= min_samples and worst <= target:
            converged = True
            break
    values = shift + s1 / count + 0.0
    return SampledShapley(values, se, 1.96 * se, count, converged, target)
