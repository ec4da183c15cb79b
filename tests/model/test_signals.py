"""Model signals: weakly held bound methods, strong lambdas, blocking, and Bindings."""

from __future__ import annotations

import gc

from ecodesk.model import Bindings, Signal


class Receiver:
    def __init__(self) -> None:
        self.got: list[object] = []

    def on_value(self, value: object) -> None:
        self.got.append(value)


def test_bound_method_is_called_while_receiver_lives() -> None:
    sig = Signal("s")
    r = Receiver()
    sig.connect(r.on_value)  # the temporary bound method object must not be what keeps it connected
    gc.collect()
    sig.emit(1)
    sig.emit(2)
    assert r.got == [1, 2]
    assert len(sig) == 1


def test_collected_receiver_stops_being_called_and_is_pruned() -> None:
    sig = Signal("s")
    calls: list[object] = []

    class Counting(Receiver):
        def on_value(self, value: object) -> None:
            calls.append(value)

    r = Counting()
    sig.connect(r.on_value)
    sig.emit("a")
    del r
    gc.collect()
    sig.emit("b")  # must not raise, must not call
    assert calls == ["a"]
    assert len(sig) == 0


def test_lambdas_and_functions_are_held_strongly() -> None:
    sig = Signal("s")
    seen: list[int] = []
    sig.connect(lambda v: seen.append(v))
    gc.collect()
    sig.emit(3)
    assert seen == [3]
    assert len(sig) == 1


def test_disconnect_bound_method_and_connect_once() -> None:
    sig = Signal("s")
    r = Receiver()
    sig.connect(r.on_value)
    sig.connect(r.on_value)  # connecting twice keeps one connection
    assert len(sig) == 1
    sig.disconnect(r.on_value)
    sig.emit(1)
    assert r.got == []
    assert len(sig) == 0
    sig.disconnect(r.on_value)  # unknown slots are ignored


def test_blocked_suppresses_emission_and_nests() -> None:
    sig = Signal("s")
    r = Receiver()
    sig.connect(r.on_value)
    with sig.blocked():
        with sig.blocked():
            sig.emit(1)
        sig.emit(2)
    sig.emit(3)
    assert r.got == [3]


def test_bindings_clear_disconnects_everything_it_made() -> None:
    a, b = Signal("a"), Signal("b")
    r = Receiver()
    other: list[object] = []
    a.connect(other.append)  # made outside the bindings: survives clear()
    bindings = Bindings()
    bindings.connect(a, r.on_value)
    bindings.connect(b, r.on_value)
    bindings.connect(b, lambda v: r.got.append(("lambda", v)))
    assert len(bindings) == 3
    a.emit(1)
    b.emit(2)
    assert r.got == [1, 2, ("lambda", 2)]
    bindings.clear()
    assert len(bindings) == 0
    a.emit(3)
    b.emit(4)
    assert r.got == [1, 2, ("lambda", 2)]
    assert other == [1, 3]
    assert len(a) == 1 and len(b) == 0


def test_bindings_do_not_keep_their_view_alive() -> None:
    sig = Signal("s")

    class View(Receiver):
        def __init__(self) -> None:
            super().__init__()
            self.bindings = Bindings()
            self.bindings.connect(sig, self.on_value)

    view = View()
    sig.emit(1)
    assert view.got == [1]
    gc.disable()  # plain reference counting alone must free the view: no cycle through Bindings
    try:
        del view
        assert len(sig) == 0
    finally:
        gc.enable()


def test_bindings_clear_after_receiver_died_is_harmless() -> None:
    sig = Signal("s")
    bindings = Bindings()
    r = Receiver()
    bindings.connect(sig, r.on_value)
    del r
    gc.collect()
    bindings.clear()
    assert len(sig) == 0
