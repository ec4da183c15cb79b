"""UI layer (canvas): the graphics item of one workshop note (便签, :class:`~ecodesk.model.Annotation`)
— a sticky note with its text wrapped inside the box.

Notes lie under the entities and over the flows and ecosystem hulls (:data:`NOTE_Z`): a
note is something written *about* the diagram, so it may cover a flow but never hide an
entity. The item only shows the note; moves, resizes and edits become commands in
:mod:`~ecodesk.ui.canvas.note_editing`. Note colours are paper colours: they stay the same
in the light and the dark canvas theme, with dark text on them (readable on a projector).
An empty note is drawn as an empty box; only while it is selected does a grey hint
"Empty note" say what it is.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTextOption,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from ecodesk.model import Annotation
from ecodesk.ui.canvas.scene_api import item_scene
from ecodesk.ui.canvas.style import LIGHT, LOD_SIMPLE, canvas_font
from ecodesk.ui.i18n import QT_TRANSLATE_NOOP
from ecodesk.ui.textlayout import line_spans

NOTE_ITEM_TYPE = QGraphicsItem.UserType + 7
#: Above the flow layer (-0.5) and flow items (0), below the entities (10).
NOTE_Z = 5.0
#: The soft yellow of a note without a colour of its own ("").
DEFAULT_NOTE_COLOR = "#fff1a8"
#: The note colours offered in the context menu and the inspector: (colour, English name,
#: translated in context ``AnnotationItem``).
NOTE_PALETTE: tuple[tuple[str, str], ...] = (
    ("", QT_TRANSLATE_NOOP("AnnotationItem", "Yellow")),
    ("#ffd3a8", QT_TRANSLATE_NOOP("AnnotationItem", "Orange")),
    ("#ffc9de", QT_TRANSLATE_NOOP("AnnotationItem", "Pink")),
    ("#c9e4ff", QT_TRANSLATE_NOOP("AnnotationItem", "Blue")),
    ("#cdf0c8", QT_TRANSLATE_NOOP("AnnotationItem", "Green")),
    ("#e2d6ff", QT_TRANSLATE_NOOP("AnnotationItem", "Purple")),
    ("#e6e8eb", QT_TRANSLATE_NOOP("AnnotationItem", "Grey")),
)
NOTE_FONT_PT = 11.0  # the note's text, in scene units at 100 % (larger than entity names)
TEXT_MIN_PT = 7.5  # zoomed out, the text is enlarged (up to TEXT_MAX_BOOST) to stay this size on screen
TEXT_MAX_BOOST = 2.2
PAD = 10.0  # text inset inside the box
HANDLE_PX = 14.0  # side of the resize handle on screen (pixels, at any zoom)
MIN_NOTE = 40.0  # smallest width/height a resize gives


def note_fill(color: str) -> QColor:
    """The paper colour of a note ("" = the default yellow)."""
    return QColor(color or DEFAULT_NOTE_COLOR)


def note_text_option() -> QTextOption:
    """Words wrap at word boundaries, Chinese anywhere between characters."""
    opt = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    opt.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    return opt


def note_lines(text: str, font: QFont, width: float, height: float) -> list[str]:
    """The note's text wrapped to ``width`` (words at their boundaries, Chinese between
    characters, the note's own line breaks kept), as many lines as fit in ``height`` — the
    last one ending in "…" when there is more text than room."""
    shown = text.replace("\r\n", "\n").replace("\n", "\u2028")  # a line break QTextLayout keeps
    spans = line_spans(shown, font, width, note_text_option())
    fm = QFontMetricsF(font)
    room = max(1, int((height + fm.leading()) // fm.lineSpacing()))
    lines = [shown[s : s + n].replace("\u2028", "").rstrip() for s, n in spans]
    if len(lines) > room:
        rest = " ".join(shown[spans[room - 1][0] :].replace("\u2028", " ").split())
        lines = [*lines[: room - 1], fm.elidedText(rest + " …", Qt.TextElideMode.ElideRight, width)]
        if not lines[-1].endswith("…"):
            lines[-1] = fm.elidedText(lines[-1] + "……", Qt.TextElideMode.ElideRight, width)
    return lines


class AnnotationItem(QGraphicsRectItem):
    """One note; its position is the note's top-left corner, its rect (0, 0, w, h).

    A QGraphicsRectItem for the C++ bounding rect (as :class:`EntityItem`); the rect is the
    box plus room for the shadow and the selection outline."""

    def __init__(self, note: Annotation) -> None:
        super().__init__()
        self.note = note
        self.note_id = note.id
        self.editing = False  # the in-place editor covers the text
        self.provisional = False  # a new note not yet in the model (its first edit decides)
        self.setPen(QPen(Qt.PenStyle.NoPen))
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(NOTE_Z)
        # drawn once per zoom into Qt's pixmap cache, like the entities: a hundred notes of
        # wrapped text cost a blit each per frame, not a text layout
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._apply(note)

    def type(self) -> int:
        return NOTE_ITEM_TYPE

    def set_annotation(self, note: Annotation) -> None:
        self.note = note
        self._apply(note)
        self.update()

    def _apply(self, note: Annotation) -> None:
        self.prepareGeometryChange()
        self.setRect(QRectF(-3, -3, note.width + 9, note.height + 9))  # the shadow below and right
        self.setPos(note.x, note.y)

    def box(self) -> QRectF:
        """The note's box in item coordinates."""
        return QRectF(0, 0, self.note.width, self.note.height)

    def set_box_size(self, width: float, height: float) -> None:
        """Live resize (a drag of the handle): the model learns the size on release."""
        self.set_annotation(self.note.evolve(width=width, height=height))

    def set_editing(self, editing: bool) -> None:
        self.editing = editing
        self.update()

    def handle_rect(self, scale: float) -> QRectF:
        """The resize handle (item coordinates) at a view scale of ``scale`` pixels per unit:
        the same size on screen at every zoom."""
        s = HANDLE_PX / max(scale, 1e-6)
        b = self.box()
        return QRectF(b.right() - s, b.bottom() - s, s, s)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.box())
        return path

    # painting --------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        sc = item_scene(self)
        theme = sc.theme if sc is not None else LIGHT
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        box = self.box()
        fill = note_fill(self.note.color)
        selected = self.isSelected()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if lod >= LOD_SIMPLE:  # a soft shadow lifts the paper off the canvas
            shadow = QColor(0, 0, 0, 70)  # (the same in both themes: the cached picture needs no theme)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(shadow)
            painter.drawRoundedRect(box.translated(3, 4), 3, 3)
        painter.setBrush(fill)
        if selected:
            painter.setPen(QPen(QColor(theme.selection), 2.5 / max(lod, 0.2)))
        else:
            painter.setPen(QPen(fill.darker(125), 1.0 / max(lod, 0.2)))
        painter.drawRoundedRect(box, 3, 3)
        if lod >= LOD_SIMPLE:
            fold = min(18.0, box.width() / 6, box.height() / 6)  # a turned-down corner
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill.darker(112))
            painter.drawPolygon(QPolygonF([QPointF(box.right() - fold, box.bottom()),
                                           QPointF(box.right(), box.bottom() - fold),
                                           QPointF(box.right() - fold, box.bottom() - fold)]))
        if not self.editing:
            self._paint_text(painter, box, fill, selected, lod)
        if selected and not self.editing:
            self._paint_handle(painter, lod, theme.selection)

    def _paint_text(self, painter: QPainter, box: QRectF, fill: QColor, selected: bool, lod: float) -> None:
        inner = box.adjusted(PAD, PAD, -PAD, -PAD)
        if inner.width() <= 4 or inner.height() <= 4:
            return
        text = self.note.text
        font = canvas_font(NOTE_FONT_PT)
        if not text.strip():
            if not selected:
                return  # an empty note is an empty box (a coloured marker is a choice too)
            font.setItalic(True)
            painter.setFont(font)
            painter.setPen(QColor("#8a8f96"))
            painter.drawText(inner, QCoreApplication.translate("AnnotationItem", "Empty note"), note_text_option())
            return
        boost = min(TEXT_MAX_BOOST, max(1.0, TEXT_MIN_PT / (NOTE_FONT_PT * lod)))
        if lod * NOTE_FONT_PT * boost < TEXT_MIN_PT - 0.5:  # too small to read: grey lines stand for the text
            painter.setPen(QPen(QColor(0, 0, 0, 70), min(inner.height() / 6, 8.0)))
            y = inner.top() + 6
            for frac in (0.95, 0.8, 0.6)[: max(1, int(inner.height() // 20))]:
                painter.drawLine(QPointF(inner.left(), y), QPointF(inner.left() + inner.width() * frac, y))
                y += 16
            return
        painter.setFont(font)
        painter.setPen(QColor("#1f2933") if fill.lightnessF() > 0.55 else QColor("#ffffff"))
        fm = QFontMetricsF(font)
        painter.save()
        painter.translate(inner.topLeft())
        if boost > 1.0:  # zoomed out: larger text (fewer words fit) rather than unreadable text
            painter.scale(boost, boost)
        width, height = inner.width() / boost, inner.height() / boost
        y = 0.0
        for line in note_lines(text, font, width, height):
            painter.drawText(QPointF(0.0, y + fm.ascent()), line)
            y += fm.lineSpacing()
        painter.restore()

    def _paint_handle(self, painter: QPainter, lod: float, color: str) -> None:
        r = self.handle_rect(lod)
        painter.setPen(QPen(QColor("#ffffff"), 1.0 / max(lod, 0.2)))
        painter.setBrush(QColor(color))
        painter.drawPolygon(QPolygonF([r.bottomLeft(), r.topRight(), r.bottomRight()]))


__all__ = ["DEFAULT_NOTE_COLOR", "NOTE_PALETTE", "NOTE_Z", "AnnotationItem", "note_fill"]
