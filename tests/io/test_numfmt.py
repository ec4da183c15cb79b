"""ecodesk.numfmt: the one number convention of panel, report and summaries, in en and zh."""

from __future__ import annotations

import math

import pytest

from ecodesk import numfmt as nf


def test_plain_numbers_separate_thousands_and_use_a_true_minus():
    assert [nf.number(v) for v in (1234.5, 0.125, -3, 1_000_000, 0.00001, -0.00001, 1e20)] == [
        "1,234.5", "0.125", "−3", "1,000,000", "0", "0", "1e+20"]
    assert nf.number(True) == "✓" and nf.number(False) == "✗"
    assert [nf.number(v) for v in (None, math.nan, math.inf, "abc")] == ["—"] * 4
    assert nf.integer(1234.6) == "1,235" and nf.integer(-0.4) == "0" and nf.integer(-1500) == "−1,500"


def test_money_fixed_and_report_style():
    assert nf.money(1234.5) == "1,234.50"
    assert nf.money(-1234.5) == "−1,234.50"
    assert nf.money(-0.001) == "0.00"
    assert nf.money(12345.6, None) == "12,346" and nf.money(12.345, None) == "12.35" and nf.money(7.0, None) == "7"
    assert nf.money(-250.4, None) == "−250"
    assert nf.money_with(1500, "CNY") == "1,500.00 CNY" and nf.money_with(None, "CNY") == "—"


def test_percent_and_ratio():
    assert nf.percent(0.125) == "12.5 %" and nf.percent(1) == "100.0 %" and nf.percent(0.9, 0) == "90 %"
    assert nf.percent(-0.05) == "−5.0 %" and nf.percent(-0.0001) == "0.0 %"
    assert nf.ratio(1 / 3) == "0.333" and nf.ratio(None) == "—"


@pytest.mark.parametrize(("value", "en", "zh"), [
    (18_060_000, "18.1 M", "1806 万"),
    (350_000, "350 K", "35 万"),
    (15_000, "15 K", "1.5 万"),
    (120_000_000, "120 M", "1.2 亿"),
    (1_200_000_000, "1.2 B", "12 亿"),
    (-4500, "−4.5 K", "−4500"),
    (950, "950", "950"),
])
def test_compact_numbers(value, en, zh):
    assert nf.compact(value, "en") == en
    assert nf.compact(value, "zh") == zh
    assert nf.compact(value, "zh_CN") == zh


@pytest.mark.parametrize(("value", "en", "zh"), [
    (18_060_000, "18.06 M CNY", "1,806 万元"),
    (15_000, "15.00 K CNY", "1.5 万元"),
    (120_000_000, "120.00 M CNY", "1.20 亿元"),
    (-2_500_000, "−2.50 M CNY", "−250 万元"),
    (950, "950 CNY", "950 元"),
])
def test_compact_money(value, en, zh):
    assert nf.compact_money(value, "en", "CNY") == en
    assert nf.compact_money(value, "zh", "CNY") == zh


def test_compact_money_other_currency_and_missing():
    assert nf.compact_money(18_060_000, "zh", "USD") == "1,806 万 USD"
    assert nf.compact_money(950, "zh", "USD") == "950 USD"
    assert nf.compact_money(None, "en") == "—"


def test_table_cells_and_deltas():
    assert [nf.format_value(k, 0.5) for k in ("money", "percent", "int", "number", "text")] == [
        "0.50", "50.0 %", "0", "0.5", "0.5"]
    assert nf.format_value("text", None) == "—"
    assert nf.signed_delta(nf.money(3), 3) == "+3.00" and nf.signed_delta(nf.money(-3), -3) == "−3.00"
    assert nf.join_list(["a", "b"], "en") == "a, b" and nf.join_list(["甲", "乙"], "zh") == "甲、乙"
