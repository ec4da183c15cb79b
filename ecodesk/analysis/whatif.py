"""Analysis layer: "what if it leaves?" — what one entity's exit does, as typed figures.

The service lost and the dependency cascade are the failure figures of the intact scenario
(``critical_entities`` and ``cascade``: downstream partners lose their supply); the cost
sharing and reuse changes compare the intact scenario with ``without`` — the same scenario
re-planned without the entity (the caller removes it, e.g. with the commands' removal, so
flows, needs and pool memberships go with it). Neither scenario is edited.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ecodesk.analysis.costshare import analyze_cost_sharing
from ecodesk.analysis.resilience import analyze_resilience
from ecodesk.analysis.reuse import Gap, analyze_reuse
from ecodesk.model import AnalysisSettings, Scenario


@dataclass(frozen=True)
class PartnerChange:
    """One cost-game player's fair share and savings before and after (None: not a player)."""

    id: str
    shapley_before: float | None
    shapley_after: float | None
    savings_before: float | None
    savings_after: float | None

    @property
    def change(self) -> float | None:
        if self.shapley_before is None or self.shapley_after is None:
            return None
        return self.shapley_after - self.shapley_before


@dataclass(frozen=True)
class LostCapability:
    """A capability the leaving entity provided, and who used it."""

    id: str
    name: str
    consumers: tuple[str, ...]


@dataclass(frozen=True)
class WhatIf:
    """The effect of ``entity`` leaving (see the module docstring)."""

    entity: str
    name: str
    service_before: float
    service_loss: float
    cascade_size: int
    cascade_failed: tuple[str, ...]  # the others that fail with it
    cascade_service: float
    cascade_threshold: float
    partners: tuple[PartnerChange, ...]
    total_cost_before: float
    total_cost_after: float
    savings_before: float
    savings_after: float
    reuse_savings_before: float
    reuse_savings_after: float
    lost_capabilities: tuple[LostCapability, ...]
    new_gaps: tuple[Gap, ...]
    pools_left: tuple[str, ...]  # names of the pools it was a member of

    @property
    def service_after(self) -> float:
        return self.service_before - self.service_loss


def what_if(base: Scenario, without: Scenario, settings: AnalysisSettings, entity_id: str) -> WhatIf:
    """The figures of ``entity_id`` leaving ``base`` (``without``: ``base`` re-planned without it)."""
    light = dataclasses.replace(settings, trials=1, orders=1)  # Monte Carlo and curves are not needed
    res = analyze_resilience(base, light)
    loss = res.service_loss.get(entity_id, 0.0)
    cascade = next((c for c in res.cascade if c.id == entity_id), None)
    cs_before = analyze_cost_sharing(base, seed=settings.seed)
    cs_after = analyze_cost_sharing(without, seed=settings.seed)
    reuse_before, reuse_after = analyze_reuse(base), analyze_reuse(without)
    partners = tuple(
        PartnerChange(p, cs_before.shapley.get(p), cs_after.shapley.get(p), cs_before.savings.get(p),
                      cs_after.savings.get(p))
        for p in dict.fromkeys([*cs_before.players, *cs_after.players])
    )
    gaps_before = {g.need for g in reuse_before.gaps}
    return WhatIf(
        entity=entity_id,
        name=base.entities[entity_id].label,
        service_before=res.service_level,
        service_loss=loss,
        cascade_size=cascade.cascade_size if cascade else 1,
        cascade_failed=tuple(i for i in cascade.failed if i != entity_id) if cascade else (),
        cascade_service=cascade.service_level if cascade else res.service_level,
        cascade_threshold=settings.cascade_threshold,
        partners=partners,
        total_cost_before=cs_before.total_cost,
        total_cost_after=cs_after.total_cost,
        savings_before=cs_before.total_savings,
        savings_after=cs_after.total_savings,
        reuse_savings_before=reuse_before.total_savings,
        reuse_savings_after=reuse_after.total_savings,
        lost_capabilities=tuple(LostCapability(c.id, c.name or c.id, tuple(c.consumers))
                                for c in reuse_before.capabilities if c.owner == entity_id and c.consumers),
        new_gaps=tuple(g for g in reuse_after.gaps if g.need not in gaps_before),
        pools_left=tuple(p.label for p in base.pools if entity_id in p.members),
    )
