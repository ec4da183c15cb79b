"""Model layer: the fixed vocabularies of SPEC §2 as enums with Chinese and English labels."""

from __future__ import annotations

from enum import Enum


class LabelledEnum(str, Enum):  # noqa: UP042 - custom __new__ with labels
    """A str enum whose members carry an English and a Chinese label."""

    en: str  # annotations only (not members): set on each member by __new__
    zh: str

    def __new__(cls, value: str, en: str, zh: str) -> LabelledEnum:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.en = en
        obj.zh = zh
        return obj

    def __str__(self) -> str:
        return str(self.value)

    def label(self, lang: str = "en") -> str:
        """The label in ``lang`` ('zh…' gives Chinese, anything else English)."""
        return self.zh if lang.lower().startswith("zh") else self.en

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]


class EntityKind(LabelledEnum):
    PLATFORM = ("platform", "Platform / ecosystem hub", "平台/生态枢纽")
    SUPPLIER = ("supplier", "Supplier", "供应商")
    CHANNEL = ("channel", "Channel / distributor", "渠道商/经销商")
    SERVICE = ("service", "Service provider", "服务商")
    USER = ("user", "End users / segment", "终端用户/客群")
    PARTNER = ("partner", "Cross-industry partner", "跨界伙伴")
    RESEARCH = ("research", "Research institute", "科研机构")
    OTHER = ("other", "Other", "其他")


class FlowKind(LabelledEnum):
    GOODS = ("goods", "Goods", "商品")
    CAPABILITY = ("capability", "Capability / service", "能力/服务")
    LOGISTICS = ("logistics", "Logistics", "物流")
    DATA = ("data", "Data", "数据")
    TRAFFIC = ("traffic", "Traffic / customers", "流量/客流")
    MONEY = ("money", "Money", "资金")
    CREDIT = ("credit", "Finance / credit", "金融/信贷")


class PoolType(LabelledEnum):
    COST = ("cost", "Cost pool", "成本分摊")
    REVENUE = ("revenue", "Revenue pool", "收益分配")
    RESERVE = ("reserve", "Risk reserve", "风险准备金")


class PoolRule(LabelledEnum):
    EQUAL = ("equal", "Equal", "均分")
    PROPORTIONAL = ("proportional", "Proportional", "按比例")
    SHAPLEY = ("shapley", "Shapley value", "Shapley 值")
    NUCLEOLUS = ("nucleolus", "Nucleolus", "核仁")
    FLOOR_SHARE = ("floor_share", "Floor plus share", "保底+分成")
    TIERED = ("tiered", "Tiered share", "阶梯式分成")
    CEA = ("cea", "Constrained equal awards", "约束均等收益")
    CEL = ("cel", "Constrained equal losses", "约束均等损失")
    TALMUD = ("talmud", "Talmud (Aumann–Maschler)", "塔木德规则")


#: Rules each pool type accepts (SPEC §3.2).
RULES_BY_TYPE: dict[PoolType, tuple[PoolRule, ...]] = {
    PoolType.COST: (
        PoolRule.EQUAL, PoolRule.PROPORTIONAL, PoolRule.SHAPLEY, PoolRule.NUCLEOLUS,
        PoolRule.FLOOR_SHARE, PoolRule.TIERED,
    ),
    PoolType.REVENUE: (
        PoolRule.EQUAL, PoolRule.PROPORTIONAL, PoolRule.SHAPLEY, PoolRule.NUCLEOLUS,
        PoolRule.FLOOR_SHARE, PoolRule.TIERED,
    ),
    PoolType.RESERVE: (
        PoolRule.PROPORTIONAL, PoolRule.CEA, PoolRule.CEL, PoolRule.TALMUD,
        PoolRule.SHAPLEY, PoolRule.NUCLEOLUS, PoolRule.EQUAL,
    ),
}

#: Flow kinds that carry supply by default (SPEC §3.3).
DEFAULT_SUPPLY_KINDS: tuple[FlowKind, ...] = (FlowKind.GOODS, FlowKind.CAPABILITY, FlowKind.LOGISTICS)
