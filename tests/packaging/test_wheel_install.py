"""The wheel built from a clean copy of the tree, installed into a FRESH virtual environment (its
dependencies from PyPI, nothing from this environment), used from an unrelated folder as a planner
would: --version, templates, new --template, analyze --lang zh, export --format png, the Chinese
translation, the desktop files.

Marked ``packaging`` (network, about 20-60 s with a warm pip cache): ``python -m pytest -m packaging tests/packaging``.
"""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

import pytest

from ecodesk import __version__
from tests.packaging.wheelbuild import ROOT, build_wheel

pytestmark = pytest.mark.packaging

TEMPLATES = ["blank", "catering", "farm_cobuild", "influencer_tiered", "nev_hub", "o2o_mall", "pharmacy_lockers",
             "s2b2b_appliance", "sensor_reuse"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """(the venv's bin folder, a clean environment, an empty work folder)."""
    tmp = tmp_path_factory.mktemp("wheel-install")
    wheel = build_wheel(tmp, isolated=True)  # the honest build: setuptools fetched as pyproject asks
    venv.create(tmp / "venv", with_pip=True, clear=True)
    bin_dir = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin")
    done = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                           str(wheel)], capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ECODESK_", "VIRTUAL_ENV"))}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8",
               PYTHONIOENCODING="utf-8", ECODESK_DATA_DIR=str(tmp / "data"), XDG_CONFIG_HOME=str(tmp / "config"),
               XDG_DATA_HOME=str(tmp / "share"))
    work = tmp / "elsewhere"
    work.mkdir()
    return bin_dir, env, work


def _run(installed: tuple[Path, dict[str, str], Path], *args: str) -> subprocess.CompletedProcess[str]:
    bin_dir, env, work = installed
    return subprocess.run([str(bin_dir / "ecodesk"), *args], capture_output=True, text=True, timeout=300,
                          cwd=work, env=env, check=False)


def _python(installed: tuple[Path, dict[str, str], Path], code: str) -> str:
    bin_dir, env, work = installed
    done = subprocess.run([str(bin_dir / "python"), "-c", code], capture_output=True, text=True, timeout=300,
                          cwd=work, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_installed_package_is_the_wheel_not_the_clone(installed) -> None:
    where = _python(installed, "import ecodesk, ecodesk.paths as p; print(ecodesk.__file__); "
                               "print(p.resources_dir()); print(p.projects_dir())").splitlines()
    assert all("site-packages" in line and str(ROOT) not in line for line in where), where
    assert where[1].endswith(os.path.join("ecodesk", "resources")) and where[2].endswith(os.path.join("ecodesk", "samples"))


def test_version_and_templates(installed) -> None:
    done = _run(installed, "--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"ecodesk {__version__}")
    done = _run(installed, "templates", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert [line.split("\t")[0] for line in done.stdout.splitlines()] == TEMPLATES


def test_new_from_template_analyze_in_chinese_and_export_png(installed) -> None:
    work = installed[2]
    done = _run(installed, "new", "x.ecodesk", "--template", "sensor_reuse")
    assert done.returncode == 0 and (work / "x.ecodesk").is_file(), done.stderr
    done = _run(installed, "analyze", "x.ecodesk", "--lang", "zh")
    assert done.returncode == 0, done.stderr
    assert "能力复用" in done.stdout and "总节约" in done.stdout
    done = _run(installed, "export", "x.ecodesk", "x.png", "--format", "png")
    assert done.returncode == 0, done.stderr
    data = (work / "x.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def test_the_chinese_translation_and_the_icon_load_from_the_wheel(installed) -> None:
    out = _python(installed, "from PySide6.QtWidgets import QApplication; app = QApplication([]); "
                             "from ecodesk.ui.i18n import install_language; ok = install_language('zh'); "
                             "from PySide6.QtCore import QCoreApplication; "
                             "print(ok, QCoreApplication.translate('MainWindow', '&File')); "
                             "from ecodesk.ui.icons import app_icon; print(app_icon().isNull())")
    assert out.split() == ["True", "文件(&F)", "False"]


def test_the_wheel_installs_the_desktop_integration(installed) -> None:
    share = Path(installed[1]["XDG_DATA_HOME"])
    out = _python(installed, "from ecodesk import desktop; r = desktop.install(command=desktop.current_command(), "
                             "refresh=False); print(len(r.written))")
    assert out.strip() == "11"
    entry = (share / "applications" / "ecodesk.desktop").read_text(encoding="utf-8")
    assert f"Exec={installed[0] / 'ecodesk'} open %f" in entry.splitlines()
    assert (share / "mime" / "packages" / "ecodesk-mime.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "ecodesk.png").is_file()
