"""Every case template is a complete, realistic and analysable model (issue 6, "Templates")."""

from __future__ import annotations

import itertools
import math
import re

from ecodesk.model import EntityKind, FlowKind
from ecodesk.templates import load_template

HAN = re.compile(r"[\u4e00-\u9fff]")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
#: Firms named in the seed texts: templates describe them ("电商平台", "商场运营商"), never name them.
REAL_NAMES = (
    "阿里", "淘宝", "天猫", "京东", "拼多多", "多多农园", "抖音", "快手", "美团", "饿了么", "高德", "万达", "宁德",
    "中国邮政", "商汤", "百度", "敦煌", "数商云", "小红书", "唯品会", "永辉", "网易", "菜鸟", "安踏", "李宁", "完美日记",
    "Gucci", "Alibaba", "JD", "Pinduoduo", "Douyin", "Meituan", "Wanda", "CATL", "China Post",
)
SUPPLY_LEFT_TO_RIGHT = (FlowKind.GOODS, FlowKind.LOGISTICS)


def texts(project):
    yield project.name
    yield project.notes
    for s in project.scenarios:
        yield s.name
        for coll in s.collections().values():
            for obj in coll:
                for field in ("name", "notes", "category", "industry"):
                    value = getattr(obj, field, "")
                    if isinstance(value, str):
                        yield value


def test_project_metadata_cites_the_seed_case_in_chinese_and_english(case):
    p = load_template(case)
    assert (p.language, p.currency, p.period) == ("zh", "CNY", "year")
    assert HAN.search(p.name)
    zh, _, en = p.notes.partition("\n")
    assert HAN.search(zh) and "种子文本" in zh, "the Chinese line cites the seed text"
    assert en.startswith("Case (seed") and not HAN.search(en), "an English line follows"


def test_no_real_company_names(case):
    for text in texts(load_template(case)):
        for name in REAL_NAMES:
            assert name not in text, f"{case}: '{name}' in {text[:60]!r}"


def test_ecosystems_entities_and_kinds(case):
    for s in load_template(case).scenarios:
        assert len(s.ecosystems) >= 1
        for eco in s.ecosystems:
            assert COLOUR.match(eco.color) and HAN.search(eco.name), eco
        assert len({e.kind for e in s.entities}) >= 4
        assert any(e.kind is EntityKind.PLATFORM for e in s.entities)
        users = [e for e in s.entities if e.kind is EntityKind.USER]
        assert users and all(u.demand > 0 for u in users)
        for e in s.entities:
            assert HAN.search(e.name), e.id
            if e.kind is EntityKind.USER:
                assert e.risk == 0, "a user segment does not fail; its suppliers do"
            else:
                assert 0.01 <= e.risk <= 0.15, (e.id, e.risk)
                assert e.industry.strip() and e.demand == 0, e.id
        assert any(len(e.ecosystems) >= 2 for e in s.entities) or len(s.ecosystems) == 1
        assert any(e.revenue for e in s.entities)


def test_layout_runs_left_to_right_by_tier_without_overlaps(case):
    for s in load_template(case).scenarios:
        pos = {e.id: (e.x, e.y) for e in s.entities}
        for (a, pa), (b, pb) in itertools.combinations(pos.items(), 2):
            assert math.dist(pa, pb) >= 150, f"{case}/{s.name}: {a} and {b} overlap"
        assert all(x % 180 == 0 for x, _ in pos.values())
        right = max(x for x, _ in pos.values())
        assert all(pos[e.id][0] == right for e in s.entities if e.kind is EntityKind.USER)
        for f in s.flows:
            if f.kind in SUPPLY_LEFT_TO_RIGHT:
                assert pos[f.source][0] < pos[f.target][0], f"{case}/{s.name}: {f.id} runs right to left"


def test_capabilities_costs_and_flows_are_plausible(case):
    for s in load_template(case).scenarios:
        caps = list(s.capabilities)
        assert caps
        for c in caps:
            assert c.category.strip() and HAN.search(c.name), c.id
            assert 100_000 <= c.fixed_cost <= 100_000_000, (c.id, c.fixed_cost)  # CNY per year
            assert c.unit_cost < c.fixed_cost
        assert any(c.unit_cost > 0 for c in caps)
        cap_flows = [f for f in s.flows if f.kind is FlowKind.CAPABILITY]
        assert any(f.standalone_cost is not None for f in cap_flows), "some explicit standalone costs"
        kinds = {f.kind for f in s.flows}
        assert {FlowKind.GOODS, FlowKind.CAPABILITY, FlowKind.DATA} <= kinds
        assert len(kinds) >= 4
        assert all(f.volume > 0 for f in s.flows)


def test_every_flow_kind_appears_in_the_catalogue(kit):
    kinds = {f.kind for name in kit.CASES for s in load_template(name).scenarios for f in s.flows}
    assert kinds == set(FlowKind)


def test_needs_some_met_and_an_unmet_one_with_candidates(case, kit):
    project = load_template(case)
    results = kit.all_analyses(case)
    for s, r in zip(project.scenarios, results):
        gaps = r["reuse"]["gaps"]
        assert len(s.needs) > len(gaps), f"{s.name}: at least one need is met"
    assert any(g["candidates"] for r in results for g in r["reuse"]["gaps"]), "an unmet need has candidates"


def test_pools_allocate(case):
    for s in load_template(case).scenarios:
        assert s.pools


def test_analysis_is_non_trivial(case, kit):
    project = load_template(case)
    for s, r in zip(project.scenarios, kit.all_analyses(case)):
        demand = {e.id for e in s.entities if e.demand > 0}
        res = r["resilience"]
        assert res["service_level"] == 1.0, "the intact network serves all demand"
        spof = [c for c in res["critical_entities"] if c["service_loss"] > 0 and c["id"] not in demand]
        assert spof, "the case has a single point of failure"
        assert 0 < res["monte_carlo"]["expected_service"] < 1
        assert 0 < res["robustness"]["random"]["r_index"] < 1
        assert r["reuse"]["total_savings"] > 0
        assert any(c["reuse_count"] >= 2 for c in r["reuse"]["capabilities"]), "something is reused"
        cost = r["cost_sharing"]
        assert isinstance(cost["in_core"], bool)
        assert cost["total_cost"] < cost["total_standalone"]
        assert len(cost["pools"]) == len(s.pools)
        for p in cost["pools"]:
            assert p["allocation"] and p["total_allocated"] > 0
            assert set(p["allocation"]) == set(p["shapley"]) == set(p["fairness_gap"])
        assert r["kpis"]["reverse_data_ratio"] > 0
        assert r["kpis"]["cross_industry_share"] > 0.5
