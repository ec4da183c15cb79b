"""Model layer: readable names of objects and fields, in English and Chinese.

One table for every front end: the inspector's and the tables' field labels, and the
sentence a :class:`~ecodesk.model.errors.ValidationError` shows a planner ("Entity 'e1',
Revenue: must not be negative") instead of the field's code name. The Chinese is the
one the UI has always shown (the former ``fields`` translation context).
"""

from __future__ import annotations

import re

#: Object kinds ("what") → (English, Chinese).
WHAT_LABELS: dict[str, tuple[str, str]] = {
    "entity": ("entity", "主体"),
    "flow": ("flow", "资源流"),
    "capability": ("capability", "能力"),
    "ecosystem": ("ecosystem", "生态"),
    "need": ("need", "需求"),
    "pool": ("pool", "共享安排"),
    "scenario": ("scenario", "情景"),
    "project": ("project", "项目"),
    "annotation": ("note", "便签"),
    "view": ("view", "视图"),
}

#: Field code name → (English, Chinese); the same for every kind of object unless
#: :data:`KIND_FIELD_LABELS` says otherwise.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "id": ("ID", "ID"),
    "name": ("Name", "名称"),
    "kind": ("Kind", "类型"),
    "industry": ("Industry", "行业"),
    "ecosystems": ("Ecosystems", "所属生态"),
    "demand": ("Demand", "需求量"),
    "risk": ("Risk", "风险"),
    "revenue": ("Revenue", "收入"),
    "notes": ("Notes", "备注"),
    "label": ("Label", "标签"),
    "x": ("X", "X"),
    "y": ("Y", "Y"),
    "color": ("Colour", "颜色"),
    "category": ("Category", "类别"),
    "owner": ("Owner", "所有者"),
    "fixed_cost": ("Fixed cost", "固定成本"),
    "unit_cost": ("Unit cost", "单位成本"),
    "capacity": ("Capacity", "产能"),
    "source": ("Source", "来源"),
    "target": ("Target", "目标"),
    "volume": ("Volume", "数量"),
    "unit_value": ("Unit value", "单价"),
    "value": ("Value", "价值"),
    "capability": ("Capability", "能力"),
    "standalone_cost": ("Standalone cost", "独立获取成本"),
    "entity": ("Entity", "主体"),
    "type": ("Type", "类型"),
    "amount": ("Amount", "金额"),
    "members": ("Members", "成员"),
    "member_count": ("Members", "成员"),
    "rule": ("Rule", "规则"),
    "weights": ("Weights", "权重"),
    "floors": ("Floors", "保底额"),
    "tiers": ("Tiers", "分档"),
    "up_to": ("up to", "上限"),
    "rate": ("rate", "比例"),
    "claims": ("Claims", "索赔额"),
    "scale_exponent": ("Scale exponent β", "规模指数 β"),
    "currency": ("Currency", "币种"),
    "period": ("Period", "周期"),
    "language": ("Language", "语言"),
    "scenarios": ("Scenarios", "情景"),
    "settings": ("Analysis settings", "分析设置"),
    "seed": ("Seed", "随机种子"),
    "trials": ("Trials", "试验次数"),
    "orders": ("Orders", "移除顺序数"),
    "threshold": ("Threshold", "阈值"),
    "cascade_threshold": ("Cascade threshold", "级联阈值"),
    "supply_kinds": ("Supply flow kinds", "供给流类型"),
    "ranges": ("Ranges", "范围"),
    "size": ("Size", "大小"),
    "text": ("Text", "文字"),
    "width": ("Width", "宽度"),
    "height": ("Height", "高度"),
    "title": ("Title", "标题"),
    "scenario": ("Scenario", "情景"),
    "rect": ("Visible area", "显示区域"),
    "color_mode": ("Colour mode", "着色方式"),
    "hidden_kinds": ("Hidden flow kinds", "隐藏的资源流类型"),
    "panel": ("Analysis tab", "分析页"),
}

#: (what, field) → (English, Chinese) where one kind names a field differently.
KIND_FIELD_LABELS: dict[tuple[str, str], tuple[str, str]] = {
    ("view", "text"): ("Speaker notes", "演讲备注"),
}

_INDEXED = re.compile(r"^(?P<base>\w+)\[(?P<key>[^\]]*)\](?:\.(?P<sub>\w+))?$")


def _zh(lang: str) -> bool:
    return lang.lower().startswith("zh")


def what_label(what: str, lang: str = "en") -> str:
    """'entity' → 'entity' / '主体' (unknown kinds are returned as they are)."""
    pair = WHAT_LABELS.get(what)
    return (pair[1] if _zh(lang) else pair[0]) if pair else what


def field_label(field: str, lang: str = "en", what: str = "") -> str:
    """The readable label of a field code name, in ``lang``.

    Understands the paths errors use for parts of a field: ``weights[e1]`` → "Weights (e1)",
    ``tiers[0].rate`` → "Tiers (1) rate", ``settings.trials`` → "Trials". Unknown names are
    returned as they are.
    """
    zh = _zh(lang)
    pair = KIND_FIELD_LABELS.get((what, field)) or FIELD_LABELS.get(field)
    if pair is not None:
        return pair[1] if zh else pair[0]
    if field.startswith("settings."):
        return field_label(field[len("settings."):], lang, what)
    m = _INDEXED.match(field)
    if m is not None and m["base"] == "ranges" and not m["sub"]:  # ranges[volume]: "Range of Volume"
        name = field_label(m["key"], lang, what)
        return f"{name}的范围" if zh else f"Range of {name}"
    if m is not None:
        base = field_label(m["base"], lang, what)
        key = m["key"]
        if key.isdigit() and m["base"] == "tiers":
            key = str(int(key) + 1)  # rows counted from 1 for people
        text = f"{base}（{key}）" if zh else f"{base} ({key})"
        if m["sub"]:
            sub = field_label(m["sub"], lang, what)
            text += f"的{sub}" if zh else f" {sub}"
        return text
    return field
