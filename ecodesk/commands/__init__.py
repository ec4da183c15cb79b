"""Commands layer (pure Python): every user edit as an undoable command, and the History."""

from ecodesk.commands.editrules import (
    change_command,
    default_name,
    evolved,
    new_object,
    parse_id_list,
    parse_number,
)
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
    "RemoveObject", "RemoveScenario", "RenameScenario", "change_command", "default_name", "duplicate_scenario", "evolved",
    "new_object", "parse_id_list", "parse_number", "paste_objects", "remove_objects",
    "set_membership", "set_pool_membership", "tr_noop", "unique_id", "unique_name",
]
