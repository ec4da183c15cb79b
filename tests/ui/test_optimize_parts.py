"""Parts of the optimiser dialog: the canvas difference of every kind of change, the result
texts of a time-limited run, and the trade-off table and chart (run in the background, with
cancel)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from ecodesk.analysis.errors import AnalysisCancelled
from ecodesk.analysis.optimize import Assignment, DesignResult, TradeoffRow
from ecodesk.model import Capability, Flow
from ecodesk.ui.canvas.design_overlay import DesignOverlayItem, design_diff, short_name
from ecodesk.ui.dialogs.optimize import OptimizeDialog
from ecodesk.ui.dialogs.optimize_result import DesignResultWidget, TradeoffWidget, change_of
from tests.ui.optimize_helpers import duplicated_project, duplicated_scenario

RUN_MS = 30_000


def design(assignments, close=(), keep=(), status="optimal", objective=100.0, gap=0.0, current=150.0,
           feasible=True) -> DesignResult:
    return DesignResult(status, objective, gap, current, feasible, None if objective is None else current - objective,
                        tuple(keep), tuple(close), tuple(assignments), ("a note",), None, ("一条说明",))


def test_design_diff_names_every_kind_of_change():
    s = duplicated_scenario()
    s.add(Capability("wh_shop", "门店仓", "仓储", "shop_s", 10, 1.0))
    s.add(Flow("fx", "south", "shop_s", "capability", 5, capability="wh_south"))
    a = [
        Assignment("fe", "shop_e", "仓储", 100_000, "wh_east", 200_000, "flow"),  # unchanged
        Assignment("fs", "shop_s", "仓储", 80_000, "wh_east", 160_000, "flow"),  # re-pointed to another owner
        Assignment("fx", "shop_s", "仓储", 5, "wh_shop", 5, "flow"),  # its own entity's capability: no flow
        Assignment("ft", "east", "交易", 1_000, None, 100_000, "flow"),  # standalone: the flow goes
        Assignment("n_county", "county", "仓储", 20_000, "wh_east", 40_000, "need"),  # a need met: new flow
    ]
    r = design(a, close=("trade", "wh_south"), keep=("wh_east", "wh_shop"))
    d = design_diff(s, r)
    assert d.closed == {"trade": "brand", "wh_south": "south"}
    assert d.struck_flows == ("fs", "fx", "ft")
    assert d.new_flows == (("fs", "east", "shop_s", "wh_east"), ("n_county", "east", "county", "wh_east"))
    assert d.standalone == (("ft", "east", "交易"),)
    assert d.own == (("fx", "shop_s", "仓储"),)
    assert [change_of(s, x) for x in a] == ["same", "repointed", "own", "dropped", "new"]
    assert short_name("华东区域仓（总代自建，各自建仓）") == "华东区域仓（总…"
    assert short_name("Cold storage") == "Cold storage"


def test_overlay_groups_tags_per_entity(qtbot):
    from ecodesk.ui.canvas.scene import CanvasScene

    s = duplicated_scenario()
    scene = CanvasScene()
    scene.set_scenario(s)
    a = [Assignment("fe", "shop_e", "仓储", 1, None, 9, "flow"), Assignment("fs", "shop_s", "仓储", 1, None, 9, "flow"),
         Assignment("ft", "east", "交易", 1, None, 9, "flow"), Assignment("n_county", "county", "仓储", 1, None, 9, "need")]
    overlay = DesignOverlayItem(scene, s, design(a, close=("wh_east", "trade", "wh_south")),
                                {"standalone": "alone: {0}", "own": "own: {0}", "sep": "; "})
    closed = {tuple(t.data(1)): t.text() for t in overlay.marks("closed")}
    assert closed == {("wh_east",): "✕ 华东仓", ("trade",): "✕ 交易系统", ("wh_south",): "✕ 华南仓"}
    assert sorted(overlay.marked_ids("standalone")) == ["fe", "fs", "ft", "n_county"]
    tags = {tuple(t.data(1)): t for t in overlay.marks("standalone")}
    assert tags[("ft",)].text() == "alone: 交易"
    east = [t for t in (*overlay.marks("closed"), *overlay.marks("standalone")) if t.pos() == tags[("ft",)].pos()]
    assert len(east) == 2  # a closed-capability tag and a standalone tag on one entity: stacked, not overlapping
    assert not east[0].sceneBoundingRect().intersects(east[1].sceneBoundingRect())
    assert sorted(overlay.marked_ids("struck")) == ["fe", "fs", "ft"]
    overlay.remove()
    assert overlay.scene() is None and overlay.tags.scene() is None


def test_time_limited_and_over_capacity_results_say_so(qtbot):
    view = DesignResultWidget()
    qtbot.addWidget(view)
    s = duplicated_scenario()
    r = design([Assignment("fe", "shop_e", "仓储", 100_000, "wh_east", 200_000, "flow")], close=(),
               keep=("wh_east",), status="time_limit", objective=1_000_000.0, gap=0.0234, current=1_250_000.0,
               feasible=False)
    view.show_result(r, s, "EUR")
    assert view.values["status"].text() == "Time limit reached (best design found)"
    assert view.values["gap"].text() == "2.34 %"
    assert view.headline.text() == ("The least-cost design saves 250,000 EUR (20.0 % of the current cost). The time "
                                    "limit stopped the search: the best possible design may cost up to 2.3 % less.")
    assert view.note.text().splitlines() == ["The current design exceeds a capacity: its cost is shown for reference.",
                                             "a note"]
    view.show_result(design([Assignment("ft", "east", "交易", 1_000, None, 100_000, "flow")]), s, "EUR")
    assert view.note.text().splitlines()[-1] == (
        "A standalone demand counts here with its standalone cost; the cost-sharing figures (and Compare) count only "
        "demands served through capability flows.")
    view.show_result(design([], objective=150.0, current=150.0), s, "EUR")
    assert view.headline.text() == "The current design already costs the least: nothing to save."
    view.clear()
    assert view.headline.text() == "Set the constraints and press Run." and view.model.rowCount() == 0


def test_tradeoff_table_and_chart(qtbot):
    w = TradeoffWidget()
    qtbot.addWidget(w)
    rows = [TradeoffRow(1, "optimal", 1_500_000.0, 1.0, 0.27), TradeoffRow(2, "optimal", 2_200_000.0, 0.8, 0.0),
            TradeoffRow(3, "infeasible", None, None, None)]
    w.show_rows(rows, "CNY")
    m = w.model
    assert m.values("redundancy") == [1, 2, 3]
    assert [m.display(i, m.column_index("objective")) for i in range(3)] == ["1,500,000.00", "2,200,000.00", "—"]
    assert [m.display(i, m.column_index("status_text")) for i in range(3)] == ["Optimal", "Optimal", "Infeasible"]
    assert [m.display(i, m.column_index("expected_service")) for i in range(3)] == ["100.0 %", "80.0 %", "—"]
    curves = [i for i in w.chart.data_items() if i.name()]
    assert [c.name() for c in curves] == ["Expected service", "Targeted robustness"]
    xs, ys = curves[0].getData()
    assert list(xs) == [1_500_000.0, 2_200_000.0] and list(ys) == [1.0, 0.8]  # cost across, service up


@pytest.fixture
def dialog(qtbot):
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow

    w = MainWindow(Document(duplicated_project()))
    qtbot.addWidget(w)
    w.show()
    w.actions.plan_optimize.trigger()
    return w.findChild(OptimizeDialog, "optimize_dialog")


def test_tradeoff_runs_in_the_background_with_the_dialog_options(dialog, qtbot):
    dialog.tabs.setCurrentWidget(dialog.tradeoff)
    dialog.picker.toggle("wh_south", 0)  # keep the south warehouse in every level
    with qtbot.waitSignal(dialog.result_shown, timeout=RUN_MS):
        qtbot.mouseClick(dialog.tradeoff.run_button, Qt.MouseButton.LeftButton)
    rows = dialog.tradeoff.rows
    assert [r.redundancy for r in rows] == [1, 2, 3]
    from ecodesk.analysis.optimize import DesignOptions, tradeoff

    expected = tradeoff(dialog.scenario, DesignOptions(keep=("wh_south",), time_limit=60.0), (1, 2, 3),
                        dialog.document.project.settings)
    assert rows == expected
    assert dialog.tradeoff.run_button.isEnabled() and not dialog.tradeoff.progress.isVisible()


def test_tradeoff_cancel(dialog, qtbot, monkeypatch):
    import ecodesk.analysis.optimize as engine

    def slow(scenario, options, redundancies, settings, *, progress=None, cancel=None):
        for i in range(2000):
            progress(min(0.9, i / 100))
            if cancel():
                raise AnalysisCancelled("cancelled")
            time.sleep(0.01)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(engine, "tradeoff", slow)
    assert dialog.run_tradeoff()
    t = dialog.tradeoff
    qtbot.waitUntil(lambda: t.progress.value() > 0, timeout=RUN_MS)
    assert t.cancel_button.isEnabled() and not t.run_button.isEnabled()
    qtbot.mouseClick(t.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: t.run_button.isEnabled(), timeout=RUN_MS)
    assert t.message.text() == "Cancelled." and t.rows == [] and not t.progress.isVisible()


def big_scenario(nc: int = 200, nd: int = 2000, cats: int = 20, seed: int = 1):
    """Many capabilities with capacities, demands spread over them: HiGHS needs more than
    20 s for r = 2 (the design has a gap at the time limit)."""
    import random

    from ecodesk.model import Entity, Scenario

    rnd = random.Random(seed)
    s = Scenario("big")
    for i in range(nc):
        s.add(Entity(f"o{i}", kind="platform", x=i * 10, y=0))
    for j in range(nd // 4):
        s.add(Entity(f"u{j}", kind="user", demand=1, x=j * 10, y=300))
    for i in range(nc):
        s.add(Capability(f"k{i}", f"cap {i}", f"c{i % cats}", f"o{i}", fixed_cost=rnd.uniform(50, 150),
                         unit_cost=rnd.uniform(0.5, 2), capacity=rnd.uniform(20, 60)))
    for d in range(nd):
        k = rnd.randrange(nc)
        s.add(Flow(f"f{d}", f"o{k}", f"u{d % (nd // 4)}", "capability", volume=rnd.uniform(1, 5),
                   capability=f"k{k}", standalone_cost=rnd.uniform(5, 15)))
    return s


@pytest.mark.slow
def test_cancel_stops_the_real_optimiser_promptly(qtbot):
    from ecodesk.model import Project
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow

    w = MainWindow(Document(Project("big", scenarios=[big_scenario()])))
    qtbot.addWidget(w)
    w.show()
    w.actions.plan_optimize.trigger()
    d = w.findChild(OptimizeDialog, "optimize_dialog")
    d.redundancy.setValue(2)
    d.time_limit.setValue(8)  # the abandoned solve ends by itself at the latest then
    assert d.run()
    qtbot.waitUntil(lambda: d.progress.value() >= 10, timeout=RUN_MS)  # the solver is working
    qtbot.wait(500)
    job = d.runner.job
    t0 = time.perf_counter()
    d.cancel()
    qtbot.waitUntil(lambda: job.stopped_at is not None, timeout=RUN_MS)
    assert job.stopped_at - t0 < 3.0  # generous: the engine polls every 50 ms
    assert d.result is None and d.run_button.isEnabled()
