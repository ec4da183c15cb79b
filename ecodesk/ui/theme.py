"""UI layer: light, dark and system themes — a QPalette on the Fusion style plus a small
stylesheet for what the palette does not reach (inline error labels, dock titles)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_state: dict[str, object] = {"theme": "system", "system_palette": None, "system_style": None}

#: Colour of inline refusal messages, readable on both themes.
ERROR_COLOR = {"light": "#c62828", "dark": "#ff8a80"}


def theme_name() -> str:
    """The chosen theme: 'system', 'light' or 'dark'."""
    return str(_state["theme"])


def current_theme() -> str:
    """'light' or 'dark' as shown (system resolves to what the palette looks like)."""
    name = str(_state["theme"])
    if name != "system":
        return name
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return "dark" if app.palette().color(QPalette.ColorRole.Window).lightness() < 128 else "light"
    return "light"


def _light_palette() -> QPalette:
    p = QPalette()
    c = {
        QPalette.ColorRole.Window: "#f3f4f6",
        QPalette.ColorRole.WindowText: "#1f2328",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f6f8fa",
        QPalette.ColorRole.ToolTipBase: "#fffbe6",
        QPalette.ColorRole.ToolTipText: "#1f2328",
        QPalette.ColorRole.PlaceholderText: "#8c959f",
        QPalette.ColorRole.Text: "#1f2328",
        QPalette.ColorRole.Button: "#eef0f3",
        QPalette.ColorRole.ButtonText: "#1f2328",
        QPalette.ColorRole.BrightText: "#d32f2f",
        QPalette.ColorRole.Highlight: "#2f6feb",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#0969da",
        QPalette.ColorRole.Light: "#ffffff",
        QPalette.ColorRole.Midlight: "#e4e7eb",
        QPalette.ColorRole.Mid: "#c9ced6",
        QPalette.ColorRole.Dark: "#9aa3ad",
        QPalette.ColorRole.Shadow: "#6e7781",
    }
    for role, color in c.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa3ad"))
    return p


def _dark_palette() -> QPalette:
    p = QPalette()
    c = {
        QPalette.ColorRole.Window: "#23262b",
        QPalette.ColorRole.WindowText: "#e6e8eb",
        QPalette.ColorRole.Base: "#1a1c20",
        QPalette.ColorRole.AlternateBase: "#262a30",
        QPalette.ColorRole.ToolTipBase: "#30343a",
        QPalette.ColorRole.ToolTipText: "#e6e8eb",
        QPalette.ColorRole.PlaceholderText: "#7d8590",
        QPalette.ColorRole.Text: "#e6e8eb",
        QPalette.ColorRole.Button: "#2d3137",
        QPalette.ColorRole.ButtonText: "#e6e8eb",
        QPalette.ColorRole.BrightText: "#ff8a80",
        QPalette.ColorRole.Highlight: "#3d7be0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#79b8ff",
        QPalette.ColorRole.Light: "#3a3f46",
        QPalette.ColorRole.Midlight: "#33383e",
        QPalette.ColorRole.Mid: "#2a2e34",
        QPalette.ColorRole.Dark: "#15171a",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in c.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b727c"))
    return p


_STYLESHEET = """
QLabel[role="error"] {{ color: {error}; }}
QLabel[role="heading"] {{ font-weight: 600; padding-top: 6px; }}
QLabel[role="hint"] {{ color: {hint}; }}
QDockWidget::title {{ padding: 4px 6px; background: {dock}; }}
QToolBar {{ spacing: 3px; }}
QStatusBar QLabel {{ padding: 0 6px; }}
"""


#: Fusion draws unchecked boxes in a darker shade of the window colour, which vanishes on a
#: dark base: outline them (checked boxes keep Fusion's own tick).
_DARK_EXTRA = """
QAbstractItemView::indicator:unchecked, QCheckBox::indicator:unchecked {
    border: 1px solid #7d8590; border-radius: 2px; background: #1a1c20; width: 12px; height: 12px; }
"""


def stylesheet(theme: str) -> str:
    dark = theme == "dark"
    return _STYLESHEET.format(
        error=ERROR_COLOR["dark" if dark else "light"],
        hint="#9aa3ad" if dark else "#6e7781",
        dock="#2b2f35" if dark else "#e6e9ed",
    ) + (_DARK_EXTRA if dark else "")


def apply_theme(name: str, app: QApplication | None = None) -> None:
    """Apply 'light', 'dark' or 'system' to the application (live; no restart needed)."""
    instance = app or QApplication.instance()
    if not isinstance(instance, QApplication):
        return
    app = instance
    if _state["system_palette"] is None:
        _state["system_palette"] = QPalette(app.palette())
    _state["theme"] = name
    if name == "system":
        # the system's style is the application's until a theme replaces it; only then is it
        # put back (not touching QStyle at start-up saves its Python binding ~10 ms)
        if _state["system_style"] is not None:
            style = QStyleFactory.create(str(_state["system_style"]) or "Fusion")
            if style is not None:
                app.setStyle(style)
        palette = _state["system_palette"]
        if isinstance(palette, QPalette):
            app.setPalette(palette)
    else:
        if _state["system_style"] is None:
            _state["system_style"] = app.style().name()  # to go back to for 'system'
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(_dark_palette() if name == "dark" else _light_palette())
    app.setStyleSheet(stylesheet(current_theme()))
