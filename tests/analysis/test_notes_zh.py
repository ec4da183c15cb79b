"""Every note the engine writes reads in Chinese through notes_zh.note_text (the JSON
keeps the English): the notes of all samples, of an empty scenario and of pools built to
hit each degenerate case."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecodesk.analysis.notes_zh import note_text, notes_text
from ecodesk.analysis.pools import analyze_pool
from ecodesk.analysis.run import analyze_scenario
from ecodesk.model import AnalysisSettings, Entity, Pool, PoolRule, PoolType, Scenario, Tier
from ecodesk.store import open_project

ROOT = Path(__file__).resolve().parents[2]


def _notes(obj: object) -> list[str]:
    out: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += list(v) if k == "notes" and isinstance(v, list) else _notes(v)
    elif isinstance(obj, list):
        for v in obj:
            out += _notes(v)
    return out


def _untranslated(notes: list[str]) -> list[str]:
    return [n for n in dict.fromkeys(notes) if note_text(n, "zh_CN") == n]


def test_notes_of_every_sample_and_of_an_empty_scenario_read_in_chinese() -> None:
    notes: list[str] = []
    for path in sorted((ROOT / "projects").glob("*.ecodesk")):
        for s in open_project(path).scenarios:
            notes += _notes(analyze_scenario(s, AnalysisSettings(trials=100, orders=3)))
    notes += _notes(analyze_scenario(Scenario("Empty"), AnalysisSettings(trials=100, orders=3)))
    assert len(set(notes)) >= 15
    assert _untranslated(notes) == []


def _scenario(n: int) -> Scenario:
    s = Scenario("Pools")
    s.bulk_load({"entities": [Entity(f"e{i}", f"成员{i}", "partner") for i in range(n)]})
    return s


POOLS = [
    Pool("empty", "无成员", PoolType.COST, 100.0, ()),
    Pool("zero", "零金额", PoolType.COST, 0.0, ("e0", "e1")),
    Pool("w0", "零权重", PoolType.REVENUE, 100.0, ("e0", "e1"), PoolRule.PROPORTIONAL, weights={"e0": 0, "e1": 0}),
    Pool("big", "大池", PoolType.COST, 1000.0, tuple(f"e{i}" for i in range(24)), PoolRule.NUCLEOLUS,
         weights={f"e{i}": i + 1 for i in range(24)}),  # 2**24 profiles: no nucleolus, sampled Shapley
    Pool("floors", "保底超额", PoolType.REVENUE, 100.0, ("e0", "e1"), PoolRule.FLOOR_SHARE,
         floors={"e0": 80, "e1": 70}),
    Pool("nofloor", "无保底", PoolType.REVENUE, 100.0, ("e0", "e1"), PoolRule.FLOOR_SHARE),
    Pool("notier", "无阶梯", PoolType.REVENUE, 100.0, ("e0", "e1"), PoolRule.TIERED, weights={"e0": 1, "e1": 2}),
    Pool("tiers", "阶梯", PoolType.REVENUE, 100.0, ("e0", "e1"), PoolRule.TIERED, weights={"e0": 10, "e1": 500},
         tiers=(Tier(100, 0.1),)),
    Pool("noclaim", "无索赔", PoolType.RESERVE, 100.0, ("e0", "e1"), PoolRule.TALMUD),
    Pool("rich", "充足", PoolType.RESERVE, 100.0, ("e0", "e1"), PoolRule.PROPORTIONAL, claims={"e0": 10, "e1": 20}),
    Pool("bankrupt", "不足", PoolType.RESERVE, 100.0, ("e0", "e1", "e2"), PoolRule.NUCLEOLUS,
         claims={"e0": 10, "e1": 200, "e2": 300}),
    Pool("eq", "平均", PoolType.RESERVE, 100.0, ("e0", "e1", "e2"), PoolRule.EQUAL,
         claims={"e0": 5, "e1": 200, "e2": 300}),
]  # fmt: skip


@pytest.mark.parametrize("pool", POOLS, ids=[p.id for p in POOLS])
def test_pool_notes_read_in_chinese(pool: Pool) -> None:
    result = analyze_pool(pool, _scenario(24), samples=200)
    assert result.notes, "each of these pools is built to earn a note"
    assert _untranslated(result.notes) == []
    zh = notes_text(result.notes, "zh")
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in zh)


def test_numbers_and_names_are_carried_over_and_other_languages_keep_the_english() -> None:
    note = "3 demand entities are not reached from any origin even when intact: U1, U2, U3."
    assert note_text(note, "zh") == "即使网络完好，也有 3 个需求主体无法从任何源头到达：U1, U2, U3。"
    assert note_text(note, "en") == note and note_text(note, None) == note
    assert note_text("Something new the engine says.", "zh") == "Something new the engine says."
