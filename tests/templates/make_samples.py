"""Rewrite the sample projects in ``projects/`` from the templates.

    python tests/templates/make_samples.py            # rewrite every sample
    python tests/templates/make_samples.py --check    # exit 1 if a sample is missing or out of date

Each sample ``projects/NAME.ecodesk`` is exactly ``load_template(NAME)`` saved as a project
file (the project keeps the template's Chinese name), so
``open_project(sample).content_equals(load_template(NAME))`` holds;
``tests/templates/test_samples.py`` fails when it no longer does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ecodesk.model.scenario import Project
from ecodesk.paths import projects_dir
from ecodesk.store import SCHEMA_VERSION, ProjectFileError, open_project, write_project_atomic
from ecodesk.templates import list_templates, load_template

#: Templates shipped as sample projects: every template but the blank one.
EXCLUDED = frozenset({"blank"})


def sample_names() -> list[str]:
    return [t.name for t in list_templates() if t.name not in EXCLUDED]


def sample_path(name: str, folder: Path | None = None) -> Path:
    return (folder or projects_dir()) / f"{name}.ecodesk"


def sample_project(name: str) -> Project:
    """What the sample file for template ``name`` must hold."""
    return load_template(name)


def write_sample(name: str, folder: Path | None = None) -> Path:
    path = sample_path(name, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_project_atomic(sample_project(name), path)
    return path


def stale_samples(folder: Path | None = None) -> list[str]:
    """Samples that are missing, do not open, or differ from their template (one sentence each)."""
    problems = []
    for name in sample_names():
        path = sample_path(name, folder)
        if not path.exists():
            problems.append(f"{path.name} is missing.")
            continue
        try:
            project = open_project(path)
        except ProjectFileError as exc:
            problems.append(f"{path.name} does not open: {exc}")
            continue
        if not project.content_equals(sample_project(name)):
            problems.append(f"{path.name} no longer matches template '{name}'.")
            continue
        version = int.from_bytes(path.read_bytes()[60:64], "big")  # PRAGMA user_version
        if version != SCHEMA_VERSION:
            problems.append(f"{path.name} is in file version {version}, not the current {SCHEMA_VERSION}.")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if a sample is out of date")
    parser.add_argument("--folder", type=Path, default=None, help="where the samples live (default: projects/)")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_samples(args.folder)
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    for name in sample_names():
        print(f"wrote {write_sample(name, args.folder)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
