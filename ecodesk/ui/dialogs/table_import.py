"""UI layer: File ▸ Import of node and edge tables written by other tools (Gephi's data
laboratory, Kumu or Cytoscape sheets, a planner's own list) — CSV files or sheets of a workbook.

The dialog shows what :mod:`ecodesk.io.foreigntables` guessed: the role of every column
above a preview of the first rows (:class:`ecodesk.ui.dialogs.table_preview.TablePreviewWidget`),
and below it what the import would make ("43 entities, 120 flows, 2 self-loops left out") and
every problem, naming file, row and column (``check_plan``, run again after every change).
Import stays disabled while there is a problem or no table. The roles the planner chose are
remembered per header set (``header_key``) in the settings and used again the next time;
"Reset to Guess" goes back to the guess. The dialog imports nothing itself: :meth:`plan` is
what :class:`ecodesk.ui.transfer.TransferOps` hands to ``import_tables``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.model.errors import EcodeskError
from ecodesk.ui.dialogs.table_preview import TablePreviewWidget
from ecodesk.ui.i18n import count_text, current_language, error_text
from ecodesk.ui.panels.worker import collect_garbage_in_gui_thread, run_in_background
from ecodesk.ui.plaintext import plain, plain_label, show_message

if TYPE_CHECKING:
    from ecodesk.ui.settings import Settings

KINDS = ("nodes", "edges")
#: Problems listed in the dialog (the rest are counted).
MAX_LISTED_PROBLEMS = 200
#: Tables of up to this many rows (nodes and edges together) are checked at once after each
#: change; bigger ones in the background (a check builds the whole project: seconds for 50,000 rows).
SYNC_ROWS = 3000
#: The rows of a big table checked at once, before the whole table is.
HEAD_ROWS = 200


def _ft() -> Any:
    import ecodesk.io.foreigntables as ft  # loaded when the dialog opens

    return ft


def _is_workbook(path: str) -> bool:
    return Path(path).suffix.lower() in (".xlsx", ".xlsm")


#: The place of a located problem after its table's label (the engine's en and zh forms).
_PLACE = re.compile(r"(?:row (?P<row>\d+)(?:, column '(?P<column>[^']*)')?|第 (?P<row_zh>\d+) 行(?:，列 '(?P<column_zh>[^']*)')?)")


def _checked(plan: Any, lang: str) -> tuple[Any, list[str]]:
    """``check_plan`` of ``plan``, or (None, the sentences) if it failed (it reports, never raises)."""
    try:
        return _ft().check_plan(plan, lang), []
    except (EcodeskError, OSError) as exc:
        return None, _sentences(exc)


def _sentences(exc: BaseException) -> list[str]:
    sentences = getattr(exc, "sentences", None)
    if callable(sentences):
        return list(sentences(current_language()))
    return [error_text(exc) if isinstance(exc, EcodeskError) else f"{getattr(exc, 'strerror', '') or exc}"]


class TableImportDialog(QDialog):
    """Choose the node and/or edge table, check the roles of their columns, import."""

    def __init__(self, path: str | None = None, settings: Settings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("table_import_dialog")
        self.setWindowTitle(self.tr("Import Node and Edge Tables"))
        self.settings = settings
        ft = _ft()
        #: Per kind: the file, the sheet (workbooks) and the sheets of the workbook.
        self.files: dict[str, str] = {}
        self.sheets: dict[str, str | None] = {}
        self.check: Any = None
        self._checking = False
        self._generation = 0  # of the roles and tables: a background check of older ones is dropped
        layout = QVBoxLayout(self)

        intro = plain_label(QLabel(self.tr(
            "Choose the node table, the edge table or both. Check the role of each column above the preview; "
            "nothing is imported until you press Import."), self))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.file_labels: dict[str, QLabel] = {}
        self.sheet_boxes: dict[str, QComboBox] = {}
        self.browse: dict[str, QPushButton] = {}
        self.clear: dict[str, QPushButton] = {}
        titles = {"nodes": self.tr("&Node table:"), "edges": self.tr("&Edge table:")}
        for row, kind in enumerate(KINDS):
            title = QLabel(titles[kind], self)
            shown = plain_label(QLabel(self))
            shown.setObjectName(f"{kind}_file")
            shown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            sheet = QComboBox(self)
            sheet.setObjectName(f"{kind}_sheet")
            sheet.setToolTip(self.tr("The sheet of the workbook that holds this table"))
            sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            sheet.activated.connect(lambda _i, k=kind: self._on_sheet_chosen(k))
            browse = QPushButton(self.tr("Browse…"), self)
            browse.setObjectName(f"{kind}_browse")
            browse.clicked.connect(lambda _c=False, k=kind: self.browse_for(k))
            title.setBuddy(browse)
            clear = QPushButton(self.tr("Clear"), self)
            clear.setObjectName(f"{kind}_clear")
            clear.setToolTip(self.tr("Import without this table"))
            clear.clicked.connect(lambda _c=False, k=kind: self.set_table(k, None))
            for col, widget in enumerate((title, shown, sheet, browse, clear)):
                grid.addWidget(widget, row, col)
            self.file_labels[kind], self.sheet_boxes[kind] = shown, sheet
            self.browse[kind], self.clear[kind] = browse, clear
        layout.addLayout(grid)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tables")
        self.previews = {"nodes": TablePreviewWidget("nodes", ft.NODE_ROLES, self),
                         "edges": TablePreviewWidget("edges", ft.EDGE_ROLES, self)}
        for kind in KINDS:
            self.tabs.addTab(self.previews[kind], "")
            self.previews[kind].mapping_changed.connect(self.refresh)
        layout.addWidget(self.tabs, 1)

        self.summary = plain_label(QLabel(self))
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problem_list = QListWidget(self)
        self.problem_list.setObjectName("problems")
        self.problem_list.setWordWrap(True)
        self.problem_list.setAccessibleName(self.tr("Problems"))
        self.problem_list.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.problem_list.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 10)
        self.problem_list.setToolTip(self.tr("Double-click a problem (or press Enter) to see its row in the preview"))
        self.problem_list.itemActivated.connect(self._on_problem_activated)
        layout.addWidget(self.problem_list)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("&Import"))
        self.reset_button = buttons.addButton(self.tr("Reset to &Guess"), QDialogButtonBox.ButtonRole.ResetRole)
        self.reset_button.setObjectName("reset")
        self.reset_button.setToolTip(self.tr("Give every column the role ecodesk guessed from its name"))
        self.reset_button.clicked.connect(self.reset_to_guess)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._fit_screen()
        for kind in KINDS:
            self._show_file(kind)
        if path:
            self.load_file(path)
        self.refresh()

    def _fit_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 1100, 700
        if screen is not None:
            width, height = min(width, int(screen.width() * 0.92)), min(height, int(screen.height() * 0.9))
        self.resize(width, height)

    # tables -------------------------------------------------------------------------------
    def load_file(self, path: str) -> None:
        """Fill the tables found in ``path``: a CSV file is a node or an edge table (by its
        columns); a workbook fills both when it has both sheets."""
        try:
            nodes, edges = _ft().find_tables(path)
        except (EcodeskError, OSError) as exc:
            self._cannot_read(path, exc)
            return
        if nodes is None and edges is None:  # no column recognised: the planner gives the roles
            try:
                source = _ft().read_table(path, next(iter(_sheet_names(path)), None) if _is_workbook(path) else None)
            except (EcodeskError, OSError) as exc:
                self._cannot_read(path, exc)
                return
            if not source.header:
                self._cannot_read(path, None)
                return
            edges = source if len(source.header) >= 2 else None
            nodes = None if edges is not None else source
        for kind, source in (("nodes", nodes), ("edges", edges)):
            if source is not None:
                self._show_source(kind, source)
        self.tabs.setCurrentWidget(self.previews["edges" if edges is not None and nodes is None else "nodes"])

    def set_table(self, kind: str, path: str | None, sheet: str | None = None) -> bool:
        """Use ``path`` (``sheet`` of a workbook; None: the one that looks like this kind of
        table, else the first) as the ``kind`` table; None clears it. False when it cannot be read."""
        if path is None:
            self.files.pop(kind, None)
            self.sheets.pop(kind, None)
            self.previews[kind].set_source(None, {}, {})
            self._show_file(kind)
            self.refresh()
            return True
        ft = _ft()
        try:
            if sheet is None and _is_workbook(path):
                found = ft.find_tables(path)
                source = found[KINDS.index(kind)]
                if source is None:
                    first = next(iter(_sheet_names(path)), None)
                    source = ft.read_table(path, first)
                else:  # a workbook with both tables fills the other one too, if empty
                    other = KINDS[1 - KINDS.index(kind)]
                    if other not in self.files and found[KINDS.index(other)] is not None:
                        self._show_source(other, found[KINDS.index(other)])
            else:
                source = ft.read_table(path, sheet)
        except (EcodeskError, OSError) as exc:
            self._cannot_read(path, exc)
            return False
        self._show_source(kind, source)
        self.tabs.setCurrentWidget(self.previews[kind])
        return True

    def browse_for(self, kind: str) -> None:
        start = self.files.get(kind) or next(iter(self.files.values()), "")
        title = self.tr("Node Table") if kind == "nodes" else self.tr("Edge Table")
        path, _ = QFileDialog.getOpenFileName(self, title, str(Path(start).parent) if start else "",
                                              self.tr("Tables (*.csv *.xlsx);;All files (*)"))
        if path:
            self.set_table(kind, path)

    def _on_sheet_chosen(self, kind: str) -> None:
        path = self.files.get(kind)
        sheet = self.sheet_boxes[kind].currentText()
        if path and sheet != self.sheets.get(kind):
            self.set_table(kind, path, sheet)

    def _show_source(self, kind: str, source: Any) -> None:
        ft = _ft()
        guess = dict(ft.guess_mapping(source.header, kind))
        mapping, remembered = guess, False
        if self.settings is not None:
            chosen = self.settings.table_mapping(ft.header_key(source.header, kind))
            roles = ft.NODE_ROLES if kind == "nodes" else ft.EDGE_ROLES
            if chosen:
                mapping = {c: chosen[c] if chosen.get(c) in roles else guess[c] for c in guess}
                remembered = mapping != guess
        self.files[kind], self.sheets[kind] = str(source.path), source.sheet
        self.previews[kind].set_source(source, guess, mapping, remembered)
        self._show_file(kind)
        self.refresh()

    def _show_file(self, kind: str) -> None:
        path = self.files.get(kind)
        label = self.file_labels[kind]
        label.setText(path if path else self.tr("(none)"))
        label.setToolTip(plain(path or ""))
        label.setEnabled(bool(path))
        box = self.sheet_boxes[kind]
        with QSignalBlocker(box):
            box.clear()
            if path and _is_workbook(path):
                box.addItems(_sheet_names(path))
                box.setCurrentText(self.sheets.get(kind) or "")
        box.setVisible(bool(path) and _is_workbook(path))
        self.clear[kind].setEnabled(bool(path))
        source = self.previews[kind].source
        if kind == "nodes":
            tab = self.tr("Nodes: {0}").format(source.label) if source is not None else self.tr("Nodes (none)")
        else:
            tab = self.tr("Edges: {0}").format(source.label) if source is not None else self.tr("Edges (none)")
        self.tabs.setTabText(KINDS.index(kind), tab)

    def _cannot_read(self, path: str, exc: BaseException | None) -> None:
        lines = _sentences(exc) if exc is not None else [
            self.tr("No node or edge table was recognised in it: a table needs a header row.")]
        show_message(self, QMessageBox.Icon.Warning, self.tr("Cannot read “{0}”").format(Path(path).name),
                     "\n".join(lines))

    # mapping and check ------------------------------------------------------------------------
    def reset_to_guess(self) -> None:
        for kind in KINDS:
            preview = self.previews[kind]
            if preview.source is not None:
                preview.set_mapping(preview.guess)
        self.refresh()

    def plan(self) -> Any:
        """What to import: a ``TablePlan`` of the tables and roles shown."""
        nodes, edges = self.previews["nodes"], self.previews["edges"]
        return _ft().TablePlan(nodes=nodes.source, edges=edges.source,
                               node_map=dict(nodes.mapping) if nodes.source is not None else {},
                               edge_map=dict(edges.mapping) if edges.source is not None else {})

    def problems(self) -> list[str]:
        return list(self.check.problems) if self.check is not None else []

    def refresh(self) -> None:
        """Check the plan again; show the counts and problems; enable Import when it would work.
        Tables of up to :data:`SYNC_ROWS` rows are checked at once; bigger ones off the GUI thread
        (their first rows at once, so what is wrong there shows without waiting)."""
        self._generation += 1
        self.check = None
        if not any(self.previews[k].source is not None for k in KINDS):
            self._show_check(None, [], False)
            return
        plan, lang = self.plan(), current_language()
        rows = sum(len(t.rows) for t in (plan.nodes, plan.edges) if t is not None)
        if rows <= SYNC_ROWS:
            self._show_check(*_checked(plan, lang), False)
            return
        head = replace(plan, **{k: replace(t, rows=t.rows[:HEAD_ROWS]) for k, t in
                                (("nodes", plan.nodes), ("edges", plan.edges)) if t is not None})
        check, failure = _checked(head, lang)  # (also loads the engine's modules in this thread)
        self._show_check(None, failure or (list(check.problems) if check is not None else []), True, rows)
        generation = self._generation
        collect_garbage_in_gui_thread()  # a collection in the pool thread could free Qt objects there
        run_in_background(lambda progress, cancel: _ft().check_plan(plan, lang),
                          lambda result: self._on_check_done(generation, result, None),
                          lambda message: self._on_check_done(generation, None, message))

    @property
    def checking(self) -> bool:
        """True while a big table is being checked in the background."""
        return self._checking

    def _on_check_done(self, generation: int, check: Any, message: str | None) -> None:
        if generation != self._generation:  # a check of roles changed since: dropped
            return
        self.check = check
        self._show_check(check, [message] if message else [], False)

    def _show_check(self, check: Any, failure: list[str], checking: bool, rows: int = 0) -> None:
        self.check, self._checking = check, checking
        has_table = any(self.previews[k].source is not None for k in KINDS)
        problems = failure or self.problems()
        self.problem_list.clear()
        for line in problems[:MAX_LISTED_PROBLEMS]:
            self.problem_list.addItem(line)
        if len(problems) > MAX_LISTED_PROBLEMS:
            self.problem_list.addItem(self.tr("… and {0} more").format(len(problems) - MAX_LISTED_PROBLEMS))
        self.problem_list.setVisible(bool(problems))
        located = [(line, self.locate(line)) for line in problems]
        for kind in KINDS:
            self.previews[kind].mark_problems({(place[1], place[2]): line for line, place in located
                                               if place is not None and place[0] == kind})
        if not has_table:
            self.summary.setText(self.tr("Choose a node table or an edge table (an edge table alone is enough: "
                                         "its ends become the entities)."))
        elif checking:
            self.summary.setText(self.tr("Checking all {0} rows…").format(f"{rows:,}"))
        elif problems:
            self.summary.setText(self.tr("Cannot import yet — {0}. Change the roles of the columns or correct "
                                         "the file:").format(self.problem_count_text(self.problem_count() or len(problems))))
        else:
            self.summary.setText(self.tr("Ready to import: {0}.").format(self.counts_text()))
        self.import_button.setEnabled(has_table and not checking and not problems)
        self.reset_button.setEnabled(any(p.source is not None and p.mapping != p.guess
                                         for p in self.previews.values()))

    def locate(self, problem: str) -> tuple[str, int, str | None] | None:
        """(table kind, file row, column or None) a problem sentence names, None if it names no row
        ("edges.csv: row 7, column 'Weight': …", "edges.csv: 第 7 行，列 'Weight'：…")."""
        for kind in KINDS:
            source = self.previews[kind].source
            if source is not None and problem.startswith(f"{source.label}: "):
                m = _PLACE.match(problem[len(source.label) + 2:])
                if m:
                    return kind, int(m["row"] or m["row_zh"]), m["column"] or m["column_zh"]
        return None

    def _on_problem_activated(self, item: Any) -> None:
        place = self.locate(item.text())
        if place is not None:
            self.tabs.setCurrentWidget(self.previews[place[0]])
            self.previews[place[0]].go_to(place[1], place[2])

    def problem_count_text(self, n: int) -> str:
        return self.tr("1 problem") if n == 1 else self.tr("{0} problems").format(n)

    def problem_count(self) -> int:
        """How many problems the check found (the engine lists 20 and counts the rest: "… and 31 more")."""
        problems = self.problems()
        if problems and problems[-1].startswith("…"):
            more = re.search(r"\d+", problems[-1])
            return len(problems) - 1 + (int(more.group()) if more else 0)
        return len(problems)

    def counts_text(self) -> str:
        """"43 entities, 120 flows, 2 self-loops left out" — what the import would make."""
        counts = dict(self.check.counts) if self.check is not None else {}
        parts = [count_text(int(counts.get("entities", 0)), "entities"),
                 count_text(int(counts.get("flows", 0)), "flows")]
        loops = int(counts.get("skipped_self_loops", 0))
        if loops:
            parts.append(self.tr("1 self-loop left out") if loops == 1
                         else self.tr("{0} self-loops left out").format(loops))
        separator = "，" if current_language() == "zh" else ", "
        return separator.join(parts)

    # closing ---------------------------------------------------------------------------------
    def accept(self) -> None:
        """Import (only when the whole plan was checked and has no problem); the roles chosen
        are remembered."""
        if self._checking or self.check is None or self.problems():
            return
        self.remember()
        super().accept()

    def remember(self) -> None:
        """Keep the roles of each table for its header set; a mapping equal to the guess is
        forgotten (the guess gives it anyway)."""
        if self.settings is None:
            return
        ft = _ft()
        for kind in KINDS:
            preview = self.previews[kind]
            if preview.source is not None:
                key = ft.header_key(preview.source.header, kind)
                self.settings.set_table_mapping(key, None if preview.mapping == preview.guess
                                                else dict(preview.mapping))


def _sheet_names(path: str) -> list[str]:
    """The sheets of a workbook, in order (read without their rows)."""
    from ecodesk.io.xlsxio import read_sheets

    return list(read_sheets(path, max_rows=1))
