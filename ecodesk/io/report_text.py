"""I/O layer: the words and number formats of the HTML report, in English and Chinese.

Kept apart from the report's structure (:mod:`ecodesk.io.report`) so a translator reads one
table. The engine must not import Qt, so these labels do not go through Qt's translation;
the text summary's labels (:mod:`ecodesk.analysis.summary`) are reused where they fit.
"""

from __future__ import annotations

from typing import Any

from ecodesk import numfmt
from ecodesk.analysis.summary import _KPI_LABELS

L: dict[str, tuple[str, str]] = {
    "title": ("Ecosystem analysis report", "生态分析报告"),
    "scenario": ("Scenario", "情景"),
    "units": ("Amounts in {c} per {p}", "金额单位：{c}/{p}"),
    "generated": ("Generated on {d} by ecodesk {v}", "由 ecodesk {v} 生成于 {d}"),
    "contents": ("Contents", "目录"),
    "key_figures": ("Key figures", "关键指标"),
    "findings": ("Key findings", "主要发现"),
    # sections
    "s_model": ("Model summary", "模型概览"),
    "s_canvas": ("Ecosystem map", "生态图谱"),
    "s_reuse": ("Capability reuse", "能力复用"),
    "s_cost": ("Cost sharing", "成本分摊"),
    "s_pools": ("Sharing arrangements", "共享安排"),
    "s_res": ("Network resilience", "网络韧性"),
    "s_kpi": ("Ecosystem indicators", "生态指标"),
    "s_method": ("Method and notes", "方法与说明"),
    # model
    "project_notes": ("Project notes", "项目说明"),
    "composition": ("Composition", "模型构成"),
    "entities_by_kind": ("Entities by kind", "主体（按类型）"),
    "flows_by_kind": ("Resource flows by kind", "资源流（按类型）"),
    "kind": ("Kind", "类型"),
    "count": ("Count", "数量"),
    "value": ("Value", "价值"),
    "total": ("Total", "合计"),
    "ecosystems": ("Ecosystems", "生态"),
    "ecosystem": ("Ecosystem", "生态"),
    "members": ("Members", "成员"),
    "no_ecosystems": ("No ecosystem is defined.", "未定义生态。"),
    "objects": ("Other objects", "其他对象"),
    "n_capabilities": ("Capabilities", "能力"),
    "n_needs": ("Needs", "需求"),
    "n_pools": ("Sharing arrangements (pools)", "共享安排"),
    "n_entities": ("Entities", "主体"),
    "n_flows": ("Resource flows", "资源流"),
    # canvas
    "canvas_caption": ("The ecosystem map of scenario “{s}”: entities by kind and resource flows by kind; the shaded "
                       "areas are ecosystems.",
                       "情景「{s}」的生态图谱：主体按类型、资源流按类型着色；底色区域为各生态。"),
    "canvas_missing": ("The map is not included ({why}). Open the project in ecodesk to see it.",
                       "本报告未包含生态图谱（{why}）。请在 ecodesk 中打开项目查看。"),
    # reuse
    "reuse_lead": ("Each capability is built once by its owner and used by the partners it serves. Savings compare "
                   "sharing it with every user building or buying its own.",
                   "每项能力由所有者建设一次，供其服务的伙伴使用。节约额是与各使用方自建或外购相比的节省。"),
    "capability": ("Capability", "能力"),
    "owner": ("Owner", "所有者"),
    "category": ("Category", "类别"),
    "reuse_count": ("Users", "复用数"),
    "amortised": ("Fixed cost per user", "摊薄固定成本"),
    "shared": ("Shared cost", "共享成本"),
    "standalone": ("Standalone cost", "独立成本"),
    "savings": ("Savings", "节约"),
    "total_savings": ("Total savings", "总节约"),
    "reuse_index": ("Reuse index (mean users per capability)", "复用指数（每项能力平均复用数）"),
    "reuse_index_short": ("Reuse index", "复用指数"),
    "chart_savings": ("Savings per capability", "各能力的节约额"),
    "no_capabilities": ("No capability is defined.", "未定义能力。"),
    "redundancies": ("Capabilities built twice", "重复建设的能力"),
    "built_by": ("Built by", "建设方"),
    "keep": ("Keep", "建议保留"),
    "potential": ("Potential savings", "潜在节约"),
    "no_redundancy": ("No capability is built twice within an ecosystem.", "同一生态内没有重复建设的能力。"),
    "gaps": ("Unmet needs", "未满足的需求"),
    "entity": ("Entity", "主体"),
    "volume": ("Volume", "数量"),
    "need_cost": ("Cost alone", "自行解决成本"),
    "candidates": ("Who could meet it", "可提供方"),
    "no_gaps": ("Every need is met.", "所有需求均已满足。"),
    "nobody": ("nobody yet", "暂无"),
    # cost sharing
    "cost_lead": ("The ecosystem cost game: what meeting each partner's capability needs costs alone and together. "
                  "The Shapley value splits the joint cost fairly; the proportional and equal-savings splits are "
                  "shown for comparison.",
                  "生态成本博弈：各伙伴单独与合作满足能力需求的成本。Shapley 值给出公平分摊，按比例分摊与等额节约分摊"
                  "作为对照。"),
    "player": ("Partner", "伙伴"),
    "standalone_i": ("Alone c({{i}})", "单独成本 c({{i}})"),
    "shapley": ("Shapley value", "Shapley 值"),
    "proportional": ("Proportional", "按比例"),
    "equal_savings": ("Equal savings", "等额节约"),
    "total_cost": ("Joint cost c(N)", "合作总成本 c(N)"),
    "total_standalone": ("Sum of costs alone Σ c({{i}})", "单独成本合计 Σ c({{i}})"),
    "chart_split": ("Cost per partner: alone and under each split", "各伙伴成本：单独与各分摊方案"),
    "core_yes": ("The Shapley split is stable: no group of partners would pay less on its own (it is in the core).",
                 "Shapley 分摊是稳定的：任何伙伴组合单独行动都不会更省（位于核心内）。"),
    "core_no": ("The Shapley split is not stable: {n} groups of partners would pay less on their own. The smallest "
                "are listed below.",
                "Shapley 分摊不稳定：有 {n} 个伙伴组合单独行动会更省。下表列出最小的几个。"),
    "core_no_one": ("The Shapley split is not stable: 1 group of partners would pay less on its own. It is listed "
                    "below.", "Shapley 分摊不稳定：有 1 个伙伴组合单独行动会更省。见下表。"),
    "coalition": ("Group of partners", "伙伴组合"),
    "excess": ("Pays more than alone by", "比单独多付"),
    "no_players": ("No capability is owned or used: there is no cost to share.", "没有能力被拥有或使用：无可分摊的成本。"),
    # pools
    "pools_lead": ("The planner's own sharing rules compared with the fair share — the Shapley value of each "
                   "arrangement's game. The gap is the allocation minus the fair share.",
                   "规划者设定的分配规则与公平份额（各安排博弈的 Shapley 值）的对比。差距 = 分配额 − 公平份额。"),
    "pool_head": ("{type} · rule: {rule} · amount {amount}", "{type} · 规则：{rule} · 金额 {amount}"),
    "member": ("Member", "成员"),
    "weight": ("Weight", "权重"),
    "claim": ("Claim", "索赔额"),
    "allocation": ("Allocation", "分配额"),
    "fair_share": ("Fair share (Shapley)", "公平份额（Shapley）"),
    "gap": ("Gap", "差距"),
    "allocated_of": ("Allocated {a} of {b}.", "已分配 {a}，总额 {b}。"),
    "gap_cost": ("For a cost pool a positive gap means the member pays more than its fair share.",
                 "成本分摊中，差距为正表示该成员多付了。"),
    "gap_revenue": ("A positive gap means the member receives more than its fair share.",
                    "差距为正表示该成员多得了。"),
    "chart_pool": ("Allocation and fair share", "分配额与公平份额"),
    "no_pools": ("No sharing arrangement (pool) is defined.", "未定义共享安排。"),
    # resilience
    "res_lead": ("Service to end users along the supply flows ({kinds}): which partners are single points of "
                 "failure, how service degrades as partners drop out, and the risk-weighted outlook.",
                 "沿供应类资源流（{kinds}）对终端用户的服务：哪些伙伴是单点故障、伙伴退出时服务如何下降，以及按风险"
                 "加权的预期。"),
    "service": ("Service level (intact)", "服务水平（完好时）"),
    "demand": ("Demand entities", "需求主体"),
    "origins": ("Origins of supply", "供应源头"),
    "critical": ("Critical partners", "关键伙伴"),
    "loss": ("Service lost without it", "失去后服务损失"),
    "articulation": ("Cut point", "关节点"),
    "spof": ("Single point of failure", "单点故障"),
    "spof_count": ("Single points of failure", "单点故障数"),
    "no_spof": ("No single partner's loss reduces service.", "任何单个伙伴的退出都不会降低服务水平。"),
    "more_rows": ("… and {n} more", "…… 另有 {n} 项"),
    "top_n": ("the {n} largest of {m}", "前 {n} 项，共 {m} 项"),
    "robustness": ("Robustness", "鲁棒性"),
    "r_random": ("R, random failures", "R（随机失效）"),
    "r_targeted": ("R, targeted loss of key partners", "R（关键伙伴定向失效）"),
    "chart_robust": ("Service level as partners are removed", "伙伴逐个移除时的服务水平"),
    "random_mean": ("Random order (mean)", "随机顺序（均值）"),
    "random_band": ("Random, 5–95 %", "随机，5–95% 区间"),
    "targeted": ("Targeted (most critical first)", "定向（最关键者优先）"),
    "removed": ("partners removed", "移除的伙伴数"),
    "service_axis": ("service level", "服务水平"),
    "mc": ("Monte Carlo simulation", "蒙特卡洛模拟"),
    "mc_text": ("In {n} simulated periods, every partner and flow fails with its own risk. Expected service is {e}; "
                "in {b} of the periods service falls below {t}.",
                "在 {n} 次模拟中，每个伙伴与资源流按各自风险独立失效。期望服务水平为 {e}；有 {b} 的模拟中服务水平低于 {t}。"),
    "expected": ("Expected service", "期望服务水平"),
    "p_below": ("P(service < {t})", "P(服务 < {t})"),
    "chart_mc": ("Distribution of the service level", "服务水平分布"),
    "trials_axis": ("simulated periods", "模拟次数"),
    "threshold": ("threshold", "阈值"),
    "cascade": ("Cascades", "级联失效"),
    "cascade_lead": ("A partner that loses more than {t} of its incoming supply fails too.",
                     "伙伴失去超过 {t} 的输入供应时也随之失效。"),
    "first": ("First failure", "初始失效"),
    "size": ("Partners failed", "失效伙伴数"),
    "after": ("Service after", "失效后服务"),
    "also": ("Also failing", "连带失效"),
    "no_cascade": ("No single failure spreads to other partners.", "没有单个失效会扩散到其他伙伴。"),
    "redundancy": ("Redundancy of supply", "供应冗余度"),
    "paths": ("Independent supply paths", "独立供应路径数"),
    "assessment": ("Assessment", "评估"),
    "unreachable": ("not supplied", "无供应"),
    "single": ("single-sourced", "单一来源"),
    "redundant": ("redundant", "有冗余"),
    "is_origin": ("is itself an origin", "自身即供应源"),
    "no_demand": ("No demand entities.", "没有需求主体。"),
    # kpis
    "indicator": ("Indicator", "指标"),
    "top_hub": ("Largest hub", "最大枢纽"),
    # method
    "settings": ("Analysis settings", "分析设置"),
    "seed": ("Random seed", "随机种子"),
    "trials": ("Monte Carlo trials", "蒙特卡洛模拟次数"),
    "orders": ("Random removal orders", "随机移除顺序数"),
    "threshold_s": ("Service threshold", "服务阈值"),
    "cascade_threshold": ("Cascade threshold", "级联阈值"),
    "supply_kinds": ("Supply flow kinds", "供应类资源流"),
    "engine_notes": ("Notes from the analysis", "分析说明"),
    # findings
    "f_savings": ("Sharing capabilities saves {x} against every partner building or buying its own; {top} is "
                  "used by the most partners ({n}).",
                  "能力共享相比各伙伴自建或外购共节约 {x}；{top} 的复用最多（{n} 个伙伴）。"),
    "f_no_savings": ("No capability is shared yet.", "目前尚无能力被共享。"),
    "f_redundant": ("{n} capability categories are built more than once; consolidating them could save {x}.",
                    "有 {n} 类能力被重复建设；整合后可节约 {x}。"),
    "f_redundant_one": ("1 capability category is built more than once; consolidating it could save {x}.",
                        "有 1 类能力被重复建设；整合后可节约 {x}。"),
    "f_gaps": ("{n} needs are not met yet.", "有 {n} 项需求尚未满足。"),
    "f_gaps_one": ("1 need is not met yet.", "有 1 项需求尚未满足。"),
    "f_core_yes": ("The fair (Shapley) split of the joint cost {x} is stable: no group would rather leave.",
                   "合作总成本 {x} 的公平（Shapley）分摊是稳定的：没有任何组合愿意退出。"),
    "f_core_no": ("The fair (Shapley) split is not stable: {m} would pay {x} less on their own.",
                  "公平（Shapley）分摊不稳定：{m} 单独行动可少付 {x}。"),
    "f_pool": ("“{p}” departs most from the fair share: {m} gets {x} {dir} under the rule “{r}”.",
               "「{p}」与公平份额偏离最大：按「{r}」规则，{m} {dir} {x}。"),
    "more": ("more", "多得"),
    "less": ("less", "少得"),
    "pays_more": ("pays more", "多付"),
    "pays_less": ("pays less", "少付"),
    "f_spof": ("Single points of failure: {names}.", "单点故障：{names}。"),
    "f_no_spof": ("No single partner's loss reduces service.", "任何单个伙伴的退出都不会降低服务。"),
    "f_robust": ("Random failures leave on average R = {r} of service as partners drop out; losing the key "
                 "partners first leaves R = {t}.",
                 "随机失效时平均保留服务 R = {r}；关键伙伴优先失效时 R = {t}。"),
    "f_mc": ("Risk-weighted, the expected service is {e}; service falls below {t} in {b} of simulated periods.",
             "按风险加权，期望服务水平为 {e}；{b} 的模拟中服务低于 {t}。"),
    # sensitivity and uncertainty (SPEC §3.7)
    "s_sens": ("Sensitivity", "敏感性"),
    "s_unc": ("Uncertainty", "不确定性"),
    "sens_lead": ("Which assumptions matter: {m} recomputed with one input at a time set {p} lower and {p} higher, "
                  "everything else unchanged. Base value {b}; {n} inputs varied (the fields {f}).",
                  "哪些假设最关键：每次只把一个输入调低或调高 {p}、其余不变，重新计算{m}。基准值 {b}；共变动 {n} 个输入"
                  "（字段：{f}）。"),
    "sens_none": ("No input of these fields is set and non-zero, so nothing was varied.",
                  "这些字段中没有已设定且非零的输入，因此未作变动。"),
    "sens_flat": ("No single input moves it.", "任何单个输入都不会改变它。"),
    "sens_more": ("For another metric or more rows: ecodesk sensitivity FILE --metric K --top N.",
                  "换用其他指标或列出更多行：ecodesk sensitivity FILE --metric K --top N。"),
    "chart_tornado": ("Tornado: change of {m} against its base value", "龙卷风图：{m}相对基准值的变化"),
    "at_low": ("input {p} lower", "输入调低 {p}"),
    "at_high": ("input {p} higher", "输入调高 {p}"),
    "input": ("Input", "输入"),
    "in_value": ("Value", "取值"),
    "in_low_high": ("Low → high", "低 → 高"),
    "m_low": ("Metric at low", "调低时指标"),
    "m_high": ("Metric at high", "调高时指标"),
    "swing": ("Swing", "波动"),
    "unc_lead": ("How sure the figures are: the {r} numbers that carry a range were drawn from triangular "
                 "distributions (low, value, high), independently, {n} times (seed {s}); {m} on each drawn model.",
                 "结论有多可靠：{r} 个带范围的数值各自独立地按三角分布（下限、取值、上限）抽取 {n} 次（随机种子 {s}），"
                 "对每个抽样模型计算{m}。"),
    "unc_fewer": ("The report draws {n} samples to stay quick; ecodesk uncertainty FILE --metric K draws 1,000 "
                  "by default (--samples N for more).",
                  "为保持报告生成快捷，此处只抽取 {n} 个样本；ecodesk uncertainty FILE --metric K 默认抽取 1,000 个"
                  "（可用 --samples N 增加）。"),
    "mean": ("Mean", "均值"),
    "chart_unc": ("Distribution of {m} over the samples", "{m}在各样本中的分布"),
    "samples_axis": ("Samples", "样本数"),
    "better_off": ("Better off than alone", "优于单干"),
    "better_lead": ("For each partner of the cost game: the share of samples in which its Shapley share of the "
                    "cost is at most what it would pay alone.",
                    "成本博弈的每个伙伴：其 Shapley 成本分摊不高于独立成本的样本比例。"),
    "chart_better": ("Share of samples better off than alone", "优于单干的样本比例"),
    "share_samples": ("Share of samples", "样本比例"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "none": ("none", "无"),
    "footer": ("Made with ecodesk {v}. Figures are deterministic for the seed shown under Method and notes.",
               "由 ecodesk {v} 生成。在“方法与说明”所示随机种子下，结果可复现。"),
}

PERIODS = {"year": ("year", "年"), "month": ("month", "月"), "quarter": ("quarter", "季度"), "week": ("week", "周"),
           "day": ("day", "日")}

KPI_EXPLAIN: dict[str, tuple[str, str]] = {
    "entity_count": ("partners in the scenario", "情景中的主体数"),
    "flow_count": ("resource flows", "资源流数"),
    "total_flow_value": ("volume × unit value, all flows", "全部资源流的数量 × 单价"),
    "data_interop_rate": ("partner pairs trading goods or services that also exchange data",
                          "有非数据往来的伙伴对中，同时交换数据的比例"),
    "reverse_data_ratio": ("data flows running back up a supply link (feedback)", "逆供应方向回流的数据流比例（数据反哺）"),
    "cross_industry_share": ("flows between partners of different industries", "跨行业伙伴之间的资源流比例"),
    "top_hub_share": ("flows touching the busiest partner", "与最繁忙主体相连的资源流比例"),
    "multi_ecosystem_entities": ("partners in two or more ecosystems", "同时属于两个及以上生态的主体"),
}
RATIO_KPIS = ("data_interop_rate", "reverse_data_ratio", "cross_industry_share", "top_hub_share")


class Words:
    """Labels and number formats in one language ('en' or 'zh')."""

    def __init__(self, lang: str, currency: str = "CNY", period: str = "year") -> None:
        self.zh = lang.startswith("zh")
        self.lang = "zh" if self.zh else "en"
        self.currency = currency
        self.period = period

    def __call__(self, key: str, **kw: Any) -> str:
        """The text of ``key``; its ``_one`` form when ``n`` is 1 and it has one ("1 need is …")."""
        if kw.get("n") == 1 and f"{key}_one" in L:
            key = f"{key}_one"
        en, zh = L[key]
        return (zh if self.zh else en).format(**kw)

    def kpi(self, key: str) -> str:
        en, zh = _KPI_LABELS.get(key, (key, key))
        return zh if self.zh else en

    def kpi_explain(self, key: str) -> str:
        en, zh = KPI_EXPLAIN.get(key, ("", ""))
        return zh if self.zh else en

    def period_label(self) -> str:
        en, zh = PERIODS.get(self.period, (self.period, self.period))
        return zh if self.zh else en

    def list(self, items: list[str]) -> str:
        return ("、" if self.zh else ", ").join(items)

    # numbers: the one convention of ecodesk.numfmt ------------------------------------
    @staticmethod
    def money(v: Any) -> str:
        """Whole amounts from 100 up, two decimals below: ``12,346``, ``12.35``, ``−250``."""
        return numfmt.money(v, None)

    def money_cur(self, v: Any) -> str:
        return f"{self.money(v)} {self.currency}"

    @staticmethod
    def pct(v: Any, digits: int = 1) -> str:
        return numfmt.percent(v, digits)

    @staticmethod
    def num(v: Any) -> str:
        """Counts whole; other numbers with up to three decimals below 100, whole above."""
        if isinstance(v, bool) or numfmt.finite(v) is None:
            return numfmt.number(v)
        return numfmt.number(v, 3 if abs(float(v)) < 100 else 0)

    @staticmethod
    def ratio(v: Any) -> str:
        return numfmt.ratio(v)

    def short(self, v: float) -> str:
        """A compact axis label: 1.2 M / 350 K, or 120 万 / 1.2 亿."""
        return numfmt.compact(v, self.lang, 4)
