"""UI layer: a minimal main window (placeholder until issue [3/7] builds the real one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from ecodesk.model.errors import EcodeskError
from ecodesk.ui.document import Document


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.document = Document()
        self._label = QLabel(self)
        self.setCentralWidget(self._label)
        self._refresh()
        self.resize(900, 600)

    def open_file(self, path: str) -> bool:
        from ecodesk.store import ProjectFile

        try:
            pf = ProjectFile.open(Path(path))
        except EcodeskError as exc:
            QMessageBox.warning(self, self.tr("Cannot open"), str(exc))
            return False
        self.document = Document(pf.project, Path(path))
        self.document.file = pf
        self._refresh()
        return True

    def _refresh(self) -> None:
        s = self.document.scenario
        self.setWindowTitle(f"{self.document.title} — ecodesk")
        self._label.setText(f"{s.name}: {len(s.entities)} entities, {len(s.flows)} flows")
