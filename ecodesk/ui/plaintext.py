"""UI layer: user text (project, scenario, entity names, notes, file names, error sentences
that quote them) is shown as text, never as markup.

Qt decides by itself whether a tooltip, a label in ``AutoText`` format (the default of
QLabel, QMessageBox and QInputDialog) or an item view's tooltip is rich text
(``Qt.mightBeRichText``): a name such as ``<h1 style=…>`` or ``<img src=/local.png>`` would be
drawn as HTML and could load local images. Two tools:

* :func:`plain` — for every text that reaches a tooltip, a status tip or an ``AutoText``
  label: returned unchanged when Qt would show it as plain text anyway; otherwise escaped and
  wrapped so that Qt shows the literal characters (``<b>X</b>`` reads as ``<b>X</b>``).
* :func:`plain_label` — a QLabel (or a message box) switched to ``Qt.TextFormat.PlainText``.
"""

from __future__ import annotations

import html
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain(text: Any) -> str:
    """``text`` as Qt will display it literally (tooltips, AutoText labels)."""
    s = "" if text is None else str(text)
    if not s or not GuiQt.mightBeRichText(s):
        return s
    return "<qt>" + html.escape(s, quote=False).replace("\n", "<br>") + "</qt>"


_L = TypeVar("_L", QLabel, QMessageBox)


def plain_label(label: _L) -> _L:
    """``label`` shows its text as plain text; returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                informative: str = "") -> QMessageBox:
    """A message box whose text and informative text are plain text."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    plain_label(box)
    box.setText(text)
    if informative:
        set_informative(box, informative)
    return box


def set_informative(box: QMessageBox, text: str) -> None:
    """The box's informative text, shown as plain text."""
    box.setInformativeText(text)
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if label is not None:
        label.setTextFormat(Qt.TextFormat.PlainText)


def show_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """Like ``QMessageBox.critical/warning/information`` with the text as plain text."""
    box = message_box(parent, icon, title, text)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
