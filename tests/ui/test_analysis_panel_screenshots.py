"""Screenshots of the analysis panel for people to look at: every tab and the whole window,
in English and in Chinese, on the S2B2B sample (saved under the test's tmp_path, or under
``$ECODESK_SHOTS`` when set). They also check that the Chinese UI is Chinese."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from ecodesk.ui.i18n import install_language
from tests.ui.panel_helpers import open_window, project_of, wait_current

TABS = ("overview", "reuse", "cost", "resilience", "compare")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_analysis_panel_screenshots(qtbot, tmp_path, lang):
    install_language(lang)
    out = Path(os.environ.get("ECODESK_SHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    w = open_window(qtbot, project_of("s2b2b_appliance"), size=(1500, 1000))
    w.resizeDocks([w.analysis_dock], [460], Qt.Orientation.Vertical)
    panel = w.analysis_panel
    w.document.set_scenario(w.document.project.scenarios[1])
    wait_current(qtbot, panel)
    panel.set_color_mode("criticality")
    w.document.set_selection(["brand"])
    for key in TABS:
        page = panel.show_tab(key)
        if key == "compare":
            qtbot.waitUntil(lambda p=page: p.comparison is not None, timeout=30_000)
        qtbot.wait(30)
        shot = out / f"panel_{lang}_{key}.png"
        assert page.inner.grab().save(str(shot)) and shot.stat().st_size > 10_000
    dialog = panel.show_what_if("brand")
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=30_000)
    qtbot.wait(30)
    shot = out / f"what_if_{lang}.png"
    assert dialog.grab().save(str(shot)) and shot.stat().st_size > 10_000
    dialog.close()
    panel.show_tab("overview")
    qtbot.wait(30)
    whole = out / f"window_{lang}.png"
    assert w.grab().save(str(whole)) and whole.stat().st_size > 50_000
    titles = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    if lang == "zh":
        assert titles == ["概览", "能力复用", "成本分摊", "网络韧性", "情景比较", "敏感性"]
        assert panel.overview.cards["service_level"].title.text() == "服务水平"
        assert w.analysis_dock.windowTitle() == "分析"
    else:
        assert titles == ["Overview", "Capability reuse", "Cost sharing", "Resilience", "Compare", "Sensitivity"]
    print(f"screenshots: {out}")
