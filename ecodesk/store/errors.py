"""Store layer: the one error a project file problem raises, as a sentence naming the file."""

from __future__ import annotations

import os

from ecodesk.model.errors import EcodeskError

#: Every ``ProjectFileError.reason``, with what it means.
REASONS: dict[str, str] = {
    "missing": "the file does not exist (or no longer does)",
    "unreadable": "the file exists but cannot be read (permissions, a folder …)",
    "not_sqlite": "not a SQLite database at all (text, random bytes, empty)",
    "foreign": "a SQLite database of another program",
    "newer": "written by a newer ecodesk (file version above SCHEMA_VERSION)",
    "older": "written by an old version this one has no migration for",
    "damaged": "corrupt, truncated or tampered with (triggers, missing tables)",
    "invalid": "well-formed, but holds data the model refuses (e.g. a negative cost)",
    "write_failed": "a save could not write the file (disk full, permissions …)",
    "changed_on_disk": "the file was replaced or changed by someone else since it was opened",
}


class ProjectFileError(EcodeskError):
    """A project file that cannot be opened or saved.

    ``str(err)`` is one English sentence naming the file; :meth:`sentence` gives it in
    Chinese too. ``reason`` is a code from :data:`REASONS`; ``path`` is the file as given.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, problem: str, problem_zh: str = "") -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        self.path = os.fspath(path)
        self.reason = reason
        # One sentence on one line, whatever text (SQLite's, the file's) it quotes.
        self.problem = " ".join(problem.split()).rstrip(".")
        self.problem_zh = " ".join((problem_zh or problem).split()).rstrip("。.")
        super().__init__(self.sentence())

    def sentence(self, lang: str = "en") -> str:
        if lang.lower().startswith("zh"):
            return f"“{self.path}”{self.problem_zh}。"
        return f"'{self.path}' {self.problem}."
