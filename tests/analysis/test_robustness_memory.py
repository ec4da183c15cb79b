"""Random removal curves (issue 14): every order's curve is kept for the percentile curves,
orders × (candidates + 1) floats — 8.5 GB for the allowed 100,000 orders on the seed-size
platform (10,623 candidates). A run above ``CURVE_BYTES`` is refused before it starts with a
sentence naming the limit and the largest number of orders the model allows."""

from __future__ import annotations

import pytest

from ecodesk.analysis import robustness
from ecodesk.analysis.errors import AnalysisTooLarge
from ecodesk.cli import EXIT_BAD_INPUT, main
from ecodesk.model import Entity, EntityKind, Flow, Project, Scenario
from ecodesk.store import write_project_atomic


def test_the_seed_size_platform_with_the_largest_allowed_orders_is_refused_in_words() -> None:
    with pytest.raises(AnalysisTooLarge) as err:
        robustness.check_curve_memory(100_000, 10_623)
    assert err.value.sentence("en") == (
        "100,000 random removal orders of 10,623 candidates would need 8.5 GB for their curves "
        "(limit 1 GiB); use at most 12,633 orders on this model.")
    assert err.value.sentence("zh") == (
        "对 10,623 个候选主体进行 100,000 次随机移除，其曲线需要 8.5 GB 内存（上限 1 GiB）；此模型最多可用 12,633 次。")
    robustness.check_curve_memory(12_633, 10_623)  # the largest allowed passes
    with pytest.raises(AnalysisTooLarge):
        robustness.check_curve_memory(12_634, 10_623)
    robustness.check_curve_memory(100, 10_623)  # the default


def _project() -> Project:
    s = Scenario("s")
    ents = [Entity("o", kind=EntityKind.SUPPLIER)] + [Entity(f"m{i}") for i in range(8)] + \
        [Entity("u", kind=EntityKind.USER, demand=1.0)]
    flows = [Flow(f"a{i}", "o", f"m{i}") for i in range(8)] + [Flow(f"b{i}", f"m{i}", "u") for i in range(8)]
    s.bulk_load({"entities": ents, "flows": flows})
    return Project("p", scenarios=[s])


def test_analyze_refuses_too_many_orders_with_the_sentence_not_an_internal_error(monkeypatch, tmp_path, capsys) -> None:
    path = tmp_path / "p.ecodesk"
    write_project_atomic(_project(), path)
    monkeypatch.setattr(robustness, "CURVE_BYTES", 1000 * 10 * 8)  # 9 candidates: at most 1,000 orders
    assert main(["analyze", str(path), "--json", "--trials", "10", "--orders", "1000"]) == 0
    capsys.readouterr()
    code = main(["analyze", str(path), "--json", "--trials", "10", "--orders", "1001"])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and "internal error" not in err
    assert err.strip() == ("ecodesk: 1,001 random removal orders of 9 candidates would need 0.0 GB for their "
                           "curves (limit 7.45058e-05 GiB); use at most 1,000 orders on this model.")
