"""Changes on the canvas (issue 18 part 4): Scenario → Show Changes from Scenario… and File →
Compare with File… colour what the shown scenario adds (green), removes (grey dashed ghosts at
their old places) and changes (amber, "field: before → after" tooltips); the bar's counts are
io/diff's; Next zooms from change to change; Clear and Esc remove it; an edit updates it; a
switch of scenario ends it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from ecodesk.commands import ChangeObject
from ecodesk.io import export_file
from ecodesk.io.diff import diff
from ecodesk.model import Entity, Flow
from ecodesk.ui.canvas.diff_overlay import canvas_changes, current_overlay
from ecodesk.ui.dialogs.merge_compare import compare_with_file
from tests.ui.mw_helpers import sample_project

SCEN = "网络生态 2.0"


def _other(shown):
    """The shown scenario as it was "before": without e6 and its flow f7 (so they are added),
    with an entity and a flow since deleted, and a few values that have changed since."""
    s = shown.copy("旧版")
    s.remove("f7", Flow)
    s.remove("e6", Entity)
    s.add(Entity("gone", "老仓库", "service", x=-100, y=420))
    s.add(Flow("fg", "gone", "e5", "goods", volume=3))
    s.replace(s.entities["e2"].evolve(risk=0.5))
    s.replace(s.flows["f3"].evolve(volume=950))
    s.replace(s.capabilities["cap1"].evolve(fixed_cost=700_000))
    return s


def engine_counts(before, after) -> dict[str, int]:
    tables = diff(before, after).tables
    return {k: sum(len(getattr(t, k)) for t in tables) for k in ("added", "removed", "changed")}


def show_from_scenario(window, monkeypatch):
    doc = window.controller.document
    doc.project.add_scenario(_other(doc.scenario))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("旧版", True)))
    window.registry.all["scenario_show_changes"].trigger()
    overlay = current_overlay(window.canvas)
    assert overlay is not None
    return overlay


def test_show_changes_from_scenario_colours_and_counts_like_io_diff(window, monkeypatch):
    overlay = show_from_scenario(window, monkeypatch)
    doc = window.controller.document
    before, after = doc.project.scenario("旧版"), doc.scenario
    assert overlay.counts() == engine_counts(before, after) == {"added": 2, "removed": 2, "changed": 3}
    item = overlay.item
    assert item.marked("added", "entities") == ["e6"] and item.marked("added", "flows") == ["f7"]
    assert item.marked("removed", "entities") == ["gone"] and item.marked("removed", "flows") == ["fg"]
    assert item.marked("changed", "entities") == ["e2", "e1"]  # e1: its capability changed
    assert item.marked("changed", "flows") == ["f3"]
    ghost = item.mark_item("entities", "gone")
    centre = ghost.path().boundingRect().center()
    assert abs(centre.x() - (-100)) < 1 and abs(centre.y() - 420) < 1  # where it was on the other side
    assert ghost.pen().style() == Qt.PenStyle.DashLine
    assert item.mark_item("entities", "e2").toolTip() == "Changed: 传感器公司 [e2]\nRisk: 0.5 → 0.05"
    assert item.mark_item("flows", "f3").toolTip().endswith("Volume: 950 → 900")
    assert "capability changed: 数据中台 [cap1]" in item.mark_item("entities", "e1").toolTip()
    assert item.mark_item("entities", "gone").toolTip() == "Removed: 老仓库 [gone]"
    bar = overlay.bar
    assert bar.isVisible()
    assert bar.plain_text() == "Changes from “旧版”: 2 added · 2 removed · 3 changed"


def test_next_visits_every_change_and_clear_removes_everything(window, monkeypatch):
    overlay = show_from_scenario(window, monkeypatch)
    marks = len(overlay.item.marks)
    seen = [overlay.next() for _ in range(marks)]
    assert sorted(seen) == sorted(m[2] for m in overlay.item.marks)
    assert overlay.next() == seen[0]  # and round again
    item, bar = overlay.item, overlay.bar
    bar.clear_button.click()
    assert item.scene() is None and not bar.isVisible()
    assert current_overlay(window.canvas) is None


def test_esc_on_the_canvas_clears(window, monkeypatch, qtbot):
    overlay = show_from_scenario(window, monkeypatch)
    item = overlay.item
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert item.scene() is None and current_overlay(window.canvas) is None


def test_an_edit_updates_the_changes_and_a_scenario_switch_ends_them(window, monkeypatch, qtbot):
    overlay = show_from_scenario(window, monkeypatch)
    doc = window.controller.document
    s = doc.scenario
    doc.push(ChangeObject(s, s.entities["e5"].evolve(risk=0.7)))
    qtbot.waitUntil(lambda: overlay.counts()["changed"] == 4, timeout=3000)
    assert "e5" in overlay.item.marked("changed", "entities")
    doc.set_scenario("线性供应链 1.0")
    assert current_overlay(window.canvas) is None and not overlay.bar.isVisible()


def test_compare_with_file_takes_the_same_named_scenario(window, tmp_path, monkeypatch):
    other = sample_project()
    s = other.scenario(SCEN)
    s.replace(s.flows["f4"].evolve(volume=1))
    s.add(Entity("x1", "外部伙伴", "partner", x=700, y=300))
    path = tmp_path / "group.json"
    export_file(other, path)
    monkeypatch.setattr(window.prompter, "open_path", lambda *a: (str(path), ""))
    window.registry.all["file_compare"].trigger()
    overlay = current_overlay(window.canvas)
    assert overlay is not None
    shown = window.controller.document.scenario
    assert overlay.counts() == engine_counts(s, shown) == {"added": 0, "removed": 1, "changed": 1}
    assert overlay.bar.plain_text() == "Changes from “group.json”: 0 added · 1 removed · 1 changed"
    assert overlay.counts() == canvas_changes(s, shown).counts()


def test_compare_with_a_file_without_the_scenario_says_so(window, tmp_path, monkeypatch):
    other = sample_project()
    other.rename_scenario(SCEN, "别的")
    path = tmp_path / "renamed.json"
    export_file(other, path)
    said = []
    monkeypatch.setattr(window.prompter, "warning", lambda title, text: said.append((title, text)))
    assert compare_with_file(window, str(path)) is None
    assert said == [("Cannot compare with “renamed.json”",
                     "“renamed.json” has no scenario “网络生态 2.0” (it has: 别的, 线性供应链 1.0). Show the scenario to "
                     "compare, or rename one of them.")]
    assert current_overlay(window.canvas) is None


def test_a_ghost_outside_the_view_is_brought_into_view(window):
    from ecodesk.ui.canvas.diff_overlay import show_changes

    doc = window.controller.document
    before = doc.scenario.copy("远处")
    before.add(Entity("far", "远方仓库", "service", x=3000, y=2500))
    view = window.canvas
    zoom = view.zoom
    overlay = show_changes(view, before, "“远处”")
    ghost = overlay.item.mark_item("entities", "far")
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    assert seen.contains(ghost.sceneBoundingRect())
    assert view.zoom <= zoom  # zoomed out, never in
    assert seen.contains(view.canvas_scene.entity_items["e1"].sceneBoundingRect())


def test_canvas_changes_list_what_io_diff_lists():
    from ecodesk.io.diff import diff_scenarios
    from tests.io.conftest import build_rich_project

    a, b = build_rich_project(), build_rich_project()
    for before, after in ((a.scenarios[0], b.scenarios[1]), (b.scenarios[1], a.scenarios[0]),
                          (a.scenarios[0], b.scenarios[2]), (a.scenarios[0], b.scenarios[0])):
        ch = canvas_changes(before, after)
        expected = {td.table: {"added": td.added, "removed": td.removed, "changed": [c["id"] for c in td.changed]}
                    for td in diff_scenarios(before, after)}
        assert ch.ids == expected
        for td in diff_scenarios(before, after):
            for c in td.changed:
                assert ch.fields[(td.table, c["id"])] == [(f["field"], f["before"], f["after"]) for f in c["fields"]]


def test_notes_added_removed_and_changed_are_outlined(window):
    from ecodesk.model import Annotation
    from ecodesk.ui.canvas.diff_overlay import show_changes

    doc = window.controller.document
    s = doc.scenario
    s.add(Annotation("note1", "已有", x=0, y=300))
    s.add(Annotation("note2", "新写的", x=300, y=300))
    before = s.copy("之前")
    before.remove("note2", Annotation)
    before.replace(before.annotations["note1"].evolve(text="原来的"))
    before.add(Annotation("note3", "删掉的", x=-300, y=300, width=100, height=50))
    overlay = show_changes(window.canvas, before, "“之前”")
    item = overlay.item
    assert (item.marked("added", "annotations"), item.marked("removed", "annotations"),
            item.marked("changed", "annotations")) == (["note2"], ["note3"], ["note1"])
    assert item.mark_item("annotations", "note1").toolTip() == "Changed: note1\nText: 原来的 → 已有"
    rect = item.mark_item("annotations", "note3").path().boundingRect()
    assert (round(rect.center().x()), round(rect.center().y())) == (-250, 325)
    assert overlay.counts() == engine_counts(before, s)
