"""Counts read as a person writes them: "1 entity", "1 capability", never "1 entities" —
in the status bar and on the overview cards; Chinese has one form with its measure word."""

from __future__ import annotations

from ecodesk.model import Capability, Entity, Flow, FlowKind, Project, Scenario
from ecodesk.ui.i18n import install_language
from tests.ui.panel_helpers import open_window, wait_current


def _one_of_each() -> Project:
    s = Scenario("Base")
    s.add(Entity("a", name="Hub"))
    s.add(Entity("b", name="Shop"))
    s.add(Capability("c1", name="Warehouse", category="storage", owner="a", fixed_cost=100.0))
    s.add(Flow("f1", source="a", target="b", kind=FlowKind.CAPABILITY, capability="c1", volume=1.0))
    return Project(name="Tiny", scenarios=[s])


def test_status_bar_and_cards_say_one_thing_in_the_singular(qtbot):
    install_language("en")
    w = open_window(qtbot, _one_of_each())
    qtbot.waitUntil(lambda: w.counts_label.text() == "2 entities · 1 flow")
    wait_current(qtbot, w.analysis_panel)
    cards = {c.key: c for c in w.analysis_panel.overview.card_data()}
    assert cards["total_savings"].sub == "Across 1 capability built once and shared"
    assert cards["counts"].sub == "1 capability · 0 sharing pools"
    install_language("zh")
    try:
        qtbot.waitUntil(lambda: w.counts_label.text() == "2 个主体 · 1 条资源流")
        cards = {c.key: c for c in w.analysis_panel.overview.card_data()}
        assert cards["counts"].sub == "1 项能力 · 0 个共享安排"
    finally:
        install_language("en")
