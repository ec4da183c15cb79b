"""Random edit programs with undo, redo and save/reopen (hypothesis state machine).

Invariants after every step: no flow points to a missing entity (or a capability not
owned by its source); the model equals the reference model the test keeps by itself;
undoing everything gives back the start and redoing everything gives back the present;
a saved and reopened file equals the model.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from ecodesk.commands import (
    AddObject,
    AddScenario,
    ChangeObject,
    ChangeProject,
    History,
    MoveEntities,
    RemoveScenario,
    RenameScenario,
    duplicate_scenario,
    paste_objects,
    remove_objects,
    set_membership,
    set_pool_membership,
)
from ecodesk.commands.editrules import change_command
from ecodesk.model import (
    Capability,
    Ecosystem,
    Entity,
    Flow,
    Need,
    Pool,
    Project,
    Scenario,
    ValidationError,
)

KINDS = ["platform", "supplier", "channel", "service", "user", "partner", "research", "other"]
FLOW_KINDS = ["goods", "logistics", "data", "traffic", "money", "credit"]
NAMES = st.text(alphabet=st.sampled_from("供应商平台渠道用户abcXYZ 🚚"), max_size=8)

PROGRAMS = int(os.environ.get("ECODESK_STATEFUL_PROGRAMS", "60"))
STEPS = int(os.environ.get("ECODESK_STATEFUL_STEPS", "40"))


class EditProgram(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.project = Project("Stateful", scenarios=[Scenario("S")])
        self.current = 0  # index of the scenario being edited
        self.history = History()
        self.start = self._state()
        self.counter = 0
        self.saved_at: int | None = None
        self.tmp = Path(tempfile.mkdtemp(prefix="ecodesk-stateful-"))
        self.file = None

    def _id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    @property
    def scenario(self) -> Scenario:
        scenarios = self.project.scenarios
        return scenarios[min(self.current, len(scenarios) - 1)]

    def _state(self) -> dict:
        return {"meta": self.project.meta_dict(), "scenarios": [s.to_dict() for s in self.project.scenarios]}

    def _push(self, command) -> bool:
        before = self._state()
        try:
            self.history.push(command)
        except ValidationError:
            assert self._state() == before, "a refused edit changed the model"
            return False
        return True

    # edits -------------------------------------------------------------------
    @rule(kind=st.sampled_from(KINDS), name=NAMES, demand=st.floats(0, 100), risk=st.floats(0, 1))
    def add_entity(self, kind, name, demand, risk):
        self._push(AddObject(self.scenario, Entity(self._id("e"), name, kind, demand=demand, risk=risk)))

    @rule(name=NAMES)
    def add_ecosystem(self, name):
        self._push(AddObject(self.scenario, Ecosystem(self._id("eco"), name)))

    @precondition(lambda self: len(self.scenario.entities) >= 2)
    @rule(data=st.data(), kind=st.sampled_from(FLOW_KINDS), volume=st.floats(0, 50))
    def add_flow(self, data, kind, volume):
        ids = self.scenario.entities.ids()
        src = data.draw(st.sampled_from(ids))
        tgt = data.draw(st.sampled_from(ids))  # may equal src: must be refused
        try:
            flow = Flow(self._id("f"), src, tgt, kind, volume)
        except ValidationError:
            assert src == tgt
            return
        self._push(AddObject(self.scenario, flow))

    @precondition(lambda self: len(self.scenario.entities) >= 1)
    @rule(data=st.data(), fixed=st.floats(0, 1000))
    def add_capability_and_flow(self, data, fixed):
        ids = self.scenario.entities.ids()
        owner = data.draw(st.sampled_from(ids))
        cap = Capability(self._id("k"), "能力", data.draw(st.sampled_from(["R&D", "data", "logistics"])), owner, fixed, 1)
        self._push(AddObject(self.scenario, cap))
        target = data.draw(st.sampled_from(ids))
        source = data.draw(st.sampled_from([owner, *ids]))  # not always the owner: must be refused then
        if target != source:
            self._push(AddObject(self.scenario, Flow(self._id("f"), source, target, "capability", 3,
                                                     capability=cap.id)))

    @precondition(lambda self: len(self.scenario.entities) >= 1)
    @rule(data=st.data())
    def remove_entity(self, data):
        eid = data.draw(st.sampled_from(self.scenario.entities.ids()))
        self._push(remove_objects(self.scenario, [self.scenario.entities[eid]]))

    @precondition(lambda self: len(self.scenario.ecosystems) >= 1)
    @rule(data=st.data())
    def remove_ecosystem(self, data):
        eco = data.draw(st.sampled_from(self.scenario.ecosystems.ids()))
        self._push(remove_objects(self.scenario, [self.scenario.ecosystems[eco]]))

    @precondition(lambda self: len(self.scenario.entities) >= 1 and len(self.scenario.ecosystems) >= 1)
    @rule(data=st.data(), member=st.booleans())
    def membership(self, data, member):
        eid = data.draw(st.sampled_from(self.scenario.entities.ids()))
        eco = data.draw(st.sampled_from(self.scenario.ecosystems.ids()))
        self._push(set_membership(self.scenario, eid, eco, member))

    @precondition(lambda self: len(self.scenario.entities) >= 1)
    @rule(data=st.data(), risk=st.floats(-0.5, 1.5), name=NAMES)
    def change_entity(self, data, risk, name):
        eid = data.draw(st.sampled_from(self.scenario.entities.ids()))
        try:
            new = self.scenario.entities[eid].evolve(risk=risk, name=name)
        except ValidationError:
            assert not 0 <= risk <= 1
            return
        self._push(ChangeObject(self.scenario, new, merge_key="risk"))

    @precondition(lambda self: len(self.scenario.entities) >= 1)
    @rule(data=st.data(), typed=st.sampled_from(["#F90", "#1f77b4", "AbCdEf", "", "orange", "#12345"]))
    def change_colour(self, data, typed):
        eid = data.draw(st.sampled_from(self.scenario.entities.ids()))
        try:
            cmd = change_command(self.scenario, self.scenario.entities[eid], "color", typed)
        except ValidationError:
            assert typed in ("orange", "#12345")
            return
        self._push(cmd)
        assert self.scenario.entities[eid].color == {"#F90": "#ff9900", "AbCdEf": "#abcdef"}.get(typed, typed)

    @precondition(lambda self: len(self.scenario.flows) >= 1)
    @rule(data=st.data(), label=NAMES | st.sampled_from(["=SUM(A1)", "-x", "月度结算"]))
    def change_label(self, data, label):
        fid = data.draw(st.sampled_from(self.scenario.flows.ids()))
        self._push(change_command(self.scenario, self.scenario.flows[fid], "label", label, merge=True))
        assert self.scenario.flows[fid].label == label

    @precondition(lambda self: len(self.scenario.entities) >= 1)
    @rule(data=st.data(), dx=st.floats(-100, 100), dy=st.floats(-100, 100))
    def move(self, data, dx, dy):
        ids = data.draw(st.lists(st.sampled_from(self.scenario.entities.ids()), min_size=1, max_size=4, unique=True))
        pos = {i: (self.scenario.entities[i].x + dx, self.scenario.entities[i].y + dy) for i in ids}
        self._push(MoveEntities(self.scenario, pos))

    # scenarios, pools, needs, settings, paste ----------------------------------------
    @rule(name=NAMES)
    def add_scenario(self, name):
        try:
            scenario = Scenario(name)
        except ValidationError:
            assert not name.strip()
            return
        self._push(AddScenario(self.project, scenario))

    @rule(data=st.data())
    def switch_scenario(self, data):
        self.current = data.draw(st.integers(0, len(self.project.scenarios) - 1))

    @rule()
    def duplicate(self):
        self._push(duplicate_scenario(self.project, self.scenario.name))

    @rule(name=NAMES)
    def rename_scenario(self, name):
        self._push(RenameScenario(self.project, self.scenario.name, name))

    @rule()
    def remove_scenario(self):
        self._push(RemoveScenario(self.project, self.scenario.name))

    @precondition(lambda self: len(self.scenario.entities) >= 1)
    @rule(data=st.data(), rule_name=st.sampled_from(["equal", "proportional", "shapley", "floor_share", "talmud"]),
          amount=st.floats(0, 1000))
    def add_pool(self, data, rule_name, amount):
        members = data.draw(st.lists(st.sampled_from(self.scenario.entities.ids()), max_size=4, unique=True))
        kind = "reserve" if rule_name == "talmud" else "cost"
        try:
            pool = Pool(self._id("p"), "池", kind, amount, tuple(members), rule_name,
                        claims={m: 10.0 for m in members} if kind == "reserve" else {})
        except ValidationError:
            return
        self._push(AddObject(self.scenario, pool))

    @precondition(lambda self: len(self.scenario.pools) >= 1 and len(self.scenario.entities) >= 1)
    @rule(data=st.data(), member=st.booleans())
    def pool_membership(self, data, member):
        pool = data.draw(st.sampled_from(self.scenario.pools.ids()))
        eid = data.draw(st.sampled_from(self.scenario.entities.ids()))
        self._push(set_pool_membership(self.scenario, pool, eid, member))

    @precondition(lambda self: len(self.scenario.entities) >= 1)
    @rule(data=st.data(), category=st.sampled_from(["R&D", "data", "物流"]), volume=st.floats(0, 10))
    def add_need(self, data, category, volume):
        eid = data.draw(st.sampled_from(self.scenario.entities.ids()))
        self._push(AddObject(self.scenario, Need(self._id("n"), eid, category, volume)))

    @precondition(lambda self: len(self.scenario.capabilities) >= 1)
    @rule(data=st.data(), owner_index=st.integers(0, 50), fixed=st.floats(-10, 500))
    def change_capability(self, data, owner_index, fixed):
        cid = data.draw(st.sampled_from(self.scenario.capabilities.ids()))
        ids = self.scenario.entities.ids()
        try:
            new = self.scenario.capabilities[cid].evolve(owner=ids[owner_index % len(ids)], fixed_cost=fixed)
        except ValidationError:
            assert fixed < 0
            return
        self._push(ChangeObject(self.scenario, new))  # refused when flows deliver it from the old owner

    @rule(trials=st.integers(-1, 5000), seed=st.integers(0, 9))
    def change_settings(self, trials, seed):
        try:
            settings = self.project.settings.evolve(trials=trials, seed=seed)
        except ValidationError:
            assert trials < 1
            return
        self._push(ChangeProject(self.project, settings=settings))

    @precondition(lambda self: len(self.scenario.entities) >= 1)
    @rule(data=st.data())
    def paste(self, data):
        s = self.scenario
        ids = data.draw(st.lists(st.sampled_from(s.entities.ids()), min_size=1, max_size=3, unique=True))
        objs = [s.entities[i] for i in ids] + [f for f in s.flows if f.source in ids and f.target in ids]
        objs += [c for c in s.capabilities if c.owner in ids]
        macro, _mapping = paste_objects(s, objs)
        self._push(macro)

    @rule()
    def undo(self):
        self.history.undo()

    @rule()
    def redo(self):
        self.history.redo()

    @rule()
    def save_and_reopen(self):
        from ecodesk.store import ProjectFile, open_project

        if self.file is None:
            self.file = ProjectFile.create(self.project, self.tmp / "p.ecodesk")
        else:
            self.file.save()
        self.history.set_clean()
        reopened = open_project(self.tmp / "p.ecodesk")
        assert reopened.content_equals(self.project)

    # invariants ----------------------------------------------------------------
    @invariant()
    def references_hold(self):
        names = self.project.scenario_names()
        assert len(set(names)) == len(names) and names
        for s in self.project.scenarios:
            self._check_scenario(s)

    @staticmethod
    def _check_scenario(s: Scenario) -> None:
        for p in s.pools:
            assert all(m in s.entities for m in p.members)
            assert set(p.weights) | set(p.floors) | set(p.claims) <= set(p.members)
        for n in s.needs:
            assert n.entity in s.entities
        for f in s.flows:
            assert f.source in s.entities and f.target in s.entities
            if f.capability is not None:
                assert s.capabilities[f.capability].owner == f.source
        for c in s.capabilities:
            assert c.owner in s.entities
        for e in s.entities:
            assert all(x in s.ecosystems for x in e.ecosystems)

    @invariant()
    def history_replays(self):
        now = self._state()
        index = self.history.index
        while self.history.undo():
            pass
        assert self._state() == self.start
        while self.history.index < index:
            self.history.redo()
        assert self._state() == now

    def teardown(self):
        if self.file is not None:
            self.file.close()


EditProgram.TestCase.settings = settings(
    max_examples=PROGRAMS, stateful_step_count=STEPS, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestEditPrograms = EditProgram.TestCase
