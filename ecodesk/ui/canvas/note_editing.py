"""UI layer (canvas): writing and arranging workshop notes (便签) — every change one command
through the document (one undo step), as the entity edits in :mod:`~ecodesk.ui.canvas.editing`.

* **New note** (Insert → Note, Ctrl+double-click on the empty canvas): the note appears at a
  free spot of the visible area with its editor open. It enters the model only when that
  first edit ends with text — a new note left empty (or cancelled with Esc) leaves nothing
  behind and nothing to undo.
* **Edit in place** (double-click, F2 or Enter on a selected note): a real text editor (so
  Chinese input methods work) laid over the note; Esc cancels, Ctrl+Enter or clicking away
  commits, Enter starts a new line. An existing note edited to empty stays as an empty box.
* **Move / resize** (:class:`NoteDrag`, used by the select tool): dragging a note moves the
  selected notes and entities together, the handle at the bottom-right corner resizes;
  one undo step each, Esc during the drag puts everything back.
* **Colour** (context menu, inspector): one undo step for all selected notes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRect, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QCursor, QFocusEvent, QIcon, QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import QApplication, QFrame, QMenu, QPlainTextEdit, QWidget

from ecodesk.commands import AddObject, ChangeObject, Command, Macro, MoveEntities, tr_noop
from ecodesk.commands.editrules import NOTE_HEIGHT, NOTE_WIDTH, new_note
from ecodesk.ui.canvas.annotation_item import MIN_NOTE, NOTE_FONT_PT, NOTE_PALETTE, PAD, AnnotationItem, note_fill
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.style import canvas_font

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    from ecodesk.model import Scenario
    from ecodesk.ui.canvas.host import CanvasHost
    from ecodesk.ui.document import Document

Box = tuple[float, float, float, float]  # x, y, width, height
FREE_GAP = 24.0  # kept between a new note and what is already on the canvas
EDIT_MIN_PX = (240, 120)  # the editor's smallest size on screen (a zoomed-out note is enlarged)


def free_spot(visible: Box, size: tuple[float, float], taken: Sequence[Box], step: float = 40.0) -> tuple[float, float]:
    """Top-left corner for a box of ``size`` inside ``visible`` overlapping none of ``taken``
    (with a gap), nearest the centre of ``visible``; the centre itself when nothing is free."""
    vx, vy, vw, vh = visible
    w, h = size
    cx, cy = vx + vw / 2 - w / 2, vy + vh / 2 - h / 2
    g = FREE_GAP
    spots = []
    nx, ny = max(0, int((vw - w - 2 * g) // step)), max(0, int((vh - h - 2 * g) // step))
    for i in range(nx + 1):
        for j in range(ny + 1):
            x, y = vx + g + i * step, vy + g + j * step
            spots.append((math.hypot(x - cx, y - cy), x, y))
    for _d, x, y in sorted(spots):
        if all(x + w + g <= tx or tx + tw + g <= x or y + h + g <= ty or ty + th + g <= y for tx, ty, tw, th in taken):
            return round(x, 1), round(y, 1)
    return round(cx, 1), round(cy, 1)


def note_at(view: CanvasHost, pos: QPoint) -> AnnotationItem | None:
    """The note under view position ``pos`` unless an entity lies over it there."""
    for it in view.items(pos):
        if isinstance(it, EntityItem):
            return None
        if isinstance(it, AnnotationItem) and it.isVisible() and not it.provisional:
            return it
    return None


def selected_notes(view: CanvasHost) -> list[AnnotationItem]:
    return [i for i in view.canvas_scene.selectedItems() if isinstance(i, AnnotationItem)]


class NoteTextEditor(QPlainTextEdit):
    """The in-place editor; emits ``finished(text, commit)`` exactly once."""

    finished = Signal(str, bool)

    def __init__(self, text: str, color: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._done = False
        self.setObjectName("canvasNoteEditor")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTabChangesFocus(True)
        fill = note_fill(color)
        ink = "#1f2933" if fill.lightnessF() > 0.55 else "#ffffff"
        self.setStyleSheet(f"QPlainTextEdit#canvasNoteEditor {{ background: {fill.name()}; color: {ink};"
                           " border: 2px solid #1A73E8; border-radius: 3px; }")
        self.setPlainText(text)
        self.selectAll()

    def finish(self, commit: bool) -> None:
        if not self._done:
            self._done = True
            self.finished.emit(self.toPlainText(), commit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.finish(False)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.finish(True)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # the IME / context menu keeps it
            self.finish(True)


class NoteEditing:
    """The note operations of one canvas view (``view``: its :class:`CanvasHost`)."""

    def __init__(self, view: CanvasHost) -> None:
        self.view = view
        self.editor: NoteTextEditor | None = None
        self.item: AnnotationItem | None = None  # the note being written
        self._doc: Document | None = None  # … in this document and scenario
        self._scenario: Scenario | None = None
        view.horizontalScrollBar().valueChanged.connect(self._place_editor)
        view.verticalScrollBar().valueChanged.connect(self._place_editor)
        view.canvas_scene.notes.before_rebuild.append(self._before_rebuild)

    def _before_rebuild(self) -> None:
        """The scene shows another scenario (or reloads): the open edit ends — kept in the
        scenario it was typed in; dropped when the whole document goes away."""
        if self.editor is not None:
            self.finish_edit(self.view.document is self._doc)

    def _push(self, cmd: Command) -> bool:
        doc = self.view.document
        return doc is not None and doc.push(cmd)

    def _status(self, text: str) -> None:
        self.view.status_message.emit(text)

    # creating and writing ------------------------------------------------------------------
    def new_note(self, pos: QPointF | None = None) -> AnnotationItem | None:
        """Start a new note centred on scene point ``pos`` (None: at a free spot of the visible
        area) with the editor open; the model gets it when the edit ends with text."""
        view, s = self.view, self.view.scenario
        if s is None:
            return None
        self.finish_edit(True)
        view.editor.finish_rename(True)
        if pos is None:
            x, y = free_spot(self._visible(), (NOTE_WIDTH, NOTE_HEIGHT), self._taken())
        else:
            x, y = pos.x() - NOTE_WIDTH / 2, pos.y() - NOTE_HEIGHT / 2
        item = view.canvas_scene.notes.add_provisional(new_note(s, x, y))
        view.select_items([])
        self.start_edit(item)
        return item

    def _visible(self) -> Box:
        view = self.view
        r = view.mapToScene(view.viewport().rect()).boundingRect()
        return r.x(), r.y(), r.width(), r.height()

    def _taken(self) -> list[Box]:
        sc = self.view.canvas_scene
        out = []
        for it in (*sc.entity_items.values(), *sc.notes.items.values()):
            if it.isVisible():
                r = it.sceneBoundingRect()
                out.append((r.x(), r.y(), r.width(), r.height()))
        return out

    def edit_selected(self) -> bool:
        notes = selected_notes(self.view)
        return len(notes) == 1 and self.start_edit(notes[0])

    def start_edit(self, item: AnnotationItem | str) -> bool:
        """Open the in-place editor over a note (an item, or a note id)."""
        sc = self.view.canvas_scene
        if isinstance(item, str):
            found = sc.notes.items.get(item)
            if found is None:
                return False
            item = found
        self.finish_edit(True)
        view = self.view
        view.ensureVisible(item, 40, 40)
        editor = NoteTextEditor(item.note.text, item.note.color, view.viewport())
        self.editor, self.item = editor, item
        self._doc, self._scenario = view.document, view.scenario
        self._place_editor()
        editor.finished.connect(lambda text, commit, it=item: self._on_finished(it, text, commit))
        item.set_editing(True)
        editor.show()
        editor.setFocus()
        return True

    def _place_editor(self, *_args: object) -> None:
        editor, item = self.editor, self.item
        if editor is None or item is None:
            return
        view = self.view
        rect: QRect = view.mapFromScene(item.mapToScene(item.box())).boundingRect()
        zoom = max(view.zoom, 0.05)
        w, h = max(rect.width(), EDIT_MIN_PX[0]), max(rect.height(), EDIT_MIN_PX[1])
        editor.setGeometry(rect.x(), rect.y(), w, h)
        font = canvas_font(max(NOTE_FONT_PT * zoom, 9.0))
        editor.setFont(font)
        m = max(2, int(PAD * zoom) - 2)
        editor.setViewportMargins(m, m, m, m)

    def finish_edit(self, commit: bool = True) -> None:
        if self.editor is not None:
            self.editor.finish(commit)

    def _on_finished(self, item: AnnotationItem, text: str, commit: bool) -> None:
        editor, self.editor, self.item = self.editor, None, None
        doc, s, self._doc, self._scenario = self._doc, self._scenario, None, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
        item.set_editing(False)
        view = self.view
        view.setFocus()
        if item.provisional:
            view.canvas_scene.notes.drop_provisional(item)
            if not commit or not text.strip() or s is None or doc is None:
                self._status(QCoreApplication.translate("NoteEditing", "No note added: it was left empty"))
                return
            note = item.note.evolve(text=text)
            if doc.push(AddObject(s, note, text=tr_noop("Add note"))):
                view.select_ids([note.id])
            return
        if not commit or s is None or doc is None or item.note_id not in s.annotations:
            return
        note = s.annotations[item.note_id]
        if text != note.text:
            doc.push(ChangeObject(s, note.evolve(text=text), text=tr_noop("Edit note")))

    def nudge(self, dx: float, dy: float) -> bool:
        """Arrow keys: the selected notes (and entities) move by (dx, dy), one undo step."""
        view, s = self.view, self.view.scenario
        if s is None:
            return False
        cmds: list[Command] = []
        ents = {i: (round(s.entities[i].x + dx, 1), round(s.entities[i].y + dy, 1))
                for i in view.selected_entity_ids() if i in s.entities}
        if ents:
            cmds.append(MoveEntities(s, ents))
        for item in selected_notes(view):
            n = s.annotations.get(item.note_id)
            if n is not None:
                cmds.append(ChangeObject(s, n.evolve(x=round(n.x + dx, 1), y=round(n.y + dy, 1))))
        if not cmds:
            return False
        return self._push(Macro(tr_noop("Move {n} objects"), cmds, n=len(ents) + len(cmds) - (1 if ents else 0)))

    # colour ----------------------------------------------------------------------------------
    def set_color(self, color: str, ids: Iterable[str] | None = None) -> bool:
        """Give the selected notes (or ``ids``) the colour ``color`` ("" = the default yellow)."""
        s = self.view.scenario
        if s is None:
            return False
        ids = [i.note_id for i in selected_notes(self.view)] if ids is None else list(ids)
        notes = [s.annotations[i] for i in ids if i in s.annotations and s.annotations[i].color != color]
        if not notes:
            return False
        cmds: list[Command] = [ChangeObject(s, n.evolve(color=color)) for n in notes]
        return self._push(cmds[0] if len(cmds) == 1 else Macro(tr_noop("Colour {n} notes"), cmds, n=len(cmds)))

    def add_menu_entries(self, menu: QMenu) -> None:
        """The notes' entries in the canvas context menu (with notes selected)."""
        notes = selected_notes(self.view)
        if not notes:
            return
        menu.addAction(QCoreApplication.translate("NoteEditing", "Edit Note Text"), self.edit_selected).setEnabled(len(notes) == 1)
        sub = menu.addMenu(QCoreApplication.translate("NoteEditing", "Note Colour"))
        current = {n.note.color for n in notes}
        for color, name in NOTE_PALETTE:
            act = QAction(_swatch(color), QCoreApplication.translate("AnnotationItem", name), sub)
            act.setCheckable(True)
            act.setChecked(current == {color})
            act.triggered.connect(lambda _on=False, c=color: self.set_color(c))
            sub.addAction(act)
        menu.addSeparator()

    def note_under_cursor(self) -> AnnotationItem | None:
        view = self.view
        return note_at(view, view.viewport().mapFromGlobal(QCursor.pos()))


def _swatch(color: str) -> QIcon:
    pm = QPixmap(14, 14)
    pm.fill(note_fill(color))
    return QIcon(pm)


QGraphicsItemLike = AnnotationItem | EntityItem


@dataclass
class _NoteGesture:
    anchor: QGraphicsItemLike
    start: QPointF
    press_view: QPoint
    resize: bool = False
    notes: dict[str, QPointF] = field(default_factory=dict)  # note id -> start position
    entities: dict[str, QPointF] = field(default_factory=dict)  # entity id -> start position
    size: tuple[float, float] = (0.0, 0.0)
    moved: bool = False


class NoteDrag:
    """Moves and resizes of notes for the select tool (the tool hands it its mouse events
    first). A move started on a note — or on an entity while notes are selected too — moves
    every selected note and entity as ONE undo step (a macro of the entities' MoveEntities
    and the notes' ChangeObject); the handle resizes a single selected note."""

    def __init__(self, view: CanvasHost) -> None:
        self.view = view
        self._g: _NoteGesture | None = None

    @property
    def busy(self) -> bool:
        return self._g is not None

    def mouse_press(self, event: QMouseEvent, add: bool) -> bool:
        """A press on a note: select it (Ctrl/Shift toggles), then move or resize it."""
        view = self.view
        pos = event.position().toPoint()
        item = note_at(view, pos)
        if item is None:
            return False
        if item.isSelected() and not add and len(view.selected_items()) == 1:
            local = item.mapFromScene(view.mapToScene(pos))
            if item.handle_rect(view.zoom).adjusted(-2, -2, 2, 2).contains(local):
                n = item.note
                self._g = _NoteGesture(item, view.mapToScene(pos), pos, resize=True, size=(n.width, n.height))
                return True
        was = item.isSelected()
        if add:
            cur = view.selected_items()
            view.select_items([i for i in cur if i is not item] if was else [*cur, item])
        elif not was:
            view.select_items([item])
        if item.isSelected():
            self._begin_move(item, pos)
        return True

    def start_move(self, anchor: EntityItem, pos: QPoint) -> bool:
        """An entity drag while notes are selected too: they all move together (False: no
        note is selected, the entity drag goes on as before)."""
        if not selected_notes(self.view):
            return False
        self._begin_move(anchor, pos)
        return True

    def _begin_move(self, anchor: QGraphicsItemLike, pos: QPoint) -> None:
        view = self.view
        sel = view.canvas_scene.selectedItems()
        self._g = _NoteGesture(
            anchor, view.mapToScene(pos), pos,
            notes={i.note_id: QPointF(i.pos()) for i in sel if isinstance(i, AnnotationItem)},
            entities={i.entity_id: QPointF(i.pos()) for i in sel if isinstance(i, EntityItem)},
        )

    def mouse_move(self, event: QMouseEvent) -> bool:
        g, view = self._g, self.view
        if g is None:
            return False
        pos = event.position().toPoint()
        if not g.moved and (pos - g.press_view).manhattanLength() < QApplication.startDragDistance():
            return True
        sc = view.canvas_scene
        if not g.moved:
            g.moved = True
            if g.entities:
                sc.begin_move(g.entities)
        delta = view.mapToScene(pos) - g.start
        if g.resize:
            assert isinstance(g.anchor, AnnotationItem)
            g.anchor.set_box_size(max(MIN_NOTE, g.size[0] + delta.x()), max(MIN_NOTE, g.size[1] + delta.y()))
            return True
        start = g.notes.get(g.anchor.note_id) if isinstance(g.anchor, AnnotationItem) else g.entities[g.anchor.entity_id]
        assert start is not None
        if view.snap_to_grid:
            delta = view.snap(start + delta) - start
        with sc.batch():
            for eid, p in g.entities.items():
                it = sc.entity_items.get(eid)
                if it is not None:
                    it.setPos(p + delta)
        for nid, p in g.notes.items():
            note_item = sc.notes.items.get(nid)
            if note_item is not None:
                note_item.setPos(p + delta)
        return True

    def mouse_release(self, event: QMouseEvent) -> bool:
        g, self._g = self._g, None
        if g is None:
            return False
        if not g.moved:
            return True
        try:
            self._commit(g)
        finally:
            if g.entities:
                self.view.canvas_scene.end_move()
        return True

    def _commit(self, g: _NoteGesture) -> bool:
        view, s = self.view, self.view.scenario
        doc = view.document
        if s is None or doc is None:
            return False
        sc = view.canvas_scene
        cmds: list[Command] = []
        if g.resize:
            assert isinstance(g.anchor, AnnotationItem)
            n = s.annotations.get(g.anchor.note_id)
            if n is None:
                return False
            box = g.anchor.note
            w, h = round(box.width, 1), round(box.height, 1)
            if (w, h) == (n.width, n.height):
                return False
            return doc.push(ChangeObject(s, n.evolve(width=w, height=h), text=tr_noop("Resize note")))
        moved = {}
        for eid in g.entities:
            it = sc.entity_items.get(eid)
            if it is not None and eid in s.entities:
                p = (round(it.x(), 1), round(it.y(), 1))
                if p != (s.entities[eid].x, s.entities[eid].y):
                    moved[eid] = p
        if moved:
            cmds.append(MoveEntities(s, moved))
        for nid in g.notes:
            it2 = sc.notes.items.get(nid)
            n = s.annotations.get(nid)
            if it2 is not None and n is not None:
                x, y = round(it2.x(), 1), round(it2.y(), 1)
                if (x, y) != (n.x, n.y):
                    cmds.append(ChangeObject(s, n.evolve(x=x, y=y)))
        if not cmds:
            return False
        if len(cmds) == 1 and isinstance(cmds[0], ChangeObject):
            cmds[0].template = tr_noop("Move note")
            return doc.push(cmds[0])
        return doc.push(Macro(tr_noop("Move {n} objects"), cmds, n=len(moved) + len(cmds) - (1 if moved else 0)))

    def cancel(self) -> bool:
        """Esc during a drag: everything back where it was."""
        g, self._g = self._g, None
        if g is None:
            return False
        sc = self.view.canvas_scene
        s = self.view.scenario
        if g.resize and isinstance(g.anchor, AnnotationItem) and s is not None and g.anchor.note_id in s.annotations:
            g.anchor.set_annotation(s.annotations[g.anchor.note_id])
            return True
        with QSignalBlocker(sc):
            for nid, p in g.notes.items():
                it = sc.notes.items.get(nid)
                if it is not None:
                    it.setPos(p)
        with sc.batch():
            for eid, p in g.entities.items():
                ent = sc.entity_items.get(eid)
                if ent is not None:
                    ent.setPos(p)
        if g.moved and g.entities:
            sc.end_move()
        return True


def notes_of(view: CanvasHost) -> NoteEditing:
    """The view's note operations (kept by its editor)."""
    return cast(NoteEditing, view.editor.notes)  # type: ignore[attr-defined]


__all__ = ["NoteDrag", "NoteEditing", "NoteTextEditor", "free_spot", "note_at", "notes_of", "selected_notes"]
