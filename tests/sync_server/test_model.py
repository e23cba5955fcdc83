"""Model-based test: five phones and a supervisor against the real app, with a hostile network.

Hypothesis drives helpers' and a supervisor's phones (each with its own clock up to ±6 h off)
through offline periods, dropped, duplicated and late requests, lost responses (the server
applied a push but the phone never heard: a crash between push and acknowledgement), stale
pull pages, reassignments while they are offline, the grace window running out, conflicts
resolved from a phone or through the API, scope moves (a household to the other sub-district
and back, a person into another household, the graduate's account linked to another file) and
a database restored from a snapshot under the running phones. Whenever everyone is back online with
flushed outboxes and pulled to the end, it checks:

- every phone's replica equals what a fresh full pull of its user's scope gives;
- every note and visit a phone typed exists exactly once, or sits in quarantine;
- replaying any phone's whole outbox history is answered `duplicate` and changes nothing;
- every two transitions of a status that are adjacent in stamp order, start from the same
  state and go to different ones share exactly one conflict record (and at most one conflict
  per field is open); the stored status is the replay of the stored history;
- no phone keeps a row outside its user's scope.

`SYNC_MODEL_EXAMPLES` sets the number of examples (default 200); the seed is fixed.
"""

from __future__ import annotations

import os
import random
import uuid
from collections import Counter, defaultdict
from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest
from flask import Flask
from flask_jwt_extended import create_access_token
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import event, select, update

from server.extensions import db, limiter
from server.models import Area, Assignment, Household, Note, Person, User, Visit, utcnow
from server.models.sync import ConflictRecord, QuarantinedOp, SyncFieldWrite, SyncResult
from server.scoping import household_filter
from sync.hlc import Clock
from sync.merge import FieldWrite, replay, replay_order
from tests.conftest import empty_tables
from tests.factories import make_world

from .device import Device
from .snapshot import Snapshot

EXAMPLES = int(os.environ.get("SYNC_MODEL_EXAMPLES", "200"))
SIX_HOURS = 6 * 3600 * 1000
#: (username, how many phones).
PHONES = (("helper1", 2), ("helper2", 2), ("supervisor1", 1), ("graduate1", 1))
STATUSES = ("seeking", "internship", "informal", "employed", "unemployed")
PHONE_NUMBERS = ("13800000001", "13800000002", "13800000003")
#: What the runs exercised (printed with `pytest -s`): results by status, checks, faults.
STATS: Counter[str] = Counter()


class SimulatedWorld:
    """Time and ids that replay identically, so hypothesis can shrink a failure: the server's
    clock and the phones' are one simulated clock that moves on at every step, and `uuid4`
    comes from a generator seeded per example."""

    def __init__(self) -> None:
        self.now_ms = 1_790_000_000_000
        self.ids = random.Random(0)

    def tick(self) -> int:
        self.now_ms += 1_003
        return self.now_ms

    def uuid4(self) -> uuid.UUID:
        return uuid.UUID(int=self.ids.getrandbits(128), version=4)


SIMULATED = SimulatedWorld()


class SyncModel(RuleBasedStateMachine):
    app: Flask

    def __init__(self) -> None:
        super().__init__()
        SIMULATED.__init__()  # type: ignore[misc]
        import server.clock

        server.clock._clock = Clock("server")  # the server's HLC, too, starts each example afresh
        with self.app.app_context():
            empty_tables()
            limiter.reset()
            world = make_world()
            self.households = [str(h.id) for h in (world.h1_household, world.h2_household,
                                                   world.shared_household)]
            self.home_sub, self.other_sub = world.subdistrict.id, world.other_subdistrict.id
            self.helpers = {"helper1": world.helper1.id, "helper2": world.helper2.id}
            self.users = {u.username: u.id for u in db.session.scalars(select(User))}
            self.tokens = {name: create_access_token(identity=str(uid))
                           for name, uid in self.users.items()}
        self.client = self.app.test_client()
        self.phones: list[Device] = []
        self.owner: list[str] = []
        self.online: list[bool] = []
        self.history: list[list[dict[str, Any]]] = []
        self.delayed: list[tuple[int, list[dict[str, Any]]]] = []
        self.last_page: list[dict[str, Any] | None] = []
        #: op_id → first real (non-duplicate) status the server gave it.
        self.outcome: dict[str, str] = {}
        self.appended: dict[str, dict[str, Any]] = {}
        self.checks = 0
        #: Households moved to the other sub-district (supervisor1 can no longer reassign them).
        self.away: set[str] = set()
        self.snapshot = Snapshot(self.app)
        self.restores = 0

    def headers(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[username]}"}

    @initialize(skews=st.lists(st.integers(-SIX_HOURS, SIX_HOURS), min_size=6, max_size=6))
    def start(self, skews: list[int]) -> None:
        for (username, count) in PHONES:
            for _ in range(count):
                phone = Device(self.client, self.headers(username), skew_ms=skews[len(self.phones)],
                               clock=SIMULATED.tick)
                self.phones.append(phone)
                self.owner.append(username)
                self.online.append(True)
                self.history.append([])
                self.last_page.append(None)
        for phone in self.phones:
            phone.pull()

    # -- talking -----------------------------------------------------------------------------

    def _send(self, index: int, ops: list[dict[str, Any]]) -> dict[str, Any]:
        response = self.phones[index].push_request(ops)
        for op, result in zip(ops, response["results"], strict=True):
            STATS[result["status"]] += 1
            STATS["late"] += bool(result.get("late"))
            STATS["clamped"] += bool(result.get("clamped"))
            if result["status"] != "duplicate":
                assert op["op_id"] not in self.outcome, f"{op['op_id']} processed twice"
                self.outcome[op["op_id"]] = result["status"]
        return response

    def _keep(self, index: int, op: dict[str, Any]) -> None:
        self.history[index].append(op)
        if op["entity"] in ("note", "visit") and op["kind"] == "insert":
            self.appended[op["op_id"]] = op

    # -- typing on a phone -------------------------------------------------------------------

    def _in_view(self, index: int, entity: str) -> list[str]:
        return sorted(self.phones[index].records(entity))

    @rule(i=st.integers(0, 5), data=st.data(), count=st.integers(1, 3))
    def write_note_or_visit(self, i: int, data: st.DataObject, count: int) -> None:
        households = self._in_view(i, "household")
        for _ in range(count if households else 0):
            self._append_one(i, data, households)

    def _append_one(self, i: int, data: st.DataObject, households: list[str]) -> None:
        household = data.draw(st.sampled_from(households))
        phone = self.phones[i]
        if data.draw(st.booleans()):
            op = phone.insert("note", {"household_id": household, "text": f"note {uuid.uuid4()}"})
        else:
            op = phone.insert("visit", {
                "household_id": household, "channel": "phone",
                "occurred_at": "2026-11-20T09:00:00Z", "notes": f"visit {uuid.uuid4()}",
            })
        self._keep(i, op)

    @rule(i=st.integers(0, 5), data=st.data(), count=st.integers(1, 3))
    def edit_person(self, i: int, data: st.DataObject, count: int) -> None:
        persons = self._in_view(i, "person")
        for _ in range(count if persons else 0):
            self._edit_one(i, data, persons)

    def _edit_one(self, i: int, data: st.DataObject, persons: list[str]) -> None:
        person = data.draw(st.sampled_from(persons))
        phone = self.phones[i]
        choice = data.draw(st.sampled_from(["phone", "name", "status"]))
        if self.owner[i] == "graduate1":
            choice = "phone"
        if choice == "phone":
            op = phone.set("person", person, {"phone": data.draw(st.sampled_from(PHONE_NUMBERS))})
        elif choice == "name":
            op = phone.set("person", person, {"name": data.draw(st.sampled_from(["甲", "乙", "丙"]))})
        else:
            current = phone.view("person", person)["status"]
            target = data.draw(st.sampled_from([s for s in STATUSES if s != current]))
            op = phone.transition("person", person, "status", target)
        self._keep(i, op)

    @rule(i=st.integers(0, 4), data=st.data())
    def resolve_on_a_phone(self, i: int, data: st.DataObject) -> None:
        phone = self.phones[i]
        open_ones = sorted(cid for cid, c in phone.records("conflict").items()
                           if c["state"] == "open" and c["candidates"][0]["op_id"])
        if not open_ones:
            return
        conflict = phone.records("conflict")[data.draw(st.sampled_from(open_ones))]
        pick = data.draw(st.sampled_from([c["op_id"] for c in conflict["candidates"] if c["op_id"]]))
        self._keep(i, phone.op("conflict", conflict["id"], "resolve", {"choice": pick}))

    # -- the network -------------------------------------------------------------------------

    @rule(i=st.integers(0, 5),
          skew=st.sampled_from([SIX_HOURS, -SIX_HOURS, 3_600_000, 0]) | st.integers(-SIX_HOURS, SIX_HOURS))
    def clock_jumps(self, i: int, skew: int) -> None:
        """Someone sets the phone's time by hand: until its next sync its stamps are off."""
        self.phones[i].skew_ms = skew

    @rule(i=st.integers(0, 5))
    def toggle_offline(self, i: int) -> None:
        self.online[i] = not self.online[i]

    @rule(i=st.integers(0, 5),
          fault=st.sampled_from(["ok", "ok", "drop_request", "lose_response", "duplicate", "delay"]))
    def push(self, i: int, fault: str) -> None:
        phone = self.phones[i]
        if not self.online[i] or not phone.outbox or fault == "drop_request":
            return
        ops = list(phone.outbox)
        if fault == "delay":
            self.delayed.append((i, ops))
            return
        response = self._send(i, ops)
        if fault == "duplicate":
            response = self._send(i, ops)
            assert all(r["status"] == "duplicate" for r in response["results"])
        if fault != "lose_response":
            phone.receive_push(response)

    @precondition(lambda self: bool(self.delayed))
    @rule(data=st.data())
    def late_request_arrives(self, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.delayed) - 1))
        i, ops = self.delayed.pop(index)
        response = self._send(i, ops)
        if data.draw(st.booleans()):
            self.phones[i].receive_push(response)

    @rule(i=st.integers(0, 5), fault=st.sampled_from(["ok", "ok", "lose_response", "stale"]))
    def pull(self, i: int, fault: str) -> None:
        if not self.online[i]:
            return
        phone = self.phones[i]
        page = phone.pull_page(limit=7)
        if fault == "lose_response":
            return
        phone.apply_page(page)
        stale = self.last_page[i]
        if fault == "stale" and stale is not None:
            phone.apply_page(stale)  # an old page arriving late: harmless
        self.last_page[i] = page

    # -- the office --------------------------------------------------------------------------

    @rule(household=st.integers(0, 2), primary=st.sampled_from(["helper1", "helper2"]),
          partner=st.booleans())
    def reassign(self, household: int, primary: str, partner: bool) -> None:
        if self.households[household] in self.away:
            return
        other = "helper2" if primary == "helper1" else "helper1"
        body: dict[str, Any] = {"household_ids": [self.households[household]],
                                "primary_helper_id": str(self.helpers[primary])}
        if partner:
            body["partner_helper_id"] = str(self.helpers[other])
        STATS["reassignments"] += 1
        resp = self.client.post("/api/households/assign", json=body,
                                headers=self.headers("supervisor1"))
        assert resp.status_code == 200, resp.get_json()

    @rule(i=st.integers(0, 3), data=st.data())
    def household_moves_while_a_phone_is_offline(self, i: int, data: st.DataObject) -> None:
        """The phone typed a note; before it syncs, the household goes to the other helper."""
        households = [h for h in self._in_view(i, "household") if h not in self.away]
        if not households:
            return
        self.online[i] = False
        self._append_one(i, data, households)
        household = self.appended[self.history[i][-1]["op_id"]]["data"]["household_id"]
        other = "helper2" if self.owner[i] == "helper1" else "helper1"
        STATS["reassignments"] += 1
        resp = self.client.post(
            "/api/households/assign", headers=self.headers("supervisor1"),
            json={"household_ids": [household], "primary_helper_id": str(self.helpers[other])},
        )
        assert resp.status_code == 200, resp.get_json()

    @rule(household=st.integers(0, 2))
    def household_moves_to_the_other_subdistrict_and_back(self, household: int) -> None:
        """An admin corrects the household's committee: supervisor1 loses or regains it."""
        hid = self.households[household]
        with self.app.app_context():
            committee = db.session.scalar(select(Area.id).where(
                Area.kind == "committee",
                Area.parent_id == (self.home_sub if hid in self.away else self.other_sub)))
        STATS["sub-district moves"] += 1
        resp = self.client.patch(f"/api/households/{hid}", json={"committee_id": str(committee)},
                                 headers=self.headers("admin"))
        assert resp.status_code == 200, resp.get_json()
        self.away ^= {hid}

    @rule(data=st.data())
    def person_moves_into_another_household(self, data: st.DataObject) -> None:
        """A CLI import corrects where someone lives: their events and offers go along."""
        with self.app.app_context():
            persons = sorted(str(p) for p in db.session.scalars(select(Person.id)))
            person = db.session.get(Person, uuid.UUID(data.draw(st.sampled_from(persons))))
            assert person is not None
            target = data.draw(st.sampled_from(
                [h for h in self.households if h != str(person.household_id)]))
            person.household_id = uuid.UUID(target)
            db.session.commit()
        STATS["person moves"] += 1

    @rule(data=st.data())
    def graduate_account_linked_to_another_file(self, data: st.DataObject) -> None:
        with self.app.app_context():
            persons = sorted(str(p) for p in db.session.scalars(select(Person.id)))
            user = db.session.get(User, self.users["graduate1"])
            assert user is not None
            user.person_id = uuid.UUID(data.draw(st.sampled_from(persons)))
            db.session.commit()
        STATS["account links"] += 1

    @precondition(lambda self: not self.snapshot.taken)
    @rule(now=st.integers(0, 2))
    def backup(self, now: int) -> None:
        if now == 0:  # not always: a snapshot costs a database copy
            self.snapshot.take()
            STATS["snapshots"] += 1

    @precondition(lambda self: self.snapshot.taken and self.restores == 0)
    @rule()
    def restore_the_backup(self) -> None:
        """The database goes back to the snapshot under the running phones: what they were
        told after it is forgotten by the server (ops, results, positions)."""
        self.snapshot.restore()
        self.restores += 1
        STATS["restores"] += 1
        with self.app.app_context():
            remembered = set(db.session.scalars(select(SyncResult.op_id)))
            homes = {str(h.id): h.subdistrict_id for h in db.session.scalars(select(Household))}
        self.outcome = {op: status for op, status in self.outcome.items() if op in remembered}
        self.away = {h for h, sub in homes.items() if sub == self.other_sub}

    @rule()
    def grace_runs_out(self) -> None:
        with self.app.app_context():
            db.session.execute(update(Assignment).where(Assignment.ended_at.is_not(None))
                               .values(ended_at=utcnow() - timedelta(days=8)))
            db.session.commit()

    @rule(data=st.data())
    def supervisor_resolves_through_the_api(self, data: st.DataObject) -> None:
        listed = self.client.get("/api/conflicts?state=open",
                                 headers=self.headers("supervisor1")).get_json()["items"]
        if not listed:
            return
        conflict = data.draw(st.sampled_from(sorted(listed, key=lambda c: c["id"])))
        choice = data.draw(st.sampled_from([c["op_id"] for c in conflict["candidates"]] + [None]))
        body = {"choice": choice if choice else {"value": conflict["candidates"][-1].get(
            "to", conflict["candidates"][-1].get("value"))}}
        STATS["api resolutions"] += 1
        resp = self.client.post(f"/api/conflicts/{conflict['id']}/resolve", json=body,
                                headers=self.headers("supervisor1"))
        assert resp.status_code == 200, resp.get_json()

    # -- quiescence and the checks -----------------------------------------------------------

    @precondition(lambda self: self.checks < 2)
    @rule()
    def everyone_back_in_range(self) -> None:
        self.quiesce_and_check()

    def teardown(self) -> None:
        try:
            if self.phones:
                self.quiesce_and_check()
                STATS["ops sent again after a restore"] += sum(p.resends for p in self.phones)
        finally:
            self.snapshot.drop()

    def quiesce_and_check(self) -> None:
        STATS["quiescent checks"] += 1
        self.checks += 1
        self.online = [True] * len(self.phones)
        for i, ops in self.delayed:
            self._send(i, ops)
        self.delayed.clear()
        for _ in range(3):  # a phone learns of a restore from a push or a pull: then again
            for i, phone in enumerate(self.phones):
                while phone.outbox:
                    phone.receive_push(self._send(i, list(phone.outbox)))
            for phone in self.phones:
                phone.pull()
            if not any(phone.outbox for phone in self.phones):
                break
        with self.app.app_context():
            self.check_replicas()
            self.check_append_only()
            self.check_status_conflicts()
        self.check_replay_is_a_no_op()

    def check_replicas(self) -> None:
        truth: dict[str, dict[Any, Any]] = {}
        for i, phone in enumerate(self.phones):
            if self.owner[i] not in truth:
                fresh = Device(self.client, phone.headers, clock=SIMULATED.tick)
                fresh.pull()
                truth[self.owner[i]] = fresh.base
            assert phone.base == truth[self.owner[i]], f"phone {i} ({self.owner[i]}) differs from the server"
            user = db.session.get(User, self.users[self.owner[i]])
            assert user is not None
            scope = {str(h) for h in db.session.scalars(
                select(Household.id).where(household_filter(user)))}
            mine = {str(p) for p in db.session.scalars(
                select(Person.id).join(Household).where(household_filter(user)))}
            for (entity, eid), rec in phone.base.items():
                data = rec["data"]
                if entity == "household":
                    assert eid in scope
                elif "household_id" in data and entity != "conflict":
                    assert data["household_id"] in scope, f"{entity} {eid} outside scope"
                elif entity == "status_event":
                    assert data["person_id"] in mine

    def check_append_only(self) -> None:
        notes = {str(n.id): n.text for n in db.session.scalars(select(Note))}
        visits = {str(v.id): v.notes for v in db.session.scalars(select(Visit))}
        quarantined: defaultdict[str | None, int] = defaultdict(int)
        for row in db.session.scalars(select(QuarantinedOp)):
            quarantined[row.op_id] += 1
        expected_notes = expected_visits = 0
        for op_id, op in self.appended.items():
            status = self.outcome.get(op_id)
            table = notes if op["entity"] == "note" else visits
            typed = op["data"]["text" if op["entity"] == "note" else "notes"]
            if status == "rejected":
                assert quarantined[op_id] == 1, f"rejected {op_id} not kept exactly once"
                assert op["entity_id"] not in table
            else:
                assert status == "applied", f"{op_id}: {status}"
                assert table.get(op["entity_id"]) == typed
                if op["entity"] == "note":
                    expected_notes += 1
                else:
                    expected_visits += 1
        assert len(notes) == expected_notes and len(visits) == expected_visits

    def check_status_conflicts(self) -> None:
        writes: dict[str, list[FieldWrite]] = defaultdict(list)
        for row in db.session.scalars(select(SyncFieldWrite).where(
                SyncFieldWrite.entity == "person", SyncFieldWrite.field == "status")):
            writes[row.entity_id].append(FieldWrite(
                row.kind, row.op_id, row.client_id, row.hlc, row.value, source=row.source,
                conflict_id=row.conflict_id, choice=row.choice))
        conflicts = list(db.session.scalars(select(ConflictRecord)))
        STATS["conflicts seen"] += len(conflicts)
        open_per_field: dict[tuple[str, str], int] = defaultdict(int)
        for c in conflicts:
            open_per_field[(c.entity_id, c.field)] += c.state == "open"
        assert all(n <= 1 for n in open_per_field.values())
        accepted = {op["op_id"] for ops in self.history for op in ops
                    if op["kind"] == "transition" and self.outcome.get(op["op_id"]) != "rejected"}
        stored = {w.op_id for ws in writes.values() for w in ws}
        assert accepted <= stored, "an accepted transition is missing from the history"
        for person_id, history in writes.items():
            person = db.session.get(Person, uuid.UUID(person_id))
            assert person is not None and person.status == replay(history, "state_machine").value
            ordered = replay_order(history)
            for a, b in pairwise(ordered):
                if (a.kind == b.kind == "transition" and a.source == b.source
                        and a.value != b.value):
                    holding = [c for c in conflicts if c.entity_id == person_id
                               and c.field == "status"
                               and {a.op_id, b.op_id} <= {x["op_id"] for x in c.candidates}]
                    assert len(holding) == 1, f"{a.op_id}/{b.op_id}: {len(holding)} conflicts"

    def check_replay_is_a_no_op(self) -> None:
        for i, phone in enumerate(self.phones):
            if not self.history[i]:
                continue
            response = phone.push_request(self.history[i])
            assert {r["status"] for r in response["results"]} == {"duplicate"}
        for phone in self.phones:
            assert phone.pull_page()["changes"] == []

    @invariant()
    def outboxes_only_hold_unacknowledged_ops(self) -> None:
        for phone in self.phones:
            assert all(op["seq"] > phone.acked_seq for op in phone.outbox)


def _no_fsync(dbapi_connection: Any, record: Any) -> None:
    dbapi_connection.execute("PRAGMA synchronous = OFF")


def test_phones_converge_whatever_the_network_does(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    import server.api.conflicts
    import server.api.quarantine
    import server.api.sync
    import server.clock

    for module in (server.clock, server.api.sync, server.api.conflicts, server.api.quarantine):
        monkeypatch.setattr(module, "now_ms", SIMULATED.tick)
    monkeypatch.setattr(uuid, "uuid4", SIMULATED.uuid4)
    monkeypatch.setattr(server.clock, "_clock", server.clock._clock)  # restored afterwards
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            # As the throwaway PostgreSQL runs with fsync off: durability is not under test.
            event.listen(db.engine, "connect", _no_fsync)
            db.engine.dispose()
    SyncModel.app = app
    STATS.clear()
    run_state_machine_as_test(
        SyncModel,
        settings=settings(
            max_examples=EXAMPLES, stateful_step_count=20, deadline=None, derandomize=True,
            database=None, suppress_health_check=list(HealthCheck),
        ),
    )
    print(f"\nsync model, {EXAMPLES} examples: {dict(sorted(STATS.items()))}")
