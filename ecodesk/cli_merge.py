"""The ``ecodesk merge`` and ``ecodesk diff`` commands (SPEC §4 "Merging", §5).

Kept beside :mod:`ecodesk.cli`, which registers the parsers and calls :func:`run_merge` /
:func:`run_diff` lazily. Bad input — a missing file, a file merged with itself (the same path
or the same bytes), different currencies or periods, an OUT that exists without ``--force``,
a merged result that would be invalid — is one sentence per problem and exit 1, said before
anything is written; OUT is written atomically (:func:`ecodesk.store.write_project_atomic`).
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ecodesk.io.merge import MergeRefused

EXIT_OK = 0


def add_parsers(sub: Any) -> None:
    """The ``merge`` and ``diff`` subcommands' options."""
    s = sub.add_parser(
        "merge", help="merge projects from several groups into OUT (scenarios by name, objects by id, then "
        "entities by name and kind)",
        description="Merge OTHER projects into BASE, one after another, and write OUT (SPEC §4). With --ancestor "
        "(the common starting file) a change made by one side is taken and a field changed differently by both is a "
        "conflict kept from --prefer; without it every differing field is a conflict. Conflicts are listed. Notes on "
        "the canvas merge like objects (a note both groups wrote under one id is kept twice); saved views merge at "
        "project level (by id, then title).")
    s.add_argument("base", metavar="BASE")
    s.add_argument("others", metavar="OTHER", nargs="+")
    s.add_argument("-o", "--output", metavar="OUT", required=True, help="the merged project file to write")
    s.add_argument("--ancestor", metavar="A", help="the common ancestor of BASE and every OTHER")
    s.add_argument("--prefer", choices=("base", "other"), default="base",
                   help="whose value a conflict keeps (default base)")
    s.add_argument("--json", action="store_true", help='print {"added", "matched_by_name", "conflicts"}')
    s.add_argument("--force", action="store_true", help="replace OUT if it exists")

    s = sub.add_parser("diff", help="the differences between two projects (or two scenarios): added, removed, "
                       "changed objects per scenario and table")
    s.add_argument("a", metavar="A")
    s.add_argument("b", metavar="B")
    s.add_argument("--scenario", metavar="S", help="compare only scenario S of both files")
    s.add_argument("--json", action="store_true",
                   help='print {"scenarios_added", "scenarios_removed", "tables": [{"scenario", "table", '
                   '"added", "removed", "changed"}]}')


def _refuse(en: str, zh: str) -> MergeRefused:
    return MergeRefused([(en, zh)])


def _same_file(a: Path, b: Path) -> bool:
    try:
        if os.path.samefile(a, b):
            return True
        if a.is_file() and b.is_file() and a.stat().st_size == b.stat().st_size:
            return a.read_bytes() == b.read_bytes()
    except OSError:
        return False
    return False


def _check_inputs(paths: list[str]) -> None:
    for p in paths:
        if not Path(p).exists():
            raise _refuse(f"'{p}' does not exist.", f"「{p}」不存在。")


def run_merge(args: argparse.Namespace, load_any: Callable[[str], Any]) -> int:
    from ecodesk.io.merge import merge_all
    from ecodesk.store import write_project_atomic

    inputs = [args.base, *args.others] + ([args.ancestor] if args.ancestor else [])
    _check_inputs(inputs)
    files = [args.base, *args.others]
    for i, x in enumerate(files):
        for y in files[i + 1:]:
            if _same_file(Path(x), Path(y)):
                raise _refuse(f"'{x}' and '{y}' are the same file (or have the same content); merging a file with "
                              "itself changes nothing, so nothing was written.",
                              f"「{x}」与「{y}」是同一个文件（或内容相同）；文件与自身合并不会改变任何内容，未写入任何文件。")
    out = Path(args.output)
    if any(_same_file(Path(x), out) for x in inputs if out.exists()):
        raise _refuse(f"OUT '{args.output}' is one of the input files; choose another name for the merged project.",
                      f"输出「{args.output}」是输入文件之一；请为合并结果另选文件名。")
    if out.exists() and not args.force:
        raise _refuse(f"'{args.output}' already exists; add --force to replace it.",
                      f"「{args.output}」已存在；如要替换请加 --force。")
    folder = out.parent
    if str(folder) and not folder.is_dir():
        raise _refuse(f"the folder '{folder}' does not exist; create it first or choose another place for "
                      f"'{out.name}'.", f"文件夹「{folder}」不存在；请先创建它，或为「{out.name}」另选位置。")
    base = load_any(args.base)
    others = [load_any(p) for p in args.others]
    ancestor = load_any(args.ancestor) if args.ancestor else None
    merged, report = merge_all(base, others, ancestor, args.prefer)  # validated: refused before any write
    write_project_atomic(merged, out)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, allow_nan=False))
    else:
        print(format_merge(report, args.output, args.lang))
    return EXIT_OK


#: table -> (one, many, Chinese) for the summary's counts.
_NOUNS = {"scenarios": ("scenario", "scenarios", "个情景"), "ecosystems": ("ecosystem", "ecosystems", "个生态"),
          "entities": ("entity", "entities", "个主体"), "capabilities": ("capability", "capabilities", "项能力"),
          "flows": ("flow", "flows", "条资源流"), "needs": ("need", "needs", "项需求"),
          "pools": ("sharing arrangement", "sharing arrangements", "个共享安排"),
          "annotations": ("note", "notes", "个便签"), "views": ("view", "views", "个视图")}


def _count(table: str, n: int, zh: bool) -> str:
    """"1 scenario", "3 flows", "3 条资源流" — a table's count as people say it."""
    one, many, cn = _NOUNS.get(table, (table, table, " " + table))
    return f"{n} {cn}" if zh else f"{n:,} {one if n == 1 else many}"


def format_merge(report: Any, out: str, lang: str) -> str:
    """The readable summary of a merge, English or Chinese; long lists cut."""
    from ecodesk.io.diff import SHOWN

    zh = lang.startswith("zh")
    added = ("、" if zh else ", ").join(_count(t, n, zh) for t, n in report.added.items() if n) or (
        "无" if zh else "nothing")
    lines = [f"已合并到「{out}」：新增 {added}。" if zh else f"Merged into '{out}': added {added}."]
    if report.matched_by_name:
        pairs = [f"{o} → {b}" for b, o in report.matched_by_name]
        more = len(pairs) - SHOWN
        text = ", ".join(pairs[:SHOWN]) + ((f", … 另有 {more} 项" if zh else f", … and {more} more") if more > 0 else "")
        lines.append(f"按名称与类型匹配的主体：{text}" if zh else f"Entities matched by name and kind: {text}")
    if report.conflicts:
        lines.append(f"冲突 {len(report.conflicts)} 处：" if zh else f"{len(report.conflicts)} conflicts:")
        for c in report.conflicts[:SHOWN]:
            side = ("基准" if c["kept"] == "base" else "其他") if zh else c["kept"]
            if c["table"] == "views" and not c["scenario"]:  # a project-level conflict: a saved view
                where = f"视图 {c['id']}" if zh else f"view {c['id']}"
            else:
                where = f"情景「{c['scenario']}」{c['table']} {c['id']}" if zh else \
                    f"scenario '{c['scenario']}', {c['table']} {c['id']}"
            lines.append(f"  {where} 的 {c['field']}：保留{side}" if zh else f"  {where}, {c['field']}: kept {side}")
        more = len(report.conflicts) - SHOWN
        if more > 0:
            lines.append(f"  … 另有 {more} 项" if zh else f"  … and {more} more")
    return "\n".join(lines)


def run_diff(args: argparse.Namespace, load_any: Callable[[str], Any]) -> int:
    from ecodesk.io.diff import diff, format_diff

    _check_inputs([args.a, args.b])
    a, b = load_any(args.a), load_any(args.b)
    if args.scenario is not None:
        report = diff(a.scenario(args.scenario), b.scenario(args.scenario))
    else:
        report = diff(a, b)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, allow_nan=False))
    else:
        print(format_diff(report, args.lang))
    return EXIT_OK
