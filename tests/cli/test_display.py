"""First start without a display or without Qt's X11 libraries: one sentence saying what is
missing and how to get it, exit status 1 — never Qt's raw plugin message and a core dump (134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecodesk import display
from ecodesk.cli import main
from ecodesk.display import NoWindowError, candidate_platforms, fatal_qt_problem, missing_library, platform_problem


def every(name: str) -> bool:
    return True


def without(*missing: str):
    return lambda name: name not in missing


def test_no_display_variable_is_no_display():
    p = platform_problem({}, loadable=every, system="linux")
    assert p is not None and p.kind == "no_display"
    text = p.sentence("en")
    assert "no display" in text and "DISPLAY" in text and "WAYLAND_DISPLAY" in text
    assert text.count(". ") == 0 and text.endswith(".")  # one sentence
    assert "没有可用的显示器" in p.sentence("zh")


def test_missing_xcb_libraries_name_the_packages_and_the_apt_line():
    p = platform_problem({"DISPLAY": ":0"}, loadable=without("libxcb-cursor.so.0", "libxcb-icccm.so.4"), system="linux")
    assert p is not None and p.kind == "libraries"
    assert p.missing == ("libxcb-cursor.so.0", "libxcb-icccm.so.4")
    assert p.apt_line() == "sudo apt-get install libxcb-cursor0 libxcb-icccm4"
    text = p.sentence("en")
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in text and "'sudo apt-get install libxcb-cursor0 libxcb-icccm4'" in text
    assert "Debian/Ubuntu" in text
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in p.sentence("zh")


@pytest.mark.parametrize("env", [
    {"QT_QPA_PLATFORM": "offscreen"},
    {"QT_QPA_PLATFORM": "vnc:size=800x600"},
    {"DISPLAY": ":0"},
    {"WAYLAND_DISPLAY": "wayland-0"},
    {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
    {"ECODESK_SKIP_DISPLAY_CHECK": "1"},
])
def test_a_usable_platform_is_no_problem(env):
    assert platform_problem(env, loadable=every, system="linux") is None


def test_wayland_session_falls_back_to_xcb_and_reports_its_libraries():
    env = {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":1", "XDG_RUNTIME_DIR": "/nonexistent"}
    assert candidate_platforms(env) == ["wayland", "xcb"]
    p = platform_problem(env, loadable=without("libxcb-keysyms.so.1"), system="linux")
    assert p is not None and p.kind == "libraries" and p.packages == ("libxcb-keysyms1",)
    assert platform_problem(env, loadable=every, system="linux") is None


def test_explicit_platform_is_checked():
    assert platform_problem({"QT_QPA_PLATFORM": "xcb"}, loadable=every, system="linux").kind == "no_display"
    assert platform_problem({"QT_QPA_PLATFORM": "wayland"}, loadable=every, system="linux").kind == "no_display"
    assert candidate_platforms({"QT_QPA_PLATFORM": "wayland;xcb"}) == ["wayland", "xcb"]


def test_windows_and_macos_are_not_checked():
    for system in ("win32", "darwin"):
        assert platform_problem({}, loadable=lambda n: False, system=system) is None


def test_qt_fatal_message_becomes_the_sentence():
    messages = ['From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.',
                'Could not load the Qt platform plugin "xcb" in "" even though it was found.',
                'This application failed to start because no Qt platform plugin could be initialized.']
    p = fatal_qt_problem(messages, loadable=without("libxcb-keysyms.so.1"))
    assert p.kind == "libraries" and p.missing == ("libxcb-keysyms.so.1",)  # Qt's cursor hint is not trusted
    p = fatal_qt_problem(["could not connect to display :7", *messages[1:]], loadable=every)
    assert p.kind == "qt" and p.platform == "xcb" and "could not connect to display :7" in p.sentence("en")
    assert "ecodesk doctor" in p.sentence("en")


def test_missing_gui_library_is_named():
    assert missing_library("libEGL.so.1: cannot open shared object file: No such file or directory") == "libEGL.so.1"
    assert display.PlatformProblem("libraries", ("libEGL.so.1",)).apt_line() == "sudo apt-get install libegl1"


def test_open_with_missing_libraries_in_process(tmp_path, monkeypatch, capsys):
    """The command line refuses before Qt is imported (simulated: a finder that misses the cursor library)."""
    f = tmp_path / "p.ecodesk"
    assert main(["new", str(f)]) == 0
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(display, "_loadable", without("libxcb-cursor.so.0"))
    monkeypatch.setattr(display.sys, "platform", "linux")
    told = []
    monkeypatch.setattr(display, "tell_desktop", lambda sentence: told.append(sentence))  # no real notification
    capsys.readouterr()
    assert main(["--lang", "en", "open", str(f)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "libxcb-cursor.so.0" in err and "sudo apt-get install libxcb-cursor0" in err
    assert len(told) == 1 and "sudo apt-get install libxcb-cursor0" in told[0]  # a menu start is told too
    with pytest.raises(NoWindowError):
        display.check_can_open_window()


def _env_without_display() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE", "ECODESK_SKIP_DISPLAY_CHECK")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8")
    env.pop("LC_ALL", None)
    return env


def _project(tmp_path: Path) -> Path:
    f = tmp_path / "p.ecodesk"
    assert main(["new", str(f)]) == 0
    return f


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland only")
def test_real_start_without_display_is_one_sentence_and_exit_1(tmp_path):
    f = _project(tmp_path)
    for args in (["open", str(f)], []):
        r = subprocess.run([sys.executable, "-m", "ecodesk", *args], capture_output=True, text=True,
                           env=_env_without_display(), timeout=120)
        assert r.returncode == 1, (args, r.returncode, r.stderr)  # not 134 / -6 (abort, core dump)
        assert r.stderr.count("\n") == 1, r.stderr
        assert r.stderr.startswith("ecodesk: cannot open the window: there is no display"), r.stderr
        assert "qt.qpa" not in r.stderr and "This application failed" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 only")
def test_qt_abort_is_caught_when_the_check_is_skipped(tmp_path):
    """Whatever makes Qt give up (missing libraries here, no X server on :97 elsewhere), its fatal
    message becomes one sentence and exit 1: no core dump."""
    f = _project(tmp_path)
    env = {**_env_without_display(), "DISPLAY": ":97", "ECODESK_SKIP_DISPLAY_CHECK": "1"}
    r = subprocess.run([sys.executable, "-m", "ecodesk", "--lang", "zh", "open", str(f)], capture_output=True,
                       text=True, env=env, timeout=120)
    assert r.returncode == 1, (r.returncode, r.stderr)
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("ecodesk: 无法打开窗口："), r.stderr
    assert "This application failed" not in r.stderr and "Available platform plugins" not in r.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 only")
def test_pictures_need_no_display_even_when_one_is_named(tmp_path):
    """DISPLAY names a display that cannot be used (no X server on :97, or Qt's X11 libraries
    missing): a picture is still drawn, offscreen, instead of Qt aborting the process."""
    f = _project(tmp_path)
    out = tmp_path / "p.png"
    env = {**_env_without_display(), "DISPLAY": ":97"}
    r = subprocess.run([sys.executable, "-m", "ecodesk", "new", str(tmp_path / "s.ecodesk"), "--template",
                        "sensor_reuse"], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "ecodesk", "export", str(tmp_path / "s.ecodesk"), str(out)],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, (r.returncode, r.stderr)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and f.exists()


def test_qt_that_cannot_be_imported_is_one_sentence(tmp_path):
    f = _project(tmp_path)
    code = ("import sys; sys.modules['PySide6'] = None; from ecodesk.cli import main; "
            f"sys.exit(main(['--lang', 'en', 'open', {str(f)!r}]))")
    env = {**_env_without_display(), "QT_QPA_PLATFORM": "offscreen"}
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 1, r.stderr
    assert r.stderr.count("\n") == 1 and "PySide6 (Qt) cannot be imported" in r.stderr and "pip install" in r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr


def test_missing_gui_library_at_import_names_its_package():
    err = display.import_failure(ImportError("libEGL.so.1: cannot open shared object file: No such file or directory"))
    assert "libEGL.so.1" in err.sentence("en") and "sudo apt-get install libegl1" in err.sentence("en")
    assert "Qt needs system libraries" in err.sentence("en")


def test_a_menu_start_also_shows_the_sentence_as_a_notification(monkeypatch):
    calls = []
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: "/usr/bin/notify-send" if name == "notify-send" else None)
    monkeypatch.setattr("subprocess.Popen", lambda args, **kw: calls.append(args))
    sentence = "cannot open the window: …"
    assert display.tell_desktop(sentence, stderr_is_terminal=False, env={"DISPLAY": ":0"})
    assert calls == [["/usr/bin/notify-send", "--app-name=ecodesk", "ecodesk", sentence]]
    # from a terminal, or with no display to show it on: stderr only
    assert not display.tell_desktop(sentence, stderr_is_terminal=True, env={"DISPLAY": ":0"})
    assert not display.tell_desktop(sentence, stderr_is_terminal=False, env={})
    assert len(calls) == 1
