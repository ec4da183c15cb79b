"""UI layer: text broken into lines of a width, the way Qt lays it out — one place for the
canvas notes, the analysis cards and the slide deck."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout, QTextOption


def wrapping_option() -> QTextOption:
    """Words wrap at their boundaries, Chinese anywhere between characters."""
    opt = QTextOption()
    opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return opt


def line_spans(text: str, font: QFont, width: float, option: QTextOption | None = None) -> list[tuple[int, int]]:
    """(start, length) of each line of ``text`` laid out in ``font`` at ``width``."""
    layout = QTextLayout(text, font)
    layout.setTextOption(option if option is not None else wrapping_option())
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    return spans
