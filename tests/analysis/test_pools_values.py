"""Flow-value weights of every pool from one pass over the flows (issue 19): the same floats,
bit for bit, as one pass per pool (the sums of a member are added in flow order either way)."""

from __future__ import annotations

import json

import numpy as np

from ecodesk.analysis import pools as pools_mod
from ecodesk.analysis.pools import analyze_pools, effective_weights, flow_values
from ecodesk.model import Entity, Flow, Pool, PoolRule, Scenario


def _former_weights(pool: Pool, scenario: Scenario) -> dict[str, float]:
    """effective_weights as it was: one pass over the flows for this pool."""
    members = set(pool.members)
    value = dict.fromkeys(pool.members, 0.0)
    for f in scenario.flows:
        if f.source in members:
            value[f.source] += f.value
        if f.target in members:
            value[f.target] += f.value
    return {m: float(pool.weights[m]) if m in pool.weights else (value[m] or 1.0) for m in pool.members}


def _scenario(seed: int) -> Scenario:
    rng = np.random.default_rng(seed)
    s = Scenario("values")
    for i in range(30):
        s.add(Entity(f"e{i}"))
    for k in range(400):
        a, b = (int(x) for x in rng.choice(30, size=2, replace=False))
        s.add(Flow(f"f{k}", f"e{a}", f"e{b}", volume=round(float(rng.uniform(0, 50)), 2),
                   unit_value=round(float(rng.uniform(0.1, 9)), 3)))
    members = [f"e{i}" for i in range(30)]
    for p in range(4):
        chosen = tuple(rng.choice(members, size=4 + 3 * p, replace=False).tolist())
        weights = {chosen[0]: 2.5} if p == 2 else {}
        s.add(Pool(f"p{p}", members=chosen, amount=1000.0 * (p + 1), rule=PoolRule.PROPORTIONAL, weights=weights))
    return s


def test_flow_values_equal_one_pass_per_pool_bit_for_bit() -> None:
    for seed in range(5):
        s = _scenario(seed)
        everyone = flow_values({m for p in s.pools for m in p.members}, s)
        for p in s.pools:
            want = _former_weights(p, s)
            assert json.dumps(effective_weights(p, s, everyone)) == json.dumps(want)
            assert json.dumps(effective_weights(p, s)) == json.dumps(want)
            assert list(effective_weights(p, s, everyone)) == list(p.members)  # member order kept


def test_analyze_pools_reads_the_flows_once_for_every_pool(monkeypatch) -> None:
    s = _scenario(1)
    want = [json.dumps(r.to_json()) for r in (pools_mod.analyze_pool(p, s) for p in s.pools)]
    calls: list[int] = []
    real = pools_mod.flow_values
    monkeypatch.setattr(pools_mod, "flow_values", lambda m, sc: calls.append(1) or real(m, sc))
    got = [json.dumps(r.to_json()) for r in analyze_pools(s)]
    assert got == want
    assert len(calls) == 1

