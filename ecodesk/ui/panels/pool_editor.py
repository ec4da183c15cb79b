"""UI layer: the pool editor of the Cost sharing tab — create, edit and delete sharing pools
(type, members, rule and its parameters: weights, floors, claims, tiers, β). Every edit is
a command on the shown scenario; the editor follows the model's signals, so undo, the
inspector and the tables stay in step with it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.commands import AddObject, ChangeObject, remove_objects, set_pool_membership, unique_id
from ecodesk.model import RULES_BY_TYPE, Bindings, EcodeskError, Pool, PoolRule, PoolType, Scenario, Tier
from ecodesk.numfmt import number as num
from ecodesk.ui.i18n import enum_label, error_text
from ecodesk.ui.plaintext import plain_label
from ecodesk.ui.tablemodels import edit_number

_PARAM_COLS = ("weights", "floors", "claims")


def _parse(text: str) -> float | None:
    t = text.strip().replace(",", "").replace("，", "")
    if not t:
        return None
    return float(t)


class PoolEditorWidget(QWidget):
    """Pools of the shown scenario: a list, and a form for the selected one."""

    #: The pool shown in the form changed (argument: pool id, '' for none).
    pool_selected = Signal(str)

    def __init__(self, panel: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pool_editor")
        self.panel = panel
        self.scenario: Scenario | None = None
        self._bindings = Bindings()
        self.pools = QListWidget(self)
        self.pools.setObjectName("pool_list")
        self.pools.setMaximumHeight(96)
        self.pools.currentItemChanged.connect(self._on_current_pool_changed)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("pool_new")
        self.new_button.clicked.connect(self.new_pool)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("pool_delete")
        self.delete_button.clicked.connect(self.delete_pool)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("pool_name")
        self.name_edit.editingFinished.connect(lambda: self._change(name=self.name_edit.text().strip()))
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("pool_type")
        self.type_combo.activated.connect(self._on_type_activated)
        self.amount = QDoubleSpinBox(self)
        self.amount.setObjectName("pool_amount")
        self.amount.setRange(0, 1e15)
        self.amount.setDecimals(2)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setKeyboardTracking(False)
        self.amount.valueChanged.connect(lambda v: self._change(amount=float(v)))
        self.rule_combo = QComboBox(self)
        self.rule_combo.setObjectName("pool_rule")
        self.rule_combo.activated.connect(self._on_rule_activated)
        self.beta = QDoubleSpinBox(self)
        self.beta.setObjectName("pool_beta")
        self.beta.setRange(0.01, 1.0)
        self.beta.setSingleStep(0.05)
        self.beta.setDecimals(2)
        self.beta.setKeyboardTracking(False)
        self.beta.valueChanged.connect(lambda v: self._change(scale_exponent=float(v)))
        self.members = QListWidget(self)
        self.members.setObjectName("pool_members")
        self.members.setMinimumHeight(90)
        self.members.itemChanged.connect(self._on_member_item_changed)
        self.member_filter = QLineEdit(self)
        self.member_filter.setObjectName("pool_member_filter")
        self.member_filter.setClearButtonEnabled(True)
        self.member_filter.textChanged.connect(self._filter_members)
        self.params = QTableWidget(0, 4, self)
        self.params.setObjectName("pool_params")
        self.params.verticalHeader().hide()
        self.params.verticalHeader().setDefaultSectionSize(22)
        self.params.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.params.setMinimumHeight(90)
        self.params.cellChanged.connect(self._on_param_cell_changed)
        self.tiers = QTableWidget(0, 2, self)
        self.tiers.setObjectName("pool_tiers")
        self.tiers.verticalHeader().setDefaultSectionSize(22)
        self.tiers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tiers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tiers.setMaximumHeight(110)
        self.tiers.cellChanged.connect(self._on_tier_cell_changed)
        self.add_tier = QPushButton(self)
        self.add_tier.clicked.connect(self._add_tier)
        self.remove_tier = QPushButton(self)
        self.remove_tier.clicked.connect(self._remove_tier)
        self.error = plain_label(QLabel(self))
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.labels = {k: QLabel(self) for k in ("name", "type", "amount", "rule", "beta", "members", "params",
                                                 "tiers")}
        for key, w in (("name", self.name_edit), ("type", self.type_combo), ("amount", self.amount),
                       ("rule", self.rule_combo), ("beta", self.beta)):
            self.form.addRow(self.labels[key], w)
        tier_buttons = QHBoxLayout()
        tier_buttons.addWidget(self.add_tier)
        tier_buttons.addWidget(self.remove_tier)
        tier_buttons.addStretch(1)
        self.tier_box = QWidget(self)
        tv = QVBoxLayout(self.tier_box)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addWidget(self.labels["tiers"])
        tv.addWidget(self.tiers)
        tv.addLayout(tier_buttons)
        self.detail = QWidget(self)
        dv = QVBoxLayout(self.detail)
        dv.setContentsMargins(0, 0, 0, 0)
        dv.addLayout(self.form)
        dv.addWidget(self.labels["members"])
        dv.addWidget(self.member_filter)
        dv.addWidget(self.members, 1)
        dv.addWidget(self.labels["params"])
        dv.addWidget(self.params, 1)
        dv.addWidget(self.tier_box)
        dv.addWidget(self.error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pools)
        layout.addLayout(buttons)
        layout.addWidget(self.detail, 1)
        self.retranslate()

    # model ------------------------------------------------------------------------------------
    def set_scenario(self, scenario: Scenario | None) -> None:
        self._bindings.clear()
        self.scenario = scenario
        if scenario is not None:
            for sig, slot in ((scenario.pools.added, self._on_pools_changed),
                              (scenario.pools.removed, self._on_pools_changed),
                              (scenario.pools.changed, self._on_pools_changed),
                              (scenario.entities.added, self._on_entities_changed),
                              (scenario.entities.removed, self._on_entities_changed),
                              (scenario.entities.changed, self._on_entities_changed),
                              (scenario.flows.added, self._on_entities_changed),
                              (scenario.flows.removed, self._on_entities_changed),
                              (scenario.flows.changed, self._on_entities_changed)):
                self._bindings.connect(sig, slot)
        self._fill_pool_list()
        self._fill_form()

    @property
    def pool(self) -> Pool | None:
        item = self.pools.currentItem()
        if item is None or self.scenario is None:
            return None
        pool: Pool | None = self.scenario.pools.get(item.data(Qt.ItemDataRole.UserRole))
        return pool

    def select_pool(self, pool_id: str) -> None:
        for i in range(self.pools.count()):
            if self.pools.item(i).data(Qt.ItemDataRole.UserRole) == pool_id:
                self.pools.setCurrentRow(i)
                return

    def _on_pools_changed(self, *args: Any) -> None:
        self._fill_pool_list()
        self._fill_form()

    def _on_entities_changed(self, *args: Any) -> None:
        self._fill_form()

    def _fill_pool_list(self) -> None:
        current = self.pool.id if self.pool is not None else None
        with QSignalBlocker(self.pools):
            self.pools.clear()
            for p in (self.scenario.pools if self.scenario is not None else ()):
                item = QListWidgetItem(f"{p.label} · {enum_label(p.type)} · {enum_label(p.rule)}")
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                self.pools.addItem(item)
            ids = [self.pools.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.pools.count())]
            if ids:
                self.pools.setCurrentRow(ids.index(current) if current in ids else 0)
        self.pool_selected.emit(self.pool.id if self.pool is not None else "")

    def _on_current_pool_changed(self, *args: Any) -> None:
        self._fill_form()
        self.pool_selected.emit(self.pool.id if self.pool is not None else "")

    # form -------------------------------------------------------------------------------------
    def _fill_form(self) -> None:
        pool, s = self.pool, self.scenario
        self.detail.setEnabled(pool is not None)
        self.delete_button.setEnabled(pool is not None)
        self.new_button.setEnabled(s is not None)
        blockers = [QSignalBlocker(w) for w in (self.name_edit, self.type_combo, self.amount, self.rule_combo,
                                                 self.beta, self.members, self.params, self.tiers)]
        try:
            self.type_combo.clear()
            for t in PoolType:
                self.type_combo.addItem(enum_label(t), t.value)
            if pool is None or s is None:
                self.name_edit.clear()
                self.members.clear()
                self.params.setRowCount(0)
                self.tiers.setRowCount(0)
                return
            self.name_edit.setText(pool.name)
            self.type_combo.setCurrentIndex(self.type_combo.findData(pool.type.value))
            self.amount.setValue(pool.amount)
            self.rule_combo.clear()
            for r in RULES_BY_TYPE[pool.type]:
                self.rule_combo.addItem(enum_label(r), r.value)
            self.rule_combo.setCurrentIndex(self.rule_combo.findData(pool.rule.value))
            self.beta.setValue(pool.scale_exponent)
            beta_on = pool.type is PoolType.COST
            self.beta.setVisible(beta_on)
            self.labels["beta"].setVisible(beta_on)
            self._fill_members(pool, s)
            self._fill_params(pool, s)
            self._fill_tiers(pool)
        finally:
            del blockers

    def _fill_members(self, pool: Pool, s: Scenario) -> None:
        self.members.clear()
        chosen = set(pool.members)
        for e in s.entities:
            item = QListWidgetItem(e.label)
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if e.id in chosen else Qt.CheckState.Unchecked)
            self.members.addItem(item)
        self._filter_members(self.member_filter.text())

    def _filter_members(self, text: str) -> None:
        t = text.strip().casefold()
        for i in range(self.members.count()):
            item = self.members.item(i)
            item.setHidden(bool(t) and t not in item.text().casefold()
                           and t not in str(item.data(Qt.ItemDataRole.UserRole)).casefold())

    def visible_param_fields(self, pool: Pool) -> list[str]:
        """Which parameter columns the pool's type and rule use."""
        if pool.type is PoolType.RESERVE:
            return ["claims"]
        return ["weights", "floors"] if pool.rule is PoolRule.FLOOR_SHARE else ["weights"]

    def _fill_params(self, pool: Pool, s: Scenario) -> None:
        fields = self.visible_param_fields(pool)
        self.params.setColumnCount(1 + len(fields))
        self.params.setHorizontalHeaderLabels([self.tr("Member")] + [self._param_title(f) for f in fields])
        self.params.setRowCount(len(pool.members))
        from ecodesk.analysis.pools import effective_weights  # (scipy: loaded when first needed)

        defaults = effective_weights(pool, s)
        italic = QFont(self.params.font())
        italic.setItalic(True)
        for row, m in enumerate(pool.members):
            head = QTableWidgetItem(s.entities[m].label if m in s.entities else m)
            head.setData(Qt.ItemDataRole.UserRole, m)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.params.setItem(row, 0, head)
            for col, f in enumerate(fields, start=1):
                values = getattr(pool, f)
                item = QTableWidgetItem(edit_number(values[m]) if m in values else "")
                if m not in values and f == "weights":
                    item.setData(Qt.ItemDataRole.ToolTipRole, self.tr("Empty: the member's total flow value ({0}) "
                                                                      "is used").format(num(defaults.get(m))))
                    item.setText("")
                    item.setData(Qt.ItemDataRole.UserRole, "default")
                self.params.setItem(row, col, item)
        self.labels["params"].setText(self.tr("Parameters (empty weight: total flow value)")
                                      if "weights" in fields else self.tr("Claims on the reserve"))

    def _param_title(self, f: str) -> str:
        return {"weights": self.tr("Weight"), "floors": self.tr("Floor"), "claims": self.tr("Claim")}[f]

    def _fill_tiers(self, pool: Pool) -> None:
        on = pool.rule is PoolRule.TIERED
        self.tier_box.setVisible(on)
        self.tiers.setHorizontalHeaderLabels([self.tr("Up to (empty: no bound)"), self.tr("Rate")])
        self.tiers.setRowCount(len(pool.tiers))
        for row, t in enumerate(pool.tiers):
            self.tiers.setItem(row, 0, QTableWidgetItem("" if t.up_to is None else edit_number(t.up_to)))
            self.tiers.setItem(row, 1, QTableWidgetItem(edit_number(t.rate)))

    # edits --------------------------------------------------------------------------------------
    def _push(self, cmd: Any) -> bool:
        doc = self.panel.document
        if doc is None:
            return False
        error = doc.attempt(cmd)
        if error is not None:
            self.show_error(error_text(error))
            self._fill_form()
            return False
        self.show_error("")
        return True

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _change(self, **changes: Any) -> bool:
        pool, s = self.pool, self.scenario
        if pool is None or s is None:
            return False
        if all(getattr(pool, k) == v for k, v in changes.items()):
            return False
        try:
            new = pool.evolve(**changes)
        except EcodeskError as exc:
            self.show_error(error_text(exc))
            self._fill_form()
            return False
        return self._push(ChangeObject(s, new))

    def _on_type_activated(self, index: int) -> None:
        pool = self.pool
        if pool is None:
            return
        new_type = PoolType(self.type_combo.itemData(index))
        rule = pool.rule if pool.rule in RULES_BY_TYPE[new_type] else RULES_BY_TYPE[new_type][0]
        self._change(type=new_type, rule=rule)

    def _on_rule_activated(self, index: int) -> None:
        self.set_rule(PoolRule(self.rule_combo.itemData(index)))

    def set_rule(self, rule: PoolRule | str) -> bool:
        """Switch the selected pool's rule (one command; the allocation updates at once)."""
        return self._change(rule=PoolRule(rule))

    def _on_member_item_changed(self, item: QListWidgetItem) -> None:
        pool, s = self.pool, self.scenario
        if pool is None or s is None:
            return
        member = item.checkState() == Qt.CheckState.Checked
        eid = item.data(Qt.ItemDataRole.UserRole)
        if (eid in pool.members) != member:
            self._push(set_pool_membership(s, pool.id, eid, member))

    def _on_param_cell_changed(self, row: int, col: int) -> None:
        pool = self.pool
        if pool is None or col == 0:
            return
        fields = self.visible_param_fields(pool)
        f = fields[col - 1]
        member = self.params.item(row, 0).data(Qt.ItemDataRole.UserRole)
        try:
            value = _parse(self.params.item(row, col).text())
        except ValueError:
            self.show_error(self.tr("“{0}” is not a number").format(self.params.item(row, col).text()))
            self._fill_form()
            return
        mapping = dict(getattr(pool, f))
        if value is None:
            mapping.pop(member, None)
        else:
            mapping[member] = value
        self._change(**{f: mapping})

    def _tiers_from_table(self) -> list[Tier] | None:
        out = []
        try:
            for row in range(self.tiers.rowCount()):
                up = self.tiers.item(row, 0)
                rate = self.tiers.item(row, 1)
                out.append(Tier(_parse(up.text()) if up else None, _parse(rate.text()) if rate else 0.0))
        except ValueError:
            self.show_error(self.tr("Tiers need numbers"))
            self._fill_form()
            return None
        return out

    def _on_tier_cell_changed(self, row: int, col: int) -> None:
        tiers = self._tiers_from_table()
        if tiers is not None:
            self._change(tiers=tuple(tiers))

    def _add_tier(self) -> None:
        pool = self.pool
        if pool is None:
            return
        tiers = list(pool.tiers)
        if tiers and tiers[-1].up_to is None:  # a new bounded step before the open-ended one
            last = tiers[-2].up_to if len(tiers) > 1 else 0.0
            tiers.insert(len(tiers) - 1, Tier((last or 0.0) * 2 or 1_000_000.0, tiers[-1].rate))
        else:
            tiers.append(Tier(None, tiers[-1].rate if tiers else 0.05))
        self._change(tiers=tuple(tiers))

    def _remove_tier(self) -> None:
        pool = self.pool
        if pool is None or not pool.tiers:
            return
        row = self.tiers.currentRow()
        tiers = list(pool.tiers)
        tiers.pop(row if 0 <= row < len(tiers) else len(tiers) - 1)
        self._change(tiers=tuple(tiers))

    def new_pool(self) -> str | None:
        """Add a pool of the selected entities (or none) and show it; returns its id."""
        s, doc = self.scenario, self.panel.document
        if s is None or doc is None:
            return None
        members = tuple(i for i in doc.selection if i in s.entities)
        pool = Pool(unique_id(s, "pool"), self.tr("New pool"), PoolType.COST, 0.0, members, PoolRule.PROPORTIONAL)
        if not self._push(AddObject(s, pool)):
            return None
        self.select_pool(pool.id)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        return pool.id

    def delete_pool(self) -> bool:
        pool, s = self.pool, self.scenario
        if pool is None or s is None:
            return False
        return self._push(remove_objects(s, [pool]))

    # language -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.new_button.setText(self.tr("New Pool"))
        self.new_button.setToolTip(self.tr("Add a sharing pool of the entities selected on the canvas"))
        self.delete_button.setText(self.tr("Delete Pool"))
        self.add_tier.setText(self.tr("Add Tier"))
        self.remove_tier.setText(self.tr("Remove Tier"))
        self.member_filter.setPlaceholderText(self.tr("Filter entities…"))
        for key, text in (("name", self.tr("Name")), ("type", self.tr("Type")), ("amount", self.tr("Amount")),
                          ("rule", self.tr("Rule")), ("beta", self.tr("Scale exponent β")), ("members", self.tr("Members")),
                          ("tiers", self.tr("Tiers"))):
            self.labels[key].setText(text)
        self.beta.setToolTip(self.tr("Economies of scale of a cost pool: c(S) = amount·(W_S/W_N)^β; 1 is plain "
                                "proportional"))
        self.pools.setToolTip(self.tr("Sharing pools of this scenario"))
        self._fill_form()

    def error_color(self) -> QColor:
        return QColor("#c62828")
