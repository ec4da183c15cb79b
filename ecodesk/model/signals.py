"""Model layer: a tiny synchronous signal, so views can follow the model without Qt.

The model must not import Qt (ARCHITECTURE.md); this is the whole of what it needs:
connect, disconnect, emit, and a context manager to block emission.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


class Signal:
    """A list of callbacks called in connection order on :meth:`emit`."""

    __slots__ = ("_blocked", "_slots", "name")

    def __init__(self, name: str = "") -> None:
        self.name = name
        self._slots: list[Callable[..., Any]] = []
        self._blocked = 0

    def connect(self, slot: Callable[..., Any]) -> Callable[..., Any]:
        """Connect ``slot``; returns it so this works as a decorator."""
        if slot not in self._slots:
            self._slots.append(slot)
        return slot

    def disconnect(self, slot: Callable[..., Any] | None = None) -> None:
        """Disconnect ``slot`` (all slots when None); unknown slots are ignored."""
        if slot is None:
            self._slots.clear()
        elif slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        if self._blocked:
            return
        for slot in list(self._slots):
            slot(*args)

    @contextmanager
    def blocked(self) -> Iterator[None]:
        self._blocked += 1
        try:
            yield
        finally:
            self._blocked -= 1

    def __len__(self) -> int:
        return len(self._slots)

    def __repr__(self) -> str:
        return f"<Signal {self.name} ({len(self._slots)} slots)>"
