"""UI layer: what the document controller needs from the outside — the user's answers
(:class:`Prompter`) and the host it works in (:class:`DocumentHost`) — as interfaces.

The controller and its collaborators (:mod:`ecodesk.ui.controller`, :mod:`ecodesk.ui.scenarioops`,
:mod:`ecodesk.ui.transfer`) ask every question through a Prompter: the main window hands them
:class:`ecodesk.ui.dialogs.prompter.DialogPrompter` (file dialogs and message boxes), tests a
fake that answers from a script. Nothing here creates a widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from ecodesk.ui.document import Document
    from ecodesk.ui.settings import Settings

#: The answer to "save the unsaved changes?".
SaveAnswer = Literal["save", "discard", "cancel"]
#: The answer to "that file is open in another window".
OpenAnswer = Literal["copy", "open", "cancel"]


class Prompter(Protocol):
    """Questions to the user. Every method returns what the user chose; an empty string or
    None means cancelled."""

    def open_path(self, title: str, start: str, filters: str) -> tuple[str, str]:
        """A file to read: (path, the filter chosen)."""

    def save_path(self, title: str, start: str, filters: str, selected: str = "") -> tuple[str, str]:
        """A file to write: (path, the filter chosen)."""

    def folder(self, title: str, start: str) -> str:
        """An existing folder."""

    def text(self, title: str, label: str, text: str = "") -> str | None:
        """A line of text (a name); None when cancelled."""

    def save_changes(self, title: str) -> SaveAnswer:
        """Whether to save the unsaved changes of the project called ``title``."""

    def save_failed(self, text: str, offer_save_as: bool) -> bool:
        """A save failed with ``text``; True when the user wants to save elsewhere."""

    def already_open(self, name: str) -> OpenAnswer:
        """File ``name`` is open in another ecodesk window: open a copy, open it anyway, or not."""

    def error(self, title: str, text: str) -> None:
        """Something could not be done (a critical message)."""

    def warning(self, title: str, text: str) -> None:
        """Something went wrong that the user should know of."""

    def information(self, title: str, text: str) -> None:
        """A notice."""

    def problems(self, title: str, text: str, lines: list[str]) -> None:
        """A refusal with its list of reasons (an import that failed)."""

    def confirm(self, title: str, text: str, lines: list[str], accept: str) -> bool:
        """Go on despite ``lines`` (what an export leaves out)? True when the user pressed ``accept``."""

    def table_import(self, path: str, settings: Settings) -> Any:
        """The plan (a ``TablePlan``) of importing the node/edge tables of ``path``, chosen in
        the table import dialog; None when cancelled."""

    def template(self) -> str | None:
        """The name of a project template to start from."""

    def image_options(self, fmt: str, selected: int, natural_size: tuple[float, float] | None,
                      scale: float) -> Any:
        """Options of a canvas picture (an ``ImageOptions``), None when cancelled."""


class DocumentHost(Protocol):
    """What the scenario and transfer operations use of the controller."""

    document: Document
    settings: Settings
    prompter: Prompter

    def set_document(self, document: Document) -> None: ...

    def maybe_save(self) -> bool: ...

    def status(self, text: str, msecs: int = 4000) -> None: ...
