"""Engine layer (a leaf: standard library only): numbers as people read them — one convention
for the analysis panel, the HTML report and the text summaries.

- Thousands separated with a comma: ``1,234,567.5``; a true minus sign ``−`` (U+2212) for
  negative numbers; ``−0`` shows as ``0``; a missing or non-finite value shows as ``—``.
- Money: two decimals (``1,234.50``), or with ``decimals=None`` whole above 100 (``12,346``)
  and two decimals below (``12.35``) — the report's tables.
- Shares: ``12.5 %`` (a space before the sign, in both languages).
- Compact amounts in the reader's language: ``18.06 M`` / ``350 K`` / ``1.2 B``, in Chinese
  ``1,806 万`` / ``1.2 亿``; with a currency ``18.06 M CNY`` / ``1,806 万元``.

The language is always passed in (``"en"`` or ``"zh"``): no global state here, so the engine,
the command line and the app format alike.
"""

from __future__ import annotations

import math
from typing import Any

DASH = "—"
MINUS = "−"

#: English compact units (largest first) and Chinese ones.
_EN_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "K"))
_ZH_UNITS = ((1e8, "亿"), (1e4, "万"))


def finite(value: Any) -> float | None:
    """``value`` as a finite float, else None (None, bools, text, NaN and infinities)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _signed(text: str) -> str:
    """Replace the ASCII minus; a zero that rounds to ``-0…`` loses its sign."""
    if text.startswith("-"):
        body = text[1:]
        return body if not any(c in "123456789" for c in body) else MINUS + body
    return text


def is_chinese(lang: str) -> bool:
    return lang.lower().startswith("zh")


def number(value: Any, decimals: int = 4) -> str:
    """A plain number: thousands separated, at most ``decimals`` decimals (trailing zeros cut):
    ``1,234.5``, ``0.125``, ``−3``; bools as ✓ / ✗; huge values (≥ 1e15) in ``1.23e+15`` form."""
    if isinstance(value, bool):
        return "✓" if value else "✗"
    v = finite(value)
    if v is None:
        return DASH
    if abs(v) >= 1e15:
        return _signed(f"{v:.3g}")
    text = f"{v:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return _signed(text)


def integer(value: Any) -> str:
    """A whole number with thousands separators: ``1,234`` (rounded)."""
    v = finite(value)
    return DASH if v is None else _signed(f"{round(v):,d}")


def money(value: Any, decimals: int | None = 2) -> str:
    """An amount: ``1,234.50`` (``decimals`` fixed); ``decimals=None``: whole at or above 100 or
    when whole (``12,346``), else two decimals (``12.35``)."""
    v = finite(value)
    if v is None:
        return DASH
    if decimals is None:
        decimals = 0 if abs(v) >= 100 or v == int(v) else 2
    return _signed(f"{v:,.{decimals}f}")


def money_with(value: Any, currency: str, decimals: int | None = 2) -> str:
    """``1,234.50 CNY`` (the dash alone when there is no value)."""
    text = money(value, decimals)
    return text if text == DASH else f"{text} {currency}"


def percent(value: Any, decimals: int = 1) -> str:
    """A share as a percentage: 0.125 → ``12.5 %``."""
    v = finite(value)
    return DASH if v is None else _signed(f"{100 * v:.{decimals}f}") + " %"


def ratio(value: Any, decimals: int = 3) -> str:
    """A ratio with fixed decimals: ``0.333``."""
    v = finite(value)
    return DASH if v is None else _signed(f"{v:.{decimals}f}")


def compact(value: Any, lang: str, digits: int = 3) -> str:
    """A short number for axes, legends and labels, ``digits`` significant:
    ``1.2 M``, ``350 K``, ``-4.5 K`` → ``−4.5 K``; Chinese ``120 万``, ``1.2 亿``."""
    v = finite(value)
    if v is None:
        return DASH
    a = abs(v)
    zh = is_chinese(lang)
    # 万 is a smaller step than K/M: one more digit keeps the same precision
    for size, unit in _ZH_UNITS if zh else _EN_UNITS:
        if a >= size:
            return _signed(f"{v / size:.{digits + 1 if zh else digits}g}") + f" {unit}"
    return _signed(f"{v:.{digits + 1}g}")


def compact_money(value: Any, lang: str, currency: str = "CNY") -> str:
    """A short amount for cards and chart labels: ``18.06 M CNY``, ``350.00 K CNY``,
    ``950 CNY``; Chinese ``1,806 万元``, ``1.5 万元``, ``1.20 亿元``, ``950 元`` (yuan as 元,
    other currencies by code: ``1,806 万 USD``)."""
    v = finite(value)
    if v is None:
        return DASH
    a = abs(v)
    if is_chinese(lang):
        yuan = currency.upper() in ("CNY", "RMB")
        unit = "元" if yuan else f" {currency}"
        if a >= 1e8:
            return _signed(f"{v / 1e8:,.2f}") + f" 亿{unit}"
        if a >= 1e4:
            return _signed(f"{v / 1e4:,.{0 if a >= 1e6 else 1}f}") + f" 万{unit}"
        return _signed(f"{v:,.0f}") + (" 元" if yuan else f" {currency}")
    for size, unit in _EN_UNITS:
        if a >= size:
            return _signed(f"{v / size:,.2f}") + f" {unit} {currency}"
    return _signed(f"{v:,.0f}") + f" {currency}"


def signed_delta(text: str, value: Any) -> str:
    """``+`` before a formatted positive change (negative ones carry ``−`` already)."""
    v = finite(value)
    return "+" + text if v is not None and v > 0 else text


def format_value(kind: str, value: Any) -> str:
    """A table cell of column ``kind``: money, percent, int, number, else the text itself."""
    if kind == "money":
        return money(value)
    if kind == "percent":
        return percent(value)
    if kind == "int":
        return integer(value)
    if kind == "number":
        return number(value)
    return DASH if value is None else str(value)


def join_list(items: list[str], lang: str) -> str:
    """``a, b, c`` — in Chinese ``a、b、c``."""
    return ("、" if is_chinese(lang) else ", ").join(items)


__all__ = [
    "DASH", "MINUS", "compact", "compact_money", "finite", "format_value", "integer", "is_chinese", "join_list",
    "money", "money_with", "number", "percent", "ratio", "signed_delta",
]
