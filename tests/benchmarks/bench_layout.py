"""Benchmark: positions on import (not part of the default test run).

Run: ``python tests/benchmarks/bench_layout.py [--repeat R] [--no-import]``

Medians of R runs (after one warm-up) of :func:`ecodesk.diagram.placement.place` on

* **layered**: the S2B2B platform of ``generate.py`` (suppliers → platform → distributors →
  user segments, warehouses and services beside; money turned round, data flows as links),
  at about 1,000 and 10,900 entities;
* **force**: a sparse random graph (a random tree plus as many random edges again, no
  direction), at 1,000 and 10,000 entities, and a denser one of 10,000 entities and 50,000
  edges;

and, unless ``--no-import``, of importing the 10,900-entity S2B2B platform from interchange
JSON written without x and y, against the same file with them (the difference is the layout).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def median_time(fn: Callable[..., Any], repeat: int, *args: Any, **kwargs: Any) -> float:
    fn(*args, **kwargs)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(*args, **kwargs)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def s2b2b(distributors: int) -> Any:
    from generate import generate_s2b2b

    return generate_s2b2b(n_suppliers=max(5, distributors // 20), n_distributors=distributors,
                          n_services=max(2, distributors // 100))


def layered_case(distributors: int) -> tuple[list[str], list[tuple[str, str]], dict[str, str], list[tuple[str, str]]]:
    from ecodesk.io.autoplace import oriented

    sc = s2b2b(distributors).scenario()
    ids = [e.id for e in sc.entities.values()]
    edges, links = oriented(sc.flows.values())
    return ids, edges, {e.id: e.kind.value for e in sc.entities.values()}, links


def random_case(n: int, extra: int, seed: int = 5) -> tuple[list[str], list[tuple[str, str]]]:
    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(n)]
    edges = [(ids[rng.randrange(i)], ids[i]) for i in range(1, n)]
    edges += [(ids[rng.randrange(n)], ids[rng.randrange(n)]) for _ in range(extra)]
    return ids, edges


def main(argv: list[str] | None = None) -> int:
    from ecodesk.diagram.placement import place

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-import", action="store_true")
    args = ap.parse_args(argv)
    rows: list[tuple[str, int, int, str, float]] = []
    for distributors in (900, 10_000):
        ids, edges, kinds, links = layered_case(distributors)
        method = place(ids, edges, {}, kinds, links=links)[1]
        t = median_time(place, args.repeat, ids, edges, {}, kinds, links=links)
        rows.append(("S2B2B platform", len(ids), len(edges) + len(links), method, t))
    for n, extra in ((1000, 1000), (10_000, 10_000), (10_000, 40_000)):
        ids, edges = random_case(n, extra)
        method = place(ids, edges, {}, directed=False)[1]
        t = median_time(place, args.repeat, ids, edges, {}, directed=False)
        rows.append(("random graph", n, len(edges), method, t))
    for what, n, m, method, t in rows:
        print(f"{what:16} {n:>7,} entities {m:>7,} flows  {method:8} median {t:6.2f} s")
    if not args.no_import:
        from ecodesk.io.jsonio import import_json, project_to_json

        data = project_to_json(s2b2b(10_000))
        tmp = Path(tempfile.mkdtemp(prefix="ecodesk-bench-layout-"))
        with_xy = tmp / "with.json"
        with_xy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for sc in data.get("scenarios", [data]):
            for e in sc["entities"]:
                e.pop("x", None)
                e.pop("y", None)
        without = tmp / "without.json"
        without.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        t_with = median_time(import_json, args.repeat, with_xy)
        t_without = median_time(import_json, args.repeat, without)
        print(f"import JSON, 10,9xx entities: with x/y {t_with:.2f} s, without {t_without:.2f} s "
              f"(layout {t_without - t_with:+.2f} s)")
        remarks = import_json(without).import_remarks
        print("remark:", remarks[0][0] if remarks else "(none)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
