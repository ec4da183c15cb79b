"""Commands layer (pure Python): every user edit as an undoable command, and the History."""

from ecodesk.commands.edits import (
    AddObject,
    AddScenario,
    ChangeObject,
    ChangeProject,
    MoveEntities,
    RemoveObject,
    RemoveScenario,
    RenameScenario,
    duplicate_scenario,
    paste_objects,
    remove_objects,
    set_membership,
    set_pool_membership,
    unique_id,
    unique_name,
)
from ecodesk.commands.history import Command, History, Macro, tr_noop

__all__ = [
    "AddObject", "AddScenario", "ChangeObject", "ChangeProject", "Command", "History", "Macro", "MoveEntities",
    "RemoveObject", "RemoveScenario", "RenameScenario", "duplicate_scenario", "paste_objects", "remove_objects",
    "set_membership", "set_pool_membership", "tr_noop", "unique_id", "unique_name",
]
