"""Both databases enforce foreign keys, so no path that forgets a check can orphan a file."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from server.extensions import db
from server.models import Person
from tests.factories import make_world


def test_a_person_cannot_point_at_a_household_that_does_not_exist(app):
    with app.app_context():
        person_id = make_world().graduate.id
        with pytest.raises(IntegrityError):
            db.session.execute(
                update(Person).where(Person.id == person_id).values(household_id=uuid.uuid4())
            )
            db.session.flush()
        db.session.rollback()
        assert db.session.get(Person, person_id) is not None


def test_a_sync_move_onto_a_made_up_household_is_refused_not_stored(app, client, auth):
    with app.app_context():
        person_id = str(make_world().graduate.id)
    from tests.sync_server.device import Device

    phone = Device(client, auth.headers("helper1"))
    phone.pull()
    phone.set("person", person_id, {"household_id": str(uuid.uuid4())})
    result = phone.push()["results"][0]
    assert result["status"] == "rejected", result
    with app.app_context():
        person = db.session.get(Person, uuid.UUID(person_id))
        assert person is not None and person.household is not None
