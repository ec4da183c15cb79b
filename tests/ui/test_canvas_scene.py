"""Canvas scene: filled from the scenario, then following the model's signals only."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from ecodesk.commands import AddObject, ChangeObject, MoveEntities, remove_objects
from ecodesk.model import Ecosystem, Entity, Flow, Scenario
from ecodesk.ui.canvas import EcosystemHullItem, EntityItem, FlowItem
from tests.ui.canvas_helpers import big_scenario, make_view


def test_scene_is_filled_from_the_scenario(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    s = view.scenario
    assert set(sc.entity_items) == set(s.entities.ids())
    assert set(sc.flow_items) == set(s.flows.ids())
    assert set(sc.hull_items) == set(s.ecosystems.ids())
    assert sc.itemIndexMethod() == QGraphicsScene.ItemIndexMethod.BspTreeIndex
    p1 = sc.entity_items["p1"]
    assert (p1.x(), p1.y()) == (s.entities["p1"].x, s.entities["p1"].y)
    assert sc.sceneRect().contains(sc.content_rect())


def test_scene_follows_add_change_and_remove_signals(qtbot):
    view = make_view(qtbot)
    doc, sc = view.document, view.canvas_scene
    s = doc.scenario
    assert doc.push(AddObject(s, Entity("x1", "新主体", "partner", x=900, y=900)))
    assert isinstance(sc.entity_items["x1"], EntityItem)
    assert doc.push(AddObject(s, Flow("fx", "x1", "u1", "data", volume=5)))
    assert isinstance(sc.flow_items["fx"], FlowItem)
    assert doc.push(ChangeObject(s, s.entities["x1"].evolve(name="改名", x=950.0)))
    assert sc.entity_items["x1"].entity.name == "改名"
    assert sc.entity_items["x1"].x() == 950.0
    assert sc.entity_items["x1"].label_lines() == ["改名"]
    # far away content grows the scene rect
    sc.flush_pending()
    assert sc.sceneRect().contains(sc.entity_items["x1"].sceneBoundingRect())
    assert doc.push(remove_objects(s, [s.flows["fx"]]))
    assert "fx" not in sc.flow_items
    assert all(isinstance(i, (EntityItem, FlowItem)) is False or i.scene() is sc for i in sc.items())


def test_undo_of_a_remove_restores_items_and_flows(qtbot):
    view = make_view(qtbot)
    doc, sc = view.document, view.canvas_scene
    s = doc.scenario
    attached = {f.id for f in s.flows_of("p1")}
    assert len(attached) == 7
    assert doc.push(remove_objects(s, [s.entities["p1"]]))
    assert "p1" not in sc.entity_items
    assert attached.isdisjoint(sc.flow_items)
    assert len(sc.flow_items) == len(s.flows)
    doc.undo()
    sc.flush_pending()
    assert "p1" in sc.entity_items
    assert attached <= set(sc.flow_items)
    # restored flows are routed to the restored entity again
    f4 = sc.flow_items["f4"]
    assert f4.path().length() > 10
    assert (f4.path().pointAtPercent(0) - sc.entity_items["p1"].pos()).manhattanLength() < 60


def test_scenario_switch_rebuilds_and_bulk_load_catches_up(qtbot):
    view = make_view(qtbot)
    doc = view.document
    other = Scenario("Other")
    doc.project.add_scenario(other)
    doc.set_scenario("Other")
    assert view.canvas_scene.entity_items == {}
    assert view.scenario is other
    other.bulk_load(
        {"entities": [Entity("a", "甲"), Entity("b", "乙", x=200)], "flows": [Flow("f", "a", "b", "goods")]}
    )
    assert set(view.canvas_scene.entity_items) == {"a", "b"}
    assert set(view.canvas_scene.flow_items) == {"f"}
    doc.set_scenario("Base")
    assert "p1" in view.canvas_scene.entity_items
    # the old scenario no longer drives the scene
    doc.history.push(AddObject(other, Entity("c", "丙")))
    assert "c" not in view.canvas_scene.entity_items


def test_parallel_flows_are_fanned_into_distinct_paths(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    pair = [sc.flow_items[i] for i in ("f4", "f5", "f6")]  # p1→c1 goods, data; c1→p1 money
    offsets = sorted(f.offset for f in pair)
    assert offsets == [-24.0, 0.0, 24.0]
    apexes = [(round(f.apex.x()), round(f.apex.y())) for f in pair]
    assert len(set(apexes)) == 3
    mids = [f.path().pointAtPercent(0.5) for f in pair]
    for i in range(3):
        for j in range(i + 1, 3):
            assert (mids[i] - mids[j]).manhattanLength() > 15
    # a single flow is straight
    f1 = sc.flow_items["f1"]
    assert f1.offset == 0.0


def test_flow_width_and_colour_follow_volume_and_kind(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    thick, thin = sc.flow_items["f13"], sc.flow_items["f3"]  # volume 20,000 vs 50
    assert thick.width > thin.width
    assert 1.0 <= thin.width and thick.width <= 7.0
    assert sc.flow_items["f4"].color != sc.flow_items["f6"].color  # goods vs money
    doc = view.document
    s = doc.scenario
    assert doc.push(ChangeObject(s, s.flows["f3"].evolve(volume=1e9)))
    assert sc.flow_items["f3"].width == 7.0  # clamped


def test_hull_contains_members_and_follows_a_move(qtbot):
    view = make_view(qtbot)
    doc, sc = view.document, view.canvas_scene
    s = doc.scenario
    hulls = [sc.hull_items[e] for e in ("eco1", "eco2", "eco3")]
    assert all(isinstance(h, EcosystemHullItem) for h in hulls)
    sensor = sc.entity_items["s2"]
    for h in hulls:  # the sensor firm sits inside all three hulls
        assert h.hull_path().contains(sensor.pos())
    for eco in ("eco1", "eco2", "eco3"):
        for e in s.entities:
            if eco in e.ecosystems:
                assert sc.hull_items[eco].hull_path().contains(QPointF(e.x, e.y))
    # nested rings: the sensor's later ecosystems reach further around it
    assert doc.push(MoveEntities(s, {"s2": (-1500.0, 900.0)}))
    sc.flush_pending()
    for h in hulls:
        assert h.hull_path().contains(QPointF(-1500, 900))
    doc.undo()
    sc.flush_pending()
    assert not hulls[0].hull_path().contains(QPointF(-1500, 900))


def test_new_ecosystem_and_membership_change_update_hulls(qtbot):
    view = make_view(qtbot)
    doc, sc = view.document, view.canvas_scene
    s = doc.scenario
    assert doc.push(AddObject(s, Ecosystem("eco9", "出海生态", "#aa3377")))
    assert sc.hull_items["eco9"].hull_path().isEmpty()
    assert doc.push(ChangeObject(s, s.entities["u1"].evolve(ecosystems=("eco9",))))
    sc.flush_pending()
    path = sc.hull_items["eco9"].hull_path()
    assert path.contains(QPointF(s.entities["u1"].x, s.entities["u1"].y))
    assert sc.hull_items["eco9"].color == QColor("#aa3377")


def test_flow_kind_filter_hides_flows(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    data = [f for f in sc.flow_items.values() if f.flow.kind.value == "data"]
    assert data and all(f.isVisible() for f in data)
    view.select_ids(["f5"])
    view.set_flow_kind_visible("data", False)
    assert not any(f.isVisible() for f in data)
    assert all(f.isVisible() for f in sc.flow_items.values() if f.flow.kind.value != "data")
    assert "f5" not in view.document.selection  # hidden flows leave the selection
    view.select_all()
    assert not set(view.document.selection) & {f.flow_id for f in data}
    # flows added while hidden stay hidden
    doc = view.document
    assert doc.push(AddObject(doc.scenario, Flow("fd", "u1", "p1", "data")))
    assert not sc.flow_items["fd"].isVisible()
    view.set_flow_kind_visible("data", True)
    assert all(f.isVisible() for f in data)


def test_colour_overrides_change_entity_fill(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    p1 = sc.entity_items["p1"].entity
    base = sc.entity_color(p1)
    view.set_color_overrides({"p1": QColor("#ff0000")}, legend=[("High", QColor("#ff0000"))])
    assert sc.entity_color(p1) == QColor("#ff0000")
    assert sc.entity_color(sc.entity_items["u1"].entity) != QColor("#ff0000")
    assert view.legend_sections()[0].entries[0].label == "High"
    view.set_color_overrides(None)
    assert sc.entity_color(p1) == base


def test_big_scenario_builds_quickly_and_fully(qtbot):
    import time

    s = big_scenario()
    t0 = time.perf_counter()
    view = make_view(qtbot, s)
    elapsed = time.perf_counter() - t0
    assert len(view.canvas_scene.entity_items) == 1000
    assert len(view.canvas_scene.flow_items) == 3000
    assert elapsed < 10.0


def test_hovering_a_flow_shows_its_label_and_tooltip(qtbot):
    view = make_view(qtbot)
    sc = view.canvas_scene
    f = sc.flow_items["f6"]  # c1 → p1 money, 4,000 × 80
    qtbot.mouseMove(view.viewport(), view.mapFromScene(f.path().pointAtPercent(0.5)))
    assert sc.flow_label.isVisible()
    text = sc.flow_label.text()
    assert "Money" in text and "城市经销商 → 新能源车企生态平台" in text and "320,000 CNY" in text
    assert "f6" in f.toolTip()
    assert f.glow.isVisible()
    qtbot.mouseMove(view.viewport(), view.mapFromScene(QPointF(900, -500)))
    assert not sc.flow_label.isVisible() and not f.glow.isVisible()
    view.set_language("zh")
    assert "资金" in sc.flow_summary(f.flow)[0]
    assert sc.flow_summary(sc.flow_items["f2"].flow)[-1] == "Capability: 传感器算法"


def test_a_closed_canvas_stops_following_the_model(qtbot):
    from ecodesk.ui.document import Document

    view = make_view(qtbot)
    s = view.scenario
    doc = view.document
    view.set_document(Document())  # the window moved on to another project
    assert view.scenario is not s
    assert doc.push(AddObject(s, Entity("late", "晚到")))
    assert "late" not in view.canvas_scene.entity_items
    # a view deleted without being told: its model connections drop themselves
    import shiboken6

    from ecodesk.model import Project
    from ecodesk.ui.canvas import CanvasView

    other = CanvasView(Document(Project("P", scenarios=[s])))
    sc = other.canvas_scene
    assert "late" in sc.entity_items
    before = len(s.entities.added)
    shiboken6.delete(other)
    assert not shiboken6.isValid(sc)
    s.add(Entity("later", "更晚"))  # must not call into the deleted scene
    assert len(s.entities.added) < before
