"""The ``ecodesk`` command: clear one-sentence errors, exit codes, no half-written files."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ecodesk.cli import main
from ecodesk.io.jsonio import project_to_json


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("LC_ALL", None)
    return subprocess.run([sys.executable, "-m", "ecodesk", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def digest(path: Path) -> tuple[str, float]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime


@pytest.fixture
def sample_json(tmp_path, sensor_project) -> Path:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(project_to_json(sensor_project), ensure_ascii=False), encoding="utf-8")
    return path


def test_help_for_every_command(capsys):
    for cmd in ("new", "templates", "import", "export", "analyze", "compare", "validate", "open"):
        assert main([cmd, "--help"]) == 0
        assert "usage: ecodesk " + cmd in capsys.readouterr().out


def test_usage_errors_exit_2(capsys):
    assert main(["frobnicate"]) == 2
    assert main(["import"]) == 2
    assert main(["analyze", "x.ecodesk", "--trials", "0"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ecodesk:" in err


def test_import_validate_export_roundtrip(tmp_path, sample_json, sensor_project):
    proj = tmp_path / "p.ecodesk"
    r = run("import", str(sample_json), str(proj))
    assert r.returncode == 0, r.stderr
    r = run("validate", str(proj))
    assert r.returncode == 0 and "is valid" in r.stdout
    out = tmp_path / "out.json"
    r = run("export", str(proj), str(out))
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(sample_json.read_text(encoding="utf-8"))


def test_import_refuses_to_overwrite_without_force(tmp_path, sample_json):
    proj = tmp_path / "p.ecodesk"
    assert main(["import", str(sample_json), str(proj)]) == 0
    before = digest(proj)
    r = run("import", str(sample_json), str(proj))
    assert r.returncode == 1 and "--force" in r.stderr
    assert digest(proj) == before
    assert main(["import", str(sample_json), str(proj), "--force"]) == 0
    assert main(["validate", str(proj)]) == 0


def test_new_and_templates(tmp_path, capsys):
    assert main(["templates"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split("\t")[0] == "blank" and all("\t" in line for line in lines)
    dest = tmp_path / "fresh.ecodesk"
    assert main(["new", str(dest)]) == 0
    assert main(["validate", str(dest)]) == 0
    assert main(["new", str(dest)]) == 1  # exists
    assert main(["new", str(tmp_path / "x.ecodesk"), "--template", "nope"]) == 1
    assert not (tmp_path / "x.ecodesk").exists()


def _bad_files(tmp_path: Path, good: Path) -> dict[str, Path]:
    files: dict[str, Path] = {}
    files["text"] = tmp_path / "notes.ecodesk"
    files["text"].write_text("just some text\n", encoding="utf-8")
    files["random"] = tmp_path / "random.ecodesk"
    files["random"].write_bytes(os.urandom(4096))
    files["empty"] = tmp_path / "empty.ecodesk"
    files["empty"].write_bytes(b"")
    files["foreign"] = tmp_path / "foreign.ecodesk"
    con = sqlite3.connect(files["foreign"])
    con.execute("create table t (a, b)")
    con.execute("insert into t values (1, 2)")
    con.commit()
    con.close()
    files["newer"] = tmp_path / "newer.ecodesk"
    files["newer"].write_bytes(good.read_bytes())
    con = sqlite3.connect(files["newer"])
    con.execute("pragma user_version = 99")
    con.commit()
    con.close()
    data = good.read_bytes()
    files["truncated"] = tmp_path / "truncated.ecodesk"
    files["truncated"].write_bytes(data[: len(data) // 2 + 100])
    files["damaged"] = tmp_path / "damaged.ecodesk"
    mid = len(data) // 2
    files["damaged"].write_bytes(data[:mid] + b"\xde\xad\xbe\xef" * 256 + data[mid + 1024:])
    return files


def test_every_command_refuses_bad_files_and_leaves_them_untouched(tmp_path, sample_json):
    good = tmp_path / "good.ecodesk"
    assert main(["import", str(sample_json), str(good)]) == 0
    for kind, path in _bad_files(tmp_path, good).items():
        before = digest(path)
        for args in (["validate", str(path)], ["export", str(path), str(tmp_path / f"{kind}.json")],
                     ["analyze", str(path), "--json", "--trials", "10", "--orders", "2"]):
            r = run(*args)
            assert r.returncode == 1, (kind, args, r.stdout, r.stderr)
            assert "Traceback" not in r.stderr and r.stderr.strip(), (kind, r.stderr)
            assert path.name in r.stderr, (kind, r.stderr)
            assert digest(path) == before, kind
        assert not (tmp_path / f"{kind}.json").exists()


def test_invalid_inputs_are_named_and_leave_no_output(tmp_path):
    cases = {
        "missing_entity": {"entities": [{"id": "a"}], "flows": [{"id": "f", "source": "a", "target": "zz"}]},
        "duplicate": {"entities": [{"id": "a"}, {"id": "a"}]},
        "self_loop": {"entities": [{"id": "a"}], "flows": [{"id": "f", "source": "a", "target": "a"}]},
        "negative": {"entities": [{"id": "a"}], "capabilities": [{"id": "k", "owner": "a", "fixed_cost": -1}]},
        "risk": {"entities": [{"id": "a", "risk": 1.2}]},
        "not_owner": {"entities": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
                      "capabilities": [{"id": "k", "owner": "a"}],
                      "flows": [{"id": "f", "source": "b", "target": "c", "kind": "capability", "capability": "k"}]},
        "kind": {"entities": [{"id": "a", "kind": "wizard"}]},
        "pool": {"entities": [{"id": "a"}], "pools": [{"id": "p", "members": ["a", "ghost"]}]},
        "missing_id": {"entities": [{"name": "no id"}]},
    }
    expect = {"missing_entity": ("f", "target"), "duplicate": ("a", "id"), "self_loop": ("f", "target"),
              "negative": ("k", "fixed_cost"), "risk": ("a", "risk"), "not_owner": ("f", "source"),
              "kind": ("a", "kind"), "pool": ("p", "members"), "missing_id": ("", "id")}
    for name, data in cases.items():
        src = tmp_path / f"{name}.json"
        src.write_text(json.dumps(data), encoding="utf-8")
        dest = tmp_path / f"{name}.ecodesk"
        r = run("import", str(src), str(dest))
        assert r.returncode == 1, name
        obj, field = expect[name]
        assert f"'{field}'" in r.stderr and (not obj or f"'{obj}'" in r.stderr), (name, r.stderr)
        assert "Traceback" not in r.stderr
        assert not dest.exists(), name
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{name}")] == []


def test_chinese_messages(tmp_path):
    src = tmp_path / "bad.json"
    src.write_text(json.dumps({"entities": [{"id": "a", "risk": 3}]}), encoding="utf-8")
    r = run("--lang", "zh", "validate", str(src))
    assert r.returncode == 1 and "risk" in r.stderr and "不能大于 1" in r.stderr and "主体 'a'" in r.stderr


def test_missing_file_is_one_sentence(tmp_path):
    r = run("validate", str(tmp_path / "nope.ecodesk"))
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "does not exist" in r.stderr


def test_export_unknown_scenario_writes_nothing(tmp_path, sample_json):
    proj = tmp_path / "p.ecodesk"
    assert main(["import", str(sample_json), str(proj)]) == 0
    out = tmp_path / "o.json"
    assert main(["export", str(proj), str(out), "--scenario", "Nope"]) == 1
    assert not out.exists()
    assert main(["export", str(proj), str(out), "--scenario", "Alt"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["name"] == "Alt"


def test_engine_runs_without_qt(tmp_path, sample_json):
    proj = tmp_path / "p.ecodesk"
    assert main(["import", str(sample_json), str(proj)]) == 0
    code = (
        "import sys; from ecodesk.cli import main; "
        f"rc = main(['analyze', {str(proj)!r}, '--json', '--trials', '50', '--orders', '3']); "
        "assert rc == 0; assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules), 'Qt imported'"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


def test_analyze_json_has_every_spec_key(tmp_path, sample_json):
    proj = tmp_path / "p.ecodesk"
    assert main(["import", str(sample_json), str(proj)]) == 0
    r = run("analyze", str(proj), "--json", "--trials", "200", "--orders", "5", "--seed", "3")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    for key in ("capabilities", "total_savings", "reuse_index", "redundancies", "gaps"):
        assert key in data["reuse"]
    for key in ("id", "reuse_count", "amortised_fixed_cost", "shared_cost", "standalone_cost", "savings",
                "ecosystems"):
        assert key in data["reuse"]["capabilities"][0]
    for key in ("players", "total_cost", "total_standalone", "standalone", "shapley", "savings", "in_core",
                "blocking_coalitions", "pools"):
        assert key in data["cost_sharing"]
    for key in ("id", "rule", "allocation", "shapley", "fairness_gap"):
        assert key in data["cost_sharing"]["pools"][0]
    res = data["resilience"]
    for key in ("service_level", "critical_entities", "articulation_points", "robustness", "redundancy",
                "monte_carlo", "cascade"):
        assert key in res
    assert {"id", "service_loss"} <= set(res["critical_entities"][0])
    for kind in ("random", "targeted"):
        assert {"r_index", "curve"} <= set(res["robustness"][kind])
    assert {"trials", "expected_service", "p05", "p50", "p95", "p_below"} <= set(res["monte_carlo"])
    assert res["monte_carlo"]["trials"] == 200
    assert {"id", "cascade_size", "service_level"} <= set(res["cascade"][0])
    for key in ("data_interop_rate", "reverse_data_ratio", "cross_industry_share", "top_hub_share",
                "multi_ecosystem_entities"):
        assert key in data["kpis"]
    again = run("analyze", str(proj), "--json", "--trials", "200", "--orders", "5", "--seed", "3")
    assert again.stdout == r.stdout  # deterministic for a seed


def test_compare_json(tmp_path, sample_json):
    proj = tmp_path / "p.ecodesk"
    assert main(["import", str(sample_json), str(proj)]) == 0
    r = run("compare", str(proj), "Base", "Alt", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["a"] == "Base" and data["b"] == "Alt"
    keys = {f["key"] for f in data["figures"]}
    for key in ("reuse.total_savings", "reuse.reuse_index", "cost_sharing.total_cost",
                "cost_sharing.total_standalone", "resilience.service_level",
                "resilience.robustness.random.r_index", "resilience.robustness.targeted.r_index",
                "resilience.monte_carlo.expected_service", "kpis.data_interop_rate", "kpis.cross_industry_share",
                "kpis.top_hub_share"):
        assert key in keys
    for f in data["figures"]:
        if isinstance(f["a"], (int, float)) and isinstance(f["b"], (int, float)):
            assert f["delta"] == pytest.approx(f["b"] - f["a"])
    assert run("compare", str(proj), "Base", "Nope").returncode == 1


def test_export_never_replaces_the_project_it_reads(tmp_path, sample_json, capsys):
    proj = tmp_path / "p.ecodesk"
    assert main(["import", str(sample_json), str(proj)]) == 0
    before = proj.read_bytes()
    link = tmp_path / "link.ecodesk"
    link.symlink_to(proj)
    hard = tmp_path / "hard.ecodesk"
    os.link(proj, hard)
    capsys.readouterr()
    for dest in (proj, tmp_path / "." / "p.ecodesk", link, hard):
        assert main(["export", str(proj), str(dest), "--format", "json", "--force"]) == 1
        err = capsys.readouterr().err
        assert err == (f"ecodesk: '{dest}' is the file being exported ('{proj}'); writing it would replace the "
                       "project with its export: choose another destination.\n")
    assert proj.read_bytes() == before and link.is_symlink()
    assert main(["export", str(proj), str(proj), "--lang", "zh"]) == 1
    assert "就是正在导出的文件" in capsys.readouterr().err


def test_export_asks_force_for_an_existing_destination(tmp_path, sample_json, capsys):
    proj = tmp_path / "p.ecodesk"
    assert main(["import", str(sample_json), str(proj)]) == 0
    out = tmp_path / "out.json"
    out.write_text("keep me", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", str(proj), str(out)]) == 1
    assert capsys.readouterr().err == f"ecodesk: '{out}' already exists; add --force to replace it.\n"
    assert out.read_text(encoding="utf-8") == "keep me"
    assert main(["export", str(proj), str(out), "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(sample_json.read_text(encoding="utf-8"))
    folder = tmp_path / "tables"
    folder.mkdir()  # an empty folder: nothing to lose, no --force needed
    assert main(["export", str(proj), str(folder)]) == 0 and (folder / "entities.csv").is_file()
    assert main(["export", str(proj), str(folder)]) == 1
    assert "add --force" in capsys.readouterr().err
    assert main(["export", str(proj), str(folder), "--force"]) == 0


def test_export_errors_name_the_destination(tmp_path, sample_json, capsys, monkeypatch):
    import errno

    proj = tmp_path / "p.ecodesk"
    assert main(["import", str(sample_json), str(proj)]) == 0
    capsys.readouterr()
    real_fsync = os.fsync

    def full_disk(fd):  # the write of the temporary file meets a full disk: no file name in the error
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    for name in ("r.html", "out.json"):
        dest = tmp_path / name
        assert main(["export", str(proj), str(dest)]) == 1
        err = capsys.readouterr().err
        assert err == f"ecodesk: '{dest}': No space left on device.\n"
    monkeypatch.setattr(os, "fsync", real_fsync)

    def read_only(src, dst):  # a temporary file in the message would be '.out.json.xxxx.tmp'
        raise PermissionError(errno.EACCES, "Permission denied", str(src))

    monkeypatch.setattr(os, "replace", read_only)
    dest = tmp_path / "out.json"
    assert main(["export", str(proj), str(dest)]) == 1
    assert capsys.readouterr().err == f"ecodesk: '{dest}': Permission denied.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json", "p.ecodesk"]
