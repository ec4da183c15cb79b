"""UI layer: the pieces drawn over a presentation slide — the laser pointer (a red dot
following the mouse) and a short message that fades away by itself."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QRadialGradient
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

#: Milliseconds the dot stays after the mouse stopped moving.
LASER_IDLE_MS = 3000
LASER_RED = QColor(235, 20, 20)


class LaserPointer(QWidget):
    """A red dot with a soft glow at :attr:`pos_` over the whole of its parent; the mouse
    passes through it. Hidden after :data:`LASER_IDLE_MS` without movement."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("laser_pointer")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.enabled_ = True
        self.pos_: QPoint | None = None
        self.radius = 9
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(LASER_IDLE_MS)
        self._idle.timeout.connect(self._on_idle)
        self.hide()

    @property
    def dot_visible(self) -> bool:
        return self.enabled_ and self.pos_ is not None and self.isVisible()

    def set_enabled(self, on: bool) -> None:
        self.enabled_ = on
        if not on:
            self.pos_ = None
            self.hide()

    def follow(self, pos: QPoint) -> None:
        """The mouse moved to ``pos`` (parent coordinates): the dot goes there and shows."""
        if not self.enabled_:
            return
        old = self.pos_
        self.pos_ = QPoint(pos)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        if not self.isVisible():
            self.show()
        self.raise_()
        r = self.radius * 3
        if old is not None:
            self.update(QRect(old.x() - r, old.y() - r, 2 * r, 2 * r))
        self.update(QRect(pos.x() - r, pos.y() - r, 2 * r, 2 * r))
        self._idle.start()

    def _on_idle(self) -> None:
        self.pos_ = None
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.pos_ is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = QPointF(self.pos_)
        glow = QRadialGradient(c, self.radius * 2.6)
        glow.setColorAt(0.0, QColor(255, 40, 40, 150))
        glow.setColorAt(1.0, QColor(255, 40, 40, 0))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(glow)
        p.drawEllipse(c, self.radius * 2.6, self.radius * 2.6)
        p.setBrush(LASER_RED)
        p.drawEllipse(c, self.radius, self.radius)
        p.setBrush(QColor(255, 190, 190))
        p.drawEllipse(c, self.radius * 0.35, self.radius * 0.35)
        p.end()


class Toast(QLabel):
    """A message at the bottom of its parent for a few seconds."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("present_toast")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet("QLabel { background: rgba(30, 30, 30, 215); color: white; border-radius: 8px;"
                           " padding: 10px 18px; }")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_text(self, text: str, msecs: int = 5000) -> None:
        self.setText(text)
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()
        self._timer.start(msecs)

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - parent.height() // 12)


class FontScaler:
    """Larger fonts for the projector on borrowed widgets (the application's style sheet
    stops fonts from passing from a parent to its children, so each widget gets its own),
    and the fonts they had given back afterwards."""

    def __init__(self) -> None:
        self.scale = 1.0
        self._saved: dict[int, tuple[QWidget, QFont | None]] = {}

    def apply(self, widgets: Iterable[QWidget], scale: float) -> None:
        """Fonts of ``widgets`` ``scale`` times what they were before presenting (widgets
        seen for the first time are measured now)."""
        self.scale = scale
        for w in widgets:
            if w.isWindow():  # a combo box's popup follows its box
                continue
            key = id(w)
            if key not in self._saved:
                own = QFont(w.font()) if w.testAttribute(Qt.WidgetAttribute.WA_SetFont) else None
                self._saved[key] = (w, own)
            own = self._saved[key][1]
            base = QFont(own) if own is not None else QFont(QApplication.font(w))
            size = base.pointSizeF()
            if size > 0:
                base.setPointSizeF(size * scale)
            else:
                base.setPixelSize(max(1, round(base.pixelSize() * scale)))
            w.setFont(base)

    def restore(self) -> None:
        for w, own in self._saved.values():
            try:
                w.setFont(own if own is not None else QFont())
            except RuntimeError:  # deleted meanwhile
                pass
        self._saved.clear()


class NotesWindow(QWidget):
    """The presenter's window on a second screen: the slide number and title, the speaker
    notes (large) and the next slide's title. Never on the audience's screen."""

    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("present_notes")
        self.heading = QLabel(self)
        self.notes = QLabel(self)
        self.notes.setObjectName("present_notes_text")
        self.notes.setWordWrap(True)
        self.notes.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.coming = QLabel(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 18)
        lay.addWidget(self.heading)
        lay.addWidget(self.notes, 1)
        lay.addWidget(self.coming)
        font = QFont(QApplication.font())
        size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(size * 1.8)
        self.notes.setFont(font)
        bold = QFont(font)
        bold.setBold(True)
        self.heading.setFont(bold)

    def show_slide(self, number: str, title: str, notes: str, next_title: str | None) -> None:
        self.setWindowTitle(self.tr("Speaker notes — {0}").format(number))
        self.heading.setText(f"{number} · {title}")
        self.notes.setText(notes or self.tr("(No notes for this slide)"))
        self.coming.setText(self.tr("Next: {0}").format(next_title) if next_title is not None
                            else self.tr("Last slide"))
