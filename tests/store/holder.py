"""Another ecodesk process for the "already open" tests: opens a project file the way a
window does (a ProjectFile), prints "ready", and closes it when told ("close") or dies
when killed."""

from __future__ import annotations

import sys

from ecodesk.store import ProjectFile


def hold(path: str) -> None:
    pf = ProjectFile.open(path)
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "close":
            break
    pf.close()
    print("closed", flush=True)


if __name__ == "__main__":
    hold(sys.argv[1])
