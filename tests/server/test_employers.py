"""Employers: one per credit code, read by their district, kept by their office; their visits
turn the vacancies collected into jobs of theirs."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from server.credit_code import check_character, problem
from server.csv_import.jobs import import_jobs
from server.extensions import db
from server.models import Area, Job, User
from server.models.employers import Employer
from tests.factories import make_user
from tests.server.callers import assert_error

#: Real codes' shape: 9 (industry and commerce) 1 (company), the division 310110, and an
#: organisation code; the check characters are computed.
CODE = "91310110MA1G8TQX0" + check_character("91310110MA1G8TQX0")
OTHER_CODE = "91310000717866186P"


@pytest.mark.parametrize(("code", "why"), [
    ("91350100M000100Y43", None),
    (OTHER_CODE, None),
    ("91350100M000100Y44", "check character does not match"),
    ("91350100M000100Y4", "must be 18 characters"),
    ("91350100M000100I43", "may not contain I"),
    ("913501A0M000100Y43", "characters 3-8 must be the six digits of an administrative division"),
])
def test_a_credit_code_is_checked_like_an_identity_number(code, why):
    assert problem(code) == why


def test_a_mistyped_credit_code_is_refused_and_a_second_employer_with_a_code_too(
        client, world, as_user):
    helper = as_user("helper1")
    bad = client.post("/api/employers", headers=helper,
                      json={"name": "凉城服饰", "credit_code": CODE[:-1] + "0"})
    assert "credit_code" in assert_error(bad, 422, "validation_error")["fields"]
    made = client.post("/api/employers", headers=helper,
                       json={"name": "凉城服饰", "credit_code": CODE.lower()[:9] + " " + CODE[9:],
                             "park": "凉城乐业空间",
                             "contacts": [{"name": "王经理", "role": "人事", "phone": "13800001111"}]})
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["credit_code"] == CODE  # stored normalised
    again = client.post("/api/employers", headers=as_user("supervisor1"),
                        json={"name": "凉城服饰有限公司", "credit_code": CODE})
    assert_error(again, 409, "duplicate_employer")
    other = client.post("/api/employers", headers=helper, json={"name": "广灵物业"}).get_json()
    taken = client.patch(f"/api/employers/{other['id']}", headers=helper,
                         json={"credit_code": CODE})
    assert_error(taken, 409, "duplicate_employer")


def test_the_district_reads_its_employers_and_only_the_office_that_keeps_one_edits_it(
        app, client, world, as_user):
    made = client.post("/api/employers", headers=as_user("helper1"), json={"name": "凉城服饰"})
    employer_id = made.get_json()["id"]
    with app.app_context():
        district = Area(id=uuid.uuid4(), name="杨浦区", kind="district")
        far = Area(id=uuid.uuid4(), name="五角场街道", kind="subdistrict", parent_id=district.id)
        db.session.add_all([district, far])
        db.session.flush()
        make_user("helper_far", "helper", far)
        db.session.commit()
    # helper9 is of another sub-district of the same district: reads it, may not change it.
    assert client.get(f"/api/employers/{employer_id}", headers=as_user("helper9")).status_code == 200
    assert_error(client.patch(f"/api/employers/{employer_id}", headers=as_user("helper9"),
                              json={"park": "x"}), 403, "forbidden")
    # Another district's helper does not even learn that it exists.
    assert_error(client.get(f"/api/employers/{employer_id}", headers=as_user("helper_far")),
                 404, "not_found")
    listed = client.get("/api/employers", headers=as_user("helper_far")).get_json()
    assert listed["total"] == 0
    found = client.get("/api/employers?q=凉城", headers=as_user("supervisor1")).get_json()
    assert [e["id"] for e in found["items"]] == [employer_id]


def test_a_visit_opens_two_vacancies_and_a_later_visit_fills_one(app, client, world, as_user):
    helper = as_user("helper1")
    employer = client.post("/api/employers", headers=helper,
                           json={"name": "凉城服饰", "industry": "制造业",
                                 "address": "凉城路 100 号"}).get_json()
    sewing, design = str(uuid.uuid4()), str(uuid.uuid4())
    visit = client.post(f"/api/employers/{employer['id']}/visits", headers=helper, json={
        "occurred_at": "2026-11-20T02:00:00Z", "met": "人事 王经理",
        "vacancies": [{"id": sewing, "title": "缝纫工", "headcount": 5, "pay_min": 4500},
                      {"id": design, "title": "设计助理", "majors": ["服装设计"]}]})
    assert visit.status_code == 201, visit.get_json()
    with app.app_context():
        made = {str(j.id): j for j in db.session.scalars(
            select(Job).where(Job.employer_id == uuid.UUID(employer["id"])))}
        assert set(made) == {sewing, design}
        assert {j.employer for j in made.values()} == {"凉城服饰"}
        assert {j.source for j in made.values()} == {"enterprise_visit"}
        assert made[sewing].headcount == 5 and made[sewing].industry == "制造业"
        assert made[design].place == "凉城路 100 号"
    later = client.post(f"/api/employers/{employer['id']}/visits", headers=helper, json={
        "occurred_at": "2026-11-27T02:00:00Z",
        "vacancies": [{"id": sewing, "is_open": False}]})
    assert later.status_code == 201, later.get_json()
    client.patch(f"/api/employers/{employer['id']}", headers=helper, json={"name": "凉城服饰有限公司"})
    detail = client.get(f"/api/employers/{employer['id']}", headers=helper).get_json()
    assert detail["open_vacancies"] == 1
    assert {j["employer"] for j in detail["jobs"]} == {"凉城服饰有限公司"}  # renamed with it
    kinds = [e["kind"] for e in client.get(f"/api/employers/{employer['id']}/history",
                                           headers=helper).get_json()["entries"]]
    assert kinds.count("visit") == 2 and kinds.count("opened") == 2 and "closed" in kinds


def test_a_vacancy_line_cannot_take_over_another_employers_job(client, world, as_user):
    helper = as_user("helper1")
    one = client.post("/api/employers", headers=helper, json={"name": "甲公司"}).get_json()
    two = client.post("/api/employers", headers=helper, json={"name": "乙公司"}).get_json()
    job_id = str(uuid.uuid4())
    client.post(f"/api/employers/{one['id']}/visits", headers=helper, json={
        "occurred_at": "2026-11-20T02:00:00Z", "vacancies": [{"id": job_id, "title": "保安"}]})
    stolen = client.post(f"/api/employers/{two['id']}/visits", headers=helper, json={
        "occurred_at": "2026-11-20T03:00:00Z", "vacancies": [{"id": job_id, "headcount": 9}]})
    assert_error(stolen, 422, "validation_error")


def test_an_import_fills_employers_by_credit_code_then_by_name(app, world):
    with app.app_context():
        supervisor = db.session.scalar(select(User).where(User.username == "supervisor1"))
        known = Employer(id=uuid.uuid4(), name="旧名字", credit_code=OTHER_CODE,
                         area_id=supervisor.area_id, contacts=[], stamps={})
        db.session.add(known)
        db.session.commit()
        table = ("employer,credit_code,park,title\n"
                 f"申通快递,{OTHER_CODE},,快递员\n"
                 "凉城服饰,,凉城乐业空间,缝纫工\n"
                 "凉城服饰,,,设计助理\n")
        result = import_jobs(table.encode(), by=supervisor)
        assert not result.errors, result.errors
        jobs = {j.title: j for j in db.session.scalars(select(Job).where(Job.employer_id.is_not(None)))}
        assert jobs["快递员"].employer_id == known.id
        assert jobs["缝纫工"].employer_id == jobs["设计助理"].employer_id
        made = db.session.get(Employer, jobs["缝纫工"].employer_id)
        assert (made.name, made.park, made.area_id) == ("凉城服饰", "凉城乐业空间", supervisor.area_id)
        bad = import_jobs(b"employer,credit_code,title\nX,91310000717866186Q,T\n", by=supervisor)
        assert [(e.line, e.column) for e in bad.errors] == [(2, "credit_code")]


def test_a_visit_dated_after_today_is_refused_and_opens_nothing(app, client, world, as_user):
    from datetime import datetime, time, timedelta

    from server.business_time import business_today

    helper = as_user("helper1")
    employer = client.post("/api/employers", headers=helper, json={"name": "甲公司"}).get_json()
    later = datetime.combine(business_today() + timedelta(days=3), time(10)).isoformat() + "+08:00"
    refused = client.post(f"/api/employers/{employer['id']}/visits", headers=helper, json={
        "occurred_at": later, "vacancies": [{"title": "保安"}]})
    assert_error(refused, 422, "future_date")
    with app.app_context():
        assert db.session.scalar(select(Job).where(Job.title == "保安")) is None
