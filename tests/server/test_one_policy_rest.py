"""Issue 8 §1 over REST: vacancies are kept by their office; a graduate sees only their part."""

from __future__ import annotations

import uuid

from server.extensions import db
from server.models import Job
from tests.factories import make_job


def test_a_helper_edits_and_closes_only_their_own_offices_vacancies(app, client, as_user, world):
    with app.app_context():
        ours = str(make_job(area_id=uuid.UUID(world.committee)).id)
        theirs = str(make_job(area_id=uuid.UUID(world.other_subdistrict)).id)
        districts = str(make_job(area_id=uuid.UUID(world.district)).id)
        db.session.commit()
    helper = as_user("helper1")
    assert client.patch(f"/api/jobs/{ours}", headers=helper, json={"is_open": False}).status_code == 200
    for job in (theirs, districts):
        resp = client.patch(f"/api/jobs/{job}", headers=helper, json={"is_open": False})
        assert resp.status_code == 403 and resp.get_json()["error"]["code"] == "forbidden"
    assert client.patch(f"/api/jobs/{theirs}", headers=as_user("helper9"), json={"headcount": 2}).status_code == 200
    assert client.patch(f"/api/jobs/{districts}", headers=as_user("admin"), json={"headcount": 2}).status_code == 200
    with app.app_context():
        assert db.session.get(Job, uuid.UUID(theirs)).is_open is True


def test_a_new_vacancy_is_filed_under_its_collectors_sub_district(client, as_user, world):
    helper = as_user("helper1")
    made = client.post("/api/jobs", headers=helper, json={"employer": "绿化公司", "title": "养护员"})
    assert made.status_code == 201 and made.get_json()["area_id"] == world.subdistrict
    elsewhere = client.post("/api/jobs", headers=helper, json={
        "employer": "绿化公司", "title": "养护员", "area_id": world.other_subdistrict})
    assert elsewhere.status_code == 403


def test_a_graduate_sees_only_their_own_status_change_in_a_household_visit(client, as_user, world):
    resp = client.post("/api/persons", headers=as_user("helper1"), json={
        "household_id": world.h1, "name": "李母", "category": "settled"})
    mother = resp.get_json()["id"]
    visit = client.post("/api/visits", headers=as_user("helper1"), json={
        "household_id": world.h1, "channel": "home_visit", "occurred_at": "2026-11-20T09:00:00Z",
        "status_changes": [{"person_id": world.graduate, "to": "internship"},
                           {"person_id": mother, "to": "employed"}]})
    assert visit.status_code == 201, visit.get_json()
    [seen] = client.get("/api/visits", headers=as_user("graduate1")).get_json()["items"]
    assert [c["person_id"] for c in seen["status_changes"]] == [world.graduate]
    assert seen["person_ids"] == [world.graduate]
    staff = client.get(f"/api/visits/{seen['id']}", headers=as_user("helper1")).get_json()
    assert len(staff["status_changes"]) == 2


def test_a_reused_note_id_is_a_conflict_only_once_the_household_is_yours(client, as_user, world):
    helper = as_user("helper1")
    made = client.post("/api/notes", headers=helper, json={"household_id": world.h1, "text": "一"})
    assert made.status_code == 201
    note_id = made.get_json()["id"]
    again = client.post("/api/notes", headers=helper, json={
        "id": note_id, "household_id": world.h1, "text": "二"})
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "id_exists")
    stranger = client.post("/api/notes", headers=as_user("helper9"), json={
        "id": note_id, "household_id": world.h1, "text": "一"})
    assert stranger.status_code == 404
