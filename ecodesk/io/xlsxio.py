"""I/O layer: a project as an Excel workbook (``.xlsx``, SPEC §4 "Spreadsheets"), and the
bounded reading of any workbook's sheets (for foreign tables, :mod:`ecodesk.io.foreigntables`).

Layout: one sheet per CSV table of :mod:`ecodesk.io.csvio`, named like the table without
``.csv`` — ``project``, ``ecosystems``, ``entities``, ``capabilities``, ``flows``, ``needs``,
``pools``, ``annotations`` (the notes on the canvas) and ``views`` (the saved views, one row each
in presentation order, the visible area as four number columns) — with the same header and rows;
a workbook without the last two (written before them) imports as it is. Numbers (the SPEC's number fields) are number
cells written with every digit (``0.30000000000000004`` stays itself); every other cell is a
*string* cell, never a formula: ``=HYPERLINK(…)`` typed as a name is shown as that text by
Excel and LibreOffice and never run (issue #15 item 6). Characters a worksheet cannot hold
(C0 controls, carriage return) are written with OOXML's own ``_xHHHH_`` escape, which Excel
shows as the character and which import undoes, so export → import gives back the same model.

Import of our own workbook goes through the CSV table reader (the same columns, cell rules and
messages, naming "book.xlsx [entities]: row 7, column 'risk'"). Reading is bounded before
openpyxl sees the file: its size, every zip member's unpacked size and packing ratio (a zip
bomb is refused), then rows and cells while streaming (read-only mode) — each refusal one
sentence naming the limit. Formulas are never evaluated: a foreign formula cell gives the value
its spreadsheet last computed (or nothing).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import os
import re
import threading
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ecodesk.io.atomic import atomic_path
from ecodesk.io.errors import FormatError, Problem
from ecodesk.io.tabular import FIELDS, NUMBER, VIEW_NUMBERS, Place, format_number, problem
from ecodesk.io.textsafe import neutralise_rows
from ecodesk.model.scenario import Project

#: Largest workbook file read (bytes, packed) and the unpacked bound of all its parts together.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
#: Unpacked / packed size of one part above 1 MB beyond which it is taken for a zip bomb (real
#: worksheets pack 5–40 times).
MAX_RATIO = 250
#: Rows and cells of one sheet, as for CSV tables.
MAX_ROWS = 100_000
MAX_CELLS = 2_000_000
#: Characters one Excel cell holds.
MAX_CELL_CHARS = 32_767

SHEETS = ("project", "ecosystems", "entities", "capabilities", "flows", "needs", "pools", "annotations", "views")

# --- export --------------------------------------------------------------------------------

#: Characters XML (or a worksheet) cannot hold literally; \r would come back as \n.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")


def escape_text(text: str) -> str:
    """OOXML's escape: ``\\r`` → ``_x000D_``, and a literal ``_x0041_`` → ``_x005F_x0041_``."""
    return _UNSAFE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def unescape_text(text: str) -> str:
    """The inverse of :func:`escape_text` (and what Excel shows for such text)."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _column_types(sheet: str, header: list[str]) -> list[bool]:
    """Which columns hold numbers."""
    if sheet == "views":
        return [h in VIEW_NUMBERS for h in header]
    fields = FIELDS.get(sheet, {})
    return [fields.get(h) == NUMBER for h in header]


def export_xlsx(project: Project, dest: str | os.PathLike[str], scenario: str | None = None) -> list[str]:
    """Write the project's tables as the sheets of workbook ``dest`` (atomically); returns notices (none)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from ecodesk.io.csvio import project_tables

    dest = Path(dest)
    tables = {name.removesuffix(".csv"): rows for name, rows in project_tables(project, scenario).items()}
    # the escape makes a text at most 7 times longer ("\x01" → "_x0001_"): only long cells need a look
    too_long = [(sheet, n, header[i], len(c)) for sheet, (header, *rows) in tables.items()
                for n, row in enumerate(rows, 2) for i, c in enumerate(row)
                if len(c) > MAX_CELL_CHARS // 7 and len(escape_text(c)) > MAX_CELL_CHARS]
    if too_long:
        raise FormatError(dest.name, [Place(f"{dest.name} [{s}]", f"row {n}, column '{col}'",
                                            f"第 {n} 行，列 '{col}'").problem(
            f"holds {size:,} characters, more than an Excel cell can ({MAX_CELL_CHARS:,}); export as CSV instead",
            f"有 {size:,} 个字符，超过 Excel 单元格的上限（{MAX_CELL_CHARS:,}）；请改为导出 CSV")
            for s, n, col, size in too_long[:20]])
    wb = Workbook(write_only=True)
    for sheet, (header, *rows) in tables.items():
        ws = wb.create_sheet(sheet)
        numeric = _column_types(sheet, header)
        ws.append([_text_cell(ws, WriteOnlyCell, h) for h in header])
        for row in rows:
            ws.append([_cell(ws, WriteOnlyCell, c, numeric[i]) for i, c in enumerate(row)])
    with atomic_path(dest) as tmp:
        wb.save(tmp)
    return []


def _text_cell(ws: Any, cell_type: Any, text: str) -> Any:
    if text == "":
        return None
    cell = cell_type(ws, value=escape_text(text))
    cell.data_type = "s"  # openpyxl makes a text starting with "=" a formula: never
    return cell


def _cell(ws: Any, cell_type: Any, text: str, numeric: bool) -> Any:
    if text == "":
        return None
    if numeric:
        try:
            value = float(text)
        except ValueError:
            return _text_cell(ws, cell_type, text)
        cell = cell_type(ws, value=value)
        # openpyxl writes numbers with "%.16g", which loses the 17th digit: give it the exact text
        # (format_number's shortest round-trip form, e.g. "0.30000000000000004")
        cell._value = format_number(value)
        return cell
    return _text_cell(ws, cell_type, text)


# --- reading -------------------------------------------------------------------------------


def _check_package(path: Path) -> None:
    """Refuse, before openpyxl opens it, a workbook too large or packed like a zip bomb."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FormatError(name, [problem(str(path), f"cannot be read ({exc.strerror or exc})",
                                         f"无法读取（{exc.strerror or exc}）")]) from None
    if size > MAX_FILE_BYTES:
        raise FormatError(name, [problem(name, f"is too large ({size:,} bytes; ecodesk reads workbooks of at most "
                                               f"{MAX_FILE_BYTES:,} bytes)",
                                         f"文件过大（{size:,} 字节；ecodesk 最多读取 {MAX_FILE_BYTES:,} 字节的工作簿）")])
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, RuntimeError):
        raise FormatError(name, [problem(name, "is not an Excel workbook (.xlsx); a .xls file must be saved as .xlsx "
                                               "first", "不是 Excel 工作簿（.xlsx）；.xls 文件请先另存为 .xlsx")]) from None
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FormatError(name, [problem(name, f"holds a part ({info.filename}) that unpacks to {info.file_size:,} "
                                                   f"bytes from {info.compress_size:,} (more than {MAX_RATIO} times its "
                                                   "packed size, the mark of a zip bomb)",
                                             f"其中的部分（{info.filename}）从 {info.compress_size:,} 字节解压为 "
                                             f"{info.file_size:,} 字节（超过压缩大小的 {MAX_RATIO} 倍，疑似 zip 炸弹）")])
        if total > MAX_UNPACKED_BYTES:
            raise FormatError(name, [problem(name, f"unpacks to more than {MAX_UNPACKED_BYTES:,} bytes (ecodesk's limit "
                                                   "for a workbook)",
                                             f"解压后超过 {MAX_UNPACKED_BYTES:,} 字节（ecodesk 对工作簿的上限）")])


def cell_text(value: Any) -> str:
    """The text of a cell value as a table reader wants it (numbers without a trailing .0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ") if value.time() != _dt.time() else value.date().isoformat()
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return unescape_text(str(value))


_SWAP = threading.Lock()


def _open(path: Path) -> Any:
    import openpyxl.reader.excel as excel
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedSheet(ReadOnlyWorksheet):  # type: ignore[misc]
        """A sheet whose stored size is not looked for: it is not trusted anyway (see
        :func:`_records`), and a sheet written in streaming mode has none before its rows, so
        looking for it reads the whole sheet once more (half the time of a large import)."""

        def _get_size(self) -> None:
            pass

    _check_package(path)
    _SWAP.acquire()  # one load at a time swaps openpyxl's sheet class (the app reads in a worker thread)
    swapped, excel.ReadOnlyWorksheet = excel.ReadOnlyWorksheet, UnsizedSheet
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style", unknown extensions …
            # a file object: openpyxl would refuse a name without .xlsx (an export named "out")
            return load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, zlib.error, EOFError) as exc:
        raise FormatError(path.name, [problem(path.name, f"is not a readable Excel workbook ({exc})",
                                              f"不是可读取的 Excel 工作簿（{exc}）")]) from None
    except Exception as exc:  # the XML parser's own errors (ParseError, defusedxml's refusals)
        raise FormatError(path.name, [problem(path.name, f"is not a readable Excel workbook ({type(exc).__name__}: "
                                                         f"{exc})", f"不是可读取的 Excel 工作簿（{exc}）")]) from None
    finally:
        excel.ReadOnlyWorksheet = swapped
        _SWAP.release()


def sheet_records(path: str | os.PathLike[str], max_rows: int | None = None,
                  sheets: tuple[str, ...] | None = None) -> dict[str, list[tuple[int, list[str]]]]:
    """Every sheet (or those named in ``sheets``) as (spreadsheet row number, cell texts) of its
    non-blank rows, in workbook order. ``max_rows`` stops a sheet early (a preview); otherwise a
    sheet over MAX_ROWS rows or MAX_CELLS cells is refused with FormatError."""
    p = Path(path)
    wb = _open(p)
    out: dict[str, list[tuple[int, list[str]]]] = {}
    problems: list[Problem] = []
    try:
        for ws in wb.worksheets:
            if sheets is not None and ws.title not in sheets:
                continue
            if not hasattr(ws, "iter_rows"):  # a chart sheet
                continue
            try:
                out[ws.title] = _records(ws, f"{p.name} [{ws.title}]", max_rows, problems)
            except FormatError:
                raise
            except Exception as exc:  # a damaged sheet part
                problems.append(problem(f"{p.name} [{ws.title}]", f"cannot be read ({type(exc).__name__}: {exc})",
                                        f"无法读取（{exc}）"))
    finally:
        wb.close()
    if problems:
        raise FormatError(p.name, problems)
    return out


def _records(ws: Any, label: str, max_rows: int | None, problems: list[Problem]) -> list[tuple[int, list[str]]]:
    ws.reset_dimensions()  # the stored dimension may be wrong (other writers): read what is there
    records: list[tuple[int, list[str]]] = []
    cells = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for n, values in enumerate(ws.iter_rows(values_only=True), 1):
            if max_rows is not None and len(records) > max_rows:
                break
            # rows and cells with content count: a sheet formatted down to row 1,048,576 is no big table
            # (the work of walking blank rows is bounded by the workbook's unpacked size)
            row = [cell_text(v) for v in values]
            while row and row[-1] == "":
                row.pop()
            if not any(c.strip() for c in row):
                continue
            cells += sum(1 for c in row if c)
            if len(records) >= MAX_ROWS or cells > MAX_CELLS:
                what = (f"more than {MAX_ROWS:,} rows", f"超过 {MAX_ROWS:,} 行") if len(records) >= MAX_ROWS else (
                    f"more than {MAX_CELLS:,} cells", f"超过 {MAX_CELLS:,} 个单元格")
                problems.append(problem(label, f"has {what[0]} (ecodesk reads at most that many in one table)",
                                        f"有{what[1]}（ecodesk 每个表最多读取这么多）"))
                return []
            records.append((n, row))
    return records


def read_sheets(path: str | os.PathLike[str], max_rows: int | None = None) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Sheet name → (header, rows as text) for every sheet with content (blank rows left out)."""
    out = {}
    for sheet, records in sheet_records(path, max_rows).items():
        if records:
            (_, header), *rows = records
            out[sheet] = ([h.strip() for h in header], [r for _, r in rows])
        else:
            out[sheet] = ([], [])
    return out


def is_own_workbook(path: str | os.PathLike[str]) -> bool:
    """True for ecodesk's own layout (like a CSV folder): an ``entities`` sheet, with a ``project``
    sheet or with only ecodesk's entity columns. A planner's "Entities" sheet of Label and Type is
    a foreign node table instead."""
    p = Path(path)
    try:
        titles = {n.strip().casefold(): n for n in sheet_names(p)}
        if "entities" not in titles:
            return False
        if "project" in titles:
            return True
        records = sheet_records(p, max_rows=0, sheets=(titles["entities"],))[titles["entities"]]
    except FormatError:
        return False
    known = {"scenario", *FIELDS["entities"]}
    return bool(records) and all(h.strip().casefold() in known for h in records[0][1] if h.strip())


def sheet_names(path: str | os.PathLike[str]) -> list[str]:
    """The workbook's sheet names in order (FormatError when it is no readable workbook)."""
    wb = _open(Path(path))
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


# --- import of our own workbook ---------------------------------------------------------------


def _csv_text(records: list[tuple[int, list[str]]]) -> str:
    """Records as CSV text whose line numbers are the sheet's row numbers (blank lines between)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")  # "\r\n": a cell holding "\r" alone is quoted too
    last = 0
    for n, row in records:
        buf.write("\r\n" * (n - last - 1))
        writer.writerows(neutralise_rows([row]))  # the CSV reader restores neutralised cells: exact
        last = n
    return buf.getvalue()


def import_xlsx(path: str | os.PathLike[str]) -> Project:
    """Build a project from ecodesk's own workbook; FormatError listing every problem (nothing built)."""
    from ecodesk.io import csvio

    p = Path(path)
    if not p.exists():
        raise FormatError(p.name, [problem(str(p), "does not exist", "不存在")])
    records = sheet_records(p)
    by_key: dict[str, tuple[str, list[tuple[int, list[str]]]]] = {}
    problems: list[Problem] = []
    for title, recs in records.items():
        key = title.strip().casefold()
        if key in SHEETS:
            if key in by_key:
                problems.append(problem(p.name, f"has two '{key}' sheets", f"有两个 '{key}' 工作表"))
            by_key[key] = (title, recs)
    if "entities" not in by_key:
        problems.append(problem(p.name, f"has no 'entities' sheet (an ecodesk workbook holds the sheets "
                                        f"{', '.join(SHEETS)})", f"没有 'entities' 工作表（ecodesk 工作簿包含 "
                                                                  f"{', '.join(SHEETS)} 工作表）"))
    if problems:
        raise FormatError(p.name, problems)
    texts = {key: (_csv_text(recs), f"{p.name} [{title}]") for key, (title, recs) in by_key.items()}
    return csvio.build_project(texts, p.stem, p.name, problems)


__all__ = ["MAX_CELLS", "MAX_ROWS", "SHEETS", "cell_text", "escape_text", "export_xlsx", "import_xlsx",
           "is_own_workbook", "read_sheets", "sheet_names", "sheet_records", "unescape_text"]
