"""Screenshots of the Sensitivity tab for people to look at — the tornado and the uncertainty
charts at 1366×768 and at a large size, in English and Chinese, on the pharmacy-lockers sample
(long Chinese names), saved under the test's tmp_path or ``$ECODESK_SHOTS``. They also check
that every name on the tornado's axis fits the axis (no name runs under the bars or off the
chart) and that the Chinese tab names its inputs in Chinese."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from ecodesk.commands import ChangeObject
from ecodesk.model.ranges import with_range
from ecodesk.ui.i18n import install_language
from tests.ui.panel_helpers import open_window, project_of


@pytest.mark.parametrize(("lang", "size"), [("en", (1366, 768)), ("zh", (1366, 768)), ("en", (1920, 1200)),
                                            ("zh", (2560, 1440))])
def test_sensitivity_tab_screenshots(qtbot, tmp_path, lang, size):
    install_language(lang)
    out = Path(os.environ.get("ECODESK_SHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    w = open_window(qtbot, project_of("pharmacy_lockers"), size=size)
    w.resizeDocks([w.analysis_dock], [int(size[1] * 0.55)], Qt.Orientation.Vertical)
    doc = w.document
    for cap in list(doc.scenario.capabilities)[:5]:
        f = cap.fixed_cost
        assert doc.attempt(ChangeObject(doc.scenario, with_range(cap, "fixed_cost", 0.7 * f, 1.5 * f))) is None
    tab = w.analysis_panel.show_tab("sensitivity")
    tab.workers = 1
    qtbot.waitUntil(lambda: tab.metric_picker.count() > 0, timeout=10_000)
    tab.run_sensitivity()
    qtbot.waitUntil(lambda: tab.sens_run.result is not None and not tab.sens_run.running, timeout=60_000)
    tab.run_uncertainty()
    qtbot.waitUntil(lambda: tab.unc_run.result is not None and not tab.unc_run.running, timeout=60_000)
    qtbot.wait(300)  # the resize refit of the names, and a paint
    axis = tab.tornado.item.getAxis("left")
    fm = QFontMetrics(axis.style.get("tickFont") or tab.tornado.font())
    assert tab.bars
    widest = max(fm.horizontalAdvance(b.label) for b in tab.bars)
    assert widest <= axis.width() - 4, (widest, axis.width())
    if lang == "zh":
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in b.label.rsplit(" · ", 1)[1]) for b in tab.bars)
    for name, widget in (("tornado", tab.sens), ("uncertainty", tab.unc)):
        shot = out / f"sensitivity_{lang}_{size[0]}_{name}.png"
        assert widget.grab().save(str(shot)) and shot.stat().st_size > 10_000
    whole = out / f"sensitivity_{lang}_{size[0]}_window.png"
    assert w.grab().save(str(whole)) and whole.stat().st_size > 50_000
