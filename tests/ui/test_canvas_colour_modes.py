"""Results on the canvas: colour modes (kind, criticality heat, ecosystem, Shapley savings),
rings on single points of failure / capabilities built twice / unmet needs (the canvas's
``set_markers``), and flow filters kept in step across the panel, the View menu and the
canvas."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter

from ecodesk.ui.canvas.style import MARKER_STYLES, entity_base_color
from ecodesk.ui.panels import colormodes
from tests.ui.canvas_helpers import make_view
from tests.ui.panel_helpers import open_window, project_of, wait_current


def _fill(canvas, entity_id: str) -> QColor:
    sc = canvas.canvas_scene
    return sc.entity_color(sc.entity_items[entity_id].entity)


def test_canvas_colour_by_criticality_follows_the_analysis(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, canvas = w.analysis_panel, w.canvas
    result = wait_current(qtbot, panel)
    assert _fill(canvas, "sensor") == entity_base_color(w.document.scenario.entities["sensor"].kind)
    index = panel.mode_combo.findData("criticality")
    panel.mode_combo.setCurrentIndex(index)
    panel.mode_combo.activated.emit(index)
    loss = {c.id: c.service_loss for c in result.resilience.critical_entities}
    assert loss["sensor"] == 1.0 and loss["cloud"] == 0.0
    assert _fill(canvas, "sensor") == QColor(colormodes.CRITICAL_BINS[-1][1])  # the hottest
    assert _fill(canvas, "cloud") == QColor(colormodes.NEUTRAL)
    assert _fill(canvas, "farms") == QColor(colormodes.CRITICAL_BINS[0][1])  # 7.4 %
    legend = canvas.legend_sections()[0]
    assert legend.title == "Colour" and legend.entries[0].label == "No service loss"
    assert w.analysis_menus.modes["criticality"].isChecked()  # the Analyze menu follows
    w.analysis_menus.modes["kind"].trigger()
    assert panel.color_mode == "kind" and canvas.canvas_scene.color_overrides is None


def test_canvas_colour_by_ecosystem_and_by_shapley_savings_from_the_panel(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, canvas, s = w.analysis_panel, w.canvas, w.document.scenario
    result = wait_current(qtbot, panel)
    panel.set_color_mode("ecosystem")
    home = s.ecosystems["home"]
    assert _fill(canvas, "home_pf") == colormodes.ecosystem_colours(s)[0]["home_pf"]
    assert s.entities["home_pf"].ecosystems == ("home",)
    assert _fill(canvas, "home_pf").name().lower() == QColor(home.color).name().lower() or home.color == ""
    assert _fill(canvas, "sensor") == QColor(colormodes.SEVERAL)  # in three ecosystems
    colour = canvas.legend_sections()[0]  # the colour mode's entries replace the kinds
    assert colour.title == "Colour"
    labels = [e.label for e in colour.entries]
    assert "Several ecosystems" in labels
    panel.set_color_mode("shapley")
    savings = result.cost_sharing.savings
    top = max(savings, key=savings.get)
    assert _fill(canvas, top) == QColor(colormodes.SAVINGS_BINS[-1][1])
    assert _fill(canvas, "households") == QColor(colormodes.NEUTRAL)  # not in the cost game


def test_canvas_marks_weak_points_from_the_analysis(qtbot):
    w = open_window(qtbot, project_of("s2b2b_appliance"))
    panel, canvas = w.analysis_panel, w.canvas
    result = wait_current(qtbot, panel)
    marks = canvas.markers
    demand = result.resilience.demand_entities
    spof = {c.id for c in result.resilience.critical_entities if c.single_point_of_failure}
    assert {k for k, v in marks.items() if "spof" in v} == spof - set(demand)
    redundant_owners = {w.document.scenario.capabilities[c].owner
                        for r in result.reuse.redundancies for c in r.redundant}
    assert {k for k, v in marks.items() if "redundant" in v} == redundant_owners
    assert {k for k, v in marks.items() if "gap" in v} == {g.entity for g in result.reuse.gaps}
    item = canvas.canvas_scene.entity_items[next(iter(spof - set(demand)))]
    assert "spof" in item.markers
    titles = [s.title for s in canvas.legend_sections()]
    assert "Marks" in titles
    w.analysis_menus.marks.trigger()  # Analyze ▸ Mark Weak Points off
    assert canvas.markers == {} and not panel.marks_box.isChecked()
    assert "Marks" not in [s.title for s in canvas.legend_sections()]


def test_canvas_set_markers_draws_rings_and_survives_rebuilds(qtbot):
    view = make_view(qtbot)
    item = view.canvas_scene.entity_items["p1"]
    plain = item.boundingRect()
    view.set_markers({"p1": ("spof", "gap"), "s2": "redundant"}, legend=[("SPOF", "spof")])
    assert item.markers == ("spof", "gap") and item.boundingRect().contains(plain)
    assert item.boundingRect().top() < plain.top()  # room for the rings
    # the ring is painted in the mark's colour just outside the shape
    img = QImage(400, 400, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.translate(200, 200)
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    item.paint(p, QStyleOptionGraphicsItem(), None)
    p.end()
    shape = item.shape_rect()
    x = int(200 + shape.right() + 6)
    reds = [img.pixelColor(x + dx, 200) for dx in range(-2, 3)]
    assert any(c.red() > 180 and c.green() < 90 for c in reds), [c.name() for c in reds]
    assert QColor(MARKER_STYLES["spof"][0]).red() > 200
    # the scene keeps the marks when it is rebuilt (scenario switch, bulk load)
    view.canvas_scene.rebuild()
    assert view.canvas_scene.entity_items["p1"].markers == ("spof", "gap")
    view.set_markers(None)
    assert view.canvas_scene.entity_items["p1"].markers == ()


def test_panel_flow_filters_hide_flow_kinds_everywhere(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, canvas = w.analysis_panel, w.canvas
    data_flows = [f.id for f in w.document.scenario.flows if f.kind.value == "data"]
    panel.flow_boxes["data"].setChecked(False)
    assert not canvas.is_flow_kind_visible("data")
    assert all(not canvas.canvas_scene.flow_items[f].isVisible() for f in data_flows)
    assert not w.actions.flow_visible["data"].isChecked()  # View ▸ Show Flows follows
    w.actions.flow_visible["data"].setChecked(True)
    assert canvas.is_flow_kind_visible("data") and panel.flow_boxes["data"].isChecked()
    canvas.legend.flow_kind_toggled.emit(canvas.canvas_scene.flow_items[data_flows[0]].flow.kind)  # the legend
    assert not panel.flow_boxes["data"].isChecked() and not w.actions.flow_visible["data"].isChecked()
