"""Drawing a view offscreen (for pictures and the slides PDF): its scenario, hidden flow
kinds, colour mode and rectangle, without a window; a deleted scenario draws nothing."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from ecodesk.model import FlowKind
from ecodesk.model.views import View
from ecodesk.ui.panels.colormodes import NEUTRAL
from ecodesk.ui.views_apply import render_view, view_legend, view_scene
from tests.ui.mw_helpers import sample_project

BASE = "网络生态 2.0"


def test_view_scene_has_the_views_look(qapp):
    project = sample_project()
    view = View("v", "t", BASE, (-300, -200, 600, 400), "ecosystem", (FlowKind.DATA, FlowKind.MONEY))
    scene = view_scene(project, view)
    try:
        assert scene is not None and scene.scenario is project.scenario(BASE)
        assert scene.hidden_flow_kinds == {FlowKind.DATA, FlowKind.MONEY}
        colours = scene.color_overrides
        assert colours is not None and colours["e3"] == QColor("#4e79a7")  # 冷链物流's colour
        assert colours["e7"] == QColor(NEUTRAL)  # in no ecosystem
        labels = [label for label, _c in view_legend(project, view)]
        assert labels == ["冷链物流", "社区零售", "智慧农业", "Several ecosystems", "No ecosystem"]
    finally:
        scene.detach()
    # criticality without a result: colours by kind (nothing to colour by yet)
    plain = view_scene(project, view.evolve(color_mode="criticality"))
    assert plain is not None and not plain.color_overrides
    plain.detach()


def test_orphan_view_has_no_scene(qapp):
    project = sample_project()
    view = View("v", "t", "Gone", (0, 0, 100, 100))
    assert view_scene(project, view) is None and view_legend(project, view) == []


def test_render_view_paints_the_rect_into_the_target(qapp):
    project = sample_project()
    view = View("v", "t", BASE, (-700, -400, 1400, 800))  # wider than high: bands above and below
    scene = view_scene(project, view)
    img = QImage(400, 300, QImage.Format.Format_ARGB32)
    img.fill(QColor("#123456"))
    p = QPainter(img)
    render_view(p, QRectF(100, 0, 300, 300), scene, view)
    p.end()
    scene.detach()
    assert img.pixelColor(50, 150) == QColor("#123456")  # outside the target: untouched
    background = QColor(scene.theme.background)
    assert img.pixelColor(250, 5) == background and img.pixelColor(250, 295) == background  # target filled
    inside = {img.pixelColor(x, y).name() for x in range(100, 400, 4) for y in range(70, 230, 4)}
    assert len(inside) > 20  # entities, flows and hulls drawn (scaled 300/1400, centred)
