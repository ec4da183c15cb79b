"""Screenshots of the whole window for people to look at (saved under the test's tmp_path):
the dark theme, and the Chinese UI. They also check that what was drawn is what was asked."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ecodesk.ui.document import Document
from ecodesk.ui.i18n import install_language
from ecodesk.ui.mainwindow import MainWindow
from ecodesk.ui.theme import apply_theme
from tests.ui.mw_helpers import menu_titles, sample_project


def _shoot(qtbot, path, select):
    w = MainWindow(Document(sample_project()))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    w.document.set_selection([select])
    qtbot.wait(50)
    w.canvas.fit_all()
    image = w.grab().toImage()
    assert image.save(str(path))
    return w, image


def test_screenshot_dark_theme(qtbot, tmp_path):
    apply_theme("dark")
    path = tmp_path / "ecodesk_dark.png"
    w, image = _shoot(qtbot, path, "pool1")
    assert path.stat().st_size > 20_000
    # the status bar and the menu bar are dark, the text on them light
    assert QColor(image.pixel(5, image.height() - 5)).lightness() < 80
    assert w.inspector.title.text() == "Pool: 平台建设成本"
    print(f"screenshot: {path}")


def test_screenshot_chinese_ui(qtbot, tmp_path):
    install_language("zh")
    path = tmp_path / "ecodesk_zh.png"
    w, image = _shoot(qtbot, path, "f2")
    assert path.stat().st_size > 20_000
    assert menu_titles(w)[:3] == ["文件(F)", "编辑(E)", "视图(V)"]
    assert w.inspector.title.text() == "资源流：f2 · 能力/服务"
    assert QColor(image.pixel(5, image.height() - 5)).lightness() > 150
    print(f"screenshot: {path}")


def test_the_window_carries_the_application_icon(qtbot):
    from ecodesk.paths import icons_dir

    w = MainWindow(Document(sample_project()))
    qtbot.addWidget(w)
    assert (icons_dir() / "ecodesk.svg").is_file()
    icon = w.windowIcon()
    assert not icon.isNull() and icon.availableSizes()  # the shipped PNG sizes, not Qt's default
    assert not icon.pixmap(32, 32).toImage().isNull()
