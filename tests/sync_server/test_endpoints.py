"""Push and pull stories through the Flask test client (sync/PROTOCOL.md sections 6-8)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from server.extensions import db
from server.models import Assignment, Note, Person, utcnow
from server.models.sync import QuarantinedOp, SyncClient, SyncCounter, SyncEpoch
from sync.cursor import decode_cursor
from tests.factories import make_job, make_world

from .device import Device

SIX_HOURS = 6 * 3600 * 1000


@pytest.fixture
def world(app):
    with app.app_context():
        w = make_world()
        ids = {
            "h1": str(w.h1_household.id), "h2": str(w.h2_household.id),
            "shared": str(w.shared_household.id), "other": str(w.other_household.id),
            "graduate": str(w.graduate.id),
            "shared_people": [str(p.id) for p in w.shared_household.members],
            "helper1": w.helper1.id, "helper2": w.helper2.id,
        }
    return ids


def device(client, auth, username, **kw):
    return Device(client, auth.headers(username), **kw)


def note_count(app, text=None):
    with app.app_context():
        query = select(func.count()).select_from(Note)
        if text is not None:
            query = query.where(Note.text == text)
        return db.session.scalar(query)


def test_a_retried_push_changes_nothing(app, client, auth, world):
    phone = device(client, auth, "helper1")
    phone.insert("note", {"household_id": world["h1"], "text": "谈心: 想做服装设计"})
    batch = list(phone.outbox)
    first = phone.push_request(batch)
    again = phone.push_request(batch)
    assert [r["status"] for r in first["results"]] == ["applied"]
    assert [(r["status"], r["original"]) for r in again["results"]] == [("duplicate", "applied")]
    assert first["acked_seq"] == again["acked_seq"] == 1
    assert note_count(app) == 1


def test_a_rejected_op_is_quarantined_and_does_not_block_the_rest(app, client, auth, world):
    phone = device(client, auth, "helper1")
    phone.op("spaceship", str(uuid.uuid4()), "insert", {"name": "x"})
    phone.insert("note", {"household_id": world["h1"], "text": "second op still lands"})
    response = phone.push()
    assert [r["status"] for r in response["results"]] == ["rejected", "applied"]
    assert response["results"][0]["code"] == "unknown_entity"
    assert response["acked_seq"] == 2 and phone.outbox == []
    with app.app_context():
        kept = db.session.scalars(select(QuarantinedOp)).all()
        assert [(q.code, q.raw["entity"]) for q in kept] == [("unknown_entity", "spaceship")]


def test_a_database_refusal_is_rolled_back_and_quarantined(app, client, auth, world):
    phone = device(client, auth, "helper1")
    phone.insert("visit", {"household_id": world["h1"], "channel": "carrier_pigeon",
                           "occurred_at": "2026-11-20T09:00:00Z"})
    phone.insert("note", {"household_id": world["h1"], "text": "after the bad visit"})
    results = phone.push()["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert results[0]["code"] == "invalid_op" and "channel" in results[0]["fields"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(QuarantinedOp)) == 1


@pytest.mark.parametrize("protocol", [0, 99, "2", None])
def test_an_unsupported_protocol_gets_426(client, auth, world, protocol):
    resp = client.post("/api/sync/push", headers=auth.headers("helper1"),
                       json={"protocol": protocol, "client_id": "dev-a", "ops": []})
    assert resp.status_code == 426
    assert resp.get_json()["error"]["code"] == "unsupported_protocol"


def test_a_malformed_envelope_is_a_400(client, auth, world):
    resp = client.post("/api/sync/push", headers=auth.headers("helper1"),
                       json={"protocol": 2, "ops": "not a list"})
    assert resp.status_code == 400
    error = resp.get_json()["error"]
    assert error["code"] == "invalid_request" and {"client_id", "ops"} <= set(error["fields"])


def test_protocol_1_is_still_accepted(client, auth, world):
    resp = client.post("/api/sync/push", headers=auth.headers("helper1"),
                       json={"protocol": 1, "client_id": "dev-old", "ops": []})
    assert resp.status_code == 200 and resp.get_json()["protocol"] == 2


def test_a_garbled_cursor_or_a_new_epoch_answers_reset(app, client, auth, world):
    phone = device(client, auth, "helper1")
    phone.pull()
    assert phone.base and phone.resets == 0
    phone.cursor = "!!not-a-cursor"
    phone.pull()
    assert phone.resets == 1
    with app.app_context():
        db.session.execute(update(SyncEpoch).values(epoch=str(uuid.uuid4())))
        db.session.commit()
    phone.insert("note", {"household_id": world["h1"], "text": "pending across the reset"})
    page = phone.pull_page()
    assert page["reset"] is True and page["changes"]
    phone.apply_page(page)
    assert len(phone.outbox) == 1, "a reset never touches the outbox"


def test_an_empty_pull_has_nothing_and_the_cursor_stays(client, auth, world):
    phone = device(client, auth, "helper1")
    phone.pull()
    cursor = phone.cursor
    page = phone.pull_page()
    assert page["changes"] == [] and page["has_more"] is False and page["cursor"] == cursor


def test_a_pull_moves_the_cursor_past_other_helpers_changes(app, client, auth, world):
    """The log is shared by every scope: once a helper has seen there is nothing for them up to
    its end, their next (empty) pull must not scan the other helpers' changes again."""
    mine, other = device(client, auth, "helper1"), device(client, auth, "helper2")
    mine.pull()
    before = decode_cursor(mine.cursor).position
    other.insert("note", {"household_id": world["h2"], "text": "只在helper2的户"})
    other.push()
    page = mine.pull_page()
    mine.apply_page(page)
    assert page["changes"] == []
    with app.app_context():
        end = db.session.scalar(select(SyncCounter.value))
    assert decode_cursor(mine.cursor).position == end > before

    other.insert("note", {"household_id": world["shared"], "text": "两人共管的户"})
    other.push()
    mine.pull()
    assert "两人共管的户" in {n["text"] for n in mine.records("note").values()}


def test_pages_follow_the_limit(client, auth, world):
    phone = device(client, auth, "supervisor1")
    pages = phone.pull(limit=2)
    assert pages > 2
    whole = device(client, auth, "supervisor1")
    whole.pull()
    assert whole.base == phone.base


def test_each_page_says_how_many_changes_remain(client, auth, world):
    phone = device(client, auth, "supervisor1")
    first = phone.pull_page(limit=2)
    phone.apply_page(first)
    total, seen = len(first["changes"]) + first["remaining"], len(first["changes"])
    assert first["has_more"] and first["remaining"] > 0
    while True:
        page = phone.pull_page(limit=2)
        phone.apply_page(page)
        seen += len(page["changes"])
        assert page["remaining"] == total - seen  # a first sync can show "seen of total"
        if not page["has_more"]:
            break
    assert seen == total


def households(phone):
    return set(phone.records("household"))


def test_each_role_pulls_its_scope(client, auth, world):
    helper = device(client, auth, "helper1")
    helper.pull()
    assert households(helper) == {world["h1"], world["shared"]}
    assert {r["household_id"] for r in helper.records("person").values()} <= households(helper)
    assert len(helper.records("job")) == 2

    supervisor = device(client, auth, "supervisor1")
    supervisor.pull()
    assert households(supervisor) == {world["h1"], world["h2"], world["shared"]}

    graduate = device(client, auth, "graduate1")
    graduate.pull()
    assert set(graduate.base) == {("person", world["graduate"])}


def test_reassignment_removes_then_grace_then_quarantine(app, client, auth, world):
    old, new = device(client, auth, "helper1"), device(client, auth, "helper2")
    old.pull()
    new.pull()
    assert world["h1"] not in households(new)
    old.insert("note", {"household_id": world["h1"], "text": "written offline before the move"})

    resp = client.post("/api/households/assign", headers=auth.headers("supervisor1"), json={
        "household_ids": [world["h1"]], "primary_helper_id": str(world["helper2"])})
    assert resp.status_code == 200, resp.get_json()

    old.pull()
    assert world["h1"] not in households(old)
    assert not any(r["household_id"] == world["h1"] for r in old.records("person").values())
    result = old.push()["results"][0]
    assert result["status"] == "applied" and result["late"] is True

    new.pull()
    assert world["h1"] in households(new)
    late = [n for n in new.records("note").values() if n["household_id"] == world["h1"]]
    assert [(n["text"], n["late"]) for n in late] == [("written offline before the move", True)]

    with app.app_context():
        db.session.execute(update(Assignment).where(Assignment.ended_at.is_not(None))
                           .values(ended_at=utcnow() - timedelta(days=8)))
        db.session.commit()
    old.insert("note", {"household_id": world["h1"], "text": "too late now"})
    result = old.push()["results"][0]
    assert (result["status"], result["code"]) == ("rejected", "out_of_scope")
    with app.app_context():
        kept = db.session.scalars(select(QuarantinedOp)).one()
        assert kept.raw["data"]["text"] == "too late now"


def test_a_fast_clock_is_clamped_and_its_skew_recorded(app, client, auth, world):
    phone = device(client, auth, "helper1", skew_ms=SIX_HOURS)
    phone.insert("note", {"household_id": world["h1"], "text": "from the future"})
    result = phone.push()["results"][0]
    assert result["clamped"] is True and result["skew_ms"] >= SIX_HOURS - 60_000
    with app.app_context():
        assert db.session.get(SyncClient, phone.client_id).last_skew_ms >= SIX_HOURS - 60_000


def test_a_phone_six_hours_off_stamps_near_true_time_once_it_has_synced(client, auth, world):
    slow = device(client, auth, "helper1", skew_ms=-SIX_HOURS)
    fast = device(client, auth, "helper2", skew_ms=SIX_HOURS)
    for phone in (slow, fast):
        phone.pull()
        phone.insert("note", {"household_id": world["shared"], "text": phone.client_id})
        assert "clamped" not in phone.push()["results"][0]
    stamps = [slow.outbox or slow.clock.now(slow.local_now()), fast.clock.now(fast.local_now())]
    assert abs(stamps[0].wall - stamps[1].wall) < 60_000


def test_concurrent_status_moves_open_one_conflict_that_a_supervisor_resolves(
    app, client, auth, world
):
    person = world["shared_people"][0]
    a, b = device(client, auth, "helper1"), device(client, auth, "helper2")
    a.pull()
    b.pull()
    a.transition("person", person, "status", "internship")
    b.transition("person", person, "status", "employed")
    assert a.push()["results"][0]["status"] == "applied"
    second = b.push()["results"][0]
    assert second["status"] == "conflict"
    conflict_id = second["conflict_id"]

    boss = auth.headers("supervisor1")
    listed = client.get("/api/conflicts?state=open", headers=boss).get_json()
    assert [c["id"] for c in listed["items"]] == [conflict_id]
    assert {c["to"] for c in listed["items"][0]["candidates"]} == {"internship", "employed"}
    assert client.get("/api/conflicts", headers=auth.headers("helper9")).get_json()["total"] == 0

    a.pull()
    assert a.records("conflict")[conflict_id]["state"] == "open"
    assert a.records("person")[person]["status"] == "employed"

    chosen = next(c for c in listed["items"][0]["candidates"] if c["to"] == "internship")
    resp = client.post(f"/api/conflicts/{conflict_id}/resolve", headers=boss,
                       json={"choice": chosen["op_id"], "comment": "phoned her"})
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["state"] == "resolved"
    again = client.post(f"/api/conflicts/{conflict_id}/resolve", headers=boss,
                        json={"choice": chosen["op_id"]})
    assert again.status_code == 409

    a.pull()
    assert a.records("conflict")[conflict_id]["state"] == "resolved"
    assert a.records("person")[person]["status"] == "internship"
    with app.app_context():
        assert db.session.get(Person, uuid.UUID(person)).status == "internship"


def test_a_supervisor_reapplies_or_dismisses_quarantined_ops(app, client, auth, world):
    """A re-apply acts with the author's rights: the supervisor vouches for work on the author's
    own former household, not for a household the author never looked after."""
    phone = device(client, auth, "helper1")
    phone.pull()
    phone.insert("note", {"household_id": world["h1"], "text": "wrong moment, right words"})
    phone.insert("note", {"household_id": world["h2"], "text": "never my household"})
    phone.insert("note", {"household_id": world["h2"], "text": "a slip"})
    boss = auth.headers("supervisor1")
    resp = client.post("/api/households/assign", headers=boss, json={
        "household_ids": [world["h1"]], "primary_helper_id": str(world["helper2"])})
    assert resp.status_code == 200
    with app.app_context():  # the grace window is long over
        db.session.execute(update(Assignment).where(Assignment.ended_at.is_not(None))
                           .values(ended_at=utcnow() - timedelta(days=8)))
        db.session.commit()
    assert [r["code"] for r in phone.push()["results"]] == ["out_of_scope"] * 3

    assert client.get("/api/quarantine", headers=auth.headers("helper1")).status_code == 403
    kept = client.get("/api/quarantine?state=open", headers=boss).get_json()["items"]
    by_text = {q["raw"]["data"]["text"]: q for q in kept}
    assert len(by_text) == 3
    shown = by_text["wrong moment, right words"]
    assert (shown["author_name"], shown["author_role"], shown["device_id"]) == (
        "张燕", "helper", phone.client_id)

    resp = client.post(f"/api/quarantine/{shown['id']}/reapply", headers=boss)
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["state"] == "reapplied"
    assert resp.get_json()["result"]["status"] == "applied"
    refused = client.post(f"/api/quarantine/{by_text['never my household']['id']}/reapply",
                          headers=boss).get_json()
    assert (refused["state"], refused["result"]["code"]) == ("open", "out_of_scope")
    resp = client.post(f"/api/quarantine/{by_text['a slip']['id']}/dismiss", headers=boss)
    assert resp.get_json()["state"] == "dismissed"
    assert client.post(f"/api/quarantine/{by_text['a slip']['id']}/dismiss", headers=boss).status_code == 409

    assert note_count(app, "wrong moment, right words") == 1
    assert note_count(app, "never my household") == 0
    assert note_count(app, "a slip") == 0
    helper2 = device(client, auth, "helper2")
    helper2.pull()
    [note] = [n for n in helper2.records("note").values() if n["household_id"] == world["h1"]]
    assert note["late"] is True and note["author_id"] == str(world["helper1"])
    assert phone.push([])["acked_seq"] == 3


def test_a_visit_over_sync_leaves_the_rows_a_rest_visit_leaves(app, client, auth, world):
    phone = device(client, auth, "helper1")
    phone.insert("visit", {"household_id": world["h1"], "channel": "home_visit",
                           "occurred_at": "2026-11-20T09:00:00Z", "notes": "上门",
                           "services": ["heart_to_heart"], "person_ids": [world["graduate"]]})
    assert phone.push()["results"][0]["status"] == "applied"
    with app.app_context():
        person = db.session.get(Person, uuid.UUID(world["graduate"]))
        assert person.last_contact_at.isoformat() == "2026-11-20T09:00:00"


def test_rest_writes_reach_the_change_log(client, auth, world):
    phone = device(client, auth, "helper1")
    phone.pull()
    resp = client.patch(f"/api/persons/{world['graduate']}", headers=auth.headers("helper1"),
                        json={"phone": "13900000000"})
    assert resp.status_code == 200
    page = phone.pull_page()
    assert [(c["entity"], c["data"]["phone"]) for c in page["changes"]] == [("person", "13900000000")]


def test_a_database_error_in_the_batch_falls_back_to_one_op_at_a_time(
    app, client, auth, world, monkeypatch
):
    from sqlalchemy.exc import IntegrityError

    from server.sync_store import mapping

    real = mapping.NoteMap.create

    def create(self, store, entity_id, data):
        if data.get("text") == "boom":
            raise IntegrityError("INSERT", {}, Exception("simulated"))
        return real(self, store, entity_id, data)

    monkeypatch.setattr(mapping.NoteMap, "create", create)
    phone = device(client, auth, "helper1")
    for text in ("before", "boom", "after"):
        phone.insert("note", {"household_id": world["h1"], "text": text})
    results = phone.push()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected", "applied"]
    assert note_count(app) == 2
    with app.app_context():
        assert db.session.scalars(select(QuarantinedOp)).one().raw["data"]["text"] == "boom"


def test_a_note_pointing_at_an_unknown_visit_is_refused_on_every_database(client, auth, world):
    phone = device(client, auth, "helper1")
    phone.insert("note", {"household_id": world["h1"], "visit_id": str(uuid.uuid4()), "text": "x"})
    phone.insert("note", {"household_id": str(uuid.uuid4()), "text": "nowhere"})
    assert [r["code"] for r in phone.push()["results"]] == ["invalid_op", "not_found"]


def test_a_person_opened_on_a_phone_gets_the_rest_of_the_file(app, client, auth, world):
    phone = device(client, auth, "helper1")
    person = str(uuid.uuid4())
    phone.insert("person", {"household_id": world["h1"], "name": "新居民", "category": "settled",
                            "status": "seeking"}, entity_id=person)
    phone.op("person", person, "transition", {"field": "status", "from": "seeking", "to": "employed"})
    phone.insert("note", {"household_id": world["h1"], "person_id": person, "text": "签了合同"})
    assert [r["status"] for r in phone.push()["results"]] == ["applied", "applied", "applied"]
    phone.pull()
    events = [e for e in phone.records("status_event").values() if e["person_id"] == person]
    assert {(e["from_status"], e["to_status"]) for e in events} == {
        (None, "seeking"), ("seeking", "employed")}
    assert phone.records("person")[person]["status"] == "employed"
    with app.app_context():
        assert db.session.get(Person, uuid.UUID(person)).helper_id == world["helper1"]


def test_a_rest_status_change_joins_the_history_the_phones_merge_against(app, client, auth, world):
    person = world["graduate"]
    phone = device(client, auth, "helper1")
    phone.pull()
    phone.transition("person", person, "status", "internship")
    assert phone.push()["results"][0]["status"] == "applied"
    resp = client.post(f"/api/persons/{person}/status", headers=auth.headers("helper1"),
                       json={"to": "employed", "expected_from": "internship"})
    assert resp.status_code == 201, resp.get_json()
    phone.pull()
    assert phone.records("person")[person]["status"] == "employed"
    phone.transition("person", person, "status", "further_study")
    assert phone.push()["results"][0]["status"] == "applied", "it saw the REST move: no conflict"
    phone.pull()
    assert phone.records("person")[person]["status"] == "further_study"
    moves = sorted((e["from_status"], e["to_status"]) for e in phone.records("status_event").values()
                   if e["person_id"] == person and e["from_status"])
    assert moves == [("employed", "further_study"), ("internship", "employed"),
                     ("seeking", "internship")], "the REST event is not duplicated"
    assert not phone.records("conflict")


def test_a_returned_visit_reaches_its_helper_by_pull(client, auth, world):
    phone = device(client, auth, "helper1")
    visit = phone.insert("visit", {"household_id": world["h1"], "channel": "phone",
                                   "occurred_at": "2026-11-20T09:00:00Z", "notes": "电话"})
    phone.push()
    phone.pull()
    resp = client.post(f"/api/visits/{visit['entity_id']}/review", headers=auth.headers("supervisor1"),
                       json={"decision": "return", "comment": "写清楚服务内容"})
    assert resp.status_code == 200, resp.get_json()
    phone.pull()
    returned = phone.records("visit")[visit["entity_id"]]
    assert (returned["review_state"], returned["review_comment"]) == ("returned", "写清楚服务内容")


def test_a_recommendations_history_is_pulled_read_only(app, client, auth, world):
    with app.app_context():
        job_id = str(make_job().id)
        db.session.commit()
    phone = device(client, auth, "helper1")
    rec = phone.insert("recommendation", {"person_id": world["graduate"], "job_id": job_id,
                                          "reasons": "专业对口"})
    assert phone.push()["results"][0]["status"] == "applied"
    phone.pull()
    phone.transition("recommendation", rec["entity_id"], "state", "interested")
    assert phone.push()["results"][0]["status"] == "applied"
    phone.pull()
    pulled = phone.records("recommendation")[rec["entity_id"]]
    assert [(m["from"], m["to"]) for m in pulled["history"]] == [
        (None, "recommended"), ("recommended", "interested")]
    assert pulled["state_changed_at"].endswith("Z")
    # Devices never write the moves nor their time.
    phone.set("recommendation", rec["entity_id"], {"history": []})
    phone.set("recommendation", rec["entity_id"], {"state_changed_at": "2026-01-01T00:00:00Z"})
    assert [r.get("code") for r in phone.push()["results"]] == ["server_only_field"] * 2
    phone.pull()
    assert len(phone.records("recommendation")[rec["entity_id"]]["history"]) == 2


def test_a_floor_moves_the_devices_acked_seq_past_an_op_it_gave_up_on(app, client, auth, world):
    phone = device(client, auth, "helper1")
    first = phone.insert("note", {"household_id": world["h1"], "text": "第一次"})
    phone.insert("note", {"household_id": world["h1"], "text": "parked, then discarded"})
    third = phone.insert("note", {"household_id": world["h1"], "text": "第三次"})
    answer = phone.push_request([first, third])
    assert answer["acked_seq"] == 1
    assert answer["retention_ms"] == 14 * 86_400_000
    body = {"protocol": 2, "client_id": phone.client_id, "ops": [], "floor": 3}
    resp = client.post("/api/sync/push", json=body, headers=phone.headers)
    assert resp.status_code == 200 and resp.get_json()["acked_seq"] == 1
    assert phone.push_request([])["acked_seq"] == 3
    with app.app_context():
        assert db.session.get(SyncClient, phone.client_id).acked_seq == 3
    assert phone.pull_page()["retention_ms"] == 14 * 86_400_000


def test_a_floor_that_is_not_a_seq_never_fails_the_push(app, client, auth, world):
    phone = device(client, auth, "helper1")
    phone.insert("note", {"household_id": world["h1"], "text": "谈心"})
    for floor in ("soon", -4, 10**30, {"a": 1}):
        body = {"protocol": 2, "client_id": phone.client_id, "ops": phone.outbox, "floor": floor}
        resp = client.post("/api/sync/push", json=body, headers=phone.headers)
        assert resp.status_code == 200, resp.get_json()
        assert resp.get_json()["acked_seq"] == 1
