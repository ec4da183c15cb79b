"""The table import dialog (File ▸ Import of another tool's node/edge tables): guessed roles
shown above the preview, live counts and problems, a role changed by mouse or keyboard,
remembered mappings, refusals that name file/row/column, cancel that imports nothing — driven
through the document controller with a scripted prompter that opens the real dialog."""

from __future__ import annotations

import copy
import csv
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ecodesk.io.foreigntables import header_key
from ecodesk.ui.controller import DocumentController
from ecodesk.ui.dialogs.table_import import TableImportDialog
from ecodesk.ui.document import Document
from ecodesk.ui.settings import Settings
from tests.ui.mw_helpers import sample_project
from tests.ui.test_controller import FakePrompter


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture
def gephi(tmp_path):
    """A node table and an edge table as Gephi's data laboratory exports them (one self-loop)."""
    nodes = write_csv(tmp_path / "nodes.csv", [
        ["Id", "Label", "timeset", "modularity_class"],
        ["n1", "Harbour Logistics", "", "0"], ["n2", "Cold Store", "", "1"],
        ["n3", "Fresh Market", "", "1"], ["n4", "Bakery", "", "0"]])
    edges = write_csv(tmp_path / "edges.csv", [
        ["Source", "Target", "Type", "Id", "Label", "timeset", "Weight"],
        ["n1", "n2", "Directed", "0", "", "", "3.0"], ["n2", "n3", "Directed", "1", "", "", "2.5"],
        ["n3", "n3", "Directed", "2", "", "", "1.0"], ["n1", "n4", "Directed", "3", "", "", "4.0"],
        ["n4", "n3", "Directed", "4", "", "", "1.0"]])
    return nodes, edges


@pytest.fixture
def workbook(tmp_path):
    """A planner's Chinese workbook: 节点 and 关系 sheets."""
    path = tmp_path / "园区.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "节点"
    ws.append(["ID", "名称", "行业", "联系人"])
    for row in (["a", "港口物流", "物流", "王"], ["b", "冷库", "仓储", "李"], ["c", "生鲜市场", "零售", "张"]):
        ws.append(row)
    rel = wb.create_sheet("关系")
    rel.append(["source", "target", "weight", "说明"])
    for row in (["a", "b", 5, "月结"], ["b", "c", 3, "周结"]):
        rel.append(row)
    wb.save(path)
    return path


class TablePrompter(FakePrompter):
    """Opens the real table import dialog; ``drive(dialog)`` plays the user (it clicks Import
    or Cancel, or leaves the dialog open = cancelled)."""

    def __init__(self, qtbot, drive=None, **answers):
        super().__init__(**answers)
        self.qtbot, self.drive, self.dialogs = qtbot, drive, []

    def table_import(self, path, settings):
        self.asked.append(("table_import", Path(path).name))
        dialog = TableImportDialog(path, settings)
        self.qtbot.addWidget(dialog)
        self.dialogs.append(dialog)
        dialog.show()
        if self.drive is not None:
            self.drive(dialog)
        return dialog.plan() if dialog.result() == QDialog.DialogCode.Accepted else None

    def confirm(self, title, text, lines, accept):
        return self._answer("confirm", title, text, lines, accept, default=False)


def make(qtbot, drive=None, **answers):
    prompter = TablePrompter(qtbot, drive, **answers)
    ctl = DocumentController(Document(sample_project()), Settings(), prompter)
    messages: list[str] = []
    ctl.status_message.connect(lambda text, ms: messages.append(text))
    return ctl, prompter, messages


def click_import(qtbot, dialog):
    assert dialog.import_button.isEnabled(), dialog.problems()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def shown_texts(preview):
    return {column: preview.role_combo(column).currentText() for column in preview.source.header}


def test_gephi_pair_shows_the_guess_and_imports_counts_and_names(qtbot, gephi):
    nodes, edges = gephi
    seen = {}

    def drive(dialog):
        assert dialog.previews["nodes"].source is None  # a CSV file is one table: the edges here
        assert dialog.set_table("nodes", str(nodes))
        seen["nodes"] = shown_texts(dialog.previews["nodes"])
        seen["edges"] = shown_texts(dialog.previews["edges"])
        seen["summary"] = dialog.summary.text()
        seen["tabs"] = [dialog.tabs.tabText(i) for i in range(2)]
        click_import(qtbot, dialog)

    ctl, _, messages = make(qtbot, drive)
    before = ctl.document
    assert ctl.transfer.import_path(edges)
    assert seen["nodes"] == {"Id": "Id", "Label": "Name", "timeset": "Keep in notes",
                             "modularity_class": "Keep in notes"}
    assert seen["edges"]["Source"] == "Source" and seen["edges"]["Target"] == "Target"
    assert seen["edges"]["Weight"] == "Volume"
    assert seen["summary"] == "Ready to import: 4 entities, 4 flows, 1 self-loop left out."
    assert seen["tabs"] == ["Nodes: nodes.csv", "Edges: edges.csv"]
    doc = ctl.document
    assert doc is not before and doc.modified and doc.path is None
    names = sorted(e.name for e in doc.scenario.entities.values())
    assert names == ["Bakery", "Cold Store", "Fresh Market", "Harbour Logistics"]
    flows = doc.scenario.flows.values()
    assert len(flows) == 4 and sorted(f.volume for f in flows) == [1.0, 2.5, 3.0, 4.0]
    assert messages[-1] == "Imported “edges.csv” — save it as a project file to keep it"
    assert ctl.settings.last_folder("import") == str(edges.parent)


def test_changing_a_role_updates_counts_problems_and_the_import(qtbot, gephi):
    nodes, edges = gephi
    steps = {}

    def drive(dialog):
        dialog.set_table("nodes", str(nodes))
        edge_view = dialog.previews["edges"]
        target = edge_view.role_combo("Target")
        target.setCurrentIndex(target.findData("skip"))  # as a click in the combo box does
        steps["no_target"] = (dialog.import_button.isEnabled(), dialog.problems(), dialog.summary.text())
        target.setCurrentIndex(target.findData("target"))
        steps["back"] = (dialog.import_button.isEnabled(), dialog.summary.text())
        # the keyboard: arrows in the grid pick the column, the role box below sets its role
        node_view = dialog.previews["nodes"]
        dialog.tabs.setCurrentWidget(node_view)
        node_view.table.setFocus()
        node_view.table.setCurrentCell(1, 0)
        qtbot.keyClick(node_view.table, Qt.Key.Key_Right)  # to "Label"
        steps["label"] = node_view.column_label.text()
        node_view.column_role.setCurrentIndex(node_view.column_role.findData("skip"))
        node_view.column_role.activated.emit(node_view.column_role.currentIndex())
        steps["label_role"] = node_view.role_combo("Label").currentText()
        weight = edge_view.role_combo("Weight")
        weight.setCurrentIndex(weight.findData("skip"))
        steps["reset_enabled"] = dialog.reset_button.isEnabled()
        click_import(qtbot, dialog)

    ctl, _, _ = make(qtbot, drive)
    assert ctl.transfer.import_path(edges)
    enabled, problems, summary = steps["no_target"]
    assert not enabled and len(problems) >= 1
    assert any("edges.csv" in p for p in problems) and summary.startswith("Cannot import yet — ")
    assert steps["back"] == (True, "Ready to import: 4 entities, 4 flows, 1 self-loop left out.")
    assert steps["label"] == "&Role of column “Label”:"
    assert steps["label_role"] == "Leave out" and steps["reset_enabled"]
    entities = ctl.document.scenario.entities
    # the names were left out: the ids name the entities; the weights too: no volumes taken
    assert "Harbour Logistics" not in {e.name for e in entities.values()}
    assert all(f.volume != 3.0 for f in ctl.document.scenario.flows.values())


def test_the_mapping_is_remembered_per_header_set_and_reset_to_guess(qtbot, gephi):
    _, edges = gephi
    seen = []

    def choose(dialog):
        box = dialog.previews["edges"].role_combo("Type")
        seen.append((box.currentText(), dialog.previews["edges"].remembered.isVisible()))
        box.setCurrentIndex(box.findData("skip"))
        click_import(qtbot, dialog)

    ctl, prompter, _ = make(qtbot, choose, save_changes=["discard"])
    assert ctl.transfer.import_path(edges)
    # another file with the same columns remembers them
    other = write_csv(edges.parent / "edges_may.csv", [
        ["Source", "Target", "Type", "Id", "Label", "timeset", "Weight"], ["x", "y", "Directed", "0", "", "", "1"]])

    def look(dialog):
        box = dialog.previews["edges"].role_combo("Type")
        seen.append((box.currentText(), dialog.previews["edges"].remembered.isVisible(),
                     dialog.reset_button.isEnabled()))
        dialog.reset_to_guess()
        seen.append((box.currentText(), dialog.previews["edges"].remembered.isVisible(),
                     dialog.reset_button.isEnabled()))
        click_import(qtbot, dialog)  # importing with the guess forgets the remembered roles

    prompter.drive = look
    assert ctl.transfer.import_path(other, "csv")
    prompter.drive = lambda dialog: seen.append(dialog.previews["edges"].role_combo("Type").currentText())
    assert not ctl.transfer.import_path(other)  # left open = cancelled
    assert seen == [("Kind", False), ("Leave out", True, True), ("Kind", False, False), "Kind"]


def test_a_bad_row_is_named_by_file_row_and_column_and_blocks_import(qtbot, tmp_path):
    edges = write_csv(tmp_path / "deliveries.csv", [
        ["from", "to", "weight"], ["a", "b", "2"], ["b", "c", "lots"], ["c", "a", "1"]])
    seen = {}

    def drive(dialog):
        seen["problems"] = dialog.problems()
        seen["listed"] = [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]
        seen["enabled"] = dialog.import_button.isEnabled()
        dialog.accept()  # Enter or a stray call does not get past the check
        seen["result"] = dialog.result()
        weight = dialog.previews["edges"].role_combo("weight")
        weight.setCurrentIndex(weight.findData("note"))  # keep the text in the notes instead
        seen["after"] = (dialog.problems(), dialog.import_button.isEnabled(), dialog.problem_list.isVisible())
        dialog.reject()

    ctl, _, _ = make(qtbot, drive)
    before = ctl.document
    assert not ctl.transfer.import_path(edges)
    assert len(seen["problems"]) == 1 and seen["listed"] == seen["problems"]
    problem = seen["problems"][0]
    assert "deliveries.csv" in problem and "3" in problem and "weight" in problem and "lots" in problem
    assert seen["enabled"] is False and seen["result"] == QDialog.DialogCode.Rejected
    assert seen["after"] == ([], True, False)
    assert ctl.document is before and not before.modified


def test_cancel_imports_nothing_and_leaves_the_project_as_it_was(qtbot, gephi):
    _, edges = gephi
    ctl, prompter, messages = make(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    before = ctl.document
    snapshot = copy.deepcopy(before.project)
    assert not ctl.transfer.import_path(edges)
    assert ctl.document is before and before.project.content_equals(snapshot)
    assert not before.modified and messages == []
    assert [q[0] for q in prompter.asked] == ["table_import"]  # no save question, no error
    header = ("Source", "Target", "Type", "Id", "Label", "timeset", "Weight")
    assert ctl.settings.table_mapping(header_key(header, "edges")) is None


def test_chinese_workbook_fills_both_tables_and_imports_chinese_names(qtbot, workbook):
    from ecodesk.ui.i18n import install_language

    install_language("zh")
    seen = {}

    def drive(dialog):
        seen["sheets"] = (dialog.sheet_boxes["nodes"].currentText(), dialog.sheet_boxes["edges"].currentText(),
                          dialog.sheet_boxes["nodes"].isVisibleTo(dialog))
        seen["roles"] = {c: dialog.previews["nodes"].role_combo(c).currentData()
                         for c in dialog.previews["nodes"].source.header}
        seen["edge_roles"] = {c: dialog.previews["edges"].role_combo(c).currentData()
                              for c in dialog.previews["edges"].source.header}
        seen["counts"] = dict(dialog.check.counts)
        seen["summary"] = dialog.summary.text()
        click_import(qtbot, dialog)

    ctl, _, _ = make(qtbot, drive)
    assert ctl.transfer.import_path(workbook)
    assert seen["sheets"] == ("节点", "关系", True)
    assert seen["roles"]["ID"] == "id" and seen["roles"]["名称"] == "name" and seen["roles"]["联系人"] == "note"
    assert seen["edge_roles"] == {"source": "source", "target": "target", "weight": "volume", "说明": "notes"}
    assert seen["counts"]["entities"] == 3 and seen["counts"]["flows"] == 2
    assert "3 个主体" in seen["summary"]
    doc = ctl.document
    assert sorted(e.name for e in doc.scenario.entities.values()) == sorted(["港口物流", "冷库", "生鲜市场"])
    assert sorted(f.volume for f in doc.scenario.flows.values()) == [3.0, 5.0]


def test_a_sheet_chosen_by_hand_and_a_cleared_table(qtbot, workbook):
    seen = {}

    def drive(dialog):
        box = dialog.sheet_boxes["nodes"]
        box.setCurrentIndex(box.findText("关系"))
        box.activated.emit(box.currentIndex())  # the user picks the edge sheet as nodes: roles follow
        seen["nodes_header"] = dialog.previews["nodes"].source.header
        dialog.clear["nodes"].click()
        seen["after_clear"] = (dialog.previews["nodes"].source, dialog.file_labels["nodes"].text(),
                               dialog.import_button.isEnabled(), dialog.tabs.tabText(0))
        dialog.clear["edges"].click()
        seen["nothing"] = (dialog.import_button.isEnabled(), dialog.summary.text())
        dialog.reject()

    ctl, _, _ = make(qtbot, drive)
    assert not ctl.transfer.import_path(workbook)
    assert seen["nodes_header"] == ("source", "target", "weight", "说明")
    assert seen["after_clear"] == (None, "(none)", True, "Nodes (none)")
    assert seen["nothing"][0] is False and seen["nothing"][1].startswith("Choose a node table or an edge table")


def test_columns_nobody_recognises_are_given_roles_by_hand(qtbot, tmp_path):
    pairs = write_csv(tmp_path / "合作.csv", [["甲方", "乙方", "金额"], ["星河", "云途", "12"], ["云途", "优选", "8"]])
    seen = {}

    def drive(dialog):
        view = dialog.previews["edges"]  # two columns or more: taken for an edge list
        seen["start"] = (dialog.previews["nodes"].source, set(view.mapping.values()), dialog.import_button.isEnabled())
        for column, role in (("甲方", "source"), ("乙方", "target"), ("金额", "volume")):
            view.set_role(column, role)
        seen["ready"] = dialog.summary.text()
        click_import(qtbot, dialog)

    ctl, _, _ = make(qtbot, drive)
    assert ctl.transfer.import_path(pairs)
    assert seen["start"][0] is None and seen["start"][2] is False
    assert seen["ready"] == "Ready to import: 3 entities, 2 flows."
    assert sorted(e.name for e in ctl.document.scenario.entities.values()) == ["云途", "优选", "星河"]


def test_own_csv_tables_and_workbooks_import_directly_without_the_dialog(qtbot, tmp_path):
    from ecodesk.io.csvio import export_csv
    from ecodesk.io.xlsxio import export_xlsx

    export_csv(sample_project(), tmp_path / "own")
    export_xlsx(sample_project(), tmp_path / "own.xlsx")
    ctl, prompter, _ = make(qtbot, save_changes=["discard"])
    assert ctl.transfer.import_path(tmp_path / "own" / "entities.csv")
    assert len(ctl.document.scenario.entities) == len(sample_project().scenarios[0].entities)
    assert ctl.transfer.import_path(tmp_path / "own.xlsx")
    assert ctl.document.project.content_equals(sample_project())
    assert "table_import" not in [q[0] for q in prompter.asked]


def test_import_remarks_are_shown_once_in_the_users_language(qtbot, tmp_path, monkeypatch):
    import ecodesk.io as io
    from ecodesk.ui.i18n import install_language

    def fake_import(path, fmt=None):
        project = sample_project()
        project.import_remarks = [("The graph is undirected.", "该图是无向图。"),
                                  ("Laid out 4 entities (layered).", "已自动布局 4 个主体（分层）。")]
        return project

    monkeypatch.setattr(io, "import_file", fake_import)
    ctl, prompter, _ = make(qtbot, save_changes=["discard", "discard"])
    assert ctl.transfer.import_path(tmp_path / "g.graphml")
    shown = [q for q in prompter.asked if q[0] == "information"]
    assert shown == [("information", "Imported “g.graphml”",
                      "Please note:\n\n• The graph is undirected.\n• Laid out 4 entities (layered).")]
    install_language("zh")
    prompter.asked.clear()
    assert ctl.transfer.import_path(tmp_path / "g.graphml")
    info = [q for q in prompter.asked if q[0] == "information"]
    assert len(info) == 1 and "• 该图是无向图。\n• 已自动布局 4 个主体（分层）。" in info[0][2]
    monkeypatch.setattr(io, "import_file", lambda path, fmt=None: sample_project())
    prompter.asked.clear()
    assert ctl.transfer.import_path(tmp_path / "g.graphml")
    assert [q for q in prompter.asked if q[0] == "information"] == []  # no remarks, no message


def test_the_file_menu_opens_the_dialog_through_the_window(window, tmp_path, monkeypatch, gephi):
    from PySide6.QtWidgets import QFileDialog

    nodes, edges = gephi
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(nodes), "")))

    def run(dialog):
        assert dialog.parent() is window
        dialog.set_table("edges", str(edges))
        return QDialog.DialogCode.Accepted if dialog.import_button.isEnabled() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(TableImportDialog, "exec", run)
    action = window.actions.file_import_tables
    assert action in window.file_menu.actions() and action.text() == "Import Node and Edge Ta&bles…"
    action.trigger()
    doc = window.controller.document
    assert len(doc.scenario.entities) == 4 and len(doc.scenario.flows) == 4


def test_the_dialog_fits_a_small_laptop_screen_in_both_languages(qtbot, gephi):
    from ecodesk.ui.i18n import install_language

    nodes, edges = gephi
    for lang in ("en", "zh"):
        install_language(lang)
        dialog = TableImportDialog(str(edges), Settings())
        qtbot.addWidget(dialog)
        dialog.set_table("nodes", str(nodes))
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 728 - 40, (lang, hint)


def test_an_export_that_loses_something_asks_once_and_cancel_writes_nothing(qtbot, tmp_path):
    from ecodesk.ui.i18n import install_language

    ctl, prompter, messages = make(qtbot, confirm=[False, True, True])
    dest = tmp_path / "map.json"
    assert not ctl.transfer.export_data_to(dest, "kumu")
    assert not dest.exists() and messages == []
    ((_, title, text, lines, accept),) = [q for q in prompter.asked if q[0] == "confirm"]
    assert (title, text, accept) == ("Export as Kumu JSON", "Kumu JSON cannot hold all of this project. Export anyway?",
                                     "Export &Anyway")
    assert lines[0] == "Kumu has no place for sharing arrangements: the 1 pool (平台建设成本) is not written."
    assert ctl.transfer.export_data_to(dest, "kumu") and dest.exists()
    assert messages[-1].startswith("Exported scenario")
    install_language("zh")
    prompter.asked.clear()
    assert ctl.transfer.export_data_to(tmp_path / "again.json", "kumu")
    assert prompter.asked[0][3][0] == "Kumu 无法保存共享安排：1 个共享安排（平台建设成本）不会写入。"
    prompter.asked.clear()
    assert ctl.transfer.export_data_to(tmp_path / "full.graphml", "graphml")  # nothing lost: no question
    assert [q for q in prompter.asked if q[0] == "confirm"] == []


def test_a_big_table_is_checked_in_the_background_and_only_the_latest_roles_count(qtbot, tmp_path, monkeypatch):
    import ecodesk.ui.dialogs.table_import as table_import

    monkeypatch.setattr(table_import, "SYNC_ROWS", 3)
    monkeypatch.setattr(table_import, "HEAD_ROWS", 2)
    edges = write_csv(tmp_path / "big.csv", [["Source", "Target", "Weight"], ["a", "b", "1"], ["b", "c", "2"],
                                             ["c", "d", "3"], ["d", "a", "many"]])
    dialog = TableImportDialog(str(edges), Settings())
    qtbot.addWidget(dialog)
    # the first rows are fine; the whole table is still being checked: no import yet
    assert dialog.checking and dialog.summary.text() == "Checking all 4 rows…"
    assert dialog.problems() == [] and not dialog.import_button.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: not dialog.checking, timeout=30000)
    assert len(dialog.problems()) == 1 and "row 5" in dialog.problems()[0] and "Weight" in dialog.problems()[0]
    assert not dialog.import_button.isEnabled()
    view = dialog.previews["edges"]
    view.set_role("Weight", "skip")
    view.set_role("Target", "skip")  # changed again before the first check is back
    view.set_role("Target", "target")
    qtbot.waitUntil(lambda: not dialog.checking, timeout=30000)
    qtbot.wait(50)  # results of the superseded checks arrive and are dropped
    assert dialog.problems() == [] and dialog.summary.text() == "Ready to import: 4 entities, 4 flows."
    assert dialog.import_button.isEnabled()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_problem_tints_its_cell_and_leads_to_it(qtbot, tmp_path, lang):
    from ecodesk.ui.i18n import install_language

    install_language(lang)
    edges = write_csv(tmp_path / "deliveries.csv", [
        ["from", "to", "weight", "risk"], ["a", "b", "2", "0.1"], ["b", "c", "lots", "0.2"], ["c", "a", "1", "1.7"]])
    dialog = TableImportDialog(str(edges), Settings())
    qtbot.addWidget(dialog)
    view = dialog.previews["edges"]
    assert [dialog.locate(p) for p in dialog.problems()] == [("edges", 3, "weight"), ("edges", 4, "risk")]
    tinted = {(r + 1, view.source.header[c]) for r in range(1, view.table.rowCount())
              for c in range(view.table.columnCount()) if view.table.item(r, c).background().style() != Qt.NoBrush}
    assert tinted == {(3, "weight"), (4, "risk")}
    assert view.table.item(2, 2).toolTip() == dialog.problems()[0]  # file row 3 is the grid's row 2
    dialog.show()
    dialog.problem_list.setCurrentRow(1)
    dialog.problem_list.itemActivated.emit(dialog.problem_list.item(1))
    assert (view.table.currentRow(), view.table.currentColumn()) == (3, 3)
    view.set_role("risk", "note")  # the problem goes, and its tint with it
    assert view.table.item(3, 3).background().style() == Qt.NoBrush
    assert dialog.summary.text().startswith("Cannot import yet — 1 problem." if lang == "en" else "暂时无法导入——1 个问题。")


def test_many_bad_rows_are_counted_in_full(qtbot, tmp_path):
    rows = [["from", "to", "weight"]] + [[f"a{i}", f"b{i}", "lots"] for i in range(30)]
    dialog = TableImportDialog(str(write_csv(tmp_path / "many.csv", rows)), Settings())
    qtbot.addWidget(dialog)
    assert dialog.problem_count() == 30 and dialog.problem_list.count() == len(dialog.problems())
    assert dialog.summary.text().startswith("Cannot import yet — 30 problems.")
    assert not dialog.import_button.isEnabled()


def test_the_keyboard_reaches_every_role(qtbot, gephi):
    _, edges = gephi
    dialog = TableImportDialog(str(edges), Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    view = dialog.previews["edges"]
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Right)  # the cursor to "Target"
    qtbot.keyClick(view.table, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Alt+R: its role
    assert dialog.focusWidget() is view.column_role
    qtbot.keyClick(view.column_role, Qt.Key.Key_Up)
    assert view.mapping["Target"] == "source" and view.role_combo("Target").currentText() == "Source"
    assert not dialog.import_button.isEnabled()  # two sources, no target: a problem
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)  # Tab leaves the grid for the role boxes above it
    assert dialog.focusWidget() is view.combos[0]


def test_opening_interchange_json_shows_its_import_remarks_too(qtbot, tmp_path, monkeypatch):
    import ecodesk.io as io

    def fake_import(path, fmt=None):
        project = sample_project()
        project.import_remarks = [("Laid out 9 entities (force).", "已自动布局 9 个主体（力导向）。")]
        return project

    (tmp_path / "plan.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(io, "import_file", fake_import)
    ctl, prompter, _ = make(qtbot)
    assert ctl.open_file(tmp_path / "plan.json")
    assert [q for q in prompter.asked if q[0] == "information"] == [
        ("information", "Imported “plan.json”", "Please note:\n\n• Laid out 9 entities (force).")]


def test_remembered_mappings_survive_odd_keys_and_ignore_damaged_values():
    settings = Settings()
    key = "edges:a/b\tc=d\t名称"  # any character a header may hold, "/" included
    settings.set_table_mapping(key, {"a/b": "source", "名称": "target"})
    assert Settings().table_mapping(key) == {"a/b": "source", "名称": "target"}
    assert settings.table_mapping("edges:other") is None
    settings._qs.setValue(next(k for k in settings._qs.allKeys() if k.startswith("import/")), "{not json")
    assert settings.table_mapping(key) is None  # a damaged value is as if nothing was remembered
    settings.set_table_mapping(key, None)
    assert not [k for k in settings._qs.allKeys() if k.startswith("import/")]
