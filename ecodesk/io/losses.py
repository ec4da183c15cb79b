"""I/O layer: what an export would leave out of THIS project, said before it writes.

:func:`export_losses` answers per data format, from what each exporter writes (kept in step
with :mod:`ecodesk.io.kumu`, :mod:`ecodesk.io.gexf`, :mod:`ecodesk.io.graphml`):

* ``ecodesk``, ``json``, ``csv``, ``xlsx``, ``graphml``: nothing — every scenario, every object
  (notes on the canvas too), the saved views and the project's settings are written (GraphML
  carries what a graph cannot show as JSON in graph data).
* ``gexf``: one scenario per file — without ``scenario`` the others are not written, nor the
  views of other scenarios (the scenario's notes and views ride along as JSON in the file's
  description).
* ``kumu``: one scenario per file; pools (Kumu has no place for them); the notes on the canvas
  and the saved views; entity sizes (every box comes back at the normal size); ecosystem ids and
  colours (Kumu keeps each element's ecosystem names, which come back as ecosystems of those
  names); the project's currency, period, language and analysis settings when they are not
  the defaults. Capabilities and needs ride on their owner's element, flow kinds, labels and
  entity colours on the elements and connections: nothing of them is lost.
* pictures and reports are not data formats: ``[]``.

The CLI prints the sentences to stderr before it writes; the app asks before it writes.
"""

from __future__ import annotations

from typing import Any

from ecodesk.model.objects import AnalysisSettings

Sentence = tuple[str, str]


def export_losses(project: Any, fmt: str, scenario: str | None = None) -> list[Sentence]:
    """(English, Chinese) sentences: what ``fmt`` cannot hold of ``project`` (of ``scenario``
    alone when given, as the export writes it). Empty list: nothing is lost."""
    fmt = fmt.lower().lstrip(".")
    if fmt == "gexf":
        return _other_scenarios(project, scenario, "GEXF") + _other_views(project, scenario, "GEXF")
    if fmt == "kumu":
        return _other_scenarios(project, scenario, "Kumu JSON") + _kumu(project, scenario)
    return []


def _views_in_scope(project: Any, scenario: str | None) -> list[Any]:
    """The views an export of ``scenario`` (None: the whole project) would carry if it could."""
    return [v for v in getattr(project, "views", ()) if scenario is None or v.scenario == scenario]


def _other_views(project: Any, scenario: str | None, what: str) -> list[Sentence]:
    """Views of the scenarios a one-scenario file does not hold (a view of a deleted scenario too)."""
    if scenario is not None:
        return []
    written = project.scenario(None).name
    n = sum(1 for v in _views_in_scope(project, None) if v.scenario != written)
    if not n:
        return []
    return [(f"{what} holds the views of '{written}' only: {_count(n, 'view')} of other scenarios "
             f"{'is' if n == 1 else 'are'} left out.",
             f"{what} 只保存「{written}」的视图：其他情景的 {n} 个视图不会写入。")]


def notes_and_views(project: Any, scenario: str | None, what: str) -> list[Sentence]:
    """'3 notes and 2 views are left out' for a format with no place for either."""
    notes = len(project.scenario(scenario).annotations)
    views = len(_views_in_scope(project, scenario))
    if not notes and not views:
        return []
    parts_en = [p for p in (_count(notes, "note") if notes else "", _count(views, "view") if views else "") if p]
    parts_zh = [p for p in (f"{notes} 个便签" if notes else "", f"{views} 个视图" if views else "") if p]
    verb = "is" if notes + views == 1 else "are"
    return [(f"{what} has no place for notes on the canvas and saved views: {' and '.join(parts_en)} {verb} left out.",
             f"{what} 无法保存画布便签和视图：{'和 '.join(parts_zh)}不会写入。")]


def _sizes(project: Any, scenario: str | None, what: str) -> list[Sentence]:
    sized = [e for e in project.scenario(scenario).entities if e.size != 1.0]
    if not sized:
        return []
    n = len(sized)
    return [(f"{what} has no place for entity sizes: {_count(n, 'entity').replace('entitys', 'entities')} "
             f"({_names(e.label for e in sized)}) {'comes' if n == 1 else 'come'} back at the normal size.",
             f"{what} 无法保存主体大小：{n} 个主体（{_names((e.label for e in sized), '、')}）导回后恢复为正常大小。")]


def _other_scenarios(project: Any, scenario: str | None, what: str) -> list[Sentence]:
    if scenario is not None:
        return []
    written = project.scenario(None).name
    others = [n for n in project.scenario_names() if n != written]
    if not others:
        return []
    names_en = ", ".join(f"'{n}'" for n in others)
    names_zh = "、".join(f"「{n}」" for n in others)
    n = len(others)
    return [(f"{what} holds one scenario: only '{written}' is written, not the other {_count(n, 'scenario')} "
             f"({names_en}); export each with its own file.",
             f"{what} 只能保存一个情景：只写入「{written}」，其余 {n} 个情景（{names_zh}）不会写入；请逐个导出。")]


def _kumu(project: Any, scenario: str | None) -> list[Sentence]:
    s = project.scenario(scenario)
    out: list[Sentence] = []
    if len(s.pools):
        n = len(s.pools)
        pools = [p.name or p.id for p in s.pools]
        out.append((f"Kumu has no place for sharing arrangements: the {_count(n, 'pool')} "
                    f"({_names(pools)}) {'is' if n == 1 else 'are'} not written.",
                    f"Kumu 无法保存共享安排：{n} 个共享安排（{_names(pools, '、')}）不会写入。"))
    out += notes_and_views(project, scenario, "Kumu") + _sizes(project, scenario, "Kumu")
    renamed = [e for e in s.ecosystems if e.id != (e.name or e.id)]
    coloured = [e for e in s.ecosystems if e.color]
    names = [" ".join((e.name or e.id).split()) for e in s.ecosystems]
    shared = sorted({n for n in names if names.count(n) > 1})
    if renamed or coloured or shared:
        parts_en, parts_zh = [], []
        if shared:
            parts_en.append(f"ecosystems named alike come back as one ({_names(shared)})")
            parts_zh.append(f"同名的生态导回后合并为一个（{_names(shared, '、')}）")
        if renamed:
            one = len(renamed) == 1
            parts_en.append(f"{_count(len(renamed), 'ecosystem')} {'comes' if one else 'come'} back with "
                            f"{'its' if one else 'their'} name as id")
            parts_zh.append(f"{len(renamed)} 个生态以名称作为 id 导回")
        if coloured:
            one = len(coloured) == 1
            parts_en.append(f"{_count(len(coloured), 'ecosystem')} {'loses its' if one else 'lose their'} colour")
            parts_zh.append(f"{len(coloured)} 个生态失去颜色")
        out.append(("Kumu keeps only the names of ecosystems (on each element): " + " and ".join(parts_en) + ".",
                    "Kumu 只保存生态的名称（记在各元素上）：" + "，".join(parts_zh) + "。"))
    lost_en, lost_zh = [], []
    if project.currency != "CNY" or project.period != "year":
        lost_en.append(f"the currency and period ({project.currency} per {project.period})")
        lost_zh.append(f"货币与周期（{project.currency}/{project.period}）")
    if project.language:
        lost_en.append(f"the project language ({project.language})")
        lost_zh.append(f"项目语言（{project.language}）")
    if project.settings.to_dict() != AnalysisSettings().to_dict():
        lost_en.append("the analysis settings (seed, trials, thresholds, supply kinds)")
        lost_zh.append("分析设置（随机种子、模拟次数、阈值、供应类资源流）")
    if lost_en:
        out.append((f"Kumu has no place for {' and '.join(lost_en)}: they are not written.",
                    f"Kumu 无法保存{'、'.join(lost_zh)}：这些不会写入。"))
    return out


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _names(names: Any, sep: str = ", ", limit: int = 5) -> str:
    items = [str(n) for n in names]
    shown = sep.join(items[:limit])
    return shown + (f"{sep}…" if len(items) > limit else "")
