"""A crash leaves a trace in the user's log folder; logging never stops the program."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(code: str, data_dir) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ECODESK_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)


def test_log_file_and_hard_crash_trace(tmp_path):
    code = ("from ecodesk.logs import setup_logging; import logging, faulthandler; "
            "folder = setup_logging(); logging.getLogger('ecodesk.test').warning('hello 你好'); "
            "print(folder); faulthandler._sigsegv()")
    r = _run(code, tmp_path)
    assert r.returncode != 0  # it really crashed
    logs = tmp_path / "logs"
    assert r.stdout.strip() == str(logs)
    text = (logs / "ecodesk.log").read_text(encoding="utf-8")
    assert "ecodesk 0." in text and "hello 你好" in text
    crash = (logs / "crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error" in crash and "Segmentation fault" in crash


def test_unwritable_data_folder_is_not_fatal(tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    r = _run("from ecodesk.logs import setup_logging; print(setup_logging())", blocker / "sub")
    assert r.returncode == 0 and r.stdout.strip() == "None"


def test_cli_logs_its_errors(tmp_path):
    r = _run("import sys; from ecodesk.cli import main; sys.exit(main(['validate', 'missing.ecodesk']))", tmp_path)
    assert r.returncode == 1
    text = (tmp_path / "logs" / "ecodesk.log").read_text(encoding="utf-8")
    assert "missing.ecodesk" in text
