"""The scaling table of issue 19: ``ecodesk analyze --json`` on platforms of the seed's shape
at several scales (run on demand, not in CI; 20× needs ≈ 2 GB and several minutes).

    python tests/benchmarks/scaling.py [--scales 1 2 4 10 20] [--repeat N] [--markdown]

For each scale: the platform that ``generate.py --scale F`` builds, written once, then
analysed ``--repeat`` times in a fresh process (modules loaded from compiled bytecode, as
installed, after one warm-up run at the first scale). Printed per scale: entities, flows,
median wall time (process start to JSON written), CPU time (user + system of the process and
any process it started), and peak resident memory (VmHWM of the process; with the largest
child's peak if it started any).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_s2b2b  # noqa: E402

CHILD = (
    "import resource, sys, time; t = time.perf_counter(); from ecodesk.cli import main; "
    "import contextlib, io; buf = io.StringIO()\n"
    "with contextlib.redirect_stdout(buf): rc = main(['analyze', sys.argv[1], '--json'])\n"
    "dt = time.perf_counter() - t\n"
    "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime\n"
    "hwm = [int(x.split()[1]) for x in open('/proc/self/status') if x.startswith('VmHWM')][0] / 1024\n"
    "print(rc, dt, cpu, hwm, kids.ru_maxrss / 1024)"
)


def measure(path: Path, repeat: int, env: dict[str, str]) -> tuple[list[float], list[float], float, float]:
    walls, cpus, peak, child_peak = [], [], 0.0, 0.0
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, env=env,
                             timeout=3600)
        walls.append(time.perf_counter() - t0)
        rc, _dt, cpu, hwm, kid = out.stdout.split()
        if rc != "0":
            raise RuntimeError(f"analyze failed on {path}: {out.stderr[-2000:]}")
        cpus.append(float(cpu))
        peak, child_peak = max(peak, float(hwm)), max(child_peak, float(kid))
    return walls, cpus, peak, child_peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="*", default=[1, 2, 4, 10, 20])
    parser.add_argument("--repeat", type=int, default=3, help="runs per scale (default 3)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    from ecodesk.store import write_project_atomic

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    tmp = Path(tempfile.mkdtemp(prefix="ecodesk-scaling-"))
    rows = []
    for i, f in enumerate(args.scales):
        project = generate_s2b2b(*(max(1, round(n * f)) for n in (500, 10_000, 100)), seed=0)
        s = project.scenario()
        n_ent, n_flows = len(s.entities), len(s.flows)
        path = tmp / f"platform{f:g}x.ecodesk"
        write_project_atomic(project, path)
        del project, s
        if i == 0:
            measure(path, 1, env)  # warm-up: bytecode compiled once
        walls, cpus, peak, child_peak = measure(path, args.repeat, env)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        rows.append((f, n_ent, n_flows, wall, min(walls), max(walls), cpu, peak, child_peak))
        if not args.markdown:
            print(f"{f:>5g}x {n_ent:>9,} entities {n_flows:>10,} flows  wall {wall:7.2f} s "
                  f"({min(walls):.2f}–{max(walls):.2f})  CPU {cpu:7.2f} s  peak {peak:7.0f} MB"
                  + (f" (largest child {child_peak:.0f} MB)" if child_peak else ""), flush=True)
        path.unlink()
    if args.markdown:
        print("| scale | entities | flows | wall (median, range) | CPU | peak memory |")
        print("|---|---|---|---|---|---|")
        for f, n_ent, n_flows, wall, lo, hi, cpu, peak, child_peak in rows:
            extra = f" (+ child {child_peak:,.0f} MB)" if child_peak else ""
            print(f"| {f:g}× | {n_ent:,} | {n_flows:,} | {wall:.2f} s ({lo:.2f}–{hi:.2f}) | {cpu:.2f} s | "
                  f"{peak:,.0f} MB{extra} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
