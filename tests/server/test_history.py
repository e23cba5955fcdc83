"""A file's history from the audit log (issue 11, item 2): who changed what, when, from which
device, old → new; who may read it; the supervisor's and admin's audit search; and reading a
person's file leaves one `read` row, not one per look."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from server.extensions import db
from server.history import entries
from server.models import AuditLog, utcnow
from tests.server.callers import assert_error


def signed_in(client, username="helper1", device="phone-zhang", label="张燕的手机"):
    """Headers of a real sign-in from a named phone (the label is what the history shows)."""
    resp = client.post(
        "/api/auth/login",
        json={"username": username, "password": "doorstep-demo", "device_label": label},
        headers={"X-Device-Id": device},
    )
    assert resp.status_code == 200, resp.get_json()
    return {"Authorization": f"Bearer {resp.get_json()['access_token']}", "X-Device-Id": device}


def history(client, headers, entity, ident, **query):
    resp = client.get(f"/api/history/{entity}/{ident}", headers=headers, query_string=query)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def audit(client, headers, **query):
    resp = client.get("/api/audit", headers=headers, query_string=query)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_a_changed_phone_number_shows_who_from_which_phone_and_old_to_new(client, world):
    helper = signed_in(client)
    resp = client.patch(f"/api/persons/{world.graduate}", json={"phone": "13900001111"},
                        headers=helper)
    assert resp.status_code == 200, resp.get_json()

    newest = history(client, helper, "person", world.graduate)["items"][0]
    assert newest["action"] == "update"
    assert newest["user_name"] == "张燕"
    assert newest["device_id"] == "phone-zhang"
    assert newest["device_label"] == "张燕的手机"
    assert {"field": "phone", "old": "13800000001", "new": "13900001111"} in newest["changes"]
    assert all(c["field"] not in ("stamps", "updated_device") for c in newest["changes"])


def test_the_history_starts_with_the_file_being_opened_and_includes_its_status_changes(
    client, world, as_role
):
    resp = client.post(f"/api/persons/{world.graduate}/status", json={"to": "employed"},
                       headers=as_role("helper"))
    assert resp.status_code in (200, 201), resp.get_json()
    items = history(client, as_role("helper"), "person", world.graduate)["items"]
    assert items[-1]["action"] == "create" and items[-1]["entity"] == "person"
    assert {"field": "name", "old": None, "new": "李杰"} in items[-1]["changes"]
    assert any(i["entity"] == "status_event" and
               {"field": "to_status", "old": None, "new": "employed"} in i["changes"]
               for i in items), items


def test_a_household_and_a_visit_have_their_own_history(client, world, as_role):
    client.patch(f"/api/households/{world.h1}", json={"address": "凉城路100弄5号"},
                 headers=as_role("helper"))
    changes = history(client, as_role("helper"), "household", world.h1)["items"][0]["changes"]
    assert {"field": "address", "old": "凉城路100弄3号", "new": "凉城路100弄5号"} in changes

    visit = client.post("/api/visits", headers=as_role("helper"), json={
        "household_id": world.h1, "person_ids": [world.graduate], "channel": "home_visit",
        "occurred_at": (utcnow() - timedelta(hours=1)).isoformat() + "Z", "outcome": "met"})
    assert visit.status_code == 201, visit.get_json()
    items = history(client, as_role("supervisor"), "visit", visit.get_json()["id"])["items"]
    assert items[0]["action"] == "create" and items[0]["user_name"] == "张燕"


def test_the_history_is_for_whoever_may_open_the_file_and_nobody_else(client, world, as_role):
    url = f"/api/history/person/{world.graduate}"
    for role in ("admin", "supervisor", "helper"):
        assert client.get(url, headers=as_role(role)).status_code == 200, role
    # Another sub-district's helper: the same 404 as a file that does not exist. The client's
    # own view is trimmed of staff fields, so the history of those fields is not theirs.
    assert_error(client.get(url, headers=as_role("other_helper")), 404, "not_found")
    assert_error(client.get(url, headers=as_role("client")), 403, "forbidden")
    assert_error(client.get(f"/api/history/person/{uuid.uuid4()}", headers=as_role("admin")),
                 404, "not_found")
    assert_error(client.get(f"/api/history/job/{world.jobs[0]}", headers=as_role("admin")),
                 404, "not_found")
    assert_error(client.get(url), 401)


def test_opening_a_file_twice_is_one_read_and_another_reader_is_another(client, world, as_role):
    for _ in range(3):
        assert client.get(f"/api/persons/{world.graduate}", headers=as_role("helper")).status_code == 200
    client.get(f"/api/persons/{world.graduate}", headers=as_role("supervisor"))
    client.get(f"/api/persons/{uuid.uuid4()}", headers=as_role("helper"))  # 404: nothing read
    client.get(f"/api/persons/{world.graduate}", headers=as_role("client"))  # their own file

    reads = audit(client, as_role("admin"), action="read")["items"]
    assert sorted(r["user_name"] for r in reads) == ["张燕", "魏蕊"]
    assert all(r["entity_id"] == world.graduate and r["changes"] == [] for r in reads)


def test_reading_a_file_s_history_is_a_read_of_the_file_too(client, world, as_role):
    history(client, as_role("supervisor"), "household", world.h1)
    again = history(client, as_role("supervisor"), "household", world.h1)["items"]
    assert (again[0]["action"], again[0]["user_name"]) == ("read", "魏蕊")
    assert sum(e["action"] == "read" for e in again) == 1


def test_a_read_is_logged_again_once_the_throttle_window_has_passed(app, client, world, as_role):
    client.get(f"/api/households/{world.h1}", headers=as_role("helper"))
    with app.app_context():
        db.session.execute(update(AuditLog).where(AuditLog.action == "read")
                           .values(at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    client.get(f"/api/households/{world.h1}", headers=as_role("helper"))
    with app.app_context():
        count = db.session.scalar(select(func.count()).where(AuditLog.action == "read"))
    assert count == 2


def test_a_supervisor_searches_their_sub_district_by_user_field_and_day(client, world, as_role):
    helper = signed_in(client)
    client.patch(f"/api/persons/{world.graduate}", json={"phone": "13900001111"}, headers=helper)
    client.patch(f"/api/persons/{world.persons['赵敏']}", json={"phone": "13700002222"},
                 headers=as_role("other_helper"))

    found = audit(client, as_role("supervisor"), field="phone", action="update")["items"]
    assert [r["entity_id"] for r in found] == [world.graduate]
    everywhere = audit(client, as_role("admin"), field="phone", action="update")["items"]
    assert {r["entity_id"] for r in everywhere} == {world.graduate, world.persons["赵敏"]}

    by_helper = audit(client, as_role("supervisor"), user_id=world.users["helper1"])["items"]
    assert by_helper and all(r["user_name"] == "张燕" for r in by_helper)
    today = datetime.now().date()
    assert audit(client, as_role("supervisor"), since=str(today - timedelta(days=1)),
                 until=str(today + timedelta(days=1)), field="phone", action="update")["total"] == 1
    assert audit(client, as_role("supervisor"), until=str(today - timedelta(days=2)))["total"] == 0
    assert audit(client, as_role("supervisor"), entity="household")["total"] >= 3


def test_only_supervisors_and_admins_search_and_bad_filters_are_a_422(client, world, as_role):
    assert_error(client.get("/api/audit", headers=as_role("helper")), 403)
    assert_error(client.get("/api/audit", headers=as_role("client")), 403)
    assert_error(client.get("/api/audit?since=2026-05-02&until=2026-05-01",
                            headers=as_role("admin")), 422)
    assert_error(client.get("/api/audit?field=phone%25", headers=as_role("admin")), 422)
    assert_error(client.get("/api/audit?entity=secrets", headers=as_role("admin")), 422)


def test_secret_fields_never_leave_the_log(app, client, world, as_role):
    client.post("/api/auth/login", json={"username": "helper1", "password": "doorstep-demo"})
    users = audit(client, as_role("admin"), entity="user_account", per_page=500)["items"]
    assert users
    fields = {c["field"] for row in users for c in row["changes"]}
    assert not fields & {"password_hash", "invitation_hash", "stamps"}
    with app.app_context():  # a row written before the hook skipped secrets is still cleaned
        row = AuditLog(id=uuid.uuid4(), at=utcnow(), entity="user_account", entity_id="x",
                       action="update", changes={"password_hash": ["a", "b"], "phone": [None, "1"]})
        assert [c["field"] for c in entries([row])[0]["changes"]] == ["phone"]


def test_a_reassignment_names_the_helpers_not_their_ids(client, world, as_role):
    resp = client.post("/api/households/assign", headers=as_role("supervisor"), json={
        "household_ids": [world.h1], "primary_helper_id": world.users["helper2"]})
    assert resp.status_code == 200, resp.get_json()
    changes = history(client, as_role("supervisor"), "household", world.h1)["items"][0]["changes"]
    moved = next(c for c in changes if c["field"] == "primary_helper_id")
    assert (moved["old_name"], moved["new_name"]) == ("张燕", "Wang Lei")
