"""Store layer: autosave recovery files — the unsaved work of an open project, written
every few minutes to the user's data folder (never over the user's own file).

Each open document has a ``key``; its recovery is ``<key>.ecodesk`` (a normal project
file, written atomically) plus ``<key>.json`` (which file it belongs to, when it was
written, and the writing process). A clean close removes both. After a crash the next
start finds recoveries whose process is gone and offers to recover, compare or discard.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecodesk.io.atomic import atomic_write
from ecodesk.model.scenario import Project
from ecodesk.store.openmarks import process_alive as _alive
from ecodesk.store.projectfile import open_project, write_project_atomic
from ecodesk.userdata import ensure, recovery_dir

SUFFIX = ".ecodesk"


def new_key() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Recovery:
    """One recovery found on disk."""

    key: str
    file: Path
    original: Path | None
    title: str
    saved_at: float
    pid: int

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        return f"{self.title} ({self.original or 'never saved'}), autosaved {when}"


def save_recovery(project: Project, key: str, original: Path | None) -> Path:
    """Write ``project`` as the recovery of document ``key`` (atomically)."""
    folder = ensure(recovery_dir())
    target = folder / f"{key}{SUFFIX}"
    write_project_atomic(project, target)
    info = {"original": str(original) if original else None, "title": project.name or "",
            "saved_at": time.time(), "pid": os.getpid()}
    with atomic_write(folder / f"{key}.json") as fh:
        json.dump(info, fh, ensure_ascii=False)
    return target


def remove_recovery(key: str) -> None:
    """Forget the recovery of document ``key`` (no error if there is none)."""
    folder = recovery_dir()
    for name in (f"{key}{SUFFIX}", f"{key}.json"):
        with contextlib.suppress(FileNotFoundError):
            (folder / name).unlink()


def pending_recoveries(include_running: bool = False) -> list[Recovery]:
    """Recoveries left by processes that are gone (a crash or a kill), newest first.

    Recoveries of running ecodesk windows are skipped unless ``include_running``.
    Damaged info files are skipped; a recovery without its project file is cleaned up.
    """
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    found: list[Recovery] = []
    for info_path in folder.glob("*.json"):
        key = info_path.stem
        file = folder / f"{key}{SUFFIX}"
        try:
            info: dict[str, Any] = json.loads(info_path.read_text(encoding="utf-8"))
            pid = int(info.get("pid", 0))
            saved_at = float(info.get("saved_at", 0))
            original = Path(info["original"]) if info.get("original") else None
            title = str(info.get("title") or "")
        except (OSError, ValueError, TypeError, KeyError):
            continue
        if not file.is_file():
            remove_recovery(key)
            continue
        if not include_running and _alive(pid):
            continue
        found.append(Recovery(key, file, original, title or (original.stem if original else key[:8]), saved_at, pid))
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def load_recovery(recovery: Recovery) -> Project:
    """The recovered project (through every open check of the store)."""
    return open_project(recovery.file)


def describe_differences(original: Project | None, recovered: Project) -> list[str]:
    """What the recovery changes against the saved file, one line per scenario and kind."""
    if original is None:
        return ["The project was never saved: everything in it is unsaved work."]
    lines: list[str] = []
    before = {s.name: s for s in original.scenarios}
    after = {s.name: s for s in recovered.scenarios}
    for name in after.keys() - before.keys():
        lines.append(f"Scenario '{name}' is new.")
    for name in before.keys() - after.keys():
        lines.append(f"Scenario '{name}' was removed.")
    for name in [n for n in after if n in before]:
        a, b = before[name], after[name]
        for cname, coll in b.collections().items():
            old = a.collections()[cname]
            added = sum(1 for i in coll.ids() if i not in old)
            removed = sum(1 for i in old.ids() if i not in coll)
            changed = sum(1 for o in coll if o.id in old and old[o.id] != o)  # type: ignore[attr-defined]
            if added or removed or changed:
                lines.append(f"Scenario '{name}', {cname}: {added} added, {removed} removed, {changed} changed.")
    if original.meta_dict() != recovered.meta_dict():
        lines.append("Project settings changed.")
    return lines or ["No difference from the saved file."]
