"""Store layer: the snapshot of what a file holds, which an incremental save diffs against.

A :class:`Saved` records, per scenario, the live :class:`Scenario` object it was read into
or written from (compared by identity), the scenario's revision then, and per collection
the saved objects (shared, not copied: they are immutable), their order and the
``position`` of each row; and the project's views (a tuple of immutable objects: compared
whole, rewritten whole when they differ — a project has a handful). Positions only have to increase along the order, so
:func:`plan_positions` can place new or moved rows in the gaps between the rows that stay.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ecodesk.model.objects import ModelObject
from ecodesk.model.scenario import Scenario
from ecodesk.model.views import View
from ecodesk.store.schema import POSITION_GAP


@dataclass
class SavedScenario:
    """What the file holds for one scenario: the live scenario it was saved from (compared
    by identity) and its revision then, its row key, name and position, and per collection
    the saved objects, their order and their positions."""

    scenario: Scenario
    revision: int
    key: int
    name: str
    position: int
    items: dict[str, dict[str, ModelObject]]
    order: dict[str, list[str]]
    positions: dict[str, dict[str, int]]


@dataclass
class Saved:
    """A snapshot of the file's content as last read or written (the base of a diff)."""

    meta: dict[str, Any]
    uid: str
    saves: int
    scenarios: list[SavedScenario]
    #: The project's views in the file, in order.
    views: tuple[View, ...] = ()


def snapshot_scenario(
    scenario: Scenario, key: int, position: int, positions: dict[str, dict[str, int]]
) -> SavedScenario:
    """The snapshot of ``scenario`` as just read or written (its objects are shared, not copied)."""
    items = {name: dict(coll._items) for name, coll in scenario.collections().items()}
    return SavedScenario(
        scenario,
        scenario.revision,
        key,
        scenario.name,
        position,
        items,
        {n: list(d) for n, d in items.items()},
        positions,
    )


def plan_positions(order: list[str], old: dict[str, int]) -> dict[str, int]:
    """Positions for ``order`` that move as few saved rows as possible.

    Rows whose saved positions already increase along the new order (a longest
    increasing subsequence) keep them; the others get positions spaced out in the gaps
    between their kept neighbours. If a gap is too narrow, everything is renumbered.
    """
    seq = [(i, old[k]) for i, k in enumerate(order) if k in old]
    keep = _increasing_subsequence(seq)
    out: dict[str, int] = {}
    n = len(order)
    i = 0
    prev: int | None = None
    while i < n:
        k = order[i]
        if i in keep:
            out[k] = prev = old[k]
            i += 1
            continue
        j = i
        while j < n and j not in keep:
            j += 1
        run = j - i
        nxt = old[order[j]] if j < n else None
        lo = prev if prev is not None else (nxt if nxt is not None else 0) - POSITION_GAP * (run + 1)
        hi = nxt if nxt is not None else lo + POSITION_GAP * (run + 1)
        if hi - lo - 1 < run:
            return {k: m * POSITION_GAP for m, k in enumerate(order)}
        step = (hi - lo) // (run + 1)
        for m in range(run):
            out[order[i + m]] = lo + step * (m + 1)
        i = j
    return out


def _increasing_subsequence(seq: list[tuple[int, int]]) -> set[int]:
    """Indices (first items) of a longest strictly increasing run of the second items."""
    if all(a[1] < b[1] for a, b in pairwise(seq)):
        return {i for i, _ in seq}
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    tail_at: list[int] = []  # index in seq of that tail
    back: list[int] = [-1] * len(seq)
    for n, (_i, value) in enumerate(seq):
        at = bisect.bisect_left(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_at.append(n)
        else:
            tails[at] = value
            tail_at[at] = n
        back[n] = tail_at[at - 1] if at else -1
    out: set[int] = set()
    n = tail_at[-1] if tail_at else -1
    while n >= 0:
        out.add(seq[n][0])
        n = back[n]
    return out
