"""A graduate browses open jobs ranked for their own file, with reasons, and says "interested".

The ranking is the helpers' matching, for the caller and nobody else: two graduates asking
the same route get their own orders and their own reasons. Interest is a recommendation the
helper sees in the person's list, made through the same domain path as a helper's.
"""

from __future__ import annotations

from datetime import timedelta

from server.business_time import business_today
from server.extensions import db
from server.matching import explain
from server.models import Person, Recommendation
from tests.factories import make_job, make_person, make_user, make_world
from tests.server.callers import assert_error
from tests.sync_server.device import Device


def world_with_jobs():
    w = make_world()  # graduate1: fashion design; jobs[0] a fashion job, jobs[1] public welfare
    chen = next(p for p in w.h2_household.members if p.name == "Chen Mei")
    make_user("client2", "client", person_id=chen.id)
    closed = make_job(title="已关闭的服装岗位", industry="服装", majors=["服装设计"], is_open=False)
    expired = make_job(title="过期的服装岗位", industry="服装", majors=["服装设计"],
                       closing_date=business_today() - timedelta(days=1))
    db.session.commit()
    return w, closed.id, expired.id


def test_open_jobs_come_best_first_with_reasons_in_my_language(app, client, as_user):
    with app.app_context():
        w, closed, expired = world_with_jobs()
        fashion, welfare = str(w.jobs[0].id), str(w.jobs[1].id)
        expected = explain(db.session.get(Person, w.graduate.id), w.jobs[0])
    body = client.get("/api/me/jobs", headers=as_user("graduate1")).get_json()
    ids = [item["job"]["id"] for item in body["items"]]
    assert ids == [fashion, welfare]  # closed and expired jobs are not offered
    assert str(closed) not in ids and str(expired) not in ids
    first = body["items"][0]
    assert first["match"]["score"] == expected["score"]
    assert first["reasons"][0]["text"].startswith("专业对口")
    english = client.get("/api/me/jobs?lang=en", headers=as_user("graduate1")).get_json()
    assert english["items"][0]["reasons"][0]["text"].startswith("Major fits")
    assert body["industries"] == ["服装"] and body["open_jobs"] == body["total"] == 2
    second = client.get("/api/me/jobs?per_page=1&page=2", headers=as_user("graduate1")).get_json()
    assert [i["job"]["id"] for i in second["items"]] == [welfare] and second["total"] == 2


def test_the_ranking_is_the_callers_own(app, client, as_user):
    with app.app_context():
        w, _, _ = world_with_jobs()
        fashion, welfare = str(w.jobs[0].id), str(w.jobs[1].id)
    mine = client.get("/api/me/jobs", headers=as_user("graduate1")).get_json()["items"]
    theirs = client.get("/api/me/jobs", headers=as_user("client2")).get_json()["items"]
    # Chen Mei has employment difficulties: the public-welfare post suits her first.
    assert [i["job"]["id"] for i in theirs] == [welfare, fashion]
    assert mine[0]["match"] != theirs[1]["match"]
    assert_error(client.get("/api/me/jobs", headers=as_user("helper1")), 403, "forbidden")


def test_keyword_industry_place_and_pages(app, client, as_user):
    with app.app_context():
        world_with_jobs()
        for n in range(3):
            make_job(title=f"电商客服{n}", industry="电商", place="凉城路")
        db.session.commit()
    headers = as_user("graduate1")
    found = client.get("/api/me/jobs?q=Greening", headers=headers).get_json()
    assert [i["job"]["title"] for i in found["items"]] == ["Greening guard"]
    by_industry = client.get("/api/me/jobs?industry=电商&per_page=2", headers=headers).get_json()
    assert by_industry["total"] == 3 and len(by_industry["items"]) == 2
    rest = client.get("/api/me/jobs?industry=电商&per_page=2&page=2", headers=headers).get_json()
    assert len(rest["items"]) == 1
    assert {i["job"]["id"] for i in rest["items"]}.isdisjoint(
        {i["job"]["id"] for i in by_industry["items"]})
    assert client.get("/api/me/jobs?place=凉城", headers=headers).get_json()["total"] == 3


def test_interest_makes_a_recommendation_the_helper_sees(app, client, as_user):
    with app.app_context():
        w, closed, _ = world_with_jobs()
        job_id, graduate_id = str(w.jobs[1].id), str(w.graduate.id)
    resp = client.post(f"/api/me/jobs/{job_id}/interest", headers=as_user("graduate1"))
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert body["created"] is True and body["recommendation"]["state"] == "interested"
    seen = client.get(f"/api/recommendations?person_id={graduate_id}",
                      headers=as_user("helper1")).get_json()["items"]
    assert [(r["job_id"], r["state"], r["reasons"]) for r in seen] == [(job_id, "interested", "")]
    again = client.post(f"/api/me/jobs/{job_id}/interest", headers=as_user("graduate1")).get_json()
    assert again["created"] is False and again["recommendation"]["id"] == body["recommendation"]["id"]
    listed = client.get("/api/me/jobs", headers=as_user("graduate1")).get_json()["items"]
    assert {i["job"]["id"]: i["recommendation_state"] for i in listed}[job_id] == "interested"
    assert_error(client.post(f"/api/me/jobs/{closed}/interest", headers=as_user("graduate1")),
                 422, "validation_error")


def test_interest_moves_a_job_the_helper_recommended(app, client, as_user):
    with app.app_context():
        w, _, _ = world_with_jobs()
        rec = Recommendation(person_id=w.graduate.id, job_id=w.jobs[0].id, reasons="专业对口",
                             stamps={}, history=[])
        db.session.add(rec)
        db.session.commit()
        rec_id, job_id = str(rec.id), str(w.jobs[0].id)
    body = client.post(f"/api/me/jobs/{job_id}/interest", headers=as_user("graduate1")).get_json()
    assert (body["created"], body["recommendation"]["id"], body["recommendation"]["state"]) == (
        False, rec_id, "interested")


def test_a_graduates_phone_cannot_recommend_a_job_to_a_housemate(app, client, as_user):
    with app.app_context():
        w, _, _ = world_with_jobs()
        mother = str(make_person(w.h1_household, "李母").id)  # same household, another file
        db.session.commit()
        job_id = str(w.jobs[0].id)
    phone = Device(client, as_user("graduate1"))
    phone.insert("recommendation", {"person_id": mother, "job_id": job_id})
    result = phone.push()["results"][0]
    assert (result["status"], result.get("code")) == ("rejected", "out_of_scope")
