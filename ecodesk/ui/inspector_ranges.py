"""UI layer: the inspector's ranges — a "±" beside each number that may carry a range
(SPEC §3.7, :data:`ecodesk.model.ranges.RANGE_FIELDS`), with low/high fields under it.

A :class:`RangeEditor` wraps a number field the inspector has built: the row becomes
``[number] [80 – 120] [±]`` (the hint shows a set range while its fields are folded away, so
the inspector stays short), and ``±`` unfolds ``[low] – [high] [×]``. Low and high are typed
like every number (through :func:`ecodesk.commands.editrules.parse_number`: "1万", "15%" for
a risk); the range is committed when both are filled and the user presses Enter or leaves
the pair, as one undo step. Clearing both, or ×, removes the range (one undo step). What the
model refuses — low above the value, high below it, a risk range beyond 100 % — is its
sentence under the low/high fields; the model keeps what it had and the typed text stays to
correct. Like the other editors, this one never touches the model: it reports
``committed(field, low, high)`` and ``removed(field)``, and the edit rules'
:func:`~ecodesk.commands.editrules.range_command` builds the command.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from ecodesk import numfmt
from ecodesk.commands.editrules import FRACTION, field_unit, parse_number
from ecodesk.model import ValidationError
from ecodesk.model.ranges import RANGE_FIELDS
from ecodesk.ui.i18n import current_language, field_label
from ecodesk.ui.inspector_fields import FieldEditor
from ecodesk.ui.plaintext import plain_label
from ecodesk.ui.tablemodels import edit_number

#: The collection each kind of object lives in (RANGE_FIELDS is keyed by collection).
_COLLECTIONS = {"entity": "entities", "flow": "flows", "capability": "capabilities", "need": "needs",
                "pool": "pools"}


def range_fields(what: str) -> tuple[str, ...]:
    """The fields of an object of kind ``what`` ('entity', 'flow' …) that may carry a range."""
    return tuple(RANGE_FIELDS.get(_COLLECTIONS.get(what, ""), ()))


def range_text(field: str, low: float, high: float, lang: str = "en") -> str:
    """A range as the folded hint shows it: "80 – 1,200", "5 % – 20 %" for a share, and big
    amounts in the reader's units ("900 K – 1.5 M", "90 万 – 150 万") so the number beside it
    keeps its room; the exact ends are in the fields and the hint's tooltip."""
    if field_unit(field) == FRACTION:
        return f"{numfmt.number(100 * low, 2)} % – {numfmt.number(100 * high, 2)} %"

    def end(v: float) -> str:
        return numfmt.compact(v, lang) if abs(v) >= 10_000 else numfmt.number(v)

    return f"{end(low)} – {end(high)}"


def exact_range_text(low: float, high: float) -> str:
    """The exact ends, for the hint's tooltip: "900,000 – 1,500,000"."""
    return f"{numfmt.number(low)} – {numfmt.number(high)}"


#: Focus leaving for another window or a popup menu: the user has not left the pair.
_AWAY = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


class RangeEditor(QObject):
    """The "±" of one number field and its folded low/high row (see the module docstring)."""

    committed = Signal(str, str, str)  # field, low text, high text
    removed = Signal(str)  # field

    def __init__(self, field_editor: FieldEditor) -> None:
        super().__init__(field_editor)
        self.field = field = field_editor.field
        self.number = field_editor.editor
        container, layout = field_editor.container, field_editor.layout
        row = QWidget(container)
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(4)
        layout.removeWidget(self.number)
        h.addWidget(self.number, 1)
        self.hint = plain_label(QLabel(row))
        self.hint.setObjectName(f"range_hint_{field}")
        self.hint.setProperty("role", "hint")
        self.hint.hide()
        h.addWidget(self.hint)
        self.button = QToolButton(row)
        self.button.setObjectName(f"range_{field}")
        self.button.setText("±")
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.toggled.connect(self._on_button_toggled)
        h.addWidget(self.button)
        layout.insertWidget(0, row)

        self.panel = QWidget(container)
        p = QHBoxLayout(self.panel)
        p.setContentsMargins(0, 0, 0, 0)
        p.setSpacing(4)
        self.low = self._end(f"range_low_{field}")
        self.high = self._end(f"range_high_{field}")
        self.dash = QLabel("–", self.panel)
        self.clear = QToolButton(self.panel)
        self.clear.setObjectName(f"range_clear_{field}")
        self.clear.setText("×")
        self.clear.setAutoRaise(True)
        self.clear.clicked.connect(self._on_clear_clicked)
        p.addWidget(self.low, 1)
        p.addWidget(self.dash)
        p.addWidget(self.high, 1)
        p.addWidget(self.clear)
        self.panel.hide()
        layout.addWidget(self.panel)
        self.error_label = plain_label(QLabel(container))
        self.error_label.setObjectName(f"range_error_{field}")
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self._range: tuple[float, float] | None = None
        self.retranslate()

    def _end(self, name: str) -> QLineEdit:
        edit = QLineEdit(self.panel)
        edit.setObjectName(name)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setMinimumWidth(40)
        edit.returnPressed.connect(self._judge)
        edit.installEventFilter(self)  # leaving the pair judges it, typed into or not
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and watched in (self.low, self.high) \
                and isinstance(event, QFocusEvent) and event.reason() not in _AWAY:
            self._on_end_left()
        return False

    def retranslate(self) -> None:
        self.button.setToolTip(self.tr("Range for uncertainty analysis: the low and high this number may "
                                       "take (the value lies between them)"))
        self.low.setPlaceholderText(self.tr("low"))
        self.high.setPlaceholderText(self.tr("high"))
        self.clear.setToolTip(self.tr("Remove the range"))
        name = field_label(self.field)  # what a screen reader says for the bare "±", "–" and "×"
        self.button.setAccessibleName(self.tr("Range of {0}").format(name))
        self.low.setAccessibleName(self.tr("Low end of {0}").format(name))
        self.high.setAccessibleName(self.tr("High end of {0}").format(name))
        self.clear.setAccessibleName(self.tr("Remove the range of {0}").format(name))

    # state ---------------------------------------------------------------------------
    @property
    def ranged(self) -> bool:
        return self._range is not None

    @property
    def error(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        if text:
            self.open()

    def open(self) -> None:
        self.button.setChecked(True)

    def focus_chain(self) -> list[QWidget]:
        return [self.button, self.low, self.high, self.clear]

    def set_state(self, rng: Any, enabled: bool = True) -> None:
        """Show the model's range of the field (None: none); ``enabled`` follows the number."""
        new = (float(rng[0]), float(rng[1])) if rng is not None else None
        changed, self._range = new != self._range, new
        self.button.setEnabled(enabled or self.ranged)
        # Highlighted while a range is set: bold, in the theme's highlight colour (an empty
        # font/palette inherits the theme again).
        font, palette = QFont(), QPalette()
        if self.ranged:
            font.setBold(True)
            color = self.hint.palette().color(QPalette.ColorRole.Highlight)
            palette.setColor(QPalette.ColorRole.ButtonText, color)
            palette.setColor(QPalette.ColorRole.WindowText, color)
        self.button.setFont(font)
        self.button.setPalette(palette)
        rng = self._range
        self.hint.setText(range_text(self.field, *rng, current_language()) if rng is not None else "")
        self.hint.setToolTip(exact_range_text(*rng) if rng is not None else "")
        self._fold()
        if self.error:  # the refused text stays for the user to correct
            return
        if not changed and (self.low.hasFocus() or self.high.hasFocus()):
            return  # half-typed: keep it
        self._show_model_ends()

    def _show_model_ends(self) -> None:
        for edit, value in zip((self.low, self.high), self._range or (None, None), strict=True):
            if not _same(edit.text(), value, self.field):
                with QSignalBlocker(edit):
                    edit.setText(edit_number(value))

    def _fold(self) -> None:
        is_open = self.button.isChecked()
        self.panel.setVisible(is_open)
        self.hint.setVisible(self.ranged and not is_open)
        if not is_open:
            self.error_label.hide()

    # what the user does ----------------------------------------------------------------
    def _on_button_toggled(self, checked: bool) -> None:
        self._fold()
        if not checked:  # folding away abandons what was typed (and refused): the model's ends show
            self._show_model_ends()
        if checked and (self.button.hasFocus() or self.number.hasFocus()):
            self.low.setFocus()  # opened from the keyboard: straight on to typing the low end

    def _on_clear_clicked(self) -> None:
        for edit in (self.low, self.high):
            with QSignalBlocker(edit):
                edit.clear()
        self.error_label.hide()
        self.removed.emit(self.field)

    def _on_end_left(self) -> None:
        if QApplication.focusWidget() in (self.low, self.high):
            return  # moving between low and high: wait for the pair
        self._judge()

    def _judge(self) -> None:
        """Both ends empty: no range; otherwise commit what is typed (the edit rules explain a
        missing end)."""
        low, high = self.low.text().strip(), self.high.text().strip()
        if not low and not high:
            self.error_label.hide()
            if self.ranged:
                self.removed.emit(self.field)
            return
        shown = self._range or (None, None)
        if self.error or not (_same(low, shown[0], self.field) and _same(high, shown[1], self.field)):
            self.committed.emit(self.field, low, high)


def _same(text: str, value: float | None, field: str) -> bool:
    """Whether ``text`` already stands for ``value`` (so a refresh leaves the typing alone)."""
    if value is None:
        return not text.strip()
    try:
        typed = parse_number(None, field, text)
    except ValidationError:  # text that is no number is not the value
        return False
    return typed is not None and math.isclose(typed, value, rel_tol=1e-12, abs_tol=1e-12)
