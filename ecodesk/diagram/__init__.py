"""Diagram layer (engine side, no Qt): the geometry of the canvas, testable without a display.

* :mod:`~ecodesk.diagram.geometry` — entity outlines, ray exits, convex hulls, fan offsets;
* :mod:`~ecodesk.diagram.routes` — the routes of many flows at once (numpy);
* :mod:`~ecodesk.diagram.flowtable` — every flow of a canvas as one row of numpy arrays,
  culled and clipped against a rect in vectorised batches;
* :mod:`~ecodesk.diagram.flowhits` — hit tests on the flow table (point, rect);
* :mod:`~ecodesk.diagram.layout` — automatic layouts and arrangement of a selection;
* :mod:`~ecodesk.diagram.placement` — positions for entities an import brought without any
  (layered or force-directed, components packed, fixed ones kept);
* :mod:`~ecodesk.diagram.forces` — the multilevel force-directed engine (10,000 entities).

It imports the model at most, never Qt or ``ecodesk.ui`` (an import-linter contract keeps
it so); ``ecodesk.ui.canvas`` draws what these modules compute.
"""
