"""Engine layer (a leaf: standard library only): Python's cyclic garbage collector paused
while a block builds many objects that are not cyclic garbage — a file read into the model,
a scene put on the canvas, the JSON of a result. Each collection during such a block walks
every object made so far for nothing (repeated full collections: seconds at ten times the
seed platform); afterwards the collector is as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic garbage collection inside the block (also when it raises); on leaving,
    the collector is on again if it was on before."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
