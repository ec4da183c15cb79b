"""Sensitivity and uncertainty on a 2-worker Dask LocalCluster and on two local processes give
the numbers of this process (each sample its own seed; each change its own run). Skipped
without distributed (the cluster extra)."""

from __future__ import annotations

import pytest

from ecodesk.analysis.sensitivity import sensitivity
from ecodesk.analysis.uncertainty import uncertainty
from ecodesk.model import AnalysisSettings
from ecodesk.model.ranges import with_range
from ecodesk.templates import load_template

FAST = AnalysisSettings(seed=11, trials=300, orders=4)
METRIC = "resilience.monte_carlo.expected_service"  # needs real runs (no per-capability shortcut)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="the Dask path needs the cluster extra (dask[distributed])")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


def _ranged():
    s = load_template("pharmacy_lockers").scenarios[0].copy()
    for e in list(s.entities):
        if e.risk:
            s.replace(with_range(e, "risk", e.risk / 2, min(1.0, 2 * e.risk)))
    for c in list(s.capabilities):
        if c.fixed_cost:
            s.replace(with_range(c, "fixed_cost", 0.5 * c.fixed_cost, 1.5 * c.fixed_cost))
    return s


def test_same_numbers_here_on_two_processes_and_on_a_local_cluster(cluster):
    s = _ranged()
    here = sensitivity(s, FAST, METRIC, top=None, workers=1)
    assert sum(1 for r in here.rows if r.swing > 0) >= 3
    assert sensitivity(s, FAST, METRIC, top=None, workers=2) == here
    assert sensitivity(s, FAST, METRIC, top=None, dask=cluster) == here
    u_here = uncertainty(s, FAST, METRIC, samples=24, workers=1)
    assert len(set(u_here.values)) > 1
    assert uncertainty(s, FAST, METRIC, samples=24, workers=2) == u_here
    assert uncertainty(s, FAST, METRIC, samples=24, dask=cluster) == u_here
