"""UI layer: the main window's answers to the document controller's questions — file
dialogs, message boxes and input dialogs (implements :class:`ecodesk.ui.prompts.Prompter`).

Texts are translated in the contexts of the operation that asks (``DocumentController``,
``TransferOps``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from ecodesk.ui.plaintext import message_box, plain, set_informative, show_message

if TYPE_CHECKING:
    from ecodesk.ui.prompts import OpenAnswer, SaveAnswer

MAX_SHOWN_PROBLEMS = 8


class DialogPrompter:
    """Asks with modal dialogs over ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.image_export_dialog: Any = None  # the last picture-options dialog (tests look at it)
        self.table_import_dialog: Any = None  # the last table import dialog (tests look at it)

    def open_path(self, title: str, start: str, filters: str) -> tuple[str, str]:
        path, chosen = QFileDialog.getOpenFileName(self.parent, title, start, filters)
        return path, chosen

    def save_path(self, title: str, start: str, filters: str, selected: str = "") -> tuple[str, str]:
        if selected:
            path, chosen = QFileDialog.getSaveFileName(self.parent, title, start, filters, selected)
        else:
            path, chosen = QFileDialog.getSaveFileName(self.parent, title, start, filters)
        return path, chosen

    def folder(self, title: str, start: str) -> str:
        return QFileDialog.getExistingDirectory(self.parent, title, start)

    def text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.parent, title, plain(label), text=text)
        return value if ok else None

    def save_changes(self, title: str) -> SaveAnswer:
        sb = QMessageBox.StandardButton
        box = message_box(self.parent, QMessageBox.Icon.Warning,
                          QCoreApplication.translate("DocumentController", "Unsaved changes"), "")
        box.setText(QCoreApplication.translate("DocumentController", "“{0}” has changes that are not saved.").format(title))
        box.setInformativeText(QCoreApplication.translate("DocumentController", "Do you want to save them?"))
        box.setStandardButtons(sb.Save | sb.Discard | sb.Cancel)
        box.setDefaultButton(sb.Save)
        answer = box.exec()
        return "save" if answer == sb.Save else "discard" if answer == sb.Discard else "cancel"

    def save_failed(self, text: str, offer_save_as: bool) -> bool:
        box = message_box(self.parent, QMessageBox.Icon.Critical,
                          QCoreApplication.translate("DocumentController", "Cannot save"), text)
        if offer_save_as:
            box.setInformativeText(QCoreApplication.translate(
                "DocumentController", "Your project is still open and nothing was lost. Save it under another name?"))
            save_as = box.addButton(QCoreApplication.translate("DocumentController", "Save As…"),
                                    QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
        else:
            box.setInformativeText(QCoreApplication.translate(
                "DocumentController", "Your project is still open and nothing was lost."))
            save_as = None
            box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        return save_as is not None and box.clickedButton() is save_as

    def already_open(self, name: str) -> OpenAnswer:
        box = message_box(self.parent, QMessageBox.Icon.Warning,
                          QCoreApplication.translate("DocumentController", "Open in another window"), "")
        box.setText(QCoreApplication.translate(
            "DocumentController", "“{0}” is already open in another ecodesk window.").format(name))
        box.setInformativeText(QCoreApplication.translate(
            "DocumentController", "Only one window can save it: once one saves, the other's save is refused "
                                  "(it can still save under another name). Open a copy here, saved to a new "
                                  "file, or open the file anyway?"))
        copy = box.addButton(QCoreApplication.translate("DocumentController", "Open a Copy"),
                             QMessageBox.ButtonRole.AcceptRole)
        anyway = box.addButton(QCoreApplication.translate("DocumentController", "Open Anyway"),
                               QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(copy)
        box.exec()
        clicked = box.clickedButton()
        return "copy" if clicked is copy else "open" if clicked is anyway else "cancel"

    def error(self, title: str, text: str) -> None:
        show_message(self.parent, QMessageBox.Icon.Critical, title, text)

    def warning(self, title: str, text: str) -> None:
        show_message(self.parent, QMessageBox.Icon.Warning, title, text)

    def information(self, title: str, text: str) -> None:
        show_message(self.parent, QMessageBox.Icon.Information, title, text)

    def problems(self, title: str, text: str, lines: list[str]) -> None:
        box = message_box(self.parent, QMessageBox.Icon.Critical, title, text)
        shown = lines[:MAX_SHOWN_PROBLEMS]
        more = len(lines) - len(shown)
        info = "\n".join(f"• {line}" for line in shown)
        if more > 0:
            info += "\n" + QCoreApplication.translate("TransferOps", "… and {0} more (see Details)").format(more)
            box.setDetailedText("\n".join(lines))
        set_informative(box, info)  # the lines quote names and cells: plain text
        box.exec()

    def confirm(self, title: str, text: str, lines: list[str], accept: str) -> bool:
        box = message_box(self.parent, QMessageBox.Icon.Warning, title, text)
        set_informative(box, "\n".join(f"• {line}" for line in lines))  # the lines quote names: plain text
        go = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(go)  # nothing of the project is lost: only the file holds less
        box.exec()
        return box.clickedButton() is go

    def table_import(self, path: str, settings: Any) -> Any:
        from ecodesk.ui.dialogs.table_import import TableImportDialog

        dialog = TableImportDialog(path, settings, parent=self.parent)
        self.table_import_dialog = dialog
        return dialog.plan() if dialog.exec() else None

    def template(self) -> str | None:
        from ecodesk.ui.dialogs.templates import NewFromTemplateDialog

        dialog = NewFromTemplateDialog(self.parent)
        return dialog.chosen() if dialog.exec() else None

    def image_options(self, fmt: str, selected: int, natural_size: tuple[float, float] | None,
                      scale: float) -> Any:
        from ecodesk.ui.dialogs.image_export import ImageExportDialog

        dialog = ImageExportDialog(fmt, selected=selected, natural_size=natural_size, scale=scale,
                                   parent=self.parent)
        self.image_export_dialog = dialog
        return dialog.options() if dialog.exec() else None
