"""Model layer: a tiny synchronous signal, so views can follow the model without Qt.

The model must not import Qt (ARCHITECTURE.md); this is the whole of what it needs:
connect, disconnect, emit, a context manager to block emission, and :class:`Bindings`,
which remembers what a view connected so one ``clear()`` undoes it all.

Bound methods are held weakly (a weak reference to the receiver, like
:class:`weakref.WeakMethod`, but cheaper to call): a view that is garbage
collected silently stops receiving, and its dead slot is pruned on the next emit. Plain
functions, lambdas and built-in methods (e.g. a Qt signal's ``emit``) are held strongly,
as a lambda usually has no other owner. A view whose C++ side Qt may delete while its
Python wrapper lives on clears its :class:`Bindings` when it detaches or is destroyed.
"""

from __future__ import annotations

import types
import warnings
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Slot = Callable[..., Any]
# One connection: (weakref to the receiver, its function) for a bound method, (None, callable)
# otherwise. Calling ``func(receiver, *args)`` after a C-level ``ref()`` keeps emit about as
# fast as a strong list (weakref.WeakMethod's own call is Python code, several times slower).
_Entry = tuple["weakref.ref[Any] | None", Callable[..., Any]]


def _entry(slot: Slot) -> _Entry:
    if isinstance(slot, types.MethodType):
        try:
            return weakref.ref(slot.__self__), slot.__func__
        except TypeError:  # the receiver cannot be weakly referenced (__slots__ without __weakref__)
            pass
    return None, slot


def _resolve(entry: _Entry) -> Slot | None:
    """The callable an entry stands for (a fresh bound method), None if its receiver died."""
    ref, func = entry
    if ref is None:
        return func
    obj = ref()
    return None if obj is None else types.MethodType(func, obj)


def _matches(entry: _Entry, slot: Slot) -> bool:
    ref, func = entry
    if ref is None:
        return func == slot
    return isinstance(slot, types.MethodType) and slot.__func__ is func and slot.__self__ is ref()


class Signal:
    """A list of callbacks called in connection order on :meth:`emit`."""

    __slots__ = ("_blocked", "_slots", "name")

    def __init__(self, name: str = "") -> None:
        self.name = name
        # A tuple, replaced (never changed in place) on connect/disconnect: emit iterates a
        # snapshot for free, so slots may connect or disconnect while it runs.
        self._slots: tuple[_Entry, ...] = ()
        self._blocked = 0

    def _index(self, slot: Slot) -> int:
        for i, entry in enumerate(self._slots):
            if _matches(entry, slot):
                return i
        return -1

    def connect(self, slot: Slot) -> Slot:
        """Connect ``slot`` (once); returns it so this works as a decorator."""
        if self._index(slot) < 0:
            self._slots = (*self._slots, _entry(slot))
        return slot

    def disconnect(self, slot: Slot | None = None) -> None:
        """Disconnect ``slot`` (all slots when None); unknown slots are ignored."""
        if slot is None:
            self._slots = ()
            return
        i = self._index(slot)
        if i >= 0:
            self._slots = self._slots[:i] + self._slots[i + 1:]

    def emit(self, *args: Any) -> None:
        if self._blocked:
            return
        dead = False
        for ref, func in self._slots:
            if ref is None:
                func(*args)
            else:
                obj = ref()
                if obj is None:
                    dead = True
                else:
                    func(obj, *args)
        if dead:
            self._prune()

    def _prune(self) -> None:
        self._slots = tuple(e for e in self._slots if e[0] is None or e[0]() is not None)

    @contextmanager
    def blocked(self) -> Iterator[None]:
        self._blocked += 1
        try:
            yield
        finally:
            self._blocked -= 1

    def __len__(self) -> int:
        """Number of live connections (dead receivers are pruned first)."""
        self._prune()
        return len(self._slots)

    def __repr__(self) -> str:
        return f"<Signal {self.name} ({len(self)} slots)>"


class Bindings:
    """The connections one view made, undone together by :meth:`clear`.

    ``b.connect(signal, slot)`` connects and remembers the pair; bound methods are remembered
    weakly, like :class:`Signal` holds them, so a view owning its Bindings is not kept alive by
    them. Works with anything that has ``connect``/``disconnect`` (a model :class:`Signal`, or a
    Qt signal instance).
    """

    __slots__ = ("__weakref__", "_pairs")

    def __init__(self) -> None:
        self._pairs: list[tuple[Any, _Entry]] = []

    def connect(self, signal: Any, slot: Slot) -> Slot:
        signal.connect(slot)
        self._pairs.append((signal, _entry(slot)))
        return slot

    def clear(self, *_args: Any) -> None:
        """Disconnect every pair made (extra arguments ignored, so Qt's ``destroyed`` can call it)."""
        pairs, self._pairs = self._pairs, []
        for signal, entry in pairs:
            slot = _resolve(entry)
            if slot is None:  # receiver already collected: its weak slot is just dead weight
                if isinstance(signal, Signal):
                    signal._prune()
                continue
            if isinstance(signal, Signal):
                signal.disconnect(slot)
                continue
            with warnings.catch_warnings():  # a Qt signal: Qt may have cut the connection already
                warnings.simplefilter("ignore", RuntimeWarning)
                try:
                    signal.disconnect(slot)
                except Exception:  # its object deleted: nothing left to disconnect
                    pass

    def __len__(self) -> int:
        return len(self._pairs)

    def __repr__(self) -> str:
        return f"<Bindings ({len(self._pairs)} connections)>"
