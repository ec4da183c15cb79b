"""The self-contained app folder (PyInstaller): built by the one documented command, then used like
a planner would — the smoke run (open the sample in the window offscreen, analyse it, Chinese, icon,
exit 0) and the command line from an unrelated folder, with nothing from this environment.

Marked ``packaging`` (about one minute of PyInstaller): ``python -m pytest -m packaging tests/packaging``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.wheelbuild import ROOT

pytestmark = pytest.mark.packaging
pytest.importorskip("PyInstaller", reason='the app folder needs PyInstaller: pip install -e ".[app]"')


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    tmp = tmp_path_factory.mktemp("app")
    done = subprocess.run([sys.executable, str(ROOT / "resources" / "packaging" / "build_app.py"), "--dist",
                           str(tmp / "dist")], capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "ECODESK_SMOKE ok sample=sensor_reuse.ecodesk entities=14 savings=18060000 zh=True qt_zh=True icon=True" in done.stdout
    exe = tmp / "dist" / "ecodesk" / ("ecodesk.exe" if os.name == "nt" else "ecodesk")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ECODESK_", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", ECODESK_DATA_DIR=str(tmp / "data"),
               XDG_CONFIG_HOME=str(tmp / "config"))
    work = tmp / "elsewhere"
    work.mkdir()
    return exe, env, work


def _run(app: tuple[Path, dict[str, str], Path], *args: str) -> subprocess.CompletedProcess[str]:
    exe, env, work = app
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300, cwd=work, env=env,
                          check=False, encoding="utf-8")


def test_the_app_folder_carries_its_data_qt_plugins_and_translations(app) -> None:
    internal = app[0].parent / "_internal"
    assert (internal / "ecodesk" / "resources" / "translations" / "ecodesk_zh_CN.qm").is_file()
    assert len(list((internal / "ecodesk" / "resources" / "templates").glob("*.json"))) == 9
    assert len(list((internal / "ecodesk" / "samples").glob("*.ecodesk"))) == 8
    plugins = {p.name for p in (internal / "PySide6" / "Qt" / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqoffscreen.so", "libqwayland.so"} <= plugins or os.name == "nt"
    assert (internal / "PySide6" / "Qt" / "translations" / "qtbase_zh_CN.qm").is_file()
    size = sum(f.stat().st_size for f in app[0].parent.rglob("*") if f.is_file())
    assert size < 800 * 2**20, f"{size / 2**20:.0f} MB"  # 315 MB when measured; a jump means a stray bundle


def test_the_app_runs_the_command_line_from_any_folder(app) -> None:
    done = _run(app, "--version")
    assert (done.returncode, done.stdout.strip()) == (0, "ecodesk 0.1.0")
    done = _run(app, "templates")
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 9, done.stderr
    assert _run(app, "new", "x.ecodesk", "--template", "sensor_reuse").returncode == 0
    done = _run(app, "analyze", "x.ecodesk", "--lang", "zh")
    assert done.returncode == 0 and "能力复用" in done.stdout, done.stderr
    done = _run(app, "export", "x.ecodesk", "x.png", "--format", "png")
    assert done.returncode == 0 and (app[2] / "x.png").read_bytes()[:4] == b"\x89PNG", done.stderr


def test_the_app_opens_a_project_in_the_window_and_quits(app) -> None:
    assert _run(app, "new", "y.ecodesk", "--template", "catering").returncode == 0
    exe, env, work = app
    done = subprocess.run([str(exe), "open", "y.ecodesk"], capture_output=True, text=True, timeout=300, cwd=work,
                          env=dict(env, ECODESK_STARTUP_PROBE="1"), check=False)
    assert done.returncode == 0 and "ECODESK_WINDOW_SHOWN" in done.stdout, done.stderr
