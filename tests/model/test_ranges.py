"""Model: ranges (SPEC §3.7) — which numbers may carry one, what the model refuses (each with
one sentence naming the object and the field, in English and Chinese), the read-only mapping
and the text form used by tables and files."""

from __future__ import annotations

import pickle

import pytest

from ecodesk.model import Capability, Entity, Flow, FlowKind, Need, Pool, PoolRule, PoolType, ValidationError, make
from ecodesk.model.ranges import (
    NO_RANGES,
    RANGE_FIELDS,
    RangeMap,
    format_range,
    format_ranges,
    split_ranges_text,
    with_range,
    without_range,
)


def cap_flow(**kw):
    return Flow("F6", "P", "D1", FlowKind.CAPABILITY, 200.0, 4.0, capability="C", **kw)


def test_every_object_starts_without_ranges_and_ranges_are_the_last_field():
    import dataclasses

    for cls, obj in ((Entity, Entity("e")), (Flow, Flow("f", "a", "b")), (Need, Need("n", "e", "x")),
                     (Capability, Capability("c", owner="e")), (Pool, Pool("p"))):
        assert obj.ranges == {} and obj.ranges is NO_RANGES
        assert [f.name for f in dataclasses.fields(cls)][-1] == "ranges"
        assert "ranges" not in obj.to_dict()  # JSON carries "ranges" only where there are some
    assert RANGE_FIELDS == {
        "entities": ("demand", "risk", "revenue"),
        "capabilities": ("fixed_cost", "unit_cost", "capacity"),
        "flows": ("volume", "unit_value", "risk", "standalone_cost"),
        "needs": ("volume", "standalone_cost"),
        "pools": ("amount", "scale_exponent"),
    }


def test_ranges_are_kept_in_field_order_read_only_hashable_and_picklable():
    f = Flow("f", "a", "b", volume=100, risk=0.1, ranges={"risk": [0.05, 0.2], "volume": (80, 120)})
    assert list(f.ranges) == ["volume", "risk"] and f.ranges["volume"] == (80.0, 120.0)
    assert isinstance(f.ranges, RangeMap) and f.ranges == {"volume": (80.0, 120.0), "risk": (0.05, 0.2)}
    assert f.to_dict()["ranges"] == {"volume": [80.0, 120.0], "risk": [0.05, 0.2]}
    with pytest.raises(TypeError):
        f.ranges["volume"] = (1, 2)  # type: ignore[index]
    with pytest.raises(AttributeError):
        f.ranges._items = {}  # type: ignore[attr-defined]
    assert hash(f) == hash(Flow("f", "a", "b", volume=100, risk=0.1, ranges={"volume": (80, 120), "risk": (0.05, 0.2)}))
    assert pickle.loads(pickle.dumps(f)) == f
    assert make(Flow, f.to_dict()) == f  # the JSON shape builds the same object


def test_with_and_without_range_give_validated_copies():
    e = Entity("e1", demand=10.0)
    e2 = with_range(e, "demand", 8, 12.5)
    assert e2.ranges == {"demand": (8.0, 12.5)} and e.ranges == {}
    assert without_range(e2, "demand") == e and without_range(e, "demand") is e
    with pytest.raises(ValidationError):
        with_range(e, "demand", 11, 12)


# The sentences (ValidationError.readable, as the app shows them, and .sentence, as files and the
# command line do) in both languages.
REFUSALS = [
    (lambda: Flow("f1", "a", "b", volume=100, ranges={"volume": (130, 150)}),
     "Flow 'f1', Range of Volume: the low end 130 is above the value 100",
     "资源流 'f1' 的数量的范围：下限 130 高于数值 100",
     "Flow 'f1', field 'ranges[volume]': the low end 130 is above the value 100"),
    (lambda: Flow("f1", "a", "b", volume=100, ranges={"volume": (10, 90)}),
     "Flow 'f1', Range of Volume: the high end 90 is below the value 100",
     "资源流 'f1' 的数量的范围：上限 90 低于数值 100",
     "Flow 'f1', field 'ranges[volume]': the high end 90 is below the value 100"),
    (lambda: Entity("e1", demand=5, ranges={"demand": (8, 2)}),
     "Entity 'e1', Range of Demand: the low end 8 is above the high end 2",
     "主体 'e1' 的需求量的范围：下限 8 高于上限 2",
     "Entity 'e1', field 'ranges[demand]': the low end 8 is above the high end 2"),
    (lambda: Entity("e1", ranges={"x": (0, 10)}),
     "Entity 'e1', Ranges: 'x' cannot carry a range (only demand, risk, revenue can)",
     "主体 'e1' 的范围：'x' 不能设定范围（只有 demand, risk, revenue 可以）",
     "Entity 'e1', field 'ranges': 'x' cannot carry a range (only demand, risk, revenue can)"),
    (lambda: Entity("e1", ranges={"name": (0, 10)}),
     "Entity 'e1', Ranges: 'name' cannot carry a range (only demand, risk, revenue can)",
     "主体 'e1' 的范围：'name' 不能设定范围（只有 demand, risk, revenue 可以）", None),
    (lambda: Entity("e1", ranges={"revenue": (0, 10)}),
     "Entity 'e1', Range of Revenue: the value is not set, so it cannot carry a range: set the value first",
     "主体 'e1' 的收入的范围：数值未设定，不能设定范围：请先填写数值", None),
    (lambda: Flow("f1", "a", "b", ranges={"standalone_cost": (0, 10)}),
     "Flow 'f1', Range of Standalone cost: the value is not set, so it cannot carry a range: set the value first",
     "资源流 'f1' 的独立获取成本的范围：数值未设定，不能设定范围：请先填写数值", None),
    (lambda: Capability("c1", owner="e", ranges={"capacity": (0, 10)}),
     "Capability 'c1', Range of Capacity: the value is not set, so it cannot carry a range: set the value first",
     "能力 'c1' 的产能的范围：数值未设定，不能设定范围：请先填写数值", None),
    (lambda: Entity("e1", risk=0.5, ranges={"risk": (0.2, 1.2)}),
     "Entity 'e1', Range of Risk: the high end 1.2 is outside [0, 1]",
     "主体 'e1' 的风险的范围：上限 1.2 不在 [0, 1] 之内",
     "Entity 'e1', field 'ranges[risk]': the high end 1.2 is outside [0, 1]"),
    (lambda: cap_flow(standalone_cost=50.0, ranges={"standalone_cost": (-5, 60)}),
     "Flow 'F6', Range of Standalone cost: the low end must not be negative (got -5)",
     "资源流 'F6' 的独立获取成本的范围：下限不能为负数（当前为 -5）", None),
    (lambda: Pool("p1", scale_exponent=0.8, ranges={"scale_exponent": (0, 1)}),
     "Pool 'p1', Range of Scale exponent β: the low end 0 is outside (0, 1]",
     "共享安排 'p1' 的规模指数 β的范围：下限 0 不在 (0, 1] 之内", None),
    (lambda: Need("n1", "e", "x", volume=3, ranges={"volume": (1, "many")}),
     "Need 'n1', Range of Volume: the high end 'many' is not a number",
     "需求 'n1' 的数量的范围：上限 'many' 不是数字", None),
    (lambda: Need("n1", "e", "x", volume=3, ranges={"volume": (1, float("inf"))}),
     "Need 'n1', Range of Volume: the high end must be a finite number of at most 1e+15 (got inf)",
     "需求 'n1' 的数量的范围：上限必须是不超过 1e+15 的有限数值（当前为 inf）", None),
    (lambda: Need("n1", "e", "x", volume=3, ranges={"volume": (1, 2, 3)}),
     "Need 'n1', Range of Volume: must be [low, high]", "需求 'n1' 的数量的范围：必须是 [下限, 上限]", None),
    (lambda: Need("n1", "e", "x", ranges="volume=1..2"),
     "Need 'n1', Ranges: must be a mapping of field to [low, high]",
     "需求 'n1' 的范围：必须是“字段 → [下限, 上限]”的映射", None),
]


@pytest.mark.parametrize(("build", "en", "zh", "code"), REFUSALS)
def test_refusals_name_object_and_field_in_both_languages(build, en, zh, code):
    with pytest.raises(ValidationError) as info:
        build()
    assert info.value.readable() == en
    assert info.value.readable("zh") == zh
    if code is not None:
        assert info.value.sentence() == code == str(info.value)


def test_a_range_may_end_at_the_value_and_cover_the_whole_domain():
    assert Entity("e", risk=1.0, ranges={"risk": (0, 1)}).ranges == {"risk": (0.0, 1.0)}
    assert Need("n", "e", "x", volume=0, standalone_cost=0, ranges={"volume": (0, 0)}).ranges == {"volume": (0.0, 0.0)}
    p = Pool("p", type=PoolType.COST, amount=10, rule=PoolRule.EQUAL, scale_exponent=1,
             ranges={"scale_exponent": (0.5, 1)})
    assert p.ranges["scale_exponent"] == (0.5, 1.0)


def test_the_model_refuses_a_value_change_that_leaves_its_range():
    f = Flow("f1", "a", "b", volume=100, ranges={"volume": (80, 120)})
    with pytest.raises(ValidationError) as info:
        f.evolve(volume=150)
    assert info.value.field == "ranges[volume]"
    assert f.evolve(volume=120).volume == 120


@pytest.mark.parametrize(("ranges", "text"), [
    ({}, ""),
    ({"volume": (80.0, 120.0), "risk": (0.05, 0.2)}, "volume=80..120;risk=0.05..0.2"),
    ({"volume": (0.1 + 0.2, 1e15)}, "volume=0.30000000000000004..1000000000000000"),
    ({"volume": (1.5e-7, 3.0)}, "volume=1.5e-07..3"),
])
def test_text_form(ranges, text):
    assert format_ranges(RangeMap(ranges)) == text
    assert [(n, float(lo), float(hi)) for n, lo, hi in split_ranges_text(text)] == [
        (n, lo, hi) for n, (lo, hi) in ranges.items()]


def test_text_form_separators_and_malformed_parts():
    assert format_range(80, 120.5) == "80..120.5"
    assert split_ranges_text(" volume = 8万 ~ 12万 ； risk＝5%～20%;") == [("volume", "8万", "12万"),
                                                                       ("risk", "5%", "20%")]
    for bad in ("volume", "volume=80", "volume=..120", "=1..2x;"):
        with pytest.raises(ValueError):
            split_ranges_text(bad)
