"""UI layer: building blocks of the analysis tabs — a titled section whose header offers
the export of its tables (copy, CSV) and charts (PNG, SVG, copy), and a scrolling tab
page that stacks sections and veils its results (faded, inert, "Out of date") while they
describe an older state of the model."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ecodesk.ui.panels.tables import ResultTableView
from ecodesk.ui.plaintext import plain, plain_label
from ecodesk.ui.textlayout import line_spans


class Section(QFrame):
    """A titled block of a tab: a header (title, hint, export menu) over its content."""

    def __init__(self, name: str, parent: QWidget | None = None, min_height: int = 250) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = plain_label(QLabel(self))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.hint = plain_label(QLabel(self))
        self.hint.setProperty("role", "hint")
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName(f"{name}_export")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setAutoRaise(True)
        self.export_menu = QMenu(self.export_button)
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        self.export_button.setMenu(self.export_menu)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addWidget(self.hint, 1)
        head.addWidget(self.export_button)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(head)
        layout.addLayout(self.body, 1)
        self.setMinimumHeight(min_height)
        self.tables: list[ResultTableView] = []
        self.charts: list[Any] = []  # ChartWidget (imported lazily: pyqtgraph)
        self.retranslate()

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Copy or save this section's tables and charts"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()  # set once in __init__, so set again in the new language
        super().changeEvent(event)

    def add(self, widget: QWidget, stretch: int = 1) -> QWidget:
        self.body.addWidget(widget, stretch)
        self._collect(widget)
        return widget

    def split(self, *widgets: QWidget, sizes: Iterable[int] | None = None) -> QSplitter:
        """Widgets side by side, resizable."""
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        for w in widgets:
            splitter.addWidget(w)
            self._collect(w)
        if sizes is not None:
            splitter.setSizes(list(sizes))
        self.body.addWidget(splitter, 1)
        return splitter

    def _collect(self, widget: QWidget) -> None:
        for w in [widget, *widget.findChildren(QWidget)]:
            if isinstance(w, ResultTableView) and w not in self.tables:
                self.tables.append(w)
            elif hasattr(w, "export_svg") and w not in self.charts:
                self.charts.append(w)

    def _fill_export_menu(self) -> None:
        m = self.export_menu
        m.clear()
        for t in self.tables:
            name = t.property("export_label") or t.export_name
            m.addAction(self.tr("Copy Table “{0}”").format(name),
                        lambda t=t: QApplication.clipboard().setText(t.result_model.table_text()))
            m.addAction(self.tr("Save Table “{0}” as CSV…").format(name), t.save_csv_dialog)
        if self.tables and self.charts:
            m.addSeparator()
        for c in self.charts:
            name = c.property("export_label") or c.export_name
            m.addAction(self.tr("Save Chart “{0}” as PNG…").format(name), lambda c=c: c.save_dialog("png"))
            m.addAction(self.tr("Save Chart “{0}” as SVG…").format(name), lambda c=c: c.save_dialog("svg"))
            m.addAction(self.tr("Copy Chart “{0}”").format(name), c.copy_image)
        self.export_button.setVisible(bool(self.tables or self.charts))


def fit_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """``text`` wrapped to ``width`` (Chinese between characters, other scripts at word
    boundaries) in at most ``max_lines`` lines, the last elided with "…" if text is left."""
    if width <= 0 or not text:
        return [text] if text else []
    metrics = QFontMetricsF(font)
    spans = line_spans(text, font, width)
    lines = [text[a:a + n].strip() for a, n in spans[:max_lines]]
    if len(spans) > max_lines:
        rest = text[spans[max_lines - 1][0]:].replace("\n", " ")
        lines[-1] = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return lines


class FitLabel(QLabel):
    """A label that never spills over its neighbours: it wraps to at most ``max_lines``
    lines of its width, elides the last one, and then shows the whole text as its tooltip.
    Its height is always ``max_lines`` lines, so a grid of cards keeps one row height and
    a narrow card never squeezes a line into the next widget."""

    def __init__(self, parent: QWidget | None = None, max_lines: int = 1) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self.setTextFormat(Qt.TextFormat.PlainText)  # names in cards are text, never markup
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._lines: list[str] = []

    def setText(self, text: str) -> None:
        super().setText(text)
        self._relayout()

    def shown_lines(self) -> list[str]:
        """The lines drawn now (the last may end in "…")."""
        return list(self._lines)

    def elided(self) -> bool:
        return " ".join(self._lines).replace(" ", "") != self.text().replace(" ", "").replace("\n", "")

    def _metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.font())

    def _relayout(self) -> None:
        self._lines = fit_lines(self.text(), self.font(), self.contentsRect().width(), self.max_lines)
        self.setToolTip(plain(self.text()) if self.elided() else "")
        self.update()

    def sizeHint(self) -> QSize:
        fm = self._metrics()
        width = min(fm.horizontalAdvance(self.text()), 260.0)
        return QSize(int(width) + 2, int(fm.lineSpacing() * self.max_lines + 2))

    def minimumSizeHint(self) -> QSize:
        return QSize(24, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.updateGeometry()
            self._relayout()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setFont(self.font())
        p.setPen(self.palette().color(self.foregroundRole()))
        fm = self._metrics()
        y = self.contentsRect().top() + fm.ascent()
        for line in self._lines:
            p.drawText(QPointF(self.contentsRect().left(), y), line)
            y += fm.lineSpacing()
        p.end()


class StaleOverlay(QWidget):
    """A veil over a result that describes an older state of the model: faded, inert, and
    saying so in its corner."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stale_overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        parent.installEventFilter(self)
        self.setGeometry(parent.rect())
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        veil = QColor(self.palette().color(QPalette.ColorRole.Window))
        veil.setAlpha(150)
        p.fillRect(self.rect(), veil)
        text = self.tr("Out of date")
        font = p.font()
        font.setItalic(True)
        p.setFont(font)
        p.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        p.drawText(self.rect().adjusted(0, 6, -90, 0), int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                   text)
        p.end()


class ResultPage(QScrollArea):
    """A tab page: sections stacked vertically, scrolling; results grey out when stale."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.inner = QWidget(self)
        self.inner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.column = QVBoxLayout(self.inner)
        self.column.setContentsMargins(4, 4, 4, 4)
        self.column.setSpacing(8)
        self.setWidget(self.inner)
        self.sections: list[Section] = []
        #: Widgets showing results (greyed when stale); editors (the pool editor) stay live.
        self.result_widgets: list[QWidget] = []
        self._overlays: dict[int, StaleOverlay] = {}
        self._stale = False

    def result_tables(self) -> list[Any]:
        """Every result table of the page's sections."""
        return [t for sec in self.sections for t in sec.tables]

    def add_section(self, section: Section, results: bool = True) -> Section:
        self.column.addWidget(section)
        self.sections.append(section)
        if results:
            self.result_widgets.append(section)
        return section

    def finish(self) -> None:
        self.column.addStretch(1)

    def set_stale(self, stale: bool) -> None:
        """Grey the results (and make them inert) while they describe an older state."""
        if stale == self._stale:
            return
        self._stale = stale
        for w in self.result_widgets:
            w.setEnabled(not stale)
            overlay = self._overlays.get(id(w))
            if overlay is None:
                overlay = self._overlays[id(w)] = StaleOverlay(w)
            overlay.setVisible(stale)
            overlay.raise_()

    @property
    def stale(self) -> bool:
        return self._stale

    def stale_overlay_visible(self, widget: QWidget) -> bool:
        overlay = self._overlays.get(id(widget))
        return overlay is not None and overlay.isVisible()
