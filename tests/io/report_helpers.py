"""A project for the report and picture tests: Chinese names, several ecosystems, every kind
of pool, and user text that would be live markup if it were not escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ecodesk.model import Capability, Ecosystem, Entity, Flow, Need, Pool, Project, Scenario, Tier

HOSTILE = "<script>alert(1)</script>"
QUOTES = "\"&'"


def report_scenario(name: str = "网络生态 2.0") -> Scenario:
    s = Scenario(name)
    s.add(Ecosystem("car", "智能汽车", "#4c78a8"))
    s.add(Ecosystem("home", f"家居 {QUOTES}", "red;background:url(http://evil.example/x.png)"))
    s.add(Ecosystem("med", "医疗健康", ""))
    s.add(Entity("sensor", "智能传感器企业", "research", "电子", ("car", "home", "med"), risk=0.05, x=0, y=0))
    s.add(Entity("auto", HOSTILE, "platform", "汽车", ("car",), risk=0.02, x=260, y=-160))
    s.add(Entity("homeco", f"家电企业 {QUOTES}", "channel", "家电", ("home",), risk=0.03, x=260, y=0))
    s.add(Entity("hosp", "医疗器械商<img src=x onerror=alert(2)>", "partner", "医疗", ("med",), risk=0.04, x=260,
                 y=160))
    s.add(Entity("logi", "冷链物流", "service", "物流", ("med", "home"), risk=0.1, x=-260, y=160))
    s.add(Entity("users", "终端用户", "user", "", ("car", "home", "med"), demand=100, x=520, y=0))
    s.add(Entity("users2", "县域客群", "user", "", ("home",), demand=40, x=520, y=200))
    s.add(Capability("rd", "传感器研发", "R&D", "sensor", fixed_cost=300_000, unit_cost=1))
    s.add(Capability("cloud", f"数据平台 {HOSTILE}", "data", "auto", fixed_cost=50_000, unit_cost=0.5))
    s.add(Capability("cloud2", "医疗数据平台", "data", "hosp", fixed_cost=80_000, unit_cost=0.5))
    s.add(Capability("wms", "共享仓", "logistics", "logi", fixed_cost=120_000, unit_cost=2))
    for i, tgt in enumerate(("auto", "homeco", "hosp"), 1):
        s.add(Flow(f"f{i}", "sensor", tgt, "capability", volume=1000 * i, unit_value=5, capability="rd"))
        s.add(Flow(f"g{i}", tgt, "users", "goods", volume=2000, unit_value=10, risk=0.05))
    s.add(Flow("g4", "homeco", "users2", "goods", volume=800, unit_value=10))
    s.add(Flow("l1", "logi", "hosp", "logistics", volume=300, unit_value=3))
    s.add(Flow("c1", "auto", "homeco", "capability", volume=500, capability="cloud", standalone_cost=90_000))
    s.add(Flow("c2", "logi", "homeco", "capability", volume=200, capability="wms", standalone_cost=150_000))
    s.add(Flow("d1", "users", "auto", "data", volume=5))
    s.add(Need("n1", "hosp", "data", volume=3, standalone_cost=40_000))
    s.add(Need("n2", "users2", "finance", volume=1, standalone_cost=10_000))
    s.add(Pool("p_cost", f"研发分摊 {HOSTILE}", "cost", 300_000, ("auto", "homeco", "hosp"), "proportional",
               weights={"auto": 3, "homeco": 2, "hosp": 1}))
    s.add(Pool("p_tier", "达人阶梯分成", "revenue", 2_000_000, ("auto", "homeco"), "tiered",
               weights={"auto": 1_500_000, "homeco": 600_000}, tiers=(Tier(1_000_000, 0.2), Tier(None, 0.15))))
    s.add(Pool("p_res", "风险准备金", "reserve", 100_000, ("sensor", "logi", "hosp"), "talmud",
               claims={"sensor": 60_000, "logi": 30_000, "hosp": 45_000}))
    return s


def report_project(language: str = "zh") -> Project:
    p = Project(f"互供生态 {QUOTES}", language=language, notes=f"项目备注 {HOSTILE}\n第二行 {QUOTES}")
    p.set_meta(settings={"seed": 7, "trials": 400, "orders": 12})
    p.add_scenario(report_scenario())
    p.add_scenario(Scenario("空白"))
    return p


class Tables(HTMLParser):
    """Every table of a document: its class and rows of (text, data-value) cells; also
    every start tag with its attributes (to look for live markup)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[tuple[str, str | None]]]]] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._cell: list[str] | None = None
        self._value: str | None = None
        self._section = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        a = dict(attrs)
        if tag == "section":
            self._section = a.get("id") or ""
        if tag == "table":
            self.tables.append((f"{self._section}:{a.get('class') or ''}", []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell, self._value = [], a.get("data-value")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables and self.tables[-1][1]:
            self.tables[-1][1][-1].append((re.sub(r"\s+", " ", "".join(self._cell)).strip(), self._value))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def table(self, key: str) -> list[list[tuple[str, str | None]]]:
        """Rows of the first table whose 'section:class' key is ``key`` (head row included)."""
        for k, rows in self.tables:
            if k == key:
                return rows
        raise KeyError(f"{key} (tables: {[k for k, _ in self.tables]})")


def values(row: list[tuple[str, str | None]]) -> list[float | None]:
    """The data-values of a row's numeric cells, as numbers."""
    return [float(v) if v not in (None, "None") else None for _t, v in row if v is not None]
