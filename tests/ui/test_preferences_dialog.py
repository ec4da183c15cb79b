"""Preferences: stored in QSettings (a temporary folder in tests), applied live — language
switches the menus to Chinese, theme switches the palette; the translation is complete."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ecodesk.commands import MoveEntities
from ecodesk.ui.dialogs.preferences import PreferencesDialog
from ecodesk.ui.i18n import command_text, current_language, install_language
from ecodesk.ui.settings import Settings
from tests.ui.mw_helpers import menu_titles

TS = Path("resources/translations/ecodesk_zh_CN.ts")


def test_preferences_persist_in_qsettings(qtbot, _isolated_ui):
    settings = Settings()
    assert str(_isolated_ui) in settings.file_name()  # never the real user configuration
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.show_grid.setChecked(False)
    dialog.snap_grid.setChecked(True)
    dialog.autosave.setValue(12)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    again = Settings()
    assert (again.theme, again.show_grid, again.snap_to_grid, again.autosave_minutes, again.language) == (
        "dark", False, True, 12, "en")
    raw = QSettings(settings.file_name(), QSettings.Format.IniFormat)
    assert raw.value("files/autosave_minutes") in (12, "12")


def test_cancel_changes_nothing(qtbot):
    settings = Settings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.autosave.setValue(30)
    dialog.reject()
    assert Settings().autosave_minutes == 5


def test_language_default_follows_the_system_locale(monkeypatch):
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.Chinese,
                                                                           QLocale.Country.China)))
    assert Settings().language == "zh"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(QLocale.Language.German,
                                                                           QLocale.Country.Germany)))
    assert Settings().language == "en"


def test_switching_to_chinese_retranslates_the_window_live(window, qtbot):
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.applied.connect(window.apply_preferences)
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Apply), Qt.MouseButton.LeftButton)
    assert current_language() == "zh"
    qtbot.waitUntil(lambda: menu_titles(window)[0] != "File")  # LanguageChange events are posted
    titles = menu_titles(window)
    assert titles[0].startswith("文件") and titles[1].startswith("编辑") and titles[-1].startswith("帮助")
    assert window.inspector_dock.windowTitle() == "检查器"
    assert window.tables.tabs.tabText(0) == "主体"
    assert window.counts_label.text() == "7 个主体 · 9 条资源流"
    assert dialog.windowTitle() == "首选项"  # the open dialog too
    doc = window.document
    doc.push(MoveEntities(doc.scenario, {"e1": (1.0, 1.0), "e2": (2.0, 2.0), "e3": (3.0, 3.0)}))
    assert window.actions.edit_undo.text() == "撤销 移动 3 个主体(&U)"
    page = window.tables.page("entities")
    assert page.model.index(0, 2).data() == "平台/生态枢纽"  # kind labels from the enums
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "名称"
    install_language("en")
    qtbot.waitUntil(lambda: menu_titles(window)[0] == "File")


def test_dark_theme_changes_the_palette(window, qtbot):
    window.settings.theme = "dark"
    window.apply_preferences()
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() < 80
    window.settings.theme = "light"
    window.apply_preferences()
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_grid_preferences_reach_the_canvas(window):
    window.actions.view_show_grid.setChecked(False)
    window.actions.view_snap_grid.setChecked(True)
    assert window.canvas.show_grid is False and window.canvas.snap_to_grid is True
    assert Settings().snap_to_grid is True


def test_chinese_translation_is_complete_and_keeps_placeholders():
    root = ET.parse(TS).getroot()
    count = 0
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            source, tr = msg.findtext("source"), msg.find("translation")
            assert tr is not None and (tr.text or "").strip(), (ctx.findtext("name"), source)
            assert tr.get("type") is None, (ctx.findtext("name"), source)
            assert sorted(re.findall(r"\{[^}]*\}", source)) == sorted(re.findall(r"\{[^}]*\}", tr.text))
            count += 1
    assert count > 300
    assert TS.with_suffix(".qm").stat().st_mtime >= TS.stat().st_mtime - 1


def test_every_command_label_is_marked_for_translation():
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "resources" / "translations" / "update_translations.py"
    spec = importlib.util.spec_from_file_location("update_translations", script)
    assert spec is not None and spec.loader is not None
    update_translations = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update_translations)
    from ecodesk.ui.tr_marks import MARKS

    assert sorted(MARKS) == sorted(text for _ctx, text in update_translations.hidden_strings()), \
        "run python resources/translations/update_translations.py"


def test_command_labels_translate_with_their_parameters():
    from ecodesk.commands import AddScenario, RenameScenario, set_membership
    from ecodesk.model import Project, Scenario
    from tests.ui.mw_helpers import sample_scenario

    install_language("zh")
    p = Project("x", scenarios=[Scenario("A")])
    assert command_text(AddScenario(p, Scenario("B"))) == "添加情景“B”"
    assert command_text(RenameScenario(p, "A", "C")) == "将情景“A”重命名为“C”"
    s = sample_scenario()
    assert command_text(set_membership(s, "e7", "eco1", True)) == "将“银行”加入生态“eco1”"
