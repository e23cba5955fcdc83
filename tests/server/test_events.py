"""Recruitment events: a fair with vacancies, invitations from the matching, sign-up, check-in."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from server.extensions import db
from server.models import Recommendation
from server.models.recruitment_events import Event, EventParticipant
from tests.server.callers import assert_error
from tests.sync_server.device import Device

FAIR = {"kind": "job_fair", "title": "凉城新村专场招聘会", "starts_at": "2026-12-10T01:00:00Z",
        "ends_at": "2026-12-10T05:00:00Z", "place": "街道社区文化中心"}


@pytest.fixture
def fair(client, world, as_role) -> dict[str, Any]:
    resp = client.post("/api/events", json={**FAIR, "job_ids": world.jobs},
                       headers=as_role("supervisor"))
    assert resp.status_code == 201, resp.get_json()
    return dict(resp.get_json())


def test_a_supervisor_creates_a_fair_with_two_vacancies_filed_under_their_subdistrict(fair, world):
    assert fair["area_id"] == world.subdistrict
    assert [j["id"] for j in fair["jobs"]] == world.jobs
    assert fair["counts"] == {"invited": 0, "signed_up": 0, "attended": 0, "declined": 0,
                              "no_show": 0}


def test_an_event_naming_an_unknown_vacancy_or_ending_before_it_starts_is_refused(client, world,
                                                                                  as_role):
    bad = client.post("/api/events", json={**FAIR, "job_ids": [str(uuid.uuid4())]},
                      headers=as_role("supervisor"))
    assert assert_error(bad, 422)["fields"] == {"job_ids": ["unknown job"]}
    early = client.post("/api/events", json={**FAIR, "ends_at": "2026-12-09T00:00:00Z"},
                        headers=as_role("supervisor"))
    assert assert_error(early, 422)["fields"] == {"ends_at": ["ends before it starts"]}


def test_the_matching_suggests_the_graduate_whose_major_fits_the_fairs_vacancy(client, fair, world,
                                                                               as_role):
    resp = client.get(f"/api/events/{fair['id']}/candidates", headers=as_role("helper"))
    assert resp.status_code == 200
    items = resp.get_json()["items"]
    assert items[0]["person"]["id"] == world.graduate
    assert items[0]["job_id"] == world.jobs[0]
    assert {r["code"] for r in items[0]["match"]["reasons"]} >= {"major_same"}
    # helper1's caseload only: Chen Mei (helper2's) is never suggested to helper1.
    assert world.persons["Chen Mei"] not in {i["person"]["id"] for i in items}


def test_a_vacancy_lists_its_candidates_not_yet_recommended_it(client, world, as_role):
    first = client.get(f"/api/jobs/{world.jobs[0]}/candidates", headers=as_role("supervisor"))
    assert world.graduate in {i["person"]["id"] for i in first.get_json()["items"]}
    made = client.post("/api/recommendations",
                       json={"person_id": world.graduate, "job_id": world.jobs[0], "reasons": "对口"},
                       headers=as_role("helper"))
    assert made.status_code == 201, made.get_json()
    again = client.get(f"/api/jobs/{world.jobs[0]}/candidates", headers=as_role("supervisor"))
    assert world.graduate not in {i["person"]["id"] for i in again.get_json()["items"]}


def test_invited_graduate_signs_up_shows_a_pass_and_is_checked_in_by_qr(client, app, fair, world,
                                                                       as_role):
    invited = client.post(f"/api/events/{fair['id']}/participants",
                          json={"person_id": world.graduate}, headers=as_role("helper"))
    assert invited.status_code == 201, invited.get_json()
    row = invited.get_json()
    assert row["state"] == "invited" and row["person_name"] == "李杰"
    again = client.post(f"/api/events/{fair['id']}/participants",
                        json={"person_id": world.graduate}, headers=as_role("supervisor"))
    assert_error(again, 409, "id_exists")

    mine = client.get("/api/events?upcoming=false", headers=as_role("client")).get_json()["items"]
    assert [e["id"] for e in mine] == [fair["id"]]
    signed = client.patch(f"/api/events/participants/{row['id']}", json={"state": "signed_up"},
                          headers=as_role("client"))
    assert signed.get_json()["state"] == "signed_up"
    cheat = client.patch(f"/api/events/participants/{row['id']}", json={"state": "attended"},
                         headers=as_role("client"))
    assert_error(cheat, 403, "forbidden")

    token = client.get(f"/api/events/participants/{row['id']}/pass",
                       headers=as_role("client")).get_json()["token"]
    forged = client.post(f"/api/events/{fair['id']}/check-in", json={"token": token[:-2] + "xx"},
                         headers=as_role("supervisor"))
    assert_error(forged, 422, "invalid_pass")
    present = client.post(f"/api/events/{fair['id']}/check-in", json={"token": token},
                          headers=as_role("supervisor"))
    assert present.status_code == 200, present.get_json()
    assert present.get_json()["state"] == "attended"
    assert present.get_json()["check_in_via"] == "qr"
    with app.app_context():
        stored = db.session.get(EventParticipant, uuid.UUID(row["id"]))
        assert stored.checked_in_at is not None and stored.check_in_token == token


def test_a_graduate_signs_up_offline_and_staff_scan_the_pass_offline(client, app, fair, world,
                                                                    as_role):
    from server.records.events import participant_id

    pid = str(participant_id(fair["id"], world.graduate))
    phone = Device(client, as_role("client"))
    phone.insert("event_participant", {"event_id": fair["id"], "person_id": world.graduate,
                                       "state": "signed_up"}, pid)
    result = phone.push()["results"][0]
    assert result["status"] == "applied", result
    token = client.get(f"/api/events/participants/{pid}/pass",
                       headers=as_role("client")).get_json()["token"]

    door = Device(client, as_role("supervisor"))
    door.base[("event_participant", pid)] = {"data": {"state": "signed_up"}, "stamps": {}}
    door.set("event_participant", pid, {"check_in_via": "qr", "check_in_token": "forged"})
    rejected = door.push()["results"][0]
    assert rejected["status"] == "rejected" and rejected["code"] == "invalid_op", rejected
    with app.app_context():
        assert db.session.get(EventParticipant, uuid.UUID(pid)).state == "signed_up"
    door.set("event_participant", pid, {"check_in_via": "qr", "check_in_token": token})
    results = door.push()["results"]
    assert [r["status"] for r in results] == ["applied"], results
    with app.app_context():
        stored = db.session.get(EventParticipant, uuid.UUID(pid))
        assert (stored.state, stored.check_in_via) == ("attended", "qr")


def test_the_board_counts_a_hire_from_the_fair_and_the_organisers_reported_figures(
        client, app, world, as_role):
    fair = client.post("/api/events", json={**FAIR, "starts_at": "2026-11-20T01:00:00Z",
                                            "ends_at": None, "reported_attendance": 300},
                       headers=as_role("supervisor")).get_json()
    ahead = client.post("/api/events", json={**FAIR, "starts_at": "2099-12-10T01:00:00Z",
                                             "ends_at": None},
                        headers=as_role("supervisor")).get_json()
    row = client.post(f"/api/events/{fair['id']}/participants",
                      json={"person_id": world.graduate, "state": "signed_up"},
                      headers=as_role("helper")).get_json()
    client.patch(f"/api/events/participants/{row['id']}", json={"state": "attended"},
                 headers=as_role("helper"))
    rec = client.post("/api/recommendations", json={"person_id": world.graduate,
                                                    "job_id": world.jobs[0], "reasons": "专场",
                                                    "source_event_id": fair["id"]},
                      headers=as_role("helper")).get_json()
    with app.app_context():  # the outcomes feature moves it on; here straight to hired
        stored = db.session.get(Recommendation, uuid.UUID(rec["id"]))
        stored.source_event_id = uuid.UUID(fair["id"])
        stored.state = "hired"
        stored.history = [{"from": "applied", "to": "interview"}, {"from": "interview", "to": "hired"}]
        db.session.commit()
    report = client.get("/api/reports/events?period=2026-11", headers=as_role("supervisor"))
    assert report.status_code == 200, report.get_json()
    totals = report.get_json()["totals"]
    assert {k: totals[k] for k in ("events", "invited", "attended", "interviews", "hires",
                                   "reported_attendance")} == {
        "events": 1, "invited": 1, "attended": 1, "interviews": 1, "hires": 1,
        "reported_attendance": 300}
    assert [e["id"] for e in report.get_json()["events"]] == [fair["id"]]
    other_month = client.get("/api/reports/events?period=2026-10", headers=as_role("supervisor"))
    assert other_month.get_json()["totals"]["events"] == 0
    # An event not held yet is not counted in its month, whatever its list says.
    later = client.get(f"/api/reports/events?period={ahead['starts_at'][:7]}",
                       headers=as_role("supervisor")).get_json()
    assert ahead["id"] not in [e["id"] for e in later["events"]]
    assert_error(client.get("/api/reports/events?period=nope", headers=as_role("supervisor")), 422)


def test_a_cancelled_event_is_hidden_from_graduates_and_takes_no_one(client, app, fair, world,
                                                                   as_role):
    client.patch(f"/api/events/{fair['id']}", json={"cancelled": True},
                 headers=as_role("supervisor"))
    assert client.get("/api/events", headers=as_role("client")).get_json()["items"] == []
    late = client.post(f"/api/events/{fair['id']}/participants",
                       json={"person_id": world.graduate}, headers=as_role("helper"))
    assert_error(late, 422)
    with app.app_context():
        assert db.session.get(Event, uuid.UUID(fair["id"])).cancelled is True


def test_the_phone_and_the_server_name_one_row_and_read_one_pass(app):
    """The vectors of tests/js/events/common.test.js."""
    from flask import Flask

    from server.event_pass import participant_of, pass_token
    from server.records.events import participant_id

    row = participant_id("11111111-1111-4111-8111-111111111111",
                         "22222222-2222-4222-8222-222222222222")
    assert str(row) == "0cbd3fcf-9ffb-5275-a996-06ca7c767a52"
    other = Flask("vectors")
    other.config["SECRET_KEY"] = "test-secret"
    with other.app_context():
        token = pass_token(row)
        assert token == ("eyJwIjoiMGNiZDNmY2YtOWZmYi01Mjc1LWE5OTYtMDZjYTdjNzY3YTUyIn0."
                         "rjfHbgR8H1NW8_kUjIENhSfUCA4")
        assert participant_of(token) == row
        assert participant_of(token[:-1] + "x") is None


def test_a_candidates_score_is_the_persons_own_match_of_that_vacancy(client, world, as_role):
    """The reverse ranking values people with the index's parts; what it shows is `score`."""
    job = world.jobs[0]
    items = client.get(f"/api/jobs/{job}/candidates", headers=as_role("admin")).get_json()["items"]
    assert items
    for item in items:
        own = client.get(f"/api/persons/{item['person']['id']}/matches?include_recommended=true",
                         headers=as_role("admin")).get_json()["items"]
        mine = next(m for m in own if m["job"]["id"] == job)
        assert mine["match"]["score"] == item["match"]["score"]
        assert mine["match"]["reasons"] == item["match"]["reasons"]


def test_a_graduates_phone_signs_up_only_themself_and_makes_no_events(client, fair, world,
                                                                     as_role):
    from server.records.events import participant_id

    phone = Device(client, as_role("client"))
    chen = world.persons["Chen Mei"]
    phone.insert("event_participant", {"event_id": fair["id"], "person_id": chen,
                                       "state": "signed_up"}, str(participant_id(fair["id"], chen)))
    phone.insert("event", {"kind": "salon", "title": "我的沙龙", "starts_at": FAIR["starts_at"]})
    results = phone.push()["results"]
    assert [(r["status"], r["code"]) for r in results] == [
        ("rejected", "out_of_scope"), ("rejected", "forbidden")], results


def test_a_helpers_phone_makes_an_event_offline_filed_under_their_office(client, world, as_role):
    phone = Device(client, as_role("helper"))
    event_id = str(uuid.uuid4())
    phone.insert("event", {**FAIR, "job_ids": [world.jobs[1]], "employer_ids": []}, event_id)
    assert phone.push()["results"][0]["status"] == "applied"
    made = client.get(f"/api/events/{event_id}", headers=as_role("supervisor")).get_json()
    assert made["area_id"] == world.subdistrict and made["jobs"][0]["id"] == world.jobs[1]
    edited = Device(client, as_role("other_helper"))
    edited.set("event", event_id, {"title": "改名"})
    assert edited.push()["results"][0]["code"] == "forbidden"
