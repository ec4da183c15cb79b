"""The one format registry: names, labels in both languages, suffixes, dialog filters and the
sentences that refuse an unknown format (the command line's help and errors come from it)."""

from __future__ import annotations

import pytest

from ecodesk.cli import build_parser
from ecodesk.io import EXPORT_FORMATS, IMPORT_FORMATS, FormatError
from ecodesk.io.formats import (
    FORMATS,
    IMAGE_FORMATS,
    REPORT_FORMATS,
    file_filter,
    file_filters,
    format_for_path,
    formats,
    get_format,
)


def test_one_record_per_format_and_the_derived_lists():
    assert [f.name for f in FORMATS] == ["ecodesk", "json", "csv", "xlsx", "graphml", "gexf", "kumu", "gml", "png",
                                         "svg", "pdf", "html", "slides"]
    assert IMPORT_FORMATS == ("json", "csv", "xlsx", "graphml", "gexf", "kumu", "gml")
    assert EXPORT_FORMATS == ("json", "csv", "xlsx", "graphml", "gexf", "kumu")
    assert IMAGE_FORMATS == ("png", "svg", "pdf") and REPORT_FORMATS == ("html",)
    assert [f.name for f in formats("write", ("picture",))] == ["png", "svg", "pdf"]
    assert all(f.needs_qt for f in formats("write", ("picture",))) and not get_format("html").needs_qt
    assert {f.name for f in FORMATS if f.single_scenario} == {"gexf", "kumu"}
    with pytest.raises(ValueError, match="mode"):
        formats("append")


def test_labels_in_both_languages():
    gexf = get_format("gexf")
    assert (gexf.label("en"), gexf.label("zh")) == ("GEXF (Gephi)", "GEXF（Gephi）")
    assert gexf.filter("en") == "GEXF (Gephi) (*.gexf)"
    assert (get_format("xlsx").label("en"), get_format("xlsx").label("zh")) == ("Excel workbook", "Excel 工作簿")
    assert get_format("csv").patterns == ("*.csv", "*.zip")


def test_names_paths_and_refusals(tmp_path):
    assert get_format("HTM").name == "html" and get_format(".zip").name == "csv"
    assert get_format("png", "write", ("picture",)).name == "png"
    with pytest.raises(FormatError, match=r"cannot export format 'pdfx' \(known: json, csv, xlsx, graphml, gexf, kumu\)"):
        get_format("pdfx", "write", ("data",))
    with pytest.raises(FormatError, match=r"cannot import format 'png' \(known: json, csv, xlsx, graphml, gexf, kumu, gml\)"):
        get_format("png", "read", ("data",))
    with pytest.raises(FormatError, match="unknown format 'doc'"):
        get_format("doc")
    assert format_for_path(tmp_path).name == "csv"  # a folder of CSV tables
    assert {n: format_for_path(tmp_path / n).name for n in ("a.JSON", "b.zip", "c.gml", "d.htm", "e.ecodesk", "f.XLSX")} == {
        "f.XLSX": "xlsx", "a.JSON": "json", "b.zip": "csv", "c.gml": "gml", "d.htm": "html", "e.ecodesk": "ecodesk"}
    assert format_for_path(tmp_path / "x.doc") is None and format_for_path(tmp_path / "noext") is None
    assert format_for_path(tmp_path / "p.png", "read") is None  # pictures cannot be read


def test_dialog_filters():
    read = file_filters("read", "en")
    assert read[0].format is None and read[0].text.startswith("All supported files (")
    for pattern in ("*.json", "*.csv", "*.zip", "*.xlsx", "*.graphml", "*.xml", "*.gexf", "*.gml"):
        assert pattern in read[0].text
    assert [f.format.name for f in read[1:]] == list(IMPORT_FORMATS)
    write = file_filters("write", "zh")
    csv = [f for f in write if f.format is not None and f.format.name == "csv"]
    assert [(f.text, f.suffix) for f in csv] == [("CSV 表格 (*.zip)", ".zip"), ("CSV 表格（新建文件夹） (*)", "")]
    assert [f.format.name for f in write if f.format is not None] == ["json", "csv", "csv", "xlsx", "graphml", "gexf",
                                                                      "kumu", "png", "svg", "pdf"]
    assert file_filter("write", "en", ("report",)) == "HTML report (*.html *.htm)"
    assert file_filter("read", "en").count(";;") == len(IMPORT_FORMATS)


def test_the_command_line_names_the_registry_formats(capsys):
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "json, csv, xlsx, graphml, gexf, kumu, png, svg, pdf, html" in text
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "--help"])
    assert "json, csv, xlsx, graphml, gexf, kumu, gml" in " ".join(capsys.readouterr().out.split())
