"""The template catalogue through the command line: ``ecodesk templates`` lists them all,
and every template creates (``ecodesk new``), validates and analyses."""

from __future__ import annotations

import json
import re

import pytest

from ecodesk.cli import main
from ecodesk.io.jsonio import read_json_file
from ecodesk.paths import templates_dir
from ecodesk.store import open_project
from ecodesk.templates import list_templates, load_template

HAN = re.compile(r"[\u4e00-\u9fff]")


def listing(capsys: pytest.CaptureFixture[str], lang: str) -> list[tuple[str, str]]:
    capsys.readouterr()
    assert main(["templates", "--lang", lang]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [tuple(line.split("\t")) for line in lines]
    assert all(len(r) == 2 for r in rows), lines
    return rows  # type: ignore[return-value]


def test_templates_lists_every_template_blank_first(capsys, kit):
    files = sorted(p.stem for p in templates_dir().glob("*.json"))
    for lang in ("en", "zh"):
        rows = listing(capsys, lang)
        names = [n for n, _ in rows]
        assert names[0] == "blank"
        assert sorted(names) == files
        assert set(kit.EXPECTED) <= set(names)
        assert names[1:] == sorted(names[1:])
        assert all(title.strip() for _, title in rows)


def test_titles_are_chinese_and_english(capsys):
    en = dict(listing(capsys, "en"))
    zh = dict(listing(capsys, "zh"))
    for name in en:
        assert not HAN.search(en[name]), en[name]
        assert HAN.search(zh[name]), zh[name]
        assert en[name] != zh[name]


def test_template_files_name_their_titles():
    for t in list_templates():
        meta = read_json_file(t.path)["template"]
        assert set(meta) == {"title", "title_zh"}
        assert (t.title, t.title_zh) == (meta["title"], meta["title_zh"])


def test_every_template_creates_validates_and_analyses(tmp_path, capsys, case):
    dest = tmp_path / f"{case}.ecodesk"
    assert main(["new", str(dest), "--template", case]) == 0
    assert main(["validate", str(dest)]) == 0
    assert open_project(dest).content_equals(load_template(case))
    for scenario in load_template(case).scenario_names():
        capsys.readouterr()
        assert main(["analyze", str(dest), "--json", "--scenario", scenario, "--trials", "200", "--orders", "10"]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["scenario"] == scenario
        assert result["resilience"]["monte_carlo"]["trials"] == 200
        for section in ("reuse", "cost_sharing", "resilience", "kpis"):
            assert result[section]
        capsys.readouterr()
        assert main(["analyze", str(dest), "--scenario", scenario, "--lang", "zh", "--trials", "100",
                     "--orders", "5"]) == 0
        summary = capsys.readouterr().out
        assert "能力复用" in summary and "网络韧性" in summary


def test_blank_template_still_creates_an_empty_project(tmp_path):
    dest = tmp_path / "mine.ecodesk"
    assert main(["new", str(dest), "--template", "blank"]) == 0
    project = open_project(dest)
    assert project.name == "mine"
    assert [len(s.entities) for s in project.scenarios] == [0]
