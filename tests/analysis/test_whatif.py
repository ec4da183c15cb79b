"""what_if: the figures of one entity leaving, against the analyses of the scenario with and
without it; neither scenario is edited."""

from __future__ import annotations

import pytest

from ecodesk.analysis.costshare import analyze_cost_sharing
from ecodesk.analysis.reuse import analyze_reuse
from ecodesk.analysis.whatif import what_if
from ecodesk.commands import remove_objects
from ecodesk.model import AnalysisSettings

FAST = AnalysisSettings(trials=50, orders=3, seed=4)


def _without(scenario, entity_id):
    copy = scenario.copy()
    remove_objects(copy, [copy.entities[entity_id]]).do()
    return copy


def test_the_sensor_firm_leaving(sensor_scenario):
    before = sensor_scenario.copy()
    without = _without(sensor_scenario, "sensor")
    d = what_if(sensor_scenario, without, FAST, "sensor")
    assert sensor_scenario.content_equals(before)
    # every channel's only supply is the sensor firm: all service is lost, everyone downstream fails with it
    assert (d.service_before, d.service_loss, d.service_after) == (1.0, 1.0, 0.0)
    assert set(d.cascade_failed) == {"auto", "homeco", "hosp", "users"} and d.cascade_size == 5
    assert d.cascade_service == 0.0 and d.cascade_threshold == FAST.cascade_threshold
    cs_before = analyze_cost_sharing(sensor_scenario, seed=FAST.seed)
    cs_after = analyze_cost_sharing(without, seed=FAST.seed)
    rows = {p.id: p for p in d.partners}
    assert set(rows) == set(cs_before.players) | set(cs_after.players)
    assert rows["sensor"].shapley_after is None and rows["sensor"].change is None
    for p in cs_after.players:
        assert rows[p].shapley_after == cs_after.shapley[p]
        assert rows[p].change == pytest.approx(cs_after.shapley[p] - cs_before.shapley[p])
    assert (d.total_cost_before, d.total_cost_after) == (cs_before.total_cost, cs_after.total_cost)
    assert d.savings_before == cs_before.total_standalone - cs_before.total_cost
    assert d.reuse_savings_after == analyze_reuse(without).total_savings
    assert [(c.id, c.consumers) for c in d.lost_capabilities] == [("rd", ("auto", "homeco", "hosp"))]
    assert d.new_gaps == () and d.pools_left == ()


def test_a_member_leaving_names_its_pools_and_new_gaps(sensor_scenario):
    d = what_if(sensor_scenario, _without(sensor_scenario, "auto"), FAST, "auto")
    assert d.pools_left == ("研发分摊",)
    assert [c.id for c in d.lost_capabilities] == []  # its data platform has no consumer
    assert d.service_loss == pytest.approx(0.0)  # the users still get goods from the other two
