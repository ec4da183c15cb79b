"""Model: the fields of schema v2 (flow label, entity colour) and the project's import remarks."""

from __future__ import annotations

import pytest

from ecodesk.model import Entity, Flow, Project, Scenario, ValidationError, make
from ecodesk.store import open_project, write_project_atomic


def test_defaults_and_make_from_json_shaped_data():
    assert Flow("f", "a", "b").label == "" and Entity("e").color == ""
    f = make(Flow, {"id": "f", "source": "a", "target": "b", "label": "发货 →"})
    e = make(Entity, {"id": "e", "color": "#00aa11"})
    assert (f.label, e.color) == ("发货 →", "#00aa11")
    assert f.to_dict()["label"] == "发货 →" and e.to_dict()["color"] == "#00aa11"


@pytest.mark.parametrize(("value", "shown"), [("#FF9900", "'#FF9900'"), ("orange", "'orange'"), (5, "5"),
                                              ("#" + "f" * 50, "'#fffffffffffffffffffffffffffffffffff…")])
def test_a_bad_colour_names_entity_and_field_in_both_languages(value, shown):
    with pytest.raises(ValidationError) as info:
        Entity("e7", color=value)
    assert info.value.readable() == (f"Entity 'e7', Colour: {shown} is not a colour: use #rrggbb (six hex digits, "
                                     "e.g. #ff9900) or leave it empty")
    assert info.value.readable("zh") == (f"主体 'e7' 的颜色：{shown} 不是颜色：请使用 #rrggbb（六位十六进制数字，"
                                         "如 #ff9900），或留空")


def test_a_label_must_be_text():
    with pytest.raises(ValidationError) as info:
        Flow("f", "a", "b", label=3)
    assert info.value.readable() == "Flow 'f', Label: must be text, not 3"
    assert Flow("f", "a", "b", label=None).label == ""


def test_import_remarks_belong_to_one_project_and_are_not_content(tmp_path):
    s = Scenario("Base")
    s.add(Entity("a"))
    p, q = Project("p", scenarios=[s]), Project("p", scenarios=[s.copy("Base")])
    assert p.import_remarks == [] and q.import_remarks == [] and p.import_remarks is not q.import_remarks
    p.import_remarks.append(("The graph is undirected.", "该图是无向图。"))
    assert q.import_remarks == [] and p.content_equals(q)
    assert "import_remarks" not in p.meta_dict()
    write_project_atomic(p, tmp_path / "p.ecodesk")
    assert open_project(tmp_path / "p.ecodesk").import_remarks == []  # never saved
