"""Commands layer: the undo stack — undo, redo, macros, merging and a clean index.

Every user edit is a :class:`Command`; the UI never assigns to the model directly.
``History.push`` runs the command and records it only if it succeeded, so a refused
edit leaves neither the model nor the stack changed. A macro groups several commands
into one undo step and is atomic: if any part fails, the parts already done are undone.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from ecodesk.model.signals import Signal


def tr_noop(text: str) -> str:
    """Marks command labels for translation; the UI translates them in context 'commands'."""
    return text


class Command:
    """One undoable edit. Subclasses implement :meth:`do` and :meth:`undo`."""

    #: Commands with equal, non-None ``merge_id`` pushed one after another merge into one
    #: undo step (typing into a spin box).
    merge_id: Hashable | None = None

    def __init__(self, template: str, **params: Any) -> None:
        #: English label template ("Add {what} '{name}'") and its parameters; the UI
        #: translates the template in context 'commands' and then formats it.
        self.template = template
        self.params = params

    @property
    def text(self) -> str:
        return self.template.format(**self.params) if self.params else self.template

    def do(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self.do()

    def merge(self, other: Command) -> bool:
        """Absorb ``other`` (already done) into self; return False if that is impossible."""
        return False

    def is_noop(self) -> bool:
        """True when the command (after merges) changes nothing: the history then drops it
        (typing a value and then typing the old one back leaves no undo step)."""
        return False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.text!r}>"


class Macro(Command):
    """Several commands as one undo step; atomic on failure."""

    def __init__(self, template: str, children: list[Command] | None = None, **params: Any) -> None:
        super().__init__(template, **params)
        self.children: list[Command] = list(children or [])

    def do(self) -> None:
        done: list[Command] = []
        try:
            for child in self.children:
                child.do()
                done.append(child)
        except BaseException:
            for child in reversed(done):
                child.undo()
            raise

    def redo(self) -> None:
        done: list[Command] = []
        try:
            for child in self.children:
                child.redo()
                done.append(child)
        except BaseException:
            for child in reversed(done):
                child.undo()
            raise

    def undo(self) -> None:
        for child in reversed(self.children):
            child.undo()


class History:
    """An unlimited undo stack with a clean index.

    Signals: ``changed()`` after any push/undo/redo/clear, ``clean_changed(bool)``.
    """

    def __init__(self) -> None:
        self._stack: list[Command] = []
        self._index = 0  # commands [0, index) are done
        self._clean: int | None = 0  # None: the clean state can no longer be reached
        self._macro: list[Command] | None = None
        self._macro_depth = 0
        self._merge_blocked = False
        self.changed = Signal("history.changed")
        self.clean_changed = Signal("history.clean_changed")

    # state -------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    def __len__(self) -> int:
        return len(self._stack)

    @property
    def commands(self) -> list[Command]:
        return list(self._stack)

    def can_undo(self) -> bool:
        return self._index > 0 and self._macro is None

    def can_redo(self) -> bool:
        return self._index < len(self._stack) and self._macro is None

    def undo_command(self) -> Command | None:
        return self._stack[self._index - 1] if self.can_undo() else None

    def redo_command(self) -> Command | None:
        return self._stack[self._index] if self.can_redo() else None

    def undo_text(self) -> str:
        cmd = self.undo_command()
        return cmd.text if cmd else ""

    def redo_text(self) -> str:
        cmd = self.redo_command()
        return cmd.text if cmd else ""

    def is_clean(self) -> bool:
        return self._clean == self._index

    def set_clean(self) -> None:
        """Mark the current state as saved."""
        was = self.is_clean()
        self._clean = self._index
        self._merge_blocked = True  # an edit after a save must not merge into the saved one
        if not was:
            self.clean_changed.emit(True)
        self.changed.emit()

    def clear(self) -> None:
        was = self.is_clean()
        self._stack.clear()
        self._index = 0
        self._clean = 0
        if not was:
            self.clean_changed.emit(True)
        self.changed.emit()

    # editing -----------------------------------------------------------------
    def push(self, command: Command) -> Command:
        """Run ``command`` and record it. If it raises, nothing is recorded."""
        command.do()
        if self._macro is not None:
            self._macro.append(command)
            return command
        self._record(command)
        return command

    def _record(self, command: Command) -> None:
        was = self.is_clean()
        del self._stack[self._index:]
        if self._clean is not None and self._clean > self._index:
            self._clean = None
        top = self._stack[-1] if self._stack else None
        if (
            top is not None
            and not self._merge_blocked
            and command.merge_id is not None
            and top.merge_id == command.merge_id
            and self._clean != self._index
            and top.merge(command)
        ):
            self._merge_blocked = False
            if top.is_noop():  # merged back to where it started: no undo step, and a fresh one next
                self._stack.pop()
                self._index -= 1
                self._merge_blocked = True
        else:
            self._stack.append(command)
            self._index += 1
            self._merge_blocked = False
        if was != self.is_clean():
            self.clean_changed.emit(self.is_clean())
        self.changed.emit()

    def open_merge(self, merge_id: Hashable) -> Command | None:
        """The step a command with ``merge_id`` pushed now would merge into (the user is still
        typing into that field), or None."""
        top = self._stack[-1] if self._stack and self._index == len(self._stack) else None
        if (top is None or self._merge_blocked or self._macro is not None or merge_id is None
                or top.merge_id != merge_id or self._clean == self._index):
            return None
        return top

    def break_merge(self) -> None:
        """The next pushed command starts a new undo step (e.g. a spin box lost focus)."""
        self._merge_blocked = True

    @contextmanager
    def macro(self, text: str, **params: Any) -> Iterator[None]:
        """Group the commands pushed inside into one undo step; atomic on failure."""
        if self._macro is not None:  # nested: join the outer macro
            self._macro_depth += 1
            try:
                yield
            finally:
                self._macro_depth -= 1
            return
        self._macro = []
        try:
            yield
        except BaseException:
            children, self._macro = self._macro, None
            for child in reversed(children):
                child.undo()
            raise
        children, self._macro = self._macro, None
        if children:
            self._record(Macro(text, children, **params))

    def undo(self) -> bool:
        if not self.can_undo():
            return False
        was = self.is_clean()
        self._stack[self._index - 1].undo()
        self._index -= 1
        self._merge_blocked = True
        if was != self.is_clean():
            self.clean_changed.emit(self.is_clean())
        self.changed.emit()
        return True

    def redo(self) -> bool:
        if not self.can_redo():
            return False
        was = self.is_clean()
        self._stack[self._index].redo()
        self._index += 1
        self._merge_blocked = True
        if was != self.is_clean():
            self.clean_changed.emit(self.is_clean())
        self.changed.emit()
        return True
