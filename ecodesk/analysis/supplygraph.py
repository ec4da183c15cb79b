"""Analysis layer: the supply graph of SPEC §3.3 as integer-indexed numpy arrays.

Nodes are *all* entities of the scenario, in scenario order (node ``i`` is
``scenario.entities.ids()[i]``); edges are the flows whose kind is a supply kind, in
scenario order, parallel flows kept as separate edges (each has its own risk and volume).
Both directions are indexed as CSR arrays so every algorithm walks them without dicts.

Definitions fixed here (SPEC §3.3 and where it is silent):

* **origins**: entities with at least one outgoing and no incoming supply flow in the
  intact graph (an isolated entity is not an origin);
* **demand entities**, a fallback chain: entities with ``demand > 0`` weighted by their
  demand; else every ``user`` entity with weight 1; else every **sink** with weight 1.
  A sink is taken as the mirror image of an origin: an entity with at least one incoming
  and no outgoing supply flow. Isolated entities are not sinks: an entity that takes no
  part in supply is not counted as unserved demand.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from ecodesk.model.kinds import DEFAULT_SUPPLY_KINDS, EntityKind, FlowKind
from ecodesk.model.scenario import Scenario

IntArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: How the demand entities were chosen (SPEC §3.3 fallback chain).
DemandRule = Literal["demand", "user", "sink", "none"]


@dataclass(frozen=True, eq=False)
class SupplyGraph:
    """The supply graph of one scenario. Arrays are read-only by convention."""

    ids: tuple[str, ...]
    index: Mapping[str, int]
    node_risk: FloatArray
    flow_ids: tuple[str, ...]
    src: IntArray
    dst: IntArray
    volume: FloatArray
    edge_risk: FloatArray
    #: edges leaving node v: ``out_edges[out_ptr[v]:out_ptr[v + 1]]`` (scenario order)
    out_ptr: IntArray
    out_edges: IntArray
    #: edges entering node v: ``in_edges[in_ptr[v]:in_ptr[v + 1]]`` (scenario order)
    in_ptr: IntArray
    in_edges: IntArray
    is_origin: BoolArray
    #: demand entities (node indices, scenario order) and their weights
    demand_nodes: IntArray
    demand_weights: FloatArray
    demand_rule: DemandRule
    supply_kinds: tuple[FlowKind, ...]

    @property
    def n_nodes(self) -> int:
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        return int(self.src.shape[0])

    @property
    def origins(self) -> IntArray:
        return np.flatnonzero(self.is_origin)

    @property
    def total_demand(self) -> float:
        return float(self.demand_weights.sum())

    @property
    def in_degree(self) -> IntArray:
        return np.diff(self.in_ptr)

    @property
    def out_degree(self) -> IntArray:
        return np.diff(self.out_ptr)

    @property
    def degree(self) -> IntArray:
        """Supply flows touching each entity, parallel flows counted one by one."""
        return self.in_degree + self.out_degree

    def is_demand(self) -> BoolArray:
        mask = np.zeros(self.n_nodes, dtype=bool)
        mask[self.demand_nodes] = True
        return mask

    def in_volume(self) -> FloatArray:
        """Intact incoming supply volume of each entity (correctly rounded sums)."""
        vol = self.volume.tolist()
        ptr = self.in_ptr.tolist()
        edges = self.in_edges.tolist()
        return np.array(
            [math.fsum(vol[e] for e in edges[ptr[v] : ptr[v + 1]]) for v in range(self.n_nodes)], dtype=np.float64
        )

    def id_list(self, nodes: Iterable[int]) -> list[str]:
        ids = self.ids
        return [ids[int(v)] for v in nodes]


def _csr(keys: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """Row pointers and edge order grouping edges by ``keys`` (stable: scenario order kept)."""
    order = np.argsort(keys, kind="stable").astype(np.intp)
    counts = np.bincount(keys, minlength=n)
    ptr = np.zeros(n + 1, dtype=np.intp)
    np.cumsum(counts, out=ptr[1:])
    return ptr, order


def build_supply_graph(
    scenario: Scenario, supply_kinds: Iterable[FlowKind | str] = DEFAULT_SUPPLY_KINDS
) -> SupplyGraph:
    """The supply graph of ``scenario`` for the given flow kinds (SPEC §3.3)."""
    kinds = tuple(dict.fromkeys(FlowKind(k) for k in supply_kinds))  # type: ignore[call-arg]
    kind_set = set(kinds)
    entities = list(scenario.entities)
    ids = tuple(e.id for e in entities)
    index = {i: n for n, i in enumerate(ids)}
    n = len(ids)
    flows = [f for f in scenario.flows if f.kind in kind_set]
    src = np.fromiter((index[f.source] for f in flows), dtype=np.intp, count=len(flows))
    dst = np.fromiter((index[f.target] for f in flows), dtype=np.intp, count=len(flows))
    volume = np.fromiter((f.volume for f in flows), dtype=np.float64, count=len(flows))
    edge_risk = np.fromiter((f.risk for f in flows), dtype=np.float64, count=len(flows))
    node_risk = np.fromiter((e.risk for e in entities), dtype=np.float64, count=n)
    out_ptr, out_edges = _csr(src, n)
    in_ptr, in_edges = _csr(dst, n)
    indeg = np.diff(in_ptr)
    outdeg = np.diff(out_ptr)
    is_origin = (outdeg > 0) & (indeg == 0)

    demand = np.fromiter((e.demand for e in entities), dtype=np.float64, count=n)
    rule: DemandRule
    if (demand > 0).any():
        rule = "demand"
        nodes = np.flatnonzero(demand > 0)
        weights = demand[nodes]
    else:
        users = np.fromiter((e.kind is EntityKind.USER for e in entities), dtype=bool, count=n)
        sinks = (indeg > 0) & (outdeg == 0)
        if users.any():
            rule, nodes = "user", np.flatnonzero(users)
        elif sinks.any():
            rule, nodes = "sink", np.flatnonzero(sinks)
        else:
            rule, nodes = "none", np.zeros(0, dtype=np.intp)
        weights = np.ones(nodes.shape[0], dtype=np.float64)
    return SupplyGraph(
        ids=ids,
        index=index,
        node_risk=node_risk,
        flow_ids=tuple(f.id for f in flows),
        src=src,
        dst=dst,
        volume=volume,
        edge_risk=edge_risk,
        out_ptr=out_ptr,
        out_edges=out_edges,
        in_ptr=in_ptr,
        in_edges=in_edges,
        is_origin=is_origin,
        demand_nodes=nodes.astype(np.intp),
        demand_weights=weights.astype(np.float64),
        demand_rule=rule,
        supply_kinds=kinds,
    )
