"""UI layer: the dialogs — preferences, new from template, find, shortcuts (the analysis lives in
:mod:`ecodesk.ui.panels`)."""
