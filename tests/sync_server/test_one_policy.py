"""Issue 8 §1 over sync: each story is an attack that once worked through a push or a re-apply.

Every push now asks the same policy as REST (server/policy.py): the role's fields, then the
scope of the row the op changes (before any value is compared), then every row it names.
"""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from server.extensions import db
from server.models import Assignment, Job, Note, Person, Recommendation, utcnow
from server.models.sync import QuarantinedOp, SyncClient
from tests.factories import make_job, make_world

from .device import Device

HOUR_MS = 3600 * 1000


@pytest.fixture
def world(app):
    with app.app_context():
        w = make_world()
        note = Note(household_id=w.h2_household.id, text="只给helper2看", author_id=w.helper2.id,
                    stamps={})
        db.session.add(note)
        db.session.commit()
        return {
            "h1": str(w.h1_household.id), "h2": str(w.h2_household.id),
            "other": str(w.other_household.id), "graduate": str(w.graduate.id),
            "chen": str(w.h2_household.members[0].id), "zhao": str(w.other_household.members[0].id),
            "job": str(w.jobs[0].id), "job2": str(w.jobs[1].id), "helper2": str(w.helper2.id),
            "h2_note": str(note.id), "h2_note_text": note.text,
        }


def device(client, auth, username, **kw):
    return Device(client, auth.headers(username), **kw)


def codes(response):
    return [r.get("code", r["status"]) for r in response["results"]]


def recommended(phone, world):
    rec = phone.insert("recommendation", {"person_id": world["graduate"], "job_id": world["job"],
                                          "reasons": "专业对口"})
    assert codes(phone.push()) == ["applied"]
    phone.pull()
    return rec["entity_id"]


@pytest.mark.parametrize("field", ["person_id", "job_id", "reasons", "match"])
def test_a_helper_cannot_rewrite_what_their_recommendation_is_about(app, client, auth, world, field):
    phone = device(client, auth, "helper1")
    rec_id = recommended(phone, world)
    value = {"person_id": world["zhao"], "job_id": world["job2"], "reasons": "改了",
             "match": {"score": 1}}[field]
    phone.set("recommendation", rec_id, {field: value})
    assert codes(phone.push()) == ["forbidden"]
    with app.app_context():
        rec = db.session.get(Recommendation, uuid.UUID(rec_id))
        assert str(rec.person_id) == world["graduate"] and str(rec.job_id) == world["job"]
        assert rec.reasons == "专业对口"
    other = device(client, auth, "helper9")
    other.pull()
    assert rec_id not in other.records("recommendation")


@pytest.mark.parametrize("username,answer", [("helper1", "out_of_scope"),
                                             ("graduate1", "forbidden")])
def test_an_insert_on_someone_elses_id_tells_nothing_about_its_values(
        client, auth, world, username, answer):
    phone = device(client, auth, username)
    right = {"household_id": world["h2"], "text": world["h2_note_text"]}
    wrong = {"household_id": world["h2"], "text": "猜错了"}
    for guess in (right, wrong, {"household_id": world["h1"], "text": "换个户"}):
        phone.insert("note", guess, entity_id=world["h2_note"])
    assert codes(phone.push()) == [answer] * 3


def test_a_reapply_acts_with_the_authors_rights(app, client, auth, world):
    graduate, stranger = device(client, auth, "graduate1"), device(client, auth, "helper9")
    graduate.pull()
    graduate.set("person", world["graduate"], {"category": "settled"})
    assert codes(graduate.push()) == ["forbidden"]
    stranger.op("person", world["graduate"], "set", {"name": "改名"}, {"name": None})
    assert codes(stranger.push()) == ["out_of_scope"]

    boss = auth.headers("supervisor1")
    kept = client.get("/api/quarantine?state=open", headers=boss).get_json()["items"]
    assert {(q["author_role"], q["code"]) for q in kept} == {
        ("client", "forbidden"), ("helper", "out_of_scope")}
    for entry in kept:
        resp = client.post(f"/api/quarantine/{entry['id']}/reapply", headers=boss)
        assert resp.status_code == 200
        assert (resp.get_json()["state"], resp.get_json()["result"]["code"]) == (
            "open", entry["code"])
    with app.app_context():
        person = db.session.get(Person, uuid.UUID(world["graduate"]))
        assert (person.category, person.name) == ("graduate_active_search", "李杰")


def reassign_h1_an_hour_ago(app, client, auth, world):
    resp = client.post("/api/households/assign", headers=auth.headers("supervisor1"),
                       json={"household_ids": [world["h1"]], "primary_helper_id": world["helper2"]})
    assert resp.status_code == 200
    with app.app_context():
        db.session.execute(update(Assignment).where(Assignment.ended_at.is_not(None))
                           .values(ended_at=utcnow() - timedelta(hours=1)))
        db.session.commit()


def test_grace_is_for_work_done_before_the_reassignment_not_after(app, client, auth, world):
    # A phone offline since before the move: its stamps are two hours old.
    offline = device(client, auth, "helper1", skew_ms=-2 * HOUR_MS)
    offline.insert("note", {"household_id": world["h1"], "text": "写于调整之前"})
    reassign_h1_an_hour_ago(app, client, auth, world)
    [result] = offline.push()["results"]
    assert (result["status"], result.get("late")) == ("applied", True)

    fresh = device(client, auth, "helper1")
    fresh.insert("note", {"household_id": world["h1"], "text": "调整之后的新记录"})
    fresh.set("person", world["graduate"], {"phone": "13911111111"})
    assert codes(fresh.push()) == ["out_of_scope", "out_of_scope"]


def test_a_graduate_pull_carries_only_what_their_rest_view_shows(client, auth, world):
    """Field by field, per role: a pull never carries a person field the role's REST view hides."""
    for username in ("admin", "supervisor1", "helper1", "graduate1"):
        headers = auth.headers(username)
        rest = client.get(f"/api/persons/{world['graduate']}", headers=headers).get_json()
        phone = Device(client, headers)
        phone.pull()
        pulled = phone.base[("person", world["graduate"])]
        staff_fields = set(client.get(f"/api/persons/{world['graduate']}",
                                      headers=auth.headers("admin")).get_json())
        hidden = staff_fields - set(rest)
        assert not hidden & set(pulled["data"]), (username, hidden & set(pulled["data"]))
        assert not hidden & set(pulled["stamps"])
        if username == "graduate1":
            assert {"difficulties", "group_name"} <= hidden
        else:
            assert {"difficulties", "group_name"} <= set(pulled["data"])


def test_a_graduate_cannot_resolve_a_conflict_on_their_own_file(app, client, auth, world):
    a, b = device(client, auth, "helper1"), device(client, auth, "supervisor1")
    a.pull()
    b.pull()
    a.transition("person", world["graduate"], "status", "internship")
    b.transition("person", world["graduate"], "status", "employed")
    a.push()
    conflict_id = b.push()["results"][0]["conflict_id"]
    graduate = device(client, auth, "graduate1")
    graduate.op("conflict", conflict_id, "resolve", {"choice": {"value": "further_study"}})
    assert codes(graduate.push()) == ["forbidden"]
    with app.app_context():
        assert db.session.get(Person, uuid.UUID(world["graduate"])).status == "employed"


def test_sync_refuses_what_rest_refuses_for_notes_and_recommendations(app, client, auth, world):
    with app.app_context():
        closed = str(make_job(is_open=False).id)
        db.session.commit()
    phone = device(client, auth, "helper1")
    rec_id = recommended(phone, world)
    phone.insert("note", {"household_id": world["h1"], "text": "更正",
                          "corrects_note_id": world["h2_note"]})
    phone.insert("recommendation", {"person_id": world["graduate"], "job_id": closed,
                                    "reasons": "已关闭"})
    phone.insert("recommendation", {"person_id": world["graduate"], "job_id": world["job"],
                                    "reasons": "再推一次"})
    phone.set("recommendation", rec_id, {"job_id": world["job2"]})
    assert codes(phone.push()) == ["invalid_op", "invalid_op", "already_recommended", "forbidden"]


def test_a_person_cannot_be_moved_to_a_household_that_does_not_exist(app, client, auth, world):
    phone = device(client, auth, "helper1")
    phone.pull()
    phone.set("person", world["graduate"], {"household_id": str(uuid.uuid4())})
    phone.set("person", world["graduate"], {"household_id": world["h2"]})
    assert codes(phone.push()) == ["invalid_op", "invalid_op"]
    with app.app_context():
        assert str(db.session.get(Person, uuid.UUID(world["graduate"])).household_id) == world["h1"]
    resp = client.patch(f"/api/persons/{world['graduate']}", headers=auth.headers("helper1"),
                        json={"household_id": str(uuid.uuid4())})
    assert resp.status_code == 422


def test_two_first_pushes_of_a_new_device_both_answer(app, client, auth, world):
    headers = auth.headers("helper1")
    body = {"protocol": 2, "client_id": f"new-{uuid.uuid4()}", "ops": []}
    answers: list[int] = []
    start = threading.Barrier(2)

    def push() -> None:
        with app.test_client() as own:
            start.wait()
            answers.append(own.post("/api/sync/push", json=body, headers=headers).status_code)

    threads = [threading.Thread(target=push) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200, 200]
    with app.app_context():
        assert len(db.session.scalars(select(SyncClient).where(
            SyncClient.client_id == body["client_id"])).all()) == 1


def test_a_closed_job_stays_closed_on_phones_too(app, client, auth, world):
    """The catalogue is read only for devices: a phone cannot reopen a vacancy."""
    phone = device(client, auth, "helper1")
    phone.op("job", world["job"], "set", {"is_open": False})
    assert codes(phone.push()) == ["read_only"]
    with app.app_context():
        assert db.session.get(Job, uuid.UUID(world["job"])).is_open is True
        assert db.session.scalar(select(QuarantinedOp.code)) == "read_only"
