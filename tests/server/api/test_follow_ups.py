"""Follow-ups through the API: who is due, overdue first, in the caller's scope only."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import delete

from server.business_time import business_today
from server.extensions import db
from server.models import Person, Visit, utcnow, visit_person
from tests.server.callers import assert_error


def contacted(app, person_id: str, days_ago: int | None) -> None:
    """The person's last contact was a visit `days_ago` days back (None: never contacted),
    stored as the write path stores it."""
    with app.app_context():
        person = db.session.get(Person, uuid.UUID(person_id))
        db.session.execute(delete(visit_person).where(visit_person.c.person_id == person.id))
        person.last_contact_at = None
        if days_ago is not None:
            at = utcnow() - timedelta(days=days_ago)
            visit = Visit(household_id=person.household_id, channel="home_visit", occurred_at=at,
                          outcome="met", stamps={}, status_changes=[])
            visit.persons = [person]
            db.session.add(visit)
            person.last_contact_at = at
        db.session.commit()


@pytest.fixture
def due_world(app, world):
    """李杰 (every 14 days) overdue by 6; 王芳 (15) overdue by 25; 王强 (15) due in 5."""
    contacted(app, world.graduate, 20)
    contacted(app, world.persons["王芳"], 40)
    contacted(app, world.persons["王强"], 10)
    contacted(app, world.persons["Chen Mei"], 1)
    contacted(app, world.persons["赵敏"], 1)
    return world


def due(client, headers, **query) -> dict:
    resp = client.get("/api/follow-ups/due", headers=headers, query_string=query)
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_overdue_come_first_most_overdue_first(client, as_role, due_world):
    body = due(client, as_role("helper"))
    listed = [(i["name"], i["days_overdue"], i["overdue"]) for i in body["items"]]
    assert listed == [("王芳", 25, True), ("李杰", 6, True), ("王强", -5, False)]
    assert body["overdue_count"] == 2
    assert body["today"] == business_today().isoformat()
    first = body["items"][0]
    assert first["due_on"] == (business_today() - timedelta(days=25)).isoformat()
    assert first["interval_days"] == 15 and first["days_since_contact"] == 40
    assert first["reason"] == "零就业家庭，每15天一次；距上次联系40天"  # the helper reads Chinese
    assert first["reason_code"] == "interval" and first["attempts"] == 0


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("helper", {"王芳", "李杰", "王强"}),
        ("supervisor", {"王芳", "李杰", "王强"}),
        ("admin", {"王芳", "李杰", "王强"}),
        ("other_helper", set()),
    ],
)
def test_the_due_list_is_scoped(client, as_role, due_world, role, names):
    assert {i["name"] for i in due(client, as_role(role))["items"]} == names


def test_a_supervisor_sees_only_their_sub_district(client, app, as_role, due_world):
    contacted(app, due_world.persons["赵敏"], 400)
    contacted(app, due_world.persons["Chen Mei"], 31)
    names = {i["name"] for i in due(client, as_role("supervisor"), overdue_only=True)["items"]}
    assert names == {"王芳", "李杰", "Chen Mei"}
    assert [i["name"] for i in due(client, as_role("other_helper"))["items"]] == ["赵敏"]


def test_overdue_only_and_within_days(client, as_role, due_world):
    h = as_role("helper")
    assert [i["name"] for i in due(client, h, overdue_only=True)["items"]] == ["王芳", "李杰"]
    assert [i["name"] for i in due(client, h, within_days=4)["items"]] == ["王芳", "李杰"]


def test_a_client_has_no_due_list(client, as_role, due_world):
    assert_error(client.get("/api/follow-ups/due", headers=as_role("client")), 403, "forbidden")


def test_a_category_change_mid_cycle_takes_effect_at_once(client, app, as_role, due_world):
    h = as_role("helper")
    resp = client.patch(
        f"/api/persons/{due_world.graduate}", headers=h, json={"category": "settled"}
    )
    assert resp.status_code == 200, resp.get_json()
    assert "李杰" not in {i["name"] for i in due(client, h)["items"]}
    client.patch(
        f"/api/persons/{due_world.graduate}", headers=h, json={"category": "zero_employment_family"}
    )
    item = next(i for i in due(client, h)["items"] if i["name"] == "李杰")
    assert (item["interval_days"], item["days_overdue"], item["overdue"]) == (15, 5, True)


def test_an_admin_changes_a_rule_and_the_due_list_follows(client, as_role, due_world):
    resp = client.put(
        "/api/follow-up-rules/zero_employment_family",
        headers=as_role("admin"),
        json={"interval_days": 7},
    )
    assert resp.status_code == 200, resp.get_json()
    assert resp.get_json()["interval_days"] == 7 and resp.get_json()["default_days"] == 15
    item = next(i for i in due(client, as_role("helper"))["items"] if i["name"] == "王强")
    assert (item["interval_days"], item["days_overdue"], item["overdue"]) == (7, 3, True)
    rules = {
        r["category"]: r
        for r in client.get("/api/follow-up-rules", headers=as_role("helper")).get_json()
    }
    assert rules["zero_employment_family"]["interval_days"] == 7
    assert rules["settled"] == {
        "category": "settled",
        "interval_days": 365,
        "default_days": 365,
        "updated_at": None,
    }


def test_an_unknown_category_has_no_rule(client, as_role, world):
    resp = client.put(
        "/api/follow-up-rules/astronaut", headers=as_role("admin"), json={"interval_days": 7}
    )
    assert_error(resp, 404, "not_found")


@pytest.mark.parametrize("days", [0, 3651, "x"])
def test_a_rule_interval_must_be_sensible(client, as_role, world, days):
    resp = client.put(
        "/api/follow-up-rules/settled", headers=as_role("admin"), json={"interval_days": days}
    )
    assert "interval_days" in assert_error(resp, 422, "validation_error")["fields"]


def test_a_visit_resets_the_clock_and_may_ask_for_an_earlier_follow_up(client, as_role, due_world):
    h = as_role("helper")
    soon = business_today() + timedelta(days=3)
    resp = client.post(
        "/api/visits",
        headers=h,
        json={
            "household_id": due_world.h1,
            "person_ids": [due_world.graduate],
            "channel": "phone",
            "occurred_at": utcnow().isoformat() + "Z",
            "services": ["cv_revision"],
            "next_follow_up": soon.isoformat(),
        },
    )
    assert resp.status_code == 201, resp.get_json()
    item = next(i for i in due(client, h)["items"] if i["name"] == "李杰")
    assert (item["due_on"], item["days_overdue"], item["overdue"]) == (soon.isoformat(), -3, False)
    assert item["days_since_contact"] == 0


def test_someone_never_contacted_is_due_from_registration(client, app, as_role, world):
    contacted(app, world.graduate, None)
    h = as_role("helper")
    resp = client.post(
        "/api/persons",
        headers=h,
        json={
            "household_id": world.h1,
            "name": "刘洋",
            "category": "settled",
            "registered_on": (business_today() - timedelta(days=3)).isoformat(),
        },
    )
    assert resp.status_code == 201, resp.get_json()
    item = next(i for i in due(client, h)["items"] if i["name"] == "刘洋")
    assert (item["days_overdue"], item["last_contact_at"], item["days_since_contact"]) == (
        3,
        None,
        None,
    )
    assert item["reason_code"] == "never_contacted" and "从未联系" in item["reason"]


def knock(client, headers, household_id, **extra) -> dict:
    resp = client.post("/api/visits", headers=headers, json={
        "household_id": household_id, "channel": "home_visit",
        "occurred_at": utcnow().isoformat() + "Z", **extra})
    assert resp.status_code == 201, resp.get_json()
    return resp.get_json()


def test_a_knock_with_nobody_met_clears_nobody(client, as_role, due_world):
    """The issue's bug: a visit with nobody ticked took the whole household off the list."""
    h = as_role("helper")
    before = {i["name"]: i["days_overdue"] for i in due(client, h)["items"]}
    visit = knock(client, h, due_world.shared)  # 王芳 and 王强's household
    assert visit["outcome"] == "nobody_home" and visit["person_ids"] == []
    after = {i["name"]: (i["days_overdue"], i["attempts"]) for i in due(client, h)["items"]}
    assert {n: d for n, (d, _a) in after.items()} == before
    assert {n: a for n, (_d, a) in after.items()} == {"王芳": 1, "王强": 1, "李杰": 0}


def test_an_unanswered_call_is_an_attempt_not_a_contact(client, as_role, due_world):
    h = as_role("helper")
    knock(client, h, due_world.shared, channel="phone", outcome="no_answer",
          person_ids=[due_world.persons["王芳"]])
    item = next(i for i in due(client, h)["items"] if i["name"] == "王芳")
    assert (item["days_overdue"], item["attempts"]) == (25, 1)
    assert item["reason"].endswith("此后1次未联系上")


def test_an_older_visits_next_visit_date_no_longer_counts(client, app, as_role, due_world):
    """The issue's 127 days: the board honoured a date set at an older visit."""
    h = as_role("helper")
    long_ago = (utcnow() - timedelta(days=150)).isoformat() + "Z"
    knock(client, h, due_world.shared, person_ids=[due_world.persons["王芳"]], occurred_at=long_ago,
          next_follow_up=(business_today() - timedelta(days=127)).isoformat())
    knock(client, h, due_world.shared, person_ids=[due_world.persons["王芳"]])
    assert "王芳" not in {i["name"] for i in due(client, h)["items"]}


@pytest.mark.parametrize(("channel", "outcome"), [("phone", "met"), ("home_visit", "no_answer"),
                                                  ("phone", "astronaut")])
def test_an_outcome_must_fit_the_channel(client, as_role, due_world, channel, outcome):
    resp = client.post("/api/visits", headers=as_role("helper"), json={
        "household_id": due_world.h1, "channel": channel, "outcome": outcome,
        "person_ids": [due_world.graduate], "occurred_at": utcnow().isoformat() + "Z"})
    assert "outcome" in assert_error(resp, 422, "validation_error")["fields"]


def test_a_contact_must_name_who_was_met(client, as_role, due_world):
    resp = client.post("/api/visits", headers=as_role("helper"), json={
        "household_id": due_world.h1, "channel": "home_visit", "outcome": "met",
        "occurred_at": utcnow().isoformat() + "Z"})
    assert "person_ids" in assert_error(resp, 422, "validation_error")["fields"]


@pytest.mark.parametrize("days_ahead", [1, 365])
def test_a_visit_cannot_be_dated_after_today(client, as_role, due_world, days_ahead):
    """The issue's year-ahead typo hid a person for a year; now it is refused at once."""
    tomorrow = utcnow() + timedelta(days=days_ahead)
    resp = client.post("/api/visits", headers=as_role("helper"), json={
        "household_id": due_world.h1, "channel": "home_visit", "person_ids": [due_world.graduate],
        "occurred_at": tomorrow.isoformat() + "Z"})
    assert "occurred_at" in assert_error(resp, 422, "future_date")["fields"]


def test_a_stored_future_visit_hides_nobody(client, app, as_role, due_world):
    contacted(app, due_world.persons["王芳"], -365)  # typed before dates were bounded
    item = next(i for i in due(client, as_role("helper"))["items"] if i["name"] == "王芳")
    assert item["reason_code"] == "never_contacted" and item["overdue"]


def test_the_due_list_filters_by_group_and_says_each_persons_step(client, app, as_role, due_world):
    with app.app_context():
        for name in ("王芳", "李杰"):
            db.session.get(Person, uuid.UUID(due_world.persons[name])).group_name = "第一组"
        db.session.commit()
    items = due(client, as_role("helper"), group_name="第一组")["items"]
    assert [i["name"] for i in items] == ["王芳", "李杰"]
    assert all(i["group_name"] == "第一组" and i["guidance_step"] for i in items)


def test_the_overdue_csv_speaks_the_readers_language(client, app, as_role, due_world):
    resp = client.get("/api/reports/overdue_persons.csv", headers=as_role("supervisor"))
    text = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "零就业家庭，每15天一次" in text and "zero_employment" not in text
