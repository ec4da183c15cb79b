"""I/O layer: the one registry of file formats — names, labels (en/zh), suffixes, what can be
read and written, and which need Qt (pictures are drawn by the UI layer).

The command line (``--format`` names, help and errors), :mod:`ecodesk.io`'s dispatcher, the
File menu and the import/export dialogs all read this table, so a format is declared once
(pyqtgraph registers one exporter class per format in the same spirit). Pure Python.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ecodesk.io.errors import FormatError

#: Kinds of format: the project file itself, interchange data, a picture of the canvas, the report,
#: the slide deck of the saved views.
KINDS = ("project", "data", "picture", "report", "slides")


@dataclass(frozen=True)
class Format:
    """One file format.

    ``suffixes`` are lower-case with the dot; the first is added to a name typed without one.
    ``single_scenario``: the format holds one scenario (the app exports the shown one).
    ``needs_qt``: written by the UI layer (pictures), lazily even from the command line.
    """

    name: str
    label_en: str
    label_zh: str
    suffixes: tuple[str, ...]
    can_read: bool
    can_write: bool
    kind: str = "data"
    needs_qt: bool = False
    single_scenario: bool = False

    def label(self, lang: str) -> str:
        """The format's name for people, in ``lang`` ("zh" or anything else: English)."""
        return self.label_zh if lang == "zh" else self.label_en

    @property
    def patterns(self) -> tuple[str, ...]:
        """Glob patterns for file dialogs, e.g. ``("*.csv", "*.zip")``."""
        return tuple(f"*{s}" for s in self.suffixes)

    def filter(self, lang: str) -> str:
        """A Qt file-dialog filter: ``"GEXF (Gephi) (*.gexf)"``."""
        return f"{self.label(lang)} ({' '.join(self.patterns)})"


FORMATS: tuple[Format, ...] = (
    Format("ecodesk", "ecodesk projects", "ecodesk 项目", (".ecodesk",), True, True, kind="project"),
    Format("json", "ecodesk interchange JSON", "ecodesk 交换格式 JSON", (".json",), True, True),
    Format("csv", "CSV tables", "CSV 表格", (".csv", ".zip"), True, True),  # written as .zip or a folder
    Format("xlsx", "Excel workbook", "Excel 工作簿", (".xlsx",), True, True),  # our sheets, or node/edge tables
    Format("graphml", "GraphML (yEd, Cytoscape, Gephi, networkx)", "GraphML（yEd、Cytoscape、Gephi、networkx）",
           (".graphml", ".xml"), True, True),
    Format("gexf", "GEXF (Gephi)", "GEXF（Gephi）", (".gexf",), True, True, single_scenario=True),
    Format("kumu", "Kumu JSON", "Kumu JSON", (".json",), True, True, single_scenario=True),
    Format("gml", "GML graph", "GML 图", (".gml",), True, False),
    Format("png", "PNG picture", "PNG 图片", (".png",), False, True, kind="picture", needs_qt=True),
    Format("svg", "SVG picture (vector)", "SVG 图片（矢量）", (".svg",), False, True, kind="picture", needs_qt=True),
    Format("pdf", "PDF picture (vector)", "PDF 图片（矢量）", (".pdf",), False, True, kind="picture", needs_qt=True),
    Format("html", "HTML report", "HTML 报告", (".html", ".htm"), False, True, kind="report"),
    # one PDF page per saved view; ".pdf" alone still means a picture: the deck is asked for by name
    Format("slides", "Slide deck (PDF, one page per view)", "幻灯片（PDF，每个视图一页）", (".pdf",), False, True,
           kind="slides", needs_qt=True),
)

_BY_NAME = {f.name: f for f in FORMATS}
#: Alternative names accepted on the command line.
ALIASES = {"htm": "html", "zip": "csv"}

#: Interchange formats by name (what ``ecodesk import``/``export`` read and write as data).
IMPORT_FORMATS = tuple(f.name for f in FORMATS if f.kind == "data" and f.can_read)
EXPORT_FORMATS = tuple(f.name for f in FORMATS if f.kind == "data" and f.can_write)
IMAGE_FORMATS = tuple(f.name for f in FORMATS if f.kind == "picture")
REPORT_FORMATS = tuple(f.name for f in FORMATS if f.kind == "report")
SLIDES_FORMATS = tuple(f.name for f in FORMATS if f.kind == "slides")


def formats(mode: str, kinds: tuple[str, ...] | None = None) -> list[Format]:
    """The formats that can be ``mode`` ("read" or "write") among ``kinds`` (default: all), in
    registry order."""
    if mode not in ("read", "write"):
        raise ValueError(f"mode must be 'read' or 'write', not {mode!r}")
    return [f for f in FORMATS if (f.can_read if mode == "read" else f.can_write)
            and (kinds is None or f.kind in kinds)]


def format_names(mode: str, kinds: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Names of :func:`formats` (for ``--format`` help and errors)."""
    return tuple(f.name for f in formats(mode, kinds))


def get_format(name: str, mode: str | None = None, kinds: tuple[str, ...] | None = None,
               where: str = "") -> Format:
    """The format called ``name`` (case-insensitive; aliases such as "htm" accepted).

    With ``mode`` ("read"/"write") and ``kinds`` the format must also fit them; otherwise
    :class:`FormatError` (at ``where``) names the formats that would: "cannot export format
    'pdfx' (known: json, csv, …)."
    """
    key = name.strip().lower().lstrip(".")
    fmt = _BY_NAME.get(ALIASES.get(key, key))
    if mode is None:
        if fmt is None:
            raise FormatError(where or name, [f"unknown format '{name}' (known: {', '.join(_BY_NAME)})."])
        return fmt
    fits = formats(mode, kinds)
    if fmt is None or fmt not in fits:
        verb = "import" if mode == "read" else "export"
        known = ", ".join(f.name for f in fits)
        raise FormatError(where or name, [f"cannot {verb} format '{key}' (known: {known})."])
    return fmt


def format_for_path(path: str | os.PathLike[str], mode: str | None = None) -> Format | None:
    """The format a path suggests by its suffix (a folder is CSV; ``.json`` is our JSON — the
    importer tells Kumu's apart by content; ``.xml`` is GraphML — sniffed likewise); None when
    the suffix names no format (or none that can be ``mode``)."""
    p = Path(path)
    if p.is_dir():
        fmt: Format | None = _BY_NAME["csv"]
    else:
        suffix = p.suffix.lower()
        fmt = next((f for f in FORMATS if suffix in f.suffixes), None) if suffix else None
    if fmt is not None and mode is not None and fmt not in formats(mode):
        return None
    return fmt


class FileFilter(NamedTuple):
    """One entry of a file dialog: its text, the format (None: "all supported files") and the
    suffix to add to a name typed without one ("" for a folder of CSV files)."""

    text: str
    format: Format | None
    suffix: str


_ALL = {"en": "All supported files", "zh": "所有支持的文件"}
_CSV_FOLDER = {"en": "CSV tables in a new folder", "zh": "CSV 表格（新建文件夹）"}


def file_filters(mode: str, lang: str, kinds: tuple[str, ...] | None = None) -> list[FileFilter]:
    """File-dialog entries for ``mode`` ("read" / "write") in ``lang``.

    ``kinds`` default: data when reading; data and pictures when writing. Reading starts with
    "All supported files"; writing CSV offers a ``.zip`` and "CSV tables in a new folder".
    """
    kinds = kinds or (("data",) if mode == "read" else ("data", "picture"))
    chosen = formats(mode, kinds)
    out: list[FileFilter] = []
    if mode == "read" and len(chosen) > 1:
        patterns = sorted({p for f in chosen for p in f.patterns})
        out.append(FileFilter(f"{_ALL.get(lang, _ALL['en'])} ({' '.join(patterns)})", None, ""))
    for f in chosen:
        if mode == "write" and f.name == "csv":
            out.append(FileFilter(f"{f.label(lang)} (*.zip)", f, ".zip"))
            out.append(FileFilter(f"{_CSV_FOLDER.get(lang, _CSV_FOLDER['en'])} (*)", f, ""))
            continue
        out.append(FileFilter(f.filter(lang), f, f.suffixes[0]))
    return out


def file_filter(mode: str, lang: str, kinds: tuple[str, ...] | None = None) -> str:
    """:func:`file_filters` joined with ``;;`` for ``QFileDialog``."""
    return ";;".join(f.text for f in file_filters(mode, lang, kinds))


def cli_help(mode: str, kinds: tuple[str, ...] | None = None) -> str:
    """"json/csv/graphml/…" for command-line help."""
    return "/".join(format_names(mode, kinds))


__all__ = [
    "ALIASES", "EXPORT_FORMATS", "FORMATS", "IMAGE_FORMATS", "IMPORT_FORMATS", "KINDS", "REPORT_FORMATS", "SLIDES_FORMATS",
    "FileFilter", "Format", "cli_help", "file_filter", "file_filters", "format_for_path", "format_names",
    "formats", "get_format",
]
