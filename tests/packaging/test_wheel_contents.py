"""The wheel carries the templates, the translations, the icon, the desktop files and the samples
(package data of ecodesk.resources / ecodesk.samples) and every ecodesk subpackage.

Builds a real wheel from a clean copy of the tree (without build isolation: this environment's
setuptools, no network; about 5 s here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.wheelbuild import ROOT, build_wheel, wheel_names


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    return wheel_names(build_wheel(tmp_path_factory.mktemp("wheel")))


def _in_wheel(names: set[str], prefix: str, suffix: str) -> set[str]:
    return {Path(n).name for n in names if n.startswith(prefix) and n.endswith(suffix)}


def test_the_wheel_carries_every_template_and_sample(names: set[str]) -> None:
    templates = {p.name for p in (ROOT / "resources" / "templates").glob("*.json")}
    samples = {p.name for p in (ROOT / "projects").glob("*.ecodesk")}
    assert len(templates) == 9 and "sensor_reuse.json" in templates
    assert _in_wheel(names, "ecodesk/resources/templates/", ".json") == templates
    assert len(samples) == 8
    assert _in_wheel(names, "ecodesk/samples/", ".ecodesk") == samples


def test_the_wheel_carries_the_translation_icon_and_desktop_files(names: set[str]) -> None:
    assert "ecodesk/resources/translations/ecodesk_zh_CN.qm" in names
    assert "ecodesk/resources/icons/ecodesk.svg" in names
    pngs = _in_wheel(names, "ecodesk/resources/icons/png/", ".png")
    assert pngs == {f"ecodesk-{s}.png" for s in (16, 22, 24, 32, 48, 64, 128, 256)}
    assert {"ecodesk/resources/desktop/ecodesk.desktop", "ecodesk/resources/desktop/ecodesk-mime.xml"} <= names


def test_the_wheel_leaves_out_sources_of_generated_files_and_build_scripts(names: set[str]) -> None:
    assert not any(n.endswith(".ts") for n in names)
    assert not any("update_translations" in n or "render_pngs" in n or "/packaging/" in n for n in names)
    assert not any(n.startswith(("resources/", "projects/", "tests/")) for n in names)


def test_every_ecodesk_subpackage_is_in_the_wheel(names: set[str]) -> None:
    """pyproject.toml lists the packages one by one (package-dir maps resources/ and projects/):
    a new subpackage missing from that list would be missing from every install but the clone's."""
    packages = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "ecodesk").rglob("__init__.py")}
    missing = sorted(p for p in packages if f"{p}/__init__.py" not in names)
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml"
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "ecodesk").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules <= names


def test_the_wheel_has_the_ecodesk_command(names: set[str]) -> None:
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert entry.startswith("ecodesk-")
