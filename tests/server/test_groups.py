"""Job-search groups: who sees and keeps them, a post reaching every member in one insert, a
member's answer coming back through sync, and the reach funnel counting it."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import event, select

from server.business_time import business_today
from server.extensions import db
from server.models import Recommendation
from server.models.groups import PostDelivery
from server.records.recommendations import history_entry
from tests.factories import make_household, make_person
from tests.sync_server.device import Device


def _group(client, headers, **body: Any) -> str:
    resp = client.post("/api/groups", json={"name": "凉城求职小组", "kind": "offline", **body},
                       headers=headers)
    assert resp.status_code == 201, resp.get_json()
    return str(resp.get_json()["id"])


def _members(client, headers, group_id: str, *person_ids: str) -> Any:
    return client.post(f"/api/groups/{group_id}/members", json={"person_ids": list(person_ids)},
                       headers=headers)


def _post_job(client, headers, group_id: str, job_id: str) -> dict[str, Any]:
    resp = client.post(f"/api/groups/{group_id}/posts", headers=headers,
                       json={"kind": "job", "ref_id": job_id, "body": "欢迎报名"})
    assert resp.status_code == 201, resp.get_json()
    return dict(resp.get_json())


def test_a_group_is_its_offices_and_a_member_comes_only_from_your_own_scope(client, as_role, world):
    group_id = _group(client, as_role("supervisor"))
    assert _members(client, as_role("supervisor"), group_id, world.graduate,
                    world.persons["Chen Mei"]).get_json() == {"joined": 2, "members": 2}
    # Another sub-district's helper does not even see it; one of the office sees but cannot post.
    assert client.get(f"/api/groups/{group_id}", headers=as_role("other_helper")).status_code == 404
    seen = client.get(f"/api/groups/{group_id}", headers=as_role("helper"))
    assert seen.status_code == 200 and seen.get_json()["may_manage"] is False
    refused = client.post(f"/api/groups/{group_id}/posts", headers=as_role("helper"),
                          json={"kind": "text", "title": "hi"})
    assert refused.status_code == 403
    # A supervisor cannot slip in someone of another sub-district.
    foreign = _members(client, as_role("supervisor"), group_id, world.persons["赵敏"])
    assert foreign.status_code == 422
    # A helper's own group: only their caseload; helper1 names Chen Mei (helper2's): refused.
    own = _group(client, as_role("helper"), name="helper1's group")
    assert _members(client, as_role("helper"), own, world.persons["Chen Mei"]).status_code == 422
    assert _members(client, as_role("helper"), own, world.graduate).status_code == 200
    # Graduates see no groups; nobody else's list shows a group they do not keep.
    assert client.get("/api/groups", headers=as_role("client")).status_code == 403
    names = [g["name"] for g in client.get("/api/groups", headers=as_role("other_helper")).get_json()["items"]]
    assert names == []


def test_a_post_to_hundreds_is_one_insert_and_reaches_only_current_members(app, client, as_role, world):
    group_id = _group(client, as_role("admin"), name="社区求职群", kind="online")
    with app.app_context():
        from server.models import Area
        committee = db.session.get(Area, uuid.UUID(world.committee))
        people = []
        for n in range(30):
            home = make_household(committee, address=f"凉城路{n}号")
            people += [str(make_person(home, f"群成员{n}-{k}").id) for k in range(10)]
        db.session.commit()
    assert _members(client, as_role("admin"), group_id, *people).get_json()["joined"] == 300
    left = people[0]
    assert client.delete(f"/api/groups/{group_id}/members/{left}",
                         headers=as_role("admin")).status_code == 204

    inserts: list[str] = []
    with app.app_context():
        engine = db.engine

        def count(conn, cursor, statement, params, context, executemany) -> None:
            if statement.lstrip().upper().startswith("INSERT INTO POST_DELIVERY"):
                inserts.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            posted = _post_job(client, as_role("admin"), group_id, world.jobs[0])
        finally:
            event.remove(engine, "before_cursor_execute", count)
        assert posted["reached"] == 299
        assert len(inserts) == 1
        reached = set(db.session.scalars(select(PostDelivery.person_id).where(
            PostDelivery.post_id == uuid.UUID(posted["id"]))))
        assert uuid.UUID(left) not in reached and len(reached) == 299


def test_the_members_answer_travels_as_an_op_and_the_funnel_counts_it(app, client, auth, as_role, world):
    supervisor = as_role("supervisor")
    group_id = _group(client, supervisor)
    _members(client, supervisor, group_id, world.graduate, world.persons["Chen Mei"])
    posted = _post_job(client, supervisor, group_id, world.jobs[0])
    assert posted["funnel"] == {"reached": 2, "read": 0, "interested": 0, "interview": 0, "hired": 0}

    phone = Device(client, auth.headers("graduate1"))
    phone.pull()
    inbox = phone.records("post_delivery")
    assert [d["title"] for d in inbox.values()] == [posted["title"]]  # only their own copy
    delivery_id = next(iter(inbox))
    phone.set("post_delivery", delivery_id, {"answer": "interested",
                                             "answered_at": "2026-12-01T08:00:00Z"})
    assert [r["status"] for r in phone.push()["results"]] == ["applied"]

    with app.app_context():
        rec = db.session.scalar(select(Recommendation).where(
            Recommendation.source_post_id == uuid.UUID(posted["id"])))
        assert rec is not None and rec.state == "interested"
        assert str(rec.person_id) == world.graduate
        # Staff carry it on to an interview and a hire (issue 12's screens do this for real).
        rec.history = [*rec.history, history_entry("interested", "applied", None),
                       history_entry("applied", "interview", None),
                       history_entry("interview", "hired", None)]
        rec.state = "hired"
        db.session.commit()

    detail = client.get(f"/api/groups/{group_id}", headers=supervisor).get_json()
    assert detail["post_list"][0]["funnel"] == {
        "reached": 2, "read": 1, "interested": 1, "interview": 1, "hired": 1}
    today = business_today()
    board = client.get(f"/api/reports/groups?period={today:%Y-%m}", headers=supervisor).get_json()
    assert board["recorded"] == {"reached": 2, "read": 1, "interested": 1, "interview": 1, "hired": 1}
    # Another sub-district's board does not count this group.
    assert client.get("/api/reports/groups", headers=as_role("admin")).status_code == 200


def test_an_answer_that_does_not_fit_the_post_is_refused_and_nobody_answers_for_someone_else(
        client, auth, as_role, world):
    supervisor = as_role("supervisor")
    group_id = _group(client, supervisor)
    _members(client, supervisor, group_id, world.graduate, world.persons["Chen Mei"])
    client.post(f"/api/groups/{group_id}/posts", headers=supervisor,
                json={"kind": "text", "title": "周五开放日", "body": "欢迎来坐坐"})
    mine = client.get("/api/deliveries", headers=as_role("client")).get_json()["items"]
    assert len(mine) == 1
    wrong = client.patch(f"/api/deliveries/{mine[0]['id']}", json={"answer": "signed_up"},
                         headers=as_role("client"))
    assert wrong.status_code == 422
    read = client.patch(f"/api/deliveries/{mine[0]['id']}", json={"read_at": "2026-12-01T08:00:00Z"},
                        headers=as_role("client"))
    assert read.status_code == 200 and read.get_json()["read_at"].startswith("2026-12-01")
    # Chen Mei's copy is not the graduate's to touch, over REST or sync.
    phone = Device(client, auth.headers("graduate1"))
    phone.pull()
    assert len(phone.records("post_delivery")) == 1


def test_reported_figures_add_to_the_recorded_ones_in_their_period_only(client, as_role, world):
    today = business_today()
    group_id = _group(client, as_role("supervisor"), name="社区求职群", kind="online",
                      reported_reached=538, reported_interviews=219, reported_hires=97,
                      reported_on=today.isoformat())
    _members(client, as_role("supervisor"), group_id, world.graduate, world.persons["Chen Mei"])
    _post_job(client, as_role("supervisor"), group_id, world.jobs[0])
    board = client.get(f"/api/reports/groups?period={today:%Y}", headers=as_role("supervisor"))
    body = board.get_json()
    assert body["reported"] == {"reached": 538, "interview": 219, "hired": 97}
    assert body["total"]["reached"] == 540
    last_year = client.get(f"/api/reports/groups?period={today.year - 1}",
                           headers=as_role("supervisor")).get_json()
    assert last_year["total"]["reached"] == 0
    assert client.get("/api/reports/groups?period=2026-13",
                      headers=as_role("supervisor")).status_code == 422


def test_over_sync_nobody_answers_for_someone_else_and_staff_do_not_answer_at_all(
        app, client, auth, as_role, world):
    supervisor = as_role("supervisor")
    group_id = _group(client, supervisor)
    _members(client, supervisor, group_id, world.graduate, world.persons["Chen Mei"])
    posted = _post_job(client, supervisor, group_id, world.jobs[0])
    with app.app_context():
        chens = str(db.session.scalar(select(PostDelivery.id).where(
            PostDelivery.post_id == uuid.UUID(posted["id"]),
            PostDelivery.person_id == uuid.UUID(world.persons["Chen Mei"]))))
    phone = Device(client, auth.headers("graduate1"))
    phone.pull()
    phone.set("post_delivery", chens, {"answer": "interested"})
    assert [r.get("code") for r in phone.push()["results"]] == ["out_of_scope"]
    helper = Device(client, auth.headers("helper2"))  # Chen Mei's helper holds her rows
    helper.pull()
    assert chens in helper.records("post_delivery")
    helper.set("post_delivery", chens, {"answer": "interested"})
    assert [r.get("code") for r in helper.push()["results"]] == ["forbidden"]
    with app.app_context():
        assert db.session.get(PostDelivery, uuid.UUID(chens)).answer is None
        assert db.session.scalar(select(Recommendation).where(
            Recommendation.source_post_id == uuid.UUID(posted["id"]))) is None


def test_signing_up_from_an_event_post_signs_the_member_up(app, client, auth, as_role, world):
    from datetime import timedelta

    from server.models import utcnow
    from server.models.recruitment_events import Event, EventParticipant

    with app.app_context():
        fair = Event(kind="job_fair", title="凉城春季招聘会", starts_at=utcnow() + timedelta(days=7),
                     area_id=uuid.UUID(world.subdistrict), stamps={})
        db.session.add(fair)
        db.session.commit()
        fair_id = str(fair.id)
    supervisor = as_role("supervisor")
    group_id = _group(client, supervisor)
    _members(client, supervisor, group_id, world.graduate)
    resp = client.post(f"/api/groups/{group_id}/posts", headers=supervisor,
                       json={"kind": "event", "ref_id": fair_id})
    assert resp.status_code == 201 and resp.get_json()["title"] == "凉城春季招聘会"
    phone = Device(client, auth.headers("graduate1"))
    phone.pull()
    delivery_id = next(iter(phone.records("post_delivery")))
    phone.set("post_delivery", delivery_id, {"answer": "signed_up"})
    assert [r["status"] for r in phone.push()["results"]] == ["applied"]
    with app.app_context():
        row = db.session.scalar(select(EventParticipant).where(
            EventParticipant.event_id == uuid.UUID(fair_id)))
        assert row is not None and row.state == "signed_up" and str(row.person_id) == world.graduate
    detail = client.get(f"/api/groups/{group_id}", headers=supervisor).get_json()
    assert detail["post_list"][0]["funnel"]["interested"] == 1
    # A closed vacancy or an unknown event cannot be posted.
    unknown = client.post(f"/api/groups/{group_id}/posts", headers=supervisor,
                          json={"kind": "event", "ref_id": str(uuid.uuid4())})
    assert unknown.status_code == 422


def test_the_answers_a_post_takes_are_the_vocabularys() -> None:
    """One table (`post_answers_for` in sync/vocabulary.json) for the server's check and the
    phone's buttons (pwa/js/views/groups/inbox.js imports the same file): every kind has its
    row, every answer is a known one, and a plain message takes none."""
    from server.records.post_answers import ANSWERS_FOR
    from sync.vocabulary import VOCABULARY

    assert set(ANSWERS_FOR) == set(VOCABULARY["post_kinds"])
    assert all(set(a) <= set(VOCABULARY["post_answers"]) for a in ANSWERS_FOR.values())
    assert ANSWERS_FOR["text"] == ()
    assert "signed_up" in ANSWERS_FOR["event"] and "signed_up" not in ANSWERS_FOR["job"]

def test_a_group_stays_in_its_office_and_is_served_by_two_real_staff(client, as_role, as_user,
                                                                     world):
    helper = as_role("helper")
    own = _group(client, helper, name="helper1's group")
    moved = client.patch(f"/api/groups/{own}", json={"area_id": world.other_committee}, headers=helper)
    assert moved.status_code == 403
    graduate_account = world.users["graduate1"]
    not_staff = client.patch(f"/api/groups/{own}", json={"partner_staff_id": graduate_account},
                             headers=helper)
    assert not_staff.status_code == 422 and "partner_staff_id" in not_staff.get_json()["error"]["fields"]
    twice = client.patch(f"/api/groups/{own}", json={"partner_staff_id": world.users["helper1"]},
                         headers=helper)
    assert twice.status_code == 422
    paired = client.patch(f"/api/groups/{own}", json={"partner_staff_id": world.users["helper2"]},
                          headers=helper).get_json()
    assert [paired["primary_staff"]["display_name"], paired["partner_staff"]["display_name"]] == [
        "张燕", "Wang Lei"]
    # The partner now serves it and posts (to nobody yet); a message needs a title.
    empty = client.post(f"/api/groups/{own}/posts", headers=as_user("helper2"),
                        json={"kind": "text", "title": "小组成立", "body": "欢迎"})
    assert empty.status_code == 201 and empty.get_json()["reached"] == 0
    untitled = client.post(f"/api/groups/{own}/posts", headers=as_role("supervisor"),
                           json={"kind": "text", "title": "  ", "body": "x"})
    assert untitled.status_code == 422
    assert client.post("/api/groups", json={"name": "x", "area_id": world.other_subdistrict},
                       headers=as_role("supervisor")).status_code == 403


def test_interest_in_a_posted_training_asks_to_join_it(app, client, as_role, world):
    from server.models import TrainingCourse
    from server.models.support import TrainingEnrolment

    with app.app_context():
        course = TrainingCourse(title="电商直播培训", stamps={})
        db.session.add(course)
        db.session.commit()
        course_id = str(course.id)
    supervisor = as_role("supervisor")
    group_id = _group(client, supervisor)
    _members(client, supervisor, group_id, world.graduate)
    client.post(f"/api/groups/{group_id}/posts", headers=supervisor,
                json={"kind": "training", "ref_id": course_id})
    mine = client.get("/api/deliveries", headers=as_role("client")).get_json()["items"]
    answered = client.patch(f"/api/deliveries/{mine[0]['id']}", json={"answer": "interested"},
                            headers=as_role("client"))
    assert answered.status_code == 200 and answered.get_json()["read_at"] is not None
    with app.app_context():
        enrolment = db.session.scalar(select(TrainingEnrolment).where(
            TrainingEnrolment.course_id == uuid.UUID(course_id)))
        assert enrolment is not None and enrolment.state == "requested"


def test_interest_from_a_member_the_poster_does_not_reach_goes_to_the_members_helper(
        app, client, as_role, as_user, world):
    from tests.factories import make_user

    with app.app_context():
        make_user("client9", "client", person_id=uuid.UUID(world.persons["赵敏"]))
        db.session.commit()
    group_id = _group(client, as_role("admin"), name="全区求职群", kind="online",
                      area_id=world.subdistrict)
    _members(client, as_role("admin"), group_id, world.graduate, world.persons["赵敏"])
    posted = _post_job(client, as_role("supervisor"), group_id, world.jobs[0])
    mine = client.get("/api/deliveries", headers=as_user("client9")).get_json()["items"]
    assert client.patch(f"/api/deliveries/{mine[0]['id']}", json={"answer": "interested"},
                        headers=as_user("client9")).status_code == 200
    with app.app_context():
        rec = db.session.scalar(select(Recommendation).where(
            Recommendation.source_post_id == uuid.UUID(posted["id"])))
        assert rec is not None and rec.state == "interested"
        assert str(rec.by_user_id) == world.users["helper9"]  # 赵敏's own helper follows it up
