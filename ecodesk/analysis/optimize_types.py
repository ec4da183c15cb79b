"""Analysis layer: the result and option types of the design optimiser (SPEC §3.6).

Kept apart from :mod:`ecodesk.analysis.optimize` so that applying a design
(:mod:`ecodesk.analysis.optimize_apply`) needs no import of the solver module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ecodesk.model import EcodeskError


@dataclass(frozen=True)
class DesignOptions:
    """The planner's constraints: redundancy r, budget for fixed costs, capabilities to keep
    and to exclude, and a time limit in seconds (None = none)."""

    redundancy: int = 1
    budget: float | None = None
    keep: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    time_limit: float | None = None


@dataclass(frozen=True)
class Assignment:
    """Where one demand goes: a capability (``capability`` its id) or standalone (None)."""

    demand: str
    entity: str
    category: str
    volume: float
    capability: str | None
    cost: float
    kind: str  # "flow" (a capability flow) or "need" (an unmet need)

    def to_json(self) -> dict[str, Any]:
        return {"demand": self.demand, "entity": self.entity, "category": self.category, "volume": self.volume,
                "capability": self.capability, "cost": self.cost}


@dataclass(frozen=True)
class DesignResult:
    """The optimiser's answer (SPEC §3.6). ``notes`` are English (the JSON), ``notes_zh``
    the same sentences in Chinese for summaries."""

    status: str  # "optimal" | "infeasible" | "time_limit"
    objective: float | None
    gap: float | None
    current_cost: float
    current_feasible: bool
    savings: float | None
    keep: tuple[str, ...]
    close: tuple[str, ...]
    assignments: tuple[Assignment, ...]
    notes: tuple[str, ...]
    reason: tuple[str, str] | None = None  # (en, zh) why infeasible, naming the constraint
    notes_zh: tuple[str, ...] = field(default=())
    redundancy: int = 1

    def to_json(self) -> dict[str, Any]:
        """Exactly the keys of SPEC §3.6."""
        return {
            "status": self.status,
            "objective": self.objective,
            "gap": self.gap,
            "current_cost": self.current_cost,
            "current_feasible": self.current_feasible,
            "savings": self.savings,
            "keep": list(self.keep),
            "close": list(self.close),
            "assignments": [a.to_json() for a in self.assignments],
            "notes": list(self.notes),
        }


class DesignInputError(EcodeskError):
    """Options the optimiser refuses (unknown capability id, negative budget, r < 1 …);
    ``sentence(lang)`` is one sentence in English or Chinese."""

    def __init__(self, message: str, message_zh: str) -> None:
        self.message, self.message_zh = message, message_zh
        super().__init__(message)

    def sentence(self, lang: str = "en") -> str:
        return self.message_zh if lang.startswith("zh") else self.message


@dataclass(frozen=True)
class TradeoffRow:
    """One redundancy level of the trade-off: the optimal cost and the resilience of the
    scenario the design would make (None where the design is infeasible)."""

    redundancy: int
    status: str
    objective: float | None
    expected_service: float | None
    targeted_r_index: float | None

    def to_json(self) -> dict[str, Any]:
        return {"redundancy": self.redundancy, "status": self.status, "objective": self.objective,
                "expected_service": self.expected_service, "targeted_r_index": self.targeted_r_index}
