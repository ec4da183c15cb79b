"""The k-step neighbourhood of "focus on selection": distances over flows in both directions."""

from __future__ import annotations

import pytest

from ecodesk.diagram.neighbourhood import Neighbourhood
from ecodesk.model import Entity, Flow, Scenario

#   a → b → c → d      e (no flows)      x ⇄ y, x → x
CHAIN = [("a", "b"), ("b", "c"), ("c", "d"), ("x", "y"), ("y", "x"), ("x", "x")]


def chain() -> Neighbourhood:
    return Neighbourhood(CHAIN, nodes=["a", "b", "c", "d", "e", "x", "y"])


def test_k0_is_the_seeds_alone_and_unknown_seeds_are_left_out():
    n = chain()
    assert n.within(["b"], 0) == {"b": 0}
    assert n.within(["b", "e", "nope"], 0) == {"b": 0, "e": 0}
    assert n.within([], 3) == {}


def test_k1_follows_flows_both_ways():
    n = chain()
    assert n.within(["b"], 1) == {"b": 0, "a": 1, "c": 1}  # a → b (upstream) and b → c
    assert n.within(["d"], 1) == {"d": 0, "c": 1}  # only an incoming flow
    assert n.within(["a"], 1) == {"a": 0, "b": 1}  # only an outgoing flow


def test_k2_and_beyond_count_steps_and_stop_at_the_component():
    n = chain()
    assert n.within(["a"], 2) == {"a": 0, "b": 1, "c": 2}
    assert n.within(["a"], 3) == {"a": 0, "b": 1, "c": 2, "d": 3}
    assert n.within(["a"], 5) == n.within(["a"], 3)  # nothing further
    assert n.within(["a", "d"], 1) == {"a": 0, "b": 1, "d": 0, "c": 1}


def test_isolated_entities_parallel_flows_and_self_loops():
    n = chain()
    assert n.within(["e"], 4) == {"e": 0}
    assert n.within(["x"], 2) == {"x": 0, "y": 1}  # two flows x ⇄ y are one step; x → x none
    assert n.neighbours("x") == frozenset({"y"})
    assert n.neighbours("e") == frozenset()
    assert n.neighbours("nope") == frozenset()
    assert len(n) == 7 and "e" in n and "nope" not in n


def test_negative_steps_are_refused_with_a_sentence():
    with pytest.raises(ValueError, match="number of steps must be 0 or more, not -1"):
        chain().within(["a"], -1)


def test_of_scenario_takes_every_entity_and_flow():
    s = Scenario("S")
    s.bulk_load({
        "entities": [Entity(i, i.upper(), "supplier") for i in ("p", "q", "r", "lone")],
        "flows": [Flow("f1", "p", "q", "goods"), Flow("f2", "r", "q", "money")],
    })
    n = Neighbourhood.of_scenario(s)
    assert len(n) == 4
    assert n.within(["p"], 1) == {"p": 0, "q": 1}
    assert n.within(["p"], 2) == {"p": 0, "q": 1, "r": 2}  # p → q ← r
    assert n.within(["lone"], 2) == {"lone": 0}


def test_a_star_of_ten_thousand_is_one_ring():
    edges = [("hub", f"d{i}") for i in range(10_000)] + [(f"d{i}", f"u{i}") for i in range(10_000)]
    n = Neighbourhood(edges)
    assert len(n.within(["hub"], 1)) == 10_001
    assert len(n.within(["hub"], 2)) == 20_001
    assert n.within(["u5"], 2) == {"u5": 0, "d5": 1, "hub": 2}
