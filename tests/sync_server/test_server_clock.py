"""The server's clock observes the stamps it stores (issue 9, item C).

A phone up to five minutes fast is accepted without a clamp, so its stamps can be ahead of the
server's own time. A REST correction made after such an edit must still carry the larger stamp,
or the next replay of the field's history puts the phone's value back.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from server.clock import stamp_fields
from server.extensions import db
from server.models import Person
from server.models.sync import SyncFieldWrite
from sync.hlc import parse_stamp
from tests.factories import make_world

from .device import Device

FOUR_MINUTES = 4 * 60 * 1000


@pytest.fixture
def graduate(app) -> str:
    with app.app_context():
        return str(make_world().graduate.id)


def phone_of(app, person_id: str) -> str:
    with app.app_context():
        person = db.session.get(Person, uuid.UUID(person_id))
        assert person is not None
        return str(person.phone)


def test_a_rest_correction_after_a_fast_phones_edit_survives_the_next_edit(
    app, client, auth, graduate
):
    fast = Device(client, auth.headers("helper1"))
    fast.pull()
    fast.skew_ms = FOUR_MINUTES  # its clock jumps ahead after the sync that set its offset
    fast.set("person", graduate, {"phone": "13900000000"})
    assert fast.push()["results"][0]["status"] == "applied"

    corrected = client.patch(f"/api/persons/{graduate}", json={"phone": "13911111111"},
                             headers=auth.headers("supervisor1"))
    assert corrected.status_code == 200, corrected.get_json()

    # A second phone sees the correction and edits after it, on a clock that is right.
    other = Device(client, auth.headers("helper1"))
    other.pull()
    assert other.records("person")[graduate]["phone"] == "13911111111"
    other.set("person", graduate, {"phone": "13922222222"})
    result = other.push()["results"][0]
    assert result["status"] == "applied", result

    assert phone_of(app, graduate) == "13922222222"
    with app.app_context():
        history = set(db.session.scalars(
            select(SyncFieldWrite.value).where(SyncFieldWrite.entity_id == graduate,
                                               SyncFieldWrite.field == "phone")
        ))
    assert {"13900000000", "13911111111", "13922222222"} <= history


def test_a_rest_stamp_comes_after_the_stamp_it_replaces(app, graduate):
    with app.app_context():
        person = db.session.get(Person, uuid.UUID(graduate))
        ahead = parse_stamp(stamp_fields(person, ["phone"], "009999999999999:00007:phone-a"))
        used = parse_stamp(stamp_fields(person, ["phone", "email"]))
    assert used > ahead
    assert used.node == "server"
