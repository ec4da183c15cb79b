"""Benchmarks' generator (tests/benchmarks/generate.py): a valid, deterministic S2B2B
project of the requested size, shaped like seed 001 (platform, suppliers, warehouses,
services, distributors, user segments)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ecodesk.model import EntityKind, FlowKind, PoolType
from ecodesk.store import open_project


def test_small_project_is_valid_and_deterministic(generator: Any) -> None:
    a = generator.generate_s2b2b(5, 50, 3, seed=0)
    b = generator.generate_s2b2b(5, 50, 3, seed=0)
    c = generator.generate_s2b2b(5, 50, 3, seed=1)
    assert a.content_equals(b) and not a.content_equals(c)
    s = a.scenario()
    kinds = Counter(e.kind for e in s.entities)
    assert kinds[EntityKind.PLATFORM] == 1 and kinds[EntityKind.SUPPLIER] == 5 and kinds[EntityKind.CHANNEL] == 50
    assert kinds[EntityKind.USER] >= 1 and kinds[EntityKind.SERVICE] == 3 + 1  # + one shared warehouse
    assert all(0 <= e.risk <= 0.1 for e in s.entities if e.id != "P")
    assert all(0 <= f.risk <= 0.1 for f in s.flows)
    assert all(e.demand > 0 for e in s.entities if e.kind is EntityKind.USER)
    assert all(e.demand == 0 for e in s.entities if e.kind is not EntityKind.USER)
    flow_kinds = Counter(f.kind for f in s.flows)
    assert {FlowKind.GOODS, FlowKind.LOGISTICS, FlowKind.CAPABILITY, FlowKind.DATA, FlowKind.MONEY} <= set(flow_kinds)
    for f in s.flows:
        if f.kind is FlowKind.CAPABILITY:
            assert s.capabilities[f.capability].owner == f.source
            assert s.entities[f.target].kind is EntityKind.CHANNEL
        if f.kind is FlowKind.DATA and f.source.startswith("D"):
            assert f.target == "P"  # data flows back from distributors to the platform
    assert {p.type for p in s.pools} == {PoolType.COST, PoolType.REVENUE, PoolType.RESERVE}
    assert len(s.needs) > 0 and len(s.ecosystems) == 8
    xs = {
        k: {e.x for e in s.entities if e.kind is k} for k in (EntityKind.SUPPLIER, EntityKind.CHANNEL, EntityKind.USER)
    }
    assert max(xs[EntityKind.SUPPLIER]) < min(xs[EntityKind.CHANNEL]) < min(xs[EntityKind.USER])  # tiers


def test_size_scales_towards_the_default(generator: Any) -> None:
    s = generator.generate_s2b2b(50, 1000, 10, seed=0).scenario()
    # the default (500, 10000, 100) is ten times this: about 10,900 entities, 52,000 flows
    assert 1050 <= len(s.entities) <= 1110
    assert 5000 <= len(s.flows) <= 5400


def test_command_line_writes_a_project(tmp_path: Path) -> None:
    script = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"
    out = tmp_path / "gen.ecodesk"
    done = subprocess.run(
        [sys.executable, str(script), str(out), "--scale", "0.01", "--seed", "2"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "entities" in done.stdout
    project = open_project(out)
    assert len(project.scenario().entities) > 50
