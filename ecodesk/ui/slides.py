"""UI layer: the slide deck — one landscape PDF page per saved view (SPEC §2 View, §5
``--format slides``), in the project's view order: the view's title, the canvas of the view
(its scenario, its rectangle, its colour mode, its hidden flow kinds; vector, not a bitmap),
the analysis card of the tab it names (:mod:`ecodesk.ui.slides_card`), the speaker notes as
a footer and "n / N".

Used by ``ecodesk export FILE deck.pdf --format slides`` (no display needed: Qt runs
offscreen, as for the picture exports of :mod:`ecodesk.ui.render`) and by File → Export
Slides… (:mod:`ecodesk.ui.slides_action`). A project without views is refused with one
sentence and nothing is written; a view whose scenario was deleted gets a page that says so,
and a warning. The PDF is made in memory and moved into place atomically
(:func:`ecodesk.io.atomic.atomic_write`): a failure leaves no half file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ecodesk.model import AnalysisSettings, Project, Scenario, View
from ecodesk.ui.render import RenderError
from ecodesk.ui.slides_card import Card, build_card, failed_card

#: The page's fixed words (en, zh), in the deck's language rather than the UI's: a deck
#: for a Chinese client is made from an English UI, and the command line has no translator.
WORDS: dict[str, tuple[str, str]] = {
    "no_views": ("This project has no saved views: add one with Add Current View in the Views panel (View → Panels "
                 "→ Views), or export --format pdf for the canvas.",
                 "此项目没有保存的视图：请在“视图”面板（视图 → 面板 → 视图）中用“添加当前视图”添加，或用 export --format pdf 导出画布。"),
    "orphan": ("Scenario '{s}' no longer exists.", "情景「{s}」已不存在。"),
    "orphan_warning": ("view '{v}' shows scenario '{s}', which no longer exists; its page says so.",
                       "视图「{v}」对应的情景「{s}」已不存在；该页已注明。"),
    "empty": ("Scenario '{s}' has no entities to draw.", "情景「{s}」中没有可绘制的主体。"),
    "scenario": ("Scenario “{s}”", "情景「{s}」"),
    "page": ("{n} / {m}", "{n} / {m}"),
    "untitled": ("View {n}", "视图 {n}"),
    "colour": ("Colour", "颜色"),
    "mode_criticality": ("coloured by criticality", "按关键程度着色"),
    "mode_ecosystem": ("coloured by ecosystem", "按生态着色"),
    "mode_shapley": ("coloured by Shapley savings", "按 Shapley 节约着色"),
    "hidden": ("hidden flows: {k}", "隐藏的资源流：{k}"),
}


def word(key: str, lang: str, **kw: Any) -> str:
    en, zh = WORDS[key]
    return (zh if lang.startswith("zh") else en).format(**kw)


class SlidesError(RenderError):
    """A deck that cannot be made (no views …), in English and Chinese."""


@dataclass
class Slide:
    """One page: the view, its scenario (None: deleted) and its analysis card."""

    view: View
    scenario: Scenario | None
    card: Card | None = None


@dataclass
class Deck:
    """The pages of a project's views and what to tell the user about them."""

    project: Project
    lang: str
    slides: list[Slide]
    #: One sentence (en, zh) per view whose scenario no longer exists (the deck is still written).
    warnings: list[tuple[str, str]] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)


ResultFor = Callable[[Scenario], Any]


def needs_result(view: View) -> bool:
    """The view's page needs the scenario's analysis (a card, or colours from its result)."""
    return view.panel is not None or view.color_mode in ("criticality", "shapley")


def build_deck(project: Project, lang: str, *, settings: AnalysisSettings | None = None,
               result_for: ResultFor | None = None) -> Deck:
    """The deck of ``project``'s views in ``lang``; each scenario is analysed once (with
    ``result_for`` when given — the app's cache — else :func:`run_analysis` with
    ``settings``, default the project's). SlidesError when the project has no views."""
    views = project.views
    if not views:
        raise SlidesError(WORDS["no_views"][0], WORDS["no_views"][1])
    settings = settings or project.settings
    cache: dict[int, Any] = {}

    def result(s: Scenario) -> Any:
        if id(s) not in cache:
            if result_for is not None:
                cache[id(s)] = result_for(s)
            else:
                from ecodesk.analysis.run import run_analysis

                cache[id(s)] = run_analysis(s, settings)
        return cache[id(s)]

    names = {s.name: s for s in project.scenarios}
    deck = Deck(project, "zh" if lang.startswith("zh") else "en", [])
    for v in views:
        s = names.get(v.scenario)
        if s is None:
            deck.slides.append(Slide(v, None))
            who = v.title or v.id
            deck.warnings.append((word("orphan_warning", "en", v=who, s=v.scenario),
                                  word("orphan_warning", "zh", v=who, s=v.scenario)))
            continue
        card = None
        if needs_result(v):
            try:
                r = result(s)
            except Exception as exc:  # an analysis that fails costs its card, not the deck
                r = None
                why = getattr(exc, "sentence", None)
                card = failed_card(v.panel or "overview", why(lang) if callable(why) else str(exc), lang)
            if r is not None:
                deck.results[s.name] = r
                if v.panel is not None:
                    card = build_card(v.panel, project, s, r, deck.lang, result)
        deck.slides.append(Slide(v, s, card))
    return deck


# painting ---------------------------------------------------------------------------------
def _scene_of(slide: Slide, deck: Deck) -> tuple[Any, list[Any]]:
    """The canvas scene of the slide's scenario as the view shows it, and its legend."""
    from ecodesk.ui.canvas.legend import LegendEntry, LegendSection
    from ecodesk.ui.panels.colormodes import colours_for
    from ecodesk.ui.render import legend_for, scene_for

    s, v, lang = slide.scenario, slide.view, deck.lang
    assert s is not None
    scene = scene_for(s, language=lang, currency=deck.project.currency)
    for kind in v.hidden_kinds:
        scene.set_flow_kind_visible(kind, False)
    colours, rows = colours_for(v.color_mode, s, deck.results.get(s.name))
    sections = legend_for(s, lang, v.hidden_kinds)
    if colours is not None:
        scene.set_color_overrides(colours)
        entries = tuple(LegendEntry(label, colour) for label, colour in rows or [])
        sections = [LegendSection(word("colour", lang), entries), *sections[1:]]
    return scene, sections


def subtitle(slide: Slide, deck: Deck) -> str:
    """The line under the title: project · scenario · colour mode · hidden flow kinds."""
    lang = deck.lang
    parts = [deck.project.name] if deck.project.name else []
    v = slide.view
    parts.append(word("scenario", lang, s=v.scenario))
    if v.color_mode != "kind":
        parts.append(word(f"mode_{v.color_mode}", lang))
    if v.hidden_kinds:
        from ecodesk.numfmt import join_list

        parts.append(word("hidden", lang, k=join_list([k.label(lang) for k in v.hidden_kinds], lang)))
    return "  ·  ".join(parts)


def paint_slide(painter: Any, deck: Deck, index: int) -> None:
    """Page ``index`` of ``deck`` with ``painter`` (logical units: slides_paint.PAGE_W × PAGE_H)."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QPainter

    from ecodesk.ui import slides_paint as sp

    slide = deck.slides[index]
    v, lang = slide.view, deck.lang
    title = v.title.strip() or word("untitled", lang, n=index + 1)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    painter.fillRect(QRectF(0, 0, sp.PAGE_W, sp.PAGE_H), QColor("#FFFFFF"))
    title_lines = len(sp.wrap(title, sp.font(22, True), sp.PAGE_W - 2 * sp.MARGIN, 2))
    lay = sp.layout(title_lines, v.text, slide.card is not None)
    sp.paint_header(painter, lay.title, title, subtitle(slide, deck))
    s = slide.scenario
    if s is None:
        sp.paint_message(painter, lay.canvas, word("orphan", lang, s=v.scenario))
    elif not len(s.entities):
        sp.paint_message(painter, lay.canvas, word("empty", lang, s=s.name))
    else:
        scene, legend = _scene_of(slide, deck)
        sp.paint_canvas(painter, lay.canvas, scene, v.rect, legend)
        scene.detach()
        scene.deleteLater()
    if slide.card is not None and lay.card is not None:
        sp.paint_card(painter, lay.card, slide.card)
    sp.paint_footer(painter, lay, word("page", lang, n=index + 1, m=len(deck.slides)), deck.project.name)


class PdfPages:
    """The deck's PDF drawn one page at a time (the app draws a page, lets the event loop
    run, draws the next): ``paint(i)`` in order, then ``finish()`` for the bytes, or
    ``abandon()``. One 16:9 landscape page per slide; GUI thread only."""

    def __init__(self, deck: Deck) -> None:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
        from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

        from ecodesk.ui import slides_paint as sp

        self.deck = deck
        self._data = QByteArray()
        self._buf = QBuffer(self._data)
        self._buf.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(self._buf)
        writer.setResolution(96)
        size = QPageSize(QSizeF(sp.PAGE_W * 72 / 96, sp.PAGE_H * 72 / 96), QPageSize.Unit.Point, "ecodesk slide",
                         QPageSize.SizeMatchPolicy.ExactMatch)
        writer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
        writer.setTitle(deck.project.name or "ecodesk")
        writer.setCreator("ecodesk")
        self._writer = writer
        self._painter: Any = QPainter(writer)
        self._scale = writer.width() / sp.PAGE_W  # device units are 1/96 in; fit exactly if the page was rounded

    def __len__(self) -> int:
        return len(self.deck.slides)

    def paint(self, index: int) -> None:
        p = self._painter
        if index:
            self._writer.newPage()
        p.save()
        p.scale(self._scale, self._scale)
        try:
            paint_slide(p, self.deck, index)
        finally:
            p.restore()

    def abandon(self) -> None:
        if self._painter is not None:
            self._painter.end()
            self._painter = None
            self._buf.close()

    def finish(self) -> bytes:
        from ecodesk.ui.slides_pdftext import readable_cjk

        self.abandon()
        return readable_cjk(bytes(self._data.data()))  # 生 copied as 生, not as the radical ⽣


def render_pdf(deck: Deck) -> bytes:
    """The deck as PDF bytes: one 16:9 landscape page per slide."""
    pages = PdfPages(deck)
    try:
        for i in range(len(pages)):
            pages.paint(i)
    finally:
        pages.abandon()
    return pages.finish()


def render_page_image(deck: Deck, index: int, scale: float = 1.0) -> Any:
    """Page ``index`` as a QImage (previews, tests)."""
    from PySide6.QtGui import QColor, QImage, QPainter

    from ecodesk.ui import slides_paint as sp

    img = QImage(round(sp.PAGE_W * scale), round(sp.PAGE_H * scale), QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(QColor("#FFFFFF"))
    p = QPainter(img)
    p.scale(scale, scale)
    paint_slide(p, deck, index)
    p.end()
    return img


def write_deck(deck: Deck, dest: str | os.PathLike[str]) -> None:
    """Write the deck to ``dest`` atomically (all or nothing)."""
    write_pdf(render_pdf(deck), dest)


def write_pdf(data: bytes, dest: str | os.PathLike[str]) -> None:
    """Write finished PDF bytes to ``dest`` atomically (all or nothing)."""
    from ecodesk.io.atomic import atomic_write

    with atomic_write(dest, "wb") as fh:
        fh.write(data)


def export_slides(project: Project, dest: str | os.PathLike[str], *, lang: str = "en",
                  settings: AnalysisSettings | None = None,
                  result_for: ResultFor | None = None) -> list[tuple[str, str]]:
    """``ecodesk export FILE deck.pdf --format slides``: write the deck of ``project``'s views
    to ``dest``; returns the warnings (views of deleted scenarios), each in English and
    Chinese. SlidesError, with nothing written, when the project has no views."""
    from ecodesk.ui.render import ensure_application

    if not project.views:  # refused before Qt starts or anything is analysed
        raise SlidesError(WORDS["no_views"][0], WORDS["no_views"][1])
    ensure_application()
    with _speaking(lang):
        deck = build_deck(project, lang, settings=settings, result_for=result_for)
        write_deck(deck, dest)
    return deck.warnings


@contextmanager
def _speaking(lang: str) -> Iterator[None]:
    """Words drawn by the canvas code (colour-mode legends) in the deck's language: without
    a window (the command line) that language is installed while the deck is made. With
    windows open the UI keeps its language (the app's deck is in it unless the project
    names another)."""
    from ecodesk.ui.i18n import current_language, install_language

    want, was = ("zh" if lang.startswith("zh") else "en"), current_language()
    switch = was != want and not _has_windows()
    if switch:
        install_language(want)
    try:
        yield
    finally:
        if switch:
            install_language(was)


def _has_windows() -> bool:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return isinstance(app, QApplication) and bool(QApplication.topLevelWidgets())


__all__ = ["WORDS", "Deck", "PdfPages", "Slide", "SlidesError", "build_deck", "export_slides", "paint_slide", "render_page_image",
           "render_pdf", "write_deck", "write_pdf"]
