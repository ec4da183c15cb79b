"""Benchmarks: a realistic, big S2B2B home-appliance platform project (seed 001 of the spec).

A platform hub buys goods from suppliers, who also ship to a few shared regional
warehouses; the platform sells goods to distributors (channels), which the warehouses
serve with logistics; service providers offer installation, logistics, finance … as
capability flows to distributors; distributors sell to end-user segments (demand > 0),
pay the platform and feed sales data back to it. Ecosystems are regions plus a
smart-home ecosystem; capabilities have fixed and unit costs; some distributors have
needs; a few pools share costs, revenue and a risk reserve. Deterministic per seed.

At the default size: about 10,900 entities and 52,000 flows.

    python tests/benchmarks/generate.py OUT.ecodesk [--scale F] [--seed N]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from typing import Any

from ecodesk.model import (
    Capability,
    Ecosystem,
    Entity,
    EntityKind,
    Flow,
    FlowKind,
    ModelObject,
    Need,
    Pool,
    PoolRule,
    PoolType,
    Project,
    Scenario,
    Tier,
)

REGIONS = (
    ("east", "华东", "#1f77b4"),
    ("south", "华南", "#ff7f0e"),
    ("north", "华北", "#2ca02c"),
    ("central", "华中", "#d62728"),
    ("southwest", "西南", "#9467bd"),
    ("northwest", "西北", "#8c564b"),
    ("northeast", "东北", "#e377c2"),
)
CITIES = {
    "east": ("上海", "杭州", "南京", "苏州", "宁波"),
    "south": ("广州", "深圳", "佛山", "东莞", "厦门"),
    "north": ("北京", "天津", "石家庄", "济南", "太原"),
    "central": ("武汉", "长沙", "郑州", "南昌", "合肥"),
    "southwest": ("成都", "重庆", "昆明", "贵阳", "南宁"),
    "northwest": ("西安", "兰州", "银川", "西宁", "乌鲁木齐"),
    "northeast": ("沈阳", "大连", "长春", "哈尔滨", "吉林"),
}
#: (category, name, industry, fixed cost range, unit cost range)
SERVICES = (
    ("installation", "安装服务", "安装服务", (2e5, 1.2e6), (30, 120)),
    ("logistics", "物流配送", "物流", (5e5, 3e6), (8, 40)),
    ("finance", "供应链金融", "金融", (1e6, 5e6), (5, 25)),
    ("marketing", "直播营销", "内容营销", (2e5, 8e5), (10, 60)),
    ("trade-in", "以旧换新", "回收", (3e5, 1.5e6), (20, 90)),
    ("repair", "售后维修", "售后服务", (2e5, 1e6), (25, 150)),
    ("content", "短视频内容制作", "内容营销", (1e5, 6e5), (15, 80)),
)
PRODUCTS = ("冰箱", "洗衣机", "空调", "电视", "厨电", "小家电", "热水器", "智能门锁")
CELL = (120.0, 110.0)  # grid spacing on the canvas: a shape (about 60 units) and its label
BLOCK_GAP = 500.0  # between the regions' blocks of distributors


def _risk(rng: random.Random) -> float:
    return round(rng.uniform(0.0, 0.1), 4)


def generate_s2b2b(
    n_suppliers: int = 500, n_distributors: int = 10_000, n_services: int = 100, *, seed: int = 0
) -> Project:
    """A project with one scenario, ``网络生态 2.0``, of the given size (see module docstring)."""
    if min(n_suppliers, n_distributors, n_services) < 1:
        raise ValueError("every size must be at least 1")
    rng = random.Random(seed)
    n_warehouses = max(1, n_distributors // 1000)
    n_segments = max(1, n_distributors // 40)
    n_partners = max(1, n_suppliers // 50)
    n_research = max(1, n_suppliers // 200)
    regions = [r[0] for r in REGIONS]

    ecosystems = [Ecosystem(f"eco-{key}", f"{name}生态", color) for key, name, color in REGIONS]
    ecosystems.append(Ecosystem("eco-smarthome", "智慧家居生态", "#17becf"))
    entities: list[Entity] = []
    flows: list[Flow] = []
    caps: list[Capability] = []
    needs: list[Need] = []

    def flow(source: str, target: str, kind: FlowKind, volume: float, unit_value: float, **kw: Any) -> None:
        flows.append(
            Flow(
                f"F{len(flows) + 1:06d}", source, target, kind, round(volume, 1), round(unit_value, 2), _risk(rng), **kw
            )
        )

    def grid(n: int, cols: int, x0: float, yc: float) -> list[tuple[float, float]]:
        """n places, row by row in ``cols`` columns from x0, centred vertically on yc."""
        rows = -(-n // cols)
        top = yc - (rows - 1) / 2 * CELL[1]
        return [(x0 + (i % cols) * CELL[0], top + (i // cols) * CELL[1]) for i in range(n)]

    # the layout a planner would draw: suppliers left of the platform, warehouses between,
    # services below it, partners above, the distributors of each region in a block of its
    # own (4 blocks by 2) right of it, and the user segments right of those
    sup_cols = max(1, math.ceil(math.sqrt(n_suppliers / 3)))
    sup_pos = grid(n_suppliers, sup_cols, -1600.0 - sup_cols * CELL[0], 0.0)
    wh_pos = grid(n_warehouses, 1, -900.0, 0.0)
    svc_pos = grid(n_services, 10, -540.0, 0.0)
    svc_pos = [(x, y - svc_pos[0][1] + 700.0) for x, y in svc_pos]
    per_region = [0] * len(REGIONS)
    for i in range(1, n_distributors + 1):
        per_region[i % len(REGIONS)] += 1
    taken = [0] * len(REGIONS)
    block_cols = max(1, math.ceil(math.sqrt(max(per_region))))
    block_w = block_cols * CELL[0] + BLOCK_GAP
    block_h = -(-max(per_region) // block_cols) * CELL[1] + BLOCK_GAP
    blocks = [
        grid(per_region[r], block_cols, 1500.0 + (r % 4) * block_w, (r // 4 - 0.5) * block_h)
        for r in range(len(REGIONS))
    ]
    seg_pos = grid(n_segments, 4, 1500.0 + min(4, len(REGIONS)) * block_w + 300.0, 0.0)

    entities.append(
        Entity(
            "P",
            "家电产业互联网平台",
            EntityKind.PLATFORM,
            "产业互联网",
            (*(f"eco-{r}" for r in regions), "eco-smarthome"),
            revenue=1.2e10,
            risk=0.01,
            notes="S2B2B 平台枢纽：供应链整合 + 渠道赋能",
            x=0.0,
            y=0.0,
        )
    )
    # suppliers (tier 0)
    suppliers = []
    for i, (x, y) in enumerate(sup_pos, 1):
        region = regions[i % len(regions)]
        ecos = [f"eco-{region}"]
        if rng.random() < 0.2:
            ecos.append(f"eco-{rng.choice(regions)}")
        if rng.random() < 0.3:
            ecos.append("eco-smarthome")
        product = PRODUCTS[i % len(PRODUCTS)]
        sid = f"S{i:04d}"
        suppliers.append((sid, region))
        entities.append(
            Entity(
                sid,
                f"{CITIES[region][i % 5]}{product}供应商{i:04d}",
                EntityKind.SUPPLIER,
                rng.choice(("家电制造", "零部件", "电子元件")),
                tuple(ecos),
                risk=_risk(rng),
                revenue=round(rng.uniform(5e6, 5e8), -3) if rng.random() < 0.7 else None,
                x=x,
                y=y,
            )
        )
    # shared warehouses (tier 1)
    warehouses = []
    for i, (x, y) in enumerate(wh_pos, 1):
        region = regions[(i - 1) % len(regions)]
        wid = f"W{i:02d}"
        warehouses.append((wid, region))
        entities.append(
            Entity(
                wid,
                f"{CITIES[region][0]}共享仓{i:02d}",
                EntityKind.SERVICE,
                "仓储物流",
                (f"eco-{region}",),
                risk=_risk(rng),
                x=x,
                y=y,
            )
        )
    # service providers (tier 2, beside the platform) and their capabilities
    services = []
    caps_by_region: dict[str, list[Capability]] = {r: [] for r in regions}
    for i, (x, y) in enumerate(svc_pos, 1):
        region = regions[i % len(regions)]
        vid = f"V{i:03d}"
        kinds = [SERVICES[(i - 1) % len(SERVICES)]]
        if rng.random() < 0.4:
            kinds.append(rng.choice(SERVICES))
        entities.append(
            Entity(
                vid,
                f"{CITIES[region][i % 5]}{kinds[0][1]}服务商{i:03d}",
                EntityKind.SERVICE,
                kinds[0][2],
                (f"eco-{region}",),
                risk=_risk(rng),
                x=x,
                y=y,
            )
        )
        services.append(vid)
        for n, (cat, name, _ind, fixed, unit) in enumerate(dict.fromkeys(kinds), 1):
            cap = Capability(
                f"C-{vid}-{n}",
                f"{name}能力",
                cat,
                vid,
                round(rng.uniform(*fixed), -3),
                round(rng.uniform(*unit), 1),
                round(rng.uniform(2e4, 2e5)) if rng.random() < 0.5 else None,
            )
            caps.append(cap)
            caps_by_region[region].append(cap)
    platform_caps = [
        Capability("C-P-data", "数据中台", "data analytics", "P", 8e6, 2.0, None),
        Capability("C-P-live", "直播营销工具", "marketing", "P", 1.5e6, 5.0, 50_000.0),
    ]
    caps.extend(platform_caps)
    # distributors (tier 3) and end-user segments (tier 4)
    segments_by_region: dict[str, list[str]] = {r: [] for r in regions}
    for i, (x, y) in enumerate(seg_pos, 1):
        region = regions[i % len(regions)]
        uid = f"U{i:04d}"
        segments_by_region[region].append(uid)
        entities.append(
            Entity(
                uid,
                f"{CITIES[region][i % 5]}{PRODUCTS[i % len(PRODUCTS)]}客群{i:04d}",
                EntityKind.USER,
                "",
                (f"eco-{region}",),
                demand=round(rng.uniform(1e3, 5e4)),
                risk=_risk(rng),
                x=x,
                y=y,
            )
        )
    distributors = []
    for i in range(1, n_distributors + 1):
        region = regions[i % len(regions)]
        x, y = blocks[i % len(regions)][taken[i % len(regions)]]
        taken[i % len(regions)] += 1
        did = f"D{i:05d}"
        distributors.append((did, region))
        entities.append(
            Entity(
                did,
                f"{CITIES[region][i % 5]}经销商{i:05d}",
                EntityKind.CHANNEL,
                "家电零售",
                (f"eco-{region}",),
                risk=_risk(rng),
                revenue=round(rng.uniform(1e6, 5e7), -3) if rng.random() < 0.5 else None,
                x=x,
                y=y,
            )
        )
    for i in range(1, n_partners + 1):
        entities.append(
            Entity(
                f"T{i:02d}",
                f"跨界伙伴{i:02d}",
                EntityKind.PARTNER,
                rng.choice(("互联网", "银行", "地产", "短视频平台")),
                ("eco-smarthome",),
                risk=_risk(rng),
                x=-300.0 + (i - 1) % 6 * CELL[0],
                y=-700.0 - (i - 1) // 6 * CELL[1],
            )
        )
    for i in range(1, n_research + 1):
        entities.append(
            Entity(
                f"R{i}",
                f"智能家电研究院{i}",
                EntityKind.RESEARCH,
                "科研",
                ("eco-smarthome",),
                risk=_risk(rng),
                x=-420.0 - (i - 1) % 3 * CELL[0],
                y=-700.0 - (i - 1) // 3 * CELL[1],
            )
        )

    # flows: supply side
    wh_by_region: dict[str, list[str]] = {}
    for wid, region in warehouses:
        wh_by_region.setdefault(region, []).append(wid)
    all_wh = [w for w, _ in warehouses]
    for sid, region in suppliers:
        price = rng.uniform(300, 6000)
        flow(sid, "P", FlowKind.GOODS, rng.uniform(1e3, 5e4), price)
        targets = {rng.choice(wh_by_region.get(region, all_wh))}
        if rng.random() < 0.5:
            targets.add(rng.choice(all_wh))
        for wid in sorted(targets):
            flow(sid, wid, FlowKind.GOODS, rng.uniform(5e2, 2e4), price)
        flow("P", sid, FlowKind.MONEY, 1, round(rng.uniform(1e6, 1e8), -3))
    # flows: platform, warehouses and services to distributors; distributors to users and back
    for did, region in distributors:
        volume = rng.uniform(100, 5000)
        price = rng.uniform(800, 8000)
        flow("P", did, FlowKind.GOODS, volume, price)
        flow(rng.choice(wh_by_region.get(region, all_wh)), did, FlowKind.LOGISTICS, volume, rng.uniform(10, 60))
        segs = segments_by_region[region] or [u for us in segments_by_region.values() for u in us]
        flow(did, rng.choice(segs), FlowKind.GOODS, volume * 0.95, price * 1.15)
        flow(did, "P", FlowKind.MONEY, 1, round(volume * price, 2))
        if rng.random() < 0.6:
            flow(did, "P", FlowKind.DATA, rng.uniform(1e3, 1e5), 0.0, notes="销售数据与客户反馈回流")
        if rng.random() < 0.4 and (caps_by_region[region] or caps):
            cap = rng.choice(caps_by_region[region] or caps[:-2])
            v = rng.uniform(10, 500)
            alone = round(cap.fixed_cost / 50 + cap.unit_cost * v * 1.5, 2) if rng.random() < 0.3 else None
            flow(cap.owner, did, FlowKind.CAPABILITY, v, cap.unit_cost * 1.3, capability=cap.id, standalone_cost=alone)
        if rng.random() < 0.05:
            cap = platform_caps[rng.random() < 0.5]
            flow("P", did, FlowKind.CAPABILITY, rng.uniform(10, 300), cap.unit_cost * 2, capability=cap.id)
        if rng.random() < 0.1:
            cat = rng.choice(SERVICES)
            needs.append(
                Need(
                    f"N{len(needs) + 1:05d}", did, cat[0], round(rng.uniform(10, 400)), round(rng.uniform(2e4, 4e5), -2)
                )
            )
    for i in range(1, n_partners + 1):
        flow(f"T{i:02d}", "P", FlowKind.TRAFFIC, rng.uniform(1e4, 1e6), 0.5)
    for i in range(1, n_research + 1):
        flow(f"R{i}", "P", FlowKind.DATA, 100, 0.0, notes="智能互联家电联合研发")
        flow("P", f"R{i}", FlowKind.CREDIT, 1, 2e6, notes="智慧家居创新基金")

    top = [d for d, _ in distributors[:10]]
    wh_members = ("P", *all_wh[:10])
    pools = [
        Pool(
            "pool-warehouse",
            "共享仓储成本分摊",
            PoolType.COST,
            round(sum(rng.uniform(2e6, 6e6) for _ in wh_members)),
            wh_members,
            PoolRule.PROPORTIONAL,
        ),
        Pool(
            "pool-partners",
            "生态伙伴计划分成",
            PoolType.REVENUE,
            2e7,
            ("P", *top),
            PoolRule.FLOOR_SHARE,
            floors={d: 5e5 for d in top},
        ),
        Pool(
            "pool-tiered",
            "销量阶梯返利",
            PoolType.REVENUE,
            5e6,
            tuple(top),
            PoolRule.TIERED,
            weights={d: round(rng.uniform(1e5, 3e6)) for d in top},
            tiers=(Tier(5e5, 0.01), Tier(2e6, 0.02), Tier(None, 0.03)),
        ),
        Pool(
            "pool-reserve",
            "风险准备金",
            PoolType.RESERVE,
            5e6,
            tuple(s for s, _ in suppliers[:5]),
            PoolRule.TALMUD,
            claims={s: round(rng.uniform(5e5, 4e6), -3) for s, _ in suppliers[:5]},
        ),
    ]

    scenario = Scenario("网络生态 2.0")
    objects: dict[str, list[ModelObject]] = {
        "ecosystems": list(ecosystems),
        "entities": list(entities),
        "capabilities": list(caps),
        "flows": list(flows),
        "needs": list(needs),
        "pools": list(pools),
    }
    scenario.bulk_load(objects)
    return Project(
        "S2B2B 家电产业互联网平台",
        currency="CNY",
        period="year",
        language="zh_CN",
        notes=f"generate_s2b2b({n_suppliers}, {n_distributors}, {n_services}, seed={seed})",
        scenarios=[scenario],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", help="the .ecodesk file to write")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the default sizes (500/10000/100)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    from ecodesk.store import write_project_atomic

    sizes = [max(1, round(n * args.scale)) for n in (500, 10_000, 100)]
    started = time.perf_counter()
    project = generate_s2b2b(*sizes, seed=args.seed)
    built = time.perf_counter()
    write_project_atomic(project, args.out)
    s = project.scenario()
    print(
        f"{args.out}: {len(s.entities)} entities, {len(s.flows)} flows, {len(s.capabilities)} capabilities, "
        f"{len(s.needs)} needs, {len(s.pools)} pools (built in {built - started:.2f} s, "
        f"written in {time.perf_counter() - built:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
