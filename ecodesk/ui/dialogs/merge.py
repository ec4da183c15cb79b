"""UI layer: File → Merge Projects… — the workshop groups' files merged into the open project
(SPEC §4 "Merging", :mod:`ecodesk.io.merge`).

The open project is BASE. The facilitator adds one or more OTHER files (.ecodesk or
interchange JSON; merged one after another), optionally the common ancestor (the file every
group started from), and the side a conflict keeps by default. The dialog works the merge out
in memory off the GUI thread (a copy of the open project; the files are read once) and shows
what it adds per table, the entities matched by name (base ↔ other) and the conflicts, each
with its own Base/Other choice (:mod:`ecodesk.ui.dialogs.merge_tables`); every choice works
the merge out again, so a choice that would make the result invalid is refused at once.
Refusals — a file that cannot be read, the open project itself (or a file with its very
content), different currencies or periods, an invalid result — are shown as sentences and
Merge stays disabled: nothing changes.

Merge applies the result as ONE undoable step (:func:`ecodesk.ui.dialogs.merge_apply.merge_command`)
and then shows what changed on the canvas (:mod:`ecodesk.ui.canvas.diff_overlay`) until the
user dismisses it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ecodesk.io.merge import DELETED, MergeRefused, MergeReport, merge_all
from ecodesk.model import Bindings, Project, Scenario
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.dialogs.merge_apply import load_project_file, merge_command, object_label, project_copy, same_file
from ecodesk.ui.dialogs.merge_apply import value_text as _value
from ecodesk.ui.dialogs.merge_tables import ConflictRow, ConflictsWidget, Key, MatchesWidget
from ecodesk.ui.dialogs.optimize_run import BackgroundRun
from ecodesk.ui.i18n import count_text, current_language, error_text, field_label, list_separator
from ecodesk.ui.panels.base import tone_color
from ecodesk.ui.plaintext import plain_label

if TYPE_CHECKING:
    from ecodesk.ui.controller import DocumentController


@dataclass
class MergeOutcome:
    """What one run found: the files read (path → project), the merged project and its report,
    or the problems (``("read", path, error)``, ``("same", path)``, ``("refused", MergeRefused)``)."""

    loaded: dict[str, Project] = field(default_factory=dict)
    merged: Project | None = None
    report: MergeReport | None = None
    problems: list[tuple[Any, ...]] = field(default_factory=list)


def work_out(base: Project, paths: list[str], ancestor: str, prefer: str, choices: dict[Key, str],
             cache: dict[str, Project]) -> MergeOutcome:
    """Read what is not read yet and merge (runs off the GUI thread; ``base`` is a copy)."""
    out = MergeOutcome(loaded=dict(cache))
    for p in [*paths, *([ancestor] if ancestor else [])]:
        if p not in out.loaded:
            try:
                out.loaded[p] = load_project_file(p)
            except (EcodeskError, OSError, ValueError) as exc:
                out.problems.append(("read", p, exc))
    if out.problems:
        return out
    others = [out.loaded[p] for p in paths]
    out.problems += [("same", p) for p, o in zip(paths, others, strict=True) if o.content_equals(base)]
    if out.problems:
        return out
    try:
        kw = {"choices": choices} if choices else {}
        out.merged, out.report = merge_all(base, others, out.loaded[ancestor] if ancestor else None, prefer, **kw)
    except MergeRefused as exc:
        out.problems.append(("refused", exc))
    return out


class MergeDialog(QDialog):
    """Merge Projects (see the module docstring)."""

    #: A run ended and its outcome is shown (tests wait for it).
    result_shown = Signal()
    #: The merge was applied: (the shown scenario as it was before, a label of the files).
    applied = Signal(object, str)

    def __init__(self, controller: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("merge_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setSizeGripEnabled(True)
        self.controller = controller
        self.paths: list[str] = []
        self.ancestor = ""
        self.choices: dict[Key, str] = {}
        self.outcome: MergeOutcome | None = None
        self._cache: dict[str, Project] = {}
        self._state: Any = None  # the open project's state the outcome was worked out from
        self._own_problems: list[str] = []
        #: Asks for files to add / for the ancestor (replace them to answer without a dialog).
        self.pick_files: Callable[[], list[str]] = self._ask_files
        self.pick_ancestor: Callable[[], str] = self._ask_ancestor
        self.runner = BackgroundRun(self)
        self.runner.done.connect(self._on_runner_done)
        self.runner.failed.connect(self._on_runner_failed)
        self._doc_bindings = Bindings()
        self._ctl_bindings = Bindings()
        self._ctl_bindings.connect(controller.document_changed, self._on_controller_document_changed)
        self._build()
        self._follow_document()
        self.retranslate()
        self.resize(1000, 640)

    # building -------------------------------------------------------------------------------
    def _build(self) -> None:
        self.base_label = plain_label(QLabel(self))
        self.base_label.setObjectName("merge_base")
        self.base_label.setWordWrap(True)
        self.files_label = QLabel(self)
        self.files = QListWidget(self)
        self.files.setObjectName("merge_files")
        self.files.setMaximumHeight(96)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("merge_add_files")
        self.add_button.clicked.connect(lambda: self.add_files(self.pick_files()))
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("merge_remove_file")
        self.remove_button.clicked.connect(self._remove_selected)
        self.ancestor_label = QLabel(self)
        self.ancestor_edit = QLineEdit(self)
        self.ancestor_edit.setObjectName("merge_ancestor")
        self.ancestor_edit.setReadOnly(True)
        self.ancestor_button = QPushButton(self)
        self.ancestor_button.setObjectName("merge_choose_ancestor")
        self.ancestor_button.clicked.connect(lambda: self.set_ancestor(self.pick_ancestor() or self.ancestor))
        self.ancestor_clear = QPushButton(self)
        self.ancestor_clear.setObjectName("merge_clear_ancestor")
        self.ancestor_clear.clicked.connect(lambda: self.set_ancestor(""))
        self.prefer_label = QLabel(self)
        self.prefer_base = QRadioButton(self)
        self.prefer_base.setObjectName("merge_prefer_base")
        self.prefer_base.setChecked(True)
        self.prefer_other = QRadioButton(self)
        self.prefer_other.setObjectName("merge_prefer_other")
        self.prefer_group = QButtonGroup(self)
        self.prefer_group.addButton(self.prefer_base)
        self.prefer_group.addButton(self.prefer_other)
        self.prefer_group.buttonToggled.connect(lambda _b, on: on and self._on_prefer_changed())
        grid = QGridLayout()
        grid.addWidget(self.files_label, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.files, 0, 1)
        col = QVBoxLayout()
        col.addWidget(self.add_button)
        col.addWidget(self.remove_button)
        col.addStretch(1)
        grid.addLayout(col, 0, 2)
        grid.addWidget(self.ancestor_label, 1, 0)
        grid.addWidget(self.ancestor_edit, 1, 1)
        row = QHBoxLayout()
        row.addWidget(self.ancestor_button)
        row.addWidget(self.ancestor_clear)
        grid.addLayout(row, 1, 2)
        grid.addWidget(self.prefer_label, 2, 0)
        prefer = QHBoxLayout()
        prefer.addWidget(self.prefer_base)
        prefer.addWidget(self.prefer_other)
        prefer.addStretch(1)
        grid.addLayout(prefer, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.message = plain_label(QLabel(self))
        self.message.setObjectName("merge_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = plain_label(QLabel(self))
        self.summary.setObjectName("merge_summary")
        self.summary.setWordWrap(True)
        self.conflicts = ConflictsWidget(self)
        self.conflicts.choice_changed.connect(self._on_conflicts_choice_changed)
        self.conflicts.all_chosen.connect(self._on_conflicts_all_chosen)
        self.matches = MatchesWidget(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("merge_tabs")
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.matches, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = QPushButton(self)
        self.merge_button.setObjectName("merge_apply")
        self.merge_button.setDefault(True)
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(lambda: self.apply())
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.base_label)
        lay.addLayout(grid)
        lay.addWidget(self.message)
        lay.addWidget(self.summary)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.buttons)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Merge Projects"))
        self.files_label.setText(self.tr("Other files:"))
        self.files.setToolTip(self.tr("Merged into the open project one after another"))
        self.add_button.setText(self.tr("&Add Files…"))
        self.remove_button.setText(self.tr("&Remove"))
        self.ancestor_label.setText(self.tr("Common ancestor:"))
        self.ancestor_edit.setPlaceholderText(self.tr("none — then every differing field is a conflict"))
        self.ancestor_edit.setToolTip(self.tr("The file every group started from: a change made by one side only "
                                              "is taken without a conflict"))
        self.ancestor_button.setText(self.tr("C&hoose…"))
        self.ancestor_clear.setText(self.tr("Clea&r"))
        self.prefer_label.setText(self.tr("Conflicts keep:"))
        self.prefer_base.setText(self.tr("the open project's value (base)"))
        self.prefer_other.setText(self.tr("the other file's value"))
        self.merge_button.setText(self.tr("&Merge"))
        self.conflicts.retranslate()
        self.matches.retranslate()
        self._show()

    # inputs ----------------------------------------------------------------------------------
    @property
    def prefer(self) -> str:
        return "other" if self.prefer_other.isChecked() else "base"

    def set_prefer(self, side: str) -> None:
        (self.prefer_other if side == "other" else self.prefer_base).setChecked(True)

    def add_files(self, paths: list[str]) -> None:
        """Add OTHER files (each once) and work the merge out again."""
        new = [str(p) for p in paths if p and str(p) not in self.paths]
        if not new:
            return
        self.paths += new
        self.files.clear()
        self.files.addItems([Path(p).name for p in self.paths])
        for i, p in enumerate(self.paths):
            self.files.item(i).setToolTip(p)
        self.run()

    def _remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.files.selectedIndexes()}, reverse=True)
        for r in rows:
            del self.paths[r]
            self.files.takeItem(r)
        if rows:
            self.run()

    def set_ancestor(self, path: str) -> None:
        if path == self.ancestor:
            return
        self.ancestor = str(path)
        self.ancestor_edit.setText(Path(path).name if path else "")
        self.ancestor_edit.setToolTip(self.ancestor)
        self.run()

    def _filters(self) -> str:
        from ecodesk.io.formats import get_format

        lang = current_language()
        return ";;".join([self.tr("Projects and JSON (*.ecodesk *.json)"),
                          get_format("ecodesk").filter(lang), get_format("json").filter(lang),
                          self.tr("All files (*)")])

    def _start_folder(self) -> str:
        doc = self.controller.document
        return str(doc.path.parent) if doc.path is not None else ""

    def _ask_files(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Files to Merge"), self._start_folder(), self._filters())
        return list(paths)

    def _ask_ancestor(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Common Ancestor"), self._start_folder(), self._filters())
        return str(path)

    def _on_prefer_changed(self) -> None:
        self.choices.clear()  # every conflict follows the new default
        self.run()

    def _on_conflicts_choice_changed(self, key: Key, side: str) -> None:
        self.choices[key] = side
        self.run()

    def _on_conflicts_all_chosen(self, side: str) -> None:
        self.choices = {r.key: side for r in self.conflicts.rows if r.choosable}
        self.run()

    # running ---------------------------------------------------------------------------------
    def _doc_state(self) -> Any:
        p = self.controller.document.project
        return id(p), tuple((s.name, s.revision) for s in p.scenarios), tuple(p.views)

    def _own_checks(self) -> list[str]:
        """Refusals found before any file is read: the open file itself, a file given twice."""
        out = []
        doc = self.controller.document
        for p in self.paths:
            if doc.path is not None and same_file(p, doc.path):
                out.append(self.tr("“{0}” is the open project itself: merging a project with itself changes "
                                   "nothing.").format(Path(p).name))
        for i, a in enumerate(self.paths):
            for b in self.paths[i + 1:]:
                if same_file(a, b):
                    out.append(self.tr("“{0}” and “{1}” are the same file (or have the same content); add it "
                                       "once.").format(Path(a).name, Path(b).name))
        return out

    def run(self) -> None:
        """Work the merge out again (off the GUI thread) from the files, ancestor, default and
        choices; Merge is disabled until it is done."""
        self._own_problems = self._own_checks() if self.paths else []
        if not self.paths or self._own_problems:
            self.outcome = None
            self.runner.cancel(quiet=True)
            self._show()
            return
        self._state = self._doc_state()
        base = project_copy(self.controller.document.project)
        paths, ancestor, prefer, choices, cache = list(self.paths), self.ancestor, self.prefer, dict(self.choices), \
            dict(self._cache)
        self.runner.start(lambda _progress, _cancel: work_out(base, paths, ancestor, prefer, choices, cache))
        self._show()

    def _on_runner_done(self, outcome: MergeOutcome) -> None:
        self._cache.update(outcome.loaded)
        self.outcome = outcome
        self._show()
        self.result_shown.emit()

    def _on_runner_failed(self, message: str) -> None:
        self.outcome = MergeOutcome(problems=[("failed", message)])
        self._show()
        self.result_shown.emit()

    # showing ---------------------------------------------------------------------------------
    def problem_sentences(self) -> list[str]:
        """The refusals shown, one sentence each (empty when the merge can be made)."""
        out = list(self._own_problems)
        for p in self.outcome.problems if self.outcome is not None else ():
            if p[0] == "read":
                out.append(self.tr("Cannot read “{0}”: {1}").format(Path(p[1]).name, error_text(p[2])))
            elif p[0] == "same":
                out.append(self.tr("“{0}” has the same content as the open project: merging it changes "
                                   "nothing.").format(Path(p[1]).name))
            elif p[0] == "refused":
                out += p[1].sentences(current_language())
            else:
                out.append(str(p[1]))
        return out

    def _show(self) -> None:
        doc = self.controller.document
        self.base_label.setText(self.tr("The open project “{0}” is the base: the files below are merged into it, "
                                        "one after another. Nothing changes until you press Merge; then one Undo "
                                        "takes the whole merge back.").format(doc.title))
        running = self.runner.running
        problems = [] if running else self.problem_sentences()  # (the last outcome stays shown meanwhile)
        out = self.outcome
        ready = out is not None and out.merged is not None and not problems
        if problems:
            self.message.setText("\n".join(problems))
            self.message.setStyleSheet(f"color: {tone_color('bad').name()};")
        elif running:
            self.message.setText(self.tr("Working out the merge…"))
            self.message.setStyleSheet("")
        elif not self.paths:
            self.message.setText(self.tr("Add the files of the other groups (.ecodesk or .json)."))
            self.message.setStyleSheet("")
        else:
            self.message.setText("")
            self.message.setStyleSheet("")
        self.message.setVisible(bool(self.message.text()))
        report = out.report if ready and out is not None else None
        self.summary.setText(self._summary(report) if report is not None else "")
        self.summary.setVisible(report is not None)
        rows = self._rows(report) if report is not None else []
        shown = [(r.key, self.conflicts.kept(i)) for i, r in enumerate(self.conflicts.rows)]
        if [(r.key, r.kept) for r in rows] != shown or not rows:
            self.conflicts.set_rows(rows)  # (never from a choice box's own signal: runs end in a later event)
        if report is None:
            self.conflicts.note.clear()  # no merge worked out: "No conflicts." would mislead
        if ready and not running and self.overridden():
            self.message.setText("\n".join(self.overridden()))
            self.message.setStyleSheet("")
            self.message.show()
        pairs = self._pairs(report) if report is not None else []
        self.matches.set_pairs(pairs)
        self.tabs.setTabText(0, self.tr("Conflicts ({0})").format(len(rows)))
        self.tabs.setTabText(1, self.tr("Matched by Name ({0})").format(len(pairs)))
        self.remove_button.setEnabled(bool(self.paths))
        self.ancestor_clear.setEnabled(bool(self.ancestor))
        self.merge_button.setEnabled(ready and not running)

    def _summary(self, report: MergeReport) -> str:
        parts = []
        for table, n in report.added.items():
            if not n:
                continue
            if table == "scenarios":
                parts.append(self.tr("1 scenario") if n == 1 else self.tr("{0} scenarios").format(n))
            elif table == "annotations":
                parts.append(self.tr("1 note") if n == 1 else self.tr("{0} notes").format(n))
            else:
                try:
                    parts.append(count_text(n, table))
                except ValueError:
                    parts.append(f"{n} {table}")
        added = list_separator().join(parts) if parts else self.tr("nothing new")
        return self.tr("Merging adds {0}; {1} matched by name; {2} to decide.").format(
            added, count_text(len(report.matched_by_name), "entities"),
            self.tr("1 conflict") if len(report.conflicts) == 1 else self.tr("{0} conflicts").format(
                len(report.conflicts)))

    def _sources(self) -> list[Project]:
        out = self.outcome
        loaded = out.loaded if out is not None else {}
        return [self.controller.document.project, *(loaded[p] for p in self.paths if p in loaded),
                *([loaded[self.ancestor]] if self.ancestor in loaded else [])]

    def _rows(self, report: MergeReport) -> list[ConflictRow]:
        sources = self._sources()
        rows = []
        for c in report.conflicts:
            key = (str(c["scenario"]), str(c["table"]), str(c["id"]), str(c["field"]))
            label = object_label(sources, *key[:3])
            scenario = key[0] if key[1] != "views" else self.tr("(saved views)")
            if c["field"] == DELETED:
                gone, there = self.tr("(deleted)"), self.tr("still there")
                rows.append(ConflictRow(
                    key, scenario, label, self.tr("deleted on one side"),
                    gone if c["base"] is None else there, gone if c["other"] is None else there, str(c["kept"]),
                    tip=self.tr("One side deleted it while the other changed it or links to it. Keep the side that "
                                "has it, or the side that deleted it to delete it — unless something kept still "
                                "links to it: then it stays, so no flow loses an end.")))
            else:
                rows.append(ConflictRow(key, scenario, label, field_label(key[3]), _value(c["base"]),
                                        _value(c["other"]), str(c["kept"])))
        return rows

    def overridden(self) -> list[str]:
        """Sentences for deletions chosen but not made (something kept still links to the object)."""
        out = []
        for row in self.conflicts.rows:
            chosen = self.choices.get(row.key)
            if row.key[3] == DELETED and chosen is not None and chosen != row.kept:
                out.append(self.tr("{0} stays: something kept still links to it, so it cannot be deleted.")
                           .format(row.obj))
        return out

    def _pairs(self, report: MergeReport) -> list[tuple[str, str]]:
        sources = self._sources()
        out = []
        for base_id, other_id in report.matched_by_name:
            label = base_id
            for s in sources[0].scenarios:
                if base_id in s.entities:
                    label = object_label(sources, s.name, "entities", base_id)
                    break
            out.append((label, other_id))
        return out

    # applying --------------------------------------------------------------------------------
    def apply(self) -> bool:
        """Apply the merge shown as one undo step; False (with a sentence) when it cannot be."""
        out = self.outcome
        if out is None or out.merged is None or self.problem_sentences() or self.runner.running:
            return False
        if self._state != self._doc_state():
            self.run()  # the open project changed meanwhile: work it out again first
            return False
        doc = self.controller.document
        names = list_separator().join(Path(p).name for p in self.paths)
        before = doc.scenario.copy()
        cmd = merge_command(doc.project, out.merged, files=names)
        if cmd is None:
            self.message.setText(self.tr("Nothing to merge: the open project already has everything in these files."))
            self.message.setStyleSheet("")
            self.message.show()
            self.merge_button.setEnabled(False)
            return False
        error = doc.attempt(cmd)
        if error is not None:
            self.message.setText(error_text(error))
            self.message.setStyleSheet(f"color: {tone_color('bad').name()};")
            self.message.show()
            return False
        self.controller.status(QCoreApplication.translate("MergeDialog", "Merged {0} — Edit → Undo takes it back")
                               .format(names), 8000)
        self.applied.emit(before, names)
        self.close()
        return True

    # document --------------------------------------------------------------------------------
    def _follow_document(self) -> None:
        self._doc_bindings.clear()
        self._doc_bindings.connect(self.controller.document.history_changed, self._on_document_history_changed)

    def _on_document_history_changed(self) -> None:
        if self.paths and self._state != self._doc_state():
            self.run()

    def _on_controller_document_changed(self, _doc: Any) -> None:
        self._follow_document()
        self._cache.clear()
        self.run()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._teardown()
        super().closeEvent(event)

    def done(self, r: int) -> None:
        self._teardown()
        super().done(r)

    def _teardown(self) -> None:
        self.runner.cancel(quiet=True)
        self._doc_bindings.clear()
        self._ctl_bindings.clear()


def show_merge_dialog(window: Any) -> MergeDialog:
    """File → Merge Projects…: the window's one merge dialog, in front (created on first use).
    After Merge, the canvas shows what changed in the shown scenario."""
    dialog = window.findChild(MergeDialog, "merge_dialog")
    if dialog is None:
        dialog = MergeDialog(window.controller, window)

        def show_changes(before: Scenario, names: str) -> None:
            from ecodesk.ui.canvas.diff_overlay import show_changes as show

            show(window.canvas, before, QCoreApplication.translate("MergeDialog", "before the merge"))

        dialog.applied.connect(show_changes)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
