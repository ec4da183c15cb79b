"""UI layer: the action registry — one declaration per action of the main window.

Each :class:`~ecodesk.ui.action_specs.ActionSpec` (declared in :mod:`ecodesk.ui.action_specs`) says everything about one action: name (its objectName), text and
tip (marked for translation in their context: ``Actions``, or the context the text had
before, e.g. ``AnalysisMenus``), shortcut, icon, checkable, what it does (``slot``, called with
the window), where it goes (``menu`` paths, ``toolbar`` position) and when it is enabled
(``enabled``, a rule over :class:`~ecodesk.ui.action_specs.ActionState`). :class:`Actions` builds from the
declarations the QActions, the menus (:meth:`Actions.build_menus`), the toolbar
(:meth:`Actions.build_toolbar`), the texts (:meth:`Actions.retranslate`) and the enablement
(:meth:`Actions.update_enabled`) — orange-canvas-core's ``SchemeEditWidget`` gives each of
its actions in one call in the same spirit. Families of actions over an enumeration (place
an entity kind, draw or show a flow kind, colour the canvas by …) are one
:class:`~ecodesk.ui.action_specs.FamilySpec` each.

The window (:mod:`ecodesk.ui.mainwindow`) owns the registry; the slots reach the document
controller (:mod:`ecodesk.ui.controller`), the canvas and the panels through the window.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar

from ecodesk.ui.action_specs import (
    FAMILIES,
    ITEMS,
    MENUS,
    SK,
    TOOLBAR_GROUP,
    ActionSpec,
    ActionState,
    FamilySpec,
    HookSpec,
    MenuSpec,
)
from ecodesk.ui.icons import icon


def _shortcuts(key: SK | str | None) -> list[QKeySequence]:
    if isinstance(key, SK):
        seqs = QKeySequence.keyBindings(key)
        return seqs or ([QKeySequence("Ctrl+W")] if key == SK.Close else [])
    return [QKeySequence(key)] if key else []


def _adder(action: QAction) -> Callable[[QToolBar], object]:
    def add(toolbar: QToolBar) -> None:
        toolbar.addAction(action)

    return add


class Actions(QObject):
    """Every action of the window, as attributes named like their specs (``actions.file_save``),
    in :attr:`all` by name, and per family (``actions.flow_visible["goods"]``)."""

    # the families of :data:`~ecodesk.ui.action_specs.FAMILIES`
    entity_kinds: dict[str, QAction]
    flow_kinds: dict[str, QAction]
    flow_visible: dict[str, QAction]
    color_modes: dict[str, QAction]

    def __init__(self, window: Any, specs: Sequence[ActionSpec | MenuSpec | HookSpec] = ITEMS,
                 families: Sequence[FamilySpec] = FAMILIES) -> None:
        super().__init__(window)
        self.window = window
        self.specs = [s for s in specs if isinstance(s, ActionSpec)]
        self.items = list(specs)
        self.families = list(families)
        self.all: dict[str, QAction] = {}
        self.groups: dict[str, QActionGroup] = {}
        for spec in self.specs:
            action = QAction(window)
            action.setObjectName(spec.name)
            if spec.shortcut is not None:
                action.setShortcuts(_shortcuts(spec.shortcut))
            if spec.icon:
                action.setIcon(icon(spec.icon))
            if spec.checkable:
                action.setCheckable(True)
                action.setChecked(spec.checked)
            if spec.group:
                self._group(spec.group).addAction(action)
            if spec.slot is not None:
                action.triggered.connect(lambda checked=False, s=spec.slot: s(self.window))
            if spec.toggled is not None:
                action.toggled.connect(lambda on, t=spec.toggled: t(self.window, on))
            self.all[spec.name] = action
            setattr(self, spec.name, action)
        self.family: dict[str, dict[str, QAction]] = {}
        for fam in self.families:
            group = QActionGroup(self) if fam.group else None
            acts: dict[str, QAction] = {}
            for value in fam.values:
                a = QAction(window)
                a.setObjectName(f"{fam.prefix}{value}")
                a.setData(value)
                if fam.checkable:
                    a.setCheckable(True)
                    a.setChecked(fam.checked(value))
                if group is not None:
                    group.addAction(a)
                if fam.slot is not None:
                    a.triggered.connect(lambda checked=False, s=fam.slot, v=value: s(self.window, v))
                if fam.toggled is not None:
                    a.toggled.connect(lambda on, t=fam.toggled, v=value: t(self.window, v, on))
                acts[value] = a
            self.family[fam.attr] = acts
            setattr(self, fam.attr, acts)
        window.addActions(list(self.all.values()))  # shortcuts work even with the menu bar hidden
        self.menus: dict[str, QMenu] = {}
        self.retranslate()

    def __getattr__(self, name: str) -> QAction:  # for type checkers; the real ones are set above
        raise AttributeError(name)

    def _group(self, name: str) -> QActionGroup:
        if name not in self.groups:
            self.groups[name] = QActionGroup(self)
        return self.groups[name]

    # building ------------------------------------------------------------------------------
    def build_menus(self, bar: QMenuBar, hooks: dict[str, Callable[[QMenu], object]]) -> dict[str, QMenu]:
        """The menu bar from :data:`MENUS` and the items' menu paths, in declaration order;
        ``hooks[name](menu)`` fills the :class:`HookSpec` places."""
        for spec in MENUS:
            self.menus[spec.path] = self._menu(bar.addMenu(""), spec)
        for item in self.items:
            if isinstance(item, MenuSpec):
                parent = self.menus[item.path.rpartition("/")[0]]
                if item.separator:
                    parent.addSeparator()
                self.menus[item.path] = self._menu(parent.addMenu(""), item)
                for fam in self.families:
                    if fam.menu == item.path:
                        self.menus[item.path].addActions(list(self.family[fam.attr].values()))
            elif isinstance(item, HookSpec):
                menu = self.menus[item.path]
                if item.separator:
                    menu.addSeparator()
                hooks[item.name](menu)
            else:
                for path in item.menu:
                    menu = self.menus[path.lstrip("-")]
                    if path.startswith("-"):
                        menu.addSeparator()
                    menu.addAction(self.all[item.name])
        return self.menus

    @staticmethod
    def _menu(menu: QMenu, spec: MenuSpec) -> QMenu:
        menu.setObjectName(spec.object_name or spec.path.replace("/", "_") + "_menu")
        menu.setProperty("title_source", spec.title)
        menu.setProperty("title_context", spec.context)
        menu.setTitle(QCoreApplication.translate(spec.context, spec.title))
        return menu

    def build_toolbar(self, toolbar: QToolBar, hooks: dict[int, Callable[[QToolBar], object]]) -> None:
        """The toolbar from the specs' ``toolbar`` positions; a separator between groups of
        ten; ``hooks[position](toolbar)`` adds widgets at a position of their own."""
        entries: list[tuple[int, Callable[[QToolBar], object]]] = list(hooks.items())
        for spec in self.specs:
            if spec.toolbar is not None:
                entries.append((spec.toolbar, _adder(self.all[spec.name])))
        last = None
        for pos, add in sorted(entries, key=lambda e: e[0]):
            if last is not None and pos // TOOLBAR_GROUP != last // TOOLBAR_GROUP:
                toolbar.addSeparator()
            add(toolbar)
            last = pos

    # texts, icons, enablement -------------------------------------------------------------
    def retranslate(self) -> None:
        for spec in self.specs:
            a = self.all[spec.name]
            text = QCoreApplication.translate(spec.context, spec.text)
            tip = QCoreApplication.translate(spec.context, spec.tip)
            a.setText(text)
            a.setStatusTip(tip)
            keys = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            plain = text.replace("&", "").rstrip("…")
            a.setToolTip(f"{plain} ({keys})\n{tip}" if keys else f"{plain}\n{tip}")
        for fam in self.families:
            for value, a in self.family[fam.attr].items():
                label = fam.label(value)
                a.setText(label)
                if fam.tip:
                    a.setStatusTip(QCoreApplication.translate(fam.context, fam.tip).format(label))
        for menu in self.menus.values():
            menu.setTitle(QCoreApplication.translate(menu.property("title_context"), menu.property("title_source")))

    def refresh_icons(self) -> None:
        """Redraw the glyphs in the current palette's colour (after a theme change)."""
        for spec in self.specs:
            if spec.icon:
                self.all[spec.name].setIcon(icon(spec.icon))

    def update_enabled(self, state: ActionState) -> None:
        for spec in self.specs:
            if spec.enabled is not None:
                self.all[spec.name].setEnabled(spec.enabled(state))
