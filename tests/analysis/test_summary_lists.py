"""The text summary cuts long lists: a power grid's 1,050 articulation points are not one line."""

from __future__ import annotations

from ecodesk.analysis.run import run_analysis
from ecodesk.analysis.summary import format_summary, name_list, table
from ecodesk.model import Entity, Flow, Project, Scenario


def test_summary_cuts_a_power_grid_list_of_articulation_points():
    """A long line (as a power grid's feeders): 1,050 articulation points, 20 listed and counted."""
    n = 1052
    s = Scenario("grid")
    for i in range(n):
        s.add(Entity(f"b{i:04d}", f"bus {i}", "user" if i == n - 1 else "other", demand=1 if i == n - 1 else 0,
                     x=10.0 * i))
    for i in range(n - 1):
        s.add(Flow(f"l{i}", f"b{i:04d}", f"b{i + 1:04d}", "goods", volume=1))
    p = Project("grid", scenarios=[s])
    result = run_analysis(s, p.settings.evolve(trials=20, orders=1))
    assert len(result.resilience.articulation_points) == 1050
    en = format_summary(p, s, result, "en")
    line = next(x for x in en.splitlines() if x.startswith("Articulation points"))
    assert line == ("Articulation points (1,050): " + ", ".join(f"bus {i}" for i in range(1, 21))
                    + " … and 1,030 more")
    zh = format_summary(p, s, result, "zh")
    line = next(x for x in zh.splitlines() if x.startswith("关节点"))
    assert line == "关节点 (1,050): " + "、".join(f"bus {i}" for i in range(1, 21)) + "…… 另有 1,030 个"
    assert max(len(x) for x in en.splitlines()) < 400  # no line holds the whole list
    spof = en.split("Single points of failure:")[1].split("Articulation points")[0]
    assert spof.count("100.0 %") == 10 and "… and 1,042 more" in spof  # 10 of the 1,052 shown


def test_short_lists_stay_whole():
    assert name_list(["a", "b"]) == "a, b" and name_list(["甲", "乙"], "zh") == "甲、乙"
    assert name_list([str(i) for i in range(21)]) == ", ".join(str(i) for i in range(20)) + " … and 1 more"
    assert table(["x"], [[i] for i in range(16)], 15, "zh").splitlines()[-1] == "…… 另有 1 个"
