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
    ChangeObject,
    History,
    MoveEntities,
    remove_objects,
    set_membership,
)
from ecodesk.model import Capability, Ecosystem, Entity, Flow, Project, Scenario, ValidationError

KINDS = ["platform", "supplier", "channel", "service", "user", "partner", "research", "other"]
FLOW_KINDS = ["goods", "logistics", "data", "traffic", "money", "credit"]
NAMES = st.text(alphabet=st.sampled_from("供应商平台渠道用户abcXYZ 🚚"), max_size=8)

PROGRAMS = int(os.environ.get("ECODESK_STATEFUL_PROGRAMS", "60"))
STEPS = int(os.environ.get("ECODESK_STATEFUL_STEPS", "40"))


class EditProgram(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.scenario = Scenario("S")
        self.project = Project("Stateful", scenarios=[self.scenario])
        self.history = History()
        self.start = self.scenario.to_dict()
        self.counter = 0
        self.saved_at: int | None = None
        self.tmp = Path(tempfile.mkdtemp(prefix="ecodesk-stateful-"))
        self.file = None

    def _id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def _push(self, command) -> bool:
        before = self.scenario.to_dict()
        try:
            self.history.push(command)
        except ValidationError:
            assert self.scenario.to_dict() == before, "a refused edit changed the model"
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
    @rule(data=st.data(), dx=st.floats(-100, 100), dy=st.floats(-100, 100))
    def move(self, data, dx, dy):
        ids = data.draw(st.lists(st.sampled_from(self.scenario.entities.ids()), min_size=1, max_size=4, unique=True))
        pos = {i: (self.scenario.entities[i].x + dx, self.scenario.entities[i].y + dy) for i in ids}
        self._push(MoveEntities(self.scenario, pos))

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
        s = self.scenario
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
        now = self.scenario.to_dict()
        index = self.history.index
        while self.history.undo():
            pass
        assert self.scenario.to_dict() == self.start
        while self.history.index < index:
            self.history.redo()
        assert self.scenario.to_dict() == now

    def teardown(self):
        if self.file is not None:
            self.file.close()


EditProgram.TestCase.settings = settings(
    max_examples=PROGRAMS, stateful_step_count=STEPS, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestEditPrograms = EditProgram.TestCase
