"""Helpers for the optimiser dialog tests: a small scenario with two warehouses built twice
(one of them is closed by the least-cost design), a need the kept warehouse can serve, and
a capability flow that is cheaper standalone."""

from __future__ import annotations

from ecodesk.model import Capability, Entity, Flow, Need, Project, Scenario


def duplicated_scenario(name: str = "各自建仓") -> Scenario:
    s = Scenario(name)
    for e in (Entity("brand", "品牌商", "platform", x=0, y=0),
              Entity("east", "华东总代", "channel", x=-260, y=160),
              Entity("south", "华南总代", "channel", x=260, y=160),
              Entity("shop_e", "华东门店", "user", demand=100, x=-260, y=380),
              Entity("shop_s", "华南门店", "user", demand=100, x=260, y=380),
              Entity("county", "县域门店", "user", demand=50, x=0, y=420)):
        s.add(e)
    # the same warehouse built twice: closing one saves its fixed cost
    s.add(Capability("wh_east", "华东仓", "仓储", "east", fixed_cost=1_000_000, unit_cost=2.0))
    s.add(Capability("wh_south", "华南仓", "仓储", "south", fixed_cost=1_200_000, unit_cost=2.0))
    s.add(Capability("trade", "交易系统", "交易", "brand", fixed_cost=500_000, unit_cost=0.5))
    s.add(Flow("fe", "east", "shop_e", "capability", 100_000, capability="wh_east", standalone_cost=900_000))
    s.add(Flow("fs", "south", "shop_s", "capability", 80_000, capability="wh_south", standalone_cost=900_000))
    s.add(Flow("ft", "brand", "east", "capability", 1_000, capability="trade", standalone_cost=100_000))
    s.add(Flow("g1", "brand", "shop_e", "goods", 100, unit_value=10))
    s.add(Flow("g2", "brand", "shop_s", "goods", 100, unit_value=10))
    s.add(Need("n_county", "county", "仓储", 20_000, 300_000))
    return s


def duplicated_project() -> Project:
    return Project("仓储整合", scenarios=[duplicated_scenario(), Scenario("空白")])


#: How long a test waits for a design run (the runs here take well under a second).
RUN_MS = 30_000


def open_dialog(win):
    """Plan → Optimise Design… in ``win``: the one dialog, shown."""
    from ecodesk.ui.dialogs.optimize import OptimizeDialog

    win.actions.plan_optimize.trigger()
    dialog = win.findChild(OptimizeDialog, "optimize_dialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def run(qtbot, dialog) -> None:
    """Run the dialog's design and wait for its result."""
    with qtbot.waitSignal(dialog.result_shown, timeout=RUN_MS):
        assert dialog.run()
    assert not dialog.runner.running
