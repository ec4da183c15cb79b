"""UI layer (canvas): the changes between two scenarios drawn over the canvas — File → Compare
with File…, Scenario → Show Changes from Scenario…, and after File → Merge Projects….

The canvas shows the "after" side (the open project's shown scenario); "before" is the other
side (the same-named scenario of a file, another scenario of this project, or the scenario as
it was before a merge). :func:`canvas_changes` takes the differences from
:func:`ecodesk.io.diff.diff_scenarios`'s rules (so the counts are the engine's) and places them:
entities and flows added are outlined green, changed ones amber with a tooltip of
"field: before → after", removed ones drawn as grey dashed ghosts where they were on the other
side; notes likewise; capabilities and needs mark their entity (its tooltip says what changed);
ecosystems and pools are counted and listed in the bar's tooltip.

The drawing follows :mod:`ecodesk.ui.canvas.design_overlay` (the optimiser's difference): a
layer item in the scene outside the model-following items (:class:`~ecodesk.ui.canvas.
design_overlay._LayerItem`), flows taken from the flow layer's routes, marks at the entity
items. :class:`DiffOverlay` keeps it current (it is worked out again shortly after each edit),
shows the bar "Changes from X: 3 added · 1 removed · 5 changed [Next] [Clear]" at the top of
the canvas, and goes on Clear, Esc, a switch of scenario or another project.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from ecodesk.io.diff import object_dict
from ecodesk.model import Bindings, EntityKind, Scenario
from ecodesk.model.objects import COLLECTIONS
from ecodesk.ui.canvas.design_overlay import ALONE, NEW, _LayerItem, _OverlayItem, fit_view_to, short_name
from ecodesk.ui.canvas.focus import place_top_centre
from ecodesk.ui.canvas.glyphs import entity_shape_path
from ecodesk.ui.canvas.style import canvas_font
from ecodesk.ui.plaintext import plain

if TYPE_CHECKING:
    from ecodesk.ui.canvas.scene import CanvasScene
    from ecodesk.ui.canvas.view import CanvasView

#: Colours of the three kinds of change (the optimiser's green and amber; a neutral grey).
ADDED, CHANGED, REMOVED = NEW, ALONE, "#8A8F98"
KINDS = ("added", "removed", "changed")
#: What each mark is (``item.data(KIND)``: "added"/"removed"/"changed") and about (``data(ID)``).
KIND, ID = 0, 1
#: Tables drawn on the canvas themselves; capabilities and needs mark their entity.
DRAWN = ("entities", "flows", "annotations")


@dataclass
class CanvasChanges:
    """The differences from ``before`` to ``after`` as the canvas shows them."""

    #: table → kind ("added"/"removed"/"changed") → ids (the engine's lists).
    ids: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    #: (table, id) → [(field, before, after)] of each changed object.
    fields: dict[tuple[str, str], list[tuple[str, Any, Any]]] = field(default_factory=dict)
    #: entity id → [(table, id, kind)] of the capabilities and needs changed at it.
    related: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)

    def count(self, kind: str) -> int:
        return sum(len(k.get(kind, ())) for k in self.ids.values())

    def counts(self) -> dict[str, int]:
        return {k: self.count(k) for k in KINDS}

    def of(self, table: str, kind: str) -> list[str]:
        return self.ids.get(table, {}).get(kind, [])


def canvas_changes(before: Scenario, after: Scenario) -> CanvasChanges:
    """What changed from ``before`` to ``after`` (no Qt: numbers and ids only) — what
    :func:`ecodesk.io.diff.diff_scenarios` lists, worked out on the objects that differ only
    (objects are immutable: most are the same object on both sides, or equal), so a model of
    50,000 flows is compared in a fraction of a second after each edit."""
    out = CanvasChanges()
    for table in COLLECTIONS:
        old = {o.id: o for o in before.collections()[table]}
        new = {o.id: o for o in after.collections()[table]}
        a = {k: object_dict(table, o) for k, o in old.items() if k not in new or (new[k] is not o and new[k] != o)}
        b = {k: object_dict(table, o) for k, o in new.items() if k not in old or (old[k] is not o and old[k] != o)}
        ids: dict[str, list[str]] = {"added": [k for k in b if k not in a and k not in old],
                                     "removed": [k for k in a if k not in b and k not in new], "changed": []}
        for k, d in a.items():
            e = b.get(k)
            if e is None or e == d:
                continue
            ids["changed"].append(k)
            out.fields[(table, k)] = [(f, d.get(f), e.get(f)) for f in [*d, *(f for f in e if f not in d)]
                                      if d.get(f) != e.get(f)]
        if any(ids.values()):
            out.ids[table] = ids
    for table, attr in (("capabilities", "owner"), ("needs", "entity")):
        for kind in KINDS:
            for oid in out.of(table, kind):
                obj = (before if kind == "removed" else after).collections()[table].get(oid)
                if obj is not None:
                    out.related.setdefault(getattr(obj, attr), []).append((table, oid, kind))
    return out


def _ring(rect: QRectF, pad: float) -> QPainterPath:
    path = QPainterPath()
    r = rect.adjusted(-pad, -pad, pad, pad)
    path.addRoundedRect(r, 10, 10)
    return path


class DiffOverlayItem(_OverlayItem):
    """The marks of one :class:`CanvasChanges` in the canvas scene (see the module docstring).
    :attr:`marks` lists (kind, table, id, item) in the order Next visits them."""

    def __init__(self, scene: CanvasScene, before: Scenario, after: Scenario, changes: CanvasChanges,
                 tips: dict[str, str]) -> None:
        super().__init__()  # rings in the tags layer above the entities, ghosts and flows below
        self.changes = changes
        self.tips = tips
        self.marks: list[tuple[str, str, str, QGraphicsPathItem]] = []
        self._before, self._after = before, after
        self._build(scene)
        scene.addItem(self)
        scene.addItem(self.tags)

    # reading (tests, Next) ----------------------------------------------------------------------
    def marked(self, kind: str, table: str = "") -> list[str]:
        return [m[2] for m in self.marks if m[0] == kind and (not table or m[1] == table)]

    def mark_item(self, table: str, obj_id: str) -> QGraphicsPathItem | None:
        for _kind, t, i, item in self.marks:
            if (t, i) == (table, obj_id):
                return item
        return None

    # building -----------------------------------------------------------------------------------
    def _build(self, scene: CanvasScene) -> None:
        ch = self.changes
        if any(scene.is_pending(f) for f in ch.of("flows", "added") + ch.of("flows", "changed")):
            scene.flush_pending()
        for kind in ("added", "changed"):
            for eid in ch.of("entities", kind):
                self._entity_ring(scene, eid, kind)
        for eid in ch.related:
            if eid not in ch.of("entities", "added") and eid not in ch.of("entities", "changed"):
                self._entity_ring(scene, eid, "changed")
        for eid in ch.of("entities", "removed"):
            self._ghost(eid)
        for kind in ("added", "changed"):
            for fid in ch.of("flows", kind):
                self._flow(scene, fid, kind)
        for fid in ch.of("flows", "removed"):
            self._ghost_flow(fid)
        for kind in KINDS:
            for nid in ch.of("annotations", kind):
                self._note(nid, kind)

    def _pen(self, kind: str, width: float) -> QPen:
        pen = QPen(QColor({"added": ADDED, "changed": CHANGED, "removed": REMOVED}[kind]), width)
        if kind == "removed":
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        return pen

    def _mark(self, parent: _LayerItem, path: QPainterPath, kind: str, table: str, obj_id: str, tip: str,
              pen: QPen, brush: QBrush | None = None) -> QGraphicsPathItem:
        item = QGraphicsPathItem(path, parent)
        item.setPen(pen)
        if brush is not None:
            item.setBrush(brush)
        item.setData(KIND, kind)
        item.setData(ID, obj_id)
        item.setToolTip(plain(tip))
        self.marks.append((kind, table, obj_id, item))
        return item

    def _entity_ring(self, scene: CanvasScene, eid: str, kind: str) -> None:
        item = scene.entity_items.get(eid)
        if item is None:
            return
        path = _ring(item.shape_rect(), 7.0).translated(item.pos())
        self._mark(self.tags, path, kind, "entities", eid, self._tip("entities", eid, kind), self._pen(kind, 3.5))

    def _ghost(self, eid: str) -> None:
        e = self._before.entities.get(eid)
        if e is None:
            return
        kind = e.kind if isinstance(e.kind, EntityKind) else EntityKind(e.kind)
        size = float(getattr(e, "size", 1.0) or 1.0)
        shape = QTransform().translate(e.x, e.y).scale(size, size).map(entity_shape_path(kind))
        fill = QColor(REMOVED)
        fill.setAlpha(55)
        ghost = self._mark(self, shape, "removed", "entities", eid, self._tip("entities", eid, "removed"),
                           self._pen("removed", 2.0), QBrush(fill))
        label = QGraphicsSimpleTextItem(short_name(e.name or e.id, 18), ghost)
        label.setFont(canvas_font(10.0))
        label.setBrush(QBrush(QColor(REMOVED)))
        r = label.boundingRect()
        label.setPos(e.x - r.width() / 2, shape.boundingRect().bottom() + 4)

    def _flow(self, scene: CanvasScene, fid: str, kind: str) -> None:
        route = scene.flow_layer.route(fid) if fid in scene.flows else None
        if route is None:
            return
        ends, curved, _head, _width = route
        (x0, y0), (cx, cy), (ex, ey), _apex = ends.tolist()
        path = QPainterPath(QPointF(x0, y0))
        if curved:
            path.quadTo(QPointF(cx, cy), QPointF(ex, ey))
        else:
            path.lineTo(QPointF(ex, ey))
        pen = self._pen(kind, 7.0)
        colour = pen.color()
        colour.setAlpha(150)
        pen.setColor(colour)
        self._mark(self, path, kind, "flows", fid, self._tip("flows", fid, kind), pen)

    def _ghost_flow(self, fid: str) -> None:
        f = self._before.flows.get(fid)
        if f is None:
            return
        ends = []
        for eid in (f.source, f.target):
            e = self._before.entities.get(eid)
            if e is None:
                return
            ends.append(QPointF(e.x, e.y))
        a, b = ends
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length = math.hypot(dx, dy)
        if length < 70:
            return
        ux, uy = dx / length, dy / length
        start, end = a + QPointF(ux, uy) * 32, b - QPointF(ux, uy) * 34
        path = QPainterPath(start)
        path.lineTo(end)
        for side in (1, -1):  # an open arrow head
            path.moveTo(end)
            path.lineTo(end - QPointF(ux, uy) * 11 + QPointF(-uy, ux) * 5.5 * side)
        self._mark(self, path, "removed", "flows", fid, self._tip("flows", fid, "removed"), self._pen("removed", 2.2))

    def _note(self, nid: str, kind: str) -> None:
        n = (self._before if kind == "removed" else self._after).annotations.get(nid)
        if n is None:
            return
        path = _ring(QRectF(n.x, n.y, n.width, n.height), 5.0)
        self._mark(self.tags if kind != "removed" else self, path, kind, "annotations", nid,
                   self._tip("annotations", nid, kind), self._pen(kind, 3.0))

    # tooltips -----------------------------------------------------------------------------------
    def _name(self, table: str, oid: str, kind: str) -> str:
        side = self._before if kind == "removed" else self._after
        obj = side.collections()[table].get(oid)
        name = str(getattr(obj, "name", "") or "").strip() if obj is not None else ""
        return f"{name} [{oid}]" if name else oid

    def _tip(self, table: str, oid: str, kind: str) -> str:
        from ecodesk.ui.dialogs.merge_apply import value_text
        from ecodesk.ui.i18n import field_label

        t = self.tips
        own = oid in self.changes.of(table, kind)
        lines = [t[kind if own else "related"].format(self._name(table, oid, kind))]
        lines += [t["field"].format(field_label(f), value_text(a, 40), value_text(b, 40))
                  for f, a, b in self.changes.fields.get((table, oid), [])]
        if table == "entities":
            for rt, rid, rkind in self.changes.related.get(oid, []):
                lines.append(t[f"{rt}_{rkind}"].format(self._name(rt, rid, rkind)))
                lines += ["  " + t["field"].format(field_label(f), value_text(a, 40), value_text(b, 40))
                          for f, a, b in self.changes.fields.get((rt, rid), [])]
        return "\n".join(lines)


class DiffBar(QFrame):
    """The bar over the canvas while changes are shown (a child of the view)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("diff_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 3, 6, 3)
        lay.setSpacing(6)
        self.text = QLabel(self)
        self.text.setObjectName("diff_bar_text")
        self.next_button = QToolButton(self)
        self.next_button.setObjectName("diff_next")
        self.next_button.setAutoRaise(True)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("diff_clear")
        self.clear_button.setAutoRaise(True)
        for w in (self.text, self.next_button, self.clear_button):
            lay.addWidget(w)
        self.source = ""
        self.counts = {k: 0 for k in KINDS}
        self.hide()

    def set_state(self, source: str, counts: dict[str, int], others: str) -> None:
        self.source, self.counts = source, dict(counts)
        self.text.setToolTip(plain(others))
        self.retranslate()

    def retranslate(self) -> None:
        c = self.counts
        html = self.tr("Changes from {0}: {1} added · {2} removed · {3} changed").format(
            self.source, f"<b style='color:{ADDED}'>{c['added']}</b>", f"<b style='color:{REMOVED}'>{c['removed']}</b>",
            f"<b style='color:{CHANGED}'>{c['changed']}</b>")
        self.text.setText(html)
        self.next_button.setText(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Zoom to the next change"))
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Stop showing the changes (Esc)"))
        self.next_button.setEnabled(any(c.values()))
        self.place()

    def plain_text(self) -> str:
        from PySide6.QtGui import QTextDocument

        d = QTextDocument()
        d.setHtml(self.text.text())
        return d.toPlainText()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def place(self) -> None:
        """Top centre of the viewport, below the focus bar when that is shown."""
        parent = self.parentWidget()
        place_top_centre(self, parent.findChild(QFrame, "focus_bar") if parent is not None else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.place()
        return False


class DiffOverlay(QObject):
    """The changes from ``before`` shown on ``view`` and kept current (see the module docstring)."""

    def __init__(self, view: CanvasView, before: Scenario, source: str) -> None:
        super().__init__(view)
        self.setObjectName("diff_overlay")
        self.view = view
        self.before = before
        self.source = source
        self.scenario = view.scenario
        self.item: DiffOverlayItem | None = None
        self.changes = CanvasChanges()
        self.index = -1
        self.bar = view.findChild(DiffBar, "diff_bar") or DiffBar(view)
        self.bar.next_button.clicked.connect(self.next)
        self.bar.clear_button.clicked.connect(self.clear)
        view.installEventFilter(self.bar)
        view.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self._bindings = Bindings()  # the shown scenario's (model) and the document's (Qt) signals
        if self.scenario is not None:
            self._bindings.connect(self.scenario.changed, self._on_scenario_changed)
        doc = view.document
        if doc is not None:
            self._bindings.connect(doc.scenario_switched, self._on_document_scenario_switched)
            self._bindings.connect(doc.destroyed, self._on_document_scenario_switched)
        self.refresh()
        self.bar.show()
        self.bar.raise_()
        self.bar.place()
        self.bring_into_view()

    @property
    def active(self) -> bool:
        return self.view is not None

    def counts(self) -> dict[str, int]:
        return self.changes.counts()

    def _on_document_scenario_switched(self, *_args: Any) -> None:
        self.clear()

    def _on_scenario_changed(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        """Work the changes out again and redraw them."""
        view = self.view
        if view is None:
            return
        if view.scenario is not self.scenario or self.scenario is None:
            self.clear()
            return
        if self.item is not None:
            self.item.remove()
        self.changes = canvas_changes(self.before, self.scenario)
        self.item = DiffOverlayItem(view.canvas_scene, self.before, self.scenario, self.changes, _tips())
        others = [(t, k, len(ids)) for t, kinds in self.changes.ids.items() if t not in DRAWN
                  for k, ids in kinds.items() if ids]
        self.bar.set_state(self.source, self.changes.counts(), "\n".join(_tips()["table"].format(
            _tips()[f"t_{t}"], _tips()[f"k_{k}"], n) for t, k, n in others))
        self.index = -1

    def marks_rect(self) -> QRectF:
        rect = QRectF()
        for *_about, mark in self.item.marks if self.item is not None else ():
            rect = rect.united(mark.sceneBoundingRect())
        return rect

    def bring_into_view(self) -> bool:
        """When a change lies outside the visible area (a ghost where only the other side had
        something), zoom out (never in) to show the diagram and every change below the bar."""
        view = self.view
        marks = self.marks_rect()
        if view is None or marks.isNull():
            return False
        if view.mapToScene(view.viewport().rect()).boundingRect().contains(marks):
            return False
        free = view.viewport().rect().adjusted(0, self.bar.geometry().bottom() + 4, 0, 0)
        return fit_view_to(view, marks.united(view.canvas_scene.content_rect()), free, view.zoom, margin=24)

    def next(self) -> str:
        """Zoom to the next change (after the last: the first again); returns its id."""
        if self.item is None or not self.item.marks or self.view is None:
            return ""
        self.index = (self.index + 1) % len(self.item.marks)
        _kind, _table, oid, mark = self.item.marks[self.index]
        rect = mark.sceneBoundingRect().adjusted(-80, -80, 80, 80)
        self.view.zooming.fit_rect(rect, max(1.0, self.view.zoom))
        self.view.status_message.emit(mark.toolTip().split("\n")[0])
        return oid

    def clear(self) -> None:
        """Remove the marks and the bar (Clear, Esc, another scenario)."""
        if self.view is None:
            return
        self._timer.stop()
        if self.item is not None:
            _quiet(self.item.remove)
            self.item = None
        _quiet(self._bindings.clear)
        view, self.view = self.view, None
        _quiet(lambda: view.removeEventFilter(self))
        _quiet(self.bar.hide)
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self.view
        if view is not None and watched is view and event.type() == QEvent.Type.KeyPress \
                and getattr(event, "key", lambda: None)() == Qt.Key.Key_Escape \
                and getattr(view, "tool_name", "select") == "select" and not view.input.current.busy \
                and not getattr(getattr(view, "focus", None), "active", False):
            self.clear()
            return True
        return False


def _quiet(call: Any) -> None:
    try:
        call()
    except (RuntimeError, TypeError, ValueError):
        pass  # a Qt object already gone, a signal already disconnected


def _tips() -> dict[str, str]:
    return {
        "added": QCoreApplication.translate("DiffOverlay", "Added: {0}"),
        "removed": QCoreApplication.translate("DiffOverlay", "Removed: {0}"),
        "changed": QCoreApplication.translate("DiffOverlay", "Changed: {0}"),
        "related": QCoreApplication.translate("DiffOverlay", "Changes at {0}"),
        "field": QCoreApplication.translate("DiffOverlay", "{0}: {1} → {2}"),
        "capabilities_added": QCoreApplication.translate("DiffOverlay", "capability added: {0}"),
        "capabilities_removed": QCoreApplication.translate("DiffOverlay", "capability removed: {0}"),
        "capabilities_changed": QCoreApplication.translate("DiffOverlay", "capability changed: {0}"),
        "needs_added": QCoreApplication.translate("DiffOverlay", "need added: {0}"),
        "needs_removed": QCoreApplication.translate("DiffOverlay", "need removed: {0}"),
        "needs_changed": QCoreApplication.translate("DiffOverlay", "need changed: {0}"),
        "table": QCoreApplication.translate("DiffOverlay", "{0} {1}: {2}"),
        "t_ecosystems": QCoreApplication.translate("DiffOverlay", "Ecosystems"),
        "t_pools": QCoreApplication.translate("DiffOverlay", "Sharing arrangements"),
        "t_capabilities": QCoreApplication.translate("DiffOverlay", "Capabilities"),
        "t_needs": QCoreApplication.translate("DiffOverlay", "Needs"),
        "k_added": QCoreApplication.translate("DiffOverlay", "added"),
        "k_removed": QCoreApplication.translate("DiffOverlay", "removed"),
        "k_changed": QCoreApplication.translate("DiffOverlay", "changed"),
    }


def show_changes(view: CanvasView, before: Scenario, source: str) -> DiffOverlay:
    """Show the changes from ``before`` to the scenario ``view`` shows (replacing any shown)."""
    old = view.findChild(DiffOverlay, "diff_overlay")
    if old is not None and old.active:
        old.clear()
    return DiffOverlay(view, before, source)


def current_overlay(view: CanvasView) -> DiffOverlay | None:
    for o in view.findChildren(DiffOverlay, "diff_overlay"):
        if o.active:
            return o
    return None
