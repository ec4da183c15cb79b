"""Module-level functions the sweep tests send to worker processes (pickled by name, so they
live in a module a worker can import: this folder is put on sys.path by test_sweep*.py).
No tests here."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

from ecodesk.analysis import sweep_parts
from ecodesk.analysis.run import run_analysis
from ecodesk.model import AnalysisSettings, Flow, Scenario


def monte_carlo(local: tuple[Scenario, AnalysisSettings], task: tuple[int, float]) -> tuple[float, float, float]:
    """A seeded what-if: the first capability flow's volume times ``factor``, Monte Carlo with ``seed`` —
    (expected service, total cost, reuse savings) of run_analysis on that model."""
    scenario, settings = local
    seed, factor = task
    changed = scenario.copy()
    flow = first_capability_flow(changed)
    changed.replace(flow.evolve(volume=flow.volume * factor))
    result = run_analysis(changed, settings.evolve(seed=seed)).to_json()
    return (result["resilience"]["monte_carlo"]["expected_service"], result["cost_sharing"]["total_cost"],
            result["reuse"]["total_savings"])


def first_capability_flow(scenario: Scenario) -> Any:
    return next(f for f in scenario.flows if f.capability)


def square(local: int, task: int) -> int:
    return local + task * task


def where(local: Any, task: int) -> tuple[int, int, int]:
    """(task, this process's id, how many times this process built a worker-local object)."""
    return task, os.getpid(), sweep_parts.PREPARED_COUNT


def identity(payload: Any) -> Any:
    return payload


def slow(local: Any, task: int) -> int:
    time.sleep(0.05)
    return task


def fail_at_seven(local: Any, task: int) -> int:
    if task == 7:
        raise ValueError(f"task {task} cannot be evaluated: volume must be positive")
    return task


class Stubborn(Exception):
    """An error that pickles but cannot be rebuilt by its __init__ (like ValidationError)."""

    def __init__(self, what: str, field: str) -> None:
        self.what, self.field = what, field
        super().__init__(f"{what}.{field} is broken")


class Unsendable(Exception):
    """An error that holds something no pickle can carry."""

    def __init__(self, message: str) -> None:
        self.lock = threading.Lock()
        super().__init__(message)


def fail_stubborn(local: Any, task: int) -> int:
    if task == 3:
        raise Stubborn("flow f1", "volume")
    return task


def fail_validation(local: Any, task: int) -> int:
    if task == 5:
        Flow("f1", "a", "b", "goods", volume=-1.0)
    return task


def fail_unsendable(local: Any, task: int) -> int:
    if task == 3:
        raise Unsendable("flow f1.volume is broken")
    return task


def touch(local: str, task: int) -> int:
    """Leaves a mark that a task ran (the unreachable-cluster test checks nothing did)."""
    Path(local).write_text(str(task))
    return task


def die_at_five(local: Any, task: int) -> int:
    if task == 5:
        os._exit(3)  # a worker killed (as by the out-of-memory killer)
    return task


def slow_where(local: Any, task: int) -> tuple[int, int, int]:
    time.sleep(0.03)
    return where(local, task)
