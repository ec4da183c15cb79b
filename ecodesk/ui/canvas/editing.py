"""UI layer (canvas): the editing operations of the canvas view — each turns a gesture or
an action into ONE command pushed through the document (so one undo step), and never
assigns to the model itself. Mixed into :class:`CanvasView`, kept apart for size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction, QCursor, QGuiApplication
from PySide6.QtWidgets import QMenu

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
from ecodesk.model import Capability, Entity, EntityKind, Flow, FlowKind, ModelObject
from ecodesk.diagram import layout
from ecodesk.ui.canvas import clipboard
from ecodesk.ui.canvas.entity_item import EntityItem
from ecodesk.ui.canvas.flow_item import FlowItem
from ecodesk.ui.canvas.glyphs import flow_icon
from ecodesk.ui.canvas.rename import InlineRenameEditor
from ecodesk.ui.canvas.style import translate

if TYPE_CHECKING:
    from ecodesk.ui.canvas.view import CanvasView

#: What a capability chooser returns to create a capability on the fly.
NEW_CAPABILITY = "\x00new"
PASTE_STEP = 30.0


def default_flow_kind_chooser(view: CanvasView, source: Entity, target: Entity) -> FlowKind | None:
    """A popup menu of flow kinds at the mouse; None when dismissed."""
    menu = QMenu(view)
    menu.setTitle(translate("Flow kind"))
    menu.addSection(translate("{source} → {target}").format(source=source.label, target=target.label))
    for kind in FlowKind:
        act = menu.addAction(flow_icon(kind), kind.label(view.language))
        act.setData(kind.value)
    chosen = menu.exec(QCursor.pos())
    return FlowKind(chosen.data()) if chosen is not None else None


def default_capability_chooser(view: CanvasView, source: Entity, capabilities: list[Capability]) -> str | None:
    """A popup menu of the source's capabilities plus "New capability"; None when dismissed."""
    menu = QMenu(view)
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


class CanvasEditingMixin:
    """Editing operations of :class:`CanvasView` (``self`` is the view)."""

    #: (source, target) -> FlowKind or None; replace it to pick without a popup (tests).
    flow_kind_chooser: Callable[[Entity, Entity], FlowKind | None]
    #: (source, its capabilities) -> capability id, NEW_CAPABILITY, or None.
    capability_chooser: Callable[[Entity, list[Capability]], str | None]

    # helpers -------------------------------------------------------------------------
    def _push(self: CanvasView, cmd: Command) -> bool:  # type: ignore[misc]
        if self.document is None:
            return False
        ok = self.document.push(cmd)
        if ok:
            self.canvas_scene.flush_pending()
        return ok

    def _boxes(self: CanvasView, ids: Iterable[str]) -> dict[str, tuple[float, float, float, float]]:  # type: ignore[misc]
        out = {}
        for i in ids:
            it = self.canvas_scene.entity_items.get(i)
            if it is not None:
                r = it.shape_rect()
                out[i] = (it.x(), it.y(), r.width() / 2, r.height() / 2)
        return out

    def _move(self: CanvasView, positions: Mapping[str, tuple[float, float]], text: str) -> bool:  # type: ignore[misc]
        s = self.scenario
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
    def place_entity(self: CanvasView, kind: EntityKind | str, pos: QPointF) -> str | None:  # type: ignore[misc]
        """Add an entity of ``kind`` at scene position ``pos``; returns its id."""
        s = self.scenario
        if s is None:
            return None
        kind = EntityKind(kind)
        if self.snap_to_grid:
            pos = self.snap(pos)
        name = unique_name(kind.label(self.language), (e.name for e in s.entities))
        ent = Entity(id=unique_id(s, kind.value), name=name, kind=kind, x=round(pos.x(), 1), y=round(pos.y(), 1))
        if not self._push(AddObject(s, ent)):
            return None
        self.select_ids([ent.id])
        self.status_message.emit(translate("Placed {name}").format(name=name))
        return ent.id

    def create_flow(self: CanvasView, source: str, target: str, kind: FlowKind | str | None = None) -> str | None:  # type: ignore[misc]
        """Add a flow from ``source`` to ``target``, asking for the kind (and capability) when
        not given; returns its id, or None if the user cancelled or the model refused."""
        s = self.scenario
        if s is None or source == target or source not in s.entities or target not in s.entities:
            return None
        src, dst = s.entities[source], s.entities[target]
        kind = FlowKind(kind) if kind is not None else self.flow_kind_chooser(src, dst)
        if kind is None:
            self.status_message.emit(translate("No flow created"))
            return None
        cmds: list[Command] = []
        cap_id: str | None = None
        if kind is FlowKind.CAPABILITY:
            caps = [c for c in s.capabilities if c.owner == source]
            choice = self.capability_chooser(src, caps)
            if choice is None:
                self.status_message.emit(
                    translate("No flow created: {name} offers no capability").format(name=src.label)
                    if not caps
                    else translate("No flow created")
                )
                return None
            if choice == NEW_CAPABILITY:
                name = unique_name(translate("New capability"), (c.name for c in s.capabilities))
                cap = Capability(id=unique_id(s, "cap"), name=name, category=name, owner=source)
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
        self.select_ids([flow.id])
        self.status_message.emit(
            translate("Added {kind} flow {source} → {target}").format(
                kind=kind.label(self.language), source=src.label, target=dst.label
            )
        )
        return flow.id

    def commit_move(self: CanvasView, origins: Mapping[str, QPointF]) -> bool:  # type: ignore[misc]
        """End of a drag: one ``MoveEntities`` from the items' positions."""
        items = self.canvas_scene.entity_items
        pos = {i: (items[i].x(), items[i].y()) for i in origins if i in items}
        n = len(pos)
        return self._move(pos, tr_noop("Move entity") if n == 1 else tr_noop("Move {n} entities"))

    def nudge(self: CanvasView, dx: float, dy: float) -> bool:  # type: ignore[misc]
        ids = self.selected_entity_ids()
        items = self.canvas_scene.entity_items
        return self._move({i: (items[i].x() + dx, items[i].y() + dy) for i in ids}, tr_noop("Move {n} entities"))

    # removing and the clipboard ------------------------------------------------------
    def delete_selection(self: CanvasView) -> bool:  # type: ignore[misc]
        """Remove the selected entities and flows (with what depends on them) as one step."""
        s = self.scenario
        if s is None:
            return False
        objs: list[ModelObject] = [s.entities[i] for i in self.selected_entity_ids() if i in s.entities]
        objs += [s.flows[i] for i in self.selected_flow_ids() if i in s.flows]
        if not objs:
            return False
        return self._push(remove_objects(s, objs))

    def copy_selection(self: CanvasView) -> int:  # type: ignore[misc]
        """Put the selected entities (with their flows, capabilities, needs) on the
        clipboard; returns the number of entities copied."""
        s = self.scenario
        ids = self.selected_entity_ids()
        if s is None or not ids:
            self.status_message.emit(translate("Nothing to copy: select entities first"))
            return 0
        objs = clipboard.objects_to_copy(s, ids)
        QGuiApplication.clipboard().setMimeData(clipboard.to_mime(objs))
        self._paste_serial = 0
        self.status_message.emit(translate("Copied {n} entities").format(n=len(ids)))
        return len(ids)

    def cut_selection(self: CanvasView) -> bool:  # type: ignore[misc]
        s = self.scenario
        if s is None or not self.copy_selection():
            return False
        objs = [s.entities[i] for i in self.selected_entity_ids()]
        return self._push(remove_objects(s, objs, text=tr_noop("Cut")))

    def paste(self: CanvasView) -> list[str]:  # type: ignore[misc]
        """Paste the clipboard's objects (renewed ids, a cascading offset); selects and
        returns the pasted entities' ids."""
        objs = clipboard.from_mime(QGuiApplication.clipboard().mimeData())
        if not objs:
            self.status_message.emit(translate("The clipboard holds no ecodesk objects"))
            return []
        self._paste_serial = getattr(self, "_paste_serial", 0) + 1
        return self._paste(objs, PASTE_STEP * self._paste_serial)

    def duplicate_selection(self: CanvasView) -> list[str]:  # type: ignore[misc]
        s = self.scenario
        ids = self.selected_entity_ids()
        if s is None or not ids:
            return []
        return self._paste(clipboard.objects_to_copy(s, ids), PASTE_STEP, tr_noop("Duplicate {n} entities"))

    def _paste(self: CanvasView, objs: list[ModelObject], offset: float, text: str = "") -> list[str]:  # type: ignore[misc]
        s = self.scenario
        if s is None:
            return []
        macro, mapping = paste_objects(s, objs, (offset, offset), text=text)
        if not self._push(macro):
            return []
        new = [mapping[o.id] for o in objs if isinstance(o, Entity)]  # type: ignore[attr-defined]
        self.select_ids(new)
        self.status_message.emit(translate("Pasted {n} entities").format(n=len(new)))
        return new

    # rename ----------------------------------------------------------------------------
    def rename_selected(self: CanvasView) -> bool:  # type: ignore[misc]
        ids = self.selected_entity_ids()
        if len(ids) != 1:
            self.status_message.emit(translate("Select one entity to rename"))
            return False
        return self.start_rename(ids[0])

    def start_rename(self: CanvasView, entity_id: str) -> bool:  # type: ignore[misc]
        item = self.canvas_scene.entity_items.get(entity_id)
        if item is None:
            return False
        self.finish_rename(commit=True)
        self.ensureVisible(item, 40, 40)
        editor = InlineRenameEditor(entity_id, item.entity.name, self.viewport())
        rect = self.mapFromScene(item.mapToScene(item.label_rect())).boundingRect()
        editor.place(rect)
        editor.finished.connect(lambda text, commit: self._on_rename_finished(entity_id, text, commit))
        self.rename_editor = editor
        item.set_editing(True)
        editor.show()
        editor.setFocus()
        return True

    def finish_rename(self: CanvasView, commit: bool = True) -> None:  # type: ignore[misc]
        if self.rename_editor is not None:
            self.rename_editor.finish(commit)

    def _on_rename_finished(self: CanvasView, entity_id: str, text: str, commit: bool) -> None:  # type: ignore[misc]
        editor, self.rename_editor = self.rename_editor, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
        item = self.canvas_scene.entity_items.get(entity_id)
        if item is not None:
            item.set_editing(False)
        self.setFocus()
        s = self.scenario
        text = text.strip()
        if not commit or s is None or entity_id not in s.entities or not text:
            return
        ent = s.entities[entity_id]
        if text != ent.name:
            self._push(ChangeObject(s, ent.evolve(name=text), text=tr_noop("Rename {what} '{name}'")))

    # arranging -------------------------------------------------------------------------
    def align(self: CanvasView, edge: str) -> bool:  # type: ignore[misc]
        """Align the selected entities: 'left', 'right', 'top', 'bottom', 'hcenter', 'vcenter'."""
        boxes = self._boxes(self.selected_entity_ids())
        if len(boxes) < 2:
            self.status_message.emit(translate("Select two or more entities to align"))
            return False
        return self._move(layout.align_positions(boxes, edge), tr_noop("Align {n} entities"))

    def distribute(self: CanvasView, axis: str) -> bool:  # type: ignore[misc]
        """Equal gaps between the selected entities: 'horizontal' or 'vertical'."""
        boxes = self._boxes(self.selected_entity_ids())
        if len(boxes) < 3:
            self.status_message.emit(translate("Select three or more entities to distribute"))
            return False
        return self._move(layout.distribute_positions(boxes, axis), tr_noop("Distribute {n} entities"))

    def auto_layout(self: CanvasView, kind: str = "layered") -> bool:  # type: ignore[misc]
        """Lay every entity out ('layered' or 'force') as one undo step, then fit."""
        s = self.scenario
        if s is None or not len(s.entities):
            return False
        nodes = [layout.Node(e.id, e.kind.value) for e in s.entities]
        edges = [layout.Edge(f.source, f.target, f.kind.value) for f in s.flows]
        if kind == "layered":
            supply = [k.value for k in self.document.project.settings.supply_kinds] if self.document else None
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
        if self.snap_to_grid:
            g = self.grid
            dx, dy = round(dx / g) * g, round(dy / g) * g
        ok = self._move({i: (x + dx, y + dy) for i, (x, y) in pos.items()}, text)
        if ok:
            self.fit_all()
        return ok

    # find ------------------------------------------------------------------------------
    def find(self: CanvasView, text: str) -> list[str]:  # type: ignore[misc]
        """Entities whose name or id contains ``text`` (case-insensitive), or flows whose id
        does; selects them and centres the view on them."""
        s = self.scenario
        needle = text.strip().casefold()
        if s is None or not needle:
            return []
        hits = [e.id for e in s.entities if needle in e.name.casefold() or needle in e.id.casefold()]
        if not hits:
            hits = [f.id for f in s.flows if needle in f.id.casefold()]
        if not hits:
            self.status_message.emit(translate("Nothing matches '{text}'").format(text=text))
            return []
        self.select_ids(hits)
        self.center_on_ids(hits)
        self.status_message.emit(translate("Found {n}").format(n=len(hits)))
        return hits

    # context menu ------------------------------------------------------------------------
    def build_context_menu(self: CanvasView, item: Any) -> QMenu:  # type: ignore[misc]
        menu = QMenu(self)
        has_entities = bool(self.selected_entity_ids())
        if isinstance(item, (EntityItem, FlowItem)):
            if isinstance(item, EntityItem):
                menu.addAction(translate("Rename"), self.rename_selected).setEnabled(
                    len(self.selected_entity_ids()) == 1
                )
            menu.addAction(translate("Duplicate"), self.duplicate_selection).setEnabled(has_entities)
            menu.addAction(translate("Cut"), self.cut_selection).setEnabled(has_entities)
            menu.addAction(translate("Copy"), self.copy_selection).setEnabled(has_entities)
            menu.addAction(translate("Delete"), self.delete_selection)
            if len(self.selected_entity_ids()) >= 2:
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
            menu.addAction(translate("Select all"), self.select_all)
            menu.addSeparator()
            menu.addAction(translate("Layered layout"), lambda: self.auto_layout("layered"))
            menu.addAction(translate("Force layout"), lambda: self.auto_layout("force"))
            menu.addAction(translate("Fit all"), self.fit_all)
        for hook in list(getattr(self, "context_menu_hooks", ())):
            hook(menu, item)
        return menu
