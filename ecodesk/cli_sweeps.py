"""The ``ecodesk sensitivity`` and ``ecodesk uncertainty`` commands (SPEC §3.7): a metric's
one-at-a-time sensitivity and its distribution under the model's ranges, as a readable table
(English or Chinese) or, with ``--json``, the SPEC object.

Kept beside :mod:`ecodesk.cli` like :mod:`ecodesk.cli_optimize`: ``cli`` registers the parsers
and calls :func:`run_sensitivity` / :func:`run_uncertainty` lazily. Bad input — a metric that is
not one (the nearest valid paths named), p outside (0, 1), samples < 1, an unknown field, a
Dask scheduler nobody answers at, no ranges at all — is one sentence and exit 1, said before
any sweep starts. Long sweeps draw a progress bar on stderr, only when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections.abc import Callable
from typing import Any, TextIO

from ecodesk import numfmt
from ecodesk.analysis.metrics import SweepInputError

EXIT_OK = 0

_T: dict[str, tuple[str, str]] = {
    "s_title": ("Sensitivity of {m} ({k}) — scenario '{s}'", "敏感性：{m}（{k}）— 情景「{s}」"),
    "s_head": ("Base value {b}; each input set to value × (1 ± {p}) one at a time; {n} inputs varied, the {t} "
               "largest swings shown.",
               "基准值 {b}；每次只将一个输入设为 值 ×（1 ± {p}）；共变动 {n} 个输入，列出波动最大的 {t} 个。"),
    "s_none": ("No input of the chosen fields is set and non-zero: nothing to vary.",
               "所选字段中没有已设定且非零的输入：无可变动之处。"),
    "col_rank": ("#", "#"),
    "col_object": ("Object", "对象"),
    "col_field": ("Field", "字段"),
    "col_value": ("Value", "取值"),
    "col_range": ("Low → high", "低 → 高"),
    "col_metric": ("Metric at low → high", "指标 低 → 高"),
    "col_swing": ("Swing", "波动"),
    "u_title": ("Uncertainty of {m} ({k}) — scenario '{s}'", "不确定性：{m}（{k}）— 情景「{s}」"),
    "u_head": ("{n} samples (seed {seed}); {r} ranged numbers drawn independently from triangular distributions "
               "(low, value, high).",
               "{n} 个样本（随机种子 {seed}）；{r} 个带范围的数值各自独立地按三角分布（下限、取值、上限）抽取。"),
    "u_stats": ("Mean {mean}   5th percentile {p05}   median {p50}   95th percentile {p95}",
                "均值 {mean}   第 5 百分位 {p05}   中位数 {p50}   第 95 百分位 {p95}"),
    "u_better": ("Better off than alone (Shapley cost at most the standalone cost), share of samples:",
                 "优于单干（Shapley 分摊不高于独立成本）的样本比例："),
    "u_no_players": ("The cost game has no players.", "成本博弈没有参与方。"),
}


def t(key: str, lang: str, **kw: Any) -> str:
    en, zh = _T[key]
    return (zh if lang.startswith("zh") else en).format(**kw)


def add_parsers(sub: Any) -> None:
    """The ``sensitivity`` and ``uncertainty`` subcommands."""
    s = sub.add_parser(
        "sensitivity", help="one-at-a-time sensitivity of a metric: which inputs move it most",
        description="For each input number of the chosen fields (set and not 0), recompute the metric with that "
        "number at value×(1−p) and value×(1+p), everything else unchanged and the project's analysis settings "
        "(SPEC §3.7). Prints the largest swings, or with --json one object.")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--metric", metavar="K", required=True,
                   help="the metric: a dotted path of analyze --json, e.g. cost_sharing.total_cost, "
                   "cost_sharing.shapley.ID, resilience.monte_carlo.expected_service")
    s.add_argument("--p", metavar="P", default="0.2", help="relative change, strictly between 0 and 1 (default 0.2)")
    s.add_argument("--fields", metavar="TABLE.FIELD,…", help="inputs to vary (default: capabilities.fixed_cost, "
                   "capabilities.unit_cost, flows.volume, flows.standalone_cost, flows.risk, entities.demand, "
                   "entities.risk, needs.volume, needs.standalone_cost, pools.amount)")
    s.add_argument("--top", metavar="N", default="20", help="rows shown (default 20)")
    _common(s)
    u = sub.add_parser(
        "uncertainty", help="the distribution of a metric when the ranged numbers are drawn",
        description="Draw every ranged number from a triangular distribution (low, value, high), independently, "
        "N times, and report the metric's mean, 5th, 50th and 95th percentiles and, per cost-game player, the "
        "share of samples in which its Shapley cost is at most its standalone cost (SPEC §3.7).")
    u.add_argument("file", metavar="FILE")
    u.add_argument("--metric", metavar="K", required=True, help="the metric: a dotted path of analyze --json")
    u.add_argument("--samples", metavar="N", default="1000", help="samples (default 1000)")
    u.add_argument("--seed", metavar="S", help="random seed of the draws (default: the project's analysis seed)")
    _common(u)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print one JSON object (SPEC §3.7)")
    p.add_argument("--scenario", metavar="S", help="the scenario (default: the first)")
    p.add_argument("--workers", metavar="N", help="local worker processes (default: every core; 1: this process)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on the Dask cluster at ADDRESS (tcp://host:port; needs "
                   "ecodesk[cluster])")


def _whole(text: str | None, option: str, low: int) -> int | None:
    if text is None:
        return None
    try:
        value = int(text.strip())
    except ValueError:
        raise SweepInputError(f"{option} must be a whole number, not '{text}'.",
                              f"{option} 必须是整数，而不是「{text}」。") from None
    if value < low:
        raise SweepInputError(f"{option} must be at least {low}, not {value}.",
                              f"{option} 至少为 {low}，而不是 {value}。")
    return value


class ProgressBar:
    """A one-line bar on ``stream``, only when ``stream`` is a terminal and only for a long
    sweep (one still running after ``delay`` seconds), redrawn at most every 0.1 s; cleared
    when done."""

    def __init__(self, stream: TextIO, label: str, delay: float = 0.5) -> None:
        self.stream, self.label = stream, label
        isatty = getattr(stream, "isatty", None)
        self.on = bool(callable(isatty) and isatty())
        self._start = time.monotonic()
        self._delay = delay
        self._last = 0.0
        self._drawn = False

    def __call__(self, fraction: float) -> None:
        if not self.on:
            return
        now = time.monotonic()
        if now - self._start < self._delay and not self._drawn:
            return  # a short sweep draws no bar
        if fraction < 1.0 and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        done = round(width * max(0.0, min(1.0, fraction)))
        self.stream.write(f"\r{self.label} [{'#' * done}{'-' * (width - done)}] {100 * fraction:5.1f} %")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.on and self._drawn:
            self.stream.write("\r" + " " * (len(self.label) + 45) + "\r")
            self.stream.flush()


def _prepare(args: argparse.Namespace, load_any: Callable[[str], Any]) -> tuple[Any, Any, int | None]:
    workers = _whole(args.workers, "--workers", 1)
    project = load_any(args.file)
    scenario = project.scenario(args.scenario)
    if args.dask:
        from ecodesk.analysis.sweep import run_sweep

        run_sweep(None, [], _nothing, dask=args.dask)  # unreachable: one sentence before anything starts
    return project, scenario, workers


def _nothing(payload: Any, task: Any) -> None:  # pragma: no cover - never called (no tasks)
    return None


def run_sensitivity(args: argparse.Namespace, load_any: Callable[[str], Any]) -> int:
    from ecodesk.analysis.metrics import metric_label, object_name
    from ecodesk.analysis.sensitivity import check_fields, check_p, sensitivity

    p = check_p(args.p)
    fields = check_fields(args.fields)
    top = _whole(args.top, "--top", 1)
    project, scenario, workers = _prepare(args, load_any)
    bar = ProgressBar(sys.stderr, "sensitivity")
    try:
        result = sensitivity(scenario, project.settings, args.metric, p=p, fields=fields, top=top,
                             workers=workers, dask=args.dask, progress=bar)
    finally:
        bar.close()
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False))
        return EXIT_OK
    lang = args.lang
    print(t("s_title", lang, m=metric_label(result.metric, scenario, lang), k=result.metric, s=scenario.name))
    print(t("s_head", lang, b=_fmt(result.base), p=_fmt(result.p), n=f"{result.inputs:,}",
            t=len(result.rows)))
    if not result.rows:
        print(t("s_none", lang))
        return EXIT_OK
    headers = [t(k, lang) for k in ("col_rank", "col_object", "col_field", "col_value", "col_range", "col_metric",
                                     "col_swing")]
    rows = []
    for n, r in enumerate(result.rows, 1):
        name = object_name(scenario, r.object)
        rows.append([str(n), name if name == r.object else f"{name} [{r.object}]", r.field, _fmt(r.value),
                     f"{_fmt(r.low)} → {_fmt(r.high)}",
                     f"{_fmt(r.metric_low)} → {_fmt(r.metric_high)}", _fmt(r.swing)])
    print(_columns(headers, rows, right=(0, 3, 4, 5, 6)))
    return EXIT_OK


def run_uncertainty(args: argparse.Namespace, load_any: Callable[[str], Any]) -> int:
    from ecodesk.analysis.metrics import metric_label, object_name
    from ecodesk.analysis.uncertainty import check_samples, check_seed, uncertainty

    samples = check_samples(_whole(args.samples, "--samples", 1))
    seed = None if args.seed is None else check_seed(_whole(args.seed, "--seed", 0))
    project, scenario, workers = _prepare(args, load_any)
    bar = ProgressBar(sys.stderr, "uncertainty")
    try:
        result = uncertainty(scenario, project.settings, args.metric, samples=samples, seed=seed, workers=workers,
                             dask=args.dask, progress=bar)
    finally:
        bar.close()
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False))
        return EXIT_OK
    lang = args.lang
    print(t("u_title", lang, m=metric_label(result.metric, scenario, lang), k=result.metric, s=scenario.name))
    print(t("u_head", lang, n=f"{result.samples:,}", seed=result.seed, r=f"{result.ranged:,}"))
    print(t("u_stats", lang, mean=_fmt(result.mean), p05=_fmt(result.p05),
            p50=_fmt(result.p50), p95=_fmt(result.p95)))
    print()
    if not result.p_better_off:
        print(t("u_no_players", lang))
        return EXIT_OK
    print(t("u_better", lang))
    rows = []
    for pid, share in sorted(result.p_better_off.items(), key=lambda kv: (kv[1], kv[0])):
        name = object_name(scenario, pid)
        bar_text = "█" * round(20 * share)
        rows.append([name if name == pid else f"{name} [{pid}]", numfmt.percent(share), bar_text])
    print(_columns(["", "", ""], rows, right=(1,), header=False))
    return EXIT_OK


def _fmt(value: float) -> str:
    """A figure as planners read it: whole from 1,000 up, four decimals below."""
    return numfmt.number(value, 0 if abs(value) >= 1000 else 4)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _columns(headers: list[str], rows: list[list[str]], *, right: tuple[int, ...] = (), header: bool = True) -> str:
    """Aligned columns (Chinese characters count two wide)."""
    table = ([headers] if header else []) + rows
    widths = [max(_width(r[c]) for r in table) for c in range(len(headers))]
    lines = []
    for n, r in enumerate(table):
        cells = []
        for c, text in enumerate(r):
            pad = " " * (widths[c] - _width(text))
            cells.append(pad + text if c in right else text + pad)
        lines.append("  " + "  ".join(cells).rstrip())
        if header and n == 0:
            lines.append("  " + "  ".join("-" * w for w in widths))
    return "\n".join(lines)
