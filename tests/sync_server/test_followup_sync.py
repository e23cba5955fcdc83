"""Visits over sync keep the follow-up rule (sync/PROTOCOL.md, "Follow-up"): a date after today
is refused with `future_date`, a knock with nobody met is an attempt, an outcome fits its channel."""

from __future__ import annotations

import uuid
from datetime import timedelta

from server.extensions import db
from server.models import Person, Visit, utcnow
from server.timestamps import iso_utc
from tests.factories import make_world

from .device import Device


def _world(app):
    with app.app_context():
        w = make_world()
        return {"h1": str(w.h1_household.id), "graduate": str(w.graduate.id),
                "shared": str(w.shared_household.id),
                "shared_people": [str(p.id) for p in w.shared_household.members]}


def test_a_visit_dated_after_today_is_rejected_and_the_rest_lands(app, client, auth):
    world = _world(app)
    phone = Device(client, auth.headers("helper1"))
    phone.insert("visit", {"household_id": world["h1"], "channel": "home_visit",
                           "person_ids": [world["graduate"]],
                           "occurred_at": iso_utc(utcnow() + timedelta(days=2))})
    phone.insert("note", {"household_id": world["h1"], "text": "after the mistyped visit"})
    results = phone.push()["results"]
    assert [(r["status"], r.get("code")) for r in results] == [("rejected", "future_date"), ("applied", None)]
    assert "occurred_at" in results[0]["fields"]


def test_a_knock_with_nobody_met_is_an_attempt_on_the_household(app, client, auth):
    world = _world(app)
    phone = Device(client, auth.headers("helper1"))
    knock = phone.insert("visit", {"household_id": world["shared"], "channel": "home_visit",
                                   "occurred_at": iso_utc(utcnow())})
    call = phone.insert("visit", {"household_id": world["shared"], "channel": "phone",
                                  "outcome": "no_answer", "person_ids": world["shared_people"][:1],
                                  "occurred_at": iso_utc(utcnow())})
    assert [r["status"] for r in phone.push()["results"]] == ["applied", "applied"]
    with app.app_context():
        stored = db.session.get(Visit, uuid.UUID(knock["entity_id"]))
        assert (stored.outcome, stored.persons) == ("nobody_home", [])
        assert db.session.get(Visit, uuid.UUID(call["entity_id"])).outcome == "no_answer"
        for pid in world["shared_people"]:
            assert db.session.get(Person, uuid.UUID(pid)).last_contact_at is None


def test_an_outcome_must_fit_its_channel(app, client, auth):
    world = _world(app)
    phone = Device(client, auth.headers("helper1"))
    phone.insert("visit", {"household_id": world["h1"], "channel": "home_visit", "outcome": "no_answer",
                           "person_ids": [world["graduate"]], "occurred_at": iso_utc(utcnow())})
    result = phone.push()["results"][0]
    assert result["status"] == "rejected" and "outcome" in result["fields"]
