"""UI layer: painting one slide of the deck — the title band, the canvas of the view, the
analysis card, the speaker notes and the page number — with a :class:`QPainter` on any
paint device (a :class:`QPdfWriter` page for the deck, a :class:`QImage` for a preview).

Everything is vector: the canvas is the live :class:`ecodesk.ui.canvas.scene.CanvasScene`
rendered through :class:`ecodesk.ui.canvas.export.ImageExporter` (as the PDF picture export
does), text is text. Logical units: 1/96 inch; a page is :data:`PAGE_W` × :data:`PAGE_H`
(13.33 × 7.5 in, the 16:9 slide size of presentation programs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from ecodesk.ui.canvas.style import canvas_font
from ecodesk.ui.slides_card import Card
from ecodesk.ui.textlayout import line_spans

PAGE_W, PAGE_H = 1280.0, 720.0
MARGIN = 40.0
GAP = 20.0
#: Share of the body's width the canvas takes when a card is beside it.
CANVAS_SHARE = 0.62
NOTES_LINES = 5

INK = QColor("#1F2933")
MUTED = QColor("#52606D")
FAINT = QColor("#9AA5B1")
RULE = QColor("#D5DBE1")
ACCENT = QColor("#1A73E8")
CARD_BG = QColor("#F4F6F8")
TONES = {"good": QColor("#1E7B34"), "bad": QColor("#C62828"), "warn": QColor("#A15C00")}


def font(size: float, bold: bool = False) -> QFont:
    """The deck's font (the canvas font: the UI family with CJK fallbacks) at ``size`` pt.

    Without the OpenType features ``locl`` and ``liga``: Noto Sans CJK's Latin-script
    localisation swaps the digits of mixed text ("18.06 M CNY") for alternate glyphs that
    Qt's PDF writer maps to no character, so a copied or searched figure would lose its
    digits; and "fi" stays two letters for a search ("ﬁ" is one character)."""
    f = canvas_font(size, bold)
    f.setFeature(QFont.Tag("locl"), 0)
    f.setFeature(QFont.Tag("liga"), 0)
    return f


def wrap(text: str, f: QFont, width: float, max_lines: int | None = None) -> list[str]:
    """``text`` broken into lines of at most ``width`` (Chinese breaks between characters,
    other text between words; line breaks kept); past ``max_lines`` the last line ends in "…"."""
    lines: list[str] = []
    fm = QFontMetricsF(f)
    for para in text.splitlines() or [""]:
        lines += [para[a:a + n].rstrip() for a, n in line_spans(para, f, width)]
    if max_lines is not None and len(lines) > max_lines:
        last = lines[max_lines - 1] + " …"
        if fm.horizontalAdvance(last) > width:  # no room for the mark: cut the line to make some
            last = fm.elidedText(lines[max_lines - 1] + " " + lines[max_lines], Qt.TextElideMode.ElideRight, width)
        lines = [*lines[:max_lines - 1], last]
    return lines


def elide(text: str, f: QFont, width: float) -> str:
    return QFontMetricsF(f).elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, width))


def draw_lines(p: QPainter, lines: list[str], f: QFont, x: float, y: float, color: QColor,
               width: float | None = None, align_right: bool = False) -> float:
    """Draw ``lines`` from top ``y``; returns the y below the last."""
    fm = QFontMetricsF(f)
    p.setFont(f)
    p.setPen(color)
    for line in lines:
        dx = (width - fm.horizontalAdvance(line)) if align_right and width is not None else 0.0
        p.drawText(QPointF(x + dx, y + fm.ascent()), line)
        y += fm.lineSpacing()
    return y


@dataclass(frozen=True)
class Layout:
    """Where the parts of a page go."""

    title: QRectF
    canvas: QRectF
    card: QRectF | None
    notes: QRectF
    notes_lines: list[str]


def layout(title_lines: int, notes: str, with_card: bool) -> Layout:
    notes_font = font(10.5)
    fm = QFontMetricsF(notes_font)
    width = PAGE_W - 2 * MARGIN - 90  # the page number sits right of the notes
    lines = wrap(notes.strip(), notes_font, width, NOTES_LINES) if notes.strip() else []
    notes_h = len(lines) * fm.lineSpacing()
    foot_top = PAGE_H - 30 - max(notes_h, QFontMetricsF(font(9)).height())
    title_h = title_lines * QFontMetricsF(font(22, True)).lineSpacing() + 26
    title = QRectF(MARGIN, 26, PAGE_W - 2 * MARGIN, title_h)
    body_top = title.bottom() + 14
    body_bottom = foot_top - 16
    body = QRectF(MARGIN, body_top, PAGE_W - 2 * MARGIN, max(60.0, body_bottom - body_top))
    if with_card:
        cw = round(body.width() * CANVAS_SHARE)
        canvas = QRectF(body.left(), body.top(), cw, body.height())
        card = QRectF(canvas.right() + GAP, body.top(), body.width() - cw - GAP, body.height())
    else:
        canvas, card = body, None
    return Layout(title, canvas, card, QRectF(MARGIN, foot_top, width, notes_h), lines)


def paint_header(p: QPainter, rect: QRectF, title: str, subtitle: str) -> None:
    f = font(22, True)
    y = draw_lines(p, wrap(title, f, rect.width(), 2), f, rect.left(), rect.top(), INK)
    draw_lines(p, [elide(subtitle, font(10), rect.width())], font(10), rect.left(), y + 2, MUTED)
    p.setPen(QPen(ACCENT, 2))
    p.drawLine(QPointF(rect.left(), rect.bottom() + 6), QPointF(rect.left() + 56, rect.bottom() + 6))


def paint_footer(p: QPainter, lay: Layout, page: str, left: str) -> None:
    p.setPen(QPen(RULE, 1))
    p.drawLine(QPointF(MARGIN, lay.notes.top() - 9), QPointF(PAGE_W - MARGIN, lay.notes.top() - 9))
    if lay.notes_lines:
        draw_lines(p, lay.notes_lines, font(10.5), lay.notes.left(), lay.notes.top(), INK)
    f = font(9)
    fm = QFontMetricsF(f)
    y = PAGE_H - 22 - fm.height()
    draw_lines(p, [page], f, PAGE_W - MARGIN - 80, y, MUTED, 80, align_right=True)
    if not lay.notes_lines and left:
        draw_lines(p, [elide(left, f, PAGE_W - 2 * MARGIN - 100)], f, MARGIN, y, FAINT)


def paint_message(p: QPainter, rect: QRectF, text: str) -> None:
    """A sentence in the middle of the canvas area (a missing scenario, nothing to draw)."""
    p.setPen(QPen(RULE, 1, Qt.PenStyle.DashLine))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
    f = font(14)
    lines = wrap(text, f, rect.width() - 80)
    h = len(lines) * QFontMetricsF(f).lineSpacing()
    fm = QFontMetricsF(f)
    y = rect.center().y() - h / 2
    for line in lines:
        x = rect.center().x() - fm.horizontalAdvance(line) / 2
        draw_lines(p, [line], f, x, y, MUTED)
        y += fm.lineSpacing()


def fitted_source(rect: tuple[float, float, float, float], target: QSizeF) -> QRectF:
    """The view's rectangle grown (about its centre) to the target's shape, so the canvas
    area is filled and everything the view showed stays in sight."""
    x, y, w, h = rect
    want = target.width() / max(target.height(), 1e-9)
    if w / h < want:
        nw = h * want
        return QRectF(x - (nw - w) / 2, y, nw, h)
    nh = w / want
    return QRectF(x, y - (nh - h) / 2, w, nh)


def paint_canvas(p: QPainter, rect: QRectF, scene: Any, view_rect: tuple[float, float, float, float],
                 legend: list[Any]) -> None:
    """The scene's part ``view_rect`` in ``rect``, the legend in a strip below it (a slide's
    legend must hide nothing of the diagram)."""
    from ecodesk.ui.canvas.export import ExportFrame, ImageExporter

    strip = legend_strip(None, legend, rect.width() - 24) if legend else 0.0
    if strip > rect.height() * 0.4:  # a legend of dozens of ecosystems: the diagram matters more
        strip = 0.0
    diagram = rect.adjusted(0, 0, 0, -(strip + 14) if strip else 0)
    p.save()
    p.setClipRect(diagram)
    p.translate(diagram.topLeft())
    size = QSizeF(diagram.width(), diagram.height())
    source = fitted_source(view_rect, size)
    ImageExporter(scene).paint(p, ExportFrame(source, QRectF(QPointF(0, 0), size), size, None))
    p.restore()
    p.setPen(QPen(RULE, 1))
    if strip:
        p.drawLine(QPointF(diagram.left(), diagram.bottom()), QPointF(diagram.right(), diagram.bottom()))
        p.save()
        legend_strip(p, legend, rect.width() - 24, QPointF(rect.left() + 12, diagram.bottom() + 7))
        p.restore()
    p.setPen(QPen(RULE, 1))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))


STRIP_ROW = 19.0
STRIP_ICON = 13.0


def legend_strip(p: QPainter | None, sections: list[Any], width: float, origin: QPointF | None = None) -> float:
    """The legend as running rows — each section's title, then its entries, wrapping at
    ``width``; drawn at ``origin`` when ``p`` is given. Returns the height it takes."""
    from ecodesk.ui.canvas.legend import paint_legend_icon

    tf, ef = font(8.5, True), font(8.5)
    tm, em = QFontMetricsF(tf), QFontMetricsF(ef)
    x = y = 0.0
    ox, oy = (origin.x(), origin.y()) if origin is not None else (0.0, 0.0)

    def place(w: float) -> tuple[float, float]:
        nonlocal x, y
        if x > 0 and x + w > width:
            x, y = 0.0, y + STRIP_ROW
        at = (ox + x, oy + y)
        x += w
        return at

    base = (STRIP_ROW + em.ascent() - em.descent()) / 2 - 1
    for n, sec in enumerate(sections):
        if n and x > 0:
            x += 14.0  # a wider gap between sections
        tx, ty = place(tm.horizontalAdvance(sec.title) + 10)
        if p is not None:
            draw_lines(p, [sec.title], tf, tx, ty + base - tm.ascent(), MUTED)
        for e in sec.entries:
            ex, ey = place(STRIP_ICON + 5 + em.horizontalAdvance(e.label) + 14)
            if p is None:
                continue
            icon = QRectF(ex, ey + (STRIP_ROW - STRIP_ICON) / 2 - 1, STRIP_ICON, STRIP_ICON)
            paint_legend_icon(p, e, icon)
            draw_lines(p, [e.label], ef, ex + STRIP_ICON + 5, ey + base - em.ascent(), INK)
    return y + STRIP_ROW if sections else 0.0


def paint_card(p: QPainter, rect: QRectF, card: Card) -> None:
    """The analysis card: title, headline figures two to a row, the top rows, a finding."""
    p.save()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(CARD_BG)
    p.drawRoundedRect(rect, 10, 10)
    inner = rect.adjusted(18, 16, -18, -14)
    y = draw_lines(p, wrap(card.title, font(15, True), inner.width(), 2), font(15, True), inner.left(), inner.top(),
                   INK) + 8
    y = _paint_figures(p, inner, y, card)
    sentence_f = font(9.5)
    sentence = wrap(card.sentence, sentence_f, inner.width(), 4) if card.sentence else []
    sentence_h = len(sentence) * QFontMetricsF(sentence_f).lineSpacing()
    if card.rows:
        y = _paint_table(p, QRectF(inner.left(), y + 4, inner.width(), inner.bottom() - y - 4 - sentence_h), card)
    if sentence:
        draw_lines(p, sentence, sentence_f, inner.left(), min(y + 10, inner.bottom() - sentence_h), MUTED)
    p.restore()


def _paint_figures(p: QPainter, inner: QRectF, y: float, card: Card) -> float:
    if not card.figures:
        return y
    cols = 2 if len(card.figures) > 1 else 1
    col_w = (inner.width() - 14 * (cols - 1)) / cols
    lf, vf, nf = font(9), font(19, True), font(8.5)
    lh = QFontMetricsF(lf).lineSpacing()
    vh = QFontMetricsF(vf).lineSpacing()
    nh = QFontMetricsF(nf).lineSpacing()
    row_h = lh + vh + nh + 12
    for i, fig in enumerate(card.figures):
        x = inner.left() + (i % cols) * (col_w + 14)
        top = y + (i // cols) * row_h
        draw_lines(p, [elide(fig.label, lf, col_w)], lf, x, top, MUTED)
        draw_lines(p, [elide(fig.value, vf, col_w)], vf, x, top + lh, TONES.get(fig.tone, INK))
        if fig.note:
            draw_lines(p, [elide(fig.note, nf, col_w)], nf, x, top + lh + vh, FAINT)
    return y + ((len(card.figures) + cols - 1) // cols) * row_h


def _paint_table(p: QPainter, area: QRectF, card: Card) -> float:
    """The card's table; rows that do not fit are left out. Returns the y below it."""
    tf, hf, cf = font(10, True), font(8.5, True), font(9)
    y = draw_lines(p, [elide(card.table_title, tf, area.width())], tf, area.left(), area.top(), INK) + 4
    fm, hm = QFontMetricsF(cf), QFontMetricsF(hf)
    ncol = len(card.headers)
    # number columns as wide as their widest cell; the first (names) takes the rest
    widths = [0.0] * ncol
    for j in range(1, ncol):
        widths[j] = max([hm.horizontalAdvance(card.headers[j])] + [fm.horizontalAdvance(r[j]) for r in card.rows
                                                                     if j < len(r)]) + 10
    rest = area.width() - sum(widths[1:])
    if rest < area.width() * 0.34:  # squeeze the number columns rather than the names
        scale = (area.width() * 0.66) / max(sum(widths[1:]), 1.0)
        widths = [w * scale for w in widths]
        rest = area.width() * 0.34
    widths[0] = rest
    row_h = fm.lineSpacing() + 5

    def row(cells: tuple[str, ...], f: QFont, color: QColor, top: float) -> None:
        x = area.left()
        for j, text in enumerate(cells[:ncol]):
            w = widths[j] - (8 if j == 0 else 0)
            shown = elide(text, f, w if j == 0 else widths[j] - 4)
            right = j in card.numeric
            draw_lines(p, [shown], f, x + (0 if j == 0 else 4), top, color, widths[j] - 4, align_right=right)
            x += widths[j]

    if y + hm.lineSpacing() + row_h > area.bottom():
        return y
    row(card.headers, hf, MUTED, y)
    y += hm.lineSpacing() + 3
    p.setPen(QPen(RULE, 1))
    p.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
    y += 3
    bar = QColor(ACCENT)
    bar.setAlpha(34)
    for i, cells in enumerate(card.rows):
        if y + row_h > area.bottom():
            break
        if i < len(card.bars) and card.bars[i] > 0:  # the row's figure against the largest
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bar)
            p.drawRoundedRect(QRectF(area.left(), y, max(3.0, area.width() * card.bars[i]), row_h - 3), 3, 3)
        row(cells, cf, INK, y + 1)
        y += row_h
    return y


__all__ = ["PAGE_H", "PAGE_W", "Layout", "fitted_source", "layout", "legend_strip", "paint_canvas", "paint_card", "paint_footer",
           "paint_header", "paint_message", "wrap"]
