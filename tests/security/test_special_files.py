"""Files that must not be read: a CSV table that is a symbolic link (its target would be read
and quoted in the error), a named pipe called ``x.ecodesk`` (validate would wait for ever), a
device. Each is refused before anything opens it, with one sentence that names the path and
never the content."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import zipfile

import pytest

from ecodesk.io import FormatError, check_readable, import_file

SECRET = "SECRET-LINE-root:x:0:0"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs and symlinks")


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "ecodesk", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


@pytest.fixture
def linked_folder(tmp_path):
    (tmp_path / "secret.txt").write_text(f"{SECRET}\nmore\n", encoding="utf-8")
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "entities.csv").symlink_to(tmp_path / "secret.txt")
    return folder


def test_symlinked_table_is_refused_without_echo(linked_folder):
    for path in (linked_folder, linked_folder / "entities.csv"):
        with pytest.raises(FormatError) as info:
            import_file(path)
        text = "\n".join(info.value.sentences("en") + info.value.sentences("zh"))
        assert SECRET not in text
        assert info.value.sentences("en") == [
            f"{linked_folder}: entities.csv: is a symbolic link; ecodesk does not follow links inside a CSV "
            "folder or zip (copy the table itself there)."]
    out = run("validate", str(linked_folder))
    assert out.returncode == 1 and SECRET not in out.stderr + out.stdout and "symbolic link" in out.stderr


def test_symlink_member_of_zip_is_refused(tmp_path):
    zpath = tmp_path / "t.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        info = zipfile.ZipInfo("entities.csv")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(FormatError) as exc:
        import_file(zpath)
    assert exc.value.sentences("en")[0].startswith("t.zip: entities.csv: is a symbolic link")


def test_fifo_project_is_refused_at_once(tmp_path):
    for name in ("x.ecodesk", "x.json", "x.graphml"):
        fifo = tmp_path / name
        os.mkfifo(fifo)
        out = run("validate", str(fifo))  # hung for ever before (timeout raises)
        assert out.returncode == 1
        assert out.stderr.strip() == (f"ecodesk: {fifo}: is a named pipe (FIFO), not an ordinary file; "
                                      "ecodesk reads only ordinary files.")
    out = run("import", str(tmp_path / "x.ecodesk"), str(tmp_path / "new.ecodesk"))
    assert out.returncode == 1 and "named pipe" in out.stderr and not (tmp_path / "new.ecodesk").exists()


def test_devices_and_folders_are_refused(tmp_path):
    with pytest.raises(FormatError) as info:
        check_readable("/dev/null")
    assert info.value.sentences("zh") == ["/dev/null: 是设备文件，不是普通文件；ecodesk 只读取普通文件。"]
    with pytest.raises(FormatError) as info:
        check_readable(tmp_path)
    assert info.value.sentences("en") == [f"{tmp_path}: is a folder, not a file."]
    check_readable(tmp_path, folder=True)
    (tmp_path / "ok.json").write_text("{}")
    check_readable(tmp_path / "ok.json")
    check_readable(tmp_path / "missing.json")  # the caller says it is missing


def test_window_open_refuses_a_fifo(tmp_path, qapp):
    from ecodesk.model.errors import EcodeskError
    from ecodesk.ui.document import Document

    fifo = tmp_path / "p.ecodesk"
    os.mkfifo(fifo)
    with pytest.raises(EcodeskError, match="named pipe"):
        Document.load(fifo)


def test_unrelated_symlink_beside_a_table_is_left_alone(tmp_path):
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "entities.csv").write_text("id,name\r\na,A\r\n", encoding="utf-8")
    (folder / "other.csv").symlink_to(tmp_path / "nowhere.csv")  # not a table: never read
    assert [e.id for e in import_file(folder / "entities.csv").scenarios[0].entities] == ["a"]
