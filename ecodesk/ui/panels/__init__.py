"""UI layer: the analysis panel and what it draws on the canvas.

:mod:`~ecodesk.ui.panels.analysis_panel` (the dockable panel), one module per tab
(overview, reuse, cost sharing with the pool editor, resilience, compare),
:mod:`~ecodesk.ui.panels.worker` (analyses off the GUI thread), :mod:`~ecodesk.ui.panels.charts`
(pyqtgraph), :mod:`~ecodesk.ui.panels.tables` (result tables, CSV, clipboard),
:mod:`~ecodesk.ui.panels.colormodes` (canvas colours and marks),
:mod:`~ecodesk.ui.panels.canvaslink` (the panel's side of the canvas),
:mod:`~ecodesk.ui.panels.whatif` and :mod:`~ecodesk.ui.panels.wiring` (how the main window
takes the panel in). The package imports none of them itself, so its modules import each
other directly without a cycle through this file.
"""
