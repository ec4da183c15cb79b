"""Inspector ranges on a 13-inch laptop (1366×768) and a large screen, in English and Chinese:
folded ranges take no extra height, nothing is clipped (the numbers, the hints, the low/high
fields), a refusal wraps inside the dock. Screenshots go to the test's tmp_path (or
``$ECODESK_SHOTS``) for people to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLineEdit

from ecodesk.commands import ChangeObject
from ecodesk.model.ranges import with_range
from ecodesk.model.views import View
from ecodesk.ui import docks
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import install_language
from ecodesk.ui.mainwindow import MainWindow
from tests.ui.mw_helpers import sample_project

TASKBAR = 40


def _window(qtbot, monkeypatch, screen, lang, ranged=True):
    install_language(lang)
    width, height = screen
    monkeypatch.setattr(docks, "screen_area", lambda _w: QRect(0, 0, width, height - TASKBAR))
    doc = Document(sample_project())
    s = doc.scenario
    if ranged:
        for field, low, high in (("volume", 1, 3), ("risk", 0.005, 0.05), ("unit_value", 150_000, 260_000)):
            assert doc.attempt(ChangeObject(s, with_range(s.flows["f6"], field, low, high))) is None
    w = MainWindow(doc)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.panes.analysis_built is not None and not w.canvas.zooming.auto_fit, timeout=10_000)
    doc.set_selection(["f6"])  # a credit line: 1 × 200,000
    return w, w.inspector


def _readable(edit: QLineEdit) -> bool:
    """The whole text fits in the line (frame and margins included)."""
    return edit.fontMetrics().horizontalAdvance(edit.text()) + 12 <= edit.width()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("screen", [(1366, 768), (1920, 1080)])
def test_ranges_in_the_inspector_are_compact_and_unclipped(qtbot, monkeypatch, tmp_path, screen, lang):
    shots = Path(os.environ.get("ECODESK_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    plain_window, plain = _window(qtbot, monkeypatch, screen, lang, ranged=False)
    plain_height = plain.body.sizeHint().height()
    plain_window.hide()
    w, insp = _window(qtbot, monkeypatch, screen, lang)
    qtbot.waitUntil(lambda: insp.ranges["volume"].hint.isVisible())
    assert insp.body.sizeHint().height() == plain_height  # folded ranges cost no height
    qtbot.wait(50)
    assert not insp.scroll_area.horizontalScrollBar().isVisible()
    for field in ("volume", "unit_value", "risk"):
        rng = insp.ranges[field]
        assert rng.hint.width() >= rng.hint.sizeHint().width(), field  # the hint is not cut
        assert _readable(insp.editors[field].editor), field  # nor the number beside it
        assert rng.button.isVisible() and rng.button.width() >= rng.button.sizeHint().width()
    w.grab().save(str(shots / f"ranges_folded_{lang}_{screen[0]}.png"))

    vol = insp.ranges["volume"]
    vol.button.click()
    rate = insp.ranges["unit_value"]
    rate.button.click()
    rate.low.setText("250000")
    rate.high.setText("300000")
    rate.low.returnPressed.emit()
    qtbot.waitUntil(lambda: rate.error_label.isVisible())
    qtbot.wait(50)  # the scroll area lays the grown body out
    for edit in (vol.low, vol.high, rate.low, rate.high):
        assert _readable(edit), edit.objectName()
    assert not insp.scroll_area.horizontalScrollBar().isVisible()  # the refusal wraps inside the dock
    assert rate.error_label.width() <= insp.scroll_area.viewport().width()
    w.grab().save(str(shots / f"ranges_open_{lang}_{screen[0]}.png"))
    insp.grab().save(str(shots / f"ranges_open_inspector_{lang}_{screen[0]}.png"))


def test_numbers_stay_readable_with_the_views_tab_behind_the_inspector(qtbot, monkeypatch):
    """A facilitator's file opens with the Views dock as a tab behind the inspector: the tab
    bar takes height, the inspector scrolls, and its numbers must still fit on a laptop."""
    install_language("en")
    monkeypatch.setattr(docks, "screen_area", lambda _w: QRect(0, 0, 1366, 768 - TASKBAR))
    project = sample_project()
    project.add_view(View("v1", "Slide", project.scenarios[0].name))
    doc = Document(project)
    s = doc.scenario
    for field, low, high in (("volume", 1, 3), ("risk", 0.005, 0.05), ("unit_value", 150_000, 260_000)):
        assert doc.attempt(ChangeObject(s, with_range(s.flows["f6"], field, low, high))) is None
    w = MainWindow(doc)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.panes.analysis_built is not None and not w.canvas.zooming.auto_fit, timeout=10_000)
    assert not w.views_panel.parentWidget().isHidden()
    doc.set_selection(["f6"])
    insp = w.inspector
    qtbot.waitUntil(lambda: insp.ranges["unit_value"].hint.isVisible())
    qtbot.wait(50)
    assert not insp.scroll_area.horizontalScrollBar().isVisible()
    for field in ("volume", "unit_value", "risk"):
        assert _readable(insp.editors[field].editor), field
