"""Property: any valid project survives JSON, CSV, xlsx, GraphML, GEXF and the project file exactly
(awkward ids and text included, flow labels that a spreadsheet would run as formulas, entity
colours and sizes, ranges around any number that may carry one, notes on the canvas and saved views)."""

from __future__ import annotations

import csv
import io
import math
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.io import export_file, import_file
from ecodesk.model import (
    RULES_BY_TYPE,
    VIEW_COLOR_MODES,
    VIEW_PANELS,
    Annotation,
    Capability,
    Ecosystem,
    Entity,
    EntityKind,
    Flow,
    FlowKind,
    Need,
    Pool,
    PoolType,
    Project,
    Scenario,
    Tier,
    View,
)
from ecodesk.model.ranges import RANGE_FIELDS
from ecodesk.store import open_project, write_project_atomic

# Text XML 1.0 can hold (no C0 controls except tab/newline/CR, no surrogates or non-characters).
TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
                         st.sampled_from("\n\r\t;=:[]{},\"'&<> 　、平台")), max_size=8)
ID_CHARS = st.sampled_from("ab平台;=:[{,\" &<.-_ 1")
IDS = st.text(ID_CHARS, min_size=1, max_size=4).filter(lambda s: s == s.strip() and s.strip())
MONEY = st.one_of(st.integers(0, 10**9).map(float), st.floats(0, 1e12, allow_nan=False))
COORD = st.floats(-1e6, 1e6, allow_nan=False)
PROB = st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0, 1))
# What a spreadsheet runs as a formula: text starting with these (plain numbers aside).
TRIGGERS = tuple("=+-@\t\r")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# Flow labels: any text, and the kinds a spreadsheet would run as a formula (CSV export quotes them).
LABELS = st.one_of(TEXT, st.builds(lambda lead, rest: lead + rest, st.sampled_from(["=", "+", "-", "@", "\t", "\r",
                                                                                  "'=", "''+", "-5", "=1+1"]), TEXT))
COLORS = st.one_of(st.just(""), st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}"))
SIZES = st.one_of(st.just(1.0), st.sampled_from([0.25, 4.0, 1.5]), st.floats(0.25, 4.0))
EXTENTS = st.one_of(st.sampled_from([220.0, 1e-3, 1e5]), st.floats(1e-6, 1e5))


def _end(draw, low: float, high: float) -> float:
    """A number in [low, high]: an end itself, a round one, or any float in between."""
    options = [st.sampled_from([low, high]), st.floats(low, high)]
    if math.ceil(low) <= math.floor(high):
        options.append(st.integers(math.ceil(low), math.floor(high)).map(float))
    return draw(st.one_of(options))


def ranged(draw, s: Scenario) -> None:
    """Give some objects of ``s`` ranges around their set numbers (SPEC §3.7), ends within the
    fields' domains (risk in [0, 1], β in (0, 1], the rest not negative)."""
    for cname, allowed in RANGE_FIELDS.items():
        for obj in list(getattr(s, cname)):
            chosen = draw(st.lists(st.sampled_from(allowed), unique=True, max_size=2))
            ranges = {}
            for f in chosen:
                value = getattr(obj, f)
                if value is None:
                    continue
                top = 1.0 if f in ("risk", "scale_exponent") else min(1e15, value * 3 + 10)
                bottom = value / 2 if f == "scale_exponent" else 0.0
                ranges[f] = (_end(draw, bottom, value), _end(draw, value, top))
            if ranges:
                s.replace(obj.evolve(ranges=ranges))


@st.composite
def scenarios(draw, name: str) -> Scenario:
    ids = iter(draw(st.lists(IDS, min_size=14, max_size=14, unique=True)))
    s = Scenario(name)
    ecos = [next(ids) for _ in range(draw(st.integers(0, 2)))]
    for e in ecos:
        s.add(Ecosystem(e, draw(TEXT), draw(TEXT)))
    ents = [next(ids) for _ in range(draw(st.integers(2, 4)))]
    for e in ents:
        s.add(Entity(e, draw(TEXT), draw(st.sampled_from(list(EntityKind))), draw(TEXT),
                     tuple(draw(st.lists(st.sampled_from(ecos), unique=True))) if ecos else (),
                     draw(MONEY), draw(PROB), draw(st.none() | MONEY), draw(TEXT), draw(COORD), draw(COORD),
                     draw(COLORS), draw(SIZES)))
    cap = next(ids)
    owner = draw(st.sampled_from(ents))
    s.add(Capability(cap, draw(TEXT), draw(TEXT), owner, draw(MONEY), draw(MONEY), draw(st.none() | MONEY)))
    for _ in range(draw(st.integers(0, 3))):
        src, tgt = draw(st.lists(st.sampled_from(ents), min_size=2, max_size=2, unique=True))
        kind = draw(st.sampled_from(list(FlowKind)))
        if kind is FlowKind.CAPABILITY:
            src = owner
            tgt = draw(st.sampled_from([e for e in ents if e != owner]))
        s.add(Flow(next(ids), src, tgt, kind, draw(MONEY), draw(MONEY), draw(PROB), draw(TEXT),
                   cap if kind is FlowKind.CAPABILITY else None,
                   draw(st.none() | MONEY) if kind is FlowKind.CAPABILITY else None, draw(LABELS)))
    if draw(st.booleans()):
        s.add(Need(next(ids), draw(st.sampled_from(ents)), draw(TEXT.filter(str.strip)), draw(MONEY), draw(MONEY)))
    if draw(st.booleans()):
        ptype = draw(st.sampled_from(list(PoolType)))
        members = tuple(draw(st.lists(st.sampled_from(ents), min_size=1, unique=True)))
        part = st.dictionaries(st.sampled_from(members), MONEY, max_size=2)
        bounds = sorted(draw(st.lists(MONEY, max_size=2, unique=True)))
        tiers = tuple(Tier(b, draw(PROB)) for b in bounds) + ((Tier(None, draw(PROB)),) if draw(st.booleans()) else ())
        s.add(Pool(next(ids), draw(TEXT), ptype, draw(MONEY), members, draw(st.sampled_from(RULES_BY_TYPE[ptype])),
                   draw(part), draw(part), tiers, draw(part), draw(st.floats(0.01, 1))))
    for _ in range(draw(st.integers(0, 2))):
        s.add(Annotation(next(ids), draw(LABELS), draw(COORD), draw(COORD), draw(EXTENTS), draw(EXTENTS),
                         draw(COLORS)))
    ranged(draw, s)
    return s


@st.composite
def views(draw, names: list[str]) -> View:
    rect = (draw(COORD), draw(COORD), draw(EXTENTS), draw(EXTENTS))
    return View(draw(IDS), draw(LABELS), draw(st.sampled_from([*names, "gone", ""])), rect,
                draw(st.sampled_from(VIEW_COLOR_MODES)), tuple(draw(st.lists(st.sampled_from(list(FlowKind)),
                                                                              unique=True, max_size=3))),
                draw(st.none() | st.sampled_from(VIEW_PANELS)), draw(TEXT))


@st.composite
def projects(draw) -> Project:
    names = draw(st.lists(TEXT.filter(str.strip), min_size=1, max_size=2, unique=True))
    p = Project(draw(TEXT.filter(str.strip)), currency=draw(st.sampled_from(["CNY", "USD"])),
                notes=draw(TEXT), language=draw(st.sampled_from(["", "zh", "en"])))
    p.set_meta(settings={"seed": draw(st.integers(0, 99)), "threshold": draw(PROB)})
    for n in names:
        p.add_scenario(draw(scenarios(n)))
    for v in draw(st.lists(views(names), max_size=3, unique_by=lambda v: v.id)):
        p.add_view(v)
    return p


@given(projects())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_project_round_trips(project):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        export_file(project, folder / "p.json")
        assert import_file(folder / "p.json").content_equals(project)
        export_file(project, folder / "csv", "csv")
        assert import_file(folder / "csv").content_equals(project)
        export_file(project, folder / "p.xlsx")
        assert import_file(folder / "p.xlsx").content_equals(project)
        write_project_atomic(project, folder / "p.ecodesk")
        assert open_project(folder / "p.ecodesk").content_equals(project)
        for table in folder.joinpath("csv").iterdir():  # no cell a spreadsheet would run
            text = table.read_bytes().decode("utf-8-sig")
            for row in csv.reader(io.StringIO(text, newline="")):
                assert not [c for c in row if c[:1] in TRIGGERS and not NUMBER.fullmatch(c)], (table.name, row)
        export_file(project, folder / "p.graphml")
        assert import_file(folder / "p.graphml").content_equals(project)
        for s in project.scenarios:
            export_file(project, folder / "p.gexf", scenario=s.name)
            back = import_file(folder / "p.gexf")
            assert back.meta_dict() == project.meta_dict() and back.scenario().content_equals(s)
            assert back.views == [v for v in project.views if v.scenario == s.name]
