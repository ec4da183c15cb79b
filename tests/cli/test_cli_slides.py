"""``ecodesk export FILE deck.pdf --format slides``: one page per saved view, from a project
file or interchange JSON; the refusal of a project without views; a view of a deleted scenario
(its page says so, a warning on stderr, the deck still written); the language; no display."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ecodesk.cli import main
from ecodesk.io.jsonio import project_to_json
from ecodesk.model import View
from ecodesk.store import write_project_atomic
from ecodesk.templates import load_template
from tests.ui.test_slides import deck_project, extent, norm, page_count, pdf_text

ROOT = Path(__file__).resolve().parents[2]
NO_VIEWS = ("ecodesk: This project has no saved views: add one with Add Current View in the Views panel (View → "
            "Panels → Views), or export --format pdf for the canvas.")


def as_json(project, path: Path) -> Path:
    path.write_text(json.dumps(project_to_json(project), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def orphan_json(tmp_path) -> Path:
    p = deck_project()
    p.add_view(View("v9", "Plan B", "Plan B", (0, 0, 800, 600), "kind", (), "reuse", "Gone."))
    return as_json(p, tmp_path / "views.json")


def test_json_with_views_gives_one_page_per_view_and_warns_of_the_orphan(orphan_json, tmp_path, capsys):
    dest = tmp_path / "deck.pdf"
    assert main(["--lang", "en", "export", str(orphan_json), str(dest), "--format", "slides"]) == 0
    out, err = capsys.readouterr()
    assert f"Exported '{orphan_json}' to '{dest}'." in out
    assert err.strip().splitlines() == [
        "ecodesk: warning: view 'Plan B' shows scenario 'Plan B', which no longer exists; its page says so."]
    assert page_count(dest) == 4
    assert "Scenario 'Plan B' no longer exists." in pdf_text(dest, 4) and "4/4" in pdf_text(dest, 4)
    assert "Capability reuse pays" in pdf_text(dest, 1) and "Who carries the cost" in pdf_text(dest, 2)


def test_a_project_file_and_chinese(tmp_path, capsys):
    p = deck_project("zh")
    src = tmp_path / "生态.ecodesk"
    write_project_atomic(p, src)
    dest = tmp_path / "deck.pdf"
    assert main(["--lang", "en", "export", str(src), str(dest), "--format", "slides", "--trials", "200"]) == 0
    assert capsys.readouterr().err == ""
    assert page_count(dest) == 3
    text = pdf_text(dest, 1)  # the project's language decides the deck's words
    assert norm("能力复用") in text and norm("复用最多的能力") in text and norm("情景「基础情景」") in text
    assert "Total savings" not in text


def test_lang_chooses_the_words_of_a_project_without_a_language(tmp_path, capsys):
    src = as_json(deck_project(""), tmp_path / "p.json")
    dest = tmp_path / "deck.pdf"
    assert main(["--lang", "zh", "export", str(src), str(dest), "--format", "slides"]) == 0
    assert "已将" in capsys.readouterr().out
    assert norm("成本分摊") in pdf_text(dest, 2)


def test_no_views_is_refused_with_one_sentence_and_nothing_written(tmp_path, capsys):
    src = as_json(load_template("sensor_reuse"), tmp_path / "plain.json")
    dest = tmp_path / "deck.pdf"
    assert main(["--lang", "en", "export", str(src), str(dest), "--format", "slides"]) == 1
    out, err = capsys.readouterr()
    assert err.strip() == NO_VIEWS and out == ""
    assert not dest.exists() and sorted(x.name for x in tmp_path.iterdir()) == ["plain.json"]


def test_usage_and_an_existing_deck(tmp_path, capsys):
    src = as_json(deck_project(), tmp_path / "p.json")
    dest = tmp_path / "deck.pdf"
    assert main(["export", str(src), str(dest), "--format", "slides", "--scenario", "基础情景"]) == 2
    assert "leave out --scenario for slides" in capsys.readouterr().err
    dest.write_bytes(b"keep")
    assert main(["--lang", "en", "export", str(src), str(dest), "--format", "slides"]) == 1
    assert "add --force to replace it" in capsys.readouterr().err and dest.read_bytes() == b"keep"
    assert main(["--lang", "en", "export", str(src), str(dest), "--format", "slides", "--force"]) == 0
    assert page_count(dest) == 3
    # a .pdf without --format is still a picture of the canvas, one page
    picture = tmp_path / "map.pdf"
    assert main(["export", str(src), str(picture)]) == 0 and page_count(picture) == 1


def test_without_a_display(tmp_path):
    p = load_template("sensor_reuse")
    p.add_view(View("v1", "Map", p.scenarios[0].name, extent(p), "ecosystem", (), "resilience", "Notes."))
    src = as_json(p, tmp_path / "p.json")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL", "LANGUAGE")}
    env.update(LANG="C.UTF-8", PYTHONIOENCODING="utf-8", PYTHONPATH=str(ROOT))
    dest = tmp_path / "deck.pdf"
    r = subprocess.run([sys.executable, "-m", "ecodesk", "export", str(src), str(dest), "--format", "slides"],
                       capture_output=True, text=True, env=env, timeout=180, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    assert page_count(dest) == 1 and norm("网络韧性") in pdf_text(dest, 1)  # the template's language is Chinese
