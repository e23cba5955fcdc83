"""A reassignment and a push that share a log row commit in either order, never deadlock.

Issue 9 E, replayed on PostgreSQL with two sessions in two threads: a push has written a
person (its log row is locked) and a reassignment of that person's household comes in, or the
other way round. The counter is every transaction's last lock (server/sync_store/changelog.py),
so whichever came second waits for the first at its flush and then goes on: both commit.
Before, the reassignment took the counter at commit and then waited for the push's log row,
while the push waited for the counter: PostgreSQL aborted one of them.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import select, text

from server.extensions import db
from server.models import Household, Note, Person
from server.models.sync import SyncChange, SyncRemoval
from server.sync_store.scope import household_reassigned
from tests.factories import make_world

pytestmark = pytest.mark.usefixtures("postgres_only")


@pytest.fixture
def postgres_only(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite serialises writers: no lock order to get wrong")


class Step(threading.Thread):
    """One session's transaction, run up to its flush, then (when told) to its commit."""

    def __init__(self, app, change: Callable[[], None]) -> None:
        super().__init__(daemon=True)
        self.app, self.change = app, change
        self.flushed, self.go = threading.Event(), threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        with self.app.app_context():
            try:
                db.session.execute(text("SET lock_timeout = '10s'"))
                self.change()
                db.session.flush()
                self.flushed.set()
                self.go.wait(20)
                db.session.commit()
            except BaseException as exc:  # reported by the test
                self.error = exc
                db.session.rollback()
            finally:
                self.flushed.set()


def waiting_for_a_lock(app) -> bool:
    with app.app_context():
        return bool(db.session.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock'")))


@pytest.fixture
def ids(app):
    with app.app_context():
        w = make_world()
        return {"household": w.h1_household.id, "person": w.graduate.id,
                "helper1": w.helper1.id, "helper2": w.helper2.id}


def a_push(ids):
    def change() -> None:
        db.session.get(Person, ids["person"]).phone = "13900000009"
    return change


def a_reassignment(ids):
    def change() -> None:  # server/assignment.py's statement order
        household = db.session.get(Household, ids["household"])
        before = household.primary_helper_id
        household.primary_helper_id = ids["helper2"]
        household_reassigned(household.id, {before}, {ids["helper2"]})
    return change


@pytest.mark.parametrize("first", ["push", "reassignment"])
def test_a_push_and_a_reassignment_commit_in_either_order(app, ids, first):
    """Whoever writes first, the reassignment is told to commit first and the push just after:
    the order that deadlocked when the reassignment's commit took the counter and then waited
    for the push's log row."""
    push, reassignment = Step(app, a_push(ids)), Step(app, a_reassignment(ids))
    one, two = (push, reassignment) if first == "push" else (reassignment, push)
    one.start()
    assert one.flushed.wait(10)
    two.start()
    deadline = time.monotonic() + 3
    while not (two.flushed.is_set() or waiting_for_a_lock(app)) and time.monotonic() < deadline:
        time.sleep(0.05)
    reassignment.go.set()
    time.sleep(0.5)  # its commit is under way (or it is queued behind the push's row)
    push.go.set()
    push.join(30)
    reassignment.join(30)
    assert push.error is None and reassignment.error is None, (push.error, reassignment.error)
    with app.app_context():
        person = db.session.get(Person, ids["person"])
        household = db.session.get(Household, ids["household"])
        assert person.phone == "13900000009" and household.primary_helper_id == ids["helper2"]
        row = db.session.scalar(select(SyncChange).where(
            SyncChange.entity == "person", SyncChange.entity_id == str(ids["person"])))
        assert row.helper_id == ids["helper2"]  # the reassignment's keys, whichever came last
        assert isinstance(row.position, int) and uuid.UUID(str(row.entity_id))


def test_a_note_written_while_its_household_is_being_reassigned_follows_the_household(app, ids):
    """The push reads the household before the reassignment commits and commits first, with
    the old helper's keys; the reassignment, committing after, re-keys it and moves it up the
    log for the new helper, and tells the old one to remove it."""
    note_id = uuid.uuid4()
    reassignment = Step(app, a_reassignment(ids))

    def a_note() -> None:
        db.session.add(Note(id=note_id, household_id=ids["household"], text="写于改派之际"))

    push = Step(app, a_note)
    reassignment.start()
    assert reassignment.flushed.wait(10)
    push.start()
    assert push.flushed.wait(10)
    push.go.set()
    push.join(30)
    with app.app_context():
        row = db.session.get(SyncChange, ("note", str(note_id)))
        assert row is not None and row.helper_id == ids["helper1"]  # as the push saw it
        written_at = row.position
    reassignment.go.set()
    reassignment.join(30)
    assert push.error is None and reassignment.error is None, (push.error, reassignment.error)
    with app.app_context():
        row = db.session.get(SyncChange, ("note", str(note_id)))
        assert row.helper_id == ids["helper2"] and row.position > written_at
        gone = db.session.get(SyncRemoval, (ids["helper1"], "note", str(note_id)))
        assert gone is not None and gone.position > written_at
