"""Helpers for the main-window, inspector, tables, files and preferences tests: a small
ecosystem with Chinese names (several ecosystems, flows of six kinds, capabilities, needs,
a pool) and small input helpers."""

from __future__ import annotations

from ecodesk.model import Capability, Ecosystem, Entity, Flow, Need, Pool, Project, Scenario


def sample_scenario(name: str = "网络生态 2.0") -> Scenario:
    s = Scenario(name)
    for eco in (Ecosystem("eco1", "智慧农业", "#59a14f"), Ecosystem("eco2", "冷链物流", "#4e79a7"),
                Ecosystem("eco3", "社区零售", "#f28e2b")):
        s.add(eco)
    ents = [
        Entity("e1", "云链平台", "platform", "互联网", ("eco1", "eco2", "eco3"), 0, 0.02, 5e6, x=0, y=0),
        Entity("e2", "传感器公司", "supplier", "制造", ("eco1", "eco2"), 0, 0.05, x=-260, y=-140),
        Entity("e3", "冷链物流商", "service", "物流", ("eco2",), 0, 0.08, x=-260, y=140),
        Entity("e4", "县域经销商", "channel", "零售", ("eco3",), 0, 0.1, x=260, y=-140),
        Entity("e5", "社区门店客群", "user", "", ("eco3",), 1200, 0.0, x=520, y=0),
        Entity("e6", "农业科学院", "research", "科研", ("eco1",), 0, 0.01, x=-520, y=0),
        Entity("e7", "银行", "partner", "金融", (), 0, 0.03, x=260, y=200),
    ]
    for e in ents:
        s.add(e)
    s.add(Capability("cap1", "数据中台", "data platform", "e1", 800_000, 2.0, None))
    s.add(Capability("cap2", "冷链仓储", "cold storage", "e3", 500_000, 5.0, 10_000))
    flows = [
        Flow("f1", "e2", "e1", "goods", 1000, 120, 0.05),
        Flow("f2", "e1", "e4", "capability", 800, 0, 0.02, capability="cap1", standalone_cost=900_000),
        Flow("f3", "e3", "e4", "logistics", 900, 15, 0.04),
        Flow("f4", "e4", "e5", "goods", 1200, 150, 0.02),
        Flow("f5", "e5", "e1", "data", 5000, 1, 0.0),
        Flow("f6", "e7", "e4", "credit", 1, 200_000, 0.01),
        Flow("f7", "e6", "e2", "data", 10, 1000, 0.0),
        Flow("f8", "e1", "e5", "traffic", 3000, 2, 0.0),
        Flow("f9", "e3", "e2", "capability", 300, 0, 0.03, capability="cap2"),
    ]
    for f in flows:
        s.add(f)
    s.add(Need("n1", "e5", "cold storage", 200, 50_000))
    s.add(Need("n2", "e2", "data platform", 100, 300_000))
    s.add(Pool("pool1", "平台建设成本", "cost", 1_000_000, ("e1", "e2", "e4"), "proportional"))
    return s


def sample_project() -> Project:
    p = Project("互供生态示例", scenarios=[sample_scenario(), Scenario("线性供应链 1.0")])
    return p


def menu_titles(window) -> list[str]:
    return [a.text().replace("&", "") for a in window.menuBar().actions()]


def find_action(menu, object_name: str):
    for a in menu.actions():
        if a.objectName() == object_name:
            return a
    raise LookupError(object_name)


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` the way Chinese is typed: ASCII as key presses,
    anything else as an input-method commit (QTest cannot press non-ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            QTest.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


def shown(qtbot, widget, width: int, height: int):
    """``widget`` registered with qtbot, sized, shown and exposed (the inspector and tables tests)."""
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
