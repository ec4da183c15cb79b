"""Shared helpers for the template tests: the template catalogue and a cached, fast analysis."""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import Any

import pytest

from ecodesk.analysis.run import analyze_scenario
from ecodesk.templates import list_templates, load_template

#: The templates the product promises (issue 6); more may follow.
EXPECTED = (
    "blank", "sensor_reuse", "nev_hub", "catering", "s2b2b_appliance", "o2o_mall", "pharmacy_lockers",
    "farm_cobuild", "influencer_tiered",
)
#: Every shipped template but the blank one: complete, analysable models.
CASES = sorted(t.name for t in list_templates() if t.name != "blank")

#: Small Monte Carlo and robustness runs: the figures asserted here do not depend on them.
TRIALS, ORDERS = 300, 20


@functools.cache
def analysis(name: str, scenario: str | None = None) -> dict[str, Any]:
    """The SPEC §5 analysis of one scenario of template ``name`` (the first when None)."""
    project = load_template(name)
    sc = project.scenario(scenario)
    return analyze_scenario(sc, project.settings.evolve(trials=TRIALS, orders=ORDERS))


@functools.cache
def all_analyses(name: str) -> tuple[dict[str, Any], ...]:
    return tuple(analysis(name, s) for s in load_template(name).scenario_names())


def capability(result: dict[str, Any], cap_id: str) -> dict[str, Any]:
    return next(c for c in result["reuse"]["capabilities"] if c["id"] == cap_id)


def pool(result: dict[str, Any], pool_id: str) -> dict[str, Any]:
    return next(p for p in result["cost_sharing"]["pools"] if p["id"] == pool_id)


def loss(result: dict[str, Any], entity: str) -> float:
    return next(c["service_loss"] for c in result["resilience"]["critical_entities"] if c["id"] == entity)


@pytest.fixture(scope="session")
def kit() -> SimpleNamespace:
    """The helpers above, for test modules (which cannot import a conftest)."""
    return SimpleNamespace(analysis=analysis, all_analyses=all_analyses, capability=capability, pool=pool, loss=loss,
                           EXPECTED=EXPECTED, CASES=CASES, TRIALS=TRIALS, ORDERS=ORDERS)


@pytest.fixture(params=CASES)
def case(request: pytest.FixtureRequest) -> str:
    return str(request.param)
