"""Build the self-contained ecodesk app folder with PyInstaller — one command:

    python -m pip install "pyinstaller>=6.10,<7"        # once (or: pip install -e ".[app]")
    python resources/packaging/build_app.py              # -> dist/ecodesk/ecodesk (Windows: ecodesk.exe)

Steps: build the wheel of this source tree (a clean copy, nothing written into the tree), unpack it
into a staging folder, run PyInstaller on resources/packaging/ecodesk.spec (PySide6's hooks add Qt's
platform plugins and Qt's own translations), then smoke-test the result (ECODESK_SMOKE=1: open the
sample, analyse it, load the Chinese translation and the icon, exit 0). Runs on Linux, Windows and
macOS; each builds for itself (PyInstaller does not cross-compile).

Options: --dist DIR (default: dist/ in the repository, git-ignored), --no-smoke, --keep-work.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TOP = ("ecodesk", "resources", "projects", "pyproject.toml", "README.md")
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build", "dist", "*.ecodesk-journal")


def _run(cmd: list[str], **kw: object) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)  # type: ignore[call-overload]


def stage_wheel(work: Path) -> Path:
    """Build the wheel from a clean copy of the tree and unpack it into ``work/stage``."""
    src = work / "src"
    src.mkdir(parents=True)
    for name in TOP:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, src / name, **(
            {"ignore": JUNK} if (ROOT / name).is_dir() else {}))
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(work / "wheel"),
          str(src)])
    wheel = next((work / "wheel").glob("ecodesk-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(work / "stage")
    return work / "stage"


def smoke(exe: Path) -> float:
    """Run the built program's smoke test offscreen; returns the wall time in seconds."""
    with tempfile.TemporaryDirectory(prefix="ecodesk-smoke-") as tmp:
        env = dict(os.environ, ECODESK_SMOKE="1", QT_QPA_PLATFORM="offscreen", ECODESK_DATA_DIR=str(Path(tmp) / "data"),
                   XDG_CONFIG_HOME=str(Path(tmp) / "config"))
        env.pop("PYTHONPATH", None)
        started = time.perf_counter()
        done = subprocess.run([str(exe)], env=env, cwd=tmp, capture_output=True, text=True, timeout=600, check=False)
        took = time.perf_counter() - started
    line = next((x for x in done.stdout.splitlines() if x.startswith("ECODESK_SMOKE")), "")
    print(line or done.stdout[-2000:] + done.stderr[-2000:], flush=True)
    if done.returncode != 0 or not line.startswith("ECODESK_SMOKE ok"):
        raise SystemExit(f"smoke test failed (exit {done.returncode})")
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app folder goes (default: dist/)")
    parser.add_argument("--no-smoke", action="store_true", help="do not smoke-test the result")
    parser.add_argument("--keep-work", action="store_true", help="keep the staging and PyInstaller work folder")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print('PyInstaller is not installed: python -m pip install "pyinstaller>=6.10,<7"', file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="ecodesk-app-build-"))
    try:
        stage = stage_wheel(work)
        started = time.perf_counter()
        _run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
              "--distpath", str(args.dist), "--workpath", str(work / "pyinstaller"), str(HERE / "ecodesk.spec")],
             env=dict(os.environ, ECODESK_STAGE=str(stage)))
        folder = args.dist / "ecodesk"
        exe = folder / ("ecodesk.exe" if os.name == "nt" else "ecodesk")
        print(f"built {folder} in {time.perf_counter() - started:.0f} s", flush=True)
        if not args.no_smoke:
            print(f"smoke test passed in {smoke(exe):.1f} s", flush=True)
    finally:
        if not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
