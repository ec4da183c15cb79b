"""User text with HTML (``<b>X</b><img src=/tmp/x.png>``) in names is shown as the literal
characters: labels and message boxes are plain text, tooltips escaped (Qt would otherwise
detect rich text by itself and load the image)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox

from ecodesk.model import Entity, Flow, Project, Scenario
from ecodesk.ui.plaintext import plain
from tests.ui.panel_helpers import open_window

EVIL = "<b>X</b><img src=/tmp/x.png>"


def shown(text: str) -> str:
    """What Qt draws for ``text`` in a tooltip / AutoText label: literal when not rich."""
    if not GuiQt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def hostile_project() -> Project:
    s = Scenario(f"S {EVIL}")
    s.add(Entity("a", f"A {EVIL}", "platform", x=0, y=0, notes=EVIL))
    s.add(Entity("b", EVIL, "supplier", x=300, y=0, risk=0.1))
    s.add(Entity("u", "Users", "user", demand=10, x=600, y=0))
    s.add(Flow("f1", "b", "a", "goods", volume=5, unit_value=2, notes=EVIL))
    s.add(Flow("f2", "a", "u", "goods", volume=5, unit_value=3))
    return Project(f"P {EVIL}", scenarios=[s])


def test_plain_is_literal(qapp):
    for text in (EVIL, f"Name: {EVIL}", "a & b", "x\n<b>y</b>", "", "<h1 style='color:red'>Big</h1>\nline 2"):
        assert shown(plain(text)) == text
    assert plain("plain name") == "plain name"  # nothing changes for ordinary names


def test_prompter_boxes_are_plain_text(qtbot, monkeypatch):
    from ecodesk.ui.dialogs.prompter import DialogPrompter

    w = open_window(qtbot, hostile_project(), show_panel=False)
    seen = []
    def informative(box):
        label = box.findChild(QLabel, "qt_msgbox_informativelabel")
        return "" if label is None else label.text() if label.textFormat() == Qt.TextFormat.PlainText else "RICH"

    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(
        (box.textFormat(), box.text(), informative(box))) or 0)
    p = DialogPrompter(w)
    p.error("t", f"Cannot open “{EVIL}”")
    p.warning("t", EVIL)
    p.information("t", EVIL)
    p.problems("t", EVIL, [f"entities.csv: {EVIL}", "two"])
    p.save_changes(EVIL)
    p.save_failed(EVIL, True)
    p.already_open(EVIL)
    assert all(fmt == Qt.TextFormat.PlainText for fmt, _t, _i in seen) and len(seen) == 7
    assert seen[0][1] == f"Cannot open “{EVIL}”"
    assert seen[3][2] == f"• entities.csv: {EVIL}\n• two"
    labels = []
    from PySide6.QtWidgets import QInputDialog
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda parent, title, label, **k: labels.append(label)
                                                                or ("", False)))
    p.text("Rename", f"New name for {EVIL}:")
    assert shown(labels[0]) == f"New name for {EVIL}:"


def test_inspector_header_canvas_and_table_tooltips(qtbot):
    w = open_window(qtbot, hostile_project(), show_panel=False)
    w.document.set_selection(["b"])
    qtbot.waitUntil(lambda: EVIL in w.inspector.title.text())
    assert w.inspector.title.textFormat() == Qt.TextFormat.PlainText
    scene = w.canvas.scene()
    item = scene.flow_items["f1"]
    item.hoverEnterEvent(None)
    tip = item.toolTip()
    assert EVIL in shown(tip) and "<img" not in tip.replace("&lt;img", "")


def test_result_table_and_card_tooltips(qtbot):
    from ecodesk.ui.panels.overview_tab import CardData, CardWidget
    from ecodesk.ui.panels.tables import Column, ResultTableModel

    model = ResultTableModel([Column("name", "Partner")])
    model.set_rows([{"name": EVIL, "_tip": f"Consumers: {EVIL}"}])
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert shown(tip) == f"Consumers: {EVIL}" and "<img" not in tip
    card = CardWidget("k")
    qtbot.addWidget(card)
    card.show_data(CardData("k", f"T {EVIL}", "1", sub=EVIL, tip=f"Weakest: {EVIL}"))
    assert shown(card.toolTip()) == f"Weakest: {EVIL}"


def test_chart_title_and_hover_are_text(qtbot):
    from ecodesk.ui.panels.charts import ChartWidget

    chart = ChartWidget("c")
    qtbot.addWidget(chart)
    chart.reset(title=f"Without {EVIL}", x_label=EVIL, y_label="y")
    assert "&lt;b&gt;X&lt;/b&gt;&lt;img" in chart.item.titleLabel.text  # pyqtgraph labels are HTML
    assert "<img" not in chart.item.titleLabel.text
    assert chart.note.textFormat() == Qt.TextFormat.PlainText


def _columns(model) -> int:
    try:
        return model.columnCount()
    except TypeError:
        return 1


def test_no_widget_of_the_window_renders_a_name_as_markup(qtbot):
    """A sweep over the whole window with every analysis tab shown: no label, tooltip or item
    tooltip that holds the hostile name would be drawn as rich text."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView, QWidget

    from ecodesk.model import Capability, Pool
    from tests.ui.panel_helpers import wait_current

    project = hostile_project()
    s = project.scenarios[0]
    s.add(Capability("c", f"Cap {EVIL}", "data", "b", fixed_cost=1000, unit_cost=1))
    s.add(Pool("p", f"Pool {EVIL}", "cost", 1000, ("a", "b"), "proportional"))
    w = open_window(qtbot, project, size=(1600, 1000))
    wait_current(qtbot, w.analysis_panel)
    w.document.set_selection(["b"])
    labels = tips = 0
    for key in ("overview", "reuse", "cost", "resilience"):
        w.analysis_panel.show_tab(key)
        qtbot.wait(20)
        for wd in w.findChildren(QWidget):
            if isinstance(wd, QLabel) and "<b>X" in wd.text():
                labels += 1
                assert wd.textFormat() == Qt.TextFormat.PlainText or shown(wd.text()) == wd.text(), wd.text()
            if "X" in wd.toolTip() and "<b>" in wd.toolTip():
                tips += 1
                assert EVIL in shown(wd.toolTip()), wd.toolTip()
            if isinstance(wd, QAbstractItemView) and wd.model() is not None:
                m = wd.model()
                for r in range(min(m.rowCount(QModelIndex()), 50)):
                    for c in range(_columns(m)):
                        t = m.data(m.index(r, c), Qt.ItemDataRole.ToolTipRole)
                        if isinstance(t, str) and "X" in t:
                            tips += 1
                            assert "<b>X</b>" in shown(t), t
    assert labels >= 3 and tips >= 1  # the inspector header, cards, table tooltips … were looked at
