"""Analysis layer (pure numpy/scipy, no Qt): the general cooperative-game engine of SPEC §3.2.

A game on ``n`` players is a float array ``v`` of length ``2**n`` indexed by bitmask
(bit ``i`` set = player ``i`` in the coalition; ``v[0]`` is the empty coalition, 0 by
convention). The same table holds a *value* game (what a coalition earns) or a *cost*
game (what it pays); functions that care take ``kind='value'|'cost'``.

- tabulating: :func:`tabulate`, :func:`coalition_sums`, :func:`popcounts`, :func:`members_of`;
- Shapley value: :func:`shapley_exact` (subset enumeration, O(2**n) after one pass per
  bit — ~10 ms at n = 20), :func:`shapley_sampled` (seeded permutation sampling with 95 %
  half-widths and a fixed number of orders); for large games with a stop rule, progress,
  cancel and O(n) per order see :func:`ecodesk.analysis.game_sampling.shapley_until`;
- :func:`nucleolus` by sequential HiGHS linear programmes with constraint generation;
- :func:`core_violations` for cost games; :func:`airport_shapley` (Littlechild–Owen) and
  :func:`airport_nucleolus` (Littlechild).

Bankruptcy rules and games live in :mod:`ecodesk.analysis.bankruptcy`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, Literal, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ecodesk.analysis.game_lexmin import DENSE_PROFILES, nucleolus_space
from ecodesk.analysis.game_space import CoalitionSpace

FloatArray = NDArray[np.float64]
GameKind = Literal["value", "cost"]

#: Largest game that may be tabulated (2**26 floats = 512 MiB); larger ones must be sampled.
MAX_TABLE_PLAYERS = 26

__all__ = [
    "MAX_TABLE_PLAYERS",
    "CoreViolation",
    "airport_nucleolus",
    "airport_shapley",
    "coalition_sums",
    "core_violations",
    "game_players",
    "members_of",
    "nucleolus",
    "popcounts",
    "shapley_exact",
    "shapley_sampled",
    "tabulate",
]


# --------------------------------------------------------------------------- tables


def game_players(v: ArrayLike) -> int:
    """The number of players of a game table (its length must be a power of two)."""
    size = len(np.asarray(v))
    n = size.bit_length() - 1
    if size < 1 or 1 << n != size:
        raise ValueError(f"a game table has 2**n entries, not {size}")
    if n > MAX_TABLE_PLAYERS:
        raise ValueError(f"a game table of {n} players is too large; use shapley_sampled")
    return n


def _table(v: ArrayLike) -> tuple[FloatArray, int]:
    arr = np.ascontiguousarray(v, dtype=np.float64)
    if arr.ndim != 1:
        raise ValueError("a game table is one-dimensional")
    n = game_players(arr)
    if not np.all(np.isfinite(arr)):
        raise ValueError("a game table must hold finite numbers")
    return arr, n


@lru_cache(maxsize=32)
def _popcounts(n: int) -> NDArray[np.uint8]:
    pc = np.zeros(1, dtype=np.uint8)
    for _ in range(n):  # doubling: masks with the new top bit have one more member
        pc = np.concatenate([pc, pc + np.uint8(1)])
    pc.setflags(write=False)
    return pc


def popcounts(n: int) -> NDArray[np.uint8]:
    """Coalition sizes |S| for every mask S in 0 .. 2**n - 1 (read-only, cached)."""
    if not 0 <= n <= MAX_TABLE_PLAYERS:
        raise ValueError(f"n must be in 0..{MAX_TABLE_PLAYERS}")
    return _popcounts(n)


def coalition_sums(weights: ArrayLike) -> FloatArray:
    """W_S = Σ_{i∈S} w_i for every mask S (the additive game of ``weights``), in O(2**n)."""
    w = np.asarray(weights, dtype=np.float64).ravel()
    if len(w) > MAX_TABLE_PLAYERS:
        raise ValueError(f"cannot tabulate {len(w)} players")
    out = np.zeros(1, dtype=np.float64)
    for wi in w:
        out = np.concatenate([out, out + wi])
    return out


def members_of(masks: ArrayLike, n: int) -> NDArray[np.bool_]:
    """Boolean membership matrix (len(masks), n): row r, column i is True when bit i of masks[r] is set."""
    m = np.asarray(masks, dtype=np.int64).reshape(-1)
    return ((m[:, None] >> np.arange(n, dtype=np.int64)[None, :]) & 1).astype(bool)


def tabulate(fn: Callable[..., object], n: int, *, vectorised: bool = False) -> FloatArray:
    """The table of a game given as a Python function over coalitions.

    ``vectorised=False``: ``fn(mask: int) -> float`` is called once per mask (fine up to
    n ≈ 16). ``vectorised=True``: ``fn(masks: int64 array) -> float array`` is called once
    on all masks — use :func:`members_of` or :func:`coalition_sums` inside it.
    """
    if not 0 <= n <= MAX_TABLE_PLAYERS:
        raise ValueError(f"n must be in 0..{MAX_TABLE_PLAYERS}")
    size = 1 << n
    if vectorised:
        out = np.asarray(fn(np.arange(size, dtype=np.int64)), dtype=np.float64).reshape(-1)
        if out.shape != (size,):
            raise ValueError(f"a vectorised game function must return {size} values")
        return out
    return np.fromiter((float(fn(s)) for s in range(size)), dtype=np.float64, count=size)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- Shapley


@lru_cache(maxsize=32)
def _shapley_weights(n: int) -> tuple[FloatArray, FloatArray]:
    """Per coalition size s: (w_out(s), w_out(s) + w_in(s)), where w_out(s) = s!(n-s-1)!/n!
    weighs v(S) for S not containing i and w_in(s) = w_out(s-1) weighs v(S) for S ∋ i."""
    w_out = np.zeros(n + 1)
    w_in = np.zeros(n + 1)
    for s in range(n):
        w_out[s] = 1.0 / (n * math.comb(n - 1, s))
    for s in range(1, n + 1):
        w_in[s] = 1.0 / (n * math.comb(n - 1, s - 1))
    return w_out, w_out + w_in


def shapley_exact(v: ArrayLike) -> FloatArray:
    """Exact Shapley value of the game table ``v`` (value or cost game alike).

    φ_i = Σ_{S∌i} |S|!(n-|S|-1)!/n! · (v(S∪i) − v(S)), rearranged as
    φ_i = Σ_{S∋i} (w_in + w_out)(|S|)·v(S) − Σ_S w_out(|S|)·v(S): one weighting pass, then
    the per-bit sums Σ_{S∋i} by folding the table in halves (top bit first) — O(2**n) in
    total, contiguous memory, no Python loop over coalitions.
    """
    table, n = _table(v)
    if n == 0:
        return np.zeros(0)
    pc = popcounts(n)
    w_out, w_both = _shapley_weights(n)
    by_size = np.bincount(pc, weights=table, minlength=n + 1)  # Σ v(S) over |S| = s
    base = float(by_size @ w_out)
    c = table * w_both[pc]
    phi = np.empty(n)
    for i in range(n - 1, -1, -1):
        half = len(c) // 2
        phi[i] = c[half:].sum()  # masks with the top bit (player i) set
        c = c[:half] + c[half:]  # sum out player i
    return phi - base


def _permutations(n: int, samples: int, rng: np.random.Generator) -> NDArray[np.int64]:
    base = np.broadcast_to(np.arange(n, dtype=np.int64), (samples, n))
    return rng.permuted(base, axis=1)


def shapley_sampled(
    fn_or_table: ArrayLike | Callable[..., object],
    n: int,
    *,
    samples: int = 2000,
    seed: int | np.random.Generator = 0,
    batch: bool = False,
) -> tuple[FloatArray, FloatArray]:
    """Shapley value by permutation sampling: ``(values, half_width_95)`` per player.

    ``fn_or_table`` is a game table (length 2**n) or a callable on a boolean membership
    array of length ``n`` returning v(S); with ``batch=True`` the callable instead takes a
    (k, n) boolean matrix and returns k values (much faster for large n). Each of the
    ``samples`` random orders (a seeded numpy Generator — same seed, same result) yields
    every player's marginal contribution; the estimate is their mean and the half-width
    is 1.96·sd/√samples. Each order's contributions sum to v(N) − v(∅), so the estimate
    is efficient exactly.
    """
    if samples < 2:
        raise ValueError("shapley_sampled needs at least 2 samples")
    if n < 0:
        raise ValueError("n must be non-negative")
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    if n == 0:
        return np.zeros(0), np.zeros(0)
    perms = _permutations(n, samples, rng)
    contrib = np.empty((samples, n))
    if callable(fn_or_table):
        fn = fn_or_table
        chunk = max(1, 4_000_000 // ((n + 1) * n))
        steps = np.arange(n + 1)
        for lo in range(0, samples, chunk):
            p = perms[lo : lo + chunk]
            rank = np.empty_like(p)
            np.put_along_axis(rank, p, np.broadcast_to(np.arange(n), p.shape), axis=1)
            member = rank[:, None, :] < steps[None, :, None]  # (c, n+1, n): prefix j of each order
            flat = member.reshape(-1, n)
            if batch:
                vals = np.asarray(fn(flat), dtype=np.float64).reshape(-1)
                if vals.shape != (len(flat),):
                    raise ValueError("a batch game function must return one value per row")
            else:
                vals = np.array([float(fn(row)) for row in flat], dtype=np.float64)  # type: ignore[arg-type]
            vals = vals.reshape(len(p), n + 1)
            np.put_along_axis(contrib[lo : lo + chunk], p, np.diff(vals, axis=1), axis=1)
    else:
        table, tn = _table(fn_or_table)
        if tn != n:
            raise ValueError(f"the table has {tn} players, not {n}")
        masks = np.cumsum(np.left_shift(np.int64(1), perms), axis=1)  # distinct bits: sum = union
        vals = table[masks]
        marg = np.diff(vals, axis=1, prepend=np.full((samples, 1), table[0]))
        np.put_along_axis(contrib, perms, marg, axis=1)
    values = contrib.mean(axis=0)
    half = 1.96 * contrib.std(axis=0, ddof=1) / math.sqrt(samples)
    return values, half


# --------------------------------------------------------------------------- nucleolus


def nucleolus(
    v: ArrayLike,
    *,
    kind: GameKind = "value",
    imputations: bool = True,
    tol: float = 1e-9,
    types: Sequence[Sequence[int]] | None = None,
    cancel: Callable[[], bool] | None = None,
    info: dict[str, Any] | None = None,
) -> FloatArray:
    """The nucleolus of a game table by sequential linear programmes (HiGHS) with
    constraint generation (:mod:`ecodesk.analysis.game_lexmin`).

    Value games: lexicographically minimise the largest excesses v(S) − x(S) over every
    nonempty proper coalition (singletons included) subject to x(N) = v(N). Cost games
    (``kind='cost'``): lexicographically maximise the smallest c(S) − x(S), i.e. the
    nucleolus of the value game −c, negated (= the nucleolus of the savings game).
    With ``imputations=True`` individual rationality x_i ≥ v({i}) (x_i ≤ c({i}) for costs)
    is also a hard bound — Schmeidler's nucleolus — unless the imputation set is empty,
    in which case the pre-nucleolus is returned.

    Each round's LP holds only a working set of coalitions; a vectorised scan of the whole
    table finds the most violated ones until none is left, so a round costs a few small
    LPs and table passes instead of one LP with 2**n rows: exact for any table (n ≤ 26),
    about 0.1–0.3 s at n = 20. ``types`` (lists of interchangeable players — the caller's
    promise, e.g. equal weights) solves over coalition profiles, one payoff per type.
    ``v[0]`` is ignored (taken as 0). ``cancel`` / ``info``: see
    :func:`~ecodesk.analysis.game_lexmin.nucleolus_space`.
    """
    if kind not in ("value", "cost"):
        raise ValueError(f"kind must be 'value' or 'cost', not {kind!r}")
    table, n = _table(v)
    if n == 0:
        return np.zeros(0)
    if n == 1:
        return np.array([table[1]])
    if len(table) <= DENSE_PROFILES:
        types = None  # the classic full LP: same numbers as before for small games
    space = CoalitionSpace.from_table(table, types)
    y = nucleolus_space(space, kind=kind, imputations=imputations, tol=tol, cancel=cancel, info=info)
    if types is None:
        return y
    x = np.empty(n)
    for t, group in enumerate(types):
        x[list(group)] = y[t]
    return x


# --------------------------------------------------------------------------- core & airport


class CoreViolation(NamedTuple):
    """A coalition that pays more than on its own: x(S) − c(S) = ``excess`` > 0."""

    mask: int
    players: tuple[int, ...]
    excess: float


def core_violations(
    cost_table: ArrayLike,
    allocation: ArrayLike,
    *,
    max_results: int | None = 10,
    tol: float = 1e-9,
) -> list[CoreViolation]:
    """Coalitions S of a cost game with Σ_{i∈S} x_i > c(S) + tol·max(1, max|c|).

    Sorted smallest coalitions first, then by excess descending, then by mask; at most
    ``max_results`` (None = all). An empty list means the allocation is in the core
    (the grand coalition counts too: an allocation above c(N) violates it).
    """
    table, n = _table(cost_table)
    x = np.asarray(allocation, dtype=np.float64).reshape(-1)
    if len(x) != n:
        raise ValueError(f"the allocation has {len(x)} entries for {n} players")
    excess = coalition_sums(x) - table
    excess[0] = 0.0
    limit = tol * max(1.0, float(np.max(np.abs(table))) if n else 1.0)
    bad = np.flatnonzero(excess > limit)
    if len(bad) == 0:
        return []
    size = popcounts(n)[bad]
    order = np.lexsort((bad, -excess[bad], size))
    if max_results is not None:
        order = order[: max(0, max_results)]
    out = []
    for j in order:
        mask = int(bad[j])
        out.append(CoreViolation(mask, tuple(i for i in range(n) if mask >> i & 1), float(excess[mask])))
    return out


def airport_shapley(costs: ArrayLike) -> FloatArray:
    """Shapley value of the airport game c(S) = max_{i∈S} c_i (Littlechild–Owen).

    With costs sorted c_(1) ≤ … ≤ c_(n), each runway segment c_(k) − c_(k−1) is shared
    equally by the n − k + 1 players who need it: φ_(j) = Σ_{k≤j} (c_(k) − c_(k−1))/(n−k+1).
    """
    c = np.asarray(costs, dtype=np.float64).reshape(-1)
    n = len(c)
    if n == 0:
        return np.zeros(0)
    order = np.argsort(c, kind="stable")
    sc = c[order]
    seg = np.diff(sc, prepend=0.0) / (n - np.arange(n))
    phi = np.empty(n)
    phi[order] = np.cumsum(seg)
    return phi


def airport_nucleolus(costs: ArrayLike) -> FloatArray:
    """Nucleolus of the airport game c(S) = max_{i∈S} c_i (Littlechild 1974): sequential
    equal sharing. With costs sorted c_(1) ≤ … ≤ c_(n) and the first j players settled at a
    total F, the next group shares equally b = min_{j<k<n} (c_(k) − F)/(k − j + 1) — each of
    them saves as much as the prefix up to the minimising k (the largest on ties) — and
    the player with the largest cost pays the rest, c_(n) − Σ others.
    """
    c = np.asarray(costs, dtype=np.float64).reshape(-1)
    n = len(c)
    if n == 0:
        return np.zeros(0)
    order = np.argsort(c, kind="stable")
    sc = c[order]
    x = np.empty(n)
    done, settled = 0, 0.0
    while done < n - 1:
        k = np.arange(done + 1, n)  # prefix sizes k = done+1 .. n-1
        share = (sc[k - 1] - settled) / (k - done + 1)
        b = float(share.min())
        last = int(k[np.flatnonzero(share <= b + 1e-12 * max(1.0, abs(b)))[-1]])
        x[done:last] = b
        settled += (last - done) * b
        done = last
    x[n - 1] = sc[n - 1] - settled
    out = np.empty(n)
    out[order] = x
    return out + 0.0
