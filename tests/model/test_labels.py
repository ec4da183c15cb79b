"""Readable field labels and refusal sentences (en/zh) for the people using the app."""

from __future__ import annotations

from ecodesk.model import ValidationError
from ecodesk.model.labels import FIELD_LABELS, field_label, what_label


def test_every_field_of_every_model_object_has_a_label():
    from dataclasses import fields

    from ecodesk.model import COLLECTIONS, AnalysisSettings, View

    for cls in [*COLLECTIONS.values(), AnalysisSettings, View]:
        for f in fields(cls):
            assert f.name in FIELD_LABELS, (cls.__name__, f.name)


def test_readable_names_the_field_by_its_label_and_sentence_keeps_the_code_name():
    err = ValidationError("flow", "f2", "standalone_cost", "must not be negative (got -1)", "不能为负数（当前为 -1）")
    assert err.readable() == "Flow 'f2', Standalone cost: must not be negative (got -1)"
    assert err.readable("zh") == "资源流 'f2' 的独立获取成本：不能为负数（当前为 -1）"
    assert str(err) == "Flow 'f2', field 'standalone_cost': must not be negative (got -1)"
    assert err.sentence("zh") == "资源流 'f2' 的字段 standalone_cost：不能为负数（当前为 -1）"
    part = ValidationError("pool", "p1", "tiers[1].rate", "must be at most 1 (got 2)", "不能大于 1（当前为 2）")
    assert part.readable() == "Pool 'p1', Tiers (2) rate: must be at most 1 (got 2)"
    assert part.readable("zh") == "共享安排 'p1' 的分档（2）的比例：不能大于 1（当前为 2）"
    whole = ValidationError("entity", "e1", "", "must be an object", "必须是对象")
    assert whole.readable() == "Entity 'e1': must be an object" and whole.readable("zh") == "主体 'e1'：必须是对象"


def test_an_error_naming_no_object_reads_as_its_own_sentence():
    class Placed(ValidationError):  # like the importers' problems at a place in a file
        def __init__(self, en: str, zh: str) -> None:
            super().__init__("", "", "", en, zh)

        def sentence(self, lang: str = "en") -> str:
            return self.message_zh if lang.startswith("zh") else self.message

    err = Placed("row 3, column 'risk': '1万' is not a number", "第 3 行“risk”列：“1万”不是数字")
    assert err.readable() == "row 3, column 'risk': '1万' is not a number"
    assert err.readable("zh") == "第 3 行“risk”列：“1万”不是数字"


def test_what_labels():
    assert what_label("pool", "zh") == "共享安排" and what_label("pool") == "pool"
    assert field_label("scale_exponent", "zh") == "规模指数 β"


def test_notes_views_and_entity_size_read_as_words():
    err = ValidationError("annotation", "note1", "width", "must be more than 0", "必须大于 0")
    assert err.readable() == "Note 'note1', Width: must be more than 0"
    assert err.readable("zh") == "便签 'note1' 的宽度：必须大于 0"
    assert field_label("size", "zh") == "大小" and field_label("size") == "Size"
    assert field_label("text", what="view") == "Speaker notes" and field_label("text", "zh", "view") == "演讲备注"
    assert field_label("text", what="annotation") == "Text" and field_label("hidden_kinds", "zh") == "隐藏的资源流类型"
    view = ValidationError("view", "view1", "panel", "unknown value 'x'", "未知取值 'x'")
    assert view.readable() == "View 'view1', Analysis tab: unknown value 'x'"
    assert view.readable("zh") == "视图 'view1' 的分析页：未知取值 'x'"
