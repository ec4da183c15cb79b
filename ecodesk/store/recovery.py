"""Store layer: autosave recovery files — the unsaved work of an open project, written
every few minutes to the user's data folder (never over the user's own file).

Each open document has a ``key``; its recovery is ``<key>.ecodesk`` (a normal project
file, written atomically) plus ``<key>.json`` (which file it belongs to, when it was
written, and the writing process). A clean close removes both. After a crash the next
start finds recoveries whose process is gone and offers to recover, compare or discard.

The writing process is recorded as its PID *and* its start time and the machine's boot id:
after a reboot the PID may belong to another live process, which must not hide the
recovery. Choosing "Recover" does not remove the recovery: the recovering process claims it
(:func:`claim_recovery`) and it stays until the recovered work is saved or autosaved anew,
so a second crash still offers it. Temporary files of autosaves killed half-way are swept
from the recovery folder once they are old (:func:`sweep_recovery_temporaries`).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
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
#: Temporary files in the recovery folder older than this are leftovers of a killed
#: autosave (one in progress is seconds old), swept on start and on every autosave.
STALE_TEMP_SECONDS = 10 * 60
_TEMP_NAME = re.compile(r"^\..+\.tmp(-journal)?$")


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def boot_id() -> str:
    """This boot of the machine (Linux); empty where unknown."""
    return _read_text("/proc/sys/kernel/random/boot_id")


def process_start(pid: int) -> str:
    """When process ``pid`` started, in clock ticks since boot (Linux); empty where unknown."""
    stat = _read_text(f"/proc/{pid}/stat")
    if not stat or ")" not in stat:
        return ""
    fields = stat.rsplit(")", 1)[1].split()
    return fields[19] if len(fields) > 19 else ""  # field 22 of stat(5); fields[0] is field 3


def _identity() -> dict[str, Any]:
    return {"pid": os.getpid(), "boot_id": boot_id(), "started": process_start(os.getpid())}


def writer_alive(info: dict[str, Any]) -> bool:
    """True while the process that wrote a recovery info (``pid``, ``boot_id``, ``started``)
    still runs: the PID alone is not enough — after a reboot it may be another process's."""
    pid = int(info.get("pid", 0))
    if not _alive(pid):
        return False
    recorded_boot, now_boot = str(info.get("boot_id") or ""), boot_id()
    if recorded_boot and now_boot and recorded_boot != now_boot:
        return False  # written before a reboot: that process is gone, whoever has its PID now
    recorded_start, now_start = str(info.get("started") or ""), process_start(pid)
    return not (recorded_start and now_start and recorded_start != now_start)


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
            "saved_at": time.time(), **_identity()}
    with atomic_write(folder / f"{key}.json") as fh:
        json.dump(info, fh, ensure_ascii=False)
    sweep_recovery_temporaries()
    return target


def claim_recovery(recovery: Recovery) -> None:
    """Record this process as the owner of ``recovery`` (chosen "Recover"): no other window
    offers it while this one runs, and a crash of this one offers it again."""
    info_path = recovery_dir() / f"{recovery.key}.json"
    try:
        info: dict[str, Any] = json.loads(info_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        info = {"original": str(recovery.original) if recovery.original else None, "title": recovery.title,
                "saved_at": recovery.saved_at}
    info.update(_identity())
    with contextlib.suppress(OSError):
        with atomic_write(info_path) as fh:
            json.dump(info, fh, ensure_ascii=False)


def sweep_recovery_temporaries(older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove hidden temporary files (``.<key>.ecodesk.*.tmp``, ``.<key>.json.*.tmp``)
    that killed autosaves left in the recovery folder, if older than ``older_than``
    seconds (an autosave in progress in another window is younger); returns them."""
    folder = recovery_dir()
    now = time.time()
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not _TEMP_NAME.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if entry.is_file(follow_symlinks=False) and now - st.st_mtime > older_than:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


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
    sweep_recovery_temporaries()
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
        if not include_running and writer_alive(info):
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
    if original.views != recovered.views:
        lines.append(f"Views changed ({len(original.views)} in the saved file, {len(recovered.views)} now).")
    return lines or ["No difference from the saved file."]
