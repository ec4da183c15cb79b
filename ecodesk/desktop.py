"""Linux desktop integration for the current user: the ``.desktop`` entry (menus, "Open with"), the
``application/x-ecodesk`` type for ``*.ecodesk`` (double-click opens it) and the application icon.

Everything is copied from the package data (``ecodesk.paths.desktop_dir`` / ``icons_dir``) into the
XDG data folder (``$XDG_DATA_HOME``, default ``~/.local/share``); the desktop's caches are then
refreshed with ``update-mime-database`` / ``update-desktop-database`` where those tools exist (no
icon cache is written: a user's icon folder is read without one, and a stale cache would hide icons). :func:`uninstall` removes exactly what :func:`install` wrote.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ecodesk.paths import desktop_dir, icons_dir

DESKTOP_FILE = "ecodesk.desktop"
MIME_FILE = "ecodesk-mime.xml"
ICON_SVG = "ecodesk.svg"
_PNG = re.compile(r"ecodesk-(\d+)\.png")


@dataclass
class DesktopInstall:
    """What :func:`install` wrote and what the cache tools said."""

    data_home: Path
    removing: bool = False
    written: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self, lang: str = "en") -> list[str]:
        """What to tell the user, one sentence a line."""
        zh = lang == "zh"
        n = len(self.written)
        if self.removing:
            out = [f"已从 {self.data_home} 删除 {n} 个文件" if zh else f"removed {n} files from {self.data_home}"]
        else:
            out = [f"已安装 {n} 个文件到 {self.data_home}" if zh else f"installed {n} files into {self.data_home}"]
        if self.refreshed:
            out.append(("已刷新：" if zh else "refreshed: ") + ", ".join(self.refreshed))
        out.extend(self.warnings)
        return out


def data_home() -> Path:
    """``$XDG_DATA_HOME`` (an absolute path), else ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local" / "share"


def icon_sizes() -> list[int]:
    """The PNG sizes shipped (16 … 256), smallest first."""
    found = (_PNG.fullmatch(p.name) for p in (icons_dir() / "png").glob("ecodesk-*.png"))
    return sorted(int(m.group(1)) for m in found if m)


def _targets(home: Path) -> list[tuple[Path, Path]]:
    """(source in the package, destination under ``home``) for every file installed."""
    pairs = [
        (desktop_dir() / DESKTOP_FILE, home / "applications" / DESKTOP_FILE),
        (desktop_dir() / MIME_FILE, home / "mime" / "packages" / MIME_FILE),
        (icons_dir() / ICON_SVG, home / "icons" / "hicolor" / "scalable" / "apps" / ICON_SVG),
    ]
    for size in icon_sizes():
        pairs.append((icons_dir() / "png" / f"ecodesk-{size}.png",
                      home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "ecodesk.png"))
    return pairs


def _exec_line(command: str | None) -> str:
    """``Exec=`` for the entry: ``ecodesk open %f`` when the command is given by name, else its absolute
    path (a venv not activated in the desktop session), quoted as the desktop entry spec asks."""
    command = command or shutil.which("ecodesk")
    if not command or Path(command).name == command:
        return "ecodesk open %f"
    quoted = command.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    program = f'"{quoted}"' if re.search(r"[\s\"'\\`$]", command) else command
    return f"{program} open %f"


def _refresh(tool: str, args: list[str], report: DesktopInstall) -> None:
    path = shutil.which(tool)
    if path is None:
        return
    try:
        done = subprocess.run([path, *args], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        report.warnings.append(f"{tool} did not run ({exc}).")
        return
    if done.returncode == 0:
        report.refreshed.append(tool)
    else:
        report.warnings.append(f"{tool} failed: {(done.stderr or done.stdout).strip()[:200]}")


def install(home: Path | None = None, *, command: str | None = None, refresh: bool = True) -> DesktopInstall:
    """Copy the desktop entry, the MIME type and the icons under ``home`` (default :func:`data_home`).

    ``command`` is the program the entry starts (default: ``ecodesk`` found on PATH, written as an
    absolute path when it lives in a folder the desktop session may not search). Raises OSError when
    a file cannot be written (the message names it)."""
    home = home or data_home()
    report = DesktopInstall(home)
    for src, dest in _targets(home):
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.name == DESKTOP_FILE:
            text = src.read_text(encoding="utf-8")
            text = re.sub(r"(?m)^Exec=.*$", lambda _m: "Exec=" + _exec_line(command), text)
            dest.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(src, dest)
        report.written.append(dest)
    if refresh:
        _refresh("update-mime-database", [str(home / "mime")], report)
        _refresh("update-desktop-database", [str(home / "applications")], report)
    return report


def uninstall(home: Path | None = None, *, refresh: bool = True) -> DesktopInstall:
    """Remove what :func:`install` wrote (nothing else); the report lists the files removed."""
    home = home or data_home()
    report = DesktopInstall(home, removing=True)
    for _src, dest in _targets(home):
        if dest.exists():
            dest.unlink()
            report.written.append(dest)
    if refresh:
        _refresh("update-mime-database", [str(home / "mime")], report)
        _refresh("update-desktop-database", [str(home / "applications")], report)
    return report


def current_command() -> str | None:
    """The ``ecodesk`` program of this installation (the script next to the running Python, the
    frozen app itself), else None to let :func:`install` look on PATH."""
    if getattr(sys, "frozen", False):
        return sys.executable
    beside = Path(sys.executable).with_name("ecodesk")
    return str(beside) if beside.exists() else None


def main(argv: list[str] | None = None) -> int:
    """``python -m ecodesk.desktop [--remove] [--lang zh]``: install (or remove) the integration."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m ecodesk.desktop",
                                     description="Install ecodesk's menu entry, file type and icon for this user.")
    parser.add_argument("--remove", action="store_true", help="remove them again")
    parser.add_argument("--lang", choices=("en", "zh"), default="en")
    args = parser.parse_args(argv)
    try:
        report = uninstall() if args.remove else install(command=current_command())
    except OSError as exc:
        where = f"'{exc.filename}': " if exc.filename else ""
        print(f"ecodesk: {where}{exc.strerror or exc}.", file=sys.stderr)
        return 1
    for line in report.lines(args.lang):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
