"""Canvas performance: the frame time of dragging an entity in a 1,000-entity project
(1,000 entities, 3,000 flows, six ecosystems) — median of repeated mouseMove + repaint."""

from __future__ import annotations

import statistics
import time

from PySide6.QtCore import QPoint, Qt

from tests.ui.canvas_helpers import big_scenario, entity_pos, make_view

FRAMES = 40


def drag_frame_times(qtbot, view, entity_id: str) -> tuple[float, float]:
    """Median wall-clock and CPU time of one drag frame (mouseMove + full repaint)."""
    vp = view.viewport()
    start = entity_pos(view, entity_id)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(vp, start + QPoint(6, 0))  # past the drag threshold
    vp.repaint()
    wall, cpu = [], []
    for k in range(FRAMES):
        p = start + QPoint(8 + (k % 20) * 3, (k % 7) * 2)
        t0, c0 = time.perf_counter(), time.process_time()
        qtbot.mouseMove(vp, p)
        vp.repaint()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=p)
    return statistics.median(wall), statistics.median(cpu)


def test_drag_frame_time_in_a_1000_entity_project(qtbot, record_property):
    view = make_view(qtbot, big_scenario(), size=(1280, 800))
    s = view.scenario
    hub = max(s.entities, key=lambda e: (len(e.ecosystems), len(s.flows_of(e.id))))
    # working zoom: 100 %, centred on the dragged entity
    view.zoom_reset()
    view.centerOn(hub.x, hub.y)
    near, near_cpu = drag_frame_times(qtbot, view, hub.id)
    depth = len(view.document.history)
    # overview: everything visible (fit all), the worst case
    view.fit_all()
    overview, overview_cpu = drag_frame_times(qtbot, view, hub.id)
    assert len(view.document.history) == depth + 1  # each drag was still one command
    record_property("drag_frame_ms_100pct", round(near * 1000, 2))
    record_property("drag_frame_ms_fit_all", round(overview * 1000, 2))
    print(
        f"\ndrag frame median: {near * 1000:.1f} ms wall / {near_cpu * 1000:.1f} ms CPU at 100 %, "
        f"{overview * 1000:.1f} ms wall / {overview_cpu * 1000:.1f} ms CPU fit-all (zoom {view.zoom:.2f}); "
        f"{len(s.entities)} entities, {len(s.flows)} flows, {len(s.flows_of(hub.id))} flows on the dragged one, "
        f"in {len(hub.ecosystems)} ecosystems"
    )
    # generous bounds: a regression guard that survives a busy CI machine
    assert min(near, near_cpu) < 0.06
    assert min(overview, overview_cpu) < 0.15
