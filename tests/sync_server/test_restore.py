"""A restored database is a new epoch: phones start over and lose nothing they held.

Issue 9 D, the server's side: the epoch row comes back with a restore, so the epoch also
names the database's life from what a restore cannot bring back (server/sync_store/
db_identity.py). Before, once the restored log grew past a phone's old cursor, its pulls
silently skipped what was written again at the positions it had passed.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import Household, Note
from tests.factories import make_world

from .device import Device
from .snapshot import Snapshot


@pytest.fixture
def snapshot(app):
    taken = Snapshot(app)
    yield taken
    taken.drop()


@pytest.fixture
def world(app):
    with app.app_context():
        w = make_world()
        return {"h1": str(w.h1_household.id), "graduate": str(w.graduate.id)}


def office_writes_notes(app, household_id, count, text="office"):
    with app.app_context():
        for n in range(count):
            db.session.add(Note(household_id=uuid.UUID(household_id), text=f"{text} {n}"))
        db.session.commit()


def test_a_restore_makes_phones_start_over_and_keeps_their_work(app, client, auth, world, snapshot):
    phone = Device(client, auth.headers("helper1"))
    phone.insert("note", {"household_id": world["h1"], "text": "before the backup"})
    phone.sync()
    snapshot.take()

    phone.insert("note", {"household_id": world["h1"], "text": "after the backup, acknowledged"})
    phone.sync()
    office_writes_notes(app, world["h1"], 3, "lost with the restore")
    phone.pull()
    phone.insert("note", {"household_id": world["h1"], "text": "typed offline"})

    snapshot.restore()
    office_writes_notes(app, world["h1"], 12, "written after the restore")  # past the old cursor

    phone.sync()  # the server acks less than the phone had: it sends its kept ops again
    phone.pull()
    assert phone.resends == 1  # "after the backup, acknowledged"
    assert phone.resets == 1 and phone.outbox == []
    fresh = Device(client, auth.headers("helper1"))
    fresh.pull()
    assert phone.base == fresh.base
    with app.app_context():
        texts = set(db.session.scalars(select(Note.text)))
        assert {"before the backup", "after the backup, acknowledged", "typed offline"} <= texts
        assert not any(t.startswith("lost with the restore") for t in texts)
        assert db.session.scalar(select(func.count()).select_from(Household)) == 4


def test_the_same_database_keeps_its_epoch(app, client, auth, world):
    phone = Device(client, auth.headers("helper1"))
    phone.pull()
    with app.app_context():
        db.engine.dispose()  # new connections read the database's identity again
    office_writes_notes(app, world["h1"], 2)
    phone.pull()
    assert phone.resets == 0 and len(phone.records("note")) == 2
