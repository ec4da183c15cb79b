"""An empty flow table (a blank project) answers every query before numpy is loaded: the
canvas paints a blank project without the table's first row ever importing numpy. Before,
``floating_rows`` of an empty table used the module's ``np`` while it was still None and the
canvas's paint failed with "'NoneType' object has no attribute 'empty'"."""

from __future__ import annotations

import importlib

import ecodesk.diagram.flowtable as flowtable


def test_an_empty_table_answers_every_query_before_numpy_is_loaded():
    fresh = importlib.reload(flowtable)  # the module as on first import: np not bound yet (same dict)
    try:
        assert fresh.np is None
        table = fresh.FlowTable()
        assert table.floating_rows().tolist() == []
        assert table.selected_rows().tolist() == []
        assert table.candidates(0, 0, 100, 100).tolist() == []
        inside, crossing, (segments, owners) = table.visible_rows((0.0, 0.0, 100.0, 100.0))
        assert inside.tolist() == crossing.tolist() == owners.tolist() == [] and segments.shape == (0, 2, 2)
    finally:  # reload re-runs the module in the same dict: bind np again for every other user
        fresh.load_numpy()


def test_a_table_emptied_again_answers_the_same():
    table = flowtable.FlowTable()
    assert table.rows_for([]).tolist() == []
    assert table.floating_rows().tolist() == [] and table.selected_rows().tolist() == []
