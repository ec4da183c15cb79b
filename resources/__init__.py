"""Package data of ecodesk (installed as ``ecodesk.resources``): templates, translations, icons and
desktop files. Found through ``ecodesk.paths``; nothing to import here."""
