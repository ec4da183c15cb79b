"""Dragging a flow from an entity onto itself: nothing is added, and the status bar says why
(in the UI language)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QTranslator
from PySide6.QtWidgets import QApplication

from ecodesk.model import FlowKind
from tests.ui.canvas_helpers import drag, entity_pos, make_view

MESSAGE = "A flow needs two different entities: drop it on another entity"


def _self_drag(qtbot, view, entity: str) -> None:
    start = entity_pos(view, entity)
    # out of the entity and back onto it, as a hand would
    drag(qtbot, view, start, start + QPoint(4, 3), steps=4)


def test_a_flow_dropped_on_its_own_entity_adds_nothing_and_says_why(qtbot):
    view = make_view(qtbot)
    doc, s = view.document, view.document.scenario
    messages: list[str] = []
    view.status_message.connect(messages.append)
    asked = []
    view.flow_kind_chooser = lambda src, dst: asked.append((src.id, dst.id)) or FlowKind.LOGISTICS
    view.set_tool("flow")
    messages.clear()
    flows, depth, revision = list(s.flows.ids()), len(doc.history), s.revision
    start = entity_pos(view, "s1")
    drag(qtbot, view, start, start + QPoint(0, -60), steps=6, release=False)  # away …
    drag(qtbot, view, start + QPoint(0, -60), start + QPoint(2, 1), steps=6)  # … and back onto s1
    assert messages[-1] == MESSAGE
    assert asked == [] and s.flows.ids() == flows and len(doc.history) == depth and s.revision == revision
    assert not [i for i in view.canvas_scene.items() if i.zValue() == 950]  # no preview left behind
    # a short drag within the entity: the same sentence
    messages.clear()
    _self_drag(qtbot, view, "c2")
    assert messages == [MESSAGE] and s.flows.ids() == flows
    # the tool still works for a real flow afterwards
    drag(qtbot, view, entity_pos(view, "s1"), entity_pos(view, "c2"), steps=8)
    assert asked == [("s1", "c2")] and len(s.flows) == len(flows) + 1


class _Chinese(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return "资源流需要连接两个不同的主体：请把它拖放到另一个主体上" if (context, source) == ("Canvas", MESSAGE) else None


def test_the_self_loop_message_is_translated_in_context_canvas(qtbot):
    view = make_view(qtbot)
    messages: list[str] = []
    view.status_message.connect(messages.append)
    view.set_tool("flow")
    tr = _Chinese()
    QCoreApplication.installTranslator(tr)
    try:
        QApplication.processEvents()
        messages.clear()
        _self_drag(qtbot, view, "s1")
    finally:
        QCoreApplication.removeTranslator(tr)
    assert messages == ["资源流需要连接两个不同的主体：请把它拖放到另一个主体上"]
