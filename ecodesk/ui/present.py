"""UI layer: the presentation mode (View ▸ Present, F5) — the saved views one after another,
full screen, for the projector.

Each slide shows the view's title large at the top, the canvas of the view (its scenario,
visible area fitted to the screen, colour mode and hidden flow kinds) and, when the view
names an analysis tab, that tab beside it. Both are the window's own widgets, borrowed for
the presentation (:mod:`ecodesk.ui.present_state`): the figures are live and an analysis not
run yet runs in the background as in the window. Fonts are scaled for a projector; the slide
number sits in the bottom-right corner; a red laser-pointer dot follows the mouse (L
switches it off and on). Right, Down, Space, PageDown (a clicker), Enter and a click go
forward; Left, Up, PageUp and Backspace back; Home and End to the first and last slide; Esc
leaves and gives the window back exactly as it was. Nothing can be edited while presenting.
Speaker notes are not shown to the audience: with a second screen (a projector) the slides go
to the other screen and the notes, with the next slide's title, fill the window's screen. A view whose scenario was deleted shows a sentence saying so;
with no saved views the current view is presented as a single slide.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QMouseEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QScrollBar, QVBoxLayout, QWidget

from ecodesk.model.views import View
from ecodesk.ui.present_parts import FontScaler, LaserPointer, NotesWindow, Toast
from ecodesk.ui.present_state import WindowState, borrow, restore_window, save_window
from ecodesk.ui.views_apply import apply_look, capture_view, fit_rect, orphan_text, scenario_of

NEXT_KEYS = {Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Space, Qt.Key.Key_PageDown, Qt.Key.Key_Return,
             Qt.Key.Key_Enter, Qt.Key.Key_N}
PREV_KEYS = {Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P}
MOUSE_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
                QEvent.Type.Wheel, QEvent.Type.ContextMenu}
#: The window's font at 768 pixels of height is this many times the desktop's (more above).
FONT_SCALE = 1.45
#: Share of the width the analysis tab takes beside the canvas.
PANEL_SHARE = 0.4
#: The Overview tab lays its cards out in columns of 215 pixels whatever the font: at most
#: this wide, its cards stay in two columns, roomy enough for projector fonts.
OVERVIEW_WIDTH = 660


def font_scale(height: int) -> float:
    """How much larger than the desktop's the fonts are on a screen ``height`` pixels high."""
    return max(1.2, min(3.0, FONT_SCALE * height / 768))


class PresentWindow(QWidget):
    """The full-screen presentation over ``window`` (see the module docstring)."""

    def __init__(self, window: Any, slides: list[View], start: int = 0) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("present_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.main = window
        self.slides = list(slides)
        self.index = -1
        self.state: WindowState | None = save_window(window)
        self._base_font = QFont(QApplication.font())
        self.fonts = FontScaler()
        #: The presenter's notes on a second screen (None with one screen).
        self.notes: NotesWindow | None = None
        self._build()
        self.canvas, self.panel = borrow(window)
        self.stage.insertWidget(0, self.canvas, 1)
        self.stage.addWidget(self.panel, 0)
        self.panel.header.hide()
        self.panel.tabs.tabBar().hide()
        self.canvas.show()
        self._scrollbars = (self.canvas.horizontalScrollBarPolicy(), self.canvas.verticalScrollBarPolicy())
        self.canvas.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.canvas.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.canvas.installEventFilter(self)
        self._scale_fonts()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.retranslate()
        self.show_slide(max(0, min(start, len(self.slides) - 1)))

    def _build(self) -> None:
        self.setStyleSheet("QWidget#present_window { background: palette(base); }")
        self.title = QLabel(self)
        self.title.setObjectName("present_title")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.orphan = QLabel(self)
        self.orphan.setObjectName("present_orphan")
        self.orphan.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.orphan.setWordWrap(True)
        self.orphan.hide()
        self.stage = QHBoxLayout()
        self.stage.setSpacing(12)
        self.stage.addWidget(self.orphan, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 10, 16, 10)
        lay.setSpacing(6)
        lay.addWidget(self.title)
        lay.addLayout(self.stage, 1)
        self.number = QLabel(self)
        self.number.setObjectName("present_number")
        self.number.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.laser = LaserPointer(self)
        self.toast = Toast(self)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Presentation — ecodesk"))
        if 0 <= self.index < len(self.slides):
            self._show_texts(self.slides[self.index])

    # fonts for a projector ---------------------------------------------------------------------------
    def _scale_fonts(self) -> None:
        scale = font_scale(self.height() if self.isVisible() else (self.screen().size().height()))
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF() if self._base_font.pointSizeF() > 0 else 10.0
        font.setPointSizeF(size * scale)
        self.setFont(font)
        big = QFont(font)
        big.setPointSizeF(size * scale * 2.0)
        big.setBold(True)
        self.title.setFont(big)
        self.orphan.setFont(QFont(big.family(), int(size * scale * 1.3)))
        small = QFont(font)
        small.setPointSizeF(size * scale * 0.9)
        self.number.setFont(small)
        self.toast.setFont(font)
        self.laser.radius = max(7, int(self.height() / 90))
        self._scale_borrowed(scale)

    def _scale_borrowed(self, scale: float) -> None:
        """The analysis tab's and the canvas overlays' fonts, ``scale`` times larger."""
        self.fonts.apply([self.panel, *self.panel.findChildren(QWidget), *self.canvas.findChildren(QWidget)], scale)
        self._scale_legend(scale)

    def _scale_legend(self, scale: float) -> None:
        """The canvas legend (painted in its own fixed size) drawn ``scale`` times larger."""
        legend = getattr(self.canvas, "legend", None)
        if legend is not None and legend.scale != scale:
            legend.set_scale(scale)
            self.canvas.legend_overlay.place(may_move=True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._scale_fonts()
        self._size_panel()
        self._place_overlays()
        self._fit_soon()

    def _size_panel(self) -> None:
        width = int(self.width() * PANEL_SHARE)
        if 0 <= self.index < len(self.slides) and self.view.panel == "overview":
            width = min(width, OVERVIEW_WIDTH)
        self.panel.setFixedWidth(width)

    def _place_overlays(self) -> None:
        self.number.adjustSize()
        self.number.move(self.width() - self.number.width() - 20, 12)
        self.number.raise_()
        self.laser.setGeometry(self.rect())
        self.toast.place()

    # slides --------------------------------------------------------------------------------------
    @property
    def view(self) -> View:
        return self.slides[self.index]

    def show_slide(self, index: int) -> None:
        """Show slide ``index`` (clamped to the slides)."""
        index = max(0, min(index, len(self.slides) - 1))
        self.index = index
        view = self.slides[index]
        self._show_texts(view)
        scenario = scenario_of(self.main.document.project, view)
        if scenario is None:
            self.canvas.hide()
            self.panel.hide()
            self.orphan.show()
        else:
            self.orphan.hide()
            self.canvas.show()
            self.main.controller.scenarios.switch(scenario)
            apply_look(self.main, view)
            self._show_panel(view)
            layout = self.layout()
            if layout is not None:
                layout.activate()
            fit_rect(self.canvas, view.rect)
            self._fit_soon()
        self._track_mouse()
        self._scale_borrowed(self.fonts.scale)
        self._place_overlays()

    def _show_texts(self, view: View) -> None:
        scenario = scenario_of(self.main.document.project, view)
        self.title.setText(view.title or (scenario.name if scenario is not None else view.id))
        self.orphan.setText(orphan_text(view) + "\n" + self.tr("(The view is kept: give it a scenario again with "
                                                               "Update in the Views dock.)"))
        self.number.setText(f"{self.index + 1} / {len(self.slides)}")
        self.number.adjustSize()
        if self.notes is not None:
            after = self.slides[self.index + 1] if self.index + 1 < len(self.slides) else None
            self.notes.show_slide(self.number.text(), self.title.text(), view.text,
                                  (after.title or after.id) if after is not None else None)

    def _show_panel(self, view: View) -> None:
        panel = self.panel
        if view.panel is None:
            panel.hide()
            return
        self._size_panel()
        panel.show()
        panel.show_tab(view.panel)
        channel = panel.channel
        if channel.stale and not channel.running:
            panel.run_now()  # in the background; the tab fills in when the result arrives

    def _fit_soon(self) -> None:
        QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        if self.state is not None and 0 <= self.index < len(self.slides) and self.canvas.isVisible():
            fit_rect(self.canvas, self.view.rect)

    def show_notes_on(self, screen: QScreen) -> NotesWindow:
        """The speaker notes, full screen on ``screen`` (the presenter's, not the audience's)."""
        if self.notes is None:
            self.notes = NotesWindow()
        self.notes.setGeometry(screen.geometry())
        self._show_texts(self.view)
        self.notes.showFullScreen()
        return self.notes

    def next(self) -> None:
        if self.index < len(self.slides) - 1:
            self.show_slide(self.index + 1)

    def previous(self) -> None:
        if self.index > 0:
            self.show_slide(self.index - 1)

    def say(self, text: str) -> None:
        """A short message over the slide (and in the window's status bar)."""
        self.toast.show_text(text)
        self.main.statusBar().showMessage(text, 8000)

    # the laser pointer --------------------------------------------------------------------------------
    def set_laser(self, on: bool) -> None:
        self.laser.set_enabled(on)
        self._update_cursor()

    def _update_cursor(self) -> None:
        blank = Qt.CursorShape.BlankCursor if self.laser.enabled_ else Qt.CursorShape.ArrowCursor
        self.setCursor(blank)
        self.canvas.viewport().setCursor(blank)
        self.panel.setCursor(blank)

    def _track_mouse(self) -> None:
        """Mouse moves anywhere on the slide reach the pointer (tracking where it was off)."""
        assert self.state is not None
        for w in [self, *self.findChildren(QWidget)]:
            if not w.hasMouseTracking():
                w.setMouseTracking(True)
                if w is self.canvas or self.canvas.isAncestorOf(w) or w is self.panel or self.panel.isAncestorOf(w):
                    self.state.tracked.append(w)

    # input: every key and click on the slide is the presentation's ----------------------------------
    def _ours(self, obj: QObject) -> bool:
        return isinstance(obj, QWidget) and obj.window() is self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.canvas and kind == QEvent.Type.Resize:
            self._fit_soon()
            return False
        if not self._ours(watched):
            return False
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self.laser.follow(self.mapFromGlobal(event.globalPosition().toPoint()))
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no shortcut of the canvas fires while presenting
            return True
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            self.key(event)
            return True
        if kind in MOUSE_EVENTS and isinstance(watched, QWidget) and \
                (watched is self.canvas or self.canvas.isAncestorOf(watched)):
            if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
                self.next() if event.button() == Qt.MouseButton.LeftButton else self.previous()
            return True  # the canvas is not edited while presenting
        if kind in MOUSE_EVENTS and kind != QEvent.Type.Wheel and isinstance(watched, QWidget) \
                and self.panel.isAncestorOf(watched) and not isinstance(watched, QScrollBar):
            return True  # nor the model through the tab's editors (the pool editor …); scrolling is fine
        return False

    def key(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape:
            self.close()
        elif key in NEXT_KEYS:
            self.next()
        elif key in PREV_KEYS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.show_slide(0)
        elif key == Qt.Key.Key_End:
            self.show_slide(len(self.slides) - 1)
        elif key == Qt.Key.Key_L:
            self.set_laser(not self.laser.enabled_)
            self.say(self.tr("Laser pointer on") if self.laser.enabled_ else self.tr("Laser pointer off"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.key(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # leaving ------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.leave()
        super().closeEvent(event)

    def leave(self) -> None:
        """Give the canvas and the panel back and restore the window as it was (once)."""
        if self.state is None:
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.canvas.removeEventFilter(self)
        for w in (self.canvas.viewport(), self.panel):
            w.unsetCursor()
        state, self.state = self.state, None
        self.orphan.hide()
        if self.notes is not None:
            self.notes.close()
            self.notes.deleteLater()
            self.notes = None
        self.fonts.restore()
        self._scale_legend(1.0)
        self.canvas.setHorizontalScrollBarPolicy(self._scrollbars[0])
        self.canvas.setVerticalScrollBarPolicy(self._scrollbars[1])
        restore_window(self.main, state)
        self.main.presentation = None
        self.main.activateWindow()


def slides_of(window: Any) -> tuple[list[View], str]:
    """The views to present and a message for the audience ("" if none): with no saved
    views, the current view as one slide."""
    views = window.document.project.views
    if views:
        return views, ""
    current = capture_view(window, "current", window.document.scenario.name)
    return [current], QApplication.translate("PresentWindow", "No saved views: showing the current view")


def present(window: Any, start: int = 0, full_screen: bool = True) -> PresentWindow:
    """Start presenting in ``window`` from slide ``start``: full screen on the window's screen,
    or with a second screen on that one (the speaker notes on the window's screen)."""
    running = getattr(window, "presentation", None)
    if running is not None:
        running.raise_()
        return running
    slides, message = slides_of(window)
    show = PresentWindow(window, slides, start)
    window.presentation = show
    screen = window.screen()
    others = [s for s in QGuiApplication.screens() if s is not screen] if full_screen else []
    audience = others[0] if others else screen  # with a projector: the slides there, the notes here
    if audience is not None:
        show.setGeometry(audience.geometry())
    if full_screen:
        show.showFullScreen()
    else:
        show.show()
    if others and screen is not None:
        show.show_notes_on(screen)
    show.activateWindow()
    show.setFocus()
    show.set_laser(True)
    if message:
        show.say(message)
    return show

