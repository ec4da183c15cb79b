"""Analysis layer (pure numpy, no Qt): bankruptcy problems — an estate E short of claims d.

Rules (SPEC §3.2, reserve pools): :func:`proportional`, :func:`cea` (constrained equal
awards), :func:`cel` (constrained equal losses), :func:`talmud` (Aumann–Maschler, the
contested-garment consistent rule, which equals the nucleolus of the bankruptcy game),
and :func:`bankruptcy_game`, the table v(S) = max(0, E − Σ_{j∉S} d_j).

Every rule clips the estate to [0, Σd]: nobody is awarded more than its claim, and an
estate that covers every claim simply pays each claim in full.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ecodesk.analysis.games import coalition_sums

FloatArray = NDArray[np.float64]

__all__ = ["bankruptcy_game", "cea", "cel", "proportional", "talmud"]


def _problem(estate: float, claims: ArrayLike) -> tuple[float, FloatArray]:
    d = np.asarray(claims, dtype=np.float64).reshape(-1)
    if np.any(d < 0) or not np.all(np.isfinite(d)):
        raise ValueError("claims must be finite and non-negative")
    if not np.isfinite(estate) or estate < 0:
        raise ValueError("the estate must be finite and non-negative")
    return min(float(estate), float(d.sum())), d


def proportional(estate: float, claims: ArrayLike) -> FloatArray:
    """Awards in proportion to claims: E·d_i/Σd (all zero when nobody claims anything)."""
    e, d = _problem(estate, claims)
    total = float(d.sum())
    return d * (e / total) if total > 0 else np.zeros_like(d)


def cea(estate: float, claims: ArrayLike) -> FloatArray:
    """Constrained equal awards: x_i = min(d_i, λ) with Σx = E (water-filling from the smallest claim)."""
    e, d = _problem(estate, claims)
    n = len(d)
    out = np.zeros(n)
    remaining = e
    order = np.argsort(d, kind="stable")
    for k, i in enumerate(order):
        level = remaining / (n - k)
        if d[i] <= level:
            out[i] = d[i]
            remaining -= d[i]
        else:
            out[order[k:]] = level
            break
    return out


def cel(estate: float, claims: ArrayLike) -> FloatArray:
    """Constrained equal losses: x_i = max(0, d_i − μ) with Σx = E, i.e. d − CEA(Σd − E, d)."""
    e, d = _problem(estate, claims)
    return d - cea(float(d.sum()) - e, d)


def talmud(estate: float, claims: ArrayLike) -> FloatArray:
    """Aumann–Maschler (Talmud) rule: CEA on half-claims while E ≤ Σd/2; beyond, each gets
    its claim minus CEA of the losses on half-claims. Equals the nucleolus of the game."""
    e, d = _problem(estate, claims)
    half = d / 2.0
    total = float(d.sum())
    if e <= total / 2.0:
        return cea(e, half)
    return d - cea(total - e, half)


def bankruptcy_game(estate: float, claims: ArrayLike) -> FloatArray:
    """Table of v(S) = max(0, E − Σ_{j∉S} d_j): what S secures after paying everyone else in full.

    Uses the estate as given (not clipped), with v(∅) = 0 by convention.
    """
    d = np.asarray(claims, dtype=np.float64).reshape(-1)
    v = np.maximum(0.0, float(estate) - (float(d.sum()) - coalition_sums(d)))
    v[0] = 0.0
    return v
