"""I/O layer: interchange formats — JSON, CSV, Excel, GraphML, GEXF, Kumu JSON (and GML import).

``import_file``/``export_file`` pick the format from ``fmt`` or the path: a folder, ``.csv``
or ``.zip`` is CSV (a ``.csv`` file that is not one of ecodesk's tables is a foreign node or
edge table, :mod:`ecodesk.io.foreigntables`); ``.xlsx`` is ecodesk's workbook when it has an
``entities`` sheet, else a workbook of node/edge tables; ``.graphml``, ``.gexf``, ``.gml`` are themselves; a ``.json`` file is
Kumu's when it has ``elements``/``connections`` and no ``"format": "ecodesk"``, else ours;
an ``.xml`` file is GraphML or GEXF by its root element. The names, suffixes and labels of
every format live in one registry, :mod:`ecodesk.io.formats`. Every importer builds nothing from a
bad file and raises :class:`FormatError` naming each problem's place; every exporter writes
atomically and returns notices (e.g. "GEXF holds one scenario …") for the caller to show.
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from ecodesk.io.errors import FormatError, Problem
from ecodesk.io.formats import EXPORT_FORMATS, IMPORT_FORMATS, format_for_path, get_format
from ecodesk.io.jsonio import export_json, project_from_json, read_json_file
from ecodesk.model.scenario import Project


def guess_format(path: str | os.PathLike[str]) -> str:
    """The format a path suggests (by extension; a folder is CSV; ``.xml`` is "xml", sniffed by
    the importer; an unknown suffix is returned as it is, no suffix is JSON)."""
    p = Path(path)
    suffix = p.suffix.lower().lstrip(".")
    if suffix == "xml" and not p.is_dir():
        return "xml"
    fmt = format_for_path(p)
    return fmt.name if fmt is not None else (suffix or "json")


def _sniff_xml(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096).decode("utf-8", "ignore")
    except OSError:
        return "xml"
    for fmt in ("graphml", "gexf"):
        if f"<{fmt}" in head:
            return fmt
    return "xml"


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)", "命名管道（FIFO）"), (stat.S_ISCHR, "a device", "设备文件"),
          (stat.S_ISBLK, "a device", "设备文件"), (stat.S_ISSOCK, "a socket", "套接字"))


def check_readable(path: str | os.PathLike[str], *, folder: bool = False) -> None:
    """Refuse, before anything is opened, what must not be read: a named pipe, a device or a
    socket (reading one blocks for ever or never ends) and a folder where a file is expected
    (``folder=False``). Raises FormatError with one sentence naming the path and what it is; never
    reads the file. A missing path passes (the caller says it is missing)."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except OSError:
        return
    if stat.S_ISREG(mode) or (folder and stat.S_ISDIR(mode)):
        return
    if stat.S_ISDIR(mode):
        raise FormatError(str(path), [_refusal(p, "is a folder, not a file", "是文件夹，而不是文件")])
    en, zh = next(((e, z) for test, e, z in _KINDS if test(mode)), ("not an ordinary file", "不是普通文件"))
    raise FormatError(str(path), [_refusal(p, f"is {en}, not an ordinary file; ecodesk reads only ordinary files",
                                           f"是{zh}，不是普通文件；ecodesk 只读取普通文件")])


def _refusal(p: Path, en: str, zh: str) -> Problem:
    from ecodesk.io.tabular import problem

    return problem(str(p), en, zh)


_CSV_TABLES = ("project", "ecosystems", "entities", "capabilities", "flows", "needs", "pools", "annotations", "views")
PROJECT_COLUMNS = ("name", "currency", "period", "notes", "language", "settings", "scenarios")


def _csv_links(p: Path) -> None:
    """A CSV folder (or zip) whose tables are symbolic links is refused: following one would
    read (and quote in messages) a file outside the folder."""
    if p.suffix.lower() == ".zip" and p.is_file():
        try:
            with zipfile.ZipFile(p) as zf:
                links = [i.filename for i in zf.infolist() if stat.S_ISLNK(i.external_attr >> 16)
                         and Path(i.filename).suffix.lower() == ".csv"]
        except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError):
            return  # the importer says what is wrong with it
        where = p.name
    else:
        folder = p if p.is_dir() else p.parent
        try:
            links = sorted(e.name for e in folder.iterdir() if e.is_symlink() and e.suffix.lower() == ".csv"
                           and e.stem.strip().casefold() in _CSV_TABLES)
        except OSError:
            return
        where = str(folder)
    if links:
        raise FormatError(where, [_refusal(
            Path(f"{where}: {name}"), "is a symbolic link; ecodesk does not follow links inside a CSV folder or zip "
                                "(copy the table itself there)",
            "是符号链接；ecodesk 不跟随 CSV 文件夹或 zip 中的链接（请把表格文件本身复制进去）") for name in links])


def _foreign_csv(p: Path) -> bool:
    """A CSV file that is not one of ecodesk's tables: a name ecodesk's folder does not use
    (nodes.csv, Gephi's edges), or — alone, without other tables of ours beside it — a table's
    name with columns that table does not have (an entities.csv of Id and Label): read as a
    node or edge table (SPEC §4 foreign tables)."""
    if p.is_dir() or p.suffix.lower() != ".csv":
        return False
    stem = p.stem.strip().casefold()
    if stem not in _CSV_TABLES:
        return True
    try:  # beside other tables of ours it is part of an ecodesk folder: read strictly
        if any(e.stem.strip().casefold() in _CSV_TABLES and e.suffix.lower() == ".csv" and e.name != p.name
               for e in p.parent.iterdir()):
            return False
    except OSError:
        return False
    from ecodesk.io.foreigntables import read_table
    from ecodesk.io.tabular import FIELDS

    try:
        header = read_table(p).header
    except FormatError:
        return False  # the CSV importer says what is wrong with it
    known = {"scenario", *PROJECT_COLUMNS} if stem == "project" else {"scenario", *FIELDS[stem]}
    return any(h.strip() and h.strip().casefold() not in known for h in header)


#: Public name of the test (the app's table import dialog asks it before importing).
is_foreign_csv = _foreign_csv


def import_file(path: str | os.PathLike[str], fmt: str | None = None) -> Project:
    """A project from ``path`` in format ``fmt`` (guessed when None); FormatError if bad.
    Named pipes, devices and CSV tables that are symbolic links are refused before reading."""
    p = Path(path)
    check_readable(p, folder=True)
    explicit = fmt is not None
    fmt = (fmt or guess_format(p)).lower()
    if fmt == "xml" and not explicit:
        fmt = _sniff_xml(p)
    fmt = get_format(fmt, "read", ("data",), where=str(path)).name
    if fmt == "json":
        from ecodesk.io.kumu import is_kumu, project_from_kumu

        data = read_json_file(p)
        return project_from_kumu(data, p.name) if is_kumu(data) else project_from_json(data, source=p.name)
    if fmt == "csv":
        from ecodesk.io.csvio import import_csv

        _csv_links(p)  # before anything is read: a linked table is refused, ours or foreign
        if _foreign_csv(p):
            from ecodesk.io.foreigntables import import_table_file

            return import_table_file(p)
        return import_csv(p)
    if fmt == "xlsx":
        from ecodesk.io.xlsxio import import_xlsx, is_own_workbook

        if is_own_workbook(p):
            return import_xlsx(p)
        from ecodesk.io.foreigntables import import_table_file

        return import_table_file(p)
    if fmt == "graphml":
        from ecodesk.io.graphml import import_graphml

        return import_graphml(p)
    if fmt == "gexf":
        from ecodesk.io.gexf import import_gexf

        return import_gexf(p)
    if fmt == "kumu":
        from ecodesk.io.kumu import import_kumu

        return import_kumu(p)
    if fmt == "gml":
        from ecodesk.io.graphml import import_gml

        return import_gml(p)
    raise FormatError(str(path), [f"cannot import format '{fmt}' (known: {', '.join(IMPORT_FORMATS)})."])  # pragma: no cover


def export_file(project: Project, dest: str | os.PathLike[str], fmt: str | None = None,
                scenario: str | None = None) -> list[str]:
    """Write ``project`` (or only ``scenario``) to ``dest``; returns notices for the user."""
    fmt = get_format(fmt or guess_format(dest), "write", ("data",), where=str(dest)).name
    if fmt == "json":
        export_json(project, dest, scenario)
        return []
    if fmt == "csv":
        from ecodesk.io.csvio import export_csv

        return export_csv(project, dest, scenario)
    if fmt == "xlsx":
        from ecodesk.io.xlsxio import export_xlsx

        return export_xlsx(project, dest, scenario)
    if fmt == "graphml":
        from ecodesk.io.graphml import export_graphml

        return export_graphml(project, dest, scenario)
    if fmt == "gexf":
        from ecodesk.io.gexf import export_gexf

        return export_gexf(project, dest, scenario)
    if fmt == "kumu":
        from ecodesk.io.kumu import export_kumu

        return export_kumu(project, dest, scenario)
    raise FormatError(str(dest), [f"cannot export format '{fmt}' (known: {', '.join(EXPORT_FORMATS)})."])  # pragma: no cover


__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "FormatError", "check_readable", "export_file", "guess_format",
           "import_file", "is_foreign_csv"]
