"""Model objects refuse every invalid field, naming the object and the field."""

from __future__ import annotations

import math

import pytest

from ecodesk.model import (
    AnalysisSettings,
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
    Tier,
    ValidationError,
    make,
)


def refused(fn, what: str, field: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn()
    err = info.value
    assert err.what == what
    assert err.field == field
    assert field in str(err) and what.capitalize() in str(err)
    assert err.sentence("zh")  # a Chinese sentence exists too
    return err


def test_entity_defaults_and_coercion():
    e = Entity("a", "甲", "supplier", ecosystems=["x", "x", "y"], demand=3)
    assert e.kind is EntityKind.SUPPLIER
    assert e.ecosystems == ("x", "y")
    assert e.demand == 3.0 and isinstance(e.demand, float)
    assert e.label == "甲"
    assert Entity("b").label == "b"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": ""}, "id"),
        ({"id": " a"}, "id"),
        ({"id": "a", "kind": "alien"}, "kind"),
        ({"id": "a", "demand": -1}, "demand"),
        ({"id": "a", "risk": 1.5}, "risk"),
        ({"id": "a", "risk": -0.1}, "risk"),
        ({"id": "a", "risk": math.nan}, "risk"),
        ({"id": "a", "revenue": -5}, "revenue"),
        ({"id": "a", "x": math.inf}, "x"),
        ({"id": "a", "demand": "lots"}, "demand"),
        ({"id": "a", "demand": True}, "demand"),
        ({"id": "a", "name": 5}, "name"),
    ],
)
def test_entity_refusals(kwargs, field):
    refused(lambda: Entity(**kwargs), "entity", field)


def test_unknown_kind_lists_allowed_values():
    err = refused(lambda: Entity("a", kind="alien"), "entity", "kind")
    assert "platform" in str(err) and "supplier" in str(err)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": "f", "source": "a", "target": "a"}, "target"),
        ({"id": "f", "source": "", "target": "b"}, "source"),
        ({"id": "f", "source": "a", "target": "b", "volume": -1}, "volume"),
        ({"id": "f", "source": "a", "target": "b", "unit_value": -1}, "unit_value"),
        ({"id": "f", "source": "a", "target": "b", "risk": 2}, "risk"),
        ({"id": "f", "source": "a", "target": "b", "kind": "teleport"}, "kind"),
        ({"id": "f", "source": "a", "target": "b", "kind": "capability"}, "capability"),
        ({"id": "f", "source": "a", "target": "b", "kind": "goods", "capability": "k"}, "capability"),
        ({"id": "f", "source": "a", "target": "b", "kind": "goods", "standalone_cost": 3}, "standalone_cost"),
        ({"id": "f", "source": "a", "target": "b", "kind": "capability", "capability": "k", "standalone_cost": -3},
         "standalone_cost"),
    ],
)
def test_flow_refusals(kwargs, field):
    refused(lambda: Flow(**kwargs), "flow", field)


def test_flow_value_and_kinds():
    f = Flow("f", "a", "b", "capability", 4, 2.5, capability="k", standalone_cost=9)
    assert f.kind is FlowKind.CAPABILITY and f.value == 10.0 and f.standalone_cost == 9.0


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": "k", "owner": ""}, "owner"),
        ({"id": "k", "owner": "a", "fixed_cost": -1}, "fixed_cost"),
        ({"id": "k", "owner": "a", "unit_cost": -0.5}, "unit_cost"),
        ({"id": "k", "owner": "a", "capacity": -2}, "capacity"),
    ],
)
def test_capability_refusals(kwargs, field):
    refused(lambda: Capability(**kwargs), "capability", field)


def test_category_key_is_trimmed_and_casefolded():
    assert Capability("k", category="  R&D ", owner="a").category_key == "r&d"
    assert Need("n", "a", "r&d").category_key == Capability("k", category="R&D", owner="a").category_key


def test_need_refusals():
    refused(lambda: Need("n", "", "x"), "need", "entity")
    refused(lambda: Need("n", "a", "  "), "need", "category")
    refused(lambda: Need("n", "a", "x", volume=-1), "need", "volume")
    refused(lambda: Need("n", "a", "x", standalone_cost=-1), "need", "standalone_cost")


def test_pool_fields_and_refusals():
    p = Pool("p", "P", "revenue", 100, ["a", "b"], "tiered", tiers=[{"up_to": 1e6, "rate": 0.2},
                                                                     {"up_to": None, "rate": 0.15}])
    assert p.type is PoolType.REVENUE and p.rule is PoolRule.TIERED
    assert p.tiers == (Tier(1e6, 0.2), Tier(None, 0.15))
    assert p.to_dict()["tiers"] == [{"up_to": 1e6, "rate": 0.2}, {"up_to": None, "rate": 0.15}]
    refused(lambda: Pool("p", members=["a"], weights={"b": 1}), "pool", "weights")
    refused(lambda: Pool("p", members=["a"], floors={"b": 1}), "pool", "floors")
    refused(lambda: Pool("p", type="reserve", members=["a"], claims={"z": 1}, rule="talmud"), "pool", "claims")
    refused(lambda: Pool("p", members=["a"], weights={"a": -1}), "pool", "weights[a]")
    refused(lambda: Pool("p", amount=-1), "pool", "amount")
    refused(lambda: Pool("p", rule="talmud"), "pool", "rule")
    refused(lambda: Pool("p", type="reserve", rule="floor_share"), "pool", "rule")
    refused(lambda: Pool("p", type="gift"), "pool", "type")
    refused(lambda: Pool("p", scale_exponent=0), "pool", "scale_exponent")
    refused(lambda: Pool("p", scale_exponent=1.2), "pool", "scale_exponent")
    refused(lambda: Pool("p", tiers=[{"up_to": 5, "rate": 0.1}, {"up_to": 2, "rate": 0.2}]), "pool", "tiers[1]")
    refused(lambda: Pool("p", tiers=[{"up_to": None, "rate": 0.1}, {"up_to": 9, "rate": 0.2}]), "pool", "tiers[1]")
    refused(lambda: Pool("p", tiers=[{"up_to": 5, "rate": 1.5}]), "pool", "tiers[0].rate")


def test_settings_defaults_and_refusals():
    s = AnalysisSettings()
    assert (s.trials, s.orders, s.threshold, s.cascade_threshold) == (10_000, 100, 0.9, 0.5)
    assert [k.value for k in s.supply_kinds] == ["goods", "capability", "logistics"]
    assert AnalysisSettings.from_dict({"supply_kinds": ["goods"], "bogus": 1}).supply_kinds == (FlowKind.GOODS,)
    for bad in ({"trials": 0}, {"orders": 1.5}, {"seed": -1}, {"threshold": 2}, {"supply_kinds": ()},
                {"supply_kinds": ("x",)}):
        with pytest.raises(ValidationError):
            AnalysisSettings(**bad)


def test_make_refuses_unknown_fields_and_non_objects():
    with pytest.raises(ValidationError) as info:
        make(Entity, {"id": "a", "colour": "red"})
    assert info.value.field == "colour"
    with pytest.raises(ValidationError):
        make(Entity, ["a"])
    with pytest.raises(ValidationError) as info:
        make(Flow, {"source": "a", "target": "b"})
    assert info.value.field == "id"


def test_to_dict_uses_spec_field_names():
    e = Entity("a", "甲", "user", ecosystems=("x",))
    assert list(e.to_dict()) == ["id", "name", "kind", "industry", "ecosystems", "demand", "risk", "revenue",
                                 "notes", "x", "y", "color"]
    assert e.to_dict()["kind"] == "user" and e.to_dict()["ecosystems"] == ["x"]
    assert list(Flow("f", "a", "b").to_dict()) == ["id", "source", "target", "kind", "volume", "unit_value", "risk",
                                                   "notes", "capability", "standalone_cost", "label"]
    assert list(Ecosystem("e").to_dict()) == ["id", "name", "color"]
    assert list(Need("n", "a", "c").to_dict()) == ["id", "entity", "category", "volume", "standalone_cost"]


def test_labels_in_both_languages():
    assert EntityKind.SUPPLIER.label("zh") == "供应商"
    assert EntityKind.SUPPLIER.label("en") == "Supplier"
    assert FlowKind.CREDIT.label("zh_CN") == "金融/信贷"
    assert PoolRule.FLOOR_SHARE.label("zh") == "保底+分成"


def test_huge_numbers_are_refused_by_name():
    for value in (1e308, 10**400, 2e15):
        with pytest.raises(ValidationError) as info:
            Flow("f", "a", "b", volume=value)
        assert info.value.field == "volume"
    with pytest.raises(ValidationError) as info:
        Entity("e", x=-2e15)
    assert info.value.field == "x" and "too large" in str(info.value)
    assert Flow("f", "a", "b", volume=1e15).volume == 1e15


def test_settings_bounds_and_malformed_settings():
    for bad in ({"trials": 10**12}, {"orders": 10**7}, {"seed": 2**40}, {"supply_kinds": 5}, {"supply_kinds": [[1]]},
                "not a mapping"):
        with pytest.raises(ValidationError):
            AnalysisSettings.from_dict(bad)
