"""Where ecodesk finds its resources (templates, translations, icons, desktop files) and sample projects.

The one place every lookup goes through. ``resources/`` and ``projects/`` sit at the top of the
repository and install as package data: ``ecodesk.resources`` and ``ecodesk.samples``
(``package-dir`` in pyproject.toml). They are found through :mod:`importlib.resources`, so the same
code works in a clone with ``pip install -e .``, from a wheel or ``pipx install`` in any folder, and in
the PyInstaller app folder (which carries them as data next to the frozen package).
"""

from __future__ import annotations

import os
from importlib.resources import as_file, files
from pathlib import Path

_RESOURCES = "ecodesk.resources"
_SAMPLES = "ecodesk.samples"


def _package_folder(package: str) -> Path:
    """The folder of ``package`` on disk (a real folder in every way ecodesk is installed)."""
    root = files(package)
    if isinstance(root, Path):
        return root
    with as_file(root) as path:  # a zipped install: importlib extracts it (kept for the process)
        return Path(path)


def resources_dir() -> Path:
    """The resources folder (``resources/`` of a clone, ``ecodesk/resources`` of an install);
    override with ECODESK_RESOURCES."""
    override = os.environ.get("ECODESK_RESOURCES")
    return Path(override) if override else _package_folder(_RESOURCES)


def templates_dir() -> Path:
    return resources_dir() / "templates"


def translations_dir() -> Path:
    """The compiled translations (``ecodesk_zh_CN.qm``)."""
    return resources_dir() / "translations"


def icons_dir() -> Path:
    """The application icon: ``ecodesk.svg`` and ``png/ecodesk-<size>.png``."""
    return resources_dir() / "icons"


def desktop_dir() -> Path:
    """Linux desktop integration: ``ecodesk.desktop`` and the shared-mime-info ``ecodesk-mime.xml``."""
    return resources_dir() / "desktop"


def projects_dir() -> Path:
    """The sample projects (``projects/`` of a clone); override with ECODESK_PROJECTS."""
    override = os.environ.get("ECODESK_PROJECTS")
    return Path(override) if override else _package_folder(_SAMPLES)
