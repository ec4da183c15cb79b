"""A live switch to Chinese reaches every text of the analysis panel (the sections' "Export"
buttons were set once and stayed English), and Qt's own dialogs speak Chinese too (Qt's
zh_CN catalogue plus the few texts it lacks), and English again after switching back."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QTableView,
    QTabWidget,
    QWidget,
)

from ecodesk.ui.i18n import install_language
from ecodesk.ui.panels.charts import ChartWidget
from tests.ui.panel_helpers import open_window, project_of, wait_current

_WORD = re.compile(r"[A-Za-z]{3,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")
#: Texts that are the same in both languages (units, codes, names from the sample data).
_SAME = re.compile(r"^(CNY|p05[–-]p95|R = .*|Shapley)$")


def _texts(root: QWidget) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        name = w.objectName() or type(w).__name__
        if isinstance(w, (QAbstractButton, QLabel)):
            out += [(name, w.text()), (name, w.toolTip())]
        elif isinstance(w, QGroupBox):
            out.append((name, w.title()))
        elif isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QTableView) and w.model() is not None:
            m = w.model()
            out += [(name, str(m.headerData(i, Qt.Orientation.Horizontal))) for i in range(m.columnCount())]
        out += [(name, a.text()) for a in w.actions()]
        if isinstance(w, ChartWidget):  # pyqtgraph's texts are no widgets: title, axes, legend, note
            it = w.item
            out += [(name, it.titleLabel.text), (name, it.getAxis("left").labelText),
                    (name, it.getAxis("bottom").labelText), (name, w.note.text())]
            if it.legend is not None:
                out += [(name, label.text) for _, label in it.legend.items]
    return out


def _english(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(n, t) for n, t in texts
            if t and _WORD.search(t) and not _HAN.search(t) and not _SAME.match(t.strip())]


def test_live_switch_to_chinese_leaves_no_english_button_or_label_in_the_panel(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"), size=(1366, 768))
    panel = w.analysis_panel
    panel.ensure_pages()
    wait_current(qtbot, panel)
    for key in panel.pages:  # every tab built and shown in English first
        panel.show_tab(key)
    before = _english(_texts(panel))
    assert any(t == "Export" for _, t in before)  # the walk sees the sections' export buttons
    with qtbot.waitSignal(panel.retranslated, timeout=5000):
        install_language("zh")
    for key in panel.pages:
        panel.show_tab(key)
        qtbot.wait(50)
    left = _english(_texts(panel))
    assert left == [], left
    exports = [b for b in panel.findChildren(QAbstractButton) if b.objectName().endswith("_export")]
    assert len(exports) >= 8
    assert {b.text() for b in exports} == {QCoreApplication.translate("Section", "Export")} == {"导出"}
    install_language("en")
    qtbot.waitUntil(lambda: all(b.text() == "Export" for b in exports), timeout=5000)


def test_qt_own_dialogs_follow_the_ui_language(qtbot):
    install_language("zh")
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："
    # the file dialog's own labels carry mnemonics; Qt's catalogue lacks two of them
    d = QFileDialog()
    d.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(d)
    d.show()
    QApplication.processEvents()
    labels = [lab.text() for lab in d.findChildren(QLabel)]
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels, labels
    assert not _english([("", t) for t in labels])
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    assert {b.text() for b in box.buttons()} == {"保存", "取消"}
    install_language("en")
    QApplication.processEvents()
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Look in:"
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Look in:"
    assert {lab.text() for lab in d.findChildren(QLabel)} >= {"&Look in:", "Files of &type:"}
