"""UI layer: the Preferences dialog — language, theme, grid and autosave interval.

The dialog edits a copy of the values and writes them to :class:`Settings` on OK/Apply;
the main window listens to ``applied`` and switches language and theme live.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ecodesk.ui.settings import Settings


class PreferencesDialog(QDialog):
    """Edits :class:`Settings`; emits ``applied`` after writing them."""

    applied = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setMinimumWidth(420)
        self.settings = settings
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem("English", "en")
        self.language.addItem("中文", "zh")
        self.theme = QComboBox(self)
        self.theme.setObjectName("theme")
        for value in ("system", "light", "dark"):
            self.theme.addItem("", value)
        self.show_grid = QCheckBox(self)
        self.show_grid.setObjectName("show_grid")
        self.snap_grid = QCheckBox(self)
        self.snap_grid.setObjectName("snap_grid")
        self.autosave = QSpinBox(self)
        self.autosave.setObjectName("autosave")
        self.autosave.setRange(0, 120)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setProperty("role", "hint")

        self.appearance = QGroupBox(self)
        form = QFormLayout(self.appearance)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.theme_label = QLabel(self)
        self.theme_label.setBuddy(self.theme)
        form.addRow(self.language_label, self.language)
        form.addRow(self.theme_label, self.theme)
        self.canvas_group = QGroupBox(self)
        cform = QFormLayout(self.canvas_group)
        cform.addRow(self.show_grid)
        cform.addRow(self.snap_grid)
        self.files_group = QGroupBox(self)
        fform = QFormLayout(self.files_group)
        self.autosave_label = QLabel(self)
        self.autosave_label.setBuddy(self.autosave)
        fform.addRow(self.autosave_label, self.autosave)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.appearance)
        layout.addWidget(self.canvas_group)
        layout.addWidget(self.files_group)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.load()
        self.retranslate()

    def load(self) -> None:
        s = self.settings
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(s.theme)))
        self.show_grid.setChecked(s.show_grid)
        self.snap_grid.setChecked(s.snap_to_grid)
        self.autosave.setValue(s.autosave_minutes)

    def apply(self) -> None:
        s = self.settings
        s.language = self.language.currentData()
        s.theme = self.theme.currentData()
        s.show_grid = self.show_grid.isChecked()
        s.snap_to_grid = self.snap_grid.isChecked()
        s.autosave_minutes = self.autosave.value()
        s.sync()
        self.applied.emit()

    def accept(self) -> None:
        self.apply()
        super().accept()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.appearance.setTitle(self.tr("Appearance"))
        self.language_label.setText(self.tr("&Language:"))
        self.language.setToolTip(self.tr("The language of menus, dialogs and messages"))
        self.theme_label.setText(self.tr("&Theme:"))
        for i, text in enumerate((self.tr("Follow the system"), self.tr("Light"), self.tr("Dark"))):
            self.theme.setItemText(i, text)
        self.theme.setToolTip(self.tr("Light suits projectors; dark suits long evenings"))
        self.canvas_group.setTitle(self.tr("Canvas"))
        self.show_grid.setText(self.tr("Show the &grid"))
        self.snap_grid.setText(self.tr("&Snap entities to the grid"))
        self.files_group.setTitle(self.tr("Files"))
        self.autosave_label.setText(self.tr("&Autosave every:"))
        self.autosave.setSuffix(self.tr(" min"))
        self.autosave.setSpecialValueText(self.tr("never"))
        self.autosave.setToolTip(self.tr("How often a recovery copy of open projects is written (0 = never)"))
        self.note.setText(self.tr("Language and theme change at once when you press OK or Apply."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
