"""UI layer: the toolbar's icons, drawn as simple line glyphs in the palette's text colour
(so they follow the light and dark themes and need no image files), and the application icon
(:func:`app_icon`, the shipped ``ecodesk.svg`` / PNGs)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from ecodesk.paths import icons_dir

_SIZE = 32

Painter = Callable[[QPainter], None]


def _doc(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(8, 4)
    path.lineTo(19, 4)
    path.lineTo(25, 10)
    path.lineTo(25, 28)
    path.lineTo(8, 28)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(19, 4), QPointF(19, 10))
    p.drawLine(QPointF(19, 10), QPointF(25, 10))


def _new(p: QPainter) -> None:
    _doc(p)
    p.drawLine(QPointF(16.5, 14), QPointF(16.5, 23))
    p.drawLine(QPointF(12, 18.5), QPointF(21, 18.5))


def _open(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(4, 9)
    path.lineTo(12, 9)
    path.lineTo(14, 12)
    path.lineTo(26, 12)
    path.lineTo(26, 26)
    path.lineTo(4, 26)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(4, 16), QPointF(26, 16))


def _save(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(5, 5, 22, 22), 2, 2)
    p.drawRect(QRectF(10, 5, 12, 7))
    p.drawRect(QRectF(9, 17, 14, 10))


def _arrow_turn(p: QPainter, mirror: bool) -> None:
    if mirror:
        p.translate(_SIZE, 0)
        p.scale(-1, 1)
    path = QPainterPath()
    path.moveTo(9, 13)
    path.lineTo(20, 13)
    path.cubicTo(30, 13, 30, 26, 20, 26)
    path.lineTo(12, 26)
    p.drawPath(path)
    p.drawLine(QPointF(9, 13), QPointF(14, 8))
    p.drawLine(QPointF(9, 13), QPointF(14, 18))


def _undo(p: QPainter) -> None:
    _arrow_turn(p, False)


def _redo(p: QPainter) -> None:
    _arrow_turn(p, True)


def _lens(p: QPainter, sign: str) -> None:
    p.drawEllipse(QRectF(5, 5, 16, 16))
    p.drawLine(QPointF(19, 19), QPointF(27, 27))
    p.drawLine(QPointF(9, 13), QPointF(17, 13))
    if sign == "+":
        p.drawLine(QPointF(13, 9), QPointF(13, 17))


def _zoom_in(p: QPainter) -> None:
    _lens(p, "+")


def _zoom_out(p: QPainter) -> None:
    _lens(p, "-")


def _fit(p: QPainter) -> None:
    for x, y, dx, dy in ((5, 5, 1, 1), (27, 5, -1, 1), (5, 27, 1, -1), (27, 27, -1, -1)):
        p.drawLine(QPointF(x, y), QPointF(x + 7 * dx, y))
        p.drawLine(QPointF(x, y), QPointF(x, y + 7 * dy))
    p.drawRect(QRectF(11, 11, 10, 10))


def _pointer(p: QPainter) -> None:
    path = QPainterPath()
    path.moveTo(9, 4)
    path.lineTo(9, 25)
    path.lineTo(14, 20)
    path.lineTo(18, 28)
    path.lineTo(21, 26.5)
    path.lineTo(17.5, 19)
    path.lineTo(24, 19)
    path.closeSubpath()
    p.drawPath(path)


def _entity(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(4, 8, 20, 16), 4, 4)
    p.drawLine(QPointF(26, 4), QPointF(26, 12))
    p.drawLine(QPointF(22, 8), QPointF(30, 8))


def _flow(p: QPainter) -> None:
    p.drawEllipse(QRectF(3, 11, 9, 9))
    p.drawEllipse(QRectF(21, 11, 9, 9))
    p.drawLine(QPointF(12, 15.5), QPointF(20, 15.5))
    p.drawLine(QPointF(20, 15.5), QPointF(16.5, 12.5))
    p.drawLine(QPointF(20, 15.5), QPointF(16.5, 18.5))


def _analysis(p: QPainter) -> None:
    p.drawLine(QPointF(5, 27), QPointF(27, 27))
    for x, h in ((7, 8), (13, 15), (19, 11), (24, 19)):
        p.drawRect(QRectF(x, 27 - h, 3.5, h))


def _delete(p: QPainter) -> None:
    p.drawLine(QPointF(6, 9), QPointF(26, 9))
    p.drawRect(QRectF(9, 9, 14, 18))
    p.drawLine(QPointF(13, 5), QPointF(19, 5))
    p.drawLine(QPointF(13.5, 13), QPointF(13.5, 23))
    p.drawLine(QPointF(18.5, 13), QPointF(18.5, 23))


def _layout(p: QPainter) -> None:
    for x, y in ((13, 4), (5, 20), (21, 20)):
        p.drawRoundedRect(QRectF(x, y, 8, 7), 2, 2)
    p.drawLine(QPointF(17, 11), QPointF(9, 20))
    p.drawLine(QPointF(17, 11), QPointF(25, 20))


def _scenario(p: QPainter) -> None:
    p.drawRect(QRectF(9, 5, 18, 14))
    p.drawRect(QRectF(5, 12, 18, 14))


GLYPHS: dict[str, Painter] = {
    "new": _new, "open": _open, "save": _save, "undo": _undo, "redo": _redo, "zoom_in": _zoom_in,
    "zoom_out": _zoom_out, "fit": _fit, "select": _pointer, "entity": _entity, "flow": _flow,
    "analysis": _analysis, "delete": _delete, "layout": _layout, "scenario": _scenario,
}


def icon(name: str, color: QColor | None = None) -> QIcon:
    """The glyph ``name`` as an icon in ``color`` (default: the palette's button text)."""
    if color is None:
        app = QApplication.instance()
        pal = app.palette() if isinstance(app, QApplication) else QPalette()
        color = pal.color(QPalette.ColorRole.ButtonText)
    result = QIcon()
    for scale in (1, 2):
        pm = QPixmap(_SIZE * scale, _SIZE * scale)
        pm.setDevicePixelRatio(scale)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(color, 2.0)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        GLYPHS[name](p)
        p.end()
        result.addPixmap(pm)
    return result


def app_icon() -> QIcon:
    """The application icon (window, task bar): the shipped PNGs at every size plus the SVG
    (``ecodesk.paths.icons_dir``); an empty icon when the files are missing."""
    result = QIcon()
    folder = icons_dir()
    for png in sorted((folder / "png").glob("ecodesk-*.png")):
        result.addFile(str(png))
    if (folder / "ecodesk.svg").is_file():
        result.addFile(str(folder / "ecodesk.svg"))
    return result
