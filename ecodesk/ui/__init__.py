"""UI layer: everything Qt (PySide6) — app, main window, canvas, panels, dialogs, i18n."""
