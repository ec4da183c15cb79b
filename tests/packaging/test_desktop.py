"""Linux desktop integration (ecodesk.desktop): the entry, the MIME type and the icons shipped in the
package, installed into a temporary XDG_DATA_HOME and removed again."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from ecodesk import desktop
from ecodesk.paths import desktop_dir, icons_dir

SIZES = [16, 22, 24, 32, 48, 64, 128, 256]
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _entry(path: Path) -> dict[str, str]:
    """The [Desktop Entry] group: key -> value (keys are case-sensitive, each appears once)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    pairs = [line.split("=", 1) for line in lines[1:] if line and not line.startswith("#")]
    assert all(len(p) == 2 for p in pairs) and len({k for k, _ in pairs}) == len(pairs)
    return {p[0]: p[1] for p in pairs}


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_the_shipped_entry_names_the_command_the_type_and_the_icon() -> None:
    entry = _entry(desktop_dir() / "ecodesk.desktop")
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "ecodesk open %f"
    assert entry["Icon"] == "ecodesk"
    assert entry["MimeType"] == "application/x-ecodesk;"
    assert entry["Categories"] == "Office;"
    assert entry["Name"] == "ecodesk" and "互供生态" in entry["Name[zh_CN]"]
    assert entry["Comment"] and entry["Comment[zh_CN]"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_the_shipped_entry_is_valid_for_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(desktop_dir() / "ecodesk.desktop")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_mime_type_recognises_ecodesk_files_by_name() -> None:
    root = ElementTree.parse(desktop_dir() / "ecodesk-mime.xml").getroot()
    types = root.findall(f"{MIME_NS}mime-type")
    assert [t.get("type") for t in types] == ["application/x-ecodesk"]
    globs = types[0].findall(f"{MIME_NS}glob")
    assert [(g.get("pattern"), int(g.get("weight", "50"))) for g in globs] == [("*.ecodesk", 90)]
    assert {c.get("{http://www.w3.org/XML/1998/namespace}lang") for c in types[0].findall(f"{MIME_NS}comment")} \
        == {None, "zh_CN"}


def test_the_icon_comes_as_svg_and_png_at_every_size() -> None:
    svg = ElementTree.parse(icons_dir() / "ecodesk.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox") == "0 0 256 256"
    assert desktop.icon_sizes() == SIZES
    for size in SIZES:
        assert _png_size(icons_dir() / "png" / f"ecodesk-{size}.png") == (size, size)


def test_install_writes_the_entry_type_and_icons_into_xdg_data_home(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    report = desktop.install(command="/opt/eco desk/bin/ecodesk", refresh=False)
    expected = {
        tmp_path / "applications" / "ecodesk.desktop",
        tmp_path / "mime" / "packages" / "ecodesk-mime.xml",
        tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "ecodesk.svg",
        *(tmp_path / "icons" / "hicolor" / f"{s}x{s}" / "apps" / "ecodesk.png" for s in SIZES),
    }
    assert set(report.written) == expected and all(p.is_file() for p in expected)
    assert report.lines() == [f"installed 11 files into {tmp_path}"]
    assert report.lines("zh") == [f"已安装 11 个文件到 {tmp_path}"]
    # the entry starts this installation's program (quoted: the path has a space), the rest is as shipped
    entry = _entry(tmp_path / "applications" / "ecodesk.desktop")
    assert entry["Exec"] == '"/opt/eco desk/bin/ecodesk" open %f'
    assert entry["MimeType"] == "application/x-ecodesk;" and entry["Icon"] == "ecodesk"
    assert _png_size(tmp_path / "icons" / "hicolor" / "48x48" / "apps" / "ecodesk.png") == (48, 48)
    assert (tmp_path / "mime" / "packages" / "ecodesk-mime.xml").read_bytes() == \
        (desktop_dir() / "ecodesk-mime.xml").read_bytes()


def test_exec_line_keeps_a_plain_command_and_quotes_what_the_spec_reserves() -> None:
    assert desktop._exec_line("ecodesk") == "ecodesk open %f"
    assert desktop._exec_line("/home/a/.venv/bin/ecodesk") == "/home/a/.venv/bin/ecodesk open %f"
    assert desktop._exec_line('/x/a"b$c/ecodesk') == '"/x/a\\"b\\$c/ecodesk" open %f'


def test_data_home_defaults_to_local_share(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home() == tmp_path / ".local" / "share"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # the spec: a relative value is invalid
    assert desktop.data_home() == tmp_path / ".local" / "share"


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="shared-mime-info not installed")
def test_install_registers_the_type_with_the_mime_database(tmp_path: Path) -> None:
    report = desktop.install(tmp_path, command="ecodesk")
    assert "update-mime-database" in report.refreshed, report.warnings
    globs2 = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
    assert "90:application/x-ecodesk:*.ecodesk" in globs2.splitlines()
    assert (tmp_path / "mime" / "application" / "x-ecodesk.xml").is_file()


def test_uninstall_removes_what_install_wrote_and_nothing_else(tmp_path: Path) -> None:
    installed = desktop.install(tmp_path, command="ecodesk", refresh=False)
    mine = tmp_path / "applications" / "other.desktop"
    mine.write_text("[Desktop Entry]\n", encoding="utf-8")
    removed = desktop.uninstall(tmp_path, refresh=False)
    assert sorted(removed.written) == sorted(installed.written)
    assert removed.lines() == [f"removed 11 files from {tmp_path}"]
    assert not any(p.exists() for p in installed.written)
    assert mine.read_text(encoding="utf-8") == "[Desktop Entry]\n"


def test_module_command_installs_and_removes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(desktop, "_refresh", lambda *a: None)
    assert desktop.main(["--lang", "zh"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"已安装 11 个文件到 {tmp_path}"]
    assert (tmp_path / "applications" / "ecodesk.desktop").is_file()
    assert desktop.main(["--remove"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"removed 11 files from {tmp_path}"]
    assert not (tmp_path / "applications" / "ecodesk.desktop").exists()


def test_module_command_names_the_folder_it_cannot_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "share"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    assert desktop.main([]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"ecodesk: '{blocker}") and err.count("\n") == 1
