"""UI layer: the inspector's pool section — per-member weights, floors and claims, and the
tiers of a tiered share, edited as small tables (each cell edit is one command)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSignalBlocker
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ecodesk.commands import ChangeObject
from ecodesk.commands.editrules import CHANGE_FIELD, parse_number
from ecodesk.model import Pool, Tier, ValidationError
from ecodesk.ui.i18n import error_text, field_label
from ecodesk.ui.plaintext import plain_label
from ecodesk.ui.tablemodels import edit_number

_MAPS = ("weights", "floors", "claims")


def _cell_text(table: QTableWidget, row: int, col: int, empty: str = "") -> str:
    item = table.item(row, col)
    return item.text() if item is not None else empty


class PoolParamsSection(QObject):
    """Weights/floors/claims by member, and tiers; empty cells mean "not set" (defaults)."""

    def __init__(self, inspector: Any) -> None:
        super().__init__(inspector)
        self.inspector = inspector
        self.title = self.tr("Sharing parameters")
        self.widget = QWidget(inspector.body)
        v = QVBoxLayout(self.widget)
        v.setContentsMargins(0, 0, 0, 0)
        self.members = QTableWidget(0, 3, self.widget)
        self.members.setObjectName("pool_members_table")
        self.members.setToolTip(self.tr("Empty weight: the member's total flow value is used. "
                                        "Floors apply to floor-plus-share, claims to reserve pools."))
        self.members.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.members.setMinimumHeight(110)
        self.members.setMaximumHeight(170)
        self.members.verticalHeader().setDefaultSectionSize(24)
        self.members.cellChanged.connect(self._on_member_cell)
        self.tiers = QTableWidget(0, 2, self.widget)
        self.tiers.setObjectName("pool_tiers_table")
        self.tiers.setToolTip(self.tr("Tiered share: weights up to “up to” earn “rate”; leave the last "
                                      "“up to” empty for no bound."))
        self.tiers.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tiers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tiers.setMinimumHeight(80)
        self.tiers.setMaximumHeight(120)
        self.tiers.verticalHeader().setDefaultSectionSize(24)
        self.tiers.cellChanged.connect(self._on_tier_cell)
        row = QHBoxLayout()
        self.add_tier = QPushButton(self.tr("Add tier"), self.widget)
        self.add_tier.clicked.connect(self._add_tier)
        self.remove_tier = QPushButton(self.tr("Remove tier"), self.widget)
        self.remove_tier.clicked.connect(self._remove_tier)
        row.addWidget(self.add_tier)
        row.addWidget(self.remove_tier)
        row.addStretch(1)
        self.error = plain_label(QLabel(self.widget))
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        v.addWidget(self.members)
        v.addWidget(QLabel(field_label("tiers"), self.widget))
        v.addWidget(self.tiers)
        v.addLayout(row)
        v.addWidget(self.error)

    @property
    def pool(self) -> Pool | None:
        obj = self.inspector.obj
        return obj if isinstance(obj, Pool) else None

    def refresh(self) -> None:
        pool, scenario = self.pool, self.inspector.scenario
        if pool is None or scenario is None:
            return
        with QSignalBlocker(self.members):
            self.members.setHorizontalHeaderLabels([field_label(m) for m in _MAPS])
            self.members.setRowCount(len(pool.members))
            labels = []
            for r, m in enumerate(pool.members):
                ent = scenario.entities.get(m)
                labels.append(ent.label if ent is not None else m)
                for c, name in enumerate(_MAPS):
                    value = getattr(pool, name).get(m)
                    self.members.setItem(r, c, QTableWidgetItem(edit_number(value)))
            self.members.setVerticalHeaderLabels(labels)
        with QSignalBlocker(self.tiers):
            self.tiers.setHorizontalHeaderLabels([self.tr("up to"), self.tr("rate")])
            self.tiers.setRowCount(len(pool.tiers))
            for r, t in enumerate(pool.tiers):
                self.tiers.setItem(r, 0, QTableWidgetItem(edit_number(t.up_to)))
                self.tiers.setItem(r, 1, QTableWidgetItem(edit_number(t.rate)))
        self.remove_tier.setEnabled(bool(pool.tiers))

    def _push(self, new_fn: Any, field: str) -> None:
        pool, scenario = self.pool, self.inspector.scenario
        if pool is None or scenario is None:
            return
        try:
            new = new_fn(pool)
        except ValidationError as exc:
            self._refuse(error_text(exc))
            return
        if new == pool:
            return
        cmd = ChangeObject(scenario, new, text=CHANGE_FIELD)
        cmd.params["field"] = field
        exc2 = self.inspector.document.attempt(cmd)
        if exc2 is not None:
            self._refuse(error_text(exc2))
        else:
            self.error.hide()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.inspector.status_message.emit(message)
        self.refresh()

    def _on_member_cell(self, row: int, col: int) -> None:
        pool = self.pool
        if pool is None or row >= len(pool.members):
            return
        member, name = pool.members[row], _MAPS[col]
        text = _cell_text(self.members, row, col)

        def change(p: Pool) -> Pool:
            value = parse_number(p, f"{name}[{member}]", text) if text.strip() else None
            mapping = dict(getattr(p, name))
            if value is None:
                mapping.pop(member, None)
            else:
                mapping[member] = value
            return p.evolve(**{name: mapping})

        self._push(change, name)

    def _tiers_from_table(self, p: Pool) -> tuple[Tier, ...]:
        out = []
        for r in range(self.tiers.rowCount()):
            up = _cell_text(self.tiers, r, 0)
            rate = _cell_text(self.tiers, r, 1, "0")
            out.append(Tier(parse_number(p, f"tiers[{r}].up_to", up) if up.strip() else None,
                            parse_number(p, f"tiers[{r}].rate", rate) or 0.0))
        return tuple(out)

    def _on_tier_cell(self, row: int, col: int) -> None:
        self._push(lambda p: p.evolve(tiers=self._tiers_from_table(p)), "tiers")

    def _add_tier(self) -> None:
        def change(p: Pool) -> Pool:
            tiers = list(p.tiers)
            if tiers and tiers[-1].up_to is None:  # keep the unbounded tier last
                last = tiers.pop()
                bound = (tiers[-1].up_to or 0.0) * 2 if tiers else 100.0
                tiers += [Tier(bound or 100.0, last.rate), last]
            else:
                tiers.append(Tier(None, 0.1))
            return p.evolve(tiers=tuple(tiers))

        self._push(change, "tiers")

    def _remove_tier(self) -> None:
        row = self.tiers.currentRow()

        def change(p: Pool) -> Pool:
            tiers = list(p.tiers)
            if tiers:
                tiers.pop(row if 0 <= row < len(tiers) else len(tiers) - 1)
            return p.evolve(tiers=tuple(tiers))

        self._push(change, "tiers")
