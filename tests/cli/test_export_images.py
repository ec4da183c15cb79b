"""``ecodesk export`` of pictures (png/svg/pdf) and of the HTML report, run as a user would:
a subprocess with no display and no QT_QPA_PLATFORM set."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest

from ecodesk.cli import main
from ecodesk.store import write_project_atomic
from tests.io.report_helpers import HOSTILE, Tables, report_project

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m ecodesk`` as on a server: no DISPLAY, no Wayland, no Qt platform chosen."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL", "LANGUAGE")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "ecodesk", *args], capture_output=True, text=True, env=env,
                          timeout=180, cwd=ROOT)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def project_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("proj") / "生态.ecodesk"
    write_project_atomic(report_project("zh"), path)
    return path


def test_help_documents_scale_and_formats(capsys):
    assert main(["export", "--help"]) == 0
    out = capsys.readouterr().out
    for word in ("--scale", "--select", "png", "svg", "pdf", "html", "--no-legend"):
        assert word in out


def test_png_svg_pdf_without_a_display(tmp_path, project_file):
    for fmt in ("png", "svg", "pdf"):
        dest = tmp_path / f"map.{fmt}"
        r = run("export", str(project_file), str(dest))
        assert r.returncode == 0, r.stderr
        assert r.stderr == "", r.stderr  # no Qt warnings either
        assert f"to '{dest}'" in r.stdout
    assert png_size(tmp_path / "map.png")[0] > 300
    root = DET.parse(tmp_path / "map.svg").getroot()
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "智能传感器企业" in texts and "图例" in texts  # the project's language, Chinese
    pdf = (tmp_path / "map.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1


def test_scale_and_selection(tmp_path, project_file):
    r1 = run("export", str(project_file), str(tmp_path / "a.png"))
    r2 = run("export", str(project_file), str(tmp_path / "b.png"), "--scale", "2")
    r3 = run("export", str(project_file), str(tmp_path / "c.png"), "--select", "sensor,auto")
    assert r1.returncode == r2.returncode == r3.returncode == 0, (r1.stderr, r2.stderr, r3.stderr)
    (w1, h1), (w2, h2), (w3, h3) = (png_size(tmp_path / n) for n in ("a.png", "b.png", "c.png"))
    assert abs(w2 - 2 * w1) <= 1 and abs(h2 - 2 * h1) <= 1
    assert w3 * h3 < w1 * h1 / 2


def test_html_report_without_a_display(tmp_path, project_file):
    dest = tmp_path / "report.html"
    r = run("export", str(project_file), str(dest), "--format", "html", "--trials", "300", "--lang", "en")
    assert r.returncode == 0, r.stderr
    assert "covers scenario" in r.stderr  # the note that only one scenario is in it
    html = dest.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html  # the project is Chinese: --lang does not override it
    assert "data:image/svg+xml;base64," in html  # the canvas picture, drawn headless
    for needle in ("http://", "https://", 'src="//', "<script"):
        assert needle not in html
    assert HOSTILE not in html
    ids = [dict(a).get("id") for t, a in Tables(html).tags if t == "section"]
    assert ids == ["model", "map", "reuse", "cost", "pools", "resilience", "indicators", "sensitivity", "method"]
    assert "蒙特卡洛模拟次数" in html and ">300<" in html  # --trials reached the analysis


def test_report_of_a_blank_scenario_notes_the_missing_map(tmp_path, project_file):
    dest = tmp_path / "blank.html"
    r = run("export", str(project_file), str(dest), "--scenario", "空白")
    assert r.returncode == 0, r.stderr
    html = dest.read_text(encoding="utf-8")
    assert "本报告未包含生态图谱" in html and "data:image/svg+xml" not in html


def test_usage_errors_exit_2(tmp_path, project_file, capsys):
    assert main(["export", str(project_file), str(tmp_path / "x.svg"), "--scale", "2"]) == 2
    assert main(["export", str(project_file), str(tmp_path / "x.png"), "--scale", "0"]) == 2
    assert main(["export", str(project_file), str(tmp_path / "x.json"), "--select", "a"]) == 2
    err = capsys.readouterr().err
    assert "--scale applies to PNG pictures only" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_failures_leave_existing_files_alone(tmp_path, project_file):
    existing = tmp_path / "map.png"
    existing.write_bytes(b"keep me")
    r = run("export", str(project_file), str(existing), "--select", "sensor,ghost", "--force")
    assert r.returncode == 1 and "ghost" in r.stderr and "Traceback" not in r.stderr
    r = run("export", str(project_file), str(existing), "--scenario", "空白", "--force")
    assert r.returncode == 1 and "no entities to draw" in r.stderr
    r = run("export", str(project_file), str(tmp_path / "r.html"), "--scenario", "nope")
    assert r.returncode == 1 and "nope" in r.stderr
    assert existing.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]
