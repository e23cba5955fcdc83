"""A helper's phone records an employer and a visit to it offline; the visit's vacancies become
that employer's jobs when the ops land, once however often they are sent, and the district's
staff (only they) pull all three."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import Area, Job
from server.models.employers import Employer, EnterpriseVisit
from tests.factories import make_user, make_world

from .device import Device


@pytest.fixture
def world(app):
    with app.app_context():
        w = make_world()
        district = Area(id=uuid.uuid4(), name="杨浦区", kind="district")
        far = Area(id=uuid.uuid4(), name="五角场街道", kind="subdistrict", parent_id=district.id)
        db.session.add_all([district, far])
        db.session.flush()
        make_user("helper_far", "helper", far)
        db.session.commit()
        return {"committee": str(w.committees[0].id)}


def count(app, model, **where):
    with app.app_context():
        query = select(func.count()).select_from(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        return db.session.scalar(query)


def visit_ops(phone, committee):
    employer_id, visit_id = str(uuid.uuid4()), str(uuid.uuid4())
    jobs = [str(uuid.uuid4()), str(uuid.uuid4())]
    phone.insert("employer", {"name": "凉城服饰", "park": "凉城乐业空间", "area_id": committee,
                              "contacts": [{"name": "王经理", "role": "人事", "phone": "13800001111"}]},
                 employer_id)
    phone.insert("enterprise_visit", {
        "employer_id": employer_id, "occurred_at": "2026-11-20T02:00:00Z", "met": "王经理",
        "notes": "旺季招工", "lat": 31.29, "lng": 121.5,
        "vacancies": [{"id": jobs[0], "title": "缝纫工", "headcount": 5},
                      {"id": jobs[1], "title": "设计助理", "pay_min": 5000, "pay_max": 7000}],
    }, visit_id)
    return employer_id, visit_id, jobs


def test_a_visit_recorded_offline_becomes_two_jobs_once(app, client, auth, world):
    phone = Device(client, auth.headers("helper1"))
    employer_id, visit_id, jobs = visit_ops(phone, world["committee"])
    batch = list(phone.outbox)
    first = phone.push_request(batch)
    assert [r["status"] for r in first["results"]] == ["applied", "applied"], first
    again = phone.push_request(batch)  # the answer was lost on a poor signal
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]
    assert count(app, Job, employer_id=uuid.UUID(employer_id)) == 2
    # The same visit sent again as a new op (a reinstalled outbox): the same record, nothing doubled.
    phone.outbox.clear()
    phone.insert("enterprise_visit", batch[1]["data"], visit_id)
    resent = phone.push_request()
    assert [r["status"] for r in resent["results"]] == ["duplicate"]
    assert count(app, Job, employer_id=uuid.UUID(employer_id)) == 2
    assert count(app, EnterpriseVisit) == 1
    with app.app_context():
        job = db.session.get(Job, uuid.UUID(jobs[1]))
        assert (job.title, job.employer, job.source, job.pay_min) == (
            "设计助理", "凉城服饰", "enterprise_visit", 5000)
        assert str(job.area_id) == world["committee"]
        visit = db.session.get(EnterpriseVisit, uuid.UUID(visit_id))
        assert visit.device_id == phone.client_id and visit.author_id is not None
        assert str(visit.area_id) == world["committee"]


def test_the_districts_staff_pull_the_employer_its_visit_and_its_jobs(app, client, auth, world):
    phone = Device(client, auth.headers("helper1"))
    employer_id, visit_id, jobs = visit_ops(phone, world["committee"])
    phone.sync()
    assert phone.records("employer")[employer_id]["park"] == "凉城乐业空间"
    assert phone.records("enterprise_visit")[visit_id]["met"] == "王经理"
    assert set(jobs) <= set(phone.records("job"))
    neighbour = Device(client, auth.headers("helper9"))  # another sub-district, same district
    neighbour.pull()
    assert employer_id in neighbour.records("employer")
    assert visit_id in neighbour.records("enterprise_visit")
    assert phone.records("job")[jobs[0]]["employer_id"] == employer_id
    far = Device(client, auth.headers("helper_far"))
    far.pull()
    assert far.records("employer") == {} and far.records("enterprise_visit") == {}


def test_a_bad_credit_code_from_a_phone_is_rejected_with_the_field(app, client, auth, world):
    phone = Device(client, auth.headers("helper1"))
    phone.insert("employer", {"name": "凉城服饰", "credit_code": "91310000717866186Q"})
    result = phone.push_request()["results"][0]
    assert (result["status"], result["code"]) == ("rejected", "invalid_op")
    assert "credit_code" in result["fields"]
    assert count(app, Employer) == 0


def test_only_the_office_that_keeps_an_employer_edits_or_visits_it(app, client, auth, world):
    phone = Device(client, auth.headers("helper1"))
    employer_id, _, _ = visit_ops(phone, world["committee"])
    phone.sync()
    phone.set("employer", employer_id, {"park": "凉城乐业空间二期"})
    assert phone.push_request()["results"][0]["status"] == "applied"
    neighbour = Device(client, auth.headers("helper9"))  # reads it, keeps none of it
    neighbour.pull()
    neighbour.set("employer", employer_id, {"park": "江湾"})
    job_id = str(uuid.uuid4())
    neighbour.insert("enterprise_visit", {
        "employer_id": employer_id, "occurred_at": "2026-11-21T02:00:00Z",
        "vacancies": [{"id": job_id, "title": "保安"}]})
    answers = neighbour.push_request()["results"]
    assert [(r["status"], r["code"]) for r in answers] == [("rejected", "forbidden")] * 2
    with app.app_context():
        assert db.session.get(Employer, uuid.UUID(employer_id)).park == "凉城乐业空间二期"
        assert db.session.get(Job, uuid.UUID(job_id)) is None  # nothing half-written
