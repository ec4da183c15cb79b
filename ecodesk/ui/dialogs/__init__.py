"""UI layer: the dialogs — preferences, new from template, find, analysis summary, shortcuts."""
