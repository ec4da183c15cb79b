"""The ``ecodesk optimize`` command (SPEC §3.6): the least-cost ecosystem design, its
readable summary (English or Chinese) or JSON, the redundancy trade-off, and ``--apply NAME``
(the design saved as a new scenario in FILE, in one atomic save).

Kept beside :mod:`ecodesk.cli` so that the command's options and checks sit in one place;
``cli`` registers the parser and calls :func:`run_optimize` lazily. Bad input — a number
that is not one, an unknown capability id, a negative budget, a redundancy below 1, a
scenario name already taken — is one sentence and exit 1, checked before anything is
solved or written.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ecodesk.analysis.optimize_types import DesignInputError

EXIT_OK, EXIT_BAD_INPUT = 0, 1


def add_parser(sub: Any) -> None:
    """The ``optimize`` subcommand's options."""
    s = sub.add_parser(
        "optimize", help="the least-cost ecosystem design: which capabilities to keep, who serves whom, what it saves",
        description="Find the least-cost design of a scenario (SPEC §3.6): which capabilities to keep, which one "
        "serves each capability flow and unmet need (or whether it stays standalone), under capacities, a budget "
        "for fixed costs, capabilities to keep or exclude and a redundancy. Prints a summary, or with --json one "
        "object; --apply NAME saves the design as a new scenario in FILE.")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--scenario", metavar="S", help="the scenario to optimise (default: the first)")
    s.add_argument("--redundancy", metavar="R", help="a served demand needs at least R kept capabilities of its "
                   "category (R - 1 backups; default 1)")
    s.add_argument("--budget", metavar="B", help="at most B in fixed costs of the kept capabilities")
    s.add_argument("--keep", metavar="IDS", help="capabilities that must stay (comma-separated ids)")
    s.add_argument("--exclude", metavar="IDS", help="capabilities that must close (comma-separated ids)")
    s.add_argument("--time-limit", dest="time_limit", metavar="SEC",
                   help="stop after SEC seconds with the best design found and its proven gap")
    s.add_argument("--apply", metavar="NAME", help="save the design as a new scenario NAME in FILE (a project file; "
                   "one atomic save)")
    s.add_argument("--json", action="store_true", help="print one JSON object (SPEC §3.6)")
    s.add_argument("--tradeoff", action="store_true", help="also the optimal cost, expected service and targeted "
                   "robustness for redundancy 1, 2 and 3 (JSON: a 'tradeoff' key)")


def _refuse(en: str, zh: str) -> DesignInputError:
    return DesignInputError(en, zh)


def _number(text: str | None, option: str, whole: bool = False) -> Any:
    if text is None:
        return None
    try:
        value: float | int = int(text.strip()) if whole else float(text.strip())
    except ValueError:
        kind, kind_zh = ("a whole number", "整数") if whole else ("a number", "数字")
        raise _refuse(f"{option} must be {kind}, not '{text}'.", f"{option} 必须是{kind_zh}，而不是「{text}」。") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise _refuse(f"{option} must be a finite number, not '{text}'.", f"{option} 必须是有限数值，而不是「{text}」。")
    return value


def _ids(text: str | None) -> tuple[str, ...]:
    if text is None:
        return ()
    return tuple(dict.fromkeys(i.strip() for i in text.split(",") if i.strip()))


def options_from_args(args: argparse.Namespace) -> Any:
    """:class:`DesignOptions` from the command line (DesignInputError for a bad number)."""
    from ecodesk.analysis.optimize import DesignOptions

    r = _number(args.redundancy, "--redundancy", whole=True)
    if r is not None and r < 1:
        raise _refuse(f"--redundancy must be at least 1, not {r}.", f"--redundancy 至少为 1，而不是 {r}。")
    budget = _number(args.budget, "--budget")
    if budget is not None and budget < 0:
        raise _refuse(f"--budget must not be negative (got {args.budget.strip()}).",
                      f"--budget 不能为负数（当前为 {args.budget.strip()}）。")
    limit = _number(args.time_limit, "--time-limit")
    if limit is not None and limit <= 0:
        raise _refuse(f"--time-limit must be a positive number of seconds, not {args.time_limit.strip()}.",
                      f"--time-limit 必须是正的秒数，而不是 {args.time_limit.strip()}。")
    return DesignOptions(redundancy=1 if r is None else r, budget=None if budget is None else float(budget),
                         keep=_ids(args.keep), exclude=_ids(args.exclude),
                         time_limit=None if limit is None else float(limit))


def run_optimize(args: argparse.Namespace, load_any: Callable[[str], Any]) -> int:
    """``ecodesk optimize``: every check first, then solve, print, and save when asked."""
    from ecodesk.analysis.optimize import apply_design, check_options, optimize_design, tradeoff
    from ecodesk.analysis.optimize_model import collect_demands
    from ecodesk.analysis.optimize_text import format_design
    from ecodesk.analysis.optimize_text import t as say
    from ecodesk.analysis.run import jsonable

    options = options_from_args(args)
    pf = None
    if args.apply is not None:
        pf = _open_for_apply(args.file, args.apply, load_any)
        project = pf.project
    else:
        project = load_any(args.file)
    try:
        scenario = project.scenario(args.scenario)
        check_options(scenario, options)
        result = optimize_design(scenario, options)
        rows = tradeoff(scenario, options, (1, 2, 3), project.settings) if args.tradeoff else None
        if args.json:
            out = result.to_json()
            if rows is not None:
                out["tradeoff"] = [row.to_json() for row in rows]
            print(json.dumps(jsonable(out), ensure_ascii=False, allow_nan=False))
        else:
            current = {d.id: d.current for d in collect_demands(scenario)}
            names = {o.id: o.name for coll in (scenario.entities, scenario.capabilities) for o in coll}
            print(format_design(result, scenario.name, args.lang, project.currency, current, rows, names=names))
        if pf is None:
            return EXIT_OK
        if result.objective is None:
            raise _refuse(f"The design is infeasible, so no scenario '{args.apply}' was saved.",
                          f"设计不可行，因此未保存情景「{args.apply}」。")
        project.add_scenario(apply_design(scenario, result, args.apply))
        pf.save()
        print(say("applied", args.lang, s=args.apply, f=args.file), file=sys.stderr if args.json else sys.stdout)
        return EXIT_OK
    finally:
        if pf is not None:
            pf.close()


def _open_for_apply(path: str, name: str, load_any: Callable[[str], Any]) -> Any:
    """The project file to save into, refused (one sentence) unless FILE is an ecodesk project
    file and NAME a new, valid scenario name."""
    from ecodesk.model import Scenario, ValidationError
    from ecodesk.store import ProjectFile

    p = Path(path)
    if not p.is_file():
        load_any(path)  # the same sentence as every command for a missing file or a folder
    with open(p, "rb") as fh:
        is_project = fh.read(16) == b"SQLite format 3\x00"
    if not is_project:
        raise _refuse(f"--apply saves into a project file (.ecodesk), and '{path}' is not one; import it first.",
                      f"--apply 只能保存到项目文件（.ecodesk），而「{path}」不是；请先导入。")
    try:
        Scenario(name)
    except ValidationError as exc:
        raise _refuse(f"'{name}' cannot be a scenario name: {exc.message}.",
                      f"「{name}」不能作为情景名称：{exc.message_zh}。") from None
    pf = ProjectFile.open(p)
    if name in pf.project.scenario_names():
        pf.close()
        raise _refuse(f"Scenario '{name}' already exists in '{path}'; choose another name for --apply.",
                      f"「{path}」中已有情景「{name}」；请为 --apply 另选名称。")
    return pf
