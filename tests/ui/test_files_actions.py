"""File menu: new (blank, template), open, open recent (pruning), save (incremental), save
as, close with the unsaved-changes prompt, drop a file, errors from the store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from ecodesk.commands import MoveEntities
from ecodesk.io.jsonio import export_json
from ecodesk.store import ProjectFile, ProjectFileError, open_project, write_project_atomic
from ecodesk.ui.dialogs.templates import NewFromTemplateDialog
from ecodesk.ui.document import Document
from ecodesk.ui.mainwindow import MainWindow
from tests.ui.mw_helpers import sample_project

SB = QMessageBox.StandardButton


@pytest.fixture
def saved_file(tmp_path):
    path = tmp_path / "生态.ecodesk"
    write_project_atomic(sample_project(), path)
    return path


def _move(doc, x=42.0):
    doc.push(MoveEntities(doc.scenario, {"e1": (x, x)}))


def test_new_blank_asks_about_unsaved_changes(window, boxes):
    _move(window.document)
    boxes.answer = SB.Cancel
    window.actions.file_new.trigger()
    assert window.document.project.name == "互供生态示例"  # cancelled: nothing replaced
    assert boxes.shown[-1][0] == "Unsaved changes"
    boxes.answer = SB.Discard
    window.actions.file_new.trigger()
    doc = window.document
    assert doc.path is None and not doc.modified and len(doc.scenario.entities) == 0
    assert window.windowTitle() == "Untitled[*] — ecodesk"
    assert window.tables.page("entities").model.rowCount() == 0


def test_new_from_template_lists_titles_in_the_ui_language(window, tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "blank.json").write_text(Path("resources/templates/blank.json").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    data = {"format": "ecodesk", "version": 1, "template": {"title": "Alliance", "title_zh": "跨界联盟"},
            "project": {"name": "联盟"}, "name": "Base",
            "entities": [{"id": "a", "name": "甲"}, {"id": "b", "name": "乙"}],
            "flows": [{"id": "f", "source": "a", "target": "b", "kind": "goods", "volume": 3}]}
    (folder / "alliance.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr("ecodesk.templates.templates_dir", lambda: folder)
    dialog = NewFromTemplateDialog(window)
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == ["Blank project", "Alliance"]

    def pick(self):
        self.select("alliance")
        return 1

    monkeypatch.setattr(NewFromTemplateDialog, "exec", pick)
    window.actions.file_new_template.trigger()
    doc = window.document
    assert doc.project.name == "联盟" and doc.path is None
    assert doc.scenario.entities.ids() == ["a", "b"] and doc.scenario.flows["f"].volume == 3


def test_open_through_the_dialog_adds_to_recent_files(window, saved_file, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(saved_file), "")))
    window.actions.file_open.trigger()
    doc = window.document
    assert doc.path == saved_file and doc.file is not None
    assert window.windowTitle() == "互供生态示例[*] — ecodesk"
    assert window.settings.recent_files()[0] == str(saved_file.resolve())
    assert doc.project.content_equals(sample_project())


def test_save_is_incremental_and_reopening_gives_the_same_project(window, saved_file, qtbot):
    assert window.controller.open_file(saved_file)
    doc = window.document
    _move(doc, 77.0)
    doc.set_selection(["e2"])
    window.inspector.editors["name"].editor.setFocus()
    window.inspector.editors["name"].editor.selectAll()
    qtbot.keyClicks(window.inspector.editors["name"].editor, "Sensor Co")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not doc.modified
    assert doc.file.last_save is not None and not doc.file.last_save.full_rewrite
    reopened = open_project(saved_file)
    assert reopened.content_equals(doc.project)
    assert reopened.scenario("网络生态 2.0").entities["e2"].name == "Sensor Co"


def test_save_as_continues_in_the_new_file(window, saved_file, tmp_path, monkeypatch):
    window.controller.open_file(saved_file)
    target = tmp_path / "copy"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    _move(window.document)
    window.actions.file_save_as.trigger()
    doc = window.document
    assert doc.path == tmp_path / "copy.ecodesk" and not doc.modified
    assert open_project(doc.path).content_equals(doc.project)
    assert open_project(saved_file).scenario("网络生态 2.0").entities["e1"].x == 0.0  # the old one untouched
    _move(doc, 5.0)
    window.controller.save()
    assert open_project(doc.path).scenario("网络生态 2.0").entities["e1"].x == 5.0


def test_open_recent_prunes_missing_files_with_a_message(window, saved_file, tmp_path, boxes):
    gone = tmp_path / "gone.ecodesk"
    window.settings.set_recent_files([str(gone), str(saved_file)])
    window.recent_menu.aboutToShow.emit()
    assert window.settings.recent_files() == [str(saved_file)]
    assert "gone.ecodesk" in window.statusBar().currentMessage()
    entries = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.data() for a in entries] == [str(saved_file)]
    entries[0].trigger()
    assert window.document.path == saved_file
    saved_file.unlink()  # vanishes while listed
    window.settings.set_recent_files([str(saved_file)])
    assert not window.controller.open_recent(str(saved_file))
    assert boxes.shown[-1][0] == "File not found"
    assert window.settings.recent_files() == []


def test_damaged_file_is_refused_with_the_store_sentence(window, tmp_path, boxes):
    bad = tmp_path / "bad.ecodesk"
    bad.write_bytes(b"this is not a database at all")
    before = window.document
    assert not window.controller.open_file(bad)
    title, text, _ = boxes.shown[-1]
    assert title == "Cannot open “bad.ecodesk”"
    with pytest.raises(ProjectFileError) as err:
        ProjectFile.open(bad)
    assert text == str(err.value)
    assert window.document is before


def test_failed_save_keeps_the_document_modified_and_offers_save_as(window, saved_file, tmp_path, boxes,
                                                                    monkeypatch):
    window.controller.open_file(saved_file)
    doc = window.document
    _move(doc)

    def broken_save(self):
        raise ProjectFileError(saved_file, "write_failed", "could not be written: the disk is full",
                               "无法写入：磁盘已满")

    monkeypatch.setattr(ProjectFile, "save", broken_save)
    boxes.click = "Save As…"
    target = tmp_path / "rescued.ecodesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.controller.save()
    title, text, info = boxes.shown[0]
    assert title == "Cannot save" and "the disk is full" in text and "nothing was lost" in info
    assert doc.path == target and not doc.modified
    assert open_project(target).content_equals(doc.project)


def test_failed_save_cancelled_leaves_it_modified(window, saved_file, boxes, monkeypatch):
    window.controller.open_file(saved_file)
    _move(window.document)
    monkeypatch.setattr(ProjectFile, "save", lambda self: (_ for _ in ()).throw(
        ProjectFileError(saved_file, "write_failed", "could not be written")))
    boxes.answer = SB.Cancel
    assert not window.controller.save()
    assert window.document.modified and window.isWindowModified()


def test_close_and_quit_prompt_save_discard_cancel(window, saved_file, boxes, qtbot):
    window.controller.open_file(saved_file)
    _move(window.document, 11.0)
    boxes.answer = SB.Cancel
    window.actions.file_quit.trigger()
    assert window.isVisible()
    boxes.answer = SB.Save
    window.actions.file_close.trigger()  # saves, then shows a blank project
    assert window.document.path is None
    assert open_project(saved_file).scenario("网络生态 2.0").entities["e1"].x == 11.0
    window.controller.insert_object("entity")
    boxes.answer = SB.Discard
    window.actions.file_quit.trigger()
    assert not window.isVisible()


def _drop(target, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def test_dropping_a_project_file_opens_it(window, saved_file, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert not _drop(window, other)
    assert _drop(window, saved_file)
    assert window.document.path == saved_file


def test_dropping_a_project_file_on_the_canvas_reaches_the_window(window, saved_file):
    assert _drop(window.canvas.viewport(), saved_file)  # the canvas only takes palette drags
    assert window.document.path == saved_file


def test_dropping_json_imports_it_as_an_unsaved_project(window, tmp_path, boxes, monkeypatch):
    src = tmp_path / "export.json"
    export_json(sample_project(), src)
    assert _drop(window, src)
    doc = window.document
    assert doc.path is None and doc.modified and window.isWindowModified()
    assert doc.project.content_equals(sample_project())
    target = tmp_path / "imported.ecodesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.controller.save()  # no file yet: Save asks where
    assert doc.path == target and open_project(target).content_equals(doc.project)


def test_run_app_opens_the_command_line_file(qtbot, saved_file):
    from ecodesk.ui.app import build_window

    w = build_window([str(saved_file)])
    qtbot.addWidget(w)
    assert isinstance(w, MainWindow) and w.document.path == saved_file


def test_first_start_opens_a_sample_as_an_untitled_copy(qtbot, tmp_path, monkeypatch):
    from ecodesk.ui.app import build_window

    samples = tmp_path / "projects"
    samples.mkdir()
    write_project_atomic(sample_project(), samples / "sample.ecodesk")
    monkeypatch.setenv("ECODESK_PROJECTS", str(samples))
    w = build_window([])
    qtbot.addWidget(w)
    assert w.document.project.name == "互供生态示例" and w.document.path is None
    assert w.document.file is None  # the shipped sample is never written to


def test_start_reopens_the_most_recent_project(qtbot, saved_file):
    from ecodesk.ui.app import build_window
    from ecodesk.ui.settings import Settings

    Settings().add_recent_file(saved_file)
    w = build_window([])
    qtbot.addWidget(w)
    assert w.document.path == saved_file.resolve()


def test_blank_start_without_samples_or_recent_files(qtbot):
    from ecodesk.ui.app import build_window

    w = build_window([])
    qtbot.addWidget(w)
    assert w.document.path is None and len(w.document.scenario.entities) == 0
    assert isinstance(w.document, Document)


def test_an_imported_file_on_the_command_line_shows_its_import_remarks(qtbot, tmp_path, monkeypatch):
    """`ecodesk open plan.json` of a file without positions: the importer's remark (the layout it
    made) appears once the window is up, as after File → Import…"""
    import json

    from ecodesk.ui.app import build_window
    from ecodesk.ui.dialogs.prompter import DialogPrompter

    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format": "ecodesk", "version": 1, "entities": [
        {"id": "a", "name": "甲", "kind": "supplier"}, {"id": "b", "name": "乙", "kind": "platform"},
        {"id": "c", "name": "丙", "kind": "user", "demand": 1}],
        "flows": [{"id": "f1", "source": "a", "target": "b", "kind": "goods", "volume": 1},
                  {"id": "f2", "source": "b", "target": "c", "kind": "goods", "volume": 1}]}), encoding="utf-8")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(DialogPrompter, "information", lambda self, title, text: shown.append((title, text)))
    w = build_window([str(plan)])
    qtbot.addWidget(w)
    assert w.document.path is None and len(w.document.scenario.entities) == 3
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    title, text = shown[0]
    assert title == "Imported “plan.json”"
    assert "Laid out 3 entities (layered)" in text
