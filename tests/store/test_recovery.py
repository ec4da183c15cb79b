"""Recovery files: written atomically beside nothing of the user's, found after a crash,
skipped while their process runs, compared with the saved file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ecodesk.model import Entity
from ecodesk.store import write_project_atomic
from ecodesk.store.recovery import (
    describe_differences,
    load_recovery,
    new_key,
    pending_recoveries,
    remove_recovery,
    save_recovery,
)
from ecodesk.userdata import recovery_dir


def test_save_find_and_remove(tmp_path, monkeypatch, sensor_project):
    monkeypatch.setenv("ECODESK_DATA_DIR", str(tmp_path / "data"))
    original = tmp_path / "mine.ecodesk"
    write_project_atomic(sensor_project, original)
    before = original.read_bytes()
    key = new_key()
    path = save_recovery(sensor_project, key, original)
    assert path.parent == recovery_dir() and path.parent != original.parent
    assert original.read_bytes() == before  # never over the user's file
    assert pending_recoveries() == []  # this process is alive: not offered
    found = pending_recoveries(include_running=True)
    assert [r.key for r in found] == [key] and found[0].original == original
    assert load_recovery(found[0]).content_equals(sensor_project)
    remove_recovery(key)
    assert pending_recoveries(include_running=True) == []
    assert list(recovery_dir().iterdir()) == []


def test_recovery_of_a_dead_process_is_offered(tmp_path, sensor_project):
    env = {**os.environ, "ECODESK_DATA_DIR": str(tmp_path / "data")}
    code = ("import sys; sys.path.insert(0, 'tests'); from conftest import build_sensor_scenario; "
            "from ecodesk.model import Project; from ecodesk.store.recovery import save_recovery; "
            "save_recovery(Project('崩溃前', scenarios=[build_sensor_scenario()]), 'k1', None); "
            "import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
    r = subprocess.run([sys.executable, "-c", code], env=env, cwd=os.getcwd(), timeout=60)
    assert r.returncode != 0
    os.environ["ECODESK_DATA_DIR"], old = str(tmp_path / "data"), os.environ.get("ECODESK_DATA_DIR")
    try:
        found = pending_recoveries()
        assert [r.key for r in found] == ["k1"] and found[0].title == "崩溃前" and found[0].original is None
        assert "never saved" in found[0].describe()
    finally:
        if old is not None:
            os.environ["ECODESK_DATA_DIR"] = old


def test_damaged_info_is_skipped_and_orphans_cleaned(tmp_path, monkeypatch):
    monkeypatch.setenv("ECODESK_DATA_DIR", str(tmp_path))
    folder = recovery_dir()
    folder.mkdir(parents=True)
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    (folder / "orphan.json").write_text(json.dumps({"pid": 1, "saved_at": 0}), encoding="utf-8")
    assert pending_recoveries() == []
    assert not (folder / "orphan.json").exists()


def test_describe_differences(sensor_project):
    recovered = type(sensor_project)(sensor_project.name, scenarios=[s.copy() for s in sensor_project.scenarios])
    base = recovered.scenario("Base")
    base.add(Entity("new1"))
    base.replace(base.entities["auto"].evolve(name="改"))
    lines = describe_differences(sensor_project, recovered)
    assert lines == ["Scenario 'Base', entities: 1 added, 0 removed, 1 changed."]
    assert describe_differences(sensor_project, sensor_project) == ["No difference from the saved file."]
    assert "never saved" in describe_differences(None, recovered)[0]


def _write_info(key: str, **info) -> None:
    (recovery_dir() / f"{key}.json").write_text(json.dumps({"original": None, "title": "T", "saved_at": 1.0, **info}),
                                               encoding="utf-8")


def test_recovery_survives_pid_reuse(tmp_path, monkeypatch, sensor_project):
    """The recorded PID now belongs to another live process (after a reboot): still offered."""
    from ecodesk.store import recovery as rec_mod

    monkeypatch.setenv("ECODESK_DATA_DIR", str(tmp_path / "data"))
    key = new_key()
    save_recovery(sensor_project, key, None)
    live = os.getppid()  # a live process that did not write it
    assert rec_mod.process_start(live) != ""  # Linux: start times are known
    _write_info(key, pid=live, boot_id=rec_mod.boot_id(), started="1")  # same boot, other start
    assert [r.key for r in pending_recoveries()] == [key]
    _write_info(key, pid=live, boot_id="another-boot", started=rec_mod.process_start(live))
    assert [r.key for r in pending_recoveries()] == [key]
    _write_info(key, pid=live, boot_id=rec_mod.boot_id(), started=rec_mod.process_start(live))
    assert pending_recoveries() == []  # really that process's: skipped while it runs
    _write_info(key, pid=os.getpid())  # an old info file (PID only): as before
    assert pending_recoveries() == []


def test_claimed_recovery_stays_and_is_ours(tmp_path, monkeypatch, sensor_project):
    from ecodesk.store.recovery import claim_recovery

    monkeypatch.setenv("ECODESK_DATA_DIR", str(tmp_path / "data"))
    key = new_key()
    save_recovery(sensor_project, key, None)
    _write_info(key, pid=2**22 + 7)  # a process that is gone
    [found] = pending_recoveries()
    claim_recovery(found)
    info = json.loads((recovery_dir() / f"{key}.json").read_text(encoding="utf-8"))
    assert info["pid"] == os.getpid() and info["title"] == "T"
    assert pending_recoveries() == []  # ours while we run
    assert load_recovery(pending_recoveries(include_running=True)[0]).content_equals(sensor_project)


def test_killed_autosave_temporaries_are_swept(tmp_path, monkeypatch, sensor_project):
    import time

    from ecodesk.store.recovery import STALE_TEMP_SECONDS

    monkeypatch.setenv("ECODESK_DATA_DIR", str(tmp_path / "data"))
    key = new_key()
    save_recovery(sensor_project, key, None)
    folder = recovery_dir()
    old = folder / f".{new_key()}.ecodesk.0123456789ab.tmp"
    old_json = folder / f".{new_key()}.json.ab12cd34.tmp"
    young = folder / f".{new_key()}.ecodesk.ba9876543210.tmp"
    for f in (old, old_json, young):
        f.write_bytes(b"x" * 1000)
    past = time.time() - STALE_TEMP_SECONDS - 60
    for f in (old, old_json):
        os.utime(f, (past, past))
    pending_recoveries()  # on start
    assert not old.exists() and not old_json.exists() and young.exists()
    os.utime(young, (past, past))
    save_recovery(sensor_project, key, None)  # on every autosave
    assert not young.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{key}.ecodesk", f"{key}.json"])
