"""Fixtures for the interchange formats: a project that sets every field there is."""

from __future__ import annotations

import pytest

from ecodesk.model import Annotation, Capability, Ecosystem, Entity, Flow, Need, Pool, Project, Scenario, Tier, View


def build_rich_scenario(name: str, variant: int = 0) -> Scenario:
    """Every kind, every field (None optionals too), awkward text, pools of every shape."""
    s = Scenario(name)
    s.add(Ecosystem("car", "智能汽车", "#4c78a8"))
    s.add(Ecosystem("家居", "智能家居, \"全屋\"", ""))
    s.add(Entity("hub", "电商平台", "platform", "互联网", ("car", "家居"), demand=0, risk=0.02, revenue=1.5e6,
                 notes="第一行\n第二行, 含逗号 \"引号\"\r\n第三行\ttab", x=-120.5, y=33.25, size=1.75))
    s.add(Entity("sup", "传感器供应商", "supplier", "电子", ("car",), risk=0.1, x=0, y=-200, size=0.25))
    s.add(Entity("渠道;华东", "华东经销商", "channel", "", ("家居",), demand=0, risk=0.05, revenue=None, x=80.125))
    s.add(Entity("svc", "  物流服务商 ", "service", "物流", (), risk=1.0, revenue=0.0))
    s.add(Entity("users", "终端用户", "user", "", ("car", "家居"), demand=1000 + variant, x=400, y=0.1))
    s.add(Entity("ally", "跨界伙伴", "partner", "金融", notes="=SUM(A1) looks like a formula"))
    s.add(Entity("lab", "科研院所", "research", "科研", risk=0.0, x=1e-7, y=123456789.125))
    s.add(Entity("misc", "", "other"))
    s.add(Capability("rd", "传感器研发", "R&D", "sup", fixed_cost=300000, unit_cost=1.25, capacity=None))
    s.add(Capability("wms", "共享仓", " Logistics ", "svc", fixed_cost=5e4, unit_cost=0.1, capacity=2500))
    s.add(Flow("f1", "sup", "hub", "capability", volume=10, unit_value=5, risk=0.01, capability="rd",
               standalone_cost=None))
    s.add(Flow("f2", "sup", "渠道;华东", "capability", volume=3.5, unit_value=0, capability="rd", standalone_cost=9e5))
    s.add(Flow("f3", "hub", "users", "goods", volume=800, unit_value=12.5, notes="主通道"))
    s.add(Flow("f3b", "hub", "users", "goods", volume=200, unit_value=11))  # a parallel flow
    s.add(Flow("f4", "渠道;华东", "users", "goods", volume=200, unit_value=13))
    s.add(Flow("f5", "svc", "hub", "logistics", volume=1000, unit_value=0.5, capability=None))
    s.add(Flow("f6", "users", "hub", "data", volume=5))
    s.add(Flow("f7", "hub", "渠道;华东", "traffic", volume=50, risk=0.3))
    s.add(Flow("f8", "hub", "sup", "money", volume=1, unit_value=1e5))
    s.add(Flow("f9", "ally", "hub", "credit", volume=2, unit_value=2.5e5, notes="授信"))
    s.add(Flow("f10", "svc", "渠道;华东", "capability", volume=20, capability="wms"))
    s.add(Need("n1", "users", "data", volume=3, standalone_cost=40))
    s.add(Need("n2", "渠道;华东", "logistics", volume=0, standalone_cost=0))
    s.add(Pool("p_cost", "研发分摊", "cost", 300000, ("hub", "渠道;华东", "svc"), "shapley",
               weights={"hub": 2, "渠道;华东": 1.5}, scale_exponent=0.9))
    s.add(Pool("p_tier", "达人阶梯分成", "revenue", 2e6, ("hub", "users"), "tiered",
               tiers=(Tier(1_000_000, 0.2), Tier(None, 0.15))))
    s.add(Pool("p_floor", "保底+分成", "revenue", 5e5, ("sup", "hub"), "floor_share", floors={"sup": 1e5, "hub": 0}))
    s.add(Pool("p_res", "风险准备金", "reserve", 1e5, ("sup", "svc", "lab"), "talmud",
               claims={"sup": 6e4, "svc": 3e4, "lab": 4.5e4}))
    s.add(Annotation("note1", "讨论：谁承担研发成本？\n第二行, \"引号\"", x=-300.5, y=-250, width=260, height=90,
                     color="#fff2a8"))
    s.add(Annotation("=note;2", "=HYPERLINK(\"http://x\")", x=500, y=0.1))  # an id with a separator, a formula
    s.add(Annotation("empty", "", x=1e-7, y=123456789.125, width=0.5, height=4000))
    return s


def build_rich_project() -> Project:
    project = Project("互供生态 · 测试", currency="CNY", period="year", notes="项目备注\n第二行, \"引号\"",
                      language="zh")
    project.set_meta(settings={"seed": 3, "trials": 200, "orders": 10, "threshold": 0.8,
                               "supply_kinds": ["goods", "data"]})
    project.add_scenario(build_rich_scenario("1.0 线性"))
    project.add_scenario(build_rich_scenario("2.0 网络；共享", 1))
    project.add_scenario(Scenario("空白 scenario"))
    project.add_view(View("v1", "总览：生态全景", "1.0 线性", (-400.5, -300, 1200, 800.25), "criticality",
                          ("money", "credit"), "cost", "先讲成本\n再讲风险, \"引号\""))
    project.add_view(View("v=2", "=SUM(A1)", "2.0 网络；共享", (0, 0, 1e-3, 5e6), "kind", (), None, ""))
    project.add_view(View("orphan", "", "已删除的情景", color_mode="shapley", hidden_kinds=("goods",),
                          panel="resilience"))
    return project


@pytest.fixture
def rich_project() -> Project:
    return build_rich_project()
