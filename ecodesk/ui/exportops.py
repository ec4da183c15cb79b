"""UI layer: the main window's File → Import…, Import CSV Folder…, Export…, Export Picture…
and Export Report… — every interchange format of :mod:`ecodesk.io`, pictures of the canvas
(:mod:`ecodesk.ui.render`) and the HTML report (:mod:`ecodesk.io.report`).

An import becomes a new, unsaved document (the current one is offered for saving first);
a bad file imports nothing and the importer's sentences say where and why. Every export is
written whole or not at all, and remembers its folder. The report's analyses run off the GUI
thread on a copy of the scenario, with progress and cancel, like Run Analysis.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from ecodesk.model import Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import current_language, error_text

if TYPE_CHECKING:
    from ecodesk.ui.mainwindow import MainWindow

#: Action name → shortcut (None: none).
TRANSFER_ACTIONS: dict[str, str | None] = {
    "file_import": "Ctrl+I",
    "file_import_csv": None,
    "file_export": "Ctrl+Shift+E",
    "file_export_image": None,
    "file_export_report": None,
}

IMAGE_FORMATS = ("png", "svg", "pdf")
#: Formats that hold one scenario: the app exports the one shown.
SINGLE_SCENARIO = ("gexf", "kumu")
#: File patterns per format (the first suffix is added to a name typed without one).
PATTERNS: dict[str, tuple[str, ...]] = {
    "json": ("*.json",), "csv": ("*.csv", "*.zip"), "graphml": ("*.graphml", "*.xml"), "gexf": ("*.gexf",),
    "kumu": ("*.json",), "gml": ("*.gml",), "png": ("*.png",), "svg": ("*.svg",), "pdf": ("*.pdf",),
    "html": ("*.html", "*.htm"),
}
SUFFIX_FORMATS = {".json": "json", ".zip": "csv", ".graphml": "graphml", ".gexf": "gexf", ".gml": "gml",
                  ".png": "png", ".svg": "svg", ".pdf": "pdf", ".html": "html", ".htm": "html"}
MAX_SHOWN_PROBLEMS = 8


def _io() -> Any:
    import ecodesk.io as io

    return io


class ReportThread(QThread):
    """Runs every analysis of a copy of a scenario (the model never crosses threads) for the
    report; ``progress(percent)``, ``done(result)`` or ``failed(message)``; :meth:`cancel`
    stops at the engine's next check."""

    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int)

    def __init__(self, scenario: Scenario, settings: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.scenario = scenario.copy()
        self.settings = settings
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def run(self) -> None:
        from ecodesk.analysis.run import analyze_scenario

        try:
            result = analyze_scenario(self.scenario, self.settings,
                                      progress=lambda f, stage: self.progress.emit(int(100 * f)),
                                      cancel=lambda: self.cancelled)
        except Exception as exc:  # a sentence for the user, never a crash (AnalysisCancelled included)
            if not self.cancelled:
                self.failed.emit(str(exc) or type(exc).__name__)
            return
        if not self.cancelled:
            self.done.emit(result)


class ExportOpsMixin:
    """Mixed into :class:`MainWindow`; uses ``self.document``, ``self.settings``, ``self.canvas``,
    ``self.actions``, ``self.set_document`` and ``self.maybe_save``."""

    # actions ----------------------------------------------------------------------------
    def _add_transfer_menu(self: MainWindow, menu: QMenu) -> None:
        """Create the import/export actions and put them in ``menu`` (the File menu)."""
        a = self.actions
        for name, key in TRANSFER_ACTIONS.items():
            act = QAction(self)
            act.setObjectName(name)
            if key:
                act.setShortcut(QKeySequence(key))
            a.all[name] = act
            setattr(a, name, act)
        a.file_import.triggered.connect(lambda checked=False: self.import_dialog())
        a.file_import_csv.triggered.connect(lambda checked=False: self.import_csv_folder_dialog())
        a.file_export.triggered.connect(lambda checked=False: self.export_dialog())
        a.file_export_image.triggered.connect(lambda checked=False: self.export_dialog(IMAGE_FORMATS))
        a.file_export_report.triggered.connect(lambda checked=False: self.export_report_dialog())
        menu.addSeparator()
        for act in (a.file_import, a.file_import_csv, None, a.file_export, a.file_export_image,
                    a.file_export_report):
            menu.addSeparator() if act is None else menu.addAction(act)
        self._retranslate_transfer_actions()

    def _retranslate_transfer_actions(self: MainWindow) -> None:
        a = self.actions
        if not hasattr(a, "file_import") or "file_import" not in a.all:
            return
        texts = {
            "file_import": (self.tr("&Import…"), self.tr("Open JSON, CSV, GraphML, GEXF, Kumu or GML data as a new "
                                                         "project")),
            "file_import_csv": (self.tr("Import CSV &Folder…"), self.tr("Open a folder of CSV tables as a new "
                                                                        "project")),
            "file_export": (self.tr("&Export…"), self.tr("Save the project as JSON, CSV, GraphML, GEXF or Kumu, or "
                                                         "the canvas as a picture")),
            "file_export_image": (self.tr("Export &Picture…"), self.tr("Save the canvas (or the selection) as PNG, "
                                                                       "SVG or PDF")),
            "file_export_report": (self.tr("Export &Report…"), self.tr("Analyse the shown scenario and save an HTML "
                                                                       "report with tables and charts")),
        }
        for name, (text, tip) in texts.items():
            act = a.all[name]
            act.setText(text)
            act.setStatusTip(tip)
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            plain = text.replace("&", "").rstrip("…")
            act.setToolTip(f"{plain} ({keys})\n{tip}" if keys else f"{plain}\n{tip}")

    def _format_label(self: MainWindow, fmt: str) -> str:
        labels = {
            "json": self.tr("ecodesk interchange JSON"), "csv": self.tr("CSV tables"),
            "graphml": self.tr("GraphML (yEd, Cytoscape, Gephi, networkx)"), "gexf": self.tr("GEXF (Gephi)"),
            "kumu": self.tr("Kumu JSON"), "gml": self.tr("GML graph"), "png": self.tr("PNG picture"),
            "svg": self.tr("SVG picture (vector)"), "pdf": self.tr("PDF picture (vector)"),
            "html": self.tr("HTML report"),
        }
        return labels.get(fmt, fmt.upper())

    def _filter(self: MainWindow, fmt: str, patterns: tuple[str, ...] | None = None) -> str:
        return f"{self._format_label(fmt)} ({' '.join(patterns or PATTERNS.get(fmt, (f'*.{fmt}',)))})"

    def _start_folder(self: MainWindow, purpose: str) -> Path:
        for candidate in (self.settings.last_folder(purpose), self.settings.last_folder("export"),
                          str(self.document.path.parent) if self.document.path else ""):
            if candidate and Path(candidate).is_dir():
                return Path(candidate)
        return Path.home()

    def _default_name(self: MainWindow) -> str:
        doc = self.document
        name = f"{doc.title} - {doc.scenario.name}" if len(doc.project.scenarios) > 1 else doc.title
        return "".join("_" if c in '\\/:*?"<>|' else c for c in name).strip() or "ecodesk"

    # import --------------------------------------------------------------------------------
    def import_dialog(self: MainWindow) -> bool:
        """Ask for a file in any importable format and open it as a new project."""
        formats = list(_io().IMPORT_FORMATS)
        patterns = sorted({p for f in formats for p in PATTERNS.get(f, (f"*.{f}",))})
        all_supported = self.tr("All supported files")
        filters = [f"{all_supported} ({' '.join(patterns)})"]
        by_filter: dict[str, str | None] = {filters[0]: None}
        for fmt in formats:
            flt = self._filter(fmt)
            filters.append(flt)
            by_filter[flt] = fmt
        path, chosen = QFileDialog.getOpenFileName(self, self.tr("Import"), str(self._start_folder("import")),
                                                   ";;".join(filters))
        if not path:
            return False
        fmt = by_filter.get(chosen)
        if fmt == "json":
            fmt = None  # ours or Kumu's: the importer tells them apart
        return self.import_path(path, fmt)

    def import_csv_folder_dialog(self: MainWindow) -> bool:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import CSV Folder"),
                                                  str(self._start_folder("import")))
        return self.import_path(folder, "csv") if folder else False

    def import_path(self: MainWindow, path: str | Path, fmt: str | None = None) -> bool:
        """Import ``path`` (format ``fmt``, else guessed) as a new, unsaved document; False with
        the importer's sentences when the file cannot be imported."""
        path = Path(path)
        try:
            project = _io().import_file(path, fmt)
        except EcodeskError as exc:
            self._import_failed(path, exc)
            return False
        except OSError as exc:
            self._import_failed(path, exc)
            return False
        self.settings.set_last_folder("import", path.parent)
        if not self.maybe_save():
            return False
        if not project.scenarios:
            project.add_scenario(Scenario(self.tr("Base")))
        doc = Document(project, None, self)
        doc.mark_unsaved()
        self.set_document(doc)
        self.statusBar().showMessage(self.tr("Imported “{0}” — save it as a project file to keep it")
                                     .format(path.name), 8000)
        return True

    def _import_failed(self: MainWindow, path: Path, exc: BaseException) -> None:
        sentences = getattr(exc, "sentences", None)
        lines = list(sentences(current_language())) if callable(sentences) else [
            error_text(exc) if isinstance(exc, EcodeskError) else f"{exc.strerror or exc}"]  # type: ignore[attr-defined]
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Cannot import “{0}”").format(path.name))
        box.setText(self.tr("Nothing was imported; the project you had open is unchanged."))
        shown = lines[:MAX_SHOWN_PROBLEMS]
        more = len(lines) - len(shown)
        info = "\n".join(f"• {line}" for line in shown)
        if more > 0:
            info += "\n" + self.tr("… and {0} more (see Details)").format(more)
            box.setDetailedText("\n".join(lines))
        box.setInformativeText(info)
        box.exec()

    # export --------------------------------------------------------------------------------
    def export_dialog(self: MainWindow, formats: tuple[str, ...] | list[str] | None = None) -> bool:
        """Ask for a destination in one of ``formats`` (default: every data format and the
        pictures) and export there."""
        formats = list(formats or (*_io().EXPORT_FORMATS, *IMAGE_FORMATS))
        filters: list[str] = []
        by_filter: dict[str, tuple[str, str]] = {}  # filter → (format, suffix to add)
        for fmt in formats:
            if fmt == "csv":
                in_folder = self.tr("CSV tables in a new folder")
                for flt, suffix in ((self._filter("csv", ("*.zip",)), ".zip"), (f"{in_folder} (*)", "")):
                    filters.append(flt)
                    by_filter[flt] = ("csv", suffix)
                continue
            flt = self._filter(fmt)
            filters.append(flt)
            by_filter[flt] = (fmt, PATTERNS.get(fmt, (f"*.{fmt}",))[0].lstrip("*"))
        first = by_filter[filters[0]]
        start = self._start_folder("export") / (self._default_name() + first[1])
        title = self.tr("Export Picture") if set(formats) <= set(IMAGE_FORMATS) else self.tr("Export")
        path, chosen = QFileDialog.getSaveFileName(self, title, str(start), ";;".join(filters), filters[0])
        if not path:
            return False
        fmt, suffix = by_filter.get(chosen, first)
        dest = Path(path)
        by_suffix = SUFFIX_FORMATS.get(dest.suffix.lower())
        if by_suffix is not None and by_suffix in formats and not (by_suffix == "json" and fmt == "kumu"):
            fmt = by_suffix
        elif suffix and dest.suffix.lower() != suffix:
            dest = dest.with_name(dest.name + suffix)
        if fmt in IMAGE_FORMATS:
            options = self._ask_image_options(fmt)
            if options is None:
                return False
            return self.export_image_to(dest, fmt, selection_only=options.selection_only, scale=options.scale,
                                        legend=options.legend)
        return self.export_data_to(dest, fmt)

    def export_data_to(self: MainWindow, dest: str | Path, fmt: str) -> bool:
        """Write the project (one-scenario formats: the scenario shown) as ``fmt`` to ``dest``."""
        dest = Path(dest)
        doc = self.document
        scenario = doc.scenario.name if fmt in SINGLE_SCENARIO else None
        try:
            notices = _io().export_file(doc.project, dest, fmt, scenario)
        except (EcodeskError, OSError) as exc:
            return self._export_failed(dest, exc)
        self._exported(dest, notices, scenario)
        return True

    def _ask_image_options(self: MainWindow, fmt: str) -> Any:
        from ecodesk.ui.dialogs.image_export import ImageExportDialog

        size = None
        scene = getattr(self.canvas, "canvas_scene", None)
        if scene is not None:
            from ecodesk.ui.canvas.export import ImageExporter

            frame = ImageExporter(scene).frame(self._canvas_legend())
            size = (frame.size.width(), frame.size.height()) if frame is not None else None
        dialog = ImageExportDialog(fmt, selected=len(self.document.selected_objects()), natural_size=size,
                                   scale=self.settings.image_scale, parent=self)
        self.image_export_dialog = dialog
        if not dialog.exec():
            return None
        options = dialog.options()
        if fmt == "png":
            self.settings.image_scale = options.scale
        return options

    def _canvas_legend(self: MainWindow) -> list[Any] | None:
        sections = getattr(self.canvas, "legend_sections", None)
        return sections() if callable(sections) else None

    def export_image_to(self: MainWindow, dest: str | Path, fmt: str | None = None, *, selection_only: bool = False,
                        scale: float = 1.0, legend: bool = True) -> bool:
        """A picture of the shown scenario (or of the selection), as on the canvas."""
        from ecodesk.ui.render import picture_of, write_picture

        dest = Path(dest)
        doc = self.document
        scene = getattr(self.canvas, "canvas_scene", None)
        ids = doc.selection if selection_only else None
        try:
            picture = picture_of(doc.scenario, ids=ids, like=scene, language=current_language(),
                                 currency=doc.project.currency, legend=legend,
                                 base_legend=self._canvas_legend() if legend else None)
            title = f"{doc.title} — {doc.scenario.name}"
            notices = write_picture(picture, dest, fmt, scale=scale, title=title)
        except (EcodeskError, OSError) as exc:
            return self._export_failed(dest, exc)
        self._exported(dest, notices, None)
        return True

    def _exported(self: MainWindow, dest: Path, notices: list[str], scenario: str | None) -> None:
        self.settings.set_last_folder("export", dest.parent)
        if scenario is not None and len(self.document.project.scenarios) > 1:
            message = self.tr("Exported scenario “{0}” to “{1}”").format(scenario, dest.name)
        else:
            message = self.tr("Exported to “{0}”").format(dest.name)
        self.statusBar().showMessage(message, 6000)
        if notices:
            QMessageBox.information(self, self.tr("Exported"), message + "\n\n" + "\n".join(notices))

    def _export_failed(self: MainWindow, dest: Path, exc: BaseException) -> bool:
        if isinstance(exc, EcodeskError):
            sentences = getattr(exc, "sentences", None)
            text = "\n".join(sentences(current_language())) if callable(sentences) else error_text(exc)
        else:
            where = getattr(exc, "filename", None)
            text = f"{where}: {exc.strerror}" if where and getattr(exc, "strerror", None) else str(exc)
        QMessageBox.critical(self, self.tr("Cannot export to “{0}”").format(dest.name),
                             text + "\n\n" + self.tr("Nothing was written; your project is unchanged."))
        return False

    # report --------------------------------------------------------------------------------
    def export_report_dialog(self: MainWindow) -> bool:
        start = self._start_folder("report") / (self._default_name() + ".html")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export Report"), str(start),
                                              self._filter("html"))
        if not path:
            return False
        dest = Path(path)
        if dest.suffix.lower() not in (".html", ".htm"):
            dest = dest.with_name(dest.name + ".html")
        return self.export_report_to(dest)

    def export_report_to(self: MainWindow, dest: str | Path) -> bool:
        """Analyse the shown scenario in the background, then write the report to ``dest``.
        Returns False if a report is already being made; the outcome is reported later."""
        if getattr(self, "_report_thread", None) is not None:
            return False
        dest = Path(dest)
        doc = self.document
        thread = ReportThread(doc.scenario, doc.project.settings, self)
        progress = QProgressDialog(self.tr("Analysing “{0}” for the report…").format(doc.scenario.name),
                                   self.tr("Cancel"), 0, 100, self)
        progress.setWindowTitle(self.tr("Export Report"))
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self._report_thread = thread
        project = doc.project
        progress.canceled.connect(thread.cancel)
        thread.progress.connect(progress.setValue)

        completed = []  # closing the progress dialog emits canceled(): remember success first

        def done(result: Any) -> None:
            completed.append(True)
            progress.close()
            self._write_report(dest, project, thread.scenario, result)

        def failed(message: str) -> None:
            progress.close()
            QMessageBox.warning(self, self.tr("Cannot export the report"), message)

        def finished() -> None:
            if thread.cancelled and not completed:
                self.statusBar().showMessage(self.tr("Report cancelled; nothing was written"), 4000)
            progress.close()
            self._report_thread = None
            thread.deleteLater()
            progress.deleteLater()

        thread.done.connect(done)
        thread.failed.connect(failed)
        thread.finished.connect(finished)
        thread.start()
        return True

    def _write_report(self: MainWindow, dest: Path, project: Any, scenario: Scenario, result: dict[str, Any]) -> bool:
        """The report of ``scenario`` (the copy that was analysed) with its canvas picture."""
        from ecodesk.io.report import build_report, report_language
        from ecodesk.ui.render import RenderError, report_picture

        lang = report_language(project, current_language())
        image, note = None, None
        try:
            image = report_picture(scenario, language=lang, currency=project.currency)
        except RenderError as exc:
            note = exc.sentence(lang)
        try:
            html = build_report(project, scenario, result, lang, canvas_image=image, canvas_note=note)
            from ecodesk.io.atomic import atomic_write

            with atomic_write(dest) as fh:
                fh.write(html)
        except (EcodeskError, OSError) as exc:
            return self._export_failed(dest, exc)
        self.settings.set_last_folder("report", dest.parent)
        self.statusBar().showMessage(self.tr("Report saved to “{0}”").format(dest.name), 6000)
        return True
