"""Model layer: saved views (视图) — the slides of a workshop presentation (SPEC §2).

A view remembers what the planner was looking at: the scenario (by name), the visible
canvas rectangle, the colour mode, the flow kinds hidden, the analysis tab shown beside it
and speaker notes. Views belong to the project, in presentation order; they are edited
through :class:`ecodesk.model.scenario.Project` (``add_view`` … ``move_view``), which emits
``views_changed``. A view whose scenario was deleted is kept (the planner may rename or
re-create it) and reported by :meth:`Project.orphan_views`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar

from ecodesk.model.errors import ValidationError
from ecodesk.model.kinds import FlowKind
from ecodesk.model.objects import MAX_MAGNITUDE, ModelObject, _check_enum, _check_id, _check_text

#: Colour modes of the canvas a view may record ("kind" = colours by entity kind).
VIEW_COLOR_MODES: tuple[str, ...] = ("kind", "criticality", "ecosystem", "shapley")
#: Analysis tabs a view may show beside the canvas (None: the panel as it is).
VIEW_PANELS: tuple[str, ...] = ("overview", "reuse", "cost", "resilience", "compare", "sensitivity")

_set = object.__setattr__


def _fail(view_id: str, fld: str, en: str, zh: str) -> ValidationError:
    return ValidationError("view", view_id, fld, en, zh)


def _check_rect(view_id: str, value: Any) -> tuple[float, float, float, float]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise _fail(view_id, "rect", "must be [x, y, width, height]", "必须是 [x, y, 宽, 高]")
    items = list(value)
    if len(items) != 4:
        raise _fail(view_id, "rect", f"must be [x, y, width, height] (got {len(items)} numbers)",
                    f"必须是 [x, y, 宽, 高]（当前为 {len(items)} 个数）")
    out: list[float] = []
    for i, v in enumerate(items):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(float(v)) \
                or abs(float(v)) > MAX_MAGNITUDE:
            raise _fail(view_id, "rect", f"{v!r} is not a finite number", f"{v!r} 不是有限数值")
        if i >= 2 and float(v) <= 0:
            raise _fail(view_id, "rect", f"width and height must be more than 0 (got {float(v):g})",
                        f"宽和高必须大于 0（当前为 {float(v):g}）")
        out.append(float(v))
    return (out[0], out[1], out[2], out[3])


@dataclass(frozen=True, slots=True)
class View(ModelObject):
    """A saved view of the canvas: one slide of the presentation."""

    WHAT: ClassVar[str] = "view"
    id: str
    title: str = ""
    scenario: str = ""
    rect: tuple[float, float, float, float] = (0.0, 0.0, 1000.0, 700.0)
    color_mode: str = "kind"
    hidden_kinds: tuple[FlowKind, ...] = ()
    panel: str | None = None
    text: str = ""

    def __post_init__(self) -> None:
        i = self.id
        _check_id(self.WHAT, i)
        _set(self, "title", _check_text(self.WHAT, i, "title", self.title))
        _set(self, "scenario", _check_text(self.WHAT, i, "scenario", self.scenario))
        _set(self, "rect", _check_rect(i, self.rect))
        mode = "kind" if self.color_mode in (None, "") else self.color_mode
        if mode not in VIEW_COLOR_MODES:
            allowed = ", ".join(VIEW_COLOR_MODES)
            raise _fail(i, "color_mode", f"unknown value {mode!r} (allowed: {allowed})",
                        f"未知取值 {mode!r}（可选：{allowed}）")
        _set(self, "color_mode", mode)
        kinds = self.hidden_kinds
        if kinds is None:
            kinds = ()
        if isinstance(kinds, (str, bytes)) or not isinstance(kinds, Iterable):
            raise _fail(i, "hidden_kinds", "must be a list of flow kinds", "必须是资源流类型列表")
        checked = tuple(_check_enum(self.WHAT, i, "hidden_kinds", k, FlowKind) for k in kinds)
        _set(self, "hidden_kinds", tuple(dict.fromkeys(checked)))
        panel = None if self.panel in (None, "") else self.panel
        if panel is not None and panel not in VIEW_PANELS:
            allowed = ", ".join(VIEW_PANELS)
            raise _fail(i, "panel", f"unknown value {panel!r} (allowed: {allowed}, or null)",
                        f"未知取值 {panel!r}（可选：{allowed}，或 null）")
        _set(self, "panel", panel)
        _set(self, "text", _check_text(self.WHAT, i, "text", self.text))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> View:
        """A view from its SPEC JSON form, refusing unknown fields by name."""
        if not isinstance(data, Mapping):
            raise _fail("", "", f"must be an object, not {type(data).__name__}", "必须是对象")
        known = {f.name for f in fields(cls)}
        view_id = str(data.get("id", ""))
        unknown = [k for k in data if k not in known]
        if unknown:
            raise _fail(view_id, unknown[0], "is not a known field", "不是已知字段")
        if "id" not in data:
            raise _fail(view_id, "id", "is required", "为必填项")
        kwargs = dict(data)
        for k in ("rect", "hidden_kinds"):
            if isinstance(kwargs.get(k), list):
                kwargs[k] = tuple(kwargs[k])
        return cls(**kwargs)
