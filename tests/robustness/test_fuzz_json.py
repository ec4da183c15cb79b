"""Robustness: the interchange JSON importer and the command line on hostile JSON.

Every input is either imported — and then survives export → import and save → open
unchanged — or refused with a :class:`FormatError` whose every sentence names the file
(and, below it, the scenario, collection and index, or the line and column). Nothing
else may escape: no RecursionError from deep nesting, no OverflowError from a 400-digit
number, no UnicodeEncodeError later from an unpaired surrogate. The command line says
the same in lines starting with ``ecodesk:`` and exit status 1, never a traceback.

Inputs: documents built by hypothesis from the format's own keys and field names with
random values; and a seeded loop of mutations of a valid export (text edits, and values
replaced by NaN/Infinity tokens, huge numbers, deep nesting, very long strings, emoji,
empty strings, wrong types, duplicated objects). ``ECODESK_FUZZ`` scales the loop
(a fifth of it, at least 1,000).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import random
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecodesk.cli import main
from ecodesk.io.errors import FormatError
from ecodesk.io.jsonio import PROJECT_FIELDS, export_json, import_json, project_to_json
from ecodesk.model import EntityKind, FlowKind, PoolRule, PoolType
from ecodesk.model.objects import COLLECTIONS
from ecodesk.store import open_project, write_project_atomic
from tests.robustness.fuzzing import ROOT, build_project

LOOP = max(1000, int(os.environ.get("ECODESK_FUZZ", "0")) // 5)

DEEP = 50_000  # levels of nesting: beyond Python's recursion limit


class JsonChecker:
    """Feeds one JSON file to import_json and the CLI; returns the outcome."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.outcomes: dict[str, int] = {}

    def __call__(self, text: str | bytes, name: str = "input.json") -> str:
        path = self.work / name
        path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
        outcome = self.check(path)
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1
        return outcome

    def check(self, path: Path) -> str:
        name = path.name
        try:
            project = import_json(path)
        except FormatError as exc:
            for lang in ("en", "zh"):
                sentences = exc.sentences(lang)
                assert sentences and all(s.strip() for s in sentences)
                for s in sentences:  # each names its place: the file first (or is the summary line)
                    assert s.startswith(f"'{name}'") or s.startswith("…"), s
            self.cli(path, ok=False)
            return "refused"
        # accepted: it must survive the round trips unchanged
        again = self.work / "again.json"
        export_json(project, again)
        assert import_json(again).content_equals(project)
        saved = self.work / "saved.ecodesk"
        write_project_atomic(project, saved)
        assert open_project(saved).content_equals(project)
        self.cli(path, ok=True)
        return "imported"

    def cli(self, path: Path, *, ok: bool) -> None:
        dest = self.work / "cli.ecodesk"
        # an accepted file is only validated (its import is the save checked above)
        commands = [["validate", str(path)]] + ([] if ok else [["import", str(path), str(dest), "--force"]])
        for argv in commands:
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                rc = main([*argv, "--lang", "en"])
            lines = err.getvalue().splitlines()
            assert rc == (0 if ok else 1), (argv, err.getvalue())
            assert all(x.startswith("ecodesk: ") for x in lines), lines
            assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue()
            problems = [x for x in lines if not x.startswith("ecodesk: warning: ")]  # e.g. a view of a deleted scenario
            assert bool(problems) != ok
        assert not dest.exists()


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    doc = project_to_json(build_project())
    doc["scenarios"] = doc["scenarios"][:1]  # one scenario is enough, and twice as fast
    return doc


# -- hypothesis: documents from the format's own vocabulary ------------------------------

NASTY_TEXT = ["", " ", "🚚" * 50, "x" * 100_000, "a\x00b", "\ud800", "\udc00x", "NaN", "1e999", "goods", "P", "S0001"]
NUMBERS = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e308, -1e308, 5e-324, 2**63, 1.5]),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=20), st.sampled_from(NASTY_TEXT))
ANY_JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
IDS = st.sampled_from(["a", "b", "c", "P", "eco1", "cap1", "", " a"])
ENUMS = st.sampled_from(
    [
        *(k.value for k in EntityKind),
        *(k.value for k in FlowKind),
        *(k.value for k in PoolRule),
        *(k.value for k in PoolType),
        "bogus",
    ]
)
FIELD_VALUE = st.one_of(
    IDS, ENUMS, NUMBERS, SCALARS, st.lists(IDS, max_size=3), st.dictionaries(IDS, NUMBERS, max_size=3), ANY_JSON
)


def _objects(cname: str) -> st.SearchStrategy[Any]:
    names = [f.name for f in fields(COLLECTIONS[cname])]
    obj = st.dictionaries(st.sampled_from([*names, "bogus"]), FIELD_VALUE, max_size=len(names) + 1)
    return st.one_of(st.lists(obj, max_size=4), ANY_JSON)


SCENARIO = st.fixed_dictionaries(
    {},
    optional={
        "name": st.one_of(st.sampled_from(["Base", "Alt", ""]), SCALARS),
        **{c: _objects(c) for c in COLLECTIONS},
    },
)
DOCUMENT = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "format": st.sampled_from(["ecodesk", "kumu", 1, None]),
            "version": st.one_of(st.sampled_from([1, 0, 2, -1, 1.0, "1", 10**30]), SCALARS),
            "project": st.one_of(
                st.dictionaries(st.sampled_from([*PROJECT_FIELDS, "bogus"]), FIELD_VALUE, max_size=4), ANY_JSON
            ),
            "scenarios": st.one_of(st.lists(SCENARIO, max_size=3), ANY_JSON),
            **{c: _objects(c) for c in COLLECTIONS},
        },
    ),
    ANY_JSON,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=DOCUMENT)
def test_random_documents(doc: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    check = JsonChecker(tmp_path_factory.mktemp("json"))
    check(json.dumps(doc, ensure_ascii=False, allow_nan=True))


# -- a seeded loop of mutations of a valid export ------------------------------------------


def _deep(rng: random.Random) -> str:
    opener, closer = rng.choice((("[", "]"), ('{"a":', "}")))
    inner = "1" if opener == '{"a":' else ""
    return opener * DEEP + inner + closer * DEEP


TOKENS = [
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "9" * 400,
    "-" + "9" * 5000,
    "1e-999",
    "0.0000",
    '"\\ud800"',
    '"\\udfff\\ud800"',
    '"\\ud83d\\ude9a"',
    '"🚚🏭"',
    '""',
    '" "',
    '"' + "长" * 200_000 + '"',
    "null",
    "true",
    "[]",
    "{}",
    '"\\u0000"',
    ",",
    "}",
    "]",
    '"',
    "\\",
    "/*",
    "'x'",
]


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*here, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*here, i))
    return out


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    node = doc
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return doc


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


MARK = "\x00MARK\x00"


def mutate_json(text: str, rng: random.Random) -> tuple[str, str]:
    """A description and a mutated JSON text."""
    roll = rng.random()
    if roll < 0.3:  # text-level
        at = rng.randrange(len(text))
        kind = rng.choice(("token", "token", "delete", "duplicate", "flip", "truncate"))
        if kind == "token":
            tok = rng.choice(TOKENS)
            return f"token {tok[:12]!r} at {at}", text[:at] + tok + text[at:]
        if kind == "delete":
            n = rng.randint(1, 40)
            return f"deleted {n} chars at {at}", text[:at] + text[at + n :]
        if kind == "duplicate":
            n = rng.randint(1, 200)
            return f"duplicated {n} chars at {at}", text[: at + n] + text[at : at + n] + text[at + n :]
        if kind == "flip":
            return f"char at {at} changed", text[:at] + chr(rng.randrange(32, 0x3000)) + text[at + 1 :]
        return f"truncated at {at}", text[:at]
    doc = json.loads(text)  # a fresh copy (faster than deepcopy)
    paths = _paths(doc)
    path = rng.choice(paths)
    kind = rng.choice(("value", "value", "value", "token", "deep", "drop", "dup", "rename"))
    if kind == "value":
        value = rng.choice(
            [
                None,
                True,
                0,
                -1,
                10**30,
                1e308,
                -0.0,
                "",
                " ",
                "x" * 100_000,
                "🚚" * 10,
                [],
                {},
                [1, 2],
                {"a": None},
                "goods",
                "capability",
                "P",
                "S0001",
                "\x00",
            ]
        )
        return f"{path} := {str(value)[:20]!r}", json.dumps(_set(doc, path, value), ensure_ascii=rng.random() < 0.5)
    if kind in ("token", "deep"):
        tok = _deep(rng) if kind == "deep" else rng.choice(TOKENS[:17])
        marked = json.dumps(_set(doc, path, MARK), ensure_ascii=False)
        return f"{path} := {tok[:12]!r}", marked.replace(json.dumps(MARK), tok)
    if not path:
        return "unchanged", json.dumps(doc)
    parent = _get(doc, path[:-1])
    if kind == "drop":
        del parent[path[-1]]
        return f"{path} removed", json.dumps(doc)
    if kind == "dup" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[path[-1]]))
        return f"{path} duplicated", json.dumps(doc)
    if isinstance(parent, dict):
        parent[f"{path[-1]}_x"] = parent.pop(path[-1])
        return f"{path} renamed", json.dumps(doc)
    return "unchanged", json.dumps(doc)


def test_mutated_exports(sample: dict[str, Any], tmp_path: Path) -> None:
    check = JsonChecker(tmp_path)
    text = json.dumps(sample, ensure_ascii=False, indent=1)
    rng = random.Random(20240601)
    for i in range(LOOP):
        what, mutated = mutate_json(text, rng)
        try:
            check(mutated)
        except AssertionError as exc:
            raise AssertionError(f"input {i} ({what}): {exc}") from None
        except Exception as exc:
            raise AssertionError(f"input {i} ({what}): {type(exc).__name__}: {exc}") from exc
    print(f"\n{LOOP} mutated JSON exports: {check.outcomes}")
    assert check.outcomes.get("imported", 0) > 0 and check.outcomes.get("refused", 0) > LOOP // 3


# -- the real command line on the nastiest inputs --------------------------------------------

HOSTILE = {
    "deep-array": "[" * DEEP + "]" * DEEP,
    "deep-object": '{"project":' + '{"a":' * DEEP + "1" + "}" * DEEP + "}",
    "big-int": '{"entities":[{"id":"a","risk":' + "9" * 400 + "}]}",
    "giant-int": '{"entities":[{"id":"a","demand":' + "9" * 50_000 + "}]}",
    "nan": '{"entities":[{"id":"a","risk":NaN}]}',
    "infinity": '{"entities":[{"id":"a","demand":-Infinity}]}',
    "1e999": '{"entities":[{"id":"a","demand":1e999}]}',
    "surrogate": '{"entities":[{"id":"a","name":"x\\ud800"}]}',
    "empty": "",
    "bom-only": "\ufeff",
    "gbk": "中文名".encode("gbk"),
    "line-breaks-in-a-key": '{"entities":[{"id":"a","\\risk\\n":1}]}',
    "line-break-in-an-id": '{"flows":[{"id":"f","source":"a\\nb","target":"c"}]}',
    "empty-strings": '{"scenarios":[{"name":"","entities":[{"id":"","name":""}]}]}',
    "too-long-name": '{"entities":[{"id":"a","name":"' + "名" * 100_000 + '"}]}',  # over the 10,000 limit
}
ACCEPTED = {
    "emoji": '{"project":{"name":"🚚🏭"},"entities":[{"id":"🚚","name":"🏭 工厂 ✓"}]}',
    "long-name": '{"entities":[{"id":"a","name":"' + "名" * 10_000 + '"}]}',  # the longest name allowed
    "huge-string": '{"entities":[{"id":"a","notes":"' + "长" * 2_000_000 + '"}]}',
    "bom": "\ufeff" + '{"entities":[{"id":"a"}]}',
    "pair": '{"entities":[{"id":"a","name":"\\ud83d\\ude9a"}]}',
}


@pytest.mark.parametrize("case", [*HOSTILE, *ACCEPTED])
def test_command_line_on_hostile_json(case: str, tmp_path: Path) -> None:
    text = HOSTILE.get(case, ACCEPTED.get(case))
    assert text is not None
    src = tmp_path / f"{case}.json"
    src.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    dest = tmp_path / "out.ecodesk"
    ok = case in ACCEPTED
    for argv in (["validate", str(src)], ["import", str(src), str(dest)]):
        proc = subprocess.run(
            [sys.executable, "-m", "ecodesk", *argv, "--lang", "en"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == (0 if ok else 1), proc.stderr
        lines = proc.stderr.splitlines()
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
        if not ok:
            assert len(lines) == 1 and lines[0].startswith(f"ecodesk: '{case}.json'"), lines
    assert dest.exists() == ok
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([src.name, *(["out.ecodesk"] if ok else [])])
