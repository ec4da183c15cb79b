"""UI layer: autosave to a recovery file every N minutes, and the offer to recover after a
crash (recover, compare with the saved file, or discard).

The recovery lives in the user's data folder (:mod:`ecodesk.store.recovery`), never over
the user's file. Saving the project, or closing it cleanly, removes its recovery. A
recovered document keeps the recovery it came from until it is saved (its autosaves
replace it): a second crash before then still offers the work. The window creates the :class:`Autosaver` and attaches every document the controller shows;
:func:`offer_recovery` hands a recovered project to the controller.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ecodesk.model import Bindings
from ecodesk.model.errors import EcodeskError
from ecodesk.ui.plaintext import plain

# The store (sqlite3 and friends) loads on first use, not while the first window is built.

if TYPE_CHECKING:
    from ecodesk.store.recovery import Recovery
    from ecodesk.ui.document import Document
    from ecodesk.ui.prompts import DocumentHost
    from ecodesk.ui.settings import Settings

log = logging.getLogger("ecodesk.autosave")


class Autosaver(QObject):
    """Writes the attached document to its recovery file while it has unsaved changes;
    ``status(text, msecs)`` reports a failure."""

    def __init__(self, settings: Settings, status: Callable[[str, int], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.status = status
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave_now)
        self.document: Document | None = None
        self._bindings = Bindings()
        self.key = uuid.uuid4().hex
        self._written = False  # a recovery may exist under ``key`` (discard has work to do)
        self.last_error = ""
        self.apply_interval()

    def apply_interval(self) -> None:
        """(Re)start the timer from the preference; 0 minutes turns autosave off."""
        minutes = self.settings.autosave_minutes
        if minutes <= 0:
            self.timer.stop()
        else:
            self.timer.start(int(minutes * 60_000))

    def attach(self, document: Document) -> None:
        """Follow ``document`` (the previous one's recovery is removed: it was closed)."""
        if self.document is not None:
            self.discard()
        self._bindings.clear()
        self.document = document
        self.key = uuid.uuid4().hex
        self._written = False
        self._bindings.connect(document.modified_changed, self._on_document_modified_changed)

    def adopt(self, key: str) -> None:
        """Keep the recovery ``key`` of the attached (recovered) document: it stays until
        the document is saved or closed cleanly, and autosaves replace it."""
        self.key = key
        self._written = True

    def _on_document_modified_changed(self, modified: bool) -> None:
        if not modified:  # saved (or undone back to the saved state): nothing to recover
            self.discard()

    def autosave_now(self) -> bool:
        """Write the recovery if there are unsaved changes; never raises."""
        doc = self.document
        if doc is None or not doc.modified:
            return False
        from ecodesk.store.recovery import save_recovery

        self._written = True
        try:
            save_recovery(doc.project, self.key, doc.path)
        except (EcodeskError, OSError) as exc:
            self.last_error = str(exc)
            log.warning("autosave failed: %s", exc)
            self.status(self.tr("Autosave failed: {0}").format(exc), 8000)
            return False
        self.last_error = ""
        log.info("autosaved %s", doc.title)
        return True

    def discard(self) -> None:
        if not self._written:  # nothing was autosaved under this key (and the store need not load)
            return
        from ecodesk.store.recovery import remove_recovery

        remove_recovery(self.key)
        self._written = False


def offer_recovery(window: QWidget, host: DocumentHost) -> bool:
    """After a crash: ask (over ``window``), for each recovery left behind, whether to recover
    it. Returns True if a project was recovered into ``host`` (the document controller)."""
    from ecodesk.store.recovery import pending_recoveries, remove_recovery

    recovered = False
    for rec in pending_recoveries():
        answer = _ask(window, rec)
        if answer == "recover" and not recovered:
            recovered = _recover(window, host, rec)
        elif answer == "discard":
            remove_recovery(rec.key)
    return recovered


def _ask(window: QWidget, rec: Recovery) -> str:
    while True:
        box = QMessageBox(window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Autosave", "Recover unsaved work"))
        box.setText(QCoreApplication.translate("Autosave", "ecodesk did not close normally. Unsaved work of “{0}” was autosaved.")
                    .format(rec.title))
        box.setInformativeText(rec.describe())
        recover = box.addButton(QCoreApplication.translate("Autosave", "Recover"), QMessageBox.ButtonRole.AcceptRole)
        compare = box.addButton(QCoreApplication.translate("Autosave", "Compare…"), QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton(QCoreApplication.translate("Autosave", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QCoreApplication.translate("Autosave", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        if clicked is compare:
            _compare(window, rec)
            continue
        if clicked is recover:
            return "recover"
        if clicked is discard:
            return "discard"
        return "later"


def _compare(window: QWidget, rec: Recovery) -> None:
    from ecodesk.store import open_project
    from ecodesk.store.recovery import describe_differences, load_recovery

    try:
        recovered = load_recovery(rec)
        original = open_project(rec.original) if rec.original and Path(rec.original).is_file() else None
    except EcodeskError as exc:
        QMessageBox.warning(window, QCoreApplication.translate("Autosave", "Compare"), plain(str(exc)))
        return
    lines = describe_differences(original, recovered)
    QMessageBox.information(window, QCoreApplication.translate("Autosave", "Compare with the saved file"),
                            plain("\n".join(lines)))


def _recover(window: QWidget, host: DocumentHost, rec: Recovery) -> bool:
    from ecodesk.store.recovery import claim_recovery, load_recovery
    from ecodesk.ui.document import Document

    try:
        project = load_recovery(rec)
    except EcodeskError as exc:
        QMessageBox.warning(window, QCoreApplication.translate("Autosave", "Cannot recover"), plain(str(exc)))
        return False
    doc = Document(project, rec.original)
    doc.mark_unsaved()  # Save writes it over the original (atomically), or asks where
    host.set_document(doc)
    # Not removed yet: a second crash before the recovered work is saved must still offer it.
    claim_recovery(rec)  # ours now: not offered by another window while this one runs
    autosaver = window.findChild(Autosaver)
    if autosaver is not None and autosaver.document is doc:
        autosaver.adopt(rec.key)  # saving removes it, the next autosave replaces it
    return True
