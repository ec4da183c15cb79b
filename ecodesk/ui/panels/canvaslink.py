"""UI layer: the analysis panel's side of the canvas — results drawn on it (colour mode,
marks), flow filters, selection in step both ways between result tables and the canvas,
and the canvas's context-menu entries "What If It Leaves?" / "Remove It in a New Scenario".

Mixed into :class:`~ecodesk.ui.panels.analysis_panel.AnalysisPanel`; uses its
``document``, ``canvas``, ``channel``, ``pages`` and boxes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QMessageBox

from ecodesk.model import Scenario
from ecodesk.ui.i18n import error_text
from ecodesk.ui.panels import colormodes
from ecodesk.ui.panels.whatif import WhatIfDialog, new_scenario_name, remove_in_new_scenario

if TYPE_CHECKING:
    from ecodesk.ui.panels.analysis_panel import AnalysisPanel


class CanvasLinkMixin:
    """The panel ↔ canvas behaviour (see the module docstring)."""

    def set_canvas(self: AnalysisPanel, canvas: Any) -> None:
        self.canvas = canvas
        if hasattr(canvas, "context_menu_hooks"):
            canvas.context_menu_hooks.append(self._add_canvas_menu_entries)
        if hasattr(canvas, "flow_kind_visibility_changed"):
            canvas.flow_kind_visibility_changed.connect(self._on_canvas_flow_kind_visibility_changed)
        self._sync_flow_boxes()

    # selection ------------------------------------------------------------------------------
    def _on_table_rows_selected(self: AnalysisPanel, ids: list[str]) -> None:
        if self._syncing or self.document is None:
            return
        s = self.document.scenario
        ids = [i for i in ids if i and s.find(i) is not None]
        if not ids:
            return
        self._syncing = True
        try:
            self.document.set_selection(ids)
            sender = self.sender()
            for t in self.result_tables():
                if t is not sender:
                    t.highlight(ids)
        finally:
            self._syncing = False
        centre = [i for i in ids if i in s.entities] or ids
        if self.canvas is not None and hasattr(self.canvas, "center_on_ids"):
            self.canvas.center_on_ids(centre)

    def _on_document_selection_changed(self: AnalysisPanel, ids: list[str]) -> None:
        if self._syncing:
            return
        page = self.pages.get(self.current_tab())
        if page is not None:
            self._highlight_rows(page)

    def _highlight_rows(self: AnalysisPanel, page: Any) -> None:
        if self.document is None:
            return
        ids = self.document.selection
        for s in page.sections:
            for t in s.tables:
                t.highlight(ids)

    def select_and_centre(self: AnalysisPanel, select: list[str], centre: list[str]) -> None:
        if self.document is None:
            return
        self.document.set_selection(select)
        if self.canvas is not None and hasattr(self.canvas, "center_on_ids"):
            self.canvas.center_on_ids(centre)

    # the canvas --------------------------------------------------------------------------------------
    def set_color_mode(self: AnalysisPanel, mode: str) -> None:
        if mode not in colormodes.MODES:
            raise ValueError(f"unknown colour mode {mode!r}")
        self.color_mode = mode
        with QSignalBlocker(self.mode_combo):
            self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode))
        self._apply_canvas_look()
        self.color_mode_changed.emit(mode)


    def set_marks_visible(self: AnalysisPanel, on: bool) -> None:
        self.marks_on = on
        with QSignalBlocker(self.marks_box):
            self.marks_box.setChecked(on)
        self._apply_canvas_look()
        self.marks_changed.emit(on)


    def _apply_canvas_look(self: AnalysisPanel) -> None:
        c, doc = self.canvas, self.document
        if c is None or doc is None or not hasattr(c, "set_color_overrides"):
            return
        scenario = doc.scenario
        result = self.channel.result if self.channel.scenario is scenario else None
        colours, legend = colormodes.colours_for(self.color_mode, scenario, result)
        c.set_color_overrides(colours, legend=legend)
        if hasattr(c, "set_markers"):
            marks, mark_legend = colormodes.markers_for(scenario, result) if self.marks_on else ({}, [])
            c.set_markers(marks, legend=mark_legend)

    def set_flow_kind_visible(self: AnalysisPanel, kind: str, visible: bool) -> None:
        if self.canvas is not None and hasattr(self.canvas, "set_flow_kind_visible"):
            self.canvas.set_flow_kind_visible(kind, visible)
        self._sync_flow_boxes()

    def _on_canvas_flow_kind_visibility_changed(self: AnalysisPanel, kind: str, visible: bool) -> None:
        self._sync_flow_boxes()

    def _sync_flow_boxes(self: AnalysisPanel) -> None:
        c = self.canvas
        for kind, box in self.flow_boxes.items():
            visible = c.is_flow_kind_visible(kind) if c is not None and hasattr(c, "is_flow_kind_visible") else True
            with QSignalBlocker(box):
                box.setChecked(visible)

    def _add_canvas_menu_entries(self: AnalysisPanel, menu: Any, item: Any) -> None:
        entity_id = getattr(item, "entity_id", None)
        if entity_id is None or self.document is None or entity_id not in self.document.scenario.entities:
            return
        menu.addSeparator()
        act = menu.addAction(self.tr("What If It Leaves?…"), lambda: self.show_what_if(entity_id))
        act.setObjectName("what_if_action")
        act = menu.addAction(self.tr("Remove It in a New Scenario"), lambda: self.remove_in_new_scenario(entity_id))
        act.setObjectName("remove_in_new_scenario_action")

    # what-if ---------------------------------------------------------------------------------------------
    def show_what_if(self: AnalysisPanel, entity_id: str) -> WhatIfDialog | None:
        doc = self.document
        if doc is None or entity_id not in doc.scenario.entities:
            return None
        if self._what_if is not None:
            self._what_if.close()
        dialog = WhatIfDialog(doc.scenario, self.settings, entity_id, self.currency, self.window())
        dialog.remove_requested.connect(self._on_what_if_remove_requested)
        dialog.cost_table.rows_selected.connect(self._on_table_rows_selected)  # rows select on the canvas too
        dialog.destroyed.connect(lambda *a: setattr(self, "_what_if", None))
        self._what_if = dialog
        dialog.show()
        return dialog

    def _on_what_if_remove_requested(self: AnalysisPanel, entity_id: str) -> None:
        if self.remove_in_new_scenario(entity_id) and self._what_if is not None:
            self._what_if.close()

    def remove_in_new_scenario(self: AnalysisPanel, entity_id: str) -> Scenario | None:
        """A new scenario "Without X" (copy of the shown one minus X), shown; one undo step."""
        doc = self.document
        if doc is None or entity_id not in doc.scenario.entities:
            return None
        label = doc.scenario.entities[entity_id].label
        name = new_scenario_name(doc.project, label, self.tr("Without {0}"))
        cmd = remove_in_new_scenario(doc.project, doc.scenario, entity_id, name)
        error = doc.attempt(cmd)
        if error is not None:
            QMessageBox.warning(self, self.tr("Scenario not added"), error_text(error))
            return None
        doc.set_scenario(cmd.new_scenario)  # type: ignore[attr-defined]
        self.status(self.tr("Scenario “{0}” added: the model without {1}").format(name, label))
        return cmd.new_scenario  # type: ignore[attr-defined,no-any-return]
