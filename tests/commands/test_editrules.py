"""Edit rules in the engine: numbers as planners type them (only where the field's unit
allows), dependent fields, default names, and the readable refusal sentences."""

from __future__ import annotations

import pytest

from ecodesk.commands import History
from ecodesk.commands.editrules import (
    FIELD_UNITS,
    change_command,
    default_name,
    evolved,
    field_unit,
    new_object,
    parse_id_list,
    parse_number,
)
from ecodesk.model import (
    Capability,
    Ecosystem,
    Entity,
    Flow,
    FlowKind,
    Pool,
    PoolRule,
    PoolType,
    Scenario,
    ValidationError,
)
from ecodesk.model.labels import field_label


@pytest.fixture
def scenario() -> Scenario:
    s = Scenario("Base")
    s.add(Ecosystem("eco1", name="智慧农业"))
    s.add(Entity("e1", name="Hub", demand=100.0, x=10.0))
    s.add(Entity("e2", name="Farm"))
    s.add(Entity("e3", name="Shop"))
    s.add(Capability("cap1", name="Cold chain", category="logistics", owner="e1"))
    s.add(Flow("f1", source="e1", target="e2", kind=FlowKind.CAPABILITY, capability="cap1", standalone_cost=50.0))
    s.add(Flow("f2", source="e2", target="e3"))
    s.add(Pool("pool1", name="P", type=PoolType.COST, members=("e1", "e2"), rule=PoolRule.TIERED,
               weights={"e1": 1.0, "e2": 2.0}, floors={"e2": 5.0}, claims={"e1": 3.0}))
    return s


E = Entity("e1")


@pytest.mark.parametrize(("field", "text", "value"), [
    ("demand", "3,000", 3000.0),
    ("demand", "3，000", 3000.0),  # a Chinese comma
    ("demand", "１２", 12.0),  # full-width digits
    ("demand", " 42 ", 42.0),
    ("demand", "1万", 10_000.0),
    ("demand", "1.2亿", 120_000_000.0),
    ("volume", "1.1万", 11_000.0),  # exact: not 11000.000000000002
    ("fixed_cost", "2k", 2000.0),
    ("fixed_cost", "2K", 2000.0),
    ("unit_value", "3千", 3000.0),
    ("revenue", "1.5M", 1_500_000.0),
    ("revenue", "2百万", 2_000_000.0),
    ("weights[e1]", "1万", 10_000.0),
    ("risk", "15%", 0.15),
    ("risk", "15％", 0.15),
    ("tiers[0].rate", "7.5%", 0.075),
    ("risk", "0.2", 0.2),
    ("x", "-120.5", -120.5),
    ("demand", "-5", -5.0),  # parsing keeps the sign: the model refuses it (below)
    ("demand", "−5", -5.0),  # a typographic minus
    ("demand", "1e3", 1000.0),
    ("demand", 7, 7.0),
    ("revenue", "", None),  # optional fields: empty is none
    ("capacity", "—", None),
])
def test_parse_number_accepts_what_planners_type(field, text, value):
    assert parse_number(E, field, text) == value


@pytest.mark.parametrize(("field", "text", "en", "zh"), [
    ("demand", "abc", "'abc' is not a number", "“abc”不是数字"),
    ("demand", "", "needs a number", "需要填写数值"),
    ("demand", "15%", "takes no percentage: type a plain number (not '15%')", "不能填写百分比，请填写数值（不是“15%”）"),
    ("scale_exponent", "80%", "takes no percentage: type a plain number (not '80%')",
     "不能填写百分比，请填写数值（不是“80%”）"),
    ("x", "1万", "takes a plain number, without 万, 亿 or k (not '1万')", "请填写数值，不能使用万、亿、k 等单位（不是“1万”）"),
    ("risk", "1万", "takes a share from 0 to 1 or a percentage such as 15% (not '1万')",
     "请填写 0 到 1 之间的比例或百分比，如 15%（不是“1万”）"),
    ("demand", "万", "'万' is not a number", "“万”不是数字"),
    ("demand", "1万2", "'1万2' is not a number", "“1万2”不是数字"),
])
def test_parse_number_refuses_naming_object_and_field(field, text, en, zh):
    with pytest.raises(ValidationError) as info:
        parse_number(E, field, text)
    err = info.value
    assert (err.what, err.obj_id, err.field) == ("entity", "e1", field)
    assert err.message == en
    assert err.message_zh == zh


def test_units_table_covers_money_volume_fractions_and_positions():
    assert {f for f, u in FIELD_UNITS.items() if u == "fraction"} >= {"risk", "rate"}
    assert field_unit("weights[e9]") == "quantity"
    assert field_unit("tiers[2].rate") == "fraction"
    assert field_unit("tiers[2].up_to") == "quantity"
    assert field_unit("floors[e1]") == field_unit("claims[e1]") == field_unit("amount") == "money"
    assert field_unit("x") == field_unit("y") == field_unit("scale_exponent") == "plain"


def test_out_of_range_values_are_refused_by_the_model_not_clamped(scenario):
    e1 = scenario.entities["e1"]
    with pytest.raises(ValidationError) as info:
        evolved(scenario, e1, "demand", "-5")
    assert info.value.readable() == "Entity 'e1', Demand: must not be negative (got -5)"
    assert info.value.readable("zh") == "主体 'e1' 的需求量：不能为负数（当前为 -5）"
    assert str(info.value) == "Entity 'e1', field 'demand': must not be negative (got -5)"  # code names stay
    with pytest.raises(ValidationError) as info:
        evolved(scenario, e1, "risk", "1.5")
    assert info.value.readable() == "Entity 'e1', Risk: must be at most 1 (got 1.5)"
    assert scenario.entities["e1"] is e1  # nothing changed


def test_accepted_values_become_one_command(scenario):
    history = History()
    history.push(change_command(scenario, scenario.entities["e1"], "demand", "1万"))
    history.push(change_command(scenario, scenario.entities["e1"], "risk", "15%"))
    assert scenario.entities["e1"].demand == 10_000
    assert scenario.entities["e1"].risk == 0.15
    history.undo()
    history.undo()
    assert scenario.entities["e1"].demand == 100 and scenario.entities["e1"].risk == 0


def test_flow_leaving_capability_kind_drops_capability_and_standalone_cost(scenario):
    new = evolved(scenario, scenario.flows["f1"], "kind", "goods")
    assert new.kind is FlowKind.GOODS and new.capability is None and new.standalone_cost is None
    back = evolved(scenario, new, "kind", "capability")  # becomes one again: its source's capability
    assert back.capability == "cap1"
    by_label = evolved(scenario, scenario.flows["f2"], "kind", "数据")  # a label works too
    assert by_label.kind is FlowKind.DATA


def test_pool_type_change_resets_a_rule_it_does_not_allow(scenario):
    new = evolved(scenario, scenario.pools["pool1"], "type", "reserve")
    assert new.type is PoolType.RESERVE and new.rule is PoolRule.PROPORTIONAL
    kept = evolved(scenario, scenario.pools["pool1"], "type", "revenue")
    assert kept.rule is PoolRule.TIERED  # still allowed: kept


def test_pool_members_change_prunes_weights_floors_and_claims(scenario):
    new = evolved(scenario, scenario.pools["pool1"], "members", "Hub, Shop")
    assert new.members == ("e1", "e3")
    assert new.weights == {"e1": 1.0} and new.floors == {} and new.claims == {"e1": 3.0}


def test_id_lists_by_name_or_id_and_unknown_names_refused(scenario):
    e1 = scenario.entities["e1"]
    assert parse_id_list(scenario, e1, "ecosystems", "智慧农业", "ecosystems") == ("eco1",)
    assert parse_id_list(scenario, e1, "ecosystems", "eco1；", "ecosystems") == ("eco1",)
    with pytest.raises(ValidationError) as info:
        parse_id_list(scenario, e1, "ecosystems", "Nowhere", "ecosystems")
    assert info.value.readable() == "Entity 'e1', Ecosystems: there is no ecosystem called 'Nowhere'"
    assert info.value.readable("zh") == "主体 'e1' 的所属生态：没有名为“Nowhere”的生态"


def test_default_names_in_english_and_chinese(scenario):
    assert default_name("entity") == "New entity" and default_name("entity", "zh") == "新主体"
    assert default_name("ecosystem", "zh") == "新生态"
    assert default_name("capability", "zh") == "新能力"
    assert default_name("pool", "zh") == "新共享安排"
    assert default_name("category", "zh") == "服务"
    ent = new_object(scenario, "entity", lang="zh")
    assert ent.name == "新主体" and ent.id == "e4" and ent.x == 170.0
    cap = new_object(scenario, "capability", [scenario.entities["e2"]])
    assert (cap.name, cap.category, cap.owner) == ("New capability", "service", "e2")
    need = new_object(scenario, "need", [scenario.entities["e2"]], lang="zh")
    assert need.category == "logistics"  # what another entity offers
    pool = new_object(scenario, "pool", [scenario.entities["e1"], scenario.entities["e3"]], lang="zh")
    assert pool.name == "新共享安排" and pool.members == ("e1", "e3")


def test_new_objects_that_cannot_exist_yet_are_refused():
    empty = Scenario("x")
    with pytest.raises(ValidationError) as info:
        new_object(empty, "flow")
    assert info.value.readable("zh").startswith("资源流的来源：")
    with pytest.raises(ValidationError):
        new_object(empty, "capability")


def test_field_labels_for_parts_of_fields():
    assert field_label("weights[e1]") == "Weights (e1)"
    assert field_label("weights[e1]", "zh") == "权重（e1）"
    assert field_label("tiers[0].rate") == "Tiers (1) rate"
    assert field_label("tiers[0].rate", "zh") == "分档（1）的比例"
    assert field_label("settings.trials", "zh") == "试验次数"
    assert field_label("no_such_field") == "no_such_field"


def test_typing_back_to_the_old_value_leaves_no_undo_step(scenario):
    history = History()
    e1 = scenario.entities["e1"]
    history.push(change_command(scenario, e1, "demand", "2", merge=True))
    history.push(change_command(scenario, scenario.entities["e1"], "demand", "25", merge=True))
    assert len(history) == 1
    step = history.open_merge((id(scenario), "entity", "e1", "demand"))
    assert step is not None and step.old == e1
    assert history.open_merge((id(scenario), "entity", "e1", "risk")) is None
    history.push(change_command(scenario, scenario.entities["e1"], "demand", "100", merge=True))  # the old value
    assert len(history) == 0 and not history.can_undo()
    assert history.is_clean()
    history.push(change_command(scenario, scenario.entities["e1"], "demand", "7", merge=True))
    assert len(history) == 1 and scenario.entities["e1"].demand == 7
    history.break_merge()
    assert history.open_merge((id(scenario), "entity", "e1", "demand")) is None

