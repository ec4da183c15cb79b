"""Helpers for the canvas tests: sample scenarios (a small Chinese one, a 1,000-entity
generator), a shown CanvasView over a Document, and real-input shortcuts."""

from __future__ import annotations

import random

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ecodesk.model import Capability, Ecosystem, Entity, Flow, Need, Project, Scenario
from ecodesk.ui.canvas import CanvasView
from ecodesk.ui.document import Document

SENSOR = "智能传感器研发中心"


def sample_scenario() -> Scenario:
    """A new-energy-vehicle ecosystem: ten entities, three ecosystems (the sensor firm in
    all three), capabilities, and three flows between the platform and one dealer."""
    s = Scenario("Base")
    ecos = [
        Ecosystem("eco1", "智能座舱生态", "#4E79A7"),
        Ecosystem("eco2", "补能生态", "#59A14F"),
        Ecosystem("eco3", "金融服务生态", "#F28E2B"),
    ]
    ents = [
        Entity("s1", "动力电池供应商", "supplier", ecosystems=("eco2",), x=-420, y=-60),
        Entity("s2", SENSOR, "supplier", ecosystems=("eco1", "eco2", "eco3"), x=-380, y=140),
        Entity("r1", "高校联合实验室", "research", ecosystems=("eco1",), x=-420, y=-240),
        Entity("p1", "新能源车企生态平台", "platform", ecosystems=("eco1", "eco2"), x=-80, y=0),
        Entity("sv1", "充电网络服务商", "service", ecosystems=("eco2",), x=-60, y=260),
        Entity("pa1", "银行金融伙伴", "partner", ecosystems=("eco3",), x=-120, y=420),
        Entity("c1", "城市经销商", "channel", x=260, y=-60),
        Entity("c2", "线上商城", "channel", x=240, y=180),
        Entity("u1", "个人车主", "user", demand=1000, x=560, y=40),
        Entity("u2", "网约车车队 Fleet", "user", demand=300, x=560, y=300, ecosystems=("eco3",)),
    ]
    caps = [
        Capability("cap1", "车联网平台", "connected car", "p1", fixed_cost=500, unit_cost=1),
        Capability("cap2", "传感器算法", "sensing", "s2", fixed_cost=200, unit_cost=0.5),
    ]
    flows = [
        Flow("f1", "s1", "p1", "goods", volume=5000, unit_value=30),
        Flow("f2", "s2", "p1", "capability", volume=800, capability="cap2"),
        Flow("f3", "r1", "s2", "data", volume=50),
        Flow("f4", "p1", "c1", "goods", volume=4000, unit_value=80),
        Flow("f5", "p1", "c1", "data", volume=300),
        Flow("f6", "c1", "p1", "money", volume=4000, unit_value=80),
        Flow("f7", "p1", "c2", "goods", volume=1200, unit_value=80),
        Flow("f8", "c1", "u1", "goods", volume=3000),
        Flow("f9", "c2", "u2", "goods", volume=900),
        Flow("f10", "sv1", "u1", "capability", volume=600, capability="cap3"),
        Flow("f11", "pa1", "u2", "credit", volume=200, unit_value=100),
        Flow("f12", "p1", "sv1", "data", volume=100),
        Flow("f13", "c2", "u1", "traffic", volume=20000),
    ]
    caps.append(Capability("cap3", "快充服务", "charging", "sv1", fixed_cost=900, unit_cost=2))
    needs = [Need("n1", "u2", "charging", 100, 50)]
    s.bulk_load({"ecosystems": ecos, "entities": ents, "capabilities": caps, "flows": flows, "needs": needs})
    return s


def big_scenario(n_entities: int = 1000, n_flows: int = 3000, n_ecosystems: int = 6, seed: int = 7) -> Scenario:
    """A generated project of the size planners reach: entities on a loose grid by tier,
    flows mostly to nearby entities, a few ecosystems of neighbouring entities."""
    rng = random.Random(seed)
    kinds = (
        ["supplier"] * 30
        + ["research"] * 5
        + ["platform"] * 5
        + ["service"] * 15
        + ["channel"] * 20
        + ["user"] * 20
        + ["partner"] * 5
    )
    cols = int(n_entities**0.5) + 1
    ecos = [Ecosystem(f"eco{i + 1}", f"生态 {i + 1}") for i in range(n_ecosystems)]
    ents = []
    for i in range(n_entities):
        r, c = divmod(i, cols)
        eco_ids = tuple(e.id for e in ecos if rng.random() < 0.08)
        ents.append(
            Entity(
                f"e{i + 1}",
                f"主体 {i + 1} 有限公司",
                rng.choice(kinds),
                ecosystems=eco_ids,
                x=c * 180 + rng.uniform(-30, 30),
                y=r * 160 + rng.uniform(-30, 30),
            )
        )
    flows = []
    kinds_f = ["goods", "logistics", "data", "money", "traffic", "credit"]
    for j in range(n_flows):
        a = rng.randrange(n_entities)
        b = min(n_entities - 1, max(0, a + rng.choice([-cols - 1, -cols, -1, 1, cols, cols + 1, 2, -2])))
        if a == b:
            b = (a + 1) % n_entities
        flows.append(Flow(f"f{j + 1}", ents[a].id, ents[b].id, rng.choice(kinds_f), volume=10 ** rng.uniform(0, 5)))
    s = Scenario("Big")
    s.bulk_load({"ecosystems": ecos, "entities": ents, "flows": flows})
    return s


def make_view(qtbot, scenario: Scenario | None = None, size: tuple[int, int] = (1000, 700)) -> CanvasView:
    """A shown canvas over a fresh Document holding ``scenario`` (the sample by default)."""
    scenario = scenario if scenario is not None else sample_scenario()
    doc = Document(Project("Test", scenarios=[scenario]))
    view = CanvasView(doc)
    view.set_language("en")
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    QApplication.processEvents()
    return view


def vpos(view: CanvasView, x: float, y: float) -> QPoint:
    """View (viewport) position of scene point (x, y)."""
    return view.mapFromScene(QPointF(x, y))


def entity_pos(view: CanvasView, entity_id: str) -> QPoint:
    item = view.canvas_scene.entity_items[entity_id]
    return view.mapFromScene(item.scenePos())


def drag(
    qtbot,
    view: CanvasView,
    start: QPoint,
    end: QPoint,
    steps: int = 6,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    release: bool = True,
) -> None:
    """Press at ``start``, move in ``steps`` to ``end`` and release (real mouse events)."""
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, modifier, start)
    for k in range(1, steps + 1):
        p = start + (end - start) * (k / steps)
        qtbot.mouseMove(vp, p)
    if release:
        qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, modifier, end)


def non_background_pixels(img: QImage, rect, background) -> int:
    """Pixels in ``rect`` (image coordinates) that differ clearly from ``background``."""
    n = 0
    bg = background
    for y in range(max(0, rect.top()), min(img.height(), rect.bottom() + 1)):
        for x in range(max(0, rect.left()), min(img.width(), rect.right() + 1)):
            c = img.pixelColor(x, y)
            if abs(c.red() - bg.red()) + abs(c.green() - bg.green()) + abs(c.blue() - bg.blue()) > 60:
                n += 1
    return n
