"""File → Merge Projects… through the dialog (issue 18 part 4): a three-way merge of two groups'
files with a conflict, a name match and a deleted-but-linked entity; Other chosen for one
conflict changes that field only; Merge is one undo step that gives back the project exactly;
refusals (different currency, the open file itself, a file that cannot be read) change nothing;
the canvas then shows what the merge changed."""

from __future__ import annotations

import pytest

from ecodesk.commands import remove_objects
from ecodesk.io import export_file
from ecodesk.io.merge import merge
from ecodesk.model import Entity, Flow, Project
from ecodesk.store import write_project_atomic
from ecodesk.ui.canvas.diff_overlay import canvas_changes, current_overlay
from ecodesk.ui.dialogs.merge import MergeDialog, show_merge_dialog
from ecodesk.ui.dialogs.merge_apply import project_copy
from ecodesk.ui.document import Document
from ecodesk.ui.mainwindow import MainWindow
from tests.ui.mw_helpers import sample_project

SCEN = "网络生态 2.0"


def _groups() -> tuple[Project, Project, Project]:
    """(ancestor, base = group A, other = group B)."""
    anc = sample_project()
    a, b = project_copy(anc), project_copy(anc)
    sa, sb = a.scenario(SCEN), b.scenario(SCEN)
    sa.replace(sa.entities["e1"].evolve(risk=0.3, notes="A's note"))  # both change e1's risk: a conflict
    sb.replace(sb.entities["e1"].evolve(risk=0.4))
    sb.replace(sb.flows["f1"].evolve(volume=1500))  # one side only: taken
    sa.add(Entity("b_lab", "科研院所", "research", x=-520, y=260))  # added by both: matched by name
    sb.add(Entity("o_lab", "科研院所", "research", x=-520, y=260))
    sb.add(Flow("fo", "o_lab", "e1", "data", volume=5))
    remove_objects(sa, [sa.entities["e7"]]).do()  # A deletes the bank (and its flow f6) …
    sb.add(Flow("f10", "e7", "e5", "credit", volume=1, unit_value=1000))  # … B links it anew: kept, a conflict
    remove_objects(sa, [sa.entities["e6"]]).do()  # A deletes the academy (and f7), B changes it: a conflict
    sb.replace(sb.entities["e6"].evolve(risk=0.2))
    return anc, a, b


@pytest.fixture
def files(tmp_path):
    anc, a, b = _groups()
    paths = {"anc": tmp_path / "start.ecodesk", "a": tmp_path / "group_a.ecodesk", "b": tmp_path / "group_b.json"}
    write_project_atomic(anc, paths["anc"])
    write_project_atomic(a, paths["a"])
    export_file(b, paths["b"])
    return paths


def open_window(qtbot, path) -> MainWindow:
    w = MainWindow(Document.load(path))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def run_dialog(qtbot, w, others, ancestor="", prefer="base") -> MergeDialog:
    d = show_merge_dialog(w)
    d.set_prefer(prefer)
    d.set_ancestor(str(ancestor) if ancestor else "")
    with qtbot.waitSignal(d.result_shown, timeout=20000):
        d.add_files([str(p) for p in others])
    return d


def wait_run(qtbot, d, action):
    with qtbot.waitSignal(d.result_shown, timeout=20000):
        action()


def test_three_way_merge_through_the_dialog(qtbot, files):
    w = open_window(qtbot, files["a"])
    doc = w.controller.document
    before = project_copy(doc.project)
    d = run_dialog(qtbot, w, [files["b"]], files["anc"])
    assert d.problem_sentences() == []
    assert d.merge_button.isEnabled()
    rows = {(r.key[1], r.key[2], r.key[3]): r for r in d.conflicts.rows}
    assert set(rows) == {("entities", "e1", "risk"), ("entities", "e7", "deleted"), ("entities", "e6", "deleted")}
    risk = rows[("entities", "e1", "risk")]
    assert (risk.scenario, risk.obj, risk.base, risk.other, risk.kept) == (SCEN, "云链平台 [e1]", "0.3", "0.4", "base")
    gone = rows[("entities", "e7", "deleted")]
    assert (gone.obj, gone.kept, gone.base, gone.other) == ("银行 [e7]", "other", "(deleted)", "still there")
    assert d.matches.pairs == [("科研院所 [b_lab]", "o_lab")]
    assert d.summary.text() == "Merging adds 2 flows; 1 entity matched by name; 3 conflicts to decide."
    assert d.tabs.tabText(0) == "Conflicts (3)" and d.tabs.tabText(1) == "Matched by Name (1)"
    assert doc.project.content_equals(before)  # nothing changes before Merge
    n = len(doc.history)
    d.merge_button.click()
    s = doc.project.scenario(SCEN)
    assert s.entities["e1"].risk == 0.3 and s.entities["e1"].notes == "A's note"  # conflict: base kept
    assert s.flows["f1"].volume == 1500  # B's one-sided change taken
    assert "o_lab" not in s.entities and s.flows["fo"].source == "b_lab"  # the name match's references follow
    assert "e7" in s.entities and s.flows["f10"].source == "e7" and "f6" not in s.flows  # kept: linked by B
    assert s.entities["e6"].risk == 0.2 and "f7" not in s.flows  # changed by B: kept (its old flow stays deleted)
    assert len(doc.history) == n + 1  # one undo step
    assert w.registry.all["edit_undo"].text().startswith("&Undo")
    overlay = current_overlay(w.canvas)
    assert overlay is not None
    assert overlay.counts() == canvas_changes(before.scenario(SCEN), s).counts() == {
        "added": 4, "removed": 0, "changed": 1}  # fo, f10, the bank and the academy brought back; f1 changed
    doc.undo()
    assert doc.project.content_equals(before)  # exactly as before, order included
    doc.redo()
    assert doc.project.scenario(SCEN).flows["f1"].volume == 1500


def test_choosing_other_for_one_conflict_changes_that_field_only(qtbot, files):
    w = open_window(qtbot, files["a"])
    doc = w.controller.document
    d = run_dialog(qtbot, w, [files["b"]], files["anc"])
    row = d.conflicts.row_of("entities", "e1", "risk")
    wait_run(qtbot, d, lambda: d.conflicts.choose(row, "other"))
    assert d.conflicts.kept(d.conflicts.row_of("entities", "e1", "risk")) == "other"
    assert d.merge_button.isEnabled()
    all_base, _ = merge(project_copy(doc.project), _groups()[2], _groups()[0])
    d.merge_button.click()
    merged = doc.project.scenario(SCEN)
    expected = all_base.scenario(SCEN)
    assert merged.entities["e1"] == expected.entities["e1"].evolve(risk=0.4)  # that field only
    for table in ("entities", "flows", "capabilities", "needs", "pools"):
        mine = {o.id: o for o in getattr(merged, table) if o.id != "e1"}
        theirs = {o.id: o for o in getattr(expected, table) if o.id != "e1"}
        assert mine == theirs, table


def test_all_other_and_prefer_other(qtbot, files):
    w = open_window(qtbot, files["a"])
    d = run_dialog(qtbot, w, [files["b"]], files["anc"])
    wait_run(qtbot, d, d.conflicts.all_other.click)
    assert d.conflicts.kept(d.conflicts.row_of("entities", "e1", "risk")) == "other"
    wait_run(qtbot, d, d.conflicts.all_base.click)
    assert d.conflicts.kept(d.conflicts.row_of("entities", "e1", "risk")) == "base"
    wait_run(qtbot, d, lambda: d.set_prefer("other"))
    assert d.conflicts.kept(d.conflicts.row_of("entities", "e1", "risk")) == "other"


def test_without_ancestor_every_difference_is_a_conflict(qtbot, files):
    w = open_window(qtbot, files["a"])
    d = run_dialog(qtbot, w, [files["b"]])
    fields = {(r.key[2], r.key[3]) for r in d.conflicts.rows}
    assert {("e1", "risk"), ("e1", "notes"), ("f1", "volume")} <= fields


def test_different_currency_is_refused_and_nothing_changes(qtbot, files, tmp_path):
    usd = _groups()[2]
    usd.set_meta(currency="USD")
    path = tmp_path / "usd.ecodesk"
    write_project_atomic(usd, path)
    w = open_window(qtbot, files["a"])
    doc = w.controller.document
    before = project_copy(doc.project)
    d = run_dialog(qtbot, w, [path], files["anc"])
    (sentence,) = d.problem_sentences()
    assert "different currencies (CNY and USD)" in sentence
    assert d.message.text() == sentence and d.message.isVisible()
    assert d.conflicts.note.text() == "" and d.conflicts.rows == []
    assert not d.merge_button.isEnabled()
    assert d.apply() is False
    assert doc.project.content_equals(before) and len(doc.history) == 0


def test_merging_the_open_file_with_itself_is_refused(qtbot, files):
    w = open_window(qtbot, files["a"])
    doc = w.controller.document
    before = project_copy(doc.project)
    d = show_merge_dialog(w)
    d.add_files([str(files["a"])])  # refused before anything is read
    assert d.problem_sentences() == [
        "“group_a.ecodesk” is the open project itself: merging a project with itself changes nothing."]
    assert not d.merge_button.isEnabled() and d.apply() is False
    assert doc.project.content_equals(before) and len(doc.history) == 0


def test_a_copy_with_the_same_content_and_an_unreadable_file_are_refused(qtbot, files, tmp_path):
    w = open_window(qtbot, files["a"])
    copy = tmp_path / "copy_of_a.json"
    export_file(w.controller.document.project, copy)
    d = run_dialog(qtbot, w, [copy])
    assert d.problem_sentences() == [
        "“copy_of_a.json” has the same content as the open project: merging it changes nothing."]
    bad = tmp_path / "broken.ecodesk"
    bad.write_bytes(b"not a database")
    d.paths.clear()
    wait_run(qtbot, d, lambda: d.add_files([str(bad)]))
    (sentence,) = d.problem_sentences()
    assert sentence.startswith("Cannot read “broken.ecodesk”: ")
    assert not d.merge_button.isEnabled()


def test_an_edit_meanwhile_works_the_merge_out_again(qtbot, files):
    w = open_window(qtbot, files["a"])
    doc = w.controller.document
    d = run_dialog(qtbot, w, [files["b"]], files["anc"])
    from ecodesk.commands import ChangeObject

    s = doc.scenario
    wait_run(qtbot, d, lambda: doc.push(ChangeObject(s, s.entities["e2"].evolve(risk=0.9))))
    d.merge_button.click()
    assert doc.project.scenario(SCEN).entities["e2"].risk == 0.9  # the edit is in the merge's base


def test_deleting_is_chosen_per_conflict_but_a_linked_entity_stays(qtbot, files):
    w = open_window(qtbot, files["a"])
    doc = w.controller.document
    d = run_dialog(qtbot, w, [files["b"]], files["anc"])
    wait_run(qtbot, d, lambda: d.conflicts.choose(d.conflicts.row_of("entities", "e6", "deleted"), "base"))
    wait_run(qtbot, d, lambda: d.conflicts.choose(d.conflicts.row_of("entities", "e7", "deleted"), "base"))
    assert d.conflicts.kept(d.conflicts.row_of("entities", "e6", "deleted")) == "base"
    assert d.conflicts.kept(d.conflicts.row_of("entities", "e7", "deleted")) == "other"  # the box shows what happens
    assert d.message.text() == "银行 [e7] stays: something kept still links to it, so it cannot be deleted."
    d.merge_button.click()
    s = doc.project.scenario(SCEN)
    assert "e6" not in s.entities and "e7" in s.entities and "f10" in s.flows


def test_a_view_conflict_is_listed_and_the_chosen_title_applied(qtbot, tmp_path):
    from ecodesk.model.views import View

    anc = sample_project()
    anc.add_view(View("view1", "总览", SCEN))
    a, b = project_copy(anc), project_copy(anc)
    a.replace_view(View("view1", "总览（A组）", SCEN))
    b.replace_view(View("view1", "总览（B组）", SCEN))
    b.add_view(View("view2", "B组的发现", SCEN))
    for name, p in (("anc", anc), ("a", a), ("b", b)):
        write_project_atomic(p, tmp_path / f"{name}.ecodesk")
    w = open_window(qtbot, tmp_path / "a.ecodesk")
    d = run_dialog(qtbot, w, [tmp_path / "b.ecodesk"], tmp_path / "anc.ecodesk")
    (row,) = d.conflicts.rows
    assert (row.scenario, row.obj, row.field, row.base, row.other) == (
        "(saved views)", "总览（A组） [view1]", "Title", "总览（A组）", "总览（B组）")
    wait_run(qtbot, d, lambda: d.conflicts.choose(0, "other"))
    d.merge_button.click()
    project = w.controller.document.project
    assert [(v.id, v.title) for v in project.views] == [("view1", "总览（B组）"), ("view2", "B组的发现")]
    w.controller.document.undo()
    assert project.content_equals(a)


def test_the_menu_opens_one_dialog_and_its_file_pickers_add_files(qtbot, files):
    w = open_window(qtbot, files["a"])
    w.registry.all["file_merge"].trigger()
    d = w.findChild(MergeDialog, "merge_dialog")
    assert d is not None and d.isVisible() and d.windowTitle() == "Merge Projects"
    w.registry.all["file_merge"].trigger()
    assert len(w.findChildren(MergeDialog)) == 1
    assert d.message.text() == "Add the files of the other groups (.ecodesk or .json)."
    d.pick_files = lambda: [str(files["b"])]
    d.pick_ancestor = lambda: str(files["anc"])
    d.ancestor_button.click()
    with qtbot.waitSignal(d.result_shown, timeout=20000):
        d.add_button.click()
    assert d.paths == [str(files["b"])] and d.ancestor_edit.text() == "start.ecodesk"
    assert len(d.conflicts.rows) == 3
    d.files.setCurrentRow(0)
    d.remove_button.click()
    assert d.paths == [] and d.conflicts.rows == [] and not d.merge_button.isEnabled()


def test_an_invalid_result_is_refused_with_the_reason(qtbot, tmp_path):
    anc = sample_project()
    a, b = project_copy(anc), project_copy(anc)
    sa, sb = a.scenario(SCEN), b.scenario(SCEN)
    sa.add(Flow("f11", "e1", "e3", "capability", volume=5, capability="cap1"))  # A: a new delivery of cap1 by e1
    sb.remove("f2", Flow)  # B: cap1 moves to e3 (with its delivery)
    sb.replace(sb.capabilities["cap1"].evolve(owner="e3"))
    sb.add(Flow("f2", "e3", "e4", "capability", volume=800, capability="cap1"), 1)
    for name, p in (("anc", anc), ("a", a), ("b", b)):
        write_project_atomic(p, tmp_path / f"{name}.ecodesk")
    w = open_window(qtbot, tmp_path / "a.ecodesk")
    doc = w.controller.document
    d = run_dialog(qtbot, w, [tmp_path / "b.ecodesk"], tmp_path / "anc.ecodesk")
    (sentence,) = d.problem_sentences()
    assert sentence.startswith(f"In scenario '{SCEN}': ") and "'f11'" in sentence
    assert not d.merge_button.isEnabled() and d.apply() is False
    assert doc.project.content_equals(a) and len(doc.history) == 0
