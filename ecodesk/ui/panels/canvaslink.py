"""UI layer: the analysis panel's side of the canvas — results drawn on it (colour mode,
marks), flow filters, selection in step both ways between result tables and the canvas,
and the canvas's context-menu entries "What If It Leaves?" / "Remove It in a New Scenario".

:class:`CanvasLink` is a QObject the panel owns (composition, not a mixin): it reads the
panel's public state (``document``, ``channel``, ``pages``, the header's boxes) and keeps the
canvas and the what-if dialog; the panel forwards its public calls to it. Its texts keep
their translation context of before ("CanvasLink").
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker
from PySide6.QtWidgets import QMessageBox

import ecodesk.ui.panels.colormodes as colormodes
from ecodesk.model import Scenario
from ecodesk.ui.i18n import error_text
from ecodesk.ui.panels.whatif import WhatIfDialog, new_scenario_name, remove_in_new_scenario
from ecodesk.ui.plaintext import plain


class CanvasLink(QObject):
    """The panel ↔ canvas behaviour (see the module docstring)."""

    def __init__(self, panel: Any) -> None:
        super().__init__(panel)
        self.panel = panel
        self.canvas: Any = None
        self.what_if: WhatIfDialog | None = None
        self._syncing = False

    def set_canvas(self, canvas: Any) -> None:
        self.canvas = canvas
        if hasattr(canvas, "context_menu_hooks"):
            canvas.context_menu_hooks.append(self._add_canvas_menu_entries)
        if hasattr(canvas, "flow_kind_visibility_changed"):
            canvas.flow_kind_visibility_changed.connect(self._on_canvas_flow_kind_visibility_changed)
        self.sync_flow_boxes()

    # selection ------------------------------------------------------------------------------
    def on_table_rows_selected(self, ids: list[str], sender: Any = None) -> None:
        """Rows selected in a result table (``sender``): select and centre them on the canvas,
        highlight them in the other tables."""
        doc = self.panel.document
        if self._syncing or doc is None:
            return
        s = doc.scenario
        ids = [i for i in ids if i and s.find(i) is not None]
        if not ids:
            return
        self._syncing = True
        try:
            doc.set_selection(ids)
            for t in self.panel.result_tables():
                if t is not sender:
                    t.highlight(ids)
        finally:
            self._syncing = False
        centre = [i for i in ids if i in s.entities] or ids
        if self.canvas is not None and hasattr(self.canvas, "center_on_ids"):
            self.canvas.center_on_ids(centre)

    def on_document_selection_changed(self, ids: list[str]) -> None:
        if self._syncing:
            return
        page = self.panel.pages.get(self.panel.current_tab())
        if page is not None:
            self.highlight_rows(page)

    def highlight_rows(self, page: Any) -> None:
        doc = self.panel.document
        if doc is None:
            return
        for t in page.result_tables():
            t.highlight(doc.selection)

    def select_and_centre(self, select: list[str], centre: list[str]) -> None:
        doc = self.panel.document
        if doc is None:
            return
        doc.set_selection(select)
        if self.canvas is not None and hasattr(self.canvas, "center_on_ids"):
            self.canvas.center_on_ids(centre)

    # the canvas --------------------------------------------------------------------------------------
    def apply_canvas_look(self) -> None:
        """Colours and marks of the panel's mode from the current result (if it is of the shown scenario)."""
        c, doc, panel = self.canvas, self.panel.document, self.panel
        if c is None or doc is None or not hasattr(c, "set_color_overrides"):
            return
        scenario = doc.scenario
        result = panel.channel.result if panel.channel.scenario is scenario else None
        colours, legend = colormodes.colours_for(panel.color_mode, scenario, result)
        c.set_color_overrides(colours, legend=legend)
        if hasattr(c, "set_markers"):
            marks, mark_legend = colormodes.markers_for(scenario, result) if panel.marks_on else ({}, [])
            c.set_markers(marks, legend=mark_legend)

    def set_flow_kind_visible(self, kind: str, visible: bool) -> None:
        if self.canvas is not None and hasattr(self.canvas, "set_flow_kind_visible"):
            self.canvas.set_flow_kind_visible(kind, visible)
        self.sync_flow_boxes()

    def _on_canvas_flow_kind_visibility_changed(self, kind: str, visible: bool) -> None:
        self.sync_flow_boxes()

    def sync_flow_boxes(self) -> None:
        c = self.canvas
        for kind, box in self.panel.flow_boxes.items():
            visible = c.is_flow_kind_visible(kind) if c is not None and hasattr(c, "is_flow_kind_visible") else True
            with QSignalBlocker(box):
                box.setChecked(visible)

    def _add_canvas_menu_entries(self, menu: Any, item: Any) -> None:
        entity_id = getattr(item, "entity_id", None)
        doc = self.panel.document
        if entity_id is None or doc is None or entity_id not in doc.scenario.entities:
            return
        menu.addSeparator()
        act = menu.addAction(QCoreApplication.translate("CanvasLink", "What If It Leaves?…"), lambda: self.show_what_if(entity_id))
        act.setObjectName("what_if_action")
        act = menu.addAction(QCoreApplication.translate("CanvasLink", "Remove It in a New Scenario"), lambda: self.remove_in_new_scenario(entity_id))
        act.setObjectName("remove_in_new_scenario_action")

    # what-if ---------------------------------------------------------------------------------------------
    def show_what_if(self, entity_id: str) -> WhatIfDialog | None:
        panel = self.panel
        doc = panel.document
        if doc is None or entity_id not in doc.scenario.entities:
            return None
        if self.what_if is not None:
            self.what_if.close()
        dialog = WhatIfDialog(doc.scenario, panel.settings, entity_id, panel.currency, panel.window())
        dialog.remove_requested.connect(self._on_what_if_remove_requested)
        # rows select on the canvas too
        dialog.cost_table.rows_selected.connect(lambda ids: self.on_table_rows_selected(ids, dialog.cost_table))
        dialog.destroyed.connect(self._on_what_if_destroyed)
        self.what_if = dialog
        dialog.show()
        return dialog

    def _on_what_if_destroyed(self, *args: Any) -> None:
        self.what_if = None

    def _on_what_if_remove_requested(self, entity_id: str) -> None:
        if self.remove_in_new_scenario(entity_id) and self.what_if is not None:
            self.what_if.close()

    def remove_in_new_scenario(self, entity_id: str) -> Scenario | None:
        """A new scenario "Without X" (copy of the shown one minus X), shown; one undo step."""
        panel = self.panel
        doc = panel.document
        if doc is None or entity_id not in doc.scenario.entities:
            return None
        label = doc.scenario.entities[entity_id].label
        name = new_scenario_name(doc.project, label, QCoreApplication.translate("CanvasLink", "Without {0}"))
        cmd, added = remove_in_new_scenario(doc.project, doc.scenario, entity_id, name)
        error = doc.attempt(cmd)
        if error is not None:
            QMessageBox.warning(panel, QCoreApplication.translate("CanvasLink", "Scenario not added"), plain(error_text(error)))
            return None
        doc.set_scenario(added)
        panel.status(QCoreApplication.translate("CanvasLink", "Scenario “{0}” added: the model without {1}").format(name, label))
        return added
