"""Engine side of the start-up (standard library only): can a window open here?

Checked before ``QApplication`` exists, so that a machine without a display — a remote shell,
a server — or without the system libraries Qt's X11 plugin needs (``libxcb-cursor0`` …) gets
one clear sentence and exit status 1 instead of Qt's raw plugin message and a core dump
(exit 134). The checks are cheap: environment variables, and on X11 a ``dlopen`` of the
plugin's libraries (which Qt loads a moment later anyway). Only Linux and other X11/Wayland
systems are checked; Windows and macOS always have a display.

``ECODESK_SKIP_DISPLAY_CHECK=1`` skips the check (if it ever refuses a display that works).
:func:`platform_problem` is also what ``ecodesk doctor`` reports.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ecodesk.model.errors import EcodeskError

#: The libraries Qt's xcb platform plugin (``libqxcb.so`` and ``libQt6XcbQpa``) loads, read from
#: their ``ldd`` output, with the Debian/Ubuntu package of each — in the order to name them.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libxcb.so.1", "libxcb1"),
    ("libX11.so.6", "libx11-6"),
)
#: Libraries Qt's GUI module itself needs (a missing one fails ``import PySide6.QtGui``).
GUI_LIBRARIES: dict[str, str] = {
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1", "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0", "libglib-2.0.so.0": "libglib2.0-0",
}
#: Platform plugins that draw without any display server.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"})
SKIP_VARIABLE = "ECODESK_SKIP_DISPLAY_CHECK"


@dataclass(frozen=True)
class PlatformProblem:
    """Why no window can open: ``kind`` is "no_display", "libraries" (``missing`` names them),
    "import" (PySide6 cannot be imported; ``detail``: why) or "qt" (``detail``: what Qt said)."""

    kind: str
    missing: tuple[str, ...] = ()
    detail: str = ""
    platform: str = ""

    @property
    def packages(self) -> tuple[str, ...]:
        """The Debian/Ubuntu packages that provide the missing libraries."""
        known = dict(XCB_LIBRARIES) | GUI_LIBRARIES
        return tuple(dict.fromkeys(known[m] for m in self.missing if m in known))

    def apt_line(self) -> str:
        return "sudo apt-get install " + " ".join(self.packages) if self.packages else ""

    def sentence(self, lang: str = "en") -> str:
        """One sentence: what is missing and how to get it."""
        zh = lang.lower().startswith("zh")
        if self.kind == "no_display":
            if zh:
                return ("无法打开窗口：没有可用的显示器（DISPLAY 和 WAYLAND_DISPLAY 均未设置）——请在桌面会话中"
                        "（或经 ssh -X）启动它，或使用无需显示器的命令，例如 ecodesk analyze、ecodesk export。")
            return ("cannot open the window: there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set) "
                    "— start it in a desktop session (or over ssh -X), or use the commands that need none, such as "
                    "'ecodesk analyze' and 'ecodesk export'.")
        if self.kind == "libraries":
            libs = ", ".join(self.missing)
            what = "Qt 的 X11（xcb）平台插件" if self.platform == "xcb" else "Qt"
            if zh:
                return (f"无法打开窗口：{what}所需的系统库缺失（{libs}）——在 Debian/Ubuntu 上用"
                        f"「{self.apt_line()}」安装，其他系统请安装提供这些库的软件包。")
            what = "Qt's X11 (xcb) platform plugin" if self.platform == "xcb" else "Qt"
            return (f"cannot open the window: {what} needs system libraries that are missing ({libs}) — "
                    f"on Debian/Ubuntu install them with '{self.apt_line()}', elsewhere the packages that provide them.")
        detail = self.detail.rstrip(".")
        if self.kind == "import":
            if zh:
                return (f"无法打开窗口：无法导入 PySide6（Qt）（{detail}）——请在虚拟环境中运行 "
                        "pip install 'PySide6-Essentials>=6.8,!=6.12.0'，再用 ecodesk doctor 检查其余项目。")
            return (f"cannot open the window: PySide6 (Qt) cannot be imported ({detail}) — install it in the virtual "
                    "environment with pip install 'PySide6-Essentials>=6.8,!=6.12.0', then 'ecodesk doctor' checks "
                    "the rest.")
        if zh:
            return (f"无法打开窗口：Qt 无法启动平台插件「{self.platform}」（{detail}）——"
                    "运行 ecodesk doctor 查看缺少什么。")
        return (f"cannot open the window: Qt could not start its platform plugin '{self.platform}' ({detail}) "
                "— run 'ecodesk doctor' to see what is missing.")


class NoWindowError(EcodeskError):
    """The desktop app cannot open a window here (exit status 1, one sentence)."""

    def __init__(self, problem: PlatformProblem) -> None:
        self.problem = problem
        super().__init__(problem.sentence("en"))

    def sentence(self, lang: str = "en") -> str:
        return self.problem.sentence(lang)


def _loadable(name: str) -> bool:
    """True when the dynamic loader finds the shared library ``name`` (a real ``dlopen``)."""
    import ctypes

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def candidate_platforms(env: Mapping[str, str]) -> list[str]:
    """The Qt platform plugins Qt would try, in order: ``QT_QPA_PLATFORM`` (``a;b`` lists
    fallbacks, ``name:options`` carries options), else Wayland first in a Wayland session, then xcb."""
    wanted = env.get("QT_QPA_PLATFORM", "").strip()
    if wanted:
        return [p.split(":", 1)[0].strip().lower() for p in wanted.split(";") if p.strip()]
    wayland = bool(env.get("WAYLAND_DISPLAY")) or env.get("XDG_SESSION_TYPE", "").lower() == "wayland"
    return ["wayland", "xcb"] if wayland else ["xcb"]


def platform_problem(env: Mapping[str, str] | None = None, *, loadable: Callable[[str], bool] | None = None,
                     system: str | None = None,
                     libraries: Sequence[tuple[str, str]] = XCB_LIBRARIES) -> PlatformProblem | None:
    """What keeps Qt from opening a window here, or None when a platform plugin should start.

    ``env`` (default ``os.environ``), ``loadable`` and ``system`` (default ``sys.platform``)
    are parameters so tests can simulate any machine."""
    env = os.environ if env is None else env
    system = sys.platform if system is None else system
    loadable = loadable or _loadable
    if system.startswith(("win", "darwin", "cygwin")) or env.get(SKIP_VARIABLE):
        return None
    problems: list[PlatformProblem] = []
    for name in candidate_platforms(env):
        if name in HEADLESS_PLATFORMS:
            return None
        if name.startswith("wayland"):
            runtime = env.get("XDG_RUNTIME_DIR", "")
            socket = env.get("WAYLAND_DISPLAY") or "wayland-0"
            if env.get("WAYLAND_DISPLAY") or (runtime and os.path.exists(os.path.join(runtime, socket))):
                return None
            problems.append(PlatformProblem("no_display", platform=name))
        elif name == "xcb":
            if not env.get("DISPLAY"):
                problems.append(PlatformProblem("no_display", platform=name))
                continue
            missing = tuple(lib for lib, _ in libraries if not loadable(lib))
            if not missing:
                return None
            problems.append(PlatformProblem("libraries", missing=missing, platform=name))
        else:  # a plugin we do not know: let Qt try it
            return None
    # a missing library says more than a missing display
    return next((p for p in problems if p.kind == "libraries"), problems[0] if problems else None)


def missing_library(message: str) -> str | None:
    """The library named in a loader error ("libEGL.so.1: cannot open shared object file …")."""
    import re

    found = re.search(r"(lib[\w.+-]+\.so(?:\.\d+)*)", message)
    return found.group(1) if found else None


def fatal_qt_problem(messages: Sequence[str], *, loadable: Callable[[str], bool] | None = None) -> PlatformProblem:
    """The problem behind Qt's fatal start-up messages (``qt.qpa.plugin: Could not load the Qt
    platform plugin "xcb" …``): missing X11 libraries when the plugin was xcb and some are
    missing, else Qt's own most specific sentence."""
    import re

    loadable = loadable or _loadable
    text = "\n".join(messages)
    names = re.findall(r'platform plugin "([\w-]+)"', text)
    platform = names[-1] if names else "?"
    if "xcb" in names:
        missing = tuple(lib for lib, _ in XCB_LIBRARIES if not loadable(lib))
        if missing:
            return PlatformProblem("libraries", missing=missing, platform="xcb")
    lines = [ln.strip() for m in messages for ln in m.splitlines() if ln.strip()]
    # Qt's closing lines say nothing specific ("This application failed to start …", the list
    # of plugins), and its xcb-cursor hint shows for any missing library
    specific = [ln for ln in lines if not ln.startswith(("This application failed", "Available platform plugins",
                                                          "From 6.5.0"))]
    return PlatformProblem("qt", detail=(specific or lines or ["no reason given"])[0], platform=platform)


def import_failure(exc: ImportError) -> NoWindowError:
    """The error for a Qt that cannot be imported: a missing system library (``libEGL.so.1``
    …) with its package, else PySide6 itself."""
    lib = missing_library(str(exc))
    if lib is not None:
        return NoWindowError(PlatformProblem("libraries", (lib,)))
    return NoWindowError(PlatformProblem("import", detail=str(exc) or type(exc).__name__))


def tell_desktop(sentence: str, *, stderr_is_terminal: bool | None = None, env: Mapping[str, str] | None = None
                 ) -> bool:
    """Started from a menu (no terminal to read stderr) in a session that has a display but no
    usable Qt: show the sentence as a desktop notification too (``notify-send``), fire and
    forget. True when a notification was sent."""
    import shutil
    import subprocess

    env = os.environ if env is None else env
    if stderr_is_terminal is None:
        try:
            stderr_is_terminal = sys.stderr.isatty()
        except (AttributeError, ValueError):
            stderr_is_terminal = False
    if stderr_is_terminal or not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return False
    tool = shutil.which("notify-send")
    if tool is None:
        return False
    try:
        subprocess.Popen([tool, "--app-name=ecodesk", "ecodesk", sentence], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True


def check_can_open_window() -> None:
    """Raise :class:`NoWindowError` when no window can open here (see :func:`platform_problem`)."""
    problem = platform_problem()
    if problem is not None:
        raise NoWindowError(problem)


__all__ = [
    "GUI_LIBRARIES", "HEADLESS_PLATFORMS", "XCB_LIBRARIES", "NoWindowError", "PlatformProblem", "candidate_platforms",
    "check_can_open_window", "fatal_qt_problem", "import_failure", "missing_library", "platform_problem",
    "tell_desktop",
]
