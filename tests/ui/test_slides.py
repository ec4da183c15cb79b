"""The slide deck (ecodesk.ui.slides): one landscape PDF page per saved view with its title,
canvas, analysis card, notes and "n / N"; refusals and orphan views; the card's figures as
run_analysis gives them; Chinese; File → Export Slides…"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from ecodesk import numfmt
from ecodesk.analysis.run import run_analysis
from ecodesk.io.report_text import Words
from ecodesk.model import FlowKind, Project, View
from ecodesk.templates import load_template
from ecodesk.ui import slides
from ecodesk.ui.slides import SlidesError, build_deck, export_slides
from ecodesk.ui.slides_card import build_card, compare_partner

HAVE_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdfinfo") is not None


def page_count(path: Path) -> int:
    """Pages by pdfinfo, else by the page objects in the file."""
    if HAVE_POPPLER:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def norm(text: str) -> str:
    """Text as compared with a PDF's: NFKC (Qt's PDF writer maps some CJK glyphs to their Kangxi
    radicals, 生 → ⽣, and ligatures to ﬁ), whitespace collapsed, no space around "/"."""
    return " ".join(unicodedata.normalize("NFKC", text).split()).replace(" / ", "/")


def pdf_text(path: Path, page: int | None = None) -> str:
    """The text of the PDF (one page when given), normalised by :func:`norm`."""
    if not HAVE_POPPLER:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return norm(out)


def extent(project: Project) -> tuple[float, float, float, float]:
    s = project.scenarios[0]
    xs, ys = [e.x for e in s.entities], [e.y for e in s.entities]
    return (min(xs) - 60, min(ys) - 60, max(xs) - min(xs) + 120, max(ys) - min(ys) + 120)


def deck_project(language: str = "") -> Project:
    """The sensor template (one scenario) with three views: reuse, cost, resilience cards."""
    p = load_template("sensor_reuse")
    p.language = language
    s = p.scenarios[0]
    r = extent(p)
    p.add_view(View("v1", "Capability reuse pays", s.name, r, "kind", (), "reuse",
                    "The MEMS platform serves three ecosystems; sharing its R&D saves most."))
    p.add_view(View("v2", "Who carries the cost", s.name, r, "shapley", (FlowKind.DATA,), "cost", "Stable split."))
    p.add_view(View("v3", "Weak points", s.name, r, "criticality", (), "resilience", ""))
    return p


@pytest.fixture
def deck_file(tmp_path) -> tuple[Project, Path]:
    p = deck_project()
    dest = tmp_path / "deck.pdf"
    assert export_slides(p, dest, lang="en") == []
    return p, dest


def test_one_landscape_page_per_view_with_titles_notes_and_page_numbers(deck_file):
    p, dest = deck_file
    assert page_count(dest) == 3
    data = dest.read_bytes()
    assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data  # vector: no bitmap of the canvas
    if HAVE_POPPLER:
        info = subprocess.run(["pdfinfo", str(dest)], capture_output=True, text=True).stdout
        assert "Page size:       960 x 540 pts" in info  # 16:9 landscape
    for n, v in enumerate(p.views, 1):
        text = pdf_text(dest, n)
        assert norm(v.title) in text and f"{n}/3" in text
        assert norm(v.text) in text
    assert norm("智能传感器企业") in pdf_text(dest, 1)  # the canvas's names are text, not pixels


def test_card_figures_are_run_analysis_numbers_formatted(deck_file):
    p, dest = deck_file
    s = p.scenarios[0]
    r = run_analysis(s, p.settings)
    w = Words("en", p.currency)
    reuse, cost, res = pdf_text(dest, 1), pdf_text(dest, 2), pdf_text(dest, 3)
    assert w.money_cur(r.reuse.total_savings) in reuse  # 18,060,000 CNY
    assert numfmt.compact_money(r.reuse.total_savings, "en", "CNY") in reuse
    assert w.num(r.reuse.reuse_index) in reuse and "Most used capabilities" in reuse
    assert w.money_cur(r.cost_sharing.total_cost) in cost and w.money_cur(r.cost_sharing.total_standalone) in cost
    top = max(r.cost_sharing.players, key=lambda x: r.cost_sharing.shapley[x])
    assert w.money(r.cost_sharing.shapley[top]) in cost and norm(s.entities[top].name) in cost
    assert w.pct(r.resilience.service_level) in res
    assert w.num(r.resilience.robustness.random.r_index) in res
    worst = max(r.resilience.critical_entities, key=lambda c: c.service_loss)
    assert norm(s.entities[worst.id].name) in res and w.pct(worst.service_loss) in res


def test_a_chinese_deck(tmp_path):
    p = deck_project("zh")  # the project's language decides the page's words
    p.replace_view(View("v1", "能力复用带来的节省", p.scenarios[0].name, extent(p), "kind", (), "reuse", "讲稿：传感器研发平台服务三个生态。"))
    dest = tmp_path / "幻灯片.pdf"
    export_slides(p, dest, lang="zh")
    text = pdf_text(dest, 1)
    for words in ("能力复用带来的节省", "讲稿：传感器研发平台服务三个生态。", "能力复用", "总节约", "复用最多的能力",
                  f"情景「{p.scenarios[0].name}」", "1 / 3", "1,806 万元", "18,060,000 CNY", "智能传感器企业"):
        assert norm(words) in text, words
    assert norm("成本分摊") in pdf_text(dest, 2) and norm("按 Shapley 节约着色") in pdf_text(dest, 2)
    assert norm("网络韧性") in pdf_text(dest, 3)


def test_no_views_is_refused_and_nothing_is_written(tmp_path):
    p = load_template("sensor_reuse")
    (tmp_path / "out").mkdir()
    dest = tmp_path / "out" / "deck.pdf"
    with pytest.raises(SlidesError) as err:
        export_slides(p, dest, lang="en")
    assert err.value.sentence("en") == ("This project has no saved views: add one with Add Current View in the Views "
                                        "panel (View → Panels → Views), or export --format pdf for the canvas.")
    assert "没有保存的视图" in err.value.sentence("zh")
    assert not dest.exists() and list(dest.parent.iterdir()) == []


def test_a_view_of_a_deleted_scenario_gets_a_page_saying_so(tmp_path):
    p = deck_project()
    p.add_view(View("v4", "Old plan", "Plan B", (0, 0, 800, 600), "kind", (), "cost", "Was here."), index=1)
    dest = tmp_path / "deck.pdf"
    warnings = export_slides(p, dest, lang="en")
    assert warnings == [("view 'Old plan' shows scenario 'Plan B', which no longer exists; its page says so.",
                         "视图「Old plan」对应的情景「Plan B」已不存在；该页已注明。")]
    assert page_count(dest) == 4
    text = pdf_text(dest, 2)
    assert "Old plan" in text and "Scenario 'Plan B' no longer exists." in text and "Was here." in text
    assert "2/4" in text and "Cost sharing" not in text  # no card for a scenario that is not there
    assert "Capability reuse pays" in pdf_text(dest, 1) and "Who carries the cost" in pdf_text(dest, 3)


def test_the_canvas_shows_the_views_scenario_colours_and_hidden_kinds(qapp):
    p = deck_project()
    other = p.scenarios[0].copy("Lean")
    p.add_scenario(other)
    p.add_view(View("v4", "Lean", "Lean", (0, 0, 500, 400), "ecosystem", (FlowKind.DATA, FlowKind.MONEY), None, ""))
    deck = build_deck(p, "en")
    scene, legend = slides._scene_of(deck.slides[1], deck)  # shapley colours, data hidden
    from ecodesk.ui.panels.colormodes import shapley_colours

    want, _ = shapley_colours(p.scenarios[0], deck.results[p.scenarios[0].name])
    assert {k: c.name() for k, c in scene.color_overrides.items()} == {k: c.name() for k, c in want.items()}
    assert scene.hidden_flow_kinds == {FlowKind.DATA}
    assert legend[0].title == "Colour" and all(e.flow_kind != FlowKind.DATA for sec in legend for e in sec.entries)
    lean = deck.slides[3]
    assert lean.scenario is other and lean.card is None and other.name not in deck.results  # no analysis needed
    scene, _ = slides._scene_of(lean, deck)
    assert scene.scenario is other and scene.hidden_flow_kinds == {FlowKind.DATA, FlowKind.MONEY}


def test_the_views_rectangle_fills_the_canvas_area():
    from PySide6.QtCore import QSizeF

    from ecodesk.ui.slides_paint import fitted_source

    wide = fitted_source((100, 100, 400, 100), QSizeF(800, 400))  # too wide: grows in height about the centre
    assert (wide.x(), wide.y(), wide.width(), wide.height()) == (100, 50, 400, 200)
    tall = fitted_source((0, 0, 100, 400), QSizeF(800, 400))
    assert (tall.x(), tall.y(), tall.width(), tall.height()) == (-350, 0, 800, 400)


def test_long_notes_are_wrapped_and_cut_with_an_ellipsis(qapp):
    from ecodesk.ui.slides_paint import font, wrap

    lines = wrap("长文本说明。" * 200, font(10.5), 600, 5)
    assert len(lines) == 5 and lines[-1].endswith("…")
    assert wrap("one two\nthree", font(10.5), 600) == ["one two", "three"]


def test_the_comparison_card_sets_the_scenario_against_the_baseline(qapp):
    p = load_template("sensor_reuse")
    base = p.scenarios[0]
    lean = base.copy("Lean")
    p.add_scenario(lean)
    assert compare_partner(p, lean) is base and compare_partner(p, base) is lean
    results = {s.name: run_analysis(s, p.settings) for s in p.scenarios}
    card = build_card("compare", p, lean, results["Lean"], "en", lambda s: results[s.name])
    assert card.headers == ("Figure", base.name, "Lean", "Change")
    assert card.rows == () and card.sentence == "No headline figure differs between the two scenarios."
    cap = next(iter(lean.capabilities))
    lean.replace(dataclasses.replace(cap, fixed_cost=cap.fixed_cost / 2))
    results["Lean"] = run_analysis(lean, p.settings)
    card = build_card("compare", p, lean, results["Lean"], "en", lambda s: results[s.name])
    row = next(r for r in card.rows if r[0] == "Total cost together")
    a, b = results[base.name].cost_sharing.total_cost, results["Lean"].cost_sharing.total_cost
    assert b < a and row == ("Total cost together", numfmt.money(a, None), numfmt.money(b, None),
                             numfmt.money(b - a, None) + " ✓")
    assert all(r[3] not in ("0", "0.0 %") for r in card.rows)  # only what changes
    alone = Project("one", scenarios=[base.copy("only")])
    assert "nothing to compare" in build_card("compare", alone, alone.scenarios[0], results["Lean"], "en").sentence


def test_a_failing_write_leaves_the_old_file_and_no_half_file(tmp_path, monkeypatch):
    p = deck_project()
    (tmp_path / "out").mkdir()
    dest = tmp_path / "out" / "deck.pdf"
    dest.write_bytes(b"old deck")

    def broken(deck):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(slides, "render_pdf", broken)
    with pytest.raises(OSError):
        export_slides(p, dest, lang="en")
    assert dest.read_bytes() == b"old deck" and [x.name for x in dest.parent.iterdir()] == ["deck.pdf"]


def test_a_page_can_be_drawn_as_a_picture(qapp):
    deck = build_deck(deck_project(), "en")
    img = slides.render_page_image(deck, 0, 0.5)
    assert (img.width(), img.height()) == (640, 360)
    assert img.pixelColor(5, 5).name() == "#ffffff"


# File → Export Slides… -------------------------------------------------------------------
@pytest.fixture
def slides_window(qtbot):
    from ecodesk.ui.document import Document
    from ecodesk.ui.mainwindow import MainWindow

    w = MainWindow(Document(deck_project()))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_file_export_slides_writes_the_deck(slides_window, tmp_path, monkeypatch, qtbot):
    w = slides_window
    asked = []

    def save_path(title, start, filters, selected=""):
        asked.append((title, start, filters))
        return str(tmp_path / "out"), ""

    monkeypatch.setattr(w.controller.prompter, "save_path", save_path)
    w.actions.file_export_slides.trigger()
    assert asked and asked[0][0] == "Export Slides" and Path(asked[0][1]).name == "传感器企业多生态复用 slides.pdf"
    dest = tmp_path / "out.pdf"  # the suffix added
    qtbot.waitUntil(dest.exists, timeout=30_000)  # the analyses run in the background first
    assert page_count(dest) == 3
    assert "Capability reuse pays" in pdf_text(dest, 1) and "Slides saved to" in w.statusBar().currentMessage()


def test_file_export_slides_explains_when_there_are_no_views(slides_window, monkeypatch):
    w = slides_window
    for v in w.document.project.views:
        w.document.project.remove_view(v.id)
    told, asked = [], []
    monkeypatch.setattr(w.controller.prompter, "information", lambda title, text: told.append(text))
    monkeypatch.setattr(w.controller.prompter, "save_path", lambda *a, **k: asked.append(a) or ("", ""))
    w.actions.file_export_slides.trigger()
    assert told == [slides.WORDS["no_views"][0]] and asked == []


def test_an_analysis_that_fails_costs_its_card_not_the_deck(tmp_path):
    from ecodesk.model.errors import EcodeskError

    def failing(scenario):
        raise EcodeskError("the model is too big for the cost game")

    dest = tmp_path / "deck.pdf"
    assert export_slides(deck_project(), dest, lang="en", result_for=failing) == []
    assert page_count(dest) == 3
    text = pdf_text(dest, 1)
    assert "Capability reuse" in text and "The analysis could not run: the model is too big for the cost game" in text
    assert "智能传感器企业" in unicodedata.normalize("NFKC", text)  # the canvas is still there


def test_cards_hold_the_figures_and_bars_of_the_result(qapp):
    p = load_template("sensor_reuse")
    s = p.scenarios[0]
    r = run_analysis(s, p.settings)
    w = Words("en", p.currency)
    cost = build_card("cost", p, s, r, "en")
    alone, together = r.cost_sharing.total_standalone, r.cost_sharing.total_cost
    saved = next(f for f in cost.figures if f.label == "Saved by working together")
    assert saved.value == w.pct((alone - together) / alone) and saved.tone == "good"
    assert saved.note == f"{w.money_cur(alone - together)} less than alone"
    shapley = [r.cost_sharing.shapley[p_] for p_ in sorted(r.cost_sharing.players, key=lambda x: -r.cost_sharing.shapley[x])]
    assert cost.bars[0] == 1.0 and cost.bars[1] == pytest.approx(shapley[1] / shapley[0])
    assert all(b == 0.0 for b, v in zip(cost.bars, shapley[:len(cost.bars)], strict=True) if v <= 0)
    res = build_card("resilience", p, s, r, "zh")
    assert res.title == "网络韧性" and res.bars[0] == max(c.service_loss for c in r.resilience.critical_entities)
    reuse = build_card("reuse", p, s, r, "en")
    assert len(reuse.rows) == min(8, len(r.reuse.capabilities)) and reuse.bars[0] <= 1.0


def test_chinese_text_copies_as_written(tmp_path):
    """Qt maps glyphs shared with the Kangxi radicals to the radical (生 → ⽣); the deck's map
    says the ideograph, so a search for 生态 finds it (no normalising here)."""
    p = deck_project("zh")
    dest = tmp_path / "deck.pdf"
    export_slides(p, dest, lang="zh")
    if not HAVE_POPPLER:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(dest), "-"], capture_output=True,
                         text=True, check=True).stdout
    assert "传感器企业多生态复用" in raw and "⽣" not in raw and "能力复用" in raw
    assert "18,060,000 CNY" in raw  # digits of mixed text kept (no "locl" swap)


def test_the_tounicode_fix_rewrites_characters_only():
    from ecodesk.ui.slides_pdftext import readable_cjk

    cmap = (b"1 0 obj\n<< /ToUnicode 2 0 R >>\nendobj\n2 0 obj\n<< /Length 99 >>\nstream\n"
            b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            b"<0001> <0003> [<2F63> <4E1A> <2F64>]\n<2F00> <2F00> <2F63>\n<2F01> <2F8A>\n<0007> <0008> <2F00>\n"
            b"endstream\nendobj\n3 0 obj\n(<2F63> elsewhere)\nendobj\n")
    fixed = readable_cjk(cmap)
    assert len(fixed) == len(cmap)  # nothing moves: the cross-reference table stays right
    assert b"[<751F> <4E1A> <7528>]" in fixed  # 生, 业 (already right), 用
    assert b"<2F00> <2F00> <751F>" in fixed and b"<2F01> <8272>" in fixed  # glyph codes kept, characters fixed
    assert b"<0007> <0008> <2F00>" in fixed  # a range over several glyphs cannot be rewritten
    assert b"(<2F63> elsewhere)" in fixed and b"<0000> <FFFF>" in fixed
