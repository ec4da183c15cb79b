"""A workbook written by openpyxl from plain rows (one sheet per entry, in order), as a
spreadsheet program would hand it over — for the xlsx and foreign-table tests."""

from __future__ import annotations

from pathlib import Path


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path
