"""UI layer: numbers as the analysis panel shows them — money with two decimals, shares as
percentages, large amounts compact (18.06 M / 1,806 万) on the overview cards."""

from __future__ import annotations

import math
from typing import Any

from ecodesk.ui.i18n import current_language
from ecodesk.ui.tablemodels import format_number

DASH = "—"


def _finite(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def money(value: Any, decimals: int = 2) -> str:
    v = _finite(value)
    if v is None:
        return DASH
    text = f"{v:,.{decimals}f}"
    return "0.00" if text in ("-0.00",) else text


def pct(value: Any, decimals: int = 1) -> str:
    v = _finite(value)
    return DASH if v is None else f"{100 * v:.{decimals}f} %"


def num(value: Any) -> str:
    v = _finite(value)
    return DASH if v is None else format_number(v)


def integer(value: Any) -> str:
    v = _finite(value)
    return DASH if v is None else f"{round(v):,d}"


def compact_money(value: Any, currency: str = "CNY") -> str:
    """A short amount for cards and chart labels: 18.06 M CNY, or in Chinese 1,806 万元."""
    v = _finite(value)
    if v is None:
        return DASH
    a = abs(v)
    if current_language() == "zh":
        unit = "元" if currency.upper() in ("CNY", "RMB") else f" {currency}"
        if a >= 1e8:
            return f"{v / 1e8:,.2f} 亿{unit}"
        if a >= 1e4:
            return f"{v / 1e4:,.{0 if a >= 1e6 else 1}f} 万{unit}"
        return f"{v:,.0f} {unit.strip()}"
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if a >= size:
            return f"{v / size:,.2f} {suffix} {currency}"
    return f"{v:,.0f} {currency}"


def compact_number(value: Any) -> str:
    """Axis and label numbers: 1.2 M, 35 k (or 万/亿 in Chinese)."""
    v = _finite(value)
    if v is None:
        return DASH
    a = abs(v)
    if current_language() == "zh":
        if a >= 1e8:
            return f"{v / 1e8:.3g} 亿"
        if a >= 1e4:
            return f"{v / 1e4:.4g} 万"
        return f"{v:.4g}"
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if a >= size:
            return f"{v / size:.3g} {suffix}"
    return f"{v:.4g}"


def format_value(kind: str, value: Any) -> str:
    """Display text of a table cell of column ``kind``."""
    if kind == "money":
        return money(value)
    if kind == "percent":
        return pct(value)
    if kind == "int":
        return integer(value)
    if kind == "number":
        return num(value)
    if value is None:
        return DASH
    return str(value)
