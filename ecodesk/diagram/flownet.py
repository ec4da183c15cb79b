"""Diagram layer (engine side, no Qt): the flow network of a canvas — what routing needs to
know of who connects to whom.

Entities by index (centre, outline shape), the flows at each entity and between each pair,
and each flow's offset in the fan of parallel flows between the same two entities. The
scene keeps it in step with the model; :meth:`FlowNetwork.route` routes a batch of flows
from it in one vectorised call (:func:`~ecodesk.diagram.routes.route_flows`) into the rows
of a :class:`~ecodesk.diagram.flowtable.FlowTable`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence, Set
from itertools import repeat
from typing import TYPE_CHECKING

from ecodesk.diagram.flowtable import FlowTable, load_numpy
from ecodesk.diagram.geometry import fan_offsets

if TYPE_CHECKING:
    import numpy as np

    from ecodesk.diagram.routes import Routes

FAN_SPACING = 24.0  # between parallel flows of one pair
PairKey = tuple[str, str]
Outline = Sequence[tuple[float, float]]
_NONE: frozenset[str] = frozenset()


def pair_key(source: str, target: str) -> PairKey:
    """The pair of a flow, whichever way it runs."""
    return (source, target) if source <= target else (target, source)


class FlowNetwork:
    """Entities and flows of a canvas as routing sees them (see the module docstring).

    ``outline_of(kind)`` gives the convex outline of an entity kind, centred on the origin."""

    def __init__(self, outline_of: Callable[[Hashable], Outline], spacing: float = FAN_SPACING) -> None:
        self._outline_of = outline_of
        self.spacing = spacing
        self._eidx: dict[str, int] = {}
        self._ex: list[float] = []
        self._ey: list[float] = []
        self._eshape: list[int] = []
        self._shapes: dict[Hashable, int] = {}
        self._outlines: list[Outline] = []
        self._pairs: dict[PairKey, list[str]] = {}
        self._entity_flows: dict[str, set[str]] = {}
        self._offset: dict[str, float] = {}
        #: Pairs whose fan must be spread again (:meth:`spread_fans`).
        self.dirty_pairs: set[PairKey] = set()

    def clear(self) -> None:
        for d in (self._eidx, self._pairs, self._entity_flows, self._offset):
            d.clear()
        self._ex.clear()
        self._ey.clear()
        self._eshape.clear()
        self.dirty_pairs.clear()

    # entities --------------------------------------------------------------------------
    def _shape(self, kind: Hashable) -> int:
        idx = self._shapes.get(kind)
        if idx is None:
            idx = self._shapes[kind] = len(self._outlines)
            self._outlines.append(self._outline_of(kind))
        return idx

    def add_entity(self, entity_id: str, x: float, y: float, kind: Hashable) -> Set[str]:
        """Put an entity on the canvas; returns the flows already waiting for it."""
        self._eidx[entity_id] = len(self._ex)
        self._ex.append(x)
        self._ey.append(y)
        self._eshape.append(self._shape(kind))
        return self._entity_flows.setdefault(entity_id, set())

    def add_entities(self, entity_ids: Sequence[str], xs: Sequence[float], ys: Sequence[float],
                     kinds: Sequence[Hashable]) -> None:
        """Put many entities on the canvas at once (a load): as :meth:`add_entity` one by one."""
        start = len(self._ex)
        self._eidx.update(zip(entity_ids, range(start, start + len(entity_ids))))
        self._ex.extend(xs)
        self._ey.extend(ys)
        shape = {k: self._shape(k) for k in dict.fromkeys(kinds)}
        self._eshape.extend(map(shape.__getitem__, kinds))
        flows = self._entity_flows
        for eid in entity_ids:
            if eid not in flows:
                flows[eid] = set()

    def remove_entity(self, entity_id: str) -> None:
        self._eidx.pop(entity_id, None)
        self._entity_flows.pop(entity_id, None)

    def move_entity(self, entity_id: str, x: float, y: float) -> None:
        idx = self._eidx.get(entity_id)
        if idx is not None:
            self._ex[idx] = x
            self._ey[idx] = y

    def set_kind(self, entity_id: str, kind: Hashable) -> None:
        idx = self._eidx.get(entity_id)
        if idx is not None:
            self._eshape[idx] = self._shape(kind)

    def index_of(self, entity_id: str) -> int:
        """The entity's index (the flow table's ``src_idx``/``dst_idx``); -1: not on the canvas."""
        return self._eidx.get(entity_id, -1)

    def indices_of(self, entity_ids: Iterable[str]) -> list[int]:
        """:meth:`index_of` of each of these entities (one C-level pass)."""
        return list(map(self._eidx.get, entity_ids, repeat(-1)))

    def flows_of(self, entity_id: str) -> Set[str]:
        """The flows (ids) starting or ending at an entity."""
        return self._entity_flows.get(entity_id, _NONE)

    # flows -------------------------------------------------------------------------------
    def add_flow(self, flow_id: str, source: str, target: str) -> None:
        self._offset[flow_id] = 0.0
        self._link(flow_id, source, target)

    def add_flows(self, flow_ids: Sequence[str], sources: Sequence[str], targets: Sequence[str]) -> None:
        """Add many flows at once (a load): the same pairs, ends and — after :meth:`spread_fans`
        — offsets as :meth:`add_flow` one by one, in this order (only pairs that had a flow
        already are queued to be spread: a new pair of one flow stays straight)."""
        self._offset.update(dict.fromkeys(flow_ids, 0.0))
        keys = list(map(pair_key, sources, targets))
        pairs, flows = self._pairs, self._entity_flows
        grown = []  # pairs with a flow already: their fans are spread again (a new one alone stays straight)
        for fid, key in zip(flow_ids, keys):
            ids = pairs.get(key)
            if ids is None:
                pairs[key] = [fid]
            else:
                ids.append(fid)
                grown.append(key)
        for ends in (sources, targets):
            for fid, end in zip(flow_ids, ends):
                at = flows.get(end)
                if at is None:
                    flows[end] = {fid}
                else:
                    at.add(fid)
        self.dirty_pairs.update(grown)

    def _link(self, flow_id: str, source: str, target: str) -> None:
        key = pair_key(source, target)
        self._pairs.setdefault(key, []).append(flow_id)
        self._entity_flows.setdefault(source, set()).add(flow_id)
        self._entity_flows.setdefault(target, set()).add(flow_id)
        self.dirty_pairs.add(key)

    def unlink_flow(self, flow_id: str, source: str, target: str) -> None:
        """Take a flow out of its pair and its ends (its offset stays until :meth:`remove_flow`)."""
        key = pair_key(source, target)
        ids = self._pairs.get(key, [])
        if flow_id in ids:
            ids.remove(flow_id)
        if not ids:
            self._pairs.pop(key, None)
        self.dirty_pairs.add(key)
        for end in (source, target):
            self._entity_flows.get(end, set()).discard(flow_id)

    def remove_flow(self, flow_id: str, source: str, target: str) -> None:
        self._offset.pop(flow_id, None)
        self.unlink_flow(flow_id, source, target)

    def relink_flow(self, flow_id: str, old: tuple[str, str], new: tuple[str, str]) -> None:
        """A flow's ends changed from ``old`` to ``new`` (source, target)."""
        self.unlink_flow(flow_id, *old)
        self._link(flow_id, *new)

    def mark_pair(self, source: str, target: str) -> None:
        self.dirty_pairs.add(pair_key(source, target))

    def offset(self, flow_id: str) -> float:
        """The flow's perpendicular bend in its pair's fan (0: straight)."""
        return self._offset.get(flow_id, 0.0)

    def spread_fans(self) -> set[str]:
        """Give the flows of every dirty pair their place in its fan (sorted by id, symmetric
        around the straight line); returns the flows whose offset changed."""
        changed: set[str] = set()
        pairs, self.dirty_pairs = self.dirty_pairs, set()
        offset, of_pair = self._offset, self._pairs.get
        for key in pairs:
            ids = of_pair(key)
            if not ids:
                continue
            if len(ids) == 1:  # most pairs (a load: 500,000 of them): straight
                fid = ids[0]
                if offset.get(fid) != 0.0:
                    offset[fid] = 0.0
                    changed.add(fid)
                continue
            ids.sort()
            for fid, off in zip(ids, fan_offsets(len(ids), self.spacing)):
                if offset.get(fid) != off:
                    offset[fid] = off
                    changed.add(fid)
        return changed

    # routing -----------------------------------------------------------------------------
    def route(self, table: FlowTable, ids: Sequence[str]) -> tuple[list[str], np.ndarray, Routes] | None:
        """Route the flows ``ids`` whose two ends are on the canvas (their table rows are
        linked: ``src_idx``/``dst_idx`` ≥ 0): ``(ids routed, their rows, routes)``, or None."""
        from ecodesk.diagram.routes import route_flows

        np = load_numpy()
        if not ids:
            return None
        rows = table.rows_for(ids)
        si, di = table.src_idx[rows], table.dst_idx[rows]
        ok = (si >= 0) & (di >= 0)
        if not ok.all():
            keep = np.flatnonzero(ok)
            ids = [ids[i] for i in keep]
            rows, si, di = rows[keep], si[keep], di[keep]
            if not ids:
                return None
        ex, ey = np.array(self._ex), np.array(self._ey)
        shape = np.array(self._eshape, dtype=np.intp)
        src = np.stack([ex[si], ey[si]], axis=1)
        dst = np.stack([ex[di], ey[di]], axis=1)
        offset = np.fromiter(map(self._offset.get, ids, repeat(0.0)), np.float64, len(ids))
        outlines = self._outlines
        routes = route_flows(
            src, dst, table.flip[rows], offset, table.width[rows], outlines, outlines, shape[si], shape[di]
        )
        return list(ids), rows, routes
