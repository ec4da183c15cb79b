"""Issue 13's command-line items: compare by name in both languages and without a stray column,
analyze over every scenario with percentages, exports into a missing folder, every format in
help and errors, imports that hold nothing or do not exist, counts in the singular, one
sentence per problem."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ecodesk.cli import build_parser, main
from ecodesk.io.formats import format_names
from ecodesk.io.jsonio import project_to_json


@pytest.fixture
def proj(tmp_path, sensor_project) -> Path:
    src = tmp_path / "in.json"
    src.write_text(json.dumps(project_to_json(sensor_project), ensure_ascii=False), encoding="utf-8")
    path = tmp_path / "p.ecodesk"
    assert main(["import", str(src), str(path)]) == 0
    return path


def out_err(capsys) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


FAST = ["--trials", "200", "--orders", "3", "--seed", "1"]


# compare ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, savings, service", [("en", "Savings from shared capabilities", "Service level"),
                                                    ("zh", "能力共享带来的节省", "服务水平")])
def test_compare_prints_names_percentages_and_no_stray_column(proj, capsys, lang, savings, service):
    out_err(capsys)
    assert main(["--lang", lang, "compare", str(proj), "Base", "Alt"]) == 0
    out, _ = out_err(capsys)
    lines = out.splitlines()
    assert not any(re.search(r"\b(reuse|resilience|kpis|cost_sharing)\.", ln) for ln in lines), out
    rule = lines[2]
    assert set(rule) <= {"-", " "} and len(rule.split()) == 4, rule  # figure, A, B, change: no fifth column
    row = {ln.split("  ")[0].strip(): ln for ln in lines[3:]}
    assert savings in row
    service_row = next(ln for ln in lines if ln.startswith(service + " ") or ln.startswith(service + "  "))
    assert "100.0 %" in service_row and not re.search(r"\s1\s", service_row)
    assert lines[-1].startswith("✓")  # what the marks mean


# analyze ------------------------------------------------------------------------------------------
def test_analyze_summarises_every_scenario_with_percentages(proj, capsys):
    out_err(capsys)
    assert main(["analyze", str(proj), *FAST]) == 0
    out, err = out_err(capsys)
    assert "Analysis of scenario 'Base'" in out and "Analysis of scenario 'Alt'" in out
    assert out.count("Service level: 100.0 %") == 2 and "Service level: 1\n" not in out
    assert err == ""
    assert main(["analyze", str(proj), "--scenario", "Alt", *FAST]) == 0
    out, _ = out_err(capsys)
    assert "'Alt'" in out and "'Base'" not in out
    assert main(["--lang", "zh", "analyze", str(proj), "--scenario", "Alt", *FAST]) == 0
    out, _ = out_err(capsys)
    assert "服务水平: 100.0 %" in out


def test_analyze_json_is_one_scenario_and_says_which(proj, capsys):
    out_err(capsys)
    assert main(["analyze", str(proj), "--json", *FAST]) == 0
    out, err = out_err(capsys)
    data = json.loads(out)
    assert data["scenario"] == "Base" and {"reuse", "cost_sharing", "resilience", "kpis"} <= set(data)
    assert err.count("\n") == 1 and "'Base'" in err and "'Alt'" in err and "--scenario" in err
    assert main(["analyze", str(proj), "--json", "--scenario", "Alt", *FAST]) == 0
    out, err = out_err(capsys)
    assert json.loads(out)["scenario"] == "Alt" and err == ""


# export ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["x.json", "x.png", "x.html", "x.zip", "x.ecodesk"])
def test_export_into_a_missing_folder_names_the_folder(proj, tmp_path, capsys, name):
    out_err(capsys)
    dest = tmp_path / "no" / "such" / name
    assert main(["export", str(proj), str(dest)]) == 1
    _, err = out_err(capsys)
    assert err.count("\n") == 1 and f"'{dest.parent}' does not exist" in err and ".tmp" not in err, err
    assert not (tmp_path / "no").exists()


def test_unknown_format_and_help_list_every_format_there_is(proj, tmp_path, capsys):
    writable = format_names("write", ("project", "data", "picture", "report", "slides"))
    assert {"ecodesk", "json", "csv", "graphml", "gexf", "kumu", "png", "svg", "pdf", "html"} <= set(writable)
    out_err(capsys)
    for args in (["export", str(proj), str(tmp_path / "x.foo")],
                 ["export", str(proj), str(tmp_path / "x.foo"), "--format", "foo"]):
        assert main(args) == 1
        _, err = out_err(capsys)
        assert f"(known: {', '.join(writable)})" in err, err
    with pytest.raises(SystemExit):
        build_parser().parse_args(["export", "--help"])
    help_text = " ".join(out_err(capsys)[0].split())
    assert ", ".join(writable) in help_text
    readable = format_names("read", ("project", "data"))
    assert {"ecodesk", "json", "csv", "graphml", "gexf", "kumu", "gml"} <= set(readable)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["import", "--help"])
    assert ", ".join(readable) in " ".join(out_err(capsys)[0].split())
    odd = tmp_path / "nodes.foo"
    odd.write_text("x", encoding="utf-8")
    assert main(["import", str(odd), str(tmp_path / "n.ecodesk")]) == 1
    assert f"(known: {', '.join(readable)})" in out_err(capsys)[1]
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    assert ", ".join(writable) in " ".join(out_err(capsys)[0].split())  # wrapped between names


def test_export_as_a_project_file(proj, tmp_path, capsys):
    dest = tmp_path / "copy.ecodesk"
    assert main(["export", str(proj), str(dest)]) == 0
    out_err(capsys)
    assert main(["validate", str(dest)]) == 0
    assert "2 scenarios" in out_err(capsys)[0]
    assert main(["export", str(proj), str(tmp_path / "one.ecodesk"), "--scenario", "Alt"]) == 2
    assert not (tmp_path / "one.ecodesk").exists()


# import --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("content, says", [({"a": 1}, "its keys: 'a'"), ({}, "it is empty")])
def test_import_refuses_json_with_nothing_recognisable(tmp_path, capsys, content, says):
    src = tmp_path / "odd.json"
    src.write_text(json.dumps(content), encoding="utf-8")
    dest = tmp_path / "odd.ecodesk"
    out_err(capsys)
    assert main(["import", str(src), str(dest)]) == 1
    _, err = out_err(capsys)
    assert err.count("\n") == 1 and "holds nothing ecodesk can import" in err and says in err
    assert not dest.exists() and [p.name for p in tmp_path.iterdir()] == ["odd.json"]


def test_import_of_a_bare_single_scenario_still_works(tmp_path):
    src = tmp_path / "one.json"
    src.write_text(json.dumps({"entities": [{"id": "a"}]}), encoding="utf-8")
    assert main(["import", str(src), str(tmp_path / "one.ecodesk")]) == 0


def test_import_of_a_missing_source_onto_an_existing_file_names_the_source(proj, tmp_path, capsys):
    before = proj.read_bytes()
    out_err(capsys)
    assert main(["import", str(tmp_path / "gone.json"), str(proj)]) == 1
    _, err = out_err(capsys)
    assert err.count("\n") == 1 and "gone.json' does not exist" in err and "--force" not in err
    assert proj.read_bytes() == before


# counts -----------------------------------------------------------------------------------------------------
def test_counts_are_singular_for_one_and_chinese_has_no_plural(tmp_path, capsys):
    src = tmp_path / "one.json"
    src.write_text(json.dumps({"entities": [{"id": "a"}, {"id": "b"}],
                               "pools": [{"id": "p", "members": ["a", "b"], "amount": 10}]}), encoding="utf-8")
    out_err(capsys)
    assert main(["validate", str(src)]) == 0
    out = out_err(capsys)[0]
    assert "1 scenario, 2 entities, 0 flows, 0 capabilities, 0 needs, 1 pool." in out, out
    assert main(["--lang", "zh", "validate", str(src)]) == 0
    out = out_err(capsys)[0]
    assert "1 个情景、2 个主体、0 条资源流、0 项能力、0 项需求、1 个共享安排" in out and "pools" not in out


def test_analyze_says_one_trial_in_the_singular(proj, capsys):
    out_err(capsys)
    assert main(["analyze", str(proj), "--scenario", "Base", "--trials", "1", "--orders", "1"]) == 0
    out = out_err(capsys)[0]
    assert "Monte Carlo (1 trial):" in out and "1 trials" not in out


def test_import_of_a_project_file_makes_a_checked_copy(proj, tmp_path, capsys):
    dest = tmp_path / "copy.ecodesk"
    out_err(capsys)
    assert main(["import", str(proj), str(dest)]) == 0
    assert "2 scenarios" in out_err(capsys)[0]
    assert main(["validate", str(dest)]) == 0


# the desktop entry (H5's ecodesk.desktop) -------------------------------------------------------------------
def test_open_without_file_starts_the_app_like_plain_ecodesk(monkeypatch):
    import ecodesk.cli as cli

    seen = []
    monkeypatch.setattr(cli, "_run_app", lambda files, lang: seen.append((files, lang)) or 0)
    assert main(["--lang", "zh", "open"]) == 0
    assert seen == [([], "zh")]


def test_desktop_install_and_remove(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: None)  # no cache tools to run
    out_err(capsys)
    assert main(["--lang", "en", "desktop-install"]) == 0
    out = out_err(capsys)[0]
    assert out.startswith("installed ") and str(tmp_path / "share") in out
    entry = tmp_path / "share" / "applications" / "ecodesk.desktop"
    assert entry.is_file() and "Exec=" in entry.read_text(encoding="utf-8")
    assert main(["desktop-install", "--remove"]) == 0
    assert not entry.exists()
