"""Monte Carlo services propagated over larger column chunks (issue 19, 10× platform): the
same floats bit for bit as the former loop, which propagated and summed the services
(``bit_services``) over chunks of ``_GATHER_WORDS // items`` words. The services are still
summed over those very column ranges; only the propagation runs over several at once."""

from __future__ import annotations

import numpy as np
import pytest

from ecodesk.analysis import montecarlo as mc
from ecodesk.analysis.reachability import bit_services, build_schedule, propagate
from ecodesk.analysis.supplygraph import SupplyGraph, build_supply_graph
from ecodesk.model import AnalysisSettings, Entity, EntityKind, Flow, FlowKind, Scenario


def _model(seed: int) -> Scenario:
    """Random layered supply network with cycles, parallel flows and non-dyadic demands (so
    the order of summation of the services could show in the last bits)."""
    rng = np.random.default_rng(seed)
    s = Scenario("chunks")
    n = 40
    ents = [Entity(f"e{i}", kind=EntityKind.SUPPLIER if i < 5 else (EntityKind.USER if i >= 30 else EntityKind.OTHER),
                   demand=round(float(rng.uniform(0.1, 3.0)), 3) if i >= 30 else 0.0,
                   risk=round(float(rng.uniform(0, 0.6)), 3)) for i in range(n)]
    flows = []
    for k in range(160):
        a = int(rng.integers(0, 30))
        b = int(rng.integers(5, n))
        if a != b:
            flows.append(Flow(f"f{k}", f"e{a}", f"e{b}", kind=FlowKind.GOODS, risk=round(float(rng.uniform(0, 0.7)), 3)))
    s.bulk_load({"entities": ents, "flows": flows})
    return s


def _former(graph: SupplyGraph, schedule, draws: mc.FailureDraws, gather_words: int) -> np.ndarray:
    """trial_services as it was before: one chunk size for propagating and summing."""
    trials, k_words = draws.trials, mc.n_words(draws.trials)
    out = np.zeros(trials, dtype=np.float64)
    chunk = max(1, min(k_words, gather_words // max(1, graph.n_edges, graph.n_nodes)))
    for start in range(0, k_words, chunk):
        stop = min(k_words, start + chunk)
        w = propagate(schedule, draws.node_alive[:, start:stop], draws.edge_alive[:, start:stop], bits=True)
        first, last = start * 64, min(trials, stop * 64)
        out[first:last] = bit_services(graph, w[graph.demand_nodes].astype(np.uint64, copy=False), last - first)
    return out


@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize("trials", [1, 64, 1000, 5000])
@pytest.mark.parametrize(("service_items", "gather_items"), [(1, 1), (1, 3), (2, 7), (3, 100), (1000, 1000)])
def test_services_equal_the_former_loop_bit_for_bit(monkeypatch, seed: int, trials: int,
                                                    service_items: int, gather_items: int) -> None:
    graph = build_supply_graph(_model(seed), AnalysisSettings().supply_kinds)
    items = max(graph.n_edges, graph.n_nodes)
    schedule = build_schedule(graph)
    draws = mc.draw_failures(graph, trials, np.random.default_rng(seed))
    monkeypatch.setattr(mc, "_SERVICE_WORDS", service_items * items)
    monkeypatch.setattr(mc, "_GATHER_WORDS", gather_items * items)
    seen: list[float] = []
    got = mc.trial_services(graph, schedule, draws, seen.append)
    want = _former(graph, schedule, draws, service_items * items)
    assert got.tobytes() == want.tobytes()
    assert 0.0 < float(got.mean()) < 1.0  # the draws do cut supply in some trials and not in all
    assert seen == sorted(seen) and seen[-1] == 1.0  # progress rises to the end


def test_default_chunks_keep_the_former_service_ranges() -> None:
    assert mc._SERVICE_WORDS == 1 << 22  # the ranges bit_services sums over: part of the figures
    assert mc._GATHER_WORDS % mc._SERVICE_WORDS == 0
