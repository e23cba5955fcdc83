"""Questions to the helper: a graduate asks (offline, by sync), the helper answers, both read it.

Scope is the file's: a graduate sees only their own questions, a helper only their caseload's,
and the answer records who gave it and when it was typed, never what a phone says about that.
"""

from __future__ import annotations

import uuid

from server.extensions import db
from server.models.questions import Question
from tests.factories import make_person, make_world
from tests.server.callers import assert_error
from tests.sync_server.device import Device


def ask(client, headers, text="面试要穿正装吗？"):
    resp = client.post("/api/questions", headers=headers, json={"text": text})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_a_graduate_asks_and_the_helper_answers_over_rest(app, client, as_user):
    with app.app_context():
        w = make_world()
        graduate_id, helper_id = w.graduate.id, w.helper1.id
    question = ask(client, as_user("graduate1"))
    assert question["person_id"] == str(graduate_id) and question["answer"] is None

    waiting = client.get("/api/questions?waiting=true", headers=as_user("helper1")).get_json()
    assert [q["id"] for q in waiting["items"]] == [question["id"]]

    resp = client.patch(f"/api/questions/{question['id']}", headers=as_user("helper1"),
                        json={"answer": "  穿整洁的便装就可以。 "})
    assert resp.status_code == 200, resp.get_json()
    answered = client.get(f"/api/questions/{question['id']}", headers=as_user("graduate1")).get_json()
    assert answered["answer"] == "穿整洁的便装就可以。"
    assert answered["answered_by"] == str(helper_id) and answered["answered_at"]
    assert client.get("/api/questions?waiting=true", headers=as_user("helper1")).get_json()["total"] == 0


def test_each_sees_only_their_own_scope(app, client, as_user):
    with app.app_context():
        w = make_world()
        chen = next(p for p in w.h2_household.members if p.name == "Chen Mei")
        theirs = Question(person_id=chen.id, text="Where is the job fair?", stamps={})
        db.session.add(theirs)
        db.session.commit()
        theirs_id = str(theirs.id)
    mine = ask(client, as_user("graduate1"))

    assert [q["id"] for q in client.get("/api/questions", headers=as_user("graduate1"))
            .get_json()["items"]] == [mine["id"]]
    assert [q["id"] for q in client.get("/api/questions", headers=as_user("helper1"))
            .get_json()["items"]] == [mine["id"]]
    assert [q["id"] for q in client.get("/api/questions", headers=as_user("helper2"))
            .get_json()["items"]] == [theirs_id]
    assert_error(client.get(f"/api/questions/{theirs_id}", headers=as_user("graduate1")),
                 404, "not_found")
    assert_error(client.patch(f"/api/questions/{theirs_id}", headers=as_user("helper1"),
                              json={"answer": "不告诉你"}), 404, "not_found")
    assert client.get("/api/questions", headers=as_user("helper9")).get_json()["total"] == 0


def test_only_the_graduate_asks_and_only_staff_answer(app, client, as_user):
    with app.app_context():
        make_world()
    assert_error(client.post("/api/questions", headers=as_user("helper1"), json={"text": "?"}),
                 403, "forbidden")
    mine = ask(client, as_user("graduate1"))
    assert_error(client.patch(f"/api/questions/{mine['id']}", headers=as_user("graduate1"),
                              json={"answer": "自问自答"}), 403, "forbidden")
    assert_error(client.post("/api/questions", headers=as_user("graduate1"), json={"text": "  "}),
                 422, "validation_error")
    assert_error(client.post("/api/questions", headers=as_user("graduate1"),
                             json={"text": "好" * 2001}), 422, "validation_error")


def test_offline_question_and_offline_answer_meet_by_sync(app, client, as_user):
    with app.app_context():
        w = make_world()
        graduate_id, helper_id = str(w.graduate.id), str(w.helper1.id)
    phone = Device(client, as_user("graduate1"))
    phone.pull()
    qid = str(uuid.uuid4())
    phone.insert("question", {"person_id": graduate_id, "text": "简历要写实习吗？",
                              "asked_at": "2026-11-30T01:00:00Z"}, entity_id=qid)
    assert phone.push()["results"][0]["status"] == "applied"

    helper = Device(client, as_user("helper1"))
    helper.pull()
    assert helper.records("question")[qid]["text"] == "简历要写实习吗？"
    helper.set("question", qid, {"answer": "要写，写清做了什么。"})
    assert helper.push()["results"][0]["status"] == "applied"

    phone.pull()
    seen = phone.records("question")[qid]
    assert seen["answer"] == "要写，写清做了什么。"
    assert seen["answered_by"] == helper_id
    assert seen["answered_at"] is not None


def test_a_phone_cannot_ask_for_someone_else_or_answer_itself(app, client, as_user):
    with app.app_context():
        w = make_world()
        graduate_id = str(w.graduate.id)
        housemate_id = str(make_person(w.h1_household, "李母").id)  # same household, not their file
        db.session.commit()
    phone = Device(client, as_user("graduate1"))
    phone.insert("question", {"person_id": housemate_id, "text": "替别人问"})
    phone.insert("question", {"person_id": graduate_id, "text": "我自己问",
                              "answer": "我自己答"})
    results = phone.push()["results"]
    assert [(r["status"], r.get("code")) for r in results] == [
        ("rejected", "out_of_scope"), ("rejected", "forbidden")]
    helper = Device(client, as_user("helper1"))
    helper.insert("question", {"person_id": graduate_id, "text": "替他问"})
    assert helper.push()["results"][0]["code"] == "forbidden"


def test_a_web_answer_and_an_offline_answer_end_as_one(app, client, as_user):
    with app.app_context():
        make_world()
    question = ask(client, as_user("graduate1"))
    helper = Device(client, as_user("helper1"))
    helper.pull()
    client.patch(f"/api/questions/{question['id']}", headers=as_user("helper2"),
                 json={"answer": "在网页上回答的"})
    helper.set("question", question["id"], {"answer": "手机上离线写的"})  # based on the unanswered row
    helper.push()  # the web write is stamped, so the sync merge weighs the two (no silent loss)
    shown = client.get(f"/api/questions/{question['id']}", headers=as_user("graduate1")).get_json()
    assert shown["answer"] in ("在网页上回答的", "手机上离线写的")
    helper.pull()
    assert helper.records("question")[question["id"]]["answer"] == shown["answer"]
