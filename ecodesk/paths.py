"""Where ecodesk finds its resources (templates, translations, icons) and sample projects."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """``resources/`` of the checkout (override with ECODESK_RESOURCES)."""
    return Path(os.environ.get("ECODESK_RESOURCES", ROOT / "resources"))


def templates_dir() -> Path:
    return resources_dir() / "templates"


def projects_dir() -> Path:
    """The sample projects shipped in ``projects/``."""
    return Path(os.environ.get("ECODESK_PROJECTS", ROOT / "projects"))
