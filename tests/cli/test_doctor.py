"""``ecodesk doctor``: one line per check with how to fix a problem, --json, exit 1 on any
problem; Qt is tried in a child process, so a Qt abort cannot take the doctor with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ecodesk import doctor
from ecodesk.doctor import ProbeResult, check_fonts, check_pyside, check_python, report, run_checks, run_probe

NAMES = ["python", "pyside6", "platform", "fonts_zh", "data_folder", "translations", "templates", "samples"]


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    e = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8", **env}
    e.pop("LC_ALL", None)
    return subprocess.run([sys.executable, "-m", "ecodesk", *args], capture_output=True, text=True, env=e, timeout=180)


def test_doctor_json_on_a_working_machine(tmp_path):
    r = run("doctor", "--json", QT_QPA_PLATFORM="offscreen", ECODESK_DATA_DIR=str(tmp_path / "data"))
    data = json.loads(r.stdout)
    assert [c["name"] for c in data["checks"]] == NAMES
    by = {c["name"]: c for c in data["checks"]}
    assert by["platform"]["ok"] and by["platform"]["detail"] == "'offscreen' starts"
    assert by["data_folder"]["ok"] and str(tmp_path / "data") in by["data_folder"]["detail"]
    assert by["templates"]["ok"] and by["translations"]["ok"]
    assert data["ok"] == all(c["ok"] for c in data["checks"])
    assert r.returncode == (0 if data["ok"] else 1)


def test_doctor_text_lines_and_exit_1_without_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8", ECODESK_DATA_DIR=str(tmp_path / "data"))
    env.pop("XDG_SESSION_TYPE", None)
    r = subprocess.run([sys.executable, "-m", "ecodesk", "doctor"], capture_output=True, text=True, env=env,
                       timeout=180)
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == len(NAMES)
    assert lines[2].startswith("PROBLEM Qt platform: cannot open the window: there is no display")
    # the fonts are still checked (offscreen), and so is everything else
    assert lines[3].startswith("ok      Chinese fonts: ") or "fonts-noto-cjk" in lines[3]
    assert lines[4].startswith("ok      Data folder: ")
    r = subprocess.run([sys.executable, "-m", "ecodesk", "doctor", "--lang", "zh"], capture_output=True, text=True,
                       env=env, timeout=180)
    assert r.stdout.splitlines()[2].startswith("问题  Qt 平台插件：无法打开窗口：没有可用的显示器")


def test_a_qt_abort_in_the_probe_does_not_stop_the_doctor(monkeypatch, tmp_path):
    monkeypatch.setenv("ECODESK_DATA_DIR", str(tmp_path))
    aborting = [sys.executable, "-c",
                "import json, os, sys; print(json.dumps({'pyside6': '6.11.3', 'qt': '6.11.3'}), flush=True); "
                "sys.stderr.write('qt.qpa.xcb: could not connect to display :5\\n'); sys.stderr.flush(); os.abort()"]

    def probe(env):
        if env.get("QT_QPA_PLATFORM") == "offscreen":
            return ProbeResult(versions={"pyside6": "6.11.3"}, started={"platform": "offscreen", "zh_fonts": ["Noto"]})
        return run_probe(env, command=aborting)

    checks = run_checks(env={"DISPLAY": ":5"}, probe=probe, platform_problem=lambda env: None)
    by = {c.name: c for c in checks}
    assert not by["platform"].ok
    assert "could not connect to display :5" in by["platform"].detail[0]
    assert by["pyside6"].ok and by["fonts_zh"].ok
    out = json.loads(report(checks, "en", True))
    assert out["ok"] is False and [c["name"] for c in out["checks"]] == NAMES


def test_probe_timeout_is_reported(monkeypatch):
    hanging = [sys.executable, "-c", "import time; time.sleep(30)"]
    result = run_probe({**os.environ}, command=hanging, timeout=0.5)
    assert result.timed_out and result.started is None
    check = doctor.check_platform(None, ProbeResult(versions={"pyside6": "x"}, timed_out=True))
    assert not check.ok and "did not start within" in check.detail[0]


def test_broken_pyside_on_python_311_is_a_problem():
    bad = check_pyside("6.12.0", None, python=(3, 11))
    assert not bad.ok and "!=6.12.0" in bad.fix[0]
    assert check_pyside("6.12.0", None, python=(3, 12)).ok
    assert check_pyside("6.11.3", None, python=(3, 11)).ok
    missing = check_pyside(None, None)
    assert not missing.ok and "pip install" in missing.fix[0]
    cannot = check_pyside("6.11.3", ProbeResult(stderr="ImportError: libEGL.so.1: cannot open shared object file"))
    assert not cannot.ok and "libEGL.so.1" in cannot.detail[0]


def test_old_python_and_missing_fonts_are_problems():
    assert not check_python((3, 10, 4)).ok and "3.11" in check_python((3, 10, 4)).fix[0]
    assert check_python((3, 11, 0)).ok
    fonts = check_fonts([])
    assert not fonts.ok and "Chinese" in fonts.detail[0]
    assert check_fonts(["Noto Sans CJK SC"]).ok


def test_unwritable_data_folder_and_missing_resources(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    env = {"QT_QPA_PLATFORM": "offscreen", "ECODESK_DATA_DIR": str(blocker / "sub"),
           "ECODESK_RESOURCES": str(tmp_path / "nothing")}
    r = run("doctor", "--json", **env)
    assert r.returncode == 1
    by = {c["name"]: c for c in json.loads(r.stdout)["checks"]}
    assert not by["data_folder"]["ok"] and "ECODESK_DATA_DIR" in by["data_folder"]["fix"]
    assert not by["translations"]["ok"] and not by["templates"]["ok"] and "reinstall" in by["templates"]["fix"]
    r = run("doctor", "--lang", "zh", **env)
    assert "问题  数据文件夹：无法写入" in r.stdout and "Traceback" not in r.stderr
