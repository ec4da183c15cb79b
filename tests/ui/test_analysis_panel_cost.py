"""Cost sharing in the panel: the core status in words (English and Chinese), and the pool
editor — create, edit (type, members, rule, weights, floors, tiers, β) and delete pools as
commands, with each rule's allocation shown at once and equal to ``analyze_pool``."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ecodesk.analysis.pools import analyze_pool
from ecodesk.model import PoolRule, PoolType
from ecodesk.ui.i18n import install_language
from tests.ui.panel_helpers import open_window, project_of, wait_current


def test_analysis_panel_core_status_in_words(qtbot):
    w = open_window(qtbot, project_of("s2b2b_appliance"))
    panel, doc = w.analysis_panel, w.document
    linear, network = doc.project.scenarios
    result = wait_current(qtbot, panel)  # 1.0 linear supply chain: not in the core
    first = result.cost_sharing.blocking_coalitions[0]
    names = [linear.entities[m].label for m in first["members"]]
    cost = panel.show_tab("cost")
    text = cost.core_label.text()
    assert text == f"Not stable: {' + '.join(names)} would pay {first['excess']:,.2f} less on " + (
        "its own." if len(names) == 1 else "their own.")
    doc.set_scenario(network)
    wait_current(qtbot, panel)
    panel.show_tab("cost")
    assert cost.core_label.text() == "Stable: no group of partners would rather leave."
    install_language("zh")
    qtbot.waitUntil(lambda: panel.tabs.tabText(2) == "成本分摊")
    panel.show_tab("cost")
    assert cost.core_label.text() == "稳定：没有任何伙伴组合愿意退出。"
    doc.set_scenario(linear)
    wait_current(qtbot, panel)
    panel.show_tab("cost")
    assert cost.core_label.text().startswith("不稳定：") and "单干可少付" in cost.core_label.text()


def test_analysis_panel_pool_rule_switch_shows_the_new_allocation_at_once(qtbot):
    w = open_window(qtbot, project_of("s2b2b_appliance"))
    panel, doc = w.analysis_panel, w.document
    wait_current(qtbot, panel)  # 1.0: the distributors' tiered rebate (a revenue pool)
    cost = panel.show_tab("cost")
    editor = cost.editor
    tiered = next(p for p in doc.scenario.pools if p.rule is PoolRule.TIERED)
    editor.select_pool(tiered.id)
    pool = editor.pool
    assert pool is tiered and pool.type is PoolType.REVENUE
    for rule in (PoolRule.EQUAL, PoolRule.PROPORTIONAL, PoolRule.SHAPLEY, PoolRule.NUCLEOLUS):
        index = editor.rule_combo.findData(rule.value)
        editor.rule_combo.setCurrentIndex(index)
        editor.rule_combo.activated.emit(index)  # as a user's pick
        live = doc.scenario.pools[pool.id]
        assert live.rule is rule
        expected = analyze_pool(live, doc.scenario, seed=doc.project.settings.seed)
        # no waiting: the pool was analysed synchronously
        assert cost.pool_values("allocation") == expected.allocation
        assert cost.pool_values("fairness_gap") == expected.fairness_gap
        assert enum_in(cost.pool_summary.text(), rule)
    gaps = cost.pool_values("fairness_gap")
    assert all(abs(v) < 1e-6 for v in gaps.values())  # Shapley/nucleolus of a revenue pool: fair
    w.undo()
    assert doc.scenario.pools[pool.id].rule is PoolRule.SHAPLEY
    assert cost.pool_values("allocation") == analyze_pool(doc.scenario.pools[pool.id], doc.scenario).allocation


def enum_in(text: str, rule: PoolRule) -> bool:
    return rule.label("en") in text


def test_analysis_panel_pool_editor_creates_edits_and_deletes_pools(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, doc = w.analysis_panel, w.document
    wait_current(qtbot, panel)
    cost = panel.show_tab("cost")
    editor = cost.editor
    s = doc.scenario
    before = len(s.pools)
    doc.set_selection(["agri_pf", "iiot_pf"])
    pool_id = editor.new_pool()
    assert len(s.pools) == before + 1 and editor.pool.id == pool_id
    assert s.pools[pool_id].members == ("agri_pf", "iiot_pf")
    # name, type, amount as a user edits them
    editor.name_edit.setText("联合市场推广")
    editor.name_edit.editingFinished.emit()
    editor.amount.setValue(1_200_000)
    index = editor.type_combo.findData("revenue")
    editor.type_combo.setCurrentIndex(index)
    editor.type_combo.activated.emit(index)
    p = s.pools[pool_id]
    assert (p.name, p.amount, p.type) == ("联合市场推广", 1_200_000, PoolType.REVENUE)
    assert not editor.beta.isVisible()
    # members through the checkable list
    item = next(editor.members.item(i) for i in range(editor.members.count())
                if editor.members.item(i).data(Qt.ItemDataRole.UserRole) == "home_pf")
    item.setCheckState(Qt.CheckState.Checked)
    assert s.pools[pool_id].members == ("agri_pf", "iiot_pf", "home_pf")
    assert [r["id"] for r in cost.pool_model.rows] == ["agri_pf", "iiot_pf", "home_pf"]
    # floor plus share: weights and floors in the parameter table
    editor.set_rule("floor_share")
    assert editor.params.columnCount() == 3
    editor.params.item(0, 1).setText("3")
    editor.params.item(0, 2).setText("100000")
    p = s.pools[pool_id]
    assert p.weights == {"agri_pf": 3.0} and p.floors == {"agri_pf": 100000.0}
    assert cost.pool_values("allocation") == analyze_pool(p, s).allocation
    # a tiered share with two tiers
    editor.set_rule("tiered")
    assert editor.tier_box.isVisible()
    editor.add_tier.click()
    editor.add_tier.click()
    assert len(s.pools[pool_id].tiers) == 2 and s.pools[pool_id].tiers[-1].up_to is None
    editor.tiers.item(1, 1).setText("0.1")
    assert s.pools[pool_id].tiers[1].rate == 0.1
    # a bad number is refused inline, the model unchanged
    editor.tiers.item(0, 1).setText("lots")
    assert editor.error.isVisible() and s.pools[pool_id].tiers[0].rate != "lots"
    # a cost pool with economies of scale
    index = editor.type_combo.findData("cost")
    editor.type_combo.setCurrentIndex(index)
    editor.type_combo.activated.emit(index)
    editor.beta.setValue(0.6)
    assert s.pools[pool_id].scale_exponent == 0.6 and s.pools[pool_id].rule is PoolRule.TIERED
    # delete, then undo everything back to the start
    assert editor.delete_pool()
    assert pool_id not in s.pools
    w.undo()
    assert s.pools[pool_id].scale_exponent == 0.6
    while pool_id in s.pools:
        w.undo()
    assert len(s.pools) == before


def test_analysis_panel_reserve_pool_claims_and_talmud_rule(qtbot):
    w = open_window(qtbot, project_of("sensor_reuse"))
    panel, doc = w.analysis_panel, w.document
    cost = panel.show_tab("cost")
    editor = cost.editor
    doc.set_selection(["agri_pf", "iiot_pf", "home_pf"])
    pool_id = editor.new_pool()
    index = editor.type_combo.findData("reserve")
    editor.type_combo.setCurrentIndex(index)
    editor.type_combo.activated.emit(index)
    editor.amount.setValue(300)
    assert [editor.params.horizontalHeaderItem(c).text() for c in range(editor.params.columnCount())] == [
        "Member", "Claim"]
    for row, claim in enumerate(("100", "200", "300")):
        editor.params.item(row, 1).setText(claim)
    editor.set_rule("talmud")
    pool = doc.scenario.pools[pool_id]
    assert pool.claims == {"agri_pf": 100.0, "iiot_pf": 200.0, "home_pf": 300.0}
    assert cost.pool_values("allocation") == {"agri_pf": 50.0, "iiot_pf": 100.0, "home_pf": 150.0}  # the Talmud
    assert cost.pool_values("allocation") == analyze_pool(pool, doc.scenario).allocation
    assert not cost.pool_table.isColumnHidden(cost.pool_model.column_index("claim"))
