"""UI layer: the dialogs — preferences, new from template, find, shortcuts, picture options, and
the main window's answers to the document controller's questions (:mod:`.prompter`; the analysis
lives in :mod:`ecodesk.ui.panels`)."""
