"""I/O layer: user text made safe for the files ecodesk writes (Qt-free).

* Spreadsheet cells (CSV injection, OWASP): a text cell that starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return is run as a formula by Excel, LibreOffice and Sheets
  (``=cmd|' /C calc'!A0``, ``=HYPERLINK(…)``). :func:`neutralise_cell` prefixes such a cell with
  one ``'`` (the spreadsheet's own "this is text" mark); plain numbers (``-5``, ``+3``, ``-1.5e3``)
  stay as they are. :func:`restore_cell` undoes it exactly: it removes one ``'`` from a cell made
  of one or more ``'`` followed by a trigger character. The pair is a bijection — a cell that
  already starts with ``'…'=`` gets one more quote on export and loses it on import — so
  export → import gives back the same text for every cell.
* XML (SVG, HTML): characters XML 1.0 forbids (controls below U+0020 except tab, newline and
  carriage return, U+FFFE, U+FFFF, lone surrogates) make a document malformed; :func:`xml_text`
  drops them.
"""

from __future__ import annotations

import re

_TRIGGER = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def neutralise_cell(cell: str) -> str:
    """``cell`` as a spreadsheet will not run it: a leading ``'`` before formula characters."""
    if _TRIGGER.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restore_cell(cell: str) -> str:
    """The inverse of :func:`neutralise_cell` (for cells read from a CSV file)."""
    return cell[1:] if _QUOTED.match(cell) else cell


def neutralise_rows(rows: list[list[str]]) -> list[list[str]]:
    return [[neutralise_cell(c) if isinstance(c, str) else c for c in row] for row in rows]


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 does not allow."""
    return _XML_ILLEGAL.sub("", text)
