"""Robustness: the kill harness — a child process saves a big project and is SIGKILLed mid-way.

Run as a script (``python killharness.py zygote WORK``) this module is the *zygote*: a
child process that opens ``WORK/save.ecodesk`` as a :class:`ProjectFile`, applies the
deterministic edits of :func:`apply_edits` in memory and then, for every trial the
parent asks for, ``fork()``s a worker that performs ONE save (``save``, ``save_as``,
``create`` or ``write_project_atomic``) and exits. Forking from a loaded process makes a
trial cost only the save itself, so hundreds of kills fit in minutes; the worker is a
real, separate process and the parent kills it with a real SIGKILL.

Two kinds of kill:

* **timed** — the parent sleeps a random (seeded) delay after the fork and sends SIGKILL;
  the delays are spread over the whole save as measured beforehand (before, during the
  transaction or the temporary file, during fsync and rename, just after);
* **hooked** — the worker kills *itself* with SIGKILL at an exact point: the k-th
  ``os.fsync`` (before or after it), just before or after ``os.replace``, the k-th tick of
  SQLite's progress handler (inside a statement), or just before ``COMMIT`` — optionally
  with a tiny page cache, so SQLite spills changed pages into the user's file before the
  commit (the worst case: the file is half-overwritten and only the journal can undo it).

The protocol is one JSON object per line on the zygote's stdin/stdout. After a fork the
zygote reports the worker's pid and does not reap it until the parent says so, so the
pid cannot be reused by another process while the parent may still signal it.

The ``ecodesk import --force`` mode does not use the zygote: the parent starts the real
command line (``python -m ecodesk import SRC FILE --force``) and kills that process.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ecodesk.model import Entity, EntityKind, Flow, FlowKind, Project

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]

#: generate_s2b2b(suppliers, distributors, services): ~5,400 entities, ~26,000 flows, a
#: 2.6 MB file; with the edits below one incremental save takes ~0.3 s, a full write ~0.4 s.
SCALE = (250, 5000, 50)
GEN_SEED = 3
EDIT_SEED = 8

#: The in-process ways of writing the harness kills: four of a project file, then an
#: autosave (the recovery file and its info), "Recover" (claiming a recovery) and a CSV
#: folder export over an existing folder (the temporary folder swapped in).
ZYGOTE_MODES = ("save", "save_as", "create", "atomic", "autosave", "recovery", "csv")
TARGETS = {
    "save": "save.ecodesk",
    "save_as": "saveas.ecodesk",
    "create": "create.ecodesk",
    "atomic": "atomic.ecodesk",
    "cli": "cli.ecodesk",
    "autosave": "data/recovery/%s.ecodesk",
    "recovery": "data/recovery/%s.ecodesk",
    "csv": "tables",
}
#: The document key of the recovery the autosave and recovery modes write and claim.
RECOVERY_KEY = "0123456789abcdef0123456789abcdef"
#: A PID no process can have (above Linux's largest pid_max): a recovery left by a crash.
DEAD_PID = 2**22 + 7


def target_path(work: Path, mode: str) -> Path:
    name = TARGETS[mode]
    return work / (name % RECOVERY_KEY if "%s" in name else name)


def data_env(work: Path) -> dict[str, str]:
    """The environment of the zygote: the user's data folder (recoveries) inside ``work``."""
    return {**os.environ, "ECODESK_DATA_DIR": str(work / "data")}


# -- the edits (the same in the zygote and in the parent) ------------------------------


def apply_edits(project: Project, seed: int = EDIT_SEED) -> None:
    """Deterministic edits touching many rows: half the entities moved, a third of the
    flows changed, flows removed, added and moved in the order, new entities, the
    metadata, a renamed scenario and a whole new scenario (a copy)."""
    rng = random.Random(seed)
    s = project.scenario()
    entities = s.entities.values()
    for e in entities[::2]:
        s.replace(e.evolve(x=e.x + 7.5, y=e.y - 3.25, notes=f"{e.notes}·已移动"))
    flows = s.flows.values()
    for f in flows[::3]:
        s.replace(f.evolve(volume=round(f.volume * 1.1 + 1.0, 1)))
    for f in rng.sample(flows, 300):
        s.remove(f.id, Flow)
    for f in rng.sample(s.flows.values(), 30):  # moved in the order (an insert at an index is O(n))
        s.remove(f.id, Flow)
        s.add(f, index=rng.randrange(0, 2000))
    ids = [e.id for e in entities]
    for n in range(200):
        s.add(Entity(f"K{n:04d}", f"崩溃测试主体 {n} 🚚", EntityKind.CHANNEL, "家电零售", x=float(n), y=-1.0 - n))
    for n in range(600):
        a, b = rng.sample(ids, 2)
        s.add(Flow(f"KF{n:05d}", a, b, FlowKind.GOODS, float(n), 1.5, 0.01, "新增"))
    project.set_meta(notes="kill harness: the NEW state 新状态", currency="USD")
    copy = s.copy("副本 (kill harness)")
    project.add_scenario(copy)
    project.rename_scenario(s.name, f"{s.name} · 改")


def fingerprint(project: Project) -> str:
    """A hash of the whole interchange JSON of ``project`` (independent of model equality)."""
    from ecodesk.io.jsonio import project_to_json

    text = json.dumps(project_to_json(project), sort_keys=True, ensure_ascii=False, allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def strays(path: Path) -> list[Path]:
    """Files the writers may leave beside ``path``: temporary files and journals."""
    folder = path.parent
    return sorted(
        p for p in folder.iterdir() if p.name.startswith(f".{path.name}.") or p.name.startswith(f"{path.name}-")
    )


# -- the zygote (child side) ------------------------------------------------------------


def _send(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _install_hooks(hook: dict[str, Any], counts: dict[str, int]) -> None:
    """Patch (in the worker only) sqlite3.connect, os.fsync and os.replace to count calls
    and to SIGKILL the worker at the requested point."""
    import sqlite3

    real_connect, real_fsync, real_replace = sqlite3.connect, os.fsync, os.replace
    tick_at = hook.get("tick")
    at_sql = hook.get("at_sql")
    spill = hook.get("spill", False)

    def progress() -> int:
        counts["ticks"] += 1
        if counts["ticks"] == tick_at:
            _die()
        return 0

    def trace(statement: str) -> None:
        if at_sql and statement.lstrip().upper().startswith(at_sql):
            _die()

    def connect(*args: Any, **kwargs: Any) -> Any:
        conn = real_connect(*args, **kwargs)
        if spill:  # a tiny cache: changed pages reach the user's file before the commit
            conn.execute("PRAGMA cache_size = 4")
        conn.set_progress_handler(progress, 1000)
        conn.set_trace_callback(trace)
        return conn

    def fsync(fd: int) -> None:
        counts["fsync"] += 1
        if hook.get("fsync") == counts["fsync"] and hook.get("when") == "before":
            _die()
        real_fsync(fd)
        if hook.get("fsync") == counts["fsync"] and hook.get("when") == "after":
            _die()

    real_rename = os.rename

    def rename(src: Any, dst: Any) -> None:  # the folder swap's fallback (renameat2 is not hooked)
        if hook.get("replace") == "before":
            _die()
        real_rename(src, dst)
        if hook.get("replace") == "after":
            _die()

    def replace(src: Any, dst: Any) -> None:
        if hook.get("replace") == "before":
            _die()
        real_replace(src, dst)
        if hook.get("replace") == "after":
            _die()

    if hook.get("no_exchange"):  # the folder swap without renameat2: old aside, new in, old removed
        import ecodesk.io.atomic

        ecodesk.io.atomic._exchange = lambda a, b: False
    sqlite3.connect = connect  # type: ignore[assignment]
    os.fsync = fsync
    os.replace = replace
    os.rename = rename


def _worker(pf: Any, msg: dict[str, Any]) -> None:
    from ecodesk.store import ProjectFile, write_project_atomic

    counts = {"ticks": 0, "fsync": 0}
    if msg.get("hook") is not None:
        _install_hooks(msg["hook"], counts)
    mode, target = msg["mode"], msg["target"]
    if mode == "autosave":
        from ecodesk.store.recovery import save_recovery

        save_recovery(pf.project, RECOVERY_KEY, pf.path)
    elif mode == "recovery":  # what choosing "Recover" does to the store: load, then claim
        from ecodesk.store.recovery import claim_recovery, load_recovery, pending_recoveries

        [rec] = pending_recoveries()
        load_recovery(rec)
        claim_recovery(rec)
    elif mode == "csv":
        from ecodesk.io.csvio import export_csv

        export_csv(pf.project, target)
    elif mode == "save":
        pf.save()
    elif mode == "save_as":
        pf.save_as(target)
    elif mode == "create":
        ProjectFile.create(pf.project, target)
    elif mode == "atomic":
        write_project_atomic(pf.project, target)
    else:
        raise ValueError(mode)
    if msg.get("info"):
        Path(msg["info"]).write_text(json.dumps(counts))


def zygote_main(work: Path) -> None:
    from ecodesk.store import ProjectFile

    pf = ProjectFile.open(work / TARGETS["save"])
    apply_edits(pf.project)
    _send({"ready": True, "pid": os.getpid()})
    for line in sys.stdin:
        msg = json.loads(line)
        if msg["cmd"] == "quit":
            break
        pid = os.fork()
        if pid == 0:  # the worker: one save, then out without any cleanup of the zygote's
            code = 0
            try:
                _worker(pf, msg)
            except BaseException:
                traceback.print_exc()
                code = 3
            finally:
                os._exit(code)
        _send({"pid": pid})
        reap = sys.stdin.readline()  # the parent may still signal the pid: keep it ours
        _, status = os.waitpid(pid, 0)
        _send(
            {
                "reaped": reap.strip() != "",
                "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0,
                "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            }
        )


# -- the parent side ----------------------------------------------------------------------


@dataclass
class Run:
    """One trial: whether the worker died by SIGKILL, and how long it lived (parent's clock)."""

    killed: bool
    code: int | None
    seconds: float


class LineReader:
    """Lines from a pipe with a timeout (select on the raw fd, our own buffer)."""

    def __init__(self, fd: int, what: str) -> None:
        self.fd = fd
        self.what = what
        self.buf = b""

    def readline(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.what} did not answer within {timeout} s")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                chunk = os.read(self.fd, 65536)
                if not chunk:
                    raise EOFError(f"{self.what} ended unexpectedly")
                self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return dict(json.loads(line))


class Zygote:
    """The parent's handle on the zygote process."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.errors = work / "zygote.stderr"
        self._err = open(self.errors, "wb")  # closed in close()
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE), "zygote", str(work)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._err,
            cwd=ROOT,
            env=data_env(work),
        )
        assert self.proc.stdout is not None
        self.lines = LineReader(self.proc.stdout.fileno(), "the kill-harness zygote")
        try:
            self.lines.readline(timeout=120)
        except (TimeoutError, EOFError):
            self.close()
            raise RuntimeError(f"zygote failed to start: {self.errors.read_text()}") from None

    def _write(self, obj: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())
        self.proc.stdin.flush()

    def run(
        self, mode: str, *, delay: float | None = None, hook: dict[str, Any] | None = None, info: Path | None = None
    ) -> Run:
        """Fork a worker doing ``mode``; with ``delay``, SIGKILL it that long after the fork."""
        self._write(
            {
                "cmd": "run",
                "mode": mode,
                "target": str(target_path(self.work, mode)),
                "hook": hook,
                "info": str(info or ""),
            }
        )
        pid = int(self.lines.readline(timeout=60)["pid"])
        started = time.perf_counter()
        if delay is not None:
            time.sleep(delay)
            # Safe: the zygote reaps the worker only after our "reap" below, so this pid
            # is still our worker (alive, or a zombie that ignores the signal).
            os.kill(pid, signal.SIGKILL)
        self._write({"cmd": "reap"})
        status = self.lines.readline(timeout=120)
        seconds = time.perf_counter() - started
        return Run(killed=status["signal"] == signal.SIGKILL, code=status["code"], seconds=seconds)

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._write({"cmd": "quit"})
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._err.close()


def cli_command(src: Path, dest: Path) -> list[str]:
    return [sys.executable, "-m", "ecodesk", "import", str(src), str(dest), "--force"]


def run_cli(
    src: Path, dest: Path, delay: float | None = None, *, after_tmp: float | None = None, poll_tmp: bool = False
) -> tuple[Run, float | None]:
    """Run ``ecodesk import SRC DEST --force``. With ``delay``, SIGKILL it that long after
    the start; with ``after_tmp``, that long after its temporary file appeared. Also
    returns when the temporary file was first seen (seconds), if it was watched for."""
    started = time.perf_counter()
    proc = subprocess.Popen(cli_command(src, dest), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    tmp_seen: float | None = None
    try:
        if delay is not None:
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)  # Popen does nothing if it was already reaped
        elif poll_tmp or after_tmp is not None:
            while proc.poll() is None:
                if tmp_seen is None and any(p.name.endswith(".tmp") for p in strays(dest)):
                    tmp_seen = time.perf_counter() - started
                    if after_tmp is not None:
                        time.sleep(after_tmp)
                        proc.send_signal(signal.SIGKILL)
                        break
                time.sleep(0.001)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, -signal.SIGKILL):
        raise AssertionError(f"the import failed by itself ({proc.returncode}): {err.decode(errors='replace')}")
    return Run(killed=proc.returncode == -signal.SIGKILL, code=proc.returncode, seconds=seconds), tmp_seen


@dataclass
class Tally:
    """Per mode: kills, where they landed, and what the file held afterwards."""

    kills: int = 0
    timed: int = 0
    hooked: int = 0
    completed: int = 0
    old: int = 0
    new: int = 0
    mid_write: int = 0  # a journal or temporary file existed after the kill
    file_touched: int = 0  # the user's file itself was already partly overwritten
    recoveries: int = 0  # hot journals recovered by a writable open / the next save
    overwrites: int = 0  # full writes over a file that had a hot journal beside it
    placed: dict[str, int] = field(default_factory=dict)  # how the kills were placed
    phases: dict[str, int] = field(default_factory=dict)  # "what lay beside->state": kills

    def line(self, mode: str, seconds: float = 0.0) -> str:
        placed = ", ".join(f"{k} {v}" for k, v in sorted(self.placed.items()))
        phases = ", ".join(f"{k} {v}" for k, v in sorted(self.phases.items()))
        return (
            f"{mode} (one uninterrupted run {seconds:.2f} s): {self.kills} kills ({self.timed} timed, {self.hooked} at exact points; {placed}); "
            f"{self.completed} runs finished before the kill; file afterwards: old {self.old}, new {self.new}; "
            f"mid-write {self.mid_write}, user file already partly overwritten {self.file_touched}; "
            f"hot-journal recoveries {self.recoveries}, full writes over a hot journal {self.overwrites}; "
            f"by phase: {phases}"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "zygote":
        zygote_main(Path(sys.argv[2]))
    else:
        sys.exit("usage: killharness.py zygote WORK")
