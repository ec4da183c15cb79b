"""UI layer: the Sensitivity tab's inputs — a searchable metric picker (readable names, the
dotted path in the tooltip), a menu of checkable input fields, and how a planner types a
share ("20%", "20 %", "0.2").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QCompleter, QMenu, QToolButton, QWidget

from ecodesk.ui.i18n import field_label
from ecodesk.ui.plaintext import plain


def parse_share(text: str) -> float | None:
    """A share as typed: "20%", "20 %", "20％" → 0.2; a plain number is taken as it is
    ("0.2" → 0.2). None if it is not a number (the caller says so; nothing is guessed)."""
    t = text.strip().replace("％", "%").replace(",", ".")
    is_percent = t.endswith("%")
    if is_percent:
        t = t[:-1].strip()
    try:
        value = float(t)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value / 100.0 if is_percent else value


def share_text(value: float) -> str:
    """0.2 → "20%" (as the field shows it)."""
    pct = value * 100.0
    return f"{pct:.10g}%"


class MetricPicker(QComboBox):
    """An editable combo box of (path, readable name): typing filters the list (any part of
    the name or the path); :meth:`metric` is the chosen path ("" when the text names none)."""

    #: The chosen metric changed (argument: its path).
    metric_changed = Signal(str)
    #: The list is about to open (its owner may renew the choices first).
    opening = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensitivity_metric")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(28)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMaxVisibleItems(20)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self._last = ""
        self.currentIndexChanged.connect(lambda _i: self._emit_if_changed())
        edit = self.lineEdit()
        assert edit is not None  # editable
        edit.editingFinished.connect(self._emit_if_changed)

    def set_choices(self, choices: Sequence[tuple[str, str]], prefer: Iterable[str] = ()) -> None:
        """Fill the list; the chosen metric stays if it is still there, else the first of
        ``prefer`` that is, else the first choice."""
        keep = self.chosen_path() or self._last
        with QSignalBlocker(self):
            self.clear()
            for path, name in choices:
                self.addItem(name, path)
                self.setItemData(self.count() - 1, plain(path), Qt.ItemDataRole.ToolTipRole)
            paths = [p for p, _ in choices]
            wanted = next((p for p in (keep, *prefer) if p and p in paths), paths[0] if paths else "")
            if wanted:
                self.setCurrentIndex(paths.index(wanted))
        self._emit_if_changed()

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()

    def choose(self, path: str) -> bool:
        i = self.findData(path)
        if i < 0:
            return False
        self.setCurrentIndex(i)
        self._emit_if_changed()
        return True

    def chosen_path(self) -> str:
        """The chosen metric's path: the item whose name (or path) the field shows."""
        text = self.currentText().strip()
        i = self.currentIndex()
        if i >= 0 and self.itemText(i) == text:
            return str(self.itemData(i))
        for j in range(self.count()):
            if text in (self.itemText(j), str(self.itemData(j))):
                return str(self.itemData(j))
        return ""

    def name_of(self, path: str) -> str:
        i = self.findData(path)
        return self.itemText(i) if i >= 0 else path

    def _emit_if_changed(self) -> None:
        path = self.chosen_path()
        self.setToolTip(plain(path))
        if path and path != self._last:
            self._last = path
            self.metric_changed.emit(path)


class FieldsButton(QToolButton):
    """A drop-down of checkable input fields (``table.field``), named "Capabilities · Fixed
    cost" in the UI language; the button says how many are checked."""

    changed = Signal()

    def __init__(self, fields: dict[str, tuple[str, ...]], default: Iterable[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sensitivity_fields")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.default = tuple(default)
        self.actions_: dict[str, QAction] = {}
        for table, names in fields.items():
            for name in names:
                key = f"{table}.{name}"
                act = self.menu_.addAction(key)
                act.setCheckable(True)
                act.setChecked(key in self.default)
                act.toggled.connect(lambda _on: self._on_toggled())
                self.actions_[key] = act
        self.menu_.addSeparator()
        self.reset_action = self.menu_.addAction("", self.reset)

    def chosen(self) -> tuple[str, ...]:
        return tuple(k for k, a in self.actions_.items() if a.isChecked())

    def set_chosen(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        for k, a in self.actions_.items():
            with QSignalBlocker(a):
                a.setChecked(k in wanted)
        self._on_toggled()

    def reset(self) -> None:
        self.set_chosen(self.default)

    def _on_toggled(self) -> None:
        self.retranslate()
        self.changed.emit()

    def retranslate(self) -> None:
        tables = {"entities": self.tr("Entities"), "capabilities": self.tr("Capabilities"), "flows": self.tr("Flows"),
                  "needs": self.tr("Needs"), "pools": self.tr("Pools")}
        for key, act in self.actions_.items():
            table, name = key.split(".", 1)
            act.setText(f"{tables.get(table, table)} · {field_label(name)}")
            act.setToolTip(key)
        self.reset_action.setText(self.tr("Default Fields"))
        n = len(self.chosen())
        self.setText(self.tr("Inputs: 1 field") if n == 1 else self.tr("Inputs: {0} fields").format(n))
        self.setToolTip(self.tr("Which numbers are varied, one at a time"))
