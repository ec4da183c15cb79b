"""The document controller without a window: open, save, save as, new, close, scenarios,
insertion, import and start-up — every question answered by a scripted prompter."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecodesk.commands import MoveEntities
from ecodesk.io.jsonio import export_json
from ecodesk.store import ProjectFile, ProjectFileError, open_project, write_project_atomic
from ecodesk.ui.controller import DocumentController, blank_document, start_document
from ecodesk.ui.document import Document
from ecodesk.ui.settings import Settings
from tests.ui.mw_helpers import sample_project


class FakePrompter:
    """Answers from ``answers`` (method name → list of answers, first first) and records
    every question as (method, *arguments)."""

    def __init__(self, **answers):
        self.answers = {k: list(v) for k, v in answers.items()}
        self.asked: list[tuple] = []

    def _answer(self, name, *args, default=None):
        self.asked.append((name, *args))
        queue = self.answers.get(name)
        return queue.pop(0) if queue else default

    def open_path(self, title, start, filters):
        return self._answer("open_path", title, filters, default=("", ""))

    def save_path(self, title, start, filters, selected=""):
        return self._answer("save_path", title, filters, default=("", ""))

    def folder(self, title, start):
        return self._answer("folder", title, default="")

    def text(self, title, label, text=""):
        return self._answer("text", title, text)

    def save_changes(self, title):
        return self._answer("save_changes", title, default="cancel")

    def save_failed(self, text, offer_save_as):
        return self._answer("save_failed", text, offer_save_as, default=False)

    def already_open(self, name):
        return self._answer("already_open", name, default="cancel")

    def error(self, title, text):
        self._answer("error", title, text)

    def warning(self, title, text):
        self._answer("warning", title, text)

    def information(self, title, text):
        self._answer("information", title, text)

    def problems(self, title, text, lines):
        self._answer("problems", title, text, lines)

    def template(self):
        return self._answer("template")

    def image_options(self, fmt, selected, natural_size, scale):
        return self._answer("image_options", fmt)


@pytest.fixture
def saved_file(tmp_path):
    path = tmp_path / "plan.ecodesk"
    write_project_atomic(sample_project(), path)
    return path


def make(document=None, **answers):
    prompter = FakePrompter(**answers)
    ctl = DocumentController(document or Document(sample_project()), Settings(), prompter)
    messages: list[str] = []
    ctl.status_message.connect(lambda text, ms: messages.append(text))
    return ctl, prompter, messages


def _move(doc, x=42.0):
    doc.push(MoveEntities(doc.scenario, {"e1": (x, x)}))


def test_open_then_save_writes_only_the_change_and_reopens_equal(saved_file):
    ctl, prompter, messages = make()
    shown = []
    ctl.document_changed.connect(shown.append)
    assert ctl.open_file(saved_file)
    doc = ctl.document
    assert shown == [doc] and doc.path == saved_file and messages[-1] == "Opened “plan.ecodesk”"
    assert ctl.settings.recent_files()[0] == str(saved_file.resolve())
    _move(doc, 7.0)
    assert ctl.save()
    assert not doc.modified and not doc.file.last_save.full_rewrite
    assert open_project(saved_file).scenario("网络生态 2.0").entities["e1"].x == 7.0
    assert prompter.asked == []  # nothing had to be asked


def test_unsaved_changes_are_asked_about_and_cancel_keeps_everything(saved_file):
    ctl, prompter, _ = make(save_changes=["cancel", "discard"])
    before = ctl.document
    _move(before)
    assert not ctl.new_blank()
    assert ctl.document is before and prompter.asked == [("save_changes", "互供生态示例")]
    assert ctl.open_file(saved_file)  # the second answer: discard
    assert ctl.document is not before and ctl.document.path == saved_file


def test_answer_save_saves_first_through_save_as(tmp_path):
    target = tmp_path / "kept"
    ctl, prompter, _ = make(save_changes=["save"], save_path=[(str(target), "")])
    _move(ctl.document, 3.0)
    assert ctl.close_project()
    assert [q[0] for q in prompter.asked] == ["save_changes", "save_path"]  # untitled: Save asks where
    assert ctl.document.path is None and len(ctl.document.scenario.entities) == 0
    assert open_project(tmp_path / "kept.ecodesk").scenario("网络生态 2.0").entities["e1"].x == 3.0


def test_a_damaged_file_is_refused_with_the_store_sentence(tmp_path):
    bad = tmp_path / "bad.ecodesk"
    bad.write_bytes(b"not a database")
    ctl, prompter, _ = make()
    before = ctl.document
    assert not ctl.open_file(bad)
    with pytest.raises(ProjectFileError) as err:
        ProjectFile.open(bad)
    assert prompter.asked == [("error", "Cannot open “bad.ecodesk”", str(err.value))]
    assert ctl.document is before


def test_a_failed_save_keeps_the_project_modified_and_offers_save_as(saved_file, tmp_path, monkeypatch):
    rescue = tmp_path / "rescue.ecodesk"
    ctl, prompter, _ = make(save_failed=[True], save_path=[(str(rescue), "")])
    ctl.open_file(saved_file)
    _move(ctl.document)
    monkeypatch.setattr(ProjectFile, "save", lambda self: (_ for _ in ()).throw(
        ProjectFileError(saved_file, "write_failed", "could not be written: the disk is full")))
    assert ctl.save()
    name, text, offered = prompter.asked[0]
    assert name == "save_failed" and "the disk is full" in text and offered is True
    assert ctl.document.path == rescue and not ctl.document.modified


def test_open_recent_of_a_vanished_file_removes_it(tmp_path):
    ctl, prompter, _ = make()
    gone = str(tmp_path / "gone.ecodesk")
    ctl.settings.set_recent_files([gone])
    assert not ctl.open_recent(gone)
    assert prompter.asked[0][:2] == ("warning", "File not found")
    assert ctl.settings.recent_files() == []


def test_scenario_operations_are_undoable_commands():
    ctl, prompter, _ = make(text=["与银行结盟", "网络生态 3.0"])
    doc, ops = ctl.document, ctl.scenarios
    assert ops.new()
    assert doc.project.scenario_names() == ["网络生态 2.0", "与银行结盟", "线性供应链 1.0"]
    assert doc.scenario.name == "与银行结盟" and prompter.asked[0] == ("text", "New Scenario", "Scenario")
    ops.step(-1)
    assert ops.rename()
    assert doc.scenario.name == "网络生态 3.0"
    assert ops.duplicate() and doc.scenario.name == "网络生态 3.0 (copy)"
    assert ops.delete() and "网络生态 3.0 (copy)" not in doc.project.scenario_names()
    for _ in range(4):
        ctl.undo()
    assert doc.project.scenario_names() == ["网络生态 2.0", "线性供应链 1.0"]


def test_scenario_refusals_show_the_model_sentence_and_change_nothing():
    ctl, prompter, _ = make(text=[None])
    doc = ctl.document
    assert not ctl.scenarios.new()  # cancelled: not even an error
    assert prompter.asked == [("text", "New Scenario", "Scenario")]
    assert not ctl.scenarios.rename("线性供应链 1.0")
    title, text = prompter.asked[-1][1:]
    assert title == "Scenario not changed" and "already the name of another scenario" in text
    assert doc.project.scenario_names() == ["网络生态 2.0", "线性供应链 1.0"] and len(doc.history) == 0


def test_new_from_current_suggests_a_variant_name():
    ctl, prompter, _ = make(text=["方案 B"])
    assert ctl.scenarios.new_from_current()
    assert prompter.asked[0][2] == "网络生态 2.0 – variant"
    assert ctl.document.scenario.name == "方案 B" and len(ctl.document.scenario.entities) == 7


def test_insert_object_selects_it_and_tells_the_window():
    ctl, _, messages = make()
    inserted = []
    ctl.object_inserted.connect(lambda obj_id, what: inserted.append((obj_id, what)))
    doc = ctl.document
    doc.set_selection(["e2", "e4"])
    flow_id = ctl.insert_object("flow")
    flow = doc.scenario.flows[flow_id]
    assert (flow.source, flow.target) == ("e2", "e4") and doc.selection == [flow_id]
    assert inserted == [(flow_id, "flow")]
    empty, _, messages = make(blank_document())
    assert empty.insert_object("flow") is None  # no entities to join: the engine's sentence
    assert messages and len(empty.document.history) == 0


def test_import_makes_a_new_unsaved_document(tmp_path):
    src = tmp_path / "in.json"
    export_json(sample_project(), src)
    ctl, _, messages = make(blank_document())
    assert ctl.transfer.import_path(src)
    doc = ctl.document
    assert doc.path is None and doc.modified and doc.project.content_equals(sample_project())
    assert "in.json" in messages[-1]


def test_a_bad_import_lists_the_reasons_and_keeps_the_project(tmp_path):
    src = tmp_path / "bad.json"
    src.write_text('{"format": "ecodesk", "version": 1, "entities": [{"id": "a", "risk": 7}]}', encoding="utf-8")
    ctl, prompter, _ = make()
    before = ctl.document
    assert not ctl.transfer.import_path(src)
    name, title, text, lines = prompter.asked[-1]
    assert name == "problems" and "bad.json" in title and "Nothing was imported" in text
    assert any("risk" in line for line in lines) and ctl.document is before


def test_start_document_opens_the_file_given_then_the_recent_one_then_a_blank(saved_file, tmp_path):
    settings = Settings()
    doc, failed, _ = start_document(settings, [str(saved_file)])
    assert doc.path == saved_file and failed == []
    doc.close_file()
    doc, failed, _ = start_document(settings, [])  # the most recent project
    assert doc.path == saved_file.resolve()
    doc.close_file()
    bad = tmp_path / "bad.ecodesk"
    bad.write_bytes(b"junk")
    doc, failed, _ = start_document(settings, [str(bad)])
    assert doc.path is None and len(doc.scenario.entities) == 0
    assert [Path(f[0]).name for f in failed] == ["bad.ecodesk"] and failed[0][1]


def test_open_and_save_as_dialogs_offer_the_registry_formats(saved_file, tmp_path):
    from ecodesk.io.formats import get_format

    ctl, prompter, _ = make(open_path=[(str(saved_file), "")], save_path=[(str(tmp_path / "copy"), "")])
    assert ctl.open_dialog() and ctl.document.path == saved_file
    name, title, filters = prompter.asked[0]
    assert (name, title) == ("open_path", "Open Project")
    assert filters.split(";;") == [get_format("ecodesk").filter("en"), get_format("json").filter("en"), "All files (*)"]
    assert ctl.save_as()
    assert prompter.asked[1][1:] == ("Save Project As", "ecodesk projects (*.ecodesk)")
    assert ctl.document.path == tmp_path / "copy.ecodesk"


def test_export_through_the_prompter_writes_data_and_pictures_without_a_window(tmp_path):
    from ecodesk.io import import_file
    from ecodesk.io.formats import get_format
    from ecodesk.ui.dialogs.image_export import ImageOptions

    ctl, prompter, messages = make(save_path=[(str(tmp_path / "data"), get_format("json").filter("en")),
                                              (str(tmp_path / "map.png"), "")],
                                   image_options=[ImageOptions(scale=1.0)])
    assert ctl.transfer.export_dialog()
    assert import_file(tmp_path / "data.json").content_equals(ctl.document.project)  # the suffix was added
    assert messages[-1] == "Exported to “data.json”"
    assert ctl.transfer.export_dialog(("png", "svg", "pdf"))
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [q[:2] for q in prompter.asked] == [("save_path", "Export"), ("save_path", "Export Picture"),
                                               ("image_options", "png")]
    assert ctl.settings.last_folder("export") == str(tmp_path)


def test_a_file_open_in_another_window_is_told_at_open_with_a_copy_offered(saved_file):
    from tests.store.test_open_marks import start_holder, stop_holder

    proc = start_holder(saved_file)  # another ecodesk process has it open
    try:
        ctl, prompter, messages = make(already_open=["cancel", "copy", "open"])
        before = ctl.document
        assert not ctl.open_file(saved_file)  # cancel: nothing changes
        assert prompter.asked == [("already_open", "plan.ecodesk")] and ctl.document is before
        # a copy: the same project, untitled, saved to a new file; the other window keeps the file
        assert ctl.open_file(saved_file, ask=False)
        copy = ctl.document
        assert copy.path is None and copy.file is None
        on_disk = open_project(saved_file).scenarios
        assert len(copy.project.scenarios) == len(on_disk) >= 1
        assert all(a.content_equals(b) for a, b in zip(copy.project.scenarios, on_disk, strict=True))
        assert messages[-1] == "A copy of “plan.ecodesk” — your changes are saved to a new file"
        # anyway: opened, with the warning that only one of the two windows can save it
        assert ctl.open_file(saved_file, ask=False)
        assert ctl.document.path == saved_file
        assert messages[-1] == ("“plan.ecodesk” is also open in another ecodesk window: once one window saves it, "
                                "the other cannot save it (except under another name).")
        # at start-up (a double-click in the file manager) the window's first message says so
        doc, failed, message = start_document(Settings(), [str(saved_file)])
        assert failed == [] and doc.path == saved_file and message == messages[-1]
        doc.close_file()
    finally:
        stop_holder(proc)
    ctl, prompter, messages = make()
    assert ctl.open_file(saved_file) and prompter.asked == []  # closed there: no question
    assert messages[-1] == "Opened “plan.ecodesk”"


@pytest.mark.parametrize("click, answer", [("Open a Copy", "copy"), ("Open Anyway", "open"), (None, "cancel")])
def test_the_window_asks_about_a_file_open_elsewhere_in_one_message(boxes, click, answer):
    from ecodesk.ui.dialogs.prompter import DialogPrompter

    boxes.click = click
    assert DialogPrompter(None).already_open("plan.ecodesk") == answer
    title, text, info = boxes.shown[-1]
    assert title == "Open in another window" and text == "“plan.ecodesk” is already open in another ecodesk window."
    assert info.startswith("Only one window can save it: once one saves, the other's save is refused")
