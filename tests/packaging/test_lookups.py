"""Every resource lookup goes through ecodesk.paths (importlib.resources), so it works the same in a
clone's editable install, a wheel, pipx and the app folder."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ecodesk import paths
from tests.packaging.wheelbuild import ROOT


def test_no_module_but_paths_finds_files_relative_to_its_own_source() -> None:
    """resources/ and projects/ are not next to the code in a wheel or the app folder: a module that
    walks up from ``__file__`` or names those folders works only in a clone."""
    found = []
    for path in sorted((ROOT / "ecodesk").rglob("*.py")):
        if path.name == "paths.py" or "__pycache__" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name) and node.id == "__file__":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} __file__")
            elif isinstance(node, ast.Constant) and node.value in ("resources", "projects"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert not found, "find files through ecodesk.paths: " + ", ".join(found)


def test_the_clone_serves_its_own_folders_through_the_package_mapping(monkeypatch: pytest.MonkeyPatch) -> None:
    """The editable install maps ecodesk.resources -> resources/ and ecodesk.samples -> projects/."""
    monkeypatch.delenv("ECODESK_RESOURCES", raising=False)
    monkeypatch.delenv("ECODESK_PROJECTS", raising=False)
    if Path(paths.__file__).resolve().parent != ROOT / "ecodesk":
        pytest.skip("ecodesk is not imported from this clone")
    assert paths.resources_dir().resolve() == ROOT / "resources"
    assert paths.projects_dir().resolve() == ROOT / "projects"
    assert paths.translations_dir() / "ecodesk_zh_CN.qm" == paths.resources_dir() / "translations" / "ecodesk_zh_CN.qm"
    assert (paths.translations_dir() / "ecodesk_zh_CN.qm").is_file()
    assert (paths.icons_dir() / "ecodesk.svg").is_file() and (paths.desktop_dir() / "ecodesk.desktop").is_file()
    assert len(list(paths.templates_dir().glob("*.json"))) == 9


def test_environment_overrides_still_win(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ECODESK_RESOURCES", str(tmp_path / "r"))
    monkeypatch.setenv("ECODESK_PROJECTS", str(tmp_path / "p"))
    assert paths.templates_dir() == tmp_path / "r" / "templates"
    assert paths.translations_dir() == tmp_path / "r" / "translations"
    assert paths.projects_dir() == tmp_path / "p"
