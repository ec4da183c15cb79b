"""Commands layer: undoable edits of the project's saved views (the slides, SPEC §2 View).

Each class is one undo step: add, remove, change (rename, recapture, notes) and move a view.
They call only :class:`ecodesk.model.scenario.Project`'s view API, which emits
``views_changed``; undo puts a removed view back at its former index.
"""

from __future__ import annotations

from typing import Any

from ecodesk.commands.history import Command, tr_noop
from ecodesk.model.scenario import Project
from ecodesk.model.views import View


def _label(view: View) -> str:
    return view.title or view.id


def new_view_id(project: Project) -> str:
    """The first free id of the form ``view1``, ``view2``, …"""
    taken = {v.id for v in project.views}
    n = 1
    while f"view{n}" in taken:
        n += 1
    return f"view{n}"


class AddView(Command):
    """Add a saved view at ``index`` (default: last)."""

    def __init__(self, project: Project, view: View, index: int | None = None) -> None:
        super().__init__(tr_noop("Add view '{name}'"), name=_label(view))
        self.project, self.view, self.index = project, view, index

    def do(self) -> None:
        self.index = self.project.add_view(self.view, self.index)

    def undo(self) -> None:
        self.project.remove_view(self.view.id)


class RemoveView(Command):
    """Remove a saved view; undo puts it back where it was."""

    def __init__(self, project: Project, view_id: str) -> None:
        view = project.view(view_id)
        super().__init__(tr_noop("Delete view '{name}'"), name=_label(view))
        self.project, self.view_id = project, view_id
        self.view: View | None = None
        self.index = 0

    def do(self) -> None:
        self.view, self.index = self.project.remove_view(self.view_id)

    def undo(self) -> None:
        assert self.view is not None
        self.project.add_view(self.view, self.index)


class ChangeView(Command):
    """Replace a view by an edited copy with the same id (rename, update, speaker notes).

    With ``merge_key`` set, consecutive changes with the same key (typing the notes) merge
    into one undo step that restores the view as it was before the first keystroke.
    """

    def __init__(self, project: Project, new_view: View, text: str = "", merge_key: Any = None) -> None:
        old = project.view(new_view.id)
        super().__init__(text or tr_noop("Change view '{name}'"), name=_label(old))
        self.project, self.new = project, new_view
        self.old: View | None = None
        self.merge_id = ("view", id(project), new_view.id, merge_key) if merge_key is not None else None

    def do(self) -> None:
        old = self.project.replace_view(self.new)
        if self.old is None:
            self.old = old

    def redo(self) -> None:
        self.project.replace_view(self.new)

    def undo(self) -> None:
        assert self.old is not None
        self.project.replace_view(self.old)

    def merge(self, other: Command) -> bool:
        if not isinstance(other, ChangeView) or other.project is not self.project or other.new.id != self.new.id:
            return False
        self.new = other.new
        return True

    def is_noop(self) -> bool:
        return self.old is not None and self.old == self.new


class MoveView(Command):
    """Move a view to another place in the presentation order."""

    def __init__(self, project: Project, view_id: str, index: int) -> None:
        view = project.view(view_id)
        super().__init__(tr_noop("Move view '{name}'"), name=_label(view))
        self.project, self.view_id, self.index = project, view_id, index
        self.old_index = project.view_index(view_id)

    def do(self) -> None:
        self.old_index = self.project.move_view(self.view_id, self.index)

    def undo(self) -> None:
        self.project.move_view(self.view_id, self.old_index)


def rename_view(project: Project, view_id: str, title: str) -> ChangeView:
    """A command giving view ``view_id`` the title ``title``."""
    old = project.view(view_id)
    cmd = ChangeView(project, old.evolve(title=title), text=tr_noop("Rename view '{name}' to '{new}'"))
    cmd.params["new"] = title or view_id
    return cmd


def update_view(project: Project, captured: View) -> ChangeView:
    """A command putting what is shown now (``captured``: same id) into the saved view,
    keeping its title and speaker notes."""
    old = project.view(captured.id)
    return ChangeView(project, captured.evolve(title=old.title, text=old.text),
                      text=tr_noop("Update view '{name}'"))


def set_view_notes(project: Project, view_id: str, text: str) -> ChangeView:
    """A command setting the speaker notes; typing them merges into one undo step."""
    old = project.view(view_id)
    return ChangeView(project, old.evolve(text=text), text=tr_noop("Edit the notes of view '{name}'"),
                      merge_key="text")
