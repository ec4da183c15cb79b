"""Shared fixtures: small scenarios built through the model's public API."""

from __future__ import annotations

import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Logs, autosave and recovery files of the tests go to a temporary folder, never the user's.
os.environ.setdefault("ECODESK_DATA_DIR", tempfile.mkdtemp(prefix="ecodesk-test-data-"))

from ecodesk.model import (
    Capability,
    Ecosystem,
    Entity,
    Flow,
    Need,
    Pool,
    Project,
    Scenario,
)


def build_sensor_scenario(name: str = "Base") -> Scenario:
    """The sensor firm reusing one R&D investment in three ecosystems (seed 000)."""
    s = Scenario(name)
    for eco in (Ecosystem("car", "智能汽车", "#4c78a8"), Ecosystem("home", "智能家居", "#f58518"),
                Ecosystem("med", "医疗健康", "#54a24b")):
        s.add(eco)
    s.add(Entity("sensor", "智能传感器企业", "research", "电子", ("car", "home", "med"), risk=0.05, x=0, y=0))
    s.add(Entity("auto", "车企", "platform", "汽车", ("car",), risk=0.02, x=200, y=-100))
    s.add(Entity("homeco", "家电企业", "channel", "家电", ("home",), risk=0.03, x=200, y=0))
    s.add(Entity("hosp", "医疗器械商", "partner", "医疗", ("med",), risk=0.04, x=200, y=100))
    s.add(Entity("users", "终端用户", "user", "", ("car", "home", "med"), demand=100, x=400, y=0))
    s.add(Capability("rd", "传感器研发", "R&D", "sensor", fixed_cost=300, unit_cost=1))
    s.add(Capability("cloud", "数据平台", "data", "auto", fixed_cost=50, unit_cost=0.5))
    for i, tgt in enumerate(("auto", "homeco", "hosp"), 1):
        s.add(Flow(f"f{i}", "sensor", tgt, "capability", volume=10, unit_value=5, capability="rd"))
        s.add(Flow(f"g{i}", tgt, "users", "goods", volume=20, unit_value=10))
    s.add(Flow("d1", "users", "auto", "data", volume=5))
    s.add(Need("n1", "hosp", "data", volume=3, standalone_cost=40))
    s.add(Pool("p1", "研发分摊", "cost", 300, ("auto", "homeco", "hosp"), "shapley"))
    return s


@pytest.fixture
def sensor_scenario() -> Scenario:
    return build_sensor_scenario()


@pytest.fixture
def sensor_project() -> Project:
    return Project("传感器复用", scenarios=[build_sensor_scenario("Base"), build_sensor_scenario("Alt")])
