"""Pictures from the command line and the report's picture carry the marks the app draws with
"Mark weak points" on: rings around single points of failure, owners of capabilities built
twice, entities with unmet needs — the canvas's own marks, with their legend rows."""

from __future__ import annotations

import pytest

from ecodesk.analysis.run import run_analysis
from ecodesk.cli import main
from ecodesk.model import AnalysisSettings, Project, Scenario
from ecodesk.store import write_project_atomic
from ecodesk.templates import load_template
from ecodesk.ui.panels.colormodes import markers_for
from ecodesk.ui.render import marks_of, picture_of, report_picture

SPOF_RED = "#d7191c"
TWICE_ORANGE = "#f39c12"


def weak_project() -> Project:
    """The S2B2B template's linear scenario: the brand a single point of failure, regional
    distributors building warehouses twice, city stores with an unmet need."""
    return load_template("s2b2b_appliance")


def weak_scenario() -> Scenario:
    return weak_project().scenarios[0]


@pytest.fixture
def scenario() -> Scenario:
    return weak_scenario()


def test_the_picture_has_the_canvas_marks_and_their_legend(scenario):
    result = run_analysis(scenario, AnalysisSettings(trials=50, orders=2))
    expected, _ = markers_for(scenario, result)
    assert "spof" in expected["brand"] and "redundant" in expected["dist_east"] and "gap" in expected["store_city"]
    picture = picture_of(scenario, result=result, language="zh")
    assert picture.scene.markers == expected
    titles = [sec.title for sec in picture.legend]
    assert titles[1] == "标记"
    rows = {e.label: e.marker for e in picture.legend[1].entries}
    assert rows == {"单点故障": "spof", "重复建设的能力": "redundant", "未满足的需求": "gap"}
    plain = picture_of(scenario, language="en")
    assert plain.scene.markers == {} and "Marks" not in [sec.title for sec in plain.legend]


def test_marks_do_not_depend_on_trials_or_orders(scenario):
    full = run_analysis(scenario, AnalysisSettings(trials=2000, orders=30, seed=4))
    cheap = run_analysis(scenario, AnalysisSettings(trials=1, orders=1, seed=4))
    assert marks_of(scenario, full) == marks_of(scenario, cheap) != {}


def test_a_selection_keeps_only_its_own_marks(scenario):
    result = run_analysis(scenario, AnalysisSettings(trials=20, orders=2))
    picture = picture_of(scenario, ids=["brand", "dist_east"], result=result)
    assert picture.scene.markers == {"brand": ("spof",), "dist_east": ("spof", "redundant")}


def test_report_picture_rings_the_weak_points(scenario):
    result = run_analysis(scenario, AnalysisSettings(trials=20, orders=2))
    mime, marked = report_picture(scenario, result=result)
    assert mime == "image/svg+xml"
    _, unmarked = report_picture(scenario)
    assert SPOF_RED in marked.decode().lower() and SPOF_RED not in unmarked.decode().lower()


def test_cli_svg_has_marks_unless_no_marks(tmp_path):
    path = tmp_path / "weak.ecodesk"
    write_project_atomic(weak_project(), path)
    marked, bare = tmp_path / "m.svg", tmp_path / "b.svg"
    assert main(["--lang", "en", "export", str(path), str(marked)]) == 0
    assert main(["export", str(path), str(bare), "--no-marks"]) == 0
    m, b = marked.read_text(encoding="utf-8").lower(), bare.read_text(encoding="utf-8").lower()
    assert SPOF_RED in m and TWICE_ORANGE in m and "单点故障" in m  # the project's language: Chinese
    assert SPOF_RED not in b and "单点故障" not in b
    html = tmp_path / "r.html"
    assert main(["export", str(path), str(html), "--trials", "20", "--orders", "2"]) == 0
