"""Temporary files that a killed full save left beside a project are swept by the next
full save or open of that project once they are old; young ones (a save in progress in
another process) and other files are left alone."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ecodesk.model import Project, Scenario
from ecodesk.store import ProjectFile, write_project_atomic
from ecodesk.store.writing import STALE_TEMP_SECONDS, sweep_stale_temporaries


def _make(folder: Path) -> tuple[Path, Path, Path, Path, Path]:
    dest = folder / "plan.ecodesk"
    write_project_atomic(Project("P", scenarios=[Scenario("Base")]), dest)
    old = folder / ".plan.ecodesk.0123456789ab.tmp"
    old_journal = folder / ".plan.ecodesk.0123456789ab.tmp-journal"
    young = folder / ".plan.ecodesk.ba9876543210.tmp"
    other = folder / ".other.ecodesk.0123456789ab.tmp"
    for f in (old, old_journal, young, other):
        f.write_bytes(b"half a database")
    past = time.time() - STALE_TEMP_SECONDS - 60
    for f in (old, old_journal, other):
        os.utime(f, (past, past))
    return dest, old, old_journal, young, other


def test_a_full_save_sweeps_old_leftovers_of_its_own_file_only(tmp_path: Path) -> None:
    dest, old, old_journal, young, other = _make(tmp_path)
    write_project_atomic(Project("P2", scenarios=[Scenario("Base")]), dest)
    assert not old.exists() and not old_journal.exists()
    assert young.exists() and other.exists()  # a save in progress; another project's
    assert dest.exists()


def test_opening_a_project_sweeps_them_too_and_a_missing_folder_is_no_error(tmp_path: Path) -> None:
    dest, old, old_journal, young, other = _make(tmp_path)
    pf = ProjectFile.open(dest)
    pf.close()
    assert not old.exists() and not old_journal.exists() and young.exists() and other.exists()
    # nothing to remove, or a folder that is gone: no error, nothing returned
    assert sweep_stale_temporaries(dest) == []
    assert sweep_stale_temporaries(tmp_path / "missing" / "x.ecodesk") == []
