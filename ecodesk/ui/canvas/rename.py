"""UI layer (canvas): inline rename — a line edit laid over an entity's label.

A real QLineEdit (not a text item) so Chinese input methods work as everywhere else.
Enter commits (the view pushes one ``ChangeObject``), Esc cancels, leaving the editor
(focus out) commits, as in file managers.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from ecodesk.ui.canvas.style import canvas_font


class InlineRenameEditor(QLineEdit):
    """Emits ``finished(text, commit)`` exactly once."""

    finished = Signal(str, bool)

    def __init__(self, entity_id: str, text: str, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.entity_id = entity_id
        self._done = False
        self.setObjectName("canvasRenameEditor")
        self.setFont(canvas_font(10.0))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "QLineEdit#canvasRenameEditor { border: 2px solid #1A73E8; border-radius: 4px;"
            " padding: 1px 4px; background: palette(base); }"
        )
        self.selectAll()

    def place(self, rect: QRect) -> None:
        w = max(rect.width(), 150)
        h = max(self.sizeHint().height(), 24)
        self.setGeometry(rect.center().x() - w // 2, rect.top() - 2, w, h)

    def finish(self, commit: bool) -> None:
        if not self._done:
            self._done = True
            self.finished.emit(self.text(), commit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finish(False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # the IME / context menu keeps it
            self.finish(True)
