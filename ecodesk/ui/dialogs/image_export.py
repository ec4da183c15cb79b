"""UI layer: the options of a canvas picture — whole scenario or selection, PNG scale, legend.

Asked after the file name, so the format is known: the scale only matters for PNG (SVG and
PDF are vector pictures), and the dialog shows the pixel size the scale gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


@dataclass
class ImageOptions:
    selection_only: bool = False
    scale: float = 1.0
    legend: bool = True


class ImageExportDialog(QDialog):
    """Options of one picture; :meth:`options` after ``exec()`` returned Accepted."""

    def __init__(self, fmt: str, *, selected: int = 0, natural_size: tuple[float, float] | None = None,
                 scale: float = 2.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("image_export_dialog")
        self.fmt = fmt
        self.natural_size = natural_size
        self.setWindowTitle(self.tr("Export Picture as {0}").format(fmt.upper()))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.whole = QRadioButton(self.tr("The &whole scenario"), self)
        self.selection = QRadioButton(self.tr("The &selection only ({0} objects)").format(selected), self)
        self.selection.setEnabled(selected > 0)
        self.selection.setToolTip(self.tr("The selected entities, the flows between them and their ecosystems"))
        group = QButtonGroup(self)
        group.addButton(self.whole)
        group.addButton(self.selection)
        (self.selection if selected > 0 else self.whole).setChecked(True)
        scope = QVBoxLayout()
        scope.addWidget(self.whole)
        scope.addWidget(self.selection)
        form.addRow(self.tr("Draw:"), scope)

        self.scale = QDoubleSpinBox(self)
        self.scale.setObjectName("scale")
        self.scale.setRange(0.25, 10.0)
        self.scale.setSingleStep(0.5)
        self.scale.setDecimals(2)
        self.scale.setSuffix(" ×")
        self.scale.setValue(scale)
        self.scale.setToolTip(self.tr("1 × is 96 dpi, as on screen; 2 × or more gives sharp pictures on slides "
                                      "and in print"))
        self.pixels = QLabel(self)
        self.pixels.setObjectName("pixels")
        self.scale.valueChanged.connect(self._update_pixels)
        self.whole.toggled.connect(self._update_pixels)
        if fmt == "png":
            form.addRow(self.tr("&Scale:"), self.scale)
            form.addRow("", self.pixels)
        else:
            self.scale.hide()
            self.pixels.hide()
            note = QLabel(self.tr("{0} is a vector format: it stays sharp at any size.").format(fmt.upper()), self)
            note.setWordWrap(True)
            form.addRow("", note)

        self.legend = QCheckBox(self.tr("Include the &legend"), self)
        self.legend.setChecked(True)
        form.addRow("", self.legend)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_pixels()

    def _update_pixels(self, *args: object) -> None:
        if self.natural_size is None or not self.whole.isChecked():
            self.pixels.setText("")
            return
        w, h = self.natural_size
        s = self.scale.value()
        self.pixels.setText(self.tr("About {0} × {1} pixels").format(round(w * s), round(h * s)))

    def options(self) -> ImageOptions:
        return ImageOptions(self.selection.isChecked(), self.scale.value(), self.legend.isChecked())
