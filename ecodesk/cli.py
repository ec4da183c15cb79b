"""The ``ecodesk`` command (SPEC §5). Runs without a display; imports the UI lazily,
only to open the window.

Every failure is one clear sentence per problem on stderr — never a traceback — with
exit status 1 for bad input and 2 for usage; a failing command leaves every existing
file as it was and no half-written output behind.

Format names, their help text and the "unknown format" sentences come from the one format
registry (:mod:`ecodesk.io.formats`). The analyses return typed results
(:func:`ecodesk.analysis.run.run_analysis`); JSON is made here, at the edge, and the HTML
report is built by the same :func:`ecodesk.io.report.build_report` the app uses.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import locale
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from ecodesk import __version__
from ecodesk.gcpause import collector_paused
from ecodesk.io.formats import (
    IMAGE_FORMATS,
    REPORT_FORMATS,
    SLIDES_FORMATS,
    cli_help,
    format_for_path,
    format_names,
    get_format,
)
from ecodesk.model.errors import EcodeskError, ValidationError

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2
#: Every kind of format ``ecodesk export`` writes (the project file too): help, errors and
#: dispatch all read the one registry (:mod:`ecodesk.io.formats`).
WRITABLE = ("project", "data", "picture", "report", "slides")
#: … and every kind ``ecodesk import`` reads.
READABLE = ("project", "data")


class UsageError(Exception):
    """Wrong use of the command line (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"ecodesk: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def system_language() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh" if loc.lower().startswith("zh") else "en"


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="ecodesk", description="Plan mutual supply ecosystems (互供生态): capability reuse, "
                "cost sharing and network resilience. With no command, opens the desktop app.")
    p.add_argument("--version", action="version", version=f"ecodesk {__version__}")
    p.add_argument("--lang", choices=("en", "zh"), help="language of messages and summaries (default: system)")
    # --lang is accepted before or after the command
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("en", "zh"), default=argparse.SUPPRESS,
                        help="language of messages and summaries (default: system)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    _add = sub.add_parser

    def add_parser(name: str, **kw: Any) -> argparse.ArgumentParser:
        return _add(name, parents=[common], **kw)

    sub.add_parser = add_parser  # type: ignore[method-assign]

    s = sub.add_parser("open", help="open FILE in the desktop app (without FILE: the most recent project)")
    s.add_argument("file", metavar="FILE", nargs="?")  # the desktop entry's %f may expand to nothing

    s = sub.add_parser("new", help="create a project (blank or from a template)")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--template", metavar="NAME", default="blank", help="template name (see 'ecodesk templates')")
    s.add_argument("--force", action="store_true", help="replace FILE if it exists")

    sub.add_parser("templates", help="list templates: NAME<TAB>title")

    s = sub.add_parser("import", help=f"build FILE from {cli_help('read', READABLE)}")
    s.add_argument("src", metavar="SRC")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--format", dest="fmt", metavar="F", help="source format, one of "
                   f"{', '.join(format_names('read', READABLE))} (default: from the extension)")
    s.add_argument("--force", action="store_true", help="replace an existing FILE (atomically)")
    s.add_argument("--edges", metavar="EDGES", help="an edge table (CSV or xlsx) to read with the node table SRC")
    s.add_argument("--map", dest="map", metavar="FIELD=COLUMN,…", help="node/edge tables: say which column holds "
                   "which field, overriding the guess (e.g. name=Label,volume=Weight; fields: id, name, kind, "
                   "source, target, volume, label, notes, note, skip …)")

    s = sub.add_parser(
        "export", help=f"write FILE as {', '.join(format_names('write', WRITABLE))}",
        description="Write FILE (a project or any importable file) as a project file, as interchange data, as a "
        "picture of the canvas (png, svg, pdf — no display needed, weak points marked as in the app), as a "
        "self-contained HTML report of every analysis or as a slide deck (--format slides: a PDF with one page per "
        "saved view).",
        epilog="Pictures and the report show one scenario: --scenario, else the first. The report and the slides are "
        "written in the project's language when it has one, else in --lang.")
    s.add_argument("file", metavar="FILE")
    s.add_argument("dest", metavar="DEST")
    s.add_argument("--format", dest="fmt", metavar="F", help="format, one of "
                   f"{', '.join(format_names('write', WRITABLE))} (default: from DEST's extension)")
    s.add_argument("--scenario", metavar="S", help="only this scenario")
    s.add_argument("--force", action="store_true", help="replace an existing DEST (atomically; never FILE itself)")
    s.add_argument("--scale", type=_scale, metavar="N",
                   help="png only: pixels per canvas unit, e.g. 2 for a sharp picture on slides (default 1 = 96 dpi)")
    s.add_argument("--select", metavar="IDS", help="png/svg/pdf: only these entities (comma-separated ids) and the "
                   "flows between them")
    s.add_argument("--no-legend", dest="legend", action="store_false", help="png/svg/pdf: leave out the legend")
    s.add_argument("--no-marks", dest="marks", action="store_false",
                   help="png/svg/pdf: leave out the rings the app draws around weak points (single points of failure, "
                   "capabilities built twice, unmet needs)")
    s.add_argument("--seed", type=_nonneg_int, metavar="N", help="html, slides: random seed of the analyses")
    s.add_argument("--trials", type=_pos_int, metavar="N", help="html, slides: Monte Carlo trials")
    s.add_argument("--orders", type=_pos_int, metavar="N", help="html, slides: random removal orders")

    s = sub.add_parser("analyze", help="run every analysis",
                       description="Run every analysis. The summary covers every scenario, one after another, "
                       "unless --scenario names one; --json prints the object of one scenario (SPEC §5): --scenario, "
                       "else the first — and says on stderr which one when there are several.")
    s.add_argument("file", metavar="FILE")
    s.add_argument("--scenario", metavar="S", help="only this scenario (default: every one; --json: the first)")
    s.add_argument("--json", action="store_true", help="print one JSON object (SPEC §5) for one scenario")
    s.add_argument("--seed", type=_nonneg_int, metavar="N")
    s.add_argument("--trials", type=_pos_int, metavar="N", help="Monte Carlo trials (default 10000)")
    s.add_argument("--orders", type=_pos_int, metavar="N", help="random removal orders (default 100)")

    s = sub.add_parser("compare", help="compare two scenarios")
    s.add_argument("file", metavar="FILE")
    s.add_argument("a", metavar="A")
    s.add_argument("b", metavar="B")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("validate", help="check a project; exit 1 with messages if anything is wrong")
    s.add_argument("file", metavar="FILE")

    from ecodesk.cli_merge import add_parsers as add_merge
    from ecodesk.cli_optimize import add_parser as add_optimize
    from ecodesk.cli_sweeps import add_parsers as add_sweeps

    add_optimize(sub)
    add_sweeps(sub)
    add_merge(sub)

    s = sub.add_parser("desktop-install", help="Linux: add ecodesk to the desktop's menus, open .ecodesk files "
                       "with a double-click, install its icon (for this user)")
    s.add_argument("--remove", action="store_true", help="remove them again")

    s = sub.add_parser("doctor", help="check this machine: Python, Qt and its platform plugin, Chinese fonts, "
                       "the data folder, translations and templates; exit 1 if anything is wrong",
                       description="Check that this machine can run ecodesk: one line per check, with how to fix a "
                       "problem. Qt is tried in a child process, so a Qt that cannot start cannot stop the check.")
    s.add_argument("--json", action="store_true", help='print {"ok": …, "checks": [{"name", "ok", "detail", "fix"}]}')
    s.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)  # the child process: start Qt, report
    return p


def _whole(low: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``low``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, not {value}")
        return value

    return parse


_pos_int, _nonneg_int = _whole(1), _whole(0)


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not (0 < value <= 10):
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 10, not {text}")
    return value


# commands ----------------------------------------------------------------------

#: What the commands say when they succeed (en, zh).
_SAID = {
    "created": ("Created '{f}'.", "已创建「{f}」。"),
    "imported": ("Imported '{src}' into '{f}': {counts}.", "已将「{src}」导入「{f}」：{counts}。"),
    "orphan_view": ("saved view '{v}' shows scenario '{s}', which no longer exists (the view is kept: "
                    "give it a scenario with Update in the Views panel, or delete it).",
                    "视图「{v}」显示的情景「{s}」已不存在（视图仍保留：可在“视图”面板中用“更新”重新指定情景，或删除它）。"),
    "exported": ("Exported '{f}' to '{dest}'.", "已将「{f}」导出到「{dest}」。"),
    "valid": ("'{f}' is valid: {counts}.", "「{f}」有效：{counts}。"),
}


def project_counts(project: Any, lang: str) -> str:
    from ecodesk.analysis.summary import project_counts as counts  # lazy: the app starts without the analyses

    return counts(project, lang)


def _said(key: str, lang: str, **kw: Any) -> str:
    en, zh = _SAID[key]
    return (zh if lang.startswith("zh") else en).format(**kw)


class _Refusal(EcodeskError):
    """Bad input, said in English and Chinese."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh

    def sentence(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


def _missing(path: str) -> _Refusal:
    return _Refusal(f"'{path}' does not exist.", f"「{path}」不存在。")


def _folder_must_exist(dest: str) -> None:
    """Refuse a destination in a folder that does not exist, naming that folder (not the
    hidden temporary file an atomic write would have made there)."""
    folder = Path(dest).parent
    if str(folder) and not folder.is_dir():
        where = str(folder)
        raise _Refusal(f"the folder '{where}' does not exist; create it first or choose another place for "
                       f"'{Path(dest).name}'.", f"文件夹「{where}」不存在；请先创建它，或为「{Path(dest).name}」另选位置。")


def _is_project_file(path: Path) -> bool:
    if path.suffix.lower() == ".ecodesk":
        return True
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def load_any(path: str) -> Any:
    """Open a project file, or import any other supported file, as a Project."""
    from ecodesk.io import check_readable, import_file
    from ecodesk.store import open_project

    p = Path(path)
    if p.is_dir():
        return import_file(p)
    if not p.exists():
        raise _missing(path)
    check_readable(p)  # a FIFO or device is refused before anything opens it (it would block)
    if _is_project_file(p):
        return open_project(p)
    return import_file(p)


def cmd_new(args: argparse.Namespace) -> int:
    from ecodesk.store import write_project_atomic
    from ecodesk.templates import load_template

    dest = Path(args.file)
    if dest.exists() and not args.force:
        raise EcodeskError(f"'{args.file}' already exists; choose another name or add --force to replace it.")
    _folder_must_exist(args.file)
    project = load_template(args.template)
    if args.template == "blank":
        project.set_meta(name=dest.stem)
    write_project_atomic(project, dest)
    print(_said("created", args.lang, f=args.file))
    return EXIT_OK


def cmd_templates(args: argparse.Namespace) -> int:
    from ecodesk.templates import list_templates

    for t in list_templates():
        print(f"{t.name}\t{t.label(args.lang)}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from ecodesk.io import check_readable, import_file
    from ecodesk.store import write_project_atomic

    dest = Path(args.file)
    src = Path(args.src)
    if not src.exists():  # the source first: a missing source is the problem, whatever FILE is
        raise _missing(args.src)
    check_readable(src, folder=True)  # a FIFO or device is refused before anything opens it
    if dest.exists() and not args.force:
        raise EcodeskError(f"'{args.file}' already exists; add --force to replace it.")
    _folder_must_exist(args.file)
    fmt = get_format(args.fmt, "read", READABLE).name if args.fmt is not None else None
    if fmt is None and src.is_file() and src.suffix and format_for_path(src, "read") is None:
        get_format(src.suffix, "read", READABLE, where=args.src)  # an unknown extension: every format is listed
    if args.edges is not None or args.map is not None:
        project = _import_tables(args, src, fmt)
    elif fmt == "ecodesk" or (fmt is None and src.is_file() and _is_project_file(src)):
        from ecodesk.store import open_project

        project = open_project(src)  # a project file: checked, brought up to date, written anew
    else:
        project = import_file(src, fmt)
    write_project_atomic(project, dest)
    for en, zh in getattr(project, "import_remarks", ()):
        print(f"ecodesk: note: {zh if args.lang.startswith('zh') else en}", file=sys.stderr)
    print(_said("imported", args.lang, src=args.src, f=args.file, counts=project_counts(project, args.lang)))
    return EXIT_OK


def _import_tables(args: argparse.Namespace, src: Path, fmt: str | None) -> Any:
    """``import NODES FILE --edges EDGES`` / ``--map …``: foreign node and edge tables (SPEC §4)."""
    from ecodesk.io import check_readable
    from ecodesk.io.foreigntables import import_tables, parse_map_option, plan_files

    for path, what in ((src, "SRC"), (Path(args.edges) if args.edges is not None else None, "--edges")):
        if path is None:
            continue
        if not path.exists():
            raise _missing(str(path))
        check_readable(path)
        if path.suffix.lower() not in (".csv", ".xlsx", ".txt", ".tsv") or (fmt not in (None, "csv", "xlsx")):
            raise UsageError(f"--edges and --map read node and edge tables (.csv or .xlsx files), not '{path}' "
                             f"({what})")
    fields = parse_map_option(args.map) if args.map is not None else None
    return import_tables(plan_files(src, args.edges, fields))


def cmd_export(args: argparse.Namespace) -> int:
    dest = Path(args.dest)
    if args.fmt is not None:  # a named format must be one the registry can write
        fmt = get_format(args.fmt, "write", WRITABLE).name
    elif dest.suffix and not dest.is_dir():  # by the extension; an unknown one lists every format there is
        found = format_for_path(dest, "write")
        fmt = found.name if found is not None else get_format(dest.suffix, "write", WRITABLE, where=args.dest).name
    else:
        fmt = "csv" if dest.is_dir() else "json"  # a folder of tables; no extension: interchange JSON
    if args.scale is not None and fmt != "png":
        raise UsageError("--scale applies to PNG pictures only")
    if args.select is not None and fmt not in IMAGE_FORMATS:
        raise UsageError("--select applies to pictures (png, svg, pdf) only")
    if fmt == "ecodesk" and args.scenario is not None:
        raise UsageError("a project file holds every scenario: leave out --scenario (or export json with it)")
    if fmt in SLIDES_FORMATS and args.scenario is not None:
        raise UsageError("each saved view names its own scenario: leave out --scenario for slides")
    _export_may_replace(args.file, args.dest, args.force)
    project = load_any(args.file)
    if args.scenario is not None:
        project.scenario(args.scenario)  # refuses an unknown scenario before writing anything
    _folder_must_exist(args.dest)
    from ecodesk.io.losses import export_losses

    for en, zh in export_losses(project, fmt, args.scenario):  # what the format cannot hold, said before writing
        print(f"ecodesk: left out: {zh if args.lang.startswith('zh') else en}", file=sys.stderr)
    try:
        notices = _export_write(project, args, fmt)
    except OSError as exc:  # name the destination, not a temporary file nor no file at all
        from ecodesk.io.atomic import naming

        raise naming(exc, args.dest) from exc
    for notice in notices or []:
        print(f"ecodesk: note: {notice}", file=sys.stderr)
    print(_said("exported", args.lang, f=args.file, dest=args.dest))
    return EXIT_OK


def _export_may_replace(src: str, dest: str, force: bool) -> None:
    """Refuse to write over the file being exported (by any path, symlink or hard link), and
    over an existing destination without ``--force`` (an empty folder is no loss)."""
    target = Path(dest)
    if not os.path.lexists(target):
        return
    with contextlib.suppress(OSError):
        if os.path.samefile(src, target):
            raise _Refusal(f"'{dest}' is the file being exported ('{src}'); writing it would replace the project "
                           "with its export: choose another destination.",
                           f"「{dest}」就是正在导出的文件（「{src}」）；写入会用导出结果替换项目：请另选目标。")
    if target.is_dir() and not target.is_symlink():
        with contextlib.suppress(OSError), os.scandir(target) as entries:
            if next(entries, None) is None:
                return
    if not force:
        raise _Refusal(f"'{dest}' already exists; add --force to replace it.",
                       f"「{dest}」已存在；如要替换请加 --force。")


def _export_write(project: Any, args: argparse.Namespace, fmt: str) -> list[str]:
    from ecodesk.io import export_file

    if fmt == "ecodesk":
        from ecodesk.store import write_project_atomic

        write_project_atomic(project, Path(args.dest))
        return []
    if fmt in IMAGE_FORMATS:
        return _export_image(project, args, fmt)
    if fmt in REPORT_FORMATS:
        return _export_report(project, args)
    if fmt in SLIDES_FORMATS:
        return _export_slides(project, args)
    return export_file(project, args.dest, fmt, args.scenario)


def _export_image(project: Any, args: argparse.Namespace, fmt: str) -> list[str]:
    """A picture of the canvas, drawn by the UI layer (lazily: Qt only for pictures)."""
    from ecodesk.io.report import report_language
    from ecodesk.ui.render import export_image

    ids = [i.strip() for i in args.select.split(",") if i.strip()] if args.select is not None else None
    result = _marks_analysis(project.scenario(args.scenario), project) if args.marks else None
    return export_image(project, args.dest, fmt, scenario=args.scenario, scale=args.scale or 1.0, ids=ids,
                        language=report_language(project, args.lang), legend=args.legend, result=result)


def _export_slides(project: Any, args: argparse.Namespace) -> list[str]:
    """The slide deck of the saved views (:mod:`ecodesk.ui.slides`); a view whose scenario
    was deleted gets a page that says so and a warning here."""
    from ecodesk.io.report import report_language
    from ecodesk.ui.slides import export_slides

    warnings = export_slides(project, args.dest, lang=report_language(project, args.lang),
                             settings=_settings(project, args))
    for en, zh in warnings:
        print(f"ecodesk: warning: {zh if args.lang.startswith('zh') else en}", file=sys.stderr)
    return []


def _marks_analysis(scenario: Any, project: Any) -> Any:
    """The analysis behind a picture's marks. The marks (single points of failure, capabilities
    built twice, unmet needs) depend on neither the Monte Carlo trials nor the removal orders,
    so one of each is enough: a picture of a big model is not held up by them."""
    from ecodesk.analysis.run import run_analysis

    return run_analysis(scenario, project.settings.evolve(trials=1, orders=1))


def _export_report(project: Any, args: argparse.Namespace) -> list[str]:
    """The HTML report, with the canvas picture when Qt can draw it."""
    from ecodesk.analysis.run import run_analysis
    from ecodesk.io.report import export_report, report_language

    scenario = project.scenario(args.scenario)
    lang = report_language(project, args.lang)
    result = run_analysis(scenario, _settings(project, args))
    image, note = _canvas_picture(project, scenario, lang, result)
    return export_report(project, args.dest, args.scenario, lang=lang, canvas_image=image, canvas_note=note,
                         result=result)


def _canvas_picture(project: Any, scenario: Any, lang: str, result: Any) -> tuple[tuple[str, bytes] | None, str | None]:
    """The canvas picture for the report, its weak points marked as in the app, or (None, why
    not) — the report is still written."""
    try:
        from ecodesk.ui.render import report_picture
    except ImportError as exc:  # Qt is not installed: a report without the map
        return None, f"Qt is not available: {exc}"
    try:
        return report_picture(scenario, language=lang, currency=project.currency, result=result), None
    except EcodeskError as exc:
        sentence = getattr(exc, "sentence", None)
        return None, sentence(lang) if callable(sentence) else str(exc)


def cmd_validate(args: argparse.Namespace) -> int:
    project = load_any(args.file)
    print(_said("valid", args.lang, f=args.file, counts=project_counts(project, args.lang)))
    for view in project.orphan_views():  # kept on purpose (SPEC §2): said, not an error
        print(f"ecodesk: warning: {_said('orphan_view', args.lang, v=view.title or view.id, s=view.scenario)}",
              file=sys.stderr)
    return EXIT_OK


def _settings(project: Any, args: argparse.Namespace) -> Any:
    changes = {k: getattr(args, k) for k in ("seed", "trials", "orders") if getattr(args, k, None) is not None}
    return project.settings.evolve(**changes) if changes else project.settings


@contextlib.contextmanager
def _long_lived(value: Any) -> Iterator[Any]:
    """``value`` (a loaded project: ~64,000 model objects at the seed size) and everything
    imported so far kept out of the cyclic garbage collector's passes while the block runs,
    and young collections made rarer (every 50,000 allocations, not 700): all of it lives
    until the command ends, yet each collection during the analysis walked it again — about
    0.2 s of a seed-size ``analyze --json`` (0.07 s left). Garbage made meanwhile is still
    collected; on leaving, the collector is as it was.

    ``value`` may be a function (the loading itself): it then runs with the collector
    paused, and what it made is frozen before the collector runs again — otherwise the
    first collection after the load walks every object just made (0.2 s at 10× the seed).
    Young collections come at most every half as many allocations as objects are frozen
    (about 340,000 at 10× the seed; 50,000 at the seed size): the results' containers are
    walked less often — collections during a 10× analysis 0.8 s → 0.33 s."""
    threshold = gc.get_threshold()
    with collector_paused():  # frozen before the collector runs again
        if callable(value):
            value = value()
        gc.freeze()
        gc.set_threshold(max(threshold[0], 50_000, gc.get_freeze_count() // 2), *threshold[1:])
    try:
        yield value
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def cmd_analyze(args: argparse.Namespace) -> int:
    # The worker process that runs robustness and Monte Carlo beside the other analyses
    # (ecodesk.analysis.background) is forked now, with the engine imported and before the
    # file is read: a child forked later would share the whole project copy-on-write.
    import ecodesk.analysis.resilience  # noqa: F401 - imported once, here, for both processes
    from ecodesk.analysis.background import Worker

    with Worker() as worker, _long_lived(lambda: load_any(args.file)) as project:
        return _analyze(project, args, worker)


def _analyze(project: Any, args: argparse.Namespace, worker: Any = None) -> int:
    from ecodesk.analysis.run import run_analysis

    settings = _settings(project, args)
    if args.json:  # one object of one scenario (SPEC §5): --scenario, else the first — said on stderr
        scenario = project.scenario(args.scenario)
        if args.scenario is None and len(project.scenarios) > 1:
            from ecodesk import numfmt
            from ecodesk.analysis.summary import t

            quote = "「{0}」" if args.lang.startswith("zh") else "'{0}'"
            names = numfmt.join_list([quote.format(x.name) for x in project.scenarios], args.lang)
            print(f"ecodesk: note: {t('only_one', args.lang, s=scenario.name, n=len(project.scenarios), names=names)}",
                  file=sys.stderr)
        result = run_analysis(scenario, settings, worker=worker)
        # The JSON is a tree of fresh dicts and lists (no cycles, nothing for the collector to
        # find): built and written with the collector paused — its young collections walked
        # the ~700,000 new containers of a 10× result for nothing (0.2 s). check_circular
        # off likewise: jsonable made the tree (a cycle would never have got this far), and
        # the check kept a dict of every container's id (0.05 s at 10×).
        with collector_paused():
            text = json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False, check_circular=False)
        print(text)
        return EXIT_OK
    # the readable summary: every scenario, unless --scenario names one
    from ecodesk.analysis.summary import format_summary

    chosen = [project.scenario(args.scenario)] if args.scenario is not None else list(project.scenarios)
    for i, scenario in enumerate(chosen):
        if i:
            print("\n" + "=" * 72 + "\n")
        # one worker runs one task: the first scenario's (the common case is one scenario)
        used, worker = worker, None
        print(format_summary(project, scenario, run_analysis(scenario, settings, worker=used), args.lang), flush=True)
    return EXIT_OK


def cmd_optimize(args: argparse.Namespace) -> int:
    from ecodesk.cli_optimize import run_optimize

    return run_optimize(args, load_any)


def cmd_sensitivity(args: argparse.Namespace) -> int:
    from ecodesk.cli_sweeps import run_sensitivity

    return run_sensitivity(args, load_any)


def cmd_uncertainty(args: argparse.Namespace) -> int:
    from ecodesk.cli_sweeps import run_uncertainty

    return run_uncertainty(args, load_any)


def cmd_merge(args: argparse.Namespace) -> int:
    from ecodesk.cli_merge import run_merge

    return run_merge(args, load_any)


def cmd_diff(args: argparse.Namespace) -> int:
    from ecodesk.cli_merge import run_diff

    return run_diff(args, load_any)


def cmd_compare(args: argparse.Namespace) -> int:
    from ecodesk.analysis.compare import compare_results
    from ecodesk.analysis.run import run_analysis
    from ecodesk.analysis.summary import format_comparison

    project = load_any(args.file)
    a, b = project.scenario(args.a), project.scenario(args.b)
    settings = project.settings
    res = compare_results(a.name, run_analysis(a, settings), b.name, run_analysis(b, settings))
    if args.json:
        print(json.dumps(res, ensure_ascii=False, allow_nan=False))
    else:
        print(format_comparison(res, args.lang))
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    if args.probe:
        from ecodesk.ui.probe import main as probe  # lazy: Qt only in the doctor's child process

        return probe()
    from ecodesk.doctor import report, run_checks

    checks = run_checks()
    print(report(checks, args.lang, args.json))
    return EXIT_OK if all(c.ok for c in checks) else EXIT_BAD_INPUT


def cmd_desktop_install(args: argparse.Namespace) -> int:
    from ecodesk import desktop

    report = desktop.uninstall() if args.remove else desktop.install(command=desktop.current_command())
    for line in report.lines(args.lang):
        print(line)
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    if args.file is None:  # ``ecodesk open`` from a menu entry: as plain ``ecodesk``
        return _run_app([], args.lang)
    path = Path(args.file)
    if not path.exists():
        raise _missing(args.file)
    return _run_app([str(path)], args.lang)


def _run_app(files: list[str], lang: str) -> int:
    """The desktop app; on a machine where no window can open (no display, missing X11
    libraries), :class:`ecodesk.display.NoWindowError`: one sentence, exit 1 — checked before
    Qt is imported, so Qt never gets to abort."""
    from ecodesk.display import NoWindowError, check_can_open_window, import_failure, tell_desktop

    try:
        check_can_open_window()
        try:
            from ecodesk.ui.app import run_app  # lazy: the engine never needs Qt
        except ImportError as exc:  # PySide6 missing, or a system library of Qt's (libEGL.so.1 …)
            raise import_failure(exc) from exc
    except NoWindowError as exc:  # started from a menu, nobody reads stderr: a notification too
        tell_desktop(exc.sentence(lang))
        raise
    return run_app(files, lang=lang)


COMMANDS = {
    "new": cmd_new, "templates": cmd_templates, "import": cmd_import, "export": cmd_export,
    "validate": cmd_validate, "analyze": cmd_analyze, "compare": cmd_compare, "open": cmd_open,
    "doctor": cmd_doctor, "desktop-install": cmd_desktop_install, "optimize": cmd_optimize,
    "sensitivity": cmd_sensitivity, "uncertainty": cmd_uncertainty, "merge": cmd_merge, "diff": cmd_diff,
}


def _sentences(exc: BaseException, lang: str) -> list[str]:
    if isinstance(exc, ValidationError):
        return [exc.sentence(lang) + ("。" if lang == "zh" else ".")]
    sentences = getattr(exc, "sentences", None)
    if callable(sentences):
        return list(sentences(lang))
    sentence = getattr(exc, "sentence", None)
    if callable(sentence):
        return [str(sentence(lang))]
    text = str(exc).strip() or type(exc).__name__
    return [line for line in text.splitlines() if line.strip()]


def _one_line(text: str) -> str:
    """A message as one printable line: a file's text quoted in it (a name with a line
    break, a carriage return, a lone surrogate …) is shown escaped, never split or mangled."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    args.lang = args.lang or system_language()
    from ecodesk.logs import setup_logging

    setup_logging()
    log = logging.getLogger("ecodesk.cli")
    log.info("command: %s", " ".join(sys.argv[1:] if argv is None else argv))
    try:
        return COMMANDS[args.command](args) if args.command else _run_app([], args.lang)
    except UsageError as exc:
        print(f"ecodesk: {exc}.", file=sys.stderr)
        return EXIT_USAGE
    except EcodeskError as exc:
        for line in _sentences(exc, args.lang):
            print(f"ecodesk: {_one_line(line)}", file=sys.stderr)
        log.warning("refused: %s", exc)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader went away (``| head``): nothing left to say
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        where = f"'{exc.filename}': " if exc.filename else ""
        print(f"ecodesk: {where}{exc.strerror or exc}.", file=sys.stderr)
        log.warning("OS error: %s", exc)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("ecodesk: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback: one sentence and where to look
        log.exception("internal error")
        from ecodesk.logs import log_folder

        print(f"ecodesk: internal error ({type(exc).__name__}: {exc}); please report it with the log in "
              f"{log_folder()}.", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
