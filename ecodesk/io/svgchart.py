"""I/O layer: small charts as inline SVG, in pure Python — for the HTML report, so the report
can be written by the engine alone (no Qt, no plotting library, nothing loaded from the
network).

Three kinds: horizontal grouped bars (:func:`bar_chart`, negative values to the left of a
zero line), lines with an optional band (:func:`line_chart`) and a histogram with marker
lines (:func:`histogram`). Every text is escaped; colours are the caller's constants. The
SVG carries no ``xmlns`` and no font: inline in HTML5 it takes the page's font, so Chinese
and English labels look like the text around them.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from ecodesk.io.textsafe import xml_text

Fmt = Callable[[float], str]

FONT = 11.0  # px, tick and value labels
AXIS = "#8a949e"
GRID = "#e6e9ed"
INK = "#2b3440"
MUTED = "#5f6b76"


def esc(text: object) -> str:
    return escape(xml_text(str(text)), quote=True)


def text_width(text: str, size: float = FONT) -> float:
    """Rough width of ``text`` in px: wide (CJK) characters one em, others about half."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.56 for c in text)


def clip(text: str, width: float, size: float = FONT) -> str:
    """``text`` shortened with an ellipsis to fit ``width`` px."""
    if text_width(text, size) <= width:
        return text
    out = ""
    for c in text:
        if text_width(out + c + "…", size) > width:
            break
        out += c
    return out + "…"


def nice_ticks(lo: float, hi: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values covering [lo, hi] (about ``count`` of them; whole numbers only when
    ``integer``)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo] if math.isfinite(lo) else [0.0]
    raw = (hi - lo) / max(1, count)
    if integer:
        raw = max(raw, 1.0)
    mag = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(m * mag for m in steps if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 12))
        v += step
    if ticks and ticks[0] > lo + step * 1e-9:
        ticks.insert(0, ticks[0] - step)
    if ticks[-1] < hi - step * 1e-9:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
            f'role="img" aria-label="{esc(label)}">' + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: float = FONT, color: str = MUTED,
          weight: str = "normal", baseline: str = "middle", halo: bool = False) -> str:
    ring = ' stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' if halo else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" fill="{color}" text-anchor="{anchor}" '
            f'dominant-baseline="{baseline}" font-weight="{weight}"{ring}>{esc(text)}</text>')


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    color: str
    dash: str = ""


def _legend(series: Sequence[Series], x: float, y: float, max_width: float) -> tuple[list[str], float]:
    """Swatches and names in rows from (x, y); returns the elements and the height used."""
    out: list[str] = []
    cx, cy = x, y
    for s in series:
        w = 14 + 6 + text_width(s.name) + 16
        if cx + w > x + max_width and cx > x:
            cx, cy = x, cy + 18
        if s.dash:
            out.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{cx + 14:.1f}" y2="{cy:.1f}" stroke="{s.color}" '
                       f'stroke-width="2.5" stroke-dasharray="{s.dash}"/>')
        else:
            out.append(f'<rect x="{cx:.1f}" y="{cy - 5:.1f}" width="14" height="10" rx="2" fill="{s.color}"/>')
        out.append(_text(cx + 20, cy, s.name, color=INK))
        cx += w
    return out, cy - y + 18


def bar_chart(labels: Sequence[str], series: Sequence[Series], *, fmt: Fmt, short: Fmt | None = None,
              width: float = 660, title: str = "", values_on_bars: bool | None = None) -> str:
    """Horizontal bars, one group per label and one bar per series; negative values extend
    left of the zero line. ``fmt`` labels values, ``short`` the axis ticks."""
    short = short or fmt
    n = len(series)
    values_on_bars = (n <= 2) if values_on_bars is None else values_on_bars
    label_w = min(190.0, max([text_width(lb) for lb in labels] + [40.0]) + 10)
    bar_h = 16.0 if n == 1 else max(7.0, 22.0 / n)
    group_h = bar_h * n + 10
    top = 8.0
    body: list[str] = []
    if n > 1:
        leg, leg_h = _legend(series, label_w, top + 6, width - label_w)
        body += leg
        top += leg_h + 4
    all_values = [v for s in series for v in s.values if v is not None and math.isfinite(v)] or [0.0]
    lo, hi = min(0.0, min(all_values)), max(0.0, max(all_values))
    if hi == lo:
        hi = lo + 1
    ticks = nice_ticks(lo, hi, 4)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    value_room = 74.0 if values_on_bars else 10.0
    left_room = value_room if lo < 0 and values_on_bars else 0.0
    plot_x0, plot_x1 = label_w + 8 + left_room, width - value_room

    def sx(v: float) -> float:
        return plot_x0 + (v - lo) / (hi - lo) * (plot_x1 - plot_x0)

    plot_h = group_h * len(labels)
    bottom = top + plot_h
    for t in ticks:
        x = sx(t)
        body.append(f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{GRID}"/>')
        body.append(_text(x, bottom + 12, short(t), anchor="middle", size=10))
    for i, label in enumerate(labels):
        gy = top + i * group_h + 5
        body.append(_text(label_w, gy + bar_h * n / 2, clip(label, label_w - 10), anchor="end", color=INK))
        for j, s in enumerate(series):
            v = s.values[i]
            if v is None or not math.isfinite(v):
                continue
            x0, x1 = sorted((sx(0), sx(v)))
            y = gy + j * bar_h
            body.append(f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 0.8):.1f}" height="{bar_h - 1.5:.1f}" '
                        f'fill="{s.color}" rx="1.5"><title>{esc(label)} · {esc(s.name)}: {esc(fmt(v))}</title></rect>')
            if values_on_bars:
                tx, anchor = (x1 + 4, "start") if v >= 0 else (x0 - 4, "end")
                body.append(_text(tx, y + (bar_h - 1.5) / 2, fmt(v), anchor=anchor, size=10))
    z = sx(0)
    body.append(f'<line x1="{z:.1f}" y1="{top:.1f}" x2="{z:.1f}" y2="{bottom:.1f}" stroke="{AXIS}" stroke-width="1.2"/>')
    return _svg(width, bottom + 22, body, title)


def line_chart(xs: Sequence[float], series: Sequence[Series], *, band: tuple[Sequence[float], Sequence[float], str]
               | None = None, band_name: str = "", x_label: str = "", y_label: str = "", y_fmt: Fmt = str,
               x_fmt: Fmt = str, width: float = 660, height: float = 250, title: str = "",
               y_range: tuple[float, float] = (0.0, 1.0)) -> str:
    """Lines over ``xs`` (one per series), with an optional shaded band (low, high, colour)."""
    body: list[str] = []
    legend_series = list(series) + ([Series(band_name, [], band[2])] if band is not None and band_name else [])
    leg, leg_h = _legend(legend_series, 56, 14, width - 70)
    body += leg
    x0, x1, y0, y1 = 56.0, width - 16, 14 + leg_h + 6, height - 40
    lo, hi = y_range
    xmin, xmax = (min(xs), max(xs)) if xs else (0.0, 1.0)
    if xmax == xmin:
        xmax = xmin + 1

    def sx(v: float) -> float:
        return x0 + (v - xmin) / (xmax - xmin) * (x1 - x0)

    def sy(v: float) -> float:
        return y1 - (min(max(v, lo), hi) - lo) / (hi - lo) * (y1 - y0)

    for t in nice_ticks(lo, hi, 4):
        if lo - 1e-9 <= t <= hi + 1e-9:
            body.append(f'<line x1="{x0:.1f}" y1="{sy(t):.1f}" x2="{x1:.1f}" y2="{sy(t):.1f}" stroke="{GRID}"/>')
            body.append(_text(x0 - 6, sy(t), y_fmt(t), anchor="end", size=10))
    whole = all(float(x).is_integer() for x in xs)
    for t in nice_ticks(xmin, xmax, 6, integer=whole):
        if xmin - 1e-9 <= t <= xmax + 1e-9:
            body.append(_text(sx(t), y1 + 13, x_fmt(t), anchor="middle", size=10))
    body.append(f'<line x1="{x0:.1f}" y1="{y1:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{AXIS}"/>')
    body.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x0:.1f}" y2="{y1:.1f}" stroke="{AXIS}"/>')
    if band is not None and xs:
        low, high, color = band
        pts = [f"{sx(x):.1f},{sy(v):.1f}" for x, v in zip(xs, high)]
        pts += [f"{sx(x):.1f},{sy(v):.1f}" for x, v in reversed(list(zip(xs, low)))]
        body.append(f'<polygon points="{" ".join(pts)}" fill="{color}" stroke="none"/>')
    for s in series:
        pts = " ".join(f"{sx(x):.1f},{sy(v):.1f}" for x, v in zip(xs, s.values) if v is not None)
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        body.append(f'<polyline points="{pts}" fill="none" stroke="{s.color}" stroke-width="2.2"{dash} '
                    f'stroke-linejoin="round"/>')
        if len(xs) <= 40:
            for x, v in zip(xs, s.values):
                if v is not None:
                    body.append(f'<circle cx="{sx(x):.1f}" cy="{sy(v):.1f}" r="2.4" fill="{s.color}">'
                                f'<title>{esc(s.name)}: {esc(x_fmt(x))} → {esc(y_fmt(v))}</title></circle>')
    if x_label:
        body.append(_text((x0 + x1) / 2, height - 8, x_label, anchor="middle", color=INK))
    if y_label:
        body.append(f'<text transform="translate(14,{(y0 + y1) / 2:.1f}) rotate(-90)" font-size="{FONT:g}" '
                    f'fill="{INK}" text-anchor="middle" dominant-baseline="middle">{esc(y_label)}</text>')
    return _svg(width, height, body, title)


def histogram(counts: Sequence[int], edges: Sequence[float], *,
              markers: Sequence[tuple[float, str, str, str, str]] = (),
              x_fmt: Fmt = str, x_label: str = "", y_label: str = "", color: str = "#4e79a7", width: float = 660,
              height: float = 250, title: str = "") -> str:
    """Bars of ``counts`` over the bins ``edges`` (len(counts)+1), with vertical marker lines
    (x, name, value text, colour, dash); markers at one value share a label, and labels that
    would overlap go on separate rows."""
    body: list[str] = []
    lo, hi = (edges[0], edges[-1]) if len(edges) >= 2 else (0.0, 1.0)
    if hi <= lo:
        hi = lo + 1
    x0, x1 = 56.0, width - 16
    # markers at the same value share one line and one label ("p50 = p95 100%")
    merged: dict[float, list[tuple[str, str, str, str]]] = {}
    for x, name, value, col, dash in markers:
        merged.setdefault(round(min(max(x, lo), hi), 9), []).append((name, value, col, dash))
    label_rows: list[tuple[float, str, str, str, int, str]] = []
    spans: list[tuple[float, float, int]] = []
    rows = 0
    for x in sorted(merged):
        group = merged[x]
        label = " = ".join(g[0] for g in group) + " " + group[0][1]
        col, dash = group[0][2], group[0][3]
        px = x0 + (x - lo) / (hi - lo) * (x1 - x0)
        w = text_width(label, 10)
        anchor = "end" if px + w / 2 > width - 2 else "start" if px - w / 2 < 2 else "middle"
        left = px - w if anchor == "end" else px if anchor == "start" else px - w / 2
        row = 0
        while any(r == row and left < b + 8 and a < left + w + 8 for a, b, r in spans):
            row += 1
        spans.append((left, left + w, row))
        label_rows.append((px, label, col, dash, row, anchor))
        rows = max(rows, row + 1)
    y0, y1 = 10 + rows * 14 + 4, height - 40
    total = max(1, max(counts) if counts else 1)
    ticks = nice_ticks(0, total, 4)
    top_count = max(ticks[-1], 1)

    def sx(v: float) -> float:
        return x0 + (min(max(v, lo), hi) - lo) / (hi - lo) * (x1 - x0)

    def sy(v: float) -> float:
        return y1 - v / top_count * (y1 - y0)

    for t in ticks:
        body.append(f'<line x1="{x0:.1f}" y1="{sy(t):.1f}" x2="{x1:.1f}" y2="{sy(t):.1f}" stroke="{GRID}"/>')
        body.append(_text(x0 - 6, sy(t), f"{t:,.0f}", anchor="end", size=10))
    for i, c in enumerate(counts):
        a, b = sx(edges[i]), sx(edges[i + 1])
        if c:
            body.append(f'<rect x="{a + 0.6:.1f}" y="{sy(c):.1f}" width="{max(b - a - 1.2, 0.6):.1f}" '
                        f'height="{y1 - sy(c):.1f}" fill="{color}"><title>{esc(x_fmt(edges[i]))}–'
                        f'{esc(x_fmt(edges[i + 1]))}: {c:,}</title></rect>')
    for t in nice_ticks(lo, hi, 5):
        if lo - 1e-9 <= t <= hi + 1e-9:
            body.append(_text(sx(t), y1 + 13, x_fmt(t), anchor="middle", size=10))
    body.append(f'<line x1="{x0:.1f}" y1="{y1:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="{AXIS}"/>')
    for px, _label, col, dash, row, _anchor in label_rows:
        d = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<line x1="{px:.1f}" y1="{10 + row * 14 + 6:.1f}" x2="{px:.1f}" y2="{y1:.1f}" stroke="{col}" '
                    f'stroke-width="1.8"{d}/>')
    for px, label, col, _dash, row, anchor in label_rows:  # labels over every line
        body.append(_text(px, 10 + row * 14, label, anchor=anchor, size=10, color=col, weight="bold", halo=True))
    if x_label:
        body.append(_text((x0 + x1) / 2, height - 8, x_label, anchor="middle", color=INK))
    if y_label:
        body.append(f'<text transform="translate(14,{(y0 + y1) / 2:.1f}) rotate(-90)" font-size="{FONT:g}" '
                    f'fill="{INK}" text-anchor="middle" dominant-baseline="middle">{esc(y_label)}</text>')
    return _svg(width, height, body, title)


__all__ = ["Series", "bar_chart", "clip", "esc", "histogram", "line_chart", "nice_ticks", "text_width"]
