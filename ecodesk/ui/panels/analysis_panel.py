"""UI layer: the analysis panel — where planners get their answers.

Tabs Overview, Capability reuse, Cost sharing, Resilience and Compare over one result of
the shown scenario, kept current by an :class:`AnalysisChannel` (off the GUI thread,
debounced after edits, stale results greyed and never mixed with new ones); Sensitivity runs
its sweeps only on its own Run. The header
runs, cancels and parameterises the analysis and drives the canvas: colour mode, marks
and flow filters. Rows selected in any result table select and centre their entities on
the canvas; entities selected on the canvas highlight their rows (a :class:`CanvasLink` the
panel owns does the canvas side). Results are typed
:class:`~ecodesk.analysis.run.AnalysisResult` objects; the panel follows the document's
signals through one :class:`~ecodesk.model.signals.Bindings`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import ecodesk.ui.panels.colormodes as colormodes
from ecodesk.model import AnalysisSettings, Bindings, Scenario
from ecodesk.numfmt import money
from ecodesk.ui.i18n import is_chinese
from ecodesk.ui.panels.base import tone_color
from ecodesk.ui.panels.canvaslink import CanvasLink
from ecodesk.ui.panels.header import AnalysisHeader
from ecodesk.ui.panels.params import ParamsWidget
from ecodesk.ui.panels.tables import ResultTableView
from ecodesk.ui.panels.whatif import WhatIfDialog
from ecodesk.ui.panels.worker import AnalysisChannel, ResultCache

if TYPE_CHECKING:
    from ecodesk.analysis.run import AnalysisResult

TABS = ("overview", "reuse", "cost", "resilience", "compare", "sensitivity")
#: Tab → (module, class) of its page, imported when first shown.
PAGE_CLASSES = {"overview": ("overview_tab", "OverviewTab"), "reuse": ("reuse_tab", "ReuseTab"),
                "cost": ("costshare_tab", "CostShareTab"), "resilience": ("resilience_tab", "ResilienceTab"),
                "compare": ("compare_tab", "CompareTab"), "sensitivity": ("sensitivity_tab", "SensitivityTab")}
RESULT_TABS = ("overview", "reuse", "cost", "resilience")


class AnalysisPanel(QWidget):
    """The dockable analysis panel (see the module docstring)."""

    #: A status-bar message for the window (argument: text).
    status_message = Signal(str)
    #: Running / stale / progress changed (the status bar and menus follow it).
    state_changed = Signal()
    #: The canvas colour mode changed (argument: the mode).
    color_mode_changed = Signal(str)
    #: Marks on the canvas were switched on or off.
    marks_changed = Signal(bool)
    #: Texts were set again (after a language change).
    retranslated = Signal()

    def __init__(self, document: Any = None, canvas: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysis_panel")
        self.document: Any = None
        self.cache = ResultCache()
        self.channel = AnalysisChannel(lambda: self.settings, self.cache, delay_ms=600, parent=self)
        self.color_mode = "kind"
        self.marks_on = True
        self._told = ""  # the last reason for not running automatically shown in the status bar
        self._bindings = Bindings()
        self.link = CanvasLink(self)
        self._build()
        self.channel.result_changed.connect(self._on_channel_result_changed)
        self.channel.state_changed.connect(self._on_channel_state_changed)
        self.channel.failed.connect(self._on_channel_failed)
        self.channel.cancelled.connect(lambda: self.status(self.tr("Analysis cancelled")))
        self.retranslate()
        if canvas is not None:
            self.link.set_canvas(canvas)
        if document is not None:
            self.set_document(document)

    # construction --------------------------------------------------------------------------
    def _build(self) -> None:
        h = self.header = AnalysisHeader(self)
        self.state_label, self.run_button, self.cancel_button = h.state_label, h.run_button, h.cancel_button
        self.auto_box, self.params_button, self.mode_combo = h.auto_box, h.params_button, h.mode_combo
        self.marks_box, self.flow_boxes = h.marks_box, h.flow_boxes
        h.run_button.clicked.connect(self.run_now)
        h.cancel_button.clicked.connect(self.cancel)
        h.auto_box.toggled.connect(self.set_auto)
        h.params_button.toggled.connect(lambda on: self.params.setVisible(on))
        h.mode_combo.activated.connect(lambda i: self.set_color_mode(h.mode_combo.itemData(i)))
        h.marks_box.toggled.connect(self.set_marks_visible)
        for kind, box in h.flow_boxes.items():
            box.toggled.connect(lambda on, k=kind: self.link.set_flow_kind_visible(k, on))
        self.params = ParamsWidget(self, self)
        self.params.hide()
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("analysis_tabs")
        self.tabs.setDocumentMode(True)
        self.pages: dict[str, Any] = {}
        for _key in TABS:  # placeholders: the pages (and pyqtgraph) load when first shown
            self.tabs.addTab(QWidget(self.tabs), "")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 2)
        lay.setSpacing(3)
        lay.addWidget(self.header)
        lay.addWidget(self.params)
        lay.addWidget(self.tabs, 1)
        self._dirty: set[str] = set()

    def ensure_page(self, key: str) -> Any:
        """The page of tab ``key``, built the first time it is needed (keeps pyqtgraph and
        scipy out of the start-up, and hidden tabs cost nothing)."""
        page = self.pages.get(key)
        if page is not None:
            return page
        module, name = PAGE_CLASSES[key]
        cls = getattr(importlib.import_module(f"ecodesk.ui.panels.{module}"), name)
        page = cls(self)
        i = TABS.index(key)
        with QSignalBlocker(self.tabs):
            current = self.tabs.currentIndex()
            old = self.tabs.widget(i)
            self.tabs.removeTab(i)
            self.tabs.insertTab(i, page, "")
            old.deleteLater()
            self.tabs.setCurrentIndex(current)
        self.pages[key] = page
        for table in page.result_tables():
            table.rows_selected.connect(lambda ids, t=table: self.link.on_table_rows_selected(ids, t))
        doc = self.document
        if key == "overview":
            page.open_tab.connect(self.show_tab)
        elif key == "cost":
            page.set_scenario(doc.scenario if doc is not None else None)
        elif key == "compare":
            page.set_project(doc.project if doc is not None else None)
        self._retranslate_tabs()
        if key in RESULT_TABS:
            self._dirty.add(key)
            page.set_stale(self.channel.result is not None and self.channel.stale)
        return page

    def ensure_pages(self) -> dict[str, Any]:
        for key in TABS:
            self.ensure_page(key)
        return self.pages

    @property
    def overview(self) -> Any:
        return self.ensure_page("overview")

    @property
    def reuse(self) -> Any:
        return self.ensure_page("reuse")

    @property
    def cost(self) -> Any:
        return self.ensure_page("cost")

    @property
    def resilience(self) -> Any:
        return self.ensure_page("resilience")

    @property
    def compare(self) -> Any:
        return self.ensure_page("compare")

    @property
    def sensitivity(self) -> Any:
        return self.ensure_page("sensitivity")

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._refresh_current_tab)  # paint the header first

    # document and canvas ----------------------------------------------------------------------
    def set_document(self, document: Any) -> None:
        """Follow ``document`` (its shown scenario, selection, settings)."""
        self._bindings.clear()
        self.document = document
        if document is not None:
            b = self._bindings
            b.connect(document.scenario_switched, self._on_document_scenario_switched)
            b.connect(document.selection_changed, self.link.on_document_selection_changed)
            b.connect(document.project.changed, self._on_project_changed)
        if "compare" in self.pages:
            self.pages["compare"].set_project(document.project if document is not None else None)
        self.params.refresh()
        self._on_document_scenario_switched(document.scenario if document is not None else None)

    def _on_document_scenario_switched(self, scenario: Scenario | None) -> None:
        if "cost" in self.pages:
            self.pages["cost"].set_scenario(scenario)
        self.channel.follow(scenario, run=self.channel.auto)
        if "compare" in self.pages:
            self.pages["compare"].follow_choices()
        self.link.apply_canvas_look()

    def _on_project_changed(self) -> None:
        self.params.refresh()
        self.channel.invalidate()  # settings are part of every result's tag

    @property
    def settings(self) -> AnalysisSettings:
        return self.document.project.settings if self.document is not None else AnalysisSettings()

    @property
    def currency(self) -> str:
        return self.document.project.currency if self.document is not None else "CNY"

    @property
    def chinese(self) -> bool:
        return is_chinese()

    # the canvas (see CanvasLink) ---------------------------------------------------------------
    @property
    def canvas(self) -> Any:
        return self.link.canvas

    def set_canvas(self, canvas: Any) -> None:
        self.link.set_canvas(canvas)

    def set_color_mode(self, mode: str) -> None:
        if mode not in colormodes.MODES:
            raise ValueError(f"unknown colour mode {mode!r}")
        self.color_mode = mode
        with QSignalBlocker(self.mode_combo):
            self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode))
        self.link.apply_canvas_look()
        self.color_mode_changed.emit(mode)

    def set_marks_visible(self, on: bool) -> None:
        self.marks_on = on
        with QSignalBlocker(self.marks_box):
            self.marks_box.setChecked(on)
        self.link.apply_canvas_look()
        self.marks_changed.emit(on)

    def set_flow_kind_visible(self, kind: str, visible: bool) -> None:
        self.link.set_flow_kind_visible(kind, visible)

    def select_and_centre(self, select: list[str], centre: list[str]) -> None:
        self.link.select_and_centre(select, centre)

    def show_what_if(self, entity_id: str) -> WhatIfDialog | None:
        """The "What if it leaves?" dialog for ``entity_id`` (None if it is not in the shown scenario)."""
        return self.link.show_what_if(entity_id)

    @property
    def what_if_dialog(self) -> WhatIfDialog | None:
        return self.link.what_if

    def remove_in_new_scenario(self, entity_id: str) -> Scenario | None:
        return self.link.remove_in_new_scenario(entity_id)

    # running -------------------------------------------------------------------------------------
    def run_now(self) -> None:
        self.channel.run_now()

    def cancel(self) -> None:
        self.channel.cancel()

    def set_auto(self, on: bool) -> None:
        self.channel.auto = on
        with QSignalBlocker(self.auto_box):
            self.auto_box.setChecked(on)
        if on and self.channel.stale:
            self.channel.invalidate()
        self._on_channel_state_changed()

    def shutdown(self) -> None:
        """Stop following the document and cancel running jobs (window closing)."""
        self.channel.shutdown()
        if "compare" in self.pages:
            self.pages["compare"].shutdown()
        if "sensitivity" in self.pages:
            self.pages["sensitivity"].shutdown()
        if self.link.what_if is not None:
            self.link.what_if.close()

    def _on_channel_failed(self, message: str) -> None:
        self.status(self.tr("Analysis failed: {0}").format(message))

    def _on_channel_state_changed(self) -> None:
        ch = self.channel
        name = ch.scenario.name if ch.scenario is not None else ""
        if ch.running:
            text, tone = self.tr("Analysing “{0}”… {1} % ({2})").format(name, ch.percent, self.stage_label(ch.stage)), "warn"
        elif ch.error:
            text, tone = self.tr("Analysis failed: {0}").format(ch.error), "bad"
        elif ch.refusal is not None and ch.stale:  # the short words here, the reason in the tooltip
            text, tone = self.tr("Too large to analyse automatically — press Run"), "warn"
        elif ch.result is None:
            text, tone = (self.tr("Not analysed yet — press Run") if not ch.auto else self.tr("Waiting to analyse…")), "neutral"
        elif ch.stale:
            text, tone = (self.tr("Out of date — recomputing shortly…") if ch.auto and ch.pending
                          else self.tr("Out of date — press Run to recompute")), "warn"
        else:
            took = ch.last_duration
            text = self.tr("Up to date · “{0}”").format(name) + (
                self.tr(" · computed in {0} s").format(f"{took:.2f}") if took else "")
            tone = "good"
        self.state_label.setText(text)
        reason = ch.refusal.text(self.chinese) if ch.refusal is not None and ch.stale and not ch.running else ""
        self.state_label.setToolTip(reason)
        if reason and reason != self._told:
            # once, in full, in the status bar (deferred: the window may still be connecting to us)
            QTimer.singleShot(0, self, lambda: self.status(reason))
        self._told = reason
        self.state_label.setStyleSheet(f"color: {tone_color(tone).name()};")
        self.cancel_button.setEnabled(ch.running)
        self.run_button.setEnabled(ch.scenario is not None)
        stale = ch.result is not None and ch.stale
        for key in RESULT_TABS:
            if key in self.pages:
                self.pages[key].set_stale(stale)
        self.state_changed.emit()


    def stage_label(self, stage: str) -> str:
        return {"reuse": self.tr("capability reuse"), "cost_sharing": self.tr("cost sharing"), "kpis": self.tr("indicators"),
                "supply graph": self.tr("supply graph"), "critical entities": self.tr("critical entities"),
                "robustness": self.tr("robustness"), "redundancy": self.tr("redundancy"), "monte carlo": self.tr("Monte Carlo"),
                "cascade": self.tr("cascades"), "done": self.tr("done"), "": self.tr("starting")}.get(stage, stage)

    def _on_channel_result_changed(self) -> None:
        self._dirty = {k for k in RESULT_TABS if k in self.pages}  # pages built later start dirty
        self._refresh_current_tab()
        self.link.apply_canvas_look()
        self._on_channel_state_changed()

    def _refresh_current_tab(self) -> None:
        """Draw the shown tab if its result is newer (hidden tabs wait until they are shown)."""
        if not self.isVisible():
            return
        key = self.current_tab()
        self.ensure_page(key)
        if key in self._dirty:
            self._dirty.discard(key)
            page = self.pages[key]
            page.set_result(self.channel.result)
            self.link.highlight_rows(page)

    def refresh_all(self) -> None:
        """Refresh every tab now (the panel refreshes only the shown tab as results arrive)."""
        for key in RESULT_TABS:
            self.ensure_page(key)
        for key in list(self._dirty):
            self._dirty.discard(key)
            self.pages[key].set_result(self.channel.result)

    def current_tab(self) -> str:
        i = self.tabs.currentIndex()
        return TABS[i] if 0 <= i < len(TABS) else "overview"

    def show_tab(self, key: str) -> Any:
        """Show tab ``key``, drawn from the current result (even while the panel is hidden)."""
        page = self.ensure_page(key)
        self.tabs.setCurrentIndex(TABS.index(key))
        if key in self._dirty:
            self._dirty.discard(key)
            page.set_result(self.channel.result)
            self.link.highlight_rows(page)
        return page

    def _on_tab_changed(self, index: int) -> None:
        self._refresh_current_tab()

    def result_tables(self) -> list[ResultTableView]:
        return [t for p in self.pages.values() for s in p.sections for t in s.tables]

    # words and numbers ---------------------------------------------------------------------------------------
    def core_sentence(self, result: AnalysisResult | None) -> str:
        """The core status in words: stable, or which group would pay how much less alone."""
        if result is None:
            return ""
        cs = result.cost_sharing
        if cs.in_core:
            return self.tr("Stable: no group of partners would rather leave.")
        if not cs.blocking_coalitions:
            return self.tr("Not stable: some group of partners would pay less on its own.")
        first = cs.blocking_coalitions[0]
        snap = result.scenario
        names = [(snap.entities[m].label if m in snap.entities else m) for m in first["members"]]
        excess = money(first.get("excess"))
        if len(names) == 1:
            return self.tr("Not stable: {0} would pay {1} less on its own.").format(names[0], excess)
        return self.tr("Not stable: {0} would pay {1} less on their own.").format(" + ".join(names), excess)

    def status(self, text: str) -> None:
        self.status_message.emit(text)

    # language ----------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.header.retranslate(self.color_mode)
        self._retranslate_tabs()
        for key in RESULT_TABS:
            if key in self.pages:
                self.pages[key].retranslate_texts()  # headers now; contents when shown
        self._dirty = {k for k in RESULT_TABS if k in self.pages}
        if "compare" in self.pages:
            self.pages["compare"].retranslate()
        if "sensitivity" in self.pages:
            self.pages["sensitivity"].retranslate()
        self._refresh_current_tab()
        self._on_channel_state_changed()
        if self.canvas is not None:
            self.link.apply_canvas_look()
        self.retranslated.emit()

    def _retranslate_tabs(self) -> None:
        for key, text in (("overview", self.tr("Overview")), ("reuse", self.tr("Capability reuse")),
                          ("cost", self.tr("Cost sharing")), ("resilience", self.tr("Resilience")),
                          ("compare", self.tr("Compare")), ("sensitivity", self.tr("Sensitivity"))):
            self.tabs.setTabText(TABS.index(key), text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "pages"):
            QTimer.singleShot(0, self, self.retranslate)  # after every child has retranslated itself
        elif event.type() == QEvent.Type.PaletteChange and hasattr(self, "pages"):
            QTimer.singleShot(0, self, self._repaint_results)
        super().changeEvent(event)

    def _repaint_results(self) -> None:
        """Colours follow the palette: redraw the shown tab now, the others when shown."""
        self._dirty = {k for k in RESULT_TABS if k in self.pages}
        self._refresh_current_tab()

