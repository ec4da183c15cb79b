"""The sample projects (installed as ``ecodesk.samples``); found through ``ecodesk.paths.projects_dir``."""
