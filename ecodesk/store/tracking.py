"""Store layer: which objects changed since the last save, learnt from the model's signals.

An incremental save could find the changes by comparing every collection with the saved
snapshot, but on a 60,000-object project that alone costs milliseconds. The tracker
listens to each scenario's collection signals and records the ids touched and whether
anything was added or removed (which may reorder). It is trusted only when its event
count equals the scenario's revision count since the snapshot — an edit that emitted no
signal (``bulk_load``, a blocked signal) makes the save fall back to the full comparison.
"""

from __future__ import annotations

from typing import Any

from ecodesk.model.scenario import Scenario


class TableLog:
    """Ids touched in one collection, and whether any was added or removed."""

    __slots__ = ("ids", "scenario_log", "structural")

    def __init__(self, scenario_log: ScenarioLog) -> None:
        self.scenario_log = scenario_log
        self.ids: set[str] = set()
        self.structural = False

    def on_added(self, obj: Any, _index: int) -> None:
        self.ids.add(obj.id)
        self.structural = True
        self.scenario_log.events += 1

    def on_removed(self, obj: Any, _index: int) -> None:
        self.on_added(obj, _index)

    def on_changed(self, _old: Any, new: Any) -> None:
        self.ids.add(new.id)
        self.scenario_log.events += 1


class ScenarioLog:
    """The edits of one scenario since its snapshot: a count and a log per collection."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.events = 0
        self.tables = {name: TableLog(self) for name in scenario.collections()}

    def reset(self) -> None:
        self.events = 0
        for log in self.tables.values():
            log.ids = set()
            log.structural = False

    def connect(self) -> None:
        for name, coll in self.scenario.collections().items():
            log = self.tables[name]
            coll.added.connect(log.on_added)
            coll.removed.connect(log.on_removed)
            coll.changed.connect(log.on_changed)

    def disconnect(self) -> None:
        for name, coll in self.scenario.collections().items():
            log = self.tables[name]
            coll.added.disconnect(log.on_added)
            coll.removed.disconnect(log.on_removed)
            coll.changed.disconnect(log.on_changed)

    def trusted(self, revision_then: int) -> bool:
        """True when every edit since the snapshot (at ``revision_then``) was logged."""
        return self.events == self.scenario.revision - revision_then


class ChangeTracker:
    """Scenario logs keyed by the scenario object's identity."""

    def __init__(self) -> None:
        self._logs: dict[int, ScenarioLog] = {}

    def log(self, scenario: Scenario) -> ScenarioLog | None:
        return self._logs.get(id(scenario))

    def watch_only(self, scenarios: list[Scenario]) -> None:
        """Start afresh (all logs empty) on exactly ``scenarios`` — called after each
        successful save or open, once the snapshot matches them."""
        wanted = {id(s): s for s in scenarios}
        for key in [k for k in self._logs if k not in wanted]:
            self._logs.pop(key).disconnect()
        for key, s in wanted.items():
            log = self._logs.get(key)
            if log is None:
                log = self._logs[key] = ScenarioLog(s)
                log.connect()
            log.reset()

    def close(self) -> None:
        for log in self._logs.values():
            log.disconnect()
        self._logs.clear()
