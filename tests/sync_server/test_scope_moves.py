"""Scope moves carry every dependent row, and phones hold only what their user's screens use.

Stories of sync/PROTOCOL.md 7.1: a household that moves to another sub-district or helper, a
person who moves into another household, a graduate's account linked to another file, and
the job catalogue bounded by the user's district. Each move is made the way an office would
(REST, or the ORM as a CLI would): the change-log hooks carry the rows whichever path it was.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import Household, Job, Person, User
from server.models.sync import SyncChange
from tests.factories import make_area, make_job, make_person, make_user, make_world

from .device import Device


@pytest.fixture
def world(app):
    with app.app_context():
        w = make_world()
        make_user("supervisor9", "supervisor", w.other_subdistrict)
        db.session.commit()
        return {
            "h1": str(w.h1_household.id), "h2": str(w.h2_household.id),
            "other": str(w.other_household.id), "graduate": str(w.graduate.id),
            "other_committee": str(w.other_household.committee_id),
            "job": str(w.jobs[0].id), "district": w.district.id,
            "helper2": w.helper2.id,
        }


def phone(client, auth, username):
    return Device(client, auth.headers(username))


def rows_of_household(device, household_id):
    """What a phone holds of one household: the household, its members, their status events,
    its visits and notes (by entity)."""
    members = {pid for pid, p in device.records("person").items() if p["household_id"] == household_id}
    held = {
        "household": {h for h in device.records("household") if h == household_id},
        "person": members,
        "status_event": {e for e, ev in device.records("status_event").items()
                         if ev["person_id"] in members},
        "recommendation": {r for r, rec in device.records("recommendation").items()
                           if rec["person_id"] in members},
    }
    for entity in ("visit", "note"):
        held[entity] = {i for i, r in device.records(entity).items() if r["household_id"] == household_id}
    return held


def a_file_with_history(client, auth, world):
    """helper1 records a visit, a note, a status move and a recommendation in h1."""
    helper = phone(client, auth, "helper1")
    helper.pull()
    helper.insert("visit", {"household_id": world["h1"], "channel": "home_visit",
                            "occurred_at": "2026-11-20T09:00:00Z", "notes": "上门: 谈了实习"})
    helper.insert("note", {"household_id": world["h1"], "text": "想做服装设计"})
    helper.transition("person", world["graduate"], "status", "internship")
    helper.insert("recommendation", {"person_id": world["graduate"], "job_id": world["job"],
                                     "reasons": "专业对口", "state": "recommended"})
    assert {r["status"] for r in helper.push()["results"]} == {"applied"}
    helper.pull()
    return helper


def test_a_household_moved_to_another_subdistrict_brings_its_whole_file(app, client, auth, world):
    a_file_with_history(client, auth, world)
    before, after = phone(client, auth, "supervisor1"), phone(client, auth, "supervisor9")
    before.pull()
    after.pull()
    held = rows_of_household(before, world["h1"])
    assert all(held.values()), held  # every kind of row is there to follow

    resp = client.patch(f"/api/households/{world['h1']}", headers=auth.headers("admin"),
                        json={"committee_id": world["other_committee"]})
    assert resp.status_code == 200, resp.get_json()

    after.pull()
    before.pull()
    assert rows_of_household(after, world["h1"]) == held
    assert not any(rows_of_household(before, world["h1"]).values())


def test_a_household_given_to_another_helper_brings_its_whole_file(app, client, auth, world):
    old = a_file_with_history(client, auth, world)
    new = phone(client, auth, "helper2")
    new.pull()
    held = rows_of_household(old, world["h1"])
    resp = client.post("/api/households/assign", headers=auth.headers("supervisor1"), json={
        "household_ids": [world["h1"]], "primary_helper_id": str(world["helper2"])})
    assert resp.status_code == 200, resp.get_json()
    new.pull()
    old.pull()
    assert rows_of_household(new, world["h1"]) == held
    assert not any(rows_of_household(old, world["h1"]).values())


def test_a_person_moved_into_another_helpers_household_takes_their_events_along(
    app, client, auth, world
):
    old = a_file_with_history(client, auth, world)
    new = phone(client, auth, "helper2")
    new.pull()
    events = set(old.records("status_event"))
    recommendations = set(old.records("recommendation"))
    assert events and recommendations

    with app.app_context():  # as a CLI import or an admin tool would
        person = db.session.get(Person, uuid.UUID(world["graduate"]))
        person.household_id = uuid.UUID(world["h2"])
        db.session.commit()
        keys = {c.household_id for c in db.session.scalars(
            select(SyncChange).where(SyncChange.person_id == person.id))}
        assert keys == {uuid.UUID(world["h2"])}  # the log's household key followed the person

    new.pull()
    old.pull()
    assert world["graduate"] in new.records("person")
    assert events <= set(new.records("status_event"))
    assert recommendations <= set(new.records("recommendation"))
    assert world["graduate"] not in old.records("person")
    assert not events & set(old.records("status_event"))
    assert not recommendations & set(old.records("recommendation"))
    # What stayed in h1 stayed with its helper.
    assert rows_of_household(old, world["h1"])["visit"]


def test_a_graduate_account_linked_to_another_file_gets_that_file(app, client, auth, world):
    a_file_with_history(client, auth, world)
    graduate = phone(client, auth, "graduate1")
    graduate.pull()
    assert world["graduate"] in graduate.records("person")
    with app.app_context():
        other = make_person(db.session.get(Household, uuid.UUID(world["h2"])), "孙丽")
        db.session.commit()
        other_id = str(other.id)
    graduate.pull()
    assert other_id not in graduate.records("person")

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "graduate1"))
        user.person_id = uuid.UUID(other_id)
        db.session.commit()
    graduate.pull()
    assert set(graduate.records("person")) == {other_id}
    assert not graduate.records("recommendation") and not graduate.records("status_event")


def test_a_staff_phone_holds_the_open_jobs_of_its_district_only(app, client, auth, world):
    with app.app_context():
        elsewhere = make_area("浦东新区", "district")
        far = make_job(title="far away", is_open=True)
        far.area_id = elsewhere.id
        near = make_job(title="around the corner", is_open=True)
        near.area_id = world["district"]
        closed = make_job(title="filled last week", is_open=False)
        db.session.commit()
        ids = {name: str(job.id) for name, job in
               (("far", far), ("near", near), ("closed", closed))}
    helper = phone(client, auth, "helper1")
    helper.pull()
    jobs = set(helper.records("job"))
    assert ids["near"] in jobs and world["job"] in jobs  # their district's, and city-wide ones
    assert ids["far"] not in jobs and ids["closed"] not in jobs

    with app.app_context():
        db.session.get(Job, uuid.UUID(ids["near"])).is_open = False
        db.session.commit()
    helper.pull()
    assert ids["near"] not in helper.records("job")  # a job that closes leaves the phones


def test_the_progress_count_is_the_pages_own(app, client, auth, world):
    a_file_with_history(client, auth, world)
    helper = phone(client, auth, "helper1")
    first = helper.pull_page(limit=3)
    rest = 0
    helper.apply_page(first)
    while True:
        page = helper.pull_page(limit=3)
        helper.apply_page(page)
        rest += len(page["changes"])
        if not page["has_more"]:
            break
    assert first["remaining"] == rest
