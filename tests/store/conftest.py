"""Fixtures of the store tests: a sample project touching every field, the benchmark
generator, and a fingerprint of a file to prove that refusing it changed nothing."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ecodesk.model import (
    AnalysisSettings,
    Annotation,
    Capability,
    Ecosystem,
    Entity,
    EntityKind,
    Flow,
    FlowKind,
    Need,
    Pool,
    PoolRule,
    PoolType,
    Project,
    Scenario,
    Tier,
    View,
)

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def build_sample_project(*, v2_fields: bool = True, v3_fields: bool = False) -> Project:
    """Three scenarios: one with every field and kind, a variant of it, and an empty one.

    ``v2_fields=False`` leaves out what schema version 2 added (flow labels, entity
    colours, ranges): the content of ``fixtures/v1_sample.ecodesk``; the default is the
    content of ``fixtures/v2_sample.ecodesk``. ``v3_fields=True`` adds what version 3 added
    (entity sizes, annotations, views — one of a scenario that does not exist): the content
    of ``fixtures/v3_sample.ecodesk``."""
    base = Scenario("1.0 线性供应链")
    base.add(Ecosystem("eco-east", "华东生态", "#1f77b4"))
    base.add(Ecosystem("eco-bare"))
    base.add(
        Entity(
            "P",
            "家电产业互联网平台",
            EntityKind.PLATFORM,
            "产业互联网",
            ("eco-east", "eco-bare"),
            revenue=1.2e10,
            risk=0.01,
            notes="平台枢纽\n第二行 \"引号\" 'single' 🚚",
            x=600.0,
            y=-0.5,
        )
    )
    base.add(
        Entity(
            "S1",
            "佛山冰箱供应商",
            EntityKind.SUPPLIER,
            "家电制造",
            ("eco-east",),
            risk=0.05,
            revenue=None,
            x=-123.456,
            y=1e-9,
        )
    )
    base.add(Entity("S2", "", EntityKind.SUPPLIER, "", (), revenue=0.0))
    base.add(Entity("D1", "杭州经销商", EntityKind.CHANNEL, "家电零售", ("eco-east",), risk=0.1, x=900.0))
    base.add(Entity("V1", "安装服务商", EntityKind.SERVICE, "安装服务", ("eco-bare",), risk=0.0, x=600.0, y=300.0))
    base.add(Entity("U1", "杭州冰箱客群", EntityKind.USER, demand=12_345.5, x=1200.0))
    base.add(Entity("T1", "跨界伙伴", EntityKind.PARTNER, "银行"))
    base.add(Entity("R1", "研究院", EntityKind.RESEARCH))
    base.add(Entity("O1", "其他", EntityKind.OTHER, risk=1.0))
    base.add(Capability("C-install", "安装服务能力", " Installation ", "V1", 600_000.0, 45.5, None))
    base.add(Capability("C-data", "数据中台", "data analytics", "P", 8e6, 2.0, 50_000.0))
    base.add(Flow("F1", "S1", "P", FlowKind.GOODS, 20_000.0, 2_500.0, 0.02, "主力冰箱"))
    base.add(Flow("F2", "S2", "P", FlowKind.GOODS, 0.0, 0.0))
    base.add(Flow("F3", "P", "D1", FlowKind.GOODS, 5_000.0, 3_000.0, 0.03))
    base.add(Flow("F4", "D1", "U1", FlowKind.GOODS, 4_800.0, 3_450.0))
    base.add(
        Flow("F5", "V1", "D1", FlowKind.CAPABILITY, 300.0, 59.15, 0.04, capability="C-install", standalone_cost=None)
    )
    base.add(Flow("F6", "P", "D1", FlowKind.CAPABILITY, 200.0, 4.0, capability="C-data", standalone_cost=90_000.0))
    base.add(Flow("F7", "D1", "P", FlowKind.DATA, 1e5, 0.0, notes="销售数据回流"))
    base.add(Flow("F8", "V1", "U1", FlowKind.LOGISTICS, 10.0, 1.0))
    base.add(Flow("F9", "T1", "P", FlowKind.TRAFFIC, 1e6, 0.5))
    base.add(Flow("F10", "D1", "P", FlowKind.MONEY, 1.0, 1.5e7))
    base.add(Flow("F11", "P", "R1", FlowKind.CREDIT, 1.0, 2e6, 0.0, "创新基金"))
    base.add(Need("N1", "D1", "installation", 120.0, 80_000.0))
    base.add(Need("N2", "U1", "金融", 0.0, 0.0))
    base.add(
        Pool(
            "pool-cost",
            "共享仓储成本",
            PoolType.COST,
            3e6,
            ("P", "S1", "D1"),
            PoolRule.PROPORTIONAL,
            weights={"P": 2.0, "S1": 1.0},
            scale_exponent=1.0,
        )
    )
    base.add(
        Pool("pool-floor", "生态伙伴计划", PoolType.REVENUE, 2e7, ("P", "D1"), PoolRule.FLOOR_SHARE, floors={"D1": 5e5})
    )
    base.add(
        Pool(
            "pool-tier",
            "阶梯返利",
            PoolType.REVENUE,
            5e6,
            ("D1", "S1"),
            PoolRule.TIERED,
            weights={"D1": 1e6, "S1": 3e6},
            tiers=(Tier(5e5, 0.01), Tier(2e6, 0.02), Tier(None, 0.03)),
        )
    )
    base.add(
        Pool(
            "pool-reserve",
            "风险准备金",
            PoolType.RESERVE,
            5e6,
            ("S1", "S2"),
            PoolRule.TALMUD,
            claims={"S1": 4e6, "S2": 3e6},
            scale_exponent=0.5,
        )
    )
    base.add(Pool("pool-empty", "", PoolType.COST, 0.0, (), PoolRule.EQUAL))
    if v2_fields:  # schema version 2: flow labels (Chinese, formula-like), entity colours, ranges
        base.replace(base.flows["F1"].evolve(label="月度结算 · 主力冰箱"))
        base.replace(base.flows["F6"].evolve(label="=HYPERLINK(\"x\")\t第二行"))
        base.replace(base.entities["P"].evolve(color="#ff9900"))
        base.replace(base.entities["U1"].evolve(color="#1f77b4"))
        # ranges (SPEC §3.7) on every kind of object that carries them, ends at the value too
        base.replace(base.entities["P"].evolve(ranges={"revenue": (1e10, 1.5e10), "risk": (0.0, 0.05)}))
        base.replace(base.entities["U1"].evolve(ranges={"demand": (12_345.5, 20_000.0)}))
        base.replace(base.capabilities["C-data"].evolve(ranges={"fixed_cost": (6e6, 1.1e7), "capacity": (4e4, 5e4)}))
        base.replace(base.flows["F1"].evolve(ranges={"volume": (16_000.0, 24_000.0), "risk": (0.01, 0.1)}))
        base.replace(base.flows["F6"].evolve(ranges={"standalone_cost": (70_000.0, 1.2e5), "unit_value": (3.5, 4.5)}))
        base.replace(base.needs["N1"].evolve(ranges={"volume": (100.0, 150.5), "standalone_cost": (6e4, 1e5)}))
        base.replace(base.pools["pool-cost"].evolve(ranges={"amount": (2.5e6, 4e6), "scale_exponent": (0.7, 1.0)}))

    if v3_fields:  # schema version 3: entity sizes, workshop notes (便签)
        base.replace(base.entities["P"].evolve(size=2.5))
        base.replace(base.entities["U1"].evolve(size=0.25))
        base.replace(base.entities["O1"].evolve(size=4.0))
        base.add(Annotation("note1", "平台是枢纽：先谈佛山供应商\n第二行 🚚", 420.0, -180.5, 260.0, 140.0, "#fff3b0"))
        base.add(Annotation("note2", "Ask the bank about credit terms", -300.0, 400.0, 220.0, 120.0))
        base.add(Annotation("note-empty", "", 1e4, -1e4, 40.0, 30.0, "#1f77b4"))
    network = base.copy("2.0 网络生态")
    network.add(Entity("D2", "宁波经销商", EntityKind.CHANNEL, "家电零售", ("eco-east",), x=900.0, y=80.0), index=4)
    network.add(Flow("F12", "P", "D2", FlowKind.GOODS, 1_000.0, 2_900.0))
    network.add(Flow("F13", "V1", "D2", FlowKind.CAPABILITY, 50.0, 59.15, capability="C-install",
                     label="PUT /documents" if v2_fields else ""), index=0)
    network.replace(network.entities["S1"].evolve(name="佛山冰箱供应商（二期）", risk=0.02))
    network.remove("pool-empty", Pool)
    if v3_fields:
        network.replace(network.entities["D2"].evolve(size=1.75))
        network.remove("note2", Annotation)
        network.replace(network.annotations["note1"].evolve(text="宁波经销商加入后", width=300.0))
        network.add(Annotation("note3", "Mixed 中英 text, \"quotes\"", 0.0, 0.0), index=0)

    settings = AnalysisSettings(
        seed=7,
        trials=500,
        orders=20,
        threshold=0.8,
        cascade_threshold=0.4,
        supply_kinds=(FlowKind.GOODS, FlowKind.LOGISTICS, FlowKind.DATA),
    )
    views = [
        View("view1", "总览：线性供应链", "1.0 线性供应链", (-400.0, -300.5, 1800.0, 900.0), "kind", (), "overview",
             "先讲平台的位置。\nSpeaker notes, second line."),
        View("view2", "Criticality of the network", "2.0 网络生态", (0.0, 0.0, 1366.0, 768.0), "criticality",
             (FlowKind.MONEY, FlowKind.DATA), "resilience", ""),
        View("view-orphan", "已删除的情景", "3.0 已删除", (10.0, 20.0, 30.5, 40.25), "shapley", (FlowKind.CREDIT,),
             None, "its scenario was deleted: kept, marked"),
        View("view3", "", "空情景", (0.0, 0.0, 1000.0, 700.0), "ecosystem", (), "cost"),
    ]
    return Project(
        "互供生态示例",
        currency="CNY",
        period="year",
        notes="样例项目：家电 S2B2B 平台",
        language="zh_CN",
        settings=settings,
        scenarios=[base, network, Scenario("空情景")],
        views=views if v3_fields else (),
    )


@pytest.fixture
def sample_project() -> Project:
    return build_sample_project()


def _load_generator() -> ModuleType:
    path = ROOT / "tests" / "benchmarks" / "generate.py"
    spec = importlib.util.spec_from_file_location("ecodesk_bench_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    """``tests/benchmarks/generate.py`` as a module (it is not importable as a package)."""
    return _load_generator()


@pytest.fixture
def small_project(generator: ModuleType) -> Project:
    """A generated S2B2B project: 5 suppliers, 50 distributors, 3 service providers."""
    project: Project = generator.generate_s2b2b(5, 50, 3, seed=1)
    return project


def fingerprint(path: Path) -> tuple[str, int, int, list[str]]:
    """Content hash, mtime, size and the folder's listing: all must survive a refusal."""
    st = path.stat()
    return (hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size, sorted(os.listdir(path.parent)))


@pytest.fixture
def unchanged() -> Callable[[Path], Any]:
    """``with unchanged(path): ...`` asserts the block leaves ``path`` and its folder alone."""
    from contextlib import contextmanager

    @contextmanager
    def check(path: Path) -> Any:
        before = fingerprint(path)
        yield
        assert fingerprint(path) == before

    return check
