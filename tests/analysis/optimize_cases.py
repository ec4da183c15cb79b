"""Small random design problems and a brute-force solver for the optimiser's tests (SPEC §3.6).

The brute force shares no code with ecodesk.analysis.optimize: it reads demands from the
scenario itself, tries every set B of kept capabilities and every assignment of every demand
(to a capability of B of its category, or standalone), and keeps the cheapest that meets
capacity, keep, exclude, budget and redundancy.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass

from hypothesis import strategies as st

from ecodesk.model import Capability, Entity, Flow, FlowKind, Need, Scenario


@dataclass(frozen=True)
class BDemand:
    id: str
    entity: str
    key: str
    volume: float
    standalone: float
    current: str | None


def demands_of(s: Scenario) -> list[BDemand]:
    out = []
    received = set()
    for f in s.flows:
        if f.kind is FlowKind.CAPABILITY:
            c = s.capabilities[f.capability]
            a = c.fixed_cost + c.unit_cost * f.volume if f.standalone_cost is None else f.standalone_cost
            out.append(BDemand(f.id, f.target, c.category.strip().lower(), f.volume, a, c.id))
            received.add((f.target, c.category.strip().lower()))
    for n in s.needs:
        key = n.category.strip().lower()
        if (n.entity, key) not in received:
            out.append(BDemand(n.id, n.entity, key, n.volume, n.standalone_cost, None))
    return out


def current_cost(s: Scenario) -> tuple[float, bool]:
    caps = {c.id: c for c in s.capabilities}
    total = sum(c.fixed_cost for c in caps.values())
    load: dict[str, float] = {}
    for d in demands_of(s):
        if d.current is None:
            total += d.standalone
        else:
            total += caps[d.current].unit_cost * d.volume
            load[d.current] = load.get(d.current, 0) + d.volume
    ok = all(c.capacity is None or load.get(c.id, 0) <= c.capacity for c in caps.values())
    return total, ok


def brute_force(s: Scenario, r: int = 1, budget: float | None = None, keep=(), exclude=()) -> float | None:
    """The least design cost, or None when no design meets the constraints."""
    caps = sorted(s.capabilities, key=lambda c: c.id)
    demands = demands_of(s)
    best = None
    for mask in itertools.product((0, 1), repeat=len(caps)):
        B = [c for c, m in zip(caps, mask, strict=True) if m]
        ids = {c.id for c in B}
        if not set(keep) <= ids or ids & set(exclude):
            continue
        fixed = sum(c.fixed_cost for c in B)
        if budget is not None and fixed > budget:
            continue
        options = []
        for d in demands:
            same = [c for c in B if c.category.strip().lower() == d.key]
            opts: list[Capability | None] = [None]
            if len(same) >= r:
                opts += same
            options.append(opts)
        for choice in itertools.product(*options):
            load: dict[str, float] = {}
            cost = fixed
            for d, c in zip(demands, choice, strict=True):
                if c is None:
                    cost += d.standalone
                else:
                    cost += c.unit_cost * d.volume
                    load[c.id] = load.get(c.id, 0) + d.volume
            if any(c.capacity is not None and load.get(c.id, 0) > c.capacity for c in B):
                continue
            if best is None or cost < best:
                best = cost
    return best


def check_design(s: Scenario, result, r: int = 1, budget=None, keep=(), exclude=()) -> float:
    """Assert that ``result`` is a design meeting every constraint; return its cost."""
    caps = {c.id: c for c in s.capabilities}
    demands = {d.id: d for d in demands_of(s)}
    assert sorted(result.keep) == list(result.keep) and sorted(result.close) == list(result.close)
    assert set(result.keep) | set(result.close) == set(caps) and not set(result.keep) & set(result.close)
    B = set(result.keep)
    assert set(keep) <= B and not B & set(exclude)
    fixed = sum(caps[k].fixed_cost for k in B)
    if budget is not None:
        assert fixed <= budget
    assert [a.demand for a in result.assignments] == sorted(demands)
    load: dict[str, float] = {}
    total = fixed
    for a in result.assignments:
        d = demands[a.demand]
        assert (a.entity, a.volume) == (d.entity, d.volume)
        if a.capability is None:
            assert a.cost == d.standalone
        else:
            c = caps[a.capability]
            assert a.capability in B and c.category.strip().lower() == d.key
            assert sum(1 for k in B if caps[k].category.strip().lower() == d.key) >= r
            assert a.cost == c.unit_cost * d.volume
            load[c.id] = load.get(c.id, 0) + d.volume
        total += a.cost
    for k, v in load.items():
        assert caps[k].capacity is None or v <= caps[k].capacity + 1e-9
    return total


CATEGORIES = ("WH", "wh ", "Pay", "Data")  # "WH" and "wh " are one category (trimmed, case-insensitive)


@st.composite
def scenarios(draw, max_caps: int = 4, max_flows: int = 3, max_needs: int = 2) -> Scenario:
    """A small random scenario: 3–4 entities, up to 4 capabilities of 2–3 categories (small
    integer costs so ties are common), capability flows and needs."""
    seed = draw(st.integers(0, 2**31))
    rnd = random.Random(seed)
    s = Scenario("S")
    n_ent = rnd.randint(3, 4)
    for i in range(n_ent):
        s.add(Entity(f"e{i}", f"E{i}"))
    n_caps = draw(st.integers(1, max_caps))
    for i in range(n_caps):
        cap = rnd.choice([None, None, rnd.randint(0, 12)])
        s.add(Capability(f"k{i}", f"K{i}", rnd.choice(CATEGORIES[:3]), f"e{rnd.randrange(n_ent)}",
                         fixed_cost=rnd.choice([0, 2, 5, 5, 10]), unit_cost=rnd.choice([0, 1, 1, 2]), capacity=cap))
    n_flows = draw(st.integers(0, max_flows))
    caps = list(s.capabilities)
    for i in range(n_flows):
        c = rnd.choice(caps)
        target = rnd.choice([e for e in s.entities.ids() if e != c.owner])
        s.add(Flow(f"f{i}", c.owner, target, FlowKind.CAPABILITY, volume=rnd.randint(0, 6), capability=c.id,
                   standalone_cost=rnd.choice([None, rnd.randint(0, 20)])))
    for i in range(draw(st.integers(0, max_needs))):
        s.add(Need(f"n{i}", f"e{rnd.randrange(n_ent)}", rnd.choice(CATEGORIES), volume=rnd.randint(0, 6),
                   standalone_cost=rnd.randint(0, 20)))
    return s


def shuffled(s: Scenario, seed: int, name: str | None = None) -> Scenario:
    """The same scenario with every collection in another order."""
    rnd = random.Random(seed)
    out = Scenario(name or s.name)
    objects = {}
    for cname, coll in s.collections().items():
        objs = list(coll)
        rnd.shuffle(objs)
        objects[cname] = objs
    out.bulk_load(objects)
    return out


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
