"""Policies and subsidies, training and assistance periods on the file, by REST and by sync."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

import pytest

from server.business_time import business_today, local_day
from server.extensions import db
from server.models import (
    Household,
    Person,
    Policy,
    Recommendation,
    TrainingCourse,
    User,
    Visit,
    utcnow,
)
from server.models.attachments import Attachment
from server.models.recruitment_events import Event, EventParticipant
from server.models.support import AssistancePeriod, PolicyCase, TrainingEnrolment
from tests.factories import make_visit
from tests.server.callers import assert_error
from tests.sync_server.device import Device


@pytest.fixture
def catalogue(app) -> dict[str, str]:
    with app.app_context():
        subsidy = Policy(title="求职创业补贴", summary="一次性求职创业补贴")
        course = TrainingCourse(title="电子商务运营", provider="区职业技能培训中心")
        db.session.add_all([subsidy, course])
        db.session.commit()
        return {"policy": str(subsidy.id), "course": str(course.id)}


def test_a_job_search_subsidy_goes_from_informed_to_applied_to_granted_with_its_dates(
        client, world, catalogue, as_role):
    made = client.post("/api/policy-cases", json={
        "person_id": world.graduate, "policy_id": catalogue["policy"]}, headers=as_role("helper"))
    assert made.status_code == 201, made.get_json()
    case = made.get_json()
    assert case["state"] == "informed" and case["informed_on"] == business_today().isoformat()
    applied = client.patch(f"/api/policy-cases/{case['id']}", json={
        "state": "applied", "applied_on": "2026-11-02"}, headers=as_role("helper")).get_json()
    assert applied["state"] == "applied" and applied["applied_on"] == "2026-11-02"
    skip = client.patch(f"/api/policy-cases/{case['id']}", json={"state": "informed"},
                        headers=as_role("helper"))
    assert_error(skip, 422, "illegal_transition")
    granted = client.patch(f"/api/policy-cases/{case['id']}", json={
        "state": "granted", "amount": 1500}, headers=as_role("supervisor")).get_json()
    assert granted["state"] == "granted" and granted["amount"] == 1500
    assert granted["decided_on"] == business_today().isoformat()


def test_the_same_policy_twice_on_one_file_is_refused(client, world, catalogue, as_role):
    body = {"person_id": world.graduate, "policy_id": catalogue["policy"]}
    assert client.post("/api/policy-cases", json=body, headers=as_role("helper")).status_code == 201
    assert_error(client.post("/api/policy-cases", json=body, headers=as_role("helper")), 409,
                 "already_on_file")


def test_a_helper_cannot_record_support_for_a_person_outside_the_caseload(
        client, world, catalogue, as_role):
    body = {"person_id": world.persons["赵敏"], "policy_id": catalogue["policy"]}
    assert_error(client.post("/api/policy-cases", json=body, headers=as_role("helper")), 404)
    listed = client.get(f"/api/policy-cases?person_id={world.persons['赵敏']}",
                        headers=as_role("helper")).get_json()
    assert listed["items"] == []


def test_a_graduate_asks_to_join_a_course_for_themselves_only(client, world, catalogue, as_role):
    mine = client.post("/api/training-enrolments", json={
        "person_id": world.graduate, "course_id": catalogue["course"]}, headers=as_role("client"))
    assert mine.status_code == 201, mine.get_json()
    assert mine.get_json()["state"] == "requested"
    other = client.post("/api/training-enrolments", json={
        "person_id": world.persons["Chen Mei"], "course_id": catalogue["course"]},
        headers=as_role("client"))
    assert_error(other, 404)
    enrolled = client.post("/api/training-enrolments", json={
        "person_id": world.graduate, "course_id": catalogue["course"], "state": "enrolled"},
        headers=as_role("client"))
    assert_error(enrolled, 403, "forbidden")
    moved = client.patch(f"/api/training-enrolments/{mine.get_json()['id']}",
                         json={"state": "referred"}, headers=as_role("client"))
    assert_error(moved, 403)
    own = client.get("/api/training-enrolments", headers=as_role("client")).get_json()["items"]
    assert [e["id"] for e in own] == [mine.get_json()["id"]]


def test_staff_refer_enrol_and_complete_a_requested_course(client, world, catalogue, as_role):
    asked = client.post("/api/training-enrolments", json={
        "person_id": world.graduate, "course_id": catalogue["course"]},
        headers=as_role("client")).get_json()
    for state in ("referred", "enrolled", "completed"):
        resp = client.patch(f"/api/training-enrolments/{asked['id']}", json={"state": state},
                            headers=as_role("helper"))
        assert resp.status_code == 200, resp.get_json()
    done = resp.get_json()
    assert done["state"] == "completed"
    assert done["referred_on"] == done["enrolled_on"] == done["completed_on"] == \
        business_today().isoformat()


def test_an_assistance_period_takes_the_persons_helper_and_cannot_end_before_it_starts(
        client, world, as_role):
    made = client.post("/api/assistance-periods", json={
        "person_id": world.graduate, "start_on": "2021-11-01", "end_on": "2024-08-31"},
        headers=as_role("helper"))
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["helper_id"] == world.users["helper1"]
    bad = client.patch(f"/api/assistance-periods/{made.get_json()['id']}",
                       json={"end_on": "2020-01-01"}, headers=as_role("helper"))
    assert assert_error(bad, 422)["fields"] == {"end_on": ["before start_on"]}
    assert_error(client.get("/api/assistance-periods", headers=as_role("client")), 403)


def _case_row(app: Any, case_id: str) -> PolicyCase:
    with app.app_context():
        row = db.session.get(PolicyCase, uuid.UUID(case_id))
        assert row is not None
        db.session.expunge(row)
        return row


def test_a_helper_offline_records_an_application_and_its_grant_through_sync(
        client, app, world, catalogue, as_role):
    phone = Device(client, as_role("helper"))
    case_id = str(uuid.uuid4())
    phone.insert("policy_case", {"person_id": world.graduate, "policy_id": catalogue["policy"],
                                 "state": "applied", "applied_on": "2026-11-20"}, case_id)
    phone.transition("policy_case", case_id, "state", "granted")
    phone.set("policy_case", case_id, {"amount": 800})
    results = phone.push()["results"]
    assert [r["status"] for r in results] == ["applied", "applied", "applied"], results
    row = _case_row(app, case_id)
    assert (row.state, row.applied_on.isoformat(), row.amount) == ("granted", "2026-11-20", 800)
    assert row.decided_on == business_today()
    assert str(row.by_user_id) == world.users["helper1"]


def test_sync_refuses_an_illegal_move_and_a_graduates_referral_of_themselves(
        client, app, world, catalogue, as_role):
    phone = Device(client, as_role("helper"))
    case_id = str(uuid.uuid4())
    phone.insert("policy_case", {"person_id": world.graduate, "policy_id": catalogue["policy"],
                                 "state": "informed"}, case_id)
    phone.transition("policy_case", case_id, "state", "granted")
    first, skip = phone.push()["results"]
    assert first["status"] == "applied" and skip["code"] == "illegal_transition", skip

    grad = Device(client, as_role("client"))
    grad.insert("training_enrolment", {"person_id": world.graduate, "course_id": catalogue["course"],
                                       "state": "referred"})
    grad.insert("training_enrolment", {"person_id": world.persons["Chen Mei"],
                                       "course_id": catalogue["course"], "state": "requested"})
    grad.insert("training_enrolment", {"person_id": world.graduate, "course_id": catalogue["course"],
                                       "state": "requested"})
    referred, other, asked = grad.push()["results"]
    assert referred["code"] == "forbidden", referred
    assert other["status"] in ("rejected", "quarantined") and other["code"] == "out_of_scope", other
    assert asked["status"] == "applied", asked
    with app.app_context():
        states = [e.state for e in db.session.query(TrainingEnrolment).all()]
    assert states == ["requested"]


def _count_3333_in_python(person: Any, start: Any, end: Any) -> dict[str, int]:
    """The test's own count, straight from the rows: records within [start, end] by office day."""
    def within(at: Any) -> bool:
        return start <= local_day(at) <= end

    visits = [v for v in db.session.query(Visit).all() if person in v.persons and within(v.occurred_at)]
    talks = sum("heart_to_heart" in v.services for v in visits)
    cvs = sum(1 for a in db.session.query(Attachment).filter_by(person_id=person.id, kind="cv")
              if within(a.uploaded_at or a.created_at))
    attended = sum(1 for p in db.session.query(EventParticipant).filter_by(
        person_id=person.id, state="attended")
        if within(p.checked_in_at or db.session.get(Event, p.event_id).starts_at))
    recs = sum(1 for r in db.session.query(Recommendation).filter_by(person_id=person.id)
               if within(r.created_at))
    return {"heart_to_heart": talks, "cv_revision": cvs, "recruitment_event": attended,
            "job_recommendation": recs}


def test_the_boards_3333_figure_equals_a_count_made_from_the_database(client, app, world, as_role):
    today = business_today()
    start, end = today - timedelta(days=60), today + timedelta(days=30)
    with app.app_context():
        grad = db.session.get(Person, uuid.UUID(world.graduate))
        grad.disadvantaged, grad.graduation_date = True, date(today.year, 6, 30)
        household = db.session.get(Household, grad.household_id)
        helper = db.session.get(User, household.primary_helper_id)
        db.session.add(AssistancePeriod(person_id=grad.id, start_on=start, end_on=end, stamps={}))
        now = utcnow().replace(microsecond=0)
        for days in (1, 5, 9, 90):  # three talks in the period, one long before it
            make_visit(household, helper, [grad], now - timedelta(days=days),
                       services=["heart_to_heart"], outcome="met")
        for days in (2, 4, 70):
            db.session.add(Attachment(person_id=grad.id, kind="cv", content_type="application/pdf",
                                      size=10, sha256="0" * 64, uploaded_at=now - timedelta(days=days),
                                      stamps={}))
        for days in (3, 6, 8):
            fair = Event(kind="job_fair", title=f"招聘会{days}", starts_at=now - timedelta(days=days),
                         stamps={})
            db.session.add(fair)
            db.session.flush()
            db.session.add(EventParticipant(event_id=fair.id, person_id=grad.id, state="attended",
                                            stamps={}))
        for job in world.jobs:
            db.session.add(Recommendation(person_id=grad.id, job_id=uuid.UUID(job), stamps={}))
        db.session.commit()
        expected = _count_3333_in_python(grad, start, end)
    assert expected == {"heart_to_heart": 3, "cv_revision": 2, "recruitment_event": 3,
                        "job_recommendation": 2}

    figures = client.get(f"/api/reports/support?period={today:%Y-%m}",
                         headers=as_role("supervisor")).get_json()
    board = figures["service_3333"]
    assert board["population"] == 1
    assert {t["service"]: t["met"] for t in board["targets"]} == {
        s: int(n >= 3) for s, n in expected.items()}
    assert board["met"] == int(all(n >= 3 for n in expected.values())) == 0


def test_the_disadvantaged_ledger_lists_the_assistance_period_and_its_3333(client, app, world, as_role):
    from server.reporting.ledgers import disadvantaged
    from server.reports.filters import ReportScope

    client.post("/api/assistance-periods", json={
        "person_id": world.persons["王芳"], "start_on": "2021-11-01", "end_on": "2024-08-31"},
        headers=as_role("helper"))
    with app.app_context():
        supervisor = db.session.get(User, uuid.UUID(world.users["supervisor1"]))
        columns, rows = disadvantaged(ReportScope(supervisor), {})
    assert {"assistance_start", "assistance_end", "assistance_helper", "talks"} <= set(columns)
    wang = next(r for r in rows if r["name"] == "王芳")
    assert (wang["assistance_start"], wang["assistance_end"]) == (date(2021, 11, 1), date(2024, 8, 31))
    assert wang["assistance_helper"] == "张燕" and wang["talks"] == 0


def test_a_graduates_phone_pulls_their_own_cases_and_courses_but_no_assistance_period(
        client, world, catalogue, as_role):
    helper = Device(client, as_role("helper"))
    helper.insert("policy_case", {"person_id": world.graduate, "policy_id": catalogue["policy"],
                                  "state": "informed"})
    helper.insert("training_enrolment", {"person_id": world.persons["王芳"],
                                         "course_id": catalogue["course"], "state": "referred"})
    helper.insert("assistance_period", {"person_id": world.graduate, "start_on": "2026-09-01"})
    assert [r["status"] for r in helper.push()["results"]] == ["applied"] * 3
    phone = Device(client, as_role("client"))
    phone.pull()
    assert len(phone.records("policy_case")) == 1
    assert phone.records("training_enrolment") == {}  # 王芳's, not Li Jie's
    assert phone.records("assistance_period") == {}
    other = Device(client, as_role("other_helper"))
    other.pull()
    assert other.records("policy_case") == {} and other.records("assistance_period") == {}
