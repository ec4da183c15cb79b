"""I/O layer: interchange formats (JSON now; CSV, GraphML, GEXF, Kumu, HTML report later).

``import_file``/``export_file`` pick the format from ``fmt`` or the file's extension.
"""

from __future__ import annotations

import os
from pathlib import Path

from ecodesk.io.errors import FormatError
from ecodesk.io.jsonio import export_json, import_json
from ecodesk.model.scenario import Project

IMPORT_FORMATS = ("json",)
EXPORT_FORMATS = ("json",)


def guess_format(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"ecodesk": "ecodesk"}.get(suffix, suffix or "json")


def import_file(path: str | os.PathLike[str], fmt: str | None = None) -> Project:
    fmt = (fmt or guess_format(path)).lower()
    if fmt == "json":
        return import_json(path)
    raise FormatError(str(path), [f"cannot import format '{fmt}' (known: {', '.join(IMPORT_FORMATS)})."])


def export_file(project: Project, dest: str | os.PathLike[str], fmt: str | None = None,
                scenario: str | None = None) -> None:
    fmt = (fmt or guess_format(dest)).lower()
    if fmt == "json":
        export_json(project, dest, scenario)
        return
    raise FormatError(str(dest), [f"cannot export format '{fmt}' (known: {', '.join(EXPORT_FORMATS)})."])


__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "FormatError", "export_file", "guess_format", "import_file"]
