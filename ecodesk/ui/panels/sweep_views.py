"""UI layer: what the Sensitivity tab draws from its results — the tornado chart and its
table, the uncertainty histogram and the "better off than alone" bars — with every input,
partner and metric named as planners know them, in the UI language.

:class:`SweepDrawing` belongs to one :class:`~ecodesk.ui.panels.sensitivity_tab.SensitivityTab`
(composition) and reads its runs and widgets.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFontMetricsF

import ecodesk.ui.panels.sweep_charts as sc
from ecodesk.model import Scenario
from ecodesk.model.ranges import RANGE_FIELDS
from ecodesk.numfmt import compact, integer
from ecodesk.numfmt import number as num
from ecodesk.numfmt import percent as pct
from ecodesk.ui.i18n import current_language, enum_label, field_label
from ecodesk.ui.panels.charts import COLORS, hbars


def shared_ends(snapshot: Scenario | None) -> frozenset[tuple[str, str]]:
    """(source, target) of the flows that share both ends with another flow."""
    seen: set[tuple[str, str]] = set()
    twins: set[tuple[str, str]] = set()
    for f in snapshot.flows if snapshot is not None else ():
        key = (f.source, f.target)
        (twins if key in seen else seen).add(key)
    return frozenset(twins)


def object_name(snapshot: Scenario | None, obj_id: str, twins: frozenset[tuple[str, str]] = frozenset()) -> str:
    """An object's readable name as it was analysed: an entity's, capability's or pool's
    name; a flow's label or "source → target" (with its capability or kind when another flow
    joins the same ends: ``twins``, see :func:`shared_ends`); a need as "entity: category"."""
    if snapshot is None:
        return obj_id
    obj = snapshot.find(obj_id)
    if obj is None:
        return obj_id
    what = getattr(obj, "WHAT", "")

    def ent(i: str) -> str:
        e = snapshot.entities.get(i)
        return e.label if e is not None else i

    if what == "flow":
        label = getattr(obj, "label", "")
        if label:
            return str(label)
        src, tgt = getattr(obj, "source", ""), getattr(obj, "target", "")
        text = f"{ent(src)} → {ent(tgt)}"
        if (src, tgt) in twins:  # two flows between the same ends: say which one
            cap = snapshot.capabilities.get(getattr(obj, "capability", None) or "")
            text += f" ({cap.label if cap is not None else enum_label(getattr(obj, 'kind', ''))})"
        return text
    if what == "need":
        return f"{ent(getattr(obj, 'entity', ''))}: {getattr(obj, 'category', '')}"
    label = getattr(obj, "label", None)
    return str(label or getattr(obj, "name", "") or obj_id)


def selection_for(snapshot: Scenario | None, obj_id: str) -> list[str]:
    """What selecting a row selects on the canvas: the entity or flow itself; a capability's
    owner and the flows that use it; a need's entity; a pool's members."""
    obj = snapshot.find(obj_id) if snapshot is not None else None
    what = getattr(obj, "WHAT", "")
    if snapshot is None or obj is None:
        return [obj_id]
    if what == "capability":
        return [getattr(obj, "owner", ""), *(f.id for f in snapshot.flows if f.capability == obj_id)]
    if what == "need":
        return [getattr(obj, "entity", "")]
    if what == "pool":
        return list(getattr(obj, "members", ())) or [obj_id]
    return [obj_id]


def has_ranges(scenario: Scenario | None) -> bool:
    """Whether any number of ``scenario`` carries a range (uncertainty has something to draw)."""
    if scenario is None:
        return False
    return any(getattr(o, "ranges", None) for name in RANGE_FIELDS for o in getattr(scenario, name))


class SweepDrawing(QObject):
    """Draws a Sensitivity tab's results (see the module docstring)."""

    def __init__(self, tab: Any) -> None:
        super().__init__(tab)
        self.tab = tab
        self.twins: frozenset[tuple[str, str]] = frozenset()
        #: The room the tornado's names were fitted into (redrawn when the chart's width asks for other).
        self.budget = 0

    def metric_name(self, path: str, snapshot: Scenario | None) -> str:
        from ecodesk.analysis.metrics import metric_label

        try:
            return metric_label(path, snapshot, current_language())
        except Exception:  # a name is a courtesy: the path still says what it is
            return path

    def fmt(self, value: Any) -> str:
        return compact(value, current_language(), 3)

    def row_label(self, snapshot: Scenario | None, obj_id: str, field: str) -> tuple[str, str]:
        """(object name, field label) of a sensitivity row's input (``field`` = "table.field")."""
        return object_name(snapshot, obj_id, self.twins), field_label(field.split(".", 1)[-1])

    def draw_sensitivity(self) -> None:
        t = self.tab
        res, snap = t.sens_run.result, t.sens_run.snapshot
        ch = t.tornado
        if res is None:
            ch.reset(self.tr("Tornado chart"))
            t.sens_model.set_rows([])
            return
        name = self.metric_name(res.metric, snap)
        ch.reset("", name)
        fm = QFontMetricsF(ch.item.getAxis("left").style.get("tickFont") or ch.font())
        budget = self.budget = sc.axis_budget(ch.width())
        self.twins = shared_ends(snap)
        rows, bars, ids = [], [], []
        for r in res.rows:
            obj, fld = self.row_label(snap, r.object, r.field)
            whole = f"{obj} · {fld}"
            tip = self.tr("{0}: {1} → {2}, {3} → {4} (swing {5})").format(
                whole, num(r.low), self.fmt(r.metric_low), num(r.high), self.fmt(r.metric_high), self.fmt(r.swing))
            bars.append(sc.TornadoBar(sc.axis_label(obj, fld, budget, fm.horizontalAdvance),
                                      r.metric_low, r.metric_high, tip))
            ids.append(r.object)
            rows.append({"id": r.object, "input": whole, "object": obj, "field": fld, "value": r.value, "low": r.low,
                         "high": r.high, "metric_low": r.metric_low, "metric_high": r.metric_high, "swing": r.swing,
                         "_ids": [r.object], "_select": selection_for(snap, r.object), "_tip_input": r.field})
        t.bars, t.bar_ids = bars, ids
        low = self.tr("Input lowered by {0}").format(pct(res.p, 0))
        high = self.tr("Input raised by {0}").format(pct(res.p, 0))
        t.tornado_items = sc.tornado(ch, bars, res.base, self.tr("base {0}").format(self.fmt(res.base)), (low, high))
        if not bars:
            ch.set_note(self.tr("No input of the chosen fields changes this metric (inputs of 0 are skipped)."))
        t.sens_model.set_rows(rows)
        inputs = max(len(rows), int(getattr(res, "inputs", 0) or 0))
        shown = (self.tr("{0} inputs").format(integer(inputs)) if inputs == len(rows) else
                 self.tr("the {0} of {1} inputs that move it most").format(integer(len(rows)), integer(inputs)))
        t.sens.hint.setText(self.tr("{0} · base {1} · p = {2}").format(shown, self.fmt(res.base), pct(res.p, 0)))

    def draw_uncertainty(self) -> None:
        t = self.tab
        res, snap = t.unc_run.result, t.unc_run.snapshot
        h, b = t.histogram, t.better
        if res is None:
            return
        name = self.metric_name(res.metric, snap)
        h.reset(self.tr("{0} over {1} samples").format(name, integer(res.samples)), name, self.tr("Samples"))
        grey, dot, dash = sc.BASE_LINE, Qt.PenStyle.DotLine, Qt.PenStyle.DashLine
        marks = [(f"p05 {self.fmt(res.p05)}", res.p05, grey, dot), (f"p50 {self.fmt(res.p50)}", res.p50, grey, dash),
                 (f"p95 {self.fmt(res.p95)}", res.p95, grey, dot),
                 (self.tr("mean {0}").format(self.fmt(res.mean)), res.mean, sc.MEAN_LINE, Qt.PenStyle.SolidLine)]
        t.hist_edges, t.hist_counts = sc.value_histogram(h, list(res.values), marks)
        t.hist_marks = {"p05": res.p05, "p50": res.p50, "p95": res.p95, "mean": res.mean}
        t.unc.hint.setText(self.tr("{0} ranged numbers · mean {1} · p05 {2} · p50 {3} · p95 {4} · seed {5}").format(
            integer(getattr(res, "ranged", 0)), self.fmt(res.mean), self.fmt(res.p05), self.fmt(res.p50),
            self.fmt(res.p95), res.seed))
        shares = sorted(res.p_better_off.items(), key=lambda kv: (-kv[1], object_name(snap, kv[0]), kv[0]))
        b.reset(self.tr("Better off than alone, share of cases"), self.tr("Share of samples"))
        if not shares:
            b.set_note(self.tr("No partner shares a capability: there is no cost game to be better off in."))
            return
        names = [object_name(snap, pid) for pid, _ in shares]
        hbars(b, names, [(self.tr("Better off than alone"), [v for _, v in shares], COLORS["savings"])],
              tooltips=[self.tr("{0}: better off than alone in {1} of cases").format(n, pct(v))
                        for n, (_, v) in zip(names, shares, strict=True)])
        sc.bar_values(b, [v for _, v in shares], [pct(v, 0) for _, v in shares])
        b.item.setXRange(0, 1.12, padding=0)

