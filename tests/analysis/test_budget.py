"""The automatic-run budget (issue 14): which stored settings the app starts by itself."""

from __future__ import annotations

from ecodesk.analysis.budget import AUTO_ORDER_ENTITIES, AUTO_TRIAL_ITEMS, auto_run_refusal
from ecodesk.model import AnalysisSettings


def test_default_settings_run_automatically_up_to_200000_entities_and_flows() -> None:
    assert auto_run_refusal(10_873, 52_272, AnalysisSettings()) is None  # the seed-size platform
    assert auto_run_refusal(100_000, 100_000, AnalysisSettings()) is None
    assert auto_run_refusal(100_000, 100_001, AnalysisSettings()) is not None


def test_ten_million_trials_are_refused_with_a_sentence_in_both_languages() -> None:
    r = auto_run_refusal(10_873, 52_272, AnalysisSettings(trials=10_000_000))
    assert r is not None
    assert r.text(False) == ("10,000,000 Monte Carlo trials on 63,145 entities and flows is too large "
                             "to start automatically.")
    assert r.text(True) == "在 63,145 个主体与资源流上进行 10,000,000 次蒙特卡洛试验，规模过大，不自动开始。"
    # … but not on a tiny model (a few seconds at most)
    assert auto_run_refusal(10, 10, AnalysisSettings(trials=10_000_000)) is None
    assert 10_000_000 * 200 == AUTO_TRIAL_ITEMS and auto_run_refusal(100, 100, AnalysisSettings(trials=10_000_000)) is None
    assert auto_run_refusal(100, 101, AnalysisSettings(trials=10_000_000)) is not None


def test_many_removal_orders_are_refused_by_their_curves_size() -> None:
    r = auto_run_refusal(10_873, 100, AnalysisSettings(trials=1, orders=100_000))
    assert r is not None and r.en == ("100,000 random removal orders on 10,873 entities is too large "
                                      "to start automatically.")
    assert "100,000 次随机移除" in r.zh
    assert auto_run_refusal(AUTO_ORDER_ENTITIES // 1000, 0, AnalysisSettings(trials=1, orders=1000)) is None
