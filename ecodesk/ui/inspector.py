"""UI layer: the Inspector dock — every field of the selected object, edited through commands.

The inspector shows the single selected entity, flow, capability, ecosystem, need or pool
(or, with nothing selected, the project). Each field is a small editor from
:mod:`ecodesk.ui.inspector_fields`; an edit becomes a :class:`ChangeObject` (typing merges
into one undo step per field; leaving the field breaks the merge). What is typed is read by
the engine's edit rules (:mod:`ecodesk.commands.editrules`: "1万", "15%" where the field
allows); a refusal is the model's sentence, in the UI language with the field's label, shown
under the field until the field is valid again — the model stays as it was, nothing is
clamped. The widgets follow the model's signals (held in :class:`~ecodesk.model.Bindings`,
cleared on detach), never the other way round; the list sections live in
:mod:`ecodesk.ui.inspector_sections`.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ecodesk.commands import (
    AddObject,
    ChangeObject,
    ChangeProject,
    remove_objects,
)
from ecodesk.commands.editrules import CHANGE_FIELD, change_command, new_object, range_command
from ecodesk.model import (
    RULES_BY_TYPE,
    Bindings,
    Entity,
    EntityKind,
    Flow,
    FlowKind,
    ModelObject,
    Need,
    PoolType,
    Scenario,
    ValidationError,
)
from ecodesk.ui.canvas.style import entity_base_color
from ecodesk.ui.document import Document
from ecodesk.ui.i18n import (
    count_text,
    current_language,
    enum_label,
    error_text,
    field_label,
    list_separator,
    what_label,
)
from ecodesk.ui.inspector_fields import (
    ChoiceField,
    ColorField,
    FieldEditor,
    NotesField,
    NumberField,
    OptionalNumberField,
    ReadOnlyField,
    TextField,
    enum_choices,
    object_choices,
)
from ecodesk.ui.inspector_ranges import RangeEditor, range_fields
from ecodesk.ui.inspector_sections import build_sections
from ecodesk.ui.inspector_style import NoteColorField, SizeField
from ecodesk.ui.plaintext import plain_label

#: The fields of each kind of object, in the order shown, with the editor they use.
FIELDS: dict[str, list[tuple[str, str]]] = {
    "entity": [("id", "readonly"), ("name", "text"), ("kind", "entity_kind"), ("color", "entity_color"), ("size", "size"),
               ("industry", "text"),
               ("demand", "number"), ("risk", "risk"), ("revenue", "optional"), ("x", "coord"), ("y", "coord"),
               ("notes", "notes")],
    "flow": [("id", "readonly"), ("source", "entity_ref"), ("target", "entity_ref"), ("kind", "flow_kind"),
             ("label", "text"), ("capability", "capability_ref"), ("volume", "number"), ("unit_value", "number"), ("risk", "risk"),
             ("standalone_cost", "optional"), ("notes", "notes")],
    "capability": [("id", "readonly"), ("name", "text"), ("category", "text"), ("owner", "entity_ref"),
                   ("fixed_cost", "number"), ("unit_cost", "number"), ("capacity", "optional")],
    "ecosystem": [("id", "readonly"), ("name", "text"), ("color", "color")],
    "need": [("id", "readonly"), ("entity", "entity_ref"), ("category", "text"), ("volume", "number"),
             ("standalone_cost", "number")],
    "pool": [("id", "readonly"), ("name", "text"), ("type", "pool_type"), ("rule", "pool_rule"),
             ("amount", "number"), ("scale_exponent", "beta")],
    "annotation": [("id", "readonly"), ("text", "notes"), ("color", "note_color"), ("width", "coord"),
                   ("height", "coord")],
}


#: Up/Down step of each kind of number field (the model, not the editor, sets the range).
_STEPS = {"number": 1.0, "coord": 10.0, "risk": 0.01, "beta": 0.05}


def _entity_choices(obj: Any, scenario: Scenario | None) -> list[tuple[str, Any]]:
    return object_choices(scenario.entities if scenario is not None else [])


def _capability_choices(obj: Any, scenario: Scenario | None) -> list[tuple[str, Any]]:
    if scenario is None:
        return []
    caps = [c for c in scenario.capabilities if obj is None or c.owner == obj.source]
    return object_choices(caps, none_label="—")


def _rule_choices(obj: Any, scenario: Scenario | None) -> list[tuple[str, Any]]:
    from ecodesk.model import PoolRule

    return enum_choices(PoolRule, RULES_BY_TYPE[obj.type] if obj is not None else None)


def _kind_color(obj: Any) -> str:
    """The colour an entity without one of its own is drawn in (its kind's)."""
    return str(entity_base_color(obj.kind).name()) if isinstance(obj, Entity) else ""


class InspectorWidget(QWidget):
    """The inspector; ``status_message`` carries refusals for the status bar too."""

    status_message = Signal(str)

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.scenario: Scenario | None = None
        self.obj: ModelObject | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.ranges: dict[str, RangeEditor] = {}  # the "±" of each number that may carry a range
        self._what = ""
        self._pending = False
        self._sections: list[Any] = []
        self._document_bindings = Bindings()
        self._scenario_bindings = Bindings()
        # Qt may delete this widget while its Python side lives on: stop the model calling it.
        self.destroyed.connect(self._document_bindings.clear)
        self.destroyed.connect(self._scenario_bindings.clear)

        self.title = plain_label(QLabel(self))
        self.title.setProperty("role", "heading")
        self.title.setWordWrap(True)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget()
        self.scroll_area.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.scroll_area, 1)
        self._connect(document)
        objs = document.selected_objects()  # the window may build the inspector after a selection
        self._show(objs[0] if len(objs) == 1 else None, count=len(objs), force=True)

    # wiring ------------------------------------------------------------------------
    def _connect(self, document: Document) -> None:
        b = self._document_bindings
        b.connect(document.selection_changed, self._on_document_selection_changed)
        b.connect(document.scenario_switched, self._on_document_scenario_switched)
        b.connect(document.project.changed, self._on_project_changed)
        self._listen(document.scenario)

    def set_document(self, document: Document) -> None:
        self.detach()
        self.document = document
        self._connect(document)
        self._on_document_selection_changed(document.selection)

    def detach(self) -> None:
        """Stop following the document and its model (the window closes or swaps documents)."""
        self._document_bindings.clear()
        self._listen(None)

    def _listen(self, scenario: Scenario | None) -> None:
        self._scenario_bindings.clear()
        self.scenario = scenario
        if scenario is not None:
            b = self._scenario_bindings
            for coll in scenario.collections().values():
                b.connect(coll.added, self._on_model_changed)
                b.connect(coll.removed, self._on_model_removed)
                b.connect(coll.changed, self._on_model_changed)

    def _on_document_scenario_switched(self, scenario: Scenario) -> None:
        self._listen(scenario)
        self._on_document_selection_changed(self.document.selection)

    def _on_document_selection_changed(self, ids: list[str]) -> None:
        objs = self.document.selected_objects()
        self._show(objs[0] if len(objs) == 1 else None, count=len(objs))

    def _on_model_changed(self, old: Any, new: Any = None) -> None:
        if isinstance(new, ModelObject) and self.obj is not None and new.id == self.obj.id \
                and new.WHAT == self.obj.WHAT:
            self.obj = new
            self._update()
        else:
            self._schedule_update()

    def _on_model_removed(self, obj: Any, index: int) -> None:
        if self.obj is not None and obj.id == self.obj.id and obj.WHAT == self.obj.WHAT:
            self._show(None, count=0)
        else:
            self._schedule_update()

    def _on_project_changed(self) -> None:
        if self.obj is None:
            self._update()

    def _schedule_update(self) -> None:
        """Changes elsewhere (names in combo boxes, lists under an entity) arrive in bursts:
        refresh once, after the burst."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._flush)

    def _flush(self) -> None:
        self._pending = False
        if self.scenario is None:  # detached meanwhile (window closing)
            return
        if self.obj is not None:
            current = self.scenario.collection_of(self.obj).get(self.obj.id)
            if current is None:
                self._show(None, count=0)
                return
            self.obj = current
        self._update()

    # building -----------------------------------------------------------------------
    def _show(self, obj: ModelObject | None, count: int = 0, force: bool = False) -> None:
        what = obj.WHAT if obj is not None else ("multi" if count > 1 else "project")
        same = (not force and what == self._what and obj is not None and self.obj is not None
                and obj.id == self.obj.id)
        self.obj = obj
        self._count = count
        if not same:
            self._build(what)
        self._update()

    def _clear(self) -> None:
        """Start a new, not yet shown body; :meth:`_build` puts it in the scroll area when
        it is complete, so every field appears at once (and is in the focus chain)."""
        self.editors = {}
        self.ranges = {}
        self._sections = []
        self.body = QWidget()

    def _build(self, what: str) -> None:
        self._clear()
        try:
            self._build_body(what)
        finally:
            self.scroll_area.setWidget(self.body)  # shows it; deletes the old body
            self._chain_tab_order()

    def _build_body(self, what: str) -> None:
        self._what = what
        form = QFormLayout(self.body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setContentsMargins(2, 2, 2, 2)
        self.form = form
        if what == "multi":
            hint = plain_label(QLabel(self.body))
            hint.setWordWrap(True)
            hint.setProperty("role", "hint")
            hint.setText(self.tr("To change one field of all selected objects at once, use "
                                 "“Set value for selected…” in the Tables dock."))
            form.addRow(hint)
            return
        if what == "project":
            self._build_project(form)
            return
        for field, kind in FIELDS[what]:
            editor = self._make_editor(field, kind)
            editor.committed.connect(self._commit)
            editor.finished.connect(self._on_field_finished)
            self.editors[field] = editor
            if field in range_fields(what):
                rng = self.ranges[field] = RangeEditor(editor)
                rng.committed.connect(lambda f, lo, hi, r=rng: self._commit_range(f, lo, hi, r))
                rng.removed.connect(lambda f, r=rng: self._commit_range(f, None, None, r))
            label = QLabel(field_label(field), self.body)
            label.setBuddy(editor.editor)
            label.setToolTip(field)
            form.addRow(label, editor.container)
        self._add_sections(what, form)

    def _chain_tab_order(self) -> None:
        """Tab walks the fields top to bottom, then the sections' lists and buttons."""
        chain: list[QWidget] = []
        for editor in self.editors.values():
            chain.append(editor.editor)
            if isinstance(editor, ColorField):
                chain.append(editor.swatch)
            if editor.field in self.ranges:
                chain += self.ranges[editor.field].focus_chain()
        for section in self._sections:
            widgets = [section.widget, *section.widget.findChildren(QWidget)]
            chain += [w for w in widgets if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                      and not isinstance(w.parentWidget(), QAbstractScrollArea)]
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _make_editor(self, field: str, kind: str) -> FieldEditor:
        b = self.body
        if kind == "readonly":
            return ReadOnlyField(field, b)
        if kind == "text":
            return TextField(field, b)
        if kind == "notes":
            return NotesField(field, b)
        if kind in _STEPS:
            return NumberField(field, b, step=_STEPS[kind])
        if kind == "optional":
            editor = OptionalNumberField(field, b)
            editor.line.setPlaceholderText(self.tr("none"))
            return editor
        if kind == "color":
            return ColorField(field, b)
        if kind == "entity_color":  # "" = the kind's colour, shown in the swatch
            editor = ColorField(field, b, reset=self.tr("Kind colour"), default=_kind_color)
            editor.line.setPlaceholderText(self.tr("Kind colour"))
            editor.reset.setToolTip(self.tr("Fill the entity with its kind's colour again"))
            return editor
        if kind == "size":  # an entity's drawing size: "150%" or "1.5", 25 %–400 %
            return SizeField(field, b)
        if kind == "note_color":
            return NoteColorField(field, b)
        if kind == "entity_kind":
            return ChoiceField(field, b, lambda o, s: enum_choices(EntityKind))
        if kind == "flow_kind":
            return ChoiceField(field, b, lambda o, s: enum_choices(FlowKind))
        if kind == "pool_type":
            return ChoiceField(field, b, lambda o, s: enum_choices(PoolType))
        if kind == "pool_rule":
            return ChoiceField(field, b, _rule_choices)
        if kind == "entity_ref":
            return ChoiceField(field, b, _entity_choices)
        if kind == "capability_ref":
            return ChoiceField(field, b, _capability_choices)
        raise ValueError(kind)

    def _add_sections(self, what: str, form: QFormLayout) -> None:
        self._sections = build_sections(self, what)
        for s in self._sections:
            heading = plain_label(QLabel(s.title, self.body))
            heading.setProperty("role", "heading")
            form.addRow(heading)
            form.addRow(s.widget)

    def _build_project(self, form: QFormLayout) -> None:
        for field in ("name", "currency", "period"):
            editor = TextField(field, self.body, live=False)
            editor.committed.connect(self._commit_project)
            self.editors[field] = editor
            label = QLabel(field_label(field), self.body)
            label.setBuddy(editor.editor)
            form.addRow(label, editor.container)
        notes = NotesField("notes", self.body)
        notes.text_edit.textChanged.disconnect()
        notes.finished.connect(lambda f: self._commit_project(f, notes.text_edit.toPlainText(), False))
        self.editors["notes"] = notes
        form.addRow(QLabel(field_label("notes"), self.body), notes.container)
        self.summary = plain_label(QLabel(self.body))
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "hint")
        form.addRow(self.summary)

    # updating -------------------------------------------------------------------------
    def _update(self) -> None:
        doc, obj = self.document, self.obj
        if obj is not None and self.scenario is None:  # detached (window closing)
            return
        if self._what == "multi":
            self.title.setText(self.tr("{0} objects selected").format(self._count))
            return
        if obj is None:
            p = doc.project
            self.title.setText(self.tr("Project"))
            if "name" in self.editors:
                for field in ("name", "currency", "period", "notes"):
                    self.editors[field].set_value(getattr(p, field))
                s = doc.scenario
                counts = list_separator().join(count_text(len(c), what) for what, c in (
                    ("entities", s.entities), ("flows", s.flows), ("capabilities", s.capabilities),
                    ("needs", s.needs), ("pools", s.pools), ("ecosystems", s.ecosystems)))  # "1 pool", not "1 pools"
                self.summary.setText(self.tr("Scenario “{0}”: {1}. Select an object on the canvas or in the tables "
                                             "to edit it.").format(s.name, counts))
            return
        name = getattr(obj, "name", "") or obj.id
        kind = getattr(obj, "kind", None)
        extra = f" · {enum_label(kind)}" if kind is not None else ""
        self.title.setText(self.tr("{0}: {1}").format(what_label(obj.WHAT).capitalize(), name) + extra)
        for field, editor in self.editors.items():
            editor.set_value(getattr(obj, field), obj, self.scenario)
        if isinstance(obj, Flow):
            self.editors["capability"].set_read_only(obj.kind is not FlowKind.CAPABILITY)
            self.editors["standalone_cost"].set_read_only(obj.kind is not FlowKind.CAPABILITY)
        for field, rng in self.ranges.items():
            rng.set_state(obj.ranges.get(field), self.editors[field].editor.isEnabled())
        for s in self._sections:
            s.refresh()

    # editing ------------------------------------------------------------------------
    def _commit(self, field: str, value: Any, merge: bool) -> None:
        obj, scenario = self.obj, self.scenario
        if obj is None or scenario is None:
            return
        editor = self.editors.get(field)
        try:
            cmd = change_command(scenario, obj, field, value, merge=merge)
        except ValidationError as exc:
            self._refuse(field, exc, typing=merge)
            return
        if cmd.new == obj:
            self._clear_error(field)
            return
        exc2 = self.document.attempt(cmd)
        if exc2 is not None:
            self._refuse(field, exc2, typing=merge)
            return
        self._clear_error(field)
        if editor is not None and isinstance(editor, OptionalNumberField):
            editor.set_value(getattr(self.obj, field))

    def _commit_range(self, field: str, low: str | None, high: str | None, rng: RangeEditor) -> None:
        """Set (or, with both None, remove) the range of ``field``: one undo step, or the
        refusal under the low/high fields with the model unchanged."""
        obj, scenario = self.obj, self.scenario
        if obj is None or scenario is None or self.ranges.get(field) is not rng:
            return  # an editor of an object no longer shown (its body is being replaced)
        try:
            cmd = range_command(scenario, obj, field, low, high)
            error = self.document.attempt(cmd) if cmd is not None else None
        except ValidationError as exc:
            error = exc
        rng.show_error(error_text(error) if error is not None else "")
        if error is not None:
            self.status_message.emit(error_text(error))
        elif self.obj is not None:
            rng.set_state(self.obj.ranges.get(field), self.editors[field].editor.isEnabled())

    def _refuse(self, field: str, exc: Exception, typing: bool = False) -> None:
        """Explain the refusal under the field; widgets that cannot show an invalid value
        (combo boxes) go back to the model's value, text fields keep what was typed. While
        typing, the keystrokes already applied to the model are taken back: the model keeps
        the value it had before the typing began (the refused text is never half-applied)."""
        message = error_text(exc)
        target = self.editors.get(field)
        shown = target or self.editors.get(getattr(exc, "field", ""))
        if shown is not None:
            shown.show_error(message)
        if typing:
            self._revert_typing(field)
        if target is not None and not isinstance(target, (NumberField, OptionalNumberField, ColorField)) \
                and self.obj is not None:
            target.set_value(getattr(self.obj, field), self.obj, self.scenario)
        self.status_message.emit(message)

    def _revert_typing(self, field: str) -> None:
        obj, scenario = self.obj, self.scenario
        if obj is None or scenario is None:
            return
        key = ChangeObject(scenario, obj, merge_key=field).merge_id
        step = self.document.history.open_merge(key)
        if isinstance(step, ChangeObject) and step.old is not None:
            # merges into the open step, which then changes nothing and leaves the history
            self.document.attempt(ChangeObject(scenario, step.old, text=CHANGE_FIELD, merge_key=field))

    def _clear_error(self, field: str) -> None:
        editor = self.editors.get(field)
        if editor is not None:
            editor.show_error("")

    def _on_field_finished(self, field: str) -> None:
        self.document.history.break_merge()

    def _commit_project(self, field: str, value: Any, merge: bool) -> None:
        p = self.document.project
        if getattr(p, field) == value:
            return
        error = self.document.attempt(ChangeProject(p, **{field: value}))
        if error is not None:
            self.editors[field].show_error(error_text(error))
        else:
            self.editors[field].show_error("")

    # children and memberships (the sections call these) --------------------------------
    def push(self, cmd: Any) -> str:
        """Push an edit made in a section; returns the refusal sentence ('' when done)."""
        error = self.document.attempt(cmd)
        if error is not None:
            message = error_text(error)
            self.status_message.emit(message)
            return message
        self._flush()  # the user's own edit: show its effect at once, not after the burst
        return ""

    def add_child(self, what: str) -> str | None:
        """Add a capability or need to the shown entity; returns the new id."""
        if not isinstance(self.obj, Entity) or self.scenario is None:
            return None
        try:
            child = new_object(self.scenario, what, [self.obj], lang=current_language())
        except ValidationError as exc:
            self.status_message.emit(error_text(exc))
            return None
        return None if self.push(AddObject(self.scenario, child)) else child.id

    def remove_child(self, obj_id: str) -> bool:
        if self.scenario is None:
            return False
        obj = self.scenario.find(obj_id)
        if obj is None:
            return False
        return not self.push(remove_objects(self.scenario, [obj]))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self.scenario is not None:
            self._show(self.obj, self._count, force=True)
        super().changeEvent(event)


__all__ = ["FIELDS", "InspectorWidget", "Need"]
