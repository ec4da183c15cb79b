"""UI layer: the inspector's style fields — an entity's drawing size and a note's colour.

* :class:`SizeField` — the size as a percentage ("150%"; "1.5" is read as 150 % too) with a
  slider from 25 % to 400 %. What is typed goes to the engine's edit rules and the model
  like every number: 10 or 0.1 (1,000 % or 10 %) is refused with the reason under the
  field and the entity keeps its size — never clamped to the nearest bound.
* :class:`NoteColorField` — a note's colour: the palette's swatches, a '#rrggbb' line and
  the colour dialog ("" = the default yellow).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QSlider, QToolButton, QWidget

from ecodesk.model.objects import MAX_SIZE, MIN_SIZE
from ecodesk.ui.canvas.annotation_item import DEFAULT_NOTE_COLOR, NOTE_PALETTE, note_fill
from ecodesk.ui.inspector_fields import ColorField, FieldEditor, NumberLineEdit

SIZE_STEP = 0.1  # Up/Down on the size field: 10 %


def percent_text(value: float) -> str:
    """1.5 → '150%', 0.333 → '33.3%'."""
    return f"{round(value * 100, 1):g}%"


class SizeLineEdit(NumberLineEdit):
    """The size as typed ('150%', '1.5'); Up/Down step by 10 % and show a percentage."""

    def _step_by(self, steps: int) -> None:
        value = self.value()
        if value is None:
            return
        self.setText(percent_text(round(value + steps * self.step, 6)))
        self.stepped.emit(self.text())


class SizeField(FieldEditor):
    """An entity's drawing size: a percentage line and a slider (see the module docstring)."""

    def __init__(self, field: str, parent: QWidget) -> None:
        super().__init__(field, parent)
        row = QWidget(self.container)
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        edit = SizeLineEdit(field, row, SIZE_STEP)
        edit.setMaximumWidth(80)
        edit.setToolTip(self.tr("Drawing size of the entity on the canvas, from 25 % to 400 % (type 150% or 1.5)"))
        edit.textEdited.connect(lambda text: self.committed.emit(self.field, text, True))
        edit.stepped.connect(lambda text: self.committed.emit(self.field, text, True))
        edit.editingFinished.connect(lambda: self.finished.emit(self.field))
        slider = QSlider(Qt.Orientation.Horizontal, row)
        slider.setObjectName(f"slider_{field}")
        slider.setRange(round(MIN_SIZE * 100), round(MAX_SIZE * 100))
        slider.setSingleStep(5)
        slider.setPageStep(25)
        slider.setToolTip(edit.toolTip())
        slider.valueChanged.connect(self._on_slider)
        slider.sliderReleased.connect(lambda: self.finished.emit(self.field))
        h.addWidget(edit)
        h.addWidget(slider, 1)
        self._place(edit, row)
        self.number: SizeLineEdit = edit
        self.slider = slider

    def _on_slider(self, percent: int) -> None:
        self.show_error("")
        with QSignalBlocker(self.number):
            self.number.setText(percent_text(percent / 100))
        self.committed.emit(self.field, percent / 100, True)

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        value = float(value if value is not None else 1.0)
        with QSignalBlocker(self.slider):
            self.slider.setValue(round(value * 100))
        if self.error:  # the refused text stays for the user to correct
            return
        shown = self.number.value()
        if shown is None or abs(shown - value) > 1e-9:
            with QSignalBlocker(self.number):
                self.number.setText(percent_text(value))

    def set_read_only(self, read_only: bool) -> None:
        self.number.setEnabled(not read_only)
        self.slider.setEnabled(not read_only)


class NoteColorField(ColorField):
    """A note's colour: palette swatches above the '#rrggbb' line ("" = the default yellow)."""

    def __init__(self, field: str, parent: QWidget) -> None:
        default = QCoreApplication.translate("NoteColorField", "Default colour")
        super().__init__(field, parent, reset=default, default=lambda _obj: DEFAULT_NOTE_COLOR)
        self.line.setPlaceholderText(default)
        row = QWidget(self.container)
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(3)
        self.swatches: dict[str, QToolButton] = {}
        for color, name in NOTE_PALETTE:
            b = QToolButton(row)
            b.setObjectName(f"note_color_{color.lstrip('#') or 'default'}")
            b.setFixedSize(22, 22)
            b.setCheckable(True)
            b.setToolTip(QCoreApplication.translate("AnnotationItem", name))
            fill = note_fill(color).name()
            b.setStyleSheet(f"QToolButton {{ background: {fill}; border: 1px solid {QColor(fill).darker(140).name()};"
                            " border-radius: 3px; } QToolButton:checked { border: 2px solid #1A73E8; }")
            b.clicked.connect(lambda _on=False, c=color: self.committed.emit(self.field, c, False))
            h.addWidget(b)
            self.swatches[color] = b
        h.addStretch(1)
        self.layout.insertWidget(0, row)

    def set_value(self, value: Any, obj: Any = None, scenario: Any = None) -> None:
        super().set_value(value, obj, scenario)
        for color, b in self.swatches.items():
            b.setChecked(color == (value or ""))
