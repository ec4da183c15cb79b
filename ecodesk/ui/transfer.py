"""UI layer: import and export for the document controller — every interchange format of
:mod:`ecodesk.io`, pictures of the canvas (:mod:`ecodesk.ui.render`) and the HTML report.

:class:`TransferOps` is a collaborator of :class:`ecodesk.ui.controller.DocumentController`
(``controller.transfer``); it sees the controller only as a
:class:`ecodesk.ui.prompts.DocumentHost` and asks through its prompter. An import becomes a
new, unsaved document (the current one is offered for saving first); a bad file imports
nothing and the importer's sentences say where and why. Every export is written whole or
not at all, and remembers its folder. Texts are translated in context ``TransferOps``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt

from ecodesk.model import Project, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import current_language, error_text

if TYPE_CHECKING:  # an interface only
    from ecodesk.ui.prompts import DocumentHost

#: The look of the canvas for pictures: (its scene or None, its legend sections or None).
CanvasLook = Callable[[], tuple[Any, Any]]


def _io() -> Any:
    import ecodesk.io as io  # loaded on first use, not while the window starts

    return io


class TransferOps:
    """File ▸ Import…, Import CSV Folder…, Export…, Export Picture…, Export Report…"""

    def __init__(self, host: DocumentHost) -> None:
        self.host = host
        #: Set by the window: how the canvas looks, so pictures look the same.
        self.canvas_look: CanvasLook = lambda: (None, None)
        #: Set by the window: the analysis panel, whose runner and cache make the report.
        self.report_panel: Callable[[], Any] = lambda: None
        #: The last report started (a ``ReportJob``), None before the first.
        self.report_job: Any = None

    # helpers ------------------------------------------------------------------------------
    def start_folder(self, purpose: str) -> Path:
        doc = self.host.document
        for candidate in (self.host.settings.last_folder(purpose), self.host.settings.last_folder("export"),
                          str(doc.path.parent) if doc.path else ""):
            if candidate and Path(candidate).is_dir():
                return Path(candidate)
        return Path.home()

    def default_name(self) -> str:
        doc = self.host.document
        name = f"{doc.title} - {doc.scenario.name}" if len(doc.project.scenarios) > 1 else doc.title
        return "".join("_" if c in '\\/:*?"<>|' else c for c in name).strip() or "ecodesk"

    # import --------------------------------------------------------------------------------
    def import_dialog(self) -> bool:
        """Ask for a file in any importable format and open it as a new project."""
        from ecodesk.io.formats import file_filters

        filters = file_filters("read", current_language())
        path, chosen = self.host.prompter.open_path(QCoreApplication.translate("TransferOps", "Import"),
                                                    str(self.start_folder("import")),
                                                    ";;".join(f.text for f in filters))
        if not path:
            return False
        fmt = next((f.format for f in filters if f.text == chosen), None)
        # JSON is ours or Kumu's: the importer tells them apart
        return self.import_path(path, None if fmt is None or fmt.name == "json" else fmt.name)

    def import_csv_folder_dialog(self) -> bool:
        folder = self.host.prompter.folder(QCoreApplication.translate("TransferOps", "Import CSV Folder"),
                                           str(self.start_folder("import")))
        return self.import_path(folder, "csv") if folder else False

    def import_path(self, path: str | Path, fmt: str | None = None) -> bool:
        """Import ``path`` (format ``fmt``, else guessed) as a new, unsaved document; False with
        the importer's sentences when the file cannot be imported. A CSV file or workbook that
        is not ecodesk's own tables opens the table import dialog instead."""
        path = Path(path)
        if fmt in (None, "csv", "xlsx") and is_foreign_table(path):
            return self.import_tables_dialog(path)
        try:
            with busy():
                project = _io().import_file(path, fmt)
        except (EcodeskError, OSError) as exc:
            return self._import_failed(path, exc)
        return self._open_imported(project, path)

    def import_tables_dialog(self, path: str | Path | None = None) -> bool:
        """File ▸ Import Node and Edge Tables…: the roles of the columns of ``path`` (asked
        for when None) checked in the table import dialog, then imported as a new document.
        Cancel anywhere imports nothing and leaves the open project as it was."""
        if path is None:
            chosen, _ = self.host.prompter.open_path(
                QCoreApplication.translate("TransferOps", "Import Node and Edge Tables"),
                str(self.start_folder("import")),
                QCoreApplication.translate("TransferOps", "Node and edge tables (*.csv *.xlsx);;All files (*)"))
            if not chosen:
                return False
            path = chosen
        path = Path(path)
        plan = self.host.prompter.table_import(str(path), self.host.settings)
        if plan is None:
            return False
        from ecodesk.io.foreigntables import import_tables

        try:
            with busy():
                project = import_tables(plan)
        except (EcodeskError, OSError) as exc:
            return self._import_failed(path, exc)
        return self._open_imported(project, path)

    def _import_failed(self, path: Path, exc: BaseException) -> bool:
        sentences = getattr(exc, "sentences", None)
        lines = list(sentences(current_language())) if callable(sentences) else [
            error_text(exc) if isinstance(exc, EcodeskError) else f"{getattr(exc, 'strerror', '') or exc}"]
        self.host.prompter.problems(
            QCoreApplication.translate("TransferOps", "Cannot import “{0}”").format(path.name),
            QCoreApplication.translate("TransferOps", "Nothing was imported; the project you had open is unchanged."),
            lines)
        return False

    def _open_imported(self, project: Project, path: Path) -> bool:
        """Show an imported ``project`` as a new, unsaved document (after the current one is
        offered for saving), then what the importer wants the user to read."""
        self.host.settings.set_last_folder("import", path.parent)
        if not self.host.maybe_save():
            return False
        if not project.scenarios:
            project.add_scenario(Scenario(QCoreApplication.translate("TransferOps", "Base")))
        doc = Document(project)
        doc.mark_unsaved()
        self.host.set_document(doc)
        self.host.status(QCoreApplication.translate("TransferOps", "Imported “{0}” — save it as a project file to keep it")
                         .format(path.name), 8000)
        self.show_import_remarks(project, path.name)
        return True

    def show_import_remarks(self, project: Project, name: str) -> None:
        """The importer's remarks (``project.import_remarks``: "The graph is undirected …",
        "Laid out 240 entities …") in one message, in the user's language; none: no message."""
        remarks = list(getattr(project, "import_remarks", None) or ())
        if not remarks:
            return
        zh = current_language() == "zh"
        lines = [str(remark[1] if zh else remark[0]) for remark in remarks]
        self.host.prompter.information(
            QCoreApplication.translate("TransferOps", "Imported “{0}”").format(name),
            QCoreApplication.translate("TransferOps", "Please note:") + "\n\n" + "\n".join(f"• {line}" for line in lines))

    # export --------------------------------------------------------------------------------
    def export_dialog(self, formats: tuple[str, ...] | list[str] | None = None) -> bool:
        """Ask for a destination in one of ``formats`` (default: every data format and the
        pictures) and export there."""
        from ecodesk.io.formats import IMAGE_FORMATS, file_filters, format_for_path

        filters = [f for f in file_filters("write", current_language())
                   if f.format is not None and (formats is None or f.format.name in formats)]
        names = [f.format.name for f in filters if f.format is not None]
        first = filters[0]
        start = self.start_folder("export") / (self.default_name() + first.suffix)
        title = (QCoreApplication.translate("TransferOps", "Export Picture") if set(names) <= set(IMAGE_FORMATS)
                 else QCoreApplication.translate("TransferOps", "Export"))
        texts = [f.text for f in filters]
        path, chosen_text = self.host.prompter.save_path(title, str(start), ";;".join(texts), texts[0])
        if not path:
            return False
        chosen = next((f for f in filters if f.text == chosen_text), first)
        fmt = chosen.format.name if chosen.format is not None else names[0]
        dest = Path(path)
        by_suffix = format_for_path(dest, "write") if dest.suffix else None
        if by_suffix is not None and by_suffix.name in names and not (by_suffix.name == "json" and fmt == "kumu"):
            fmt = by_suffix.name
        elif chosen.suffix and dest.suffix.lower() != chosen.suffix:
            dest = dest.with_name(dest.name + chosen.suffix)
        if fmt in IMAGE_FORMATS:
            options = self._ask_image_options(fmt)
            if options is None:
                return False
            return self.export_image_to(dest, fmt, selection_only=options.selection_only, scale=options.scale,
                                        legend=options.legend)
        return self.export_data_to(dest, fmt)

    def export_data_to(self, dest: str | Path, fmt: str) -> bool:
        """Write the project (one-scenario formats: the scenario shown) as ``fmt`` to ``dest``."""
        dest = Path(dest)
        doc = self.host.document
        from ecodesk.io.formats import get_format

        scenario = doc.scenario.name if get_format(fmt).single_scenario else None
        if not self._losses_accepted(fmt, scenario):
            return False
        try:
            notices = _io().export_file(doc.project, dest, fmt, scenario)
        except (EcodeskError, OSError) as exc:
            return self._export_failed(dest, exc)
        self._exported(dest, notices, scenario)
        return True

    def _losses_accepted(self, fmt: str, scenario: str | None) -> bool:
        """When ``fmt`` cannot hold all of the project (:func:`ecodesk.io.losses.export_losses`:
        Kumu has no pools …), ask once before anything is written; False: write nothing."""
        from ecodesk.io.formats import get_format
        from ecodesk.io.losses import export_losses

        losses = export_losses(self.host.document.project, fmt, scenario)
        if not losses:
            return True
        lang = current_language()
        name = get_format(fmt).label(lang)
        return self.host.prompter.confirm(
            QCoreApplication.translate("TransferOps", "Export as {0}").format(name),
            QCoreApplication.translate("TransferOps", "{0} cannot hold all of this project. Export anyway?").format(name),
            [zh if lang == "zh" else en for en, zh in losses],
            QCoreApplication.translate("TransferOps", "Export &Anyway"))

    def _ask_image_options(self, fmt: str) -> Any:
        scene, legend = self.canvas_look()
        size = None
        if scene is not None:
            from ecodesk.ui.canvas.export import ImageExporter

            frame = ImageExporter(scene).frame(legend)
            size = (frame.size.width(), frame.size.height()) if frame is not None else None
        options = self.host.prompter.image_options(fmt, len(self.host.document.selected_objects()), size,
                                                   self.host.settings.image_scale)
        if options is not None and fmt == "png":
            self.host.settings.image_scale = options.scale
        return options

    def export_image_to(self, dest: str | Path, fmt: str | None = None, *, selection_only: bool = False,
                        scale: float = 1.0, legend: bool = True) -> bool:
        """A picture of the shown scenario (or of the selection), as on the canvas."""
        from ecodesk.ui.render import picture_of, write_picture

        dest = Path(dest)
        doc = self.host.document
        scene, base_legend = self.canvas_look()
        try:
            picture = picture_of(doc.scenario, ids=doc.selection if selection_only else None, like=scene,
                                 language=current_language(), currency=doc.project.currency, legend=legend,
                                 base_legend=base_legend if legend else None)
            notices = write_picture(picture, dest, fmt, scale=scale, title=f"{doc.title} — {doc.scenario.name}")
        except (EcodeskError, OSError) as exc:
            return self._export_failed(dest, exc)
        self._exported(dest, notices, None)
        return True

    def _exported(self, dest: Path, notices: list[str], scenario: str | None) -> None:
        self.host.settings.set_last_folder("export", dest.parent)
        if scenario is not None and len(self.host.document.project.scenarios) > 1:
            message = QCoreApplication.translate("TransferOps", "Exported scenario “{0}” to “{1}”").format(
                scenario, dest.name)
        else:
            message = QCoreApplication.translate("TransferOps", "Exported to “{0}”").format(dest.name)
        self.host.status(message, 6000)
        if notices:
            self.host.prompter.information(QCoreApplication.translate("TransferOps", "Exported"),
                                           message + "\n\n" + "\n".join(notices))

    def _export_failed(self, dest: Path, exc: BaseException) -> bool:
        self.host.prompter.error(QCoreApplication.translate("TransferOps", "Cannot export to “{0}”").format(dest.name),
                                 failure_text(exc) + "\n\n"
                                 + QCoreApplication.translate("TransferOps", "Nothing was written; your project is unchanged."))
        return False

    # report --------------------------------------------------------------------------------
    def export_report_dialog(self) -> bool:
        from ecodesk.io.formats import file_filters

        report = file_filters("write", current_language(), kinds=("report",))[0]
        start = self.start_folder("report") / (self.default_name() + report.suffix)
        path, _ = self.host.prompter.save_path(QCoreApplication.translate("TransferOps", "Export Report"),
                                               str(start), report.text)
        if not path:
            return False
        dest = Path(path)
        if report.format is not None and dest.suffix.lower() not in report.format.suffixes:
            dest = dest.with_name(dest.name + report.suffix)
        return self.export_report_to(dest)

    def export_report_to(self, dest: str | Path) -> bool:
        """Write the report of the shown scenario to ``dest`` through the analysis panel's
        runner and result cache (:mod:`ecodesk.ui.reportexport`); the outcome is shown when
        it is done. False if a report is already being made."""
        from ecodesk.ui.reportexport import export_report

        dest = Path(dest)
        job = export_report(self.report_panel(), dest)
        if job is None:
            return False
        self.report_job = job
        settings = self.host.settings

        def remember_folder(ok: bool, message: str) -> None:
            if ok:
                settings.set_last_folder("report", dest.parent)

        job.finished.connect(remember_folder)
        return True


@contextmanager
def busy() -> Iterator[None]:
    """A wait cursor while a big file is read (a 50,000-row table takes seconds)."""
    from PySide6.QtGui import QGuiApplication

    shown = isinstance(QGuiApplication.instance(), QGuiApplication)
    if shown:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        if shown:
            QGuiApplication.restoreOverrideCursor()


def failure_text(exc: BaseException) -> str:
    """What went wrong writing a file, in the user's language."""
    if isinstance(exc, EcodeskError):
        sentences = getattr(exc, "sentences", None)
        return "\n".join(sentences(current_language())) if callable(sentences) else error_text(exc)
    if isinstance(exc, OSError) and exc.filename and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc)


def is_foreign_table(path: Path) -> bool:
    """True for a CSV file or workbook that is not ecodesk's own tables: a node or edge table
    of another tool, imported through the table import dialog."""
    suffix = path.suffix.lower()
    if not path.is_file() or suffix not in (".csv", ".xlsx"):
        return False
    if suffix == ".xlsx":
        from ecodesk.io.xlsxio import is_own_workbook

        return not is_own_workbook(path)
    from ecodesk.io import _foreign_csv  # the dispatcher's own test (names, then columns)

    return _foreign_csv(path)
