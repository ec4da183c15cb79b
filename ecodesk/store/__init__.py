"""Store layer (pure Python, no Qt): ``.ecodesk`` project files in SQLite — the only place with SQL.

Modules: :mod:`~ecodesk.store.schema` (tables, codecs), :mod:`~ecodesk.store.migrations`
(numbered schema migrations), :mod:`~ecodesk.store.reading` (open checks and loading),
:mod:`~ecodesk.store.writing` (atomic full write, incremental save) and
:mod:`~ecodesk.store.projectfile` (the public API re-exported here) and
:mod:`~ecodesk.store.openmarks` (which files another ecodesk window has open).
"""

from ecodesk.store.errors import REASONS, ProjectFileError
from ecodesk.store.openmarks import OpenElsewhere, open_elsewhere
from ecodesk.store.projectfile import ProjectFile, check_project_file, open_project, write_project_atomic
from ecodesk.store.schema import APPLICATION_ID, SCHEMA_VERSION
from ecodesk.store.writing import SaveStats

__all__ = [
    "APPLICATION_ID",
    "REASONS",
    "SCHEMA_VERSION",
    "OpenElsewhere",
    "ProjectFile",
    "ProjectFileError",
    "SaveStats",
    "check_project_file",
    "open_elsewhere",
    "open_project",
    "write_project_atomic",
]
