"""Store layer: the public API of ``.ecodesk`` project files (open, create, save, save as).

A :class:`ProjectFile` pairs a :class:`~ecodesk.model.scenario.Project` with the file it
came from and a snapshot of what that file holds, so :meth:`ProjectFile.save` writes only
what changed, in one transaction. No connection is held between saves: each save opens
the file afresh, checks it is still the file we wrote (``uid`` and save counter), and
refuses to patch anything else — the in-memory project is never touched by a failure.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import cast

from ecodesk.model.scenario import Project
from ecodesk.store.errors import ProjectFileError
from ecodesk.store.openmarks import mark_open, unmark_open
from ecodesk.store.reading import Loaded, read_project_file
from ecodesk.store.snapshot import Saved
from ecodesk.store.tracking import ChangeTracker
from ecodesk.store.writing import SaveStats, save_incremental, sweep_stale_temporaries, write_atomic

PathLike = str | os.PathLike[str]


def open_project(path: PathLike) -> Project:
    """Check and load the project file at ``path``; raises :class:`ProjectFileError`.

    Every check and the whole model are done before it returns; only the snapshot a
    :class:`ProjectFile` keeps for its incremental saves is not made, having no use here."""
    return cast(Loaded, read_project_file(path, snapshot=False)).project


def check_project_file(path: PathLike) -> None:
    """Run the open checks (identity, version, integrity, tables) without loading rows."""
    read_project_file(path, load=False)


def write_project_atomic(project: Project, path: PathLike) -> None:
    """Write ``project`` to ``path`` atomically (temp file, fsync, ``os.replace``); on any
    failure ``path`` is left exactly as it was and no temporary file remains."""
    write_atomic(project, path)


class ProjectFile:
    """A project together with the ``.ecodesk`` file it is saved in."""

    def __init__(self, path: PathLike, project: Project, saved: Saved, *, migrated_from: int | None = None) -> None:
        self.path = Path(path)
        self.project = project
        #: The file version the project was converted from on open (None if current).
        #: Such a file is rewritten whole, in the current format, on the first save.
        self.migrated_from = migrated_from
        #: What the last :meth:`save` did (rows written, time …), for status bars and tests.
        self.last_save: SaveStats | None = None
        self._saved: Saved | None = saved
        self._lock = threading.Lock()
        self._tracker = ChangeTracker()
        self._tracker.watch_only([r.scenario for r in saved.scenarios])
        mark_open(self.path)  # other ecodesk windows see it is open here (see openmarks)

    # construction -------------------------------------------------------------------
    @classmethod
    def open(cls, path: PathLike) -> ProjectFile:
        """Open an existing file (same checks as :func:`open_project`); leftovers of an
        interrupted full save of it are swept (see :func:`sweep_stale_temporaries`)."""
        loaded = cast(Loaded, read_project_file(path))
        sweep_stale_temporaries(Path(os.path.realpath(path)))
        return cls(path, loaded.project, cast(Saved, loaded.saved), migrated_from=loaded.migrated_from)

    @classmethod
    def create(cls, project: Project, path: PathLike) -> ProjectFile:
        """Write ``project`` as a new file at ``path`` (atomically replacing any file there)."""
        return cls(path, project, write_atomic(project, path))

    # saving ---------------------------------------------------------------------------
    def save(self) -> SaveStats:
        """Write what changed since the last open or save, in one transaction."""
        with self._lock:
            saved = self._require_open()
            if self.migrated_from is not None:
                stats = self._rewrite(self.path)
            else:
                self._saved, stats = save_incremental(self.path, self.project, saved, self._tracker)
            self.last_save = stats
            return stats

    def save_as(self, path: PathLike) -> SaveStats:
        """Write the whole project to ``path`` atomically; this file then points there."""
        with self._lock:
            self._require_open()
            stats = self._rewrite(Path(path))
            unmark_open(self.path)
            self.path = Path(path)
            mark_open(self.path)
            self.last_save = stats
            return stats

    def _rewrite(self, path: Path) -> SaveStats:
        started = time.perf_counter()
        self._saved = write_atomic(self.project, path)
        self._tracker.watch_only([r.scenario for r in self._saved.scenarios])
        self.migrated_from = None
        rows = 2 + len(self.project.views) + sum(
            len(c) for s in self.project.scenarios for c in s.collections().values()
        )
        return SaveStats(rows_written=rows, full_rewrite=True, seconds=time.perf_counter() - started)

    def has_unsaved_changes(self) -> bool:
        """True when :meth:`save` would write something."""
        saved = self._require_open()
        if self.migrated_from is not None or self.project.meta_dict() != saved.meta:
            return True
        if tuple(self.project.views) != saved.views:
            return True
        scenarios = self.project.scenarios
        if len(scenarios) != len(saved.scenarios):
            return True
        for s, rec in zip(scenarios, saved.scenarios, strict=True):
            if s is not rec.scenario or s.name != rec.name:
                return True
            for table, coll in s.collections().items():
                if coll._items != rec.items[table] or list(coll._items) != rec.order[table]:
                    return True
        return False

    # closing --------------------------------------------------------------------------
    @property
    def closed(self) -> bool:
        return self._saved is None

    def close(self) -> None:
        """Stop listening to the project and forget the snapshot (no file is held open)."""
        if self._saved is not None:
            unmark_open(self.path)
        self._tracker.close()
        self._saved = None

    def _require_open(self) -> Saved:
        if self._saved is None:
            raise ValueError(f"project file '{self.path}' is closed")
        return self._saved

    def __enter__(self) -> ProjectFile:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<ProjectFile {str(self.path)!r} {state}: {self.project!r}>"


__all__ = ["ProjectFile", "ProjectFileError", "check_project_file", "open_project", "write_project_atomic"]
