"""The design optimiser on the templates (issue 16): S2B2B's duplicated warehouse (各自建仓) is closed."""

from __future__ import annotations

from pytest import approx

from ecodesk.analysis.optimize import DesignOptions, apply_design, optimize_design
from ecodesk.analysis.reuse import analyze_reuse
from ecodesk.templates import load_template

NETWORK = "2.0 网络生态"


def test_s2b2b_closes_the_duplicated_warehouse_with_positive_savings() -> None:
    s = load_template("s2b2b_appliance").scenario(NETWORK)
    warehouses = sorted(c.id for c in s.capabilities if c.category == "仓储")
    assert warehouses == ["shared_wh", "wh_east"]  # the distributor's own one beside the shared one
    r = optimize_design(s)
    assert r.status == "optimal" and r.gap == 0.0
    assert "wh_east" in r.close and "shared_wh" in r.keep
    served = {a.demand: a.capability for a in r.assignments}
    assert served["c_wheast_storemall"] == "shared_wh"
    assert all(served[f"c_wh_{x}"] == "shared_wh" for x in ("east", "south", "city", "county"))
    # closing wh_east alone saves its fixed cost and 0.5 per unit on the mall counters' 500,000 units
    only_wh = optimize_design(s, DesignOptions(keep=tuple(c.id for c in s.capabilities if c.id != "wh_east")))
    assert only_wh.close == ("wh_east",)
    assert only_wh.savings == approx(1_800_000 + (2 - 1.5) * 500_000)
    assert r.savings > 0 and r.savings >= only_wh.savings
    applied = apply_design(s, r, "2.0 optimised")
    assert "wh_east" not in applied.capabilities
    assert applied.flows["c_wheast_storemall"].source == "lp3"
    assert not [g for g in analyze_reuse(applied).redundancies if g.category == "仓储"]


def test_sensor_template_keeps_its_shared_rd() -> None:
    s = load_template("sensor_reuse").scenario()
    r = optimize_design(s)
    assert r.status == "optimal" and "rd" in r.keep and r.savings >= 0
