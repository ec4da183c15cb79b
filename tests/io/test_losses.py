"""export_losses: what each data format cannot hold of this project, in English and Chinese."""

from __future__ import annotations

import json

import pytest

from ecodesk.io import export_file, import_file
from ecodesk.io.losses import export_losses
from ecodesk.model import AnalysisSettings, Project


@pytest.mark.parametrize("fmt", ["ecodesk", "json", "csv", "xlsx", "graphml", "png", "html", "nonsense"])
def test_formats_that_hold_everything_lose_nothing(rich_project, fmt):
    assert export_losses(rich_project, fmt) == []
    assert export_losses(rich_project, fmt, "2.0 网络；共享") == []


@pytest.mark.parametrize(("fmt", "name"), [("json", "p.json"), ("csv", "p.zip"), ("xlsx", "p.xlsx"),
                                           ("graphml", "p.graphml")])
def test_the_formats_said_to_lose_nothing_really_hold_everything(rich_project, tmp_path, fmt, name):
    """The claim behind '[]': the export of every scenario imports back equal."""
    export_file(rich_project, tmp_path / name, fmt)
    assert import_file(tmp_path / name, fmt).content_equals(rich_project)


def test_gexf_loses_the_other_scenarios_only(rich_project, tmp_path):
    assert export_losses(rich_project, "gexf") == [(
        "GEXF holds one scenario: only '1.0 线性' is written, not the other 2 scenarios ('2.0 网络；共享', "
        "'空白 scenario'); export each with its own file.",
        "GEXF 只能保存一个情景：只写入「1.0 线性」，其余 2 个情景（「2.0 网络；共享」、「空白 scenario」）不会写入；请逐个导出。"), (
        "GEXF holds the views of '1.0 线性' only: 2 views of other scenarios are left out.",
        "GEXF 只保存「1.0 线性」的视图：其他情景的 2 个视图不会写入。")]
    assert export_losses(rich_project, "gexf", "1.0 线性") == []  # one scenario asked for: all of it is written
    export_file(rich_project, tmp_path / "p.gexf", scenario="2.0 网络；共享")
    back = import_file(tmp_path / "p.gexf")
    assert back.scenario().content_equals(rich_project.scenario("2.0 网络；共享"))
    assert back.views == [v for v in rich_project.views if v.scenario == "2.0 网络；共享"]  # its notes and views ride along
    export_file(rich_project, tmp_path / "first.gexf")
    assert [v.id for v in import_file(tmp_path / "first.gexf").views] == ["v1"]  # the other 2 views: as said


def test_kumu_names_pools_ecosystems_and_settings(rich_project, tmp_path):
    s = rich_project.scenario("1.0 线性")
    losses = export_losses(rich_project, "kumu", "1.0 线性")
    assert [en for en, _ in losses] == [
        "Kumu has no place for sharing arrangements: the 4 pools (研发分摊, 达人阶梯分成, 保底+分成, 风险准备金) are not written.",
        "Kumu has no place for notes on the canvas and saved views: 3 notes and 1 view are left out.",
        "Kumu has no place for entity sizes: 2 entities (电商平台, 传感器供应商) come back at the normal size.",
        "Kumu keeps only the names of ecosystems (on each element): 2 ecosystems come back with their name as id "
        "and 1 ecosystem loses its colour.",
        "Kumu has no place for the project language (zh) and the analysis settings (seed, trials, thresholds, "
        "supply kinds): they are not written."]
    assert losses[0][1] == "Kumu 无法保存共享安排：4 个共享安排（研发分摊、达人阶梯分成、保底+分成、风险准备金）不会写入。"
    assert losses[1][1] == "Kumu 无法保存画布便签和视图：3 个便签和 1 个视图不会写入。"
    assert losses[2][1] == "Kumu 无法保存主体大小：2 个主体（电商平台、传感器供应商）导回后恢复为正常大小。"
    # each sentence is true: what it names does not come back
    export_file(rich_project, tmp_path / "k.json", "kumu", scenario="1.0 线性")
    back = import_file(tmp_path / "k.json", "kumu")
    assert len(back.scenario().pools) == 0 < len(s.pools)
    assert (len(back.scenario().annotations), back.views) == (0, []) and {e.size for e in back.scenario().entities} == {1}
    assert back.scenario().ecosystems.ids() != s.ecosystems.ids() and not any(e.color for e in back.scenario().ecosystems)
    assert (back.language, back.settings) == ("", AnalysisSettings())
    rich_project.currency, rich_project.period = "USD", "month"
    assert export_losses(rich_project, "kumu", "1.0 线性")[4] == (
        "Kumu has no place for the currency and period (USD per month) and the project language (zh) and the "
        "analysis settings (seed, trials, thresholds, supply kinds): they are not written.",
        "Kumu 无法保存货币与周期（USD/month）、项目语言（zh）、分析设置（随机种子、模拟次数、阈值、供应类资源流）：这些不会写入。")
    # and what it does not name comes back
    assert len(back.scenario().capabilities) == len(s.capabilities) and len(back.scenario().needs) == len(s.needs)


def test_kumu_of_a_plain_project_loses_nothing(tmp_path):
    from ecodesk.model import Ecosystem, Entity, Flow, Scenario

    s = Scenario("Base")
    s.add(Ecosystem("华东", "华东"))
    s.add(Entity("a", "甲", "supplier", ecosystems=("华东",), color="#112233", x=-50, y=20))
    s.add(Entity("b", "乙", "user", demand=5, x=60, y=-30))
    s.add(Flow("f", "a", "b", "goods", volume=2, label="月结"))
    p = Project("plain", scenarios=[s])
    assert export_losses(p, "kumu") == []
    export_file(p, tmp_path / "k.json", "kumu")
    back = import_file(tmp_path / "k.json", "kumu")
    assert back.scenario().content_equals(s)
    p.add_scenario(Scenario("Other"))
    assert [en for en, _ in export_losses(p, "kumu")] == [
        "Kumu JSON holds one scenario: only 'Base' is written, not the other 1 scenario ('Other'); export each with "
        "its own file."]


def test_cli_export_prints_the_losses_before_writing(rich_project, tmp_path, capsys):
    from ecodesk.cli import main

    src = tmp_path / "p.json"
    export_file(rich_project, src)
    assert main(["export", str(src), str(tmp_path / "k.json"), "--format", "kumu", "--scenario", "1.0 线性"]) == 0
    err = capsys.readouterr().err
    assert "ecodesk: left out: Kumu has no place for sharing arrangements: the 4 pools" in err
    assert json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))["elements"]
    assert main(["export", str(src), str(tmp_path / "p.graphml")]) == 0
    assert "left out" not in capsys.readouterr().err


def test_kumu_says_ecosystems_of_one_name_merge(tmp_path):
    from ecodesk.model import Ecosystem, Entity, Scenario

    s = Scenario("Base")
    s.add(Ecosystem("e1", "华东"))
    s.add(Ecosystem("e2", "华东"))
    s.add(Entity("a", "甲", ecosystems=("e1",), x=1))
    s.add(Entity("b", "乙", ecosystems=("e2",), x=2))
    p = Project("p", scenarios=[s])
    assert export_losses(p, "kumu") == [(
        "Kumu keeps only the names of ecosystems (on each element): ecosystems named alike come back as one (华东) and "
        "2 ecosystems come back with their name as id.",
        "Kumu 只保存生态的名称（记在各元素上）：同名的生态导回后合并为一个（华东），2 个生态以名称作为 id 导回。")]
    export_file(p, tmp_path / "k.json", "kumu")
    assert import_file(tmp_path / "k.json", "kumu").scenario().ecosystems.ids() == ["华东"]
