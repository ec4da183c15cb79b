"""Edit rules for ranges (SPEC §3.7): "80..120" and the text form "volume=80..120;risk=5%..20%"
read with numbers as planners type them; setting or removing a range is one undo step; a value
edit that would leave its range is refused with the reason, never clamped."""

from __future__ import annotations

import pytest

from ecodesk.commands import History
from ecodesk.commands.editrules import (
    change_command,
    evolved,
    parse_range_text,
    parse_ranges_text,
    range_command,
    remove_range_command,
)
from ecodesk.model import Capability, Entity, Flow, FlowKind, Scenario, ValidationError
from ecodesk.model.labels import field_label


@pytest.fixture
def scenario() -> Scenario:
    s = Scenario("Base")
    s.add(Entity("e1", name="平台", revenue=1e6))
    s.add(Entity("e2", name="Farm"))
    s.add(Capability("c1", owner="e1", fixed_cost=500.0))
    s.add(Flow("f1", "e1", "e2", FlowKind.GOODS, volume=100.0, risk=0.1))
    s.add(Flow("f2", "e1", "e2", FlowKind.CAPABILITY, volume=10.0, capability="c1", standalone_cost=90.0))
    return s


@pytest.mark.parametrize(("field", "typed", "expected"), [
    ("volume", "80..120", (80.0, 120.0)),
    ("volume", " 8万 .. 1.2万 ", (80_000.0, 12_000.0)),  # read as typed; the model judges the order
    ("volume", "80~120", (80.0, 120.0)),
    ("volume", "1,000..2k", (1_000.0, 2_000.0)),
    ("risk", "5%..20%", (0.05, 0.2)),
    ("risk", "0.05～0.2", (0.05, 0.2)),
])
def test_one_range_as_typed(scenario, field, typed, expected):
    assert parse_range_text(scenario.flows["f1"], field, typed) == expected


@pytest.mark.parametrize(("field", "typed", "en", "zh"), [
    ("volume", "80", "Flow 'f1', Range of Volume: '80' is not low..high (e.g. 80..120)",
     "资源流 'f1' 的数量的范围：“80”不是 下限..上限 的形式（如 80..120）"),
    ("volume", "abc..120", "Flow 'f1', Range of Volume: 'abc' is not a number", "资源流 'f1' 的数量的范围：“abc”不是数字"),
    ("risk", "5万..1", "Flow 'f1', Range of Risk: takes a share from 0 to 1 or a percentage such as 15% (not '5万')",
     "资源流 'f1' 的风险的范围：请填写 0 到 1 之间的比例或百分比，如 15%（不是“5万”）"),
    ("volume", "5%..1", "Flow 'f1', Range of Volume: takes no percentage: type a plain number (not '5%')",
     "资源流 'f1' 的数量的范围：不能填写百分比，请填写数值（不是“5%”）"),
])
def test_one_range_refused_with_the_reason(scenario, field, typed, en, zh):
    with pytest.raises(ValidationError) as info:
        parse_range_text(scenario.flows["f1"], field, typed)
    assert (info.value.readable(), info.value.readable("zh")) == (en, zh)


def test_text_form_by_code_name_or_label_in_either_language(scenario):
    f1 = scenario.flows["f1"]
    assert parse_ranges_text(f1, "volume=80..120;risk=0.05..0.2") == {"volume": (80.0, 120.0), "risk": (0.05, 0.2)}
    assert parse_ranges_text(f1, "数量=8万..12万；Risk=5%..20%") == {"volume": (8e4, 1.2e5), "risk": (0.05, 0.2)}
    assert parse_ranges_text(f1, "") == {} and parse_ranges_text(f1, None) == {}


@pytest.mark.parametrize(("typed", "en"), [
    ("volume 80..120", "Flow 'f1', Ranges: 'volume 80..120' is not field=low..high (e.g. volume=80..120;risk=5%..20%)"),
    ("volume=1..2;volume=3..4", "Flow 'f1', Ranges: names volume twice"),
    ("colour=1..2", "Flow 'f1', Ranges: 'colour' cannot carry a range (only volume, unit_value, risk, standalone_cost "
                    "can)"),
    ("volume=130..150", "Flow 'f1', Range of Volume: the low end 130 is above the value 100"),
    ("risk=0..2", "Flow 'f1', Range of Risk: the high end 2 is outside [0, 1]"),
])
def test_table_edit_of_the_text_form_is_refused_with_the_reason(scenario, typed, en):
    f1 = scenario.flows["f1"]
    with pytest.raises(ValidationError) as info:
        change_command(scenario, f1, "ranges", typed)
    assert info.value.readable() == en
    assert scenario.flows["f1"] is f1


def test_ranges_given_as_a_mapping(scenario):
    f1 = scenario.flows["f1"]
    ranged = evolved(scenario, f1, "ranges", {"volume": (80, 120)})
    assert ranged.ranges == {"volume": (80.0, 120.0)}
    assert evolved(scenario, ranged, "ranges", ranged.ranges).ranges == ranged.ranges  # a RangeMap as it is


def test_table_edit_of_the_text_form_is_one_undo_step(scenario):
    h = History()
    h.push(change_command(scenario, scenario.flows["f1"], "ranges", "volume=80..120;risk=5%..20%"))
    assert scenario.flows["f1"].ranges == {"volume": (80.0, 120.0), "risk": (0.05, 0.2)}
    h.push(change_command(scenario, scenario.flows["f1"], "ranges", ""))
    assert scenario.flows["f1"].ranges == {}
    h.undo()
    assert scenario.flows["f1"].ranges == {"volume": (80.0, 120.0), "risk": (0.05, 0.2)}
    h.undo()
    assert scenario.flows["f1"].ranges == {} and len(h) == 2


def test_set_and_remove_a_range_are_one_undo_step_each(scenario):
    h = History()
    h.push(range_command(scenario, scenario.flows["f1"], "volume", "80", "1.2百万"))
    h.push(range_command(scenario, scenario.entities["e1"], "revenue", 8e5, 1.5e6))
    assert scenario.flows["f1"].ranges == {"volume": (80.0, 1.2e6)}
    assert scenario.entities["e1"].ranges == {"revenue": (8e5, 1.5e6)}
    cmd = range_command(scenario, scenario.flows["f1"], "volume", "90", "110")
    assert cmd.params["field"] == "ranges[volume]" and field_label(cmd.params["field"]) == "Range of Volume"
    h.push(cmd)
    h.push(range_command(scenario, scenario.flows["f1"], "volume", "", None))  # both empty: remove
    assert scenario.flows["f1"].ranges == {} and len(h) == 4
    h.undo()
    assert scenario.flows["f1"].ranges == {"volume": (90.0, 110.0)}
    h.undo()
    assert scenario.flows["f1"].ranges == {"volume": (80.0, 1.2e6)}
    h.undo()
    h.undo()
    assert scenario.flows["f1"].ranges == {} and scenario.entities["e1"].ranges == {}
    h.redo()
    assert scenario.flows["f1"].ranges == {"volume": (80.0, 1.2e6)}


def test_range_commands_that_change_nothing_are_none(scenario):
    f1 = scenario.flows["f1"]
    assert remove_range_command(scenario, f1, "volume") is None
    assert range_command(scenario, f1, "volume", None, None) is None
    f1b = f1.evolve(ranges={"volume": (80, 120)})
    scenario.replace(f1b)
    assert range_command(scenario, f1b, "volume", "80", "120") is None


def test_a_refused_range_changes_nothing(scenario):
    f1 = scenario.flows["f1"]
    for low, high, en in (("130", "150", "Flow 'f1', Range of Volume: the low end 130 is above the value 100"),
                          ("80", "", "Flow 'f1', Range of Volume: needs both a low and a high end"),
                          ("—", "120", "Flow 'f1', Range of Volume: needs a number")):
        with pytest.raises(ValidationError) as info:
            range_command(scenario, f1, "volume", low, high)
        assert info.value.readable() == en
    with pytest.raises(ValidationError) as info:
        range_command(scenario, scenario.entities["e2"], "revenue", "1", "2")  # revenue left unset
    assert info.value.readable("zh") == "主体 'e2' 的收入的范围：数值未设定，不能设定范围：请先填写数值"
    assert scenario.flows["f1"] is f1


@pytest.mark.parametrize(("field", "typed", "en", "zh"), [
    ("volume", "150", "Flow 'f1', Volume: 150 is outside its range 80–120: change the range first",
     "资源流 'f1' 的数量：150 超出其范围 80–120：请先修改范围"),
    ("volume", "7.9e1", "Flow 'f1', Volume: 79 is outside its range 80–120: change the range first",
     "资源流 'f1' 的数量：79 超出其范围 80–120：请先修改范围"),
    ("risk", "25%", "Flow 'f1', Risk: 0.25 is outside its range 0.05–0.2: change the range first",
     "资源流 'f1' 的风险：0.25 超出其范围 0.05–0.2：请先修改范围"),
])
def test_a_value_edit_outside_the_range_is_refused_not_clamped(scenario, field, typed, en, zh):
    h = History()
    h.push(change_command(scenario, scenario.flows["f1"], "ranges", "volume=80..120;risk=0.05..0.2"))
    before = scenario.flows["f1"]
    with pytest.raises(ValidationError) as info:
        h.push(change_command(scenario, before, field, typed))
    assert (info.value.readable(), info.value.readable("zh")) == (en, zh)
    assert scenario.flows["f1"] is before and len(h) == 1
    h.push(change_command(scenario, before, "volume", "120"))  # the end itself is inside
    assert scenario.flows["f1"].volume == 120.0


def test_an_optional_value_with_a_range_cannot_be_emptied(scenario):
    scenario.replace(scenario.entities["e1"].evolve(ranges={"revenue": (5e5, 2e6)}))
    with pytest.raises(ValidationError) as info:
        evolved(scenario, scenario.entities["e1"], "revenue", "")
    assert info.value.readable() == ("Entity 'e1', Revenue: cannot be left empty while it has a range 500000–2000000: "
                                     "remove the range first")
    assert info.value.readable("zh") == "主体 'e1' 的收入：设有范围 500000–2000000，不能留空：请先删除范围"


def test_a_flow_leaving_capability_kind_drops_the_standalone_cost_range_with_the_cost(scenario):
    f2 = scenario.flows["f2"].evolve(ranges={"volume": (5, 20), "standalone_cost": (80, 100)})
    scenario.replace(f2)
    new = evolved(scenario, f2, "kind", "goods")
    assert new.standalone_cost is None and new.ranges == {"volume": (5.0, 20.0)}
