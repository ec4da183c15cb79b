"""UI layer: what every analysis tab shares — the typed result it shows
(:class:`~ecodesk.analysis.run.AnalysisResult`), the scenario copy that result was computed on
(for names), and helpers for labels and good/bad colours."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QColor

from ecodesk.model import Scenario
from ecodesk.ui.panels.section import ResultPage
from ecodesk.ui.theme import current_theme

if TYPE_CHECKING:
    from ecodesk.analysis.run import AnalysisResult


def tone_color(tone: str) -> QColor:
    """Text colour for good / bad / warn figures, readable on the current theme."""
    dark = current_theme() == "dark"
    return QColor({"good": "#7BD88F" if dark else "#1E7B34", "bad": "#FF8A80" if dark else "#C62828",
                   "warn": "#FFD166" if dark else "#A15C00"}.get(tone, "#9AA5B1" if dark else "#52606D"))


def tint(tone: str, strength: float = 1.0) -> QColor:
    """A cell background for good / bad figures (alpha by ``strength`` in [0, 1])."""
    base = QColor({"good": "#2E9D58", "bad": "#D7191C", "warn": "#F39C12"}.get(tone, "#7F8A93"))
    base.setAlpha(int(30 + 120 * max(0.0, min(1.0, strength))))
    return base


class ResultTab(ResultPage):
    """A tab page over the panel's current result."""

    def __init__(self, panel: Any, name: str) -> None:
        super().__init__(name, panel)
        self.panel = panel
        self.result: AnalysisResult | None = None

    @property
    def snapshot(self) -> Scenario | None:
        """The scenario copy the shown result was computed on."""
        return self.result.scenario if self.result is not None else None

    def set_result(self, result: AnalysisResult | None) -> None:
        self.result = result
        self.refresh()

    def refresh(self) -> None:
        """Redraw from ``self.result`` (also after a language or theme change)."""

    def retranslate_texts(self) -> None:
        """Set the fixed texts (column headers …) in the UI language; contents follow on refresh."""

    def retranslate(self) -> None:
        self.retranslate_texts()
        self.refresh()

    # helpers -----------------------------------------------------------------------------
    def name(self, obj_id: str | None) -> str:
        """An object's name as analysed (its id when it has none or is gone)."""
        if obj_id is None:
            return "—"
        s = self.snapshot
        if s is not None:
            obj = s.find(obj_id)
            if obj is not None:
                return getattr(obj, "label", None) or getattr(obj, "name", None) or obj_id
        return obj_id

    def names(self, ids: Any) -> str:
        return "、".join(self.name(i) for i in ids or ()) if self.panel.chinese else ", ".join(
            self.name(i) for i in ids or ())

