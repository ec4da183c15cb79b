"""Screenshots of the table import dialog for people to look at (saved under the test's
tmp_path): a 13-inch laptop (1366×768) and a large screen, English and Chinese; and the window
after a Gephi pair was imported through it. They also check that nothing is cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog, QMessageBox

from ecodesk.ui.dialogs.table_import import TableImportDialog
from ecodesk.ui.i18n import install_language
from ecodesk.ui.settings import Settings

TABLES = Path(__file__).resolve().parents[1] / "io" / "fixtures" / "tables"


def _inside(widget, dialog) -> bool:
    top_left = widget.mapTo(dialog, QPoint(0, 0))
    return (top_left.x() >= 0 and top_left.y() >= 0 and top_left.x() + widget.width() <= dialog.width()
            and top_left.y() + widget.height() <= dialog.height())


@pytest.mark.parametrize(("lang", "size"), [("en", (1100, 655)), ("zh", (1100, 655)), ("zh", (1500, 950))])
def test_screenshot_of_the_dialog(qtbot, tmp_path, lang, size):
    install_language(lang)
    dialog = TableImportDialog(str(TABLES / "gephi_edges.csv"), Settings())
    qtbot.addWidget(dialog)
    dialog.set_table("nodes", str(TABLES / "gephi_nodes.csv"))
    dialog.resize(*size)  # 1100×655: what the dialog takes of a 1366×768 screen
    dialog.show()
    qtbot.waitExposed(dialog)
    path = tmp_path / f"table_import_{lang}_{size[0]}.png"
    assert dialog.grab().save(str(path)) and path.stat().st_size > 10_000
    for widget in (dialog.import_button, dialog.reset_button, dialog.summary, dialog.browse["edges"],
                   dialog.previews["nodes"].column_role):
        assert widget.isVisible() and _inside(widget, dialog), widget.objectName() or widget.text()
    for combo in dialog.previews["nodes"].combos:  # every role readable in full
        assert combo.width() >= combo.minimumSizeHint().width()
    print(f"screenshot: {path}")


def test_screenshot_of_the_window_after_an_import(window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or QMessageBox.StandardButton.Ok)

    def run(dialog):
        dialog.set_table("nodes", str(TABLES / "gephi_nodes.csv"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TableImportDialog, "exec", run)
    window.resize(1366, 768)
    monkeypatch.setattr(window.controller, "maybe_save", lambda: True)
    assert window.controller.transfer.import_path(TABLES / "gephi_edges.csv")
    qtbot.wait(50)
    window.canvas.fit_all()
    path = tmp_path / "after_table_import.png"
    assert window.grab().save(str(path))
    doc = window.controller.document
    assert len(doc.scenario.entities) == 6
    positions = {(e.x, e.y) for e in doc.scenario.entities.values()}
    assert len(positions) == 6  # laid out: no two at one place
    assert shown and "Laid out 6 entities" in shown[-1]  # the import remarks, once
    print(f"screenshot: {path}")
