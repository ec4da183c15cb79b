"""The linear-time reuse and indicators give exactly the results of the code they replaced.

``old_reuse.py`` and ``old_kpis.py`` are kept copies of ``ecodesk/analysis/reuse.py`` and
``kpis.py`` as they were before gaps were ranked from one sorted list per category, redundancy
groups were joined through ecosystems and the indicators were counted over arrays (#19). Every
scenario here, drawn at random, must give the same JSON, byte for byte (floats to the last bit,
key order, ints stay ints), and the same notes.
"""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.analysis.kpis import analyze_kpis
from ecodesk.analysis.reuse import analyze_reuse
from ecodesk.model import AnalysisSettings, Capability, Ecosystem, Entity, EntityKind, Flow, FlowKind, Need, Scenario
from ecodesk.templates import list_templates, load_template
from tests.analysis import old_kpis, old_reuse

INDUSTRIES = ("", "Retail", " retail ", "RETAIL", "tech", "Tech ", "logistics", "  ")
CATEGORIES = ("", "Data", " data", "DATA ", "Pay", "pay", "Cloud", "  ")
VALUES = (0.0, 0.1, 0.2, 0.3, 1.0, 3.0, 7.5, 1e-300, 1e15 / 7, 123456.789, 2.0 ** 40 + 0.5, 1 / 3)


def random_scenario(seed: int, n_entities: int, n_flows: int, n_caps: int, n_needs: int, n_ecos: int) -> Scenario:
    """A valid scenario with ties, empty and differently written industries and categories,
    repeated pairs, both directions, owners with and without ecosystems."""
    rnd = random.Random(seed)
    s = Scenario("r")
    ecos = [f"E{i}" for i in range(n_ecos)]
    for e in ecos:
        s.add(Ecosystem(e))
    ids = [f"e{i:03d}" for i in range(n_entities)]
    rnd.shuffle(ids)  # scenario order differs from id order
    kinds = list(EntityKind)
    for eid in ids:
        k = rnd.randrange(4)
        s.add(Entity(eid, kind=rnd.choice(kinds), industry=rnd.choice(INDUSTRIES),
                     ecosystems=tuple(rnd.sample(ecos, min(k, len(ecos))))))
    caps = []
    for c in range(n_caps):
        cid = f"c{c:02d}"
        s.add(Capability(cid, category=rnd.choice(CATEGORIES), owner=rnd.choice(ids),
                         fixed_cost=rnd.choice(VALUES), unit_cost=rnd.choice(VALUES)))
        caps.append(cid)
    flow_kinds = [k for k in FlowKind if k is not FlowKind.CAPABILITY]
    pairs: list[tuple[str, str]] = []
    for f in range(n_flows):
        if pairs and rnd.random() < 0.3:  # the same pair again, either way round
            a, b = rnd.choice(pairs)
            if rnd.random() < 0.5:
                a, b = b, a
        else:
            a, b = rnd.sample(ids, 2)
        pairs.append((a, b))
        if caps and rnd.random() < 0.25:
            cid = rnd.choice(caps)
            owner = s.capabilities[cid].owner
            target = b if b != owner else a
            if target == owner:
                continue
            s.add(Flow(f"f{f:03d}", owner, target, kind="capability", capability=cid, volume=rnd.choice(VALUES),
                       unit_value=rnd.choice(VALUES), standalone_cost=rnd.choice((None, *VALUES))))
        else:
            s.add(Flow(f"f{f:03d}", a, b, kind=rnd.choice(flow_kinds), volume=rnd.choice(VALUES),
                       unit_value=rnd.choice(VALUES)))
    for n in range(n_needs):
        s.add(Need(f"n{n:02d}", entity=rnd.choice(ids), category=rnd.choice(CATEGORIES[1:6]),
                   volume=rnd.choice(VALUES), standalone_cost=rnd.choice(VALUES)))
    return s


def same(scenario: Scenario, supply: tuple[FlowKind, ...] | None = None) -> None:
    cfg = AnalysisSettings() if supply is None else AnalysisSettings(supply_kinds=supply)
    new_reuse, old = analyze_reuse(scenario).to_json(), old_reuse.analyze_reuse(scenario).to_json()
    assert json.dumps(new_reuse) == json.dumps(old)
    assert new_reuse == old
    new_kpis, old_k = analyze_kpis(scenario, cfg).to_json(), old_kpis.analyze_kpis(scenario, cfg).to_json()
    assert json.dumps(new_kpis) == json.dumps(old_k)
    assert [type(v) for v in new_kpis.values()] == [type(v) for v in old_k.values()]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    n_entities=st.integers(2, 14),
    n_flows=st.integers(0, 40),
    n_caps=st.integers(0, 8),
    n_needs=st.integers(0, 10),
    n_ecos=st.integers(0, 4),
    supply=st.lists(st.sampled_from(list(FlowKind)), min_size=1, max_size=4, unique=True),
)
def test_small_random_scenarios_give_the_same_json(
    seed: int, n_entities: int, n_flows: int, n_caps: int, n_needs: int, n_ecos: int, supply: list[FlowKind]
) -> None:
    same(random_scenario(seed, n_entities, n_flows, n_caps, n_needs, n_ecos), tuple(supply))


def test_larger_random_scenarios_give_the_same_json() -> None:
    for seed in range(4):
        s = random_scenario(seed, 300, 2500, 60, 150, 6)
        result = analyze_reuse(s)
        assert sum(len(g.candidates) for g in result.gaps) > 1000  # the rankings are really exercised
        assert result.redundancies
        same(s)


def test_no_flows_and_no_entities() -> None:
    same(random_scenario(1, 3, 0, 2, 3, 2))
    empty = Scenario("e")
    same(empty)
    assert analyze_kpis(empty).to_json()["total_flow_value"] == 0  # an int, as before
    assert analyze_kpis(empty).top_hub is None


def test_every_template_gives_the_same_json() -> None:
    for template in list_templates():
        project = load_template(template.name)
        for scenario in project.scenarios:
            same(scenario, project.settings.supply_kinds)


def test_gap_candidates_are_not_shared_between_gaps() -> None:
    s = random_scenario(7, 40, 60, 10, 30, 2)
    gaps = analyze_reuse(s).gaps
    lists = [g.candidates for g in gaps if g.candidates]
    assert len(lists) > 2
    lists[0].append("zz")  # a caller editing one gap's list changes no other gap
    assert all("zz" not in c for c in lists[1:])
