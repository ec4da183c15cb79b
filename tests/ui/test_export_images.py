"""Pictures of the canvas (PNG with a scale, SVG, PDF; whole scenario or selection) and the
File menu's Import…, Export…, Export Picture… and Export Report…, driven as a user would
(file dialogs answered by monkeypatch)."""

from __future__ import annotations

import json
import re
import struct
import time
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from ecodesk.io import import_file
from ecodesk.io.csvio import export_csv
from ecodesk.io.formats import get_format
from ecodesk.io.jsonio import export_json
from ecodesk.model import Project, Scenario
from ecodesk.ui.render import (
    RenderError,
    export_image,
    picture_of,
    render_bytes,
    subset_scenario,
    write_picture,
)
from tests.io.report_helpers import HOSTILE, report_project
from tests.ui.mw_helpers import find_action

SVG_NS = "{http://www.w3.org/2000/svg}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def png_dpi(data: bytes) -> float:
    i = data.index(b"pHYs")
    ppm_x, _ppm_y, unit = struct.unpack(">IIB", data[i + 4:i + 13])
    assert unit == 1
    return ppm_x * 0.0254


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


@pytest.fixture
def project() -> Project:
    return report_project("zh")


# the renderer ------------------------------------------------------------------------------

def test_png_is_valid_and_scales(qapp, project):
    pic = picture_of(project.scenario(), language="zh")
    one, notes = render_bytes(pic, "png", scale=1)
    two, _ = render_bytes(pic, "png", scale=2)
    assert notes == []
    (w1, h1), (w2, h2) = png_size(one), png_size(two)
    assert w1 > 300 and h1 > 200
    assert abs(w2 - 2 * w1) <= 1 and abs(h2 - 2 * h1) <= 1
    assert png_dpi(one) == pytest.approx(96, abs=0.5) and png_dpi(two) == pytest.approx(192, abs=0.5)


def test_png_too_large_is_drawn_smaller_with_a_notice(qapp, project, monkeypatch):
    import ecodesk.ui.render as render

    monkeypatch.setattr(render, "MAX_PNG_SIDE", 400)
    data, notes = render_bytes(picture_of(project.scenario()), "png", scale=3)
    assert max(png_size(data)) <= 400 and notes and "scale" in notes[0]


def test_svg_is_vector_xml_with_the_names(qapp, project):
    data, _ = render_bytes(picture_of(project.scenario(), language="zh"), "svg", title="t")
    root = DET.fromstring(data)
    assert root.tag == f"{SVG_NS}svg"
    texts = "".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
    for name in ("智能传感器企业", "终端用户", "智能汽车", "图例"):
        assert name in texts
    assert HOSTILE in texts  # as text: the XML parser decoded the escaped name
    assert b"<script" not in data
    assert len(list(root.iter(f"{SVG_NS}path"))) > 10
    assert not list(root.iter(f"{SVG_NS}image"))  # items painted afresh, not from pixmap caches


def test_pdf_is_one_page_sized_to_the_drawing(qapp, project):
    pic = picture_of(project.scenario())
    data, _ = render_bytes(pic, "pdf")
    assert data.startswith(b"%PDF") and pdf_pages(data) == 1
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", data)
    png_w, png_h = png_size(render_bytes(pic, "png")[0])
    assert float(box.group(1)) == pytest.approx(png_w * 0.75, abs=2)  # points = pixels × 72/96
    assert float(box.group(2)) == pytest.approx(png_h * 0.75, abs=2)


def test_selection_is_smaller_than_the_whole(qapp, project):
    s = project.scenario()
    sub = subset_scenario(s, ["sensor", "auto", "f1"])
    assert sub.entities.ids() == ["sensor", "auto"] and sub.flows.ids() == ["f1"]
    assert sorted(sub.ecosystems.ids()) == ["car", "home", "med"]
    whole = render_bytes(picture_of(s), "png")[0]
    part = render_bytes(picture_of(s, ids=["sensor", "auto"]), "png")[0]
    (ww, wh), (pw, ph) = png_size(whole), png_size(part)
    assert pw * ph < ww * wh / 2
    whole_svg = render_bytes(picture_of(s), "svg")[0]
    part_svg = render_bytes(picture_of(s, ids=["sensor", "auto"]), "svg")[0]
    assert len(part_svg) < len(whole_svg)
    assert "终端用户" not in part_svg.decode("utf-8")


def test_nothing_to_draw_is_refused_and_writes_nothing(qapp, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    p = Project("p", scenarios=[Scenario("空")])
    dest = tmp_path / "x.png"
    with pytest.raises(RenderError) as info:
        export_image(p, dest, language="zh")
    assert "没有可绘制的主体" in info.value.sentence("zh")
    with pytest.raises(RenderError):
        picture_of(report_project().scenario(), ids=["nobody"])
    assert list(tmp_path.iterdir()) == []


def test_failed_picture_leaves_the_old_file(qapp, project, tmp_path, monkeypatch):
    import ecodesk.io.atomic as atomic

    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    dest = tmp_path / "map.png"
    dest.write_bytes(b"old")
    pic = picture_of(project.scenario())
    with pytest.raises(RenderError):
        write_picture(pic, dest, scale=0)
    real_fsync = atomic.os.fsync

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    with pytest.raises(OSError):
        write_picture(pic, dest)
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    assert dest.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_export_image_entry_point(qapp, project, tmp_path):
    for fmt in ("png", "svg", "pdf"):
        dest = tmp_path / f"m.{fmt}"
        assert export_image(project, dest, scenario="网络生态 2.0", language="en") == []
        assert dest.stat().st_size > 1000
    with pytest.raises(RenderError):
        export_image(project, tmp_path / "m.gif")
    with pytest.raises(RenderError) as info:
        export_image(project, tmp_path / "s.png", ids=["sensor", "ghost"])
    assert "ghost" in str(info.value)


# the File menu --------------------------------------------------------------------------

def answer_save(monkeypatch, path: Path, flt: str | None = None, seen: list | None = None) -> None:
    def fake(parent, title, start, filters, *rest):
        if seen is not None:
            seen.append((title, start, filters))
        chosen = flt if flt is not None else filters.split(";;")[0]
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))


def answer_open(monkeypatch, path: Path, flt: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), flt)))


@pytest.fixture
def accept_image_dialog(monkeypatch):
    from ecodesk.ui.dialogs.image_export import ImageExportDialog

    shown = []

    def fake_exec(dialog):
        shown.append(dialog)
        if getattr(dialog, "whole_please", False):
            dialog.whole.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImageExportDialog, "exec", fake_exec)
    return shown


def test_file_menu_has_the_transfer_actions(window):
    names = [a.objectName() for a in window.file_menu.actions()]
    for name in ("file_import", "file_import_csv", "file_export", "file_export_image", "file_export_report"):
        assert name in names
    assert names.index("file_save_as") < names.index("file_import") < names.index("file_close")
    assert find_action(window.file_menu, "file_import").text() == "&Import…"
    from ecodesk.ui.i18n import install_language

    install_language("zh")
    QApplication.processEvents()
    assert find_action(window.file_menu, "file_export_report").text() == "导出报告(&R)…"
    assert find_action(window.file_menu, "file_export").shortcut().toString() == "Ctrl+Shift+E"


def test_export_picture_png_from_the_menu(window, tmp_path, monkeypatch, accept_image_dialog):
    dest = tmp_path / "地图"  # no suffix: the PNG filter adds it
    seen: list = []
    answer_save(monkeypatch, dest, seen=seen)
    find_action(window.file_menu, "file_export_image").trigger()
    out = tmp_path / "地图.png"
    w, h = png_size(out.read_bytes())
    dialog = accept_image_dialog[0]
    assert dialog.fmt == "png" and not dialog.selection.isEnabled()
    assert dialog.scale.value() == 2.0  # the default for slides
    assert "PNG" in seen[0][2].split(";;")[0]
    assert w > 600 and h > 400
    assert window.settings.last_folder("export") == str(tmp_path)
    # the next picture starts in that folder
    answer_save(monkeypatch, tmp_path / "again.svg", seen=seen)
    find_action(window.file_menu, "file_export_image").trigger()
    assert Path(seen[1][1]).parent == tmp_path
    assert DET.parse(tmp_path / "again.svg").getroot().tag == f"{SVG_NS}svg"


def test_export_selection_only(window, tmp_path, monkeypatch, accept_image_dialog):
    answer_save(monkeypatch, tmp_path / "whole.png")
    find_action(window.file_menu, "file_export_image").trigger()
    window.document.set_selection(["e1", "e4"])
    answer_save(monkeypatch, tmp_path / "part.png")
    find_action(window.file_menu, "file_export_image").trigger()
    assert accept_image_dialog[-1].selection.isChecked()  # offered first when something is selected
    whole, part = png_size((tmp_path / "whole.png").read_bytes()), png_size((tmp_path / "part.png").read_bytes())
    assert part[0] * part[1] < whole[0] * whole[1] / 2
    assert window.document.selection == ["e1", "e4"]  # exporting left the selection alone


def test_export_pdf_via_export_dialog(window, tmp_path, monkeypatch, accept_image_dialog):
    answer_save(monkeypatch, tmp_path / "map.pdf", flt="ignored")
    find_action(window.file_menu, "file_export").trigger()
    data = (tmp_path / "map.pdf").read_bytes()
    assert data.startswith(b"%PDF") and pdf_pages(data) == 1
    assert not accept_image_dialog[0].scale.isVisibleTo(accept_image_dialog[0])


def test_cancelled_picture_options_write_nothing(window, tmp_path, monkeypatch):
    from ecodesk.ui.dialogs.image_export import ImageExportDialog

    monkeypatch.setattr(ImageExportDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    answer_save(monkeypatch, tmp_path / "x.png")
    assert window.controller.transfer.export_dialog(("png",)) is False
    assert not (tmp_path / "x.png").exists()


def test_export_json_round_trips(window, tmp_path, monkeypatch):
    answer_save(monkeypatch, tmp_path / "data.json")
    find_action(window.file_menu, "file_export").trigger()
    back = import_file(tmp_path / "data.json")
    assert back.content_equals(window.document.project)
    assert "data.json" in window.statusBar().currentMessage()


def test_export_gexf_holds_the_shown_scenario(window, tmp_path, monkeypatch):
    window.document.set_scenario("线性供应链 1.0")
    window.document.set_scenario(window.document.project.scenarios[0])
    answer_save(monkeypatch, tmp_path / "g", flt=get_format("gexf").filter("en"))
    find_action(window.file_menu, "file_export").trigger()
    assert (tmp_path / "g.gexf").exists()
    assert "网络生态 2.0" in window.statusBar().currentMessage()


def test_export_csv_folder(window, tmp_path, monkeypatch):
    answer_save(monkeypatch, tmp_path / "tables", flt="CSV tables in a new folder (*)")
    find_action(window.file_menu, "file_export").trigger()
    assert (tmp_path / "tables" / "entities.csv").exists()


def test_export_failure_is_explained_and_writes_nothing(window, tmp_path, monkeypatch, boxes):
    answer_save(monkeypatch, tmp_path / "missing" / "data.json")
    assert window.controller.transfer.export_dialog() is False
    assert boxes.shown and "data.json" in boxes.shown[-1][0]
    assert "Nothing was written" in boxes.shown[-1][1]
    assert not (tmp_path / "missing").exists()


def test_import_json_opens_a_new_unsaved_document(window, tmp_path, monkeypatch):
    src = tmp_path / "in.json"
    export_json(report_project("zh"), src)
    answer_open(monkeypatch, src)
    old = window.document
    window.document.mark_saved()
    find_action(window.file_menu, "file_import").trigger()
    doc = window.document
    assert doc is not old and doc.path is None and doc.modified
    assert doc.project.content_equals(import_file(src))
    assert "in.json" in window.statusBar().currentMessage()
    assert window.settings.last_folder("import") == str(tmp_path)


def test_import_csv_folder(window, tmp_path, monkeypatch):
    export_csv(report_project("zh"), tmp_path / "tables")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "tables")))
    window.document.mark_saved()
    find_action(window.file_menu, "file_import_csv").trigger()
    assert window.document.project.scenario_names() == ["网络生态 2.0", "空白"]
    assert len(window.document.scenario.entities) == 7


def test_bad_import_says_where_and_keeps_the_project(window, tmp_path, monkeypatch, boxes):
    src = tmp_path / "bad.json"
    data = {"format": "ecodesk", "version": 1, "entities": [{"id": "a", "risk": 7}],
            "flows": [{"id": "f", "source": "a", "target": "nobody"}]}
    src.write_text(json.dumps(data), encoding="utf-8")
    answer_open(monkeypatch, src)
    old = window.document
    assert window.controller.transfer.import_dialog() is False
    assert window.document is old
    title, text, info = boxes.shown[-1]
    assert "bad.json" in title and "Nothing was imported" in text
    assert "entities[0]" in info and "risk" in info


def test_import_offers_every_import_format(window, monkeypatch):
    import ecodesk.io as io

    seen = []

    def fake(parent, title, start, filters, *rest):
        seen.append(filters)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    window.controller.transfer.import_dialog()
    filters = seen[0].split(";;")
    assert filters[0].startswith("All supported files")
    assert len(filters) == 1 + len(io.IMPORT_FORMATS)
    for pattern in ("*.json", "*.csv", "*.zip", "*.graphml", "*.gexf", "*.gml"):
        assert pattern in filters[0]


def test_export_report_from_the_menu(window, tmp_path, monkeypatch, qtbot):
    window.document.project.set_meta(settings={"trials": 300, "orders": 10})
    answer_save(monkeypatch, tmp_path / "报告")
    find_action(window.file_menu, "file_export_report").trigger()
    dest = tmp_path / "报告.html"
    transfer = window.controller.transfer
    qtbot.waitUntil(lambda: dest.exists() and transfer.report_job is not None and not transfer.report_job.running,
                    timeout=30000)
    text = dest.read_text(encoding="utf-8")
    assert "data:image/svg+xml;base64," in text and "云链平台" in text
    for anchor in ("reuse", "cost", "pools", "resilience", "indicators"):
        assert f'<section id="{anchor}"' in text
    assert "http://" not in text and "https://" not in text
    assert window.settings.last_folder("report") == str(tmp_path)
    assert "报告.html" in window.statusBar().currentMessage()


def test_cancelled_report_writes_nothing(window, tmp_path, monkeypatch, qtbot):
    from ecodesk.ui.panels import worker

    def slow(snapshot, settings):
        def work(progress, cancel):
            while not cancel():
                time.sleep(0.01)
            raise RuntimeError("cancelled")

        return work

    monkeypatch.setattr(worker, "full_analysis", slow)
    window.analysis_panel.set_auto(False)
    transfer = window.controller.transfer
    dest = tmp_path / "r.html"
    assert transfer.export_report_to(dest) is True
    assert transfer.export_report_to(dest) is False  # one report at a time
    qtbot.waitUntil(lambda: window.analysis_panel.channel.running, timeout=10000)
    window.analysis_status.cancel_button.click()  # the status bar's Cancel, as for Run Analysis
    qtbot.waitUntil(lambda: not transfer.report_job.running, timeout=10000)
    assert not dest.exists()
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not worker._LIVE)


def test_report_picture_is_svg_or_a_png_for_big_models(qapp, project, monkeypatch):
    import ecodesk.ui.render as render

    mime, data = render.report_picture(project.scenario(), language="zh")
    assert mime == "image/svg+xml" and DET.fromstring(data).tag == f"{SVG_NS}svg"
    monkeypatch.setattr(render, "MAX_REPORT_SVG", 1000)
    mime, data = render.report_picture(project.scenario(), language="zh")
    assert mime == "image/png" and max(png_size(data)) <= render.REPORT_PNG_SIDE


def test_picture_keeps_the_canvas_look(window, tmp_path):
    """A picture from the app shows what the canvas shows: hidden flow kinds stay hidden."""
    window.canvas.set_flow_kind_visible("data", False)
    assert window.controller.transfer.export_image_to(tmp_path / "m.svg", "svg")
    texts = "".join(t.text or "" for t in DET.parse(tmp_path / "m.svg").getroot().iter(f"{SVG_NS}text"))
    assert "Goods" in texts and "Data" not in texts  # the legend lists only the kinds drawn
