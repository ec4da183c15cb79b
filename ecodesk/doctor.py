"""``ecodesk doctor``: is this machine ready for ecodesk? One line per check, in English or
Chinese, ``--json`` for scripts; exit status 1 when any check fails.

Checks: the Python version; PySide6 and its version (not 6.12.0 on Python 3.11, which
aborts after a few thousand calls — see pyproject.toml); the Qt platform plugin that would be
used (can a window open? — Qt is started in a child process with a timeout, ``ecodesk doctor
--probe`` = :mod:`ecodesk.ui.probe`, so a Qt that aborts cannot take the doctor with it); fonts
that write Chinese; write access to the data folder (logs, recovery); the translations, the
templates and the sample projects being found. Qt is never imported here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

#: Seconds the Qt probe may take (the first start of Qt on a cold disk can be slow).
PROBE_TIMEOUT = 60.0
MIN_PYTHON = (3, 11)
#: PySide6 releases broken on some Pythons: (version, below this Python, why).
BROKEN_PYSIDE = (("6.12.0", (3, 12), "corrupts None's reference count on Python 3.11 and aborts"),)

_LABELS = {
    "python": ("Python", "Python"),
    "pyside6": ("PySide6 (Qt)", "PySide6（Qt）"),
    "platform": ("Qt platform", "Qt 平台插件"),
    "fonts_zh": ("Chinese fonts", "中文字体"),
    "data_folder": ("Data folder", "数据文件夹"),
    "translations": ("Translations", "界面翻译"),
    "templates": ("Templates", "模板"),
    "samples": ("Sample projects", "示例项目"),
}
REINSTALL = ("reinstall ecodesk (pip install --force-reinstall ecodesk, or the app folder again)",
             "重新安装 ecodesk（pip install --force-reinstall ecodesk，或重新解压应用文件夹）")


@dataclass
class Check:
    """One check: ``detail`` says what was found, ``fix`` how to put a problem right (en, zh)."""

    name: str
    ok: bool
    detail: tuple[str, str]
    fix: tuple[str, str] = ("", "")

    def text(self, lang: str) -> tuple[str, str]:
        i = 1 if lang.startswith("zh") else 0
        return self.detail[i], self.fix[i]

    def line(self, lang: str) -> str:
        zh = lang.startswith("zh")
        detail, fix = self.text(lang)
        status = ("正常" if self.ok else "问题") if zh else ("ok" if self.ok else "PROBLEM")
        label = _LABELS[self.name][1 if zh else 0]
        out = f"{status}  {label}：{detail}" if zh else f"{status:<8}{label}: {detail}"
        if fix and not self.ok:
            out += f"——{fix}" if zh else f" — {fix}"
        return out

    def to_json(self, lang: str) -> dict[str, Any]:
        detail, fix = self.text(lang)
        return {"name": self.name, "ok": self.ok, "detail": detail, "fix": fix if not self.ok else ""}


@dataclass
class ProbeResult:
    """What the Qt probe printed before it ended (or was stopped)."""

    versions: dict[str, Any] | None = None
    started: dict[str, Any] | None = None
    stderr: str = ""
    returncode: int | None = None
    timed_out: bool = False
    lines: list[dict[str, Any]] = field(default_factory=list)


def probe_command() -> list[str]:
    """How to start the probe: the frozen app runs itself, Python runs the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "doctor", "--probe"]
    return [sys.executable, "-m", "ecodesk", "doctor", "--probe"]


def run_probe(env: Mapping[str, str] | None = None, *, command: Sequence[str] | None = None,
              timeout: float = PROBE_TIMEOUT) -> ProbeResult:
    """Run the Qt probe in a child process (``env``: its environment)."""
    result = ProbeResult()
    try:
        proc = subprocess.run(list(command or probe_command()), capture_output=True, text=True, timeout=timeout,
                              env=dict(env if env is not None else os.environ), errors="replace")
    except subprocess.TimeoutExpired as exc:
        result.timed_out = True
        out = exc.stdout.decode("utf-8", "replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        result.stderr = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
    except OSError as exc:
        result.stderr = str(exc)
        return result
    else:
        out, result.stderr, result.returncode = proc.stdout, proc.stderr, proc.returncode
    for line in out.splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            result.lines.append(obj)
            if "pyside6" in obj:
                result.versions = obj
            if "platform" in obj:
                result.started = obj
    return result


# the checks ---------------------------------------------------------------------------------------
def check_python(version: tuple[int, ...] | None = None) -> Check:
    v = tuple(version or sys.version_info[:3])
    text = ".".join(map(str, v))
    if v[:2] >= MIN_PYTHON:
        return Check("python", True, (text, text))
    need = ".".join(map(str, MIN_PYTHON))
    return Check("python", False, (f"{text} is too old", f"{text} 版本过低"),
                 (f"install Python {need} or newer and create the virtual environment with it",
                  f"安装 Python {need} 或更新版本，并用它创建虚拟环境"))


def pyside_version() -> str | None:
    """The installed PySide6's version, read from its metadata (no Qt import)."""
    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return None


def check_pyside(version: str | None, probe: ProbeResult | None, python: tuple[int, ...] | None = None) -> Check:
    py = tuple(python or sys.version_info[:2])
    fix_install = ("pip install 'PySide6-Essentials>=6.8,!=6.12.0' (inside the virtual environment)",
                   "在虚拟环境中运行 pip install 'PySide6-Essentials>=6.8,!=6.12.0'")
    if version is None:
        return Check("pyside6", False, ("PySide6 is not installed", "未安装 PySide6"), fix_install)
    for bad, below, why in BROKEN_PYSIDE:
        if version == bad and py[:2] < below:
            return Check("pyside6", False, (f"{version} {why}", f"{version} 在 Python 3.11 上会损坏 None 的引用计数并导致崩溃"),
                         fix_install)
    if probe is not None and probe.versions is None:
        why = _last_line(probe.stderr) or "no answer"
        return Check("pyside6", False, (f"{version} is installed but cannot be imported ({why})",
                                        f"已安装 {version}，但无法导入（{why}）"), fix_install)
    qt = probe.versions.get("qt") if probe is not None and probe.versions else None
    text = f"{version} (Qt {qt})" if qt else version
    return Check("pyside6", True, (text, text.replace(" (", "（").replace(")", "）")))


def check_platform(pre: Any, probe: ProbeResult | None) -> Check:
    """``pre``: :func:`ecodesk.display.platform_problem`'s answer; ``probe``: the child's."""
    from ecodesk.display import fatal_qt_problem

    if pre is not None:
        return Check("platform", False, (pre.sentence("en"), pre.sentence("zh")))
    if probe is None or probe.versions is None:
        return Check("platform", False, ("not tried: PySide6 cannot be imported", "未检查：无法导入 PySide6"))
    if probe.started is not None:
        name = str(probe.started.get("platform", "?"))
        return Check("platform", True, (f"'{name}' starts", f"「{name}」可以启动"))
    if probe.timed_out:
        return Check("platform", False, (f"Qt did not start within {PROBE_TIMEOUT:g} s", f"Qt 在 {PROBE_TIMEOUT:g} 秒内未能启动"),
                     ("run 'ecodesk' from a terminal to see what it waits for", "在终端中运行 ecodesk 查看它在等待什么"))
    problem = fatal_qt_problem(probe.stderr.splitlines())
    return Check("platform", False, (problem.sentence("en"), problem.sentence("zh")))


def check_fonts(families: Sequence[str] | None) -> Check:
    if families is None:
        return Check("fonts_zh", False, ("not checked: Qt did not start", "未检查：Qt 未能启动"))
    if families:
        shown = ", ".join(list(families)[:3]) + (", …" if len(families) > 3 else "")
        return Check("fonts_zh", True, (f"{len(families)} families ({shown})", f"{len(families)} 种（{shown}）"))
    linux = sys.platform.startswith("linux")
    return Check("fonts_zh", False, ("no font writes Chinese: Chinese names show as boxes", "没有可显示中文的字体：中文会显示为方框"),
                 ("on Debian/Ubuntu: sudo apt-get install fonts-noto-cjk" if linux else
                  "install a Chinese font such as Noto Sans CJK SC",
                  "在 Debian/Ubuntu 上：sudo apt-get install fonts-noto-cjk" if linux else "安装中文字体，例如 Noto Sans CJK SC"))


def check_data_folder() -> Check:
    from ecodesk.userdata import data_dir

    folder = data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-", delete=True) as fh:
            fh.write(b"ok")
    except OSError as exc:
        why = exc.strerror or str(exc)
        return Check("data_folder", False, (f"cannot write to {folder} ({why})", f"无法写入 {folder}（{why}）"),
                     ("make it writable, or set ECODESK_DATA_DIR to a folder you can write",
                      "让该文件夹可写，或把 ECODESK_DATA_DIR 设为一个可写的文件夹"))
    return Check("data_folder", True, (f"{folder} (writable)", f"{folder}（可写）"))


def check_translations() -> Check:
    from ecodesk.paths import translations_dir

    qm = translations_dir() / "ecodesk_zh_CN.qm"
    if qm.is_file() and qm.stat().st_size > 0:
        return Check("translations", True, (str(qm), str(qm)))
    return Check("translations", False, (f"{qm} is missing: the app would stay in English",
                                         f"缺少 {qm}：界面只能显示英文"), REINSTALL)


def check_templates() -> Check:
    from ecodesk.paths import templates_dir
    from ecodesk.templates import list_templates

    names = [t.name for t in list_templates()]
    if len(names) > 1:
        return Check("templates", True, (f"{len(names)} in {templates_dir()}", f"{templates_dir()} 中有 {len(names)} 个"))
    return Check("templates", False, (f"none found in {templates_dir()}", f"{templates_dir()} 中没有模板"), REINSTALL)


def check_samples() -> Check:
    from ecodesk.paths import projects_dir

    folder = projects_dir()
    n = len(list(folder.glob("*.ecodesk"))) if folder.is_dir() else 0
    if n:
        return Check("samples", True, (f"{n} in {folder}", f"{folder} 中有 {n} 个"))
    return Check("samples", False, (f"none found in {folder}: the first start shows an empty project",
                                    f"{folder} 中没有示例项目：首次启动将显示空白项目"), REINSTALL)


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def run_checks(*, env: Mapping[str, str] | None = None, probe: Callable[[Mapping[str, str]], ProbeResult] = run_probe,
               platform_problem: Callable[..., Any] | None = None) -> list[Check]:
    """Every check, in order (``probe`` and ``platform_problem`` replaceable for tests)."""
    from ecodesk.display import platform_problem as default_problem

    env = dict(os.environ if env is None else env)
    version = pyside_version()
    pre = (platform_problem or default_problem)(env)
    real: ProbeResult | None = None
    if version is not None and pre is None:
        real = probe(env)
    fonts_probe = real
    if version is not None and (real is None or real.started is None):
        fonts_probe = probe({**env, "QT_QPA_PLATFORM": "offscreen"})  # fonts even without a display
    families = fonts_probe.started.get("zh_fonts") if fonts_probe is not None and fonts_probe.started else None
    return [
        check_python(),
        check_pyside(version, real if real is not None else fonts_probe),
        check_platform(pre, real if pre is None else None) if version is not None else Check(
            "platform", False, ("not tried: PySide6 is not installed", "未检查：未安装 PySide6")),
        check_fonts(families),
        check_data_folder(),
        check_translations(),
        check_templates(),
        check_samples(),
    ]


def report(checks: Sequence[Check], lang: str, as_json: bool) -> str:
    if as_json:
        return json.dumps({"ok": all(c.ok for c in checks), "checks": [c.to_json(lang) for c in checks]},
                          ensure_ascii=False)
    return "\n".join(c.line(lang) for c in checks)


__all__ = ["Check", "ProbeResult", "check_fonts", "check_platform", "check_pyside", "check_python", "probe_command",
           "report", "run_checks", "run_probe"]
