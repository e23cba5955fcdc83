"""The issue's proof: on the demo data, the board's overdue count, `GET /api/follow-ups/due`, the
overdue CSV and the phone's Today rule (the JavaScript `personsDue`, run in node over the same
persons, visits and rules) agree to the person.

The board once said 127 days where the phone never showed past 30: the rule was written twice.
The demo is seeded, then given what broke the copies: knocks naming nobody, an unanswered call,
an amended visit, a next-visit date on an older visit and a visit stored a year ahead.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from server import scoping
from server.business_time import business_today
from server.demo_data import seed_demo
from server.domain.follow_up import current_rules
from server.extensions import db
from server.models import Household, Person, User, Visit, utcnow
from server.timestamps import iso_utc
from tests.conftest import AuthActions

ROOT = Path(__file__).resolve().parents[2]
NODE_RULE = """
import { readFileSync } from 'node:fs';
import { personsDue } from '%s';
const data = JSON.parse(readFileSync(process.argv[1], 'utf8'));
const dues = personsDue(data.persons, data.visits, data.rules, Date.now());
console.log(JSON.stringify(dues.filter((d) => d.overdueDays > 0).map((d) => [d.person.id, d.overdueDays, d.attempts])));
"""


def _twists(client: FlaskClient, auth: AuthActions, helper: User) -> None:
    """What the two copies disagreed on, written as a helper would (and one stored legacy row)."""
    h = auth.headers(helper.username)
    households = list(db.session.scalars(select(Household).where(
        Household.primary_helper_id == helper.id).order_by(Household.address).limit(4)))
    now = utcnow()
    first, second, third, fourth = households
    post = lambda body: client.post("/api/visits", headers=h, json=body)  # noqa: E731
    assert post({"household_id": str(first.id), "channel": "home_visit",
                 "occurred_at": iso_utc(now)}).status_code == 201  # nobody home
    member = first.members[0]
    assert post({"household_id": str(first.id), "channel": "phone", "outcome": "no_answer",
                 "person_ids": [str(member.id)], "occurred_at": iso_utc(now)}).status_code == 201
    old = post({"household_id": str(second.id), "channel": "home_visit",
                "person_ids": [str(second.members[0].id)],
                "occurred_at": iso_utc(now - timedelta(days=200)),
                "next_follow_up": (business_today() - timedelta(days=127)).isoformat()})
    assert old.status_code == 201
    wrong = post({"household_id": str(third.id), "channel": "home_visit",
                  "person_ids": [str(p.id) for p in third.members], "occurred_at": iso_utc(now)})
    assert post({"household_id": str(third.id), "channel": "home_visit", "outcome": "nobody_home",
                 "amends_visit_id": wrong.get_json()["id"],
                 "occurred_at": iso_utc(now)}).status_code == 201
    ahead = Visit(id=uuid.uuid4(), household_id=fourth.id, channel="home_visit", stamps={},
                  occurred_at=now + timedelta(days=365), status_changes=[], services=[], notes="")
    ahead.persons = list(fourth.members)
    db.session.add(ahead)
    db.session.commit()


def _phone(user: User, tmp_path: Path) -> dict[str, tuple[int, int]]:
    """The phone's Today over what the user's replica holds, in node (Beijing time, as the phone)."""
    persons = list(db.session.scalars(scoping.persons(user)))
    households = {p.household_id for p in persons}
    visits = [v for v in db.session.scalars(select(Visit)) if v.household_id in households]
    data = {
        "persons": [{"id": str(p.id), "household_id": str(p.household_id), "category": p.category,
                     "status": p.status, "name": p.name,
                     "registered_on": p.registered_on.isoformat() if p.registered_on else None}
                    for p in persons],
        "visits": [{"id": str(v.id), "household_id": str(v.household_id),
                    "person_ids": sorted(str(p.id) for p in v.persons), "occurred_at": iso_utc(v.occurred_at),
                    "outcome": v.outcome, "amends_visit_id": str(v.amends_visit_id) if v.amends_visit_id else None,
                    "next_follow_up": v.next_follow_up.isoformat() if v.next_follow_up else None}
                   for v in visits],
        "rules": current_rules(),
    }
    exported = tmp_path / f"replica-{user.username}.json"
    exported.write_text(json.dumps(data), "utf-8")
    module = (ROOT / "pwa/js/domain/followup.js").as_uri()
    out = subprocess.run(["node", "--input-type=module", "-e", NODE_RULE % module, str(exported)],
                         capture_output=True, text=True, check=True, timeout=60,
                         env={**os.environ, "TZ": "Asia/Shanghai"})
    return {pid: (days, attempts) for pid, days, attempts in json.loads(out.stdout)}


def _csv_ids(client: FlaskClient, headers: dict[str, str]) -> dict[str, tuple[int, int]]:
    resp = client.get("/api/reports/overdue_persons.csv", headers=headers)
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    rows = list(csv.DictReader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert all(r["reason"] and "_" not in r["reason"] for r in rows)  # a line, not a code
    return {r["person_id"]: (int(r["days_overdue"]), int(r["attempts"])) for r in rows}


@pytest.mark.parametrize("username", ["supervisor1", "helper1"])
def test_board_due_list_csv_and_today_agree_to_the_person(
    app: Flask, client: FlaskClient, auth: AuthActions, tmp_path: Path, username: str
) -> None:
    with app.app_context():
        seed_demo(seed=7, scale=0.15)
        helper = db.session.scalar(select(User).where(User.username == "helper1"))
        _twists(client, auth, helper)
        reader = db.session.scalar(select(User).where(User.username == username))
        phone = _phone(reader, tmp_path)
    h = auth.headers(username)
    due = client.get("/api/follow-ups/due?overdue_only=true&within_days=0&limit=5000",
                     headers=h).get_json()
    listed = {i["person_id"]: (i["days_overdue"], i["attempts"]) for i in due["items"]}
    assert listed == phone and len(listed) >= 5
    assert _csv_ids(client, h) == listed
    assert max(days for days, _a in listed.values()) < 127  # the older visit's date is superseded
    assert any(attempts for _d, attempts in listed.values())
    if username == "supervisor1":
        board = client.get("/api/reports/summary", headers=h).get_json()
        assert board["overdue"]["total"] == due["overdue_count"] == len(phone)
        assert sum(r["overdue"] for r in board["overdue"]["by_helper"]) == len(phone)
        assert sum(r["overdue"] for r in board["by_group"]) == len(phone)
        assert board["activity"]["attempts"] >= 2


def test_a_person_is_never_hidden_by_a_visit_stored_a_year_ahead(
    app: Flask, client: FlaskClient, auth: AuthActions
) -> None:
    with app.app_context():
        seed_demo(seed=7, scale=0.15)
        helper = db.session.scalar(select(User).where(User.username == "helper1"))
        _twists(client, auth, helper)
        ahead = db.session.scalar(select(Visit).where(Visit.occurred_at > utcnow()))
        hidden: list[Any] = [str(p.id) for p in ahead.persons]
        members = list(db.session.scalars(select(Person).where(Person.id.in_(
            [p.id for p in ahead.persons]))))
    items = client.get("/api/follow-ups/due?within_days=400&limit=5000",
                       headers=auth.headers("helper1")).get_json()["items"]
    seen = {i["person_id"]: i for i in items}
    for pid, person in zip(hidden, members, strict=True):
        if person.status != "not_eligible":
            assert seen[pid]["due_on"] < (business_today() + timedelta(days=366)).isoformat()
