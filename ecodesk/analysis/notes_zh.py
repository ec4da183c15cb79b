"""Analysis layer: the engine's notes in Chinese.

The notes stay English in the JSON of SPEC §5 (the contract); summaries, reports and the
analysis panel show them in the reader's language through :func:`note_text`. Each entry
matches one note the engine writes (numbers, ids and names are carried over); a note
without an entry is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_N = r"([-+0-9.,eE%]+)"  # a number as the engine formats it
_ANY = r"(.+?)"

#: (English pattern, Chinese template with {0}, {1} … for the pattern's groups)
_CATALOG: tuple[tuple[str, str], ...] = (
    # capability reuse
    (r"No capabilities: reuse_index and total_savings are 0\.", "没有能力：reuse_index 与 total_savings 均为 0。"),
    (
        r"The scenario defines no ecosystem: redundancy is looked for across the whole scenario, "
        r"and no gap candidate is ranked first for sharing an ecosystem\.",
        "情景未定义生态：在整个情景中查找重复建设，缺口候选也不会因同属一个生态而排在前面。",
    ),
    (r"Capabilities without a category are never counted as redundant\.", "没有类别的能力不计为重复建设。"),
    (
        r"A capability flow without a standalone cost counts F \+ u·v of that flow, so each of several flows of "
        r"one capability to one consumer counts F\.",
        "未填写自建成本的能力流按 F + u·v 计算，因此同一能力流向同一使用方的多条流各计一次 F。",
    ),
    (
        r"Redundancy: capabilities of one category \(trimmed, case-insensitive\) are grouped when their owners share "
        r"an ecosystem, directly or through other owners of the group; the one kept has the most consumers, then "
        r"the lower fixed cost, then the lower id\.",
        "重复建设：同一类别（去首尾空格、不区分大小写）的能力，若其拥有方直接或经组内其他拥有方同属一个生态，"
        "则归为一组；保留使用方最多者，其次固定成本较低者，再次 ID 较小者。",
    ),
    (
        r"A need is met only by a capability flow of its category that the entity receives; owning such a "
        r"capability does not meet it\.",
        "需求只由该主体接收到的同类别能力流满足；自己拥有此类能力并不算满足。",
    ),
    # cost sharing (the ecosystem game)
    (
        r"No capability is owned or used: the cost game has no players and every total is 0\.",
        "没有被拥有或使用的能力：成本博弈没有参与方，各项合计均为 0。",
    ),
    (
        r"Every standalone cost is 0, so the proportional split falls back to equal shares\.",
        "所有自建成本均为 0，按比例分摊改为平均分摊。",
    ),
    (
        r"Some consumers pay less alone than through the ecosystem \(standalone cost below u·v\): "
        r"those pairs have negative savings, and the Shapley split may leave the core\.",
        "部分使用方自建比通过生态更便宜（自建成本低于 u·v）：这些组合的节约为负，Shapley 分摊可能不在核心内。",
    ),
    (
        rf"{_N} coalition\(s\) pay more under the Shapley split than on their own; "
        rf"the {_N} smallest are listed \(smallest first, then larger excess\)\.",
        "有 {0} 个联盟在 Shapley 分摊下比单干付出更多；列出其中最小的 {1} 个（先按规模，再按超额从大到小）。",
    ),
    (
        r"Standalone cost c\(\{i\}\) of a player: the fixed cost of the capabilities it owns plus what it "
        r"would pay alone \(A\) for the capabilities it uses\.",
        "参与方的自建成本 c({{i}})：其拥有能力的固定成本，加上其所用能力单独获得的成本（A）。",
    ),
    # KPIs
    (r"No flows: every share is 0 and there is no hub\.", "没有资源流：各项占比均为 0，也没有枢纽。"),
    (
        r"No pair of entities is linked by a non-data flow: data_interop_rate is 0\.",
        "没有主体之间存在非数据流：data_interop_rate 为 0。",
    ),
    (r"No data flows: reverse_data_ratio is 0\.", "没有数据流：reverse_data_ratio 为 0。"),
    (
        r"Shares count flows \(not volumes\); data_interop_rate counts unordered entity pairs\.",
        "占比按资源流条数计（不按流量）；data_interop_rate 按无序主体对计。",
    ),
    (
        r"Industries are compared trimmed and case-insensitive; an empty industry never counts as cross-industry\.",
        "行业比较时去首尾空格、不区分大小写；行业为空时不算跨行业。",
    ),
    # pools
    (r"The pool has no members: nothing is allocated\.", "资金池没有成员：不做分配。"),
    (r"The pool's amount is 0\.", "资金池金额为 0。"),
    (
        r"Every weight is 0: weight-based splits and the pool's game treat members as equal\.",
        "所有权重均为 0：按权重的分摊和资金池博弈都按成员均等处理。",
    ),
    (
        rf"Shapley value estimated from {_N} random orders \(seed {_N}\) for {_N} members; "
        rf"95 % confidence half-width up to {_N}\.",
        "Shapley 值由 {0} 个随机排列估计（种子 {1}），成员 {2} 个；95% 置信区间半宽至多 {3}。",
    ),
    (
        rf"Sampling stopped once the largest standard error \({_N}\) was at most {_N} of the amount\.",
        "最大标准误（{0}）已不超过金额的 {1}，抽样停止。",
    ),
    (
        rf"Sampling stopped at the limit of {_N} random orders; the largest standard error \({_N}\) is still above "
        rf"{_N} of the amount \({_N}\)\.",
        "抽样在达到 {0} 个随机排列的上限时停止；最大标准误（{1}）仍高于金额的 {2}（{3}）。",
    ),
    (
        rf"Not the nucleolus: this pool's {_N} members have {_N} different weights; the nucleolus is computed for up "
        rf"to {_N} members of different weights \(or {_N} coalition profiles when weights repeat\)\. "
        r"The allocation shows the Shapley value instead\.",
        "并非核仁：此资金池的 {0} 个成员有 {1} 种不同的权重；核仁最多对 {2} 个权重各不相同的成员计算"
        "（权重有重复时最多 {3} 个联盟组合）。分配结果改为显示 Shapley 值。",
    ),
    (
        rf"Not the nucleolus: the exact search for this pool's {_N} members stopped at its work limit "
        rf"\({_N} coalitions listed, {_N} programme rows\)\. The allocation shows the Shapley value instead\.",
        "并非核仁：此资金池 {0} 个成员的精确求解达到工作量上限（已列举 {1} 个联盟，线性规划共 {2} 行）而停止。"
        "分配结果改为显示 Shapley 值。",
    ),
    (
        r"Rule '(\w+)' does not apply to a (\w+) pool: proportional used\.",
        "规则 “{0}” 不适用于 {1} 类资金池：改用按比例分配。",
    ),
    (
        rf"The floors total {_N}, more than the amount {_N}: every floor is scaled down "
        rf"to {_N} of itself and nothing is left to share\.",
        "保底合计 {0}，超过金额 {1}：每项保底按 {2} 等比缩减，没有剩余可分成。",
    ),
    (
        r"No member has a floor: the whole amount is shared in proportion to weights\.",
        "没有成员设保底：全部金额按权重比例分成。",
    ),
    (r"The pool has no tiers: every member's rate is 0\.", "资金池没有阶梯：每个成员的比率为 0。"),
    (rf"Weights above every tier \(rate 0\): {_ANY}\.", "权重高于所有阶梯（比率为 0）：{0}。"),
    (rf"The tiered shares total {_N}, exactly the amount\.", "阶梯分配合计 {0}，正好等于金额。"),
    (rf"The tiered shares total {_N}, {_N} more than the amount {_N}\.", "阶梯分配合计 {0}，比金额 {2} 多 {1}。"),
    (rf"The tiered shares total {_N}, {_N} less than the amount {_N}\.", "阶梯分配合计 {0}，比金额 {2} 少 {1}。"),
    (r"No member has a claim on the reserve: nothing is paid\.", "没有成员对风险准备金提出索赔：不做支付。"),
    (
        rf"The claims \({_N}\) do not exceed the fund \({_N}\): claim-based rules pay each claim in full "
        rf"and {_N} stays in the reserve; the fair share \(Shapley\) also splits that surplus equally\.",
        "索赔合计（{0}）未超过准备金（{1}）：按索赔的规则全额支付每项索赔，{2} 留在准备金中；"
        "公平份额（Shapley）还会把这部分结余平均分配。",
    ),
    (
        rf"The claims \({_N}\) do not exceed the fund \({_N}\): claim-based rules pay each claim in full\.",
        "索赔合计（{0}）未超过准备金（{1}）：按索赔的规则全额支付每项索赔。",
    ),
    (
        r"The nucleolus of a bankruptcy game is the Talmud rule \(Aumann–Maschler\)\.",
        "破产博弈的核仁即塔木德规则（Aumann–Maschler）。",
    ),
    (
        rf"An equal split pays more than the claim of: {_ANY} \(constrained equal awards, 'cea', caps it\)\.",
        "平均分配会超过以下成员的索赔额：{0}（受约束平均分配 “cea” 会以索赔额为上限）。",
    ),
    # resilience
    (
        rf"Demand entities: the {_N} entities with demand > 0, weighted by their demand\.",
        "需求主体：需求量大于 0 的 {0} 个主体，按需求量加权。",
    ),
    (
        rf"No entity has demand > 0: the {_N} user entities count as demand entities with demand 1\.",
        "没有主体的需求量大于 0：{0} 个用户主体按需求量 1 计为需求主体。",
    ),
    (
        rf"No entity has demand > 0 and there is no user entity: the {_N} sinks of the supply graph "
        r"\(entities with incoming but no outgoing supply flows\) count with demand 1\.",
        "没有主体的需求量大于 0，也没有用户主体：供给图中的 {0} 个汇点（只有流入、没有流出供给流的主体）按需求量 1 计。",
    ),
    (
        r"No demand entities \(no demand > 0, no user entity, no sink of the supply graph\): "
        r"every service level is reported as 0\.",
        "没有需求主体（没有需求量大于 0 的主体、没有用户主体、供给图也没有汇点）：各项服务水平均记为 0。",
    ),
    (
        r"No origins \(entities with outgoing but no incoming supply flows\): nothing is supplied\.",
        "没有源头（只有流出、没有流入供给流的主体）：无法供给任何需求。",
    ),
    (
        rf"{_N} supply flows came from undirected edges of an imported file: their direction is the file's edge "
        r"order \(first end to second end\); check them before reading these figures\.",
        "有 {0} 条供应类资源流来自导入文件中的无向边：其方向取自文件中边的顺序（第一个端点指向第二个端点）；"
        "阅读这些结果前请检查方向。",
    ),
    (
        rf"{_N} demand entities are not reached from any origin even when intact: {_ANY}\.",
        "即使网络完好，也有 {0} 个需求主体无法从任何源头到达：{1}。",
    ),
    (
        rf"Redundancy is null for {_N} demand entities that are origins themselves\.",
        "有 {0} 个需求主体本身就是源头，其冗余度记为空。",
    ),
    (
        rf"No removal candidates \(every entity is a demand entity\): r_index is the intact service level {_N}\.",
        "没有可移除的候选主体（每个主体都是需求主体）：r_index 即完好时的服务水平 {0}。",
    ),
)

_COMPILED = tuple((re.compile(rf"^{pattern}$", re.DOTALL), template) for pattern, template in _CATALOG)


def note_text(note: str, language: str | None) -> str:
    """``note`` in ``language`` ('zh…' for Chinese; anything else: as written)."""
    if not language or not language.lower().startswith("zh"):
        return note
    for pattern, template in _COMPILED:
        m = pattern.match(note)
        if m is not None:
            return template.format(*m.groups())
    return note


def notes_text(notes: Iterable[str], language: str | None) -> list[str]:
    return [note_text(n, language) for n in notes]
