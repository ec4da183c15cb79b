"""UI layer (canvas): the canvas's editing operations — :class:`CanvasEditor`, owned by the
view (composition, not a mixin). Each turns a gesture or an action into ONE command pushed
through the document (so one undo step), and never assigns to the model itself. The rules
of an edit — default names, what a new capability looks like — come from the engine
(:mod:`ecodesk.commands.editrules`, :mod:`ecodesk.diagram.layout`); the editor adds only
what is the canvas's own: positions, the selection, the clipboard, the inline rename.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QCursor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from ecodesk.commands import (
    AddObject,
    ChangeObject,
    Command,
    Macro,
    MoveEntities,
    paste_objects,
    remove_objects,
    tr_noop,
    unique_id,
    unique_name,
)
from ecodesk.commands.editrules import new_object
from ecodesk.diagram import layout
from ecodesk.model import Annotation, Capability, Entity, EntityKind, Flow, FlowKind, ModelObject
from ecodesk.ui.canvas.clipboard import from_mime, objects_to_copy, to_mime
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.flow_item import FlowItem
from ecodesk.ui.canvas.glyphs import flow_icon
from ecodesk.ui.canvas.note_editing import NoteEditing, selected_notes
from ecodesk.ui.canvas.rename import InlineRenameEditor
from ecodesk.ui.canvas.style import translate

if TYPE_CHECKING:  # the parts' interface to the view: annotations only
    from ecodesk.ui.canvas.host import CanvasHost

#: What a capability chooser returns to create a capability on the fly.
NEW_CAPABILITY = "\x00new"
PASTE_STEP = 30.0
_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)


def default_flow_kind_chooser(parent: QWidget, language: str, source: Entity, target: Entity) -> FlowKind | None:
    """A popup menu of flow kinds at the mouse; None when dismissed."""
    menu = QMenu(parent)
    menu.setTitle(translate("Flow kind"))
    menu.addSection(translate("{source} → {target}").format(source=source.label, target=target.label))
    for kind in FlowKind:
        act = menu.addAction(flow_icon(kind), kind.label(language))
        act.setData(kind.value)
    chosen = menu.exec(QCursor.pos())
    return FlowKind(chosen.data()) if chosen is not None else None


def default_capability_chooser(parent: QWidget, source: Entity, capabilities: list[Capability]) -> str | None:
    """A popup menu of the source's capabilities plus "New capability"; None when dismissed."""
    menu = QMenu(parent)
    if capabilities:
        menu.addSection(translate("Capability of {name}").format(name=source.label))
        for cap in capabilities:
            act = menu.addAction(cap.label)
            act.setData(cap.id)
    else:
        hint = QAction(translate("{name} offers no capability yet").format(name=source.label), menu)
        hint.setEnabled(False)
        menu.addAction(hint)
    menu.addSeparator()
    act = menu.addAction(translate("New capability"))
    act.setData(NEW_CAPABILITY)
    chosen = menu.exec(QCursor.pos())
    return str(chosen.data()) if chosen is not None else None


class CanvasEditor:
    """The editing operations of one canvas view (``view``: its :class:`CanvasHost`)."""

    def __init__(self, view: CanvasHost) -> None:
        self.view = view
        self.rename_editor: InlineRenameEditor | None = None
        self._paste_serial = 0
        self.notes = NoteEditing(view)  # workshop notes: new, in-place text, move, resize, colour

    # helpers -------------------------------------------------------------------------
    def _push(self, cmd: Command) -> bool:
        doc = self.view.document
        if doc is None:
            return False
        ok = doc.push(cmd)
        if ok:
            self.view.canvas_scene.flush_pending()
        return ok

    def _status(self, text: str) -> None:
        self.view.status_message.emit(text)

    def _boxes(self, ids: Iterable[str]) -> dict[str, tuple[float, float, float, float]]:
        out = {}
        for i in ids:
            it = self.view.canvas_scene.entity_items.get(i)
            if it is not None:
                r = it.shape_rect()
                out[i] = (it.x(), it.y(), r.width() / 2, r.height() / 2)
        return out

    def _move(self, positions: Mapping[str, tuple[float, float]], text: str) -> bool:
        s = self.view.scenario
        if s is None:
            return False
        changed = {
            i: (round(x, 1), round(y, 1))
            for i, (x, y) in positions.items()
            if i in s.entities and (s.entities[i].x, s.entities[i].y) != (round(x, 1), round(y, 1))
        }
        if not changed:
            return False
        return self._push(MoveEntities(s, changed, text=text))

    # placing ---------------------------------------------------------------------------
    def place_entity(self, kind: EntityKind | str, pos: QPointF) -> str | None:
        """Add an entity of ``kind`` at scene position ``pos``, named after its kind; returns its id."""
        view, s = self.view, self.view.scenario
        if s is None:
            return None
        kind = EntityKind(kind)
        if view.snap_to_grid:
            pos = view.snap(pos)
        name = unique_name(kind.label(view.language), (e.name for e in s.entities))
        ent = Entity(id=unique_id(s, kind.value), name=name, kind=kind, x=round(pos.x(), 1), y=round(pos.y(), 1))
        if not self._push(AddObject(s, ent)):
            return None
        view.select_ids([ent.id])
        self._status(translate("Placed {name}").format(name=name))
        return ent.id

    def create_flow(self, source: str, target: str, kind: FlowKind | str | None = None) -> str | None:
        """Add a flow from ``source`` to ``target``, asking for the kind (and capability) when
        not given; returns its id, or None if the user cancelled or the model refused."""
        view, s = self.view, self.view.scenario
        if s is None or source == target or source not in s.entities or target not in s.entities:
            return None
        src, dst = s.entities[source], s.entities[target]
        kind = FlowKind(kind) if kind is not None else view.flow_kind_chooser(src, dst)
        if kind is None:
            self._status(translate("No flow created"))
            return None
        cmds: list[Command] = []
        cap_id: str | None = None
        if kind is FlowKind.CAPABILITY:
            caps = [c for c in s.capabilities if c.owner == source]
            choice = view.capability_chooser(src, caps)
            if choice is None:
                self._status(
                    translate("No flow created: {name} offers no capability").format(name=src.label)
                    if not caps
                    else translate("No flow created")
                )
                return None
            if choice == NEW_CAPABILITY:  # the engine's new capability, owned by the source
                new = new_object(s, "capability", [src], lang=view.language)
                assert isinstance(new, Capability)
                cap = new.evolve(name=unique_name(new.name, (c.name for c in s.capabilities)))
                cmds.append(AddObject(s, cap))
                cap_id = cap.id
            else:
                cap_id = choice
        flow = Flow(id=unique_id(s, "f"), source=source, target=target, kind=kind, capability=cap_id)
        cmd: Command = AddObject(s, flow)
        if cmds:
            cmd = Macro(tr_noop("Add {what} '{name}'"), [*cmds, cmd], what="flow", name=flow.id)
        if not self._push(cmd):
            return None
        view.select_ids([flow.id])
        self._status(
            translate("Added {kind} flow {source} → {target}").format(
                kind=kind.label(view.language), source=src.label, target=dst.label
            )
        )
        return flow.id

    def commit_move(self, origins: Mapping[str, QPointF]) -> bool:
        """End of a drag: one ``MoveEntities`` from the items' positions."""
        items = self.view.canvas_scene.entity_items
        pos = {i: (items[i].x(), items[i].y()) for i in origins if i in items}
        n = len(pos)
        return self._move(pos, tr_noop("Move entity") if n == 1 else tr_noop("Move {n} entities"))

    def nudge(self, dx: float, dy: float) -> bool:
        if selected_notes(self.view):  # notes (with the entities) in one step
            return self.notes.nudge(dx, dy)
        ids = self.view.selected_entity_ids()
        items = self.view.canvas_scene.entity_items
        return self._move({i: (items[i].x() + dx, items[i].y() + dy) for i in ids}, tr_noop("Move {n} entities"))

    # removing and the clipboard ------------------------------------------------------
    def delete_selection(self) -> bool:
        """Remove the selected entities and flows (with what depends on them) as one step."""
        s = self.view.scenario
        if s is None:
            return False
        objs: list[ModelObject] = [s.entities[i] for i in self.view.selected_entity_ids() if i in s.entities]
        objs += [s.flows[i] for i in self.view.selected_flow_ids() if i in s.flows]
        objs += [s.annotations[n.note_id] for n in selected_notes(self.view) if n.note_id in s.annotations]
        if not objs:
            return False
        return self._push(remove_objects(s, objs))

    def copy_selection(self) -> int:
        """Put the selected entities (with their flows, capabilities, needs) on the
        clipboard; returns the number of entities copied."""
        s = self.view.scenario
        ids = self.view.selected_entity_ids()
        notes = [n.note_id for n in selected_notes(self.view)]
        if s is None or (not ids and not notes):
            self._status(translate("Nothing to copy: select entities first"))
            return 0
        objs = objects_to_copy(s, [*ids, *notes])
        QGuiApplication.clipboard().setMimeData(to_mime(objs))
        self._paste_serial = 0
        self._status(translate("Copied {n} entities").format(n=len(ids)))
        return len(ids) + len(notes)

    def cut_selection(self) -> bool:
        s = self.view.scenario
        if s is None or not self.copy_selection():
            return False
        objs: list[ModelObject] = [s.entities[i] for i in self.view.selected_entity_ids()]
        objs += [s.annotations[n.note_id] for n in selected_notes(self.view) if n.note_id in s.annotations]
        return self._push(remove_objects(s, objs, text=tr_noop("Cut")))

    def paste(self) -> list[str]:
        """Paste the clipboard's objects (renewed ids, a cascading offset); selects and
        returns the pasted entities' ids."""
        objs = from_mime(QGuiApplication.clipboard().mimeData())
        if not objs:
            self._status(translate("The clipboard holds no ecodesk objects"))
            return []
        self._paste_serial += 1
        return self._paste(objs, PASTE_STEP * self._paste_serial)

    def duplicate_selection(self) -> list[str]:
        s = self.view.scenario
        ids = [*self.view.selected_entity_ids(), *(n.note_id for n in selected_notes(self.view))]
        if s is None or not ids:
            return []
        return self._paste(objects_to_copy(s, ids), PASTE_STEP, tr_noop("Duplicate {n} entities"))

    def _paste(self, objs: list[ModelObject], offset: float, text: str = "") -> list[str]:
        s = self.view.scenario
        if s is None:
            return []
        macro, mapping = paste_objects(s, objs, (offset, offset), text=text)
        if not self._push(macro):
            return []
        new = [mapping[o.id] for o in objs if isinstance(o, Entity)]
        new += [mapping[o.id] for o in objs if isinstance(o, Annotation)]  # notes too
        self.view.select_ids(new)
        self._status(translate("Pasted {n} entities").format(n=len(new)))
        return new

    # rename ----------------------------------------------------------------------------
    def rename_selected(self) -> bool:
        ids = self.view.selected_entity_ids()
        if not ids and self.notes.edit_selected():
            return True
        if len(ids) != 1:
            self._status(translate("Select one entity to rename"))
            return False
        return self.start_rename(ids[0])

    def start_rename(self, entity_id: str) -> bool:
        view = self.view
        item = view.canvas_scene.entity_items.get(entity_id)
        if item is None:
            return False
        self.finish_rename(commit=True)
        view.ensureVisible(item, 40, 40)
        editor = InlineRenameEditor(entity_id, item.entity.name, view.viewport())
        editor.place(view.mapFromScene(item.mapToScene(item.label_rect())).boundingRect())
        editor.finished.connect(lambda text, commit: self._on_rename_finished(entity_id, text, commit))
        self.rename_editor = editor
        item.set_editing(True)
        editor.show()
        editor.setFocus()
        return True

    def finish_rename(self, commit: bool = True) -> None:
        if self.rename_editor is not None:
            self.rename_editor.finish(commit)

    def _on_rename_finished(self, entity_id: str, text: str, commit: bool) -> None:
        editor, self.rename_editor = self.rename_editor, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
        view = self.view
        item = view.canvas_scene.entity_items.get(entity_id)
        if item is not None:
            item.set_editing(False)
        view.setFocus()
        s = view.scenario
        text = text.strip()
        if not commit or s is None or entity_id not in s.entities or not text:
            return
        ent = s.entities[entity_id]
        if text != ent.name:
            self._push(ChangeObject(s, ent.evolve(name=text), text=tr_noop("Rename {what} '{name}'")))

    # arranging -------------------------------------------------------------------------
    def align(self, edge: str) -> bool:
        """Align the selected entities: 'left', 'right', 'top', 'bottom', 'hcenter', 'vcenter'."""
        boxes = self._boxes(self.view.selected_entity_ids())
        if len(boxes) < 2:
            self._status(translate("Select two or more entities to align"))
            return False
        return self._move(layout.align_positions(boxes, edge), tr_noop("Align {n} entities"))

    def distribute(self, axis: str) -> bool:
        """Equal gaps between the selected entities: 'horizontal' or 'vertical'."""
        boxes = self._boxes(self.view.selected_entity_ids())
        if len(boxes) < 3:
            self._status(translate("Select three or more entities to distribute"))
            return False
        return self._move(layout.distribute_positions(boxes, axis), tr_noop("Distribute {n} entities"))

    def auto_layout(self, kind: str = "layered") -> bool:
        """Lay every entity out ('layered' or 'force') as one undo step, then fit."""
        view, s = self.view, self.view.scenario
        if s is None or not len(s.entities):
            return False
        nodes = [layout.Node(e.id, e.kind.value) for e in s.entities]
        edges = [layout.Edge(f.source, f.target, f.kind.value) for f in s.flows]
        if kind == "layered":
            supply = [k.value for k in view.document.project.settings.supply_kinds] if view.document else None
            pos = layout.layered_layout(nodes, edges, supply_kinds=supply or layout.DEFAULT_SUPPLY)
            text = tr_noop("Layered layout of {n} entities")
        elif kind == "force":
            pos = layout.force_layout(nodes, edges, seed=0)
            text = tr_noop("Force layout of {n} entities")
        else:
            raise ValueError(f"unknown layout {kind!r}")
        # keep the drawing where it was: centre the new layout on the old centre
        cx = sum(e.x for e in s.entities) / len(s.entities)
        cy = sum(e.y for e in s.entities) / len(s.entities)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        dx, dy = cx - (min(xs) + max(xs)) / 2, cy - (min(ys) + max(ys)) / 2
        if view.snap_to_grid:
            g = view.grid
            dx, dy = round(dx / g) * g, round(dy / g) * g
        ok = self._move({i: (x + dx, y + dy) for i, (x, y) in pos.items()}, text)
        if ok:
            view.fit_all()
        return ok

    # find ------------------------------------------------------------------------------
    def find(self, text: str) -> list[str]:
        """Entities whose name or id contains ``text`` (case-insensitive), or flows whose id
        does; selects them and centres the view on them."""
        s = self.view.scenario
        needle = text.strip().casefold()
        if s is None or not needle:
            return []
        hits = [e.id for e in s.entities if needle in e.name.casefold() or needle in e.id.casefold()]
        if not hits:
            hits = [f.id for f in s.flows if needle in f.id.casefold()]
        if not hits:
            self._status(translate("Nothing matches '{text}'").format(text=text))
            return []
        self.view.select_ids(hits)
        self.view.center_on_ids(hits)
        self._status(translate("Found {n}").format(n=len(hits)))
        return hits

    # keys and the context menu -----------------------------------------------------------
    def key_press(self, event: QKeyEvent, busy: bool) -> bool:
        """The editing shortcuts (Delete, F2, arrows, Ctrl+A/C/X/V/D); True if handled.
        ``busy``: a tool is mid-gesture (no deleting or nudging then)."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not busy:
            self.delete_selection()
        elif key == Qt.Key.Key_F2:
            self.rename_selected()
        elif key in _ARROWS and not busy:
            step = self.view.grid if self.view.snap_to_grid else 1.0
            step *= 10 if mods & Qt.KeyboardModifier.ShiftModifier else 1
            dx = {Qt.Key.Key_Left: -step, Qt.Key.Key_Right: step}.get(key, 0.0)
            dy = {Qt.Key.Key_Up: -step, Qt.Key.Key_Down: step}.get(key, 0.0)
            self.nudge(dx, dy)
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.view.select_all()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif key == Qt.Key.Key_D and mods == Qt.KeyboardModifier.ControlModifier:
            self.duplicate_selection()
        else:
            return False
        return True

    def build_context_menu(self, item: EntityItem | FlowItem | None, parent: QWidget) -> QMenu:
        """The context menu for ``item`` (None: the empty canvas), with the hooks' entries."""
        menu = QMenu(parent)
        view = self.view
        n_entities = len(view.selected_entity_ids())
        if not isinstance(item, EntityItem) and self.notes.note_under_cursor() is not None:
            self.notes.add_menu_entries(menu)  # a note (over a flow, maybe): the notes' menu
            menu.addAction(translate("Duplicate"), self.duplicate_selection)
            menu.addAction(translate("Copy"), self.copy_selection)
            menu.addAction(translate("Delete"), self.delete_selection)
            return menu
        if isinstance(item, (EntityItem, FlowItem)):
            if isinstance(item, EntityItem):
                menu.addAction(translate("Rename"), self.rename_selected).setEnabled(n_entities == 1)
            menu.addAction(translate("Duplicate"), self.duplicate_selection).setEnabled(n_entities > 0)
            menu.addAction(translate("Cut"), self.cut_selection).setEnabled(n_entities > 0)
            menu.addAction(translate("Copy"), self.copy_selection).setEnabled(n_entities > 0)
            menu.addAction(translate("Delete"), self.delete_selection)
            if n_entities >= 2:
                sub = menu.addMenu(translate("Align"))
                for edge, label in (
                    ("left", translate("Left")),
                    ("hcenter", translate("Centre")),
                    ("right", translate("Right")),
                    ("top", translate("Top")),
                    ("vcenter", translate("Middle")),
                    ("bottom", translate("Bottom")),
                ):
                    sub.addAction(label, lambda e=edge: self.align(e))
                sub = menu.addMenu(translate("Distribute"))
                sub.addAction(translate("Horizontally"), lambda: self.distribute("horizontal"))
                sub.addAction(translate("Vertically"), lambda: self.distribute("vertical"))
        else:
            menu.addAction(translate("Paste"), self.paste)
            menu.addAction(translate("Select all"), view.select_all)
            menu.addSeparator()
            menu.addAction(translate("Layered layout"), lambda: self.auto_layout("layered"))
            menu.addAction(translate("Force layout"), lambda: self.auto_layout("force"))
            menu.addAction(translate("Fit all"), view.fit_all)
        for hook in list(view.context_menu_hooks):
            hook(menu, item)
        return menu
