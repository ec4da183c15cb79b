"""UI layer: the inspector's field editors — one small class per kind of field.

An editor shows one model field and reports what the user did with ``committed(field,
value, merge)``; it never touches the model. ``merge`` is True for keystrokes in a spin box
or a line edit (consecutive ones become one undo step); leaving the field emits
``finished`` so the inspector can break the merge. Updates from the model go through
:meth:`FieldEditor.set_value`, which blocks the widget's own signals and leaves a widget
alone when it already shows the value (so the cursor of someone typing does not jump).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ecodesk.model.kinds import LabelledEnum
from ecodesk.ui.i18n import current_language
from ecodesk.ui.tablemodels import edit_number


class NumberSpinBox(QDoubleSpinBox):
    """A spin box that shows numbers without trailing zeros and ignores the wheel unless
    focused (scrolling the inspector must not change values by accident)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(6)
        self.setKeyboardTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccelerated(True)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def textFromValue(self, value: float) -> str:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.replace(",", "").strip() or 0)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> object:
        from PySide6.QtGui import QValidator

        s = text.replace(",", "").strip()
        if s in ("", "-", ".", "-."):
            return QValidator.State.Intermediate, text, pos
        try:
            v = float(s)
        except ValueError:
            return QValidator.State.Invalid, text, pos
        if v > self.maximum() or v < self.minimum():
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


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
        self.error_label = QLabel(self.container)
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

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        text = "" if value is None else str(value)
        if self.editor.text() != text:  # type: ignore[attr-defined]
            self.editor.setText(text)  # type: ignore[attr-defined]


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

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        text = "" if value is None else str(value)
        edit: QLineEdit = self.editor  # type: ignore[assignment]
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
        self._shown = ""

    def _on_finished(self) -> None:
        edit: QLineEdit = self.editor  # type: ignore[assignment]
        if edit.text() != self._shown or self.error:
            self.committed.emit(self.field, edit.text(), False)
        self.finished.emit(self.field)

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        self._shown = edit_number(value)
        edit: QLineEdit = self.editor  # type: ignore[assignment]
        if edit.text() != self._shown and not self.error:
            with QSignalBlocker(edit):
                edit.setText(self._shown)

    def revert(self) -> None:
        with QSignalBlocker(self.editor):
            self.editor.setText(self._shown)  # type: ignore[attr-defined]


class NumberField(FieldEditor):
    """A required number in a spin box; typing merges into one undo step."""

    def __init__(self, field: str, parent: QWidget, minimum: float = 0.0, maximum: float = 1e12,
                 step: float = 1.0) -> None:
        super().__init__(field, parent)
        spin = NumberSpinBox(self.container)
        spin.setRange(minimum, maximum)
        spin.setSingleStep(step)
        spin.valueChanged.connect(lambda v: self.committed.emit(self.field, float(v), True))
        spin.editingFinished.connect(lambda: self.finished.emit(self.field))
        self._place(spin)

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        spin: NumberSpinBox = self.editor  # type: ignore[assignment]
        v = float(value or 0.0)
        if not math.isclose(spin.value(), v, rel_tol=1e-9, abs_tol=1e-9):
            with QSignalBlocker(spin):
                spin.setValue(v)


class NotesField(FieldEditor):
    def __init__(self, field: str, parent: QWidget) -> None:
        super().__init__(field, parent)
        edit = QPlainTextEdit(self.container)
        edit.setTabChangesFocus(True)  # keyboard-only users can leave the field with Tab
        edit.setFixedHeight(64)
        edit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # rows stay at the top
        edit.textChanged.connect(lambda: self.committed.emit(self.field, edit.toPlainText(), True))
        self._place(edit)

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        edit: QPlainTextEdit = self.editor  # type: ignore[assignment]
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

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        combo: QComboBox = self.editor  # type: ignore[assignment]
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
    """A colour as '#rrggbb' text with a swatch button opening the colour dialog."""

    def __init__(self, field: str, parent: QWidget) -> None:
        super().__init__(field, parent)
        row = QWidget(self.container)
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(row)
        edit.editingFinished.connect(lambda: self.committed.emit(self.field, edit.text().strip(), False))
        self.swatch = QPushButton(row)
        self.swatch.setFixedWidth(36)
        self.swatch.setToolTip(self.tr("Choose a colour"))
        self.swatch.clicked.connect(self._pick)
        h.addWidget(edit, 1)
        h.addWidget(self.swatch)
        self._place(edit, row)

    def _pick(self) -> None:
        edit: QLineEdit = self.editor  # type: ignore[assignment]
        color = QColorDialog.getColor(QColor(edit.text() or "#888888"), self.container)
        if color.isValid():
            self.committed.emit(self.field, color.name(), False)

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        edit: QLineEdit = self.editor  # type: ignore[assignment]
        if edit.text() != (value or ""):
            with QSignalBlocker(edit):
                edit.setText(value or "")
        ok = bool(value) and QColor.isValidColorName(value)
        self.swatch.setStyleSheet(f"background: {value};" if ok else "")
