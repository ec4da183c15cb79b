"""Analysis layer (pure numpy, no Qt): coalition spaces for the nucleolus engine.

A :class:`CoalitionSpace` describes every coalition of a game whose players fall into
``T`` *types* of interchangeable players (``sizes[t]`` players of type ``t``): a coalition
is then a *profile* ``k`` — how many players of each type it holds — and the game needs one
value per profile. Profiles are numbered in mixed radix, type 0 fastest:
``index = Σ k_t · stride_t`` with ``stride_0 = 1``, ``stride_{t+1} = stride_t · (sizes[t] + 1)``.
With every size 1 this is the ordinary game table indexed by bitmask (bit ``t`` = player
``t``), so a plain table is the special case of ``n`` types of one player each.

Symmetric players receive equal payoffs in the nucleolus (and the Shapley value), so a game
with few types is solved over its ``Π (sizes[t] + 1)`` profiles instead of ``2**n``
coalitions: a pool of 40 members with 4 distinct weights has 11**4 = 14,641 profiles.

The separation step of constraint generation (the coalition of largest excess
v(S) − x(S)) is a vectorised scan: :meth:`CoalitionSpace.sums` gives x(S) for every
profile as the outer sum of two half-spaces, one memory pass over the table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

__all__ = ["CoalitionSpace", "profile_count", "profile_sums", "types_of"]


def profile_count(sizes: Sequence[int]) -> int:
    """Π (sizes[t] + 1): the number of coalition profiles (exact Python integer)."""
    return math.prod(int(m) + 1 for m in sizes)


def types_of(keys: Sequence[object]) -> tuple[list[int], list[list[int]]]:
    """Group players with equal ``keys`` (game parameters compared exactly): ``(type_of_player,
    players_of_type)``, types numbered in order of their first player."""
    index: dict[object, int] = {}
    of_player: list[int] = []
    members: list[list[int]] = []
    for i, key in enumerate(keys):
        t = index.setdefault(key, len(index))
        if t == len(members):
            members.append([])
        members[t].append(i)
        of_player.append(t)
    return of_player, members


def profile_sums(sizes: Sequence[int], y: ArrayLike) -> FloatArray:
    """Σ_t k_t·y_t for every profile of ``sizes``, in profile order (e.g. W(S) to build a
    weighted game v(S) = f(W(S)) on a :class:`CoalitionSpace`)."""
    y = np.asarray(y, dtype=np.float64).reshape(-1)
    out = np.zeros(1)
    for m, yt in zip(sizes, y):
        out = np.concatenate([out + k * yt for k in range(int(m) + 1)])
    return out


@dataclass
class CoalitionSpace:
    """Every coalition profile of a game with player types, and the game's value on each.

    ``sizes[t]`` players of type ``t``; ``values[index]`` is v of the profile ``index``
    (``values[0]`` the empty coalition, ``values[-1]`` the grand coalition).
    """

    sizes: tuple[int, ...]
    values: FloatArray
    _split: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.sizes = tuple(int(m) for m in self.sizes)
        if any(m < 1 for m in self.sizes):
            raise ValueError("every player type needs at least one player")
        self.values = np.ascontiguousarray(self.values, dtype=np.float64).reshape(-1)
        if len(self.values) != profile_count(self.sizes):
            raise ValueError(f"{profile_count(self.sizes)} profile values expected, not {len(self.values)}")
        # split the types into a low and a high half of about equal profile counts
        total = len(self.values)
        low, split = 1, 0
        while split < len(self.sizes) and low * low < total:
            low *= self.sizes[split] + 1
            split += 1
        self._split = split

    # ---------------------------------------------------------------- shape

    @property
    def types(self) -> int:
        return len(self.sizes)

    @property
    def size(self) -> int:
        """The number of profiles (coalitions up to symmetry, ∅ and N included)."""
        return len(self.values)

    @property
    def full(self) -> int:
        """Index of the grand coalition."""
        return len(self.values) - 1

    @property
    def grand(self) -> FloatArray:
        """The grand coalition's profile: ``sizes`` as floats."""
        return np.asarray(self.sizes, dtype=np.float64)

    def strides(self) -> IntArray:
        return np.cumprod([1] + [m + 1 for m in self.sizes[:-1]]).astype(np.int64)

    def singletons(self) -> IntArray:
        """Index of the one-player profile of each type."""
        return self.strides()

    def complements(self) -> IntArray:
        """Index of the grand coalition less one player of each type."""
        return self.full - self.strides()

    def counts(self, index: ArrayLike) -> FloatArray:
        """The profiles ``index`` as a (len, T) float matrix of member counts."""
        idx = np.asarray(index, dtype=np.int64).reshape(-1)
        radix = np.array([m + 1 for m in self.sizes], dtype=np.int64)
        return ((idx[:, None] // self.strides()[None, :]) % radix[None, :]).astype(np.float64)

    # ---------------------------------------------------------------- scans

    def _halves(self, y: FloatArray) -> tuple[FloatArray, FloatArray]:
        y = np.asarray(y, dtype=np.float64).reshape(-1)
        return profile_sums(self.sizes[: self._split], y[: self._split]), profile_sums(
            self.sizes[self._split :], y[self._split :]
        )

    def sums(self, y: ArrayLike) -> FloatArray:
        """x(S) = Σ_t k_t·y_t for every profile (one payoff per type)."""
        lo, hi = self._halves(np.asarray(y, dtype=np.float64))
        return np.add.outer(hi, lo).reshape(-1)

    def sums_at(self, y: ArrayLike, index: ArrayLike) -> FloatArray:
        """x(S) for the profiles ``index`` only."""
        lo, hi = self._halves(np.asarray(y, dtype=np.float64))
        idx = np.asarray(index, dtype=np.int64)
        return hi[idx // len(lo)] + lo[idx % len(lo)]

    def excess(self, y: ArrayLike, out: FloatArray | None = None) -> FloatArray:
        """v(S) − x(S) for every profile, written into ``out`` when given (no new table)."""
        lo, hi = self._halves(np.asarray(y, dtype=np.float64))
        if out is None:
            out = np.empty_like(self.values)
        grid = out.reshape(len(hi), len(lo))
        np.subtract(self.values.reshape(len(hi), len(lo)), lo[None, :], out=grid)
        grid -= hi[:, None]
        return out

    # ---------------------------------------------------------------- building

    @classmethod
    def from_table(cls, table: ArrayLike, members: Sequence[Sequence[int]] | None = None) -> CoalitionSpace:
        """The space of a game table (length 2**n), players grouped into ``members`` (lists
        of interchangeable players; None = every player its own type). The profile's value
        is that of the coalition of the first ``k_t`` players of each type — the same for
        any choice when the grouped players really are symmetric (the caller's promise)."""
        v = np.ascontiguousarray(table, dtype=np.float64).reshape(-1)
        n = len(v).bit_length() - 1
        if members is None:
            return cls(tuple([1] * n), v)
        if sorted(i for group in members for i in group) != list(range(n)):
            raise ValueError("the player types must cover each player exactly once")
        masks = np.zeros(1, dtype=np.int64)
        for group in members:
            prefix = np.concatenate([[0], np.cumsum(np.left_shift(np.int64(1), np.asarray(group, dtype=np.int64)))])
            masks = np.concatenate([masks + p for p in prefix])
        return cls(tuple(len(g) for g in members), v[masks])
