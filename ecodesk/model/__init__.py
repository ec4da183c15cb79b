"""Model layer (pure Python, no Qt): the domain objects of SPEC §2, validation and change signals."""

from ecodesk.model.bulk import build_many
from ecodesk.model.errors import EcodeskError, ValidationError
from ecodesk.model.kinds import (
    DEFAULT_SUPPLY_KINDS,
    RULES_BY_TYPE,
    EntityKind,
    FlowKind,
    PoolRule,
    PoolType,
)
from ecodesk.model.objects import (
    COLLECTIONS,
    AnalysisSettings,
    Annotation,
    Capability,
    Ecosystem,
    Entity,
    Flow,
    ModelObject,
    Need,
    Pool,
    Tier,
    category_key,
    make,
    normalize_color,
)
from ecodesk.model.scenario import Collection, Project, Scenario
from ecodesk.model.signals import Bindings, Signal
from ecodesk.model.views import VIEW_COLOR_MODES, VIEW_PANELS, View

__all__ = [
    "COLLECTIONS", "DEFAULT_SUPPLY_KINDS", "RULES_BY_TYPE", "VIEW_COLOR_MODES", "VIEW_PANELS", "AnalysisSettings",
    "Annotation", "Bindings", "Capability", "Collection",
    "EcodeskError", "Ecosystem", "Entity", "EntityKind", "Flow", "FlowKind", "ModelObject", "Need", "Pool",
    "PoolRule", "PoolType", "Project", "Scenario", "Signal", "Tier", "ValidationError", "View", "build_many", "category_key",
    "make", "normalize_color",
]
