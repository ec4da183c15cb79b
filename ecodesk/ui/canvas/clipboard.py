"""UI layer (canvas): what cut/copy puts on the clipboard, and reading it back.

The payload is JSON under the mime type ``application/x-ecodesk-objects`` (also set as
text, so it survives a trip through a plain-text editor or chat)::

    {"format": "ecodesk-objects", "version": 1,
     "objects": {"entities": [...], "capabilities": [...], "flows": [...], "needs": [...],
                 "annotations": [...]}}

Objects are in SPEC §4 form; reading rebuilds them through the model, so a damaged or
foreign payload is refused, never half-pasted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData

from ecodesk.model import Annotation, Capability, Entity, Flow, ModelObject, Need, Scenario, make
from ecodesk.model.errors import EcodeskError

MIME_OBJECTS = "application/x-ecodesk-objects"
MIME_ENTITY_KIND = "application/x-ecodesk-entity-kind"
FORMAT = "ecodesk-objects"
_CLASSES: dict[str, type[ModelObject]] = {
    "entities": Entity,
    "capabilities": Capability,
    "flows": Flow,
    "needs": Need,
    "annotations": Annotation,
}


def objects_to_copy(scenario: Scenario, ids: Iterable[str]) -> list[ModelObject]:
    """The selected entities with what belongs to them: their capabilities and needs, and
    the flows between two copied entities (a selected flow counts only with both ends), and
    the selected notes."""
    ids = set(ids)
    ents = [e for e in scenario.entities if e.id in ids]
    ent_ids = {e.id for e in ents}
    caps = [c for c in scenario.capabilities if c.owner in ent_ids]
    flows = [f for f in scenario.flows if f.source in ent_ids and f.target in ent_ids]
    needs = [n for n in scenario.needs if n.entity in ent_ids]
    notes = [a for a in scenario.annotations if a.id in ids]
    return [*ents, *caps, *flows, *needs, *notes]


def encode(objects: Iterable[ModelObject]) -> str:
    groups: dict[str, list[dict[str, Any]]] = {name: [] for name in _CLASSES}
    for o in objects:
        for name, cls in _CLASSES.items():
            if isinstance(o, cls):
                groups[name].append(o.to_dict())
    return json.dumps({"format": FORMAT, "version": 1, "objects": groups}, ensure_ascii=False, indent=1)


def decode(text: str) -> list[ModelObject]:
    """Objects from a payload; ValueError if it is not one (EcodeskError if invalid)."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not ecodesk objects: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("objects"), dict):
        raise ValueError("not ecodesk objects")
    out: list[ModelObject] = []
    for name, cls in _CLASSES.items():
        for item in data["objects"].get(name, []) or []:
            out.append(make(cls, item))
    return out


def to_mime(objects: Iterable[ModelObject]) -> QMimeData:
    text = encode(objects)
    mime = QMimeData()
    mime.setData(MIME_OBJECTS, text.encode("utf-8"))
    mime.setText(text)
    return mime


def from_mime(mime: QMimeData | None) -> list[ModelObject] | None:
    """Objects on the clipboard, or None if it holds none (or only invalid ones)."""
    if mime is None:
        return None
    if mime.hasFormat(MIME_OBJECTS):
        text = bytes(mime.data(MIME_OBJECTS).data()).decode("utf-8", errors="replace")
    elif mime.hasText():
        text = mime.text()
    else:
        return None
    try:
        return decode(text)
    except (ValueError, EcodeskError):
        return None
