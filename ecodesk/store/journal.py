"""Store layer: a sanity check of the rollback journal a killed save left beside a file,
made before SQLite plays it back.

SQLite trusts a hot journal's header: the "original size" it records is where the file is
cut or extended to on rollback. A damaged header (found by the fuzzer, tests/robustness:
two bytes of it changed) made the rollback turn a 100 kB project into a 137 GB file — sparse
on Linux, but real disk space elsewhere. A journal whose header cannot come from a save of
this file is therefore never played back: opening refuses the file as damaged and a full
write replaces the file without it.
"""

from __future__ import annotations

from pathlib import Path

#: The first eight bytes of every SQLite rollback journal header.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
#: How far the original size a journal records may exceed the file and the journal
#: together. Without auto-vacuum a save never shrinks the file before its commit, so a
#: genuine journal's original size is at most the file's size; the slack only keeps the
#: check clear of SQLite's corner cases.
SLACK_BYTES = 16 << 20


def journal_of(file: Path) -> Path:
    return Path(f"{file}-journal")


def journal_problem(file: Path) -> tuple[str, str] | None:
    """What makes the journal beside ``file`` unfit to be played back, as an English and a
    Chinese clause; None when it looks like a journal of this file, or there is no journal
    SQLite would play (none, unreadable, or not starting with a journal header)."""
    journal = journal_of(file)
    try:
        with open(journal, "rb") as fh:
            head = fh.read(28)
        file_size, journal_size = file.stat().st_size, journal.stat().st_size
    except OSError:
        return None
    if len(head) < 28 or head[:8] != JOURNAL_MAGIC:
        return None
    original_pages = int.from_bytes(head[16:20], "big")
    page_size = int.from_bytes(head[24:28], "big")
    if not 512 <= page_size <= 65536 or page_size & (page_size - 1):
        return f"its page size {page_size} is impossible", f"其页大小 {page_size} 不可能"
    claimed = original_pages * page_size
    if claimed > file_size + journal_size + SLACK_BYTES:
        return (
            f"it would make the file {claimed:,} bytes long, not about {file_size:,}",
            f"它会使文件变为 {claimed:,} 字节，而不是约 {file_size:,} 字节",
        )
    return None
