"""ecodesk.gcpause: the one way the collector is paused (opening a file, putting a scene on
the canvas, writing a result's JSON, the command line's long-lived project)."""

from __future__ import annotations

import gc

import pytest

from ecodesk.gcpause import collector_paused


def test_collector_paused_pauses_the_collector_and_restores_it():
    was = gc.isenabled()  # (whatever an earlier test left)
    gc.enable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        with pytest.raises(ValueError), collector_paused():
            raise ValueError
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            pass
        assert not gc.isenabled()  # (it was off: it stays off)
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
