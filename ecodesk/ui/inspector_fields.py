"""UI layer: the inspector's field editors — one small class per kind of field.

An editor shows one model field and reports what the user did with ``committed(field,
value, merge)``; it never touches the model. ``merge`` is True for keystrokes in a spin box
or a line edit (consecutive ones become one undo step); leaving the field emits
``finished`` so the inspector can break the merge. Numbers are free text parsed by the
engine's edit rules (:mod:`ecodesk.commands.editrules`), never a range-clamping spin box. Updates from the model go through
:meth:`FieldEditor.set_value`, which blocks the widget's own signals and leaves a widget
alone when it already shows the value (so the cursor of someone typing does not jump).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QWheelEvent
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ecodesk.commands.editrules import parse_number
from ecodesk.model.errors import ValidationError
from ecodesk.model.kinds import LabelledEnum
from ecodesk.ui.i18n import current_language
from ecodesk.ui.plaintext import plain_label
from ecodesk.ui.tablemodels import edit_number


class FieldEditor(QObject):
    """Base: a container widget holding the editor and an inline error line under it."""

    committed = Signal(str, object, bool)
    finished = Signal(str)

    def __init__(self, field: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.field = field
        self.container = QWidget(parent)
        self.layout = QVBoxLayout(self.container)
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.layout.setSpacing(2)
        self.error_label = plain_label(QLabel(self.container))
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.editor: QWidget = QWidget(self.container)

    def _place(self, editor: QWidget, row: QWidget | None = None) -> None:
        self.editor = editor
        editor.setObjectName(f"field_{self.field}")
        editor.installEventFilter(self)
        self.layout.addWidget(row or editor)
        self.layout.addWidget(self.error_label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.finished.emit(self.field)
        return False

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @property
    def error(self) -> str:
        return self.error_label.text() if self.error_label.isVisible() or self.error_label.text() else ""

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setEnabled(not read_only)


class ReadOnlyField(FieldEditor):
    def __init__(self, field: str, parent: QWidget) -> None:
        super().__init__(field, parent)
        edit = QLineEdit(self.container)
        edit.setReadOnly(True)
        edit.setFrame(False)
        self._place(edit)
        self.line: QLineEdit = edit

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        text = "" if value is None else str(value)
        if self.line.text() != text:
            self.line.setText(text)


class TextField(FieldEditor):
    """A line of text; every keystroke is an edit, merged into one undo step."""

    def __init__(self, field: str, parent: QWidget, live: bool = True) -> None:
        super().__init__(field, parent)
        edit = QLineEdit(self.container)
        if live:
            edit.textEdited.connect(lambda text: self.committed.emit(self.field, text, True))
        else:
            edit.editingFinished.connect(lambda: self.committed.emit(self.field, edit.text(), False))
        edit.editingFinished.connect(lambda: self.finished.emit(self.field))
        self._place(edit)
        self.line: QLineEdit = edit

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        text = "" if value is None else str(value)
        edit = self.line
        if edit.text() != text:
            with QSignalBlocker(edit):
                edit.setText(text)


class OptionalNumberField(FieldEditor):
    """A number that may be absent: free text, empty means none; committed on Enter/leave,
    so a mistyped value is explained under the field instead of being silently clamped."""

    def __init__(self, field: str, parent: QWidget) -> None:
        super().__init__(field, parent)
        edit = QLineEdit(self.container)
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        edit.setClearButtonEnabled(True)
        edit.editingFinished.connect(self._on_finished)
        self._place(edit)
        self.line: QLineEdit = edit
        self._shown = ""

    def _on_finished(self) -> None:
        edit = self.line
        if edit.text() != self._shown or self.error:
            self.committed.emit(self.field, edit.text(), False)
        self.finished.emit(self.field)

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        self._shown = edit_number(value)
        edit = self.line
        if edit.text() != self._shown and not self.error:
            with QSignalBlocker(edit):
                edit.setText(self._shown)


class NumberLineEdit(QLineEdit):
    """A right-aligned line for a number: Up/Down (and the wheel, only while focused, so
    scrolling the inspector never changes a value) step it; ``stepped`` reports the new text."""

    stepped = Signal(str)

    def __init__(self, field: str, parent: QWidget | None = None, step: float = 1.0) -> None:
        super().__init__(parent)
        self.field, self.step = field, step
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def value(self) -> float | None:
        """The number the text stands for (read by the edit rules), None if it is none."""
        try:
            return parse_number(None, self.field, self.text())
        except ValidationError:
            return None

    def _step_by(self, steps: int) -> None:
        value = self.value()
        if value is None:
            return  # nothing sensible to step from: the refusal under the field says why
        self.setText(edit_number(round(value + steps * self.step, 10)))
        self.stepped.emit(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_by(1 if event.key() == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus() and event.angleDelta().y():
            self._step_by(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
        else:
            event.ignore()


class NumberField(FieldEditor):
    """A required number as the planner types it ("1万", "15%" where the field allows).

    Every keystroke is an edit (consecutive ones merge into one undo step). What the model
    refuses — a negative demand, a risk over 1, text that is no number — is explained under
    the field and the model keeps the value it had before the typing began: nothing is
    clamped. The explanation goes as soon as the field holds a valid value again.
    """

    def __init__(self, field: str, parent: QWidget, step: float = 1.0) -> None:
        super().__init__(field, parent)
        edit = NumberLineEdit(field, self.container, step)
        edit.textEdited.connect(lambda text: self.committed.emit(self.field, text, True))
        edit.stepped.connect(lambda text: self.committed.emit(self.field, text, True))
        edit.editingFinished.connect(lambda: self.finished.emit(self.field))
        self._place(edit)
        self.number: NumberLineEdit = edit

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        edit = self.number
        if self.error:  # the refused text stays for the user to correct
            return
        shown = edit.value()
        if shown is None or not math.isclose(shown, float(value or 0.0), rel_tol=1e-12, abs_tol=1e-12):
            with QSignalBlocker(edit):  # "2,5" for 25 stays as typed: only other values replace it
                edit.setText(edit_number(value))


class NotesField(FieldEditor):
    def __init__(self, field: str, parent: QWidget) -> None:
        super().__init__(field, parent)
        edit = QPlainTextEdit(self.container)
        edit.setTabChangesFocus(True)  # keyboard-only users can leave the field with Tab
        edit.setFixedHeight(64)
        edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # rows stay at the top
        edit.textChanged.connect(lambda: self.committed.emit(self.field, edit.toPlainText(), True))
        self._place(edit)
        self.text_edit: QPlainTextEdit = edit

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        edit = self.text_edit
        text = value or ""
        if edit.toPlainText() != text:
            with QSignalBlocker(edit):
                edit.setPlainText(text)


class ChoiceField(FieldEditor):
    """A combo box of (label, value) choices; ``choices(obj, scenario)`` supplies them."""

    def __init__(self, field: str, parent: QWidget, choices: Any) -> None:
        super().__init__(field, parent)
        self._choices_fn = choices
        self._choices: list[tuple[str, Any]] = []
        combo = QComboBox(self.container)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.activated.connect(lambda i: self.committed.emit(self.field, combo.itemData(i), False))
        self._place(combo)
        self.combo: QComboBox = combo

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        combo = self.combo
        choices = self._choices_fn(obj, scenario)
        with QSignalBlocker(combo):
            if choices != self._choices:
                self._choices = choices
                combo.clear()
                for label, data in choices:
                    combo.addItem(label, data)
            key = value.value if isinstance(value, LabelledEnum) else ("" if value is None else value)
            at = combo.findData(key)
            if at < 0 and key:
                combo.addItem(str(key), key)  # a value no longer offered still shows what it is
                at = combo.count() - 1
            combo.setCurrentIndex(at)


def enum_choices(enum: type[LabelledEnum], members: Any = None) -> list[tuple[str, Any]]:
    lang = current_language()
    return [(m.label(lang), m.value) for m in (members if members is not None else list(enum))]


def object_choices(objs: Any, none_label: str | None = None) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [(none_label, "")] if none_label is not None else []
    for o in objs:
        name = getattr(o, "name", "") or o.id
        out.append((name if name == o.id else f"{name}  ({o.id})", o.id))
    return out


class ColorField(FieldEditor):
    """A colour as '#rrggbb' text with a swatch button opening the colour dialog.

    With ``reset`` (an entity's own colour, where "" means the kind's colour) a second
    button empties the field, and the swatch shows ``default(obj)`` while it is empty.
    Typed text is committed on Enter or leaving the field (one undo step per edit); the
    edit rules and the model judge it, and a refusal leaves the typed text to correct."""

    def __init__(self, field: str, parent: QWidget, reset: str = "", default: Any = None) -> None:
        super().__init__(field, parent)
        row = QWidget(self.container)
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(row)
        edit.editingFinished.connect(self._on_finished)
        self.swatch = QPushButton(row)
        self.swatch.setObjectName(f"swatch_{field}")
        self.swatch.setFixedWidth(36)
        self.swatch.setToolTip(self.tr("Choose a colour"))
        self.swatch.clicked.connect(self._pick)
        h.addWidget(edit, 1)
        h.addWidget(self.swatch)
        self.reset: QPushButton | None = None
        if reset:
            self.reset = QPushButton(reset, row)
            self.reset.setObjectName(f"reset_{field}")
            self.reset.clicked.connect(lambda: self.committed.emit(self.field, "", False))
            h.addWidget(self.reset)
        self._default = default
        self._value = ""
        self._fallback = ""
        self._place(edit, row)
        self.line: QLineEdit = edit

    def _on_finished(self) -> None:
        text = self.line.text().strip()
        if text != self._value or self.error:  # a refused text typed again is judged again
            self.show_error("")  # judged afresh: a refusal puts it back
            self.committed.emit(self.field, text, False)

    def _pick(self) -> None:
        start = QColor(self._value or self._fallback or "#888888")
        color = QColorDialog.getColor(start, self.container)
        if color.isValid():
            self.show_error("")
            self.committed.emit(self.field, color.name(), False)

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        self._value = value or ""
        self._fallback = self._default(obj) if self._default is not None and obj is not None else ""
        edit = self.line
        if edit.text() != self._value and not self.error:  # a refused text stays to correct
            with QSignalBlocker(edit):
                edit.setText(self._value)
        shown = self._value or self._fallback
        ok = bool(shown) and QColor.isValidColorName(shown)
        self.swatch.setStyleSheet(f"background: {shown};" if ok else "")
        if self.reset is not None:
            self.reset.setEnabled(bool(self._value))
