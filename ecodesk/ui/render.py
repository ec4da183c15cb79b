"""UI layer: pictures of a scenario's canvas as PNG, SVG and PDF files — from the app and,
without a display, from the command line (``ecodesk export FILE out.png``).

The engine never imports Qt, so the command line reaches this module lazily. Every picture
is painted by :class:`ecodesk.ui.canvas.export.ImageExporter` at the diagram's natural size
(one scene unit = one pixel at 96 dpi; PNG multiplies that by ``scale``), the legend below
the diagram. Files are written whole or not at all: the picture is made in memory, then
moved into place atomically (:func:`ecodesk.io.atomic.atomic_write`).

Pictures of a *selection* are drawn from a sub-scenario holding only the chosen entities and
the flows between them, so the ecosystem hulls wrap only what is shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecodesk.io.formats import IMAGE_FORMATS  # the one format registry (re-exported here)
from ecodesk.io.textsafe import xml_text
from ecodesk.model import Ecosystem, Project, Scenario
from ecodesk.model.errors import EcodeskError

#: Largest PNG side in pixels; bigger pictures are drawn at a smaller scale (with a notice).
MAX_PNG_SIDE = 16384
MAX_SCALE = 10.0
SCREEN_DPI = 96.0


class RenderError(EcodeskError):
    """A picture that cannot be made (nothing to draw, a bad scale …), in English and Chinese."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh

    def sentence(self, lang: str = "en") -> str:
        return self.zh if lang.startswith("zh") else self.en


def headless_platform_needed() -> bool:
    """True on X11/Wayland systems: a picture drawn without a window needs no display, and
    going through one would fail where there is none, where it cannot be reached (a stale
    DISPLAY over ssh) or where Qt's X11 libraries are missing (Qt would abort the process)."""
    return not sys.platform.startswith(("win", "darwin"))


def ensure_application() -> Any:
    """The running QApplication, or a new one — on the ``offscreen`` platform on X11/Wayland
    systems (unless QT_QPA_PLATFORM says otherwise), so the command line draws pictures the
    same way on desktops, servers and in CI."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if headless_platform_needed() and not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "ecodesk"])
    return app


def image_format(dest: str | os.PathLike[str], fmt: str | None = None) -> str:
    """``fmt`` or the format DEST's extension names; RenderError if it is not an image format."""
    fmt = (fmt or Path(dest).suffix.lstrip(".")).lower()
    if fmt not in IMAGE_FORMATS:
        raise RenderError(f"'{fmt}' is not an image format (known: {', '.join(IMAGE_FORMATS)})",
                          f"'{fmt}' 不是图片格式（可选：{', '.join(IMAGE_FORMATS)}）")
    return fmt


# what to draw ----------------------------------------------------------------------------
def subset_scenario(scenario: Scenario, ids: Iterable[str]) -> Scenario:
    """A scenario with the entities of ``ids`` (and the ends of flows in ``ids``), the flows
    between them, their capabilities and the ecosystems they belong to — for a picture of
    a selection."""
    ids = set(ids)
    chosen = {e.id for e in scenario.entities if e.id in ids}
    for f in scenario.flows:
        if f.id in ids:
            chosen.update((f.source, f.target))
    ents = [e for e in scenario.entities if e.id in chosen]
    caps = [c for c in scenario.capabilities if c.owner in chosen]
    cap_ids = {c.id for c in caps}
    flows = [f for f in scenario.flows if f.source in chosen and f.target in chosen
             and (f.capability is None or f.capability in cap_ids)]
    used_ecos = {eco for e in ents for eco in e.ecosystems}
    sub = Scenario(scenario.name)
    for group in ([eco for eco in scenario.ecosystems if eco.id in used_ecos], ents, caps, flows):
        for obj in group:
            sub.add(obj)
    # an ecosystem keeps its colour by index: give uncoloured ones the colour they have in the full scenario
    for i, eco in enumerate(scenario.ecosystems):
        if eco.id in used_ecos and not eco.color:
            from ecodesk.ui.canvas.style import ecosystem_color

            sub.replace(Ecosystem(eco.id, eco.name, ecosystem_color("", i).name()))
    return sub


#: The legend's own words, in the picture's language rather than the UI's (a report in
#: Chinese from an English UI); the same words as the canvas's context ``Canvas``.
LEGEND_WORDS = {"Legend": "图例", "Entities": "主体", "Flows": "资源流", "Marks": "标记"}
#: The marks' legend rows, in the words of the app's "Mark weak points" (context ``ColorModes``).
MARK_WORDS = {"spof": ("Single point of failure", "单点故障"), "redundant": ("Capability built twice", "重复建设的能力"),
              "gap": ("Unmet need", "未满足的需求")}


def marks_of(scenario: Scenario, result: Any) -> dict[str, tuple[str, ...]]:
    """The marks the app draws with "Mark weak points" on (rings around single points of
    failure, owners of capabilities built twice, entities with unmet needs), by entity id,
    from the typed analysis ``result`` (:func:`ecodesk.analysis.run.run_analysis`) — the
    same rule as the canvas (:func:`ecodesk.ui.panels.colormodes.markers_for`)."""
    from ecodesk.ui.panels.colormodes import markers_for

    marks, _ = markers_for(scenario, result)
    return marks


def marks_legend(marks: dict[str, tuple[str, ...]], language: str) -> Any:
    """The legend section "Marks" for the marks in use (None when there are none)."""
    from ecodesk.ui.canvas.legend import LegendEntry, LegendSection
    from ecodesk.ui.canvas.style import marker_color

    used = {m for ms in marks.values() for m in ms}
    zh = language.startswith("zh")
    entries = tuple(LegendEntry(words[1] if zh else words[0], marker_color(m), marker=m)
                    for m, words in MARK_WORDS.items() if m in used)
    return LegendSection(legend_word("Marks", language), entries) if entries else None


def legend_word(text: str, language: str | None) -> str:
    """``text`` ('Legend', 'Entities', 'Flows') in ``language``; None: the UI's language."""
    if language is None:
        from ecodesk.ui.canvas.style import translate

        return translate(text)
    return LEGEND_WORDS[text] if language.startswith("zh") else text


def legend_for(scenario: Scenario, language: str, hidden_flow_kinds: Iterable[Any] = (),
               base: list[Any] | None = None) -> list[Any]:
    """The legend sections for the kinds present in ``scenario`` — those of ``base`` (a view's
    legend, e.g. a colour mode's) when given, else entity and flow kinds with their colours."""
    from ecodesk.model import EntityKind, FlowKind
    from ecodesk.ui.canvas.legend import LegendEntry, LegendSection
    from ecodesk.ui.canvas.style import entity_base_color, flow_color

    ent_kinds = {e.kind for e in scenario.entities}
    flow_kinds = {f.kind for f in scenario.flows} - set(hidden_flow_kinds)
    if not ent_kinds:
        return []
    if base is not None:
        out = []
        for sec in base:
            entries = tuple(e for e in sec.entries if (e.entity_kind is None or e.entity_kind in ent_kinds)
                            and (e.flow_kind is None or e.flow_kind in flow_kinds))
            if entries:
                out.append(LegendSection(sec.title, entries))
        return out
    sections = [LegendSection(legend_word("Entities", language), tuple(
        LegendEntry(k.label(language), entity_base_color(k), entity_kind=k) for k in EntityKind if k in ent_kinds))]
    if flow_kinds:
        sections.append(LegendSection(legend_word("Flows", language), tuple(
            LegendEntry(k.label(language), flow_color("", k), flow_kind=k) for k in FlowKind if k in flow_kinds)))
    return sections


@dataclass
class Picture:
    """A scene ready to be painted, with its legend."""

    scene: Any  # CanvasScene
    legend: list[Any]
    source: Any = None  # QRectF or None: all the content
    legend_title: str | None = None  # None: "Legend" in the UI's language


def scene_for(scenario: Scenario, *, language: str = "en", theme: str = "light", currency: str = "CNY",
              like: Any = None) -> Any:
    """A fresh :class:`CanvasScene` showing ``scenario``; with ``like`` (another scene) it takes
    that scene's look: theme, language, colour mode and hidden flow kinds."""
    from ecodesk.ui.canvas.scene import CanvasScene
    from ecodesk.ui.canvas.style import THEMES

    ensure_application()
    scene = CanvasScene()
    if like is not None:
        scene.language = like.language
        scene.currency = like.currency
        scene.set_theme(like.theme)
        if like.color_overrides:
            scene.set_color_overrides(like.color_overrides)
        if getattr(like, "markers", None):  # an analysis's rings (single points of failure …)
            scene.set_markers(like.markers)
        for kind in like.hidden_flow_kinds:
            scene.set_flow_kind_visible(kind, False)
    else:
        scene.language = language
        scene.currency = currency
        scene.set_theme(THEMES.get(theme, THEMES["light"]))
    scene.set_scenario(scenario)
    return scene


def picture_of(scenario: Scenario, *, ids: Iterable[str] | None = None, language: str = "en", theme: str = "light",
               currency: str = "CNY", legend: bool = True, like: Any = None, base_legend: list[Any] | None = None,
               result: Any = None) -> Picture:
    """The picture of ``scenario`` (only the entities/flows ``ids`` when given); with an analysis
    ``result`` of it, the weak points marked as on the canvas (a ``like`` scene brings its own)."""
    what = subset_scenario(scenario, ids) if ids is not None else scenario
    if not len(what.entities):
        if ids is not None:
            raise RenderError("the selection holds no entity to draw", "所选内容中没有可绘制的主体")
        raise RenderError(f"scenario '{scenario.name}' has no entities to draw",
                          f"情景「{scenario.name}」中没有可绘制的主体")
    scene = scene_for(what, language=language, theme=theme, currency=currency, like=like)
    hidden = like.hidden_flow_kinds if like is not None else ()
    lang = like.language if like is not None else language
    sections = legend_for(what, lang, hidden, base_legend) if legend else []
    if result is not None and like is None:
        marks = {k: v for k, v in marks_of(scenario, result).items() if k in what.entities}
        scene.set_markers(marks)
        section = marks_legend(marks, language) if legend and sections else None
        if section is not None:
            sections.insert(1, section)  # after the entities, as on the canvas
    # a picture like the canvas speaks the UI's language; one made for a language, that language
    return Picture(scene, sections, legend_title=None if like is not None else legend_word("Legend", language))


# painting -------------------------------------------------------------------------------
def render_bytes(picture: Picture, fmt: str, *, scale: float = 1.0, title: str = "") -> tuple[bytes, list[str]]:
    """The picture as PNG, SVG or PDF bytes, and notices (e.g. a reduced scale)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from ecodesk.ui.canvas.export import ImageExporter

    fmt = image_format("", fmt)
    if not (0 < scale <= MAX_SCALE):
        raise RenderError(f"the scale must be above 0 and at most {MAX_SCALE:g}, not {scale:g}",
                          f"缩放倍数必须大于 0 且不超过 {MAX_SCALE:g}（当前为 {scale:g}）")
    exporter = ImageExporter(picture.scene)
    frame = exporter.frame(picture.legend, picture.source, picture.legend_title)
    if frame is None:
        raise RenderError("there is nothing to draw", "没有可绘制的内容")
    notices: list[str] = []
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    if fmt == "png":
        notices += _paint_png(exporter, frame, picture, scale, buf)
    elif fmt == "svg":
        _paint_svg(exporter, frame, picture, buf, title)
    else:
        _paint_pdf(exporter, frame, picture, buf, title)
    buf.close()
    out = bytes(data.data())
    if fmt == "svg":  # names may hold characters XML forbids (controls): the document must parse
        out = xml_text(out.decode("utf-8", "replace")).encode("utf-8")
    return out, notices


def _paint_png(exporter: Any, frame: Any, picture: Picture, scale: float, buf: Any) -> list[str]:
    from PySide6.QtGui import QColor, QImage, QPainter

    notices = []
    side = max(frame.size.width(), frame.size.height()) * scale
    if side > MAX_PNG_SIDE:
        reduced = MAX_PNG_SIDE / max(frame.size.width(), frame.size.height())
        notices.append(f"The picture would be {side:.0f} pixels on its longer side; it was drawn at scale "
                       f"{reduced:.2f} instead of {scale:g} (at most {MAX_PNG_SIDE} pixels a side).")
        scale = reduced
    w, h = max(1, round(frame.size.width() * scale)), max(1, round(frame.size.height() * scale))
    img = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
    dpm = round(SCREEN_DPI / 0.0254)
    img.setDotsPerMeterX(dpm)  # fonts resolve at screen dpi, like on the canvas …
    img.setDotsPerMeterY(dpm)
    # … and the scale is a device pixel ratio, not a painter transform, so that items drawn
    # at a constant size on screen (ecosystem and flow labels) grow with everything else
    img.setDevicePixelRatio(scale)
    img.fill(QColor(exporter.scene.theme.background))
    p = QPainter(img)
    exporter.paint(p, frame, picture.legend, title=picture.legend_title)
    p.end()
    img.setDevicePixelRatio(1.0)
    img.setDotsPerMeterX(round(dpm * scale))  # the file says how dense it is
    img.setDotsPerMeterY(round(dpm * scale))
    if not img.save(buf, "PNG"):
        raise RenderError("the PNG picture could not be encoded", "无法生成 PNG 图片")
    return notices


def _paint_svg(exporter: Any, frame: Any, picture: Picture, buf: Any, title: str) -> None:
    from PySide6.QtCore import QRectF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    w, h = frame.size.width(), frame.size.height()
    gen.setSize(QSize(round(w), round(h)))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setResolution(round(SCREEN_DPI))
    gen.setTitle(title or "ecodesk")
    gen.setDescription("ecodesk canvas")
    p = QPainter(gen)
    exporter.paint(p, frame, picture.legend, title=picture.legend_title)
    p.end()


def _paint_pdf(exporter: Any, frame: Any, picture: Picture, buf: Any, title: str) -> None:
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(buf)
    writer.setResolution(round(SCREEN_DPI))
    w_pt, h_pt = frame.size.width() * 72 / SCREEN_DPI, frame.size.height() * 72 / SCREEN_DPI
    page = QPageSize(QSizeF(w_pt, h_pt), QPageSize.Unit.Point, "ecodesk", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title or "ecodesk")
    writer.setCreator("ecodesk")
    p = QPainter(writer)
    # device units are 1/96 in = scene units; fit exactly in case the page was rounded
    sx = writer.width() / frame.size.width()
    sy = writer.height() / frame.size.height()
    p.scale(min(sx, sy), min(sx, sy))
    exporter.paint(p, frame, picture.legend, title=picture.legend_title)
    p.end()


def write_picture(picture: Picture, dest: str | os.PathLike[str], fmt: str | None = None, *, scale: float = 1.0,
                  title: str = "") -> list[str]:
    """Write the picture to ``dest`` atomically; returns notices for the user."""
    from ecodesk.io.atomic import atomic_write

    fmt = image_format(dest, fmt)
    data, notices = render_bytes(picture, fmt, scale=scale, title=title)
    with atomic_write(dest, "wb") as fh:
        fh.write(data)
    return notices


# entry points ---------------------------------------------------------------------------
def export_image(project: Project, dest: str | os.PathLike[str], fmt: str | None = None, *,
                 scenario: str | None = None, scale: float = 1.0, ids: Iterable[str] | None = None,
                 language: str = "en", theme: str = "light", legend: bool = True, result: Any = None) -> list[str]:
    """``ecodesk export FILE out.png|svg|pdf``: a picture of one scenario (the first when
    None), or of the entities ``ids`` of it, with the weak points of ``result`` (the
    scenario's analysis) marked as the app marks them; returns notices."""
    fmt = image_format(dest, fmt)
    ensure_application()
    s = project.scenario(scenario)
    if ids is not None:
        ids = list(ids)
        unknown = [i for i in ids if s.find(i) is None]
        if unknown:
            raise RenderError(f"scenario '{s.name}' has no object with id {', '.join(unknown)}",
                              f"情景「{s.name}」中没有 id 为 {', '.join(unknown)} 的对象")
    picture = picture_of(s, ids=ids, language=language, theme=theme, currency=project.currency, legend=legend,
                         result=result)
    title = f"{project.name} — {s.name}" if project.name else s.name
    return write_picture(picture, dest, fmt, scale=scale, title=title)


#: Above this size the report's canvas picture is a PNG instead of an SVG (a big model's
#: SVG runs to megabytes; a PNG of print width stays small).
MAX_REPORT_SVG = 2_000_000
REPORT_PNG_SIDE = 2400


def report_picture(scenario: Scenario, *, language: str = "en", currency: str = "CNY",
                   result: Any = None) -> tuple[str, bytes]:
    """The canvas of ``scenario`` for the HTML report as (mime type, bytes): SVG, or a PNG
    of about print width for big models, with the weak points of ``result`` marked;
    RenderError when there is nothing to draw."""
    ensure_application()
    picture = picture_of(scenario, language=language, currency=currency, result=result)
    data, _ = render_bytes(picture, "svg", title=scenario.name)
    if len(data) <= MAX_REPORT_SVG:
        return "image/svg+xml", data
    from ecodesk.ui.canvas.export import ImageExporter

    frame = ImageExporter(picture.scene).frame(picture.legend, picture.source, picture.legend_title)
    longest = max(frame.size.width(), frame.size.height()) if frame is not None else 1.0
    png, _ = render_bytes(picture, "png", scale=min(2.0, REPORT_PNG_SIDE / longest))
    return "image/png", png


def canvas_svg(project: Project, scenario: str | None = None, *, language: str = "en") -> str:
    """The canvas of a scenario as an SVG document; RenderError when there is nothing to draw."""
    ensure_application()
    s = project.scenario(scenario)
    picture = picture_of(s, language=language, currency=project.currency)
    data, _ = render_bytes(picture, "svg", title=s.name)
    return data.decode("utf-8")


__all__ = [
    "IMAGE_FORMATS", "Picture", "RenderError", "canvas_svg", "ensure_application", "export_image", "image_format",
    "legend_for", "marks_legend", "marks_of", "picture_of", "render_bytes", "report_picture", "subset_scenario", "write_picture",
]
