"""Dates a person mistypes are refused; dates already stored, however absurd, break no screen.

Visits are append-only, so a visit dated 9999-12-31 stored before the bounds existed stays for
ever: the follow-ups list, the supervisor board, the overdue CSV and a graduate's care-team
page must still answer for everyone in scope.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest

from server.business_time import business_today, local_day
from server.extensions import db
from server.models import Person, Visit, utcnow
from tests.server.callers import assert_error


def visit_body(world, **overrides):
    body = {
        "household_id": world.h1,
        "channel": "home_visit",
        "occurred_at": utcnow().isoformat() + "Z",
        "services": ["heart_to_heart"],
    }
    body.update(overrides)
    return body


def test_a_visit_dated_after_today_is_refused(client, as_role, world):
    """Today in the office's timezone is fine, a phone a few minutes fast too; tomorrow is not."""
    soon = utcnow() + timedelta(minutes=5)
    if local_day(soon) == business_today():
        ok = client.post("/api/visits", headers=as_role("helper"),
                         json=visit_body(world, occurred_at=soon.isoformat() + "Z"))
        assert ok.status_code == 201, ok.get_json()
    for ahead in (timedelta(days=1), timedelta(days=365)):
        resp = client.post("/api/visits", headers=as_role("helper"),
                           json=visit_body(world, occurred_at=(utcnow() + ahead).isoformat() + "Z"))
        assert "occurred_at" in assert_error(resp, 422, "future_date")["fields"]


def test_a_next_follow_up_more_than_two_years_ahead_is_refused(client, as_role, world):
    today = utcnow().date()
    ok = client.post("/api/visits", headers=as_role("helper"),
                     json=visit_body(world, next_follow_up=(today + timedelta(days=700)).isoformat()))
    assert ok.status_code == 201, ok.get_json()
    resp = client.post("/api/visits", headers=as_role("helper"),
                       json=visit_body(world, next_follow_up="9999-12-31"))
    assert "next_follow_up" in assert_error(resp, 422)["fields"]


def _store_absurd_visit(app, world) -> None:
    """What an older server let through: a visit at the end of time, for 李杰 (a graduate)."""
    with app.app_context():
        person = db.session.get(Person, uuid.UUID(world.graduate))
        end = datetime(9999, 12, 31, 23, 59, 59)
        visit = Visit(id=uuid.uuid4(), household_id=person.household_id, channel="home_visit",
                      occurred_at=end, notes="", services=[], next_follow_up=date(9999, 12, 31))
        visit.persons = [person]
        person.last_contact_at = end
        db.session.add(visit)
        db.session.commit()


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("helper", "/api/follow-ups/due?within_days=400"),
        ("supervisor", "/api/follow-ups/due"),
        ("supervisor", "/api/reports/summary"),
        ("supervisor", "/api/reports/overdue.csv"),
        ("admin", "/api/reports/overdue.csv"),
        ("client", "/api/persons/{graduate}/care-team"),
        ("helper", "/api/persons/{graduate}/care-team"),
    ],
)
def test_a_visit_at_the_end_of_time_breaks_no_screen(app, client, as_role, world, role, path):
    _store_absurd_visit(app, world)
    resp = client.get(path.format(graduate=world.graduate), headers=as_role(role))
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]


def test_the_absurd_visit_hides_nobody(app, client, as_role, world):
    """The issue: a visit dated a year ahead hid the person for a year. A stored one is ignored."""
    _store_absurd_visit(app, world)
    due = client.get("/api/follow-ups/due?within_days=0", headers=as_role("helper")).get_json()["items"]
    item = next(i for i in due if i["person_id"] == world.graduate)
    assert item["reason_code"] == "never_contacted" and item["last_contact_on"] is None
    team = client.get(f"/api/persons/{world.graduate}/care-team", headers=as_role("client"))
    assert team.get_json()["due_on"] == item["due_on"]


@pytest.mark.parametrize(
    ("now", "occurred", "refused"),
    [
        # 23:58 in Beijing: a phone a few minutes fast is already at 00:03 tomorrow; that is fine.
        (datetime(2026, 12, 1, 15, 58), datetime(2026, 12, 1, 16, 3), False),
        # The same evening, a visit dated tomorrow noon is a mistake.
        (datetime(2026, 12, 1, 15, 58), datetime(2026, 12, 2, 4, 0), True),
        # 00:02 in Beijing (16:02 UTC): a visit a day ahead is refused, whatever UTC's date says.
        (datetime(2026, 12, 1, 16, 2), datetime(2026, 12, 2, 16, 2), True),
        # Mid-afternoon: later today is today.
        (datetime(2026, 12, 1, 7, 0), datetime(2026, 12, 1, 15, 0), False),
    ],
)
def test_the_future_is_the_office_day_with_a_little_clock_skew(monkeypatch, now, occurred, refused):
    """`refuse_future` at any hour, including the one either side of midnight in Beijing."""
    from server import case_file
    from server.errors import Unprocessable

    monkeypatch.setattr(case_file, "utcnow", lambda: now)
    if refused:
        with pytest.raises(Unprocessable):
            case_file.refuse_future(occurred)
    else:
        case_file.refuse_future(occurred)
