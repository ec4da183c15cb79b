"""Diagram layer (engine side, no Qt): the k-step neighbourhood of entities over flows.

"Focus on selection" shows the selected entities and those reachable from them in at most
``k`` flows, whichever way each flow runs. :class:`Neighbourhood` is the undirected
adjacency of a scenario's entities, built once per model revision (one pass over the
flows); :meth:`Neighbourhood.within` is a breadth-first search from the seeds that stops
after ``k`` rings — on the 10,873-entity platform a few milliseconds even from the hub.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecodesk.model import Scenario

_NONE: frozenset[str] = frozenset()


class Neighbourhood:
    """Who is linked to whom by a flow, in either direction (see the module docstring).

    ``edges``: (source, target) pairs; ``nodes``: entities without flows count too."""

    def __init__(self, edges: Iterable[tuple[str, str]], nodes: Iterable[str] = ()) -> None:
        adj: dict[str, set[str]] = {n: set() for n in nodes}
        for a, b in edges:
            if a == b:  # a self-loop links an entity to itself only
                adj.setdefault(a, set())
                continue
            adj.setdefault(a, set()).add(b)
            adj.setdefault(b, set()).add(a)
        self._adj = adj

    @classmethod
    def of_scenario(cls, scenario: Scenario) -> Neighbourhood:
        """The adjacency of ``scenario``'s entities over all its flows."""
        return cls(((f.source, f.target) for f in scenario.flows), scenario.entities.ids())

    def __contains__(self, node: object) -> bool:
        return node in self._adj

    def __len__(self) -> int:
        return len(self._adj)

    def neighbours(self, node: str) -> frozenset[str]:
        """The entities one flow away from ``node`` (either direction; itself only by a
        flow to itself is not counted)."""
        return frozenset(self._adj.get(node, _NONE))

    def within(self, seeds: Iterable[str], k: int) -> dict[str, int]:
        """Every entity at most ``k`` flows from one of ``seeds`` → its distance in flows
        (the seeds themselves 0). Seeds that are not entities of the graph are left out."""
        if k < 0:
            raise ValueError(f"the number of steps must be 0 or more, not {k}")
        adj = self._adj
        dist = {s: 0 for s in seeds if s in adj}
        ring = list(dist)
        for step in range(1, k + 1):
            nxt: list[str] = []
            for node in ring:
                for other in adj[node]:
                    if other not in dist:
                        dist[other] = step
                        nxt.append(other)
            if not nxt:
                break
            ring = nxt
        return dist
