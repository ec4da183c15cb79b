"""Monte Carlo in blocks (issue 14): memory bounded independently of trials, draws unchanged.

* a run whose trials fit in one block is bit-identical to one ``draw_failures`` of every
  trial (the draws before blocks existed), on several seeds and sizes;
* a larger run is exactly the concatenation of its blocks drawn one after the other from
  the same Generator, and no block ever holds more alive bits than the budget;
* ``ecodesk analyze --trials 3000000`` finishes (it ended in MemoryError) and its figures are
  those of the block-by-block reference.
"""

from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pytest

from ecodesk.analysis import montecarlo as mc
from ecodesk.analysis.reachability import build_schedule
from ecodesk.analysis.resilience import analyze_resilience
from ecodesk.analysis.supplygraph import SupplyGraph, build_supply_graph
from ecodesk.cli import main
from ecodesk.model import AnalysisSettings, Entity, EntityKind, Flow, FlowKind, Project, Scenario
from ecodesk.store import write_project_atomic


def _chain_model(width: int = 6, depth: int = 4) -> Scenario:
    """Suppliers → ``depth`` layers of ``width`` entities, fully linked layer to layer → users;
    risks from 0 to 0.9 (p > ½ takes the other branch of the drawing)."""
    s = Scenario("blocks")
    ents: list[Entity] = []
    flows: list[Flow] = []
    layers: list[list[str]] = []
    k = 0
    for d in range(depth):
        layer = []
        for i in range(width):
            kind = EntityKind.SUPPLIER if d == 0 else (EntityKind.USER if d == depth - 1 else EntityKind.OTHER)
            ents.append(Entity(f"e{d}_{i}", kind=kind, demand=float(i + 1) if d == depth - 1 else 0.0,
                               risk=round((k * 0.37) % 0.9, 3)))
            layer.append(f"e{d}_{i}")
            k += 1
        layers.append(layer)
    for d in range(depth - 1):
        for i, a in enumerate(layers[d]):
            for j, b in enumerate(layers[d + 1]):
                if (i + j) % 2 == 0 or i == j:
                    flows.append(Flow(f"f{len(flows)}", a, b, kind=FlowKind.GOODS,
                                      risk=round((len(flows) * 0.13) % 0.6, 3)))
    s.bulk_load({"entities": ents, "flows": flows})
    return s


def _graph() -> SupplyGraph:
    return build_supply_graph(_chain_model(), AnalysisSettings().supply_kinds)


def _one_draw(graph: SupplyGraph, trials: int, seed: int) -> np.ndarray:
    """The draws before blocks: every trial from one ``draw_failures`` call."""
    draws = mc.draw_failures(graph, trials, np.random.default_rng(seed))
    return mc.trial_services(graph, build_schedule(graph), draws)


def _blockwise(graph: SupplyGraph, trials: int, seed: int | np.random.SeedSequence, size: int) -> np.ndarray:
    """The definition: blocks of ``size`` trials, drawn one after the other from one Generator."""
    rng = np.random.default_rng(seed)
    schedule = build_schedule(graph)
    parts = [mc.trial_services(graph, schedule, mc.draw_failures(graph, min(size, trials - first), rng))
             for first in range(0, trials, size)]
    return np.concatenate(parts)


@pytest.mark.parametrize("seed", [0, 1, 7, 12345])
@pytest.mark.parametrize("trials", [1, 63, 64, 65, 1000, 10_000])
def test_a_run_in_one_block_is_the_single_draw_bit_for_bit(seed: int, trials: int) -> None:
    graph = _graph()
    assert mc.block_trials(graph) >= trials
    new = mc.simulate(graph, build_schedule(graph), trials, np.random.default_rng(seed))
    old = _one_draw(graph, trials, seed)
    assert np.array_equal(new, old)
    assert mc.summarise(new, 0.9, seed).to_json() == mc.summarise(old, 0.9, seed).to_json()


def test_block_size_is_the_bit_budget_over_items_in_whole_words() -> None:
    graph = _graph()
    items = graph.n_nodes + graph.n_edges
    assert mc.block_trials(graph) == mc.BLOCK_BITS // items // 64 * 64
    assert mc.block_trials(graph, 64 * items * 3 + 5) == 192
    assert mc.block_trials(graph, 1) == 64  # never less than one word
    # the seed-size platform (46,639 entities and supply flows) keeps today's 10,000 default in one block
    assert mc.BLOCK_BITS // 46_639 // 64 * 64 == 22_976


@pytest.mark.parametrize("trials", [64 * 5, 64 * 5 + 1, 1999, 4096])
def test_a_large_run_is_its_blocks_in_order_and_never_holds_more_than_one(monkeypatch, trials: int) -> None:
    graph = _graph()
    items = graph.n_nodes + graph.n_edges
    monkeypatch.setattr(mc, "BLOCK_BITS", 64 * 5 * items)  # blocks of 320 trials
    size = mc.block_trials(graph)
    assert size == 320
    held: list[int] = []
    real = mc.draw_failures

    def spy(g, n, rng, check=None):
        held.append(n)
        return real(g, n, rng, check)

    monkeypatch.setattr(mc, "draw_failures", spy)
    fractions: list[float] = []
    got = mc.simulate(graph, build_schedule(graph), trials, np.random.default_rng(3), fractions.append)
    assert held == [min(size, trials - f) for f in range(0, trials, size)]
    assert max(held) * items <= mc.BLOCK_BITS
    assert np.array_equal(got, _blockwise(graph, trials, 3, size))
    assert fractions == sorted(fractions) and 0.0 <= fractions[0] and fractions[-1] == pytest.approx(1.0)
    if trials > size:  # a fresh stream per block: not the single draw
        assert not np.array_equal(got, _one_draw(graph, trials, 3))


def test_blocks_do_not_change_the_analysis_up_to_one_block() -> None:
    scenario = _chain_model()
    for seed in (0, 5):
        settings = AnalysisSettings(seed=seed, trials=5000, orders=3)
        res = analyze_resilience(scenario, settings)
        graph = build_supply_graph(scenario, settings.supply_kinds)
        mc_seq = np.random.SeedSequence(seed).spawn(2)[0]
        old = mc.trial_services(graph, build_schedule(graph),
                                mc.draw_failures(graph, 5000, np.random.default_rng(mc_seq)))
        assert res.monte_carlo.to_json() == mc.summarise(old, settings.threshold, seed).to_json()


def test_memory_does_not_grow_with_the_alive_bits(monkeypatch) -> None:
    """One float per trial plus one small block: 400,000 trials of a 64-item graph held
    25.6 MB of alive bits at once (and a 400,000-float list for the mean)."""
    graph = _graph()
    items = graph.n_nodes + graph.n_edges
    monkeypatch.setattr(mc, "BLOCK_BITS", 1 << 20)  # 128 KiB of alive bits per block
    trials = 400_000
    schedule = build_schedule(graph)
    tracemalloc.start()
    try:
        services = mc.simulate(graph, schedule, trials, np.random.default_rng(1))
        mc.summarise(services, 0.9, 1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    whole_draw = items * trials / 8
    assert whole_draw > 2_000_000
    # services (3.2 MB) + the percentile copy (3.2 MB) + one block's work: far below one draw of every trial
    assert peak < 3 * services.nbytes + 4_000_000, peak


def test_analyze_three_million_trials_finishes_with_the_blockwise_figures(monkeypatch, tmp_path, capsys) -> None:
    """``analyze --trials 3000000`` ended in MemoryError on a mid-size model; a small model
    with a small block budget goes through the same path quickly."""
    scenario = _chain_model(width=3, depth=3)
    path = tmp_path / "p.ecodesk"
    write_project_atomic(Project("m", scenarios=[scenario]), path)
    graph = build_supply_graph(scenario, AnalysisSettings().supply_kinds)
    monkeypatch.setattr(mc, "BLOCK_BITS", 1 << 21)
    size = mc.block_trials(graph)
    trials = 3_000_000
    assert trials // size >= 25  # many blocks
    assert main(["analyze", str(path), "--json", "--trials", str(trials), "--orders", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    got = out["resilience"]["monte_carlo"] if "resilience" in out else out[0]["resilience"]["monte_carlo"]
    seed = AnalysisSettings().seed
    mc_seq = np.random.SeedSequence(seed).spawn(2)[0]
    want = mc.summarise(_blockwise(graph, trials, mc_seq, size), 0.9, seed).to_json()
    assert got == json.loads(json.dumps(want))
    assert got["trials"] == trials
