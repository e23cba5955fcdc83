"""Outcomes by staff, placements and aftercare (issue 12.1-3), over REST and sync alike."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from server.business_time import business_today
from server.extensions import db
from server.models import Person, Recommendation, StatusEvent
from server.models.outcomes import Placement, RetentionCheck
from tests.factories import make_world
from tests.server.callers import assert_error
from tests.sync_server.device import Device


@pytest.fixture
def story(app) -> dict[str, Any]:
    """李杰 (no app needed) has a fresh recommendation from his helper 张燕; 赵敏 is helper9's."""
    with app.app_context():
        w = make_world()
        rec = Recommendation(person_id=w.graduate.id, job_id=w.jobs[0].id, reasons="专业对口",
                             stamps={}, history=[])
        foreign = Recommendation(person_id=w.other_household.members[0].id, job_id=w.jobs[0].id,
                                 reasons="对口", stamps={}, history=[])
        db.session.add_all([rec, foreign])
        db.session.commit()
        return {"rec": str(rec.id), "foreign": str(foreign.id), "person": str(w.graduate.id),
                "zhao": str(w.other_household.members[0].id), "job": str(w.jobs[0].id)}


def _events(person_id: str) -> list[tuple[str | None, str]]:
    rows = db.session.scalars(select(StatusEvent).where(StatusEvent.person_id == uuid.UUID(person_id))
                              .order_by(StatusEvent.at))
    return [(e.from_status, e.to_status) for e in rows]


def test_a_helper_records_an_interview_for_a_person_without_the_app(app, client, as_user, story):
    helper = {**as_user("helper1"), "X-Device-Id": "phone-zy"}
    resp = client.patch(f"/api/recommendations/{story['rec']}", headers=helper, json={
        "state": "interview", "interview_at": "2026-12-03T02:00:00Z", "interview_place": "创智天地 3 号楼"})
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["state"] == "interview"
    assert body["interview_at"].startswith("2026-12-03T02:00")
    # The walk went through the machine, each move recorded with who and from which device.
    assert [(m["from"], m["to"]) for m in body["history"]] == [
        ("recommended", "interested"), ("interested", "applied"), ("applied", "interview")]
    assert {m["device"] for m in body["history"]} == {"phone-zy"}


def test_a_terminal_state_cannot_be_walked_out_of(client, as_user, story):
    helper = as_user("helper1")
    assert client.patch(f"/api/recommendations/{story['rec']}", headers=helper,
                        json={"state": "withdrawn"}).status_code == 200
    assert_error(client.patch(f"/api/recommendations/{story['rec']}", headers=helper,
                              json={"state": "applied"}), 422, "illegal_transition")


def test_another_helpers_person_is_not_found(client, as_user, story):
    resp = client.patch(f"/api/recommendations/{story['foreign']}", headers=as_user("helper1"),
                        json={"state": "applied"})
    assert_error(resp, 404, "not_found")
    assert_error(client.post("/api/placements", headers=as_user("helper1"), json={
        "person_id": story["zhao"], "employer_name": "永辉", "start_date": "2026-11-02"}), 404)


def test_a_hire_makes_the_person_employed_once_and_opens_a_placement(app, client, as_user, story):
    helper = as_user("helper1")
    assert client.patch(f"/api/recommendations/{story['rec']}", headers=helper,
                        json={"state": "hired"}).status_code == 200
    resp = client.post("/api/placements", headers=helper, json={
        "person_id": story["person"], "recommendation_id": story["rec"], "start_date": "2026-11-02",
        "contract_signed": True, "pay": 5200})
    assert resp.status_code == 201, resp.get_json()
    placement = resp.get_json()
    assert placement["employer_name"] and placement["job_id"] == story["job"]
    assert [c["step"] for c in placement["contacts"]] == ["1w", "1m", "3m", "6m"]
    # A second placement for the same hire is refused; the graduate's own "hired" changes nothing.
    assert_error(client.post("/api/placements", headers=helper, json={
        "person_id": story["person"], "recommendation_id": story["rec"], "start_date": "2026-11-02"}),
        409, "already_placed")
    with app.app_context():
        assert _events(story["person"]) == [("seeking", "employed")]
        person = db.session.get(Person, uuid.UUID(story["person"]))
        assert person.category == "settled"  # what sync/vocabulary.json status_suggests says


def test_rest_and_sync_agree_and_a_replayed_hire_does_not_double(app, client, as_user, story):
    phone = Device(client, {**as_user("helper1")})
    phone.pull()
    for to in ("interested", "applied", "interview", "hired"):
        phone.transition("recommendation", story["rec"], "state", to)
    placement_id = str(uuid.uuid4())
    phone.insert("placement", {"person_id": story["person"], "recommendation_id": story["rec"],
                               "start_date": "2026-11-02", "contract_signed": True},
                 entity_id=placement_id)
    ops = list(phone.outbox)
    results = phone.push_request()["results"]
    assert [r["status"] for r in results] == ["applied"] * 5, results
    again = phone.push_request(ops)["results"]  # the phone lost the answer and sends it again
    assert {r["status"] for r in again} == {"duplicate"}, again
    with app.app_context():
        assert _events(story["person"]) == [("seeking", "employed")]
        rec = db.session.get(Recommendation, uuid.UUID(story["rec"]))
        assert [m["to"] for m in rec.history] == ["interested", "applied", "interview", "hired"]
        assert db.session.get(Placement, uuid.UUID(placement_id)).by_user_id is not None


def test_a_retention_check_that_finds_the_person_gone_ends_the_job(app, client, as_user, story):
    helper = as_user("helper1")
    start = business_today() - timedelta(days=8)
    placement = client.post("/api/placements", headers=helper, json={
        "person_id": story["person"], "employer_name": "永辉超市", "job_title": "理货员",
        "start_date": start.isoformat()}).get_json()
    due = [c for c in placement["contacts"] if c["state"] in ("due", "overdue")]
    assert [c["step"] for c in due] == ["1w"]
    assert_error(client.post("/api/retention-checks", headers=helper, json={
        "placement_id": placement["id"], "step": "1w", "occurred_at": "2026-11-20T02:00:00Z",
        "still_employed": False}), 422)  # leaving needs a reason
    resp = client.post("/api/retention-checks", headers=helper, json={
        "placement_id": placement["id"], "step": "1w", "occurred_at": "2026-11-20T02:00:00Z",
        "still_employed": False, "reason": "quit_conflict", "notes": "和班长吵架"})
    assert resp.status_code == 201, resp.get_json()
    ended = client.get(f"/api/placements/{placement['id']}", headers=helper).get_json()
    assert ended["ended_on"] == "2026-11-20" and ended["end_reason"] == "quit_conflict"
    with app.app_context():
        assert _events(story["person"]) == [("seeking", "employed"), ("employed", "seeking")]
        check = db.session.scalars(select(RetentionCheck)).one()
        assert check.author_id is not None and check.device_id


def test_at_risk_placements_can_be_listed(client, as_user, story):
    helper = as_user("helper1")
    placement = client.post("/api/placements", headers=helper, json={
        "person_id": story["person"], "employer_name": "永辉超市", "start_date": "2026-11-02"}).get_json()
    client.patch(f"/api/placements/{placement['id']}", headers=helper,
                 json={"at_risk": True, "at_risk_note": "嫌工资低"})
    listed = client.get("/api/placements?at_risk=true", headers=helper).get_json()["items"]
    assert [p["id"] for p in listed] == [placement["id"]]


def test_the_admin_moves_a_retention_step_and_the_schedule_follows(client, as_user, story):
    assert client.put("/api/retention-steps/1w", headers=as_user("admin"),
                      json={"days": 10}).status_code == 200
    steps = {s["code"]: s["days"] for s in client.get("/api/retention-steps",
                                                      headers=as_user("helper1")).get_json()}
    assert steps["1w"] == 10
    assert client.put("/api/retention-steps/1w", headers=as_user("helper1"),
                      json={"days": 5}).status_code == 403


def test_the_board_counts_hired_and_kept(client, as_user, story):
    helper = as_user("helper1")
    client.patch(f"/api/recommendations/{story['rec']}", headers=helper, json={"state": "hired"})
    today = business_today()
    start = today - timedelta(days=95)
    client.post("/api/placements", headers=helper, json={
        "person_id": story["person"], "employer_name": "永辉超市", "start_date": start.isoformat()})
    period = f"{today.year}"
    resp = client.get(f"/api/reports/aftercare?period={period}", headers=as_user("supervisor1"))
    assert resp.status_code == 200, resp.get_json()
    figures = resp.get_json()
    assert figures["hired"] == 1
    mark = start + timedelta(days=91)
    if mark.year == today.year and start.year == today.year:
        assert (figures["placements"], figures["kept"]) == (1, 1)
        assert (figures["reached_3m"], figures["kept_3m"]) == (1, 1)
    assert_error(client.get("/api/reports/aftercare?period=2026-13", headers=as_user("supervisor1")), 422)
    assert date.fromisoformat(figures["end"]) >= date.fromisoformat(figures["start"])


def test_the_graduates_own_hired_after_the_helpers_changes_nothing_more(app, client, as_user, story):
    helper = as_user("helper1")
    client.patch(f"/api/recommendations/{story['rec']}", headers=helper, json={"state": "interview"})
    client.post("/api/placements", headers=helper, json={
        "person_id": story["person"], "employer_name": "凉城服饰", "start_date": "2026-11-02"})
    # The graduate answers "hired" from their phone afterwards: already employed, no new event.
    phone = Device(client, as_user("graduate1"))
    phone.pull()
    phone.transition("recommendation", story["rec"], "state", "hired")
    assert phone.push_request()["results"][0]["status"] == "applied"
    with app.app_context():
        assert _events(story["person"]) == [("seeking", "employed")]


def test_a_retention_call_from_the_phone_that_finds_the_person_gone_ends_the_job(app, client, as_user, story):
    helper = as_user("helper1")
    placement = client.post("/api/placements", headers=helper, json={
        "person_id": story["person"], "employer_name": "永辉超市", "start_date": "2026-10-01"}).get_json()
    phone = Device(client, helper)
    phone.insert("retention_check", {"placement_id": placement["id"], "person_id": story["person"],
                                     "step": "1m", "occurred_at": "2026-11-03T02:00:00Z",
                                     "still_employed": False, "reason": "quit_pay", "notes": ""})
    phone.insert("retention_check", {"placement_id": placement["id"], "step": "9y",
                                     "occurred_at": "2026-11-03T02:00:00Z", "still_employed": True})
    results = phone.push_request()["results"]
    assert results[0]["status"] == "applied", results
    assert (results[1]["status"], results[1]["code"]) == ("rejected", "invalid_op")  # no such step
    with app.app_context():
        row = db.session.get(Placement, uuid.UUID(placement["id"]))
        assert (row.ended_on, row.end_reason) == (date(2026, 11, 3), "quit_pay")
        assert _events(story["person"])[-1] == ("employed", "seeking")


def test_the_admins_schedule_reaches_the_helpers_phone(client, as_user, story):
    client.put("/api/retention-steps/1m", headers=as_user("admin"), json={"days": 28})
    phone = Device(client, as_user("helper1"))
    phone.pull()
    steps = {r["data"]["code"]: r["data"]["days"] for (entity, _), r in phone.base.items()
             if entity == "retention_step"}
    assert steps == {"1m": 28}


def test_a_recommendation_made_at_an_event_keeps_its_source(client, as_user, story):
    event = str(uuid.uuid4())
    resp = client.post("/api/recommendations", headers=as_user("helper1"), json={
        "person_id": story["person"], "job_id": story["job"], "reasons": "招聘会上聊过",
        "source_event_id": event})
    assert resp.status_code == 409  # this job was already recommended to him
    job = client.post("/api/jobs", headers=as_user("helper1"), json={
        "employer": "凉城服饰", "title": "打版师", "industry": "服装"}).get_json()
    resp = client.post("/api/recommendations", headers=as_user("helper1"), json={
        "person_id": story["person"], "job_id": job["id"], "reasons": "招聘会上聊过",
        "source_event_id": event})
    assert resp.status_code == 201 and resp.get_json()["source_event_id"] == event
